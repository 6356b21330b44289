//! The empty data-entry workbook for a criteria set: the data sheet with
//! drop-downs and number checks, and a guide sheet explaining every column.

use super::*;
use crate::model::{BlankTarget, InputConstraints};

/// Data rows that get drop-downs and checks: 2..=1000 in Excel's numbering.
const FIRST_DATA_ROW: RowNum = 1;
const LAST_DATA_ROW: RowNum = 999;

/// Excel keeps 15 significant digits; a larger value could not be typed exactly.
const LARGEST_TYPED: i64 = 1_000_000_000_000_000;

/// What the readers of one input column expect of it.
struct Usage<'s> {
    /// "A1 title", "G1 title", "TH1 title", "used to compute …".
    what: Vec<String>,
    units: Vec<&'s str>,
    /// The loader's own bounds and levels, the very value it checks cells
    /// against ([`CriteriaSet::input_constraints`]), so the sheet refuses
    /// what scoring would refuse.
    constraints: InputConstraints<'s>,
}

fn usages(set: &CriteriaSet, lang: Lang) -> Vec<Usage<'_>> {
    let mut out: Vec<Usage> = set
        .input_constraints()
        .into_iter()
        .map(|constraints| Usage {
            what: Vec::new(),
            units: Vec::new(),
            constraints,
        })
        .collect();
    let scored = set
        .criteria
        .iter()
        .map(|c| (&c.id, &c.title, c.indicator, c.unit.as_deref()))
        .chain(
            set.gates
                .iter()
                .map(|g| (&g.id, &g.title, g.indicator, g.unit.as_deref())),
        );
    for (id, title, indicator, unit) in scored {
        let IndicatorRef::Input(i) = indicator else {
            continue;
        };
        let Some(u) = out.get_mut(i) else { continue };
        u.what.push(format!("{id} {title}"));
        if let Some(unit) = unit
            && !u.units.contains(&unit)
        {
            u.units.push(unit);
        }
    }
    for a in &set.adjustments {
        if let IndicatorRef::Input(i) = a.indicator
            && let Some(u) = out.get_mut(i)
        {
            u.what.push(format!("{} {}", a.id, a.title));
        }
    }
    let conditions = set
        .downgrades
        .iter()
        .map(|d| (&d.id, &d.title, d.indicator))
        .chain(
            set.exclusions
                .iter()
                .map(|x| (&x.id, &x.title, x.indicator)),
        );
    for (id, title, indicator) in conditions {
        if let IndicatorRef::Input(i) = indicator
            && let Some(u) = out.get_mut(i)
        {
            u.what.push(format!("{id} {title}"));
        }
    }
    for (d, derived) in set.derived.iter().enumerate() {
        let readers: Vec<&str> = set
            .criteria
            .iter()
            .map(|c| (&c.id, c.indicator))
            .chain(set.gates.iter().map(|g| (&g.id, g.indicator)))
            .filter(|(_, ind)| *ind == IndicatorRef::Derived(d))
            .map(|(id, _)| id.as_str())
            .collect();
        let title = derived
            .title
            .as_deref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default();
        let readers = if readers.is_empty() {
            String::new()
        } else {
            format!(" → {}", readers.join(", "))
        };
        let line = format!(
            "{} {}{title}{readers}",
            Label::UsedToCompute.text(lang),
            derived.id
        );
        for operand in [derived.a, derived.b] {
            if let IndicatorRef::Input(i) = operand
                && let Some(u) = out.get_mut(i)
                && !u.what.contains(&line)
            {
                u.what.push(line.clone());
            }
        }
    }
    out
}

/// Labels every levels rule reading the column accepts, as the first writes them.
fn common_labels(levels: &[&[Level]]) -> Vec<String> {
    let Some((first, rest)) = levels.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter(|l| {
            rest.iter()
                .all(|other| other.iter().any(|o| o.key == l.key))
        })
        .map(|l| l.label.clone())
        .collect()
}

/// One column of the template and its line in the guide.
struct Guide {
    column: String,
    what: String,
    unit: String,
    allowed: String,
    na: String,
    blank: String,
    accepts_na: bool,
    check: Check,
}

enum Check {
    None,
    List(Vec<String>),
    Number {
        low: Option<Decimal>,
        high: Option<Decimal>,
        /// Whole numbers only (`whole = true`).
        whole: bool,
        na: bool,
    },
}

