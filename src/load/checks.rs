//! The checks on a criteria set's figures that both the criteria file's
//! reader and what-if overrides (`--set`) make: one test and one message
//! each, so a value refused in the file is refused the same way on the
//! command line. Each returns the message for a value that breaks it.

use rust_decimal::Decimal;

use crate::i18n::Text;
use crate::text;

/// `points`, `per`: more than 0.
pub fn positive(key: &str, value: Decimal) -> Result<(), Text> {
    if value <= Decimal::ZERO {
        return Err(text!(
            vi: "\"{key}\" phải lớn hơn 0",
            en: "\"{key}\" must be greater than 0"
        ));
    }
    Ok(())
}

/// Caps and other amounts: 0 or more.
pub fn not_negative(key: &str, value: Decimal) -> Result<(), Text> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(text!(vi: "\"{key}\" không được âm", en: "\"{key}\" must not be negative"));
    }
    Ok(())
}

/// A pass mark: from 0 to the criterion's points.
pub fn pass_within(pass: Decimal, points: Decimal) -> Result<(), Text> {
    if pass < Decimal::ZERO || pass > points {
        return Err(text!(
            vi: "\"pass\" phải từ 0 đến số điểm của tiêu chí ({points})",
            en: "\"pass\" must be between 0 and the criterion's points ({points})"
        ));
    }
    Ok(())
}

/// A linear rule's two ends.
pub fn ends_differ(zero: Decimal, full: Decimal) -> Result<(), Text> {
    if zero == full {
        return Err(text!(
            vi: "\"zero\" và \"full\" bằng nhau ({zero}); hai mốc phải khác nhau",
            en: "\"zero\" and \"full\" are equal ({zero}); they must differ"
        ));
    }
    Ok(())
}

/// A rating's quota: a share from 0 to 1.
pub fn quota_share(share: Decimal) -> Result<(), Text> {
    if share < Decimal::ZERO || share > Decimal::ONE {
        return Err(Text::new(
            "\"quota\" là một tỷ lệ từ 0 đến 1 (ví dụ 0.2 cho 20%)",
            "\"quota\" is a share from 0 to 1 (e.g. 0.2 for 20%)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    #[test]
    fn each_check_at_its_boundaries() {
        assert!(positive("points", d("0.01")).is_ok());
        assert!(positive("points", d("0")).is_err());
        assert!(positive("per", d("-1")).is_err());
        assert!(not_negative("cap", d("0")).is_ok());
        assert!(not_negative("cap", d("-0.00")).is_ok());
        assert!(not_negative("cap", d("-0.01")).is_err());
        assert!(pass_within(d("0"), d("4")).is_ok());
        assert!(pass_within(d("4"), d("4")).is_ok());
        assert!(pass_within(d("4.01"), d("4")).is_err());
        assert!(pass_within(d("-0.01"), d("4")).is_err());
        assert!(ends_differ(d("50"), d("100")).is_ok());
        assert!(ends_differ(d("50"), d("50.0")).is_err());
        assert!(quota_share(d("0")).is_ok());
        assert!(quota_share(d("1")).is_ok());
        assert!(quota_share(d("1.01")).is_err());
        assert!(quota_share(d("-0.1")).is_err());
        let message = positive("per", d("0")).expect_err("refused");
        assert_eq!(message.vi, "\"per\" phải lớn hơn 0");
        assert_eq!(message.en, "\"per\" must be greater than 0");
    }
}
