//! The spreadsheet outputs of `simulate`: an `.xlsx` workbook that reopens
//! (with calamine) with the hand case's figures as numbers, and CSV in the
//! French Excel dialect.

use crate::util::{csv_rows, Case};
use calamine::{Data, Reader, Xlsx};

const HAND: &str = "hand-case";

fn open(path: &std::path::Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

/// The first row of a sheet, as text.
fn header(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The hand case's département × year figures (tests/fixtures/hand-case/
/// README.md): 01 costs 3 004,85 €, of which the State pays 1 973,81 €.
#[test]
fn xlsx_reopens_with_the_figures_as_numbers() {
    let case = Case::fixture(HAND)
        .command_line("simulate scenario.toml --format xlsx --output costs.xlsx");
    case.run().success().stdout_is("");
    let mut book = open(&case.path().join("costs.xlsx"));
    assert_eq!(book.sheet_names(), ["résultats", "hypothèses"]);
    let range = book.worksheet_range("résultats").unwrap();
    let header = header(&range);
    let expected = case.read("expected_departement_year.csv");
    let mut columns = csv_rows(&expected)[0].clone();
    columns.insert(1, "departement_name".to_string());
    assert_eq!(header, columns);
    assert_eq!(range.height(), 4);
    let row = |r: usize| range.rows().nth(r).unwrap().to_vec();
    let ain = row(1);
    assert_eq!(ain[0], Data::String("01".into()));
    assert_eq!(ain[1], Data::String("Ain".into()));
    assert_eq!(ain[2], Data::Float(2024.0));
    assert_eq!(ain[4], Data::Float(0.75));
    assert_eq!(ain[8], Data::Float(3004.85));
    assert_eq!(ain[9], Data::Float(1973.81));
    assert_eq!(ain[12], Data::Float(17.21));
    // Every figure of the CSV is in the workbook, as a number.
    for (r, fields) in csv_rows(&expected).iter().enumerate().skip(1) {
        let cells = row(r);
        for (c, text) in fields.iter().enumerate().skip(2) {
            let value: f64 = text.parse().unwrap();
            assert_eq!(cells[c + 1], Data::Float(value), "row {r}, column {c}");
        }
    }
    let a = book.worksheet_range("hypothèses").unwrap();
    let text: Vec<String> = a.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(text.iter().any(|t| t == "a-net"));
    assert!(text.iter().any(|t| t.contains("etat 2/3, departement 1/3")));
    let scenario = std::fs::read(case.path().join("scenario.toml")).unwrap();
    let sha = revalo::input::source::sha256_hex(&scenario);
    assert!(text.contains(&sha));
}

#[test]
fn xlsx_needs_an_output_file() {
    Case::fixture(HAND)
        .command_line("simulate scenario.toml --format xlsx")
        .run()
        .code(2)
        .stderr_has("--output FILE.xlsx");
    // The extension chooses the format.
    let case = Case::fixture(HAND).command_line("simulate scenario.toml -o c.xlsx");
    case.run().success();
    let mut book = open(&case.path().join("c.xlsx"));
    assert_eq!(book.sheet_names(), ["résultats", "hypothèses"]);
    let range = book.worksheet_range("résultats").unwrap();
    assert_eq!(range.get((3, 0)), Some(&Data::String("971".into())));
}

/// `--excel`: the same columns with `;`, decimal commas and a BOM.
#[test]
fn csv_for_french_excel() {
    let case = Case::fixture(HAND)
        .command_line("simulate scenario.toml --by departement,measure,year --format csv --excel");
    let out = case.run();
    out.success();
    let expected = case.read("expected_departement_measure_year.csv");
    let body = out.stdout.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(lines[0], expected.lines().next().unwrap().replace(',', ";"));
    assert_eq!(
        lines[1],
        "01;a-net;2024;1;0,75;17457,00;2058,75;857,82;2916,57;1944,38;972,19;0,00;16,71"
    );
    assert_eq!(lines.len(), expected.lines().count() + 1, "ends with CRLF");
    // Read back as Excel would, the fields are those of the plain CSV.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body.as_bytes());
    let back: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(|f| f.replace(',', ".")).collect())
        .collect();
    assert_eq!(back, csv_rows(&expected));

    Case::fixture(HAND)
        .command_line("simulate scenario.toml --format json --excel")
        .run()
        .code(2)
        .stderr_has("--excel is a CSV dialect");
}

/// `compare --format xlsx`: the comparison as numbers, and one assumptions
/// sheet per scenario. Base: the hand case; variant: a-net at 200 € net
/// instead of 183 €. For 01 (employee A), a-net's ΔG becomes 200 / 0.8 =
/// 250.00 instead of 228.75; Δgross 9 × 250 = 2250.00 (was 2058.75);
/// Δemployer 6 × 100.00 + 3 × 112.50 = 937.50 (was 857.82); a-net cost
/// 3187.50, plus b-pv's unchanged 88.28: 3275.78 against 3004.85, a
/// difference of 270.93 = 9.02 % of 3004.85 (9.0164… → 9.02).
#[test]
fn compare_xlsx_reopens_with_base_variant_and_difference() {
    let case = Case::fixture(HAND).command_line("compare scenario.toml scenario.toml --set-variant measure.a-net.amount=200 --format xlsx --output compare.xlsx");
    case.run().success();
    let mut book = open(&case.path().join("compare.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["comparaison", "hypothèses base", "hypothèses variante"]
    );
    let range = book.worksheet_range("comparaison").unwrap();
    let header = header(&range);
    assert_eq!(
        header[..6],
        [
            "departement",
            "year",
            "delta_cost_base",
            "delta_cost_variant",
            "delta_cost_diff",
            "delta_cost_diff_pct"
        ]
    );
    let ain = range.rows().nth(1).unwrap().to_vec();
    assert_eq!(ain[0], Data::String("01".into()));
    assert_eq!(ain[2], Data::Float(3004.85));
    assert_eq!(ain[3], Data::Float(3275.78));
    assert_eq!(ain[4], Data::Float(270.93));
    assert_eq!(ain[5], Data::Float(9.02));
}

#[test]
fn compare_csv_for_a_french_excel() {
    let out = Case::fixture(HAND)
        .command_line("compare scenario.toml scenario.toml --set-variant measure.a-net.amount=200 --format csv --excel")
        .run();
    out.success();
    assert!(out.stdout.starts_with('\u{feff}'));
    let second = out.stdout.lines().nth(1).unwrap();
    assert!(
        second.starts_with("01;2024;3004,85;3275,78;270,93;9,02;"),
        "{second}"
    );
}
