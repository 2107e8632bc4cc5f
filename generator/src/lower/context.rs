//! The operation being lowered, shared by the modules that lower its parts.

use openapiv3::{Parameter, ReferenceOr};

use crate::ir::SecurityScheme;

/// One operation being lowered: where it is and what it inherits from its path item.
pub(super) struct OperationContext<'a> {
    pub(super) path_key: &'a str,
    /// The path item's key for the method (`get`).
    pub(super) method: &'a str,
    /// JSON pointer of the path item.
    pub(super) item_at: &'a str,
    /// JSON pointer of the operation.
    pub(super) at: &'a str,
    /// The path item's parameters.
    pub(super) path_params: &'a [ReferenceOr<Parameter>],
    pub(super) schemes: &'a [SecurityScheme],
    /// The method's name when not its `operationId`'s: the function's name in an
    /// `operationId` FastAPI made up from the route ([`super::method_names`]).
    pub(super) route_named: Option<&'a str>,
}
