//! An operation's `Client` method (and its event-stream method) printed as `prettyplease`
//! prints the tokens `method` builds, inside `impl Client`: docs, the signature (its arguments
//! a line each when it is too long for one), the request as one chain (a call a line when it
//! is too long for one) and the `if let` of an optional body. Whatever would make
//! `prettyplease` break a line some other way (a call's arguments, a return type's generic
//! arguments, a long `#[cfg]`) is left to it: `None`.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::{MARGIN, doc_comment};
use crate::emit::decode::{decoder_name, stream_decoder_name};
use crate::emit::docs::doc_lines;
use crate::emit::items::{success_type, types_prefix};
use crate::emit::method::{
    RequestParts, Step, request_parts, request_start_parts, stream_doc_lines,
};
use crate::emit::method_docs::method_doc_text;
use crate::emit::rust::{ident, type_tokens};
use crate::ir::{Api, Operation};

/// The indent of a method in `impl Client`, and of its statements.
const FN: &str = "    ";
const STMT: &str = "        ";
const CHAIN: &str = "            ";

/// The method of `op` at its indent in `impl Client`, after `gate` (a formatted `#[cfg]`
/// line at column 0, or empty); `scan` sees the tokens of its types and calls, for the
/// module's imports.
pub(crate) fn method_text(
    api: &Api,
    op: &Operation,
    gate: &str,
    scan: &mut dyn FnMut(&TokenStream),
) -> Option<String> {
    let success = success_type(api, op);
    scan(&success);
    let ret = format!("Call<'_, {}, {}>", flat(&success)?, op.errors.name());
    let tail = format!("self.call(request, {})", decoder_name(op));
    let method = Method {
        docs: doc_lines(&method_doc_text(api, op)),
        name: ident(&op.method_name).to_string(),
        deprecated: op.deprecated,
        ret,
        tail,
    };
    method.print(op, request_parts(api, op, op.accept.as_deref()), gate, scan)
}

/// The event-stream method of `op` (`None` too when it has none), as [`method_text`].
pub(crate) fn stream_method_text(
    api: &Api,
    op: &Operation,
    gate: &str,
    scan: &mut dyn FnMut(&TokenStream),
) -> Option<String> {
    let events = op.events.as_ref()?;
    let data = type_tokens(api, &events.data, Some(&types_prefix()));
    scan(&data);
    let ret = format!("EventCall<'_, {}, {}>", flat(&data)?, op.errors.name());
    let tail = format!(
        "EventCall::new(self.call(request, {}))",
        stream_decoder_name(op)
    );
    let method = Method {
        docs: stream_doc_lines(op),
        name: ident(&events.method_name).to_string(),
        deprecated: op.deprecated,
        ret,
        tail,
    };
    method.print(
        op,
        request_parts(api, op, Some("text/event-stream")),
        gate,
        scan,
    )
}

/// What differs between a method and its event-stream twin.
struct Method {
    docs: Vec<String>,
    name: String,
    deprecated: bool,
    /// The return type, on one line.
    ret: String,
    /// The method's last expression.
    tail: String,
}

impl Method {
    fn print(
        &self,
        op: &Operation,
        parts: RequestParts,
        gate: &str,
        scan: &mut dyn FnMut(&TokenStream),
    ) -> Option<String> {
        let mut out = String::with_capacity(2048);
        for line in &self.docs {
            doc_comment(&mut out, FN, line)?;
        }
        if !gate.is_empty() {
            // A `#[cfg]` that `prettyplease` wraps at column 0 or would at this indent.
            if gate.matches('\n').count() != 1 || FN.len() + gate.len() - 1 > MARGIN {
                return None;
            }
            out.push_str(FN);
            out.push_str(gate);
        }
        if self.deprecated {
            out.push_str("    #[deprecated]\n");
        }
        if parts.too_many {
            out.push_str("    #[allow(clippy::too_many_arguments)]\n");
        }
        self.signature(&mut out, &parts.args, scan)?;
        body(&mut out, op, &parts.steps, scan)?;
        fits(&mut out, STMT, &self.tail, "")?;
        out.push_str("    }\n");
        Some(out)
    }

