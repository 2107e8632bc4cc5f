//! Which list operations are paginated, and how their next page is asked for: read from the
//! spec alone (parameter and field names, `x-dropshot-pagination`, documented `Link` headers),
//! with no per-API code, or said outright by `x-opengen-pagination` on the operation or the
//! configuration's `[operations.paginate]` (which wins).
//!
//! Only a GET without a required request body whose success is one JSON body is a list: its items are
//! the body itself when it is an array, else the body's array field (`data`, `items`, …, or
//! its only one). The parameter asking for a page is an optional query parameter.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, Operation as OaOperation, ReferenceOr};

mod list;

use list::{List, is_bool, is_integer, is_string};

use super::operation::CLIENT_METHODS;
use crate::config::{Config, PageRule, PageRuleKind, Paginate};
use crate::error::{Error, Problems, join, pointer};
use crate::ir::{Api, Operation, PageKind, Pagination, ResponseField, TypeRef, Warning};

/// The extension that turns pagination off (`false`) or says how it goes (an object with the
/// keys of `[operations.paginate]`).
pub(super) const EXTENSION: &str = "x-opengen-pagination";
/// Oxide's dropshot marks its paginated operations (`page_token` and `next_page`).
const DROPSHOT: &str = "x-dropshot-pagination";

/// Parameters sending a cursor the previous page gave.
const CURSOR_PARAMS: &[&str] = &[
    "page_token",
    "pageToken",
    "next_page",
    "next_cursor",
    "cursor",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
    // A string `page` (Stripe's search); an integer one is a page number.
    "page",
];
/// Response fields giving the next page's cursor.
const CURSOR_FIELDS: &[&str] = &[
    "next_page",
    "next_cursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "nextCursor",
    "continuation_token",
    "continuationToken",
];
/// Parameters sending the last item's id (Stripe, OpenAI), with a `has_more` flag.
const AFTER_PARAMS: &[&str] = &["starting_after", "after"];
const HAS_MORE_FIELDS: &[&str] = &["has_more", "hasMore"];
const LAST_ID_FIELDS: &[&str] = &["last_id", "lastId"];
const PAGE_PARAMS: &[&str] = &["page", "page_number", "pageNumber"];
const OFFSET_PARAMS: &[&str] = &["offset"];
/// Parameters sizing a page, which show a page number or offset is one.
const SIZE_PARAMS: &[&str] = &["per_page", "perPage", "page_size", "pageSize", "limit"];
const TOTAL_FIELDS: &[&str] = &[
    "total",
    "total_count",
    "totalCount",
    "total_results",
    "totalResults",
];
/// Sets [`Operation::pagination`] on every operation whose pages can be followed. A rule the
/// extension or the configuration gives that does not fit the operation is an error; a
/// paginated operation whose `*_pages` or `*_items` name another method has is left one call,
/// with a warning.
pub(super) fn paginate(api: &mut Api, doc: &OpenAPI, config: &Config, problems: &mut Problems) {
    let sources = source_operations(doc);
    let mut found = Vec::new();
    for op in &api.operations {
        let source = sources.get(op.pointer.as_str()).copied();
        let configured = op
            .operation_id
            .as_ref()
            .and_then(|id| Some((id, config.operations.paginate.get(id)?)));
        let decided = if let Some((id, rule)) = configured {
            decide(api, op, source, rule, "configured")
                .map_err(|why| config.error_at(&["operations", "paginate", id], why))
        } else if let Some(value) = source.and_then(|s| s.extensions.get(EXTENSION)) {
            let at = join(&op.pointer, EXTENSION);
            match serde_json::from_value::<Paginate>(value.clone()) {
                Ok(rule) => {
                    decide(api, op, source, &rule, EXTENSION).map_err(|why| Error::at(&at, why))
                }
                Err(_) => Err(Error::at(
                    &at,
                    "expected `false`, `true` or an object with `kind` (cursor, page, offset or \
                     link), `param` and optionally `cursor`, `items`, `has-more`, `total`",
                )),
            }
        } else {
            Ok(detect(api, op, source))
        };
        match decided {
            Ok(pagination) => found.push(pagination),
            Err(error) => {
                problems.push(error);
                found.push(None);
            }
        }
    }
    let taken: BTreeSet<&str> = api
        .operations
        .iter()
        .map(|op| op.method_name.as_str())
        .chain(CLIENT_METHODS.iter().copied())
        .collect();
    let mut warnings = Vec::new();
    for (op, pagination) in api.operations.iter().zip(&mut found) {
        let clash = [
            format!("{}_pages", op.method_name),
            format!("{}_items", op.method_name),
        ]
        .into_iter()
        .find(|name| taken.contains(name.as_str()));
        if let (Some(name), Some(_)) = (clash, &pagination) {
            warnings.push(Warning {
                pointer: op.pointer.clone(),
                message: format!(
                    "the operation is paginated, but another method is named `{name}`; it \
                     has no `_pages` and `_items` methods"
                ),
            });
            *pagination = None;
        }
    }
    for (op, pagination) in api.operations.iter_mut().zip(found) {
        op.pagination = pagination;
    }
    api.warnings.append(&mut warnings);
}

