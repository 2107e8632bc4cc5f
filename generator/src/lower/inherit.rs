//! Inheritance-style discriminators.
//!
//! A base object with a `discriminator` and no `oneOf` is extended by the schemas that `allOf`
//! it, directly or through another subtype (and those its `mapping` names): `Application` with
//! `signOnMode`, and nine subtypes. The base becomes a tagged enum of its subtypes, so a value
//! decodes into the subtype its tag names and a request can send any subtype. A tag that names no subtype (or the base itself)
//! decodes into `{Base}Base`, the base's own fields plus a map of the rest, so nothing is lost.
//! A subtype that adds nothing is that struct, never the enum (which would then hold itself).

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::Lowerer;
use super::compose::strip_owner;
use super::schema::docs;
use super::shape::Shape;
use super::table::{Claimed, Definition};
use crate::error::{Result, join, pointer};
use crate::ir::{Additional, Discriminator, OneOfVariant, Origin, TypeKind, TypeRef, Warning};
use crate::naming::{self, Scope};

/// A base schema that other schemas extend, as found before any type is lowered.
#[derive(Clone)]
pub(crate) struct Inheritance {
    /// The struct of the base's own fields.
    pub(crate) base_struct: Claimed,
    /// The tag property.
    property: String,
    /// `(component key, tag values)` per subtype: the mapping's values that name it, else its
    /// key (the OpenAPI default).
    subtypes: Vec<(String, Vec<String>)>,
}

