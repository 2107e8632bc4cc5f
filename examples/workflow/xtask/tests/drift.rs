//! The committed `client/` is exactly what opengen makes from `spec/` (and `spec/opengen.toml`):
//! `cargo test` fails, naming each file and the fix, when either was edited without
//! regenerating.

#[test]
fn the_client_is_what_the_spec_generates() {
    let generated = workflow_xtask::generate().unwrap_or_else(|errors| panic!("{errors}"));
    let report = generated
        .check(workflow_xtask::client_dir())
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(report.is_clean(), "{report}");
}
