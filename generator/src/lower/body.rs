//! An operation's request body: the media type sent, its payload and its Encoding Objects.

use indexmap::IndexMap;
use openapiv3::{Operation as OaOperation, ParameterSchemaOrContent, QueryStyle, ReferenceOr};

use super::context::OperationContext;
use super::media::{
    caller_gives_content_type, encoding_of, essence, is_json, is_octets, is_xml, preferred_body,
    ranked_bodies, sent_content_type,
};
use super::responses::structured;
use super::shape::ObjectParts;
use super::table::TypeTable;
use super::{Lowerer, is_token, resolve};
use crate::error::{Error, Result, join, pointer};
use crate::ir::{
    BodyEncoding, BodyPayload, FormEncoding, FormField, ParamStyle, PartEncoding, PartHeader,
    RequestBody, TypeRef, Warning,
};

impl OperationContext<'_> {
    /// The request body, in the media type [`preferred_body`] chooses.
    pub(super) fn body(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<Option<RequestBody>> {
        let Some((body, at)) = self.request_body(lowerer, op)? else {
            return Ok(None);
        };
        if body.content.is_empty() {
            // Nothing says what to send: the operation is still callable, without a body.
            warnings.push(Warning {
                pointer: join(&at, "content"),
                message: "the request body offers no media type; the method sends no body"
                    .to_owned(),
            });
            return Ok(None);
        }
        let Some((media_type, media, encoding)) = preferred_body(&body.content) else {
            return Err(Error::at(
                join(&at, "content"),
                "the request body offers no media type",
            ));
        };
        let name = format!("{type_prefix}Body");
        let form = Form {
            media_type,
            media,
            encoding,
        };
        lower_form(lowerer, body, &at, form, &name, warnings).map(Some)
    }

    /// The media types of the request body's other forms, each with its form's name
    /// (`multipart`): in the order [`preferred_body`] ranks them, each whose schema differs
    /// from those of the types ranked before it (the same schema in another encoding is the
    /// same request), bytes of several types counting as one (the caller names the type).
    pub(super) fn alternative_forms<'o>(
        &self,
        lowerer: &Lowerer<'o>,
        op: &'o OaOperation,
    ) -> Result<Vec<(&'o str, String)>> {
        let Some((body, _)) = self.request_body(lowerer, op)? else {
            return Ok(Vec::new());
        };
        let mut kept: Vec<(&openapiv3::MediaType, BodyEncoding)> = Vec::new();
        let mut forms = Vec::new();
        for (media_type, media, encoding) in ranked_bodies(&body.content) {
            let same_schema = kept.iter().any(|(other, _)| other.schema == media.schema);
            let bytes_taken = encoding == BodyEncoding::Binary
                && kept.iter().any(|(_, e)| *e == BodyEncoding::Binary);
            if same_schema || bytes_taken {
                continue;
            }
            if !kept.is_empty() {
                forms.push((media_type.as_str(), form_name(media_type, encoding)));
            }
            kept.push((media, encoding));
        }
        Ok(forms)
    }

    /// The request body in `media_type`, one of [`Self::alternative_forms`], its types named
    /// after the operation and the form (`CreateMessageMultipartBody`).
    pub(super) fn alternative_body(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        media_type: &str,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<Option<RequestBody>> {
        let Some((body, at)) = self.request_body(lowerer, op)? else {
            return Ok(None);
        };
        let Some((media_type, media)) = body.content.get_key_value(media_type) else {
            return Ok(None);
        };
        let form = Form {
            media_type,
            media,
            encoding: encoding_of(media_type),
        };
        lower_form(
            lowerer,
            body,
            &at,
            form,
            &format!("{type_prefix}Body"),
            warnings,
        )
        .map(Some)
    }
}

/// One media type of a request body, with how it is encoded.
#[derive(Clone, Copy)]
struct Form<'a> {
    media_type: &'a String,
    media: &'a openapiv3::MediaType,
    encoding: BodyEncoding,
}

