//! The runtime is the same for every spec: retries, timeouts, API-key placement and redaction,
//! checked again through a second generated crate, the Swagger Petstore (an `api_key` header
//! scheme and OAuth2), against a loopback server.

use std::time::{Duration, Instant};

use petstore::operations::GetPetByIdError;
use petstore::{Client, ClientBuilder, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(format!("{}/api/v3", server.uri()))
        .api_key("secret-key-123")
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn pet() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": 7, "name": "Rex", "photoUrls": []}))
}

async fn server_answering(
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(then).mount(&server).await;
    server
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn the_api_key_goes_in_its_header_only_where_the_operation_asks() {
    let server = server_answering(pet(), 1, ResponseTemplate::new(200)).await;
    let client = builder(&server).build().unwrap();
    let found = client.get_pet_by_id(7).await.unwrap();
    assert_eq!(found.name, "Rex");
    client.logout_user().await.unwrap();
    let requests = requests(&server).await;
    assert_eq!(requests[0].url.path(), "/api/v3/pet/7");
    assert_eq!(requests[0].headers["api_key"], "secret-key-123");
    assert_eq!(requests[1].url.path(), "/api/v3/user/logout");
    assert!(
        !requests[1].headers.contains_key("api_key"),
        "logoutUser declares no security"
    );
}

#[tokio::test]
async fn two_503s_then_200_succeeds_on_the_third_attempt() {
    let server = server_answering(ResponseTemplate::new(503), 2, pet()).await;
    let client = builder(&server).build().unwrap();
    let response = client.get_pet_by_id(7).send().await.unwrap();
    assert_eq!(response.attempts(), 3);
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn client_errors_are_not_retried_and_zero_retries_means_one_attempt() {
    let server = server_answering(ResponseTemplate::new(400), 10, pet()).await;
    let error = builder(&server)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .await
        .unwrap_err();
    assert!(
        matches!(error.api_error(), Some(GetPetByIdError::BadRequest)),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 1);

    let server = server_answering(ResponseTemplate::new(503), 10, pet()).await;
    let error = builder(&server)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_slow_server_trips_the_timeout() {
    let server = server_answering(pet().set_delay(Duration::from_secs(5)), 10, pet()).await;
    let started = Instant::now();
    let error = builder(&server)
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    let Error::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert!(transport.is_timeout(), "{error}");
    assert!(error.to_string().contains("timed out"), "{error}");
}

#[tokio::test]
async fn debug_output_never_shows_the_api_key() {
    let server = server_answering(ResponseTemplate::new(404), 10, pet()).await;
    let builder = builder(&server);
    assert!(!format!("{builder:?}").contains("secret-key-123"));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains("secret-key-123"));
    let error = client.get_pet_by_id(7).await.unwrap_err();
    assert!(
        !format!("{error:?}").contains("secret-key-123"),
        "{error:?}"
    );
}
