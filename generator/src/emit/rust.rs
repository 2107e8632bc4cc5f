//! Small helpers for writing Rust: identifiers, type references, imports, formatting.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};

use super::formats::format_tokens;
use crate::error::{Error, Result};
use crate::ir::{Api, FloatWidth, IntWidth, TypeRef};
use crate::naming;

/// An identifier, raw (`r#type`) where the name is a keyword, with a trailing `_` where `r#` is
/// not allowed ([`naming::escape`]).
pub(crate) fn ident(name: &str) -> Ident {
    let escaped = naming::escape(name);
    match escaped.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(&escaped, Span::call_site()),
    }
}

/// The text of [`ident`]`(name)`, without building the token: for the printers.
pub(crate) fn ident_text(name: &str) -> String {
    naming::escape(name)
}

/// The text of `proc_macro2::Literal::string(text)`: a Rust string literal of `text`. Printable
/// ASCII without `"` or `\\` stands as it is (most names); anything else is escaped by
/// `proc_macro2` itself.
pub(crate) fn str_literal(text: &str) -> String {
    if stands_as_is(text) {
        let mut out = String::with_capacity(text.len() + 2);
        out.push('"');
        out.push_str(text);
        out.push('"');
        return out;
    }
    proc_macro2::Literal::string(text).to_string()
}

/// `str_literal(text).len()`, without writing it for the common case.
pub(crate) fn str_literal_len(text: &str) -> usize {
    if stands_as_is(text) {
        text.len() + 2
    } else {
        str_literal(text).len()
    }
}

/// Whether `text` is written in a string literal as it is: printable ASCII without `"` or `\\`.
fn stands_as_is(text: &str) -> bool {
    text.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
}

/// `#[allow(clippy::large_enum_variant)]` for an enum whose variants hold any of `payloads`
/// when one is a named type, whose size can be anything. An enum is as large as its largest
/// variant, no larger than holding that type directly (as a `Vec` of it or a struct field would);
/// boxing it would only make every match and construction go through a `Box`.
pub(crate) fn allow_large_variants<'t>(
    mut payloads: impl Iterator<Item = &'t TypeRef>,
) -> TokenStream {
    fn sized_by_spec(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(_) => true,
            TypeRef::Nullable(inner) => sized_by_spec(inner),
            _ => false,
        }
    }
    if payloads.any(sized_by_spec) {
        quote!(#[allow(clippy::large_enum_variant)])
    } else {
        TokenStream::new()
    }
}

