//! The error of a call that got no usable response.

use std::fmt;
use std::time::Duration;

use crate::redact;

/// No usable response arrived: the connection failed or dropped, or an attempt timed out.
///
/// Its messages never contain API keys: keys sent in the query string are redacted from the URL.
#[derive(Debug)]
pub struct TransportError {
    pub(crate) source: reqwest::Error,
    pub(crate) attempts: u32,
    /// The time limit of the attempt, for the message when it ran out.
    pub(crate) timeout: Duration,
}

impl TransportError {
    pub(crate) fn new(mut source: reqwest::Error, attempts: u32, timeout: Duration) -> Self {
        if let Some(url) = source.url_mut() {
            redact::url(url);
        }
        Self {
            source,
            attempts,
            timeout,
        }
    }

    /// Whether the attempt ran out of time (the per-attempt or the connect timeout).
    pub fn is_timeout(&self) -> bool {
        self.source.is_timeout()
    }

    /// Whether the connection could not be made (refused, DNS, TLS handshake, connect timeout).
    pub fn is_connect(&self) -> bool {
        self.source.is_connect()
    }

    /// How many attempts were sent, this one included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The underlying `reqwest` error.
    pub fn get_ref(&self) -> &reqwest::Error {
        &self.source
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_timeout() {
            write!(
                f,
                "the request timed out (limit {:?} per attempt): {}",
                self.timeout,
                redact::error_chain(&self.source)
            )
        } else {
            write!(
                f,
                "the request failed: {}",
                redact::error_chain(&self.source)
            )
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
