//! Word documents an office can file, laid out by Nghị định 30/2020/NĐ-CP,
//! Phụ lục I: A4, Times New Roman, the two-column header block with the
//! Quốc hiệu and Tiêu ngữ, page numbers in the top margin from page 2, the
//! signature block and "Nơi nhận"; the ranking and the criterion-by-
//! criterion tables as annexes on landscape pages.
//!
//! `score` gives a report (BÁO CÁO) with its annexes; `explain` one unit's
//! scoring sheet (PHIẾU CHẤM ĐIỂM). The file itself is written by docx-rs.

use std::io::{Cursor, Write};

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageOrientationType, PageSize, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SectionProperty, SpecialIndentType, Table, TableAlignmentType,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
    create_header_rid,
};

use super::content::{Align, Block, Cell, Grid};
use super::filing::{
    self, BLANK, Line, SHORT_BLANK, number, place_and_date, rating_name, uppercase_first,
};
use super::messages::{FilingMessage, Label};
use super::{Context, Document, RenderError, Renderer};
use crate::engine::explain::Explanation;
use crate::engine::stages::StageFigures;
use crate::i18n::Message;
use crate::model::{Evaluation, Status, UnitResult};

mod bound;
mod header_rows;
pub use bound::TooLarge;

pub(super) struct DocxRenderer;

/// The custom document property a report of this tool carries: its stamp,
/// `tool · generated at · set · criteria SHA-256 · data SHA-256`, so `-o`
/// knows a document it may replace and a filed copy can be traced. One
/// property only: docx-rs keeps several in an unordered map, and the same
/// inputs must give the same bytes.
pub(super) const MARKER: &str = "wardscore-report";
/// Separates the fields of the [`MARKER`] property.
pub(super) const STAMP_SEPARATOR: &str = " · ";

const FONT: &str = "Times New Roman";
/// Twips (1/1440 inch) in a millimetre, ×10 to stay in integers.
const TWIPS_PER_10MM: i32 = 567;
const A4_SHORT: u32 = 11_906;
const A4_LONG: u32 = 16_838;
/// Nghị định 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const TOP: i32 = 2 * TWIPS_PER_10MM;
const BOTTOM: i32 = 2 * TWIPS_PER_10MM;
const LEFT: i32 = 3 * TWIPS_PER_10MM;
const RIGHT: i32 = 15 * TWIPS_PER_10MM / 10;
/// The page number sits in the top margin, 10 mm from the edge.
const HEADER_AT: i32 = TWIPS_PER_10MM;
/// Half-points: the body in 14 pt, Quốc hiệu and agencies in 13 pt (12 pt
/// for the Quốc hiệu so it stays on one line in its column), Nơi nhận 12 pt
/// over an 11 pt list, tables 12 pt and the wide annex 11 pt.
const BODY: usize = 28;
const HEADING: usize = 26;
const NATION: usize = 24;
const RECIPIENTS_LABEL: usize = 24;
const RECIPIENTS: usize = 22;
const TABLE: usize = 24;
const WIDE_TABLE: usize = 22;
/// First-line indent of body paragraphs (1.27 cm) and the space after them
/// (6 pt, in twentieths of a point).
const INDENT: i32 = 720;
const AFTER: u32 = 120;
/// Criteria per table of Annex II, so a landscape page holds them.
const CRITERIA_PER_TABLE: usize = 12;

fn text_width(landscape: bool) -> i32 {
    let page = if landscape { A4_LONG } else { A4_SHORT };
    i32::try_from(page).unwrap_or(0) - LEFT - RIGHT
}

fn margins() -> PageMargin {
    PageMargin {
        top: TOP,
        left: LEFT,
        bottom: BOTTOM,
        right: RIGHT,
        header: HEADER_AT,
        footer: HEADER_AT,
        gutter: 0,
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts())
}

