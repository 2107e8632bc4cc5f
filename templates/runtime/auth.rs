//! Credentials: which ones an operation takes, and where they travel.
//!
//! The API description declares its security schemes ([`crate::SECURITY_SCHEMES`]) and, for
//! each operation, which combinations of them it accepts. The client sends only what the
//! operation accepts: an operation declared with `security: []` never receives a credential.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use reqwest::Url;
use reqwest::header::{self, HeaderMap, HeaderValue};

use crate::error::BoxError;
use crate::redact::Secret;
use crate::token::TokenProvider;

/// A security scheme the API description declares under `components.securitySchemes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    /// Its key in the API description, as operations name it.
    pub key: &'static str,
    /// How the credential travels.
    pub kind: SchemeKind,
}

/// How a security scheme's credential travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`, from [`ClientBuilder::bearer_token`] or a token provider.
    ///
    /// [`ClientBuilder::bearer_token`]: crate::ClientBuilder::bearer_token
    Bearer,
    /// `Authorization: Basic …`, from [`ClientBuilder::basic_auth`](crate::ClientBuilder::basic_auth).
    Basic,
    /// An API key, from [`ClientBuilder::api_key`](crate::ClientBuilder::api_key).
    ApiKey {
        /// Where the key travels.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
    },
    /// OAuth2: the access token travels as a bearer token.
    OAuth2 {
        /// The token endpoint, when the description names one.
        token_url: Option<&'static str>,
    },
    /// OpenID Connect: the access token travels as a bearer token.
    OpenIdConnect,
    /// Another HTTP authentication scheme: `Authorization: <scheme> <credentials>`, from
    /// [`ClientBuilder::authorization_for`](crate::ClientBuilder::authorization_for).
    Http {
        /// The scheme's name as the description spells it, such as `DSN`.
        scheme: &'static str,
    },
}

/// Where an API key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// The credentials a client holds. `Debug` shows which are set, never their values.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    pub(crate) bearer_token: Option<Secret>,
    /// `Authorization: Bearer <bearer_token>`, made once by `ClientBuilder::build` so each call
    /// copies it instead of formatting it again; `None` before that, or when the token is not a
    /// valid header value (the call then reports it, as before).
    pub(crate) bearer_header: Option<HeaderValue>,
    pub(crate) token_provider: Option<Arc<dyn TokenProvider>>,
    pub(crate) basic: Option<(String, Secret)>,
    /// The key for every apiKey scheme without its own.
    pub(crate) api_key: Option<Secret>,
    /// Keys for one apiKey scheme each, by scheme key.
    pub(crate) scheme_api_keys: BTreeMap<String, Secret>,
    /// Credentials for other HTTP authentication schemes, by scheme key.
    pub(crate) http: BTreeMap<String, Secret>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Credentials");
        if let Some(token) = &self.bearer_token {
            s.field("bearer_token", token);
        }
        if self.token_provider.is_some() {
            s.field("token_provider", &"<provider>");
        }
        if let Some((user, password)) = &self.basic {
            s.field("basic", &(user, password));
        }
        if let Some(key) = &self.api_key {
            s.field("api_key", key);
        }
        if !self.scheme_api_keys.is_empty() {
            s.field("scheme_api_keys", &self.scheme_api_keys);
        }
        if !self.http.is_empty() {
            s.field("http", &self.http);
        }
        s.finish()
    }
}

