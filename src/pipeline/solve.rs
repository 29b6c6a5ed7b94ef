//! `Inputs::solve`: one pass over the workforce kept, then the largest
//! value of a measure's parameter within each target, as report rows
//! (docs/formats.md, rules 60–63).

use super::{Error, Inputs};
use crate::domain::{GroupBy, Location, Money};
use crate::engine::search::SearchError;
use crate::engine::solve::{Parameter, Question, Solver};
use crate::engine::{GroupKey, KeySpec};
use crate::input::targets::Targets;
use crate::input::{InputError, Warning};
use crate::report::solve::{Solution, SolutionRow};
use rust_decimal::Decimal;

/// What to solve for.
#[derive(Clone, Debug)]
pub struct SolveRequest {
    /// The measure's id.
    pub measure: String,
    /// One year's cost instead of the whole horizon's.
    pub year: Option<i32>,
    /// One payer's share instead of the measure's whole cost.
    pub payer: Option<String>,
    /// Solve per group of these keys (none: the whole workforce).
    pub by: Vec<GroupBy>,
    /// The targets.
    pub targets: Target,
}

/// The target of each group.
#[derive(Clone, Debug)]
pub enum Target {
    /// The same target for the whole workforce, or for every group.
    Each(Decimal),
    /// One target per group, from a file whose keys are the groups'.
    File(Targets),
}

/// Why solve has no answer, or cannot be asked.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// A question the scenario cannot answer (unknown measure, year, payer,
    /// a key solve does not group by).
    #[error("{0}")]
    Question(String),
    /// No value of the parameter is within some target, or the cost is not
    /// monotone: one line per group.
    #[error("{}", .0.join("\n"))]
    NoAnswer(Vec<String>),
}

impl Inputs {
    /// The largest value of `request`'s measure parameter within each
    /// target, priced from one pass over the workforce, telling `progress`
    /// the bytes read so far; the warnings of the workforce's header go to
    /// `warnings`.
    pub fn solve(
        &self,
        request: &SolveRequest,
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<Solution, Error> {
        let question = self.question(request)?;
        let keys = KeySpec::new(request.by.clone(), &self.scenario, &self.grids);
        if let Target::File(file) = &request.targets {
            if file.by != keys.by {
                return Err(SolveError::Question(format!(
                    "--by {}: the targets file `{}` has the keys {}",
                    names_of(&keys.by),
                    file.path.display(),
                    names_of(&file.by)
                ))
                .into());
            }
        }
        let mut by = request.by.clone();
        by.push(GroupBy::Year);
        let kept = self.keep(by, progress, warnings)?;
        let solver = Solver::new(&kept, &self.grids, &self.parameters, question)?;
        let targets = group_targets(&solver, &keys, request)?;
        let answers = solver.solve(&targets);
        let parameter = solver.parameter();
        let measure = request.measure.as_str();
        let mut rows = Vec::with_capacity(answers.len());
        let mut failures = Vec::new();
        for ((group, target), answer) in targets.iter().zip(answers) {
            match answer {
                Ok(found) => rows.push(SolutionRow {
                    keys: keys.decode(group),
                    value: parameter.value(found.value),
                    cost: found.cost,
                    cost_next: found.cost_next,
                }),
                Err(SearchError::Cost(e)) => return Err(e.into()),
                Err(e) => failures.push(format!(
                    "{}{}",
                    place(&keys, group),
                    no_answer(&e, (measure, parameter), *target)
                )),
            }
        }
        if !failures.is_empty() {
            return Err(SolveError::NoAnswer(failures).into());
        }
        Ok(Solution {
            by: request.by.clone(),
            measure: measure.to_string(),
            parameter: parameter.name(),
            rows,
        })
    }

    /// The request checked against the scenario.
    fn question(&self, request: &SolveRequest) -> Result<Question, SolveError> {
        let scenario = &self.scenario;
        let ids: Vec<&str> = scenario.measures.iter().map(|m| m.id.as_str()).collect();
        let Some(measure) = ids.iter().position(|id| *id == request.measure) else {
            return Err(SolveError::Question(format!(
                "--measure {}: no such measure in `{}` (its measures: {})",
                request.measure,
                scenario.path,
                ids.join(", ")
            )));
        };
        if let Some(year) = request.year {
            if !(scenario.first_year..=scenario.last_year).contains(&year) {
                return Err(SolveError::Question(format!(
                    "--year {year}: outside the scenario's years {}–{}",
                    scenario.first_year, scenario.last_year
                )));
            }
        }
        if let Some(payer) = &request.payer {
            let funding = &scenario.measures[measure].funding;
            if funding.table_count() > 1 {
                return Err(SolveError::Question(format!(
                    "--payer {payer}: measure `{}` has a dated or by-funder funding ({funding}), whose cost is split per table in force (docs/formats.md, rules 52 and 61); solve for its whole cost without --payer, or use `revalo sweep` and read the share_{payer} column",
                    request.measure
                )));
            }
            if !funding.tables().flatten().any(|(p, _)| p == payer) {
                let payers: Vec<&str> = funding
                    .tables()
                    .flatten()
                    .map(|(p, _)| p.as_str())
                    .collect();
                return Err(SolveError::Question(format!(
                    "--payer {payer}: measure `{}` is funded by {}",
                    request.measure,
                    payers.join(", ")
                )));
            }
        }
        if let Some(key) = request
            .by
            .iter()
            .find(|k| matches!(k, GroupBy::Year | GroupBy::Measure))
        {
            return Err(SolveError::Question(format!(
                "--by {key}: solve groups people, not {key}s (use --year for one year's cost)"
            )));
        }
        Ok(Question {
            measure,
            year: request.year,
            payer: request.payer.clone(),
        })
    }
}

/// `a, b` for keys `a` and `b`.
fn names_of(by: &[GroupBy]) -> String {
    by.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
}

/// `departement 01: ` for a group, nothing for the whole workforce.
fn place(keys: &KeySpec, group: &GroupKey) -> String {
    if keys.by.is_empty() {
        return String::new();
    }
    let values: Vec<String> = keys.decode(group).iter().map(|k| k.to_string()).collect();
    format!("{} {}: ", names_of(&keys.by), values.join(", "))
}

/// Each group's target, in group order: the one target for the whole
/// workforce or for every group where the measure costs something, or the
/// file's, each row matched to such a group.
fn group_targets(
    solver: &Solver<'_>,
    keys: &KeySpec,
    request: &SolveRequest,
) -> Result<Vec<(GroupKey, Money)>, Error> {
    let groups = solver.groups();
    let file = match &request.targets {
        Target::Each(amount) => {
            let all = if keys.by.is_empty() {
                vec![GroupKey::default()]
            } else {
                groups
            };
            return Ok(all
                .into_iter()
                .map(|g| (g, Money::round(*amount)))
                .collect());
        }
        Target::File(file) => file,
    };
    let texts: Vec<(Vec<String>, GroupKey)> = groups
        .iter()
        .map(|g| (keys.decode(g).iter().map(|k| k.to_string()).collect(), *g))
        .collect();
    let mut targets = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        let Some((_, group)) = texts.iter().find(|(text, _)| *text == row.keys) else {
            let year = request.year.map(|y| format!(" in {y}")).unwrap_or_default();
            return Err(InputError::invalid(
                Location::at(&file.path, row.line, 1),
                format!(
                    "measure `{}` costs nothing in the group {} ({}){year}: \
                     no employee of the workforce it applies to",
                    request.measure,
                    row.keys.join(", "),
                    names_of(&file.by)
                ),
            )
            .into());
        };
        targets.push((*group, Money::round(row.target)));
    }
    targets.sort_by_key(|(g, _)| *g);
    Ok(targets)
}

