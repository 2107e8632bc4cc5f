//! Operations: their parameters, responses, decoders and errors (bodies are in `body.rs`).

use super::{RequestBody, TypeRef};

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
    /// The template split into text and parameters, in order: the request's path is built
    /// from them.
    pub path_pieces: Vec<PathPiece>,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// `tags`, as written.
    pub tags: Vec<String>,
    /// The Cargo feature that compiles it, when the crate has a feature per group of
    /// operations ([`Api::features`](super::Api::features)); `None`: always compiled.
    pub feature: Option<String>,
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
    /// How the response decoder reads each status: its arms, in the order they are tried.
    pub decode: Vec<DecodeArm>,
    /// The `Accept` header. When a success has a JSON body: the JSON media types the
    /// successes declare (`application/json`, `application/ld+json`), then those of the
    /// documented errors (`application/problem+json`), each once. When the successes are text
    /// or bytes: their media types, then `*/*;q=0.1` (none when one declares `*/*`). `None`:
    /// no `Accept` header of the operation's own. A JSON success's `Accept` starts with the
    /// JSON media type the operation's `Accept` parameter fixes (a single-value `enum` or a
    /// `default`, such as a versioned `application/vnd.pagerduty+json;version=2`), when it
    /// fixes one.
    pub accept: Option<String>,
    /// The operation's error enum: its name, and whether it is shared with other operations.
    pub errors: ErrorEnum,
    /// The server from operation- or path-level `servers` (an index into [`Api::servers`](super::Api::servers),
    /// never the default server's 0), used instead of the client's base URL.
    pub server: Option<usize>,
    /// The events of a success that answers with server-sent events (`text/event-stream`) or
    /// JSON values line by line (`application/x-ndjson`), which a second method streams.
    pub events: Option<Events>,
    /// How to fetch every page of a list operation, when its spec shows one (see
    /// `lower::pagination`): the crate then has `*_pages` and `*_items` methods for it.
    pub pagination: Option<Pagination>,
    /// The other forms of the request body, in the order [`Self::body`]'s is preferred to
    /// them: a media type whose schema differs from the body's (Discord's message as
    /// `multipart/form-data`, with its files, beside the JSON one), each sent by a method of
    /// its own with the same parameters, responses and errors.
    pub alternatives: Vec<AlternativeBody>,
    /// Set only on the operation an alternative's method is emitted from
    /// ([`Self::with_alternative`]): the method whose response decoder it shares.
    pub alternative_of: Option<String>,
}

/// Another form of an operation's request body and the method that sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct AlternativeBody {
    /// The method's name: the operation's with the form's (`create_message_multipart`).
    pub method_name: String,
    /// The body it sends.
    pub body: RequestBody,
}

impl Operation {
    /// The request bodies the operation's methods send: [`Self::body`], then each alternative's.
    pub fn bodies(&self) -> impl Iterator<Item = &RequestBody> {
        (self.body.iter()).chain(self.alternatives.iter().map(|alt| &alt.body))
    }

    /// [`Self::bodies`], to change.
    pub fn bodies_mut(&mut self) -> impl Iterator<Item = &mut RequestBody> {
        (self.body.iter_mut()).chain(self.alternatives.iter_mut().map(|alt| &mut alt.body))
    }

    /// The operation as `alternative`'s method sends it: that body, that name, and none of
    /// the methods besides the call (event streams and pages are the main method's).
    pub fn with_alternative(&self, alternative: &AlternativeBody) -> Operation {
        Operation {
            method_name: alternative.method_name.clone(),
            body: Some(alternative.body.clone()),
            events: None,
            pagination: None,
            alternatives: Vec::new(),
            alternative_of: Some(self.method_name.clone()),
            ..self.clone()
        }
    }
}

/// An operation's server-sent events: the method that streams them and what each one's `data`
/// decodes to (JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Events {
    /// The streaming method's name: the operation's with `_stream` (`_events` when it already
    /// ends so).
    pub method_name: String,
    /// The type of each event's data.
    pub data: TypeRef,
    /// How the events are framed on the wire.
    pub format: StreamFormat,
}

/// The media types of one JSON value per line ([`StreamFormat::JsonLines`]): newline-delimited
/// JSON and JSON Lines under the names in use, and JSON text sequences (RFC 7464), whose
/// records also end with a line feed. Lower case, without parameters.
pub const JSON_LINES_MEDIA_TYPES: [&str; 7] = [
    "application/x-ndjson",
    "application/ndjson",
    "application/jsonl",
    "application/x-jsonl",
    "application/jsonlines",
    "application/x-jsonlines",
    "application/json-seq",
];

