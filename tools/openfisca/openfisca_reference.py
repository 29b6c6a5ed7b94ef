"""The OpenFisca-France reference of revalo's detailed payroll model.

Usage: python openfisca_reference.py [--parameters data/parameters/payroll.csv] > openfisca_reference.csv

Prints, for the 48 cases of src/engine/payroll_tests.rs, what OpenFisca-France
computes for one full-time employee of an association in one month: the
employer cost including the taxe sur les salaires without the association
abattement, and the net pay.  The cases: April 2022, June 2024, June 2025 and
June 2026; a gross of 1.0, 1.3, 1.6, 2.0, 2.5 and 3.0 × the monthly SMIC in
force on the first of the month (from the repository's payroll schedule,
rounded to the cent half away from zero), and the same plus €238.

The situation, the one docs/payroll.md describes: effectif 50, AT/MP rate
2.22 %, association (entreprise_est_association_non_lucrative), no
complémentaire santé, prive_non_cadre, temps_plein, réduction générale in
mode `anticipe` (computed on the month).

OpenFisca applies the association abattement of the taxe sur les salaires
per employee (abattement ÷ effectif ÷ 12); revalo does not apply it (it
belongs to the employer's total tax, docs/payroll.md), so the cost printed
here takes OpenFisca's tax without the abattement: the same employee, also
computed as a liable non-association employer (assujettie_taxe_salaires),
whose tax differs only by the abattement.

    cost = G + EC − RG + TS      (the terms of payroll_tests.rs's derivations)
    net  = salaire_net

with G the gross, EC the employer contributions but the tax
(−cotisations_employeur + taxe_salaires, OpenFisca's contributions being
negative amounts that include the tax), RG the allegement_general and TS the
tax of the liable employer (−taxe_salaires).  OpenFisca computes in float32;
the terms are summed as Python floats and printed with four decimals, as
payroll_tests.rs freezes them.
"""
import argparse
import csv
import sys
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_france import CountryTaxBenefitSystem

MONTHS = ("2022-04", "2024-06", "2025-06", "2026-06")
SMIC_MULTIPLES = ("1.0", "1.3", "1.6", "2.0", "2.5", "3.0")
EXTRAS = ("0.00", "238.00")
PAYROLL_CSV = Path(__file__).resolve().parents[2] / "data" / "parameters" / "payroll.csv"


def smic_on(parameters, month):
    """The `smic_monthly` of the schedule in force on the first day of `month` (YYYY-MM)."""
    first = date.fromisoformat(f"{month}-01")
    in_force = None
    with open(parameters, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            effective = date.fromisoformat(row["effective"])
            if row["parameter"] == "smic_monthly" and effective <= first:
                if in_force is None or effective > in_force[0]:
                    in_force = (effective, Decimal(row["value"]))
    if in_force is None:
        raise ValueError(f"{parameters}: no smic_monthly in force on {first}")
    return in_force[1]


def cases(parameters):
    """(month, multiple, extra, gross) of the 48 cases, in the order of payroll_tests.rs."""
    for month in MONTHS:
        smic = smic_on(parameters, month)
        for multiple in SMIC_MULTIPLES:
            base = (Decimal(multiple) * smic).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            for extra in EXTRAS:
                yield month, multiple, extra, base + Decimal(extra)


def employee(month, gross, association):
    """One employee's inputs for `month`: the association, or the same employer liable to the tax."""
    return {
        "salaire_de_base": {month: float(gross)},
        "effectif_entreprise": {month: 50},
        "taux_accident_travail": {month: 0.0222},
        "entreprise_est_association_non_lucrative": {month: association},
        "assujettie_taxe_salaires": {month: not association},
        "complementaire_sante_montant": {month: 0},
        "categorie_salarie": {month: "prive_non_cadre"},
        "contrat_de_travail": {month: "temps_plein"},
        "allegement_general_mode_recouvrement": {month: "anticipe"},
    }


def compute(tbs, month, grosses):
    """(cost, net) per gross of `month`, in one simulation: each gross as an association and as a liable employer."""
    people = {}
    for i, gross in enumerate(grosses):
        people[f"a{i}"] = employee(month, gross, association=True)
        people[f"t{i}"] = employee(month, gross, association=False)
    situation = {
        "individus": people,
        "familles": {f"f_{p}": {"parents": [p]} for p in people},
        "foyers_fiscaux": {f"ff_{p}": {"declarants": [p]} for p in people},
        "menages": {f"m_{p}": {"personne_de_reference": [p]} for p in people},
    }
    sim = SimulationBuilder().build_from_entities(tbs, situation)
    # negative amounts: OpenFisca's employer contributions (the tax included) and its tax
    contributions = sim.calculate("cotisations_employeur", month)
    reduction_generale = sim.calculate("allegement_general", month)
    taxe = sim.calculate("taxe_salaires", month)
    net = sim.calculate("salaire_net", month)
    out = []
    for i, gross in enumerate(grosses):
        a, t = 2 * i, 2 * i + 1
        ec = -float(contributions[a]) + float(taxe[a])
        cost = float(gross) + ec - float(reduction_generale[a]) - float(taxe[t])
        out.append((cost, float(net[a])))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parameters", type=Path, default=PAYROLL_CSV,
                    help="the payroll schedule whose smic_monthly sets the grosses")
    a = ap.parse_args()
    tbs = CountryTaxBenefitSystem()
    rows = list(cases(a.parameters))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["month", "smic_multiple", "extra", "gross", "openfisca_cost", "openfisca_net"])
    for month in MONTHS:
        of_month = [r for r in rows if r[0] == month]
        results = compute(tbs, month, [r[3] for r in of_month])
        for (m, multiple, extra, gross), (cost, net) in zip(of_month, results):
            w.writerow([m, multiple, extra, gross, f"{cost:.4f}", f"{net:.4f}"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
