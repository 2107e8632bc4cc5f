//! Request overhead of the generated `faxplus` client against a hand-written `reqwest` call.
//!
//! Both clients send `update_tag` (`PUT /accounts/self/contact-groups/{group_id}` with a JSON
//! body and a bearer token) to a loopback server that always answers 200 with a fixed
//! `ContactGroup`, and both decode the answer into the same type. The `overhead` binary runs
//! either side; `cargo xtask` counts their instructions under callgrind. The server can record
//! what it receives, so a test checks that both sides send the same request.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use faxplus::types::{ContactGroup, ContactGroupUpdate};
use serde::{Deserialize, Serialize};

/// The bearer token both clients send.
pub const TOKEN: &str = "bench-token";

/// The group id both clients update.
pub const GROUP_ID: &str = "group-1";

/// The per-attempt time limit both clients set: the generated client's default, and what a
/// careful hand-written call sets too (reqwest has none by default).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The connect time limit both clients set: the generated client's default.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The body the server answers every request with.
pub const RESPONSE_BODY: &str = r#"{"id":"group-1","name":"Premium Clients","notes":"Updated notes","is_shared":true,"creation_date":"2024-01-10T09:00:00Z","modification_date":"2024-02-15T11:20:00Z"}"#;

/// The longest request head the server accepts.
const MAX_HEAD: usize = 64 * 1024;

/// The request body both clients send.
pub fn update() -> ContactGroupUpdate {
    ContactGroupUpdate {
        name: Some("Premium Clients".to_owned()),
        notes: Some("Updated notes".to_owned()),
    }
}

/// What [`RESPONSE_BODY`] decodes to; both clients compare every answer with it.
pub fn expected_group() -> ContactGroup {
    ContactGroup {
        id: Some(GROUP_ID.to_owned()),
        name: Some("Premium Clients".to_owned()),
        notes: Some("Updated notes".to_owned()),
        is_shared: Some(true),
        creation_date: "2024-01-10T09:00:00Z".parse().ok(),
        modification_date: "2024-02-15T11:20:00Z".parse().ok(),
    }
}

fn check(group: &ContactGroup, expected: &ContactGroup) -> Result<(), String> {
    if group == expected {
        Ok(())
    } else {
        Err(format!("unexpected group decoded: {group:?}"))
    }
}

/// Which client sends the requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impl {
    /// `faxplus::Client::update_tag`.
    Generated,
    /// A hand-written `reqwest` call.
    Reqwest,
}

impl Impl {
    /// Parses `generated` or `reqwest`.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "generated" => Ok(Self::Generated),
            "reqwest" => Ok(Self::Reqwest),
            other => Err(format!(
                "unknown implementation `{other}`: generated or reqwest"
            )),
        }
    }
}

/// Sends `requests` sequential `update_tag` requests to `addr` (`host:port`) with `which` on a
/// current-thread runtime, checking each answer. Returns the time the requests took, client
/// construction excluded.
pub fn run(which: Impl, addr: &str, requests: u64) -> Result<Duration, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("tokio runtime: {e}"))?;
    match which {
        Impl::Generated => runtime.block_on(generated(addr, requests)),
        Impl::Reqwest => runtime.block_on(hand_written(addr, requests)),
    }
}

/// The generated client, configured as a user would: base URL and bearer token.
async fn generated(addr: &str, requests: u64) -> Result<Duration, String> {
    let client = faxplus::Client::builder()
        .base_url(format!("http://{addr}"))
        .bearer_token(TOKEN)
        .build()
        .map_err(|e| format!("client: {e}"))?;
    let body = update();
    // Built once, outside the timed loop, so the check costs both sides the same few
    // comparisons and no allocation.
    let expected = expected_group();
    let started = std::time::Instant::now();
    for _ in 0..requests {
        let group = client
            .update_tag(GROUP_ID, &body)
            .await
            .map_err(|e| format!("generated client: {e}"))?;
        check(&group, &expected)?;
    }
    Ok(started.elapsed())
}