/// JSON media types, with or without parameters: `application/json`, any `…/json` (`text/json`),
/// `…/x-json`, and any `+json` suffix (`application/problem+json`). Real specs use all of them
/// for JSON bodies; a type whose subtype only starts with `json` (`json-seq`, `jsonl`) is not.
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let subtype = essence.split_once('/').map_or("", |(_, subtype)| subtype);
    subtype == "json" || subtype == "x-json" || subtype.ends_with("+json")
}

/// Whether `media_type` (parameters and case aside) is one of [`JSON_LINES_MEDIA_TYPES`].
pub fn is_json_lines(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    JSON_LINES_MEDIA_TYPES
        .iter()
        .any(|name| essence.eq_ignore_ascii_case(name))
}

/// How a streamed success body is cut into events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamFormat {
    /// Server-sent events (`text/event-stream`): each event's `data:` lines are its JSON.
    ServerSentEvents,
    /// One JSON value per line (`application/x-ndjson`, `application/jsonl`,
    /// `application/json-seq`, …): each line is an event's data. The media type is the one
    /// the description gives, which the method asks for.
    JsonLines {
        /// The media type, as the description writes it.
        media_type: String,
    },
}

/// How a list operation's next page is asked for, and where its items are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// How the next page is found.
    pub kind: PageKind,
    /// The index in the operation's `params` of the query parameter that asks for a page (a
    /// cursor, page number or offset); an optional parameter, in the params struct.
    pub param: usize,
    /// Where the page's items are: `None` when the body is the array itself.
    pub items: Option<ResponseField>,
    /// The type of one item.
    pub item_type: TypeRef,
    /// What in the spec showed it (`x-dropshot-pagination`, `parameter starting_after with
    /// has_more`, …), for `cargo xtask ir` and the crate's README.
    pub reason: String,
}

/// A field of the success body's struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseField {
    /// The Rust field name.
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Whether the field is an `Option` in the generated struct (not required, or nullable;
    /// `Option<Option<_>>` when both).
    pub optional: bool,
    /// Both not required and nullable: `Option<Option<_>>`.
    pub double: bool,
}

/// How the next page of a list is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// A cursor the response gives, sent back in the parameter; the last page has none (or
    /// says `has_more: false`).
    Cursor {
        /// The response's field holding the next cursor; `None` when the cursor is the last
        /// item's `id` (Stripe's `starting_after`).
        cursor: Option<ResponseField>,
        /// The item's field holding its id, when the cursor is the last item's.
        item_id: Option<ResponseField>,
        /// The response's `has_more` flag, when it has one.
        has_more: Option<ResponseField>,
    },
    /// A page number, one more each page; the last page is empty or reaches the total.
    PageNumber {
        /// The response's total count of items, when it has one.
        total: Option<ResponseField>,
    },
    /// An offset into the list, moved on by the items received; the last page is empty or
    /// reaches the total.
    Offset {
        /// The response's total count of items, when it has one.
        total: Option<ResponseField>,
    },
    /// RFC 8288 `Link: <…>; rel="next"` response headers: the next page's number is the
    /// parameter's value in the next link; the last page has no next link.
    Link,
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

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    /// Text sent as it is written.
    Text(String),
    /// `{name}`: the path parameter at this index of the operation's `params`.
    Param(usize),
}

/// One arm of an operation's response decoder.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeArm {
    /// The statuses it matches ([`StatusMatch::Default`]: any status not matched before).
    pub statuses: StatusMatch,
    /// What a response with one of them is.
    pub outcome: ArmOutcome,
}

/// What a response decodes to.
#[derive(Debug, Clone, PartialEq)]
pub enum ArmOutcome {
    /// A success: its body as `content`, wrapped in the success enum's `variant` when the
    /// operation has one.
    Success {
        /// The variant of the success enum, when [`Success::Enum`].
        variant: Option<String>,
        /// How the body is decoded.
        content: Content,
    },
    /// A documented error: the error enum's `variant`, with the body decoded as `body` says
    /// (kept as `None` when it does not decode).
    Error {
        /// The variant of the error enum.
        variant: String,
        /// How the body the variant holds is decoded, if it holds one.
        body: ErrorBody,
    },
    /// A status the operation does not document.
    Unexpected,
}

