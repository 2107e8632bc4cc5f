//! Lowering schemas to named types and type references.

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use super::{Lowerer, resolve};
use crate::error::{Error, Result, join};
use crate::ir::{EnumVariant, Field, FloatWidth, IntWidth, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// The parts of an object schema, whether it came as `type: object` or untyped.
struct ObjectParts<'s> {
    properties: &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
}

impl Lowerer<'_> {
    /// Defines the named type for a component schema.
    pub(crate) fn define_component(
        &mut self,
        name: &str,
        schema: &ReferenceOr<Schema>,
        at: &str,
    ) -> Result<()> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let target = self.schema_ref(reference, at)?;
                self.push_type(name, at, None, TypeKind::Alias(target));
                Ok(())
            }
            ReferenceOr::Item(schema) => {
                if let Some(kind) = self.named_kind(name, schema, at)? {
                    self.push_type(name, at, docs(schema), kind);
                } else {
                    let target = self.inline_type(schema, at, name)?;
                    self.push_type(name, at, docs(schema), TypeKind::Alias(target));
                }
                Ok(())
            }
        }
    }

    fn push_type(&mut self, name: &str, at: &str, docs: Option<String>, kind: TypeKind) {
        self.types.push(TypeDef {
            name: name.to_owned(),
            pointer: at.to_owned(),
            docs,
            kind,
        });
    }

    /// The type of a schema or reference met anywhere. Inline objects and enums become new named
    /// types called `hint`, made unique.
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
        let components = self.doc.components.as_ref().map(|c| &c.schemas);
        let (_, key) = resolve(components, reference, "schemas", at)?;
        let name = self.component_names.get(&key).ok_or_else(|| {
            Error::at(
                at,
                format!("dangling reference: `{reference}` does not exist"),
            )
        })?;
        Ok(TypeRef::Named(name.clone()))
    }

    /// The kind of named type `schema` needs, or `None` when a plain type reference will do.
    fn named_kind(&mut self, name: &str, schema: &Schema, at: &str) -> Result<Option<TypeKind>> {
        if let Some(values) = string_enum(schema) {
            return Ok(Some(TypeKind::StringEnum {
                variants: enum_variants(&values),
            }));
        }
        match object_parts(schema) {
            Some(parts) if !parts.properties.is_empty() => {
                let fields = self.fields(name, &parts, at)?;
                Ok(Some(TypeKind::Struct { fields }))
            }
            _ => Ok(None),
        }
    }

    fn inline_type(&mut self, schema: &Schema, at: &str, hint: &str) -> Result<TypeRef> {
        let unsupported = |what: &str| Err(Error::at(at, format!("{what} is not supported yet")));
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) if string_enum(schema).is_some() => {
                self.define_inline(schema, at, hint)
            }
            SchemaKind::Type(Type::String(_)) => Ok(TypeRef::String),
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Bool),
            SchemaKind::Type(Type::Integer(int)) => Ok(TypeRef::Integer(match int.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntWidth::I32,
                _ => IntWidth::I64,
            })),
            SchemaKind::Type(Type::Number(number)) => Ok(TypeRef::Number(match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => FloatWidth::F32,
                _ => FloatWidth::F64,
            })),
            SchemaKind::Type(Type::Array(array)) => {
                let item = match &array.items {
                    Some(items) => {
                        self.schema_type(items, &join(at, "items"), &format!("{hint}Item"))?
                    }
                    None => TypeRef::Any,
                };
                Ok(TypeRef::Array(Box::new(item)))
            }
            SchemaKind::Type(Type::Object(_)) | SchemaKind::Any(_) => {
                let Some(parts) = object_parts(schema) else {
                    return Ok(TypeRef::Any);
                };
                if !parts.properties.is_empty() {
                    return self.define_inline(schema, at, hint);
                }
                let is_typed_object =
                    matches!(schema.schema_kind, SchemaKind::Type(Type::Object(_)));
                match parts.additional {
                    Some(AdditionalProperties::Schema(value)) => {
                        let value = self.schema_type(
                            value,
                            &join(at, "additionalProperties"),
                            &format!("{hint}Value"),
                        )?;
                        Ok(TypeRef::Map(Box::new(value)))
                    }
                    Some(AdditionalProperties::Any(true)) => {
                        Ok(TypeRef::Map(Box::new(TypeRef::Any)))
                    }
                    _ if is_typed_object => Ok(TypeRef::Map(Box::new(TypeRef::Any))),
                    _ => Ok(TypeRef::Any),
                }
            }
            SchemaKind::OneOf { .. } => unsupported("`oneOf`"),
            SchemaKind::AnyOf { .. } => unsupported("`anyOf`"),
            SchemaKind::AllOf { .. } => unsupported("`allOf`"),
            SchemaKind::Not { .. } => unsupported("`not`"),
        }
    }

    /// Defines a new named type for an inline schema and refers to it.
    fn define_inline(&mut self, schema: &Schema, at: &str, hint: &str) -> Result<TypeRef> {
        let name = self.type_scope.claim(naming::type_name(hint, "Type"));
        match self.named_kind(&name, schema, at)? {
            Some(kind) => {
                self.push_type(&name, at, docs(schema), kind);
                Ok(TypeRef::Named(name))
            }
            None => Err(Error::at(at, "internal: inline schema has no named shape")),
        }
    }

    fn fields(&mut self, owner: &str, parts: &ObjectParts<'_>, at: &str) -> Result<Vec<Field>> {
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for (wire_name, property) in parts.properties {
            let field_at = join(&join(at, "properties"), wire_name);
            let hint = format!("{owner}{}", naming::type_name(wire_name, "Field"));
            let ty = self.schema_type(property, &field_at, &hint)?;
            let (docs, nullable) = match property {
                ReferenceOr::Item(schema) => (docs(schema), schema.schema_data.nullable),
                ReferenceOr::Reference { .. } => (None, false),
            };
            let name = scope.claim(field_name(wire_name));
            fields.push(Field {
                name,
                wire_name: wire_name.clone(),
                docs,
                ty,
                required: parts.required.iter().any(|r| r == wire_name),
                nullable,
            });
        }
        Ok(fields)
    }
}

/// A field or argument name: snake case, with the keywords that cannot be raw given a suffix.
pub(crate) fn field_name(wire_name: &str) -> String {
    let name = naming::value_name(wire_name, "field");
    match name.as_str() {
        "self" | "super" | "crate" | "_" => format!("{name}_"),
        _ => name,
    }
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

fn object_parts(schema: &Schema) -> Option<ObjectParts<'_>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(ObjectParts {
            properties: &object.properties,
            required: &object.required,
            additional: object.additional_properties.as_ref(),
        }),
        SchemaKind::Any(any)
            if any.typ.as_deref().is_none_or(|t| t == "object")
                && (!any.properties.is_empty() || any.additional_properties.is_some()) =>
        {
            Some(ObjectParts {
                properties: &any.properties,
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            })
        }
        _ => None,
    }
}

/// The values of a string enum, without `null`.
fn string_enum(schema: &Schema) -> Option<Vec<String>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
            Some(string.enumeration.iter().flatten().cloned().collect())
        }
        _ => None,
    }
}

fn enum_variants(values: &[String]) -> Vec<EnumVariant> {
    let mut scope = Scope::with_reserved(&["Unknown"]);
    values
        .iter()
        .map(|value| EnumVariant {
            name: scope.claim(naming::variant_name(value, "Value")),
            wire_value: value.clone(),
        })
        .collect()
}
