//! The response an error keeps: status, headers and body exactly as the server sent them.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::redact;

/// The request id in `headers`: `x-request-id`, else `request-id`.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    ["x-request-id", "request-id"]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
}

/// The status, headers and body of a response, kept exactly as the server sent them, and how
/// many attempts the call made before it got this response.
#[derive(Clone)]
pub struct RawResponse {
    /// The HTTP status code.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body bytes, unparsed. Empty when the server sent no body.
    pub body: Bytes,
    pub(crate) attempts: u32,
}

impl RawResponse {
    /// How many attempts the call made, this response's included (1 when it was not retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// The request id the server assigned, from `x-request-id` or `request-id`, if present.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// A short, single-line rendering of the body for error messages.
    pub(crate) fn snippet(&self) -> String {
        const MAX_CHARS: usize = 200;
        let text = self.text();
        let mut line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            return "(empty body)".to_owned();
        }
        if let Some((cut, _)) = line.char_indices().nth(MAX_CHARS) {
            line.truncate(cut);
            line.push('…');
        }
        line
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &redact::Headers(&self.headers))
            .field("body", &self.text())
            .field("attempts", &self.attempts)
            .finish()
    }
}
