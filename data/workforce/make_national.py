"""Write revalo's shipped synthetic national workforce: data/workforce/bass-national.csv.

Usage: python3 make_national.py [OUTPUT.csv]      (default: bass-national.csv beside this script)

A WEIGHTED, SYNTHETIC workforce of the private non-profit social and medico-social sector
(conventions ccn66, ccn66-nexem, ccn51 of ../grids), 2022-2026. Each row stands for `weight`
identical employees. Calibration (see ../SOURCES.md):

* socio-educational staff (filière socio-educatif) add up to 140,000 FTE in April 2022 — the
  official beneficiary count of the Conférence des métiers (18 Feb 2022), stated in FTE — where
  FTE(month) = Σ fte × weight × days present / days in the month;
* each département gets exactly its population share (../departements.csv) of those 140,000 FTE
  (no public per-département series exists: the split is synthetic);
* non-eligible staff (soins, administratif, technique, encadrement) are about 45 % of the headcount;
* turnover: each post's holder leaves at a constant hazard (EXIT_RATE a year), and is replaced
  after a vacancy of 0-4 months, so the FTE stays roughly steady; the process is warmed up from
  2019 so that April 2022 is already in the steady state.

Plain Python 3.11, no numpy, deterministic (SEED). Prints the calibration figures.
"""
import csv
import math
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SEED = 2022
HERE = Path(__file__).resolve().parent
DATA = HERE.parent
TARGET_FTE = 140_000           # socio-educatif FTE in the calibration month
CAL_MONTH = (2022, 4)
POSTS = 17_000                 # posts (chains of successive holders) over France
NON_ELIGIBLE_SHARE = 0.45      # share of posts held by non-eligible staff
EXIT_RATE = 0.11               # exits per holder per year (constant hazard)
WARM_UP = date(2019, 1, 1)     # the turnover process starts here; rows ending before 2022 are dropped
H0, H1 = date(2022, 1, 1), date(2026, 12, 31)

# convention -> share of the socio-educatif posts, share of the non-eligible posts (illustrative)
CONVENTIONS = {"ccn66-nexem": (42, 36), "ccn66": (28, 24), "ccn51": (30, 40)}
# jobs within a convention: (job, relative share); codes as in ../grids/ccn66.csv and ccn51.csv
SOCIO = {
    "ccn66": [("ES", 30), ("ME", 20), ("AES", 24), ("ETS", 4), ("MA", 6), ("CESF", 4), ("ASS", 5),
              ("EJE", 3), ("TISF", 4)],
    "ccn51": [("ES", 28), ("ME", 16), ("AES", 32), ("ETS", 3), ("CESF", 5), ("ASS", 9), ("EJE", 7)],
}
OTHER = {
    "ccn66": [("IDE", 10), ("AS", 20), ("ADM", 25), ("ASI", 30), ("CS", 15)],
    "ccn51": [("IDE", 25), ("AS", 35), ("ADM", 15), ("ASI", 20), ("CS", 5)],
}
FTE_VALUES = [("1", 60), ("0.8", 12), ("0.5", 10), ("0.75", 6), ("0.9", 5), ("0.6", 4), ("0.3", 3)]
# funder of an establishment, by convention (illustrative): child protection / handicap / health
FUNDERS = {"ccn66": [("departement", 40), ("etat", 25), ("conjoint", 25), ("autre", 10)],
           "ccn51": [("etat", 50), ("conjoint", 20), ("departement", 20), ("autre", 10)]}
WEIGHTS0 = [(1, 10), (2, 20), (3, 25), (4, 20), (5, 15), (6, 10)]   # relative size of a post before scaling
POSTS_PER_ESTABLISHMENT = 9
OVERSEAS_PREFIX = {"971": "9A", "972": "9B", "973": "9C", "974": "9D", "976": "9F"}


def pick(r, pairs):
    return r.choices([p[0] for p in pairs], weights=[p[1] for p in pairs], k=1)[0]


def grid_of(conv):
    return "ccn51" if conv == "ccn51" else "ccn66"


def rand_day(r, first, last):
    return first + timedelta(days=r.randrange((last - first).days + 1))


