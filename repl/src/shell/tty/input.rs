//! When a line typed at the terminal is a complete shell input (the line editor's validator), and
//! the clean-up of pasted text: both read the text with the compiler's own lexer, so the shell
//! agrees with the compiler on what ends a form.

use krarup_compiler::lexer::{lex, Tok};

/// Whether `text` is ready to run: it ends with a terminating dot (a `.` followed by whitespace,
/// `%` or the end, outside strings, quoted atoms, `$c` and comments, as OTP's `erl_scan` finds
/// it), with only whitespace and comments after that dot. Text after the last dot that is not
/// finished (`A = 1. B =`, an unterminated string) keeps the input open, so a multi-line entry
/// is edited, run and recalled as one. Blank text counts as complete (the frontend re-prompts).
/// Never panics.
pub fn is_complete(text: &str) -> bool {
    if text.trim().is_empty() {
        return true;
    }
    let Ok((tokens, diags)) = std::panic::catch_unwind(|| lex(text)) else {
        // A lexer bug must not trap the user in an input that never ends.
        return true;
    };
    let Some(last) = tokens.last() else {
        return false;
    };
    if last.tok != Tok::Dot {
        return false;
    }
    // An error after the dot is an unterminated string, quoted atom or `$` running to the end.
    diags.iter().all(|d| d.span.start < last.span.start)
}

/// Removes shell prompts pasted along with earlier input: a `N> ` (digits, `>` and a space) at the
/// start of a line, as copied from a terminal, and OTP 26's `.. ` continuation marker (otp #7558).
/// Other text is kept byte for byte.
pub fn strip_pasted_prompts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(strip_prompt(line));
    }
    out
}

/// `line` without a leading `N> ` or `.. ` (after optional indentation); unchanged otherwise.
fn strip_prompt(line: &str) -> &str {
    let body = line.trim_start_matches([' ', '\t']);
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = body[digits..].strip_prefix("> ") {
            return rest;
        }
    }
    if let Some(rest) = body.strip_prefix(".. ") {
        return rest;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_terminating_dot_completes_the_input() {
        assert!(is_complete("1 + 2."));
        assert!(is_complete("1 + 2.\n"));
        assert!(is_complete("X = 1. % a comment"));
        assert!(is_complete("A = 1. B = 2."));
        assert!(is_complete("   "));
    }

    #[test]
    fn input_without_a_final_dot_is_incomplete() {
        assert!(!is_complete("1 + 2"));
        assert!(!is_complete("lists:seq(1,"));
        assert!(!is_complete("X#r.f"));
        assert!(!is_complete("A = 1. B ="));
        assert!(!is_complete("% only a comment."));
        assert!(!is_complete("1.5"));
    }

    #[test]
    fn dots_inside_strings_atoms_and_chars_do_not_count() {
        assert!(!is_complete("\"abc. "));
        assert!(!is_complete("'abc. "));
        assert!(!is_complete("A = 1. \"abc. "));
        assert!(is_complete("\"a. b\"."));
        assert!(is_complete("$. ."));
        assert!(!is_complete("$"));
    }

    #[test]
    fn pasted_prompts_are_removed_at_line_starts_only() {
        assert_eq!(strip_pasted_prompts("1> X = 1."), "X = 1.");
        assert_eq!(strip_pasted_prompts("12> foo(1,\n12> 2)."), "foo(1,\n2).");
        assert_eq!(strip_pasted_prompts(".. end."), "end.");
        assert_eq!(strip_pasted_prompts("1 > 2."), "1 > 2.");
        assert_eq!(strip_pasted_prompts("X > 2."), "X > 2.");
        assert_eq!(strip_pasted_prompts("a, 1> b."), "a, 1> b.");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn validation_is_total(s in any::<String>()) {
            let _ = is_complete(&s);
            let _ = strip_pasted_prompts(&s);
        }

        #[test]
        fn validation_is_total_on_erlang_like_text(
            s in r#"([a-zA-Z0-9_ .,;:$%#"'\\(){}\[\]<>=\-+*/!?|\n]|\\x\{[0-9a-fA-F]{0,9}\}?){0,80}"#
        ) {
            let _ = is_complete(&s);
            prop_assert_eq!(strip_pasted_prompts(&s).len() <= s.len(), true);
        }
    }
}
