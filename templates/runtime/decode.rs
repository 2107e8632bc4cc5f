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

/// How many fields of a body may be repaired (see [`repaired`]), each in every item of the
/// arrays on its way.
const REPAIRS: usize = 32;

/// Decodes `body` as `T` once more, with what a server writes otherwise than its description
/// says read as meant (the error cases are below). Called only after `body` failed to decode,
/// so a body that decodes costs nothing more.
///
/// - Every number with a zero fractional part (`3.0`, `1e2`) is an integer. OpenAPI (3.0.4 and
///   3.1.1, appendix B) and JSON Schema define `integer` by value, not by how the number is
///   written, and many JSON encoders write whole floats as `3.0`; serde refuses them for
///   integer types. A number stays as written beyond 2^53, where a float can no longer say
///   which integer the text meant; a `number` field reads an integer as the same value.
/// - A number field holding a string that is a JSON number (`"price": "-0.0025"`, as Twilio's
///   API sends what its description types `number`) reads that number, and a string field
///   holding a number (`"id": 5`) reads its text. Only the field the decoder stopped at is
///   repaired, in every item of the arrays on its way, and the body decoded again, at most
///   [`REPAIRS`] times; a string that is not a number, or any other mismatch, stays an error.
///
/// `Err(Some(_))` when a repair was made and the body still does not decode: where it stopped
/// then (the field the repairs could not mend, not one they did); `Err(None)` when nothing was
/// repaired, so the body's own error stands.
pub(crate) fn repaired<T: DeserializeOwned>(body: &[u8]) -> Result<T, Option<DecodeError>> {
    let mut value: Value = serde_json::from_slice(body).map_err(|_| None)?;
    let changed = whole_numbers(&mut value);
    repaired_value(value, changed)
}

/// Decodes `value`, a body read into JSON's form (as an XML body is), as `T`, with the
/// repairs of [`repaired`]; the error names the path of the value at fault.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
    match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(decoded) => Ok(decoded),
        Err(error) => repaired_value(value, false).map_err(|located| {
            located.unwrap_or_else(|| DecodeError {
                path: error.path().to_string(),
                source: error.into_inner(),
            })
        }),
    }
}

/// [`repaired`] of a body already read as `value`; `changed` says whether reading it did.
fn repaired_value<T: DeserializeOwned>(
    mut value: Value,
    mut changed: bool,
) -> Result<T, Option<DecodeError>> {
    for _ in 0..REPAIRS {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(decoded) if changed => return Ok(decoded),
            Ok(_) => return Err(None),
            Err(error) => error,
        };
        let path: Vec<&serde_path_to_error::Segment> = error.path().iter().collect();
        let mended = Repair::of(&error.inner().to_string())
            .is_some_and(|repair| repair.apply(&mut value, &path));
        if !mended {
            return Err(changed.then(|| DecodeError {
                path: error.path().to_string(),
                source: error.into_inner(),
            }));
        }
        changed = true;
    }
    Err(None)
}

/// What a mismatch serde reports can be read as.
#[derive(Clone, Copy)]
enum Repair {
    /// `invalid type: string "-0.0025", expected f64`: the string's number.
    NumberFromText,
    /// `invalid type: integer `5`, expected a string`: the number's text.
    TextFromNumber,
}

impl Repair {
    fn of(message: &str) -> Option<Self> {
        const NUMBERS: [&str; 12] = [
            "f64", "f32", "i64", "i32", "i16", "i8", "u64", "u32", "u16", "u8", "i128", "u128",
        ];
        let (found, expected) = message
            .strip_prefix("invalid type: ")?
            .split_once(", expected ")?;
        let expected = expected.split(" at line ").next().unwrap_or(expected);
        if found.starts_with("string ") && NUMBERS.contains(&expected) {
            Some(Self::NumberFromText)
        } else if (found.starts_with("integer ") || found.starts_with("floating point "))
            && expected == "a string"
        {
            Some(Self::TextFromNumber)
        } else {
            None
        }
    }

    /// Repairs the values at `path` in `value`, an array index standing for every item;
    /// whether any changed.
    fn apply(self, value: &mut Value, path: &[&serde_path_to_error::Segment]) -> bool {
        use serde_path_to_error::Segment;
        match path.split_first() {
            None => self.one(value),
            Some((Segment::Seq { .. }, rest)) => match value {
                Value::Array(items) => items
                    .iter_mut()
                    .fold(false, |any, item| self.apply(item, rest) | any),
                _ => false,
            },
            Some((Segment::Map { key }, rest)) => match value {
                Value::Object(fields) => fields
                    .get_mut(key.as_str())
                    .is_some_and(|field| self.apply(field, rest)),
                _ => false,
            },
            Some((Segment::Enum { .. } | Segment::Unknown, _)) => false,
        }
    }

