//! A paginated operation's `*_pages` and `*_items` methods, and the functions they read a
//! page with (runtime in `templates/runtime/pages.rs`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::items::{success_type, types_prefix};
use super::method::param_type_in;
use super::rust::{ident, type_tokens};
use crate::ir::{Api, Operation, PageKind, ResponseField, TypeRef};

/// The `*_pages` and `*_items` methods of `op`, when it is paginated.
pub(crate) fn page_methods(api: &Api, op: &Operation) -> TokenStream {
    let Some(pagination) = &op.pagination else {
        return TokenStream::new();
    };
    let Some(param) = op.params.get(pagination.param) else {
        return TokenStream::new();
    };
    let name = ident(&op.method_name);
    let pages = format_ident!("{}_pages", op.method_name);
    let items = format_ident!("{}_items", op.method_name);
    let page_info = format_ident!("page_info_{}", op.method_name);
    let take_items = format_ident!("items_of_{}", op.method_name);
    let error = format_ident!("{}", op.errors.name());
    let success = success_type(api, op);
    let item = type_tokens(api, &pagination.item_type, Some(&types_prefix()));
    let lifetime = quote!('a);
    let mut args = Vec::new();
    let mut passed = Vec::new();
    for param in op.params.iter().filter(|p| !p.in_struct) {
        let arg = ident(&param.name);
        let ty = param_type_in(api, &param.ty, &lifetime);
        args.push(quote!(#arg: #ty));
        passed.push(quote!(#arg));
    }
    // An optional request body (Stripe's empty form on a GET) is not sent.
    let mut called = passed.clone();
    if op.body.is_some() {
        called.push(quote!(None));
    }
    if let Some(params_type) = &op.params_type {
        let params_type = format_ident!("{}", params_type);
        args.push(quote!(params: #params_type));
        passed.push(quote!(params));
        called.push(quote!(params));
    }
    let field = ident(&param.name);
    let set = match api.unaliased(&param.ty) {
        TypeRef::Integer(_) => quote!(cursor.number()),
        _ => quote!(cursor.text()),
    };
    let rule = match &pagination.kind {
        PageKind::Cursor { .. } => quote!(crate::pages::Rule::Cursor),
        PageKind::PageNumber { .. } => {
            quote!(crate::pages::Rule::PageNumber { start: crate::pages::start(params.#field) })
        }
        PageKind::Offset { .. } => {
            quote!(crate::pages::Rule::Offset { start: crate::pages::start(params.#field) })
        }
        PageKind::Link => {
            let wire = &param.wire_name;
            quote!(crate::pages::Rule::Link { param: #wire })
        }
    };
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated] #[allow(deprecated)]));
    let too_many = (args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let pages_doc = format!(
        " Every page of [`{0}`](Self::{0}), one call each, as a `Stream` of page bodies: {1}.",
        op.method_name, pagination.reason
    );
    let pages_more = format!(
        " It takes the arguments of [`{0}`](Self::{0}); the listing starts where they say. \
         See [`Pages`](crate::Pages) for when it ends.",
        op.method_name
    );
    let items_doc = format!(
        " Every item of every page of [`{0}`](Self::{0}), as a `Stream`, fetching each page \
         as the items before it are taken (see [`{1}`](Self::{1})).",
        op.method_name, pages
    );
    quote! {
        #[doc = #pages_doc]
        #[doc = ""]
        #[doc = #pages_more]
        #deprecated
        #too_many
        pub fn #pages<'a>(&'a self, #(#args),*) -> crate::Pages<'a, #success, #error> {
            let rule = #rule;
            crate::Pages::new(rule, #page_info, move |cursor| {
                let mut params = params.clone();
                if let Some(cursor) = cursor {
                    params.#field = #set;
                }
                self.#name(#(#called),*)
            })
        }

        #[doc = #items_doc]
        #deprecated
        #too_many
        pub fn #items<'a>(&'a self, #(#args),*) -> crate::Items<'a, #success, #error, #item> {
            self.#pages(#(#passed),*).items(#take_items)
        }
    }
}

/// The functions a paginated operation's pages are read with: what the runtime needs of a
/// page, and its items.
pub(crate) fn page_functions(api: &Api, op: &Operation) -> TokenStream {
    let Some(pagination) = &op.pagination else {
        return TokenStream::new();
    };
    let page_info = format_ident!("page_info_{}", op.method_name);
    let take_items = format_ident!("items_of_{}", op.method_name);
    let success = success_type(api, op);
    let item = type_tokens(api, &pagination.item_type, Some(&types_prefix()));
    let (count, owned) = match &pagination.items {
        None => (quote!(page.value.len()), quote!(page)),
        Some(field) => {
            let name = ident(&field.name);
            let owned = match (field.optional, field.double) {
                (false, _) => quote!(page.#name),
                (true, false) => quote!(page.#name.unwrap_or_default()),
                (true, true) => quote!(page.#name.flatten().unwrap_or_default()),
            };
            let count = match field.optional {
                false => quote!(page.value.#name.len()),
                true => {
                    let value = borrowed(field, &quote!(page.value));
                    quote!(#value.map_or(0, Vec::len))
                }
            };
            (count, owned)
        }
    };
    let (cursor, has_more, total) = match &pagination.kind {
        PageKind::Cursor {
            cursor,
            item_id,
            has_more,
        } => {
            let cursor = match (cursor, item_id) {
                (Some(field), _) => cloned(field, &quote!(page.value)),
                (None, Some(id)) => {
                    let last = match &pagination.items {
                        None => quote!(page.value.last()),
                        Some(field) if !field.optional => {
                            let name = ident(&field.name);
                            quote!(page.value.#name.last())
                        }
                        Some(field) => {
                            let items = borrowed(field, &quote!(page.value));
                            quote!(#items.and_then(|items| items.last()))
                        }
                    };
                    let name = ident(&id.name);
                    match (id.optional, id.double) {
                        (false, _) => quote!(#last.map(|item| item.#name.clone())),
                        (true, false) => quote!(#last.and_then(|item| item.#name.clone())),
                        (true, true) => {
                            quote!(#last.and_then(|item| item.#name.clone().flatten()))
                        }
                    }
                }
                (None, None) => quote!(None),
            };
            let has_more = match has_more {
                Some(field) => copied(field, &quote!(page.value)),
                None => quote!(None),
            };
            (cursor, has_more, quote!(None))
        }
        PageKind::PageNumber { total } | PageKind::Offset { total } => {
            let total = match total {
                Some(field) => {
                    let value = copied(field, &quote!(page.value));
                    quote!(crate::pages::count(#value))
                }
                None => quote!(None),
            };
            (quote!(None), quote!(None), total)
        }
        PageKind::Link => (quote!(None), quote!(None), quote!(None)),
    };
    quote! {
        fn #page_info(page: &crate::Response<#success>) -> crate::pages::PageInfo {
            crate::pages::PageInfo {
                items: #count,
                cursor: #cursor,
                has_more: #has_more,
                total: #total,
            }
        }

        fn #take_items(page: #success) -> Vec<#item> {
            #owned
        }
    }
}

/// An `Option<&T>` of a field of `base`, however the generated struct holds it.
fn borrowed(field: &ResponseField, base: &TokenStream) -> TokenStream {
    let name = ident(&field.name);
    match (field.optional, field.double) {
        (false, _) => quote!(Some(&#base.#name)),
        (true, false) => quote!(#base.#name.as_ref()),
        (true, true) => quote!(#base.#name.as_ref().and_then(Option::as_ref)),
    }
}

/// An `Option<T>` of a `Clone` field of `base`, cloned.
fn cloned(field: &ResponseField, base: &TokenStream) -> TokenStream {
    let name = ident(&field.name);
    match (field.optional, field.double) {
        (false, _) => quote!(Some(#base.#name.clone())),
        (true, false) => quote!(#base.#name.clone()),
        (true, true) => quote!(#base.#name.clone().flatten()),
    }
}

/// An `Option<T>` of a `Copy` field of `base`.
fn copied(field: &ResponseField, base: &TokenStream) -> TokenStream {
    let name = ident(&field.name);
    match (field.optional, field.double) {
        (false, _) => quote!(Some(#base.#name)),
        (true, false) => quote!(#base.#name),
        (true, true) => quote!(#base.#name.flatten()),
    }
}