/// How a type reference is written; `types` is the path prefix for named types (`types::`) or
/// `None` inside the `types` module itself.
pub(crate) fn type_tokens(api: &Api, ty: &TypeRef, types: Option<&TokenStream>) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer(IntWidth::I32) => quote!(i32),
        TypeRef::Integer(IntWidth::I64) => quote!(i64),
        TypeRef::Integer(IntWidth::U8) => quote!(u8),
        TypeRef::Integer(IntWidth::U16) => quote!(u16),
        TypeRef::Integer(IntWidth::U32) => quote!(u32),
        TypeRef::Integer(IntWidth::U64) => quote!(u64),
        TypeRef::Number(FloatWidth::F32) => quote!(f32),
        TypeRef::Number(FloatWidth::F64) => quote!(f64),
        TypeRef::Named(id) => {
            let name = ident(api.name_of(*id));
            match types {
                Some(prefix) => quote!(#prefix::#name),
                None => quote!(#name),
            }
        }
        TypeRef::Array(item) => {
            let item = type_tokens(api, item, types);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(api, value, types);
            quote!(BTreeMap<String, #value>)
        }
        TypeRef::Any => quote!(Value),
        TypeRef::Format(format) => format_tokens(*format),
        // `Bytes` serializes through `serialize_bytes`, so multipart bodies send it as a file.
        TypeRef::Binary => quote!(bytes::Bytes),
        // The runtime's file, which a multipart body sends with its name and media type.
        TypeRef::File => quote!(crate::Upload),
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(api, inner, types);
            quote!(Option<#inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(api, inner, types);
            quote!(Box<#inner>)
        }
        TypeRef::Tuple(items) => {
            let items: Vec<TokenStream> = items
                .iter()
                .map(|item| type_tokens(api, item, types))
                .collect();
            match items.as_slice() {
                [one] => quote!((#one,)),
                items => quote!((#(#items),*)),
            }
        }
        // The configuration checked the path when it was applied.
        TypeRef::External(path) => syn::parse_str::<syn::Type>(path)
            .map(|ty| ty.to_token_stream())
            .unwrap_or_else(|_| quote!(Value)),
    }
}

/// Whether a type reference mentions `BTreeMap` or `Value`, so the module must import them.
pub(crate) fn uses(ty: &TypeRef, map: &mut bool, value: &mut bool) {
    match ty {
        TypeRef::Map(inner) => {
            *map = true;
            uses(inner, map, value);
        }
        TypeRef::Array(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => {
            uses(inner, map, value)
        }
        TypeRef::Tuple(items) => items.iter().for_each(|item| uses(item, map, value)),
        TypeRef::Any => *value = true,
        _ => {}
    }
}

/// Calls `visit` for every identifier in `tokens`, at any depth, with whether a `::` follows
/// it (so `call::json` is told from `self.call(…)`): how a module finds what it must import.
pub(crate) fn visit_idents(tokens: &TokenStream, visit: &mut impl FnMut(&Ident, bool)) {
    use proc_macro2::TokenTree;
    let mut trees = tokens.clone().into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Ident(ident) => visit(&ident, opens_path(trees.peek())),
            TokenTree::Group(group) => visit_idents(&group.stream(), visit),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

/// Whether `next`, the token after an identifier, starts a `::`: the identifier is a path's.
pub(crate) fn opens_path(next: Option<&proc_macro2::TokenTree>) -> bool {
    matches!(
        next,
        Some(proc_macro2::TokenTree::Punct(p))
            if p.as_char() == ':' && p.spacing() == proc_macro2::Spacing::Joint
    )
}

/// Whether `tokens` contain the identifier `name`, at any depth.
pub(crate) fn mentions(tokens: &TokenStream, name: &str) -> bool {
    let mut found = false;
    visit_idents(tokens, &mut |ident, _| found |= ident == name);
    found
}

/// How emitting spreads its work over threads. The output is the same whatever the numbers:
/// items are formatted in runs, and the runs' texts joined in order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split {
    /// At most this many threads, the calling one included.
    pub(crate) threads: usize,
    /// Items per run; `None` picks a size from the item count and the threads.
    pub(crate) chunk: Option<usize>,
}

impl Split {
    /// As many threads as the machine offers.
    pub(crate) fn for_machine() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            chunk: None,
        }
    }

    /// `items` in runs: several per thread, so a thread that drew short ones takes more.
    pub(crate) fn chunks<'a, T>(&self, items: &'a [T]) -> Vec<&'a [T]> {
        let size = self
            .chunk
            .unwrap_or_else(|| (items.len() / (self.threads.max(1) * 8)).max(16))
            .max(1);
        items.chunks(size).collect()
    }

    /// `work` on every job, taking it, on up to `threads` threads; the results in job order.
    pub(crate) fn map_owned<J: Send, R: Send>(
        &self,
        jobs: Vec<J>,
        work: impl Fn(J) -> R + Sync,
    ) -> Result<Vec<R>> {
        let slots: Vec<std::sync::Mutex<Option<J>>> = jobs
            .into_iter()
            .map(|job| std::sync::Mutex::new(Some(job)))
            .collect();
        let done = self.map(&slots, |slot| {
            let job = slot.lock().ok().and_then(|mut job| job.take());
            job.map(&work)
        })?;
        done.into_iter()
            .map(|result| {
                result.ok_or_else(|| Error::msg("internal: an emitting job went missing"))
            })
            .collect()
    }

    /// `work` on every job, on up to `threads` threads; the results in job order.
    pub(crate) fn map<J: Sync, R: Send>(
        &self,
        jobs: &[J],
        work: impl Fn(&J) -> R + Sync,
    ) -> Result<Vec<R>> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let next = AtomicUsize::new(0);
        let run = || {
            let mut done = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(index) else {
                    return done;
                };
                done.push((index, work(job)));
            }
        };
        let helpers = self.threads.min(jobs.len()).saturating_sub(1);
        let mut done = std::thread::scope(|scope| {
            // A thread that cannot be started leaves its share to the others.
            let handles: Vec<_> = (0..helpers)
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, run).ok())
                .collect();
            let mut done = run();
            for handle in handles {
                let theirs = handle
                    .join()
                    .map_err(|_| Error::msg("internal: an emitting thread panicked"))?;
                done.extend(theirs);
            }
            Ok::<_, Error>(done)
        })?;
        done.sort_unstable_by_key(|(index, _)| *index);
        Ok(done.into_iter().map(|(_, result)| result).collect())
    }
}