/// The request `body` (at `at`) sent as `form`, its schema's type named `name` when inline.
fn lower_form(
    lowerer: &mut Lowerer<'_>,
    body: &openapiv3::RequestBody,
    at: &str,
    form: Form<'_>,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<RequestBody> {
    let Form {
        media_type,
        media,
        encoding,
    } = form;
    let schema_at = join(&join(&join(at, "content"), media_type), "schema");
    let encoding_at = join(&join(&join(at, "content"), media_type), "encoding");
    let octets = json_of_octets(lowerer, encoding, media, &schema_at);
    let scalar_text =
        encoding == BodyEncoding::Text && !is_xml(media_type) && scalar(lowerer, media, &schema_at);
    // XML whose schema describes structured data is typed, its root named here.
    let root = (encoding == BodyEncoding::Text
        && is_xml(media_type)
        && structured(lowerer, media.schema.as_ref(), &schema_at))
    .then(|| xml_root(lowerer, media.schema.as_ref()));
    let mut ty = || match &media.schema {
        Some(schema) => lowerer.schema_type(schema, &schema_at, name),
        None => Ok(TypeRef::Any),
    };
    let payload = match encoding {
        BodyEncoding::Json if octets => BodyPayload::Binary,
        BodyEncoding::Json => BodyPayload::Json(ty()?),
        BodyEncoding::Form => {
            let ty = ty()?;
            let mut fields = form_fields(&media.encoding);
            if let Some(schema) = &media.schema {
                for (field, list) in binary_fields(lowerer, schema, &schema_at)? {
                    if !fields.iter().any(|f| f.field == field) {
                        let encoding = FormEncoding::Binary { list };
                        fields.push(FormField { field, encoding });
                    }
                }
            }
            BodyPayload::Form { ty, fields }
        }
        BodyEncoding::Multipart => {
            let ty = ty()?;
            let mut parts = part_encodings(lowerer, &media.encoding, &encoding_at, warnings)?;
            if let Some(schema) = &media.schema {
                for field in base64_fields(lowerer, schema, &schema_at)? {
                    if !parts.iter().any(|e| e.field == field) {
                        parts.push(PartEncoding {
                            field,
                            content_type: Some("application/octet-stream".to_owned()),
                            headers: Vec::new(),
                        });
                    }
                }
            }
            let part_name = multipart_part_name(&lowerer.table, &ty, &parts, &schema_at, warnings);
            BodyPayload::Multipart {
                ty,
                part_name,
                parts,
            }
        }
        BodyEncoding::Binary => BodyPayload::Binary,
        BodyEncoding::Text if scalar_text => match ty()? {
            ty @ (TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_)) => {
                BodyPayload::Scalar(ty)
            }
            _ => BodyPayload::Text,
        },
        BodyEncoding::Text if root.is_some() => BodyPayload::Xml {
            ty: ty()?,
            root: root.unwrap_or_default(),
        },
        BodyEncoding::Text | BodyEncoding::Xml => BodyPayload::Text,
    };
    let content_type = sent_content_type(media_type, payload.encoding());
    // Bytes of several media types (Okta's certificate as `application/pkix-cert` or
    // `application/x-pem-file`): the caller says which, as for a range.
    let byte_types: Vec<&str> = (body.content.keys())
        .filter(|other| encoding_of(other) == BodyEncoding::Binary)
        .map(String::as_str)
        .collect();
    let several_byte_types = payload == BodyPayload::Binary && byte_types.len() > 1;
    let (media_type, caller_content_type) = if several_byte_types {
        (byte_types.join(", "), true)
    } else {
        let caller = caller_gives_content_type(media_type, payload.encoding());
        (media_type.clone(), caller)
    };
    Ok(RequestBody {
        media_type,
        content_type,
        caller_content_type,
        payload,
        required: body.required,
        docs: body.description.clone(),
    })
}

/// What an XML body's schema says of its root element, named (when it says not) for the
/// component its `$ref` names.
fn xml_root(
    lowerer: &Lowerer<'_>,
    schema: Option<&openapiv3::ReferenceOr<openapiv3::Schema>>,
) -> crate::ir::Xml {
    let mut root = schema.and_then(|s| lowerer.xml_of(s)).unwrap_or_default();
    if root.name.is_none() {
        if let Some(openapiv3::ReferenceOr::Reference { reference }) = schema {
            root.name = reference
                .strip_prefix("#/components/schemas/")
                .map(crate::error::unescape_token);
        }
    }
    root
}

/// Whether a text body's schema (at `at`) is one boolean, integer or number that may not be
/// null (Meilisearch's settings sent as `text/plain` `true` or `150`): the method takes it
/// typed, and writes its text.
fn scalar(lowerer: &Lowerer<'_>, media: &openapiv3::MediaType, at: &str) -> bool {
    use openapiv3::{SchemaKind, Type};
    media.schema.as_ref().is_some_and(|schema| {
        lowerer.deref(schema, at).is_ok_and(|(schema, _)| {
            !schema.schema_data.nullable
                && matches!(
                    &schema.schema_kind,
                    SchemaKind::Type(Type::Boolean(_) | Type::Integer(_) | Type::Number(_))
                )
        })
    })
}

