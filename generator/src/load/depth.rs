//! The depth limit: a document nested deeper than [`MAX_DEPTH`] is refused before any stage
//! recurses along it.

use serde_json::Value;

use crate::error::{Error, Result};

/// How many levels of objects and arrays a document may nest. The parsers stop at 128; the
/// deepest real spec we know (Stripe) nests 26. Every later stage recurses along the document,
/// so this bound is also what keeps their stack use small.
pub const MAX_DEPTH: usize = 64;

/// Refuses a document nested deeper than [`MAX_DEPTH`], naming the first node too deep.
pub(super) fn check_depth(value: &Value) -> Result<()> {
    fn children(value: &Value) -> Box<dyn Iterator<Item = (String, &Value)> + '_> {
        match value {
            Value::Object(map) => Box::new(map.iter().map(|(k, v)| (k.clone(), v))),
            Value::Array(items) => {
                Box::new(items.iter().enumerate().map(|(i, v)| (i.to_string(), v)))
            }
            _ => Box::new(std::iter::empty()),
        }
    }
    fn max_depth(value: &Value) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(value, 1)];
        while let Some((value, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            match value {
                Value::Object(map) => stack.extend(map.values().map(|v| (v, depth + 1))),
                Value::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
                _ => {}
            }
        }
        deepest
    }
    if max_depth(value) <= MAX_DEPTH {
        return Ok(());
    }
    // Only now, on the way to an error, are pointers built: follow the first deepest branch.
    let mut pointer = String::from("#");
    let mut current = value;
    for _ in 1..MAX_DEPTH {
        let Some((key, child)) = children(current).max_by_key(|(_, child)| max_depth(child)) else {
            break;
        };
        pointer = crate::error::join(&pointer, &key);
        current = child;
    }
    Err(Error::at(
        pointer,
        format!("the document nests deeper than {MAX_DEPTH} levels of objects and arrays here"),
    ))
}
