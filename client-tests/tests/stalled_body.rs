//! A request is not sent again once the server may have acted on it: after a status line, or
//! after the request went out and no answer came, a POST or PATCH is retried only when it
//! carries an idempotency key. Idempotent methods are retried as before.
//!
//! The bug: the server sent `201` and its headers, then the body stalled past the timeout, and
//! the client sent the same `createMessage` POST three times (three text messages).

mod raw_server;

use std::time::Duration;

use raw_server::{Answer, RawServer, header};
use serde_json::json;
use transfers::types::Message;
use transfers::{Client, ClientBuilder};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const STALLED_201: Answer = Answer::StallBody {
    head: "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 40",
    partial: b"{\"id\": \"m1\"",
};

fn builder(url: String) -> ClientBuilder {
    Client::builder()
        .base_url(url)
        .bearer_token("token")
        .timeout(Duration::from_millis(300))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn message() -> Message {
    Message {
        id: None,
        text: Some("hello".into()),
    }
}

#[tokio::test]
async fn a_post_whose_body_stalls_after_the_status_is_sent_once() {
    let server = RawServer::start(STALLED_201).await;
    let client = builder(server.url()).build().unwrap();
    let error = client.create_message(&message()).send().await.unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert_eq!(error.attempts(), 1, "{error}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_patch_whose_body_stalls_after_the_status_is_sent_once() {
    let server = RawServer::start(STALLED_201).await;
    let client = builder(server.url()).build().unwrap();
    let error = client.update_messages(&message()).await.unwrap_err();
    assert_eq!(error.attempts(), 1, "{error}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_get_whose_body_stalls_is_retried() {
    let server = RawServer::start(STALLED_201).await;
    let client = builder(server.url()).build().unwrap();
    let error = client.list_messages().await.unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert_eq!(error.attempts(), 3, "{error}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_post_never_answered_is_sent_once() {
    // The request went out; whether the server acted on it is unknown.
    let server = RawServer::start(Answer::Silent).await;
    let client = builder(server.url()).build().unwrap();
    let error = client.create_message(&message()).await.unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert_eq!(server.requests().len(), 1);
    // A GET to the same server is retried.
    let error = client.list_messages().await.unwrap_err();
    assert_eq!(error.attempts(), 3, "{error}");
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn a_post_whose_connection_is_refused_is_retried() {
    // Nothing was sent, so sending it again is safe.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = builder(url).build().unwrap();
    let error = client.create_message(&message()).await.unwrap_err();
    assert!(
        matches!(&error, transfers::Error::Transport(e) if e.is_connect()),
        "{error}"
    );
    assert_eq!(error.attempts(), 3, "{error}");
}

#[tokio::test]
async fn with_an_idempotency_key_header_a_post_is_retried_with_the_same_key() {
    let server = RawServer::start(STALLED_201).await;
    let client = builder(server.url())
        .idempotency_key_header("Idempotency-Key")
        .build()
        .unwrap();
    let error = client.create_message(&message()).await.unwrap_err();
    assert_eq!(error.attempts(), 3, "{error}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let key = header(&requests[0], "idempotency-key").expect("a key is sent");
    assert!(key.len() >= 32, "{key}");
    for request in &requests {
        assert_eq!(header(request, "idempotency-key"), Some(key));
    }
    // The next call gets a fresh key.
    let _ = client.create_message(&message()).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 6);
    assert_ne!(header(&requests[3], "idempotency-key"), Some(key));
    // GET is idempotent already: it carries no key.
    let _ = client.list_messages().max_retries(0).await;
    let requests = server.requests();
    assert_eq!(header(&requests[6], "idempotency-key"), None);
}

#[tokio::test]
async fn a_call_can_set_its_own_idempotency_key() {
    let server = RawServer::start(STALLED_201).await;
    let client = builder(server.url()).build().unwrap();
    let error = client
        .create_message(&message())
        .idempotency_key("order-42")
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 3, "{error}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        // Without a header configured on the client, the name is Stripe's.
        assert_eq!(header(request, "idempotency-key"), Some("order-42"));
    }
    // A key set on a GET is sent too.
    let _ = client
        .list_messages()
        .idempotency_key("get-1")
        .max_retries(0)
        .await;
    let requests = server.requests();
    assert_eq!(header(&requests[3], "idempotency-key"), Some("get-1"));
}

/// `status` for every request, counting them.
async fn always(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(json!({"id": "m"})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_post_is_retried_only_on_statuses_that_say_it_was_not_acted_on() {
    for (status, attempts) in [(408, 3), (429, 3), (503, 3), (500, 1), (502, 1), (504, 1)] {
        let server = always(status).await;
        let client = builder(server.uri()).build().unwrap();
        let error = client.create_message(&message()).await.unwrap_err();
        assert_eq!(error.attempts(), attempts, "HTTP {status}: {error}");
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            attempts as usize
        );
        // With a key, every transient status is retried, as for a GET.
        let keyed = builder(server.uri())
            .idempotency_key_header("Idempotency-Key")
            .build()
            .unwrap();
        let error = keyed.create_message(&message()).await.unwrap_err();
        assert_eq!(error.attempts(), 3, "HTTP {status} with a key: {error}");
        let error = keyed.list_messages().await.unwrap_err();
        assert_eq!(error.attempts(), 3, "GET, HTTP {status}: {error}");
    }
}
