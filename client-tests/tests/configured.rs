//! The `configured` fixture (`spec/fixtures/configured/api.yaml` with the `opengen.toml` beside
//! it) against a loopback server: each configuration key holds in the compiled crate.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, HashSet};

use configured::Client;
use configured::types::{Label, Owner, Pet, Store};
use serde_json::json;
use wiremock::ResponseTemplate;

use common::{only_request, server_with};

fn client(server: &wiremock::MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn a_renamed_method_calls_its_operation() {
    let body =
        json!([{"name": "Rex", "tag": {"label": "good"}, "homepage": "https://rex.example/"}]);
    let server = server_with(ResponseTemplate::new(200).set_body_json(body)).await;
    let pets = client(&server).pets().await.unwrap();
    assert_eq!(only_request(&server).await.url.path(), "/pets");
    assert_eq!(
        pets[0].tag,
        Some(Label {
            label: Some("good".into())
        })
    );
    // `Pet.homepage` is the configured `url::Url`, parsed on the way in.
    assert_eq!(
        pets[0].homepage.as_ref().map(url::Url::as_str),
        Some("https://rex.example/")
    );
}

#[tokio::test]
async fn a_malformed_value_of_a_configured_type_is_a_decode_error() {
    let body = json!([{"name": "Rex", "homepage": "not a url"}]);
    let server = server_with(ResponseTemplate::new(200).set_body_json(body)).await;
    let error = client(&server).pets().await.unwrap_err();
    assert!(
        matches!(error, configured::Error::Decode { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_replaced_type_is_the_users_type_on_the_wire() {
    let server =
        server_with(ResponseTemplate::new(201).set_body_json(json!({"name": "Rex"}))).await;
    let owner: Owner = BTreeMap::from([("name".to_owned(), "Ann".to_owned())]);
    let pet = Pet {
        name: "Rex".into(),
        owner: Some(owner),
        homepage: None,
        tag: None,
    };
    client(&server).add_pet(&pet).await.unwrap();
    let sent: serde_json::Value = only_request(&server).await.body_json().unwrap();
    assert_eq!(sent, json!({"name": "Rex", "owner": {"name": "Ann"}}));
}

#[test]
fn the_configured_derives_are_there() {
    // `Eq` and `Hash` for every type that can have them: a set of pets compiles.
    let pets: HashSet<Pet> = [
        Pet {
            name: "Rex".into(),
            ..pet()
        },
        pet(),
    ]
    .into_iter()
    .collect();
    assert_eq!(pets.len(), 2);
    // `PartialOrd` for Store alone (it holds an f64, so it has no `Eq`).
    let (a, b) = (
        Store {
            rating: Some(1.0),
            ..Store::default()
        },
        Store {
            rating: Some(2.0),
            ..Store::default()
        },
    );
    assert!(a < b);
}

fn pet() -> Pet {
    Pet {
        name: "Tom".into(),
        owner: None,
        homepage: None,
        tag: None,
    }
}

#[test]
fn the_package_is_named_and_versioned_by_the_configuration() {
    let manifest = include_str!("../generated/configured/Cargo.toml");
    assert!(manifest.contains("\nname = \"configured\"\nversion = \"3.1.4\"\n"));
    // The admin operations (their tag is not included) and deletePet (excluded) have no
    // methods, and the inline type only the audit log used is not generated.
    let operations = include_str!("../generated/configured/src/operations.rs");
    assert!(!operations.contains("fn audit_log") && !operations.contains("fn delete_pet"));
    let types = include_str!("../generated/configured/src/types.rs");
    assert!(!types.contains("AuditLog"));
}
