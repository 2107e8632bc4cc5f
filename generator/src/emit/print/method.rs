//! An operation's `Client` method (and its event-stream method) printed as `prettyplease`
//! prints the tokens `method` builds, inside `impl Client`: docs, the signature (its arguments
//! a line each when it is too long for one), the request as one chain (a call a line when it
//! is too long for one) and the `if let` of an optional body. Whatever would make
//! `prettyplease` break a line some other way (a call's arguments, a return type's generic
//! arguments, a long `#[cfg]`) is left to it: `None`.

use std::fmt::Write;

use proc_macro2::TokenStream;
use quote::quote;

use super::layout::{Note, broken_call, fits, flat, flat_noting};
use super::{MARGIN, doc_comment};
use crate::emit::decode::decoder_name;
use crate::emit::docs::doc_lines;
use crate::emit::items::{success_type, types_prefix};
use crate::emit::method::{
    RequestParts, Step, request_parts, request_start_parts, stream_accept, stream_doc_lines,
    stream_tail,
};
use crate::emit::method_docs::method_doc_text;
use crate::emit::rust::{ident_text, type_tokens};
use crate::ir::{Api, Operation};

/// The indent of a method in `impl Client`, and of its statements.
pub(super) const FN: &str = "    ";
pub(super) const STMT: &str = "        ";
pub(super) const CHAIN: &str = "            ";

