//! `cargo xtask bench`: this generator against its peers, side by side in one run, written to
//! `BENCHMARKS.md`. Every figure that matters is a ratio between two things measured in the
//! same run, because the machines are shared and noisy; nothing here is ever asserted by a test.
//!
//! 1. Codegen time: each tool generating each spec as a process (median of `--runs`), beside the
//!    floor, our own binary doing nothing but reading and parsing the document (ours and the
//!    floor in turns, twice as many runs, before the peers).
//! 2. Peak memory of each of those processes.
//! 3. The generated code: lines, bytes, types, lines per operation, and the time `cargo check`
//!    takes on the crate once its dependencies are built.
//! 4. Where our time goes, per stage, in-process.
//! 5. Request overhead of the generated client against a hand-written `reqwest` call, in
//!    instructions counted by callgrind (see [`crate::overhead`]).
//! 6. `cargo check` of our crate for a large spec with its default features (`full`) against
//!    one feature alone (see [`features`]).

pub mod features;
pub mod peers;
pub mod process;
pub mod size;
pub mod stages;

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use peers::{Installed, Tool};
use size::{Check, CodeSize};

/// The specs measured by default: the committed one, five large real-world OpenAPI 3.0 ones and
/// the largest OpenAPI 3.1 one.
pub const DEFAULT_SPECS: [&str; 7] = [
    "spec/faxplus.yaml",
    "spec/corpus/real/stripe.yaml",
    "spec/corpus/real/github-rest.json",
    "spec/corpus/real/box.json",
    "spec/corpus/real/twilio-api-v2010.yaml",
    "spec/corpus/real/oxide-nexus.json",
    "spec/corpus/v31/openai.yaml",
];

const BEGIN: &str =
    "<!-- cargo xtask bench: begin (generated; edit the text outside these markers) -->";
const END: &str = "<!-- cargo xtask bench: end -->";

/// What to measure.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The specs.
    pub specs: Vec<PathBuf>,
    /// Timed runs per (tool, spec) for codegen.
    pub runs: usize,
    /// Timed `cargo check` runs per crate.
    pub check_runs: usize,
    /// Whether to `cargo check` the generated crates at all (the slowest part).
    pub check: bool,
    /// Whether to measure request overhead.
    pub overhead: bool,
    /// Whether to write `BENCHMARKS.md` (else print the report).
    pub write: bool,
    /// Whether to install and time the peers (`--no-peers`: ours against the floor alone, a
    /// quick look at a change; only with `--print`, since the tables would lose their rows).
    pub peers: bool,
    /// Whether to count the instructions of the floor and of our codegen under callgrind
    /// (`--no-instructions` skips it: a minute or two on the default specs).
    pub instructions: bool,
    /// The specs and features to check alone against the full crate (none with
    /// `--no-features-bench`).
    pub features: Vec<features::Pair>,
}

const USAGE: &str = "usage: cargo xtask bench [--runs N] [--check-runs N] [--spec PATH]... [--feature SPEC=FEATURE]... [--no-check] [--no-overhead] [--no-features-bench] [--no-peers] [--no-instructions] [--print]";

impl Settings {
    fn parse(root: &Path, args: &[String]) -> Result<Self, String> {
        let mut settings = Settings {
            specs: Vec::new(),
            runs: 5,
            check_runs: 3,
            check: true,
            overhead: true,
            write: true,
            peers: true,
            instructions: true,
            features: Vec::new(),
        };
        let mut pairs = Vec::new();
        let mut features_bench = true;
        let mut iter = args.iter();
        let number = |value: Option<&String>, flag: &str| -> Result<usize, String> {
            value
                .and_then(|v| v.parse().ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{flag} needs a positive number\n{USAGE}"))
        };
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--runs" => settings.runs = number(iter.next(), "--runs")?,
                "--check-runs" => settings.check_runs = number(iter.next(), "--check-runs")?,
                "--spec" => settings.specs.push(PathBuf::from(
                    iter.next().ok_or(format!("--spec needs a path\n{USAGE}"))?,
                )),
                "--no-check" => settings.check = false,
                "--no-overhead" => settings.overhead = false,
                "--feature" => pairs.push(features::Pair::parse(
                    iter.next()
                        .ok_or(format!("--feature needs SPEC=FEATURE\n{USAGE}"))?,
                )?),
                "--no-features-bench" => features_bench = false,
                "--print" => settings.write = false,
                "--no-peers" => settings.peers = false,
                "--no-instructions" => settings.instructions = false,
                other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
            }
        }
        if !settings.peers && settings.write {
            return Err(format!(
                "--no-peers leaves the peers' rows out of the tables: use it with --print\n{USAGE}"
            ));
        }
        let given = (!settings.specs.is_empty()).then(|| settings.specs.clone());
        if features_bench {
            settings.features = features::select(root, pairs, given.as_deref())?;
        }
        if settings.specs.is_empty() {
            settings.specs = DEFAULT_SPECS.iter().map(|s| root.join(s)).collect();
        }
        for spec in &settings.specs {
            if !spec.is_file() {
                return Err(format!("no spec at {}", spec.display()));
            }
        }
        Ok(settings)
    }
}

