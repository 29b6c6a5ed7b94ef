//! Text of the outputs written for people: French number formatting
//! (thousands grouping, decimal comma, the space before a unit) and the
//! escaping of text put into HTML and SVG.
//!
//! The outputs do not all use the same characters, and each keeps its own
//! (a change here changes bytes a reader may have kept):
//!
//! * Thousands: terminal tables (`simulate`, `compare`, `check`, `explain`)
//!   group with an ASCII space ([`SPACE`]); the HTML report, its map and
//!   charts, and the assumptions (also written in the workbook's
//!   `hypothèses` sheet) with U+202F ([`NARROW_NBSP`]), as CLDR `fr` does.
//!   A zero with its sign bit set prints `-0` in a table, `0` in the report.
//! * Units: the report puts U+00A0 ([`NBSP`]) between a number and its
//!   unit; the `compare` table an ASCII space before `%`.
//! * Escaping: the HTML page writes `'` as `&#39;` ([`escape_html`]); the
//!   map as `&apos;` and drops the control characters XML 1.0 forbids
//!   ([`escape_xml`]); the bar charts leave `'` as it is
//!   ([`escape_xml_keep_apostrophe`]). All three are safe in text and in
//!   double-quoted attributes, the only places they are used.
//!
//! CSV and JSON need none of this: the `csv` and `serde_json` crates quote
//! and escape.

use crate::domain::money::round_dp;
use crate::domain::Money;
use rust_decimal::Decimal;

/// U+0020: the thousands separator of terminal tables.
pub const SPACE: char = ' ';
/// U+202F NARROW NO-BREAK SPACE: the thousands separator of the report.
pub const NARROW_NBSP: char = '\u{202F}';
/// U+00A0 NO-BREAK SPACE: between a number and its unit in the report.
pub const NBSP: char = '\u{00A0}';

/// `digits` (ASCII digits only) with `sep` between groups of three from the
/// right: `1234567` → `1 234 567`.
pub fn group_digits(digits: &str, sep: char) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * sep.len_utf8());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    grouped
}

