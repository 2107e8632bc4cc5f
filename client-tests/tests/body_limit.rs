//! The response size limit, and bodies read as a stream.
//!
//! The bug: a 50 MB body was buffered whole, and decoding took nine times that at its peak.
//! Now a buffered body stops at the client's limit (checked from `Content-Length` first), and
//! a download of any size is read chunk by chunk with `send_streaming`.

mod raw_server;

use std::time::Duration;

use raw_server::{Answer, RawServer};
use transfers::{Client, ClientBuilder, DEFAULT_MAX_RESPONSE_BODY, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const MIB: u64 = 1024 * 1024;

fn builder(url: String) -> ClientBuilder {
    Client::builder()
        .base_url(url)
        .bearer_token("token")
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn assert_too_large(error: &Error<transfers::operations::DownloadFileError>, limit: u64) {
    match error {
        Error::ResponseTooLarge {
            operation,
            limit: reported,
            attempts,
            ..
        } => {
            assert_eq!(operation, "GET /files/content");
            assert_eq!(*reported, limit);
            assert_eq!(*attempts, 1, "a body over the limit is not retried");
        }
        other => panic!("expected ResponseTooLarge, got {other:?}"),
    }
    let text = error.to_string();
    assert!(text.contains(&format!("limit of {limit} bytes")), "{text}");
    assert!(text.contains("GET /files/content"), "{text}");
}

#[tokio::test]
async fn a_body_over_the_limit_fails_without_being_read_whole() {
    // 64 MiB offered, 1 MiB allowed: the client stops reading and drops the connection.
    let server = RawServer::start(Answer::Chunked {
        head: "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream",
        total: 64 * MIB,
    })
    .await;
    let client = builder(server.url())
        .max_response_body(MIB)
        .build()
        .unwrap();
    let error = client.download_file().await.unwrap_err();
    assert_too_large(&error, MIB);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    // Give the server time to notice the closed connection, then check it could not send
    // everything: what it sent went at most into the socket buffers and the limit.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        server.body_bytes_sent() < 32 * MIB,
        "{} bytes sent",
        server.body_bytes_sent()
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_announced_length_over_the_limit_fails_before_the_body_arrives() {
    // The body never comes: only the Content-Length can tell the client it is too large.
    let server = RawServer::start(Answer::StallBody {
        head: "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 10485760",
        partial: b"",
    })
    .await;
    let client = builder(server.url())
        .max_response_body(MIB)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let error = client.download_file().await.unwrap_err();
    assert_too_large(&error, MIB);
}

#[tokio::test]
async fn error_bodies_are_limited_too() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500).set_body_bytes(vec![b'e'; 2048]))
        .mount(&server)
        .await;
    let client = builder(server.uri())
        .max_response_body(1024)
        .build()
        .unwrap();
    let error = client.download_file().await.unwrap_err();
    assert_too_large(&error, 1024);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![b'x'; 1024]))
        .mount(&server)
        .await;
    let client = builder(server.uri())
        .max_response_body(1024)
        .build()
        .unwrap();
    let body = client.download_file().await.unwrap();
    assert_eq!(body.len(), 1024);
}

#[test]
fn the_default_limit_is_100_mib() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BODY, 100 * MIB);
}

#[tokio::test]
async fn a_streamed_body_is_not_limited() {
    let server = RawServer::start(Answer::Chunked {
        head: "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream",
        total: 3 * MIB,
    })
    .await;
    let client = builder(server.url())
        .max_response_body(MIB)
        .build()
        .unwrap();
    let mut download = client.download_file().send_streaming().await.unwrap();
    assert_eq!(download.status.as_u16(), 200);
    assert_eq!(download.attempts(), 1);
    let (mut total, mut chunks) = (0u64, 0);
    while let Some(chunk) = download.chunk().await.unwrap() {
        assert!(chunk.iter().all(|b| *b == b'x'));
        total += chunk.len() as u64;
        chunks += 1;
    }
    assert_eq!(total, 3 * MIB);
    assert!(chunks > 1, "the body arrived in {chunks} chunk");
}

#[tokio::test]
async fn streaming_an_error_status_fails_as_send_does() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404).set_body_string("no such file"))
        .mount(&server)
        .await;
    let client = builder(server.uri()).build().unwrap();
    let error = client.download_file().send_streaming().await.unwrap_err();
    match &error {
        Error::UnexpectedStatus { response } => assert_eq!(response.text(), "no such file"),
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn streaming_retries_transient_statuses_before_the_body() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"abc".to_vec()))
        .mount(&server)
        .await;
    let client = builder(server.uri()).build().unwrap();
    let mut download = client.download_file().send_streaming().await.unwrap();
    assert_eq!(download.attempts(), 2);
    let mut body = Vec::new();
    while let Some(chunk) = download.chunk().await.unwrap() {
        body.extend_from_slice(&chunk);
    }
    assert_eq!(body, b"abc");
}
