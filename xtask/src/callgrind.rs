//! Instructions a process executes, counted by `valgrind --tool=callgrind` (every thread):
//! unlike its wall or CPU time, the count hardly moves with the machine's load or state, so a
//! ratio of two counts is what a change to the code moves. The request-overhead benchmark and
//! the codegen and check tables of `cargo xtask bench` read it (a check counted with the rustc
//! processes cargo starts).

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// `Ok` when `valgrind` runs; else why it cannot be used.
pub fn available() -> Result<(), String> {
    let valgrind = Command::new("valgrind").arg("--version").output();
    if valgrind.is_ok_and(|out| out.status.success()) {
        Ok(())
    } else {
        Err(
            "valgrind is not installed (or not on PATH); instructions are counted with \
             `valgrind --tool=callgrind`"
                .to_owned(),
        )
    }
}

/// Total instructions of `program args` under callgrind; `what` names the run in errors. The
/// program's output is discarded; a failed run is an error.
pub fn instructions<I, S>(program: &Path, args: I, what: &str) -> Result<u64, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(program);
    command.args(args);
    counted(&command, false, what)
}

/// Total instructions of `command` and of every process it starts (cargo and the rustc it
/// runs), under callgrind with `--trace-children=yes`, each process counted into a file of its
/// own and the files summed. `what` names the run in errors; a failed run is an error.
pub fn instructions_of_tree(command: &Command, what: &str) -> Result<u64, String> {
    counted(command, true, what)
}

/// `command` (its program, arguments, environment and folder) run under callgrind, with the
/// processes it starts when `children`: their instructions, summed.
fn counted(command: &Command, children: bool, what: &str) -> Result<u64, String> {
    let dir = tempfile::Builder::new()
        .prefix("callgrind-")
        .tempdir()
        .map_err(|e| format!("cannot create a folder for callgrind's counts: {e}"))?;
    let mut valgrind = Command::new("valgrind");
    valgrind
        .arg("--tool=callgrind")
        .arg(format!(
            "--trace-children={}",
            if children { "yes" } else { "no" }
        ))
        .arg(format!(
            "--callgrind-out-file={}",
            dir.path().join("callgrind.%p.out").display()
        ));
    crate::bench::process::wrap(&mut valgrind, command);
    let output = valgrind
        .output()
        .map_err(|e| format!("running valgrind: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what} under callgrind failed: {}",
            last_message(&output.stderr)
        ));
    }
    sum_of_folder(dir.path()).map_err(|e| format!("{what}: {e}"))
}

/// The instructions of every callgrind out file in `dir`, summed.
fn sum_of_folder(dir: &Path) -> Result<u64, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut total = 0u64;
    let mut files = 0;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("reading {}: {e}", dir.display()))?
            .path();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let count = total_instructions(&text).ok_or_else(|| {
            format!(
                "no `summary:` or `totals:` line in callgrind's counts {}",
                path.display()
            )
        })?;
        total = total.saturating_add(count);
        files += 1;
    }
    if files == 0 {
        return Err("callgrind wrote no counts".to_owned());
    }
    Ok(total)
}

/// The last line of a failed run's standard error that is not valgrind's own.
fn last_message(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty() && !line.starts_with("=="))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The total instructions a callgrind out file reports.
pub fn total_instructions(callgrind_out: &str) -> Option<u64> {
    callgrind_out.lines().find_map(|line| {
        let rest = line
            .strip_prefix("summary:")
            .or_else(|| line.strip_prefix("totals:"))?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_read_from_a_callgrind_out_file() {
        let text = "# callgrind format\nversion: 1\ncreator: callgrind-3.22.0\n\
                    events: Ir\nsummary: 123456\n\nfn=main\n1 5\n";
        assert_eq!(total_instructions(text), Some(123_456));
        assert_eq!(total_instructions("totals: 77\n"), Some(77));
        assert_eq!(total_instructions("events: Ir\n"), None);
        assert_eq!(total_instructions("summary: many\n"), None);
    }

    #[test]
    fn a_folder_of_counts_is_summed_and_an_empty_or_unreadable_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(sum_of_folder(dir.path()).is_err());
        std::fs::write(dir.path().join("callgrind.1.out"), "summary: 100\n").unwrap();
        std::fs::write(dir.path().join("callgrind.2.out"), "totals: 23\n").unwrap();
        assert_eq!(sum_of_folder(dir.path()), Ok(123));
        std::fs::write(dir.path().join("callgrind.3.out"), "events: Ir\n").unwrap();
        assert!(sum_of_folder(dir.path()).is_err());
    }

    #[test]
    fn a_program_is_counted_or_its_failure_named() {
        if let Err(why) = available() {
            // Every machine CI runs on has valgrind; a developer's may not (the bench then
            // reports the counts as not measured).
            assert!(std::env::var_os("CI").is_none(), "{why}");
            eprintln!("skipped: {why}");
            return;
        }
        let shell = Path::new("/bin/sh");
        let count = instructions(shell, ["-c", "exit 0"], "sh");
        assert!(count.is_ok_and(|n| n > 0));
        let failed = instructions(shell, ["-c", "echo broken >&2; exit 3"], "sh");
        assert!(failed.is_err_and(|e| e.contains("sh under callgrind failed")));
    }

    #[test]
    fn a_command_s_children_are_counted_with_it() {
        if let Err(why) = available() {
            assert!(std::env::var_os("CI").is_none(), "{why}");
            eprintln!("skipped: {why}");
            return;
        }
        // The work is in the child shell, which also reads the folder and a variable the
        // command was given: counted with its parent, the tree costs more than the work alone.
        let work = "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; \
                    test -e marker && test \"$WANTED\" = yes";
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("marker"), "").unwrap();
        let mut alone = Command::new("/bin/sh");
        alone
            .args(["-c", work])
            .current_dir(dir.path())
            .env("WANTED", "yes");
        let alone = instructions_of_tree(&alone, "sh");
        let mut parent = Command::new("/bin/sh");
        parent
            .args(["-c", &format!("/bin/sh -c '{work}' || exit 1; exit 0")])
            .current_dir(dir.path())
            .env("WANTED", "yes");
        let tree = instructions_of_tree(&parent, "sh");
        assert!(
            matches!((&alone, &tree), (Ok(a), Ok(b)) if b > a),
            "{alone:?} {tree:?}"
        );
        parent.env_remove("WANTED");
        let failed = instructions_of_tree(&parent, "sh");
        assert!(failed.is_err_and(|e| e.contains("sh under callgrind failed")));
    }
}
