//! `allOf`, `oneOf` and `anyOf`.
//!
//! `allOf` merges the properties of its parts into one struct; a single meaningful part (the
//! common `allOf: [$ref]` wrapper that only adds `description` or `nullable`) stands for that
//! part. `oneOf` and `anyOf` become an enum with one variant per part. When the parts are told
//! apart by a property (a `discriminator`, or a required single-value enum property that every
//! part has, as serde and schemars write internally tagged enums), the enum is decoded by that
//! property's value; otherwise the first part that decodes wins, pickiest first.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::enums::{integer_enum, string_enum};
use super::schema::{ObjectParts, Shape, is_annotation_only, own_parts};
use crate::error::{Result, join};
use crate::ir::{Discriminator, OneOfVariant, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// How deep `allOf` parts may nest (through `$ref`s) before the schema is taken as opaque.
const MAX_DEPTH: usize = 16;

/// The parts of a `oneOf` or `anyOf`, each with its pointer.
pub(crate) struct Composite<'s> {
    parts: Vec<(String, &'s ReferenceOr<Schema>)>,
}

impl<'a> Lowerer<'a> {
    /// The shape of an `allOf`, with `own` the properties declared beside it.
    pub(crate) fn all_of_shape<'s>(
        &self,
        parts: &'s [ReferenceOr<Schema>],
        own: Option<ObjectParts<'s>>,
        at: &str,
    ) -> Result<Shape<'s>>
    where
        'a: 's,
    {
        let all_of_at = join(at, "allOf");
        let meaningful: Vec<(String, &'s ReferenceOr<Schema>)> = parts
            .iter()
            .enumerate()
            .filter(|(_, part)| !matches!(part, ReferenceOr::Item(s) if is_annotation_only(s)))
            .map(|(i, part)| (join(&all_of_at, &i.to_string()), part))
            .collect();
        let own_is_empty = own
            .as_ref()
            .is_none_or(|o| o.properties.is_empty() && o.additional.is_none());
        if own_is_empty {
            match meaningful.as_slice() {
                [] => return Ok(Shape::Plain),
                [(part_at, part)] => return Ok(Shape::Single(part, part_at.clone())),
                _ => {}
            }
        }
        let mut merged = own.unwrap_or_default();
        for (part_at, part) in &meaningful {
            if !self.collect_object(part, part_at, &mut merged, 0)? {
                // A part that is not an object (a primitive, a `oneOf`): nothing to merge into
                // a struct, so any value is accepted rather than a wrong one refused.
                return Ok(Shape::Plain);
            }
        }
        if merged.properties.is_empty() {
            return Ok(Shape::Plain);
        }
        Ok(Shape::Object(merged))
    }

    /// Adds the properties of an object schema (following `$ref`s and nested `allOf`s) to
    /// `merged`; `false` when the schema is not an object.
    pub(crate) fn collect_object<'s, S: std::borrow::Borrow<Schema>>(
        &self,
        part: &'s ReferenceOr<S>,
        at: &str,
        merged: &mut ObjectParts<'s>,
        depth: usize,
    ) -> Result<bool>
    where
        'a: 's,
    {
        self.collect_object_once(part, at, merged, depth, &mut BTreeSet::new())
    }

    /// [`Self::collect_object`], skipping schemas already merged (by pointer): they add nothing
    /// new, and following every path to them took exponential time when `allOf`s shared parts
    /// (`A0: {allOf: [$ref A1, $ref A1]}`, `A1: {allOf: [$ref A2, $ref A2]}`, …).
    fn collect_object_once<'s, S: std::borrow::Borrow<Schema>>(
        &self,
        part: &'s ReferenceOr<S>,
        at: &str,
        merged: &mut ObjectParts<'s>,
        depth: usize,
        seen: &mut BTreeSet<String>,
    ) -> Result<bool>
    where
        'a: 's,
    {
        if depth > MAX_DEPTH {
            return Ok(false);
        }
        let (schema, at) = self.deref(part, at)?;
        if is_annotation_only(schema) || !seen.insert(at.clone()) {
            return Ok(true);
        }
        let nested = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => Some(all_of),
            SchemaKind::Any(any) if !any.all_of.is_empty() => Some(&any.all_of),
            _ => None,
        };
        if let Some(nested) = nested {
            for (i, inner) in nested.iter().enumerate() {
                let inner_at = join(&join(&at, "allOf"), &i.to_string());
                if !self.collect_object_once(inner, &inner_at, merged, depth + 1, seen)? {
                    return Ok(false);
                }
            }
        }
        match own_parts(schema, &at) {
            Some(parts) => {
                for (key, property) in parts.properties {
                    merged.properties.insert(key, property);
                }
                for key in parts.required {
                    if !merged.required.contains(&key) {
                        merged.required.push(key);
                    }
                }
                if merged.additional.is_none() {
                    merged.additional = parts.additional;
                }
                Ok(true)
            }
            None => Ok(nested.is_some()
                || match &schema.schema_kind {
                    SchemaKind::Type(Type::Object(_)) => true,
                    SchemaKind::Any(any) => {
                        any.typ.as_deref().is_none_or(|t| t == "object")
                            && any.one_of.is_empty()
                            && any.any_of.is_empty()
                            && any.enumeration.is_empty()
                    }
                    _ => false,
                }),
        }
    }

    /// The shape of a `oneOf` or `anyOf`.
    pub(crate) fn one_of_shape<'s>(
        &self,
        schema: &'s Schema,
        parts: &'s [ReferenceOr<Schema>],
        keyword: &str,
        at: &str,
    ) -> Result<Shape<'s>>
    where
        'a: 's,
    {
        let parts_at = match &schema.schema_kind {
            SchemaKind::Any(_) => at.to_owned(),
            _ => join(at, keyword),
        };
        let parts: Vec<(String, &'s ReferenceOr<Schema>)> = parts
            .iter()
            .enumerate()
            .filter(|(_, part)| !matches!(part, ReferenceOr::Item(s) if is_annotation_only(s)))
            .map(|(i, part)| (join(&parts_at, &i.to_string()), part))
            .collect();
        // Parts that are all inline string enums (how schemars documents each value of an
        // enum) are one string enum.
        let values: Option<Vec<String>> =
            parts.iter().try_fold(Vec::new(), |mut all, (_, part)| {
                let ReferenceOr::Item(part) = part else {
                    return None;
                };
                for value in string_enum(part).filter(|v| !v.is_empty())? {
                    if !all.contains(&value) {
                        all.push(value);
                    }
                }
                Some(all)
            });
        if let Some(values) = values.filter(|_| parts.len() > 1) {
            return Ok(Shape::StringEnum(values));
        }
        // The same for integers (OpenAPI 3.1 documents each value as `{const: 60, title: …}`):
        // as an untagged enum of one-value enums, each of which accepts any integer as its
        // `Unknown`, the first part would take every value.
        let values: Option<Vec<i64>> = parts.iter().try_fold(Vec::new(), |mut all, (_, part)| {
            let ReferenceOr::Item(part) = part else {
                return None;
            };
            for value in integer_enum(part).filter(|v| !v.is_empty())? {
                if !all.contains(&value) {
                    all.push(value);
                }
            }
            Some(all)
        });
        if let Some(values) = values.filter(|_| parts.len() > 1) {
            return Ok(Shape::IntegerEnum(values));
        }
        Ok(match parts.as_slice() {
            [] => Shape::Plain,
            [(part_at, part)] => Shape::Single(part, part_at.clone()),
            _ => Shape::Composite(Composite { parts }),
        })
    }

    /// The enum for a `oneOf` or `anyOf` called `name`.
    pub(crate) fn one_of_kind(
        &mut self,
        name: &str,
        schema: &Schema,
        composite: Composite<'_>,
    ) -> Result<TypeKind> {
        let tags = self.tags(schema, &composite)?;
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut variants: Vec<(usize, OneOfVariant)> = Vec::new();
        for (i, (part_at, part)) in composite.parts.iter().enumerate() {
            let tag_values = tags
                .as_ref()
                .and_then(|(_, values)| values.get(i).cloned())
                .unwrap_or_default();
            let label = match part {
                ReferenceOr::Reference { reference } => {
                    let key = self.resolve_schema(reference, part_at)?.1;
                    let type_name = self.components.get(&key).map_or("", |c| c.name.as_str());
                    strip_owner(name, type_name)
                }
                ReferenceOr::Item(item) => match tag_values.first() {
                    Some(tag) => naming::variant_name(tag, "Variant"),
                    None => inline_label(item),
                },
            };
            let variant_name = scope.claim(naming::variant_name(&label, "Variant"));
            let ty = self.schema_type(*part, part_at, &format!("{name}{variant_name}"))?;
            let ty = self.nullable_if(*part, ty);
            if tags.is_none() && variants.iter().any(|(_, v)| v.ty == ty) {
                continue;
            }
            let rank = self.untagged_rank(part, part_at, &ty)?;
            variants.push((
                rank,
                OneOfVariant {
                    name: variant_name,
                    ty,
                    tag_values,
                },
            ));
        }
        if tags.is_none() {
            // Untagged: serde takes the first alternative that decodes, so the pickier ones go
            // first (a stable sort keeps document order otherwise).
            variants.sort_by_key(|(rank, _)| *rank);
        }
        Ok(TypeKind::OneOf {
            tag: tags.map(|(property, _)| Discriminator { property }),
            variants: variants.into_iter().map(|(_, v)| v).collect(),
            unknown: None,
        })
    }

    /// How early an untagged alternative must be tried: objects with more required properties
    /// before those with fewer (an object with none accepts any object), integers before
    /// numbers (a number accepts any integer), maps and free-form values last.
    fn untagged_rank(&self, part: &ReferenceOr<Schema>, at: &str, ty: &TypeRef) -> Result<usize> {
        const LAST: usize = 1_000_000;
        let base = match ty {
            TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => inner.as_ref(),
            other => other,
        };
        Ok(match base {
            TypeRef::Named(_) => {
                let mut parts = ObjectParts::default();
                if self.collect_object(part, at, &mut parts, 0)? && !parts.properties.is_empty() {
                    LAST / 2 - parts.required.len().min(LAST / 4)
                } else {
                    LAST / 2
                }
            }
            TypeRef::Number(_) => LAST / 2 + 1,
            TypeRef::Map(_) | TypeRef::Any => LAST,
            _ => LAST / 2,
        })
    }

    /// The discriminating property and, per part, the values that select it; `None` when the
    /// parts cannot be told apart by one property.
    #[allow(clippy::type_complexity)]
    fn tags(
        &self,
        schema: &Schema,
        composite: &Composite<'_>,
    ) -> Result<Option<(String, Vec<Vec<String>>)>> {
        if let Some(discriminator) = &schema.schema_data.discriminator {
            let property = &discriminator.property_name;
            let mut all = Vec::new();
            for (part_at, part) in &composite.parts {
                let mut values = Vec::new();
                if let ReferenceOr::Reference { reference } = part {
                    let key = self.resolve_schema(reference, part_at)?.1;
                    for (value, target) in &discriminator.mapping {
                        let target_key = if target.starts_with('#') {
                            self.resolve_schema(target, part_at)?.1
                        } else {
                            target.clone()
                        };
                        if target_key == key {
                            values.push(value.clone());
                        }
                    }
                    if values.is_empty() {
                        values = self.property_values(part, part_at, property, false)?;
                    }
                    if values.is_empty() {
                        values.push(key);
                    }
                } else {
                    values = self.property_values(part, part_at, property, false)?;
                }
                if values.is_empty() {
                    return Ok(None);
                }
                all.push(values);
            }
            return Ok(distinct(&all).then(|| (property.clone(), all)));
        }
        // No discriminator: look for a required property with one enum value in every part.
        let Some((first_at, first)) = composite.parts.first() else {
            return Ok(None);
        };
        let mut parts = ObjectParts::default();
        if !self.collect_object(*first, first_at, &mut parts, 0)? {
            return Ok(None);
        }
        for property in &parts.required {
            let mut all = Vec::new();
            for (part_at, part) in &composite.parts {
                let values = self.property_values(part, part_at, property, true)?;
                if values.len() != 1 {
                    break;
                }
                all.push(values);
            }
            if all.len() == composite.parts.len() && distinct(&all) {
                return Ok(Some((property.clone(), all)));
            }
        }
        Ok(None)
    }

    /// The enum values of `property` in an object part, if it has that property as a string enum
    /// (and, with `only_required`, lists it in `required`).
    fn property_values(
        &self,
        part: &ReferenceOr<Schema>,
        at: &str,
        property: &str,
        only_required: bool,
    ) -> Result<Vec<String>> {
        let mut parts = ObjectParts::default();
        if !self.collect_object(part, at, &mut parts, 0)? {
            return Ok(Vec::new());
        }
        if only_required && !parts.required.iter().any(|r| r == property) {
            return Ok(Vec::new());
        }
        match parts.properties.get(property) {
            Some((property_at, schema)) => {
                let (schema, _) = self.deref(*schema, property_at)?;
                Ok(string_enum(schema).unwrap_or_default())
            }
            None => Ok(Vec::new()),
        }
    }
}

