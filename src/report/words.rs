//! Model and results in words, in either language: shared by every renderer.

use rust_decimal::Decimal;

use super::messages::{Label, ModelWords};
use crate::engine::rating::Shortfall;
use crate::engine::rules::Target;
use crate::i18n::{Lang, Message};
use crate::model::*;

/// A decimal without trailing zeros, as `d.normalize().to_string()` writes
/// it (no exponent): `3`, `18.5`, `91.25`.
pub fn num(d: Decimal) -> String {
    let mut bytes = Vec::with_capacity(32);
    push_num(&mut bytes, d);
    // Only ASCII digits, a sign and a point: always UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// [`num`] as the language writes it: a decimal comma in Vietnamese
/// (`103,42`), a point in English. For people; csv and json keep [`num`].
pub fn num_in(lang: Lang, d: Decimal) -> String {
    let text = num(d);
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// [`num`] into bytes: a CSV of a million units writes fifty million
/// of these, so the common case (a mantissa within 64 bits) goes straight
/// from the integer to digits, and the digits straight to `out`.
pub fn push_num(out: &mut Vec<u8>, d: Decimal) {
    let (m, scale, negative) = (d.mantissa().unsigned_abs(), d.scale(), d.is_sign_negative());
    // Points fit 64 bits, whose arithmetic is several times faster than
    // 128 bits'; a 96-bit mantissa always fits 128.
    match u64::try_from(m) {
        Ok(small) => push_scaled(out, negative, small, scale),
        Err(_) => push_scaled(out, negative, m, scale),
    }
}

/// A ranking figure, as [`push_num`] writes its value.
pub fn push_figure(out: &mut Vec<u8>, f: Figure) {
    match f {
        Figure::Scaled { mantissa, scale } => {
            push_scaled(out, mantissa < 0, mantissa.unsigned_abs(), scale);
        }
        Figure::Decimal(d) => push_num(out, d),
    }
}

/// The text of every small figure at one scale, made once: a ranking of a
/// million units writes fifty million figures, nearly all of them points
/// between 0 and 100, and copying a few bytes is much cheaper than
/// formatting them.
pub struct FigureTexts {
    scale: u32,
    /// Mantissa `m`'s text and a comma, padded to 8 bytes; its length in
    /// the last byte. Copying 8 bytes and dropping the padding takes two
    /// instructions; copying a slice of varying length calls `memcpy`.
    entries: Vec<[u8; 8]>,
}

impl FigureTexts {
    /// Room for a figure's text and its comma; the last byte holds the length.
    const ROOM: usize = 7;

    /// Mantissas `0..count` at `scale` (those whose text fits the room).
    pub fn new(scale: u32, count: u32) -> Self {
        let mut text = Vec::new();
        let entries = (0..count)
            .map_while(|m| {
                text.clear();
                push_scaled(&mut text, false, u64::from(m), scale);
                text.push(b',');
                Self::entry(&text)
            })
            .collect();
        FigureTexts { scale, entries }
    }

    /// `text` as an entry, when it fits the room.
    fn entry(text: &[u8]) -> Option<[u8; 8]> {
        let mut entry = [0u8; 8];
        entry.get_mut(..text.len())?.copy_from_slice(text);
        entry[Self::ROOM] = u8::try_from(text.len()).ok().filter(|&n| n <= 7)?;
        Some(entry)
    }

    /// Writes `f` as [`push_figure`] does, and a comma.
    #[inline]
    pub fn push_field(&self, out: &mut Vec<u8>, f: Figure) {
        match f {
            Figure::Scaled { mantissa, scale } => self.push_scaled_field(out, mantissa, scale),
            Figure::Decimal(d) => push_decimal_field(out, d),
        }
    }

    /// [`FigureTexts::push_field`] of `mantissa × 10^-scale`.
    #[inline(always)]
    fn push_scaled_field(&self, out: &mut Vec<u8>, mantissa: i64, scale: u32) {
        Self::push_from(self.table(scale), out, mantissa, scale);
    }

    /// `mantissa × 10^-scale` and a comma, from `table` (the texts at
    /// `scale`) when it holds it.
    #[inline(always)]
    fn push_from(table: &[[u8; 8]], out: &mut Vec<u8>, mantissa: i64, scale: u32) {
        match usize::try_from(mantissa).ok().and_then(|m| table.get(m)) {
            Some(entry) => Self::push_entry(out, entry),
            None => push_scaled_field(out, mantissa, scale),
        }
    }

    /// The next `n` figures of `figures` as fields (as
    /// [`FigureTexts::push_field`] writes them), `na` for each N/A one.
    // Out of line, with the reader a local: the loop of a ranking table
    // then keeps the bytes, the table and the row in registers.
    #[inline(never)]
    pub fn push_fields(
        &self,
        out: &mut Vec<u8>,
        figures: &mut EncodedFigures<'_>,
        n: usize,
        na: &[u8],
    ) {
        let mut reader = figures.clone();
        // The table picked once, not for every figure.
        let table = self.table(reader.scale());
        for _ in 0..n {
            match reader.next_figure() {
                Some(Figure::Scaled { mantissa, scale }) => {
                    Self::push_from(table, out, mantissa, scale);
                }
                Some(f) => self.push_field(out, f),
                None => out.extend_from_slice(na),
            }
        }
        *figures = reader;
    }

    /// The texts of figures at `scale`: none unless the table is at it.
    #[inline(always)]
    fn table(&self, scale: u32) -> &[[u8; 8]] {
        if scale == self.scale {
            &self.entries
        } else {
            &[]
        }
    }

    /// An entry's text and comma, without its padding.
    #[inline(always)]
    fn push_entry(out: &mut Vec<u8>, entry: &[u8; 8]) {
        let keep = out.len() + usize::from(entry[Self::ROOM]);
        out.extend_from_slice(entry);
        out.truncate(keep);
    }
}

/// A figure no table holds, and a comma.
#[cold]
#[inline(never)]
fn push_scaled_field(out: &mut Vec<u8>, mantissa: i64, scale: u32) {
    push_figure(out, Figure::Scaled { mantissa, scale });
    out.push(b',');
}

/// A figure kept as a decimal, and a comma.
#[cold]
#[inline(never)]
fn push_decimal_field(out: &mut Vec<u8>, d: Decimal) {
    push_figure(out, Figure::Decimal(d));
    out.push(b',');
}

/// `m × 10^-scale` with the sign.
fn push_scaled<N>(out: &mut Vec<u8>, negative: bool, m: N, scale: u32)
where
    N: itoa::Integer
        + Copy
        + PartialEq
        + From<u8>
        + std::ops::Rem<Output = N>
        + std::ops::DivAssign,
{
    let (m, scale) = strip_zeros(m, scale);
    place(
        out,
        negative,
        itoa::Buffer::new().format(m).as_bytes(),
        scale as usize,
    );
}

/// Writes a sign, then `digits` with a point `scale` digits from the end;
/// zero has no sign.
fn place(out: &mut Vec<u8>, negative: bool, digits: &[u8], scale: usize) {
    if digits == b"0" {
        out.push(b'0');
        return;
    }
    if negative {
        out.push(b'-');
    }
    if scale == 0 {
        out.extend_from_slice(digits);
    } else if digits.len() <= scale {
        // 0.05: leading zeros before the digits.
        out.extend_from_slice(b"0.");
        out.resize(out.len() + scale - digits.len(), b'0');
        out.extend_from_slice(digits);
    } else {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.extend_from_slice(whole);
        out.push(b'.');
        out.extend_from_slice(fraction);
    }
}

/// Drops trailing fractional zeros (as `normalize` does): `(300, 2)` is `(3, 0)`.
fn strip_zeros<N>(mut m: N, mut scale: u32) -> (N, u32)
where
    N: Copy + PartialEq + From<u8> + std::ops::Rem<Output = N> + std::ops::DivAssign,
{
    let (ten, zero) = (N::from(10), N::from(0));
    while scale > 0 && m != zero && m % ten == zero {
        m /= ten;
        scale -= 1;
    }
    (m, scale)
}

fn with_unit(lang: Lang, d: Decimal, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{}%", num_in(lang, d)),
        Some(u) => format!("{} {u}", num_in(lang, d)),
        None => num_in(lang, d),
    }
}

/// What the score column is called: "Điểm", or for a set judged by its
/// pass count, "Điểm (tham khảo)": the points are an internal aid there.
pub fn score_label(lang: Lang, set: &CriteriaSet) -> &'static str {
    if set.headline_is_pass_count() {
        Label::ScoreAsAid.text(lang)
    } else {
        Label::Score.text(lang)
    }
}

