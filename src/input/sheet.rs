//! Spreadsheets in (docs/formats.md, rule 31): a workforce, a grid, the
//! conventions or the point values may be an `.xlsx`, `.xlsm`, `.xls` or
//! `.ods` file, read with calamine. The first sheet is read, or the sheet
//! named after `#` (`effectifs.xlsx#2024`). Each row becomes a record of
//! text cells, read as a person sees them, and goes through the same
//! reader as a CSV row: the same columns, values and figures.

use super::error::InputError;
use crate::domain::Location;
use calamine::{Data, Reader};
use rust_decimal::Decimal;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

/// The extensions read as spreadsheets (case-insensitive).
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// The largest spreadsheet file read: 256 MiB, more than Excel's
/// 1,048,576 rows of a workforce take. A workbook is read whole into
/// memory, so a larger file stops with a message instead.
pub const MAX_SPREADSHEET_BYTES: u64 = 256 << 20;

/// Whether `path` names a spreadsheet file by its extension.
fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The file and sheet named by `path` when it is a spreadsheet:
/// `effectifs.xlsx` (its first sheet) or `effectifs.xlsx#2024` (sheet
/// `2024`). `None` for any other file.
pub fn target(path: &Path) -> Option<(PathBuf, Option<String>)> {
    if is_spreadsheet(path) {
        return Some((path.to_path_buf(), None));
    }
    let text = path.to_str()?;
    let (file, sheet) = text.rsplit_once('#')?;
    let file = PathBuf::from(file);
    is_spreadsheet(&file).then(|| (file, Some(sheet.to_string())))
}

/// The file of `path`, without the `#sheet` that may follow a
/// spreadsheet's name: what to checksum or measure.
pub fn file_part(path: &Path) -> PathBuf {
    target(path).map_or_else(|| path.to_path_buf(), |(file, _)| file)
}

/// The rows of one sheet, as records of text cells.
pub struct SheetRows {
    /// The sheet's name, for locations.
    pub name: String,
    range: calamine::Range<Data>,
    /// The 0-based row and column of the range's first cell in the sheet.
    origin: (u32, u32),
    /// The next row of `range` to read.
    next: usize,
    text: String,
}

/// Opens sheet `sheet` (the first when `None`) of the workbook whose bytes
/// `source` gives, read from `path` (for messages).
pub fn open(path: &Path, sheet: Option<&str>, source: impl Read) -> Result<SheetRows, InputError> {
    let mut bytes = Vec::new();
    source
        .take(MAX_SPREADSHEET_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            location: Location::file(path),
            source,
        })?;
    if bytes.len() as u64 > MAX_SPREADSHEET_BYTES {
        return Err(InputError::invalid(
            Location::file(path),
            format!(
                "a spreadsheet larger than {} MiB: save the sheet as CSV (read in a stream)",
                MAX_SPREADSHEET_BYTES >> 20
            ),
        ));
    }
    let unreadable = |e: calamine::Error| {
        InputError::invalid(
            Location::file(path),
            format!("cannot read the spreadsheet (xlsx, xlsm, xls or ods expected): {e}"),
        )
    };
    let mut book = workbook(path, Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names();
    let name = match sheet {
        None => names.first().cloned().ok_or_else(|| {
            InputError::invalid(Location::file(path), "the workbook has no sheet")
        })?,
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                InputError::invalid(
                    Location::file(path),
                    format!(
                        "no sheet `{wanted}` in the workbook (its sheets: {})",
                        list.join(", ")
                    ),
                )
            })?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let origin = range.start().unwrap_or((0, 0));
    Ok(SheetRows {
        name,
        range,
        origin,
        next: 0,
        text: String::new(),
    })
}

