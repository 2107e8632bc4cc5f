//! Security Definitions → Security Scheme Objects.

use serde_json::{Map, Value, json};

use crate::error::{Error, Result, join};

/// A Security Definitions entry (at `at`) → a Security Scheme Object.
pub(super) fn security_scheme(scheme: Value, at: &str) -> Result<Value> {
    let Value::Object(mut scheme) = scheme else {
        return Ok(scheme);
    };
    let kind = scheme
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    match kind.as_str() {
        "basic" => {
            scheme.insert("type".into(), json!("http"));
            scheme.insert("scheme".into(), json!("basic"));
        }
        "oauth2" => {
            let flow = scheme.remove("flow");
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = scheme.remove(key) {
                    details.insert(key.into(), url);
                }
            }
            details.insert(
                "scopes".into(),
                scheme.remove("scopes").unwrap_or_else(|| json!({})),
            );
            let flow = match flow.as_ref().and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                other => {
                    let found = other.map_or_else(
                        || "none is given".to_owned(),
                        |flow| format!("`{flow}` is not one"),
                    );
                    return Err(Error::at(
                        join(at, "flow"),
                        format!(
                            "an oauth2 security definition's `flow` must be `implicit`, \
                             `password`, `application` or `accessCode`; {found}"
                        ),
                    ));
                }
            };
            let mut flows = Map::new();
            flows.insert(flow.into(), Value::Object(details));
            scheme.insert("flows".into(), Value::Object(flows));
        }
        _ => {}
    }
    Ok(Value::Object(scheme))
}
