//! Sending a request and turning the response into a typed result.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::auth::Attempt;
use crate::body::{self, ChunkedBody, ReadError, StreamingResponse, TooLarge};
use crate::client::Client;
use crate::error::{BoxError, Error, RawResponse, TransportError};
use crate::redact;
use crate::request::RequestBuilder;
use crate::retry::{Decision, RetryPolicy};

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

/// Turns the final response of a call, read whole, into what the call returns.
type Finish<T, E, R> = fn(Decoder<T, E>, RawResponse) -> Result<R, Error<E>>;

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
        crate::error::request_id(&self.headers)
    }

    /// How many attempts the call made, this one included (1 when it was not retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
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
    content_type: HeaderValue,
    body: reqwest::Body,
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
/// only.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, T, E> {
    client: &'c Client,
    request: RequestBuilder,
    decode: Decoder<T, E>,
    max_retries: Option<u32>,
    timeout: Option<Duration>,
    idempotency_key: Option<String>,
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.request.method)
            .field("operation", &self.request.path_template)
            .field("path", &self.request.path)
            .field("headers", &redact::Headers(&self.request.headers))
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

    /// The whole call as one future in the `request` span, its final response turned into the
    /// output by `finish`; with `stream`, a success response is handed to it unread instead.
    /// What needs no waiting (the span, the credentials, the retry policy) is settled
    /// here; the future owns the request and everything else it needs directly, with no nested
    /// future of its own besides the transport's, so it is moved as rarely and as small as it can
    /// be.
    fn execute<R>(
        self,
        finish: Finish<T, E, R>,
        stream: Option<fn(StreamingResponse) -> R>,
    ) -> tracing::instrument::Instrumented<impl Future<Output = Result<R, Error<E>>>> {
        let Call {
            client,
            mut request,
            decode,
            max_retries,
            timeout,
            idempotency_key,
        } = self;
        let span = tracing::info_span!(
            "request",
            method = %request.method,
            path = request.path_template,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let recorder = span.clone();
        if let Some(cookie) = request.cookie_header() {
            request.headers.insert(header::COOKIE, cookie);
        }
        let credentials = client
            .inner
            .credentials
            .select(crate::SECURITY_SCHEMES, request.security);
        let mut policy: RetryPolicy = client.inner.retry;
        if let Some(retries) = max_retries {
            policy.max_retries = retries;
        }
        let timeout = timeout.unwrap_or(client.inner.timeout);
        let limit = client.inner.max_response_body;
        let mut one_shot = request.one_shot_body.take();
        // A request the server may see twice with the effect of once: so may it be retried
        // whatever went wrong, rather than only when the server cannot have acted on it.
        // RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE, OPTIONS, TRACE.
        let idempotent = request.method.is_idempotent();
        let keyed = add_idempotency_key(client, &mut request, idempotency_key, idempotent);
        let repeatable = idempotent || keyed;
        async move {
            if let Some(error) = request.error.take() {
                return Err(Error::InvalidRequest(error));
            }
            let replayable = one_shot.is_none();
            let (mut attempts, mut retries, mut reauthenticated) = (0u32, 0u32, false);
            loop {
                attempts += 1;
                // Everything of the attempt up to sending it lives in this block, so that none
                // of it takes room in the call's state while the response is awaited.
                let (sent, token) = {
                    // Built for each attempt (the first is nearly always the only one) rather
                    // than built once and cloned for each.
                    let url = request
                        .url(client.base_url(), client.inner.parsed_base_url.as_ref())
                        .map_err(Error::InvalidRequest)?;
                    let base = client.base_headers();
                    // Room for the request's own headers, `Accept`, a credential and
                    // `Content-Type`, so that filling the map does not grow it.
                    let mut headers =
                        HeaderMap::with_capacity(base.len() + request.headers.len() + 3);
                    overlay(&mut headers, base);
                    overlay(&mut headers, &request.headers);
                    if let Some(accept) = request.accept {
                        headers.insert(header::ACCEPT, HeaderValue::from_static(accept));
                    }
                    let mut attempt = Attempt {
                        url,
                        headers,
                        basic: None,
                        token: None,
                    };
                    for credential in credentials.as_slice() {
                        attempt
                            .add(*credential)
                            .await
                            .map_err(|source| Error::Auth {
                                source,
                                attempts: attempts - 1,
                            })?;
                    }
                    let Attempt {
                        url,
                        mut headers,
                        basic,
                        token,
                    } = attempt;
                    let body = if let Some(body) = &request.body {
                        headers.insert(header::CONTENT_TYPE, body.content_type.clone());
                        Some(reqwest::Body::from(body.bytes.clone()))
                    } else if let Some(body) = one_shot.take() {
                        headers.insert(header::CONTENT_TYPE, body.content_type);
                        Some(body.body)
                    } else {
                        None
                    };
                    let sent = http_request(client, &request.method, url, headers, body, basic)
                        .map(|mut sent| {
                            *sent.timeout_mut() = Some(timeout);
                            client.http().execute(sent)
                        });
                    (sent, token)
                };
                // The elapsed time goes only into debug events: no clock reading when none is
                // wanted.
                let started = tracing::level_enabled!(tracing::Level::DEBUG).then(Instant::now);
                // A failure comes with the status and headers when it came after the status
                // line: the server answered, so it may have acted on the request.
                let result = match sent {
                    Ok(pending) => match pending.await {
                        Ok(mut response) => match stream {
                            Some(take) if response.status().is_success() => {
                                let elapsed_ms = started.map_or(0, |started| {
                                    u64::try_from(started.elapsed().as_millis())
                                        .unwrap_or(u64::MAX)
                                });
                                tracing::debug!(
                                    attempt = attempts,
                                    status = response.status().as_u16(),
                                    elapsed_ms,
                                    "response, its body handed over unread"
                                );
                                recorder.record("status", response.status().as_u16());
                                recorder.record("attempts", attempts);
                                return Ok(take(StreamingResponse::live(
                                    response, attempts, timeout,
                                )));
                            }
                            // The body is read here rather than by `Response::bytes`, whose
                            // future would take room of its own in the call's state.
                            _ => {
                                let status = response.status();
                                let headers = std::mem::take(response.headers_mut());
                                let mut body = ChunkedBody::new(limit);
                                let mut fits = body.check_announced(response.content_length());
                                let read = loop {
                                    if let Err(TooLarge) = fits {
                                        break Err(ReadError::TooLarge);
                                    }
                                    match response.chunk().await {
                                        Ok(Some(chunk)) => fits = body.push(chunk),
                                        Ok(None) => break Ok(body.into_bytes()),
                                        // As `Response::bytes` reports it.
                                        Err(error) => {
                                            let error = error.with_url(response.url().clone());
                                            break Err(ReadError::Transport(error));
                                        }
                                    }
                                };
                                match read {
                                    Ok(body) => Ok((status, headers, body)),
                                    Err(error) => Err((error, Some((status, headers)))),
                                }
                            }
                        },
                        Err(error) => Err((ReadError::Transport(error), None)),
                    },
                    Err(error) => Err((ReadError::Transport(error), None)),
                };
                let elapsed_ms = started.map_or(0, |started| {
                    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
                });
                let (status, headers, body) = match result {
                    Ok(received) => received,
                    Err((ReadError::TooLarge, answer)) => {
                        let (status, headers) = answer.unwrap_or_default();
                        recorder.record("status", status.as_u16());
                        recorder.record("attempts", attempts);
                        return Err(Error::ResponseTooLarge {
                            operation: format!("{} {}", request.method, request.path_template),
                            limit,
                            status,
                            headers,
                            attempts,
                        });
                    }
                    Err((ReadError::Transport(error), answer)) => {
                        let answered = answer.is_some();
                        let error = TransportError::new(error, attempts, timeout);
                        tracing::debug!(attempt = attempts, elapsed_ms, error = %error, "attempt failed");
                        if replayable
                            && RetryPolicy::retryable_transport(error.get_ref(), repeatable, answered)
                        {
                            retries += 1;
                            if let Decision::RetryAfter(wait) = policy.decide(retries, None) {
                                retry_after_wait(attempts, wait, "transport error").await;
                                continue;
                            }
                        }
                        recorder.record("attempts", attempts);
                        return Err(Error::Transport(error));
                    }
                };
                tracing::debug!(
                    attempt = attempts,
                    status = status.as_u16(),
                    elapsed_ms,
                    "response"
                );
                // A rejected token from a provider: the server did not act on the request, so
                // get a fresh token and try once more, whatever the retry budget says.
                if status == StatusCode::UNAUTHORIZED && replayable && !reauthenticated {
                    if let Some((provider, token)) = &token {
                        provider.invalidate(token).await;
                        reauthenticated = true;
                        tracing::info!(
                            attempt = attempts,
                            "HTTP 401: getting a new token, retrying once"
                        );
                        continue;
                    }
                }
                if replayable && policy.retryable_status(status, repeatable) {
                    retries += 1;
                    match policy.decide(retries, Some(&headers)) {
                        Decision::RetryAfter(wait) => {
                            retry_after_wait(attempts, wait, status.as_str()).await;
                            continue;
                        }
                        Decision::GiveUp => {}
                    }
                }
                recorder.record("status", status.as_u16());
                recorder.record("attempts", attempts);
                let response = RawResponse {
                    status,
                    headers,
                    body,
                    attempts,
                };
                return finish(decode, response);
            }
        }
        .instrument(span)
    }
}

