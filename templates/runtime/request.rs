//! Building one request: its method, path, server, body, credentials' schemes and the URL it
//! goes to. Its parameters are added by `request_params`.

use std::borrow::Cow;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use crate::encode::{self, Encoding};
use crate::error::BoxError;
use crate::params;

/// A request under construction. Problems found while building it (a value that cannot be a
/// path segment, a body that does not serialize) are kept and reported when the call is sent, so
/// operation methods stay infallible.
#[derive(Debug)]
pub struct RequestBuilder {
    pub(crate) method: Method,
    /// The path as the API description writes it, for logs and spans.
    pub(crate) path_template: &'static str,
    /// The path with every parameter encoded: the template itself, without a copy, when it has
    /// no parameters; otherwise built piece by piece (see [`RequestBuilder::templated`]).
    pub(crate) path: Cow<'static, str>,
    pub(crate) query: Vec<(String, String)>,
    /// `name=value` pairs for the `Cookie` header.
    pub(crate) cookies: Vec<String>,
    /// The server from the operation's own `servers`, used instead of the client's default.
    pub(crate) server: Option<crate::Server>,
    /// That server's base URL in the client, set by `Client::call`.
    pub(crate) server_base: Option<std::sync::Arc<crate::server_url::BaseUrl>>,
    pub(crate) headers: HeaderMap,
    /// The response media type to ask for in `Accept`, set on the attempt's headers after
    /// `headers`, so it replaces an `Accept` header parameter as inserting it there would.
    pub(crate) accept: Option<&'static str>,
    /// The headers the user set on this call ([`Call::header`](crate::Call::header)), set on
    /// the attempt's headers last, so they replace any the client would send under their names.
    pub(crate) call_headers: HeaderMap,
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
    pub(crate) content_type: HeaderValue,
    pub(crate) bytes: Bytes,
}

impl RequestBuilder {
    /// A request to `path`, an operation's path with no parameters, sent as it is written.
    pub fn new(method: Method, path: &'static str) -> Self {
        Self::starting(method, path, Cow::Borrowed(path))
    }

    /// A request to the path `template` names, built by the calls that follow, in the order of
    /// the template: [`Self::path`] for each piece written as it is and a `path_*` call for each
    /// parameter. The generator split the template, so nothing looks for `{name}` here.
    pub fn templated(method: Method, template: &'static str) -> Self {
        // Room for the template's text and a parameter value or two, so the path is usually
        // one allocation.
        let path = String::with_capacity(template.len() + 32);
        Self::starting(method, template, Cow::Owned(path))
    }

    fn starting(method: Method, path_template: &'static str, path: Cow<'static, str>) -> Self {
        Self {
            method,
            path_template,
            path,
            query: Vec::new(),
            cookies: Vec::new(),
            server: None,
            server_base: None,
            headers: HeaderMap::new(),
            accept: None,
            call_headers: HeaderMap::new(),
            body: None,
            one_shot_body: None,
            security: &[],
            error: None,
        }
    }

    pub(crate) fn fail(&mut self, error: impl Into<BoxError>) {
        self.error.get_or_insert(error.into());
    }

