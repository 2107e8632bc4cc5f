//! The sharing passes of `lower`: what is the same in the IR is one type or enum.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{HEAD, lower_ok, named};
use opengen::ir::{Api, Content, ErrorEnum, Origin, Success, TypeKind, TypeRef};

/// `n` operations whose `201` bodies are the same inline schema.
fn report_ops(n: usize, body: &str) -> String {
    let mut text = format!("{HEAD}paths:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  /report{i}:
    post:
      operationId: report{i}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {body}
"
        ));
    }
    text
}

fn success(api: &Api, index: usize) -> &TypeRef {
    match &api.operations[index].success {
        Success::One(Content::Json(ty)) => ty,
        other => panic!("{other:?}"),
    }
}

fn struct_names(api: &Api) -> Vec<&str> {
    api.types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Struct { .. }))
        .map(|t| t.name.as_str())
        .collect()
}

#[test]
fn identical_inline_structs_are_one_type_named_after_their_shared_title() {
    let api = lower_ok(&report_ops(
        3,
        "{title: ReportResult, type: object, required: [existed_already], properties: {existed_already: {type: boolean}}}",
    ));
    assert_eq!(struct_names(&api), ["ReportResult"]);
    let shared = named(&api, "ReportResult");
    for i in 0..3 {
        assert_eq!(success(&api, i), &shared);
    }
}

#[test]
fn without_a_common_title_the_copies_share_the_shortest_name() {
    let api = lower_ok(&report_ops(
        2,
        "{type: object, properties: {ok: {type: boolean}}}",
    ));
    assert_eq!(struct_names(&api), ["Report0Created"]);
    assert_eq!(success(&api, 1), &named(&api, "Report0Created"));
}

#[test]
fn parents_made_identical_by_merging_their_children_merge_too() {
    let api = lower_ok(&report_ops(
        3,
        "{type: object, properties: {inner: {type: object, properties: {n: {type: integer}}}}}",
    ));
    assert_eq!(
        struct_names(&api),
        ["Report0CreatedInner", "Report0Created"]
    );
    assert_eq!(success(&api, 2), &named(&api, "Report0Created"));
}

#[test]
fn structs_that_differ_in_a_field_docs_or_requiredness_stay_apart() {
    let mut text = report_ops(1, "{type: object, properties: {a: {type: string}}}");
    for (i, body) in [
        "{type: object, properties: {a: {type: integer}}}",
        "{type: object, description: Other., properties: {a: {type: string}}}",
        "{type: object, required: [a], properties: {a: {type: string}}}",
        "{type: object, properties: {a: {type: string, description: The a.}}}",
    ]
    .iter()
    .enumerate()
    {
        let more = report_ops(i + 2, body);
        let last = more
            .split("  /report")
            .last()
            .unwrap()
            .replace(&format!("report{}", i + 1), &format!("other{i}"));
        text.push_str(&format!("  /report{last}"));
    }
    let api = lower_ok(&text);
    assert_eq!(struct_names(&api).len(), 5, "{:?}", struct_names(&api));
}

#[test]
fn an_inline_copy_of_a_component_is_the_component_and_components_are_never_merged() {
    let mut text = report_ops(1, "{type: object, properties: {ok: {type: boolean}}}");
    text.push_str(
        "components:
  schemas:
    Answer: {type: object, properties: {ok: {type: boolean}}}
    Reply: {type: object, properties: {ok: {type: boolean}}}
",
    );
    let api = lower_ok(&text);
    assert_eq!(struct_names(&api), ["Answer", "Reply"]);
    assert!(
        api.types
            .iter()
            .all(|t| matches!(t.origin, Origin::Component { .. }))
    );
    assert_eq!(success(&api, 0), &named(&api, "Answer"));
}

#[test]
fn operations_with_the_same_errors_share_one_enum_named_after_what_it_holds() {
    let op = |id: &str, description: &str| {
        format!(
            "  /{id}:
    get:
      operationId: {id}
      responses:
        '200': {{description: ok}}
        '404': {{description: {description}, content: {{application/json: {{schema: {{type: string}}}}}}}}
        '500': {{description: broken}}
"
        )
    };
    let text = format!(
        "{HEAD}paths:\n{}{}{}",
        op("first", "missing"),
        op("second", "missing"),
        op("third", "gone")
    );
    let api = lower_ok(&text);
    let errors: Vec<&ErrorEnum> = api.operations.iter().map(|op| &op.errors).collect();
    assert_eq!(
        errors,
        [
            &ErrorEnum::Shared {
                name: "FirstError".into(),
                shared: "NotFoundInternalServerError".into(),
                aliases: 1
            },
            &ErrorEnum::Alias {
                name: "SecondError".into(),
                target: "NotFoundInternalServerError".into()
            },
            &ErrorEnum::Own {
                name: "ThirdError".into(),
                aliases: 0
            },
        ]
    );
}