/// The same request written by hand with `reqwest`, as a careful user would: the group id
/// encoded as one path segment, the bearer token marked sensitive, content type and accept
/// headers, a time limit, the status checked and the body decoded. The user-agent is the
/// generated client's, set once on the `reqwest::Client`, so the two requests are identical.
async fn hand_written(addr: &str, requests: u64) -> Result<Duration, String> {
    use reqwest::header::{ACCEPT, CONTENT_TYPE};

    let http = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .user_agent(faxplus::DEFAULT_USER_AGENT)
        .build()
        .map_err(|e| format!("reqwest client: {e}"))?;
    let base =
        reqwest::Url::parse(&format!("http://{addr}")).map_err(|e| format!("base URL: {e}"))?;
    let body = update();
    // Built once, outside the timed loop, so the check costs both sides the same few
    // comparisons and no allocation.
    let expected = expected_group();
    let started = std::time::Instant::now();
    for _ in 0..requests {
        let mut url = base.clone();
        url.path_segments_mut()
            .map_err(|()| "the base URL cannot have a path".to_owned())?
            .pop_if_empty()
            .extend(["accounts", "self", "contact-groups", GROUP_ID]);
        let bytes = serde_json::to_vec(&body).map_err(|e| format!("request body: {e}"))?;
        let response = http
            .put(url)
            .bearer_auth(TOKEN)
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .timeout(TIMEOUT)
            .body(bytes)
            .send()
            .await
            .map_err(|e| format!("reqwest: {e}"))?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            return Err(format!("reqwest: HTTP {status}"));
        }
        let bytes = response
            .bytes()
            .await
            .map_err(|e| format!("reqwest: {e}"))?;
        let group: ContactGroup =
            serde_json::from_slice(&bytes).map_err(|e| format!("reqwest: decoding: {e}"))?;
        check(&group, &expected)?;
    }
    Ok(started.elapsed())
}

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// The method, such as `PUT`.
    pub method: String,
    /// The request target: path and query.
    pub target: String,
    /// The headers, names lowercased, values as sent; a repeated name keeps every value in order.
    pub headers: BTreeMap<String, Vec<String>>,
    /// The body, as text.
    pub body: String,
}

impl Recorded {
    /// Where two requests differ, if they do: method, target, body, and every header.
    pub fn differences(&self, other: &Recorded) -> Vec<String> {
        let mut out = Vec::new();
        if self.method != other.method {
            out.push(format!("method: {} ≠ {}", self.method, other.method));
        }
        if self.target != other.target {
            out.push(format!("target: {} ≠ {}", self.target, other.target));
        }
        if self.body != other.body {
            out.push(format!("body: {} ≠ {}", self.body, other.body));
        }
        let names: std::collections::BTreeSet<&String> =
            self.headers.keys().chain(other.headers.keys()).collect();
        for name in names {
            let (a, b) = (self.headers.get(name), other.headers.get(name));
            if a != b {
                out.push(format!("header {name}: {a:?} ≠ {b:?}"));
            }
        }
        out
    }
}

/// Reads the records a server started with `--record` wrote, one JSON object a line.
pub fn read_records(path: &std::path::Path) -> Result<Vec<Recorded>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    text.lines()
        .map(|line| serde_json::from_str(line).map_err(|e| format!("record `{line}`: {e}")))
        .collect()
}

/// Where the server writes what it receives, if anywhere.
pub type Recorder = Option<Arc<Mutex<File>>>;

/// Serves every connection `listener` accepts on its own thread, answering each request 200 with
/// [`RESPONSE_BODY`]. Returns only if accepting fails.
pub fn serve(listener: &TcpListener, recorder: &Recorder) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept()?;
        let recorder = recorder.clone();
        std::thread::spawn(move || {
            if let Err(error) = connection(stream, &recorder) {
                eprintln!("overhead serve: connection: {error}");
            }
        });
    }
}