/// Parses and pretty-prints tokens as a file, before [`space_items`]. The texts of files that
/// hold consecutive runs of items join into the text of one file that holds them all.
pub(crate) fn unparse(tokens: TokenStream, what: &str) -> Result<String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::msg(format!("internal: generated {what} does not parse: {e}")))?;
    Ok(prettyplease::unparse(&file))
}

/// Parses and pretty-prints a whole file.
pub(crate) fn format_file(tokens: TokenStream, what: &str) -> Result<String> {
    Ok(space_items(&unparse(tokens, what)?))
}

/// Puts a blank line between items, as a person would; `prettyplease` leaves none. A blank line
/// goes before an item (or its docs or attributes) that follows the end of another item at an
/// item level (the module, or an `impl`, `trait` or `mod` block), and after module docs and
/// inner attributes. Runs of `use` and `mod` lines stay together.
pub(crate) fn space_items(source: &str) -> String {
    let mut spacer = Spacer::with_capacity(source.len());
    spacer.push(source);
    spacer.finish()
}

/// [`space_items`] over a text given in pieces, each piece whole lines holding whole items (as
/// the runs of a module are), so a module is spaced as its runs are joined and each run can be
/// freed once copied: what the pieces would be spaced as joined, without joining them first.
pub(crate) struct Spacer {
    out: String,
    item_levels: Vec<usize>,
    /// The first line of the item that the previous line belongs to, per indentation level,
    /// so the `};` closing a multi-line `use` still counts as part of a `use` group.
    heads: Vec<(usize, String)>,
    /// Whether the last attribute opened was an inner one (`#![`): its `)]` ends the module's
    /// attributes, while an outer one's belongs to the item after it.
    inner_attribute: bool,
    /// The indentation and text of the last line pushed.
    prev: Option<(usize, String)>,
}

impl Spacer {
    /// A spacer for a text of about `len` bytes.
    pub(crate) fn with_capacity(len: usize) -> Self {
        Self {
            // Room for the blank lines and for a header put before the text in place.
            out: String::with_capacity(len + len / 16 + 512),
            item_levels: vec![0],
            heads: Vec::new(),
            inner_attribute: false,
            prev: None,
        }
    }

    /// Spaces the lines of `piece` after those pushed before. The piece is copied in runs of
    /// whole lines between the blank lines put in, not line by line (a large crate has
    /// hundreds of thousands of lines); a line that does not end in a bare `\n` (a `\r\n`,
    /// or the piece's last line without one) is copied alone, ending in `\n`.
    pub(crate) fn push(&mut self, piece: &str) {
        let out = &mut self.out;
        let item_levels = &mut self.item_levels;
        let mut inner_attribute = self.inner_attribute;
        // The state the last piece left, borrowed while this one is read.
        let carried_heads = std::mem::take(&mut self.heads);
        let carried_prev = self.prev.take();
        let mut heads: Vec<(usize, &str)> = carried_heads
            .iter()
            .map(|(l, h)| (*l, h.as_str()))
            .collect();
        let mut prev: Option<(usize, &str)> = carried_prev.as_ref().map(|(l, p)| (*l, p.as_str()));
        // `piece[copied..]` is what is still to be copied to `out`.
        let mut copied = 0;
        let mut lines = LinesAt::new(piece).map(|(start, line, next)| {
            let body = trim_indent(line);
            (start, line, next, line.len() - body.len(), body)
        });
        while let Some((start, line, next, level, body)) = lines.next() {
            if let Some((prev_level, prev)) = prev {
                // An outer attribute belongs to the item it precedes.
                let ahead = || {
                    lines
                        .clone()
                        .map(|(_, _, _, _, body)| body)
                        .find(|l| !l.starts_with("#["))
                        .unwrap_or(body)
                };
                let item = || match body.starts_with("#[") {
                    true => ahead(),
                    false => body,
                };
                if prev_level == level && item_levels.contains(&level) {
                    let prev_head = heads
                        .iter()
                        .rev()
                        .find(|(l, _)| *l == level)
                        .map_or(prev, |(_, head)| head);
                    if needs_blank_line(prev, prev_head, body, item, inner_attribute) {
                        out.push_str(&piece[copied..start]);
                        copied = start;
                        out.push('\n');
                    }
                }
            }
            if body.starts_with("#[") {
                inner_attribute = false;
            } else if body.starts_with("#![") {
                inner_attribute = true;
            }
            let starts_item = !body.starts_with('}')
                && !body.starts_with(')')
                && !body.starts_with("#[")
                && !body.starts_with("//");
            if starts_item {
                // `heads` is kept in increasing levels: those at this level or deeper end here.
                while heads.last().is_some_and(|(l, _)| *l >= level) {
                    heads.pop();
                }
                heads.push((level, body));
            }
            if body.ends_with('{') && opens_item_block(body) {
                item_levels.push(level + 4);
            } else if body.starts_with('}') {
                item_levels.retain(|l| *l != level + 4 || level + 4 == 0);
            }
            if next != start + line.len() + 1 {
                // Not ended by a bare `\n`: copied alone, with one.
                out.push_str(&piece[copied..start]);
                out.push_str(line);
                out.push('\n');
                copied = next;
            }
            prev = Some((level, body));
        }
        out.push_str(&piece[copied..]);
        self.inner_attribute = inner_attribute;
        self.heads = heads.into_iter().map(|(l, h)| (l, h.to_owned())).collect();
        self.prev = prev.map(|(l, p)| (l, p.to_owned()));
    }

