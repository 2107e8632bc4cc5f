//! `src/xml_shapes.rs`: how each value an XML body carries is written and read, as the
//! runtime's `xml` module takes it (a `Root` per body, an `Object` per struct type). Written
//! only when an operation has an XML body with a schema.
//!
//! A root is named for where it is used, so each is one static whatever the types: a request
//! body's after its method (`CREATE_PET_REQUEST`), a response's after its decoder and variant
//! (`GET_PET_OK_RESPONSE`, `GET_PET_SUCCESS_RESPONSE` when the success has no variant of its
//! own). An object is named after its type (`PET`; `PET_2` if a root took the name).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rustc_hash::FxHashMap;

use crate::ir::{
    Api, ArmOutcome, BodyPayload, Content, ErrorBody, Field, Operation, TypeId, TypeKind, TypeRef,
    Xml,
};

/// Whether the crate of `api` reads or writes an XML body.
pub(crate) fn has_xml(api: &Api) -> bool {
    reads_xml(api)
        || (api.operations.iter())
            .flat_map(Operation::bodies)
            .any(|body| matches!(body.payload, BodyPayload::Xml { .. }))
}

/// Whether the crate of `api` reads an XML body (its decoders call the runtime's `xml`).
pub(crate) fn reads_xml(api: &Api) -> bool {
    (api.operations.iter())
        .flat_map(|op| &op.decode)
        .any(|arm| xml_arm(&arm.outcome).is_some())
}

/// The type and variant of a decode arm that reads XML.
fn xml_arm(outcome: &ArmOutcome) -> Option<(&TypeRef, Option<&str>)> {
    match outcome {
        ArmOutcome::Success {
            variant,
            content: Content::Xml(ty),
        } => Some((ty, variant.as_deref())),
        ArmOutcome::Error {
            variant,
            body: ErrorBody::Xml(ty),
        } => Some((ty, Some(variant))),
        _ => None,
    }
}

/// The static of the root of the request body `op`'s method sends.
pub(crate) fn body_root(op: &Operation) -> String {
    request_root(&op.method_name)
}

/// The static of the root of the request body the method `method` sends.
fn request_root(method: &str) -> String {
    format!("{}_REQUEST", shouty(method))
}

/// The static of the root of the response `op`'s decoder reads for `variant` (of its success
/// or error enum; `None` for a success without variants).
pub(crate) fn decode_root(op: &Operation, variant: Option<&str>) -> String {
    let decoder = op.alternative_of.as_deref().unwrap_or(&op.method_name);
    format!(
        "{}_{}_RESPONSE",
        shouty(decoder),
        shouty(variant.unwrap_or("success"))
    )
}

/// A root: its static's name, the type of its value and what the body's schema says of it.
struct RootUse<'a> {
    name: String,
    ty: &'a TypeRef,
    xml: Option<&'a Xml>,
}

/// Every root of `api`, each once, in operation order.
fn roots<'a>(api: &'a Api) -> Vec<RootUse<'a>> {
    let mut roots: Vec<RootUse<'a>> = Vec::new();
    let mut named = rustc_hash::FxHashSet::default();
    let mut push = |root: RootUse<'a>| {
        if named.insert(root.name.clone()) {
            roots.push(root);
        }
    };
    for op in &api.operations {
        // The operation's body, then each alternative's, each sent by a method of its own.
        let bodies = (op.body.iter().map(|body| (&op.method_name, body)))
            .chain((op.alternatives.iter()).map(|alt| (&alt.method_name, &alt.body)));
        for (method, body) in bodies {
            if let BodyPayload::Xml { ty, root } = &body.payload {
                push(RootUse {
                    name: request_root(method),
                    ty,
                    xml: Some(root),
                });
            }
        }
        for (ty, variant) in op.decode.iter().filter_map(|arm| xml_arm(&arm.outcome)) {
            push(RootUse {
                name: decode_root(op, variant),
                ty,
                xml: None,
            });
        }
    }
    roots
}