/// The document's operations by their JSON pointer, as `lower_operations` names them.
fn source_operations(doc: &OpenAPI) -> BTreeMap<String, &OaOperation> {
    let mut sources = BTreeMap::new();
    for (path_key, item) in &doc.paths.paths {
        if let ReferenceOr::Item(item) = item {
            let item_at = pointer(&["paths", path_key]);
            for (method, op) in item.iter() {
                sources.insert(join(&item_at, method), op);
            }
        }
    }
    sources
}

/// The pagination of `op`, as `rule` says.
fn decide(
    api: &Api,
    op: &Operation,
    source: Option<&OaOperation>,
    rule: &Paginate,
    said_by: &str,
) -> Result<Option<Pagination>, String> {
    match rule {
        Paginate::Detect(false) => Ok(None),
        Paginate::Rule(rule) => explicit(api, op, rule, said_by).map(Some),
        Paginate::Detect(true) => detect(api, op, source).map(Some).ok_or_else(|| {
            "nothing in the operation shows how its pages go; say it with an object (`kind`, \
             `param`, …)"
                .to_owned()
        }),
    }
}
/// The patterns, in order: `x-dropshot-pagination`, a cursor field and parameter, the last
/// item's id with `has_more`, a page number with `Link` headers, a page number, an offset.
fn detect(api: &Api, op: &Operation, source: Option<&OaOperation>) -> Option<Pagination> {
    let dropshot = source.is_some_and(|s| s.extensions.contains_key(DROPSHOT));
    let list = List::of(api, op, dropshot.then_some("items"))?;
    let wire = |index: usize| op.params.get(index).map_or("", |p| p.wire_name.as_str());
    if dropshot {
        if let (Some(param), Some(cursor)) = (
            list.param(&["page_token"], is_string),
            list.field(&["next_page"], is_string),
        ) {
            let kind = PageKind::Cursor {
                cursor: Some(cursor),
                item_id: None,
                has_more: None,
            };
            return list.pagination(
                kind,
                param,
                format!("`{DROPSHOT}`: `page_token` ← `next_page`"),
            );
        }
    }
    let list = if dropshot {
        List::of(api, op, None)?
    } else {
        list
    };
    let has_more = list.field(HAS_MORE_FIELDS, is_bool);
    let while_more = |has_more: &Option<ResponseField>| {
        has_more
            .as_ref()
            .map_or(String::new(), |f| format!(", while `{}`", f.wire_name))
    };
    if let (Some(param), Some(cursor)) = (
        list.param(CURSOR_PARAMS, is_string),
        list.field(CURSOR_FIELDS, is_string),
    ) {
        let reason = format!(
            "cursor `{}` ← `{}`{}",
            wire(param),
            cursor.wire_name,
            while_more(&has_more)
        );
        let kind = PageKind::Cursor {
            cursor: Some(cursor),
            item_id: None,
            has_more,
        };
        return list.pagination(kind, param, reason);
    }
    if let (Some(param), Some(_)) = (list.param(AFTER_PARAMS, is_string), &has_more) {
        let (cursor, item_id, from) = match list.field(LAST_ID_FIELDS, is_string) {
            Some(last) => {
                let from = format!("`{}`", last.wire_name);
                (Some(last), None, from)
            }
            None => {
                let id = list.item_id()?;
                (None, Some(id), "the last item's `id`".to_owned())
            }
        };
        let reason = format!("cursor `{}` ← {from}{}", wire(param), while_more(&has_more));
        let kind = PageKind::Cursor {
            cursor,
            item_id,
            has_more,
        };
        return list.pagination(kind, param, reason);
    }
    let total = list.field(TOTAL_FIELDS, is_integer);
    let sized = list.param(SIZE_PARAMS, is_integer).is_some();
    let up_to = |total: &Option<ResponseField>| match total {
        Some(total) => format!("up to `{}`", total.wire_name),
        None => "until an empty page".to_owned(),
    };
    if let Some(param) = list.param(PAGE_PARAMS, is_integer) {
        if source.is_some_and(documents_link) {
            let reason = format!("`{}` from the `Link: rel=\"next\"` header", wire(param));
            return list.pagination(PageKind::Link, param, reason);
        }
        if sized || total.is_some() {
            let reason = format!("page number `{}`, {}", wire(param), up_to(&total));
            return list.pagination(PageKind::PageNumber { total }, param, reason);
        }
    }
    if let Some(param) = list.param(OFFSET_PARAMS, is_integer) {
        if sized || total.is_some() {
            let reason = format!("offset `{}`, {}", wire(param), up_to(&total));
            return list.pagination(PageKind::Offset { total }, param, reason);
        }
    }
    None
}