    /// The spaced text.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// The lines of a text, as [`str::lines`] splits them, found with `memchr` (spacing a large
/// crate looks at every line of it), each with where it starts in the text and where the next
/// one does (past the line's `\n` or `\r\n`), so [`Spacer::push`] can copy runs of lines at
/// once.
#[derive(Clone)]
struct LinesAt<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> LinesAt<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }
}

impl<'a> Iterator for LinesAt<'a> {
    type Item = (usize, &'a str, usize);

    fn next(&mut self) -> Option<(usize, &'a str, usize)> {
        let start = self.at;
        let rest = self.text.get(start..).filter(|rest| !rest.is_empty())?;
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => {
                let line = &rest[..end];
                (line.strip_suffix('\r').unwrap_or(line), start + end + 1)
            }
            None => (rest, self.text.len()),
        };
        self.at = next;
        Some((start, line, next))
    }
}

/// `line.trim_start()`, counting the spaces `prettyplease` indents with first.
fn trim_indent(line: &str) -> &str {
    let rest = &line[line.bytes().take_while(|b| *b == b' ').count()..];
    // Any other whitespace (rare) is trimmed as `trim_start` does, Unicode included.
    if rest
        .as_bytes()
        .first()
        .is_some_and(|b| !b.is_ascii() || b.is_ascii_whitespace())
        && rest.starts_with(char::is_whitespace)
    {
        rest.trim_start()
    } else {
        rest
    }
}

fn opens_item_block(body: &str) -> bool {
    let body = body.strip_prefix("pub ").unwrap_or(body);
    ["impl ", "impl<", "trait ", "mod ", "unsafe impl"]
        .iter()
        .any(|p| body.starts_with(p))
}

