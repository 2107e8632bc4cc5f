//! The builder's API key methods, in crates whose API declares an apiKey scheme.

use crate::client::ClientBuilder;
use crate::redact::Secret;

impl<C> ClientBuilder<C> {
    /// Sends `key` to every operation that accepts an apiKey scheme, in the header, query
    /// parameter or cookie the scheme names. [`api_key_for`](Self::api_key_for) overrides it for
    /// one scheme.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.credentials.api_key = Some(Secret(key.into()));
        self
    }

    /// Sends `key` for the apiKey scheme named `scheme` in the API description, for APIs with
    /// several keys.
    pub fn api_key_for(mut self, scheme: impl Into<String>, key: impl Into<String>) -> Self {
        self.credentials
            .scheme_api_keys
            .insert(scheme.into(), Secret(key.into()));
        self
    }
}
