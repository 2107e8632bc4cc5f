//! Multipart bodies whose schema is not an object (issue 11, item 6), a `303` documented as the
//! success and `text/json` bodies (items 7 and 8), through the generated `features` client and a
//! loopback server; multipart bodies are parsed by `multer`, not by the client's own code.

use bytes::Bytes;
use features::types::Owner;
use features::{Client, Error, Upload};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
mod features_server;
use common::{multipart_tuples as multipart_parts, only_request, server_with};
use features_server::client;

#[tokio::test]
async fn a_bare_binary_multipart_body_is_one_named_file_part() {
    let server = server_with(ResponseTemplate::new(204)).await;
    client(&server)
        .upload_raw(&Upload::new(Bytes::from_static(b"\x00\x9f\x92\x96")).file_name("raw.bin"))
        .await
        .unwrap();
    let parts = multipart_parts(&only_request(&server).await).await;
    assert_eq!(
        parts,
        [(
            "file".to_owned(),
            Some("raw.bin".to_owned()),
            Some("application/octet-stream".to_owned()),
            b"\x00\x9f\x92\x96".to_vec()
        )]
    );
}

#[tokio::test]
async fn an_array_multipart_body_is_one_part_per_item_named_by_its_encoding() {
    let server = server_with(ResponseTemplate::new(204)).await;
    client(&server)
        .upload_tags(&["red".to_owned(), "blue".to_owned()])
        .await
        .unwrap();
    let parts = multipart_parts(&only_request(&server).await).await;
    let text = |body: &str| {
        (
            "tag".to_owned(),
            None,
            Some("text/plain".to_owned()),
            body.into(),
        )
    };
    assert_eq!(parts, [text("red"), text("blue")]);
}

#[tokio::test]
async fn a_documented_303_is_the_success_with_its_location_and_text_json_is_typed() {
    let server = server_with(
        ResponseTemplate::new(303).insert_header("location", "https://elsewhere.example/r/1"),
    )
    .await;
    // A client that follows no redirect sees the 303 as the server sent it (the runtime does
    // not follow cross-origin ones).
    let client = Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .http_client(
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let owner = Owner {
        id: 7,
        username: "ada".into(),
    };
    let response = client.submit(&owner).send().await.unwrap();
    assert_eq!(response.status, 303);
    assert_eq!(
        response.headers["location"],
        "https://elsewhere.example/r/1"
    );
    let request = only_request(&server).await;
    assert_eq!(request.headers["content-type"], "text/json");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"id": 7, "username": "ada"}));
}

#[tokio::test]
async fn a_followed_303_succeeds_with_the_targets_answer() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(303).insert_header("location", "/api/results/1"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/results/1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("done"))
        .mount(&server)
        .await;
    let owner = Owner {
        id: 7,
        username: "ada".into(),
    };
    let response = client(&server).submit(&owner).send().await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_text_json_error_body_is_typed() {
    let server = server_with(
        ResponseTemplate::new(400)
            .insert_header("content-type", "text/json")
            .set_body_string(r#"{"id": 1, "username": "taken"}"#),
    )
    .await;
    let owner = Owner {
        id: 7,
        username: "ada".into(),
    };
    let error = client(&server).submit(&owner).await.unwrap_err();
    let Error::Api { error, .. } = error else {
        panic!("{error:?}")
    };
    assert_eq!(
        error,
        features::operations::SubmitError::BadRequest(Some(Owner {
            id: 1,
            username: "taken".into()
        }))
    );
}
