//! `cargo xtask codegen` on a spec with several problems: every error on its own `error:` line,
//! sorted by file then JSON pointer, at most `Errors::SHOWN` and then a count; nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{snapshot, stderr, xtask};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

/// Two bad components (not in sorted order; one a `$ref` to itself), a parameter and a schema,
/// and a good component and an operation that use them; beside them two security schemes that
/// cannot be lowered, which are warnings. (A schema `$ref` to nothing is not among the errors:
/// it is read as any JSON value, with a warning.)
const TWO_PROBLEMS: &str = "paths:
  /pets:
    get:
      security: [{odd: []}]
      parameters: [{$ref: '#/components/parameters/Zebra'}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Uses'}
components:
  securitySchemes:
    worse: {type: http, scheme: 'nor this'}
    odd: {type: http, scheme: 'not a token'}
  parameters:
    Zebra: {$ref: '#/components/parameters/Nope'}
  schemas:
    Uses:
      type: object
      properties:
        apple: {$ref: '#/components/schemas/Apple'}
    Apple: {$ref: '#/components/schemas/Apple'}
";

/// Runs `codegen` on `text` (written to `s.yaml`) into an output folder holding one file of the
/// user's; returns the spec's path and what the command did, after checking the folder stayed
/// as it was.
fn codegen(text: &str, extra: &[&str]) -> (PathBuf, Output) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.yaml");
    fs::write(&spec, text).unwrap();
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
    assert_eq!(snapshot(&out), before, "the output folder changed");
    (spec, output)
}

fn error_line(spec: &Path, pointer: &str) -> String {
    format!("error: {}: {pointer}: ", spec.display())
}

#[test]
fn every_error_is_printed_sorted_on_its_own_line() {
    let (spec, output) = codegen(&format!("{HEAD}{TWO_PROBLEMS}"), &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    let expected = [
        "#/components/parameters/Zebra",
        "#/components/schemas/Apple",
    ];
    assert_eq!(lines.len(), expected.len(), "{message}");
    for (line, pointer) in lines.iter().zip(expected) {
        assert!(line.starts_with(&error_line(&spec, pointer)), "{message}");
    }
}

#[test]
fn past_the_cap_the_rest_are_counted() {
    let total = opengen::Errors::SHOWN + 7;
    let mut text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n");
    for i in 0..total {
        text.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{i}'}}\n"
        ));
    }
    let (spec, output) = codegen(&text, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), opengen::Errors::SHOWN + 1, "{message}");
    assert!(
        lines[0].starts_with(&error_line(&spec, "#/components/schemas/S0")),
        "{message}"
    );
    assert_eq!(
        lines[opengen::Errors::SHOWN],
        format!("error: and 7 more errors ({total} in all)")
    );
}

/// Two operations, each with a warning of its own, written in the reverse of their sorted
/// order.
const TWO_WARNINGS: &str = "paths:
  /b:
    get:
      security: [{nope: []}]
      responses: {'204': {description: ok}}
  /a:
    get:
      security: [{other: []}]
      responses: {'204': {description: ok}}
  /c:
    get:
      responses: {'204': {description: ok}}
";

#[test]
fn warnings_are_printed_sorted() {
    let (spec, output) = codegen(&format!("{HEAD}{TWO_WARNINGS}"), &["--check"]);
    let message = stderr(&output);
    let warnings: Vec<&str> = message
        .lines()
        .filter(|line| line.starts_with("warning: "))
        .collect();
    let prefix = |path: &str| {
        format!(
            "warning: {}: #/paths/{path}/get/security/0: ",
            spec.display()
        )
    };
    assert_eq!(warnings.len(), 2, "{message}");
    assert!(warnings[0].starts_with(&prefix("~1a")), "{message}");
    assert!(warnings[1].starts_with(&prefix("~1b")), "{message}");
}

#[test]
fn strict_prints_every_warning_as_an_error() {
    let (spec, output) = codegen(&format!("{HEAD}{TWO_WARNINGS}"), &["--strict"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 2, "{message}");
    for (line, path) in lines.iter().zip(["~1a", "~1b"]) {
        let pointer = format!("#/paths/{path}/get/security/0");
        assert!(line.starts_with(&error_line(&spec, &pointer)), "{message}");
        assert!(line.ends_with("(an error under --strict)"), "{message}");
    }
}
