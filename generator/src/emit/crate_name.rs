//! The generated crate's package name, checked before anything is emitted.

use crate::error::{Error, Result};

/// Cargo's rules for a package name that is also a valid library name.
pub(crate) fn check_crate_name(name: &str) -> Result<()> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(Error::msg(format!(
            "crate name `{name}` must start with a lowercase letter and use only a-z, 0-9, `-` and `_`"
        )))
    }
}
