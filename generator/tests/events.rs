//! Server-sent events: which operations stream, what their events' data is, what their methods
//! are named, and what only their crates carry. The fixture crate
//! `client-tests/generated/events` runs them against a loopback server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{HEAD, emit, lower_ok, named, parse_ok};
use opengen::ir::{Api, Content, Operation, Success, TypeRef};
use opengen::{Config, Options};

const SPEC: &str = r#"
paths:
  /chat:
    post:
      operationId: chat
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {stream: {type: boolean}}}
      responses:
        '200':
          description: whole or streamed
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Answer'}
            text/event-stream:
              schema: {$ref: '#/components/schemas/Chunk'}
  /watch:
    get:
      operationId: watch
      responses:
        '200':
          description: only streamed, the schema the whole event
          content:
            text/event-stream; charset=utf-8:
              schema:
                type: object
                properties:
                  event: {type: string}
                  id: {type: string}
                  data: {$ref: '#/components/schemas/Chunk'}
  /logs:
    get:
      operationId: log_stream
      responses:
        '200':
          description: a name that already ends in stream; the schema is not an event's
          content:
            text/event-stream:
              schema:
                type: object
                properties:
                  data: {type: string}
                  level: {type: string}
  /chatStream:
    get:
      operationId: chatStream
      responses:
        '204': {description: the name the first operation's stream would take}
  /errors:
    get:
      operationId: failing
      responses:
        '204': {description: fine}
        '500':
          description: an error that streams is not a stream
          content:
            text/event-stream:
              schema: {$ref: '#/components/schemas/Chunk'}
components:
  schemas:
    Answer: {type: object, properties: {text: {type: string}}}
    Chunk: {type: object, properties: {delta: {type: string}}}
"#;

fn spec() -> String {
    format!("{HEAD}{SPEC}")
}

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|op| op.operation_id.as_deref() == Some(id))
        .unwrap()
}

fn stream_name(api: &Api, id: &str) -> Option<String> {
    op(api, id).events.as_ref().map(|e| e.method_name.clone())
}

#[test]
fn a_json_and_event_stream_success_keeps_its_method_and_gains_a_stream() {
    let api = lower_ok(&spec());
    let chat = op(&api, "chat");
    assert_eq!(
        chat.success,
        Success::One(Content::Json(named(&api, "Answer")))
    );
    assert_eq!(chat.accept.as_deref(), Some("application/json"));
    let events = chat.events.as_ref().unwrap();
    assert_eq!(events.data, named(&api, "Chunk"));
    // `chatStream` is an operation's name: the stream takes another, the operation keeps its.
    assert_eq!(op(&api, "chatStream").method_name, "chat_stream");
    assert_eq!(events.method_name, "chat_stream_2");
}

#[test]
fn an_event_stream_only_success_streams_and_a_whole_event_schema_gives_its_data() {
    let api = lower_ok(&spec());
    let watch = op(&api, "watch");
    // The operation's own method is unchanged: the whole response as text.
    assert_eq!(watch.success, Success::One(Content::Text));
    assert_eq!(stream_name(&api, "watch").as_deref(), Some("watch_stream"));
    assert_eq!(watch.events.as_ref().unwrap().data, named(&api, "Chunk"));
    // A property besides the event's fields: the schema is the data's.
    let logs = op(&api, "log_stream").events.as_ref().unwrap();
    assert_eq!(logs.method_name, "log_stream_events");
    assert!(matches!(logs.data, TypeRef::Named(_)));
    assert_ne!(logs.data, named(&api, "Chunk"));
    assert_eq!(stream_name(&api, "failing"), None);
    assert_eq!(stream_name(&api, "chatStream"), None);
}

#[test]
fn only_a_crate_with_an_event_stream_carries_its_runtime_and_futures_core() {
    let files = emit(&spec());
    assert!(files.contains_key("runtime/src/sse.rs"));
    assert!(files.contains_key("runtime/src/events.rs"));
    assert!(
        files["runtime/Cargo.toml"]
            .contains("futures-core = { version = \"0.3\", default-features = false }")
    );
    assert!(
        files["runtime/src/lib.rs"]
            .contains("pub use events::{Event, EventCall, EventStream, StreamError};")
    );
    let operations = &files["src/operations.rs"];
    assert!(operations.contains("pub fn chat_stream_2("), "{operations}");
    assert!(operations.contains(".accept(\"text/event-stream\")"));
    let readme = &files["README.md"];
    assert!(readme.contains("## Server-sent events"));
    assert!(
        readme.contains("| `watch_stream` | `watch` | `types::Chunk` |"),
        "{readme}"
    );
    assert!(
        readme.contains("client.chat_stream_2(&body).await?"),
        "{readme}"
    );

    let plain = emit(&format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          \
         description: text\n          content:\n            text/plain: {{}}\n"
    ));
    assert!(!plain.contains_key("runtime/src/sse.rs"));
    assert!(!plain.contains_key("runtime/src/events.rs"));
    assert!(!plain["runtime/Cargo.toml"].contains("futures-core"));
    assert!(!plain["README.md"].contains("Server-sent events"));
}

#[test]
fn a_renamed_operation_renames_its_stream() {
    let options = |config: &str| Options {
        config: Config::parse(config).unwrap(),
        ..Options::new("test-api")
    };
    let spec = parse_ok(&spec());
    let generated =
        opengen::generate_from(&spec, &options("[operations.rename]\nwatch = \"follow\"\n"))
            .unwrap();
    assert!(generated.files["src/operations.rs"].contains("pub fn follow_stream("));
    let clash = opengen::generate_from(
        &spec,
        &options("[operations.rename]\nfailing = \"chat_stream_2\"\n"),
    )
    .unwrap_err();
    assert!(
        clash.to_string().contains("another method is named"),
        "{clash}"
    );
}

#[test]
fn the_runtime_knows_every_json_lines_media_type_the_generator_streams() {
    // The runtime checks a response's `Content-Type` against its own copy of the list.
    let runtime = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/runtime/events.rs"),
    )
    .unwrap();
    let listed: Vec<&str> = runtime
        .lines()
        .map(str::trim)
        .filter_map(|line| line.strip_prefix("\"application/")?.strip_suffix("\","))
        .collect();
    let expected: Vec<&str> = (opengen::ir::JSON_LINES_MEDIA_TYPES.iter())
        .map(|name| name.trim_start_matches("application/"))
        .collect();
    assert_eq!(listed, expected);
}
