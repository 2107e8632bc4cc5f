//! Instructions a process executes, counted by `valgrind --tool=callgrind` (every thread):
//! unlike its wall or CPU time, the count hardly moves with the machine's load or state, so a
//! ratio of two counts is what a change to the code moves. The request-overhead benchmark and
//! the codegen table of `cargo xtask bench` read it.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// `Ok` when `valgrind` runs; else why it cannot be used.
pub fn available() -> Result<(), String> {
    let valgrind = Command::new("valgrind").arg("--version").output();
    if valgrind.is_ok_and(|out| out.status.success()) {
        Ok(())
    } else {
        Err(
            "valgrind is not installed (or not on PATH); instructions are counted with \
             `valgrind --tool=callgrind`"
                .to_owned(),
        )
    }
}

/// Total instructions of `program args` under callgrind; `what` names the run in errors. The
/// program's output is discarded; a failed run is an error.
pub fn instructions<I, S>(program: &Path, args: I, what: &str) -> Result<u64, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = tempfile::Builder::new()
        .prefix("callgrind-")
        .suffix(".out")
        .tempfile()
        .map_err(|e| format!("cannot create a file for callgrind's counts: {e}"))?;
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.path().display()))
        .arg(program)
        .args(args)
        .output()
        .map_err(|e| format!("running valgrind: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what} under callgrind failed: {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .rev()
                .find(|line| !line.trim().is_empty() && !line.starts_with("=="))
                .unwrap_or_default()
                .trim()
        ));
    }
    let text = std::fs::read_to_string(out.path())
        .map_err(|e| format!("reading {}: {e}", out.path().display()))?;
    total_instructions(&text)
        .ok_or_else(|| format!("{what}: no `summary:` or `totals:` line in callgrind's counts"))
}

/// The total instructions a callgrind out file reports.
pub fn total_instructions(callgrind_out: &str) -> Option<u64> {
    callgrind_out.lines().find_map(|line| {
        let rest = line
            .strip_prefix("summary:")
            .or_else(|| line.strip_prefix("totals:"))?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_read_from_a_callgrind_out_file() {
        let text = "# callgrind format\nversion: 1\ncreator: callgrind-3.22.0\n\
                    events: Ir\nsummary: 123456\n\nfn=main\n1 5\n";
        assert_eq!(total_instructions(text), Some(123_456));
        assert_eq!(total_instructions("totals: 77\n"), Some(77));
        assert_eq!(total_instructions("events: Ir\n"), None);
        assert_eq!(total_instructions("summary: many\n"), None);
    }

    #[test]
    fn a_program_is_counted_or_its_failure_named() {
        if let Err(why) = available() {
            // Every machine CI runs on has valgrind; a developer's may not (the bench then
            // reports the counts as not measured).
            assert!(std::env::var_os("CI").is_none(), "{why}");
            eprintln!("skipped: {why}");
            return;
        }
        let shell = Path::new("/bin/sh");
        let count = instructions(shell, ["-c", "exit 0"], "sh");
        assert!(count.is_ok_and(|n| n > 0));
        let failed = instructions(shell, ["-c", "echo broken >&2; exit 3"], "sh");
        assert!(failed.is_err_and(|e| e.contains("sh under callgrind failed")));
    }
}
