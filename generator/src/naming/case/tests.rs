use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

use super::{kebab, lower_words, snake, upper_camel};

/// What `naming` passed to `heck`: ASCII letters and digits, everything else a space.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn assert_like_heck(raw: &str) {
    let words = ascii_words(raw);
    assert_eq!(upper_camel(raw), words.to_upper_camel_case(), "{raw:?}");
    assert_eq!(snake(raw), words.to_snake_case(), "{raw:?}");
    assert_eq!(kebab(raw), words.to_kebab_case(), "{raw:?}");
    if raw.is_ascii() {
        // What `naming`'s `*_case` functions rely on: for ASCII, `heck` breaks words at the
        // same characters as `ascii_words`.
        assert_eq!(
            crate::naming::snake_case(raw),
            raw.to_snake_case(),
            "{raw:?}"
        );
        assert_eq!(
            crate::naming::kebab_case(raw),
            raw.to_kebab_case(),
            "{raw:?}"
        );
        assert_eq!(
            crate::naming::upper_camel_case(raw),
            raw.to_upper_camel_case(),
            "{raw:?}"
        );
    }
    let split: Vec<String> = snake(raw)
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(lower_words(raw), split, "{raw:?}");
}

#[test]
fn cases_match_heck_on_tricky_names() {
    for raw in [
        "",
        "a",
        "A",
        "1",
        "fooBar",
        "FooBar",
        "HTTPServer",
        "HTTP2Server",
        "getHTTPResponseCode",
        "ABC",
        "aB",
        "Ab",
        "ABc",
        "a1B",
        "A1b",
        "AB1c",
        "x-ms-version",
        "io.k8s.api.apps.v1.Deployment",
        "1st place",
        "école",
        "naïveSet",
        "Σ",
        "__private__",
        "snake_case_name",
        "SCREAMING_CASE",
        "mixed--Separators..AndCASEs9x",
        "a  b",
        "IPv4Address",
        "ipV6",
        "X509Cert",
    ] {
        assert_like_heck(raw);
    }
}

/// Every line of every spec in the repository's `spec/` tree, whatever it
/// holds (keys, values, punctuation, non-ASCII text).
#[test]
fn cases_match_heck_on_every_line_of_the_specs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut dirs = vec![root];
    let mut lines = 0usize;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for line in text.lines() {
                assert_like_heck(line);
                lines += 1;
            }
        }
    }
    assert!(lines > 100_000, "{lines}");
}
