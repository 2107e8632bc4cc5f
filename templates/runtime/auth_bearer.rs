//! The builder's bearer-token methods, in crates whose API declares a bearer, OAuth2 or OpenID
//! Connect scheme.

use std::sync::Arc;

use crate::client::ClientBuilder;
use crate::redact::Secret;
use crate::token::TokenProvider;

impl<C> ClientBuilder<C> {
    /// Sends `Authorization: Bearer <token>` to every operation that accepts a bearer, OAuth2 or
    /// OpenID Connect scheme. Both a personal access token and an OAuth2 access token travel
    /// this way. A [`token_provider`](Self::token_provider) takes precedence.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials.bearer_token = Some(Secret(token.into()));
        self
    }

    /// Asks `provider` for the bearer token before each attempt, for tokens that rotate or
    /// expire. On a 401 the client tells the provider the token was rejected, asks again and
    /// retries once. A closure works: `.token_provider(|| async { Ok(fetch().await?) })`.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.credentials.token_provider = Some(Arc::new(provider));
        self.oauth2 = None;
        self
    }
}
