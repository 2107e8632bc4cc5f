//! Keeping secrets out of `Debug` output and error messages.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName};

/// Shown in place of a secret.
pub(crate) const REDACTED: &str = "<redacted>";

/// Whether a header's value must never be shown: credentials and session state, by name, and any
/// value the client marked sensitive when it set it (tokens and API keys the spec declares).
pub(crate) fn is_secret_header(name: &HeaderName) -> bool {
    const WORDS: [&str; 7] = [
        "authorization",
        "cookie",
        "token",
        "secret",
        "api-key",
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
    fn secrets_debug_as_redacted() {
        assert_eq!(format!("{:?}", Secret("abc".into())), "<redacted>");
    }
}
