//! Every page of a list operation, as a [`Stream`]: each page one call of the operation (with
//! its retries, timeouts and errors), the next page asked for as the spec shows, ending after
//! the last page.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use reqwest::header::{HeaderMap, LINK};

use crate::call::{Call, Response};
use crate::error::Error;

/// How an operation asks for its next page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The response's cursor (or its last item's id), sent back as the parameter.
    Cursor,
    /// A page number, one more each page, from `start` (1 when the call gives none).
    PageNumber { start: Option<u64> },
    /// An offset, moved on by the items received, from `start` (0 when the call gives none).
    Offset { start: Option<u64> },
    /// The value of the query parameter `param` in the `Link: <…>; rel="next"` header.
    Link { param: &'static str },
}

/// What the generated code reads from a page for its [`Rule`].
#[derive(Debug, Default)]
pub struct PageInfo {
    /// How many items the page holds.
    pub items: usize,
    /// The next cursor the page gives, for [`Rule::Cursor`].
    pub cursor: Option<String>,
    /// The page's `has_more` flag, when it has one.
    pub has_more: Option<bool>,
    /// The total count of items, when the page says it.
    pub total: Option<u64>,
}

/// The value a page asks for the next page with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cursor {
    Text(String),
    Number(u64),
}

impl Cursor {
    /// The cursor as a string parameter's value.
    pub fn text(&self) -> Option<String> {
        Some(self.to_string())
    }

    /// The cursor as an integer parameter's value; `None` when it is not a number or does
    /// not fit.
    pub fn number<N: TryFrom<u64>>(&self) -> Option<N> {
        match self {
            Cursor::Number(number) => N::try_from(*number).ok(),
            Cursor::Text(text) => text.parse::<u64>().ok().and_then(|n| N::try_from(n).ok()),
        }
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cursor::Text(text) => f.write_str(text),
            Cursor::Number(number) => write!(f, "{number}"),
        }
    }
}

/// A page number or offset the call gives, as the first page's.
pub fn start<N: TryInto<u64>>(value: Option<N>) -> Option<u64> {
    value.and_then(|n| n.try_into().ok())
}

/// A count from the response, when it is one.
pub fn count<N: TryInto<u64>>(value: Option<N>) -> Option<u64> {
    start(value)
}

/// The server gave, for the next page, a cursor it had given already: following it would
/// fetch the same pages again, forever. The stream yields it as
/// [`Error::InvalidRequest`] (the next request is not sent), then ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedCursor {
    /// The cursor, as it would have been sent.
    pub cursor: String,
}

impl fmt::Display for RepeatedCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the server gave the cursor `{}` for the next page again; the pages would repeat forever",
            self.cursor
        )
    }
}

impl std::error::Error for RepeatedCursor {}

type Fetch<'c, T, E> = Box<dyn FnMut(Option<&Cursor>) -> Call<'c, T, E> + Send + 'c>;
type Sending<'c, T, E> = Pin<Box<dyn Future<Output = Result<Response<T>, Error<E>>> + Send + 'c>>;

enum State<'c, T, E> {
    /// The next page is to be asked for with this cursor (none for the first page).
    Ready(Option<Cursor>),
    /// A page is on its way.
    Sending(Sending<'c, T, E>),
    /// The next poll yields this error, then the stream ends.
    Failed(Box<Error<E>>),
    Done,
}

/// Every page of a list operation, in order: a [`Stream`] of each page's body.
///
/// Each page is one call of the operation, with the client's retries and timeouts. The stream
/// ends after the last page: one without a next cursor, with `has_more: false`, empty, reaching
/// the total the server gives, or without a `Link: rel="next"` header. An error ends it after
/// it is yielded, and so does a server giving a cursor it gave before (see
/// [`RepeatedCursor`]). Dropping the stream cancels the call on its way.
#[must_use = "a stream does nothing until it is polled"]
pub struct Pages<'c, T, E> {
    fetch: Fetch<'c, T, E>,
    info: fn(&Response<T>) -> PageInfo,
    rule: Rule,
    state: State<'c, T, E>,
    /// The cursors sent so far.
    seen: HashSet<Cursor>,
    /// The items received so far, and where the next offset is.
    received: u64,
    position: u64,
    pages: u64,
    max_pages: Option<u64>,
    /// The headers set on every page's call ([`Pages::header`]).
    headers: Vec<(String, String)>,
    /// The query parameters added to every page's call ([`Pages::query`]).
    query: Vec<(String, String)>,
    /// Each page's call's retries and time limit, when set ([`Pages::max_retries`],
    /// [`Pages::timeout`]).
    max_retries: Option<u32>,
    timeout: Option<Duration>,
}

// Nothing is pinned in place: the call on its way is boxed.
impl<T, E> Unpin for Pages<'_, T, E> {}

