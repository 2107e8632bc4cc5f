//! The state of one normalisation, which every rewrite shares.

use crate::ir::Warning;
use crate::load::origins::{Layer, Origin, lookup};

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
