//! A scripted HTTP/1.1 server on raw TCP for the event-stream tests: each connection plays the
//! next script (the last one again once they run out), writing a chunked body piece by piece,
//! each piece flushed on its own after a pause, so that the client receives the pieces as
//! separate chunks, cut wherever the test cuts them.

#![allow(dead_code, reason = "each test uses the part of this server it needs")]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One step of a script.
#[derive(Clone, Debug)]
pub enum Step {
    /// A status line and headers (without the blank line): the body is chunked.
    Head(&'static str),
    /// One chunk of the body, these bytes.
    Chunk(Vec<u8>),
    /// These bytes as they are (a body with a `content-length`).
    Raw(&'static [u8]),
    /// A pause.
    Sleep(Duration),
    /// The body's end.
    End,
    /// Keep the connection open, writing a `: ping` comment every `every`, until the client
    /// closes it; counted in [`Server::closed`].
    PingUntilClosed { every: Duration },
    /// Keep the connection open, silent.
    Stall,
}

pub fn chunk(bytes: &[u8]) -> Step {
    Step::Chunk(bytes.to_vec())
}

pub const EVENT_STREAM: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked";

pub struct Server {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    closed: Arc<AtomicUsize>,
}

impl Server {
    pub async fn start(scripts: Vec<Vec<Step>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicUsize::new(0));
        let (seen, closes) = (Arc::clone(&requests), Arc::clone(&closed));
        tokio::spawn(async move {
            let mut next = 0;
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let script = scripts[next.min(scripts.len() - 1)].clone();
                next += 1;
                let (seen, closes) = (Arc::clone(&seen), Arc::clone(&closes));
                tokio::spawn(serve(stream, script, seen, closes));
            }
        });
        Self {
            addr,
            requests,
            closed,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far: its head and body, as text.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// How many connections the client closed while the server kept writing to them.
    pub fn closed(&self) -> usize {
        self.closed.load(Ordering::SeqCst)
    }
}

async fn serve(
    mut stream: TcpStream,
    script: Vec<Step>,
    seen: Arc<Mutex<Vec<String>>>,
    closed: Arc<AtomicUsize>,
) {
    let mut buffer = Vec::new();
    let mut read = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        match stream.read(&mut read).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&read[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        match stream.read(&mut read).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&read[..n]),
        }
    }
    let body = String::from_utf8_lossy(&buffer[head_end..head_end + length]).into_owned();
    seen.lock().unwrap().push(format!("{head}{body}"));
    for step in script {
        let written = match step {
            Step::Head(head) => stream.write_all(format!("{head}\r\n\r\n").as_bytes()).await,
            Step::Chunk(bytes) => {
                let mut framed = format!("{:x}\r\n", bytes.len()).into_bytes();
                framed.extend_from_slice(&bytes);
                framed.extend_from_slice(b"\r\n");
                stream.write_all(&framed).await
            }
            Step::Raw(bytes) => stream.write_all(bytes).await,
            Step::Sleep(pause) => {
                tokio::time::sleep(pause).await;
                Ok(())
            }
            Step::End => stream.write_all(b"0\r\n\r\n").await,
            Step::PingUntilClosed { every } => loop {
                tokio::time::sleep(every).await;
                let ping = b"8\r\n: ping\n\n\r\n";
                if stream.write_all(ping).await.is_err() || stream.flush().await.is_err() {
                    closed.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            },
            Step::Stall => {
                let _ = stream.read(&mut read).await;
                return;
            }
        };
        if written.is_err() || stream.flush().await.is_err() {
            return;
        }
        // Each piece its own read on the client's side.
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
}
