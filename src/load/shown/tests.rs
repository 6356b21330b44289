use super::*;

#[test]
fn whole_numbers_through_a_format_of_zeros_show_padded() {
    assert_eq!(zero_padded("00000", 4.0).as_deref(), Some("00004"));
    assert_eq!(zero_padded("00000", 26446.0).as_deref(), Some("26446"));
    assert_eq!(zero_padded("000", 123456.0).as_deref(), Some("123456"));
    assert_eq!(zero_padded("00", 0.0).as_deref(), Some("00"));
    // Anything else shows as the number does.
    for (code, value) in [
        ("0", 4.0),
        ("00000", 4.5),
        ("00000", -4.0),
        ("0.00", 4.0),
        ("\"P\"000", 4.0),
        ("000;000", 4.0),
        ("General", 4.0),
        ("0000000000000000", 4.0),
    ] {
        assert_eq!(zero_padded(code, value), None, "{code} {value}");
    }
}

/// Does a number shown with `code` show as a percentage (stored 0.96,
/// shown 96%)? Only a `%` that is a token of the section that applies
/// counts.
fn shows_percent(code: &str, value: f64) -> bool {
    number_format(code, value).percent
}

fn shown(value: f64) -> String {
    shown_number(value).unwrap()
}

#[test]
fn doubles_show_fifteen_significant_digits() {
    assert_eq!(shown(0.1 + 0.2), "0.3");
    assert_eq!(shown(85.1), "85.1");
    assert_eq!(shown(0.955), "0.955");
    assert_eq!(shown(100.0), "100");
    assert_eq!(shown(-0.0), "0");
    assert_eq!(shown(-2.5), "-2.5");
    assert_eq!(shown(1e20), "100000000000000000000");
    assert_eq!(shown(1e-20), "0.00000000000000000001");
    assert_eq!(shown(123_456_789_012_345.0), "123456789012345");
    assert_eq!(shown(999_999_999_999_999.0), "999999999999999");
    // Past fifteen digits Excel shows zeros.
    assert_eq!(shown(12_345_678_901_234_567.0), "12345678901234600");
    assert_eq!(shown(0.999_999_999_999_999_9), "1");
    // 0.(307 zeros)22250738585072: no exponent.
    assert_eq!(shown(f64::MIN_POSITIVE).len(), 2 + 307 + 14);
    assert_eq!(shown_number(f64::NAN), None);
    assert_eq!(shown_number(f64::INFINITY), None);
}

#[test]
fn an_exact_tie_rounds_away_from_zero_as_excel_does() {
    // Both are exact doubles ending in 5 at the sixteenth digit; Rust's
    // formatter alone would round the first down to an even 4.
    assert_eq!(shown(1_234_567_890_123_445.0), "1234567890123450");
    assert_eq!(shown(1_234_567_890_123_455.0), "1234567890123460");
    assert_eq!(shown(-1_234_567_890_123_445.0), "-1234567890123450");
    assert_eq!(shown(9_999_999_999_999_995.0), "10000000000000000");
    // Not a tie: the double lies just below 0.1234567890123445.
    assert_eq!(shown(0.123_456_789_012_344_5), "0.123456789012344");
}

#[test]
fn only_a_percent_token_makes_a_percentage() {
    for code in [
        "0%",
        "0.0%",
        "0.00%",
        "#,##0.0 %",
        "[Red]0.0%",
        "0.0%;-0.0%",
    ] {
        assert!(shows_percent(code, 0.5), "{code}");
    }
    for code in [
        "0.0\"%\"",
        "0.0\\%",
        "0.0!%",
        "0\" điểm (tối đa 100%)\"",
        "0.0_%",
        "0.0*%",
        "General",
        "0.0",
        "[$%-409]0.0",
        "@",
    ] {
        assert!(!shows_percent(code, 0.5), "{code}");
    }
}

