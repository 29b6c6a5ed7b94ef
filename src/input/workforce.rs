//! Streams a workforce CSV into [`Employee`]s, validated and resolved
//! against the grids, chunk by chunk so that memory does not grow with the
//! file.

use super::csvfile::{Column, CsvFile, Header, Row};
use super::error::{or_push, InputError};
use super::source::{open_csv, Ledger};
use super::warning::Warning;
use crate::domain::filter::RowMatcher;
use crate::domain::grid::{Grids, Lookup};
use crate::domain::scenario::EmployerSize;
use crate::domain::workforce::{Employee, MAX_WEIGHT};
use crate::domain::Location;
use crate::domain::{Date, Departement, Funder, Source};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// The workforce's columns and the headers accepted for each, as payroll
/// and HR exports write them (docs/formats.md lists them all).
pub(crate) const COLUMNS: &[Column] = &[
    Column::required(
        "id",
        &[
            "matricule",
            "matricule salarié",
            "matricule paie",
            "matricule agent",
            "n° salarié",
            "code salarié",
            "identifiant",
            "identifiant salarié",
            "id salarié",
            "n° agent",
        ],
    ),
    Column::required(
        "departement",
        &[
            "département",
            "dept",
            "dépt",
            "dpt",
            "dep",
            "code département",
            "département d'affectation",
            "département de l'établissement",
            "département du lieu de travail",
        ],
    ),
    Column::required(
        "convention",
        &[
            "ccn",
            "convention collective",
            "code convention",
            "code ccn",
            "convention collective applicable",
            "idcc",
        ],
    ),
    Column::required(
        "job",
        &[
            "emploi",
            "métier",
            "code emploi",
            "code métier",
            "emploi conventionnel",
            "poste",
            "code poste",
            "libellé emploi",
            "intitulé emploi",
            "libellé du poste",
            "intitulé du poste",
            "fonction",
            "qualification",
        ],
    ),
    Column::required(
        "fte",
        &[
            "etp",
            "équivalent temps plein",
            "etp contractuel",
            "quotité",
            "quotité de travail",
            "quotité de temps de travail",
            "taux d'activité",
            "taux de temps partiel",
            "temps de travail",
            "pourcentage de temps de travail",
        ],
    ),
    Column::required(
        "seniority_date",
        &[
            "date d'ancienneté",
            "date d'ancienneté conventionnelle",
            "ancienneté conventionnelle",
            "date de prise d'ancienneté",
            "date de début d'ancienneté",
        ],
    ),
    Column::optional(
        "start_date",
        &[
            "date d'entrée",
            "date d'embauche",
            "entrée",
            "embauche",
            "date de début de contrat",
            "début de contrat",
            "date d'arrivée",
        ],
    ),
    Column::optional(
        "end_date",
        &[
            "date de sortie",
            "sortie",
            "date de fin de contrat",
            "fin de contrat",
            "date de fin",
            "date de départ",
            "départ",
        ],
    ),
    Column::optional(
        "funder",
        &[
            "financeur",
            "financeur principal",
            "organisme financeur",
            "financement",
            "autorité de tarification",
            "tarificateur",
        ],
    ),
    Column::optional(
        "establishment",
        &[
            "finess",
            "finess géographique",
            "finess établissement",
            "finess et",
            "établissement",
            "code établissement",
        ],
    ),
    Column::optional(
        "weight",
        &[
            "poids",
            "pondération",
            "coefficient de pondération",
            "effectif",
            "nombre de salariés",
            "nb salariés",
            "nombre d'agents",
        ],
    ),
    Column::optional(
        "employer_size",
        &[
            "taille employeur",
            "taille de l'employeur",
            "taille entreprise",
            "effectif de l'employeur",
            "effectif de l'entreprise",
        ],
    ),
    Column::optional(
        "at_mp_rate",
        &[
            "taux at/mp",
            "taux at",
            "taux accident du travail",
            "taux accidents du travail",
        ],
    ),
    Column::optional(
        "taxe_salaires",
        &[
            "assujetti taxe salaires",
            "assujetti à la taxe sur les salaires",
            "taxe sur les salaires",
            "assujetti ts",
        ],
    ),
    // Who the employee is does not change what the measures cost.
    Column::ignored(
        "name",
        &[
            "nom",
            "prénom",
            "nom prénom",
            "nom et prénom",
            "prénom nom",
            "nom usuel",
            "nom de naissance",
            "civilité",
        ],
    ),
];

