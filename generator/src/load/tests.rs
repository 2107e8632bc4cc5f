use super::parse::parse_yaml;
use super::*;
use serde_json::json;

fn parse_str(name: &str, text: &str) -> Result<Spec> {
    parse(Path::new(name), text.as_bytes())
}

const MINIMAL: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";

#[test]
fn yaml_and_json_both_load() {
    let yaml = parse_str("a.yaml", MINIMAL).unwrap();
    assert_eq!(yaml.document.info.title, "T");
    let json = parse_str(
        "a.json",
        r#"{"openapi":"3.0.0","info":{"title":"J","version":"1"},"paths":{}}"#,
    )
    .unwrap();
    assert_eq!(json.document.info.title, "J");
}

#[test]
fn the_hash_is_of_the_file_bytes() {
    let spec = parse_str("a.yaml", MINIMAL).unwrap();
    assert_eq!(spec.sha256, hex(&Sha256::digest(MINIMAL.as_bytes())));
    assert_eq!(spec.sha256.len(), 64);
}

#[test]
fn swagger_1_is_refused_by_name() {
    let error = parse_str(
        "s.yaml",
        "swagger: '1.2'\ninfo: {title: T, version: '1'}\npaths: {}\n",
    )
    .unwrap_err();
    assert_eq!(error.pointer.as_deref(), Some("#/swagger"));
    assert!(
        error.message.contains("unsupported version: Swagger 1.2"),
        "{error}"
    );
}

#[test]
fn swagger_1_documents_are_refused_by_name() {
    // Swagger 1.x names its version `swaggerVersion`, with no `swagger` key.
    let error = parse_str(
        "s.json",
        r#"{"swaggerVersion":"1.2","apiVersion":"1.0","apis":[]}"#,
    )
    .unwrap_err();
    assert_eq!(error.pointer.as_deref(), Some("#/swaggerVersion"));
    assert!(
        error
            .message
            .contains("unsupported version: Swagger 1.2 (Swagger 1.x)"),
        "{error}"
    );
}

#[test]
fn openapi_3_3_and_later_are_refused_by_name() {
    for version in ["3.3.0", "4.0.0", "2.0", "4"] {
        let error = parse_str("s.yaml", &MINIMAL.replace("3.0.3", version)).unwrap_err();
        assert_eq!(error.pointer.as_deref(), Some("#/openapi"));
        assert!(
            error
                .message
                .contains(&format!("OpenAPI {version} is not supported")),
            "{error}"
        );
    }
}

#[test]
fn the_version_is_recognised() {
    let version = |text: &str| check_version(&mut parse_yaml(text).unwrap()).unwrap().0;
    assert_eq!(version("openapi: 3.0.0"), Version::OpenApi30);
    assert_eq!(version("openapi: '3.0'"), Version::OpenApi30);
    assert_eq!(version("openapi: 3.1.2"), Version::OpenApi31);
    assert_eq!(version("swagger: '2.0'"), Version::Swagger2);
}

#[test]
fn a_version_yaml_reads_as_a_number_is_the_text_written() {
    // `openapi: 3.1` unquoted is a YAML float; `openapiv3` refused it (`expected a string`).
    for (written, version, text) in [
        ("3.1", Version::OpenApi31, "3.1"),
        ("3.0", Version::OpenApi30, "3.0"),
    ] {
        let spec = parse_str("s.yaml", &MINIMAL.replace("3.0.3", written)).unwrap();
        assert_eq!(spec.version, version);
        assert_eq!(spec.document.openapi, text);
    }
}

