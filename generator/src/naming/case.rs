//! `PascalCase` and `snake_case` of the ASCII words of a name: the rules of `heck` 0.5
//! (`to_upper_camel_case`, `to_snake_case`) applied to the ASCII letters and digits of `raw`,
//! every other character being a word break, without `heck`'s `fmt` machinery (it ran for
//! every property of a spec). `tests` compares both with `heck` on every name of the corpus.

/// Calls `byte` with each byte of the words of `raw` in order, and whether it starts a word.
/// The words are runs of ASCII letters and digits, split further where a lowercase letter
/// meets an uppercase one (`fooBar`) and before the last capital of a run followed by a
/// lowercase letter (`HTTPServer` → `HTTP`, `Server`). Digits are uncased: they stay with the
/// letters around them, as in `heck`. One pass, no word sliced out: type and variant names are
/// cased tens of thousands of times on a large spec.
fn word_bytes(raw: &str, mut byte: impl FnMut(u8, bool)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let all = raw.as_bytes();
    let mut at = 0;
    while at < all.len() {
        if !all[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        while at < all.len() && all[at].is_ascii_alphanumeric() {
            at += 1;
        }
        let part = &all[start..at];
        let mut mode = Mode::Boundary;
        let mut starts = true;
        for (i, &c) in part.iter().enumerate() {
            let Some(&next) = part.get(i + 1) else {
                byte(c, starts);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                // `fooBar`: the word ends after `c`.
                byte(c, starts);
                starts = true;
                mode = Mode::Boundary;
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                // `HTTPServer`: the word ends before `c`.
                byte(c, true);
                starts = false;
                mode = Mode::Boundary;
            } else {
                byte(c, starts);
                starts = false;
                mode = next_mode;
            }
        }
    }
}

/// `raw`'s ASCII words, each capitalised, joined: `heck`'s `to_upper_camel_case` of them.
pub(super) fn upper_camel(raw: &str) -> String {
    let mut out = Vec::with_capacity(raw.len());
    word_bytes(raw, |b, starts| {
        out.push(if starts {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        });
    });
    ascii(out)
}

/// `raw`'s ASCII words, lowercase, joined by `_`: `heck`'s `to_snake_case` of them.
pub(super) fn snake(raw: &str) -> String {
    lower_joined(raw, b'_')
}

/// `raw`'s ASCII words, lowercase, joined by `-`: `heck`'s `to_kebab_case` of them.
pub(super) fn kebab(raw: &str) -> String {
    lower_joined(raw, b'-')
}

fn lower_joined(raw: &str, separator: u8) -> String {
    let mut out = Vec::with_capacity(raw.len() + 4);
    word_bytes(raw, |b, starts| {
        if starts && !out.is_empty() {
            out.push(separator);
        }
        out.push(b.to_ascii_lowercase());
    });
    ascii(out)
}

/// Bytes that are ASCII (the words and separators above) as a `String`.
fn ascii(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `raw`'s ASCII words, lowercase: the parts of [`snake`] between its `_`.
pub(super) fn lower_words(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    word_bytes(raw, |b, starts| {
        if starts || out.is_empty() {
            out.push(String::new());
        }
        if let Some(word) = out.last_mut() {
            word.push(char::from(b.to_ascii_lowercase()));
        }
    });
    out
}

#[cfg(test)]
mod tests;
