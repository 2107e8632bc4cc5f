//! The policy for imperfect specs at load time: an operation (or path item) that does not even
//! have the shape OpenAPI requires is removed from the document with a warning, and the rest of
//! the document loads. (`shallow` repairs a malformed schema and leaves out a malformed
//! component, each with a warning.) Structural errors anywhere else stay errors.

use serde_json::Value;

use crate::error::{Error, Result, pointer};
use crate::ir::Warning;

use super::places::methods;
use super::shallow;
use super::version::Version;

/// Runs the shallow check, removing each operation or path item it fails in, until the rest
/// passes; returns a warning for each one removed.
pub(super) fn check_document(doc: &mut Value) -> Result<Vec<Warning>> {
    let mut warnings = Vec::new();
    loop {
        let Err(error) = shallow::check_document(doc, &mut warnings) else {
            return Ok(warnings);
        };
        let Some((path, method)) = operation_of(&error) else {
            return Err(error);
        };
        let removed = doc
            .get_mut("paths")
            .and_then(Value::as_object_mut)
            .and_then(|paths| match &method {
                Some(method) => paths
                    .get_mut(&path)
                    .and_then(Value::as_object_mut)
                    .and_then(|item| item.shift_remove(method)),
                None => paths.shift_remove(&path),
            });
        if removed.is_none() {
            // Not where the error says: stop rather than loop.
            return Err(error);
        }
        let node = match &method {
            Some(method) => pointer(&["paths", &path, method]),
            None => pointer(&["paths", &path]),
        };
        let cost = match method {
            Some(_) => format!("the operation {node} is skipped"),
            None => format!("the path item {node} and its operations are skipped"),
        };
        warnings.push(Warning {
            pointer: error.pointer.unwrap_or(node),
            message: format!("{}; {cost}", error.message),
        });
    }
}

/// The path key and method of the operation an error lies in (`None` as the method for the
/// path item's own nodes, such as its `parameters`).
fn operation_of(error: &Error) -> Option<(String, Option<String>)> {
    let rest = error.pointer.as_deref()?.strip_prefix("#/paths/")?;
    let mut tokens = rest.split('/').map(crate::error::unescape_token);
    let path = tokens.next()?;
    match tokens.next() {
        Some(method) if methods(Version::OpenApi30).any(|m| m == method) => {
            Some((path, Some(method)))
        }
        _ => Some((path, None)),
    }
}
