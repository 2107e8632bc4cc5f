//! The parameters of a request: path pieces and path, query, header and cookie parameters, each
//! written by the encoder of its style (`params`), chosen when the client was generated.

use percent_encoding::{AsciiSet, utf8_percent_encode};
use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::Value;

use crate::params::{self, PATH_SEGMENT};
use crate::request::RequestBuilder;

/// Cookie values may not hold `;`, `,`, spaces, quotes or backslashes; those are escaped.
const COOKIE_VALUE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Whether `segment` (percent-encoded) is `.` or `..`, a dot written as itself or as `%2e`
/// (`%2E`), which URLs read alike; without allocating, as every path parameter of every call
/// is checked.
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        rest = match rest {
            [b'.', tail @ ..] => tail,
            [b'%', b'2', b'e' | b'E', tail @ ..] => tail,
            _ => return false,
        };
        dots += 1;
    }
    dots == 1 || dots == 2
}

impl RequestBuilder {
    /// Appends `text`, a piece of the path template between parameters, as it is written.
    pub fn path(mut self, text: &'static str) -> Self {
        self.path.to_mut().push_str(text);
        self
    }

    /// Appends the path parameter `name`, `value` encoded as exactly one path segment.
    pub fn path_param(mut self, name: &str, value: &str) -> Self {
        let encoded = utf8_percent_encode(value, PATH_SEGMENT).to_string();
        // `/` and `%` are encoded here, so the only dot segments are `.` and `..` themselves
        // (what [`Self::path_segment`] finds, for the other styles, with fewer steps).
        if matches!(encoded.as_str(), "" | "." | "..") {
            return self.path_segment(name, &encoded);
        }
        self.path.to_mut().push_str(&encoded);
        self
    }

    /// Appends `encoded`, the path parameter `name` already written and percent-encoded, unless
    /// it would not stay where the template puts it: empty, or with a dot segment the URL would
    /// remove (`.`, `..`, or `%2e` for a dot, which URLs read alike; a value of several
    /// segments, from `{+name}`, is checked segment by segment).
    fn path_segment(mut self, name: &str, encoded: &str) -> Self {
        if encoded.is_empty() || encoded.split('/').any(is_dot_segment) {
            self.fail(format!(
                "path parameter `{name}` is `{encoded}`, which cannot be sent as a path segment"
            ));
            return self;
        }
        self.path.to_mut().push_str(encoded);
        self
    }

