//! Reading data files against a criteria set.

use super::*;

// ---------------------------------------------------------------- data

/// Inputs in first-use order: so, tuy_chon, co_khong, muc, diem, vi_pham, khen.
const DATA_SET: &str = "format = 1
[set]
id = \"d\"
title = \"Data test\"
[columns]
id = \"ma\"
name = \"ten\"

[[criteria]]
id = \"K1\"
title = \"number\"
indicator = \"so\"
points = 4
rule = \"linear\"
zero = 0
full = 100

[[criteria]]
id = \"K2\"
title = \"N/A allowed\"
indicator = \"tuy_chon\"
points = 2
rule = \"at_least\"
min = 50
allow_na = true

[[criteria]]
id = \"K3\"
title = \"yes/no\"
indicator = \"co_khong\"
rule = \"yes\"

[[criteria]]
id = \"K4\"
title = \"level\"
indicator = \"muc\"
points = 3
rule = \"levels\"
levels = { \"Giỏi\" = 3, \"Khá\" = 2, \"Trung bình\" = 0 }

[[criteria]]
id = \"K5\"
title = \"direct\"
indicator = \"diem\"
points = 5
rule = \"direct\"

[[criteria]]
id = \"K6\"
title = \"deduct\"
indicator = \"vi_pham\"
points = 2
rule = \"deduct\"
per = 1

[[adjustments]]
id = \"T1\"
title = \"bonus\"
indicator = \"khen\"
kind = \"bonus\"

[[ratings]]
id = \"ALL\"
title = \"All\"
";

const DATA_HEADER: &str = "ma,ten,so,tuy_chon,co_khong,muc,diem,vi_pham,khen";

fn data_set() -> CriteriaSet {
    accepted(DATA_SET)
}

fn bind_text(set: &CriteriaSet, csv: &str, decimal: DecimalChoice) -> Result<Dataset, Rejected> {
    let table = read_csv("d.csv", csv, None).map_err(Rejected::from)?;
    bind(set, &table, decimal)
}

fn bind_ok(csv: &str) -> (CriteriaSet, Dataset) {
    let set = data_set();
    let ds = bind_text(&set, csv, DecimalChoice::Detect)
        .unwrap_or_else(|e| panic!("rejected:\n{}", show(&e.problems)));
    (set, ds)
}

fn bind_err(csv: &str) -> Vec<Problem> {
    bind_err_with(csv, DecimalChoice::Detect)
}

fn bind_err_with(csv: &str, decimal: DecimalChoice) -> Vec<Problem> {
    match bind_text(&data_set(), csv, decimal) {
        Ok(ds) => panic!("accepted: {ds:?}"),
        Err(e) => e.problems,
    }
}

fn column_name(p: &Problem) -> &str {
    match &p.column {
        Some(Column::Name(n)) => n,
        other => panic!("expected a column name, got {other:?}"),
    }
}

/// The value a cell holding the level with this key is read as.
fn label(set: &CriteriaSet, key: &str) -> Value {
    let id = set
        .criteria
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Levels(levels) => levels.iter().find(|l| l.key == key).map(|l| l.id),
            _ => None,
        })
        .next()
        .expect("a level with this key");
    Value::Label(id)
}

fn value_of<'a>(set: &CriteriaSet, unit: &'a UnitRecord, column: &str) -> &'a Value {
    let i = set
        .inputs
        .iter()
        .position(|i| i.column == column)
        .expect("a used column");
    &unit.values[i]
}

#[test]
fn a_good_row_binds_every_kind_of_value() {
    let (set, ds) = bind_ok(&format!("{DATA_HEADER}\nU1,Một,85.5,N/A,có,khá,4.5,0,1\n"));
    let u = &ds.units[0];
    assert_eq!((u.id.as_str(), u.name.as_str()), ("U1", "Một"));
    assert_eq!(value_of(&set, u, "so"), &Value::Number(d("85.5")));
    assert_eq!(value_of(&set, u, "tuy_chon"), &Value::NotApplicable);
    assert_eq!(value_of(&set, u, "co_khong"), &Value::YesNo(true));
    // Labels match case-insensitively.
    assert_eq!(value_of(&set, u, "muc"), &label(&set, "khá"));
    assert_eq!(value_of(&set, u, "diem"), &Value::Number(d("4.5")));
    assert_eq!(value_of(&set, u, "khen"), &Value::Number(d("1")));
    assert!(ds.unused_columns.is_empty());
}