pub fn yes_no(lang: Lang, yes: bool) -> &'static str {
    if yes { Label::Yes } else { Label::No }.text(lang)
}

/// Decimal places shown for values that carry more (derived ratios such as
/// 85.714285…); display only, every comparison uses the exact value.
const SHOWN_PLACES: u32 = 2;

/// A number for people: at most two decimals, with `≈` when that rounded it.
pub fn approx(lang: Lang, d: Decimal) -> String {
    let shown = crate::exact::round_half_away(d, SHOWN_PLACES);
    if shown == d {
        num_in(lang, d)
    } else {
        format!("≈{}", num_in(lang, shown))
    }
}

/// A cell value for display; level labels shown as the criteria file writes them.
pub fn value(lang: Lang, rule: &Rule, unit: Option<&str>, v: &Value) -> String {
    match v {
        Value::Number(_) | Value::Fraction { .. } => {
            let d = v.as_decimal().unwrap_or_default();
            match unit {
                Some("%") => format!("{}%", approx(lang, d)),
                Some(u) => format!("{} {u}", approx(lang, d)),
                None => approx(lang, d),
            }
        }
        Value::YesNo(b) => yes_no(lang, *b).to_string(),
        Value::Label(id) => match rule {
            Rule::Levels(levels) => levels
                .iter()
                .find(|l| l.id == *id)
                .map_or_else(String::new, |l| l.label.clone()),
            _ => String::new(),
        },
        Value::NotApplicable => Label::NotApplicableValue.text(lang).to_string(),
        Value::Missing => Label::BlankValue.text(lang).to_string(),
    }
}

