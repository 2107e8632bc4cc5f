//! Updates a contact group, then prints it as JSON.
//!
//! ```text
//! cargo run -p faxplus --example update_group -- GROUP_ID [--name NAME] [--notes NOTES]
//! ```
//!
//! Reads `FAXPLUS_TOKEN` (required), `FAXPLUS_BASE_URL` and `FAXPLUS_CLIENT_ID` (optional) from
//! the environment. On success it prints the group and exits 0; on failure it prints one line
//! with the HTTP status and the API's `error` and `description` (or the raw body) and exits 1.

use std::process::ExitCode;

use faxplus::operations::UpdateTagError;
use faxplus::types::ContactGroupUpdate;
use faxplus::{Client, Error};

const USAGE: &str = "usage: update_group GROUP_ID [--name NAME] [--notes NOTES]";

struct Args {
    group_id: String,
    update: ContactGroupUpdate,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut group_id = None;
    let mut update = ContactGroupUpdate::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--name" => update.name = Some(args.next().ok_or("--name needs a value")?),
            "--notes" => update.notes = Some(args.next().ok_or("--notes needs a value")?),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"));
            }
            _ if group_id.is_none() => group_id = Some(arg),
            _ => return Err(format!("unexpected argument {arg}\n{USAGE}")),
        }
    }
    let group_id = group_id.ok_or_else(|| format!("missing GROUP_ID\n{USAGE}"))?;
    Ok(Args { group_id, update })
}

fn client_from_env() -> Result<Client, String> {
    let token = std::env::var("FAXPLUS_TOKEN")
        .map_err(|_| "set FAXPLUS_TOKEN to a personal access token or OAuth2 access token")?;
    let mut builder = Client::builder().bearer_token(token);
    if let Ok(base_url) = std::env::var("FAXPLUS_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    if let Ok(client_id) = std::env::var("FAXPLUS_CLIENT_ID") {
        builder = builder.default_header("x-fax-clientid", client_id);
    }
    builder.build().map_err(|e| e.to_string())
}

/// One line for a failed call: the status and the API's own words where it gave them.
fn describe(error: &Error<UpdateTagError>) -> String {
    let api_error = match error.api_error() {
        Some(
            UpdateTagError::BadRequest(body)
            | UpdateTagError::Unauthorized(body)
            | UpdateTagError::NotFound(body)
            | UpdateTagError::InternalServerError(body),
        ) => body.as_ref(),
        None => None,
    };
    match (error.response(), api_error) {
        (Some(response), Some(api_error)) => format!(
            "HTTP {}: {}: {}",
            response.status,
            api_error.error.as_deref().unwrap_or("error"),
            api_error
                .description
                .as_deref()
                .unwrap_or("(no description)")
        ),
        _ => error.to_string(),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let client = match client_from_env() {
        Ok(client) => client,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match client.update_tag(&args.group_id, &args.update).await {
        Ok(group) => match serde_json::to_string_pretty(&group) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot print the group: {e}");
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!("error: {}", describe(&error));
            ExitCode::FAILURE
        }
    }
}
