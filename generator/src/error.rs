//! The error types of the generator: what went wrong, and where in the spec ([`Error`]), and
//! every such error of a run ([`Errors`]).

mod list;
mod order;

use std::fmt;
use std::path::{Path, PathBuf};

pub use list::Errors;
pub(crate) use list::Problems;
pub(crate) use order::reference_order;

/// A generation error. It names the file, the JSON pointer of the node at fault when there is
/// one, and the line and column when the parser reported them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The spec file, when the error concerns one.
    pub file: Option<PathBuf>,
    /// JSON pointer (RFC 6901) of the node at fault, in `#/a/b` form.
    pub pointer: Option<String>,
    /// 1-based line and column, where the parser gave them.
    pub location: Option<(usize, usize)>,
    /// What is wrong, in words.
    pub message: String,
}

/// Result alias for the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error about the node at `pointer`.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: None,
            pointer: Some(pointer.into()),
            location: None,
            message: message.into(),
        }
    }

    /// An error that concerns no particular node.
    pub fn msg(message: impl Into<String>) -> Self {
        Self {
            file: None,
            pointer: None,
            location: None,
            message: message.into(),
        }
    }

    /// Attaches the spec file's path, unless one is set already.
    pub fn in_file(mut self, file: &Path) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_path_buf());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some((line, column)) = self.location {
                write!(f, ":{line}:{column}")?;
            }
            f.write_str(": ")?;
        } else if let Some((line, column)) = self.location {
            write!(f, "line {line}, column {column}: ")?;
        }
        if let Some(pointer) = &self.pointer {
            write!(f, "{pointer}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The 1-based line and column of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Builds JSON pointers, escaping `~` and `/` as RFC 6901 requires.
pub(crate) fn pointer(parts: &[&str]) -> String {
    let mut out = String::with_capacity(1 + parts.iter().map(|p| p.len() + 1).sum::<usize>());
    out.push('#');
    for part in parts {
        out.push('/');
        push_escaped(&mut out, part);
    }
    out
}

/// Appends one reference token to a pointer.
pub(crate) fn join(base: &str, token: &str) -> String {
    // Lowering names a pointer for every node it visits, so this is built in one allocation.
    let mut out = String::with_capacity(base.len() + 1 + token.len());
    out.push_str(base);
    out.push('/');
    push_escaped(&mut out, token);
    out
}

pub(crate) fn escape_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_escaped(&mut out, token);
    out
}

/// `token` escaped onto `out`: `~` as `~0`, `/` as `~1`.
fn push_escaped(out: &mut String, token: &str) {
    let mut rest = token;
    while let Some(at) = rest.bytes().position(|b| b == b'~' || b == b'/') {
        out.push_str(&rest[..at]);
        out.push_str(if rest[at..].starts_with('~') {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// One reference token of a pointer as the key it names: `~1` is `/`, `~0` is `~` (RFC 6901,
/// in that order).
pub(crate) fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(pointer(&["paths", "/a/{b}", "put"]), "#/paths/~1a~1{b}/put");
        assert_eq!(join("#/x", "a~b"), "#/x/a~0b");
        assert_eq!(join("#", "~/~1/"), "#/~0~1~01~1");
        assert_eq!(escape_token("plain"), "plain");
        assert_eq!(unescape_token(&escape_token("a/~b~/")), "a/~b~/");
    }

    #[test]
    fn display_puts_file_location_pointer_then_message() {
        let mut error = Error::at("#/paths", "bad").in_file(Path::new("spec.yaml"));
        assert_eq!(error.to_string(), "spec.yaml: #/paths: bad");
        error.location = Some((3, 7));
        assert_eq!(error.to_string(), "spec.yaml:3:7: #/paths: bad");
    }
}