/// The pagination a rule says, checked against the operation.
fn explicit(
    api: &Api,
    op: &Operation,
    rule: &PageRule,
    said_by: &str,
) -> Result<Pagination, String> {
    let list = List::of(api, op, rule.items.as_deref()).ok_or(
        "only a GET without a required request body and with one JSON success body is paginated",
    )?;
    let fits: fn(&TypeRef) -> bool = match rule.kind {
        PageRuleKind::Cursor => is_string,
        PageRuleKind::Page | PageRuleKind::Offset => is_integer,
        PageRuleKind::Link => |ty| is_string(ty) || is_integer(ty),
    };
    let param = list.param(&[rule.param.as_str()], fits).ok_or_else(|| {
        format!(
            "`{}` is not an optional query parameter of the operation of a type its pages fit \
             (a string cursor, an integer page or offset)",
            rule.param
        )
    })?;
    let field = |name: &Option<String>, fits: fn(&TypeRef) -> bool, what: &str| match name {
        None => Ok(None),
        Some(name) => list
            .field(&[name.as_str()], fits)
            .map(Some)
            .ok_or_else(|| format!("the response has no {what} field `{name}`")),
    };
    let kind = match rule.kind {
        PageRuleKind::Cursor => {
            let cursor = field(&rule.cursor, is_string, "string")?;
            let item_id = match cursor {
                Some(_) => None,
                None => Some(list.item_id().ok_or(
                    "without `cursor`, the cursor is the last item's `id`, which the items lack",
                )?),
            };
            PageKind::Cursor {
                cursor,
                item_id,
                has_more: field(&rule.has_more, is_bool, "boolean")?,
            }
        }
        PageRuleKind::Page => PageKind::PageNumber {
            total: field(&rule.total, is_integer, "integer")?,
        },
        PageRuleKind::Offset => PageKind::Offset {
            total: field(&rule.total, is_integer, "integer")?,
        },
        PageRuleKind::Link => PageKind::Link,
    };
    let how = match rule.kind {
        PageRuleKind::Cursor => "cursor",
        PageRuleKind::Page => "page number",
        PageRuleKind::Offset => "offset",
        PageRuleKind::Link => "`Link: rel=\"next\"` header's",
    };
    let reason = format!("{said_by}: {how} `{}`", rule.param);
    list.pagination(kind, param, reason)
        .ok_or_else(|| match &rule.items {
            Some(name) => format!("the response has no array field `{name}`"),
            None => {
                "the response is not an array, nor has an array field `data` or `items`; name it \
                 with `items`"
                    .to_owned()
            }
        })
}

/// Whether a 2xx response of the operation documents a `Link` header.
fn documents_link(op: &OaOperation) -> bool {
    op.responses.responses.iter().any(|(status, response)| {
        let success = status.to_string().starts_with('2');
        let response = match response {
            ReferenceOr::Item(response) => Some(response),
            ReferenceOr::Reference { .. } => None,
        };
        success
            && response.is_some_and(|r| r.headers.keys().any(|h| h.eq_ignore_ascii_case("link")))
    })
}
