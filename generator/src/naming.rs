//! Turning arbitrary spec names into valid, readable, unique Rust identifiers.

use rustc_hash::FxHashSet;

mod case;

use heck::ToSnakeCase;

/// Words that are keywords in Rust 2024; used as identifiers they need `r#` or a suffix.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated `types` module must not define, because generated code uses them
/// unqualified: the prelude items we name and our own imports.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Serialize",
    "Deserialize",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "ToString",
    "Into",
    "From",
    "BTreeMap",
    "Value",
    "Self",
];

/// `raw` with each character outside ASCII spelled with ASCII letters, as close as it goes
/// (`naïve` → `naive`, `Straße` → `Strasse`, `商品` → `Shang Pin`, `🚀` → `rocket`): an
/// identifier keeps what the name says instead of dropping it. ASCII is borrowed unchanged.
pub(crate) fn ascii_spelling(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.is_ascii() {
        std::borrow::Cow::Borrowed(raw)
    } else {
        // A letter that is spelled as several (`ß` → `ss`, `名` → `Ming `) keeps its words apart.
        std::borrow::Cow::Owned(deunicode::deunicode_with_tofu(raw, " "))
    }
}

/// A `PascalCase` type or variant name for `raw`; `fallback` when nothing usable is left.
pub(crate) fn type_name(raw: &str, fallback: &str) -> String {
    let raw = &*ascii_spelling(raw);
    let mut name = case::upper_camel(raw);
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, fallback);
    }
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        name.push_str(fallback);
    }
    name
}

/// A `PascalCase` enum variant name for `raw`; `fallback` when nothing usable is left. Unlike
/// type names, variants live in their enum's namespace, so only `Self` is off limits.
pub(crate) fn variant_name(raw: &str, fallback: &str) -> String {
    let raw = &*ascii_spelling(raw);
    let mut name = case::upper_camel(raw);
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) || name == "Self" {
        name.insert_str(0, fallback);
    }
    name
}

/// A `snake_case` field, argument or method name for `raw`; `fallback` when nothing is left.
pub(crate) fn value_name(raw: &str, fallback: &str) -> String {
    let raw = &*ascii_spelling(raw);
    let mut name = case::snake(raw);
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, &format!("{fallback}_"));
    }
    name
}

/// `heck`'s `to_snake_case` of `raw`, without its `fmt` machinery when `raw` is ASCII.
pub(crate) fn snake_case(raw: &str) -> String {
    match raw.is_ascii() {
        true => case::snake(raw),
        false => raw.to_snake_case(),
    }
}

/// `heck`'s `to_kebab_case` of `raw`, without its `fmt` machinery when `raw` is ASCII.
pub(crate) fn kebab_case(raw: &str) -> String {
    match raw.is_ascii() {
        true => case::kebab(raw),
        false => heck::ToKebabCase::to_kebab_case(raw),
    }
}

/// `heck`'s `to_upper_camel_case` of `raw`, without its `fmt` machinery when `raw` is ASCII.
pub(crate) fn upper_camel_case(raw: &str) -> String {
    match raw.is_ascii() {
        true => case::upper_camel(raw),
        false => heck::ToUpperCamelCase::to_upper_camel_case(raw),
    }
}

/// The words of a name, lower case, as `heck`'s `to_snake_case` splits them (`_` and every
/// other character that is not a letter or digit separate words too).
pub(crate) fn lower_words(name: &str) -> Vec<String> {
    if name.is_ascii() {
        // For ASCII, `heck`'s breaks are exactly `case`'s.
        return case::lower_words(name);
    }
    name.to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `name` needs the `r#` prefix to be used as an identifier.
/// The name of an operation's streaming method (server-sent events): `<method>_stream`, or
/// `<method>_events` for a method whose name already ends in `_stream`.
pub(crate) fn stream_method(method: &str) -> String {
    if method.ends_with("_stream") {
        format!("{method}_events")
    } else {
        format!("{method}_stream")
    }
}

pub(crate) fn is_keyword(name: &str) -> bool {
    // Every identifier is looked up here, and most are longer than any keyword or start with
    // a capital: those are answered without the search. `KEYWORDS` is sorted (a test checks).
    (2..=8).contains(&name.len())
        && name.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && KEYWORDS.binary_search(&name).is_ok()
}

/// `name` with a trailing `_` when it is a keyword that cannot be raw (`self`, `Self`, `super`,
/// `crate`, `_`): a name that can be used as an identifier, kept in the IR as it is written.
pub(crate) fn unreserved(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        name + "_"
    } else {
        name
    }
}

/// Makes `name` usable as an identifier: `r#` for keywords, a trailing `_` where `r#` is not
/// allowed. The result is what is written in the source. The one place identifiers are
/// escaped: the generator's `emit` writes every identifier through it, and so do the tools
/// that write code naming generated items.
pub fn escape(name: &str) -> String {
    if is_keyword(name) {
        let mut raw = String::with_capacity(name.len() + 2);
        raw.push_str("r#");
        raw.push_str(name);
        raw
    } else {
        unreserved(name.to_owned())
    }
}

