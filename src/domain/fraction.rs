//! `Fraction`: an exact share of a cost (`"2/3"`, `"0.25"`, `"1"`), used for
//! the funding split between payers.

use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// An exact non-negative rational number, kept in lowest terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fraction {
    numerator: i128,
    denominator: i128,
}

/// The error of parsing a fraction.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a share between 0 and 1 written as a fraction or a decimal (`2/3`, `0.25`, `1`), its denominator at most 10⁹")]
pub struct FractionError;

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Fraction {
    /// Zero.
    pub const ZERO: Fraction = Fraction {
        numerator: 0,
        denominator: 1,
    };
    /// One.
    pub const ONE: Fraction = Fraction {
        numerator: 1,
        denominator: 1,
    };

    /// `numerator / denominator` in lowest terms; `None` if the denominator is 0.
    pub fn new(numerator: i128, denominator: i128) -> Option<Fraction> {
        if denominator == 0 {
            return None;
        }
        let sign = if denominator < 0 { -1 } else { 1 };
        let g = gcd(numerator, denominator).max(1);
        Some(Fraction {
            numerator: sign * numerator / g,
            denominator: sign * denominator / g,
        })
    }

    /// The exact value of a decimal.
    fn from_decimal(d: Decimal) -> Fraction {
        let scale = d.scale();
        let numerator = d.mantissa();
        let denominator = 10i128.pow(scale);
        Fraction::new(numerator, denominator).unwrap_or(Fraction::ZERO)
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Fraction) -> Option<Fraction> {
        let n = self
            .numerator
            .checked_mul(other.denominator)?
            .checked_add(other.numerator.checked_mul(self.denominator)?)?;
        let d = self.denominator.checked_mul(other.denominator)?;
        Fraction::new(n, d)
    }

    /// The largest denominator of a share in lowest terms (docs/formats.md,
    /// rule 43): `2/3`, `0.123456789`; it keeps [`Fraction::of`] exact.
    pub const MAX_DENOMINATOR: i128 = 1_000_000_000;

    /// `value × self`, exactly as far as `Decimal` division goes (28
    /// significant digits), for rounding just after. The product is exact
    /// below 7.9 × 10¹⁹ € (the numerator is at most 10⁹); beyond, the
    /// division comes first, which rounds the 28th digit only.
    pub fn of(self, value: Decimal) -> Decimal {
        let numerator = Decimal::from_i128_with_scale(self.numerator, 0);
        let denominator = Decimal::from_i128_with_scale(self.denominator, 0);
        match value.checked_mul(numerator) {
            Some(product) => product / denominator,
            None => value / denominator * numerator,
        }
    }

    /// Whether this is exactly 1.
    pub fn is_one(self) -> bool {
        self == Fraction::ONE
    }
}

impl FromStr for Fraction {
    type Err = FractionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let parse_dec = |p: &str| -> Result<Decimal, FractionError> {
            let p = p.trim();
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                return Err(FractionError);
            }
            p.parse::<Decimal>().map_err(|_| FractionError)
        };
        let f = match s.split_once('/') {
            Some((n, d)) => {
                let (n, d) = (
                    Fraction::from_decimal(parse_dec(n)?),
                    Fraction::from_decimal(parse_dec(d)?),
                );
                if d.numerator == 0 {
                    return Err(FractionError);
                }
                let numerator = n.numerator.checked_mul(d.denominator);
                let denominator = n.denominator.checked_mul(d.numerator);
                numerator
                    .zip(denominator)
                    .and_then(|(n, d)| Fraction::new(n, d))
                    .ok_or(FractionError)?
            }
            None => Fraction::from_decimal(parse_dec(s)?),
        };
        if f.numerator < 0
            || f.numerator > f.denominator
            || f.denominator > Fraction::MAX_DENOMINATOR
        {
            return Err(FractionError);
        }
        Ok(f)
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.denominator == 1 {
            write!(f, "{}", self.numerator)
        } else {
            write!(f, "{}/{}", self.numerator, self.denominator)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::round_cents;

    #[test]
    fn parses_fractions_and_decimals() {
        let third: Fraction = "1/3".parse().unwrap();
        let two_thirds: Fraction = " 2/3 ".parse().unwrap();
        assert!(third.checked_add(two_thirds).unwrap().is_one());
        let quarter: Fraction = "0.25".parse().unwrap();
        assert_eq!(quarter, Fraction::new(1, 4).unwrap());
        assert!("1".parse::<Fraction>().unwrap().is_one());
        // The last two overflowed i128 before they were refused.
        let huge = "79228162514264337593543950335/0.0000000000000000000000000001";
        for bad in [
            "4/3",
            "1/0",
            "-1/3",
            "x",
            "",
            "1.5",
            "2/",
            "1/1000000001",
            "0.0000000001",
            huge,
        ] {
            assert!(bad.parse::<Fraction>().is_err(), "{bad}");
        }
    }

    #[test]
    fn share_of_a_cost() {
        // Hand case, A × a-net: 2/3 of 2916.57 = 1944.38 (1944.3800 exactly).
        let two_thirds: Fraction = "2/3".parse().unwrap();
        let cost: Decimal = "2916.57".parse().unwrap();
        assert_eq!(round_cents(two_thirds.of(cost)).to_string(), "1944.38");
    }
}
