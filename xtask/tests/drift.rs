//! The committed `generated/` crate is exactly what the generator makes from `spec/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use xtask::{Job, repo_root};

#[test]
fn committed_crates_match_their_specs() {
    let mut report = Vec::new();
    for job in Job::all_for(&repo_root()) {
        let files = job
            .generate()
            .unwrap_or_else(|e| panic!("generating from {}: {e}", job.spec.display()));
        let drift = opengen::write::check(&job.out, &files.files).unwrap();
        if !drift.is_empty() {
            report.push(format!(
                "{} differs from what the generator makes from {}:",
                job.out.display(),
                job.spec.display()
            ));
            report.extend(drift.iter().map(ToString::to_string));
        }
    }
    assert!(
        report.is_empty(),
        "{}\nfix: run `cargo xtask codegen` and commit the result",
        report.join("\n")
    );
}

#[test]
fn the_vendored_spec_is_the_seed_block() {
    // `spec/faxplus.yaml` is the OpenAPI block of the seed document, byte for byte.
    let root = repo_root();
    let seed = xtask::test_data("seed/update-a-group.md");
    let markdown = std::fs::read_to_string(&seed).unwrap();
    let mut block = String::new();
    let mut inside = false;
    for line in markdown.split_inclusive('\n') {
        if line.starts_with("````") {
            if inside {
                break;
            }
            inside = line.starts_with("````yaml");
            continue;
        }
        if inside {
            block.push_str(line);
        }
    }
    let vendored = std::fs::read_to_string(root.join("spec/faxplus.yaml")).unwrap();
    assert_eq!(vendored, block);
}
