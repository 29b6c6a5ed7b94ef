"""revalo's flat-payroll `simulate` (docs/formats.md, Arithmetic) written in DuckDB SQL.

Usage: python duckdb_flat.py SCENARIO.toml [--by departement,year] [--threads N]

A peer of revalo for cross-checks and benchmarks: it reads the same scenario,
workforce, grids and parameters and prints the same CSV as `revalo simulate
--format csv`.  Python only reads the TOML and the header lines, writes the
SQL, splits the payer shares of the (few) result rows and prints them; all
the per-employee, per-month work is SQL.

Exactness.  Every input number is cast to DECIMAL; a value with more decimals
than its column holds is refused, never rounded.  Products stay DECIMAL.
DuckDB turns a DECIMAL division into DOUBLE, so each division of the arithmetic
(÷ days in the month, ÷ (1 − employee_rate), × a share) is done on scaled
integers (BIGINT, HUGEINT for the sums) with an explicit half-away-from-zero
macro `rdiv`.  Overflow makes DuckDB stop with an error, never wrap.

It follows docs/formats.md of the repository to the letter; README.md next to
this file lists the readings that decide a figure.  `--by region` maps each
département through the repository's data/departements.csv.
"""
import argparse
import csv
import sys
import time
import tomllib
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import duckdb

# the département → region table of the repository (columns `code` and `region`)
DEPARTEMENTS = Path(__file__).resolve().parents[2] / "data" / "departements.csv"
GROUP_KEYS = ("departement", "region", "year", "measure", "convention", "job", "filiere", "funder")
WF_ALIASES = {
    "id": ("id", "matricule"), "departement": ("departement", "dept"), "convention": ("convention", "ccn"),
    "job": ("job", "emploi", "metier"), "fte": ("fte", "etp"),
    "seniority_date": ("seniority_date", "date_anciennete"), "start_date": ("start_date", "date_entree"),
    "end_date": ("end_date", "date_sortie"), "funder": ("funder", "financeur"),
    "establishment": ("establishment", "finess", "etablissement"), "weight": ("weight", "poids"),
}
# scales of the integers the per-row arithmetic works on
FTE_SCALE = 10 ** 6      # fte and weight: DECIMAL(18,6)
RATE_SCALE = 10 ** 8     # employee_rate, employer_rate: DECIMAL(18,8)
L = 377580               # lcm(28, 29, 30, 31): Σ fte × days / dim is kept exact as Σ fte × days × (L / dim)


class Bad(Exception):
    pass


def q(s):
    """A SQL string literal."""
    return "'" + str(s).replace("'", "''") + "'"


def fold(name):
    name = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff").lower())
    return "".join(c for c in name if not unicodedata.combining(c))


