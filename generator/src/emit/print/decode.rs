//! An operation's response decoder printed as `prettyplease` prints the tokens
//! `decode::decoder` builds: the signature (its parameters a line each when it is too long for
//! one), and an arm per status: on one line, in a block, or its outcome's argument (and that
//! one's) on a line of its own; one too long for that is left to `prettyplease`: `None`.

use std::fmt::Write;

use super::MARGIN;
use super::ty::{Ty, type_in};
use crate::emit::decode::decoder_name;
use crate::emit::xml::decode_root;
use crate::ir::{Api, ArmOutcome, Content, ErrorBody, Operation, StatusMatch, Success};

/// The indent of the arms.
const ARM: &str = "        ";

/// The decoder of `op`, after `gate` (a formatted `#[cfg]` line, or empty).
pub(crate) fn decoder_text(api: &Api, op: &Operation, gate: &str) -> Option<String> {
    let name = decoder_name(op).to_string();
    // `decode::decoder` writes these names as they are (`format_ident!`).
    let error = op.errors.name();
    let success = success_ty(api, op)?;
    let outcome = Ty::generic("Outcome", vec![success, Ty::plain(error)]);
    let mut body_used = false;
    let mut arms = String::new();
    for arm in &op.decode {
        let pattern = match arm.statuses {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Range(hundreds) => {
                format!("{}..={}", hundreds * 100, hundreds * 100 + 99)
            }
            StatusMatch::Default => "_".to_owned(),
        };
        let (value, uses_body) = arm_outcome(op, error, &arm.outcome);
        body_used |= uses_body;
        // The comma is not counted: `prettyplease` prints it only when the arm fits; when it
        // does not, the value goes in a block of its own.
        if ARM.len() + pattern.len() + " => ".len() + value.len() <= MARGIN {
            let _ = writeln!(arms, "{ARM}{pattern} => {value},");
        } else if ARM.len() + 4 + value.len() <= MARGIN {
            let _ = writeln!(arms, "{ARM}{pattern} => {{\n{ARM}    {value}\n{ARM}}}");
        } else {
            // `Outcome::…(…)` with its argument on a line of its own (its comma not counted).
            // Too long there, its own argument on a line of its own in turn.
            let (call, arg) = value.strip_suffix(')')?.split_once('(')?;
            let _ = writeln!(arms, "{ARM}{pattern} => {{\n{ARM}    {call}(");
            if ARM.len() + 8 + arg.len() <= MARGIN {
                let _ = writeln!(arms, "{ARM}        {arg},");
            } else {
                // A variant's (`E::V(…)`); a method chain breaks otherwise.
                let (inner_call, inner_arg) = arg.strip_suffix(')')?.split_once('(')?;
                // Several arguments would go a line each.
                if arg.contains(").")
                    || inner_arg.contains(", ")
                    || ARM.len() + 12 + inner_arg.len() > MARGIN
                {
                    return None;
                }
                let _ = writeln!(
                    arms,
                    "{ARM}        {inner_call}(\n{ARM}            {inner_arg},\n{ARM}        ),"
                );
            }
            let _ = writeln!(arms, "{ARM}    )\n{ARM}}}");
        }
    }
    let body = if body_used { "body" } else { "_body" };
    let mut out = String::with_capacity(256 + arms.len());
    out.push_str(gate);
    let mut one_line = format!("fn {name}(status: StatusCode, {body}: &Bytes) -> ");
    outcome.flat(&mut one_line);
    one_line.push_str(" {\n");
    if one_line.len() - 1 <= MARGIN {
        out.push_str(&one_line);
    } else {
        let _ = write!(
            out,
            "fn {name}(\n    status: StatusCode,\n    {body}: &Bytes,\n) -> "
        );
        outcome.write(&mut out, ") -> ".len(), 0, " {".len());
        out.push_str(" {\n");
    }
    out.push_str("    match status.as_u16() {\n");
    out.push_str(&arms);
    out.push_str("    }\n}\n");
    Some(out)
}

/// The type a successful call of `op` returns (`items::success_type`).
pub(super) fn success_ty(api: &Api, op: &Operation) -> Option<Ty> {
    match &op.success {
        Success::One(content) => content_type(api, content),
        Success::Enum { name } => Some(Ty::plain(name)),
    }
}

/// The type of a response body (`items::content_type`).
fn content_type(api: &Api, content: &Content) -> Option<Ty> {
    Some(match content {
        Content::Empty => Ty::plain("()"),
        Content::Json(ty) | Content::Xml(ty) => type_in(api, ty, "types::")?,
        Content::Text => Ty::plain("String"),
        Content::Binary => Ty::plain("Bytes"),
    })
}

/// An arm's value, and whether it reads the body (`decode::decoder`).
fn arm_outcome(op: &Operation, error: &str, outcome: &ArmOutcome) -> (String, bool) {
    match outcome {
        ArmOutcome::Success { variant, content } => {
            let wrap = match (&op.success, variant) {
                (Success::Enum { name }, Some(variant)) => Some(format!("{name}::{variant}")),
                _ => None,
            };
            let decoded = match content {
                Content::Empty => None,
                Content::Json(_) => Some("call::json(body)".to_owned()),
                Content::Xml(_) => Some(format!(
                    "xml::decode(body, &xml_shapes::{})",
                    decode_root(op, variant.as_deref())
                )),
                Content::Text => Some("call::text(body)".to_owned()),
                Content::Binary => None,
            };
            let text = match (decoded, wrap) {
                (Some(expr), None) => format!("Outcome::success({expr})"),
                (Some(expr), Some(wrap)) => format!("Outcome::success({expr}.map({wrap}))"),
                (None, Some(wrap)) if matches!(content, Content::Empty) => {
                    format!("Outcome::Success({wrap})")
                }
                (None, None) if matches!(content, Content::Empty) => {
                    "Outcome::Success(())".to_owned()
                }
                (None, None) => "Outcome::Success(body.clone())".to_owned(),
                (None, Some(wrap)) => format!("Outcome::Success({wrap}(body.clone()))"),
            };
            let reads = !matches!(content, Content::Empty);
            (text, reads)
        }
        ArmOutcome::Error { variant, body } => match body {
            ErrorBody::Json => (
                format!("Outcome::Failure({error}::{variant}(call::json_or_none(body)))"),
                true,
            ),
            ErrorBody::Xml(_) => (
                format!(
                    "Outcome::Failure({error}::{variant}(xml::decode_or_none(body, &xml_shapes::{})))",
                    decode_root(op, Some(variant))
                ),
                true,
            ),
            ErrorBody::None => (format!("Outcome::Failure({error}::{variant})"), false),
        },
        ArmOutcome::Unexpected => ("Outcome::Unexpected".to_owned(), false),
    }
}
