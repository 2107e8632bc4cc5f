//! A run reports every error it finds, sorted by file then JSON pointer, each once, and shows
//! at most `Errors::SHOWN` of them; warnings come sorted too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;
use common::{HEAD, generate, generate_ok, lower};

use opengen::Errors;

/// Two independent bad components (in an order that is not the sorted one), a parameter and
/// a schema, and a good component and an operation that use them; beside them two security
/// schemes that cannot be lowered, which are warnings (each left out). (A schema `$ref` to
/// nothing is not among the errors: it is read as any JSON value, with a warning.)
const TWO_PROBLEMS: &str = "paths:
  /pets:
    get:
      operationId: listPets
      security: [{odd: []}]
      parameters: [{$ref: '#/components/parameters/Zebra'}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Uses'}
components:
  securitySchemes:
    odd: {type: http, scheme: 'not a token'}
    fine: {type: http, scheme: bearer}
    worse: {type: http, scheme: 'nor this'}
  parameters:
    Zebra: {$ref: '#/components/parameters/Nope'}
  schemas:
    Uses:
      type: object
      properties:
        apple: {$ref: '#/components/schemas/Apple'}
    Apple: {$ref: 'other.yaml#/Apple'}
";

fn pointers(errors: &Errors) -> Vec<&str> {
    errors
        .problems()
        .iter()
        .map(|p| p.pointer.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn every_independent_error_is_reported_sorted_in_one_run() {
    let errors = generate(&format!("{HEAD}{TWO_PROBLEMS}"))
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        pointers(&errors),
        [
            "#/components/parameters/Zebra",
            "#/components/schemas/Apple"
        ],
        "{errors}"
    );
    let text = errors.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("`#/components/parameters/Nope` does not exist"),
        "{text}"
    );
    assert!(
        lines[1].contains("`other.yaml#/Apple` to another file"),
        "{text}"
    );
    // Nothing cascades: the good component and the operation using the bad ones add nothing.
    assert!(!text.contains("Uses"), "{text}");
    assert!(!text.contains("#/paths"), "{text}");
}

/// A security scheme that cannot be lowered is left out with a warning, as one the document
/// does not define is: the operations naming it stay, and the client sends no credential for
/// it. It does not cost the user the whole API.
#[test]
fn a_security_scheme_that_cannot_be_lowered_is_left_out_with_a_warning() {
    let generated = generate_ok(&format!(
        "{HEAD}paths:
  /pets:
    get:
      operationId: listPets
      security: [{{odd: []}}, {{fine: []}}]
      responses: {{'204': {{description: ok}}}}
components:
  securitySchemes:
    odd: {{type: http, scheme: 'not a token'}}
    fine: {{type: http, scheme: bearer}}
    gone: {{$ref: '#/components/securitySchemes/nope'}}
"
    ));
    let warnings: Vec<String> = generated
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings[0].starts_with(
            "#/components/securitySchemes/gone: dangling reference: \
             `#/components/securitySchemes/nope` does not exist; the security scheme `gone` is \
             left out"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].starts_with(
            "#/components/securitySchemes/odd/scheme: `not a token` is not an HTTP \
             authentication scheme name"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings[2].starts_with(
            "#/paths/~1pets/get/security/0: security scheme `odd` is left out (its warning says \
             why); the client sends no credential for it"
        ),
        "{warnings:#?}"
    );
    assert_eq!(generated.counts.0, 1);
    let operations = &generated.files["src/operations.rs"];
    assert!(operations.contains("pub fn list_pets("), "{operations}");
    assert!(!generated.files["src/lib.rs"].contains("\"odd\""));
}

#[test]
fn lowering_alone_reports_them_too() {
    let errors = lower(&format!("{HEAD}{TWO_PROBLEMS}"))
        .map(|_| ())
        .unwrap_err();
    assert_eq!(errors.problems().len(), 2, "{errors}");
}

#[test]
fn past_the_cap_the_rest_are_counted() {
    let total = Errors::SHOWN + 7;
    let mut text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n");
    for i in 0..total {
        text.push_str(&format!("    S{i}: {{$ref: 'other.yaml#/S{i}'}}\n"));
    }
    let errors = generate(&text).map(|_| ()).unwrap_err();
    assert_eq!(errors.problems().len(), total);
    let shown = errors.to_string();
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), Errors::SHOWN + 1, "{shown}");
    assert_eq!(
        lines[Errors::SHOWN],
        format!("and 7 more errors ({total} in all)")
    );
    // Sorted: the shown ones are the first in pointer order.
    assert!(lines[0].starts_with("#/components/schemas/S0: "), "{shown}");
}

#[test]
fn the_same_error_met_twice_is_reported_once() {
    // `B` merges `A`'s properties, one of which refers to another file (which an in-memory
    // document cannot read): lowering `A`, then `B`, meets the same problem at the same node.
    let errors = generate(&format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A:
      type: object
      properties:
        x: {{$ref: 'other.yaml#/X'}}
    B:
      allOf:
        - $ref: '#/components/schemas/A'
        - type: object
          properties:
            y: {{type: string}}
"
    ))
    .map(|_| ())
    .unwrap_err();
    assert_eq!(
        pointers(&errors),
        ["#/components/schemas/A/properties/x"],
        "{errors}"
    );
}

