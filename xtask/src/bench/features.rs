//! `cargo xtask bench`'s "Compiling one feature": our crate for a spec that is split into Cargo
//! features (one per group of operations), `cargo check`ed with its dependencies built, once
//! with the default features (`full`, every operation) and once with one feature alone
//! (`--no-default-features --features FEATURE`): what a user of one area of a large API pays.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::peers::{Installed, Tool};
use super::process::{self, Usage};
use super::size::{self, Check, CheckOptions};

/// The pairs measured by default, when their spec is there (and among the `--spec` options, when
/// there are some): Stripe's customers (47 of 468 operations; Stripe has no tags, so its groups
/// are first path segments) and GitHub's largest tag, repos (159 of 767 operations).
pub const DEFAULT_PAIRS: [(&str, &str); 2] = [
    ("spec/corpus/real/stripe.yaml", "customers"),
    ("spec/corpus/real/github-rest.json", "repos"),
];

/// One spec and one of its crate's features, as `--feature SPEC=FEATURE` gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// The feature of its generated crate to build alone.
    pub feature: String,
}

impl Pair {
    /// Reads `SPEC=FEATURE` (split at the last `=`, so a path may hold one).
    pub fn parse(text: &str) -> Result<Self, String> {
        let usage = || {
            format!(
                "--feature needs SPEC=FEATURE, got `{text}`\n{}",
                super::USAGE
            )
        };
        let (spec, feature) = text.rsplit_once('=').ok_or_else(usage)?;
        if spec.is_empty() || feature.is_empty() || feature.contains(char::is_whitespace) {
            return Err(usage());
        }
        Ok(Self {
            spec: PathBuf::from(spec),
            feature: feature.to_owned(),
        })
    }
}

/// The pairs to measure. `explicit` (the `--feature` options) are measured as given; without
/// them, the [`DEFAULT_PAIRS`] whose spec exists. When `--spec` options were given (`given`),
/// only pairs whose spec is among them: a default pair that is not is left out (so CI's one run
/// on `spec/faxplus.yaml` measures none), an explicit one is an error.
pub fn select(
    root: &Path,
    explicit: Vec<Pair>,
    given: Option<&[PathBuf]>,
) -> Result<Vec<Pair>, String> {
    let among = |spec: &Path| given.is_none_or(|specs| specs.iter().any(|s| same_file(s, spec)));
    if explicit.is_empty() {
        return Ok(DEFAULT_PAIRS
            .iter()
            .map(|(spec, feature)| Pair {
                spec: root.join(spec),
                feature: (*feature).to_owned(),
            })
            .filter(|pair| pair.spec.is_file() && among(&pair.spec))
            .collect());
    }
    for pair in &explicit {
        if !pair.spec.is_file() {
            return Err(format!("no spec at {}", pair.spec.display()));
        }
        if !among(&pair.spec) {
            return Err(format!(
                "--feature {}={}: its spec is not among the --spec options",
                pair.spec.display(),
                pair.feature
            ));
        }
    }
    Ok(explicit)
}

/// Whether two paths name the same file (as written, else once resolved).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (a.canonicalize(), b.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        )
}

/// `cargo check` of one build: how it went, and the peak resident memory and CPU time of cargo
/// and rustc.
pub type Side = (Check, Option<Usage>);

/// One pair, measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// The spec's file name.
    pub file: String,
    /// The feature built alone.
    pub feature: String,
    /// Operations under the feature, and in the whole crate (from its manifest).
    pub operations: Option<(usize, usize)>,
    /// With the default features (`full`).
    pub full: Option<Side>,
    /// With the feature alone.
    pub one: Option<Side>,
    /// Why nothing was checked (no crate generated, no such feature).
    pub failure: Option<String>,
}

