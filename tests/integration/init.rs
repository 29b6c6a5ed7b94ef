//! `revalo init`: a starter folder that `simulate` runs at once, with its
//! figures derived by hand; a workforce template in the French Excel
//! dialect and as a workbook; nothing ever overwritten.

use crate::util::{csv_rows, Case};

/// The row of `rows` for département `d` and year `y`, by column name.
fn row<'a>(rows: &'a [Vec<String>], d: &str, y: &str) -> impl Fn(&str) -> &'a str {
    let header = &rows[0];
    let found = rows
        .iter()
        .find(|r| r[0] == d && r[1] == y)
        .unwrap_or_else(|| panic!("no row {d} {y}"));
    move |column| {
        let i = header.iter().position(|h| h == column).unwrap();
        found[i].as_str()
    }
}

/// The starter scenario (100 € gross a month for socio-educational staff
/// from 2025-01, 2/3 État, 1/3 département) on the three example rows,
/// with the shipped grids and parameters:
///
/// - E001, éducateur spécialisé CCN 66 (69), full time, seniority from
///   2015-09-01: 112 to 123 months in 2025, echelon 6 (108 months),
///   coefficient 570, complement 9.21 %, point 3.82: B = round(570 × 3.82
///   × 1.0921) = round(2377.93854) = 2377.94; base 2025 = 12 × 2377.94 =
///   28 535.28; Δgross = 12 × 100.00 = 1 200.00. Flat model: employer rate
///   0.48896 to April, 0.48846 from May 2025 (parameters/flat.csv):
///   4 × round(48.896) + 8 × round(48.846) = 4 × 48.90 + 8 × 48.85 =
///   586.40; Δcost 1 786.40, État round(2/3 × 1 786.40) = 1 190.93,
///   département the remainder 595.47.
/// - E002, aide-soignant (soins): not eligible, so 69 counts E001 alone.
/// - E003, moniteur-éducateur CCN 51 (13), half time, leaves 2025-06-30:
///   Δgross = 6 × round(100 × 0.5) = 300.00, fte = 0.5 × 6 ÷ 12 = 0.25;
///   flat: 4 × round(24.448) + 2 × round(24.423) = 97.80 + 48.84 = 146.64.
#[test]
fn the_starter_folder_runs_at_once_with_figures_derived_by_hand() {
    let case = Case::new().command_line("init projet");
    case.run()
        .success()
        .stdout_has("wrote projet/scenario.toml, projet/effectifs.csv, projet/effectifs.xlsx, projet/LISEZMOI.txt\n")
        .stdout_has("  revalo simulate projet/scenario.toml\n");
    let run = |extra: &str| {
        let out = Case::in_dir(case.path())
            .command_line(&format!(
                "simulate projet/scenario.toml --format csv{extra}"
            ))
            .run();
        out.success();
        csv_rows(&out.stdout)
    };
    // The scenario's own model (detailed): the gross figures do not depend
    // on it.
    let detailed = run("");
    assert_eq!(detailed.len(), 4, "13/2025, 69/2025, 69/2026");
    let e001 = row(&detailed, "69", "2025");
    assert_eq!(
        [
            e001("employees"),
            e001("fte"),
            e001("base_gross"),
            e001("delta_gross")
        ],
        ["1", "1.00", "28535.28", "1200.00"]
    );
    let flat = run(" --set payroll=flat");
    let e001 = row(&flat, "69", "2025");
    assert_eq!(
        [
            e001("delta_employer"),
            e001("delta_cost"),
            e001("share_etat"),
            e001("share_departement")
        ],
        ["586.40", "1786.40", "1190.93", "595.47"]
    );
    let e003 = row(&flat, "13", "2025");
    assert_eq!(
        [e003("fte"), e003("delta_gross"), e003("delta_employer")],
        ["0.25", "300.00", "146.64"]
    );
    Case::in_dir(case.path())
        .command_line("validate projet/scenario.toml")
        .run()
        .success()
        .stdout_has("0 errors, 0 warnings");
}

/// The CSV template is what a French Excel saves: BOM, `;`, decimal
/// comma, `DD/MM/YYYY`, CRLF; the scenario comments every key in French.
#[test]
fn the_templates_are_in_the_french_excel_dialect() {
    let case = Case::new().command_line("init");
    case.run()
        .success()
        .stdout_has("  revalo simulate scenario.toml\n");
    let csv = std::fs::read(case.path().join("effectifs.csv")).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("\u{feff}Matricule;Département;CCN;Emploi;ETP;"));
    assert_eq!(text.matches("\r\n").count(), 4);
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(text.contains("E002;69;ccn66;AS;0,8;15/03/2021;;;etat\r\n"));
    let scenario = case.read("scenario.toml");
    let mut previous = "";
    for line in scenario.lines() {
        let key = line.split('=').next().unwrap().trim();
        if line.contains(" = ") && !line.starts_with('#') {
            assert!(previous.starts_with('#'), "`{key}` has no comment above it");
        }
        previous = line;
    }
    assert!(case
        .read("LISEZMOI.txt")
        .contains("revalo report scenario.toml"));
}

/// The workbook template holds the same headers and rows, dates as dates.
#[test]
fn the_workbook_template_has_the_same_rows() {
    use calamine::{Data, Reader, Xlsx};
    let case = Case::new().command_line("init");
    case.run().success();
    let mut book: Xlsx<_> = calamine::open_workbook(case.path().join("effectifs.xlsx")).unwrap();
    let sheet = book.worksheet_range("effectifs").unwrap();
    let csv = case.read("effectifs.csv");
    let csv_header: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(';')
        .collect();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, csv_header);
    assert_eq!(sheet.height(), 4);
    let e003 = sheet.rows().nth(3).unwrap();
    assert_eq!(e003[0], Data::String("E003".into()));
    assert_eq!(e003[4], Data::Float(0.5));
    // 2025-06-30 is Excel's day 45 838: 2024-01-01 is 45 292, + 366 days
    // of 2024, + 180 days from 1 January to 30 June 2025.
    assert!(
        matches!(&e003[7], Data::DateTime(d) if d.as_f64() == 45_838.0),
        "{:?}",
        e003[7]
    );
}

/// An existing file stops `init` before anything is written, and is left
/// as it was.
#[test]
fn init_never_overwrites_a_file() {
    let case = Case::new()
        .write("projet/effectifs.csv", "mine")
        .command_line("init projet");
    case.run()
        .code(2)
        .stderr_has("`projet/effectifs.csv` exists: revalo init never overwrites a file");
    assert_eq!(case.read("projet/effectifs.csv"), "mine");
    let left: Vec<_> = std::fs::read_dir(case.path().join("projet"))
        .unwrap()
        .collect();
    assert_eq!(left.len(), 1, "nothing else written");
}
