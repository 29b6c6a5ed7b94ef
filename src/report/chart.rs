//! Bar charts as inline SVG for `revalo report`: the cost per year stacked by
//! payer, and the cost per year of one measure. No script: each segment
//! carries a `<title>` with its exact amount, shown on hover. Amounts stay
//! `Decimal`; only pixel positions are `f64`.

use super::fmt::{escape_xml_keep_apostrophe, report_euros, report_number, with_unit};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Series colours: alternating dark, middle and light so that neighbouring
/// segments stay distinct in grey and for colour-blind readers.
pub const SERIES_COLOURS: [&str; 6] = [
    "#08519c", "#f28e2b", "#9ecae1", "#54278f", "#fdd0a2", "#41ab5d",
];

/// One stacked series: its name and one value per category.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Shown in the legend and the hover titles.
    pub name: String,
    /// One value per category.
    pub values: Vec<Decimal>,
}

/// An axis step of 1, 2, 2.5 or 5 × 10ⁿ giving at most 6 ticks up to `max`.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * magnitude >= raw {
            return m * magnitude;
        }
    }
    10.0 * magnitude
}

/// A compact French amount for axes and bar labels: `540,2 M€`, `12 k€`.
pub fn compact_eur(value: Decimal) -> String {
    let abs = value.abs();
    let (divisor, suffix) = if abs >= Decimal::from(1_000_000_000) {
        (Decimal::from(1_000_000_000), "Md€")
    } else if abs >= Decimal::from(1_000_000) {
        (Decimal::from(1_000_000), "M€")
    } else if abs >= Decimal::from(1_000) {
        (Decimal::from(1_000), "k€")
    } else {
        (Decimal::ONE, "€")
    };
    let scaled = value / divisor;
    let decimals = if scaled.abs() >= Decimal::from(100) || scaled.fract().is_zero() {
        0
    } else {
        1
    };
    with_unit(&report_number(scaled, decimals), suffix)
}

const WIDTH: f64 = 720.0;
const PLOT_LEFT: f64 = 78.0;
const PLOT_TOP: f64 = 44.0;
const PLOT_HEIGHT: f64 = 220.0;
const PLOT_RIGHT: f64 = 190.0;

/// Stacked bars: one bar per category, one segment per series (negative
/// values are drawn as 0; charts of a cost are expected to be positive).
/// `title` is printed above, `id` names the chart for tests and styles.
pub fn stacked_bars(id: &str, title: &str, categories: &[String], series: &[Series]) -> String {
    let height = PLOT_TOP + PLOT_HEIGHT + 40.0;
    let totals = bar_totals(categories.len(), series);
    let axis = Axis::up_to(totals.iter().copied().max().unwrap_or_default());
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{id}\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{t}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif\">",
        t = escape_xml_keep_apostrophe(title)
    );
    let _ = write!(
        s,
        "<title>{t}</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><text x=\"8\" y=\"22\" font-size=\"15\" font-weight=\"bold\" fill=\"#111\">{t}</text>",
        t = escape_xml_keep_apostrophe(title)
    );
    write_grid(&mut s, &axis);
    write_bars(&mut s, &axis, categories, series, &totals);
    if series.len() > 1 {
        write_legend(&mut s, series);
    }
    s.push_str("</svg>");
    s
}

/// The height of each bar: the sum of its positive segments.
fn bar_totals(categories: usize, series: &[Series]) -> Vec<Decimal> {
    (0..categories)
        .map(|i| {
            series
                .iter()
                .map(|s| {
                    s.values
                        .get(i)
                        .copied()
                        .unwrap_or_default()
                        .max(Decimal::ZERO)
                })
                .sum()
        })
        .collect()
}

/// The value axis: its tick step, its top (a whole number of steps at or
/// above the tallest bar) and the pixels per euro.
struct Axis {
    step: f64,
    top: f64,
    scale: f64,
}

impl Axis {
    fn up_to(max: Decimal) -> Axis {
        let max = max.to_f64().unwrap_or(0.0);
        let step = nice_step(max);
        let top = if max > 0.0 {
            (max / step).ceil() * step
        } else {
            step
        };
        Axis {
            step,
            top,
            scale: PLOT_HEIGHT / top,
        }
    }
}

/// The width of the plot area.
const PLOT_WIDTH: f64 = WIDTH - PLOT_LEFT - PLOT_RIGHT;

