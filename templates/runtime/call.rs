//! A call of an operation: its settings, and turning its final response into a typed result.
//! Sending it, with its retries, is in `execute`.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;

use crate::body::StreamingResponse;
use crate::client::Client;
use crate::decode::{DecodeError, repaired};
use crate::error::{BoxError, Error};
use crate::raw_response::RawResponse;
use crate::redact;
use crate::request::RequestBuilder;

/// What an operation's decoder made of a response, chosen by status code.
pub enum Outcome<T, E> {
    /// A documented success status whose body decoded.
    Success(T),
    /// A documented success status whose body did not decode.
    Undecodable(BoxError),
    /// A documented error status.
    Failure(E),
    /// A status the operation does not document.
    Unexpected,
}

impl<T, E> Outcome<T, E> {
    pub fn success(decoded: Result<T, BoxError>) -> Self {
        match decoded {
            Ok(value) => Outcome::Success(value),
            Err(error) => Outcome::Undecodable(error),
        }
    }
}

/// Turns a status and body into an [`Outcome`]; generated once per operation.
pub(crate) type Decoder<T, E> = fn(StatusCode, &Bytes) -> Outcome<T, E>;

/// Turns the final response of a call, read whole, into what the call returns.
pub(crate) type Finish<T, E, R> = fn(Decoder<T, E>, RawResponse) -> Result<R, Error<E>>;

/// Decodes a JSON success body. Only when that fails is the body decoded again: an empty body
/// is `null` where the type admits it (a response the description gives no schema is any JSON
/// value, and servers send it empty); then with whole numbers written as floats (`3.0`) read as
/// integers and a field's number sent as text (or text as a number) read as described
/// (`decode::repaired`); then, if it still fails, tracking the path, so the error can say where.
/// A body that decodes costs nothing more.
pub fn json<T: DeserializeOwned>(body: &Bytes) -> Result<T, BoxError> {
    serde_json::from_slice(body).or_else(|error| {
        if body.iter().all(u8::is_ascii_whitespace)
            && let Ok(value) = serde_json::from_slice::<T>(b"null")
        {
            return Ok(value);
        }
        repaired(body).map_err(|located| {
            BoxError::from(located.unwrap_or_else(|| DecodeError::locate::<T>(body, error)))
        })
    })
}

/// Decodes a text body, which must be UTF-8.
pub fn text(body: &Bytes) -> Result<String, BoxError> {
    String::from_utf8(body.to_vec()).map_err(BoxError::from)
}

/// Decodes a JSON error body, or `None` when it is empty, `null` or not the documented shape:
/// the status has already chosen the error, and the raw body is kept beside it.
pub fn json_or_none<T: DeserializeOwned>(body: &Bytes) -> Option<T> {
    match serde_json::from_slice::<Option<T>>(body) {
        Ok(value) => value,
        Err(_) => repaired::<Option<T>>(body).ok().flatten(),
    }
}

/// A successful response: the decoded value with the status and headers it came with.
#[derive(Clone)]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// The HTTP status code.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    attempts: u32,
}

impl<T> Response<T> {
    /// The request id the server assigned, from `x-request-id` or `request-id`, if present.
    pub fn request_id(&self) -> Option<&str> {
        crate::raw_response::request_id(&self.headers)
    }

    /// How many attempts the call made, this one included (1 when it was not retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The header `name` (any case) read as a `V` (`i64` for a rate limit, `String`):
    /// `None` when the response has no such header or its value is not text that parses as
    /// a `V` (`headers` has it as sent). The method's docs list the headers the API documents.
    pub fn header<V: std::str::FromStr>(&self, name: &str) -> Option<V> {
        let text = self.headers.get(name)?.to_str().ok()?;
        text.trim().parse().ok()
    }

    /// The decoded body, dropping the status and headers.
    pub fn into_value(self) -> T {
        self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("value", &self.value)
            .field("status", &self.status)
            .field("headers", &redact::Headers(&self.headers))
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// A request body that can be sent only once, such as a stream: a call carrying one is never
/// retried.
pub(crate) struct OneShotBody {
    pub(crate) content_type: HeaderValue,
    pub(crate) body: reqwest::Body,
}

impl fmt::Debug for OneShotBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OneShotBody")
            .field("content_type", &self.content_type)
            .finish_non_exhaustive()
    }
}

