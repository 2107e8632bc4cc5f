//! Pagination detection: which list operations get `*_pages` and `*_items`, and how their next
//! page is found, from small specs, one per pattern, and the lists that are not paginated.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::HEAD;
use opengen::Config;
use opengen::ir::{Api, PageKind, Pagination};

/// A spec with one `GET /list` (`operationId: list`): its `parameters` (flow YAML items, one a
/// line), its 200 body schema, and extra operation keys.
fn spec(params: &[&str], body: &str, extra: &str) -> String {
    let params: String = params.iter().map(|p| format!("        - {p}\n")).collect();
    format!(
        "{HEAD}paths:
  /list:
    get:
      operationId: list
{extra}      parameters:
        - {{name: unrelated, in: query, schema: {{type: string}}}}
{params}      responses:
        '200':
          description: A page.
          headers: {{X-Rate: {{schema: {{type: integer}}}}}}
          content:
            application/json:
              schema: {body}
components:
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {{type: string}}
"
    )
}

fn lowered(text: &str, config: &Config) -> Api {
    opengen::lower::lower(&common::parse_ok(text), config).unwrap_or_else(|e| panic!("{e}"))
}

fn pagination(params: &[&str], body: &str, extra: &str) -> Option<Pagination> {
    let api = lowered(&spec(params, body, extra), &Config::default());
    api.operations[0].pagination.clone()
}

fn wire_param(params: &[&str], body: &str, extra: &str) -> String {
    let api = lowered(&spec(params, body, extra), &Config::default());
    let op = &api.operations[0];
    let pagination = op.pagination.as_ref().expect("paginated");
    op.params[pagination.param].wire_name.clone()
}

const ITEMS: &str = "{type: array, items: {$ref: '#/components/schemas/Item'}}";

fn object(properties: &str) -> String {
    format!("{{type: object, properties: {{data: {ITEMS}, {properties}}}}}")
}

fn query(name: &str, ty: &str) -> String {
    format!("{{name: {name}, in: query, schema: {{type: {ty}}}}}")
}

#[test]
fn a_cursor_parameter_with_a_next_cursor_field() {
    let cursor = query("cursor", "string");
    let found = pagination(&[&cursor], &object("next_cursor: {type: string}"), "").unwrap();
    let PageKind::Cursor {
        cursor: next,
        has_more,
        item_id,
    } = &found.kind
    else {
        panic!("{found:?}");
    };
    assert_eq!(next.as_ref().unwrap().wire_name, "next_cursor");
    assert!(has_more.is_none() && item_id.is_none());
    assert_eq!(found.items.as_ref().unwrap().wire_name, "data");
    assert_eq!(found.reason, "cursor `cursor` ← `next_cursor`");
    assert_eq!(
        wire_param(&[&cursor], &object("next_cursor: {type: string}"), ""),
        "cursor"
    );
}

#[test]
fn page_token_with_next_page_token_and_has_more() {
    let token = query("page_token", "string");
    let body = object("next_page_token: {type: string}, has_more: {type: boolean}");
    let found = pagination(&[&token], &body, "").unwrap();
    assert_eq!(
        found.reason,
        "cursor `page_token` ← `next_page_token`, while `has_more`"
    );
}

#[test]
fn dropshot_pagination_reads_next_page_and_items() {
    let body = "{type: object, required: [items], properties: {items: {type: array, items: \
                {$ref: '#/components/schemas/Item'}}, next_page: {type: string, nullable: true}}}";
    let token = query("page_token", "string");
    let limit = query("limit", "integer");
    let found = pagination(
        &[&limit, &token],
        body,
        "      x-dropshot-pagination: {required: []}\n",
    )
    .unwrap();
    assert!(
        found.reason.starts_with("`x-dropshot-pagination`"),
        "{}",
        found.reason
    );
    let items = found.items.unwrap();
    assert_eq!(items.wire_name, "items");
    assert!(!items.optional);
}

#[test]
fn starting_after_is_the_last_items_id_with_has_more() {
    let after = query("starting_after", "string");
    let body = "{type: object, required: [data, has_more], properties: {data: {type: array, \
                items: {$ref: '#/components/schemas/Item'}}, has_more: {type: boolean}}}";
    let found = pagination(&[&after], body, "").unwrap();
    let PageKind::Cursor {
        cursor: None,
        item_id: Some(id),
        has_more: Some(more),
    } = &found.kind
    else {
        panic!("{found:?}");
    };
    assert_eq!((id.wire_name.as_str(), more.optional), ("id", false));
    assert_eq!(
        found.reason,
        "cursor `starting_after` ← the last item's `id`, while `has_more`"
    );
    // Without `has_more` there is no telling the last page: not paginated.
    assert!(pagination(&[&after], &object("object: {type: string}"), "").is_none());
}

