//! Reading `opengen.toml`.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::Config;
use super::locate::{IN_CODE, Source};
use crate::error::line_column;
use crate::error::{Error, Errors};

/// The configuration file's name; [`Config::beside`] looks for it in the spec's folder.
pub const CONFIG_FILE: &str = "opengen.toml";

impl Config {
    /// Parses the text of a configuration file. An unknown key or a value of the wrong kind is
    /// an error naming the key, with its line and column.
    pub fn parse(text: &str) -> Result<Self, Errors> {
        let mut config: Self = toml::from_str(text).map_err(|e| {
            let mut error = Error::msg(e.message().trim_end());
            error.file = Some(IN_CODE.into());
            error.location = e.span().map(|span| line_column(text, span.start));
            Errors::from(error)
        })?;
        config.source = Some(Source {
            path: None,
            text: text.to_owned(),
        });
        Ok(config)
    }

    /// Reads and parses the configuration file at `path`; errors name the file.
    pub fn load(path: &Path) -> Result<Self, Errors> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Errors::from(Error::msg(format!("cannot read {}: {e}", path.display())))
        })?;
        let mut config = Self::parse(&text).map_err(|e| {
            e.map(|mut error| {
                error.file = Some(path.to_path_buf());
                error
            })
        })?;
        if let Some(source) = &mut config.source {
            source.path = Some(path.to_path_buf());
        }
        Ok(config)
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

    /// The SHA-256 of the settings (not of the file's text: comments and layout do not count),
    /// as the generated files' header states it.
    pub(crate) fn sha256(&self) -> String {
        let canonical = serde_json::to_string(self).unwrap_or_default();
        Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}
