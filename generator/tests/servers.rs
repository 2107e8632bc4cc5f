//! Servers and server variables: a small inline spec, the IR it lowers to and the code it emits.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::HEAD;
use opengen::ir::Api;

fn lower(body: &str) -> Api {
    common::lower_ok(&format!("{HEAD}{body}"))
}

fn emit(body: &str) -> BTreeMap<String, String> {
    common::emit(&format!("{HEAD}{body}"))
}

const SPEC: &str = "servers:
  - url: 'https://{region}.example.io/v1/'
    variables:
      region: {enum: [eu, us-east-1], default: eu, description: The region.}
paths:
  /logs:
    post:
      operationId: send_logs
      servers: [{url: 'https://intake.logs.example.com', description: Intake.}]
      responses: {'202': {description: ok}}
  /more-logs:
    post:
      servers: [{url: 'https://intake.logs.example.com'}]
      responses: {'202': {description: ok}}
  /uploads:
    servers: [{url: /relative}, {url: 'https://upload.example.io'}]
    post:
      responses: {'204': {description: ok}}
  /same:
    get:
      servers: [{url: 'https://{region}.example.io/v1'}]
      responses: {'204': {description: ok}}
  /tenant:
    get:
      servers:
        - url: 'https://{tenant}.{region}.example.io:{port}'
          variables:
            port: {description: no default}
            region: {default: us-east-1, enum: [us-east-1, ap]}
      responses: {'204': {description: ok}}
";

#[test]
fn every_distinct_server_is_one_variant_and_operations_point_at_it() {
    let api = lower(SPEC);
    let servers: Vec<(&str, Option<&str>)> = api
        .servers
        .iter()
        .map(|s| (s.name.as_str(), s.url.as_deref()))
        .collect();
    assert_eq!(
        servers,
        [
            ("Default", Some("https://{region}.example.io/v1")),
            ("Intake", Some("https://intake.logs.example.com")),
            ("Upload", Some("https://upload.example.io")),
            (
                "Tenant",
                Some("https://{tenant}.{region}.example.io:{port}")
            ),
        ]
    );
    // The rest of the list a server was named in is documented as choices.
    assert_eq!(api.servers[2].alternatives, ["/relative"]);
    assert!(api.servers[1].alternatives.is_empty());
    let ops: Vec<Option<usize>> = api.operations.iter().map(|op| op.server).collect();
    // The same server twice is one variant; the default server named again is no variant.
    assert_eq!(ops, [Some(1), Some(1), Some(2), None, Some(3)]);
    assert_eq!(
        api.default_base_url.as_deref(),
        Some("https://eu.example.io/v1")
    );
}

