//! A measure's funding: who pays which share of its cost. One table of
//! shares for every month and row, tables dated by month, or a table per
//! workforce funder (docs/formats.md, rules 14 and 50–52). The split itself
//! is the engine's (arithmetic step 7); this module only says which table
//! is in force.

use super::{Fraction, Funder, YearMonth};
use std::fmt;

/// Payers and their exact shares, in file order, summing to 1: the last
/// payer takes the remainder (docs/formats.md, arithmetic step 7).
pub type Shares = Vec<(String, Fraction)>;

/// Shares for every month, or dated: each table in force from its month
/// until the next one's (docs/formats.md, rule 50).
#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    /// `{ etat = "2/3", departement = "1/3" }`.
    Single(Shares),
    /// `[{ from = "2024-01", … }, { from = "2025-01", … }]`, months strictly
    /// increasing.
    Dated(Vec<(YearMonth, Shares)>),
}

impl Schedule {
    /// Its tables, in file order.
    pub fn tables(&self) -> impl Iterator<Item = &Shares> {
        let (single, dated) = match self {
            Schedule::Single(s) => (Some(s), None),
            Schedule::Dated(d) => (None, Some(d.iter().map(|(_, s)| s))),
        };
        single.into_iter().chain(dated.into_iter().flatten())
    }

    /// How many tables it has.
    pub fn len(&self) -> usize {
        match self {
            Schedule::Single(_) => 1,
            Schedule::Dated(d) => d.len(),
        }
    }

    /// Whether it has no table (never: the reader refuses an empty list).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index of the table in force in `month`; `None` before the first
    /// dated one.
    pub fn index_at(&self, month: YearMonth) -> Option<usize> {
        match self {
            Schedule::Single(_) => Some(0),
            Schedule::Dated(d) => d.iter().rposition(|(from, _)| *from <= month),
        }
    }

    /// The first month of a dated schedule.
    pub fn first_month(&self) -> Option<YearMonth> {
        match self {
            Schedule::Single(_) => None,
            Schedule::Dated(d) => d.first().map(|(from, _)| *from),
        }
    }
}

/// A measure's funding.
#[derive(Clone, Debug, PartialEq)]
pub enum Funding {
    /// The same schedule for every row.
    All(Schedule),
    /// `funding = "by_funder"`: a schedule per workforce `funder`, in file
    /// order; the entry `None` is `default`, for a row whose funder has no
    /// entry or that has no funder (docs/formats.md, rule 51).
    ByFunder(Vec<(Option<Funder>, Schedule)>),
}

impl Funding {
    /// The single table `shares` for every month and row.
    pub fn single(shares: Shares) -> Funding {
        Funding::All(Schedule::Single(shares))
    }

    /// The schedules, in file order.
    fn schedules(&self) -> impl Iterator<Item = &Schedule> {
        let (all, by) = match self {
            Funding::All(s) => (Some(s), None),
            Funding::ByFunder(entries) => (None, Some(entries.iter().map(|(_, s)| s))),
        };
        all.into_iter().chain(by.into_iter().flatten())
    }

    /// Every table, in file order: the tables of the first schedule, then
    /// the next one's.
    pub fn tables(&self) -> impl Iterator<Item = &Shares> {
        self.schedules().flat_map(Schedule::tables)
    }

    /// How many tables it has: a cost is split per table in force
    /// (docs/formats.md, rule 52).
    pub fn table_count(&self) -> usize {
        self.schedules().map(Schedule::len).sum()
    }

    /// The schedule that applies to a row funded by `funder`: the
    /// funder's entry, else `default`; `None` when neither exists.
    pub fn schedule_for(&self, funder: Option<Funder>) -> Option<&Schedule> {
        self.entry_for(funder).map(|(_, s)| s)
    }

    /// The index (in [`Funding::tables`]) of the table in force in `month`
    /// for a row funded by `funder`; `None` when the funder has no entry
    /// and there is no `default`, or before the first dated table.
    pub fn table_at(&self, month: YearMonth, funder: Option<Funder>) -> Option<usize> {
        let (offset, schedule) = self.entry_for(funder)?;
        schedule.index_at(month).map(|i| offset + i)
    }

