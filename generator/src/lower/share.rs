//! Sharing passes over the lowered API: what is the same is emitted once.
//!
//! Each pass groups items by their derived `Eq`/`Hash` (never by printed text), keeps the first
//! of each group (a component before an inline type, then document order) and makes the others
//! refer to it.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use super::table::for_each_ref_mut;
use crate::ir::{
    Api, Content, ErrorEnum, Operation, Origin, Response, StatusMatch, TypeDef, TypeId, TypeKind,
    TypeRef,
};
use crate::naming;

/// Makes enumerations with the same values (in the same order) one type: the first becomes the
/// shared type and the others aliases of it, each alias keeping its own name and docs. Large
/// specs repeat the same small enum under many names (Stripe: 2,270 enums, 433 distinct value
/// lists), and every copy would cost its users compile time. A component schema is preferred
/// as the shared type over one named after where it appeared inline.
pub(crate) fn identical_enums(types: &mut [TypeDef]) {
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by_key(|&i| !matches!(types[i].origin, Origin::Component { .. }));
    // Variant lists (names and values, in order) → index of the shared type.
    let mut shared: HashMap<&TypeKind, usize> = HashMap::new();
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
    let mut uses = vec![0usize; types.len()];
    for &(alias, first) in &aliases {
        uses[first] += 1;
        types[alias].kind = TypeKind::Alias(TypeRef::Named(TypeId(first)));
    }
    for (def, count) in types.iter_mut().zip(uses) {
        if count > 0 {
            let note = format!(
                "Also used, through a type alias, by {count} other type{} with the same values.",
                if count == 1 { "" } else { "s" }
            );
            def.docs = Some(match def.docs.take() {
                Some(docs) => format!("{docs}\n\n{note}"),
                None => note,
            });
        }
    }
}

/// Operations that document the same errors (statuses, payloads and descriptions, so the same
/// variants) share one enum: the first operation's, which the others alias. Big APIs repeat one
/// error set on every operation (Stripe's 468 operations have one), and each copy would cost
/// compile time.
pub(crate) fn identical_errors(operations: &mut [Operation]) {
    let mut first: HashMap<Vec<ErrorVariant<'_>>, usize> = HashMap::new();
    let mut targets: Vec<Option<usize>> = Vec::with_capacity(operations.len());
    for (index, op) in operations.iter().enumerate() {
        let errors = op
            .responses
            .iter()
            .filter(|r| !r.success)
            .map(ErrorVariant::of)
            .collect();
        match first.entry(errors) {
            Entry::Occupied(canonical) => targets.push(Some(*canonical.get())),
            Entry::Vacant(slot) => {
                slot.insert(index);
                targets.push(None);
            }
        }
    }
    let mut aliases = vec![0usize; operations.len()];
    for &target in targets.iter().flatten() {
        aliases[target] += 1;
    }
    drop(first);
    let names: Vec<String> = operations
        .iter()
        .map(|op| op.errors.name().to_owned())
        .collect();
    for ((op, target), count) in operations.iter_mut().zip(targets).zip(aliases) {
        let name = op.errors.name().to_owned();
        op.errors = match target {
            Some(target) => ErrorEnum::Alias {
                name,
                target: names[target].clone(),
            },
            None => ErrorEnum::Own {
                name,
                aliases: count,
            },
        };
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
            payload: match &response.content {
                Content::Json(ty) => Some(ty),
                Content::Empty | Content::Text | Content::Binary => None,
            },
        }
    }
}

/// Makes structurally identical inline structs one type: same docs, same fields (names, wire
/// names, docs, types, requiredness, defaults), same map of other properties. Specs repeat an
/// inline schema where they use it (oxide's keeper: three `ReportResult` response bodies), and
/// each copy would be a type of its own, named after one place it happens to appear. The first
/// (a component schema before any inline one, then in document order) is kept; references to the
/// others point to it, and they are removed. Merging can make parents identical in turn, so it
/// runs until nothing changes. A group whose members share a `title` is named after it when that
/// name is free. Component schemas are never merged with each other: their names are the API's.
/// Returns how many types were removed.
pub(crate) fn identical_inline_structs(api: &mut Api) -> usize {
    let mut removed = 0;
    let mut titles: Vec<Option<BTreeSet<Option<String>>>> = vec![None; api.types.len()];
    loop {
        let count = api.types.len();
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by_key(|&i| !matches!(api.types[i].origin, Origin::Component { .. }));
        let mut first: HashMap<(&Option<String>, &TypeKind), usize> = HashMap::new();
        let mut replace: Vec<Option<usize>> = vec![None; count];
        for i in order {
            let def = &api.types[i];
            if !matches!(def.kind, TypeKind::Struct { .. }) {
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
        // The titles each kept type stands for, to name it after them.
        for (i, kept) in replace.iter().enumerate() {
            if let Some(kept) = *kept {
                let mut taken = titles[i]
                    .take()
                    .unwrap_or_else(|| BTreeSet::from([api.types[i].title.clone()]));
                let into = titles[kept]
                    .get_or_insert_with(|| BTreeSet::from([api.types[kept].title.clone()]));
                into.append(&mut taken);
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
        titles.retain(|_| {
            index += 1;
            replace[index - 1].is_none()
        });
    }
    name_after_titles(api, &titles);
    removed
}

/// Names each merged inline type after the `title` all its copies had, when no other type has
/// that name.
fn name_after_titles(api: &mut Api, titles: &[Option<BTreeSet<Option<String>>>]) {
    let mut names: BTreeSet<String> = api.types.iter().map(|t| t.name.clone()).collect();
    for (def, titles) in api.types.iter_mut().zip(titles) {
        let Some(titles) = titles else {
            continue;
        };
        let (Some(Some(title)), 1) = (titles.first(), titles.len()) else {
            continue;
        };
        let name = naming::type_name(title, "Type");
        if def.origin == Origin::Inline && !names.contains(&name) {
            names.remove(&def.name);
            names.insert(name.clone());
            def.name = name;
        }
    }
}
