//! A scenario: the horizon, the input files and the revaluation measures.
//! Read from TOML by `input::scenario`.

use super::filter::RowFilter;
use super::funding::Funding;
use super::{Departement, Funder, Location, Sector, Source, YearMonth};
use rust_decimal::Decimal;

/// A complete, validated scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The scenario file it was read from.
    pub path: Source,
    /// Readable name.
    pub name: String,
    /// First year of the horizon.
    pub first_year: i32,
    /// Last year of the horizon, inclusive.
    pub last_year: i32,
    /// Workforce CSV, resolved against the scenario's folder.
    pub workforce: Source,
    /// Grids folder, resolved against the scenario's folder (the shipped
    /// grids when the scenario names none).
    pub grids: Source,
    /// Parameters folder, resolved against the scenario's folder (the
    /// shipped parameters when the scenario names none).
    pub parameters: Source,
    /// Measures, in file order.
    pub measures: Vec<Measure>,
    /// The payroll model: flat rates or the detailed schedule.
    pub payroll: PayrollModel,
    /// The employer facts of the detailed model (workforce columns may
    /// override them per row).
    pub employer: EmployerFacts,
    /// Whether a warning of the reading (a column not used, a value carried
    /// past its data) is an error (`strict = true`, or `--strict`).
    pub strict: bool,
    /// The workforce rows the run keeps (`--where`; empty: every row).
    pub filter: RowFilter,
    /// Per measure (in order): where its `id` is, for messages about the
    /// measure as a whole.
    pub measure_places: Vec<Location>,
}

/// The bounds of a scenario's horizon (docs/formats.md, rule 40): the
/// tables of a plan grow with its months, so a typo such as `[2022, 9999]`
/// must not become hours of work and gigabytes.
pub struct Horizon;

impl Horizon {
    /// The years a horizon may cover.
    pub const YEARS: std::ops::RangeInclusive<i64> = 1990..=2100;
    /// The most years a horizon may span.
    pub const MAX_YEARS: i32 = 50;
}

/// How a gross increase turns into an employer cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PayrollModel {
    /// `employee_rate` and `employer_rate` (docs/formats.md, Arithmetic).
    #[default]
    Flat,
    /// The dated schedule of contributions, réduction générale and taxe sur
    /// les salaires (docs/payroll.md).
    Detailed,
}

/// Employer size class of the detailed model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmployerSize {
    /// Fewer than 50 employees (`lt50`).
    Lt50,
    /// 50 employees or more (`ge50`, the default).
    #[default]
    Ge50,
}

impl std::str::FromStr for EmployerSize {
    type Err = ();
    /// `lt50` or `ge50`, folded; `moins de 50`, `< 50`, `50 et plus`,
    /// `≥ 50`; or a whole headcount, which falls on one side of 50
    /// (docs/formats.md, rule 29).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix(['<']) {
            return (rest.trim() == "50")
                .then_some(EmployerSize::Lt50)
                .ok_or(());
        }
        if let Some(rest) = s.strip_prefix(">=").or_else(|| s.strip_prefix('≥')) {
            return (rest.trim() == "50")
                .then_some(EmployerSize::Ge50)
                .ok_or(());
        }
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            let headcount: u64 = s.parse().map_err(|_| ())?;
            return Ok(if headcount < 50 {
                EmployerSize::Lt50
            } else {
                EmployerSize::Ge50
            });
        }
        match super::fold::fold(s).as_str() {
            "lt50" | "moins50" | "moins50salaries" => Ok(EmployerSize::Lt50),
            "ge50" | "50etplus" | "50plus" | "50ouplus" | "aumoins50" => Ok(EmployerSize::Ge50),
            _ => Err(()),
        }
    }
}

/// Facts about the employer that change the cost of a gross salary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmployerFacts {
    /// Size class (FNAL, PEEC, T of the réduction générale).
    pub size: EmployerSize,
    /// AT/MP rate on the whole pay.
    pub at_mp_rate: Decimal,
    /// Whether the employer pays the taxe sur les salaires.
    pub taxe_salaires: bool,
}

impl EmployerFacts {
    /// The default AT/MP rate, 2.22 % (docs/payroll.md).
    const DEFAULT_AT_MP_RATE: Decimal = Decimal::from_parts(222, 0, 0, false, 4);
}

impl Default for EmployerFacts {
    fn default() -> Self {
        EmployerFacts {
            size: EmployerSize::Ge50,
            at_mp_rate: EmployerFacts::DEFAULT_AT_MP_RATE,
            taxe_salaires: true,
        }
    }
}

#[cfg(test)]
impl Scenario {
    /// A flat scenario over `first_year`..=`last_year` with `measures`, its
    /// files named but never read: the unit tests' scenario.
    pub(crate) fn for_tests(
        name: &str,
        first_year: i32,
        last_year: i32,
        measures: Vec<Measure>,
    ) -> Scenario {
        Scenario {
            path: Source::disk("scenario.toml"),
            name: name.into(),
            first_year,
            last_year,
            workforce: Source::disk("workforce.csv"),
            grids: Source::disk("grids"),
            parameters: Source::disk("parameters"),
            measures,
            payroll: PayrollModel::Flat,
            employer: EmployerFacts::default(),
            strict: false,
            filter: RowFilter::default(),
            measure_places: Vec::new(),
        }
    }
}

