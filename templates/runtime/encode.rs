//! Writing form bodies and multipart bodies the way OpenAPI styles say, and query strings.
//!
//! Every value goes through `serde_json::Value` first, so any generated type (scalars, enums,
//! arrays, structs) is encoded by the same rules, and `None` (JSON `null`) means "leave it out".
//! Parameters are written by [`crate::params`].

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use crate::error::BoxError;
use crate::params::{self, deep_pairs, scalar, text};

/// How a form body field is written (OpenAPI `style` in an Encoding Object), as a query
/// parameter of that style would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `name=a&name=b` (exploded) or `name=a,b`.
    Form,
    /// `name=a%20b`, or `name=a&name=b` exploded.
    SpaceDelimited,
    /// `name=a|b`, or `name=a&name=b` exploded.
    PipeDelimited,
    /// `name[key]=value`, nested as deep as the value goes.
    DeepObject,
}

/// What a query or form component keeps as it is: RFC 3986's unreserved characters. Everything
/// else is percent-encoded, a space as `%20`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `name=value&…` for a query string or an `application/x-www-form-urlencoded` body.
///
/// A space is written `%20`, as RFC 6570 (which OpenAPI's parameter styles follow) writes it,
/// not `+`: every server decodes `%20`, but `+` is a reserved character that a server reading
/// RFC 3986 keeps as a plus, and that a validating server rejects where reserved characters
/// are not allowed (`spaceDelimited` would then arrive as one item).
pub(crate) fn urlencoded<K: AsRef<str>, V: AsRef<str>>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(utf8_percent_encode(name.as_ref(), COMPONENT));
        out.push('=');
        out.extend(utf8_percent_encode(value.as_ref(), COMPONENT));
    }
    out
}

/// The query pairs for one form field written in `style`, by the parameter encoder of that
/// style (see [`crate::params`]).
pub(crate) fn query_pairs(
    name: &str,
    style: Style,
    explode: bool,
    value: &Value,
) -> Vec<(String, String)> {
    let write = match (style, explode) {
        (Style::DeepObject, _) => params::deep_object,
        (_, true) => params::exploded,
        (Style::Form, false) => params::form_joined,
        (Style::SpaceDelimited, false) => params::space_delimited,
        (Style::PipeDelimited, false) => params::pipe_delimited,
    };
    let mut pairs = Vec::new();
    write(name, value, &mut pairs);
    pairs
}

/// How one field of a form or multipart body is encoded: what an OpenAPI Encoding Object says
/// about it. Fields without one use the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Encoding {
    field: &'static str,
    content_type: Option<&'static str>,
    headers: &'static [(&'static str, &'static str)],
    style: Option<(Style, bool)>,
}

impl Encoding {
    /// A form field written in `style`, exploded or not, as a query parameter would be.
    pub(crate) const fn style(field: &'static str, style: Style, explode: bool) -> Self {
        Self {
            field,
            content_type: None,
            headers: &[],
            style: Some((style, explode)),
        }
    }

    /// A multipart field whose parts have this `Content-Type` (instead of the default for the
    /// value) and these extra headers.
    pub(crate) const fn part(
        field: &'static str,
        content_type: Option<&'static str>,
        headers: &'static [(&'static str, &'static str)],
    ) -> Self {
        Self {
            field,
            content_type,
            headers,
            style: None,
        }
    }
}

/// The encoding given for `field`, if any.
fn encoding_of<'e>(encodings: &'e [Encoding], field: &str) -> Option<&'e Encoding> {
    encodings.iter().find(|e| e.field == field)
}