    /// The schedule for `funder` and the index of its first table.
    fn entry_for(&self, funder: Option<Funder>) -> Option<(usize, &Schedule)> {
        match self {
            Funding::All(s) => Some((0, s)),
            Funding::ByFunder(entries) => {
                let mut offset = 0;
                let mut default = None;
                for (key, schedule) in entries {
                    if funder.is_some() && *key == funder {
                        return Some((offset, schedule));
                    }
                    if key.is_none() {
                        default = Some((offset, schedule));
                    }
                    offset += schedule.len();
                }
                default
            }
        }
    }

    /// The months at which a dated table begins, in any schedule.
    pub fn changes(&self) -> impl Iterator<Item = YearMonth> + '_ {
        self.schedules()
            .flat_map(|s| match s {
                Schedule::Single(_) => [].iter(),
                Schedule::Dated(d) => d.iter(),
            })
            .map(|(from, _)| *from)
    }
}

fn write_shares(f: &mut fmt::Formatter<'_>, shares: &Shares) -> fmt::Result {
    for (i, (payer, share)) in shares.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{payer} {share}")?;
    }
    Ok(())
}

impl fmt::Display for Schedule {
    /// `etat 2/3, departement 1/3`; dated, `from 2024-01: departement 1;
    /// from 2025-01: departement 1/2, cnsa 1/2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schedule::Single(s) => write_shares(f, s),
            Schedule::Dated(d) => {
                for (i, (from, shares)) in d.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "from {from}: ")?;
                    write_shares(f, shares)?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Funding {
    /// A schedule as [`Schedule`] writes it; by funder, each entry
    /// `funder → schedule`, separated by ` | `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Funding::All(s) => write!(f, "{s}"),
            Funding::ByFunder(entries) => {
                for (i, (funder, schedule)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" | ")?;
                    }
                    let name = funder.map_or("default", Funder::code);
                    write!(f, "{name} → {schedule}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(list: &[(&str, &str)]) -> Shares {
        list.iter()
            .map(|(p, s)| (p.to_string(), s.parse().unwrap()))
            .collect()
    }

    fn month(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    #[test]
    fn the_table_in_force_follows_the_month_and_the_funder() {
        let dated = Schedule::Dated(vec![
            (month("2024-01"), shares(&[("departement", "1")])),
            (
                month("2025-01"),
                shares(&[("departement", "1/2"), ("cnsa", "1/2")]),
            ),
        ]);
        let funding = Funding::ByFunder(vec![
            (
                Some(Funder::Etat),
                Schedule::Single(shares(&[("assurance_maladie", "1")])),
            ),
            (Some(Funder::Departement), dated),
            (None, Schedule::Single(shares(&[("autre", "1")]))),
        ]);
        // Tables in file order: 0 etat, 1–2 departement, 3 default.
        assert_eq!(funding.table_count(), 4);
        let at = |m, f| funding.table_at(month(m), f);
        assert_eq!(at("2024-06", Some(Funder::Etat)), Some(0));
        assert_eq!(at("2024-12", Some(Funder::Departement)), Some(1));
        assert_eq!(at("2025-01", Some(Funder::Departement)), Some(2));
        assert_eq!(at("2023-12", Some(Funder::Departement)), None);
        assert_eq!(at("2024-06", Some(Funder::Conjoint)), Some(3));
        assert_eq!(at("2024-06", None), Some(3));
        assert_eq!(
            funding.to_string(),
            "etat → assurance_maladie 1 | departement → from 2024-01: departement 1; \
             from 2025-01: departement 1/2, cnsa 1/2 | default → autre 1"
        );
        let changes: Vec<String> = funding.changes().map(|m| m.to_string()).collect();
        assert_eq!(changes, ["2024-01", "2025-01"]);
    }

    #[test]
    fn without_default_a_funder_without_entry_has_no_table() {
        let funding = Funding::ByFunder(vec![(
            Some(Funder::Etat),
            Schedule::Single(shares(&[("etat", "1")])),
        )]);
        assert_eq!(
            funding.table_at(month("2024-01"), Some(Funder::Autre)),
            None
        );
        assert_eq!(funding.table_at(month("2024-01"), None), None);
        let single = Funding::single(shares(&[("etat", "2/3"), ("departement", "1/3")]));
        assert_eq!(single.table_at(month("1999-01"), None), Some(0));
        assert_eq!(single.to_string(), "etat 2/3, departement 1/3");
    }
}
