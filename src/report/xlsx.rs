//! Excel workbooks (`--format xlsx`), written with rust_xlsxwriter: one sheet
//! per table, numbers stored as numbers with euro formats, a bold frozen
//! header with an autofilter, and a sheet of the scenario's assumptions.
//!
//! The writer takes generic tables ([`Sheet`]: column names and typed
//! cells), so any command's table (the report rows, a comparison's
//! differences) becomes a sheet with one conversion function. Cells hold
//! exact `Decimal`s; the workbook stores IEEE doubles, as every `.xlsx` does,
//! which keeps cents exact at the magnitudes of a budget (< 2⁵³ cents).

use super::assumptions::Assumptions;
use super::{Report, ReportRow};
use crate::domain::Date;
use crate::engine::KeyValue;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};
use std::io::{self, Write};

/// How a number is displayed (the value stays a number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberStyle {
    /// Euros with cents: `1 234,56 €` in a French Excel.
    Euro,
    /// A fixed number of decimals.
    Decimals(u32),
    /// Excel's general format (integers, exact counts, years).
    General,
}

/// One cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(Decimal, NumberStyle),
    /// A date, shown `dd/mm/yyyy`.
    Date(Date),
    /// Nothing.
    Empty,
}

/// A table to write as one worksheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows of cells, as many as columns.
    pub rows: Vec<Vec<Cell>>,
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

fn number_format(style: NumberStyle) -> Format {
    match style {
        NumberStyle::Euro => Format::new().set_num_format("#,##0.00\\ \"€\""),
        NumberStyle::Decimals(0) => Format::new().set_num_format("#,##0"),
        NumberStyle::Decimals(n) => {
            Format::new().set_num_format(format!("#,##0.{}", "0".repeat(n as usize)))
        }
        NumberStyle::General => Format::new(),
    }
}

fn cell_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(t) => t.chars().count(),
        Cell::Number(d, _) => d.trunc().to_string().len() + 6,
        Cell::Date(_) => 10,
        Cell::Empty => 0,
    }
}

/// The workbook's bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDEEBF7))
        .set_border_bottom(FormatBorder::Thin);
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name.as_str())?;
        for (c, name) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, name.as_str(), &header)?;
        }
        let mut widths: Vec<usize> = sheet
            .columns
            .iter()
            .map(|c| c.chars().count() + 3)
            .collect();
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Text(t) => {
                        ws.write_string(r, col, t.as_str())?;
                    }
                    Cell::Number(d, style) => {
                        let value = d.to_f64().unwrap_or(0.0);
                        ws.write_number_with_format(r, col, value, &number_format(*style))?;
                    }
                    Cell::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        let format = Format::new().set_num_format("dd/mm/yyyy");
                        ws.write_datetime_with_format(r, col, &day, &format)?;
                    }
                    Cell::Empty => {}
                }
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell_width(cell) + 1);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w).min(70) as f64)?;
        }
        ws.set_freeze_panes(1, 0)?;
        if !sheet.columns.is_empty() {
            ws.autofilter(
                0,
                0,
                sheet.rows.len() as u32,
                sheet.columns.len() as u16 - 1,
            )?;
        }
    }
    book.save_to_buffer()
}

/// Writes `sheets` as an `.xlsx` workbook.
pub fn write(sheets: &[Sheet], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&workbook(sheets).map_err(xlsx_error)?)
}

/// A report row's cells: keys (a département's name after its code), then
/// figures as numbers.
pub fn row_cells(report: &Report, row: &ReportRow) -> Vec<Cell> {
    let mut cells = Vec::new();
    for key in &row.keys {
        match key {
            KeyValue::Departement(d) => {
                cells.push(Cell::Text(d.code().to_string()));
                cells.push(Cell::Text(d.name().to_string()));
            }
            KeyValue::Year(y) => cells.push(Cell::Number(Decimal::from(*y), NumberStyle::General)),
            KeyValue::Text(t) => cells.push(Cell::Text(t.clone())),
        }
    }
    cells.push(Cell::Number(row.employees, NumberStyle::General));
    cells.push(Cell::Number(row.fte, NumberStyle::Decimals(2)));
    for m in [
        row.base_gross,
        row.delta_gross,
        row.delta_employer,
        row.delta_cost,
    ] {
        cells.push(Cell::Number(m.amount(), NumberStyle::Euro));
    }
    for share in row.shares.iter().take(report.payers.len()) {
        cells.push(Cell::Number(share.amount(), NumberStyle::Euro));
    }
    cells.push(match row.cost_pct_of_base {
        Some(p) => Cell::Number(p, NumberStyle::Decimals(2)),
        None => Cell::Empty,
    });
    cells
}

