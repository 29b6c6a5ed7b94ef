//! The dialect of French spreadsheets, shared by every reader: a CSV file
//! with `,`, `;` or tab between fields (detected on the header line), a
//! decimal comma with `;`, a UTF-8 BOM, Windows-1252 text (decoded per field
//! when it is not valid UTF-8), LF, CRLF or CR line ends counted as physical
//! lines, rows of empty fields skipped — or a sheet of a spreadsheet (see
//! [`super::sheet`]). Headers are matched on their folded form against each
//! column's name and aliases, in any order; a column the reader does not use
//! is a [`Warning`]. Values are trimmed. Rows are read as bytes and
//! streamed.

use super::error::InputError;
use super::lines::{Lines, RecordTooLong};
use super::sheet::{self, SheetRows};
use super::warning::Warning;
use crate::domain::fold::{distance, fold_header, yes_no};
use crate::domain::Location;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Whether a reader needs a column, may use it, or knows it and ignores
/// it on purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// The file must have it.
    Required,
    /// The file may have it.
    Optional,
    /// Documented as not used (a `source` note): never a warning.
    Ignored,
}

/// A column a reader knows: its canonical name and the headers accepted for
/// it, each compared on its folded form (docs/formats.md, rule 27).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Canonical name, used in messages.
    pub name: &'static str,
    /// Other accepted headers, as people write them, most specific first:
    /// when a file has two of them, the first wins and the other is a
    /// column not used.
    pub aliases: &'static [&'static str],
    /// Whether the file must have it.
    pub usage: Use,
}

impl Column {
    /// A column the file must have.
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            usage: Use::Required,
        }
    }

    /// A column the file may have.
    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            usage: Use::Optional,
        }
    }

    /// A column the reader knows and does not read (a note, a comment).
    pub const fn ignored(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            usage: Use::Ignored,
        }
    }

    /// The folded keys of the column: its name, then its aliases.
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(self.name)
            .chain(self.aliases.iter().copied())
            .map(fold_header)
    }
}

/// The column of notes that a data file may carry (`source`,
/// `commentaire`): documented as not read, so never a warning.
pub const NOTES: Column = Column::ignored(
    "source",
    &[
        "sources",
        "commentaire",
        "commentaires",
        "comment",
        "comments",
        "note",
        "notes",
        "remarque",
        "remarques",
        "observations",
    ],
);

/// The effective date of a dated value (point values, parameters).
pub const EFFECTIVE: Column = Column::required(
    "effective",
    &[
        "date d'effet",
        "effet",
        "date",
        "à compter du",
        "date de valeur",
    ],
);

/// Decodes a field: UTF-8 when valid, Windows-1252 otherwise.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Where a file's records come from.
enum Source {
    /// CSV text, its lines counted.
    Text(csv::Reader<Lines<Box<dyn Read + Send>>>),
    /// A sheet of a spreadsheet, and the size of its file.
    Sheet(SheetRows, u64),
}

/// The records of a CSV file or of a sheet, each with its physical line
/// (its row in a sheet); rows whose fields are all empty are skipped, and a
/// row must have as many fields as the header.
pub struct Records {
    path: PathBuf,
    source: Source,
    /// The number of fields of the header, once read.
    width: usize,
    decimal_comma: bool,
}

impl Records {
    /// Opens the file at `path`: a spreadsheet when its extension says so
    /// (`effectifs.xlsx`, `effectifs.xlsx#2024`), CSV otherwise.
    pub fn open(path: &Path) -> Result<Records, InputError> {
        let file = sheet::file_part(path);
        let source = File::open(&file).map_err(|source| InputError::Io {
            location: Location::file(&file),
            source,
        })?;
        Records::from_reader(path, Box::new(source))
    }