    /// Appends the path parameter `name` in the `simple` style with RFC 6570's reserved
    /// expansion (`{+name}`): the reserved characters a path allows stay as they are, so
    /// `projects/p/locations/l` is several segments. A value with a `.` or `..` segment (or
    /// `%2e`, which URLs read as `.`) is refused by [`Self::path_segment`]: it would send the
    /// request to another path.
    pub fn path_reserved<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |name, v| {
            params::path_simple(name, v, false).map(|encoded| params::reserved_path(&encoded))
        })
    }

    /// Appends the path parameter `name`, any serializable value in the `simple` style.
    pub fn path_value<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |name, v| params::path_simple(name, v, false))
    }

    /// Appends the path parameter `name`, a value in the `simple` style with `explode: true`
    /// (objects as `key=value,…`).
    pub fn path_exploded<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |name, v| params::path_simple(name, v, true))
    }

    /// Appends the path parameter `name` in the `label` style (`.blue`, `.blue,black`).
    pub fn path_label<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |name, v| params::path_label(name, v, false))
    }

    /// Appends the path parameter `name` in the `label` style with `explode: true`
    /// (`.blue.black`, `.R=100.G=200`).
    pub fn path_label_exploded<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |name, v| params::path_label(name, v, true))
    }

    /// Appends the path parameter `name` in the `matrix` style (`;color=blue,black`).
    pub fn path_matrix<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |name, v| params::path_matrix(name, v, false))
    }

    /// Appends the path parameter `name` in the `matrix` style with `explode: true`
    /// (`;color=blue;color=black`, `;R=100;G=200`).
    pub fn path_matrix_exploded<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |name, v| params::path_matrix(name, v, true))
    }

    /// Appends the path parameter `name`, the value as JSON text (`content: application/json`),
    /// encoded as exactly one path segment.
    pub fn path_json<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_with(name, value, |_, v| {
            params::json_text(v).map(|text| utf8_percent_encode(&text, PATH_SEGMENT).to_string())
        })
    }

    /// Appends the path parameter `name`, `value` written and percent-encoded by `write`.
    fn path_with<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        write: fn(&str, &Value) -> Option<String>,
    ) -> Self {
        match params::to_value(name, value).map(|v| write(name, &v)) {
            Ok(Some(encoded)) => self.path_segment(name, &encoded),
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
    pub fn query<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::exploded)
    }

    /// Adds a query parameter in the `form` style with `explode: false` (`name=a,b`); `None`
    /// adds nothing.
    pub fn query_joined<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::form_joined)
    }

    /// Adds a query parameter in the `spaceDelimited` style with `explode: false`
    /// (`name=a%20b`); `None` adds nothing.
    pub fn query_space_delimited<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::space_delimited)
    }

    /// Adds a query parameter in the `pipeDelimited` style with `explode: false` (`name=a|b`);
    /// `None` adds nothing.
    pub fn query_pipe_delimited<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::pipe_delimited)
    }

    /// Adds a query parameter in the `deepObject` style (`name[key]=value`); `None` adds
    /// nothing.
    pub fn query_deep_object<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.query_with(name, value, params::deep_object)
    }

    /// Adds a query parameter with `allowReserved: true`, written in `style` as the other query
    /// calls write it, except that RFC 3986's reserved characters a query allows
    /// (`:/?@!$'()*,;=`) and percent-encoded triples (`%20`) in the value go as they are;
    /// `[`, `]`, `#`, `&` and `+`, which would change what the query says, stay encoded
    /// (OpenAPI 3.1.1, `allowReserved` and appendix E). `None` adds nothing.
    pub fn query_reserved<T: Serialize + ?Sized>(
        self,
        name: &str,
        value: &T,
        style: crate::style::Style,
        explode: bool,
    ) -> Self {
        let start = self.query.len();
        let mut this = self.query_with(name, value, crate::style::writer(style, explode));
        for (_, value) in this.query.iter_mut().skip(start) {
            *value = params::reserved(value);
        }
        this
    }

    /// Adds a query parameter whose value is sent as JSON text (`content: application/json`).
    pub fn query_json<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match params::to_value(name, value) {
            Ok(Value::Null) => {}
            Ok(value) => self.query.push((
                name.to_owned(),
                params::encoded(&params::json_text(&value).unwrap_or_default()),
            )),
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
    pub fn header_param<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.header_text(name, value, params::simple)
    }

    /// Sets a header parameter in the `simple` style with `explode: true` (objects as
    /// `key=value,…`); `None` sets nothing.
    pub fn header_exploded<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.header_text(name, value, params::simple_exploded)
    }

    /// Sets a header parameter to the value as JSON text (`content: application/json`), with
    /// characters beyond ASCII written as `\u` escapes so any value is a valid header; `None`
    /// sets nothing.
    pub fn header_json<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
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
    pub fn cookie_param<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.cookie_text(name, value, params::simple)
    }

    /// Adds a cookie parameter whose value is JSON text (`content: application/json`), escaped
    /// where a cookie value may not hold a character; `None` adds nothing.
    pub fn cookie_json<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Method;

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
    fn reserved_expansion_keeps_what_a_path_allows_and_refuses_dot_segments() {
        let reserved = |value: &str| {
            RequestBuilder::templated(Method::GET, "/v1/{+name}")
                .path("/v1/")
                .path_reserved("name", value)
        };
        let path = |value: &str| reserved(value).path.into_owned();
        assert_eq!(
            path("projects/p-1/locations/eu:x@y"),
            "/v1/projects/p-1/locations/eu:x@y"
        );
        assert_eq!(path("a b?c#d[e]"), "/v1/a%20b%3Fc%23d%5Be%5D");
        assert_eq!(path("a%2Fb"), "/v1/a%2Fb", "a triple of the value is kept");
        assert_eq!(path("é"), "/v1/%C3%A9");
        for climbing in ["../admin", "a/./b", "a/..", "a/%2e%2E/b", "."] {
            assert!(reserved(climbing).error.is_some(), "{climbing}");
        }
    }

    #[test]
    fn dot_segments_are_found_in_any_spelling_and_nothing_else_is() {
        for dot in [".", "..", "%2e", "%2E", "%2e%2E", ".%2e", "%2E."] {
            assert!(is_dot_segment(dot), "{dot}");
        }
        for other in [
            "",
            "...",
            "a",
            ".a",
            "a.",
            "%2e%2e%2e",
            "%2",
            "%2f",
            "%2ea",
            "%",
            "v1.2",
        ] {
            assert!(!is_dot_segment(other), "{other}");
        }
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
        // RFC 6570: the style's commas and `=` are delimiters, written as they are.
        assert_eq!(request.path, "/a/42/1,2/R,1,G,2/R=1,G=2");
    }

    #[test]
    fn label_and_matrix_path_values_keep_their_delimiters_and_encode_their_values() {
        let request = RequestBuilder::templated(Method::GET, "/c/{l}/{le}/{m}/{me}")
            .path("/c/")
            .path_label("l", &["a b", "c"])
            .path("/")
            .path_label_exploded("le", &serde_json::json!({"x": 1, "y": "2/3"}))
            .path("/")
            .path_matrix("m", "blue")
            .path("/")
            .path_matrix_exploded("me", &["a,b", "c"]);
        assert_eq!(
            request.path,
            "/c/.a%20b,c/.x=1.y=2%2F3/;m=blue/;me=a%2Cb;me=c"
        );
        let failed = RequestBuilder::templated(Method::GET, "/c/{l}")
            .path("/c/")
            .path_label("l", "");
        assert!(failed.error.is_some(), "a lone `.` is a dot segment");
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
            "http://h/q?f=1&f=2&j=1,2&s=1%202&p=1%7C2&d%5Ba%5D%5Bb%5D=1"
        );
    }

    #[test]
    fn allow_reserved_sends_what_a_query_allows_as_it_is() {
        use crate::style::Style;
        let request = RequestBuilder::new(Method::GET, "/q")
            .query_reserved("path", "docs/readme.md?x=1", Style::Form, true)
            .query_reserved("ids", &["a:b", "c&d"], Style::Form, false)
            .query_reserved("tags", &["x/y", "z"], Style::Form, true)
            .query_reserved("none", &None::<String>, Style::Form, true);
        assert!(request.error.is_none());
        assert_eq!(
            request.url("http://h", None).unwrap().as_str(),
            "http://h/q?path=docs/readme.md?x=1&ids=a:b,c%26d&tags=x/y&tags=z"
        );
    }
}
