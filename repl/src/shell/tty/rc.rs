//! The terminal shell's start-up file, `$XDG_CONFIG_HOME/krarup/shell.config` (else
//! `~/.config/krarup/shell.config`): Erlang terms, one per `.`, read as `file:consult/1` reads
//! them. A missing file means the defaults; a bad one is reported in one warning line and the
//! shell starts with whatever entries were good.

use krarup_bytecode::module::Literal;
use krarup_compiler::terms::{parse_terms, TermErrorKind};
use std::path::{Path, PathBuf};

/// History entries kept when the start-up file does not say.
pub const DEFAULT_HISTORY_SIZE: usize = 1000;

/// What the start-up file sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `{prompt, "krarup ~B> "}`: the prompt, `~B` standing for the shell's counter; `None`:
    /// erl's `N> `.
    pub prompt: Option<String>,
    /// `{colors, false}` turns colour off (`NO_COLOR` and a non-terminal stdout always do).
    pub colours: bool,
    /// `{history_size, N}`: entries kept in the history file; 0 keeps no history file.
    pub history_size: usize,
    /// `{preload, [lists, "src/app.erl"]}`: modules (atoms) to load and source files (strings)
    /// to compile and load before the first prompt.
    pub preload: Vec<Preload>,
}

/// One `preload` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preload {
    /// A module name, loaded from the code path (`l(Mod)`).
    Module(String),
    /// A source file, compiled and loaded (`c(File)`).
    File(String),
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            prompt: None,
            colours: true,
            history_size: DEFAULT_HISTORY_SIZE,
            preload: Vec::new(),
        }
    }
}

impl Settings {
    /// The prompt for counter `number`.
    pub fn prompt_text(&self, number: u64, default: &str) -> String {
        match &self.prompt {
            Some(format) => format.replace("~B", &number.to_string()),
            None => default.to_string(),
        }
    }
}

/// Where the start-up file is looked for, from `$XDG_CONFIG_HOME` and `$HOME`; `None` when
/// neither is set.
pub fn config_path(xdg_config_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    let base = match (xdg_config_home, home) {
        (Some(x), _) if Path::new(x).is_absolute() => PathBuf::from(x),
        (_, Some(h)) if !h.is_empty() => Path::new(h).join(".config"),
        _ => return None,
    };
    Some(base.join("krarup").join("shell.config"))
}