const DATE: &str = "a date YYYY-MM-DD or DD/MM/YYYY";

/// A workforce file being read.
pub struct WorkforceReader<'g> {
    file: CsvFile,
    /// A copy of the file's header, so that rows convert while the file
    /// reads on.
    header: Header,
    grids: &'g Grids,
    /// The records of the chunk being read.
    raw: RawChunk,
    /// The chunk's rows once converted.
    converted: Vec<Result<Employee, Vec<InputError>>>,
    /// The ids read so far.
    ids: Ids,
    /// `--where`: the rows kept (all when `None`).
    matcher: Option<RowMatcher>,
}

/// Raw records of a chunk, not yet converted (buffers reused), and the
/// error that stopped reading them, if any.
#[derive(Default)]
pub struct RawChunk {
    records: Vec<csv::ByteRecord>,
    len: usize,
    pending: Option<InputError>,
}

impl RawChunk {
    /// Whether there is nothing left: no record and no error.
    pub fn is_done(&self) -> bool {
        self.len == 0 && self.pending.is_none()
    }
}

/// The ids of the rows read so far, each with the line it was first seen
/// on: a second row with an id is an error (docs/formats.md, the
/// workforce's `id`; rule 45), found while streaming. It costs one
/// hash-map entry per row: a boxed id and a line, about 100 bytes with the
/// allocation and the map's spare room — 100 MB and 0.4 s of CPU for a
/// million rows of 8-character ids.
#[derive(Default)]
struct Ids(FxHashMap<Box<str>, u64>);

impl Ids {
    /// The error of `row`'s id if a row before had it; else remembers it.
    /// An empty id is the row's own error, not a duplicate.
    fn check(&mut self, row: &Row<'_>) -> Option<InputError> {
        let id = row.text("id");
        if id.is_empty() {
            return None;
        }
        if let Some(first) = self.0.get(id.as_ref()) {
            return Some(InputError::invalid(
                row.location("id"),
                format!("duplicate id `{id}` (first on line {first})"),
            ));
        }
        self.0.insert(id.into(), row.line);
        None
    }
}

/// Reads up to `max` records of `file` into `chunk`. A record whose id was
/// seen before stops the reading as a malformed one does: its error comes
/// after those of the rows before it.
fn read_raw(file: &mut CsvFile, ids: &mut Ids, max: usize, chunk: &mut RawChunk) {
    chunk.len = 0;
    chunk.pending = None;
    while chunk.len < max {
        if chunk.len == chunk.records.len() {
            chunk.records.push(csv::ByteRecord::new());
        }
        match file.read_record(&mut chunk.records[chunk.len]) {
            Ok(true) => {
                if let Some(e) = ids.check(&file.header().row(&chunk.records[chunk.len])) {
                    chunk.pending = Some(e);
                    break;
                }
                chunk.len += 1;
            }
            Ok(false) => break,
            Err(e) => {
                chunk.pending = Some(e);
                break;
            }
        }
    }
}

