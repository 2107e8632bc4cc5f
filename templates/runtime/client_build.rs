//! Building the client: every setting checked, the servers' URLs resolved, the HTTP client
//! and the credentials made ready.

use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::auth::{Credentials, SchemeKind};
use crate::client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, Inner,
};
use crate::error::BuildError;
use crate::redact;
use crate::server_url::{self, BaseUrl};
use crate::servers::SERVERS;

impl<C: From<Client>> ClientBuilder<C> {
    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        self.build_with(crate::SECURITY_SCHEMES).map(C::from)
    }
}

impl<C> ClientBuilder<C> {
    /// [`build`](Self::build) against the given scheme table.
    fn build_with(self, schemes: &[crate::auth::SecurityScheme]) -> Result<Client, BuildError> {
        let mut servers: Vec<Arc<BaseUrl>> = Vec::with_capacity(SERVERS.len());
        for (index, server) in SERVERS.iter().enumerate() {
            let mut url = match self
                .server_urls
                .get(&index)
                .or(self.all_servers_url.as_ref())
            {
                Some(url) => url.clone(),
                None => server_url::resolve(server, &self.server_variables)?,
            };
            if let Some(default) = servers.first() {
                url = server_url::on_origin_of(default, url);
            }
            let what = match index {
                0 => "base URL".to_owned(),
                _ => format!("server `{}` URL", server.name),
            };
            servers.push(Arc::new(BaseUrl::new(&url, &what)?));
        }
        let Some(default) = servers.first() else {
            return Err(BuildError::new("internal: the API has no default server"));
        };
        let (base_url, parsed_base_url) = (default.text.clone(), default.parsed.clone());
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
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .redirect(Self::redirect_policy())
                .referer(false)
                .build()
                .map_err(|e| BuildError::new(format!("HTTP client: {e}")))?,
        };
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let idempotency_key_header = match self.idempotency_key_header {
            Some(name) => Some(HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                BuildError::new(format!("invalid idempotency key header name `{name}`"))
            })?),
            None => None,
        };
        let mut credentials = self.credentials;
        check_credentials(&credentials, schemes)?;
        credentials.bearer_header = credentials
            .bearer_token
            .as_ref()
            .and_then(|token| crate::attempt::bearer_header(&token.0).ok());
        if let Some(pending) = self.oauth2 {
            credentials.token_provider = Some(pending.start(&http, timeout)?);
        }
        let mut base_headers = default_headers.clone();
        base_headers
            .entry(reqwest::header::USER_AGENT)
            .or_insert_with(|| user_agent.clone());
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                parsed_base_url,
                base_url,
                servers: servers.into_boxed_slice(),
                credentials,
                default_headers,
                user_agent,
                base_headers,
                retry: self.retry,
                timeout,
                max_response_body: self
                    .max_response_body
                    .unwrap_or(crate::DEFAULT_MAX_RESPONSE_BODY),
                idempotency_key_header,
            }),
        })
    }
}

