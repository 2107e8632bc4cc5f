//! Serde glue for the generated types: absent-versus-`null` fields, `format: binary` values
//! inside JSON, tagged `oneOf` enums, and the strict first pass of an untagged `oneOf`.

// Not every API needs every helper.
#![allow(dead_code)]

use std::cell::Cell;
use std::collections::BTreeMap;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// For an optional, nullable field typed `Option<Option<T>>`: absent is `None`, `null` is
/// `Some(None)` and a value is `Some(Some(value))`. Use with
/// `#[serde(default, skip_serializing_if = "Option::is_none", with = "…::double_option")]`,
/// so `None` is left out of a request while `Some(None)` sends an explicit `null`.
pub mod double_option {
    use super::*;

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// The name a `format: binary` value is written under, as a newtype struct: a JSON serializer
/// looks through it, and the multipart one sends what it holds as a file part.
pub(crate) const BINARY: &str = "\u{0}opengen::binary";

/// A type that holds `format: binary` bytes: `Bytes`, or an `Option`, `Vec`, map or `Box` of
/// them. serde writes bytes as a list of numbers, which a JSON schema's `type: string` refuses;
/// written through this, each value is a JSON string of its text (JSON cannot carry other
/// octets: bytes that are not UTF-8 stay the list of numbers, which a strict server refuses
/// rather than receiving altered bytes), and a multipart file part as before.
pub trait BinaryField {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl BinaryField for Bytes {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(BINARY, &Octets(self))
    }
}

impl<T: BinaryField> BinaryField for Option<T> {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Binary(value)),
            None => serializer.serialize_none(),
        }
    }
}

impl<T: BinaryField> BinaryField for [T] {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Binary))
    }
}

impl<T: BinaryField> BinaryField for Vec<T> {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize_binary(serializer)
    }
}

impl<T: BinaryField> BinaryField for BTreeMap<String, T> {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, Binary(value))))
    }
}

impl<T: BinaryField + ?Sized> BinaryField for Box<T> {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_binary(serializer)
    }
}

/// A [`BinaryField`] to serialize: `out.field("file", &Binary(&self.file))`.
pub struct Binary<'a, T: ?Sized>(pub &'a T);

impl<T: BinaryField + ?Sized> Serialize for Binary<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_binary(serializer)
    }
}

/// For `#[serde(serialize_with = "…::binary")]` on a field that holds `format: binary` bytes.
pub fn binary<T: BinaryField + ?Sized, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_binary(serializer)
}

/// The octets themselves: text to a human-readable format (JSON), bytes to any other.
pub(crate) struct Octets<'a>(pub(crate) &'a [u8]);

impl Serialize for Octets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(self.0) {
            Ok(text) if serializer.is_human_readable() => serializer.serialize_str(text),
            _ => serializer.serialize_bytes(self.0),
        }
    }
}

/// The string value of the property `name` of a JSON object, if it has one.
pub fn tag<'v>(value: &'v Value, name: &str) -> Option<&'v str> {
    value.get(name).and_then(Value::as_str)
}

/// Decodes one variant of a tagged enum from the whole object, tag included, so a variant type
/// that declares the tag property as a field decodes too.
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// Decodes the `Unknown` variant of a tagged enum that keeps an unknown tag's value as the
/// fields every variant has: refused inside the strict pass of a `oneOf` around it, as
/// [`unknown`] is, so an alternative that lists the tag wins over a base that does not.
pub fn from_unknown<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    unknown(value).and_then(from_value)
}

/// Encodes one variant of a tagged enum: the variant's own fields, with the tag property set to
/// one of `tags`, the values that select this variant. The variant decides the tag: a tag field
/// the variant type declares keeps its value only when that value selects this variant too, so
/// `Scope::Chat(ScopeChat { r#type: "default".into(), .. })` is sent as `"type":"chat"` and
/// decodes back as `Scope::Chat`.
pub fn serialize_tagged<T: Serialize, S: Serializer>(
    serializer: S,
    name: &str,
    tags: &[&str],
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(value).map_err(S::Error::custom)?;
    if let (Value::Object(object), Some(first)) = (&mut value, tags.first()) {
        let selects_this = object
            .get(name)
            .and_then(Value::as_str)
            .is_some_and(|tag| tags.contains(&tag));
        if !selects_this {
            object.insert(name.to_owned(), Value::String((*first).to_owned()));
        }
    }
    value.serialize(serializer)
}

