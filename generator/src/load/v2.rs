//! Swagger 2.0 → OpenAPI 3.0. (Being built: until then a 2.0 document is refused.)

use serde_json::Value;

use super::origins::Layer;
use crate::error::{Error, Result};
use crate::ir::Warning;

/// Converts a Swagger 2.0 document in place to OpenAPI 3.0. Returns where each converted node
/// came from, so errors found later point into the 2.0 document.
pub(super) fn convert(value: &mut Value, warnings: &mut Vec<Warning>) -> Result<Layer> {
    let _ = (value, warnings);
    Err(Error::at(
        "#/swagger",
        "unsupported version: Swagger 2.0 is not supported yet",
    ))
}
