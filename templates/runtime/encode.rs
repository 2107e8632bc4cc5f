//! Writing form bodies and multipart bodies the way OpenAPI says: the entry points request
//! building uses. Form bodies are in `form` (a field's `style` in `style`), multipart bodies in
//! `multipart`; parameters are written by `params`.
//!
//! Every value goes through `serde_json::Value` first, so any generated type (scalars, enums,
//! arrays, structs) is encoded by the same rules, and `None` (JSON `null`) means "leave it out".

pub use crate::form::{Encoding, form_body, urlencoded};
pub(crate) use crate::multipart::{multipart_body, multipart_field};