/// An `application/x-www-form-urlencoded` body from an object. A field with an encoding `style`
/// is written as a query parameter of that style would be (`form`, `spaceDelimited`,
/// `pipeDelimited`, `deepObject`, with its `explode`). Without one, arrays of scalars repeat
/// their key and nested objects and arrays use brackets (`a[b]=c`, `a[0][b]=c`), which is what
/// APIs that take nested form bodies (Stripe, Rails, PHP) read.
pub(crate) fn form_body(value: &Value, encodings: &[Encoding]) -> Result<String, BoxError> {
    let Value::Object(map) = value else {
        return Err("a form body must be an object".into());
    };
    let mut pairs = Vec::new();
    for (key, inner) in map {
        if let Some((style, explode)) = encoding_of(encodings, key).and_then(|e| e.style) {
            pairs.extend(query_pairs(key, style, explode, inner));
            continue;
        }
        match inner {
            Value::Array(items) if !items.iter().any(|i| i.is_object() || i.is_array()) => {
                pairs.extend(items.iter().filter_map(text).map(|v| (key.clone(), v)));
            }
            Value::Array(_) | Value::Object(_) => deep_pairs(key.clone(), inner, &mut pairs),
            other => pairs.extend(scalar(other).map(|v| (key.clone(), v))),
        }
    }
    Ok(urlencoded(pairs))
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// A scalar, sent as text (`text/plain`, the multipart default, so no `Content-Type`).
    Text(String),
    /// Bytes (a `format: binary` field), sent as a file (`application/octet-stream`).
    File(Vec<u8>),
    /// An object, or an array inside an array, sent as JSON text (`application/json`).
    Json(String),
}

impl Part {
    fn bytes(&self) -> &[u8] {
        match self {
            Part::Text(text) | Part::Json(text) => text.as_bytes(),
            Part::File(bytes) => bytes,
        }
    }
}

/// A `multipart/form-data` body from a struct or map, by the OpenAPI 3.0 defaults: one part per
/// field, and one part per item of an array field, all with the field's name; scalars as text,
/// bytes as files (`application/octet-stream`), objects as JSON (`application/json`); `None`
/// fields are left out. `encodings` replace a field's `Content-Type` and add part headers.
/// Returns the body and its boundary.
pub(crate) fn multipart_body<T: Serialize + ?Sized>(
    value: &T,
    encodings: &[Encoding],
) -> Result<(Vec<u8>, String), BoxError> {
    let parts = value.serialize(multipart::Fields).map_err(|e| e.0)?;
    Ok(multipart_parts(&parts, encodings))
}

/// A `multipart/form-data` body of one field, `name`, holding `value` (for a body whose schema
/// is not an object): one part, or one per item of an array, by the same rules as the fields of
/// [`multipart_body`]. Returns the body and its boundary.
pub(crate) fn multipart_field<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    encodings: &[Encoding],
) -> Result<(Vec<u8>, String), BoxError> {
    let parts = multipart::field(name, value).map_err(|e| e.0)?;
    Ok(multipart_parts(&parts, encodings))
}

