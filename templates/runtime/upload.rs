//! A file for a multipart file part: its bytes, with the file name and media type the part
//! announces.

use std::cell::Cell;
use std::path::Path;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::serde_helpers::{BINARY, Octets};

/// A file to send as a part of a `multipart/form-data` body: its bytes, and the file name and
/// media type the part's headers announce (`Content-Disposition: form-data; name="file";
/// filename="audio.mp3"` and `Content-Type: audio/mpeg`). Many servers read a file's format
/// from its name or type, so give them when the API documents them.
///
/// Without a file name the part is named after its field; without a media type it takes the
/// one the API description gives the field (its `encoding`), else `application/octet-stream`.
///
/// Any bytes convert into one (`Bytes`, `Vec<u8>`, `&'static [u8]`, `String`, `&'static str`),
/// so `file: bytes.into()` sends a file named after its field; name it with
/// `Upload::new(bytes).file_name("audio.mp3").content_type("audio/mpeg")`, or
/// `Upload::from_path("audio.mp3")?`, which reads the file and takes its name.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Upload {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl Upload {
    /// A file of these bytes, without a name or media type of its own.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Upload {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Reads the file at `path` (blocking the thread while it reads; in async code, read it with
    /// your runtime and use [`Upload::new`]), named as the path's last component.
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let upload = Upload::new(std::fs::read(path)?);
        Ok(match path.file_name() {
            Some(name) => upload.file_name(name.to_string_lossy()),
            None => upload,
        })
    }

    /// The file name the part announces (`filename="…"`), such as `audio.mp3`. A `"`, carriage
    /// return or line feed in it is sent percent-encoded, as browsers send them.
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The media type the part announces (`Content-Type`), such as `audio/mpeg`, instead of the
    /// field's own. One that is not a valid header value fails the request before it is sent.
    #[must_use]
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// The bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The file name, if one was given.
    pub fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The media type, if one was given.
    pub fn media_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The bytes, leaving the name and media type.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
}

impl std::fmt::Debug for Upload {
    // The name, type and size: the contents of a file are not for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        Upload::new(bytes)
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Upload::new(bytes)
    }
}

impl From<&'static [u8]> for Upload {
    fn from(bytes: &'static [u8]) -> Self {
        Upload::new(bytes)
    }
}

impl<const N: usize> From<&'static [u8; N]> for Upload {
    fn from(bytes: &'static [u8; N]) -> Self {
        Upload::new(&bytes[..])
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        Upload::new(text)
    }
}

impl From<&'static str> for Upload {
    fn from(text: &'static str) -> Self {
        Upload::new(text)
    }
}

/// The name and media type of the file being serialized on this thread, for the multipart
/// serializer to read when it meets the file's octets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FileHeaders {
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
}

thread_local! {
    /// Set only while an [`Upload`] is being serialized.
    static SENDING: Cell<Option<FileHeaders>> = const { Cell::new(None) };
}

/// The name and media type of the [`Upload`] whose octets are being serialized on this thread,
/// if the octets are an `Upload`'s.
pub(crate) fn sending() -> Option<FileHeaders> {
    let headers = SENDING.take();
    SENDING.set(headers.clone());
    headers
}

impl Serialize for Upload {
    /// As `format: binary` bytes are written (JSON carries them as a string); a multipart body
    /// makes them a file part with this file's name and media type.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let headers =
            (self.file_name.is_some() || self.content_type.is_some()).then(|| FileHeaders {
                file_name: self.file_name.clone(),
                content_type: self.content_type.clone(),
            });
        let before = SENDING.replace(headers);
        let written = serializer.serialize_newtype_struct(BINARY, &Octets(&self.bytes));
        SENDING.set(before);
        written
    }
}

impl<'de> Deserialize<'de> for Upload {
    /// The bytes, as `format: binary` bytes are read; no name or media type.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Bytes::deserialize(deserializer).map(Upload::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_carries_the_bytes_as_text() {
        let upload = Upload::new("a\"b").file_name("x.txt");
        assert_eq!(serde_json::to_string(&upload).unwrap(), r#""a\"b""#);
        let back: Upload = serde_json::from_str(r#""hello""#).unwrap();
        assert_eq!(back, Upload::new("hello"));
        assert_eq!(sending(), None, "nothing is left behind");
    }

    #[test]
    fn a_path_names_the_file() {
        let dir = std::env::temp_dir().join(format!("upload-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("note.txt");
        std::fs::write(&path, b"hi").unwrap();
        let upload = Upload::from_path(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(upload.name(), Some("note.txt"));
        assert_eq!(upload.bytes().as_ref(), b"hi");
        assert_eq!(upload.media_type(), None);
        assert!(Upload::from_path(dir.join("missing")).is_err());
    }

    #[test]
    fn debug_leaves_the_contents_out() {
        let upload = Upload::new("secret").content_type("text/plain");
        let debug = format!("{upload:?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert!(debug.contains("len: 6"), "{debug}");
    }
}