fn centred(run: Run) -> Paragraph {
    Paragraph::new()
        .add_run(run)
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A short centred rule under a line: a bottom border on an empty
/// paragraph narrowed by its indents.
fn rule(column_width: i32, share_percent: i32) -> Paragraph {
    let side = column_width * (100 - share_percent) / 200;
    Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(120).line(40))
        .size(2)
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(0)
                    .color("000000"),
            ),
        )
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(AFTER))
}

fn bold_body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY).bold())
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(AFTER))
        .keep_next(true)
}

fn borderless_cell(width: i32, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut cell = TableCell::new()
        .width(usize::try_from(width).unwrap_or(0), WidthType::Dxa)
        .clear_all_border();
    for p in paragraphs {
        cell = cell.add_paragraph(p);
    }
    cell
}

/// A table without borders, its columns `widths` wide.
fn layout_table(widths: &[i32], cells: Vec<TableCell>) -> Table {
    let grid = widths
        .iter()
        .map(|w| usize::try_from(*w).unwrap_or(0))
        .collect();
    Table::without_borders(vec![TableRow::new(cells)])
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width(
            usize::try_from(widths.iter().sum::<i32>()).unwrap_or(0),
            WidthType::Dxa,
        )
        .align(TableAlignmentType::Center)
}

/// The two-column block every document opens with: the agencies and the
/// number on the left, the Quốc hiệu, Tiêu ngữ and the place and date on
/// the right.
fn header_block(cx: &Context<'_>, kind_code: &str) -> Table {
    let profile = cx.profile;
    let total = text_width(false) + 400;
    let left_w = total * 2 / 5;
    let right_w = total - left_w;
    let mut left = Vec::new();
    if let Some(parent) = &profile.parent {
        left.push(centred(run(&parent.to_uppercase(), HEADING)));
    }
    let issuer = profile.issuer.as_deref().unwrap_or(BLANK);
    left.push(centred(run(&issuer.to_uppercase(), HEADING).bold()));
    left.push(rule(left_w, 35));
    let number = profile
        .number
        .clone()
        .unwrap_or_else(|| format!("{SHORT_BLANK}/{kind_code}-{SHORT_BLANK}"));
    left.push(centred(run(
        &format!("{}: {number}", Label::DocumentNumber.text(cx.lang)),
        HEADING,
    )));

    let mut right = vec![
        centred(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", NATION).bold()),
        centred(run("Độc lập - Tự do - Hạnh phúc", BODY).bold()),
        rule(right_w, 60),
    ];
    right.push(centred(run(&place_and_date(cx), BODY).italic()));
    layout_table(
        &[left_w, right_w],
        vec![
            borderless_cell(left_w, left),
            borderless_cell(right_w, right),
        ],
    )
    .indent(-200)
}

/// The document's type and subject, centred, with a short rule.
fn title(kind: &str, subject: &str) -> Vec<Paragraph> {
    vec![
        centred(run(kind, BODY).bold()).line_spacing(LineSpacing::new().before(360).after(0)),
        centred(run(subject, BODY).bold()),
        rule(text_width(false), 25),
    ]
}

/// "Nơi nhận" on the left, the signer on the right.
fn signature_block(cx: &Context<'_>) -> Table {
    let (lang, profile) = (cx.lang, cx.profile);
    let total = text_width(false);
    let left_w = total / 2;
    let right_w = total - left_w;
    let mut left = vec![
        Paragraph::new()
            .add_run(
                run(Label::Recipients.text(lang), RECIPIENTS_LABEL)
                    .bold()
                    .italic(),
            )
            .line_spacing(LineSpacing::new().before(0).after(0)),
    ];
    // Every document is kept on file: "Lưu: VT" when no list is given.
    let kept = [String::from("Lưu: VT")];
    let recipients: &[String] = if profile.recipients.is_empty() {
        &kept
    } else {
        &profile.recipients
    };
    let last = recipients.len().saturating_sub(1);
    for (i, r) in recipients.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        let r = r.trim_end_matches(['.', ';']);
        left.push(
            Paragraph::new()
                .add_run(run(&format!("- {r}{end}"), RECIPIENTS))
                .line_spacing(LineSpacing::new().before(0).after(0)),
        );
    }
    let mut right = Vec::new();
    let title = profile.signer_title.as_deref().unwrap_or("");
    for line in title.lines().filter(|l| !l.trim().is_empty()) {
        right.push(centred(run(&line.trim().to_uppercase(), BODY).bold()));
    }
    if right.is_empty() {
        right.push(centred(run("", BODY)));
    }
    // Room for the signature and the seal.
    for _ in 0..4 {
        right.push(centred(run("", BODY)));
    }
    if let Some(name) = &profile.signer_name {
        right.push(centred(run(name, BODY).bold()));
    }
    layout_table(
        &[left_w, right_w],
        vec![
            borderless_cell(left_w, left),
            borderless_cell(right_w, right),
        ],
    )
}

