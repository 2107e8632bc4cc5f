//! Server-sent events, and JSON values one per line, against a loopback server that cuts its
//! chunks at awkward places.

mod events_server;

use std::time::Duration;

use events::types::{CompletionChunk, CompletionRequest, Tick};
use events::{Client, Error, StreamError};
use events_server::{EVENT_STREAM, Server, Step, chunk};
use futures_util::StreamExt;

fn client(server: &Server) -> Client {
    Client::builder().base_url(server.url()).build().unwrap()
}

fn request() -> CompletionRequest {
    CompletionRequest {
        prompt: "hi".to_owned(),
        stream: Some(true),
    }
}

fn completion(index: i64, delta: &str) -> CompletionChunk {
    CompletionChunk {
        index,
        delta: delta.to_owned(),
    }
}

#[tokio::test]
async fn chunks_cut_mid_line_mid_character_and_between_cr_and_lf() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b": the stream starts\n\ndata: {\"index\":0,\"de"),
        chunk(b"lta\":\"h\xC3"),
        chunk(b"\xA9\"}\r"),
        chunk(b"\n\r"),
        chunk(b"\n"),
        // Multi-line data, joined with `\n`, is still one JSON value.
        chunk(b"data: {\"index\":1,\ndata: \"delta\":\"\xE2\x82"),
        chunk(b"\xAC\"}\n\ndata: [DO"),
        chunk(b"NE]\n\n"),
        // Nothing after `[DONE]` is read: the stream ends without waiting for the body's end.
        Step::Stall,
    ]])
    .await;
    let mut events = client(&server)
        .create_completion_stream(&request())
        .await
        .unwrap();
    assert_eq!(events.status(), 200);
    let mut received = Vec::new();
    while let Some(event) = events.next().await {
        received.push(event.unwrap().data);
    }
    assert_eq!(received, [completion(0, "hé"), completion(1, "€")]);
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]
            .to_ascii_lowercase()
            .contains("accept: text/event-stream"),
        "{}",
        sent[0]
    );
    assert!(
        sent[0].ends_with(r#"{"prompt":"hi","stream":true}"#),
        "{}",
        sent[0]
    );
}

#[tokio::test]
async fn event_id_and_retry_arrive_with_the_data_of_a_whole_event_schema() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b"event: tick\nid: 1\nretry: 250\ndata: {\"n\":1}\n\n"),
        chunk(b"data: {\"n\":2}\n\n"),
        // Incomplete at the end: dropped.
        chunk(b"data: {\"n\":3}\n"),
        Step::End,
    ]])
    .await;
    let events: Vec<_> = client(&server)
        .watch_ticks_stream("prices")
        .await
        .unwrap()
        .collect()
        .await;
    let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].event.as_deref(), Some("tick"));
    assert_eq!(events[0].id.as_deref(), Some("1"));
    assert_eq!(events[0].retry, Some(Duration::from_millis(250)));
    assert_eq!(events[0].data, Tick { n: 1 });
    assert_eq!(events[1].event, None);
    assert_eq!(
        events[1].id.as_deref(),
        Some("1"),
        "the last id carries over"
    );
    assert_eq!(events[1].data, Tick { n: 2 });
    assert!(server.requests()[0].starts_with("GET /ticks?topic=prices "));
}