/// Whether no tag value selects two parts.
fn distinct(all: &[Vec<String>]) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    all.iter()
        .flatten()
        .all(|value| seen.insert(value.as_str()))
}

/// A variant name from the name of the type it holds, without the enum's own name in front
/// (`InputMediaPhoto` in `InputMedia` is `Photo`).
pub(crate) fn strip_owner(owner: &str, type_name: &str) -> String {
    match type_name.strip_prefix(owner) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_owned(),
        _ => type_name.to_owned(),
    }
}

/// A variant name for an inline part without a tag: its title, else what kind of value it is.
fn inline_label(schema: &Schema) -> String {
    if let Some(title) = &schema.schema_data.title {
        return naming::type_name(title, "Variant");
    }
    if let Some(values) = string_enum(schema) {
        return match values.as_slice() {
            [value] if value.is_empty() => "Empty".to_owned(),
            [value] => naming::variant_name(value, "Variant"),
            _ => "Enum".to_owned(),
        };
    }
    let kind = match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => "String",
        SchemaKind::Type(Type::Integer(_)) => "Integer",
        SchemaKind::Type(Type::Number(_)) => "Number",
        SchemaKind::Type(Type::Boolean(_)) => "Boolean",
        SchemaKind::Type(Type::Array(_)) => "Array",
        SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => "Map",
        SchemaKind::Any(any) => match any.typ.as_deref() {
            Some("string") => "String",
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("array") => "Array",
            _ => "Object",
        },
        _ => "Object",
    };
    kind.to_owned()
}
