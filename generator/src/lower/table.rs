//! The named types while they are lowered, and their ids.
//!
//! A type gets its id when its name is claimed, before it is lowered: component schemas are all
//! named first, so a reference resolves whatever the order, and an inline type is named before
//! the types inside it. Types are *defined* (their shape known) in another order, innermost
//! first, and that is the order of the `types` module. [`TypeTable::finish`] lists the types in
//! definition order and renumbers every reference to match, so [`crate::ir::TypeId`] is an
//! index into [`crate::ir::Api::types`].

use crate::error::{Error, Result};
use crate::ir::{Api, Origin, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::Scope;

/// A claimed type: its id and Rust name.
#[derive(Debug, Clone)]
pub(crate) struct Claimed {
    pub(crate) id: TypeId,
    pub(crate) name: String,
}

/// What a type is, once lowered.
pub(crate) struct Definition {
    pub(crate) pointer: String,
    pub(crate) origin: Origin,
    pub(crate) title: Option<String>,
    pub(crate) docs: Option<String>,
    pub(crate) kind: TypeKind,
}

/// Every type claimed so far, by id.
#[derive(Default)]
pub(crate) struct TypeTable {
    /// Names taken in the generated `types` module.
    scope: Scope,
    /// By id: the name, and the type once defined.
    slots: Vec<(String, Option<TypeDef>)>,
    /// By id: the name wanted before it was made unique (see [`TypeTable::finish`]).
    wanted: Vec<String>,
    /// Ids in the order their types were defined.
    order: Vec<TypeId>,
}

/// Where a table stood, to take back what was added since (see [`TypeTable::restore`]).
pub(crate) struct Mark {
    scope: usize,
    slots: usize,
    order: usize,
}

impl TypeTable {
    /// Claims a unique name made from `wanted`, and an id for the type.
    pub(crate) fn claim(&mut self, wanted: String) -> Claimed {
        let name = self.scope.claim(wanted.clone());
        let id = TypeId(self.slots.len());
        self.slots.push((name.clone(), None));
        self.wanted.push(wanted);
        Claimed { id, name }
    }

    /// Defines the type claimed as `id`.
    pub(crate) fn define(&mut self, id: TypeId, definition: Definition) {
        if let Some((name, slot)) = self.slots.get_mut(id.0) {
            if slot.is_none() {
                self.order.push(id);
            }
            *slot = Some(TypeDef {
                name: name.clone(),
                pointer: definition.pointer,
                origin: definition.origin,
                title: definition.title,
                docs: definition.docs,
                kind: definition.kind,
                derives: Vec::new(),
                wire: crate::ir::Wire::BOTH,
                features: None,
                stand_in: false,
            });
        }
    }

    /// The type `id` names, if it is defined yet.
    pub(crate) fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.slots.get(id.0).and_then(|(_, def)| def.as_ref())
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            scope: self.scope.mark(),
            slots: self.slots.len(),
            order: self.order.len(),
        }
    }

    /// Takes back every type claimed or defined since `mark`.
    pub(crate) fn restore(&mut self, mark: Mark) {
        self.scope.release_since(mark.scope);
        self.slots.truncate(mark.slots);
        self.wanted.truncate(mark.slots);
        self.order.truncate(mark.order);
    }

    /// The types in definition order, and `api`'s references renumbered to match. A reference
    /// to a type claimed but never defined is an internal error. Returns, in the same order, the
    /// name each type wanted before it was made unique (`Foo` for a `Foo2`): where it occurs,
    /// whatever was claimed before it, which [`super::names`] names shared types after.
    pub(crate) fn finish(self, api: &mut Api) -> Result<Vec<String>> {
        let mut new_id = vec![None; self.slots.len()];
        for (index, id) in self.order.iter().enumerate() {
            if let Some(slot) = new_id.get_mut(id.0) {
                *slot = Some(TypeId(index));
            }
        }
        let wanted: Vec<String> = self
            .order
            .iter()
            .map(|id| self.wanted.get(id.0).cloned().unwrap_or_default())
            .collect();
        let mut slots: Vec<Option<TypeDef>> = self.slots.into_iter().map(|(_, d)| d).collect();
        api.types = self
            .order
            .iter()
            .filter_map(|id| slots.get_mut(id.0).and_then(Option::take))
            .collect();
        let mut dangling = None;
        for_each_ref_mut(api, &mut |id| match new_id.get(id.0).copied().flatten() {
            Some(new) => *id = new,
            None => dangling = Some(*id),
        });
        match dangling {
            Some(id) => Err(Error::msg(format!(
                "internal: a reference to type #{} that was never defined",
                id.0
            ))),
            None => Ok(wanted),
        }
    }
}

/// Calls `visit` with every type id the API refers to: in named types, parameters, bodies,
/// responses and their decoders, event streams, page items and webhooks. One it missed keeps
/// the number a type had before the types were renumbered, and names another type.
pub(crate) fn for_each_ref_mut(api: &mut Api, visit: &mut impl FnMut(&mut TypeId)) {
    for def in &mut api.types {
        for ty in def.kind.refs_mut() {
            ty.for_each_id_mut(visit);
        }
    }
    for op in &mut api.operations {
        for param in &mut op.params {
            param.ty.for_each_id_mut(visit);
        }
        for ty in op.bodies_mut().filter_map(|b| b.payload.ty_mut()) {
            ty.for_each_id_mut(visit);
        }
        for response in &mut op.responses {
            if let Some(ty) = response.content.ty_mut() {
                ty.for_each_id_mut(visit);
            }
        }
        if let crate::ir::Success::One(content) = &mut op.success {
            if let Some(ty) = content.ty_mut() {
                ty.for_each_id_mut(visit);
            }
        }
        for arm in &mut op.decode {
            let ty = match &mut arm.outcome {
                crate::ir::ArmOutcome::Success { content, .. } => content.ty_mut(),
                crate::ir::ArmOutcome::Error {
                    body: crate::ir::ErrorBody::Xml(ty),
                    ..
                } => Some(ty),
                _ => None,
            };
            if let Some(ty) = ty {
                ty.for_each_id_mut(visit);
            }
        }
        if let Some(events) = &mut op.events {
            events.data.for_each_id_mut(visit);
        }
        if let Some(pagination) = &mut op.pagination {
            pagination.item_type.for_each_id_mut(visit);
        }
    }
    for webhook in &mut api.webhooks {
        webhook.payload.for_each_id_mut(visit);
    }
}

impl TypeRef {
    /// Calls `visit` with every type id in this reference, at any depth.
    pub(crate) fn for_each_id_mut(&mut self, visit: &mut impl FnMut(&mut TypeId)) {
        match self {
            TypeRef::Named(id) => visit(id),
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Nullable(inner)
            | TypeRef::Boxed(inner) => inner.for_each_id_mut(visit),
            TypeRef::Tuple(items) => items
                .iter_mut()
                .for_each(|item| item.for_each_id_mut(visit)),
            _ => {}
        }
    }
}