/// A value for machine output (JSON, CSV): language-neutral.
pub fn raw_value(rule: &Rule, v: &Value) -> Option<String> {
    match v {
        Value::Number(_) | Value::Fraction { .. } => v.as_decimal().map(num),
        Value::YesNo(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        Value::Label(_) => Some(value(Lang::Vi, rule, None, v)),
        Value::NotApplicable | Value::Missing => None,
    }
}

/// The rule in one phrase, e.g. `≥ 95% → 3`, `80% → 0 … 100% → 4 (linear)`.
pub fn rule(lang: Lang, rule: &Rule, points: Decimal, unit: Option<&str>) -> String {
    let u = |d: Decimal| with_unit(lang, d, unit);
    let p = num_in(lang, points);
    match rule {
        Rule::Yes => format!("{} → {p}", yes_no(lang, true)),
        Rule::AtLeast(min) => format!("≥ {} → {p}", u(*min)),
        Rule::AtMost(max) => format!("≤ {} → {p}", u(*max)),
        Rule::Linear { zero, full } => format!(
            "{} → 0 … {} → {p} ({})",
            u(*zero),
            u(*full),
            Label::Linear.text(lang)
        ),
        Rule::Steps(steps) => {
            let parts: Vec<String> = steps
                .iter()
                .map(|s| match s.bound {
                    Bound::AtLeast(x) => format!("≥ {} → {}", u(x), num_in(lang, s.points)),
                    Bound::AtMost(x) => format!("≤ {} → {}", u(x), num_in(lang, s.points)),
                })
                .collect();
            format!("{}; {} 0", parts.join("; "), Label::Otherwise.text(lang))
        }
        Rule::Levels(levels) => levels
            .iter()
            .map(|l| format!("{} → {}", l.label, num_in(lang, l.points)))
            .collect::<Vec<_>>()
            .join("; "),
        Rule::Deduct { per } => ModelWords::DeductRule { points, per: *per }
            .words(lang)
            .into_owned(),
        Rule::Direct => ModelWords::DirectRule { points }.words(lang).into_owned(),
        Rule::Target(t) => target_rule(lang, t, points, unit),
        Rule::Relative(r) => ModelWords::RelativeRule {
            points,
            relative: *r,
        }
        .words(lang)
        .into_owned(),
    }
}

/// A `target` rule in one phrase: what the target earns, the leader, and
/// the share below it.
fn target_rule(lang: Lang, t: &TargetRule, points: Decimal, unit: Option<&str>) -> String {
    let sign = match t.relative.direction {
        Direction::Higher => "≥",
        Direction::Lower => "≤",
    };
    let target = match t.target {
        TargetOf::Number(x) => format!("{sign} {}", with_unit(lang, x, unit)),
        TargetOf::Indicator(_) => format!("{sign} {}", Label::UnitsTarget.text(lang)),
    };
    ModelWords::TargetRule {
        target: &target,
        at_target: crate::exact::round_half_away(points * t.at_target, SHOWN_PLACES),
        points,
        scope: t.relative.scope,
        // Only a column of targets can leave a unit without one.
        blank_is_relative: matches!(t.target, TargetOf::Indicator(_)) && !t.blank_is_error,
    }
    .words(lang)
    .into_owned()
}

/// A gate's pass condition in words.
pub fn gate_rule(lang: Lang, gate: &Gate) -> String {
    let u = |d: Decimal| with_unit(lang, d, gate.unit.as_deref());
    match &gate.rule {
        Rule::Yes => format!("\"{}\"", yes_no(lang, true)),
        Rule::AtLeast(min) => format!("≥ {}", u(*min)),
        Rule::AtMost(max) => format!("≤ {}", u(*max)),
        Rule::Linear { zero, full } if full < zero => format!("≤ {}", u(*full)),
        Rule::Linear { full, .. } => format!("≥ {}", u(*full)),
        Rule::Deduct { .. } => "= 0".to_string(),
        Rule::Levels(levels) => {
            let full = crate::engine::rules::gate_full(&gate.rule);
            let passing: Vec<String> = levels
                .iter()
                .filter(|l| l.points >= full)
                .map(|l| format!("\"{}\"", l.label))
                .collect();
            passing.join(Label::Or.text(lang))
        }
        other => {
            let target = crate::engine::rules::full_points_target(other, Decimal::ONE);
            target_words(lang, &target, gate.unit.as_deref())
        }
    }
}

/// The value that earns full points, in words.
pub fn target_words(lang: Lang, target: &Target, unit: Option<&str>) -> String {
    match target {
        Target::Yes => format!("\"{}\"", yes_no(lang, true)),
        Target::AtLeast(x) => format!("≥ {}", with_unit(lang, *x, unit)),
        Target::AtMost(x) => format!("≤ {}", with_unit(lang, *x, unit)),
        Target::Label(l) => format!("\"{l}\""),
        Target::Exactly(x) => format!("= {}", with_unit(lang, *x, unit)),
        Target::Best(_) => Label::AsGoodAsTheLeader.text(lang).to_string(),
    }
}

pub fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Scored => "",
        Status::NotApplicable => Label::StatusNotApplicable.text(lang),
        Status::Missing => Label::StatusMissing.text(lang),
    }
}

