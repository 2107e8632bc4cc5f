//! Operations that answer with server-sent events, or with one JSON value per line
//! (`application/x-ndjson`, JSON Lines, JSON text sequences): the call that starts the stream,
//! and the stream of events, each one's `data` (each line) decoded as the documented type.
//!
//! The `Stream` trait is `futures-core`'s, the one every async Rust stream library implements
//! and consumes (`futures::StreamExt`, `tokio-stream`): the crate depends on that small crate
//! only, and only when the API has an event stream.

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use serde::de::DeserializeOwned;

use crate::body::StreamingResponse;
use crate::call::{Call, Decoder, Outcome};
use crate::decode::{DecodeError, repaired};
use crate::error::Error;
use crate::raw_response::RawResponse;
use crate::sse::{Parser, RawEvent};
use crate::transport_error::TransportError;

/// The data of OpenAI's last event: it ends the stream and is not decoded.
const DONE: &str = "[DONE]";

/// The time limit reqwest is given for a streaming call: none to speak of, since the stream
/// times each wait itself.
const NO_LIMIT: Duration = Duration::from_secs(60 * 60 * 24 * 365);

/// One server-sent event, its data decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<D> {
    /// The event's type (`event:`), when the server named one (`message` when it did not).
    pub event: Option<String>,
    /// The last event id the stream set (`id:`), which carries over to later events.
    pub id: Option<String>,
    /// The reconnection time the server asked for with this event (`retry:`).
    pub retry: Option<Duration>,
    /// The event's `data:` lines, joined with `\n` and decoded as JSON.
    pub data: D,
}

/// Why a stream of events stopped, or one event was skipped.
#[derive(Debug)]
#[non_exhaustive]
pub enum StreamError {
    /// Nothing arrived within the time limit: the response did not start, or the wait between
    /// two chunks was longer. The stream ends.
    TimedOut {
        /// The limit ([`EventCall::timeout`], else the client's).
        limit: Duration,
    },
    /// The connection failed while the events arrived. The stream ends; it is not retried.
    Transport(TransportError),
    /// An event's data did not decode as the documented type; the stream goes on.
    Decode {
        /// The event, its data as sent.
        event: Event<String>,
        /// Where and why decoding failed.
        source: DecodeError,
    },
    /// The success response is not the stream the operation documents (its `Content-Type` is
    /// another: not `text/event-stream`, or not one JSON value per line); for some APIs the
    /// request must ask for a stream (OpenAI's `stream: true`). The stream ends.
    NotEventStream {
        /// The response's `Content-Type`.
        content_type: String,
    },
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::TimedOut { limit } => {
                write!(f, "the event stream timed out (nothing for {limit:?})")
            }
            StreamError::Transport(error) => write!(f, "the event stream failed: {error}"),
            StreamError::Decode { source, .. } => {
                write!(f, "an event's data did not decode: {source}")
            }
            StreamError::NotEventStream { content_type } => {
                write!(f, "expected a stream, got `{content_type}`")
            }
        }
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StreamError::Transport(error) => Some(error),
            StreamError::Decode { source, .. } => Some(source),
            StreamError::TimedOut { .. } | StreamError::NotEventStream { .. } => None,
        }
    }
}

/// A call of an operation's streaming method, ready to send.
///
/// `.await` it for the [`EventStream`]: the request is sent, and retried as any call, until a
/// response starts; an error status fails as it would for the operation's other method. Once
/// the stream has started nothing is retried.
#[must_use = "a call does nothing until it is awaited"]
pub struct EventCall<'c, D, E> {
    call: Call<'c, (), E>,
    /// Whether the body is one JSON value per line rather than server-sent events.
    lines: bool,
    data: PhantomData<fn() -> D>,
}

impl<D, E> fmt::Debug for EventCall<'_, D, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EventCall").field(&self.call).finish()
    }
}

impl<'c, D, E> EventCall<'c, D, E> {
    /// What the API crate's event-stream methods return.
    #[doc(hidden)]
    pub fn new(call: Call<'c, (), E>) -> Self {
        Self {
            call,
            lines: false,
            data: PhantomData,
        }
    }

