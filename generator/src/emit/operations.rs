//! The `operations` module: one `Client` method per operation, its parameter struct, its
//! success and error enums, and its response decoder.

use rustc_hash::FxHashMap as HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::decode::{decoder, decoder_name, stream_decoder};
use super::features;
use super::items::{error_enum, params_struct, success_enum};
use super::method::{method, stream_method};
use super::operations_head::{Uses, operations_head};
use super::pages::{page_functions, page_methods};
use super::print;
#[cfg(test)]
use super::rust::Split;
use super::rust::{Spacer, unparse};
use crate::error::{Error, Result};
use crate::ir::{Api, Operation};

/// The formatted `operations` module, its items built and formatted in runs on several threads.
#[cfg(test)]
pub(crate) fn operations_file(api: &Api, split: Split) -> Result<String> {
    let error_features = features::error_enum_features(api);
    let runs = split.map(&split.chunks(&api.operations), |ops| {
        format_run(api, ops, &error_features)
    })?;
    join_runs(api, runs)
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
pub(crate) fn format_run(
    api: &Api,
    ops: &[Operation],
    error_features: &features::ErrorFeatures<'_>,
) -> Result<Run> {
    let mut uses = Uses {
        server: ops.iter().any(|op| op.server.is_some()),
        ..Uses::default()
    };
    if !api.features.is_empty() {
        return format_gated_run(api, ops, uses, error_features);
    }
    // The methods printed directly (`print`) where they can be, between runs formatted from
    // tokens.
    let mut methods = String::new();
    let mut pending = TokenStream::new();
    for op in ops {
        let printed = print::method_text(api, op, "", &mut |i, path| uses.note(i, path));
        push_method(
            &mut methods,
            &mut pending,
            printed,
            || method(api, op),
            &mut uses,
        )?;
        for alternative in &op.alternatives {
            let op = op.with_alternative(alternative);
            let printed = print::method_text(api, &op, "", &mut |i, path| uses.note(i, path));
            let fallback = || method(api, &op);
            push_method(&mut methods, &mut pending, printed, fallback, &mut uses)?;
        }
        if op.events.is_some() {
            let printed = print::stream_method_text(api, op, "", &mut |i, path| uses.note(i, path));
            let stream = || stream_method(api, op);
            push_method(&mut methods, &mut pending, printed, stream, &mut uses)?;
        }
        let printed = print::page_methods_text(api, op, "", &mut |t| uses.scan_text(t));
        push_method(
            &mut methods,
            &mut pending,
            printed,
            || page_methods(api, op),
            &mut uses,
        )?;
    }
    flush_methods(&mut methods, pending)?;
    // The items: those printed directly (`print`) between runs formatted from tokens.
    let mut items = String::with_capacity(ops.len() * 2048);
    let mut pending = TokenStream::new();
    for op in ops {
        for piece in op_pieces(api, op, &mut uses) {
            match piece {
                Piece::Text(item) => {
                    if !pending.is_empty() {
                        items.push_str(&unparse(std::mem::take(&mut pending), WHAT)?);
                    }
                    items.push_str(&item.docs);
                    items.push_str(&item.body);
                }
                Piece::Tokens(tokens) => pending.extend(tokens),
            }
        }
    }
    if !pending.is_empty() {
        items.push_str(&unparse(pending, WHAT)?);
    }
    Ok(Run {
        uses,
        methods,
        items,
    })
}

/// A method's `printed` text after the methods `pending` as tokens (formatted first), or, when
/// it could not be printed, its tokens (`fallback`) added to `pending`.
fn push_method(
    methods: &mut String,
    pending: &mut TokenStream,
    printed: Option<String>,
    fallback: impl FnOnce() -> TokenStream,
    uses: &mut Uses,
) -> Result<()> {
    match printed {
        // Nothing to print (an operation without pages): the methods waiting still wait.
        Some(text) if text.is_empty() => {}
        Some(text) => {
            flush_methods(methods, std::mem::take(pending))?;
            methods.push_str(&text);
        }
        None => {
            let tokens = fallback();
            uses.scan(&tokens);
            pending.extend(tokens);
        }
    }
    Ok(())
}

/// The methods `pending` as tokens, formatted in an `impl Client` and added to `methods`.
fn flush_methods(methods: &mut String, pending: TokenStream) -> Result<()> {
    if !pending.is_empty() {
        methods.push_str(&impl_body(&unparse(
            quote!(impl Client { #pending }),
            WHAT,
        )?)?);
    }
    Ok(())
}

/// The body of the formatted `impl Client { … }` a run's methods were printed in.
fn impl_body(methods: &str) -> Result<String> {
    methods
        .strip_prefix(IMPL_OPEN)
        .and_then(|m| m.strip_suffix(IMPL_CLOSE))
        .map(str::to_owned)
        .ok_or_else(|| Error::msg(format!("internal: unexpected `impl Client` in {WHAT}")))
}

/// [`format_run`] for a crate with features: each operation's methods and items carry its
/// feature's `#[cfg]`, and an error enum the `#[cfg]` of every operation whose error type it is.
fn format_gated_run(
    api: &Api,
    ops: &[Operation],
    mut uses: Uses,
    error_features: &features::ErrorFeatures<'_>,
) -> Result<Run> {
    // The methods' text: those printed directly (`print`) between runs of `impl_block`.
    let mut methods = String::new();
    let mut impl_block: syn::ItemImpl = syn::parse_quote!(impl Client {});
    let mut items = Vec::new();
    // The items' text: the decoders printed directly (`print`) between runs of `items`.
    let mut text = String::new();
    let mut gates: HashMap<&str, String> = HashMap::default();
    // The `#[cfg]` lines of the error enums several features share, by name.
    let mut shared_gates: HashMap<String, String> = HashMap::default();
    for op in ops {
        let gate = match &op.feature {
            Some(feature) => {
                if !gates.contains_key(feature.as_str()) {
                    let gate = print::gate_line(std::slice::from_ref(feature), WHAT)?;
                    gates.insert(feature, gate);
                }
                gates.get(feature.as_str()).map_or("", String::as_str)
            }
            None => "",
        };
        let printed = print::method_text(api, op, gate, &mut |i, path| uses.note(i, path));
        let mut block = GatedMethods {
            methods: &mut methods,
            impl_block: &mut impl_block,
            op_feature: op.feature.as_ref(),
        };
        block.push(printed, || method(api, op), &mut uses)?;
        for alternative in &op.alternatives {
            let op = op.with_alternative(alternative);
            let printed = print::method_text(api, &op, gate, &mut |i, path| uses.note(i, path));
            block.push(printed, || method(api, &op), &mut uses)?;
        }
        if op.events.is_some() {
            let printed =
                print::stream_method_text(api, op, gate, &mut |i, path| uses.note(i, path));
            block.push(printed, || stream_method(api, op), &mut uses)?;
        }
        let printed = print::page_methods_text(api, op, gate, &mut |t| uses.scan_text(t));
        block.push(printed, || page_methods(api, op), &mut uses)?;
        for piece in op_pieces(api, op, &mut uses) {
            match piece {
                Piece::Text(item) => {
                    if !items.is_empty() {
                        text.push_str(&features::unparse_items(std::mem::take(&mut items)));
                    }
                    text.push_str(&item.docs);
                    match error_features.get(item.name.as_str()) {
                        Some(used_by) => {
                            if !shared_gates.contains_key(item.name.as_str()) {
                                let gate = print::gate_line(used_by, WHAT)?;
                                shared_gates.insert(item.name.clone(), gate);
                            }
                            text.push_str(
                                shared_gates
                                    .get(item.name.as_str())
                                    .map_or("", String::as_str),
                            );
                        }
                        None => text.push_str(gate),
                    }
                    text.push_str(&item.body);
                }
                Piece::Tokens(tokens) => {
                    let op_cfg = op_cfg(op.feature.as_ref())?;
                    gated_items(&mut items, tokens, error_features, op_cfg.as_ref())?;
                }
            }
        }
    }
    if !items.is_empty() {
        text.push_str(&features::unparse_items(items));
    }
    GatedMethods {
        methods: &mut methods,
        impl_block: &mut impl_block,
        op_feature: None,
    }
    .flush()?;
    Ok(Run {
        uses,
        methods,
        items: text,
    })
}

/// The methods of a gated run: text, and the methods not printed directly as `syn` items
/// waiting to be formatted before the next printed one.
struct GatedMethods<'a> {
    methods: &'a mut String,
    impl_block: &'a mut syn::ItemImpl,
    /// The feature of the operation whose methods are pushed.
    op_feature: Option<&'a String>,
}

/// The `#[cfg]` of an operation's feature, for its items formatted through `syn` (few: most
/// are printed as text with the `#[cfg]` line).
fn op_cfg(feature: Option<&String>) -> Result<Option<syn::Attribute>> {
    feature
        .map(|feature| features::attribute(features::cfg(std::slice::from_ref(feature)), WHAT))
        .transpose()
}

impl GatedMethods<'_> {
    /// A method's `printed` text, or when there is none its tokens (`fallback`, gated).
    fn push(
        &mut self,
        printed: Option<String>,
        fallback: impl FnOnce() -> TokenStream,
        uses: &mut Uses,
    ) -> Result<()> {
        if let Some(text) = printed {
            if text.is_empty() {
                return Ok(());
            }
            self.flush()?;
            self.methods.push_str(&text);
            return Ok(());
        }
        let tokens = fallback();
        if tokens.is_empty() {
            return Ok(());
        }
        uses.scan(&tokens);
        let methods: syn::ItemImpl = syn::parse2(quote!(impl Client { #tokens }))
            .map_err(|e| Error::msg(format!("internal: generated {WHAT} does not parse: {e}")))?;
        let op_cfg = op_cfg(self.op_feature)?;
        for mut method in methods.items {
            if let (Some(attr), syn::ImplItem::Fn(method)) = (&op_cfg, &mut method) {
                features::gate(&mut method.attrs, attr);
            }
            self.impl_block.items.push(method);
        }
        Ok(())
    }

    /// The waiting methods, formatted and added to the text.
    fn flush(&mut self) -> Result<()> {
        if self.impl_block.items.is_empty() {
            return Ok(());
        }
        let mut block: syn::ItemImpl = syn::parse_quote!(impl Client {});
        std::mem::swap(&mut block, self.impl_block);
        let text = features::unparse_items(vec![syn::Item::Impl(block)]);
        self.methods.push_str(&impl_body(&text)?);
        Ok(())
    }
}

/// `tokens` parsed as items, each gated by its operation's `op_cfg`, or an error enum several
/// operations share by the `#[cfg]` of all of them, added to `items`.
fn gated_items(
    items: &mut Vec<syn::Item>,
    tokens: TokenStream,
    error_features: &features::ErrorFeatures<'_>,
    op_cfg: Option<&syn::Attribute>,
) -> Result<()> {
    for mut item in features::items(tokens, WHAT)? {
        let shared = features::item_name(&item)
            .and_then(|name| error_features.get(name.as_str()))
            .map(|used_by| features::attribute(features::cfg(used_by), WHAT))
            .transpose()?;
        if let (Some(attr), Some(attrs)) =
            (shared.as_ref().or(op_cfg), features::item_attrs(&mut item))
        {
            features::gate(attrs, attr);
        }
        items.push(item);
    }
    Ok(())
}

/// An operation's methods: the call, and the event stream and pages when it has them.
#[cfg(test)]
fn op_methods(api: &Api, op: &Operation) -> TokenStream {
    let pages = page_methods(api, op);
    let alternatives: Vec<TokenStream> = (op.alternatives.iter())
        .map(|alt| method(api, &op.with_alternative(alt)))
        .collect();
    let method = method(api, op);
    let stream = stream_method(api, op);
    quote!(#method #(#alternatives)* #stream #pages)
}

/// The module's text from its runs, in order, spaced.
pub(crate) fn join_runs(api: &Api, runs: impl IntoIterator<Item = Result<Run>>) -> Result<String> {
    let runs = runs.into_iter().collect::<Result<Vec<Run>>>()?;
    let mut uses = Uses::default();
    for run in &runs {
        uses.merge(run.uses);
    }
    let head = unparse(operations_head(api, uses), WHAT)?;
    let size: usize = runs.iter().map(|r| r.methods.len() + r.items.len()).sum();
    // One buffer of the module's size, the methods then the items spaced into it once.
    let mut text = Spacer::with_capacity(head.len() + IMPL_OPEN.len() + size + IMPL_CLOSE.len());
    text.push(&head);
    if !api.operations.is_empty() {
        text.push(IMPL_OPEN);
        for run in &runs {
            text.push(&run.methods);
        }
        text.push(IMPL_CLOSE);
    }
    for run in runs {
        text.push(&run.items);
    }
    Ok(text.finish())
}

/// The items of one operation besides its method.
#[cfg(test)]
fn op_items(api: &Api, op: &Operation) -> TokenStream {
    let [before, decoder, after] = op_item_parts(api, op);
    quote!(#before #decoder #after)
}

/// One of an operation's items besides its methods: printed directly (`print`), or tokens
/// for `prettyplease`.
enum Piece {
    Text(print::ItemText),
    Tokens(TokenStream),
}

/// The items of one operation besides its methods, in order, printed directly where they can
/// be; what they use noted in `uses`.
fn op_pieces(api: &Api, op: &Operation, uses: &mut Uses) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(6);
    match print::op_items_text(api, op, &mut |t| uses.scan_text(t)) {
        Some(items) => pieces.extend(items.into_iter().map(Piece::Text)),
        None => {
            let params = params_struct(api, op);
            let success = success_enum(api, op);
            let error = error_enum(api, op);
            let tokens = quote!(#params #success #error);
            uses.scan(&tokens);
            pieces.push(Piece::Tokens(tokens));
        }
    }
    match print::decoder_text(api, op, "") {
        Some(body) => {
            uses.scan_text(&body);
            pieces.push(Piece::Text(print::ItemText {
                name: decoder_name(op).to_string(),
                docs: String::new(),
                body,
            }));
        }
        None => {
            let tokens = decoder(api, op);
            uses.scan(&tokens);
            pieces.push(Piece::Tokens(tokens));
        }
    }
    for tokens in [stream_decoder(op)] {
        if !tokens.is_empty() {
            uses.scan(&tokens);
            pieces.push(Piece::Tokens(tokens));
        }
    }
    match print::page_functions_text(api, op, &mut |t| uses.scan_text(t)) {
        Some(items) => pieces.extend(items.into_iter().map(Piece::Text)),
        None => {
            let tokens = page_functions(api, op);
            uses.scan(&tokens);
            pieces.push(Piece::Tokens(tokens));
        }
    }
    pieces
}

/// The items of one operation besides its method in three parts: those before its decoder,
/// the decoder, and those after it.
#[cfg(test)]
fn op_item_parts(api: &Api, op: &Operation) -> [TokenStream; 3] {
    let params = params_struct(api, op);
    let success = success_enum(api, op);
    let error = error_enum(api, op);
    let stream_decoder = stream_decoder(op);
    let pages = page_functions(api, op);
    [
        quote!(#params #success #error),
        decoder(api, op),
        quote!(#stream_decoder #pages),
    ]
}

/// The whole module as one token stream, as [`operations_file`] would format it in one piece.
#[cfg(test)]
pub(crate) fn operations_module(api: &Api) -> TokenStream {
    let methods: Vec<TokenStream> = api
        .operations
        .iter()
        .map(|op| op_methods(api, op))
        .collect();
    let items: Vec<TokenStream> = api.operations.iter().map(|op| op_items(api, op)).collect();
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
