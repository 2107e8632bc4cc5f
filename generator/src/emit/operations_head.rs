//! The `operations` module's docs and imports, and what its code uses that they import.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// What the module's code uses, so it imports only that and compiles without unused-import
/// warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Uses {
    pub(super) map: bool,
    pub(super) value: bool,
    pub(super) style: bool,
    pub(super) encoding: bool,
    pub(super) types: bool,
    /// A `call::` path (`self.call(…)` is in every method; only a path needs the module).
    pub(super) call_module: bool,
    /// `Server`, set from the operations rather than found by name: a type may be called that.
    pub(super) server: bool,
}

impl Uses {
    pub(super) fn merge(&mut self, other: Uses) {
        self.map |= other.map;
        self.value |= other.value;
        self.style |= other.style;
        self.encoding |= other.encoding;
        self.types |= other.types;
        self.call_module |= other.call_module;
        self.server |= other.server;
    }

    /// Notes what `tokens` use.
    pub(super) fn scan(&mut self, tokens: &TokenStream) {
        super::rust::visit_idents(tokens, &mut |ident, path| self.note(ident, path));
    }

    /// The identifiers that need an import, each with whether only a path (`::` after it)
    /// counts, and the flag it sets: the one list [`Uses::note`] and [`Uses::scan_text`] read.
    fn words(&mut self) -> [(&'static str, bool, &mut bool); 6] {
        [
            ("BTreeMap", false, &mut self.map),
            ("Value", false, &mut self.value),
            // `Style::Form`; a bare `Style` is a type of the API's (`types::Style`).
            ("Style", true, &mut self.style),
            ("Encoding", true, &mut self.encoding),
            ("types", false, &mut self.types),
            ("call", true, &mut self.call_module),
        ]
    }

    /// Notes what printed code uses: `text` holds no comments or literals (a type, a call),
    /// so its words are its identifiers, as [`Uses::scan`] sees them in its tokens.
    pub(super) fn scan_text(&mut self, text: &str) {
        // Each word is looked for only until found: the text of a large spec's operations is
        // scanned piece by piece, and after the first pieces most flags are set.
        for (word, only_path, flag) in self.words() {
            if !*flag && has_word(text.as_bytes(), word.as_bytes(), only_path) {
                *flag = true;
            }
        }
    }

    /// Notes an identifier, `path` when `::` follows it.
    pub(super) fn note<I: PartialEq<str> + ?Sized>(&mut self, ident: &I, path: bool) {
        for (word, only_path, flag) in self.words() {
            if ident.eq(word) && (path || !only_path) {
                *flag = true;
            }
        }
    }
}

/// Whether `word` stands in `text` as a whole word (no letter, digit or `_` on either side; the
/// bytes of a non-ASCII character are none of those), followed by `::` when `path`: the
/// identifiers [`Uses::note`] looks for, found without splitting the text into words.
fn has_word(text: &[u8], word: &[u8], path: bool) -> bool {
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    memchr::memmem::find_iter(text, word).any(|at| {
        let after = &text[at + word.len()..];
        let before = at.checked_sub(1).and_then(|i| text.get(i));
        let whole = !before.is_some_and(is_word) && !after.first().is_some_and(is_word);
        whole && (!path || after.starts_with(b"::"))
    })
}

/// The module docs and imports; with no operations, only docs (an import would be unused).
pub(super) fn operations_head(api: &Api, uses: Uses) -> TokenStream {
    if api.operations.is_empty() {
        return quote! {
            //! The API's operations: this API describes none, only the types in [`crate::types`].
        };
    }
    let map_import = uses.map.then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    let value_import = uses.value.then(|| {
        quote!(
            use serde_json::Value;
        )
    });
    let call_import = if uses.call_module {
        quote!(
            use crate::call::{self, Call, Outcome};
        )
    } else {
        quote!(
            use crate::call::{Call, Outcome};
        )
    };
    let encoding_import = uses.encoding.then(|| {
        quote!(
            use crate::encode::Encoding;
        )
    });
    let style_import = uses.style.then(|| {
        quote!(
            use crate::style::Style;
        )
    });
    let types_import = uses.types.then(|| {
        quote!(
            use crate::types;
        )
    });
    let events_import = super::runtime::has_events(api).then(|| {
        quote!(
            use crate::events::{self, EventCall};
        )
    });
    let server_import = uses.server.then(|| {
        quote!(
            use crate::Server;
        )
    });
    // The decoders call the runtime's `xml`; the methods only name their shapes.
    let xml_import = match (super::xml::has_xml(api), super::xml::reads_xml(api)) {
        (true, true) => Some(quote!(
            use crate::{xml, xml_shapes};
        )),
        (true, false) => Some(quote!(
            use crate::xml_shapes;
        )),
        _ => None,
    };
    quote! {
        //! The API's operations, each a method on [`Client`], with its documented errors.
        #map_import
        use bytes::Bytes;
        use reqwest::{Method, StatusCode};
        #value_import
        #call_import
        use crate::Client;
        #encoding_import
        #events_import
        use crate::request::RequestBuilder;
        #style_import
        #server_import
        #types_import
        #xml_import
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `scan_text` finds, as it found it before: the text split into words, each noted.
    fn word_by_word(text: &str) -> Uses {
        let mut uses = Uses::default();
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut rest = text;
        while let Some(start) = rest.find(is_word) {
            let tail = &rest[start..];
            let end = tail.find(|c: char| !is_word(c)).unwrap_or(tail.len());
            let after = &tail[end..];
            uses.note(&tail[..end], after.starts_with("::"));
            rest = after;
        }
        uses
    }

    #[test]
    fn scanning_text_finds_whole_words_only() {
        let texts = [
            "BTreeMap<String, Value>",
            "MyValue ValueX _Value Value_ Value2 xBTreeMap",
            "Style Encoding call types",
            "Style::Form Encoding::Json call::Body types::Pet",
            "Style ::Form, Style:Form, Style::",
            "éValue Valueé é types é call::x",
            "(Value)",
            "Value",
            "call",
            "call::",
            "",
            "types_x x_types types9",
            "self.call(request, decode)",
        ];
        for text in texts {
            let mut scanned = Uses::default();
            scanned.scan_text(text);
            assert_eq!(scanned, word_by_word(text), "{text:?}");
        }
        // Pieces scanned one after another add up.
        let mut scanned = Uses::default();
        for text in texts {
            scanned.scan_text(text);
        }
        let mut expected = Uses::default();
        for text in texts {
            expected.merge(word_by_word(text));
        }
        assert_eq!(scanned, expected);
        assert!(expected.map && expected.value && expected.style && expected.encoding);
        assert!(expected.types && expected.call_module);
    }
}