/// One tool on one spec.
#[derive(Debug, Clone, Default)]
struct Outcome {
    /// Why it failed to generate, if it did.
    failure: Option<String>,
    wall: Option<Duration>,
    /// Median CPU time (user and system) of the timed runs.
    cpu: Option<Duration>,
    peak_kib: Option<u64>,
    size: Option<CodeSize>,
    check: Option<Check>,
    /// The CPU time (median) and peak resident set (largest) of cargo and rustc in the checks.
    check_usage: Option<process::Usage>,
    /// The check of an empty crate with the same manifest (see [`size::empty_twin`]): what
    /// cargo and rustc cost before any of the crate's code, the floor under `check`.
    empty_check: Option<Duration>,
    /// A peer's crate checked with our crate's `reqwest` features added (TLS, HTTP/2): the
    /// median check, the usage of cargo and rustc, and the features.
    with_our_features: Option<(Duration, Option<process::Usage>, Vec<String>)>,
    /// Instructions of one check of each of the crates above (see [`CHEAP_CHECK`]).
    check_instructions: CheckInstructions,
}

/// Instructions of one `cargo check` (cargo and every rustc it runs, counted by callgrind) of a
/// tool's crate, of its empty twin, and of a peer's twin with our `reqwest` features.
#[derive(Debug, Clone, Copy, Default)]
struct CheckInstructions {
    written: Option<u64>,
    empty: Option<u64>,
    with_our_features: Option<u64>,
}

/// A spec's checks are also counted under callgrind when every one of its crates' timed checks
/// (median) takes at most this long: callgrind runs cargo and rustc some 100× slower (a
/// 0.3 s check takes ~30 s), so the large crates would add hours.
const CHEAP_CHECK: Duration = Duration::from_secs(2);

/// Everything measured on one spec.
#[derive(Debug, Clone)]
struct SpecResult {
    file: String,
    kib: u64,
    operations: usize,
    floor: Option<Duration>,
    floor_cpu: Option<Duration>,
    floor_peak_kib: Option<u64>,
    /// Instructions of the floor and of our codegen (callgrind), or why they were not counted.
    instructions: Result<(u64, u64), String>,
    tools: Vec<(Tool, Outcome)>,
    /// Why the checks were not counted under callgrind, when they were not.
    check_instructions: Result<(), String>,
}

impl SpecResult {
    fn outcome(&self, tool: Tool) -> Option<&Outcome> {
        self.tools.iter().find(|(t, _)| *t == tool).map(|(_, o)| o)
    }
}

