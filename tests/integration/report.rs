//! `revalo report`: the HTML page and the SVG map on the hand case, its
//! errors, and the default report rendered in a real headless Chromium.

use crate::util::{root, Case};
use std::path::Path;
use std::process::Command;

const HAND: &str = "hand-case";

/// Elements whose class list holds `class`.
fn with_class<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|x| x == class))
        })
        .collect()
}

fn title_of(node: &roxmltree::Node<'_, '_>) -> String {
    node.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .unwrap_or_default()
        .to_string()
}

/// The map of the hand case: one coloured shape for each of its three
/// départements (01, 2A, 971), the other 98 hatched "no data", a legend in
/// euros, and hover titles with the figures of the hand derivation.
#[test]
fn svg_map_has_one_coloured_shape_per_departement_with_data() {
    let case = Case::fixture(HAND).command_line("report scenario.toml --format svg");
    let out = case.run();
    out.success();
    let doc = roxmltree::Document::parse(&out.stdout).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let shapes = with_class(&doc, "frmap-dep");
    assert_eq!(shapes.len(), 101);
    let coloured: Vec<_> = shapes
        .iter()
        .filter(|n| n.attribute("fill").is_some_and(|f| f.starts_with('#')))
        .collect();
    let mut codes: Vec<&str> = coloured
        .iter()
        .filter_map(|n| n.attribute("data-code"))
        .collect();
    codes.sort();
    assert_eq!(codes, ["01", "2A", "971"]);
    // Hand case README: delta_cost 2024 of 01 = 3 004,85 €, État 1 973,81 €.
    let ain = coloured
        .iter()
        .find(|n| n.attribute("data-code") == Some("01"))
        .unwrap();
    let title = title_of(ain);
    assert!(title.starts_with("Ain (01)\n"), "{title}");
    assert!(
        title.contains("Surcoût 2024\u{a0}: 3\u{202f}004,85\u{a0}€"),
        "{title}"
    );
    assert!(
        title.contains("dont État : 1\u{202f}973,81\u{a0}€"),
        "{title}"
    );
    let legend = with_class(&doc, "frmap-legend-class");
    assert!(legend.len() >= 3, "a class per value and a no-data entry");
    assert!(out.stdout.contains("Pas de donnée"));
    assert!(out.stdout.contains("Guadeloupe"));
    assert!(!out.stdout.contains("<script"));
}

/// The page: one file, no script, nothing fetched, French numbers, the
/// tables and the assumptions with checksums.
#[test]
fn html_page_is_self_contained_with_tables_and_assumptions() {
    let case = Case::fixture(HAND)
        .command_line("report scenario.toml --metric delta_cost_per_fte --out out/r.html");
    std::fs::create_dir(case.path().join("out")).unwrap();
    case.run().success().stdout_is("");
    let html = case.read("out/r.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"));
    for forbidden in ["src=", "href=", "@import", "url(http", "<link"] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    // Only the SVG namespace names a web address.
    let addresses = html.matches("http").count();
    assert_eq!(
        addresses,
        html.matches("http://www.w3.org/2000/svg").count()
    );
    assert!(html.contains("@media print"));
    for id in [
        "table-year",
        "table-region",
        "table-top",
        "table-measures",
        "table-parameters",
        "table-files",
        "chart-payers",
        "chart-measure-1",
        "chart-measure-2",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    // The year's total delta_cost, 3 004,85 + 4 927,99 + 9,12
    // (expected_departement_year.csv), in French.
    assert!(html.contains("7\u{202f}941,96\u{a0}€"), "total delta_cost");
    // 01: 3 004,85 € / 0,75 ETP = 4 006,47 €/ETP.
    assert!(html.contains("4\u{202f}006,47\u{a0}€/ETP"));
    // Checksums of the data files.
    let scenario = std::fs::read(case.path().join("scenario.toml")).unwrap();
    let sha = revalo::input::source::sha256_hex(&scenario);
    assert!(html.contains(&sha));
    assert!(html.contains("workforce.csv"));
    assert!(html.contains("c1.csv"));
    assert!(html.contains("0,2311") || html.contains("employee_rate"));
    // Nothing else is left in the folder (atomic write).
    assert_eq!(
        std::fs::read_dir(case.path().join("out")).unwrap().count(),
        1
    );
}

#[test]
fn html_needs_an_output_file() {
    Case::fixture(HAND)
        .command_line("report scenario.toml")
        .run()
        .code(2)
        .stderr_has("--out FILE.html");
}