fn guides(set: &CriteriaSet, lang: Lang) -> Vec<Guide> {
    let no = Label::No.text(lang).to_string();
    let identity = |column: &str, what: &str| Guide {
        column: column.to_string(),
        what: what.to_string(),
        unit: String::new(),
        allowed: Label::TextOrDigits.text(lang).to_string(),
        na: no.clone(),
        blank: no.clone(),
        accepts_na: false,
        check: Check::None,
    };
    let mut out = vec![
        identity(&set.columns.id, Label::UnitIdGuide.text(lang)),
        identity(&set.columns.name, Label::UnitName.text(lang)),
    ];
    if let Some(c) = &set.columns.cluster {
        out.push(identity(c, Label::ClusterGuide.text(lang)));
    }
    let na_tokens = NOT_APPLICABLE_TOKENS;
    for (input, usage) in set.inputs.iter().zip(usages(set, lang)) {
        // Another set's result is not entered: it comes from `--result`.
        if !input.is_column() {
            continue;
        }
        let na_words = if input.accepts_na {
            format!("{}: {}", Label::Allowed.text(lang), na_tokens.join(", "))
        } else {
            no.clone()
        };
        let with_na = |mut list: Vec<String>| {
            if input.accepts_na {
                list.push("N/A".to_string());
            }
            list
        };
        let (allowed, check) = match input.kind {
            ValueKind::YesNo => {
                let (yes, no) = (words::yes_no(lang, true), words::yes_no(lang, false));
                let others: Vec<&str> = YES_NO_TOKENS
                    .iter()
                    .copied()
                    .filter(|t| *t != yes && *t != no)
                    .collect();
                (
                    format!(
                        "{yes} / {no} ({}: {})",
                        Label::AlsoAccepted.text(lang),
                        others.join(", ")
                    ),
                    Check::List(with_na(vec![yes.to_string(), no.to_string()])),
                )
            }
            ValueKind::Label => {
                let labels = common_labels(&usage.constraints.levels);
                (labels.join(" / "), Check::List(with_na(labels)))
            }
            ValueKind::Number => {
                let low = usage.constraints.low.map(|b| b.value);
                let high = usage.constraints.high.map(|b| b.value);
                let mut allowed = match (low, high) {
                    (Some(low), Some(high)) => {
                        TemplateMessage::NumberFromTo { low, high }.words(lang)
                    }
                    (Some(low), None) => TemplateMessage::NumberAtLeast { low }.words(lang),
                    (None, Some(high)) => TemplateMessage::NumberAtMost { high }.words(lang),
                    (None, None) => Label::ANumber.words(lang),
                }
                .into_owned();
                if usage.units.contains(&"%") {
                    // A typed "85.5%" becomes 0.855 in a percent-formatted cell;
                    // the reader undoes that for .xlsx, a plain 85.5 is safest.
                    allowed.push_str(Label::PercentageHint.text(lang));
                }
                if usage.constraints.whole {
                    allowed.push_str(Label::WholeHint.text(lang));
                }
                (
                    allowed,
                    Check::Number {
                        low,
                        high,
                        whole: usage.constraints.whole,
                        na: input.accepts_na,
                    },
                )
            }
        };
        let blank = if input.blank_target == BlankTarget::NoTarget {
            Label::BlankWithoutTarget
        } else if input.blank_target == BlankTarget::Required {
            Label::BlankNeedsTarget
        } else if input.blank_means_zero {
            Label::BlankCountsZero
        } else if set.missing == MissingPolicy::Zero {
            Label::BlankFlaggedMissing
        } else {
            Label::No
        }
        .text(lang);
        out.push(Guide {
            column: input.column.clone(),
            what: usage.what.join("; "),
            unit: usage.units.join(", "),
            allowed,
            na: na_words,
            blank: blank.to_string(),
            accepts_na: input.accepts_na,
            check,
        });
    }
    out
}

/// Lists too long for Excel's inline limit (255 characters), or holding a
/// comma (the inline separator), go on a hidden sheet instead.
struct Lists {
    ws: Worksheet,
    name: String,
    used: ColNum,
}

impl Lists {
    fn range(&mut self, items: &[String], st: &Styles) -> Result<Formula, RenderError> {
        let col = self.used;
        for (r, item) in items.iter().enumerate() {
            write_text(&mut self.ws, st, row_num(r)?, col, item, &st.paragraph)?;
        }
        self.used += 1;
        let last = row_num(items.len().saturating_sub(1))?;
        Ok(Formula::new(format!(
            "={}!{}:{}",
            quote_sheet_name(&self.name),
            row_col_to_cell_absolute(0, col),
            row_col_to_cell_absolute(last, col)
        )))
    }
}

fn truncate_message(s: &str) -> String {
    truncate_utf16(s, 255)
}