/// Generates the crate for `pair.spec` into `bench_dir/features/`, then checks it with the
/// default features and with `pair.feature` alone (`runs` timed runs each, in the target folder
/// our crates share with the "Generated code" checks, so the dependencies are built once).
pub fn measure(
    installed: &Installed,
    pair: &Pair,
    bench_dir: &Path,
    runs: usize,
) -> Result<Measured, String> {
    let mut measured = Measured {
        file: pair
            .spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        feature: pair.feature.clone(),
        ..Measured::default()
    };
    eprintln!(
        "bench: cargo check our {} crate, full and with --features {} alone",
        measured.file, pair.feature
    );
    let name = super::crate_name(&pair.spec);
    let out = bench_dir.join("features").join(&name);
    super::remove(&out)?;
    let mut command = installed
        .command(Tool::Ours, &pair.spec, &out, &name)
        .ok_or("internal: no command for our generator")?;
    let run = process::run(&mut command)?;
    let manifest = out.join("Cargo.toml");
    if !run.ok || !manifest.is_file() {
        measured.failure = Some(format!("generation failed: {}", run.last_line));
        return Ok(measured);
    }
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let features = manifest_features(&text);
    let Some((_, count)) = features.iter().find(|(f, _)| *f == pair.feature) else {
        measured.failure = Some(if features.is_empty() {
            "the crate is not split into features".to_owned()
        } else {
            let names: Vec<&str> = features.iter().map(|(f, _)| f.as_str()).collect();
            format!(
                "the crate has no feature `{}` (it has {})",
                pair.feature,
                names.join(", ")
            )
        });
        return Ok(measured);
    };
    measured.operations = count.map(|count| (count, features.iter().filter_map(|f| f.1).sum()));
    let target = bench_dir.join("check-target").join(Tool::Ours.name());
    let peak_rss_with = Some(installed.ours.as_path());
    let full = CheckOptions {
        args: &[],
        peak_rss_with,
    };
    measured.full = Some(size::check_with(&out, &target, runs, full)?);
    let args = [
        "--no-default-features".to_owned(),
        "--features".to_owned(),
        pair.feature.clone(),
    ];
    let one = CheckOptions {
        args: &args,
        peak_rss_with,
    };
    measured.one = Some(size::check_with(&out, &target, runs, one)?);
    Ok(measured)
}

/// The features a generated manifest declares besides `default` and `full`, in order, each with
/// the number of operations it gates when the comment the generator writes after it says so
/// (`customers = [] # 47 operations: untagged, path segment `customers``).
fn manifest_features(manifest: &str) -> Vec<(String, Option<usize>)> {
    let mut features = Vec::new();
    let mut inside = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') && line.ends_with(']') && !line.contains('=') {
            inside = line == "[features]";
            continue;
        }
        if !inside || line.starts_with(['#', '"', ']']) {
            continue;
        }
        let Some((name, rest)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        if name.is_empty() || name == "default" || name == "full" {
            continue;
        }
        let count = rest.split_once('#').and_then(|(_, comment)| {
            let mut words = comment.split_whitespace();
            let count = words.next()?.parse().ok()?;
            words
                .next()
                .filter(|w| w.starts_with("operation"))
                .map(|_| count)
        });
        features.push((name.to_owned(), count));
    }
    features
}

