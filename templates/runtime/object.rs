//! Reading a struct from a JSON object and writing one: what the `Deserialize` and `Serialize`
//! impls of the generated structs call. Each struct says only how its fields are read
//! (`Object::read`) and written (`Writer`); the visitor, the key type and the checks live here
//! once, so a crate with thousands of types does not compile thousands of copies of them
//! (serde's derive writes a field enum, a key visitor and a sequence visitor for every struct,
//! none of which a JSON object needs).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::serde_helpers::{Binary, BinaryField};

/// A struct the generated code reads from a JSON object, field by field.
pub trait Object: Sized {
    /// The struct's name, for error messages ("expected struct Name").
    const NAME: &'static str;

    /// Reads the object's entries from `map`, each known key into its field, others skipped;
    /// fails on a missing required field or a field given twice.
    fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of an [`Object`]: a JSON object, read by [`Object::read`].
pub fn object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct Fields<T>(PhantomData<T>);

    impl<'de, T: Object> Visitor<'de> for Fields<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "struct {}", T::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            crate::serde_helpers::one_deeper(|| T::read(map))
        }
    }

    deserializer.deserialize_map(Fields(PhantomData))
}

/// A key of a JSON object: borrowed from the input where it can be (no escapes), else owned.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E: Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Reads the value of the field `name` into `slot`; a field given twice is an error.
pub fn next<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`next`] for an optional, nullable field typed `Option<Option<T>>`: `null` is kept apart from
/// an absent field as `Some(None)`.
pub fn next_nullable<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<Option<Option<T>>>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(Some(map.next_value()?));
    Ok(())
}

/// Skips the value of a key the struct does not know; refuses it instead when the struct is
/// an alternative an untagged `oneOf` tries in its strict pass
/// ([`crate::serde_helpers::refuses_unlisted_keys`]), so that an alternative that lists the
/// key is chosen if there is one (a newer server's key, which none lists, is skipped in the
/// lenient pass after).
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    if crate::serde_helpers::refuses_unlisted_keys() {
        return Err(A::Error::custom("a key the API description does not list"));
    }
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of the required field `name`, or the error that it is missing.
pub fn required<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The value of the required list or map `name` (read as an `Option`, so that `null` is taken):
/// absent or `null`, it is empty, unless an untagged `oneOf` is trying its alternatives
/// strictly ([`crate::serde_helpers::strict`]), where it is the error that it is missing, so
/// that the alternative that holds it wins. Servers leave out an empty list their description
/// requires often enough that failing the whole body for it would help nobody.
pub fn or_empty<T: Default, E: Error>(slot: Option<Option<T>>, name: &'static str) -> Result<T, E> {
    match slot {
        Some(Some(value)) => Ok(value),
        _ if !crate::serde_helpers::strict() => Ok(T::default()),
        Some(None) => Err(E::custom(format_args!("field `{name}` is null"))),
        None => Err(E::missing_field(name)),
    }
}

/// A struct being written, field by field: what `serialize_struct` gives, with a method for an
/// optional field.
pub struct Writer<S: Serializer>(S::SerializeStruct);

/// Starts writing the struct `name` with `len` fields present.
pub fn write<S: Serializer>(
    serializer: S,
    name: &'static str,
    len: usize,
) -> Result<Writer<S>, S::Error> {
    serializer.serialize_struct(name, len).map(Writer)
}

