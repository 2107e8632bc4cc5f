//! Stage 2's output: the intermediate representation.
//!
//! Plain data, independent of `openapiv3`: every `$ref` is resolved, every type has its final
//! Rust name and an id ([`TypeId`], its index in [`Api::types`]) that references use, every
//! identifier is valid Rust, and every decision is made: which types and error enums are shared,
//! which responses are successes, how each parameter and body is encoded. `emit` reads only this
//! and prints it. Print it with `{:#?}` (or `cargo xtask ir`) to see what the generator understood.

/// A whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The default server's URL with every variable at its default: the client's default base
    /// URL, when the description names an absolute server and its variables all have defaults.
    pub default_base_url: Option<String>,
    /// The servers requests can go to: the default server (the document's first absolute
    /// server) first, then every other server an operation or path item names, in order of
    /// appearance. Each is a variant of the generated `Server` enum.
    pub servers: Vec<Server>,
    /// The variables of the servers' URLs, one builder option per distinct name.
    pub server_variables: Vec<ServerVariable>,
    /// `components.securitySchemes`, in document order.
    pub security_schemes: Vec<SecurityScheme>,
    /// Named types: component schemas first, then inline schemas in the order they were met.
    /// A [`TypeId`] is an index into this list.
    pub types: Vec<TypeDef>,
    /// Operations in document order (paths, then methods in the order get, put, post, delete,
    /// options, head, patch, trace).
    pub operations: Vec<Operation>,
    /// Constructs that were skipped, each naming its node; shown to the user as warnings.
    pub warnings: Vec<Warning>,
}

/// A server requests can go to.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The variant of the generated `Server` enum (`Default` for the default server).
    pub name: String,
    /// The URL, with `{variable}`s and without a trailing `/`; `None` for a default server the
    /// description does not name (no servers, or only relative ones).
    pub url: Option<String>,
    /// The server's `description`.
    pub description: Option<String>,
    /// The other URLs of the `servers` list it was first met in, as written: choices a user can
    /// give to `server_url` (or `base_url`).
    pub alternatives: Vec<String>,
    /// JSON pointer of the server where it was first met.
    pub pointer: String,
    /// The variables in `url`, in order of appearance.
    pub variables: Vec<ServerVariableUse>,
}

/// A variable as one server uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariableUse {
    /// Index into [`Api::server_variables`].
    pub variable: usize,
    /// This server's default for it; `None` when the description gives none (no `variables`
    /// entry, or one without `default`), so the user must set it.
    pub default: Option<String>,
}

/// A variable of the servers' URLs: one builder option, whichever servers use it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name in the URL, between braces.
    pub name: String,
    /// The `ClientBuilder` method that sets it.
    pub method_name: String,
    /// The enum of its values, when the description lists them (`enum`); else it is a string.
    pub type_name: Option<String>,
    /// The listed values of every server using it, in order of appearance.
    pub values: Vec<EnumVariant>,
    /// The first `description` given.
    pub description: Option<String>,
}

/// Something the generator skipped on purpose, with the node it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// JSON pointer of the node.
    pub pointer: String,
    /// What was skipped and why.
    pub message: String,
}

/// One security scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its key under `components.securitySchemes`.
    pub key: String,
    /// What it asks of the client.
    pub kind: SecurityKind,
    /// Its description.
    pub description: Option<String>,
}

/// How a security scheme carries credentials.
#[derive(Debug, Clone, PartialEq)]
pub enum SecurityKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where the key travels.
        location: ParamLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
    /// OAuth2; the access token travels as a bearer token.
    OAuth2 {
        /// The token endpoint of the first flow that has one.
        token_url: Option<String>,
    },
    /// OpenID Connect; the access token travels as a bearer token.
    OpenIdConnect,
    /// Any other HTTP authentication scheme: `Authorization: <scheme> <credentials>`.
    Http {
        /// The scheme's name as the spec spells it (`DSN`).
        scheme: String,
    },
}