/// `cargo xtask bench ARGS`.
pub fn command(root: &Path, args: &[String]) -> Result<ExitCode, String> {
    let settings = Settings::parse(root, args)?;
    let bench_dir = root.join("target/bench");
    let installed = peers::install(root, &bench_dir.join("peers"), settings.peers)?;
    let machine = machine();
    let mut results = Vec::new();
    for spec in &settings.specs {
        results.push(measure_spec(&installed, spec, &bench_dir, &settings)?);
    }
    if settings.check {
        for result in &mut results {
            check_outputs(result, &installed.ours, &bench_dir, &settings)?;
        }
    }
    let mut one_feature = Vec::new();
    for pair in &settings.features {
        one_feature.push(features::measure(
            &installed,
            pair,
            &bench_dir,
            settings.check_runs,
        )?);
    }
    eprintln!("bench: timing our stages in-process");
    let stages = stage_table(&installed, &settings.specs, settings.runs)?;
    let overhead = if settings.overhead {
        eprintln!("bench: request overhead under callgrind");
        Some(overhead_report(root))
    } else {
        None
    };
    let report = render(
        &settings,
        &machine,
        &installed,
        &results,
        &one_feature,
        &stages,
        overhead.as_deref(),
    );
    if settings.write {
        let path = root.join("BENCHMARKS.md");
        write_between_markers(&path, &report)?;
        println!("{report}\nwrote {}", path.display());
    } else {
        println!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

fn overhead_report(root: &Path) -> String {
    match crate::overhead::measure(root) {
        Ok(overhead) => overhead.markdown(),
        Err(why) => format!("Not measured: {why}\n"),
    }
}

fn crate_name(spec: &Path) -> String {
    crate::corpus::crate_name_for(spec).replace('-', "_")
}

fn measure_spec(
    installed: &Installed,
    spec: &Path,
    bench_dir: &Path,
    settings: &Settings,
) -> Result<SpecResult, String> {
    let file = spec
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    eprintln!("bench: {file}");
    let name = crate_name(spec);
    let loaded = opengen::load::load(spec).map_err(|e| e.to_string())?;
    let operations = loaded
        .document
        .paths
        .paths
        .values()
        .filter_map(|p| p.as_item())
        .map(|p| p.iter().count())
        .sum();
    let kib = std::fs::metadata(spec).map_or(0, |m| m.len() / 1024);
    let out_of = |tool: Tool| bench_dir.join("out").join(tool.name()).join(&name);
    let mut floor_command = Command::new(&installed.ours);
    floor_command.arg("__parse").arg(spec);

    // A first run of each: does it work at all, and how much memory does it take.
    let mut tools = Vec::new();
    for tool in Tool::ALL {
        let out = out_of(tool);
        let Some(mut command) = installed.command(tool, spec, &out, &name) else {
            continue;
        };
        remove(&out)?;
        let first = process::run(&mut command)?;
        let generated = first.ok && out.join("Cargo.toml").exists();
        let mut outcome = Outcome::default();
        if generated {
            remove(&out)?;
            outcome.peak_kib = Some(process::peak_rss(&installed.ours, &command)?.1);
        } else {
            outcome.failure = Some(if first.last_line.is_empty() {
                "no crate written".to_owned()
            } else {
                first.last_line
            });
        }
        tools.push((tool, outcome));
    }
    let floor_peak_kib = Some(process::peak_rss(&installed.ours, &floor_command)?.1);

    // Timed runs. Ours against the floor first, on their own: the two are run next to each
    // other, in turns (floor first, then ours first), twice as often as the peers, so that a
    // busy spell hits both alike. A peer's run in between (openapi-generator's JVM takes
    // seconds and all cores) left the machine in another state for the next process and made
    // the small specs' floor swing by half from one bench run to the next.
    let (mut floor_times, mut floor_cpus) = (Vec::new(), Vec::new());
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); tools.len()];
    let mut cpus: Vec<Vec<Duration>> = vec![Vec::new(); tools.len()];
    let mut time = |index: usize, tool: Tool| -> Result<(), String> {
        let out = out_of(tool);
        remove(&out)?;
        if let Some(mut command) = installed.command(tool, spec, &out, &name) {
            let run = process::run(&mut command)?;
            if !run.ok {
                return Err(format!(
                    "{}: {file}: a rerun failed: {}",
                    tool.name(),
                    run.last_line
                ));
            }
            times[index].push(run.wall);
            cpus[index].push(run.cpu);
        }
        Ok(())
    };
    let ours = tools
        .iter()
        .position(|(tool, outcome)| *tool == Tool::Ours && outcome.failure.is_none());
    for turn in 0..settings.runs * 2 {
        if let (Some(index), true) = (ours, turn % 2 == 1) {
            time(index, Tool::Ours)?;
        }
        let floor = process::run(&mut floor_command)?;
        if !floor.ok {
            return Err(format!("{file}: parsing failed: {}", floor.last_line));
        }
        floor_times.push(floor.wall);
        floor_cpus.push(floor.cpu);
        if let (Some(index), true) = (ours, turn % 2 == 0) {
            time(index, Tool::Ours)?;
        }
    }
    // Then the peers, each in turn.
    for _ in 0..settings.runs {
        for (index, (tool, outcome)) in tools.iter().enumerate() {
            if *tool != Tool::Ours && outcome.failure.is_none() {
                time(index, *tool)?;
            }
        }
    }
    for (((tool, outcome), times), cpus) in tools.iter_mut().zip(times).zip(cpus) {
        if outcome.failure.is_none() {
            outcome.wall = process::median(times);
            outcome.cpu = process::median(cpus);
            outcome.size = Some(size::measure(&out_of(*tool))?);
        }
    }
    let instructions =
        count_instructions(&installed.ours, spec, &out_of(Tool::Ours), &name, settings);
    Ok(SpecResult {
        file,
        kib,
        operations,
        floor: process::median(floor_times),
        floor_cpu: process::median(floor_cpus),
        floor_peak_kib,
        instructions,
        tools,
        check_instructions: Err("not checked".to_owned()),
    })
}

/// The instructions of the floor and of our codegen on `spec` (writing into `out`), counted by
/// callgrind: the ratio no busy spell moves. Why not, when they are not counted.
fn count_instructions(
    ours: &Path,
    spec: &Path,
    out: &Path,
    name: &str,
    settings: &Settings,
) -> Result<(u64, u64), String> {
    if !settings.instructions {
        return Err("not counted (--no-instructions)".to_owned());
    }
    crate::callgrind::available()?;
    let floor = crate::callgrind::instructions(
        ours,
        [OsStr::new("__parse"), spec.as_os_str()],
        "the floor",
    )?;
    remove(out)?;
    let codegen = crate::callgrind::instructions(
        ours,
        [
            OsStr::new("codegen"),
            OsStr::new("--spec"),
            spec.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
            OsStr::new("--name"),
            OsStr::new(name),
        ],
        "our codegen",
    )?;
    Ok((floor, codegen))
}

