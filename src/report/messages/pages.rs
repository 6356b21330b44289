//! The sentences a page of a report adds around its tables: the HTML
//! page's chart captions and its note on a large ranking, the terminal
//! table's note on the columns it left out.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::report::words::num_in;

/// A sentence of a report's page, with its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageMessage<'a> {
    /// Under the chart of scores, on a 0–`scale` scale.
    ScoreChartCaption { scale: Decimal },
    /// Under the chart of points by criteria group, on a 0–`scale` scale.
    GroupChartCaption { scale: Decimal },
    /// Why a ranking of `units` units has no unit details (more than
    /// `limit`), and the command that shows one.
    DetailsLeftOut {
        units: usize,
        limit: usize,
        set: &'a str,
        data: &'a str,
    },
    /// The terminal table left `columns` out to fit `width` columns.
    ColumnsLeftOut { width: u16, columns: &'a str },
}

impl Message for PageMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use PageMessage as P;
        Cow::Owned(match (self, lang) {
            (P::ScoreChartCaption { scale }, Lang::Vi) => format!(
                "Chiều dài thanh tỷ lệ với điểm trên thang 0–{}; màu theo xếp loại, vạch đứt là ngưỡng điểm của từng loại.",
                num_in(lang, *scale)
            ),
            (P::ScoreChartCaption { scale }, Lang::En) => format!(
                "Bar length is proportional to the score on a 0–{} scale; colour shows the rating, dashed lines the rating thresholds.",
                num_in(lang, *scale)
            ),
            (P::GroupChartCaption { scale }, Lang::Vi) => format!(
                "Mỗi đoạn là tổng điểm của một nhóm (trước điểm thưởng, điểm trừ và quy đổi); thang 0–{}.",
                num_in(lang, *scale)
            ),
            (P::GroupChartCaption { scale }, Lang::En) => format!(
                "Each segment is one group's points (before bonus, deductions and rescaling); 0–{} scale.",
                num_in(lang, *scale)
            ),
            (
                P::DetailsLeftOut {
                    units,
                    limit,
                    set,
                    data,
                },
                Lang::Vi,
            ) => format!(
                "Báo cáo có {units} đơn vị; chi tiết từng đơn vị chỉ in khi báo cáo có không quá \
                 {limit} đơn vị. Xem chi tiết một đơn vị bằng lệnh: \
                 wardscore explain {set} {data} <mã đơn vị>"
            ),
            (
                P::DetailsLeftOut {
                    units,
                    limit,
                    set,
                    data,
                },
                Lang::En,
            ) => format!(
                "This report has {units} units; each unit's details are printed when a report has \
                 at most {limit} units. See one unit's details with: \
                 wardscore explain {set} {data} <unit id>"
            ),
            (P::ColumnsLeftOut { width, columns }, Lang::Vi) => format!(
                "(Để vừa {width} cột, bảng không hiện các cột: {columns}. Cửa sổ rộng hơn, hoặc ghi ra tệp bằng -o, sẽ hiện đủ.)"
            ),
            (P::ColumnsLeftOut { width, columns }, Lang::En) => format!(
                "(To fit {width} columns, the table leaves out: {columns}. A wider window, or a file written with -o, shows them all.)"
            ),
        })
    }
}
