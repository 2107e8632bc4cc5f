//! The error that says where in a JSON success body decoding failed (`call::json` decodes).

use std::fmt;

use serde::de::DeserializeOwned;

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
}
