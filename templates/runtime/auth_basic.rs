//! The builder's HTTP basic method, in crates whose API declares a basic scheme.

use crate::client::ClientBuilder;
use crate::redact::Secret;

impl<C> ClientBuilder<C> {
    /// Sends `Authorization: Basic …` to every operation that accepts an HTTP basic scheme.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials.basic = Some((username.into(), Secret(password.into())));
        self
    }
}