/// Texts that are not numbers are worked out once per column and then
/// remembered: every later row still reads its own value, a bad text is
/// reported on every row it is on, and a number-like text is never
/// taken from memory (its reading depends on the file's decimal style).
#[test]
fn repeated_texts_read_the_same_on_every_row() {
    let rows = [
        "U1,Một,1.5,N/A,có,Khá,1,0,0",
        "U2,Hai,2.5,N/A,không,khá,2,0,0",
        "U3,Ba,2,60,có,Khá,3,0,0",
        "U4,Bốn,3,N/A,không,Giỏi,4,0,0",
    ];
    let (set, ds) = bind_ok(&format!("{DATA_HEADER}\n{}\n", rows.join("\n")));
    let column =
        |name: &str| -> Vec<Value> { ds.units.iter().map(|u| *value_of(&set, u, name)).collect() };
    let yes = |b| Value::YesNo(b);
    assert_eq!(
        column("co_khong"),
        [yes(true), yes(false), yes(true), yes(false)]
    );
    let (kha, gioi) = (label(&set, "khá"), label(&set, "giỏi"));
    assert_eq!(column("muc"), [kha, kha, kha, gioi]);
    let na = Value::NotApplicable;
    let number = |s: &str| Value::Number(d(s));
    assert_eq!(column("tuy_chon"), [na, na, number("60"), na]);
    // A bad text twice is two problems, never remembered: "N/A" in a
    // column that refuses it, and a yes/no column's unknown text.
    for row in ["T,N/A,1,có,Khá,1,0,0", "T,1,1,có lẽ,Khá,1,0,0"] {
        let bad = (1..=2)
            .map(|n| format!("U{n},{row}"))
            .collect::<Vec<_>>()
            .join("\n");
        let ps = bind_err(&format!("{DATA_HEADER}\n{bad}\n"));
        assert_eq!(
            ps.iter().map(|p| p.line).collect::<Vec<_>>(),
            [Some(2), Some(3)],
            "{}",
            show(&ps)
        );
    }
}

#[test]
fn bad_number_unallowed_na_and_duplicate_id_are_reported_together() {
    let csv = format!(
        "{DATA_HEADER}
U1,Một,85x,50,có,Khá,1,0,0
U2,Hai,50,50,có,Khá,N/A,0,0
U1,Ba,50,50,có,Khá,1,0,0
"
    );
    let ps = bind_err(&csv);
    assert_eq!(ps.len(), 3, "{}", show(&ps));
    assert_eq!(ps[0].line, Some(2));
    assert_eq!(column_name(&ps[0]), "so");
    assert_eq!(ps[0].value.as_deref(), Some("85x"));
    assert!(ps[0].message.en().contains("is not a number"));
    assert_eq!(ps[1].line, Some(3));
    assert_eq!(column_name(&ps[1]), "diem");
    assert!(
        ps[1].message.en().contains("K5 does not allow N/A"),
        "{:?}",
        ps[1]
    );
    assert_eq!(ps[2].line, Some(4));
    assert_eq!(column_name(&ps[2]), "ma");
    assert_eq!(ps[2].value.as_deref(), Some("U1"));
    assert!(
        ps[2]
            .message
            .en()
            .contains("duplicate unit id (already on line 2)")
    );
    // One displayed line names the file, line, column and value.
    assert_eq!(
        ps[0].display(Lang::En).to_string(),
        "d.csv:2, column \"so\": \"85x\": is not a number; expected a number such as 85.5 (a % sign is allowed)"
    );
}

#[test]
fn missing_column_with_a_rename_of_the_file_column() {
    let csv = "ma,ten,so,tuy_chon,co_khong,muc,diem,vi_pam,khen\nU1,Một,1,1,có,Khá,1,0,0\n";
    let ps = bind_err(csv);
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert_eq!(ps[0].line, Some(1));
    assert!(
        ps[0]
            .message
            .en()
            .contains("the column \"vi_pham\" is missing (used by K6)")
    );
    assert!(
        ps[0]
            .message
            .en()
            .contains("Rename the column \"vi_pam\" to \"vi_pham\"."),
        "{:?}",
        ps[0]
    );
}

