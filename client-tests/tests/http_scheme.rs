//! An HTTP authentication scheme other than bearer and basic (`{type: http, scheme: DSN}`) is a
//! generic credential: `Authorization: DSN <credentials>`, sent only to the operations that
//! accept it, and never to another origin.
//!
//! The bug: the generator refused the whole document for such a scheme (issue 11, item 1).

use serde_json::json;
use transfers::{Client, Error};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn message(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "id": id }))
}

#[tokio::test]
async fn the_credentials_travel_under_the_schemes_own_name() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(header(
            "authorization",
            "DSN https://public@sentry.example/1",
        ))
        .respond_with(message("event"))
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(path("/bearer"))
        .respond_with(message("bearer"))
        .mount(&api)
        .await;
    let client = Client::builder()
        .base_url(api.uri())
        .max_retries(0)
        .authorization_for("dsn", "https://public@sentry.example/1")
        .build()
        .unwrap();
    let event = client.get_with_dsn().await.unwrap();
    assert_eq!(event.id.as_deref(), Some("event"));
    // An operation that does not accept the scheme does not receive it.
    client.get_with_bearer().await.unwrap();
    let received = api.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    assert!(received[1].headers.get("authorization").is_none());
}

#[tokio::test]
async fn the_credentials_never_reach_another_origin() {
    let api = MockServer::start().await;
    let other = MockServer::start().await;
    let location = format!("{}/landing", other.uri());
    Mock::given(path("/events"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .mount(&api)
        .await;
    let client = Client::builder()
        .base_url(api.uri())
        .max_retries(0)
        .authorization_for("dsn", "DSN-SECRET")
        .build()
        .unwrap();
    let error = client.get_with_dsn().send().await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error}");
    assert_eq!(error.redirect_location(), Some(location.as_str()));
    assert!(other.received_requests().await.unwrap().is_empty());
}

#[test]
fn credentials_for_a_scheme_the_spec_does_not_declare_are_refused_by_build() {
    let error = Client::builder()
        .authorization_for("bearer", "x")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("`bearer`"), "{error}");
}
