//! The client and its builder.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::call::Call;
use crate::error::BuildError;
use crate::redact::{self, Secret};
use crate::request::RequestBuilder;

/// The user-agent sent with every request unless the builder sets another: this crate's name and
/// version.
pub const DEFAULT_USER_AGENT: &str =
    concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A client for the API. Cloning is cheap: clones share one connection pool and one configuration.
///
/// Build one with [`Client::builder`]; every operation of the API is a method on it.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    bearer_token: Option<Secret>,
    default_headers: HeaderMap,
    user_agent: HeaderValue,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL that operation paths are appended to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn call<T, E>(
        &self,
        request: RequestBuilder,
        decode: crate::call::Decoder<T, E>,
    ) -> Call<'_, T, E> {
        Call::new(self, request, decode)
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The headers every request starts from: the defaults, the user-agent, and the credentials
    /// when the operation takes them.
    pub(crate) fn base_headers(&self, authenticated: bool) -> HeaderMap {
        let mut headers = self.inner.default_headers.clone();
        headers
            .entry(reqwest::header::USER_AGENT)
            .or_insert_with(|| self.inner.user_agent.clone());
        if authenticated {
            if let Some(token) = &self.inner.bearer_token {
                if let Ok(mut value) = HeaderValue::from_str(&format!("Bearer {}", token.0)) {
                    value.set_sensitive(true);
                    headers.insert(reqwest::header::AUTHORIZATION, value);
                }
            }
        }
        headers
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("bearer_token", &self.inner.bearer_token)
            .field(
                "default_headers",
                &redact::Headers(&self.inner.default_headers),
            )
            .field("user_agent", &self.inner.user_agent)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]. Every setting has a default, so `Client::builder().build()` works
/// whenever the API description names an absolute server.
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    bearer_token: Option<Secret>,
    default_headers: Vec<(String, String)>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// Sets the base URL, for example a staging server or a local mock. Defaults to
    /// [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL), the first absolute server the API
    /// description lists.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends `Authorization: Bearer <token>` with every operation that takes credentials. Both a
    /// personal access token and an OAuth2 access token travel this way.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(Secret(token.into()));
        self
    }

    /// Adds a header to every request, for example a client id the API asks for. A later call
    /// with the same name replaces the earlier value. Invalid names or values are reported by
    /// [`build`](Self::build).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the user-agent, which defaults to [`DEFAULT_USER_AGENT`].
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses an existing `reqwest::Client`, for its connection pool, proxy or TLS settings.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let base_url = match self
            .base_url
            .or_else(|| crate::DEFAULT_BASE_URL.map(str::to_owned))
        {
            Some(url) => url,
            None => {
                return Err(BuildError::new(
                    "no base URL: the API description names no absolute server, so call `base_url`",
                ));
            }
        };
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| BuildError::new(format!("base URL `{base_url}`: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(BuildError::new(format!(
                "base URL `{base_url}` is not an http or https URL"
            )));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(BuildError::new(format!(
                "base URL `{base_url}` must not have a query or fragment"
            )));
        }
        let mut default_headers = HeaderMap::new();
        for (name, value) in self.default_headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| BuildError::new(format!("invalid header name `{name}`")))?;
            let mut header_value = HeaderValue::from_str(&value)
                .map_err(|_| BuildError::new(format!("invalid value for header `{name}`")))?;
            header_value.set_sensitive(redact::is_secret_header(&header_name));
            default_headers.insert(header_name, header_value);
        }
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent = HeaderValue::from_str(user_agent)
            .map_err(|_| BuildError::new(format!("invalid user-agent `{user_agent}`")))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(|e| BuildError::new(format!("HTTP client: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: base_url.trim_end_matches('/').to_owned(),
                bearer_token: self.bearer_token,
                default_headers,
                user_agent,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.insert(name, value);
            }
        }
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("bearer_token", &self.bearer_token)
            .field("default_headers", &redact::Headers(&headers))
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let builder = Client::builder()
            .base_url("http://localhost:1")
            .bearer_token("tok-123")
            .default_header("Authorization", "Bearer other-456");
        assert!(!format!("{builder:?}").contains("123"));
        assert!(!format!("{builder:?}").contains("456"));
        let client = builder.build().unwrap();
        let shown = format!("{client:?}");
        assert!(
            !shown.contains("tok-123") && !shown.contains("other-456"),
            "{shown}"
        );
        assert!(shown.contains("localhost"), "{shown}");
    }

    #[test]
    fn bad_settings_are_reported_by_build() {
        let error = Client::builder().base_url("not a url").build().unwrap_err();
        assert!(error.to_string().contains("not a url"), "{error}");
        let error = Client::builder()
            .base_url("ftp://example.com")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("not an http"), "{error}");
        let error = Client::builder()
            .base_url("http://localhost")
            .default_header("bad header", "x")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("bad header"), "{error}");
        let error = Client::builder()
            .base_url("http://localhost")
            .default_header("x-ok", "line\nbreak")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("x-ok"), "{error}");
    }

    #[test]
    fn trailing_slash_is_trimmed() {
        let client = Client::builder()
            .base_url("http://localhost:8080/v3/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://localhost:8080/v3");
    }
}
