//! Reading a `text/event-stream` body as it arrives, following the WHATWG rules for server-sent
//! events: lines end in CRLF, LF or CR; `data:` lines are joined with `\n`; `event:`, `id:` and
//! `retry:` set the event's fields; a line starting with `:` is a comment; a field without a
//! colon has an empty value; one space after the colon is removed; a blank line dispatches the
//! event. Lines are cut from bytes, so a UTF-8 sequence split across chunks is whole again
//! before it is decoded.

use std::time::Duration;

/// One event as the stream sent it, its data not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEvent {
    pub(crate) event: Option<String>,
    pub(crate) data: String,
    pub(crate) id: Option<String>,
    pub(crate) retry: Option<Duration>,
}

/// The state of an event stream between chunks: the incomplete line and the event being built.
#[derive(Debug, Default)]
pub(crate) struct Parser {
    /// Bytes of a line whose end has not arrived.
    line: Vec<u8>,
    /// The previous chunk ended in CR: an LF starting this one belongs to the same line end.
    after_cr: bool,
    /// Whether the start of the stream has been checked for a byte order mark.
    started: bool,
    event: Option<String>,
    data: String,
    /// Whether a `data` field arrived for the event being built.
    has_data: bool,
    /// The last event id: it stays until another `id` field changes it.
    id: Option<String>,
    retry: Option<Duration>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Parser {
    /// Reads a chunk, returning the events it completes, in order.
    pub(crate) fn push(&mut self, mut chunk: &[u8]) -> Vec<RawEvent> {
        let mut events = Vec::new();
        if self.after_cr && !chunk.is_empty() {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        while let Some(end) = chunk.iter().position(|b| *b == b'\n' || *b == b'\r') {
            self.line.extend_from_slice(&chunk[..end]);
            let rest = &chunk[end + 1..];
            chunk = if chunk[end] == b'\r' {
                match rest.first() {
                    Some(b'\n') => &rest[1..],
                    Some(_) => rest,
                    None => {
                        self.after_cr = true;
                        rest
                    }
                }
            } else {
                rest
            };
            let line = std::mem::take(&mut self.line);
            events.extend(self.line_done(&line));
        }
        self.line.extend_from_slice(chunk);
        if !self.started && self.line.len() >= BOM.len() {
            self.started = true;
            if self.line.starts_with(BOM) {
                self.line.drain(..BOM.len());
            }
        }
        events
    }

    /// Handles one complete line; returns the event a blank line dispatches.
    fn line_done(&mut self, mut line: &[u8]) -> Option<RawEvent> {
        if !self.started {
            self.started = true;
            if let Some(rest) = line.strip_prefix(BOM) {
                line = rest;
            }
        }
        if line.is_empty() {
            return self.dispatch();
        }
        if line.first() == Some(&b':') {
            return None;
        }
        let line = String::from_utf8_lossy(line);
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "event" => self.event = Some(value.to_owned()),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(millis) = value.parse() {
                    self.retry = Some(Duration::from_millis(millis));
                }
            }
            _ => {}
        }
        None
    }

    /// The event built so far, when it has data; the event's own fields are reset either way.
    fn dispatch(&mut self) -> Option<RawEvent> {
        let event = self.event.take();
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        Some(RawEvent {
            event,
            data: std::mem::take(&mut self.data),
            id: self.id.clone(),
            retry,
        })
    }
}

