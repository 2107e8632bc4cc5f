//! Enumerations: their values (without `null`) and the Rust names of their variants.

use openapiv3::{Schema, SchemaKind, Type};

use crate::ir::{EnumVariant, IntegerVariant};
use crate::naming::{self, Scope};

/// The values of a string enum, without `null`.
pub(crate) fn string_enum(schema: &Schema) -> Option<Vec<String>> {
    let values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
            string.enumeration.iter().flatten().cloned().collect()
        }
        SchemaKind::Any(any)
            if !any.enumeration.is_empty()
                && any.typ.as_deref().is_none_or(|t| t == "string")
                && any.enumeration.iter().any(|v| v.is_string())
                && any.enumeration.iter().all(|v| v.is_string() || v.is_null()) =>
        {
            any.enumeration
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        }
        // `type: string` with values YAML read as booleans or numbers (Stack Exchange's
        // `enum: [true, false]`): the strings they are written as, not a plain string.
        SchemaKind::Any(any)
            if any.typ.as_deref() == Some("string")
                && !any.enumeration.is_empty()
                && any
                    .enumeration
                    .iter()
                    .all(|v| v.is_string() || v.is_boolean() || v.is_number() || v.is_null()) =>
        {
            any.enumeration
                .iter()
                .filter_map(|v| match v {
                    serde_json::Value::String(text) => Some(text.clone()),
                    serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
                        Some(v.to_string())
                    }
                    _ => None,
                })
                .collect()
        }
        _ => return None,
    };
    // The first of each value, in order (Stripe's enums run to hundreds of values).
    let mut seen =
        rustc_hash::FxHashSet::with_capacity_and_hasher(values.len(), Default::default());
    let first: Vec<bool> = values.iter().map(|v| seen.insert(v.as_str())).collect();
    drop(seen);
    Some(
        values
            .into_iter()
            .zip(first)
            .filter_map(|(value, first)| first.then_some(value))
            .collect(),
    )
}

/// The values of an integer enum, without `null`.
pub(crate) fn integer_enum(schema: &Schema) -> Option<Vec<i64>> {
    let values: Vec<i64> = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(int)) if !int.enumeration.is_empty() => {
            int.enumeration.iter().flatten().copied().collect()
        }
        SchemaKind::Any(any)
            if !any.enumeration.is_empty()
                && any.typ.as_deref().is_none_or(|t| t == "integer")
                && any.enumeration.iter().any(|v| v.is_i64())
                && any.enumeration.iter().all(|v| v.is_i64() || v.is_null()) =>
        {
            any.enumeration.iter().filter_map(|v| v.as_i64()).collect()
        }
        _ => return None,
    };
    let mut unique: Vec<i64> = Vec::new();
    for value in values {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    Some(unique)
}

pub(crate) fn enum_has_null(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Integer(int)) => int.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Number(number)) => number.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Boolean(boolean)) => boolean.enumeration.iter().any(Option::is_none),
        SchemaKind::Any(any) => any.enumeration.iter().any(serde_json::Value::is_null),
        _ => false,
    }
}

pub(crate) fn enum_variants(values: &[String]) -> Vec<EnumVariant> {
    let mut scope = Scope::with_reserved(&["Unknown"]);
    values
        .iter()
        .map(|value| EnumVariant {
            name: scope.claim(naming::variant_name(&enum_words(value), "Value")),
            wire_value: value.clone(),
        })
        .collect()
}

/// Spells out the signs that would otherwise vanish from a variant name, so `+1` and `-1` (or
/// `""` and `" "`) stay readable and distinct.
fn enum_words(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_owned();
    }
    // Only a leading sign is spelled out; the rest is copied whole.
    let (sign, rest) = match value.as_bytes().first() {
        Some(b'+') => ("Plus ", &value[1..]),
        Some(b'-') => ("Minus ", &value[1..]),
        _ => ("", value),
    };
    let mut out = String::with_capacity(sign.len() + rest.len());
    out.push_str(sign);
    out.push_str(rest);
    out
}

pub(crate) fn integer_variants(values: &[i64]) -> Vec<IntegerVariant> {
    let mut scope = Scope::with_reserved(&["Unknown"]);
    values
        .iter()
        .map(|value| IntegerVariant {
            name: scope.claim(naming::variant_name(
                &enum_words(&value.to_string()),
                "Value",
            )),
            value: *value,
        })
        .collect()
}