    /// Reads the records that `source` gives, named `path` in messages (a
    /// spreadsheet's path may end with `#sheet`).
    pub fn from_reader(path: &Path, source: Box<dyn Read + Send>) -> Result<Records, InputError> {
        if let Some((file, sheet)) = sheet::target(path) {
            return Records::sheet(&file, sheet.as_deref(), source);
        }
        let io = |source| InputError::Io {
            location: Location::file(path),
            source,
        };
        let mut buffered = BufReader::with_capacity(1 << 20, source);
        let head = buffered.fill_buf().map_err(io)?;
        // A workbook saved under a `.csv` name is still a workbook.
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0") {
            return Records::sheet(path, None, buffered);
        }
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
            return Err(InputError::invalid(
                Location::file(path),
                "a UTF-16 text file (Excel's \"Unicode text\"): save it as \"CSV UTF-8\" or \"CSV (separator: semicolon)\"",
            ));
        }
        let delimiter = delimiter_of(head);
        let source: Box<dyn Read + Send> = Box::new(buffered);
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Lines::new(source));
        Ok(Records {
            path: path.to_path_buf(),
            source: Source::Text(reader),
            width: 0,
            decimal_comma: delimiter != b',',
        })
    }

    fn sheet(file: &Path, sheet: Option<&str>, source: impl Read) -> Result<Records, InputError> {
        let mut size = 0;
        let counted = CountBytes {
            inner: source,
            count: &mut size,
        };
        let rows = sheet::open(file, sheet, counted)?;
        Ok(Records {
            path: file.to_path_buf(),
            source: Source::Sheet(rows, size),
            width: 0,
            decimal_comma: true,
        })
    }

    /// The location of field `index` (0-based) of line `line`, or of the
    /// whole line.
    fn locate(&self, line: u64, index: Option<usize>) -> Location {
        match (&self.source, index) {
            (Source::Sheet(rows, _), Some(i)) => {
                Location::at(&self.path, line, rows.column(i)).in_sheet(&rows.name)
            }
            (Source::Sheet(rows, _), None) => Location::line(&self.path, line).in_sheet(&rows.name),
            (Source::Text(_), Some(i)) => Location::at(&self.path, line, i + 1),
            (Source::Text(_), None) => Location::line(&self.path, line),
        }
    }

    /// Reads the next record, whatever its fields; false at the end.
    fn read_raw(&mut self, record: &mut csv::ByteRecord) -> Result<bool, InputError> {
        match &mut self.source {
            Source::Sheet(rows, _) => Ok(rows.read(record)),
            Source::Text(reader) => {
                let start = reader.position().byte();
                reader.get_mut().start_record(start);
                let more = reader
                    .read_byte_record(record)
                    .map_err(|e| text_error(&self.path, reader, e))?;
                if more {
                    let offset = record.position().map_or(start, |p| p.byte());
                    let line = reader.get_mut().line_at(offset);
                    let mut position = record
                        .position()
                        .cloned()
                        .unwrap_or_else(csv::Position::new);
                    position.set_line(line);
                    record.set_position(Some(position));
                }
                Ok(more)
            }
        }
    }

    /// Reads the next record that is not all empty; false at the end.
    fn read_filled(&mut self, record: &mut csv::ByteRecord) -> Result<bool, InputError> {
        while self.read_raw(record)? {
            if record.iter().any(|f| !f.trim_ascii().is_empty()) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Reads the header, the first record that is not all empty: its line
    /// and its names, trimmed. An error when the file has none.
    pub fn header(&mut self) -> Result<(u64, Vec<String>), InputError> {
        let mut header = csv::ByteRecord::new();
        if !self.read_filled(&mut header)? {
            return Err(InputError::invalid(
                Location::file(&self.path),
                "the file is empty: expected a header line naming the columns",
            ));
        }
        self.width = header.len();
        let line = header.position().map_or(1, |p| p.line());
        let names = header
            .iter()
            .map(|h| decode(h).trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok((line, names))
    }

    /// Reads the next row into `record` (rows of empty fields skipped);
    /// false at the end. A row with more fields than the header (or, in
    /// CSV, fewer) is an error.
    pub fn next(&mut self, record: &mut csv::ByteRecord) -> Result<bool, InputError> {
        if !self.read_filled(record)? {
            return Ok(false);
        }
        let fewer_allowed = matches!(self.source, Source::Sheet(..));
        let len = record.len();
        if len > self.width || (len < self.width && !fewer_allowed) {
            let line = record.position().map_or(0, |p| p.line());
            let (index, message) = if fewer_allowed {
                let beyond = (self.width..len).find(|i| !record[*i].trim_ascii().is_empty());
                (
                    beyond,
                    "a value beyond the header's last column".to_string(),
                )
            } else {
                (
                    None,
                    format!("row has {len} fields, the header has {}", self.width),
                )
            };
            return Err(InputError::invalid(self.locate(line, index), message));
        }
        Ok(true)
    }

    /// Bytes of the file consumed so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        match &self.source {
            Source::Text(reader) => reader.position().byte(),
            Source::Sheet(rows, size) => (rows.fraction_read() * *size as f64) as u64,
        }
    }

    /// Whether numbers may use a decimal comma.
    pub fn decimal_comma(&self) -> bool {
        self.decimal_comma
    }
}

