//! The typed string formats: the Rust type each is printed as, and the crates a client needs
//! for the ones it uses.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, DateCrate, Format, Success, TypeRef};

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

/// [`format_tokens`] as text, for the README, and the `format` it stands for.
pub(crate) fn format_row(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::DateTime(DateCrate::Chrono) => ("date-time", "chrono::DateTime<chrono::Utc>"),
        Format::Date(DateCrate::Chrono) => ("date", "chrono::NaiveDate"),
        Format::Time(DateCrate::Chrono) => ("time", "chrono::NaiveTime"),
        Format::DateTime(DateCrate::Jiff) => ("date-time", "jiff::Timestamp"),
        Format::Date(DateCrate::Jiff) => ("date", "jiff::civil::Date"),
        Format::Time(DateCrate::Jiff) => ("time", "jiff::civil::Time"),
        Format::Uuid => ("uuid", "uuid::Uuid"),
        Format::Ipv4 => ("ipv4", "std::net::Ipv4Addr"),
        Format::Ipv6 => ("ipv6", "std::net::Ipv6Addr"),
    }
}

/// How a value of the format is written on the wire, for the README's table.
pub(crate) fn wire_form(format: Format) -> &'static str {
    match format {
        Format::DateTime(_) => "RFC 3339 in UTC: `2024-01-02T03:04:05.5Z`",
        Format::Date(_) => "`2024-01-02`",
        Format::Time(_) => "`03:04:05`",
        Format::Uuid => "lower-case, hyphenated",
        Format::Ipv4 => "`192.0.2.1`",
        Format::Ipv6 => "RFC 5952: `2001:db8::1`",
    }
}

/// A value of the format as the spec writes it, which its type parses (`str::parse`), for the
/// README's examples.
pub(crate) fn example_text(format: Format) -> &'static str {
    match format {
        Format::DateTime(_) => "2024-01-02T03:04:05Z",
        Format::Date(_) => "2024-01-02",
        Format::Time(_) => "03:04:05",
        Format::Uuid => "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        Format::Ipv4 => "192.0.2.1",
        Format::Ipv6 => "2001:db8::1",
    }
}

/// Whether the type's `Display` writes the value as the spec's string form. Only chrono's
/// `DateTime<Utc>` does not (`2024-01-02 03:04:05 UTC`); its serde form is RFC 3339, which is
/// what parameters are sent as.
pub(crate) fn displays_wire_form(format: Format) -> bool {
    format != Format::DateTime(DateCrate::Chrono)
}

/// The typed formats a client uses, and the crates they come from: each is a dependency of the
/// generated crate only when some type, parameter, body or response holds its type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FormatCrates {
    pub(crate) chrono: bool,
    pub(crate) jiff: bool,
    pub(crate) uuid: bool,
    /// Every typed format used, `std::net`'s included, in [`Format`]'s order.
    pub(crate) used: BTreeSet<Format>,
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
            op.bodies()
                .filter_map(|b| b.payload.ty())
                .for_each(&mut note);
            for response in &op.responses {
                if let Some(ty) = response.content.ty() {
                    note(ty);
                }
            }
            if let Success::One(content) = &op.success {
                content.ty().into_iter().for_each(&mut note);
            }
        }
        crates
    }

    fn note(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Format(format) => {
                self.used.insert(*format);
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
            TypeRef::Tuple(items) => items.iter().for_each(|item| self.note(item)),
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::Integer(_)
            | TypeRef::Number(_)
            | TypeRef::Named(_)
            | TypeRef::Any
            | TypeRef::Binary
            | TypeRef::File
            | TypeRef::External(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_names_the_types_the_code_has() {
        for library in [DateCrate::Chrono, DateCrate::Jiff] {
            for format in [
                Format::DateTime(library),
                Format::Date(library),
                Format::Time(library),
                Format::Uuid,
                Format::Ipv4,
                Format::Ipv6,
            ] {
                let tokens = format_tokens(format).to_string().replace(' ', "");
                assert_eq!(tokens, format_row(format).1);
            }
        }
    }
}
