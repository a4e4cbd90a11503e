//! Tab completion at the shell prompt: module names, `mod:` → exported functions with arity,
//! shell commands, bound variables, record names after `#` and fields inside `#r{` (or after
//! `#r.`), and file names inside `c("...")`. What the text around the cursor means is read with
//! the compiler's lexer; what exists is asked of the running shell through [`ShellState`].

use super::super::frontend::ShellState;
use krarup_compiler::diagnostics::Kind;
use krarup_compiler::lexer::{lex, Tok};
use std::path::Path;

/// One completion: what the list shows (`split/2`) and what replaces the word (`split(`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Shown in the list of candidates.
    pub display: String,
    /// Replaces the text from the returned start offset to the cursor.
    pub replacement: String,
}

fn candidate(display: impl Into<String>, replacement: impl Into<String>) -> Candidate {
    Candidate {
        display: display.into(),
        replacement: replacement.into(),
    }
}

/// Completions for the cursor at byte offset `pos` of `line`: the byte offset where the replaced
/// word starts, and the candidates (sorted, without duplicates). `state` is `None` before the
/// shell is up (only file names complete then); `cwd` is where relative file names are looked up.
/// Never panics on any `line` and `pos` (an offset past the end or inside a character gives no
/// candidates).
pub fn complete(
    line: &str,
    pos: usize,
    state: Option<&dyn ShellState>,
    cwd: &Path,
) -> (usize, Vec<Candidate>) {
    let Some(prefix) = line.get(..pos) else {
        return (pos, Vec::new());
    };
    let (tokens, diags) = lex(prefix);
    // Inside an unfinished string or quoted atom: only file names, and only in c("...").
    if let Some(open) = diags.iter().find(|d| {
        matches!(
            d.kind,
            Kind::Unterminated(_) | Kind::UnterminatedText { .. }
        ) && d.span.end as usize >= prefix.len()
    }) {
        let quote = open.span.start as usize;
        let before: Vec<&Tok> = tokens
            .iter()
            .filter(|t| (t.span.end as usize) <= quote)
            .map(|t| &t.tok)
            .collect();
        let in_call = matches!(
            before.as_slice(),
            [.., Tok::Atom(f), Tok::LParen] if matches!(f.as_str(), "c" | "cd" | "ls")
        );
        if in_call && prefix[quote..].starts_with('"') {
            return complete_file(prefix, quote + 1, cwd);
        }
        return (pos, Vec::new());
    }
    let Some(state) = state else {
        return (pos, Vec::new());
    };
    let word_len: usize = prefix
        .chars()
        .rev()
        .take_while(|&c| is_name_char(c))
        .map(char::len_utf8)
        .sum();
    let start = pos - word_len;
    let word = &prefix[start..];
    let before = &prefix[..start];
    let mut found = if let Some(module) = module_before(before) {
        state
            .exports(module)
            .into_iter()
            .filter(|(name, _)| name.starts_with(word))
            .map(|(name, arity)| candidate(format!("{name}/{arity}"), format!("{name}(")))
            .collect()
    } else if before.ends_with('#') {
        state
            .records()
            .into_iter()
            .filter(|(name, _)| name.starts_with(word))
            .map(|(name, _)| candidate(name.clone(), format!("{name}{{")))
            .collect()
    } else if let Some(record) = record_around(&tokens, before) {
        state
            .records()
            .into_iter()
            .filter(|(name, _)| *name == record)
            .flat_map(|(_, fields)| fields)
            .filter(|field| field.starts_with(word))
            .map(|field| candidate(field.clone(), field))
            .collect()
    } else if word.starts_with(|c: char| c.is_uppercase() || c == '_') {
        state
            .bound_variables()
            .into_iter()
            .filter(|v| v.starts_with(word))
            .map(|v| candidate(v.clone(), v))
            .collect()
    } else if word.starts_with(|c: char| c.is_lowercase()) {
        let mut found: Vec<Candidate> = state
            .commands()
            .into_iter()
            .filter(|(name, _)| name.starts_with(word))
            .map(|(name, arity)| candidate(format!("{name}/{arity}"), format!("{name}(")))
            .collect();
        found.extend(
            state
                .modules()
                .into_iter()
                .filter(|m| m.starts_with(word))
                .map(|m| candidate(format!("{m}:"), format!("{m}:"))),
        );
        found
    } else {
        Vec::new()
    };
    found.sort_by(|a, b| a.display.cmp(&b.display));
    found.dedup();
    (start, found)
}

