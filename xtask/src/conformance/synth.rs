//! Argument synthesis: a JSON value for a schema of the spec, valid against it where that is
//! easy (`example` > `default` > `enum` > a format-aware value honouring the bounds).
//!
//! It reads the document as plain JSON (the typed `openapiv3` document serialized back), so
//! every keyword the generator does not model is still there.

use serde_json::{Map, Value, json};

/// How deep nested objects get their optional properties; below it only required ones.
const OPTIONAL_DEPTH: usize = 3;
/// How deep synthesis goes at all; a cycle of required properties stops here.
const MAX_DEPTH: usize = 12;

/// The document as JSON, with `$ref` resolution.
pub struct Doc {
    root: Value,
    /// Whether synthesis takes a schema's `example` (it does not when an example has already
    /// failed to build the argument).
    examples: std::cell::Cell<bool>,
    /// The base schemas (by address) whose discriminator `mapping` is being expanded: a
    /// subtype that `allOf`s its base reads the base's properties, not its subtypes again.
    expanding: std::cell::RefCell<Vec<usize>>,
}

impl Doc {
    /// Wraps a document.
    pub fn new(root: Value) -> Self {
        Self {
            root,
            examples: std::cell::Cell::new(true),
            expanding: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The node at a JSON pointer.
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        self.root.pointer(pointer)
    }

    /// Follows `$ref`s (local ones) until a node that is not a reference.
    pub fn resolve<'a>(&'a self, mut node: &'a Value) -> &'a Value {
        for _ in 0..32 {
            let Some(target) = node.get("$ref").and_then(Value::as_str) else {
                return node;
            };
            match target.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                Some(next) => node = next,
                None => return node,
            }
        }
        node
    }

    /// A value for `schema`, for a request (read-only properties are left out).
    pub fn value(&self, schema: &Value) -> Value {
        self.synth(schema, 0)
    }

    /// A value for `schema` made from the schema alone, every `example` in it ignored: the
    /// fallback when the spec's example cannot build the argument.
    pub fn value_without_examples(&self, schema: &Value) -> Value {
        self.without_examples(|| self.synth(schema, 0))
    }

    /// What `make` synthesises with every `example` ignored.
    pub fn without_examples<T>(&self, make: impl FnOnce() -> T) -> T {
        let before = self.examples.replace(false);
        let made = make();
        self.examples.set(before);
        made
    }