/// The module's source.
pub(crate) fn xml_shapes_rs(api: &Api) -> TokenStream {
    let roots = roots(api);
    let mut shapes = Shapes {
        api,
        names: FxHashMap::default(),
        taken: roots.iter().map(|r| r.name.clone()).collect(),
        pending: Vec::new(),
        uses: Uses::default(),
    };
    let roots: Vec<TokenStream> = roots
        .iter()
        .map(|root| {
            let name = format_ident!("{}", root.name);
            let element = name_tokens(&root_name(api, root));
            let node = shapes.node(root.ty, root.xml);
            quote! {
                pub(crate) static #name: Root = Root { name: #element, node: #node };
            }
        })
        .collect();
    // Each object met (making one may meet more) is written once, in the order met.
    let mut objects = Vec::new();
    while let Some(&id) = shapes.pending.get(objects.len()) {
        objects.push(shapes.object(id));
    }
    // Only what the statics name: a crate may have no array or no object in XML.
    let uses = shapes.uses;
    let imports = [
        ("Field", uses.field),
        ("Items", uses.items),
        ("Name", true),
        ("Node", true),
        ("Object", !objects.is_empty()),
        ("Root", true),
    ]
    .into_iter()
    .filter(|(_, used)| *used)
    .map(|(name, _)| format_ident!("{}", name));
    quote! {
        //! How the values of XML bodies are written and read: the element and attribute names
        //! and wrapped arrays the API description's XML Objects give, for the runtime's `xml`
        //! module. The types themselves are the same for JSON and XML.
        use crate::xml::{#(#imports),*};
        #(#roots)*
        #(#objects)*
    }
}

/// The root element's name: the body schema's `xml.name` (or its component's key), else the
/// type's name.
fn root_name(api: &Api, root: &RootUse<'_>) -> Xml {
    let mut xml = root.xml.cloned().unwrap_or_default();
    if xml.name.is_none() {
        xml.name = Some(type_element_name(api, root.ty));
    }
    xml
}

/// The name of the element that holds a value of `ty` when nothing names it: its type's name
/// (`Pet`), else `body`.
fn type_element_name(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api
            .types
            .get(id.0)
            .map_or_else(|| "body".to_owned(), |def| def.name.clone()),
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => type_element_name(api, inner),
        _ => "body".to_owned(),
    }
}

struct Shapes<'a> {
    api: &'a Api,
    /// The static of each struct type met, by type.
    names: FxHashMap<TypeId, String>,
    /// The statics named so far (the roots', then the types'), to keep them apart.
    taken: rustc_hash::FxHashSet<String>,
    /// The struct types met, in order: their statics are written after the roots.
    pending: Vec<TypeId>,
    /// Which of the runtime's shape types the statics name, besides those every one does.
    uses: Uses,
}

#[derive(Default, Clone, Copy)]
struct Uses {
    field: bool,
    items: bool,
}

