//! What 3.0 cannot type: tuples, `unevaluatedProperties` and `patternProperties`, conditional
//! subschemas and `$dynamicRef`; each keeps what it can and warns about the rest.

use serde_json::{Map, Value, json};

use super::keywords::VALIDATION_ONLY;
use crate::error::join;
use crate::load::TUPLE_EXTENSION;
use crate::load::v31::cx::Cx;

/// Tuples (`prefixItems`, or a list under `items`) have no 3.0 form. One whose places all have
/// the same schema, and that holds nothing else (no more items than its places, or more of the
/// same schema), is an array of that schema: `[number, number]` coordinates are `Vec<f64>`.
/// One that holds exactly one item per place (Pydantic's `tuple[int, str]`: `minItems` and
/// `maxItems` its length) keeps its places under [`TUPLE_EXTENSION`], for `lower` to make a
/// Rust tuple. Otherwise the array's items are any JSON value, with a warning.
/// `unevaluatedItems` without `items` types the items.
pub(super) fn tuples(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    let (places, key) = match map.get("prefixItems") {
        Some(Value::Array(places)) => (Some(places.clone()), "prefixItems"),
        _ => match map.get("items") {
            Some(Value::Array(places)) => (Some(places.clone()), "items"),
            _ => (None, "prefixItems"),
        },
    };
    if let Some(places) = places {
        if let Some(first) = uniform(map, &places, key) {
            let origin = cx.origin_of(&join(&join(at, key), "0"));
            replace_items(map, "items", first);
            cx.moved(join(at, "items"), origin);
            return;
        }
        if exact(map, &places, key) {
            let origin = cx.origin_of(&join(at, key));
            replace_items(map, TUPLE_EXTENSION, Value::Array(places));
            cx.moved(join(at, TUPLE_EXTENSION), origin);
            return;
        }
    }
    let prefix = map.shift_remove("prefixItems").is_some();
    if prefix || matches!(map.get("items"), Some(Value::Array(_))) {
        map.shift_remove("items");
        map.shift_remove("unevaluatedItems");
        map.shift_remove("additionalItems");
        cx.warn(
            at,
            "a tuple (`prefixItems`) whose length is not fixed (`minItems` and `maxItems` its \
             number of places) has no Rust form: its items are typed as any JSON value \
             (`serde_json::Value`)",
        );
        return;
    }
    if let Some(rest) = map.shift_remove("unevaluatedItems") {
        if rest.is_object() && !map.contains_key("items") {
            let origin = cx.origin_of(&join(at, "unevaluatedItems"));
            cx.moved(join(at, "items"), origin);
            map.insert("items".to_owned(), rest);
        }
    }
}

/// The tuple's keywords replaced by `key` holding `value`.
fn replace_items(map: &mut Map<String, Value>, key: &str, value: Value) {
    for gone in [
        "prefixItems",
        "items",
        "unevaluatedItems",
        "additionalItems",
    ] {
        map.shift_remove(gone);
    }
    map.insert(key.to_owned(), value);
}

/// What may follow a tuple's places (under `key`): `items` after `prefixItems`, else the older
/// `additionalItems`, else `unevaluatedItems`.
fn rest<'m>(map: &'m Map<String, Value>, key: &str) -> Option<&'m Value> {
    if key == "prefixItems" {
        map.get("items")
    } else {
        map.get("additionalItems")
    }
    .or_else(|| map.get("unevaluatedItems"))
}

/// The one schema of a tuple's `places` (under `key`) when every place has it and the array
/// can hold nothing else: no more items than places (`maxItems`), none allowed after them
/// (`false`), or more of the same schema.
fn uniform(map: &Map<String, Value>, places: &[Value], key: &str) -> Option<Value> {
    let first = places.first()?;
    if !places.iter().all(|place| place == first) {
        return None;
    }
    let rest = rest(map, key);
    let bounded = map
        .get("maxItems")
        .and_then(Value::as_u64)
        .is_some_and(|max| usize::try_from(max).is_ok_and(|max| max <= places.len()));
    let closed = match rest {
        Some(Value::Bool(false)) => true,
        Some(rest) => rest == first,
        None => false,
    };
    (bounded || closed).then(|| first.clone())
}

/// Whether an array of `places` (under `key`) holds exactly one item per place: at least as
/// many items as places (`minItems`), and no more (`maxItems`, or none allowed after them).
fn exact(map: &Map<String, Value>, places: &[Value], key: &str) -> bool {
    let count = |name: &str| {
        map.get(name)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    !places.is_empty()
        && count("minItems").is_some_and(|min| min >= places.len())
        && (count("maxItems").is_some_and(|max| max <= places.len())
            || rest(map, key) == Some(&Value::Bool(false)))
}

/// `unevaluatedProperties` and `patternProperties` → `additionalProperties` where that keeps
/// the values' type: a schema for the properties not listed is the map's value type; patterns
/// that all give the same schema (and no other extra property allowed, or the same schema for
/// them) give it; patterns with different schemas, or a pattern beside another schema for extra
/// properties, make the extra values any JSON value, with a warning.
pub(super) fn objects(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    if let Some(rest) = map.shift_remove("unevaluatedProperties") {
        if rest.is_object() && !map.contains_key("additionalProperties") {
            let origin = cx.origin_of(&join(at, "unevaluatedProperties"));
            cx.moved(join(at, "additionalProperties"), origin);
            map.insert("additionalProperties".to_owned(), rest);
        }
    }
    let Some(Value::Object(patterns)) = map.shift_remove("patternProperties") else {
        return;
    };
    let Some((pattern, value)) = patterns.iter().next() else {
        return;
    };
    let additional = map.get("additionalProperties");
    let no_other = matches!(additional, None | Some(Value::Bool(false)));
    let one_schema = patterns.values().all(|other| other == value);
    if one_schema && no_other {
        let origin = cx.origin_of(&join(&join(at, "patternProperties"), pattern));
        cx.moved(join(at, "additionalProperties"), origin);
        map.insert("additionalProperties".to_owned(), value.clone());
    } else if !(one_schema && additional == Some(value)) {
        map.insert("additionalProperties".to_owned(), json!({}));
        cx.warn(
            at,
            "`patternProperties` whose patterns (or `additionalProperties` beside them) give \
             different schemas cannot be typed as one map: the properties not listed are \
             typed as any JSON value (`serde_json::Value`)",
        );
    }
}

/// Conditional subschemas and other validation-only keywords are dropped; when a conditional
/// declares properties (which would be fields), a warning says they are left out.
pub(super) fn conditionals(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    fn declares_properties(value: &Value) -> bool {
        value
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|properties| !properties.is_empty())
    }
    let mut declared = false;
    for key in ["if", "then", "else"] {
        if let Some(branch) = map.shift_remove(key) {
            declared |= key != "if" && declares_properties(&branch);
        }
    }
    if let Some(Value::Object(dependent)) = map.shift_remove("dependentSchemas") {
        declared |= dependent.values().any(declares_properties);
    }
    for key in VALIDATION_ONLY {
        map.shift_remove(key);
    }
    if declared {
        cx.warn(
            at,
            "conditional subschemas (`then`/`else`, `dependentSchemas`) have no OpenAPI 3.0 \
             form: the properties they declare are not fields of the type",
        );
    }
    if map.shift_remove("$dynamicRef").is_some() {
        cx.warn(
            at,
            "`$dynamicRef` is not followed: the value is typed by the rest of the schema (any \
             JSON value when nothing else is said)",
        );
    }
}
