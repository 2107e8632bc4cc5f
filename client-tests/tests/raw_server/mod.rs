//! A tiny HTTP/1.1 server on loopback, written on raw TCP for the answers `wiremock` cannot give:
//! a status line and headers followed by a body that stalls, a request never answered, and a
//! body sent as fast as the client reads it, counting what it sent.

#![allow(
    dead_code,
    reason = "each test file uses the part of this server it needs"
)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers every request.
#[derive(Clone, Copy)]
pub enum Answer {
    /// `head` (status line and headers, without the blank line), then `partial` body bytes, then
    /// nothing: the connection stays open and the rest never comes.
    StallBody {
        head: &'static str,
        partial: &'static [u8],
    },
    /// Nothing at all: the request is read and never answered.
    Silent,
    /// `head`, then a chunked body of `total` bytes in chunks of 64 KiB, written as fast as
    /// the client reads it.
    Chunked { head: &'static str, total: u64 },
}

pub struct RawServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    body_bytes_sent: Arc<AtomicU64>,
}

impl RawServer {
    pub async fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let body_bytes_sent = Arc::new(AtomicU64::new(0));
        let (seen, sent) = (Arc::clone(&requests), Arc::clone(&body_bytes_sent));
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (seen, sent) = (Arc::clone(&seen), Arc::clone(&sent));
                tokio::spawn(serve(stream, answer, seen, sent));
            }
        });
        Self {
            addr,
            requests,
            body_bytes_sent,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far: its head (request line and headers) and body, as text.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// How many body bytes the server managed to write, across every connection.
    pub fn body_bytes_sent(&self) -> u64 {
        self.body_bytes_sent.load(Ordering::SeqCst)
    }
}

/// The value of header `name` in a recorded request, lower-cased name match.
pub fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

async fn serve(
    mut stream: TcpStream,
    answer: Answer,
    seen: Arc<Mutex<Vec<String>>>,
    sent: Arc<AtomicU64>,
) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length: usize = header(&head, "content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
    let body = String::from_utf8_lossy(&buffer[head_end..head_end + length]).into_owned();
    seen.lock().unwrap().push(format!("{head}{body}"));
    match answer {
        Answer::StallBody { head, partial } => {
            let _ = stream.write_all(format!("{head}\r\n\r\n").as_bytes()).await;
            let _ = stream.write_all(partial).await;
            let _ = stream.flush().await;
            sent.fetch_add(partial.len() as u64, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_secs(120)).await;
        }
        Answer::Silent => tokio::time::sleep(Duration::from_secs(120)).await,
        Answer::Chunked { head, total } => {
            let head = format!("{head}\r\ntransfer-encoding: chunked\r\n\r\n");
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let block = vec![b'x'; 64 * 1024];
            let mut left = total;
            while left > 0 {
                let n = left.min(block.len() as u64) as usize;
                let frame = [format!("{n:x}\r\n").as_bytes(), &block[..n], b"\r\n"].concat();
                if stream.write_all(&frame).await.is_err() {
                    return;
                }
                sent.fetch_add(n as u64, Ordering::SeqCst);
                left -= n as u64;
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_secs(120)).await;
        }
    }
}
