//! `tasks-app BASE_URL [TITLE]`: adds a task when a title is given, then lists the open ones.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (base_url, title) = match &args[..] {
        [base_url] => (base_url, None),
        [base_url, title] => (base_url, Some(title)),
        _ => {
            eprintln!("usage: tasks-app BASE_URL [TITLE]");
            return ExitCode::from(2);
        }
    };
    let client = match tasks_client::Client::builder().base_url(base_url).build() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(title) = title {
        match tasks_app::add(&client, title).await {
            Ok(task) => println!("added #{}: {}", task.id, task.title),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    match tasks_app::open_tasks(&client).await {
        Ok(tasks) => {
            for task in tasks {
                println!(
                    "#{} {} (created {:?})",
                    task.id, task.title, task.created_at
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
