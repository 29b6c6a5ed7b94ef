//! Calendar types: `Date` (a civil day) and `YearMonth` (a month of the
//! horizon). Dates parse from `YYYY-MM-DD` or `DD/MM/YYYY`, detected per
//! value; months from `YYYY-MM`.

use std::fmt;
use std::str::FromStr;

/// A civil date in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// The error of parsing a date or a month.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a date YYYY-MM-DD or DD/MM/YYYY")]
pub struct DateError;

/// The error of parsing a month.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a month YYYY-MM")]
pub struct MonthError;

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// A date from its parts, if it exists (years 1000–9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.day
    }

    /// The month this date falls in.
    pub fn year_month(self) -> YearMonth {
        YearMonth::new(self.year, self.month)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's
    /// `days_from_civil`.
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let num = |p: &str| -> Result<u32, DateError> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError);
            }
            p.parse().map_err(|_| DateError)
        };
        let (y, m, d) = if let Some((d, rest)) = s.split_once('/') {
            let (m, y) = rest.split_once('/').ok_or(DateError)?;
            if y.len() != 4 {
                return Err(DateError);
            }
            (num(y)?, num(m)?, num(d)?)
        } else {
            let mut parts = s.splitn(3, '-');
            let y = parts.next().ok_or(DateError)?;
            let m = parts.next().ok_or(DateError)?;
            let d = parts.next().ok_or(DateError)?;
            if y.len() != 4 || m.len() != 2 || d.len() != 2 {
                return Err(DateError);
            }
            (num(y)?, num(m)?, num(d)?)
        };
        Date::new(y as i32, m, d).ok_or(DateError)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A calendar month, stored as `year × 12 + month − 1` so that months are
/// consecutive integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth(i32);

impl YearMonth {
    /// The month `month` (1–12) of `year`.
    pub fn new(year: i32, month: u32) -> YearMonth {
        YearMonth(year * 12 + month as i32 - 1)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }

    /// The month `n` months later (earlier if negative).
    pub fn plus(self, n: i32) -> YearMonth {
        YearMonth(self.0 + n)
    }

    /// Months from `self` to `later` (negative if `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i32 {
        later.0 - self.0
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        Date {
            year: self.year(),
            month: self.month(),
            day: 1,
        }
    }

    /// The last day of the month.
    fn last_day(self) -> Date {
        Date {
            year: self.year(),
            month: self.month(),
            day: self.days(),
        }
    }

    /// The number of days of the month.
    pub fn days(self) -> u32 {
        days_in_month(self.year(), self.month())
    }

    /// Months from `first` to `last`, inclusive.
    pub fn range(first: YearMonth, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        (first.0..=last.0).map(YearMonth)
    }
}

impl FromStr for YearMonth {
    type Err = MonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (y, m) = s.split_once('-').ok_or(MonthError)?;
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || m.len() != 2 || !digits(y) || !digits(m) {
            return Err(MonthError);
        }
        let (y, m): (i32, u32) = (
            y.parse().map_err(|_| MonthError)?,
            m.parse().map_err(|_| MonthError)?,
        );
        if !(1..=12).contains(&m) || y < 1000 {
            return Err(MonthError);
        }
        Ok(YearMonth::new(y, m))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// Whole months from `since` to the first day of `month`: the seniority the
/// grid counts on that day (negative when `since` is later).
pub fn whole_months(since: Date, month: YearMonth) -> i32 {
    let started = since.year_month().months_until(month);
    // A seniority date after the 1st has not completed its month on the 1st.
    started - i32::from(since.day() > 1)
}

/// The days of `month` within `[start, end]` (open ends when `None`).
pub fn days_present(month: YearMonth, start: Option<Date>, end: Option<Date>) -> u32 {
    let first = month.first_day().day_number();
    let last = month.last_day().day_number();
    let from = start.map_or(first, |d| d.day_number().max(first));
    let to = end.map_or(last, |d| d.day_number().min(last));
    if to < from {
        0
    } else {
        (to - from + 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_both_date_formats() {
        assert_eq!(d("2024-02-29"), d("29/02/2024"));
        assert_eq!(d(" 2024-04-16 ").to_string(), "2024-04-16");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-4-1",
            "31/04/2024",
            "2024/04/01",
            "",
            "x",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn day_numbers_are_consecutive() {
        assert_eq!(d("1970-01-01").day_number(), 0);
        assert_eq!(
            d("2024-03-01").day_number() - d("2024-02-28").day_number(),
            2
        );
        assert_eq!(d("2000-01-01").day_number(), 10_957);
    }

    #[test]
    fn whole_months_on_the_first_of_the_month() {
        // Hand case A: seniority 2023-06-15; on 2024-07-01 one full year (12
        // months) has passed, on 2024-06-01 only 11.
        assert_eq!(whole_months(d("2023-06-15"), YearMonth::new(2024, 7)), 12);
        assert_eq!(whole_months(d("2023-06-15"), YearMonth::new(2024, 6)), 11);
        // From the 1st, the month counts on the next 1st.
        assert_eq!(whole_months(d("2023-06-01"), YearMonth::new(2024, 6)), 12);
        assert_eq!(whole_months(d("2025-01-10"), YearMonth::new(2024, 6)), -8);
    }

    #[test]
    fn presence_days() {
        let apr = YearMonth::new(2024, 4);
        // Hand case B enters on 2024-04-16: 15 of April's 30 days.
        assert_eq!(days_present(apr, Some(d("2024-04-16")), None), 15);
        assert_eq!(days_present(apr, None, Some(d("2024-03-31"))), 0);
        assert_eq!(days_present(YearMonth::new(2024, 2), None, None), 29);
        assert_eq!(
            days_present(YearMonth::new(2024, 11), Some(d("2024-11-30")), None),
            1
        );
    }

    #[test]
    fn months() {
        let m: YearMonth = "2024-11".parse().unwrap();
        assert_eq!((m.year(), m.month(), m.days()), (2024, 11, 30));
        assert_eq!(m.plus(2).to_string(), "2025-01");
        assert!("2024-1".parse::<YearMonth>().is_err());
        assert!("2024-00".parse::<YearMonth>().is_err());
    }
}
