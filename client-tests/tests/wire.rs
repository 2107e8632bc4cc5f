//! Request encodings against the OpenAPI 3.0.3 serialization rules, through the generated
//! `features` client and a loopback server: multipart arrays, files and `encoding` objects, JSON
//! parameters outside the query, exploded delimited query styles, form `encoding` styles,
//! discriminated `oneOf` bodies whose tag is decided by the variant, `format: binary` bytes
//! inside JSON, a body offered in several forms, each sent by a method of its own, and a
//! `text/plain` body of one integer or boolean, taken typed and sent as its text, a response
//! to HEAD, never decoded whatever content the spec declares for it, and numbers in parameters
//! and forms written as the numbers they are (`571700`, not `571700.0`).

use bytes::Bytes;
use features::Upload;
use features::operations::{PlacePointParams, SendWireParams};
use features::types::{
    Cat, Document, Dog, Owner, Pet, PlacePointBody, PlacePointNear, Query, RunQueryMultipartBody,
    Scope, ScopeChat, ScopeDefault, StyledForm, StyledFormShape, TranscriptionForm,
    TranscriptionFormLabelsItem, TranscriptionFormTimestampGranularitiesItem,
};
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

mod common;
mod features_server;
use common::{Part, multipart_parts, only_request, server_with};
use features_server::client;

fn text(part: &Part) -> &str {
    std::str::from_utf8(&part.body).unwrap()
}

#[tokio::test]
async fn multipart_arrays_are_one_part_per_item() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = TranscriptionForm {
        file: Bytes::from_static(b"RIFF\x00\xff").into(),
        timestamp_granularities: Some(vec![
            TranscriptionFormTimestampGranularitiesItem::Word,
            TranscriptionFormTimestampGranularitiesItem::Segment,
        ]),
        attachments: Some(vec![
            Bytes::from_static(b"\x01\x02").into(),
            Bytes::from_static(b"\xfe\xff").into(),
        ]),
        ids: Some(vec![4, 5]),
        labels: Some(vec![
            TranscriptionFormLabelsItem {
                k: Some("a".into()),
            },
            TranscriptionFormLabelsItem { k: None },
        ]),
        image: None,
        doc: None,
        signature: None,
    };
    client(&server).transcribe(&form).await.unwrap();
    let parts = multipart_parts(&only_request(&server).await).await;
    let summary: Vec<(&str, Option<&str>, Option<&str>)> = parts
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.file_name.as_deref(),
                p.content_type.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("file", Some("file"), Some("application/octet-stream")),
            ("timestamp_granularities[]", None, None),
            ("timestamp_granularities[]", None, None),
            (
                "attachments",
                Some("attachments"),
                Some("application/octet-stream")
            ),
            (
                "attachments",
                Some("attachments"),
                Some("application/octet-stream")
            ),
            ("ids", None, None),
            ("ids", None, None),
            ("labels", None, Some("application/json")),
            ("labels", None, Some("application/json")),
        ]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|p| p.body.as_slice()).collect();
    assert_eq!(
        bodies,
        [
            b"RIFF\x00\xff".as_slice(),
            b"word",
            b"segment",
            b"\x01\x02",
            b"\xfe\xff",
            b"4",
            b"5",
            br#"{"k":"a"}"#,
            b"{}",
        ]
    );
}

#[tokio::test]
async fn multipart_encoding_objects_set_part_types_and_headers() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = TranscriptionForm {
        file: Bytes::from_static(b"f").into(),
        timestamp_granularities: None,
        attachments: None,
        ids: None,
        labels: None,
        image: Some(Bytes::from_static(b"\x89PNG").into()),
        doc: Some(Bytes::from_static(b"%PDF").into()),
        signature: Some("AAEC".into()),
    };
    client(&server).transcribe(&form).await.unwrap();
    let parts = multipart_parts(&only_request(&server).await).await;
    assert_eq!(parts.len(), 4);
    let image = &parts[1];
    assert_eq!(image.name, "image");
    // `image/*, image/png, image/jpeg`: the first concrete type.
    assert_eq!(image.content_type.as_deref(), Some("image/png"));
    assert_eq!(image.body, b"\x89PNG");
    let doc = &parts[2];
    assert_eq!(doc.name, "doc");
    assert_eq!(doc.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(text(doc), "%PDF");
    // A header with one possible value is sent; one the client has no value for is not, and
    // `Content-Type` in `headers` is ignored, as the specification says.
    let extra: Vec<(&str, &str)> = doc
        .headers
        .iter()
        .filter(|(k, _)| k != "content-disposition")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        extra,
        [("content-type", "application/pdf"), ("x-origin", "scanner")]
    );
    // A `format: byte` string defaults to `application/octet-stream` (OpenAPI 3.0), as text.
    let signature = &parts[3];
    assert_eq!(signature.name, "signature");
    assert_eq!(
        signature.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(signature.file_name, None);
    assert_eq!(text(signature), "AAEC");
}

