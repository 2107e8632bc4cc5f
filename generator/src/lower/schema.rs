//! Lowering schemas to named types and type references.
//!
//! A schema either needs a named type (an object with properties, an enum, a `oneOf`), which
//! inline schemas get under a name built from where they occur, or is a plain reference
//! (`String`, `Vec<T>`, a map, another named type). `compose` merges `allOf` and lowers `oneOf`
//! and `anyOf`; `cycles` boxes the edges that make recursive types finite.

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::enums::{enum_variants, integer_variants};
use super::formats::format_type;
use super::shape::{ObjectParts, Shape, own_parts};
use super::table::{Claimed, Definition};
use crate::error::{Error, Result, join};
use crate::ir::{
    Additional, Field, FloatWidth, Format, IntWidth, Origin, TypeId, TypeKind, TypeRef,
};
use crate::naming::{self, Scope};

impl<'a> Lowerer<'a> {
    /// Defines the named type for the component schema `key`.
    pub(crate) fn define_component(
        &mut self,
        claimed: &Claimed,
        key: &str,
        schema: &'a ReferenceOr<Schema>,
        at: &str,
    ) -> Result<()> {
        let (kind, schema) = match schema {
            ReferenceOr::Reference { reference } => {
                (TypeKind::Alias(self.schema_ref(reference, at)?), None)
            }
            ReferenceOr::Item(schema) => (self.component_kind(claimed, schema, at)?, Some(schema)),
        };
        let origin = Origin::Component {
            key: key.to_owned(),
        };
        self.define_type(claimed.id, at, origin, schema, kind);
        Ok(())
    }

    /// The kind of the component type `owner`; a wrapper around a single inline part is that
    /// part under the component's name.
    pub(crate) fn component_kind(
        &mut self,
        owner: &Claimed,
        schema: &'a Schema,
        at: &str,
    ) -> Result<TypeKind> {
        match self.shape(schema, at)? {
            Shape::Single(ReferenceOr::Item(inner), part_at) => {
                self.component_kind(owner, inner, &part_at)
            }
            Shape::Single(ReferenceOr::Reference { reference }, part_at) => {
                let key = self.resolve_schema(reference, &part_at)?.1;
                // A subtype that adds nothing to an inheritance base is the base's fields, not
                // the enum of its subtypes (which would then hold itself).
                if let Some(base) = self.base_struct_of(&key) {
                    return Ok(TypeKind::Alias(TypeRef::Named(base.id)));
                }
                let target = self.schema_ref(reference, &part_at)?;
                // `A: {allOf: [$ref: A]}` says nothing; `type A = A` would not compile.
                let itself = target == TypeRef::Named(owner.id);
                Ok(TypeKind::Alias(if itself { TypeRef::Any } else { target }))
            }
            shape => match self.named_kind(&owner.name, schema, shape)? {
                Some(kind) => Ok(kind),
                None => Ok(TypeKind::Alias(self.plain_type(schema, at, &owner.name)?)),
            },
        }
    }

    /// Defines the type claimed as `id`, its docs from `schema`.
    pub(crate) fn define_type(
        &mut self,
        id: TypeId,
        at: &str,
        origin: Origin,
        schema: Option<&Schema>,
        kind: TypeKind,
    ) {
        self.table.define(
            id,
            Definition {
                pointer: at.to_owned(),
                origin,
                title: schema.and_then(|s| s.schema_data.title.clone()),
                docs: schema.and_then(docs),
                kind,
            },
        );
    }

