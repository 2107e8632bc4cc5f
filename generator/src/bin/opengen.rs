//! `opengen`: the generator as a command, for projects that do not write their own xtask.
//!
//! ```text
//! opengen generate --spec PATH --out DIR [--name CRATE] [--config FILE] [--root-dir DIR] [--strict] [-v]
//! opengen check    --spec PATH --out DIR [--name CRATE] [--config FILE] [--root-dir DIR] [--strict]
//! ```
//!
//! Arguments are parsed by hand: the generator package's dependencies are also those of every
//! project that uses it as a library.

use std::path::PathBuf;
use std::process::ExitCode;

use opengen::{Errors, Options};

/// Generating a large client allocates and frees millions of small token and syntax-tree nodes;
/// mimalloc does that markedly faster than the system allocator (feature `mimalloc`, default).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: opengen::allocator::MiMalloc = opengen::allocator::MiMalloc;

const ABOUT: &str = "opengen: a typed async Rust client crate from an OpenAPI (3.0, 3.1 or 3.2) or Swagger 2.0 description";

const OPTIONS: &str = "options:
  --spec PATH    the OpenAPI document (YAML or JSON; local files it refers to are read too)
  --out DIR      the crate folder; the generator owns it (files it did not make are reported)
  --name CRATE   the package name (default: from the spec's file name; package.name in the
                 configuration wins)
  --config FILE  the configuration (default: opengen.toml beside the spec, when there is one)
  --root-dir DIR the folder the spec's references may read files in (default: the spec's
                 folder); a folder holding it, for references to sibling folders (`../common/…`)
  --strict       every warning (an operation skipped, a construct left out) is an error
  -v, --verbose  list every file written or removed (generate)
  -h, --help     print this help
  -V, --version  print the version

exit status: 0 done (or up to date); 1 errors in the spec or the configuration, or check found
differences; 2 bad arguments";

fn main() -> ExitCode {
    #[cfg(feature = "mimalloc")]
    opengen::allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help(topic)) => {
            println!("{}", help(topic));
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("{}", opengen::emit::GENERATOR);
            ExitCode::SUCCESS
        }
        Ok(Command::Run(run)) => run.run(),
        Err(message) => {
            eprintln!("error: {message}\n\n{}\n\nmore: opengen --help", usage());
            ExitCode::from(2)
        }
    }
}

/// What the arguments ask for.
#[derive(Debug, PartialEq)]
enum Command {
    Help(Option<Mode>),
    Version,
    Run(Run),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Generate,
    Check,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Generate => "generate",
            Mode::Check => "check",
        }
    }

    fn usage(self) -> &'static str {
        match self {
            Mode::Generate => {
                "opengen generate --spec PATH --out DIR [--name CRATE] [--config FILE] [--root-dir DIR] [--strict] [-v]"
            }
            Mode::Check => {
                "opengen check --spec PATH --out DIR [--name CRATE] [--config FILE] [--root-dir DIR] [--strict]"
            }
        }
    }

    fn about(self) -> &'static str {
        match self {
            Mode::Generate => {
                "write the client crate into DIR; only files that changed are touched"
            }
            Mode::Check => {
                "write nothing; exit 1 with the differences and the fix when DIR is out of date"
            }
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "generate" => Some(Mode::Generate),
            "check" => Some(Mode::Check),
            _ => None,
        }
    }
}

/// One `generate` or `check`.
#[derive(Debug, PartialEq)]
struct Run {
    mode: Mode,
    spec: PathBuf,
    out: PathBuf,
    name: Option<String>,
    config: Option<PathBuf>,
    root_dir: Option<PathBuf>,
    strict: bool,
    verbose: bool,
}

const MODES: [Mode; 2] = [Mode::Generate, Mode::Check];

fn usage() -> String {
    let mut text = "usage:".to_owned();
    for mode in MODES {
        text.push_str(&format!("\n  {}", mode.usage()));
    }
    text.push_str("\n  opengen help [COMMAND]\n  opengen --version");
    text
}

fn help(topic: Option<Mode>) -> String {
    match topic {
        None => {
            let commands: Vec<String> = MODES
                .iter()
                .map(|m| format!("  {:<9} {}", m.name(), m.about()))
                .collect();
            format!(
                "{ABOUT}\n\n{}\n\ncommands:\n{}\n\n{OPTIONS}",
                usage(),
                commands.join("\n")
            )
        }
        Some(mode) => format!("usage: {}\n\n{}.\n\n{OPTIONS}", mode.usage(), mode.about()),
    }
}

fn parse(args: &[String]) -> Result<Command, String> {
    let wants_help = |rest: &[String]| rest.iter().any(|a| a == "-h" || a == "--help");
    let Some(first) = args.first() else {
        return Err("no command given".to_owned());
    };
    match first.as_str() {
        "-h" | "--help" => Ok(Command::Help(None)),
        "-V" | "--version" => Ok(Command::Version),
        "help" => match args.get(1..).unwrap_or_default() {
            [] => Ok(Command::Help(None)),
            [topic] => Mode::from_name(topic)
                .map(|mode| Command::Help(Some(mode)))
                .ok_or_else(|| {
                    format!("no help for `{topic}`: the commands are generate and check")
                }),
            _ => Err("help takes at most one command".to_owned()),
        },
        name => {
            let mode = Mode::from_name(name).ok_or_else(|| format!("unknown command `{name}`"))?;
            let rest = &args[1..];
            if wants_help(rest) {
                return Ok(Command::Help(Some(mode)));
            }
            parse_run(mode, rest).map(Command::Run)
        }
    }
}

