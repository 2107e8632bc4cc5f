//! Security Definitions → Security Scheme Objects.

use serde_json::{Map, Value, json};

use super::Warning;
use crate::error::join;

/// A Security Definitions entry (at `at`) → a Security Scheme Object; `None` when it is left
/// out (an oauth2 definition whose flow is neither given nor told by its URLs), with a warning.
/// An oauth2 definition without a valid `flow` takes the one its URLs tell, with a warning.
pub(super) fn security_scheme(
    scheme: Value,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Option<Value> {
    let Value::Object(mut scheme) = scheme else {
        return Some(scheme);
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
                    let problem = format!(
                        "an oauth2 security definition's `flow` must be `implicit`, `password`, \
                         `application` or `accessCode`; {found}"
                    );
                    // The URLs it gives tell the flow: an authorization URL alone is the
                    // implicit flow's, both URLs the authorization code flow's, a token URL
                    // alone the client credentials flow's (the one a program uses alone).
                    let inferred = match (
                        details.contains_key("authorizationUrl"),
                        details.contains_key("tokenUrl"),
                    ) {
                        (true, false) => Some(("implicit", "implicit")),
                        (true, true) => Some(("authorizationCode", "accessCode")),
                        (false, true) => Some(("clientCredentials", "application")),
                        (false, false) => None,
                    };
                    let Some((flow, name)) = inferred else {
                        warnings.push(Warning {
                            pointer: at.to_owned(),
                            message: format!(
                                "{problem}, and it gives neither an `authorizationUrl` nor a \
                                 `tokenUrl`; the scheme is left out"
                            ),
                        });
                        return None;
                    };
                    warnings.push(Warning {
                        pointer: join(at, "flow"),
                        message: format!(
                            "{problem}; read as `{name}`, the flow of the URLs it gives"
                        ),
                    });
                    flow
                }
            };
            let mut flows = Map::new();
            flows.insert(flow.into(), Value::Object(details));
            scheme.insert("flows".into(), Value::Object(flows));
        }
        _ => {}
    }
    Some(Value::Object(scheme))
}
