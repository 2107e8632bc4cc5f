//! `oneOf` and `anyOf` enums (`shape` decides which schemas are one, and merges `allOf`).
//!
//! `oneOf` and `anyOf` become an enum with one variant per part. When the parts are told
//! apart by a property (a `discriminator`, or a required single-value enum property that every
//! part has, as serde and schemars write internally tagged enums), the enum is decoded by that
//! property's value; otherwise the first part that decodes wins, pickiest first.

use openapiv3::{ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use std::collections::{BTreeMap, BTreeSet};

use super::Lowerer;
use super::enums::string_enum;
use super::shape::{Composite, ObjectParts};
use crate::error::Result;
use crate::ir::{Discriminator, OneOfVariant, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// How the parts of a `oneOf` are told apart: by the value of one property.
struct Tags {
    /// The property.
    property: String,
    /// Per part, the values that select it.
    values: Vec<Vec<String>>,
}

impl<'a> Lowerer<'a> {
    /// The enum for a `oneOf` or `anyOf` called `name`.
    pub(crate) fn one_of_kind(
        &mut self,
        name: &str,
        schema: &Schema,
        composite: Composite<'_>,
    ) -> Result<TypeKind> {
        let tags = self.tags(composite.holder.unwrap_or(schema), &composite)?;
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut variants: Vec<(usize, OneOfVariant)> = Vec::new();
        // A title two inline parts share tells neither apart (OpenAI's `title: array` on three).
        let mut titles: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, part) in &composite.parts {
            if let ReferenceOr::Item(item) = part
                && let Some(title) = &item.schema_data.title
            {
                *titles.entry(title.as_str()).or_default() += 1;
            }
        }
        let shared_titles: BTreeSet<&str> = titles
            .into_iter()
            .filter_map(|(title, count)| (count > 1).then_some(title))
            .collect();
        // Each inline part's label, when no tag names it.
        let labels: Vec<Option<String>> = (composite.parts.iter())
            .map(|(part_at, part)| match part {
                ReferenceOr::Item(item) if tags.is_none() => {
                    Some(self.inline_label(item, part_at, &shared_titles))
                }
                _ => None,
            })
            .collect();
        // Several inline objects that nothing else names (`Object`, `Object2`, …: GitHub's
        // three protection rules) are each named by a property only it has.
        let plain_objects = labels.iter().flatten().filter(|l| *l == "Object").count();
        let mut properties: Vec<Vec<(&String, bool)>> = Vec::new();
        if plain_objects > 1 {
            for (part_at, part) in &composite.parts {
                let schema = match part {
                    ReferenceOr::Reference { reference } => {
                        self.resolve_schema(reference, part_at)?.0
                    }
                    ReferenceOr::Item(item) => item,
                };
                properties.push(direct_properties(schema));
            }
        }
        for (i, (part_at, part)) in composite.parts.iter().enumerate() {
            let tag_values = tags
                .as_ref()
                .and_then(|tags| tags.values.get(i).cloned())
                .unwrap_or_default();
            let label = match part {
                ReferenceOr::Reference { reference } => {
                    let key = self.resolve_schema(reference, part_at)?.1;
                    let type_name = self.components.get(&key).map_or("", |c| c.name.as_str());
                    strip_owner(name, type_name)
                }
                ReferenceOr::Item(item) => match tag_values.first() {
                    Some(tag) => naming::variant_name(tag, "Variant"),
                    None => {
                        let label = match labels.get(i).cloned().flatten() {
                            Some(label) => label,
                            None => self.inline_label(item, part_at, &shared_titles),
                        };
                        match unique_property(&properties, i) {
                            Some(property) if label == "Object" => {
                                naming::type_name(property, "Variant")
                            }
                            _ => label,
                        }
                    }
                },
            };
            let variant_name = scope.claim(naming::variant_name(&label, "Variant"));
            let hint = format!("{name}{variant_name}");
            let ty = match &composite.base {
                Some(base) => self.merged_type(base, part, part_at, &hint)?,
                None => self.schema_type(*part, part_at, &hint)?,
            };
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
            tag: tags.map(|tags| Discriminator {
                property: tags.property,
            }),
            variants: variants.into_iter().map(|(_, v)| v).collect(),
            unknown: None,
        })
    }

    /// How early an untagged alternative must be tried: objects with more required properties
    /// before those with fewer (an object with none accepts any object), integers before
    /// numbers (a number accepts any integer), typed string formats before other strings, maps
    /// and free-form values last.
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
            // A typed format before a plain string, which would take its values too.
            TypeRef::Format(_) => LAST / 2 - 1,
            TypeRef::Number(_) => LAST / 2 + 1,
            TypeRef::Map(_) | TypeRef::Any => LAST,
            _ => LAST / 2,
        })
    }

    /// The discriminating property and, per part, the values that select it; `None` when the
    /// parts cannot be told apart by one property.
    fn tags(&self, schema: &Schema, composite: &Composite<'_>) -> Result<Option<Tags>> {
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
            return Ok(distinct(&all).then(|| Tags {
                property: property.clone(),
                values: all,
            }));
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
                return Ok(Some(Tags {
                    property: property.clone(),
                    values: all,
                }));
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
    let mut seen = BTreeSet::new();
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

impl Lowerer<'_> {
    /// A variant name for an inline part without a tag: its title, else what kind of value it
    /// is: a string by its `format` (`DateTime`, `Uuid`), an array by its items
    /// (`StringArray`, `IntegerArray`, `PetArray`), so that `string | date-time` or
    /// `string[] | integer[]` are not `String`/`String2` or `Array`/`Array2`.
    /// A title another part shares (`shared_titles`), or that only names the JSON type
    /// (`title: string`), is passed over.
    fn inline_label(&self, schema: &Schema, at: &str, shared_titles: &BTreeSet<&str>) -> String {
        if let Some(title) = &schema.schema_data.title
            && !shared_titles.contains(title.as_str())
            && !crate::load::JSON_TYPES.contains(&title.to_ascii_lowercase().as_str())
        {
            return naming::type_name(title, "Variant");
        }
        if let Some(values) = string_enum(schema) {
            return match values.as_slice() {
                [value] if value.is_empty() => "Empty".to_owned(),
                [value] => value_label(value),
                _ => "Enum".to_owned(),
            };
        }
        if let Some(label) = object_label(schema) {
            return label;
        }
        let (kind, format, items) = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                ("String", string_format_name(&string.format), None)
            }
            SchemaKind::Type(Type::Integer(_)) => ("Integer", None, None),
            SchemaKind::Type(Type::Number(_)) => ("Number", None, None),
            SchemaKind::Type(Type::Boolean(_)) => ("Boolean", None, None),
            SchemaKind::Type(Type::Array(array)) => ("Array", None, array.items.as_ref()),
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                ("Map", None, None)
            }
            SchemaKind::Any(any) => match any.typ.as_deref() {
                Some("string") => ("String", any.format.as_deref(), None),
                Some("integer") => ("Integer", None, None),
                Some("number") => ("Number", None, None),
                Some("boolean") => ("Boolean", None, None),
                Some("array") => ("Array", None, any.items.as_ref()),
                _ => ("Object", None, None),
            },
            _ => ("Object", None, None),
        };
        if let Some(format) = format.filter(|f| f.chars().any(char::is_alphanumeric)) {
            return naming::variant_name(format, kind);
        }
        match items {
            Some(items) => format!("{}Array", self.items_label(items, at)),
            None => kind.to_owned(),
        }
    }

    /// What an array alternative's items are called in its variant's name: a component's type
    /// name, else as an inline part would be; nothing for items of any kind.
    fn items_label(&self, items: &ReferenceOr<Box<Schema>>, at: &str) -> String {
        match items {
            ReferenceOr::Reference { reference } => self
                .resolve_schema(reference, at)
                .ok()
                .and_then(|(_, key, _)| self.components.get(&key))
                .map_or_else(|| "Item".to_owned(), |c| c.name.clone()),
            // Items of any kind (`items: {}`): just `Array`.
            ReferenceOr::Item(item)
                if matches!(&item.schema_kind, SchemaKind::Any(any)
                    if any.typ.is_none() && any.properties.is_empty()
                        && any.items.is_none()) =>
            {
                String::new()
            }
            ReferenceOr::Item(item) => self.inline_label(item, at, &BTreeSet::new()),
        }
    }
}