#[tokio::test]
async fn files_carry_the_name_and_media_type_the_caller_gives() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = TranscriptionForm {
        // A server that reads the format from the file's name (as OpenAI's transcriptions do)
        // gets it; a name with a quote, CR or LF cannot break out of its header.
        file: Upload::new(&b"ID3\x04"[..])
            .file_name("talk \"final\".mp3")
            .content_type("audio/mpeg"),
        timestamp_granularities: None,
        attachments: Some(vec![
            Upload::new("a").file_name("a.txt"),
            Upload::new("b").file_name("b\r\nX-Injected: 1"),
        ]),
        ids: None,
        labels: None,
        // The caller's type wins over the one the `encoding` gives the field (`image/png`).
        image: Some(Upload::new(&b"\xff\xd8"[..]).content_type("image/jpeg")),
        doc: None,
        signature: None,
    };
    client(&server).transcribe(&form).await.unwrap();
    let request = only_request(&server).await;
    let parts = multipart_parts(&request).await;
    let summary: Vec<(&str, Option<&str>, Option<&str>)> = parts
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.file_name.as_deref(),
                p.content_type.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("file", Some("talk %22final%22.mp3"), Some("audio/mpeg")),
            (
                "attachments",
                Some("a.txt"),
                Some("application/octet-stream")
            ),
            (
                "attachments",
                Some("b%0D%0AX-Injected: 1"),
                Some("application/octet-stream")
            ),
            ("image", Some("image"), Some("image/jpeg")),
        ]
    );
    assert!(
        parts
            .iter()
            .all(|p| p.headers.iter().all(|(k, _)| k != "x-injected"))
    );
    assert_eq!(parts[0].body, b"ID3\x04");
    assert_eq!(parts[3].body, b"\xff\xd8");
}

#[tokio::test]
async fn a_file_type_that_is_not_a_header_value_fails_before_sending() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = TranscriptionForm {
        file: Upload::new("x").content_type("audio/mpeg\r\nX-Injected: 1"),
        timestamp_granularities: None,
        attachments: None,
        ids: None,
        labels: None,
        image: None,
        doc: None,
        signature: None,
    };
    let error = client(&server).transcribe(&form).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("not a valid `Content-Type` value"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn json_and_exploded_parameters_outside_the_query() {
    let server =
        server_with(ResponseTemplate::new(200).set_body_json(json!({"type": "default"}))).await;
    let owner = Owner {
        id: 7,
        username: "ann".into(),
    };
    let params = SendWireParams {
        prefs: Some(Owner {
            id: 8,
            username: "b c".into(),
        }),
        x_shape: Some(Owner {
            id: 9,
            username: "é".into(),
        }),
        ..Default::default()
    };
    let scope = Scope::Default(ScopeDefault {
        r#type: "default".into(),
    });
    client(&server)
        .send_wire(&owner, &owner, &scope, params)
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/api/wire/%7B%22id%22%3A7%2C%22username%22%3A%22ann%22%7D"
    );
    assert_eq!(request.headers["x-owner"], r#"{"id":7,"username":"ann"}"#);
    // `simple` with `explode: true`: an object's pairs as `key=value`.
    assert_eq!(
        request.headers["x-shape"].as_bytes(),
        "id=9,username=é".as_bytes()
    );
    assert_eq!(
        request.headers["cookie"],
        "prefs={%22id%22:8%2C%22username%22:%22b%20c%22}"
    );
}

#[tokio::test]
async fn exploded_delimited_query_styles_repeat_the_name() {
    let server =
        server_with(ResponseTemplate::new(200).set_body_json(json!({"type": "default"}))).await;
    let owner = Owner {
        id: 1,
        username: "a".into(),
    };
    let params = SendWireParams {
        spaced: Some(vec!["a".into(), "b c".into()]),
        piped: Some(vec!["x".into(), "y".into()]),
        joined: Some(vec!["p".into(), "q".into()]),
        prefs: None,
        x_shape: None,
    };
    let scope = Scope::Default(ScopeDefault {
        r#type: "default".into(),
    });
    client(&server)
        .send_wire(&owner, &owner, &scope, params)
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("spaced=a&spaced=b%20c&piped=x&piped=y&joined=p%7Cq")
    );
}