    /// What the API crate's methods that stream one JSON value per line return: each line is
    /// an [`Event`] whose `data` is that value (its `event`, `id` and `retry` are `None`).
    #[doc(hidden)]
    pub fn lines(call: Call<'c, (), E>) -> Self {
        Self {
            lines: true,
            ..Self::new(call)
        }
    }

    /// Retries the request at most `retries` times before the stream starts, instead of the
    /// client's setting.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.call = self.call.max_retries(retries);
        self
    }

    /// The longest wait, instead of the client's time limit: for the response to start
    /// (retries included), then between two chunks of the stream. A stream may last any
    /// longer; a server that goes quiet for longer fails with [`StreamError::TimedOut`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends `key` as the call's idempotency key, as [`Call::idempotency_key`] does.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.call = self.call.idempotency_key(key);
        self
    }

    /// Sends the header `name: value` with the request, as [`Call::header`] does.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.call = self.call.header(name, value);
        self
    }

    /// Sets the field `name` of the request's JSON body, as [`Call::body_field`] does.
    pub fn body_field<V: serde::Serialize + ?Sized>(mut self, name: &str, value: &V) -> Self {
        self.call = self.call.body_field(name, value);
        self
    }

    /// Adds the query parameter `name=value` to the request, as [`Call::query`] does.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.call = self.call.query(name, value);
        self
    }
}

impl<'c, D, E> IntoFuture for EventCall<'c, D, E>
where
    D: DeserializeOwned + 'c,
    E: Send + 'c,
{
    type Output = Result<EventStream<D>, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        let (mut call, lines) = (self.call, self.lines);
        let gap = call.timeout.unwrap_or(call.client.inner.timeout);
        call.timeout = Some(NO_LIMIT);
        let started = call.execute(finish::<D, E>, Some(EventStream::<D>::new));
        Box::pin(async move {
            match tokio::time::timeout(gap, started).await {
                Ok(stream) => stream.map(|stream| stream.with_gap(gap).framed(lines)),
                Err(_) => Ok(EventStream::failed(StreamError::TimedOut { limit: gap })),
            }
        })
    }
}

/// A streaming method's decoder: the operation's, its success body ignored.
pub fn started<T, E>(outcome: Outcome<T, E>) -> Outcome<(), E> {
    match outcome {
        Outcome::Success(_) | Outcome::Undecodable(_) => Outcome::Success(()),
        Outcome::Failure(error) => Outcome::Failure(error),
        Outcome::Unexpected => Outcome::Unexpected,
    }
}

/// What a response that is not a 2xx, its body read, makes: the error it is for the operation,
/// or, for a status it documents as a success, the events of the body already read.
#[allow(clippy::result_large_err)]
fn finish<D, E>(decode: Decoder<(), E>, response: RawResponse) -> Result<EventStream<D>, Error<E>> {
    match decode(response.status, &response.body) {
        Outcome::Success(()) | Outcome::Undecodable(_) => {
            Ok(EventStream::new(StreamingResponse::read(
                response.status,
                response.headers,
                response.body,
                response.attempts,
                Duration::ZERO,
            )))
        }
        Outcome::Failure(error) => Err(Error::Api { error, response }),
        Outcome::Unexpected => Err(Error::UnexpectedStatus { response }),
    }
}

type Reading =
    Pin<Box<dyn Future<Output = (StreamingResponse, Result<Option<Bytes>, StreamError>)> + Send>>;

enum State {
    /// Between chunks.
    Idle(StreamingResponse),
    /// Waiting for the next chunk.
    Reading(Reading),
    /// Ends with this error.
    Failed(StreamError),
    Done,
}

/// The events of a streaming call as they arrive: a `futures_core::Stream` of
/// `Result<Event<D>, StreamError>`, read with `StreamExt::next` from `futures` or
/// `tokio-stream`. It ends at the end of the response or at OpenAI's `[DONE]`; an event still
/// incomplete at the end is dropped, as the event-stream rules say. Dropping the stream closes
/// the connection: that is how a stream is cancelled.
pub struct EventStream<D> {
    status: StatusCode,
    headers: HeaderMap,
    attempts: u32,
    gap: Duration,
    state: State,
    framing: Framing,
    ready: VecDeque<RawEvent>,
    data: PhantomData<fn() -> D>,
}

