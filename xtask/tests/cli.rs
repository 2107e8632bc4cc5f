//! `cargo xtask codegen` as a user runs it: generating, checking drift, and failing cleanly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{snapshot, stderr, xtask};

use xtask::repo_root;

fn spec() -> PathBuf {
    repo_root().join("spec/faxplus.yaml")
}

fn codegen_into(out: &Path, extra: &[&str]) -> Output {
    let spec = spec();
    let mut args = vec![
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    xtask(&args)
}

#[test]
fn check_names_each_changed_missing_and_unexpected_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client");
    let output = codegen_into(&out, &["--name", "faxplus"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        codegen_into(&out, &["--name", "faxplus", "--check"])
            .status
            .success()
    );

    let types = out.join("src/types.rs");
    let edited = fs::read_to_string(&types)
        .unwrap()
        .replace("pub name", "pub nom");
    fs::write(&types, edited).unwrap();
    fs::remove_file(out.join("README.md")).unwrap();
    fs::write(out.join("src/extra.rs"), "// mine").unwrap();

    let output = codegen_into(&out, &["--name", "faxplus", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(report.contains("changed: src/types.rs"), "{report}");
    assert!(report.contains("-    pub nom: Option<String>,"), "{report}");
    assert!(
        report.contains("+    pub name: Option<String>,"),
        "{report}"
    );
    assert!(report.contains("missing: README.md"), "{report}");
    assert!(report.contains("unexpected: src/extra.rs"), "{report}");
    assert!(
        report.contains("fix: run `cargo xtask codegen --spec"),
        "{report}"
    );
    assert!(
        fs::read_to_string(&types).unwrap().contains("pub nom"),
        "--check wrote"
    );

    // Regenerating repairs everything but the foreign file, which is reported and kept.
    let output = codegen_into(&out, &["--name", "faxplus"]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("extra.rs is not generated; left alone"));
    fs::remove_file(out.join("src/extra.rs")).unwrap();
    assert!(
        codegen_into(&out, &["--name", "faxplus", "--check"])
            .status
            .success()
    );
}

#[test]
fn generation_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(codegen_into(&a, &["--name", "faxplus"]).status.success());
    assert!(codegen_into(&b, &["--name", "faxplus"]).status.success());
    let strip = |files: Vec<(PathBuf, Vec<u8>)>, root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        files
            .into_iter()
            .map(|(p, c)| (p.strip_prefix(root).unwrap().to_path_buf(), c))
            .collect()
    };
    assert_eq!(strip(snapshot(&a), &a), strip(snapshot(&b), &b));
}

fn assert_fails_cleanly(spec_text: Option<&str>, file_name: &str, expected: &[&str]) {
    assert_fails_cleanly_with(spec_text, file_name, &[], expected);
}

fn assert_fails_cleanly_with(
    spec_text: Option<&str>,
    file_name: &str,
    extra: &[&str],
    expected: &[&str],
) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join(file_name);
    if let Some(text) = spec_text {
        fs::write(&spec, text).unwrap();
    }
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("src")).unwrap();
    fs::write(out.join("src/lib.rs"), "// precious").unwrap();
    let before = snapshot(&out);
    let mut args = vec![
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = xtask(&args);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!("error: {}", spec.display())),
        "{message}"
    );
    for part in expected {
        assert!(message.contains(part), "expected {part:?} in {message}");
    }
    assert_eq!(message.lines().count(), 1, "{message}");
    assert_eq!(snapshot(&out), before, "the output folder changed");
}

const GOOD_HEAD: &str = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\n";

#[test]
fn a_missing_spec_is_a_clear_error() {
    assert_fails_cleanly(None, "absent.yaml", &["cannot read the spec"]);
}

#[test]
fn a_yaml_syntax_error_names_line_and_column() {
    let text = format!("{GOOD_HEAD}paths:\n  /a:\n    get: [oops\n");
    assert_fails_cleanly(Some(&text), "bad.yaml", &["bad.yaml:", "YAML syntax error"]);
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("bad.yaml");
    fs::write(&spec, &text).unwrap();
    let out = dir.path().join("out");
    let output = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let message = stderr(&output);
    let location = message
        .strip_prefix(&format!("error: {}:", spec.display()))
        .unwrap_or_default();
    let mut parts = location.split(':');
    let line: usize = parts.next().unwrap().parse().unwrap();
    let column: usize = parts.next().unwrap().parse().unwrap();
    assert!(line >= 5 && column >= 1, "{message}");
    assert!(!out.exists());
}

