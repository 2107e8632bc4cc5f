//! `[operations]` `include-tags`, `include` and `exclude`: which operations are generated.
//!
//! Applied to the document before it is lowered, so the types that only left-out operations
//! use are not generated at all (component schemas always are: they are the API's model).

use std::collections::BTreeSet;

use openapiv3::{Operation, PathItem, ReferenceOr};

use crate::config::Config;
use crate::error::{Errors, Problems};
use crate::load::Spec;

/// The spec with only the operations `config` selects, or `None` when it selects them all.
/// Every tag and `operationId` the configuration names (in `include-tags`, `include`,
/// `exclude`, `rename` and `paginate`) must exist in the document: one that does not is an error naming
/// the key.
pub(crate) fn select(spec: &Spec, config: &Config) -> Result<Option<Spec>, Errors> {
    let selection = &config.operations;
    let mut tags = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for (_, item) in spec.document.paths.iter() {
        if let ReferenceOr::Item(item) = item {
            for (_, operation) in item.iter() {
                tags.extend(operation.tags.iter().map(String::as_str));
                ids.extend(operation.operation_id.as_deref());
            }
        }
    }
    let mut problems = Problems::default();
    let mut check =
        |key: &str, names: &mut dyn Iterator<Item = &String>, known: &BTreeSet<&str>| {
            for name in names {
                if !known.contains(name.as_str()) {
                    let what = if key == "include-tags" {
                        format!("no operation has the tag `{name}`")
                    } else {
                        format!("no operation has the operationId `{name}`")
                    };
                    problems.push(config.error_at(&["operations", key], what));
                }
            }
        };
    check("include-tags", &mut selection.include_tags.iter(), &tags);
    check("include", &mut selection.include.iter(), &ids);
    check("exclude", &mut selection.exclude.iter(), &ids);
    check("rename", &mut selection.rename.keys(), &ids);
    check("paginate", &mut selection.paginate.keys(), &ids);
    problems.finish(())?;

    let everything = selection.include_tags.is_empty() && selection.include.is_empty();
    if everything && selection.exclude.is_empty() {
        return Ok(None);
    }
    let wanted = |operation: &Operation| {
        let id = operation.operation_id.as_ref();
        let included = everything
            || operation
                .tags
                .iter()
                .any(|t| selection.include_tags.contains(t))
            || id.is_some_and(|id| selection.include.contains(id));
        included && !id.is_some_and(|id| selection.exclude.contains(id))
    };
    let mut selected = spec.clone();
    selected.document.paths.paths.retain(|_, item| match item {
        ReferenceOr::Item(item) => {
            keep_only(item, &wanted);
            item.iter().next().is_some()
        }
        ReferenceOr::Reference { .. } => true,
    });
    Ok(Some(selected))
}

/// Removes the operations of `item` that `wanted` refuses.
fn keep_only(item: &mut PathItem, wanted: &impl Fn(&Operation) -> bool) {
    for slot in [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ] {
        if slot.as_ref().is_some_and(|operation| !wanted(operation)) {
            *slot = None;
        }
    }
}
