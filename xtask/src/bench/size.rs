//! What a generator produced: lines, bytes and types of Rust, and how long `cargo check` takes
//! on it once its dependencies are built.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use super::process;

/// Counts over every `.rs` file of a generated crate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeSize {
    /// Lines of Rust.
    pub lines: usize,
    /// Bytes of Rust.
    pub bytes: usize,
    /// `struct` and `enum` definitions that are public.
    pub types: usize,
}

/// Counts the Rust under `dir` (skipping any `target/`).
pub fn measure(dir: &Path) -> Result<CodeSize, String> {
    let mut size = CodeSize::default();
    for file in rust_files(dir)? {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        size.bytes += text.len();
        size.lines += text.lines().count();
        size.types += count_types(&text);
    }
    Ok(size)
}

/// Public `struct`/`enum` definitions, whatever their indentation (peers nest them in modules).
fn count_types(text: &str) -> usize {
    text.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("pub struct ") || l.starts_with("pub enum "))
        .count()
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                if path.file_name().is_none_or(|n| n != "target") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// How `cargo check` went on a generated crate.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// It compiles; the median time to check the crate alone, dependencies already built.
    Compiles(Duration),
    /// It does not compile: the number of errors and the first one.
    Fails(usize, String),
}

/// Checks the crate in `dir` with `target` as its target folder: once to build the dependencies
/// (and learn whether it compiles), then `runs` times after touching its sources, so only the
/// crate itself is rechecked. The crate is made a workspace of its own first, so cargo does not
/// take it for a member of this repository's workspace.
pub fn check(dir: &Path, target: &Path, runs: usize) -> Result<Check, String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    if !text.lines().any(|l| l.trim() == "[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let command = || {
        let mut command = Command::new(&cargo);
        command
            .args(["check", "--message-format", "short"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS");
        command
    };
    let first = command()
        .output()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    if !first.status.success() {
        let stderr = String::from_utf8_lossy(&first.stderr);
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains(": error") || l.starts_with("error"))
            .collect();
        let first_error = errors
            .iter()
            .find(|l| l.contains(": error"))
            .or(errors.first())
            .map(|l| l.chars().take(160).collect())
            .unwrap_or_default();
        let count = errors.iter().filter(|l| l.contains(": error")).count();
        return Ok(Check::Fails(count.max(1), first_error));
    }
    let mut times = Vec::new();
    for _ in 0..runs {
        touch_sources(dir)?;
        let run = process::run(&mut command())?;
        if !run.ok {
            return Err(format!(
                "cargo check in {} failed on a rerun",
                dir.display()
            ));
        }
        times.push(run.wall);
    }
    process::median(times)
        .map(Check::Compiles)
        .ok_or_else(|| "no check runs".to_owned())
}

/// Marks every source file as modified now, so cargo rechecks the crate (and only it).
fn touch_sources(dir: &Path) -> Result<(), String> {
    for file in rust_files(&dir.join("src"))? {
        std::fs::File::options()
            .append(true)
            .open(&file)
            .and_then(|f| f.set_modified(SystemTime::now()))
            .map_err(|e| format!("cannot touch {}: {e}", file.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_counted_at_any_depth() {
        let text = "pub struct A;\nmod m {\n    pub enum B {}\n    struct Private;\n}\n";
        assert_eq!(count_types(text), 2);
    }
}