    /// Removes from `value` the object properties `schema` does not declare, where it declares
    /// `properties` and allows no others (no `additionalProperties`, or `false`), and those
    /// it declares `readOnly` and does not require (a request leaves them out; Linode's
    /// examples carry the `id`s the server assigns), recursively through declared properties
    /// and array items. `allOf` parts count as declarations; `oneOf`/`anyOf` leave the value
    /// as it is.
    pub fn drop_undeclared(&self, schema: &Value, value: &mut Value) {
        let schema = self.resolve(schema);
        if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            return;
        }
        match value {
            Value::Array(items) => {
                if let Some(item) = schema.get("items") {
                    for value in items {
                        self.drop_undeclared(item, value);
                    }
                }
            }
            Value::Object(map) => {
                let mut declared: Map<String, Value> = Map::new();
                let mut read_only: Vec<String> = Vec::new();
                let flat = self.flattened(schema);
                let required = required_names(&flat);
                let mut open = false;
                for part in &flat {
                    if let Some(props) = part.get("properties").and_then(Value::as_object) {
                        declared.extend(props.clone());
                        read_only.extend(
                            (props.iter())
                                .filter(|(_, p)| self.read_only(p))
                                .map(|(name, _)| name.clone()),
                        );
                    }
                    open |= part
                        .get("additionalProperties")
                        .is_some_and(|a| a != &Value::Bool(false));
                    open |= part.get("oneOf").is_some() || part.get("anyOf").is_some();
                }
                map.retain(|key, _| !read_only.contains(key) || required.contains(&key.as_str()));
                if declared.is_empty() || open {
                    return;
                }
                map.retain(|key, _| declared.contains_key(key));
                for (key, inner) in map.iter_mut() {
                    if let Some(property) = declared.get(key) {
                        self.drop_undeclared(property, inner);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether `schema` (resolved) is declared `readOnly`.
    fn read_only(&self, schema: &Value) -> bool {
        self.resolve(schema).get("readOnly") == Some(&Value::Bool(true))
    }

    /// `schema` (resolved) and every part of its `allOf`, and of theirs, resolved: what an
    /// object of it declares and requires, whatever the nesting.
    fn flattened<'v>(&'v self, schema: &'v Value) -> Vec<&'v Value> {
        let mut out = Vec::new();
        let mut stack = vec![(self.resolve(schema), 0)];
        while let Some((part, depth)) = stack.pop() {
            out.push(part);
            if depth < MAX_DEPTH
                && let Some(parts) = part.get("allOf").and_then(Value::as_array)
            {
                stack.extend(parts.iter().rev().map(|p| (self.resolve(p), depth + 1)));
            }
        }
        out
    }

    /// Whether `value` is valid against `schema` with nothing left to a catch-all: every
    /// `enum` lists it, an alternative of every `oneOf`/`anyOf` takes it (one that takes any
    /// string does not count beside alternatives with an `enum`: that is how specs write an
    /// open enum), and its types, properties and items match. A value that is not `known` may
    /// rightly decode to an `Unknown` variant; one that is should not.
    pub fn known(&self, schema: &Value, value: &Value) -> bool {
        self.known_at(schema, value, 0)
    }

    fn known_at(&self, schema: &Value, value: &Value, depth: usize) -> bool {
        if depth > MAX_DEPTH * 4 {
            return true;
        }
        let schema = self.resolve(schema);
        let Some(map) = schema.as_object() else {
            return true;
        };
        if value.is_null() && map.get("nullable") == Some(&Value::Bool(true)) {
            return true;
        }
        if let Some(values) = map.get("enum").and_then(Value::as_array)
            && !values.iter().any(|v| same_json(v, value))
        {
            return false;
        }
        // A discriminator's value must name a schema, by its `mapping` or by the schema's own
        // name: any other tag is one the client cannot know (Swagger 2.0's `discriminator`
        // over a string property, Prism's made-up tags). Without the tag no schema is chosen:
        // OpenAPI 3.0.4 and 3.1.1 leave "the behavior when the property is absent" undefined,
        // so a catch-all is a fair reading (flinkster's `GeoJsonObject`, which Prism makes up
        // without its optional `type`).
        if let Some(property) = map
            .get("discriminator")
            .and_then(|d| d.get("propertyName").or(Some(d)))
            .and_then(Value::as_str)
        {
            let Some(tag) = value.get(property).and_then(Value::as_str) else {
                return false;
            };
            let mapped = map
                .get("discriminator")
                .and_then(|d| d.get("mapping"))
                .and_then(Value::as_object)
                .is_some_and(|m| m.contains_key(tag));
            let escaped = tag.replace('~', "~0").replace('/', "~1");
            let named = ["/components/schemas/", "/definitions/"]
                .iter()
                .any(|place| self.root.pointer(&format!("{place}{escaped}")).is_some());
            if !mapped && !named {
                return false;
            }
        }
        if let Some(parts) = map.get("allOf").and_then(Value::as_array)
            && !parts.iter().all(|p| self.known_at(p, value, depth + 1))
        {
            return false;
        }
        for key in ["oneOf", "anyOf"] {
            let Some(alternatives) = map.get(key).and_then(Value::as_array) else {
                continue;
            };
            let resolved: Vec<&Value> = alternatives.iter().map(|a| self.resolve(a)).collect();
            let open_enum = resolved.iter().any(|a| a.get("enum").is_some());
            let any_string = |a: &Value| {
                a.get("type") == Some(&Value::String("string".into()))
                    && ["enum", "format", "pattern"]
                        .iter()
                        .all(|k| a.get(*k).is_none())
            };
            if !resolved
                .iter()
                .filter(|a| !(open_enum && any_string(a)))
                .any(|a| self.known_at(a, value, depth + 1))
            {
                return false;
            }
        }
        let typed = match map.get("type").and_then(Value::as_str) {
            Some("object") => value.is_object(),
            Some("array") => value.is_array(),
            Some("string") => value.is_string(),
            Some("boolean") => value.is_boolean(),
            Some("number") => value.is_number(),
            Some("integer") => {
                value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0)
            }
            _ => true,
        };
        if !typed {
            return false;
        }
        match value {
            Value::Object(fields) => {
                let properties = map.get("properties").and_then(Value::as_object);
                let required = map.get("required").and_then(Value::as_array);
                if required
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .any(|name| !fields.contains_key(name))
                {
                    return false;
                }
                fields.iter().all(|(name, field)| {
                    match (
                        properties.and_then(|p| p.get(name)),
                        map.get("additionalProperties"),
                    ) {
                        (Some(property), _) => self.known_at(property, field, depth + 1),
                        (None, Some(Value::Bool(false))) => false,
                        (None, Some(extra)) if extra.is_object() => {
                            self.known_at(extra, field, depth + 1)
                        }
                        (None, _) => true,
                    }
                })
            }
            Value::Array(items) => map
                .get("items")
                .is_none_or(|item| items.iter().all(|v| self.known_at(item, v, depth + 1))),
            _ => true,
        }
    }

    /// How many alternatives `schema`'s top-level `oneOf` or `anyOf` has (0 without one).
    pub fn alternatives(&self, schema: &Value) -> usize {
        let schema = self.resolve(schema);
        ["oneOf", "anyOf"]
            .iter()
            .find_map(|k| schema.get(*k).and_then(Value::as_array))
            .map_or(0, Vec::len)
    }

    /// A value for alternative `index` of `schema`'s top-level `oneOf` or `anyOf`.
    pub fn alternative(&self, schema: &Value, index: usize) -> Value {
        let resolved = self.resolve(schema);
        let chosen = ["oneOf", "anyOf"]
            .iter()
            .find_map(|k| resolved.get(*k).and_then(Value::as_array))
            .and_then(|a| a.get(index));
        match chosen {
            Some(chosen) => {
                let mut value = self.synth(&self.with_siblings(resolved, chosen), 1);
                self.set_discriminator(resolved, chosen, &mut value);
                value
            }
            None => self.value(schema),
        }
    }

    /// Alternative `chosen` of `schema`'s `oneOf`/`anyOf` read together with the keywords
    /// beside the `oneOf`/`anyOf`, which apply to the value too: an alternative that only
    /// constrains (`{required: [location]}`) takes its type and properties from them, and its
    /// `required` adds to theirs. Without such keywords it is the alternative itself.
    fn with_siblings(&self, schema: &Value, chosen: &Value) -> Value {
        let Some(siblings) = schema.as_object() else {
            return chosen.clone();
        };
        let mut merged: Map<String, Value> = siblings
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "oneOf" | "anyOf" | "discriminator" | "example" | "examples" | "default"
                )
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let informative = merged.keys().any(|k| {
            matches!(
                k.as_str(),
                "type" | "properties" | "items" | "allOf" | "additionalProperties"
            )
        });
        if !informative {
            return chosen.clone();
        }
        let Some(alternative) = self.resolve(chosen).as_object() else {
            return chosen.clone();
        };
        for (key, value) in alternative {
            match (key.as_str(), merged.get_mut(key), value) {
                ("properties", Some(Value::Object(mine)), Value::Object(theirs)) => {
                    mine.extend(theirs.clone());
                }
                ("required", Some(Value::Array(mine)), Value::Array(theirs)) => {
                    for name in theirs {
                        if !mine.contains(name) {
                            mine.push(name.clone());
                        }
                    }
                }
                _ => {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
        // Properties only the other alternatives require are left out, so that the value
        // matches this alternative alone (a `oneOf` of `required` lists).
        let own: Vec<&Value> = alternative
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().collect())
            .unwrap_or_default();
        let others: Vec<Value> = ["oneOf", "anyOf"]
            .iter()
            .filter_map(|k| siblings.get(*k).and_then(Value::as_array))
            .flatten()
            .filter(|a| *a != chosen)
            .filter_map(|a| self.resolve(a).get("required").and_then(Value::as_array))
            .flatten()
            .filter(|name| !own.contains(name))
            .cloned()
            .collect();
        if let Some(Value::Object(properties)) = merged.get_mut("properties") {
            for name in others.iter().filter_map(Value::as_str) {
                properties.remove(name);
            }
        }
        Value::Object(merged)
    }

    fn synth(&self, schema: &Value, depth: usize) -> Value {
        let schema = self.resolve(schema);
        if self.examples.get()
            && let Some(example) = schema.get("example")
        {
            // A property's example is a value as the server shows it: what a request may not
            // send (read-only, undeclared properties) is left out, as from a body's example.
            let mut example = example.clone();
            self.drop_undeclared(schema, &mut example);
            return example;
        }
        // A default its own schema refuses (OpenAI's string enum `TranscriptionInclude` with
        // `default: []`) is the spec's slip: the value is made from the schema instead.
        if let Some(default) = schema.get("default")
            && self.known(schema, default)
        {
            return default.clone();
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array)
            && let Some(first) = values.iter().find(|v| !v.is_null()).or(values.first())
        {
            return first.clone();
        }
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        if let Some(value) = self.first_subtype(schema, depth) {
            return value;
        }
        // A part that says nothing of the value's type (`{description: …}`, bounds only)
        // would only add a made-up `"string"`.
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array)
            && (parts.iter().any(|p| shapes(self.resolve(p))) || schema.get("properties").is_some())
        {
            let mut merged = Map::new();
            let mut other: Option<(bool, Value)> = None;
            // The schema and its parts, nested `allOf`s flattened (PagerDuty's `Reference` is
            // `allOf: [Tag/allOf/0, {required: [type, id]}]`, itself a part of others).
            let flat = self.flattened(schema);
            // A property several declarations give (a part refining another's, or the schema
            // beside its parts: Linode's `rules: {properties: {inbound: {required: […]}}}`
            // beside a part whose `inbound` is an array) is made from all of them at once, as
            // an `allOf`, so a refinement that says nothing of the type leaves it as it is.
            let declarations = |name: &str| -> Vec<Value> {
                (flat.iter())
                    .filter_map(|part| part.get("properties")?.get(name))
                    .cloned()
                    .collect()
            };
            let made = |name: &str, value: Value| match declarations(name) {
                all if all.len() > 1 => self.synth(&json!({ "allOf": all }), depth + 1),
                _ => value,
            };
            for part in parts.iter().filter(|p| shapes(self.resolve(p))) {
                match self.synth(part, depth + 1) {
                    Value::Object(fields) => merged.extend(fields),
                    // A scalar part: one that fixes its values (`enum`, `const`) says more
                    // than one that only types them.
                    value => {
                        let fixed = ["enum", "const"]
                            .iter()
                            .any(|key| self.resolve(part).get(*key).is_some());
                        if other
                            .as_ref()
                            .is_none_or(|(was_fixed, _)| fixed && !was_fixed)
                        {
                            other = Some((fixed, value));
                        }
                    }
                }
            }
            // Properties beside the `allOf` belong to the value too.
            if schema.get("properties").is_some()
                && let Value::Object(own) = self.object(schema, depth)
            {
                merged.extend(own);
            }
            // `required` beside the parts, or in a part that says nothing else (Lago's
            // `{required: [billable_metric_id]}`), requires a property another part declares.
            let required = required_names(&flat);
            for &name in &required {
                if !merged.contains_key(name)
                    && let Some(property) = self.property_in(parts, name, 0)
                {
                    let value = self.synth(property, depth + 1);
                    merged.insert(name.to_owned(), value);
                }
            }
            // Whatever part gave a property's value first, one several parts declare is made
            // from all of them (a nested part may type it, an outer one narrow it to an enum).
            for (name, value) in &mut merged {
                *value = made(name, std::mem::take(value));
            }
            // A part may mark another part's property `readOnly` (Linode's `PUT /volumes/{id}`:
            // `allOf: [Volume, {properties: {size: {readOnly: true}}}]`): a request leaves it
            // out, as it does a property declared read-only where it is declared.
            merged.retain(|name, _| {
                required.contains(&name.as_str())
                    || !declarations(name)
                        .iter()
                        .any(|property| self.read_only(property))
            });
            let other = other.map(|(_, value)| value);
            return match other {
                Some(value) if merged.is_empty() => value,
                _ => Value::Object(merged),
            };
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(first) = schema
                .get(key)
                .and_then(Value::as_array)
                .and_then(|a| a.first())
            {
                let mut value = self.synth(&self.with_siblings(schema, first), depth + 1);
                self.set_discriminator(schema, first, &mut value);
                return value;
            }
        }
        let ty = schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_else(|| {
                if schema.get("properties").is_some() {
                    "object"
                } else if schema.get("items").is_some() {
                    "array"
                } else {
                    ""
                }
            });
        match ty {
            "string" => string(schema),
            "integer" => {
                let n = bounded(schema, 1.0).floor();
                json!(n as i64)
            }
            "number" => json!(bounded(schema, 1.5)),
            "boolean" => json!(true),
            // A tuple: one item per place (loading keeps a 3.1 tuple's places under its own
            // extension).
            "array" if tuple_places(schema).is_some() => Value::Array(
                tuple_places(schema)
                    .unwrap_or_default()
                    .iter()
                    .map(|p| self.synth(p, depth + 1))
                    .collect(),
            ),
            "array" => {
                // Two items where allowed: one item of an exploded form array is
                // indistinguishable from a scalar on the wire, and Prism reads it as one.
                let max = schema.get("maxItems").and_then(Value::as_u64).unwrap_or(2);
                let count = schema
                    .get("minItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(2)
                    .max(2)
                    .min(max.max(1));
                let item = schema
                    .get("items")
                    .map_or(json!("string"), |i| self.synth(i, depth + 1));
                let count = usize::try_from(count).unwrap_or(1);
                let items = if schema.get("uniqueItems") == Some(&json!(true)) {
                    // Distinct numbers, or numeric strings (Discord's snowflake IDs, whose
                    // `minItems` is 2); anything else once.
                    let distinct: Option<Vec<Value>> =
                        (0..count).map(|i| successor(&item, i)).collect();
                    distinct.unwrap_or_else(|| vec![item])
                } else {
                    vec![item; count]
                };
                Value::Array(items)
            }
            "object" => self.object(schema, depth),
            _ if schema.get("nullable") == Some(&json!(true)) => Value::Null,
            _ => json!("string"),
        }
    }

    /// The schema of the property `name` as one of `parts` (or their own `allOf` parts)
    /// declares it.
    fn property_in<'v>(
        &'v self,
        parts: &'v [Value],
        name: &str,
        depth: usize,
    ) -> Option<&'v Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        parts.iter().map(|p| self.resolve(p)).find_map(|part| {
            part.get("properties")
                .and_then(|properties| properties.get(name))
                .or_else(|| {
                    let nested = part.get("allOf").and_then(Value::as_array)?;
                    self.property_in(nested, name, depth + 1)
                })
        })
    }

