//! Reads a scenario TOML file into a [`Scenario`], reporting every problem
//! (unknown keys, wrong types, bad values) with its line and column.

use super::csvfile::parse_decimal;
use super::error::{plural, InputError, InputErrors};
use super::source::{open, Ledger};
use crate::domain::filter::RowFilter;
use crate::domain::funding::{Funding, Schedule, Shares};
use crate::domain::scenario::{
    Eligibility, EmployerFacts, FilterPlace, Horizon, Measure, MeasureKind, MeasureRange,
    MeasureRanges, PayrollModel, PointChange, Scenario, SmicFloor, KNOWN_PAYERS,
};
use crate::domain::suggest::closest;
use crate::domain::Location;
use crate::domain::{Departement, Fraction, Funder, Sector, Source, YearMonth};
use rust_decimal::Decimal;
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

const TOP_KEYS: &[&str] = &[
    "name",
    "years",
    "workforce",
    "grids",
    "parameters",
    "payroll",
    "employer",
    "strict",
    "payers",
    "measure",
];
const EMPLOYER_KEYS: &[&str] = &["size", "at_mp_rate", "taxe_salaires"];
const MEASURE_KEYS: &[&str] = &[
    "id",
    "kind",
    "amount",
    "percent",
    "from",
    "until",
    "eligible",
    "funding",
    "funding_by_funder",
    "smic_floor",
    "bonus",
];
const FILTER_KEYS: &[&str] = &[
    "convention",
    "job",
    "filiere",
    "sector",
    "departement",
    "funder",
];
const KINDS: &[&str] = &[
    "net_monthly",
    "gross_monthly",
    "points",
    "point_value",
    "coefficient",
    "index_points",
];

/// Reads the scenario file `source` once (recorded in `ledger`), applies
/// `overrides` (`--set`) in order, then validates the result.
pub fn read_scenario_with(
    source: &Source,
    overrides: &[Override],
    ledger: &Ledger,
) -> Result<Scenario, InputErrors> {
    let text = read_scenario_text(source, ledger)?;
    parse_scenario_with(source, &text, overrides)
}

/// A scenario file larger than this is refused (docs/formats.md, rule 41):
/// a scenario of a thousand measures is about 200 KB.
pub const MAX_SCENARIO_BYTES: u64 = 1 << 20;

/// The text of the scenario file `source`, read once (recorded in
/// `ledger`): at most [`MAX_SCENARIO_BYTES`] of UTF-8, the first byte that
/// is not UTF-8 located by line and column.
pub fn read_scenario_text(source: &Source, ledger: &Ledger) -> Result<String, InputError> {
    use std::io::Read;
    let path = source.name();
    let mut bytes = Vec::new();
    open(source, ledger)?
        .take(MAX_SCENARIO_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io {
            location: Location::file(path),
            source: e,
        })?;
    if bytes.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(InputError::invalid(
            Location::file(path),
            "the scenario file is larger than 1 MiB, the limit: a scenario is a TOML file of a few kilobytes (is this the right file?)",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        // The prefix is valid UTF-8, so the location counts characters.
        let before = String::from_utf8_lossy(&bytes[..at]);
        let line = before.matches('\n').count() as u64 + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        InputError::invalid(
            Location::at(path, line, column),
            format!(
                "byte 0x{:02X} is not UTF-8 text: save the scenario as UTF-8",
                bytes[at]
            ),
        )
    })
}

/// Parses scenario `text`, read from `path`, with `overrides` applied to the
/// parsed tree before it is validated: an overridden value is checked exactly
/// as if it had been written in the file, and its errors name `--set KEY=VALUE`.
fn parse_scenario_with(
    source: &Source,
    text: &str,
    overrides: &[Override],
) -> Result<Scenario, InputErrors> {
    match parse_scenario_lenient(source, text, overrides) {
        (Some(s), errors) if errors.is_empty() => Ok(s),
        (_, errors) => Err(InputErrors(errors)),
    }
}

/// Parses the scenario `text`, read from `source`, with `overrides`,
/// keeping every problem and, when its years and paths are readable, the
/// scenario without its bad measures (for `validate`, which goes on to
/// check the other inputs).
pub fn parse_scenario_lenient(
    source: &Source,
    text: &str,
    overrides: &[Override],
) -> (Option<Scenario>, Vec<InputError>) {
    let mut reader = Reader {
        source,
        path: source.name(),
        text,
        overrides,
        errors: Vec::new(),
        declared_payers: Vec::new(),
        line_starts: line_starts(text),
    };
    let mut table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let mut message = format!("invalid TOML: {}", e.message().trim());
            if windows_path_at(text, span.start) {
                message = format!("{message}; {WINDOWS_PATH}");
            }
            return (None, vec![InputError::invalid(reader.loc(&span), message)]);
        }
    };
    for (i, o) in overrides.iter().enumerate() {
        if let Err(message) = apply_override(table.get_mut(), o, i) {
            reader
                .errors
                .push(InputError::invalid(o.location(), message));
        }
    }
    let scenario = reader.scenario(table.get_ref());
    (scenario, reader.errors)
}

/// What to do with a Windows path in a TOML string (docs/formats.md, the
/// scenario): in double quotes a backslash begins an escape.
const WINDOWS_PATH: &str = "a Windows path in double quotes reads `\\` as an escape: \
    write it in single quotes ('C:\\Users\\me\\effectifs.csv') or with forward slashes \
    (\"C:/Users/me/effectifs.csv\")";