#[tokio::test]
async fn an_event_that_does_not_decode_names_the_field_and_the_stream_goes_on() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b"data: {\"index\":\"zero\",\"delta\":\"a\"}\n\n"),
        chunk(b"data: {\"index\":1,\"delta\":\"b\"}\n\n"),
        Step::End,
    ]])
    .await;
    let mut events = client(&server)
        .create_completion_stream(&request())
        .await
        .unwrap();
    match events.next().await {
        Some(Err(StreamError::Decode { event, source })) => {
            assert_eq!(source.path(), "index");
            assert_eq!(event.data, r#"{"index":"zero","delta":"a"}"#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(
        events.next().await.unwrap().unwrap().data,
        completion(1, "b")
    );
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn an_error_status_is_the_operation_error_and_a_503_is_retried_first() {
    let server = Server::start(vec![
        vec![Step::Head(
            "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0",
        )],
        vec![
            Step::Head(
                "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 17",
            ),
            Step::Raw(br#"{"message":"bad"}"#),
        ],
    ])
    .await;
    let error = client(&server)
        .create_completion_stream(&request())
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 2, "{error}");
    match error {
        Error::Api { error, .. } => assert!(
            matches!(
                &error,
                events::operations::CreateCompletionError::BadRequest(Some(problem))
                    if problem.message.as_deref() == Some("bad")
            ),
            "{error:?}"
        ),
        other => panic!("expected Error::Api, got {other}"),
    }
}

#[tokio::test]
async fn the_timeout_is_the_longest_gap_not_the_whole_stream() {
    // Five events 100 ms apart: half a second in all, each gap well within 300 ms.
    let mut steady = vec![Step::Head(EVENT_STREAM)];
    for n in 0..5 {
        steady.push(Step::Sleep(Duration::from_millis(100)));
        steady.push(Step::Chunk(format!("data: {{\"n\":{n}}}\n\n").into_bytes()));
    }
    steady.push(Step::End);
    // Then a stream that goes quiet after its first event.
    let stalled = vec![
        Step::Head(EVENT_STREAM),
        chunk(b"data: {\"n\":0}\n\n"),
        Step::Stall,
    ];
    let server = Server::start(vec![steady, stalled]).await;
    let all: Vec<_> = client(&server)
        .watch_ticks_stream("t")
        .timeout(Duration::from_millis(300))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(all.len(), 5);
    assert!(all.iter().all(Result::is_ok));

    // A client of its own: the first one's connection, closed by the server, is not reused.
    let mut events = client(&server)
        .watch_ticks_stream("t")
        .timeout(Duration::from_millis(300))
        .await
        .unwrap();
    assert_eq!(events.next().await.unwrap().unwrap().data, Tick { n: 0 });
    match events.next().await {
        Some(Err(error @ StreamError::TimedOut { limit })) => {
            assert_eq!(limit, Duration::from_millis(300));
            assert!(error.to_string().contains("timed out"), "{error}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(events.next().await.is_none(), "a timed-out stream ends");
}

#[tokio::test]
async fn a_response_that_does_not_start_in_time_is_a_timeout() {
    let server = Server::start(vec![vec![Step::Stall]]).await;
    let mut events = client(&server)
        .watch_ticks_stream("t")
        .timeout(Duration::from_millis(200))
        .await
        .unwrap();
    assert!(matches!(
        events.next().await,
        Some(Err(StreamError::TimedOut { .. }))
    ));
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b"data: {\"n\":1}\n\n"),
        Step::PingUntilClosed {
            every: Duration::from_millis(20),
        },
    ]])
    .await;
    let mut events = client(&server).watch_ticks_stream("t").await.unwrap();
    assert_eq!(events.next().await.unwrap().unwrap().data, Tick { n: 1 });
    drop(events);
    for _ in 0..200 {
        if server.closed() == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the server never saw the connection close");
}

#[tokio::test]
async fn a_success_that_is_not_an_event_stream_says_so() {
    let server = Server::start(vec![vec![
        Step::Head(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked",
        ),
        chunk(br#"{"text":"whole"}"#),
        Step::End,
    ]])
    .await;
    let mut events = client(&server)
        .create_completion_stream(&request())
        .await
        .unwrap();
    match events.next().await {
        Some(Err(StreamError::NotEventStream { content_type })) => {
            assert_eq!(content_type, "application/json");
        }
        other => panic!("expected NotEventStream, got {other:?}"),
    }
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn data_without_a_schema_is_any_json_value() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b"data: \"a line\"\n\ndata: [1, 2]\n\n"),
        Step::End,
    ]])
    .await;
    let data: Vec<serde_json::Value> = client(&server)
        .log_stream_events()
        .await
        .unwrap()
        .map(|event| event.unwrap().data)
        .collect()
        .await;
    assert_eq!(
        data,
        [serde_json::json!("a line"), serde_json::json!([1, 2])]
    );
}

