//! `revalo generate`: writes a synthetic national workload — a workforce
//! over the 101 départements, the shipped grids, the flat parameters and the
//! payroll schedule, and a scenario — that `simulate` runs as is under
//! either payroll model (`--set payroll=detailed`) and that the benchmark
//! peers of `benches/peers/` read too (canonical formats: `,`, UTF-8,
//! `YYYY-MM-DD`).
//!
//! Deterministic for a seed: the random stream is `crate::rng::SplitMix64`, written
//! in this crate, so no dependency upgrade can change the files.

use super::Outcome;
use crate::domain::Date;
use crate::rng::SplitMix64;
use crate::shipped;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The shipped files written as they are, by their path under `data/`
/// (and in the workload's folder).
const SHIPPED_FILES: [&str; 6] = [
    "grids/conventions.csv",
    "grids/point_values.csv",
    "grids/ccn66.csv",
    "grids/ccn51.csv",
    "parameters/flat.csv",
    "parameters/payroll.csv",
];

/// The generated scenario: the €183 net measure for socio-educational staff
/// and +1.5 % on the value of the point from 2024-07.
const SCENARIO_TOML: &str = r#"# Written by `revalo generate`: a synthetic national workload (see README.txt).
name = "Synthetic national workload: 183 € net from 2022-04 and +1.5 % on the point from 2024-07"
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
eligible = { convention = ["ccn66", "ccn66-nexem", "ccn51"] }
funding = { departement = "1/2", assurance_maladie = "1/2" }
"#;

/// Arguments of `revalo generate`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
revalo generate --employees 1000000 --out national   # a million rows, seed 2022\n  \
revalo simulate national/scenario.toml --format csv > national.csv")]
pub struct GenerateArgs {
    /// Number of workforce rows to write.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub employees: u64,

    /// Seed of the random stream: the same seed writes the same files.
    #[arg(long, value_name = "S", default_value_t = 2022)]
    pub seed: u64,

