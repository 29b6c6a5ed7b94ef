//! The CSV dialect of French spreadsheets: `,` or `;` delimiter (detected on
//! the header line), decimal comma with `;`, a UTF-8 BOM, Windows-1252 text
//! (decoded per field when it is not valid UTF-8), header aliases matched
//! case-insensitively with accents folded, columns in any order, values
//! trimmed. Rows are read as bytes and streamed.

use super::error::InputError;
use crate::domain::Location;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A column a reader knows: its canonical name and the headers accepted for it.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Canonical name, used in messages.
    pub name: &'static str,
    /// Other accepted headers (already folded: lowercase, no accents).
    pub aliases: &'static [&'static str],
    /// Whether the file must have it.
    pub required: bool,
}

impl Column {
    /// A column the file must have.
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            required: true,
        }
    }

    /// A column the file may have.
    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            required: false,
        }
    }
}

/// Lowercases, trims, drops a BOM and folds accents of a header name.
pub fn fold_header(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .trim()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ÿ' | 'Ÿ' => 'y',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

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

/// An open CSV file, its header mapped to the reader's columns.
pub struct CsvFile {
    header: Header,
    reader: csv::Reader<Box<dyn Read + Send>>,
    record: csv::ByteRecord,
}

/// What rows need to know of their file: its path, where each known column
/// is, and its decimal separator. Shared by threads converting rows.
#[derive(Clone, Debug)]
pub struct Header {
    path: PathBuf,
    /// For each known column, the index of its field in a row.
    positions: Vec<Option<usize>>,
    columns: &'static [Column],
    decimal_comma: bool,
}

/// One row of a [`CsvFile`].
pub struct Row<'a> {
    file: &'a Header,
    record: &'a csv::ByteRecord,
    /// 1-based line of the row.
    pub line: u64,
}

impl CsvFile {
    /// Opens `path` and maps its header to `columns`.
    pub fn open(path: &Path, columns: &'static [Column]) -> Result<CsvFile, InputError> {
        let io = |source| InputError::Io {
            location: Location::file(path),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let mut buffered = BufReader::with_capacity(1 << 20, file);
        let delimiter = delimiter_of(buffered.fill_buf().map_err(io)?);
        let source: Box<dyn Read + Send> = Box::new(buffered);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(false)
            .from_reader(source);
        let header = reader
            .byte_headers()
            .map_err(|e| csv_error(path, e))?
            .clone();
        let folded: Vec<String> = header.iter().map(|h| fold_header(&decode(h))).collect();
        let mut positions = Vec::with_capacity(columns.len());
        for column in columns {
            let matches: Vec<usize> = folded
                .iter()
                .enumerate()
                .filter(|(_, h)| *h == column.name || column.aliases.contains(&h.as_str()))
                .map(|(i, _)| i)
                .collect();
            match matches.as_slice() {
                [] if column.required => {
                    let mut accepted = vec![format!("`{}`", column.name)];
                    accepted.extend(column.aliases.iter().map(|a| format!("`{a}`")));
                    return Err(InputError::MissingColumn {
                        location: Location::line(path, 1),
                        column: column.name,
                        accepted: accepted.join(", "),
                    });
                }
                [] => positions.push(None),
                [one] => positions.push(Some(*one)),
                [_, second, ..] => {
                    return Err(InputError::invalid(
                        Location::at(path, 1, second + 1),
                        format!("column `{}` appears twice in the header", column.name),
                    ))
                }
            }
        }
        Ok(CsvFile {
            header: Header {
                path: path.to_path_buf(),
                positions,
                columns,
                decimal_comma: delimiter == b';',
            },
            reader,
            record: csv::ByteRecord::new(),
        })
    }

    /// The location of column `name` on line `line` (the whole line when the
    /// file lacks the column).
    pub fn location_of(&self, line: u64, name: &str) -> Location {
        match self.header.index_of(name) {
            Some(i) => Location::at(&self.header.path, line, i + 1),
            None => Location::line(&self.header.path, line),
        }
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
        self.reader.position().byte()
    }

    /// Reads the next row; `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, InputError> {
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(&self.header.path, e))?;
        if !more {
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
        self.reader
            .read_byte_record(record)
            .map_err(|e| csv_error(&self.header.path, e))
    }
}