#[test]
fn swagger_2_generates() {
    let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\nhost: api.example.com\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses: {'200': {description: ok, schema: {type: string}}}\n";
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.yaml");
    fs::write(&spec, text).unwrap();
    let out = dir.path().join("out");
    let output = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn get_a("), "{operations}");
}

#[test]
fn swagger_1_is_refused() {
    let text = "swagger: '1.2'\ninfo: {title: T, version: '1'}\npaths: {}\n";
    assert_fails_cleanly(
        Some(text),
        "s.yaml",
        &["#/swagger", "unsupported version: Swagger 1.2"],
    );
    // Swagger 1.x documents name their version `swaggerVersion`.
    let text = r#"{"swaggerVersion": "1.2", "apiVersion": "1.0", "apis": []}"#;
    assert_fails_cleanly(
        Some(text),
        "s.json",
        &[
            "#/swaggerVersion",
            "unsupported version: Swagger 1.2 (Swagger 1.x)",
        ],
    );
}

#[test]
fn openapi_3_1_generates_and_its_webhooks_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.yaml");
    let text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks:\n  ping:\n    post:\n      responses: {'200': {description: ok}}\n";
    fs::write(&spec, text).unwrap();
    let out = dir.path().join("out");
    let output = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--name",
        "t",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("#/webhooks/ping: webhook `ping` left out"),
        "{}",
        stderr(&output)
    );
    assert!(out.join("src/lib.rs").exists());
}

#[test]
fn a_document_that_is_not_openapi_is_refused() {
    // A JSON Schema, a docker-compose file: YAML, but no OpenAPI or Swagger version.
    for text in [
        "$schema: https://json-schema.org/draft/2020-12/schema\ntype: object\n",
        "services:\n  web:\n    image: nginx\n",
    ] {
        assert_fails_cleanly(
            Some(text),
            "s.yaml",
            &["no `openapi` or `swagger` version field"],
        );
    }
    assert_fails_cleanly(Some("- a\n- b\n"), "s.yaml", &["not a mapping/object"]);
}

#[test]
fn openapi_3_3_is_refused() {
    let text = "openapi: 3.3.0\ninfo: {title: T, version: '1'}\npaths: {}\n";
    assert_fails_cleanly(
        Some(text),
        "s.yaml",
        &["#/openapi", "OpenAPI 3.3.0 is not supported"],
    );
}

#[test]
fn a_dangling_schema_ref_is_any_json_value_with_a_warning_naming_its_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.yaml");
    fs::write(
        &spec,
        format!(
            "{GOOD_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{$ref: '#/components/schemas/Nope'}}\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    assert_eq!(
        message.trim_end(),
        format!(
            "warning: {}: #/components/schemas/A/properties/b: dangling reference: \
             `#/components/schemas/Nope` does not exist; the schema is read as any JSON value",
            spec.display()
        )
    );
}

const ONE_BROKEN_OPERATION: &str = "paths:
  /a:
    get:
      operationId: broken
      responses: {'204': {$ref: '#/components/requestBodies/Nope'}}
  /b:
    get:
      operationId: fine
      responses: {'204': {description: ok}}
";

#[test]
fn one_broken_operation_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.yaml");
    fs::write(&spec, format!("{GOOD_HEAD}{ONE_BROKEN_OPERATION}")).unwrap();
    let out = dir.path().join("out");
    let output = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    let prefix = format!(
        "warning: {}: #/paths/~1a/get/responses/204: ",
        spec.display()
    );
    assert!(
        message.starts_with(&prefix)
            && message
                .trim_end()
                .ends_with("; the operation #/paths/~1a/get is skipped")
            && message.lines().count() == 1,
        "{message}"
    );
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn fine("), "{operations}");
    assert!(!operations.contains("pub fn broken("), "{operations}");
    let readme = fs::read_to_string(out.join("README.md")).unwrap();
    assert!(
        readme.contains("`#/paths/~1a/get/responses/204`"),
        "{readme}"
    );
}

#[test]
fn strict_makes_a_warning_an_error_and_writes_nothing() {
    assert_fails_cleanly_with(
        Some(&format!("{GOOD_HEAD}{ONE_BROKEN_OPERATION}")),
        "s.yaml",
        &["--strict"],
        &[
            "#/paths/~1a/get/responses/204",
            "the operation #/paths/~1a/get is skipped (an error under --strict)",
        ],
    );
}

#[test]
fn a_duplicate_operation_id_names_both_places() {
    let text = format!(
        "{GOOD_HEAD}paths:\n  /a:\n    get:\n      operationId: same\n      responses: {{'204': {{description: ok}}}}\n  /b:\n    get:\n      operationId: same\n      responses: {{'204': {{description: ok}}}}\n"
    );
    // A mistake of one operation: it is renamed, with a warning (an error under --strict).
    assert_fails_cleanly_with(
        Some(&text),
        "s.yaml",
        &["--strict"],
        &[
            "#/paths/~1b/get/operationId",
            "duplicate operationId `same` (first used at #/paths/~1a/get)",
            "this operation's method is `same_2`",
        ],
    );
}

#[test]
fn a_bad_crate_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = codegen_into(&out, &["--name", "Bad Name"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("crate name `Bad Name`"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn once_unsupported_corpus_files_generate() {
    // `real/unsupported/` holds the Swagger 2.0 and OpenAPI 3.1 files that were once refused;
    // both are read now (refusals of what is still refused are tested above).
    let folder = xtask::test_data("corpus/real/unsupported");
    let entries = fs::read_dir(&folder).unwrap();
    for entry in entries {
        let spec = entry.unwrap().path();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let output = xtask(&[
            "codegen",
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}: {}",
            spec.display(),
            stderr(&output)
        );
        assert!(out.join("src/lib.rs").exists());
    }
}
