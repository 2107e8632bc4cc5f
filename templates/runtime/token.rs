//! Bearer tokens that change: the token-provider hook. The built-in OAuth2 refresh-token
//! provider is in `auth_oauth2`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{BoxError, BuildError};

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + 'a>>;

/// Supplies the bearer token for each request, for tokens that rotate or expire.
///
/// It is asked once per attempt, so it should cache. Any `Fn() -> impl Future<Output =
/// Result<String, BoxError>>` closure is a provider; [`OAuth2RefreshToken`] is a built-in one.
/// When the server answers 401 to a token it gave, the client calls
/// [`invalidate`](Self::invalidate) with that token, asks again and retries once.
pub trait TokenProvider: Send + Sync {
    /// The token to send now.
    fn token(&self) -> TokenFuture<'_>;

    /// The server rejected `token` (HTTP 401): forget it, so the next [`token`](Self::token)
    /// gets a fresh one. Does nothing by default.
    fn invalidate<'a>(&'a self, token: &'a str) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        let _ = token;
        Box::pin(async {})
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}

/// A token provider that starts when the client is built, with the client's HTTP client and
/// time limit: what [`ClientBuilder::oauth2_refresh_token`](crate::ClientBuilder::oauth2_refresh_token)
/// holds until then.
pub(crate) trait PendingProvider: fmt::Debug + Send + Sync {
    /// The running provider, or why the settings cannot make one.
    fn start(
        self: Box<Self>,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Arc<dyn TokenProvider>, BuildError>;
}
