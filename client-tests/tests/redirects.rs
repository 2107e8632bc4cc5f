//! Redirects: followed within the API's origin with every credential, never followed to another
//! origin (the 3xx comes back with its `Location`), and no `Referer` anywhere.
//!
//! The bugs: on a 302 to another host the client forwarded an apiKey header and the secrets set
//! with `default_header`; and it sent `Referer: …?access_token=SECRET` there (Box's download).
//! Two loopback servers on different ports are two origins.

use serde_json::json;
use transfers::{Client, ClientBuilder, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SECRETS: [&str; 6] = [
    "KEY-SECRET",
    "BEARER-SECRET",
    "BASIC-SECRET",
    "DEFAULT-SECRET",
    // `user:BASIC-SECRET` in base64, as basic auth sends it.
    "dXNlcjpCQVNJQy1TRUNSRVQ=",
    "QkFTSUMtU0VDUkVU",
];

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .api_key("KEY-SECRET")
        .bearer_token("BEARER-SECRET")
        .basic_auth("user", "BASIC-SECRET")
        .default_header("x-team-secret", "DEFAULT-SECRET")
}

/// Every header and the URL of `request`, as one text to search for secrets.
fn everything(request: &Request) -> String {
    let mut text = request.url.to_string();
    for (name, value) in &request.headers {
        text.push_str(&format!(
            "\n{name}: {}",
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
    text
}

fn message(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "id": id }))
}

fn redirect_to(location: &str) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("location", location)
}

/// The API at `api`, answering 302 to `target` for each of the three operations that carry
/// credentials, and `message("moved")` at `/moved`.
async fn redirecting(api: &MockServer, target: &str) {
    for from in ["/keys", "/bearer", "/basic"] {
        Mock::given(method("GET"))
            .and(path(from))
            .respond_with(redirect_to(target))
            .mount(api)
            .await;
    }
    Mock::given(path("/moved"))
        .respond_with(message("moved"))
        .mount(api)
        .await;
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_every_credential() {
    let api = MockServer::start().await;
    redirecting(&api, "/moved").await;
    let client = builder(&api).build().unwrap();
    let keys = client.get_with_keys().await.unwrap();
    let bearer = client.get_with_bearer().await.unwrap();
    let basic = client.get_with_basic().await.unwrap();
    for value in [keys, bearer, basic] {
        assert_eq!(value.id.as_deref(), Some("moved"));
    }
    let received = api.received_requests().await.unwrap();
    let moved: Vec<&Request> = received
        .iter()
        .filter(|r| r.url.path() == "/moved")
        .collect();
    assert_eq!(moved.len(), 3);
    // Header and cookie keys, bearer, basic and default headers all go along.
    assert_eq!(moved[0].headers["x-api-key"], "KEY-SECRET");
    assert_eq!(moved[0].headers["cookie"], "session=KEY-SECRET");
    assert_eq!(moved[1].headers["authorization"], "Bearer BEARER-SECRET");
    assert_eq!(
        moved[2].headers["authorization"],
        "Basic dXNlcjpCQVNJQy1TRUNSRVQ="
    );
    for request in &moved {
        assert_eq!(request.headers["x-team-secret"], "DEFAULT-SECRET");
    }
}

#[tokio::test]
async fn no_referer_is_sent_after_a_redirect() {
    let api = MockServer::start().await;
    redirecting(&api, "/moved").await;
    let client = builder(&api).build().unwrap();
    client.get_with_keys().await.unwrap();
    let received = api.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    // The first URL carried the query key: a Referer would repeat it.
    assert!(received[0].url.query().unwrap().contains("KEY-SECRET"));
    for request in &received {
        assert!(
            request.headers.get("referer").is_none(),
            "{}",
            everything(request)
        );
    }
}

#[tokio::test]
async fn no_credential_of_any_kind_reaches_another_origin() {
    let api = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(path("/landing"))
        .respond_with(message("other"))
        .mount(&other)
        .await;
    let location = format!("{}/landing", other.uri());
    redirecting(&api, &location).await;
    let client = builder(&api).build().unwrap();
    let keys = client.get_with_keys().send().await;
    let bearer = client.get_with_bearer().send().await;
    let basic = client.get_with_basic().send().await;
    for request in other.received_requests().await.unwrap() {
        let sent = everything(&request);
        for secret in SECRETS {
            assert!(
                !sent.contains(secret),
                "{secret} reached the other origin:\n{sent}"
            );
        }
    }
    // The redirect is not followed: the 302 comes back with its Location.
    assert!(other.received_requests().await.unwrap().is_empty());
    for result in [keys, bearer, basic] {
        let error = result.unwrap_err();
        assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(302));
        assert_eq!(error.redirect_location(), Some(location.as_str()));
    }
}

#[tokio::test]
async fn a_redirect_that_leaves_the_origin_later_in_the_chain_stops_there() {
    let api = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(path("/landing"))
        .respond_with(message("other"))
        .mount(&other)
        .await;
    let location = format!("{}/landing", other.uri());
    redirecting(&api, "/hop").await;
    Mock::given(path("/hop"))
        .respond_with(redirect_to(&location))
        .mount(&api)
        .await;
    let client = builder(&api).build().unwrap();
    let error = client.get_with_bearer().await.unwrap_err();
    assert_eq!(error.redirect_location(), Some(location.as_str()));
    assert!(other.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_download_redirected_to_another_host_is_fetched_without_credentials() {
    // Box's download: the API answers 302 with a URL on a CDN, which needs no credential.
    let api = MockServer::start().await;
    let cdn = MockServer::start().await;
    let location = format!("{}/cdn/file?signature=abc", cdn.uri());
    Mock::given(path("/files/content"))
        .respond_with(redirect_to(&location))
        .mount(&api)
        .await;
    Mock::given(path("/cdn/file"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"file bytes".to_vec()))
        .mount(&cdn)
        .await;
    let client = builder(&api).build().unwrap();
    let error = client.download_file().await.unwrap_err();
    // The API documents the 302, so it is its documented error.
    assert!(
        matches!(
            error,
            Error::Api {
                error: transfers::operations::DownloadFileError::Found,
                ..
            }
        ),
        "{error}"
    );
    let url = error.redirect_location().unwrap();
    let mut download = client.fetch_without_credentials(url).await.unwrap();
    assert_eq!(download.status.as_u16(), 200);
    let mut body = Vec::new();
    while let Some(chunk) = download.chunk().await.unwrap() {
        body.extend_from_slice(&chunk);
    }
    assert_eq!(body, b"file bytes");
    let received = cdn.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    let sent = everything(&received[0]);
    for secret in SECRETS {
        assert!(!sent.contains(secret), "{secret} reached the CDN:\n{sent}");
    }
    assert!(sent.contains("signature=abc"), "{sent}");
}

#[tokio::test]
async fn too_many_same_origin_redirects_are_an_error() {
    let api = MockServer::start().await;
    Mock::given(path("/bearer"))
        .respond_with(redirect_to("/bearer"))
        .mount(&api)
        .await;
    let client = builder(&api).build().unwrap();
    let error = client.get_with_bearer().await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error}");
    assert!(error.to_string().contains("redirect"), "{error}");
    assert_eq!(error.attempts(), 1);
}
