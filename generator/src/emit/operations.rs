//! The `operations` module: one `Client` method per operation, its parameter struct, its
//! success and error enums, and its response decoder.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

#[cfg(test)]
use super::rust::Split;
use super::rust::{allow_large_variants, docs, ident, type_tokens, unparse};
use crate::error::{Error, Result};
use crate::ir::{
    Api, BodyEncoding, Content, Operation, Param, ParamLocation, ParamStyle, Response, StatusMatch,
    Success, TypeRef,
};

/// What the module's code uses, so it imports only that and compiles without unused-import
/// warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Uses {
    map: bool,
    value: bool,
    style: bool,
    encoding: bool,
    types: bool,
    /// A `call::` path (`self.call(…)` is in every method; only a path needs the module).
    call_module: bool,
    /// `Server`, set from the operations rather than found by name: a type may be called that.
    server: bool,
}

impl Uses {
    fn merge(&mut self, other: Uses) {
        self.map |= other.map;
        self.value |= other.value;
        self.style |= other.style;
        self.encoding |= other.encoding;
        self.types |= other.types;
        self.call_module |= other.call_module;
        self.server |= other.server;
    }

    /// Notes what `tokens` use.
    fn scan(&mut self, tokens: &TokenStream) {
        super::rust::visit_idents(tokens, &mut |ident, path| {
            if ident == "BTreeMap" {
                self.map = true;
            } else if ident == "Value" {
                self.value = true;
            } else if ident == "Style" && path {
                // `Style::Form`; a bare `Style` is a type of the API's (`types::Style`).
                self.style = true;
            } else if ident == "Encoding" && path {
                self.encoding = true;
            } else if ident == "types" {
                self.types = true;
            } else if ident == "call" && path {
                self.call_module = true;
            }
        });
    }
}

/// The formatted `operations` module, its items built and formatted in runs on several threads.
#[cfg(test)]
pub(crate) fn operations_file(api: &Api, split: Split) -> Result<String> {
    let errors = shared_errors(api);
    let ops = with_errors(api, &errors);
    let runs = split.map(&split.chunks(&ops), |ops| format_run(api, ops))?;
    Ok(super::rust::space_items(&join_runs(api, runs)?))
}

/// An operation with how its error enum relates to the others'.
pub(crate) type OpWithErrors<'a> = (&'a Operation, &'a ErrorSharing);

/// Every operation with how its error enum relates to the others' (`errors` from
/// [`shared_errors`]): what runs of operations are cut from.
pub(crate) fn with_errors<'a>(api: &'a Api, errors: &'a [ErrorSharing]) -> Vec<OpWithErrors<'a>> {
    api.operations.iter().zip(errors).collect()
}

const WHAT: &str = "src/operations.rs";
const IMPL_OPEN: &str = "impl Client {\n";
const IMPL_CLOSE: &str = "}\n";

/// One run of operations, formatted: the body of an `impl Client` with their methods, the
/// text of their other items, and what the two use.
pub(crate) struct Run {
    uses: Uses,
    methods: String,
    items: String,
}

