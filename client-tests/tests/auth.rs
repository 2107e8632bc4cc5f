//! Credentials: token providers and the built-in OAuth2 refresh-token provider, against a
//! loopback API and token endpoint.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use faxplus::operations::UpdateTagError;
use faxplus::types::ContactGroupUpdate;
use faxplus::{BoxError, Client, Error, OAuth2RefreshToken};
use serde_json::json;
use wiremock::matchers::{basic_auth, bearer_token, body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_PATH: &str = "/accounts/self/contact-groups/g1";

fn update() -> ContactGroupUpdate {
    ContactGroupUpdate::default()
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": "g1"}))
}

fn token(access_token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": expires_in,
    }))
}

fn provider(server: &MockServer) -> OAuth2RefreshToken {
    OAuth2RefreshToken::new("client-1", "client-secret-1", "refresh-1")
        .token_url(format!("{}/token", server.uri()))
}

fn oauth_client(server: &MockServer, provider: OAuth2RefreshToken) -> Client {
    Client::builder()
        .base_url(server.uri())
        .oauth2_refresh_token(provider)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap()
}

/// The `Authorization` header of every request the API (not the token endpoint) received.
async fn api_authorizations(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == API_PATH)
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect()
}

async fn token_requests(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/token")
        .count()
}

#[tokio::test]
async fn the_token_request_has_the_form_fields_and_basic_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(basic_auth("client-1", "client-secret-1"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "grant_type=refresh_token&refresh_token=refresh-1",
        ))
        .respond_with(token("access-1", 3600))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(API_PATH))
        .and(bearer_token("access-1"))
        .respond_with(ok())
        .expect(2)
        .mount(&server)
        .await;
    let client = oauth_client(&server, provider(&server));
    client.update_tag("g1", &update()).await.unwrap();
    // Cached: the second call does not refresh.
    client.update_tag("g1", &update()).await.unwrap();
    assert_eq!(token_requests(&server).await, 1);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_before_the_request() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(token("fresh", 3600))
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .respond_with(ok())
        .mount(&server)
        .await;
    let client = oauth_client(
        &server,
        provider(&server).access_token("stale", Duration::ZERO),
    );
    client.update_tag("g1", &update()).await.unwrap();
    assert_eq!(api_authorizations(&server).await, ["Bearer fresh"]);
    assert_eq!(token_requests(&server).await, 1);

    // A token still valid beyond the refresh margin is used as it is.
    let server = MockServer::start().await;
    Mock::given(path(API_PATH))
        .respond_with(ok())
        .mount(&server)
        .await;
    let client = oauth_client(
        &server,
        provider(&server).access_token("current", Duration::from_secs(3600)),
    );
    client.update_tag("g1", &update()).await.unwrap();
    assert_eq!(api_authorizations(&server).await, ["Bearer current"]);
    assert_eq!(token_requests(&server).await, 0);
}

#[tokio::test]
async fn a_token_that_expires_within_the_margin_is_refreshed_and_a_rotated_refresh_token_kept() {
    let server = MockServer::start().await;
    // 30 s of life is inside the 60 s margin, so every call refreshes.
    Mock::given(path("/token"))
        .and(body_string(
            "grant_type=refresh_token&refresh_token=refresh-1",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "a1", "expires_in": 30, "refresh_token": "refresh-2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/token"))
        .and(body_string(
            "grant_type=refresh_token&refresh_token=refresh-2",
        ))
        .respond_with(token("a2", 30))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .respond_with(ok())
        .mount(&server)
        .await;
    let client = oauth_client(&server, provider(&server));
    client.update_tag("g1", &update()).await.unwrap();
    client.update_tag("g1", &update()).await.unwrap();
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer a1", "Bearer a2"]
    );
}