/// One call of an operation, ready to send.
///
/// `.await` it for the decoded value, or call [`send`](Call::send) to keep the status and the
/// headers too, or [`send_streaming`](Call::send_streaming) to read a large body as it
/// arrives. Before that, [`max_retries`](Call::max_retries), [`timeout`](Call::timeout) and
/// [`idempotency_key`](Call::idempotency_key) override the client's settings for this call
/// only, and [`header`](Call::header), [`query`](Call::query) and
/// [`body_field`](Call::body_field) add a header, a query parameter or a field of its JSON body.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, T, E> {
    pub(crate) client: &'c Client,
    pub(crate) request: RequestBuilder,
    pub(crate) decode: Decoder<T, E>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) idempotency_key: Option<String>,
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.request.method)
            .field("operation", &self.request.path_template)
            .field("path", &self.request.path)
            .field("headers", &redact::Headers(&self.request.headers))
            .field("call_headers", &redact::Headers(&self.request.call_headers))
            .field("max_retries", &self.max_retries)
            .field("timeout", &self.timeout)
            .field("idempotency_key", &self.idempotency_key)
            .finish_non_exhaustive()
    }
}

impl<'c, T, E> Call<'c, T, E> {
    pub(crate) fn new(client: &'c Client, request: RequestBuilder, decode: Decoder<T, E>) -> Self {
        Self {
            client,
            request,
            decode,
            max_retries: None,
            timeout: None,
            idempotency_key: None,
        }
    }

    /// Retries this call at most `retries` times instead of the client's setting; 0 sends it
    /// exactly once (a 401 answered to a token provider's token is still retried once, after a
    /// refresh: the server did not act on the request).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The time limit of each attempt of this call, from connecting to the last body byte,
    /// instead of the client's setting.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends `key` as this call's idempotency key, the same on every retry, in the header the
    /// client names ([`ClientBuilder::idempotency_key_header`](crate::ClientBuilder::idempotency_key_header))
    /// or else `Idempotency-Key`. The call is then retried like an idempotent one even when it
    /// is a POST or PATCH: the API promises to act on the key once. Use a key of your own to
    /// retry safely across calls too, for example after a restart.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Sends the header `name: value` with this call, on every attempt: for a header the API
    /// description does not declare, such as a trace id or a preview flag, or one value of a
    /// header for one call only. It replaces any header the client would send under that name,
    /// the client's [`default_header`](crate::ClientBuilder::default_header)s, the operation's
    /// header parameters, `Accept`, `Content-Type` and the credentials included; calling it
    /// again with the same name replaces the value. An invalid name or value fails the call
    /// with [`Error::InvalidRequest`] before anything is sent. A value whose name looks like a
    /// credential's is hidden from `Debug` output, as the client's own credentials are.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.request.call_header(name, value);
        self
    }

    /// Adds the query parameter `name=value` to this call, after the operation's own: for a
    /// parameter the API description does not declare (an `expand[]`, a beta flag). Both are
    /// percent-encoded as form values are. Calling it again adds another pair, even under the
    /// same name; a parameter the operation declares is best set through its own argument,
    /// which writes it in its declared style.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        (self.request.query).push((name.to_owned(), crate::params::encoded(value)));
        self
    }

    /// Sets the field `name` of this call's JSON body to `value`, beside or instead of the
    /// fields its type sends: for a field the API description does not declare yet, or one
    /// its type cannot hold. Only a body sent as a JSON object has fields to set; on any other
    /// call (no body, a form, multipart, bytes) the call fails with
    /// [`Error::InvalidRequest`] before anything is sent, as it does when `value` does not
    /// serialize. The body is written again with the field, its fields in name order.
    pub fn body_field<V: serde::Serialize + ?Sized>(mut self, name: &str, value: &V) -> Self {
        self.request.body_field(name, value);
        self
    }

    /// Sends `body` as the request body instead of the operation's own, with this
    /// `Content-Type`: for uploads read as they are sent, such as a stream wrapped with
    /// `reqwest::Body::wrap_stream` (reqwest's `stream` feature). Such a body can be sent only
    /// once, so the call is never retried.
    pub fn streaming_body(mut self, content_type: &str, body: impl Into<reqwest::Body>) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(content_type) => {
                self.request.body = None;
                self.request.one_shot_body = Some(OneShotBody {
                    content_type,
                    body: body.into(),
                });
            }
            Err(_) => {
                self.request.error.get_or_insert_with(|| {
                    format!("`{content_type}` is not a valid Content-Type").into()
                });
            }
        }
        self
    }

    /// Sends the request and returns the decoded value together with the status, headers and
    /// request id. Failed attempts are retried as configured. The `tracing` span `request`
    /// records the method, the path template, the final status and the number of attempts; an
    /// event per attempt records its number, status and elapsed time. No credential is recorded.
    pub async fn send(self) -> Result<Response<T>, Error<E>> {
        self.execute(outcome, None).await
    }

    /// Sends the request like [`send`](Self::send), but hands over a success (2xx) body
    /// unread, to be read chunk by chunk: for downloads that may be large, which the client's
    /// [`max_response_body`](crate::ClientBuilder::max_response_body) limit does not apply to.
    /// Failed attempts are retried as configured; an error status reads its body (within the
    /// limit) and fails as [`send`](Self::send) would. Once the body is being read, nothing is
    /// retried, and the call's time limit applies to the whole body, so give a long download
    /// its own [`timeout`](Self::timeout).
    pub async fn send_streaming(self) -> Result<StreamingResponse, Error<E>> {
        self.execute(streaming_outcome, Some(std::convert::identity))
            .await
    }
}

