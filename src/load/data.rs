//! A raw table bound to a criteria set: every cell the set reads is parsed
//! into the kind its rules expect, and every bad cell is reported.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::problem::{Column, Problem, Rejected, did_you_mean};
use super::table::RawTable;
use super::text::{
    DecimalStyle, NOT_APPLICABLE_TOKENS, NumberError, SeparatorEvidence, YES_NO_TOKENS,
    is_not_applicable, label_key, parse_number, parse_yes_no, separator_evidence,
};
use crate::i18n::Text;
use crate::model::*;
use crate::text;

/// How to read numbers: a style the user chose, or detect one from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalChoice {
    #[default]
    Detect,
    /// Chosen with `--decimal`; thousands separators are then accepted.
    Explicit(DecimalStyle),
}

/// What the cells of one input column must satisfy, from all its users.
struct ColumnRules<'s> {
    users: Vec<&'s str>,
    /// The value must be ≥ 0 (counts, adjustments).
    non_negative: bool,
    /// The value must be ≤ this (a `direct` rule's points).
    at_most: Option<Decimal>,
    /// Every levels rule reading the column; a label must be in all of them.
    levels: Vec<&'s [Level]>,
}

fn column_rules(set: &CriteriaSet) -> Vec<ColumnRules<'_>> {
    let mut rules: Vec<ColumnRules> = set
        .inputs
        .iter()
        .map(|_| ColumnRules {
            users: Vec::new(),
            non_negative: false,
            at_most: None,
            levels: Vec::new(),
        })
        .collect();
    let scored = set
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.indicator, &c.rule, Some(c.points)))
        .chain(
            set.gates
                .iter()
                .map(|g| (g.id.as_str(), g.indicator, &g.rule, None)),
        );
    for (id, indicator, rule, points) in scored {
        let IndicatorRef::Input(i) = indicator else {
            continue;
        };
        let r = &mut rules[i];
        r.users.push(id);
        match rule {
            Rule::Deduct { .. } => r.non_negative = true,
            Rule::Direct => {
                r.non_negative = true;
                r.at_most = match (r.at_most, points) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            Rule::Levels(levels) => r.levels.push(levels),
            _ => {}
        }
    }
    for a in &set.adjustments {
        if let IndicatorRef::Input(i) = a.indicator {
            rules[i].users.push(&a.id);
            rules[i].non_negative = true;
        }
    }
    for d in &set.derived {
        for operand in [d.a, d.b] {
            if let IndicatorRef::Input(i) = operand {
                rules[i].users.push(&d.id);
            }
        }
    }
    rules
}