    fn object(&self, schema: &Value, depth: usize) -> Value {
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = Map::new();
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                let is_required = required.contains(&name.as_str());
                let resolved = self.resolve(property);
                if self.read_only(resolved) && !is_required {
                    continue;
                }
                if !is_required && depth >= OPTIONAL_DEPTH {
                    continue;
                }
                out.insert(name.clone(), self.synth(property, depth + 1));
            }
        }
        let min = schema
            .get("minProperties")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        if (out.len() as u64) < min
            && let Some(extra) = schema.get("additionalProperties")
            && extra.is_object()
        {
            for i in 0..min {
                out.insert(format!("key{i}"), self.synth(extra, depth + 1));
            }
        }
        Value::Object(out)
    }

    /// A base schema whose `discriminator` maps tags to subtypes, with no `oneOf`/`anyOf` to
    /// choose from (inheritance, as Okta's token requests write it): its first subtype's value,
    /// tagged. The generated client reads such a base as a union of the mapped subtypes, so the
    /// base's own properties alone would build no argument.
    fn first_subtype(&self, schema: &Value, depth: usize) -> Option<Value> {
        if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            return None;
        }
        let (tag, target) = schema
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)?
            .iter()
            .next()?;
        let target = target.as_str()?;
        let address = std::ptr::from_ref(schema) as usize;
        if self.expanding.borrow().contains(&address) {
            return None;
        }
        // A mapping value is a reference or, loosely, a bare schema name.
        let reference = if target.contains('#') {
            target.to_owned()
        } else {
            format!("#/components/schemas/{target}")
        };
        self.expanding.borrow_mut().push(address);
        let mut value = self.synth(&json!({ "$ref": reference }), depth + 1);
        self.expanding.borrow_mut().pop();
        let property = schema
            .pointer("/discriminator/propertyName")
            .and_then(Value::as_str)?;
        if let Value::Object(fields) = &mut value {
            fields.insert(property.to_owned(), Value::String(tag.clone()));
        }
        Some(value)
    }

    /// With a `discriminator`, writes the tag the chosen alternative is mapped to.
    fn set_discriminator(&self, schema: &Value, chosen: &Value, value: &mut Value) {
        let Some(property) = schema
            .pointer("/discriminator/propertyName")
            .and_then(Value::as_str)
        else {
            return;
        };
        let Value::Object(fields) = value else { return };
        let target = chosen.get("$ref").and_then(Value::as_str).unwrap_or("");
        let mapped = schema
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)
            .and_then(|m| {
                // A mapping value is a reference or, loosely, a bare schema name.
                let name = target.rsplit('/').next().unwrap_or(target);
                m.iter()
                    .find(|(_, v)| v.as_str() == Some(target) || v.as_str() == Some(name))
                    .map(|(k, _)| k.clone())
            });
        // Unmapped, the alternative's own `enum`/`const` for the property is its tag (as the
        // generated client reads it, and as servers such as OpenAI's send it); the schema's
        // name only when the alternative does not constrain the property.
        let declared = || {
            let property = self.property_in(std::slice::from_ref(chosen), property, 0)?;
            let property = self.resolve(property);
            property
                .get("const")
                .or_else(|| property.get("enum").and_then(|e| e.get(0)))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let tag = mapped
            .or_else(declared)
            .or_else(|| target.rsplit('/').next().map(str::to_owned));
        if let Some(tag) = tag.filter(|t| !t.is_empty()) {
            fields.insert(property.to_owned(), Value::String(tag));
        }
    }
}

