//! Cargo features per group of operations (`[features]`): which group each operation is in,
//! and which features each type needs.
//!
//! An operation's group is its first tag; an untagged operation's is the first meaningful
//! segment of its path: not a path parameter (`{id}`), not a version (`v1`, `v2beta1`,
//! `2010-04-01`, a number) and not `api` or `rest`, with any `.json`-like extension dropped
//! (`/v1/customers/{customer}/sources` is in `customers`). A path with no such segment is in
//! `root`. The feature is the group's name in kebab-case.
//!
//! A type gets the features of the operations that reach it (through parameters, bodies,
//! responses, event data, page items and other types' fields): it is compiled when any of them
//! is on. A type every group reaches, or that no operation reaches (a component the API
//! declares for its own sake), is always compiled, and so is everything it refers to.
//!
//! With `[features] stand-ins` (the default), a group's reach through what its operations
//! receive stops at the large structs and enums with data (reaching at least `stand-in-size`
//! types, themselves included) that only other groups' operations name (Stripe's customer
//! refers to a payment intent, which brings in a thousand types and which the
//! `payment-intents` operations return): such a type keeps its own groups' features, and where
//! a type compiled without them refers to it, a stand-in of the same name holding the JSON as
//! received is compiled instead. What the operations send never stops there: the caller builds
//! a request, and a stand-in cannot be built. Turning a feature on only ever adds: the
//! stand-in has no fields and no methods, and the full type has every trait the stand-in has.

use std::collections::{BTreeMap, BTreeSet};

use super::refs::{named_in, push_refs, received_by, sent_by};
use crate::config::{Config, Split};
use crate::ir::{Api, Feature, Operation, TypeId, TypeKind};

/// Names no group may take: Cargo's `default` and the generated `full`.
const RESERVED: [&str; 2] = ["default", "full"];

/// Decides the crate's features and sets [`Operation::feature`] and
/// [`TypeDef::features`](crate::ir::TypeDef::features), when `[features]` says to split.
pub(crate) fn split(api: &mut Api, config: &Config) {
    let groups: Vec<(String, String)> = api.operations.iter().map(group_of).collect();
    let distinct: BTreeSet<&str> = groups.iter().map(|(name, _)| name.as_str()).collect();
    let wanted = match config.features.split {
        Split::Never => false,
        Split::Always => !api.operations.is_empty(),
        Split::Auto => api.operations.len() >= config.features.threshold && distinct.len() >= 2,
    };
    if !wanted {
        return;
    }
    let mut features: BTreeMap<String, Feature> = BTreeMap::new();
    for (op, (name, group)) in api.operations.iter_mut().zip(groups) {
        features
            .entry(name.clone())
            .or_insert_with(|| Feature {
                name: name.clone(),
                group,
                operations: 0,
            })
            .operations += 1;
        op.feature = Some(name);
    }
    let names: Vec<String> = features.keys().cloned().collect();
    let index: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();

    let stand_ins = config
        .features
        .stand_ins
        .then_some(config.features.stand_in_size);
    let uses = Uses::of(api, &index, stand_ins);

    // Which groups reach each type, from the types their operations name. What a request
    // carries is taken in whole: the caller builds it, and a stand-in cannot be built. What a
    // response carries stops at the large types only other groups name. Requests go first: a
    // type a response reached first would not be walked again.
    let mut reached: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
    for stand_ins in [false, true] {
        for (group, sent, received) in &uses.named {
            let named = if stand_ins { received } else { sent };
            let mut stack = named.clone();
            while let Some(id) = stack.pop() {
                if stand_ins && uses.stops(id, Some(*group)) {
                    continue;
                }
                let Some(set) = reached.get_mut(id.0) else {
                    continue;
                };
                if set.insert(*group) {
                    push_refs(api, id, &mut stack);
                }
            }
        }
    }
    // A type no operation reaches is always compiled, and so is what it refers to.
    let mut stack: Vec<TypeId> = (reached.iter().enumerate())
        .filter(|(_, set)| set.is_empty())
        .map(|(i, _)| TypeId(i))
        .collect();
    let mut always = vec![false; reached.len()];
    while let Some(id) = stack.pop() {
        if uses.stops(id, None) {
            continue;
        }
        match always.get_mut(id.0) {
            Some(marked) if !*marked => *marked = true,
            _ => continue,
        }
        push_refs(api, id, &mut stack);
    }
    for ((def, set), always) in api.types.iter_mut().zip(reached).zip(always) {
        def.features = (!always && set.len() < names.len())
            .then(|| set.into_iter().map(|i| names[i].clone()).collect());
    }
    mark_stand_ins(api);
    api.features = features.into_values().collect();
}

