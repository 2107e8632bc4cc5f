//! The generated client against a loopback server (wiremock): requests as the spec says,
//! answers decoded into the generated types, documented errors as their variants.

use serde_json::json;
use tasks_client::Client;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn lists_the_open_tasks() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/tasks"))
        .and(query_param("done", "false"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 1, "title": "Water the plants", "done": false,
             "created_at": "2026-05-01T09:30:00.250+02:00"},
            {"id": 2, "title": "Call Ada", "done": false,
             "created_at": "2026-05-02T10:00:00Z", "due": "2026-05-03T17:00:00Z"}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let tasks = tasks_app::open_tasks(&client(&server).await).await.unwrap();
    let titles: Vec<&str> = tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Water the plants", "Call Ada"]);
    assert!(tasks[0].due.is_none() && tasks[1].due.is_some());
    assert_eq!(tasks[1].id, 2);
}

#[tokio::test]
async fn adds_a_task_and_reports_a_refusal() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tasks"))
        .and(body_json(json!({"title": "Write the report"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!(
            {"id": 3, "title": "Write the report", "done": false,
             "created_at": "2026-05-04T08:00:00Z"}
        )))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/tasks"))
        .and(body_json(json!({"title": ""})))
        .respond_with(
            ResponseTemplate::new(422).set_body_json(json!({"message": "a title is needed"})),
        )
        .mount(&server)
        .await;
    let client = client(&server).await;
    let task = tasks_app::add(&client, "Write the report").await.unwrap();
    assert_eq!((task.id, task.done), (3, false));
    assert_eq!(
        tasks_app::add(&client, "").await.unwrap_err(),
        "refused: a title is needed"
    );
}
