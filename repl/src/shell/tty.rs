//! The shell's terminal frontend (stdin a terminal): rustyline line editing with history saved
//! across sessions, Ctrl-C and Ctrl-D handling, completion, colour, process output printed above
//! the line being edited, and the start-up file. The shell's core drives it through
//! [`Frontend`]; the pieces live in `tty/`.

mod complete;
mod highlight;
mod history;
mod input;
mod rc;
mod screen;

pub use rc::{Preload, Settings};

use super::frontend::{Frontend, Interrupt, Prompt, Read, ShellState, Shown};
use rustyline::completion::{Completer, Pair};
use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, KeyEvent, RepeatCount,
};
use screen::{SharedScreen, TtyOutput};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A second Ctrl-C on an empty line within this time leaves the shell.
const CTRL_C_EXIT_WINDOW: Duration = Duration::from_secs(2);

/// The hint a first Ctrl-C on an empty line prints.
const CTRL_C_HINT: &str = "(to leave the shell, press Ctrl-C again, Ctrl-D, or type q().)";

/// The terminal frontend for [`super`]'s core, or `None` when stdin is not a terminal (then
/// the core uses the piped frontend). A one-call entry for the core: `tty::terminal()`.
pub fn terminal() -> Option<TtyFrontend> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    TtyFrontend::new().ok()
}

/// Reads shell input from a terminal with rustyline (see the module doc).
pub struct TtyFrontend {
    editor: Editor<ShellHelper, FileHistory>,
    screen: SharedScreen,
    settings: Settings,
    colour: bool,
    /// Where new history entries are appended; `None` once saving failed or without a home.
    history_file: Option<PathBuf>,
    /// Set by `attach`; used by the SIGINT thread while an evaluation runs.
    interrupt: Arc<Mutex<Option<Interrupt>>>,
    /// What the line held when Ctrl-C was last pressed (set by the key binding): one of
    /// `CTRL_C_*`.
    ctrl_c_line: Arc<AtomicU8>,
    /// `read` is running: a SIGINT now is not meant for an evaluation.
    in_read: Arc<AtomicBool>,
    /// A SIGINT arrived during `read` outside the line editor's raw mode (the terminal turns
    /// Ctrl-C into SIGINT there): it counts as Ctrl-C on an empty line.
    sigint_in_read: Arc<AtomicBool>,
    /// When Ctrl-C was last pressed on an empty line.
    last_ctrl_c: Option<Instant>,
    /// Terminal columns when last asked.
    width: usize,
    /// The user left with Ctrl-D or Ctrl-C twice.
    left: bool,
}

impl TtyFrontend {
    /// Sets up the line editor: reads the start-up file (a warning on stderr if it is bad) and
    /// the history, and starts catching SIGINT so Ctrl-C during an evaluation interrupts it
    /// instead of ending krarup. Fails only if the terminal cannot be set up.
    pub fn new() -> Result<TtyFrontend, ReadlineError> {
        let env = |name: &str| std::env::var(name).ok();
        let settings =
            match rc::config_path(env("XDG_CONFIG_HOME").as_deref(), env("HOME").as_deref()) {
                Some(path) => {
                    let (settings, warning) = rc::load(&path);
                    if let Some(warning) = warning {
                        eprintln!("{warning}");
                    }
                    settings
                }
                None => Settings::default(),
            };
        let colour = settings.colours
            && highlight::colour_wanted(
                std::env::var_os("NO_COLOR"),
                std::io::stdout().is_terminal(),
            );
        let config = Config::builder()
            .max_history_size(settings.history_size.max(1))?
            .history_ignore_dups(true)?
            .auto_add_history(false)
            .completion_type(CompletionType::List)
            .color_mode(if colour {
                ColorMode::Enabled
            } else {
                ColorMode::Disabled
            })
            .build();
        let mut editor: Editor<ShellHelper, FileHistory> = Editor::with_config(config)?;
        editor.set_helper(Some(ShellHelper {
            state: None,
            colour,
        }));
        let ctrl_c_line = Arc::new(AtomicU8::new(CTRL_C_NONE));
        editor.bind_sequence(
            KeyEvent::ctrl('C'),
            EventHandler::Conditional(Box::new(CtrlC(ctrl_c_line.clone()))),
        );
        let mut history_file = None;
        if settings.history_size > 0 {
            if let Some(path) =
                history::history_path(env("XDG_STATE_HOME").as_deref(), env("HOME").as_deref())
            {
                // A missing or unreadable history is an empty one.
                let _ = history::prepare(&path);
                let _ = editor.load_history(&path);
                history_file = Some(path);
            }
        }
        let width = editor
            .dimensions()
            .map_or(80, |(cols, _)| usize::from(cols).max(1));
        let frontend = TtyFrontend {
            editor,
            screen: SharedScreen::new(crate::unbuffered_stdout()),
            settings,
            colour,
            history_file,
            interrupt: Arc::new(Mutex::new(None)),
            ctrl_c_line,
            in_read: Arc::new(AtomicBool::new(false)),
            sigint_in_read: Arc::new(AtomicBool::new(false)),
            last_ctrl_c: None,
            width,
            left: false,
        };
        frontend.catch_sigint();
        Ok(frontend)
    }

