//! Where schemas can appear in a document: the kinds of node an OpenAPI 3.x or Swagger 2.0
//! document is made of, and what each member of each kind is, per version where they differ.
//! Every step that must tell a schema position from any other asks here:
//! - the bundle ([`Place::child`] along its walk): a reference to another file in a schema
//!   position is hoisted into a named component, anywhere else it is inlined, and inside data
//!   (`example`, `default`, `enum`, extensions `x-…`) it is data and not followed;
//! - the hoisting of references into a node ([`of_pointer`]): which components section the
//!   node a pointer names belongs in (a schema, a response, a parameter…);
//! - the 3.1 normalisation ([`for_each_schema`]): which nodes are schemas to rewrite.
//!
//! Objects that allow extensions treat an `x-` key as data; maps of named members (`headers`,
//! `content`, the components sections, `properties`) treat every key as a name. A Reference
//! Object in a place that is not a schema is walked where its target is defined.

use serde_json::{Map, Value};

use super::version::Version;
use crate::error::join;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Node {
    Doc,
    Components,
    /// The Paths Object: path items, and extensions.
    Paths,
    PathItem,
    Operation,
    /// The Responses Object of an operation: responses by status, and extensions.
    Responses,
    /// A Callback Object: path items by expression, and extensions.
    Callback,
    Response,
    Parameter,
    Header,
    RequestBody,
    MediaType,
    Encoding,
    Example,
    Schema,
    Discriminator,
    /// Anything else (`info`, a link, a security scheme, a schema's `description`…).
    Other,
}

/// The place of a node: one node of a kind, a map (or list) whose members are of a kind and
/// whose keys are names, or data (never walked: a `$ref` inside an example is part of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    One(Node),
    Many(Node),
    Data,
}

use Node::{
    Callback, Components, Discriminator, Doc, Encoding, Example, Header, MediaType, Operation,
    Other, Parameter, PathItem, Paths, RequestBody, Response, Responses, Schema,
};
use Place::{Data, Many, One};

/// The members of a Swagger 2.0 document.
const DOC_2: &[(&str, Place)] = &[
    ("paths", One(Paths)),
    ("definitions", Many(Schema)),
    ("parameters", Many(Parameter)),
    ("responses", Many(Response)),
];
const DOC_30: &[(&str, Place)] = &[("paths", One(Paths)), ("components", One(Components))];
const DOC_31: &[(&str, Place)] = &[
    ("paths", One(Paths)),
    ("webhooks", Many(PathItem)),
    ("components", One(Components)),
];
const COMPONENTS_30: &[(&str, Place)] = &[
    ("schemas", Many(Schema)),
    ("parameters", Many(Parameter)),
    ("headers", Many(Header)),
    ("responses", Many(Response)),
    ("requestBodies", Many(RequestBody)),
    ("callbacks", Many(Callback)),
    ("examples", Many(Example)),
];
const COMPONENTS_31: &[(&str, Place)] = &[
    ("schemas", Many(Schema)),
    ("parameters", Many(Parameter)),
    ("headers", Many(Header)),
    ("responses", Many(Response)),
    ("requestBodies", Many(RequestBody)),
    ("callbacks", Many(Callback)),
    ("examples", Many(Example)),
    ("pathItems", Many(PathItem)),
];
/// A path item's parameters, then its operations (Swagger 2.0 has no `trace`).
const PATH_ITEM_2: &[(&str, Place)] = &[
    ("parameters", Many(Parameter)),
    ("get", One(Operation)),
    ("put", One(Operation)),
    ("post", One(Operation)),
    ("delete", One(Operation)),
    ("options", One(Operation)),
    ("head", One(Operation)),
    ("patch", One(Operation)),
];
const PATH_ITEM_3: &[(&str, Place)] = &[
    ("parameters", Many(Parameter)),
    ("get", One(Operation)),
    ("put", One(Operation)),
    ("post", One(Operation)),
    ("delete", One(Operation)),
    ("options", One(Operation)),
    ("head", One(Operation)),
    ("patch", One(Operation)),
    ("trace", One(Operation)),
];
const OPERATION_2: &[(&str, Place)] = &[
    ("parameters", Many(Parameter)),
    ("responses", One(Responses)),
];
const OPERATION_3: &[(&str, Place)] = &[
    ("parameters", Many(Parameter)),
    ("requestBody", One(RequestBody)),
    ("responses", One(Responses)),
    ("callbacks", Many(Callback)),
];
/// A 2.0 parameter has a `schema` when it is a body; its other fields describe the value.
const PARAMETER_2: &[(&str, Place)] = &[("schema", One(Schema))];
/// A parameter or a header: a `schema` or a `content` map.
const PARAMETER_3: &[(&str, Place)] = &[
    ("schema", One(Schema)),
    ("content", Many(MediaType)),
    ("examples", Many(Example)),
];
const RESPONSE_2: &[(&str, Place)] = &[("schema", One(Schema)), ("headers", Many(Header))];
const RESPONSE_3: &[(&str, Place)] = &[("headers", Many(Header)), ("content", Many(MediaType))];
const REQUEST_BODY: &[(&str, Place)] = &[("content", Many(MediaType))];
const MEDIA_TYPE: &[(&str, Place)] = &[
    ("schema", One(Schema)),
    ("encoding", Many(Encoding)),
    ("examples", Many(Example)),
];
const ENCODING: &[(&str, Place)] = &[("headers", Many(Header))];
const EXAMPLE: &[(&str, Place)] = &[("value", Data)];
/// The keywords of a schema (JSON Schema 2020-12 and earlier drafts, which 3.0 and 2.0
/// documents use too) whose values are schemas, maps or lists of schemas, or data.
const SCHEMA: &[(&str, Place)] = &[
    ("properties", Many(Schema)),
    ("patternProperties", Many(Schema)),
    ("$defs", Many(Schema)),
    ("definitions", Many(Schema)),
    ("dependentSchemas", Many(Schema)),
    ("allOf", Many(Schema)),
    ("anyOf", Many(Schema)),
    ("oneOf", Many(Schema)),
    ("prefixItems", Many(Schema)),
    ("items", One(Schema)),
    ("additionalProperties", One(Schema)),
    ("not", One(Schema)),
    ("contains", One(Schema)),
    ("if", One(Schema)),
    ("then", One(Schema)),
    ("else", One(Schema)),
    ("propertyNames", One(Schema)),
    ("unevaluatedItems", One(Schema)),
    ("unevaluatedProperties", One(Schema)),
    ("additionalItems", One(Schema)),
    ("contentSchema", One(Schema)),
    ("discriminator", One(Discriminator)),
    ("default", Data),
    ("enum", Data),
    ("const", Data),
];

