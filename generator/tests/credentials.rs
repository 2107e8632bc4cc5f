//! A crate offers only the credential methods its spec can use: `ClientBuilder::bearer_token`
//! only with a bearer, OAuth2 or OpenID Connect scheme, `api_key` only with an apiKey scheme,
//! and so on, with what only they need (`TokenProvider`, `OAuth2RefreshToken`). Checked on the
//! emitted text; the fixture crates under `client-tests/generated/` compile and use them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::collections::BTreeMap;

use common::HEAD;

/// Every credential method a builder may have.
const METHODS: [&str; 7] = [
    "bearer_token",
    "token_provider",
    "oauth2_refresh_token",
    "basic_auth",
    "api_key",
    "api_key_for",
    "authorization_for",
];

/// The crate of a spec whose security schemes are `schemes` (YAML flow mappings by key), each
/// required by one operation.
fn crate_with(schemes: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut text = format!(
        "{HEAD}paths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        \
         '204': {{description: none}}\n"
    );
    if !schemes.is_empty() {
        text.push_str("      security:\n");
        for (key, _) in schemes {
            text.push_str(&format!("        - {key}: []\n"));
        }
        text.push_str("components:\n  securitySchemes:\n");
        for (key, scheme) in schemes {
            text.push_str(&format!("    {key}: {scheme}\n"));
        }
    }
    common::emit(&text)
}

/// The credential methods the crate's Rust files define.
fn methods(files: &BTreeMap<String, String>) -> Vec<&'static str> {
    METHODS
        .into_iter()
        .filter(|method| {
            files
                .iter()
                .filter(|(path, _)| path.ends_with(".rs"))
                .any(|(_, text)| text.contains(&format!("pub fn {method}(")))
        })
        .collect()
}

const API_KEY: (&str, &str) = ("key", "{type: apiKey, in: header, name: x-api-key}");
const BEARER: (&str, &str) = ("pat", "{type: http, scheme: bearer}");
const OAUTH2: (&str, &str) = (
    "oauth",
    "{type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}}}",
);
const OPENID: (&str, &str) = (
    "oidc",
    "{type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration'}",
);
const BASIC: (&str, &str) = ("basic", "{type: http, scheme: basic}");
const DSN: (&str, &str) = ("dsn", "{type: http, scheme: DSN}");

