//! Structure-aware: takes a valid seed spec (`fuzz/seeds/*.json`) as a JSON value and applies
//! mutations chosen by the fuzz input (copy, swap, nest, replace, insert `$ref`s, chain
//! components), then runs the pipeline on the result.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

const SEEDS: &[&str] = &[
    include_str!("../seeds/features.json"),
    include_str!("../seeds/collisions.json"),
    include_str!("../seeds/odd-names.json"),
    include_str!("../seeds/oai-petstore.json"),
    include_str!("../seeds/oai-petstore-expanded.json"),
    include_str!("../seeds/oai-callback-example.json"),
    include_str!("../seeds/swagger-petstore-v3.json"),
];

/// A mutated document stops growing past this many bytes: size is not what is being tested.
const MAX_BYTES: usize = 256 * 1024;

fn seeds() -> &'static [Value] {
    static PARSED: OnceLock<Vec<Value>> = OnceLock::new();
    PARSED.get_or_init(|| {
        SEEDS
            .iter()
            .map(|text| serde_json::from_str(text).expect("seeds are valid JSON"))
            .collect()
    })
}

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u8,
    mutations: Vec<Mutation>,
}

#[derive(Arbitrary, Debug)]
enum Mutation {
    /// Replace a node by a value of another kind.
    Replace { at: u16, with: Leaf },
    /// Put a copy of one subtree in place of another node.
    Copy { from: u16, to: u16 },
    /// Exchange two nodes (unless one holds the other).
    Swap { a: u16, b: u16 },
    /// Wrap a node in a schema construct, `times` times over.
    Nest { at: u16, how: Wrapper, times: u8 },
    /// Set a key of an object node.
    Set { at: u16, key: Word, value: Leaf },
    /// Remove a node from its parent.
    Remove { at: u16 },
    /// Replace a node by a `$ref` to another node.
    Ref { at: u16, target: u16 },
    /// Add `length` component schemas, each a `$ref` to the next, the last to a node.
    Chain { length: u16, target: u16 },
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Wrapper {
    Properties,
    Items,
    AdditionalProperties,
    AllOf,
    OneOf,
    AnyOf,
    Not,
    Nullable,
    Key(Word),
}

#[derive(Arbitrary, Debug)]
enum Leaf {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Word(Word),
    Text(String),
    EmptyObject,
    EmptyArray,
    Typed(Word),
}

/// Words that mean something in OpenAPI, so mutations hit the generator's decisions.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Word {
    Type,
    Object,
    Array,
    String,
    Integer,
    Number,
    Boolean,
    Null,
    Properties,
    Items,
    AdditionalProperties,
    Required,
    Enum,
    Nullable,
    Format,
    Binary,
    DateTime,
    Int32,
    AllOf,
    OneOf,
    AnyOf,
    Not,
    Discriminator,
    PropertyName,
    Mapping,
    Ref,
    Default,
    ReadOnly,
    Schema,
    Content,
    Json,
    Form,
    Multipart,
    Responses,
    Parameters,
    In,
    Query,
    Path,
    Header,
    Cookie,
    Name,
    Style,
    DeepObject,
    Explode,
    Description,
    RequestBody,
    Servers,
    Url,
    Security,
    Callbacks,
    Status200,
    StatusDefault,
    Status4xx,
    Self_,
    Empty,
    Keyword,
    Digits,
    Unicode,
}

impl Word {
    fn text(self) -> &'static str {
        match self {
            Word::Type => "type",
            Word::Object => "object",
            Word::Array => "array",
            Word::String => "string",
            Word::Integer => "integer",
            Word::Number => "number",
            Word::Boolean => "boolean",
            Word::Null => "null",
            Word::Properties => "properties",
            Word::Items => "items",
            Word::AdditionalProperties => "additionalProperties",
            Word::Required => "required",
            Word::Enum => "enum",
            Word::Nullable => "nullable",
            Word::Format => "format",
            Word::Binary => "binary",
            Word::DateTime => "date-time",
            Word::Int32 => "int32",
            Word::AllOf => "allOf",
            Word::OneOf => "oneOf",
            Word::AnyOf => "anyOf",
            Word::Not => "not",
            Word::Discriminator => "discriminator",
            Word::PropertyName => "propertyName",
            Word::Mapping => "mapping",
            Word::Ref => "$ref",
            Word::Default => "default",
            Word::ReadOnly => "readOnly",
            Word::Schema => "schema",
            Word::Content => "content",
            Word::Json => "application/json",
            Word::Form => "application/x-www-form-urlencoded",
            Word::Multipart => "multipart/form-data",
            Word::Responses => "responses",
            Word::Parameters => "parameters",
            Word::In => "in",
            Word::Query => "query",
            Word::Path => "path",
            Word::Header => "header",
            Word::Cookie => "cookie",
            Word::Name => "name",
            Word::Style => "style",
            Word::DeepObject => "deepObject",
            Word::Explode => "explode",
            Word::Description => "description",
            Word::RequestBody => "requestBody",
            Word::Servers => "servers",
            Word::Url => "url",
            Word::Security => "security",
            Word::Callbacks => "callbacks",
            Word::Status200 => "200",
            Word::StatusDefault => "default",
            Word::Status4xx => "4XX",
            Word::Self_ => "self",
            Word::Empty => "",
            Word::Keyword => "type",
            Word::Digits => "123",
            Word::Unicode => "naïve-ünï/cödé~",
        }
    }
}