/// `d` rounded half away from zero to `decimals` places, thousands grouped
/// with `sep`, decimal comma, ASCII `-`: `(1234567.891, 2, ' ')` →
/// `1 234 567,89`. A value that rounds to zero from below has no sign
/// (rounding gives a positive zero); a zero that carries a negative sign
/// (`-Decimal::ZERO`) keeps it only with `keep_negative_zero`.
fn french_number(d: Decimal, decimals: u32, sep: char, keep_negative_zero: bool) -> String {
    let rounded = round_dp(d, decimals);
    let sign = if rounded.is_sign_negative() && (keep_negative_zero || !rounded.is_zero()) {
        "-"
    } else {
        ""
    };
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = group_digits(int, sep);
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A number for a terminal table: grouped with an ASCII space; a negative
/// zero is written `-0`, as the table has always written it.
pub fn table_number(d: Decimal, decimals: u32) -> String {
    french_number(d, decimals, SPACE, true)
}

/// Money for a terminal table: two decimals.
pub fn table_money(m: Money) -> String {
    table_number(m.amount(), 2)
}

/// A number for the report (page, map, charts, assumptions): grouped with
/// U+202F; zero never has a sign.
pub fn report_number(d: Decimal, decimals: u32) -> String {
    french_number(d, decimals, NARROW_NBSP, false)
}

/// `number` followed by U+00A0 and `unit`: `12,5 %`, `3 M€`.
pub fn with_unit(number: &str, unit: &str) -> String {
    format!("{number}{NBSP}{unit}")
}

/// An amount in euros for the report: `(1234567.891, 2)` → `1 234 567,89 €`.
pub fn report_euros(d: Decimal, decimals: u32) -> String {
    with_unit(&report_number(d, decimals), "€")
}

/// Escapes `&`, `<`, `>`, `"`, then `'` as `apostrophe` when given, and
/// drops control characters but tab and newline when `drop_controls`.
fn escape(s: &str, apostrophe: Option<&str>, drop_controls: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe.unwrap_or("'")),
            '\n' | '\t' => out.push(c),
            c if drop_controls && (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// Text or a double-quoted attribute of the HTML page: `'` as `&#39;`.
pub fn escape_html(s: &str) -> String {
    escape(s, Some("&#39;"), false)
}

/// Text or a double-quoted attribute of the map's SVG: `'` as `&apos;`,
/// control characters but tab and newline dropped (XML 1.0 forbids them).
pub fn escape_xml(s: &str) -> String {
    escape(s, Some("&apos;"), true)
}

/// Text or a double-quoted attribute of a bar chart's SVG: `'` as it is.
pub fn escape_xml_keep_apostrophe(s: &str) -> String {
    escape(s, None, false)
}

/// The text of an XML attribute value with the five predefined entities
/// replaced (`&amp;` last, so that `&amp;lt;` gives `&lt;`).
pub fn unescape_xml(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn digits_group_by_three_from_the_right() {
        assert_eq!(group_digits("1234567", ' '), "1 234 567");
        assert_eq!(group_digits("123456", ' '), "123 456");
        assert_eq!(group_digits("1000", NARROW_NBSP), "1\u{202f}000");
        assert_eq!(group_digits("999", ' '), "999");
        assert_eq!(group_digits("0", ' '), "0");
        assert_eq!(group_digits("", ' '), "");
    }

    #[test]
    fn table_numbers_group_with_an_ascii_space() {
        // 1234567.891 → 1234567.89 (the 1 thousandth rounds down).
        assert_eq!(table_number(d("1234567.891"), 2), "1 234 567,89");
        assert_eq!(table_number(d("-1234.5"), 2), "-1 234,50");
        assert_eq!(table_number(d("999"), 0), "999");
        assert_eq!(table_number(d("1000"), 0), "1 000");
        // Half away from zero: 0.005 → 0.01, -0.005 → -0.01, 2.5 → 3.
        assert_eq!(table_number(d("0.005"), 2), "0,01");
        assert_eq!(table_number(d("-0.005"), 2), "-0,01");
        assert_eq!(table_number(d("2.5"), 0), "3");
        assert_eq!(table_number(d("-2.5"), 0), "-3");
        // -0.004 rounds to a positive zero: no sign.
        assert_eq!(table_number(d("-0.004"), 2), "0,00");
        // A zero with the sign bit set keeps it here, not in the report.
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        assert_eq!(table_number(negative_zero, 2), "-0,00");
        assert_eq!(report_number(negative_zero, 2), "0,00");
        // Padded to the decimals asked: 12 → 12,00; 0.5 with 3 → 0,500.
        assert_eq!(table_number(d("12"), 2), "12,00");
        assert_eq!(table_number(d("0.5"), 3), "0,500");
    }

    #[test]
    fn report_numbers_group_with_a_narrow_no_break_space() {
        assert_eq!(
            report_number(d("1234567.891"), 2),
            "1\u{202f}234\u{202f}567,89"
        );
        assert_eq!(report_number(d("-1234.5"), 2), "-1\u{202f}234,50");
        // 999.999 → 1000.00: the carry reaches a new group.
        assert_eq!(report_number(d("999.999"), 2), "1\u{202f}000,00");
        assert_eq!(
            report_number(d("1234567.891"), 0),
            "1\u{202f}234\u{202f}568"
        );
    }

    #[test]
    fn euros_put_a_no_break_space_before_the_sign() {
        let cases = [
            ("1234567.891", 2, "1\u{202f}234\u{202f}567,89\u{a0}€"),
            ("1234567.891", 0, "1\u{202f}234\u{202f}568\u{a0}€"),
            ("0", 2, "0,00\u{a0}€"),
            ("0", 0, "0\u{a0}€"),
            // Half away from zero, and no sign on what rounds to zero.
            ("0.005", 2, "0,01\u{a0}€"),
            ("-0.005", 2, "-0,01\u{a0}€"),
            ("-0.004", 2, "0,00\u{a0}€"),
            ("2.5", 0, "3\u{a0}€"),
            ("-2.5", 0, "-3\u{a0}€"),
            ("-1234.5", 2, "-1\u{202f}234,50\u{a0}€"),
            ("999.999", 2, "1\u{202f}000,00\u{a0}€"),
            ("100000", 0, "100\u{202f}000\u{a0}€"),
            ("1000000", 0, "1\u{202f}000\u{202f}000\u{a0}€"),
            ("12", 2, "12,00\u{a0}€"),
            ("123", 0, "123\u{a0}€"),
        ];
        for (value, decimals, text) in cases {
            assert_eq!(report_euros(d(value), decimals), text, "{value}");
        }
        assert_eq!(with_unit("12,5", "%"), "12,5\u{a0}%");
    }

    #[test]
    fn the_three_escapers_differ_only_on_apostrophes_and_controls() {
        let s = "a<b & c>d \"q\" l'x\n\t\u{1}";
        assert_eq!(
            escape_html(s),
            "a&lt;b &amp; c&gt;d &quot;q&quot; l&#39;x\n\t\u{1}"
        );
        assert_eq!(
            escape_xml(s),
            "a&lt;b &amp; c&gt;d &quot;q&quot; l&apos;x\n\t"
        );
        assert_eq!(
            escape_xml_keep_apostrophe(s),
            "a&lt;b &amp; c&gt;d &quot;q&quot; l'x\n\t\u{1}"
        );
        assert_eq!(escape_html("Ségur — 183 €"), "Ségur — 183 €");
    }

    #[test]
    fn unescaping_undoes_the_five_entities_once() {
        assert_eq!(
            unescape_xml("&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;"),
            "<a> & \"b\" 'c'"
        );
        assert_eq!(unescape_xml("&amp;lt;"), "&lt;");
    }
}
