//! Reading `opengen.toml`.

use std::path::Path;

use super::Config;
use crate::error::{Error, Errors};

/// The configuration file's name; [`Config::beside`] looks for it in the spec's folder.
pub const CONFIG_FILE: &str = "opengen.toml";

impl Config {
    /// Parses the text of a configuration file. An unknown key or a value of the wrong kind is
    /// an error naming the key, with its line and column.
    pub fn parse(text: &str) -> Result<Self, Errors> {
        toml::from_str(text).map_err(|e| {
            let located = match e.span() {
                Some(span) => {
                    let (line, column) = line_column(text, span.start);
                    format!("line {line}, column {column}: {}", e.message())
                }
                None => e.message().to_owned(),
            };
            Errors::from(Error::msg(located))
        })
    }

    /// Reads and parses the configuration file at `path`; errors name the file.
    pub fn load(path: &Path) -> Result<Self, Errors> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Errors::from(Error::msg(format!("cannot read {}: {e}", path.display())))
        })?;
        Self::parse(&text).map_err(|e| e.in_file(path))
    }

    /// The configuration beside the spec at `spec_path` (`opengen.toml` in its folder), or
    /// the default when there is none.
    pub fn beside(spec_path: &Path) -> Result<Self, Errors> {
        let path = spec_path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(CONFIG_FILE);
        if path.is_file() {
            Self::load(&path)
        } else {
            Ok(Self::default())
        }
    }
}

/// The 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