/// Binds a raw table to the set. On any problem, all of them are returned
/// and no unit is.
pub fn bind(
    set: &CriteriaSet,
    table: &RawTable,
    decimal: DecimalChoice,
) -> Result<Dataset, Rejected> {
    let file = table.file.as_str();
    let mut problems = table.problems.clone();
    let position: HashMap<&str, usize> = table
        .header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();

    let mut seen_header: HashMap<&str, usize> = HashMap::new();
    for (i, h) in table.header.iter().enumerate() {
        if h.is_empty() {
            let n = i + 1;
            problems.push(
                Problem::new(file, text!(vi: "cột thứ {n} không có tên ở dòng tiêu đề", en: "column {n} has no name in the header row"))
                    .at_line(1),
            );
        } else if seen_header.insert(h, i).is_some() {
            problems.push(
                Problem::new(file, text!(vi: "tên cột \"{h}\" xuất hiện hai lần ở dòng tiêu đề", en: "the column name \"{h}\" appears twice in the header row"))
                    .at_line(1),
            );
        }
    }

    let header_names = || table.header.iter().map(String::as_str);
    let mut locate = |name: &str, why: Text| -> Option<usize> {
        if let Some(&i) = position.get(name) {
            return Some(i);
        }
        let hint = did_you_mean(name, header_names());
        let (wv, we, hv, he) = (&why.vi, &why.en, &hint.vi, &hint.en);
        problems.push(
            Problem::new(
                file,
                text!(
                    vi: "thiếu cột \"{name}\" ({wv}).{hv}",
                    en: "the column \"{name}\" is missing ({we}).{he}"
                ),
            )
            .at_line(1),
        );
        None
    };
    let id_col = locate(&set.columns.id, Text::new("mã đơn vị", "the unit id"));
    let name_col = locate(&set.columns.name, Text::new("tên đơn vị", "the unit name"));
    let cluster_col = set
        .columns
        .cluster
        .as_deref()
        .map(|c| locate(c, Text::new("cụm thi đua", "the emulation cluster")));
    let rules = column_rules(set);
    let input_cols: Vec<Option<usize>> = set
        .inputs
        .iter()
        .zip(&rules)
        .map(|(input, r)| {
            let users = r.users.join(", ");
            locate(
                &input.column,
                text!(vi: "dùng bởi {users}", en: "used by {users}"),
            )
        })
        .collect();
    // A missing column is reported above; every other cell is still checked
    // so one run lists every problem in the file.
    let cluster_col = cluster_col.flatten();

    let style = decide_style(set, table, &input_cols, decimal, &mut problems);
    let allow_grouping = matches!(decimal, DecimalChoice::Explicit(_));

    let mut first_line_of_id: HashMap<String, usize> = HashMap::new();
    let mut units = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let at = |col: usize| {
            Problem::new(file, Text::new("", ""))
                .at_line(row.line)
                .at_column(Column::Name(table.header[col].clone()))
        };
        let cell = |col: usize| row.cells.get(col).map_or("", String::as_str);
        let id = id_col.map_or("", cell);
        if let Some(id_col) = id_col {
            if id.is_empty() {
                let mut p = at(id_col);
                p.message = Text::new("thiếu mã đơn vị", "the unit id is blank");
                problems.push(p);
            } else if let Some(first) = first_line_of_id.get(id) {
                let mut p = at(id_col).with_value(id);
                p.message = text!(
                    vi: "mã đơn vị bị trùng (đã có ở dòng {first})",
                    en: "duplicate unit id (already on line {first})"
                );
                problems.push(p);
            } else {
                first_line_of_id.insert(id.to_string(), row.line);
            }
        }
        let name = name_col.map_or("", cell);
        if let Some(name_col) = name_col
            && name.is_empty()
        {
            let mut p = at(name_col);
            p.message = Text::new("thiếu tên đơn vị", "the unit name is blank");
            problems.push(p);
        }
        let cluster = cluster_col.map(|c| {
            if cell(c).is_empty() {
                let mut p = at(c);
                p.message = Text::new(
                    "thiếu cụm thi đua của đơn vị",
                    "the unit's emulation cluster is blank",
                );
                problems.push(p);
            }
            cell(c).to_string()
        });
        let mut values = Vec::with_capacity(set.inputs.len());
        for ((input, r), col) in set.inputs.iter().zip(&rules).zip(&input_cols) {
            let Some(col) = *col else {
                values.push(Value::Missing);
                continue;
            };
            // A spreadsheet's own numbers are already exact, with a point.
            let (style, allow_grouping) = if row.is_typed_number(col) {
                (DecimalStyle::Point, false)
            } else {
                (style, allow_grouping)
            };
            match parse_cell(set, input, r, cell(col), style, allow_grouping) {
                Ok(v) => values.push(v),
                Err(message) => {
                    let mut p = at(col).with_value(cell(col));
                    p.message = message;
                    problems.push(p);
                }
            }
        }
        units.push(UnitRecord {
            id: id.to_string(),
            name: name.to_string(),
            cluster,
            values,
        });
    }

    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(problems.into());
    }
    let mut used: Vec<&str> = vec![&set.columns.id, &set.columns.name];
    used.extend(set.columns.cluster.as_deref());
    used.extend(set.inputs.iter().map(|i| i.column.as_str()));
    let unused_columns = table
        .header
        .iter()
        .filter(|h| !used.contains(&h.as_str()))
        .cloned()
        .collect();
    Ok(Dataset {
        units,
        unused_columns,
    })
}

