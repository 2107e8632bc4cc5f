//! Doc comments from the API description's Markdown, safe for rustdoc and clippy.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = …]` attributes for `text`, one per line, safe for rustdoc: code fences without a
/// language become `text` blocks so they are never run as doctests, and indentation outside
/// fences is removed so it cannot start an (implicitly Rust) indented code block.
pub(crate) fn docs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    markdown_lines(text)
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                line
            } else {
                super::print::concat(&[" ", &line])
            }
        })
        .collect()
}

/// Text from the API description as Markdown that rustdoc and clippy read as its author meant:
/// lines trimmed (outside fences), fences that rustdoc would compile as Rust marked `text`, and
/// lazy continuation lines (a line that continues a quote or a list item without its `>` or its
/// indent, which clippy's `doc_lazy_continuation` denies) written out in full, which Markdown
/// renders the same.
pub(crate) fn markdown_lines(text: &str) -> Vec<String> {
    let mut in_fence = false;
    let mut block = Block::Paragraph;
    let mut lines = Vec::new();
    let text = doc_safe(text);
    for line in text.trim().lines() {
        // Tabs first, so a list marker followed by one (`*\titem`) is read as a list item.
        let line = without_tabs(line);
        let line: &str = &line;
        let trimmed = line.trim_start();
        // A fence opens with a line of backticks whose info string has none (a backtick in it
        // makes the line inline code: "```Authorization: KEY ```"), and closes with a line of
        // backticks alone (CommonMark 0.31, 4.5).
        let fence = trimmed.strip_prefix("```").filter(|info| {
            if in_fence {
                info.trim_end().bytes().all(|b| b == b'`')
            } else {
                !info.contains('`')
            }
        });
        let line = if let Some(info) = fence {
            block = Block::Paragraph;
            if in_fence {
                in_fence = false;
                "```".to_owned()
            } else {
                in_fence = true;
                let info = info.trim();
                let info = if info.is_empty() || is_rust_info(info) {
                    "text"
                } else {
                    info
                };
                format!("```{info}")
            }
        } else if in_fence {
            line.to_owned()
        } else {
            let trimmed = trimmed.trim_end();
            let continued = match block {
                _ if trimmed.is_empty() => {
                    block = Block::Paragraph;
                    None
                }
                _ if trimmed.starts_with('>') => {
                    block = Block::Quote;
                    None
                }
                _ if list_marker_width(trimmed).is_some() => {
                    block = Block::ListItem(list_marker_width(trimmed).unwrap_or_default());
                    None
                }
                _ if starts_block(trimmed) => {
                    block = Block::Paragraph;
                    None
                }
                Block::Quote => Some(format!("> {trimmed}")),
                Block::ListItem(width) => Some(format!("{:width$}{trimmed}", "")),
                Block::Paragraph => None,
            };
            continued.unwrap_or_else(|| trimmed.to_owned())
        };
        lines.push(line);
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    lines
}

/// `line` with each tab replaced by the spaces to the next multiple of four columns: a tab in
/// a doc comment is a clippy error (`tabs_in_doc_comments`), and Markdown renders both alike.
fn without_tabs(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = 4 - column % 4;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The Markdown block a line of text would continue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// A plain paragraph, or nothing.
    Paragraph,
    /// A block quote.
    Quote,
    /// A list item whose text starts this many columns in.
    ListItem(usize),
}

/// Where a list item's text starts: after its marker (`-`, `*`, `+`, `1.`, `10)`) and spaces.
fn list_marker_width(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    // The text starts after the marker's spaces, one to four; with more, after the first.
    let spaces = line.as_bytes()[marker..]
        .iter()
        .take_while(|b| **b == b' ')
        .count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Whether a line starts a block of its own (a heading, a rule, HTML that may interrupt a
/// paragraph), which is never a lazy continuation. A table row is not one: a table cannot
/// interrupt a paragraph, so rows right after a list item's text continue it (ndhm.gov.in's
/// error causes), and keep its indent.
fn starts_block(line: &str) -> bool {
    is_heading(line)
        || line.starts_with('=')
        || (line.starts_with('<') && html_interrupts_paragraph(line))
        || ["---", "***", "___"]
            .iter()
            .any(|rule| line.starts_with(rule))
}

/// An ATX heading: one to six `#` followed by a space or nothing (`#hashtag` is text).
fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes) && matches!(line.as_bytes().get(hashes), None | Some(b' '))
}

/// Whether an HTML line may interrupt a paragraph: CommonMark's HTML blocks of kinds 1 to 6
/// (`<pre>`, `<script>`, comments, `<?`, `<!X`, CDATA and the block-level tags); any other
/// tag (kind 7, `<x-lifecycle>`, `<span>`) continues the paragraph (CommonMark 0.31, 4.6).
fn html_interrupts_paragraph(line: &str) -> bool {
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "pre",
        "script",
        "style",
        "textarea",
    ];
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if let Some(after) = rest.strip_prefix('!') {
        // Comments, declarations (`<!DOCTYPE`) and CDATA.
        return after.starts_with("--")
            || after.starts_with("[CDATA[")
            || after.starts_with(|c: char| c.is_ascii_alphabetic());
    }
    if rest.starts_with('?') {
        // Processing instructions.
        return true;
    }
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let (name, after) = rest.split_at(name_len);
    BLOCK_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name))
        && (after.is_empty() || after.starts_with([' ', '>', '/']))
}

