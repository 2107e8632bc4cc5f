//! XML bodies, as the API description's `xml` objects say (OpenAPI's XML Object: element and
//! attribute names, wrapped arrays, namespaces and prefixes). A value is written as XML from
//! its JSON form, and XML is read into that JSON form, which the type's own serde impls then
//! decode: the generator describes each type an XML body carries as a [`Node`], and the types
//! themselves are the same for JSON and XML.
//!
//! Written: an object is an element whose properties are child elements (or attributes, for
//! `attribute: true`), in the order the description lists them; an array property repeats its
//! items' element (inside one element of the property's name when `wrapped: true`); a
//! property a schema does not list (`additionalProperties`) is an element named by its key.
//! Read: elements and attributes are matched by local name (a prefix is not needed to find
//! one), elements the description does not name are skipped (kept, by name, in an object that
//! takes other properties), and text is typed by the schema (integers, numbers and booleans
//! are read from their text). A document with a DTD is refused: no entity is ever expanded
//! beyond XML's own five.

use std::fmt::Write as _;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::error::BoxError;
use crate::request::RequestBuilder;

/// An element or attribute name: its local part, the prefix it is written with and the
/// namespace the element declares (`xmlns`, or `xmlns:prefix` with a prefix).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    /// The local part.
    pub local: &'static str,
    /// The prefix (`xml.prefix`), written `prefix:local`.
    pub prefix: Option<&'static str>,
    /// The namespace (`xml.namespace`), declared where the name is written.
    pub namespace: Option<&'static str>,
}

impl Name {
    /// A name without prefix or namespace.
    pub const fn local(local: &'static str) -> Self {
        Self {
            local,
            prefix: None,
            namespace: None,
        }
    }
}

