//! The `features` crate's client, pointed at a loopback server under `/api` (the server and the
//! request helpers are in `common`).

#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of these

use features::Client;
use wiremock::MockServer;

pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .build()
        .unwrap()
}
