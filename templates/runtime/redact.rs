//! Keeping secrets out of `Debug` output and error messages.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName};

use crate::auth::{ApiKeyLocation, SchemeKind, SecurityScheme};

/// Shown in place of a secret.
pub(crate) const REDACTED: &str = "<redacted>";

/// Whether a header's value must never be shown: credentials and session state by name
/// (`Authorization`, `Proxy-Authorization`, `Cookie`, anything with `token`, `secret`, `api-key`,
/// `api_key`, `apikey` or `password` in it), and every header the API description declares as an API key.
/// Values the client marked sensitive when it set them are hidden too (see [`Headers`]).
pub(crate) fn is_secret_header(name: &HeaderName) -> bool {
    is_secret_header_in(name, crate::SECURITY_SCHEMES)
}

fn is_secret_header_in(name: &HeaderName, schemes: &[SecurityScheme]) -> bool {
    let declared = schemes.iter().any(|scheme| {
        matches!(
            scheme.kind,
            SchemeKind::ApiKey { location: ApiKeyLocation::Header, name: key }
                if key.eq_ignore_ascii_case(name.as_str())
        )
    });
    declared || is_secret_word(name)
}

fn is_secret_word(name: &HeaderName) -> bool {
    const WORDS: [&str; 8] = [
        "authorization",
        "cookie",
        "token",
        "secret",
        "api-key",
        "api_key",
        "apikey",
        "password",
    ];
    let name = name.as_str();
    WORDS.iter().any(|word| name.contains(word))
}

/// `Debug` for a header map that shows every header name but no secret value.
pub(crate) struct Headers<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if value.is_sensitive() || is_secret_header(name) {
                map.entry(&name.as_str(), &REDACTED);
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}

/// `Debug` for a secret string.
#[derive(Clone)]
pub(crate) struct Secret(pub(crate) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Hides the values of query parameters that carry API keys (those the API description declares,
/// and any whose name looks like a credential), so a URL can appear in an error message.
pub(crate) fn url(url: &mut reqwest::Url) {
    redact_query(url, crate::SECURITY_SCHEMES);
}

fn redact_query(url: &mut reqwest::Url, schemes: &[SecurityScheme]) {
    let is_secret = |name: &str| {
        let declared = schemes.iter().any(|scheme| {
            matches!(
                scheme.kind,
                SchemeKind::ApiKey { location: ApiKeyLocation::Query, name: key } if key == name
            )
        });
        declared
            || HeaderName::from_bytes(name.as_bytes())
                .map(|header| is_secret_word(&header))
                .unwrap_or(false)
    };
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    if !pairs.iter().any(|(name, _)| is_secret(name)) {
        return;
    }
    let mut query = url.query_pairs_mut();
    query.clear();
    for (name, value) in &pairs {
        let shown = if is_secret(name) { REDACTED } else { value };
        query.append_pair(name, shown);
    }
}

/// An error and its causes on one line, `outer: inner: innermost`.
pub(crate) fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn credentials_are_hidden_and_the_rest_is_shown() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", HeaderValue::from_static("Bearer s3cr3t"));
        headers.insert("x-api-key", HeaderValue::from_static("k3y"));
        headers.insert("cookie", HeaderValue::from_static("session=abc"));
        let mut marked = HeaderValue::from_static("hidden-by-flag");
        marked.set_sensitive(true);
        headers.insert("x-custom", marked);
        headers.insert("x-fax-clientid", HeaderValue::from_static("client-1"));
        let shown = format!("{:?}", Headers(&headers));
        for secret in ["s3cr3t", "k3y", "session=abc", "hidden-by-flag"] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        assert!(shown.contains("client-1"), "{shown}");
        assert!(shown.contains("x-custom"), "{shown}");
    }

    #[test]
    fn declared_api_key_headers_and_query_parameters_are_hidden() {
        const SCHEMES: &[SecurityScheme] = &[
            SecurityScheme {
                key: "h",
                kind: SchemeKind::ApiKey {
                    location: ApiKeyLocation::Header,
                    name: "X-Sesame",
                },
            },
            SecurityScheme {
                key: "q",
                kind: SchemeKind::ApiKey {
                    location: ApiKeyLocation::Query,
                    name: "sesame",
                },
            },
        ];
        let name = HeaderName::from_static("x-sesame");
        assert!(is_secret_header_in(&name, SCHEMES));
        assert!(!is_secret_header_in(&name, &[]));
        assert!(is_secret_header(&HeaderName::from_static(
            "proxy-authorization"
        )));
        let mut url =
            reqwest::Url::parse("http://h/p?page=2&sesame=open%20up&api_key=k1&x=y").unwrap();
        redact_query(&mut url, SCHEMES);
        let shown = url.to_string();
        assert!(!shown.contains("open") && !shown.contains("k1"), "{shown}");
        assert!(shown.contains("page=2") && shown.contains("x=y"), "{shown}");
    }

    #[test]
    fn secrets_debug_as_redacted() {
        assert_eq!(format!("{:?}", Secret("abc".into())), "<redacted>");
    }
}