/// Whether the TOML error at byte `at` of `text` is a backslash inside a
/// double-quoted string that looks like a Windows path (`"C:\Users…"`,
/// `"\\server\share…"`, `"..\data"`).
fn windows_path_at(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return false;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let Some(open) = line.find('"') else {
        return false;
    };
    let string = &line[open + 1..];
    let bytes = string.as_bytes();
    let drive = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":\\";
    drive || string.starts_with("\\\\") || string.contains(".\\") || string.contains("\\U")
}

struct Reader<'a> {
    /// The scenario file, against which its paths resolve.
    source: &'a Source,
    /// Its name in messages.
    path: &'a Path,
    text: &'a str,
    overrides: &'a [Override],
    errors: Vec<InputError>,
    /// The payers the scenario declares beyond [`KNOWN_PAYERS`].
    declared_payers: Vec<String>,
    /// The byte offset where each line of `text` starts (0 first).
    line_starts: Vec<usize>,
}

/// The byte offset where each line of `text` starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    /// The line and column (1-based, in characters) of a byte offset.
    fn loc(&self, span: &Range<usize>) -> Location {
        if let Some(o) = span
            .start
            .checked_sub(OVERRIDE_SPAN)
            .and_then(|i| self.overrides.get(i))
        {
            return o.location();
        }
        let start = span.start.min(self.text.len());
        // Every value's place is kept (measure ids, filter values): a
        // search in the lines' starts, not a scan of the text before.
        let line = self.line_starts.partition_point(|s| *s <= start);
        let line_start = self.line_starts[line - 1];
        let column = self.text[line_start..start].chars().count() + 1;
        Location::at(self.path, line as u64, column)
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let e = InputError::invalid(self.loc(span), message);
        self.errors.push(e);
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if !known.contains(&key.get_ref().as_ref()) {
                let list = known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error(
                    &key.span(),
                    format!(
                        "unknown key `{}` in {what} (expected one of: {list})",
                        key.get_ref()
                    ),
                );
            }
        }
    }

    fn get<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Value<'i>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    fn string(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.error(
                    &v.span(),
                    format!("`{key}` must be a string, not {}", type_name(other)),
                );
                None
            }
        }
    }

    fn required<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        span: &Range<usize>,
        key: &str,
        what: &str,
    ) -> Option<&'t Value<'i>> {
        let v = Self::get(table, key);
        if v.is_none() {
            self.error(span, format!("missing key `{key}` in {what}"));
        }
        v
    }

    /// The whole scenario; `None` when a key it cannot do without is
    /// missing or wrong (the problems are in `errors`).
    fn scenario(&mut self, table: &DeTable<'_>) -> Option<Scenario> {
        self.unknown_keys(table, TOP_KEYS, "the scenario");
        let name = match Self::get(table, "name") {
            Some(v) => self.string(v, "name"),
            None => Some(
                self.path
                    .file_stem()
                    .map_or(String::new(), |s| s.to_string_lossy().into_owned()),
            ),
        };
        let years = self
            .required(table, &(0..0), "years", "the scenario")
            .and_then(|v| self.years(v));
        let workforce = self.file(table, "workforce");
        let grids = self.file(table, "grids");
        let parameters = self.file(table, "parameters");
        let payroll = match Self::get(table, "payroll") {
            Some(v) => self.payroll(v),
            None => Some(PayrollModel::Flat),
        };
        let employer = match Self::get(table, "employer") {
            Some(v) => self.employer(v),
            None => Some(EmployerFacts::default()),
        };
        let strict = match Self::get(table, "strict") {
            Some(v) => self.boolean(v, "strict"),
            None => Some(false),
        };
        if let Some(v) = Self::get(table, "payers") {
            self.declared_payers(v);
        }
        let (measures, measure_places) = self.measures(table);
        let (first_year, last_year) = years?;
        Some(Scenario {
            path: self.source.clone(),
            name: name?,
            first_year,
            last_year,
            workforce: workforce?,
            grids: grids?,
            parameters: parameters?,
            measures,
            payroll: payroll?,
            employer: employer?,
            strict: strict?,
            filter: RowFilter::default(),
            measure_places,
        })
    }

    /// A TOML boolean under `key`.
    fn boolean(&mut self, v: &Value<'_>, key: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.error(
                    &v.span(),
                    format!("`{key}` must be true or false, not {}", type_name(other)),
                );
                None
            }
        }
    }

    /// The file or folder under `key`: relative to the scenario file's
    /// folder, or `shipped:…` (docs/formats.md, rule 47). A missing `grids`
    /// or `parameters` is the shipped one (rule 48).
    fn file(&mut self, table: &DeTable<'_>, key: &str) -> Option<Source> {
        if key != "workforce" && Self::get(table, key).is_none() {
            return Some(Source::shipped(key));
        }
        let v = self.required(table, &(0..0), key, "the scenario")?;
        let s = self.string(v, key)?;
        if s.trim().is_empty() {
            self.error(&v.span(), format!("`{key}` must name a path"));
            return None;
        }
        // `"C:\temp\new.csv"` parses, but `\t` and `\n` became a tab and a
        // line end: no file is named so.
        if s.chars().any(|c| c.is_control()) {
            self.error(
                &v.span(),
                format!("`{key}` holds a tab or a line end: {WINDOWS_PATH}"),
            );
            return None;
        }
        match self.source.resolve(&s) {
            Ok(source) => Some(source),
            Err(message) => {
                self.error(&v.span(), format!("`{key}`: {message}"));
                None
            }
        }
    }

    /// The `payroll` key: the payroll model.
    fn payroll(&mut self, v: &Value<'_>) -> Option<PayrollModel> {
        let s = self.string(v, "payroll")?;
        match s.as_str() {
            "flat" => Some(PayrollModel::Flat),
            "detailed" => Some(PayrollModel::Detailed),
            _ => {
                self.error(
                    &v.span(),
                    format!("unknown payroll model `{s}` (expected flat or detailed)"),
                );
                None
            }
        }
    }

    /// The `[[measure]]` array: every measure that reads, with where its
    /// `id` is; the problems of the others in `errors`.
    fn measures(&mut self, table: &DeTable<'_>) -> (Vec<Measure>, Vec<Location>) {
        let mut measures = Vec::new();
        let mut places = Vec::new();
        let Some(v) = self.required(
            table,
            &(0..0),
            "measure",
            "the scenario (at least one [[measure]])",
        ) else {
            return (measures, places);
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                &v.span(),
                format!(
                    "`measure` must be an array of tables ([[measure]]), not {}",
                    type_name(v.get_ref())
                ),
            );
            return (measures, places);
        };
        if items.is_empty() {
            self.error(&v.span(), "`measure` must list at least one measure");
        }
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => {
                    if let Some(m) = self.measure(t, &item.span(), &measures) {
                        let id = Self::get(t, "id").map_or(item.span(), |v| v.span());
                        places.push(self.loc(&id));
                        measures.push(m);
                    }
                }
                other => self.error(
                    &item.span(),
                    format!("a measure must be a table, not {}", type_name(other)),
                ),
            }
        }
        (measures, places)
    }

    /// The `[employer]` table: facts of the detailed payroll model.
    fn employer(&mut self, v: &Value<'_>) -> Option<EmployerFacts> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                &v.span(),
                "`employer` must be a table, e.g. [employer] size = \"ge50\"",
            );
            return None;
        };
        self.unknown_keys(t, EMPLOYER_KEYS, "`employer`");
        let mut facts = EmployerFacts::default();
        let mut ok = true;
        if let Some(v) = Self::get(t, "size") {
            match self.string(v, "size").map(|s| s.parse()) {
                Some(Ok(size)) => facts.size = size,
                Some(Err(())) => {
                    self.error(
                        &v.span(),
                        "`size` must be \"lt50\" (fewer than 50 employees) or \"ge50\"",
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        if let Some(v) = Self::get(t, "at_mp_rate") {
            match self.decimal(v, "at_mp_rate") {
                Some(r) if r >= Decimal::ZERO && r < Decimal::ONE => facts.at_mp_rate = r,
                Some(_) => {
                    self.error(
                        &v.span(),
                        "`at_mp_rate` must be a rate between 0 and 1 (e.g. \"0.0222\")",
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        if let Some(v) = Self::get(t, "taxe_salaires") {
            match self.boolean(v, "taxe_salaires") {
                Some(b) => facts.taxe_salaires = b,
                None => ok = false,
            }
        }
        ok.then_some(facts)
    }

    /// The `years` key: the first and last year of the horizon, within
    /// [`Horizon`]'s bounds (docs/formats.md, rule 40).
    fn years(&mut self, v: &Value<'_>) -> Option<(i32, i32)> {
        let shape = "`years` must be [first, last], two years (e.g. [2022, 2026])";
        let DeValue::Array(items) = v.get_ref() else {
            self.error(&v.span(), shape);
            return None;
        };
        if items.len() != 2 {
            self.error(
                &v.span(),
                format!("{shape}, not {}", plural(items.len(), "value")),
            );
            return None;
        }
        let mut years = Vec::with_capacity(2);
        for item in items.iter() {
            let year = match item.get_ref() {
                DeValue::Integer(n) if n.radix() == 10 => {
                    n.as_str().replace('_', "").parse::<i128>().ok()
                }
                _ => None,
            };
            match year {
                Some(y) if i64::try_from(y).is_ok_and(|y| Horizon::YEARS.contains(&y)) => {
                    years.push(y as i32)
                }
                Some(y) => self.error(
                    &item.span(),
                    format!(
                        "year {y} is outside {}–{}, the years revalo computes",
                        Horizon::YEARS.start(),
                        Horizon::YEARS.end()
                    ),
                ),
                None => self.error(&item.span(), format!("{shape}: a year is an integer")),
            }
        }
        let [first, last] = years[..] else {
            return None;
        };
        if first > last {
            self.error(
                &v.span(),
                format!("`years` = [{first}, {last}]: the first year is after the last"),
            );
            return None;
        }
        let span = last - first + 1;
        if span > Horizon::MAX_YEARS {
            self.error(
                &v.span(),
                format!(
                    "`years` = [{first}, {last}] spans {span} years; a horizon has at most {} years",
                    Horizon::MAX_YEARS
                ),
            );
            return None;
        }
        Some((first, last))
    }

    fn decimal(&mut self, v: &Value<'_>, key: &str) -> Option<Decimal> {
        let parsed = match v.get_ref() {
            DeValue::String(s) => parse_decimal(s, false),
            DeValue::Integer(n) if n.radix() == 10 => {
                Decimal::from_str(&n.as_str().replace('_', "")).ok()
            }
            // A float is read through its decimal text as written
            // (docs/formats.md, rule 12).
            DeValue::Float(f) => {
                let t = f.as_str().replace('_', "");
                Decimal::from_str(&t)
                    .or_else(|_| Decimal::from_scientific(&t))
                    .ok()
            }
            _ => None,
        };
        if parsed.is_none() {
            self.error(&v.span(), format!("`{key}` must be a decimal number (a string such as \"183.00\", an integer or a float)"));
        }
        parsed
    }

    fn month(&mut self, v: &Value<'_>, key: &str) -> Option<YearMonth> {
        let parsed = match v.get_ref() {
            DeValue::String(s) => YearMonth::from_str(s).ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.error(&v.span(), format!("`{key}` must be a month \"YYYY-MM\""));
        }
        parsed
    }

    fn measure(
        &mut self,
        t: &DeTable<'_>,
        span: &Range<usize>,
        before: &[Measure],
    ) -> Option<Measure> {
        self.unknown_keys(t, MEASURE_KEYS, "a measure");
        let what = "a measure";
        let id = self.required(t, span, "id", what).and_then(|v| {
            let id = self.string(v, "id")?;
            let ok = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
            if !ok {
                self.error(
                    &v.span(),
                    format!("measure id `{id}` must be letters, digits, `-`, `_` or `.`"),
                );
                return None;
            }
            if before.iter().any(|m| m.id == id) {
                self.error(&v.span(), format!("two measures have the id `{id}`"));
                return None;
            }
            Some(id)
        });
        let kind_name = self.required(t, span, "kind", what).and_then(|v| {
            let k = self.string(v, "kind")?;
            if KINDS.contains(&k.as_str()) {
                Some(k)
            } else {
                self.error(
                    &v.span(),
                    format!(
                        "unknown measure kind `{k}` (expected one of: {})",
                        KINDS.join(", ")
                    ),
                );
                None
            }
        });
        let amount = Self::get(t, "amount").map(|v| (v.span(), self.decimal(v, "amount")));
        let percent = Self::get(t, "percent").map(|v| (v.span(), self.decimal(v, "percent")));
        let kind = kind_name.and_then(|k| self.kind(&k, span, amount, percent));
        let from = self
            .required(t, span, "from", what)
            .and_then(|v| self.month(v, "from"));
        let until = match Self::get(t, "until") {
            Some(v) => {
                let u = self.month(v, "until");
                if let (Some(u), Some(f)) = (u, from) {
                    if u < f {
                        self.error(&v.span(), format!("`until` {u} is before `from` {f}"));
                    }
                }
                Some(u)
            }
            None => Some(None),
        };
        let eligible = match Self::get(t, "eligible") {
            Some(v) => self.eligibility(v),
            None => Some(Eligibility::default()),
        };
        let dates = from.zip(until);
        let funding = self
            .required(t, span, "funding", what)
            .and_then(|v| self.funding(v, Self::get(t, "funding_by_funder"), dates));
        let smic_floor = self.smic_floor(Self::get(t, "smic_floor"), kind.as_ref());
        let bonus = match Self::get(t, "bonus") {
            Some(v) => self.boolean(v, "bonus"),
            None => Some(false),
        };
        Some(Measure {
            id: id?,
            kind: kind?,
            from: from?,
            until: until?,
            eligible: eligible?,
            funding: funding?,
            smic_floor: smic_floor?,
            bonus: bonus?,
        })
    }

    /// A measure's `smic_floor` (docs/formats.md, rule 34): `above` or
    /// `absorbs` for an amount; a measure that changes the grid pay always
    /// absorbs the indemnité différentielle, and `above` is refused there.
    /// `kind` is `None` when it did not read: the value is checked alone.
    fn smic_floor(
        &mut self,
        v: Option<&Value<'_>>,
        kind: Option<&MeasureKind>,
    ) -> Option<SmicFloor> {
        let grid = kind.is_some_and(MeasureKind::changes_grid_pay);
        let Some(v) = v else {
            return kind.map(SmicFloor::default_for);
        };
        let expected = "`smic_floor` must be \"above\" (the measure comes on top of the pay floored at the SMIC) or \"absorbs\" (it enters the comparison with the SMIC)";
        let floor = match self.string(v, "smic_floor")?.as_str() {
            "above" => SmicFloor::Above,
            "absorbs" => SmicFloor::Absorbs,
            _ => {
                self.error(&v.span(), expected);
                return None;
            }
        };
        if let Some(kind) = kind.filter(|_| grid && floor == SmicFloor::Above) {
            self.error(
                &v.span(),
                format!(
                    "a {} measure changes the grid pay that is compared with the SMIC, so it always absorbs the indemnité différentielle: leave `smic_floor` out or write \"absorbs\"",
                    kind.name()
                ),
            );
            return None;
        }
        Some(floor)
    }

    fn kind(
        &mut self,
        kind: &str,
        span: &Range<usize>,
        amount: Option<(Range<usize>, Option<Decimal>)>,
        percent: Option<(Range<usize>, Option<Decimal>)>,
    ) -> Option<MeasureKind> {
        if kind == "point_value" {
            return match (amount, percent) {
                (Some((s, a)), None) => {
                    let a = self.within(a?, &s, "amount", MeasureRanges::NEW_POINT_VALUE)?;
                    Some(MeasureKind::PointValue(PointChange::NewValue(a)))
                }
                (None, Some((s, p))) => {
                    let p = self.within(p?, &s, "percent", MeasureRanges::PERCENT)?;
                    Some(MeasureKind::PointValue(PointChange::Percent(p)))
                }
                (Some(_), Some((s, _))) => {
                    self.error(&s, "a point_value measure takes `amount` (the new value) or `percent`, not both");
                    None
                }
                (None, None) => {
                    self.error(span, "a point_value measure needs `amount` (the new value of the point) or `percent`");
                    None
                }
            };
        }
        if let Some((s, _)) = percent {
            self.error(
                &s,
                format!("`percent` goes only with kind point_value, not {kind}"),
            );
            return None;
        }
        let Some((s, amount)) = amount else {
            self.error(span, format!("missing key `amount` in a {kind} measure"));
            return None;
        };
        let range = match kind {
            "net_monthly" | "gross_monthly" => MeasureRanges::EUROS,
            _ => MeasureRanges::POINTS,
        };
        let amount = self.within(amount?, &s, "amount", range)?;
        Some(match kind {
            "net_monthly" => MeasureKind::NetMonthly(amount),
            "gross_monthly" => MeasureKind::GrossMonthly(amount),
            "points" => MeasureKind::Points(amount),
            "index_points" => MeasureKind::IndexPoints(amount),
            _ => MeasureKind::Coefficient(amount),
        })
    }

    /// `value` of `key` (at `span`) if `range` allows it (docs/formats.md,
    /// rule 43), else an error saying what the range is.
    fn within(
        &mut self,
        value: Decimal,
        span: &Range<usize>,
        key: &str,
        range: MeasureRange,
    ) -> Option<Decimal> {
        if range.allows(value) {
            return Some(value);
        }
        self.error(
            span,
            format!(
                "`{key}` {value} is out of range: expected {}",
                range.expected
            ),
        );
        None
    }

    fn eligibility(&mut self, v: &Value<'_>) -> Option<Eligibility> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                &v.span(),
                "`eligible` must be a table of filters, e.g. { filiere = [\"socio-educatif\"] }",
            );
            return None;
        };
        self.unknown_keys(t, FILTER_KEYS, "`eligible`");
        let mut e = Eligibility::default();
        let mut ok = true;
        for (key, value) in t.iter() {
            let key = key.get_ref().as_ref();
            let Some(items) = self.strings(value, key) else {
                ok = false;
                continue;
            };
            if let Some(grid_key) = ["convention", "job", "filiere"]
                .into_iter()
                .find(|k| *k == key)
            {
                for (value, span) in &items {
                    e.places.push(FilterPlace {
                        key: grid_key,
                        value: value.clone(),
                        location: self.loc(span),
                    });
                }
            }
            match key {
                "convention" => e.convention = Some(items.into_iter().map(|(s, _)| s).collect()),
                "job" => e.job = Some(items.into_iter().map(|(s, _)| s).collect()),
                "filiere" => e.filiere = Some(items.into_iter().map(|(s, _)| s).collect()),
                "sector" => {
                    e.sector = self.parse_all::<Sector>(
                        items,
                        "a sector: prive_non_lucratif, prive_lucratif or public",
                    );
                    ok &= e.sector.is_some();
                }
                "departement" => {
                    e.departement = self.parse_all::<Departement>(
                        items,
                        "a département code: 01–95, 2A, 2B or 971–976",
                    );
                    ok &= e.departement.is_some();
                }
                "funder" => {
                    e.funder = self.parse_all::<Funder>(
                        items,
                        "a funder: etat, departement, conjoint or autre",
                    );
                    ok &= e.funder.is_some();
                }
                _ => {}
            }
        }
        ok.then_some(e)
    }

    fn strings(&mut self, v: &Value<'_>, key: &str) -> Option<Vec<(String, Range<usize>)>> {
        let items: Vec<&Value<'_>> = match v.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            DeValue::String(_) => vec![v],
            _ => {
                self.error(
                    &v.span(),
                    format!("filter `{key}` must be a list of strings"),
                );
                return None;
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => {
                    out.push((s.trim().to_string(), item.span()))
                }
                _ => {
                    self.error(
                        &item.span(),
                        format!("filter `{key}` must list non-empty strings"),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn parse_all<T: FromStr>(
        &mut self,
        items: Vec<(String, Range<usize>)>,
        expected: &str,
    ) -> Option<Vec<T>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (s, span) in items {
            match s.parse() {
                Ok(x) => out.push(x),
                Err(_) => {
                    self.error(&span, format!("invalid value `{s}` (expected {expected})"));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// The `payers` key: payers beyond [`KNOWN_PAYERS`] that the measures'
    /// `funding` may name.
    fn declared_payers(&mut self, v: &Value<'_>) {
        let example = "`payers` must be a list of payer names, e.g. payers = [\"caf\"]";
        let DeValue::Array(items) = v.get_ref() else {
            self.error(&v.span(), example);
            return;
        };
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if payer_name_ok(s) => {
                    self.declared_payers.push(s.to_string());
                }
                DeValue::String(s) => self.error(
                    &item.span(),
                    format!("payer `{s}` must be letters, digits, `_` or `-`"),
                ),
                _ => self.error(&item.span(), example),
            }
        }
    }

    /// Whether `name` may be a payer: one of [`KNOWN_PAYERS`] or declared
    /// by `payers = [...]`; else an error at `span`, with the closest
    /// known name (docs/formats.md, rule 42).
    fn known_payer(&mut self, name: &str, span: &Range<usize>) -> bool {
        if !payer_name_ok(name) {
            self.error(
                span,
                format!("payer `{name}` must be letters, digits, `_` or `-`"),
            );
            return false;
        }
        if KNOWN_PAYERS.contains(&name) || self.declared_payers.iter().any(|p| p == name) {
            return true;
        }
        let candidates = KNOWN_PAYERS
            .iter()
            .copied()
            .chain(self.declared_payers.iter().map(String::as_str));
        let hint = match closest(name, candidates) {
            Some(near) => format!(": did you mean `{near}`?"),
            None => String::new(),
        };
        self.error(
            span,
            format!(
                "unknown payer `{name}`{hint} (known payers: {}; declare another with `payers = [\"{name}\"]`)",
                KNOWN_PAYERS.join(", ")
            ),
        );
        false
    }

    /// A measure's `funding` (docs/formats.md, rules 14 and 50–52): a table
    /// of shares, a list of dated tables, or `"by_funder"` with the
    /// measure's `funding_by_funder`. `dates` are the measure's `from` and
    /// `until` when they read, to check that a table is in force from its
    /// first month and that every dated table is in force at some point.
    fn funding(
        &mut self,
        v: &Value<'_>,
        by_funder: Option<&Value<'_>>,
        dates: Option<(YearMonth, Option<YearMonth>)>,
    ) -> Option<Funding> {
        if let DeValue::String(s) = v.get_ref() {
            if s.as_ref() != "by_funder" {
                self.error(&v.span(), format!("`funding` must be a table of payers and shares, a list of dated tables or \"by_funder\", not \"{s}\""));
                return None;
            }
            let Some(table) = by_funder else {
                self.error(&v.span(), "`funding = \"by_funder\"` needs a table [measure.funding_by_funder] giving the shares of each funder (etat, departement, conjoint, autre, default)");
                return None;
            };
            return self.funding_by_funder(table, dates);
        }
        if let Some(table) = by_funder {
            self.error(
                &table.span(),
                "`funding_by_funder` goes with `funding = \"by_funder\"`",
            );
            return None;
        }
        self.schedule(v, "funding", dates).map(Funding::All)
    }

    /// The `funding_by_funder` table: each funder's schedule, `default` for
    /// the others (docs/formats.md, rule 51).
    fn funding_by_funder(
        &mut self,
        v: &Value<'_>,
        dates: Option<(YearMonth, Option<YearMonth>)>,
    ) -> Option<Funding> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(&v.span(), "`funding_by_funder` must be a table of funders and their shares, e.g. { etat = { assurance_maladie = \"1\" }, departement = { departement = \"1\" } }");
            return None;
        };
        let mut entries: Vec<(Option<Funder>, Schedule)> = Vec::new();
        let mut ok = true;
        for (key, value) in t.iter() {
            let name = key.get_ref().as_ref();
            let funder = if name == "default" {
                None
            } else {
                match name.parse::<Funder>() {
                    Ok(f) => Some(f),
                    Err(_) => {
                        self.error(&key.span(), format!("unknown funder `{name}` in `funding_by_funder` (expected etat, departement, conjoint, autre or default)"));
                        ok = false;
                        continue;
                    }
                }
            };
            if entries.iter().any(|(f, _)| *f == funder) {
                let which = funder.map_or("default", Funder::code);
                self.error(
                    &key.span(),
                    format!("`funding_by_funder` gives `{which}` twice"),
                );
                ok = false;
                continue;
            }
            let what = format!("funding_by_funder.{name}");
            match self.schedule(value, &what, dates) {
                Some(schedule) => entries.push((funder, schedule)),
                None => ok = false,
            }
        }
        if ok && entries.is_empty() {
            self.error(
                &v.span(),
                "`funding_by_funder` must name at least one funder",
            );
            return None;
        }
        ok.then_some(Funding::ByFunder(entries))
    }

    /// One schedule under `what`: a table of shares, or a list of tables
    /// each with its `from` month, in increasing order, the first in force
    /// from the measure's first month (docs/formats.md, rule 50).
    fn schedule(
        &mut self,
        v: &Value<'_>,
        what: &str,
        dates: Option<(YearMonth, Option<YearMonth>)>,
    ) -> Option<Schedule> {
        let items = match v.get_ref() {
            DeValue::Table(t) => return self.shares(t, &v.span(), what).map(Schedule::Single),
            DeValue::Array(items) => items,
            _ => {
                self.error(&v.span(), format!("`{what}` must be a table of payers and shares, e.g. {{ etat = \"2/3\", departement = \"1/3\" }}, or a list of such tables each with its `from` month"));
                return None;
            }
        };
        if items.is_empty() {
            self.error(&v.span(), format!("`{what}` must list at least one table"));
            return None;
        }
        let mut dated: Vec<(YearMonth, Shares)> = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            let DeValue::Table(t) = item.get_ref() else {
                self.error(&item.span(), format!("each table of a dated `{what}` is {{ from = \"YYYY-MM\", payer = share, … }}, not {}", type_name(item.get_ref())));
                ok = false;
                continue;
            };
            let Some(from_value) = self.required(t, &item.span(), "from", "a dated funding table")
            else {
                ok = false;
                continue;
            };
            let from = self.month(from_value, "from");
            let shares = self.shares(t, &item.span(), what);
            let (Some(from), Some(shares)) = (from, shares) else {
                ok = false;
                continue;
            };
            if let Some((before, _)) = dated.last().filter(|(before, _)| *before >= from) {
                self.error(&from_value.span(), format!("the dated tables of `{what}` must be in increasing order of `from`: {from} comes after {before}"));
                ok = false;
                continue;
            }
            if let Some((first, until)) = dates {
                if dated.is_empty() && from > first {
                    self.error(&from_value.span(), format!("the first table of `{what}` is in force from {from}, after the measure's first month {first}: its months before {from} would have no payer (begin at {first} or earlier)"));
                    ok = false;
                }
                if let Some(until) = until.filter(|u| from > *u) {
                    self.error(&from_value.span(), format!("this table of `{what}` begins at {from}, after the measure's last month {until}: it is never in force"));
                    ok = false;
                }
            }
            dated.push((from, shares));
        }
        ok.then_some(Schedule::Dated(dated))
    }

    /// One table of payers and shares summing to 1, in file order, its
    /// `from` key aside (rule 14).
    fn shares(&mut self, t: &DeTable<'_>, span: &Range<usize>, what: &str) -> Option<Shares> {
        let mut shares = Vec::new();
        let mut ok = true;
        for (payer, share) in t.iter().filter(|(k, _)| k.get_ref() != "from") {
            let name = payer.get_ref().to_string();
            if !self.known_payer(&name, &payer.span()) {
                ok = false;
                continue;
            }
            let text = match share.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                DeValue::Integer(n) if n.radix() == 10 => Some(n.as_str().to_string()),
                DeValue::Float(f) => Some(f.as_str().to_string()),
                _ => None,
            };
            match text.and_then(|t| Fraction::from_str(&t).ok()) {
                Some(f) => shares.push((name, f)),
                None => {
                    self.error(&share.span(), format!("share of `{name}` must be a fraction or a decimal between 0 and 1 (\"2/3\", \"0.25\", 1), its denominator at most 10⁹"));
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        if shares.is_empty() {
            self.error(span, format!("`{what}` must name at least one payer"));
            return None;
        }
        let total = shares
            .iter()
            .try_fold(Fraction::ZERO, |acc, (_, f)| acc.checked_add(*f));
        if !total.is_some_and(Fraction::is_one) {
            let sum = total.map_or("too large".to_string(), |t| t.to_string());
            let set: Vec<String> = t
                .iter()
                .filter(|(_, share)| share.span().start >= OVERRIDE_SPAN)
                .map(|(_, share)| format!("`{}`", self.loc(&share.span())))
                .collect();
            let after = if set.is_empty() {
                String::new()
            } else {
                format!(" (after {})", set.join(", "))
            };
            self.error(
                span,
                format!("funding shares must sum to exactly 1, not {sum}{after}"),
            );
            return None;
        }
        Some(shares)
    }
}

/// Whether `name` is written as a payer may be: letters, digits, `_`, `-`.
fn payer_name_ok(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Spans of overridden values start here: such a value has no place in the
/// file, and its span's offset from this base is the index of its `--set`.
const OVERRIDE_SPAN: usize = usize::MAX / 2;

/// One `--set KEY=VALUE`: a dotted path into the scenario and a TOML value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The dotted path, e.g. `measure.segur.amount` (a measure id may itself
    /// contain dots: it is matched against the file's ids).
    pub key: String,
    /// The value as given.
    pub value: String,
    /// The value as TOML text: `A..B` (two integers) becomes `[A, B]`.
    toml: String,
}

impl Override {
    /// The override that `--strict` stands for: `strict = true`.
    pub fn strict() -> Override {
        Override {
            key: "strict".to_string(),
            value: "true".to_string(),
            toml: "true".to_string(),
        }
    }

    /// Where errors about this override point: the `--set` itself.
    pub fn location(&self) -> Location {
        Location::file(Path::new(&format!("--set {}={}", self.key, self.value)))
    }
}

impl FromStr for Override {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let Some((key, value)) = s.split_once('=') else {
            return Err(format!(
                "expected KEY=VALUE, e.g. measure.<id>.amount=200 or years=2022..2030, not `{s}`"
            ));
        };
        let key = key.trim();
        if key.is_empty() || key.split('.').any(str::is_empty) {
            return Err(format!(
                "`{key}` is not a key: dotted names such as measure.<id>.amount"
            ));
        }
        let trimmed = value.trim();
        let int = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        let toml = match trimmed.split_once("..") {
            Some((a, b)) if int(a.trim()) && int(b.trim()) => {
                format!("[{}, {}]", a.trim(), b.trim())
            }
            _ => trimmed.to_string(),
        };
        Ok(Override {
            key: key.to_string(),
            value: value.to_string(),
            toml,
        })
    }
}

/// Gives `v` and everything inside it the span `span`.
fn respan<'i>(v: &mut Value<'i>, span: &Range<usize>) {
    match v.get_mut() {
        DeValue::Array(items) => items.iter_mut().for_each(|i| respan(i, span)),
        DeValue::Table(t) => {
            for (_, value) in t.iter_mut() {
                respan(value, span);
            }
        }
        _ => {}
    }
    let inner = std::mem::replace(v.get_mut(), DeValue::Boolean(false));
    *v = Spanned::new(span.clone(), inner);
}

/// Parses an override's value as TOML, falling back to a plain string.
fn override_value<'i>(o: &'i Override, span: &Range<usize>) -> Value<'i> {
    let mut value = match DeValue::parse(&o.toml) {
        Ok(v) => v,
        Err(_) => Spanned::new(span.clone(), DeValue::String(o.value.trim().into())),
    };
    respan(&mut value, span);
    value
}

fn key_names(t: &DeTable<'_>) -> String {
    let names: Vec<String> = t
        .iter()
        .map(|(k, _)| format!("`{}`", k.get_ref()))
        .collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// Sets `o` in the scenario tree `root`: the `index`-th override. The path
/// walks tables by key; in an array of tables (`[[measure]]`) a segment
/// selects the table whose `id` it is. The last segment replaces a value or
/// adds a key; whether that key is allowed is decided by the validation that
/// follows, as for a key written in the file.
fn apply_override<'i>(root: &mut DeTable<'i>, o: &'i Override, index: usize) -> Result<(), String> {
    let span = OVERRIDE_SPAN + index..OVERRIDE_SPAN + index + 1;
    let mut table = root;
    let mut rest: &'i str = &o.key;
    let mut walked = String::new();
    loop {
        let Some((segment, more)) = rest.split_once('.') else {
            set_key(table, rest, override_value(o, &span), &span);
            return Ok(());
        };
        let here = if walked.is_empty() {
            segment.to_string()
        } else {
            format!("{walked}.{segment}")
        };
        add_missing_table(table, segment, walked.is_empty(), &span)?;
        let Some((_, value)) = table.iter_mut().find(|(k, _)| k.get_ref() == segment) else {
            return Err(format!("no key `{here}`"));
        };
        match value.get_mut() {
            DeValue::Table(t) => {
                table = t;
                rest = more;
                walked = here;
            }
            DeValue::Array(_) if segment == "funding" || walked.ends_with(".funding_by_funder") => {
                return Err(format!("`{here}` is a dated list of funding tables (docs/formats.md, rule 50): --set cannot change one of its tables; edit the scenario file, or replace the whole value (--set '{here}={{ payer = 1 }}')"));
            }
            DeValue::String(s) if segment == "funding" && s.as_ref() == "by_funder" => {
                return Err(format!("`{here}` is \"by_funder\" (docs/formats.md, rule 51): set a funder's shares with --set {walked}.funding_by_funder.<funder>.<payer>=<share>"));
            }
            DeValue::Array(items) => {
                let (position, id) = table_by_id(items, segment, more, &here)?;
                let Some(DeValue::Table(t)) = items.get_mut(position).map(|i| i.get_mut()) else {
                    return Err(format!("`{here}.{id}` is not a table"));
                };
                rest = &more[id.len() + 1..];
                walked = format!("{here}.{id}");
                table = t;
            }
            other => {
                return Err(format!(
                    "`{here}` is {}, not a table: it has no `{more}`",
                    type_name(other)
                ))
            }
        }
    }
}

/// Replaces the value of `key` in `table`, or adds the key.
fn set_key<'i>(table: &mut DeTable<'i>, key: &'i str, value: Value<'i>, span: &Range<usize>) {
    match table.iter_mut().find(|(k, _)| k.get_ref() == key) {
        Some((_, v)) => *v = value,
        None => {
            table.insert(Spanned::new(span.clone(), key.into()), value);
        }
    }
}

/// Adds an empty table under `segment` when `table` has no such key (e.g.
/// `eligible`): an unknown name is then reported by the validation, with
/// the valid keys. There is no adding `[[measure]]`s (`at_top`: `table` is
/// the scenario's).
fn add_missing_table<'i>(
    table: &mut DeTable<'i>,
    segment: &'i str,
    at_top: bool,
    span: &Range<usize>,
) -> Result<(), String> {
    if table.iter().any(|(k, _)| k.get_ref() == segment) {
        return Ok(());
    }
    if at_top && segment == "measure" {
        let known = key_names(table);
        return Err(format!("the scenario has no [[measure]] (keys: {known})"));
    }
    table.insert(
        Spanned::new(span.clone(), segment.into()),
        Spanned::new(span.clone(), DeValue::Table(DeTable::new())),
    );
    Ok(())
}

/// In an array of tables named `segment` (at path `here`), the table whose
/// `id` begins the rest of the path `more`: its position and id. An id may
/// contain dots; the longest match wins.
fn table_by_id(
    items: &[Value<'_>],
    segment: &str,
    more: &str,
    here: &str,
) -> Result<(usize, String), String> {
    let ids: Vec<String> = items
        .iter()
        .filter_map(|i| match i.get_ref() {
            DeValue::Table(t) => Reader::get(t, "id")
                .and_then(|v| v.get_ref().as_str())
                .map(str::to_string),
            _ => None,
        })
        .collect();
    let chosen = ids
        .iter()
        .enumerate()
        .filter(|(_, id)| {
            more.strip_prefix(id.as_str())
                .is_some_and(|r| r.starts_with('.'))
        })
        .max_by_key(|(_, id)| id.len());
    match chosen {
        Some((position, id)) => Ok((position, id.clone())),
        None => {
            let list: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
            Err(format!(
                "no {segment} matches `{more}` (expected {here}.<id>.<field> with an id among: {})",
                if list.is_empty() {
                    "none".to_string()
                } else {
                    list.join(", ")
                }
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_parsing() {
        let o: Override = "years=2022..2030".parse().unwrap();
        assert_eq!((o.key.as_str(), o.toml.as_str()), ("years", "[2022, 2030]"));
        let o: Override = "measure.a.b.amount= 200".parse().unwrap();
        assert_eq!(
            (o.key.as_str(), o.toml.as_str()),
            ("measure.a.b.amount", "200")
        );
        assert!("years".parse::<Override>().is_err());
        assert!("a..b=1".parse::<Override>().is_err());
    }

    #[test]
    fn an_id_with_dots_is_matched_whole() {
        let text = "years = [2024, 2024]\nworkforce = \"w\"\ngrids = \"g\"\nparameters = \"p\"\n\
            [[measure]]\nid = \"a.b\"\nkind = \"gross_monthly\"\namount = 1\nfrom = \"2024-01\"\n\
            funding = { etat = 1 }\n";
        let set = ["measure.a.b.amount=7".parse().unwrap()];
        let s = parse_scenario_with(&Source::disk("s.toml"), text, &set).unwrap();
        assert_eq!(
            s.measures[0].kind,
            MeasureKind::GrossMonthly(Decimal::from(7))
        );
    }
}