#[test]
fn an_api_key_only_spec_has_no_bearer_token_method() {
    let files = crate_with(&[API_KEY]);
    assert_eq!(methods(&files), ["api_key", "api_key_for"]);
    assert!(files.contains_key("runtime/src/auth_api_key.rs"));
    for absent in [
        "runtime/src/auth_bearer.rs",
        "runtime/src/auth_oauth2.rs",
        "runtime/src/auth_basic.rs",
        "runtime/src/auth_http.rs",
    ] {
        assert!(!files.contains_key(absent), "{absent}");
    }
    let lib = &files["runtime/src/lib.rs"];
    assert!(lib.contains("mod auth_api_key;"), "{lib}");
    for absent in [
        "mod auth_bearer;",
        "TokenProvider",
        "OAuth2RefreshToken",
        "OAUTH2_TOKEN_URL",
    ] {
        assert!(!lib.contains(absent), "{absent} in {lib}");
    }
    let readme = &files["README.md"];
    assert!(readme.contains("| `api_key(key)`"), "{readme}");
    assert!(!readme.contains("bearer_token"), "{readme}");
    let cargo = &files["runtime/Cargo.toml"];
    assert!(!cargo.contains("form_urlencoded"), "{cargo}");
    assert!(cargo.contains(r#"features = ["time"]"#), "{cargo}");
}

/// The quick start gives the client the credential the API asks for: a bearer token, else
/// basic credentials, else an API key (Twilio's Verify API takes basic only, and its quick
/// start built a client without them).
#[test]
fn the_quick_start_sets_the_credential_the_api_takes() {
    for (schemes, line) in [
        (
            &[BASIC, API_KEY, BEARER][..],
            ".bearer_token(std::env::var(\"TEST_API_TOKEN\")?)",
        ),
        (
            &[API_KEY, BASIC][..],
            ".basic_auth(\n        std::env::var(\"TEST_API_USERNAME\")?,\n        \
             std::env::var(\"TEST_API_PASSWORD\")?,\n    )",
        ),
        (
            &[API_KEY][..],
            ".api_key(std::env::var(\"TEST_API_API_KEY\")?)",
        ),
    ] {
        let readme = &crate_with(schemes)["README.md"];
        let quick_start = readme.split("## Quick start").nth(1).unwrap_or_default();
        let quick_start = quick_start.split("```\n").next().unwrap_or_default();
        assert!(quick_start.contains(line), "{line}\n{quick_start}");
    }
}

/// Security schemes as `(key, YAML)`, and the builder methods they must bring.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

#[test]
fn each_kind_of_scheme_brings_its_own_methods() {
    let cases: [Case<'_>; 7] = [
        (&[], &[]),
        (&[BEARER], &["bearer_token", "token_provider"]),
        (&[OPENID], &["bearer_token", "token_provider"]),
        (
            &[OAUTH2],
            &["bearer_token", "token_provider", "oauth2_refresh_token"],
        ),
        (&[BASIC], &["basic_auth"]),
        (&[DSN], &["authorization_for"]),
        (
            &[API_KEY, BEARER, BASIC, DSN],
            &[
                "bearer_token",
                "token_provider",
                "basic_auth",
                "api_key",
                "api_key_for",
                "authorization_for",
            ],
        ),
    ];
    for (schemes, expected) in cases {
        let files = crate_with(schemes);
        assert_eq!(methods(&files), expected, "{schemes:?}");
        let lib = &files["runtime/src/lib.rs"];
        let bearer = expected.contains(&"bearer_token");
        assert_eq!(
            lib.contains("pub use token::{TokenFuture, TokenProvider};"),
            bearer,
            "{lib}"
        );
        let oauth2 = expected.contains(&"oauth2_refresh_token");
        assert_eq!(lib.contains("OAuth2RefreshToken"), oauth2, "{lib}");
        assert_eq!(lib.contains("pub const OAUTH2_TOKEN_URL"), oauth2, "{lib}");
        assert_eq!(
            files["runtime/Cargo.toml"].contains("form_urlencoded"),
            oauth2,
            "{schemes:?}"
        );
    }
}

#[test]
fn the_oauth2_token_url_is_the_first_one_the_spec_names() {
    let files = crate_with(&[OAUTH2]);
    assert!(
        files["runtime/src/lib.rs"].contains(
            r#"pub const OAUTH2_TOKEN_URL: Option<&str> = Some("https://auth.example.com/token");"#
        ),
        "{}",
        files["runtime/src/lib.rs"]
    );
}

/// The scheme keys of each of an operation's security alternatives.
fn alternatives(op: &opengen::ir::Operation) -> Vec<Vec<&str>> {
    op.security
        .iter()
        .map(|r| r.schemes.iter().map(|s| s.key.as_str()).collect())
        .collect()
}

/// Trello's 2.0 document lists its two API keys (`key`, `token`) as alternatives, and every
/// operation also declares both as required query parameters: the API needs both. The
/// parameters are the schemes' credentials (the client sends them from the keys it is given),
/// so a required one makes its scheme part of every alternative: the client sends both, where
/// before it sent only the first and the user had no way to send the other.
#[test]
fn a_required_parameter_that_is_an_api_key_makes_its_scheme_required() {
    let text = format!(
        "{HEAD}paths:
  /cards/{{id}}:
    parameters:
      - {{name: id, in: path, required: true, schema: {{type: string}}}}
    get:
      operationId: getCard
      parameters:
        - {{name: key, in: query, required: true, schema: {{type: string}}}}
        - {{name: token, in: query, required: true, schema: {{type: string}}}}
      security: [{{api_key: []}}, {{api_token: []}}]
      responses: {{'204': {{description: none}}}}
    delete:
      operationId: deleteCard
      parameters:
        - {{name: key, in: query, schema: {{type: string}}}}
        - {{name: token, in: query, required: true, schema: {{type: string}}}}
      security: [{{api_key: []}}, {{api_token: []}}, {{}}]
      responses: {{'204': {{description: none}}}}
    put:
      operationId: putCard
      parameters:
        - {{name: key, in: query, schema: {{type: string}}}}
      security: [{{api_key: []}}, {{api_token: []}}]
      responses: {{'204': {{description: none}}}}
components:
  securitySchemes:
    api_key: {{type: apiKey, in: query, name: key}}
    api_token: {{type: apiKey, in: query, name: token}}
"
    );
    let api = common::lower_ok(&text);
    let op = |name: &str| {
        api.operations
            .iter()
            .find(|o| o.method_name == name)
            .unwrap()
    };
    assert_eq!(
        common::warnings(&common::generate_ok(&text))
            .iter()
            .filter(|w| w.contains("every alternative"))
            .collect::<Vec<_>>(),
        [
            "#/paths/~1cards~1{id}/get/security: the operation requires the parameter that is \
             security scheme `api_key`'s API key, so every alternative of its `security` needs \
             `api_key` too (here and in every operation where it does)",
            "#/paths/~1cards~1{id}/get/security: the operation requires the parameter that is \
             security scheme `api_token`'s API key, so every alternative of its `security` needs \
             `api_token` too (here and in every operation where it does)",
        ]
    );
    // Both required: one alternative holding both (the second, the same set, once).
    assert_eq!(alternatives(op("get_card")), [["api_key", "api_token"]]);
    assert!(op("get_card").params.iter().all(|p| p.wire_name == "id"));
    // Only `token` required: it joins every alternative, the anonymous one too.
    assert_eq!(
        alternatives(op("delete_card")),
        [vec!["api_key", "api_token"], vec!["api_token"]]
    );
    // Optional: the alternatives as written.
    assert_eq!(alternatives(op("put_card")), [["api_key"], ["api_token"]]);
}