fn validation(
    guide: &Guide,
    col: ColNum,
    lang: Lang,
    lists: &mut Lists,
    st: &Styles,
) -> Result<Option<DataValidation>, RenderError> {
    let dv = match &guide.check {
        Check::None => return Ok(None),
        Check::List(items) if items.is_empty() => return Ok(None),
        Check::List(items) => {
            let inline: usize = items.iter().map(|i| i.encode_utf16().count() + 1).sum();
            if inline > 255 || items.iter().any(|i| i.contains(',')) {
                DataValidation::new().allow_list_formula(lists.range(items, st)?)
            } else {
                DataValidation::new().allow_list_strings(items)?
            }
        }
        Check::Number {
            low,
            high,
            whole: false,
            na: false,
        } => {
            let rule = match (low, high) {
                (Some(lo), Some(hi)) => {
                    DataValidationRule::Between(excel_number(*lo)?, excel_number(*hi)?)
                }
                (Some(lo), None) => DataValidationRule::GreaterThanOrEqualTo(excel_number(*lo)?),
                (None, Some(hi)) => DataValidationRule::LessThanOrEqualTo(excel_number(*hi)?),
                (None, None) => {
                    let limit = excel_number(Decimal::from(LARGEST_TYPED))?;
                    DataValidationRule::Between(-limit, limit)
                }
            };
            DataValidation::new().allow_decimal_number(rule)
        }
        Check::Number {
            low,
            high,
            whole,
            na,
        } => {
            // A number check that lets whole numbers only, or also the N/A
            // words, through; bounds are written as exact decimal text.
            let cell = row_col_to_cell(FIRST_DATA_ROW, col);
            let mut number = vec![format!("ISNUMBER({cell})")];
            if *whole {
                number.push(format!("{cell}=INT({cell})"));
            }
            if let Some(lo) = low {
                number.push(format!("{cell}>={}", num(*lo)));
            }
            if let Some(hi) = high {
                number.push(format!("{cell}<={}", num(*hi)));
            }
            let mut any = vec![if number.len() == 1 {
                number.join(",")
            } else {
                format!("AND({})", number.join(","))
            }];
            if *na {
                any.extend(
                    NOT_APPLICABLE_TOKENS
                        .iter()
                        .map(|t| format!("{cell}=\"{}\"", t.replace('"', "\"\""))),
                );
            }
            DataValidation::new().allow_custom(Formula::new(format!("=OR({})", any.join(","))))
        }
    };
    let mut hint = guide.allowed.clone();
    if guide.accepts_na {
        hint.push_str(&format!(
            "; {}: {}",
            Label::OrNotApplicable.text(lang),
            NOT_APPLICABLE_TOKENS.join(", ")
        ));
    }
    let dv = dv
        .set_input_title(truncate_utf16(&guide.column, 32))?
        .set_input_message(truncate_message(&hint))?
        .set_error_title(truncate_utf16(Label::ValueNotAllowed.text(lang), 32))?
        .set_error_message(truncate_message(&format!("{}: {hint}", guide.column)))?;
    Ok(Some(dv))
}

/// An empty data-entry workbook for a criteria set: the data sheet (first,
/// so `score` reads it as is) with drop-downs and number checks, and a
/// guide sheet explaining every column.
pub fn template_xlsx(set: &CriteriaSet, lang: Lang) -> Result<Vec<u8>, RenderError> {
    let st = Styles::new(set.precision, true, lang);
    let guides = guides(set, lang);
    let mut names = SheetNames::default();

    let mut data = Worksheet::new();
    data.set_name(names.claim(Label::DataEntrySheet.text(lang), "Data"))?;
    let lists_name = names.claim(Label::ListsSheet.text(lang), "Lists");
    let mut lists = Lists {
        ws: Worksheet::new(),
        name: lists_name.clone(),
        used: 0,
    };
    lists.ws.set_name(lists_name)?;
    let identity = 2 + usize::from(set.columns.cluster.is_some());
    for (c, guide) in guides.iter().enumerate() {
        let col = col_num(c)?;
        write_text(&mut data, &st, 0, col, &guide.column, &st.header)?;
        if c < identity {
            data.set_column_format(col, &st.text_column)?;
        }
        if let Some(dv) = validation(guide, col, lang, &mut lists, &st)? {
            data.add_data_validation(FIRST_DATA_ROW, col, LAST_DATA_ROW, col, &dv)?;
        }
    }
    data.autofit();
    // Autofit leaves the text-formatted identity columns alone; names are long.
    for (c, pixels) in [90, 200, 105].into_iter().take(identity).enumerate() {
        data.set_column_width_pixels(col_num(c)?, pixels)?;
    }
    data.set_freeze_panes(1, 0)?;
    print_setup(&mut data, &st, Some(0))?;

    let mut guide_ws = Worksheet::new();
    guide_ws.set_name(names.claim(Label::GuideSheet.text(lang), "Guide"))?;
    let header = [
        Label::Column,
        Label::WhatItIs,
        Label::MeasureUnit,
        Label::AllowedValues,
        Label::NotApplicableAllowed,
        Label::BlankAllowed,
    ]
    .map(|h| h.text(lang));
    for (c, h) in header.iter().enumerate() {
        write_text(&mut guide_ws, &st, 0, col_num(c)?, h, &st.header)?;
    }
    for (r, g) in guides.iter().enumerate() {
        let row = row_num(r + 1)?;
        let cells = [&g.column, &g.what, &g.unit, &g.allowed, &g.na, &g.blank];
        for (c, text) in cells.iter().enumerate() {
            write_text(&mut guide_ws, &st, row, col_num(c)?, text, &st.text)?;
        }
    }
    guide_ws.set_autofit_max_width(400);
    guide_ws.autofit();
    guide_ws.set_freeze_panes(1, 1)?;
    print_setup(&mut guide_ws, &st, Some(0))?;

    let mut book = Workbook::new();
    book.push_worksheet(data);
    book.push_worksheet(guide_ws);
    if lists.used > 0 {
        lists.ws.set_hidden(true);
        book.push_worksheet(lists.ws);
    }
    Ok(book.save_to_buffer()?)
}
