//! Which way each type's values travel ([`Wire`]), so that only the types responses carry
//! derive `Deserialize`: derived impls are most of what `rustc` checks in a generated crate,
//! and a type only requests carry (Stripe's form bodies: 1,625 of its 5,364 types) never
//! decodes.

use super::refs::{named_in, push_refs, received_by, sent_by};
use crate::config::{Config, Serde};
use crate::ir::{Api, TypeId, Wire};

/// Sets each type's [`Wire`] (`TypeDef::wire`) from the operations (and webhooks) that use it, through
/// other types' fields. A type no operation uses (and what it refers to), and every type under
/// `[types] serde = "both"` (or a `types.derive` with `Deserialize`), gets both; a type
/// `types.derive-for` gives `Deserialize` is received, with what it refers to.
pub(crate) fn mark(api: &mut Api, config: &Config) {
    let is_deserialize =
        |derive: &String| ["Deserialize", "serde::Deserialize"].contains(&derive.as_str());
    if config.types.serde == Serde::Both || config.types.derive.iter().any(is_deserialize) {
        for def in &mut api.types {
            def.wire = Wire::BOTH;
        }
        return;
    }
    let (mut sent, mut received) = (Vec::new(), Vec::new());
    // `types.derive-for` asking for `Deserialize`: that type, and what it holds, decode.
    for (i, def) in api.types.iter().enumerate() {
        let asked = config.types.derive_for.get(&def.name);
        if asked.is_some_and(|derives| derives.iter().any(is_deserialize)) {
            received.push(TypeId(i));
        }
    }
    for op in &api.operations {
        for ty in sent_by(op) {
            named_in(ty, &mut sent);
        }
        for ty in received_by(op) {
            named_in(ty, &mut received);
        }
    }
    // A webhook's payload arrives at the user's server, which decodes it.
    for webhook in &api.webhooks {
        named_in(&webhook.payload, &mut received);
    }
    let mut is_sent = vec![false; api.types.len()];
    let mut is_received = vec![false; api.types.len()];
    close(api, sent, &mut is_sent);
    close(api, received, &mut is_received);
    // A type no operation uses is both, and so is everything it refers to.
    let unused: Vec<TypeId> = (is_sent.iter().zip(&is_received).enumerate())
        .filter(|(_, (sent, received))| !**sent && !**received)
        .map(|(i, _)| TypeId(i))
        .collect();
    close(api, unused.clone(), &mut is_sent);
    close(api, unused, &mut is_received);
    for ((def, sent), received) in api.types.iter_mut().zip(is_sent).zip(is_received) {
        def.wire = Wire { sent, received };
    }
}

/// Marks in `reached` the types `stack` holds and those they refer to, directly or not.
fn close(api: &Api, mut stack: Vec<TypeId>, reached: &mut [bool]) {
    while let Some(id) = stack.pop() {
        match reached.get_mut(id.0) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        push_refs(api, id, &mut stack);
    }
}