/// Builds and formats one run of operations. The methods go in an `impl Client` of their own,
/// whose body joins the other runs' into the module's one `impl Client`.
pub(crate) fn format_run(api: &Api, ops: &[OpWithErrors<'_>]) -> Result<Run> {
    let mut uses = Uses {
        server: ops.iter().any(|(op, _)| op.server.is_some()),
        ..Uses::default()
    };
    let mut methods = TokenStream::new();
    methods.extend(ops.iter().map(|(op, _)| method(api, op)));
    let methods = quote!(impl Client { #methods });
    let mut items = TokenStream::new();
    items.extend(ops.iter().map(|&op| op_items(op)));
    let [methods, items] = [methods, items].map(|tokens| {
        uses.scan(&tokens);
        let file: Result<syn::File> = syn::parse2(tokens)
            .map_err(|e| Error::msg(format!("internal: generated {WHAT} does not parse: {e}")));
        file.map(|file| prettyplease::unparse(&file))
    });
    let methods = methods?
        .strip_prefix(IMPL_OPEN)
        .and_then(|m| m.strip_suffix(IMPL_CLOSE))
        .ok_or_else(|| Error::msg(format!("internal: unexpected `impl Client` in {WHAT}")))?
        .to_owned();
    Ok(Run {
        uses,
        methods,
        items: items?,
    })
}

/// The module's text from its runs, in order, before `space_items`.
pub(crate) fn join_runs(api: &Api, runs: impl IntoIterator<Item = Result<Run>>) -> Result<String> {
    let mut uses = Uses::default();
    let mut methods = String::new();
    let mut items = String::new();
    for run in runs {
        let run = run?;
        uses.merge(run.uses);
        methods.push_str(&run.methods);
        items.push_str(&run.items);
    }
    let mut text = unparse(operations_head(api, uses), WHAT)?;
    if !api.operations.is_empty() {
        text.push_str(IMPL_OPEN);
        text.push_str(&methods);
        text.push_str(IMPL_CLOSE);
    }
    text.push_str(&items);
    Ok(text)
}

/// The items of one operation besides its method.
fn op_items((op, sharing): OpWithErrors<'_>) -> TokenStream {
    let params = params_struct(op);
    let success = success_enum(op);
    let error = error_enum(op, sharing);
    let decoder = decoder(op);
    quote!(#params #success #error #decoder)
}

/// The whole module as one token stream, as [`operations_file`] would format it in one piece.
#[cfg(test)]
pub(crate) fn operations_module(api: &Api) -> TokenStream {
    let methods: Vec<TokenStream> = api.operations.iter().map(|op| method(api, op)).collect();
    let errors = shared_errors(api);
    let items: Vec<TokenStream> = api.operations.iter().zip(&errors).map(op_items).collect();
    let body = if api.operations.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            impl Client {
                #(#methods)*
            }
            #(#items)*
        }
    };
    let mut uses = Uses {
        server: api.operations.iter().any(|op| op.server.is_some()),
        ..Uses::default()
    };
    uses.scan(&body);
    let head = operations_head(api, uses);
    quote!(#head #body)
}

/// The module docs and imports; with no operations, only docs (an import would be unused).
fn operations_head(api: &Api, uses: Uses) -> TokenStream {
    if api.operations.is_empty() {
        return quote! {
            //! The API's operations: this API describes none, only the types in [`crate::types`].
        };
    }
    let map_import = uses.map.then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    let value_import = uses.value.then(|| {
        quote!(
            use serde_json::Value;
        )
    });
    let call_import = if uses.call_module {
        quote!(
            use crate::call::{self, Call, Outcome};
        )
    } else {
        quote!(
            use crate::call::{Call, Outcome};
        )
    };
    let style_import = match (uses.encoding, uses.style) {
        (true, true) => Some(quote!(
            use crate::encode::{Encoding, Style};
        )),
        (true, false) => Some(quote!(
            use crate::encode::Encoding;
        )),
        (false, true) => Some(quote!(
            use crate::encode::Style;
        )),
        (false, false) => None,
    };
    let types_import = uses.types.then(|| {
        quote!(
            use crate::types;
        )
    });
    let server_import = uses.server.then(|| {
        quote!(
            use crate::Server;
        )
    });
    quote! {
        //! The API's operations, each a method on [`Client`], with its documented errors.
        #map_import
        use bytes::Bytes;
        use reqwest::{Method, StatusCode};
        #value_import
        #call_import
        use crate::client::Client;
        #style_import
        use crate::request::RequestBuilder;
        #server_import
        #types_import
    }
}

fn types_prefix() -> TokenStream {
    quote!(types)
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn method_docs(api: &Api, op: &Operation) -> TokenStream {
    let mut text = String::new();
    if let Some(summary) = &op.summary {
        text.push_str(summary.trim());
        text.push_str("\n\n");
    }
    if let Some(description) = &op.description {
        if op.summary.as_deref().map(str::trim) != Some(description.trim()) {
            text.push_str(description.trim());
            text.push_str("\n\n");
        }
    }
    text.push_str(&format!("`{} {}`", op.http_method, op.path));
    if let Some(id) = &op.operation_id {
        text.push_str(&format!(" (operation `{id}`)"));
    }
    text.push('\n');
    if !op.security.is_empty() {
        text.push_str("\n# Authorization\n\nAny one of:\n");
        for requirement in &op.security {
            if requirement.schemes.is_empty() {
                text.push_str("- no credentials\n");
                continue;
            }
            let parts: Vec<String> = requirement
                .schemes
                .iter()
                .map(|(key, scopes)| {
                    let kind = api
                        .security_schemes
                        .iter()
                        .find(|s| &s.key == key)
                        .map_or("", |s| scheme_label(&s.kind));
                    if scopes.is_empty() {
                        format!("`{key}`{kind}")
                    } else {
                        let scopes: Vec<String> = scopes.iter().map(|s| format!("`{s}`")).collect();
                        format!("`{key}`{kind} with scopes {}", scopes.join(", "))
                    }
                })
                .collect();
            text.push_str(&format!("- {}\n", parts.join(" and ")));
        }
    }
    let documented: Vec<String> = op
        .params
        .iter()
        .map(|p| {
            let about = p.docs.as_deref().map(str::trim).filter(|d| !d.is_empty());
            let mark = if p.in_struct { " †" } else { "" };
            let about = match about {
                Some(about) => about.split_whitespace().collect::<Vec<_>>().join(" "),
                None => format!(
                    "the `{}` {} parameter",
                    p.wire_name,
                    location_word(p.location)
                ),
            };
            format!("- `{}`{mark}: {about}", p.name)
        })
        .collect();
    if let Some(params_type) = &op.params_type {
        text.push_str(&format!(
            "\nParameters marked † travel in [`{params_type}`].\n"
        ));
    }
    if !documented.is_empty() || op.body.is_some() {
        text.push_str("\n# Arguments\n\n");
        for line in documented {
            text.push_str(&line);
            text.push('\n');
        }
        if let Some(body) = &op.body {
            let about = body.docs.as_deref().map_or("the request body", str::trim);
            text.push_str(&format!(
                "- `body`: {}, sent as `{}`\n",
                about.replace('\n', " "),
                body.media_type
            ));
        }
    }
    text.push_str(&format!(
        "\n# Errors\n\nDocumented error statuses arrive as [`crate::Error::Api`] with a [`{}`].\n",
        op.error_type
    ));
    if op.deprecated {
        text.push_str("\nThis operation is deprecated.\n");
    }
    docs(&text)
}

fn scheme_label(kind: &crate::ir::SecurityKind) -> &'static str {
    use crate::ir::SecurityKind as K;
    match kind {
        K::Bearer => " (bearer token)",
        K::Basic => " (HTTP basic)",
        K::ApiKey { .. } => " (API key)",
        K::OAuth2 { .. } => " (OAuth2 access token as bearer)",
        K::OpenIdConnect => " (OpenID Connect access token as bearer)",
        K::Http { .. } => " (HTTP authentication, `authorization_for`)",
    }
}

/// The argument type for a parameter or a JSON, form or multipart body: borrowed where that
/// is natural.
fn param_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) => type_tokens(ty, None),
        TypeRef::Array(item) => {
            let item = type_tokens(item, Some(&types_prefix()));
            quote!(&[#item])
        }
        _ => {
            let ty = type_tokens(ty, Some(&types_prefix()));
            quote!(&#ty)
        }
    }
}

/// The Rust type of a response body.
fn content_type(content: &Content) -> TokenStream {
    match content {
        Content::Empty => quote!(()),
        Content::Json(ty) => type_tokens(ty, Some(&types_prefix())),
        Content::Text => quote!(String),
        Content::Binary => quote!(Bytes),
    }
}

fn success_type(op: &Operation) -> TokenStream {
    match &op.success {
        Success::One(content) => content_type(content),
        Success::Enum { name, .. } => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
    }
}

/// A media type usable as `Content-Type`: wildcards become `application/octet-stream`.
fn sendable_media_type(media_type: &str) -> &str {
    if media_type.contains('*') {
        "application/octet-stream"
    } else {
        media_type
    }
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form | ParamStyle::Simple | ParamStyle::Json => quote!(Style::Form),
        ParamStyle::SpaceDelimited => quote!(Style::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(Style::PipeDelimited),
        ParamStyle::DeepObject => quote!(Style::DeepObject),
    }
}

/// The builder call that adds one parameter, given an expression for its value.
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
                | TypeRef::Array(_)
        );
    match param.location {
        ParamLocation::Path if json => quote!(path_json(#wire, #value)),
        ParamLocation::Path if param.ty == TypeRef::String => quote!(path_param(#wire, #value)),
        ParamLocation::Path if exploded_object => quote!(path_exploded(#wire, #value)),
        ParamLocation::Path => quote!(path_value(#wire, #value)),
        ParamLocation::Query if json => quote!(query_json(#wire, #value)),
        ParamLocation::Query if param.style == ParamStyle::Form && param.explode => {
            quote!(query(#wire, #value))
        }
        ParamLocation::Query => {
            let style = style_tokens(param.style);
            let explode = param.explode;
            quote!(query_param(#wire, #style, #explode, #value))
        }
        ParamLocation::Header if json => quote!(header_json(#wire, #value)),
        ParamLocation::Header if exploded_object => quote!(header_exploded(#wire, #value)),
        ParamLocation::Header => quote!(header_param(#wire, #value)),
        ParamLocation::Cookie if json => quote!(cookie_json(#wire, #value)),
        ParamLocation::Cookie => quote!(cookie_param(#wire, #value)),
    }
}

fn method(api: &Api, op: &Operation) -> TokenStream {
    let doc = method_docs(api, op);
    let name = ident(&op.method_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let error = format_ident!("{}", op.error_type);
    let success = success_type(op);
    let decoder = decoder_name(op);
    let mut args = Vec::new();
    let mut steps = Vec::new();
    for param in op.params.iter().filter(|p| !p.in_struct) {
        let arg = ident(&param.name);
        let ty = param_type(&param.ty);
        args.push(quote!(#arg: #ty));
        let value = match param.ty {
            TypeRef::String if param.location == ParamLocation::Path => quote!(#arg),
            TypeRef::String | TypeRef::Array(_) => quote!(#arg),
            TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) => quote!(&#arg),
            _ => quote!(#arg),
        };
        steps.push(Step::Always(param_step(param, &value)));
    }
    if let Some(body) = &op.body {
        let media_type = sendable_media_type(&body.media_type);
        let (ty, call) = match body.encoding {
            BodyEncoding::Json => (param_type(&body.ty), quote!(json_body(#media_type, body))),
            BodyEncoding::Form => {
                let encodings = body.encodings.iter().filter_map(|e| {
                    let field = &e.field;
                    let (style, explode) = e.style?;
                    let style = style_tokens(style);
                    Some(quote!(Encoding::style(#field, #style, #explode)))
                });
                (
                    param_type(&body.ty),
                    quote!(form_body(body, &[#(#encodings),*])),
                )
            }
            BodyEncoding::Multipart => {
                let encodings = body.encodings.iter().map(|e| {
                    let field = &e.field;
                    let content_type = match &e.content_type {
                        Some(media_type) => quote!(Some(#media_type)),
                        None => quote!(None),
                    };
                    let headers = e
                        .headers
                        .iter()
                        .map(|(name, value)| quote!((#name, #value)));
                    quote!(Encoding::part(#field, #content_type, &[#(#headers),*]))
                });
                let call = match &body.part_name {
                    Some(name) => quote!(multipart_field_body(#name, &body, &[#(#encodings),*])),
                    None => quote!(multipart_body(body, &[#(#encodings),*])),
                };
                (param_type(&body.ty), call)
            }
            BodyEncoding::Binary => (quote!(Bytes), quote!(binary_body(#media_type, body.into()))),
            BodyEncoding::Text => (quote!(String), quote!(text_body(#media_type, body.into()))),
        };
        let by_value = matches!(body.encoding, BodyEncoding::Binary | BodyEncoding::Text);
        if body.required && by_value {
            args.push(quote!(body: impl Into<#ty>));
            steps.push(Step::Always(call));
        } else if by_value {
            let call = match body.encoding {
                BodyEncoding::Binary => quote!(binary_body(#media_type, body)),
                _ => quote!(text_body(#media_type, body)),
            };
            args.push(quote!(body: Option<#ty>));
            steps.push(Step::IfSome(format_ident!("body"), call));
        } else if body.required {
            args.push(quote!(body: #ty));
            steps.push(Step::Always(call));
        } else {
            args.push(quote!(body: Option<#ty>));
            steps.push(Step::IfSome(format_ident!("body"), call));
        }
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
    let wants_json = match &op.success {
        Success::One(content) => matches!(content, Content::Json(_)),
        Success::Enum { variants, .. } => variants
            .iter()
            .any(|(_, _, c)| matches!(c, Content::Json(_))),
    };
    if wants_json {
        steps.push(Step::Always(quote!(accept("application/json"))));
    }
    if op.security.iter().any(|r| !r.schemes.is_empty()) {
        let alternatives = op.security.iter().map(|r| {
            let keys = r.schemes.iter().map(|(key, _)| key);
            quote!(&[#(#keys),*])
        });
        steps.push(Step::Always(quote!(security(&[#(#alternatives),*]))));
    }
    let method = format_ident!("{}", op.http_method);
    let path = &op.path;
    let build = build_request(quote!(RequestBuilder::new(Method::#method, #path)), &steps);
    let too_many = (args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
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

/// One builder call while building a request.
enum Step {
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

/// The struct for the parameters that are not arguments of their own.
fn params_struct(op: &Operation) -> TokenStream {
    let Some(name) = &op.params_type else {
        return TokenStream::new();
    };
    let name = format_ident!("{}", name);
    let method = &op.method_name;
    let doc = docs(&format!(
        "Parameters of [`Client::{method}`] beyond its arguments. Fields that are `None` are not sent."
    ));
    let in_struct: Vec<&Param> = op.params.iter().filter(|p| p.in_struct).collect();
    let all_optional = in_struct.iter().all(|p| !p.required);
    let default = all_optional.then(|| quote!(Default,));
    let fields = in_struct.iter().map(|p| {
        let field = ident(&p.name);
        let about = p.docs.as_deref().map(str::trim).filter(|d| !d.is_empty());
        let text = match about {
            Some(about) => format!(
                "{about}\n\n`{}` {} parameter.",
                p.wire_name,
                location_word(p.location)
            ),
            None => format!("`{}` {} parameter.", p.wire_name, location_word(p.location)),
        };
        let doc = docs(&text);
        let ty = type_tokens(&p.ty, Some(&types_prefix()));
        let ty = if p.required { ty } else { quote!(Option<#ty>) };
        quote!(#doc pub #field: #ty)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #(#fields,)*
        }
    }
}

fn success_enum(op: &Operation) -> TokenStream {
    let Success::Enum { name, variants } = &op.success else {
        return TokenStream::new();
    };
    let name = format_ident!("{}", name);
    let method = &op.method_name;
    let doc = docs(&format!(
        "The successful responses of [`Client::{method}`], by status."
    ));
    let descriptions = op.responses.iter().filter(|r| r.success);
    let variants =
        variants
            .iter()
            .zip(descriptions)
            .map(|((variant, status, content), response)| {
                let variant = format_ident!("{}", variant);
                let doc = docs(&format!(
                    "{}: {}",
                    status_label(*status),
                    response.description.trim()
                ));
                match content {
                    Content::Empty => quote!(#doc #variant),
                    other => {
                        let ty = content_type(other);
                        quote!(#doc #variant(#ty))
                    }
                }
            });
    let allow = allow_large_variants(variants_of(op.responses.iter().filter(|r| r.success)));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #(#variants,)*
        }
    }
}

/// The types response bodies hold, for [`allow_large_variants`].
fn variants_of<'r>(
    responses: impl Iterator<Item = &'r Response>,
) -> impl Iterator<Item = &'r TypeRef> {
    responses.filter_map(|r| match &r.content {
        Content::Json(ty) => Some(ty),
        _ => None,
    })
}

/// How an operation's error enum relates to the others'.
pub(crate) enum ErrorSharing {
    /// Its own enum, which `count` other operations name through aliases.
    Own { count: usize },
    /// The same variants as an earlier operation's enum, named here through an alias.
    AliasOf(String),
}

/// Operations that document the same errors (statuses, payloads and descriptions) share one
/// enum: the first operation's. Big APIs repeat one error set on every operation (Stripe's 468
/// operations have one), and each copy would cost compile time.
pub(crate) fn shared_errors(api: &Api) -> Vec<ErrorSharing> {
    let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut sharing: Vec<ErrorSharing> = Vec::with_capacity(api.operations.len());
    for (index, op) in api.operations.iter().enumerate() {
        let key = error_variants(op)
            .into_iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        match first.get(&key) {
            Some(&canonical) => {
                if let Some(ErrorSharing::Own { count }) = sharing.get_mut(canonical) {
                    *count += 1;
                }
                sharing.push(ErrorSharing::AliasOf(
                    api.operations[canonical].error_type.clone(),
                ));
            }
            None => {
                first.insert(key, index);
                sharing.push(ErrorSharing::Own { count: 0 });
            }
        }
    }
    sharing
}

fn error_variants(op: &Operation) -> Vec<TokenStream> {
    op.responses
        .iter()
        .filter(|r| !r.success)
        .map(|response| {
            let variant = format_ident!("{}", response.variant);
            let doc = docs(&format!(
                "{}: {}",
                status_label(response.status),
                response.description.trim()
            ));
            match &response.content {
                Content::Json(ty) => {
                    let ty = type_tokens(ty, Some(&types_prefix()));
                    quote!(#doc #variant(Option<#ty>))
                }
                _ => quote!(#doc #variant),
            }
        })
        .collect()
}

fn error_enum(op: &Operation, sharing: &ErrorSharing) -> TokenStream {
    let name = format_ident!("{}", op.error_type);
    let method = &op.method_name;
    let count = match sharing {
        ErrorSharing::AliasOf(shared) => {
            let doc = docs(&format!(
                "The errors [`Client::{method}`] documents: the same as [`{shared}`]'s."
            ));
            let shared = format_ident!("{}", shared);
            return quote! {
                #doc
                pub type #name = #shared;
            };
        }
        ErrorSharing::Own { count } => *count,
    };
    let shared_note = match count {
        0 => String::new(),
        1 => "\n\nOne other operation documents the same errors; its error type is an alias of this one.".to_owned(),
        n => format!("\n\n{n} other operations document the same errors; their error types are aliases of this one."),
    };
    let enum_doc = docs(&format!(
        "The errors [`Client::{method}`] documents, chosen by status code.\n\n\
         A payload is `None` when the body was empty or not the documented shape; the raw body is \
         always in [`crate::Error::Api`]'s `response`.{shared_note}"
    ));
    let variants = error_variants(op);
    let allow = allow_large_variants(variants_of(op.responses.iter().filter(|r| !r.success)));
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #(#variants,)*
        }
    }
}

fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("HTTP {code}"),
        StatusMatch::Range(hundreds) => format!("HTTP {hundreds}xx"),
        StatusMatch::Default => "Any other status".to_owned(),
    }
}

fn decoder_name(op: &Operation) -> Ident {
    format_ident!("decode_{}", op.method_name)
}

/// How a body is decoded into a value of its type: an expression of type
/// `Result<T, BoxError>` or, for bodies that always decode, of type `T`.
enum Decode {
    Fallible(TokenStream),
    Infallible(TokenStream),
}

fn decode_content(content: &Content) -> Decode {
    match content {
        Content::Empty => Decode::Infallible(quote!(())),
        Content::Json(_) => Decode::Fallible(quote!(call::json(body))),
        Content::Text => Decode::Fallible(quote!(call::text(body))),
        Content::Binary => Decode::Infallible(quote!(body.clone())),
    }
}

/// The success arm's outcome for one response.
fn success_outcome(
    op: &Operation,
    response_variant: Option<&str>,
    content: &Content,
) -> TokenStream {
    let wrap = match (&op.success, response_variant) {
        (Success::Enum { name, .. }, Some(variant)) => {
            let name = format_ident!("{}", name);
            let variant = format_ident!("{}", variant);
            Some(quote!(#name::#variant))
        }
        _ => None,
    };
    match (decode_content(content), wrap) {
        (Decode::Fallible(expr), None) => quote!(Outcome::success(#expr)),
        (Decode::Fallible(expr), Some(wrap)) => quote!(Outcome::success(#expr.map(#wrap))),
        (Decode::Infallible(_), Some(wrap)) if matches!(content, Content::Empty) => {
            quote!(Outcome::Success(#wrap))
        }
        (Decode::Infallible(expr), None) => quote!(Outcome::Success(#expr)),
        (Decode::Infallible(expr), Some(wrap)) => quote!(Outcome::Success(#wrap(#expr))),
    }
}

fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(hundreds) => {
            let low = Literal::u16_unsuffixed(hundreds * 100);
            let high = Literal::u16_unsuffixed(hundreds * 100 + 99);
            quote!(#low..=#high)
        }
        StatusMatch::Default => quote!(_),
    }
}

fn decoder(op: &Operation) -> TokenStream {
    let name = decoder_name(op);
    let error = format_ident!("{}", op.error_type);
    let success = success_type(op);
    // Exact codes first, then ranges, then `default`: the most specific match wins.
    let mut ordered: Vec<&Response> = op.responses.iter().collect();
    ordered.sort_by_key(|r| match r.status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    let documents_success = op.responses.iter().any(|r| r.success);
    // When the successes are redirects with no body, the client may have followed one (it does
    // for same-origin ones): the target's 2xx is the success too. With a body, the target's
    // body is of unknown shape, so its 2xx stays unexpected, raw response kept.
    let mut followed_redirect = (documents_success
        && !op.responses.iter().any(|r| r.status.is_success())
        && op.success == Success::One(Content::Empty))
    .then(|| quote!(200..=299 => Outcome::Success(()),));
    let mut arms = Vec::new();
    for response in &ordered {
        if response.status == StatusMatch::Default {
            arms.extend(followed_redirect.take());
        }
        if response.status == StatusMatch::Default && !documents_success {
            // With no success documented, `default` describes success as well.
            let Success::One(content) = &op.success else {
                continue;
            };
            let outcome = success_outcome(op, None, content);
            arms.push(quote!(200..=299 => #outcome,));
        }
        let pattern = status_pattern(response.status);
        let outcome = if response.success {
            let content = match &op.success {
                Success::One(content) => content,
                Success::Enum { .. } => &response.content,
            };
            success_outcome(op, Some(&response.variant), content)
        } else {
            let variant = format_ident!("{}", response.variant);
            match &response.content {
                Content::Json(_) => {
                    quote!(Outcome::Failure(#error::#variant(call::json_or_none(body))))
                }
                _ => quote!(Outcome::Failure(#error::#variant)),
            }
        };
        arms.push(quote!(#pattern => #outcome,));
    }
    let has_default = op
        .responses
        .iter()
        .any(|r| r.status == StatusMatch::Default);
    if !documents_success && !has_default {
        let Success::One(content) = &op.success else {
            return TokenStream::new();
        };
        let outcome = success_outcome(op, None, content);
        arms.push(quote!(200..=299 => #outcome,));
    }
    arms.extend(followed_redirect);
    if !has_default {
        arms.push(quote!(_ => Outcome::Unexpected,));
    }
    let body_used = arms.iter().any(|arm| super::rust::mentions(arm, "body"));
    let body_name = if body_used {
        quote!(body)
    } else {
        quote!(_body)
    };
    quote! {
        fn #name(status: StatusCode, #body_name: &Bytes) -> Outcome<#success, #error> {
            match status.as_u16() {
                #(#arms)*
            }
        }
    }
}