#[test]
fn the_section_that_shows_the_value_decides() {
    let code = "0.0%;0.0\"%\";0";
    assert!(shows_percent(code, 0.5));
    assert!(!shows_percent(code, -0.5), "the negative section");
    assert!(!shows_percent(code, 0.0), "the zero section");
    // Two sections: the first shows zero too.
    assert!(shows_percent("0%;0.0", 0.0));
    assert!(!shows_percent("0%;0.0", -1.0));
    // One section shows every number; a text section shows none.
    assert!(shows_percent("0%", -1.0));
    assert!(shows_percent("0%;@", -1.0));
    assert!(shows_percent("0%;0%;0%;\"%\"@", 0.0));
    // A quoted ; does not split.
    assert!(shows_percent("0\";\"%", 0.5));
    // An empty negative section hides the number: not a percentage.
    assert!(!shows_percent("0%;;0%", -1.0));
    assert!(shows_percent("0.0;;0%", 0.0));
}

/// A number is read to the places its format shows, rounded half
/// away from zero as Excel shows it; a format that shows text or
/// nothing in its place gives that text.
#[test]
fn a_number_reads_as_its_format_shows_it() {
    let shown = |text: &str, code: &str, value: f64| number_as_shown(text, code, value);
    assert_eq!(shown("89.45", "0", 89.45), Ok("89".into()));
    assert_eq!(shown("95.5", "0", 95.5), Ok("96".into()));
    assert_eq!(shown("-95.5", "0", -95.5), Ok("-96".into()));
    assert_eq!(
        shown("95.45454545", "0.00", 95.454_545_45),
        Ok("95.45".into())
    );
    assert_eq!(shown("85.5", "0.00", 85.5), Ok("85.50".into()));
    assert_eq!(shown("85.5", "0.0#", 85.5), Ok("85.5".into()));
    assert_eq!(shown("85.125", "0.0#", 85.125), Ok("85.13".into()));
    assert_eq!(shown("85", "#,##0.0", 85.0), Ok("85.0".into()));
    // A percentage, already times a hundred: 0.955 in 0% shows 96%.
    assert_eq!(shown("95.5", "0%", 0.955), Ok("96".into()));
    assert_eq!(shown("95.5", "0.0%", 0.955), Ok("95.5".into()));
    // The section that shows the value decides.
    assert_eq!(shown("-2.5", "0.0;(0)", -2.5), Ok("-3".into()));
    // As stored: General, scientific, fractions, thousands, an unknown
    // percentage's places (the ODS and XLS readers give no code).
    for code in ["General", "0.00E+00", "# ?/?", "0.0,", "General%"] {
        assert_eq!(
            shown("1234.5678", code, 1234.5678),
            Ok("1234.5678".into()),
            "{code}"
        );
    }
    // No number shows: the text in its place, or nothing.
    assert_eq!(shown("88", ";;;", 88.0), Err(String::new()));
    let pass = "[>=90]\"Đạt\";\"Chưa đạt\"";
    assert_eq!(shown("89.45", pass, 89.45), Err("Chưa đạt".into()));
    assert_eq!(shown("95", pass, 95.0), Err("Đạt".into()));
    assert_eq!(shown("5", "\\x", 5.0), Err("x".into()));
    // A zero shown as a dash reads 0, quoted or not, padded or not.
    for code in [
        "#,##0;-#,##0;\"-\"",
        "0;-0;-",
        "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        "_-* #,##0_-;-* #,##0_-;_-* \"-\"_-;_-@_-",
    ] {
        assert_eq!(shown("0", code, 0.0), Ok("0".into()), "{code}");
        assert_eq!(shown("12", code, 12.0), Ok("12".into()), "{code}");
    }
    assert_eq!(shown("7", "0;-0;-;\"n/a\"", 7.0), Ok("7".into()));
    // With a currency sign beside the dash, as Excel's Currency [0] and
    // the Vietnamese đồng formats write it.
    let currency = "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)";
    assert_eq!(shown("0", currency, 0.0), Ok("0".into()));
    let dong = "_-* #,##0 \"₫\"_-;-* #,##0 \"₫\"_-;_-* \"-\" \"₫\"_-;_-@_-";
    assert_eq!(shown("0", dong, 0.0), Ok("0".into()));
    assert_eq!(shown("0", "0;-0;\"n/a\"", 0.0), Err("n/a".into()));
    // A text cell shows through the fourth section: `;;;` hides it.
    assert!(hides_text(";;;"));
    assert!(hides_text("0;0;0;"));
    assert!(!hides_text("0;-0;;@"));
    assert!(!hides_text("0;-0;0;\"x\""));
    assert!(!hides_text("0;;"));
    assert!(!hides_text("General"));
}

