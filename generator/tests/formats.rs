//! Typed string formats: which Rust type each `format` becomes under each `[formats]` choice,
//! wherever a schema is lowered, and which crates the generated `Cargo.toml` then depends on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::collections::BTreeMap;

use common::{HEAD, HEAD_2, HEAD_31};
use opengen::config::{DateLibrary, Formats, IpType, UuidType};
use opengen::ir::{DateCrate, Format, TypeKind, TypeRef};
use opengen::{Config, Options};

/// A spec using every typed format in a component's fields, an array, a map, parameters, a
/// body and a response.
const SPEC: &str = "paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
        - {name: since, in: query, required: true, schema: {type: string, format: date-time}}
        - {name: on, in: query, schema: {type: string, format: date}}
        - {name: days, in: query, schema: {type: array, items: {type: string, format: date}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string, format: date-time}}
    put:
      operationId: putThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '204': {description: done}
components:
  schemas:
    Thing:
      type: object
      required: [at]
      properties:
        at: {type: string, format: date-time}
        day: {type: string, format: date}
        time: {type: string, format: time}
        id: {type: string, format: uuid}
        v4: {type: string, format: ipv4}
        v6: {type: string, format: ipv6}
        link: {type: string, format: uri}
        mail: {type: string, format: email}
        secret: {type: string, format: password}
        history: {type: array, items: {type: string, format: date-time}}
        by_day: {type: object, additionalProperties: {type: string, format: date}}
        kind: {type: string, format: uuid, enum: [00000000-0000-0000-0000-000000000000]}
";

fn generate(text: &str, formats: Formats) -> BTreeMap<String, String> {
    let options = Options {
        config: Config {
            formats,
            ..Config::default()
        },
        ..common::options()
    };
    opengen::generate_from(&common::parse_ok(text), &options)
        .unwrap_or_else(|e| panic!("{e}"))
        .files
}

fn dates(library: DateLibrary) -> Formats {
    Formats {
        date_time: library,
        date: library,
        time: library,
        ..Formats::default()
    }
}

