//! What schemas' XML Objects say (`load` keeps each under [`XML_EXTENSION`]), gathered for the
//! properties and bodies of a document with XML bodies.

use openapiv3::{ReferenceOr, RequestBody, Response, Schema, SchemaKind, Type};
use serde_json::Value;

use super::Lowerer;
use super::media::is_xml;
use crate::ir::Xml;
use crate::load::XML_EXTENSION;

/// How many `$ref`s and `allOf` parts deep an XML Object is looked for.
const DEPTH: usize = 16;

impl Lowerer<'_> {
    /// What `schema`'s XML Object says, with what its `allOf` parts and the schema its `$ref`
    /// names say where it is silent; `None` when none says anything, or the document has no
    /// XML body (nothing reads it then).
    pub(super) fn xml_of<S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
    ) -> Option<Xml> {
        if !self.xml_bodies {
            return None;
        }
        let mut gathered = Gathered::default();
        self.gather(schema, &mut gathered, 0);
        gathered.finish()
    }

    fn gather<S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
        into: &mut Gathered,
        depth: usize,
    ) {
        if depth > DEPTH {
            return;
        }
        let schema: &Schema = match schema {
            ReferenceOr::Item(schema) => schema.borrow(),
            ReferenceOr::Reference { reference } => {
                if let Ok((target, _, _)) = self.resolve_schema(reference, "") {
                    self.gather_in(target, into, depth + 1);
                }
                return;
            }
        };
        self.gather_in(schema, into, depth);
    }

    fn gather_in(&self, schema: &Schema, into: &mut Gathered, depth: usize) {
        if let Some(Value::Object(xml)) = schema.schema_data.extensions.get(XML_EXTENSION) {
            let text = |key: &str| xml.get(key).and_then(Value::as_str).map(str::to_owned);
            into.xml.name = into.xml.name.take().or_else(|| text("name"));
            into.xml.namespace = into.xml.namespace.take().or_else(|| text("namespace"));
            into.xml.prefix = into.xml.prefix.take().or_else(|| text("prefix"));
            into.attribute = into
                .attribute
                .or_else(|| xml.get("attribute").and_then(Value::as_bool));
            into.wrapped = into
                .wrapped
                .or_else(|| xml.get("wrapped").and_then(Value::as_bool));
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Array(array)) if !into.items_seen => {
                into.items_seen = true;
                if let Some(items) = &array.items {
                    let mut gathered = Gathered::default();
                    self.gather(items, &mut gathered, depth + 1);
                    into.xml.items = gathered.finish().map(Box::new);
                }
            }
            // The parts written here before the schemas they name: nearer says more.
            SchemaKind::AllOf { all_of } => {
                let (inline, named): (Vec<_>, Vec<_>) = all_of
                    .iter()
                    .partition(|part| matches!(part, ReferenceOr::Item(_)));
                for part in inline.into_iter().chain(named) {
                    self.gather(part, into, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// An XML Object being gathered: the flags stay unset until one says them.
#[derive(Default)]
struct Gathered {
    xml: Xml,
    attribute: Option<bool>,
    wrapped: Option<bool>,
    /// An array's items were looked at (the first array schema met names them).
    items_seen: bool,
}

impl Gathered {
    fn finish(self) -> Option<Xml> {
        let xml = Xml {
            attribute: self.attribute.unwrap_or(false),
            wrapped: self.wrapped.unwrap_or(false),
            ..self.xml
        };
        (xml != Xml::default()).then_some(xml)
    }
}

/// Whether an operation of `doc` has a request or response body of an XML media type with a
/// schema: only then are XML Objects read.
pub(super) fn has_xml_bodies(doc: &openapiv3::OpenAPI) -> bool {
    let xml_in = |content: &openapiv3::Content| {
        content
            .iter()
            .any(|(media_type, media)| is_xml(media_type) && media.schema.is_some())
    };
    let components = doc.components.as_ref();
    let body = |body: &ReferenceOr<RequestBody>| match body {
        ReferenceOr::Item(body) => xml_in(&body.content),
        ReferenceOr::Reference { .. } => false,
    };
    let response = |response: &ReferenceOr<Response>| match response {
        ReferenceOr::Item(response) => xml_in(&response.content),
        ReferenceOr::Reference { .. } => false,
    };
    let in_components = components
        .is_some_and(|c| c.request_bodies.values().any(body) || c.responses.values().any(response));
    in_components
        || doc.paths.iter().any(|(_, item)| match item {
            ReferenceOr::Item(item) => item.iter().any(|(_, op)| {
                op.request_body.as_ref().is_some_and(body)
                    || op.responses.default.as_ref().is_some_and(response)
                    || op.responses.responses.values().any(response)
            }),
            ReferenceOr::Reference { .. } => false,
        })
}