/// What the XML of a value holds: how it is written and how its text is read.
#[derive(Clone, Copy, Debug)]
pub enum Node {
    /// Any value (a union, a free-form object): written as it is, an object's keys as elements
    /// and an array's items as repeated elements; read as its text, or as an object of the
    /// element's attributes and children (a child met twice is an array, text beside them
    /// `$text`).
    Any,
    /// Text.
    Text,
    /// An integer, written and read as its digits.
    Integer,
    /// A number.
    Number,
    /// `true` or `false` (`1` and `0` are read too, as XML Schema's boolean allows).
    Boolean,
    /// An object: its properties.
    Object(&'static Object),
    /// An array: what its items are.
    Array(&'static Items),
}

/// An object's properties, in the order the description lists them.
#[derive(Debug)]
pub struct Object {
    /// The listed properties.
    pub fields: &'static [Field],
    /// What its other properties hold, when it takes some (`additionalProperties`): child
    /// elements of other names are kept, each under its local name.
    pub other: Option<Node>,
}

/// One property of an object.
#[derive(Debug)]
pub struct Field {
    /// The property's name in the value's JSON form.
    pub key: &'static str,
    /// Its element or attribute name; for an array, the wrapping element's (when `wrapped`)
    /// and the items' unless they name themselves.
    pub name: Name,
    /// Written as an attribute of the object's element.
    pub attribute: bool,
    /// An array whose items are written inside an element of the property's name.
    pub wrapped: bool,
    /// Listed in `required`: an array of no items, which unwrapped XML does not tell from no
    /// array, is read as empty rather than absent.
    pub required: bool,
    /// What it holds.
    pub node: Node,
}

/// What an array's items are.
#[derive(Debug)]
pub struct Items {
    /// The items' element name, when their schema gives one; otherwise the property's.
    pub name: Option<Name>,
    /// What each holds.
    pub node: Node,
}

/// The root element of an XML body: its name (written; any is read) and what it holds.
#[derive(Debug)]
pub struct Root {
    /// The element's name.
    pub name: Name,
    /// What it holds.
    pub node: Node,
}

/// How deep elements may nest when read: deeper is refused rather than risk the stack (the
/// limit serde_json sets for JSON).
const MAX_DEPTH: usize = 128;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

impl RequestBuilder {
    /// Sends `body` as XML, as `root` describes it, as `media_type`.
    pub fn xml_body<B: Serialize + ?Sized>(
        mut self,
        media_type: &str,
        body: &B,
        root: &'static Root,
    ) -> Self {
        match to_string(body, root) {
            Ok(text) => self.set_body(media_type, text),
            Err(error) => self.fail(format!(
                "the request body cannot be written as XML: {error}"
            )),
        }
        self
    }
}

/// Decodes an XML success body as `T`, as `root` describes it.
pub fn decode<T: DeserializeOwned>(body: &[u8], root: &'static Root) -> Result<T, BoxError> {
    let value = to_value(body, root)?;
    Ok(crate::decode::from_value(value)?)
}

/// Decodes an XML error body, or `None` when it is empty or not the documented shape: the
/// status has already chosen the error, and the raw body is kept beside it.
pub fn decode_or_none<T: DeserializeOwned>(body: &[u8], root: &'static Root) -> Option<T> {
    decode(body, root).ok()
}

/// `value` written as an XML document whose root element `root` describes.
pub fn to_string<T: Serialize + ?Sized>(value: &T, root: &Root) -> Result<String, BoxError> {
    let value = crate::params::to_value("body", value)?;
    let mut out = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    match (&value, root.node) {
        (Value::Array(items), Node::Array(shape)) => {
            let name = Tag::from(&root.name);
            open_tag(&mut out, name, &[], &[])?;
            let item_name = Tag::from(&shape.name.unwrap_or(root.name));
            for item in items {
                element(&mut out, item_name, item, shape.node)?;
            }
            close_tag(&mut out, name);
        }
        (Value::Null, _) => {
            open_tag(&mut out, Tag::from(&root.name), &[], &[])?;
            close_tag(&mut out, Tag::from(&root.name));
        }
        _ => element(&mut out, Tag::from(&root.name), &value, root.node)?,
    }
    Ok(out)
}

/// A name as written: a [`Name`] of the description, or the key of a property it does not list.
#[derive(Clone, Copy)]
struct Tag<'a> {
    local: &'a str,
    prefix: Option<&'a str>,
    namespace: Option<&'a str>,
}

impl From<&Name> for Tag<'static> {
    fn from(name: &Name) -> Self {
        Tag {
            local: name.local,
            prefix: name.prefix,
            namespace: name.namespace,
        }
    }
}

/// Writes `value` as the element `name`; nothing for `null`, and for an array under
/// [`Node::Any`], the element once for each item.
fn element(out: &mut String, name: Tag<'_>, value: &Value, node: Node) -> Result<(), BoxError> {
    match (value, node) {
        (Value::Null, _) => Ok(()),
        (Value::Object(map), Node::Object(object)) => {
            let mut attributes = Vec::new();
            let mut declared = Vec::new();
            for field in object.fields.iter().filter(|f| f.attribute) {
                match map.get(field.key) {
                    None | Some(Value::Null) => {}
                    Some(value) => {
                        if let (Some(prefix), Some(namespace)) =
                            (field.name.prefix, field.name.namespace)
                        {
                            declared.push((prefix, namespace));
                        }
                        attributes.push((Tag::from(&field.name), scalar_text(value)));
                    }
                }
            }
            open_tag(out, name, &attributes, &declared)?;
            for field in object.fields.iter().filter(|f| !f.attribute) {
                if let Some(value) = map.get(field.key) {
                    property(out, field, value)?;
                }
            }
            for (key, value) in map {
                if !object.fields.iter().any(|f| f.key == key) {
                    let node = object.other.unwrap_or(Node::Any);
                    element(out, checked_name(key)?, value, node)?;
                }
            }
            close_tag(out, name);
            Ok(())
        }
        (Value::Object(map), _) => {
            open_tag(out, name, &[], &[])?;
            for (key, value) in map {
                element(out, checked_name(key)?, value, Node::Any)?;
            }
            close_tag(out, name);
            Ok(())
        }
        (Value::Array(items), Node::Array(shape)) => {
            // An array of arrays: each inner array is an element of the items' name.
            open_tag(out, name, &[], &[])?;
            let item_name = match &shape.name {
                Some(item) => Tag::from(item),
                None => name,
            };
            for item in items {
                element(out, item_name, item, shape.node)?;
            }
            close_tag(out, name);
            Ok(())
        }
        (Value::Array(items), _) => {
            for item in items {
                element(out, name, item, Node::Any)?;
            }
            Ok(())
        }
        (scalar, _) => {
            open_tag(out, name, &[], &[])?;
            escape(out, &scalar_text(scalar), false);
            close_tag(out, name);
            Ok(())
        }
    }
}

