//! Request encodings and response kinds, through the generated `features` client and a
//! loopback server: query styles, headers and cookies, form and multipart bodies, binary and
//! text bodies, and several success statuses.

use bytes::Bytes;
use features::Error;
use features::operations::{CreateThingError, CreateThingResponse, ListItemsParams};
use features::types::{Filter, FilterSize, FormData, Item, UploadForm, UploadFormMeta};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
mod features_server;
use common::{only_request, server_with};
use features_server::client;

#[tokio::test]
async fn query_arrays_deep_objects_headers_and_cookies() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}]))).await;
    let params = ListItemsParams {
        tags: Some(vec!["red".into(), "big box".into()]),
        ids: Some(vec![1, 2, 3]),
        filter: Some(Filter {
            color: Some("blue".into()),
            size: Some(FilterSize { gt: Some(5) }),
        }),
        start_time_lt: Some("2024-01-01".into()),
        start_time_gt: None,
        // `allowReserved`: `/` and `?` as they are, `&` and `#` still encoded.
        path: Some("docs/a b?v=1&x#y".into()),
        x_trace: Some("trace-1".into()),
        x_session_token: Some("tok-1".into()),
        session: Some("s 1".into()),
    };
    // A credential-like parameter's value stays out of `Debug`, as the runtime keeps such
    // headers out of it; the others show.
    let shown = format!("{params:?}");
    assert!(
        shown.contains("x_session_token: Some(\"<redacted>\")") && !shown.contains("tok-1"),
        "{shown}"
    );
    assert!(shown.contains("x_trace: Some(\"trace-1\")"), "{shown}");
    let items = client(&server).list_items(params).await.unwrap();
    assert_eq!(items, [Item { id: 1, name: None }]);
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/items");
    assert_eq!(
        request.url.query(),
        Some(
            "tags=red&tags=big%20box&ids=1,2,3&filter%5Bcolor%5D=blue&filter%5Bsize%5D%5Bgt%5D=5\
             &StartTime%3C=2024-01-01&path=docs/a%20b?v=1%26x%23y"
        )
    );
    assert_eq!(request.headers["x-trace"], "trace-1");
    assert_eq!(request.headers["x-session-token"], "tok-1");
    assert_eq!(request.headers["cookie"], "session=s%201");
}

#[tokio::test]
async fn unset_optional_parameters_are_not_sent() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    client(&server)
        .list_items(ListItemsParams::default())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(!request.headers.contains_key("cookie"));
    assert!(!request.headers.contains_key("x-trace"));
}

/// A `format: binary` field is its octets, percent-encoded (any byte, not only UTF-8), not the
/// list of numbers serde writes bytes as; an array of them repeats the key.
#[tokio::test]
async fn binary_form_fields_are_sent_as_their_bytes() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = FormData {
        name: "n".into(),
        tags: None,
        expand: None,
        metadata: None,
        content: Some(bytes::Bytes::from_static(b"a b\xff~")),
        attachments: Some(vec![
            bytes::Bytes::from_static(b"x"),
            bytes::Bytes::from_static(b"\x00&"),
        ]),
        filter: None,
        next: None,
    };
    client(&server).submit_form(&form).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "name=n&content=a%20b%FF~&attachments=x&attachments=%00%26"
    );
}

/// As OpenAPI's Encoding Object says: an object field without an encoding is JSON text (its
/// default `contentType`), and `contentType: application/json` makes even a string JSON text;
/// `deepObject` is brackets.
#[tokio::test]
async fn form_bodies_are_url_encoded() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = FormData {
        name: "a&b c".into(),
        tags: Some(vec!["x".into(), "y".into()]),
        expand: Some(vec!["customer".into()]),
        metadata: Some([("k".to_owned(), "v".to_owned())].into()),
        content: None,
        attachments: None,
        filter: Some("a b".into()),
        // `allowReserved`: `:/?=` as they are, `&` and `#` still encoded.
        next: Some("https://x.test/p?q=1&r#s".into()),
    };
    client(&server).submit_form(&form).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "name=a%26b%20c&tags=x&tags=y&expand%5B%5D=customer&metadata=%7B%22k%22%3A%22v%22%7D\
         &filter=%22a%20b%22&next=https://x.test/p?q=1%26r%23s"
    );
}

#[tokio::test]
async fn multipart_bodies_have_one_part_per_field() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = UploadForm {
        title: "report".into(),
        file: Some(Bytes::from_static(b"%PDF\x00\xff").into()),
        count: Some(3),
        meta: Some(UploadFormMeta {
            kind: Some("pdf".into()),
        }),
    };
    client(&server).upload(&form).await.unwrap();
    let request = only_request(&server).await;
    let content_type = request.headers["content-type"].to_str().unwrap().to_owned();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nreport\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(b"%PDF\x00\xff");
    expected.extend_from_slice(
        format!(
            "\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n\
             Content-Type: application/json\r\n\r\n{{\"kind\":\"pdf\"}}\r\n--{boundary}--\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(request.body, expected);
}

#[tokio::test]
async fn binary_bodies_go_both_ways() {
    let bytes: Vec<u8> = (0..=255).collect();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/files/a%20b.bin"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    let downloaded: Bytes = client.download("a b.bin").await.unwrap();
    assert_eq!(&downloaded[..], &bytes[..]);
    client.put_file("copy.bin", bytes.clone()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].headers["accept"],
        "application/octet-stream, */*;q=0.1"
    );
    let put = &requests[1];
    assert_eq!(put.headers["content-type"], "application/octet-stream");
    assert_eq!(put.body, bytes);
}

