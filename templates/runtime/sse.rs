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

#[cfg(test)]
mod tests {
    use super::*;

    fn event(data: &str) -> RawEvent {
        RawEvent {
            event: None,
            data: data.to_owned(),
            id: None,
            retry: None,
        }
    }

    fn parse(chunks: &[&[u8]]) -> Vec<RawEvent> {
        let mut parser = Parser::default();
        chunks.iter().flat_map(|chunk| parser.push(chunk)).collect()
    }

    /// Every rule at once: BOM, all three line ends, comments, fields without a colon, one
    /// space removed, multi-line data, `id` carried over, `retry`, ignored fields and a UTF-8
    /// character of four bytes.
    const SAMPLE: &[u8] = b"\xEF\xBB\xBF: a comment\r\n\
        event: greeting\r\ndata: {\"a\":\r\ndata:  1}\r\nid: 7\r\nretry: 1500\r\n\r\n\
        data\n\ndata: \xF0\x9F\x98\x80\rbogus: x\rretry: soon\r\r\
        id\ndata:x\n\n:done\n";

    fn sample_events() -> Vec<RawEvent> {
        vec![
            RawEvent {
                event: Some("greeting".to_owned()),
                data: "{\"a\":\n 1}".to_owned(),
                id: Some("7".to_owned()),
                retry: Some(Duration::from_millis(1500)),
            },
            RawEvent {
                id: Some("7".to_owned()),
                ..event("")
            },
            RawEvent {
                id: Some("7".to_owned()),
                ..event("\u{1F600}")
            },
            RawEvent {
                id: Some(String::new()),
                ..event("x")
            },
        ]
    }

    #[test]
    fn every_rule_in_one_piece() {
        assert_eq!(parse(&[SAMPLE]), sample_events());
    }

    #[test]
    fn every_split_into_two_and_three_chunks_reads_the_same() {
        let expected = sample_events();
        for i in 0..=SAMPLE.len() {
            let (a, b) = SAMPLE.split_at(i);
            assert_eq!(parse(&[a, b]), expected, "split at {i}");
            for j in i..=SAMPLE.len() {
                let (b, c) = SAMPLE[i..].split_at(j - i);
                assert_eq!(parse(&[a, b, c]), expected, "split at {i} and {j}");
            }
        }
        let bytes: Vec<&[u8]> = SAMPLE.chunks(1).collect();
        assert_eq!(parse(&bytes), expected, "byte by byte");
    }

    #[test]
    fn line_ends_may_be_crlf_lf_or_cr() {
        for end in ["\r\n", "\n", "\r"] {
            let text = format!("data: a{end}data: b{end}{end}");
            assert_eq!(parse(&[text.as_bytes()]), vec![event("a\nb")], "{end:?}");
        }
        // CR then LF in separate chunks is one line end, not a blank line.
        assert_eq!(
            parse(&[b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"]),
            vec![event("a\nb")]
        );
        // An empty chunk between them changes nothing.
        assert_eq!(parse(&[b"data: a\r", b"", b"\n", b"\n"]), vec![event("a")]);
    }

    #[test]
    fn one_leading_space_is_removed_and_a_field_without_colon_is_empty() {
        assert_eq!(parse(&[b"data:  two\n\n"]), vec![event(" two")]);
        assert_eq!(parse(&[b"data:none\n\n"]), vec![event("none")]);
        assert_eq!(parse(&[b"data\ndata\n\n"]), vec![event("\n")]);
        assert_eq!(parse(&[b"data: a:b\n\n"]), vec![event("a:b")]);
    }

    #[test]
    fn comments_and_unknown_fields_are_ignored_and_no_data_dispatches_nothing() {
        assert_eq!(parse(&[b": keep-alive\n\n:\n\nfoo: bar\n\n"]), vec![]);
        // `event` without data is dropped with the blank line; it does not carry over.
        assert_eq!(parse(&[b"event: x\n\ndata: y\n\n"]), vec![event("y")]);
    }

    #[test]
    fn id_carries_over_and_retry_needs_digits() {
        let events = parse(&[b"id: 1\ndata: a\n\ndata: b\n\nid: 2\0\nretry: 1x\ndata: c\n\n"]);
        let ids: Vec<_> = events.iter().map(|e| e.id.as_deref()).collect();
        assert_eq!(ids, [Some("1"), Some("1"), Some("1")]);
        assert!(events.iter().all(|e| e.retry.is_none()));
    }

    #[test]
    fn a_bom_is_removed_only_at_the_start() {
        assert_eq!(
            parse(&[b"\xEF", b"\xBB", b"\xBFdata: a\n\n"]),
            vec![event("a")]
        );
        // Later, the same bytes are part of the line: here they make a field name no one knows.
        assert_eq!(
            parse(&[b"data: a\n\n\xEF\xBB\xBFdata: b\n\n"]),
            vec![event("a")]
        );
    }

    #[test]
    fn an_event_without_its_blank_line_is_not_dispatched_yet() {
        let mut parser = Parser::default();
        assert_eq!(parser.push(b"data: a\ndata: b"), vec![]);
        assert_eq!(parser.push(b"c\n"), vec![]);
        assert_eq!(parser.push(b"\n"), vec![event("a\nbc")]);
    }

    #[test]
    fn invalid_utf8_becomes_the_replacement_character() {
        assert_eq!(parse(&[b"data: \xFF\n\n"]), vec![event("\u{FFFD}")]);
    }
}