/// The members of a node of kind `node` that the specification of `version` names, in the
/// order walks visit them.
fn members(node: Node, version: Version) -> &'static [(&'static str, Place)] {
    let v2 = version == Version::Swagger2;
    match node {
        Doc => match version {
            Version::Swagger2 => DOC_2,
            Version::OpenApi30 => DOC_30,
            Version::OpenApi31 | Version::OpenApi32 => DOC_31,
        },
        Components if matches!(version, Version::OpenApi31 | Version::OpenApi32) => COMPONENTS_31,
        Components if !v2 => COMPONENTS_30,
        PathItem if v2 => PATH_ITEM_2,
        PathItem => PATH_ITEM_3,
        Operation if v2 => OPERATION_2,
        Operation => OPERATION_3,
        Parameter if v2 => PARAMETER_2,
        Parameter | Header if !v2 => PARAMETER_3,
        Response if v2 => RESPONSE_2,
        Response => RESPONSE_3,
        RequestBody if !v2 => REQUEST_BODY,
        MediaType if !v2 => MEDIA_TYPE,
        Encoding if !v2 => ENCODING,
        Example => EXAMPLE,
        Schema => SCHEMA,
        _ => &[],
    }
}

/// The kind of the members an object of kind `node` does not name: the Paths, Responses and
/// Callback Objects hold their members under keys the document chooses.
fn others(node: Node) -> Option<Node> {
    match node {
        Paths | Callback => Some(PathItem),
        Responses => Some(Response),
        _ => None,
    }
}

impl Place {
    /// The place of the document itself.
    pub(crate) const DOC: Place = One(Doc);

    /// The place of the member `key` of an object at this place, in a document of `version`.
    pub(crate) fn child(self, key: &str, version: Version) -> Place {
        let node = match self {
            Data => return Data,
            // The keys of a map are names, `x-` ones too.
            Many(node) => return One(node),
            One(node) => node,
        };
        if key.starts_with("x-") {
            return Data;
        }
        if let Some(&(_, place)) = members(node, version).iter().find(|(name, _)| *name == key) {
            return place;
        }
        if let Some(node) = others(node) {
            return One(node);
        }
        match key {
            "example" | "examples" => Data,
            _ => One(Other),
        }
    }