impl Header {
    fn index_of(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.positions[i])
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

/// The delimiter of a file that begins with `head`: `;` when its first line
/// holds more semicolons than commas (a French spreadsheet), else `,`.
pub fn delimiter_of(head: &[u8]) -> u8 {
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let semicolons = first_line.iter().filter(|b| **b == b';').count();
    let commas = first_line.iter().filter(|b| **b == b',').count();
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// The bytes of a small file read whole (a baseline, targets).
pub fn read_whole(path: &Path) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|source| InputError::Io {
        location: Location::file(path),
        source,
    })
}

/// A small file's CSV reader past its header, its folded header names,
/// and whether numbers use a decimal comma.
pub type SmallCsv<'b> = (csv::Reader<&'b [u8]>, Vec<String>, bool);

/// A reader over the CSV `bytes` of a small file read from `path` (for
/// messages), a BOM dropped and the delimiter detected, positioned after
/// its header; the header's names folded; whether numbers use a decimal
/// comma (the `;` dialect).
pub fn small_reader<'b>(path: &Path, bytes: &'b [u8]) -> Result<SmallCsv<'b>, InputError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let delimiter = delimiter_of(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(|e| csv_error(path, e))?
        .iter()
        .map(|h| fold_header(&decode(h)))
        .collect();
    Ok((reader, header, delimiter == b';'))
}

/// A CSV reader's error at its place in the file at `path`.
pub fn csv_error(path: &Path, e: csv::Error) -> InputError {
    let line = e.position().map(|p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields, the header has {expected_len}"),
        csv::ErrorKind::Io(err) => format!("cannot read: {err}"),
        _ => format!("malformed CSV: {e}"),
    };
    let location = match line {
        Some(line) => Location::line(path, line),
        None => Location::file(path),
    };
    InputError::invalid(location, message)
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
        match self.file.index_of(name) {
            Some(i) => Location::at(&self.file.path, self.line, i + 1),
            None => Location::line(&self.file.path, self.line),
        }
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

    /// A required decimal (decimal comma accepted in `;` files).
    pub fn decimal(&self, name: &str, expected: &str) -> Result<Decimal, InputError> {
        let text = self.required(name, expected)?;
        parse_decimal(&text, self.file.decimal_comma).ok_or_else(|| self.invalid(name, expected))
    }

    /// An optional decimal; `None` when empty.
    pub fn decimal_optional(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<Decimal>, InputError> {
        let text = self.text(name);
        if text.is_empty() {
            return Ok(None);
        }
        parse_decimal(&text, self.file.decimal_comma)
            .map(Some)
            .ok_or_else(|| self.invalid(name, expected))
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
    fn headers_fold_case_accents_and_spaces() {
        assert_eq!(fold_header(" Département "), "departement");
        assert_eq!(fold_header("\u{feff}Date_Entrée"), "date_entree");
        assert_eq!(fold_header("MÉTIER"), "metier");
    }

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("0,8", true), Some("0.8".parse().unwrap()));
        assert_eq!(parse_decimal("0.8", true), Some("0.8".parse().unwrap()));
        assert_eq!(parse_decimal("0,8", false), None);
        assert_eq!(parse_decimal("1e3", false), None);
        assert_eq!(parse_decimal("-", false), None);
        assert_eq!(parse_decimal("1.2.3", false), None);
    }

    #[test]
    fn windows_1252_fields_are_decoded() {
        assert_eq!(decode(b"Dr\xf4me"), "Drôme");
        assert_eq!(decode("Drôme".as_bytes()), "Drôme");
    }
}