impl<'a> Lowerer<'a> {
    /// Finds every inheritance base among the component schemas. Run after naming them.
    pub(crate) fn find_inheritance(&mut self) {
        let doc: &'a openapiv3::OpenAPI = self.doc;
        let Some(components) = &doc.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            let Some(discriminator) = &schema.schema_data.discriminator else {
                continue;
            };
            let at = pointer(&["components", "schemas", key]);
            // Only an object: a `oneOf` with a discriminator is already an enum.
            if !matches!(self.shape(schema, &at), Ok(Shape::Object(_))) {
                continue;
            }
            // Every schema that extends the base, directly or through another subtype, in
            // document order: a value tagged as a grandchild decodes as that grandchild.
            let mut family: Vec<&String> = vec![key];
            loop {
                let before = family.len();
                for (other_key, other) in &components.schemas {
                    let ReferenceOr::Item(other) = other else {
                        continue;
                    };
                    if family.contains(&other_key) {
                        continue;
                    }
                    let extends = all_of_parts(other).iter().any(|part| {
                        matches!(part, ReferenceOr::Reference { reference }
                            if self.resolve_schema(reference, &at)
                                .is_ok_and(|(_, k, _)| family.contains(&&k)))
                    });
                    if extends {
                        family.push(other_key);
                    }
                }
                if family.len() == before {
                    break;
                }
            }
            let mut subtypes: IndexMap<String, Vec<String>> = components
                .schemas
                .keys()
                .filter(|k| *k != key && family.contains(k))
                .map(|k| (k.clone(), Vec::new()))
                .collect();
            let discriminator_at = join(&at, "discriminator");
            for (value, target) in &discriminator.mapping {
                let target_key = if target.starts_with('#') {
                    self.resolve_schema(target, &discriminator_at)
                        .ok()
                        .map(|(_, k, _)| k)
                } else {
                    Some(target.clone())
                };
                match target_key {
                    Some(target_key) if target_key == *key => {}
                    Some(target_key) if components.schemas.contains_key(&target_key) => {
                        subtypes.entry(target_key).or_default().push(value.clone());
                    }
                    _ => self.warnings.push(Warning {
                        pointer: join(&join(&discriminator_at, "mapping"), value),
                        message: format!(
                            "`{target}` is not a component schema; tag `{value}` decodes as the base"
                        ),
                    }),
                }
            }
            if subtypes.is_empty() {
                continue;
            }
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            let mut clash = None;
            for (subtype, tags) in &mut subtypes {
                if tags.is_empty() {
                    tags.push(subtype.clone());
                }
                for tag in tags.iter() {
                    if let Some(first) = seen.insert(tag.clone(), subtype) {
                        clash.get_or_insert(format!(
                            "`{first}` and `{subtype}` are both tagged `{tag}`, so the tag cannot \
                             tell them apart: `{key}` stays a plain struct and their own fields \
                             are not decoded through it"
                        ));
                    }
                }
            }
            if let Some(message) = clash {
                self.warnings.push(Warning {
                    pointer: discriminator_at,
                    message,
                });
                continue;
            }
            let name = self.components.get(key).map_or("", |c| c.name.as_str());
            let base_struct = self
                .table
                .claim(naming::type_name(&format!("{name}Base"), "Type"));
            self.inheritance.insert(
                key.clone(),
                Inheritance {
                    base_struct,
                    property: discriminator.property_name.clone(),
                    subtypes: subtypes.into_iter().collect(),
                },
            );
        }
    }

    /// Defines the enum `name` of an inheritance base and the struct of its own fields.
    pub(crate) fn define_base(
        &mut self,
        claimed: &Claimed,
        key: &str,
        schema: &'a Schema,
        at: &str,
    ) -> Result<()> {
        let Some(inheritance) = self.inheritance.get(key) else {
            return Ok(());
        };
        let name = claimed.name.as_str();
        let base_struct = inheritance.base_struct.clone();
        let property = inheritance.property.clone();
        let subtypes = inheritance.subtypes.clone();
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let variants = subtypes
            .into_iter()
            .filter_map(|(subtype, tag_values)| {
                let subtype = self.components.get(&subtype)?;
                let label = strip_base(name, &subtype.name);
                Some(OneOfVariant {
                    name: scope.claim(naming::variant_name(&label, "Variant")),
                    ty: TypeRef::Named(subtype.id),
                    tag_values,
                })
            })
            .collect();
        let how = format!(
            "One of the schemas that extend `{name}`, chosen by the value of `{property}`."
        );
        let enum_docs = match docs(schema) {
            Some(text) => format!("{text}\n\n{how}"),
            None => how,
        };
        self.table.define(
            claimed.id,
            Definition {
                pointer: at.to_owned(),
                origin: Origin::Component {
                    key: key.to_owned(),
                },
                title: schema.schema_data.title.clone(),
                docs: Some(enum_docs),
                kind: TypeKind::OneOf {
                    tag: Some(Discriminator {
                        property: property.clone(),
                    }),
                    variants,
                    unknown: Some(TypeRef::Named(base_struct.id)),
                },
            },
        );
        // The fields are named as the base's own (inline types `{name}…`), as without subtypes.
        let mut kind = self.component_kind(claimed, schema, at)?;
        if let TypeKind::Struct { fields, additional } = &mut kind {
            if additional.is_none() {
                let mut names = Scope::with_reserved(
                    &fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
                );
                *additional = Some(Additional {
                    name: names.claim("other_fields".to_owned()),
                    docs: "The fields of a subtype this client does not know.".to_owned(),
                    value: TypeRef::Any,
                });
            }
        }
        let base_docs = format!(
            "The fields every `{name}` has, whatever its `{property}`. Any `{name}` whose \
             `{property}` names no known subtype decodes into this (`{name}::Unknown`)."
        );
        self.table.define(
            base_struct.id,
            Definition {
                pointer: at.to_owned(),
                origin: Origin::Inline,
                title: None,
                docs: Some(base_docs),
                kind,
            },
        );
        Ok(())
    }

    /// The struct of the base's own fields, when `key` is an inheritance base.
    pub(crate) fn base_struct_of(&self, key: &str) -> Option<&Claimed> {
        self.inheritance.get(key).map(|i| &i.base_struct)
    }
}

/// The `allOf` parts of a schema.
fn all_of_parts(schema: &Schema) -> &[ReferenceOr<Schema>] {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => &[],
    }
}

/// A variant name from a subtype's name, without the base's name in front or behind
/// (`AutoLoginApplication` of `Application` is `AutoLogin`).
fn strip_base(base: &str, subtype: &str) -> String {
    let stripped = strip_owner(base, subtype);
    if stripped != subtype {
        return stripped;
    }
    match subtype.strip_suffix(base) {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => subtype.to_owned(),
    }
}
