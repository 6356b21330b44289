//! Unit data bound to a criteria set: every cell parsed into the kind of
//! value its criteria expect.

use rust_decimal::Decimal;

/// One cell's value once parsed. Plain data (`Copy`): a million units'
/// values move as bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Number(Decimal),
    /// An exact quotient `num / den` (`den > 0`) that has no exact decimal
    /// form, such as 100 × 46 ÷ 48 from a derived ratio. Rules read it
    /// exactly, so no rounding happens before the set's own (docs/criteria-format.md).
    Fraction {
        num: Decimal,
        den: Decimal,
    },
    YesNo(bool),
    /// A level label, by the id its levels share (`Level::id`).
    Label(u32),
    NotApplicable,
    /// A blank cell under `missing = "zero"`.
    Missing,
}

impl Value {
    /// The number this value holds; a fraction to 28 significant digits.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::Number(d) => Some(*d),
            Value::Fraction { num, den } => num.checked_div(*den),
            _ => None,
        }
    }
}

/// One unit's data, borrowed: what a loader hands on row by row.
#[derive(Debug, Clone, Copy)]
pub struct UnitView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub cluster: Option<&'a str>,
    /// Indexed like `CriteriaSet::inputs`.
    pub values: &'a [Value],
}

/// The data for one unit: identity plus one value per criteria-set input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    pub id: String,
    pub name: String,
    pub cluster: Option<String>,
    /// Indexed like `CriteriaSet::inputs`.
    pub values: Vec<Value>,
}

impl UnitRecord {
    pub fn view(&self) -> UnitView<'_> {
        UnitView {
            id: &self.id,
            name: &self.name,
            cluster: self.cluster.as_deref(),
            values: &self.values,
        }
    }
}

/// Every unit of one data file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dataset {
    pub units: Vec<UnitRecord>,
    /// Header columns the criteria set does not use.
    pub unused_columns: Vec<String>,
}
