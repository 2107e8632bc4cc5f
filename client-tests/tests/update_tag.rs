//! The generated Fax.Plus client against a real HTTP server on loopback.

mod common;

use std::time::Duration;

use faxplus::operations::UpdateTagError;
use faxplus::types::{ContactGroup, ContactGroupUpdate};
use faxplus::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::server_with as respond_with;

const GROUP_PATH: &str = "/accounts/self/contact-groups/g1";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .default_header("x-fax-clientid", "client-42")
        // 500 is retried; millisecond backoff keeps these tests fast (retries.rs tests the rest).
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap()
}

fn update() -> ContactGroupUpdate {
    ContactGroupUpdate {
        name: Some("Premium Clients".to_owned()),
        notes: None,
    }
}

fn group_json() -> serde_json::Value {
    json!({
        "id": "g1",
        "name": "Premium Clients",
        "notes": "Updated notes",
        "is_shared": true,
        "creation_date": "2024-01-10T09:00:00Z",
        "modification_date": "2024-02-15T11:20:00Z"
    })
}

#[tokio::test]
async fn sends_the_documented_request() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(GROUP_PATH))
        .and(header("authorization", "Bearer test-token"))
        .and(header("x-fax-clientid", "client-42"))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(header("user-agent", faxplus::DEFAULT_USER_AGENT))
        .and(body_json(json!({"name": "Premium Clients"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_json()))
        .expect(1)
        .mount(&server)
        .await;
    let group = client(&server).update_tag("g1", &update()).await.unwrap();
    assert_eq!(group.id.as_deref(), Some("g1"));
    assert_eq!(group.is_shared, Some(true));
    assert!(faxplus::DEFAULT_USER_AGENT.starts_with("faxplus/"));
}

#[tokio::test]
async fn the_body_holds_exactly_the_fields_that_are_set() {
    let server = respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = client(&server);
    client
        .update_tag("g1", &ContactGroupUpdate::default())
        .await
        .unwrap();
    let both = ContactGroupUpdate {
        name: Some("n".into()),
        notes: Some("".into()),
    };
    client.update_tag("g1", &both).await.unwrap();
    let bodies: Vec<serde_json::Value> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(bodies, [json!({}), json!({"name": "n", "notes": ""})]);
}

#[tokio::test]
async fn the_group_id_is_encoded_as_one_path_segment() {
    let server = respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = client(&server);
    let cases = [
        ("a/b", "a%2Fb"),
        ("../x", "..%2Fx"),
        ("?", "%3F"),
        ("#", "%23"),
        ("%", "%25"),
        ("a b", "a%20b"),
        ("グループ", "%E3%82%B0%E3%83%AB%E3%83%BC%E3%83%97"),
    ];
    for (id, _) in cases {
        client.update_tag(id, &update()).await.unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<String> = requests.iter().map(|r| r.url.path().to_owned()).collect();
    let expected: Vec<String> = cases
        .iter()
        .map(|(_, encoded)| format!("/accounts/self/contact-groups/{encoded}"))
        .collect();
    assert_eq!(paths, expected);
    assert!(requests.iter().all(|r| r.url.query().is_none()));
}

#[tokio::test]
async fn ids_that_cannot_be_a_segment_are_refused_before_sending() {
    let server = respond_with(ResponseTemplate::new(200)).await;
    for id in ["", ".", ".."] {
        let error = client(&server).update_tag(id, &update()).await.unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn documented_error_statuses_land_in_their_variants() {
    let body = json!({"error": "invalid_user_id", "description": "Invalid user id given"});
    for status in [400u16, 401, 404, 500] {
        let server = respond_with(ResponseTemplate::new(status).set_body_json(&body)).await;
        let error = client(&server)
            .update_tag("g1", &update())
            .await
            .unwrap_err();
        let Error::Api {
            error: variant,
            response,
        } = &error
        else {
            panic!("{status}: {error:?}");
        };
        let decoded = match (status, variant) {
            (400, UpdateTagError::BadRequest(decoded))
            | (401, UpdateTagError::Unauthorized(decoded))
            | (404, UpdateTagError::NotFound(decoded))
            | (500, UpdateTagError::InternalServerError(decoded)) => decoded,
            _ => panic!("{status} landed in {variant:?}"),
        };
        let decoded = decoded.as_ref().unwrap();
        assert_eq!(decoded.error.as_deref(), Some("invalid_user_id"));
        assert_eq!(
            decoded.description.as_deref(),
            Some("Invalid user id given")
        );
        assert_eq!(response.status.as_u16(), status);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
    }
}

#[tokio::test]
async fn undecodable_error_bodies_keep_status_and_raw_body() {
    let cases: [(u16, &str, &str); 4] = [
        (500, "", "application/json"),
        (500, "null", "application/json"),
        (404, "<html><body>Not Found</body></html>", "text/html"),
        // Not the documented shape, and nothing a repair reads as meant (a number where text
        // is described would be its text: `decode::repaired`).
        (400, "{\"error\": true}", "application/json"),
    ];
    for (status, body, content_type) in cases {
        let server = respond_with(
            ResponseTemplate::new(status)
                .set_body_raw(body.as_bytes().to_vec(), content_type)
                .insert_header("x-request-id", "req-7"),
        )
        .await;
        let error = client(&server)
            .update_tag("g1", &update())
            .await
            .unwrap_err();
        let Error::Api {
            error: variant,
            response,
        } = &error
        else {
            panic!("{status} {body:?}: {error:?}");
        };
        match variant {
            UpdateTagError::BadRequest(None)
            | UpdateTagError::NotFound(None)
            | UpdateTagError::InternalServerError(None) => {}
            other => panic!("{status} {body:?}: {other:?}"),
        }
        assert_eq!(response.status.as_u16(), status);
        assert_eq!(&response.body[..], body.as_bytes());
        assert_eq!(response.request_id(), Some("req-7"));
        assert_eq!(response.headers["content-type"], content_type);
        let line = error.to_string();
        assert!(!line.contains('\n'), "{line}");
        assert!(line.contains(&status.to_string()), "{line}");
    }
}

#[tokio::test]
async fn other_statuses_are_unexpected() {
    let server = respond_with(ResponseTemplate::new(418).set_body_string("short and stout")).await;
    let error = client(&server)
        .update_tag("g1", &update())
        .await
        .unwrap_err();
    let Error::UnexpectedStatus { response } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.status.as_u16(), 418);
    assert_eq!(response.text(), "short and stout");
    assert_eq!(
        error.to_string(),
        "unexpected HTTP status 418 I'm a teapot: short and stout"
    );
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_is_kept() {
    let server = respond_with(
        ResponseTemplate::new(200).set_body_raw(b"{\"id\": ".to_vec(), "application/json"),
    )
    .await;
    let error = client(&server)
        .update_tag("g1", &update())
        .await
        .unwrap_err();
    let Error::Decode { response, source } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(&response.body[..], b"{\"id\": ");
    assert!(!source.to_string().is_empty());
    assert!(
        error
            .to_string()
            .starts_with("HTTP 200 OK: the response body did not decode")
    );
}

#[tokio::test]
async fn unknown_fields_are_accepted_in_successes_and_errors() {
    let mut group = group_json();
    group["brand_new_field"] = json!({"nested": [1, 2]});
    let server = respond_with(ResponseTemplate::new(200).set_body_json(&group)).await;
    let decoded: ContactGroup = client(&server).update_tag("g1", &update()).await.unwrap();
    assert_eq!(decoded.name.as_deref(), Some("Premium Clients"));

    // `Error` says `additionalProperties: false`; a server that adds a field must still decode.
    let body = json!({"error": "e", "description": "d", "trace_id": "t"});
    let server = respond_with(ResponseTemplate::new(400).set_body_json(body)).await;
    let error = client(&server)
        .update_tag("g1", &update())
        .await
        .unwrap_err();
    assert!(
        matches!(error.api_error(), Some(UpdateTagError::BadRequest(Some(e))) if e.error.as_deref() == Some("e")),
        "{error:?}"
    );
}

#[tokio::test]
async fn send_returns_status_and_headers_with_the_value() {
    let server = respond_with(
        ResponseTemplate::new(200)
            .set_body_json(group_json())
            .insert_header("request-id", "abc"),
    )
    .await;
    let response = client(&server)
        .update_tag("g1", &update())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.request_id(), Some("abc"));
    assert_eq!(response.value.id.as_deref(), Some("g1"));
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // A port that was just free and has nobody listening on it.
    let port = common::unused_port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(
        error.to_string().starts_with("the request failed: "),
        "{error}"
    );
    assert!(error.status().is_none());
}

#[tokio::test]
async fn debug_output_never_shows_the_token() {
    let server =
        respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "unauthorized"})))
            .await;
    let client = client(&server);
    assert!(!format!("{client:?}").contains("test-token"));
    let error = client.update_tag("g1", &update()).await.unwrap_err();
    assert!(!format!("{error:?}").contains("test-token"));
}