/// JSON equality, numbers compared as numbers (`1` and `1.0` are one number).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Whether a schema says anything of what kind of value it is: a type, properties, items,
/// an enum, an example or default, a composition or a reference (already resolved).
fn shapes(schema: &Value) -> bool {
    schema.as_object().is_some_and(|map| {
        map.keys().any(|k| {
            matches!(
                k.as_str(),
                "type"
                    | "properties"
                    | "items"
                    | "additionalProperties"
                    | "enum"
                    | "example"
                    | "default"
                    | "format"
                    | "allOf"
                    | "oneOf"
                    | "anyOf"
                    | "$ref"
            )
        })
    })
}

/// A number within `minimum`/`maximum` (exclusive bounds honoured) and a `multipleOf`.
fn bounded(schema: &Value, preferred: f64) -> f64 {
    let min = schema.get("minimum").and_then(Value::as_f64);
    let max = schema.get("maximum").and_then(Value::as_f64);
    let exclusive_min = schema.get("exclusiveMinimum") == Some(&json!(true));
    let exclusive_max = schema.get("exclusiveMaximum") == Some(&json!(true));
    let mut n = preferred;
    if let Some(min) = min
        && (n < min || (exclusive_min && n <= min))
    {
        n = if exclusive_min { min + 1.0 } else { min };
    }
    if let Some(max) = max
        && (n > max || (exclusive_max && n >= max))
    {
        n = if exclusive_max { max - 1.0 } else { max };
    }
    if let Some(step) = schema.get("multipleOf").and_then(Value::as_f64)
        && step > 0.0
    {
        n = (n / step).ceil() * step;
    }
    n
}

