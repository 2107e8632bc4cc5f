//! Request bodies: the media type sent and how the value is encoded.

use super::{ParamStyle, TypeRef, Xml};

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The media type the description names (`image/*`); for bytes the caller gives with
    /// their type, of several types, the list of them (`application/pkix-cert,
    /// application/x-pem-file`).
    pub media_type: String,
    /// What is sent as `Content-Type`: the media type, or `application/octet-stream` for one
    /// with a wildcard.
    pub content_type: String,
    /// How it is encoded, with what each encoding needs.
    pub payload: BodyPayload,
    /// The media type is a range that no one type stands for (`image/*`, `audio/*`), or the
    /// bytes may be of several types: the caller gives the `Content-Type` with the bytes, and
    /// the client checks it falls within the range or is one of the types (`content_type` is
    /// then not sent). `application/*` and `*/*` are sent as `application/octet-stream`,
    /// `text/*` as `text/plain`: those are of the range.
    pub caller_content_type: bool,
    /// Whether it must be given.
    pub required: bool,
    /// Its description.
    pub docs: Option<String>,
}

/// How a request body is encoded, and what of.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyPayload {
    /// JSON, of this type.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`, of this type.
    Form {
        /// The type of the value whose fields are sent.
        ty: TypeRef,
        /// Fields written otherwise than by default, in document order. By default, as OpenAPI's
        /// Encoding Object defaults say, a scalar is its text, an object its JSON text, and an
        /// array repeats the key, one item each, written so.
        fields: Vec<FormField>,
    },
    /// `multipart/form-data`, of this type.
    Multipart {
        /// The type of the value whose fields are the parts.
        ty: TypeRef,
        /// For a body whose schema is not an object (a `format: binary` string, an array): the
        /// name of the one field it is sent as, its parts named so. `None` sends the object's
        /// properties as the fields.
        part_name: Option<String>,
        /// What the media type's `encoding` says about some fields' parts, in document order.
        parts: Vec<PartEncoding>,
    },
    /// XML (`application/xml`, `text/xml`, `…+xml`), of this type, written as the schemas'
    /// XML Objects say.
    Xml {
        /// The type of the value sent.
        ty: TypeRef,
        /// What the body schema's XML Object says, with its root element's name
        /// (`xml.name`, else the component's key, else the type's name).
        root: Xml,
    },
    /// Raw bytes (`application/octet-stream`, images, PDFs, `*/*`, …).
    Binary,
    /// Text (`text/plain` and other `text/*`, XML).
    Text,
    /// One boolean, integer or number (`text/plain` of `type: boolean`), taken as its Rust
    /// type and sent as its text (`true`, `42`, `0.5`), as a parameter is.
    Scalar(TypeRef),
}

impl BodyPayload {
    /// How the body is encoded.
    pub fn encoding(&self) -> BodyEncoding {
        match self {
            BodyPayload::Json(_) => BodyEncoding::Json,
            BodyPayload::Form { .. } => BodyEncoding::Form,
            BodyPayload::Multipart { .. } => BodyEncoding::Multipart,
            BodyPayload::Xml { .. } => BodyEncoding::Xml,
            BodyPayload::Binary => BodyEncoding::Binary,
            BodyPayload::Text | BodyPayload::Scalar(_) => BodyEncoding::Text,
        }
    }

    /// The type of the value sent, for JSON, form, multipart and scalar bodies.
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            BodyPayload::Json(ty)
            | BodyPayload::Form { ty, .. }
            | BodyPayload::Multipart { ty, .. }
            | BodyPayload::Xml { ty, .. }
            | BodyPayload::Scalar(ty) => Some(ty),
            BodyPayload::Binary | BodyPayload::Text => None,
        }
    }

    /// [`Self::ty`], to change.
    pub fn ty_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            BodyPayload::Json(ty)
            | BodyPayload::Form { ty, .. }
            | BodyPayload::Multipart { ty, .. }
            | BodyPayload::Xml { ty, .. }
            | BodyPayload::Scalar(ty) => Some(ty),
            BodyPayload::Binary | BodyPayload::Text => None,
        }
    }
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyEncoding {
    /// JSON.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// Raw bytes.
    Binary,
    /// Text.
    Text,
    /// XML of a type.
    Xml,
}

/// How one field of a form body is written (an OpenAPI Encoding Object, or the field's
/// `format: binary`).
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// The property name on the wire.
    pub field: String,
    /// How it is written.
    pub encoding: FormEncoding,
}

/// How one field of a form body is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FormEncoding {
    /// As a query parameter of this `style` and `explode` would be (the Encoding Object gives
    /// a `style`, `explode` or `allowReserved`).
    Style {
        /// Its style.
        style: ParamStyle,
        /// Its `explode`.
        explode: bool,
        /// Its `allowReserved`: the reserved characters a query allows (`:/?@!$'()*,;=`) and
        /// percent-encoded triples in the value are sent as they are.
        allow_reserved: bool,
    },
    /// As JSON text, whatever its type (the Encoding Object's `contentType` is a JSON type).
    Json,
    /// As its octets (`format: binary`), or a `list` of them each under the field's name:
    /// not as the list of numbers serde writes bytes as.
    Binary {
        /// Whether it is an array of them.
        list: bool,
    },
}

/// How one field of a multipart body is sent (an OpenAPI Encoding Object).
#[derive(Debug, Clone, PartialEq)]
pub struct PartEncoding {
    /// The property name on the wire.
    pub field: String,
    /// The parts' `Content-Type`: the first concrete one `contentType` lists, or
    /// `application/octet-stream` for base64 (`format: byte`) fields.
    pub content_type: Option<String>,
    /// Part headers with a value fixed by the description (a single-value `enum` or a
    /// `default`).
    pub headers: Vec<PartHeader>,
}

/// A header sent with every part of a multipart field.
#[derive(Debug, Clone, PartialEq)]
pub struct PartHeader {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: String,
}