/// Answers the requests of one keep-alive connection until the client closes it.
fn connection(stream: TcpStream, recorder: &Recorder) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{RESPONSE_BODY}",
        RESPONSE_BODY.len()
    );
    while let Some(request) = read_request(&mut reader)? {
        if let Some(file) = recorder {
            let line = serde_json::to_string(&request).map_err(io::Error::other)?;
            let mut file = file.lock().unwrap_or_else(PoisonError::into_inner);
            writeln!(file, "{line}")?;
            file.flush()?;
        }
        writer.write_all(response.as_bytes())?;
        writer.flush()?;
        let close = request
            .headers
            .get("connection")
            .is_some_and(|values| values.iter().any(|v| v.eq_ignore_ascii_case("close")));
        if close {
            break;
        }
    }
    Ok(())
}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.into())
}

/// Reads one request: the head, then exactly `content-length` bytes of body. `None` when the
/// client closed the connection between requests.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<Recorded>> {
    let mut line = String::new();
    let mut head_len = 0;
    let mut read_line = |line: &mut String| -> io::Result<usize> {
        line.clear();
        let n = reader.read_line(line)?;
        head_len += n;
        if head_len > MAX_HEAD {
            return Err(invalid("request head too long"));
        }
        Ok(n)
    };
    if read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.trim_end().split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid(format!("bad request line `{}`", line.trim_end())));
    };
    if version != "HTTP/1.1" {
        return Err(invalid(format!("unsupported version `{version}`")));
    }
    let (method, target) = (method.to_owned(), target.to_owned());
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    loop {
        if read_line(&mut line)? == 0 {
            return Err(invalid("connection closed inside a request head"));
        }
        let text = line.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(invalid(format!("bad header line `{text}`")));
        };
        headers
            .entry(name.trim().to_ascii_lowercase())
            .or_default()
            .push(value.trim().to_owned());
    }
    if headers.contains_key("transfer-encoding") {
        return Err(invalid("chunked request bodies are not supported"));
    }
    let length = match headers.get("content-length").map(Vec::as_slice) {
        None => 0,
        Some([value]) => value
            .parse::<usize>()
            .map_err(|_| invalid(format!("bad content-length `{value}`")))?,
        Some(_) => return Err(invalid("several content-length headers")),
    };
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body = String::from_utf8(body).map_err(|_| invalid("the body is not UTF-8"))?;
    Ok(Some(Recorded {
        method,
        target,
        headers,
        body,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_response_body_decodes_as_a_contact_group() {
        let group: ContactGroup = serde_json::from_str(RESPONSE_BODY).unwrap();
        assert_eq!(group, expected_group());
    }

    #[test]
    fn requests_are_read_with_their_bodies_back_to_back() {
        let wire = "PUT /a/b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nX-Two: 1\r\nx-two: 2\r\n\r\nhelloGET /c HTTP/1.1\r\nhost: h\r\n\r\n";
        let mut reader = io::Cursor::new(wire.as_bytes());
        let first = read_request(&mut reader).unwrap().unwrap();
        assert_eq!(first.method, "PUT");
        assert_eq!(first.target, "/a/b");
        assert_eq!(first.body, "hello");
        assert_eq!(first.headers["x-two"], ["1", "2"]);
        let second = read_request(&mut reader).unwrap().unwrap();
        assert_eq!((second.method.as_str(), second.body.as_str()), ("GET", ""));
        assert!(read_request(&mut reader).unwrap().is_none());
    }

    #[test]
    fn truncated_or_chunked_requests_are_errors() {
        for wire in [
            "PUT / HTTP/1.1\r\ncontent-length: 10\r\n\r\nshort",
            "PUT / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n",
            "PUT / HTTP/1.1\r\nhost: h\r\n",
        ] {
            assert!(read_request(&mut io::Cursor::new(wire.as_bytes())).is_err());
        }
    }

    #[test]
    fn differences_name_what_differs() {
        let a = Recorded {
            method: "PUT".into(),
            target: "/x".into(),
            headers: [("accept".to_owned(), vec!["application/json".to_owned()])].into(),
            body: "{}".into(),
        };
        assert!(a.differences(&a).is_empty());
        let mut b = a.clone();
        b.headers
            .insert("authorization".into(), vec!["Bearer t".into()]);
        b.body = "{ }".into();
        let found = a.differences(&b);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("body"));
        assert!(found[1].starts_with("header authorization"));
    }
}
