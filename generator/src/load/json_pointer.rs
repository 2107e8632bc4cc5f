//! JSON pointers (RFC 6901) in the forms loading meets them: a reference's URI fragment
//! (percent-encoded, `#/a/b~1c`), the canonical pointers this crate builds, and the node one
//! names in a document.

use serde_json::Value;

use crate::error::{pointer, unescape_token};

/// The reference tokens of a local reference (`#/a/b~1c` → `a`, `b/c`), percent-decoding the
/// URI fragment first; `None` for external references and `#` itself.
pub(crate) fn tokens(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix("#/")?;
    let fragment = percent_decode(fragment)?;
    Some(fragment.split('/').map(unescape_token).collect())
}

/// A `$ref` is a URI, so its fragment may be percent-encoded (`%7Bid%7D`); `None` when the
/// decoded bytes are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// The node at `tokens` (unescaped pointer tokens) in `doc`.
pub(crate) fn find<'v>(doc: &'v Value, tokens: &[String]) -> Option<&'v Value> {
    tokens.iter().try_fold(doc, |node, token| match node {
        Value::Object(map) => map.get(token),
        Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// The reference tokens of a canonical pointer (`#/a/b~1c` → `a`, `b/c`; `#` → none), as
/// [`to_pointer`] and `crate::error::pointer` build them.
pub(crate) fn tokens_of(pointer: &str) -> Vec<String> {
    match pointer.strip_prefix("#/") {
        Some(rest) => rest.split('/').map(unescape_token).collect(),
        None => Vec::new(),
    }
}

/// Reference tokens as a canonical pointer (`a`, `b/c` → `#/a/b~1c`).
pub(crate) fn to_pointer(tokens: &[String]) -> String {
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    pointer(&tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_percent_encoding_are_undone() {
        assert_eq!(
            tokens("#/paths/~1a~0b%7Bid%7D/get").unwrap(),
            ["paths", "/a~b{id}", "get"]
        );
        assert_eq!(tokens("other.yaml#/a"), None);
        assert_eq!(tokens("#"), None);
    }

    #[test]
    fn canonical_pointers_round_trip() {
        let tokens = vec!["paths".to_owned(), "/a~b".to_owned(), "get".to_owned()];
        assert_eq!(to_pointer(&tokens), "#/paths/~1a~0b/get");
        assert_eq!(tokens_of(&to_pointer(&tokens)), tokens);
        assert_eq!(tokens_of("#"), Vec::<String>::new());
    }
}
