"""The OpenFisca-France reference of revalo's public payroll model.

Usage: python openfisca_public.py > openfisca_public.csv

Prints, for the eight cases of src/tests/public.rs
(`the_lines_equal_openfisca_france`), what OpenFisca-France computes for a
full-time titulaire of the fonction publique territoriale in one month:
the employer lines pension_employeur (CNRACL), mmid_employeur (maladie),
contribution_solidarite_autonomie, famille, fnal, ati_atiacl, and the
employee's pension_salarie (CNRACL retenue), as positive amounts with two
decimals.

The situation: categorie_salarie public_titulaire_territoriale, effectif 50
(FNAL 0.50 % on the whole traitement), temps_plein, the traitement given as
traitement_indiciaire_brut, no primes, no indemnité de résidence. The cases
are an assistant socio-éducatif at IM 426 (April and August 2022) and 431
(June 2024 and 2025), without and with the CTI of 49 points, which enters
the same base.
"""
import csv
import sys

from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_france import CountryTaxBenefitSystem

CASES = (
    ("2022-04", 1996.25),
    ("2022-04", 2225.87),
    ("2022-08", 2066.11),
    ("2022-08", 2303.76),
    ("2024-06", 2121.72),
    ("2024-06", 2362.94),
    ("2025-06", 2121.72),
    ("2025-06", 2362.94),
)
LINES = (
    "pension_employeur",
    "mmid_employeur",
    "contribution_solidarite_autonomie",
    "famille",
    "fnal",
    "ati_atiacl",
    "pension_salarie",
)


def lines(system, month, traitement):
    """OpenFisca's lines for one agent in `month`, as positive amounts."""
    agent = {
        "traitement_indiciaire_brut": {month: traitement},
        "categorie_salarie": {month: "public_titulaire_territoriale"},
        "effectif_entreprise": {month: 50},
        "contrat_de_travail": {month: "temps_plein"},
        "primes_fonction_publique": {month: 0},
        "indemnite_residence": {month: 0},
    }
    simulation = SimulationBuilder().build_from_entities(
        system,
        {
            "individus": {"agent": agent},
            "familles": {"famille": {"parents": ["agent"]}},
            "foyers_fiscaux": {"foyer": {"declarants": ["agent"]}},
            "menages": {"menage": {"personne_de_reference": ["agent"]}},
        },
    )
    return [-float(simulation.calculate(name, month)[0]) for name in LINES]


def main():
    system = CountryTaxBenefitSystem()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(("month", "traitement") + LINES)
    for month, traitement in CASES:
        out.writerow([month, f"{traitement:.2f}"] + [f"{v:.2f}" for v in lines(system, month, traitement)])


if __name__ == "__main__":
    main()