const NDJSON: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ntransfer-encoding: chunked";

#[tokio::test]
async fn json_lines_arrive_one_value_a_line_across_chunks() {
    let server = Server::start(vec![vec![
        Step::Head(NDJSON),
        chunk(b"{\"n\":1}\n{\"n\""),
        chunk(b":2}\r\n\n"),
        // The last line needs no line feed.
        chunk(b"{\"n\":3}"),
        Step::End,
    ]])
    .await;
    let mut ticks = client(&server).tick_lines_stream().await.unwrap();
    let mut received = Vec::new();
    while let Some(tick) = ticks.next().await {
        let tick = tick.unwrap();
        assert_eq!((tick.event.as_deref(), tick.id.as_deref()), (None, None));
        received.push(tick.data);
    }
    assert_eq!(received, [Tick { n: 1 }, Tick { n: 2 }, Tick { n: 3 }]);
    let sent = server.requests();
    assert!(
        (sent[0].to_ascii_lowercase()).contains("accept: application/x-ndjson"),
        "{}",
        sent[0]
    );
}

#[tokio::test]
async fn a_json_line_that_does_not_decode_is_skipped_and_the_stream_goes_on() {
    let server = Server::start(vec![vec![
        Step::Head(NDJSON),
        chunk(b"{\"n\":\"one\"}\n{\"n\":2}\n"),
        Step::End,
    ]])
    .await;
    let mut ticks = client(&server).tick_lines_stream().await.unwrap();
    match ticks.next().await {
        Some(Err(StreamError::Decode { event, .. })) => assert_eq!(event.data, r#"{"n":"one"}"#),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(ticks.next().await.unwrap().unwrap().data, Tick { n: 2 });
    assert!(ticks.next().await.is_none());
}

#[tokio::test]
async fn a_json_lines_method_answered_with_server_sent_events_ends_with_an_error() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b"data: {\"n\":1}\n\n"),
        Step::End,
    ]])
    .await;
    let mut ticks = client(&server).tick_lines_stream().await.unwrap();
    match ticks.next().await {
        Some(Err(StreamError::NotEventStream { content_type })) => {
            assert_eq!(content_type, "text/event-stream");
        }
        other => panic!("expected NotEventStream, got {other:?}"),
    }
    assert!(ticks.next().await.is_none());
}

#[tokio::test]
async fn a_header_and_a_query_parameter_set_on_a_stream_call_are_sent_with_its_request() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b"data: {\"n\":1}\n\n"),
        Step::End,
    ]])
    .await;
    let events: Vec<_> = client(&server)
        .watch_ticks_stream("prices")
        .header("x-trace-id", "t-3")
        .query("since", "1")
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 1);
    let sent = server.requests();
    assert!(
        sent[0].to_ascii_lowercase().contains("x-trace-id: t-3"),
        "{}",
        sent[0]
    );
    assert!(
        sent[0].starts_with("GET /ticks?topic=prices&since=1 "),
        "{}",
        sent[0]
    );
}

#[tokio::test]
async fn a_body_field_set_on_a_stream_call_is_in_its_json_body() {
    let server = Server::start(vec![vec![
        Step::Head(EVENT_STREAM),
        chunk(b"data: [DONE]\n\n"),
        Step::End,
    ]])
    .await;
    let events: Vec<_> = client(&server)
        .create_completion_stream(&request())
        .body_field("temperature", &0.5)
        .await
        .unwrap()
        .collect()
        .await;
    assert!(events.is_empty());
    let sent = server.requests();
    assert!(
        sent[0].ends_with(r#"{"prompt":"hi","stream":true,"temperature":0.5}"#),
        "{}",
        sent[0]
    );
}