    /// The place of the items of an array at this place.
    pub(crate) fn item(self) -> Place {
        match self {
            Data => Data,
            Many(node) | One(node @ Schema) => One(node),
            One(_) => One(Other),
        }
    }

    /// Whether a schema can be at or below this place.
    fn holds_schemas(self) -> bool {
        match self {
            One(node) | Many(node) => !matches!(node, Example | Discriminator | Other),
            Data => false,
        }
    }
}

/// The place the pointer `tokens` (unescaped reference tokens) names in a document of `version`.
pub(crate) fn of_pointer(tokens: &[String], version: Version) -> Place {
    tokens.iter().fold(Place::DOC, |place, token| {
        // A schema's `items` may be a list (a tuple): an index names one of its schemas.
        if place == One(Schema) && token.parse::<usize>().is_ok() {
            place.item()
        } else {
            place.child(token, version)
        }
    })
}

/// The HTTP methods a path item holds operations under, in `version`, in their usual order.
pub(crate) fn methods(version: Version) -> impl Iterator<Item = &'static str> {
    members(PathItem, version)
        .iter()
        .filter(|(_, place)| *place == One(Operation))
        .map(|(method, _)| *method)
}

/// Calls `visit` on every schema of the document that is not inside another schema, with its
/// pointer, in a document of `version`, in the order of the tables above (paths, then the
/// components by section; a path item's parameters, then its operations by method…), members
/// the document names in document order. Members listed in `skip` (`(Components,
/// "pathItems")`) are not walked.
pub(crate) fn for_each_schema(
    root: &mut Value,
    version: Version,
    skip: &[(Node, &str)],
    visit: &mut dyn FnMut(&mut Value, &str),
) {
    let mut walk = Walk {
        version,
        skip,
        visit,
    };
    walk.node(root, Place::DOC, "#");
}

struct Walk<'s, 'v> {
    version: Version,
    skip: &'s [(Node, &'s str)],
    visit: &'v mut dyn FnMut(&mut Value, &str),
}

impl Walk<'_, '_> {
    fn node(&mut self, value: &mut Value, place: Place, at: &str) {
        match (place, value) {
            (One(Schema), value) => (self.visit)(value, at),
            (Many(_), Value::Object(map)) => {
                for (key, child) in map.iter_mut() {
                    self.node(child, place.child(key, self.version), &join(at, key));
                }
            }
            (Many(_), Value::Array(items)) => {
                for (index, item) in items.iter_mut().enumerate() {
                    self.node(item, place.item(), &join(at, &index.to_string()));
                }
            }
            (One(node), Value::Object(map)) if !map.contains_key("$ref") => {
                self.members(map, node, at);
            }
            _ => {}
        }
    }

    /// The members of an object of kind `node` that may hold schemas: those the specification
    /// names, in their order, then the others in document order.
    fn members(&mut self, map: &mut Map<String, Value>, node: Node, at: &str) {
        let named = members(node, self.version);
        for &(key, place) in named {
            if !place.holds_schemas() || self.skip.contains(&(node, key)) {
                continue;
            }
            if let Some(child) = map.get_mut(key) {
                self.node(child, place, &join(at, key));
            }
        }
        let Some(kind) = others(node) else {
            return;
        };
        for (key, child) in map.iter_mut() {
            if key.starts_with("x-") || named.iter().any(|(name, _)| *name == key.as_str()) {
                continue;
            }
            self.node(child, One(kind), &join(at, key));
        }
    }
}

/// Calls `visit` on every operation of the document's paths (a document in the 3.0 model of
/// `version`), with its pointer.
pub(crate) fn for_each_operation(
    root: &mut Map<String, Value>,
    version: Version,
    visit: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    let Some(Value::Object(paths)) = root.get_mut("paths") else {
        return;
    };
    for (key, item) in paths.iter_mut() {
        let Value::Object(item) = item else {
            continue;
        };
        let at = join("#/paths", key);
        for method in methods(version) {
            if let Some(Value::Object(operation)) = item.get_mut(method) {
                visit(operation, &join(&at, method));
            }
        }
    }
}

#[cfg(test)]
mod tests;
