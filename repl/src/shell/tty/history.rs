//! Where the terminal shell keeps its history between sessions: `$XDG_STATE_HOME/krarup/history`,
//! else `~/.local/state/krarup/history` (the XDG base directory rule for state). The file is
//! rustyline's own format (one entry a line, newlines of multi-line entries escaped), so a
//! multi-line entry comes back as one.

use std::path::{Path, PathBuf};

/// The history file for the given `$XDG_STATE_HOME` and `$HOME`; `None` when neither is usable
/// (then the history lasts only for the session).
pub fn history_path(xdg_state_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    let base = match (xdg_state_home, home) {
        (Some(x), _) if Path::new(x).is_absolute() => PathBuf::from(x),
        (_, Some(h)) if !h.is_empty() => Path::new(h).join(".local").join("state"),
        _ => return None,
    };
    Some(base.join("krarup").join("history"))
}

/// Makes the directory of `path` if it is missing. Errors are the caller's to ignore: a
/// history that cannot be saved never stops the shell.
pub fn prepare(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_is_under_the_state_directory() {
        assert_eq!(
            history_path(Some("/s"), Some("/home/u")),
            Some(PathBuf::from("/s/krarup/history"))
        );
        assert_eq!(
            history_path(None, Some("/home/u")),
            Some(PathBuf::from("/home/u/.local/state/krarup/history"))
        );
        assert_eq!(
            history_path(Some(""), Some("/home/u")),
            Some(PathBuf::from("/home/u/.local/state/krarup/history"))
        );
        assert_eq!(history_path(None, None), None);
    }
}
