//! Writing parameter values, form bodies and multipart bodies the way OpenAPI styles say.
//!
//! Every value goes through `serde_json::Value` first, so any generated type (scalars, enums,
//! arrays, structs) is encoded by the same rules, and `None` (JSON `null`) means "leave it out".

use serde::Serialize;
use serde_json::Value;

use crate::error::BoxError;

/// How a query parameter is written (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `name=a&name=b` (exploded) or `name=a,b`.
    Form,
    /// `name=a%20b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value`, nested as deep as the value goes.
    DeepObject,
}

/// A value as JSON data.
pub(crate) fn to_value<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Value, BoxError> {
    serde_json::to_value(value).map_err(|e| format!("`{name}` does not serialize: {e}").into())
}

/// A scalar as text; `None` for `null` and for arrays and objects.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A scalar as text, with arrays and objects as compact JSON; `None` for `null`.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
        _ => scalar(value),
    }
}

/// The `simple` style of path and header parameters: scalars as text, arrays comma-separated,
/// objects as `key,value,…`. `None` for `null`.
pub(crate) fn simple(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => Some(items.iter().filter_map(text).collect::<Vec<_>>().join(",")),
        Value::Object(map) => Some(
            map.iter()
                .filter_map(|(k, v)| text(v).map(|v| format!("{k},{v}")))
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => text(other),
    }
}

/// The query pairs for one parameter.
pub(crate) fn query_pairs(
    name: &str,
    style: Style,
    explode: bool,
    value: &Value,
) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    match (value, style) {
        (Value::Null, _) => {}
        (Value::Array(_) | Value::Object(_), Style::DeepObject) => {
            deep_pairs(name.to_owned(), value, &mut pairs);
        }
        (Value::Array(items), _) if explode && style == Style::Form => {
            pairs.extend(items.iter().filter_map(text).map(|v| (name.to_owned(), v)));
        }
        (Value::Array(items), _) => {
            let separator = match style {
                Style::SpaceDelimited => " ",
                Style::PipeDelimited => "|",
                Style::Form | Style::DeepObject => ",",
            };
            let joined = items
                .iter()
                .filter_map(text)
                .collect::<Vec<_>>()
                .join(separator);
            pairs.push((name.to_owned(), joined));
        }
        (Value::Object(map), _) if explode => {
            pairs.extend(
                map.iter()
                    .filter_map(|(k, v)| text(v).map(|v| (k.clone(), v))),
            );
        }
        (Value::Object(_), _) => pairs.extend(simple(value).map(|v| (name.to_owned(), v))),
        (scalar_value, _) => pairs.extend(text(scalar_value).map(|v| (name.to_owned(), v))),
    }
    pairs
}

/// `name[key]=value` pairs, recursively: `name[key][inner]`, `name[]` for arrays of scalars and
/// `name[0][key]` for arrays of objects, the convention of Rails, PHP and Stripe.
fn deep_pairs(prefix: String, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (key, inner) in map {
                deep_pairs(format!("{prefix}[{key}]"), inner, pairs);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if item.is_object() || item.is_array() {
                    deep_pairs(format!("{prefix}[{index}]"), item, pairs);
                } else {
                    deep_pairs(format!("{prefix}[]"), item, pairs);
                }
            }
        }
        scalar_value => pairs.extend(scalar(scalar_value).map(|v| (prefix, v))),
    }
}

/// An `application/x-www-form-urlencoded` body from an object. Arrays repeat their key, except
/// fields listed in `deep` (encoding style `deepObject`), which use brackets; nested objects
/// always use brackets.
pub(crate) fn form_body(value: &Value, deep: &[&str]) -> Result<String, BoxError> {
    let Value::Object(map) = value else {
        return Err("a form body must be an object".into());
    };
    let mut pairs = Vec::new();
    for (key, inner) in map {
        match inner {
            Value::Array(items)
                if !deep.contains(&key.as_str())
                    && !items.iter().any(|i| i.is_object() || i.is_array()) =>
            {
                pairs.extend(items.iter().filter_map(text).map(|v| (key.clone(), v)));
            }
            Value::Array(_) | Value::Object(_) => deep_pairs(key.clone(), inner, &mut pairs),
            other => pairs.extend(scalar(other).map(|v| (key.clone(), v))),
        }
    }
    Ok(form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish())
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// A scalar, sent as text.
    Text(String),
    /// Bytes (a `format: binary` field), sent as a file.
    File(Vec<u8>),
    /// An array or object, sent as JSON.
    Json(Value),
}

