//! Secrets never show: not in `Debug` of the builder, client, call or errors, nor in error
//! messages. (`tracing` output is checked in `tracing.rs`.)

mod common;

use std::time::Duration;

use faxplus::types::ContactGroupUpdate;
use faxplus::{Client, OAuth2RefreshToken};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRETS: [&str; 6] = [
    "bearer-secret-1",
    "client-secret-2",
    "refresh-secret-3",
    "header-secret-4",
    "cookie-secret-5",
    "proxy-secret-6",
];

fn assert_no_secret(shown: &str) {
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{secret} leaked in {shown}");
    }
}

fn builder(base_url: &str) -> faxplus::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .bearer_token("bearer-secret-1")
        .default_header("authorization", "Bearer header-secret-4")
        .default_header("cookie", "session=cookie-secret-5")
        .default_header("proxy-authorization", "Basic proxy-secret-6")
        .default_header("x-api-key", "header-secret-4")
        .default_header("x-fax-clientid", "visible-client-id")
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

#[tokio::test]
async fn debug_of_builder_client_call_and_errors_shows_no_secret() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "unauthorized"})))
        .mount(&server)
        .await;
    let builder = builder(&server.uri());
    assert_no_secret(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert_no_secret(&shown);
    assert!(shown.contains("visible-client-id"), "{shown}");
    let call = client.update_tag("g1", &ContactGroupUpdate::default());
    assert_no_secret(&format!("{call:?}"));
    let error = call.await.unwrap_err();
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());

    let oauth = OAuth2RefreshToken::new("client-id", "client-secret-2", "refresh-secret-3")
        .token_url(format!("{}/token", server.uri()))
        .access_token("bearer-secret-1", Duration::from_secs(3600));
    assert_no_secret(&format!("{oauth:?}"));
    let builder = Client::builder()
        .base_url(server.uri())
        .oauth2_refresh_token(oauth);
    assert_no_secret(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_secret(&format!("{client:?}"));
    let error = client
        .update_tag("g1", &ContactGroupUpdate::default())
        .await
        .unwrap_err();
    assert_no_secret(&format!("{error:?}"));
}

#[tokio::test]
async fn a_transport_error_shows_no_secret() {
    let port = common::unused_port();
    let client = builder(&format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let error = client
        .update_tag("g1", &ContactGroupUpdate::default())
        .await
        .unwrap_err();
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());
}

#[tokio::test]
async fn debug_of_a_response_hides_cookies_the_server_sets() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "g1"}))
                .insert_header("set-cookie", "session=cookie-secret-5")
                .insert_header("x-request-id", "req-1"),
        )
        .mount(&server)
        .await;
    let response = builder(&server.uri())
        .build()
        .unwrap()
        .update_tag("g1", &ContactGroupUpdate::default())
        .send()
        .await
        .unwrap();
    let shown = format!("{response:?}");
    assert_no_secret(&shown);
    assert!(shown.contains("req-1"), "{shown}");
    assert_eq!(response.request_id(), Some("req-1"));
}