/// Characters of unquoted atoms and variables.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@'
}

/// The module of a remote call being typed: `lists` when `before` ends with `lists:` (not `::`).
fn module_before(before: &str) -> Option<&str> {
    let head = before.strip_suffix(':')?;
    if head.ends_with(':') {
        return None;
    }
    let len: usize = head
        .chars()
        .rev()
        .take_while(|&c| is_name_char(c))
        .map(char::len_utf8)
        .sum();
    let module = &head[head.len() - len..];
    module
        .starts_with(|c: char| c.is_lowercase())
        .then_some(module)
}

/// The record whose fields are being typed: the innermost open `{` is `#name{`, or `before` ends
/// with `#name.`.
fn record_around(tokens: &[krarup_compiler::lexer::Token], before: &str) -> Option<String> {
    // Tokens entirely before the word (the word itself may have lexed as the last token).
    let tokens: Vec<&Tok> = tokens
        .iter()
        .filter(|t| (t.span.end as usize) <= before.len())
        .map(|t| &t.tok)
        .collect();
    if before.ends_with('.') {
        // At the end of the text the `.` lexes as a terminating dot.
        if let [.., Tok::Hash, Tok::Atom(name), Tok::Period | Tok::Dot] = tokens.as_slice() {
            return Some(name.clone());
        }
    }
    let mut open: Vec<Option<&String>> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        match tok {
            Tok::LBrace => {
                let record = match &tokens[..i] {
                    [.., Tok::Hash, Tok::Atom(name)] => Some(name),
                    _ => None,
                };
                open.push(record);
            }
            Tok::LParen
            | Tok::LBracket
            | Tok::DoubleLt
            | Tok::Begin
            | Tok::Case
            | Tok::Fun
            | Tok::If
            | Tok::Receive
            | Tok::Try => open.push(None),
            Tok::RBrace | Tok::RParen | Tok::RBracket | Tok::DoubleGt | Tok::End => {
                open.pop();
            }
            _ => {}
        }
    }
    // Only directly inside the braces after `{` or `,` (not in a field's value after `=`).
    let after_separator = matches!(tokens.last(), Some(Tok::LBrace | Tok::Comma));
    match open.last() {
        Some(Some(name)) if after_separator => Some((*name).clone()),
        _ => None,
    }
}

