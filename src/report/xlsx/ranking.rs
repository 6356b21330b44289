//! The ranking's sheets, written as the store is read: the annex ranking,
//! one sheet per cluster and the points per criterion. Each unit is
//! re-scored once, when its turn comes, and goes to every sheet that lists
//! it; no sheet waits for another.

use std::collections::HashMap;

use rust_xlsxwriter::{Workbook, Worksheet};

use super::content::{self, Align, Cell, RankingTail};
use super::sheet::{Line, Memory, Sheet};
use super::{Context, RenderError, SheetNames, Styles, cluster_label, words};
use crate::i18n::Lang;
use crate::model::{CompactEvaluation, CriteriaSet, Status, UnitResult};
use crate::report::messages::Label;

/// The ranking sheet, a sheet per cluster (in the order the data file
/// first lists them) and the detail sheet, in that order.
pub(super) fn sheets(
    book: &mut Workbook,
    st: &Styles,
    cx: &Context<'_>,
    eval: &CompactEvaluation,
    names: &mut SheetNames,
    memory: Memory,
) -> Result<Vec<Worksheet>, RenderError> {
    let (set, lang) = (cx.set, cx.lang);
    let annex = Annex::new(set, lang);
    let name = names.claim(Label::RankingSheet.text(lang), "Sheet");
    let mut all = RankingSheet::new(book, st, cx, &annex, name, None, memory)?;
    let clusters = Clusters::of(eval);
    let mut per_cluster = Vec::with_capacity(clusters.names.len());
    for cluster in &clusters.names {
        let label = cluster_label(lang, cluster);
        let name = names.claim(&label, Label::Cluster.text(lang));
        per_cluster.push(RankingSheet::new(
            book,
            st,
            cx,
            &annex,
            name,
            Some(&label),
            memory,
        )?);
    }
    let name = names.claim(Label::DetailsSheet.text(lang), "Sheet");
    let mut detail = DetailSheet::new(book, st, cx, name, memory)?;

    eval.in_full(set).each(0..eval.units.len(), |full| {
        all.add(full)?;
        let cluster = full.cluster.as_deref().and_then(|c| clusters.index.get(c));
        if let Some(sheet) = cluster.and_then(|&c| per_cluster.get_mut(c)) {
            sheet.add(full)?;
        }
        detail.add(full)
    })?;

    let mut out = Vec::with_capacity(per_cluster.len() + 2);
    out.push(all.finish()?);
    for sheet in per_cluster {
        out.push(sheet.finish()?);
    }
    out.push(detail.finish()?);
    Ok(out)
}

/// The clusters of a ranking, in the order the data file first lists them.
struct Clusters<'e> {
    names: Vec<&'e str>,
    /// Each name's place in `names`.
    index: HashMap<&'e str, usize>,
}

impl<'e> Clusters<'e> {
    fn of(eval: &'e CompactEvaluation) -> Self {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for u in &eval.units {
            if let Some(c) = eval.store.cluster(u) {
                let at = first.entry(c).or_insert(u.input_index());
                *at = (*at).min(u.input_index());
            }
        }
        let mut names: Vec<(usize, &str)> = first.into_iter().map(|(c, i)| (i, c)).collect();
        names.sort_unstable();
        let names: Vec<&str> = names.into_iter().map(|(_, c)| c).collect();
        let index = names.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        Clusters { names, index }
    }
}

/// `content::ranking_columns` (rank, cluster rank, id, name, cluster,
/// groups, score, met, gates, rating) in the annex order: STT, name, id,
/// cluster, groups, score, met, gates, rating, rank, cluster rank. Group
/// columns carry the group's title as a note.
struct Annex {
    /// Which ranking column each annex column after STT shows.
    order: Vec<usize>,
    header: Vec<String>,
    align: Vec<Align>,
    notes: Vec<Option<String>>,
}

impl Annex {
    fn new(set: &CriteriaSet, lang: Lang) -> Annex {
        let grid = content::ranking_columns(set, lang);
        let k = usize::from(set.columns.cluster.is_some());
        let first_group = 3 + 2 * k;
        let tail = first_group + set.groups.len();
        let mut order = vec![2 + k, 1 + k];
        if k == 1 {
            order.push(4);
        }
        order.extend(first_group..tail + 4);
        order.push(0);
        if k == 1 {
            order.push(1);
        }
        let mut header = vec![Label::RowNumber.text(lang).to_string()];
        header.extend(order.iter().filter_map(|&i| grid.header.get(i).cloned()));
        let mut align = vec![Align::Right];
        align.extend(order.iter().filter_map(|&i| grid.align.get(i).copied()));
        let mut notes = vec![None; header.len()];
        for (g, group) in set.groups.iter().enumerate() {
            // STT, name, id and (when clustered) cluster come before the groups.
            if let Some(slot) = notes.get_mut(3 + k + g) {
                *slot = Some(group.title.clone());
            }
        }
        Annex {
            order,
            header,
            align,
            notes,
        }
    }

