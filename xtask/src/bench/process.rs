//! Running a command as a process: wall time, success, and peak memory.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// One finished run of a command.
#[derive(Debug, Clone)]
pub struct Run {
    /// Whether it exited with status 0.
    pub ok: bool,
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// The last meaningful line it printed on stderr (or stdout), to say why it failed.
    pub last_line: String,
}

/// Runs `command` to completion, its output captured (not timed as terminal I/O).
pub fn run(command: &mut Command) -> Result<Run, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    let wall = started.elapsed();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    Ok(Run {
        ok: output.status.success(),
        wall,
        // Tools print their reasons on either stream (progenitor's "gen fail" is on stdout).
        last_line: last_meaningful_line(&format!("{stdout}\n{stderr}")).unwrap_or_default(),
    })
}

/// The first line that names an error, else the last non-empty line; cut to 160 characters.
fn last_meaningful_line(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A panic's message is on the line after "panicked at".
    let panic = lines
        .iter()
        .position(|l| l.contains("panicked at"))
        .and_then(|at| lines.get(at + 1))
        .map(|message| format!("panic: {message}"));
    let failure = || {
        lines
            .iter()
            .find(|l| {
                let lower = l.to_ascii_lowercase();
                lower.starts_with("error") || lower.contains("fail") || l.contains("Exception")
            })
            .map(|l| (*l).to_owned())
    };
    let line = panic
        .or_else(failure)
        .or_else(|| lines.last().map(|l| (*l).to_owned()))?;
    Some(line.chars().take(160).collect())
}

/// The median of some durations (the upper middle one for an even count).
pub fn median(mut times: Vec<Duration>) -> Option<Duration> {
    times.sort();
    times.get(times.len() / 2).copied()
}

/// Peak resident memory of `command`, in KiB, and whether it succeeded, measured by running it
/// under this very binary's `__peak-rss` task: a process of its own whose only child is the
/// command, so the kernel's maximum over its waited-for descendants is the command's own.
pub fn peak_rss(xtask: &Path, command: &Command) -> Result<(bool, u64), String> {
    let mut wrapper = Command::new(xtask);
    wrapper
        .arg("__peak-rss")
        .arg("--")
        .arg(command.get_program());
    wrapper.args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => wrapper.env(key, value),
            None => wrapper.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        wrapper.current_dir(dir);
    }
    let output = wrapper
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", xtask.display()))?;
    let report = String::from_utf8_lossy(&output.stdout);
    let kib = report
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kib="))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("__peak-rss printed no figure: {report}"))?;
    Ok((output.status.success(), kib))
}

/// The `__peak-rss -- PROGRAM ARGS...` task: runs the program with its output discarded, then
/// prints `peak-rss-kib=N` (the largest resident set among the waited-for descendants, which
/// includes grandchildren such as the JVM that a wrapper script starts) and exits as it did.
pub fn peak_rss_task(args: &[String]) -> Result<ExitCode, String> {
    let [dashes, program, rest @ ..] = args else {
        return Err("usage: xtask __peak-rss -- PROGRAM [ARGS...]".to_owned());
    };
    if dashes != "--" {
        return Err("usage: xtask __peak-rss -- PROGRAM [ARGS...]".to_owned());
    }
    let status = Command::new(program)
        .args(rest)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .map_err(|e| format!("getrusage: {e}"))?;
    // Linux reports ru_maxrss in KiB.
    println!("peak-rss-kib={}", usage.max_rss());
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_value() {
        let ms = Duration::from_millis;
        assert_eq!(median(vec![ms(5), ms(1), ms(3)]), Some(ms(3)));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn a_panic_is_reported_by_its_message() {
        let text = "thread 'main' panicked at src/x.rs:1:1:\nnot yet implemented: foo\nnote: run with backtrace\n";
        assert_eq!(
            last_meaningful_line(text).as_deref(),
            Some("panic: not yet implemented: foo")
        );
        assert_eq!(
            last_meaningful_line("a\nb\n\n").as_deref(),
            Some("b"),
            "otherwise the last line"
        );
        let failure = "gen fail: UnexpectedFormat(\"deepObject\")\nError: generation experienced errors\n   8: _start\n";
        assert_eq!(
            last_meaningful_line(failure).as_deref(),
            Some("gen fail: UnexpectedFormat(\"deepObject\")"),
            "a line that says what failed, before a backtrace"
        );
    }
}
