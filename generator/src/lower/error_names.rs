//! The names of error enums several operations share.
//!
//! A shared enum is named after what it holds, not after one of its operations (which would
//! name `AddPetError` after `FindPetsError`): the names of its variants, each without a trailing
//! `Error`, then `Error` (`NotFoundError`, `BadRequestNotFoundError`, `ClientServerError`;
//! `UndocumentedError` when the operations document no error), when it has at most three. Else
//! the words the names of all its operations begin with (`ContainerError` for
//! `ContainerInspect`, `ContainerTop`, …), else both (`GistsNotFoundError`), else the
//! alphabetically first operation's name and `SharedError`. As for types (see [`super::names`]), a name is taken only when no other
//! operation or shared enum has or wants it, else the next rule is tried. Every operation keeps
//! its own `{Operation}Error`, an alias of the shared enum; the names depend on the set of
//! operations and what they hold, not on their order.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Operation, Success};
use crate::naming;

/// Most variants an enum is named after.
const MAX_VARIANTS_IN_NAME: usize = 3;

/// The name of each group's shared enum; a group lists operations by index, in document order.
pub(crate) fn shared_names(
    operations: &[Operation],
    groups: &[Vec<usize>],
    reserved: &[&str],
) -> Vec<String> {
    let mut taken: BTreeSet<String> = reserved.iter().map(|s| (*s).to_owned()).collect();
    for op in operations {
        taken.insert(op.errors.name().to_owned());
        taken.extend(op.params_type.iter().cloned());
        if let Success::Enum { name } = &op.success {
            taken.insert(name.clone());
        }
    }
    let candidates: Vec<[Option<String>; 4]> = groups
        .iter()
        .map(|group| {
            let ops: Vec<&Operation> = group.iter().filter_map(|&i| operations.get(i)).collect();
            candidates(&ops)
        })
        .collect();
    let mut chosen: Vec<Option<String>> = vec![None; groups.len()];
    for step in 0..4 {
        let mut wanted: BTreeMap<&str, usize> = BTreeMap::new();
        for (names, chosen) in candidates.iter().zip(&chosen) {
            if let (None, Some(name)) = (chosen, &names[step]) {
                *wanted.entry(name).or_default() += 1;
            }
        }
        let mut granted = Vec::new();
        for (names, chosen) in candidates.iter().zip(&mut chosen) {
            if let (None, Some(name)) = (&chosen, &names[step]) {
                if wanted.get(name.as_str()) == Some(&1) && !taken.contains(name) {
                    granted.push(name.clone());
                    *chosen = Some(name.clone());
                }
            }
        }
        taken.extend(granted);
    }
    // The last rule's name is unique unless an operation has it: number it then.
    chosen
        .into_iter()
        .zip(candidates)
        .map(|(chosen, [.., last])| {
            chosen.unwrap_or_else(|| {
                let base = last.unwrap_or_else(|| "SharedError".to_owned());
                let mut n = 2;
                while taken.contains(&format!("{base}{n}")) {
                    n += 1;
                }
                let name = format!("{base}{n}");
                taken.insert(name.clone());
                name
            })
        })
        .collect()
}

/// The names a group's enum may take, in order of preference.
fn candidates(ops: &[&Operation]) -> [Option<String>; 4] {
    let variants: Vec<&str> = ops
        .first()
        .map(|op| {
            op.responses
                .iter()
                .filter(|r| !r.success)
                .map(|r| r.variant.as_str())
                .collect()
        })
        .unwrap_or_default();
    let held: String = match variants.len() {
        0 => "Undocumented".to_owned(),
        _ => variants
            .iter()
            .map(|v| {
                v.strip_suffix("Error")
                    .filter(|w| !w.is_empty())
                    .unwrap_or(v)
            })
            .collect(),
    };
    let by_variants = (variants.len() <= MAX_VARIANTS_IN_NAME).then(|| format!("{held}Error"));
    let names: Vec<Vec<String>> = ops
        .iter()
        .map(|op| {
            crate::naming::snake_case(&op.method_name)
                .split('_')
                .map(str::to_owned)
                .collect()
        })
        .collect();
    let prefix = common_prefix(&names).map(|words| naming::type_name(&words.join(" "), "Op"));
    let by_operations = prefix.as_ref().map(|prefix| format!("{prefix}Error"));
    let by_both = prefix
        .filter(|_| variants.len() <= MAX_VARIANTS_IN_NAME)
        .map(|prefix| format!("{prefix}{held}Error"));
    let first = ops
        .iter()
        .map(|op| naming::type_name(&op.method_name, "Op"))
        .min()
        .map(|name| format!("{name}SharedError"));
    [by_variants, by_operations, by_both, first]
}

/// The longest run of words every name begins with, if any.
fn common_prefix(names: &[Vec<String>]) -> Option<Vec<String>> {
    let (first, rest) = names.split_first()?;
    let mut len = first.len();
    for name in rest {
        let same = first.iter().zip(name).take_while(|(a, b)| a == b).count();
        len = len.min(same);
    }
    (len > 0).then(|| first[..len].to_vec())
}
