//! Named types and references to them.

/// A named type's id: its index in [`Api::types`](super::Api::types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: String,
    /// JSON pointer of the schema it came from.
    pub pointer: String,
    /// Where the schema is written: a component of its own, or inline in another node.
    pub origin: Origin,
    /// The schema's `title`.
    pub title: Option<String>,
    /// `title` and `description`, joined (plus what sharing notes), as printed in the docs.
    pub docs: Option<String>,
    /// Its shape.
    pub kind: TypeKind,
    /// Derives the user asked for besides the generated ones (`types.derive`,
    /// `types.derive-for`), as Rust paths (`Eq`, `schemars::JsonSchema`).
    pub derives: Vec<String>,
    /// Which way its values travel, and so which of `Serialize` and `Deserialize` it derives.
    pub wire: Wire,
    /// The Cargo features of the operations that use it, when the crate has a feature per
    /// group of operations and not every group uses it: the type is compiled when any of them
    /// is on. `None`: always compiled.
    pub features: Option<Vec<String>>,
    /// Whether, when none of [`features`](Self::features) is on, a stand-in of the same name
    /// holding the JSON as received is compiled instead: set for a struct or enum some group
    /// uses directly when types of other groups refer to it (`[features] stand-ins`).
    pub stand_in: bool,
}

/// Which way a type's values travel: sent in requests (parameters, bodies), received in
/// responses (bodies, events, pages). A type no operation uses is both, as is every type under
/// `[types] serde = "both"`. Every type derives `Serialize` (a response is printed, stored and
/// forwarded as JSON too); only a received one derives `Deserialize`, the larger impl, which a
/// type only requests carry never uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wire {
    /// Requests carry it.
    pub sent: bool,
    /// Responses carry it: it derives `Deserialize`.
    pub received: bool,
}

impl Wire {
    /// Sent and received.
    pub const BOTH: Self = Self {
        sent: true,
        received: true,
    };

    /// The `serde` traits it derives, as written in a `#[derive]`.
    pub fn serde_derives(self) -> &'static str {
        if self.received {
            "Serialize, Deserialize"
        } else {
            "Serialize"
        }
    }
}

/// Where a named type's schema is written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// `components.schemas.<key>`: its name is the API's.
    Component {
        /// The key under `components.schemas`.
        key: String,
    },
    /// Inside another node (a property, a parameter, a body, a response, an array's items):
    /// named from where it occurs.
    Inline,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// An object with known properties.
    Struct {
        /// Its properties in document order.
        fields: Vec<Field>,
        /// The properties not listed, when `additionalProperties` says what they are: a map
        /// flattened into the struct after the fields.
        additional: Option<Additional>,
    },
    /// A string enumeration; unknown values decode to an extra `Unknown(String)` variant.
    StringEnum {
        /// The known values.
        variants: Vec<EnumVariant>,
    },
    /// An integer enumeration; unknown values decode to an extra `Unknown(i64)` variant.
    IntegerEnum {
        /// The known values.
        variants: Vec<IntegerVariant>,
    },
    /// `oneOf` or `anyOf`: one of several types. Values matching none of them decode to an extra
    /// `Unknown` variant. Also a base object with a `discriminator` and the schemas that `allOf`
    /// it (inheritance): each of those is a variant, chosen by the tag.
    OneOf {
        /// How a value picks its variant.
        tag: Option<Discriminator>,
        /// The alternatives, in document order.
        variants: Vec<OneOfVariant>,
        /// What the `Unknown` variant holds: `None` for any JSON value (`Value`); for an
        /// inheritance base, the struct of the base's own fields (which keeps the others in a
        /// map), so they stay reachable whatever the tag.
        unknown: Option<TypeRef>,
    },
    /// Another name for a type.
    Alias(TypeRef),
}

impl TypeKind {
    /// The type references the type holds: fields (and the map of other properties),
    /// alternatives (and what `Unknown` holds), or the aliased type.
    pub fn refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct { fields, additional } => fields
                .iter()
                .map(|f| &f.ty)
                .chain(additional.as_ref().map(|a| &a.value))
                .collect(),
            TypeKind::OneOf {
                variants, unknown, ..
            } => variants
                .iter()
                .map(|v| &v.ty)
                .chain(unknown.as_ref())
                .collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
        }
    }

    /// [`Self::refs`], to change.
    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct { fields, additional } => fields
                .iter_mut()
                .map(|f| &mut f.ty)
                .chain(additional.as_mut().map(|a| &mut a.value))
                .collect(),
            TypeKind::Alias(ty) => vec![ty],
            other => other.held_mut(),
        }
    }

    /// The references a value of the type holds in place, to change: fields and alternatives
    /// (and what `Unknown` holds), not the values of the map of other properties, which
    /// allocates, nor an alias's target.
    pub fn held_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct { fields, .. } => fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::OneOf {
                variants, unknown, ..
            } => variants
                .iter_mut()
                .map(|v| &mut v.ty)
                .chain(unknown.as_mut())
                .collect(),
            TypeKind::Alias(_) | TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {
                Vec::new()
            }
        }
    }
}

/// The property whose value names the variant of a `oneOf` (a `discriminator`, or a required
/// single-value enum property that every alternative has).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Discriminator {
    /// The property name on the wire.
    pub property: String,
}