/// One credential to put on a request, borrowed from the client's [`Credentials`].
#[derive(Clone, Copy)]
pub(crate) enum Credential<'a> {
    /// `Authorization: Bearer` with this token.
    Bearer(&'a Secret),
    /// `Authorization` with this value, made from the static token ahead of time.
    BearerHeader(&'a HeaderValue),
    /// `Authorization: Bearer` with the provider's current token.
    Provider(&'a Arc<dyn TokenProvider>),
    /// `Authorization: Basic`.
    Basic(&'a str, &'a Secret),
    /// `Authorization: <scheme> <credentials>`.
    Http {
        scheme: &'static str,
        value: &'a Secret,
    },
    /// An API key.
    ApiKey {
        location: ApiKeyLocation,
        name: &'static str,
        value: &'a Secret,
    },
}

/// The credentials [`Credentials::select`] chose for an operation: most operations take none or
/// one, which need no allocation.
pub(crate) enum Selected<'a> {
    None,
    One(Credential<'a>),
    Many(Vec<Credential<'a>>),
}

impl<'a> Selected<'a> {
    /// The chosen credentials, in the order the alternative names them.
    pub(crate) fn as_slice(&self) -> &[Credential<'a>] {
        match self {
            Selected::None => &[],
            Selected::One(credential) => std::slice::from_ref(credential),
            Selected::Many(credentials) => credentials,
        }
    }
}

impl Credentials {
    /// The credentials for an operation that accepts any one of `security`'s alternatives (each
    /// a set of scheme keys needed together): the first alternative this client can meet in
    /// full. None when the operation takes no credentials or the client holds none that fit.
    pub(crate) fn select(&self, schemes: &[SecurityScheme], security: &[&[&str]]) -> Selected<'_> {
        let credential = |key: &&str| {
            let scheme = schemes.iter().find(|s| s.key == *key)?;
            self.credential(scheme)
        };
        security
            .iter()
            .find_map(|alternative| match alternative {
                [] => None,
                [key] => credential(key).map(Selected::One),
                keys => keys
                    .iter()
                    .map(credential)
                    .collect::<Option<Vec<_>>>()
                    .map(Selected::Many),
            })
            .unwrap_or(Selected::None)
    }

    fn credential(&self, scheme: &SecurityScheme) -> Option<Credential<'_>> {
        match scheme.kind {
            SchemeKind::Bearer | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect => {
                match (&self.token_provider, &self.bearer_token) {
                    (Some(provider), _) => Some(Credential::Provider(provider)),
                    (None, Some(token)) => Some(match &self.bearer_header {
                        Some(value) => Credential::BearerHeader(value),
                        None => Credential::Bearer(token),
                    }),
                    (None, None) => None,
                }
            }
            SchemeKind::Basic => {
                let (user, password) = self.basic.as_ref()?;
                Some(Credential::Basic(user, password))
            }
            SchemeKind::Http { scheme: name } => Some(Credential::Http {
                scheme: name,
                value: self.http.get(scheme.key)?,
            }),
            SchemeKind::ApiKey { location, name } => {
                let value = self
                    .scheme_api_keys
                    .get(scheme.key)
                    .or(self.api_key.as_ref())?;
                Some(Credential::ApiKey {
                    location,
                    name,
                    value,
                })
            }
        }
    }
}

/// What one attempt sends where credentials can go: its URL, headers and basic credentials.
pub(crate) struct Attempt {
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) basic: Option<(String, String)>,
    /// The provider's token this attempt sends, to report it if the server rejects it.
    pub(crate) token: Option<(Arc<dyn TokenProvider>, String)>,
}

impl Attempt {
    /// Puts `credential` where its scheme says: a header, the query string or a cookie.
    pub(crate) async fn add(&mut self, credential: Credential<'_>) -> Result<(), BoxError> {
        match credential {
            Credential::Bearer(token) => self.bearer(&token.0)?,
            Credential::BearerHeader(value) => {
                self.headers.insert(header::AUTHORIZATION, value.clone());
            }
            Credential::Provider(provider) => {
                let token = provider.token().await?;
                self.bearer(&token)?;
                self.token = Some((Arc::clone(provider), token));
            }
            Credential::Basic(username, password) => {
                self.basic = Some(((*username).to_owned(), password.0.clone()));
            }
            Credential::Http { scheme, value } => {
                let mut value =
                    HeaderValue::from_str(&format!("{scheme} {}", value.0)).map_err(|_| {
                        format!("the `{scheme}` credentials are not a valid header value")
                    })?;
                value.set_sensitive(true);
                self.headers.insert(header::AUTHORIZATION, value);
            }
            Credential::ApiKey {
                location,
                name,
                value,
            } => match location {
                ApiKeyLocation::Header => {
                    let mut value = HeaderValue::from_str(&value.0).map_err(|_| {
                        format!("the API key for `{name}` is not a valid header value")
                    })?;
                    value.set_sensitive(true);
                    let name = header::HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| format!("`{name}` is not a valid header name"))?;
                    self.headers.insert(name, value);
                }
                ApiKeyLocation::Query => {
                    self.url.query_pairs_mut().append_pair(name, &value.0);
                }
                ApiKeyLocation::Cookie => {
                    let pair = format!("{name}={}", value.0);
                    let cookie = match self.headers.get(header::COOKIE) {
                        Some(existing) => {
                            format!("{}; {pair}", String::from_utf8_lossy(existing.as_bytes()))
                        }
                        None => pair,
                    };
                    let mut cookie = HeaderValue::from_str(&cookie)
                        .map_err(|_| format!("the API key for cookie `{name}` is not valid"))?;
                    cookie.set_sensitive(true);
                    self.headers.insert(header::COOKIE, cookie);
                }
            },
        }
        Ok(())
    }

    fn bearer(&mut self, token: &str) -> Result<(), BoxError> {
        self.headers
            .insert(header::AUTHORIZATION, bearer_header(token)?);
        Ok(())
    }
}