    /// A ranking row (`content::ranking_row`) as the annex's row `stt`.
    fn row(&self, stt: i64, mut cells: Vec<Cell>) -> Vec<Cell> {
        let mut row = Vec::with_capacity(self.order.len() + 1);
        row.push(Cell::Int(stt));
        // Each ranking column appears once in the annex: moved, not copied.
        row.extend(
            self.order
                .iter()
                .filter_map(|&i| cells.get_mut(i).map(|c| std::mem::replace(c, Cell::Int(0)))),
        );
        row
    }
}

/// The annex ranking, of every unit or of one cluster's: title, subtitle,
/// the table in the official column order, then the legends.
struct RankingSheet<'s, 'a> {
    sheet: Sheet<'s>,
    cx: &'a Context<'a>,
    annex: &'a Annex,
    tail: RankingTail<'a>,
    /// The next row's STT.
    stt: i64,
}

impl<'s, 'a> RankingSheet<'s, 'a> {
    fn new(
        book: &mut Workbook,
        st: &'s Styles,
        cx: &'a Context<'a>,
        annex: &'a Annex,
        name: String,
        cluster: Option<&str>,
        memory: Memory,
    ) -> Result<Self, RenderError> {
        let mut sheet = Sheet::new(book, name, st, memory)?;
        sheet.freeze_cols = 2;
        for block in content::ranking_head(cx) {
            match (&block, cluster) {
                (content::Block::Title(t), Some(c)) => {
                    sheet.line(Line::Title, &format!("{t} — {c}"))?;
                }
                _ => sheet.block(&block)?,
            }
        }
        // The annex has its header right under the title rows.
        sheet.begin_table(&annex.header, annex.align.clone(), &annex.notes)?;
        Ok(RankingSheet {
            sheet,
            cx,
            annex,
            tail: RankingTail::new(cx),
            stt: 1,
        })
    }

    /// Unit `u`, the next in rank order.
    fn add(&mut self, u: &UnitResult) -> Result<(), RenderError> {
        let cells = content::ranking_row(self.cx.set, self.cx.lang, u);
        self.sheet.row(&self.annex.row(self.stt, cells), false)?;
        self.stt += 1;
        self.tail.add(u);
        Ok(())
    }

    /// The legends and what later stages changed, below the table.
    fn finish(mut self) -> Result<Worksheet, RenderError> {
        self.sheet.end_table()?;
        for block in self.tail.blocks() {
            self.sheet.block(&block)?;
        }
        self.sheet.finish()
    }
}

/// One row per unit, one column per criterion with its points.
struct DetailSheet<'s> {
    sheet: Sheet<'s>,
    clustered: bool,
}

impl<'s> DetailSheet<'s> {
    fn new(
        book: &mut Workbook,
        st: &'s Styles,
        cx: &Context<'_>,
        name: String,
        memory: Memory,
    ) -> Result<Self, RenderError> {
        let (set, lang) = (cx.set, cx.lang);
        let clustered = set.columns.cluster.is_some();
        let mut header: Vec<String> = vec![
            Label::Rank.text(lang).into(),
            Label::Id.text(lang).into(),
            Label::Unit.text(lang).into(),
        ];
        if clustered {
            header.push(Label::Cluster.text(lang).into());
        }
        let mut notes = vec![None; header.len()];
        for c in &set.criteria {
            header.push(c.id.clone());
            notes.push(Some(format!(
                "{} ({} {})",
                c.title,
                Label::Maximum.text(lang),
                words::num_in(lang, c.points)
            )));
        }
        header.extend(
            [
                Label::BasePoints,
                Label::Bonus,
                Label::Deductions,
                Label::Score,
            ]
            .map(|h| h.text(lang).to_string()),
        );
        let mut align = vec![Align::Right, Align::Left, Align::Left];
        align.resize(header.len(), Align::Right);
        if clustered {
            align[3] = Align::Left;
        }
        let mut sheet = Sheet::new(book, name, st, memory)?;
        sheet.freeze_cols = 3;
        sheet.line(
            Line::Title,
            &format!("{} — {}", Label::PointsPerCriterion.text(lang), set.title),
        )?;
        sheet.begin_table(&header, align, &notes)?;
        Ok(DetailSheet { sheet, clustered })
    }

    /// Unit `u`, the next in rank order.
    fn add(&mut self, u: &UnitResult) -> Result<(), RenderError> {
        let mut cells = vec![
            content::rank_cell(u.ranked()),
            Cell::text(&u.id),
            Cell::text(&u.name),
        ];
        if self.clustered {
            cells.push(Cell::text(u.cluster.as_deref().unwrap_or_default()));
        }
        cells.extend(u.criteria.iter().map(|r| match r.status {
            Status::NotApplicable => Cell::text("N/A"),
            _ => Cell::Number(r.points),
        }));
        cells.extend([
            Cell::Number(u.base),
            Cell::Number(u.bonus),
            Cell::Number(u.deductions),
            Cell::Number(u.score),
        ]);
        self.sheet.row(&cells, false)
    }

    fn finish(mut self) -> Result<Worksheet, RenderError> {
        self.sheet.end_table()?;
        self.sheet.finish()
    }
}
