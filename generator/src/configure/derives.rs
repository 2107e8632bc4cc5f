//! `types.derive` and `types.derive-for`: extra derives on the generated types.
//!
//! Every type already derives `Debug`, `Clone`, `PartialEq`, `Serialize` and `Deserialize`
//! (enums also `Eq` and `Hash`), and `Default` where every field is optional; asking for one
//! of those again changes nothing. `Eq`, `Hash`, `PartialOrd` and `Ord` hold only when every
//! field's type has them (no `f64` for `Eq`/`Hash`/`Ord`, no `serde_json::Value` for the
//! orderings): `types.derive` adds them to every type that can have them, and leaves the
//! others alone; `types.derive-for` asking for one a type cannot have is an error naming the
//! field at fault. Any other derive (`schemars::JsonSchema`) is added as asked: the crate that
//! provides it goes in `[dependencies]`.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::Problems;
use crate::ir::{Api, TypeDef, TypeId, TypeKind, TypeRef};

/// The derives whose soundness is checked against the fields' types.
const CHECKED: [&str; 4] = ["Eq", "Hash", "PartialOrd", "Ord"];

/// Derives the configuration cannot add.
const REFUSED: [&str; 2] = ["Default", "Copy"];

/// Sets `TypeDef::derives` from `types.derive` (every type) and `types.derive-for` (`ids`:
/// each named type's id).
pub(crate) fn add(
    api: &mut Api,
    config: &Config,
    ids: &BTreeMap<String, TypeId>,
    problems: &mut Problems,
) {
    let types = &config.types;
    for (key, list) in std::iter::once((None, &types.derive)).chain(
        types
            .derive_for
            .iter()
            .map(|(name, list)| (Some(name), list)),
    ) {
        for derive in list {
            let at: Vec<&str> = match key {
                None => vec!["types", "derive"],
                Some(name) => vec!["types", "derive-for", name],
            };
            if syn::parse_str::<syn::Path>(derive).is_err() {
                problems.push(config.error_at(&at, format!("`{derive}` is not a Rust path")));
            } else if REFUSED.contains(&short(derive)) {
                problems.push(config.error_at(
                    &at,
                    format!("`{derive}` cannot be added: opengen derives `Default` where every field is optional, and no generated type is `Copy` but integer enums"),
                ));
            }
        }
    }
    // What each type is asked to derive, and whether it was asked by name.
    let mut wanted: Vec<Vec<(String, bool)>> = vec![Vec::new(); api.types.len()];
    for (at, def) in api.types.iter().enumerate() {
        if matches!(def.kind, TypeKind::Alias(_)) {
            continue;
        }
        let named = types
            .derive_for
            .get(&def.name)
            .filter(|_| ids.contains_key(&def.name));
        let asked = types.derive.iter().map(|d| (d, false));
        let asked = asked.chain(named.into_iter().flatten().map(|d| (d, true)));
        for (derive, by_name) in asked {
            let fresh = !builtin(&def.kind).contains(&short(derive))
                && !REFUSED.contains(&short(derive))
                && !wanted[at].iter().any(|(d, _)| short(d) == short(derive));
            if fresh {
                wanted[at].push((derive.clone(), by_name));
            }
        }
    }
    for (name, id) in ids {
        if let Some(TypeKind::Alias(_)) = api.get(*id).map(|def| &def.kind) {
            problems.push(config.error_at(
                &["types", "derive-for", name],
                format!("`{name}` is an alias of another type, which derives for it"),
            ));
        }
    }
    // Drop the checked derives a type cannot have, until nothing changes: a type loses `Hash`
    // when a field's type lost it.
    loop {
        let mut dropped = false;
        for at in 0..api.types.len() {
            let Some(def) = api.types.get(at) else {
                continue;
            };
            let lacking: Vec<(usize, String)> = wanted[at]
                .iter()
                .enumerate()
                .filter(|(_, (d, _))| CHECKED.contains(&short(d)))
                .filter_map(|(index, (d, _))| {
                    missing(api, &wanted, def, short(d)).map(|why| (index, why))
                })
                .collect();
            for (index, why) in lacking.into_iter().rev() {
                let (derive, by_name) = wanted[at].remove(index);
                dropped = true;
                if by_name {
                    problems.push(config.error_at(
                        &["types", "derive-for", &def.name],
                        format!("`{derive}` cannot be derived for `{}`: {why}", def.name),
                    ));
                }
            }
        }
        if !dropped {
            break;
        }
    }
    for (def, wanted) in api.types.iter_mut().zip(wanted) {
        def.derives = wanted.into_iter().map(|(d, _)| d).collect();
    }
}