pub fn met_mark(met: bool) -> &'static str {
    if met { "✓" } else { "✗" }
}

/// The conditions of a rating, in words.
pub fn rating_conditions(lang: Lang, set: &CriteriaSet, rating: &Rating) -> String {
    let mut parts = Vec::new();
    if let Some(min) = rating.min_score {
        parts.push(format!(
            "{} ≥ {}",
            Label::ScoreWord.text(lang),
            num_in(lang, min)
        ));
    }
    if rating.all_gates {
        parts.push(Label::EveryGatePassed.text(lang).to_string());
    }
    if let Some(min) = rating.min_met {
        parts.push(ModelWords::AtLeastMet { min }.words(lang).into_owned());
    }
    if rating.all_met {
        parts.push(Label::EveryApplicableCriterionMet.text(lang).to_string());
    }
    if !rating.required.is_empty() {
        let ids = criteria_ids(set, &rating.required);
        parts.push(
            ModelWords::RequiredMet { ids: &ids }
                .words(lang)
                .into_owned(),
        );
    }
    if let Some(q) = rating.quota {
        let of = match q.of {
            Some(r) => ModelWords::RatedOrBetter {
                rating: rating_shown(set, r),
            }
            .words(lang),
            None => Label::AllUnits.words(lang),
        };
        let scope = match q.scope {
            QuotaScope::All => "",
            QuotaScope::Cluster => Label::PerCluster.text(lang),
        };
        parts.push(
            ModelWords::AtMostShare {
                percent: q.share * Decimal::ONE_HUNDRED,
                of: &of,
                scope,
            }
            .words(lang)
            .into_owned(),
        );
    }
    if parts.is_empty() {
        Label::EveryoneElse.text(lang).to_string()
    } else {
        parts.join("; ")
    }
}

