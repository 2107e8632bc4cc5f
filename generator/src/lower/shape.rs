//! Classifying schemas: what each one becomes (a plain reference, an enum, a struct, one of
//! its parts, a `oneOf`), found without defining any type. `schema` and `compose` build on it;
//! it depends on neither.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::enums::{enum_has_null, integer_enum, string_enum};
use super::{FxIndexMap, Lowerer, resolve};
use crate::error::{Result, join, pointer};

/// How deep `allOf` parts may nest (through `$ref`s) before the schema is taken as opaque.
const MAX_DEPTH: usize = 16;

/// The parts of a `oneOf` or `anyOf`, each with its pointer.
pub(crate) struct Composite<'s> {
    pub(crate) parts: Vec<(String, &'s ReferenceOr<Schema>)>,
    /// The properties the schema declares beside its `oneOf`/`anyOf`, which every alternative
    /// has too (`{properties: {name}, oneOf: [$ref: Dog, $ref: Cat]}`): each object variant is
    /// these merged with the part, as `allOf` would.
    pub(crate) base: Option<ObjectParts<'s>>,
    /// The schema that holds the `oneOf`/`anyOf`, when it is not the schema being made (a
    /// union an `allOf` refers to): its `discriminator` tells the variants apart.
    pub(crate) holder: Option<&'s Schema>,
}

/// A `oneOf` or `anyOf` met in or beside an `allOf`: the schema that holds it, its parts,
/// its keyword, and the pointer [`Lowerer::one_of_shape`] takes for it.
pub(crate) struct Alternatives<'s> {
    schema: &'s Schema,
    parts: &'s [ReferenceOr<Schema>],
    keyword: &'static str,
    at: String,
}

/// The properties of an object schema, gathered from the schema itself and, for `allOf`, from
/// every part: each with the JSON pointer where it is declared.
#[derive(Default, Clone)]
pub(crate) struct ObjectParts<'s> {
    pub(crate) properties: FxIndexMap<String, (String, &'s ReferenceOr<Box<Schema>>)>,
    pub(crate) required: Vec<String>,
    pub(crate) additional: Option<(String, &'s AdditionalProperties)>,
}

impl ObjectParts<'_> {
    /// Adds `names` to the required ones, each once, in order.
    fn require<'n>(&mut self, names: impl IntoIterator<Item = &'n String>) {
        for name in names {
            if !self.required.contains(name) {
                self.required.push(name.clone());
            }
        }
    }
}

