//! The OpenAPI 3.1 fixture (`spec/fixtures/v31.yaml`), compiled and run against a loopback
//! server: a `type: [T, "null"]` field behaves exactly as a 3.0 `nullable` one, a `const` tag
//! picks the `oneOf` variant both ways, a `$ref` with a `description` documents its field, and
//! the webhook is no method.

use serde_json::{Value, json};
use v31::types::{Cat, CatPetType, Dog, DogPetType, Note, Owner, Pet};
use v31::{Client, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers with the request's own JSON body.
struct Echo;

impl Respond for Echo {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        ResponseTemplate::new(200).set_body_json(body)
    }
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/notes"))
        .respond_with(Echo)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .respond_with(|request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
            ResponseTemplate::new(201).set_body_json(body)
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "petType": "dog",
            "name": "rex",
            "owner": {"name": "ann"},
            "previousOwner": null,
        })))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

async fn sent_bodies(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| !r.body.is_empty())
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[tokio::test]
async fn a_type_list_with_null_round_trips_null_and_absence_as_nullable_does() {
    let server = server().await;
    let client = client(&server);
    // Each 3.1 field next to its 3.0 twin: `text`/`old_text` required, `remark`/`old_remark`
    // optional; all may be null.
    let notes = [
        Note {
            text: None,
            remark: None,
            old_text: None,
            old_remark: None,
            tags: Some(vec![Some("a".into()), None]),
            picture: None,
            position: Some((3, None)),
            point: Some(vec![1.5, -2.0]),
        },
        Note {
            text: Some("t".into()),
            remark: Some(None),
            old_text: Some("t".into()),
            old_remark: Some(None),
            tags: None,
            picture: Some("aGk=".into()),
            position: Some((4, Some("d".into()))),
            point: None,
        },
        Note {
            text: Some("t".into()),
            remark: Some(Some("r".into())),
            old_text: Some("t".into()),
            old_remark: Some(Some("r".into())),
            tags: None,
            picture: None,
            position: None,
            point: None,
        },
    ];
    for note in &notes {
        let back = client.put_note(note).await.unwrap();
        assert_eq!(&back, note);
    }
    // A whole `f64` is written as JSON Schema reads it, without a fraction (`-2`, not `-2.0`).
    let first = &server.received_requests().await.unwrap()[0].body;
    assert!(
        std::str::from_utf8(first)
            .unwrap()
            .ends_with(r#""point":[1.5,-2]}"#),
        "{}",
        String::from_utf8_lossy(first)
    );
    let sent = sent_bodies(&server).await;
    // A required nullable is sent as `null`; an optional one is left out when absent and sent
    // as `null` when set to null; the 3.1 and 3.0 fields alike.
    assert_eq!(
        sent[0],
        json!({"text": null, "old_text": null, "tags": ["a", null], "position": [3, null], "point": [1.5, -2]})
    );
    assert_eq!(
        sent[1],
        json!({"text": "t", "remark": null, "old_text": "t", "old_remark": null, "picture": "aGk=", "position": [4, "d"]})
    );
    assert_eq!(
        sent[2],
        json!({"text": "t", "remark": "r", "old_text": "t", "old_remark": "r"})
    );
    // Decoding keeps absent and `null` apart the same way.
    let absent: Note = serde_json::from_value(json!({"text": null, "old_text": null})).unwrap();
    assert_eq!((absent.remark, absent.old_remark), (None, None));
    let null: Note = serde_json::from_value(
        json!({"text": null, "old_text": null, "remark": null, "old_remark": null}),
    )
    .unwrap();
    assert_eq!((null.remark, null.old_remark), (Some(None), Some(None)));
    // A required field missing from a response reads as `null`, for both forms alike.
    let missing: Note = serde_json::from_value(json!({})).unwrap();
    assert_eq!((missing.text, missing.old_text), (None, None));
}

#[tokio::test]
async fn a_const_tag_picks_the_variant_when_decoding_and_encoding() {
    let server = server().await;
    let client = client(&server);
    let pet = client.get_pet(7).await.unwrap();
    let Pet::Dog(dog) = &pet else {
        panic!("not a dog: {pet:?}")
    };
    assert_eq!(dog.pet_type, DogPetType::Dog);
    assert_eq!(dog.owner, Some(Owner { name: "ann".into() }));
    assert_eq!(dog.previous_owner, Some(None));

    let cat = Pet::Cat(Cat {
        pet_type: CatPetType::Cat,
        name: "tom".into(),
        lives: Some(9),
    });
    let back = client.add_pet(&cat).await.unwrap();
    assert_eq!(back, cat);
    // The variant decides the tag, even when the tag field says otherwise.
    let odd = Pet::Dog(Dog {
        pet_type: DogPetType::Unknown("cat".into()),
        name: "rex".into(),
        owner: None,
        previous_owner: None,
    });
    let back = client.add_pet(&odd).await.unwrap();
    assert!(matches!(back, Pet::Dog(_)), "{back:?}");
    let sent = sent_bodies(&server).await;
    assert_eq!(
        sent[0],
        json!({"petType": "cat", "name": "tom", "lives": 9})
    );
    assert_eq!(sent[1], json!({"petType": "dog", "name": "rex"}));
    // A tag no variant has is kept, not forced into one.
    let unknown: Pet =
        serde_json::from_value(json!({"petType": "bird", "name": "tweety"})).unwrap();
    assert!(matches!(unknown, Pet::Unknown(_)), "{unknown:?}");
}

#[test]
fn a_ref_with_a_description_documents_its_field_and_keeps_the_type() {
    let types = include_str!("../generated/v31/src/types.rs");
    let owner = "    /// The person who walks the dog.\n    pub owner: Option<Owner>,\n";
    assert!(types.contains(owner), "{types}");
}

#[test]
fn the_webhook_is_no_method_and_names_its_payload_type() {
    let operations = include_str!("../generated/v31/src/operations.rs");
    assert!(!operations.to_lowercase().contains("adopted"));
    let readme = include_str!("../generated/v31/README.md");
    let webhooks = readme.split("## Webhooks").nth(1).unwrap_or_default();
    assert!(
        webhooks.contains("| `petAdopted` | `PetAdopted` | `types::Pet` |"),
        "{readme}"
    );
    // What the user's server receives decodes through the alias.
    let adopted: v31::webhooks::PetAdopted =
        serde_json::from_value(json!({"petType": "dog", "name": "rex"})).unwrap();
    assert!(matches!(adopted, Pet::Dog(_)), "{adopted:?}");
}

#[tokio::test]
async fn the_path_item_from_components_is_an_operation_with_its_errors() {
    let server = server().await;
    let error = client(&server).get_pet(8).await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
}
