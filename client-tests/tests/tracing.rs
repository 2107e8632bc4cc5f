//! `tracing` output: one span per call with the method and path template, an event per attempt
//! with its number, status and elapsed time, and no secret anywhere.
//!
//! Alone in its own test binary: `tracing` caches per call site whether anyone listens, and
//! tests running on other threads without a subscriber would race with this one.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use faxplus::Client;
use faxplus::types::ContactGroupUpdate;
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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
            Client::builder()
                .base_url(server.uri())
                .bearer_token("bearer-secret-1")
                .default_header("x-api-key", "header-secret-4")
                .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
                .build()
                .unwrap()
                .update_tag("g1", &ContactGroupUpdate::default())
                .await
                .unwrap();
        });
    });
    let lines = recorder.0.lock().unwrap().join("\n");
    for secret in ["bearer-secret-1", "header-secret-4"] {
        assert!(!lines.contains(secret), "{secret} leaked in {lines}");
    }
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
        "attempts=2",
    ] {
        assert!(lines.contains(expected), "{expected} missing from\n{lines}");
    }
}
