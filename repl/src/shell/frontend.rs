//! The boundary between the shell's core (evaluation in a running VM, `shell/mod.rs`) and how it
//! reads input and shows output: piped input (`shell/piped.rs`) or the terminal's line editor
//! (`shell/tty.rs`). The core owns splitting input into forms, evaluation, bindings and the
//! prompt counter; a frontend owns reading, echo, colour, history and completion.

use std::io::Write;
use std::sync::Arc;

/// What a frontend read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// Text up to and including at least one terminating dot (a `.` followed by whitespace,
    /// `%` or the end, outside strings, quoted atoms, `$c` and comments). It may hold several
    /// forms; the core splits it and runs them one by one, as `erl` does.
    Text(String),
    /// The user asked to leave (Ctrl-D on an empty line, Ctrl-C twice, or stdin closed).
    Eof,
}

/// The prompt the core asks a frontend to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The shell's counter: the `N` of erl's `N> `.
    pub number: u64,
    /// The text erl would show (`"N> "`); a frontend may format `number` its own way instead.
    pub text: String,
}

/// How the core hands a frontend a piece of the shell's own output. Output of Erlang processes
/// (`io:format`, reports) goes through the writer from [`Frontend::output`] instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// A value's printed form (`~p` at the frontend's width), without the final newline.
    Result,
    /// An exception or error report (`** exception error: ...`, `* 1:4: syntax error ...`),
    /// without the final newline.
    Error,
}

/// What completion can ask of the running shell; the core implements it. Every method answers
/// from a snapshot and never blocks on a running evaluation.
pub trait ShellState: Send + Sync {
    /// Names of the variables bound in the shell, sorted.
    fn bound_variables(&self) -> Vec<String>;
    /// Records the shell knows (`rd/2`, `rr/1`): name and field names.
    fn records(&self) -> Vec<(String, Vec<String>)>;
    /// Names of the loaded modules, sorted.
    fn modules(&self) -> Vec<String>;
    /// Exported functions of `module` as (name, arity), sorted; empty if it is not loaded.
    fn exports(&self, module: &str) -> Vec<(String, u8)>;
    /// Names of the shell's built-in commands with their arities (`b/0`, `c/1`, ...).
    fn commands(&self) -> Vec<(String, u8)>;
}

/// Stops the evaluation that is running (Ctrl-C while the shell is busy): the evaluator process
/// is killed and replaced and the bindings are kept, as erl's job-control `i` does. Cheap to
/// clone; safe to call from a signal-handling thread; a no-op when nothing runs.
#[derive(Clone)]
pub struct Interrupt(pub Arc<dyn Fn() + Send + Sync>);

impl Interrupt {
    /// Interrupts the running evaluation, if any.
    pub fn interrupt(&self) {
        (self.0)()
    }
}

/// A way of reading shell input and showing the shell's output.
pub trait Frontend {
    /// Called once the VM is up, before the first `read`: the state completion reads and the
    /// handle that interrupts a running evaluation.
    fn attach(&mut self, state: Arc<dyn ShellState>, interrupt: Interrupt);
    /// The writer the VM's standard output goes to (every process's `io:format`, reports).
    /// Called once, before `attach`.
    fn output(&mut self) -> Box<dyn Write + Send>;
    /// Shows `prompt` and reads until the input holds a terminating dot (or the user leaves).
    fn read(&mut self, prompt: &Prompt) -> Read;
    /// Shows a form the core is about to run that was not typed after its own prompt (the rest
    /// of a line holding several forms; erl prints it after the next prompt). Piped input
    /// shows nothing, as erl with stdin not a terminal.
    fn echo(&mut self, form: &str);
    /// Shows `prompt`, then the form as `echo` does: for a form run without a `read` of its own.
    /// Piped input shows the prompt alone (erl's `2> 2` then `3> 2` for `X + 1. Y = 2.`). The
    /// default calls `echo` only.
    fn echo_after(&mut self, prompt: &Prompt, form: &str) {
        let _ = prompt;
        self.echo(form);
    }
    /// Shows the shell's own output of kind `kind`, then a newline.
    fn show(&mut self, kind: Shown, text: &str);
    /// Columns the results are laid out in (`io:columns/0`); 80 when not a terminal.
    fn width(&self) -> usize;
}
