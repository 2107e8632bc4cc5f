//! Where each node of the loaded document came from. Loading may move nodes: a Swagger 2.0
//! document is converted (`#/definitions/Pet` becomes `#/components/schemas/Pet`), a multi-file
//! document is bundled (the root's `$ref: models/pet.yaml` becomes `#/components/schemas/Pet`).
//! Each step records, for the pointer prefixes it produced, the node they came from; an error or
//! warning found later at a pointer of the final document is then reported at the node the user
//! wrote, in the file they wrote it in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::ir::Warning;

/// A node in the user's documents: the file (`None` for the root document) and the JSON
/// pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file the node is in, when it is not the root document.
    pub file: Option<PathBuf>,
    /// The node's JSON pointer in that file, in `#/a/b` form.
    pub pointer: String,
}

/// The source map of one loading step: a pointer prefix in the step's output → the node it
/// came from in the step's input (or in another file).
pub(crate) type Layer = BTreeMap<String, Origin>;

/// The source maps of every loading step, in the order the steps ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    layers: Vec<Layer>,
}

impl Origins {
    /// Adds the source map of a step that ran after every step recorded so far.
    pub(crate) fn push(&mut self, layer: Layer) {
        if !layer.is_empty() {
            self.layers.push(layer);
        }
    }

    /// Whether no step moved anything.
    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// The node the user wrote for `pointer` of the final document: the longest recorded prefix
    /// (whole tokens only) is replaced by its origin, step by step from the last one, until a
    /// step maps it into another file.
    pub fn locate(&self, pointer: &str) -> Origin {
        let mut current = Origin {
            file: None,
            pointer: pointer.to_owned(),
        };
        for layer in self.layers.iter().rev() {
            if current.file.is_some() {
                break;
            }
            if let Some(origin) = lookup(layer, &current.pointer) {
                current = origin;
            }
        }
        current
    }

    /// `error` with its pointer moved to the node the user wrote; when that node is in another
    /// file, the error names that file (`root_dir` is the folder the root document is in, which
    /// relative file paths are joined to).
    pub fn relocate(&self, mut error: Error, root_dir: &Path) -> Error {
        let Some(pointer) = error.pointer.take() else {
            return error;
        };
        let origin = self.locate(&pointer);
        if let Some(file) = origin.file {
            error.file = Some(root_dir.join(file));
            error.location = None;
        }
        error.pointer = Some(origin.pointer);
        error
    }

    /// `warning` with its pointer moved to the node the user wrote; a node in another file is
    /// written as a JSON Reference relative to the root document (`models/pet.yaml#/properties`).
    pub fn relocate_warning(&self, mut warning: Warning) -> Warning {
        let origin = self.locate(&warning.pointer);
        warning.pointer = match origin.file {
            Some(file) => format!("{}{}", display_relative(&file), origin.pointer),
            None => origin.pointer,
        };
        warning
    }
}

/// A relative path with `/` separators, as written in a `$ref`.
pub(crate) fn display_relative(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The origin of the longest prefix of `pointer` (at a token boundary) that `layer` records,
/// with the rest of `pointer` appended.
pub(super) fn lookup(layer: &Layer, pointer: &str) -> Option<Origin> {
    let mut end = pointer.len();
    loop {
        let prefix = &pointer[..end];
        if let Some(origin) = layer.get(prefix) {
            let rest = &pointer[end..];
            return Some(Origin {
                file: origin.file.clone(),
                pointer: join_rest(&origin.pointer, rest),
            });
        }
        end = prefix.rfind('/')?;
    }
}

fn join_rest(base: &str, rest: &str) -> String {
    if base == "#" && rest.is_empty() {
        return base.to_owned();
    }
    format!("{base}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(file: Option<&str>, pointer: &str) -> Origin {
        Origin {
            file: file.map(PathBuf::from),
            pointer: pointer.to_owned(),
        }
    }

    #[test]
    fn nothing_recorded_is_where_it_is() {
        let origins = Origins::default();
        assert_eq!(origins.locate("#/a/b"), origin(None, "#/a/b"));
    }

    #[test]
    fn the_longest_whole_token_prefix_wins() {
        let mut layer = Layer::new();
        layer.insert("#/components/schemas".into(), origin(None, "#/definitions"));
        layer.insert(
            "#/components/schemas/Pet".into(),
            origin(None, "#/definitions/Animal"),
        );
        let mut origins = Origins::default();
        origins.push(layer);
        assert_eq!(
            origins.locate("#/components/schemas/Pet/properties/id"),
            origin(None, "#/definitions/Animal/properties/id")
        );
        // `Pets` is not under `Pet`.
        assert_eq!(
            origins.locate("#/components/schemas/Pets"),
            origin(None, "#/definitions/Pets")
        );
        assert_eq!(origins.locate("#/paths"), origin(None, "#/paths"));
    }

    #[test]
    fn layers_compose_until_a_file_is_reached() {
        let mut bundle = Layer::new();
        bundle.insert(
            "#/definitions/Pet".into(),
            origin(Some("models/pet.yaml"), "#"),
        );
        let mut convert = Layer::new();
        convert.insert("#/components/schemas".into(), origin(None, "#/definitions"));
        let mut origins = Origins::default();
        origins.push(bundle);
        origins.push(convert);
        assert_eq!(
            origins.locate("#/components/schemas/Pet/required"),
            origin(Some("models/pet.yaml"), "#/required")
        );
        let error = origins.relocate(
            Error::at("#/components/schemas/Pet/required", "bad"),
            Path::new("spec"),
        );
        assert_eq!(error.file, Some(PathBuf::from("spec/models/pet.yaml")));
        assert_eq!(error.pointer.as_deref(), Some("#/required"));
        let warning = origins.relocate_warning(Warning {
            pointer: "#/components/schemas/Pet".into(),
            message: "m".into(),
        });
        assert_eq!(warning.pointer, "models/pet.yaml#");
    }
}