fn parse_run(mode: Mode, args: &[String]) -> Result<Run, String> {
    let (mut spec, mut out, mut name, mut config, mut root_dir) = (None, None, None, None, None);
    let (mut strict, mut verbose) = (false, false);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| iter.next().cloned())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag {
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--name" => name = Some(value()?),
            "--config" => config = Some(PathBuf::from(value()?)),
            "--root-dir" => root_dir = Some(PathBuf::from(value()?)),
            "--strict" if inline.is_none() => strict = true,
            "-v" | "--verbose" if inline.is_none() => verbose = true,
            _ => return Err(format!("unknown argument `{arg}` for {}", mode.name())),
        }
    }
    Ok(Run {
        mode,
        spec: spec.ok_or_else(|| format!("{} needs --spec PATH", mode.name()))?,
        out: out.ok_or_else(|| format!("{} needs --out DIR", mode.name()))?,
        name,
        config,
        root_dir,
        strict,
        verbose,
    })
}

impl Run {
    fn run(&self) -> ExitCode {
        match self
            .generate()
            .and_then(|generated| self.finish(&generated))
        {
            Ok(code) => code,
            Err(lines) => {
                for line in lines {
                    eprintln!("error: {line}");
                }
                ExitCode::FAILURE
            }
        }
    }

    /// Every file, in memory (nothing is written when anything fails); warnings are printed.
    fn generate(&self) -> Result<opengen::Generated, Vec<String>> {
        let lines = |e: Errors| e.lines().collect::<Vec<_>>();
        let name = match &self.name {
            Some(name) => name.clone(),
            None => opengen::workflow::crate_name_for(&self.spec),
        };
        let mut options = match &self.config {
            Some(path) => Options::new(name).config_file(path),
            None => Options::new(name).config_beside(&self.spec),
        }
        .map_err(lines)?;
        options.root_dir.clone_from(&self.root_dir);
        let mut generated = opengen::generate(&self.spec, &options).map_err(lines)?;
        if self.strict {
            generated = generated
                .strict()
                .map_err(|e| lines(e.in_file(&self.spec)))?;
        }
        for warning in &generated.warnings {
            eprintln!(
                "warning: {}: {}: {}",
                self.spec.display(),
                warning.pointer,
                warning.message
            );
        }
        Ok(generated)
    }

    fn finish(&self, generated: &opengen::Generated) -> Result<ExitCode, Vec<String>> {
        let io = |e: opengen::Error| vec![e.to_string()];
        match self.mode {
            Mode::Generate => {
                let report = generated.write_to(&self.out).map_err(io)?;
                if self.verbose {
                    println!("{report:#}");
                } else {
                    println!("{report}");
                }
                for path in &report.left_alone {
                    eprintln!(
                        "warning: {} is not generated; left alone",
                        self.out.join(path).display()
                    );
                }
                Ok(ExitCode::SUCCESS)
            }
            Mode::Check => {
                let report = generated
                    .check(&self.out)
                    .map_err(io)?
                    .fix(self.fix_command());
                if report.is_clean() {
                    println!("{report}");
                    Ok(ExitCode::SUCCESS)
                } else {
                    eprintln!("{report}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }

    /// The `generate` command that brings the folder up to date: this one's arguments.
    fn fix_command(&self) -> String {
        let mut command = format!(
            "opengen generate --spec {} --out {}",
            quoted(&self.spec.display().to_string()),
            quoted(&self.out.display().to_string())
        );
        if let Some(name) = &self.name {
            command.push_str(&format!(" --name {}", quoted(name)));
        }
        if let Some(config) = &self.config {
            command.push_str(&format!(
                " --config {}",
                quoted(&config.display().to_string())
            ));
        }
        if let Some(root_dir) = &self.root_dir {
            command.push_str(&format!(
                " --root-dir {}",
                quoted(&root_dir.display().to_string())
            ));
        }
        if self.strict {
            command.push_str(" --strict");
        }
        command
    }
}

/// `text` as one shell word.
fn quoted(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn flags_take_their_value_after_a_space_or_an_equals_sign() {
        let Ok(Command::Run(run)) = parse(&args("check --spec=a.yaml --out b --strict")) else {
            panic!("not a run");
        };
        assert_eq!(
            (run.mode, run.spec, run.out),
            (Mode::Check, "a.yaml".into(), "b".into())
        );
        assert!(run.strict && !run.verbose && run.name.is_none() && run.root_dir.is_none());
        let Ok(Command::Run(run)) = parse(&args("generate --spec a/b.yaml --out c --root-dir=.."))
        else {
            panic!("not a run");
        };
        assert_eq!(run.root_dir, Some("..".into()));
        assert!(parse(&args("generate --spec= --out b")).is_err());
        assert!(parse(&args("generate --spec a --out b --strict=1")).is_err());
    }

    #[test]
    fn the_fix_repeats_the_arguments_as_shell_words() {
        let run = Run {
            mode: Mode::Check,
            spec: "my specs/api.yaml".into(),
            out: "client".into(),
            name: Some("pets".into()),
            config: Some("it's.toml".into()),
            root_dir: Some("..".into()),
            strict: true,
            verbose: false,
        };
        assert_eq!(
            run.fix_command(),
            r"opengen generate --spec 'my specs/api.yaml' --out client --name pets --config 'it'\''s.toml' --root-dir .. --strict"
        );
    }
}
