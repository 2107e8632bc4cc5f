//! The user's configuration ([`crate::config`]) applied to a run, in two places: [`select`]
//! leaves operations out of the document before `lower`, and [`apply`] changes the lowered IR
//! (type replacements, field overrides, renames, derives) before `emit`; [`features`] then
//! decides the crate's Cargo features, one per group of operations, and [`wire`] which
//! `serde` traits each type derives.

mod apply;
mod derives;
mod features;
mod refs;
mod select;
mod wire;

pub(crate) use apply::apply;
pub(crate) use features::split as split_features;
pub(crate) use select::select;
pub(crate) use wire::mark as mark_wire;
