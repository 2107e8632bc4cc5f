//! The `style` of a form body's field (an OpenAPI Encoding Object), written as a query parameter
//! of that style would be, by the parameter encoders in `params`.

use serde_json::Value;

use crate::params;

/// How a form body field is written (OpenAPI `style` in an Encoding Object), as a query
/// parameter of that style would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `name=a&name=b` (exploded) or `name=a,b`.
    Form,
    /// `name=a%20b`, or `name=a&name=b` exploded.
    SpaceDelimited,
    /// `name=a|b`, or `name=a&name=b` exploded.
    PipeDelimited,
    /// `name[key]=value`, nested as deep as the value goes.
    DeepObject,
}

/// The query pairs for one form field written in `style`, by the parameter encoder of that
/// style (see [`crate::params`]).
pub(crate) fn query_pairs(
    name: &str,
    style: Style,
    explode: bool,
    value: &Value,
) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    writer(style, explode)(name, value, &mut pairs);
    pairs
}

/// The parameter encoder of `style` with `explode` (see [`crate::params`]).
pub(crate) fn writer(style: Style, explode: bool) -> fn(&str, &Value, &mut params::Pairs) {
    match (style, explode) {
        (Style::DeepObject, _) => params::deep_object,
        (_, true) => params::exploded,
        (Style::Form, false) => params::form_joined,
        (Style::SpaceDelimited, false) => params::space_delimited,
        (Style::PipeDelimited, false) => params::pipe_delimited,
    }
}
