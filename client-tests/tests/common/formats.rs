//! What the `formats` tests share: values parsed from their string form, the forms of one
//! instant that servers send, and a server that echoes a created event.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A value decoded from its JSON string form, as the client decodes it.
pub fn parse<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_value(json!(text)).unwrap()
}

/// Answers with the request's own JSON body.
pub async fn echo_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/events"))
        .respond_with(|request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
            ResponseTemplate::new(201).set_body_json(body)
        })
        .mount(&server)
        .await;
    server
}

/// The same instant, written as servers write it.
pub const SAME_INSTANT: [&str; 5] = [
    "2024-01-02T03:04:05Z",
    "2024-01-02T05:04:05+02:00",
    "2024-01-01T21:34:05-05:30",
    "2024-01-02t03:04:05z",
    "2024-01-02T03:04:05.000000000Z",
];

/// Fractions of 1 to 9 digits, and the nanoseconds each is.
pub const FRACTIONS: [(&str, u32); 4] = [
    ("2024-01-02T03:04:05.5Z", 500_000_000),
    ("2024-01-02T03:04:05.12Z", 120_000_000),
    ("2024-01-02T03:04:05.123456Z", 123_456_000),
    ("2024-01-02T03:04:05.123456789+00:00", 123_456_789),
];

pub fn page(created: &[&str]) -> Value {
    let data: Vec<Value> = created
        .iter()
        .map(|at| json!({"id": "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "created_at": at}))
        .collect();
    json!({"data": data})
}