/// Counts the bytes read through it (the size of a spreadsheet read from a
/// stream).
struct CountBytes<'a, R> {
    inner: R,
    count: &'a mut u64,
}

impl<R: Read> Read for CountBytes<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        *self.count += n as u64;
        Ok(n)
    }
}

/// A csv crate's error at its place in the file at `path`, with the
/// physical line from the reader's count.
fn text_error(
    path: &Path,
    reader: &mut csv::Reader<Lines<Box<dyn Read + Send>>>,
    e: csv::Error,
) -> InputError {
    if let csv::ErrorKind::Io(io) = e.kind() {
        if let Some(too_long) = io.get_ref().and_then(|i| i.downcast_ref::<RecordTooLong>()) {
            return InputError::invalid(Location::line(path, too_long.line), too_long.to_string());
        }
    }
    let line = e.position().map(|p| reader.get_mut().line_at(p.byte()));
    let message = match e.kind() {
        csv::ErrorKind::Io(err) => format!("cannot read: {err}"),
        _ => format!("malformed CSV: {e}"),
    };
    let location = match line {
        Some(line) => Location::line(path, line),
        None => Location::file(path),
    };
    InputError::invalid(location, message)
}

/// An open CSV file or sheet, its header mapped to the reader's columns.
pub struct CsvFile {
    header: Header,
    records: Records,
    record: csv::ByteRecord,
    warnings: Vec<Warning>,
}

/// What rows need to know of their file: where each known column is, how
/// to locate a cell, and its decimal separator. Shared by threads
/// converting rows.
#[derive(Clone, Debug)]
pub struct Header {
    path: PathBuf,
    /// The sheet's name and the 1-based sheet column of the first field,
    /// for a spreadsheet.
    sheet: Option<(String, usize)>,
    /// For each known column, the index of its field in a row.
    positions: Vec<Option<usize>>,
    columns: &'static [Column],
    decimal_comma: bool,
}

/// One row of a [`CsvFile`].
pub struct Row<'a> {
    file: &'a Header,
    record: &'a csv::ByteRecord,
    /// 1-based physical line of the row (its row in a sheet).
    pub line: u64,
}

impl CsvFile {
    /// Opens `path` and maps its header to `columns`.
    pub fn open(path: &Path, columns: &'static [Column]) -> Result<CsvFile, InputError> {
        CsvFile::with_records(Records::open(path)?, columns)
    }

    /// Reads the CSV (or spreadsheet) that `source` gives, named `path` in
    /// messages, and maps its header to `columns`.
    pub fn from_reader(
        path: &Path,
        source: Box<dyn Read + Send>,
        columns: &'static [Column],
    ) -> Result<CsvFile, InputError> {
        CsvFile::with_records(Records::from_reader(path, source)?, columns)
    }

    fn with_records(
        mut records: Records,
        columns: &'static [Column],
    ) -> Result<CsvFile, InputError> {
        let (line, names) = records.header()?;
        let mapped = map_header(&names, columns, |i| records.locate(line, i))?;
        let sheet = match &records.source {
            Source::Sheet(rows, _) => Some((rows.name.clone(), rows.column(0))),
            Source::Text(_) => None,
        };
        Ok(CsvFile {
            header: Header {
                path: records.path.clone(),
                sheet,
                positions: mapped.positions,
                columns,
                decimal_comma: records.decimal_comma(),
            },
            records,
            record: csv::ByteRecord::new(),
            warnings: mapped.warnings,
        })
    }

    /// What the header says that is not an error: the columns not used.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The location of column `name` on line `line` (the whole line when the
    /// file lacks the column).
    pub fn location_of(&self, line: u64, name: &str) -> Location {
        self.header.location(line, name)
    }

