//! The docs of an operation's method: summary, route, authorization, arguments, errors,
//! callbacks, links.

use proc_macro2::TokenStream;

use super::docs::{code_span, docs};
use super::items::{location_word, status_label};
use crate::ir::{Api, Link, LinkTarget, Operation, SecurityKind};

pub(crate) fn method_docs(api: &Api, op: &Operation) -> TokenStream {
    docs(&method_doc_text(api, op))
}

/// The text of [`method_docs`], Markdown.
pub(crate) fn method_doc_text(api: &Api, op: &Operation) -> String {
    let mut text = String::new();
    if let Some(summary) = &op.summary {
        text.push_str(summary.trim());
        text.push_str("\n\n");
    }
    if let Some(description) = &op.description {
        if op.summary.as_deref().map(str::trim) != Some(description.trim()) {
            text.push_str(description.trim());
            text.push_str("\n\n");
        }
    }
    text.push_str(&code_span(&format!(
        "{} {}",
        op.http_method.as_str(),
        op.path
    )));
    if let Some(id) = &op.operation_id {
        text.push_str(&format!(" (operation {})", code_span(id)));
    }
    text.push('\n');
    if let (Some(main), Some(body)) = (&op.alternative_of, &op.body) {
        text.push_str(&format!(
            "\nThe operation of [`{main}`](Self::{main}) with the request body sent as {}.\n",
            code_span(&body.media_type)
        ));
    }
    if !op.alternatives.is_empty() {
        let others: Vec<String> = (op.alternatives.iter())
            .map(|alt| {
                let name = &alt.method_name;
                let media_type = code_span(&alt.body.media_type);
                format!("as {media_type} with [`{name}`](Self::{name})")
            })
            .collect();
        text.push_str(&format!(
            "\nThe request body may also be sent {}.\n",
            others.join(", ")
        ));
    }
    if !op.security.is_empty() {
        text.push_str("\n# Authorization\n\nAny one of:\n");
        for requirement in &op.security {
            if requirement.schemes.is_empty() {
                text.push_str("- no credentials\n");
                continue;
            }
            let parts: Vec<String> = requirement
                .schemes
                .iter()
                .map(|scheme| {
                    let (key, scopes) = (&scheme.key, &scheme.scopes);
                    let kind = api
                        .security_schemes
                        .iter()
                        .find(|s| &s.key == key)
                        .map_or("", |s| scheme_label(&s.kind));
                    if scopes.is_empty() {
                        format!("`{key}`{kind}")
                    } else {
                        let scopes: Vec<String> = scopes.iter().map(|s| format!("`{s}`")).collect();
                        format!("`{key}`{kind} with scopes {}", scopes.join(", "))
                    }
                })
                .collect();
            text.push_str(&format!("- {}\n", parts.join(" and ")));
        }
    }
    let documented: Vec<String> = op
        .params
        .iter()
        .map(|p| {
            let about = p.docs.as_deref().map(str::trim).filter(|d| !d.is_empty());
            let mark = if p.in_struct { " †" } else { "" };
            let about = match about {
                Some(about) => about.split_whitespace().collect::<Vec<_>>().join(" "),
                None => format!(
                    "the {} {} parameter",
                    code_span(&p.wire_name),
                    location_word(p.location)
                ),
            };
            format!("- `{}`{mark}: {about}", p.name)
        })
        .collect();
    if let Some(params_type) = &op.params_type {
        text.push_str(&format!(
            "\nParameters marked † travel in [`{params_type}`].\n"
        ));
    }
    if !documented.is_empty() || op.body.is_some() {
        text.push_str("\n# Arguments\n\n");
        for line in documented {
            text.push_str(&line);
            text.push('\n');
        }
        if let Some(body) = &op.body {
            let about = body.docs.as_deref().map_or("the request body", str::trim);
            let about = about.replace('\n', " ");
            let range = &body.media_type;
            // A range (`image/*`), or the list of the types the bytes may be.
            let within = if range.contains(',') {
                format!("one of `{range}`")
            } else {
                format!("within `{range}`")
            };
            if !body.caller_content_type {
                let sent = format!("sent as `{range}`");
                text.push_str(&format!("- `body`: {}\n", clause(&about, &sent)));
            } else if body.required {
                let arg = super::method::body_content_type_arg(op);
                let of = within.strip_prefix("within ").map_or_else(
                    || format!("of {within}"),
                    |range| format!("of a media type within {range}"),
                );
                text.push_str(&format!(
                    "- `body`: {}\n- `{arg}`: the media type of `body` (its \
                     `Content-Type`), {within}; another fails the call before it is sent\n",
                    clause(&about, &of)
                ));
            } else {
                let with = format!(
                    "with its media type (its `Content-Type`), {within}; another fails the call \
                     before it is sent"
                );
                text.push_str(&format!("- `body`: {}\n", clause(&about, &with)));
            }
        }
    }
    returns_docs(&mut text, op);
    text.push_str(&format!(
        "\n# Errors\n\nDocumented error statuses arrive as [`crate::Error::Api`] with a [`{}`].\n",
        op.errors.name()
    ));
    header_docs(&mut text, op);
    let callbacks: Vec<String> = (api.webhooks.iter())
        .filter_map(|webhook| {
            let callback = webhook.callback.as_ref()?;
            (callback.operation_pointer == op.pointer).then(|| {
                format!(
                    "- {}: {}, its body a [`webhooks::{name}`](crate::webhooks::{name})\n",
                    code_span(&webhook.key),
                    code_span(&format!("{} {}", webhook.method, callback.expression)),
                    name = webhook.name,
                )
            })
        })
        .collect();
    if !callbacks.is_empty() {
        text.push_str("\n# Callbacks\n\nThe API then sends these requests to your server:\n");
        text.extend(callbacks);
    }
    let links: Vec<String> = (op.responses.iter())
        .flat_map(|response| {
            let status = status_label(response.status);
            (response.links.iter()).map(move |link| link_line(api, &status, link))
        })
        .collect();
    if !links.is_empty() {
        text.push_str(
            "\n# Links\n\nThe API names these calls to make next, with values from the response \
             (`$response`) or this request (`$request`):\n",
        );
        text.extend(links);
    }
    if op.deprecated {
        text.push_str("\nThis operation is deprecated.\n");
    }
    text
}