/// The name of a form of request body, for the method that sends it (`_multipart`): the
/// encoding's for a form, multipart, plain text and plain bytes (`form`, `multipart`, `text`,
/// `bytes`), else the media type's subtype without its vendor tree, `x-` and structured
/// suffix (`application/vnd.flux` → `flux`, `application/merge-patch+json` → `merge_patch`,
/// `application/sdp` → `sdp`).
pub(super) fn form_name(media_type: &str, encoding: BodyEncoding) -> String {
    let essence = essence(media_type);
    let (kind, subtype) = essence.split_once('/').unwrap_or(("", &essence));
    let plain = match encoding {
        BodyEncoding::Form => Some("form"),
        BodyEncoding::Multipart => Some("multipart"),
        BodyEncoding::Json if subtype == "json" => Some("json"),
        BodyEncoding::Text if subtype == "plain" => Some("text"),
        BodyEncoding::Binary if subtype == "octet-stream" || subtype.contains('*') => Some("bytes"),
        _ if subtype.contains('*') => Some(kind),
        _ => None,
    };
    let name = plain.map_or_else(
        || {
            let subtype = subtype.strip_prefix("vnd.").unwrap_or(subtype);
            let subtype = subtype.strip_prefix("x-").unwrap_or(subtype);
            let subtype = subtype.split('+').next().unwrap_or(subtype);
            subtype.to_owned()
        },
        str::to_owned,
    );
    crate::naming::value_name(&name, "body")
}

impl OperationContext<'_> {
    /// The operation's request body, a reference followed, and its pointer.
    fn request_body<'o>(
        &self,
        lowerer: &Lowerer<'o>,
        op: &'o OaOperation,
    ) -> Result<Option<(&'o openapiv3::RequestBody, String)>> {
        let Some(body) = &op.request_body else {
            return Ok(None);
        };
        let at = join(self.at, "requestBody");
        Ok(Some(match body {
            ReferenceOr::Item(body) => (body, at),
            ReferenceOr::Reference { reference } => {
                let components = lowerer.doc.components.as_ref().map(|c| &c.request_bodies);
                let (body, key) = resolve(components, reference, "requestBodies", &at)?;
                (body, pointer(&["components", "requestBodies", &key]))
            }
        }))
    }

    /// Whether the body [`Self::body`] sends is bytes the caller gives, as they are: the only
    /// body a caller can have encoded (compressed) before it is sent.
    pub(super) fn sends_callers_bytes(&self, lowerer: &Lowerer<'_>, op: &OaOperation) -> bool {
        let Ok(Some((body, at))) = self.request_body(lowerer, op) else {
            return false;
        };
        preferred_body(&body.content).is_some_and(|(media_type, media, encoding)| {
            let schema_at = join(&join(&join(&at, "content"), media_type), "schema");
            encoding == BodyEncoding::Binary || json_of_octets(lowerer, encoding, media, &schema_at)
        })
    }
}

/// Whether a JSON media type's schema is bytes (`format: binary`): the body is then sent as
/// the bytes given, not as JSON.
fn json_of_octets(
    lowerer: &Lowerer<'_>,
    encoding: BodyEncoding,
    media: &openapiv3::MediaType,
    schema_at: &str,
) -> bool {
    encoding == BodyEncoding::Json
        && media.schema.as_ref().is_some_and(|schema| {
            lowerer
                .deref(schema, schema_at)
                .is_ok_and(|(schema, _)| is_octets(schema))
        })
}

/// What a form body's `encoding` map says of its fields. As OpenAPI 3.0.4 reads it (and 3.1
/// says), a `style`, `explode` or `allowReserved` writes the field as a query parameter of that
/// style (`form` when only `allowReserved` is given), and the `contentType` is then ignored;
/// without any of them, the `contentType` decides, and a JSON one
/// writes the field as JSON text. Entries that change nothing are left out; `headers` are for
/// multipart only.
fn form_fields(encodings: &IndexMap<String, openapiv3::Encoding>) -> Vec<FormField> {
    encodings
        .iter()
        .filter_map(|(field, encoding)| {
            // `load` writes out the default `explode` of a `style`, so `false` here without a
            // `style` is an absent `explode`.
            let encoding =
                if encoding.style.is_none() && !encoding.explode && !encoding.allow_reserved {
                    let content_type = encoding.content_type.as_deref()?;
                    if !first_concrete_media_type(content_type).is_some_and(|t| is_json(&t)) {
                        return None;
                    }
                    FormEncoding::Json
                } else {
                    let style = match encoding.style.as_ref().unwrap_or(&QueryStyle::Form) {
                        QueryStyle::Form => ParamStyle::Form,
                        QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                        QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                        QueryStyle::DeepObject => ParamStyle::DeepObject,
                    };
                    FormEncoding::Style {
                        style,
                        explode: encoding.explode,
                        // The reserved characters are for a query's styles; `deepObject`'s own
                        // brackets are in the name, and the value is written as the others are.
                        allow_reserved: encoding.allow_reserved,
                    }
                };
            Some(FormField {
                field: field.clone(),
                encoding,
            })
        })
        .collect()
}