/// The "Compiling one feature" section, its failures added to `notes` as footnotes.
pub(super) fn render(out: &mut String, notes: &mut Vec<String>, results: &[Measured]) {
    if results.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n### Compiling one feature\n\nOur crate for a spec split into Cargo features (one per tag, else per first path segment), `cargo check`ed with its dependencies built (touching its sources, incremental compilation off, so the crate is checked from scratch; median, s): with the default features (`full`: every operation) and with `--no-default-features --features FEATURE` alone. `ops` counts the feature's operations and the crate's. `CPU s` is the user and system time of cargo and rustc (median), steadier than the wall time when the machine is shared; `peak MiB` is their largest resident set over the timed runs.\n"
    );
    let _ = writeln!(
        out,
        "| spec | feature | ops | full s | feature s | full/feature | full CPU s | feature CPU s | CPU full/feature | full peak MiB | feature peak MiB |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let ratio = |full: Option<Duration>, one: Option<Duration>| match (full, one) {
        (Some(full), Some(one)) => super::ratio(full, one),
        _ => "-".to_owned(),
    };
    let cpu = |usage: Option<Usage>| usage.map(|u| u.cpu);
    let seconds =
        |time: Option<Duration>| time.map_or("-".to_owned(), |d| format!("{:.2}", d.as_secs_f64()));
    let peak = |usage: Option<Usage>| usage.map_or("-".to_owned(), |u| super::mib(u.peak_kib));
    for r in results {
        let ops = r
            .operations
            .map_or("-".to_owned(), |(one, all)| format!("{one} of {all}"));
        // The time cell (or a footnote when the build fails), the time and what the kernel counted.
        let mut cell = |side: &Option<Side>, build: &str| match side {
            None => ("-".to_owned(), None, None),
            Some((Check::Compiles(d), usage)) => (seconds(Some(*d)), Some(*d), *usage),
            Some((Check::Fails(count, first), _)) => (
                super::failed(
                    notes,
                    Tool::Ours,
                    &r.file,
                    &format!("does not compile {build} ({count} errors), first: {first}"),
                ),
                None,
                None,
            ),
        };
        let (full, full_time, full_usage) = cell(&r.full, "with its default features");
        let (one, one_time, one_usage) = cell(&r.one, &format!("with `{}` alone", r.feature));
        let full = match &r.failure {
            Some(why) => super::failed(notes, Tool::Ours, &r.file, why),
            None => full,
        };
        let _ = writeln!(
            out,
            "| {} | {} | {ops} | {full} | {one} | {} | {} | {} | {} | {} | {} |",
            r.file,
            r.feature,
            ratio(full_time, one_time),
            seconds(cpu(full_usage)),
            seconds(cpu(one_usage)),
            ratio(cpu(full_usage), cpu(one_usage)),
            peak(full_usage),
            peak(one_usage),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_split_at_its_last_equals_sign() {
        assert_eq!(
            Pair::parse("spec/a=b.yaml=customers"),
            Ok(Pair {
                spec: PathBuf::from("spec/a=b.yaml"),
                feature: "customers".to_owned()
            })
        );
        for bad in ["stripe.yaml", "stripe.yaml=", "=customers", "s.yaml=a b"] {
            assert!(Pair::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pairs_follow_the_specs_asked_for() {
        let root = crate::repo_root();
        let stripe = root.join(DEFAULT_PAIRS[0].0);
        let github = root.join(DEFAULT_PAIRS[1].0);
        let faxplus = root.join("spec/faxplus.yaml");
        let defaults = select(&root, Vec::new(), None);
        assert_eq!(
            defaults.map(|p| p.len()),
            Ok(2),
            "both default specs are in the repository"
        );
        let ci = select(&root, Vec::new(), Some(&[faxplus.clone()][..]));
        assert_eq!(ci, Ok(Vec::new()), "CI's run on Fax.Plus measures none");
        let only = select(
            &root,
            Vec::new(),
            Some(&[faxplus.clone(), github.clone()][..]),
        );
        assert!(only.is_ok_and(|p| p.len() == 1 && p[0].spec == github && p[0].feature == "repos"));
        let issues = Pair {
            spec: github.clone(),
            feature: "issues".to_owned(),
        };
        let explicit = select(&root, vec![issues.clone()], None);
        assert_eq!(explicit, Ok(vec![issues.clone()]));
        assert!(
            select(&root, vec![issues], Some(&[stripe][..])).is_err(),
            "an explicit pair whose spec is not measured"
        );
        let missing = Pair {
            spec: root.join("spec/no-such.yaml"),
            feature: "x".to_owned(),
        };
        assert!(select(&root, vec![missing], None).is_err());
    }

    #[test]
    fn features_and_their_operations_are_read_from_the_manifest() {
        let manifest = "[package]\nname = \"stripe\"\n\n[dependencies]\nserde = \"1\"\n\n# A feature per group\n[features]\ndefault = [\"full\"]\nfull = [\n    \"account\",\n    \"customers\",\n]\naccount = [] # 1 operation: untagged, path segment `account`\ncustomers = [] # 47 operations: untagged, path segment `customers`\nodd = []\n\n[workspace]\n";
        assert_eq!(
            manifest_features(manifest),
            vec![
                ("account".to_owned(), Some(1)),
                ("customers".to_owned(), Some(47)),
                ("odd".to_owned(), None),
            ]
        );
        assert!(manifest_features("[package]\nname = \"faxplus\"\n").is_empty());
    }

    #[test]
    fn the_table_gives_both_times_their_ratio_and_failures_as_notes() {
        let seconds = Duration::from_secs_f64;
        let usage = |cpu: f64, mib: u64| Usage {
            peak_kib: mib * 1024,
            cpu: seconds(cpu),
        };
        let stripe = Measured {
            file: "stripe.yaml".to_owned(),
            feature: "customers".to_owned(),
            operations: Some((47, 468)),
            full: Some((Check::Compiles(seconds(25.0)), Some(usage(20.0, 2048)))),
            one: Some((Check::Compiles(seconds(2.5)), Some(usage(5.0, 512)))),
            failure: None,
        };
        let broken = Measured {
            file: "github-rest.json".to_owned(),
            feature: "repos".to_owned(),
            operations: Some((159, 767)),
            full: Some((Check::Compiles(seconds(8.0)), None)),
            one: Some((Check::Fails(2, "src/types.rs:1:1: error".to_owned()), None)),
            failure: None,
        };
        let absent = Measured {
            file: "box.json".to_owned(),
            feature: "files".to_owned(),
            failure: Some("the crate is not split into features".to_owned()),
            ..Measured::default()
        };
        let mut out = String::new();
        let mut notes = vec!["an earlier note".to_owned()];
        render(&mut out, &mut notes, &[stripe, broken, absent]);
        assert!(out.contains("### Compiling one feature"));
        assert!(
            out.contains(
                "| stripe.yaml | customers | 47 of 468 | 25.00 | 2.50 | 10.00× | 20.00 | 5.00 | 4.00× | 2048 | 512 |"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "| github-rest.json | repos | 159 of 767 | 8.00 | fails[^2] | - | - | - | - | - | - |"
            ),
            "{out}"
        );
        assert!(
            out.contains("| box.json | files | - | fails[^3] | - | - | - | - | - | - | - |"),
            "{out}"
        );
        assert_eq!(notes.len(), 3);
        assert!(notes[1].contains("with `repos` alone (2 errors)"));
        let mut empty = String::new();
        render(&mut empty, &mut notes, &[]);
        assert!(empty.is_empty(), "no section when nothing was measured");
    }
}