/// The "Response headers" section: each header the responses document, once for the statuses
/// that document it alike, with what it holds and its description's first paragraph.
fn header_docs(text: &mut String, op: &Operation) {
    // (name, what it holds, description) and the statuses documenting it so, in order.
    let mut lines: Vec<(&str, String, Option<String>, Vec<String>)> = Vec::new();
    for response in &op.responses {
        for header in &response.headers {
            let mut about: Vec<String> = header.kind.iter().cloned().collect();
            if !header.values.is_empty() {
                let values: Vec<String> = (header.values.iter()).map(|v| code_span(v)).collect();
                about.push(format!("one of {}", values.join(", ")));
            }
            if header.required {
                about.push("always sent".to_owned());
            }
            if header.deprecated {
                about.push("deprecated".to_owned());
            }
            let about = about.join(", ");
            let description = first_paragraph(header.description.as_deref());
            let status = status_label(response.status);
            let same = |(name, a, d, _): &&mut (&str, String, Option<String>, Vec<String>)| {
                *name == header.name && *a == about && *d == description
            };
            match lines.iter_mut().find(same) {
                Some((_, _, _, statuses)) => statuses.push(status),
                None => lines.push((&header.name, about, description, vec![status])),
            }
        }
    }
    if lines.is_empty() {
        return;
    }
    text.push_str(
        "\n# Response headers\n\nAs the API documents them; a success's are read with \
         [`Response::header`](crate::Response::header) (from `.send()`), an error's in \
         [`Error::response`](crate::Error::response):\n",
    );
    for (name, about, description, statuses) in lines {
        let mut line = format!("- {} ({}", code_span(name), statuses.join(", "));
        if !about.is_empty() {
            line.push_str("; ");
            line.push_str(&about);
        }
        line.push(')');
        if let Some(description) = description {
            line.push_str(": ");
            line.push_str(&description);
        }
        line.push('\n');
        text.push_str(&line);
    }
}