#[test]
fn a_key_written_twice_is_a_warning_naming_it() {
    // Both readers kept the last value without a word: here the path's `get` was lost.
    let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n  /a:\n    post:\n      parameters:\n        - {name: q, in: query, schema: {type: string}, schema: {type: integer}}\n      responses: {'200': {description: ok}}\n";
    let spec = parse_str("s.yaml", yaml).unwrap();
    let pointers: Vec<&str> = spec.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["#/paths/~1a/post/parameters/0/schema", "#/paths/~1a"]
    );
    assert!(
        spec.warnings[0]
            .message
            .contains("written more than once in its mapping; the last value is kept"),
        "{:?}",
        spec.warnings
    );
    let json = r#"{"openapi":"3.0.3","info":{"title":"T","version":"1","title":"U"},"paths":{},"<<":{"a":1}}"#;
    let spec = parse_str("s.json", json).unwrap();
    let pointers: Vec<&str> = spec.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/info/title"]);
    assert_eq!(spec.document.info.title, "U");
    // In JSON, `<<` is a key like any other (an extension would start with `x-`): not merged.
    assert!(spec.document.info.extensions.is_empty());
    assert!(parse_str("s.yaml", MINIMAL).unwrap().warnings.is_empty());
}

#[test]
fn a_missing_version_is_refused() {
    let error = parse_str("s.yaml", "info: {title: T, version: '1'}\n").unwrap_err();
    assert!(
        error.message.contains("no `openapi` or `swagger` version"),
        "{error}"
    );
}

#[test]
fn yaml_syntax_errors_carry_line_and_column() {
    let error = parse_str("s.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\n").unwrap_err();
    assert!(error.message.starts_with("YAML syntax error"), "{error}");
    let (line, _column) = error.location.unwrap();
    assert!(line >= 3, "{error:?}");
}

#[test]
fn yaml_merge_keys_merge_the_mappings_they_name() {
    // YAML 1.1 merge keys, common in hand-written specs (`<<: *base`): the named mapping's
    // entries come first, the mapping's own keys win, and of a list the earlier mapping wins.
    let text = "base: &base {type: object, description: base, nullable: true}\n\
                more: &more {description: more, title: More, nullable: false}\n\
                one:\n  description: own\n  <<: *base\n\
                two:\n  <<: [*more, *base]\n  title: Two\n";
    let value = parse_yaml(text).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        value["one"],
        json!({"type": "object", "description": "own", "nullable": true})
    );
    assert_eq!(keys(&value["one"]), ["type", "description", "nullable"]);
    assert_eq!(
        value["two"],
        json!({"description": "more", "title": "Two", "nullable": false, "type": "object"})
    );
    assert_eq!(
        keys(&value["two"]),
        ["description", "title", "nullable", "type"]
    );
    // Nothing merges where nothing is named, and the key is gone either way.
    assert_eq!(
        parse_yaml("a: {<<: [], b: 1}\n").unwrap(),
        json!({"a": {"b": 1}})
    );
}

#[test]
fn a_yaml_merge_key_that_names_no_mapping_is_a_syntax_error_with_its_line() {
    let error = parse_yaml("a: 1\nb:\n  <<: 5\n  c: 2\n").unwrap_err();
    assert!(error.message.contains("merge key"), "{error}");
    let (line, _column) = error.location.unwrap();
    assert!(line >= 3, "{error:?}");
    let error = parse_yaml("b:\n  <<: [{c: 1}, 5]\n").unwrap_err();
    assert!(error.message.contains("merge key"), "{error}");
}

#[test]
fn json_syntax_errors_carry_line_and_column() {
    let error = parse_str("s.json", "{\n  \"openapi\": \"3.0.0\",\n  oops\n}").unwrap_err();
    assert_eq!(error.location, Some((3, 3)));
}

#[test]
fn structural_errors_of_a_converted_document_name_its_version_and_node() {
    // (A schema's errors are repaired with a warning, see `a_schema_that_cannot_be_read…`, and
    // a security scheme that does not read is left out; the security requirements stay errors:
    // credentials are not guessed.)
    let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\nsecurity: [{key: 5}]\n";
    let error = parse_str("s.yaml", text).unwrap_err();
    assert!(
        error
            .message
            .starts_with("not a valid Swagger 2.0 document"),
        "{error}"
    );
    let pointer = error.pointer.unwrap();
    assert!(pointer.starts_with("#/security/0/key"), "{pointer}");
}

