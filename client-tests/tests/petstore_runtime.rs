//! The runtime behaviours of issue 4 against a second generated crate, Swagger Petstore, whose
//! `api_key` scheme is an API key in a header: the runtime is the same for every spec.

mod common;

use std::time::{Duration, Instant};

use petstore::operations::LoginUserParams;
use petstore::{Client, ClientBuilder, Error, OAuth2RefreshToken};
use serde_json::json;
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::server_answering;

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn pet() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": 7, "name": "rex", "photoUrls": []}))
}

#[tokio::test]
async fn the_api_key_goes_in_its_header_only_to_operations_that_accept_it() {
    let server = server_answering(
        pet(),
        1,
        ResponseTemplate::new(200).set_body_json(json!({})),
    )
    .await;
    let client = builder(&server).api_key("key-123").build().unwrap();
    client.get_pet_by_id(7).await.unwrap();
    client.get_inventory().await.unwrap();
    let _ = client.login_user(LoginUserParams::default()).await;
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].headers["api_key"], "key-123");
    assert_eq!(received[1].headers["api_key"], "key-123");
    // `loginUser` declares no security: no credential at all.
    assert!(received[2].headers.get("api_key").is_none());
    assert!(received[2].headers.get("authorization").is_none());
}

#[tokio::test]
async fn a_bearer_token_goes_to_oauth2_operations_and_not_to_api_key_only_ones() {
    let server = server_answering(
        pet(),
        1,
        ResponseTemplate::new(200).set_body_json(json!({})),
    )
    .await;
    let client = builder(&server).bearer_token("tok").build().unwrap();
    client.get_pet_by_id(7).await.unwrap();
    client.get_inventory().await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].headers["authorization"], "Bearer tok");
    assert!(received[1].headers.get("authorization").is_none());
}

#[tokio::test]
async fn retries_and_their_limits_are_the_same_as_for_fax_plus() {
    let server = server_answering(ResponseTemplate::new(503), 2, pet()).await;
    let response = builder(&server)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .send()
        .await
        .unwrap();
    assert_eq!(response.attempts(), 3);

    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "1"),
        1,
        pet(),
    )
    .await;
    let started = Instant::now();
    builder(&server)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950));

    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "600"),
        5,
        pet(),
    )
    .await;
    let error = builder(&server)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);

    for status in [400, 404] {
        let server = server_answering(ResponseTemplate::new(status), 5, pet()).await;
        let error = builder(&server)
            .build()
            .unwrap()
            .get_pet_by_id(7)
            .await
            .unwrap_err();
        assert_eq!(error.attempts(), 1);
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    let server = server_answering(ResponseTemplate::new(503), 5, pet()).await;
    let error = builder(&server)
        .max_retries(0)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);

    let server = server_answering(ResponseTemplate::new(503), 5, pet()).await;
    let error = builder(&server)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .streaming_body("application/json", "{}".to_owned())
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(pet().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let error = builder(&server)
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap()
        .get_pet_by_id(7)
        .await
        .unwrap_err();
    assert!(
        error.is_timeout() && error.to_string().contains("timed out"),
        "{error}"
    );
}

#[tokio::test]
async fn a_token_provider_is_refreshed_after_a_401() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "a1", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/pet/7"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    // Petstore's oauth2 flow is implicit, with no token URL: the provider needs one.
    let error = Client::builder()
        .oauth2_refresh_token(OAuth2RefreshToken::new("id", "secret", "refresh"))
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("token URL"), "{error}");
    let client = builder(&server)
        .oauth2_refresh_token(
            OAuth2RefreshToken::new("id", "secret", "refresh")
                .token_url(format!("{}/token", server.uri())),
        )
        .build()
        .unwrap();
    let error = client.get_pet_by_id(7).await.unwrap_err();
    assert_eq!(error.attempts(), 2);
    let token_hits = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/token")
        .count();
    assert_eq!(token_hits, 2);
}

#[tokio::test]
async fn no_secret_shows_in_debug_or_messages() {
    let server = server_answering(ResponseTemplate::new(500), 10, pet()).await;
    let client = builder(&server)
        .api_key("key-123")
        .bearer_token("tok-456")
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("key-123") && !shown.contains("tok-456"),
        "{shown}"
    );
    let error = client.get_pet_by_id(7).await.unwrap_err();
    let shown = format!("{error:?} {error}");
    assert!(
        !shown.contains("key-123") && !shown.contains("tok-456"),
        "{shown}"
    );

    // A password sent in the query string does not reach a transport error's message.
    let port = common::unused_port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let params = LoginUserParams {
        username: Some("u".into()),
        password: Some("pw-789".into()),
    };
    let error = client.login_user(params).await.unwrap_err();
    let shown = format!("{error:?} {error}");
    assert!(matches!(error, Error::Transport(_)), "{shown}");
    assert!(!shown.contains("pw-789"), "{shown}");
}
