"""Write revalo's shipped synthetic workforce of the whole branch: data/workforce/bass-branch.csv.

Usage: python3 make_branch.py [OUTPUT.csv]      (default: bass-branch.csv beside this script)

A WEIGHTED, SYNTHETIC workforce — no public file of the sector's employees exists — of every
filière of the private non-profit BASS (socio-educational, care, administrative, technical and
logistics, management) and of the public agents who received the CTI of 49 points in April 2022,
calibrated on published COUNTS only (never on a cost). Each row stands for `weight` identical
employees, present over the whole horizon (no one enters or leaves; seniority advances with
time). Groups and their targets (sources in ../SOURCES.md):

  private non-profit (conventions ccn66, ccn66-nexem, ccn51)
    conference   socio-educational staff of the Conférence des métiers        140,000 FTE
    laforcade    care staff + AES/AMP of ESSMS funded by the Assurance maladie  73,000 persons
    oublies      administrative, technical and management staff (2024 accord) 112,000 persons
  public (convention fpt)
    essms        socio-educational agents of public ESSMS (Conférence)          30,000 FTE
    dept-social  socio-educational agents of the départements' social services  31,900 persons
    dept-puer    puéricultrices of the départements (56 % of 9,300 paramedical)   5,208 persons
    ccas-aad     home-help agents of the CCAS/CIAS (28.2 M hours / 1,607 h)      17,548 FTE

Each group's target is split over the départements in proportion to population
(../departements.csv) to the hundredth, largest remainder first, so that the national sum is
the target exactly; inside a département the rows' weights are drawn, scaled and rounded to the
hundredth, the rounding carried by a full-time row. Plain Python 3.11, no dependency,
deterministic (SEED). Prints the calibration figures.
"""
import csv
from fractions import Fraction
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SEED = 2024
HERE = Path(__file__).resolve().parent
DATA = HERE.parent
REFERENCE = date(2021, 10, 31)   # seniority dates are on or before this day: present from the first month
ROWS_PER_DEPARTEMENT = 12        # rows drawn per group and département (before merging duplicates)
OVERSEAS_PREFIX = {"971": "9A", "972": "9B", "973": "9C", "974": "9D", "976": "9F"}

PRIVATE_CONVENTIONS = [("ccn66-nexem", 45), ("ccn66", 25), ("ccn51", 30)]   # illustrative [U]
FTE_PRIVATE = [("1", 60), ("0.8", 12), ("0.5", 10), ("0.75", 6), ("0.9", 5), ("0.6", 4), ("0.3", 3)]
FTE_PUBLIC = [("1", 76), ("0.8", 15), ("0.5", 6), ("0.9", 3)]

# group -> (unit of the target, target, sector, jobs by convention, funders, fte law, years of seniority)
# jobs are codes of ../grids/ccn66.csv, ccn51.csv and fpt.csv; funders as in the workforce format.
GROUPS = {
    "conference": ("fte", 140_000, "private", {
        "ccn66": [("ES", 30), ("ME", 20), ("AES", 12), ("ETS", 4), ("MA", 6), ("CESF", 4), ("ASS", 5),
                  ("EJE", 3), ("TISF", 4)],
        "ccn51": [("ES", 28), ("ME", 16), ("AES", 16), ("ETS", 3), ("CESF", 5), ("ASS", 9), ("EJE", 7)],
    }, [("etat", "2/3"), ("departement", "1/3")], FTE_PRIVATE),
    "laforcade": ("persons", 73_000, "private", {
        "ccn66": [("AES", 45), ("AS", 30), ("IDE", 15), ("REE", 10)],
        "ccn51": [("AES", 35), ("AS", 40), ("IDE", 25)],
    }, [("etat", "4/5"), ("conjoint", "1/5")], FTE_PRIVATE),
    "oublies": ("persons", 112_000, "private", {
        "ccn66": [("ADM", 8), ("AGA", 10), ("AAP", 8), ("TQ", 8), ("TS", 4), ("ASI", 20), ("OQ", 14),
                  ("AT", 6), ("ATS", 2), ("DIR", 5), ("CDS", 8), ("CAT", 7)],
        "ccn51": [("ADM", 35), ("ASI", 45), ("CS", 20)],
    }, [("etat", "2/3"), ("departement", "7/30"), ("conjoint", "1/10")], FTE_PRIVATE),
    "essms": ("fte", 30_000, "public", {
        "fpt": [("FPT-ASE", 25), ("FPT-EJE", 10), ("FPT-ME", 35), ("FPT-ME-P", 15), ("FPT-ASE-CE", 5),
                ("FPT-CSE", 7), ("FPT-CSE-S", 3)],
    }, [("departement", "3/10"), ("etat", "2/5"), ("conjoint", "1/10"), ("autre", "1/5")], FTE_PUBLIC),
    "dept-social": ("persons", 31_900, "public", {
        "fpt": [("FPT-ASE", 60), ("FPT-ASE-CE", 12), ("FPT-EJE", 6), ("FPT-CSE", 14), ("FPT-CSE-S", 6),
                ("FPT-CSE-HC", 2)],
    }, [("departement", "1")], FTE_PUBLIC),
    "dept-puer": ("persons", 5_208, "public", {
        "fpt": [("FPT-PUE", 1)],
    }, [("departement", "1")], FTE_PUBLIC),
    "ccas-aad": ("fte", 17_548, "public", {
        "fpt": [("FPT-AGS", 1)],
    }, [("autre", "1")], FTE_PUBLIC),
}