/// What a schema becomes.
pub(crate) enum Shape<'s> {
    /// A plain type reference, no new named type.
    Plain,
    /// A string enum with these values (without `null`).
    StringEnum(Vec<String>),
    /// An integer enum with these values (without `null`).
    IntegerEnum(Vec<i64>),
    /// A struct with these properties.
    Object(ObjectParts<'s>),
    /// Stands for exactly one of its `allOf`/`oneOf`/`anyOf` parts.
    Single(&'s ReferenceOr<Schema>, String),
    /// A `oneOf` or `anyOf` of several parts.
    Composite(Composite<'s>),
}

impl<'a> Lowerer<'a> {
    /// The component schema a `$ref` points to, its key and its pointer.
    pub(crate) fn resolve_schema(
        &self,
        reference: &str,
        at: &str,
    ) -> Result<(&'a Schema, String, String)> {
        let doc: &'a openapiv3::OpenAPI = self.doc;
        let components = doc.components.as_ref().map(|c| &c.schemas);
        let (schema, key) = resolve(components, reference, "schemas", at)?;
        let target_at = pointer(&["components", "schemas", &key]);
        Ok((schema, key, target_at))
    }

    /// A schema, with a `$ref` followed.
    pub(crate) fn deref<'s, S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &'s ReferenceOr<S>,
        at: &str,
    ) -> Result<(&'s Schema, String)>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(schema) => Ok((schema.borrow(), at.to_owned())),
            ReferenceOr::Reference { reference } => {
                let (schema, _, target_at) = self.resolve_schema(reference, at)?;
                Ok((schema, target_at))
            }
        }
    }

    /// Whether a value of this schema may be `null`: `nullable: true`, an `enum` listing `null`,
    /// or the same of the schema a `$ref` or a single-part `allOf` points to.
    pub(crate) fn is_nullable<S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
    ) -> bool {
        let mut current = match self.deref(schema, "") {
            Ok((schema, _)) => schema,
            Err(_) => return false,
        };
        for _ in 0..8 {
            if current.schema_data.nullable
                || enum_has_null(current)
                || nullable_part(current)
                || self.nullable_scalar_part(current)
            {
                return true;
            }
            match sole_shaped_part(current) {
                Some(part) => match self.deref(part, "") {
                    Ok((next, _)) => current = next,
                    Err(_) => return false,
                },
                None => return false,
            }
        }
        false
    }

    /// Classifies a schema. Pure: defines no types.
    pub(crate) fn shape<'s>(&self, schema: &'s Schema, at: &str) -> Result<Shape<'s>>
    where
        'a: 's,
    {
        if let Some(values) = string_enum(schema) {
            return Ok(if values.is_empty() {
                Shape::Plain
            } else {
                Shape::StringEnum(values)
            });
        }
        if let Some(values) = integer_enum(schema) {
            return Ok(if values.is_empty() {
                Shape::Plain
            } else {
                Shape::IntegerEnum(values)
            });
        }
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => self.all_of_shape(all_of, None, None, at),
            SchemaKind::OneOf { one_of } => self.one_of_shape(schema, one_of, "oneOf", at),
            SchemaKind::AnyOf { any_of } => self.one_of_shape(schema, any_of, "anyOf", at),
            SchemaKind::Any(any) if !any.all_of.is_empty() => {
                // `required` beside the `allOf`, with no properties of its own (Langfuse's
                // `{type: object, allOf: [{properties: {type: …}}, $ref: Filter], required:
                // [type]}`), makes the parts' properties required.
                let own = own_parts(schema, at).or_else(|| {
                    (!any.required.is_empty()).then(|| ObjectParts {
                        required: any.required.clone(),
                        ..ObjectParts::default()
                    })
                });
                let beside = [("oneOf", &any.one_of), ("anyOf", &any.any_of)]
                    .into_iter()
                    .find(|(_, parts)| !parts.is_empty())
                    .map(|(keyword, parts)| Alternatives {
                        schema,
                        parts,
                        keyword,
                        at: join(at, keyword),
                    });
                self.all_of_shape(&any.all_of, own, beside, at)
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                self.beside_one_of(schema, &any.one_of, "oneOf", at)
            }
            SchemaKind::Any(any) if !any.any_of.is_empty() => {
                self.beside_one_of(schema, &any.any_of, "anyOf", at)
            }
            _ => match own_parts(schema, at) {
                Some(parts) if !parts.properties.is_empty() => Ok(Shape::Object(parts)),
                _ => Ok(Shape::Plain),
            },
        }
    }

    /// The shape of an `allOf`, with `own` the properties declared beside it and `beside` the
    /// `oneOf`/`anyOf` declared beside it. An `allOf` that holds one `oneOf`/`anyOf` (inline or
    /// referred to) beside other parts, or stands beside one, is the merge of its other parts
    /// and each alternative (`allOf: [$ref: Base, {oneOf: [A, B]}]` is `Base`+`A` or
    /// `Base`+`B`), or only the merge when the alternatives only narrow it (see [`refines`]).
    pub(crate) fn all_of_shape<'s>(
        &self,
        parts: &'s [ReferenceOr<Schema>],
        own: Option<ObjectParts<'s>>,
        beside: Option<Alternatives<'s>>,
        at: &str,
    ) -> Result<Shape<'s>>
    where
        'a: 's,
    {
        let all_of_at = join(at, "allOf");
        // A part that only lists `required` names adds no property, but makes the other
        // parts' properties required (Lago's `allOf: [$ref: ChargeInput, {required: [id]}]`).
        let mut own = own;
        for required in parts.iter().filter_map(required_only) {
            own.get_or_insert_with(ObjectParts::default)
                .require(required);
        }
        let mut meaningful: Vec<(String, &'s ReferenceOr<Schema>)> = parts
            .iter()
            .enumerate()
            .filter(|(_, part)| !matches!(part, ReferenceOr::Item(s) if is_annotation_only(s)))
            .map(|(i, part)| (join(&all_of_at, &i.to_string()), part))
            .collect();
        // In a subtype's `allOf`, the union of subtypes it belongs to adds nothing; alone, it
        // is that union (a nullable `allOf: [$ref: Pet]`).
        if meaningful.len() > 1 {
            meaningful.retain(|(_, part)| !self.is_union_of_subtypes(part));
        }
        let mut alternatives = beside;
        if alternatives.is_none() && meaningful.len() > 1 {
            // Written inline or referred to (an alternative holding the same `allOf` again is
            // the type being made: `Lowerer::inline_type`).
            let mut found = meaningful
                .iter()
                .enumerate()
                .filter_map(|(i, (part_at, part))| {
                    self.alternatives_of(part, part_at).map(|found| (i, found))
                });
            if let (Some((index, found)), None) = (found.next(), found.next()) {
                meaningful.remove(index);
                alternatives = Some(found);
            }
        }
        if let Some(alternatives) = alternatives {
            return self.merged_with_alternatives(&meaningful, own, alternatives);
        }
        let own_is_empty = own
            .as_ref()
            .is_none_or(|o| o.properties.is_empty() && o.additional.is_none());
        if own_is_empty {
            match meaningful.as_slice() {
                [] => return Ok(Shape::Plain),
                [(part_at, part)] => {
                    // Required names over one object part make a struct of its own, in which
                    // they are required; over anything else they cannot be said.
                    if own.as_ref().is_some_and(|own| !own.required.is_empty()) {
                        let mut merged = own.clone().unwrap_or_default();
                        if self.collect_object(part, part_at, &mut merged, 0)?
                            && !merged.properties.is_empty()
                        {
                            return Ok(Shape::Object(merged));
                        }
                    }
                    return Ok(Shape::Single(part, part_at.clone()));
                }
                _ => {}
            }
            let parts: Vec<&ReferenceOr<Schema>> = meaningful.iter().map(|(_, p)| *p).collect();
            if let Some(index) = self.same_scalar_part(&parts) {
                let (part_at, part) = &meaningful[index];
                return Ok(Shape::Single(part, part_at.clone()));
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

    /// The shape of `allOf` parts (and `own` properties) merged with `alternatives`.
    fn merged_with_alternatives<'s>(
        &self,
        parts: &[(String, &'s ReferenceOr<Schema>)],
        own: Option<ObjectParts<'s>>,
        alternatives: Alternatives<'s>,
    ) -> Result<Shape<'s>>
    where
        'a: 's,
    {
        let mut merged = own.unwrap_or_default();
        for (part_at, part) in parts {
            if !self.collect_object(part, part_at, &mut merged, 0)? {
                return Ok(Shape::Plain);
            }
        }
        let Alternatives {
            schema,
            parts: alternative_parts,
            keyword,
            at,
        } = alternatives;
        let shape = self.one_of_shape(schema, alternative_parts, keyword, &at)?;
        if merged.properties.is_empty() {
            return Ok(shape);
        }
        if alternative_parts.iter().all(|part| refines(part, &merged)) {
            return Ok(Shape::Object(merged));
        }
        Ok(match shape {
            Shape::Composite(composite) => Shape::Composite(Composite {
                base: Some(merged),
                holder: Some(schema),
                ..composite
            }),
            Shape::Single(part, part_at) => {
                if self.collect_object(part, &part_at, &mut merged, 0)? {
                    Shape::Object(merged)
                } else {
                    Shape::Single(part, part_at)
                }
            }
            // Alternatives that are all scalars (enums) cannot hold properties: they are what
            // the schema describes.
            shape => shape,
        })
    }

    /// Whether `part` refers to a union of subtypes that `allOf` it back (`Pet: {oneOf: [$ref:
    /// Dog, $ref: Cat]}`, `Dog: {allOf: [$ref: Pet, {…}]}`): in a subtype's `allOf` it adds no
    /// property, and reading it as alternatives would make the subtype the union itself.
    fn is_union_of_subtypes(&self, part: &ReferenceOr<Schema>) -> bool {
        let ReferenceOr::Reference { reference } = part else {
            return false;
        };
        let Some(alternatives) = self.alternatives_of(part, "") else {
            return false;
        };
        alternatives.parts.iter().any(|alternative| {
            matches!(self.deref(alternative, ""), Ok((schema, _)) if match &schema.schema_kind {
                SchemaKind::AllOf { all_of } => all_of.as_slice(),
                SchemaKind::Any(any) => any.all_of.as_slice(),
                _ => &[],
            }
            .iter()
            .any(|inner| matches!(inner, ReferenceOr::Reference { reference: r } if r == reference)))
        })
    }

    /// The `oneOf`/`anyOf` that the `allOf` part `part` is, when it is only that (no
    /// properties of its own).
    fn alternatives_of<'s>(
        &self,
        part: &'s ReferenceOr<Schema>,
        at: &str,
    ) -> Option<Alternatives<'s>>
    where
        'a: 's,
    {
        let (schema, at) = self.deref(part, at).ok()?;
        match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => Some((one_of, "oneOf", at)),
            SchemaKind::AnyOf { any_of } => Some((any_of, "anyOf", at)),
            SchemaKind::Any(any)
                if any.properties.is_empty()
                    && any.all_of.is_empty()
                    && any.additional_properties.is_none() =>
            {
                [("oneOf", &any.one_of), ("anyOf", &any.any_of)]
                    .into_iter()
                    .find(|(_, parts)| !parts.is_empty())
                    .map(|(keyword, parts)| (parts, keyword, join(&at, keyword)))
            }
            _ => None,
        }
        .map(|(parts, keyword, at)| Alternatives {
            schema,
            parts,
            keyword,
            at,
        })
    }

    /// The part that stands for an `allOf` whose parts all describe the same scalar type
    /// (string, integer, number or boolean), such as Lob's nullable ids `allOf: [$ref: VrsnId,
    /// {type: string, nullable: true}]`: the first `$ref` (a named type), or else the first part
    /// with a `format`, or else the first. `None` unless every part is such a scalar, and of
    /// one type: nothing is merged, so a value of that type is what each part describes.
    fn same_scalar_part(&self, parts: &[&ReferenceOr<Schema>]) -> Option<usize> {
        let mut kind = None;
        for part in parts {
            let (schema, _) = self.deref(*part, "").ok()?;
            let this = match &schema.schema_kind {
                SchemaKind::Type(Type::String(_)) => 0,
                SchemaKind::Type(Type::Integer(_)) => 1,
                SchemaKind::Type(Type::Number(_)) => 2,
                SchemaKind::Type(Type::Boolean(_)) => 3,
                _ => return None,
            };
            if kind.is_some_and(|kind| kind != this) {
                return None;
            }
            kind = Some(this);
        }
        let formatted = |part: &&ReferenceOr<Schema>| {
            matches!(self.deref(*part, ""), Ok((schema, _)) if match &schema.schema_kind {
                SchemaKind::Type(Type::String(s)) => !s.format.is_empty(),
                SchemaKind::Type(Type::Integer(i)) => !i.format.is_empty(),
                SchemaKind::Type(Type::Number(n)) => !n.format.is_empty(),
                _ => false,
            })
        };
        parts
            .iter()
            .position(|part| matches!(part, ReferenceOr::Reference { .. }))
            .or_else(|| parts.iter().position(formatted))
            .or(Some(0))
    }

    /// Whether `schema` is an `allOf` of parts of one scalar type (see
    /// [`Self::same_scalar_part`]) one of which is nullable: the `null` its author meant to
    /// admit.
    fn nullable_scalar_part(&self, schema: &Schema) -> bool {
        let parts = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) => &any.all_of,
            _ => return false,
        };
        let parts: Vec<&ReferenceOr<Schema>> = parts
            .iter()
            .filter(|part| !matches!(part, ReferenceOr::Item(s) if is_annotation_only(s)))
            .collect();
        parts.len() > 1
            && self.same_scalar_part(&parts).is_some()
            && parts
                .iter()
                .any(|part| matches!(self.deref(*part, ""), Ok((s, _)) if s.schema_data.nullable))
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
        if is_annotation_only(schema) {
            // A part that only lists `required` names (Lago's `allOf: [$ref: ChargeInput,
            // {required: [billable_metric_id, charge_model]}]`) makes the other parts'
            // properties required.
            if let SchemaKind::Any(any) = &schema.schema_kind {
                merged.require(&any.required);
            }
            return Ok(true);
        }
        if !seen.insert(at.clone()) {
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
                    // A property in two parts must satisfy both: one that only annotates
                    // (an `example`, a description) keeps the type the earlier part gives.
                    // (One that also says `nullable` stays any value, null included.)
                    let annotates = matches!(property.1, ReferenceOr::Item(schema)
                        if is_annotation_only(schema) && !schema.schema_data.nullable);
                    if !(annotates && merged.properties.contains_key(&key)) {
                        merged.properties.insert(key, property);
                    }
                }
                merged.require(&parts.required);
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

    /// The shape of a schema with a `oneOf` or `anyOf` (`keyword`) beside what else it says.
    /// Properties declared beside the parts are not lost: when every part only refines them
    /// (names no property of its own, as `oneOf: [{required: [email]}, {required: [phone]}]`
    /// and Xero's parts narrowing an `enum` do), the parts only validate and the schema is
    /// its own object; otherwise each object part is merged with them (see [`Composite::base`]).
    fn beside_one_of<'s>(
        &self,
        schema: &'s Schema,
        parts: &'s [ReferenceOr<Schema>],
        keyword: &'static str,
        at: &str,
    ) -> Result<Shape<'s>>
    where
        'a: 's,
    {
        let alternatives = Alternatives {
            schema,
            parts,
            keyword,
            at: join(at, keyword),
        };
        self.merged_with_alternatives(&[], own_parts(schema, at), alternatives)
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
            _ => Shape::Composite(Composite {
                parts,
                base: None,
                holder: None,
            }),
        })
    }
}

