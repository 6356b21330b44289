//! A lineage file for merged units (sáp nhập, from 1/7/2025): which old
//! unit went into which new one. Columns `old_id,new_id`; several old
//! units may go to one new unit, an old unit to one new unit only.

use std::collections::HashMap;

use super::messages::ResultsMessage as R;
use super::problem::{Column, Problem, Rejected};
use super::table::RawTable;
use super::text::normalize;
use crate::model::LineageLink;

pub const OLD_ID: &str = "old_id";
pub const NEW_ID: &str = "new_id";

/// The links of `table`, checked: the header, blank ids, an old id given
/// twice, and ids no period has (`old_known`: a unit of an earlier period;
/// `new_known`: a unit of the last). Every problem at once.
pub fn lineage(
    table: &RawTable,
    old_known: impl Fn(&str) -> bool,
    new_known: impl Fn(&str) -> bool,
) -> Result<Vec<LineageLink>, Rejected> {
    let file = &table.file;
    let position = |name: &str| {
        table
            .header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    };
    let (Some(old_col), Some(new_col)) = (position(OLD_ID), position(NEW_ID)) else {
        let found = table.header.join(",");
        return Err(Rejected::from(vec![
            Problem::new(file, R::LineageHeader)
                .at_line(table.header_line)
                .with_value(found),
        ]));
    };
    let mut problems: Vec<Problem> = table.problems.clone();
    let mut links = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let cell = |c: usize| normalize(row.cells.get(c).map_or("", String::as_str));
        let (old, new) = (cell(old_col), cell(new_col));
        if old.is_empty() && new.is_empty() {
            continue;
        }
        let at = |column: &str, value: &str, message| {
            let p = Problem::new(file, message)
                .at_line(row.line)
                .at_column(Column::Name(column.to_string()));
            if value.is_empty() {
                p
            } else {
                p.with_value(value)
            }
        };
        let mut fine = true;
        if old.is_empty() {
            problems.push(at(OLD_ID, "", R::BlankOldId));
            fine = false;
        } else if !old_known(&old) {
            problems.push(at(OLD_ID, &old, R::UnknownOldId));
            fine = false;
        } else if let Some(first) = first_line.insert(old.clone(), row.line) {
            problems.push(at(OLD_ID, &old, R::OldIdMappedTwice { first }));
            fine = false;
        }
        if new.is_empty() {
            problems.push(at(NEW_ID, "", R::BlankNewId));
            fine = false;
        } else if !new_known(&new) {
            problems.push(at(NEW_ID, &new, R::UnknownNewId));
            fine = false;
        }
        if fine {
            links.push(LineageLink {
                old_id: old,
                new_id: new,
            });
        }
    }
    if links.is_empty() && problems.is_empty() {
        problems.push(Problem::new(file, R::NoLineageRows));
    }
    if problems.is_empty() {
        Ok(links)
    } else {
        Err(Rejected::from(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::table::read_csv;

    fn run(csv: &str) -> Result<Vec<LineageLink>, Rejected> {
        let table = read_csv("sap-nhap.csv", csv, None).expect("csv");
        lineage(
            &table,
            |id| ["A", "B", "C"].contains(&id),
            |id| ["X", "Y"].contains(&id),
        )
    }

    fn problems(csv: &str) -> Vec<(Option<usize>, String)> {
        match run(csv) {
            Ok(links) => panic!("accepted: {links:?}"),
            Err(r) => r
                .problems
                .iter()
                .map(|p| (p.line, p.message.en()))
                .collect(),
        }
    }

    #[test]
    fn several_old_units_may_go_to_one_new_unit() {
        let links = run("old_id,new_id\nA,X\nB,X\nC,Y\n").expect("valid");
        let pairs: Vec<_> = links
            .iter()
            .map(|l| (l.old_id.as_str(), l.new_id.as_str()))
            .collect();
        assert_eq!(pairs, [("A", "X"), ("B", "X"), ("C", "Y")]);
    }

    #[test]
    fn the_header_is_matched_without_regard_to_case_and_blank_rows_are_skipped() {
        let links = run("Old_ID,New_Id\nA,X\n,\n").expect("valid");
        assert_eq!(links.len(), 1);
    }

    #[test]
    fn a_bad_header_is_one_problem() {
        let ps = problems("ma_cu,ma_moi\nA,X\n");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].0, Some(1));
        assert!(ps[0].1.contains("\"old_id\""), "{ps:?}");
    }

    #[test]
    fn every_row_problem_is_listed_at_once() {
        let ps = problems("old_id,new_id\nA,X\nA,Y\nZ,X\nB,W\n,X\nC,\n");
        let lines: Vec<_> = ps.iter().map(|p| p.0).collect();
        assert_eq!(
            lines,
            [Some(3), Some(4), Some(5), Some(6), Some(7)],
            "{ps:?}"
        );
        assert!(ps[0].1.contains("already mapped on line 2"));
        assert!(ps[1].1.contains("earlier period"));
        assert!(ps[2].1.contains("last period"));
        assert!(ps[3].1.contains("old unit's id is blank"));
        assert!(ps[4].1.contains("new unit's id is blank"));
    }

    #[test]
    fn a_header_only_file_is_refused() {
        let ps = problems("old_id,new_id\n");
        assert_eq!(ps.len(), 1);
        assert!(ps[0].1.contains("no rows"));
    }
}
