//! `revalo explain`: the month-by-month computation trail of one employee,
//! for auditors — grid position, point value, base gross, each measure's
//! increment, employer contributions and payers — and its yearly sums per
//! measure, equal to what `simulate --by measure,year` counts for that
//! employee. The arithmetic is `engine::for_each_month`'s, not a copy.

use super::common::{print_warnings, scenario_source, write_output, OverrideArgs};
use super::Outcome;
use crate::domain::scenario::PayrollModel;
use crate::domain::workforce::Employee;
use crate::domain::{Date, GroupBy};
use crate::engine::{
    self, payer_shares, EmployeeMonth, KeyValue, MeasureMonth, Plan, Totals, FTE_UNITS_PER_MONTH,
};
use crate::pipeline::{self, Inputs};
use crate::report::trail::{self, Trail, TrailHeader, TrailMonth};
use crate::report::{self, Format};
use anyhow::{bail, Result};
use clap::Args;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Arguments of `revalo explain`.
#[derive(Debug, Args)]
#[command(
    after_help = "Monthly payer shares are indicative; the yearly lines split the \
yearly cost between payers as simulate does, and equal `simulate --by measure,year` \
on a workforce holding this employee alone.\n\n\
Examples:\n  \
revalo explain data/scenarios/conference-2022.toml --employee N000002 --year 2025\n  \
revalo explain my.toml --employee 42 --format csv > trail-42.csv"
)]
pub struct ExplainArgs {
    /// Scenario file (TOML), or `shipped:scenarios/NAME.toml` [default: the
    /// shipped Conférence des métiers 2022 scenario].
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// The `id` of the workforce row to explain.
    #[arg(long, value_name = "ID")]
    pub employee: String,

    /// Only this year of the horizon.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    /// Output format [default: table on a terminal, csv otherwise].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Scenario overrides.
    #[command(flatten)]
    pub overrides: OverrideArgs,
}

/// Finds the row `id` in the workforce, streaming it through the
/// computation as `simulate` does: an input that stops `simulate` (a bad
/// row anywhere, a duplicate id, a missing value) stops `explain` with the
/// same message.
fn find(inputs: &Inputs, plan: &Plan<'_>, id: &str) -> Result<Employee> {
    let mut warnings = Vec::new();
    let found = pipeline::compute_finding(
        plan,
        pipeline::Engine::Fast,
        &mut |_| {},
        &mut warnings,
        Some(id),
    );
    print_warnings(&warnings);
    let (_, rows) = found?;
    // Ids are unique: the reader stops at a second row with the same id.
    match rows.into_iter().next() {
        Some(e) => Ok(e),
        None => bail!("no employee `{id}` in `{}`", inputs.scenario.workforce),
    }
}

/// Builds the trail of `e`, restricted to `year` if given.
fn build_trail(inputs: &Inputs, plan: &Plan<'_>, e: &Employee, year: Option<i32>) -> Result<Trail> {
    let scenario = &inputs.scenario;
    let payers = scenario.payers();
    let detailed = plan.detailed();
    let mut months = Vec::new();
    // Per (measure id, year): the sums `simulate` makes for this employee.
    let mut years: BTreeMap<(String, i32), Totals> = BTreeMap::new();
    let mut scratch = engine::Scratch::default();
    engine::for_each_month(plan, e, &mut scratch, |m| {
        if year.is_some_and(|y| y != m.month.year()) {
            return;
        }
        for mm in m.measures {
            months.push(trail_month((inputs, plan), e, m, mm, &payers));
            let id = scenario.measures[mm.measure].id.clone();
            let t = years
                .entry((id, m.month.year()))
                .or_insert_with(|| plan.funding.totals(scenario.measures.len()));
            t.employees = e.weight;
            t.fte_units += m.fte_units;
            t.base_gross += m.weighted_base;
            plan.funding.add(t, mm);
        }
    })?;
    // Measure ids in code-point order, then years: `simulate`'s sort order;
    // the remainder rule on the yearly sum, as `simulate` splits each
    // group's cost.
    let years = years
        .into_iter()
        .map(|((id, y), t)| {
            let keys = vec![KeyValue::Text(id), KeyValue::Year(y)];
            report::row(detailed, scenario, &payers, keys, &t, 12)
        })
        .collect();
    Ok(Trail {
        header: TrailHeader {
            facts: employee_facts(inputs, e),
        },
        payers,
        months,
        years,
        detailed,
    })
}

