//! Servers a user can redirect, and server variables, through the generated `servers` client
//! (`spec/fixtures/servers.yaml`) and loopback servers: an operation-level server and a path
//! item's server pointed elsewhere one by one and all at once, variables substituted (an enum
//! shared by two servers and free ones), `build` naming a variable that has no default, and a
//! server given as a path (`/`) taken on the default server's host.

use std::net::SocketAddr;

use servers::servers::Region;
use servers::{Client, Server};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering as the fixture documents: 204 to uploads, `up` to the status, 202 to
/// anything else.
async fn mock() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/status"))
        .respond_with(ResponseTemplate::new(200).set_body_string("up"))
        .mount(&server)
        .await;
    Mock::given(path("/uploads"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(202))
        .mount(&server)
        .await;
    server
}

async fn paths(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests.iter().map(|r| r.url.path().to_owned()).collect()
}

#[tokio::test]
async fn one_operation_level_server_is_redirected_alone() {
    let logs = mock().await;
    let api = mock().await;
    let client = Client::builder()
        .base_url(api.uri())
        .server_url(Server::HttpIntake, format!("{}/intake", logs.uri()))
        .tenant("acme")
        .port("1")
        .build()
        .unwrap();
    client.send_logs("a line".to_owned()).await.unwrap();
    assert_eq!(paths(&logs).await, ["/intake/logs"]);
    assert!(paths(&api).await.is_empty());
    // The default server is still the one `base_url` set.
    let _ = client.list_items().await;
    assert_eq!(paths(&api).await, ["/items"]);
}

#[tokio::test]
async fn all_servers_go_to_one_mock_at_once() {
    let server = mock().await;
    // No tenant or port: the tenant's server is not needed when every server is the mock.
    let client = Client::builder()
        .all_servers_url(server.uri())
        .build()
        .unwrap();
    client.send_logs("a line".to_owned()).await.unwrap();
    client.upload(b"bytes".to_vec()).await.unwrap();
    assert_eq!(client.tenant_status().await.unwrap(), "up");
    let _ = client.list_items().await;
    assert_eq!(
        paths(&server).await,
        ["/logs", "/uploads", "/status", "/items"]
    );
}

#[tokio::test]
async fn one_server_set_alone_wins_over_all_servers() {
    let everything = mock().await;
    let uploads = mock().await;
    let client = Client::builder()
        .all_servers_url(everything.uri())
        .server_url(Server::Upload, uploads.uri())
        .build()
        .unwrap();
    client.upload(b"bytes".to_vec()).await.unwrap();
    client.send_logs("a line".to_owned()).await.unwrap();
    assert_eq!(paths(&uploads).await, ["/uploads"]);
    assert_eq!(paths(&everything).await, ["/logs"]);
}

#[tokio::test]
async fn variables_are_substituted_into_the_host_and_port() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/t/status"))
        .respond_with(ResponseTemplate::new(200).set_body_string("up"))
        .mount(&server)
        .await;
    let address: SocketAddr = *server.address();
    // `acme.us.example.test` only resolves if the tenant and the region were both substituted.
    let http = reqwest::Client::builder()
        .resolve("acme.us.example.test", address)
        .build()
        .unwrap();
    let client = Client::builder()
        .http_client(http)
        .region(Region::Us)
        .tenant("acme")
        .port(address.port().to_string())
        .build()
        .unwrap();
    assert_eq!(client.tenant_status().await.unwrap(), "up");
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].headers["host"],
        format!("acme.us.example.test:{}", address.port())
    );
    // The shared `region` option set the default server too.
    assert_eq!(client.base_url(), "https://us.api.example.io/v1");
}

#[test]
fn variables_take_their_defaults_and_other_values() {
    let client = Client::builder()
        .tenant("acme")
        .port("8443")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://eu.api.example.io/v1");
    assert_eq!(
        client.server_url(Server::Tenant),
        "http://acme.eu.example.test:8443/t"
    );
    assert_eq!(
        client.server_url(Server::HttpIntake),
        "https://http-intake.logs.example.com/api/v2"
    );
    assert_eq!(
        servers::DEFAULT_BASE_URL,
        Some("https://eu.api.example.io/v1")
    );
    let client = Client::builder()
        .region(Region::Other("sa-east-1".into()))
        .tenant("acme")
        .port("8443")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://sa-east-1.api.example.io/v1");
}

#[test]
fn build_names_a_variable_without_default() {
    // `tenant` is used but never declared; `port` is declared without a default.
    let error = Client::builder().port("1").build().unwrap_err().to_string();
    assert!(error.contains("`tenant`"), "{error}");
    assert!(error.contains("ClientBuilder::tenant"), "{error}");
    let error = Client::builder()
        .tenant("acme")
        .build()
        .unwrap_err()
        .to_string();
    assert!(error.contains("`port`"), "{error}");
    // Setting that server's URL directly needs neither.
    let client = Client::builder()
        .server_url(Server::Tenant, "http://localhost:1/t")
        .build();
    assert!(client.is_ok(), "{client:?}");
}

/// `/health`'s server is `/`: on the default server's scheme, host and port, outside its `/v1`.
#[tokio::test]
async fn a_server_given_as_a_path_is_on_the_default_servers_host() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .tenant("acme")
        .port("1")
        .build()
        .unwrap();
    assert_eq!(client.server_url(Server::Root), server.uri());
    assert_eq!(client.health().await.unwrap(), "ok");
    assert_eq!(paths(&server).await, ["/health"]);
    // Without `base_url`, the description's default server's host.
    let client = Client::builder().tenant("acme").port("1").build().unwrap();
    assert_eq!(client.server_url(Server::Root), "https://eu.api.example.io");
    // A path given to `server_url` is taken on the default server's host the same way.
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .server_url(Server::Root, "/status-page/")
        .tenant("acme")
        .port("1")
        .build()
        .unwrap();
    assert_eq!(
        client.server_url(Server::Root),
        format!("{}/status-page", server.uri())
    );
}