#[tokio::test]
async fn form_encoding_styles_are_honoured() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let form = StyledForm {
        ids: Some(vec![1, 2]),
        words: Some(vec!["a".into(), "b".into()]),
        shape: Some(StyledFormShape {
            color: Some("red".into()),
            size: Some(3),
        }),
        expand: Some(vec!["x".into()]),
        plain: Some(vec!["p".into(), "q".into()]),
    };
    client(&server).submit_styled_form(&form).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "ids=1,2&words=a%20b&color=red&size=3&expand%5B%5D=x&plain=p&plain=q"
    );
}

async fn sent_json(server: &MockServer) -> Value {
    serde_json::from_slice(&only_request(server).await.body).unwrap()
}

#[tokio::test]
async fn the_variant_decides_the_tag_with_a_mapping() {
    let server = server_with(
        ResponseTemplate::new(200).set_body_json(json!({"type": "chat", "chat_id": 5})),
    )
    .await;
    let owner = Owner {
        id: 1,
        username: "a".into(),
    };
    // The tag field says `default`, but the variant is `Chat`: the variant wins.
    let mismatched = Scope::Chat(ScopeChat {
        r#type: "default".into(),
        chat_id: 5,
    });
    let stored = client(&server)
        .send_wire(&owner, &owner, &mismatched, SendWireParams::default())
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server).await,
        json!({"type": "chat", "chat_id": 5})
    );
    assert!(
        matches!(stored, Scope::Chat(ScopeChat { chat_id: 5, .. })),
        "{stored:?}"
    );

    // And what is sent decodes as the variant that was sent.
    let wire = serde_json::to_value(&mismatched).unwrap();
    let back: Scope = serde_json::from_value(wire).unwrap();
    assert!(matches!(back, Scope::Chat(_)), "{back:?}");
}

#[tokio::test]
async fn the_variant_decides_the_tag_without_a_mapping() {
    let server = server_with(
        ResponseTemplate::new(200).set_body_json(json!({"petType": "Dog", "name": "Rex"})),
    )
    .await;
    let mismatched = Pet::Dog(Dog {
        pet_type: "Cat".into(),
        name: "Rex".into(),
        good: Some(true),
    });
    let stored = client(&server).add_pet(&mismatched).await.unwrap();
    assert_eq!(
        sent_json(&server).await,
        json!({"petType": "Dog", "name": "Rex", "good": true})
    );
    assert!(matches!(stored, Pet::Dog(_)), "{stored:?}");
    let cat = Pet::Cat(Cat {
        pet_type: "Cat".into(),
        name: "Tom".into(),
    });
    assert_eq!(
        serde_json::to_value(&cat).unwrap(),
        json!({"petType": "Cat", "name": "Tom"})
    );
}

#[tokio::test]
async fn binary_properties_of_a_json_body_are_strings() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({
        "content": "%PDF-1.7",
        "pages": ["one", [255, 0]],
        "caption": null,
        "parts": {"cover": "c"},
    })))
    .await;
    let document = Document {
        content: Bytes::from_static(b"%PDF-1.7"),
        // Octets that are not UTF-8 cannot be a JSON string: they stay serde's numbers.
        pages: Some(vec![
            Bytes::from_static(b"one"),
            Bytes::from_static(b"\xff\x00"),
        ]),
        caption: Some(None),
        parts: Some([("cover".to_owned(), Bytes::from_static(b"c"))].into()),
    };
    let stored = client(&server).post_document(&document).await.unwrap();
    assert_eq!(
        sent_json(&server).await,
        json!({
            "content": "%PDF-1.7",
            "pages": ["one", [255, 0]],
            "caption": null,
            "parts": {"cover": "c"},
        })
    );
    // A JSON string reads back as its bytes, and so does a list of octets.
    assert_eq!(stored, document);
}

#[tokio::test]
async fn a_json_body_whose_schema_is_bytes_is_sent_and_read_as_it_is() {
    let server = server_with(
        ResponseTemplate::new(200).set_body_raw(&b"{\"stored\": true}"[..], "application/json"),
    )
    .await;
    let stored = client(&server)
        .put_raw_document(&b"{\"a\": 1}"[..])
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.body, b"{\"a\": 1}");
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(stored, Bytes::from_static(b"{\"stored\": true}"));
}

