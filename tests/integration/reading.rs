//! How files are read (docs/formats.md, rules 27–32): messy real-shaped
//! files give the figures of the clean ones to the byte, every column not
//! used is named once on stderr by every command, `strict` makes that an
//! error, spreadsheets are read as their CSV, values carried past their
//! data are said, and every error of the reading is located.

use crate::util::{copy_dir, fixtures, Case, Output};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const HAND: &str = "hand-case";
const MESSY: &str = "messy";

/// The hand case's files, and the messy case's next to them: the messy
/// scenario, with its own grids and parameters, in `messy/`.
fn both() -> Case {
    let case = Case::fixture(HAND);
    copy_dir(&fixtures().join(MESSY), &case.path().join(MESSY));
    case
}

/// `simulate` of the messy scenario with workforce `workforce`: exactly the
/// hand case's figures (tests/fixtures/hand-case/README.md derives them)
/// for both groupings, and nothing on stderr.
#[track_caller]
fn gives_the_hand_case_figures(case: &Case, workforce: &str) {
    for (by, expected) in [
        (
            "departement,measure,year",
            "expected_departement_measure_year.csv",
        ),
        ("departement,year", "expected_departement_year.csv"),
    ] {
        Case::in_dir(case.path())
            .args(&[
                "simulate",
                "messy/scenario.toml",
                "--set",
                &format!("workforce={workforce}"),
                "--by",
                by,
                "--format",
                "csv",
            ])
            .run()
            .success()
            .stdout_is(&case.read(expected))
            .stderr_is("");
    }
}

/// A French Excel save (Windows-1252, CRLF, `;`, decimal comma, French
/// headers with apostrophes, `1` for 01, jobs by their labels, `État`,
/// rows of empty fields at the end) and a UTF-8 file with a BOM (curly
/// apostrophes, `N° salarié`, fte as percentages), read against grids and
/// parameters as messy: the hand case's figures, to the byte.
#[test]
fn messy_csv_files_give_the_clean_figures() {
    let case = both();
    gives_the_hand_case_figures(&case, "effectifs.csv");
    gives_the_hand_case_figures(&case, "effectifs-bom.csv");
}

/// A cell typed into a workbook.
enum Cell {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
    Empty,
}

