//! The order problems are reported in: by file, then by JSON pointer read as a path, so a
//! node's problems come right before those of its children and `allOf/2` before `allOf/10`.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::{Error, unescape_token};

/// The order of two errors: file (the root document, named by none, first), then pointer
/// ([`pointer_order`]; none first), then line and column, then message.
pub(crate) fn error_order(a: &Error, b: &Error) -> Ordering {
    a.file
        .cmp(&b.file)
        .then_with(|| match (&a.pointer, &b.pointer) {
            (Some(a), Some(b)) => reference_order(a, b),
            (a, b) => a.is_some().cmp(&b.is_some()),
        })
        .then_with(|| a.location.cmp(&b.location))
        .then_with(|| a.message.cmp(&b.message))
}

/// The order of two JSON References as warnings write them: `#/a/b` in the root document, or
/// `models/pet.yaml#/a/b` in another file. The root document first, other files by name, then
/// [`pointer_order`].
pub(crate) fn reference_order(a: &str, b: &str) -> Ordering {
    let (file_a, pointer_a) = a.split_once('#').unwrap_or(("", a));
    let (file_b, pointer_b) = b.split_once('#').unwrap_or(("", b));
    file_a
        .cmp(file_b)
        .then_with(|| pointer_order(pointer_a, pointer_b))
}

/// The order of two JSON pointers (with or without the leading `#`), token by token: a pointer
/// before the pointers inside it; array indexes (any all-digit token) as numbers, before other
/// tokens, which compare unescaped as text. Distinct pointers never compare equal.
pub(crate) fn pointer_order(a: &str, b: &str) -> Ordering {
    let mut a = tokens(a);
    let mut b = tokens(b);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match token_order(x, y) {
                Ordering::Equal => {}
                unequal => return unequal,
            },
        }
    }
}

fn tokens(pointer: &str) -> impl Iterator<Item = &str> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    let rest = pointer.strip_prefix('/');
    rest.into_iter().flat_map(|rest| rest.split('/'))
}

fn token_order(a: &str, b: &str) -> Ordering {
    let by_value = match (is_number(a), is_number(b)) {
        (true, true) => {
            let (x, y) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        }
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => unescaped(a).cmp(&unescaped(b)),
    };
    // `7` and `007`, or `~` and `~0`, mean the same; the order still tells them apart.
    by_value.then_with(|| a.cmp(b))
}

fn is_number(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

fn unescaped(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(unescape_token(token))
    } else {
        Cow::Borrowed(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut pointers: Vec<&str>) -> Vec<&str> {
        pointers.sort_by(|a, b| reference_order(a, b));
        pointers
    }

    #[test]
    fn a_node_comes_before_its_children_and_its_longer_named_siblings() {
        // As plain strings, `A-B` < `A/x` (`-` < `/`): A's child would follow its sibling.
        assert_eq!(
            sorted(vec!["#/s/A-B", "#/s/A/x", "#/s/A", "#"]),
            ["#", "#/s/A", "#/s/A/x", "#/s/A-B"]
        );
    }

    #[test]
    fn numbers_compare_as_numbers() {
        assert_eq!(
            sorted(vec!["#/p/10", "#/p/2", "#/p/02x", "#/p/1"]),
            ["#/p/1", "#/p/2", "#/p/10", "#/p/02x"]
        );
        assert_eq!(pointer_order("#/p/007", "#/p/7"), Ordering::Less);
        assert_eq!(pointer_order("#/p/7", "#/p/7"), Ordering::Equal);
    }

    #[test]
    fn tokens_compare_unescaped() {
        // `~1` is `/`, which sorts before `a`; `~0` is `~`, which sorts after it.
        assert_eq!(
            sorted(vec!["#/paths/~0a", "#/paths/a", "#/paths/~1a"]),
            ["#/paths/~1a", "#/paths/a", "#/paths/~0a"]
        );
    }

    #[test]
    fn the_root_document_comes_before_other_files() {
        assert_eq!(
            sorted(vec!["b.yaml#/x", "#/z", "a.yaml#/y", "a.yaml#"]),
            ["#/z", "a.yaml#", "a.yaml#/y", "b.yaml#/x"]
        );
    }

    #[test]
    fn errors_order_by_file_pointer_location_message() {
        let at = |file: Option<&str>, pointer: Option<&str>, message: &str| Error {
            file: file.map(Into::into),
            pointer: pointer.map(Into::into),
            location: None,
            message: message.into(),
        };
        let mut errors = [
            at(Some("b.yaml"), Some("#/a"), "x"),
            at(None, Some("#/b"), "y"),
            at(None, Some("#/b"), "x"),
            at(None, None, "z"),
            at(Some("a.yaml"), Some("#/z"), "x"),
        ];
        errors.sort_by(error_order);
        let order: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            order,
            ["z", "#/b: x", "#/b: y", "a.yaml: #/z: x", "b.yaml: #/a: x"]
        );
    }
}