#[test]
fn missing_id_column() {
    let csv = "id,ten,so,tuy_chon,co_khong,muc,diem,vi_pham,khen\nU1,Một,1,1,có,Khá,1,0,0\n";
    let ps = bind_err(csv);
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert!(
        ps[0]
            .message
            .en()
            .contains("the column \"ma\" is missing (the unit id)")
    );
}

#[test]
fn blank_cell_is_an_error_under_missing_error() {
    let csv = format!("{DATA_HEADER}\nU1,Một,,50,có,Khá,1,0,0\n");
    let ps = bind_err(&csv);
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert_eq!(column_name(&ps[0]), "so");
    assert!(
        ps[0]
            .message
            .en()
            .contains("the cell is blank; enter a value for K1")
    );
}

#[test]
fn blank_cell_is_missing_under_missing_zero_and_adjustment_blanks_are_zero() {
    let set = accepted(&DATA_SET.replace(
        "title = \"Data test\"",
        "title = \"Data test\"\nmissing = \"zero\"",
    ));
    assert_eq!(set.missing, MissingPolicy::Zero);
    let ds = bind_text(
        &set,
        &format!("{DATA_HEADER}\nU1,Một,,50,,Khá,1,0,\n"),
        DecimalChoice::Detect,
    )
    .unwrap();
    let u = &ds.units[0];
    assert_eq!(value_of(&set, u, "so"), &Value::Missing);
    assert_eq!(value_of(&set, u, "co_khong"), &Value::Missing);
    assert_eq!(value_of(&set, u, "khen"), &Value::Missing);
    // Under missing = "error" too, a blank adjustment cell is allowed.
    let (set, ds) = bind_ok(&format!("{DATA_HEADER}\nU1,Một,1,50,có,Khá,1,0,\n"));
    assert_eq!(value_of(&set, &ds.units[0], "khen"), &Value::Missing);
}

#[test]
fn yes_no_tokens_bind() {
    let yes = ["có", "CÓ", "đạt", "yes", "TRUE", "x", "1"];
    let no = ["không", "Không Đạt", "no", "False", "0"];
    let mut csv = String::from(DATA_HEADER);
    for (i, t) in yes.iter().chain(&no).enumerate() {
        csv.push_str(&format!("\nU{i},Đơn vị {i},1,1,{t},Khá,1,0,0"));
    }
    let (set, ds) = bind_ok(&csv);
    let got: Vec<&Value> = ds
        .units
        .iter()
        .map(|u| value_of(&set, u, "co_khong"))
        .collect();
    let want: Vec<Value> = yes
        .iter()
        .map(|_| Value::YesNo(true))
        .chain(no.iter().map(|_| Value::YesNo(false)))
        .collect();
    assert_eq!(got, want.iter().collect::<Vec<_>>());

    let ps = bind_err(&format!("{DATA_HEADER}\nU1,Một,1,1,y,Khá,1,0,0\n"));
    assert_eq!(ps.len(), 1);
    assert!(
        ps[0]
            .message
            .en()
            .contains("is not a yes/no value; use one of: có, không")
    );
}

#[test]
fn level_label_not_listed_names_the_allowed_ones() {
    let ps = bind_err(&format!("{DATA_HEADER}\nU1,Một,1,1,có,Xuất sắc,1,0,0\n"));
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert_eq!(column_name(&ps[0]), "muc");
    assert!(
        ps[0]
            .message
            .en()
            .contains("is not an allowed level; the levels are: Giỏi, Khá, Trung bình"),
        "{:?}",
        ps[0]
    );
}

#[test]
fn decimal_comma_file_with_semicolons_is_detected() {
    let csv = "ma;ten;so;tuy_chon;co_khong;muc;diem;vi_pham;khen\nU1;Một;85,5;50;có;Khá;2,25;0;0\nU2;Hai;90;N/A;không;Giỏi;1;0;0\n";
    let (set, ds) = bind_ok(csv);
    assert_eq!(
        value_of(&set, &ds.units[0], "so"),
        &Value::Number(d("85.5"))
    );
    assert_eq!(
        value_of(&set, &ds.units[0], "diem"),
        &Value::Number(d("2.25"))
    );
    assert_eq!(value_of(&set, &ds.units[1], "so"), &Value::Number(d("90")));
}