thread_local! {
    /// Whether an untagged `oneOf` is trying its alternatives strictly, on this thread.
    static STRICT: Cell<bool> = const { Cell::new(false) };
    /// How many structs deep the read in progress is, counted from the alternative an untagged
    /// `oneOf` is trying (1: the alternative itself), on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// A value an open enum or union does not list, kept as its `Unknown`, unless an untagged
/// `oneOf` around it is trying its alternatives strictly: then it is an error, so that the
/// alternative that lists the value wins (JSON Schema's `enum` is closed).
pub fn unknown<T, E: serde::de::Error>(value: T) -> Result<T, E> {
    if STRICT.with(Cell::get) {
        Err(E::custom("a value the API description does not list"))
    } else {
        Ok(value)
    }
}

/// Whether an untagged `oneOf` is trying its alternatives strictly on this thread: then its
/// free-form alternatives (a map, any value) are not tried, and the struct it tries refuses a
/// key it does not list ([`refuses_unlisted_keys`]).
pub fn strict() -> bool {
    STRICT.with(Cell::get)
}

/// Whether the struct being read is an alternative an untagged `oneOf` tries in its strict
/// pass (not a struct inside one): then a key it does not list is an error, so that a later
/// alternative that lists it wins over one that would drop it. Deeper structs skip such keys:
/// a newer server's field inside an alternative's items does not cost the choice.
pub fn refuses_unlisted_keys() -> bool {
    STRICT.with(Cell::get) && DEPTH.with(Cell::get) == 1
}

/// Runs `read`, the reading of a struct's entries, one struct deeper (see
/// [`refuses_unlisted_keys`]). The depth only matters, and is only counted, in a strict pass:
/// a struct read outside one costs one thread-local read.
pub fn one_deeper<R>(read: impl FnOnce() -> R) -> R {
    if !STRICT.with(Cell::get) {
        return read();
    }
    let depth = DEPTH.with(|d| d.replace(d.get().saturating_add(1)));
    let result = read();
    DEPTH.with(|d| d.set(depth));
    result
}

/// The passes of an untagged `oneOf` over its alternatives: first strictly (no enum takes a
/// value it does not list, no union falls back to `Unknown`, at any depth; no alternative that
/// is a struct takes a key it does not list; no free-form alternative is tried), then, unless a
/// `oneOf` around it is itself strict, leniently, the first alternative that decodes winning.
/// So `{"type": "humidity"}` is the alternative whose `type` lists `humidity`, not the first
/// whose open enum would take it as `Unknown`, and a value from a newer server still decodes.
/// The strictness in force before is restored when the passes end or are left early.
pub fn passes() -> Passes {
    Passes {
        outer: STRICT.with(Cell::get),
        depth: DEPTH.with(Cell::get),
        next: 0,
    }
}

/// See [`passes`].
pub struct Passes {
    outer: bool,
    depth: u32,
    next: u8,
}

impl Passes {
    /// Puts back the strictness and depth in force before the passes.
    fn restore(&self) {
        STRICT.with(|s| s.set(self.outer));
        DEPTH.with(|d| d.set(self.depth));
    }
}

impl Iterator for Passes {
    type Item = ();

    fn next(&mut self) -> Option<()> {
        let strict = match self.next {
            0 => true,
            1 if !self.outer => false,
            _ => {
                self.restore();
                return None;
            }
        };
        self.next += 1;
        STRICT.with(|s| s.set(strict));
        // The alternatives are read from the union's own value: the first struct each reads
        // is the alternative.
        DEPTH.with(|d| d.set(0));
        Some(())
    }
}

impl Drop for Passes {
    fn drop(&mut self) {
        self.restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A closed reading of one listed value, as a generated enum's `Deserialize` does.
    fn listed(value: &Value, allowed: &str) -> Result<String, serde_json::Error> {
        let text = String::deserialize(value)?;
        if text == allowed {
            Ok(text)
        } else {
            unknown(text)
        }
    }

    #[test]
    fn the_strict_pass_comes_first_and_the_lenient_one_only_outside_a_strict_one() {
        let humidity = json!("humidity");
        // Leniently (outside any oneOf) an unlisted value is taken.
        assert!(listed(&humidity, "battery").is_ok());
        let mut seen = Vec::new();
        for _ in passes() {
            seen.push((STRICT.with(Cell::get), listed(&humidity, "battery").is_ok()));
        }
        assert_eq!(seen, [(true, false), (false, true)]);
        assert!(!STRICT.with(Cell::get));
        // Inside a strict pass, a nested oneOf has no lenient pass, and leaving early restores.
        let mut outer = passes();
        outer.next();
        let inner: Vec<bool> = passes().map(|()| STRICT.with(Cell::get)).collect();
        assert_eq!(inner, [true]);
        assert!(STRICT.with(Cell::get));
        drop(outer);
        assert!(!STRICT.with(Cell::get));
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "double_option"
        )]
        note: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        for (patch, wire) in [
            (Patch { note: None }, json!({})),
            (Patch { note: Some(None) }, json!({"note": null})),
            (
                Patch {
                    note: Some(Some("hi".into())),
                },
                json!({"note": "hi"}),
            ),
        ] {
            assert_eq!(serde_json::to_value(&patch).unwrap(), wire);
            assert_eq!(serde_json::from_value::<Patch>(wire).unwrap(), patch);
        }
    }

    // The runtime's `bytes` has no `serde` feature (the API crate's has): reading bytes back is
    // tested on a generated client.
    #[derive(Debug, PartialEq, Serialize)]
    struct Upload {
        #[serde(serialize_with = "binary")]
        file: Bytes,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "binary"
        )]
        pages: Option<Vec<Bytes>>,
        #[serde(default, serialize_with = "binary")]
        named: BTreeMap<String, Box<Bytes>>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "binary"
        )]
        note: Option<Option<Bytes>>,
    }

    #[test]
    fn binary_values_are_json_strings() {
        let upload = Upload {
            file: Bytes::from_static(b"%PDF-1.7"),
            pages: Some(vec![Bytes::from_static(b"one"), Bytes::from_static(b"")]),
            named: BTreeMap::from([("a".to_owned(), Box::new(Bytes::from_static(b"x\"y")))]),
            note: Some(None),
        };
        let wire = json!({
            "file": "%PDF-1.7",
            "pages": ["one", ""],
            "named": {"a": "x\"y"},
            "note": null,
        });
        assert_eq!(serde_json::to_value(&upload).unwrap(), wire);
        assert_eq!(
            serde_json::to_string(&upload).unwrap(),
            r#"{"file":"%PDF-1.7","pages":["one",""],"named":{"a":"x\"y"},"note":null}"#
        );
        let absent = Upload {
            file: Bytes::new(),
            pages: None,
            named: BTreeMap::new(),
            note: None,
        };
        assert_eq!(
            serde_json::to_value(&absent).unwrap(),
            json!({"file": "", "named": {}})
        );
    }

    #[test]
    fn binary_that_is_not_text_stays_its_octets() {
        let octets = Bytes::from_static(&[0xff, 0, 1]);
        assert_eq!(
            serde_json::to_value(Binary(&octets)).unwrap(),
            json!([255, 0, 1])
        );
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Cat {
        kind: String,
        lives: u8,
    }

    #[test]
    fn a_tagged_variant_keeps_its_tag_field() {
        let wire = json!({"kind": "cat", "lives": 9});
        assert_eq!(tag(&wire, "kind"), Some("cat"));
        let cat: Cat = from_value::<_, serde_json::Error>(wire.clone()).unwrap();
        let back = serialize_tagged(serde_json::value::Serializer, "kind", &["cat"], &cat).unwrap();
        assert_eq!(back, wire);
    }

    #[test]
    fn a_missing_tag_is_added() {
        #[derive(Serialize)]
        struct Dog {
            good: bool,
        }
        let out = serialize_tagged(
            serde_json::value::Serializer,
            "kind",
            &["dog"],
            &Dog { good: true },
        )
        .unwrap();
        assert_eq!(out, json!({"kind": "dog", "good": true}));
    }

    #[test]
    fn the_variant_decides_the_tag() {
        let mismatched = Cat {
            kind: "dog".into(),
            lives: 9,
        };
        let out = serialize_tagged(
            serde_json::value::Serializer,
            "kind",
            &["cat", "kitten"],
            &mismatched,
        )
        .unwrap();
        assert_eq!(out, json!({"kind": "cat", "lives": 9}));
        // Another value that selects the same variant is kept.
        let kitten = Cat {
            kind: "kitten".into(),
            lives: 9,
        };
        let out = serialize_tagged(
            serde_json::value::Serializer,
            "kind",
            &["cat", "kitten"],
            &kitten,
        )
        .unwrap();
        assert_eq!(out, json!({"kind": "kitten", "lives": 9}));
    }
}
