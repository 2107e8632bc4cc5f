//! The `operations` module: one `Client` method per operation, its error enum and its decoder.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::rust::{docs, ident, type_tokens};
use crate::ir::{Api, Operation, ParamLocation, StatusMatch, TypeRef};

pub(crate) fn operations_module(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(|op| method(api, op));
    let errors = api.operations.iter().map(error_enum);
    let decoders = api.operations.iter().map(decoder);
    let uses_types = api.operations.iter().any(|op| {
        op.params.iter().any(|p| names_type(&p.ty))
            || op.body.as_ref().is_some_and(|b| names_type(&b.ty))
            || op
                .responses
                .iter()
                .any(|r| r.ty.as_ref().is_some_and(names_type))
    });
    let types_import = uses_types.then(|| {
        quote!(
            use crate::types;
        )
    });
    let (mut map, mut value) = (false, false);
    for op in &api.operations {
        for ty in op
            .params
            .iter()
            .map(|p| &p.ty)
            .chain(op.body.iter().map(|b| &b.ty))
            .chain(op.responses.iter().filter_map(|r| r.ty.as_ref()))
        {
            super::rust::uses(ty, &mut map, &mut value);
        }
    }
    let map_import = map.then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    let value_import = value.then(|| {
        quote!(
            use serde_json::Value;
        )
    });
    quote! {
        //! The API's operations, each a method on [`Client`], with its documented errors.
        #map_import
        use bytes::Bytes;
        use reqwest::{Method, StatusCode};
        #value_import
        use crate::call::{self, Call, Outcome};
        use crate::client::Client;
        use crate::request::RequestBuilder;
        #types_import

        impl Client {
            #(#methods)*
        }

        #(#errors)*
        #(#decoders)*
    }
}

fn names_type(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) => names_type(inner),
        _ => false,
    }
}

fn types_prefix() -> TokenStream {
    quote!(types)
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
            match about {
                Some(about) => format!("- `{}`: {}", p.name, about.replace('\n', " ")),
                None => format!(
                    "- `{}`: the `{}` {:?} parameter",
                    p.name, p.wire_name, p.location
                )
                .to_lowercase(),
            }
        })
        .collect();
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
    }
}

/// The argument type for a parameter: borrowed where that is natural.
fn param_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) => type_tokens(ty, None),
        _ => {
            let ty = type_tokens(ty, Some(&types_prefix()));
            quote!(&#ty)
        }
    }
}

/// The argument type for a body: a borrowed slice for arrays, a reference otherwise.
fn body_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
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

fn method(api: &Api, op: &Operation) -> TokenStream {
    let doc = method_docs(api, op);
    let name = ident(&op.method_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let error = format_ident!("{}", op.error_type);
    let success = op
        .success
        .as_ref()
        .map_or_else(|| quote!(()), |ty| type_tokens(ty, Some(&types_prefix())));
    let decoder = format_ident!("decode_{}", op.method_name.trim_start_matches("r#"));
    let mut args = Vec::new();
    let mut steps = Vec::new();
    for param in &op.params {
        let arg = ident(&param.name);
        let wire = &param.wire_name;
        let ty = param_type(&param.ty);
        if param.required {
            args.push(quote!(#arg: #ty));
        } else {
            args.push(quote!(#arg: Option<#ty>));
        }
        let value = if param.ty == TypeRef::String {
            quote!(#arg)
        } else {
            quote!(&#arg.to_string())
        };
        match (param.location, param.required) {
            (ParamLocation::Path, _) => steps.push(Step::Always(quote!(path_param(#wire, #value)))),
            (ParamLocation::Query, true) => steps.push(Step::Always(quote!(query(#wire, #arg)))),
            (ParamLocation::Query, false) => {
                steps.push(Step::IfSome(arg, quote!(query(#wire, value))))
            }
            // Header and cookie parameters are refused by `lower` until they are supported.
            (ParamLocation::Header | ParamLocation::Cookie, _) => {}
        }
    }
    if let Some(body) = &op.body {
        let ty = body_type(&body.ty);
        let body_arg = ident("body");
        if body.required {
            args.push(quote!(body: #ty));
            steps.push(Step::Always(quote!(json_body(body))));
        } else {
            args.push(quote!(body: Option<#ty>));
            steps.push(Step::IfSome(body_arg, quote!(json_body(value))));
        }
    }
    if op.success.is_some() {
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
    quote! {
        #doc
        #deprecated
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
    /// `.call(value)` when the optional argument is `Some(value)`.
    IfSome(proc_macro2::Ident, TokenStream),
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
            if let Some(value) = #arg {
                request = request.#call;
            }
        },
    });
    quote! {
        let mut request = #start #(.#leading)*;
        #(#rest)*
    }
}

fn error_enum(op: &Operation) -> TokenStream {
    let name = format_ident!("{}", op.error_type);
    let method = &op.method_name;
    let enum_doc = docs(&format!(
        "The errors [`Client::{method}`] documents, chosen by status code.\n\n\
         A payload is `None` when the body was empty or not the documented shape; the raw body is \
         always in [`crate::Error::Api`]'s `response`."
    ));
    let variants = op
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .map(|response| {
            let variant = format_ident!("{}", response.variant);
            let doc = docs(&format!(
                "{}: {}",
                status_label(response.status),
                response.description.trim()
            ));
            match &response.ty {
                Some(ty) => {
                    let ty = type_tokens(ty, Some(&types_prefix()));
                    quote!(#doc #variant(Option<#ty>))
                }
                None => quote!(#doc #variant),
            }
        });
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
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

fn decoder(op: &Operation) -> TokenStream {
    let name = format_ident!("decode_{}", op.method_name.trim_start_matches("r#"));
    let error = format_ident!("{}", op.error_type);
    let success = op
        .success
        .as_ref()
        .map_or_else(|| quote!(()), |ty| type_tokens(ty, Some(&types_prefix())));
    // Exact codes first, then ranges, then `default`: the most specific match wins.
    let mut ordered: Vec<_> = op.responses.iter().collect();
    ordered.sort_by_key(|r| match r.status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    let mut has_default = false;
    let arms = ordered.iter().map(|response| {
        let pattern = match response.status {
            StatusMatch::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusMatch::Range(hundreds) => {
                let low = Literal::u16_unsuffixed(hundreds * 100);
                let high = Literal::u16_unsuffixed(hundreds * 100 + 99);
                quote!(#low..=#high)
            }
            StatusMatch::Default => {
                has_default = true;
                quote!(_)
            }
        };
        let outcome = if response.status.is_success() {
            match (&op.success, &response.ty) {
                (Some(_), Some(_)) => quote!(Outcome::success(call::json(body))),
                _ => quote!(Outcome::Success(Default::default())),
            }
        } else {
            let variant = format_ident!("{}", response.variant);
            match &response.ty {
                Some(_) => quote!(Outcome::Failure(#error::#variant(call::json_or_none(body)))),
                None => quote!(Outcome::Failure(#error::#variant)),
            }
        };
        quote!(#pattern => #outcome,)
    });
    let arms: Vec<_> = arms.collect();
    let fallback = (!has_default).then(|| quote!(_ => Outcome::Unexpected,));
    let body_name = if op.responses.iter().any(|r| r.ty.is_some()) {
        quote!(body)
    } else {
        quote!(_body)
    };
    quote! {
        fn #name(status: StatusCode, #body_name: &Bytes) -> Outcome<#success, #error> {
            match status.as_u16() {
                #(#arms)*
                #fallback
            }
        }
    }
}
