//! Runs the request-overhead benchmark and prints its Markdown table:
//! `cargo run -p xtask --example overhead`. Needs valgrind.

use std::process::ExitCode;

fn main() -> ExitCode {
    match xtask::overhead::measure(&xtask::repo_root()) {
        Ok(overhead) => {
            print!("{}", overhead.markdown());
            println!("\nratio generated/reqwest: {:.3}", overhead.ratio());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
