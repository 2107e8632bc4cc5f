//! `cargo xtask`: the repository's tasks.
//!
//! `cargo xtask --help` lists them; `cargo xtask TASK --help` tells one (the texts are in
//! `help.rs`).

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{Job, repo_root};

/// The help texts: a module of this binary only.
mod help;

fn main() -> ExitCode {
    // Before anything is allocated and freed; the floor (`__parse`) runs with it too.
    opengen::allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(text) = asked_for_help(&args) {
        return match text {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}\n{}", help::usage());
                ExitCode::FAILURE
            }
        };
    }
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("ir") => ir(&args[1..]),
        Some("bench") => xtask::bench::command(&repo_root(), &args[1..]),
        // Internal tasks the benchmark runs as processes.
        Some("__parse") => parse_only(&args[1..]),
        Some("__stages") => stages(&args[1..]),
        Some("__peak-rss") => xtask::bench::process::peak_rss_task(&args[1..]),
        // The request-overhead measurement alone (what `bench` runs), for checking a change.
        Some("__overhead") => xtask::overhead::measure(&repo_root()).map(|overhead| {
            println!("{}", overhead.markdown());
            ExitCode::SUCCESS
        }),
        Some("corpus") => xtask::corpus::command(&repo_root(), &args[1..]).map(|passed| {
            if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }),
        Some("conformance") => {
            xtask::conformance::command(&repo_root(), &args[1..]).map(|passed| {
                if passed {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            })
        }
        _ => Err(format!("unknown or missing task\n{}", help::usage())),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The help `args` ask for, if they ask: `--help`, `help [TASK]`, `TASK --help`.
fn asked_for_help(args: &[String]) -> Option<Result<String, String>> {
    match args {
        [] => None,
        [flag] if flag == "-h" || flag == "--help" || flag == "help" => Some(Ok(help::overview())),
        [help, task] if help == "help" => {
            Some(help::task(task).ok_or_else(|| format!("no help for `{task}`: no such task")))
        }
        [task, rest @ ..] if help::asked(rest) => help::task(task).map(Ok),
        _ => None,
    }
}

/// Every error of a run as the message `main` prints after `error: `: one error a line (each
/// line starting `error: `), at most `Errors::SHOWN`, then how many more there are.
fn report(errors: &opengen::Errors) -> String {
    errors.lines().collect::<Vec<_>>().join("\nerror: ")
}

struct Args {
    jobs: Vec<Job>,
    check: bool,
    /// Every warning is an error (for spec authors who want their document clean).
    strict: bool,
    /// List every file written, not one line per crate.
    verbose: bool,
    /// The command that regenerates the crates, for `--check`'s report.
    fix: String,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let root = repo_root();
    let mut job = Job::default_for(&root);
    let (mut spec, mut out, mut name, mut examples, mut config) = (None, None, None, None, None);
    let mut root_dir = None;
    let (mut check, mut strict, mut verbose) = (false, false, false);
    let usage = help::task("codegen").unwrap_or_default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{usage}"))
        };
        match arg.as_str() {
            "--check" => check = true,
            "--strict" => strict = true,
            "-v" | "--verbose" => verbose = true,
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--name" => name = Some(value("--name")?),
            "--examples" => examples = Some(PathBuf::from(value("--examples")?)),
            "--config" => config = Some(PathBuf::from(value("--config")?)),
            "--root-dir" => root_dir = Some(PathBuf::from(value("--root-dir")?)),
            other => return Err(format!("unknown argument `{other}`\n{usage}")),
        }
    }
    let custom = spec.is_some() || out.is_some();
    if !custom {
        if name.is_some() || examples.is_some() || config.is_some() || root_dir.is_some() {
            return Err(format!(
                "--name, --examples, --config and --root-dir go with --spec and --out\n{usage}"
            ));
        }
        return Ok(Args {
            jobs: Job::all_for(&root),
            check,
            strict,
            verbose,
            fix: "cargo xtask codegen".to_owned(),
        });
    }
    job.spec = spec.ok_or_else(|| format!("--out needs --spec\n{usage}"))?;
    job.out = out.ok_or_else(|| format!("--spec needs --out\n{usage}"))?;
    job.examples = examples;
    job.config = config;
    job.root_dir = root_dir;
    job.crate_name = match name {
        Some(name) => name,
        None => xtask::corpus::crate_name_for(&job.spec),
    };
    let mut fix = format!(
        "cargo xtask codegen --spec {} --out {} --name {}",
        job.spec.display(),
        job.out.display(),
        job.crate_name
    );
    if let Some(config) = &job.config {
        fix.push_str(&format!(" --config {}", config.display()));
    }
    if let Some(examples) = &job.examples {
        fix.push_str(&format!(" --examples {}", examples.display()));
    }
    if let Some(root_dir) = &job.root_dir {
        fix.push_str(&format!(" --root-dir {}", root_dir.display()));
    }
    Ok(Args {
        jobs: vec![job],
        check,
        strict,
        verbose,
        fix,
    })
}