    /// Folder to write into (created if missing): workforce.csv, grids/,
    /// parameters/ (flat rates and the payroll schedule), scenario.toml,
    /// README.txt.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

fn cumulative(weights: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut sum = 0;
    weights
        .into_iter()
        .map(|w| {
            sum += w;
            sum
        })
        .collect()
}

/// The date of a day number (days since 1970-01-01), by Howard Hinnant's
/// `civil_from_days`.
fn date_of(day: i64) -> Date {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    // Valid by construction for every day number.
    Date::new(y, m, d).expect("civil_from_days yields a valid date")
}

/// A job of a shipped grid, with its share of the convention's staff.
struct JobShare {
    code: String,
    weight: u64,
}

fn jobs_of(grid_csv: &str) -> Vec<JobShare> {
    let mut jobs: Vec<JobShare> = Vec::new();
    for line in grid_csv.lines().skip(1) {
        let mut fields = line.split(',');
        let (Some(code), Some(_), Some(filiere)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        if jobs.iter().any(|j| j.code == code) {
            continue;
        }
        // Socio-educational jobs are the bulk of the sector's staff.
        let weight = match filiere {
            "socio-educatif" => 10,
            "soins" => 8,
            "encadrement" => 2,
            _ => 4,
        };
        jobs.push(JobShare {
            code: code.to_string(),
            weight,
        });
    }
    jobs
}

/// Départements and their populations, from the shipped table.
fn departements() -> Vec<(String, u64)> {
    shipped::text("departements.csv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            Some((f.first()?.to_string(), f.get(4)?.parse().ok()?))
        })
        .collect()
}

fn finess_prefix(code: &str) -> &str {
    match code {
        "971" => "9A",
        "972" => "9B",
        "973" => "9C",
        "974" => "9D",
        "976" => "9F",
        c => c,
    }
}

/// The conventions whose grids `generate` writes and whose staff it draws.
const GENERATED_CONVENTIONS: [&str; 3] = ["ccn66", "ccn66-nexem", "ccn51"];

/// The header of a shipped CSV and its rows whose first field is one of
/// `conventions`: the workload's grids folder lists only the grids it
/// writes.
fn rows_of(csv: &str, conventions: &[&str]) -> String {
    let mut lines = csv.lines();
    let mut out: String = lines.next().map(|h| format!("{h}\n")).unwrap_or_default();
    for line in lines.filter(|l| conventions.contains(&l.split(',').next().unwrap_or(""))) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Runs `revalo generate`.
pub fn run(args: &GenerateArgs) -> Result<Outcome> {
    if args.employees == 0 {
        bail!("--employees must be at least 1");
    }
    let out = &args.out;
    for dir in [out.join("grids"), out.join("parameters")] {
        fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    }
    for path in SHIPPED_FILES {
        let text = shipped::text(path);
        let text = match path {
            "grids/conventions.csv" | "grids/point_values.csv" => {
                rows_of(text, &GENERATED_CONVENTIONS)
            }
            _ => text.to_string(),
        };
        write_file(&out.join(path), &text)?;
    }
    write_file(&out.join("scenario.toml"), SCENARIO_TOML)?;
    write_file(
        &out.join("README.txt"),
        &format!(
            "Synthetic workload written by `revalo generate --employees {} --seed {}`.\n\
             The grids, point values and parameters are revalo's shipped data; the\n\
             workforce is random (départements in proportion to population): its\n\
             results are orders of magnitude, not official figures.\n",
            args.employees, args.seed
        ),
    )?;
    let path = out.join("workforce.csv");
    let file =
        fs::File::create(&path).with_context(|| format!("cannot write `{}`", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    write_workforce(&mut w, args.employees, args.seed)
        .and_then(|()| w.flush())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(Outcome::Success)
}

/// Writes `rows` workforce rows for `seed`.
fn write_workforce(w: &mut impl Write, rows: u64, seed: u64) -> std::io::Result<()> {
    let mut r = SplitMix64::new(seed);
    let depts = departements();
    let dept_cum = cumulative(depts.iter().map(|d| d.1));
    // convention id, its jobs; ccn66 is split between Nexem members and others.
    let (ccn66, ccn51) = (
        shipped::text("grids/ccn66.csv"),
        shipped::text("grids/ccn51.csv"),
    );
    let conventions = [
        ("ccn66", jobs_of(ccn66), 30),
        ("ccn66-nexem", jobs_of(ccn66), 25),
        ("ccn51", jobs_of(ccn51), 45),
    ];
    let conv_cum = cumulative(conventions.iter().map(|c| c.2));
    let job_cum: Vec<Vec<u64>> = conventions
        .iter()
        .map(|c| cumulative(c.1.iter().map(|j| j.weight)))
        .collect();
    let ftes = ["1", "0.8", "0.5", "0.75", "0.9", "0.6", "0.3", "0.25"];
    let fte_cum = cumulative([55, 10, 10, 8, 5, 5, 4, 3]);
    let funders = ["etat", "departement", "conjoint", "autre", ""];
    let funder_cum = cumulative([30, 38, 18, 9, 5]);
    let day = |s: &str| s.parse::<Date>().map(|d| d.day_number()).unwrap_or(0);
    let (sen_lo, sen_hi) = (day("1980-01-01"), day("2026-06-30"));
    let (h_lo, h_hi) = (day("2022-01-01"), day("2026-12-31"));
    let late_hi = day("2027-12-31");
    let span = |r: &mut SplitMix64, lo: i64, hi: i64| lo + r.below((hi - lo + 1) as u64) as i64;

    w.write_all(b"id,departement,convention,job,fte,seniority_date,start_date,end_date,funder,establishment,weight\n")?;
    for i in 1..=rows {
        let (dept, _) = &depts[r.pick(&dept_cum)];
        let c = r.pick(&conv_cum);
        let (conv, jobs, _) = &conventions[c];
        let job = &jobs[r.pick(&job_cum[c])].code;
        let fte = ftes[r.pick(&fte_cum)];
        let seniority = date_of(span(&mut r, sen_lo, sen_hi));
        // 12 % enter and 10 % leave inside the horizon.
        let mut start = r.chance(120).then(|| span(&mut r, h_lo, h_hi));
        let mut end = r.chance(100).then(|| span(&mut r, h_lo, late_hi));
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                (start, end) = (Some(e), Some(s));
            }
        }
        let funder = funders[r.pick(&funder_cum)];
        let prefix = finess_prefix(dept);
        let digits = 9 - prefix.len() as u32;
        let number = r.below(10u64.pow(digits));
        // Most rows are one person; some stand for several, a few for none.
        let weight = match r.below(1000) {
            0..=19 => "2",
            20..=24 => "1.5",
            25..=26 => "0",
            27 => "12.25",
            _ => "",
        };
        write!(
            w,
            "W{i:07},{dept},{conv},{job},{fte},{seniority},",
            seniority = seniority
        )?;
        if let Some(s) = start {
            write!(w, "{}", date_of(s))?;
        }
        w.write_all(b",")?;
        if let Some(e) = end {
            write!(w, "{}", date_of(e))?;
        }
        writeln!(
            w,
            ",{funder},{prefix}{number:0width$},{weight}",
            width = digits as usize
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for s in ["1970-01-01", "2024-02-29", "1980-01-01", "2027-12-31"] {
            let d: Date = s.parse().unwrap();
            assert_eq!(date_of(d.day_number()), d);
        }
    }

    #[test]
    fn same_seed_same_rows() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        write_workforce(&mut a, 500, 7).unwrap();
        write_workforce(&mut b, 500, 7).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 501);
        assert!(text.lines().nth(1).unwrap().starts_with("W0000001,"));
    }
}