/// Waits before the next attempt, saying why in a `tracing` event.
async fn retry_after_wait(attempt: u32, wait: Duration, reason: &str) {
    let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    tracing::info!(attempt, wait_ms, reason, "retrying");
    tokio::time::sleep(wait).await;
}

/// Sets every header of `over` on `headers`, replacing the values of the names it has: what
/// `HeaderMap::extend` does with an owned map, without cloning `over` first.
fn overlay(headers: &mut HeaderMap, over: &HeaderMap) {
    for name in over.keys() {
        let mut values = over.get_all(name).iter();
        if let Some(first) = values.next() {
            headers.insert(name.clone(), first.clone());
            for value in values {
                headers.append(name.clone(), value.clone());
            }
        }
    }
}

/// The request of one attempt. Made directly when it can be, without a `reqwest::RequestBuilder`
/// (its headers are moved in, not copied); through one when it has basic credentials or the URL
/// carries a user name or password, which the builder turns into `Authorization: Basic`. A
/// header the builder sets comes after `headers`, as `RequestBuilder::headers` followed by
/// `basic_auth` would put it.
fn http_request(
    client: &Client,
    method: &reqwest::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<reqwest::Body>,
    basic: Option<(String, String)>,
) -> Result<reqwest::Request, reqwest::Error> {
    if basic.is_none() && url.username().is_empty() && url.password().is_none() {
        let mut request = reqwest::Request::new(method.clone(), url);
        *request.headers_mut() = headers;
        *request.body_mut() = body;
        return Ok(request);
    }
    let mut builder = client.http().request(method.clone(), url);
    if let Some((username, password)) = basic {
        builder = builder.basic_auth(username, Some(password));
    }
    let mut request = builder.build()?;
    let set = std::mem::replace(request.headers_mut(), headers);
    for (name, value) in &set {
        request.headers_mut().append(name.clone(), value.clone());
    }
    *request.body_mut() = body;
    Ok(request)
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

/// Puts the call's idempotency key on `request`: the one the call set, else a fresh one when
/// the client names a header for them and the method is not `idempotent` already. Whether a
/// key was added.
fn add_idempotency_key(
    client: &Client,
    request: &mut RequestBuilder,
    key: Option<String>,
    idempotent: bool,
) -> bool {
    let configured = client.inner.idempotency_key_header.as_ref();
    let key = match key {
        Some(key) => key,
        None if configured.is_some() && !idempotent => random_key(),
        None => return false,
    };
    let name = configured
        .cloned()
        .unwrap_or(header::HeaderName::from_static("idempotency-key"));
    match HeaderValue::from_str(&key) {
        Ok(value) => {
            request.headers.insert(name, value);
            true
        }
        Err(_) => {
            request.error.get_or_insert_with(|| {
                format!("idempotency key `{key}` is not a valid header value").into()
            });
            false
        }
    }
}

/// A random key in the form of a version-4 UUID: 122 random bits, so two calls never share
/// one. From `fastrand` (not a cryptographic generator): a key is not a secret, only unique.
fn random_key() -> String {
    let (high, low) = (fastrand::u64(..), fastrand::u64(..));
    let high = (high & !0xF000) | 0x4000; // version 4
    let low = (low & !(0xC << 60)) | (0x8 << 60); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        high & 0xFFFF,
        low >> 48,
        low & 0xFFFF_FFFF_FFFF
    )
}