    /// Whether the file has the column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.header.index_of(name).is_some()
    }

    /// The header, to make rows of records read with [`CsvFile::read_record`].
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Bytes of the file consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.records.bytes_read()
    }

    /// Reads the next row; `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, InputError> {
        if !self.records.next(&mut self.record)? {
            return Ok(None);
        }
        Ok(Some(self.header.row(&self.record)))
    }

    /// Calls `read` on every row, going on past a bad one (for the lenient
    /// readers of `validate`): its error, and an error of the file itself
    /// (which ends the reading), go to `errors`, which `read` may also
    /// push to.
    pub fn each_row_lenient(
        &mut self,
        errors: &mut Vec<InputError>,
        mut read: impl FnMut(&Row<'_>, &mut Vec<InputError>) -> Result<(), InputError>,
    ) {
        loop {
            match self.next_row() {
                Ok(Some(row)) => {
                    if let Err(e) = read(&row, errors) {
                        errors.push(e);
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    errors.push(e);
                    break;
                }
            }
        }
    }

    /// Reads the next record into `record`, unconverted; false at the end of
    /// the file. Make it a [`Row`] with [`Header::row`].
    pub fn read_record(&mut self, record: &mut csv::ByteRecord) -> Result<bool, InputError> {
        self.records.next(record)
    }
}

/// A header mapped to a reader's columns.
struct Mapped {
    positions: Vec<Option<usize>>,
    warnings: Vec<Warning>,
}

/// Maps header `names` to `columns` on their folded forms (docs/formats.md,
/// rules 27 and 28): for each column, the header that matches its most
/// specific name; a required column missing, or matched twice at the same
/// rank, is an error; every other header is a column not used, a warning
/// (with a "did you mean" when it is close to a column the file lacks).
/// `locate` gives the place of a header cell.
fn map_header(
    names: &[String],
    columns: &'static [Column],
    locate: impl Fn(Option<usize>) -> Location,
) -> Result<Mapped, InputError> {
    let folded: Vec<String> = names.iter().map(|n| fold_header(n)).collect();
    let keys: Vec<Vec<String>> = columns.iter().map(|c| c.keys().collect()).collect();
    // For each header: its column and the rank of the key it matched.
    let matched: Vec<Option<(usize, usize)>> = folded
        .iter()
        .map(|h| {
            keys.iter().enumerate().find_map(|(c, ks)| {
                ks.iter()
                    .position(|k| !h.is_empty() && k == h)
                    .map(|rank| (c, rank))
            })
        })
        .collect();
    let mut positions = vec![None; columns.len()];
    let mut warnings = Vec::new();
    let mut used = vec![false; names.len()];
    for (c, column) in columns.iter().enumerate() {
        let mut found: Vec<(usize, usize)> = matched
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.filter(|(mc, _)| *mc == c).map(|(_, rank)| (rank, i)))
            .collect();
        found.sort();
        match found.as_slice() {
            [] if column.usage == Use::Required => {
                return Err(missing_column(column, names, &folded, &matched, &locate));
            }
            [] => {}
            [(rank, first), (second_rank, second), ..]
                if rank == second_rank && column.usage != Use::Ignored =>
            {
                return Err(InputError::invalid(
                    locate(Some(*second)),
                    format!(
                        "column `{}` appears twice in the header: `{}` (column {}) and `{}` (column {})",
                        column.name,
                        names[*first],
                        first + 1,
                        names[*second],
                        second + 1
                    ),
                ));
            }
            [(_, best), others @ ..] => {
                used[*best] = true;
                if column.usage != Use::Ignored {
                    positions[c] = Some(*best);
                }
                for (_, other) in others {
                    used[*other] = true;
                    if column.usage != Use::Ignored {
                        warnings.push(Warning::new(
                            locate(Some(*other)),
                            format!(
                                "column `{}` is not used: `{}` (column {}) is read as `{}`",
                                names[*other],
                                names[*best],
                                best + 1,
                                column.name
                            ),
                        ));
                    }
                }
            }
        }
    }
    let known: Vec<&str> = columns
        .iter()
        .filter(|c| c.usage != Use::Ignored)
        .map(|c| c.name)
        .collect();
    for (i, name) in names.iter().enumerate() {
        if used[i] {
            continue;
        }
        let message = if name.is_empty() {
            format!("column {} has no name in the header and is not used", i + 1)
        } else {
            let hint = suggestion(&folded[i], columns, &positions, &keys)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            format!(
                "column `{name}` is not used{hint}; known columns: {}",
                known.join(", ")
            )
        };
        warnings.push(Warning::new(locate(Some(i)), message));
    }
    Ok(Mapped {
        positions,
        warnings,
    })
}

