//! A struct or map as named multipart parts: a serde serializer for the top level of a
//! multipart body, which refuses anything but a struct or map.

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::multipart_values::{Part, PartError, Scalar, json_part};

type Parts = Vec<(String, Part)>;

fn refuse<T>(what: &str) -> Result<T, PartError> {
    Err(PartError(
        format!("a multipart body must be a struct or map, not {what}").into(),
    ))
}

/// The parts of a single field `name` holding `value`.
pub(crate) fn field<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Parts, PartError> {
    let mut collect = Collect {
        parts: Vec::new(),
        key: None,
    };
    collect.push(name.to_owned(), value)?;
    Ok(collect.parts)
}

/// The top level: a struct or a map.
pub(crate) struct Fields;

/// Collects the fields of the top-level struct or map.
pub(crate) struct Collect {
    parts: Parts,
    key: Option<String>,
}

impl Collect {
    /// The parts of one field: one per scalar, file or object, one per item of an array.
    fn push<T: Serialize + ?Sized>(&mut self, name: String, value: &T) -> Result<(), PartError> {
        match value.serialize(Scalar {
            in_array: false,
            octets: false,
        }) {
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
        match key
            .serialize(Scalar {
                in_array: false,
                octets: false,
            })?
            .as_mut_slice()
        {
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
