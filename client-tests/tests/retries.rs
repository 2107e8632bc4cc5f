//! Retries: which failures are tried again, how long the client waits, and when it gives up.
//!
//! Backoff is configured in milliseconds here so the tests stay fast; the one test about
//! `Retry-After: 1` waits the real second it asks for.

mod common;

use std::time::{Duration, Instant};

use faxplus::operations::UpdateTagError;
use faxplus::types::ContactGroupUpdate;
use faxplus::{Client, ClientBuilder, Error};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

use common::server_answering;

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn client(server: &MockServer) -> Client {
    builder(server).build().unwrap()
}

fn update() -> ContactGroupUpdate {
    ContactGroupUpdate {
        name: Some("n".into()),
        notes: None,
    }
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": "g1"}))
}

#[tokio::test]
async fn two_503s_then_200_succeeds_on_the_third_attempt() {
    let server = server_answering(ResponseTemplate::new(503), 2, ok()).await;
    let response = client(&server)
        .update_tag("g1", &update())
        .send()
        .await
        .unwrap();
    assert_eq!(response.value.id.as_deref(), Some("g1"));
    assert_eq!(response.attempts(), 3);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    // Every attempt is the same request, body and credentials included.
    for request in &received {
        assert_eq!(request.body, received[0].body);
        assert_eq!(request.headers["authorization"], "Bearer test-token");
    }
}

#[tokio::test]
async fn every_transient_status_is_retried_and_the_error_counts_the_attempts() {
    for status in [408, 429, 500, 502, 503, 504] {
        let server = server_answering(ResponseTemplate::new(status), 10, ok()).await;
        let error = client(&server)
            .update_tag("g1", &update())
            .await
            .unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.attempts(), 3, "{status}");
        assert_eq!(requests(&server).await, 3, "{status}");
        assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
    }
}

#[tokio::test]
async fn retry_after_one_second_waits_about_a_second() {
    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "1"),
        1,
        ok(),
    )
    .await;
    let started = Instant::now();
    let response = client(&server)
        .update_tag("g1", &update())
        .send()
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(response.attempts(), 2);
    // The configured backoff is a few milliseconds, so only `Retry-After` explains the wait.
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
    assert!(waited < Duration::from_secs(10), "{waited:?}");
}

#[tokio::test]
async fn retry_after_ms_is_honoured() {
    let server = server_answering(
        ResponseTemplate::new(429).insert_header("retry-after-ms", "150"),
        1,
        ok(),
    )
    .await;
    let started = Instant::now();
    client(&server).update_tag("g1", &update()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(140));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn retry_after_above_the_cap_returns_the_error_at_once() {
    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "3600"),
        10,
        ok(),
    )
    .await;
    let started = Instant::now();
    let error = client(&server)
        .update_tag("g1", &update())
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
    let raw = error.response().unwrap();
    assert_eq!(raw.headers["retry-after"], "3600");

    // The cap is configurable: with a lower one, even 1 s is too long to wait.
    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "1"),
        10,
        ok(),
    )
    .await;
    let client = builder(&server)
        .max_retry_after(Duration::from_millis(500))
        .build()
        .unwrap();
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    for status in [400, 401, 404, 409, 422] {
        let server = server_answering(ResponseTemplate::new(status), 10, ok()).await;
        let error = client(&server)
            .update_tag("g1", &update())
            .await
            .unwrap_err();
        assert_eq!(error.attempts(), 1, "{status}");
        assert_eq!(requests(&server).await, 1, "{status}");
    }
}

#[tokio::test]
async fn conflicts_are_retried_only_when_asked() {
    let server = server_answering(ResponseTemplate::new(409), 1, ok()).await;
    let client = builder(&server).retry_on_conflict(true).build().unwrap();
    let response = client.update_tag("g1", &update()).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn zero_retries_means_exactly_one_attempt() {
    let server = server_answering(ResponseTemplate::new(503), 10, ok()).await;
    let no_retries = builder(&server).max_retries(0).build().unwrap();
    let error = no_retries.update_tag("g1", &update()).await.unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
    assert!(!error.to_string().contains("attempts"), "{error}");

    // Per call, in both directions.
    let server = server_answering(ResponseTemplate::new(503), 10, ok()).await;
    let error = client(&server)
        .update_tag("g1", &update())
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
    let server = server_answering(ResponseTemplate::new(503), 4, ok()).await;
    let no_retries = builder(&server).max_retries(0).build().unwrap();
    let response = no_retries
        .update_tag("g1", &update())
        .max_retries(4)
        .send()
        .await
        .unwrap();
    assert_eq!(response.attempts(), 5);
}

#[tokio::test]
async fn a_body_that_cannot_be_replayed_is_not_retried() {
    let server = server_answering(ResponseTemplate::new(503), 10, ok()).await;
    let error = client(&server)
        .update_tag("g1", &update())
        .streaming_body("application/json", r#"{"name":"streamed"}"#.to_owned())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Api {
                error: UpdateTagError::InternalServerError(_),
                ..
            } | Error::UnexpectedStatus { .. }
        ),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 1);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body, br#"{"name":"streamed"}"#);
    assert_eq!(received[0].headers["content-type"], "application/json");
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    let port = common::unused_port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap();
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert!(transport.is_connect(), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
}
