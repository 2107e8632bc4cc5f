//! Errors about the configuration, located at the key they concern.

use std::path::PathBuf;

use toml::de::{DeTable, DeValue};

use super::Config;
use crate::error::{Error, line_column};

/// What errors name as the file of a configuration that was not read from one.
pub(crate) const IN_CODE: &str = "<configuration>";

/// Where a configuration was read from, so its errors can name the file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file, when it was read from one.
    pub path: Option<PathBuf>,
    /// The TOML text.
    pub text: String,
}

impl Config {
    /// An error about the key at `key` (`["types", "rename", "Pet"]`): the message starts
    /// with the key as TOML writes it, and the error carries the file, line and column where
    /// the configuration was read from a file.
    pub(crate) fn error_at(&self, key: &[&str], message: impl std::fmt::Display) -> Error {
        let mut error = Error::msg(format!("{}: {message}", dotted(key)));
        // Never the spec's file, which the caller would otherwise name.
        error.file = Some(PathBuf::from(IN_CODE));
        if let Some(source) = &self.source {
            if let Some(path) = &source.path {
                error.file = Some(path.clone());
            }
            error.location = offset_of(&source.text, key).map(|o| line_column(&source.text, o));
        }
        error
    }
}

/// `types.rename."my type"`: a key path as TOML writes it.
fn dotted(key: &[&str]) -> String {
    key.iter()
        .map(|part| {
            let bare = !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if bare {
                (*part).to_owned()
            } else {
                format!("{part:?}")
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The byte offset of the deepest key of `key` found in `text`.
fn offset_of(text: &str, key: &[&str]) -> Option<usize> {
    let document = DeTable::parse(text).ok()?;
    let mut table = document.get_ref();
    let mut found = None;
    for part in key {
        let (name, value) = table.iter().find(|(name, _)| name.get_ref() == part)?;
        found = Some(name.span().start);
        match value.get_ref() {
            DeValue::Table(inner) => table = inner,
            _ => break,
        }
    }
    found
}