/// The workbook in `bytes`, of the kind that `path`'s extension names (so
/// that an error says what is wrong with it), or of the kind its bytes
/// show.
fn workbook(
    path: &Path,
    bytes: Cursor<Vec<u8>>,
) -> Result<calamine::Sheets<Cursor<Vec<u8>>>, calamine::Error> {
    use calamine::{open_workbook_from_rs, Error, Sheets};
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("xlsx" | "xlsm") => Ok(Sheets::Xlsx(
            open_workbook_from_rs(bytes).map_err(Error::Xlsx)?,
        )),
        Some("xls") => Ok(Sheets::Xls(
            open_workbook_from_rs(bytes).map_err(Error::Xls)?,
        )),
        Some("ods") => Ok(Sheets::Ods(
            open_workbook_from_rs(bytes).map_err(Error::Ods)?,
        )),
        _ => calamine::open_workbook_auto_from_rs(bytes),
    }
}

impl SheetRows {
    /// The 1-based sheet column of a record's field `index`.
    pub fn column(&self, index: usize) -> usize {
        self.origin.1 as usize + index + 1
    }

    /// The share of the rows read so far, 0 to 1.
    pub fn fraction_read(&self) -> f64 {
        match self.range.height() {
            0 => 1.0,
            h => self.next as f64 / h as f64,
        }
    }

    /// Reads the next row into `record`, its cells up to the last one that
    /// is not empty, with its 1-based sheet row as the record's line; false
    /// after the last row.
    pub fn read(&mut self, record: &mut csv::ByteRecord) -> bool {
        if self.next >= self.range.height() {
            return false;
        }
        let r = self.next;
        let row = u64::from(self.origin.0) + r as u64 + 1;
        self.next += 1;
        record.clear();
        let cell = |j: usize| self.range.get((r, j)).unwrap_or(&Data::Empty);
        let used = (0..self.range.width())
            .rev()
            .find(|j| !is_blank(cell(*j)))
            .map_or(0, |j| j + 1);
        for j in 0..used {
            self.text.clear();
            cell_text(cell(j), &mut self.text);
            record.push_field(self.text.as_bytes());
        }
        let mut position = csv::Position::new();
        position.set_line(row);
        record.set_position(Some(position));
        true
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The text of a cell as a person reads it on screen: a number in its
/// shortest decimal form (`1` not `1.0`, `0.8`), a date `YYYY-MM-DD`, a
/// boolean `true`/`false`, an error as Excel shows it (`#N/A`).
fn cell_text(cell: &Data, out: &mut String) {
    use std::fmt::Write;
    match cell {
        Data::Empty => {}
        Data::String(s) => out.push_str(s),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => out.push_str(&number_text(*f)),
        Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            let _ = write!(out, "{y:04}-{m:02}-{day:02}");
        }
        Data::DateTime(d) => out.push_str(&number_text(d.as_f64())),
        // An ISO date (`2024-06-15` or `2024-06-15T00:00:00`): the day.
        Data::DateTimeIso(s) => out.push_str(s.split('T').next().unwrap_or(s)),
        Data::DurationIso(s) => out.push_str(s),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// A float cell as the decimal a person typed: rounded to 15 significant
/// digits, the precision Excel shows, then written in its shortest form, so
/// that `0.1 + 0.2` is `0.3` and `1539.42` is `1539.42`, never
/// `1539.4200000000001`.
pub fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    Decimal::from_scientific(&format!("{f:.14e}"))
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| f.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(1234.0), "1234");
        assert_eq!(number_text(0.8), "0.8");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(1539.42), "1539.42");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(0.33), "0.33");
        assert_eq!(number_text(971.0), "971");
        assert_eq!(number_text(0.048726), "0.048726");
    }

    #[test]
    fn sheet_targets() {
        let t = |p: &str| target(Path::new(p));
        assert_eq!(
            t("a/effectifs.xlsx"),
            Some(("a/effectifs.xlsx".into(), None))
        );
        assert_eq!(
            t("a/effectifs.XLSX#2024"),
            Some(("a/effectifs.XLSX".into(), Some("2024".into())))
        );
        assert_eq!(
            t("a/b.ods#Feuille 1").unwrap().1.as_deref(),
            Some("Feuille 1")
        );
        assert_eq!(t("a/workforce.csv"), None);
        assert_eq!(t("a/work#force.csv"), None);
        assert_eq!(file_part(Path::new("e.xls#x")), PathBuf::from("e.xls"));
    }
}