/// A named type's id: its index in [`Api::types`].
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
            TypeKind::OneOf {
                variants, unknown, ..
            } => variants
                .iter_mut()
                .map(|v| &mut v.ty)
                .chain(unknown.as_mut())
                .collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
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
    /// A type from [`Api::types`].
    Named(TypeId),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// A map from string keys, `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// Any JSON value.
    Any,
    /// Raw bytes (`format: binary`): file uploads and downloads, `bytes::Bytes`.
    Binary,
    /// `Option<T>`: a nullable array item, map value or alternative.
    Nullable(Box<TypeRef>),
    /// `Box<T>`: an edge of a type cycle that would otherwise make the type infinitely large.
    Boxed(Box<TypeRef>),
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

/// One operation: a method on the generated client.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The Rust method name.
    pub method_name: String,
    /// `operationId`, as written.
    pub operation_id: Option<String>,
    /// The HTTP method.
    pub http_method: Method,
    /// The path template as written, with any `#fragment` removed.
    pub path: String,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Alternative security requirements; empty when the operation takes no credentials.
    pub security: Vec<SecurityRequirement>,
    /// Parameters: path parameters first in path order, then the rest in document order.
    pub params: Vec<Param>,
    /// The name of the struct that carries the parameters not passed as arguments, when any
    /// are (see [`Param::in_struct`]).
    pub params_type: Option<String>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Responses, in document order with `default` last.
    pub responses: Vec<Response>,
    /// What a successful call returns.
    pub success: Success,
    /// The operation's error enum: its name, and whether it is shared with other operations.
    pub errors: ErrorEnum,
    /// The server from operation- or path-level `servers` (an index into [`Api::servers`],
    /// never the default server's 0), used instead of the client's base URL.
    pub server: Option<usize>,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl Method {
    /// The method as OpenAPI's path item keys spell it (`get`); `None` for any other key.
    pub fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            "trace" => Method::Trace,
            _ => return None,
        })
    }

    /// The method as sent, upper case (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// What a successful call of an operation returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// Every success status has the same body (or none): that body.
    One(Content),
    /// Success statuses differ in body: an enum with one variant per success response (the
    /// operation's responses whose `success` is set, each naming its variant and payload).
    Enum {
        /// The enum's name.
        name: String,
    },
}

/// An operation's error enum. Operations that document the same errors (statuses,
/// descriptions and payloads) share one: the first operation's, which the others alias.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorEnum {
    /// An enum of its own, with one variant per error response of the operation.
    Own {
        /// Its name.
        name: String,
        /// How many other operations' error types are aliases of it.
        aliases: usize,
    },
    /// An alias of another operation's enum.
    Alias {
        /// The alias's name.
        name: String,
        /// The name of the enum it stands for.
        target: String,
    },
}

impl ErrorEnum {
    /// The name the operation's methods and decoders use.
    pub fn name(&self) -> &str {
        match self {
            ErrorEnum::Own { name, .. } | ErrorEnum::Alias { name, .. } => name,
        }
    }
}

/// The body of a response, as decoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Content {
    /// No body: `()`.
    Empty,
    /// A JSON body of this type.
    Json(TypeRef),
    /// A text body: `String`.
    Text,
    /// Any other body, as raw bytes.
    Binary,
}

/// One way of meeting an operation's security: every listed scheme, together.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityRequirement {
    /// The schemes, with the scopes each needs.
    pub schemes: Vec<SchemeUse>,
}

/// One scheme of a security requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeUse {
    /// The scheme's key under `components.securitySchemes` (one of [`Api::security_schemes`]).
    pub key: String,
    /// The scopes the operation needs (OAuth2, OpenID Connect; roles for others).
    pub scopes: Vec<String>,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The Rust argument name.
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Where it travels.
    pub location: ParamLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// Its description.
    pub docs: Option<String>,
    /// How its value is written on the wire.
    pub style: ParamStyle,
    /// `explode`, with the OpenAPI default for the style when absent.
    pub explode: bool,
    /// Carried in the operation's params struct rather than as its own argument.
    pub in_struct: bool,
}