/// Refuses a credential for a scheme key the API description does not declare with that kind,
/// so a typo is an error at build time rather than a silent 401 later. (A credential of a kind
/// the description has no scheme for cannot be set: its builder method is not in this crate.)
fn check_credentials(
    credentials: &Credentials,
    schemes: &[crate::auth::SecurityScheme],
) -> Result<(), BuildError> {
    for scheme in credentials.scheme_api_keys.keys() {
        let known = schemes
            .iter()
            .any(|s| s.key == scheme && matches!(s.kind, SchemeKind::ApiKey { .. }));
        if !known {
            return Err(BuildError::new(format!(
                "`{scheme}` is not an apiKey scheme of the API description"
            )));
        }
    }
    for scheme in credentials.http.keys() {
        let known = schemes
            .iter()
            .any(|s| s.key == scheme && matches!(s.kind, SchemeKind::Http { .. }));
        if !known {
            return Err(BuildError::new(format!(
                "`{scheme}` is not an HTTP authentication scheme (other than bearer and basic) \
                 of the API description"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::Secret;

    /// A builder holding every kind of credential, set directly: a crate has only the builder
    /// methods of its own schemes.
    fn with_every_credential() -> ClientBuilder<Client> {
        let mut builder = Client::builder()
            .all_servers_url("http://localhost:1")
            .default_header("Authorization", "Bearer other-456");
        let credentials = &mut builder.credentials;
        credentials.bearer_token = Some(Secret("tok-123".to_owned()));
        credentials.basic = Some(("user".to_owned(), Secret("pw-789".to_owned())));
        credentials.api_key = Some(Secret("key-012".to_owned()));
        credentials.token_provider = Some(Arc::new(|| async {
            Ok::<_, crate::BoxError>("provided-345".to_owned())
        }));
        builder
    }

    #[test]
    fn debug_never_shows_the_token() {
        let builder = with_every_credential();
        let shown = format!("{builder:?}");
        for secret in ["tok-123", "other-456", "pw-789", "key-012", "provided-345"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        let schemes = [
            crate::auth::SecurityScheme {
                key: "pat",
                kind: SchemeKind::Bearer,
            },
            crate::auth::SecurityScheme {
                key: "basic",
                kind: SchemeKind::Basic,
            },
            crate::auth::SecurityScheme {
                key: "key",
                kind: SchemeKind::ApiKey {
                    location: crate::auth::ApiKeyLocation::Header,
                    name: "x-key",
                },
            },
        ];
        let client = builder.build_with(&schemes).unwrap();
        let shown = format!("{client:?}");
        for secret in ["tok-123", "other-456", "pw-789", "key-012", "provided-345"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("localhost"), "{shown}");
    }

    #[test]
    fn a_credential_for_one_scheme_needs_that_scheme() {
        use crate::auth::{ApiKeyLocation, SecurityScheme};
        let key = SecurityScheme {
            key: "key",
            kind: SchemeKind::ApiKey {
                location: ApiKeyLocation::Header,
                name: "x-key",
            },
        };
        let dsn = SecurityScheme {
            key: "dsn",
            kind: SchemeKind::Http { scheme: "DSN" },
        };
        let pat = SecurityScheme {
            key: "pat",
            kind: SchemeKind::Bearer,
        };
        let check = |scheme_api_key: Option<&str>, http: Option<&str>| {
            let mut credentials = Credentials::default();
            if let Some(scheme) = scheme_api_key {
                credentials
                    .scheme_api_keys
                    .insert(scheme.to_owned(), Secret("k".to_owned()));
            }
            if let Some(scheme) = http {
                credentials
                    .http
                    .insert(scheme.to_owned(), Secret("d".to_owned()));
            }
            check_credentials(&credentials, &[key, dsn, pat])
        };
        assert!(check(None, None).is_ok());
        assert!(check(Some("key"), Some("dsn")).is_ok());
        let error = check(None, Some("key")).unwrap_err();
        assert!(error.to_string().contains("`key`"), "{error}");
        let error = check(Some("pat"), None).unwrap_err();
        assert!(error.to_string().contains("`pat`"), "{error}");
        let error = check(Some("nope"), None).unwrap_err();
        assert!(error.to_string().contains("`nope`"), "{error}");
    }

    #[test]
    fn bad_settings_are_reported_by_build() {
        // Every test client points all servers somewhere, whatever variables this API's URLs need.
        let builder = || Client::builder().all_servers_url("http://localhost");
        let error = builder().base_url("not a url").build().unwrap_err();
        assert!(error.to_string().contains("not a url"), "{error}");
        let error = builder().base_url("ftp://example.com").build().unwrap_err();
        assert!(error.to_string().contains("not an http"), "{error}");
        let error = Client::builder()
            .all_servers_url("http://localhost")
            .default_header("bad header", "x")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("bad header"), "{error}");
        let error = Client::builder()
            .all_servers_url("http://localhost")
            .default_header("x-ok", "line\nbreak")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("x-ok"), "{error}");
    }

    #[test]
    fn a_bad_idempotency_key_header_is_reported_by_build() {
        let error = Client::builder()
            .all_servers_url("http://localhost")
            .idempotency_key_header("bad name")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("bad name"), "{error}");
    }

    #[test]
    fn trailing_slash_is_trimmed() {
        let client = Client::builder()
            .all_servers_url("http://localhost")
            .base_url("http://localhost:8080/v3/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://localhost:8080/v3");
    }
}
