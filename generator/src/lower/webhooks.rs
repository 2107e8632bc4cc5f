//! Webhooks: the requests the API sends to the user's server. `load` keeps each whose JSON
//! body is a component schema (see [`crate::load::WEBHOOKS_EXTENSION`]); here each becomes a
//! [`Webhook`] naming the type of its payload.

use rustc_hash::FxHashSet;
use serde_json::Value;

use super::Lowerer;
use crate::ir::{Callback, TypeRef, Warning, Webhook};
use crate::naming;

/// The webhooks `load` kept, in document order, each with a name of its own in the crate's
/// `webhooks` module. One whose payload is not (or no longer) a component schema is left out
/// with a warning.
pub(super) fn lower_webhooks(lowerer: &Lowerer<'_>, warnings: &mut Vec<Warning>) -> Vec<Webhook> {
    let Some(Value::Array(entries)) = lowerer.doc.extensions.get(crate::load::WEBHOOKS_EXTENSION)
    else {
        return Vec::new();
    };
    let mut taken = FxHashSet::default();
    let mut webhooks = Vec::new();
    for entry in entries {
        let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or_default();
        let (key, method, pointer) = (text("name"), text("method"), text("pointer"));
        let reference = entry
            .pointer("/schema/$ref")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let component = reference.strip_prefix("#/components/schemas/");
        let Some(claimed) = component.and_then(|c| lowerer.components.get(c)) else {
            warnings.push(Warning {
                pointer: pointer.to_owned(),
                message: format!(
                    "webhook `{key}` left out: its payload `{reference}` is not a schema of the \
                     document"
                ),
            });
            continue;
        };
        let base = naming::type_name(key, "Webhook");
        let method_name = naming::type_name(&method.to_ascii_lowercase(), "Method");
        let name = [base.clone(), format!("{base}{method_name}")]
            .into_iter()
            .chain((2..).map(|n| format!("{base}{n}")))
            .find(|name| !taken.contains(name))
            .unwrap_or(base);
        taken.insert(name.clone());
        let docs = [text("summary"), text("description")]
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        webhooks.push(Webhook {
            key: key.to_owned(),
            name,
            method: method.to_owned(),
            media_type: text("mediaType").to_owned(),
            docs: (!docs.is_empty()).then_some(docs),
            payload: TypeRef::Named(claimed.id),
            pointer: pointer.to_owned(),
            callback: entry.get("expression").map(|_| Callback {
                operation: text("operation").to_owned(),
                operation_pointer: text("operationPointer").to_owned(),
                expression: text("expression").to_owned(),
            }),
        });
    }
    webhooks
}