/// The hand case's rows typed into a workbook, after sheets of notes named
/// `sheets_before`: `Département` 1 and 971 as numbers, dates as date
/// cells, fte and weights as numbers, the FINESS as text.
fn workbook(sheets_before: &[&str], sheet: &str) -> Vec<u8> {
    use Cell::{Date, Empty, Number, Text};
    let mut book = Workbook::new();
    for name in sheets_before {
        let notes = book.add_worksheet();
        notes.set_name(*name).unwrap();
        notes.write_string(0, 0, "Effectifs au 31/12/2024").unwrap();
    }
    let dates = Format::new().set_num_format("dd/mm/yyyy");
    let s = book.add_worksheet();
    s.set_name(sheet).unwrap();
    let rows: [[Cell; 11]; 4] = [
        [
            Text("Matricule"),
            Text("Département"),
            Text("CCN"),
            Text("Métier"),
            Text("ETP"),
            Text("Date d'ancienneté"),
            Text("Date d'entrée"),
            Text("Date de sortie"),
            Text("Financeur"),
            Text("FINESS"),
            Text("Poids"),
        ],
        [
            Text("A"),
            Number(1.0),
            Text("c1"),
            Text("ES"),
            Number(1.0),
            Date(2023, 6, 15),
            Empty,
            Empty,
            Text("etat"),
            Empty,
            Empty,
        ],
        [
            Text("B"),
            Text("2A"),
            Text("c1"),
            Text("ES"),
            Number(0.8),
            Date(2024, 2, 29),
            Date(2024, 4, 16),
            Date(2024, 11, 30),
            Text("departement"),
            Text("2A0000001"),
            Number(2.5),
        ],
        [
            Text("C"),
            Number(971.0),
            Text("c1"),
            Text("Secrétaire"),
            Number(0.33),
            Date(2023, 10, 31),
            Date(2024, 11, 30),
            Date(2024, 12, 31),
            Empty,
            Empty,
            Number(1.0),
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Text(t) => s.write_string(r, c, *t).map(|_| ()),
                Number(n) => s.write_number(r, c, *n).map(|_| ()),
                Date(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    s.write_datetime_with_format(r, c, date, &dates).map(|_| ())
                }
                Empty => Ok(()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// An `.xlsx` written by rust_xlsxwriter, its first sheet or a named one:
/// the hand case's figures, to the byte.
#[test]
fn an_xlsx_workforce_gives_the_clean_figures() {
    let case = both().write("messy/effectifs.xlsx", workbook(&[], "Effectifs"));
    gives_the_hand_case_figures(&case, "effectifs.xlsx");
    let case = both().write("messy/effectifs.xlsx", workbook(&["Notes"], "2024"));
    gives_the_hand_case_figures(&case, "effectifs.xlsx#2024");
    // A workbook saved under a `.csv` name is still read as a workbook.
    let case = both().write("messy/effectifs.csv", workbook(&[], "Effectifs"));
    gives_the_hand_case_figures(&case, "effectifs.csv");
    // A sheet the workbook lacks.
    let case = both().write("messy/effectifs.xlsx", workbook(&["Notes"], "2024"));
    Case::in_dir(case.path())
        .command_line("simulate messy/scenario.toml --set workforce=effectifs.xlsx#2023")
        .run()
        .code(2)
        .stderr_has(
            "effectifs.xlsx: no sheet `2023` in the workbook (its sheets: `Notes`, `2024`)",
        );
}

/// Errors in a sheet name the sheet, the row and the column letter.
#[test]
fn errors_in_a_sheet_name_its_cell() {
    let mut book = Workbook::new();
    let mut s = book.add_worksheet();
    s.set_name("Effectifs").unwrap();
    let rows: [[&str; 6]; 4] = [
        [
            "id",
            "departement",
            "convention",
            "job",
            "fte",
            "seniority_date",
        ],
        ["A", "01", "c1", "ES", "1", "2023-06-15"],
        ["B", "01", "c1", "ES", "1", "2023-06-15"],
        ["C", "01", "c1", "ES", "1.5", "2023-06-15"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let case = Case::fixture(HAND)
        .write("effectifs.xlsx", book.save_to_buffer().unwrap())
        .edit("scenario.toml", "workforce.csv", "effectifs.xlsx");
    case.simulate_fails_with(
        "effectifs.xlsx:Effectifs!E4: invalid value `1.5` in column `fte` (expected a decimal working time with 0 < fte ≤ 1)",
    );
    // A value right of the header's last column would not be read.
    s = book.worksheet_from_name("Effectifs").unwrap();
    s.write_string(3, 4, "1").unwrap();
    s.write_string(2, 7, "à voir").unwrap();
    let case = Case::fixture(HAND)
        .write("effectifs.xlsx", book.save_to_buffer().unwrap())
        .edit("scenario.toml", "workforce.csv", "effectifs.xlsx");
    case.simulate_fails_with(
        "effectifs.xlsx:Effectifs!H3: a value beyond the header's last column",
    );
}

/// A minimal OpenDocument spreadsheet of `rows`, typed: numbers as floats,
/// `YYYY-MM-DD` as dates.
fn ods(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write;
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    xml.push_str(&format!(r#"<table:table table:name="{sheet}">"#));
    for row in rows {
        xml.push_str("<table:table-row>");
        for cell in *row {
            let date = cell.len() == 10 && cell.as_bytes()[4] == b'-';
            if cell.is_empty() {
                xml.push_str("<table:table-cell/>");
            } else if date {
                xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="date" office:date-value="{cell}"><text:p>{cell}</text:p></table:table-cell>"#
                ));
            } else if cell.parse::<f64>().is_ok() {
                xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{cell}"><text:p>{cell}</text:p></table:table-cell>"#
                ));
            } else {
                xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{cell}</text:p></table:table-cell>"#
                ));
            }
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// An `.ods` workforce, and an `.ods` grid in place of `c1.csv`: the hand
/// case's figures.
#[test]
fn ods_workforce_and_grid_give_the_clean_figures() {
    let workforce: &[&[&str]] = &[
        &[
            "id",
            "departement",
            "convention",
            "job",
            "fte",
            "seniority_date",
            "start_date",
            "end_date",
            "funder",
            "establishment",
            "weight",
        ],
        &[
            "A",
            "1",
            "c1",
            "ES",
            "1",
            "2023-06-15",
            "",
            "",
            "etat",
            "",
            "",
        ],
        &[
            "B",
            "2A",
            "c1",
            "ES",
            "0.8",
            "2024-02-29",
            "2024-04-16",
            "2024-11-30",
            "departement",
            "2A0000001",
            "2.5",
        ],
        &[
            "C",
            "971",
            "c1",
            "SEC",
            "0.33",
            "2023-10-31",
            "2024-11-30",
            "2024-12-31",
            "",
            "",
            "1",
        ],
    ];
    let grid: &[&[&str]] = &[
        &[
            "Emploi",
            "Libellé",
            "Filière",
            "Échelon",
            "Ancienneté en mois",
            "Coefficient",
            "Complément",
        ],
        &["ES", "Educateur", "socio-educatif", "1", "0", "400", "10"],
        &["ES", "Educateur", "socio-educatif", "2", "12", "450", "10"],
        &["SEC", "Secretaire", "administratif", "1", "0", "300", ""],
    ];
    let case = both()
        .write("messy/effectifs.ods", ods("Feuille1", workforce))
        .write("messy/grilles/c1.ods", ods("Grille", grid));
    std::fs::remove_file(case.path().join("messy/grilles/c1.csv")).unwrap();
    gives_the_hand_case_figures(&case, "effectifs.ods");
}

/// The hand case with its `end_date` column renamed `Sortie prévue`: a
/// column the reader does not know, next to nothing it knows.
fn with_an_unknown_column() -> Case {
    Case::fixture(HAND).edit("workforce.csv", ",end_date,", ",Sortie prévue,")
}

const UNUSED: &str = "workforce.csv:1:8: warning: column `Sortie prévue` is not used (did you mean `end_date`?); known columns: id, departement, convention, job, fte, seniority_date, start_date, end_date, funder, establishment, weight, employer_size, at_mp_rate, taxe_salaires\n";

/// Every command that reads the workforce names the column not used on
/// stderr, once (not once per row, nor once per grouping of `report`, nor
/// once per side of `compare`), and still does its work.
#[test]
fn every_command_names_a_column_not_used_once() {
    for line in [
        "simulate scenario.toml --format csv",
        "simulate scenario.toml --format csv --parse-only",
        "compare scenario.toml scenario.toml --format csv",
        "explain scenario.toml --employee A --format csv",
        "report scenario.toml --out report.html",
        "check scenario.toml --baseline expected_departement_year.csv --bless",
    ] {
        let out = with_an_unknown_column().command_line(line).run();
        out.success().stderr_is(UNUSED);
    }
    let out = with_an_unknown_column()
        .command_line("validate scenario.toml")
        .run();
    out.success()
        .stdout_has(UNUSED.strip_suffix('\n').unwrap())
        // The second warning: the hand case's flat parameters give no SMIC,
        // so the floor is not applied (docs/formats.md, rule 33).
        .stdout_has("0 errors, 2 warnings");
}

/// `--strict`, or `strict = true` in the scenario: the warning is an
/// error, exit 2, and no output file.
#[test]
fn strict_makes_a_column_not_used_an_error() {
    let message = "error: 1 warning is an error under `strict` (the scenario's `strict = true`, or --strict):\nworkforce.csv:1:8: column `Sortie prévue` is not used (did you mean `end_date`?)";
    let out = with_an_unknown_column()
        .command_line("simulate scenario.toml --strict --output out.csv")
        .simulate_strict();
    out.stderr_has(message);
    with_an_unknown_column()
        .edit(
            "scenario.toml",
            "parameters = \"parameters\"",
            "parameters = \"parameters\"\nstrict = true",
        )
        .simulate_fails_with(message);
    for line in [
        "compare scenario.toml scenario.toml --strict",
        "explain scenario.toml --employee A --strict",
        "report scenario.toml --out r.html --strict",
        "check scenario.toml --baseline expected_departement_year.csv --strict",
    ] {
        with_an_unknown_column()
            .command_line(line)
            .run()
            .code(2)
            .stderr_has(message);
    }
    with_an_unknown_column()
        .command_line("validate scenario.toml --strict")
        .run()
        .code(2)
        .stdout_has("workforce.csv:1:8: error: column `Sortie prévue` is not used")
        // Strict turns the reading's warnings into errors; the note that the
        // floor is not applied (no SMIC in the parameters) stays a warning.
        .stdout_has("1 error, 1 warning");
    // Nothing to warn about: strict changes nothing.
    Case::fixture(HAND)
        .command_line("simulate scenario.toml --strict --format csv")
        .prints_file("expected_departement_year.csv");
    let bad = Case::fixture(HAND).edit("scenario.toml", "years", "strict = \"yes\"\nyears");
    bad.simulate_fails_with("scenario.toml:2:10: `strict` must be true or false, not a string");
}

impl Case {
    /// Runs the command, which must fail as bad input does and leave no
    /// `out.csv`.
    #[track_caller]
    fn simulate_strict(self) -> Output {
        let out = self.run();
        out.code(2);
        assert!(
            !self.path().join("out.csv").exists(),
            "an output file was written"
        );
        out
    }
}

/// A grid's other columns (a comment) and a parameters file's `source`
/// are documented as not read: no warning. A workforce's name columns
/// neither.
#[test]
fn documented_columns_are_not_warned_about() {
    Case::fixture(HAND)
        .edit("workforce.csv", "id,", "Nom,Prénom,id,")
        .edit("workforce.csv", "\nA,", "\nMartin,Léa,A,")
        .edit("workforce.csv", "\nB,", "\nDupont,Théo,B,")
        .edit("workforce.csv", "\nC,", "\nDurand,Anaïs,C,")
        .write(
            "parameters/parameters.csv",
            "parameter,sector,effective,value,source\n\
             employee_rate,prive_non_lucratif,2010-01-01,0.2,\"accord, 2010\"\n\
             employer_rate,prive_non_lucratif,2010-01-01,0.4,\n\
             employer_rate,prive_non_lucratif,2024-10-01,0.45,hausse\n",
        )
        .command_line("simulate scenario.toml --format csv")
        .run()
        .success()
        .stdout_is(&Case::fixture(HAND).read("expected_departement_year.csv"))
        .stderr_is("");
}

/// Two headers for one column: the more specific is read, the other named.
#[test]
fn the_more_specific_of_two_headers_is_read() {
    let out = Case::fixture(HAND)
        .edit("workforce.csv", "id,", "Matricule,Salarié,")
        .edit("workforce.csv", "\nA,", "\nA,Martin,")
        .edit("workforce.csv", "\nB,", "\nB,Dupont,")
        .edit("workforce.csv", "\nC,", "\nC,Durand,")
        .command_line("simulate scenario.toml --format csv")
        .run();
    out.success().stderr_is(
        "workforce.csv:1:2: warning: column `Salarié` is not used: `Matricule` (column 1) is read as `id`\n",
    );
}

/// A job given by a label two jobs share is an error listing their codes;
/// an 8-digit FINESS says which zero a spreadsheet dropped.
#[test]
fn a_label_of_two_jobs_and_a_finess_without_its_zero() {
    Case::fixture(HAND)
        .edit("grids/c1.csv", "SEC,Secretaire,", "SEC,Educateur,")
        .edit("workforce.csv", "A,01,c1,ES,", "A,01,c1,Éducateur,")
        .simulate_fails_with("workforce.csv:2:4: invalid value `Éducateur` in column `job` (expected one job of grid `c1`; this label names several, write the code: ES, SEC)");
    Case::fixture(HAND)
        .edit("workforce.csv", "A,01,c1,ES,1,2023-06-15,,,etat,,", "A,01,c1,ES,1,2023-06-15,,,etat,10780054,")
        .simulate_fails_with("workforce.csv:2:10: invalid value `10780054` in column `establishment` (expected a FINESS number of 9 letters or digits, or nothing; a spreadsheet may have dropped its leading zero: 010780054? (format the column as text))");
}

/// A département written as a spreadsheet number is the same
/// département; `--by` takes the keys' French names.
#[test]
fn a_departement_as_a_number_and_french_keys() {
    Case::fixture(HAND)
        .edit("workforce.csv", "A,01,", "A,1.0,")
        .command_line("simulate scenario.toml --format csv --by département,année")
        .prints_file("expected_departement_year.csv");
}

/// A quoted field over two lines, in a CRLF file: the next rows' lines
/// count it.
#[test]
fn line_numbers_count_quoted_line_ends() {
    let case = Case::fixture(HAND);
    let text = case
        .read("workforce.csv")
        .replace("A,01,", "\"A\nbis\",01,")
        .replace("ES,0.8,", "ES,1.8,")
        .replace('\n', "\r\n");
    case.write("workforce.csv", text)
        .simulate_fails_with("workforce.csv:4:5: invalid value `1.8` in column `fte`");
}

/// A workforce line of 2 MiB stops at the cap, located, without reading
/// the rest.
#[test]
fn a_line_past_the_cap_is_an_error() {
    let case = Case::fixture(HAND);
    let text = case
        .read("workforce.csv")
        .replace("\nB,", &format!("\n{}B,", "x".repeat(2 << 20)));
    case.write("workforce.csv", text)
        .simulate_fails_with("workforce.csv:3: a record longer than 1 MiB: not a CSV file, or a line without its end (a quote left open?)");
}

/// A UTF-16 file (Excel's "Unicode text") is named as such.
#[test]
fn a_utf16_file_is_named() {
    let case = Case::fixture(HAND);
    let mut bytes = vec![0xFF, 0xFE];
    for unit in case.read("workforce.csv").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    case.write("workforce.csv", bytes).simulate_fails_with(
        "workforce.csv: a UTF-16 text file (Excel's \"Unicode text\"): save it as \"CSV UTF-8\"",
    );
}

/// A horizon past the data: the hand case's point values and rates go up
/// to 2024; in 2025 each keeps its last value, said once per series at the
/// row of that value, and 2024's figures are unchanged.
#[test]
fn values_carried_past_the_data_are_said() {
    let out = Case::fixture(HAND)
        .command_line("simulate scenario.toml --format csv --set years=2024..2025")
        .run();
    out.success().stderr_is(
        "grids/point_values.csv:3:2: warning: the value of the point of `c1` keeps its last value, 4.10 from 2024-07-01, from 2025-01 to 2025-12: the data go up to 2024 (add values for the years after, or end `years` sooner)\n\
         parameters/parameters.csv:2:3: warning: `employee_rate` for prive_non_lucratif keeps its last value, 0.2 from 2010-01-01, from 2025-01 to 2025-12: the data go up to 2024 (add values for the years after, or end `years` sooner)\n\
         parameters/parameters.csv:4:3: warning: `employer_rate` for prive_non_lucratif keeps its last value, 0.45 from 2024-10-01, from 2025-01 to 2025-12: the data go up to 2024 (add values for the years after, or end `years` sooner)\n",
    );
    let expected = Case::fixture(HAND).read("expected_departement_year.csv");
    for line in expected.lines() {
        assert!(
            out.stdout.contains(line),
            "{line} is not in\n{}",
            out.stdout
        );
    }
    Case::fixture(HAND)
        .command_line("simulate scenario.toml --format csv --set years=2024..2025 --strict")
        .run()
        .code(2)
        .stderr_has("3 warnings are errors under `strict`");
}

/// A Windows path in a double-quoted TOML string: the message says to use
/// single quotes or `/`, whether the backslashes broke the TOML or made
/// a tab of `\t`.
#[test]
fn a_windows_path_in_double_quotes_is_explained() {
    Case::fixture(HAND)
        .edit("scenario.toml", "workforce = \"workforce.csv\"", r#"workforce = "C:\Users\me\workforce.csv""#)
        .simulate_fails_with("scenario.toml:3:18: invalid TOML: ")
        .stderr_has("a Windows path in double quotes reads `\\` as an escape: write it in single quotes ('C:\\Users\\me\\effectifs.csv') or with forward slashes (\"C:/Users/me/effectifs.csv\")");
    Case::fixture(HAND)
        .edit("scenario.toml", "workforce = \"workforce.csv\"", r#"workforce = "C:\temp\new.csv""#)
        .simulate_fails_with("scenario.toml:3:13: `workforce` holds a tab or a line end: a Windows path in double quotes");
}
