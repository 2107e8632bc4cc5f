//! One multipart field's value as parts: a serde serializer that makes a part of a scalar or
//! bytes, a part per item of an array, and refuses anything else structured so that the caller
//! sends it as JSON.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::error::BoxError;
use crate::serde_helpers::BINARY;
use crate::upload::{FileHeaders, sending};

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    /// A scalar, sent as text (`text/plain`, the multipart default, so no `Content-Type`).
    Text(String),
    /// Bytes (a `format: binary` field), sent as a file (`application/octet-stream`), with the
    /// name and media type of the [`Upload`](crate::upload::Upload) they came from, if any.
    File(Vec<u8>, Option<FileHeaders>),
    /// An object, or an array inside an array, sent as JSON text (`application/json`).
    Json(String),
}

impl Part {
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Part::Text(text) | Part::Json(text) => text.as_bytes(),
            Part::File(bytes, _) => bytes,
        }
    }
}

/// The error type serde needs; carries any message.
#[derive(Debug)]
pub(crate) struct PartError(pub(crate) BoxError);

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

/// A value as one JSON part; `None` for `null`.
pub(crate) fn json_part<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<Option<Part>, PartError> {
    // Written straight to text: through a `Value` an `f32` would be widened (`0.1` sent as
    // `0.10000000149011612`).
    let json = crate::params::json_string(value)
        .map_err(|e| PartError(format!("field `{name}`: {e}").into()))?;
    Ok((json != "null").then_some(Part::Json(json)))
}

/// The items of an array field, each its own part.
pub(crate) struct Items {
    name: &'static str,
    parts: Vec<Part>,
}

impl Items {
    fn push<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), PartError> {
        match item.serialize(Scalar {
            in_array: true,
            octets: false,
        }) {
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

/// One field's value, or one item of an array field: a scalar or bytes become a part,
/// `None` becomes nothing, an array (at the top only) becomes a part per item, and anything
/// else structured is refused so the caller sends it as JSON.
pub(crate) struct Scalar {
    pub(crate) in_array: bool,
    /// Inside a `format: binary` value ([`BINARY`]): its text or bytes are a file part.
    pub(crate) octets: bool,
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
    );

    fn serialize_str(self, value: &str) -> Result<Vec<Part>, PartError> {
        Ok(vec![if self.octets {
            Part::File(value.as_bytes().to_vec(), sending())
        } else {
            Part::Text(value.to_owned())
        }])
    }
    fn is_human_readable(&self) -> bool {
        !self.octets
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<Vec<Part>, PartError> {
        Ok(vec![Part::File(value.to_vec(), sending())])
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
        name: &'static str,
        value: &T,
    ) -> Result<Vec<Part>, PartError> {
        value.serialize(Scalar {
            octets: self.octets || name == BINARY,
            ..self
        })
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