/// `std::hash::Hash` → `Hash`: the std traits by their short name.
fn short(derive: &str) -> &str {
    ["std::cmp::", "core::cmp::", "std::hash::", "core::hash::"]
        .iter()
        .find_map(|prefix| derive.strip_prefix(prefix))
        .unwrap_or(derive)
}

/// What the generated code already derives for a kind of type.
fn builtin(kind: &TypeKind) -> BTreeSet<&'static str> {
    let common = ["Debug", "Clone", "PartialEq"];
    let serde = ["Serialize", "Deserialize"];
    match kind {
        TypeKind::Struct { .. } => common.into_iter().chain(serde).collect(),
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => common
            .into_iter()
            .chain(serde)
            .chain(["Eq", "Hash"])
            .collect(),
        // A tagged one implements the serde traits by hand, which asking to derive them
        // would duplicate.
        TypeKind::OneOf { .. } => common.into_iter().chain(serde).collect(),
        TypeKind::Alias(_) => BTreeSet::new(),
    }
}

/// Why `def` cannot derive `derive` (one of [`CHECKED`]), or `None` when it can.
fn missing(
    api: &Api,
    wanted: &[Vec<(String, bool)>],
    def: &TypeDef,
    derive: &str,
) -> Option<String> {
    if derive == "Ord" {
        for needed in ["Eq", "PartialOrd"] {
            if !has_named(api, wanted, def, needed) {
                return Some(format!("`Ord` needs `{needed}` too"));
            }
        }
    }
    let members: Vec<(String, &TypeRef)> = match &def.kind {
        TypeKind::Struct { fields, additional } => fields
            .iter()
            .map(|f| (format!("field `{}`", f.name), &f.ty))
            .chain(
                additional
                    .iter()
                    .map(|a| (format!("field `{}`", a.name), &a.value)),
            )
            .collect(),
        // Every `oneOf` has an `Unknown` variant: `Value`, or the base's own struct.
        TypeKind::OneOf {
            variants, unknown, ..
        } => variants
            .iter()
            .map(|v| (format!("variant `{}`", v.name), &v.ty))
            .chain(std::iter::once((
                "variant `Unknown`".to_owned(),
                unknown.as_ref().unwrap_or(&TypeRef::Any),
            )))
            .collect(),
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } | TypeKind::Alias(_) => {
            Vec::new()
        }
    };
    members
        .into_iter()
        .find(|(_, ty)| !has(api, wanted, ty, derive, 0))
        .map(|(member, _)| format!("its {member} does not implement `{derive}`"))
}

/// Whether the named type `def` has `derive`, built in or asked for.
fn has_named(api: &Api, wanted: &[Vec<(String, bool)>], def: &TypeDef, derive: &str) -> bool {
    if let TypeKind::Alias(ty) = &def.kind {
        return has(api, wanted, ty, derive, 1);
    }
    builtin(&def.kind).contains(derive)
        || api
            .type_id(&def.name)
            .and_then(|id| wanted.get(id.0))
            .is_some_and(|list| list.iter().any(|(d, _)| short(d) == derive))
}

/// Whether a value of `ty` has `derive` (one of [`CHECKED`]).
fn has(
    api: &Api,
    wanted: &[Vec<(String, bool)>],
    ty: &TypeRef,
    derive: &str,
    depth: usize,
) -> bool {
    match ty {
        // The date, uuid and IP types are all `Eq`, `Hash` and ordered.
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Binary
        | TypeRef::File
        | TypeRef::Format(_) => true,
        // The user's type: what it implements is the user's to say.
        TypeRef::External(_) => true,
        TypeRef::Number(_) => derive == "PartialOrd",
        TypeRef::Any => matches!(derive, "Eq" | "Hash"),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => has(api, wanted, inner, derive, depth),
        TypeRef::Tuple(items) => items
            .iter()
            .all(|item| has(api, wanted, item, derive, depth)),
        TypeRef::Named(id) => {
            depth > 16
                || api
                    .get(*id)
                    .is_some_and(|def| has_named(api, wanted, def, derive))
        }
    }
}
