//! The names of inline types, once sharing has made copies one: from the spec's `title`, else
//! from what all the copies have in common, never from the first place one happened to occur.
//!
//! An inline type is first named after where it occurs (`{Owner}{Property}`, `{Op}Body`, …).
//! This pass then renames:
//! - an inline type with a `title` after it (every copy having the same one), unless the name is
//!   taken or another inline type of another shape wants it too (a generic `title: Response`):
//!   then none of them takes it, and each keeps the name from where it occurs;
//! - a type standing for several copies (identical inline structs and unions merged, inline
//!   enums with the same values, of which the others are aliases) after, in this order: the
//!   longest common suffix of the copies' names in words (`SupportUrlEmpty` for
//!   `PostAccountsBodyBusinessProfileSupportUrlEmpty` and `PostCustomersBodySupportUrlEmpty`)
//!   when it says more than a word the generator adds (`Item`, `Body`, `Ok`, …); for an enum of
//!   two or three values, the values (`ReadOrWrite`); else the shortest copy's name (the
//!   alphabetically first of equally short ones).
//!
//! A name is taken only when it is free and no other type renamed at the same step wants it;
//! otherwise the next rule is tried, then the type keeps its name. Names depend on the set of
//! copies, not on the order they were met, so adding an unrelated operation or schema renames
//! nothing. A renamed enum that others alias gets an alias of its own under its old name, so
//! every place keeps the name it had, an alias of the shared enum.

use std::collections::{BTreeMap, BTreeSet};

use super::table::for_each_ref_mut;
use crate::ir::{Api, Origin, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming;

/// What one type stands for, once sharing has made copies one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Copies {
    /// The name each copy wanted where it occurs (before it was made unique).
    contexts: BTreeSet<String>,
    /// Each copy's `title`.
    titles: BTreeSet<Option<String>>,
    /// Each copy's docs.
    docs: BTreeSet<Option<String>>,
    /// How many other types are aliases of this one (same enum values).
    aliases: usize,
}

impl Copies {
    /// Each type standing for itself, `wanted` being the names they wanted, by id.
    pub(crate) fn of(types: &[TypeDef], wanted: &[String]) -> Vec<Copies> {
        types
            .iter()
            .enumerate()
            .map(|(i, def)| Copies {
                contexts: BTreeSet::from([wanted.get(i).unwrap_or(&def.name).clone()]),
                titles: BTreeSet::from([def.title.clone()]),
                docs: BTreeSet::from([def.docs.clone()]),
                aliases: 0,
            })
            .collect()
    }

    /// Makes this stand for `merged` as well: a copy removed in favour of this one.
    pub(crate) fn absorb(&mut self, mut merged: Copies) {
        self.contexts.append(&mut merged.contexts);
        self.titles.append(&mut merged.titles);
        self.docs.append(&mut merged.docs);
        self.aliases += merged.aliases;
    }

    /// Makes this stand for `alias` as well: a copy that stays as an alias of this one.
    pub(crate) fn alias(&mut self, alias: &Copies) {
        self.contexts.extend(alias.contexts.iter().cloned());
        self.titles.extend(alias.titles.iter().cloned());
        self.docs.extend(alias.docs.iter().cloned());
        self.aliases += 1;
    }

    /// The name the type wanted where it occurs (the first, if it stands for several).
    pub(crate) fn context(&self) -> Option<&str> {
        self.contexts.first().map(String::as_str)
    }

    fn shared(&self) -> bool {
        self.contexts.len() > 1 || self.aliases > 0
    }
}

/// Words the generator adds to a place's name: a common suffix made only of them says nothing
/// of the type.
const GENERIC_WORDS: &[&str] = &[
    "item", "items", "value", "values", "body", "request", "response", "ok", "created", "accepted",
    "default", "field", "param", "params", "variant", "type", "object", "data", "result", "error",
    "inner", "no", "content",
];

/// Most values an enum is named after.
const MAX_VALUES_IN_NAME: usize = 3;

/// Renames the inline types as the module docs say; `copies` is by id.
pub(crate) fn name_types(api: &mut Api, copies: &[Copies]) {
    let candidates: Vec<Vec<Option<String>>> = api
        .types
        .iter()
        .zip(copies)
        .map(|(def, copies)| candidates(def, copies))
        .collect();
    let mut taken: BTreeSet<String> = api.types.iter().map(|t| t.name.clone()).collect();
    let mut chosen: Vec<Option<String>> = vec![None; api.types.len()];
    let mut done = vec![false; api.types.len()];
    let steps = candidates.iter().map(Vec::len).max().unwrap_or(0);
    for step in 0..steps {
        let wanted_at = |i: usize| candidates[i].get(step).cloned().flatten();
        let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
        for i in (0..api.types.len()).filter(|&i| !done[i]) {
            if let Some(name) = wanted_at(i) {
                *wanted.entry(name).or_default() += 1;
            }
        }
        let mut granted = Vec::new();
        for (i, def) in api.types.iter().enumerate() {
            let Some(name) = wanted_at(i).filter(|_| !done[i]) else {
                continue;
            };
            let free = name == def.name || !taken.contains(&name);
            if free && wanted.get(&name) == Some(&1) {
                done[i] = true;
                granted.push(name.clone());
                chosen[i] = Some(name);
            }
        }
        taken.extend(granted);
    }
    rename(api, copies, chosen);
}

