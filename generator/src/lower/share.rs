//! Sharing passes over the lowered API: what is the same is emitted once.
//!
//! Each pass groups items by their derived `Eq`/`Hash` (never by printed text), keeps the first
//! of each group (a component before an inline type, then document order) and makes the others
//! refer to it.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::ir::{
    Content, ErrorEnum, Operation, Origin, Response, StatusMatch, TypeDef, TypeId, TypeKind,
    TypeRef,
};

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
