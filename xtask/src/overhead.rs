//! Request overhead: `update_tag` through the generated client against the same request written
//! by hand with `reqwest`, both against a loopback server answering 200 (`bench/overhead`).
//!
//! The measure is instructions, counted by `valgrind --tool=callgrind`: unlike wall-clock time it
//! hardly moves on a busy machine. Each client runs twice, with [`SMALL`] and [`LARGE`] requests;
//! the difference divided by the difference in requests is the cost of one request, with start-up,
//! client construction and the first connection cancelled out. Wall-clock time is measured too,
//! without valgrind, for information. Nothing here asserts on either.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Requests in the shorter run.
pub const SMALL: u64 = 200;
/// Requests in the longer run.
pub const LARGE: u64 = 1200;
/// Runs of [`LARGE`] requests whose median gives the wall-clock time.
pub const WALL_RUNS: usize = 5;

/// One implementation's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// `generated` or `reqwest`, as `overhead client --impl` takes it.
    pub name: &'static str,
    /// Total instructions of the runs with [`SMALL`] and [`LARGE`] requests.
    pub instructions: (u64, u64),
    /// Median wall-clock time of one request, in microseconds, over [`WALL_RUNS`] runs.
    pub wall_us: f64,
}

impl Measurement {
    /// Instructions per request: the difference between the two runs over the difference in
    /// requests.
    pub fn per_request(&self) -> f64 {
        let (small, large) = self.instructions;
        (large as f64 - small as f64) / (LARGE - SMALL) as f64
    }
}

/// The generated client against the hand-written call.
#[derive(Debug, Clone, PartialEq)]
pub struct Overhead {
    /// `faxplus::Client::update_tag`.
    pub generated: Measurement,
    /// The hand-written `reqwest` call.
    pub reqwest: Measurement,
}

impl Overhead {
    /// Instructions per request of the generated client over the hand-written call's: the
    /// target is at most 1.05.
    pub fn ratio(&self) -> f64 {
        self.generated.per_request() / self.reqwest.per_request()
    }

    /// A Markdown table of the numbers and a sentence on how they were taken.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| implementation | instructions/request | wall µs/request | ratio (instructions) |\n\
             |---|---:|---:|---:|\n",
        );
        let rows = [
            ("generated (`faxplus::Client::update_tag`)", &self.generated),
            ("hand-written `reqwest`", &self.reqwest),
        ];
        for (label, m) in rows {
            let _ = writeln!(
                out,
                "| {label} | {} | {:.1} | {:.3} |",
                thousands(m.per_request().round() as u64),
                m.wall_us,
                m.per_request() / self.reqwest.per_request(),
            );
        }
        let _ = write!(
            out,
            "\nInstructions are counted by `valgrind --tool=callgrind` over the whole client \
             process, as (I({LARGE}) − I({SMALL})) / {} so that start-up and the first \
             connection cancel out; both clients send the same `PUT` (checked by \
             `bench/overhead/tests`) over HTTP/1.1 keep-alive to a loopback server answering 200, \
             one request at a time on a current-thread Tokio runtime, and decode the same \
             `ContactGroup`; wall time is the median of {WALL_RUNS} runs of {LARGE} requests \
             without valgrind, for information only.\n",
            LARGE - SMALL
        );
        out
    }
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Builds `bench/overhead` in release mode, then measures both clients. An error when valgrind
/// is missing, the build fails or a client reports a failed request.
pub fn measure(root: &Path) -> Result<Overhead, String> {
    crate::callgrind::available()?;
    let bin = build(root)?;
    let server = Server::start(&bin)?;
    let mut instructions = Vec::new();
    for name in ["generated", "reqwest"] {
        let small = callgrind(&bin, name, &server.addr, SMALL)?;
        let large = callgrind(&bin, name, &server.addr, LARGE)?;
        instructions.push((name, (small, large)));
    }
    let mut walls: Vec<Vec<f64>> = vec![Vec::new(); instructions.len()];
    for _ in 0..WALL_RUNS {
        for ((name, _), times) in instructions.iter().zip(&mut walls) {
            times.push(wall_us(&bin, name, &server.addr, LARGE)?);
        }
    }
    drop(server);
    let mut measured = instructions
        .into_iter()
        .zip(walls)
        .map(|((name, instructions), times)| Measurement {
            name,
            instructions,
            wall_us: median(times),
        });
    match (measured.next(), measured.next()) {
        (Some(generated), Some(reqwest)) => Ok(Overhead { generated, reqwest }),
        _ => Err("internal: two implementations measured".to_owned()),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// `cargo build --release -p overhead`, returning the binary's path.
fn build(root: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--release", "-p", "overhead"])
        .arg("--message-format=json-render-diagnostics")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("running cargo: {e}"))?;
    if !output.status.success() {
        return Err("`cargo build --release -p overhead` failed".to_owned());
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == "overhead"
        })
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo built no `overhead` executable".to_owned())
}