/// The error of a required `column` missing from the header `names`, with
/// every header accepted for it and, when a header not matched is close to
/// it, that header.
fn missing_column(
    column: &Column,
    names: &[String],
    folded: &[String],
    matched: &[Option<(usize, usize)>],
    locate: impl Fn(Option<usize>) -> Location,
) -> InputError {
    let mut accepted = vec![format!("`{}`", column.name)];
    accepted.extend(column.aliases.iter().map(|a| format!("`{a}`")));
    let keys: Vec<String> = column.keys().collect();
    let close = (0..names.len())
        .filter(|i| matched[*i].is_none())
        .find(|i| closeness(&folded[*i], &keys).is_some());
    let hint = close
        .map(|i| format!("; is it `{}` (column {})?", names[i], i + 1))
        .unwrap_or_default();
    InputError::MissingColumn {
        location: locate(None),
        column: column.name,
        accepted: format!("{}{hint}", accepted.join(", ")),
    }
}

/// The column, among those the file lacks, that folded header `header` is
/// close to: a small edit distance to one of its keys, or one containing the
/// other (`Sortie prévue` and `sortie`).
fn suggestion(
    header: &str,
    columns: &[Column],
    positions: &[Option<usize>],
    keys: &[Vec<String>],
) -> Option<&'static str> {
    columns
        .iter()
        .enumerate()
        .filter(|(c, column)| positions[*c].is_none() && column.usage != Use::Ignored)
        .filter_map(|(c, column)| closeness(header, &keys[c]).map(|score| (score, column.name)))
        .min_by_key(|(score, _)| *score)
        .map(|(_, name)| name)
}

/// How close folded header `header` is to the nearest of `keys` (lower is
/// closer); `None` when it is close to none.
fn closeness(header: &str, keys: &[String]) -> Option<usize> {
    if header.len() < 3 {
        return None;
    }
    keys.iter()
        .filter_map(|k| {
            let allowed = match k.len().min(header.len()) {
                0..=2 => 0,
                3..=7 => 1,
                _ => 2,
            };
            let d = distance(header, k);
            if d <= allowed {
                Some(d)
            } else if k.len() >= 4 && (header.contains(k.as_str()) || k.contains(header)) {
                Some(3)
            } else {
                None
            }
        })
        .min()
}

impl Header {
    fn index_of(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.positions[i])
    }

    /// The location of column `name` on line `line` (the whole line when the
    /// file lacks it).
    fn location(&self, line: u64, name: &str) -> Location {
        let at = match self.index_of(name) {
            Some(i) => match &self.sheet {
                Some((_, first)) => Location::at(&self.path, line, first + i),
                None => Location::at(&self.path, line, i + 1),
            },
            None => Location::line(&self.path, line),
        };
        match &self.sheet {
            Some((sheet, _)) => at.in_sheet(sheet),
            None => at,
        }
    }

    /// A row of this file from a record read by [`CsvFile::read_record`].
    pub fn row<'a>(&'a self, record: &'a csv::ByteRecord) -> Row<'a> {
        let line = record.position().map_or(0, |p| p.line());
        Row {
            file: self,
            record,
            line,
        }
    }
}