#[test]
fn mixed_decimal_styles_are_an_error() {
    let csv =
        format!("{DATA_HEADER}\nU1,Một,85.5,50,có,Khá,1.5,0,0\nU2,Hai,\"85,5\",50,có,Khá,1,0,0\n");
    let ps = bind_err(&csv);
    // Two points against one comma: the comma cell is the odd one out. (It is
    // reported twice: once as mixing, once as not fitting the file's style.)
    assert!(!ps.is_empty());
    for p in &ps {
        assert_eq!(p.line, Some(3), "{}", show(&ps));
        assert_eq!(column_name(p), "so");
        assert_eq!(p.value.as_deref(), Some("85,5"));
        assert!(p.message.en().contains("--decimal"));
    }
    assert!(
        ps.iter()
            .any(|p| p.message.en().contains("mixes decimal styles"))
    );
}

#[test]
fn ambiguous_thousands_with_nothing_to_decide_is_an_error() {
    let csv = format!("{DATA_HEADER}\nU1,Một,1.234,50,có,Khá,1,0,0\n");
    let ps = bind_err(&csv);
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert_eq!(column_name(&ps[0]), "so");
    assert_eq!(ps[0].value.as_deref(), Some("1.234"));
    assert!(
        ps[0].message.en().contains("--decimal point"),
        "{:?}",
        ps[0]
    );
    assert!(ps[0].message.en().contains("--decimal comma"));
}

#[test]
fn ambiguous_value_is_decided_by_the_rest_of_the_file() {
    let (set, ds) = bind_ok(&format!(
        "{DATA_HEADER}\nU1,Một,1.234,50,có,Khá,1,0,0\nU2,Hai,85.5,50,có,Khá,1,0,0\n"
    ));
    assert_eq!(
        value_of(&set, &ds.units[0], "so"),
        &Value::Number(d("1.234"))
    );
}

#[test]
fn explicit_comma_accepts_thousands_separators() {
    let csv = "ma;ten;so;tuy_chon;co_khong;muc;diem;vi_pham;khen\nU1;Một;1.234,5;50;có;Khá;1;0;0\n";
    let set = data_set();
    let ds = bind_text(&set, csv, DecimalChoice::Explicit(DecimalStyle::Comma)).unwrap();
    assert_eq!(
        value_of(&set, &ds.units[0], "so"),
        &Value::Number(d("1234.5"))
    );
    // Explicit point: the same cell is wrong.
    let ps = bind_err_with(csv, DecimalChoice::Explicit(DecimalStyle::Point));
    assert_eq!(ps.len(), 1, "{}", show(&ps));
}

#[test]
fn direct_value_above_points_is_an_error() {
    let ps = bind_err(&format!("{DATA_HEADER}\nU1,Một,1,50,có,Khá,5.01,0,0\n"));
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert_eq!(column_name(&ps[0]), "diem");
    assert!(
        ps[0]
            .message
            .en()
            .contains("exceeds the maximum of 5 points of K5")
    );
    // Exactly the points is fine.
    bind_ok(&format!("{DATA_HEADER}\nU1,Một,1,50,có,Khá,5,0,0\n"));
}

#[test]
fn negative_counts_are_errors() {
    let ps = bind_err(&format!("{DATA_HEADER}\nU1,Một,1,50,có,Khá,1,-1,-2\n"));
    assert_eq!(ps.len(), 2, "{}", show(&ps));
    assert_eq!(column_name(&ps[0]), "vi_pham");
    assert!(ps[0].message.en().contains("must not be negative"));
    assert_eq!(column_name(&ps[1]), "khen");
    // A negative value for a plain number is fine (e.g. a change in %).
    let (set, ds) = bind_ok(&format!("{DATA_HEADER}\nU1,Một,-5,50,có,Khá,1,0,0\n"));
    assert_eq!(value_of(&set, &ds.units[0], "so"), &Value::Number(d("-5")));
}

#[test]
fn not_applicable_in_an_adjustment_is_an_error() {
    let ps = bind_err(&format!("{DATA_HEADER}\nU1,Một,1,50,có,Khá,1,0,KAD\n"));
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert_eq!(column_name(&ps[0]), "khen");
}