#[test]
fn after_with_last_id_and_has_more_as_openai_lists() {
    let after = query("after", "string");
    let body = object("last_id: {type: string}, has_more: {type: boolean}");
    let found = pagination(&[&after], &body, "").unwrap();
    assert_eq!(found.reason, "cursor `after` ← `last_id`, while `has_more`");
}

#[test]
fn a_page_number_with_a_total_or_a_page_size() {
    let page = query("page", "integer");
    let per_page = query("per_page", "integer");
    let found = pagination(&[&page], &object("total_count: {type: integer}"), "").unwrap();
    assert!(matches!(
        found.kind,
        PageKind::PageNumber { total: Some(_) }
    ));
    assert_eq!(found.reason, "page number `page`, up to `total_count`");
    let found = pagination(&[&page, &per_page], ITEMS, "").unwrap();
    assert_eq!(found.kind, PageKind::PageNumber { total: None });
    assert!(found.items.is_none(), "the body is the array");
    // A page number alone, with neither, is not enough.
    assert!(pagination(&[&page], ITEMS, "").is_none());
}

#[test]
fn a_documented_link_header_follows_rel_next() {
    let page = query("page", "integer");
    let text = spec(&[&page], ITEMS, "").replace("X-Rate:", "Link:");
    let api = lowered(&text, &Config::default());
    let found = api.operations[0].pagination.clone().unwrap();
    assert_eq!(found.kind, PageKind::Link);
    assert_eq!(found.reason, "`page` from the `Link: rel=\"next\"` header");
}

#[test]
fn an_offset_with_a_limit_or_a_total() {
    let offset = query("offset", "integer");
    let limit = query("limit", "integer");
    let found = pagination(&[&offset, &limit], ITEMS, "").unwrap();
    assert_eq!(found.kind, PageKind::Offset { total: None });
    assert_eq!(found.reason, "offset `offset`, until an empty page");
    assert!(pagination(&[&offset], ITEMS, "").is_none());
}

#[test]
fn lists_without_a_cursor_page_or_offset_are_one_call() {
    let limit = query("limit", "integer");
    assert!(pagination(&[&limit], ITEMS, "").is_none());
    assert!(pagination(&[], &object("total: {type: integer}"), "").is_none());
    // A cursor parameter, but the response gives no next cursor.
    let cursor = query("cursor", "string");
    assert!(pagination(&[&cursor], &object("count: {type: integer}"), "").is_none());
    // A response without an array of items.
    let next = "{type: object, properties: {next_cursor: {type: string}}}";
    assert!(pagination(&[&cursor], next, "").is_none());
    // A required cursor parameter cannot be left out of the first call.
    let required = "{name: cursor, in: query, required: true, schema: {type: string}}";
    assert!(pagination(&[required], &object("next_cursor: {type: string}"), "").is_none());
    // A cursor of the wrong type.
    let number = query("cursor", "integer");
    assert!(pagination(&[&number], &object("next_cursor: {type: string}"), "").is_none());
}

#[test]
fn a_post_is_not_a_list() {
    let cursor = query("cursor", "string");
    let text = spec(&[&cursor], &object("next_cursor: {type: string}"), "")
        .replace("    get:", "    post:");
    assert!(
        lowered(&text, &Config::default()).operations[0]
            .pagination
            .is_none()
    );
}

#[test]
fn the_extension_switches_it_off_or_says_how() {
    let cursor = query("cursor", "string");
    let body = object("next_cursor: {type: string}");
    assert!(pagination(&[&cursor], &body, "      x-opengen-pagination: false\n").is_none());
    assert!(pagination(&[&cursor], &body, "      x-opengen-pagination: true\n").is_some());
    let token = query("token", "string");
    let said = "      x-opengen-pagination: {kind: cursor, param: token, cursor: next_cursor}\n";
    let found = pagination(&[&token], &body, said).unwrap();
    assert_eq!(found.reason, "x-opengen-pagination: cursor `token`");
}

#[test]
fn an_extension_that_does_not_fit_is_an_error_at_its_pointer() {
    let cursor = query("cursor", "string");
    let body = object("next_cursor: {type: string}");
    for (extension, message) in [
        (
            "{kind: cursor, param: nope}",
            "`nope` is not an optional query parameter",
        ),
        (
            "{kind: cursor, param: cursor, cursor: nope}",
            "no string field `nope`",
        ),
        (
            "{kind: pages, param: cursor}",
            "expected `false`, `true` or an object",
        ),
        ("true", ""),
    ] {
        let extra = format!("      x-opengen-pagination: {extension}\n");
        let text = spec(&[&cursor], &body, &extra);
        let result = opengen::lower::lower(&common::parse_ok(&text), &Config::default());
        if message.is_empty() {
            assert!(result.is_ok());
            continue;
        }
        let error = common::only(result.unwrap_err());
        assert_eq!(
            error.pointer.as_deref(),
            Some("#/paths/~1list/get/x-opengen-pagination")
        );
        assert!(error.message.contains(message), "{}", error.message);
    }
    // `true` where nothing shows how is an error too.
    let text = spec(&[], ITEMS, "      x-opengen-pagination: true\n");
    let error = common::only(
        opengen::lower::lower(&common::parse_ok(&text), &Config::default()).unwrap_err(),
    );
    assert!(
        error.message.contains("nothing in the operation shows"),
        "{}",
        error.message
    );
}

