//! An operation's method: its signature and the builder calls that make its request.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::decode::{decoder_name, stream_decoder_name};
use super::items::{success_type, types_prefix};
use super::method_docs::method_docs;
use super::rust::{ident, type_tokens};
use crate::ir::{
    Api, BodyPayload, Events, FormEncoding, Operation, Param, ParamLocation, ParamStyle, PathPiece,
    StreamFormat, TypeRef,
};

/// The argument type for a parameter or a JSON, form or multipart body: borrowed where that
/// is natural (the scalars and typed formats are `Copy`, and go by value).
fn param_type(api: &Api, ty: &TypeRef) -> TokenStream {
    param_type_in(api, ty, &TokenStream::new())
}

/// [`param_type`], a borrow with the given `lifetime` (none when empty).
pub(crate) fn param_type_in(api: &Api, ty: &TypeRef, lifetime: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&#lifetime str),
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::Format(_) => {
            type_tokens(api, ty, None)
        }
        TypeRef::Array(item) => {
            let item = type_tokens(api, item, Some(&types_prefix()));
            quote!(&#lifetime [#item])
        }
        _ => {
            let ty = type_tokens(api, ty, Some(&types_prefix()));
            quote!(&#lifetime #ty)
        }
    }
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form
        | ParamStyle::Simple
        | ParamStyle::Label
        | ParamStyle::Matrix
        | ParamStyle::Json => quote!(Style::Form),
        ParamStyle::SpaceDelimited => quote!(Style::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(Style::PipeDelimited),
        ParamStyle::DeepObject => quote!(Style::DeepObject),
    }
}

/// The builder method that adds a query parameter, by its style and `explode`, so no request
/// looks the style up. `spaceDelimited` and `pipeDelimited` with `explode: true` are written as
/// `form` is (`name=a&name=b`); `simple` is not a query style and is written as `form`.
fn query_method(style: ParamStyle, explode: bool) -> &'static str {
    match (style, explode) {
        (ParamStyle::Json, _) => "query_json",
        (ParamStyle::DeepObject, _) => "query_deep_object",
        (_, true) => "query",
        (ParamStyle::Form | ParamStyle::Simple | ParamStyle::Label | ParamStyle::Matrix, false) => {
            "query_joined"
        }
        (ParamStyle::SpaceDelimited, false) => "query_space_delimited",
        (ParamStyle::PipeDelimited, false) => "query_pipe_delimited",
    }
}