/// What a multipart body's `encoding` map says of its parts: `contentType` and `headers` (the
/// specification says to ignore the rest). Entries that change nothing are left out.
fn part_encodings(
    lowerer: &Lowerer<'_>,
    encodings: &IndexMap<String, openapiv3::Encoding>,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<PartEncoding>> {
    let mut lowered = Vec::new();
    for (field, encoding) in encodings {
        let field_at = join(at, field);
        let mut part = PartEncoding {
            field: field.clone(),
            content_type: encoding
                .content_type
                .as_deref()
                .and_then(first_concrete_media_type),
            headers: Vec::new(),
        };
        for (name, header) in &encoding.headers {
            let header_at = join(&join(&field_at, "headers"), name);
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header = match header {
                ReferenceOr::Item(header) => header,
                ReferenceOr::Reference { reference } => {
                    let components = lowerer.doc.components.as_ref().map(|c| &c.headers);
                    resolve(components, reference, "headers", &header_at)?.0
                }
            };
            match fixed_header_value(lowerer, header, &header_at)? {
                Some(value) if is_token(name) && is_header_value(&value) => {
                    part.headers.push(PartHeader {
                        name: name.clone(),
                        value,
                    });
                }
                Some(_) => warnings.push(Warning {
                    pointer: header_at,
                    message: format!("part header `{name}` is not a valid header; it is not sent"),
                }),
                None => warnings.push(Warning {
                    pointer: header_at,
                    message: format!(
                        "part header `{name}` has no fixed value (a single-value `enum` \
                         or a `default`) for the client to send; it is not sent"
                    ),
                }),
            }
        }
        if part.content_type.is_some() || !part.headers.is_empty() {
            lowered.push(part);
        }
    }
    Ok(lowered)
}

/// The part name of a multipart body that is not an object, which the spec cannot name
/// otherwise: the one property its `encoding` map describes, or `file`. An object's properties
/// are its fields (`None`). A `oneOf` with object and non-object alternatives is sent as an
/// object, and a warning says that its other values cannot be.
fn multipart_part_name(
    types: &TypeTable,
    ty: &TypeRef,
    encodings: &[PartEncoding],
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    match object_shape(types, ty, 0) {
        Shape::Object => None,
        Shape::Mixed => {
            warnings.push(Warning {
                pointer: at.to_owned(),
                message: "a multipart body is sent as the fields of an object; the values of its \
                          alternatives that are not objects cannot be sent"
                    .to_owned(),
            });
            None
        }
        Shape::Other => Some(match encodings {
            [only] => only.field.clone(),
            _ => "file".to_owned(),
        }),
    }
}

/// Whether values of a type are JSON objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Always (structs, maps, and free-form values, which are taken to be objects).
    Object,
    /// Never (scalars, bytes, arrays, enums).
    Other,
    /// For some alternatives of a `oneOf` only.
    Mixed,
}

fn object_shape(types: &TypeTable, ty: &TypeRef, depth: usize) -> Shape {
    use crate::ir::TypeKind;
    // Aliases and alternatives only nest as deep as the spec does; a cycle is cut here.
    if depth > 32 {
        return Shape::Object;
    }
    match ty {
        TypeRef::Map(_) | TypeRef::Any => Shape::Object,
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => object_shape(types, inner, depth + 1),
        TypeRef::Named(id) => match types.get(*id).map(|t| &t.kind) {
            None | Some(TypeKind::Struct { .. }) => Shape::Object,
            Some(TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }) => Shape::Other,
            Some(TypeKind::Alias(inner)) => object_shape(types, inner, depth + 1),
            Some(TypeKind::OneOf { variants, .. }) => {
                let shapes: Vec<Shape> = variants
                    .iter()
                    .map(|v| object_shape(types, &v.ty, depth + 1))
                    .collect();
                if shapes.iter().all(|s| *s == Shape::Object) {
                    Shape::Object
                } else if shapes.iter().all(|s| *s == Shape::Other) {
                    Shape::Other
                } else {
                    Shape::Mixed
                }
            }
        },
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Array(_)
        | TypeRef::Tuple(_)
        | TypeRef::Format(_)
        | TypeRef::Binary
        | TypeRef::File
        | TypeRef::External(_) => Shape::Other,
    }
}

