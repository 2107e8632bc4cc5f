//! Sending a call: its attempts, each prepared, sent and received in a named step, and the
//! decision after each to return or to retry.

use std::future::Future;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use tracing::Instrument;

use crate::attempt::{finish_attempt, start_attempt};
use crate::body::{ChunkedBody, StreamingResponse, TooLarge};
use crate::call::{Call, Finish};
use crate::client::Client;
use crate::error::Error;
use crate::idempotency::add_idempotency_key;
use crate::raw_response::RawResponse;
use crate::request::RequestBuilder;
use crate::retry::{Decision, RetryPolicy};
use crate::transport_error::TransportError;

/// What a call settles before its first attempt: how it is retried, timed and limited.
struct Plan {
    policy: RetryPolicy,
    timeout: Duration,
    limit: u64,
    /// Whether the server may see the request twice with the effect of once: so may it be
    /// retried whatever went wrong, rather than only when the server cannot have acted on it.
    repeatable: bool,
}

/// What came back for one attempt, read whole.
enum Received {
    /// The response, its body read within the limit.
    Read(StatusCode, HeaderMap, Bytes),
    /// The body was over the limit.
    TooLarge(StatusCode, HeaderMap),
    /// The transport failed; `answered` when the status line had arrived.
    Failed {
        error: reqwest::Error,
        answered: bool,
    },
}

impl<'c, T, E> Call<'c, T, E> {
    /// The whole call as one future in the `request` span, its final response turned into the
    /// output by `finish`; with `stream`, a success response is handed to it unread instead.
    /// What needs no waiting (the span, the credentials, the retry policy) is settled here; each
    /// attempt is prepared, sent and received by its own step, whose future takes room in the
    /// call's state only while it runs.
    pub(crate) fn execute<R>(
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
        let plan = plan(client, &mut request, max_retries, timeout, idempotency_key);
        let credentials = client
            .inner
            .credentials
            .select(crate::SECURITY_SCHEMES, request.security);
        let mut one_shot = request.one_shot_body.take();
        async move {
            if let Some(error) = request.error.take() {
                return Err(Error::InvalidRequest(error));
            }
            let replayable = one_shot.is_none();
            let (mut attempts, mut retries, mut reauthenticated) = (0u32, 0u32, false);
            loop {
                attempts += 1;
                let mut attempt = match start_attempt(client, &request) {
                    Ok(attempt) => attempt,
                    Err(error) => return Err(Error::InvalidRequest(error)),
                };
                for credential in credentials.as_slice() {
                    if let Err(source) = attempt.add(*credential).await {
                        return Err(Error::Auth {
                            source,
                            attempts: attempts - 1,
                        });
                    }
                }
                let (sent, token) =
                    finish_attempt(client, &request, attempt, &mut one_shot, plan.timeout);
                // The elapsed time goes only into debug events: no clock reading when none is
                // wanted.
                let started = tracing::level_enabled!(tracing::Level::DEBUG).then(Instant::now);
                // Awaited here rather than in steps of their own: each nested future would take
                // room in the call's state and a poll of its own.
                let received = match sent.map(|sent| client.http().execute(sent)) {
                    Ok(pending) => match pending.await {
                        Ok(response) => match stream {
                            Some(take) if response.status().is_success() => {
                                let elapsed_ms = millis_since(started);
                                tracing::debug!(
                                    attempt = attempts,
                                    status = response.status().as_u16(),
                                    elapsed_ms,
                                    "response, its body handed over unread"
                                );
                                recorder.record("status", response.status().as_u16());
                                recorder.record("attempts", attempts);
                                return Ok(take(StreamingResponse::live(
                                    response,
                                    attempts,
                                    plan.timeout,
                                )));
                            }
                            // Read whole, within the limit, here rather than by
                            // `Response::bytes`, whose future would take room of its own. A
                            // failure came after the status line: the server answered, so it
                            // may have acted on the request.
                            _ => {
                                let mut response = response;
                                let status = response.status();
                                let headers = std::mem::take(response.headers_mut());
                                let mut body = ChunkedBody::new(plan.limit);
                                let mut fits = body.check_announced(response.content_length());
                                loop {
                                    if let Err(TooLarge) = fits {
                                        break Received::TooLarge(status, headers);
                                    }
                                    match response.chunk().await {
                                        Ok(Some(chunk)) => fits = body.push(chunk),
                                        Ok(None) => {
                                            break Received::Read(status, headers, body.into_bytes());
                                        }
                                        // As `Response::bytes` reports it.
                                        Err(error) => {
                                            break Received::Failed {
                                                error: error.with_url(response.url().clone()),
                                                answered: true,
                                            };
                                        }
                                    }
                                }
                            }
                        },
                        Err(error) => Received::Failed {
                            error,
                            answered: false,
                        },
                    },
                    Err(error) => Received::Failed {
                        error,
                        answered: false,
                    },
                };
                let elapsed_ms = millis_since(started);
                let (status, headers, body) = match received {
                    Received::Read(status, headers, body) => (status, headers, body),
                    Received::TooLarge(status, headers) => {
                        recorder.record("status", status.as_u16());
                        recorder.record("attempts", attempts);
                        return Err(Error::ResponseTooLarge {
                            operation: format!("{} {}", request.method, request.path_template),
                            limit: plan.limit,
                            status,
                            headers,
                            attempts,
                        });
                    }
                    Received::Failed { error, answered } => {
                        let error = TransportError::new(error, attempts, plan.timeout);
                        tracing::debug!(attempt = attempts, elapsed_ms, error = %error, "attempt failed");
                        let retryable = RetryPolicy::retryable_transport(
                            error.get_ref(),
                            plan.repeatable,
                            answered,
                        );
                        if replayable && retryable {
                            retries += 1;
                            if let Decision::RetryAfter(wait) = plan.policy.decide(retries, None) {
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
                if replayable && plan.policy.retryable_status(status, plan.repeatable) {
                    retries += 1;
                    match plan.policy.decide(retries, Some(&headers)) {
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

/// Settles the call's retry policy, time limit and size limit, and puts its cookies and
/// idempotency key on `request`.
// Called from the generic call future, which is compiled in the user's crate: inlined there.
#[inline]
fn plan(
    client: &Client,
    request: &mut RequestBuilder,
    max_retries: Option<u32>,
    timeout: Option<Duration>,
    idempotency_key: Option<String>,
) -> Plan {
    if let Some(cookie) = request.cookie_header() {
        request.headers.insert(header::COOKIE, cookie);
    }
    let mut policy: RetryPolicy = client.inner.retry;
    if let Some(retries) = max_retries {
        policy.max_retries = retries;
    }
    // RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE, OPTIONS, TRACE.
    let idempotent = request.method.is_idempotent();
    let keyed = add_idempotency_key(client, request, idempotency_key, idempotent);
    Plan {
        policy,
        timeout: timeout.unwrap_or(client.inner.timeout),
        limit: client.inner.max_response_body,
        repeatable: idempotent || keyed,
    }
}

/// Milliseconds since `started`, for debug events (0 when they are off).
// Called from the generic call future, which is compiled in the user's crate: inlined there.
#[inline]
fn millis_since(started: Option<Instant>) -> u64 {
    started.map_or(0, |started| {
        u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
    })
}

/// Waits before the next attempt, saying why in a `tracing` event.
async fn retry_after_wait(attempt: u32, wait: Duration, reason: &str) {
    let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    tracing::info!(attempt, wait_ms, reason, "retrying");
    tokio::time::sleep(wait).await;
}