/// Converts the records of `chunk` in parallel into `out` (cleared first);
/// the error returned is the first in file order, as a row-by-row reader
/// would return it.
fn convert(
    header: &Header,
    grids: &Grids,
    chunk: &mut RawChunk,
    converted: &mut Vec<Result<Employee, Vec<InputError>>>,
    out: &mut Vec<Employee>,
    matcher: Option<&mut RowMatcher>,
) -> Result<(), InputError> {
    out.clear();
    chunk.records[..chunk.len]
        .par_iter()
        .map(|record| employee(&header.row(record), grids))
        .collect_into_vec(converted);
    out.reserve(chunk.len);
    for e in converted.drain(..) {
        // A row's problems come in column order: the first is its error.
        out.push(e.map_err(|errors| {
            errors
                .into_iter()
                .next()
                .unwrap_or_else(|| unreachable!("a bad row has an error"))
        })?);
    }
    // A bad row is an error whether or not the filter would keep it: the
    // file is read whole either way.
    if let Some(m) = matcher {
        out.retain(|e| m.keep(e, grids));
    }
    match chunk.pending.take() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

impl<'g> WorkforceReader<'g> {
    /// Opens a workforce file, recorded in `ledger` (its checksum is
    /// known once it has been read to its end).
    pub fn open(source: &Source, ledger: &Ledger, grids: &'g Grids) -> Result<Self, InputError> {
        Self::with_file(open_csv(source, ledger, COLUMNS)?, grids)
    }

    /// Reads the workforce that `source` gives, named `path` in messages.
    pub fn from_reader(
        path: &std::path::Path,
        source: Box<dyn std::io::Read + Send>,
        grids: &'g Grids,
    ) -> Result<Self, InputError> {
        Self::with_file(CsvFile::from_reader(path, source, COLUMNS)?, grids)
    }

    fn with_file(file: CsvFile, grids: &'g Grids) -> Result<Self, InputError> {
        Ok(WorkforceReader {
            header: file.header().clone(),
            file,
            grids,
            raw: RawChunk::default(),
            converted: Vec::new(),
            ids: Ids::default(),
            matcher: None,
        })
    }

    /// Keeps only the rows `matcher` passes (`--where`, docs/formats.md,
    /// rule 53); a bad row is an error all the same.
    pub fn keep_only(&mut self, matcher: RowMatcher) {
        self.matcher = Some(matcher);
    }

    /// Once the file is read: why a `--where` kept no row, if it did not.
    pub fn nothing_kept(&self) -> Option<String> {
        self.matcher.as_ref().and_then(RowMatcher::nothing_kept)
    }

    /// The location of column `column` on line `line` of the file.
    pub fn location(&self, line: u64, column: &str) -> Location {
        self.file.location_of(line, column)
    }

    /// The warnings of the file's header: the columns not used.
    pub fn warnings(&self) -> &[Warning] {
        self.file.warnings()
    }

    /// Bytes of the file read so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.file.bytes_read()
    }

    /// Reads up to `max` employees into `out` (cleared first); returns false
    /// when the file is exhausted and nothing was read. Records are read on
    /// this thread and converted in parallel; the error returned is the
    /// first in file order, as a row-by-row reader would return it.
    pub fn next_chunk(&mut self, max: usize, out: &mut Vec<Employee>) -> Result<bool, InputError> {
        read_raw(&mut self.file, &mut self.ids, max, &mut self.raw);
        let records = self.raw.len;
        convert(
            &self.header,
            self.grids,
            &mut self.raw,
            &mut self.converted,
            out,
            self.matcher.as_mut(),
        )?;
        Ok(records > 0)
    }

    /// Reads the first chunk of raw records, for [`Self::pipelined`].
    pub fn start(&mut self, max: usize) -> RawChunk {
        let mut chunk = RawChunk::default();
        read_raw(&mut self.file, &mut self.ids, max, &mut chunk);
        chunk
    }

    /// Converts `current` into `out` and runs `then` on it while the next
    /// `max` records are read into `next` (rayon::join): reading overlaps
    /// computing. Errors come in file order: `current`'s rows, then the
    /// error that stopped reading `current`, then `then`'s.
    pub fn pipelined<R: Send, E: From<InputError> + Send>(
        &mut self,
        current: &mut RawChunk,
        next: &mut RawChunk,
        max: usize,
        out: &mut Vec<Employee>,
        then: impl FnOnce(&[Employee]) -> Result<R, E> + Send,
    ) -> Result<R, E> {
        let WorkforceReader {
            file,
            header,
            grids,
            converted,
            ids,
            matcher,
            ..
        } = self;
        let ((), result) = rayon::join(
            || read_raw(file, ids, max, next),
            || {
                convert(header, grids, current, converted, out, matcher.as_mut())?;
                then(out)
            },
        );
        result
    }

    /// Reads the next row, keeping every problem of a bad row (a duplicate
    /// id first, then its values in column order) and going on: for
    /// `validate`, which reports them all. `None` at the end of the file.
    /// A row `--where` leaves out is skipped, a bad one reported all the
    /// same.
    pub fn next_lenient(&mut self) -> Option<Result<Employee, Vec<InputError>>> {
        loop {
            let e = match self.file.next_row() {
                Ok(Some(row)) => {
                    let duplicate = self.ids.check(&row);
                    match (duplicate, employee(&row, self.grids)) {
                        (None, e) => e,
                        (Some(d), Ok(_)) => Err(vec![d]),
                        (Some(d), Err(mut errors)) => {
                            errors.insert(0, d);
                            Err(errors)
                        }
                    }
                }
                Ok(None) => return None,
                Err(e) => return Some(Err(vec![e])),
            };
            if let (Ok(row), Some(m)) = (&e, self.matcher.as_mut()) {
                if !m.keep(row, self.grids) {
                    continue;
                }
            }
            return Some(e);
        }
    }
}