/// Excel shows a number in a negative section with no minus of its own,
/// unless the section writes one or parentheses; with one section, the
/// minus shows. Through conditions, as Excel has it (the numfmt library's
/// rules): a section whose own condition is below zero shows none. Words
/// of the section's own are not taken for a sign.
#[test]
fn a_negative_section_without_a_sign_hides_the_minus() {
    let unseen = |code: &str, value: f64| number_format(code, value).minus_unseen;
    for code in [
        "0;0",
        "0.00;[Red]0.00",
        "#,##0;[Red]#,##0",
        "0;0;0",
        "0\" điểm\";[Red]0\" điểm\"",
        "0\" điểm\";0",
        "+0;0",
        "$0;0",
        "0;[Red]0\" giảm\"",
        "[Red][<0]0;0",
        "[Red][<=-1]0;0",
        "[<-10]0;0",
        "[>=-10]0;0",
        "[=-25]0;0;0",
        "[>=90]\"Giỏi \"0;[<0]0",
    ] {
        assert!(unseen(code, -25.0), "{code}");
        assert!(!unseen(code, 5.0), "{code}");
        assert!(!unseen(code, 0.0), "{code}");
    }
    for code in [
        "0",
        "0.00",
        "0;-0",
        "0;[Red]-0",
        "0;(0)",
        "0.00_);[Red]\\(0.00\\)",
        "0;\"-\"0",
        "0;\u{2212}0",
        "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        "0;@",
        "[>=90]0;0",
        "General",
    ] {
        assert!(!unseen(code, -25.0), "{code}");
    }
    // An exponent's minus is not the number's.
    assert!(unseen("0;0.0E-0", -25.0));
}

/// Where no section takes a number, Excel shows `######` (two conditions
/// and nothing for the rest) or the number as General does (one
/// condition): not the first section's text or places.
#[test]
fn a_number_no_section_takes_shows_as_excel_shows_it() {
    let shown = |text: &str, code: &str, value: f64| number_as_shown(text, code, value);
    for (code, value) in [
        ("[>=100]\"A\"0;[<=-100]\"B\"0", 6.3),
        ("[>=100]\"A\"0;[<=-100]\"B\"0", -6.3),
        ("[>=0]\"A\"0;[<=-100]\"B\"0", -6.3),
        ("0;[<-10]0", -5.0),
    ] {
        assert_eq!(
            shown(&value.to_string(), code, value),
            Err("######".into()),
            "{code} {value}"
        );
    }
    assert!(number_format("0;[<-10]0", -5.0).no_section);
    assert!(!number_format("0;[<-10]0", -15.0).no_section);
    assert_eq!(shown("3", "[>=5]\"Đạt\"", 3.0), Ok("3".into()));
    assert_eq!(shown("5", "[=0]\"-\"", 5.0), Ok("5".into()));
    assert_eq!(shown("3.7", "[>=90]0", 3.7), Ok("3.7".into()));
    // A General fallback after `[=…]` keeps the minus; after `[<…]` of
    // a bound below zero, it does not.
    assert!(!number_format("[=6.3]\"B\"0", -6.3).minus_unseen);
}

/// A `%` through a text section, or beside a thousands scaling, does not
/// make the number a percentage: read as it shows (`@%`), or as stored
/// whole (`#,##0,%`), not times a hundred.
#[test]
fn a_percent_sign_beside_text_or_thousands_is_not_a_percentage() {
    assert!(!shows_percent("@%", 0.5));
    assert!(!shows_percent("#,##0,%", 1_234_567.0));
    assert!(shows_percent("#,##0%", 0.5));
    assert!(shows_percent("0.0%;@", 0.5));
}