#[tokio::test]
async fn text_bodies_decode_as_strings() {
    let server = server_with(ResponseTemplate::new(200).set_body_string("héllo\nworld")).await;
    let note = client(&server).read_note(7).await.unwrap();
    assert_eq!(note, "héllo\nworld");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/notes/7.txt");
    // The documented type first, anything else after it.
    assert_eq!(request.headers["accept"], "text/plain, */*;q=0.1");

    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(vec![0xff, 0xfe], "text/plain")).await;
    let error = client(&server).read_note(7).await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

/// OpenAPI defines `integer` by value (3.0.4 and 3.1.1, appendix B): `1.0` and `2e0` are the
/// integers 1 and 2, as many JSON encoders write them; `1.5` is not an integer.
#[tokio::test]
async fn whole_numbers_written_as_floats_decode_as_integers() {
    let body = br#"[{"id": 1.0, "name": "one"}, {"id": 2e0}]"#.to_vec();
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let items = client(&server)
        .list_items(ListItemsParams::default())
        .await
        .unwrap();
    let ids: Vec<i64> = items.iter().map(|item| item.id).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(items[0].name.as_deref(), Some("one"));

    let body = br#"[{"id": 1}, {"id": 1.5}]"#.to_vec();
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let error = client(&server)
        .list_items(ListItemsParams::default())
        .await
        .unwrap_err();
    match &error {
        Error::Decode { source, .. } => {
            let text = source.to_string();
            assert!(
                text.starts_with("at `[1].id`: invalid type: floating point `1.5`"),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A server that writes an `integer` as a string of digits, or a `string` as a number (the
/// description says otherwise, the value is plain), is read as meant, in every item: the
/// generated types' own readers report the field they stopped at and the runtime repairs it.
/// Text that is not a number still fails, naming that field (not the one repaired before it).
#[tokio::test]
async fn numbers_sent_as_text_and_text_sent_as_numbers_decode_as_described() {
    let body = br#"[{"id": "7", "name": 5}, {"id": "8", "name": "eight"}, {"id": 9.0}]"#.to_vec();
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let items = client(&server)
        .list_items(ListItemsParams::default())
        .await
        .unwrap();
    let read: Vec<(i64, Option<&str>)> = items
        .iter()
        .map(|item| (item.id, item.name.as_deref()))
        .collect();
    assert_eq!(read, [(7, Some("5")), (8, Some("eight")), (9, None)]);

    let body = br#"[{"id": "7"}, {"id": "seven"}]"#.to_vec();
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let error = client(&server)
        .list_items(ListItemsParams::default())
        .await
        .unwrap_err();
    match &error {
        Error::Decode { source, .. } => {
            let text = source.to_string();
            assert!(
                text.starts_with("at `[1].id`: invalid type: string \"seven\""),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn each_success_status_has_its_own_variant() {
    let item = Item {
        id: 1,
        name: Some("one".into()),
    };
    let cases = [
        (
            ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "one"})),
            CreateThingResponse::Ok(item.clone()),
        ),
        (
            ResponseTemplate::new(201).set_body_json(json!({"ticket": "t-1"})),
            CreateThingResponse::Created(features::types::Receipt {
                ticket: Some("t-1".into()),
            }),
        ),
        (ResponseTemplate::new(202), CreateThingResponse::Accepted),
    ];
    for (response, expected) in cases {
        let server = server_with(response).await;
        let got = client(&server).create_thing(&item).await.unwrap();
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn a_status_range_catches_its_codes() {
    let server = server_with(ResponseTemplate::new(429).set_body_raw(
        br#"{"title": "slow down"}"#.to_vec(),
        "application/problem+json",
    ))
    .await;
    let item = Item { id: 1, name: None };
    let error = client(&server).create_thing(&item).await.unwrap_err();
    match error.api_error() {
        Some(CreateThingError::ClientError(Some(problem))) => {
            assert_eq!(problem.title.as_deref(), Some("slow down"));
        }
        other => panic!("{other:?}"),
    }
    // An error body's whole number written as a float is its integer too.
    let server = server_with(ResponseTemplate::new(429).set_body_raw(
        br#"{"title": "slow down", "status": 429.0}"#.to_vec(),
        "application/problem+json",
    ))
    .await;
    let error = client(&server).create_thing(&item).await.unwrap_err();
    match error.api_error() {
        Some(CreateThingError::ClientError(Some(problem))) => {
            assert_eq!(problem.status, Some(429));
        }
        other => panic!("{other:?}"),
    }
    let server = server_with(ResponseTemplate::new(503)).await;
    let error = client(&server).create_thing(&item).await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
}

#[tokio::test]
async fn a_body_field_on_a_call_without_a_json_object_body_fails_before_sending() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let client = client(&server);
    // `read_note` sends no body; `set_limit`'s is a JSON number, which has no fields.
    let errors = [
        client.read_note(1).body_field("x", &1).await.unwrap_err(),
        client
            .set_limit("a", 5)
            .body_field("x", &1)
            .await
            .unwrap_err(),
    ];
    for (error, why) in errors.iter().zip(["no JSON body", "not a JSON object"]) {
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert!(error.to_string().contains(why), "{error}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