fn check_outputs(
    result: &mut SpecResult,
    xtask: &Path,
    bench_dir: &Path,
    settings: &Settings,
) -> Result<(), String> {
    let runs = settings.check_runs;
    /// What a checked crate is to the tool whose output it comes from.
    enum Role {
        /// The crate the tool wrote.
        Written,
        /// Its empty twin (see [`size::empty_twin`]).
        Empty,
        /// A peer's crate with our crate's `reqwest` features added (see
        /// [`size::with_features`]).
        WithOurFeatures,
    }
    struct Job {
        tool: usize,
        role: Role,
        dir: PathBuf,
        target: PathBuf,
        timed: size::Timed,
        instructions: Option<u64>,
    }
    let name = crate_name(Path::new(&result.file));
    let measured = size::CheckOptions {
        args: &[],
        peak_rss_with: Some(xtask),
    };
    let plain = size::CheckOptions::default();
    // The reqwest features of our crate, its own and its runtime's.
    let ours = bench_dir.join("out").join(Tool::Ours.name()).join(&name);
    let mut our_features = Vec::new();
    for manifest in [ours.join("Cargo.toml"), ours.join("runtime/Cargo.toml")] {
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        for feature in size::dependency_features(&text, "reqwest") {
            if !our_features.contains(&feature) {
                our_features.push(feature);
            }
        }
    }
    // Every crate is built once first; then the timed checks go round all of them in turns, so
    // that a busy spell on the machine hits every crate alike.
    let mut jobs = Vec::new();
    for (index, (tool, outcome)) in result.tools.iter_mut().enumerate() {
        if outcome.failure.is_some() {
            continue;
        }
        eprintln!(
            "bench: cargo check {} output for {}",
            tool.name(),
            result.file
        );
        let dir = bench_dir.join("out").join(tool.name()).join(&name);
        let target = bench_dir.join("check-target").join(tool.name());
        if let Some(fails) = size::prepare(&dir, &target, measured)? {
            outcome.check = Some(fails);
            continue;
        }
        let empty = bench_dir.join("out-empty").join(tool.name()).join(&name);
        size::empty_twin(&dir, &empty)?;
        if size::prepare(&empty, &target, plain)?.is_none() {
            jobs.push((index, Role::Empty, empty));
        }
        let twin = bench_dir.join("out-features").join(tool.name()).join(&name);
        if *tool != Tool::Ours
            && !our_features.is_empty()
            && size::with_features(&dir, &twin, "reqwest", &our_features)?
            && size::prepare(&twin, &target, measured)?.is_none()
        {
            jobs.push((index, Role::WithOurFeatures, twin));
        }
        jobs.push((index, Role::Written, dir));
    }
    let mut jobs: Vec<Job> = jobs
        .into_iter()
        .map(|(tool, role, dir)| Job {
            tool,
            role,
            dir,
            target: bench_dir
                .join("check-target")
                .join(result.tools[tool].0.name()),
            timed: size::Timed::default(),
            instructions: None,
        })
        .collect();
    for _ in 0..runs {
        for job in &mut jobs {
            let options = match job.role {
                Role::Empty => plain,
                Role::Written | Role::WithOurFeatures => measured,
            };
            job.timed
                .push(size::check_once(&job.dir, &job.target, options)?);
        }
    }
    // The small crates' checks once more under callgrind: a count no busy spell moves.
    let crates: Vec<(&Path, &Path, Option<Duration>)> = jobs
        .iter()
        .map(|job| (job.dir.as_path(), job.target.as_path(), job.timed.median()))
        .collect();
    match count_checks(&crates, settings) {
        Ok(counts) => {
            for (job, count) in jobs.iter_mut().zip(counts) {
                job.instructions = Some(count);
            }
            result.check_instructions = Ok(());
        }
        Err(why) => {
            eprintln!("bench: the checks of {} not counted: {why}", result.file);
            result.check_instructions = Err(why);
        }
    }
    for job in jobs {
        match job.role {
            Role::Written => result.tools[job.tool].1.check_instructions.written = job.instructions,
            Role::Empty => result.tools[job.tool].1.check_instructions.empty = job.instructions,
            Role::WithOurFeatures => {
                result.tools[job.tool]
                    .1
                    .check_instructions
                    .with_our_features = job.instructions;
            }
        }
        let (check, usage) = job.timed.result()?;
        let outcome = &mut result.tools[job.tool].1;
        let Check::Compiles(median) = check else {
            continue;
        };
        match job.role {
            Role::Written => {
                outcome.check = Some(check);
                outcome.check_usage = usage;
            }
            Role::Empty => outcome.empty_check = Some(median),
            Role::WithOurFeatures => {
                outcome.with_our_features = Some((median, usage, our_features.clone()));
            }
        }
    }
    Ok(())
}

/// The instructions of one check of each of `crates` (folder, target folder, median check
/// time), in order; all or none: why not, when a check is slow (see [`CHEAP_CHECK`]), counting
/// is off or callgrind fails.
fn count_checks(
    crates: &[(&Path, &Path, Option<Duration>)],
    settings: &Settings,
) -> Result<Vec<u64>, String> {
    if !settings.instructions {
        return Err("not counted (--no-instructions)".to_owned());
    }
    if crates
        .iter()
        .any(|(_, _, median)| median.is_none_or(|median| median > CHEAP_CHECK))
    {
        return Err(format!(
            "not counted: a check takes over {} s",
            CHEAP_CHECK.as_secs()
        ));
    }
    crate::callgrind::available()?;
    crates
        .iter()
        .map(|(dir, target, _)| {
            eprintln!(
                "bench: counting the instructions of cargo check in {}",
                dir.display()
            );
            size::check_instructions(dir, target)
        })
        .collect()
}

