//! Refuses type expressions nested too deep for rustc to compile.
//!
//! A map of maps of maps… is one type expression, and rustc's drop check walks it to a fixed
//! depth: `BTreeMap<String, BTreeMap<…>>` 64 deep fails with `error[E0320]: overflow while adding
//! drop-check rules` (61 deep compiles; fewer with `Option`s between). Aliases are transparent to
//! that walk, so a chain of components that are maps counts as one expression; a struct or enum
//! starts afresh. Rather than emit a crate that does not compile, a type nested deeper than
//! [`MAX_NESTING`] arrays, maps, options and boxes is an error naming its node. Real APIs nest a
//! handful; the deepest spec of the corpus, 26 levels of document, nests 4.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::ir::{Api, Success, TypeDef, TypeId, TypeKind, TypeRef};

/// The most arrays, maps, `Option`s and `Box`es one type may nest, aliases expanded.
pub const MAX_NESTING: usize = 32;

/// Checks every type expression of the API: named types first, then operations.
pub(crate) fn check(api: &Api) -> Result<()> {
    let aliases: BTreeMap<TypeId, &TypeRef> = api
        .types
        .iter()
        .enumerate()
        .filter_map(|(i, def)| match &def.kind {
            TypeKind::Alias(target) => Some((TypeId(i), target)),
            _ => None,
        })
        .collect();
    for def in &api.types {
        if let TypeKind::Struct {
            additional: Some(additional),
            ..
        } = &def.kind
        {
            // Flattened as a map of its values.
            let map = TypeRef::Map(Box::new(additional.value.clone()));
            within_limit(&map, &aliases, &def.pointer)?;
        }
        for ty in held(def) {
            within_limit(ty, &aliases, &def.pointer)?;
        }
    }
    for operation in &api.operations {
        let mut held: Vec<&TypeRef> = operation.params.iter().map(|p| &p.ty).collect();
        held.extend(operation.bodies().filter_map(|b| b.payload.ty()));
        held.extend(operation.responses.iter().filter_map(|r| r.content.ty()));
        if let Success::One(content) = &operation.success {
            held.extend(content.ty());
        }
        held.extend(operation.events.iter().map(|events| &events.data));
        for ty in held {
            within_limit(ty, &aliases, &operation.pointer)?;
        }
    }
    Ok(())
}

/// The references of a type, but for the map of other properties (checked as a map) and what
/// an `Unknown` variant holds (a struct of its own).
fn held(def: &TypeDef) -> Vec<&TypeRef> {
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields.iter().map(|f| &f.ty).collect(),
        TypeKind::OneOf { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        _ => Vec::new(),
    }
}

/// Follows the expression through aliases, without recursion (an alias chain may be long),
/// counting the containers met.
fn within_limit(ty: &TypeRef, aliases: &BTreeMap<TypeId, &TypeRef>, at: &str) -> Result<()> {
    let mut nesting = 0;
    let mut current = ty;
    let mut expanded = BTreeSet::new();
    loop {
        match current {
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Nullable(inner)
            | TypeRef::Boxed(inner) => {
                nesting += 1;
                if nesting > MAX_NESTING {
                    return Err(Error::at(
                        at,
                        format!(
                            "a type nests more than {MAX_NESTING} arrays, maps and nullables, which rustc cannot compile (error E0320); name an inner level as an object with properties"
                        ),
                    ));
                }
                current = inner;
            }
            TypeRef::Named(id) => match aliases.get(id) {
                Some(target) if expanded.insert(*id) => current = target,
                _ => return Ok(()),
            },
            // Each place on its own (a tuple is a level the places share).
            TypeRef::Tuple(items) => {
                return items
                    .iter()
                    .try_for_each(|item| within_limit(item, aliases, at));
            }
            _ => return Ok(()),
        }
    }
}