#[tokio::test]
async fn a_header_set_on_a_call_is_sent_on_every_attempt_and_replaces_the_clients() {
    let server = MockServer::start().await;
    // The first attempt fails with a retryable status, so the header must survive the retry.
    Mock::given(method("PUT"))
        .and(path(GROUP_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(GROUP_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_json()))
        .expect(1)
        .mount(&server)
        .await;
    let response = client(&server)
        .update_tag("g1", &update())
        .header("x-trace-id", "t-1")
        .header("x-fax-clientid", "other-client")
        .header("Authorization", "Bearer on-behalf")
        .header("accept", "application/vnd.fax+json")
        .header("x-trace-id", "t-2")
        .send()
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let values = |name: &str| -> Vec<&str> {
            request
                .headers
                .get_all(name)
                .iter()
                .map(|value| value.to_str().unwrap())
                .collect()
        };
        // A later value under the same name replaces the earlier one.
        assert_eq!(values("x-trace-id"), ["t-2"]);
        // The call's header replaces the client's default header, credential and `Accept`, and
        // nothing is sent twice.
        assert_eq!(values("x-fax-clientid"), ["other-client"]);
        assert_eq!(values("authorization"), ["Bearer on-behalf"]);
        assert_eq!(values("accept"), ["application/vnd.fax+json"]);
        // What the call does not name is the client's as before.
        assert_eq!(values("content-type"), ["application/json"]);
        assert_eq!(values("user-agent"), [faxplus::DEFAULT_USER_AGENT]);
    }
}