/// One alternative of a `oneOf` or `anyOf`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OneOfVariant {
    /// The Rust variant name.
    pub name: String,
    /// The type it holds.
    pub ty: TypeRef,
    /// With a discriminator: the property values that select this variant. Serializing writes
    /// the first unless the variant's own tag field holds another of them: the variant decides
    /// the tag. Empty for untagged alternatives.
    pub tag_values: Vec<String>,
}

/// One value of an integer enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IntegerVariant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub value: i64,
}

/// One property of an object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// The Rust field name.
    pub name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// Its description.
    pub docs: Option<String>,
    /// Its type, without the optionality.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true` (or an `enum` listing `null`, or a `$ref` to a nullable schema). An
    /// optional nullable field keeps "absent" and `null` apart.
    pub nullable: bool,
    /// `default`, as JSON text, for the docs.
    pub default: Option<String>,
    /// Listed in `required` with no schema in `properties`: any JSON value, which requests must
    /// send (JSON Schema requires the name), and which a response that leaves it out reads as
    /// `null` (such a name is most often a typo for a described one: Box's `accessed` beside
    /// `access`), so that one mistake in the description does not fail every decode.
    pub undescribed: bool,
    /// What the property's XML Object says (its own, its `allOf` parts' and its `$ref`'s),
    /// when the document has XML bodies and it says something (boxed: most fields have none).
    pub xml: Option<Box<Xml>>,
}

/// What a schema's XML Object (`xml`) says, gathered from the schema, its `allOf` parts and
/// the schema its `$ref` names, the first to say a thing winning: how a value is named and
/// written in an XML body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Xml {
    /// The element or attribute name (`name`).
    pub name: Option<String>,
    /// The namespace (`namespace`).
    pub namespace: Option<String>,
    /// The prefix (`prefix`).
    pub prefix: Option<String>,
    /// Written as an attribute (`attribute: true`).
    pub attribute: bool,
    /// An array written inside an element of its own (`wrapped: true`).
    pub wrapped: bool,
    /// For an array, what its items' schema says.
    pub items: Option<Box<Xml>>,
}

/// The map of an object's properties not listed (`additionalProperties`), flattened into it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Additional {
    /// The Rust field name (`additional_properties`, unless a property took it).
    pub name: String,
    /// What the docs say of it.
    pub docs: String,
    /// The type of the values.
    pub value: TypeRef,
}

/// One value of a string enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub wire_value: String,
}

/// A reference to a type, as used by a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32` or `i64`.
    Integer(IntWidth),
    /// `f32` or `f64`.
    Number(FloatWidth),
    /// A type from [`Api::types`](super::Api::types).
    Named(TypeId),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// A map from string keys, `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// Any JSON value.
    Any,
    /// A string whose `format` has a Rust type of its own, as the configuration chose
    /// (a format configured to stay a `String` is [`TypeRef::String`]).
    Format(Format),
    /// Raw bytes (`format: binary`): file uploads and downloads, `bytes::Bytes`.
    Binary,
    /// A file part of a multipart body (`format: binary` as a part): the runtime's `Upload`,
    /// bytes with the file name and media type the part announces. `lower/files.rs` makes the
    /// [`TypeRef::Binary`] parts of multipart bodies this.
    File,
    /// A tuple, `(A, B, …)`: an OpenAPI 3.1 `prefixItems` array with exactly one item per
    /// place (JSON `[a, b, …]`).
    Tuple(Vec<TypeRef>),
    /// `Option<T>`: a nullable array item, map value or alternative.
    Nullable(Box<TypeRef>),
    /// `Box<T>`: an edge of a type cycle that would otherwise make the type infinitely large.
    Boxed(Box<TypeRef>),
    /// A type of the user's, by its Rust path (`types.replace`, a field's `type` override).
    External(String),
}

/// A typed string `format`, with the Rust type chosen for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `format: date-time`: an instant (RFC 3339 `date-time`, any offset).
    DateTime(DateCrate),
    /// `format: date`: a calendar date (`full-date`, `2024-01-02`).
    Date(DateCrate),
    /// `format: time`: a time of day without offset (`partial-time`, `03:04:05.5`).
    Time(DateCrate),
    /// `format: uuid`: `uuid::Uuid`.
    Uuid,
    /// `format: ipv4`: `std::net::Ipv4Addr`.
    Ipv4,
    /// `format: ipv6`: `std::net::Ipv6Addr`.
    Ipv6,
}

/// The crate dates and times come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateCrate {
    /// `chrono`: `DateTime<Utc>`, `NaiveDate`, `NaiveTime`.
    Chrono,
    /// `jiff`: `Timestamp`, `civil::Date`, `civil::Time`.
    Jiff,
}

/// Integer width and signedness, from `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntWidth {
    /// `format: int32`, `int16` or `int8`.
    I32,
    /// `format: int64`, no format or any other format.
    I64,
    /// `format: uint8`.
    U8,
    /// `format: uint16`.
    U16,
    /// `format: uint32`.
    U32,
    /// `format: uint64` or `uint`.
    U64,
}

/// Float width, from `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FloatWidth {
    /// `format: float`.
    F32,
    /// `format: double` or no format.
    F64,
}
