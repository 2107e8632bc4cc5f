//! The built-in OAuth2 refresh-token provider and the builder method that uses it, in crates
//! whose API declares an OAuth2 scheme.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{self, HeaderValue};
use serde::Deserialize;

use crate::client::ClientBuilder;
use crate::error::{BoxError, BuildError};
use crate::redact::Secret;
use crate::token::{PendingProvider, TokenFuture, TokenProvider};

/// How long before an OAuth2 access token's `expires_in` runs out it is refreshed: one minute, so
/// a token is not sent in its last seconds and rejected on the way (clock skew, slow requests).
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The built-in OAuth2 refresh-token provider, for
/// [`ClientBuilder::oauth2_refresh_token`](crate::ClientBuilder::oauth2_refresh_token).
///
/// It exchanges the refresh token at the token endpoint (a form `POST` of
/// `grant_type=refresh_token&refresh_token=…` with the client id and secret as HTTP Basic
/// credentials), caches the access token until [`DEFAULT_REFRESH_MARGIN`] before its
/// `expires_in`, keeps a rotated refresh token when the server sends one, and makes concurrent
/// callers wait for one shared refresh. The endpoint defaults to
/// [`OAUTH2_TOKEN_URL`](crate::OAUTH2_TOKEN_URL), the API description's `tokenUrl`.
#[derive(Clone)]
pub struct OAuth2RefreshToken {
    pub(crate) client_id: String,
    pub(crate) client_secret: Secret,
    pub(crate) refresh_token: Secret,
    pub(crate) token_url: Option<String>,
    pub(crate) access_token: Option<(Secret, Instant)>,
    pub(crate) refresh_margin: Duration,
}

impl OAuth2RefreshToken {
    /// A provider for the given OAuth2 client and refresh token.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: Secret(client_secret.into()),
            refresh_token: Secret(refresh_token.into()),
            token_url: None,
            access_token: None,
            refresh_margin: DEFAULT_REFRESH_MARGIN,
        }
    }

    /// Uses another token endpoint than the API description's `tokenUrl`.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// Starts from an access token you already have, valid for `expires_in` from now, so the
    /// first request does not refresh.
    pub fn access_token(mut self, token: impl Into<String>, expires_in: Duration) -> Self {
        let expires_at = Instant::now()
            .checked_add(expires_in)
            .unwrap_or_else(Instant::now);
        self.access_token = Some((Secret(token.into()), expires_at));
        self
    }

    /// Refreshes this long before the access token expires (default
    /// [`DEFAULT_REFRESH_MARGIN`]).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }
}

impl fmt::Debug for OAuth2RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2RefreshToken")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("refresh_token", &self.refresh_token)
            .field("token_url", &self.token_url)
            .field("access_token", &self.access_token.as_ref().map(|(t, _)| t))
            .finish()
    }
}

/// The running refresh-token provider: the settings plus the cache behind one async lock, so
/// that concurrent callers share one refresh.
pub(crate) struct RefreshingProvider {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: Secret,
    refresh_margin: Duration,
    timeout: Duration,
    state: tokio::sync::Mutex<TokenState>,
}

struct TokenState {
    refresh_token: Secret,
    /// The access token and when it stops being used (`None`: the server gave no lifetime).
    access: Option<(Secret, Option<Instant>)>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct TokenError {
    error: Option<String>,
    error_description: Option<String>,
}

impl RefreshingProvider {
    pub(crate) fn new(
        settings: OAuth2RefreshToken,
        token_url: String,
        http: reqwest::Client,
        timeout: Duration,
    ) -> Self {
        let margin = settings.refresh_margin;
        let access = settings.access_token.map(|(token, expires_at)| {
            (
                token,
                Some(expires_at.checked_sub(margin).unwrap_or(expires_at)),
            )
        });
        Self {
            http,
            token_url,
            client_id: settings.client_id,
            client_secret: settings.client_secret,
            refresh_margin: margin,
            timeout,
            state: tokio::sync::Mutex::new(TokenState {
                refresh_token: settings.refresh_token,
                access,
            }),
        }
    }

    async fn current(&self) -> Result<String, BoxError> {
        let mut state = self.state.lock().await;
        if let Some((token, use_until)) = &state.access {
            if use_until.is_none_or(|until| Instant::now() < until) {
                return Ok(token.0.clone());
            }
        }
        let fresh = self.refresh(&state.refresh_token).await?;
        let use_until = fresh
            .expires_in
            .as_ref()
            .and_then(seconds)
            .and_then(|lifetime| {
                Instant::now().checked_add(lifetime.saturating_sub(self.refresh_margin))
            });
        if let Some(rotated) = fresh.refresh_token {
            state.refresh_token = Secret(rotated);
        }
        state.access = Some((Secret(fresh.access_token.clone()), use_until));
        Ok(fresh.access_token)
    }