    /// The type of a schema or reference met anywhere. Inline objects, enums and `oneOf`s become
    /// new named types called `hint`, made unique.
    pub(crate) fn schema_type<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        at: &str,
        hint: &str,
    ) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, at),
            ReferenceOr::Item(schema) => self.inline_type(schema.borrow(), at, hint),
        }
    }

    /// The named type a `$ref` to `components.schemas` stands for.
    pub(crate) fn schema_ref(&self, reference: &str, at: &str) -> Result<TypeRef> {
        let key = self.resolve_schema(reference, at)?.1;
        let claimed = self.components.get(&key).ok_or_else(|| {
            Error::at(
                at,
                format!("dangling reference: `{reference}` does not exist"),
            )
        })?;
        Ok(TypeRef::Named(claimed.id))
    }

    /// The kind of named type a shape needs; `None` when a plain type reference will do.
    fn named_kind(
        &mut self,
        name: &str,
        schema: &Schema,
        shape: Shape<'_>,
    ) -> Result<Option<TypeKind>> {
        Ok(Some(match shape {
            Shape::Plain | Shape::Single(..) => return Ok(None),
            Shape::StringEnum(values) => TypeKind::StringEnum {
                variants: enum_variants(&values),
            },
            Shape::IntegerEnum(values) => TypeKind::IntegerEnum {
                variants: integer_variants(&values),
            },
            Shape::Object(parts) => {
                let (fields, additional) = self.fields(name, &parts)?;
                TypeKind::Struct { fields, additional }
            }
            Shape::Composite(composite) => self.one_of_kind(name, schema, composite)?,
        }))
    }

    /// The type of the object `base` merged with the part `part` (as `allOf: [base, part]`),
    /// a new struct called `hint`; the part's own type when it is not an object, or when it
    /// has every property of `base` already (a subtype that `allOf`s the base it is a variant
    /// of, the usual inheritance with a discriminator).
    pub(crate) fn merged_type<'s>(
        &mut self,
        base: &ObjectParts<'s>,
        part: &'s ReferenceOr<Schema>,
        at: &str,
        hint: &str,
    ) -> Result<TypeRef>
    where
        'a: 's,
    {
        let mut alone = ObjectParts::default();
        let is_object = self.collect_object(part, at, &mut alone, 0)?;
        let has_base = base
            .properties
            .keys()
            .all(|key| alone.properties.contains_key(key));
        if !is_object || has_base {
            return self.schema_type(part, at, hint);
        }
        let mut merged = base.clone();
        self.collect_object(part, at, &mut merged, 0)?;
        let (schema, _) = self.deref(part, at)?;
        let claimed = self.table.claim(naming::type_name(hint, "Type"));
        let outermost = self.shared_properties.is_none();
        if outermost {
            self.shared_properties = Some(rustc_hash::FxHashMap::default());
        }
        let lowered = self.fields(&claimed.name, &merged);
        if outermost {
            self.shared_properties = None;
        }
        let (fields, additional) = lowered?;
        let kind = TypeKind::Struct { fields, additional };
        self.define_type(claimed.id, at, Origin::Inline, Some(schema), kind);
        Ok(TypeRef::Named(claimed.id))
    }

    /// The type of an inline schema: a plain reference, or a new named type called `hint`.
    fn inline_type(&mut self, schema: &Schema, at: &str, hint: &str) -> Result<TypeRef> {
        let shape = self.shape(schema, at)?;
        if let Shape::Single(part, part_at) = &shape {
            return self.schema_type(*part, part_at, hint);
        }
        if matches!(shape, Shape::Plain) {
            return self.plain_type(schema, at, hint);
        }
        // An inline schema met again while its own type is being made (reached through the
        // alternatives of a referenced union that `allOf` expands in place): the type being
        // made, a recursive type, rather than an expansion without end.
        if let Some(id) = self.inline_in_progress.get(at) {
            return Ok(TypeRef::Named(*id));
        }
        let claimed = self.table.claim(naming::type_name(hint, "Type"));
        self.inline_in_progress.insert(at.to_owned(), claimed.id);
        let kind = self.named_kind(&claimed.name, schema, shape);
        self.inline_in_progress.remove(at);
        match kind? {
            Some(kind) => {
                self.define_type(claimed.id, at, Origin::Inline, Some(schema), kind);
                Ok(TypeRef::Named(claimed.id))
            }
            None => Err(Error::at(at, "internal: inline schema has no named shape")),
        }
    }

    /// The type of a schema whose shape is [`Shape::Plain`].
    fn plain_type(&mut self, schema: &Schema, at: &str, hint: &str) -> Result<TypeRef> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let ty = self.string_type(&string.format);
                let example = schema
                    .schema_data
                    .example
                    .as_ref()
                    .and_then(serde_json::Value::as_str);
                match example.and_then(|example| example_refuses(&ty, example)) {
                    Some((key, message)) => {
                        self.warn_once(key.to_owned(), at.to_owned(), message);
                        Ok(TypeRef::String)
                    }
                    None => Ok(ty),
                }
            }
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Bool),
            SchemaKind::Type(Type::Integer(int)) => Ok(TypeRef::Integer(match &int.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntWidth::I32,
                VariantOrUnknownOrEmpty::Unknown(format) => int_width(format),
                _ => IntWidth::I64,
            })),
            SchemaKind::Type(Type::Number(number)) => Ok(match &number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => {
                    TypeRef::Number(FloatWidth::F32)
                }
                // `type: number, format: int32` (found in published specs): the format says
                // an integer, which is what such a server reads.
                VariantOrUnknownOrEmpty::Unknown(format) if is_integer_format(format) => {
                    TypeRef::Integer(int_width(format))
                }
                _ => TypeRef::Number(FloatWidth::F64),
            }),
            SchemaKind::Type(Type::Array(array)) => {
                self.array_type(schema, array.items.as_ref(), at, hint)
            }
            SchemaKind::Type(Type::Object(_)) => self.map_type(schema, at, hint, true),
            SchemaKind::Any(any) => match any.typ.as_deref() {
                Some("string") => Ok(match any.format.as_deref() {
                    Some("binary") => TypeRef::Binary,
                    Some("int-or-string") => TypeRef::Any,
                    Some(format) => self.format_or_string(format),
                    None => TypeRef::String,
                }),
                Some("boolean") => Ok(TypeRef::Bool),
                Some("integer") => Ok(TypeRef::Integer(
                    any.format.as_deref().map_or(IntWidth::I64, int_width),
                )),
                Some("number") => Ok(match any.format.as_deref() {
                    Some("float") => TypeRef::Number(FloatWidth::F32),
                    Some(format) if is_integer_format(format) => {
                        TypeRef::Integer(int_width(format))
                    }
                    _ => TypeRef::Number(FloatWidth::F64),
                }),
                Some("array") => self.array_type(schema, any.items.as_ref(), at, hint),
                Some("object") => self.map_type(schema, at, hint, true),
                _ if any.format.as_deref() == Some("int-or-string") => Ok(TypeRef::Any),
                // `items` (or an item count) without a `type` describes an array, as
                // `properties` without one describes an object (Okta's list responses).
                None if describes_array(any) => {
                    self.array_type(schema, any.items.as_ref(), at, hint)
                }
                _ => self.map_type(schema, at, hint, false),
            },
            // `oneOf`/`anyOf`/`allOf` that reduce to nothing, `not`, enums of only `null`: any
            // value is accepted rather than a wrong one refused.
            _ => Ok(TypeRef::Any),
        }
    }

    fn array_type(
        &mut self,
        schema: &Schema,
        items: Option<&ReferenceOr<Box<Schema>>>,
        at: &str,
        hint: &str,
    ) -> Result<TypeRef> {
        if let Some(serde_json::Value::Array(places)) = schema
            .schema_data
            .extensions
            .get(crate::load::TUPLE_EXTENSION)
        {
            return self.tuple_type(places, at, hint);
        }
        let item = match items {
            Some(items) => {
                let item = self.schema_type(items, &join(at, "items"), &format!("{hint}Item"))?;
                self.nullable_if(items, item)
            }
            None => TypeRef::Any,
        };
        Ok(TypeRef::Array(Box::new(item)))
    }

    /// A tuple's type from its places (`load` keeps the `prefixItems` of an OpenAPI 3.1 array
    /// that holds exactly one item per place under [`crate::load::TUPLE_EXTENSION`]); a place
    /// that is not a schema makes the tuple an array of any JSON value.
    fn tuple_type(
        &mut self,
        places: &[serde_json::Value],
        at: &str,
        hint: &str,
    ) -> Result<TypeRef> {
        let places_at = join(at, "prefixItems");
        let mut items = Vec::with_capacity(places.len());
        for (i, place) in places.iter().enumerate() {
            let Ok(place) = serde_json::from_value::<ReferenceOr<Schema>>(place.clone()) else {
                return Ok(TypeRef::Array(Box::new(TypeRef::Any)));
            };
            let at = join(&places_at, &i.to_string());
            let item = self.schema_type(&place, &at, &format!("{hint}{i}"))?;
            items.push(self.nullable_if(&place, item));
        }
        Ok(TypeRef::Tuple(items))
    }

    /// A map for an object without properties: `additionalProperties` gives the value type.
    fn map_type(&mut self, schema: &Schema, at: &str, hint: &str, typed: bool) -> Result<TypeRef> {
        let additional = own_parts(schema, at).and_then(|parts| parts.additional);
        match additional {
            Some((_, AdditionalProperties::Schema(value))) => {
                let ty = self.schema_type(
                    value,
                    &join(at, "additionalProperties"),
                    &format!("{hint}Value"),
                )?;
                let ty = self.nullable_if(value, ty);
                Ok(TypeRef::Map(Box::new(ty)))
            }
            Some((_, AdditionalProperties::Any(true))) => Ok(TypeRef::Map(Box::new(TypeRef::Any))),
            _ if typed => Ok(TypeRef::Map(Box::new(TypeRef::Any))),
            _ => Ok(TypeRef::Any),
        }
    }

    /// `Option<ty>` when `schema` is nullable.
    pub(crate) fn nullable_if<S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
        ty: TypeRef,
    ) -> TypeRef {
        if self.is_nullable(schema) && !matches!(ty, TypeRef::Any | TypeRef::Nullable(_)) {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }

    /// The fields of an object, and the map of the properties not listed when the schema says
    /// what they are.
    fn fields(
        &mut self,
        owner: &str,
        parts: &ObjectParts<'_>,
    ) -> Result<(Vec<Field>, Option<Additional>)> {
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for (wire_name, (field_at, property)) in &parts.properties {
            let hint = format!("{owner}{}", naming::type_name(wire_name, "Field"));
            let shared = self
                .shared_properties
                .as_ref()
                .and_then(|types| types.get(field_at).cloned());
            let ty = match shared {
                Some(ty) => ty,
                None => {
                    let ty = self.schema_type(*property, field_at, &hint)?;
                    if let Some(types) = &mut self.shared_properties {
                        types.insert(field_at.clone(), ty.clone());
                    }
                    ty
                }
            };
            let (schema, _) = self.deref(*property, field_at)?;
            let own_docs = match property {
                ReferenceOr::Item(schema) => docs(schema),
                ReferenceOr::Reference { .. } => None,
            };
            // Read-only properties are never sent and write-only ones never received, so
            // neither can be required of both directions.
            let one_way = schema.schema_data.read_only || schema.schema_data.write_only;
            let name = scope.claim(field_name(wire_name));
            fields.push(Field {
                name,
                wire_name: wire_name.clone(),
                docs: own_docs,
                ty,
                required: !one_way && parts.required.iter().any(|r| r == wire_name),
                nullable: self.is_nullable(*property),
                default: schema.schema_data.default.as_ref().map(|v| v.to_string()),
                undescribed: false,
                xml: self.xml_of(*property).map(Box::new),
            });
        }
        // Properties not listed land in a map when the schema says what they are.
        let value = match &parts.additional {
            Some((value_at, AdditionalProperties::Schema(value))) => {
                let ty = self.schema_type(value, value_at, &format!("{owner}Value"))?;
                Some(self.nullable_if(value, ty))
            }
            Some((_, AdditionalProperties::Any(true))) => Some(TypeRef::Any),
            _ => None,
        };
        // A required property the schema does not describe must still be sent (JSON Schema:
        // present, with any value): a field of any JSON value, rather than a request the
        // server refuses (`Field::undescribed`).
        for wire_name in &parts.required {
            if parts.properties.contains_key(wire_name)
                || fields.iter().any(|f: &Field| f.wire_name == *wire_name)
            {
                continue;
            }
            fields.push(Field {
                name: scope.claim(field_name(wire_name)),
                wire_name: wire_name.clone(),
                docs: Some(
                    "Required by the API description, which does not describe it; a response \
                     without it reads as `null`."
                        .to_owned(),
                ),
                ty: TypeRef::Any,
                required: true,
                nullable: false,
                default: None,
                undescribed: true,
                xml: None,
            });
        }
        let additional = value.map(|value| Additional {
            name: scope.claim("additional_properties".to_owned()),
            docs: "Properties not listed above.".to_owned(),
            value,
        });
        Ok((fields, additional))
    }
}