/// Reads the start-up file at `path`: the settings, and a one-line warning if the file could not
/// be read or holds something bad. A missing file is not a problem.
pub fn load(path: &Path) -> (Settings, Option<String>) {
    match std::fs::read(path) {
        Ok(bytes) => {
            let (settings, problem) = parse(&String::from_utf8_lossy(&bytes));
            let warning =
                problem.map(|p| format!("krarup: start-up file {}: {p}; ignored", path.display()));
            (settings, warning)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
        Err(e) => (
            Settings::default(),
            Some(format!(
                "krarup: start-up file {}: cannot read it ({e}); ignored",
                path.display()
            )),
        ),
    }
}

/// The settings in `text`, and the first problem found (as `line N: what`), if any. Entries
/// before and after a bad one still count; a syntax error drops the whole file.
pub fn parse(text: &str) -> (Settings, Option<String>) {
    let mut settings = Settings::default();
    let terms = match parse_terms(text) {
        Ok(terms) => terms,
        Err(e) => {
            let what = match e.kind {
                TermErrorKind::SyntaxBefore(Some(token)) => format!("syntax error before: {token}"),
                TermErrorKind::SyntaxBefore(None) => "syntax error at the end".to_string(),
                TermErrorKind::BadTerm => "bad term".to_string(),
                TermErrorKind::TooDeep => "term nested too deeply".to_string(),
                TermErrorKind::Scan(text) => text,
            };
            return (settings, Some(format!("line {}: {what}", e.line)));
        }
    };
    let mut problem = None;
    for term in &terms {
        if let Err(p) = apply(&mut settings, term) {
            problem.get_or_insert(p);
        }
    }
    (settings, problem)
}

/// Sets what `term` says, or says why it is not understood.
fn apply(settings: &mut Settings, term: &Literal) -> Result<(), String> {
    let Literal::Tuple(items) = term else {
        return Err(format!("not a {{Key, Value}} tuple: {}", show(term)));
    };
    let [Literal::Atom(key), value] = items.as_slice() else {
        return Err(format!("not a {{Key, Value}} tuple: {}", show(term)));
    };
    let bad = || format!("bad value for {key}: {}", show(value));
    match key.as_str() {
        "prompt" => settings.prompt = Some(text_of(value).ok_or_else(bad)?),
        "colors" | "colours" => {
            settings.colours = match value {
                Literal::Atom(a) if a == "true" => true,
                Literal::Atom(a) if a == "false" => false,
                _ => return Err(bad()),
            }
        }
        "history_size" => {
            settings.history_size = match value {
                Literal::Int(n) => usize::try_from(n).map_err(|_| bad())?,
                _ => return Err(bad()),
            }
        }
        "preload" => {
            let items = list_of(value).ok_or_else(bad)?;
            let mut preload = Vec::new();
            for item in items {
                preload.push(match item {
                    Literal::Atom(m) => Preload::Module(m.clone()),
                    other => Preload::File(text_of(other).ok_or_else(bad)?),
                });
            }
            settings.preload = preload;
        }
        _ => return Err(format!("unknown setting {key}")),
    }
    Ok(())
}

/// The elements of a proper list (`[]` is empty).
fn list_of(term: &Literal) -> Option<&[Literal]> {
    match term {
        Literal::Nil => Some(&[]),
        Literal::List(items, tail) if **tail == Literal::Nil => Some(items),
        _ => None,
    }
}

/// A string (a list of code points) or a binary of UTF-8, as text.
fn text_of(term: &Literal) -> Option<String> {
    match term {
        Literal::Binary(bytes, bits) if *bits % 8 == 0 => String::from_utf8(bytes.clone()).ok(),
        _ => list_of(term)?
            .iter()
            .map(|c| match c {
                Literal::Int(n) => u32::try_from(n).ok().and_then(char::from_u32),
                _ => None,
            })
            .collect(),
    }
}

/// A short form of `term` for a warning.
fn show(term: &Literal) -> String {
    let mut text = format!("{term:?}");
    if text.len() > 60 {
        let mut cut = 57;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push_str("...");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_from_terms() {
        let (s, problem) = parse(
            "{prompt, \"k ~B> \"}.\n{colors, false}.\n{history_size, 50}.\n\
             {preload, [lists, \"src/app.erl\"]}.\n",
        );
        assert_eq!(problem, None);
        assert_eq!(s.prompt_text(7, "7> "), "k 7> ");
        assert!(!s.colours);
        assert_eq!(s.history_size, 50);
        assert_eq!(
            s.preload,
            vec![
                Preload::Module("lists".into()),
                Preload::File("src/app.erl".into())
            ]
        );
    }

    #[test]
    fn the_defaults_without_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let (s, warning) = load(&dir.path().join("missing.config"));
        assert_eq!(s, Settings::default());
        assert_eq!(s.prompt_text(3, "3> "), "3> ");
        assert_eq!(warning, None);
    }

    #[test]
    fn a_bad_file_gives_one_warning_and_the_good_entries() {
        let (s, problem) = parse("{history_size, -1}.\n{colors, false}.\n{bogus, 1}.\n");
        assert!(!s.colours);
        assert_eq!(s.history_size, DEFAULT_HISTORY_SIZE);
        assert_eq!(
            problem.as_deref(),
            Some("bad value for history_size: Int(-1)")
        );
        let (s, problem) = parse("{prompt, \"x\"}\n{colors, false}.");
        assert_eq!(s, Settings::default());
        assert!(problem
            .unwrap()
            .starts_with("line 2: syntax error before: "));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shell.config");
        std::fs::write(&path, "{colors, maybe}.").unwrap();
        let (_, warning) = load(&path);
        let warning = warning.unwrap();
        assert!(!warning.contains('\n'));
        assert!(
            warning.ends_with("bad value for colors: Atom(\"maybe\"); ignored"),
            "{warning}"
        );
    }

    #[test]
    fn the_file_is_under_the_config_directory() {
        assert_eq!(
            config_path(Some("/x/cfg"), Some("/home/u")),
            Some(PathBuf::from("/x/cfg/krarup/shell.config"))
        );
        assert_eq!(
            config_path(None, Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/krarup/shell.config"))
        );
        assert_eq!(
            config_path(Some("relative"), Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/krarup/shell.config"))
        );
        assert_eq!(config_path(None, None), None);
    }
}