/// A `multipart/form-data` body from a struct or map: one part per field; scalars as text,
/// bytes as files (`application/octet-stream`), arrays and objects as JSON parts; `None`
/// fields are left out. Returns the body and its boundary.
pub(crate) fn multipart_body<T: Serialize + ?Sized>(
    value: &T,
) -> Result<(Vec<u8>, String), BoxError> {
    let parts = value.serialize(multipart::Fields).map_err(|e| e.0)?;
    let boundary = boundary_for(parts.iter().map(|(_, part)| match part {
        Part::Text(text) => text.as_bytes(),
        Part::File(bytes) => bytes.as_slice(),
        Part::Json(_) => b"".as_slice(),
    }));
    let mut body = Vec::new();
    for (name, part) in &parts {
        let name = name.replace('"', "%22");
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let disposition = format!("Content-Disposition: form-data; name=\"{name}\"");
        match part {
            Part::Text(text) => {
                body.extend_from_slice(format!("{disposition}\r\n\r\n").as_bytes());
                body.extend_from_slice(text.as_bytes());
            }
            Part::File(bytes) => {
                body.extend_from_slice(
                    format!(
                        "{disposition}; filename=\"{name}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
            Part::Json(json) => {
                body.extend_from_slice(
                    format!("{disposition}\r\nContent-Type: application/json\r\n\r\n").as_bytes(),
                );
                body.extend_from_slice(json.to_string().as_bytes());
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((body, boundary))
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

    /// The top level: a struct or a map.
    pub(super) struct Fields;

    /// Collects the fields of the top-level struct or map.
    pub(super) struct Collect {
        parts: Parts,
        key: Option<String>,
    }

    impl Collect {
        fn push<T: Serialize + ?Sized>(
            &mut self,
            name: String,
            value: &T,
        ) -> Result<(), PartError> {
            match value.serialize(Scalar) {
                Ok(Some(part)) => self.parts.push((name, part)),
                Ok(None) => {}
                // Arrays, objects and anything else structured travel as JSON.
                Err(_) => {
                    let json = serde_json::to_value(value)
                        .map_err(|e| PartError(format!("field `{name}`: {e}").into()))?;
                    if !json.is_null() {
                        self.parts.push((name, Part::Json(json)));
                    }
                }
            }
            Ok(())
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
            match key.serialize(Scalar)? {
                Some(Part::Text(key)) => {
                    self.key = Some(key);
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

    /// One field's value: a scalar or bytes become a part, `None` becomes nothing, and anything
    /// structured is refused so the caller sends it as JSON.
    struct Scalar;

    fn structured<T>() -> Result<T, PartError> {
        Err(PartError("structured".into()))
    }

    macro_rules! text {
        ($($method:ident($ty:ty)),* $(,)?) => {
            $(fn $method(self, value: $ty) -> Result<Option<Part>, PartError> {
                Ok(Some(Part::Text(value.to_string())))
            })*
        };
    }

    impl ser::Serializer for Scalar {
        type Ok = Option<Part>;
        type Error = PartError;
        type SerializeSeq = Impossible<Option<Part>, PartError>;
        type SerializeTuple = Impossible<Option<Part>, PartError>;
        type SerializeTupleStruct = Impossible<Option<Part>, PartError>;
        type SerializeTupleVariant = Impossible<Option<Part>, PartError>;
        type SerializeMap = Impossible<Option<Part>, PartError>;
        type SerializeStruct = Impossible<Option<Part>, PartError>;
        type SerializeStructVariant = Impossible<Option<Part>, PartError>;

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

        fn serialize_bytes(self, value: &[u8]) -> Result<Option<Part>, PartError> {
            Ok(Some(Part::File(value.to_vec())))
        }
        fn serialize_none(self) -> Result<Option<Part>, PartError> {
            Ok(None)
        }
        fn serialize_unit(self) -> Result<Option<Part>, PartError> {
            Ok(None)
        }
        fn serialize_some<T: Serialize + ?Sized>(
            self,
            value: &T,
        ) -> Result<Option<Part>, PartError> {
            value.serialize(self)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Option<Part>, PartError> {
            Ok(None)
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<Option<Part>, PartError> {
            Ok(Some(Part::Text(variant.to_owned())))
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<Option<Part>, PartError> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Option<Part>, PartError> {
            structured()
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, PartError> {
            structured()
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, PartError> {
            structured()
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
    fn simple_style() {
        assert_eq!(simple(&json!("a b")).as_deref(), Some("a b"));
        assert_eq!(simple(&json!([1, 2, 3])).as_deref(), Some("1,2,3"));
        assert_eq!(simple(&json!(null)), None);
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
            form_body(&body, &["expand"]).unwrap(),
            "name=a+b%26c&tags=x&tags=y&expand%5B%5D=one&metadata%5Bk%5D=v\
             &items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bqty%5D=2"
        );
        assert!(form_body(&json!([1]), &[]).is_err());
    }

    #[test]
    fn multipart_bodies() {
        let (body, boundary) =
            multipart_body(&json!({"name": "n", "meta": {"a": 1}, "none": null})).unwrap();
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
        let (body, boundary) = multipart_body(&upload).unwrap();
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
        assert!(multipart_body(&[1, 2]).is_err());
    }

    #[test]
    fn the_boundary_never_occurs_in_a_part() {
        let first = boundary_for(std::iter::empty());
        let (_, boundary) = multipart_body(&json!({ "x": first.clone() })).unwrap();
        assert_ne!(boundary, first);
    }
}
