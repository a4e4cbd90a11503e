//! Colour for the terminal: the line being edited and printed results are painted from the
//! compiler's own lexer (atoms, variables, strings, numbers, keywords, comments); errors are red.
//! Painting only adds ANSI SGR sequences: the visible text is unchanged, as the line editor needs.

use krarup_compiler::diagnostics::Kind;
use krarup_compiler::lexer::{lex, Tok};

/// SGR codes of each kind of text (IEx's `syntax_colors` choices where it has one).
mod sgr {
    pub const ATOM: &str = "36";
    pub const VARIABLE: &str = "34";
    pub const STRING: &str = "32";
    pub const NUMBER: &str = "33";
    pub const KEYWORD: &str = "35";
    pub const COMMENT: &str = "90";
    pub const ERROR: &str = "31";
}

const RESET: &str = "\x1b[0m";

/// Whether colour is wanted: not when `NO_COLOR` is set to anything (no-color.org) or standard
/// output is not a terminal.
pub fn colour_wanted(no_color: Option<std::ffi::OsString>, stdout_is_terminal: bool) -> bool {
    no_color.is_none() && stdout_is_terminal
}

/// `text` with each token wrapped in its colour; the visible characters are exactly `text`'s.
/// Never panics: if the lexer fails, the text comes back unpainted.
pub fn paint(text: &str) -> String {
    std::panic::catch_unwind(|| paint_unguarded(text)).unwrap_or_else(|_| text.to_string())
}

/// `text` in the colour of errors (the shell's `** exception ...` and `* 1:2: ...` reports).
pub fn paint_error(text: &str) -> String {
    wrap(text, sgr::ERROR)
}

fn wrap(text: &str, code: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!("\x1b[{code}m{text}{RESET}")
}

/// The colour of one token, or `None` for punctuation and operators.
fn token_colour(tok: &Tok) -> Option<&'static str> {
    Some(match tok {
        Tok::Atom(_) => sgr::ATOM,
        Tok::Var(_) => sgr::VARIABLE,
        Tok::String(_) | Tok::Char(_) => sgr::STRING,
        Tok::Integer(_) | Tok::Float(_) | Tok::Number(_) => sgr::NUMBER,
        Tok::After
        | Tok::And
        | Tok::AndAlso
        | Tok::Band
        | Tok::Begin
        | Tok::Bnot
        | Tok::Bor
        | Tok::Bsl
        | Tok::Bsr
        | Tok::Bxor
        | Tok::Case
        | Tok::Catch
        | Tok::Cond
        | Tok::Div
        | Tok::End
        | Tok::Fun
        | Tok::If
        | Tok::Let
        | Tok::Not
        | Tok::Of
        | Tok::Or
        | Tok::OrElse
        | Tok::Receive
        | Tok::Rem
        | Tok::Try
        | Tok::When
        | Tok::Xor => sgr::KEYWORD,
        Tok::Other(_) => sgr::ERROR,
        _ => return None,
    })
}

fn paint_unguarded(text: &str) -> String {
    let (tokens, diags) = lex(text);
    // Coloured stretches in text order: tokens, and lex errors (an unterminated string while it
    // is being typed is shown as a string, other errors in red).
    let mut spans: Vec<(usize, usize, Option<&'static str>)> = tokens
        .iter()
        .map(|t| {
            (
                t.span.start as usize,
                t.span.end as usize,
                token_colour(&t.tok),
            )
        })
        .chain(diags.iter().map(|d| {
            let colour = match d.kind {
                Kind::Unterminated(_) | Kind::UnterminatedText { .. } => sgr::STRING,
                _ => sgr::ERROR,
            };
            (d.span.start as usize, d.span.end as usize, Some(colour))
        }))
        .collect();
    spans.sort_by_key(|&(start, end, _)| (start, end));
    let mut out = String::with_capacity(text.len() + 16 * spans.len());
    let mut at = 0;
    for (start, end, colour) in spans {
        // Overlapping or malformed spans are skipped: their text goes out with the next gap.
        if start < at || end < start || text.get(start..end).is_none() {
            continue;
        }
        paint_gap(&text[at..start], &mut out);
        match colour {
            Some(code) => out.push_str(&wrap(&text[start..end], code)),
            None => out.push_str(&text[start..end]),
        }
        at = end;
    }
    paint_gap(&text[at..], &mut out);
    out
}

/// Text between tokens: whitespace and comments (from `%` to the end of the line).
fn paint_gap(gap: &str, out: &mut String) {
    let mut rest = gap;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let comment_end = rest[i..].find('\n').map_or(rest.len(), |n| i + n);
        out.push_str(&wrap(&rest[i..comment_end], sgr::COMMENT));
        rest = &rest[comment_end..];
    }
    out.push_str(rest);
}

/// `painted` without its SGR sequences (the visible text).
#[cfg(test)]
pub fn strip_sgr(painted: &str) -> String {
    let mut out = String::new();
    let mut chars = painted.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tokens_get_their_colours() {
        assert_eq!(paint("X = foo."), "\x1b[34mX\x1b[0m = \x1b[36mfoo\x1b[0m.");
        assert_eq!(paint("\"s\""), "\x1b[32m\"s\"\x1b[0m");
        assert_eq!(paint("12"), "\x1b[33m12\x1b[0m");
        assert_eq!(paint("case"), "\x1b[35mcase\x1b[0m");
        assert_eq!(
            paint("1 % note\n2"),
            "\x1b[33m1\x1b[0m \x1b[90m% note\x1b[0m\n\x1b[33m2\x1b[0m"
        );
    }

    #[test]
    fn an_unterminated_string_is_painted_as_a_string() {
        assert_eq!(paint("\"abc. "), "\x1b[32m\"abc. \x1b[0m");
        assert_eq!(strip_sgr(&paint("f(\"abc")), "f(\"abc");
    }

    #[test]
    fn colour_is_off_with_no_color_or_without_a_terminal() {
        assert!(colour_wanted(None, true));
        assert!(!colour_wanted(Some("".into()), true));
        assert!(!colour_wanted(Some("1".into()), true));
        assert!(!colour_wanted(None, false));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn painting_keeps_the_visible_text(s in any::<String>()) {
            let s = s.replace('\x1b', "");
            prop_assert_eq!(strip_sgr(&paint(&s)), s);
        }

        #[test]
        fn painting_keeps_erlang_like_text(
            s in r#"([a-zA-Z0-9_ .,;:$%#"'\\(){}\[\]<>=\-+*/!?|\n]|\\x\{[0-9a-fA-F]{0,9}\}?|ÿ|é){0,80}"#
        ) {
            prop_assert_eq!(strip_sgr(&paint(&s)), s);
        }
    }

    #[test]
    fn a_huge_line_is_painted() {
        let line = "[".repeat(100_000) + &"\"x".repeat(1000) + "$";
        assert_eq!(strip_sgr(&paint(&line)), line);
    }
}
