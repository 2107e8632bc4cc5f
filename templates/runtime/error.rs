//! Errors returned by every operation, and the raw response they keep.
//!
//! The error for a response is chosen by its status code, never by the shape of its body: a
//! documented error status always lands in [`Error::Api`] with the operation's own error enum,
//! even when the body is empty, `null` or HTML. Every error that came from a response keeps the
//! status, the headers and the raw body bytes, and every error says how many attempts were made
//! ([`Error::attempts`]; `Display` mentions it when there was more than one).

use std::fmt;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::raw_response::RawResponse;
use crate::transport_error::TransportError;

/// A boxed error, used where the cause can be of several kinds.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong with one call. `E` is the operation's own error enum, with one
/// variant for each error status the API description documents.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status that the API documents for this operation.
    /// `error` is the variant for that status; its payload is `None` when the body did not decode
    /// as the documented schema (for example an empty, `null` or HTML body).
    Api {
        /// The documented error, chosen by status code.
        error: E,
        /// The response as received.
        response: RawResponse,
    },
    /// The server answered with a status that the API does not document for this operation.
    UnexpectedStatus {
        /// The response as received.
        response: RawResponse,
    },
    /// The server answered with a success status, but the body did not decode as the
    /// documented type.
    Decode {
        /// The response as received, body included.
        response: RawResponse,
        /// Why decoding failed: for a JSON body a [`DecodeError`](crate::DecodeError), which
        /// names the path of the value at fault (`data[2].created_at`).
        source: BoxError,
    },
    /// The response body was larger than the client's limit
    /// ([`ClientBuilder::max_response_body`](crate::ClientBuilder::max_response_body), default
    /// [`DEFAULT_MAX_RESPONSE_BODY`](crate::DEFAULT_MAX_RESPONSE_BODY)), so it was not read to
    /// the end, nor retried. Raise the limit, or take the body as a stream with
    /// [`Call::send_streaming`](crate::Call::send_streaming).
    ResponseTooLarge {
        /// The operation, as `METHOD /path/template`.
        operation: String,
        /// The limit that was exceeded, in bytes.
        limit: u64,
        /// The HTTP status of the response.
        status: StatusCode,
        /// The response headers (`Content-Length` among them, when the server announced it).
        headers: HeaderMap,
        /// How many attempts the call made, this one included.
        attempts: u32,
    },
    /// The request got no usable response: connection refused, TLS failure, timeout, or a body
    /// that could not be read. [`TransportError::is_timeout`] says whether it timed out.
    Transport(TransportError),
    /// The credentials could not be obtained, so the request was not sent (again): the token
    /// provider failed, for example because the OAuth2 token endpoint refused the refresh token.
    Auth {
        /// Why the token provider failed.
        source: BoxError,
        /// How many attempts were sent before it failed (0 when none was).
        attempts: u32,
    },
    /// The request could not be built, so it was never sent: an invalid base URL, a path
    /// parameter that cannot form a path segment, a body that does not serialize.
    InvalidRequest(BoxError),
}

impl<E> Error<E> {
    /// The response behind this error, when there was one.
    pub fn response(&self) -> Option<&RawResponse> {
        match self {
            Error::Api { response, .. }
            | Error::UnexpectedStatus { response }
            | Error::Decode { response, .. } => Some(response),
            Error::Transport(_)
            | Error::InvalidRequest(_)
            | Error::Auth { .. }
            | Error::ResponseTooLarge { .. } => None,
        }
    }