#[test]
fn the_configuration_overrides_the_spec() {
    let cursor = query("cursor", "string");
    let text = spec(&[&cursor], &object("next_cursor: {type: string}"), "");
    let off = Config::parse("[operations.paginate]\nlist = false\n").unwrap();
    assert!(lowered(&text, &off).operations[0].pagination.is_none());
    let on = Config::parse(
        "[operations.paginate.list]\nkind = \"cursor\"\nparam = \"cursor\"\ncursor = \"next_cursor\"\n",
    )
    .unwrap();
    let found = lowered(&text, &on).operations[0]
        .pagination
        .clone()
        .unwrap();
    assert_eq!(found.reason, "configured: cursor `cursor`");
    let wrong =
        Config::parse("[operations.paginate.list]\nkind = \"page\"\nparam = \"cursor\"\n").unwrap();
    let error = common::only(opengen::lower::lower(&common::parse_ok(&text), &wrong).unwrap_err());
    assert!(
        error.to_string().contains("operations.paginate.list"),
        "{error}"
    );
}

#[test]
fn an_unknown_operation_in_the_configuration_is_an_error() {
    let text = spec(&[], ITEMS, "");
    let options = opengen::Options {
        config: Config::parse("[operations.paginate]\nnope = false\n").unwrap(),
        ..common::options()
    };
    let errors = opengen::generate_from(&common::parse_ok(&text), &options).unwrap_err();
    assert!(
        errors
            .to_string()
            .contains("no operation has the operationId `nope`"),
        "{errors}"
    );
}

#[test]
fn a_method_name_taken_leaves_the_operation_one_call_with_a_warning() {
    let cursor = query("cursor", "string");
    let text = spec(&[&cursor], &object("next_cursor: {type: string}"), "").replace(
        "components:",
        "  /other:\n    get:\n      operationId: list_items\n      responses: {'204': {description: ok}}\ncomponents:",
    );
    let api = lowered(&text, &Config::default());
    assert!(api.operations[0].pagination.is_none());
    assert!(
        api.warnings
            .iter()
            .any(|w| w.message.contains("`list_items`")),
        "{:?}",
        api.warnings
    );
}

#[test]
fn only_a_paginated_crate_carries_pages_and_futures_core() {
    let cursor = query("cursor", "string");
    let paged = common::emit(&spec(
        &[&cursor],
        &object("next_cursor: {type: string}"),
        "",
    ));
    assert!(paged.contains_key("runtime/src/pages.rs"));
    assert!(paged["runtime/Cargo.toml"].contains("futures-core"));
    assert!(paged["README.md"].contains("## Pagination"));
    assert!(paged["src/operations.rs"].contains("pub fn list_pages<'a>"));
    assert!(paged["src/operations.rs"].contains("pub fn list_items<'a>"));
    let plain = common::emit(&spec(&[], ITEMS, ""));
    assert!(!plain.contains_key("runtime/src/pages.rs"));
    assert!(!plain["runtime/Cargo.toml"].contains("futures-core"));
    assert!(!plain["README.md"].contains("## Pagination"));
}

#[test]
fn an_offset_given_by_reference_to_an_integer_is_set_as_a_number() {
    // Found in the wild (CyberArk Conjur): `offset: {$ref: '#/components/schemas/Offset'}`,
    // an alias of an integer; its pages set it as text, and the crate did not compile.
    let text = spec(
        &[
            "{name: offset, in: query, schema: {$ref: '#/components/schemas/Offset'}}",
            &query("limit", "integer"),
        ],
        ITEMS,
        "",
    )
    .replace(
        "components:\n  schemas:\n",
        "components:\n  schemas:\n    Offset: {type: integer}\n",
    );
    let api = lowered(&text, &Config::default());
    let found = api.operations[0].pagination.as_ref().expect("paginated");
    assert_eq!(found.kind, PageKind::Offset { total: None });
    let files = common::emit(&text);
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("params.offset = cursor.number()"), "{ops}");
    assert!(!ops.contains("params.offset = cursor.text()"), "{ops}");
}
