//! The builder's method for other HTTP authentication schemes (`DSN`), in crates whose API
//! declares one.

use crate::client::ClientBuilder;
use crate::redact::Secret;

impl<C> ClientBuilder<C> {
    /// Sends `Authorization: <Scheme> <credentials>` to every operation that accepts the HTTP
    /// authentication scheme named `scheme` in the API description (one other than bearer and
    /// basic, such as `DSN`): `<Scheme>` is the name the description gives, `credentials` are
    /// sent as given.
    pub fn authorization_for(
        mut self,
        scheme: impl Into<String>,
        credentials: impl Into<String>,
    ) -> Self {
        self.credentials
            .http
            .insert(scheme.into(), Secret(credentials.into()));
        self
    }
}
