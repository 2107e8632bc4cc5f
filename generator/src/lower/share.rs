//! Sharing passes over the lowered API: what is the same is emitted once.
//!
//! Each pass groups items by their derived `Eq`/`Hash` (never by printed text), keeps the first
//! of each group (a component before an inline type, then document order) and makes the others
//! refer to it.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap as HashMap;

use super::names::Copies;
use super::table::for_each_ref_mut;
use crate::ir::{
    Api, ErrorEnum, Operation, Origin, Response, StatusMatch, TypeDef, TypeId, TypeKind, TypeRef,
};

/// Makes enumerations with the same values (in the same order) one type: the first becomes the
/// shared type and the others aliases of it, each alias keeping its own name and docs. Large
/// specs repeat the same small enum under many names (Stripe: 2,270 enums, 433 distinct value
/// lists), and every copy would cost its users compile time. A component schema is preferred
/// as the shared type over one named after where it appeared inline, then the one with the
/// shortest name (see [`super::names`]); `copies` (by id) records
/// what each shared type stands for, to name it (see [`super::names`]).
pub(crate) fn identical_enums(types: &mut [TypeDef], copies: &mut [Copies]) {
    let mut order: Vec<usize> = (0..types.len()).collect();
    // Inline enums by the name they wanted, shortest first: the one kept is the one the
    // shared enum may be named after, whatever the order the copies were met in.
    order.sort_by_key(|&i| match types[i].origin {
        Origin::Component { .. } => (false, 0, None),
        Origin::Inline => {
            let wanted = copies.get(i).and_then(Copies::context);
            (true, wanted.map_or(0, str::len), wanted)
        }
    });
    // Variant lists (names and values, in order) → index of the shared type.
    let mut shared: HashMap<&TypeKind, usize> =
        HashMap::with_capacity_and_hasher(types.len(), Default::default());
    let mut aliases: Vec<(usize, usize)> = Vec::new();
    for i in order {
        let kind = &types[i].kind;
        if !matches!(
            kind,
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }
        ) {
            continue;
        }
        match shared.entry(kind) {
            Entry::Occupied(first) => aliases.push((i, *first.get())),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    for &(alias, first) in &aliases {
        types[alias].kind = TypeKind::Alias(TypeRef::Named(TypeId(first)));
        if let Some(alias) = copies.get(alias).cloned() {
            if let Some(first) = copies.get_mut(first) {
                first.alias(&alias);
            }
        }
    }
}

/// Operations that document the same errors (statuses, payloads and descriptions, so the same
/// variants) share one enum, named after what it holds (see [`super::error_names`]), which each
/// operation's own error type aliases. Big APIs repeat one error set on every operation
/// (Stripe's 468 operations have one), and each copy would cost compile time.
pub(crate) fn identical_errors(operations: &mut [Operation], reserved: &[&str]) {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<Vec<ErrorVariant<'_>>, usize> = HashMap::default();
    for (index, op) in operations.iter().enumerate() {
        let errors = op
            .responses
            .iter()
            .filter(|r| !r.success)
            .map(ErrorVariant::of)
            .collect();
        match group_of.entry(errors) {
            Entry::Occupied(group) => groups[*group.get()].push(index),
            Entry::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push(vec![index]);
            }
        }
    }
    drop(group_of);
    groups.retain(|group| group.len() > 1);
    let shared = super::error_names::shared_names(operations, &groups, reserved);
    for (group, shared) in groups.iter().zip(shared) {
        for (position, &index) in group.iter().enumerate() {
            let Some(op) = operations.get_mut(index) else {
                continue;
            };
            let name = op.errors.name().to_owned();
            op.errors = match position {
                0 => ErrorEnum::Shared {
                    name,
                    shared: shared.clone(),
                    aliases: group.len() - 1,
                },
                _ => ErrorEnum::Alias {
                    name,
                    target: shared.clone(),
                },
            };
        }
    }
}

/// What an error enum's variant holds, as its user sees it: two enums with the same variants
/// are the same type. A body that is not JSON is not held, whatever its media type.
#[derive(PartialEq, Eq, Hash)]
struct ErrorVariant<'a> {
    name: &'a str,
    status: StatusMatch,
    description: &'a str,
    payload: Option<&'a TypeRef>,
}

impl<'a> ErrorVariant<'a> {
    fn of(response: &'a Response) -> Self {
        Self {
            name: &response.variant,
            status: response.status,
            description: response.description.trim(),
            payload: response.content.ty(),
        }
    }
}

/// Makes structurally identical inline structs and unions one type: same docs, same fields
/// (names, wire names, docs, types, requiredness, defaults), same map of other properties, or
/// the same variants. Specs repeat an inline schema where they use it (oxide's keeper: three
/// `ReportResult` response bodies), and each copy would be a type of its own. The first (a
/// component schema before any inline one, then in document order) is kept; references to the
/// others point to it, and they are removed; `copies` (by id, kept in step) records what each
/// kept type stands for, to name it after all of them (see [`super::names`]). Merging can make
/// parents identical in turn, so it runs until nothing changes. Component schemas are never
/// merged with each other: their names are the API's. Returns how many types were removed.
pub(crate) fn identical_inline_types(api: &mut Api, copies: &mut Vec<Copies>) -> usize {
    let mut removed = 0;
    loop {
        let count = api.types.len();
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by_key(|&i| !matches!(api.types[i].origin, Origin::Component { .. }));
        // Sized for every type up front: growing would hash every key (a whole type, docs
        // and all) again.
        let mut first: HashMap<(&Option<String>, &TypeKind), usize> =
            HashMap::with_capacity_and_hasher(count, Default::default());
        let mut replace: Vec<Option<usize>> = vec![None; count];
        for i in order {
            let def = &api.types[i];
            if !matches!(def.kind, TypeKind::Struct { .. } | TypeKind::OneOf { .. }) {
                continue;
            }
            match first.entry((&def.docs, &def.kind)) {
                Entry::Occupied(kept) if def.origin == Origin::Inline => {
                    replace[i] = Some(*kept.get())
                }
                Entry::Occupied(_) => {}
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        drop(first);
        let merged = replace.iter().flatten().count();
        if merged == 0 {
            break;
        }
        removed += merged;
        for (i, kept) in replace.iter().enumerate() {
            if let Some(kept) = *kept {
                let taken = copies.get_mut(i).map(std::mem::take).unwrap_or_default();
                if let Some(kept) = copies.get_mut(kept) {
                    kept.absorb(taken);
                }
            }
        }
        // Old index → new index, after removing the replaced types.
        let mut new_index = vec![0usize; count];
        let mut next = 0;
        for (i, slot) in new_index.iter_mut().enumerate() {
            if replace[i].is_none() {
                *slot = next;
                next += 1;
            }
        }
        for_each_ref_mut(api, &mut |id| {
            let kept = replace.get(id.0).copied().flatten().unwrap_or(id.0);
            *id = TypeId(new_index.get(kept).copied().unwrap_or(kept));
        });
        let mut index = 0;
        api.types.retain(|_| {
            index += 1;
            replace[index - 1].is_none()
        });
        let mut index = 0;
        copies.retain(|_| {
            index += 1;
            replace[index - 1].is_none()
        });
    }
    removed
}
