//! The type graph the configuration's passes walk: which named types an operation's requests
//! and responses carry, and which types a type refers to.

use crate::ir::{Api, ArmOutcome, Operation, TypeId, TypeRef};

/// The types an operation's requests carry: its parameters and body.
pub(super) fn sent_by(op: &Operation) -> Vec<&TypeRef> {
    let mut refs: Vec<&TypeRef> = op.params.iter().map(|p| &p.ty).collect();
    refs.extend(op.bodies().filter_map(|body| body.payload.ty()));
    refs
}

/// The types an operation's responses carry: its JSON bodies (successes and errors), event
/// data and page items.
pub(super) fn received_by(op: &Operation) -> Vec<&TypeRef> {
    let mut refs: Vec<&TypeRef> = op.responses.iter().filter_map(|r| r.content.ty()).collect();
    refs.extend(op.decode.iter().filter_map(|arm| match &arm.outcome {
        ArmOutcome::Success { content, .. } => content.ty(),
        _ => None,
    }));
    refs.extend(op.events.as_ref().map(|events| &events.data));
    refs.extend(op.pagination.as_ref().map(|pages| &pages.item_type));
    refs
}

/// Pushes the types `id`'s definition refers to.
pub(super) fn push_refs(api: &Api, id: TypeId, stack: &mut Vec<TypeId>) {
    if let Some(def) = api.types.get(id.0) {
        for ty in def.kind.refs() {
            named_in(ty, stack);
        }
    }
}

/// Pushes the named types in `ty`.
pub(super) fn named_in(ty: &TypeRef, stack: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => stack.push(*id),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => named_in(inner, stack),
        TypeRef::Tuple(items) => items.iter().for_each(|item| named_in(item, stack)),
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Any
        | TypeRef::Format(_)
        | TypeRef::Binary
        | TypeRef::File
        | TypeRef::External(_) => {}
    }
}