#[test]
fn warnings_come_sorted_by_file_then_pointer() {
    let generated = generate_ok(&format!(
        "{HEAD}paths:
  /b:
    get:
      security: [{{nope: []}}]
      responses: {{'204': {{description: ok}}}}
  /a:
    get:
      security: [{{other: []}}]
      responses: {{'204': {{description: ok}}}}
"
    ));
    let pointers: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        ["#/paths/~1a/get/security/0", "#/paths/~1b/get/security/0"]
    );
}

#[test]
fn strict_reports_every_warning_as_an_error_sorted() {
    let generated = generate_ok(&format!(
        "{HEAD}paths:
  /b:
    get:
      security: [{{nope: []}}]
      responses: {{'204': {{description: ok}}}}
  /a:
    get:
      security: [{{other: []}}]
      responses: {{'204': {{description: ok}}}}
"
    ));
    let errors = generated.strict().map(|_| ()).unwrap_err();
    assert_eq!(
        pointers(&errors),
        ["#/paths/~1a/get/security/0", "#/paths/~1b/get/security/0"]
    );
    for problem in errors.problems() {
        assert!(
            problem.message.ends_with("(an error under --strict)"),
            "{problem}"
        );
    }
}

#[test]
fn a_chain_that_breaks_inside_a_component_is_the_components_error_once() {
    // Two operations reach the broken alias `P`, three schemas the cycle `S2 → S3 → S2`: each
    // problem is reported once, at the component, like any problem in a component.
    let errors = generate(&format!(
        "{HEAD}paths:
  /a:
    get:
      parameters: [{{$ref: '#/components/parameters/Q'}}]
      responses: {{'204': {{description: ok}}}}
  /b:
    get:
      parameters: [{{$ref: '#/components/parameters/P'}}]
      responses: {{'204': {{description: ok}}}}
components:
  parameters:
    P: {{$ref: '#/components/parameters/Nope'}}
    Q: {{$ref: '#/components/parameters/P'}}
  schemas:
    S1: {{$ref: '#/components/schemas/S2'}}
    S2: {{$ref: '#/components/schemas/S3'}}
    S3: {{$ref: '#/components/schemas/S2'}}
    Uses:
      type: object
      properties:
        s: {{$ref: '#/components/schemas/S1'}}
"
    ))
    .map(|_| ())
    .unwrap_err();
    assert_eq!(
        pointers(&errors),
        ["#/components/parameters/P", "#/components/schemas/S2",],
        "{errors}"
    );
    let text = errors.to_string();
    assert!(
        text.contains(
            "#/components/schemas/S2: the `$ref`s form a reference cycle: \
             #/components/schemas/S2 → #/components/schemas/S3 → #/components/schemas/S2"
        ),
        "{text}"
    );
}

#[test]
fn a_cycle_of_responses_is_reported_at_its_first_member() {
    let errors = generate(&format!(
        "{HEAD}paths:
  /a:
    get:
      responses: {{'200': {{$ref: '#/components/responses/R2'}}}}
components:
  responses:
    R1: {{$ref: '#/components/responses/R2'}}
    R2: {{$ref: '#/components/responses/R1'}}
"
    ))
    .map(|_| ())
    .unwrap_err();
    assert_eq!(pointers(&errors), ["#/components/responses/R1"], "{errors}");
}

#[test]
fn a_long_cycle_shows_its_first_members_and_its_last() {
    let mut text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n");
    for i in 0..12 {
        let next = (i + 1) % 12;
        text.push_str(&format!(
            "    C{i}: {{$ref: '#/components/schemas/C{next}'}}\n"
        ));
    }
    let errors = generate(&text).map(|_| ()).unwrap_err();
    let names: String = (0..=8)
        .map(|i| format!("#/components/schemas/C{i} → "))
        .collect();
    assert_eq!(
        errors.to_string(),
        format!(
            "#/components/schemas/C0: the `$ref`s form a reference cycle: {names}… (2 more) → \
             #/components/schemas/C11 → #/components/schemas/C0"
        )
    );
}

#[test]
fn shared_problems_that_cost_every_operation_are_each_an_error() {
    let errors = generate(&format!(
        "{HEAD}paths:
  /a:
    get:
      parameters: [{{$ref: '#/components/parameters/Zebra'}}]
      responses: {{'204': {{description: ok}}}}
  /b:
    get:
      parameters: [{{$ref: '#/components/parameters/Mango'}}]
      responses: {{'204': {{description: ok}}}}
components:
  parameters:
    Zebra: {{$ref: '#/components/parameters/Nope'}}
    Mango: {{$ref: '#/components/parameters/Gone'}}
"
    ))
    .map(|_| ())
    .unwrap_err();
    assert_eq!(
        pointers(&errors),
        [
            "#/components/parameters/Mango",
            "#/components/parameters/Zebra"
        ],
        "{errors}"
    );
}