#[test]
fn texts_needing_no_rounding_keep_their_digits() {
    for (text, min, max) in [
        ("0", 2, 2),
        ("-5", 2, 2),
        ("85.5", 1, 3),
        ("95.45", 0, 2),
        ("100", 0, 0),
    ] {
        let fast = to_places_as_written(text, min, max);
        assert_eq!(
            fast.as_deref(),
            Some(to_places(text, min, max).as_str()),
            "{text}"
        );
    }
    // Rounding, and texts not in their shortest form, take the decimal path.
    for (text, min, max) in [
        ("85.125", 0, 2),
        ("5.50", 0, 2),
        ("007", 0, 0),
        ("1e5", 0, 0),
        ("-0", 0, 2),
        // Past a decimal's digits: the decimal path's to decide.
        ("1000000000000000000000000000000", 2, 2),
    ] {
        assert_eq!(to_places_as_written(text, min, max), None, "{text}");
    }
}

#[test]
fn a_format_code_longer_than_excel_allows_is_not_read() {
    // "0%" and a quoted text: exactly the longest code Excel allows.
    let quoted = |len: usize| format!("\"{}\"", "x".repeat(len - 2));
    let longest = format!("0%{}", quoted(MAX_FORMAT_CODE_CHARS - 2));
    assert!(shows_percent(&longest, 0.5));
    let longer = format!("0%{}", quoted(MAX_FORMAT_CODE_CHARS - 1));
    assert!(!shows_percent(&longer, 0.5));
    let date = format!("dd/mm/yyyy{}", quoted(MAX_FORMAT_CODE_CHARS));
    assert_eq!(date_time_parts(&date, 1.0), None);
}

#[test]
fn conditions_choose_the_section() {
    let code = "[<1]0%;[>=1]0.0";
    assert!(shows_percent(code, 0.5));
    assert!(!shows_percent(code, 5.0));
    let code = "[>=100]0;0%";
    assert!(shows_percent(code, 5.0));
    assert!(!shows_percent(code, 500.0));
}

#[test]
fn date_formats_name_their_parts() {
    let date = Some(DateTimeParts {
        date: true,
        ..Default::default()
    });
    let time = Some(DateTimeParts {
        time: true,
        ..Default::default()
    });
    let time_s = Some(DateTimeParts {
        time: true,
        seconds: true,
        ..Default::default()
    });
    let both = Some(DateTimeParts {
        date: true,
        time: true,
        seconds: false,
    });
    assert_eq!(date_time_parts("dd/mm/yyyy", 1.0), date);
    assert_eq!(date_time_parts("mm-dd-yy", 1.0), date);
    assert_eq!(date_time_parts("mmm-yy", 1.0), date);
    assert_eq!(date_time_parts("[$-42A]dd\" tháng \"mm", 1.0), date);
    assert_eq!(date_time_parts("h:mm", 1.0), time);
    assert_eq!(date_time_parts("h:mm AM/PM", 1.0), time);
    assert_eq!(date_time_parts("mm:ss", 1.0), time_s);
    assert_eq!(date_time_parts("[h]:mm:ss", 1.0), time_s);
    assert_eq!(date_time_parts("[mm]", 1.0), time);
    assert_eq!(date_time_parts("dd/mm/yyyy hh:mm", 1.0), both);
    assert_eq!(date_time_parts("m/d/yy h:mm", 1.0), both);
    assert_eq!(date_time_parts("0.00E+00", 1.0), None);
    assert_eq!(date_time_parts("General", 1.0), None);
    assert_eq!(date_time_parts("0\" ngày\"", 1.0), None);
}