/// Reads a whole workforce file into memory (small files: tests and
/// benchmarks).
pub fn read_workforce(source: &Source, grids: &Grids) -> Result<Vec<Employee>, InputError> {
    let mut reader = WorkforceReader::open(source, &Ledger::default(), grids)?;
    let mut all = Vec::new();
    let mut chunk = Vec::new();
    while reader.next_chunk(4096, &mut chunk)? {
        all.append(&mut chunk);
    }
    Ok(all)
}

/// One workforce row, validated and resolved against `grids`, or every
/// problem of the row in column order (a commands that stops takes the
/// first; `validate` lists them all).
fn employee(row: &Row<'_>, grids: &Grids) -> Result<Employee, Vec<InputError>> {
    let mut errors = Vec::new();
    let id = or_push(row.required("id", "a row identifier"), &mut errors);
    let departement: Option<Departement> = or_push(
        row.parse(
            "departement",
            "a département code: 01–95, 2A, 2B or 971–976",
        ),
        &mut errors,
    );
    let position = or_push(grid_position(row, grids), &mut errors);
    let fte = or_push(fte(row), &mut errors);
    let seniority_date: Option<Date> = or_push(row.parse("seniority_date", DATE), &mut errors);
    let presence = presence(row, &mut errors);
    let funder: Option<Option<Funder>> = or_push(
        row.parse_optional("funder", "etat, departement, conjoint, autre or nothing"),
        &mut errors,
    );
    let establishment = or_push(establishment(row), &mut errors);
    let weight = or_push(weight(row), &mut errors);
    let employer_size = or_push(employer_size(row), &mut errors);
    let at_mp_rate = or_push(at_mp_rate(row), &mut errors);
    let taxe_salaires = or_push(taxe_salaires(row), &mut errors);
    let (
        Some(id),
        Some(departement),
        Some((convention, job)),
        Some(fte),
        Some(seniority_date),
        Some((start_date, end_date)),
        Some(funder),
        Some(establishment),
        Some(weight),
        Some(employer_size),
        Some(at_mp_rate),
        Some(taxe_salaires),
    ) = (
        id,
        departement,
        position,
        fte,
        seniority_date,
        presence,
        funder,
        establishment,
        weight,
        employer_size,
        at_mp_rate,
        taxe_salaires,
    )
    else {
        return Err(errors);
    };
    Ok(Employee {
        line: row.line,
        id: id.into_owned(),
        departement,
        convention,
        job,
        fte,
        seniority_date,
        start_date,
        end_date,
        funder,
        establishment,
        weight,
        employer_size,
        at_mp_rate,
        taxe_salaires,
    })
}