#[test]
fn unknown_metric_and_unknown_payer_are_usage_errors() {
    Case::fixture(HAND)
        .command_line("report scenario.toml --metric cost --format svg")
        .run()
        .code(2)
        .stderr_has("delta_cost_per_inhabitant");
    Case::fixture(HAND)
        .command_line("report scenario.toml --metric share_region --format svg")
        .run()
        .code(2)
        .stderr_has("share_etat, share_departement, share_assurance_maladie");
}

/// Chromium, or why the test cannot run.
fn chromium() -> Option<String> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        if let Some(path) = found.filter(|p| !p.is_empty()) {
            return Some(path);
        }
    }
    None
}

/// Screenshots `html` with headless Chromium into `png`.
fn screenshot(browser: &str, html: &Path, png: &Path, size: &str) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("--window-size={size}"))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        png.is_file(),
        "chromium wrote no screenshot\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Decoded RGB pixels, with the width.
fn pixels(png_path: &Path) -> (usize, usize, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width as usize, info.height as usize, pixels)
}

fn hex(colour: &str) -> [u8; 3] {
    let v = u32::from_str_radix(colour.trim_start_matches('#'), 16).unwrap();
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

/// The default report opened in a real browser, as a reader would: the map
/// is drawn (not blank) in at least four classes of the palette. Ignored by
/// a plain `cargo test` (a machine with only Rust has no browser); `.ci/run`
/// installs Chromium and runs it with `cargo test -- --ignored`, where a
/// missing browser fails the test. REVALO_BLESS=1 also saves the
/// screenshot as docs/report.png.
#[test]
#[ignore = "needs Chromium (/usr/bin/chromium): run with `cargo test -- --ignored`, as .ci/run does"]
fn default_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        panic!(
            "this test needs Chromium to render the report: install it with \
             `apt-get install -y chromium` (Debian/Ubuntu)"
        );
    };
    let case = Case::new().command_line("report --out report.html");
    // The default scenario is the shipped one, from any folder.
    case.run().success();
    let html = case.path().join("report.html");
    let png_path = case.path().join("report.png");
    screenshot(&browser, &html, &png_path, "1200,2000");
    let (width, height, pixels) = pixels(&png_path);
    assert_eq!((width, height), (1200, 2000));

    // The map band: below the key figures, above the charts.
    let band = |y: usize| (380..1080).contains(&y);
    let mut counts = std::collections::BTreeMap::new();
    let mut not_white = 0usize;
    let mut total = 0usize;
    for (i, p) in pixels.iter().enumerate() {
        if !band(i / width) {
            continue;
        }
        total += 1;
        if *p != [255, 255, 255] {
            not_white += 1;
        }
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    assert!(
        not_white * 10 > total,
        "the map area is blank: {not_white} of {total} pixels not white"
    );
    let palette = [
        "#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c",
    ];
    let shown: Vec<(&str, usize)> = palette
        .iter()
        .map(|c| (*c, counts.get(&hex(c)).copied().unwrap_or(0)))
        .collect();
    let classes = shown.iter().filter(|(_, n)| *n >= 300).count();
    assert!(
        classes >= 4,
        "the map shows fewer than 4 colours of the palette: {shown:?}"
    );
    let grey = |p: &[u8; 3]| p[0] == p[1] && p[1] == p[2];
    let colours = counts
        .iter()
        .filter(|(p, n)| !grey(p) && **n >= 300)
        .count();
    assert!(colours >= 4, "{colours} distinct non-grey colours");

    if std::env::var("REVALO_BLESS").is_ok_and(|v| v == "1") {
        std::fs::copy(&png_path, root().join("docs/report.png")).unwrap();
    }
}

/// `--set` on report: the hand case with a-net at 200 € net. Employee A's
/// a-net cost becomes 3187.50 (9 × 250.00 + 6 × 100.00 + 3 × 112.50), so
/// Ain's total is 3187.50 + 88.28 (b-pv) = 3 275,78 € (French formatting,
/// narrow no-break space); the assumptions show the overridden amount.
#[test]
fn report_takes_set_overrides() {
    let case = Case::fixture("hand-case")
        .command_line("report scenario.toml --set measure.a-net.amount=200 --out r.html");
    case.run().success();
    let html = case.read("r.html");
    assert!(
        html.contains("200,00"),
        "the overridden amount is in the assumptions"
    );
    Case::fixture("hand-case")
        .command_line("report scenario.toml --set measure.nope.amount=1 --out r.html")
        .run()
        .code(2)
        .stderr_has("--set measure.nope.amount=1");
}