#[test]
fn serial_dates_show_in_the_vietnamese_way() {
    let date = DateTimeParts {
        date: true,
        ..Default::default()
    };
    let both = DateTimeParts {
        date: true,
        time: true,
        seconds: false,
    };
    assert_eq!(serial_date_time_text(45875.0, false, date), "06/08/2025");
    assert_eq!(
        serial_date_time_text(45875.5, false, both),
        "06/08/2025 12:00"
    );
    assert_eq!(serial_date_time_text(44413.0, true, date), "06/08/2025");
    assert_eq!(serial_date_time_text(60.0, false, date), "29/02/1900");
    assert_eq!(serial_date_time_text(61.0, false, date), "01/03/1900");
    assert_eq!(serial_date_time_text(0.0, false, date), "00/01/1900");
    assert_eq!(
        serial_date_time_text(2_958_465.0, false, date),
        "31/12/9999"
    );
    assert_eq!(
        serial_date_time_text(2_958_466.0, false, date),
        OUT_OF_CALENDAR
    );
    assert_eq!(serial_date_time_text(-1.0, false, date), OUT_OF_CALENDAR);
    assert_eq!(
        serial_date_time_text(f64::NAN, false, date),
        OUT_OF_CALENDAR
    );
    assert_eq!(serial_date_time_text(1e300, false, date), OUT_OF_CALENDAR);
    // To the nearest second, carried into the next day.
    let last = 45875.0 + 86_399.6 / 86_400.0;
    assert_eq!(serial_date_time_text(last, false, both), "07/08/2025 00:00");
}

#[test]
fn serial_times_show_as_a_clock() {
    let time = DateTimeParts {
        time: true,
        ..Default::default()
    };
    let seconds = DateTimeParts {
        seconds: true,
        ..time
    };
    assert_eq!(serial_date_time_text(0.5, false, time), "12:00");
    assert_eq!(serial_date_time_text(0.5, false, seconds), "12:00:00");
    assert_eq!(serial_date_time_text(0.0, false, time), "00:00");
    assert_eq!(serial_duration_text(1.5, time), "36:00");
    assert_eq!(serial_duration_text(-0.25, time), "-06:00");
    assert_eq!(serial_duration_text(1.0 / 86_400.0, time), "00:00:01");
}

#[test]
fn a_serial_without_its_format_shows_what_it_holds() {
    let shown = |v: f64| serial_date_time_text(v, false, parts_of_value(v));
    assert_eq!(shown(45875.0), "06/08/2025");
    assert_eq!(shown(0.5), "12:00");
    assert_eq!(shown(0.0), "00:00");
    assert_eq!(shown(45875.75), "06/08/2025 18:00");
    assert_eq!(shown(45875.0 + 30.0 / 86_400.0), "06/08/2025 00:00:30");
}

#[test]
fn ods_dates_and_times_show_in_the_vietnamese_way() {
    assert_eq!(iso_date_time_text("2025-08-06"), "06/08/2025");
    assert_eq!(iso_date_time_text("2025-08-06T00:00:00"), "06/08/2025");
    assert_eq!(
        iso_date_time_text("2025-08-06T13:05:00"),
        "06/08/2025 13:05"
    );
    assert_eq!(
        iso_date_time_text("2025-08-06T13:05:09.6"),
        "06/08/2025 13:05:10"
    );
    assert_eq!(iso_date_time_text("not a date"), "not a date");
    assert_eq!(iso_date_time_text("2025-x-06"), "2025-x-06");
    let huge = "2025-08-06T99999999999999999999:00:00";
    assert_eq!(iso_date_time_text(huge), huge);
    assert_eq!(
        iso_date_time_text("2025-08-06T23:59:59.9"),
        "06/08/2025 23:59:59"
    );
    assert_eq!(iso_duration_text("PT1e300H"), OUT_OF_CALENDAR);
    assert_eq!(iso_duration_text("PT12H30M00S"), "12:30");
    assert_eq!(iso_duration_text("PT36H00M05S"), "36:00:05");
    assert_eq!(iso_duration_text("P1DT2H"), "26:00");
    assert_eq!(iso_duration_text("-PT6H"), "-06:00");
    assert_eq!(iso_duration_text("PT1.5S"), "00:00:02");
    assert_eq!(iso_duration_text("12:30"), "12:30");
    assert_eq!(iso_duration_text("PT12X"), "PT12X");
}