/// A tuple's places: its `prefixItems`, or where loading keeps them.
fn tuple_places(schema: &Value) -> Option<&[Value]> {
    ["prefixItems", "x-opengen-tuple"]
        .iter()
        .find_map(|key| schema.get(*key).and_then(Value::as_array))
        .map(Vec::as_slice)
}

/// The `i`-th of distinct values like `item`: an integer or a string of digits counted up from
/// it; `None` for anything else.
fn successor(item: &Value, i: usize) -> Option<Value> {
    let step = u64::try_from(i).ok()?;
    match item {
        Value::Number(n) => n.as_u64()?.checked_add(step).map(|n| json!(n)),
        Value::String(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            let n = text.parse::<u64>().ok()?.checked_add(step)?;
            Some(json!(n.to_string()))
        }
        _ => (i == 0).then(|| item.clone()),
    }
}

/// A string of the schema's format, padded or cut to its length bounds.
fn string(schema: &Value) -> Value {
    if let Some(text) = schema
        .get("pattern")
        .and_then(Value::as_str)
        .and_then(from_pattern)
    {
        return json!(text);
    }
    let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
    // A known format's value stands as it is (but for a password's or a file's, which the
    // lengths still shape); a format the harness does not know (Linode's `digits`) says
    // nothing it could honour.
    let known = match format {
        "date-time" => Some("2024-01-02T03:04:05Z"),
        "date" => Some("2024-01-02"),
        "time" => Some("03:04:05"),
        "uuid" => Some("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        "email" | "idn-email" => Some("user@example.com"),
        "uri" | "url" | "iri" => Some("https://example.com/conformance"),
        "hostname" | "idn-hostname" => Some("example.com"),
        "ipv4" => Some("192.0.2.1"),
        "ipv6" => Some("2001:db8::1"),
        "duration" => Some("PT1M30S"),
        "uri-reference" => Some("/conformance"),
        "byte" => Some("Y29uZm9ybWFuY2U="),
        _ => None,
    };
    if let Some(text) = known {
        return json!(text);
    }
    let text = match format {
        "binary" => "conformance file",
        "password" => "secret",
        _ => "conformance",
    };
    let min = schema
        .get("minLength")
        .and_then(Value::as_u64)
        .map_or(0, |n| usize::try_from(n).unwrap_or(0));
    let max = schema
        .get("maxLength")
        .and_then(Value::as_u64)
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let mut text = text.to_owned();
    while text.len() < min {
        text.push('x');
    }
    text.truncate(max.max(min));
    json!(text)
}

/// A string matching a simple regular expression: literals, classes (`[0-9a-f]`, `\\d`,
/// `\\w`), groups of alternatives (the first is taken) and counts (`{32}`, `+`, `*`, `?`). `None`
/// for anything else, such as look-arounds or back-references.
pub fn from_pattern(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    // The text the last atom produced, so a count can repeat it.
    let mut last = String::new();
    while i < chars.len() {
        let c = chars[i];
        match c {
            '^' | '$' => {
                i += 1;
                continue;
            }
            '[' => {
                let end = chars[i..].iter().position(|&c| c == ']')? + i;
                let class: Vec<char> = chars[i + 1..end].to_vec();
                if class.first() == Some(&'^') {
                    return None;
                }
                let first = match class.first()? {
                    '\\' => class_escape(*class.get(1)?)?,
                    other => *other,
                };
                last = first.to_string();
                i = end + 1;
            }
            '(' => {
                let mut depth = 0;
                let mut end = None;
                for (j, &c) in chars.iter().enumerate().skip(i) {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let end = end?;
                let inner: String = chars[i + 1..end].iter().collect();
                let inner = inner.strip_prefix("?:").unwrap_or(&inner);
                if inner.starts_with('?') {
                    return None;
                }
                last = from_pattern(first_alternative(inner))?;
                i = end + 1;
            }
            '\\' => {
                last = class_escape(*chars.get(i + 1)?)?.to_string();
                i += 2;
            }
            '{' => {
                let end = chars[i..].iter().position(|&c| c == '}')? + i;
                let counts: String = chars[i + 1..end].iter().collect();
                let n: usize = counts.split(',').next()?.trim().parse().ok()?;
                // The atom was written once already.
                let repeated = last.repeat(n.saturating_sub(1));
                if n == 0 {
                    out.truncate(out.len().saturating_sub(last.len()));
                }
                out.push_str(&repeated);
                last.clear();
                i = end + 1;
                continue;
            }
            '+' => {
                i += 1;
                continue;
            }
            '*' | '?' => {
                out.truncate(out.len().saturating_sub(last.len()));
                last.clear();
                i += 1;
                continue;
            }
            '.' => {
                last = "a".to_owned();
                i += 1;
            }
            '|' => return Some(out),
            other => {
                last = other.to_string();
                i += 1;
            }
        }
        out.push_str(&last);
    }
    Some(out)
}

/// Every name the `required` lists of `parts` hold.
fn required_names<'v>(parts: &[&'v Value]) -> Vec<&'v str> {
    (parts.iter())
        .filter_map(|part| part.get("required").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// The first of a pattern's alternatives: up to its first `|` outside groups and classes.
fn first_alternative(pattern: &str) -> &str {
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    for (i, c) in pattern.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => depth = depth.saturating_sub(1),
            '|' if !in_class && depth == 0 => return &pattern[..i],
            _ => {}
        }
    }
    pattern
}