/// What each group's operations use directly, and so where the groups' types stop.
struct Uses {
    /// Each operation's group and the types it names: those its requests carry (parameters,
    /// bodies), then those its responses carry (bodies, event data, page items).
    named: Vec<(usize, Vec<TypeId>, Vec<TypeId>)>,
    /// For each type, the groups whose operations name it.
    direct: Vec<BTreeSet<usize>>,
    /// For each type, whether groups that do not use it directly stop at it: a struct or an
    /// enum with data that some group uses directly and that reaches at least
    /// `stand-in-size` types.
    stops: Vec<bool>,
}

impl Uses {
    /// `stand_ins`: the `stand-in-size` when stand-ins are on.
    fn of(api: &Api, index: &BTreeMap<&str, usize>, stand_ins: Option<usize>) -> Self {
        let mut named = Vec::new();
        let mut direct = vec![BTreeSet::new(); api.types.len()];
        for op in &api.operations {
            let Some(group) = op.feature.as_deref().and_then(|name| index.get(name)) else {
                continue;
            };
            let (mut sent, mut received) = (Vec::new(), Vec::new());
            for ty in sent_by(op) {
                named_in(ty, &mut sent);
            }
            for ty in received_by(op) {
                named_in(ty, &mut received);
            }
            for id in sent.iter().chain(&received) {
                if let Some(set) = direct.get_mut(id.0) {
                    set.insert(*group);
                }
            }
            named.push((*group, sent, received));
        }
        let nominal: Vec<bool> = api
            .types
            .iter()
            .map(|def| can_stand_in(&def.kind))
            .collect();
        // A type brings its group along when it reaches many types; a small one is taken in.
        let stops = (0..api.types.len())
            .map(|i| {
                stand_ins.is_some_and(|size| {
                    nominal.get(i).copied().unwrap_or(false)
                        && direct.get(i).is_some_and(|set| !set.is_empty())
                        && reaches_at_least(api, TypeId(i), size)
                })
            })
            .collect();
        Self {
            named,
            direct,
            stops,
        }
    }

    /// Whether `group`'s types (`None`: the always compiled ones) stop at `id` rather than
    /// take it in: a large struct or enum with data that only other groups use directly.
    fn stops(&self, id: TypeId, group: Option<usize>) -> bool {
        self.stops.get(id.0).copied().unwrap_or(false)
            && group.is_none_or(|group| {
                self.direct
                    .get(id.0)
                    .is_some_and(|set| !set.contains(&group))
            })
    }
}

/// Whether `id` and the types it refers to, directly or not, are at least `size` types.
fn reaches_at_least(api: &Api, id: TypeId, size: usize) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![id];
    while let Some(id) = stack.pop() {
        if seen.insert(id.0) {
            if seen.len() >= size {
                return true;
            }
            push_refs(api, id, &mut stack);
        }
    }
    false
}

/// Structs and enums with data can stand in as raw JSON: string and integer enums refer to
/// nothing, and aliases are not types of their own.
fn can_stand_in(kind: &TypeKind) -> bool {
    matches!(kind, TypeKind::Struct { .. } | TypeKind::OneOf { .. })
}

/// Sets [`TypeDef::stand_in`](crate::ir::TypeDef::stand_in) on each gated type that a type
/// compiled without its features refers to.
fn mark_stand_ins(api: &mut Api) {
    let mut needed = vec![false; api.types.len()];
    for def in &api.types {
        let mut refs = Vec::new();
        for ty in def.kind.refs() {
            named_in(ty, &mut refs);
        }
        for id in refs {
            let Some(target) = api.types.get(id.0) else {
                continue;
            };
            let covered = match (&def.features, &target.features) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(user), Some(target)) => user.iter().all(|f| target.contains(f)),
            };
            // Only a struct or an enum with data can be uncovered: the others are taken in by
            // every group that reaches a type referring to them.
            if !covered
                && can_stand_in(&target.kind)
                && let Some(mark) = needed.get_mut(id.0)
            {
                *mark = true;
            }
        }
    }
    for (def, needed) in api.types.iter_mut().zip(needed) {
        def.stand_in = needed;
    }
}

