//! `cargo xtask`: the repository's tasks.
//!
//! ```text
//! cargo xtask codegen [--check] [--strict]                        regenerate generated/ from spec/faxplus.yaml
//! cargo xtask codegen --spec PATH --out DIR [--name CRATE] [--examples DIR] [--check] [--strict]
//! cargo xtask ir [--spec PATH]                           print the IR, for debugging
//! cargo xtask corpus [--dir DIR] [--only NAME]           generate and `cargo clippy -D warnings` every corpus spec
//! cargo xtask conformance [--ci] [--only NAME] [--spec PATH]...   call every operation against Prism
//! cargo xtask bench [--runs N] [--spec PATH]... ...      measure against the peers; writes BENCHMARKS.md
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{Job, repo_root};

const USAGE: &str = "usage:
  cargo xtask codegen [--check] [--strict]
  cargo xtask codegen --spec PATH --out DIR [--name CRATE] [--examples DIR] [--check] [--strict]
  cargo xtask ir [--spec PATH]
  cargo xtask corpus [--dir DIR] [--only NAME]
  cargo xtask conformance [--ci] [--only NAME] [--spec PATH]...
  cargo xtask bench [--runs N] [--check-runs N] [--spec PATH]... [--no-check] [--no-overhead] [--print]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(format!("unknown or missing task\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
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
    custom: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let root = repo_root();
    let mut job = Job::default_for(&root);
    let (mut spec, mut out, mut name, mut examples) = (None, None, None, None);
    let (mut check, mut strict) = (false, false);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--check" => check = true,
            "--strict" => strict = true,
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--name" => name = Some(value("--name")?),
            "--examples" => examples = Some(PathBuf::from(value("--examples")?)),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let custom = spec.is_some() || out.is_some();
    if custom {
        job.spec = spec.ok_or_else(|| format!("--out needs --spec\n{USAGE}"))?;
        job.out = out.ok_or_else(|| format!("--spec needs --out\n{USAGE}"))?;
        job.examples = examples;
        job.crate_name = match name {
            Some(name) => name,
            None => xtask::corpus::crate_name_for(&job.spec),
        };
    } else if name.is_some() || examples.is_some() {
        return Err(format!(
            "--name and --examples go with --spec and --out\n{USAGE}"
        ));
    }
    let jobs = if custom {
        vec![job]
    } else {
        Job::all_for(&root)
    };
    Ok(Args {
        jobs,
        check,
        strict,
        custom,
    })
}

fn codegen(args: &[String]) -> Result<ExitCode, String> {
    let Args {
        jobs,
        check,
        strict,
        custom,
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
        outputs.push((job, generated.files));
    }
    let mut clean = true;
    for (job, files) in &outputs {
        let fix = if custom {
            format!(
                "cargo xtask codegen --spec {} --out {} --name {}",
                job.spec.display(),
                job.out.display(),
                job.crate_name
            )
        } else {
            "cargo xtask codegen".to_owned()
        };
        if check {
            clean &= report_drift(job, files, &fix)?;
        } else {
            write(job, files)?;
        }
    }
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Prints the drift of one job; returns whether there was none.
fn report_drift(
    job: &Job,
    files: &std::collections::BTreeMap<String, String>,
    fix: &str,
) -> Result<bool, String> {
    let drift = opengen::write::check(&job.out, files).map_err(|e| e.to_string())?;
    if drift.is_empty() {
        println!(
            "{} is up to date ({} files)",
            job.out.display(),
            files.len()
        );
        return Ok(true);
    }
    eprintln!(
        "{} is out of date with its spec ({} files differ):",
        job.out.display(),
        drift.len()
    );
    for item in &drift {
        eprintln!("{item}");
    }
    eprintln!("fix: run `{fix}` and commit the result");
    Ok(false)
}

fn write(job: &Job, files: &std::collections::BTreeMap<String, String>) -> Result<(), String> {
    let report = opengen::write::write(&job.out, files).map_err(|e| e.to_string())?;
    for path in &report.written {
        println!("wrote {}", job.out.join(path).display());
    }
    for path in &report.removed {
        println!("removed stale {}", job.out.join(path).display());
    }
    for path in &report.left_alone {
        eprintln!(
            "warning: {} is not generated; left alone",
            job.out.join(path).display()
        );
    }
    if report.written.is_empty() && report.removed.is_empty() {
        println!(
            "{} is up to date ({} files)",
            job.out.display(),
            files.len()
        );
    }
    Ok(())
}

fn ir(args: &[String]) -> Result<ExitCode, String> {
    let spec_path = match args {
        [] => Job::default_for(&repo_root()).spec,
        [flag, path] if flag == "--spec" => PathBuf::from(path),
        _ => return Err(format!("unexpected arguments\n{USAGE}")),
    };
    let spec = opengen::load::load(&spec_path).map_err(|e| e.to_string())?;
    let config = opengen::Config::beside(&spec_path).map_err(|e| report(&e))?;
    let api = opengen::lower::lower(&spec, &config).map_err(|e| report(&e.in_file(&spec_path)))?;
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