impl Leaf {
    fn value(&self) -> Value {
        match self {
            Leaf::Null => Value::Null,
            Leaf::Bool(b) => Value::Bool(*b),
            Leaf::Int(i) => json!(i),
            Leaf::Float(f) => json!(f),
            Leaf::Word(w) => json!(w.text()),
            Leaf::Text(t) => json!(t.chars().take(40).collect::<String>()),
            Leaf::EmptyObject => json!({}),
            Leaf::EmptyArray => json!([]),
            Leaf::Typed(w) => json!({ "type": w.text() }),
        }
    }
}

/// JSON pointers (RFC 6901, without `#`) of every node, in document order.
fn pointers(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(value, String::new())];
    while let Some((value, pointer)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter().rev() {
                    let token = key.replace('~', "~0").replace('/', "~1");
                    stack.push((child, format!("{pointer}/{token}")));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate().rev() {
                    stack.push((child, format!("{pointer}/{index}")));
                }
            }
            _ => {}
        }
        out.push(pointer);
    }
    out
}

fn pick(pointers: &[String], index: u16) -> &str {
    &pointers[usize::from(index) % pointers.len()]
}

fn wrap(node: Value, how: Wrapper) -> Value {
    match how {
        Wrapper::Properties => json!({ "type": "object", "properties": { "a": node } }),
        Wrapper::Items => json!({ "type": "array", "items": node }),
        Wrapper::AdditionalProperties => json!({ "type": "object", "additionalProperties": node }),
        Wrapper::AllOf => json!({ "allOf": [node] }),
        Wrapper::OneOf => json!({ "oneOf": [node, { "type": "string" }] }),
        Wrapper::AnyOf => json!({ "anyOf": [node] }),
        Wrapper::Not => json!({ "not": node }),
        Wrapper::Nullable => json!({ "nullable": true, "allOf": [node] }),
        Wrapper::Key(word) => {
            let mut map = Map::new();
            map.insert(word.text().to_owned(), node);
            Value::Object(map)
        }
    }
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    let all = pointers(doc);
    match mutation {
        Mutation::Replace { at, with } => {
            if let Some(node) = doc.pointer_mut(pick(&all, *at)) {
                *node = with.value();
            }
        }
        Mutation::Copy { from, to } => {
            let copy = doc.pointer(pick(&all, *from)).cloned();
            if let (Some(copy), Some(node)) = (copy, doc.pointer_mut(pick(&all, *to))) {
                *node = copy;
            }
        }
        Mutation::Swap { a, b } => {
            let (a, b) = (pick(&all, *a).to_owned(), pick(&all, *b).to_owned());
            if a.starts_with(&b) || b.starts_with(&a) {
                return;
            }
            let (Some(va), Some(vb)) = (doc.pointer(&a).cloned(), doc.pointer(&b).cloned()) else {
                return;
            };
            if let Some(node) = doc.pointer_mut(&a) {
                *node = vb;
            }
            if let Some(node) = doc.pointer_mut(&b) {
                *node = va;
            }
        }
        Mutation::Nest { at, how, times } => {
            if let Some(node) = doc.pointer_mut(pick(&all, *at)) {
                let mut value = node.take();
                for _ in 0..*times % 100 {
                    value = wrap(value, *how);
                }
                *node = value;
            }
        }
        Mutation::Set { at, key, value } => {
            if let Some(Value::Object(map)) = doc.pointer_mut(pick(&all, *at)) {
                map.insert(key.text().to_owned(), value.value());
            }
        }
        Mutation::Remove { at } => {
            let pointer = pick(&all, *at);
            let Some((parent, token)) = pointer.rsplit_once('/') else {
                return;
            };
            let token = token.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&token);
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = token.parse::<usize>() {
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                }
                _ => {}
            }
        }
        Mutation::Ref { at, target } => {
            let reference = format!("#{}", pick(&all, *target));
            if let Some(node) = doc.pointer_mut(pick(&all, *at)) {
                *node = json!({ "$ref": reference });
            }
        }
        Mutation::Chain { length, target } => {
            let last = format!("#{}", pick(&all, *target));
            let Some(root) = doc.as_object_mut() else {
                return;
            };
            let components = root.entry("components").or_insert_with(|| json!({}));
            let Some(components) = components.as_object_mut() else {
                return;
            };
            let schemas = components.entry("schemas").or_insert_with(|| json!({}));
            let Some(schemas) = schemas.as_object_mut() else {
                return;
            };
            let length = usize::from(*length % 2000);
            for i in 0..length {
                let next = if i + 1 == length {
                    last.clone()
                } else {
                    format!("#/components/schemas/Chain{}", i + 1)
                };
                schemas.insert(format!("Chain{i}"), json!({ "$ref": next }));
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let seeds = seeds();
    let mut doc = seeds[usize::from(input.seed) % seeds.len()].clone();
    for mutation in &input.mutations {
        apply(&mut doc, mutation);
        if serde_json::to_vec(&doc).map_or(true, |bytes| bytes.len() > MAX_BYTES) {
            return;
        }
    }
    if let Ok(bytes) = serde_json::to_vec(&doc) {
        opengen_fuzz::check("fuzz.json", &bytes);
    }
});
