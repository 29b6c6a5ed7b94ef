//! `revalo report`: one self-contained HTML page for elected members and
//! directors — a map of France coloured by a chosen figure, charts per year,
//! payer and measure, the tables and the scenario's assumptions — or, with
//! `--format svg`, the map alone for slides.

use super::common::{print_warnings, scenario_source, write_output, OverrideArgs};
use super::Outcome;
use crate::domain::filter::{FilterKey, RowFilter};
use crate::domain::{GroupBy, Source};
use crate::report::fmt::{report_euros, report_number};
use crate::report::html::{self, Page, Ranked};
use crate::report::map::{self, MapEntry};
use crate::report::metric::{departement_of, Metric};
use crate::report::population::population;
use crate::report::Report;
use anyhow::{anyhow, bail, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// How many départements the ranking table lists.
const TOP: usize = 15;

/// What `revalo report` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PageFormat {
    /// The whole report: one HTML file, no script, nothing fetched.
    Html,
    /// The map alone, as an SVG image (for slides).
    Svg,
}

/// Arguments of `revalo report`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
revalo report --out report.html                       # the shipped scenario\n  \
revalo report my.toml --metric delta_cost_per_inhabitant --out report.html\n  \
revalo report --metric share_departement --format svg --out map.svg\n  \
revalo report --set measure.segur-socio-educatif.amount=200 --out report-200.html")]
pub struct ReportCmdArgs {
    /// Scenario file (TOML), or `shipped:scenarios/NAME.toml` [default: the
    /// shipped Conférence des métiers 2022 scenario].
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// Write the report to FILE (atomically). Required for HTML; the SVG map
    /// goes to standard output without it.
    #[arg(long, visible_alias = "output", short, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The figure that colours the map and ranks the départements, over the
    /// horizon: delta_cost, delta_cost_per_inhabitant, delta_cost_per_fte or
    /// share_PAYER (e.g. share_etat).
    #[arg(long, value_name = "METRIC", default_value = "delta_cost")]
    pub metric: Metric,

    /// html: the whole report; svg: the map alone.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "html")]
    pub format: PageFormat,

    /// Scenario overrides.
    #[command(flatten)]
    pub overrides: OverrideArgs,
}

/// The arguments of `revalo report`, validated.
#[derive(Debug)]
struct ReportCmdConfig {
    /// The scenario.
    pub scenario: Source,
    /// The output file, or standard output.
    pub out: Option<PathBuf>,
    /// The metric.
    pub metric: Metric,
    /// The format.
    pub format: PageFormat,
}

impl ReportCmdArgs {
    /// Checks the flags.
    fn config(&self) -> Result<ReportCmdConfig> {
        if self.format == PageFormat::Html && self.out.is_none() {
            bail!(
                "the HTML report needs a file: add `--out FILE.html` \
                 (or `--format svg` for the map alone on standard output)"
            );
        }
        Ok(ReportCmdConfig {
            scenario: scenario_source(self.scenario.as_deref())?,
            out: self.out.clone(),
            metric: self.metric.clone(),
            format: self.format,
        })
    }
}

/// The map's entries: one per département with a row.
fn map_entries(by_departement: &Report, metric: &Metric) -> Vec<MapEntry> {
    by_departement
        .rows
        .iter()
        .filter_map(|row| {
            let d = departement_of(row)?;
            let pop = population(d).map(|(p, _)| p);
            let value = metric.value(row, &by_departement.payers, pop);
            let mut tooltip = String::new();
            if !matches!(metric, Metric::DeltaCost) {
                tooltip.push_str(&format!(
                    "Surcoût total : {}\n",
                    report_euros(row.delta_cost.amount(), 2)
                ));
            }
            for (payer, share) in by_departement.payers.iter().zip(&row.shares) {
                tooltip.push_str(&format!(
                    "dont {} : {}\n",
                    crate::report::metric::payer_label(payer),
                    report_euros(share.amount(), 2)
                ));
            }
            tooltip.push_str(&format!(
                "ETP éligibles (moyenne) : {}",
                report_number(row.fte, 2)
            ));
            if let Some(p) = pop {
                tooltip.push_str(&format!("\nPopulation : {}", report_number(p.into(), 0)));
            }
            Some(MapEntry {
                code: d.code().to_string(),
                name: d.name().to_string(),
                value,
                tooltip,
            })
        })
        .collect()
}

