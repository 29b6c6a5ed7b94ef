//! `Money` and the one rounding rule of revalo: to the cent, half away from
//! zero (docs/formats.md, arithmetic step 5). Every rounded amount goes through
//! [`round_cents`], so sums of them are exact and order-free.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};

/// Rounds to the cent, half away from zero.
pub fn round_cents(value: Decimal) -> Decimal {
    round_dp(value, 2)
}

/// Rounds to `dp` decimals, half away from zero.
pub fn round_dp(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// `n ÷ d` rounded half away from zero (`d` ≠ 0): the rule of
/// [`round_cents`] on an exact fraction of integers, for the engine's
/// integer shortcuts.
pub fn div_half_away(n: i64, d: i64) -> i64 {
    let (q, r) = (n / d, n % d);
    if 2 * r.unsigned_abs() >= d.unsigned_abs() {
        q + n.signum() * d.signum()
    } else {
        q
    }
}

/// An amount of euros rounded to the cent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Money(Decimal);

impl Money {
    /// Zero euros.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// `value` rounded to the cent, half away from zero.
    pub fn round(value: Decimal) -> Money {
        Money(round_cents(value))
    }

    /// The amount as a decimal.
    pub fn amount(self) -> Decimal {
        self.0
    }

    /// An amount of whole cents.
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The amount in whole cents (amounts beyond ±9.2 × 10¹⁶ € saturate;
    /// the ranges of docs/formats.md, rule 43, keep amounts far below).
    pub fn cents(self) -> i64 {
        let mut d = self.0;
        d.rescale(2);
        i64::try_from(d.mantissa()).unwrap_or(if d.is_sign_negative() {
            i64::MIN + 1
        } else {
            i64::MAX
        })
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl fmt::Display for Money {
    /// Two decimals, `.` as the decimal point: `1234.50`, `-0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn integer_division_rounds_half_away_from_zero() {
        // 7 ÷ 2 = 3.5 → 4 and −3.5 → −4, whichever side carries the sign;
        // 10 ÷ 4 = 2.5 → 3; 9 ÷ 4 = 2.25 → 2; 11 ÷ 4 = 2.75 → 3.
        assert_eq!(div_half_away(7, 2), 4);
        assert_eq!(div_half_away(-7, 2), -4);
        assert_eq!(div_half_away(7, -2), -4);
        assert_eq!(div_half_away(-7, -2), 4);
        assert_eq!(div_half_away(10, 4), 3);
        assert_eq!(div_half_away(9, 4), 2);
        assert_eq!(div_half_away(11, 4), 3);
    }

    #[test]
    fn midpoints_round_away_from_zero() {
        assert_eq!(Money::round(dec("0.005")).to_string(), "0.01");
        assert_eq!(Money::round(dec("-0.005")).to_string(), "-0.01");
        assert_eq!(Money::round(dec("0.0049999")).to_string(), "0.00");
        assert_eq!(Money::round(dec("2.675")).to_string(), "2.68");
    }

    #[test]
    fn the_segur_gross_equivalent() {
        // 183 € net with an employee rate of 23.11 %: 183 / 0.7689 =
        // 238.0023…, which rounds to the 238.00 € of the accord of 2 May 2022.
        let gross = Money::round(dec("183") / (Decimal::ONE - dec("0.2311")));
        assert_eq!(gross.to_string(), "238.00");
    }

    #[test]
    fn display_keeps_two_decimals() {
        assert_eq!(Money::round(dec("12")).to_string(), "12.00");
        assert_eq!(Money::round(dec("-3.1")).to_string(), "-3.10");
    }
}