impl<T, E> fmt::Debug for Pages<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("rule", &self.rule)
            .field("pages", &self.pages)
            .field("max_pages", &self.max_pages)
            .field("max_retries", &self.max_retries)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<'c, T, E> Pages<'c, T, E>
where
    T: Send + 'c,
    E: Send + 'c,
{
    pub fn new(
        rule: Rule,
        info: fn(&Response<T>) -> PageInfo,
        fetch: impl FnMut(Option<&Cursor>) -> Call<'c, T, E> + Send + 'c,
    ) -> Self {
        let position = match rule {
            Rule::PageNumber { start } => start.unwrap_or(1),
            Rule::Offset { start } => start.unwrap_or(0),
            Rule::Cursor | Rule::Link { .. } => 0,
        };
        Self {
            fetch: Box::new(fetch),
            info,
            rule,
            state: State::Ready(None),
            seen: HashSet::new(),
            received: 0,
            position,
            pages: 0,
            max_pages: None,
            headers: Vec::new(),
            query: Vec::new(),
            max_retries: None,
            timeout: None,
        }
    }

    /// Stops after `pages` pages, even when the server has more.
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// Sends the header `name: value` with every page's call, as [`Call::header`] does for one
    /// call.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Adds the query parameter `name=value` to every page's call, as [`Call::query`] does for
    /// one call.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Retries each page's call at most `retries` times instead of the client's setting, as
    /// [`Call::max_retries`] does for one call.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The time limit of each attempt of each page's call, instead of the client's setting, as
    /// [`Call::timeout`] does for one call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The items of every page, in order, as a [`Stream`].
    pub fn items<I>(self, take: fn(T) -> Vec<I>) -> Items<'c, T, E, I> {
        Items {
            pages: self,
            take,
            buffer: Vec::new().into_iter(),
        }
    }

    /// What comes after a page: the cursor of the next one, or `None` after the last.
    fn next(&mut self, response: &Response<T>) -> Option<Cursor> {
        let info = (self.info)(response);
        self.received = self.received.saturating_add(info.items as u64);
        let reached_total = info.total.is_some_and(|total| self.received >= total);
        if info.items == 0 || info.has_more == Some(false) || reached_total {
            return None;
        }
        match self.rule {
            Rule::Cursor => info
                .cursor
                .filter(|cursor| !cursor.is_empty())
                .map(Cursor::Text),
            Rule::PageNumber { .. } => {
                self.position = self.position.saturating_add(1);
                Some(Cursor::Number(self.position))
            }
            Rule::Offset { .. } => {
                self.position = self.position.saturating_add(info.items as u64);
                Some(Cursor::Number(self.position))
            }
            Rule::Link { param } => next_link_param(&response.headers, param),
        }
    }
}

impl<'c, T, E> Stream for Pages<'c, T, E>
where
    T: Send + 'c,
    E: Send + 'c,
{
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Failed(error) => return Poll::Ready(Some(Err(*error))),
                State::Ready(cursor) => {
                    if this.max_pages.is_some_and(|max| this.pages >= max) {
                        return Poll::Ready(None);
                    }
                    this.pages += 1;
                    let mut call = (this.fetch)(cursor.as_ref());
                    for (name, value) in &this.headers {
                        call = call.header(name, value);
                    }
                    for (name, value) in &this.query {
                        call = call.query(name, value);
                    }
                    if let Some(retries) = this.max_retries {
                        call = call.max_retries(retries);
                    }
                    if let Some(timeout) = this.timeout {
                        call = call.timeout(timeout);
                    }
                    this.state = State::Sending(Box::pin(call.send()));
                }
                State::Sending(mut sending) => match sending.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Sending(sending);
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                    Poll::Ready(Ok(response)) => {
                        this.state = match this.next(&response) {
                            None => State::Done,
                            Some(cursor) if this.seen.contains(&cursor) => State::Failed(Box::new(
                                Error::InvalidRequest(Box::new(RepeatedCursor {
                                    cursor: cursor.to_string(),
                                })),
                            )),
                            Some(cursor) => {
                                this.seen.insert(cursor.clone());
                                State::Ready(Some(cursor))
                            }
                        };
                        return Poll::Ready(Some(Ok(response.value)));
                    }
                },
            }
        }
    }
}

/// Every item of every page of a list operation, in order: a [`Stream`] of items, fetching
/// each page as the items before it are taken. It ends, and yields errors, as [`Pages`] does.
#[must_use = "a stream does nothing until it is polled"]
pub struct Items<'c, T, E, I> {
    pages: Pages<'c, T, E>,
    take: fn(T) -> Vec<I>,
    buffer: std::vec::IntoIter<I>,
}

// Nothing is pinned in place (see `Pages`).
impl<T, E, I> Unpin for Items<'_, T, E, I> {}