/// File names for the string that starts at byte `from` of `prefix`: entries of the directory
/// typed so far whose names start with the rest; directories end with `/`. Hidden entries only
/// when the typed name starts with `.`.
fn complete_file(prefix: &str, from: usize, cwd: &Path) -> (usize, Vec<Candidate>) {
    let typed = &prefix[from..];
    let (dir, name) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let start = prefix.len() - name.len();
    let dir_path = if dir.is_empty() {
        cwd.to_path_buf()
    } else {
        cwd.join(dir)
    };
    let Ok(entries) = std::fs::read_dir(&dir_path) else {
        return (start, Vec::new());
    };
    let mut found: Vec<Candidate> = entries
        .flatten()
        .take(10_000)
        .filter_map(|e| {
            let file = e.file_name().into_string().ok()?;
            if !file.starts_with(name) || (file.starts_with('.') && !name.starts_with('.')) {
                return None;
            }
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false) || e.path().is_dir();
            let shown = if is_dir { format!("{file}/") } else { file };
            Some(candidate(shown.clone(), shown))
        })
        .collect();
    found.sort_by(|a, b| a.display.cmp(&b.display));
    (start, found)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A shell with a few modules, bindings and records, for completion tests.
    pub struct FakeState;

    impl ShellState for FakeState {
        fn bound_variables(&self) -> Vec<String> {
            vec!["Acc".into(), "Alpha".into(), "X".into()]
        }
        fn records(&self) -> Vec<(String, Vec<String>)> {
            vec![
                ("person".into(), vec!["name".into(), "age".into()]),
                ("point".into(), vec!["x".into(), "y".into()]),
            ]
        }
        fn modules(&self) -> Vec<String> {
            vec!["lists".into(), "lists_extra".into(), "maps".into()]
        }
        fn exports(&self, module: &str) -> Vec<(String, u8)> {
            match module {
                "lists" => vec![
                    ("reverse".into(), 1),
                    ("reverse".into(), 2),
                    ("split".into(), 2),
                    ("splitwith".into(), 2),
                ],
                _ => Vec::new(),
            }
        }
        fn commands(&self) -> Vec<(String, u8)> {
            vec![
                ("b".into(), 0),
                ("c".into(), 1),
                ("c".into(), 2),
                ("help".into(), 0),
            ]
        }
    }

    fn shown(line: &str) -> (usize, Vec<String>) {
        let (start, found) = complete(line, line.len(), Some(&FakeState), Path::new("."));
        (start, found.into_iter().map(|c| c.display).collect())
    }

    #[test]
    fn functions_of_a_module_with_arity() {
        assert_eq!(
            shown("lists:sp"),
            (6, vec!["split/2".into(), "splitwith/2".into()])
        );
        let (_, found) = complete("X = lists:rev", 13, Some(&FakeState), Path::new("."));
        assert_eq!(found[0].replacement, "reverse(");
        assert_eq!(found.len(), 2);
        assert_eq!(shown("nomod:x").1, Vec::<String>::new());
    }

    #[test]
    fn modules_and_commands() {
        assert_eq!(shown("li").1, vec!["lists:", "lists_extra:"]);
        assert_eq!(shown("foo(he").1, vec!["help/0"]);
        assert_eq!(shown("c").1, vec!["c/1", "c/2"]);
    }

    #[test]
    fn variables_records_and_fields() {
        assert_eq!(shown("foo(A").1, vec!["Acc", "Alpha"]);
        assert_eq!(shown("#p").1, vec!["person", "point"]);
        assert_eq!(shown("#person{").1, vec!["age", "name"]);
        assert_eq!(shown("#person{name = \"x\", a").1, vec!["age"]);
        assert_eq!(shown("P#point.").1, vec!["x", "y"]);
        assert_eq!(shown("#person{name = {a, ag").1, Vec::<String>::new());
    }

    #[test]
    fn file_names_inside_c() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("alpha.erl"), "").unwrap();
        std::fs::write(dir.path().join("beta.erl"), "").unwrap();
        std::fs::create_dir(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/gamma.erl"), "").unwrap();
        let names = |line: &str| {
            let (start, found) = complete(line, line.len(), Some(&FakeState), dir.path());
            (
                start,
                found.into_iter().map(|c| c.replacement).collect::<Vec<_>>(),
            )
        };
        assert_eq!(names("c(\"al"), (3, vec!["alpha.erl".to_string()]));
        assert_eq!(names("c(\"").1, vec!["alpha.erl", "beta.erl", "src/"]);
        assert_eq!(names("c(\"src/g"), (7, vec!["gamma.erl".to_string()]));
        assert_eq!(names("io:format(\"al").1, Vec::<String>::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn completion_is_total(s in any::<String>(), at in any::<usize>()) {
            let pos = at % (s.len() + 2);
            let (start, _) = complete(&s, pos, Some(&FakeState), Path::new("."));
            prop_assert!(start <= pos);
        }

        #[test]
        fn completion_is_total_on_erlang_like_text(
            s in r#"([a-zA-Z0-9_ .,;:$%#"'\\(){}\[\]<>=\-+*/!?|\n]|#person\{|lists:|c\("|\\x\{){0,60}"#
        ) {
            let (start, _) = complete(&s, s.len(), Some(&FakeState), Path::new("."));
            prop_assert!(start <= s.len());
        }
    }
}
