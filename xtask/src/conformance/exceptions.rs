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
    // Limits of Prism.
    Exception {
        spec: "features.yaml",
        operation: "submit_form",
        rule: "Request body property tags must be array",
        reason: "Prism reads an urlencoded form array only from `tags[]=` keys; the client sends \
                 `tags=a&tags=b`, what OpenAPI's default `style: form, explode: true` means \
                 (the recording check confirms it)",
    },
    Exception {
        spec: "features.yaml",
        operation: "upload",
        rule: "Request body property meta must be object",
        reason: "Prism reads every multipart part as text and does not parse a part sent as \
                 `Content-Type: application/json`; the client sends `meta` as a JSON part, as \
                 OpenAPI's default encoding for an object property says (the recording check \
                 confirms it)",
    },
    Exception {
        spec: "ogen-parameters-fixture.json",
        operation: "get_complicated_parameter_name",
        rule: "Request query must have required property 'percent%25'",
        reason: "Prism looks for the query parameter `percent%` under its encoded name \
                 `percent%25`; the client sends `percent%25=…`, which decodes to `percent%` \
                 (the recording check confirms it)",
    },
    Exception {
        spec: "oxide-buildomat.json",
        operation: "task_output_download",
        rule: "unexpected_status: unexpected HTTP status 500 Internal Server Error: {\"type\":\"https://stoplight.io/prism/errors#NO_RESPONSE_RESPONSE_DEFINED\"",
        reason: "the spec declares `responses: {}`, so Prism has nothing to answer with",
    },
    // Prism ignores `discriminator`: alternatives that differ only in the tag's value all
    // match, and it reports `must match exactly one schema in oneOf`.
    Exception {
        spec: "telegram-bot-api.json",
        operation: "delete_my_commands",
        rule: "Request body property scope must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; `BotCommandScopeDefault` and \
                 `BotCommandScopeAllPrivateChats` both match `{\"type\": \"default\"}`",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "get_my_commands",
        rule: "Request body property scope must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; several `BotCommandScope` alternatives match",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "set_my_commands",
        rule: "Request body property scope must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; several `BotCommandScope` alternatives match",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "edit_message_media",
        rule: "Request body property media must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; several `InputMedia` alternatives match",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "send_media_group",
        rule: "Request body property media.0 must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; several `InputMedia` alternatives match",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "send_media_group",
        rule: "Request body property media.1 must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; several `InputMedia` alternatives match",
    },
    // Inconsistent specs.
    Exception {
        spec: "telegram-bot-api.json",
        operation: "set_passport_data_errors",
        rule: "must be equal to one of the allowed values",
        reason: "the spec is inconsistent: `PassportElementError`'s discriminator is `type`, \
                 which every alternative also declares as an enum of passport sections, so no \
                 value can be both the tag (`data`) and a section (the real tag is `source`)",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "set_passport_data_errors",
        rule: "must have required property",
        reason: "the same inconsistency: Prism, ignoring the discriminator, tries every \
                 alternative and lists each one's missing properties",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "set_passport_data_errors",
        rule: "must match exactly one schema in oneOf",
        reason: "the same inconsistency: no alternative matches",
    },
    Exception {
        spec: "telegram-bot-api.json",
        operation: "set_passport_data_errors",
        rule: "holds an `Unknown` variant",
        reason: "the same inconsistency: a value tagged `type: data` cannot also have the \
                 section enum in `type`, so the typed argument decodes to `Unknown`",
    },
    // Generator bugs found by this check, being fixed by other branches of issue 9. Each is
    // reported as unused once the fix is merged; then it must be deleted.
    Exception {
        spec: "coverage.yaml",
        operation: "json_params",
        rule: "recorded: header parameter `X-Filter` (Json) sent as",
        reason: "GENERATOR BUG (issue 9): a header parameter with `content: application/json` is \
                 sent in `simple` style (`color,red,size,1`), not as JSON text",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "json_params",
        rule: "recorded: path sent as `/json-params/color,red,size,1`",
        reason: "GENERATOR BUG (issue 9): a path parameter with `content: application/json` is \
                 sent in `simple` style, not as JSON text",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "styles",
        rule: "Request query parameter space",
        reason: "GENERATOR BUG (issue 9): `spaceDelimited` joins with `+` (`space=a+a`); OpenAPI \
                 and Prism read the delimiter as `%20`, so Prism sees one item",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "upload_album",
        rule: "recorded: multipart field `labels` sent as parts",
        reason: "GENERATOR BUG (issue 9): a multipart array of strings is sent as one JSON part, \
                 not one part per item",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "upload_album",
        rule: "recorded: multipart field `photos` sent as parts",
        reason: "GENERATOR BUG (issue 9): a multipart array of files is sent as one JSON part \
                 holding arrays of byte numbers, not one file part per item",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "upload_album",
        rule: "Request body property labels must be array",
        reason: "GENERATOR BUG (issue 9): the same multipart array sent as one JSON part",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "upload_album",
        rule: "Request body property photos must be array",
        reason: "GENERATOR BUG (issue 9): the same multipart array of files sent as one JSON part",
    },
    Exception {
        spec: "ogen-parameters-fixture.json",
        operation: "space_delimited_parameter",
        rule: "recorded: query parameter `exploded` (SpaceDelimited, explode true) sent as",
        reason: "GENERATOR BUG (issue 9): an exploded `spaceDelimited` array is joined into one \
                 value instead of repeating the parameter",
    },
    Exception {
        spec: "ogen-parameters-fixture.json",
        operation: "content_parameters",
        rule: "recorded: header parameter `X-Header` (Json) sent as",
        reason: "GENERATOR BUG (issue 9): header parameter with `content: application/json` sent \
                 in `simple` style, not as JSON text",
    },
    Exception {
        spec: "ogen-parameters-fixture.json",
        operation: "content_parameters",
        rule: "recorded: cookie parameter `cookie` sent as",
        reason: "GENERATOR BUG (issue 9): cookie parameter with `content: application/json` sent \
                 in `form` style, not as JSON text",
    },
    Exception {
        spec: "ogen-parameters-fixture.json",
        operation: "content_parameters",
        rule: "recorded: path sent as `/contentParameters/id,1,",
        reason: "GENERATOR BUG (issue 9): path parameter with `content: application/json` sent \
                 in `simple` style, not as JSON text",
    },
    Exception {
        spec: "ogen-parameters-fixture.json",
        operation: "content_parameters",
        rule: "unexpected_status: unexpected HTTP status 500 Internal Server Error: {\"type\":\"https://stoplight.io/prism/errors#VIOLATIONS\"",
        reason: "GENERATOR BUG (issue 9): Prism rejects the JSON-content path, header and cookie \
                 parameters sent in `simple`/`form` style",
    },
];
