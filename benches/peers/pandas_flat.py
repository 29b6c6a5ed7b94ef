"""revalo's flat-payroll `simulate` (docs/formats.md, Arithmetic) written with pandas and numpy.

Usage: python pandas_flat.py SCENARIO.toml [--by departement,year] [--chunk 20000]

A peer of revalo for cross-checks and benchmarks, written the way a finance
analyst with pandas would: read the files into DataFrames, price every grid
position for every month once (a small table), then expand the workforce
into employee-months chunk by chunk, look the prices up, and group.

Exactness.  Money is integer cents (int64) and fte, weights and rates are
integers scaled by 10^(their most decimals in the file); the small per-position
table is computed with fractions.Fraction; every rounding is an integer
division rounded half away from zero (`rdiv`).  Per-row products stay far
below 2^63 for fte <= 1, monthly amounts below €100,000 and weights below
10^6 (larger weights are refused); the one sum that can pass it,
Σ fte × days × weight, is bound-checked and then done on Python integers.
So the output is exact, not approximately exact.

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
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

# the département → region table of the repository (columns `code` and `region`)
DEPARTEMENTS = Path(__file__).resolve().parents[2] / "data" / "departements.csv"
GROUP_KEYS = ("departement", "region", "year", "measure", "convention", "job", "filiere", "funder")
ALIASES = {
    "matricule": "id", "département": "departement", "dept": "departement", "ccn": "convention",
    "emploi": "job", "metier": "job", "etp": "fte", "date_anciennete": "seniority_date",
    "date_entree": "start_date", "date_sortie": "end_date", "financeur": "funder",
    "finess": "establishment", "etablissement": "establishment", "poids": "weight",
}
L = 377580  # lcm(28, 29, 30, 31): fte × days / dim is summed exactly as fte × days × (L // dim)
INT64_SAFE = 2 ** 62


def fold(name):
    name = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff").lower())
    return "".join(c for c in name if not unicodedata.combining(c))


def read(path, rename=None):
    """A CSV file as a DataFrame of stripped strings under folded header names (establishment dropped)."""
    with open(path, encoding="utf-8-sig") as f:
        first = f.readline()
    sep = ";" if first.count(";") > first.count(",") else ","
    df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                     usecols=lambda c: (rename or {}).get(fold(c), fold(c)) != "establishment")
    df.columns = [fold(c) for c in df.columns]
    if rename:
        df.columns = [rename.get(c, c) for c in df.columns]
    for c in df.columns:  # strip surrounding spaces; through the distinct values when they are few
        uniq = pd.unique(df[c])
        if len(uniq) * 4 < len(df):
            df[c] = df[c].map({u: u.strip() for u in uniq})
        else:
            df[c] = df[c].str.strip()
    if sep == ";":
        df.attrs["decimal_comma"] = True
    return df


def decimal_of(s, df):
    return Decimal(s.replace(",", ".") if df.attrs.get("decimal_comma") else s)


def decimals(values):
    return max((max(0, -Decimal(v).normalize().as_tuple().exponent) for v in values), default=0)


def scaled(series, df, default=None):
    """A column of decimals as int64 at the scale of its most decimals; returns (array, scale)."""
    s = series if default is None else series.mask(series == "", default)
    uniq = {u: decimal_of(u, df) for u in pd.unique(s)}
    digits = decimals(str(d) for d in uniq.values())
    scale = 10 ** digits
    table = {u: int(d * scale) for u, d in uniq.items()}
    return s.map(table).to_numpy(np.int64), scale


def parse_day(s):
    if "/" in s:
        d, m, y = s.split("/")
        return date(int(y), int(m), int(d))
    y, m, d = s.split("-")
    return date(int(y), int(m), int(d))


def ordinals(series, missing):
    """A column of dates as day numbers (date.toordinal), `missing` where empty."""
    table = {u: (parse_day(u).toordinal() if u else missing) for u in pd.unique(series)}
    return series.map(table).to_numpy(np.int64)


def month_index(ords):
    """Day numbers to months since year 0 (year × 12 + month − 1), and the day of the month."""
    keys, inverse = np.unique(ords, return_inverse=True)
    days = [date.fromordinal(int(k)) for k in keys]
    months = np.array([d.year * 12 + d.month - 1 for d in days], dtype=np.int64)
    return months[inverse], np.array([d.day for d in days], dtype=np.int64)[inverse]


def rdiv(n, d):
    """n / d rounded half away from zero, elementwise on int64 (d > 0)."""
    return np.sign(n) * ((2 * np.abs(n) + d) // (2 * d))


def rdiv_int(n, d):
    v = (2 * abs(n) + d) // (2 * d)
    return v if n >= 0 else -v


def cents(x):
    x = Fraction(x) * 100
    return rdiv_int(x.numerator, x.denominator)


def dec_text(v):
    """A scenario amount as decimal text; a TOML float through its shortest decimal form."""
    return format(Decimal(repr(v)), "f") if isinstance(v, float) else str(v).strip()


def months_of(s):
    y, m = str(s).split("-")
    return int(y) * 12 + int(m) - 1


def in_force(rows, day):
    """rows: [(effective ordinal, value)]; the value in force on `day` (the month's first day)."""
    if len({eff for eff, _ in rows}) != len(rows):
        raise ValueError("two values effective on the same date")
    best = None
    for eff, v in sorted(rows):
        if eff <= day:
            best = v
    if best is None:
        raise ValueError(f"no value in force on {date.fromordinal(day)}")
    return best


class Model:
    def __init__(self, scenario, by, chunk):
        self.by = by
        self.chunk = chunk
        path = Path(scenario)
        with open(path, "rb") as f:
            sc = tomllib.load(f)
        base = path.parent
        y0, y1 = sc["years"]
        self.h0, self.h1 = y0 * 12, y1 * 12 + 11
        self.nm = self.h1 - self.h0 + 1
        mi = np.arange(self.h0, self.h1 + 1)
        firsts = [date(int(m) // 12, int(m) % 12 + 1, 1) for m in mi]
        nexts = [date(int(m + 1) // 12, int(m + 1) % 12 + 1, 1) for m in mi]
        self.mstart = np.array([d.toordinal() for d in firsts], dtype=np.int64)
        self.mend = np.array([d.toordinal() - 1 for d in nexts], dtype=np.int64)
        self.dim = self.mend - self.mstart + 1
        self.myear = mi // 12
        self.measures = sc["measure"]
        self.load_grids(base / sc["grids"])
        self.load_parameters(base / sc["parameters"])
        self.load_workforce(base / sc["workforce"])
        self.price_positions()

    # ------------------------------------------------------------ inputs
    def load_grids(self, folder):
        conv = read(folder / "conventions.csv")
        self.sector_of = dict(zip(conv["convention"], conv["sector"]))
        grid_file = conv["grid"].where(conv["grid"] != "", conv["convention"]) if "grid" in conv else conv["convention"]
        grid_of = dict(zip(conv["convention"], grid_file))  # several conventions may share a grid file
        pv = read(folder / "point_values.csv")
        self.point_rows = {}
        for c, eff, v in zip(pv["convention"], pv["effective"], pv["value"]):
            self.point_rows.setdefault(c, []).append((parse_day(eff).toordinal(), Fraction(decimal_of(v, pv))))
        frames = []
        for c in self.sector_of:
            p = folder / f"{grid_of[c]}.csv"
            if p.exists():
                g = read(p)
                g["convention"] = c
                if "complement_pct" not in g:
                    g["complement_pct"] = ""
                g["coef"] = [Fraction(decimal_of(v, g)) for v in g["coefficient"]]
                g["pct"] = [Fraction(decimal_of(v, g)) if v else Fraction(0) for v in g["complement_pct"]]
                frames.append(g)
        grid = pd.concat(frames, ignore_index=True)
        grid["echelon"] = grid["echelon"].astype(int)
        grid["seniority_months"] = grid["seniority_months"].astype(int)
        grid = grid.sort_values(["convention", "job", "echelon"], ignore_index=True)
        self.grid = grid
        jobs = grid.groupby(["convention", "job"], sort=True).agg(
            filiere=("filiere", "first"), nfil=("filiere", "nunique"), maxsm=("seniority_months", "max"),
            minsm=("seniority_months", "min")).reset_index()
        if (jobs["nfil"] > 1).any() or (jobs["minsm"] != 0).any():
            raise ValueError("grid: a job with two filières, or whose first step is not at 0 months")
        jobs["jid"] = np.arange(len(jobs))
        self.jobs = jobs
        # step 2 as a lookup: for each job, the position (grid row) of each whole month of seniority
        grid = grid.merge(jobs[["convention", "job", "jid"]], on=["convention", "job"])
        self.grid = grid
        self.sen_offset = np.zeros(len(jobs) + 1, dtype=np.int64)
        self.sen_offset[1:] = np.cumsum(jobs["maxsm"].to_numpy() + 1)
        lookup = np.empty(self.sen_offset[-1], dtype=np.int64)
        for jid, rows in grid.groupby("jid"):
            months = rows["seniority_months"].to_numpy()
            ech = rows["echelon"].to_numpy()
            for sen in range(jobs.at[jid, "maxsm"] + 1):
                ok = months <= sen
                lookup[self.sen_offset[jid] + sen] = rows.index[np.argmax(np.where(ok, ech, -1))]
        self.pos_of_sen = lookup

    def load_parameters(self, folder):
        rows = {}
        self.rate_digits = 0
        for p in sorted(folder.glob("*.csv")):
            t = read(p)
            for name, sec, eff, v in zip(t["parameter"], t["sector"], t["effective"], t["value"]):
                if name not in ("employee_rate", "employer_rate") or \
                        sec not in ("prive_non_lucratif", "prive_lucratif", "public"):
                    raise ValueError(f"{p}: unknown parameter or sector {name!r}, {sec!r}")
                d = decimal_of(v, t)
                self.rate_digits = max(self.rate_digits, decimals([str(d)]))
                rows.setdefault((name, sec), []).append((parse_day(eff).toordinal(), Fraction(d)))
        self.param_rows = rows

    def load_workforce(self, path):
        wf = read(path, ALIASES)
        n = len(wf)
        if wf["id"].duplicated().any():
            raise ValueError("workforce: duplicate id")
        dept = wf["departement"].str.upper()
        dept = dept.mask(dept.str.len() == 1, "0" + dept)
        regions = pd.read_csv(DEPARTEMENTS, dtype=str, keep_default_na=False)
        region_of = dict(zip(regions["code"], regions["region"]))
        if not dept.isin(list(region_of)).all():
            raise ValueError(f"workforce: unknown département {dept[~dept.isin(list(region_of))].iloc[0]!r}")
        emp = pd.DataFrame({"departement": dept, "convention": wf["convention"], "job": wf["job"]})
        emp["region"] = emp["departement"].map(region_of)
        emp["funder"] = wf["funder"] if "funder" in wf else ""
        if not emp["funder"].isin(["", "etat", "departement", "conjoint", "autre"]).all():
            raise ValueError("workforce: unknown funder")
        emp["sector"] = emp["convention"].map(self.sector_of)
        emp = emp.merge(self.jobs[["convention", "job", "jid", "filiere", "maxsm"]], on=["convention", "job"],
                        how="left", validate="many_to_one")
        if emp["jid"].isna().any() or emp["sector"].isna().any():
            raise ValueError("workforce: a convention or job that no grid has")
        self.fte_u, self.fte_scale = scaled(wf["fte"], wf)
        if (self.fte_u <= 0).any() or (self.fte_u > self.fte_scale).any():
            raise ValueError("workforce: fte outside ]0, 1]")
        self.w_u, self.w_scale = scaled(wf["weight"] if "weight" in wf else pd.Series([""] * n), wf, "1")
        if (self.w_u < 0).any() or (self.w_u >= 10 ** 6 * self.w_scale).any():
            raise ValueError("workforce: weight outside [0, 1000000[")
        sd = ordinals(wf["seniority_date"], 0)
        big = date(9999, 12, 31).toordinal()
        self.st = ordinals(wf["start_date"], 0) if "start_date" in wf else np.zeros(n, np.int64)
        self.en = ordinals(wf["end_date"], big) if "end_date" in wf else np.full(n, big, np.int64)
        if (self.en < self.st).any():
            raise ValueError("workforce: end_date before start_date")
        smi, sday = month_index(sd)
        self.s0 = smi + (sday > 1)  # whole months at month midx = midx − s0
        p_lo = np.where(self.st == 0, self.h0, np.maximum(self.h0, month_index(np.maximum(self.st, 1))[0]))
        p_hi = np.where(self.en == big, self.h1, np.minimum(self.h1, month_index(self.en)[0]))
        # eligibility (static filters) and the months of each measure, per employee
        cols = {"convention": "convention", "job": "job", "filiere": "filiere", "sector": "sector",
                "departement": "departement", "funder": "funder"}
        self.lo, self.hi, self.payers = [], [], []
        for m in self.measures:
            ok = np.ones(n, dtype=bool)
            for key, vals in (m.get("eligible") or {}).items():
                vals = vals if isinstance(vals, list) else [vals]
                ok &= emp[cols[key]].isin([str(v).strip() for v in vals]).to_numpy()
            frm = max(self.h0, months_of(m["from"]))
            until = min(self.h1, months_of(m["until"])) if "until" in m else self.h1
            lo = np.maximum(p_lo, frm)
            hi = np.minimum(p_hi, until)
            empty = ~ok | (lo > hi)
            self.lo.append(np.where(empty, self.h1 + 1, lo))
            self.hi.append(np.where(empty, self.h0 - 1, hi))
            for p in m["funding"]:
                if p not in self.payers:
                    self.payers.append(p)
        self.emp = emp
        self.jid = emp["jid"].to_numpy(np.int64)
        self.maxsm = emp["maxsm"].to_numpy(np.int64)
        self.sector_codes = {s: i for i, s in enumerate(sorted(set(self.sector_of.values())))}
        self.sid = emp["sector"].map(self.sector_codes).to_numpy(np.int64)

    # ------------------------------------------------------------ the small table
    def price_positions(self):
        """B and each measure's ΔG, in cents, for each grid row (position) and month; rates per sector."""
        g = self.grid
        used = set(self.emp["convention"])
        npos = len(g)
        self.B = np.zeros((npos, self.nm), dtype=np.int64)
        self.DG = [np.zeros((npos, self.nm), dtype=np.int64) for _ in self.measures]
        rscale = 10 ** self.rate_digits
        self.rate_scale = rscale
        self.ER = np.zeros((len(self.sector_codes), self.nm), dtype=np.int64)
        for sec, i in self.sector_codes.items():
            if any(self.sector_of[c] == sec for c in used):
                for j, first in enumerate(self.mstart.tolist()):
                    self.ER[i, j] = int(in_force(self.param_rows[("employer_rate", sec)], first) * rscale)
        for p, (conv, c, pct) in enumerate(zip(g["convention"], g["coef"], g["pct"])):
            if conv not in used:
                continue
            sec = self.sector_of[conv]
            for j, first in enumerate(self.mstart.tolist()):
                pv = in_force(self.point_rows[conv], first)
                self.B[p, j] = cents(c * pv * (1 + pct / 100))
                for k, m in enumerate(self.measures):
                    amount = Fraction(Decimal(dec_text(m["amount"]))) if "amount" in m else None
                    kind = m["kind"]
                    if kind == "net_monthly":
                        dg = amount / (1 - in_force(self.param_rows[("employee_rate", sec)], first))
                    elif kind == "gross_monthly":
                        dg = amount
                    elif kind == "points":
                        dg = amount * pv
                    elif kind == "point_value":
                        new = amount if amount is not None else pv * (1 + Fraction(Decimal(dec_text(m["percent"]))) / 100)
                        dg = c * (new - pv) * (1 + pct / 100)
                    else:  # coefficient
                        dg = amount * pv * (1 + pct / 100)
                    self.DG[k][p, j] = cents(dg)

    # ------------------------------------------------------------ the monthly core
    def run(self):
        by = self.by
        K = range(len(self.measures))
        meas_in = "measure" in by
        year_in = "year" in by
        keys = [k for k in by if k not in ("measure", "year")]
        fs, ws, rs = self.fte_scale, self.w_scale, self.rate_scale
        lo_all = np.minimum.reduce(self.lo)
        hi_all = np.maximum.reduce(self.hi)
        parts = []
        n = len(self.emp)
        for a in range(0, n, self.chunk):
            b = min(n, a + self.chunk)
            cnt = np.maximum(hi_all[a:b] - lo_all[a:b] + 1, 0)
            e = np.repeat(np.arange(a, b), cnt)
            start = np.repeat(np.cumsum(cnt) - cnt, cnt)
            midx = np.repeat(lo_all[a:b], cnt) + np.arange(len(e)) - start
            applies = [(midx >= self.lo[k][e]) & (midx <= self.hi[k][e]) for k in K]
            keep = np.logical_or.reduce(applies)
            e, midx = e[keep], midx[keep]
            applies = [x[keep] for x in applies]
            m = midx - self.h0
            dim = self.dim[m]
            # step 1: days of presence (>= 1 here: months outside [start, end] were never made)
            days = np.minimum(self.en[e], self.mend[m]) - np.maximum(self.st[e], self.mstart[m]) + 1
            # step 2: the grid row of the seniority reached on the first day of the month
            jid = self.jid[e]
            sen = np.clip(midx - self.s0[e], 0, self.maxsm[e])
            pos = self.pos_of_sen[self.sen_offset[jid] + sen]
            fte = self.fte_u[e]
            w = self.w_u[e]
            # steps 3 and 5: base gross per person, then weighted
            base = rdiv(rdiv(self.B[pos, m] * fte * days, fs * dim) * w, ws)
            frame = {"e": e, "base": base, "fte_l": fte * days * (L // dim)}
            if year_in:
                frame["year"] = self.myear[m]
            er = self.ER[self.sid[e], m]
            for k in K:
                # steps 4 and 5: ΔG, Δgross, Δemployer per person, then weighted
                dgross = np.where(applies[k], rdiv(self.DG[k][pos, m] * fte * days, fs * dim), 0)
                demp = rdiv(dgross * er, rs)
                frame[f"dgross{k}"] = rdiv(dgross * w, ws)
                frame[f"demp{k}"] = rdiv(demp * w, ws)
                if meas_in:
                    frame[f"a{k}"] = applies[k].astype(np.int64)
                    frame[f"base{k}"] = np.where(applies[k], base, 0)
                    frame[f"fte_l{k}"] = np.where(applies[k], frame["fte_l"], 0)
            rows = pd.DataFrame(frame)
            l1 = rows.groupby(["e", "year"] if year_in else ["e"], sort=False).sum().reset_index()
            for c in keys:
                l1[c] = self.emp[c].to_numpy()[l1["e"].to_numpy()]
            l1["w"] = self.w_u[l1["e"].to_numpy()]
            parts.append(self.level2(l1, keys + (["year"] if year_in else [])))
        res = pd.concat(parts, ignore_index=True)
        gk = [k for k in by]
        res = res.groupby(gk, sort=False).agg(lambda s: sum(int(v) for v in s)).reset_index()
        return self.output(res)

    def level2(self, l1, gkeys):
        """Sum one chunk's per-employee rows into the reported groups (a row per group and measure)."""
        out = []
        K = range(len(self.measures))
        if not gkeys:  # --by measure alone
            l1 = l1.assign(_all=0)
            gkeys = ["_all"]
        if "measure" not in self.by:
            l1 = l1.copy()
            l1["fte_w"] = self.safe_product(l1["fte_l"], l1["w"])
            agg = {"w": "sum", "fte_w": "sum", "base": "sum"}
            for k in K:
                agg[f"dgross{k}"] = "sum"
                agg[f"demp{k}"] = "sum"
            g = l1.groupby(gkeys, sort=False).agg(agg).reset_index()
            for k in K:
                g[f"cost{k}"] = g[f"dgross{k}"] + g[f"demp{k}"]
            g["dgross"] = sum(g[f"dgross{k}"] for k in K)
            g["demp"] = sum(g[f"demp{k}"] for k in K)
            out.append(g[gkeys + ["w", "fte_w", "base", "dgross", "demp"] + [f"cost{k}" for k in K]])
        else:
            for k in K:
                sub = l1[l1[f"a{k}"] > 0].copy()
                sub["fte_w"] = self.safe_product(sub[f"fte_l{k}"], sub["w"])
                g = sub.groupby(gkeys, sort=False).agg(
                    w=("w", "sum"), fte_w=("fte_w", "sum"), base=(f"base{k}", "sum"),
                    dgross=(f"dgross{k}", "sum"), demp=(f"demp{k}", "sum")).reset_index()
                g["measure"] = self.measures[k]["id"]
                for j in K:
                    g[f"cost{j}"] = (g["dgross"] + g["demp"]) if j == k else 0
                out.append(g)
        return pd.concat(out, ignore_index=True).drop(columns=["_all"], errors="ignore")

    @staticmethod
    def safe_product(a, b):
        """a × b as int64 when every partial sum stays below 2^62, else as Python integers."""
        a = a.to_numpy(np.int64)
        b = b.to_numpy(np.int64)
        if len(a) == 0 or float(np.abs(a).max()) * float(np.abs(b).max()) * len(a) < INT64_SAFE:
            return a * b
        return pd.Series([int(x) * int(y) for x, y in zip(a.tolist(), b.tolist())], dtype=object)

    # ------------------------------------------------------------ report
    def output(self, res):
        by = self.by
        K = range(len(self.measures))
        n_months = 12 if "year" in by else self.nm

        def money(c):
            return f"{'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}"

        def exact(v, scale):
            i, f = divmod(v, scale)
            digits = len(str(scale)) - 1
            f = f"{f:0{digits}d}".rstrip("0") if digits else ""
            return f"{i}.{f}" if f else f"{i}"

        def order(col, v):
            if col == "departement":
                return (20, v) if v in ("2A", "2B") else (int(v), "")
            if col == "year":
                return (int(v), "")
            return (0, v)

        rows = []
        for rec in res.to_dict("records"):
            shares = dict.fromkeys(self.payers, 0)
            for k in K:
                cost = int(rec[f"cost{k}"])
                funding = [(p, Fraction(str(v).strip())) for p, v in self.measures[k]["funding"].items()]
                given = 0
                for i, (p, f) in enumerate(funding):
                    part = rdiv_int(cost * f.numerator, f.denominator) if i < len(funding) - 1 else cost - given
                    given += part
                    shares[p] += part
            dgross, demp, base = int(rec["dgross"]), int(rec["demp"]), int(rec["base"])
            cost = dgross + demp
            fte = rdiv_int(int(rec["fte_w"]) * 100, L * self.fte_scale * self.w_scale * n_months)
            pct = "" if base == 0 else money(rdiv_int(cost * 10000, base))
            rows.append(([order(c, rec[c]) for c in by],
                         [str(rec[c]) for c in by] + [exact(int(rec["w"]), self.w_scale), money(fte), money(base),
                                                      money(dgross), money(demp), money(cost)]
                         + [money(shares[p]) for p in self.payers] + [pct]))
        rows.sort(key=lambda r: r[0])
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(list(by) + ["employees", "fte", "base_gross", "delta_gross", "delta_employer", "delta_cost"]
                   + [f"share_{p}" for p in self.payers] + ["cost_pct_of_base"])
        w.writerows(r[1] for r in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--by", default="departement,year")
    ap.add_argument("--chunk", type=int, default=20000, help="employees per chunk (memory bound)")
    ap.add_argument("--timing", action="store_true", help="print the wall time to stderr")
    a = ap.parse_args()
    by = [k.strip() for k in a.by.split(",") if k.strip()]
    if not by or any(k not in GROUP_KEYS for k in by) or len(set(by)) != len(by):
        print(f"--by: expected distinct keys among {', '.join(GROUP_KEYS)}", file=sys.stderr)
        return 2
    t = time.perf_counter()
    try:
        Model(a.scenario, by, a.chunk).run()
    except (ValueError, KeyError, OSError, tomllib.TOMLDecodeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.timing:
        print(f"wall {time.perf_counter() - t:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
