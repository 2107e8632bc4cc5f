//! Secrets never show: not in `Debug` of the builder, client, call or errors, not in error
//! messages, and not in `tracing` output, which still carries what a person needs to debug.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use faxplus::types::ContactGroupUpdate;
use faxplus::{Client, OAuth2RefreshToken};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRETS: [&str; 6] = [
    "bearer-secret-1",
    "client-secret-2",
    "refresh-secret-3",
    "header-secret-4",
    "cookie-secret-5",
    "proxy-secret-6",
];

fn assert_no_secret(shown: &str) {
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{secret} leaked in {shown}");
    }
}

fn builder(base_url: &str) -> faxplus::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .bearer_token("bearer-secret-1")
        .default_header("authorization", "Bearer header-secret-4")
        .default_header("cookie", "session=cookie-secret-5")
        .default_header("proxy-authorization", "Basic proxy-secret-6")
        .default_header("x-api-key", "header-secret-4")
        .default_header("x-fax-clientid", "visible-client-id")
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

#[tokio::test]
async fn debug_of_builder_client_call_and_errors_shows_no_secret() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "unauthorized"})))
        .mount(&server)
        .await;
    let builder = builder(&server.uri());
    assert_no_secret(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert_no_secret(&shown);
    assert!(shown.contains("visible-client-id"), "{shown}");
    let call = client.update_tag("g1", &ContactGroupUpdate::default());
    assert_no_secret(&format!("{call:?}"));
    let error = call.await.unwrap_err();
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());

    let oauth = OAuth2RefreshToken::new("client-id", "client-secret-2", "refresh-secret-3")
        .token_url(format!("{}/token", server.uri()))
        .access_token("bearer-secret-1", Duration::from_secs(3600));
    assert_no_secret(&format!("{oauth:?}"));
    let builder = Client::builder()
        .base_url(server.uri())
        .oauth2_refresh_token(oauth);
    assert_no_secret(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_secret(&format!("{client:?}"));
    let error = client
        .update_tag("g1", &ContactGroupUpdate::default())
        .await
        .unwrap_err();
    assert_no_secret(&format!("{error:?}"));
}

#[tokio::test]
async fn a_transport_error_shows_no_secret() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = builder(&format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let error = client
        .update_tag("g1", &ContactGroupUpdate::default())
        .await
        .unwrap_err();
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());
}

/// Every span and event field, as `name=value`, and every event message.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

struct Fields<'a>(&'a mut Vec<String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut lines = self.0.lock().unwrap();
        lines.push(format!("span {}", span.metadata().name()));
        span.record(&mut Fields(&mut lines));
        Id::from_u64(lines.len() as u64)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().unwrap()));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut Fields(&mut self.0.lock().unwrap()));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn tracing_records_method_path_status_attempt_and_elapsed_but_no_secret() {
    let recorder = Recorder::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(recorder.clone(), || {
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(path("/accounts/self/contact-groups/g1"))
                .respond_with(ResponseTemplate::new(503))
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&server)
                .await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
                .mount(&server)
                .await;
            builder(&server.uri())
                .build()
                .unwrap()
                .update_tag("g1", &ContactGroupUpdate::default())
                .await
                .unwrap();
        });
    });
    let lines = recorder.0.lock().unwrap().join("\n");
    assert_no_secret(&lines);
    for expected in [
        "span request",
        "method=PUT",
        "path=\"/accounts/self/contact-groups/{group_id}\"",
        "attempt=1",
        "status=503",
        "attempt=2",
        "status=200",
        "elapsed_ms=",
        "message=retrying",
    ] {
        assert!(lines.contains(expected), "{expected} missing from\n{lines}");
    }
}