/// One line of the trail: measure `mm` in month `m` of `e`, with the grid
/// values it was computed from (the coefficient paid: a public grid's
/// floor included). Its payer shares are indicative (the remainder rule on
/// one month).
fn trail_month(
    (inputs, plan): (&Inputs, &engine::Plan<'_>),
    e: &Employee,
    m: &EmployeeMonth<'_>,
    mm: &MeasureMonth,
    payers: &[String],
) -> TrailMonth {
    let scenario = &inputs.scenario;
    let step = &inputs.grids.job(e.convention, e.job).steps[m.position.step];
    let point_value = inputs.grids.conventions[e.convention]
        .point_values
        .at_month(m.month)
        .copied()
        .unwrap_or_default();
    let mut one = plan.funding.totals(scenario.measures.len());
    plan.funding.add(&mut one, mm);
    TrailMonth {
        month: m.month,
        measure: scenario.measures[mm.measure].id.clone(),
        days: m.days,
        days_in_month: m.days_in_month,
        seniority_months: m.seniority_months,
        echelon: step.echelon,
        coefficient: plan.coefficient(m.position, m.month),
        complement_pct: step.complement_pct,
        point_value,
        smic_top_up: m.smic_top_up,
        base_full_time: m.base_full_time,
        base: m.base,
        delta_full_time: mm.delta_full_time,
        employer_rate: mm.employer_rate,
        delta_gross_person: mm.delta_gross,
        delta_employer_person: mm.delta_employer,
        weight: e.weight,
        fte: m.fte_units / Decimal::from(FTE_UNITS_PER_MONTH),
        base_gross: m.weighted_base,
        delta_gross: mm.weighted_gross,
        delta_employer: mm.weighted_employer,
        breakdown: (scenario.payroll == PayrollModel::Detailed).then_some([
            mm.weighted_contributions,
            mm.weighted_reduction_generale,
            mm.weighted_taxe_salaires,
        ]),
        delta_cost: mm.weighted_gross + mm.weighted_employer,
        shares: payer_shares(scenario, payers, &one),
    }
}

/// The trail's header: who `e` is, where the row is, and the grid position.
fn employee_facts(inputs: &Inputs, e: &Employee) -> Vec<(String, String)> {
    let convention = &inputs.grids.conventions[e.convention];
    let job = inputs.grids.job(e.convention, e.job);
    let optional = |d: Option<Date>| d.map_or("—".to_string(), |d| d.to_string());
    vec![
        ("employee".into(), e.id.clone()),
        (
            "row".into(),
            format!("{}:{}", inputs.scenario.workforce, e.line),
        ),
        (
            "département".into(),
            format!("{} {}", e.departement.code(), e.departement.name()),
        ),
        (
            "convention".into(),
            format!("{} ({})", convention.id, convention.sector),
        ),
        (
            "job".into(),
            format!("{} {} ({})", job.code, job.label, job.filiere),
        ),
        ("fte".into(), e.fte.normalize().to_string()),
        ("weight".into(), e.weight.normalize().to_string()),
        ("seniority_date".into(), e.seniority_date.to_string()),
        ("start_date".into(), optional(e.start_date)),
        ("end_date".into(), optional(e.end_date)),
        (
            "funder".into(),
            e.funder.map_or("—".to_string(), |f| f.to_string()),
        ),
    ]
}

/// Writes `trail` in `format`: one function per format.
fn write_trail(trail: &Trail, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let mut out = out;
    match format {
        Format::Table => trail::write_table(trail, &mut out),
        Format::Csv => trail::write_csv(trail, &mut out),
        Format::Json => trail::write_json(trail, &mut out),
        Format::Xlsx => Err(io::Error::other(
            "explain writes a table, CSV or JSON, not xlsx",
        )),
    }
}

/// Runs `revalo explain`.
pub fn run(args: &ExplainArgs) -> Result<Outcome> {
    let format = args.format.unwrap_or_else(|| match &args.output {
        Some(p)
            if p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
        {
            Format::Json
        }
        Some(_) => Format::Csv,
        None if io::stdout().is_terminal() => Format::Table,
        None => Format::Csv,
    });
    let inputs = args
        .overrides
        .load(&scenario_source(args.scenario.as_deref())?)?;
    print_warnings(&inputs.warnings);
    if let Some(y) = args.year {
        let s = &inputs.scenario;
        if y < s.first_year || y > s.last_year {
            bail!(
                "--year {y} is outside the scenario's years {}–{}",
                s.first_year,
                s.last_year
            );
        }
    }
    let plan = inputs.plan(vec![GroupBy::Measure, GroupBy::Year])?;
    let employee = find(&inputs, &plan, &args.employee)?;
    let trail = build_trail(&inputs, &plan, &employee, args.year)?;
    write_output(args.output.as_deref(), |out| {
        write_trail(&trail, format, out)
    })?;
    Ok(Outcome::Success)
}
