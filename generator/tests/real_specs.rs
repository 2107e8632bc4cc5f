//! Constructs real specs use that once gave crates that did not build, did not work or did not
//! lint clean (issue 11): each a small inline spec and what it must give.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{HEAD, named};
use opengen::ir::{Api, BodyEncoding, BodyPayload, Content, StatusMatch, Success, TypeRef};

fn lower_ok(body: &str) -> Api {
    common::lower_ok(&format!("{HEAD}{body}"))
}

fn emit(body: &str) -> std::collections::BTreeMap<String, String> {
    common::emit(&format!("{HEAD}{body}"))
}

/// `text/json`, `application/x-json` and other JSON media types without `+json` are JSON: the
/// body keeps its schema's type, in requests and in responses.
#[test]
fn json_media_types_without_plus_json_are_json() {
    let api = lower_ok(
        "paths:
  /a:
    post:
      requestBody:
        required: true
        content:
          text/json: {schema: {$ref: '#/components/schemas/Pet'}}
      responses:
        '200':
          description: ok
          content: {text/json: {schema: {$ref: '#/components/schemas/Pet'}}}
  /b:
    post:
      requestBody:
        content:
          'application/x-json; charset=utf-8': {schema: {$ref: '#/components/schemas/Pet'}}
          text/plain: {schema: {type: string}}
      responses:
        '200':
          description: ok
          content: {application/vnd.api.v1+json: {schema: {$ref: '#/components/schemas/Pet'}}}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
",
    );
    let pet = named(&api, "Pet");
    for op in &api.operations {
        let body = op.body.as_ref().unwrap();
        assert_eq!(
            (body.payload.encoding(), body.payload.ty()),
            (BodyEncoding::Json, Some(&pet)),
            "{op:#?}"
        );
        assert_eq!(
            op.success,
            Success::One(Content::Json(pet.clone())),
            "{op:#?}"
        );
    }
    let files = emit(
        "paths:
  /a:
    post:
      requestBody:
        required: true
        content:
          text/json: {schema: {type: object, properties: {name: {type: string}}}}
      responses: {'204': {description: ok}}
",
    );
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("body: &types::PostABody"), "{ops}");
    assert!(ops.contains(".json_body(\"text/json\", body)"), "{ops}");
}

/// A JSON-like name is not enough: JSON Lines, JSON sequences and `json` as a parameter stay
/// what they are.
#[test]
fn only_json_media_types_are_json() {
    let api = lower_ok(
        "paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content: {application/jsonl: {schema: {type: string}}}
        '201':
          description: ok
          content: {application/json-seq: {schema: {type: string}}}
        '202':
          description: ok
          content: {'text/plain; format=json': {schema: {type: string}}}
",
    );
    let op = &api.operations[0];
    let Success::Enum { .. } = &op.success else {
        panic!("{:?}", op.success)
    };
    let contents: Vec<&Content> = op
        .responses
        .iter()
        .filter(|r| r.success)
        .map(|r| &r.content)
        .collect();
    assert_eq!(
        contents,
        [&Content::Binary, &Content::Binary, &Content::Text]
    );
}

/// An operation whose documented outcomes are redirects succeeds with them; beside a 2xx, a 3xx
/// stays an error (it is the exception to the usual result, like `304 Not Modified`).
#[test]
fn documented_redirects_are_successes_when_no_2xx_is_documented() {
    let spec = "paths:
  /submit:
    post:
      responses:
        '303': {description: Returned if the request is successful}
        '400': {description: Bad request}
  /download:
    get:
      responses:
        '302':
          description: The file's location
          content: {application/json: {schema: {type: object, properties: {url: {type: string}}}}}
        default: {description: Anything else}
  /pets:
    get:
      responses:
        '200':
          description: The pets
          content: {application/json: {schema: {type: array, items: {type: string}}}}
        '304': {description: Not modified}
";
    let api = lower_ok(spec);
    let [submit, download, pets] = &api.operations[..] else {
        panic!()
    };
    assert_eq!(submit.success, Success::One(Content::Empty));
    let successes = |op: &opengen::ir::Operation| {
        op.responses
            .iter()
            .filter(|r| r.success)
            .map(|r| r.status)
            .collect::<Vec<_>>()
    };
    assert_eq!(successes(submit), [StatusMatch::Code(303)]);
    assert_eq!(successes(download), [StatusMatch::Code(302)]);
    assert!(matches!(
        download.success,
        Success::One(Content::Json(TypeRef::Named(_)))
    ));
    assert_eq!(successes(pets), [StatusMatch::Code(200)]);

    let files = emit(spec);
    let ops = &files["src/operations.rs"];
    let decoder = |name: &str| {
        let start = ops.find(&format!("fn decode_{name}(")).unwrap();
        let end = ops[start..].find("\n}\n").unwrap();
        ops[start..start + end].to_owned()
    };
    let submit = decoder("post_submit");
    for expected in [
        "303 => Outcome::Success(()),",
        "400 => Outcome::Failure(PostSubmitError::BadRequest),",
        // The client followed the redirect: the target's answer is the success.
        "200..=299 => Outcome::Success(()),",
        "_ => Outcome::Unexpected,",
    ] {
        assert!(
            submit.contains(expected),
            "missing {expected:?} in\n{submit}"
        );
    }
    assert!(!ops.contains("SeeOther"), "{ops}");
    let download = decoder("get_download");
    assert!(
        download.contains("302 => Outcome::success(call::json(body)),"),
        "{download}"
    );
    assert!(!download.contains("200..=299"), "{download}");
    let pets = decoder("get_pets");
    assert!(
        pets.contains("304 => Outcome::Failure(GetPetsError::NotModified),"),
        "{pets}"
    );
}

