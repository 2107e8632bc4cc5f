//! One attempt's request: its URL, headers and body, with the credentials in a header, the
//! query string or a cookie, as each scheme says.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{self, HeaderMap, HeaderValue};

use crate::auth::{ApiKeyLocation, Credential};
use crate::call::OneShotBody;
use crate::client::Client;
use crate::error::BoxError;
use crate::request::RequestBuilder;
use crate::token::TokenProvider;

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

/// The token a provider gave for an attempt, to report it if the server rejects it.
pub(crate) type ProvidedToken = Option<(Arc<dyn TokenProvider>, String)>;

/// Starts one attempt's request: its URL and headers (the client's, the request's, `Accept`),
/// before the credentials go on it. Built for each attempt (the first is nearly always the only
/// one) rather than built once and cloned for each; synchronous, so the call's future holds no
/// future of its own for it.
// Called from the generic call future, which is compiled in the user's crate: inlined there.
#[inline]
pub(crate) fn start_attempt(
    client: &Client,
    request: &RequestBuilder,
) -> Result<Attempt, BoxError> {
    let url = request.url(client.base_url(), client.inner.parsed_base_url.as_ref())?;
    let base = client.base_headers();
    // Room for the request's own headers, `Accept`, a credential, `Content-Type` and the call's
    // headers, so that filling the map does not grow it.
    let mut headers = HeaderMap::with_capacity(
        base.len() + request.headers.len() + 3 + request.call_headers.len(),
    );
    overlay(&mut headers, base);
    overlay(&mut headers, &request.headers);
    if let Some(accept) = request.accept {
        // The generator writes only valid values; one that is not is left out, never a panic.
        if let Ok(accept) = HeaderValue::from_str(accept) {
            headers.insert(header::ACCEPT, accept);
        }
    }
    Ok(Attempt {
        url,
        headers,
        basic: None,
        token: None,
    })
}

/// Finishes one attempt's request, its credentials on it: `Content-Type`, the body, the call's
/// own headers and the timeout.
// Called from the generic call future, which is compiled in the user's crate: inlined there.
#[inline]
pub(crate) fn finish_attempt(
    client: &Client,
    request: &RequestBuilder,
    attempt: Attempt,
    one_shot: &mut Option<OneShotBody>,
    timeout: Duration,
) -> (Result<reqwest::Request, reqwest::Error>, ProvidedToken) {
    let Attempt {
        url,
        mut headers,
        basic,
        token,
    } = attempt;
    let body = if let Some(body) = &request.body {
        headers.insert(header::CONTENT_TYPE, body.content_type.clone());
        Some(reqwest::Body::from(body.bytes.clone()))
    } else if let Some(body) = one_shot.take() {
        headers.insert(header::CONTENT_TYPE, body.content_type);
        Some(body.body)
    } else {
        None
    };
    // The call's own headers come last, replacing what the client set under their names; one
    // of them that is `Authorization` replaces the basic credentials too.
    overlay(&mut headers, &request.call_headers);
    let basic = basic.filter(|_| !request.call_headers.contains_key(header::AUTHORIZATION));
    let sent = http_request(client, &request.method, url, headers, body, basic).map(|mut sent| {
        *sent.timeout_mut() = Some(timeout);
        sent
    });
    (sent, token)
}

/// Sets every header of `over` on `headers`, replacing the values of the names it has: what
/// `HeaderMap::extend` does with an owned map, without cloning `over` first.
fn overlay(headers: &mut HeaderMap, over: &HeaderMap) {
    for name in over.keys() {
        let mut values = over.get_all(name).iter();
        if let Some(first) = values.next() {
            headers.insert(name.clone(), first.clone());
            for value in values {
                headers.append(name.clone(), value.clone());
            }
        }
    }
}

/// The request of one attempt. Made directly when it can be, without a `reqwest::RequestBuilder`
/// (its headers are moved in, not copied); through one when it has basic credentials or the URL
/// carries a user name or password, which the builder turns into `Authorization: Basic`. A
/// header the builder sets comes after `headers`, as `RequestBuilder::headers` followed by
/// `basic_auth` would put it.
fn http_request(
    client: &Client,
    method: &reqwest::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<reqwest::Body>,
    basic: Option<(String, String)>,
) -> Result<reqwest::Request, reqwest::Error> {
    if basic.is_none() && url.username().is_empty() && url.password().is_none() {
        let mut request = reqwest::Request::new(method.clone(), url);
        *request.headers_mut() = headers;
        *request.body_mut() = body;
        return Ok(request);
    }
    let mut builder = client.http().request(method.clone(), url);
    if let Some((username, password)) = basic {
        builder = builder.basic_auth(username, Some(password));
    }
    let mut request = builder.build()?;
    let set = std::mem::replace(request.headers_mut(), headers);
    for (name, value) in &set {
        request.headers_mut().append(name.clone(), value.clone());
    }
    *request.body_mut() = body;
    Ok(request)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::auth::{Credentials, SchemeKind, SecurityScheme};
    use crate::redact::Secret;

    const SCHEMES: &[SecurityScheme] = &[
        SecurityScheme {
            key: "pat",
            kind: SchemeKind::Bearer,
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
    fn an_accept_that_is_not_a_header_value_is_left_out_not_a_panic() {
        // Every server at one URL, so that no server variable is needed.
        let client = Client::builder()
            .all_servers_url("http://localhost")
            .build()
            .unwrap();
        let request = RequestBuilder::new(reqwest::Method::GET, "/a").accept("text/csv; x=\u{1}");
        let attempt = start_attempt(&client, &request).unwrap();
        assert!(attempt.headers.get(header::ACCEPT).is_none());
        let request = RequestBuilder::new(reqwest::Method::GET, "/a").accept("text/csv");
        let attempt = start_attempt(&client, &request).unwrap();
        assert_eq!(attempt.headers[header::ACCEPT], "text/csv");
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
        assert!(matches!(selected.as_slice(), [Credential::Http { .. }]));
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

    #[test]
    fn overlay_replaces_names_as_extend_does() {
        let value = HeaderValue::from_static;
        let mut headers = HeaderMap::new();
        headers.insert("a", value("1"));
        headers.append("b", value("1"));
        headers.append("b", value("2"));
        headers.insert("c", value("1"));
        let mut over = HeaderMap::new();
        over.insert("b", value("3"));
        over.append("b", value("4"));
        over.insert("d", value("1"));
        let mut expected = headers.clone();
        expected.extend(over.clone());
        overlay(&mut headers, &over);
        assert_eq!(headers, expected);
        assert_eq!(headers.get_all("b").iter().count(), 2);
    }
}