/// The delimiter of a file that begins with `head`: the one of `;`, tab and
/// `,` that its first line holds most of (`,` when none).
pub fn delimiter_of(head: &[u8]) -> u8 {
    let first_line = head
        .split(|b| *b == b'\n' || *b == b'\r')
        .next()
        .unwrap_or_default();
    let count = |d: u8| first_line.iter().filter(|b| **b == d).count();
    let (semicolons, tabs, commas) = (count(b';'), count(b'\t'), count(b','));
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

impl Row<'_> {
    /// The trimmed text of column `name`; empty when the file lacks it.
    pub fn text(&self, name: &str) -> Cow<'_, str> {
        match self.file.index_of(name) {
            Some(i) => match decode(self.record.get(i).unwrap_or_default()) {
                Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
                Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
            },
            None => Cow::Borrowed(""),
        }
    }

    /// The location of column `name` in this row.
    pub fn location(&self, name: &str) -> Location {
        self.file.location(self.line, name)
    }

    /// An invalid-value error for column `name`.
    pub fn invalid(&self, name: &str, expected: impl Into<String>) -> InputError {
        InputError::InvalidValue {
            location: self.location(name),
            column: name.to_string(),
            value: self.text(name).into_owned(),
            expected: expected.into(),
        }
    }

    /// The non-empty text of a required cell.
    pub fn required(&self, name: &str, expected: &str) -> Result<Cow<'_, str>, InputError> {
        let text = self.text(name);
        if text.is_empty() {
            return Err(InputError::MissingValue {
                location: self.location(name),
                column: name.to_string(),
                expected: expected.to_string(),
            });
        }
        Ok(text)
    }

    /// A required cell parsed with `FromStr`.
    pub fn parse<T: FromStr>(&self, name: &str, expected: &str) -> Result<T, InputError> {
        self.required(name, expected)?
            .parse()
            .map_err(|_| self.invalid(name, expected))
    }

    /// An optional cell parsed with `FromStr`; `None` when empty.
    pub fn parse_optional<T: FromStr>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<T>, InputError> {
        let text = self.text(name);
        if text.is_empty() {
            return Ok(None);
        }
        text.parse()
            .map(Some)
            .map_err(|_| self.invalid(name, expected))
    }

    /// An optional yes/no cell: `true`, `1`, `oui`, `yes` or `false`, `0`,
    /// `non`, `no`, any case; `None` when empty.
    pub fn boolean_optional(&self, name: &str, expected: &str) -> Result<Option<bool>, InputError> {
        match self.text(name) {
            t if t.is_empty() => Ok(None),
            t => yes_no(&t)
                .map(Some)
                .ok_or_else(|| self.invalid(name, expected)),
        }
    }

    /// A required decimal (decimal comma accepted in `;` files).
    pub fn decimal(&self, name: &str, expected: &str) -> Result<Decimal, InputError> {
        self.required(name, expected)?;
        Ok(self
            .number(name, expected, parse_decimal)?
            .unwrap_or_default())
    }

    /// A required cell parsed with `FromStr` that `allowed` accepts.
    pub fn parse_within<T: FromStr>(
        &self,
        name: &str,
        expected: &str,
        allowed: impl Fn(&T) -> bool,
    ) -> Result<T, InputError> {
        let value: T = self.parse(name, expected)?;
        if !allowed(&value) {
            return Err(self.invalid(name, expected));
        }
        Ok(value)
    }

    /// A required decimal that `allowed` accepts (its range,
    /// docs/formats.md, rule 43).
    pub fn decimal_within(
        &self,
        name: &str,
        expected: &str,
        allowed: impl Fn(Decimal) -> bool,
    ) -> Result<Decimal, InputError> {
        let value = self.decimal(name, expected)?;
        if !allowed(value) {
            return Err(self.invalid(name, expected));
        }
        Ok(value)
    }

    /// An optional decimal that `allowed` accepts; `None` when empty.
    pub fn decimal_optional_within(
        &self,
        name: &str,
        expected: &str,
        allowed: impl Fn(Decimal) -> bool,
    ) -> Result<Option<Decimal>, InputError> {
        let value = self.decimal_optional(name, expected)?;
        if value.is_some_and(|v| !allowed(v)) {
            return Err(self.invalid(name, expected));
        }
        Ok(value)
    }

    /// An optional decimal; `None` when empty.
    pub fn decimal_optional(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<Decimal>, InputError> {
        self.number(name, expected, parse_decimal)
    }

    /// A required share: a decimal, or a percentage with its sign (`80 %`
    /// is 0.8).
    pub fn share(&self, name: &str, expected: &str) -> Result<Decimal, InputError> {
        self.required(name, expected)?;
        Ok(self
            .number(name, expected, parse_share)?
            .unwrap_or_default())
    }

    /// An optional share; `None` when empty.
    pub fn share_optional(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<Decimal>, InputError> {
        self.number(name, expected, parse_share)
    }

    /// Column `name` read by `parse`; `None` when empty.
    fn number(
        &self,
        name: &str,
        expected: &str,
        parse: fn(&str, bool) -> Option<Decimal>,
    ) -> Result<Option<Decimal>, InputError> {
        let text = self.text(name);
        if text.is_empty() {
            return Ok(None);
        }
        parse(&text, self.file.decimal_comma)
            .map(Some)
            .ok_or_else(|| self.invalid(name, expected))
    }
}

/// A share: a plain decimal (`0.8`), or a percentage with its sign (`80%`,
/// `80 %`, `1,52 %`), divided by 100.
pub fn parse_share(text: &str, decimal_comma: bool) -> Option<Decimal> {
    match text.trim().strip_suffix('%') {
        Some(percent) => parse_decimal(percent, decimal_comma).map(|p| p / Decimal::ONE_HUNDRED),
        None => parse_decimal(text, decimal_comma),
    }
}

/// Parses a plain decimal: optional sign, digits, one decimal separator (`.`,
/// or `,` when `decimal_comma`). No exponent, no thousands separator.
pub fn parse_decimal(text: &str, decimal_comma: bool) -> Option<Decimal> {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut separators = 0;
    let mut has_digit = false;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => has_digit = true,
            b'.' => separators += 1,
            b',' if decimal_comma => separators += 1,
            _ => return None,
        }
    }
    if !has_digit || separators > 1 {
        return None;
    }
    if decimal_comma && text.contains(',') {
        Decimal::from_str(&text.replace(',', ".")).ok()
    } else {
        Decimal::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("0,8", true), Some("0.8".parse().unwrap()));
        assert_eq!(parse_decimal("0.8", true), Some("0.8".parse().unwrap()));
        assert_eq!(parse_decimal("0,8", false), None);
        assert_eq!(parse_decimal("1e3", false), None);
        assert_eq!(parse_decimal("-", false), None);
        assert_eq!(parse_decimal("1.2.3", false), None);
        assert_eq!(parse_share("80 %", false), Some("0.8".parse().unwrap()));
        assert_eq!(parse_share("1,52%", true), Some("0.0152".parse().unwrap()));
        assert_eq!(parse_share("0.5", false), Some("0.5".parse().unwrap()));
        assert_eq!(parse_share("%", false), None);
    }

    #[test]
    fn windows_1252_fields_are_decoded() {
        assert_eq!(decode(b"Dr\xf4me"), "Drôme");
        assert_eq!(decode("Drôme".as_bytes()), "Drôme");
    }

    #[test]
    fn delimiters() {
        assert_eq!(delimiter_of(b"a;b,c;d\n1,2"), b';');
        assert_eq!(delimiter_of(b"a\tb\tc\n"), b'\t');
        assert_eq!(delimiter_of(b"a,b\r1;2;3"), b',');
        assert_eq!(delimiter_of(b"a\n"), b',');
    }

    const COLUMNS: &[Column] = &[
        Column::required("id", &["matricule"]),
        Column::optional("end_date", &["date de sortie", "sortie"]),
        Column::optional("fte", &["etp"]),
        Column::ignored("source", &["commentaire"]),
    ];

    fn read(text: &str) -> Result<CsvFile, InputError> {
        let source: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(text.to_string()));
        CsvFile::from_reader(Path::new("w.csv"), source, COLUMNS)
    }

    fn warnings(text: &str) -> Vec<String> {
        read(text)
            .unwrap()
            .warnings()
            .iter()
            .map(|w| w.to_string())
            .collect()
    }

    #[test]
    fn headers_match_on_their_folded_form() {
        let file = read("MATRICULE;Date de sortie;Commentaire\n1;2024-01-31;x\n").unwrap();
        assert!(file.has("id") && file.has("end_date") && !file.has("fte"));
        assert!(file.warnings().is_empty());
    }

    #[test]
    fn a_column_not_used_is_a_warning_with_a_suggestion() {
        assert_eq!(
            warnings("id,Sortie prévue,Service\n1,x,y\n"),
            [
                "w.csv:1:2: warning: column `Sortie prévue` is not used (did you mean `end_date`?); known columns: id, end_date, fte",
                "w.csv:1:3: warning: column `Service` is not used; known columns: id, end_date, fte",
            ]
        );
        // The column the header is close to is there: no suggestion.
        assert_eq!(
            warnings("id,sortie,Sortie prévue\n1,,\n")[0],
            "w.csv:1:3: warning: column `Sortie prévue` is not used; known columns: id, end_date, fte"
        );
        assert_eq!(
            warnings("id,ETPP\n1,1\n")[0],
            "w.csv:1:2: warning: column `ETPP` is not used (did you mean `fte`?); known columns: id, end_date, fte"
        );
    }

    #[test]
    fn the_most_specific_of_two_headers_wins() {
        let w = warnings("id;Sortie;Date de sortie\n1;;\n");
        assert_eq!(
            w,
            ["w.csv:1:2: warning: column `Sortie` is not used: `Date de sortie` (column 3) is read as `end_date`"]
        );
        let e = read("id;Date de sortie;date_sortie\n").err().unwrap();
        assert_eq!(
            e.to_string(),
            "w.csv:1:3: column `end_date` appears twice in the header: `Date de sortie` (column 2) and `date_sortie` (column 3)"
        );
    }

    #[test]
    fn columns_not_read_may_come_twice() {
        assert!(warnings("id,commentaire,Commentaire,source\n1,a,b,c\n").is_empty());
    }

    #[test]
    fn a_missing_column_names_a_close_header() {
        let e = read("Matricul,fte\n").err().unwrap();
        assert_eq!(
            e.to_string(),
            "w.csv:1: missing column `id` (accepted headers: `id`, `matricule`; is it `Matricul` (column 1)?)"
        );
    }

    #[test]
    fn rows_of_empty_fields_are_skipped_and_lines_are_physical() {
        let mut file = read("id;fte\r\n;\r\n1;0,5\r\n ; \r\n\r\n2;1\r\n;\r\n").unwrap();
        let mut lines = Vec::new();
        while let Some(row) = file.next_row().unwrap() {
            lines.push((row.line, row.text("id").into_owned()));
        }
        assert_eq!(lines, [(3, "1".to_string()), (6, "2".to_string())]);
        let mut file = read("id,fte\n1,2,3\n").unwrap();
        let e = file.next_row().err().unwrap();
        assert_eq!(e.to_string(), "w.csv:2: row has 3 fields, the header has 2");
    }

    #[test]
    fn a_file_without_line_ends_stops_at_the_cap() {
        let source: Box<dyn Read + Send> = Box::new(std::io::Read::chain(
            &b"id,fte\n1,"[..],
            std::io::repeat(b'9'),
        ));
        let mut file = CsvFile::from_reader(Path::new("w.csv"), source, COLUMNS).unwrap();
        let e = file.next_row().err().unwrap();
        assert!(
            e.to_string()
                .starts_with("w.csv:2: a record longer than 1 MiB"),
            "{e}"
        );
    }
}

/// No two columns of a reader share a header once folded (docs/formats.md,
/// rule 27): each header of a file goes to one column at most.
#[cfg(test)]
mod aliases {
    use super::Column;
    use crate::input::{grids, parameters, workforce};

    #[test]
    fn no_two_columns_of_a_reader_share_a_folded_header() {
        let readers: [(&str, &[Column]); 5] = [
            ("workforce", workforce::COLUMNS),
            ("conventions", grids::CONVENTION_COLUMNS),
            ("grid", grids::GRID_COLUMNS),
            ("point values", grids::POINT_COLUMNS),
            ("parameters", parameters::COLUMNS),
        ];
        for (reader, columns) in readers {
            let mut seen: Vec<(String, &str)> = Vec::new();
            for column in columns {
                for key in column.keys() {
                    assert!(
                        !key.is_empty(),
                        "{reader}: `{}` folds to nothing",
                        column.name
                    );
                    if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                        assert_eq!(
                            *other, column.name,
                            "{reader}: `{key}` is a header of `{other}` and of `{}`",
                            column.name
                        );
                    }
                    seen.push((key, column.name));
                }
            }
        }
    }
}