/// The three forms of `POST /queries`: each method sends its own media type, and all three
/// decode the same response.
#[tokio::test]
async fn each_form_of_a_body_is_sent_by_its_own_method() {
    let answer = ResponseTemplate::new(200).set_body_json(json!({"rows": 3}));
    let query = "from(bucket: \"b\")";

    let server = server_with(answer.clone()).await;
    let body = Query {
        query: query.to_owned(),
    };
    let result = client(&server).run_query(&body).await.unwrap();
    assert_eq!(result.rows, 3);
    let request = only_request(&server).await;
    assert_eq!(request.headers["content-type"], "application/json");
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"query": query}));

    let server = server_with(answer.clone()).await;
    let form = RunQueryMultipartBody {
        query: query.to_owned(),
        data: Upload::new("a,b\n1,2\n").file_name("data.csv"),
    };
    let result = client(&server).run_query_multipart(&form).await.unwrap();
    assert_eq!(result.rows, 3);
    let request = only_request(&server).await;
    let content_type = request.headers["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("multipart/form-data; boundary="));
    let parts = multipart_parts(&request).await;
    let names: Vec<(&str, Option<&str>)> = parts
        .iter()
        .map(|p| (p.name.as_str(), p.file_name.as_deref()))
        .collect();
    assert_eq!(names, [("query", None), ("data", Some("data.csv"))]);
    assert_eq!(text(&parts[0]), query);
    assert_eq!(parts[1].body, b"a,b\n1,2\n");

    let server = server_with(answer).await;
    let result = client(&server).run_query_flux(query).await.unwrap();
    assert_eq!(result.rows, 3);
    let request = only_request(&server).await;
    assert_eq!(request.headers["content-type"], "application/vnd.flux");
    assert_eq!(request.body, query.as_bytes());
}

#[tokio::test]
async fn a_response_to_head_is_not_decoded_whatever_content_the_spec_declares() {
    // `limitExists` declares `application/json` content for its 200, as a GET's; the server
    // answers a HEAD without content, and the call succeeds.
    let server = server_with(ResponseTemplate::new(200)).await;
    client(&server).limit_exists("rate").await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "HEAD");
    assert_eq!(request.url.path(), "/api/limits/rate");

    let server = server_with(ResponseTemplate::new(404)).await;
    let error = client(&server).limit_exists("rate").await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
}

#[tokio::test]
async fn a_plain_text_scalar_body_is_taken_typed_and_sent_as_its_text() {
    let server = server_with(ResponseTemplate::new(204)).await;
    client(&server).set_limit("rate", -150).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/limits/rate");
    assert_eq!(request.headers["content-type"], "text/plain");
    assert_eq!(request.body, b"-150");

    let server = server_with(ResponseTemplate::new(204)).await;
    client(&server)
        .enable_limit("rate", Some(true))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.headers["content-type"], "text/plain");
    assert_eq!(request.body, b"true");

    // Optional: none sent.
    let server = server_with(ResponseTemplate::new(204)).await;
    client(&server).enable_limit("rate", None).await.unwrap();
    let request = only_request(&server).await;
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());
}

/// A `type: number` is JSON Schema's number, where `571700.0` and `571700` are one value; as
/// text in a path, query, header or form, and in JSON text, it is written without the `.0` a
/// Rust `f64` would add, which a server reading an integer refuses (Vonage's account ids in a
/// path; Go's and .NET's JSON decoders refuse `15.0` for an integer field, and take `15` for a
/// float). Fractions keep their shortest text.
#[tokio::test]
async fn whole_numbers_in_parameters_and_forms_are_written_without_a_fraction() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let params = PlacePointParams {
        scale: Some(0.5),
        coords: Some(vec![1.0, 2.5, -3.0, 1e-7]),
        x_ratio: Some(2.0),
        near: Some(PlacePointNear {
            lat: Some(10.0),
            lng: Some(0.25),
        }),
    };
    client(&server)
        .place_point(571700.0, &PlacePointBody { time: 15.0 }, params)
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/points/571700");
    assert_eq!(
        request.url.query(),
        Some("scale=0.5&coords=1,2.5,-3,0.0000001&near=%7B%22lat%22%3A10%2C%22lng%22%3A0.25%7D")
    );
    assert_eq!(request.headers["x-ratio"], "2");
    assert_eq!(std::str::from_utf8(&request.body).unwrap(), "time=15");
}
