//! A ranking's units in JSON, written by hand straight into bytes, laid
//! out exactly as serde_json's pretty printer lays out [`super::json`]'s
//! `UnitJson` (a test holds the two together byte for byte): a million
//! units are seven gigabytes, and formatting them through serde's structs
//! (a string allocated per figure, then the lines indented again) cost
//! more than writing them.

use std::io::Write;

use serde::Serialize;

use super::words::{self, push_num};
use super::{RenderError, json_stages};
use crate::model::{
    CompactEvaluation, CriteriaSet, RatingIdx, Staging, UnitResult, Units, Value, bits,
};

/// Units formatted at once per task, before they are written.
pub(super) const UNITS_PER_TASK: usize = 256;
/// How deep a ranking's units sit: inside the document, inside `units`.
const UNIT_DEPTH: usize = 2;

/// Writes every unit of `eval`, in rank order, each preceded by the line
/// break (and comma) the pretty printer puts before an array's element.
/// The run's threads format tasks of units while this thread writes the
/// ones formatted before: writing (the disk) and formatting overlap.
pub(super) fn write_units(
    set: &CriteriaSet,
    eval: &CompactEvaluation,
    staging: Option<&Staging>,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    use rayon::prelude::*;
    use std::sync::mpsc;
    let n = eval.units.len();
    let tasks = n.div_ceil(UNITS_PER_TASK);
    let format = |units: &mut Units<'_>, task: usize, buf: &mut Vec<u8>| {
        buf.clear();
        let start = task * UNITS_PER_TASK;
        let end = (start + UNITS_PER_TASK).min(n);
        for at in start..end {
            let Some(u) = units.get(at)? else {
                break;
            };
            buf.extend_from_slice(if at == 0 { b"\n" } else { b",\n" });
            indent(buf, UNIT_DEPTH);
            write_unit(buf, UNIT_DEPTH, set, u, staging)?;
        }
        Ok::<(), RenderError>(())
    };
    if tasks <= 1 {
        let mut buf = Vec::new();
        format(&mut eval.in_full(set), 0, &mut buf)?;
        out.write_all(&buf)?;
        return Ok(());
    }
    // Tasks formatted at once: a few per thread, so that none waits long
    // for the slowest; with as many again queued for this thread to write.
    let window = rayon::current_num_threads().max(1) * 2;
    let (formatted, to_write) = mpsc::sync_channel::<Vec<u8>>(window);
    let (spare, to_reuse) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let formatter = scope.spawn(move || {
            let mut buffers: Vec<Vec<u8>> = Vec::with_capacity(window);
            for first in (0..tasks).step_by(window) {
                let these = first..(first + window).min(tasks);
                buffers.extend(to_reuse.try_iter().take(these.len()));
                buffers.resize_with(these.len(), Vec::new);
                buffers.par_iter_mut().zip(these).try_for_each_init(
                    || eval.in_full(set),
                    |units, (buf, task)| format(units, task, buf),
                )?;
                for buf in buffers.drain(..) {
                    // The writer stopped on an error, which it reports.
                    if formatted.send(buf).is_err() {
                        return Ok(());
                    }
                }
            }
            Ok::<(), RenderError>(())
        });
        let mut written = Ok(());
        for buf in to_write {
            written = out.write_all(&buf);
            if written.is_err() {
                break;
            }
            // The formatter may be done; then the buffer is just dropped.
            let _ = spare.send(buf);
        }
        let formatted = match formatter.join() {
            Ok(outcome) => outcome,
            // A panic in formatting is a bug: let it surface as one.
            Err(panic) => std::panic::resume_unwind(panic),
        };
        formatted?;
        Ok(written?)
    })
}