fn dependencies(files: &BTreeMap<String, String>) -> Vec<String> {
    let toml = &files["Cargo.toml"];
    let section = toml
        .split("[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap();
    section
        .lines()
        .filter_map(|line| line.split(' ').next())
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// `pub name: type,` lines of the `types` module, without the spaces.
fn has_field(files: &BTreeMap<String, String>, field: &str) -> bool {
    let squeezed: String = files["src/types.rs"].split_whitespace().collect();
    squeezed.contains(&field.replace(' ', ""))
}

#[test]
fn chrono_uuid_and_std_are_the_default() {
    let files = generate(&format!("{HEAD}{SPEC}"), Formats::default());
    for field in [
        "pub at: chrono::DateTime<chrono::Utc>,",
        "pub day: Option<chrono::NaiveDate>,",
        // JSON Schema's `time` has an offset (`14:15:22Z`), which `NaiveTime` refuses: a
        // `String` unless the configuration chooses a crate.
        "pub time: Option<String>,",
        "pub id: Option<uuid::Uuid>,",
        "pub v4: Option<std::net::Ipv4Addr>,",
        "pub v6: Option<std::net::Ipv6Addr>,",
        "pub link: Option<String>,",
        "pub mail: Option<String>,",
        "pub secret: Option<String>,",
        "pub history: Option<Vec<chrono::DateTime<chrono::Utc>>>,",
        "pub by_day: Option<BTreeMap<String, chrono::NaiveDate>>,",
        "pub kind: Option<ThingKind>,",
    ] {
        assert!(
            has_field(&files, field),
            "{field}\n{}",
            files["src/types.rs"]
        );
    }
    let operations: String = files["src/operations.rs"].split_whitespace().collect();
    for piece in [
        // Typed formats are `Copy`: arguments by value, like integers.
        "id:uuid::Uuid,since:chrono::DateTime<chrono::Utc>,",
        "pubon:Option<chrono::NaiveDate>,",
        "pubdays:Option<Vec<chrono::NaiveDate>>,",
        ".path_value(\"id\",&id)",
        ".query(\"since\",&since)",
        "Call<'_,Vec<chrono::DateTime<chrono::Utc>>,GetThingError>",
    ] {
        assert!(operations.contains(piece), "{piece}\n{operations}");
    }
    // The API crate names the formats' crates; its runtime never does.
    assert_eq!(
        dependencies(&files),
        [
            "test-api-opengen-runtime",
            "bytes",
            "chrono",
            "reqwest",
            "serde",
            "serde_json",
            "uuid"
        ]
    );
    let runtime = &files["runtime/Cargo.toml"];
    assert!(
        !runtime.contains("chrono") && !runtime.contains("uuid"),
        "{runtime}"
    );
    let toml = &files["Cargo.toml"];
    assert!(
        toml.contains(
            "chrono = { version = \"0.4\", default-features = false, features = [\"serde\"] }"
        ),
        "{toml}"
    );
    assert!(
        toml.contains(
            "uuid = { version = \"1\", default-features = false, features = [\"serde\"] }"
        ),
        "{toml}"
    );
    let readme = &files["README.md"];
    assert!(readme.contains("## Formats"), "{readme}");
    assert!(
        readme.contains("| `date-time` | `chrono::DateTime<chrono::Utc>` |"),
        "{readme}"
    );
    assert!(
        readme.contains("- `chrono` (no default features"),
        "{readme}"
    );
}

#[test]
fn jiff_dates() {
    let files = generate(&format!("{HEAD}{SPEC}"), dates(DateLibrary::Jiff));
    for field in [
        "pub at: jiff::Timestamp,",
        "pub day: Option<jiff::civil::Date>,",
        "pub time: Option<jiff::civil::Time>,",
        "pub history: Option<Vec<jiff::Timestamp>>,",
        "pub id: Option<uuid::Uuid>,",
    ] {
        assert!(
            has_field(&files, field),
            "{field}\n{}",
            files["src/types.rs"]
        );
    }
    let deps = dependencies(&files);
    assert!(deps.contains(&"jiff".to_owned()), "{deps:?}");
    assert!(!deps.contains(&"chrono".to_owned()), "{deps:?}");
    assert!(
        files["Cargo.toml"].contains(
            "jiff = { version = \"1\", default-features = false, features = [\"alloc\", \"serde\"] }"
        ),
        "{}",
        files["Cargo.toml"]
    );
}

#[test]
fn each_format_can_stay_a_string() {
    let formats = Formats {
        uuid: UuidType::String,
        ip: IpType::String,
        ..dates(DateLibrary::String)
    };
    let files = generate(&format!("{HEAD}{SPEC}"), formats);
    for field in [
        "pub at: String,",
        "pub day: Option<String>,",
        "pub time: Option<String>,",
        "pub id: Option<String>,",
        "pub v4: Option<String>,",
        "pub v6: Option<String>,",
        "pub history: Option<Vec<String>>,",
    ] {
        assert!(
            has_field(&files, field),
            "{field}\n{}",
            files["src/types.rs"]
        );
    }
    // Strings are borrowed arguments, as before.
    let operations: String = files["src/operations.rs"].split_whitespace().collect();
    assert!(operations.contains("id:&str,since:&str,"), "{operations}");
    assert!(
        operations.contains(".path_param(\"id\",id)"),
        "{operations}"
    );
    let deps = dependencies(&files);
    for absent in ["chrono", "jiff", "uuid"] {
        assert!(!deps.contains(&absent.to_owned()), "{deps:?}");
    }
    assert!(!files["README.md"].contains("## Formats"));
}

#[test]
fn the_settings_are_independent() {
    let formats = Formats {
        date_time: DateLibrary::Jiff,
        date: DateLibrary::Chrono,
        time: DateLibrary::String,
        uuid: UuidType::String,
        ip: IpType::Std,
    };
    let files = generate(&format!("{HEAD}{SPEC}"), formats);
    for field in [
        "pub at: jiff::Timestamp,",
        "pub day: Option<chrono::NaiveDate>,",
        "pub time: Option<String>,",
        "pub id: Option<String>,",
        "pub v4: Option<std::net::Ipv4Addr>,",
    ] {
        assert!(
            has_field(&files, field),
            "{field}\n{}",
            files["src/types.rs"]
        );
    }
    let deps = dependencies(&files);
    assert!(deps.contains(&"jiff".to_owned()) && deps.contains(&"chrono".to_owned()));
    assert!(!deps.contains(&"uuid".to_owned()), "{deps:?}");
}

#[test]
fn a_crate_depends_only_on_the_crates_its_formats_use() {
    // Only IP addresses: `std::net`, no dependency at all.
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Host:\n      type: object\n      properties:\n        v4: {{type: string, format: ipv4}}\n"
    );
    let files = generate(&spec, Formats::default());
    let deps = dependencies(&files);
    for absent in ["chrono", "jiff", "uuid"] {
        assert!(!deps.contains(&absent.to_owned()), "{deps:?}");
    }
    assert!(files["README.md"].contains("## Formats"));
    // A uuid only in a response: `uuid` alone.
    let spec = format!(
        "{HEAD}paths:\n  /id:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: string, format: uuid}}\n"
    );
    let deps = dependencies(&generate(&spec, Formats::default()));
    assert!(deps.contains(&"uuid".to_owned()), "{deps:?}");
    assert!(!deps.contains(&"chrono".to_owned()), "{deps:?}");
}

#[test]
fn swagger_2_and_openapi_3_1_formats_are_typed_too() {
    let v31 = format!(
        "{HEAD_31}paths: {{}}\ncomponents:\n  schemas:\n    T:\n      type: object\n      properties:\n        at: {{type: [string, 'null'], format: date-time}}\n        id: {{type: string, format: uuid}}\n"
    );
    let files = generate(&v31, Formats::default());
    assert!(has_field(
        &files,
        "pub at: Option<Option<chrono::DateTime<chrono::Utc>>>,"
    ));
    assert!(has_field(&files, "pub id: Option<uuid::Uuid>,"));
    let v2 = format!(
        "{HEAD_2}paths: {{}}\ndefinitions:\n  T:\n    type: object\n    properties:\n      on: {{type: string, format: date}}\n"
    );
    let files = generate(&v2, Formats::default());
    assert!(has_field(&files, "pub on: Option<chrono::NaiveDate>,"));
}

#[test]
fn an_untagged_one_of_tries_a_typed_format_before_a_plain_string() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    When:\n      oneOf:\n        - {{type: string, title: Text}}\n        - {{type: string, format: date-time, title: Instant}}\n"
    );
    let api = opengen::lower::lower(&common::parse_ok(&spec), &Config::default()).unwrap();
    let TypeKind::OneOf { variants, .. } = &common::ty(&api, "When").kind else {
        panic!()
    };
    let order: Vec<(&str, &TypeRef)> = variants.iter().map(|v| (v.name.as_str(), &v.ty)).collect();
    assert_eq!(
        order,
        [
            (
                "Instant",
                &TypeRef::Format(Format::DateTime(DateCrate::Chrono))
            ),
            ("Text", &TypeRef::String)
        ]
    );
    // chrono's `DateTime` does not display as RFC 3339, so the enum has no `Display`; with
    // jiff's `Timestamp`, which does, it has.
    let files = generate(&spec, Formats::default());
    assert!(!files["src/types.rs"].contains("impl fmt::Display for When"));
    let files = generate(&spec, dates(DateLibrary::Jiff));
    assert!(files["src/types.rs"].contains("impl fmt::Display for When"));
}