def month_fte(rows, year, month, filt):
    """Σ fte × weight × days present / days in the month over rows matching filt."""
    first = date(year, month, 1)
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
    dim = last.day
    tot = 0.0
    head = 0.0
    for row in rows:
        if not filt(row):
            continue
        s = row["start"] or date.min
        e = row["end"] or date.max
        lo, hi = max(s, first), min(e, last)
        if lo <= hi:
            days = (hi - lo).days + 1
            tot += float(row["fte"]) * row["w"] * days / dim
            head += row["w"]
    return tot, head


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "bass-national.csv"
    r = random.Random(SEED)
    with open(DATA / "departements.csv", encoding="utf-8") as f:
        depts = [(d["code"], int(d["population"])) for d in csv.DictReader(f)]
    pop_total = sum(p for _, p in depts)
    filiere = {}
    for g in ("ccn66", "ccn51"):
        with open(DATA / "grids" / f"{g}.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                filiere[(g, row["job"])] = row["filiere"]

    rows = []
    finess_used = set()
    for code, pop in depts:
        n_posts = max(12, round(POSTS * pop / pop_total))
        prefix = OVERSEAS_PREFIX.get(code, code)
        # establishments of the département, per convention
        estabs = {}
        for conv in CONVENTIONS:
            share = sum(CONVENTIONS[conv]) / sum(sum(v) for v in CONVENTIONS.values())
            n_est = max(1, round(n_posts * share / POSTS_PER_ESTABLISHMENT))
            lst = []
            for _ in range(n_est):
                while True:
                    finess = prefix + f"{r.randrange(10 ** 7):07d}"
                    if finess not in finess_used:
                        finess_used.add(finess)
                        break
                lst.append((finess, pick(r, FUNDERS[grid_of(conv)])))
            estabs[conv] = lst
        for _ in range(n_posts):
            eligible = r.random() >= NON_ELIGIBLE_SHARE
            conv = pick(r, [(c, s[0] if eligible else s[1]) for c, s in CONVENTIONS.items()])
            g = grid_of(conv)
            job = pick(r, SOCIO[g] if eligible else OTHER[g])
            assert (filiere[(g, job)] == "socio-educatif") == eligible, (g, job)
            finess, funder = r.choice(estabs[conv])
            w0 = pick(r, WEIGHTS0)
            fte = pick(r, FTE_VALUES)
            # first holder: in post before the warm-up; seniority 0-35 years at 2022-01-01, more juniors
            years = r.triangular(0, 36, 2)
            seniority = H0 - timedelta(days=int(years * 365.25))
            start = None
            t = WARM_UP
            chain = []
            while True:
                leave = t + timedelta(days=max(1, int(r.expovariate(EXIT_RATE) * 365.25)))
                end = leave if leave <= H1 else None
                chain.append(dict(start=start, end=end, seniority=seniority, fte=fte))
                if end is None:
                    break
                gap = 0 if r.random() < 0.3 else r.randrange(1, 122)
                start = end + timedelta(days=1 + gap)
                if start > H1:
                    break
                t = start
                # a new hire: prior experience recognised for half of them (0-15 years)
                prior = 0 if r.random() < 0.5 else r.randrange(0, 15 * 365)
                seniority = start - timedelta(days=prior)
                if r.random() < 0.2:
                    fte = pick(r, FTE_VALUES)
            for h in chain:
                if h["end"] is not None and h["end"] < H0:
                    continue                    # left before the horizon
                st = h["start"] if h["start"] is not None and h["start"] >= H0 else None
                if h["start"] is not None and h["start"] < H0:
                    h["seniority"] = min(h["seniority"], h["start"])
                rows.append(dict(dept=code, conv=conv, job=job, fte=h["fte"], seniority=h["seniority"],
                                 start=st, end=h["end"], funder=funder, finess=finess, w0=w0,
                                 socio=eligible))

    # calibration: per département, scale the weights so that its socio-educatif FTE in the
    # calibration month is its population share of TARGET_FTE; weights kept to 2 decimals
    y, m = CAL_MONTH
    for code, pop in depts:
        drows = [x for x in rows if x["dept"] == code]
        for x in drows:
            x["w"] = x["w0"]
        fte0, _ = month_fte(drows, y, m, lambda x: x["socio"])
        k = TARGET_FTE * pop / pop_total / fte0
        for x in drows:
            x["w"] = round(x["w0"] * k, 2)

    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("id,departement,convention,job,fte,seniority_date,start_date,end_date,funder,establishment,weight\n")
        for i, x in enumerate(rows, 1):
            w = f"{x['w']:.2f}".rstrip("0").rstrip(".")
            f.write(f"N{i:06d},{x['dept']},{x['conv']},{x['job']},{x['fte']},{x['seniority'].isoformat()},"
                    f"{x['start'].isoformat() if x['start'] else ''},{x['end'].isoformat() if x['end'] else ''},"
                    f"{x['funder']},{x['finess']},{w}\n")
            x["w"] = float(w)

    # figures
    for (yy, mm) in [(2022, 4), (2024, 6), (2026, 12)]:
        fs, hs = month_fte(rows, yy, mm, lambda x: x["socio"])
        fa, ha = month_fte(rows, yy, mm, lambda x: True)
        print(f"{yy}-{mm:02d}: socio-educatif FTE {fs:,.0f} (headcount {hs:,.0f}); all staff FTE {fa:,.0f} "
              f"(headcount {ha:,.0f}, non-eligible {100 * (ha - hs) / ha:.1f} % of headcount)")
    for conv in CONVENTIONS:
        fs, _ = month_fte(rows, y, m, lambda x: x["socio"] and x["conv"] == conv)
        print(f"  {conv}: socio-educatif FTE in {y}-{m:02d} {fs:,.0f}")
    n_start = sum(1 for x in rows if x["start"])
    n_end = sum(1 for x in rows if x["end"])
    print(f"rows {len(rows):,}; rows with start_date {n_start:,}; with end_date {n_end:,}; "
          f"establishments {len(finess_used):,}; seed {SEED}; wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
