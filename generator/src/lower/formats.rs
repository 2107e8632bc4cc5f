//! Which Rust type a string `format` becomes, as the configuration's `[formats]` chooses.

use crate::config::{DateLibrary, Formats, IpType, UuidType};
use crate::ir::{DateCrate, Format, TypeRef};

/// The type of `type: string` with `format`: a [`TypeRef::Format`] for the typed formats
/// (`date-time`, `date`, `time`, `uuid`, `ipv4`, `ipv6`) unless the configuration keeps them
/// `String`; `None` for any other format, which stays `String` (`uri` and `email` among them:
/// no std type holds them, and a dependency is not worth what it would check).
pub(crate) fn format_type(formats: &Formats, format: &str) -> Option<TypeRef> {
    let dates = |library: DateLibrary| match library {
        DateLibrary::Chrono => Some(DateCrate::Chrono),
        DateLibrary::Jiff => Some(DateCrate::Jiff),
        DateLibrary::String => None,
    };
    let ip = |format: Format| (formats.ip == IpType::Std).then_some(format);
    let format = match format {
        "date-time" => dates(formats.date_time).map(Format::DateTime),
        "date" => dates(formats.date).map(Format::Date),
        "time" => dates(formats.time).map(Format::Time),
        "uuid" => (formats.uuid == UuidType::Uuid).then_some(Format::Uuid),
        "ipv4" => ip(Format::Ipv4),
        "ipv6" => ip(Format::Ipv6),
        _ => None,
    };
    format.map(TypeRef::Format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_typed_format_follows_its_setting() {
        let chrono = Formats::default();
        assert_eq!(
            format_type(&chrono, "date-time"),
            Some(TypeRef::Format(Format::DateTime(DateCrate::Chrono)))
        );
        assert_eq!(
            format_type(&chrono, "uuid"),
            Some(TypeRef::Format(Format::Uuid))
        );
        assert_eq!(
            format_type(&chrono, "ipv6"),
            Some(TypeRef::Format(Format::Ipv6))
        );
        for untyped in ["uri", "email", "byte", "password", "dateTime", ""] {
            assert_eq!(format_type(&chrono, untyped), None, "{untyped}");
        }
        let jiff = Formats {
            date: DateLibrary::Jiff,
            time: DateLibrary::String,
            uuid: UuidType::String,
            ip: IpType::String,
            ..Formats::default()
        };
        assert_eq!(
            format_type(&jiff, "date"),
            Some(TypeRef::Format(Format::Date(DateCrate::Jiff)))
        );
        assert_eq!(
            format_type(&jiff, "date-time"),
            Some(TypeRef::Format(Format::DateTime(DateCrate::Chrono)))
        );
        for untyped in ["time", "uuid", "ipv4", "ipv6"] {
            assert_eq!(format_type(&jiff, untyped), None, "{untyped}");
        }
    }
}
