//! `cargo xtask conformance`: call every operation of each spec's generated client against
//! Prism, a mock server that validates each request against the spec, and check that every
//! request is valid and every response decodes into its typed result.
//!
//! For each spec: generate the client crate and a conformance program ([`program`]) into
//! `target/conformance/work/` (`ci/` for `--ci`), build them all in one workspace, then per spec start Prism
//! (`prism mock --errors`) on a free loopback port, run the program against it, read its one
//! JSON line per operation, and stop Prism. Problems are excused only by [`exceptions`].

pub mod exceptions;
pub mod program;
pub mod recorder;
pub mod synth;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Read as _;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use self::exceptions::{EXCEPTIONS, Exception};
use self::program::Planned;

/// Prism, from npm, at this exact version.
pub const PRISM_VERSION: &str = "5.16.0";

/// The problem type of Prism's 500 when, with `--errors`, a request or its own response breaks
/// the spec.
const PRISM_VIOLATIONS: &str = "stoplight.io/prism/errors#VIOLATIONS";

/// How long Prism may take to start listening.
const PRISM_START: Duration = Duration::from_secs(90);

/// One operation's result.
#[derive(Debug, Clone)]
pub struct OpResult {
    /// The plan it was called with.
    pub plan: Planned,
    /// The program's line for it, when it was called.
    pub line: Option<Value>,
    /// Whether the request was sent and Prism found no violation in it.
    pub request_valid: bool,
    /// Whether the response decoded into its typed result (a documented error counts).
    pub decoded: bool,
    /// Whether Prism took the request as valid and then broke the spec with its own response
    /// (a 500 `VIOLATIONS` with `--errors`): the response was never the client's to decode.
    pub mock_invalid: bool,
    /// How many of the documented errors with a JSON body the call was sent again for
    /// (`Prefer: code=…`) Prism answered with.
    pub errors_probed: usize,
    /// How many of those decoded into the error enum's variant.
    pub errors_decoded: usize,
    /// Problems not excused.
    pub problems: Vec<String>,
    /// Problems excused, with the exception's reason.
    pub excused: Vec<(String, &'static str)>,
    /// What is worth knowing but breaks no rule of the client's (an example the harness
    /// replaced with a value made from the schema).
    pub notes: Vec<String>,
}

/// One spec's results.
#[derive(Debug, Clone, Default)]
pub struct SpecResult {
    /// The spec's file name.
    pub spec: String,
    /// Why the spec could not be run at all, if it could not.
    pub error: Option<String>,
    /// Every operation.
    pub ops: Vec<OpResult>,
}

impl SpecResult {
    fn called(&self) -> usize {
        self.ops.iter().filter(|o| o.line.is_some()).count()
    }
    fn valid(&self) -> usize {
        self.ops.iter().filter(|o| o.request_valid).count()
    }
    fn decoded(&self) -> usize {
        self.ops.iter().filter(|o| o.decoded).count()
    }
    fn errors_probed(&self) -> usize {
        self.ops.iter().map(|o| o.errors_probed).sum()
    }
    fn errors_decoded(&self) -> usize {
        self.ops.iter().map(|o| o.errors_decoded).sum()
    }
    fn excepted(&self) -> usize {
        self.ops
            .iter()
            .filter(|o| {
                o.problems.is_empty() && (o.plan.skipped.is_some() || !o.excused.is_empty())
            })
            .count()
    }
    fn failed(&self) -> usize {
        self.ops.iter().filter(|o| !o.problems.is_empty()).count()
    }
    /// The failing operations whose one problem is Prism's own response: worth keeping apart
    /// when triaging an unseen spec, where they can bury the client's real problems.
    fn failed_by_mock(&self) -> usize {
        self.ops
            .iter()
            .filter(|o| o.mock_invalid && o.problems.len() == 1)
            .count()
    }
    /// Whether the spec ran and no operation has an unexcused problem.
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.failed() == 0
    }
}

/// The specs run by default: the repository's own, then the OpenAPI 3.0 specs of the corpus
/// (`spec/corpus/real`). A file name met twice is run once.
pub fn default_specs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs = vec![root.join("spec/faxplus.yaml")];
    specs.extend(crate::corpus::specs_in(&root.join("spec/fixtures"))?);
    let own = root.join("spec/conformance");
    if own.is_dir() {
        specs.extend(crate::corpus::specs_in(&own)?);
    }
    let corpus = root.join("spec/corpus/real");
    if corpus.is_dir() {
        specs.extend(crate::corpus::specs_in(&corpus)?);
    }
    let mut seen = BTreeSet::new();
    specs.retain(|s| seen.insert(s.file_name().map(|n| n.to_os_string())));
    Ok(specs)
}

/// The CI selection: the repository's own specs (fixtures, faxplus and the corpus specs copied
/// into `spec/conformance/`), which between them cover every feature the harness checks.
pub fn ci_specs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs = vec![root.join("spec/faxplus.yaml")];
    specs.extend(crate::corpus::specs_in(&root.join("spec/fixtures"))?);
    specs.extend(crate::corpus::specs_in(&root.join("spec/conformance"))?);
    Ok(specs)
}