fn class_escape(c: char) -> Option<char> {
    match c {
        'd' => Some('0'),
        'w' => Some('a'),
        's' => Some(' '),
        'D' | 'W' | 'S' | 'b' | 'B' => None,
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_example_enum_bounds_and_required() {
        let doc = Doc::new(json!({"components": {"schemas": {"Pet": {
            "type": "object",
            "required": ["name", "kind"],
            "properties": {
                "id": {"type": "integer", "readOnly": true},
                "name": {"type": "string", "minLength": 15, "maxLength": 20},
                "kind": {"type": "string", "enum": ["cat", "dog"]},
                "age": {"type": "integer", "minimum": 3, "maximum": 9},
                "tag": {"type": "string", "example": "fluffy"},
                "when": {"type": "string", "format": "date-time"}
            }
        }}}}));
        let value = doc.value(&json!({"$ref": "#/components/schemas/Pet"}));
        assert_eq!(
            value,
            json!({"name": "conformancexxxx", "kind": "cat", "age": 3, "tag": "fluffy",
                   "when": "2024-01-02T03:04:05Z"})
        );
    }

    #[test]
    fn a_tuple_has_one_item_per_place() {
        let doc = Doc::new(json!({}));
        let tuple = json!({"type": "array", "minItems": 2, "maxItems": 2,
            "prefixItems": [{"type": "integer"}, {"type": "boolean"}]});
        assert_eq!(doc.synth(&tuple, 0), json!([1, true]));
    }

    #[test]
    fn unique_items_are_distinct_where_they_can_be() {
        let doc = Doc::new(json!({}));
        let ids = json!({"type": "array", "minItems": 2, "uniqueItems": true,
            "items": {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"}});
        assert_eq!(doc.synth(&ids, 0), json!(["0", "1"]));
        let objects = json!({"type": "array", "uniqueItems": true,
            "items": {"type": "object", "properties": {"a": {"type": "string"}}}});
        assert_eq!(doc.synth(&objects, 0).as_array().map(Vec::len), Some(1));
    }

    #[test]
    fn formats_give_values_a_validator_accepts() {
        // mistral.yaml's schedules: `format: duration` (RFC 3339, ISO 8601) refused `conformance`.
        assert_eq!(
            string(&json!({"type": "string", "format": "duration"})),
            "PT1M30S"
        );
        assert_eq!(
            string(&json!({"format": "date-time"})),
            "2024-01-02T03:04:05Z"
        );
    }

    #[test]
    fn strings_follow_simple_patterns() {
        // twilio-api-v2010.yaml's path SIDs.
        assert_eq!(
            from_pattern("^AC[0-9a-fA-F]{32}$").as_deref(),
            Some("AC00000000000000000000000000000000")
        );
        assert_eq!(
            from_pattern("^(SM|MM)[0-9a-f]{2}$").as_deref(),
            Some("SM00")
        );
        assert_eq!(from_pattern("^[\\w\\d+\\/=]*$").as_deref(), Some(""));
        assert_eq!(from_pattern("^\\d+-x?$").as_deref(), Some("0-"));
        assert_eq!(from_pattern("^(?!a)"), None);
        // Linode's IPv4 with an optional prefix length: a group repeated by a count.
        assert_eq!(
            from_pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}(\\/([0-9]|[1-2][0-9]|3[0-2]))?$")
                .as_deref(),
            Some("0.0.0.0")
        );
    }

    #[test]
    fn undeclared_example_properties_are_dropped() {
        let doc = Doc::new(json!({"components": {"schemas": {"Base": {
            "properties": {"b": {"type": "string"}}}}}}));
        let schema = json!({"allOf": [{"$ref": "#/components/schemas/Base"}],
            "properties": {"a": {"type": "object", "properties": {"x": {}}},
                           "list": {"type": "array", "items": {"properties": {"y": {}}}}}});
        let mut value = json!({"a": {"x": 1, "extra": 2}, "b": "k", "PlayBeep": true,
            "list": [{"y": 1, "z": 2}]});
        doc.drop_undeclared(&schema, &mut value);
        assert_eq!(value, json!({"a": {"x": 1}, "b": "k", "list": [{"y": 1}]}));
        // A schema that allows other properties keeps them.
        let mut open = json!({"a": 1, "other": 2});
        doc.drop_undeclared(
            &json!({"properties": {"a": {}}, "additionalProperties": true}),
            &mut open,
        );
        assert_eq!(open, json!({"a": 1, "other": 2}));
        // Read-only properties leave a request unless required, also where open.
        let mut example = json!({"id": 101, "vpc_id": null, "label": "x", "key": "k", "o": 1});
        doc.drop_undeclared(
            &json!({"required": ["key"], "additionalProperties": true, "properties": {
                "id": {"readOnly": true}, "vpc_id": {"readOnly": true}, "label": {},
                "key": {"readOnly": true}}}),
            &mut example,
        );
        assert_eq!(example, json!({"label": "x", "key": "k", "o": 1}));
    }

    #[test]
    fn description_only_all_of_parts_add_nothing() {
        // amazonaws.com/sagemaker-featurestore-runtime.json wraps every property this way.
        let doc = Doc::new(json!({"components": {"schemas": {
            "Names": {"type": "array", "items": {"type": "string"}},
            "Count": {"type": "integer"}
        }}}));
        let schema = json!({"type": "object", "required": ["names", "ttl"], "properties": {
            "names": {"allOf": [{"$ref": "#/components/schemas/Names"},
                                {"description": "The names to fetch."}]},
            "ttl": {"allOf": [{"$ref": "#/components/schemas/Count"},
                              {"description": "Time to live.", "minimum": 0}]}
        }});
        assert_eq!(
            doc.value(&schema),
            json!({"names": ["conformance", "conformance"], "ttl": 1})
        );
        // Properties beside an `allOf` are the value's too.
        let beside = json!({"allOf": [{"properties": {"a": {"type": "integer"}}}],
                            "properties": {"b": {"type": "boolean"}}});
        assert_eq!(doc.value(&beside), json!({"a": 1, "b": true}));
    }

    #[test]
    fn required_beside_an_all_of_or_in_a_part_of_names_alone_is_synthesised() {
        // Langfuse's filters (`required: [type]` beside the parts) and Lago's charges (a part
        // `{required: [id]}`), deep enough that optional properties are left out.
        let doc = Doc::new(json!({"components": {"schemas": {
            "Filter": {"type": "object", "properties": {"column": {"type": "string"}}}
        }}}));
        let filter = json!({"allOf": [
            {"type": "object", "properties": {"type": {"type": "string", "enum": ["datetime"]}}},
            {"$ref": "#/components/schemas/Filter"},
            {"required": ["column"]}
        ], "required": ["type"]});
        let mut schema = filter;
        for _ in 0..OPTIONAL_DEPTH {
            schema = json!({"type": "object", "required": ["f"], "properties": {"f": schema}});
        }
        let mut value = doc.value(&schema);
        for _ in 0..OPTIONAL_DEPTH {
            value = value["f"].clone();
        }
        assert_eq!(value, json!({"type": "datetime", "column": "conformance"}));
    }

    #[test]
    fn constraint_only_alternatives_take_the_schema_beside_them() {
        // here.com/tracking.json's locations: which properties must be present, nothing more.
        let doc = Doc::new(json!({}));
        let schema = json!({
            "type": "object",
            "additionalProperties": false,
            "anyOf": [{"required": ["location"]}, {"required": ["geofenceId"]}],
            "properties": {
                "name": {"type": "string"},
                "geofenceId": {"type": "string", "format": "uuid"},
                "location": {"type": "object", "required": ["lat", "lng"],
                             "properties": {"lat": {"type": "number"}, "lng": {"type": "number"}}}
            }
        });
        let first = json!({"name": "conformance", "location": {"lat": 1.5, "lng": 1.5}});
        let second = json!({"name": "conformance",
                            "geofenceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"});
        assert_eq!(doc.alternatives(&schema), 2);
        assert_eq!(doc.alternative(&schema, 0), first);
        assert_eq!(doc.alternative(&schema, 1), second);
        assert_eq!(doc.value(&schema), first);
        // An alternative that is a whole schema is still taken as it is.
        let whole = json!({"oneOf": [{"type": "integer"}, {"type": "string"}]});
        assert_eq!(doc.alternative(&whole, 1), json!("conformance"));
    }

    #[test]
    fn a_value_without_examples_reads_the_schema_alone() {
        // influxdata.com.json's `Zap-Trace-Span`: an object example for a string.
        let doc = Doc::new(json!({}));
        let schema = json!({"type": "string", "example": {"baggage": {"key": "value"}}});
        assert_eq!(doc.value(&schema), json!({"baggage": {"key": "value"}}));
        assert_eq!(doc.value_without_examples(&schema), json!("conformance"));
        assert_eq!(doc.value(&schema), json!({"baggage": {"key": "value"}}));
    }

    #[test]
    fn known_values_leave_nothing_to_a_catch_all() {
        let doc = Doc::new(json!({"components": {"schemas": {
            "Battery": {"type": "object", "required": ["type"],
                        "properties": {"type": {"type": "string", "enum": ["battery"]}}},
            "Humidity": {"type": "object", "required": ["type", "range"],
                         "properties": {"type": {"type": "string", "enum": ["humidity"]},
                                        "range": {"type": "object"}}}
        }}}));
        let rule = json!({"oneOf": [{"$ref": "#/components/schemas/Battery"},
                                    {"$ref": "#/components/schemas/Humidity"}]});
        assert!(doc.known(&rule, &json!({"type": "humidity", "range": {"begin": 10}})));
        assert!(!doc.known(&rule, &json!({"type": "pressure"})));
        assert!(!doc.known(&rule, &json!({"type": "humidity"})));
        // An open enum written as `anyOf: [enum, string]`: an unlisted value is not known.
        let open = json!({"anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "string"}]});
        assert!(doc.known(&open, &json!("a")));
        assert!(!doc.known(&open, &json!("c")));
        let list = json!({"type": "array", "items": {"type": "integer", "enum": [1, 2]}});
        assert!(doc.known(&list, &json!([1, 2.0])));
        assert!(!doc.known(&list, &json!([3])));
        let closed = json!({"type": "object", "additionalProperties": false, "properties": {}});
        assert!(!doc.known(&closed, &json!({"x": 1})));
        // A discriminator's tag must name a schema (swagger2.yaml's `Animal`, whose
        // `animalType` Prism fills with "string").
        let animal = json!({"type": "object", "discriminator": {"propertyName": "kind"},
                            "properties": {"kind": {"type": "string"}}});
        assert!(doc.known(&animal, &json!({"kind": "Battery"})));
        assert!(!doc.known(&animal, &json!({"kind": "string"})));
        // Without its tag, a discriminated value names no schema.
        assert!(!doc.known(&animal, &json!({})));
        assert!(!doc.known(&animal, &json!({"kind": 3})));
    }

    #[test]
    fn writes_the_mapped_discriminator_tag() {
        let doc = Doc::new(json!({"components": {"schemas": {
            "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}
        }}}));
        let schema = json!({
            "oneOf": [{"$ref": "#/components/schemas/Cat"}],
            "discriminator": {"propertyName": "kind", "mapping": {"feline": "#/components/schemas/Cat"}}
        });
        assert_eq!(doc.value(&schema), json!({"kind": "feline"}));
        // Some specs map to bare schema names (telegram-bot-api.json).
        let loose = json!({
            "oneOf": [{"$ref": "#/components/schemas/Cat"}],
            "discriminator": {"propertyName": "kind", "mapping": {"feline": "Cat"}}
        });
        assert_eq!(doc.value(&loose), json!({"kind": "feline"}));
    }

    #[test]
    fn a_property_another_all_of_part_marks_read_only_is_left_out() {
        let doc = Doc::new(json!({"components": {"schemas": {
            "Volume": {"type": "object", "additionalProperties": false, "properties": {
                "label": {"type": "string"}, "size": {"type": "integer"}}}
        }}}));
        let body = json!({"allOf": [
            {"$ref": "#/components/schemas/Volume"},
            {"type": "object", "properties": {"size": {"readOnly": true}}}
        ]});
        assert_eq!(doc.value(&body), json!({"label": "conformance"}));
    }

    #[test]
    fn a_string_of_an_unknown_format_keeps_to_its_lengths() {
        let doc = Doc::new(json!({}));
        let cvv = json!({"type": "string", "format": "digits", "minLength": 3, "maxLength": 4});
        assert_eq!(doc.value_without_examples(&cvv), json!("conf"));
        let card = json!({"type": "string", "format": "digits", "minLength": 14});
        assert_eq!(doc.value_without_examples(&card), json!("conformancexxx"));
    }

    #[test]
    fn a_property_example_leaves_its_read_only_properties_out() {
        let doc = Doc::new(json!({}));
        let interfaces = json!({"type": "object", "properties": {"interfaces": {
            "type": "array",
            "example": [{"id": 101, "purpose": "public"}],
            "items": {"type": "object", "additionalProperties": false, "properties": {
                "id": {"type": "integer", "readOnly": true}, "purpose": {"type": "string"}}}
        }}});
        assert_eq!(
            doc.value(&interfaces),
            json!({"interfaces": [{"purpose": "public"}]})
        );
    }

    #[test]
    fn a_property_beside_all_of_that_only_refines_keeps_the_parts_value() {
        let doc = Doc::new(json!({}));
        let body = json!({
            "allOf": [{"type": "object", "properties": {
                "inbound": {"type": "array", "items": {"type": "integer"}}}}],
            "properties": {"inbound": {"required": ["action"]}}
        });
        assert_eq!(
            doc.value_without_examples(&body),
            json!({"inbound": [1, 1]})
        );
        // One level down, as Linode writes it.
        let firewall = json!({
            "allOf": [{"type": "object", "properties": {"rules": {"type": "object",
                "properties": {"inbound": {"type": "array", "items": {"type": "integer"}}}}}}],
            "properties": {"rules": {"additionalProperties": false,
                "properties": {"inbound": {"required": ["action"]}}}}
        });
        assert_eq!(
            doc.value_without_examples(&firewall),
            json!({"rules": {"inbound": [1, 1]}})
        );
    }

    #[test]
    fn nested_all_of_parts_declare_and_require_as_the_outer_ones_do() {
        // PagerDuty: a reference's `id` and `type` are read-only where declared, required by
        // a nested part, and `type` is narrowed to an enum by the outer part.
        let doc = Doc::new(json!({"components": {"schemas": {
            "Tag0": {"type": "object", "properties": {
                "id": {"type": "string", "readOnly": true},
                "type": {"type": "string", "readOnly": true},
                "summary": {"type": "string", "readOnly": true}}},
            "Reference": {"allOf": [{"$ref": "#/components/schemas/Tag0"},
                {"type": "object", "required": ["type", "id"]}]},
            "Target": {"allOf": [{"$ref": "#/components/schemas/Reference"},
                {"type": "object", "additionalProperties": false, "properties": {
                    "type": {"type": "string", "enum": ["user", "schedule"]}}}]}
        }}}));
        let target = json!({"$ref": "#/components/schemas/Target"});
        assert_eq!(
            doc.value_without_examples(&target),
            json!({"type": "user", "id": "conformance"})
        );
        // Deep in a body, where optional properties are left out, the required `type` is
        // still narrowed by the outer part (PagerDuty's notification rules' `contact_method`).
        let mut deep = target.clone();
        for _ in 0..OPTIONAL_DEPTH + 1 {
            deep = json!({"type": "object", "required": ["x"], "properties": {"x": deep}});
        }
        let mut value = doc.value_without_examples(&deep);
        for _ in 0..OPTIONAL_DEPTH + 1 {
            value = value["x"].take();
        }
        assert_eq!(value, json!({"type": "user", "id": "conformance"}));
        let mut example = json!({"id": "P1", "type": "user_reference", "summary": "s"});
        doc.drop_undeclared(&target, &mut example);
        assert_eq!(example, json!({"id": "P1", "type": "user_reference"}));
    }

    #[test]
    fn a_default_its_schema_refuses_is_not_used() {
        let doc = Doc::new(json!({}));
        let include = json!({"type": "string", "enum": ["logprobs"], "default": []});
        assert_eq!(doc.value(&include), json!("logprobs"));
        let size = json!({"type": "integer", "default": 5});
        assert_eq!(doc.value(&size), json!(5));
    }

    #[test]
    fn an_unmapped_tag_is_the_alternatives_own_enum_value_else_its_name() {
        // OpenAI's `Tool`: a discriminator without a mapping over alternatives whose `type`
        // is a one-value enum; the tag is that value, not the schema's name.
        let doc = Doc::new(json!({"components": {"schemas": {
            "FunctionTool": {"type": "object", "required": ["type", "name"], "properties": {
                "type": {"type": "string", "enum": ["function"]}, "name": {"type": "string"}}},
            "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}
        }}}));
        let tool = json!({
            "oneOf": [{"$ref": "#/components/schemas/FunctionTool"}],
            "discriminator": {"propertyName": "type"}
        });
        assert_eq!(
            doc.value(&tool),
            json!({"type": "function", "name": "conformance"})
        );
        let cat = json!({
            "oneOf": [{"$ref": "#/components/schemas/Cat"}],
            "discriminator": {"propertyName": "kind"}
        });
        assert_eq!(doc.value(&cat), json!({"kind": "Cat"}));
    }

    #[test]
    fn a_base_with_a_mapping_and_no_one_of_is_its_first_subtype() {
        // Okta's token request: the base maps `grant_type` to subtypes that `allOf` it back.
        let doc = Doc::new(json!({"components": {"schemas": {
            "Token": {"type": "object", "properties": {"grant_type": {"type": "string"}},
                "discriminator": {"propertyName": "grant_type", "mapping": {
                    "authorization_code": "#/components/schemas/Code",
                    "password": "#/components/schemas/Password"}}},
            "Code": {"allOf": [{"$ref": "#/components/schemas/Token"},
                {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}}]}
        }}}));
        let token = json!({"$ref": "#/components/schemas/Token"});
        assert_eq!(
            doc.value(&token),
            json!({"grant_type": "authorization_code", "code": "conformance"})
        );
    }
}
