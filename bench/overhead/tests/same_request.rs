//! The benchmark compares like with like: the generated client and the hand-written reqwest call
//! send the same request (method, path, headers, body) and get the same answer.

#![allow(
    clippy::unwrap_used,
    reason = "a test; the helpers outside `#[test]` functions fail it the same way"
)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use overhead::Recorded;

const BIN: &str = env!("CARGO_BIN_EXE_overhead");

/// A running `overhead serve`, stopped by closing its stdin when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(record: &Path) -> Self {
        let mut child = Command::new(BIN)
            .args(["serve", "--record"])
            .arg(record)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line.trim().parse().unwrap();
        Self {
            child,
            addr: format!("127.0.0.1:{port}"),
        }
    }

    fn run(&self, which: &str, requests: u32) -> std::process::Output {
        Command::new(BIN)
            .args(["client", "--impl", which, "--addr", &self.addr])
            .args(["--requests", &requests.to_string()])
            .output()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// What one server received from `requests` calls of each client, in turn.
fn records(clients: &[&str], requests: u32) -> Vec<Vec<Recorded>> {
    let dir = std::env::temp_dir().join(format!("overhead-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("requests.jsonl");
    let _ = std::fs::remove_file(&file);
    let server = Server::start(&file);
    for (done, which) in clients.iter().enumerate() {
        let output = server.run(which, requests);
        assert!(
            output.status.success(),
            "{which}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.starts_with("elapsed_ns="), "{stdout}");
        // Each request is recorded before it is answered, so all of them are in by now.
        let received = overhead::read_records(&file).unwrap().len();
        assert_eq!(received, (done + 1) * requests as usize, "{which}");
    }
    drop(server);
    let mut all = overhead::read_records(&file).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(all.len(), clients.len() * requests as usize, "{all:#?}");
    let mut out = Vec::new();
    for _ in clients {
        let rest = all.split_off(requests as usize);
        out.push(all);
        all = rest;
    }
    out
}

#[test]
fn both_clients_send_the_same_request() {
    let recorded = records(&["generated", "reqwest"], 2);
    let (generated, reqwest) = (&recorded[0], &recorded[1]);
    for (g, r) in generated.iter().zip(reqwest) {
        let differences = g.differences(r);
        assert!(differences.is_empty(), "{differences:#?}");
    }
    // The request is the documented one, not merely the same mistake twice.
    let request = &generated[0];
    assert_eq!(request.method, "PUT");
    assert_eq!(request.target, "/accounts/self/contact-groups/group-1");
    let body: serde_json::Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"name": "Premium Clients", "notes": "Updated notes"})
    );
    let header = |name: &str| request.headers.get(name).map(Vec::as_slice);
    assert_eq!(
        header("authorization"),
        Some(&["Bearer bench-token".to_owned()][..])
    );
    assert_eq!(
        header("content-type"),
        Some(&["application/json".to_owned()][..])
    );
    assert_eq!(header("accept"), Some(&["application/json".to_owned()][..]));
    assert_eq!(
        header("user-agent"),
        Some(&[faxplus::DEFAULT_USER_AGENT.to_owned()][..])
    );
    assert_eq!(
        header("content-length"),
        Some(&[request.body.len().to_string()][..])
    );
}

#[test]
fn a_wrong_address_fails_the_client() {
    // Nothing listens on port 1: the client reports the error and exits with 1.
    for which in ["generated", "reqwest"] {
        let output = Command::new(BIN)
            .args(["client", "--impl", which, "--addr", "127.0.0.1:1"])
            .args(["--requests", "1"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{which}");
        assert!(!output.stderr.is_empty(), "{which}");
    }
}