#[tokio::test]
async fn a_401_refreshes_once_and_retries_once() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(token("a1", 3600))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/token"))
        .respond_with(token("a2", 3600))
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .and(bearer_token("a2"))
        .respond_with(ok())
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "expired"})))
        .mount(&server)
        .await;
    let client = oauth_client(&server, provider(&server));
    let response = client.update_tag("g1", &update()).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer a1", "Bearer a2"]
    );
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn a_second_401_is_returned() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(token("a1", 3600))
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "unauthorized"})))
        .mount(&server)
        .await;
    let client = oauth_client(&server, provider(&server));
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    assert!(
        matches!(
            error.api_error(),
            Some(UpdateTagError::Unauthorized(Some(_)))
        ),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 2);
    assert_eq!(api_authorizations(&server).await.len(), 2);
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn a_static_token_is_not_retried_on_401() {
    let server = MockServer::start().await;
    Mock::given(path(API_PATH))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("static")
        .build()
        .unwrap();
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn concurrent_calls_share_one_refresh() {
    let server = MockServer::start().await;
    // A slow token endpoint, so every call arrives while the refresh is in flight.
    Mock::given(path("/token"))
        .respond_with(token("shared", 3600).set_delay(Duration::from_millis(300)))
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .respond_with(ok())
        .mount(&server)
        .await;
    let client = oauth_client(&server, provider(&server));
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_tag("g1", &update()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(token_requests(&server).await, 1);
    let authorizations = api_authorizations(&server).await;
    assert_eq!(authorizations.len(), 8);
    assert!(authorizations.iter().all(|a| a == "Bearer shared"));
}

#[tokio::test]
async fn concurrent_401s_share_one_refresh() {
    // Every call sends the cached `old` token at once and is refused; they all ask for a new one.
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(token("new", 3600).set_delay(Duration::from_millis(100)))
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .and(bearer_token("new"))
        .respond_with(ok())
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .respond_with(ResponseTemplate::new(401).set_delay(Duration::from_millis(100)))
        .mount(&server)
        .await;
    let client = oauth_client(
        &server,
        provider(&server).access_token("old", Duration::from_secs(3600)),
    );
    let calls: Vec<_> = (0..6)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_tag("g1", &update()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(token_requests(&server).await, 1);
}

#[tokio::test]
async fn a_refused_refresh_is_an_auth_error_without_secrets() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant",
            "error_description": "refresh token revoked"
        })))
        .mount(&server)
        .await;
    let client = oauth_client(&server, provider(&server));
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_eq!(error.attempts(), 0);
    let message = error.to_string();
    assert!(
        message.contains("invalid_grant: refresh token revoked"),
        "{message}"
    );
    for shown in [message, format!("{error:?}")] {
        assert!(!shown.contains("client-secret-1"), "{shown}");
        assert!(!shown.contains("refresh-1"), "{shown}");
    }
    assert!(api_authorizations(&server).await.is_empty());
}

#[tokio::test]
async fn a_token_provider_closure_is_asked_for_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(path(API_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(API_PATH))
        .respond_with(ok())
        .mount(&server)
        .await;
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = asked.clone();
    let client = Client::builder()
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .token_provider(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok::<_, BoxError>(format!("rotating-{n}")) }
        })
        .build()
        .unwrap();
    client.update_tag("g1", &update()).await.unwrap();
    assert_eq!(asked.load(Ordering::SeqCst), 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer rotating-1", "Bearer rotating-2"]
    );
}

#[tokio::test]
async fn the_default_token_url_is_the_spec_token_url() {
    assert_eq!(
        faxplus::OAUTH2_TOKEN_URL,
        Some("https://accounts.fax.plus/token")
    );
    // Without an override the provider builds against the spec's endpoint.
    let built = Client::builder()
        .oauth2_refresh_token(OAuth2RefreshToken::new("id", "secret", "refresh"))
        .build();
    assert!(built.is_ok(), "{built:?}");
}

/// Fax.Plus declares bearer and OAuth2 schemes only, so its builder has no `api_key`,
/// `api_key_for`, `basic_auth` or `authorization_for` at all (`generator/tests/credentials.rs`
/// checks the emitted text). Where a method exists, a scheme key it names must be one of its
/// kind: `bearer` is an HTTP bearer scheme of the transfers fixture, not an apiKey one.
#[test]
fn a_key_for_a_scheme_of_another_kind_is_refused_at_build_time() {
    let error = transfers::Client::builder()
        .base_url("http://localhost")
        .api_key_for("bearer", "k")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("`bearer`"), "{error}");
}
