//! What the loopback tests share, whatever generated crate they call: a mock server answering
//! every request alike (or one way, then another), the one request it received, and multipart
//! bodies parsed by `multer` (a real multipart parser, not the client's own code). Each
//! crate's client builder stays with its tests (`features_server` for the `features` crate).

#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of these

pub mod formats;

use bytes::Bytes;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server that answers every request with `response`.
pub async fn server_with(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// A server that answers `first` for the first `times` requests, then `then` for the rest.
pub async fn server_answering(
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(then).mount(&server).await;
    server
}

/// The one request `server` received, failing the test if there were more or none.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

/// One parsed part of a multipart body.
#[derive(Debug)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The parts of a `multipart/form-data` request.
pub async fn multipart_parts(request: &Request) -> Vec<Part> {
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let body = Bytes::from(request.body.clone());
    let stream = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(body)]);
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        let name = field.name().unwrap().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(|m| m.to_string());
        let headers = field
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
            .collect();
        let body = field.bytes().await.unwrap().to_vec();
        parts.push(Part {
            name,
            file_name,
            content_type,
            headers,
            body,
        });
    }
    parts
}

/// `(name, file name, content type, body)` of each part of a `multipart/form-data` request,
/// to compare a whole body at once.
pub async fn multipart_tuples(
    request: &Request,
) -> Vec<(String, Option<String>, Option<String>, Vec<u8>)> {
    multipart_parts(request)
        .await
        .into_iter()
        .map(|p| (p.name, p.file_name, p.content_type, p.body))
        .collect()
}

/// A loopback port that was just free and has nobody listening on it.
pub fn unused_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
