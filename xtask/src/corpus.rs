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
/// A package name for a spec file: `oai-petstore.yaml` → `oai-petstore`, `1.json` → `api-1`.
pub use opengen::workflow::crate_name_for;
use opengen::workflow::package_name;

/// One spec's result.
#[derive(Debug, Default, Clone)]
pub struct Row {
    /// File name of the spec.
    pub spec: String,
    /// The version it declares (`3.1.0`, `2.0`).
    pub version: String,
    /// Package name of its crate.
    pub crate_name: String,
    /// Webhooks left out (requests the API sends, not calls a client makes).
    pub webhooks: usize,
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
    /// The crate's features, one per group of operations (empty when it is not split).
    pub features: Vec<String>,
    /// The builds with some features only (`--no-default-features`, with none or one) that
    /// were linted besides the default (`full`).
    pub feature_builds: usize,
}

/// Which builds of a crate with features are linted besides the default (`full`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureBuilds {
    /// None at all, and each feature alone.
    Each,
    /// None at all, and the first, middle and last feature (by name) alone: what CI checks.
    Sample,
}

impl FeatureBuilds {
    /// The builds of a crate with `features`: `None` for no features, else the one feature.
    fn of(self, features: &[String]) -> Vec<Option<&str>> {
        if features.is_empty() {
            return Vec::new();
        }
        let mut builds = vec![None];
        match self {
            FeatureBuilds::Each => builds.extend(features.iter().map(|f| Some(f.as_str()))),
            FeatureBuilds::Sample => {
                for index in [0, features.len() / 2, features.len() - 1] {
                    let feature = features.get(index).map(String::as_str);
                    if !builds.contains(&feature) {
                        builds.push(feature);
                    }
                }
            }
        }
        builds
    }
}

impl Row {
    /// Whether the spec generated a crate that compiles with no rustc or clippy lint.
    pub fn passed(&self) -> bool {
        self.generation_error.is_none() && self.errors == 0 && self.warnings == 0
    }
}

/// The specs in `dir`: every `.yaml`, `.yml` and `.json` file at its top level, and in its
/// subfolders (at any depth) every such file that is a root document (it has a top-level
/// `openapi` or `swagger` key; the other files of a multi-file document are what those refer
/// to). Sorted by path.
pub fn specs_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs = Vec::new();
    collect_specs(dir, true, &mut specs)?;
    specs.sort();
    Ok(specs)
}

fn collect_specs(dir: &Path, top: bool, specs: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            collect_specs(&path, false, specs)?;
        } else if is_spec_file(&path) && (top || version_of(&path).is_some()) {
            specs.push(path);
        }
    }
    Ok(())
}

fn is_spec_file(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
}

/// The version a spec file declares (`openapi: 3.1.0` → `3.1.0`, `swagger: "2.0"` → `2.0`),
/// read from the text without parsing it: a YAML line starting with the key, or a JSON member.
pub fn version_of(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let clean = |v: &str| {
        v.trim()
            .trim_end_matches(',')
            .trim_matches(|c| c == '"' || c == '\'')
            .to_owned()
    };
    for key in ["openapi", "swagger"] {
        for line in text.lines() {
            if let Some(rest) = line
                .strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix(':'))
            {
                return Some(clean(rest.split('#').next().unwrap_or_default()));
            }
        }
        let quoted = format!("\"{key}\"");
        if let Some(at) = text.find(&quoted) {
            let rest = text[at + quoted.len()..].trim_start().strip_prefix(':')?;
            let value: String = rest
                .trim_start()
                .chars()
                .take_while(|c| !matches!(c, ',' | '}' | '\n'))
                .collect();
            return Some(clean(&value));
        }
    }
    None
}

/// Package names for `specs`, unique: a name taken by an earlier spec gets its folder's name in
/// front (`real/openai.yaml` → `openai`, then `v31/openai.yaml` → `v31-openai`).
pub fn crate_names(specs: &[PathBuf]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    specs
        .iter()
        .map(|spec| unique_crate_name(spec, &mut taken))
        .collect()
}