impl Shapes<'_> {
    /// The static of struct type `id`, named (and queued) on first use.
    fn object_name(&mut self, id: TypeId) -> String {
        if let Some(name) = self.names.get(&id) {
            return name.clone();
        }
        let base = self
            .api
            .types
            .get(id.0)
            .map_or_else(|| format!("TYPE_{}", id.0), |def| shouty(&def.name));
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        self.names.insert(id, name.clone());
        self.pending.push(id);
        name
    }

    /// The `Node` a value of `ty` is; `xml` what the schema that holds it says (for an
    /// array, its items' name).
    fn node(&mut self, ty: &TypeRef, xml: Option<&Xml>) -> TokenStream {
        match ty {
            TypeRef::Named(id) => match self.api.types.get(id.0).map(|def| &def.kind) {
                Some(TypeKind::Struct { .. }) => {
                    let name = format_ident!("{}", self.object_name(*id));
                    quote!(Node::Object(&#name))
                }
                Some(TypeKind::Alias(target)) => {
                    let target = target.clone();
                    self.node(&target, xml)
                }
                Some(TypeKind::StringEnum { .. }) => quote!(Node::Text),
                Some(TypeKind::IntegerEnum { .. }) => quote!(Node::Integer),
                Some(TypeKind::OneOf { .. }) | None => quote!(Node::Any),
            },
            TypeRef::Array(items) => {
                let items_xml = xml.and_then(|x| x.items.as_deref());
                let name = match items_xml.and_then(|x| x.name.as_ref()) {
                    Some(_) => {
                        let name = name_tokens(items_xml.unwrap_or(&Xml::default()));
                        quote!(Some(#name))
                    }
                    None => quote!(None),
                };
                let node = self.node(items, items_xml);
                self.uses.items = true;
                quote!(Node::Array(&Items { name: #name, node: #node }))
            }
            TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => self.node(inner, xml),
            TypeRef::String
            | TypeRef::Format(_)
            | TypeRef::Binary
            | TypeRef::File
            | TypeRef::External(_) => quote!(Node::Text),
            TypeRef::Integer(_) => quote!(Node::Integer),
            TypeRef::Number(_) => quote!(Node::Number),
            TypeRef::Bool => quote!(Node::Boolean),
            TypeRef::Map(_) | TypeRef::Any | TypeRef::Tuple(_) => quote!(Node::Any),
        }
    }

    /// The `Object` static of struct type `id`.
    fn object(&mut self, id: TypeId) -> TokenStream {
        let api = self.api;
        let name = format_ident!("{}", self.names.get(&id).cloned().unwrap_or_default());
        let (fields, additional) = match api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Struct { fields, additional }) => {
                (fields.as_slice(), additional.as_ref())
            }
            _ => (&[][..], None),
        };
        let fields: Vec<TokenStream> = fields.iter().map(|field| self.field(field)).collect();
        let other = match additional {
            Some(additional) => {
                let node = self.node(&additional.value, None);
                quote!(Some(#node))
            }
            None => quote!(None),
        };
        quote! {
            pub(crate) static #name: Object = Object { fields: &[#(#fields),*], other: #other };
        }
    }

    fn field(&mut self, field: &Field) -> TokenStream {
        let xml = field.xml.as_deref();
        let key = &field.wire_name;
        let attribute = xml.is_some_and(|x| x.attribute);
        let wrapped = xml.is_some_and(|x| x.wrapped);
        let array = is_array(self.api, &field.ty);
        // An unwrapped array's own name says nothing (its items name themselves, or take
        // the property's name); a wrapped one's names the wrapper.
        let name = Xml {
            name: match xml.and_then(|x| x.name.clone()) {
                Some(name) if !array || wrapped => Some(name),
                _ => Some(key.clone()),
            },
            ..xml.cloned().unwrap_or_default()
        };
        let name = name_tokens(&name);
        let node = self.node(&field.ty, xml);
        let required = field.required;
        self.uses.field = true;
        quote! {
            Field {
                key: #key,
                name: #name,
                attribute: #attribute,
                wrapped: #wrapped,
                required: #required,
                node: #node,
            }
        }
    }
}

/// Whether `ty` is an array (through aliases, `Option` and `Box`).
fn is_array(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Array(_) => true,
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => is_array(api, inner),
        TypeRef::Named(id) => match api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => is_array(api, target),
            _ => false,
        },
        _ => false,
    }
}

/// A `Name` of `xml`'s name, prefix and namespace.
fn name_tokens(xml: &Xml) -> TokenStream {
    let local = xml.name.as_deref().unwrap_or_default();
    match (&xml.prefix, &xml.namespace) {
        (None, None) => quote!(Name::local(#local)),
        (prefix, namespace) => {
            let prefix = option_str(prefix.as_deref());
            let namespace = option_str(namespace.as_deref());
            quote!(Name { local: #local, prefix: #prefix, namespace: #namespace })
        }
    }
}

fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

/// `SCREAMING_SNAKE_CASE` of a Rust name.
fn shouty(name: &str) -> String {
    use heck::ToShoutySnakeCase;
    name.trim_start_matches("r#").to_shouty_snake_case()
}