impl Scenario {
    /// The first month of the horizon.
    pub fn first_month(&self) -> YearMonth {
        YearMonth::new(self.first_year, 1)
    }

    /// The last month of the horizon.
    pub fn last_month(&self) -> YearMonth {
        YearMonth::new(self.last_year, 12)
    }

    /// Payers named in any measure's funding, in first-seen order
    /// (docs/formats.md, rule 14).
    pub fn payers(&self) -> Vec<String> {
        let mut payers: Vec<String> = Vec::new();
        for m in &self.measures {
            for (payer, _) in m.funding.tables().flatten() {
                if !payers.contains(payer) {
                    payers.push(payer.clone());
                }
            }
        }
        payers
    }
}

/// The values a measure's `amount` or `percent` may take.
#[derive(Clone, Copy, Debug)]
pub struct MeasureRange {
    /// The smallest value.
    pub min: Decimal,
    /// Whether `min` itself is refused.
    pub min_excluded: bool,
    /// The largest value.
    pub max: Decimal,
    /// What the range is, for messages.
    pub expected: &'static str,
}

impl MeasureRange {
    /// Whether `value` is in the range.
    pub fn allows(&self, value: Decimal) -> bool {
        let above = if self.min_excluded {
            value > self.min
        } else {
            value >= self.min
        };
        above && value <= self.max
    }
}

/// The ranges of a measure's numbers (docs/formats.md, rule 43): beyond any
/// real measure, and small enough that the arithmetic cannot overflow (the
/// proof is in `engine::plan`).
pub struct MeasureRanges;

impl MeasureRanges {
    /// `net_monthly` and `gross_monthly`: euros a month.
    pub const EUROS: MeasureRange = MeasureRange {
        min: Decimal::from_parts(100_000, 0, 0, true, 0),
        min_excluded: false,
        max: Decimal::from_parts(100_000, 0, 0, false, 0),
        expected: "euros a month, −100000 ≤ amount ≤ 100000",
    };
    /// `points` and `coefficient`: points.
    pub const POINTS: MeasureRange = MeasureRange {
        min: Decimal::from_parts(10_000, 0, 0, true, 0),
        min_excluded: false,
        max: Decimal::from_parts(10_000, 0, 0, false, 0),
        expected: "points, −10000 ≤ amount ≤ 10000",
    };
    /// `point_value` with `amount`: the new value of the point, in euros,
    /// as in point_values.csv (for a public grid, the annual traitement of
    /// indice majoré 100: docs/formats.md, rule 36).
    pub const NEW_POINT_VALUE: MeasureRange = MeasureRange {
        min: Decimal::ZERO,
        min_excluded: true,
        max: Decimal::from_parts(100_000, 0, 0, false, 0),
        expected: "the new value of the point in euros, 0 < amount ≤ 100000",
    };
    /// `point_value` with `percent`: the rise of the point.
    pub const PERCENT: MeasureRange = MeasureRange {
        min: Decimal::from_parts(100, 0, 0, true, 0),
        min_excluded: false,
        max: Decimal::ONE_HUNDRED,
        expected: "a rise of the point in percent, −100 ≤ percent ≤ 100",
    };
}

/// The payers a measure's `funding` may name without declaring them
/// (docs/formats.md, rule 14 and the payers table); a scenario declares any
/// other with `payers = [...]`.
pub const KNOWN_PAYERS: [&str; 7] = [
    "etat",
    "departement",
    "assurance_maladie",
    "cnsa",
    "region",
    "commune",
    "employeur",
];

/// A revaluation measure.
#[derive(Clone, Debug)]
pub struct Measure {
    /// Identifier, unique in the scenario.
    pub id: String,
    /// What the measure changes, and by how much.
    pub kind: MeasureKind,
    /// First month.
    pub from: YearMonth,
    /// Last month, inclusive, if any.
    pub until: Option<YearMonth>,
    /// Who it applies to.
    pub eligible: Eligibility,
    /// Who pays which share, per month and workforce funder
    /// (docs/formats.md, rules 14 and 50–52).
    pub funding: Funding,
    /// Whether the measure's amount enters the comparison with the SMIC
    /// (docs/formats.md, rule 34).
    pub smic_floor: SmicFloor,
    /// Whether the increase is paid as a bonus (a *prime*): for a public
    /// agent it is then outside the traitement and its contributions,
    /// under the RAFP instead (docs/payroll.md, the public model); for any
    /// other employee a bonus is gross pay like any other.
    pub bonus: bool,
}

/// Where a measure stands against the SMIC floor: paid on top of the
/// floored pay, or counted in the comparison with the SMIC so that it
/// first absorbs the indemnité différentielle (docs/formats.md, rule 34;
/// docs/payroll.md, "The SMIC floor").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SmicFloor {
    /// `above`: the amount comes on top of the pay floored at the SMIC (the
    /// default of `net_monthly`, `gross_monthly` and `points`).
    #[default]
    Above,
    /// `absorbs`: the amount enters the comparison, ΔG = max(C + ΔG, SMIC)
    /// − max(C, SMIC); always so for `point_value` and `coefficient`,
    /// which change the grid pay itself.
    Absorbs,
}