/// The decimal style of the file: the user's, or the only one its cells show.
/// Cells that contradict the majority, or that could be read either way with
/// nothing to decide, are problems: never a silent guess.
fn decide_style(
    set: &CriteriaSet,
    table: &RawTable,
    input_cols: &[Option<usize>],
    decimal: DecimalChoice,
    problems: &mut Vec<Problem>,
) -> DecimalStyle {
    if let DecimalChoice::Explicit(style) = decimal {
        return style;
    }
    let numeric: Vec<usize> = set
        .inputs
        .iter()
        .zip(input_cols)
        .filter(|(i, _)| i.kind == ValueKind::Number)
        .filter_map(|(_, c)| *c)
        .collect();
    let mut evidence = Vec::new();
    for row in &table.rows {
        for &col in &numeric {
            let Some(cell) = row.cells.get(col) else {
                continue;
            };
            if row.is_typed_number(col) {
                continue;
            }
            let e = separator_evidence(cell);
            if e != SeparatorEvidence::None {
                evidence.push((row.line, col, cell.as_str(), e));
            }
        }
    }
    let count = |kind| evidence.iter().filter(|e| e.3 == kind).count();
    let (points, commas) = (
        count(SeparatorEvidence::Point),
        count(SeparatorEvidence::Comma),
    );
    let style = if commas > points {
        DecimalStyle::Comma
    } else {
        DecimalStyle::Point
    };
    let mixed = points > 0 && commas > 0;
    for (line, col, cell, e) in evidence {
        let contradicts = match e {
            SeparatorEvidence::Point => mixed && style == DecimalStyle::Comma,
            SeparatorEvidence::Comma => mixed && style == DecimalStyle::Point,
            SeparatorEvidence::Ambiguous => points == 0 && commas == 0,
            SeparatorEvidence::None => false,
        };
        if !contradicts {
            continue;
        }
        let message = if e == SeparatorEvidence::Ambiguous {
            Text::new(
                "không rõ dấu \".\"/\",\" là dấu thập phân hay dấu phân cách hàng nghìn; chạy lại với --decimal point (85.5) hoặc --decimal comma (85,5)",
                "it is unclear whether \".\"/\",\" is a decimal or a thousands separator here; run again with --decimal point (85.5) or --decimal comma (85,5)",
            )
        } else {
            Text::new(
                "tệp trộn hai kiểu dấu thập phân (85.5 và 85,5); sửa cho thống nhất hoặc chạy lại với --decimal point hoặc --decimal comma",
                "the file mixes decimal styles (85.5 and 85,5); make them consistent or run again with --decimal point or --decimal comma",
            )
        };
        problems.push(
            Problem::new(&table.file, message)
                .at_line(line)
                .at_column(Column::Name(table.header[col].clone()))
                .with_value(cell),
        );
    }
    style
}

fn parse_cell(
    set: &CriteriaSet,
    input: &Input,
    rules: &ColumnRules<'_>,
    cell: &str,
    style: DecimalStyle,
    allow_grouping: bool,
) -> Result<Value, Text> {
    let users = rules.users.join(", ");
    if cell.is_empty() {
        if input.blank_means_zero || set.missing == MissingPolicy::Zero {
            return Ok(Value::Missing);
        }
        return Err(text!(
            vi: "ô trống; hãy nhập giá trị cho {users} (bộ tiêu chí không cho phép bỏ trống: missing = \"error\")",
            en: "the cell is blank; enter a value for {users} (the criteria set does not allow blanks: missing = \"error\")"
        ));
    }
    if is_not_applicable(cell) {
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
            let key = label_key(cell);
            match rules
                .levels
                .iter()
                .find(|levels| !levels.iter().any(|l| l.key == key))
            {
                None => Ok(Value::Label(key)),
                Some(levels) => {
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
            let value =
                parse_number(cell, style, allow_grouping).map_err(|e| number_error(e, style))?;
            if rules.non_negative && value.is_sign_negative() && !value.is_zero() {
                return Err(text!(
                    vi: "không được âm (là số lượng hoặc số điểm cho {users})",
                    en: "must not be negative (it is a count or points for {users})"
                ));
            }
            if let Some(max) = rules.at_most
                && value > max
            {
                return Err(text!(
                    vi: "vượt số điểm tối đa {max} của {users}",
                    en: "exceeds the maximum of {max} points of {users}"
                ));
            }
            Ok(Value::Number(value.normalize()))
        }
    }
}

fn number_error(e: NumberError, style: DecimalStyle) -> Text {
    let example = match style {
        DecimalStyle::Point => "85.5",
        DecimalStyle::Comma => "85,5",
    };
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
        NumberError::BadGrouping => Text::new(
            "dấu phân cách hàng nghìn phải chia nhóm 3 chữ số (ví dụ 1.234,5)",
            "thousands separators must split groups of 3 digits (e.g. 1,234.5)",
        ),
    }
}

/// The N/A tokens, for messages and docs.
pub fn not_applicable_tokens() -> &'static [&'static str] {
    NOT_APPLICABLE_TOKENS
}
