//! The reference values of criteria scored against other units (`rule =
//! "target"`, `rule = "relative"`): each scope's best value, kept beside a
//! ranking so that a unit's detail re-scored later reads the same ones.
//! The engine works them out and scores with them (`engine::relative`).

use std::collections::HashMap;

use rust_decimal::Decimal;

/// Each relative criterion's reference values, per scope.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct References {
    /// Indexed like `CriteriaSet::criteria`; `None` for a criterion that
    /// scores a unit on its own row.
    pub(crate) criteria: Vec<Option<Scopes>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Scopes {
    /// Scope `all`, or the units without a cluster under scope `cluster`.
    pub(crate) all: Pools,
    pub(crate) clusters: HashMap<String, Pools>,
}

/// The units of one scope, in two pools: those with a target and those
/// without (a `relative` rule puts every unit in the second).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Pools {
    pub(crate) targeted: Pool,
    pub(crate) untargeted: Pool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Pool {
    pub(crate) best: Option<Exact>,
    pub(crate) count: u32,
}

/// An exact quotient `num ÷ den` (`den > 0`): a result, a target or a best
/// value as a rule reads it, a derived ratio included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Exact {
    pub(crate) num: Decimal,
    pub(crate) den: Decimal,
}
