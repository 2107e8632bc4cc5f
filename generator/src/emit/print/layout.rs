//! Calls and types from tokens as `prettyplease` lays them out: on one line when they fit,
//! a call's arguments (and an array argument's elements) a line each when they do not.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::MARGIN;

/// A call (`name(…)` or `Path::name(…)`) whose arguments do not fit on its line: an argument
/// a line, each indented past `indent`, then `)` and `end` at `indent`; an array argument too
/// long for its line an element a line. `None` for anything else too long.
pub(super) fn broken_call(
    out: &mut String,
    indent: &str,
    call: &TokenStream,
    end: &str,
) -> Option<()> {
    let trees: Vec<TokenTree> = call.clone().into_iter().collect();
    let (TokenTree::Group(args), callee) = trees.split_last()? else {
        return None;
    };
    if args.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    out.push_str(&flat(&callee.iter().cloned().collect())?);
    out.push_str("(\n");
    let inner = format!("{indent}    ");
    listed(out, &inner, &args.stream())?;
    out.push_str(indent);
    out.push(')');
    out.push_str(end);
    out.push('\n');
    Some(())
}

/// Comma-separated `items` a line each at `indent`, each followed by a comma; one that does
/// not fit on its line (the comma after the last one not counted, as `prettyplease` does not)
/// left long when it is one token, broken when it is an array (`&[…]`), else `None`.
fn listed(out: &mut String, indent: &str, items: &TokenStream) -> Option<()> {
    let items = split_commas(items);
    let last = items.len().checked_sub(1)?;
    for (i, item) in items.iter().enumerate() {
        let text = flat(item)?;
        let comma = usize::from(i != last);
        if indent.len() + text.len() + comma <= MARGIN {
            out.push_str(indent);
            out.push_str(&text);
            out.push_str(",\n");
            continue;
        }
        let trees: Vec<TokenTree> = item.clone().into_iter().collect();
        if let [TokenTree::Literal(_) | TokenTree::Ident(_)] = trees.as_slice() {
            // One token has nowhere to break: it runs past the margin.
            out.push_str(indent);
            out.push_str(&text);
            out.push_str(",\n");
            continue;
        }
        let [TokenTree::Punct(amp), TokenTree::Group(array)] = trees.as_slice() else {
            return None;
        };
        if amp.as_char() != '&' || array.delimiter() != Delimiter::Bracket {
            return None;
        }
        out.push_str(indent);
        out.push_str("&[\n");
        listed(out, &format!("{indent}    "), &array.stream())?;
        out.push_str(indent);
        out.push_str("],\n");
    }
    Some(())
}

/// `tokens` split at their top-level commas.
fn split_commas(tokens: &TokenStream) -> Vec<TokenStream> {
    let mut parts = vec![TokenStream::new()];
    for tree in tokens.clone() {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(TokenStream::new()),
            _ => {
                if let Some(part) = parts.last_mut() {
                    part.extend([tree]);
                }
            }
        }
    }
    if parts.last().is_some_and(TokenStream::is_empty) {
        parts.pop();
    }
    parts
}

/// `indent`, `text` and `end` as a line, when it fits in [`MARGIN`].
pub(super) fn fits(out: &mut String, indent: &str, text: &str, end: &str) -> Option<()> {
    if indent.len() + text.len() + end.len() > MARGIN {
        return None;
    }
    out.push_str(indent);
    out.push_str(text);
    out.push_str(end);
    out.push('\n');
    Some(())
}

/// Tokens of a type, argument or call as `prettyplease` prints them on one line; `None` for
/// any token this does not know how to space (a block, `=`, `#`, …).
pub(super) fn flat(tokens: &TokenStream) -> Option<String> {
    flat_noting(tokens, &mut |_, _| {})
}

/// [`flat`], calling `note` with every identifier on the way, and whether `::` follows it
/// (as [`crate::emit::rust::visit_idents`] does): the tokens are read once for both.
pub(super) fn flat_noting(tokens: &TokenStream, note: &mut Note<'_>) -> Option<String> {
    let mut out = String::with_capacity(64);
    flat_into(tokens, &mut out, note)?;
    Some(out)
}

/// What is told of each identifier: see [`flat_noting`].
pub(crate) type Note<'a> = dyn FnMut(&proc_macro2::Ident, bool) + 'a;

fn flat_into(tokens: &TokenStream, out: &mut String, note: &mut Note<'_>) -> Option<()> {
    use std::fmt::Write as _;
    // Whether the last token was a word (an identifier or a literal), which a following word
    // is spaced from, and whether it was the first `:` of a `::`.
    let mut word = false;
    let mut path_colon = false;
    let mut trees = tokens.clone().into_iter().peekable();
    while let Some(tree) = trees.next() {
        let is_word = matches!(tree, TokenTree::Ident(_) | TokenTree::Literal(_));
        if is_word && word {
            out.push(' ');
        }
        match &tree {
            TokenTree::Ident(ident) => {
                note(ident, crate::emit::rust::opens_path(trees.peek()));
                let _ = write!(out, "{ident}");
            }
            TokenTree::Literal(literal) => {
                let _ = write!(out, "{literal}");
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    _ => return None,
                };
                out.push(open);
                flat_into(&group.stream(), out, note)?;
                out.push(close);
            }
            TokenTree::Punct(punct) => {
                let ch = punct.as_char();
                match ch {
                    ':' if punct.spacing() == Spacing::Joint => {
                        out.push(':');
                        path_colon = true;
                        word = false;
                        continue;
                    }
                    ':' if path_colon => out.push(':'),
                    ':' => out.push_str(": "),
                    ',' => out.push_str(", "),
                    '&' | '.' | '<' | '>' => out.push(ch),
                    '\'' if punct.spacing() == Spacing::Joint => {
                        out.push(ch);
                        path_colon = false;
                        word = false;
                        continue;
                    }
                    _ => return None,
                }
            }
        }
        path_colon = false;
        word = is_word;
    }
    Some(())
}
