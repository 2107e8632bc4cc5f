//! `cargo xtask --help` and each task's `--help` (a module of the binary, not of the library).

/// One task: its name, what it does in a line, and its help after the summary.
struct Task {
    name: &'static str,
    summary: &'static str,
    usage: &'static [&'static str],
    options: &'static str,
}

const TASKS: &[Task] = &[
    Task {
        name: "codegen",
        summary: "regenerate the committed crates from their specs, or one crate from any spec",
        usage: &[
            "cargo xtask codegen [--check] [--strict] [-v]",
            "cargo xtask codegen --spec PATH --out DIR [--name CRATE] [--config FILE] [--root-dir DIR] [--examples DIR] [--check] [--strict] [-v]",
        ],
        options:
            "Without --spec and --out, every committed crate: generated/ from spec/faxplus.yaml,
client-tests/generated/* from spec/fixtures/, examples/workflow/client/ from its spec. Each
spec's opengen.toml (beside it) is its configuration. Nothing is written unless every spec
generates.

options:
  --check          write nothing; exit 1 with the differences and the fix when a crate is out
                   of date
  --strict         every warning (an operation skipped, a construct left out) is an error
  -v, --verbose    list every file written or removed (else one line per crate)
  --spec PATH      the OpenAPI document of a one-off run (with --out)
  --out DIR        the crate folder of a one-off run (with --spec)
  --name CRATE     the package name (default: from the spec's file name)
  --config FILE    the configuration (default: opengen.toml beside the spec, when there is one)
  --root-dir DIR   the folder the spec's $refs may read files in (default: the spec's folder);
                   a folder holding it, for references to sibling folders (`../common/…`)
  --examples DIR   hand-written example programs (*.rs) to include under examples/",
    },
    Task {
        name: "ir",
        summary: "print a spec's intermediate representation, for debugging",
        usage: &["cargo xtask ir [--spec PATH]"],
        options: "options:
  --spec PATH   the OpenAPI document (default: spec/faxplus.yaml)",
    },
    Task {
        name: "corpus",
        summary: "generate every spec of a folder and `cargo clippy -D warnings` each crate",
        usage: &["cargo xtask corpus [--dir DIR] [--only NAME] [--features-each]"],
        options:
            "The crates go to target/corpus/; a table of what passed is printed. A crate with a
Cargo feature per group of operations is also linted with no features, and with its first,
middle and last feature alone.

options:
  --dir DIR          the folder of specs (default: spec/corpus)
  --only NAME        only the specs whose path contains NAME
  --features-each    lint every feature of a split crate alone, not only three",
    },
    Task {
        name: "conformance",
        summary: "call every operation of the specs' clients against Prism and check each",
        usage: &["cargo xtask conformance [--ci] [--only NAME] [--spec PATH]..."],
        options: "Installs Prism from npm into target/ itself.

options:
  --ci          the repository's own specs only (what CI runs)
  --only NAME   only the specs whose path contains NAME
  --spec PATH   this spec (repeatable) instead of the default set",
    },
    Task {
        name: "bench",
        summary: "measure against the peers; writes BENCHMARKS.md",
        usage: &[
            "cargo xtask bench [--runs N] [--check-runs N] [--spec PATH]... [--feature SPEC=FEATURE]... [--no-check] [--no-overhead] [--no-features-bench] [--no-peers] [--no-instructions] [--print]",
        ],
        options: "options:
  --runs N                  timed codegen runs per tool and spec
  --check-runs N            timed `cargo check` runs per generated crate
  --spec PATH               this spec (repeatable) instead of the default set
  --feature SPEC=FEATURE    `cargo check` our crate for SPEC with FEATURE alone against its
                            default features (repeatable; default: stripe.yaml=customers and
                            github-rest.json=repos, those whose spec is among the --spec options
                            when there are some)
  --no-check                skip `cargo check` of the generated crates (the slowest part; not
                            the features' checks)
  --no-overhead             skip the request-overhead measurement
  --no-features-bench       skip the one-feature checks
  --no-peers                ours against the floor alone, no peer installed or run (with
                            --print: a quick look at a change)
  --no-instructions         skip counting instructions under callgrind (the floor's and our
                            codegen's, and one check of each crate of the specs whose crates
                            all check in 2 s or less)
  --print                   print the report instead of writing BENCHMARKS.md",
    },
];

/// Every task's usage lines, for error messages.
pub(crate) fn usage() -> String {
    let mut text = "usage:".to_owned();
    for task in TASKS {
        for line in task.usage {
            text.push_str("\n  ");
            text.push_str(line);
        }
    }
    text.push_str("\n  cargo xtask help [TASK]   (or TASK --help)");
    text
}

/// `cargo xtask --help`: every task in a line, then the usage.
pub(crate) fn overview() -> String {
    let mut text = "cargo xtask: the repository's tasks\n\ntasks:".to_owned();
    for task in TASKS {
        text.push_str(&format!("\n  {:<12} {}", task.name, task.summary));
    }
    text.push_str("\n\n");
    text.push_str(&usage());
    text
}

/// One task's help, or `None` for a task that has none.
pub(crate) fn task(name: &str) -> Option<String> {
    let task = TASKS.iter().find(|t| t.name == name)?;
    let mut text = format!("cargo xtask {}: {}\n\nusage:", task.name, task.summary);
    for line in task.usage {
        text.push_str("\n  ");
        text.push_str(line);
    }
    text.push_str("\n\n");
    text.push_str(task.options);
    Some(text)
}

/// Whether `args` (after the task name) ask for help.
pub(crate) fn asked(args: &[String]) -> bool {
    args.iter().any(|a| a == "-h" || a == "--help")
}
