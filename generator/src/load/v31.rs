//! OpenAPI 3.1 → the OpenAPI 3.0 model. (Being built: until then a 3.1 document is refused.)

use serde_json::Value;

use super::origins::Layer;
use crate::error::{Error, Result};
use crate::ir::Warning;

/// Normalises an OpenAPI 3.1 document in place to what the OpenAPI 3.0 model expresses,
/// keeping the meaning; what cannot be kept is a warning naming the node. Returns where the
/// nodes it moved came from.
pub(super) fn normalise(value: &mut Value, warnings: &mut Vec<Warning>) -> Result<Layer> {
    let _ = (value, warnings);
    Err(Error::at(
        "#/openapi",
        "unsupported version: OpenAPI 3.1 is not supported yet",
    ))
}