/// Whether a `oneOf`/`anyOf` part only narrows the object `own` its schema declares: an inline
/// object schema (or one without a `type`) naming none but `own`'s properties, with no parts of
/// its own and no schema for other properties (`{required: [email]}`, `{properties: {kind:
/// {enum: [a]}}, additionalProperties: true}`, GitHub's check run bodies).
fn refines(part: &ReferenceOr<Schema>, own: &ObjectParts<'_>) -> bool {
    let ReferenceOr::Item(part) = part else {
        return false;
    };
    let within = |key: &String| own.properties.contains_key(key);
    let untyped = |additional: Option<&AdditionalProperties>| {
        !matches!(additional, Some(AdditionalProperties::Schema(_)))
    };
    match &part.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            object.properties.keys().all(within) && untyped(object.additional_properties.as_ref())
        }
        SchemaKind::Any(any) => {
            any.typ.as_deref().is_none_or(|t| t == "object")
                && any.properties.keys().all(within)
                && untyped(any.additional_properties.as_ref())
                && any.items.is_none()
                && any.one_of.is_empty()
                && any.all_of.is_empty()
                && any.any_of.is_empty()
        }
        _ => false,
    }
}

/// The properties and `additionalProperties` a schema declares itself (not through `allOf`).
pub(crate) fn own_parts<'s>(schema: &'s Schema, at: &str) -> Option<ObjectParts<'s>> {
    let (properties, required, additional) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (
            &object.properties,
            &object.required,
            object.additional_properties.as_ref(),
        ),
        SchemaKind::Any(any)
            if any.typ.as_deref().is_none_or(|t| t == "object")
                && (!any.properties.is_empty() || any.additional_properties.is_some()) =>
        {
            (
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
            )
        }
        _ => return None,
    };
    let properties_at = join(at, "properties");
    Some(ObjectParts {
        properties: properties
            .iter()
            .map(|(key, property)| (key.clone(), (join(&properties_at, key), property)))
            .collect(),
        required: required.clone(),
        additional: additional.map(|a| (join(at, "additionalProperties"), a)),
    })
}

