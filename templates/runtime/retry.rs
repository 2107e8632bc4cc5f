//! When a failed attempt is tried again, and how long to wait first.
//!
//! The defaults follow the SDKs that teams already trust (Stainless's and Fern's): a couple of
//! retries with exponential backoff and jitter, and the server's own `Retry-After` when it sends
//! one, as long as the wait it asks for is reasonable.
//!
//! A retry must not do twice what the caller asked for once. Idempotent methods (GET, HEAD, PUT,
//! DELETE, OPTIONS, TRACE) and requests carrying an idempotency key may be sent again whenever
//! the failure is transient. Any other request (POST, PATCH, …) is sent again only when the
//! server cannot have acted on it: the connection was never made, or the server answered 408,
//! 429 or 503 (409 when configured), which say it did not process the request. It is not sent
//! again after a timeout or a dropped connection once it went out, nor after a status line
//! arrived (say `201` and a body that stalls), nor on 500, 502 or 504, after which the server
//! or the one behind a gateway may well have acted on it.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Retries after the first attempt unless configured otherwise: two, so a call survives a brief
/// blip (a deploy, a load-balancer hiccup) without turning an outage into a long hang.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The wait before the first retry; each later retry waits twice as long as the one before.
pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_millis(500);

/// The longest computed backoff wait, so later retries do not wait for minutes.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(8);

/// The longest wait a server may ask for with `Retry-After` or `retry-after-ms`. A server that
/// asks for more is not waited for: the error is returned at once, so the caller can decide.
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// How a client retries. Every field has a builder method on [`ClientBuilder`] and most on
/// [`Call`]; see there for the reasons behind each default.
///
/// [`ClientBuilder`]: crate::ClientBuilder
/// [`Call`]: crate::Call
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    pub(crate) max_retries: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) retry_conflict: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: DEFAULT_MAX_RETRIES,
            initial_backoff: DEFAULT_INITIAL_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            retry_conflict: false,
        }
    }
}

/// What to do after an attempt that failed in a retryable way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Give up and return this attempt's error.
    GiveUp,
}

impl RetryPolicy {
    /// Whether a response status is worth another attempt: the server said the request may
    /// succeed later. 408, 429 and 503 say it was not processed, so any request is retried;
    /// after 500, 502 and 504 it may have been, so only a `repeatable` one (idempotent, or
    /// carrying an idempotency key) is. 409 only when [`retry_conflict`](Self::retry_conflict)
    /// is set: in most APIs it reports a conflict with the resource's state, which the same
    /// request will meet again.
    pub(crate) fn retryable_status(&self, status: StatusCode, repeatable: bool) -> bool {
        match status.as_u16() {
            408 | 429 | 503 => true,
            500 | 502 | 504 => repeatable,
            409 => self.retry_conflict,
            _ => false,
        }
    }

    /// Whether a transport failure is worth another attempt. A request that could not be built,
    /// or a redirect loop, never is. A `repeatable` request is retried after any other failure:
    /// the connection failed or dropped, or the attempt timed out, before or after the status
    /// line (`answered`). Any other request only when the connection could not be made, so
    /// nothing of it reached the server.
    pub(crate) fn retryable_transport(
        error: &reqwest::Error,
        repeatable: bool,
        answered: bool,
    ) -> bool {
        if error.is_builder() || error.is_redirect() || error.is_status() {
            return false;
        }
        repeatable || (!answered && error.is_connect())
    }

    /// The decision after retry number `retry` (1 for the first retry) is due, given the failed
    /// response's headers when there was a response.
    pub(crate) fn decide(&self, retry: u32, headers: Option<&HeaderMap>) -> Decision {
        if retry > self.max_retries {
            return Decision::GiveUp;
        }
        match headers.and_then(|h| retry_after(h, SystemTime::now())) {
            Some(wait) if wait > self.max_retry_after => Decision::GiveUp,
            Some(wait) => Decision::RetryAfter(wait),
            None => Decision::RetryAfter(self.backoff(retry, fastrand::f64())),
        }
    }

    /// Exponential backoff for retry number `retry`: `initial × 2^(retry-1)`, at most
    /// `max_backoff`, then shortened by up to a quarter (`random` in `0..1`) so that clients
    /// that failed together do not retry together.
    pub(crate) fn backoff(&self, retry: u32, random: f64) -> Duration {
        let doubling = 2u32.saturating_pow(retry.saturating_sub(1));
        let wait = self
            .initial_backoff
            .saturating_mul(doubling)
            .min(self.max_backoff);
        wait.mul_f64(1.0 - 0.25 * random.clamp(0.0, 1.0))
    }
}

/// The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After` as seconds
/// or as an HTTP date. `None` when neither is present or readable; a date in the past is zero.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| headers.get(name)?.to_str().ok().map(str::trim);
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(Duration::from_secs_f64(ms / 1000.0));
        }
    }
    let value = header("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Method;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_eight() {
        let policy = RetryPolicy::default();
        let waits: Vec<u128> = (1..=7)
            .map(|retry| policy.backoff(retry, 0.0).as_millis())
            .collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(policy.backoff(1, 1.0).as_millis(), 375);
        assert_eq!(policy.backoff(u32::MAX, 0.5).as_millis(), 7000);
    }

    #[test]
    fn retry_after_reads_milliseconds_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let read = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs), now);
        assert_eq!(read(&[]), None);
        assert_eq!(read(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            read(&[("retry-after-ms", "250"), ("retry-after", "3")]),
            Some(Duration::from_millis(250))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            read(&[("retry-after", &later)]),
            Some(Duration::from_secs(30))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(read(&[("retry-after", &earlier)]), Some(Duration::ZERO));
        assert_eq!(read(&[("retry-after", "soon")]), None);
        assert_eq!(read(&[("retry-after-ms", "-1")]), None);
    }

    #[test]
    fn a_wait_above_the_cap_gives_up_and_retries_run_out() {
        let policy = RetryPolicy::default();
        let long = headers(&[("retry-after", "61")]);
        assert_eq!(policy.decide(1, Some(&long)), Decision::GiveUp);
        let short = headers(&[("retry-after", "60")]);
        assert_eq!(
            policy.decide(1, Some(&short)),
            Decision::RetryAfter(Duration::from_secs(60))
        );
        assert_eq!(policy.decide(3, Some(&short)), Decision::GiveUp);
        let off = RetryPolicy {
            max_retries: 0,
            ..policy
        };
        assert_eq!(off.decide(1, None), Decision::GiveUp);
    }

    #[test]
    fn retryable_statuses_are_the_transient_ones() {
        let policy = RetryPolicy::default();
        let retried = |repeatable| -> Vec<u16> {
            (100..600)
                .filter(|code| {
                    policy.retryable_status(StatusCode::from_u16(*code).unwrap(), repeatable)
                })
                .collect()
        };
        assert_eq!(retried(true), [408, 429, 500, 502, 503, 504]);
        assert_eq!(retried(false), [408, 429, 503]);
        let conflict = RetryPolicy {
            retry_conflict: true,
            ..policy
        };
        assert!(conflict.retryable_status(StatusCode::CONFLICT, false));
    }

    #[test]
    fn idempotent_methods_are_those_of_rfc_9110() {
        let idempotent: Vec<&str> = [
            "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "POST", "PATCH", "CONNECT",
        ]
        .into_iter()
        .filter(|m| Method::from_bytes(m.as_bytes()).unwrap().is_idempotent())
        .collect();
        assert_eq!(
            idempotent,
            ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]
        );
    }
}
