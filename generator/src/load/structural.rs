//! Structural errors: a value that does not deserialize as the OpenAPI 3.0 model, located by
//! the path `serde_path_to_error` tracked, and worded in the version the user wrote.

use super::version::Version;
use crate::error::Error;

/// A structural error found in the converted document speaks of the version the user wrote.
pub(super) fn name_the_version(mut error: Error, version: Version) -> Error {
    let written = match version {
        Version::Swagger2 => "Swagger 2.0",
        Version::OpenApi31 => "OpenAPI 3.1",
        Version::OpenApi32 => "OpenAPI 3.2",
        Version::OpenApi30 => return error,
    };
    if let Some(rest) = error.message.strip_prefix(NOT_VALID) {
        error.message = format!("not a valid {written} document (read as OpenAPI 3.0):{rest}");
    }
    error
}

pub(super) const NOT_VALID: &str = "not a valid OpenAPI 3.0 document:";

/// A deserialization error at `base` (the pointer of the value deserialized), located further
/// by the path `serde_path_to_error` tracked inside it.
pub(super) fn structural_error(
    base: &str,
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> Error {
    Error::at(
        path_to_pointer(base, error.path()),
        format!("{NOT_VALID} {}", error.inner()),
    )
}

fn path_to_pointer(base: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = base.to_owned();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = crate::error::join(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = crate::error::join(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}