/// A multipart body that is not an object is sent as one field: named by the one property its
/// `encoding` describes, or `file`. A `oneOf` mixing objects and other values is warned about.
#[test]
fn multipart_bodies_that_are_not_objects_are_one_named_field() {
    let api = lower_ok(
        "paths:
  /raw:
    post:
      requestBody:
        content:
          multipart/form-data: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
  /tags:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {type: array, items: {type: string}}
            encoding: {tag: {contentType: text/plain}}
      responses: {'204': {description: ok}}
  /form:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {a: {type: string}}}
      responses: {'204': {description: ok}}
  /either:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              oneOf:
                - {type: object, properties: {a: {type: string}}}
                - {type: string, format: binary}
      responses: {'204': {description: ok}}
",
    );
    let names: Vec<Option<&str>> = api
        .operations
        .iter()
        .map(|op| match &op.body.as_ref().unwrap().payload {
            BodyPayload::Multipart { part_name, .. } => part_name.as_deref(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(names, [Some("file"), Some("tag"), None, None]);
    let warnings: Vec<&str> = api.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        warnings,
        ["#/paths/~1either/post/requestBody/content/multipart~1form-data/schema"]
    );
    assert!(
        api.warnings[0]
            .message
            .contains("not objects cannot be sent"),
        "{:?}",
        api.warnings
    );
    let files = emit(
        "paths:
  /raw:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
",
    );
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("body: &Bytes"), "{ops}");
    assert!(
        ops.contains(".multipart_field_body(\"file\", &body, &[])"),
        "{ops}"
    );
}

/// Clippy denies lazy continuation lines in docs (`doc_lazy_continuation`): a line that continues
/// a quote or a list item is written with its `>` or its indent, which renders the same.
#[test]
fn descriptions_continue_quotes_and_list_items_explicitly() {
    let files = emit(
        "paths:
  /a:
    get:
      description: |
        Intro.
        > **Note**: quoted
        and continued.
        - an item
          indented continuation
        continued lazily
        10. numbered
        too
        *   wide marker
        continued wide

        # Heading
        Plain.
      responses: {'204': {description: ok}}
",
    );
    let ops = &files["src/operations.rs"];
    let expected = [
        "/// Intro.",
        "/// > **Note**: quoted",
        "/// > and continued.",
        "/// - an item",
        "///   indented continuation",
        "///   continued lazily",
        "/// 10. numbered",
        "///     too",
        "/// *   wide marker",
        "///     continued wide",
        "///",
        "/// # Heading",
        "/// Plain.",
    ]
    .join("\n    ");
    assert!(ops.contains(&expected), "missing\n{expected}\nin\n{ops}");
}

/// Only HTML that CommonMark lets interrupt a paragraph (a block tag such as `<div>`, a comment,
/// `<pre>`) ends a list item's text; any other tag (Okta's `<x-lifecycle class="ea">`) on the
/// next line continues it lazily, as does `#` not followed by a space: such lines are indented
/// too (clippy's `doc_lazy_continuation` failed Okta's management crate).
#[test]
fn only_block_html_and_headings_end_a_list_item() {
    let files = emit(
        "paths:
  /a:
    get:
      description: |
        1. The customization for `language`
        <x-lifecycle class=\"ea\"></x-lifecycle> If custom languages are on
        2. The default
        #hashtag continues
        3. Third
        <div>a block</div>
        - item
        <!-- a comment -->
        - other
        </x-tag> closing tag continues
        # Heading
      responses: {'204': {description: ok}}
",
    );
    let ops = &files["src/operations.rs"];
    let expected = [
        "/// 1. The customization for `language`",
        "///    <x-lifecycle class=\"ea\"></x-lifecycle> If custom languages are on",
        "/// 2. The default",
        "///    #hashtag continues",
        "/// 3. Third",
        "/// <div>a block</div>",
        "/// - item",
        "/// <!-- a comment -->",
        "/// - other",
        "///   </x-tag> closing tag continues",
        "/// # Heading",
    ]
    .join("\n    ");
    assert!(ops.contains(&expected), "missing\n{expected}\nin\n{ops}");
}

/// An enum holding a named type (a struct of any size) beside small variants allows clippy's
/// `large_enum_variant`: it is no larger than the struct itself.
#[test]
fn enums_holding_named_types_allow_large_variants() {
    let files = emit(
        "paths:
  /a:
    post:
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Choice'}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Big'}}}
        '202': {description: later}
        '400':
          description: bad
          content: {application/json: {schema: {$ref: '#/components/schemas/Big'}}}
        '404': {description: missing}
  /b:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: string}}}
        '201': {description: created}
        '404':
          description: missing
          content: {application/json: {schema: {type: string}}}
        '500': {description: failed}
components:
  schemas:
    Choice:
      oneOf:
        - $ref: '#/components/schemas/Big'
        - {type: string}
    Big: {type: object, properties: {a: {type: string}}}
",
    );
    let allow = "#[allow(clippy::large_enum_variant)]";
    let ops = &files["src/operations.rs"];
    for name in ["PostAResponse", "PostAError"] {
        assert!(
            ops.contains(&format!("{allow}\npub enum {name} {{")),
            "{name} in\n{ops}"
        );
    }
    for name in ["GetBResponse", "GetBError"] {
        assert!(
            ops.contains(&format!(")]\npub enum {name} {{")),
            "{name} in\n{ops}"
        );
    }
    let types = &files["src/types.rs"];
    assert!(
        types.contains(&format!("{allow}\npub enum Choice {{")),
        "{types}"
    );
}