impl Lowerer<'_> {
    /// The type of `type: string` with this `format`.
    fn string_type(&self, format: &VariantOrUnknownOrEmpty<StringFormat>) -> TypeRef {
        match format {
            VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Binary,
            VariantOrUnknownOrEmpty::Item(StringFormat::Date) => self.format_or_string("date"),
            VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                self.format_or_string("date-time")
            }
            // Kubernetes' `IntOrString`: a JSON value decodes both.
            VariantOrUnknownOrEmpty::Unknown(format) if format == "int-or-string" => TypeRef::Any,
            VariantOrUnknownOrEmpty::Unknown(format) => self.format_or_string(format),
            _ => TypeRef::String,
        }
    }

    /// The typed format the configuration gives `format`, else `String`.
    fn format_or_string(&self, format: &str) -> TypeRef {
        format_type(&self.config.formats, format).unwrap_or(TypeRef::String)
    }
}

/// When a typed date format's own example would not decode as that type, what the server sends
/// is what the example shows: the schema is typed `String`, and this is the warning's key and
/// text. A `date-time` with no offset (Java's `LocalDateTime`: Amadeus's flight times, Okta,
/// Mailchimp), a `date` with a time (Xero's `2015-07-01T00:00:00`).
fn example_refuses(ty: &TypeRef, example: &str) -> Option<(&'static str, String)> {
    match ty {
        TypeRef::Format(Format::DateTime(_)) if is_local_date_time(example) => Some((
            "local date-time",
            format!(
                "`format: date-time`, but its example `{example}` has no UTC offset, which RFC \
                 3339 requires: typed `String`, so that the values the server sends like it \
                 decode (here and wherever a date-time's example has none)"
            ),
        )),
        TypeRef::Format(Format::Date(_)) if is_date_with_time(example) => Some((
            "date with time",
            format!(
                "`format: date`, but its example `{example}` has a time: typed `String`, so \
                 that the values the server sends like it decode (here and wherever a date's \
                 example has one)"
            ),
        )),
        _ => None,
    }
}