/// Writes one property of an object's element: an array's items (wrapped or not), or the
/// property's element.
fn property(out: &mut String, field: &Field, value: &Value) -> Result<(), BoxError> {
    match (value, field.node) {
        (Value::Array(items), Node::Array(shape)) => {
            let name = Tag::from(&field.name);
            let item_name = shape.name.as_ref().map_or(name, Tag::from);
            if field.wrapped {
                open_tag(out, name, &[], &[])?;
            }
            for item in items {
                element(out, item_name, item, shape.node)?;
            }
            if field.wrapped {
                close_tag(out, name);
            }
            Ok(())
        }
        _ => element(out, Tag::from(&field.name), value, field.node),
    }
}

/// A key of a value's JSON form as an element name, or an error when XML cannot name an
/// element so.
fn checked_name(key: &str) -> Result<Tag<'_>, BoxError> {
    if is_name(key) {
        Ok(Tag {
            local: key,
            prefix: None,
            namespace: None,
        })
    } else {
        Err(format!("the property `{key}` cannot be the name of an XML element").into())
    }
}

/// Whether `text` can name an element or attribute without a prefix (XML's `NCName`, with any
/// character beyond ASCII taken as XML takes most).
fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    let starts = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || !c.is_ascii());
    starts && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_') || !c.is_ascii())
}

/// An error unless `tag` (its local part and prefix) can be written as an XML name.
fn check_tag(tag: Tag<'_>, what: &str) -> Result<(), BoxError> {
    if is_name(tag.local) && tag.prefix.is_none_or(is_name) {
        Ok(())
    } else {
        let mut name = String::new();
        qualified(&mut name, tag);
        Err(format!("`{name}` cannot be the name of an XML {what}").into())
    }
}