#[test]
fn a_date_time_whose_example_has_no_utc_offset_is_a_string() {
    // Found by calling Amadeus's transfer search against Prism: `localDateTime: {type: string,
    // format: date-time, example: '2021-03-27T20:03:00'}`, described as "YYYY-MM-DDTHH:MM:SS".
    // RFC 3339 requires an offset, so `DateTime<Utc>` refused the server's every value and the
    // whole response failed to decode. The spec's own example says what the server sends; a
    // `date` whose example has a time (Xero's assets) likewise.
    let text = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Segment:
      type: object
      required: [local, at, day]
      properties:
        local: {{type: string, format: date-time, example: '2021-03-27T20:03:00'}}
        fraction: {{type: string, format: date-time, example: '2021-03-27 20:03:00.125'}}
        minutes: {{type: string, format: date-time, example: '2021-03-27T20:03'}}
        at: {{type: string, format: date-time, example: '2021-03-27T20:03:00Z'}}
        offset: {{type: string, format: date-time, example: '2021-03-27T20:03:00.5+01:00'}}
        bare: {{type: string, format: date-time}}
        day: {{type: string, format: date, example: '2021-03-27'}}
        starts: {{type: string, format: date, example: '2015-07-01T00:00:00'}}
        ends: {{type: string, format: date, example: '2015-07-01 00:00Z'}}
        ünï: {{type: string, format: date, example: '2015-07-01Tü'}}
"
    );
    let generated = opengen::generate_from(&common::parse_ok(&text), &common::options())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        common::warnings(&generated),
        [
            "#/components/schemas/Segment/properties/local: `format: date-time`, but its \
             example `2021-03-27T20:03:00` has no UTC offset, which RFC 3339 requires: typed \
             `String`, so that the values the server sends like it decode (here and wherever a \
             date-time's example has none)",
            "#/components/schemas/Segment/properties/starts: `format: date`, but its example \
             `2015-07-01T00:00:00` has a time: typed `String`, so that the values the server \
             sends like it decode (here and wherever a date's example has one)",
        ]
    );
    let files = generated.files;
    for field in [
        "pub local: String,",
        "pub fraction: Option<String>,",
        "pub minutes: Option<String>,",
        "pub at: chrono::DateTime<chrono::Utc>,",
        "pub offset: Option<chrono::DateTime<chrono::Utc>>,",
        "pub bare: Option<chrono::DateTime<chrono::Utc>>,",
        "pub day: chrono::NaiveDate,",
        "pub starts: Option<String>,",
        "pub ends: Option<String>,",
        "pub uni: Option<chrono::NaiveDate>,",
    ] {
        assert!(
            has_field(&files, field),
            "{field}\n{}",
            files["src/types.rs"]
        );
    }
}