/// The properties of a multipart body that are base64 strings (`format: byte`, or `base64`
/// as the 3.0.3 text writes it), or arrays of them, whose parts default to
/// `application/octet-stream` in OpenAPI 3.0; the client holds them as `String`, so without
/// this they would go as text.
fn base64_fields(
    lowerer: &Lowerer<'_>,
    schema: &ReferenceOr<openapiv3::Schema>,
    at: &str,
) -> Result<Vec<String>> {
    use openapiv3::{StringFormat, VariantOrUnknownOrEmpty};
    let fields = string_fields(lowerer, schema, at, |format| match format {
        VariantOrUnknownOrEmpty::Item(format) => *format == StringFormat::Byte,
        VariantOrUnknownOrEmpty::Unknown(format) => format == "base64",
        VariantOrUnknownOrEmpty::Empty => false,
    })?;
    Ok(fields.into_iter().map(|(field, _)| field).collect())
}

/// The properties of a form body that are `format: binary` strings, or arrays of them
/// (`true`).
fn binary_fields(
    lowerer: &Lowerer<'_>,
    schema: &ReferenceOr<openapiv3::Schema>,
    at: &str,
) -> Result<Vec<(String, bool)>> {
    use openapiv3::{StringFormat, VariantOrUnknownOrEmpty};
    string_fields(lowerer, schema, at, |format| {
        *format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
    })
}

/// The properties of an object schema that are strings of a `format` that `wanted` accepts, or
/// arrays of them (`list`).
fn string_fields(
    lowerer: &Lowerer<'_>,
    schema: &ReferenceOr<openapiv3::Schema>,
    at: &str,
    wanted: impl Fn(&openapiv3::VariantOrUnknownOrEmpty<openapiv3::StringFormat>) -> bool,
) -> Result<Vec<(String, bool)>> {
    use openapiv3::{SchemaKind, Type};
    let mut parts = ObjectParts::default();
    if !lowerer.collect_object(schema, at, &mut parts, 0)? {
        return Ok(Vec::new());
    }
    let is_wanted = |schema: &openapiv3::Schema| match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => wanted(&string.format),
        _ => false,
    };
    let mut fields = Vec::new();
    for (name, (property_at, property)) in &parts.properties {
        let (property, property_at) = lowerer.deref(*property, property_at)?;
        let (found, list) = match &property.schema_kind {
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => (
                    is_wanted(lowerer.deref(items, &join(&property_at, "items"))?.0),
                    true,
                ),
                None => (false, true),
            },
            _ => (is_wanted(property), false),
        };
        if found {
            fields.push((name.clone(), list));
        }
    }
    Ok(fields)
}

/// The first media type of a `contentType` list (`image/*, image/png`) without a wildcard.
fn first_concrete_media_type(list: &str) -> Option<String> {
    list.split(',')
        .map(str::trim)
        .find(|m| !m.is_empty() && !m.contains('*') && is_header_value(m))
        .map(str::to_owned)
}

/// The one value a part header can have: its schema's single `enum` value, else its `default`.
fn fixed_header_value(
    lowerer: &Lowerer<'_>,
    header: &openapiv3::Header,
    at: &str,
) -> Result<Option<String>> {
    fixed_value(lowerer, &header.format, at)
}

/// The one value a header or parameter's schema allows (a single-value `enum`) or gives by
/// `default`, as header text; `None` when it fixes none (or is described by `content`).
pub(super) fn fixed_value(
    lowerer: &Lowerer<'_>,
    format: &ParameterSchemaOrContent,
    at: &str,
) -> Result<Option<String>> {
    let ParameterSchemaOrContent::Schema(schema) = format else {
        return Ok(None);
    };
    let (schema, _) = lowerer.deref(schema, &join(at, "schema"))?;
    if let Some([value]) = super::enums::string_enum(schema).as_deref() {
        return Ok(Some(value.clone()));
    }
    Ok(match &schema.schema_data.default {
        Some(serde_json::Value::String(text)) => Some(text.clone()),
        Some(value @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
            Some(value.to_string())
        }
        _ => None,
    })
}

/// A header value that cannot break out of its line: visible ASCII and spaces.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic())
}