#[test]
fn variables_are_one_option_per_name_typed_when_listed() {
    let api = lower(SPEC);
    let variables: Vec<(&str, &str, Option<&str>, Vec<&str>)> = api
        .server_variables
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.method_name.as_str(),
                v.type_name.as_deref(),
                v.values.iter().map(|e| e.wire_value.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        variables,
        [
            (
                "region",
                "region",
                Some("Region"),
                vec!["eu", "us-east-1", "ap"]
            ),
            ("tenant", "tenant", None, vec![]),
            ("port", "port", None, vec![]),
        ]
    );
    // Defaults stay per server: undeclared and declared-without-default are `None`.
    let tenant = &api.servers[3];
    let defaults: Vec<(&str, Option<&str>)> = tenant
        .variables
        .iter()
        .map(|u| {
            (
                api.server_variables[u.variable].name.as_str(),
                u.default.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        defaults,
        [
            ("tenant", None),
            ("region", Some("us-east-1")),
            ("port", None)
        ]
    );
}

#[test]
fn a_variable_named_like_a_builder_method_gets_another_name() {
    let api = lower(
        "servers: [{url: 'https://{timeout}.example.io/{type}', variables: {timeout: {default: a}, type: {default: b}}}]\npaths: {}\n",
    );
    let names: Vec<&str> = api
        .server_variables
        .iter()
        .map(|v| v.method_name.as_str())
        .collect();
    assert_eq!(names, ["timeout_2", "type"]);
    let files = emit(
        "servers: [{url: 'https://{timeout}.example.io/{type}', variables: {timeout: {default: a}, type: {default: b}}}]\npaths: {}\n",
    );
    assert!(
        files["runtime/src/servers.rs"].contains("pub fn r#type(self, value: impl Into<String>)")
    );
}

#[test]
fn operations_name_their_server_and_the_builder_gets_the_variables() {
    let files = emit(SPEC);
    let operations = &files["src/operations.rs"];
    assert!(operations.contains("use crate::Server;"), "{operations}");
    assert!(
        operations.contains(".server(Server::Intake)"),
        "{operations}"
    );
    assert!(!operations.contains("https://"), "{operations}");
    let servers = &files["runtime/src/servers.rs"];
    for expected in [
        "pub enum Server {",
        "    Default,\n",
        "    Intake,\n",
        "pub enum Region {",
        "    UsEast1,\n",
        "    Other(String),\n",
        "pub fn region(self, value: Region) -> Self {",
        "self.server_variable(\"region\", value.as_str())",
        "pub fn tenant(self, value: impl Into<String>) -> Self {",
        "url: Some(\"https://{tenant}.{region}.example.io:{port}\")",
        "name: \"port\",\n                setter: \"port\",\n                default: None,",
    ] {
        assert!(servers.contains(expected), "{expected} not in\n{servers}");
    }
    let lib = &files["runtime/src/lib.rs"];
    assert!(lib.contains("pub use servers::Server;"), "{lib}");
    assert!(lib.contains("Some(\"https://eu.example.io/v1\")"), "{lib}");
}

#[test]
fn an_undeclared_variable_is_no_default_base_url() {
    let api = lower("servers: [{url: 'https://{region}.example.io'}]\npaths: {}\n");
    assert_eq!(api.default_base_url, None);
    assert_eq!(
        api.servers[0].url.as_deref(),
        Some("https://{region}.example.io")
    );
    assert_eq!(api.servers[0].variables[0].default, None);
}

#[test]
fn an_operation_server_relative_to_the_document_folder_is_the_default_with_a_warning() {
    let api = lower(
        "servers: [{url: 'https://api.example.io'}]\npaths:\n  /a:\n    get:\n      servers: [{url: v2}, {url: ../v3}, {url: '//cdn.example.io'}]\n      responses: {'204': {description: ok}}\n",
    );
    assert_eq!(api.operations[0].server, None);
    assert_eq!(api.servers.len(), 1);
    assert_eq!(api.warnings.len(), 1, "{:?}", api.warnings);
    assert_eq!(api.warnings[0].pointer, "#/paths/~1a/get/servers");
    assert!(api.warnings[0].message.contains("relative"));
}

/// InfluxDB's `servers: [{url: /api/v2}]` with `servers: [{url: ''}]` on `/ping` (and `/` on
/// `/health` here): a path is relative to the document's host, which serves the API, so the
/// operation goes to that host's root, not to `/api/v2/ping`. An empty URL names no path.
#[test]
fn an_operation_server_that_is_a_path_is_a_server_on_the_default_origin() {
    const PATHS: &str = "paths:
  /health:
    get:
      servers: [{url: /}]
      responses: {'204': {description: ok}}
  /ping:
    servers: [{url: ''}]
    get:
      responses: {'204': {description: ok}}
  /debug:
    get:
      servers: [{url: '/internal/{version}/', variables: {version: {default: v1}}}]
      responses: {'204': {description: ok}}
  /same:
    get:
      servers: [{url: /api/v2/}]
      responses: {'204': {description: ok}}
";
    for default in ["/api/v2", "https://influx.example.io/api/v2"] {
        let api = lower(&format!("servers: [{{url: '{default}'}}]\n{PATHS}"));
        assert!(api.warnings.is_empty(), "{:?}", api.warnings);
        let servers: Vec<(&str, Option<&str>)> = (api.servers.iter())
            .map(|s| (s.name.as_str(), s.url.as_deref()))
            .collect();
        let default_url = default.starts_with("https").then_some(default);
        assert_eq!(
            servers,
            [
                ("Default", default_url),
                ("Root", Some("/")),
                ("Internal", Some("/internal/{version}")),
            ]
        );
        // The same path twice is one server; the default server's own path is the default.
        let ops: Vec<Option<usize>> = api.operations.iter().map(|op| op.server).collect();
        assert_eq!(ops, [Some(1), Some(1), Some(2), None]);
    }
    let files = emit(&format!("servers: [{{url: /api/v2}}]\n{PATHS}"));
    let servers = &files["runtime/src/servers.rs"];
    assert!(servers.contains("url: Some(\"/\")"), "{servers}");
    assert!(
        servers.contains("on the default server's origin"),
        "{servers}"
    );
}

#[test]
fn an_api_without_servers_has_only_a_default_without_url() {
    let api = lower("paths: {}\n");
    assert_eq!(api.servers.len(), 1);
    assert_eq!(api.servers[0].url, None);
    let files = emit("paths: {}\n");
    assert!(files["runtime/src/servers.rs"].contains("url: None"));
}

#[test]
fn a_server_given_only_as_a_path_keeps_its_path_in_the_examples() {
    // Swagger 2.0's `basePath` without a `host`, and 3.x's path-only server: the URL a user
    // sets replaces the whole server URL, so the examples and docs carry the path.
    let v2 = common::emit(
        "swagger: '2.0'
info: {title: T, version: '1'}
basePath: /v1/
paths: {}
",
    );
    let v3 = emit("servers: [{url: /api/v2}]\npaths: {}\n");
    for (files, path) in [(&v2, "/v1"), (&v3, "/api/v2")] {
        let readme = &files["README.md"];
        assert!(
            readme.contains(&format!(".base_url(\"https://api.example.com{path}\")")),
            "{readme}"
        );
        assert!(
            readme.contains(&format!("with the path it gives (`https://…{path}`)")),
            "{readme}"
        );
        let servers = &files["runtime/src/servers.rs"];
        assert!(
            servers.contains(&format!("gives only its path, `{path}`")),
            "{servers}"
        );
    }
    // No path, no path in the example.
    let none = emit("paths: {}\n");
    assert!(none["README.md"].contains(".base_url(\"https://api.example.com\")"));
}

#[test]
fn builder_methods_are_in_step_with_the_runtime() {
    // A variable's option must not take a name the runtime's `ClientBuilder` already has.
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/runtime");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(runtime).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut in_builder = false;
        for line in source.lines() {
            if line.starts_with("impl ClientBuilder {") {
                in_builder = true;
            } else if line.starts_with('}') {
                in_builder = false;
            } else if in_builder {
                let trimmed = line.trim_start();
                let rest = ["pub fn ", "pub(crate) fn ", "fn "]
                    .iter()
                    .find_map(|prefix| trimmed.strip_prefix(prefix));
                if let Some(rest) = rest {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !opengen::lower::BUILDER_METHODS.contains(&name.as_str()) {
                        missing.push(name);
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "add to BUILDER_METHODS: {missing:?}");
}