#[tokio::test]
async fn an_invalid_header_on_a_call_fails_it_before_anything_is_sent() {
    let server = MockServer::start().await;
    for (name, value) in [("bad name", "v"), ("x-ok", "line\nbreak")] {
        let error = client(&server)
            .update_tag("g1", &update())
            .header(name, value)
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert!(error.to_string().contains("header"), "{error}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_secret_header_on_a_call_is_hidden_from_debug_output() {
    let server = MockServer::start().await;
    let client = client(&server);
    let call = client
        .update_tag("g1", &update())
        .header("x-session-token", "very-secret-value")
        .header("x-trace-id", "visible-trace");
    let shown = format!("{call:?}");
    assert!(!shown.contains("very-secret-value"), "{shown}");
    assert!(shown.contains("x-session-token"), "{shown}");
    assert!(shown.contains("visible-trace"), "{shown}");
}

#[tokio::test]
async fn a_query_parameter_added_to_a_call_is_encoded_and_sent_after_the_operations_own() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(GROUP_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_json()))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .update_tag("g1", &update())
        .query("expand[]", "members")
        .query("expand[]", "a&b=c d/é")
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("expand%5B%5D=members&expand%5B%5D=a%26b%3Dc%20d%2F%C3%A9")
    );
    let pairs: Vec<(String, String)> = requests[0].url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("expand[]".to_owned(), "members".to_owned()),
            ("expand[]".to_owned(), "a&b=c d/é".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_body_field_set_on_a_call_is_added_to_the_json_body_or_replaces_its_own() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(GROUP_PATH))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "name": "Renamed",
            "color": "teal",
            "limits": {"members": 10, "ratio": 0.5}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_json()))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .update_tag("g1", &update())
        .body_field("color", "teal")
        .body_field("limits", &json!({"members": 10.0, "ratio": 0.5}))
        .body_field("name", "Renamed")
        .await
        .unwrap();
    // Whole numbers stay whole, as everywhere the client writes JSON.
    let requests = server.received_requests().await.unwrap();
    let sent = std::str::from_utf8(&requests[0].body).unwrap();
    assert!(sent.contains(r#""members":10,"#), "{sent}");
}