/// An operation's error enum. Operations that document the same errors (statuses,
/// descriptions and payloads) share one, named after what it holds, which each of them
/// aliases.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorEnum {
    /// An enum of its own, with one variant per error response of the operation.
    Own {
        /// Its name.
        name: String,
        /// How many other operations' error types are aliases of it.
        aliases: usize,
    },
    /// The operation's error type is an alias of an enum several operations share, named after
    /// what it holds (see `lower::error_names`); the enum is printed with this operation, the
    /// first of them in document order.
    Shared {
        /// The alias's name.
        name: String,
        /// The shared enum's name.
        shared: String,
        /// How many other operations' error types are aliases of it.
        aliases: usize,
    },
    /// An alias of an enum another operation prints.
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
            ErrorEnum::Own { name, .. }
            | ErrorEnum::Shared { name, .. }
            | ErrorEnum::Alias { name, .. } => name,
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
    /// An XML body of this type, read as the schemas' XML Objects say.
    Xml(TypeRef),
    /// A text body: `String`.
    Text,
    /// Any other body, as raw bytes.
    Binary,
}

impl Content {
    /// The type of a JSON or XML body.
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            Content::Json(ty) | Content::Xml(ty) => Some(ty),
            Content::Empty | Content::Text | Content::Binary => None,
        }
    }

    /// [`Self::ty`], to change.
    pub fn ty_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            Content::Json(ty) | Content::Xml(ty) => Some(ty),
            Content::Empty | Content::Text | Content::Binary => None,
        }
    }
}

/// How an error variant's body is decoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorBody {
    /// The variant holds no body (the raw body is kept beside it).
    None,
    /// As JSON.
    Json,
    /// As XML, of this type.
    Xml(TypeRef),
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
    /// The scheme's key under `components.securitySchemes` (one of [`Api::security_schemes`](super::Api::security_schemes)).
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
    /// A query parameter's `allowReserved`: RFC 3986's reserved characters that a query allows
    /// are sent as they are, not percent-encoded.
    pub allow_reserved: bool,
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
    /// `label` path parameters: `.blue`, `.blue,black` (`.blue.black` exploded).
    Label,
    /// `matrix` path parameters: `;color=blue`, `;color=blue,black`
    /// (`;color=blue;color=black` exploded).
    Matrix,
    /// `spaceDelimited` arrays.
    SpaceDelimited,
    /// `pipeDelimited` arrays.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`.
    DeepObject,
    /// Described by `content` with a JSON media type: the value as a JSON string.
    Json,
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
    /// The media type its body is read as, as the spec writes it (`application/ld+json`):
    /// the first JSON one, else the first declared; `None` without content.
    pub media_type: Option<String>,
    /// The variant name in the operation's error enum or success enum.
    pub variant: String,
    /// Whether it is one of the operation's successes (decided in `lower`: the documented 2xx
    /// responses, or the documented 3xx ones when there is no 2xx), rather than an error.
    pub success: bool,
    /// Its links (OpenAPI's Link Objects), in document order: follow-up requests that take
    /// values from it, for the docs.
    pub links: Vec<Link>,
    /// The headers it documents (OpenAPI's Header Objects), in document order, for the docs
    /// (`Content-Type`, which OpenAPI says to ignore here, left out).
    pub headers: Vec<ResponseHeader>,
}

/// A header a response documents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResponseHeader {
    /// Its name, as the description writes it.
    pub name: String,
    /// What its schema says it holds, in words (`integer`, `string, date-time`, `array of
    /// string`, or the media type its `content` names); `None` when it says nothing of it.
    pub kind: Option<String>,
    /// The values its schema's `enum` lists, if any.
    pub values: Vec<String>,
    /// Its description.
    pub description: Option<String>,
    /// Whether the description says the response always carries it.
    pub required: bool,
    /// Whether it is deprecated.
    pub deprecated: bool,
}

/// A link of a response: an operation the API says a client may call next, with values taken
/// from the response or its request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    /// Its key in the response's `links`.
    pub name: String,
    /// The operation it names.
    pub target: LinkTarget,
    /// Each parameter the link sets, with its value as written (a runtime expression such as
    /// `$response.body#/id`, or a constant as JSON text).
    pub parameters: Vec<(String, String)>,
    /// The request body it sets, as written.
    pub request_body: Option<String>,
    /// Its description.
    pub description: Option<String>,
}

/// The operation a link names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkTarget {
    /// By `operationId`.
    Id(String),
    /// By `operationRef`: a JSON pointer to the operation, in this document
    /// (`#/paths/~1users~1{id}/get`) or another.
    Ref(String),
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
