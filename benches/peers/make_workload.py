"""Write a synthetic national workload for revalo's flat `simulate` benchmarks.

Usage: python3 make_workload.py OUTDIR [--rows 1000000] [--seed 2022]

OUTDIR/scenario.toml     2022–2026: the €183 net measure from 2022-04 for the
                         socio-educational staff (⅔ etat, ⅓ departement) and a
                         +1.5 % point-value measure from 2024-07 (CCN 66 and 51)
OUTDIR/workforce.csv     ROWS employees over the 101 départements
OUTDIR/grids/            3 conventions, 15 jobs, point values that change in 2022–2026
OUTDIR/parameters/       flat employee and employer rates, one change mid-2024

Plain Python (no numpy), deterministic for a seed, about 10 s for a million
rows.  Everything is synthetic: grids, point values and rates are round
illustrative figures, not sourced ones; the files only have to be valid per
docs/formats.md and heavy enough to time.  The inputs of tests/fixtures/random-a
and random-b were written by it (tools/regenerate-reference-fixtures.sh).
"""
import argparse
import random
from datetime import date, timedelta
from pathlib import Path

DEPTS = ([f"{i:02d}" for i in range(1, 20)] + ["2A", "2B"] + [f"{i:02d}" for i in range(21, 96)]
         + ["971", "972", "973", "974", "976"])
# FINESS numbers begin with the département code, 9A…9F overseas
FINESS_PREFIX = {d: d for d in DEPTS} | {"971": "9A", "972": "9B", "973": "9C", "974": "9D", "976": "9F"}

CONVENTIONS = [  # id, label, idcc, sector, share of the workforce
    ("ccn66", "CCN du 15 mars 1966 (synthetic grid)", "0413", "prive_non_lucratif", 45),
    ("ccn51", "CCN du 31 octobre 1951 (synthetic grid)", "0029", "prive_non_lucratif", 35),
    ("bad", "Branche de l'aide à domicile (synthetic grid)", "2941", "prive_non_lucratif", 20),
]

# convention -> [(job, label, filiere, first coefficient, complement_pct, share within the convention)]
JOBS = {
    "ccn66": [("ES", "Éducateur spécialisé", "socio-educatif", 434, "8.21", 30),
              ("ME", "Moniteur-éducateur", "socio-educatif", 390, "8.21", 20),
              ("AMP", "Accompagnant éducatif et social", "socio-educatif", 363, "8.21", 20),
              ("CESF", "Conseiller en économie sociale et familiale", "socio-educatif", 434, "8.21", 5),
              ("IDE", "Infirmier", "soins", 446, "8.21", 10),
              ("SEC", "Secrétaire", "administratif", 348, "", 15)],
    "ccn51": [("ES", "Éducateur spécialisé", "socio-educatif", 483, "", 30),
              ("EJE", "Éducateur de jeunes enfants", "socio-educatif", 478, "", 15),
              ("AS", "Aide-soignant", "soins", 351, "", 30),
              ("ASH", "Agent de service hospitalier", "technique", 329, "", 15),
              ("CPT", "Comptable", "administratif", 417, "", 10)],
    "bad": [("AVS", "Accompagnant éducatif et social à domicile", "socio-educatif", 295, "", 50),
            ("AD", "Aide à domicile", "technique", 270, "", 30),
            ("RS", "Responsable de secteur", "encadrement", 420, "5", 10),
            ("ASS", "Assistant de service social", "socio-educatif", 405, "", 10)],
}
STEPS = [0, 12, 36, 60, 84, 108, 132, 168, 204, 240, 276, 312]  # seniority months of each echelon

POINT_VALUES = {  # convention -> [(effective, value)]
    "ccn66": [("2021-02-01", "3.82"), ("2022-07-01", "3.90"), ("2024-01-01", "3.95"), ("2025-07-01", "4.00")],
    "ccn51": [("2021-01-01", "4.447"), ("2022-09-01", "4.5132"), ("2024-04-01", "4.6016")],
    "bad": [("2021-10-01", "5.50"), ("2023-01-01", "5.68"), ("2025-01-01", "5.80")],
}

RATES = [("employee_rate", "prive_non_lucratif", "2010-01-01", "0.2237"),
         ("employee_rate", "prive_non_lucratif", "2024-07-01", "0.2251"),
         ("employer_rate", "prive_non_lucratif", "2010-01-01", "0.4185"),
         ("employer_rate", "prive_non_lucratif", "2024-07-01", "0.4210")]

