//! `overhead`: the two sides of the request-overhead benchmark.
//!
//! ```text
//! overhead serve [--record FILE]
//! overhead client --impl generated|reqwest --addr 127.0.0.1:PORT --requests N
//! ```
//!
//! `serve` listens on 127.0.0.1 on a free port, prints the port on one line and answers every
//! request 200 with a fixed `ContactGroup`, until its stdin is closed. With `--record` it appends
//! each request it receives to FILE as one JSON line. `client` sends N sequential `update_tag`
//! requests, checks every answer, and prints `elapsed_ns=T` (the time the requests took).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use overhead::Impl;

const USAGE: &str = "usage:
  overhead serve [--record FILE]
  overhead client --impl generated|reqwest --addr 127.0.0.1:PORT --requests N";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("client") => client(&args[1..]),
        _ => Err(format!("unknown or missing command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("overhead: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `--flag value` pairs.
fn flags<'a>(args: &'a [String], known: &[&str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    let mut out = Vec::new();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        if !known.contains(&flag.as_str()) {
            return Err(format!("unknown argument `{flag}`\n{USAGE}"));
        }
        let value = iter
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        out.push((flag.as_str(), value.as_str()));
    }
    Ok(out)
}

fn serve(args: &[String]) -> Result<(), String> {
    let mut recorder = None;
    for (flag, value) in flags(args, &["--record"])? {
        if flag == "--record" {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(value)
                .map_err(|e| format!("{value}: {e}"))?;
            recorder = Some(Arc::new(Mutex::new(file)));
        }
    }
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("local address: {e}"))?
        .port();
    std::thread::spawn(move || {
        if let Err(error) = overhead::serve(&listener, &recorder) {
            eprintln!("overhead serve: accept: {error}");
            std::process::exit(1);
        }
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{port}")
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("stdout: {e}"))?;
    // Serve until the parent closes our stdin.
    let mut sink = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut sink)
        .map_err(|e| format!("stdin: {e}"))?;
    Ok(())
}

fn client(args: &[String]) -> Result<(), String> {
    let (mut which, mut addr, mut requests) = (None, None, None);
    for (flag, value) in flags(args, &["--impl", "--addr", "--requests"])? {
        match flag {
            "--impl" => which = Some(Impl::parse(value)?),
            "--addr" => addr = Some(value),
            _ => {
                requests = Some(
                    value
                        .parse::<u64>()
                        .map_err(|_| format!("--requests `{value}` is not a count"))?,
                );
            }
        }
    }
    let missing = |flag: &str| format!("{flag} is required\n{USAGE}");
    let elapsed = overhead::run(
        which.ok_or_else(|| missing("--impl"))?,
        addr.ok_or_else(|| missing("--addr"))?,
        requests.ok_or_else(|| missing("--requests"))?,
    )?;
    println!("elapsed_ns={}", elapsed.as_nanos());
    Ok(())
}