/// `escape(name).len()`, without writing it.
pub(crate) fn escaped_len(name: &str) -> usize {
    if is_keyword(name) {
        name.len() + 2
    } else if NOT_RAW.contains(&name) {
        name.len() + 1
    } else {
        name.len()
    }
}

/// Hands out names that are unique within one scope, appending `2`, `3`, … on collision.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scope {
    /// Looked up for every name lowered (Stripe's: tens of thousands); never iterated.
    taken: FxHashSet<String>,
    /// The names claimed, in order, so a failed operation can give its names back.
    claimed: Vec<String>,
}

impl Scope {
    /// A scope where `reserved` are already taken.
    pub(crate) fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            claimed: Vec::new(),
        }
    }

    /// Claims `name`, or the first free `name2`, `name3`, … (`name_2` for snake case).
    pub(crate) fn claim(&mut self, name: String) -> String {
        if !self.taken.contains(&name) {
            self.taken.insert(name.clone());
            self.claimed.push(name.clone());
            return name;
        }
        // `start_time_2` and `Client2`, but `self_2` rather than `self__2`, which is not snake case.
        let separator = if name.ends_with('_') {
            ""
        } else if name.contains('_') || name.chars().all(|c| !c.is_ascii_uppercase()) {
            "_"
        } else {
            ""
        };
        let mut n = 2usize;
        loop {
            let candidate = format!("{name}{separator}{n}");
            if !self.taken.contains(&candidate) {
                self.taken.insert(candidate.clone());
                self.claimed.push(candidate.clone());
                return candidate;
            }
            n += 1;
        }
    }

    /// How many names have been claimed so far: a point to [`release_since`](Self::release_since).
    pub(crate) fn mark(&self) -> usize {
        self.claimed.len()
    }

    /// Frees every name claimed after `mark`.
    pub(crate) fn release_since(&mut self, mark: usize) {
        for name in self.claimed.drain(mark.min(self.claimed.len())..) {
            self.taken.remove(&name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_len_is_the_length_of_the_escaped_name() {
        for name in [
            "type", "self", "Self", "super", "crate", "_", "__", "as", "r#x", "name", "é", "",
        ] {
            assert_eq!(escaped_len(name), escape(name).len(), "{name}");
        }
    }

    #[test]
    fn keywords_are_sorted_for_binary_search() {
        assert!(KEYWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_keyword("type") && is_keyword("abstract") && is_keyword("yield"));
        assert!(!is_keyword("types") && !is_keyword("") && !is_keyword("Self"));
    }

    #[test]
    fn names_claimed_after_a_mark_can_be_released() {
        let mut scope = Scope::with_reserved(&["self"]);
        assert_eq!(scope.claim("a".into()), "a");
        let mark = scope.mark();
        assert_eq!(scope.claim("a".into()), "a_2");
        assert_eq!(scope.claim("b".into()), "b");
        scope.release_since(mark);
        // `a` and `self` are still taken; `a_2` and `b` are free again.
        assert_eq!(scope.claim("a".into()), "a_2");
        assert_eq!(scope.claim("self".into()), "self_2");
        assert_eq!(scope.claim("b".into()), "b");
    }

    #[test]
    fn type_names_are_pascal_case_ascii() {
        assert_eq!(
            type_name("contact-group_update", "Type"),
            "ContactGroupUpdate"
        );
        assert_eq!(
            type_name("io.k8s.api.apps.v1.Deployment", "Type"),
            "IoK8sApiAppsV1Deployment"
        );
        assert_eq!(type_name("1st place", "Type"), "Type1stPlace");
        // Other scripts are spelled with ASCII letters.
        assert_eq!(type_name("école", "Type"), "Ecole");
        assert_eq!(type_name("☃", "Type"), "Snowman");
        assert_eq!(type_name("\u{e000}", "Type"), "Type");
    }

    #[test]
    fn type_names_avoid_the_prelude_and_imports() {
        assert_eq!(type_name("Option", "Type"), "OptionType");
        assert_eq!(type_name("string", "Type"), "StringType");
        assert_eq!(type_name("Error", "Type"), "Error");
    }

    #[test]
    fn value_names_are_snake_case() {
        assert_eq!(value_name("groupId", "field"), "group_id");
        assert_eq!(value_name("StartTime<", "field"), "start_time");
        assert_eq!(value_name("include[]", "field"), "include");
        assert_eq!(value_name("100644", "field"), "field_100644");
        assert_eq!(value_name("$", "field"), "field");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(escape("type"), "r#type");
        assert_eq!(escape("self"), "self_");
        assert_eq!(escape("Self"), "Self_");
        assert_eq!(escape("crate"), "crate_");
        assert_eq!(escape("super"), "super_");
        assert_eq!(escape("name"), "name");
    }

    #[test]
    fn scopes_deduplicate() {
        let mut scope = Scope::with_reserved(&["Client"]);
        assert_eq!(scope.claim("Client".into()), "Client2");
        assert_eq!(scope.claim("start_time".into()), "start_time");
        assert_eq!(scope.claim("start_time".into()), "start_time_2");
        assert_eq!(scope.claim("start_time".into()), "start_time_3");
        assert_eq!(scope.claim("self_".into()), "self_");
        assert_eq!(scope.claim("self_".into()), "self_2");
    }
}
