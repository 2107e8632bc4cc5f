//! What the program does with the generated client, as functions its tests call against a
//! loopback server.

use tasks_client::operations::{CreateTaskError, ListTasksError, ListTasksParams};
use tasks_client::types::{NewTask, Task};
use tasks_client::{Client, Error};

/// The tasks not done yet, oldest first.
pub async fn open_tasks(client: &Client) -> Result<Vec<Task>, Error<ListTasksError>> {
    let params = ListTasksParams { done: Some(false) };
    client.list_tasks(params).await
}

/// Adds a task with no due date; a task the server refuses comes back with its reason.
pub async fn add(client: &Client, title: &str) -> Result<Task, String> {
    let task = NewTask {
        title: title.to_owned(),
        due: None,
    };
    match client.create_task(&task).await {
        Ok(task) => Ok(task),
        Err(Error::Api {
            error: CreateTaskError::UnprocessableEntity(Some(problem)),
            ..
        }) => Err(format!("refused: {}", problem.message)),
        Err(other) => Err(other.to_string()),
    }
}