def pick(r, pairs):
    return r.choices([p[0] for p in pairs], weights=[p[1] for p in pairs], k=1)[0]


def read_departements():
    with open(DATA / "departements.csv", newline="", encoding="utf-8") as f:
        return [(row["code"], int(row["population"])) for row in csv.DictReader(f)]


def by_funder(hundredths, funders):
    """A target in hundredths split by the funders' exact shares, the last funder the remainder."""
    parts = [(funder, int(hundredths * Fraction(share))) for funder, share in funders[:-1]]
    return parts + [(funders[-1][0], hundredths - sum(h for _, h in parts))]


def split_hundredths(cents, departements):
    """cents (hundredths) split by population, largest remainder first."""
    pop = sum(p for _, p in departements)
    exact = [(code, Fraction(cents * p, pop)) for code, p in departements]
    shares = {code: int(x) for code, x in exact}
    left = cents - sum(shares.values())
    by_remainder = sorted(exact, key=lambda cx: (-(cx[1] - int(cx[1])), cx[0]))
    for code, _ in by_remainder[:left]:
        shares[code] += 1
    return shares   # hundredths


def finess(r, code, used):
    prefix = OVERSEAS_PREFIX.get(code, code[:2])
    while True:
        number = prefix + "".join(str(r.randrange(10)) for _ in range(7))
        if number not in used:
            used.add(number)
            return number


def seniority_date(r):
    years = r.triangular(0, 36, 6)
    return REFERENCE - timedelta(days=int(years * 365.25))


def draw_rows(r, group, funder, code, hundredths, establishments):
    """The rows of one group in one département: weights summing to the target to the hundredth."""
    unit, _, sector, jobs, funders, fte_law = GROUPS[group]
    share = dict(funders)[funder]
    rows = []
    for k in range(max(3, round(ROWS_PER_DEPARTEMENT * Fraction(share)))):
        conv = pick(r, PRIVATE_CONVENTIONS) if sector == "private" else "fpt"
        grid = "ccn51" if conv == "ccn51" else conv if conv == "fpt" else "ccn66"
        # the first row is full time: it carries the rounding of the weights
        fte = "1" if k == 0 else pick(r, fte_law)
        choices = jobs[grid]
        if group == "conference" and funder != "departement":
            # the AES/AMP of establishments funded by the Assurance maladie had the Laforcade
            # measure (group laforcade); those of the Conférence work where the département funds
            choices = [(job, share) for job, share in choices if job != "AES"]
        job = pick(r, choices)
        key = (conv, funder)
        if sector == "private" and key not in establishments:
            establishments[key] = finess(r, code, establishments.setdefault("used", set()))
        rows.append({
            "convention": conv, "job": job, "fte": fte,
            "seniority_date": seniority_date(r).isoformat(), "funder": funder,
            "establishment": establishments.get(key, "") if sector == "private" else "",
            "raw": r.randint(1, 6),
        })
    measure = [float(row["fte"]) if unit == "fte" else 1.0 for row in rows]
    scale = hundredths / 100 / sum(m * row["raw"] for m, row in zip(measure, rows))
    # weights in hundredths; with an FTE target, a multiple of 0.20 makes fte × weight a whole
    # hundredth for every fte of the laws above, so the sum is exact to the hundredth
    step = 20 if unit == "fte" else 1
    for row in rows:
        row["weight"] = max(step, round(row["raw"] * scale * 100 / step) * step)
    # the first row, full time, carries the rest: Σ measure × weight = the target exactly
    hundredths_of = [int(round(float(row["fte"]) * 100)) if unit == "fte" else 100 for row in rows]
    rest = sum(m * row["weight"] for m, row in zip(hundredths_of[1:], rows[1:]))
    if rest % 100:
        raise SystemExit("internal: a weight does not give a whole hundredth")
    rows[0]["weight"] = hundredths - rest // 100
    if rows[0]["weight"] <= 0:
        raise SystemExit(f"internal: no weight left for the first row of {group} in {code}")
    return rows


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "bass-branch.csv"
    r = random.Random(SEED)
    departements = read_departements()
    lines = []
    figures = {}
    establishments = {}
    for group, (_, target, _sector, _jobs, funders, _fte) in GROUPS.items():
        for funder, hundredths in by_funder(target * 100, funders):
            split = split_hundredths(hundredths, departements)
            for code, _ in departements:
                lines += [(group, code, row) for row in
                          draw_rows(r, group, funder, code, split[code], establishments.setdefault(code, {}))]
    for group, code, row in lines:
        fig = figures.setdefault(group, [0, 0])
        fig[0] += row["weight"]                                        # hundredths of persons
        fig[1] += row["weight"] * int(round(float(row["fte"]) * 100))  # ten-thousandths of FTE
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write("id,departement,convention,job,fte,seniority_date,funder,establishment,weight\n")
        for n, (group, code, row) in enumerate(lines, start=1):
            w = row["weight"]
            f.write(f"SYN{n:06d},{code},{row['convention']},{row['job']},{row['fte']},"
                    f"{row['seniority_date']},{row['funder']},{row['establishment']},"
                    f"{w // 100}.{w % 100:02d}\n")
    print("group        persons        FTE   (synthetic; targets in the module docstring)")
    for group, (persons, fte) in figures.items():
        print(f"{group:12} {persons / 100:>10,.2f} {fte / 10_000:>12,.4f}")
    print(f"rows {len(lines):,}; seed {SEED}; wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
