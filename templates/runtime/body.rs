//! Response bodies: buffered whole up to a size limit, or handed over as a stream.
//!
//! Typed methods need the whole body before they can decode it, so they buffer it, and a body
//! larger than the client's limit is an error rather than memory the process cannot spare. A
//! download that may be larger is taken as a [`StreamingResponse`] instead, read chunk by chunk
//! and never held whole by the client.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::redact;
use crate::transport_error::TransportError;

/// The largest response body a client buffers unless configured otherwise: 100 MiB.
///
/// The limit is a guard against a runaway or hostile body, not a judgement on ordinary large
/// answers: no JSON page of a real API comes near it, and most documents an API returns as bytes
/// (a fax, a PDF, an export) fit under it too. Decoding JSON can take several times the body's
/// size in memory, so 100 MiB is about what a small server process can still afford at its peak.
/// Anything larger should be read as a stream ([`Call::send_streaming`](crate::Call::send_streaming)),
/// which this limit does not apply to.
pub const DEFAULT_MAX_RESPONSE_BODY: u64 = 100 * 1024 * 1024;

/// A body as its chunks arrive: the one chunk as it is, or several copied together, which is
/// what `Response::bytes` returns. It refuses to grow past its limit.
pub(crate) struct ChunkedBody {
    first: Bytes,
    joined: Option<Vec<u8>>,
    len: u64,
    limit: u64,
}

/// The body grew past the limit; what was read so far has been dropped.
#[derive(Debug)]
pub(crate) struct TooLarge;

impl ChunkedBody {
    pub(crate) fn new(limit: u64) -> Self {
        Self {
            first: Bytes::new(),
            joined: None,
            len: 0,
            limit,
        }
    }

    /// Refuses a body whose announced `Content-Length` is already over the limit, before any of
    /// it is read.
    pub(crate) fn check_announced(&self, content_length: Option<u64>) -> Result<(), TooLarge> {
        match content_length {
            Some(length) if length > self.limit => Err(TooLarge),
            _ => Ok(()),
        }
    }

    pub(crate) fn push(&mut self, chunk: Bytes) -> Result<(), TooLarge> {
        self.len = self.len.saturating_add(chunk.len() as u64);
        if self.len > self.limit {
            self.first = Bytes::new();
            self.joined = None;
            return Err(TooLarge);
        }
        if let Some(joined) = &mut self.joined {
            joined.extend_from_slice(&chunk);
        } else if self.first.is_empty() {
            self.first = chunk;
        } else if !chunk.is_empty() {
            let mut joined = Vec::with_capacity(self.first.len() + chunk.len());
            joined.extend_from_slice(&self.first);
            joined.extend_from_slice(&chunk);
            self.joined = Some(joined);
        }
        Ok(())
    }

    pub(crate) fn into_bytes(self) -> Bytes {
        match self.joined {
            Some(joined) => Bytes::from(joined),
            None => self.first,
        }
    }
}

/// Why a body could not be read whole.
pub(crate) enum ReadError {
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads all of `response`'s body, at most `limit` bytes of it.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
    limit: u64,
) -> Result<Bytes, ReadError> {
    let mut body = ChunkedBody::new(limit);
    body.check_announced(response.content_length())
        .map_err(|TooLarge| ReadError::TooLarge)?;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => body.push(chunk).map_err(|TooLarge| ReadError::TooLarge)?,
            Ok(None) => return Ok(body.into_bytes()),
            Err(error) => {
                return Err(ReadError::Transport(error.with_url(response.url().clone())));
            }
        }
    }
}