#[test]
fn nfd_names_are_normalised_to_nfc() {
    // "Nghi Thủy" with u + combining hook above; "Đông Vĩnh" with i + combining tilde;
    // the yes/no and level cells decomposed too.
    let csv = format!(
        "{DATA_HEADER}\nU1,Nghi Thu\u{0309}y,1,50,co\u{0301},Kha\u{0301},1,0,0\nU2,\u{0110}o\u{0302}ng Vi\u{0303}nh,1,50,có,Khá,1,0,0\n"
    );
    let (set, ds) = bind_ok(&csv);
    assert_eq!(ds.units[0].name, "Nghi Thủy");
    assert_eq!(
        ds.units[0].name.chars().count(),
        9,
        "composed: one char for ủ"
    );
    assert_eq!(
        value_of(&set, &ds.units[0], "co_khong"),
        &Value::YesNo(true)
    );
    assert_eq!(value_of(&set, &ds.units[0], "muc"), &label(&set, "khá"));
    assert_eq!(ds.units[1].name, "Đông Vĩnh");
}

#[test]
fn utf8_bom_and_crlf() {
    let text = format!(
        "\u{FEFF}{DATA_HEADER}\r\nU1,Một,1,50,có,Khá,1,0,0\r\nU2,Hai,x,50,có,Khá,1,0,0\r\n"
    );
    let set = data_set();
    let read = |t: &str| read_data(&set, "d.csv", t.as_bytes(), &ReadOptions::default());
    let Err(ReadError::Rejected(rejected)) = read(&text) else {
        panic!("the bad row is rejected")
    };
    let ps = rejected.problems;
    // The header is recognised (no "missing column ma") and line 3 is line 3.
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    assert_eq!(ps[0].line, Some(3));
    assert_eq!(column_name(&ps[0]), "so");
    // Without the bad row everything binds; values carry no stray \r.
    let good = text.replace("U2,Hai,x", "U2,Hai,2");
    let ds = read(&good).unwrap();
    assert_eq!(value_of(&set, &ds.units[1], "khen"), &Value::Number(d("0")));
    assert_eq!(ds.units[1].name, "Hai");
}

/// Streaming hands the binder cells as written and it normalises what it
/// reads as text; a table in memory is normalised first. Both read padded
/// numbers, decomposed names and whitespace-only rows alike.
#[test]
fn streamed_cells_are_normalised_where_read_as_text() {
    let csv = format!(
        "{DATA_HEADER}\n \u{A0}U1\t,Nghi Thu\u{0309}y ,\u{FEFF}1 , 50\u{2060},co\u{0301},  Kha\u{0301},\u{3000}4.5,0 ,1\n \t, \u{A0},,,,,,,\nU2,Hai,2,N/A ,không , giỏi,1,0,0\n"
    );
    let set = data_set();
    let streamed = read_data(&set, "d.csv", csv.as_bytes(), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("rejected: {e}"));
    let (_, in_memory) = bind_ok(&csv);
    assert_eq!(streamed, in_memory);
    let u1 = &streamed.units[0];
    assert_eq!((u1.id.as_str(), u1.name.as_str()), ("U1", "Nghi Thủy"));
    assert_eq!(value_of(&set, u1, "so"), &Value::Number(d("1")));
    assert_eq!(value_of(&set, u1, "tuy_chon"), &Value::Number(d("50")));
    assert_eq!(value_of(&set, u1, "co_khong"), &Value::YesNo(true));
    assert_eq!(value_of(&set, u1, "muc"), &label(&set, "khá"));
    assert_eq!(value_of(&set, u1, "diem"), &Value::Number(d("4.5")));
    assert_eq!(streamed.units.len(), 2, "the blank row is skipped");
    assert_eq!(
        value_of(&set, &streamed.units[1], "tuy_chon"),
        &Value::NotApplicable
    );
    // A bad cell is shown as read, trimmed.
    let bad = csv.replace(",0 ,1\n", ",0 , x \n");
    let Err(ReadError::Rejected(rejected)) =
        read_data(&set, "d.csv", bad.as_bytes(), &ReadOptions::default())
    else {
        panic!("the bad cell is rejected")
    };
    assert_eq!(rejected.problems.len(), 1, "{}", show(&rejected.problems));
    assert_eq!(rejected.problems[0].value.as_deref(), Some("x"));
}

#[test]
fn unused_columns_are_listed() {
    let csv = "ghi_chu,ma,ten,so,tuy_chon,co_khong,muc,diem,vi_pham,khen,nam\nx,U1,Một,1,50,có,Khá,1,0,0,2023\n";
    let (_, ds) = bind_ok(csv);
    assert_eq!(ds.unused_columns, ["ghi_chu", "nam"]);
}

