//! Sending a request and turning the response into a typed result.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{BoxError, Error, RawResponse};
use crate::redact;
use crate::request::RequestBuilder;

/// What an operation's decoder made of a response, chosen by status code.
pub(crate) enum Outcome<T, E> {
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
    pub(crate) fn success(decoded: Result<T, BoxError>) -> Self {
        match decoded {
            Ok(value) => Outcome::Success(value),
            Err(error) => Outcome::Undecodable(error),
        }
    }
}

/// Turns a status and body into an [`Outcome`]; generated once per operation.
pub(crate) type Decoder<T, E> = fn(StatusCode, &Bytes) -> Outcome<T, E>;

/// Decodes a JSON success body.
pub(crate) fn json<T: DeserializeOwned>(body: &Bytes) -> Result<T, BoxError> {
    serde_json::from_slice(body).map_err(BoxError::from)
}

/// Decodes a text body, which must be UTF-8.
pub(crate) fn text(body: &Bytes) -> Result<String, BoxError> {
    String::from_utf8(body.to_vec()).map_err(BoxError::from)
}

/// Decodes a JSON error body, or `None` when it is empty, `null` or not the documented shape:
/// the status has already chosen the error, and the raw body is kept beside it.
pub(crate) fn json_or_none<T: DeserializeOwned>(body: &Bytes) -> Option<T> {
    serde_json::from_slice::<Option<T>>(body).ok().flatten()
}

/// A successful response: the decoded value with the status and headers it came with.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// The HTTP status code.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
}

impl<T> Response<T> {
    /// The request id the server assigned, from `x-request-id` or `request-id`, if present.
    pub fn request_id(&self) -> Option<&str> {
        ["x-request-id", "request-id"]
            .iter()
            .find_map(|name| self.headers.get(*name)?.to_str().ok())
    }

    /// The decoded body, dropping the status and headers.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// One call of an operation, ready to send.
///
/// `.await` it for the decoded value, or call [`send`](Call::send) to keep the status and the
/// headers too.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, T, E> {
    client: &'c Client,
    request: RequestBuilder,
    decode: Decoder<T, E>,
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.request.method)
            .field("operation", &self.request.path_template)
            .field("path", &self.request.path)
            .field("headers", &redact::Headers(&self.request.headers))
            .finish_non_exhaustive()
    }
}

impl<'c, T, E> Call<'c, T, E> {
    pub(crate) fn new(client: &'c Client, request: RequestBuilder, decode: Decoder<T, E>) -> Self {
        Self {
            client,
            request,
            decode,
        }
    }

    /// Sends the request and returns the decoded value together with the status and headers.
    pub async fn send(self) -> Result<Response<T>, Error<E>> {
        let Call {
            client,
            request,
            decode,
        } = self;
        if let Some(error) = request.error {
            return Err(Error::InvalidRequest(error));
        }
        let url = request
            .url(client.base_url())
            .map_err(Error::InvalidRequest)?;
        let mut headers = client.base_headers(request.authenticated);
        if let Some(cookie) = request.cookie_header() {
            headers.insert(header::COOKIE, cookie);
        }
        headers.extend(request.headers);
        let mut builder = client.http().request(request.method, url);
        if let Some(body) = request.body {
            headers.insert(header::CONTENT_TYPE, body.content_type);
            builder = builder.body(body.bytes);
        }
        let response = builder
            .headers(headers)
            .send()
            .await
            .map_err(Error::Transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(Error::Transport)?;
        match decode(status, &body) {
            Outcome::Success(value) => Ok(Response {
                value,
                status,
                headers,
            }),
            Outcome::Undecodable(source) => Err(Error::Decode {
                response: RawResponse {
                    status,
                    headers,
                    body,
                },
                source,
            }),
            Outcome::Failure(error) => Err(Error::Api {
                error,
                response: RawResponse {
                    status,
                    headers,
                    body,
                },
            }),
            Outcome::Unexpected => Err(Error::UnexpectedStatus {
                response: RawResponse {
                    status,
                    headers,
                    body,
                },
            }),
        }
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
        Box::pin(async move { self.send().await.map(Response::into_value) })
    }
}