/// One unit as `UnitJson`, pretty-printed at `depth`.
fn write_unit(
    out: &mut Vec<u8>,
    depth: usize,
    set: &CriteriaSet,
    u: &UnitResult,
    staging: Option<&Staging>,
) -> Result<(), RenderError> {
    // A unit not considered has no rating at all.
    let rating_id = |r: RatingIdx| u.rated().map(|_| set.rating(r).id.as_str());
    let mut unit = Object::open(out, depth);
    unit.key(out, "id");
    string(out, &u.id);
    unit.key(out, "name");
    string(out, &u.name);
    unit.key(out, "cluster");
    optional_string(out, u.cluster.as_deref());
    for (key, d) in [
        ("score", u.score),
        ("earned", u.earned),
        ("bonus", u.bonus),
        ("deductions", u.deductions),
    ] {
        unit.key(out, key);
        decimal(out, d);
    }
    unit.key(out, "met");
    count(out, u.met);
    unit.key(out, "applicable");
    count(out, u.applicable);
    unit.key(out, "gates_failed");
    strings(
        out,
        unit.depth,
        u.gates_failed()
            .filter_map(|g| set.gates.get(g))
            .map(|g| g.id.as_str()),
    );
    unit.key(out, "rating");
    optional_string(out, rating_id(u.rating));
    unit.key(out, "rating_before_quota");
    optional_string(out, rating_id(u.rating_before_quota));
    unit.key(out, "rank");
    optional_count(out, u.ranked());
    unit.key(out, "cluster_rank");
    optional_count(out, u.cluster_rank);
    unit.key(out, "groups");
    let mut groups = Object::open(out, unit.depth);
    for (g, &points) in set.groups.iter().zip(&u.groups) {
        groups.key(out, &g.id);
        decimal(out, points);
    }
    groups.close(out);
    unit.key(out, "criteria");
    let mut criteria = Array::open(out, unit.depth);
    for (c, r) in set.criteria.iter().zip(&u.criteria) {
        criteria.item(out);
        let mut criterion = Object::open(out, criteria.depth);
        criterion.key(out, "id");
        string(out, &c.id);
        criterion.key(out, "value");
        raw_value(out, &c.rule, &r.value);
        criterion.key(out, "points");
        decimal(out, r.points);
        criterion.key(out, "max");
        decimal(out, r.max);
        criterion.key(out, "met");
        boolean(out, r.met);
        criterion.key(out, "status");
        string(out, r.status.as_str());
        if staging.is_some() {
            let (stage, stages) = json_stages::criterion(set, staging, u.input_index, c);
            if let Some(stage) = stage {
                criterion.key(out, "stage");
                string(out, stage);
            }
            if !stages.is_empty() {
                criterion.key(out, "stages");
                serialized(out, criterion.depth, &stages)?;
            }
        }
        let reference = r
            .reference
            .as_ref()
            .and_then(|reference| super::json::reference_json(c, reference));
        if let Some(reference) = reference {
            criterion.key(out, "reference");
            serialized(out, criterion.depth, &reference)?;
        }
        criterion.close(out);
    }
    criteria.close(out);
    unit.key(out, "base");
    decimal(out, u.base);
    unit.key(out, "applicable_max");
    decimal(out, u.applicable_max);
    unit.key(out, "quota_lowered");
    boolean(out, u.quota_lowered());
    unit.key(out, "tied_first");
    boolean(out, u.tied_first);
    if !set.downgrades.is_empty() {
        unit.key(out, "downgrades");
        let held = bits(u.downgrades).filter_map(|d| set.downgrades.get(d));
        strings(out, unit.depth, held.map(|d| d.id.as_str()));
        unit.key(out, "rating_before_downgrade");
        optional_string(out, rating_id(u.rating_before_downgrade));
    }
    if !set.exclusions.is_empty() {
        unit.key(out, "excluded");
        let held = bits(u.excluded).filter_map(|x| set.exclusions.get(x));
        strings(out, unit.depth, held.map(|x| x.id.as_str()));
    }
    let changes = json_stages::changes(set, staging, u.input_index);
    if !changes.is_empty() {
        unit.key(out, "stage_changes");
        serialized(out, unit.depth, &changes)?;
    }
    unit.close(out);
    Ok(())
}

/// A criterion's value as [`words::raw_value`] gives it, numbers written
/// straight into `out`.
fn raw_value(out: &mut Vec<u8>, rule: &crate::model::Rule, v: &Value) {
    match v {
        Value::Number(_) | Value::Fraction { .. } => match v.as_decimal() {
            Some(d) => decimal(out, d),
            None => out.extend_from_slice(b"null"),
        },
        _ => match words::raw_value(rule, v) {
            Some(text) => string(out, &text),
            None => out.extend_from_slice(b"null"),
        },
    }
}

/// An object being written: the pretty printer's layout of its keys.
struct Object {
    /// The depth of its keys.
    depth: usize,
    empty: bool,
}

impl Object {
    fn open(out: &mut Vec<u8>, depth: usize) -> Object {
        out.push(b'{');
        Object {
            depth: depth + 1,
            empty: true,
        }
    }

    fn key(&mut self, out: &mut Vec<u8>, key: &str) {
        next_line(out, &mut self.empty, self.depth);
        string(out, key);
        out.extend_from_slice(b": ");
    }

    fn close(self, out: &mut Vec<u8>) {
        close(out, self.empty, self.depth, b'}');
    }
}

/// An array being written, as [`Object`].
struct Array {
    depth: usize,
    empty: bool,
}

impl Array {
    fn open(out: &mut Vec<u8>, depth: usize) -> Array {
        out.push(b'[');
        Array {
            depth: depth + 1,
            empty: true,
        }
    }

    fn item(&mut self, out: &mut Vec<u8>) {
        next_line(out, &mut self.empty, self.depth);
    }

    fn close(self, out: &mut Vec<u8>) {
        close(out, self.empty, self.depth, b']');
    }
}

fn next_line(out: &mut Vec<u8>, empty: &mut bool, depth: usize) {
    if !*empty {
        out.push(b',');
    }
    *empty = false;
    out.push(b'\n');
    indent(out, depth);
}