/// Installs Prism into `target/conformance/prism/` unless the pinned version is there; returns
/// its launcher.
pub fn install_prism(root: &Path) -> Result<PathBuf, String> {
    let prefix = root.join("target/conformance/prism");
    let bin = prefix.join("node_modules/.bin/prism");
    let installed = prefix.join("node_modules/@stoplight/prism-cli/package.json");
    let version = std::fs::read_to_string(&installed)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_owned));
    if version.as_deref() == Some(PRISM_VERSION) && bin.exists() {
        return Ok(bin);
    }
    std::fs::create_dir_all(&prefix)
        .map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
    eprintln!(
        "installing @stoplight/prism-cli@{PRISM_VERSION} into {}",
        prefix.display()
    );
    let status = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
        ])
        .arg(&prefix)
        .arg(format!("@stoplight/prism-cli@{PRISM_VERSION}"))
        .status()
        .map_err(|e| format!("cannot run npm (Prism is installed with it): {e}"))?;
    if !status.success() || !bin.exists() {
        return Err(format!(
            "npm could not install @stoplight/prism-cli@{PRISM_VERSION}"
        ));
    }
    Ok(bin)
}

/// A spec generated and planned, ready to build and run.
struct Prepared {
    spec: PathBuf,
    name: String,
    program: String,
    plans: Vec<Planned>,
    doc: synth::Doc,
}