/// The group of an operation: its feature name, and what the group is, for the README.
fn group_of(op: &Operation) -> (String, String) {
    if let Some(tag) = op.tags.iter().find(|tag| !feature_name(tag).is_empty()) {
        return (feature_name(tag), format!("tag `{tag}`"));
    }
    match meaningful_segment(&op.path) {
        Some(segment) => (
            feature_name(segment),
            format!("untagged, path segment `{segment}`"),
        ),
        None => (
            "root".to_owned(),
            "untagged, no path segment that names something".to_owned(),
        ),
    }
}

/// A Cargo feature name for a group: kebab-case ASCII letters, digits and `-` (a name in
/// another script spelled with ASCII letters: `商品管理` → `shang-pin-guan-li`), never one of
/// [`RESERVED`]; empty when nothing of the name is left.
pub(crate) fn feature_name(group: &str) -> String {
    let kebab = crate::naming::kebab_case(&crate::naming::ascii_spelling(group));
    let name: String = kebab
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if RESERVED.contains(&name.as_str()) {
        format!("{name}-api")
    } else {
        name
    }
}

/// The first segment of `path` that names something: not a parameter, a version, a number
/// or `api`/`rest`; without an extension (`Calls.json` → `Calls`).
fn meaningful_segment(path: &str) -> Option<&str> {
    path.split('/')
        .map(|segment| segment.split('.').next().unwrap_or(segment))
        .find(|segment| {
            !segment.is_empty()
                && !segment.contains('{')
                && !is_version(segment)
                && !["api", "rest"].contains(&segment.to_ascii_lowercase().as_str())
                && !feature_name(segment).is_empty()
        })
}

/// `v1`, `V2`, `v1beta1`, `v2alpha`, `1`, `2010-04-01`: a version or date, not a name.
fn is_version(segment: &str) -> bool {
    let digits_or_dashes =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '-');
    if digits_or_dashes(segment) {
        return true;
    }
    let Some(rest) = segment.strip_prefix(['v', 'V']) else {
        return false;
    };
    let number_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if number_end == 0 {
        return false;
    }
    let suffix = &rest[number_end..];
    let word_end = suffix
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(suffix.len());
    let (word, tail) = suffix.split_at(word_end);
    (word.is_empty() || ["alpha", "beta", "preview"].contains(&word))
        && tail.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parameters_and_api_prefixes_are_not_groups() {
        for (path, group) in [
            ("/v1/customers/{customer}/sources", Some("customers")),
            ("/v1/payment_intents", Some("payment_intents")),
            ("/api/v2beta1/users", Some("users")),
            (
                "/2010-04-01/Accounts/{AccountSid}/Calls.json",
                Some("Accounts"),
            ),
            ("/{tenant}/things", Some("things")),
            ("/rest/1/issue", Some("issue")),
            ("/v1", None),
            ("/", None),
            ("/vault/keys", Some("vault")),
        ] {
            assert_eq!(meaningful_segment(path), group, "{path}");
        }
    }

    #[test]
    fn feature_names_are_kebab_case_and_never_reserved() {
        assert_eq!(feature_name("Payment Intents"), "payment-intents");
        assert_eq!(feature_name("payment_intents"), "payment-intents");
        assert_eq!(feature_name("Full"), "full-api");
        assert_eq!(feature_name("default"), "default-api");
        assert_eq!(feature_name("issues.comments"), "issues-comments");
        assert_eq!(feature_name("--"), "");
        // Other scripts are spelled with ASCII letters rather than lost.
        assert_eq!(feature_name("商品管理"), "shang-pin-guan-li");
        assert_eq!(feature_name("Größe"), "grosse");
        assert_eq!(feature_name("✓"), "ok");
    }
}
