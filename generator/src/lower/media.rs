//! Media types: which are JSON, text, and which a request body is sent as.

use indexmap::IndexMap;

use crate::ir::BodyEncoding;

pub(crate) use crate::ir::is_json;

/// The media type a request body is sent as: JSON first, then forms, then text, then bytes.
/// Among JSON types, `application/json` itself before the others, which say more than that
/// the body is JSON (`application/json-patch+json` is a list of patch operations, listed first
/// by tools that write every type a server reads).
pub(super) fn preferred_body(
    content: &IndexMap<String, openapiv3::MediaType>,
) -> Option<(&String, &openapiv3::MediaType, BodyEncoding)> {
    ranked_bodies(content).into_iter().next()
}

/// Every media type of a request body, in [`preferred_body`]'s order (equals in document
/// order).
pub(super) fn ranked_bodies(
    content: &IndexMap<String, openapiv3::MediaType>,
) -> Vec<(&String, &openapiv3::MediaType, BodyEncoding)> {
    let rank = |encoding: BodyEncoding| match encoding {
        BodyEncoding::Json => 0,
        BodyEncoding::Form => 1,
        BodyEncoding::Multipart => 2,
        BodyEncoding::Binary => 3,
        BodyEncoding::Text | BodyEncoding::Xml => 4,
    };
    let mut ranked: Vec<_> = content
        .iter()
        .map(|(media_type, media)| (media_type, media, encoding_of(media_type)))
        .collect();
    // Among equals, a concrete media type before a range (`application/*+json`).
    ranked.sort_by_key(|(media_type, _, encoding)| {
        (
            rank(*encoding),
            essence(media_type) != "application/json",
            media_type.contains('*'),
        )
    });
    ranked
}

/// How a request body of `media_type` is encoded, judged by the media type alone.
pub(super) fn encoding_of(media_type: &str) -> BodyEncoding {
    let essence = essence(media_type);
    if is_json(media_type) {
        BodyEncoding::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyEncoding::Form
    } else if essence == "multipart/form-data" {
        BodyEncoding::Multipart
    } else if is_text(media_type) {
        BodyEncoding::Text
    } else {
        BodyEncoding::Binary
    }
}

/// The `Content-Type` a body of `media_type` is sent with: the media type itself, or for a
/// range, which names no type a server reads, `application/json` for a JSON range
/// (`application/*+json`), `text/plain` for a text one and `application/octet-stream` for any
/// other.
pub(super) fn sent_content_type(media_type: &str, encoding: BodyEncoding) -> String {
    if !media_type.contains('*') {
        return media_type.to_owned();
    }
    match encoding {
        BodyEncoding::Json => "application/json",
        BodyEncoding::Text => "text/plain",
        BodyEncoding::Xml => "application/xml",
        _ => "application/octet-stream",
    }
    .to_owned()
}

/// Whether a body of `media_type` takes its `Content-Type` from the caller: bytes of a range
/// whose type is named (`image/*`, `video/*`), which [`sent_content_type`]'s
/// `application/octet-stream` is not of, so no one type stands for it.
pub(super) fn caller_gives_content_type(media_type: &str, encoding: BodyEncoding) -> bool {
    let essence = essence(media_type);
    encoding == BodyEncoding::Binary
        && essence
            .split_once('/')
            .is_some_and(|(kind, sub)| sub == "*" && kind != "*" && kind != "application")
}

/// The media type without parameters, lower case.
pub(super) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A media type range that admits JSON: `*/*` and `application/*`.
pub(super) fn admits_json(media_type: &str) -> bool {
    matches!(essence(media_type).as_str(), "*/*" | "application/*")
}

/// Whether a body of `schema`, in a media type range that admits JSON, is JSON: an object,
/// array, number, boolean or union is; a string (text or bytes) is not, nor a schema that says
/// nothing of its shape.
pub(super) fn describes_json(schema: &openapiv3::Schema) -> bool {
    use openapiv3::{SchemaKind, Type};
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) | SchemaKind::Not { .. } => false,
        SchemaKind::Type(_)
        | SchemaKind::OneOf { .. }
        | SchemaKind::AllOf { .. }
        | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(any) => {
            !any.properties.is_empty()
                || any.items.is_some()
                || any.additional_properties.is_some()
                || !any.one_of.is_empty()
                || !any.all_of.is_empty()
                || !any.any_of.is_empty()
                || any.typ.as_deref().is_some_and(|t| t != "string")
        }
    }
}

/// Whether `schema` is `format: binary` bytes. A JSON media type whose schema is this (a file
/// the description calls JSON) is sent and read as the body's octets, as they are: serde would
/// write bytes as a list of numbers, which is no JSON document the server means.
pub(super) fn is_octets(schema: &openapiv3::Schema) -> bool {
    use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
        }
        SchemaKind::Any(any) => {
            any.format.as_deref() == Some("binary")
                && any.typ.as_deref().is_none_or(|t| t == "string")
        }
        _ => false,
    }
}

/// Whether `media_type` is sent in `Accept` as written: visible ASCII, spaces and tabs. A
/// control character cannot be in a header at all; text beyond ASCII is no media type (RFC
/// 9110's tokens and quoted strings are ASCII), and servers read it differently.
pub(super) fn header_safe(media_type: &str) -> bool {
    media_type
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

/// `text/event-stream`: server-sent events, read as they arrive.
pub(super) fn is_event_stream(media_type: &str) -> bool {
    essence(media_type) == "text/event-stream"
}

/// XML media types (`application/xml`, `text/xml`, `…+xml`).
pub(super) fn is_xml(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence.ends_with("/xml") || essence.ends_with("+xml")
}

/// Text media types (`text/*`, and XML, which the client sends and returns as text).
pub(super) fn is_text(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence.starts_with("text/") || essence.ends_with("/xml") || essence.ends_with("+xml")
}