    /// Sets a header of the user's on this call (see [`Call::header`](crate::Call::header)): its
    /// value is hidden from `Debug` output when its name looks like a credential's.
    pub(crate) fn call_header(&mut self, name: &str, value: &str) {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.fail(format!("`{name}` is not a valid header name"));
        };
        let Ok(mut value) = HeaderValue::from_str(value) else {
            return self.fail(format!(
                "the value of header `{name}` is not a valid header value"
            ));
        };
        if crate::redact::is_secret_header(&name) {
            value.set_sensitive(true);
        }
        self.call_headers.insert(name, value);
    }

    /// Sets the field `name` of the JSON object body to `value` (see
    /// [`Call::body_field`](crate::Call::body_field)).
    pub(crate) fn body_field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let Some(body) = &mut self.body else {
            return self.fail(format!(
                "cannot set the body field `{name}`: the call has no JSON body"
            ));
        };
        let json = body
            .content_type
            .to_str()
            .is_ok_and(|t| t.to_ascii_lowercase().contains("json"));
        let object = json
            .then(|| serde_json::from_slice::<serde_json::Value>(&body.bytes).ok())
            .flatten();
        let Some(serde_json::Value::Object(mut object)) = object else {
            return self.fail(format!(
                "cannot set the body field `{name}`: the body is not a JSON object"
            ));
        };
        let value = match params::to_value(name, value) {
            Ok(value) => value,
            Err(error) => return self.fail(error),
        };
        object.insert(name.to_owned(), value);
        match params::json_vec(&object) {
            Ok(bytes) => body.bytes = bytes.into(),
            Err(error) => self.fail(format!("the request body does not serialize: {error}")),
        }
    }

    /// Sends the request to this server instead of the client's default.
    pub fn server(mut self, server: crate::Server) -> Self {
        self.server = Some(server);
        self
    }

    pub(crate) fn set_body(&mut self, content_type: &str, bytes: impl Into<Bytes>) {
        match HeaderValue::from_str(content_type) {
            Ok(content_type) => {
                self.body = Some(Body {
                    content_type,
                    bytes: bytes.into(),
                });
            }
            Err(_) => self.fail(format!("invalid content type `{content_type}`")),
        }
    }

    /// Serializes `body` as JSON, sent as `media_type`.
    pub fn json_body<B: Serialize + ?Sized>(mut self, media_type: &str, body: &B) -> Self {
        match params::json_vec(body) {
            Ok(bytes) => self.set_body(media_type, bytes),
            Err(error) => self.fail(format!("the request body does not serialize: {error}")),
        }
        self
    }

    /// Encodes `body` as `application/x-www-form-urlencoded`; `encodings` give the style of
    /// the fields the API description says how to write.
    pub fn form_body<B: Serialize + ?Sized>(mut self, body: &B, encodings: &[Encoding]) -> Self {
        match params::to_value("body", body).and_then(|v| encode::form_body(&v, encodings)) {
            Ok(text) => self.set_body("application/x-www-form-urlencoded", text),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Encodes `body` as `multipart/form-data`; `encodings` give the part `Content-Type` and
    /// headers of the fields the API description says how to send.
    pub fn multipart_body<B: Serialize + ?Sized>(
        mut self,
        body: &B,
        encodings: &[Encoding],
    ) -> Self {
        match encode::multipart_body(body, encodings) {
            Ok((bytes, boundary)) => {
                self.set_body(&format!("multipart/form-data; boundary={boundary}"), bytes);
            }
            Err(error) => self.fail(error),
        }
        self
    }

    /// Encodes `body`, a value that is not an object (bytes, text, an array), as a
    /// `multipart/form-data` body of one field named `name`: one part, or one per item.
    pub fn multipart_field_body<B: Serialize + ?Sized>(
        mut self,
        name: &str,
        body: &B,
        encodings: &[Encoding],
    ) -> Self {
        match encode::multipart_field(name, body, encodings) {
            Ok((bytes, boundary)) => {
                self.set_body(&format!("multipart/form-data; boundary={boundary}"), bytes);
            }
            Err(error) => self.fail(error),
        }
        self
    }

    /// Sends raw bytes as `media_type`.
    pub fn binary_body(mut self, media_type: &str, body: Bytes) -> Self {
        self.set_body(media_type, body);
        self
    }

    /// Sends raw bytes as `content_type`, which the caller chose within the media range
    /// `range` the API description gives (`image/*`, or a list of the types it takes): a type
    /// outside it (or not a media type) fails the call before anything is sent.
    pub fn binary_body_within(mut self, range: &str, content_type: &str, body: Bytes) -> Self {
        if within_range(range, content_type) {
            self.set_body(content_type, body);
        } else {
            self.fail(format!(
                "`{content_type}` is not a media type within `{range}`, which the API takes here"
            ));
        }
        self
    }

    /// Sends text as `media_type`.
    pub fn text_body(mut self, media_type: &str, body: String) -> Self {
        self.set_body(media_type, body);
        self
    }

    /// The full URL: the operation's server or the client's base URL, the path, the query.
    ///
    /// `parsed_base` is the client's base URL as [`parse_base`] parsed it, if it did: the path is
    /// then set on a copy of it, which gives the same URL as parsing the whole text again (the
    /// path goes through the same path parser) for much less work.
    pub(crate) fn url(
        &self,
        client_base_url: &str,
        parsed_base: Option<&reqwest::Url>,
    ) -> Result<reqwest::Url, BoxError> {
        let (base_text, parsed_base) = match &self.server_base {
            Some(server) => (server.text.as_str(), server.parsed.as_ref()),
            None => (client_base_url, parsed_base),
        };
        let mut url = match parsed_base {
            Some(base) if settable_path(&self.path) => {
                let mut url = base.clone();
                match base.path() {
                    "/" => url.set_path(&self.path),
                    base_path => url.set_path(&format!("{base_path}{}", self.path)),
                }
                url
            }
            _ => reqwest::Url::parse(&format!("{base_text}{}", self.path))
                .map_err(|e| format!("URL for `{}`: {e}", self.path))?,
        };
        if !self.query.is_empty() {
            let encoded = crate::form::encoded_pairs(&self.query);
            match url.query().filter(|q| !q.is_empty()) {
                Some(existing) => url.set_query(Some(&format!("{existing}&{encoded}"))),
                None => url.set_query(Some(&encoded)),
            }
        }
        Ok(url)
    }

    /// The `Cookie` header the cookie parameters make, if any.
    pub(crate) fn cookie_header(&self) -> Option<HeaderValue> {
        if self.cookies.is_empty() {
            return None;
        }
        HeaderValue::from_str(&self.cookies.join("; ")).ok()
    }

    /// The operation's security requirements: any one of the alternatives, each a set of scheme
    /// keys from [`crate::SECURITY_SCHEMES`] needed together. The client sends the credentials of
    /// the first alternative it holds; without this call it sends none.
    pub fn security(mut self, alternatives: &'static [&'static [&'static str]]) -> Self {
        self.security = alternatives;
        self
    }

    /// Asks for a response media type.
    pub fn accept(mut self, media_type: &'static str) -> Self {
        self.accept = Some(media_type);
        self
    }
}

/// The client's base URL (without a trailing slash) parsed, when its text is exactly how the URL
/// serializes (apart from the `/` of an empty path). Text after it is then parsed as path only,
/// so [`RequestBuilder::url`] may set the path on a copy instead of parsing everything again.
pub(crate) fn parse_base(base_url: &str) -> Option<reqwest::Url> {
    let url = reqwest::Url::parse(base_url).ok()?;
    let serialized = url.as_str();
    let canonical = serialized == base_url
        || (url.path() == "/" && serialized.strip_suffix('/') == Some(base_url));
    (canonical && !url.cannot_be_a_base() && url.query().is_none() && url.fragment().is_none())
        .then_some(url)
}

/// Whether `Url::set_path` treats `path` as parsing `base + path` would: an empty path or one
/// that starts with `/`, of visible ASCII without `?` and `#` (which the full parser reads as the
/// start of a query or fragment, and `set_path` escapes).
fn settable_path(path: &str) -> bool {
    (path.is_empty() || path.starts_with('/'))
        && path
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'?' && b != b'#')
}

/// Whether `content_type` (`image/png; q=1`) is one type within `range`: a media range
/// (`image/*`, `*/*`) or a list of the types and ranges the API takes
/// (`application/pkix-cert, application/x-pem-file`). Its type and subtype must be named, and
/// match one entry's (letter case aside), a `*` matching any.
fn within_range(range: &str, content_type: &str) -> bool {
    let essence = |text: &str| {
        let text = text.split(';').next().unwrap_or_default().trim();
        text.split_once('/').map(|(kind, sub)| {
            (
                kind.trim().to_ascii_lowercase(),
                sub.trim().to_ascii_lowercase(),
            )
        })
    };
    let Some((given_kind, given_sub)) = essence(content_type) else {
        return false;
    };
    let named = |part: &str| !part.is_empty() && part != "*";
    named(&given_kind)
        && named(&given_sub)
        && range.split(',').filter_map(essence).any(|(kind, sub)| {
            kind == "*" || (kind == given_kind && (sub == "*" || sub == given_sub))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_chosen_content_type_must_fall_within_the_range() {
        assert!(within_range("image/*", "image/png"));
        assert!(within_range("image/*", "IMAGE/PNG; quality=high"));
        assert!(within_range("*/*", "video/mp4"));
        for outside in ["text/plain", "image/*", "image", "", "*/*", "image/"] {
            assert!(!within_range("image/*", outside), "{outside}");
        }
        // A list of the types the API takes (Okta's certificate upload).
        let list = "application/x-x509-ca-cert, application/pkix-cert, application/x-pem-file";
        assert!(within_range(list, "application/x-pem-file"));
        assert!(within_range(list, "Application/PKIX-Cert"));
        for outside in [
            "application/json",
            "application/x-pem",
            "application/*",
            "*/*",
        ] {
            assert!(!within_range(list, outside), "{outside}");
        }
        let request = RequestBuilder::templated(Method::POST, "/p").binary_body_within(
            "image/*",
            "text/plain",
            Bytes::from_static(b"x"),
        );
        assert!(request.body.is_none());
        let error = request.error.expect("refused");
        assert!(
            error
                .to_string()
                .contains("`text/plain` is not a media type within `image/*`"),
            "{error}"
        );
        let request = RequestBuilder::templated(Method::POST, "/p").binary_body_within(
            "image/*",
            "image/png",
            Bytes::from_static(b"x"),
        );
        assert_eq!(request.body.expect("a body").content_type, "image/png");
    }

    #[test]
    fn an_operation_server_replaces_the_base_url() {
        // Whatever `Server` this API has, `Client::call` resolves it to its base URL.
        let mut request = RequestBuilder::new(Method::GET, "/files");
        request.server_base = Some(std::sync::Arc::new(
            crate::server_url::BaseUrl::new("https://upload.example.com/2.0/", "server").unwrap(),
        ));
        assert_eq!(
            request
                .url("http://localhost", parse_base("http://localhost").as_ref())
                .unwrap()
                .as_str(),
            "https://upload.example.com/2.0/files"
        );
    }

    #[test]
    fn a_fixed_query_in_the_path_comes_before_the_operations_own() {
        // Flickr's `/rest?method=flickr.photos.get` keys: the method goes out as written.
        let request = RequestBuilder::new(Method::GET, "/rest?method=flickr.photos.get")
            .query("format", "json");
        let base = "https://api.example.com/services";
        assert_eq!(
            request
                .url(base, parse_base(base).as_ref())
                .unwrap()
                .as_str(),
            "https://api.example.com/services/rest?method=flickr.photos.get&format=json"
        );
    }

    #[test]
    fn a_path_without_parameters_is_the_template_itself() {
        let request = RequestBuilder::new(Method::GET, "/pets");
        assert!(matches!(request.path, Cow::Borrowed("/pets")));
        assert_eq!(request.path_template, "/pets");
    }

    #[test]
    fn setting_the_path_on_the_parsed_base_gives_the_parsed_url() {
        let bases = [
            "http://h",
            "http://h:8080",
            "https://api.example.com/v3",
            "http://h/a%20b/c",
            "http://127.0.0.1:9/x.y",
            "HTTP://H/v3",
            "http://h/v3/.",
            "http://h/v3/..",
            "http://h:80/v3",
            "http://user:pw@h/v3",
            "http://h/%7Ex",
            "http://h/~x",
        ];
        let paths = [
            "",
            "/",
            "/pets",
            "/pets/",
            "/a/./b/../c",
            "/a/%2e%2E/b",
            "/x%2Fy/%3F",
            "/a\\b",
            "/q?x=1",
            "/f#frag",
            "/sp ace",
            "/é",
            "/a|b{c}^`",
            "pets",
            "//double",
        ];
        let mut fast = 0;
        for base in bases {
            let parsed = parse_base(base);
            for path in paths {
                let mut request = RequestBuilder::new(Method::GET, "/");
                request.path = path.into();
                request.query = vec![("k".to_owned(), "v%20w".to_owned())];
                let slow = request.url(base, None).map(|u| u.to_string());
                let quick = request.url(base, parsed.as_ref()).map(|u| u.to_string());
                assert_eq!(
                    slow.as_ref().ok(),
                    quick.as_ref().ok(),
                    "base {base:?}, path {path:?}"
                );
                if parsed.is_some() && settable_path(path) {
                    fast += 1;
                }
            }
        }
        assert!(fast > 50, "{fast}");
        assert!(parse_base("HTTP://H/v3").is_none());
        assert!(parse_base("http://h/v3/.").is_none());
        assert!(parse_base("http://h:80/v3").is_none());
    }
}