/// The row's working time, 0 < fte ≤ 1.
fn fte(row: &Row<'_>) -> Result<Decimal, InputError> {
    let expected = "a decimal working time with 0 < fte ≤ 1";
    let fte = row.share("fte", expected)?;
    if fte <= Decimal::ZERO || fte > Decimal::ONE {
        return Err(row.invalid("fte", expected));
    }
    Ok(fte)
}

/// The row's weight (docs/formats.md, rule 43); 1 when empty.
fn weight(row: &Row<'_>) -> Result<Decimal, InputError> {
    let expected = "a decimal weight 0 ≤ weight ≤ 1000000, or nothing for 1";
    let weight = row.decimal_optional_within("weight", expected, |w| {
        w >= Decimal::ZERO && w <= MAX_WEIGHT
    })?;
    Ok(weight.unwrap_or(Decimal::ONE))
}

/// The row's convention and job, as indices into `grids`: each by its code,
/// or by a text that folds to one convention's (or job's) code or label
/// (docs/formats.md, rule 29).
fn grid_position(row: &Row<'_>, grids: &Grids) -> Result<(usize, usize), InputError> {
    let convention_id = row.required("convention", "a convention of conventions.csv")?;
    let convention = match grids.find_convention(&convention_id) {
        Ok(c) => c,
        Err(Lookup::Unknown) => {
            let known: Vec<&str> = grids.conventions.iter().map(|c| c.id.as_str()).collect();
            return Err(row.invalid(
                "convention",
                format!("a convention of conventions.csv: {}", known.join(", ")),
            ));
        }
        Err(Lookup::Ambiguous(ids)) => {
            return Err(row.invalid(
                "convention",
                format!("one convention; this names several: {}", ids.join(", ")),
            ))
        }
    };
    let grid = grids.grid_of(convention);
    let job_code = row.required("job", "a job code of the convention's grid")?;
    let job = match grid.find_job(&job_code) {
        Ok(j) => j,
        Err(Lookup::Unknown) => {
            return Err(row.invalid(
                "job",
                format!(
                    "a job of grid `{}` (convention `{}`)",
                    grid.name, grids.conventions[convention].id
                ),
            ))
        }
        Err(Lookup::Ambiguous(codes)) => {
            return Err(row.invalid(
                "job",
                format!(
                    "one job of grid `{}`; this label names several, write the code: {}",
                    grid.name,
                    codes.join(", ")
                ),
            ))
        }
    };
    Ok((convention, job))
}

/// The row's start and end dates, the end on or after the start; `None`
/// with their problems pushed to `errors`.
fn presence(row: &Row<'_>, errors: &mut Vec<InputError>) -> Option<(Option<Date>, Option<Date>)> {
    let start_date: Option<Option<Date>> = or_push(row.parse_optional("start_date", DATE), errors);
    let end_date: Option<Option<Date>> = or_push(row.parse_optional("end_date", DATE), errors);
    let (start_date, end_date) = (start_date?, end_date?);
    if let (Some(start), Some(end)) = (start_date, end_date) {
        if end < start {
            errors.push(row.invalid("end_date", format!("a date on or after start_date {start}")));
            return None;
        }
    }
    Some((start_date, end_date))
}

/// The row's FINESS number, if any. Eight digits are an error that says
/// which leading zero a spreadsheet may have dropped (docs/formats.md,
/// rule 29): the number does not change any figure, and the file that lost
/// a zero here has lost it in every row, so a fix of the column's format
/// is asked for once rather than guessed on every row.
fn establishment(row: &Row<'_>) -> Result<Option<String>, InputError> {
    let expected = "a FINESS number of 9 letters or digits, or nothing";
    match row.text("establishment") {
        e if e.is_empty() => Ok(None),
        e if e.len() == 9 && e.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            Ok(Some(e.into_owned()))
        }
        e if e.len() == 8 && e.bytes().all(|b| b.is_ascii_digit()) => Err(row.invalid(
            "establishment",
            format!(
                "{expected}; a spreadsheet may have dropped its leading zero: 0{e}? (format the column as text)"
            ),
        )),
        _ => Err(row.invalid("establishment", expected)),
    }
}