/// Generates the client crate and the conformance program of `spec` into `work`. Two specs
/// with the same file name (`multi/api.yaml`, `configured/api.yaml`) get crates named apart by
/// their folder (and a number, when the folders are named alike too), so neither program
/// builds against, or is run as, the other's: with only the folder, the second of two
/// `content_types/spec.yaml` overwrote the first's crate and program.
fn prepare(spec: &Path, work: &Path, taken: &mut BTreeSet<String>) -> Result<Prepared, String> {
    let name = crate::corpus::unique_crate_name(spec, taken);
    let loaded = opengen::load::load(spec).map_err(|e| e.to_string())?;
    let api = opengen::lower::lower(&loaded, &opengen::Config::default())
        .map_err(|e| e.in_file(spec).to_string())?;
    let options = opengen::Options::new(name.clone());
    let files = opengen::emit::emit(&api, &loaded.sha256, &options).map_err(|e| e.to_string())?;
    opengen::write::write(&work.join(&name), &files).map_err(|e| e.to_string())?;
    let document = serde_json::to_value(&loaded.document).map_err(|e| e.to_string())?;
    let doc = synth::Doc::new(document);
    // A package named after a keyword (`box.json` → `box`) is written `r#box` in code.
    let lib = opengen::naming::escape(&name.replace('-', "_"));
    let (main, plans) = program::program(&api, &doc, &lib);
    let program = format!("{name}-conformance");
    let dir = work.join(&program);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    // `chrono` and `uuid` for the arguments of typed formats (the default configuration's).
    let manifest = format!(
        "[package]\nname = \"{program}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{name} = {{ path = \"../{name}\" }}\nbytes = \"1\"\nchrono = {{ version = \"0.4\", default-features = false }}\nreqwest = {{ version = \"0.13\", default-features = false }}\nserde = \"1\"\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\nuuid = {{ version = \"1\", default-features = false }}\n"
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    write_if_changed(&dir.join("src/main.rs"), &main)?;
    Ok(Prepared {
        spec: spec.to_path_buf(),
        name,
        program,
        plans,
        doc,
    })
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Builds every program in one workspace; returns the programs that built.
fn build(work: &Path, prepared: &[Prepared]) -> Result<BTreeSet<String>, String> {
    let mut manifest = String::from(
        "# Written by `cargo xtask conformance`: one workspace, so dependencies build once.\n[workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for p in prepared {
        let _ = writeln!(manifest, "    \"{}\",\n    \"{}\",", p.name, p.program);
    }
    manifest.push_str("]\n");
    write_if_changed(&work.join("Cargo.toml"), &manifest)?;
    let lock = work.join("Cargo.lock");
    if !lock.exists()
        && let Some(root) = work.ancestors().nth(3)
    {
        // Same versions as the workspace, so its built dependencies are reused.
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    // A program that fails to build must not be run from an earlier build.
    for p in prepared {
        let _ = std::fs::remove_file(target_dir(work).join("debug").join(&p.program));
    }
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "build",
            "--workspace",
            "--keep-going",
            "--bins",
            "--message-format",
            "short",
        ])
        .current_dir(work)
        .env("CARGO_TARGET_DIR", target_dir(work))
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    let mut built = BTreeSet::new();
    for p in prepared {
        if target_dir(work).join("debug").join(&p.program).exists() {
            built.insert(p.program.clone());
        }
    }
    if !status.success() {
        eprintln!("warning: some conformance programs did not build (see above)");
    }
    Ok(built)
}

fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free loopback port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Prism running in its own process group; stopped (group and all) when dropped.
struct Prism {
    child: Child,
    port: u16,
}

impl Prism {
    fn start(bin: &Path, spec: &Path, log: &Path) -> Result<Self, String> {
        let port = free_port()?;
        let log_file = std::fs::File::create(log).map_err(|e| e.to_string())?;
        let err_file = log_file.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(bin)
            .args([
                "mock",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "--errors",
            ])
            .arg(spec)
            .stdout(log_file)
            .stderr(err_file)
            .stdin(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start Prism: {e}"))?;
        let mut prism = Self { child, port };
        let started = Instant::now();
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(prism);
            }
            if let Ok(Some(status)) = prism.child.try_wait() {
                let text = std::fs::read_to_string(log).unwrap_or_default();
                let tail: Vec<&str> = text.lines().rev().take(5).collect();
                return Err(format!(
                    "Prism exited ({status}) before listening: {}",
                    tail.join(" | ")
                ));
            }
            if started.elapsed() > PRISM_START {
                return Err("Prism did not listen within 90 s".to_owned());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        kill_group(&mut self.child);
    }
}

fn kill_group(child: &mut Child) {
    if let Ok(pid) = i32::try_from(child.id()) {
        let _ = nix::sys::signal::killpg(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Runs one program against `base_url`, every call but those `not_sent`; returns its output
/// lines.
fn run_program(
    binary: &Path,
    base_url: &str,
    not_sent: &[String],
    limit: Duration,
    errors: bool,
) -> Result<String, String> {
    let mut command = Command::new(binary);
    if errors {
        // Each call is sent a second time, asking for a documented error (`program`).
        command.env("CONFORMANCE_ERRORS", "1");
    }
    let mut child = command
        .arg(base_url)
        .args(not_sent)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let mut timed_out = false;
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if started.elapsed() > limit {
            timed_out = true;
            kill_group(&mut child);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let text = reader.join().unwrap_or_default();
    if timed_out {
        eprintln!(
            "warning: {} was stopped after {} s",
            binary.display(),
            limit.as_secs()
        );
    }
    Ok(text)
}

/// Why a call is not sent to Prism: its path holds a literal comma.
const NOT_SENT_TO_PRISM: &str = "not sent to Prism: its path holds a literal `,` (a path \
    style's delimiter), which Prism 5.16 cannot read (uri-template-lite matches the segment as \
    a list, and Prism's style deserializers, expecting text, throw and end the process); the \
    recording check judges the request";

/// Why a call is not sent to Prism: a `matrix` or `label` path value Prism's style
/// deserializers reject.
const NOT_SENT_STYLE_PREFIX: &str = "not sent to Prism: its path holds a `matrix` or `label` \
    value written as RFC 6570 and OpenAPI's style table say (`;name` for an empty value, \
    nothing for an empty exploded list) that Prism 5.16's style deserializers reject with an \
    exception that ends the process; the recording check judges the request";

/// Whether Prism 5.16's path deserializers (`prism-http`'s `deserializers/style/matrix.js` and
/// `label.js`) accept `text`, a `matrix` or `label` path value as sent, without throwing: a
/// matrix value must start with `;` and each part with `name=` (but an exploded object's), a
/// label value must start with `.`.
fn prism_reads_styled_path(param: &opengen::ir::Param, value: &Value, text: &str) -> bool {
    use opengen::ir::ParamStyle;
    match param.style {
        ParamStyle::Label => text.starts_with('.'),
        ParamStyle::Matrix => {
            let Some(rest) = text.strip_prefix(';') else {
                return false;
            };
            let prefix = format!("{}=", param.wire_name);
            match (param.explode, value) {
                (true, Value::Array(_)) => {
                    rest.is_empty() || rest.split(';').all(|p| p.starts_with(&prefix))
                }
                // An exploded object is read as its own `key=value` pairs.
                (true, Value::Object(_)) => true,
                _ => rest.starts_with(&prefix),
            }
        }
        _ => true,
    }
}

/// Why Prism cannot read a call's request, by its planned values: a path whose parameters are
/// written with a literal comma (an array or object in the `simple`, `label` or `matrix`
/// style), or a `matrix`/`label` value Prism's deserializers reject. Prism would die on the
/// first such request, failing every call after it.
fn unreadable_path(plan: &Planned) -> Option<&'static str> {
    let texts = plan.params.iter().filter_map(|(param, value)| {
        (param.location == opengen::ir::ParamLocation::Path)
            .then(|| recorder::path_text(param, value).map(|text| (param, value, text)))
            .flatten()
    });
    let mut reason = None;
    for (param, value, text) in texts {
        if text.contains(',') {
            return Some(NOT_SENT_TO_PRISM);
        }
        if !prism_reads_styled_path(param, value, &text) {
            reason = Some(NOT_SENT_STYLE_PREFIX);
        }
    }
    reason
}

/// The calls whose request Prism cannot read (see [`unreadable_path`]).
fn unreadable_by_prism(plans: &[Planned]) -> Vec<String> {
    plans
        .iter()
        .filter(|plan| unreadable_path(plan).is_some())
        .map(|plan| plan.call.clone())
        .collect()
}

/// The program's lines, by call name.
fn by_call(output: &str) -> std::collections::BTreeMap<String, Value> {
    output
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| Some((v["op"].as_str()?.to_owned(), v)))
        .collect()
}

/// Runs the program against the recording server and checks each request it sent; returns
/// the problems by call name.
fn record(
    binary: &Path,
    plans: &[Planned],
    operations: usize,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, String> {
    let recorder = recorder::Recorder::start()?;
    let base = format!("http://127.0.0.1:{}", recorder.port);
    let limit = Duration::from_secs(60 + operations as u64);
    let lines = by_call(&run_program(binary, &base, &[], limit, false)?);
    let requests = recorder
        .requests
        .lock()
        .map_err(|_| "the recorder failed".to_owned())?
        .clone();
    let mut requests = requests.into_iter();
    let mut problems = std::collections::BTreeMap::new();
    // The program calls the operations in plan order, one request each (no retries); calls
    // that failed before sending sent nothing.
    for plan in plans.iter().filter(|p| p.skipped.is_none()) {
        let Some(line) = lines.get(&plan.call) else {
            continue;
        };
        if matches!(
            line["outcome"].as_str(),
            Some("not_built" | "invalid_request")
        ) {
            continue;
        }
        match requests.next() {
            Some(request) => {
                let plan = plan.as_sent(&fell_back(line));
                problems.insert(plan.call.clone(), recorder::check(&plan, &request));
            }
            None => {
                problems.insert(
                    plan.call.clone(),
                    vec!["recorded: no request arrived".to_owned()],
                );
            }
        }
    }
    Ok(problems)
}

/// The labels of the arguments a program line says it built from the schema alone.
fn fell_back(line: &Value) -> Vec<String> {
    line["fell_back"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The schema of the JSON body the spec documents for `status` of the operation at `pointer`:
/// the status's own response, else its range (`2XX`), else `default`.
fn response_schema<'a>(doc: &'a synth::Doc, pointer: &str, status: u64) -> Option<&'a Value> {
    let responses = doc.at(&format!("{}/responses", pointer.trim_start_matches('#')))?;
    let responses = doc.resolve(responses).as_object()?;
    let code = status.to_string();
    let range = format!("{}XX", code.chars().next()?);
    let response = responses
        .iter()
        .find(|(k, _)| **k == code)
        .or_else(|| {
            responses
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&range))
        })
        .or_else(|| responses.iter().find(|(k, _)| *k == "default"))?
        .1;
    let content = doc.resolve(response).get("content")?.as_object()?;
    let media = content
        .iter()
        .find(|(k, _)| k.contains("json"))
        .or_else(|| content.iter().next())?
        .1;
    media.get("schema")
}

/// Why a success that decoded with an `Unknown` somewhere is wrong, if it is: the body the
/// server sent is valid against the spec's schema with every enum closed and every union
/// matched by a known alternative, so nothing in it needed the catch-all. A value the spec
/// really does not list (an open enum's newer value, Prism's made-up tag) is left alone.
fn unknown_without_cause(doc: &synth::Doc, plan: &Planned, line: &Value) -> Option<String> {
    if line["unknown"] != true {
        return None;
    }
    let body: Value = serde_json::from_str(line["body"].as_str()?).ok()?;
    let schema = response_schema(doc, &plan.op.pointer, line["status"].as_u64()?)?;
    doc.known(schema, &body).then(|| {
        let text: String = body.to_string().chars().take(300).collect();
        format!(
            "the response decoded with an `Unknown` variant, though its body matches a known \
             alternative of the spec's schema at every level: {text}"
        )
    })
}

/// Judges one operation's line.
fn judge(
    spec: &str,
    doc: Option<&synth::Doc>,
    plan: Planned,
    line: Option<Value>,
    recorded: Vec<String>,
    used: &mut BTreeSet<usize>,
) -> OpResult {
    let mut result = OpResult {
        plan,
        line: line.clone(),
        request_valid: false,
        decoded: false,
        mock_invalid: false,
        errors_probed: 0,
        errors_decoded: 0,
        problems: Vec::new(),
        excused: Vec::new(),
        notes: Vec::new(),
    };
    let mut problems = Vec::new();
    match (&result.plan.skipped, &line) {
        (Some(_), _) => {}
        (None, None) => {
            problems.push("no result: the program stopped before this operation".to_owned())
        }
        (None, Some(line)) => {
            let outcome = line["outcome"].as_str().unwrap_or_default();
            let violations: Vec<Value> = line["violations"]
                .as_str()
                .and_then(|v| serde_json::from_str(v).ok())
                .unwrap_or_default();
            let mut request_violations = 0;
            let mut response_violations = Vec::new();
            // Prism's warnings (a deprecated parameter was sent) break no rule.
            for violation in violations.iter().filter(|v| v["severity"] != "Warning") {
                let place = violation["location"]
                    .as_array()
                    .map(|l| {
                        l.iter()
                            .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned))
                            .collect::<Vec<_>>()
                            .join(".")
                    })
                    .unwrap_or_default();
                let message = violation["message"].as_str().unwrap_or_default();
                // Prism names request places `request.…` or just `body.…`, `query.…`; its
                // own response's places start with `response`.
                if !place.starts_with("response") {
                    request_violations += 1;
                    problems.push(format!("invalid request: {place}: {message}"));
                } else {
                    response_violations.push(format!("{place}: {message}"));
                }
            }
            if line["arg_unknown"] == true {
                problems.push(
                    "an argument built from the synthesised JSON holds an `Unknown` variant: the \
                     value matches none of the type's known variants"
                        .to_owned(),
                );
            }
            if outcome == "not_sent" {
                problems.push(
                    unreadable_path(&result.plan)
                        .unwrap_or(NOT_SENT_TO_PRISM)
                        .to_owned(),
                );
            }
            let why: Vec<&str> = line["fell_why"]
                .as_array()
                .map(|w| w.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (i, label) in fell_back(line).into_iter().enumerate() {
                let what = match label.parse::<usize>() {
                    Ok(i) => result.plan.params.get(i).map_or_else(
                        || format!("argument {i}"),
                        |(p, _)| format!("parameter `{}`", p.wire_name),
                    ),
                    Err(_) => label.clone(),
                };
                let why = why.get(i).copied().unwrap_or_default();
                let why: String = why.chars().take(300).collect();
                result.notes.push(format!(
                    "the spec's example for the {what} cannot build the argument ({why}); sent \
                     a value made from the schema instead"
                ));
            }
            let sent = !matches!(
                outcome,
                "not_built" | "invalid_request" | "transport" | "not_sent"
            );
            result.request_valid = sent && request_violations == 0;
            match outcome {
                "ok" => {
                    if result.plan.one_of && line["variant"] == "Unknown" {
                        problems.push("the oneOf response decoded to Unknown".to_owned());
                    } else if let Some(problem) =
                        doc.and_then(|doc| unknown_without_cause(doc, &result.plan, line))
                    {
                        problems.push(problem);
                    } else {
                        result.decoded = true;
                    }
                }
                "api_error" => result.decoded = true,
                "decode_error" => problems.push(format!(
                    "response did not decode: {}",
                    line["detail"].as_str().unwrap_or_default()
                )),
                _ if request_violations > 0 => {}
                "not_sent" => {}
                "unexpected_status"
                    if line["status"] == 500
                        && line["detail"]
                            .as_str()
                            .is_some_and(|d| d.contains(PRISM_VIOLATIONS)) =>
                {
                    result.mock_invalid = true;
                    let shown: String = response_violations
                        .iter()
                        .take(3)
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join("; ");
                    problems.push(format!(
                        "Prism's own response breaks the spec, the request being valid ({} \
                         violation{}: {shown}); unexpected_status: {}",
                        response_violations.len(),
                        if response_violations.len() == 1 {
                            ""
                        } else {
                            "s"
                        },
                        line["detail"].as_str().unwrap_or_default()
                    ));
                }
                other => problems.push(format!(
                    "{other}: {}",
                    line["detail"].as_str().unwrap_or_default()
                )),
            }
        }
    }
    let errors = line.as_ref().and_then(|l| l["errors"].as_array());
    for error in errors.into_iter().flatten() {
        judge_error(&mut result, error, &mut problems);
    }
    problems.extend(recorded);
    for problem in problems {
        let found = EXCEPTIONS.iter().enumerate().find(|(_, e)| {
            e.spec == spec && e.operation == result.plan.method && problem.contains(e.rule)
        });
        match found {
            Some((index, exception)) => {
                used.insert(index);
                result.excused.push((problem, exception.reason));
            }
            None => result.problems.push(problem),
        }
    }
    result
}

/// Judges a call of an operation that asked Prism for one of its documented errors with a
/// JSON body: when Prism answered with it, its body must decode into the error's variant,
/// unless the body is empty or `null` or Prism says its own response breaks the spec. Anything else
/// Prism answered is a note: the error was not there to decode.
fn judge_error(result: &mut OpResult, error: &Value, problems: &mut Vec<String>) {
    let code = &error["code"];
    let status = &error["status"];
    let same_variant = error["outcome"] == "api_error" && error["variant"] == error["expected"];
    if !same_variant {
        let detail = error["detail"].as_str().unwrap_or_default();
        result.notes.push(format!(
            "asked Prism for the documented error {code}, it answered {status} ({}{}{detail})",
            error["outcome"].as_str().unwrap_or_default(),
            if detail.is_empty() { "" } else { ": " },
        ));
        return;
    }
    result.errors_probed += 1;
    if error["decoded"] == true {
        result.errors_decoded += 1;
        return;
    }
    let body = error["body"].as_str().unwrap_or_default();
    let mock_broke_it = error["violations"].as_str().is_some_and(|v| {
        serde_json::from_str::<Vec<Value>>(v).is_ok_and(|list| {
            list.iter()
                .any(|v| v["severity"] != "Warning" && v["location"][0] == "response")
        })
    });
    // `null` is what `Option`'s `None` is read from: no error value, whatever the schema.
    if matches!(body.trim(), "" | "null") || mock_broke_it {
        result.notes.push(format!(
            "the documented error {code} came without a body to decode, or with one Prism              says breaks the spec: {body}"
        ));
    } else {
        problems.push(format!(
            "the documented error {code} did not decode into `{}`: {body}",
            error["expected"].as_str().unwrap_or_default()
        ));
    }
}

/// Generates, builds and runs every spec, in the work folder `target/conformance/<work>/`.
pub fn run(
    root: &Path,
    specs: &[PathBuf],
    work: &str,
) -> Result<(Vec<SpecResult>, Vec<&'static Exception>), String> {
    let prism = install_prism(root)?;
    let work = root.join("target/conformance").join(work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut results = Vec::new();
    let mut prepared = Vec::new();
    let mut names = BTreeSet::new();
    for spec in specs {
        let file = file_name(spec);
        match prepare(spec, &work, &mut names) {
            Ok(p) => prepared.push(p),
            Err(error) => results.push(SpecResult {
                spec: file,
                error: Some(format!("not generated: {error}")),
                ops: Vec::new(),
            }),
        }
    }
    let built = build(&work, &prepared)?;
    let mut used = BTreeSet::new();
    for p in prepared {
        let file = file_name(&p.spec);
        let mut result = SpecResult {
            spec: file.clone(),
            ..SpecResult::default()
        };
        if !built.contains(&p.program) {
            result.error = Some("the conformance program did not build".to_owned());
            results.push(result);
            continue;
        }
        let log = work.join(format!("{}.prism.log", p.name));
        let started = Instant::now();
        let output = match Prism::start(&prism, &p.spec, &log) {
            Ok(server) => {
                let base = format!("http://127.0.0.1:{}", server.port);
                let limit = Duration::from_secs(120 + 2 * p.plans.len() as u64);
                let output = run_program(
                    &target_dir(&work).join("debug").join(&p.program),
                    &base,
                    &unreadable_by_prism(&p.plans),
                    limit,
                    true,
                );
                drop(server);
                output
            }
            Err(error) => Err(error),
        };
        let output = match output {
            Ok(output) => output,
            Err(error) => {
                result.error = Some(error);
                results.push(result);
                continue;
            }
        };
        let mut lines = by_call(&output);
        let binary = target_dir(&work).join("debug").join(&p.program);
        let mut recorded = match record(&binary, &p.plans, p.plans.len()) {
            Ok(recorded) => recorded,
            Err(error) => {
                result.error = Some(format!("the recording run failed: {error}"));
                results.push(result);
                continue;
            }
        };
        for plan in p.plans {
            let line = lines.remove(&plan.call);
            let problems = recorded.remove(&plan.call).unwrap_or_default();
            result
                .ops
                .push(judge(&file, Some(&p.doc), plan, line, problems, &mut used));
        }
        eprintln!(
            "{file}: {} operations in {:.0} s",
            result.ops.len(),
            started.elapsed().as_secs_f64()
        );
        results.push(result);
    }
    let ran: BTreeSet<&str> = results
        .iter()
        .filter(|r| r.error.is_none())
        .map(|r| r.spec.as_str())
        .collect();
    let unused = EXCEPTIONS
        .iter()
        .enumerate()
        .filter(|(i, e)| ran.contains(e.spec) && !used.contains(i))
        .map(|(_, e)| e)
        .collect();
    Ok((results, unused))
}

/// Where a work folder builds: the CI folder in the repository's own target directory,
/// starting from the repository's `Cargo.lock`, so the dependencies `cargo test` has built
/// (reqwest, rustls, tokio, …) are mostly reused; the corpus folder in its own, as its
/// generated crates are large and rebuilt only when they change.
fn target_dir(work: &Path) -> PathBuf {
    match work.ancestors().nth(2) {
        Some(target) if work.ends_with("ci") => target.to_path_buf(),
        _ => work.join("target"),
    }
}

fn file_name(spec: &Path) -> String {
    spec.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The summary table, in Markdown.
pub fn table(results: &[SpecResult]) -> String {
    let mut out = String::from(
        "| spec | operations | called | requests valid | responses decoded | errors asked for | errors decoded | exceptions | failures | of which Prism's response |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut totals = [0usize; 9];
    for r in results {
        if let Some(error) = &r.error {
            let _ = writeln!(
                out,
                "| {} | - | - | - | - | - | - | - | {error} | - |",
                r.spec
            );
            continue;
        }
        let row = [
            r.ops.len(),
            r.called(),
            r.valid(),
            r.decoded(),
            r.errors_probed(),
            r.errors_decoded(),
            r.excepted(),
            r.failed(),
            r.failed_by_mock(),
        ];
        for (t, v) in totals.iter_mut().zip(row) {
            *t += v;
        }
        let cells: Vec<String> = row.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "| {} | {} |", r.spec, cells.join(" | "));
    }
    let cells: Vec<String> = totals.iter().map(usize::to_string).collect();
    let _ = writeln!(out, "| **all** | {} |", cells.join(" | "));
    let passed = results.iter().filter(|r| r.passed()).count();
    let _ = writeln!(
        out,
        "\nconformance: {} operations, {} called, {} requests valid, {} responses decoded, {} documented errors asked for and {} of them decoded, {} excepted, {} failing ({} of them only for Prism's own response); {passed}/{} specs pass",
        totals[0],
        totals[1],
        totals[2],
        totals[3],
        totals[4],
        totals[5],
        totals[6],
        totals[7],
        totals[8],
        results.len()
    );
    out
}

/// The details: every failing and every excepted operation.
pub fn details(results: &[SpecResult]) -> String {
    let mut out = String::new();
    for r in results {
        for op in &r.ops {
            // An operation whose one problem is Prism's own response is `FAIL-PRISM`, so that a
            // triage can set them apart with one `grep`.
            let fail = if op.mock_invalid && op.problems.len() == 1 {
                "FAIL-PRISM"
            } else {
                "FAIL"
            };
            for problem in &op.problems {
                let _ = writeln!(
                    out,
                    "{fail} {} {} ({}): {problem}",
                    r.spec, op.plan.call, op.plan.route
                );
            }
            for (problem, reason) in &op.excused {
                let _ = writeln!(
                    out,
                    "excepted {} {}: {problem} — {reason}",
                    r.spec, op.plan.call
                );
            }
            for note in &op.notes {
                let _ = writeln!(
                    out,
                    "note {} {} ({}): {note}",
                    r.spec, op.plan.call, op.plan.route
                );
            }
            if let Some(reason) = &op.plan.skipped {
                let _ = writeln!(
                    out,
                    "not called {} {} ({}): {reason}",
                    r.spec, op.plan.call, op.plan.route
                );
            }
        }
    }
    out
}

/// `cargo xtask conformance [--ci] [--only NAME] [--spec PATH]...`.
pub fn command(root: &Path, args: &[String]) -> Result<bool, String> {
    let mut specs = Vec::new();
    let mut ci = false;
    let mut filter: Option<String> = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--ci" => ci = true,
            "--only" => filter = Some(iter.next().ok_or("--only needs a value")?.clone()),
            "--spec" => specs.push(PathBuf::from(iter.next().ok_or("--spec needs a value")?)),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if specs.is_empty() {
        specs = if ci {
            ci_specs(root)?
        } else {
            default_specs(root)?
        };
    }
    if let Some(filter) = &filter {
        specs.retain(|s| file_name(s).contains(filter.as_str()));
    }
    if specs.is_empty() {
        return Err("no specs selected".to_owned());
    }
    let started = Instant::now();
    // The CI selection has its own workspace, so it never rebuilds the whole corpus's.
    let work = if ci { "ci" } else { "work" };
    let (results, unused) = run(root, &specs, work)?;
    eprint!("{}", details(&results));
    for exception in &unused {
        eprintln!(
            "unused exception: {} {} `{}` ({})",
            exception.spec, exception.operation, exception.rule, exception.reason
        );
    }
    println!("{}", table(&results));
    println!(
        "conformance: ran in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(results.iter().all(SpecResult::passed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned() -> Planned {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /items:\n    get:\n      operationId: listItems\n      responses: {'204': {description: ok}}\n";
        let spec = opengen::load::parse(Path::new("t.yaml"), text.as_bytes()).unwrap();
        let api = opengen::lower::lower(&spec, &opengen::Config::default()).unwrap();
        let op = api.operations[0].clone();
        Planned {
            method: op.method_name.clone(),
            call: op.method_name.clone(),
            route: "GET /items".to_owned(),
            skipped: None,
            one_of: false,
            op,
            params: Vec::new(),
            body: None,
            content_types: Vec::new(),
            fallbacks: Vec::new(),
        }
    }

    /// The plan of a spec's one operation, and the spec as the harness reads it.
    fn planned_in(text: &str) -> (Planned, synth::Doc) {
        let spec = opengen::load::parse(Path::new("t.yaml"), text.as_bytes()).unwrap();
        let api = opengen::lower::lower(&spec, &opengen::Config::default()).unwrap();
        let op = api.operations[0].clone();
        let plan = Planned {
            method: op.method_name.clone(),
            call: op.method_name.clone(),
            route: "GET /sensor".to_owned(),
            skipped: None,
            one_of: false,
            op,
            params: Vec::new(),
            body: None,
            content_types: Vec::new(),
            fallbacks: Vec::new(),
        };
        let doc = synth::Doc::new(serde_json::to_value(&spec.document).unwrap());
        (plan, doc)
    }

    #[test]
    fn matrix_and_label_values_prism_cannot_read_are_not_sent_to_it() {
        // Prism 5.16 throws (and its process ends) on `;e` (an empty matrix value, RFC 6570's
        // `{;e}`) and on an exploded matrix list with no items.
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /m/{e}/{ids}/{obj}:\n    get:\n      operationId: getM\n      parameters:\n        - {name: e, in: path, required: true, style: matrix, schema: {type: string}}\n        - {name: ids, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: string}}}\n        - {name: obj, in: path, required: true, style: matrix, explode: true, schema: {type: object, additionalProperties: {type: integer}}}\n      responses: {'204': {description: ok}}\n";
        let (mut plan, _) = planned_in(text);
        let params = plan.op.params.clone();
        let mut with = |e: Value, ids: Value| {
            plan.params = params
                .iter()
                .cloned()
                .zip([e, ids, serde_json::json!({"r": 1, "g": 2})])
                .collect();
            unreadable_path(&plan)
        };
        assert_eq!(
            with(serde_json::json!("x"), serde_json::json!(["a", "b"])),
            None
        );
        assert_eq!(
            with(serde_json::json!(""), serde_json::json!(["a"])),
            Some(NOT_SENT_STYLE_PREFIX)
        );
        assert_eq!(
            with(serde_json::json!("x"), serde_json::json!([])),
            Some(NOT_SENT_STYLE_PREFIX)
        );
        assert_eq!(
            with(serde_json::json!("x,y"), serde_json::json!(["a"])),
            None,
            "a comma inside a value is encoded"
        );
    }

    #[test]
    fn an_unknown_in_a_response_the_spec_lists_is_a_problem() {
        // here.com/tracking.json: `{"type":"humidity",…}` decoded as `Battery` with
        // `type: Unknown("humidity")`.
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /sensor:\n    get:\n      operationId: getSensor\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  rule:\n                    oneOf:\n                      - {type: object, required: [type], properties: {type: {type: string, enum: [battery, tamper]}}}\n                      - {type: object, required: [type, range], properties: {type: {type: string, enum: [humidity]}, range: {type: object}}}\n                  unit:\n                    anyOf:\n                      - {type: string, enum: [celsius]}\n                      - {type: string}\n";
        let (plan, doc) = planned_in(text);
        let judged = |body: &str| {
            let line = serde_json::json!({"op": "get_sensor", "outcome": "ok", "status": 200,
                "variant": "GetSensorResponse", "unknown": true, "body": body});
            judge(
                "t.yaml",
                Some(&doc),
                plan.clone(),
                Some(line),
                Vec::new(),
                &mut BTreeSet::new(),
            )
        };
        let wrong = judged(r#"{"rule": {"type": "humidity", "range": {}}, "unit": "celsius"}"#);
        assert!(!wrong.decoded);
        assert_eq!(wrong.problems.len(), 1, "{:?}", wrong.problems);
        assert!(
            wrong.problems[0].contains("decoded with an `Unknown` variant"),
            "{:?}",
            wrong.problems
        );
        // A value the spec does not list (a newer server's tag, an open enum's other value)
        // rightly decodes to `Unknown`.
        for body in [
            r#"{"rule": {"type": "pressure"}}"#,
            r#"{"rule": {"type": "battery"}, "unit": "kelvin"}"#,
        ] {
            let right = judged(body);
            assert!(right.decoded, "{body}");
            assert!(right.problems.is_empty(), "{body}: {:?}", right.problems);
        }
    }

    #[test]
    fn a_fallback_from_the_schema_is_noted_and_checked_as_sent() {
        let (mut plan, _) = planned_in(
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /sensor:\n    post:\n      operationId: postSensor\n      requestBody: {content: {application/json: {schema: {type: integer}, example: x}}}\n      responses: {'204': {description: ok}}\n",
        );
        plan.body = Some(serde_json::json!("x"));
        plan.fallbacks = vec![("body".to_owned(), serde_json::json!(1))];
        assert_eq!(plan.as_sent(&[]).body, Some(serde_json::json!("x")));
        assert_eq!(
            plan.as_sent(&["body".to_owned()]).body,
            Some(serde_json::json!(1))
        );
        let line = serde_json::json!({"op": "post_sensor", "outcome": "ok", "status": 204,
            "variant": "", "unknown": false, "fell_back": ["body"]});
        let result = judge(
            "t.yaml",
            None,
            plan,
            Some(line),
            Vec::new(),
            &mut BTreeSet::new(),
        );
        assert!(result.problems.is_empty(), "{:?}", result.problems);
        assert_eq!(result.notes.len(), 1, "{:?}", result.notes);
    }

    fn line(violations: &str) -> Value {
        serde_json::json!({"op": "list_items", "outcome": "ok", "violations": violations})
    }

    #[test]
    fn prisms_warnings_are_not_problems_and_its_errors_are() {
        let warning = r#"[{"location":["request","query","offset"],"severity":"Warning","message":"Query param offset is deprecated"}]"#;
        let result = judge(
            "t.yaml",
            None,
            planned(),
            Some(line(warning)),
            Vec::new(),
            &mut BTreeSet::new(),
        );
        assert!(result.problems.is_empty(), "{:?}", result.problems);
        assert!(result.request_valid);
        let error = warning.replace("Warning", "Error");
        let result = judge(
            "t.yaml",
            None,
            planned(),
            Some(line(&error)),
            Vec::new(),
            &mut BTreeSet::new(),
        );
        assert_eq!(
            result.problems,
            ["invalid request: request.query.offset: Query param offset is deprecated"]
        );
        assert!(!result.request_valid);
    }

    #[test]
    fn a_documented_error_prism_answers_must_decode_into_its_variant() {
        let judged = |error: Value| {
            let mut line = line("[]");
            line["errors"] = Value::Array(vec![error]);
            judge(
                "t.yaml",
                None,
                planned(),
                Some(line),
                Vec::new(),
                &mut BTreeSet::new(),
            )
        };
        let answered = |decoded: bool, body: &str| {
            serde_json::json!({"code": 404, "status": 404, "outcome": "api_error",
                "variant": "NotFound", "expected": "NotFound", "decoded": decoded,
                "violations": null, "body": body})
        };
        let result = judged(answered(true, r#"{"message":"gone"}"#));
        assert_eq!((result.errors_probed, result.errors_decoded), (1, 1));
        assert!(result.problems.is_empty(), "{:?}", result.problems);

        let result = judged(answered(false, r#"{"message":7}"#));
        assert_eq!((result.errors_probed, result.errors_decoded), (1, 0));
        assert_eq!(
            result.problems,
            [r#"the documented error 404 did not decode into `NotFound`: {"message":7}"#]
        );
        let spec = SpecResult {
            spec: "t.yaml".to_owned(),
            error: None,
            ops: vec![result],
        };
        assert!(table(&[spec]).contains("| t.yaml | 1 | 1 | 1 | 1 | 1 | 0 | 0 | 1 | 0 |"));

        // Every documented error is asked for: each answer is judged and counted.
        let mut both = line("[]");
        both["errors"] = serde_json::json!([
            answered(true, r#"{"message":"gone"}"#),
            answered(false, r#"{"message":7}"#)
        ]);
        let result = judge(
            "t.yaml",
            None,
            planned(),
            Some(both),
            Vec::new(),
            &mut BTreeSet::new(),
        );
        assert_eq!((result.errors_probed, result.errors_decoded), (2, 1));
        assert_eq!(result.problems.len(), 1, "{:?}", result.problems);

        // No body, or one Prism itself flags: a note, not the client's failure.
        for nothing in [" ", "null"] {
            let result = judged(answered(false, nothing));
            assert!(result.problems.is_empty() && result.notes.len() == 1);
        }
        let mut flagged = answered(false, r#"{"message":7}"#);
        flagged["violations"] =
            r#"[{"location":["response","body","message"],"severity":"Error","message":"must be string"}]"#.into();
        let result = judged(flagged);
        assert!(result.problems.is_empty() && result.notes.len() == 1);

        // Prism answering something else (its own 500, another status) is only noted.
        let result = judged(
            serde_json::json!({"code": 404, "status": 500, "outcome": "other",
            "detail": "unexpected HTTP status 500"}),
        );
        assert!(result.errors_probed == 0 && result.problems.is_empty());
        assert!(
            result.notes[0]
                .starts_with("asked Prism for the documented error 404, it answered 500")
        );
    }

    #[test]
    fn prisms_own_invalid_response_is_a_failure_of_its_own_kind() {
        let mut line = line(
            r#"[{"location":["response","body","id"],"severity":"Error","message":"must be integer"}]"#,
        );
        line["outcome"] = "unexpected_status".into();
        line["status"] = 500.into();
        line["detail"] = r#"unexpected HTTP status 500 Internal Server Error: {"type":"https://stoplight.io/prism/errors#VIOLATIONS","title":"Request/Response not valid"}"#.into();
        let result = judge(
            "t.yaml",
            None,
            planned(),
            Some(line.clone()),
            Vec::new(),
            &mut BTreeSet::new(),
        );
        assert!(result.mock_invalid);
        assert!(result.request_valid);
        assert_eq!(result.problems.len(), 1, "{:?}", result.problems);
        assert!(
            result.problems[0].starts_with(
                "Prism's own response breaks the spec, the request being valid (1 violation: \
                 response.body.id: must be integer); unexpected_status: unexpected HTTP status 500"
            ),
            "{:?}",
            result.problems
        );
        let spec = SpecResult {
            spec: "t.yaml".to_owned(),
            error: None,
            ops: vec![result],
        };
        assert_eq!((spec.failed(), spec.failed_by_mock()), (1, 1));
        assert!(details(std::slice::from_ref(&spec)).starts_with("FAIL-PRISM t.yaml"));
        assert!(table(&[spec]).contains("| t.yaml | 1 | 1 | 1 | 0 | 0 | 0 | 0 | 1 | 1 |"));

        // With a request violation beside it, the 500 is the request's: not Prism's response.
        line["violations"] = r#"[{"location":["request","query","limit"],"severity":"Error","message":"must be integer"}]"#.into();
        let result = judge(
            "t.yaml",
            None,
            planned(),
            Some(line),
            Vec::new(),
            &mut BTreeSet::new(),
        );
        assert!(!result.mock_invalid && !result.request_valid);
        assert_eq!(
            result.problems,
            ["invalid request: request.query.limit: must be integer"]
        );
    }
}
