//! Generating from your own repository: the few calls a project's own `cargo xtask codegen`
//! and drift test make.
//!
//! [`generate`](crate::generate) makes every file of the client crate in memory;
//! [`Generated::write_to`](crate::Generated::write_to) writes the ones that changed and says so
//! in one line; [`Generated::check`](crate::Generated::check) compares them with the folder
//! without writing, for `--check` and for a drift test. [`Options::config_beside`] picks up the
//! `opengen.toml` beside the spec.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = tempfile::tempdir()?;
//! # let spec = dir.path().join("api.yaml");
//! # let out = dir.path().join("client");
//! # std::fs::write(&spec, "openapi: 3.0.3\ninfo: {title: Pets, version: '1.0'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: {'204': {description: none}}\n")?;
//! use opengen::{Options, generate};
//!
//! // `opengen.toml` beside the spec, when there is one, is the configuration.
//! let options = Options::new("pets-client").config_beside(&spec)?;
//! let generated = generate(&spec, &options)?;
//! for warning in &generated.warnings {
//!     eprintln!("warning: {}: {}", warning.pointer, warning.message);
//! }
//!
//! // `cargo xtask codegen`: writes what changed, one summary line.
//! let report = generated.write_to(&out)?;
//! println!("{report}"); // wrote 9 files (9 changed) to …/client
//!
//! // `cargo xtask codegen --check` and the drift test: nothing is written.
//! let check = generated.check(&out)?;
//! assert!(check.is_clean(), "{check}");
//! # assert!(report.to_string().starts_with("wrote "));
//! # std::fs::write(out.join("src/lib.rs"), "// edited")?;
//! # let check = generated.check(&out)?;
//! # assert!(!check.is_clean());
//! # assert!(check.to_string().contains("changed: src/lib.rs"), "{check}");
//! # Ok(()) }
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::emit::Options;
use crate::error::{Errors, Result};
use crate::write::{self, Drift, WriteReport};

impl Options {
    /// These options with the configuration in `opengen.toml` beside `spec` (its folder), or
    /// the default configuration when there is no such file. Errors name the file and key.
    pub fn config_beside(self, spec: &Path) -> Result<Self, Errors> {
        Ok(Self {
            config: Config::beside(spec)?,
            ..self
        })
    }

    /// These options with the configuration file at `path` (any name).
    pub fn config_file(self, path: &Path) -> Result<Self, Errors> {
        Ok(Self {
            config: Config::load(path)?,
            ..self
        })
    }
}

impl crate::Generated {
    /// Writes the crate into `out_dir` (see [`write::write`]): only changed files are touched,
    /// stale generated files are removed, files the generator did not make are left alone.
    /// The report's `Display` is one summary line.
    pub fn write_to(&self, out_dir: impl AsRef<Path>) -> Result<WriteReport> {
        write::write(out_dir.as_ref(), &self.files)
    }

    /// Compares the crate with `out_dir` without writing: what `--check` and a drift test ask.
    pub fn check(&self, out_dir: impl AsRef<Path>) -> Result<DriftReport> {
        let out = out_dir.as_ref();
        Ok(DriftReport {
            out: out.to_path_buf(),
            files: self.files.len(),
            drift: write::check(out, &self.files)?,
            fix: "cargo xtask codegen".to_owned(),
        })
    }
}

/// How a folder differs from the crate the generator makes ([`Generated::check`]).
///
/// [`Generated::check`]: crate::Generated::check
///
/// `Display` says the folder is up to date, or names every file that differs (with a short
/// diff) and ends with the command that fixes it: `fix: run `cargo xtask codegen` and commit
/// the result` unless [`DriftReport::fix`] names another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriftReport {
    /// The folder checked.
    pub out: PathBuf,
    /// How many files the generator makes.
    pub files: usize,
    /// Every difference, empty when the folder is up to date.
    pub drift: Vec<Drift>,
    /// The command that regenerates the folder, shown after the differences.
    pub fix: String,
}

impl DriftReport {
    /// Whether the folder is exactly what the generator makes.
    pub fn is_clean(&self) -> bool {
        self.drift.is_empty()
    }

    /// The same report, naming `command` as the fix.
    pub fn fix(self, command: impl Into<String>) -> Self {
        Self {
            fix: command.into(),
            ..self
        }
    }
}

impl fmt::Display for DriftReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let out = self.out.display();
        if self.is_clean() {
            return write!(f, "{out} is up to date ({} files)", self.files);
        }
        write!(
            f,
            "{out} is out of date with its spec ({} file{} differ{}):",
            self.drift.len(),
            if self.drift.len() == 1 { "" } else { "s" },
            if self.drift.len() == 1 { "s" } else { "" },
        )?;
        for drift in &self.drift {
            write!(f, "\n{}", drift.to_string().trim_end())?;
        }
        write!(f, "\nfix: run `{}` and commit the result", self.fix)
    }
}

/// One line: `wrote N files (M changed) to DIR`, or `DIR is up to date (N files)` when nothing
/// changed; stale files removed and foreign files left alone are counted. With `{:#}`, one more
/// line per file written or removed.
impl fmt::Display for WriteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let out = self.out.display();
        let files = plural(self.files, "file");
        if self.written.is_empty() && self.removed.is_empty() {
            write!(f, "{out} is up to date ({files})")?;
        } else {
            write!(f, "wrote {files} ({} changed", self.written.len())?;
            if !self.removed.is_empty() {
                write!(f, ", {} stale removed", self.removed.len())?;
            }
            write!(f, ") to {out}")?;
        }
        if !self.left_alone.is_empty() {
            write!(
                f,
                "; {} not generated, left alone",
                plural(self.left_alone.len(), "file")
            )?;
        }
        if f.alternate() {
            for path in &self.written {
                write!(f, "\n  wrote {}", self.out.join(path).display())?;
            }
            for path in &self.removed {
                write!(f, "\n  removed stale {}", self.out.join(path).display())?;
            }
            for path in &self.left_alone {
                write!(f, "\n  left alone {}", self.out.join(path).display())?;
            }
        }
        Ok(())
    }
}

fn plural(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// A package name made from a spec's file name, for when none is given: `oai-petstore.yaml` →
/// `oai-petstore`, `1.json` → `api-1` (a package name starts with a letter).
pub fn crate_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    package_name(&stem)
}

/// `text` made a package name: each run of characters other than ASCII letters and digits
/// becomes one `-` (none at either end: `my__api` → `my-api`, whose library name `my_api` is
/// snake case), and a name that would not start with a lowercase letter gets `api-` in front.
pub fn package_name(text: &str) -> String {
    let mut name = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches('-');
    if name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.to_owned()
    } else {
        format!("api-{name}")
    }
}

#[cfg(test)]
mod tests;
