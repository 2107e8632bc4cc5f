//! Pagination: the `*_pages` and `*_items` streams of the `pages` fixture against a loopback
//! server, one list per pattern: where they stop (no cursor, `has_more: false`, an empty page,
//! the total reached, no `Link: rel="next"`), a repeated cursor, an error mid-way, retries.

#![allow(clippy::unwrap_used, clippy::panic)] // tests may panic

use std::time::Duration;

use futures_util::StreamExt;
use pages::operations::{
    ListAfterLastIdParams, ListByCursorParams, ListByOffsetParams, ListCustomParams,
    ListDropshotParams, ListLinkedParams, ListNumberedParams,
};
use pages::{Client, Error, RepeatedCursor};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap()
}

fn items(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|id| json!({"id": id})).collect())
}

/// Answers GET `at` with `body` when the query parameter `name` is `value` (absent for
/// `None`).
async fn page(server: &MockServer, at: &str, name: &str, value: Option<&str>, body: Value) {
    answer(
        server,
        at,
        name,
        value,
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;
}

async fn answer(
    server: &MockServer,
    at: &str,
    name: &str,
    value: Option<&str>,
    response: ResponseTemplate,
) {
    let mock = Mock::given(method("GET")).and(path(at));
    let mock = match value {
        Some(value) => mock.and(query_param(name, value)),
        None => mock.and(query_param_is_missing(name)),
    };
    mock.respond_with(response).mount(server).await;
}

/// The ids of every item, or the error that ended the stream with the ids before it.
async fn ids<S, E>(mut stream: S) -> (Vec<String>, Option<Error<E>>)
where
    S: futures_util::Stream<Item = Result<pages::types::Item, Error<E>>> + Unpin,
{
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        match item {
            Ok(item) => ids.push(item.id),
            Err(error) => {
                // The stream ends after an error.
                assert!(stream.next().await.is_none());
                return (ids, Some(error));
            }
        }
    }
    (ids, None)
}