#[test]
fn structural_errors_name_the_pointer() {
    let text = format!("{MINIMAL}security: [{{key: 5}}]\n");
    let error = parse_str("s.yaml", &text).unwrap_err();
    let pointer = error.pointer.unwrap();
    assert!(pointer.starts_with("#/security/0/key"), "{pointer}");
}

/// A security scheme that does not read is left out with a warning at its node (in the
/// document as written: Swagger 2.0's `securityDefinitions`); the operations that require it
/// stay, and lowering names the requirement in a warning.
#[test]
fn a_security_scheme_that_does_not_read_is_left_out_with_a_warning() {
    let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\nsecurityDefinitions:\n  key: {type: apiKey, in: header, name: [5]}\n";
    let spec = parse_str("s.yaml", text).unwrap();
    assert!(
        spec.document
            .components
            .unwrap()
            .security_schemes
            .is_empty()
    );
    assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
    let warning = spec.origins.relocate_warning(spec.warnings[0].clone());
    assert_eq!(warning.pointer, "#/securityDefinitions/key");
    assert!(
        warning
            .message
            .contains("invalid type: sequence, expected a string"),
        "{}",
        warning.message
    );
}

#[test]
fn a_schema_keyword_of_the_wrong_type_is_left_out_with_a_warning() {
    let text = format!(
        "{MINIMAL}components:\n  schemas:\n    A:\n      type: object\n      required: 5\n"
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
    assert_eq!(spec.warnings[0].pointer, "#/components/schemas/A/required");
    assert_eq!(
        spec.warnings[0].message,
        "invalid type: integer `5`, expected a sequence; the keyword is ignored"
    );
}

/// JSON Schema draft 4's tuple `items` (Slack's API writes `items: [{$ref: …}, {type: "null"}]`)
/// is not OpenAPI 3.0's: the warning says so in words, not in the reader's.
#[test]
fn a_tuple_items_is_left_out_with_a_warning_that_names_it() {
    let text = format!(
        "{MINIMAL}components:\n  schemas:\n    A:\n      items: [{{type: string}}, {{type: integer}}]\n"
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
    assert_eq!(spec.warnings[0].pointer, "#/components/schemas/A/items");
    assert_eq!(
        spec.warnings[0].message,
        "`items` is a list of schemas (a tuple, as JSON Schema draft 4 writes one), and OpenAPI's \
         `items` is one schema; the keyword is ignored"
    );
}

/// A `type` in another case is that type, and one naming no type is left out, each with a
/// warning: `openapiv3` read both as any value without a word (`type: Integer` made a
/// `serde_json::Value` field), and a schema with `properties` is then an object.
#[test]
fn a_type_name_that_is_no_json_schema_type_is_mended_or_left_out_with_a_warning() {
    let text = format!(
        "{MINIMAL}components:\n  schemas:\n    A:\n      type: Object\n      properties:\n        \
         n: {{type: Integer}}\n        s: {{type: strin}}\n        e: {{type: '', properties: {{x: {{type: string}}}}}}\n        \
         z: {{type: 'null'}}\n"
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    let warnings: Vec<(&str, &str)> = (spec.warnings.iter())
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    let none = "names no JSON Schema type (`string`, `number`, `integer`, `boolean`, `array`, \
                `object`, `null`); the keyword is ignored";
    assert_eq!(
        warnings,
        [
            (
                "#/components/schemas/A/type",
                "`type: Object` is read as `object` (JSON Schema's type names are lower case)"
            ),
            (
                "#/components/schemas/A/properties/n/type",
                "`type: Integer` is read as `integer` (JSON Schema's type names are lower case)"
            ),
            (
                "#/components/schemas/A/properties/s/type",
                format!("`type: strin` {none}").as_str()
            ),
            (
                "#/components/schemas/A/properties/e/type",
                format!("`type: \"\"` {none}").as_str()
            ),
        ]
    );
    let schemas = &spec.document.components.unwrap().schemas;
    let openapiv3::ReferenceOr::Item(a) = &schemas["A"] else {
        panic!()
    };
    assert!(matches!(
        a.schema_kind,
        openapiv3::SchemaKind::Type(openapiv3::Type::Object(_))
    ));
}

/// An empty file (or one of only comments) says so, rather than that it is not a mapping.
#[test]
fn an_empty_document_says_it_is_empty() {
    for text in ["", "# nothing yet\n", "---\n"] {
        let error = parse_str("s.yaml", text).unwrap_err();
        assert_eq!(error.pointer.as_deref(), Some("#"), "{text:?}");
        assert!(
            error.message.starts_with("the document is empty"),
            "{text:?}: {error}"
        );
    }
    let error = parse_str("s.yaml", "[1, 2]\n").unwrap_err();
    assert_eq!(error.message, "the document is not a mapping/object");
}

#[test]
fn integer_bounds_written_as_floats_are_clamped() {
    let text = format!(
        "{MINIMAL}components:\n  schemas:\n    Seed:\n      type: integer\n      minimum: -9223372036854776000\n      maximum: 9223372036854776000\n"
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    let schemas = &spec.document.components.unwrap().schemas;
    let openapiv3::ReferenceOr::Item(schema) = &schemas["Seed"] else {
        panic!()
    };
    let openapiv3::SchemaKind::Type(openapiv3::Type::Integer(int)) = &schema.schema_kind else {
        panic!()
    };
    assert_eq!((int.minimum, int.maximum), (Some(i64::MIN), Some(i64::MAX)));
}

#[test]
fn null_scopes_are_no_scopes() {
    // Square's `/oauth2/revoke`: `security: [{oauth2: null}]`.
    let text = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\nsecurity: [{key: null}]\npaths:\n  /revoke:\n    post:\n      security: [{oauth2: null, key: [a]}]\n      responses: {'200': {description: ok}}\n";
    let spec = parse_str("s.yaml", text).unwrap();
    assert!(spec.warnings.is_empty(), "{:?}", spec.warnings);
    assert_eq!(
        spec.document.security.unwrap()[0]["key"],
        Vec::<String>::new()
    );
    let item = spec.document.paths.paths["/revoke"].as_item().unwrap();
    let security = item.post.as_ref().unwrap().security.as_ref().unwrap();
    assert_eq!(security[0]["oauth2"], Vec::<String>::new());
    assert_eq!(security[0]["key"], ["a"]);
}

#[test]
fn a_type_list_in_3_0_and_2_0_is_read_as_3_1_reads_it() {
    // SendGrid's Swagger 2.0 `type: [object, 'null']`, the form 3.1 allows.
    let schemas = "    A: {type: [object, 'null'], properties: {b: {type: ['null', string]}, c: {type: [integer]}}}\n    D: {type: [string, integer]}\n";
    let v3 = format!("{MINIMAL}components:\n  schemas:\n{schemas}");
    let v2 = format!(
        "swagger: '2.0'\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ndefinitions:\n{schemas}"
    );
    for text in [v3, v2] {
        let spec = parse_str("s.yaml", &text).unwrap();
        let schemas = spec.document.components.unwrap().schemas;
        let openapiv3::ReferenceOr::Item(a) = &schemas["A"] else {
            panic!()
        };
        assert!(a.schema_data.nullable, "{a:?}");
        let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &a.schema_kind else {
            panic!("{a:?}")
        };
        let openapiv3::ReferenceOr::Item(b) = &object.properties["b"] else {
            panic!()
        };
        assert!(b.schema_data.nullable, "{b:?}");
        assert!(
            matches!(
                b.schema_kind,
                openapiv3::SchemaKind::Type(openapiv3::Type::String(_))
            ),
            "{b:?}"
        );
        let openapiv3::ReferenceOr::Item(c) = &object.properties["c"] else {
            panic!()
        };
        assert!(!c.schema_data.nullable, "{c:?}");
        // Two types besides `null` are a `oneOf` of one part per type, as in 3.1.
        assert!(spec.warnings.is_empty(), "{:?}", spec.warnings);
        let openapiv3::ReferenceOr::Item(d) = &schemas["D"] else {
            panic!()
        };
        let openapiv3::SchemaKind::OneOf { one_of } = &d.schema_kind else {
            panic!("{d:?}")
        };
        let kinds: Vec<_> = one_of
            .iter()
            .map(|part| match part {
                openapiv3::ReferenceOr::Item(part) => format!("{:?}", part.schema_kind),
                openapiv3::ReferenceOr::Reference { .. } => panic!("{part:?}"),
            })
            .collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(kinds[0].starts_with("Type(String"), "{kinds:?}");
        assert!(kinds[1].starts_with("Type(Integer"), "{kinds:?}");
    }
}

#[test]
fn openapi_key_may_come_last() {
    let text = "paths: {}\ninfo: {title: T, version: '1'}\nopenapi: 3.0.0\n";
    assert!(parse_str("s.yaml", text).is_ok());
}

#[test]
fn numeric_status_keys_become_strings() {
    let text = MINIMAL.replace(
        "paths: {}",
        "paths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n",
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    assert_eq!(spec.document.paths.paths.len(), 1);
}

/// CR and CRLF in descriptions are line breaks (CommonMark); a CR left in a doc comment is a
/// compile error. Examples keep their bytes.
#[test]
fn line_breaks_in_descriptions_are_newlines_and_examples_are_kept() {
    let spec = parse_str(
        "cr.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1', description: \"a\\r\\nb\\rc\"}\npaths: {}\ncomponents:\n  schemas:\n    U:\n      type: string\n      description: \"old mac\\rbreak\"\n      example: \"x\\r\\ny\"\n",
    )
    .unwrap();
    assert_eq!(spec.document.info.description.as_deref(), Some("a\nb\nc"));
    let bidi = parse_str(
        "bidi.yaml",
        "openapi: 3.0.3\ninfo: {title: \"T\\u202E\", version: '1', description: \"x\\u2066y\\u2069\"}\npaths: {}\n",
    )
    .unwrap();
    assert_eq!(bidi.document.info.title, "T");
    assert_eq!(bidi.document.info.description.as_deref(), Some("xy"));
    let openapiv3::ReferenceOr::Item(schema) =
        &spec.document.components.as_ref().unwrap().schemas["U"]
    else {
        panic!()
    };
    assert_eq!(
        schema.schema_data.description.as_deref(),
        Some("old mac\nbreak")
    );
    assert_eq!(schema.schema_data.example, Some(json!("x\r\ny")));
}

/// A document whose only faults are in what documents it (`info`, tags, servers without a
/// url) loads with a warning for each, every operation kept.
#[test]
fn documentation_faults_cost_no_operation() {
    let spec = parse_str(
        "doc.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: 1.0, contact: {email: 5}}\ntags: [{description: nameless}]\nservers: [{description: no url}]\npaths:\n  /a:\n    get:\n      responses: {'200': {content: {}}}\n",
    )
    .unwrap();
    assert_eq!(spec.document.info.version, "1.0");
    assert!(spec.document.info.contact.is_none());
    assert!(spec.document.tags.is_empty());
    assert!(spec.document.servers.is_empty());
    assert_eq!(spec.document.paths.paths.len(), 1);
    let pointers: Vec<&str> = spec.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/info/contact",
            "#/servers/0",
            "#/tags/0",
            "#/paths/~1a/get/responses/200/description"
        ]
    );
}

#[test]
fn a_bare_major_version_is_read_as_its_first_minor_with_a_warning() {
    // Found in kin-openapi's and swagger-parser's test documents: `openapi: '3'`, `swagger: 2`.
    let three = MINIMAL.replace("3.0.3", "'3'");
    let spec = parse_str("s.yaml", &three).unwrap();
    assert_eq!(spec.version, Version::OpenApi30);
    assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
    assert_eq!(spec.warnings[0].pointer, "#/openapi");
    assert!(
        spec.warnings[0].message.contains("read as 3.0"),
        "{:?}",
        spec.warnings
    );
    let two = "swagger: 2\ninfo: {title: T, version: '1'}\npaths: {}\n";
    let spec = parse_str("s.yaml", two).unwrap();
    assert_eq!(spec.version, Version::Swagger2);
    assert!(
        spec.warnings[0].message.contains("read as 2.0"),
        "{:?}",
        spec.warnings
    );
    // Other versions are still refused.
    for refused in ["'4'", "'3.3.0'", "'2'"] {
        assert!(parse_str("s.yaml", &MINIMAL.replace("3.0.3", refused)).is_err());
    }
}

#[test]
fn a_spec_that_is_not_utf8_is_read_as_windows_1252_with_a_warning() {
    // Found in swagger-parser's test documents: a description saved in Latin-1 (`Cuántos`).
    let text = "openapi: 3.0.3\ninfo: {title: T, description: Cu\u{e1}ntos \u{20ac}, version: '1'}\npaths: {}\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    let spec = parse(Path::new("s.yaml"), &bytes).unwrap();
    assert_eq!(
        spec.document.info.description.as_deref(),
        Some("Cu\u{e1}ntos \u{20ac}")
    );
    assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
    let warning = &spec.warnings[0];
    assert_eq!(warning.pointer, "#");
    assert!(
        warning.message.contains("byte 0xE1 at line 2, column 33"),
        "{warning:?}"
    );
    // The hash is still of the bytes as written.
    assert_eq!(spec.sha256, hex(&Sha256::digest(&bytes)));
}

#[test]
fn a_spec_in_utf16_with_a_byte_order_mark_is_read_without_a_warning() {
    let text = "openapi: 3.0.3\ninfo: {title: Gr\u{f6}\u{df}e, version: '1'}\npaths: {}\n";
    for big_endian in [false, true] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        let spec = parse(Path::new("s.yaml"), &bytes).unwrap();
        assert_eq!(spec.document.info.title, "Gr\u{f6}\u{df}e");
        assert!(spec.warnings.is_empty(), "{:?}", spec.warnings);
    }
}

/// A programming language's type name is the JSON Schema type it means, with the format it
/// implies unless one is written (found in kin-openapi's and libopenapi's tests: `type: int`
/// made the value untyped).
#[test]
fn a_type_name_from_a_programming_language_is_the_type_it_means() {
    let text = format!(
        "{MINIMAL}components:\n  schemas:\n    A:\n      type: object\n      properties:\n        \
         i: {{type: int}}\n        l: {{type: Long}}\n        d: {{type: double, format: decimal}}\n        \
         b: {{type: bool}}\n        t: {{type: datetime}}\n"
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    let warnings: Vec<(&str, &str)> = (spec.warnings.iter())
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    let at = "#/components/schemas/A/properties";
    let means = |name: &str, read: &str| {
        format!("`type: {name}` names no JSON Schema type; it is read as {read}, what it means")
    };
    assert_eq!(
        warnings,
        [
            (
                &*format!("{at}/i/type"),
                &*means("int", "`type: integer` with `format: int32`")
            ),
            (
                &*format!("{at}/l/type"),
                &*means("Long", "`type: integer` with `format: int64`")
            ),
            (
                &*format!("{at}/d/type"),
                &*means("double", "`type: number`")
            ),
            (&*format!("{at}/b/type"), &*means("bool", "`type: boolean`")),
            (
                &*format!("{at}/t/type"),
                &*means("datetime", "`type: string` with `format: date-time`")
            ),
        ]
    );
    let document = serde_json::to_value(&spec.document).unwrap();
    let props = &document["components"]["schemas"]["A"]["properties"];
    assert_eq!(props["l"], json!({"type": "integer", "format": "int64"}));
    assert_eq!(props["d"], json!({"type": "number", "format": "decimal"}));
}

/// `required: true` on a property lists it in the object's `required` (found in hey-api's
/// test documents: the keyword was ignored, and the property optional).
#[test]
fn a_required_flag_on_a_property_lists_it_as_required() {
    let text = format!(
        "{MINIMAL}components:\n  schemas:\n    A:\n      type: object\n      required: [a]\n      \
         properties:\n        a: {{type: string}}\n        b: {{type: string, required: true}}\n        \
         c: {{type: string, required: false}}\n    B:\n      properties:\n        \
         x: {{type: integer, required: true}}\n"
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    let pointers: Vec<&str> = spec.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/A/properties/b/required",
            "#/components/schemas/A/properties/c/required",
            "#/components/schemas/B/properties/x/required",
        ]
    );
    assert!(
        spec.warnings[0]
            .message
            .ends_with("`b` is listed in the object's `required`"),
        "{:?}",
        spec.warnings
    );
    let document = serde_json::to_value(&spec.document).unwrap();
    let schemas = &document["components"]["schemas"];
    assert_eq!(schemas["A"]["required"], json!(["a", "b"]));
    assert_eq!(schemas["B"]["required"], json!(["x"]));
    assert_eq!(schemas["A"]["properties"]["c"], json!({"type": "string"}));
}

/// An `enum` whose values are not of the schema's `type` (ogen's negative tests; YAML authors'
/// quotes): values that spell the type are read as it; a contradiction leaves the enum out,
/// each with a warning (the enum was dropped without a word).
#[test]
fn enum_values_of_another_type_are_read_as_spelled_or_left_out_with_a_warning() {
    let text = format!(
        "{MINIMAL}components:\n  schemas:\n    A:\n      type: object\n      properties:\n        \
         q: {{type: integer, enum: ['1', '2', 3, 4.0, null]}}\n        \
         n: {{type: number, enum: ['1.5', 2]}}\n        \
         b: {{type: boolean, enum: ['true']}}\n        \
         x: {{type: integer, enum: [a, b, c, d, 1]}}\n        \
         s: {{type: string, enum: [1, 2]}}\n        \
         ok: {{type: integer, enum: [1, 2]}}\n"
    );
    let spec = parse_str("s.yaml", &text).unwrap();
    let warnings: Vec<(&str, &str)> = (spec.warnings.iter())
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    let at = "#/components/schemas/A/properties";
    let read = |ty: &str, odd: &str| {
        format!(
            "`enum` values not written as {ty} values ({odd}) are read as the {ty} values they \
             spell, as the schema's `type` says"
        )
    };
    assert_eq!(
        warnings,
        [
            (
                &*format!("{at}/q/enum"),
                &*read("integer", "\"1\", \"2\", 4.0")
            ),
            (&*format!("{at}/n/enum"), &*read("number", "\"1.5\"")),
            (&*format!("{at}/b/enum"), &*read("boolean", "\"true\"")),
            (
                &*format!("{at}/x/enum"),
                "`enum` values that are not integer values (\"a\", \"b\", \"c\", …) contradict \
                 the schema's `type`: the enum is left out, and any integer is accepted"
            ),
        ]
    );
    let document = serde_json::to_value(&spec.document).unwrap();
    let props = &document["components"]["schemas"]["A"]["properties"];
    assert_eq!(props["q"]["enum"], json!([1, 2, 3, 4, null]));
    assert_eq!(props["n"]["enum"], json!([1.5, 2.0]));
    assert_eq!(props["b"]["enum"], json!([true]));
    assert!(props["x"].get("enum").is_none());
    assert_eq!(props["ok"]["enum"], json!([1, 2]));
}
