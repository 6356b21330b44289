//! One cell of a data file as the value its column's rules expect, or
//! the words that say why it is not.

use super::*;

pub(super) fn parse_cell(
    set: &CriteriaSet,
    input: &Input,
    rules: &ColumnRules<'_>,
    cell: &str,
    not_applicable: bool,
    style: DecimalStyle,
    allow_grouping: bool,
) -> Result<Value, Text> {
    let users = &rules.users_text;
    if cell.is_empty() {
        match input.blank_target {
            // A unit given no target is scored against the others without one.
            BlankTarget::NoTarget => return Ok(Value::Missing),
            BlankTarget::Required => {
                return Err(text!(
                    vi: "ô trống; hãy nhập chỉ tiêu được giao cho {users} (bộ tiêu chí yêu cầu mọi đơn vị có chỉ tiêu: no_target = \"error\")",
                    en: "the cell is blank; enter the target set for {users} (the criteria set requires every unit to have one: no_target = \"error\")"
                ));
            }
            BlankTarget::NotTarget => {}
        }
        if input.blank_means_zero || set.missing == MissingPolicy::Zero {
            return Ok(Value::Missing);
        }
        return Err(text!(
            vi: "ô trống; hãy nhập giá trị cho {users} (bộ tiêu chí không cho phép bỏ trống: missing = \"error\")",
            en: "the cell is blank; enter a value for {users} (the criteria set does not allow blanks: missing = \"error\")"
        ));
    }
    if not_applicable {
        if input.accepts_na {
            return Ok(Value::NotApplicable);
        }
        return Err(text!(
            vi: "\"không áp dụng\" không được chấp nhận ở đây: {users} không cho phép N/A (cần allow_na = true trong bộ tiêu chí)",
            en: "\"not applicable\" is not accepted here: {users} does not allow N/A (the criteria set would need allow_na = true)"
        ));
    }
    match input.kind {
        ValueKind::YesNo => parse_yes_no(cell).map(Value::YesNo).ok_or_else(|| {
            let tokens = YES_NO_TOKENS.join(", ");
            text!(
                vi: "không phải giá trị có/không; dùng một trong: {tokens}",
                en: "is not a yes/no value; use one of: {tokens}"
            )
        }),
        ValueKind::Label => {
            // A label written exactly as in the criteria file needs no key.
            let first = rules
                .constraints
                .levels
                .first()
                .copied()
                .unwrap_or_default();
            let found = match first.iter().find(|l| l.label == cell) {
                Some(exact) => Some(exact),
                None => {
                    let key = label_key(cell);
                    first.iter().find(|l| l.key == key)
                }
            };
            // Equal keys share an id: the label must be in every list.
            let missing_from = rules
                .constraints
                .levels
                .iter()
                .find(|levels| found.is_none_or(|f| !levels.iter().any(|l| l.id == f.id)));
            match (found, missing_from) {
                (Some(level), None) => Ok(Value::Label(level.id)),
                (_, None) => Err(Text::new(
                    "không phải mức hợp lệ",
                    "is not an allowed level",
                )),
                (_, Some(levels)) => {
                    let allowed = levels
                        .iter()
                        .map(|l| l.label.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let hint = did_you_mean(cell, levels.iter().map(|l| l.label.as_str()));
                    let (hv, he) = (&hint.vi, &hint.en);
                    Err(text!(
                        vi: "không phải mức hợp lệ; các mức được dùng: {allowed}.{hv}",
                        en: "is not an allowed level; the levels are: {allowed}.{he}"
                    ))
                }
            }
        }
        ValueKind::Number => {
            let value = parse_number(cell, style, allow_grouping)
                .map_err(|e| with_date_hint(number_error(e, style), cell))?;
            checked_number(rules, value)
        }
    }
}

/// A parsed number held to its column's rules (sign, a `direct` rule's
/// maximum), without trailing fractional zeros.
pub(super) fn checked_number(rules: &ColumnRules<'_>, value: Decimal) -> Result<Value, Text> {
    if rules.bounded
        && let Some(bound) = rules.constraints.broken_bound(value)
    {
        return Err(out_of_range(&rules.users_text, &rules.constraints, bound));
    }
    // Most numbers have nothing to strip: skip the 96-bit division loop.
    let normal = value.scale() == 0 || i64::try_from(value.mantissa()).is_ok_and(|m| m % 10 != 0);
    Ok(Value::Number(if normal {
        value
    } else {
        value.normalize()
    }))
}

/// A number column refusing a date or time says why it holds one: most
/// often a number typed into a cell formatted as a date (45 shows as
/// 14/02/1900).
pub(super) fn with_date_hint(mut message: Text, cell: &str) -> Text {
    if looks_like_date_or_time(cell) {
        message.vi.push_str(
            "; ô này đang hiển thị ngày/giờ: nếu đây là số liệu, hãy định dạng lại ô thành kiểu Số (Number) trong bảng tính",
        );
        message.en.push_str(
            "; the cell shows a date or time: if it holds a number, format the cell as Number in the spreadsheet",
        );
    }
    message
}

pub(super) fn number_error(e: NumberError, style: DecimalStyle) -> Text {
    let example = example(style);
    match e {
        NumberError::NotANumber => text!(
            vi: "không phải là số; cần một số như {example} (có thể kèm %)",
            en: "is not a number; expected a number such as {example} (a % sign is allowed)"
        ),
        NumberError::WrongSeparator { found } => text!(
            vi: "dấu \"{found}\" không hợp với kiểu số của tệp (ví dụ {example}); sửa lại, hoặc chỉ rõ bằng --decimal point|comma",
            en: "the \"{found}\" does not fit the file's number style (e.g. {example}); fix it, or say which with --decimal point|comma"
        ),
        NumberError::TooManyDigits => Text::new(
            "số quá dài (quá 28 chữ số có nghĩa)",
            "the number is too long (more than 28 significant digits)",
        ),
        // Only with --decimal: the other style may be what the file uses.
        NumberError::BadGrouping => {
            let (grouped, mark, other) = match style {
                DecimalStyle::Point => ("1,234.5", ",", "comma"),
                DecimalStyle::Comma => ("1.234,5", ".", "point"),
            };
            text!(
                vi: "dấu phân cách hàng nghìn phải chia nhóm 3 chữ số (ví dụ {grouped}); nếu tệp dùng dấu \"{mark}\" làm dấu thập phân, hãy chạy lại với --decimal {other}",
                en: "thousands separators must split groups of 3 digits (e.g. {grouped}); if the file's decimal mark is \"{mark}\", run again with --decimal {other}"
            )
        }
    }
}