    /// `pub fn name(&self, …) -> Ret {` on one line, or its arguments a line each.
    fn signature(
        &self,
        out: &mut String,
        args: &[TokenStream],
        scan: &mut dyn FnMut(&TokenStream),
    ) -> Option<()> {
        let mut flat_args = Vec::with_capacity(args.len());
        for arg in args {
            scan(arg);
            flat_args.push(flat(arg)?);
        }
        let (name, ret) = (&self.name, &self.ret);
        let mut line = format!("{FN}pub fn {name}(&self");
        for arg in &flat_args {
            line.push_str(", ");
            line.push_str(arg);
        }
        line.push_str(") -> ");
        line.push_str(ret);
        line.push_str(" {");
        if line.len() <= MARGIN {
            out.push_str(&line);
            out.push('\n');
            return Some(());
        }
        out.push_str(FN);
        out.push_str("pub fn ");
        out.push_str(name);
        out.push_str("(\n        &self,\n");
        for arg in &flat_args {
            fits(out, STMT, arg, ",")?;
        }
        fits(out, FN, &format!(") -> {ret} {{"), "")
    }
}

/// The statements that build the request: `let request = …;` as one chain up to the first
/// optional argument, then a statement per call.
fn body(
    out: &mut String,
    op: &Operation,
    steps: &[Step],
    scan: &mut dyn FnMut(&TokenStream),
) -> Option<()> {
    let (head, path_steps) = request_start_parts(op);
    let mut chain = Vec::with_capacity(path_steps.len() + steps.len());
    for call in &path_steps {
        scan(call);
        chain.push(flat(call)?);
    }
    let leading = steps
        .iter()
        .take_while(|s| matches!(s, Step::Always(_)))
        .count();
    for step in &steps[..leading] {
        if let Step::Always(call) = step {
            scan(call);
            chain.push(flat(call)?);
        }
    }
    let rest = &steps[leading..];
    let binding = if rest.is_empty() {
        "let request = "
    } else {
        "let mut request = "
    };
    let head = flat(&head)?;
    let one_line: usize = STMT.len()
        + binding.len()
        + head.len()
        + chain.iter().map(|c| c.len() + 1).sum::<usize>()
        + 1;
    if one_line <= MARGIN {
        out.push_str(STMT);
        out.push_str(binding);
        out.push_str(&head);
        for call in &chain {
            out.push('.');
            out.push_str(call);
        }
        out.push_str(";\n");
    } else {
        let last = chain.len().checked_sub(1)?;
        fits(out, STMT, &format!("{binding}{head}"), "")?;
        for (i, call) in chain.iter().enumerate() {
            fits(
                out,
                CHAIN,
                &format!(".{call}"),
                if i == last { ";" } else { "" },
            )?;
        }
    }
    for step in rest {
        match step {
            Step::Always(call) => {
                scan(call);
                fits(
                    out,
                    STMT,
                    &format!("request = request.{}", flat(call)?),
                    ";",
                )?;
            }
            Step::IfSome(arg, call) => {
                scan(call);
                out.push_str(STMT);
                out.push_str(&format!("if let Some({arg}) = {arg} {{\n"));
                fits(
                    out,
                    CHAIN,
                    &format!("request = request.{}", flat(call)?),
                    ";",
                )?;
                out.push_str(STMT);
                out.push_str("}\n");
            }
        }
    }
    Some(())
}

/// `indent`, `text` and `end` as a line, when it fits in [`MARGIN`].
fn fits(out: &mut String, indent: &str, text: &str, end: &str) -> Option<()> {
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
    let mut out = String::with_capacity(64);
    flat_into(tokens, &mut out)?;
    Some(out)
}

fn flat_into(tokens: &TokenStream, out: &mut String) -> Option<()> {
    // Whether the last token was a word (an identifier or a literal), which a following word
    // is spaced from, and whether it was the first `:` of a `::`.
    let mut word = false;
    let mut path_colon = false;
    for tree in tokens.clone() {
        let is_word = matches!(tree, TokenTree::Ident(_) | TokenTree::Literal(_));
        if is_word && word {
            out.push(' ');
        }
        match &tree {
            TokenTree::Ident(ident) => out.push_str(&ident.to_string()),
            TokenTree::Literal(literal) => out.push_str(&literal.to_string()),
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    _ => return None,
                };
                out.push(open);
                flat_into(&group.stream(), out)?;
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