    async fn refresh(&self, refresh_token: &Secret) -> Result<TokenResponse, BoxError> {
        let form = form_encode(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_token.0),
        ]);
        tracing::debug!(token_url = %self.token_url, "refreshing the OAuth2 access token");
        let mut response = self
            .http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(&self.client_secret.0))
            .header(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            )
            .header(header::ACCEPT, HeaderValue::from_static("application/json"))
            .timeout(self.timeout)
            .body(form)
            .send()
            .await
            .map_err(|e| {
                format!(
                    "OAuth2 token refresh failed: {}",
                    crate::redact::error_chain(&e)
                )
            })?;
        let status = response.status();
        // A token response is a few hundred bytes; a megabyte is room for any real one.
        const MAX_TOKEN_RESPONSE: u64 = 1024 * 1024;
        let body = match crate::body::read_limited(&mut response, MAX_TOKEN_RESPONSE).await {
            Ok(body) => body,
            Err(crate::body::ReadError::TooLarge) => {
                return Err(format!(
                    "OAuth2 token endpoint `{}` answered with a body over {MAX_TOKEN_RESPONSE} bytes",
                    self.token_url
                )
                .into());
            }
            Err(crate::body::ReadError::Transport(e)) => {
                return Err(format!(
                    "OAuth2 token refresh: reading the response: {}",
                    crate::redact::error_chain(&e)
                )
                .into());
            }
        };
        if !status.is_success() {
            let reason = serde_json::from_slice::<TokenError>(&body)
                .ok()
                .map(|e| {
                    [e.error, e.error_description]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(": ")
                })
                .filter(|reason| !reason.is_empty())
                .unwrap_or_else(|| "no OAuth2 error in the body".to_owned());
            return Err(format!(
                "OAuth2 token endpoint `{}` answered HTTP {status}: {reason}",
                self.token_url
            )
            .into());
        }
        serde_json::from_slice(&body).map_err(|e| {
            format!(
                "OAuth2 token endpoint `{}` answered without a usable access_token: {e}",
                self.token_url
            )
            .into()
        })
    }
}

/// `expires_in` as a duration: a number of seconds, or a string holding one.
fn seconds(value: &serde_json::Value) -> Option<Duration> {
    let seconds = match value {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// An `application/x-www-form-urlencoded` body.
fn form_encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

impl TokenProvider for RefreshingProvider {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.current())
    }

    fn invalidate<'a>(&'a self, token: &'a str) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(async move {
            let mut state = self.state.lock().await;
            // Only the token that was rejected: a concurrent caller may already have refreshed.
            if state.access.as_ref().is_some_and(|(t, _)| t.0 == token) {
                state.access = None;
            }
        })
    }
}

impl PendingProvider for OAuth2RefreshToken {
    /// Starts the provider at the token URL the settings name, else the API description's.
    fn start(
        self: Box<Self>,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Arc<dyn TokenProvider>, BuildError> {
        let token_url = self
            .token_url
            .clone()
            .or_else(|| crate::OAUTH2_TOKEN_URL.map(str::to_owned))
            .ok_or_else(|| {
                BuildError::new(
                    "OAuth2 refresh token: the API description names no token URL, so set \
                     one with `OAuth2RefreshToken::token_url`",
                )
            })?;
        reqwest::Url::parse(&token_url)
            .map_err(|e| BuildError::new(format!("OAuth2 token URL `{token_url}`: {e}")))?;
        Ok(Arc::new(RefreshingProvider::new(
            *self,
            token_url,
            http.clone(),
            timeout,
        )))
    }
}

impl<C> ClientBuilder<C> {
    /// Uses the built-in OAuth2 refresh-token provider: access tokens are fetched from the token
    /// endpoint with the refresh token, cached until shortly before they expire, refreshed once
    /// for all concurrent callers, and refreshed again after a 401. See [`OAuth2RefreshToken`].
    pub fn oauth2_refresh_token(mut self, provider: OAuth2RefreshToken) -> Self {
        self.oauth2 = Some(Box::new(provider));
        self.credentials.token_provider = None;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_escaped() {
        assert_eq!(
            form_encode(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", "a+b/c=d e")
            ]),
            "grant_type=refresh_token&refresh_token=a%2Bb%2Fc%3Dd+e"
        );
    }

    #[test]
    fn expires_in_may_be_a_number_or_a_string() {
        assert_eq!(
            seconds(&serde_json::json!(3600)),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(
            seconds(&serde_json::json!("60")),
            Some(Duration::from_secs(60))
        );
        assert_eq!(seconds(&serde_json::json!(-1)), None);
        assert_eq!(seconds(&serde_json::json!(null)), None);
    }

    #[test]
    fn debug_shows_no_secret() {
        let provider = OAuth2RefreshToken::new("id", "secret-5", "refresh-6")
            .access_token("access-7", Duration::from_secs(60));
        let shown = format!("{provider:?}");
        for secret in ["secret-5", "refresh-6", "access-7"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