impl SmicFloor {
    /// The default of a measure of `kind`: `absorbs` for a measure that
    /// changes the grid pay, `above` for an amount.
    pub fn default_for(kind: &MeasureKind) -> SmicFloor {
        if kind.changes_grid_pay() {
            SmicFloor::Absorbs
        } else {
            SmicFloor::Above
        }
    }

    /// The value's name in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            SmicFloor::Above => "above",
            SmicFloor::Absorbs => "absorbs",
        }
    }
}

impl Measure {
    /// Whether the measure's dates cover `month`.
    pub fn in_force(&self, month: YearMonth) -> bool {
        month >= self.from && self.until.is_none_or(|u| month <= u)
    }
}

/// The six measure kinds of docs/formats.md, each with its amount.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureKind {
    /// ΔG = amount / (1 − employee_rate), rounded to the cent.
    NetMonthly(Decimal),
    /// ΔG = amount.
    GrossMonthly(Decimal),
    /// ΔG = amount × value of the point (no complement).
    Points(Decimal),
    /// The value of the point becomes a new value, or rises by a percent.
    PointValue(PointChange),
    /// `amount` points added to the coefficient (complement included).
    Coefficient(Decimal),
    /// Public grids only: ΔG = amount points of indice majoré at the
    /// monthly value of the point (the CTI: 49 points).
    IndexPoints(Decimal),
}

impl MeasureKind {
    /// The kind's name in scenario files.
    pub fn name(&self) -> &'static str {
        match self {
            MeasureKind::NetMonthly(_) => "net_monthly",
            MeasureKind::GrossMonthly(_) => "gross_monthly",
            MeasureKind::Points(_) => "points",
            MeasureKind::PointValue(_) => "point_value",
            MeasureKind::Coefficient(_) => "coefficient",
            MeasureKind::IndexPoints(_) => "index_points",
        }
    }

    /// Whether the measure changes the grid pay itself (the value of the
    /// point or the coefficient), which the SMIC floor always compares:
    /// such a measure always absorbs the indemnité différentielle.
    pub fn changes_grid_pay(&self) -> bool {
        matches!(
            self,
            MeasureKind::PointValue(_) | MeasureKind::Coefficient(_)
        )
    }
}

/// How a `point_value` measure changes the value of the point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointChange {
    /// The point is worth this amount.
    NewValue(Decimal),
    /// The point rises by this percent (not rounded).
    Percent(Decimal),
}

/// Eligibility filters; `None` matches everyone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Eligibility {
    /// Convention ids.
    pub convention: Option<Vec<String>>,
    /// Job codes (the same code in two grids is one job: docs/formats.md,
    /// rule 8).
    pub job: Option<Vec<String>>,
    /// Filières.
    pub filiere: Option<Vec<String>>,
    /// Sectors.
    pub sector: Option<Vec<Sector>>,
    /// Départements.
    pub departement: Option<Vec<Departement>>,
    /// Funders.
    pub funder: Option<Vec<Funder>>,
    /// Where each value of `convention`, `job` and `filiere` is in the
    /// scenario, for the message when no grid knows it.
    pub places: Vec<FilterPlace>,
}

/// Where a filter value was written.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterPlace {
    /// The filter: `convention`, `job` or `filiere`.
    pub key: &'static str,
    /// The value.
    pub value: String,
    /// Its place in the scenario file (or the `--set` that gave it).
    pub location: Location,
}

impl Eligibility {
    /// Where the value `value` of filter `key` was written, if known.
    pub fn place(&self, key: &str, value: &str) -> Option<&Location> {
        self.places
            .iter()
            .find(|p| p.key == key && p.value == value)
            .map(|p| &p.location)
    }
}

impl Scenario {
    /// Where measure `k`'s `id` is, or the scenario file.
    pub fn measure_place(&self, k: usize) -> Location {
        self.measure_places
            .get(k)
            .cloned()
            .unwrap_or_else(|| Location::file(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::EmployerSize;

    #[test]
    fn employer_sizes_as_people_write_them() {
        for (text, size) in [
            ("lt50", EmployerSize::Lt50),
            ("GE50", EmployerSize::Ge50),
            ("moins de 50", EmployerSize::Lt50),
            ("< 50", EmployerSize::Lt50),
            ("50 et plus", EmployerSize::Ge50),
            ("≥ 50", EmployerSize::Ge50),
            (">=50", EmployerSize::Ge50),
            ("49", EmployerSize::Lt50),
            ("50", EmployerSize::Ge50),
            ("1200", EmployerSize::Ge50),
        ] {
            assert_eq!(text.parse::<EmployerSize>(), Ok(size), "{text}");
        }
        for bad in ["", "< 49", "grand", "-3", "49.5"] {
            assert!(bad.parse::<EmployerSize>().is_err(), "{bad}");
        }
    }
}
