//! An exact decimal number: `mantissa / 10^scale`.
//!
//! Values such as `0,75`, `3,5 tỷ` or `2,3 triệu` must come out exactly (`0.75`, `3500000000`,
//! `2300000`), which binary floating point cannot promise; so numbers are kept as decimals from the
//! digits on, and printed without exponent or trailing zeros.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Digits beyond this scale are not kept; Vietnamese news never writes that many decimals.
const MAX_SCALE: u32 = 18;

impl Decimal {
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };

    pub fn from_int(n: i128) -> Self {
        Decimal { mantissa: n, scale: 0 }
    }

    /// Builds from an integer part and a string of fraction digits (`"75"` for `,75`). `None` when
    /// the number does not fit.
    pub fn from_parts(int_digits: &str, frac_digits: &str) -> Option<Self> {
        let mut m: i128 = 0;
        for b in int_digits.bytes().chain(frac_digits.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            m = m.checked_mul(10)?.checked_add((b - b'0') as i128)?;
        }
        let scale = u32::try_from(frac_digits.len()).ok()?;
        if scale > MAX_SCALE {
            return None;
        }
        Some(Decimal { mantissa: m, scale }.reduced())
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    pub fn negated(self) -> Self {
        Decimal { mantissa: -self.mantissa, scale: self.scale }
    }

    /// Multiplies by 10^k exactly.
    pub fn mul_pow10(self, k: u32) -> Option<Self> {
        if k <= self.scale {
            return Some(Decimal { mantissa: self.mantissa, scale: self.scale - k }.reduced());
        }
        let extra = k - self.scale;
        let f = 10i128.checked_pow(extra)?;
        Some(Decimal { mantissa: self.mantissa.checked_mul(f)?, scale: 0 })
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        let scale = self.scale.max(other.scale);
        let a = self.mantissa.checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other.mantissa.checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some(Decimal { mantissa: a.checked_add(b)?, scale }.reduced())
    }

    pub fn checked_mul(self, other: Self) -> Option<Self> {
        let scale = self.scale + other.scale;
        if scale > 2 * MAX_SCALE {
            return None;
        }
        Some(Decimal { mantissa: self.mantissa.checked_mul(other.mantissa)?, scale }.reduced())
    }

    /// The value as f64, for comparisons in reports; never used for output.
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    /// The digits from the first to the last that is not zero (`3500000000`: 2, `0.75`: 2, `0`: 0):
    /// how many a binary float or a spreadsheet must keep to hold the value exactly.
    pub fn significant_digits(self) -> u32 {
        let mut m = self.mantissa.unsigned_abs();
        if m == 0 {
            return 0;
        }
        while m.is_multiple_of(10) {
            m /= 10;
        }
        m.ilog10() + 1
    }

    fn reduced(mut self) -> Self {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// Parses the plain decimal notation this type prints (`-12.5`, `3500000000`), as found in gold
    /// files and JSON.
    pub fn parse_plain(s: &str) -> Option<Self> {
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let d = Decimal::from_parts(if int.is_empty() { "0" } else { int }, frac)?;
        Some(if neg { d.negated() } else { d })
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let scale = self.scale.max(other.scale);
        let widen = |d: &Decimal| 10i128.checked_pow(scale - d.scale).and_then(|f| d.mantissa.checked_mul(f));
        match (widen(self), widen(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let (int, frac) = if digits.len() > scale {
            let (a, b) = digits.split_at(digits.len() - scale);
            (a.to_string(), b.to_string())
        } else {
            ("0".to_string(), format!("{}{}", "0".repeat(scale - digits.len()), digits))
        };
        write!(f, "{}{}.{}", if neg { "-" } else { "" }, int, frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_exactly() {
        assert_eq!(Decimal::from_parts("0", "75").unwrap().to_string(), "0.75");
        assert_eq!(Decimal::from_parts("3", "5").unwrap().mul_pow10(9).unwrap().to_string(), "3500000000");
        assert_eq!(Decimal::from_parts("2", "3").unwrap().mul_pow10(6).unwrap().to_string(), "2300000");
        assert_eq!(Decimal::from_parts("1", "10").unwrap().to_string(), "1.1");
        assert_eq!(Decimal::from_parts("0", "0012").unwrap().mul_pow10(9).unwrap().to_string(), "1200000");
        assert_eq!(Decimal::from_parts("0", "05").unwrap().to_string(), "0.05");
        assert_eq!(Decimal::from_int(-1200000).to_string(), "-1200000");
    }

    #[test]
    fn adds_and_compares() {
        let a = Decimal::from_parts("2", "").unwrap();
        let b = Decimal::from_parts("0", "23").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "2.23");
        assert!(a > b);
        assert_eq!(Decimal::parse_plain("4.50"), Decimal::from_parts("4", "5"));
        assert_eq!(Decimal::parse_plain("-7"), Some(Decimal::from_int(-7)));
        assert_eq!(Decimal::parse_plain("x"), None);
    }

    #[test]
    fn significant_digits_leave_out_leading_and_trailing_zeros() {
        let d = |s: &str| Decimal::parse_plain(s).unwrap().significant_digits();
        assert_eq!(d("0"), 0);
        assert_eq!(d("3500000000"), 2);
        assert_eq!(d("0.75"), 2);
        assert_eq!(d("0.05"), 1);
        assert_eq!(d("-120.5"), 4);
        assert_eq!(d("123456789012345"), 15);
        assert_eq!(d("1234567890123456"), 16);
        assert_eq!(d("1000000000000000000000"), 1);
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        let big = Decimal::from_parts(&"9".repeat(30), "").unwrap();
        assert_eq!(big.mul_pow10(30), None);
        assert_eq!(Decimal::from_parts(&"9".repeat(60), ""), None);
    }
}