/// The report's rows as the sheet `résultats`: the CSV columns (with the
/// département's name after its code), no totals row so that filters and
/// sums work.
pub fn report_sheet(report: &Report) -> Sheet {
    let mut columns = Vec::new();
    for (i, name) in report.columns().into_iter().enumerate() {
        let is_departement = report
            .by
            .get(i)
            .is_some_and(|k| *k == crate::domain::GroupBy::Departement);
        columns.push(name);
        if is_departement {
            columns.push("departement_name".to_string());
        }
    }
    Sheet {
        name: "résultats".to_string(),
        columns,
        rows: report.rows.iter().map(|r| row_cells(report, r)).collect(),
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// The assumptions as the sheet `hypothèses`: one line per fact, grouped by
/// section (scénario, mesure, paramètre, fichier).
pub fn assumptions_sheet(a: &Assumptions) -> Sheet {
    let mut rows = vec![
        vec![text("scénario"), text("nom"), text(&a.name), Cell::Empty],
        vec![
            text("scénario"),
            text("horizon"),
            text(&a.horizon()),
            Cell::Empty,
        ],
        vec![
            text("scénario"),
            text("calculé par"),
            text(&a.version),
            Cell::Empty,
        ],
    ];
    if !a.filter.is_empty() {
        rows.push(vec![
            text("scénario"),
            text("effectifs restreints par"),
            text(&format!("--where {}", a.filter)),
            Cell::Empty,
        ]);
    }
    if let Some(shipped) = &a.shipped {
        rows.push(vec![
            text("scénario"),
            text("données"),
            text(shipped),
            text("fichiers <shipped>/… : les mêmes octets que le dossier data/ des sources de revalo"),
        ]);
    }
    for m in &a.measures {
        let until = if m.until.is_empty() { "…" } else { &m.until };
        rows.push(vec![
            text("mesure"),
            text(&m.id),
            text(&m.amount),
            text(&format!(
                "{} ; du {} au {} ; bénéficiaires : {} ; financement : {}",
                m.kind, m.from, until, m.eligible, m.funding
            )),
        ]);
    }
    for p in &a.parameters {
        rows.push(vec![
            text("paramètre"),
            text(&format!("{} ({})", p.parameter, p.sector)),
            Cell::Number(
                p.value,
                NumberStyle::Decimals(p.value.normalize().scale().max(2)),
            ),
            text(&format!("en vigueur au {}", p.effective)),
        ]);
    }
    for f in &a.files {
        rows.push(vec![
            text("fichier"),
            text(&f.path),
            text(&f.sha256),
            text(&format!("{} ; {} octets ; SHA-256", f.role, f.bytes)),
        ]);
    }
    Sheet {
        name: "hypothèses".to_string(),
        columns: ["rubrique", "élément", "valeur", "détail"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rows,
    }
}

/// Group key values as cells: years as numbers, other keys as text.
pub fn key_cells(keys: &[KeyValue]) -> Vec<Cell> {
    keys.iter()
        .map(|k| match k {
            KeyValue::Year(y) => Cell::Number(Decimal::from(*y), NumberStyle::General),
            other => Cell::Text(other.to_string()),
        })
        .collect()
}

/// A comparison's rows as the sheet `comparaison`: the keys, then for each
/// metric its base, variant and difference in euros and its relative
/// difference in percent (empty when the base is 0).
pub fn diff_sheet(report: &super::diff::DiffReport) -> Sheet {
    let rows = report
        .rows
        .iter()
        .map(|row| {
            let mut cells = key_cells(&row.keys);
            for k in 0..report.metrics.len() {
                for m in [row.base[k], row.variant[k], row.difference(k)] {
                    cells.push(Cell::Number(m.amount(), NumberStyle::Euro));
                }
                cells.push(match row.relative(k) {
                    Some(p) => Cell::Number(p, NumberStyle::Decimals(2)),
                    None => Cell::Empty,
                });
            }
            cells
        })
        .collect();
    Sheet {
        name: "comparaison".to_string(),
        columns: report.columns(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn a_workbook_reopens_with_its_numbers_and_text() {
        let sheet = Sheet {
            name: "écarts".into(),
            columns: vec!["code".into(), "montant".into(), "vide".into()],
            rows: vec![
                vec![
                    Cell::Text("01".into()),
                    Cell::Number("3004.85".parse().unwrap(), NumberStyle::Euro),
                    Cell::Empty,
                ],
                vec![
                    Cell::Text("2A".into()),
                    Cell::Number("-0.01".parse().unwrap(), NumberStyle::Decimals(2)),
                    Cell::Empty,
                ],
            ],
        };
        let mut bytes = Vec::new();
        write(&[sheet], &mut bytes).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["écarts"]);
        let range = book.worksheet_range("écarts").unwrap();
        assert_eq!(range.get((0, 1)), Some(&Data::String("montant".into())));
        assert_eq!(range.get((1, 0)), Some(&Data::String("01".into())));
        assert_eq!(range.get((1, 1)), Some(&Data::Float(3004.85)));
        assert_eq!(range.get((2, 1)), Some(&Data::Float(-0.01)));
    }
}