    /// How many attempts were sent: 1 when the call was not retried, 0 when nothing was sent.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api { response, .. }
            | Error::UnexpectedStatus { response }
            | Error::Decode { response, .. } => response.attempts,
            Error::Transport(error) => error.attempts,
            Error::Auth { attempts, .. } | Error::ResponseTooLarge { attempts, .. } => *attempts,
            Error::InvalidRequest(_) => 0,
        }
    }

    /// Whether the call failed because an attempt ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_timeout())
    }

    /// The request id the server assigned (`x-request-id` or `request-id`), when a response
    /// carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.response()?.request_id()
    }

    /// The HTTP status of the response behind this error, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::ResponseTooLarge { status, .. } => Some(*status),
            _ => self.response().map(|response| response.status),
        }
    }

    /// The `Location` of a redirect the client did not follow: a 3xx response that points to
    /// another origin (scheme, host or port), where the client sends no credential. Fetch it
    /// with [`Client::fetch_without_credentials`](crate::Client::fetch_without_credentials)
    /// when it needs none (a download link on a CDN), or decide yourself what to send there.
    /// The URL is as the server sent it, so it may be relative.
    pub fn redirect_location(&self) -> Option<&str> {
        let response = self.response()?;
        if !response.status.is_redirection() {
            return None;
        }
        response
            .headers
            .get(reqwest::header::LOCATION)?
            .to_str()
            .ok()
    }

    /// The operation's documented error, when the status was one the API documents.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api { response, .. } => {
                write!(f, "HTTP {}: {}", response.status, response.snippet())?
            }
            Error::UnexpectedStatus { response } => write!(
                f,
                "unexpected HTTP status {}: {}",
                response.status,
                response.snippet()
            )?,
            Error::Decode { response, source } => write!(
                f,
                "HTTP {}: the response body did not decode: {source}",
                response.status
            )?,
            Error::Transport(error) => write!(f, "{error}")?,
            Error::Auth { source, .. } => write!(f, "could not get credentials: {source}")?,
            Error::InvalidRequest(source) => write!(f, "invalid request: {source}")?,
            Error::ResponseTooLarge {
                operation,
                limit,
                status,
                ..
            } => write!(
                f,
                "HTTP {status}: the response body of `{operation}` is larger than the limit of \
                 {limit} bytes; raise it with `ClientBuilder::max_response_body` or read the \
                 body as a stream with `Call::send_streaming`"
            )?,
        }
        match self.attempts() {
            0 | 1 => Ok(()),
            attempts => write!(f, " (after {attempts} attempts)"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. }
            | Error::InvalidRequest(source)
            | Error::Auth { source, .. } => Some(source.as_ref()),
            Error::Transport(error) => Some(&error.source),
            Error::Api { .. } | Error::UnexpectedStatus { .. } | Error::ResponseTooLarge { .. } => {
                None
            }
        }
    }
}

/// The client could not be built from the given settings.
#[derive(Debug)]
pub struct BuildError {
    message: String,
}

impl BuildError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid client configuration: {}", self.message)
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn response(status: u16, body: &'static str) -> RawResponse {
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::from_static(body.as_bytes()),
            attempts: 1,
        }
    }

    #[test]
    fn display_is_one_line_and_names_the_status() {
        let error: Error<()> = Error::Api {
            error: (),
            response: response(404, "{\n  \"error\": \"not_found\"\n}\n"),
        };
        assert_eq!(
            error.to_string(),
            "HTTP 404 Not Found: { \"error\": \"not_found\" }"
        );
    }

    #[test]
    fn display_says_when_the_body_is_empty() {
        let error: Error<()> = Error::UnexpectedStatus {
            response: response(502, ""),
        };
        assert_eq!(
            error.to_string(),
            "unexpected HTTP status 502 Bad Gateway: (empty body)"
        );
    }

    #[test]
    fn long_bodies_are_cut_on_a_char_boundary() {
        let body: &'static str = "é".repeat(300).leak();
        let error: Error<()> = Error::UnexpectedStatus {
            response: response(500, body),
        };
        let text = error.to_string();
        assert!(text.ends_with('…'));
        assert_eq!(text.chars().filter(|c| *c == 'é').count(), 200);
    }

    #[test]
    fn request_id_is_read_from_either_header() {
        let mut raw = response(200, "");
        assert_eq!(raw.request_id(), None);
        raw.headers.insert("request-id", "req_123".parse().unwrap());
        assert_eq!(raw.request_id(), Some("req_123"));
    }

    #[test]
    fn only_a_redirect_has_a_redirect_location() {
        let mut raw = response(302, "");
        raw.headers
            .insert("location", "https://cdn.example/f".parse().unwrap());
        let error: Error<()> = Error::UnexpectedStatus {
            response: raw.clone(),
        };
        assert_eq!(error.redirect_location(), Some("https://cdn.example/f"));
        raw.status = StatusCode::CREATED;
        let error: Error<()> = Error::UnexpectedStatus { response: raw };
        assert_eq!(error.redirect_location(), None);
    }

    #[test]
    fn too_large_names_the_limit_and_the_operation() {
        let error: Error<()> = Error::ResponseTooLarge {
            operation: "GET /files/{id}/content".to_owned(),
            limit: 1024,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            attempts: 1,
        };
        let text = error.to_string();
        assert!(text.contains("`GET /files/{id}/content`"), "{text}");
        assert!(text.contains("limit of 1024 bytes"), "{text}");
        assert_eq!(error.status(), Some(StatusCode::OK));
        assert!(error.response().is_none());
    }

    #[test]
    fn display_counts_attempts_when_there_were_retries() {
        let mut raw = RawResponse {
            status: StatusCode::SERVICE_UNAVAILABLE,
            headers: HeaderMap::new(),
            body: Bytes::new(),
            attempts: 3,
        };
        let error: Error<()> = Error::UnexpectedStatus {
            response: raw.clone(),
        };
        assert_eq!(error.attempts(), 3);
        assert_eq!(
            error.to_string(),
            "unexpected HTTP status 503 Service Unavailable: (empty body) (after 3 attempts)"
        );
        raw.attempts = 1;
        let error: Error<()> = Error::UnexpectedStatus { response: raw };
        assert!(!error.to_string().contains("attempt"));
    }
}