#[test]
fn a_row_with_the_wrong_number_of_fields_names_its_line() {
    let csv = format!("{DATA_HEADER}\nU1,Một,1,50,có,Khá,1,0,0\nU2,Hai,1,50,có,Khá,1,0\n");
    let ps = read_csv("d.csv", &csv, None).unwrap().problems;
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].line, Some(3));
    assert!(
        ps[0]
            .message
            .en()
            .contains("the row has 8 fields but the header has 9 columns")
    );
}

/// A quote left open takes in the lines below as one cell: the row says
/// how far it runs and that the quotes are what to check; the units it
/// took in are not read.
#[test]
fn a_quote_left_open_names_the_lines_it_takes_in() {
    let csv = format!(
        "{DATA_HEADER}\nU1,\"Một,1,50,có,Khá,1,0,0\nU2,Hai,1,50,có,Khá,1,0,0\nU3,Ba,1,50,có,Khá,1,0,0\n"
    );
    let ps = read_csv("d.csv", &csv, None).unwrap().problems;
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].line, Some(2));
    let said = ps[0].message.en();
    assert!(
        said.contains("the row has 2 fields but the header has 9 columns, and runs on to line 4"),
        "{said}"
    );
    assert!(said.contains("check the quotes"), "{said}");
    // A cell quoted across lines and closed is no such row, nor is one
    // with a stray delimiter besides: it has too many fields, not too few.
    let csv = format!("{DATA_HEADER}\nU1,\"Một\nHai\",1,50,có,Khá,1,0,0\n");
    assert!(read_csv("d.csv", &csv, None).unwrap().problems.is_empty());
    let csv = format!("{DATA_HEADER}\nU1,\"Một\nHai\",1,50,có,Khá,1,0,0,9\n");
    let said = read_csv("d.csv", &csv, None).unwrap().problems[0]
        .message
        .en();
    assert!(
        said.contains("the row has 10 fields") && !said.contains("quote"),
        "{said}"
    );
}

/// The contract's "three mistakes → three messages": a misspelt required key
/// is one mistake, but it is reported twice (the unknown key, then the
/// missing one), and a misspelt step bound twice too.
#[test]
fn three_misspelt_keys_give_three_problems() {
    let src = file(
        "
[[criteria]]
id = \"K1\"
titel = \"k\"
indicator = \"x\"
rule = \"at_least\"
min = 1

[[criteria]]
id = \"K2\"
title = \"k\"
indicater = \"y\"
points = 3
rule = \"steps\"
steps = [{ at_leest = 90, points = 3 }]
",
    );
    let ps = problems(&src);
    let where_: Vec<(usize, usize)> = ps.iter().map(at).collect();
    // titel (line 13), indicater (line 21), at_leest (line 24, column 12).
    assert_eq!(where_, vec![(13, 1), (21, 1), (24, 12)], "{}", show(&ps));
    assert!(ps.iter().all(|p| p.message.en().contains("Did you mean")));
}

/// A row of notes or a signature under the units is one problem a row,
/// quoting what it says; a unit missing its id but with its figures (a
/// blank bonus is none missing) keeps the problems of its cells.
#[test]
fn a_row_with_hardly_any_figures_and_no_id_or_name_is_no_unit() {
    let problems = bind_err(&format!(
        "{DATA_HEADER}\nU1,Một,85.5,N/A,có,khá,4.5,0,1\n,Người lập biểu,,,,,,,\n,,Thủ trưởng đơn vị,,,,,,\nU9,,,,,,,,\n,Phường 7,80,N/A,có,,,,\n"
    ));
    let on = |line: usize| -> Vec<String> {
        problems
            .iter()
            .filter(|p| p.line == Some(line))
            .map(|p| p.message.en())
            .collect()
    };
    for (line, lacking, text) in [
        (3, "id", "Người lập biểu"),
        (4, "id or name", "Thủ trưởng đơn vị"),
        (5, "name", "U9"),
    ] {
        let said = on(line);
        assert_eq!(said.len(), 1, "one problem on line {line}: {said:?}");
        assert!(
            said[0].starts_with(&format!(
                "this row has no unit {lacking} and hardly any figures (\"{text}\")"
            )),
            "{said:?}"
        );
    }
    // Three of six needed figures (the blank bonus needs none): a unit.
    let unit = on(6);
    assert!(unit.iter().any(|m| m == "the unit id is blank"), "{unit:?}");
    assert!(unit.iter().all(|m| !m.contains("hardly any")), "{unit:?}");
}