/// A success response whose body is read as it arrives, for downloads too large to hold in
/// memory: from [`Call::send_streaming`](crate::Call::send_streaming) or
/// [`Client::fetch_without_credentials`](crate::Client::fetch_without_credentials).
///
/// The client's size limit does not apply: the caller decides where the bytes go. The call's
/// time limit still does, to the whole body, so give a long download its own with
/// [`Call::timeout`](crate::Call::timeout). A failure while reading is never retried: part of
/// the body has already been handed over.
///
/// ```rust,ignore
/// let mut download = client.download_file("id").send_streaming().await?;
/// while let Some(chunk) = download.chunk().await? {
///     file.write_all(&chunk)?;
/// }
/// ```
///
/// For a `futures::Stream` of chunks, wrap [`chunk`](Self::chunk) in
/// `futures::stream::try_unfold(download, |mut d| async move { Ok(d.chunk().await?.map(|c| (c, d))) })`.
pub struct StreamingResponse {
    /// The HTTP status code.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    attempts: u32,
    timeout: Duration,
    body: StreamingBody,
}

enum StreamingBody {
    /// Still arriving.
    Live(reqwest::Response),
    /// Already read (a documented non-2xx success, read to choose its outcome); `None` once
    /// handed over.
    Read(Option<Bytes>),
}

impl StreamingResponse {
    /// A response whose body has not been read; its headers are moved out of it.
    pub(crate) fn live(mut response: reqwest::Response, attempts: u32, timeout: Duration) -> Self {
        Self {
            status: response.status(),
            headers: std::mem::take(response.headers_mut()),
            attempts,
            timeout,
            body: StreamingBody::Live(response),
        }
    }

    /// A response whose body was already read whole.
    pub(crate) fn read(
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        attempts: u32,
        timeout: Duration,
    ) -> Self {
        Self {
            status,
            headers,
            attempts,
            timeout,
            body: StreamingBody::Read(Some(body)),
        }
    }

    /// The next chunk of the body, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, TransportError> {
        match &mut self.body {
            StreamingBody::Live(response) => match response.chunk().await {
                Ok(chunk) => Ok(chunk),
                Err(error) => {
                    let error = error.with_url(response.url().clone());
                    Err(TransportError::new(error, self.attempts, self.timeout))
                }
            },
            StreamingBody::Read(body) => Ok(body.take().filter(|body| !body.is_empty())),
        }
    }

    /// The body's length as the server announced it (`Content-Length`), when it did.
    pub fn content_length(&self) -> Option<u64> {
        self.headers
            .get(reqwest::header::CONTENT_LENGTH)?
            .to_str()
            .ok()?
            .parse()
            .ok()
    }

    /// The request id the server assigned, from `x-request-id` or `request-id`, if present.
    pub fn request_id(&self) -> Option<&str> {
        crate::raw_response::request_id(&self.headers)
    }

    /// How many attempts the call made, this one included (1 when it was not retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Debug for StreamingResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamingResponse")
            .field("status", &self.status)
            .field("headers", &redact::Headers(&self.headers))
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_join_as_response_bytes_does() {
        let join = |chunks: &[&'static str]| {
            let mut body = ChunkedBody::new(u64::MAX);
            for chunk in chunks {
                body.push(Bytes::from_static(chunk.as_bytes())).unwrap();
            }
            body.into_bytes()
        };
        assert_eq!(join(&[]), "");
        assert_eq!(join(&["", "a"]), "a");
        assert_eq!(join(&["ab"]), "ab");
        assert_eq!(join(&["a", "", "b", "c"]), "abc");
    }

    #[test]
    fn a_body_may_reach_the_limit_but_not_pass_it() {
        let mut body = ChunkedBody::new(4);
        assert!(body.check_announced(Some(4)).is_ok());
        assert!(body.check_announced(Some(5)).is_err());
        assert!(body.check_announced(None).is_ok());
        body.push(Bytes::from_static(b"ab")).unwrap();
        body.push(Bytes::from_static(b"cd")).unwrap();
        assert!(body.push(Bytes::from_static(b"e")).is_err());
        let mut exact = ChunkedBody::new(4);
        exact.push(Bytes::from_static(b"abcd")).unwrap();
        assert_eq!(exact.into_bytes(), "abcd");
    }

    #[test]
    fn the_default_limit_is_100_mib() {
        assert_eq!(DEFAULT_MAX_RESPONSE_BODY, 104_857_600);
    }
}
