//! `multipart/form-data` bodies: the parts of a value, written with a boundary found in none of
//! them.

use serde::Serialize;

use crate::error::BoxError;
use crate::form::{Encoding, encoding_of};
use crate::multipart_fields::{Fields, field};
use crate::multipart_values::Part;

/// A `multipart/form-data` body from a struct or map, by the OpenAPI 3.0 defaults: one part per
/// field, and one part per item of an array field, all with the field's name; scalars as text,
/// bytes as files (`application/octet-stream`), objects as JSON (`application/json`); `None`
/// fields are left out. `encodings` replace a field's `Content-Type` and add part headers.
/// Returns the body and its boundary.
pub(crate) fn multipart_body<T: Serialize + ?Sized>(
    value: &T,
    encodings: &[Encoding],
) -> Result<(Vec<u8>, String), BoxError> {
    let parts = value.serialize(Fields).map_err(|e| e.0)?;
    multipart_parts(&parts, encodings)
}

/// A `multipart/form-data` body of one field, `name`, holding `value` (for a body whose schema
/// is not an object): one part, or one per item of an array, by the same rules as the fields of
/// [`multipart_body`]. Returns the body and its boundary.
pub(crate) fn multipart_field<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    encodings: &[Encoding],
) -> Result<(Vec<u8>, String), BoxError> {
    let parts = field(name, value).map_err(|e| e.0)?;
    multipart_parts(&parts, encodings)
}