fn codegen(args: &[String]) -> Result<ExitCode, String> {
    let Args {
        jobs,
        check,
        strict,
        verbose,
        fix,
    } = parse_args(args)?;
    // Generate everything before writing anything: one bad spec leaves every folder untouched.
    let mut outputs = Vec::new();
    for job in &jobs {
        let mut generated = job.generate().map_err(|e| report(&e))?;
        if strict {
            generated = generated
                .strict()
                .map_err(|e| report(&e.in_file(&job.spec)))?;
        }
        for warning in &generated.warnings {
            eprintln!(
                "warning: {}: {}: {}",
                job.spec.display(),
                warning.pointer,
                warning.message
            );
        }
        outputs.push((job, generated));
    }
    let mut clean = true;
    for (job, generated) in &outputs {
        if check {
            let drift = generated
                .check(&job.out)
                .map_err(|e| e.to_string())?
                .fix(fix.as_str());
            if drift.is_clean() {
                println!("{drift}");
            } else {
                eprintln!("{drift}");
                clean = false;
            }
        } else {
            let written = generated.write_to(&job.out).map_err(|e| e.to_string())?;
            if verbose {
                println!("{written:#}");
            } else {
                println!("{written}");
            }
            for path in &written.left_alone {
                eprintln!(
                    "warning: {} is not generated; left alone",
                    job.out.join(path).display()
                );
            }
        }
    }
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn ir(args: &[String]) -> Result<ExitCode, String> {
    let spec_path = match args {
        [] => Job::default_for(&repo_root()).spec,
        [flag, path] if flag == "--spec" => PathBuf::from(path),
        _ => return Err(format!("unexpected arguments\n{}", help::usage())),
    };
    let spec = opengen::load::load(&spec_path).map_err(|e| e.to_string())?;
    let config = opengen::Config::beside(&spec_path).map_err(|e| report(&e))?;
    let api =
        opengen::configured_api(&spec, &config).map_err(|e| report(&e.in_file(&spec_path)))?;
    println!("{api:#?}");
    Ok(ExitCode::SUCCESS)
}

/// `__parse SPEC`: read and parse the document, nothing else. The benchmark's floor.
fn parse_only(args: &[String]) -> Result<ExitCode, String> {
    let [spec] = args else {
        return Err("usage: xtask __parse SPEC".to_owned());
    };
    let spec = opengen::load::load(std::path::Path::new(spec)).map_err(|e| e.to_string())?;
    println!("parsed {} paths", spec.document.paths.paths.len());
    Ok(ExitCode::SUCCESS)
}

/// `__stages RUNS SPEC...`: the in-process per-stage table of BENCHMARKS.md.
fn stages(args: &[String]) -> Result<ExitCode, String> {
    let [runs, specs @ ..] = args else {
        return Err("usage: xtask __stages RUNS SPEC...".to_owned());
    };
    let runs = runs
        .parse()
        .map_err(|_| "RUNS must be a number".to_owned())?;
    let specs: Vec<&std::path::Path> = specs.iter().map(std::path::Path::new).collect();
    println!("{}", xtask::bench::stages::run(&specs, runs)?);
    Ok(ExitCode::SUCCESS)
}