pub fn criteria_ids(set: &CriteriaSet, list: &[CriterionIdx]) -> String {
    list.iter()
        .map(|&c| set.criterion(c).id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn gate_ids(set: &CriteriaSet, list: &[usize]) -> String {
    let mut out = String::new();
    write_gate_ids(&mut out, set, list.iter().copied());
    out
}

/// Appends [`gate_ids`] to `out`, for writers that reuse one buffer.
pub fn write_gate_ids(out: &mut String, set: &CriteriaSet, list: impl IntoIterator<Item = usize>) {
    write_ids(out, list, |g| set.gates.get(g).map(|g| g.id.as_str()));
}

/// Criterion ids by their indexes, as [`write_gate_ids`] writes gates.
pub fn write_criterion_ids(
    out: &mut String,
    set: &CriteriaSet,
    list: impl IntoIterator<Item = usize>,
) {
    write_ids(out, list, |c| set.criteria.get(c).map(|c| c.id.as_str()));
}

/// The ids `id_of` gives the indexes in `list`, joined with ", ".
fn write_ids<'s>(
    out: &mut String,
    list: impl IntoIterator<Item = usize>,
    id_of: impl Fn(usize) -> Option<&'s str>,
) {
    for (n, id) in list.into_iter().filter_map(id_of).enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str(id);
    }
}

/// Why a rating's own conditions are not met, in words.
pub fn shortfall(lang: Lang, set: &CriteriaSet, s: &Shortfall) -> String {
    let (gates, criteria);
    let words = match s {
        Shortfall::Score { min, short_by } => ModelWords::ScoreShort {
            min: *min,
            short_by: *short_by,
        },
        Shortfall::Gates { failed } => {
            gates = gate_ids(set, failed);
            ModelWords::GatesFailed { ids: &gates }
        }
        Shortfall::MinMet { min, met } => ModelWords::TooFewMet {
            min: *min,
            met: *met,
        },
        Shortfall::AllMet { unmet } => {
            criteria = criteria_ids(set, unmet);
            ModelWords::NotMet { ids: &criteria }
        }
        Shortfall::Required { unmet } => {
            criteria = criteria_ids(set, unmet);
            ModelWords::RequiredNotMet { ids: &criteria }
        }
    };
    words.words(lang).into_owned()
}

/// The rating with its notes: the exclusions that hold, a shared first
/// place, a downgrade or a quota that lowered it, e.g. `HTT (↓ HTXS: quota)`.
pub fn rating_with_note(lang: Lang, set: &CriteriaSet, unit: &UnitResult) -> String {
    let r = unit_rating(lang, set, unit);
    let notes: Vec<String> = unit
        .is_excluded()
        .then(|| exclusion_ids(set, unit.excluded))
        .into_iter()
        .chain(unit.tied_first.then(|| tied_first(lang).to_string()))
        .chain(downgrade_note(lang, set, unit))
        .chain(quota_note(lang, set, unit))
        .collect();
    if notes.is_empty() {
        r.to_string()
    } else {
        format!("{r} ({})", notes.join("; "))
    }
}

/// What stands in a unit's rating column: its rating, or "chưa xét" when
/// the unit is not considered.
pub fn unit_rating<'a>(lang: Lang, set: &'a CriteriaSet, unit: &UnitResult) -> &'a str {
    match unit.rated() {
        Some(r) => rating_shown(set, r),
        None => not_considered(lang),
    }
}

/// The words for a unit that is not considered (it has no rating).
pub fn not_considered(lang: Lang) -> &'static str {
    Label::NotConsidered.text(lang)
}

/// A unit's rank before its name ("3."), or "—" for a unit not considered.
pub fn rank_label(unit: &UnitResult) -> String {
    unit.ranked()
        .map_or_else(|| "—".to_string(), |r| format!("{r}."))
}

