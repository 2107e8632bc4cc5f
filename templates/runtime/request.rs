//! Building one request: path parameters, query, headers and body.

use std::borrow::Cow;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::Value;

use crate::encode::{self, Encoding};
use crate::error::BoxError;
use crate::params;

/// Everything outside RFC 3986's unreserved set is escaped, so a path parameter always stays one
/// path segment: `/`, `?`, `#`, `%` and spaces are all encoded.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Cookie values may not hold `;`, `,`, spaces, quotes or backslashes; those are escaped.
const COOKIE_VALUE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// A request under construction. Problems found while building it (a value that cannot be a
/// path segment, a body that does not serialize) are kept and reported when the call is sent, so
/// operation methods stay infallible.
#[derive(Debug)]
pub(crate) struct RequestBuilder {
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
    pub(crate) fn new(method: Method, path: &'static str) -> Self {
        Self::starting(method, path, Cow::Borrowed(path))
    }

    /// A request to the path `template` names, built by the calls that follow, in the order of
    /// the template: [`Self::path`] for each piece written as it is and a `path_*` call for each
    /// parameter. The generator split the template, so nothing looks for `{name}` here.
    pub(crate) fn templated(method: Method, template: &'static str) -> Self {
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
            body: None,
            one_shot_body: None,
            security: &[],
            error: None,
        }
    }

    fn fail(&mut self, error: impl Into<BoxError>) {
        self.error.get_or_insert(error.into());
    }

    /// Appends `text`, a piece of the path template between parameters, as it is written.
    pub(crate) fn path(mut self, text: &'static str) -> Self {
        self.path.to_mut().push_str(text);
        self
    }

    /// Appends the path parameter `name`, `value` encoded as exactly one path segment.
    pub(crate) fn path_param(mut self, name: &str, value: &str) -> Self {
        if matches!(value, "" | "." | "..") {
            self.fail(format!(
                "path parameter `{name}` is `{value}`, which cannot be sent as a path segment"
            ));
            return self;
        }
        self.path
            .to_mut()
            .extend(utf8_percent_encode(value, PATH_SEGMENT));
        self
    }

    /// Appends the path parameter `name`, any serializable value in the `simple` style.
    pub(crate) fn path_value<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, params::simple)
    }

    /// Appends the path parameter `name`, a value in the `simple` style with `explode: true`
    /// (objects as `key=value,…`).
    pub(crate) fn path_exploded<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, params::simple_exploded)
    }

    /// Appends the path parameter `name`, the value as JSON text (`content: application/json`),
    /// encoded as exactly one path segment.
    pub(crate) fn path_json<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, params::json_text)
    }

    /// Appends the path parameter `name`, `value` written by `write`, as one path segment.
    fn path_with<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        write: fn(&Value) -> Option<String>,
    ) -> Self {
        match params::to_value(name, value).map(|v| write(&v)) {
            Ok(Some(text)) => self.path_param(name, &text),
            Ok(None) => {
                self.fail(format!("path parameter `{name}` is null"));
                self
            }
            Err(error) => {
                self.fail(error);
                self
            }
        }
    }

    /// Adds a query parameter in the default style, `form` with `explode: true` (arrays repeat
    /// the name, objects are their own pairs); also `spaceDelimited` and `pipeDelimited` with
    /// `explode: true`, which are written the same way. `None` adds nothing.
    pub(crate) fn query<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::exploded)
    }

    /// Adds a query parameter in the `form` style with `explode: false` (`name=a,b`); `None`
    /// adds nothing.
    pub(crate) fn query_joined<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::form_joined)
    }

    /// Adds a query parameter in the `spaceDelimited` style with `explode: false`
    /// (`name=a%20b`); `None` adds nothing.
    pub(crate) fn query_space_delimited<T: Serialize + ?Sized>(
        self,
        name: &str,
        value: &T,
    ) -> Self {
        self.query_with(name, value, params::space_delimited)
    }

    /// Adds a query parameter in the `pipeDelimited` style with `explode: false` (`name=a|b`);
    /// `None` adds nothing.
    pub(crate) fn query_pipe_delimited<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::pipe_delimited)
    }

    /// Adds a query parameter in the `deepObject` style (`name[key]=value`); `None` adds
    /// nothing.
    pub(crate) fn query_deep_object<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::deep_object)
    }

    /// Adds a query parameter whose value is sent as JSON text (`content: application/json`).
    pub(crate) fn query_json<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match params::to_value(name, value) {
            Ok(Value::Null) => {}
            Ok(value) => self.query.push((name.to_owned(), value.to_string())),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Adds the query pairs `write` makes of `value`.
    fn query_with<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        write: fn(&str, &Value, &mut params::Pairs),
    ) -> Self {
        match params::to_value(name, value) {
            Ok(value) => write(name, &value, &mut self.query),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Sets a header parameter in the `simple` style; `None` sets nothing.
    pub(crate) fn header_param<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.header_text(name, value, params::simple)
    }

    /// Sets a header parameter in the `simple` style with `explode: true` (objects as
    /// `key=value,…`); `None` sets nothing.
    pub(crate) fn header_exploded<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.header_text(name, value, params::simple_exploded)
    }

    /// Sets a header parameter to the value as JSON text (`content: application/json`), with
    /// characters beyond ASCII written as `\u` escapes so any value is a valid header; `None`
    /// sets nothing.
    pub(crate) fn header_json<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.header_text(name, value, params::header_json_text)
    }

    /// Sets a header to `value` written by `write`; `None` (JSON `null`) sets nothing.
    fn header_text<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        write: fn(&Value) -> Option<String>,
    ) -> Self {
        let text = match params::to_value(name, value) {
            Ok(value) => write(&value),
            Err(error) => {
                self.fail(error);
                return self;
            }
        };
        let Some(text) = text else {
            return self;
        };
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&text),
        ) {
            (Ok(name), Ok(value)) => {
                self.headers.insert(name, value);
            }
            _ => self.fail(format!(
                "header parameter `{name}` is not a valid header name and value"
            )),
        }
        self
    }

    /// Adds a cookie parameter; `None` adds nothing.
    pub(crate) fn cookie_param<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.cookie_text(name, value, params::simple)
    }

    /// Adds a cookie parameter whose value is JSON text (`content: application/json`), escaped
    /// where a cookie value may not hold a character; `None` adds nothing.
    pub(crate) fn cookie_json<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.cookie_text(name, value, params::json_text)
    }

    /// Adds a cookie with `value` written by `write`; `None` (JSON `null`) adds nothing.
    fn cookie_text<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        write: fn(&Value) -> Option<String>,
    ) -> Self {
        match params::to_value(name, value).map(|v| write(&v)) {
            Ok(Some(text)) => {
                let text = utf8_percent_encode(&text, COOKIE_VALUE);
                self.cookies.push(format!("{name}={text}"));
            }
            Ok(None) => {}
            Err(error) => self.fail(error),
        }
        self
    }

    /// Sends the request to this server instead of the client's default.
    pub(crate) fn server(mut self, server: crate::Server) -> Self {
        self.server = Some(server);
        self
    }

    fn set_body(&mut self, content_type: &str, bytes: impl Into<Bytes>) {
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
    pub(crate) fn json_body<B: Serialize + ?Sized>(mut self, media_type: &str, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.set_body(media_type, bytes),
            Err(error) => self.fail(format!("the request body does not serialize: {error}")),
        }
        self
    }

    /// Encodes `body` as `application/x-www-form-urlencoded`; `encodings` give the style of
    /// the fields the API description says how to write.
    pub(crate) fn form_body<B: Serialize + ?Sized>(
        mut self,
        body: &B,
        encodings: &[Encoding],
    ) -> Self {
        match params::to_value("body", body).and_then(|v| encode::form_body(&v, encodings)) {
            Ok(text) => self.set_body("application/x-www-form-urlencoded", text),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Encodes `body` as `multipart/form-data`; `encodings` give the part `Content-Type` and
    /// headers of the fields the API description says how to send.
    pub(crate) fn multipart_body<B: Serialize + ?Sized>(
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
    pub(crate) fn multipart_field_body<B: Serialize + ?Sized>(
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
    pub(crate) fn binary_body(mut self, media_type: &str, body: Bytes) -> Self {
        self.set_body(media_type, body);
        self
    }

    /// Sends text as `media_type`.
    pub(crate) fn text_body(mut self, media_type: &str, body: String) -> Self {
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
            let encoded = crate::encode::urlencoded(self.query.iter().map(|(k, v)| (k, v)));
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
    pub(crate) fn security(mut self, alternatives: &'static [&'static [&'static str]]) -> Self {
        self.security = alternatives;
        self
    }

    /// Asks for a response media type.
    pub(crate) fn accept(mut self, media_type: &'static str) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn path_for(value: &str) -> String {
        RequestBuilder::templated(Method::GET, "/groups/{group_id}/members")
            .path("/groups/")
            .path_param("group_id", value)
            .path("/members")
            .path
            .into_owned()
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
            let request = RequestBuilder::templated(Method::GET, "/groups/{id}")
                .path("/groups/")
                .path_param("id", value);
            let error = request.error.unwrap().to_string();
            assert!(error.contains("`id`"), "{error}");
            assert!(error.contains("path segment"), "{error}");
        }
    }

    #[test]
    fn query_header_and_cookie_parameters() {
        let request = RequestBuilder::new(Method::GET, "/a")
            .query("limit", &Some(5))
            .query("skip", &None::<i32>)
            .query("tags", &["x y", "z"])
            .query_json("q", &serde_json::json!({"a": 1}))
            .header_param("X-Ids", &[1, 2])
            .header_param("X-None", &None::<String>)
            .cookie_param("session", &"a b;c")
            .cookie_param("theme", &"dark");
        assert!(request.error.is_none());
        let url = request.url("http://h", None).unwrap();
        assert_eq!(
            url.as_str(),
            "http://h/a?limit=5&tags=x%20y&tags=z&q=%7B%22a%22%3A1%7D"
        );
        assert_eq!(request.headers["x-ids"], "1,2");
        assert!(!request.headers.contains_key("x-none"));
        assert_eq!(
            request.cookie_header().unwrap(),
            "session=a%20b%3Bc; theme=dark"
        );
    }

    #[test]
    fn json_parameters_are_json_text_everywhere() {
        let owner = serde_json::json!({"id": 7, "name": "a b"});
        let request = RequestBuilder::templated(Method::GET, "/o/{owner}")
            .path("/o/")
            .path_json("owner", &owner)
            .header_json("X-Owner", &owner)
            .header_json("X-Name", &"é😀")
            .header_exploded("X-Shape", &serde_json::json!({"R": 1, "G": 2}))
            .header_json("X-None", &None::<i32>)
            .cookie_json("owner", &owner);
        assert!(request.error.is_none());
        assert_eq!(
            request.path,
            "/o/%7B%22id%22%3A7%2C%22name%22%3A%22a%20b%22%7D"
        );
        assert_eq!(request.headers["x-owner"], r#"{"id":7,"name":"a b"}"#);
        assert!(!request.headers.contains_key("x-none"));
        assert_eq!(request.headers["x-name"], r#""\u00e9\ud83d\ude00""#);
        assert_eq!(request.headers["x-shape"], "R=1,G=2");
        assert_eq!(
            request.cookie_header().unwrap(),
            "owner={%22id%22:7%2C%22name%22:%22a%20b%22}"
        );
        let null = RequestBuilder::templated(Method::GET, "/o/{owner}")
            .path("/o/")
            .path_json("owner", &None::<i32>);
        assert!(null.error.is_some());
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
    fn non_string_path_values_use_the_simple_style() {
        let request = RequestBuilder::templated(Method::GET, "/a/{id}/{ids}/{o}/{e}")
            .path("/a/")
            .path_value("id", &42)
            .path("/")
            .path_value("ids", &[1, 2])
            .path("/")
            .path_value("o", &serde_json::json!({"R": 1, "G": 2}))
            .path("/")
            .path_exploded("e", &serde_json::json!({"R": 1, "G": 2}));
        assert_eq!(request.path, "/a/42/1%2C2/R%2C1%2CG%2C2/R%3D1%2CG%3D2");
    }

    #[test]
    fn parameters_inside_a_segment_and_in_a_row() {
        let request = RequestBuilder::templated(Method::GET, "/Accounts/{Sid}.json")
            .path("/Accounts/")
            .path_param("Sid", "AC1")
            .path(".json");
        assert_eq!(request.path, "/Accounts/AC1.json");
        assert_eq!(request.path_template, "/Accounts/{Sid}.json");
        let request = RequestBuilder::templated(Method::GET, "{a}{b}")
            .path_param("a", "x/")
            .path_param("b", "y");
        assert_eq!(request.path, "x%2Fy");
    }

    #[test]
    fn a_path_without_parameters_is_the_template_itself() {
        let request = RequestBuilder::new(Method::GET, "/pets");
        assert!(matches!(request.path, Cow::Borrowed("/pets")));
        assert_eq!(request.path_template, "/pets");
    }

    #[test]
    fn each_query_style_has_its_own_call() {
        let request = RequestBuilder::new(Method::GET, "/q")
            .query("f", &[1, 2])
            .query_joined("j", &[1, 2])
            .query_space_delimited("s", &[1, 2])
            .query_pipe_delimited("p", &[1, 2])
            .query_deep_object("d", &serde_json::json!({"a": {"b": 1}}))
            .query_joined("none", &None::<Vec<i32>>)
            .query_deep_object("n", &None::<i32>);
        assert!(request.error.is_none());
        assert_eq!(
            request.url("http://h", None).unwrap().as_str(),
            "http://h/q?f=1&f=2&j=1%2C2&s=1%202&p=1%7C2&d%5Ba%5D%5Bb%5D=1"
        );
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
                request.query = vec![("k".to_owned(), "v w".to_owned())];
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