impl<T, E, I> fmt::Debug for Items<'_, T, E, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .finish_non_exhaustive()
    }
}

impl<'c, T, E, I> Items<'c, T, E, I>
where
    T: Send + 'c,
    E: Send + 'c,
{
    /// Stops after `pages` pages, even when the server has more.
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.pages = self.pages.max_pages(pages);
        self
    }

    /// Sends the header `name: value` with every page's call, as [`Call::header`] does for one
    /// call.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.pages = self.pages.header(name, value);
        self
    }

    /// Adds the query parameter `name=value` to every page's call, as [`Call::query`] does for
    /// one call.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.pages = self.pages.query(name, value);
        self
    }

    /// Retries each page's call at most `retries` times, as [`Pages::max_retries`] does.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.pages = self.pages.max_retries(retries);
        self
    }

    /// The time limit of each attempt of each page's call, as [`Pages::timeout`] does.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.pages = self.pages.timeout(timeout);
        self
    }
}

impl<'c, T, E, I> Stream for Items<'c, T, E, I>
where
    T: Send + 'c,
    E: Send + 'c,
{
    type Item = Result<I, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.buffer = (this.take)(page).into_iter(),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// The value of query parameter `param` in the target of the `Link` headers' `rel="next"`
/// link (RFC 8288), as a number when it is one.
fn next_link_param(headers: &HeaderMap, param: &str) -> Option<Cursor> {
    let target = headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(next_target)?;
    let url = reqwest::Url::parse(target)
        .or_else(|_| reqwest::Url::parse("http://localhost/")?.join(target))
        .ok()?;
    let value = url
        .query_pairs()
        .find(|(name, _)| name == param)
        .map(|(_, value)| value.into_owned())?;
    Some(match value.parse::<u64>() {
        Ok(number) => Cursor::Number(number),
        Err(_) => Cursor::Text(value),
    })
}

/// The target of the `rel="next"` link in one `Link` header value: `<url>; rel="next", …`.
fn next_target(value: &str) -> Option<&str> {
    let mut rest = value;
    loop {
        let open = rest.find('<')?;
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        let params_end = rest[close..].find('<').map_or(rest.len(), |i| close + i);
        let is_next = rest[close + 1..params_end].split(';').any(|param| {
            param.split_once('=').is_some_and(|(name, values)| {
                name.trim().eq_ignore_ascii_case("rel")
                    && values
                        .trim()
                        .trim_end_matches(',')
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            })
        });
        if is_next {
            return Some(target);
        }
        rest = &rest[params_end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_next_link_among_others() {
        let github = "<https://api.github.com/repositories/1/issues?page=2>; rel=\"prev\", \
                      <https://api.github.com/repositories/1/issues?per_page=5&page=4>; rel=\"next\", \
                      <https://api.github.com/repositories/1/issues?page=9>; rel=\"last\"";
        assert_eq!(
            next_target(github),
            Some("https://api.github.com/repositories/1/issues?per_page=5&page=4")
        );
        assert_eq!(next_target("</a?page=3>; rel=next"), Some("/a?page=3"));
        assert_eq!(
            next_target("</a?page=3>; rel=\"last next\""),
            Some("/a?page=3")
        );
        assert_eq!(next_target("</a?page=1>; rel=\"first\""), None);
        assert_eq!(next_target("garbage"), None);
    }

    #[test]
    fn reads_the_parameter_of_the_next_link() {
        let mut headers = HeaderMap::new();
        assert_eq!(next_link_param(&headers, "page"), None);
        headers.append(
            LINK,
            "<https://x.test/a?page=1>; rel=\"prev\"".parse().unwrap(),
        );
        headers.append(
            LINK,
            "<https://x.test/a?page=3&q=a>; rel=\"next\""
                .parse()
                .unwrap(),
        );
        assert_eq!(next_link_param(&headers, "page"), Some(Cursor::Number(3)));
        assert_eq!(
            next_link_param(&headers, "q"),
            Some(Cursor::Text("a".to_owned()))
        );
        assert_eq!(next_link_param(&headers, "cursor"), None);
    }

    #[test]
    fn a_cursor_converts_to_the_parameter_type() {
        assert_eq!(Cursor::Number(7).number::<i32>(), Some(7));
        assert_eq!(Cursor::Number(u64::MAX).number::<i64>(), None);
        assert_eq!(Cursor::Text("12".to_owned()).number::<u8>(), Some(12));
        assert_eq!(Cursor::Text("abc".to_owned()).number::<u8>(), None);
        assert_eq!(Cursor::Number(7).text().as_deref(), Some("7"));
        assert_eq!(start(Some(-1_i64)), None);
        assert_eq!(count(Some(5_i32)), Some(5));
    }
}