/// A variant name for an inline object part from what it holds: its one property when that is
/// all it has and it is required (`{Circle: {…}}`, the externally tagged enum that serde writes
/// and that dropshot, utoipa and aide describe: `Circle`), else the one value of a required
/// string property that admits a single value (`{type: Bird, lives: 9}` beside parts without
/// such a tag: `Bird`).
fn object_label(schema: &Schema) -> Option<String> {
    let (properties, required) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required),
        SchemaKind::Any(any) if any.typ.as_deref().is_none_or(|t| t == "object") => {
            (&any.properties, &any.required)
        }
        _ => return None,
    };
    if let ([only], 1) = (required.as_slice(), properties.len())
        && properties.contains_key(only)
        && !only.is_empty()
    {
        return Some(naming::type_name(only, "Variant"));
    }
    properties.iter().find_map(|(name, property)| {
        let ReferenceOr::Item(property) = property else {
            return None;
        };
        if !required.contains(name) {
            return None;
        }
        match string_enum(property)?.as_slice() {
            [value] if !value.is_empty() => Some(value_label(value)),
            _ => None,
        }
    })
}

/// A string schema's `format` as the document writes it (`date-time`, `uuid`); `None` without
/// one.
pub(super) fn string_format_name(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
        VariantOrUnknownOrEmpty::Unknown(format) => Some(format.as_str()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// A schema's own properties (not its `allOf` parts'), each with whether it is required.
fn direct_properties(schema: &Schema) -> Vec<(&String, bool)> {
    let (properties, required) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required),
        SchemaKind::Any(any) => (&any.properties, &any.required),
        _ => return Vec::new(),
    };
    properties
        .keys()
        .map(|name| (name, required.contains(name)))
        .collect()
}

/// A property of part `i` that no other part has (a required one first, else the first in
/// document order) whose name makes an identifier.
fn unique_property<'p>(properties: &[Vec<(&'p String, bool)>], i: usize) -> Option<&'p str> {
    let own = properties.get(i)?;
    let unique = |name: &&String| {
        name.chars().any(|c| c.is_ascii_alphabetic())
            && properties
                .iter()
                .enumerate()
                .all(|(j, other)| j == i || other.iter().all(|(n, _)| n != name))
    };
    let required = own.iter().filter(|(_, required)| *required);
    required
        .chain(own.iter().filter(|(_, required)| !*required))
        .map(|(name, _)| *name)
        .find(unique)
        .map(String::as_str)
}

/// A variant name from the one value a part admits.
fn value_label(value: &str) -> String {
    naming::variant_name(value, "Variant")
}