/// The package name of `spec`, not among `taken`, which it joins: its file's, else its folder's
/// name in front, else that with a number (`bodies/content_types/spec.yaml` and
/// `options/content_types/spec.yaml` → `spec`, … `content-types-spec-2`).
pub fn unique_crate_name(spec: &Path, taken: &mut std::collections::BTreeSet<String>) -> String {
    let mut name = crate_name_for(spec);
    if taken.contains(&name) {
        let folder = spec
            .parent()
            .and_then(Path::file_name)
            .map(|f| f.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        name = package_name(&format!("{folder}-{name}"));
        let base = name.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
    }
    taken.insert(name.clone());
    name
}

/// Generates every spec into `out/<crate>/`, writes a workspace around them, and lints it.
///
/// `base` is the folder the specs were found in: the table names each spec by its path from
/// there.
pub fn run(
    specs: &[PathBuf],
    base: &Path,
    out: &Path,
    feature_builds: FeatureBuilds,
) -> Result<Vec<Row>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut rows = Vec::new();
    let mut members = Vec::new();
    for (spec, crate_name) in specs.iter().zip(crate_names(specs)) {
        let mut row = Row {
            spec: spec
                .strip_prefix(base)
                .unwrap_or(spec)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
            version: version_of(spec).unwrap_or_default(),
            crate_name: crate_name.clone(),
            ..Row::default()
        };
        let job = Job {
            spec: spec.clone(),
            out: out.join(&crate_name),
            crate_name: crate_name.clone(),
            examples: None,
            config: None,
            root_dir: None,
        };
        match job.generate() {
            Ok(generated) => {
                row.counts = Some(generated.counts);
                row.features = generated.features.clone();
                row.webhooks = generated.warnings.iter().map(webhooks_left_out).sum();
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
        check(out, &mut rows, &["--workspace".to_owned()], "", &members)?;
        check_features(out, &mut rows, feature_builds)?;
    }
    Ok(rows)
}

/// Lints the crates with features in the builds `which` selects: the `k`-th build of every
/// such crate in one `cargo clippy --no-default-features` run.
fn check_features(out: &Path, rows: &mut [Row], which: FeatureBuilds) -> Result<(), String> {
    let builds: Vec<(String, Vec<Option<String>>)> = rows
        .iter()
        .filter(|row| row.generation_error.is_none())
        .map(|row| {
            let builds = which.of(&row.features);
            let builds = builds.into_iter().map(|b| b.map(str::to_owned)).collect();
            (row.crate_name.clone(), builds)
        })
        .filter(|(_, builds): &(String, Vec<Option<String>>)| !builds.is_empty())
        .collect();
    let rounds = builds.iter().map(|(_, b)| b.len()).max().unwrap_or(0);
    for round in 0..rounds {
        let mut args = vec!["--no-default-features".to_owned()];
        let mut features = Vec::new();
        let mut names = Vec::new();
        for (crate_name, builds) in &builds {
            let Some(build) = builds.get(round) else {
                continue;
            };
            args.extend(["-p".to_owned(), crate_name.clone()]);
            if let Some(feature) = build {
                features.push(format!("{crate_name}/{feature}"));
            }
            names.push(crate_name.as_str());
        }
        if !features.is_empty() {
            args.extend(["--features".to_owned(), features.join(",")]);
        }
        let label = match features.as_slice() {
            [] => "no features".to_owned(),
            _ => format!("features {}", features.join(",")),
        };
        let names: Vec<String> = names.into_iter().map(str::to_owned).collect();
        check(out, rows, &args, &label, &names)?;
        for row in rows.iter_mut() {
            if names.contains(&row.crate_name) {
                row.feature_builds += 1;
            }
        }
    }
    Ok(())
}

/// `cargo clippy -- -D warnings` over the corpus workspace, attributing each diagnostic to its
/// crate: a diagnostic with a lint name (`unused_imports`, `clippy::large_enum_variant`) counts as
/// a lint, one with an `E….` code or none as a compiler error.
///
/// `select` chooses the packages and features (`--workspace`); `label` names the build in the
/// messages kept, when it is not the default one. A diagnostic of a crate's runtime counts as
/// the crate's. Each crate of `built` whose library cargo did not produce (its runtime failed,
/// or cargo stopped before it) has an error, with or without a diagnostic of its own: a crate
/// that was never checked has not passed. When cargo stops before checking anything (the
/// workspace does not load: two packages of one name), that is an error with cargo's own
/// words, not one charged to every crate.
fn check(
    out: &Path,
    rows: &mut [Row],
    select: &[String],
    label: &str,
    built: &[String],
) -> Result<(), String> {
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .arg("clippy")
        .args(select)
        .args([
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
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo clippy: {e}"))?;
    let stdout = child.stdout.take().ok_or("cargo clippy has no stdout")?;
    let stderr = child.stderr.take().ok_or("cargo clippy has no stderr")?;
    // Cargo's progress is passed on as it comes; its `error` lines are kept to report.
    let progress = std::thread::spawn(move || {
        let mut errors = Vec::new();
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            eprintln!("{line}");
            // From the first error on, what cargo says of it.
            if errors.len() < 20 && (line.starts_with("error") || !errors.is_empty()) {
                errors.push(line);
            }
        }
        errors
    });
    // Library target names, as cargo reports them (`-` as `_`), of each crate and its runtime.
    let by_name: BTreeMap<String, usize> = (rows.iter().enumerate())
        .flat_map(|(i, r)| {
            let runtime = opengen::emit::runtime_package(&r.crate_name).replace('-', "_");
            [(runtime, i), (r.crate_name.replace('-', "_"), i)]
        })
        .collect();
    let mut artifacts = std::collections::BTreeSet::new();
    let before = current(rows);
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let target = message["target"]["name"].as_str().unwrap_or_default();
        let target = target.replace('-', "_");
        if message["reason"] == "compiler-artifact" {
            artifacts.insert(target);
            continue;
        }
        if message["reason"] != "compiler-message" {
            continue;
        }
        let Some(&index) = by_name.get(&target) else {
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
            let rendered = rendered.lines().take(12).collect::<Vec<_>>().join("\n");
            row.messages.push(if label.is_empty() {
                rendered
            } else {
                format!("(with {label})\n{rendered}")
            });
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cargo clippy did not finish: {e}"))?;
    let cargo_errors = progress.join().unwrap_or_default();
    if !status.success() && artifacts.is_empty() && before == current(rows) {
        return Err(format!(
            "cargo clippy stopped before checking any crate ({status}):\n{}",
            cargo_errors.join("\n")
        ));
    }
    for name in built {
        if artifacts.contains(&name.replace('-', "_")) {
            continue;
        }
        let Some(index) = rows.iter().position(|row| &row.crate_name == name) else {
            continue;
        };
        let row = &mut rows[index];
        // A crate whose own diagnostics failed it is not built either: counted once.
        if before.get(index) != Some(&(row.errors, row.warnings)) {
            continue;
        }
        row.errors += 1;
        if row.messages.len() < 3 {
            let why =
                format!("`{name}` was not built ({status}): its runtime or a dependency failed");
            row.messages.push(if label.is_empty() {
                why
            } else {
                format!("(with {label})\n{why}")
            });
        }
    }
    Ok(())
}

/// Each row's errors and lints.
fn current(rows: &[Row]) -> Vec<(usize, usize)> {
    rows.iter().map(|r| (r.errors, r.warnings)).collect()
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
        "| spec | version | operations | types | lines | webhooks skipped | features (builds linted) | clippy | lints |\n|---|---|---:|---:|---:|---:|---:|---|---:|"
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
        let features = match row.features.len() {
            0 => "-".to_owned(),
            n => format!("{n} ({})", row.feature_builds),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {ops} | {types} | {} | {} | {features} | {check} | {} |",
            row.spec, row.version, row.lines, row.webhooks, row.warnings
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
    let mut corpus = root.join("spec/corpus");
    let mut filter: Option<String> = None;
    let mut feature_builds = FeatureBuilds::Sample;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--features-each" => feature_builds = FeatureBuilds::Each,
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
    let rows = run(&specs, &corpus, &root.join("target/corpus"), feature_builds)?;
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

/// How many webhooks a warning says are left out: one per `#/webhooks/<name>`, or the count
/// that the one warning at `#/webhooks` gives for many.
fn webhooks_left_out(warning: &opengen::ir::Warning) -> usize {
    if warning.pointer.starts_with("#/webhooks/") {
        1
    } else if warning.pointer == "#/webhooks" {
        warning
            .message
            .split_once(" webhooks left out")
            .and_then(|(count, _)| count.parse().ok())
            .unwrap_or(0)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_named_alike_in_folders_named_alike_get_crates_of_their_own() {
        let specs: Vec<PathBuf> = [
            "internal/test/bodies/content_types/spec.yaml",
            "internal/test/options/content_types/spec.yaml",
            "a/content_types/spec.yaml",
            "b/spec.json",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            crate_names(&specs),
            [
                "spec",
                "content-types-spec",
                "content-types-spec-2",
                "b-spec"
            ]
        );
    }

    #[test]
    fn webhooks_are_counted_one_by_one_or_from_the_count_of_many() {
        let warning = |pointer: &str, message: &str| opengen::ir::Warning {
            pointer: pointer.to_owned(),
            message: message.to_owned(),
        };
        assert_eq!(
            webhooks_left_out(&warning("#/webhooks/a", "webhook `a` left out")),
            1
        );
        let many = warning("#/webhooks", "330 webhooks left out (`a`, and 329 more): …");
        assert_eq!(webhooks_left_out(&many), 330);
        assert_eq!(webhooks_left_out(&warning("#/paths", "x")), 0);
    }

    /// A crate whose runtime does not build was never checked: it fails, with the runtime's
    /// error, and is not reported as passing (the sweep of 2026-12-04 had 135 such "passes").
    /// Two packages of one name (AWS's Personalize and Personalize Runtime, when the runtime
    /// crate was `NAME-runtime`): cargo loads no workspace, and says why; the sweep reported
    /// "1 errors" on each of 456 crates instead.
    #[test]
    fn a_workspace_cargo_cannot_load_is_an_error_in_cargos_words() {
        let out = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = out.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "Cargo.toml",
            "[workspace]\nresolver = \"3\"\nmembers = [\"a\", \"b\"]\n",
        );
        for dir in ["a", "b"] {
            write(
                &format!("{dir}/Cargo.toml"),
                "[package]\nname = \"same\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
            );
            write(&format!("{dir}/src/lib.rs"), "");
        }
        let mut rows = vec![Row {
            crate_name: "same".to_owned(),
            ..Row::default()
        }];
        let error = check(
            out.path(),
            &mut rows,
            &["--workspace".to_owned()],
            "",
            &["same".to_owned()],
        )
        .unwrap_err();
        assert!(
            error.contains("stopped before checking any crate"),
            "{error}"
        );
        assert!(error.contains("two packages named `same`"), "{error}");
        assert!(error.contains("b/Cargo.toml"), "{error}");
        assert_eq!(rows[0].errors, 0, "{:?}", rows[0]);
    }

    #[test]
    fn a_crate_whose_runtime_fails_does_not_pass() {
        let out = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = out.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "Cargo.toml",
            "[workspace]\nresolver = \"3\"\nmembers = [\"good\", \"bad\"]\n",
        );
        for (name, runtime) in [
            ("good", "pub fn f() {}\n"),
            ("bad", "pub fn f() -> u8 { \"x\" }\n"),
        ] {
            write(
                &format!("{name}/Cargo.toml"),
                &format!(
                    "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
                     [dependencies]\n{name}-opengen-runtime = {{ path = \"runtime\" }}\n"
                ),
            );
            write(
                &format!("{name}/src/lib.rs"),
                &format!("pub use {name}_opengen_runtime::f;\n"),
            );
            write(
                &format!("{name}/runtime/Cargo.toml"),
                &format!(
                    "[package]\nname = \"{name}-opengen-runtime\"\nversion = \"0.1.0\"\nedition = \"2024\"\n"
                ),
            );
            write(&format!("{name}/runtime/src/lib.rs"), runtime);
        }
        let mut rows: Vec<Row> = ["good", "bad"]
            .into_iter()
            .map(|name| Row {
                crate_name: name.to_owned(),
                ..Row::default()
            })
            .collect();
        let members = ["good".to_owned(), "bad".to_owned()];
        check(
            out.path(),
            &mut rows,
            &["--workspace".to_owned()],
            "",
            &members,
        )
        .unwrap();
        assert!(rows[0].passed(), "{:?}", rows[0]);
        assert!(!rows[1].passed(), "{:?}", rows[1]);
        assert_eq!(rows[1].errors, 1, "{:?}", rows[1]);
        assert!(
            rows[1].messages[0].contains("mismatched types"),
            "{:?}",
            rows[1]
        );
    }
}
