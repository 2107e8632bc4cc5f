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

/// Why Prism refuses every `text/plain` body whose schema is an integer or a boolean.
const TEXT_SCALAR: &str = "Prism validates a `text/plain` body as the string it is against the \
    schema's `type`, so no text (`-150`, `true`) is ever an integer or a boolean to it; OpenAPI \
    gives a scalar in a non-JSON media type as its text, as the client sends it (the loopback \
    test `a_plain_text_scalar_body_is_taken_typed_and_sent_as_its_text` checks the bytes)";

/// Why Prism's reading of an exploded `label` object is not the client's fault.
const LABEL_EXPLODED_OBJECT: &str = "Prism 5.16 splits an exploded `label` object on `,` \
    (`validator/deserializers/style/label.js`, `deserializeImplodeObject`), so `.x=1.y=2` reads \
    as `{x: \"1.y\"}`; OpenAPI's style table writes it `.R=100.G=200.B=150`, as the client \
    sends it (the recording check confirms it)";

/// Why Prism's reading of a form field written as JSON text is not the client's fault.
const FORM_JSON_FIELD: &str = "Prism 5.16 reads a form field without an encoding `style` as \
    its raw text (`validator/validators/body.js`, `deserializeFormBody`) and never parses the JSON \
    text that OpenAPI's Encoding Object calls for (the default `contentType` of an object is \
    `application/json`; OpenAPI 3.0.4's example writes `address=%7B%22streetAddress%22…`); \
    the recording check compares the JSON the client sent";

/// Why Prism refuses every XML request body.
const XML_REQUEST: &str = "Prism 5.16 validates an XML request body as if it were JSON (its \
    body is text, never an object: stoplightio/prism#2050), whatever it holds; OpenAPI's XML \
    Object says how the value is written, as the loopback tests of client-tests/tests/xml.rs \
    check byte for byte";

/// Why Prism's XML responses do not decode.
const XML_RESPONSE: &str = "Prism 5.16 writes an `application/xml` response from its JSON \
    example without the XML Object: the root is `<xml>`, an array of objects is one element of \
    the first item's fields and attributes are elements; it cannot write `text/xml` of an \
    object at all (500 `NO_COMPLEX_OBJECT_TEXT`). The client reads XML as the XML Object says \
    (client-tests/tests/xml.rs)";

