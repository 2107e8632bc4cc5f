//! `cargo xtask codegen` on a spec spread over several files, as a user runs it: a schema that
//! may not be read (remote, out of the root's folder, through a symbolic link) is not, and is
//! any JSON value with one warning naming the file and the pointer of the `$ref`; such a
//! reference elsewhere (a path item), or a cycle of copied references, costs what needs it; and
//! `--check` sees a change in any file the spec reads.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::fs;
use std::path::Path;
use std::process::Output;

mod common;
use common::{snapshot, stderr, xtask};

fn codegen(spec: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--name",
        "multi",
    ];
    args.extend_from_slice(extra);
    xtask(&args)
}

/// Writes `files` (relative path, text) under `dir`.
fn write_tree(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// A root whose one operation answers with the schema `{$ref: REF}`.
fn root_referring_to(reference: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '{reference}'\n"
    )
}

const SITE: &str = "#/paths/~1a/get/responses/200/content/application~1json/schema";

/// Runs codegen on `spec/api.yaml` under `dir` into a folder holding a precious file, and checks
/// it fails with one line naming `file` (relative to `dir`) and the `place` in it (`: #/a` or
/// `:2:18`), and changes nothing.
fn assert_refused(dir: &Path, file: &str, place: &str, words: &str) {
    let out = dir.join("out");
    fs::create_dir_all(out.join("src")).unwrap();
    fs::write(out.join("src/lib.rs"), "// precious").unwrap();
    let before = snapshot(&out);
    let output = codegen(&dir.join("spec/api.yaml"), &out, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    let expected = format!("error: {}{place}: ", dir.join(file).display());
    assert!(message.starts_with(&expected), "{expected:?} in {message}");
    assert!(message.contains(words), "{words:?} in {message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert_eq!(snapshot(&out), before, "the output folder changed");
}

#[test]
fn a_schema_in_a_missing_file_is_any_json_value_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("spec/api.yaml", &root_referring_to("models/pet.yaml")),
            (
                "spec/models/pet.yaml",
                "type: object\nproperties:\n  owner: {$ref: '../people/owner.yaml'}\n",
            ),
        ],
    );
    let out = dir.path().join("out");
    let output = codegen(&dir.path().join("spec/api.yaml"), &out, &[]);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    assert!(
        message.contains(": models/pet.yaml#/properties/owner: cannot read `../people/owner.yaml`")
            && message
                .trim_end()
                .ends_with("; the schema is read as any JSON value"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(types.contains("pub owner: Option<Value>,"), "{types}");
}

/// Runs codegen on `spec/api.yaml` under `dir` and checks it succeeds with one warning naming
/// the `$ref` at [`SITE`] with `words`, its schema read as any JSON value and nothing of `leak`
/// (text only the refused target holds) in the crate.
fn assert_read_as_any(dir: &Path, words: &str, leak: &str) {
    let out = dir.join("out");
    let output = codegen(&dir.join("spec/api.yaml"), &out, &[]);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    let expected = format!("warning: {}: {SITE}: ", dir.join("spec/api.yaml").display());
    assert!(message.starts_with(&expected), "{expected:?} in {message}");
    assert!(
        message.contains(words)
            && message
                .trim_end()
                .ends_with("; the schema is read as any JSON value"),
        "{words:?} in {message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(
        operations.contains("Call<'_, Value, GetAError>"),
        "{operations}"
    );
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(!types.contains(leak), "{types}");
}

#[test]
fn a_reference_out_of_the_tree_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("spec/api.yaml", &root_referring_to("../secret/pet.yaml")),
            (
                "secret/pet.yaml",
                "type: object\nproperties:\n  private_key: {type: string}\n",
            ),
        ],
    );
    assert_read_as_any(
        dir.path(),
        "`../secret/pet.yaml` leaves the folder of the root spec",
        "private_key",
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_tree_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("spec/api.yaml", &root_referring_to("models/pet.yaml")),
            (
                "secret/pet.yaml",
                "type: object\nproperties:\n  private_key: {type: string}\n",
            ),
        ],
    );
    fs::create_dir_all(dir.path().join("spec/models")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("secret/pet.yaml"),
        dir.path().join("spec/models/pet.yaml"),
    )
    .unwrap();
    assert_read_as_any(
        dir.path(),
        "resolves through a symbolic link to",
        "private_key",
    );
}

