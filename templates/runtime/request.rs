//! Building one request: path parameters, query, headers and body.

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use crate::error::BoxError;

/// Everything outside RFC 3986's unreserved set is escaped, so a path parameter always stays one
/// path segment: `/`, `?`, `#`, `%` and spaces are all encoded.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A request under construction. Problems found while building it (a value that cannot be a
/// path segment, a body that does not serialize) are kept and reported when the call is sent, so
/// operation methods stay infallible.
#[derive(Debug)]
pub(crate) struct RequestBuilder {
    pub(crate) method: Method,
    /// The path as the API description writes it, for logs and spans.
    pub(crate) path_template: &'static str,
    /// The path with every parameter substituted and encoded.
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Body>,
    /// A body that can be sent only once; when set it replaces `body` and the call is not retried.
    pub(crate) one_shot_body: Option<crate::call::OneShotBody>,
    /// The security requirements: alternatives, each a set of scheme keys needed together.
    pub(crate) security: &'static [&'static [&'static str]],
    pub(crate) error: Option<BoxError>,
}

/// A request body, serialized up front so it can be sent again.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Bytes,
}

impl RequestBuilder {
    pub(crate) fn new(method: Method, path_template: &'static str) -> Self {
        Self {
            method,
            path_template,
            path: path_template.to_owned(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            one_shot_body: None,
            security: &[],
            error: None,
        }
    }

    fn fail(&mut self, error: impl Into<BoxError>) {
        self.error.get_or_insert(error.into());
    }

    /// Substitutes `{name}` in the path with `value`, encoded as exactly one path segment.
    pub(crate) fn path_param(mut self, name: &str, value: &str) -> Self {
        if matches!(value, "" | "." | "..") {
            self.fail(format!(
                "path parameter `{name}` is `{value}`, which cannot be sent as a path segment"
            ));
            return self;
        }
        let encoded = utf8_percent_encode(value, PATH_SEGMENT).to_string();
        self.path = self.path.replace(&format!("{{{name}}}"), &encoded);
        self
    }

    /// Sets a header from the operation's parameters.
    #[allow(dead_code)]
    pub(crate) fn header(mut self, name: &'static str, value: &str) -> Self {
        match HeaderValue::from_str(value) {
            Ok(value) => {
                self.headers.insert(HeaderName::from_static(name), value);
            }
            Err(_) => self.fail(format!(
                "header parameter `{name}` is not a valid header value"
            )),
        }
        self
    }

    /// Adds a query pair; repeated names are sent in order.
    #[allow(dead_code)]
    pub(crate) fn query(mut self, name: &'static str, value: impl ToString) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    /// Serializes `body` as JSON.
    pub(crate) fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Some(Body {
                    content_type: "application/json",
                    bytes: bytes.into(),
                });
            }
            Err(error) => self.fail(format!("the request body does not serialize: {error}")),
        }
        self
    }

    /// The operation's security requirements: any one of the alternatives, each a set of scheme
    /// keys from [`crate::SECURITY_SCHEMES`] needed together. The client sends the credentials of
    /// the first alternative it holds; without this call it sends none.
    pub(crate) fn security(mut self, alternatives: &'static [&'static [&'static str]]) -> Self {
        self.security = alternatives;
        self
    }

    /// Asks for a response media type.
    pub(crate) fn accept(mut self, media_type: &'static str) -> Self {
        self.headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static(media_type),
        );
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_for(value: &str) -> String {
        RequestBuilder::new(Method::GET, "/groups/{group_id}/members")
            .path_param("group_id", value)
            .path
    }

    #[test]
    fn a_path_parameter_stays_one_segment() {
        assert_eq!(path_for("abc-1_2.3~"), "/groups/abc-1_2.3~/members");
        assert_eq!(path_for("a/b"), "/groups/a%2Fb/members");
        assert_eq!(path_for("../x"), "/groups/..%2Fx/members");
        assert_eq!(path_for("?#%"), "/groups/%3F%23%25/members");
        assert_eq!(path_for("a b"), "/groups/a%20b/members");
        assert_eq!(path_for("é☃"), "/groups/%C3%A9%E2%98%83/members");
        assert_eq!(path_for("{group_id}"), "/groups/%7Bgroup_id%7D/members");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let request = RequestBuilder::new(Method::GET, "/groups/{id}").path_param("id", value);
            let error = request.error.unwrap().to_string();
            assert!(error.contains("`id`"), "{error}");
        }
    }

    #[test]
    fn parameters_inside_a_segment_are_substituted() {
        let request =
            RequestBuilder::new(Method::GET, "/Accounts/{Sid}.json").path_param("Sid", "AC1");
        assert_eq!(request.path, "/Accounts/AC1.json");
    }
}
