//! Every error of a run: collected as they are met, then sorted, each reported once.

use std::fmt;
use std::path::Path;

use super::order::error_order;
use super::{Error, Result};

/// Every error a run found: at least one, sorted by file then JSON pointer (the root document
/// first, a node before the nodes inside it, `allOf/2` before `allOf/10`), each once.
///
/// `Display` prints one error a line, at most [`Errors::SHOWN`] of them, then how many more
/// there are; [`Errors::problems`] has every one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors {
    /// Sorted, without duplicates, never empty.
    problems: Vec<Error>,
}

impl Errors {
    /// The most errors `Display` prints. Fifty shows every mistake of a spec being fixed by
    /// hand (the worst edge case of the repository has a handful) and, for one mistake
    /// repeated all over a large spec (an unsupported construct used in hundreds of places),
    /// enough to see the pattern while it still fits a terminal; the rest are counted.
    pub const SHOWN: usize = 50;

    /// Sorts and deduplicates `problems`, which must not be empty.
    fn sorted(mut problems: Vec<Error>) -> Self {
        problems.sort_by(error_order);
        problems.dedup();
        Self { problems }
    }

    /// Every error, sorted, each once.
    pub fn problems(&self) -> &[Error] {
        &self.problems
    }

    /// Names `file` in every error that names no file yet (those of the root document). The
    /// order stays: the root document's errors first, then those of the files it refers to.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.problems = self
            .problems
            .into_iter()
            .map(|error| error.in_file(file))
            .collect();
        self
    }

    /// The lines `Display` prints: one per error up to [`Errors::SHOWN`], then
    /// `and N more errors (M in all)` when there are more.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        let hidden = self.problems.len().saturating_sub(Self::SHOWN);
        let more = (hidden > 0).then(|| {
            format!(
                "and {hidden} more error{} ({} in all)",
                if hidden == 1 { "" } else { "s" },
                self.problems.len()
            )
        });
        self.problems
            .iter()
            .take(Self::SHOWN)
            .map(ToString::to_string)
            .chain(more)
    }

    /// Every error passed through `f`, sorted again.
    pub(crate) fn map(self, f: impl FnMut(Error) -> Error) -> Self {
        Self::sorted(self.problems.into_iter().map(f).collect())
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Self {
            problems: vec![error],
        }
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// The errors met so far in a run that goes on past each one.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    found: Vec<Error>,
}

impl Problems {
    /// Records `error`.
    pub(crate) fn push(&mut self, error: Error) {
        self.found.push(error);
    }

    /// The value of `result`, or `None` with its error recorded.
    pub(crate) fn keep<T>(&mut self, result: Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// Whether any error was met.
    pub(crate) fn any(&self) -> bool {
        !self.found.is_empty()
    }

    /// `value` when no error was met, else every error met.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, Errors> {
        if self.found.is_empty() {
            Ok(value)
        } else {
            Err(Errors::sorted(self.found))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(pointers: &[&str]) -> Errors {
        let mut problems = Problems::default();
        for pointer in pointers {
            problems.push(Error::at(*pointer, "bad"));
        }
        problems.finish(()).unwrap_err()
    }

    #[test]
    fn no_error_is_the_value() {
        let mut problems = Problems::default();
        assert_eq!(problems.keep(Ok::<_, Error>(3)), Some(3));
        assert_eq!(problems.finish("done"), Ok("done"));
    }

    #[test]
    fn errors_come_sorted_and_each_once() {
        let errors = errors(&["#/b", "#/a/10", "#/a/9", "#/b"]);
        assert_eq!(errors.to_string(), "#/a/9: bad\n#/a/10: bad\n#/b: bad");
    }

    #[test]
    fn one_error_prints_as_itself() {
        let error = Error::at("#/x", "bad").in_file(Path::new("s.yaml"));
        assert_eq!(Errors::from(error.clone()).to_string(), error.to_string());
    }

    #[test]
    fn past_the_cap_the_rest_are_counted() {
        let pointers: Vec<String> = (0..Errors::SHOWN + 1).map(|i| format!("#/{i}")).collect();
        let pointers: Vec<&str> = pointers.iter().map(String::as_str).collect();
        let lines: Vec<String> = errors(&pointers).lines().collect();
        assert_eq!(lines.len(), Errors::SHOWN + 1);
        assert_eq!(
            lines[Errors::SHOWN - 1],
            format!("#/{}: bad", Errors::SHOWN - 1)
        );
        assert_eq!(
            lines[Errors::SHOWN],
            format!("and 1 more error ({} in all)", Errors::SHOWN + 1)
        );
        assert_eq!(
            errors(&pointers[..Errors::SHOWN]).lines().count(),
            Errors::SHOWN
        );
    }

    #[test]
    fn the_root_documents_errors_stay_first_once_it_is_named() {
        let mut other = Error::at("#/a", "bad");
        other.file = Some("/x/a.yaml".into());
        let errors = Errors::sorted(vec![other, Error::at("#/z", "bad")]);
        let errors = errors.in_file(Path::new("/x/root.yaml"));
        assert_eq!(
            errors.to_string(),
            "/x/root.yaml: #/z: bad\n/x/a.yaml: #/a: bad"
        );
    }
}