/// Writes named parts as a multipart body with a boundary found in none of them.
fn multipart_parts(
    parts: &[(String, Part)],
    encodings: &[Encoding],
) -> Result<(Vec<u8>, String), BoxError> {
    let boundary = boundary_for(parts.iter().map(|(_, part)| part.bytes()));
    let mut body = Vec::new();
    for (name, part) in parts {
        let encoding = encoding_of(encodings, name);
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(b"Content-Disposition: form-data; name=\"");
        body.extend_from_slice(quoted(name).as_bytes());
        body.push(b'"');
        let (default_type, file_type) = match part {
            Part::Text(_) => (None, None),
            Part::File(_, headers) => {
                let file_name = headers.as_ref().and_then(|h| h.file_name.as_deref());
                body.extend_from_slice(b"; filename=\"");
                body.extend_from_slice(quoted(file_name.unwrap_or(name)).as_bytes());
                body.push(b'"');
                let file_type = headers.as_ref().and_then(|h| h.content_type.as_deref());
                (Some("application/octet-stream"), file_type)
            }
            Part::Json(_) => (Some("application/json"), None),
        };
        body.extend_from_slice(b"\r\n");
        if let Some(file_type) = file_type.filter(|t| !is_header_value(t)) {
            return Err(format!(
                "the media type {file_type:?} of the file in part `{name}` is not a valid \
                 `Content-Type` value"
            )
            .into());
        }
        let content_type = file_type
            .or(encoding.and_then(|e| e.content_type))
            .or(default_type);
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
    Ok((body, boundary))
}

/// A field or file name as a quoted string of `Content-Disposition`: `"`, carriage return and
/// line feed percent-encoded, as the HTML standard's multipart encoding writes them (a name
/// could otherwise end the header and write others).
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Whether `value` is a non-empty header value without control characters (HTTP's
/// `field-value`, tabs aside).
fn is_header_value(value: &str) -> bool {
    !value.trim().is_empty() && !value.chars().any(|c| c.is_control() && c != '\t')
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
    use serde_json::{Value, json};

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
    fn binary_fields_written_as_json_text_are_still_file_parts() {
        use crate::serde_helpers::binary;
        use std::collections::BTreeMap;
        #[derive(Serialize)]
        struct Upload {
            #[serde(serialize_with = "binary")]
            file: bytes::Bytes,
            #[serde(serialize_with = "binary")]
            pages: Vec<bytes::Bytes>,
            #[serde(skip_serializing_if = "Option::is_none", serialize_with = "binary")]
            cover: Option<bytes::Bytes>,
            #[serde(flatten, serialize_with = "binary")]
            rest: BTreeMap<String, bytes::Bytes>,
            id: uuid_like::Id,
        }
        // A type that, like `uuid::Uuid`, writes itself differently to a format that is not
        // human-readable: only the binary values' parts may see one.
        mod uuid_like {
            pub(super) struct Id;
            impl serde::Serialize for Id {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    if s.is_human_readable() {
                        s.serialize_str("id-1")
                    } else {
                        s.serialize_bytes(b"\x01")
                    }
                }
            }
        }
        let upload = Upload {
            file: bytes::Bytes::from_static(b"text"),
            pages: vec![bytes::Bytes::from_static(b"\xff\x00")],
            cover: None,
            rest: BTreeMap::from([("extra".to_owned(), bytes::Bytes::from_static(b"e"))]),
            id: uuid_like::Id,
        };
        assert_eq!(
            serde_json::to_value(&upload).unwrap(),
            json!({"file": "text", "pages": [[255, 0]], "extra": "e", "id": "id-1"})
        );
        let (body, b) = multipart_body(&upload, &[]).unwrap();
        let d = "Content-Disposition: form-data; name=";
        let file = "Content-Type: application/octet-stream\r\n\r\n";
        let mut expected = Vec::new();
        for piece in [
            format!("--{b}\r\n{d}\"file\"; filename=\"file\"\r\n{file}text\r\n").into_bytes(),
            format!("--{b}\r\n{d}\"pages\"; filename=\"pages\"\r\n{file}").into_bytes(),
            b"\xff\x00\r\n".to_vec(),
            format!("--{b}\r\n{d}\"extra\"; filename=\"extra\"\r\n{file}e\r\n").into_bytes(),
            format!("--{b}\r\n{d}\"id\"\r\n\r\nid-1\r\n--{b}--\r\n").into_bytes(),
        ] {
            expected.extend_from_slice(&piece);
        }
        assert_eq!(
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&expected)
        );
    }

    #[test]
    fn uploads_name_their_files_and_types() {
        use crate::upload::Upload;
        #[derive(Serialize)]
        struct Form {
            file: Upload,
            pages: Vec<Upload>,
            cover: Option<Upload>,
            note: &'static str,
        }
        let form = Form {
            file: Upload::new("RIFF").file_name("a \"b\"\r\n.wav"),
            pages: vec![
                Upload::new(&b"\x89PNG"[..]).content_type("image/jpeg"),
                Upload::from(&b"plain"[..]),
            ],
            cover: Some(
                Upload::new("c")
                    .file_name("c.txt")
                    .content_type("text/plain"),
            ),
            note: "n",
        };
        let encodings = [Encoding::part("pages", Some("image/png"), &[])];
        let (body, b) = multipart_body(&form, &encodings).unwrap();
        let d = "Content-Disposition: form-data; name=";
        let octets = "Content-Type: application/octet-stream";
        let expected = [
            format!("--{b}\r\n{d}\"file\"; filename=\"a %22b%22%0D%0A.wav\"\r\n{octets}\r\n\r\nRIFF\r\n"),
            // The caller's type wins over the field's own; without one, the field's.
            format!("--{b}\r\n{d}\"pages\"; filename=\"pages\"\r\nContent-Type: image/jpeg\r\n\r\n\u{fffd}PNG\r\n"),
            format!("--{b}\r\n{d}\"pages\"; filename=\"pages\"\r\nContent-Type: image/png\r\n\r\nplain\r\n"),
            format!("--{b}\r\n{d}\"cover\"; filename=\"c.txt\"\r\nContent-Type: text/plain\r\n\r\nc\r\n"),
            format!("--{b}\r\n{d}\"note\"\r\n\r\nn\r\n--{b}--\r\n"),
        ]
        .concat();
        assert_eq!(String::from_utf8_lossy(&body), expected);
        // A bare file body, and the name of a field from a map, quoted the same way.
        let (body, b) =
            multipart_field("fi\"le", &Upload::new("x").file_name("x.bin"), &[]).unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            format!(
                "--{b}\r\n{d}\"fi%22le\"; filename=\"x.bin\"\r\n{octets}\r\n\r\nx\r\n--{b}--\r\n"
            )
        );
        // Nothing is left behind for the next body's bytes.
        let (body, _) = multipart_field("f", &bytes::Bytes::from_static(b"y"), &[]).unwrap();
        assert!(String::from_utf8(body).unwrap().contains("filename=\"f\""));
    }

    #[test]
    fn a_media_type_that_is_not_a_header_value_fails_before_sending() {
        use crate::upload::Upload;
        for bad in ["text/plain\r\nX-Injected: 1", "", "  "] {
            let upload = Upload::new("x").content_type(bad);
            let error = multipart_field("file", &upload, &[]).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("not a valid `Content-Type` value"),
                "{error}"
            );
        }
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
