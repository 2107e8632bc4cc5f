//! `PascalCase` and `snake_case` of the ASCII words of a name: the rules of `heck` 0.5
//! (`to_upper_camel_case`, `to_snake_case`) applied to the ASCII letters and digits of `raw`,
//! every other character being a word break, without `heck`'s `fmt` machinery (it ran for
//! every property of a spec). `tests` compares both with `heck` on every name of the corpus.

/// What a byte is to [`word_bytes`]: not part of a word, an ASCII digit, lowercase or uppercase
/// letter. A table: casing reads every byte of every type, variant and field name.
const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const LOWER: u8 = 2;
const UPPER: u8 = 3;
const CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            _ => OTHER,
        };
        b += 1;
    }
    class
};

/// Calls `byte` with each byte of the words of `raw` in order, and whether it starts a word.
/// The words are runs of ASCII letters and digits, split further where a lowercase letter
/// meets an uppercase one (`fooBar`) and before the last capital of a run followed by a
/// lowercase letter (`HTTPServer` → `HTTP`, `Server`). Digits are uncased: they stay with the
/// letters around them, as in `heck`. One pass, no word sliced out: type and variant names are
/// cased tens of thousands of times on a large spec.
fn word_bytes(raw: &str, mut byte: impl FnMut(u8, bool)) {
    /// The case of the run's letters since the last break (digits keep it).
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let all = raw.as_bytes();
    let class_at = |i: usize| all.get(i).map_or(OTHER, |b| CLASS[usize::from(*b)]);
    let mut mode = Mode::Boundary;
    let mut starts = true;
    for (i, &c) in all.iter().enumerate() {
        let class = CLASS[usize::from(c)];
        if class == OTHER {
            // A break: the next letter or digit starts a word.
            mode = Mode::Boundary;
            starts = true;
            continue;
        }
        let next = class_at(i + 1);
        if next == OTHER {
            // The last byte of a run.
            byte(c, starts);
            continue;
        }
        let next_mode = match class {
            LOWER => Mode::Lower,
            UPPER => Mode::Upper,
            _ => mode,
        };
        if next_mode == Mode::Lower && next == UPPER {
            // `fooBar`: the word ends after `c`.
            byte(c, starts);
            starts = true;
            mode = Mode::Boundary;
        } else if mode == Mode::Upper && class == UPPER && next == LOWER {
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
    let mut word: Vec<u8> = Vec::new();
    word_bytes(raw, |b, starts| {
        if starts && !word.is_empty() {
            out.push(ascii(std::mem::take(&mut word)));
        }
        word.push(b.to_ascii_lowercase());
    });
    if !word.is_empty() {
        out.push(ascii(word));
    }
    out
}

#[cfg(test)]
mod tests;
