//! Timeouts: a slow server trips the per-attempt limit, the error says so, and the attempt is
//! retried like any other transient failure.

use std::time::{Duration, Instant};

use faxplus::types::ContactGroupUpdate;
use faxplus::{Client, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SLOW: Duration = Duration::from_secs(3);
const LIMIT: Duration = Duration::from_millis(200);

fn update() -> ContactGroupUpdate {
    ContactGroupUpdate::default()
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": "g1"}))
}

async fn slow_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ok().set_delay(SLOW))
        .mount(&server)
        .await;
    server
}

fn assert_timeout(error: &Error<faxplus::operations::UpdateTagError>) {
    assert!(error.is_timeout(), "{error:?}");
    assert!(
        matches!(error, Error::Transport(t) if t.is_timeout()),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("timed out"), "{message}");
    assert!(message.contains("200ms"), "{message}");
}

#[tokio::test]
async fn a_slow_response_trips_the_client_timeout() {
    let server = slow_server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(LIMIT)
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    assert!(started.elapsed() < SLOW, "{:?}", started.elapsed());
    assert_timeout(&error);
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_call_can_set_its_own_timeout() {
    let server = slow_server().await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let error = client
        .update_tag("g1", &update())
        .timeout(LIMIT)
        .max_retries(0)
        .await
        .unwrap_err();
    assert_timeout(&error);
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ok().set_delay(SLOW))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(ok()).mount(&server).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(LIMIT)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap();
    let response = client.update_tag("g1", &update()).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
    assert_eq!(response.value.id.as_deref(), Some("g1"));
}
