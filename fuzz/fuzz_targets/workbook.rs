//! Workbook readers alone (XLSX, XLSB, ODS, XLS, told apart by their bytes):
//! `load::workbook::read_workbook` on the input, the first sheet or, when
//! byte 0 is odd, the sheet named "Số liệu". Whatever the bytes, it returns
//! a table or problems: no panic escapes (a reader's is contained), no
//! allocation runs away (the limits are checked first).
//!
//! Input layout: byte 0 chooses the sheet, the rest is the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wardscore::i18n::Lang;
use wardscore::load::workbook::read_workbook;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    let sheet = (selector & 1 == 1).then_some("Số liệu");
    match read_workbook("data.xlsx", file, sheet) {
        Ok(table) => {
            for row in &table.rows {
                assert_eq!(row.cells.len(), table.header.len(), "one cell per column");
                assert_eq!(row.typed_numbers.len(), row.cells.len());
                assert!(row.line > table.header_line, "rows follow the header");
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a rejection says why");
            let _ = wardscore::load::problem::problems_text(&problems, Lang::Vi);
            let _ = wardscore::load::problem::problems_text(&problems, Lang::En);
        }
    }
});