    fn one(self, value: &mut Value) -> bool {
        match (self, &*value) {
            (Self::NumberFromText, Value::String(text)) => {
                // JSON's own number grammar: no spaces around it, no `NaN`, `+1` or hex.
                let bare = text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
                    && text.ends_with(|c: char| c.is_ascii_digit());
                match serde_json::from_str::<Number>(text).ok().filter(|_| bare) {
                    Some(number) => {
                        *value = Value::Number(number);
                        true
                    }
                    None => false,
                }
            }
            (Self::TextFromNumber, Value::Number(number)) => {
                *value = Value::String(number.to_string());
                true
            }
            _ => false,
        }
    }
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
            repaired::<Counts>(body).ok(),
            Some(Counts {
                count: 3,
                total: 100,
                ratio: 2.0,
                sizes: vec![1, 2, 0],
            })
        );
        let negative = br#"{"count": -4.0, "total": 0, "ratio": 0.5, "sizes": []}"#;
        assert_eq!(
            repaired::<Counts>(negative).ok().map(|counts| counts.count),
            Some(-4)
        );
    }

    #[test]
    fn fractions_and_inexact_floats_are_not_integers() {
        let fraction = br#"{"count": 3.5, "total": 1, "ratio": 1, "sizes": []}"#;
        assert!(repaired::<Counts>(fraction).is_err());
        // Beyond 2^53 the float may not be the integer the text meant.
        let large = br#"{"count": 9007199254740993.0, "total": 1, "ratio": 1, "sizes": []}"#;
        assert!(repaired::<Counts>(large).is_err());
        // Nothing to rewrite: the body's own error stands.
        let wrong = br#"{"count": "three", "total": 1, "ratio": 1, "sizes": []}"#;
        assert!(matches!(repaired::<Counts>(wrong), Err(None)));
        assert!(matches!(repaired::<Counts>(b"<html>"), Err(None)));
        let decodes = br#"{"count": 3, "total": 1, "ratio": 1, "sizes": []}"#;
        assert!(matches!(repaired::<Counts>(decodes), Err(None)));
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Recordings {
        recordings: Vec<Recording>,
        total: Option<u32>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Recording {
        sid: String,
        price: Option<f64>,
        duration: i64,
    }

    #[test]
    fn numbers_sent_as_text_and_text_sent_as_numbers_decode_as_described() {
        // Twilio's recordings: `price` typed `number`, sent as a string; here `duration` and
        // `total` too, and a `sid` sent as a number.
        let body = br#"{"recordings": [
            {"sid": "RE1", "price": "-0.0025", "duration": "7"},
            {"sid": 42, "price": null, "duration": 3.0},
            {"sid": "RE3", "price": "1e-3", "duration": "12"}
        ], "total": "3"}"#;
        assert!(serde_json::from_slice::<Recordings>(body).is_err());
        assert_eq!(
            repaired::<Recordings>(body).ok(),
            Some(Recordings {
                recordings: vec![
                    Recording {
                        sid: "RE1".into(),
                        price: Some(-0.0025),
                        duration: 7,
                    },
                    Recording {
                        sid: "42".into(),
                        price: None,
                        duration: 3,
                    },
                    Recording {
                        sid: "RE3".into(),
                        price: Some(0.001),
                        duration: 12,
                    },
                ],
                total: Some(3),
            })
        );
    }

    #[test]
    fn text_that_is_not_a_json_number_stays_an_error() {
        for price in [
            r#""abc""#,
            r#"" 1""#,
            r#""NaN""#,
            r#""0x10""#,
            r#""1,5""#,
            "true",
        ] {
            let body =
                format!(r#"{{"recordings": [{{"sid": "a", "price": {price}, "duration": 1}}]}}"#);
            assert!(repaired::<Recordings>(body.as_bytes()).is_err(), "{price}");
        }
        // An integer field holding a fraction's text reads the number, which is no integer.
        let body = br#"{"recordings": [{"sid": "a", "price": 1, "duration": "1.5"}]}"#;
        let error = repaired::<Recordings>(body).err().flatten().unwrap();
        assert_eq!(error.path(), "recordings[0].duration");
        // The error is where the repaired body stopped: the field no repair could mend.
        let body = br#"{"recordings": [{"sid": "a", "price": "1", "duration": 1},
            {"sid": "b", "price": "one", "duration": 2}]}"#;
        let error = repaired::<Recordings>(body).err().flatten().unwrap();
        assert_eq!(error.path(), "recordings[1].price");
        assert!(error.to_string().contains("\"one\""), "{error}");
    }

    #[test]
    fn repairs_are_bounded() {
        // More distinct fields to repair than allowed: the body stays an error.
        let fields: Vec<String> = (0..=REPAIRS).map(|i| format!(r#""f{i}": "{i}""#)).collect();
        let body = format!("{{{}}}", fields.join(","));
        assert!(repaired::<std::collections::BTreeMap<String, u32>>(body.as_bytes()).is_err());
        let fewer = r#"{"f0": "0", "f1": "1"}"#;
        assert_eq!(
            repaired::<std::collections::BTreeMap<String, u32>>(fewer.as_bytes())
                .ok()
                .map(|map| map.len()),
            Some(2)
        );
    }
}