/// The builder call that adds one parameter, given an expression for its value. A path
/// parameter's call appends it to the path, so it goes where the template names it.
fn param_step(param: &Param, value: &TokenStream) -> TokenStream {
    let wire = &param.wire_name;
    let json = param.style == ParamStyle::Json;
    // `simple` with `explode: true` differs from the default only for objects (`k=v,…`).
    let exploded_object = param.style == ParamStyle::Simple
        && param.explode
        && !matches!(
            param.ty,
            TypeRef::String
                | TypeRef::Bool
                | TypeRef::Integer(_)
                | TypeRef::Number(_)
                | TypeRef::Format(_)
                | TypeRef::Array(_)
        );
    match param.location {
        ParamLocation::Path if json => quote!(path_json(#wire, #value)),
        ParamLocation::Path if param.style == ParamStyle::Label => match param.explode {
            true => quote!(path_label_exploded(#wire, #value)),
            false => quote!(path_label(#wire, #value)),
        },
        ParamLocation::Path if param.style == ParamStyle::Matrix => match param.explode {
            true => quote!(path_matrix_exploded(#wire, #value)),
            false => quote!(path_matrix(#wire, #value)),
        },
        // `{+name}`: reserved expansion.
        ParamLocation::Path if param.allow_reserved && param.style == ParamStyle::Simple => {
            quote!(path_reserved(#wire, #value))
        }
        ParamLocation::Path if param.ty == TypeRef::String => quote!(path_param(#wire, #value)),
        ParamLocation::Path if exploded_object => quote!(path_exploded(#wire, #value)),
        ParamLocation::Path => quote!(path_value(#wire, #value)),
        ParamLocation::Query if param.allow_reserved => {
            let style = style_tokens(param.style);
            let explode = param.explode;
            quote!(query_reserved(#wire, #value, #style, #explode))
        }
        ParamLocation::Query => {
            let call = format_ident!("{}", query_method(param.style, param.explode));
            quote!(#call(#wire, #value))
        }
        ParamLocation::Header if json => quote!(header_json(#wire, #value)),
        ParamLocation::Header if exploded_object => quote!(header_exploded(#wire, #value)),
        ParamLocation::Header => quote!(header_param(#wire, #value)),
        ParamLocation::Cookie if json => quote!(cookie_json(#wire, #value)),
        ParamLocation::Cookie => quote!(cookie_param(#wire, #value)),
    }
}

/// The expression an argument is passed to its builder call as.
fn arg_value(param: &Param) -> TokenStream {
    let arg = ident(&param.name);
    match param.ty {
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::Format(_) => {
            quote!(&#arg)
        }
        _ => quote!(#arg),
    }
}

/// The request's start: `RequestBuilder::new` for a path without parameters, otherwise
/// `RequestBuilder::templated` and a call per piece of the template, split here so that no
/// request searches it.
fn request_start(op: &Operation) -> TokenStream {
    let (head, steps) = request_start_parts(op);
    quote!(#head #(.#steps)*)
}

/// [`request_start`] in parts: the call that makes the builder, and the calls after it.
pub(crate) fn request_start_parts(op: &Operation) -> (TokenStream, Vec<TokenStream>) {
    let method = format_ident!("{}", op.http_method.as_str());
    let template = &op.path;
    if !op
        .path_pieces
        .iter()
        .any(|p| matches!(p, PathPiece::Param(_)))
    {
        return (
            quote!(RequestBuilder::new(Method::#method, #template)),
            Vec::new(),
        );
    }
    let steps = op
        .path_pieces
        .iter()
        .filter_map(|piece| match piece {
            PathPiece::Text(text) => Some(quote!(path(#text))),
            PathPiece::Param(index) => op
                .params
                .get(*index)
                .map(|param| param_step(param, &arg_value(param))),
        })
        .collect();
    (
        quote!(RequestBuilder::templated(Method::#method, #template)),
        steps,
    )
}

pub(crate) fn method(api: &Api, op: &Operation) -> TokenStream {
    let doc = method_docs(api, op);
    let name = ident(&op.method_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let error = format_ident!("{}", op.errors.name());
    let success = success_type(api, op);
    let decoder = decoder_name(op);
    let (args, build, too_many) = request(api, op, op.accept.as_deref());
    quote! {
        #doc
        #deprecated
        #too_many
        pub fn #name(&self, #(#args),*) -> Call<'_, #success, #error> {
            #build
            self.call(request, #decoder)
        }
    }
}

/// The streaming method of an operation that answers with server-sent events: the same
/// request, asking for `text/event-stream`, and an `EventCall` of its events' data type.
pub(crate) fn stream_method(api: &Api, op: &Operation) -> TokenStream {
    let Some(events) = &op.events else {
        return TokenStream::new();
    };
    let doc = docs_tokens(&stream_doc_lines(op));
    let name = ident(&events.method_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let error = format_ident!("{}", op.errors.name());
    let data = type_tokens(api, &events.data, Some(&types_prefix()));
    let tail = stream_tail(op, events);
    let (args, build, too_many) = request(api, op, Some(stream_accept(events)));
    quote! {
        #doc
        #deprecated
        #too_many
        pub fn #name(&self, #(#args),*) -> EventCall<'_, #data, #error> {
            #build
            #tail
        }
    }
}

/// The media type a streaming method asks for.
pub(crate) fn stream_accept(events: &Events) -> &str {
    match &events.format {
        StreamFormat::ServerSentEvents => "text/event-stream",
        StreamFormat::JsonLines { media_type } => media_type,
    }
}

/// A streaming method's last expression: its call, as a stream of server-sent events or of
/// JSON lines.
pub(crate) fn stream_tail(op: &Operation, events: &Events) -> TokenStream {
    let decoder = stream_decoder_name(op);
    match events.format {
        StreamFormat::ServerSentEvents => quote!(EventCall::new(self.call(request, #decoder))),
        StreamFormat::JsonLines { .. } => quote!(EventCall::lines(self.call(request, #decoder))),
    }
}

fn docs_tokens(lines: &[String]) -> TokenStream {
    quote!(#(#[doc = #lines])*)
}

/// The doc lines of a streaming method: the operation's summary and what the stream yields.
pub(crate) fn stream_doc_lines(op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(summary) = &op.summary {
        lines.extend(summary.lines().map(|line| format!(" {line}")));
        lines.push(String::new());
    }
    let (what, each) = match op.events.as_ref().map(|events| &events.format) {
        Some(StreamFormat::JsonLines { media_type }) => (
            "its JSON values as they arrive, one per line",
            format!("`{media_type}`, each line decoded as an event's data"),
        ),
        _ => (
            "its events as they arrive",
            "`text/event-stream`, each event's data decoded".to_owned(),
        ),
    };
    lines.push(format!(
        " `{} {}`, {what}: the [`EventStream`](crate::EventStream) of",
        op.http_method.as_str(),
        op.path.replace('`', "'")
    ));
    lines.push(format!(
        " [`{}`](Self::{}) answered as {each}.",
        op.method_name, op.method_name
    ));
    lines
}

/// The method's arguments, the statements that build its request (with `accept` as the
/// `Accept` header) and, when the arguments are many, the lint allowance.
fn request(
    api: &Api,
    op: &Operation,
    accept: Option<&str>,
) -> (Vec<TokenStream>, TokenStream, Option<TokenStream>) {
    let parts = request_parts(api, op, accept);
    let build = build_request(request_start(op), &parts.steps);
    let too_many = parts
        .too_many
        .then(|| quote!(#[allow(clippy::too_many_arguments)]));
    (parts.args, build, too_many)
}

/// What a method builds its request from, as tokens: `print` prints them too.
pub(crate) struct RequestParts {
    /// The arguments after `&self`, `name: Type` each.
    pub(crate) args: Vec<TokenStream>,
    /// The builder calls after it.
    pub(crate) steps: Vec<Step>,
    /// Whether the arguments are too many for clippy (`#[allow(clippy::too_many_arguments)]`).
    pub(crate) too_many: bool,
}

/// The parts of the request of `op`'s method, `accept` as its `Accept` header.
pub(crate) fn request_parts(api: &Api, op: &Operation, accept: Option<&str>) -> RequestParts {
    let mut args = Vec::new();
    let mut steps = Vec::new();
    for param in op.params.iter().filter(|p| !p.in_struct) {
        let arg = ident(&param.name);
        let ty = param_type(api, &param.ty);
        args.push(quote!(#arg: #ty));
        // A path parameter is appended to the path where the template names it.
        if param.location != ParamLocation::Path {
            steps.push(Step::Always(param_step(param, &arg_value(param))));
        }
    }
    if let Some(body) = &op.body {
        let media_type = &body.content_type;
        let by_value = |call_ty: TokenStream, into: TokenStream, call: TokenStream| {
            if body.required {
                (quote!(body: impl Into<#call_ty>), Step::Always(into))
            } else {
                (
                    quote!(body: Option<#call_ty>),
                    Step::IfSome(format_ident!("body"), call),
                )
            }
        };
        let by_ref = |ty: &TypeRef, call: TokenStream| {
            let ty = param_type(api, ty);
            if body.required {
                (quote!(body: #ty), Step::Always(call))
            } else {
                (
                    quote!(body: Option<#ty>),
                    Step::IfSome(format_ident!("body"), call),
                )
            }
        };
        // Scalars are taken by value (`param_type`); the encoders borrow.
        let borrowed = |ty: &TypeRef| match ty {
            TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::Format(_) => {
                quote!(&body)
            }
            _ => quote!(body),
        };
        let (arg, step) = match &body.payload {
            // `format: binary` bytes go through the runtime's `BinaryField`: JSON strings.
            BodyPayload::Json(ty) if api.holds_binary(ty) => {
                let body_ref = borrowed(ty);
                let body_ref = quote!(&crate::serde_helpers::Binary(#body_ref));
                by_ref(ty, quote!(json_body(#media_type, #body_ref)))
            }
            BodyPayload::Json(ty) => {
                let body_ref = borrowed(ty);
                by_ref(ty, quote!(json_body(#media_type, #body_ref)))
            }
            BodyPayload::Form { ty, fields } => {
                let encodings = fields.iter().map(|f| {
                    let field = &f.field;
                    match f.encoding {
                        FormEncoding::Style {
                            style,
                            explode,
                            allow_reserved,
                        } => {
                            let style = style_tokens(style);
                            if allow_reserved {
                                quote!(Encoding::reserved(#field, #style, #explode))
                            } else {
                                quote!(Encoding::style(#field, #style, #explode))
                            }
                        }
                        FormEncoding::Json => quote!(Encoding::json(#field)),
                        FormEncoding::Binary { list } => quote!(Encoding::binary(#field, #list)),
                    }
                });
                let body_ref = borrowed(ty);
                by_ref(ty, quote!(form_body(#body_ref, &[#(#encodings),*])))
            }
            BodyPayload::Multipart {
                ty,
                part_name,
                parts,
            } => {
                let encodings = parts.iter().map(|e| {
                    let field = &e.field;
                    let content_type = match &e.content_type {
                        Some(media_type) => quote!(Some(#media_type)),
                        None => quote!(None),
                    };
                    let headers = e.headers.iter().map(|h| {
                        let (name, value) = (&h.name, &h.value);
                        quote!((#name, #value))
                    });
                    quote!(Encoding::part(#field, #content_type, &[#(#headers),*]))
                });
                let call = match part_name {
                    Some(name) => quote!(multipart_field_body(#name, &body, &[#(#encodings),*])),
                    None => quote!(multipart_body(body, &[#(#encodings),*])),
                };
                by_ref(ty, call)
            }
            // A range no one type stands for (`image/*`), or several types: the caller names
            // the type.
            BodyPayload::Binary if body.caller_content_type => {
                let range = &body.media_type;
                let content_type = format_ident!("{}", body_content_type_arg(op));
                if body.required {
                    args.push(quote!(body: impl Into<Bytes>));
                    (
                        quote!(#content_type: &str),
                        Step::Always(
                            quote!(binary_body_within(#range, #content_type, body.into())),
                        ),
                    )
                } else {
                    (
                        quote!(body: Option<(Bytes, &str)>),
                        Step::IfSome(
                            format_ident!("body"),
                            quote!(binary_body_within(#range, body.1, body.0)),
                        ),
                    )
                }
            }
            BodyPayload::Xml { ty, .. } => {
                let body_ref = borrowed(ty);
                // As for JSON: `format: binary` bytes are text.
                let body_ref = if api.holds_binary(ty) {
                    quote!(&crate::serde_helpers::Binary(#body_ref))
                } else {
                    body_ref
                };
                let root = format_ident!("{}", super::xml::body_root(op));
                by_ref(
                    ty,
                    quote!(xml_body(#media_type, #body_ref, &xml_shapes::#root)),
                )
            }
            BodyPayload::Binary => by_value(
                quote!(Bytes),
                quote!(binary_body(#media_type, body.into())),
                quote!(binary_body(#media_type, body)),
            ),
            BodyPayload::Text => by_value(
                quote!(String),
                quote!(text_body(#media_type, body.into())),
                quote!(text_body(#media_type, body)),
            ),
            // Written as a parameter's scalar is: `true`, `42`, `0.5`.
            BodyPayload::Scalar(ty) => by_ref(ty, quote!(text_body(#media_type, body.to_string()))),
        };
        args.push(arg);
        steps.push(step);
    }
    if let Some(params_type) = &op.params_type {
        let params_type = format_ident!("{}", params_type);
        args.push(quote!(params: #params_type));
        for param in op.params.iter().filter(|p| p.in_struct) {
            let field = ident(&param.name);
            steps.push(Step::Always(param_step(param, &quote!(&params.#field))));
        }
    }
    if let Some(server) = op.server.and_then(|index| api.servers.get(index)) {
        let server = format_ident!("{}", server.name);
        steps.push(Step::Always(quote!(server(Server::#server))));
    }
    if let Some(accept) = accept {
        steps.push(Step::Always(quote!(accept(#accept))));
    }
    if op.security.iter().any(|r| !r.schemes.is_empty()) {
        let alternatives = op.security.iter().map(|r| {
            let keys = r.schemes.iter().map(|s| &s.key);
            quote!(&[#(#keys),*])
        });
        steps.push(Step::Always(quote!(security(&[#(#alternatives),*]))));
    }
    let too_many = args.len() + 1 > 7;
    RequestParts {
        args,
        steps,
        too_many,
    }
}

/// The name of the argument that gives a body's `Content-Type` (`RequestBody::caller_content_type`):
/// `content_type`, or `body_content_type` when a parameter of the method has that name.
pub(crate) fn body_content_type_arg(op: &Operation) -> &'static str {
    if op
        .params
        .iter()
        .any(|p| !p.in_struct && p.name == "content_type")
    {
        "body_content_type"
    } else {
        "content_type"
    }
}

/// One builder call while building a request.
pub(crate) enum Step {
    /// `.call(...)` always.
    Always(TokenStream),
    /// `.call(...)` with the optional argument unwrapped, when it is `Some`.
    IfSome(Ident, TokenStream),
}

/// `let request = …;` as one chain where possible, with `if let` only for optional arguments.
fn build_request(start: TokenStream, steps: &[Step]) -> TokenStream {
    let leading: Vec<&TokenStream> = steps
        .iter()
        .map_while(|s| match s {
            Step::Always(call) => Some(call),
            Step::IfSome(..) => None,
        })
        .collect();
    let rest = &steps[leading.len()..];
    if rest.is_empty() {
        return quote!(let request = #start #(.#leading)*;);
    }
    let rest = rest.iter().map(|step| match step {
        Step::Always(call) => quote!(request = request.#call;),
        Step::IfSome(arg, call) => quote! {
            if let Some(#arg) = #arg {
                request = request.#call;
            }
        },
    });
    quote! {
        let mut request = #start #(.#leading)*;
        #(#rest)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_query_style_and_explode_has_its_own_call() {
        use ParamStyle::*;
        let cases = [
            (Form, true, "query"),
            (SpaceDelimited, true, "query"),
            (PipeDelimited, true, "query"),
            (Form, false, "query_joined"),
            (SpaceDelimited, false, "query_space_delimited"),
            (PipeDelimited, false, "query_pipe_delimited"),
            (DeepObject, true, "query_deep_object"),
            (DeepObject, false, "query_deep_object"),
            (Json, false, "query_json"),
        ];
        for (style, explode, call) in cases {
            assert_eq!(query_method(style, explode), call, "{style:?} {explode}");
        }
    }
}