/// Every exception.
pub const EXCEPTIONS: &[Exception] = &[
    // XML, which Prism does not read or write as OpenAPI's XML Object says.
    Exception {
        spec: "xml.yaml",
        operation: "add_book",
        rule: "request.body: Request body must be object",
        reason: XML_REQUEST,
    },
    Exception {
        spec: "xml.yaml",
        operation: "shelve_book",
        rule: "body: Request body must be object",
        reason: XML_REQUEST,
    },
    Exception {
        spec: "xml.yaml",
        operation: "list_books",
        rule: "at `[0]`: missing field `id`",
        reason: XML_RESPONSE,
    },
    Exception {
        spec: "xml.yaml",
        operation: "get_book",
        rule: "NO_COMPLEX_OBJECT_TEXT",
        reason: XML_RESPONSE,
    },
    // Limits of Prism.
    Exception {
        spec: "v31.yaml",
        operation: "put_note",
        rule: "at `position`: invalid length 0, expected a tuple of size 2",
        reason: "Prism 5.16 makes up `[]` for an OpenAPI 3.1 tuple (`prefixItems`, `minItems: \
                 2`), which its schema forbids, and does not flag its own response; the client \
                 refuses it (the request, with the tuple, is valid; client-tests/tests/v31.rs \
                 round-trips it)",
    },
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
        operation: "submit_form",
        rule: "Request body property metadata must be object",
        reason: FORM_JSON_FIELD,
    },
    Exception {
        spec: "features.yaml",
        operation: "submit_form",
        rule: "Request body property attachments must be array",
        reason: "Prism keeps the last of repeated urlencoded keys (`splitUriParams`), so a list \
                 sent as `attachments=a&attachments=b`, OpenAPI's default `style: form, explode: \
                 true`, reads as one string (the recording check confirms it)",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "aggregate",
        rule: "Request body property message must be object",
        reason: FORM_JSON_FIELD,
    },
    Exception {
        spec: "coverage.yaml",
        operation: "aggregate",
        rule: "Request body property address must be object",
        reason: FORM_JSON_FIELD,
    },
    Exception {
        spec: "coverage.yaml",
        operation: "aggregate",
        rule: "Request body property filters must be object",
        reason: FORM_JSON_FIELD,
    },
    Exception {
        spec: "features.yaml",
        operation: "submit_styled_form",
        rule: "Reserved characters used in request body",
        reason: "Prism 5.16 refuses any reserved character in the still-encoded value of a form \
                 field that has an Encoding Object without `allowReserved` \
                 (`validateAgainstReservedCharacters` in `prism-http/dist/validator/validators/\
                 body.js`), the style's own delimiter included; the client sends `ids=1,2` for \
                 `style: form, explode: false`, the commas between the items literal and a comma \
                 inside an item `%2C`, as OpenAPI's style table (`color=blue,black,brown`) and \
                 3.1.1's appendix C say (the recording check confirms it). Prism stops there, so \
                 its reading of `plain=p&plain=q` (only `plain[]=` keys as an array) is not \
                 reached",
    },
    Exception {
        spec: "swagger2.yaml",
        operation: "update_notes",
        rule: "Request body property labels must be array",
        reason: "Prism reads an urlencoded form array only from `labels[]=` keys; the client sends \
                 `labels=a,b`, what Swagger 2.0's default `collectionFormat: csv` means (OpenAPI \
                 3.0: `style: form, explode: false`; the recording check confirms it)",
    },
    Exception {
        spec: "events.yaml",
        operation: "watch_ticks",
        rule: "prism/errors#NO_COMPLEX_OBJECT_TEXT",
        reason: "Prism cannot make up a `text/event-stream` body whose schema is an object \
                 (\"Cannot serialise complex objects as text\"); it checked the request first (an \
                 invalid one is a 422). Event streams are checked against a scripted loopback \
                 server (`client-tests/tests/events.rs`)",
    },
    Exception {
        spec: "events.yaml",
        operation: "tick_lines",
        rule: "Cannot find serializer for application/x-ndjson",
        reason: "Prism cannot make up an `application/x-ndjson` body (one JSON value per line); \
                 it checked the request first (an invalid one is a 422). The lines are checked \
                 against a scripted loopback server (`client-tests/tests/events.rs`)",
    },
    Exception {
        spec: "api.yaml",
        operation: "watch_store",
        rule: "prism/errors#NO_COMPLEX_OBJECT_TEXT",
        reason: "the `groups` fixture's event stream: Prism cannot make up a `text/event-stream` \
                 body whose schema is an object, as for `events.yaml`'s `watch_ticks`",
    },
    Exception {
        spec: "swagger2.yaml",
        operation: "get_photo",
        rule: "Cannot find serializer for image/png",
        reason: "Prism cannot make up an `image/png` body (a Swagger 2.0 `type: file` response); \
                 the client reads any binary body as `Bytes` (the loopback test \
                 `client-tests/tests/swagger2.rs` checks it)",
    },
    Exception {
        spec: "api.yaml",
        operation: "get_pet",
        rule: "unexpected HTTP status 500 Internal Server Error: {\"type\":\"https://stoplight.io/prism/errors#VIOLATIONS\"",
        reason: "Prism's own response breaks its schema: its faker stops following the \
                 `Pet` -> `Owner` -> `pets` cycle (across files, on purpose) after two turns and \
                 writes `{}` where a `Pet` with required `id` and `name` belongs, then its \
                 validator rejects that (`owner.pets.0.owner.pets.0 must have required property \
                 'id'`); the request was valid. `get_pet` documents no 500, so it is an \
                 unexpected status",
    },
    Exception {
        spec: "features.yaml",
        operation: "set_limit",
        rule: "Request body must be integer",
        reason: TEXT_SCALAR,
    },
    Exception {
        spec: "features.yaml",
        operation: "enable_limit",
        rule: "Request body must be boolean",
        reason: TEXT_SCALAR,
    },
    Exception {
        spec: "features.yaml",
        operation: "limit_exists",
        rule: "unexpected HTTP status 500 Internal Server Error: (empty body)",
        reason: "Prism 5.16 answers a HEAD without content (its log: \"Responding with an empty \
                 body to a HEAD request\"), then with `--errors` checks that empty body against \
                 the `application/json` content the spec declares and answers 500 `VIOLATIONS` \
                 itself; the request passed its validation, and the loopback test \
                 `a_response_to_head_is_not_decoded_whatever_content_the_spec_declares` checks \
                 the client against a HEAD answered as RFC 9110 says",
    },
    // Prism ignores `discriminator`: alternatives that differ only in the tag's value (the
    // fixture's `Scope` and `Pet` on purpose) all match, so every body is "not exactly one".
    Exception {
        spec: "features.yaml",
        operation: "send_wire",
        rule: "Request body must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; `ScopeDefault` and `ScopeChat` both match a \
                 body tagged `chat`",
    },
    Exception {
        spec: "features.yaml",
        operation: "send_wire",
        rule: "the oneOf response decoded to Unknown",
        reason: "Prism ignores the discriminator when it makes up a response, so the tag it \
                 writes (`type: \"string\"`) selects no alternative, and `Unknown` is the \
                 right decoding",
    },
    Exception {
        spec: "features.yaml",
        operation: "add_pet",
        rule: "Request body must match exactly one schema in oneOf",
        reason: "Prism ignores the discriminator; `Cat` and `Dog` both match a body tagged \
                 `Cat` or `Dog`",
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
    // Prism reads a multipart body field by field and keeps one value per name, so an array
    // sent as OpenAPI 3.0 says (one part per item, the same name) arrives as a single item.
    // The recording check confirms one part per item for each of these.
    Exception {
        spec: "coverage.yaml",
        operation: "path_styles",
        rule: "not sent to Prism: its path holds a literal `,`",
        reason: "arrays and objects in the `simple`, `label` and `matrix` path styles are \
                 written with literal commas between percent-encoded values, as RFC 6570 and \
                 OpenAPI's style table say (`blue,black,brown`); Prism 5.16 cannot read such a \
                 path (its process dies), so the recording check alone judges this call",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "path_exploded",
        rule: "Request path parameter point must have required property 'y'",
        reason: LABEL_EXPLODED_OBJECT,
    },
    Exception {
        spec: "coverage.yaml",
        operation: "path_exploded",
        rule: "Request path parameter point.x must be integer",
        reason: LABEL_EXPLODED_OBJECT,
    },
    Exception {
        spec: "coverage.yaml",
        operation: "upload_album",
        rule: "Request body property labels must be array",
        reason: "Prism keeps one multipart part per name; the client sends one text part per \
                 item, as OpenAPI 3.0's multipart rules say (the recording check confirms it)",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "upload_album",
        rule: "Request body property photos must be array",
        reason: "Prism keeps one multipart part per name; the client sends one file part per \
                 item (the recording check confirms it)",
    },
    Exception {
        spec: "features.yaml",
        operation: "transcribe",
        rule: "Request body property timestamp_granularities[] must be array",
        reason: "Prism keeps one multipart part per name; the client sends one text part per \
                 item (the recording check confirms it)",
    },
    Exception {
        spec: "features.yaml",
        operation: "transcribe",
        rule: "Request body property attachments must be array",
        reason: "Prism keeps one multipart part per name; the client sends one file part per \
                 item (the recording check confirms it)",
    },
    Exception {
        spec: "features.yaml",
        operation: "transcribe",
        rule: "Request body property ids must be array",
        reason: "Prism keeps one multipart part per name; the client sends one text part per \
                 item (the recording check confirms it)",
    },
    Exception {
        spec: "features.yaml",
        operation: "transcribe",
        rule: "Request body property labels must be array",
        reason: "Prism keeps one multipart part per name; the client sends one text part per \
                 item (the recording check confirms it)",
    },
    Exception {
        spec: "ogen-parameters-fixture.json",
        operation: "content_parameters",
        rule: "unexpected_status: unexpected HTTP status 500 Internal Server Error: {\"type\":\"https://stoplight.io/prism/errors#VIOLATIONS\"",
        reason: "Prism accepts the request (the JSON-content path, query, header and cookie \
                 parameters), then breaks its own response schema: the recursive `User` it makes \
                 up has `friends.0.friends.0` without the required `id`, `username` and `role`, \
                 and with `--errors` a response violation is a 500",
    },
    Exception {
        spec: "coverage.yaml",
        operation: "styles",
        rule: "Request query parameter space",
        reason: "Prism 5.16 splits a `spaceDelimited` value on the text `%20` after it has \
                 percent-decoded the query (`validator/deserializers/style/delimited.js`), so it \
                 never finds a delimiter; the client sends `space=a%20b`, OpenAPI's own example \
                 (the recording check confirms it)",
    },
    // Bodies Prism reads by other rules than the client's (and OpenAPI 3.0 leaves open).
    Exception {
        spec: "features.yaml",
        operation: "upload_raw",
        rule: "Request body must be string",
        reason: "a multipart body whose schema is one binary string has no named parts in \
                 OpenAPI 3.0; the client sends it as one file part (`file`, documented), and \
                 Prism validates the parsed parts, an object, against the string schema, which \
                 no multipart body can satisfy",
    },
    Exception {
        spec: "features.yaml",
        operation: "upload_tags",
        rule: "Request body must be array",
        reason: "a multipart body whose schema is an array: the client sends one part per item \
                 under the name its `encoding` gives, and Prism validates the parsed parts, an \
                 object, against the array schema, which no multipart body can satisfy",
    },
    Exception {
        spec: "features.yaml",
        operation: "submit",
        rule: "Request body must be object",
        reason: "Prism parses JSON only for `application/json` and `+json`; a `text/json` body, \
                 which the client sends as JSON, reaches its validator as a string",
    },
];