impl<S: Serializer> Writer<S> {
    /// Writes a field that is always there.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(name, value)
    }

    /// Writes an optional field's value, or leaves the field out when it is `None` (an
    /// `Option<Option<T>>` that is `Some(None)` is written as `null`).
    pub fn optional<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(value) => self.0.serialize_field(name, value),
            None => self.0.skip_field(name),
        }
    }

    /// Writes a field that is always there and holds `format: binary` bytes (see
    /// [`BinaryField`]): a JSON string, not serde's list of numbers.
    pub fn binary<T: BinaryField + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(name, &Binary(value))
    }

    /// [`Self::optional`] for a field that holds `format: binary` bytes.
    pub fn optional_binary<T: BinaryField>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(value) => self.0.serialize_field(name, &Binary(value)),
            None => self.0.skip_field(name),
        }
    }

    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What the generator writes for a struct with a required field, an optional one, an
    /// optional nullable one and a renamed one.
    #[derive(Debug, PartialEq)]
    struct Pet {
        id: i64,
        tag: Option<String>,
        note: Option<Option<String>>,
        r#type: Option<String>,
    }

    impl Serialize for Pet {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut len = 1;
            len += usize::from(self.tag.is_some());
            len += usize::from(self.note.is_some());
            len += usize::from(self.r#type.is_some());
            let mut out = write(serializer, "Pet", len)?;
            out.field("id", &self.id)?;
            out.optional("tag", &self.tag)?;
            out.optional("note", &self.note)?;
            out.optional("type", &self.r#type)?;
            out.end()
        }
    }

    impl<'de> Deserialize<'de> for Pet {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            object(deserializer)
        }
    }

    impl Object for Pet {
        const NAME: &'static str = "Pet";

        fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut id = None;
            let mut tag = None;
            let mut note = None;
            let mut r#type = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "id" => next(&mut map, &mut id, "id")?,
                    "tag" => next(&mut map, &mut tag, "tag")?,
                    "note" => next_nullable(&mut map, &mut note, "note")?,
                    "type" => next(&mut map, &mut r#type, "type")?,
                    _ => skip(&mut map)?,
                }
            }
            Ok(Self {
                id: required(id, "id")?,
                tag: tag.unwrap_or_default(),
                note: note.unwrap_or_default(),
                r#type: r#type.unwrap_or_default(),
            })
        }
    }

    fn pet(value: serde_json::Value) -> Result<Pet, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    #[test]
    fn fields_are_read_by_their_wire_names() {
        let read = pet(json!({"id": 1, "tag": "a", "note": "b", "type": "cat", "other": [1]}));
        let expected = Pet {
            id: 1,
            tag: Some("a".into()),
            note: Some(Some("b".into())),
            r#type: Some("cat".into()),
        };
        assert_eq!(read, Ok(expected));
    }

    #[test]
    fn written_as_read_with_absent_left_out_and_null_kept() {
        for wire in [
            json!({"id": 1}),
            json!({"id": 1, "tag": "a", "note": null}),
            json!({"id": 2, "note": "n", "type": "cat"}),
        ] {
            let pet = pet(wire.clone()).unwrap();
            assert_eq!(serde_json::to_value(&pet).unwrap(), wire);
        }
    }

    #[test]
    fn a_key_the_struct_does_not_list_is_refused_only_in_a_strict_pass() {
        let wire = json!({"id": 1, "reviewers": []});
        let mut tried = Vec::new();
        for () in crate::serde_helpers::passes() {
            tried.push(pet(wire.clone()).is_ok());
        }
        assert_eq!(tried, [false, true]);
        // Outside an untagged `oneOf`, the key is skipped.
        assert!(pet(wire).is_ok());
        assert!(!crate::serde_helpers::strict());
        // Only the alternative itself refuses it, not a struct inside it.
        let inner = json!({"pets": [{"id": 1, "reviewers": []}]});
        for () in crate::serde_helpers::passes() {
            let outer = serde_json::from_value::<Vec<Pet>>(json!([{"id": 1, "x": 2}]));
            let nested = crate::serde_helpers::one_deeper(|| {
                serde_json::from_value::<Vec<Pet>>(inner["pets"].clone())
            });
            assert!(
                outer.is_err() == crate::serde_helpers::strict(),
                "{outer:?}"
            );
            assert!(nested.is_ok(), "{nested:?}");
        }
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        let absent = pet(json!({"id": 1})).unwrap();
        assert_eq!((absent.tag, absent.note), (None, None));
        let null = pet(json!({"id": 1, "tag": null, "note": null})).unwrap();
        assert_eq!((null.tag, null.note), (None, Some(None)));
    }

    #[test]
    fn a_missing_duplicate_or_mistyped_field_is_an_error() {
        assert_eq!(pet(json!({"tag": "a"})), Err("missing field `id`".into()));
        let text = r#"{"id": 1, "id": 2}"#;
        let twice = serde_json::from_str::<Pet>(text).map_err(|e| e.to_string());
        assert_eq!(
            twice,
            Err("duplicate field `id` at line 1 column 14".into())
        );
        assert_eq!(
            pet(json!([1])),
            Err("invalid type: sequence, expected struct Pet".into())
        );
        let mistyped = pet(json!({"id": "one"})).unwrap_err();
        assert!(
            mistyped.starts_with("invalid type: string \"one\""),
            "{mistyped}"
        );
    }

    /// What the generator writes for a struct with a required list.
    #[derive(Debug, PartialEq)]
    struct Litter {
        pets: Vec<u32>,
    }

    impl<'de> Deserialize<'de> for Litter {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            object(deserializer)
        }
    }

    impl Object for Litter {
        const NAME: &'static str = "Litter";

        fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut pets = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "pets" => next(&mut map, &mut pets, "pets")?,
                    _ => skip(&mut map)?,
                }
            }
            Ok(Self {
                pets: or_empty(pets, "pets")?,
            })
        }
    }

    #[test]
    fn a_required_list_absent_or_null_is_empty_except_in_a_strict_pass() {
        let litter = |value| serde_json::from_value::<Litter>(value).map_err(|e| e.to_string());
        assert_eq!(litter(json!({"pets": [1]})), Ok(Litter { pets: vec![1] }));
        for wire in [json!({}), json!({"pets": null})] {
            assert_eq!(litter(wire.clone()), Ok(Litter { pets: Vec::new() }));
            let mut tried = Vec::new();
            for () in crate::serde_helpers::passes() {
                tried.push(litter(wire.clone()));
            }
            assert_eq!(tried[1], Ok(Litter { pets: Vec::new() }));
            let strict = tried[0].as_ref().unwrap_err();
            assert!(
                strict == "missing field `pets`" || strict == "field `pets` is null",
                "{strict}"
            );
        }
        // Anything else that is not a list is still an error.
        assert!(litter(json!({"pets": 3})).is_err());
    }

    #[test]
    fn escaped_and_borrowed_keys_both_match() {
        let text = r#"{"i\u0064": 7, "tag": "t"}"#;
        let read = serde_json::from_str::<Pet>(text).unwrap();
        assert_eq!((read.id, read.tag.as_deref()), (7, Some("t")));
        let bytes = br#"{"id": 8}"#;
        assert_eq!(serde_json::from_slice::<Pet>(bytes).unwrap().id, 8);
    }
}