SCENARIO = '''name = "Synthetic national workload: €183 net from 2022-04 and +1.5 % on the point from 2024-07"
years = [2022, 2026]
workforce = "workforce.csv"
grids = "grids"
parameters = "parameters"

[[measure]]
id = "segur-socio-educatif"
kind = "net_monthly"
amount = "183.00"
from = "2022-04"
eligible = { filiere = ["socio-educatif"], sector = ["prive_non_lucratif"] }
funding = { etat = "2/3", departement = "1/3" }

[[measure]]
id = "point-plus-1-5"
kind = "point_value"
percent = "1.5"
from = "2024-07"
eligible = { convention = ["ccn66", "ccn51"] }
funding = { departement = "1/2", assurance_maladie = "1/2" }
'''


def day_strings(first, last):
    d, out = first, []
    while d <= last:
        out.append(d.isoformat())
        d += timedelta(days=1)
    return out


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(f'"{v}"' if "," in v else v for v in r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=2022)
    a = ap.parse_args()
    out = Path(a.out)
    (out / "grids").mkdir(parents=True, exist_ok=True)
    (out / "parameters").mkdir(parents=True, exist_ok=True)
    r = random.Random(a.seed)

    write_csv(out / "grids" / "conventions.csv", ["convention", "label", "idcc", "sector"],
              [c[:4] for c in CONVENTIONS])
    write_csv(out / "grids" / "point_values.csv", ["convention", "effective", "value"],
              [(c, e, v) for c, vals in POINT_VALUES.items() for e, v in vals])
    for conv, jobs in JOBS.items():
        rows = []
        for job, label, fil, coef, pct, _ in jobs:
            for k, months in enumerate(STEPS):
                rows.append((job, label, fil, str(k + 1), str(months), str(coef + 17 * k + k * k), pct))
        write_csv(out / "grids" / f"{conv}.csv",
                  ["job", "label", "filiere", "echelon", "seniority_months", "coefficient", "complement_pct"], rows)
    write_csv(out / "parameters" / "parameters.csv", ["parameter", "sector", "effective", "value"], RATES)
    (out / "scenario.toml").write_text(SCENARIO, encoding="utf-8")
    (out / "README.txt").write_text(
        f"Synthetic workload written by make_workload.py --rows {a.rows} --seed {a.seed}.\n"
        "Grids, point values and rates are round illustrative figures, not sourced ones.\n", encoding="utf-8")

    n = a.rows
    conv_col = r.choices([c[0] for c in CONVENTIONS], weights=[c[4] for c in CONVENTIONS], k=n)
    job_col = [""] * n
    for conv, jobs in JOBS.items():
        rows_of_conv = [i for i, c in enumerate(conv_col) if c == conv]
        picks = r.choices([j[0] for j in jobs], weights=[j[5] for j in jobs], k=len(rows_of_conv))
        for i, job in zip(rows_of_conv, picks):
            job_col[i] = job
    dept_col = r.choices(DEPTS, k=n)
    fte_col = r.choices(["1", "0.8", "0.5", "0.75", "0.9", "0.6", "0.3", "0.25"],
                        weights=[55, 10, 10, 8, 5, 5, 4, 3], k=n)
    seniority = day_strings(date(1980, 1, 1), date(2026, 6, 30))
    sen_col = r.choices(seniority, k=n)
    horizon = day_strings(date(2022, 1, 1), date(2026, 12, 31))
    late = day_strings(date(2022, 1, 1), date(2027, 12, 31))
    funder_col = r.choices(["etat", "departement", "conjoint", "autre"], weights=[30, 40, 20, 10], k=n)
    rnd = r.random
    rows = []
    for i in range(n):
        start = r.choice(horizon) if rnd() < 0.12 else ""
        end = ""
        if rnd() < 0.10:
            end = r.choice(late)
            if start and end < start:
                start, end = end, start
        dept = dept_col[i]
        prefix = FINESS_PREFIX[dept]
        finess = prefix + str(r.randrange(10 ** (9 - len(prefix)))).zfill(9 - len(prefix))
        weight = "2" if rnd() < 0.02 else ""
        rows.append(f"W{i + 1:07d},{dept},{conv_col[i]},{job_col[i]},{fte_col[i]},{sen_col[i]},"
                    f"{start},{end},{funder_col[i]},{finess},{weight}\n")
    with open(out / "workforce.csv", "w", encoding="utf-8", newline="") as f:
        f.write("id,departement,convention,job,fte,seniority_date,start_date,end_date,funder,establishment,weight\n")
        f.writelines(rows)


if __name__ == "__main__":
    main()