/// The method of `op` at its indent in `impl Client`, after `gate` (a formatted `#[cfg]`
/// line at column 0, or empty); `note` is told the identifiers of its types and calls, for
/// the module's imports.
pub(crate) fn method_text(
    api: &Api,
    op: &Operation,
    gate: &str,
    note: &mut Note<'_>,
) -> Option<String> {
    let success = success_type(api, op);
    let ret = [
        "Call".to_owned(),
        flat_noting(&success, note)?,
        op.errors.name().to_owned(),
    ];
    let decoder = decoder_name(op);
    let tail = quote!(self.call(request, #decoder));
    let method = Method {
        docs: doc_lines(&method_doc_text(api, op)),
        name: ident_text(&op.method_name),
        deprecated: op.deprecated,
        ret,
        tail,
    };
    method.print(op, request_parts(api, op, op.accept.as_deref()), gate, note)
}

/// The event-stream method of `op` (`None` too when it has none), as [`method_text`].
pub(crate) fn stream_method_text(
    api: &Api,
    op: &Operation,
    gate: &str,
    note: &mut Note<'_>,
) -> Option<String> {
    let events = op.events.as_ref()?;
    let data = type_tokens(api, &events.data, Some(&types_prefix()));
    let ret = [
        "EventCall".to_owned(),
        flat_noting(&data, note)?,
        op.errors.name().to_owned(),
    ];
    let tail = stream_tail(op, events);
    let method = Method {
        docs: stream_doc_lines(op),
        name: ident_text(&events.method_name),
        deprecated: op.deprecated,
        ret,
        tail,
    };
    method.print(
        op,
        request_parts(api, op, Some(stream_accept(events))),
        gate,
        note,
    )
}

/// What differs between a method and its event-stream twin.
struct Method {
    docs: Vec<String>,
    name: String,
    deprecated: bool,
    /// The return type: its path, and its arguments after `'_`, each on one line.
    ret: [String; 3],
    /// The method's last expression.
    tail: TokenStream,
}

impl Method {
    fn print(
        &self,
        op: &Operation,
        parts: RequestParts,
        gate: &str,
        note: &mut Note<'_>,
    ) -> Option<String> {
        let mut out = String::with_capacity(2048);
        for line in &self.docs {
            doc_comment(&mut out, FN, line)?;
        }
        gate_at_fn(&mut out, gate)?;
        if self.deprecated {
            out.push_str("    #[deprecated]\n");
        }
        if parts.too_many {
            out.push_str("    #[allow(clippy::too_many_arguments)]\n");
        }
        self.signature(&mut out, &parts.args, note)?;
        body(&mut out, op, &parts.steps, note)?;
        let tail = flat(&self.tail)?;
        if fits(&mut out, STMT, &tail, "").is_none() {
            // `self.call(…)` with its arguments a line each; not `EventCall::new(…)` (or
            // `EventCall::lines(…)`).
            if !tail.starts_with("self.call(") {
                return None;
            }
            out.push_str(STMT);
            broken_call(&mut out, STMT, &self.tail, "")?;
        }
        out.push_str("    }\n");
        Some(out)
    }

    /// `pub fn name(&self, …) -> Ret {` on one line, or its arguments a line each.
    fn signature(&self, out: &mut String, args: &[TokenStream], note: &mut Note<'_>) -> Option<()> {
        let mut flat_args = Vec::with_capacity(args.len());
        for arg in args {
            flat_args.push(flat_noting(arg, note)?);
        }
        let [path, success, error] = &self.ret;
        signature(
            out,
            &self.name,
            "&self",
            &flat_args,
            path,
            &["'_", success, error],
        )
    }
}

/// `gate` (a formatted `#[cfg]` line, or empty) at the indent of a method; `None` for one that
/// `prettyplease` wraps at column 0 or would at this indent.
pub(super) fn gate_at_fn(out: &mut String, gate: &str) -> Option<()> {
    if gate.is_empty() {
        return Some(());
    }
    if gate.matches('\n').count() != 1 || FN.len() + gate.len() - 1 > MARGIN {
        return None;
    }
    out.push_str(FN);
    out.push_str(gate);
    Some(())
}

/// `pub fn {name}({receiver}, …) -> {path}<{generics}> {` at the indent of a method: on one
/// line, or its arguments a line each (the last one's comma not counted), then the return
/// type on the closing line, or its generic arguments a line each when that is too long.
pub(super) fn signature(
    out: &mut String,
    name: &str,
    receiver: &str,
    args: &[String],
    path: &str,
    generics: &[&str],
) -> Option<()> {
    let ret = format!("{path}<{}>", generics.join(", "));
    let mut line = format!("{FN}pub fn {name}({receiver}");
    for arg in args {
        line.push_str(", ");
        line.push_str(arg);
    }
    line.push_str(") -> ");
    line.push_str(&ret);
    line.push_str(" {");
    if line.len() <= MARGIN {
        out.push_str(&line);
        out.push('\n');
        return Some(());
    }
    let _ = writeln!(out, "{FN}pub fn {name}(\n{STMT}{receiver},");
    let last = args.len().saturating_sub(1);
    for (i, arg) in args.iter().enumerate() {
        // The comma after the last argument is not counted, as `prettyplease` does not.
        if i == last && STMT.len() + arg.len() <= MARGIN {
            let _ = writeln!(out, "{STMT}{arg},");
            continue;
        }
        fits(out, STMT, arg, ",")?;
    }
    if fits(out, FN, &format!(") -> {ret} {{"), "").is_none() {
        // The return type's arguments a line each (the last one's comma not counted).
        fits(out, FN, &format!(") -> {path}<"), "")?;
        let last = generics.len().checked_sub(1)?;
        for (i, generic) in generics.iter().enumerate() {
            if i == last {
                if STMT.len() + generic.len() > MARGIN {
                    return None;
                }
                let _ = writeln!(out, "{STMT}{generic},");
            } else {
                fits(out, STMT, generic, ",")?;
            }
        }
        out.push_str(FN);
        out.push_str("> {\n");
    }
    Some(())
}

/// The statements that build the request: `let request = …;` as one chain up to the first
/// optional argument, then a statement per call.
fn body(out: &mut String, op: &Operation, steps: &[Step], note: &mut Note<'_>) -> Option<()> {
    let (head_tokens, path_steps) = request_start_parts(op);
    let leading = steps
        .iter()
        .take_while(|s| matches!(s, Step::Always(_)))
        .count();
    let mut chain_tokens: Vec<&TokenStream> = path_steps.iter().collect();
    for step in &steps[..leading] {
        if let Step::Always(call) = step {
            chain_tokens.push(call);
        }
    }
    let mut chain = Vec::with_capacity(chain_tokens.len());
    for call in &chain_tokens {
        chain.push(flat_noting(call, note)?);
    }
    let rest = &steps[leading..];
    let binding = if rest.is_empty() {
        "let request = "
    } else {
        "let mut request = "
    };
    let head = flat(&head_tokens)?;
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
    } else if chain_tokens.is_empty() {
        // The call alone: its arguments a line each, then `);`.
        out.push_str(STMT);
        out.push_str(binding);
        broken_call(out, STMT, &head_tokens, ";")?;
    } else {
        let last = chain_tokens.len().checked_sub(1)?;
        if fits(out, STMT, &format!("{binding}{head}"), "").is_none() {
            // The call's arguments a line each, indented as the chain's calls are.
            out.push_str(STMT);
            out.push_str(binding);
            broken_call(out, CHAIN, &head_tokens, "")?;
        }
        for (i, (call, tokens)) in chain.iter().zip(&chain_tokens).enumerate() {
            let end = if i == last { ";" } else { "" };
            if fits(out, CHAIN, &format!(".{call}"), end).is_none() {
                out.push_str(CHAIN);
                out.push('.');
                broken_call(out, CHAIN, tokens, end)?;
            }
        }
    }
    for step in rest {
        match step {
            Step::Always(call) => assign(out, STMT, call, note)?,
            Step::IfSome(arg, call) => {
                out.push_str(STMT);
                out.push_str(&format!("if let Some({arg}) = {arg} {{\n"));
                assign(out, CHAIN, call, note)?;
                out.push_str(STMT);
                out.push_str("}\n");
            }
        }
    }
    Some(())
}

/// `request = request.call(…);` at `indent`; too long, the call on a line of its own, its
/// arguments a line each when it is still too long.
fn assign(out: &mut String, indent: &str, call: &TokenStream, note: &mut Note<'_>) -> Option<()> {
    let text = flat_noting(call, note)?;
    if fits(out, indent, &format!("request = request.{text}"), ";").is_some() {
        return Some(());
    }
    out.push_str(indent);
    out.push_str("request = request\n");
    let inner = format!("{indent}    ");
    if fits(out, &inner, &format!(".{text}"), ";").is_none() {
        out.push_str(&inner);
        out.push('.');
        broken_call(out, &inner, call, ";")?;
    }
    Some(())
}