fn open_tag(
    out: &mut String,
    name: Tag<'_>,
    attributes: &[(Tag<'_>, String)],
    declared: &[(&str, &str)],
) -> Result<(), BoxError> {
    check_tag(name, "element")?;
    for (attribute, _) in attributes {
        check_tag(*attribute, "attribute")?;
    }
    out.push('<');
    qualified(out, name);
    if let Some(namespace) = name.namespace {
        match name.prefix {
            Some(prefix) => {
                let _ = write!(out, " xmlns:{prefix}=\"");
            }
            None => out.push_str(" xmlns=\""),
        }
        escape(out, namespace, true);
        out.push('"');
    }
    for (prefix, namespace) in declared {
        if name.prefix != Some(*prefix) {
            let _ = write!(out, " xmlns:{prefix}=\"");
            escape(out, namespace, true);
            out.push('"');
        }
    }
    for (attribute, value) in attributes {
        out.push(' ');
        qualified(out, *attribute);
        out.push_str("=\"");
        escape(out, value, true);
        out.push('"');
    }
    out.push('>');
    Ok(())
}

fn close_tag(out: &mut String, name: Tag<'_>) {
    out.push_str("</");
    qualified(out, name);
    out.push('>');
}

fn qualified(out: &mut String, name: Tag<'_>) {
    if let Some(prefix) = name.prefix {
        out.push_str(prefix);
        out.push(':');
    }
    out.push_str(name.local);
}

/// A scalar's text: a string as it is, a number or boolean as JSON writes it; an object or
/// array (in an attribute) as its JSON text.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Appends `text` with XML's special characters escaped (quotes too, in an attribute), and
/// line breaks in an attribute as character references so they survive normalisation.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

/// An XML document read into the JSON form of the value `root` describes.
pub fn to_value(body: &[u8], root: &Root) -> Result<Value, BoxError> {
    let text = std::str::from_utf8(body).map_err(|e| format!("the XML body is not UTF-8: {e}"))?;
    let document =
        roxmltree::Document::parse(text).map_err(|e| format!("the body is not XML: {e}"))?;
    read(document.root_element(), root.node, 0)
}

/// The JSON form of `element`, which holds what `node` says.
fn read(element: roxmltree::Node<'_, '_>, node: Node, depth: usize) -> Result<Value, BoxError> {
    if depth > MAX_DEPTH {
        return Err(format!("the XML body nests elements more than {MAX_DEPTH} deep").into());
    }
    if element
        .attribute((XSI, "nil"))
        .is_some_and(|v| v == "true" || v == "1")
    {
        return Ok(Value::Null);
    }
    Ok(match node {
        Node::Any => read_any(element, depth)?,
        Node::Text => Value::String(text_of(element)),
        Node::Integer | Node::Number | Node::Boolean => typed(&text_of(element), node),
        Node::Array(items) => Value::Array(
            children(element)
                .map(|child| read(child, items.node, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Node::Object(object) => {
            let mut map = Map::new();
            for field in object.fields {
                if let Some(value) = read_field(element, field, depth)? {
                    map.insert(field.key.to_owned(), value);
                }
            }
            if let Some(other) = object.other {
                for child in children(element) {
                    let local = child.tag_name().name();
                    if object
                        .fields
                        .iter()
                        .any(|f| f.name.local == local || item_name(f) == local)
                    {
                        continue;
                    }
                    let value = read(child, other, depth + 1)?;
                    gather(&mut map, local, value);
                }
            }
            Value::Object(map)
        }
    })
}

/// The name an array property's items are written with.
fn item_name(field: &Field) -> &'static str {
    match field.node {
        Node::Array(items) => items.name.unwrap_or(field.name).local,
        _ => field.name.local,
    }
}

/// One property of the object `element` holds, or `None` when the XML has none.
fn read_field(
    element: roxmltree::Node<'_, '_>,
    field: &Field,
    depth: usize,
) -> Result<Option<Value>, BoxError> {
    let attribute = || {
        element
            .attributes()
            .find(|a| a.name() == field.name.local)
            .map(|a| typed(a.value(), field.node))
    };
    let scalar = matches!(
        field.node,
        Node::Text | Node::Integer | Node::Number | Node::Boolean
    );
    // An attribute written as a child element, or a scalar child as an attribute, is found
    // too: a server that ignores `attribute: true` is still read.
    if field.attribute {
        return match attribute() {
            Some(value) => Ok(Some(value)),
            None => children(element)
                .find(|c| c.tag_name().name() == field.name.local)
                .map(|c| read(c, field.node, depth + 1))
                .transpose(),
        };
    }
    match field.node {
        // Found as described, else as the other form of array (a server that wraps what its
        // description calls unwrapped, or the reverse), when the names tell them apart.
        Node::Array(items) => {
            let name = item_name(field);
            let wrapper = children(element).find(|c| c.tag_name().name() == field.name.local);
            let unwrapped = || -> Result<Vec<Value>, BoxError> {
                children(element)
                    .filter(|c| c.tag_name().name() == name)
                    .map(|c| read(c, items.node, depth + 1))
                    .collect()
            };
            let values = match wrapper {
                Some(wrapper) if field.wrapped || name != field.name.local => {
                    let values = if field.wrapped {
                        Vec::new()
                    } else {
                        unwrapped()?
                    };
                    if values.is_empty() {
                        return read(wrapper, field.node, depth + 1).map(Some);
                    }
                    values
                }
                _ => unwrapped()?,
            };
            Ok((!values.is_empty() || field.required).then_some(Value::Array(values)))
        }
        node => match children(element).find(|c| c.tag_name().name() == field.name.local) {
            Some(child) => read(child, node, depth + 1).map(Some),
            None if scalar => Ok(attribute()),
            None => Ok(None),
        },
    }
}

/// An element of unknown shape: its text when it holds only text, else an object of its
/// attributes and children (a name met twice an array), with any text beside them as `$text`.
fn read_any(element: roxmltree::Node<'_, '_>, depth: usize) -> Result<Value, BoxError> {
    if depth > MAX_DEPTH {
        return Err(format!("the XML body nests elements more than {MAX_DEPTH} deep").into());
    }
    let has_children = children(element).next().is_some();
    let has_attributes = element.attributes().len() > 0;
    if !has_children && !has_attributes {
        return Ok(Value::String(text_of(element)));
    }
    let mut map = Map::new();
    for attribute in element.attributes() {
        map.insert(
            attribute.name().to_owned(),
            Value::String(attribute.value().to_owned()),
        );
    }
    for child in children(element) {
        let value = read_any(child, depth + 1)?;
        gather(&mut map, child.tag_name().name(), value);
    }
    let text = text_of(element);
    if !text.trim().is_empty() {
        map.insert("$text".to_owned(), Value::String(text));
    }
    Ok(Value::Object(map))
}

/// Adds `value` under `key`, making an array of the values of a key met more than once.
fn gather(map: &mut Map<String, Value>, key: &str, value: Value) {
    match map.get_mut(key) {
        Some(Value::Array(values)) => values.push(value),
        Some(first) => {
            let first = std::mem::take(first);
            map.insert(key.to_owned(), Value::Array(vec![first, value]));
        }
        None => {
            map.insert(key.to_owned(), value);
        }
    }
}

/// The child elements of `element`.
fn children<'a, 'input>(
    element: roxmltree::Node<'a, 'input>,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    element.children().filter(roxmltree::Node::is_element)
}

/// The text directly inside `element` (its text and CDATA, joined).
fn text_of(element: roxmltree::Node<'_, '_>) -> String {
    element
        .children()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

/// Text read as `node` types it: an integer, number or boolean when it is one (surrounding
/// whitespace aside), else the text itself (so the error names what was found). An empty
/// number or boolean is `null`.
fn typed(text: &str, node: Node) -> Value {
    let trimmed = text.trim();
    match node {
        Node::Integer | Node::Number | Node::Boolean if trimmed.is_empty() => Value::Null,
        Node::Integer | Node::Number => {
            // XML Schema's lexical forms (`+7`, `007`, `1.5E3`), not `NaN` or `inf`.
            let numeric = trimmed
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
            let number = if let Ok(integer) = trimmed.parse::<i64>() {
                Some(Number::from(integer))
            } else if let Ok(integer) = trimmed.parse::<u64>() {
                Some(Number::from(integer))
            } else {
                trimmed
                    .parse::<f64>()
                    .ok()
                    .filter(|_| numeric)
                    .and_then(Number::from_f64)
            };
            number.map_or_else(|| Value::String(text.to_owned()), Value::Number)
        }
        Node::Boolean => match trimmed {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => Value::String(text.to_owned()),
        },
        _ => Value::String(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TAG: Object = Object {
        fields: &[
            Field {
                key: "id",
                name: Name::local("id"),
                attribute: true,
                wrapped: false,
                required: true,
                node: Node::Integer,
            },
            Field {
                key: "label",
                name: Name::local("label"),
                attribute: false,
                wrapped: false,
                required: false,
                node: Node::Text,
            },
        ],
        other: None,
    };

    static PET: Object = Object {
        fields: &[
            Field {
                key: "id",
                name: Name::local("id"),
                attribute: true,
                wrapped: false,
                required: true,
                node: Node::Integer,
            },
            Field {
                key: "name",
                name: Name {
                    local: "name",
                    prefix: Some("smp"),
                    namespace: Some("https://example.com/schema"),
                },
                attribute: false,
                wrapped: false,
                required: true,
                node: Node::Text,
            },
            Field {
                key: "photoUrls",
                name: Name::local("photoUrls"),
                attribute: false,
                wrapped: true,
                required: true,
                node: Node::Array(&Items {
                    name: Some(Name::local("photoUrl")),
                    node: Node::Text,
                }),
            },
            Field {
                key: "tags",
                name: Name::local("tags"),
                attribute: false,
                wrapped: false,
                required: false,
                node: Node::Array(&Items {
                    name: Some(Name::local("tag")),
                    node: Node::Object(&TAG),
                }),
            },
            Field {
                key: "sold",
                name: Name::local("sold"),
                attribute: false,
                wrapped: false,
                required: false,
                node: Node::Boolean,
            },
            Field {
                key: "parent",
                name: Name::local("parent"),
                attribute: false,
                wrapped: false,
                required: false,
                node: Node::Object(&PET),
            },
        ],
        other: None,
    };

    static ROOT: Root = Root {
        name: Name::local("Pet"),
        node: Node::Object(&PET),
    };

    fn pet() -> Value {
        serde_json::json!({
            "id": 7,
            "name": "Tom & \"Jerry\" <3",
            "photoUrls": ["a.png", "b.png"],
            "tags": [{"id": 1, "label": "cat"}, {"id": 2}],
            "sold": false,
        })
    }

    const PET_XML: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<Pet id="7"><smp:name xmlns:smp="https://example.com/schema">Tom &amp; "Jerry" &lt;3</smp:name>"#,
        r#"<photoUrls><photoUrl>a.png</photoUrl><photoUrl>b.png</photoUrl></photoUrls>"#,
        r#"<tag id="1"><label>cat</label></tag><tag id="2"></tag><sold>false</sold></Pet>"#,
    );

    #[test]
    fn writes_names_attributes_and_arrays_as_the_description_says() {
        assert_eq!(to_string(&pet(), &ROOT).unwrap(), PET_XML);
    }

    #[test]
    fn reads_back_what_it_writes() {
        assert_eq!(to_value(PET_XML.as_bytes(), &ROOT).unwrap(), pet());
    }

    #[test]
    fn reads_by_local_name_in_any_order_skipping_unknown_elements() {
        let xml = r#"<x:pet xmlns:x="urn:x" id=" 9 "><x:sold>1</x:sold><other>?</other>
            <x:name>Rex</x:name><photoUrls/><parent id="1"><name>Old</name></parent></x:pet>"#;
        assert_eq!(
            to_value(xml.as_bytes(), &ROOT).unwrap(),
            serde_json::json!({
                "id": 9, "name": "Rex", "photoUrls": [], "sold": true,
                "parent": {"id": 1, "name": "Old", "photoUrls": []},
            })
        );
    }

    #[test]
    fn an_array_is_read_wrapped_or_not_whatever_the_description_says() {
        // `photoUrls` is described wrapped, `tags` unwrapped: each is read in the other form.
        let xml = r#"<Pet id="1"><name>a</name><photoUrl>x</photoUrl><photoUrl>y</photoUrl>
            <tags><tag id="2"/></tags></Pet>"#;
        let value = to_value(xml.as_bytes(), &ROOT).unwrap();
        assert_eq!(value["photoUrls"], serde_json::json!(["x", "y"]));
        assert_eq!(value["tags"], serde_json::json!([{"id": 2}]));
    }

    #[test]
    fn an_attribute_written_as_an_element_is_read_and_the_reverse() {
        let xml = r#"<Pet name="Rex" sold="true"><id>4</id><photoUrls/></Pet>"#;
        assert_eq!(
            to_value(xml.as_bytes(), &ROOT).unwrap(),
            serde_json::json!({"id": 4, "name": "Rex", "photoUrls": [], "sold": true})
        );
    }

    #[test]
    fn a_name_xml_cannot_write_is_an_error_not_a_broken_document() {
        static BAD: Object = Object {
            fields: &[Field {
                key: "a b",
                name: Name::local("a b"),
                attribute: false,
                wrapped: false,
                required: false,
                node: Node::Text,
            }],
            other: None,
        };
        static BAD_ROOT: Root = Root {
            name: Name::local("r"),
            node: Node::Object(&BAD),
        };
        static BAD_PREFIX: Root = Root {
            name: Name {
                local: "r",
                prefix: Some("1x"),
                namespace: None,
            },
            node: Node::Text,
        };
        let error = to_string(&serde_json::json!({"a b": "x"}), &BAD_ROOT).unwrap_err();
        assert!(
            error.to_string().contains("`a b` cannot be the name"),
            "{error}"
        );
        assert!(to_string(&serde_json::json!({}), &BAD_ROOT).is_ok());
        assert!(to_string(&serde_json::json!("x"), &BAD_PREFIX).is_err());
    }

    #[test]
    fn text_that_is_not_a_number_stays_text_so_the_decoder_names_it() {
        let xml = r#"<Pet id="seven"><name>a</name></Pet>"#;
        let value = to_value(xml.as_bytes(), &ROOT).unwrap();
        assert_eq!(value["id"], "seven");
    }

    #[test]
    fn refuses_a_dtd_and_what_is_not_xml() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><Pet id="1">&x;</Pet>"#;
        assert!(to_value(bomb.as_bytes(), &ROOT).is_err());
        assert!(to_value(b"{\"id\": 1}", &ROOT).is_err());
        assert!(to_value(&[0xff, 0xfe], &ROOT).is_err());
    }

    #[test]
    fn refuses_elements_nested_too_deep() {
        let xml = format!("{}{}", "<a>".repeat(500), "</a>".repeat(500));
        let root = Root {
            name: Name::local("a"),
            node: Node::Any,
        };
        assert!(to_value(xml.as_bytes(), &root).is_err());
    }

    #[test]
    fn any_value_reads_children_attributes_and_repeats() {
        let xml = r#"<r a="1"><b>x</b><b>y</b><c><d>z</d></c>text</r>"#;
        let root = Root {
            name: Name::local("r"),
            node: Node::Any,
        };
        assert_eq!(
            to_value(xml.as_bytes(), &root).unwrap(),
            serde_json::json!({"a": "1", "b": ["x", "y"], "c": {"d": "z"}, "$text": "text"})
        );
    }

    #[test]
    fn root_arrays_and_unlisted_properties() {
        static OPEN: Object = Object {
            fields: &[],
            other: Some(Node::Any),
        };
        static LIST: Root = Root {
            name: Name::local("list"),
            node: Node::Array(&Items {
                name: Some(Name::local("entry")),
                node: Node::Object(&OPEN),
            }),
        };
        let root = &LIST;
        let value = serde_json::json!([{"k": "v"}, {"n": [1, 2]}]);
        let xml = to_string(&value, root).unwrap();
        assert!(
            xml.ends_with("<list><entry><k>v</k></entry><entry><n>1</n><n>2</n></entry></list>")
        );
        assert_eq!(
            to_value(xml.as_bytes(), root).unwrap(),
            serde_json::json!([{"k": "v"}, {"n": ["1", "2"]}])
        );
        let bad = serde_json::json!([{"1st": "v"}]);
        assert!(to_string(&bad, root).is_err());
    }

    #[test]
    fn decodes_into_a_type_naming_the_path_at_fault() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Pet {
            id: u32,
            name: String,
        }
        let pet: Pet = decode(br#"<Pet id="3"><name>n</name></Pet>"#, &ROOT).unwrap();
        assert_eq!(pet.id, 3);
        let error = decode::<Pet>(br#"<Pet id="-3"><name>n</name></Pet>"#, &ROOT).unwrap_err();
        assert!(error.to_string().contains("id"), "{error}");
    }
}
