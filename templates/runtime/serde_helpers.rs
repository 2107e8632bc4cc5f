//! Serde glue for the generated types: absent-versus-`null` fields and tagged `oneOf` enums.

// Not every API needs every helper.
#![allow(dead_code)]

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

/// The string value of the property `name` of a JSON object, if it has one.
pub fn tag<'v>(value: &'v Value, name: &str) -> Option<&'v str> {
    value.get(name).and_then(Value::as_str)
}

/// Decodes one variant of a tagged enum from the whole object, tag included, so a variant type
/// that declares the tag property as a field decodes too.
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