/// `Bearer <token>` as a sensitive header value.
pub(crate) fn bearer_header(token: &str) -> Result<HeaderValue, BoxError> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|_| "the bearer token is not a valid header value")?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMES: &[SecurityScheme] = &[
        SecurityScheme {
            key: "pat",
            kind: SchemeKind::Bearer,
        },
        SecurityScheme {
            key: "oauth",
            kind: SchemeKind::OAuth2 { token_url: None },
        },
        SecurityScheme {
            key: "key",
            kind: SchemeKind::ApiKey {
                location: ApiKeyLocation::Header,
                name: "x-api-key",
            },
        },
        SecurityScheme {
            key: "basic",
            kind: SchemeKind::Basic,
        },
        SecurityScheme {
            key: "dsn",
            kind: SchemeKind::Http { scheme: "DSN" },
        },
    ];

    fn kinds(selected: &Selected<'_>) -> Vec<&'static str> {
        selected
            .as_slice()
            .iter()
            .map(|c| match c {
                Credential::Bearer(_) | Credential::BearerHeader(_) => "bearer",
                Credential::Provider(_) => "provider",
                Credential::Basic(..) => "basic",
                Credential::ApiKey { .. } => "api_key",
                Credential::Http { .. } => "http",
            })
            .collect()
    }

    #[test]
    fn the_first_alternative_the_client_can_meet_wins() {
        let creds = Credentials {
            api_key: Some(Secret("k".into())),
            basic: Some(("u".into(), Secret("p".into()))),
            ..Credentials::default()
        };
        let selected = creds.select(SCHEMES, &[&["pat"], &["key", "basic"], &["key"]]);
        assert_eq!(kinds(&selected), ["api_key", "basic"]);
        assert!(creds.select(SCHEMES, &[]).as_slice().is_empty());
        assert!(
            creds
                .select(SCHEMES, &[&[], &["pat"]])
                .as_slice()
                .is_empty()
        );
        assert!(creds.select(SCHEMES, &[&["unknown"]]).as_slice().is_empty());
    }

    #[test]
    fn a_provider_is_preferred_to_a_static_token() {
        let provider: Arc<dyn TokenProvider> =
            Arc::new(|| async { Ok::<_, BoxError>("t".to_owned()) });
        let creds = Credentials {
            bearer_token: Some(Secret("static".into())),
            token_provider: Some(provider),
            ..Credentials::default()
        };
        assert_eq!(kinds(&creds.select(SCHEMES, &[&["oauth"]])), ["provider"]);
    }

    #[tokio::test]
    async fn a_prepared_bearer_header_is_sent_as_it_is() {
        let creds = Credentials {
            bearer_token: Some(Secret("t".into())),
            bearer_header: Some(bearer_header("t").unwrap()),
            ..Credentials::default()
        };
        let selected = creds.select(SCHEMES, &[&["pat"]]);
        assert!(matches!(selected.as_slice(), [Credential::BearerHeader(_)]));
        let mut attempt = Attempt {
            url: Url::parse("http://localhost/").unwrap(),
            headers: HeaderMap::new(),
            basic: None,
            token: None,
        };
        attempt.add(selected.as_slice()[0]).await.unwrap();
        assert_eq!(attempt.headers[header::AUTHORIZATION], "Bearer t");
        assert!(attempt.headers[header::AUTHORIZATION].is_sensitive());
    }

    #[test]
    fn debug_shows_no_secret() {
        let creds = Credentials {
            bearer_token: Some(Secret("tok-1".into())),
            basic: Some(("user".into(), Secret("pw-2".into()))),
            api_key: Some(Secret("key-3".into())),
            scheme_api_keys: [("key".to_owned(), Secret("key-4".into()))].into(),
            token_provider: None,
            bearer_header: Some(bearer_header("tok-1").unwrap()),
            http: [("dsn".to_owned(), Secret("dsn-5".into()))].into(),
        };
        let shown = format!("{creds:?}");
        for secret in ["tok-1", "pw-2", "key-3", "key-4", "dsn-5"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    fn attempt() -> Attempt {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark"));
        Attempt {
            url: Url::parse("http://localhost/pets?page=2").unwrap(),
            headers,
            basic: None,
            token: None,
        }
    }

    fn api_key<'a>(
        location: ApiKeyLocation,
        name: &'static str,
        value: &'a Secret,
    ) -> Credential<'a> {
        Credential::ApiKey {
            location,
            name,
            value,
        }
    }

    #[tokio::test]
    async fn api_keys_travel_where_their_scheme_says() {
        let mut attempt = attempt();
        let key = Secret("k 1".into());
        attempt
            .add(api_key(ApiKeyLocation::Header, "api_key", &key))
            .await
            .unwrap();
        attempt
            .add(api_key(ApiKeyLocation::Query, "key", &key))
            .await
            .unwrap();
        attempt
            .add(api_key(ApiKeyLocation::Cookie, "sid", &key))
            .await
            .unwrap();
        assert_eq!(attempt.headers["api_key"], "k 1");
        assert!(attempt.headers["api_key"].is_sensitive());
        assert_eq!(attempt.url.query(), Some("page=2&key=k+1"));
        assert_eq!(attempt.headers[header::COOKIE], "theme=dark; sid=k 1");
        assert!(attempt.headers[header::COOKIE].is_sensitive());
    }

    #[tokio::test]
    async fn bearer_and_basic_credentials_are_set() {
        let mut attempt = attempt();
        let (token, password, bad) = (
            Secret("t".into()),
            Secret("p".into()),
            Secret("bad\ntoken".into()),
        );
        attempt.add(Credential::Bearer(&token)).await.unwrap();
        attempt
            .add(Credential::Basic("u", &password))
            .await
            .unwrap();
        assert_eq!(attempt.headers[header::AUTHORIZATION], "Bearer t");
        assert!(attempt.headers[header::AUTHORIZATION].is_sensitive());
        assert_eq!(attempt.basic, Some(("u".to_owned(), "p".to_owned())));
        let error = attempt.add(Credential::Bearer(&bad)).await.unwrap_err();
        assert!(!error.to_string().contains("bad"), "{error}");
    }

    #[tokio::test]
    async fn another_http_scheme_sends_its_name_and_the_credentials() {
        let creds = Credentials {
            http: BTreeMap::from([("dsn".to_owned(), Secret("abc@sentry".into()))]),
            ..Credentials::default()
        };
        assert!(creds.select(SCHEMES, &[&["basic"]]).as_slice().is_empty());
        let selected = creds.select(SCHEMES, &[&["basic"], &["dsn"]]);
        assert_eq!(kinds(&selected), ["http"]);
        let mut attempt = Attempt {
            url: Url::parse("http://api.test/a").unwrap(),
            headers: HeaderMap::new(),
            basic: None,
            token: None,
        };
        attempt.add(selected.as_slice()[0]).await.unwrap();
        assert_eq!(attempt.headers[header::AUTHORIZATION], "DSN abc@sentry");
        assert!(attempt.headers[header::AUTHORIZATION].is_sensitive());
    }
}