async fn requests(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_cursor_is_followed_until_a_page_has_none() {
    let server = MockServer::start().await;
    let at = "/cursor";
    page(
        &server,
        at,
        "cursor",
        None,
        json!({"data": items(&["a", "b"]), "next_cursor": "c1"}),
    )
    .await;
    page(
        &server,
        at,
        "cursor",
        Some("c1"),
        json!({"data": items(&["c"]), "next_cursor": "c2"}),
    )
    .await;
    page(
        &server,
        at,
        "cursor",
        Some("c2"),
        json!({"data": items(&["d"]), "next_cursor": null}),
    )
    .await;
    let client = client(&server);
    let params = ListByCursorParams {
        limit: Some(2),
        ..Default::default()
    };
    let (ids, error) = ids(client.list_by_cursor_items(params)).await;
    assert!(error.is_none());
    assert_eq!(ids, ["a", "b", "c", "d"]);
    // Every page keeps the call's other parameters.
    assert_eq!(
        requests(&server).await,
        ["limit=2", "cursor=c1&limit=2", "cursor=c2&limit=2"]
    );
}

#[tokio::test]
async fn an_empty_first_page_ends_the_stream_whatever_its_cursor() {
    let server = MockServer::start().await;
    page(
        &server,
        "/cursor",
        "cursor",
        None,
        json!({"data": [], "next_cursor": "more"}),
    )
    .await;
    let client = client(&server);
    let mut pages = client.list_by_cursor_pages(ListByCursorParams::default());
    let first = pages.next().await.unwrap().unwrap();
    assert!(first.data.is_empty());
    assert!(pages.next().await.is_none());
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error_naming_it_not_an_endless_loop() {
    let server = MockServer::start().await;
    let at = "/cursor";
    page(
        &server,
        at,
        "cursor",
        None,
        json!({"data": items(&["a"]), "next_cursor": "c1"}),
    )
    .await;
    page(
        &server,
        at,
        "cursor",
        Some("c1"),
        json!({"data": items(&["b"]), "next_cursor": "c1"}),
    )
    .await;
    let client = client(&server);
    let (ids, error) = ids(client.list_by_cursor_items(ListByCursorParams::default())).await;
    assert_eq!(ids, ["a", "b"]);
    let Some(Error::InvalidRequest(source)) = error else {
        panic!("expected InvalidRequest, got {error:?}");
    };
    let repeated = source.downcast_ref::<RepeatedCursor>().unwrap();
    assert_eq!(repeated.cursor, "c1");
    assert!(source.to_string().contains("`c1`"), "{source}");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn dropshot_pages_retry_a_503_mid_way_like_one_call() {
    let server = MockServer::start().await;
    let at = "/dropshot";
    page(
        &server,
        at,
        "page_token",
        None,
        json!({"items": items(&["a"]), "next_page": "t1"}),
    )
    .await;
    Mock::given(method("GET"))
        .and(path(at))
        .and(query_param("page_token", "t1"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    page(
        &server,
        at,
        "page_token",
        Some("t1"),
        json!({"items": items(&["b"]), "next_page": null}),
    )
    .await;
    let client = client(&server);
    let (ids, error) = ids(client.list_dropshot_items(ListDropshotParams::default())).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(
        requests(&server).await,
        ["", "page_token=t1", "page_token=t1"]
    );
}

#[tokio::test]
async fn an_error_on_page_3_is_yielded_after_two_pages_then_the_stream_ends() {
    let server = MockServer::start().await;
    let at = "/numbered";
    page(
        &server,
        at,
        "page",
        None,
        json!({"items": items(&["a", "b"])}),
    )
    .await;
    page(
        &server,
        at,
        "page",
        Some("2"),
        json!({"items": items(&["c", "d"])}),
    )
    .await;
    answer(&server, at, "page", Some("3"), ResponseTemplate::new(400)).await;
    let client = client(&server);
    let params = ListNumberedParams {
        per_page: Some(2),
        ..Default::default()
    };
    let mut pages = client.list_numbered_pages(params);
    assert!(pages.next().await.unwrap().is_ok());
    assert!(pages.next().await.unwrap().is_ok());
    let error = pages.next().await.unwrap().unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert!(pages.next().await.is_none());
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn page_numbers_stop_at_the_total_and_start_where_the_call_says() {
    let server = MockServer::start().await;
    let at = "/numbered";
    page(
        &server,
        at,
        "page",
        Some("3"),
        json!({"items": items(&["e", "f"]), "total_count": 5}),
    )
    .await;
    page(
        &server,
        at,
        "page",
        Some("4"),
        json!({"items": items(&["g"]), "total_count": 5}),
    )
    .await;
    let client = client(&server);
    let params = ListNumberedParams {
        page: Some(3),
        ..Default::default()
    };
    // The items before page 3 are not counted towards the total, so it takes the empty page
    // to end the listing.
    page(
        &server,
        at,
        "page",
        Some("5"),
        json!({"items": [], "total_count": 5}),
    )
    .await;
    let (ids, error) = ids(client.list_numbered_items(params)).await;
    assert!(error.is_none());
    assert_eq!(ids, ["e", "f", "g"]);
    assert_eq!(requests(&server).await, ["page=3", "page=4", "page=5"]);
}

#[tokio::test]
async fn page_numbers_stop_when_the_total_is_reached() {
    let server = MockServer::start().await;
    let at = "/numbered";
    page(
        &server,
        at,
        "page",
        None,
        json!({"items": items(&["a", "b"]), "total_count": 3}),
    )
    .await;
    page(
        &server,
        at,
        "page",
        Some("2"),
        json!({"items": items(&["c"]), "total_count": 3}),
    )
    .await;
    let client = client(&server);
    let (ids, _) = ids(client.list_numbered_items(ListNumberedParams::default())).await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn an_offset_moves_on_by_the_items_received_until_an_empty_page() {
    let server = MockServer::start().await;
    let at = "/offset";
    page(
        &server,
        at,
        "offset",
        None,
        json!({"results": items(&["a", "b"])}),
    )
    .await;
    page(
        &server,
        at,
        "offset",
        Some("2"),
        json!({"results": items(&["c"])}),
    )
    .await;
    page(&server, at, "offset", Some("3"), json!({"results": []})).await;
    let client = client(&server);
    let (ids, _) = ids(client.list_by_offset_items(ListByOffsetParams::default())).await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requests(&server).await, ["", "offset=2", "offset=3"]);
}

#[tokio::test]
async fn starting_after_is_the_last_items_id_while_has_more() {
    let server = MockServer::start().await;
    let at = "/stripe";
    let body =
        |ids: &[&str], more: bool| json!({"data": items(ids), "has_more": more, "object": "list"});
    page(&server, at, "starting_after", None, body(&["a", "b"], true)).await;
    page(
        &server,
        at,
        "starting_after",
        Some("b"),
        body(&["c"], false),
    )
    .await;
    let client = client(&server);
    let (ids, _) = ids(client.list_after_last_id_items(ListAfterLastIdParams::default())).await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requests(&server).await, ["", "starting_after=b"]);
}

#[tokio::test]
async fn link_headers_are_followed_until_there_is_no_next() {
    let server = MockServer::start().await;
    let at = "/owners/me/linked";
    let next = format!(
        "<{0}{at}?page=1>; rel=\"prev\", <{0}{at}?per_page=2&page=2>; rel=\"next\"",
        server.uri()
    );
    let first = ResponseTemplate::new(200)
        .insert_header("link", next.as_str())
        .set_body_json(items(&["a", "b"]));
    answer(&server, at, "page", None, first).await;
    let last = ResponseTemplate::new(200)
        .insert_header(
            "link",
            format!("<{}{at}?page=1>; rel=\"first\"", server.uri()).as_str(),
        )
        .set_body_json(items(&["c"]));
    answer(&server, at, "page", Some("2"), last).await;
    let client = client(&server);
    let params = ListLinkedParams {
        per_page: Some(2),
        ..Default::default()
    };
    let (ids, _) = ids(client.list_linked_items("me", params)).await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requests(&server).await, ["per_page=2", "per_page=2&page=2"]);
}

#[tokio::test]
async fn the_extension_names_the_cursor_and_max_pages_stops_early() {
    let server = MockServer::start().await;
    let at = "/custom";
    page(
        &server,
        at,
        "token",
        None,
        json!({"things": items(&["a"]), "continuation": "k1"}),
    )
    .await;
    page(
        &server,
        at,
        "token",
        Some("k1"),
        json!({"things": items(&["b"]), "continuation": "k2"}),
    )
    .await;
    let client = client(&server);
    let (ids, _) = ids(client
        .list_custom_items(ListCustomParams::default())
        .max_pages(2))
    .await;
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(requests(&server).await, ["", "token=k1"]);
}

#[tokio::test]
async fn a_header_and_a_query_parameter_set_on_the_pages_go_with_every_pages_call() {
    let server = MockServer::start().await;
    let at = "/cursor";
    page(
        &server,
        at,
        "cursor",
        None,
        json!({"data": items(&["a"]), "next_cursor": "c1"}),
    )
    .await;
    page(
        &server,
        at,
        "cursor",
        Some("c1"),
        json!({"data": items(&["b"]), "next_cursor": null}),
    )
    .await;
    let client = client(&server);
    let stream = client
        .list_by_cursor_items(ListByCursorParams::default())
        .header("x-trace-id", "t-9")
        .query("expand", "owner");
    let (ids, error) = ids(stream).await;
    assert_eq!(ids, ["a", "b"]);
    assert!(error.is_none(), "{error:?}");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for request in &received {
        assert_eq!(request.headers["x-trace-id"], "t-9");
        assert!(
            request
                .url
                .query_pairs()
                .any(|(k, v)| k == "expand" && v == "owner"),
            "{}",
            request.url
        );
    }
}

#[tokio::test]
async fn retries_and_time_limits_set_on_the_pages_apply_to_each_pages_call() {
    let server = MockServer::start().await;
    answer(
        &server,
        "/cursor",
        "cursor",
        None,
        ResponseTemplate::new(503),
    )
    .await;
    let once = client(&server);
    // The client retries twice by default; the stream's setting sends each page once.
    let (ids_before, error) = ids(once
        .list_by_cursor_items(ListByCursorParams::default())
        .max_retries(0))
    .await;
    assert!(ids_before.is_empty());
    assert_eq!(
        error.and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(503)
    );
    assert_eq!(requests(&server).await.len(), 1);

    let slow = MockServer::start().await;
    answer(
        &slow,
        "/cursor",
        "cursor",
        None,
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": items(&["a"]), "next_cursor": null}))
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let quick = client(&slow);
    let (_, error) = ids(quick
        .list_by_cursor_items(ListByCursorParams::default())
        .max_retries(0)
        .timeout(Duration::from_millis(100)))
    .await;
    match error {
        Some(Error::Transport(transport)) => assert!(transport.is_timeout(), "{transport:?}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
}
