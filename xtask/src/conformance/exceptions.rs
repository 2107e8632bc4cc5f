//! The known exceptions: problems the conformance run reports that are not bugs of the
//! generated client (a limit of Prism, a spec whose own example breaks its schema), or that
//! are known generator bugs being fixed elsewhere. Each names one spec, one operation and the
//! exact text of the one problem it excuses, with the reason. An entry that excuses nothing in
//! a run that covered its spec is reported as unused, so the list stays honest.

/// One excused problem.
#[derive(Debug, Clone, Copy)]
pub struct Exception {
    /// The spec's file name.
    pub spec: &'static str,
    /// The operation's Rust method name.
    pub operation: &'static str,
    /// Text the problem contains (a Prism violation message, a decode error).
    pub rule: &'static str,
    /// Why it is excused.
    pub reason: &'static str,
}

/// Every exception.
pub const EXCEPTIONS: &[Exception] = &[
    Exception {
        spec: "features.yaml",
        operation: "submit_form",
        rule: "Request body property tags must be array",
        reason: "Prism reads an urlencoded form array only from `tags[]=` keys; the client sends \
                 `tags=a&tags=b`, what OpenAPI's default `style: form, explode: true` means",
    },
    Exception {
        spec: "features.yaml",
        operation: "upload",
        rule: "Request body property meta must be object",
        reason: "Prism reads every multipart part as text and does not parse a part sent as \
             `Content-Type: application/json`; the client sends `meta` as a JSON part, as \
             OpenAPI's default encoding for an object property says",
    },
];