/// A bordered table of `grid`, its header bold and repeated in words; the
/// header row also repeats at the top of every page the table runs over.
fn grid_table(grid: &Grid, widths: &[i32], size: usize) -> Table {
    // A header row keeps with the row under it, so no page ends on one.
    let cell = |text: &str, width: i32, align: AlignmentType, bold: bool, header: bool| {
        let mut r = run(text, size);
        if bold {
            r = r.bold();
        }
        TableCell::new()
            .width(usize::try_from(width).unwrap_or(0), WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(
                Paragraph::new()
                    .add_run(r)
                    .align(align)
                    .keep_next(header)
                    .line_spacing(LineSpacing::new().before(20).after(20)),
            )
    };
    let mut rows = vec![
        header_rows::header_row(TableRow::new(
            grid.header
                .iter()
                .zip(widths)
                .map(|(h, w)| cell(h, *w, AlignmentType::Center, true, true))
                .collect(),
        ))
        .cant_split(),
    ];
    for row in &grid.rows {
        rows.push(
            TableRow::new(
                row.cells
                    .iter()
                    .zip(widths)
                    .zip(&grid.align)
                    .map(|((c, w), a)| {
                        let text = match c {
                            Cell::Text(s) | Cell::Marked(_, s) => s.clone(),
                            Cell::Int(i) => i.to_string(),
                            Cell::Number(d) => d.to_string(),
                        };
                        let align = match a {
                            Align::Left => AlignmentType::Left,
                            Align::Right => AlignmentType::Center,
                        };
                        cell(&text, *w, align, row.emphasis, false)
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(
            widths
                .iter()
                .map(|w| usize::try_from(*w).unwrap_or(0))
                .collect(),
        )
        .layout(TableLayoutType::Fixed)
        .width(
            usize::try_from(widths.iter().sum::<i32>()).unwrap_or(0),
            WidthType::Dxa,
        )
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(0, 60, 0, 60))
}

/// Column widths for `grid` across `total` twips: each number column as
/// wide as its longest text needs, the text columns sharing the rest by
/// the length of what they hold (a long one wraps).
fn widths(grid: &Grid, total: i32) -> Vec<i32> {
    // Twips per character of a 12 pt cell, bold headers a little wider,
    // and the cell's side margins.
    const PER_CHAR: usize = 125;
    const PER_HEADER_CHAR: usize = 150;
    const PADDING: usize = 200;
    let need = |i: usize| -> usize {
        let header = grid.header.get(i).map_or(0, |h| {
            h.split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
        });
        let cells = grid
            .rows
            .iter()
            .filter_map(|r| r.cells.get(i))
            .map(|c| c.to_string().chars().count())
            .max()
            .unwrap_or(0);
        (header * PER_HEADER_CHAR).max(cells.min(40) * PER_CHAR) + PADDING
    };
    let needs: Vec<usize> = (0..grid.header.len()).map(need).collect();
    let is_text = |i: usize| grid.align.get(i) == Some(&Align::Left);
    let total = usize::try_from(total).unwrap_or(0);
    let fixed: usize = (0..needs.len())
        .filter(|&i| !is_text(i))
        .map(|i| needs[i])
        .sum();
    let text: usize = (0..needs.len())
        .filter(|&i| is_text(i))
        .map(|i| needs[i])
        .sum();
    let out: Vec<usize> = if fixed < total && text > 0 {
        // Short texts (names) whole first; the longer ones share the rest
        // equally, as far as each needs.
        let mut out = needs.clone();
        let mut texts: Vec<usize> = (0..needs.len()).filter(|&i| is_text(i)).collect();
        texts.sort_by_key(|&i| needs[i]);
        let mut left = total - fixed;
        let mut count = texts.len();
        for i in texts {
            let share = left / count.max(1);
            out[i] = needs[i].min(share);
            left -= out[i];
            count -= 1;
        }
        // What no text needed goes to the last text column.
        if let Some(last) = (0..needs.len()).rev().find(|&i| is_text(i)) {
            out[last] += left;
        }
        out
    } else {
        let sum = (fixed + text).max(1);
        needs.iter().map(|n| total * n / sum).collect()
    };
    out.into_iter()
        .map(|w| i32::try_from(w).unwrap_or(0))
        .collect()
}

fn annex_heading(cx: &Context<'_>, numeral: &str, name: &str, first: bool) -> Vec<Paragraph> {
    let lang = cx.lang;
    let profile = cx.profile;
    let number = profile.number.as_deref().unwrap_or(SHORT_BLANK);
    let of = profile
        .issuer
        .as_deref()
        .map(|i| format!(" {} {i}", Label::IssuedBy.text(lang)))
        .unwrap_or_default();
    let attached = FilingMessage::AttachedTo {
        number,
        date: profile.date,
        of: &of,
    }
    .words(lang);
    vec![
        centred(run(&format!("{} {numeral}", Label::Annex.text(lang)), BODY).bold())
            .page_break_before(!first),
        centred(run(&name.to_uppercase(), BODY).bold()),
        centred(run(&attached, BODY).italic())
            .line_spacing(LineSpacing::new().before(0).after(240)),
    ]
}

fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .add_page_num(PageNum::new())
            .align(AlignmentType::Center),
    )
}

/// The document with its fonts, sizes and the stamp in its properties.
fn base(cx: &Context<'_>) -> Docx {
    let stamp = cx.stamp;
    let stamp_text = [
        stamp.tool.as_str(),
        stamp.generated_at.as_str(),
        stamp.set_id.as_str(),
        stamp.criteria_sha256.as_str(),
        stamp.data_sha256.as_deref().unwrap_or("-"),
    ]
    .join(STAMP_SEPARATOR);
    Docx::new()
        .default_fonts(fonts())
        .default_size(BODY)
        .custom_property(MARKER, stamp_text)
        .created_at(&stamp.generated_at)
        .updated_at(&stamp.generated_at)
}

/// The paragraph that ends the portrait part: it carries that part's
/// page setup (page numbers from its second page, in the header the whole
/// document shares) and, nearly empty, never spills onto a page of its own.
fn end_of_portrait() -> Paragraph {
    Paragraph::new()
        .size(2)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(20)
                .line_rule(LineSpacingType::Exact),
        )
        .section_property(
            SectionProperty::new()
                .page_size(PageSize::new().size(A4_SHORT, A4_LONG))
                .page_margin(margins())
                .title_pg()
                // The shared header is the first the document registers.
                .header(page_number_header(), &create_header_rid(1)),
        )
}

/// A spacer line in body size.
fn blank() -> Paragraph {
    Paragraph::new()
        .size(BODY)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

fn report(cx: &Context<'_>, eval: &Evaluation) -> Docx {
    let lang = cx.lang;
    let mut docx = base(cx)
        .header(page_number_header())
        .add_table(header_block(cx, "BC"));
    let period = cx
        .profile
        .period
        .as_deref()
        .map(|p| format!(" {p}"))
        .unwrap_or_default();
    let subject = FilingMessage::Subject {
        title: &cx.set.title,
        period: &period,
    }
    .words(lang);
    for p in title(Label::ReportTitle.text(lang), &subject) {
        docx = docx.add_paragraph(p);
    }
    for line in filing::report_body(cx, eval) {
        docx = docx.add_paragraph(match line {
            Line::Heading(t) => bold_body(&t),
            Line::Text(t) => body(&t),
            Line::Item(t) => body(&format!("- {t}")),
        });
    }
    docx = docx
        .add_paragraph(blank())
        .add_table(signature_block(cx))
        .add_paragraph(end_of_portrait());

    let wide = text_width(true);
    // The annexes: the document's last section, landscape.
    let (annex_one, annex_two) = (
        Label::Ranking.text(lang),
        Label::EachUnitsPointsPerCriterion.text(lang),
    );
    for p in annex_heading(cx, "I", annex_one, true) {
        docx = docx.add_paragraph(p);
    }
    let groups = filing::clusters(eval);
    if groups.is_empty() {
        let units: Vec<&UnitResult> = eval.units.iter().collect();
        let grid = filing::ranking_annex(cx, &units, false);
        docx = docx.add_table(grid_table(&grid, &widths(&grid, wide), TABLE));
    } else {
        for (cluster, units) in &groups {
            let name = uppercase_first(&filing::cluster_name(lang, cluster));
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(run(&name, BODY).bold())
                    .line_spacing(LineSpacing::new().before(240).after(120))
                    .keep_next(true),
            );
            let grid = filing::ranking_annex(cx, units, true);
            docx = docx.add_table(grid_table(&grid, &widths(&grid, wide), TABLE));
        }
    }
    docx = docx.add_paragraph(body_note(cx));
    for p in annex_heading(cx, "II", annex_two, false) {
        docx = docx.add_paragraph(p);
    }
    if bound::with_points_annex(eval.units.len()) {
        for grid in filing::criteria_annex(cx, eval, CRITERIA_PER_TABLE) {
            docx = docx
                .add_table(grid_table(&grid, &annex_widths(&grid, wide), WIDE_TABLE))
                .add_paragraph(blank());
        }
    } else {
        docx = docx.add_paragraph(body(&bound::points_left_out(cx, eval.units.len())));
    }
    let legend = filing::criteria_legend(cx);
    let legend_widths = [wide / 10, wide * 7 / 10, wide - wide / 10 - wide * 7 / 10];
    docx = docx.add_table(grid_table(&legend, &legend_widths, WIDE_TABLE));
    if let Some(grid) = super::content::stages::changes_grid(cx, eval) {
        let name = super::content::stages::changes_title(lang);
        for p in annex_heading(cx, "III", &name, false) {
            docx = docx.add_paragraph(p);
        }
        docx = docx.add_table(grid_table(&grid, &widths(&grid, wide), TABLE));
    }
    docx.page_size(A4_LONG, A4_SHORT)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(margins())
}

/// A rating legend under the ranking: the titles the table uses.
fn body_note(cx: &Context<'_>) -> Paragraph {
    let groups: Vec<String> = cx
        .set
        .groups
        .iter()
        .map(|g| format!("{}: {}", g.id, g.title))
        .collect();
    let text = if groups.is_empty() {
        String::new()
    } else {
        format!("{} {}.", Label::GroupsNote.text(cx.lang), groups.join("; "))
    };
    Paragraph::new()
        .add_run(run(&text, WIDE_TABLE).italic())
        .line_spacing(LineSpacing::new().before(120).after(0))
}

/// Annex II's widths: rank and name wide enough to read, the criteria
/// columns equal.
fn annex_widths(grid: &Grid, total: i32) -> Vec<i32> {
    let criteria = i32::try_from(grid.header.len().saturating_sub(2))
        .unwrap_or(1)
        .max(1);
    let rank = 700;
    let name = 2600;
    let each = (total - rank - name) / criteria;
    let mut out = vec![rank, name];
    out.extend(std::iter::repeat_n(
        each,
        grid.header.len().saturating_sub(2),
    ));
    out
}

/// One unit's scoring sheet.
fn sheet(cx: &Context<'_>, u: &UnitResult, why: &Explanation) -> Docx {
    let (set, lang) = (cx.set, cx.lang);
    let mut section = base(cx)
        .header(page_number_header())
        .title_pg()
        .add_table(header_block(cx, "PCĐ"));
    let period = cx
        .profile
        .period
        .as_deref()
        .map(|p| format!(" {p}"))
        .unwrap_or_default();
    let subject = format!("{}: {}{period}", u.name, set.title);
    for p in title(Label::ScoringSheetTitle.text(lang), &subject) {
        section = section.add_paragraph(p);
    }
    // With review stages, the points as each stage left the data, in a
    // column per stage ("Tự chấm | Thẩm định"), the last the points given.
    let stages = &why.stages;
    let mut header: Vec<String> = vec![
        Label::Id.text(lang).into(),
        Label::Criterion.text(lang).into(),
        Label::Value.text(lang).into(),
        Label::MaxPointsShort.text(lang).into(),
    ];
    if stages.is_empty() {
        header.push(Label::PointsGiven.text(lang).into());
    } else {
        header.extend(stages.iter().map(|s| s.stage.clone()));
    }
    let mut align = vec![Align::Left, Align::Left, Align::Right];
    align.resize(header.len(), Align::Right);
    let mut grid = Grid {
        header,
        align,
        rows: Vec::new(),
        optional: Vec::new(),
        main: false,
    };
    // A stage's figure, or a dash where its data could not be scored.
    let by_stage = |figure: &dyn Fn(&StageFigures) -> String| -> Vec<Cell> {
        stages
            .iter()
            .map(|s| Cell::text(s.scored.as_ref().map_or_else(|| "—".to_string(), figure)))
            .collect()
    };
    let not_applicable = Label::NotApplicableShort.text(lang);
    let mut current = None;
    for (ci, (c, r)) in set.criteria.iter().zip(&u.criteria).enumerate() {
        if c.group != current {
            current = c.group;
            if let Some(g) = set.group_of(c) {
                let gi = c.group.unwrap_or(0);
                let mut cells = vec![
                    Cell::text(&g.id),
                    Cell::text(&g.title),
                    Cell::text(""),
                    Cell::text(number(lang, set.group_max(gi))),
                ];
                if stages.is_empty() {
                    cells.push(Cell::text(number(
                        lang,
                        u.groups.get(gi).copied().unwrap_or_default(),
                    )));
                } else {
                    cells.extend(by_stage(&|f| {
                        number(lang, f.groups.get(gi).copied().unwrap_or_default())
                    }));
                }
                grid.rows.push(super::content::Row {
                    cells,
                    emphasis: true,
                });
            }
        }
        // Words write the value in the run's language already (a unit such
        // as "camera/1.000 hộ" keeps its own dots).
        let value = match r.status {
            Status::NotApplicable => Label::NotApplicable.text(lang).to_string(),
            _ => super::words::value(lang, &c.rule, c.unit.as_deref(), &r.value),
        };
        // A criterion that does not apply earns no points, nor 0 of them:
        // the base is rescaled without it (said under the table).
        let mut cells = vec![
            Cell::text(&c.id),
            Cell::text(&c.title),
            Cell::text(value),
            Cell::text(number(lang, c.points)),
        ];
        if stages.is_empty() {
            cells.push(Cell::text(match r.status {
                Status::NotApplicable => not_applicable.to_string(),
                _ => number(lang, r.points),
            }));
        } else {
            cells.extend(by_stage(&|f| match f.criteria.get(ci).copied().flatten() {
                Some(points) => number(lang, points),
                None => not_applicable.to_string(),
            }));
        }
        grid.rows.push(super::content::Row {
            cells,
            emphasis: false,
        });
    }
    let total = text_width(false);
    // The points take an eighth of the width each, and no more than 45%
    // between them however many stages there are; the title what is left.
    let points = i32::try_from(grid.header.len() - 3).unwrap_or(1).max(1);
    let point_width = (total * 45 / 100 / points).min(total / 8);
    let title = total - total / 10 - total * 15 / 100 - point_width * points;
    let mut widths = vec![total / 10, title, total * 15 / 100];
    widths.resize(grid.header.len(), point_width);
    section = section.add_table(grid_table(&grid, &widths, TABLE));
    // Points that depend on the other units: the target, the leader or the
    // best value each came from, as `explain` says them.
    for block in super::content::reference_blocks(set, lang, u) {
        section = match block {
            Block::Heading(text) => section
                .add_paragraph(blank())
                .add_paragraph(bold_body(&text)),
            Block::Paragraph(text) => section.add_paragraph(body(&text)),
            _ => section,
        };
    }
    // With criteria that do not apply, the points they earned and how they
    // become the base, as `explain` says it: the rows above add up to the
    // points earned, not to the base.
    if u.is_rescaled() {
        section = section.add_paragraph(blank());
        section = section.add_paragraph(body(&super::content::base_line(set, lang, u)));
    }
    let lines = [
        (
            if u.is_rescaled() {
                Label::BasePoints.text(lang)
            } else {
                Label::CriteriaPoints.text(lang)
            },
            number(lang, u.base),
        ),
        (Label::Bonus.text(lang), number(lang, u.bonus)),
        (Label::Deductions.text(lang), number(lang, u.deductions)),
        (Label::TotalScore.text(lang), number(lang, u.score)),
        (
            Label::CriteriaMet.text(lang),
            format!("{}/{}", u.met, u.applicable),
        ),
        (
            Label::Rating.text(lang),
            // Said with its reason when a condition set the unit apart or
            // lowered its rating.
            if u.is_excluded() || u.downgrades != 0 || u.tied_first {
                super::words::rating_with_note(lang, set, u)
            } else {
                rating_name(set, u.rating).to_string()
            },
        ),
        (
            Label::RankPlace.text(lang),
            u.ranked()
                .map_or_else(|| "—".to_string(), |r| r.to_string()),
        ),
    ];
    section = section.add_paragraph(blank());
    for (label, value) in lines {
        section = section.add_paragraph(
            Paragraph::new()
                .add_run(run(&format!("{label}: "), BODY))
                .add_run(run(&value, BODY).bold())
                .line_spacing(LineSpacing::new().before(0).after(60)),
        );
    }
    let failed: Vec<&str> = u
        .gates_failed()
        .filter_map(|g| set.gates.get(g))
        .map(|g| g.title.as_str())
        .collect();
    if !failed.is_empty() {
        section = section.add_paragraph(body(&format!(
            "{}: {}.",
            Label::FailedConditions.text(lang),
            failed.join("; ")
        )));
    }
    if let Some(grid) = super::content::stages::unit_changes_grid(cx, u) {
        section = section
            .add_paragraph(bold_body(&super::content::stages::unit_changes_title(lang)))
            .add_table(grid_table(&grid, &self::widths(&grid, total), TABLE));
    }
    section
        .add_paragraph(blank())
        .add_table(signature_block(cx))
        .page_size(A4_SHORT, A4_LONG)
        .page_margin(margins())
}

impl Renderer for DocxRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let docx = match doc {
            Document::Ranking(eval) => {
                bound::fits(eval.units.len())?;
                report(cx, &super::in_full(cx.set, eval)?)
            }
            Document::Explain(u, e) => sheet(cx, u, e),
            _ => {
                return Err(RenderError::Unsupported {
                    format: "docx",
                    document: doc.kind(),
                });
            }
        };
        let mut bytes = Cursor::new(Vec::new());
        let mut xml = docx.build();
        xml.document = header_rows::repeat_header_rows(&xml.document);
        xml.pack(&mut bytes)
            .map_err(|e| RenderError::Io(std::io::Error::other(e)))?;
        out.write_all(bytes.get_ref())?;
        Ok(())
    }
}
