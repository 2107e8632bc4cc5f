//! The `groups` fixture, split into a Cargo feature per group of operations
//! (`spec/fixtures/groups/opengen.toml`), built with `full` (the default): every group's
//! operations are there and call the API as an unsplit crate would. Each feature alone is
//! built by `cargo xtask corpus --dir spec/fixtures/groups --features-each` (CI lints a
//! sample of them).

#![allow(clippy::unwrap_used, clippy::panic)] // tests may panic

use futures_util::StreamExt;
use groups::operations::{ListOrdersParams, ListPetsError, ListPetsParams};
use groups::types::{Catalog, CreatePetBody, OrderStatus, Tag};
use groups::{Client, Error};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn each_group_calls_its_operations_with_full() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [{"id": "p1", "name": "Rex", "owner": {"name": "Ann"}}],
            "next_cursor": null
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/stores/s1/orders"))
        .and(query_param("status", "shipped"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 7, "status": "shipped", "pet": {"id": "p1", "name": "Rex"}}
        ])))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1/admin/users/42"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "up"})))
        .mount(&server)
        .await;
    let client = client(&server);

    // pets: a paginated list, its items streamed until the page without a cursor.
    let page = client.list_pets(ListPetsParams::default()).await.unwrap();
    assert_eq!(page.items[0].owner.as_ref().unwrap().name, "Ann");
    let names: Vec<String> = client
        .list_pets_items(ListPetsParams::default())
        .map(|pet| pet.unwrap().name)
        .collect()
        .await;
    assert_eq!(names, ["Rex"]);

    // store
    let params = ListOrdersParams {
        status: Some(OrderStatus::Shipped),
    };
    let orders = client.list_orders("s1", params).await.unwrap();
    assert_eq!(orders[0].id, 7);
    // With `pets` on (`full`), the order's pet is the full `Pet`, not the stand-in a
    // store-only build has.
    assert_eq!(
        orders[0].pet.as_ref().map(|pet| pet.name.as_str()),
        Some("Rex")
    );

    // admin and health: untagged, grouped by their paths' first meaningful segment.
    client.delete_user(42).await.unwrap();
    assert_eq!(client.health().await.unwrap().status.as_deref(), Some("up"));
}

#[tokio::test]
async fn an_error_enum_two_groups_share_decodes_in_both() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "gone"})))
        .mount(&server)
        .await;
    let client = client(&server);
    let Error::Api { error, .. } = client
        .list_pets(ListPetsParams::default())
        .await
        .unwrap_err()
    else {
        panic!("not an API error");
    };
    let ListPetsError::NotFound(Some(problem)) = error else {
        panic!("not the 404 variant: {error:?}");
    };
    assert_eq!(problem.message, "gone");
    let Error::Api { error, .. } = client
        .list_orders("s1", ListOrdersParams::default())
        .await
        .unwrap_err()
    else {
        panic!("not an API error");
    };
    // The store's error type is the same enum.
    let _: &ListPetsError = &error;
}

#[test]
fn a_type_no_operation_uses_is_compiled_with_what_it_refers_to() {
    let catalog = Catalog {
        tags: Some(vec![Tag {
            label: Some("friendly".to_owned()),
        }]),
    };
    assert_eq!(
        serde_json::to_value(&catalog).unwrap(),
        json!({"tags": [{"label": "friendly"}]})
    );
    let _ = CreatePetBody {
        name: "Rex".to_owned(),
        photo: None,
    };
}
