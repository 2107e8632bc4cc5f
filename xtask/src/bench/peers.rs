//! The generators we measure ourselves against, installed into a folder the bench owns
//! (`target/bench/peers/`), at pinned versions, and how each is asked to generate a crate.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// progenitor's CLI, from crates.io.
pub const PROGENITOR_VERSION: &str = "0.15.1";
/// openapi-generator, as the PyPI package that bundles its jar.
pub const OPENAPI_GENERATOR_VERSION: &str = "7.26.0";
/// swagger-parser refuses YAML documents above 3 Mi code points by default (stripe.yaml is
/// over it); the JVM property raises the limit so the peer can be timed on every file.
const JAVA_OPTS: &str = "-DmaxYamlCodePoints=99999999";

/// A code generator under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tool {
    /// This repository's generator (`xtask codegen`, release build).
    Ours,
    /// `cargo progenitor` (Oxide).
    Progenitor,
    /// `openapi-generator generate -g rust`.
    OpenApiGenerator,
}

impl Tool {
    /// Every tool, ours first.
    pub const ALL: [Tool; 3] = [Tool::Ours, Tool::Progenitor, Tool::OpenApiGenerator];

    /// The name used in tables and folder names.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
            Tool::OpenApiGenerator => "openapi-generator",
        }
    }
}

/// Where each tool's program is, or why it is not available.
#[derive(Debug)]
pub struct Installed {
    /// Our release binary.
    pub ours: PathBuf,
    /// The `cargo-progenitor` binary.
    pub progenitor: Result<PathBuf, String>,
    /// The `openapi-generator-cli` launcher in the bench's virtualenv.
    pub openapi_generator: Result<PathBuf, String>,
}

impl Installed {
    /// The command that makes `tool` generate the crate `name` from `spec` into `out`.
    pub fn command(&self, tool: Tool, spec: &Path, out: &Path, name: &str) -> Option<Command> {
        match tool {
            Tool::Ours => {
                let mut command = Command::new(&self.ours);
                command
                    .args(["codegen", "--spec"])
                    .arg(spec)
                    .arg("--out")
                    .arg(out)
                    .args(["--name", name]);
                Some(command)
            }
            Tool::Progenitor => {
                let mut command = Command::new(self.progenitor.as_ref().ok()?);
                command
                    .args(["progenitor", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(out)
                    .args(["-n", name, "-v", "0.1.0"]);
                Some(command)
            }
            Tool::OpenApiGenerator => {
                let mut command = Command::new(self.openapi_generator.as_ref().ok()?);
                command
                    .args(["generate", "-g", "rust", "--skip-validate-spec", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(out)
                    // A version, as progenitor is given one: the default is the spec's
                    // `info.version`, which is not always semver (Stripe's is a date) and
                    // would make Cargo refuse the crate before compiling anything.
                    .arg(format!(
                        "--additional-properties=packageName={name},packageVersion=0.1.0"
                    ))
                    .env("JAVA_OPTS", JAVA_OPTS);
                Some(command)
            }
        }
    }

    /// The version line of each available peer, for the report.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "progenitor: {}",
            match &self.progenitor {
                Ok(_) => format!("cargo-progenitor {PROGENITOR_VERSION} (crates.io)"),
                Err(why) => format!("not available ({why})"),
            }
        )];
        lines.push(format!(
            "openapi-generator: {}",
            match &self.openapi_generator {
                Ok(_) => format!(
                    "openapi-generator-cli=={OPENAPI_GENERATOR_VERSION} (PyPI), `-g rust --skip-validate-spec`, packageVersion=0.1.0, JAVA_OPTS={JAVA_OPTS}"
                ),
                Err(why) => format!("not available ({why})"),
            }
        ));
        lines
    }
}

/// Builds our release binary and, when `with_peers`, installs the peers into `dir` unless
/// they are there already (without, they are reported missing and not run).
pub fn install(root: &Path, dir: &Path, with_peers: bool) -> Result<Installed, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("bench: building the generator (release)");
    let status = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build --release -p xtask failed".to_owned());
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let ours = target.join("release/xtask");
    if !with_peers {
        let left_out = || Err("left out (--no-peers)".to_owned());
        return Ok(Installed {
            ours,
            progenitor: left_out(),
            openapi_generator: left_out(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(Installed {
        ours,
        progenitor: install_progenitor(&cargo, dir),
        openapi_generator: install_openapi_generator(dir),
    })
}

fn install_progenitor(cargo: &str, dir: &Path) -> Result<PathBuf, String> {
    let root = dir.join(format!("progenitor-{PROGENITOR_VERSION}"));
    let binary = root.join("bin/cargo-progenitor");
    if binary.exists() {
        return Ok(binary);
    }
    eprintln!(
        "bench: installing cargo-progenitor {PROGENITOR_VERSION} into {}",
        root.display()
    );
    let status = Command::new(cargo)
        .args([
            "install",
            "--quiet",
            "--locked",
            "cargo-progenitor",
            "--version",
            PROGENITOR_VERSION,
            "--root",
        ])
        .arg(&root)
        // Its own target folder, so the workspace's settings do not leak into the build.
        .env("CARGO_TARGET_DIR", dir.join("progenitor-build"))
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if status.success() && binary.exists() {
        Ok(binary)
    } else {
        Err("cargo install cargo-progenitor failed".to_owned())
    }
}

fn install_openapi_generator(dir: &Path) -> Result<PathBuf, String> {
    let venv = dir.join(format!("openapi-generator-{OPENAPI_GENERATOR_VERSION}"));
    let launcher = venv.join("bin/openapi-generator-cli");
    let java = Command::new("java")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !java.is_ok_and(|s| s.success()) {
        return Err("no `java` on PATH (openapi-generator needs Java 11+)".to_owned());
    }
    if launcher.exists() {
        return Ok(launcher);
    }
    eprintln!(
        "bench: installing openapi-generator-cli {OPENAPI_GENERATOR_VERSION} into {}",
        venv.display()
    );
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok())
        .ok_or("no python3 on PATH")?;
    let made = Command::new(python)
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .map_err(|e| format!("cannot create a virtualenv: {e}"))?;
    if !made.success() {
        return Err(format!("`{python} -m venv` failed"));
    }
    let installed = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!(
            "openapi-generator-cli=={OPENAPI_GENERATOR_VERSION}"
        ))
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run pip: {e}"))?;
    if installed.success() && launcher.exists() {
        Ok(launcher)
    } else {
        Err("pip install openapi-generator-cli failed".to_owned())
    }
}