def header_of(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        first = f.readline()
    delim = ";" if first.count(";") > first.count(",") else ","
    return [fold(h) for h in next(csv.reader([first], delimiter=delim))], delim


def scan(path, aliases):
    """read_csv(...) of a file, every column VARCHAR, renamed to its canonical name."""
    header, delim = header_of(path)
    names, present = [], set()
    for i, h in enumerate(header):
        canon = next((c for c, al in aliases.items() if h in al), None)
        if canon is None or canon in present:
            canon = f"_unused_{i}"
        present.add(canon)
        names.append(canon)
    sql = (f"read_csv({q(path)}, header=true, all_varchar=true, delim={q(delim)}, quote='\"', "
           f"escape='\"', names=[{', '.join(q(n) for n in names)}])")
    return sql, present, delim


def num(col, delim):
    """A VARCHAR column as a decimal string: trimmed, decimal comma when the delimiter is ';'."""
    return f"replace(trim({col}), ',', '.')" if delim == ";" else f"trim({col})"


def dec_text(v):
    """A scenario amount as decimal text; a TOML float through its shortest decimal form."""
    return format(Decimal(repr(v)), "f") if isinstance(v, float) else str(v).strip()


def months_of(s):
    y, m = str(s).split("-")
    return int(y) * 12 + int(m) - 1


class Run:
    def __init__(self, scenario, by, threads=None):
        self.path = Path(scenario)
        self.by = by
        with open(scenario, "rb") as f:
            self.sc = tomllib.load(f)
        self.con = duckdb.connect()
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        y0, y1 = self.sc["years"]
        self.h0, self.h1 = y0 * 12, y1 * 12 + 11
        base = self.path.parent
        self.wf_path = base / self.sc["workforce"]
        self.grids = base / self.sc["grids"]
        self.params = base / self.sc["parameters"]
        self.measures = self.sc["measure"]

    def sql(self, text):
        return self.con.execute(text)

    def check(self, what, query):
        """Stop with a message when `query` returns a row (an invalid input)."""
        row = self.sql(query).fetchone()
        if row is not None:
            raise Bad(f"{what}: {row}")

    # ------------------------------------------------------------ reference tables
    def load_reference(self):
        s = self.sql
        s("""CREATE MACRO rdiv(n, d) AS sign(n) * ((2 * abs(n) + d) // (2 * d))""")
        s("""CREATE MACRO pdate(v) AS CASE WHEN v IS NULL OR trim(v) = '' THEN NULL
                 WHEN trim(v) LIKE '%/%' THEN strptime(trim(v), '%d/%m/%Y')::DATE
                 ELSE strptime(trim(v), '%Y-%m-%d')::DATE END""")
        s("""CREATE MACRO ndec(v) AS CASE WHEN position('.' IN v) = 0 THEN 0
                 ELSE length(v) - position('.' IN v) END""")
        s(f"""CREATE TABLE regions AS SELECT code AS dept, region
              FROM read_csv({q(DEPARTEMENTS)}, all_varchar=true, header=true)""")
        s(f"""CREATE TABLE months AS
              SELECT i AS midx, i // 12 AS year, make_date(i // 12, i % 12 + 1, 1) AS mstart,
                     last_day(make_date(i // 12, i % 12 + 1, 1)) AS mend,
                     day(last_day(make_date(i // 12, i % 12 + 1, 1))) AS dim
              FROM range({self.h0}, {self.h1 + 1}) t(i)""")
        src, present, d = scan(self.grids / "conventions.csv", {c: (c,) for c in ("convention", "sector", "grid")})
        grid = "nullif(trim(grid), '')" if "grid" in present else "NULL"
        s(f"""CREATE TABLE conventions AS SELECT trim(convention) AS conv, trim(sector) AS sector,
              coalesce({grid}, trim(convention)) AS grid FROM {src}""")
        src, _, d = scan(self.grids / "point_values.csv", {c: (c,) for c in ("convention", "effective", "value")})
        s(f"""CREATE TABLE point_values AS SELECT trim(convention) AS conv, pdate(effective) AS effective,
                     {num('value', d)} AS value_s FROM {src}""")
        self.check("point value with more than 8 decimals",
                   "SELECT * FROM point_values WHERE ndec(value_s) > 8 LIMIT 1")
        # grids: one file per convention used
        parts = []
        for conv, grid in s("SELECT conv, grid FROM conventions").fetchall():
            p = self.grids / f"{grid}.csv"  # several conventions may share a grid file
            if not p.exists():
                continue
            cols = ("job", "filiere", "echelon", "seniority_months", "coefficient", "complement_pct")
            src, present, d = scan(p, {c: (c,) for c in cols})
            pct = num("complement_pct", d) if "complement_pct" in present else "NULL"
            parts.append(f"""SELECT {q(conv)} AS conv, trim(job) AS job, trim(filiere) AS filiere,
                CAST(trim(echelon) AS INTEGER) AS echelon, CAST(trim(seniority_months) AS INTEGER) AS sm,
                {num('coefficient', d)} AS c_s, nullif({pct}, '') AS cp_s FROM {src}""")
        s("CREATE TABLE steps_raw AS " + " UNION ALL ".join(parts))
        self.check("coefficient or complement_pct with too many decimals",
                   "SELECT * FROM steps_raw WHERE ndec(c_s) > 4 OR ndec(coalesce(cp_s, '')) > 6 LIMIT 1")
        s("""CREATE TABLE jobs AS
             SELECT row_number() OVER (ORDER BY conv, job) AS jid, conv, job, any_value(filiere) AS filiere,
                    max(sm) AS maxsm, count(DISTINCT filiere) AS nfil, min(sm) AS minsm
             FROM steps_raw GROUP BY conv, job""")
        self.check("job whose filiere differs between rows, or whose first step is not at 0 months",
                   "SELECT conv, job FROM jobs WHERE nfil > 1 OR minsm <> 0 LIMIT 1")
        s("""CREATE TABLE steps AS
             SELECT j.jid, r.echelon, r.sm, CAST(r.c_s AS DECIMAL(38,4)) AS c,
                    CAST(coalesce(r.cp_s, '0') AS DECIMAL(38,6)) AS cp
             FROM steps_raw r JOIN jobs j USING (conv, job)""")
        # step 2 as a lookup: the step of each whole number of months of seniority, 0 … last step
        s("""CREATE TABLE seniority AS
             WITH sen AS (SELECT jid, unnest(range(0, maxsm + 1)) AS sen FROM jobs)
             SELECT sen.jid, sen.sen, max(st.echelon) AS echelon
             FROM sen JOIN steps st ON st.jid = sen.jid AND st.sm <= sen.sen
             GROUP BY sen.jid, sen.sen""")
        # parameters: every CSV of the folder
        files = sorted(self.params.glob("*.csv"))
        parts = []
        for p in files:
            src, _, d = scan(p, {c: (c,) for c in ("parameter", "sector", "effective", "value")})
            parts.append(f"""SELECT trim(parameter) AS parameter, trim(sector) AS sector,
                pdate(effective) AS effective, {num('value', d)} AS value_s FROM {src}""")
        s("CREATE TABLE parameters AS " + " UNION ALL ".join(parts))
        self.check("rate with more than 8 decimals", "SELECT * FROM parameters WHERE ndec(value_s) > 8 LIMIT 1")
        self.check("two values effective on the same date", """
            SELECT conv, effective FROM point_values GROUP BY ALL HAVING count(*) > 1
            UNION ALL SELECT parameter || '/' || sector, effective FROM parameters GROUP BY ALL HAVING count(*) > 1
            LIMIT 1""")
        self.check("unknown parameter or sector", """SELECT parameter, sector FROM parameters
                   WHERE parameter NOT IN ('employee_rate', 'employer_rate')
                      OR sector NOT IN ('prive_non_lucratif', 'prive_lucratif', 'public') LIMIT 1""")

        # values in force on the first day of each month of the horizon
        s("""CREATE TABLE pv_month AS
             SELECT p.conv, m.midx, CAST(arg_max(p.value_s, p.effective) AS DECIMAL(38,8)) AS pv
             FROM months m JOIN point_values p ON p.effective <= m.mstart GROUP BY p.conv, m.midx""")
        s(f"""CREATE TABLE rate_month AS
             SELECT p.sector, m.midx,
                    CAST(CAST(arg_max(p.value_s, p.effective) FILTER (WHERE p.parameter = 'employee_rate')
                         AS DECIMAL(18,8)) * {RATE_SCALE} AS BIGINT) AS ee_u,
                    CAST(CAST(arg_max(p.value_s, p.effective) FILTER (WHERE p.parameter = 'employer_rate')
                         AS DECIMAL(18,8)) * {RATE_SCALE} AS BIGINT) AS er_u
             FROM months m JOIN parameters p ON p.effective <= m.mstart GROUP BY p.sector, m.midx""")

    # ------------------------------------------------------------ measures
    def measure_sql(self):
        """Per measure: its static filter on `emp`, its months, and its ΔG in cents on a position-month."""
        cols = {"convention": "conv", "job": "job", "filiere": "filiere", "sector": "sector",
                "departement": "dept", "funder": "funder"}
        out = []
        self.payers = []
        for k, m in enumerate(self.measures):
            conds = []
            for key, vals in (m.get("eligible") or {}).items():
                vals = vals if isinstance(vals, list) else [vals]
                conds.append(f"{cols[key]} IN ({', '.join(q(str(v).strip()) for v in vals)})")
            filt = " AND ".join(conds) or "TRUE"
            frm = months_of(m["from"])
            until = months_of(m["until"]) if "until" in m else self.h1
            kind = m["kind"]
            amt = f"CAST({q(dec_text(m.get('amount', '0')))} AS DECIMAL(38,6))"
            if kind == "net_monthly":  # cents = amount × 100 / (1 − employee_rate), integers
                dg = (f"rdiv(CAST({amt} * 1000000 AS HUGEINT) * {100 * RATE_SCALE // 1000000}, "
                      f"{RATE_SCALE} - r.ee_u)")
            elif kind == "gross_monthly":
                dg = f"round({amt} * 100)"
            elif kind == "points":
                dg = f"round({amt} * pv.pv * 100)"
            elif kind == "point_value" and "percent" in m:
                pct = f"CAST({q(dec_text(m['percent']))} AS DECIMAL(38,6))"
                dg = f"round(st.c * pv.pv * {pct} * (100 + st.cp) * 0.01)"
            elif kind == "point_value":
                dg = f"round(st.c * ({amt} - pv.pv) * (100 + st.cp))"
            else:  # coefficient
                dg = f"round({amt} * pv.pv * (100 + st.cp))"
            funding = [(p, Fraction(str(v).strip())) for p, v in m["funding"].items()]
            for p, _ in funding:
                if p not in self.payers:
                    self.payers.append(p)
            out.append(dict(id=m["id"], filt=filt, lo=max(frm, self.h0), hi=min(until, self.h1),
                            dg=dg, funding=funding))
        return out

    # ------------------------------------------------------------ workforce and the monthly core
    def run(self):
        s = self.sql
        self.load_reference()
        ms = self.measure_sql()
        src, present, d = scan(self.wf_path, WF_ALIASES)

        def opt(c):
            return c if c in present else "NULL"

        s(f"""CREATE TABLE wf AS
              SELECT row_number() OVER () + 1 AS line, trim(id) AS id,
                     CASE WHEN length(trim(departement)) = 1 THEN '0' || trim(departement)
                          ELSE upper(trim(departement)) END AS dept,
                     trim(convention) AS conv, trim(job) AS job, {num('fte', d)} AS fte_s,
                     seniority_date AS sd_s, {opt('start_date')} AS st_s, {opt('end_date')} AS en_s,
                     coalesce(trim({opt('funder')}), '') AS funder,
                     coalesce(nullif({num(opt('weight'), d)}, ''), '1') AS w_s
              FROM {src}""")
        self.check("fte or weight with more than 6 decimals", "SELECT line, fte_s, w_s FROM wf "
                   "WHERE ndec(fte_s) > 6 OR ndec(w_s) > 6 LIMIT 1")
        self.check("duplicate id", "SELECT id FROM wf GROUP BY id HAVING count(*) > 1 LIMIT 1")
        s(f"""CREATE TABLE emp0 AS
              SELECT wf.line, wf.dept, r.region, wf.conv, c.sector, wf.job, j.jid, j.filiere, j.maxsm,
                     wf.funder,
                     CAST(CAST(wf.fte_s AS DECIMAL(18,6)) * {FTE_SCALE} AS BIGINT) AS fte_u,
                     CAST(CAST(wf.w_s AS DECIMAL(18,6)) * {FTE_SCALE} AS BIGINT) AS w_u,
                     pdate(wf.sd_s) AS sd, pdate(wf.st_s) AS st, pdate(wf.en_s) AS en
              FROM wf LEFT JOIN regions r USING (dept) LEFT JOIN conventions c USING (conv)
                   LEFT JOIN jobs j USING (conv, job)""")
        self.check("invalid workforce row (département, convention, job, fte, weight, dates or funder)",
                   """SELECT line FROM emp0 WHERE region IS NULL OR sector IS NULL OR jid IS NULL
                      OR fte_u <= 0 OR fte_u > 1000000 OR w_u < 0 OR w_u > 100000000000 OR sd IS NULL
                      OR en < st OR funder NOT IN ('', 'etat', 'departement', 'conjoint', 'autre') LIMIT 1""")
        h0, h1 = self.h0, self.h1
        lo_k = ", ".join(f"CASE WHEN {m['filt']} THEN greatest(p_lo, {m['lo']}) END AS lo{k}"
                         for k, m in enumerate(ms))
        hi_k = ", ".join(f"CASE WHEN {m['filt']} THEN least(p_hi, {m['hi']}) END AS hi{k}"
                         for k, m in enumerate(ms))
        s(f"""CREATE TABLE emp AS
              WITH e AS (
                SELECT *, year(sd) * 12 + month(sd) - 1 + CASE WHEN day(sd) > 1 THEN 1 ELSE 0 END AS s0,
                       CASE WHEN st IS NULL THEN {h0} ELSE greatest({h0}, year(st) * 12 + month(st) - 1) END AS p_lo,
                       CASE WHEN en IS NULL THEN {h1} ELSE least({h1}, year(en) * 12 + month(en) - 1) END AS p_hi
                FROM emp0)
              SELECT row_number() OVER () AS rid, *, {lo_k}, {hi_k} FROM e""")
        lows = ", ".join(f"CASE WHEN lo{k} <= hi{k} THEN lo{k} END" for k in range(len(ms)))
        highs = ", ".join(f"CASE WHEN lo{k} <= hi{k} THEN hi{k} END" for k in range(len(ms)))

        # the value of each position (job, whole months of seniority) in each month
        dgs = ", ".join(f"CAST({m['dg']} AS BIGINT) AS dg{k}" for k, m in enumerate(ms))
        s(f"""CREATE TABLE pm AS
              SELECT sn.jid, sn.sen, m.midx, r.er_u,
                     CAST(round(st.c * pv.pv * (100 + st.cp)) AS BIGINT) AS b, {dgs}
              FROM seniority sn JOIN steps st ON st.jid = sn.jid AND st.echelon = sn.echelon
                   JOIN jobs j ON j.jid = sn.jid JOIN conventions c ON c.conv = j.conv
                   CROSS JOIN months m
                   LEFT JOIN pv_month pv ON pv.conv = j.conv AND pv.midx = m.midx
                   LEFT JOIN rate_month r ON r.sector = c.sector AND r.midx = m.midx
              WHERE j.jid IN (SELECT DISTINCT jid FROM emp)""")
        self.check("a month of the horizon without point value or rate",
                   f"SELECT * FROM pm WHERE b IS NULL OR er_u IS NULL OR "
                   f"{' OR '.join(f'dg{k} IS NULL' for k in range(len(ms)))} LIMIT 1")

        year_in = "year" in self.by
        meas_in = "measure" in self.by
        K = range(len(ms))
        applies = [f"(x.lo{k} IS NOT NULL AND x.midx BETWEEN x.lo{k} AND x.hi{k})" for k in K]
        per_k = []
        for k in K:
            per_k += [f"CASE WHEN a{k} THEN rdiv(dg{k} * fte_u * days, {FTE_SCALE} * dim) ELSE 0 END AS dgross{k}"]
        l1_aggs = ["sum(base_w) AS base", "sum(fte_l) AS fte_l"]
        for k in K:
            l1_aggs += [f"sum(rdiv(dgross{k} * w_u, {FTE_SCALE})) AS dgross{k}",
                        f"sum(rdiv(rdiv(dgross{k} * er_u, {RATE_SCALE}) * w_u, {FTE_SCALE})) AS demp{k}"]
            if meas_in:
                l1_aggs += [f"sum(CASE WHEN a{k} THEN base_w ELSE 0 END) AS base{k}",
                            f"sum(CASE WHEN a{k} THEN fte_l ELSE 0 END) AS fte_l{k}",
                            f"bool_or(a{k}) AS present{k}"]
        # the monthly core: one row per employee and month in which a measure applies and the
        # employee is present (days >= 1 by construction of p_lo, p_hi), then summed per employee
        # (and year): steps 1 to 5 of docs/formats.md's Arithmetic.
        s(f"""CREATE TABLE l1 AS
              WITH x AS (
                SELECT rid, jid, maxsm, s0, fte_u, w_u, st, en,
                       {', '.join(f'lo{k}, hi{k}' for k in K)},
                       unnest(range(least({lows}), greatest({highs}) + 1)) AS midx
                FROM emp),
              y AS (
                SELECT x.rid, m.year, x.fte_u, x.w_u, m.dim, {', '.join(f'{a} AS a{k}' for k, a in enumerate(applies))},
                       date_diff('day', greatest(m.mstart, coalesce(x.st, m.mstart)),
                                 least(m.mend, coalesce(x.en, m.mend))) + 1 AS days,
                       pm.b, pm.er_u, {', '.join(f'pm.dg{k}' for k in K)}
                FROM x JOIN months m ON m.midx = x.midx
                       JOIN pm ON pm.jid = x.jid AND pm.midx = x.midx
                              AND pm.sen = least(greatest(x.midx - x.s0, 0), x.maxsm)
                WHERE {' OR '.join(applies)}),
              z AS (
                SELECT rid, year, w_u, er_u, {', '.join(f'a{k}' for k in K)},
                       rdiv(rdiv(b * fte_u * days, {FTE_SCALE} * dim) * w_u, {FTE_SCALE}) AS base_w,
                       fte_u * days * ({L} // dim) AS fte_l,
                       {', '.join(per_k)}
                FROM y)
              SELECT rid{', year' if year_in else ''}, {', '.join(l1_aggs)}
              FROM z GROUP BY rid{', year' if year_in else ''}""")

        # level 2: the reported groups
        attr = {"departement": "e.dept", "region": "e.region", "year": "l1.year", "convention": "e.conv",
                "job": "e.job", "filiere": "e.filiere", "funder": "e.funder"}
        keys = [k for k in self.by if k != "measure"]
        sel_keys = [f"{attr[k]} AS {k}" for k in keys]
        group = ", ".join(attr[k] for k in keys)
        self.rows = []
        if not meas_in:
            aggs = ["sum(e.w_u) AS emp_w", "sum(CAST(l1.fte_l AS HUGEINT) * e.w_u) AS fte_n",
                    "sum(l1.base) AS base"]
            aggs += [f"sum(l1.dgross{k}) AS dgross{k}, sum(l1.demp{k}) AS demp{k}" for k in K]
            res = s(f"SELECT {', '.join(sel_keys + aggs)} FROM l1 JOIN emp e USING (rid) GROUP BY {group}").fetchall()
            nk = len(keys)
            for r in res:
                key = dict(zip(keys, r[:nk]))
                emp_w, fte_n, base = r[nk:nk + 3]
                per = [(ms[k], int(r[nk + 3 + 2 * k]), int(r[nk + 4 + 2 * k])) for k in K]
                self.rows.append((key, int(emp_w), int(fte_n), int(base), per))
        else:
            for k in K:
                aggs = [f"sum(e.w_u) AS emp_w", f"sum(CAST(l1.fte_l{k} AS HUGEINT) * e.w_u) AS fte_n",
                        f"sum(l1.base{k}) AS base", f"sum(l1.dgross{k})", f"sum(l1.demp{k})"]
                sel = sel_keys or ["1 AS one"]
                res = s(f"""SELECT {', '.join(sel + aggs)} FROM l1 JOIN emp e USING (rid)
                            WHERE l1.present{k} GROUP BY {group or 'one'}""").fetchall()
                nk = len(sel)
                for r in res:
                    key = dict(zip(keys, r[:nk]))
                    key["measure"] = ms[k]["id"]
                    emp_w, fte_n, base, dgross, demp = r[nk:nk + 5]
                    self.rows.append((key, int(emp_w), int(fte_n), int(base), [(ms[k], int(dgross), int(demp))]))
        return self.output()

    # ------------------------------------------------------------ report
    def output(self):
        def rdiv(n, d):
            v = (2 * abs(n) + d) // (2 * d)
            return v if n >= 0 else -v

        def money(c):
            sign = "-" if c < 0 else ""
            return f"{sign}{abs(c) // 100}.{abs(c) % 100:02d}"

        def exact(n, scale_digits):
            sign = "-" if n < 0 else ""
            i, f = divmod(abs(n), 10 ** scale_digits)
            f = f"{f:0{scale_digits}d}".rstrip("0")
            return f"{sign}{i}.{f}" if f else f"{sign}{i}"

        n_months = 12 if "year" in self.by else self.h1 - self.h0 + 1

        def sort_key(row):
            key = row[0]
            out = []
            for k in self.by:
                v = key[k]
                if k == "departement":
                    out.append((20, v) if v in ("2A", "2B") else (int(v), ""))
                elif k == "year":
                    out.append((v, ""))
                else:
                    out.append((0, v))
            return out

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(list(self.by) + ["employees", "fte", "base_gross", "delta_gross", "delta_employer",
                                    "delta_cost"] + [f"share_{p}" for p in self.payers] + ["cost_pct_of_base"])
        for key, emp_w, fte_n, base, per in sorted(self.rows, key=sort_key):
            shares = dict.fromkeys(self.payers, 0)
            dgross = demp = 0
            for m, g, e in per:
                dgross += g
                demp += e
                cost = g + e
                given = 0
                for i, (p, f) in enumerate(m["funding"]):
                    part = rdiv(cost * f.numerator, f.denominator) if i < len(m["funding"]) - 1 else cost - given
                    given += part
                    shares[p] += part
            cost = dgross + demp
            fte = rdiv(fte_n * 100, L * FTE_SCALE * FTE_SCALE * n_months)
            pct = "" if base == 0 else money(rdiv(cost * 10000, base) if base > 0 else rdiv(-cost * 10000, -base))
            w.writerow([str(key[k]) for k in self.by] + [
                exact(emp_w, 6), money(fte), money(base), money(dgross), money(demp), money(cost)]
                + [money(shares[p]) for p in self.payers] + [pct])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--by", default="departement,year")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--timing", action="store_true", help="print the wall time to stderr")
    a = ap.parse_args()
    by = [k.strip() for k in a.by.split(",") if k.strip()]
    if not by or any(k not in GROUP_KEYS for k in by) or len(set(by)) != len(by):
        print(f"--by: expected distinct keys among {', '.join(GROUP_KEYS)}", file=sys.stderr)
        return 2
    t = time.perf_counter()
    try:
        Run(a.scenario, by, a.threads).run()
    except (Bad, duckdb.Error, OSError, KeyError, tomllib.TOMLDecodeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.timing:
        print(f"wall {time.perf_counter() - t:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