/// The mark on units that share first place of their cluster (or of all
/// units, without clusters).
pub fn tied_first(lang: Lang) -> &'static str {
    Label::TiedFirst.text(lang)
}

/// "ô trống tính 0 điểm: A1, B2" when blank values counted 0
/// (`missing = "zero"`): the points a unit lost to cells nobody filled.
pub fn missing_note(lang: Lang, set: &CriteriaSet, unit: &UnitResult) -> Option<String> {
    let mut ids = String::new();
    let missing = crate::model::missing_criteria(&unit.criteria, |c| c.status);
    write_criterion_ids(&mut ids, set, missing);
    (!ids.is_empty()).then(|| format!("{} {ids}", Label::BlankCountedZero.text(lang)))
}

/// "↓ H1: hạ bậc từ HTXS" when a downgrade lowered the unit's rating;
/// "H1: đã ở mức thấp nhất" when one holds but there is no rating below.
pub fn downgrade_note(lang: Lang, set: &CriteriaSet, unit: &UnitResult) -> Option<String> {
    if unit.downgrades == 0 || unit.is_excluded() {
        return None;
    }
    let ids = downgrade_ids(set, unit.downgrades);
    let words = if unit.downgrade_lowered() {
        ModelWords::DowngradedFrom {
            ids: &ids,
            from: rating_shown(set, unit.rating_before_downgrade),
        }
    } else {
        ModelWords::DowngradeAtLowest { ids: &ids }
    };
    Some(words.words(lang).into_owned())
}

/// "chưa xét: X1" for a unit not considered, with the exclusions that hold.
pub fn exclusion_note(lang: Lang, set: &CriteriaSet, unit: &UnitResult) -> Option<String> {
    unit.is_excluded().then(|| {
        format!(
            "{}: {}",
            Label::NotConsideredNote.text(lang),
            exclusion_ids(set, unit.excluded)
        )
    })
}

/// Every note on a unit's standing beside its rating, in the order a
/// reader asks: blanks counted 0, not considered, shared first place,
/// downgrade, quota.
pub fn standing_notes(lang: Lang, set: &CriteriaSet, unit: &UnitResult) -> Vec<String> {
    missing_note(lang, set, unit)
        .into_iter()
        .chain(exclusion_note(lang, set, unit))
        .chain(unit.tied_first.then(|| tied_first(lang).to_string()))
        .chain(downgrade_note(lang, set, unit))
        .chain(quota_note(lang, set, unit))
        .collect()
}

