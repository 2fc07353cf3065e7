//! Names the field a JSON decoding error is about (`rows[0].credits`), found only when decoding
//! has already failed.
//!
//! `serde_json` says where in the text it stopped (line and column), not which field that is.
//! Walking the text up to that point with a stack of open objects and arrays gives the field's
//! path. This costs nothing on the happy path and keeps one monomorphised copy of every
//! `Deserialize` impl, where wrapping the deserializer to track the path on every value cost
//! about 80 KB of wasm.

use std::fmt::Write;

/// One open container of the walk.
enum Frame<'a> {
    /// An object; `key` is the member being read, `None` while a key is expected.
    Object { key: Option<&'a str> },
    /// An array at element `index`.
    Array { index: usize },
}

/// Where `serde_json` reports an error, relative to what it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reported {
    /// Just after the closing `}` or `]` of the object or array it is about (a missing field, a
    /// wrong length): a position there names that container.
    AfterContainer,
    /// At the value it is about (a wrong type, found when the value was peeked at).
    AtValue,
    /// After the value it is about (refused by its `Deserialize` impl once read), possibly past
    /// the `,`, `}` or `]` and whitespace `serde_json` consumed after it: that delimiter is not
    /// counted, so the value keeps its name.
    AfterValue,
}

/// The path of the field that the error at (`line`, `column`) of `body` is about, as `serde_json`
/// reports positions (1-based line, column in bytes from the line's start, counting the byte
/// it stopped at). `"."` is the whole document.
pub fn path_at(body: &str, line: usize, column: usize, reported: Reported) -> String {
    let bytes = body.as_bytes();
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    let mut end = (line_start + column).min(bytes.len());
    if reported == Reported::AfterValue {
        let last = bytes[..end].iter().rposition(|b| !b.is_ascii_whitespace());
        if let Some(i) = last.filter(|&i| matches!(bytes[i], b'}' | b']' | b',')) {
            // Only after a scalar: a `]` right after `[` closes the value itself.
            let before = bytes[..i].iter().rposition(|b| !b.is_ascii_whitespace());
            if before.is_some_and(|j| bytes[j] == b'"' || bytes[j].is_ascii_alphanumeric()) {
                end = i;
            }
        }
    }

    let mut stack: Vec<Frame> = Vec::new();
    let mut closed: Option<String> = None;
    let mut string_start: Option<usize> = None;
    let mut escaped = false;
    for (i, &b) in bytes[..end].iter().enumerate() {
        if let Some(start) = string_start {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                string_start = None;
                if let Some(Frame::Object { key: key @ None }) = stack.last_mut() {
                    *key = Some(&body[start..i]);
                }
            }
            continue;
        }
        if b.is_ascii_whitespace() {
            continue;
        }
        closed = None;
        match b {
            b'"' => string_start = Some(i + 1),
            b'{' => stack.push(Frame::Object { key: None }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
                closed = Some(render(&stack));
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key }) => *key = None,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
    }
    closed.unwrap_or_else(|| render(&stack))
}

/// `a.b[2].c` for the members and elements being read, `.` for none.
fn render(stack: &[Frame]) -> String {
    let mut out = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(key) } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => {
                let _ = write!(out, "[{index}]");
            }
        }
    }
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

