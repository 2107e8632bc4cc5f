//! The builder's settings for servers, time limits, retries, headers and the HTTP client.

use std::time::Duration;

use crate::client::{ClientBuilder, MAX_REDIRECTS};

impl<C> ClientBuilder<C> {
    /// Sets the base URL of the default server ([`Server::Default`](crate::Server::Default)),
    /// for example a staging server or a local mock; operation paths are appended to it.
    /// Defaults to the first absolute server the API description lists
    /// ([`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL)). Operations that name a server of their
    /// own are not affected: see [`server_url`](Self::server_url) and
    /// [`all_servers_url`](Self::all_servers_url).
    pub fn base_url(self, url: impl Into<String>) -> Self {
        self.server_url(crate::Server::Default, url)
    }

    /// Sets the base URL of one server the API description names, such as an upload host, for
    /// example to reach a sandbox, a proxy or a mock. It replaces the server's whole URL (its
    /// variables do not apply) and takes precedence over
    /// [`all_servers_url`](Self::all_servers_url). An absolute path (`/internal`) is taken on
    /// the default server's origin (scheme, host and port), as a server the API description
    /// gives that way is.
    pub fn server_url(mut self, server: crate::Server, url: impl Into<String>) -> Self {
        self.server_urls.insert(server as usize, url.into());
        self
    }

    /// Sends every operation to `url`, whichever server the API description gives it: for a
    /// mock or test server that serves every path of the description under one host (as Prism
    /// does). Operation paths are appended to `url` as `paths` writes them; the servers' own path
    /// parts (`/v2`) are not kept. [`server_url`](Self::server_url) and
    /// [`base_url`](Self::base_url) still win for the server they name.
    pub fn all_servers_url(mut self, url: impl Into<String>) -> Self {
        self.all_servers_url = Some(url.into());
        self
    }

    /// Sets the `{name}` variable of the server URLs that use it. The generated methods named
    /// after each variable call this.
    #[allow(
        dead_code,
        reason = "only APIs whose server URLs have variables call it"
    )]
    pub(crate) fn server_variable(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.server_variables.insert(name, value.into());
        self
    }

    /// The time limit of each attempt, from connecting to the last body byte (default
    /// [`DEFAULT_TIMEOUT`]). [`Call::timeout`](crate::Call::timeout) overrides it per call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time limit for opening a connection (default [`DEFAULT_CONNECT_TIMEOUT`]). It
    /// belongs to the connection pool, so it applies to the HTTP client this builder creates,
    /// not to one given with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt is retried (default
    /// [`DEFAULT_MAX_RETRIES`](crate::DEFAULT_MAX_RETRIES)); 0 turns retries off.
    /// [`Call::max_retries`](crate::Call::max_retries) overrides it per call.
    ///
    /// Retried, for GET, HEAD, PUT, DELETE, OPTIONS and TRACE and for calls with an idempotency
    /// key ([`idempotency_key_header`](Self::idempotency_key_header)): connection failures,
    /// timeouts, a connection dropped while the body arrives, and HTTP 408, 429, 500, 502, 503
    /// and 504. For POST, PATCH and the other methods, only what shows the server did not act
    /// on the request: a connection that could not be made, and HTTP 408, 429 and 503. Only
    /// requests whose body can be sent again are retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The backoff before retries: `initial` before the first, doubling after each, at most
    /// `max`, each shortened by a random amount of up to a quarter (defaults
    /// [`DEFAULT_INITIAL_BACKOFF`](crate::DEFAULT_INITIAL_BACKOFF) and
    /// [`DEFAULT_MAX_BACKOFF`](crate::DEFAULT_MAX_BACKOFF)). A server's `Retry-After` replaces it.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max;
        self
    }

    /// The longest `Retry-After` (or `retry-after-ms`) the client waits for (default
    /// [`DEFAULT_MAX_RETRY_AFTER`](crate::DEFAULT_MAX_RETRY_AFTER)). When a server asks for a
    /// longer wait, the error is returned at once instead.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// Also retries HTTP 409 Conflict. Off by default: in most APIs 409 means the request
    /// conflicts with the resource's current state, which the same request meets again; turn
    /// it on for an API that documents 409 as a transient lock or concurrency failure.
    pub fn retry_on_conflict(mut self, retry: bool) -> Self {
        self.retry.retry_conflict = retry;
        self
    }

    /// Makes POST, PATCH and other non-idempotent calls safe to retry on an API that supports
    /// idempotency keys (Stripe's `Idempotency-Key`, for example): each such call sends a fresh
    /// random key in header `name`, the same key on every retry of that call, and is then
    /// retried like a GET. Without it, such a call is retried only when the server cannot have
    /// acted on it (see [`max_retries`](Self::max_retries)).
    /// [`Call::idempotency_key`](crate::Call::idempotency_key) sets the key of one call.
    pub fn idempotency_key_header(mut self, name: impl Into<String>) -> Self {
        self.idempotency_key_header = Some(name.into());
        self
    }

    /// The largest response body a call reads into memory, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BODY`](crate::DEFAULT_MAX_RESPONSE_BODY), 100 MiB). A larger body
    /// fails the call with [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge) as soon as
    /// its `Content-Length`, or the bytes read so far, pass the limit, so it is never held
    /// whole. It applies to error bodies too, and not to a body read as a stream
    /// ([`Call::send_streaming`](crate::Call::send_streaming)).
    pub fn max_response_body(mut self, bytes: u64) -> Self {
        self.max_response_body = Some(bytes);
        self
    }

    /// Adds a header to every request, for example a client id the API asks for. A later call
    /// with the same name replaces the earlier value. Invalid names or values are reported by
    /// [`build`](Self::build).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the user-agent, which defaults to [`DEFAULT_USER_AGENT`].
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses an existing `reqwest::Client`, for its connection pool, proxy or TLS settings.
    ///
    /// Its redirect policy and `Referer` setting are its own, so build it with
    /// `.redirect(ClientBuilder::redirect_policy()).referer(false)` to keep this client's rules
    /// (see [Redirects](Self#redirects)); reqwest's default follows redirects to any host with
    /// every header but `Authorization` and `Cookie`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The redirect policy of the HTTP client this builder creates: follow a redirect only while
    /// it stays at the origin (scheme, host and port) the request was sent to, at most
    /// [`MAX_REDIRECTS`] times; return a redirect to another origin as it is. For a
    /// `reqwest::Client` of your own given to [`http_client`](Self::http_client).
    pub fn redirect_policy() -> reqwest::redirect::Policy {
        reqwest::redirect::Policy::custom(|attempt| {
            let leaves = attempt
                .previous()
                .first()
                .is_none_or(|first| !same_origin(first, attempt.url()));
            if leaves {
                attempt.stop()
            } else if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else {
                attempt.follow()
            }
        })
    }
}

/// Whether two URLs share an origin: scheme, host and port (the scheme's default when absent).
fn same_origin(a: &reqwest::Url, b: &reqwest::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_differ_by_scheme_host_or_port() {
        let url = |s: &str| reqwest::Url::parse(s).unwrap();
        let api = url("https://api.example.com/v1/files");
        assert!(same_origin(
            &api,
            &url("https://api.example.com:443/other?x=1")
        ));
        assert!(!same_origin(&api, &url("http://api.example.com/v1/files")));
        assert!(!same_origin(&api, &url("https://cdn.example.com/v1/files")));
        assert!(!same_origin(
            &api,
            &url("https://api.example.com:8443/v1/files")
        ));
    }
}
