//! Programs with arguments: what `krarup run prog.erl -- ARGS` and an escript-style run
//! (`krarup prog.erl ARGS`, the `#!/usr/bin/env krarup` line) hand to the program, and which
//! entry function they call (escript's `main/1` with the arguments as strings, else `main/0`).

use krarup_bytecode::module::Module;
use std::ffi::OsString;
use std::path::PathBuf;

/// Exit status of an escript-style run that fails (compile error, no entry function, uncaught
/// exception), as escript's.
pub const EXIT_SCRIPT_FAILURE: i32 = 127;

/// The command-line arguments a program receives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgramArgs {
    /// The arguments, in order: `main/1`'s list of strings.
    pub args: Vec<String>,
    /// The script's path as given, for an escript-style run: it heads
    /// `init:get_plain_arguments/0` (as under escript) and failures exit with
    /// [`EXIT_SCRIPT_FAILURE`]. `None` for `krarup run`, whose plain arguments are `args` alone
    /// (as `erl -extra ARGS`).
    pub script: Option<String>,
}

impl ProgramArgs {
    /// `init:get_plain_arguments/0`'s strings.
    pub fn plain_arguments(&self) -> Vec<String> {
        self.script.iter().chain(&self.args).cloned().collect()
    }

    /// The exit status of a run that fails before or while running its entry function.
    pub fn failure_status(&self) -> i32 {
        match self.script {
            Some(_) => EXIT_SCRIPT_FAILURE,
            None => crate::EXIT_FAILURE,
        }
    }
}

/// An escript-style command line: `krarup FILE ARGS...` where FILE names an Erlang source or
/// bytecode file (`.erl`, `.kbc`), as the kernel runs a file whose first line is
/// `#!/usr/bin/env krarup`. Returns the file and the program's arguments, passed on verbatim
/// (`--` and options included, as escript does); `None` for every other command line.
pub fn script_command(argv: &[OsString]) -> Option<(PathBuf, ProgramArgs)> {
    let file = argv.get(1)?;
    let text = file.to_str()?;
    let is_program = text.ends_with(".erl") || text.ends_with(".kbc");
    if !is_program || text.starts_with('-') {
        return None;
    }
    let args = argv[2..]
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let program = ProgramArgs {
        args,
        script: Some(text.to_string()),
    };
    Some((PathBuf::from(file), program))
}

/// The arity of the entry function `main` that a run calls: 1 when `module` exports `main/1`
/// (escript's convention: it receives the arguments), else 0 when it exports `main/0`; `None`
/// when it exports neither.
pub fn entry_arity(module: &Module) -> Option<u8> {
    let exported = |arity: u8| {
        module.exports.iter().any(|e| {
            e.arity == arity
                && module
                    .atoms
                    .get(e.function.0 as usize)
                    .is_some_and(|n| n == "main")
        })
    };
    [1, 0].into_iter().find(|&a| exported(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_file_first_is_an_escript_style_run() {
        let (file, program) =
            script_command(&argv(&["krarup", "./p.erl", "a", "--", "-x"])).expect("a script run");
        assert_eq!(file, PathBuf::from("./p.erl"));
        assert_eq!(program.args, ["a", "--", "-x"]);
        assert_eq!(program.plain_arguments(), ["./p.erl", "a", "--", "-x"]);
        assert_eq!(program.failure_status(), EXIT_SCRIPT_FAILURE);
        assert!(script_command(&argv(&["krarup", "out/p.kbc"])).is_some());
        for other in [
            &["krarup"][..],
            &["krarup", "run", "p.erl"],
            &["krarup", "--help"],
            &["krarup", "-x.erl"],
            &["krarup", "notes.txt"],
        ] {
            assert_eq!(script_command(&argv(other)), None, "{other:?}");
        }
        let run = ProgramArgs {
            args: vec!["a".into()],
            script: None,
        };
        assert_eq!(run.plain_arguments(), ["a"]);
        assert_eq!(run.failure_status(), crate::EXIT_FAILURE);
    }
}
