//! `cargo xtask codegen [--check]`: regenerate `client/` from `spec/api.yaml`, or check it.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            return ExitCode::from(2);
        }
    };
    let generated = match workflow_xtask::generate() {
        Ok(generated) => generated,
        Err(errors) => {
            for line in errors.lines() {
                eprintln!("error: {line}");
            }
            return ExitCode::FAILURE;
        }
    };
    for warning in &generated.warnings {
        eprintln!("warning: {}: {}", warning.pointer, warning.message);
    }
    let out = workflow_xtask::client_dir();
    if check {
        match generated.check(&out) {
            Ok(report) if report.is_clean() => println!("{report}"),
            Ok(report) => {
                eprintln!("{report}");
                return ExitCode::FAILURE;
            }
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        match generated.write_to(&out) {
            Ok(report) => println!("{report}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