/// Why a search found no value, in words.
fn no_answer<E>(
    e: &SearchError<E>,
    (measure, parameter): (&str, Parameter),
    target: Money,
) -> String {
    let name = parameter.name();
    let value = |units: i64| parameter.value(units);
    match e {
        SearchError::BelowRange { value: v, cost } => format!(
            "even the smallest {name} of measure `{measure}`, {}, costs {cost} €, \
             more than the target {target} €",
            value(*v)
        ),
        SearchError::AboveRange { value: v, cost } => format!(
            "even the largest {name} allowed for measure `{measure}`, {}, costs {cost} €, \
             within the target {target} € (docs/formats.md, rule 60)",
            value(*v)
        ),
        SearchError::NotMonotone { lower, higher } => format!(
            "the cost of measure `{measure}` is not monotone in its {name}: {} costs {} € \
             but {} costs {} €, less, so the largest {name} within the target would depend \
             on the values tried; `revalo sweep` shows the costs around these values",
            value(lower.0),
            lower.1,
            value(higher.0),
            higher.1
        ),
        SearchError::Cost(_) => "the cost could not be computed".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cost_that_falls_is_said_with_the_two_values() {
        // No valid input makes a cost fall (the ranges of rule 43 keep every
        // rate, weight and working time non-negative), so the message is
        // checked on the search's own finding: 0.00 € costing nothing, then
        // 100.00 € costing −50.00 € a month over twelve months, −600.00 €.
        let e: SearchError<()> = SearchError::NotMonotone {
            lower: (0, Money::ZERO),
            higher: (10_000, Money::from_cents(-60_000)),
        };
        let message = no_answer(
            &e,
            ("uniform", Parameter::Euros),
            Money::from_cents(100_000),
        );
        assert!(
            message.starts_with(
                "the cost of measure `uniform` is not monotone in its amount: \
                 0.00 costs 0.00 € but 100.00 costs -600.00 €, less"
            ),
            "{message}"
        );
    }
}
