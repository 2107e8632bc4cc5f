//! Credentials: which ones an operation takes, and where they travel.
//!
//! The API description declares its security schemes ([`crate::SECURITY_SCHEMES`]) and, for
//! each operation, which combinations of them it accepts. The client sends only what the
//! operation accepts: an operation declared with `security: []` never receives a credential.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use reqwest::header::HeaderValue;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::bearer_header;
    use crate::error::BoxError;

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
}
