//! Fetching a URL outside the API, such as the target of a redirect to another origin, without
//! the client's credentials.

use reqwest::header;

use crate::body::{self, ReadError, StreamingResponse};
use crate::client::Client;
use crate::error::Error;
use crate::raw_response::RawResponse;
use crate::transport_error::TransportError;

impl Client {
    /// Fetches `url` with a plain GET that carries no credential and no default header (only
    /// the user-agent): for the `Location` of a redirect to another origin
    /// ([`Error::redirect_location`]), such as a download link on a CDN, which the client does
    /// not follow itself. A relative URL is resolved against the base URL. A 2xx body is
    /// handed over unread; any other status fails with [`Error::UnexpectedStatus`] (or
    /// [`Error::ResponseTooLarge`]). Sent once, never retried, within the client's time limit.
    pub async fn fetch_without_credentials(
        &self,
        url: &str,
    ) -> Result<StreamingResponse, Error<std::convert::Infallible>> {
        let timeout = self.inner.timeout;
        let base = reqwest::Url::parse(&format!("{}/", self.base_url()));
        let url = base
            .and_then(|base| base.join(url))
            .map_err(|e| Error::InvalidRequest(format!("URL `{url}`: {e}").into()))?;
        let mut request = reqwest::Request::new(reqwest::Method::GET, url);
        if let Some(agent) = self.base_headers().get(header::USER_AGENT) {
            request
                .headers_mut()
                .insert(header::USER_AGENT, agent.clone());
        }
        *request.timeout_mut() = Some(timeout);
        let transport = |error| Error::Transport(TransportError::new(error, 1, timeout));
        let mut response = self.http().execute(request).await.map_err(transport)?;
        if response.status().is_success() {
            return Ok(StreamingResponse::live(response, 1, timeout));
        }
        let status = response.status();
        let limit = self.inner.max_response_body;
        match body::read_limited(&mut response, limit).await {
            Ok(body) => Err(Error::UnexpectedStatus {
                response: RawResponse {
                    status,
                    headers: std::mem::take(response.headers_mut()),
                    body,
                    attempts: 1,
                },
            }),
            Err(ReadError::TooLarge) => Err(Error::ResponseTooLarge {
                operation: format!("GET {}", without_query(response.url())),
                limit,
                status,
                headers: std::mem::take(response.headers_mut()),
                attempts: 1,
            }),
            Err(ReadError::Transport(error)) => Err(transport(error)),
        }
    }
}

/// `url` without its query and fragment, which may carry a signature or a key.
fn without_query(url: &reqwest::Url) -> reqwest::Url {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    url
}