/// Whether rustdoc would compile a fence with this info string as Rust.
fn is_rust_info(info: &str) -> bool {
    info.split([',', ' ']).all(|word| {
        matches!(
            word,
            "" | "rust"
                | "ignore"
                | "should_panic"
                | "no_run"
                | "compile_fail"
                | "edition2015"
                | "edition2018"
                | "edition2021"
                | "edition2024"
        )
    })
}

/// `text` without what rustc refuses in a doc comment, whatever part of the API description
/// it comes from (an `operationId` or a path as well as a description): a bare CR (`bare CR not
/// allowed in doc-comment`) is a line break, as CommonMark reads it; bidirectional-text
/// controls are dropped.
fn doc_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(|c| c == '\r' || crate::ir::is_bidi_control(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut safe = text.replace("\r\n", "\n").replace('\r', "\n");
    safe.retain(|c| !crate::ir::is_bidi_control(c));
    std::borrow::Cow::Owned(safe)
}

/// `text` as a Markdown code span: control characters escaped ([`code_span_text`]), and a
/// fence of one backtick more than the longest run of them in the text (with a space inside
/// each end, which Markdown strips), so a name holding a backtick stays one span.
pub(crate) fn code_span(text: &str) -> String {
    let text = code_span_text(text);
    let mut longest = 0;
    let mut run = 0;
    for b in text.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest == 0 {
        return super::print::concat(&["`", &text, "`"]);
    }
    let fence = "`".repeat(longest + 1);
    super::print::concat(&[&fence, " ", &text, " ", &fence])
}

/// A value from the API description (an enum value, an `operationId`) as docs show it in a
/// code span: control and bidirectional-text characters escaped as Rust writes them (`a\rb`),
/// so the doc line is one line and rustc accepts it.
pub(crate) fn code_span_text(value: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || crate::ir::is_bidi_control(c);
    if !value.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut text = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if unsafe_char(c) {
            text.extend(c.escape_debug());
        } else {
            text.push(c);
        }
    }
    std::borrow::Cow::Owned(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_span_is_one_span_whatever_backticks_it_holds() {
        // Found in ogen's tests (`quoted_field_name.json`): a parameter named "`param3" made
        // "the ``param3` path parameter", two broken spans.
        assert_eq!(code_span("param3"), "`param3`");
        assert_eq!(code_span("`param3"), "`` `param3 ``");
        assert_eq!(code_span("a``b`"), "``` a``b` ```");
        assert_eq!(code_span("GET /a\rb"), "`GET /a\\rb`");
        assert_eq!(code_span("a\rb"), "`a\\rb`");
    }

    #[test]
    fn tabs_become_spaces_to_the_next_stop_of_four() {
        // Found on mist.com, fire.com and others: a tab in a doc comment fails clippy's
        // `tabs_in_doc_comments`.
        let lines = markdown_lines("* ?duration=1d\tspecify\n```\n\tab\tc\n```");
        assert_eq!(
            lines,
            ["* ?duration=1d  specify", "```text", "    ab  c", "```"]
        );
        // A tab after a list marker makes a list item, whose next line is indented under it
        // (docusign: clippy's `doc_lazy_continuation` otherwise).
        let lines = markdown_lines("*\t`none`: no prompt\nshown");
        assert_eq!(lines, ["*   `none`: no prompt", "    shown"]);
    }

    #[test]
    fn bare_fences_become_text_and_indentation_is_dropped() {
        let lines = doc_lines("Intro\n\n    indented\n```\nlet x = 1;\n```\n```json\n{}\n```");
        assert_eq!(
            lines,
            [
                " Intro",
                "",
                " indented",
                " ```text",
                " let x = 1;",
                " ```",
                " ```json",
                " {}",
                " ```"
            ]
        );
    }

    /// api2pdf.com: a line of inline code that starts with three backticks is paragraph text
    /// (a list item's lazy continuation here), not a fence, and the fences after it keep
    /// their sense; inside a fence, a backtick line with an info string is content.
    #[test]
    fn backticks_with_a_backtick_after_them_are_inline_code_not_a_fence() {
        let lines = markdown_lines(
            "- POST requests, add a header.\n```Authorization: KEY ```\n\n```\nGET /a\n```json\n```\nend",
        );
        assert_eq!(
            lines,
            [
                "- POST requests, add a header.",
                "  ```Authorization: KEY ```",
                "",
                "```text",
                "GET /a",
                "```json",
                "```",
                "end"
            ]
        );
    }

    #[test]
    fn table_rows_after_a_list_item_keep_its_indent() {
        // ndhm.gov.in: a table cannot interrupt a paragraph, so rows right after an item's
        // text continue it; at column 0 clippy's `doc_lazy_continuation` denies them. After a
        // blank line, or a paragraph, a table is where it was.
        let lines = markdown_lines("* A mismatch.\n    | a | b |\n    | - | - |\n\n| c |\n|---|");
        assert_eq!(
            lines,
            [
                "* A mismatch.",
                "  | a | b |",
                "  | - | - |",
                "",
                "| c |",
                "|---|"
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_is_closed() {
        assert_eq!(doc_lines("```\ncode"), [" ```text", " code", " ```"]);
    }
}