/// The ids of the downgrades in `mask`, comma-separated.
pub fn downgrade_ids(set: &CriteriaSet, mask: u64) -> String {
    crate::model::bits(mask)
        .filter_map(|d| set.downgrades.get(d))
        .map(|d| d.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ids of the exclusions in `mask`, comma-separated.
pub fn exclusion_ids(set: &CriteriaSet, mask: u64) -> String {
    crate::model::bits(mask)
        .filter_map(|x| set.exclusions.get(x))
        .map(|x| x.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The titles of the exclusions in `mask`, for a sentence.
pub fn exclusion_titles(set: &CriteriaSet, mask: u64) -> String {
    crate::model::bits(mask)
        .filter_map(|x| set.exclusions.get(x))
        .map(|x| format!("{} {}", x.id, x.title))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The titles of the downgrades in `mask`, for a sentence.
pub fn downgrade_titles(set: &CriteriaSet, mask: u64) -> String {
    crate::model::bits(mask)
        .filter_map(|d| set.downgrades.get(d))
        .map(|d| format!("{} {}", d.id, d.title))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What people know a rating by: its short title or its title, never its
/// id (ids are for csv and json).
pub fn rating_shown(set: &CriteriaSet, rating: RatingIdx) -> &str {
    set.rating(rating).shown()
}

/// "↓ HTXS: hạn mức" when a quota lowered the unit's rating.
pub fn quota_note(lang: Lang, set: &CriteriaSet, unit: &UnitResult) -> Option<String> {
    unit.quota_lowered().then(|| {
        format!(
            "↓ {}: {}",
            rating_shown(set, unit.rating_before_quota),
            Label::Quota.text(lang)
        )
    })
}

/// Failed gates of a unit as ids, or "" when none.
pub fn failed_gates(set: &CriteriaSet, unit: &UnitResult) -> String {
    gate_ids(set, &unit.gates_failed().collect::<Vec<_>>())
}

/// A word as a POSIX shell reads it: quoted only when it must be, so that
/// a command a report suggests runs as it is printed.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:+,@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A column of targets may leave a unit without one: the rule's words
    /// say how such a unit is scored, unless a blank target is an error.
    #[test]
    fn a_target_rule_says_how_a_unit_without_a_target_is_scored() {
        use crate::model::{IndicatorRef, Relative};
        let target = |target, blank_is_error| {
            Rule::Target(TargetRule {
                target,
                relative: Relative {
                    direction: Direction::Higher,
                    scope: RelativeScope::Cluster,
                },
                at_target: Decimal::new(5, 1),
                blank_is_error,
            })
        };
        let column = TargetOf::Indicator(IndicatorRef::Input(1));
        let points = Decimal::from(10);
        assert_eq!(
            rule(Lang::En, &target(column, false), points, None),
            "≥ the unit's target → 5; the cluster's leader → 10; between them and short of target: in proportion; a unit given no target: in proportion to the best of its cluster's units without one"
        );
        assert!(
            rule(Lang::Vi, &target(column, false), points, None)
                .ends_with("; đơn vị không được giao chỉ tiêu: theo tỷ lệ so với đơn vị tốt nhất trong số đơn vị cùng cụm cũng không có chỉ tiêu")
        );
        for said in [
            rule(Lang::En, &target(column, true), points, None),
            rule(
                Lang::En,
                &target(TargetOf::Number(Decimal::from(90)), false),
                points,
                None,
            ),
        ] {
            assert!(!said.contains("no target"), "{said}");
        }
    }

    #[test]
    fn standing_notes_name_the_condition_and_what_it_changed() {
        use crate::load::data::{ReadOptions, read_data};
        let (set, csv) =
            crate::load::shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", 1);
        let data =
            read_data(&set, "t.csv", csv.as_bytes(), &ReadOptions::default()).expect("valid data");
        let eval = crate::engine::evaluate(&set, &data, &crate::collate::VietnameseOrder::new())
            .expect("representable scores");
        let unit = |id: &str| {
            eval.units
                .iter()
                .find(|u| u.id == id)
                .unwrap_or_else(|| panic!("no {id}"))
        };
        assert_eq!(
            standing_notes(Lang::Vi, &set, unit("V11-0")),
            ["↓ H1: hạ bậc từ Hoàn thành xuất sắc nhiệm vụ"]
        );
        assert_eq!(
            rating_with_note(Lang::En, &set, unit("V11-0")),
            "Hoàn thành tốt nhiệm vụ (↓ H1: downgraded from Hoàn thành xuất sắc nhiệm vụ)"
        );
        assert_eq!(
            rating_with_note(Lang::En, &set, unit("CL05-0")),
            "Not considered (X1)"
        );
        assert_eq!(
            standing_notes(Lang::Vi, &set, unit("CL05-0")),
            ["chưa xét: X1"]
        );
        assert_eq!(
            (rank_label(unit("CL05-0")), rank_label(unit("V04-0"))),
            ("—".to_string(), "1.".to_string())
        );
        assert_eq!(
            standing_notes(Lang::En, &set, unit("V06-0")),
            [tied_first(Lang::En)]
        );
        assert!(standing_notes(Lang::Vi, &set, unit("CL03-0")).is_empty());
        // At the last rating a downgrade lowers nothing, and the note says so.
        let last = set.fallback_rating();
        let mut lowest = unit("CL01-0").clone();
        lowest.downgrades = 1;
        (
            lowest.rating,
            lowest.rating_before_quota,
            lowest.rating_before_downgrade,
        ) = (last, last, last);
        assert_eq!(
            downgrade_note(Lang::Vi, &set, &lowest).as_deref(),
            Some("H1: hạ bậc, đã ở mức thấp nhất")
        );
    }

    proptest! {
        /// The table writes what formatting writes, in range and out of it.
        #[test]
        fn figure_texts_are_the_figures_written(
            table_scale in 0u32..4,
            scale in 0u32..4,
            mantissa in prop_oneof![0i64..1_200, any::<i64>()],
        ) {
            let table = FigureTexts::new(table_scale, 1_000);
            let f = Figure::Scaled { mantissa, scale };
            let (mut fast, mut slow) = (b"x,".to_vec(), b"x,".to_vec());
            table.push_field(&mut fast, f);
            push_figure(&mut slow, f);
            slow.push(b',');
            prop_assert_eq!(fast, slow);
        }
    }

    proptest! {
        /// A run of figures read from the store is written as each figure
        /// on its own, whether the table is at the store's scale or not.
        #[test]
        fn figure_runs_are_the_figures_written(
            table_scale in 0u32..4,
            store_scale in 0u32..4,
            figures in prop::collection::vec(
                prop::option::of(prop_oneof![
                    (-50i64..1_200, 0u32..4).prop_map(|(mantissa, scale)| Figure::Scaled { mantissa, scale }),
                    (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Figure::Decimal(Decimal::new(m, s))),
                ]),
                0..20,
            ),
        ) {
            let table = FigureTexts::new(table_scale, 1_000);
            let mut bytes = Vec::new();
            for f in &figures {
                crate::model::put_figure(&mut bytes, *f, store_scale);
            }
            let mut run = b"x,".to_vec();
            let mut reader = EncodedFigures::new(&bytes, store_scale);
            table.push_fields(&mut run, &mut reader, figures.len(), b"N/A,");
            let mut one_by_one = b"x,".to_vec();
            let mut reader = EncodedFigures::new(&bytes, store_scale);
            for _ in &figures {
                match reader.next_figure() {
                    Some(f) => table.push_field(&mut one_by_one, f),
                    None => one_by_one.extend_from_slice(b"N/A,"),
                }
            }
            prop_assert_eq!(run, one_by_one);
        }
    }

    #[test]
    fn figure_texts_cover_their_range() {
        let table = FigureTexts::new(2, 10_001);
        let written = |m| {
            let mut out = Vec::new();
            table.push_field(
                &mut out,
                Figure::Scaled {
                    mantissa: m,
                    scale: 2,
                },
            );
            let field = String::from_utf8(out).expect("ASCII");
            field.strip_suffix(',').expect("a comma").to_string()
        };
        assert_eq!(written(0), "0");
        assert_eq!(written(5), "0.05");
        assert_eq!(written(250), "2.5");
        assert_eq!(written(10_000), "100");
        assert_eq!(written(10_001), "100.01");
        assert_eq!(written(-5), "-0.05");
    }

    #[test]
    fn numbers_without_trailing_zeros() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        for (input, shown) in [
            ("0", "0"),
            ("-0.00", "0"),
            ("3.00", "3"),
            ("2.50", "2.5"),
            ("-0.05", "-0.05"),
            ("102.53", "102.53"),
            ("1000", "1000"),
            ("0.0000000001", "0.0000000001"),
        ] {
            assert_eq!(num(d(input)), shown, "{input}");
        }
        assert_eq!(num(Decimal::MAX), Decimal::MAX.to_string());
        assert_eq!(num(Decimal::MIN), Decimal::MIN.to_string());
    }

    proptest! {
        #[test]
        fn written_as_rust_decimal_writes_it(lo in any::<u64>(), hi in any::<u32>(), scale in 0u32..=28, negative in any::<bool>()) {
            let mut d = Decimal::from_i128_with_scale((i128::from(hi) << 64) | i128::from(lo), scale);
            d.set_sign_negative(negative);
            prop_assert_eq!(num(d), d.normalize().to_string());
            // Small values too, where the u64 path runs.
            let small = Decimal::new(i64::try_from(lo % 100_000).unwrap(), scale.min(6));
            prop_assert_eq!(num(small), small.normalize().to_string());
        }

        /// A stored figure is written as its value would be.
        #[test]
        fn figures_write_as_their_decimals(m in any::<i64>(), scale in 0u32..=28, small in any::<bool>()) {
            let m = if small { m % 100_000 } else { m };
            let d = Decimal::new(m, scale);
            let (mut figure, mut decimal) = (Vec::new(), Vec::new());
            push_figure(&mut figure, Figure::Scaled { mantissa: m, scale });
            push_num(&mut decimal, d);
            prop_assert_eq!(&figure, &decimal);
            prop_assert_eq!(String::from_utf8(figure).expect("ASCII"), d.normalize().to_string());
        }
    }
}
