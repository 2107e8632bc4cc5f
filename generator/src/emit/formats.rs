//! The typed string formats: the Rust type each is printed as, and the crates a client needs
//! for the ones it uses.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Content, DateCrate, Format, Success, TypeRef};

/// The Rust type of a typed format.
pub(crate) fn format_tokens(format: Format) -> TokenStream {
    match format {
        Format::DateTime(DateCrate::Chrono) => quote!(chrono::DateTime<chrono::Utc>),
        Format::Date(DateCrate::Chrono) => quote!(chrono::NaiveDate),
        Format::Time(DateCrate::Chrono) => quote!(chrono::NaiveTime),
        Format::DateTime(DateCrate::Jiff) => quote!(jiff::Timestamp),
        Format::Date(DateCrate::Jiff) => quote!(jiff::civil::Date),
        Format::Time(DateCrate::Jiff) => quote!(jiff::civil::Time),
        Format::Uuid => quote!(uuid::Uuid),
        Format::Ipv4 => quote!(std::net::Ipv4Addr),
        Format::Ipv6 => quote!(std::net::Ipv6Addr),
    }
}

/// Whether the type's `Display` writes the value as the spec's string form. Only chrono's
/// `DateTime<Utc>` does not (`2024-01-02 03:04:05 UTC`); its serde form is RFC 3339, which is
/// what parameters are sent as.
pub(crate) fn displays_wire_form(format: Format) -> bool {
    format != Format::DateTime(DateCrate::Chrono)
}

/// The crates the typed formats a client uses come from: each is a dependency of the
/// generated crate only when some type, parameter, body or response holds its type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FormatCrates {
    pub(crate) chrono: bool,
    pub(crate) jiff: bool,
    pub(crate) uuid: bool,
    /// Any typed format, `std::net`'s included.
    pub(crate) any: bool,
}

impl FormatCrates {
    pub(crate) fn of(api: &Api) -> Self {
        let mut crates = Self::default();
        let mut note = |ty: &TypeRef| crates.note(ty);
        for def in &api.types {
            def.kind.refs().into_iter().for_each(&mut note);
        }
        for op in &api.operations {
            op.params.iter().for_each(|p| note(&p.ty));
            if let Some(ty) = op.body.as_ref().and_then(|b| b.payload.ty()) {
                note(ty);
            }
            for response in &op.responses {
                if let Content::Json(ty) = &response.content {
                    note(ty);
                }
            }
            if let Success::One(Content::Json(ty)) = &op.success {
                note(ty);
            }
        }
        crates
    }

    fn note(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Format(format) => {
                self.any = true;
                match format {
                    Format::DateTime(library) | Format::Date(library) | Format::Time(library) => {
                        match library {
                            DateCrate::Chrono => self.chrono = true,
                            DateCrate::Jiff => self.jiff = true,
                        }
                    }
                    Format::Uuid => self.uuid = true,
                    Format::Ipv4 | Format::Ipv6 => {}
                }
            }
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Nullable(inner)
            | TypeRef::Boxed(inner) => self.note(inner),
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::Integer(_)
            | TypeRef::Number(_)
            | TypeRef::Named(_)
            | TypeRef::Any
            | TypeRef::Binary => {}
        }
    }
}