#[test]
fn dates_and_times_are_recognised_in_the_shapes_written() {
    for text in [
        "06/08/2025",
        "6/8/2025",
        "12:00",
        "36:00:05",
        "-06:00",
        "06/08/2025 18:00",
        OUT_OF_CALENDAR,
    ] {
        assert!(looks_like_date_or_time(text), "{text}");
    }
    for text in [
        "85.5",
        "12",
        "1/2",
        "06/08/25",
        "12:0",
        "a:bc",
        "06/08/2025 x",
        "",
    ] {
        assert!(!looks_like_date_or_time(text), "{text}");
    }
}

/// `value` rounded to 15 significant digits, half away from zero as
/// Excel shows it (`{:.14e}` rounds an exact tie to even instead),
/// from the value's exact decimal digits.
fn fifteen_digits_half_away(value: f64) -> f64 {
    let exact = format!("{:.59e}", value.abs());
    let (mantissa, exponent) = exact.split_once('e').unwrap();
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let mut kept: u64 = digits[..15]
        .iter()
        .fold(0, |n, d| n * 10 + u64::from(d - b'0'));
    if digits[15] >= b'5' {
        kept += 1;
    }
    let exponent: i32 = exponent.parse().unwrap();
    let rounded: f64 = format!("{kept}e{}", exponent - 14).parse().unwrap();
    rounded.copysign(value)
}

#[test]
fn an_exact_tie_at_the_sixteenth_digit_rounds_away_from_zero() {
    assert_eq!(
        shown_number(136_530_179_620_138.5).unwrap(),
        "136530179620139"
    );
    assert_eq!(
        fifteen_digits_half_away(136_530_179_620_138.5),
        136_530_179_620_139.0
    );
    assert_eq!(fifteen_digits_half_away(-0.5), -0.5);
}

proptest::proptest! {
    #[test]
    fn shown_numbers_are_the_fifteen_digit_rounding(value in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
        let text = shown_number(value).unwrap();
        proptest::prop_assert!(!text.contains('e'), "{}", text);
        let significant = text.trim_start_matches('-').trim_start_matches(['0', '.']).replace('.', "");
        proptest::prop_assert!(significant.trim_end_matches('0').len() <= SHOWN_DIGITS, "{}", text);
        let rounded = fifteen_digits_half_away(value);
        let read: f64 = text.parse().unwrap();
        proptest::prop_assert_eq!(read, rounded, "{} shown as {}", value, text);
    }

    /// The per-sheet cache of codes answers as reading the code for each
    /// value does, for codes of the sections, conditions, signs and texts
    /// sheets have, and any value, in any order.
    #[test]
    fn formats_read_once_agree_with_formats_read_each_time(
        sections in proptest::collection::vec(
            proptest::sample::select(vec![
                "0", "0.00", "#,##0.0", "0%", "[Red]0.00", "-0", "(0)", "\"giảm\"0",
                "[<0]0", "[>=90]\"Đạt\"", "[<=-1]0.0", "[=0]\"-\"", "", "@", "0.0E-0", "General",
            ]),
            1..5,
        ),
        values in proptest::collection::vec(
            proptest::sample::select(vec![-95.5, -1.0, -0.4, -0.0, 0.0, 0.4, 1.0, 89.45, 90.0, f64::NAN]),
            1..12,
        ),
    ) {
        let code = sections.join(";");
        let mut formats = NumberFormats::default();
        for value in values {
            proptest::prop_assert_eq!(formats.of(&code, value), number_format(&code, value), "{} {}", code, value);
        }
    }

    /// A number's text taken to its places without taking it apart gives
    /// what the decimal path gives, or leaves it to that path.
    #[test]
    fn places_as_written_agree_with_the_decimal_path(
        negative in proptest::bool::ANY,
        whole in "[0-9]{1,6}",
        fraction in "[0-9]{0,6}",
        min in 0u32..5,
        extra in 0u32..5,
    ) {
        let text = format!("{}{whole}{}{fraction}", if negative { "-" } else { "" }, if fraction.is_empty() { "" } else { "." });
        let max = min + extra;
        if let Some(fast) = to_places_as_written(&text, min, max) {
            proptest::prop_assert_eq!(fast, to_places(&text, min, max), "{} to {}..{}", text, min, max);
        }
    }

    #[test]
    fn no_text_or_value_makes_a_panic(code in ".{0,40}", iso in "-?P?[0-9DTHMS:.e-]{0,24}", value in proptest::num::f64::ANY) {
        let _ = shows_percent(&code, value);
        let _ = date_time_parts(&code, value);
        let _ = iso_date_time_text(&iso);
        let _ = iso_duration_text(&iso);
        let _ = looks_like_date_or_time(&iso);
        let parts = parts_of_value(value);
        let _ = serial_date_time_text(value, false, parts);
        let _ = serial_date_time_text(value, true, parts);
        let _ = serial_duration_text(value, parts);
        if let Some(text) = shown_number(value) {
            let _ = number_as_shown(&text, &code, value);
        }
    }
}