/// An empty object or array closes on its own line: `{}`, `[]`.
fn close(out: &mut Vec<u8>, empty: bool, depth: usize, bracket: u8) {
    if !empty {
        out.push(b'\n');
        indent(out, depth - 1);
    }
    out.push(bracket);
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    const SPACES: &[u8] = b"                                ";
    let mut left = depth * 2;
    while left > 0 {
        let now = left.min(SPACES.len());
        out.extend_from_slice(&SPACES[..now]);
        left -= now;
    }
}

fn strings<'s>(out: &mut Vec<u8>, depth: usize, items: impl Iterator<Item = &'s str>) {
    let mut array = Array::open(out, depth);
    for s in items {
        array.item(out);
        string(out, s);
    }
    array.close(out);
}

/// A decimal as JSON keeps it: its exact text, as a string.
fn decimal(out: &mut Vec<u8>, d: rust_decimal::Decimal) {
    out.push(b'"');
    push_num(out, d);
    out.push(b'"');
}

fn count(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn optional_count(out: &mut Vec<u8>, n: Option<u32>) {
    match n {
        Some(n) => count(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn optional_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A string escaped by serde_json itself, so the hand-laid units cannot
/// drift from the documents serde_json writes.
fn string(out: &mut Vec<u8>, s: &str) {
    use serde::Serializer as _;
    #[allow(clippy::expect_used, reason = "an invariant, not data")]
    serde_json::Serializer::new(&mut *out)
        .serialize_str(s)
        .expect("invariant: a string always serializes into memory");
}

/// What is rarely there (a relative criterion's reference, review
/// stages), through serde_json, its lines moved to `depth`.
fn serialized<T: Serialize>(out: &mut Vec<u8>, depth: usize, value: &T) -> Result<(), RenderError> {
    let json = serde_json::to_vec_pretty(value).map_err(std::io::Error::from)?;
    let mut lines = json.split(|&b| b == b'\n');
    if let Some(first) = lines.next() {
        out.extend_from_slice(first);
    }
    for line in lines {
        out.push(b'\n');
        indent(out, depth);
        out.extend_from_slice(line);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text, control characters and quotes included, is escaped
        /// as serde_json escapes it.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f])*") {
            let mut mine = Vec::new();
            string(&mut mine, &s);
            prop_assert_eq!(String::from_utf8(mine).expect("UTF-8"), serde_json::to_string(&s).expect("a string"));
        }
    }

    /// Re-scores nothing: every unit overflows.
    struct Overflowing;

    impl crate::model::Rescore for Overflowing {
        fn unit(
            &mut self,
            eval: &CompactEvaluation,
            u: &crate::model::CompactUnit,
        ) -> Result<&UnitResult, crate::model::ScoreOverflow> {
            Err(crate::model::ScoreOverflow {
                unit: eval.store.id(u).to_string(),
                input_index: u.input_index(),
                part: crate::model::OverflowedPart::Score,
            })
        }

        fn figures(
            &mut self,
            eval: &CompactEvaluation,
            u: &crate::model::CompactUnit,
            _: &mut crate::model::Figures,
        ) -> Result<(), crate::model::ScoreOverflow> {
            self.unit(eval, u).map(|_| ())
        }
    }

    /// A unit whose re-scoring overflows stops the report with that
    /// overflow (which rejects the input), whether its units are written
    /// on this thread or formatted on the pool.
    #[test]
    fn an_overflow_while_writing_units_is_the_report_error() {
        let (set, csv) =
            crate::load::shipped::repeated_example("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", 1);
        let data = crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
            .expect("valid data");
        let mut scorer = crate::engine::score::Scorer::new(&set);
        for units in [1, 3 * UNITS_PER_TASK] {
            let mut eval = CompactEvaluation::new(
                set.full_max(),
                &set.ranking,
                set.precision,
                crate::model::Keep::Values,
                crate::model::Rescorer(|_, _| Box::new(Overflowing)),
            );
            for i in 0..units {
                let unit = data.units[i % data.units.len()].view();
                let scored = scorer.score(i, unit).expect("scores").clone();
                eval.push(
                    &scored,
                    &scored.criterion_points(),
                    unit.values,
                    &set.ranking,
                    0,
                );
            }
            let mut out = Vec::new();
            match write_units(&set, &eval, None, &mut out) {
                Err(RenderError::Score(overflow)) => assert_eq!(overflow.input_index, 0),
                other => panic!("{units} units: {other:?}"),
            }
        }
    }

    #[test]
    fn empty_objects_and_arrays_close_where_they_open() {
        let mut out = Vec::new();
        let mut o = Object::open(&mut out, 1);
        o.key(&mut out, "a");
        strings(&mut out, o.depth, std::iter::empty());
        o.key(&mut out, "b");
        Object::open(&mut out, o.depth).close(&mut out);
        o.key(&mut out, "c");
        strings(&mut out, o.depth, ["x", "y"].into_iter());
        o.close(&mut out);
        let expected = "{\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n      \"x\",\n      \"y\"\n    ]\n  }";
        assert_eq!(String::from_utf8(out).expect("UTF-8"), expected);
    }
}