/// The "Returns" section: each documented success, its status, the media type its body is
/// read as and its description's first paragraph (what a `Bytes` or `String` value holds, what
/// a generated type's name does not say).
fn returns_docs(text: &mut String, op: &Operation) {
    let lines: Vec<String> = (op.responses.iter())
        .filter(|response| response.success)
        .map(|response| {
            let mut line = format!("- {}", status_label(response.status));
            if let Some(media_type) = &response.media_type {
                line.push_str(&format!(" ({})", code_span(media_type)));
            }
            if let Some(description) = first_paragraph(Some(&response.description)) {
                line.push_str(": ");
                line.push_str(&description);
            }
            line.push('\n');
            line
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    text.push_str("\n# Returns\n\n");
    text.extend(lines);
}

/// One link as a list item: after which status, the method it names (linked when this client
/// has it), the values it sets and its description's first paragraph.
fn link_line(api: &Api, status: &str, link: &Link) -> String {
    let target = match &link.target {
        LinkTarget::Id(id) => {
            (api.operations.iter()).find(|other| other.operation_id.as_deref() == Some(id.as_str()))
        }
        LinkTarget::Ref(reference) => {
            let decoded = percent_decoded(reference);
            (api.operations.iter())
                .find(|other| other.pointer == *reference || other.pointer == decoded)
        }
    };
    let call = match (target, &link.target) {
        (Some(other), _) => format!(
            "[`Client::{name}`](crate::Client::{name})",
            name = other.method_name
        ),
        (None, LinkTarget::Id(id) | LinkTarget::Ref(id)) => {
            format!("{} (not a method of this client)", code_span(id))
        }
    };
    let mut line = format!("- {} ({status}): {call}", code_span(&link.name));
    let values: Vec<String> = (link.parameters.iter())
        .map(|(name, value)| format!("{} = {}", code_span(name), code_span(value)))
        .chain((link.request_body.iter()).map(|body| format!("the body = {}", code_span(body))))
        .collect();
    if !values.is_empty() {
        line.push_str(" with ");
        line.push_str(&values.join(", "));
    }
    if let Some(about) = first_paragraph(link.description.as_deref()) {
        line.push_str(". ");
        line.push_str(&about);
    }
    line.push('\n');
    line
}

/// A description's first paragraph on one line, for a list item; `None` when it is empty.
fn first_paragraph(description: Option<&str>) -> Option<String> {
    let paragraph = description?.trim().split("\n\n").next()?;
    let line = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

/// `text` with its `%XX` escapes decoded (an `operationRef` is a URI: `{` may be `%7B`).
fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn scheme_label(kind: &SecurityKind) -> &'static str {
    use SecurityKind as K;
    match kind {
        K::Bearer => " (bearer token)",
        K::Basic => " (HTTP basic)",
        K::ApiKey { .. } => " (API key)",
        K::OAuth2 { .. } => " (OAuth2 access token as bearer)",
        K::OpenIdConnect => " (OpenID Connect access token as bearer)",
        K::Http { .. } => " (HTTP authentication, `authorization_for`)",
    }
}

/// `about` followed by `rest` (a clause starting in lower case): after a comma, or as a
/// sentence of its own when `about` already ends one (`The pet to add. Sent as
/// `application/json`.`, not `The pet to add., sent as …`).
fn clause(about: &str, rest: &str) -> String {
    if about.ends_with(['.', '!', '?', ':']) {
        let mut chars = rest.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        let end = if rest.ends_with('.') { "" } else { "." };
        format!(
            "{about} {}{}{end}",
            first.unwrap_or_default(),
            chars.as_str()
        )
    } else {
        format!("{about}, {rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::clause;

    #[test]
    fn a_clause_follows_a_comma_or_starts_a_sentence() {
        assert_eq!(
            clause("The pet to add.", "sent as `application/json`"),
            "The pet to add. Sent as `application/json`."
        );
        assert_eq!(
            clause("the request body", "sent as `application/json`"),
            "the request body, sent as `application/json`"
        );
        assert_eq!(
            clause("Pick one:", "with its media type; another fails."),
            "Pick one: With its media type; another fails."
        );
    }
}
