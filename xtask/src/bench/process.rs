//! Running a command as a process: wall time, success, and peak memory.

use std::io::Read;
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, ExitCode, Output, Stdio};
use std::time::{Duration, Instant};

/// One finished run of a command.
#[derive(Debug, Clone)]
pub struct Run {
    /// Whether it exited with status 0.
    pub ok: bool,
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// CPU time, user and system, of the command and the descendants it waited for (zero for
    /// a run stopped at [`LIMIT`]): unlike the wall time, it does not shrink when a tool spreads
    /// its work over idle cores, nor grow when the machine is busy.
    pub cpu: Duration,
    /// The last meaningful line it printed on stderr (or stdout), to say why it failed.
    pub last_line: String,
}

/// How long one run of a tool may take before it is stopped and counted as failed.
pub const LIMIT: Duration = Duration::from_secs(600);

/// Runs `command` to completion, its output captured (not timed as terminal I/O). A run that
/// takes longer than [`LIMIT`] is stopped (with its whole process group, so a JVM under a
/// launcher goes too) and reported as failed.
pub fn run(command: &mut Command) -> Result<Run, String> {
    // The kernel adds a child's CPU time to ours when it is waited for; one command runs at a
    // time, so the difference is this command's.
    let before = children_cpu()?;
    let (output, wall) = match output_within(command, LIMIT)? {
        Finished::Exited(output, wall) => (output, wall),
        Finished::Stopped => return Ok(stopped()),
    };
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    let cpu = children_cpu()?.saturating_sub(before);
    Ok(Run {
        ok: output.status.success(),
        wall,
        cpu,
        // Tools print their reasons on either stream (progenitor's "gen fail" is on stdout).
        last_line: last_meaningful_line(&format!("{stdout}\n{stderr}")).unwrap_or_default(),
    })
}

/// A run stopped at [`LIMIT`].
fn stopped() -> Run {
    Run {
        ok: false,
        wall: LIMIT,
        cpu: Duration::ZERO,
        last_line: format!("did not finish within {} s; stopped", LIMIT.as_secs()),
    }
}

/// How a run under a time limit ended.
enum Finished {
    /// It exited: its output and wall time.
    Exited(Output, Duration),
    /// It ran out of time and was killed.
    Stopped,
}

/// `command.output()`, with a time limit. The command runs in a process group of its own, which
/// is killed when the limit passes; its output is drained on threads so a chatty tool never
/// blocks on a full pipe.
fn output_within(command: &mut Command, limit: Duration) -> Result<Finished, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let group = nix::unistd::Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX));
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait());
    });
    let status = match receiver.recv_timeout(limit) {
        Ok(status) => status.map_err(|e| format!("{program} did not finish: {e}"))?,
        Err(_) => {
            let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
            let _ = receiver.recv();
            let _ = (stdout.join(), stderr.join());
            return Ok(Finished::Stopped);
        }
    };
    let wall = started.elapsed();
    let joined = |handle: std::thread::JoinHandle<Vec<u8>>| handle.join().unwrap_or_default();
    Ok(Finished::Exited(
        Output {
            status,
            stdout: joined(stdout),
            stderr: joined(stderr),
        },
        wall,
    ))
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
    run_with_peak_rss(xtask, command).map(|(run, usage)| (run.ok, usage.peak_kib))
}

/// What the kernel counted for a command and its waited-for descendants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// The largest resident set among them, in KiB.
    pub peak_kib: u64,
    /// Their CPU time, user and system: on a shared machine, steadier than the wall time.
    pub cpu: Duration,
}

/// Makes `wrapper` (a program that runs the command after its own arguments, such as valgrind)
/// run `command`: its program and arguments after the wrapper's, its environment and folder.
pub fn wrap(wrapper: &mut Command, command: &Command) {
    wrapper.arg(command.get_program()).args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => wrapper.env(key, value),
            None => wrapper.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        wrapper.current_dir(dir);
    }
}

/// One run of `command` under this binary's `__peak-rss` task (see [`peak_rss`]): how it went,
/// its wall time including the wrapper's own start (about a millisecond), and its peak resident
/// memory and CPU time (zero when it was stopped at [`LIMIT`]). Its stdout is discarded; the
/// reason for a failure is read from its stderr.
pub fn run_with_peak_rss(xtask: &Path, command: &Command) -> Result<(Run, Usage), String> {
    let mut wrapper = Command::new(xtask);
    wrapper.arg("__peak-rss").arg("--");
    wrap(&mut wrapper, command);
    let (output, wall) = match output_within(&mut wrapper, LIMIT)? {
        Finished::Exited(output, wall) => (output, wall),
        Finished::Stopped => return Ok((stopped(), Usage::default())),
    };
    let report = String::from_utf8_lossy(&output.stdout);
    let figure = |key: &str| -> Result<u64, String> {
        report
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("__peak-rss printed no {key}: {report}"))
    };
    let usage = Usage {
        peak_kib: figure("peak-rss-kib=")?,
        cpu: Duration::from_micros(figure("cpu-us=")?),
    };
    let run = Run {
        ok: output.status.success(),
        wall,
        cpu: usage.cpu,
        last_line: last_meaningful_line(&String::from_utf8_lossy(&output.stderr))
            .unwrap_or_default(),
    };
    Ok((run, usage))
}

/// The CPU time, user and system, of this process's children that have been waited for.
fn children_cpu() -> Result<Duration, String> {
    nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .map(|usage| cpu_of(&usage))
        .map_err(|e| format!("getrusage: {e}"))
}

/// User plus system time of a resource usage.
fn cpu_of(usage: &nix::sys::resource::Usage) -> Duration {
    let duration = |t: nix::sys::time::TimeVal| {
        Duration::from_secs(u64::try_from(t.tv_sec()).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec()).unwrap_or(0))
    };
    duration(usage.user_time()) + duration(usage.system_time())
}

/// The `__peak-rss -- PROGRAM ARGS...` task: runs the program with its output discarded, then
/// prints `peak-rss-kib=N` (the largest resident set among the waited-for descendants, which
/// includes grandchildren such as the JVM that a wrapper script starts, or the rustc that cargo
/// runs) and `cpu-us=N` (their user and system time), and exits as it did.
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
    println!("cpu-us={}", cpu_of(&usage).as_micros());
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
    fn a_run_past_its_limit_is_stopped_with_its_children() {
        let started = Instant::now();
        // The shell's child `sleep` holds the output pipe open: only killing the whole group
        // lets the run end.
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 30 & sleep 30; echo never"]);
        let finished = output_within(&mut command, Duration::from_millis(300));
        assert!(matches!(finished, Ok(Finished::Stopped)));
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "stopped, not waited for"
        );
        let mut quick = Command::new("sh");
        quick.args(["-c", "echo out; echo err >&2; exit 3"]);
        let Ok(Finished::Exited(output, _)) = output_within(&mut quick, LIMIT) else {
            panic!("a quick command finishes");
        };
        assert_eq!(output.stdout, b"out\n");
        assert_eq!(output.stderr, b"err\n");
        assert_eq!(output.status.code(), Some(3));
    }

    #[test]
    fn a_run_counts_the_cpu_time_of_its_command() {
        // A shell busy for a while, in a child of its own: its CPU time reaches us only when
        // it is waited for. (Other tests' children can only add to the figure.)
        let mut busy = Command::new("sh");
        busy.args(["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"]);
        let run = run(&mut busy).unwrap();
        assert!(run.ok);
        assert!(
            run.cpu >= Duration::from_millis(50),
            "a busy loop counted only {:?} of CPU in {:?}",
            run.cpu,
            run.wall
        );
    }

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