/// A running `overhead serve`, stopped by closing its stdin.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(bin: &Path) -> Result<Self, String> {
        let mut child = Command::new(bin)
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("starting {} serve: {e}", bin.display()))?;
        let mut line = String::new();
        let read = match child.stdout.take() {
            Some(stdout) => BufReader::new(stdout).read_line(&mut line).ok(),
            None => None,
        };
        let port = read.and_then(|_| line.trim().parse::<u16>().ok());
        // Built before checking the port, so that dropping it stops the child either way.
        let mut server = Self {
            child,
            addr: String::new(),
        };
        let port =
            port.ok_or_else(|| format!("overhead serve printed `{}`, not a port", line.trim()))?;
        server.addr = format!("127.0.0.1:{port}");
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// The client's arguments for `requests` requests of implementation `name`.
fn client_args<'a>(name: &'a str, addr: &'a str, requests: &'a str) -> [&'a str; 7] {
    [
        "client",
        "--impl",
        name,
        "--addr",
        addr,
        "--requests",
        requests,
    ]
}

/// Total instructions of one client run under callgrind.
fn callgrind(bin: &Path, name: &str, addr: &str, requests: u64) -> Result<u64, String> {
    let count = requests.to_string();
    crate::callgrind::instructions(
        bin,
        client_args(name, addr, &count),
        &format!("the {name} client"),
    )
}

/// Wall-clock microseconds per request of one run, as the client reports it.
fn wall_us(bin: &Path, name: &str, addr: &str, requests: u64) -> Result<f64, String> {
    let count = requests.to_string();
    let output = Command::new(bin)
        .args(client_args(name, addr, &count))
        .output()
        .map_err(|e| format!("running {}: {e}", bin.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{name} client failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let nanos = stdout
        .lines()
        .find_map(|line| line.strip_prefix("elapsed_ns="))
        .and_then(|n| n.trim().parse::<f64>().ok())
        .ok_or_else(|| format!("{name} client printed no elapsed_ns: `{}`", stdout.trim()))?;
    Ok(nanos / 1000.0 / requests as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overhead() -> Overhead {
        let per = |name, per_request: u64, wall_us| Measurement {
            name,
            instructions: (
                1_000_000 + SMALL * per_request,
                1_000_000 + LARGE * per_request,
            ),
            wall_us,
        };
        Overhead {
            generated: per("generated", 105_000, 52.5),
            reqwest: per("reqwest", 100_000, 50.0),
        }
    }

    #[test]
    fn per_request_cost_cancels_the_fixed_cost() {
        let o = overhead();
        assert_eq!(o.generated.per_request(), 105_000.0);
        assert!((o.ratio() - 1.05).abs() < 1e-9);
    }

    #[test]
    fn the_table_has_a_row_per_implementation() {
        let table = overhead().markdown();
        assert!(table.contains("| 105,000 | 52.5 | 1.050 |"), "{table}");
        assert!(table.contains("| 100,000 | 50.0 | 1.000 |"), "{table}");
        assert!(table.contains("callgrind"), "{table}");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