impl Client {
    /// Fetches `url` with a plain GET that carries no credential and no default header (only
    /// the user-agent): for the `Location` of a redirect to another origin
    /// ([`Error::redirect_location`]), such as a download link on a CDN, which the client does
    /// not follow itself. A relative URL is resolved against the base URL. A 2xx body is
    /// handed over unread; any other status fails with [`Error::UnexpectedStatus`] (or
    /// [`Error::ResponseTooLarge`]). Sent once, never retried, within the client's time limit.
    pub async fn fetch_without_credentials(
        &self,
        url: &str,
    ) -> Result<StreamingResponse, Error<std::convert::Infallible>> {
        let timeout = self.inner.timeout;
        let base = reqwest::Url::parse(&format!("{}/", self.base_url()));
        let url = base
            .and_then(|base| base.join(url))
            .map_err(|e| Error::InvalidRequest(format!("URL `{url}`: {e}").into()))?;
        let mut request = reqwest::Request::new(reqwest::Method::GET, url);
        if let Some(agent) = self.base_headers().get(header::USER_AGENT) {
            request
                .headers_mut()
                .insert(header::USER_AGENT, agent.clone());
        }
        *request.timeout_mut() = Some(timeout);
        let transport = |error| Error::Transport(TransportError::new(error, 1, timeout));
        let mut response = self.http().execute(request).await.map_err(transport)?;
        if response.status().is_success() {
            return Ok(StreamingResponse::live(response, 1, timeout));
        }
        let status = response.status();
        let limit = self.inner.max_response_body;
        match body::read_limited(&mut response, limit).await {
            Ok(body) => Err(Error::UnexpectedStatus {
                response: RawResponse {
                    status,
                    headers: std::mem::take(response.headers_mut()),
                    body,
                    attempts: 1,
                },
            }),
            Err(ReadError::TooLarge) => Err(Error::ResponseTooLarge {
                operation: format!("GET {}", without_query(response.url())),
                limit,
                status,
                headers: std::mem::take(response.headers_mut()),
                attempts: 1,
            }),
            Err(ReadError::Transport(error)) => Err(transport(error)),
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
        Box::pin(self.execute(outcome_value, None))
    }
}

/// `url` without its query and fragment, which may carry a signature or a key.
fn without_query(url: &reqwest::Url) -> reqwest::Url {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_replaces_names_as_extend_does() {
        let value = HeaderValue::from_static;
        let mut headers = HeaderMap::new();
        headers.insert("a", value("1"));
        headers.append("b", value("1"));
        headers.append("b", value("2"));
        headers.insert("c", value("1"));
        let mut over = HeaderMap::new();
        over.insert("b", value("3"));
        over.append("b", value("4"));
        over.insert("d", value("1"));
        let mut expected = headers.clone();
        expected.extend(over.clone());
        overlay(&mut headers, &over);
        assert_eq!(headers, expected);
        assert_eq!(headers.get_all("b").iter().count(), 2);
    }

    #[test]
    fn keys_look_like_uuids_and_differ() {
        let (a, b) = (random_key(), random_key());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }
}