/// How a parameter's value is serialized (OpenAPI `style`, or `content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamStyle {
    /// `form` (query and cookie default).
    Form,
    /// `simple` (path and header default).
    Simple,
    /// `spaceDelimited` arrays.
    SpaceDelimited,
    /// `pipeDelimited` arrays.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`.
    DeepObject,
    /// Described by `content` with a JSON media type: the value as a JSON string.
    Json,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The media type sent as `Content-Type`.
    pub media_type: String,
    /// How it is encoded, with what each encoding needs.
    pub payload: BodyPayload,
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
        /// Fields the media type's `encoding` gives a `style`, in document order; the others
        /// are written with repeated keys and brackets for nesting.
        styles: Vec<FormFieldStyle>,
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
    /// Raw bytes (`application/octet-stream`, images, PDFs, `*/*`, …).
    Binary,
    /// Text (`text/plain` and other `text/*`, XML).
    Text,
}

impl BodyPayload {
    /// How the body is encoded.
    pub fn encoding(&self) -> BodyEncoding {
        match self {
            BodyPayload::Json(_) => BodyEncoding::Json,
            BodyPayload::Form { .. } => BodyEncoding::Form,
            BodyPayload::Multipart { .. } => BodyEncoding::Multipart,
            BodyPayload::Binary => BodyEncoding::Binary,
            BodyPayload::Text => BodyEncoding::Text,
        }
    }

    /// The type of the value sent, for JSON, form and multipart bodies.
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            BodyPayload::Json(ty)
            | BodyPayload::Form { ty, .. }
            | BodyPayload::Multipart { ty, .. } => Some(ty),
            BodyPayload::Binary | BodyPayload::Text => None,
        }
    }

    /// [`Self::ty`], to change.
    pub fn ty_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            BodyPayload::Json(ty)
            | BodyPayload::Form { ty, .. }
            | BodyPayload::Multipart { ty, .. } => Some(ty),
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
}

/// The `style` and `explode` one field of a form body is written in, as a query parameter of
/// that style would be (an OpenAPI Encoding Object).
#[derive(Debug, Clone, PartialEq)]
pub struct FormFieldStyle {
    /// The property name on the wire.
    pub field: String,
    /// Its style.
    pub style: ParamStyle,
    /// Its `explode`.
    pub explode: bool,
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

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusMatch {
    /// One code.
    Code(u16),
    /// `1XX` to `5XX`: the hundreds digit.
    Range(u16),
    /// `default`: any status not listed.
    Default,
}

/// One documented response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Response {
    /// The statuses it covers.
    pub status: StatusMatch,
    /// Its description.
    pub description: String,
    /// Its body.
    pub content: Content,
    /// The variant name in the operation's error enum or success enum.
    pub variant: String,
    /// Whether it is one of the operation's successes (decided in `lower`: the documented 2xx
    /// responses, or the documented 3xx ones when there is no 2xx), rather than an error.
    pub success: bool,
}

impl StatusMatch {
    /// Whether the status is 2xx.
    pub fn is_success(self) -> bool {
        match self {
            StatusMatch::Code(code) => (200..300).contains(&code),
            StatusMatch::Range(hundreds) => hundreds == 2,
            StatusMatch::Default => false,
        }
    }

    /// Whether the status is 3xx.
    pub fn is_redirection(self) -> bool {
        match self {
            StatusMatch::Code(code) => (300..400).contains(&code),
            StatusMatch::Range(hundreds) => hundreds == 3,
            StatusMatch::Default => false,
        }
    }
}

impl Api {
    /// The type a [`TypeId`] names; `None` for an id from another `Api`.
    pub fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.types.get(id.0)
    }

    /// The Rust name of the type a [`TypeId`] names (empty for an id from another `Api`).
    pub fn name_of(&self, id: TypeId) -> &str {
        self.get(id).map_or("", |def| def.name.as_str())
    }

    /// The id of the type with this Rust name.
    pub fn type_id(&self, name: &str) -> Option<TypeId> {
        self.types
            .iter()
            .position(|def| def.name == name)
            .map(TypeId)
    }
}