/// One horizontal line and label per tick, the base line darker.
fn write_grid(s: &mut String, axis: &Axis) {
    let ticks = (axis.top / axis.step).round() as usize;
    for k in 0..=ticks {
        let value = axis.step * k as f64;
        let y = PLOT_TOP + PLOT_HEIGHT - value * axis.scale;
        let label = compact_eur(
            Decimal::from_f64_retain(value)
                .unwrap_or_default()
                .round_dp(2),
        );
        let _ = write!(
            s,
            "<line x1=\"{PLOT_LEFT}\" x2=\"{x2:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{c}\" stroke-width=\"1\"/><text x=\"{lx:.1}\" y=\"{ty:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{label}</text>",
            x2 = PLOT_LEFT + PLOT_WIDTH,
            c = if k == 0 { "#333" } else { "#ddd" },
            lx = PLOT_LEFT - 6.0,
            ty = y + 4.0,
        );
    }
}

/// Per category, its segments bottom up (each titled with its exact
/// amount), its total above and its name below.
fn write_bars(
    s: &mut String,
    axis: &Axis,
    categories: &[String],
    series: &[Series],
    totals: &[Decimal],
) {
    let slot = PLOT_WIDTH / categories.len().max(1) as f64;
    let bar = (slot * 0.62).min(70.0);
    for (i, category) in categories.iter().enumerate() {
        let x = PLOT_LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = PLOT_TOP + PLOT_HEIGHT;
        for (j, serie) in series.iter().enumerate() {
            let value = serie.values.get(i).copied().unwrap_or_default();
            let h = value.max(Decimal::ZERO).to_f64().unwrap_or(0.0) * axis.scale;
            if h <= 0.0 {
                continue;
            }
            y -= h;
            let _ = write!(
                s,
                "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.8\"><title>{t}</title></rect>",
                fill = SERIES_COLOURS[j % SERIES_COLOURS.len()],
                t = escape_xml_keep_apostrophe(&format!("{category} — {} : {}", serie.name, report_euros(value, 2))),
            );
        }
        let _ = write!(
            s,
            "<text x=\"{cx:.1}\" y=\"{ty:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#111\">{v}</text><text x=\"{cx:.1}\" y=\"{ly:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#111\">{c}</text>",
            cx = x + bar / 2.0,
            ty = y - 5.0,
            v = escape_xml_keep_apostrophe(&compact_eur(totals[i])),
            ly = PLOT_TOP + PLOT_HEIGHT + 18.0,
            c = escape_xml_keep_apostrophe(category),
        );
    }
}

/// Right of the plot: each series' colour, name and total.
fn write_legend(s: &mut String, series: &[Series]) {
    let lx = WIDTH - PLOT_RIGHT + 18.0;
    for (j, serie) in series.iter().enumerate() {
        let ly = PLOT_TOP + 6.0 + 24.0 * j as f64;
        let total: Decimal = serie.values.iter().copied().sum();
        let _ = write!(
            s,
            "<g class=\"chart-legend\"><rect x=\"{lx:.1}\" y=\"{ly:.1}\" width=\"16\" height=\"16\" fill=\"{fill}\" stroke=\"#555\" stroke-width=\"0.5\"/><text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"12\" fill=\"#111\">{n}</text><text x=\"{tx:.1}\" y=\"{ty2:.1}\" font-size=\"10\" fill=\"#555\">{v}</text></g>",
            fill = SERIES_COLOURS[j % SERIES_COLOURS.len()],
            tx = lx + 22.0,
            ty = ly + 9.0,
            ty2 = ly + 20.0,
            n = escape_xml_keep_apostrophe(&serie.name),
            v = escape_xml_keep_apostrophe(&format!("total {}", compact_eur(total))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn compact_amounts() {
        assert_eq!(compact_eur(d("540200000")), "540\u{a0}M€");
        assert_eq!(compact_eur(d("54200000")), "54,2\u{a0}M€");
        assert_eq!(compact_eur(d("720000000")), "720\u{a0}M€");
        assert_eq!(compact_eur(d("12000")), "12\u{a0}k€");
        assert_eq!(compact_eur(d("0")), "0\u{a0}€");
        assert_eq!(compact_eur(d("1500000000")), "1,5\u{a0}Md€");
    }

    #[test]
    fn one_segment_per_positive_value_with_exact_titles() {
        let categories = vec!["2024".to_string(), "2025".to_string()];
        let series = vec![
            Series {
                name: "État".into(),
                values: vec![d("1973.81"), d("100")],
            },
            Series {
                name: "Départements".into(),
                values: vec![d("1001.62"), d("0")],
            },
        ];
        let svg = stacked_bars("c", "Coût", &categories, &series);
        roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(svg.matches("class=\"bar\"").count(), 3);
        assert!(svg.contains("2024 — État : 1\u{202f}973,81\u{a0}€"));
        assert_eq!(svg.matches("class=\"chart-legend\"").count(), 2);
        assert!(!svg.contains("NaN"));
        let empty = stacked_bars("e", "Rien", &[], &[]);
        roxmltree::Document::parse(&empty).unwrap();
        assert!(!empty.contains("NaN"));
    }
}
