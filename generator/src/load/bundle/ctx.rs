//! The kind of place a node is in, as far as references are concerned.

/// What a node is, as far as references are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Node {
    Doc,
    Components,
    PathItem,
    Operation,
    Callback,
    Response,
    Parameter,
    RequestBody,
    MediaType,
    Encoding,
    Example,
    Schema,
    Discriminator,
    Other,
}

/// The place of a node: one node of a kind, a map or list whose members are of a kind, or
/// data (never walked: a `$ref` inside an example is part of the example).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ctx {
    One(Node),
    Many(Node),
    Data,
}

impl Ctx {
    /// The place of the member `key` of an object at this place.
    pub(super) fn child(self, key: &str) -> Ctx {
        use Ctx::{Data, Many, One};
        let node = match self {
            Data => return Data,
            // Property names are names, not extensions.
            Many(Node::Schema) => return One(Node::Schema),
            Many(_) if key.starts_with("x-") => return Data,
            Many(node) => return One(node),
            One(node) => node,
        };
        if key.starts_with("x-") {
            return Data;
        }
        match (node, key) {
            (Node::Doc, "paths" | "webhooks") => Many(Node::PathItem),
            (Node::Doc, "components") => One(Node::Components),
            (Node::Doc, "definitions") | (Node::Components, "schemas") => Many(Node::Schema),
            (Node::Doc | Node::Components | Node::PathItem | Node::Operation, "parameters") => {
                Many(Node::Parameter)
            }
            (Node::Doc | Node::Components | Node::Operation, "responses") => Many(Node::Response),
            (Node::Components, "requestBodies") => Many(Node::RequestBody),
            (Node::Components | Node::Response | Node::Encoding, "headers") => {
                Many(Node::Parameter)
            }
            (Node::Components | Node::Parameter | Node::MediaType, "examples") => {
                Many(Node::Example)
            }
            (Node::Components, "pathItems") => Many(Node::PathItem),
            (Node::Callback, _) => One(Node::PathItem),
            (Node::Components | Node::Operation, "callbacks") => Many(Node::Callback),
            (
                Node::PathItem,
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace",
            ) => One(Node::Operation),
            (Node::Operation, "requestBody") => One(Node::RequestBody),
            (Node::Response | Node::Parameter | Node::MediaType, "schema") => One(Node::Schema),
            (Node::Response | Node::Parameter | Node::RequestBody, "content") => {
                Many(Node::MediaType)
            }
            (Node::MediaType, "encoding") => Many(Node::Encoding),
            (Node::Example, "value") => Data,
            (
                Node::Schema,
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
                | "allOf" | "anyOf" | "oneOf" | "prefixItems",
            ) => Many(Node::Schema),
            (
                Node::Schema,
                "items"
                | "additionalProperties"
                | "not"
                | "contains"
                | "if"
                | "then"
                | "else"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "additionalItems"
                | "contentSchema",
            ) => One(Node::Schema),
            (Node::Schema, "discriminator") => One(Node::Discriminator),
            (Node::Schema, "default" | "enum" | "const") | (_, "example" | "examples") => Data,
            _ => One(Node::Other),
        }
    }

    /// The place of the items of an array at this place.
    pub(super) fn item(self) -> Ctx {
        match self {
            Ctx::Data => Ctx::Data,
            Ctx::Many(node) | Ctx::One(node @ Node::Schema) => Ctx::One(node),
            Ctx::One(_) => Ctx::One(Node::Other),
        }
    }
}