fn stage_table(installed: &Installed, specs: &[PathBuf], runs: usize) -> Result<String, String> {
    let output = Command::new(&installed.ours)
        .arg("__stages")
        .arg(runs.to_string())
        .args(specs)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", installed.ours.display()))?;
    if !output.status.success() {
        return Err(format!(
            "stage timing failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn remove(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

/// Cores, CPU model, rustc and Java versions, and the date: what the figures were measured on.
fn machine() -> Vec<String> {
    let first_line = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .map(|o| {
                let text = if o.stdout.is_empty() {
                    o.stderr
                } else {
                    o.stdout
                };
                String::from_utf8_lossy(&text)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
            .unwrap_or_else(|| "not found".to_owned())
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or_else(
            || "unknown".to_owned(),
            |kib| format!("{:.0} GiB", kib as f64 / 1048576.0),
        );
    vec![
        format!("CPU: {cpu}, {cores} cores available, {memory} RAM"),
        format!("rustc: {}", first_line("rustc", &["-V"])),
        format!("java: {}", first_line("java", &["-version"])),
        format!(
            "date: {}",
            first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
        ),
    ]
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64().max(1e-9))
}

fn mib(kib: u64) -> String {
    format!("{:.0}", kib as f64 / 1024.0)
}

/// Millions, with a decimal below 100.
fn millions(n: u64) -> String {
    let m = n as f64 / 1e6;
    if m < 100.0 {
        format!("{m:.1}")
    } else {
        format!("{m:.0}")
    }
}

/// A table cell for a tool that failed: a footnote number, with the reason collected.
fn failed(notes: &mut Vec<String>, tool: Tool, file: &str, why: &str) -> String {
    notes.push(format!("{} on {file}: {why}", tool.name()));
    format!("fails[^{}]", notes.len())
}

fn render(
    settings: &Settings,
    machine: &[String],
    installed: &Installed,
    results: &[SpecResult],
    one_feature: &[features::Measured],
    stages: &str,
    overhead: Option<&str>,
) -> String {
    let mut out = String::new();
    let mut notes = Vec::new();
    let _ = writeln!(out, "{BEGIN}\n");
    let _ = writeln!(
        out,
        "Reproduce with `cargo xtask bench` (it builds the generator in release mode and installs the peers into `target/bench/peers/`). Runs: {} per codegen figure, {} per `cargo check` figure; each figure is a median.\n",
        settings.runs, settings.check_runs
    );
    for line in machine.iter().chain(installed.describe().iter()) {
        let _ = writeln!(out, "- {line}");
    }

    let _ = writeln!(
        out,
        "\n### Codegen time\n\nEach generator as a process, writing a fresh crate (ms): the wall time, and the CPU time (user and system, of the process and its children), which is what counts when the machine is busy, as CI and developer machines are (the wall time shrinks when work spreads over idle cores). The floor is our binary reading and parsing the document and nothing else (`xtask __parse`): no generator can beat it with the same parser. Ours and the floor are run next to each other, in turns, twice `--runs` times, before any peer runs: a peer's run in between (openapi-generator's JVM takes seconds and every core) leaves the machine in another state for whatever runs next. Medians.\n"
    );
    let _ = writeln!(
        out,
        "| spec | KiB | ops | floor | floor CPU | ours | ours CPU | ours/floor | ours/floor CPU | progenitor | progenitor/ours | openapi-generator | openapi-generator/ours |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for r in results {
        let ours = r.outcome(Tool::Ours).and_then(|o| o.wall);
        let ours_cpu = r.outcome(Tool::Ours).and_then(|o| o.cpu);
        let mut row = format!(
            "| {} | {} | {} | {} | {} | ",
            r.file,
            r.kib,
            r.operations,
            r.floor.map_or("-".into(), ms),
            r.floor_cpu.map_or("-".into(), ms)
        );
        match (ours, ours_cpu, r.floor, r.floor_cpu) {
            (Some(o), Some(oc), Some(f), Some(fc)) => {
                let _ = write!(
                    row,
                    "{} | {} | {} | {} |",
                    ms(o),
                    ms(oc),
                    ratio(o, f),
                    ratio(oc, fc)
                );
            }
            _ => {
                let why = r
                    .outcome(Tool::Ours)
                    .and_then(|o| o.failure.clone())
                    .unwrap_or_default();
                let cell = failed(&mut notes, Tool::Ours, &r.file, &why);
                let _ = write!(row, "{cell} | - | - | - |");
            }
        }
        for tool in [Tool::Progenitor, Tool::OpenApiGenerator] {
            match r.outcome(tool) {
                None => row.push_str(" not run | - |"),
                Some(o) => match (o.wall, ours, &o.failure) {
                    (Some(w), Some(ours), _) => {
                        let _ = write!(row, " {} | {} |", ms(w), ratio(w, ours));
                    }
                    (Some(w), None, _) => {
                        let _ = write!(row, " {} | - |", ms(w));
                    }
                    (None, _, failure) => {
                        let cell =
                            failed(&mut notes, tool, &r.file, failure.as_deref().unwrap_or(""));
                        let _ = write!(row, " {cell} | - |");
                    }
                },
            }
        }
        let _ = writeln!(out, "{row}");
    }

    let _ = writeln!(
        out,
        "\n### Codegen instructions\n\nInstructions executed by the floor and by our codegen process (every thread), counted once by `valgrind --tool=callgrind` (millions). Unlike the times above the count is the same on any machine, busy or idle, so its ratio is what a change to the generator moves; the CPU-time ratio also carries what instructions do not show (cache misses, page faults and the zeroing of fresh memory, a second thread) and the machine's state at the time.\n"
    );
    let _ = writeln!(
        out,
        "| spec | floor | ours | ours/floor |\n|---|---:|---:|---:|"
    );
    for r in results {
        match &r.instructions {
            Ok((floor, ours)) => {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {:.2}× |",
                    r.file,
                    millions(*floor),
                    millions(*ours),
                    *ours as f64 / (*floor).max(1) as f64
                );
            }
            Err(why) => {
                let _ = writeln!(out, "| {} | - | - | {why} |", r.file);
            }
        }
    }

    let _ = writeln!(
        out,
        "\n### Peak memory\n\nMaximum resident set of each process (MiB), read from the kernel after it exits; for openapi-generator it is the JVM's.\n"
    );
    let _ = writeln!(
        out,
        "| spec | floor | ours | progenitor | openapi-generator |\n|---|---:|---:|---:|---:|"
    );
    for r in results {
        let cell = |tool: Tool| {
            r.outcome(tool)
                .and_then(|o| o.peak_kib)
                .map_or("-".to_owned(), mib)
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.file,
            r.floor_peak_kib.map_or("-".to_owned(), mib),
            cell(Tool::Ours),
            cell(Tool::Progenitor),
            cell(Tool::OpenApiGenerator)
        );
    }

    let _ = writeln!(
        out,
        "\n### Generated code\n\nEvery `.rs` file each tool wrote. Ours includes the runtime crate written beside every crate we generate (`runtime/`: retries, auth and token refresh, redaction, errors, the same lines whatever the spec), a dependency of the crate as `progenitor-client` is of progenitor's, so `check` does not recheck it; `w/o runtime` leaves it out. Types are `pub struct`/`pub enum` definitions. `check` is `cargo check` on the crate with its dependencies already built (touching its sources, incremental compilation off, so the crate is checked from scratch; median, s); `check CPU` the user and system time of cargo and rustc in it (median, s), `/ours` each compared with our crate for the same spec; `rustc MiB` the largest resident set of cargo and rustc over the checks; `empty s` the check of an empty crate with the same manifest and dependencies (the same target folder, so they are built): the floor under `check s` that no generated code can go below, and `above empty` what the crate's own code costs on top of it. Each crate is built once first; the timed checks then go round a spec's crates (each tool's, the empty twins, a peer's twin with our features) in turns, so that a busy spell hits them alike.\n"
    );
    let _ = writeln!(
        out,
        "| spec | tool | lines | KiB | types | lines/op | w/o runtime: lines/op | check s | check/ours | check CPU s | CPU/ours | rustc MiB | empty s | above empty |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut features_note = None;
    for r in results {
        let ours_check = match r.outcome(Tool::Ours).and_then(|o| o.check.clone()) {
            Some(Check::Compiles(d)) => Some(d),
            _ => None,
        };
        let ours_cpu = r
            .outcome(Tool::Ours)
            .and_then(|o| o.check_usage)
            .map(|u| u.cpu);
        for (tool, o) in &r.tools {
            let Some(size) = o.size else { continue };
            let per_op = |lines: usize| {
                if r.operations == 0 {
                    "-".to_owned()
                } else {
                    format!("{:.0}", lines as f64 / r.operations as f64)
                }
            };
            let (all, own) = (per_op(size.lines), per_op(size.lines - size.runtime_lines));
            let (check, versus) = match &o.check {
                None => ("not run".to_owned(), "-".to_owned()),
                Some(Check::Compiles(d)) => (
                    format!("{:.2}", d.as_secs_f64()),
                    ours_check.map_or("-".to_owned(), |ours| ratio(*d, ours)),
                ),
                Some(Check::Fails(count, first)) => (
                    failed(
                        &mut notes,
                        *tool,
                        &r.file,
                        &format!("does not compile ({count} errors), first: {first}"),
                    ),
                    "-".to_owned(),
                ),
            };
            let (cpu, cpu_versus, peak) = match (&o.check, o.check_usage) {
                (Some(Check::Compiles(_)), Some(usage)) => (
                    format!("{:.2}", usage.cpu.as_secs_f64()),
                    ours_cpu.map_or("-".to_owned(), |ours| ratio(usage.cpu, ours)),
                    mib(usage.peak_kib),
                ),
                _ => ("-".to_owned(), "-".to_owned(), "-".to_owned()),
            };
            let (empty, above) = match (&o.check, o.empty_check) {
                (Some(Check::Compiles(d)), Some(empty)) => (
                    format!("{:.2}", empty.as_secs_f64()),
                    format!("{:.2}", d.saturating_sub(empty).as_secs_f64()),
                ),
                _ => ("-".to_owned(), "-".to_owned()),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {all} | {own} | {check} | {versus} | {cpu} | {cpu_versus} | {peak} | {empty} | {above} |",
                r.file,
                tool.name(),
                size.lines,
                size.bytes / 1024,
                size.types
            );
            if let Some((check, usage, features)) = &o.with_our_features {
                let (cpu, cpu_versus, peak) = usage.map_or_else(
                    || ("-".to_owned(), "-".to_owned(), "-".to_owned()),
                    |usage| {
                        (
                            format!("{:.2}", usage.cpu.as_secs_f64()),
                            ours_cpu.map_or("-".to_owned(), |ours| ratio(usage.cpu, ours)),
                            mib(usage.peak_kib),
                        )
                    },
                );
                let note = *features_note.get_or_insert_with(|| {
                    notes.push(format!(
                        "the same crate with the `reqwest` features ours turns on added to its manifest (`{}`): our crate speaks HTTPS (rustls) and HTTP/2 as generated; a peer's crate as generated without them cannot call an `https` server. The like-for-like comparison.",
                        features.join("`, `")
                    ));
                    notes.len()
                });
                let _ = writeln!(
                    out,
                    "| {} | {} with our reqwest features[^{note}] | {} | {} | {} | {all} | {own} | {:.2} | {} | {cpu} | {cpu_versus} | {peak} | - | - |",
                    r.file,
                    tool.name(),
                    size.lines,
                    size.bytes / 1024,
                    size.types,
                    check.as_secs_f64(),
                    ours_check.map_or("-".to_owned(), |ours| ratio(*check, ours)),
                );
            }
        }
    }

    check_instruction_table(&mut out, results);

    features::render(&mut out, &mut notes, one_feature);

    let _ = writeln!(
        out,
        "\n### Where our time goes\n\nThe same stages in-process (release build; ms): `load` is the floor's work, `emit` builds token streams and pretty-prints them.\n\n{stages}"
    );
    if let Some(overhead) = overhead {
        let _ = writeln!(out, "### Request overhead\n\n{overhead}");
    }
    if !notes.is_empty() {
        out.push('\n');
        for (index, note) in notes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {}", index + 1, note.replace('|', "\\|"));
        }
    }
    let _ = writeln!(out, "\n{END}");
    out
}

/// The "Check instructions" table: one check of each small crate counted under callgrind.
fn check_instruction_table(out: &mut String, results: &[SpecResult]) {
    let _ = writeln!(
        out,
        "\n### Check instructions\n\nOne `cargo check` of each crate above (sources touched, dependencies built, incremental compilation off), its instructions counted by `valgrind --tool=callgrind` across cargo and every rustc it runs (millions), for the specs whose crates all check in {} s or less (callgrind runs them some 100× slower). Like the codegen instructions, the count is the same busy or idle (two counts of one crate differ by under 0.1%), so these ratios do not move with the machine the way the check times do. It counts the processes' own instructions, not the kernel's work for them: the file-system calls of cargo's freshness checks (every file a dependency's build script watches is looked at on every check) are in the check times, not here. `empty twin` is the crate's manifest with no code (cargo's own work and the dependency graph), `above empty` what the crate's code adds.\n",
        CHEAP_CHECK.as_secs()
    );
    let _ = writeln!(
        out,
        "| spec | crate | check | /ours | empty twin | above empty | above empty /ours |\n|---|---|---:|---:|---:|---:|---:|"
    );
    for r in results {
        if let Err(why) = &r.check_instructions {
            let _ = writeln!(out, "| {} | - | - | - | - | - | {why} |", r.file);
            continue;
        }
        let ours = r.outcome(Tool::Ours).map(|o| o.check_instructions);
        let ours_check = ours.and_then(|c| c.written);
        let ours_above = ours.and_then(|c| Some(c.written?.saturating_sub(c.empty?)));
        let versus = |n: Option<u64>, base: Option<u64>| match (n, base) {
            (Some(n), Some(base)) => format!("{:.2}×", n as f64 / base.max(1) as f64),
            _ => "-".to_owned(),
        };
        let cell = |n: Option<u64>| n.map_or("-".to_owned(), millions);
        for (tool, o) in &r.tools {
            let counts = o.check_instructions;
            if counts.written.is_some() {
                let above = counts
                    .written
                    .and_then(|w| Some(w.saturating_sub(counts.empty?)));
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    r.file,
                    tool.name(),
                    cell(counts.written),
                    versus(counts.written, ours_check),
                    cell(counts.empty),
                    cell(above),
                    versus(above, ours_above)
                );
            }
            if counts.with_our_features.is_some() {
                let _ = writeln!(
                    out,
                    "| {} | {} with our reqwest features | {} | {} | - | - | - |",
                    r.file,
                    tool.name(),
                    cell(counts.with_our_features),
                    versus(counts.with_our_features, ours_check)
                );
            }
        }
    }
}

/// Replaces the generated part of `path` (between the markers), keeping the hand-written text
/// around it; without markers, the report is appended. Written whole, then renamed into place.
fn write_between_markers(path: &Path, report: &str) -> Result<(), String> {
    let old = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let new = splice(&old, report);
    let temporary = path.with_extension("md.tmp");
    std::fs::write(&temporary, new)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn splice(old: &str, report: &str) -> String {
    let report = report.trim_end();
    match (old.find(BEGIN), old.find(END)) {
        (Some(begin), Some(end)) if begin < end => {
            format!("{}{report}{}", &old[..begin], &old[end + END.len()..])
        }
        _ => format!("{}\n\n{report}\n", old.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_replaces_only_the_generated_part() {
        let old = format!("# Benchmarks\nintro\n{BEGIN}\nold figures\n{END}\nanalysis\n");
        let new = splice(&old, &format!("{BEGIN}\nnew figures\n{END}\n"));
        assert_eq!(
            new,
            format!("# Benchmarks\nintro\n{BEGIN}\nnew figures\n{END}\nanalysis\n")
        );
        let appended = splice("# Benchmarks\n", &format!("{BEGIN}\nx\n{END}"));
        assert_eq!(appended, format!("# Benchmarks\n\n{BEGIN}\nx\n{END}\n"));
    }

    #[test]
    fn settings_reject_bad_numbers_and_missing_specs() {
        let root = crate::repo_root();
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(Settings::parse(&root, &args(&["--runs", "0"])).is_err());
        assert!(Settings::parse(&root, &args(&["--spec", "/no/such/spec.yaml"])).is_err());
        assert!(Settings::parse(&root, &args(&["--frobnicate"])).is_err());
        let spec = root.join("spec/faxplus.yaml");
        let spec = spec.to_str().unwrap_or_default();
        let settings =
            Settings::parse(&root, &args(&["--runs", "2", "--no-check", "--spec", spec]));
        assert!(settings.is_ok_and(|s| s.runs == 2 && !s.check && s.specs.len() == 1));
        // Without the peers the tables lose rows: only printed, never written.
        assert!(Settings::parse(&root, &args(&["--no-peers", "--spec", spec])).is_err());
        let quick = Settings::parse(&root, &args(&["--no-peers", "--print", "--spec", spec]));
        assert!(quick.is_ok_and(|s| !s.peers && !s.write));
        let uncounted = Settings::parse(&root, &args(&["--no-instructions", "--spec", spec]));
        assert!(uncounted.is_ok_and(|s| !s.instructions));
        let defaults = Settings::parse(&root, &[]);
        assert!(defaults.is_ok_and(|s| s.runs == 5
            && s.check
            && s.peers
            && s.instructions
            && s.specs.len() == DEFAULT_SPECS.len()
            && s.features.len() == features::DEFAULT_PAIRS.len()));
    }

    #[test]
    fn only_small_crates_checks_are_counted_and_all_or_none() {
        let root = crate::repo_root();
        let spec = root.join("spec/faxplus.yaml");
        let parse = |a: &[&str]| {
            let args: Vec<String> = a.iter().map(|s| (*s).to_owned()).collect();
            Settings::parse(&root, &args)
        };
        let (Ok(counting), Ok(not_counting)) = (
            parse(&["--spec", &spec.to_string_lossy()]),
            parse(&["--no-instructions", "--spec", &spec.to_string_lossy()]),
        ) else {
            panic!("the settings parse");
        };
        let dir = Path::new("/no/such/crate");
        let quick = Some(Duration::from_millis(300));
        let slow = Some(CHEAP_CHECK + Duration::from_millis(1));
        let off = count_checks(&[(dir, dir, quick)], &not_counting);
        assert!(off.is_err_and(|e| e.contains("--no-instructions")));
        // One slow crate keeps the spec's quick ones from being counted too.
        let one_slow = count_checks(&[(dir, dir, quick), (dir, dir, slow)], &counting);
        assert!(one_slow.is_err_and(|e| e.contains("takes over 2 s")));
        let untimed = count_checks(&[(dir, dir, None)], &counting);
        assert!(untimed.is_err_and(|e| e.contains("takes over")));
        // A crate that cannot be checked is an error, not a count.
        assert!(count_checks(&[(dir, dir, quick)], &counting).is_err());
    }

    #[test]
    fn settings_choose_the_features_to_check_alone() {
        let root = crate::repo_root();
        let path = |relative: &str| root.join(relative).to_string_lossy().into_owned();
        let parse = |a: &[&str]| {
            let args: Vec<String> = a.iter().map(|s| (*s).to_owned()).collect();
            Settings::parse(&root, &args)
        };
        let (faxplus, stripe) = (
            path("spec/faxplus.yaml"),
            path(features::DEFAULT_PAIRS[0].0),
        );
        assert!(
            parse(&["--spec", &faxplus]).is_ok_and(|s| s.features.is_empty()),
            "CI's call: Fax.Plus is not split, nothing to check alone"
        );
        assert!(parse(&["--no-features-bench"]).is_ok_and(|s| s.features.is_empty()));
        let only_stripe = parse(&["--spec", &stripe, "--no-check"]);
        assert!(only_stripe.is_ok_and(|s| s.features
            == vec![features::Pair {
                spec: root.join(features::DEFAULT_PAIRS[0].0),
                feature: "customers".to_owned()
            }]));
        let two = format!("{stripe}=payment-intents");
        let explicit = parse(&[
            "--feature",
            &two,
            "--spec",
            &stripe,
            "--feature",
            &format!("{stripe}=charges"),
        ]);
        assert!(explicit.is_ok_and(|s| s.features.len() == 2
            && s.features[0].feature == "payment-intents"
            && s.features[1].feature == "charges"));
        assert!(parse(&["--feature"]).is_err(), "a value is needed");
        assert!(parse(&["--feature", &stripe]).is_err(), "SPEC=FEATURE");
        assert!(
            parse(&["--spec", &faxplus, "--feature", &two]).is_err(),
            "a pair whose spec is not measured"
        );
    }
}