/// How the body is cut into events.
enum Framing {
    /// Server-sent events.
    Events(Parser),
    /// One JSON value per line.
    Lines(Lines),
}

impl Framing {
    /// The events `chunk` completes.
    fn push(&mut self, chunk: &[u8]) -> Vec<RawEvent> {
        match self {
            Framing::Events(parser) => parser.push(chunk),
            Framing::Lines(lines) => lines.push(chunk),
        }
    }

    /// The last event, at the end of the body: a last line without its line feed; an event
    /// still incomplete is dropped, as the event-stream rules say.
    fn finish(&mut self) -> Option<RawEvent> {
        match self {
            Framing::Events(_) => None,
            Framing::Lines(lines) => lines.finish(),
        }
    }
}

/// The lines of a body of JSON values, one per line: newline-delimited JSON, JSON Lines, and
/// JSON text sequences (RFC 7464: each record starts with RS, 0x1E, and ends with a line
/// feed). Blank lines are skipped; a CR before the line feed and whitespace around are not
/// part of the value.
#[derive(Default)]
struct Lines {
    partial: Vec<u8>,
}

impl Lines {
    fn push(&mut self, chunk: &[u8]) -> Vec<RawEvent> {
        let mut events = Vec::new();
        let mut rest = chunk;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            self.partial.extend_from_slice(&rest[..end]);
            rest = &rest[end + 1..];
            let line = std::mem::take(&mut self.partial);
            events.extend(line_event(&line));
        }
        self.partial.extend_from_slice(rest);
        events
    }

    fn finish(&mut self) -> Option<RawEvent> {
        line_event(&std::mem::take(&mut self.partial))
    }
}

/// The event of one line, unless it is blank.
fn line_event(line: &[u8]) -> Option<RawEvent> {
    let text = String::from_utf8_lossy(line);
    let value = text.trim_matches(|c: char| c == '\u{1e}' || c.is_ascii_whitespace());
    (!value.is_empty()).then(|| RawEvent {
        event: None,
        data: value.to_owned(),
        id: None,
        retry: None,
    })
}

impl<D> EventStream<D> {
    /// The stream of `response`'s body, as server-sent events until [`framed`](Self::framed)
    /// says otherwise.
    fn new(mut response: StreamingResponse) -> Self {
        let (status, attempts) = (response.status, response.attempts());
        let headers = std::mem::take(&mut response.headers);
        Self {
            status,
            headers,
            attempts,
            gap: NO_LIMIT,
            state: State::Idle(response),
            framing: Framing::Events(Parser::default()),
            ready: VecDeque::new(),
            data: PhantomData,
        }
    }

    /// The stream read as one JSON value per line (`lines`) or as server-sent events; it ends
    /// at once with [`StreamError::NotEventStream`] when the response's `Content-Type` is
    /// neither that nor absent.
    fn framed(mut self, lines: bool) -> Self {
        if lines {
            self.framing = Framing::Lines(Lines::default());
        }
        let content_type = (self.headers.get(header::CONTENT_TYPE))
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        if let (Some(content_type), State::Idle(_)) = (content_type, &self.state) {
            let expected = if lines {
                is_json_lines(&content_type)
            } else {
                is_event_stream(&content_type)
            };
            if !expected {
                self.state = State::Failed(StreamError::NotEventStream { content_type });
            }
        }
        self
    }

    fn failed(error: StreamError) -> Self {
        Self {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            attempts: 0,
            gap: NO_LIMIT,
            state: State::Failed(error),
            framing: Framing::Events(Parser::default()),
            ready: VecDeque::new(),
            data: PhantomData,
        }
    }

    fn with_gap(mut self, gap: Duration) -> Self {
        self.gap = gap;
        self
    }

    /// The HTTP status of the response (`200 OK` for a stream whose response did not start in
    /// time, which yields only [`StreamError::TimedOut`]).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request id the server assigned, from `x-request-id` or `request-id`, if present.
    pub fn request_id(&self) -> Option<&str> {
        crate::raw_response::request_id(&self.headers)
    }

