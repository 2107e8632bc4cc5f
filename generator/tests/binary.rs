//! The `opengen` binary as a user runs it: help, generate, check, and bad arguments.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn opengen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_opengen"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SPEC: &str = "openapi: 3.0.3
info: {title: Pets, version: '1.0'}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: the pets
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
";

/// A spec in a temporary folder, and the paths `--spec` and `--out` take.
fn project() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("pets.yaml");
    fs::write(&spec, SPEC).unwrap();
    let out = dir.path().join("client");
    let (spec, out) = (path(&spec), path(&out));
    (dir, spec, out)
}

fn path(p: &Path) -> String {
    p.to_str().unwrap().to_owned()
}

#[test]
fn help_and_version_exit_0() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["help", "generate"],
        &["generate", "--help"],
        &["check", "-h"],
        &["check", "--spec", "x", "--help"],
    ] {
        let output = opengen(args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        assert!(text.contains("--spec PATH"), "{args:?}: {text}");
        assert!(stderr(&output).is_empty(), "{args:?}");
    }
    assert!(stdout(&opengen(&["--help"])).contains("opengen check --spec PATH --out DIR"));
    let text = stdout(&opengen(&["generate", "--help"]));
    assert!(
        text.starts_with("usage: opengen generate --spec PATH --out DIR"),
        "{text}"
    );
    let output = opengen(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output).trim(),
        format!("opengen {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    for (args, message) in [
        (&[][..], "no command given"),
        (&["frobnicate"], "unknown command `frobnicate`"),
        (&["generate", "--out", "x"], "generate needs --spec PATH"),
        (&["check", "--spec", "x"], "check needs --out DIR"),
        (&["generate", "--spec"], "--spec needs a value"),
        (
            &["generate", "--spec", "a", "--out", "b", "--colour"],
            "unknown argument `--colour`",
        ),
        (&["help", "nope"], "no help for `nope`"),
    ] {
        let output = opengen(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let text = stderr(&output);
        assert!(
            text.starts_with(&format!("error: {message}")),
            "{args:?}: {text}"
        );
        assert!(
            text.contains("usage:\n  opengen generate"),
            "{args:?}: {text}"
        );
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn generate_then_check_clean() {
    let (_dir, spec, out) = project();
    let output = opengen(&["generate", "--spec", &spec, "--out", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("wrote ") && text.ends_with(&format!(" to {out}\n")),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "one summary line: {text}");
    let manifest = fs::read_to_string(Path::new(&out).join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"pets\""),
        "named after the spec: {manifest}"
    );

    let output = opengen(&["check", "--spec", &spec, "--out", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with(&format!("{out} is up to date (")));

    let output = opengen(&["generate", "--spec", &spec, "--out", &out, "-v"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output).lines().count(),
        1,
        "nothing written, nothing listed"
    );
}

#[test]
fn verbose_lists_each_file() {
    let (_dir, spec, out) = project();
    let output = opengen(&[
        "generate",
        "--spec",
        &spec,
        "--out",
        &out,
        "--name",
        "pets-client",
        "-v",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lib = Path::new(&out).join("src/lib.rs");
    assert!(
        text.contains(&format!("\n  wrote {}\n", lib.display())),
        "{text}"
    );
    let files = text.lines().next().unwrap();
    let count: usize = files["wrote ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(text.lines().count(), count + 1, "{text}");
}

#[test]
fn check_after_an_edit_fails_with_the_fix() {
    let (_dir, spec, out) = project();
    let args = [
        "--spec",
        spec.as_str(),
        "--out",
        out.as_str(),
        "--name",
        "pets-client",
    ];
    assert!(
        opengen(&[&["generate"][..], &args].concat())
            .status
            .success()
    );
    let types = Path::new(&out).join("src/types.rs");
    let edited = fs::read_to_string(&types)
        .unwrap()
        .replace("pub name", "pub nom");
    fs::write(&types, edited).unwrap();

    let output = opengen(&[&["check"][..], &args].concat());
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.starts_with(&format!(
            "{out} is out of date with its spec (1 file differs):\nchanged: src/types.rs\n"
        )),
        "{text}"
    );
    assert!(text.contains("-    pub nom: Option<String>,"), "{text}");
    assert!(
        text.ends_with(&format!(
            "fix: run `opengen generate --spec {spec} --out {out} --name pets-client` and commit the result\n"
        )),
        "{text}"
    );
    assert!(
        fs::read_to_string(&types).unwrap().contains("pub nom"),
        "check wrote"
    );

    let output = opengen(&[&["generate"][..], &args].concat());
    assert_eq!(
        stdout(&output),
        format!("wrote {} files (1 changed) to {out}\n", count_files(&out))
    );
    assert!(opengen(&[&["check"][..], &args].concat()).status.success());
}

fn count_files(dir: &str) -> usize {
    let mut count = 0;
    let mut pending = vec![Path::new(dir).to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn the_configuration_beside_the_spec_or_given_is_read() {
    // A bad key shows which file was read, at its line and column.
    let (dir, spec, out) = project();
    fs::write(dir.path().join("opengen.toml"), "colour = 1\n").unwrap();
    let output = opengen(&["generate", "--spec", &spec, "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    let beside = dir.path().join("opengen.toml");
    assert!(
        stderr(&output).starts_with(&format!(
            "error: {}:1:1: unknown field `colour`",
            beside.display()
        )),
        "{}",
        stderr(&output)
    );

    let other = dir.path().join("other.toml");
    fs::write(&other, "[package]\nversion = \"2.0.0\"\n").unwrap();
    let output = opengen(&[
        "generate",
        "--spec",
        &spec,
        "--out",
        &out,
        "--config",
        &path(&other),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "--config wins over the file beside: {}",
        stderr(&output)
    );
    // … and is applied.
    let manifest = fs::read_to_string(Path::new(&out).join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nversion = \"2.0.0\"\n"), "{manifest}");
    fs::write(&other, "[pakage]\n").unwrap();
    let output = opengen(&[
        "check",
        "--spec",
        &spec,
        "--out",
        &out,
        "--config",
        &path(&other),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(&format!(
            "error: {}:1:2: unknown field `pakage`",
            other.display()
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn errors_are_each_printed_and_nothing_is_written() {
    let (dir, spec, out) = project();
    fs::write(dir.path().join("opengen.toml"), "colour = 1\n").unwrap();
    let output = opengen(&["generate", "--spec", &spec, "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.starts_with("error: ") && text.contains("opengen.toml"),
        "{text}"
    );
    assert!(text.contains("colour"), "{text}");
    assert!(!Path::new(&out).exists());

    // Every error of the spec, one a line.
    fs::remove_file(dir.path().join("opengen.toml")).unwrap();
    let broken = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/A'}\n    B: {$ref: '#/components/schemas/B'}\n";
    fs::write(&spec, broken).unwrap();
    let output = opengen(&["generate", "--spec", &spec, "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with(&format!("error: {spec}: #/components/schemas/"))),
        "{text}"
    );
    assert!(!Path::new(&out).exists());
}

#[test]
fn strict_turns_warnings_into_errors() {
    let (_dir, spec, out) = project();
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: broken\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}}}\n";
    fs::write(&spec, text).unwrap();
    let output = opengen(&["generate", "--spec", &spec, "--out", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with(&format!("warning: {spec}: #/paths/")),
        "{}",
        stderr(&output)
    );
    let output = opengen(&["check", "--spec", &spec, "--out", &out, "--strict"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("(an error under --strict)"),
        "{}",
        stderr(&output)
    );
}

/// A reference refused because it leaves the spec's folder names the folder that would read
/// it as the spec's path was given: relative to where the generator runs.
#[test]
fn a_refused_reference_names_the_wider_folder_relative_to_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("apis/pets/api.yaml");
    std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
    std::fs::create_dir_all(dir.path().join("apis/common")).unwrap();
    std::fs::write(dir.path().join("apis/common/error.yaml"), "type: object\n").unwrap();
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '404': {description: no, content: {application/json: {schema: {$ref: '../common/error.yaml'}}}}\n",
    )
    .unwrap();
    let run = |more: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_opengen"))
            .current_dir(dir.path())
            .args(["generate", "--spec", "apis/pets/api.yaml", "--out", "out"])
            .args(["--name", "pets"])
            .args(more)
            .output()
            .unwrap()
    };
    let output = run(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("leaves the folder of the root spec (`apis/pets`)")
            && stderr.contains("(`--root-dir apis` would read it)"),
        "{stderr}"
    );
    // And it does.
    let output = run(&["--root-dir", "apis"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && !stderr.contains("warning"),
        "{stderr}"
    );
}
