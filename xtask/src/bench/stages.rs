//! `cargo xtask bench`: how long each stage takes on real specs, and how the YAML path compares
//! with its peer in the same run (the same document parsed as JSON). Timings go here and in
//! BENCHMARKS.md, never into test assertions.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use opengen::Options;

/// The median of `runs` timings of `work`.
fn median<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(work());
        times.push(started.elapsed());
    }
    times.sort();
    let middle = times.get(times.len() / 2).copied().unwrap_or_default();
    match last {
        Some(value) => (middle, value),
        None => (middle, work()),
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}

/// Runs the benchmark over `specs` and returns a Markdown report.
pub fn run(specs: &[&Path], runs: usize) -> Result<String, String> {
    let mut out = String::new();
    let profile = if cfg!(debug_assertions) {
        "debug (use `cargo run --release -p xtask -- bench` for real numbers)"
    } else {
        "release"
    };
    let _ = writeln!(
        out,
        "Build: {profile}; median of {runs} runs; times in ms.\n"
    );
    let _ = writeln!(
        out,
        "| spec | size KiB | load | lower | emit | total | same document as JSON: load | YAML/JSON |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    );
    for spec in specs {
        let bytes = std::fs::read(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
        let (load, loaded) = median(runs, || opengen::load::parse(spec, &bytes));
        let loaded = loaded.map_err(|e| e.to_string())?;
        let (lower, api) = median(runs, || {
            opengen::lower::lower(&loaded, &opengen::Config::default())
        });
        let api = api.map_err(|e| e.to_string())?;
        let options = Options::new("bench");
        let (emit, files) = median(runs, || opengen::emit::emit(&api, &loaded.sha256, &options));
        files.map_err(|e| e.to_string())?;
        let is_yaml = spec.extension().is_none_or(|e| e != "json");
        let peer = if is_yaml {
            // The peer: the very same document, as JSON, through the same loader.
            let value: serde_json::Value = serde_json::to_value(&loaded.document)
                .map_err(|e| format!("{}: {e}", spec.display()))?;
            let json = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
            let as_json = spec.with_extension("json");
            let (peer, parsed) = median(runs, || opengen::load::parse(&as_json, &json));
            parsed.map_err(|e| e.to_string())?;
            Some(peer)
        } else {
            None
        };
        let name = spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (peer_ms, ratio) = match peer {
            Some(peer) => (
                ms(peer),
                format!("{:.1}×", load.as_secs_f64() / peer.as_secs_f64().max(1e-9)),
            ),
            None => ("-".to_owned(), "-".to_owned()),
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {peer_ms} | {ratio} |",
            bytes.len() / 1024,
            ms(load),
            ms(lower),
            ms(emit),
            ms(load + lower + emit),
        );
    }
    Ok(out)
}