    /// How many attempts the call made before the stream started, this one included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl<D> fmt::Debug for EventStream<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("status", &self.status)
            .field("headers", &crate::redact::Headers(&self.headers))
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

fn is_event_stream(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/event-stream"))
}

/// Whether `content_type` is one of the names of one JSON value per line.
fn is_json_lines(content_type: &str) -> bool {
    const NAMES: [&str; 7] = [
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/x-jsonl",
        "application/jsonlines",
        "application/x-jsonlines",
        "application/json-seq",
    ];
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    NAMES.iter().any(|name| essence.eq_ignore_ascii_case(name))
}

/// Reads the next chunk, waiting at most `gap`; hands the response back with it.
async fn next_chunk(
    mut response: StreamingResponse,
    gap: Duration,
) -> (StreamingResponse, Result<Option<Bytes>, StreamError>) {
    let chunk = match tokio::time::timeout(gap, response.chunk()).await {
        Ok(Ok(chunk)) => Ok(chunk),
        Ok(Err(error)) => Err(StreamError::Transport(error)),
        Err(_) => Err(StreamError::TimedOut { limit: gap }),
    };
    (response, chunk)
}

fn decode<D: DeserializeOwned>(raw: RawEvent) -> Result<Event<D>, StreamError> {
    let decoded = serde_json::from_str(&raw.data).or_else(|error| {
        repaired(raw.data.as_bytes()).map_err(|located| {
            located.unwrap_or_else(|| DecodeError::locate::<D>(raw.data.as_bytes(), error))
        })
    });
    match decoded {
        Ok(data) => Ok(Event {
            event: raw.event,
            id: raw.id,
            retry: raw.retry,
            data,
        }),
        Err(source) => Err(StreamError::Decode {
            source,
            event: Event {
                event: raw.event,
                id: raw.id,
                retry: raw.retry,
                data: raw.data,
            },
        }),
    }
}

impl<D: DeserializeOwned> futures_core::Stream for EventStream<D> {
    type Item = Result<Event<D>, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(raw) = this.ready.pop_front() {
                if raw.data == DONE {
                    this.ready.clear();
                    this.state = State::Done;
                    return Poll::Ready(None);
                }
                return Poll::Ready(Some(decode(raw)));
            }
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Failed(error) => return Poll::Ready(Some(Err(error))),
                State::Idle(response) => {
                    this.state = State::Reading(Box::pin(next_chunk(response, this.gap)));
                }
                State::Reading(mut reading) => match reading.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Reading(reading);
                        return Poll::Pending;
                    }
                    Poll::Ready((response, Ok(Some(chunk)))) => {
                        this.ready.extend(this.framing.push(&chunk));
                        this.state = State::Idle(response);
                    }
                    Poll::Ready((_, Ok(None))) => this.ready.extend(this.framing.finish()),
                    Poll::Ready((_, Err(error))) => return Poll::Ready(Some(Err(error))),
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(events: Vec<RawEvent>) -> Vec<String> {
        events.into_iter().map(|event| event.data).collect()
    }

    #[test]
    fn lines_are_cut_at_line_feeds_across_chunks() {
        let mut lines = Lines::default();
        assert_eq!(data(lines.push(b"{\"a\":1}\n{\"a\"")), [r#"{"a":1}"#]);
        assert!(lines.push(b":2").is_empty());
        assert_eq!(data(lines.push(b"}\r\n\n  \n[3]\n")), [r#"{"a":2}"#, "[3]"]);
        // A last line without its line feed is a value too.
        assert!(lines.push(b"4").is_empty());
        assert_eq!(lines.finish().map(|event| event.data).as_deref(), Some("4"));
        assert!(lines.finish().is_none());
    }

    #[test]
    fn json_text_sequences_lose_their_record_separators() {
        let mut lines = Lines::default();
        assert_eq!(
            data(lines.push(b"\x1e{\"a\":1}\n\x1e\"b\"\n")),
            [r#"{"a":1}"#, r#""b""#]
        );
        let event = line_event(b"\x1e[1]").unwrap();
        assert_eq!((event.event, event.id, event.retry), (None, None, None));
    }

    #[test]
    fn json_lines_media_types_are_recognised_by_their_essence() {
        assert!(is_json_lines("application/x-ndjson; charset=utf-8"));
        assert!(is_json_lines("Application/JSONL"));
        assert!(is_json_lines("application/json-seq"));
        assert!(!is_json_lines("application/json"));
        assert!(!is_json_lines("text/event-stream"));
    }
}