/// A number as a cell formatted `code` shows it, text around it included:
/// the places first, as the reader applies them.
fn decorated(code: &str, value: f64) -> Option<String> {
    let format = number_format(code, value);
    let number = format.apply(&shown_number(value)?, value).ok()?;
    format.decorated(&number)
}

#[test]
fn text_around_a_number_shows_with_it() {
    assert_eq!(decorated("\"P\"000", 5.0).as_deref(), Some("P005"));
    assert_eq!(decorated("\"CA-\"0", 6.0).as_deref(), Some("CA-6"));
    assert_eq!(decorated("000\" x\"", 7.0).as_deref(), Some("007 x"));
    assert_eq!(decorated("0.0\" %\"", 75.5).as_deref(), Some("75.5 %"));
    assert_eq!(decorated("0\" điểm\"", 50.0).as_deref(), Some("50 điểm"));
    assert_eq!(decorated("\\P\\-000", 12.0).as_deref(), Some("P-012"));
    // `#` shows no whole digit for 0; a colour changes nothing.
    assert_eq!(decorated("\"x\"#.0", 0.5).as_deref(), Some("x.5"));
    assert_eq!(decorated("[Blue]\"P\"000", 5.0).as_deref(), Some("P005"));
    // Places as the format shows them.
    assert_eq!(decorated("\"P\"0.00", 5.0).as_deref(), Some("P5.00"));
    assert_eq!(decorated("\"P\"0", 5.6).as_deref(), Some("P6"));
}

#[test]
fn numbers_without_text_around_them_or_laid_out_otherwise_are_not_decorated() {
    // No text: the number alone, as before.
    assert_eq!(decorated("000", 5.0), None);
    assert_eq!(decorated("0.00", 5.0), None);
    assert_eq!(decorated("\" \"0", 5.0), None);
    // Thousands, a percentage, a sign, scientific, a fraction: read as
    // they were.
    assert_eq!(decorated("#,##0\" đ\"", 1234.0), None);
    assert_eq!(decorated("\"P\"0%", 0.5), None);
    assert_eq!(decorated("\"P\"-0", 5.0), None);
    assert_eq!(decorated("\"P\"0.0E+00", 5.0), None);
    assert_eq!(decorated("\"P\"# ?/?", 5.5), None);
    // Below zero the section writes the sign where it will: not laid out.
    assert_eq!(decorated("\"P\"000", -5.0), None);
    // What Excel lays out otherwise (`P  5`, `P005`, `P5.`, `P 005`, a
    // currency, a fraction): read as before.
    assert_eq!(decorated("\"P\"???", 5.0), None);
    assert_eq!(decorated("\"P\"0##", 5.0), None);
    assert_eq!(decorated("\"P\"0.##", 5.0), None);
    assert_eq!(decorated("\"P\"_-000", 5.0), None);
    assert_eq!(decorated("\"P\"*-000", 5.0), None);
    assert_eq!(decorated("0[$₫-42A]\"x\"", 5.0), None);
    assert_eq!(decorated("\"P\"0/", 5.6), None);
    // `#` before the `0`s is what Excel pads to the `0`s.
    assert_eq!(decorated("\"P\"#00", 5.0).as_deref(), Some("P05"));
}
