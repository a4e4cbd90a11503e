//! Turns the bytes of an Erlang source file (`.erl` or `.hrl`) into text as `epp` does: UTF-8 by
//! default, Latin-1 when the file's first two lines carry a `coding: latin-1` comment.

/// A source file's declared encoding (`epp:read_encoding_from_binary/1`).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Encoding {
    Utf8,
    Latin1,
}

/// How far `epp` looks for the comment: it reads the file in 16 chunks of 32 bytes.
const SCAN_LIMIT: usize = 512;

/// The encoding a `coding:` (or `coding=`) comment on line 1 or 2 declares, as OTP 25's `epp`
/// finds it: after a `%` on the line, the word `coding` (lower case, also inside `fileencoding`),
/// spaces, `:` or `=`, spaces, then a name whose `-`-separated parts begin `latin`,`1` or
/// `utf`,`8` (any case: `latin-1`, `UTF-8`; `latin1` is not recognised). `None` if there is no
/// such comment or the first one found names another encoding.
pub fn declared_encoding(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(SCAN_LIMIT)];
    for line in head.split(|&b| b == b'\n').take(2) {
        let Some(percent) = line.iter().position(|&b| b == b'%') else {
            continue;
        };
        let mut rest = &line[percent + 1..];
        while let Some(c) = rest.iter().position(|&b| b == b'c') {
            rest = &rest[c + 1..];
            let Some(after) = rest.strip_prefix(b"oding") else {
                continue;
            };
            let after = trim_spaces(after);
            let Some((&sep, value)) = after.split_first() else {
                continue;
            };
            if sep != b':' && sep != b'=' {
                rest = after;
                continue;
            }
            // The first complete `coding:` decides, whatever it names.
            return encoding_name(trim_spaces(value));
        }
    }
    None
}

fn trim_spaces(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| c == b' ').count();
    &b[n..]
}

/// `latin-1...` or `utf-8...`: the name's alphanumeric parts between `-`, lower-cased.
fn encoding_name(value: &[u8]) -> Option<Encoding> {
    let len = value
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-')
        .count();
    let name = String::from_utf8_lossy(&value[..len]).to_ascii_lowercase();
    let mut parts = name.split('-');
    match (parts.next(), parts.next()) {
        (Some("latin"), Some("1")) => Some(Encoding::Latin1),
        (Some("utf"), Some("8")) => Some(Encoding::Utf8),
        _ => None,
    }
}

/// The text of a source file named `name`: its bytes decoded as its `coding:` comment says
/// (UTF-8 when there is none), or an error rendered for stderr as
/// `name:line:column: error: ...` at the first byte that is not UTF-8 (column in characters).
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<String, String> {
    if declared_encoding(&bytes) == Some(Encoding::Latin1) {
        return Ok(bytes.iter().map(|&b| char::from(b)).collect());
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        // The prefix is valid UTF-8, so this cannot fail.
        let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        format!(
            "{name}:{line}:{column}: error: cannot translate from UTF-8 (byte 0x{:02X})\n\
             \x20   help: save the file as UTF-8, or declare its encoding with \
             `%% -*- coding: latin-1 -*-` on line 1 or 2\n",
            bytes[at]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each first line beside what `epp:read_encoding_from_binary/1` answered on OTP 25.
    #[test]
    fn finds_the_comment_as_epp_does() {
        let cases: [(&[u8], Option<Encoding>); 13] = [
            (b"%% -*- coding: latin-1 -*-\n", Some(Encoding::Latin1)),
            (b"%% coding: LATIN-1\n", Some(Encoding::Latin1)),
            (
                b"% vim: set fileencoding=latin-1 :\n",
                Some(Encoding::Latin1),
            ),
            (b"%% encoding: latin-1\n", Some(Encoding::Latin1)),
            (b"\"%\" coding: latin-1\n", Some(Encoding::Latin1)),
            (b"%% coding: utf-8\n", Some(Encoding::Utf8)),
            (b"%coding:latin1\n", None),
            (b"%% coding : latin-1\n", Some(Encoding::Latin1)),
            (b"%% Coding: latin-1\n", None),
            (b"%% coding: latin-1x\n", None),
            (b"%% coding: koi8-r\n", None),
            (b"coding: latin-1\n", None),
            (b"\n\n%% coding: latin-1\n", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                declared_encoding(text),
                want,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
        assert_eq!(
            declared_encoding(b"-module(m).\n%% coding: latin-1\n"),
            Some(Encoding::Latin1)
        );
    }

    #[test]
    fn decodes_latin1_and_reports_bad_utf8_by_line_and_column() {
        let latin = b"%% -*- coding: latin-1 -*-\nx() -> \"caf\xe9\".\n".to_vec();
        assert_eq!(
            decode(latin, "m.erl").unwrap(),
            "%% -*- coding: latin-1 -*-\nx() -> \"caf\u{e9}\".\n"
        );
        let bad = b"-module(m).\n%% \xe2\x9c\x93 ok\nx() -> \"caf\xe9\".\n".to_vec();
        let e = decode(bad, "m.erl").unwrap_err();
        assert!(
            e.starts_with("m.erl:3:12: error: cannot translate from UTF-8 (byte 0xE9)\n"),
            "{e}"
        );
        assert!(e.contains("coding: latin-1"), "{e}");
    }
}
