//! The user's configuration ([`crate::config`]) applied to a run, in two places: [`select`]
//! leaves operations out of the document before `lower`, and [`apply`] changes the lowered IR
//! (type replacements, field overrides, renames, derives) before `emit`.

mod apply;
mod derives;
mod select;

pub(crate) use apply::apply;
pub(crate) use select::select;