/// A date followed by a time (`2015-07-01T00:00:00`, `2015-07-01 00:00:00Z`).
fn is_date_with_time(text: &str) -> bool {
    text.get(..16).is_some_and(is_local_date_time)
}

/// A date and time with no offset (`2021-03-27T20:03:00`, `2021-03-27 20:03:00.125`,
/// `2021-03-27T20:03`): what Java's `LocalDateTime` and .NET's unspecified `DateTime` write,
/// and not an RFC 3339 date-time.
fn is_local_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |at: usize, n: usize| {
        bytes
            .get(at..at + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let is = |at: usize, byte: u8| bytes.get(at) == Some(&byte);
    let date_and_minutes = digits(0, 4)
        && is(4, b'-')
        && digits(5, 2)
        && is(7, b'-')
        && digits(8, 2)
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && digits(11, 2)
        && is(13, b':')
        && digits(14, 2);
    if !date_and_minutes {
        return false;
    }
    match bytes.get(16..).unwrap_or_default() {
        [] => true,
        [b':', seconds @ ..] => match seconds {
            [s1, s2] => s1.is_ascii_digit() && s2.is_ascii_digit(),
            [s1, s2, b'.', fraction @ ..] => {
                s1.is_ascii_digit()
                    && s2.is_ascii_digit()
                    && !fraction.is_empty()
                    && fraction.iter().all(u8::is_ascii_digit)
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether a `format` names an integer (`int32`, `int64`, `uint8`…).
fn is_integer_format(format: &str) -> bool {
    matches!(
        format,
        "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16" | "uint32" | "uint64"
    )
}

fn int_width(format: &str) -> IntWidth {
    match format {
        "int32" | "int16" | "int8" => IntWidth::I32,
        "uint8" => IntWidth::U8,
        "uint16" => IntWidth::U16,
        "uint32" => IntWidth::U32,
        "uint64" | "uint" => IntWidth::U64,
        _ => IntWidth::I64,
    }
}

/// A field or argument name: snake case, with the keywords that cannot be raw given a suffix.
pub(crate) fn field_name(wire_name: &str) -> String {
    naming::unreserved(naming::value_name(wire_name, "field"))
}

/// `title` and `description` of a schema, joined by a blank line.
pub(crate) fn docs(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    let parts: Vec<&str> = [data.title.as_deref(), data.description.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// An untyped schema that says only array things: `items`, `minItems`, `maxItems` or
/// `uniqueItems`, and nothing of an object or an enum.
fn describes_array(any: &openapiv3::AnySchema) -> bool {
    (any.items.is_some()
        || any.min_items.is_some()
        || any.max_items.is_some()
        || any.unique_items.is_some())
        && any.properties.is_empty()
        && any.additional_properties.is_none()
        && any.enumeration.is_empty()
}