    /// Whether the session ended because the user left (Ctrl-D, or Ctrl-C twice), not by `q()`,
    /// `halt/0,1` or the shell ending. Leaving a terminal shell is a success, as in erl, even
    /// if some input raised an exception (a piped session then fails).
    pub fn left_by_user(&self) -> bool {
        self.left
    }

    /// The files the start-up file asks to load before the first prompt (`{preload, [...]}`):
    /// each file as given, each module `m` as `m.erl` or else `m.kbc` in the current directory.
    /// A module with neither file gets one warning line on stderr and is skipped.
    pub fn preload_files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for item in &self.settings.preload {
            match item {
                Preload::File(path) => files.push(PathBuf::from(path)),
                Preload::Module(module) => {
                    let found = ["erl", "kbc"]
                        .iter()
                        .map(|ext| PathBuf::from(format!("{module}.{ext}")))
                        .find(|path| path.is_file());
                    match found {
                        Some(path) => files.push(path),
                        None => eprintln!(
                            "krarup: start-up file: preload: no {module}.erl or {module}.kbc here; skipped"
                        ),
                    }
                }
            }
        }
        files
    }

    /// Starts the thread that turns SIGINT into [`Interrupt::interrupt`] while an evaluation
    /// runs. SIGINT comes only while the terminal is not in raw mode (in raw mode rustyline reads
    /// Ctrl-C as a key); one during `read` (between two edits) is left for `read`. If the
    /// handler cannot be installed, Ctrl-C keeps its default action (ending krarup).
    fn catch_sigint(&self) {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT])
        else {
            return;
        };
        let interrupt = self.interrupt.clone();
        let screen = self.screen.clone();
        let in_read = self.in_read.clone();
        let sigint_in_read = self.sigint_in_read.clone();
        let _ = std::thread::Builder::new()
            .name("krarup-sigint".into())
            .spawn(move || {
                for _ in signals.forever() {
                    if in_read.load(Ordering::SeqCst) {
                        sigint_in_read.store(true, Ordering::SeqCst);
                        continue;
                    }
                    let handle = interrupt.lock().ok().and_then(|i| i.clone());
                    if let Some(handle) = handle {
                        // The terminal echoed `^C`; what the core prints next starts a line.
                        screen.write_direct("\n");
                        handle.interrupt();
                    }
                }
            });
    }

    /// Adds `entry` to the history and appends it to the history file. The first failure to
    /// save is reported in one line and saving stops for the session.
    fn remember(&mut self, entry: &str) {
        let _ = self.editor.add_history_entry(entry);
        if let Some(path) = &self.history_file {
            if let Err(e) = self.editor.append_history(path) {
                self.screen.write_direct(&format!(
                    "krarup: cannot save the shell history to {} ({e}); it is kept for this session only\n",
                    path.display()
                ));
                self.history_file = None;
            }
        }
    }

    /// Reads one input (see [`Frontend::read`]): edits lines until one is complete and not
    /// blank, handling Ctrl-C and Ctrl-D.
    fn read_line(&mut self, prompt: &Prompt) -> Read {
        let shown = self.settings.prompt_text(prompt.number, &prompt.text);
        loop {
            if let Some((cols, _)) = self.editor.dimensions() {
                self.width = usize::from(cols).max(1);
            }
            // Ctrl-C typed while the terminal was not in raw mode.
            let line = if self.sigint_in_read.swap(false, Ordering::SeqCst) {
                Err(ReadlineError::Interrupted)
            } else {
                self.ctrl_c_line.store(CTRL_C_NONE, Ordering::SeqCst);
                self.screen.set_reading(true);
                let line = self.editor.readline(&shown);
                self.screen.set_reading(false);
                line
            };
            match line {
                Ok(line) => {
                    let text = input::strip_pasted_prompts(&line);
                    if text.trim().is_empty() {
                        continue;
                    }
                    self.last_ctrl_c = None;
                    self.remember(text.trim_end());
                    return Read::Text(text + "\n");
                }
                Err(ReadlineError::Interrupted) => {
                    // Ctrl-C on a line with text: the line is dropped, a fresh one starts. One
                    // the key binding did not see was a SIGINT rustyline caught before raw
                    // mode, while the line was still empty.
                    if self.ctrl_c_line.load(Ordering::SeqCst) == CTRL_C_TEXT {
                        self.last_ctrl_c = None;
                        continue;
                    }
                    let now = Instant::now();
                    if self
                        .last_ctrl_c
                        .is_some_and(|then| now.duration_since(then) <= CTRL_C_EXIT_WINDOW)
                    {
                        self.left = true;
                        return Read::Eof;
                    }
                    self.last_ctrl_c = Some(now);
                    self.screen.write_direct(&format!("{CTRL_C_HINT}\n"));
                }
                Err(ReadlineError::Eof) => {
                    self.screen.write_direct("\n");
                    self.left = true;
                    return Read::Eof;
                }
                Err(e) => {
                    self.screen
                        .write_direct(&format!("krarup: cannot read the terminal: {e}\n"));
                    return Read::Eof;
                }
            }
        }
    }
}