/// The names a type may take, in order of preference; `None` where a rule does not apply.
fn candidates(def: &TypeDef, copies: &Copies) -> Vec<Option<String>> {
    if def.origin != Origin::Inline || matches!(def.kind, TypeKind::Alias(_)) {
        return Vec::new();
    }
    let title = match (copies.titles.first(), copies.titles.len()) {
        (Some(Some(title)), 1) => Some(naming::type_name(title, "Type")),
        _ => None,
    };
    if !copies.shared() {
        return vec![title];
    }
    let contexts: Vec<Vec<String>> = copies.contexts.iter().map(|c| words(c)).collect();
    let suffix = common_suffix(&contexts)
        .filter(|words| words.iter().any(|w| !GENERIC_WORDS.contains(&w.as_str())))
        .map(|words| naming::type_name(&words.join(" "), "Type"));
    let values = match &def.kind {
        TypeKind::StringEnum { variants } if (2..=MAX_VALUES_IN_NAME).contains(&variants.len()) => {
            let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
            Some(names.join("Or"))
        }
        _ => None,
    };
    let shortest = copies
        .contexts
        .iter()
        .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
        .cloned();
    vec![title, suffix, values, shortest]
}

/// The words of a `PascalCase` name, lower case.
fn words(name: &str) -> Vec<String> {
    naming::lower_words(name)
}

/// The longest run of words every name ends with, if any.
fn common_suffix(names: &[Vec<String>]) -> Option<Vec<String>> {
    let (first, rest) = names.split_first()?;
    let mut len = first.len();
    for name in rest {
        let same = first
            .iter()
            .rev()
            .zip(name.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        len = len.min(same);
    }
    (len > 0).then(|| first[first.len() - len..].to_vec())
}

/// Gives each type its chosen name. A renamed enum that others alias becomes two types: the
/// enum under its new name, and an alias of it under the old one, which the places that used it
/// keep referring to, as the other aliases are made to refer to the enum itself.
fn rename(api: &mut Api, copies: &[Copies], chosen: Vec<Option<String>>) {
    let split: Vec<bool> = api
        .types
        .iter()
        .zip(&chosen)
        .zip(copies)
        .map(|((def, name), copies)| {
            copies.aliases > 0 && name.as_ref().is_some_and(|name| *name != def.name)
        })
        .collect();
    // Old index → new index: a split type's enum comes first, then its alias, which keeps the
    // old type's references.
    let mut new_index = Vec::with_capacity(api.types.len());
    let mut next = 0;
    for &split in &split {
        next += usize::from(split);
        new_index.push(next);
        next += 1;
    }
    for_each_ref_mut(api, &mut |id| {
        if let Some(&new) = new_index.get(id.0) {
            *id = TypeId(new);
        }
    });
    let old = std::mem::take(&mut api.types);
    // Sized once: each split type is two, and growing a list of thousands of types by pushes
    // copies it over and over.
    api.types
        .reserve_exact(old.len() + split.iter().filter(|&&split| split).count());
    // The alias of a split enum → the enum.
    let mut enum_of: BTreeMap<TypeId, TypeId> = BTreeMap::new();
    for (i, ((mut def, name), copies)) in old.into_iter().zip(chosen).zip(copies).enumerate() {
        let Some(name) = name.filter(|name| *name != def.name) else {
            api.types.push(def);
            continue;
        };
        if !split[i] {
            def.name = name;
            api.types.push(def);
            continue;
        }
        let shared = TypeId(api.types.len());
        let docs = match (copies.docs.first(), copies.docs.len()) {
            (Some(Some(docs)), 1) => format!("{docs}\n\n"),
            _ => String::new(),
        };
        api.types.push(TypeDef {
            name,
            docs: Some(format!(
                "{docs}The values {} types share, each of them a type alias of this one.",
                copies.aliases + 1
            )),
            ..def.clone()
        });
        enum_of.insert(TypeId(shared.0 + 1), shared);
        def.kind = TypeKind::Alias(TypeRef::Named(shared));
        api.types.push(def);
    }
    for def in &mut api.types {
        if let (Origin::Inline, TypeKind::Alias(TypeRef::Named(target))) =
            (&def.origin, &mut def.kind)
        {
            if let Some(&shared) = enum_of.get(target) {
                *target = shared;
            }
        }
    }
    note_aliases(&mut api.types, copies, &split);
}

/// Notes in the docs of each enum others alias and that kept its name how many do.
fn note_aliases(types: &mut [TypeDef], copies: &[Copies], split: &[bool]) {
    // A split enum is two types now, neither of which needs the note.
    let kept = copies.iter().zip(split).flat_map(|(copies, &split)| {
        let count = if split { 0 } else { copies.aliases };
        std::iter::once(count).chain(split.then_some(0))
    });
    for (def, count) in types.iter_mut().zip(kept) {
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