/// The one part of an `allOf`, `oneOf` or `anyOf` with exactly one part.
pub(crate) fn single_part(schema: &Schema) -> Option<&ReferenceOr<Schema>> {
    let parts = match &schema.schema_kind {
        SchemaKind::AllOf { all_of: parts }
        | SchemaKind::OneOf { one_of: parts }
        | SchemaKind::AnyOf { any_of: parts } => parts,
        _ => return None,
    };
    match parts.as_slice() {
        [part] => Some(part),
        _ => None,
    }
}

/// The one part of a composition that says what a value is: its only part, or the only part of
/// an `allOf` that is not [`is_annotation_only`] (`allOf: [{$ref: Window}, {description: …}]`,
/// DigitalOcean's way of describing a reference in place: a value is null there when the
/// referenced schema allows it, since the description allows anything).
fn sole_shaped_part(schema: &Schema) -> Option<&ReferenceOr<Schema>> {
    if let Some(part) = single_part(schema) {
        return Some(part);
    }
    let SchemaKind::AllOf { all_of } = &schema.schema_kind else {
        return None;
    };
    let mut shaped = all_of
        .iter()
        .filter(|part| !matches!(part, ReferenceOr::Item(part) if is_annotation_only(part)));
    match (shaped.next(), shaped.next()) {
        (Some(part), None) => Some(part),
        _ => None,
    }
}

/// Whether an `allOf` has a part that only says `nullable: true` (`allOf: [{nullable: true},
/// {$ref: …}]`, an idiom of published specs for a nullable reference, which servers send
/// `null` for).
fn nullable_part(schema: &Schema) -> bool {
    let parts = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => return false,
    };
    parts.iter().any(|part| {
        matches!(part, ReferenceOr::Item(part) if part.schema_data.nullable && is_annotation_only(part))
    })
}

/// The non-empty `required` list of an `allOf` part that says nothing else (an
/// [`is_annotation_only`] one, written inline).
fn required_only(part: &ReferenceOr<Schema>) -> Option<&Vec<String>> {
    match part {
        ReferenceOr::Item(schema) if is_annotation_only(schema) => match &schema.schema_kind {
            SchemaKind::Any(any) if !any.required.is_empty() => Some(&any.required),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a schema says nothing about the shape of a value: no type, no properties, no parts;
/// only annotations such as `description` or `nullable`.
pub(crate) fn is_annotation_only(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.one_of.is_empty()
                && any.all_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none()
        }
        _ => false,
    }
}
