//! The `update_group` example, run as a program against a loopback server.

use std::process::{Command, Output};

use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn run_example(server: &MockServer, args: &[&str], token: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_update_group"));
    command
        .args(args)
        .env("FAXPLUS_BASE_URL", server.uri())
        .env("FAXPLUS_CLIENT_ID", "client-9")
        .env_remove("FAXPLUS_TOKEN");
    if let Some(token) = token {
        command.env("FAXPLUS_TOKEN", token);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn updates_a_group_and_prints_it() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/accounts/self/contact-groups/g%2F1"))
        .and(header("authorization", "Bearer tok"))
        .and(header("x-fax-clientid", "client-9"))
        .and(body_json(json!({"name": "VIP", "notes": "n"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "g/1", "name": "VIP"})))
        .expect(1)
        .mount(&server)
        .await;
    let output = run_example(
        &server,
        &["g/1", "--name", "VIP", "--notes", "n"],
        Some("tok"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed, json!({"id": "g/1", "name": "VIP"}));
}

#[tokio::test(flavor = "multi_thread")]
async fn reports_a_401_with_the_api_error_on_one_line() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error": "unauthorized", "description": "The access token provided is expired"}),
        ))
        .mount(&server)
        .await;
    let output = run_example(&server, &["g1", "--name", "x"], Some("expired"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr.trim_end(),
        "error: HTTP 401 Unauthorized: unauthorized: The access token provided is expired"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn reports_a_raw_body_when_the_error_does_not_decode() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(b"null".to_vec(), "application/json"))
        .mount(&server)
        .await;
    let output = run_example(&server, &["g1"], Some("tok"));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr).trim_end(),
        // 500 is retried twice by default, and the message says so.
        "error: HTTP 500 Internal Server Error: null (after 3 attempts)"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn usage_errors_and_a_missing_token_are_explained() {
    let server = MockServer::start().await;
    let output = run_example(&server, &[], Some("tok"));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("usage: update_group GROUP_ID"));
    let output = run_example(&server, &["g1"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("FAXPLUS_TOKEN"));
    assert!(server.received_requests().await.unwrap().is_empty());
}