/// The row's own employer size, overriding the scenario's `[employer]`.
fn employer_size(row: &Row<'_>) -> Result<Option<EmployerSize>, InputError> {
    let expected = "lt50, ge50 or nothing for the scenario's [employer] size";
    match row.text("employer_size") {
        s if s.is_empty() => Ok(None),
        s => s
            .parse::<EmployerSize>()
            .map(Some)
            .map_err(|()| row.invalid("employer_size", expected)),
    }
}

/// The row's own AT/MP rate, overriding the scenario's `[employer]`.
fn at_mp_rate(row: &Row<'_>) -> Result<Option<Decimal>, InputError> {
    let expected = "a rate 0 ≤ r < 1, or nothing for the scenario's [employer] at_mp_rate";
    let rate = row.share_optional("at_mp_rate", expected)?;
    if rate.is_some_and(|r| r < Decimal::ZERO || r >= Decimal::ONE) {
        return Err(row.invalid("at_mp_rate", expected));
    }
    Ok(rate)
}

/// Whether the row's employer pays the taxe sur les salaires, overriding
/// the scenario's `[employer]`.
fn taxe_salaires(row: &Row<'_>) -> Result<Option<bool>, InputError> {
    row.boolean_optional(
        "taxe_salaires",
        "true or false, or nothing for the scenario's [employer] taxe_salaires",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::grids::read_grids;
    use std::path::Path;

    /// Errors come in file order whatever the chunking and the threads:
    /// a bad value before a malformed row, and the reverse; a duplicate id
    /// before a bad value, and the reverse.
    #[test]
    fn the_first_error_in_file_order_wins() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hand-case");
        let grids = read_grids(
            &Source::disk(root.join("grids")),
            &Ledger::default(),
            &mut Vec::new(),
        )
        .unwrap();
        let good = |id: &str| format!("{id},01,c1,ES,1,2023-06-15,,,etat,,\n");
        let (a, d, e) = (good("A"), good("D"), good("E"));
        let (a, d, e) = (a.as_str(), d.as_str(), e.as_str());
        let bad_value = "B,20,c1,ES,1,2023-06-15,,,etat,,\n";
        let malformed = "C,01,c1\n";
        let header = "id,departement,convention,job,fte,seniority_date,start_date,end_date,funder,establishment,weight\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("workforce.csv");
        for (rows, line) in [
            ([a, bad_value, d, malformed, e], 3),
            ([a, d, malformed, bad_value, e], 4),
            // A second `A` on line 4, and a bad value before it.
            ([a, d, a, bad_value, e], 4),
            ([a, bad_value, d, a, e], 3),
        ] {
            let text = format!("{header}{}", rows.concat());
            std::fs::write(&path, text).unwrap();
            for max in [1, 2, 3, 100] {
                // Row by row, in chunks, and pipelined.
                let source = Source::disk(&path);
                let mut reader =
                    WorkforceReader::open(&source, &Ledger::default(), &grids).unwrap();
                let mut out = Vec::new();
                let err = loop {
                    match reader.next_chunk(max, &mut out) {
                        Ok(true) => continue,
                        Ok(false) => panic!("no error"),
                        Err(e) => break e,
                    }
                };
                assert!(
                    err.to_string().contains(&format!(":{line}")),
                    "{max}: {err}"
                );
                let mut reader =
                    WorkforceReader::open(&source, &Ledger::default(), &grids).unwrap();
                let mut current = reader.start(max);
                let mut next = RawChunk::default();
                let err = loop {
                    assert!(!current.is_done(), "no error");
                    match reader.pipelined(&mut current, &mut next, max, &mut out, |_| {
                        Ok::<_, InputError>(())
                    }) {
                        Ok(()) => std::mem::swap(&mut current, &mut next),
                        Err(e) => break e,
                    }
                };
                assert!(
                    err.to_string().contains(&format!(":{line}")),
                    "{max}: {err}"
                );
            }
        }
    }
}
