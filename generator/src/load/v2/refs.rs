//! References to the 2.0 sections, pointed at their 3.0 components.

/// `#/definitions/X` → `#/components/schemas/X`, and the same for parameters and responses.
pub(super) fn rewrite_ref(reference: &str) -> String {
    const MOVES: [(&str, &str); 3] = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ];
    for (from, to) in MOVES {
        if let Some(rest) = reference.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    reference.to_owned()
}

/// The key of a `#/parameters/X` reference, unescaped.
pub(super) fn parameter_ref_key(reference: &str) -> Option<String> {
    let key = reference.strip_prefix("#/parameters/")?;
    (!key.contains('/')).then(|| crate::error::unescape_token(key))
}