/// Writes named parts as a multipart body with a boundary found in none of them.
fn multipart_parts(parts: &[(String, Part)], encodings: &[Encoding]) -> (Vec<u8>, String) {
    let boundary = boundary_for(parts.iter().map(|(_, part)| part.bytes()));
    let mut body = Vec::new();
    for (name, part) in parts {
        let encoding = encoding_of(encodings, name);
        let name = name.replace('"', "%22");
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(
            format!("Content-Disposition: form-data; name=\"{name}\"").as_bytes(),
        );
        let default_type = match part {
            Part::Text(_) => None,
            Part::File(_) => {
                body.extend_from_slice(format!("; filename=\"{name}\"").as_bytes());
                Some("application/octet-stream")
            }
            Part::Json(_) => Some("application/json"),
        };
        body.extend_from_slice(b"\r\n");
        let content_type = encoding.and_then(|e| e.content_type).or(default_type);
        if let Some(content_type) = content_type {
            body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        for (header, value) in encoding.map_or(&[][..], |e| e.headers) {
            body.extend_from_slice(format!("{header}: {value}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(part.bytes());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (body, boundary)
}

/// Serializers that turn a struct into multipart parts. Only the shape of the top level and
/// of each field's value matters; everything else is refused.
mod multipart {
    use std::fmt;

    use serde::Serialize;
    use serde::ser::{self, Impossible};

    use super::{BoxError, Part};

    /// The error type serde needs; carries any message.
    #[derive(Debug)]
    pub(super) struct PartError(pub(super) BoxError);

    impl fmt::Display for PartError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.fmt(f)
        }
    }

    impl std::error::Error for PartError {}

    impl ser::Error for PartError {
        fn custom<T: fmt::Display>(message: T) -> Self {
            PartError(message.to_string().into())
        }
    }

    type Parts = Vec<(String, Part)>;

    fn refuse<T>(what: &str) -> Result<T, PartError> {
        Err(PartError(
            format!("a multipart body must be a struct or map, not {what}").into(),
        ))
    }

    /// The parts of a single field `name` holding `value`.
    pub(super) fn field<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Parts, PartError> {
        let mut collect = Collect {
            parts: Vec::new(),
            key: None,
        };
        collect.push(name.to_owned(), value)?;
        Ok(collect.parts)
    }

    /// The top level: a struct or a map.
    pub(super) struct Fields;

    /// Collects the fields of the top-level struct or map.
    pub(super) struct Collect {
        parts: Parts,
        key: Option<String>,
    }

    impl Collect {
        /// The parts of one field: one per scalar, file or object, one per item of an array.
        fn push<T: Serialize + ?Sized>(
            &mut self,
            name: String,
            value: &T,
        ) -> Result<(), PartError> {
            match value.serialize(Scalar { in_array: false }) {
                Ok(parts) => self
                    .parts
                    .extend(parts.into_iter().map(|part| (name.clone(), part))),
                // Objects and anything else structured travel as JSON.
                Err(_) => self
                    .parts
                    .extend(json_part(&name, value)?.map(|p| (name, p))),
            }
            Ok(())
        }
    }

    /// A value as one JSON part; `None` for `null`.
    fn json_part<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Option<Part>, PartError> {
        let json = serde_json::to_value(value)
            .map_err(|e| PartError(format!("field `{name}`: {e}").into()))?;
        Ok((!json.is_null()).then(|| Part::Json(json.to_string())))
    }

    /// The items of an array field, each its own part.
    pub(super) struct Items {
        name: &'static str,
        parts: Vec<Part>,
    }

    impl Items {
        fn push<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), PartError> {
            match item.serialize(Scalar { in_array: true }) {
                Ok(parts) => self.parts.extend(parts),
                Err(_) => self.parts.extend(json_part(self.name, item)?),
            }
            Ok(())
        }
    }

    impl ser::SerializeSeq for Items {
        type Ok = Vec<Part>;
        type Error = PartError;
        fn serialize_element<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), PartError> {
            self.push(item)
        }
        fn end(self) -> Result<Vec<Part>, PartError> {
            Ok(self.parts)
        }
    }

    impl ser::SerializeTuple for Items {
        type Ok = Vec<Part>;
        type Error = PartError;
        fn serialize_element<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), PartError> {
            self.push(item)
        }
        fn end(self) -> Result<Vec<Part>, PartError> {
            Ok(self.parts)
        }
    }

    impl ser::SerializeStruct for Collect {
        type Ok = Parts;
        type Error = PartError;
        fn serialize_field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            value: &T,
        ) -> Result<(), PartError> {
            self.push(key.to_owned(), value)
        }
        fn end(self) -> Result<Parts, PartError> {
            Ok(self.parts)
        }
    }

    impl ser::SerializeMap for Collect {
        type Ok = Parts;
        type Error = PartError;
        fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), PartError> {
            match key.serialize(Scalar { in_array: false })?.as_mut_slice() {
                [Part::Text(key)] => {
                    self.key = Some(std::mem::take(key));
                    Ok(())
                }
                _ => refuse("a map with non-text keys"),
            }
        }
        fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), PartError> {
            let key = self.key.take().unwrap_or_default();
            self.push(key, value)
        }
        fn end(self) -> Result<Parts, PartError> {
            Ok(self.parts)
        }
    }

    macro_rules! refuse_scalars {
        ($($method:ident($($ty:ty)?)),* $(,)?) => {
            $(fn $method(self $(, _: $ty)?) -> Result<Parts, PartError> {
                refuse("a scalar")
            })*
        };
    }

    impl ser::Serializer for Fields {
        type Ok = Parts;
        type Error = PartError;
        type SerializeSeq = Impossible<Parts, PartError>;
        type SerializeTuple = Impossible<Parts, PartError>;
        type SerializeTupleStruct = Impossible<Parts, PartError>;
        type SerializeTupleVariant = Impossible<Parts, PartError>;
        type SerializeMap = Collect;
        type SerializeStruct = Collect;
        type SerializeStructVariant = Impossible<Parts, PartError>;

        refuse_scalars!(
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_char(char),
            serialize_str(&str),
            serialize_bytes(&[u8]),
            serialize_none(),
            serialize_unit(),
        );

        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Parts, PartError> {
            value.serialize(self)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Parts, PartError> {
            refuse("a unit struct")
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<Parts, PartError> {
            refuse("an enum")
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<Parts, PartError> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            value: &T,
        ) -> Result<Parts, PartError> {
            value.serialize(self)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, PartError> {
            refuse("a list")
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, PartError> {
            refuse("a tuple")
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, PartError> {
            refuse("a tuple")
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, PartError> {
            refuse("a tuple")
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Collect, PartError> {
            Ok(Collect {
                parts: Vec::new(),
                key: None,
            })
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Collect, PartError> {
            Ok(Collect {
                parts: Vec::new(),
                key: None,
            })
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, PartError> {
            refuse("an enum")
        }
    }

    /// One field's value, or one item of an array field: a scalar or bytes become a part,
    /// `None` becomes nothing, an array (at the top only) becomes a part per item, and anything
    /// else structured is refused so the caller sends it as JSON.
    struct Scalar {
        in_array: bool,
    }

    fn structured<T>() -> Result<T, PartError> {
        Err(PartError("structured".into()))
    }

    macro_rules! text {
        ($($method:ident($ty:ty)),* $(,)?) => {
            $(fn $method(self, value: $ty) -> Result<Vec<Part>, PartError> {
                Ok(vec![Part::Text(value.to_string())])
            })*
        };
    }

    impl ser::Serializer for Scalar {
        type Ok = Vec<Part>;
        type Error = PartError;
        type SerializeSeq = Items;
        type SerializeTuple = Items;
        type SerializeTupleStruct = Impossible<Vec<Part>, PartError>;
        type SerializeTupleVariant = Impossible<Vec<Part>, PartError>;
        type SerializeMap = Impossible<Vec<Part>, PartError>;
        type SerializeStruct = Impossible<Vec<Part>, PartError>;
        type SerializeStructVariant = Impossible<Vec<Part>, PartError>;

        text!(
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_char(char),
            serialize_str(&str),
        );

        fn serialize_bytes(self, value: &[u8]) -> Result<Vec<Part>, PartError> {
            Ok(vec![Part::File(value.to_vec())])
        }
        fn serialize_none(self) -> Result<Vec<Part>, PartError> {
            Ok(Vec::new())
        }
        fn serialize_unit(self) -> Result<Vec<Part>, PartError> {
            Ok(Vec::new())
        }
        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Vec<Part>, PartError> {
            value.serialize(self)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Vec<Part>, PartError> {
            Ok(Vec::new())
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<Vec<Part>, PartError> {
            Ok(vec![Part::Text(variant.to_owned())])
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<Vec<Part>, PartError> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Vec<Part>, PartError> {
            structured()
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Items, PartError> {
            self.items()
        }
        fn serialize_tuple(self, _: usize) -> Result<Items, PartError> {
            self.items()
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, PartError> {
            structured()
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, PartError> {
            structured()
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, PartError> {
            structured()
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, PartError> {
            structured()
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, PartError> {
            structured()
        }
    }

    impl Scalar {
        /// A part per item of a field's array; an array inside an array is one JSON part.
        fn items(self) -> Result<Items, PartError> {
            if self.in_array {
                return structured();
            }
            Ok(Items {
                name: "array item",
                parts: Vec::new(),
            })
        }
    }
}

/// A boundary that occurs in none of the parts.
fn boundary_for<'a>(parts: impl Iterator<Item = &'a [u8]> + Clone) -> String {
    let mut n: u64 = 0x5eed_0fb0_a7d4;
    loop {
        let boundary = format!("----boundary{n:016x}");
        let clashes = parts
            .clone()
            .any(|p| p.windows(boundary.len()).any(|w| w == boundary.as_bytes()));
        if !clashes {
            return boundary;
        }
        n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(style: Style, explode: bool, value: Value) -> Vec<(String, String)> {
        query_pairs("p", style, explode, &value)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_space_is_percent_encoded_and_only_unreserved_characters_stay() {
        assert_eq!(
            urlencoded([("q", "a b+c"), ("x[y]", "é&=~-._*")]),
            "q=a%20b%2Bc&x%5By%5D=%C3%A9%26%3D~-._%2A"
        );
        assert_eq!(urlencoded(Vec::<(&str, &str)>::new()), "");
    }

    #[test]
    fn query_styles() {
        assert_eq!(query(Style::Form, true, json!(null)), pairs(&[]));
        assert_eq!(query(Style::Form, true, json!(5)), pairs(&[("p", "5")]));
        assert_eq!(
            query(Style::Form, true, json!(["a", "b"])),
            pairs(&[("p", "a"), ("p", "b")])
        );
        assert_eq!(
            query(Style::Form, false, json!(["a", "b"])),
            pairs(&[("p", "a,b")])
        );
        assert_eq!(
            query(Style::SpaceDelimited, false, json!([1, 2])),
            pairs(&[("p", "1 2")])
        );
        assert_eq!(
            query(Style::PipeDelimited, false, json!([1, 2])),
            pairs(&[("p", "1|2")])
        );
        assert_eq!(
            query(Style::SpaceDelimited, true, json!([1, 2])),
            pairs(&[("p", "1"), ("p", "2")])
        );
        assert_eq!(
            query(Style::PipeDelimited, true, json!(["a", "b"])),
            pairs(&[("p", "a"), ("p", "b")])
        );
        assert_eq!(
            query(Style::PipeDelimited, false, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R|100|G|200")])
        );
        assert_eq!(
            query(Style::Form, false, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R,100,G,200")])
        );
        assert_eq!(
            query(Style::Form, true, json!({"a": 1, "b": "x"})),
            pairs(&[("a", "1"), ("b", "x")])
        );
        assert_eq!(
            query(
                Style::DeepObject,
                true,
                json!({"a": {"gt": 1}, "tags": ["x", "y"]})
            ),
            pairs(&[("p[a][gt]", "1"), ("p[tags][]", "x"), ("p[tags][]", "y")])
        );
    }

    #[test]
    fn form_bodies() {
        let body = json!({
            "name": "a b&c",
            "skip": null,
            "tags": ["x", "y"],
            "expand": ["one"],
            "metadata": {"k": "v"},
            "items": [{"price": "p1", "qty": 2}]
        });
        assert_eq!(
            form_body(&body, &[Encoding::style("expand", Style::DeepObject, true)]).unwrap(),
            "name=a%20b%26c&tags=x&tags=y&expand%5B%5D=one&metadata%5Bk%5D=v\
             &items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bqty%5D=2"
        );
        assert!(form_body(&json!([1]), &[]).is_err());
        let styled = json!({"ids": [1, 2], "words": ["a", "b"], "shape": {"c": "r", "s": 3}});
        let encodings = [
            Encoding::style("ids", Style::Form, false),
            Encoding::style("words", Style::PipeDelimited, false),
            Encoding::style("shape", Style::Form, true),
        ];
        assert_eq!(
            form_body(&styled, &encodings).unwrap(),
            "ids=1%2C2&words=a%7Cb&c=r&s=3"
        );
    }

    #[test]
    fn multipart_bodies() {
        let (body, boundary) =
            multipart_body(&json!({"name": "n", "meta": {"a": 1}, "none": null}), &[]).unwrap();
        let text = String::from_utf8(body).unwrap();
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nn\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n\
                 Content-Type: application/json\r\n\r\n{{\"a\":1}}\r\n--{boundary}--\r\n"
            )
        );
    }

    #[test]
    fn bytes_become_file_parts() {
        #[derive(Serialize)]
        struct Upload<'a> {
            #[serde(with = "bytes_field")]
            file: &'a [u8],
            note: Option<&'a str>,
            skipped: Option<&'a str>,
        }
        mod bytes_field {
            pub(super) fn serialize<S: serde::Serializer>(
                v: &&[u8],
                s: S,
            ) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(v)
            }
        }
        let upload = Upload {
            file: &[0, 159, 146, 150],
            note: Some("n"),
            skipped: None,
        };
        let (body, boundary) = multipart_body(&upload, &[]).unwrap();
        let mut expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(&[0, 159, 146, 150]);
        expected.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nn\r\n\
                 --{boundary}--\r\n"
            )
            .as_bytes(),
        );
        assert_eq!(body, expected);
        assert!(multipart_body(&[1, 2], &[]).is_err());
    }

    #[test]
    fn a_value_that_is_not_an_object_is_one_field() {
        let (body, boundary) =
            multipart_field("file", &bytes::Bytes::from_static(b"\x00\x01"), &[]).unwrap();
        let mut expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(b"\x00\x01");
        expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(body, expected);
        let (body, boundary) = multipart_field("tag", &["a", "b"], &[]).unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\na\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nb\r\n\
                 --{boundary}--\r\n"
            )
        );
    }

    #[test]
    fn arrays_are_one_part_per_item() {
        #[derive(Serialize)]
        struct Form {
            words: Vec<&'static str>,
            files: Vec<bytes::Bytes>,
            nested: Vec<Vec<i32>>,
            objects: Vec<Value>,
        }
        let form = Form {
            words: vec!["word", "segment"],
            files: vec![
                bytes::Bytes::from_static(b"\x00\x01"),
                bytes::Bytes::from_static(b"\xff"),
            ],
            nested: vec![vec![1, 2]],
            objects: vec![json!({"k": "v"}), json!(null)],
        };
        let encodings = [Encoding::part(
            "files",
            Some("image/png"),
            &[("X-Origin", "scanner")],
        )];
        let (body, b) = multipart_body(&form, &encodings).unwrap();
        let mut expected = Vec::new();
        let d = "Content-Disposition: form-data; name=";
        for piece in [
            format!("--{b}\r\n{d}\"words\"\r\n\r\nword\r\n").into_bytes(),
            format!("--{b}\r\n{d}\"words\"\r\n\r\nsegment\r\n").into_bytes(),
            format!(
                "--{b}\r\n{d}\"files\"; filename=\"files\"\r\nContent-Type: image/png\r\n\
                 X-Origin: scanner\r\n\r\n\x00\x01\r\n"
            )
            .into_bytes(),
            format!(
                "--{b}\r\n{d}\"files\"; filename=\"files\"\r\nContent-Type: image/png\r\n\
                 X-Origin: scanner\r\n\r\n"
            )
            .into_bytes(),
            b"\xff\r\n".to_vec(),
            format!("--{b}\r\n{d}\"nested\"\r\nContent-Type: application/json\r\n\r\n[1,2]\r\n")
                .into_bytes(),
            format!(
                "--{b}\r\n{d}\"objects\"\r\nContent-Type: application/json\r\n\r\n{{\"k\":\"v\"}}\r\n"
            )
            .into_bytes(),
            format!("--{b}--\r\n").into_bytes(),
        ] {
            expected.extend_from_slice(&piece);
        }
        assert_eq!(
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&expected)
        );
    }

    #[test]
    fn the_boundary_never_occurs_in_a_part() {
        let first = boundary_for(std::iter::empty());
        let (_, boundary) = multipart_body(&json!({ "x": first.clone() }), &[]).unwrap();
        assert_ne!(boundary, first);
        let (_, boundary) = multipart_body(&json!({ "x": {"y": first.clone()} }), &[]).unwrap();
        assert_ne!(boundary, first);
    }
}
