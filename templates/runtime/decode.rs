//! The error that says where in a JSON success body decoding failed (`call::json` decodes).

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

/// Why a success body did not decode: the JSON path of the value at fault
/// (`data[2].created_at`) and what was wrong with it. It is the `source` of
/// [`Error::Decode`](crate::Error::Decode), which keeps the raw body beside it.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    source: serde_json::Error,
}

impl DecodeError {
    /// Where the value that did not decode is: field names and array indexes from the body's
    /// top (`data[2].created_at`); `.` for the body as a whole. Inside a `oneOf` (and a map of
    /// other properties) the path ends at the value that held it, which is decoded whole.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path == "." {
            write!(f, "{}", self.source)
        } else {
            write!(f, "at `{}`: {}", self.path, self.source)
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl DecodeError {
    /// Why `body` failed to decode as `T` with `error`: the body is decoded again, tracking the
    /// path to the value at fault.
    pub(crate) fn locate<T: DeserializeOwned>(body: &[u8], error: serde_json::Error) -> Self {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(located) => DecodeError {
                path: located.path().to_string(),
                source: located.into_inner(),
            },
            // What failed was after the value (trailing characters).
            Ok(_) => DecodeError {
                path: ".".to_owned(),
                source: error,
            },
        }
    }
}

/// Decodes `body` as `T` once more with every number that has a zero fractional part
/// (`3.0`, `1e2`) written as an integer; `None` when there is no such number or `T` still does
/// not decode. Called only after `body` failed to decode, so a body that decodes costs nothing
/// more. OpenAPI (3.0.4 and 3.1.1, appendix B) and JSON Schema define `integer` by value, not by
/// how the number is written, and many JSON encoders write whole floats as `3.0`; serde refuses
/// them for integer types. A number stays as written when it is beyond 2^53, where a float can no
/// longer say which integer the text meant; a `number` field reads an integer as the same value.
pub(crate) fn with_whole_numbers<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let mut value: Value = serde_json::from_slice(body).ok()?;
    if !whole_numbers(&mut value) {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// Writes every whole float inside `value` as an integer; whether there was one.
fn whole_numbers(value: &mut Value) -> bool {
    /// 2^53: every integer of this size or less has a float of its own.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(number) => match number.as_f64() {
            Some(float) if number.is_f64() && float.fract() == 0.0 && float.abs() <= EXACT => {
                // In range, so the cast is exact.
                *number = Number::from(float as i64);
                true
            }
            _ => false,
        },
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |any, item| whole_numbers(item) | any),
        Value::Object(fields) => fields
            .values_mut()
            .fold(false, |any, field| whole_numbers(field) | any),
        Value::Null | Value::Bool(_) | Value::String(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        data: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        created_at: u32,
    }

    fn failure(body: &'static str) -> DecodeError {
        let error = serde_json::from_str::<Page>(body).unwrap_err();
        DecodeError::locate::<Page>(body.as_bytes(), error)
    }

    #[test]
    fn names_the_path_of_the_value_that_did_not_decode() {
        let error =
            failure(r#"{"data": [{"created_at": 1}, {"created_at": 2}, {"created_at": "x"}]}"#);
        assert_eq!(error.path(), "data[2].created_at");
        let text = error.to_string();
        assert!(
            text.starts_with("at `data[2].created_at`: invalid type: string \"x\""),
            "{text}"
        );
    }

    #[test]
    fn a_body_that_is_not_json_has_the_top_as_its_path() {
        let error = failure("<html>");
        assert_eq!(error.path(), ".");
        assert!(error.to_string().starts_with("expected value"), "{error}");
        let error = failure(r#"{"data": []} trailing"#);
        assert_eq!(error.path(), ".");
        assert!(
            error.to_string().starts_with("trailing characters"),
            "{error}"
        );
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Counts {
        count: i64,
        total: u32,
        ratio: f64,
        sizes: Vec<u8>,
    }

    #[test]
    fn whole_numbers_written_as_floats_decode_as_integers() {
        let body = br#"{"count": 3.0, "total": 1e2, "ratio": 2.0, "sizes": [1, 2.0, -0.0]}"#;
        assert!(serde_json::from_slice::<Counts>(body).is_err());
        assert_eq!(
            with_whole_numbers::<Counts>(body),
            Some(Counts {
                count: 3,
                total: 100,
                ratio: 2.0,
                sizes: vec![1, 2, 0],
            })
        );
        let negative = br#"{"count": -4.0, "total": 0, "ratio": 0.5, "sizes": []}"#;
        assert_eq!(
            with_whole_numbers::<Counts>(negative).map(|counts| counts.count),
            Some(-4)
        );
    }

    #[test]
    fn fractions_and_inexact_floats_are_not_integers() {
        let fraction = br#"{"count": 3.5, "total": 1, "ratio": 1, "sizes": []}"#;
        assert_eq!(with_whole_numbers::<Counts>(fraction), None);
        // Beyond 2^53 the float may not be the integer the text meant.
        let large = br#"{"count": 9007199254740993.0, "total": 1, "ratio": 1, "sizes": []}"#;
        assert_eq!(with_whole_numbers::<Counts>(large), None);
        // Nothing to rewrite: the body's own error stands.
        let wrong = br#"{"count": "3", "total": 1, "ratio": 1, "sizes": []}"#;
        assert_eq!(with_whole_numbers::<Counts>(wrong), None);
        assert_eq!(with_whole_numbers::<Counts>(b"<html>"), None);
    }
}
