//! The `swagger2` fixture (`spec/fixtures/swagger2.yaml`, a Swagger 2.0 description converted
//! to OpenAPI 3.0 when loaded) against a loopback server: what the 2.0 description says about
//! the wire holds for the generated client. A `formData` file is a multipart file part;
//! `collectionFormat` `pipes`, `ssv`, `csv` and `multi` arrays are delimited or repeated; form
//! parameters make a form-urlencoded body; a body parameter is the JSON body; `apiKey` and
//! `basic` security definitions send their credentials.

#![allow(clippy::unwrap_used)]

mod common;

use bytes::Bytes;
use serde_json::{Value, json};
use swagger2::Client;
use swagger2::operations::{GetPetParams, ListPetsParams};
use swagger2::types::{Animal, ListPetsKindsItem, NewPet, Pet, UpdateNotesBody, UploadPhotoBody};
use wiremock::{MockServer, Request, ResponseTemplate};

use common::{multipart_tuples as multipart_parts, only_request, server_with};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .api_key("secret-key")
        .basic_auth("ann", "pw")
        .build()
        .unwrap()
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn the_servers_come_from_host_base_path_and_schemes() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url(), "https://api.example.com/v2");
}

#[tokio::test]
async fn a_form_data_file_is_a_multipart_file_part() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let body = UploadPhotoBody {
        caption: Some("on the sofa".into()),
        photo: Bytes::from_static(b"\x89PNG\r\n").into(),
    };
    client(&server).upload_photo(7, &body).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/pets/7/photo");
    assert!(
        header(&request, "content-type")
            .unwrap()
            .starts_with("multipart/form-data; boundary="),
    );
    let parts = multipart_parts(&request).await;
    assert_eq!(
        parts,
        [
            ("caption".into(), None, None, b"on the sofa".to_vec()),
            (
                "photo".into(),
                Some("photo".into()),
                Some("application/octet-stream".into()),
                b"\x89PNG\r\n".to_vec()
            ),
        ]
    );
}

#[tokio::test]
async fn collection_formats_delimit_or_repeat_query_arrays() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    let params = ListPetsParams {
        tags: Some(vec!["a".into(), "b".into(), "c".into()]),
        ids: Some(vec![1, 2]),
        kinds: Some(vec![ListPetsKindsItem::Cat, ListPetsKindsItem::Dog]),
        words: Some(vec!["x".into(), "y".into()]),
        limit: Some(5),
    };
    let pets = client(&server).list_pets(params).await.unwrap();
    assert!(pets.is_empty());
    let request = only_request(&server).await;
    // The delimiters are percent-encoded, as every reserved character in a query value is;
    // the server decodes them.
    assert_eq!(
        request.url.query(),
        Some("tags=a%7Cb%7Cc&ids=1&ids=2&kinds=cat,dog&words=x%20y&limit=5")
    );
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        pairs,
        [
            pair("tags", "a|b|c"),
            pair("ids", "1"),
            pair("ids", "2"),
            pair("kinds", "cat,dog"),
            pair("words", "x y"),
            pair("limit", "5"),
        ]
    );
}

#[tokio::test]
async fn a_documented_response_header_is_read_as_its_type() {
    // The 2.0 `headers` of the response (`X-Total`, an integer) are listed in the method's
    // docs, and `Response::header` reads one as the type asked for.
    let server = server_with(
        ResponseTemplate::new(200)
            .set_body_json(json!([]))
            .insert_header("X-Total", "12"),
    )
    .await;
    let response = client(&server)
        .list_pets(ListPetsParams::default())
        .send()
        .await
        .unwrap();
    assert_eq!(response.header::<u64>("x-total"), Some(12));
    assert_eq!(response.header::<u64>("x-missing"), None);
}

#[tokio::test]
async fn a_csv_header_array_is_comma_separated() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({
        "id": 1, "name": "Rex", "tag": null
    })))
    .await;
    let params = GetPetParams {
        x_trace: Some(vec!["a".into(), "b".into()]),
    };
    let pet = client(&server).get_pet(1, params).await.unwrap();
    assert_eq!(
        pet.tag,
        Some(None),
        "x-nullable keeps null apart from absence"
    );
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-trace"), Some("a,b"));
}

#[tokio::test]
async fn form_parameters_make_a_form_urlencoded_body() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let body = UpdateNotesBody {
        note: "good dog".into(),
        labels: Some(vec!["x".into(), "y".into()]),
        scores: Some(vec![3, 4]),
    };
    client(&server).update_notes(9, &body).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // `labels` is `csv` (2.0's default): one comma-separated value; `scores` is `multi`.
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "note=good%20dog&labels=x,y&scores=3&scores=4"
    );
}

#[tokio::test]
async fn a_body_parameter_is_the_json_body_and_basic_auth_is_sent() {
    let server = server_with(ResponseTemplate::new(201).set_body_json(json!({
        "id": 3, "name": "Tom", "kind": "cat"
    })))
    .await;
    let body = NewPet {
        name: "Tom".into(),
        tag: None,
    };
    let pet: Pet = client(&server).add_pet(&body).await.unwrap();
    assert_eq!(pet.id, 3);
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"name": "Tom"}));
    // `basic` only: the operation's own `security`.
    assert_eq!(header(&request, "authorization"), Some("Basic YW5uOnB3"));
    assert_eq!(header(&request, "x-api-key"), None);
}

#[tokio::test]
async fn an_authorization_header_set_on_a_call_replaces_the_basic_credentials() {
    let server = server_with(ResponseTemplate::new(201).set_body_json(json!({
        "id": 3, "name": "Tom", "kind": "cat"
    })))
    .await;
    let body = NewPet {
        name: "Tom".into(),
        tag: None,
    };
    client(&server)
        .add_pet(&body)
        .header("authorization", "Basic Ym9iOnB3")
        .await
        .unwrap();
    let request = only_request(&server).await;
    let sent: Vec<_> = request.headers.get_all("authorization").iter().collect();
    assert_eq!(sent, ["Basic Ym9iOnB3"]);
}

#[tokio::test]
async fn the_api_key_security_definition_sends_its_header() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!([
        {"animalType": "Cat", "name": "Tom", "indoor": true},
        {"animalType": "Dog", "barks": false}
    ])))
    .await;
    let animals = client(&server).list_animals().await.unwrap();
    assert!(matches!(animals[0], Animal::Cat(_)), "{animals:?}");
    assert!(matches!(animals[1], Animal::Dog(_)), "{animals:?}");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("secret-key"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn a_file_response_is_bytes() {
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(b"\x89PNG".to_vec(), "image/png"))
            .await;
    let photo = client(&server).get_photo(1).await.unwrap();
    assert_eq!(photo.as_ref(), b"\x89PNG");
}
