//! The state of one conversion (the document's shared parameters and media types, where moved
//! nodes came from, the warnings given) and the helpers every part of it uses.

use serde_json::{Map, Value};

use crate::ir::Warning;
use crate::load::origins::{Layer, Origin};

pub(super) const FORM: &str = "application/x-www-form-urlencoded";
pub(super) const MULTIPART: &str = "multipart/form-data";
pub(super) const JSON: &str = "application/json";

pub(super) struct Converter<'w> {
    /// The document's `#/parameters`, to resolve `$ref`s to body and form parameters.
    pub(super) params: Map<String, Value>,
    pub(super) consumes: Option<Vec<String>>,
    pub(super) produces: Option<Vec<String>>,
    pub(super) layer: Layer,
    pub(super) warnings: &'w mut Vec<Warning>,
}

impl<'w> Converter<'w> {
    pub(super) fn new(root: &Map<String, Value>, warnings: &'w mut Vec<Warning>) -> Self {
        Self {
            params: root
                .get("parameters")
                .cloned()
                .map(object)
                .unwrap_or_default(),
            consumes: strings(root.get("consumes")),
            produces: strings(root.get("produces")),
            layer: Layer::new(),
            warnings,
        }
    }

    /// Records that the node at `to` in the 3.0 document was written at `from`.
    pub(super) fn moved(&mut self, to: String, from: &str) {
        if to != from {
            self.layer.insert(
                to,
                Origin {
                    file: None,
                    pointer: from.to_owned(),
                },
            );
        }
    }
}

pub(super) fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    let Value::Array(items) = value? else {
        return None;
    };
    Some(
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
    )
}

pub(super) fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