#[test]
fn a_remote_path_item_costs_its_operations_not_the_api() {
    // Outside a schema, a reference that may not be followed is left out with a warning, and
    // what needs it (the path item's operations) with it; the rest is written.
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[(
            "spec/api.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    $ref: 'https://example.com/paths.yaml#/a'\n  /b:\n    get:\n      operationId: getB\n      responses: {'204': {description: ok}}\n",
        )],
    );
    let out = dir.path().join("out");
    let output = codegen(&dir.path().join("spec/api.yaml"), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    let expected = format!(
        "warning: {}: #/paths/~1a: remote reference `https://example.com/paths.yaml#/a`: nothing is fetched while generating",
        dir.path().join("spec/api.yaml").display()
    );
    assert!(message.contains(&expected), "{expected:?} in {message}");
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn get_b("), "{operations}");
}

#[test]
fn a_cycle_of_copied_references_costs_what_needs_it_not_the_api() {
    // A path item file that refers back to itself cannot be copied in; the path item is left
    // out with one warning naming the chain, and the rest of the API is written.
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            (
                "spec/api.yaml",
                "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    $ref: 'paths/a.yaml'\n  /b:\n    get:\n      operationId: getB\n      responses: {'204': {description: ok}}\n",
            ),
            ("spec/paths/a.yaml", "$ref: 'b.yaml'\n"),
            ("spec/paths/b.yaml", "$ref: 'a.yaml'\n"),
        ],
    );
    let out = dir.path().join("out");
    let output = codegen(&dir.path().join("spec/api.yaml"), &out, &[]);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    let expected = format!(
        "warning: {}: paths/b.yaml#: a cycle of references, each copied into the one before: paths/a.yaml# → paths/b.yaml# → paths/a.yaml#; nothing is read for it",
        dir.path().join("spec/api.yaml").display()
    );
    assert!(message.contains(&expected), "{expected:?} in {message}");
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn get_b("), "{operations}");
}

#[test]
fn a_syntax_error_in_another_file_is_refused_with_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("spec/api.yaml", &root_referring_to("models/pet.yaml")),
            ("spec/models/pet.yaml", "type: object\nproperties: {a: [}\n"),
        ],
    );
    assert_refused(
        dir.path(),
        "spec/models/pet.yaml",
        ":2:18",
        "YAML syntax error",
    );
}

#[test]
fn schemas_that_refer_to_each_other_across_files_are_named_types_wherever_they_are_written() {
    // A schema written under a member the walk does not know (here a path item file keyed by
    // path, referred to as a whole) is copied, not hoisted; when it refers back to itself
    // through another file, the loop is left as any JSON value there, with a warning, and the
    // same schemas referred to from known places are still named, recursive types.
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            (
                "spec/api.yaml",
                "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /pets:\n    $ref: 'paths/pets.yaml'\n  /pets/{id}:\n    $ref: 'paths/pets.yaml#/~1pets~1{id}'\n",
            ),
            (
                "spec/paths/pets.yaml",
                "get:\n  operationId: listPets\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {type: array, items: {$ref: '../models/pet.yaml#/Pet'}}\n/pets/{id}:\n  x-note: {$ref: '../models/pet.yaml#/Pet'}\n  get:\n    operationId: getPet\n    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    responses:\n      '200':\n        description: ok\n        content:\n          application/json:\n            schema: {$ref: '../models/pet.yaml#/Pet'}\n",
            ),
            (
                "spec/models/pet.yaml",
                "Pet:\n  type: object\n  properties:\n    owner: {$ref: 'owner.yaml'}\n",
            ),
            (
                "spec/models/owner.yaml",
                "type: object\nproperties:\n  pets: {type: array, items: {$ref: 'pet.yaml#/Pet'}}\n",
            ),
        ],
    );
    let out = dir.path().join("out");
    let output = codegen(&dir.path().join("spec/api.yaml"), &out, &[]);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    assert!(message.contains("a cycle of references"), "{message}");
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn list_pets("), "{operations}");
    assert!(
        operations.contains("pub fn get_pet(&self, id: &str) -> Call<'_, types::Pet,"),
        "{operations}"
    );
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(types.contains("pub struct Pet {"), "{types}");
    assert!(types.contains("pub pets: Option<Vec<Pet>>"), "{types}");
}

#[test]
fn a_remote_reference_is_not_fetched() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[(
            "spec/api.yaml",
            &root_referring_to("https://example.com/schemas/pet.yaml#/Pet"),
        )],
    );
    assert_read_as_any(
        dir.path(),
        "remote reference `https://example.com/schemas/pet.yaml#/Pet`: nothing is fetched while generating",
        "Pet",
    );
}

#[test]
fn check_reports_drift_when_a_file_other_than_the_root_changes() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("spec/api.yaml", &root_referring_to("models/pet.yaml")),
            (
                "spec/models/pet.yaml",
                "type: object\nproperties:\n  name: {type: string}\n",
            ),
        ],
    );
    let spec = dir.path().join("spec/api.yaml");
    let out = dir.path().join("out");
    let output = codegen(&spec, &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(codegen(&spec, &out, &["--check"]).status.success());
    let header_before = fs::read_to_string(out.join("src/lib.rs")).unwrap();

    // A change that alters no type still changes the spec hash in every header.
    fs::write(
        dir.path().join("spec/models/pet.yaml"),
        "# the pet\ntype: object\nproperties:\n  name: {type: string}\n",
    )
    .unwrap();
    let output = codegen(&spec, &out, &["--check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = stderr(&output);
    assert!(report.contains("changed: src/lib.rs"), "{report}");
    assert_eq!(
        fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        header_before,
        "--check wrote"
    );

    // A change of meaning shows in the types too.
    fs::write(
        dir.path().join("spec/models/pet.yaml"),
        "type: object\nproperties:\n  nickname: {type: string}\n",
    )
    .unwrap();
    let report = stderr(&codegen(&spec, &out, &["--check"]));
    assert!(report.contains("changed: src/types.rs"), "{report}");
    assert!(
        report.contains("+    pub nickname: Option<String>,"),
        "{report}"
    );
    assert!(codegen(&spec, &out, &[]).status.success());
    assert!(codegen(&spec, &out, &["--check"]).status.success());
}