/// The typed result of a final response.
// The error is the public `Error` every call returns; boxing it here would only move the cost.
#[allow(clippy::result_large_err)]
fn outcome<T, E>(decode: Decoder<T, E>, response: RawResponse) -> Result<Response<T>, Error<E>> {
    match decode(response.status, &response.body) {
        Outcome::Success(value) => Ok(Response {
            value,
            status: response.status,
            headers: response.headers,
            attempts: response.attempts,
        }),
        Outcome::Undecodable(source) => Err(Error::Decode { response, source }),
        Outcome::Failure(error) => Err(Error::Api { error, response }),
        Outcome::Unexpected => Err(Error::UnexpectedStatus { response }),
    }
}

/// [`outcome`], without the status and headers of a success.
#[allow(clippy::result_large_err)]
fn outcome_value<T, E>(decode: Decoder<T, E>, response: RawResponse) -> Result<T, Error<E>> {
    outcome(decode, response).map(Response::into_value)
}

/// What [`Call::send_streaming`] makes of a response that is not a 2xx, whose body has been
/// read: the same error as [`Call::send`], or, for a status the operation documents as a
/// success, the body already read as the stream.
#[allow(clippy::result_large_err)]
fn streaming_outcome<T, E>(
    decode: Decoder<T, E>,
    response: RawResponse,
) -> Result<StreamingResponse, Error<E>> {
    match decode(response.status, &response.body) {
        Outcome::Success(_) | Outcome::Undecodable(_) => Ok(StreamingResponse::read(
            response.status,
            response.headers,
            response.body,
            response.attempts,
            Duration::ZERO,
        )),
        Outcome::Failure(error) => Err(Error::Api { error, response }),
        Outcome::Unexpected => Err(Error::UnexpectedStatus { response }),
    }
}

impl<'c, T, E> IntoFuture for Call<'c, T, E>
where
    T: Send + 'c,
    E: Send + 'c,
{
    type Output = Result<T, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.execute(outcome_value, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_read_as_the_type_asked_for() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static(" 42"));
        headers.insert("x-mode", HeaderValue::from_static("fast"));
        let response = Response {
            value: (),
            status: StatusCode::OK,
            headers,
            attempts: 1,
        };
        assert_eq!(response.header::<i64>("X-RateLimit-Remaining"), Some(42));
        assert_eq!(response.header::<String>("x-mode").as_deref(), Some("fast"));
        assert_eq!(response.header::<i64>("x-mode"), None);
        assert_eq!(response.header::<i64>("retry-after"), None);
    }

    #[test]
    fn an_empty_body_is_null_where_the_type_admits_it() {
        let empty = Bytes::new();
        let value: serde_json::Value = json(&empty).unwrap();
        assert!(value.is_null());
        let none: Option<u32> = json(&Bytes::from_static(b" \n")).unwrap();
        assert_eq!(none, None);
        // A type that needs a value still fails, naming the body.
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Pet {
            name: String,
        }
        assert!(json::<Pet>(&empty).is_err());
        assert!(json::<u32>(&empty).is_err());
    }
}
