//! The version a document was written in, read from its `openapi` or `swagger` field before
//! `openapiv3` sees it (it silently accepts some 3.1 documents).

use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::Warning;

/// The version a document was written in. Every version leaves `load` as the OpenAPI 3.0 model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// Swagger 2.0 (`swagger: "2.0"`), converted to OpenAPI 3.0.
    Swagger2,
    /// OpenAPI 3.0.x, read as it is.
    OpenApi30,
    /// OpenAPI 3.1.x, normalised to what OpenAPI 3.0 expresses.
    OpenApi31,
    /// OpenAPI 3.2.x, read as 3.1 (which it extends) once its own additions are read or left
    /// out.
    OpenApi32,
}

/// The version of a document: Swagger 2.0, OpenAPI 3.0.x, 3.1.x or 3.2.x. Anything else (Swagger
/// 1.x, OpenAPI 3.3 and later, a document without a version) is refused, naming what was found.
/// An `openapi` version that YAML read as a number (`openapi: 3.1`, unquoted) is made the text
/// the author wrote, which `openapiv3` requires. A bare major version (`openapi: '3'`,
/// `swagger: 2`), which names no version, is read as the first of that major (3.0, 2.0), with
/// the warning returned beside it.
pub(super) fn check_version(value: &mut Value) -> Result<(Version, Option<Warning>)> {
    let Some(root) = value.as_object_mut() else {
        // An empty YAML file reads as `null`.
        let what = match value {
            Value::Null => "the document is empty (an OpenAPI description is a mapping/object)",
            _ => "the document is not a mapping/object",
        };
        return Err(Error::at("#", what));
    };
    if let Some(number @ Value::Number(_)) = root.get_mut("openapi") {
        *number = Value::String(number.to_string());
    }
    if let Some(swagger) = root.get("swagger") {
        let version = scalar_text(swagger);
        if version == "2.0" {
            return Ok((Version::Swagger2, None));
        }
        if version == "2" {
            return Ok((
                Version::Swagger2,
                Some(bare("#/swagger", "swagger", &version, "2.0")),
            ));
        }
        return Err(Error::at(
            "#/swagger",
            format!(
                "unsupported version: Swagger {version} is not supported; Swagger 2.0 and OpenAPI 3.0.x, 3.1.x and 3.2.x are"
            ),
        ));
    }
    if let Some(version) = root.get("swaggerVersion") {
        return Err(Error::at(
            "#/swaggerVersion",
            format!(
                "unsupported version: Swagger {} (Swagger 1.x) is not supported; Swagger 2.0 and OpenAPI 3.0.x, 3.1.x and 3.2.x are",
                scalar_text(version)
            ),
        ));
    }
    let Some(version) = root.get("openapi") else {
        return Err(Error::at(
            "#",
            "no `openapi` or `swagger` version field: this does not look like an OpenAPI document",
        ));
    };
    let version = scalar_text(version);
    let minor = |prefix: &str| version == prefix || version.starts_with(&format!("{prefix}."));
    if minor("3.0") {
        Ok((Version::OpenApi30, None))
    } else if minor("3.1") {
        Ok((Version::OpenApi31, None))
    } else if minor("3.2") {
        Ok((Version::OpenApi32, None))
    } else if version == "3" {
        let warning = bare("#/openapi", "openapi", &version, "3.0");
        root.insert("openapi".into(), Value::String("3.0.0".into()));
        Ok((Version::OpenApi30, Some(warning)))
    } else {
        Err(Error::at(
            "#/openapi",
            format!(
                "unsupported version: OpenAPI {version} is not supported; OpenAPI 3.0.x, 3.1.x and 3.2.x and Swagger 2.0 are"
            ),
        ))
    }
}

/// The warning that the bare major version `version`, written as `field`, is read as `read`.
fn bare(pointer: &str, field: &str, version: &str, read: &str) -> Warning {
    Warning {
        pointer: pointer.to_owned(),
        message: format!(
            "`{field}: {version}` names a major version, not a version (OpenAPI 3.0.x, 3.1.x and \
             3.2.x and Swagger 2.0 are); it is read as {read}"
        ),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