/// What `filter` keeps, for a title: a single département by its name and
/// code (`Côte-d'Or (21)`), every other condition as typed.
fn scope(filter: &RowFilter) -> String {
    let departement = filter.departement();
    filter
        .0
        .iter()
        .map(|c| match departement {
            Some(d) if c.key == FilterKey::Departement => format!("{} ({})", d.name(), d.code()),
            _ => c.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `revalo report`.
pub fn run(args: &ReportCmdArgs) -> Result<Outcome> {
    let config = args.config()?;
    let inputs = args.overrides.load(&config.scenario)?;
    print_warnings(&inputs.warnings);
    let mut warnings = Vec::new();
    if let Metric::Share(payer) = &config.metric {
        let payers = inputs.scenario.payers();
        if !payers.contains(payer) {
            let names: Vec<String> = payers.iter().map(|p| format!("share_{p}")).collect();
            bail!(
                "--metric share_{payer}: no measure of the scenario is funded by `{payer}` \
                 (payers: {})",
                names.join(", ")
            );
        }
    }
    let scenario = &inputs.scenario;
    let filter = scenario.filter.to_string();
    let scope = (!scenario.filter.is_empty()).then(|| scope(&scenario.filter));
    if scope.is_some() && config.metric == Metric::DeltaCostPerInhabitant {
        bail!(
            "--metric delta_cost_per_inhabitant: with --where {filter} the workforce is partial, \
             and its cost divided by the whole population would mislead (docs/formats.md, rule 54)"
        );
    }
    let label = config.metric.label(scenario.first_year, scenario.last_year);
    // Every grouping from one reading of the workforce.
    let mut groupings = vec![vec![GroupBy::Departement]];
    if config.format == PageFormat::Html {
        groupings.extend([
            vec![GroupBy::Year],
            vec![GroupBy::Region],
            vec![GroupBy::Measure, GroupBy::Year],
        ]);
    }
    // One report per grouping, in order.
    let mut reports = inputs.reports(groupings, &mut warnings)?;
    print_warnings(&warnings);
    let by_departement = reports.remove(0);
    let entries = map_entries(&by_departement, &config.metric);
    let svg = map::render(&entries, &label, config.metric.unit());
    if config.format == PageFormat::Svg {
        write_output(config.out.as_deref(), |out| out.write_all(svg.as_bytes()))?;
        return Ok(Outcome::Success);
    }

    let [by_year, by_region, by_measure_year]: [Report; 3] = reports
        .try_into()
        .map_err(|_| anyhow!("one report per grouping"))?;
    let mut ranked: Vec<Ranked> = by_departement
        .rows
        .iter()
        .filter_map(|row| {
            let d = departement_of(row)?;
            let pop = population(d).map(|(p, _)| p);
            let value = config.metric.value(row, &by_departement.payers, pop)?;
            Some(Ranked {
                departement: d,
                value,
                row: row.clone(),
                population: pop,
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then(a.departement.cmp(&b.departement))
    });
    ranked.truncate(TOP);
    let mut region_population: Vec<(String, u64)> = Vec::new();
    for d in crate::domain::Departement::all() {
        let pop = population(d).map_or(0, |(p, _)| p);
        match region_population.iter_mut().find(|(r, _)| r == d.region()) {
            Some((_, total)) => *total += pop,
            None => region_population.push((d.region().to_string(), pop)),
        }
    }
    let assumptions = inputs.assumptions()?;
    let page = html::render(&Page {
        metric: &config.metric,
        map_svg: &svg,
        by_year: &by_year,
        by_region: &by_region,
        by_measure_year: &by_measure_year,
        top: &ranked,
        region_population: &region_population,
        assumptions: &assumptions,
        scope: scope.as_deref().map(|s| (s, filter.as_str())),
    });
    write_output(config.out.as_deref(), |out| out.write_all(page.as_bytes()))?;
    Ok(Outcome::Success)
}