fn needs_blank_line<'a>(
    prev: &str,
    prev_head: &str,
    line: &str,
    item: impl FnOnce() -> &'a str,
    inner_attribute: bool,
) -> bool {
    if line.is_empty() || line.starts_with('}') || line.starts_with(')') {
        return false;
    }
    let grouped = |s: &str| {
        if s.starts_with("mod ") || s.starts_with("pub mod ") {
            Some("mod")
        } else {
            ["use ", "pub use "].into_iter().find(|p| s.starts_with(*p))
        }
    };
    if prev.starts_with("//!") {
        return !line.starts_with("//!");
    }
    if prev.starts_with("#![") || (prev == ")]" && inner_attribute) {
        return !line.starts_with("#![");
    }
    // A comment never ends an item, whatever it ends with (`/// foo := &pb.Foo{}`): a blank
    // line after a doc comment is a clippy error.
    let item_end = !prev.starts_with("//")
        && (prev == "}" || prev == "};" || prev.ends_with("{}") || prev.ends_with(';'));
    if !item_end {
        return false;
    }
    let head = grouped(prev_head);
    head.is_none() || head != grouped(item())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_literal_len_is_the_length_of_the_literal() {
        for text in [
            "plain",
            "quote\"d",
            "back\\slash",
            "tab\there",
            "é",
            "日本",
            "nul\0",
            "",
            "~ !",
        ] {
            assert_eq!(str_literal_len(text), str_literal(text).len(), "{text:?}");
        }
    }

    #[test]
    fn a_multi_line_outer_attribute_stays_with_its_item() {
        let source = "#![allow(\n    dead_code\n)]\nuse a::b;\nstruct A;\n#[cfg(\n    any(feature = \"a\", feature = \"b\")\n)]\nimpl A {}\n";
        assert_eq!(
            space_items(source),
            "#![allow(\n    dead_code\n)]\n\nuse a::b;\n\nstruct A;\n\n#[cfg(\n    any(feature = \"a\", feature = \"b\")\n)]\nimpl A {}\n"
        );
    }

    #[test]
    fn a_doc_line_ending_like_an_item_is_no_item_end() {
        // Found on vectara.io (`/// foo := &pb.Foo{}`) and fenced JSON (`///   "data": {}`):
        // a blank line after a doc comment fails clippy's `empty_line_after_doc_comments`.
        let source =
            "/// foo := &pb.Foo{}\n/// if err {\n///     x;\n/// }\npub struct A {}\nstruct B;\n";
        assert_eq!(
            space_items(source),
            "/// foo := &pb.Foo{}\n/// if err {\n///     x;\n/// }\npub struct A {}\n\nstruct B;\n"
        );
    }

    #[test]
    fn lines_split_as_str_lines_does() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\n\nb\n",
            "a\r\nb\r\n",
            "a\rb\n",
            "a\r",
            "\r\n",
            "é\n  ü\r\n\r",
        ] {
            let lines: Vec<(usize, &str, usize)> = LinesAt::new(text).collect();
            assert_eq!(
                lines.iter().map(|(_, line, _)| *line).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            // Each line is where it says, and the next starts past its terminator.
            let mut at = 0;
            for (start, line, next) in lines {
                assert_eq!(start, at, "{text:?}");
                assert!(text[start..].starts_with(line), "{text:?}");
                let terminator = &text[start + line.len()..next];
                assert!(
                    ["", "\n", "\r\n"].contains(&terminator)
                        && (next == text.len() || !terminator.is_empty()),
                    "{text:?}"
                );
                at = next;
            }
            assert_eq!(at, text.len(), "{text:?}");
        }
    }

    #[test]
    fn lines_not_ended_by_a_bare_newline_end_with_one() {
        assert_eq!(
            space_items("struct A;\r\nstruct B;\r\n\r\nstruct C;"),
            "struct A;\n\nstruct B;\n\nstruct C;\n"
        );
        let mut spacer = Spacer::with_capacity(0);
        spacer.push("struct A;");
        spacer.push("struct B;\n");
        assert_eq!(spacer.finish(), "struct A;\n\nstruct B;\n");
    }

    #[test]
    fn a_text_spaced_in_pieces_is_spaced_as_it_would_be_whole() {
        let pieces = [
            "//! Docs.\nuse a::b;\n",
            "use c::d;\nimpl A {\n",
            "    #[doc = \"x\"]\n    fn x() {}\n",
            "    fn y() {}\n}\n",
            "#[derive(\n    Debug\n)]\nstruct B;\n",
        ];
        let mut spacer = Spacer::with_capacity(0);
        for piece in pieces {
            spacer.push(piece);
        }
        let whole = space_items(&pieces.concat());
        assert_eq!(spacer.finish(), whole);
        assert_eq!(
            whole,
            "//! Docs.\n\nuse a::b;\nuse c::d;\n\nimpl A {\n    #[doc = \"x\"]\n    fn x() {}\n\n    fn y() {}\n}\n\n#[derive(\n    Debug\n)]\nstruct B;\n"
        );
    }

    #[test]
    fn indentation_is_trimmed_like_trim_start() {
        for line in [
            "",
            "    ",
            "a",
            "    a b",
            "  \tx",
            "\u{a0} y",
            "    \u{2003}z ",
            "\t",
        ] {
            assert_eq!(trim_indent(line), line.trim_start(), "{line:?}");
        }
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("name").to_string(), "name");
        assert_eq!(ident("self").to_string(), "self_");
        let mut texts: Vec<String> = (0u8..128).map(|b| format!("a{}b", b as char)).collect();
        texts.extend(
            [
                "",
                "plain name",
                "é",
                "ünï\u{301}",
                "\u{200b}",
                "tab\there",
                "q\"'\\",
            ]
            .map(str::to_owned),
        );
        for text in texts {
            assert_eq!(
                str_literal(&text),
                proc_macro2::Literal::string(&text).to_string(),
                "{text:?}"
            );
        }
        for name in [
            "type", "name", "self", "Self", "crate", "_", "r#x", "async", "gen", "x2",
        ] {
            assert_eq!(ident_text(name), ident(name).to_string(), "{name}");
        }
    }
}
