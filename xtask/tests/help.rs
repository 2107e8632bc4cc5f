//! `cargo xtask` help and its quiet output: usage on request with exit status 0, one summary
//! line per crate written (`-v` lists the files), and `codegen --config`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::fs;

mod common;
use common::{stderr, xtask};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn help_prints_usage_and_exits_0() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = stdout(&output);
        for task in ["codegen", "ir", "corpus", "conformance", "bench"] {
            assert!(text.contains(&format!("\n  {task} ")), "{args:?}: {text}");
        }
        assert!(text.contains("cargo xtask codegen [--check]"), "{text}");
    }
    for task in ["codegen", "ir", "corpus", "conformance", "bench"] {
        for args in [&[task, "--help"][..], &[task, "-h"], &["help", task]] {
            let output = xtask(args);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{args:?}: {}",
                stderr(&output)
            );
            let text = stdout(&output);
            assert!(
                text.starts_with(&format!("cargo xtask {task}: ")),
                "{args:?}: {text}"
            );
            assert!(
                text.contains(&format!("usage:\n  cargo xtask {task}")),
                "{text}"
            );
        }
    }
    let text = stdout(&xtask(&["codegen", "--help"]));
    for flag in ["--check", "--strict", "-v", "--config FILE", "--name CRATE"] {
        assert!(text.contains(flag), "{flag}: {text}");
    }
}

#[test]
fn unknown_tasks_and_help_topics_fail_with_usage() {
    let output = xtask(&["help", "nope"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: no help for `nope`"));
    let output = xtask(&["nope"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("usage:\n  cargo xtask codegen"));
    let output = xtask(&["codegen", "--frobnicate"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("unknown argument `--frobnicate`"));
}

const SPEC: &str = "openapi: 3.0.3
info: {title: Pets, version: '1.0'}
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'204': {description: none}}
";

#[test]
fn writing_prints_one_line_per_crate_and_verbose_lists_files() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("pets.yaml");
    fs::write(&spec, SPEC).unwrap();
    let out = dir.path().join("client");
    let (spec, out) = (spec.to_str().unwrap(), out.to_str().unwrap());
    let output = xtask(&["codegen", "--spec", spec, "--out", out]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    let files: usize = text
        .strip_prefix("wrote ")
        .and_then(|t| t.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        text,
        format!("wrote {files} files ({files} changed) to {out}\n")
    );

    fs::remove_file(format!("{out}/README.md")).unwrap();
    let output = xtask(&["codegen", "--spec", spec, "--out", out, "-v"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("wrote {files} files (1 changed) to {out}\n  wrote {out}/README.md\n")
    );
    let output = xtask(&["codegen", "--spec", spec, "--out", out, "--check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("{out} is up to date ({files} files)\n")
    );
}

#[test]
fn codegen_config_names_the_configuration_file() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("pets.yaml");
    fs::write(&spec, SPEC).unwrap();
    // A broken file beside the spec is what a run without --config reads.
    fs::write(dir.path().join("opengen.toml"), "colour = 1\n").unwrap();
    let config = dir.path().join("mine.toml");
    fs::write(&config, "[package]\nversion = \"2.0.0\"\n").unwrap();
    let out = dir.path().join("client");
    let base = [
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let output = xtask(&base);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("opengen.toml"),
        "{}",
        stderr(&output)
    );
    let output = xtask(&[&base[..], &["--config", config.to_str().unwrap()]].concat());
    assert!(output.status.success(), "{}", stderr(&output));

    // The fix a --check prints repeats the --config.
    fs::remove_file(out.join("README.md")).unwrap();
    let output = xtask(
        &[
            &base[..],
            &["--config", config.to_str().unwrap(), "--check"],
        ]
        .concat(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("--config {}` and commit", config.display())),
        "{}",
        stderr(&output)
    );

    // --config without --spec/--out is refused.
    let output = xtask(&["codegen", "--config", config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("go with --spec and --out"));
}

/// `--root-dir` widens the folder the spec's references may read, as `opengen --root-dir` does,
/// and the fix a `--check` prints repeats it.
#[test]
fn codegen_root_dir_reads_a_sibling_folder() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("apis/pets/api.yaml");
    fs::create_dir_all(spec.parent().unwrap()).unwrap();
    fs::create_dir_all(dir.path().join("apis/common")).unwrap();
    fs::write(
        dir.path().join("apis/common/pet.yaml"),
        "type: object\nproperties:\n  name: {type: string}\n",
    )
    .unwrap();
    fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /pet:\n    get:\n      operationId: getPet\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '../common/pet.yaml'}}}}\n",
    )
    .unwrap();
    let out = dir.path().join("client");
    let base = [
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--name",
        "pets",
    ];
    // Confined to the spec's folder, the schema is any value, and the warning names the way out.
    let output = xtask(&base);
    assert!(output.status.success(), "{}", stderr(&output));
    let apis = dir.path().join("apis");
    assert!(
        stderr(&output).contains(&format!("(`--root-dir {}` would read it)", apis.display())),
        "{}",
        stderr(&output)
    );
    let wide = [&base[..], &["--root-dir", apis.to_str().unwrap()]].concat();
    let output = xtask(&wide);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(types.contains("pub struct Pet {"), "{types}");
    fs::remove_file(out.join("README.md")).unwrap();
    let output = xtask(&[&wide[..], &["--check"]].concat());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("--root-dir {}` and commit", apis.display())),
        "{}",
        stderr(&output)
    );
    // Without --spec and --out it is refused.
    let output = xtask(&["codegen", "--root-dir", apis.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("go with --spec and --out"));
}
