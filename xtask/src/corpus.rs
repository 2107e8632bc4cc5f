//! `cargo xtask corpus`: generate a crate for every real-world spec and run
//! `cargo clippy -- -D warnings` on them all (clippy checks too, so no separate `cargo check`) in
//! one shared target directory, so dependencies build once. A generated crate in a user's
//! workspace is linted with it, so a lint is a failure like a compiler error.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::Job;

/// One spec's result.
#[derive(Debug, Default, Clone)]
pub struct Row {
    /// File name of the spec.
    pub spec: String,
    /// Package name of its crate.
    pub crate_name: String,
    /// Operations and named types, when generation succeeded.
    pub counts: Option<(usize, usize)>,
    /// Lines of Rust generated.
    pub lines: usize,
    /// Why generation failed, if it did.
    pub generation_error: Option<String>,
    /// Compiler errors in the crate (not lints).
    pub errors: usize,
    /// Lints (rustc and clippy) in the crate, denied by `-D warnings`.
    pub warnings: usize,
    /// The first few compiler messages, for the report.
    pub messages: Vec<String>,
}

impl Row {
    /// Whether the spec generated a crate that compiles with no rustc or clippy lint.
    pub fn passed(&self) -> bool {
        self.generation_error.is_none() && self.errors == 0 && self.warnings == 0
    }
}

/// The specs in `dir`: every `.yaml`, `.yml` and `.json` file at its top level, sorted.
pub fn specs_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut specs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    specs.sort();
    Ok(specs)
}

/// A package name for a spec file: `oai-petstore.yaml` → `oai-petstore`, `1.json` → `api-1`.
pub fn crate_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = name.trim_matches('-');
    if name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.to_owned()
    } else {
        format!("api-{name}")
    }
}

/// Generates every spec into `out/<crate>/`, writes a workspace around them, and lints it.
pub fn run(specs: &[PathBuf], out: &Path) -> Result<Vec<Row>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut rows = Vec::new();
    let mut members = Vec::new();
    for spec in specs {
        let crate_name = crate_name_for(spec);
        let mut row = Row {
            spec: spec
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            crate_name: crate_name.clone(),
            ..Row::default()
        };
        let job = Job {
            spec: spec.clone(),
            out: out.join(&crate_name),
            crate_name: crate_name.clone(),
            examples: None,
        };
        match job.generate() {
            Ok(generated) => {
                row.counts = Some(generated.counts);
                row.lines = generated
                    .files
                    .iter()
                    .filter(|(path, _)| path.ends_with(".rs"))
                    .map(|(_, text)| text.lines().count())
                    .sum();
                opengen::write::write(&job.out, &generated.files).map_err(|e| e.to_string())?;
                members.push(crate_name);
            }
            Err(error) => row.generation_error = Some(error.to_string()),
        }
        rows.push(row);
    }
    let mut manifest = String::from(
        "# Written by `cargo xtask corpus`: one workspace, so dependencies build once.\n[workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for member in &members {
        let _ = writeln!(manifest, "    \"{member}\",");
    }
    manifest.push_str("]\n");
    std::fs::write(out.join("Cargo.toml"), manifest)
        .map_err(|e| format!("cannot write the corpus workspace: {e}"))?;
    if !members.is_empty() {
        check(out, &mut rows)?;
    }
    Ok(rows)
}

/// `cargo clippy -- -D warnings` over the corpus workspace, attributing each diagnostic to its
/// crate: a diagnostic with a lint name (`unused_imports`, `clippy::large_enum_variant`) counts as
/// a lint, one with an `E….` code or none as a compiler error.
fn check(out: &Path, rows: &mut [Row]) -> Result<(), String> {
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "clippy",
            "--workspace",
            "--keep-going",
            "--message-format",
            "json",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo clippy: {e}"))?;
    let stdout = child.stdout.take().ok_or("cargo clippy has no stdout")?;
    let by_name: BTreeMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.crate_name.clone(), i))
        .collect();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let target = message["target"]["name"].as_str().unwrap_or_default();
        let Some(&index) = by_name.get(&target.replace('_', "-")) else {
            continue;
        };
        let level = message["message"]["level"].as_str().unwrap_or_default();
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
        if !matches!(level, "error" | "warning") || is_summary(&message["message"]) {
            continue;
        }
        let row = &mut rows[index];
        if is_lint(&message["message"]) {
            row.warnings += 1;
        } else {
            row.errors += 1;
        }
        if row.messages.len() < 3 {
            row.messages
                .push(rendered.lines().take(12).collect::<Vec<_>>().join("\n"));
        }
    }
    child
        .wait()
        .map_err(|e| format!("cargo clippy did not finish: {e}"))?;
    Ok(())
}

/// Whether a diagnostic is a lint: its code is a lint name rather than an `E0123` error code.
fn is_lint(message: &serde_json::Value) -> bool {
    message["code"]["code"].as_str().is_some_and(|code| {
        !(code.len() == 5 && code.starts_with('E') && code[1..].bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Whether a diagnostic only sums up others (`aborting due to 3 previous errors`, `2 warnings
/// emitted`), which would count them twice.
fn is_summary(message: &serde_json::Value) -> bool {
    message["code"].is_null()
        && message["message"]
            .as_str()
            .is_some_and(|text| text.starts_with("aborting due to") || text.ends_with("emitted"))
}

/// The table the command prints.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| spec | operations | types | lines | clippy | lints |\n|---|---:|---:|---:|---|---:|"
    );
    for row in rows {
        let (ops, types) = row
            .counts
            .map_or(("-".to_owned(), "-".to_owned()), |(o, t)| {
                (o.to_string(), t.to_string())
            });
        let check = if row.generation_error.is_some() {
            "generation failed".to_owned()
        } else if row.errors > 0 {
            format!("{} errors", row.errors)
        } else if row.warnings > 0 {
            "lints".to_owned()
        } else {
            "ok".to_owned()
        };
        let _ = writeln!(
            out,
            "| {} | {ops} | {types} | {} | {check} | {} |",
            row.spec, row.lines, row.warnings
        );
    }
    let passed = rows.iter().filter(|r| r.passed()).count();
    let _ = writeln!(
        out,
        "\n{passed}/{} specs generate a crate that passes `cargo clippy -- -D warnings`",
        rows.len()
    );
    out
}

/// Runs the command: generate, check, print, and fail unless every spec passed.
pub fn command(root: &Path, args: &[String]) -> Result<bool, String> {
    let mut corpus = root.join("../shared/corpus/real");
    let mut filter: Option<String> = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--dir" => corpus = PathBuf::from(iter.next().ok_or("--dir needs a value")?),
            "--only" => filter = Some(iter.next().ok_or("--only needs a value")?.clone()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let mut specs = specs_in(&corpus)?;
    if let Some(filter) = &filter {
        specs.retain(|s| s.to_string_lossy().contains(filter.as_str()));
    }
    if specs.is_empty() {
        return Err(format!("no specs found in {}", corpus.display()));
    }
    let started = Instant::now();
    let rows = run(&specs, &root.join("target/corpus"))?;
    for row in rows.iter().filter(|r| !r.passed()) {
        if let Some(error) = &row.generation_error {
            eprintln!("{}: {error}", row.spec);
        }
        for message in &row.messages {
            eprintln!("{}:\n{message}\n", row.spec);
        }
    }
    println!("{}", table(&rows));
    println!(
        "corpus: generated and linted in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(rows.iter().all(Row::passed))
}