impl Frontend for TtyFrontend {
    fn attach(&mut self, state: Arc<dyn ShellState>, interrupt: Interrupt) {
        if let Some(helper) = self.editor.helper_mut() {
            helper.state = Some(state);
        }
        if let Ok(mut slot) = self.interrupt.lock() {
            *slot = Some(interrupt);
        }
    }

    fn output(&mut self) -> Box<dyn Write + Send> {
        // No printer when stdout is not a terminal: then there is nothing to redraw.
        if let Ok(printer) = self.editor.create_external_printer() {
            self.screen.set_printer(Box::new(printer));
        }
        Box::new(TtyOutput::new(self.screen.clone()))
    }

    fn read(&mut self, prompt: &Prompt) -> Read {
        self.in_read.store(true, Ordering::SeqCst);
        let read = self.read_line(prompt);
        self.in_read.store(false, Ordering::SeqCst);
        read
    }

    fn echo(&mut self, form: &str) {
        let form = if self.colour {
            highlight::paint(form)
        } else {
            form.to_string()
        };
        self.screen.write_direct(&format!("{form}\n"));
    }

    fn echo_after(&mut self, prompt: &Prompt, form: &str) {
        let shown = self.settings.prompt_text(prompt.number, &prompt.text);
        self.screen.write_direct(&shown);
        self.echo(form);
    }

    fn show(&mut self, kind: Shown, text: &str) {
        let painted = match (self.colour, kind) {
            (false, _) => text.to_string(),
            (true, Shown::Result) => highlight::paint(text),
            (true, Shown::Error) => highlight::paint_error(text),
        };
        self.screen.write_direct(&format!("{painted}\n"));
    }

    fn width(&self) -> usize {
        self.width
    }
}

/// No Ctrl-C key seen during this edit.
const CTRL_C_NONE: u8 = 0;
/// Ctrl-C pressed on an empty line.
const CTRL_C_EMPTY: u8 = 1;
/// Ctrl-C pressed on a line holding text.
const CTRL_C_TEXT: u8 = 2;

/// Records what the line held when Ctrl-C was pressed, then lets rustyline interrupt the line
/// as usual.
struct CtrlC(Arc<AtomicU8>);

impl ConditionalEventHandler for CtrlC {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let held = if ctx.line().is_empty() {
            CTRL_C_EMPTY
        } else {
            CTRL_C_TEXT
        };
        self.0.store(held, Ordering::SeqCst);
        None
    }
}

/// Completion, colour and validation for rustyline. Each is total: a panic inside is caught and
/// means "no completion", "no colour", "complete input".
struct ShellHelper {
    state: Option<Arc<dyn ShellState>>,
    colour: bool,
}

impl rustyline::Helper for ShellHelper {}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let found = catch_unwind(AssertUnwindSafe(|| {
            complete::complete(line, pos, self.state.as_deref(), &cwd)
        }));
        let (start, candidates) = found.unwrap_or((pos, Vec::new()));
        Ok((
            start,
            candidates
                .into_iter()
                .map(|c| Pair {
                    display: c.display,
                    replacement: c.replacement,
                })
                .collect(),
        ))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _: usize) -> Cow<'l, str> {
        if self.colour {
            Cow::Owned(highlight::paint(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_char(&self, _: &str, _: usize, _: rustyline::highlight::CmdKind) -> bool {
        self.colour
    }
}

impl Validator for ShellHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        let complete = catch_unwind(|| input::is_complete(&input::strip_pasted_prompts(input)))
            .unwrap_or(true);
        Ok(if complete {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

#[cfg(test)]
mod tests {
    use super::complete::tests::FakeState;
    use super::*;

    #[test]
    fn the_helper_completes_from_the_shell_state() {
        let helper = ShellHelper {
            state: Some(Arc::new(FakeState)),
            colour: false,
        };
        let history = rustyline::history::MemHistory::new();
        let ctx = rustyline::Context::new(&history);
        let (start, found) = helper.complete("lists:sp", 8, &ctx).unwrap();
        assert_eq!(start, 6);
        let shown: Vec<&str> = found.iter().map(|p| p.display.as_str()).collect();
        assert_eq!(shown, ["split/2", "splitwith/2"]);
        assert_eq!(helper.highlight("X.", 0), "X.");
    }
}
