//! Streamed responses: whether a success answers with server-sent events or one JSON value per
//! line, and what each event's `data` (each line) decodes to.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::media::is_event_stream;
use crate::error::{Result, join};
use crate::ir::{StreamFormat, TypeRef, is_json_lines};

/// What a success streams: the type of each event's data, and how events are framed.
pub(super) type Streamed = (TypeRef, StreamFormat);

/// The fields of a server-sent event. A schema that is an object of these fields, `data` among
/// them, describes the whole event (Mistral's `{event, data}`), not its data: its `data`
/// property is then the type of the data.
const EVENT_FIELDS: &[&str] = &["data", "event", "id", "retry"];

impl Lowerer<'_> {
    /// The type of each event's data, and how events are framed, when `response` offers
    /// `text/event-stream` (its schema, or that schema's `data` property when it describes the
    /// whole event) or one JSON value per line (`application/x-ndjson` and the like: its
    /// schema describes one line); any JSON value without a schema. `None` when the response
    /// streams neither.
    pub(super) fn event_data(
        &mut self,
        response: &openapiv3::Response,
        at: &str,
        hint: &str,
    ) -> Result<Option<Streamed>> {
        let found = (response.content.iter())
            .find(|(m, _)| is_event_stream(m))
            .map(|(m, media)| (m, media, StreamFormat::ServerSentEvents))
            .or_else(|| {
                (response.content.iter())
                    .find(|(m, _)| is_json_lines(m))
                    .map(|(m, media)| {
                        // Asked for as written, or by its essence when the parameters cannot go
                        // in a header (the essence is one of the known names).
                        let media_type = if super::media::header_safe(m) {
                            m.clone()
                        } else {
                            super::media::essence(m)
                        };
                        let format = StreamFormat::JsonLines { media_type };
                        (m, media, format)
                    })
            });
        let Some((media_type, media, format)) = found else {
            return Ok(None);
        };
        let at = join(&join(&join(at, "content"), media_type), "schema");
        let Some(schema) = &media.schema else {
            return Ok(Some((TypeRef::Any, format)));
        };
        let (resolved, resolved_at) = match schema {
            ReferenceOr::Reference { reference } => {
                let (schema, _, target_at) = self.resolve_schema(reference, &at)?;
                (schema, target_at)
            }
            ReferenceOr::Item(schema) => (schema, at.clone()),
        };
        if format == StreamFormat::ServerSentEvents {
            if let Some(data) = envelope_data(resolved) {
                let data_at = join(&join(&resolved_at, "properties"), "data");
                return Ok(Some((self.schema_type(data, &data_at, hint)?, format)));
            }
        }
        Ok(Some((self.schema_type(schema, &at, hint)?, format)))
    }
}

/// The `data` property of an object schema whose properties are all event fields.
fn envelope_data(schema: &Schema) -> Option<&ReferenceOr<Box<Schema>>> {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return None;
    };
    let all_event_fields = object
        .properties
        .keys()
        .all(|key| EVENT_FIELDS.contains(&key.as_str()));
    if !all_event_fields {
        return None;
    }
    object.properties.get("data")
}
