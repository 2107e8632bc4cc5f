//! What every rewrite of the normalisation shares: its state, and where it finds schemas.

use crate::ir::Warning;
use serde_json::Value;

use crate::load::origins::{Layer, Origin, lookup};
use crate::load::places::{self, Node};
use crate::load::version::Version;

/// The state of one normalisation: the warnings given, and where moved nodes came from.
pub(super) struct Cx<'w> {
    warnings: &'w mut Vec<Warning>,
    layer: Layer,
}

impl<'w> Cx<'w> {
    pub(super) fn new(warnings: &'w mut Vec<Warning>) -> Self {
        Cx {
            warnings,
            layer: Layer::new(),
        }
    }

    /// Where the nodes moved so far came from.
    pub(super) fn into_layer(self) -> Layer {
        self.layer
    }

    pub(super) fn warn(&mut self, at: &str, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: at.to_owned(),
            message: message.into(),
        });
    }

    /// The node of the input document that the output node `at` is.
    pub(super) fn origin_of(&self, at: &str) -> String {
        lookup(&self.layer, at).map_or_else(|| at.to_owned(), |origin| origin.pointer)
    }

    /// Records that the output node `at` is the input node `from` (nothing when that already
    /// follows from what is recorded).
    pub(super) fn moved(&mut self, at: String, from: String) {
        if self.origin_of(&at) != from {
            self.layer.insert(
                at,
                Origin {
                    file: None,
                    pointer: from,
                },
            );
        }
    }
}

/// Calls `visit` on every schema of the document that is not inside another schema, with its
/// pointer. `components.pathItems` are walked where `paths` use them (`v31::path_item_refs`
/// copies them there).
pub(super) fn for_each_schema(doc: &mut Value, visit: &mut dyn FnMut(&mut Value, &str)) {
    places::for_each_schema(
        doc,
        Version::OpenApi31,
        &[(Node::Components, "pathItems")],
        visit,
    );
}