/// The path of a `serde_json` error that is about a value (`"."` for syntax errors and a cut-off
/// text, which are about the document).
pub fn path_of(body: &str, err: &serde_json::Error) -> String {
    if err.is_syntax() || err.is_eof() {
        ".".into()
    } else {
        // serde's own wording for each kind of error, which serde_json keeps.
        let text = err.to_string();
        let reported = if text.starts_with("missing field") || text.starts_with("invalid length") {
            Reported::AfterContainer
        } else if text.starts_with("invalid type") {
            Reported::AtValue
        } else {
            Reported::AfterValue
        };
        path_at(body, err.line(), err.column(), reported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Row {
        name: String,
        credits: u32,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        title: String,
        rows: Vec<Row>,
        totals: Totals,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Totals {
        all: u32,
        #[serde(default)]
        spent: Option<Positive>,
        kinds: Vec<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Flow,
        Pilot,
    }

    /// A number its own `Deserialize` refuses, as the app's credits refuse negative ones.
    #[derive(Debug)]
    struct Positive;

    impl<'de> Deserialize<'de> for Positive {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let n = f64::deserialize(d)?;
            if n < 0.0 {
                return Err(serde::de::Error::custom("cannot be negative"));
            }
            Ok(Positive)
        }
    }

    /// The path `path_of` gives for decoding `body` as a `Page`.
    fn failing(body: &str) -> String {
        let err = serde_json::from_str::<Page>(body).unwrap_err();
        path_of(body, &err)
    }

    #[test]
    fn a_wrong_value_is_named_by_its_members_and_elements() {
        let body = r#"{"title":"t","rows":[{"name":"a","credits":1},{"name":"b","credits":"x"}],"totals":{"all":1,"kinds":[]}}"#;
        assert_eq!(failing(body), "rows[1].credits");
        let body = r#"{"title":"t","rows":[],"totals":{"all":-1,"kinds":[]}}"#;
        assert_eq!(failing(body), "totals.all");
        let body = r#"{"title":"t","rows":[],"totals":{"all":1,"kinds":["flow","robot"]}}"#;
        assert_eq!(failing(body), "totals.kinds[1]");
        let body = r#"{"title":7,"rows":[],"totals":{"all":1,"kinds":[]}}"#;
        assert_eq!(failing(body), "title");
    }

    #[test]
    fn a_value_its_own_impl_refuses_is_named_though_the_error_points_past_it() {
        for tail in ["}", ",\"all\":1}", " }"] {
            let body =
                format!(r#"{{"title":"t","rows":[],"totals":{{"kinds":[],"spent":-1{tail}}}"#);
            assert_eq!(failing(&body), "totals.spent", "{body}");
        }
    }

    #[test]
    fn an_object_sent_as_an_array_is_named_itself() {
        for totals in ["[]", "[1]", "[ 1 , 2 ]"] {
            let body = format!(r#"{{"title":"t","rows":[],"totals":{totals}}}"#);
            assert_eq!(failing(&body), "totals", "{body}");
        }
        // A wrong type inside it is named by its place.
        let body = r#"{"title":"t","rows":[],"totals":[ 1 , [] ] }"#;
        assert_eq!(failing(body), "totals[1]");
    }

    #[test]
    fn a_refused_value_in_pretty_printed_json_keeps_its_name() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Spent {
            spent: Vec<Positive>,
        }
        let body = "{\n  \"spent\": [\n    1,\n    -1,\n    2\n  ]\n}";
        let err = serde_json::from_str::<Spent>(body).unwrap_err();
        assert_eq!(path_of(body, &err), "spent[1]");
        let body = "{\n  \"spent\": [\n    -1\n  ]\n}";
        let err = serde_json::from_str::<Spent>(body).unwrap_err();
        assert_eq!(path_of(body, &err), "spent[0]");
    }

    #[test]
    fn a_missing_field_names_the_object_it_is_missing_from() {
        let body = r#"{"title":"t","rows":[{"name":"a","credits":1},{"name":"b"}],"totals":{"all":1,"kinds":[]}}"#;
        assert_eq!(failing(body), "rows[1]");
        let body = r#"{"title":"t","rows":[]}"#;
        assert_eq!(failing(body), ".");
        let body = r#"{"title":"t","rows":[],"totals":{"kinds":[]}}"#;
        assert_eq!(failing(body), "totals");
    }

    #[test]
    fn brackets_and_quotes_inside_strings_and_line_breaks_do_not_mislead_it() {
        let body = "{\n  \"title\": \"a [\\\"quoted\\\"] {title}, too\",\n  \"rows\": [\n    {\"name\": \"x]}\", \"credits\": 1},\n    {\"name\": \"y\", \"credits\": null}\n  ],\n  \"totals\": {\"all\": 1, \"kinds\": []}\n}";
        assert_eq!(failing(body), "rows[1].credits");
    }

    #[test]
    fn syntax_errors_are_about_the_document() {
        assert_eq!(failing(r#"{"rows": [{"credits": 1,"#), ".");
        assert_eq!(failing("<!doctype html>"), ".");
    }
}
