//! The frontend for input that is not a terminal (`krarup shell < session.erl`): reads lines until
//! the text holds a terminating dot, writes prompts and the shell's output without echo or colour,
//! exactly as `erl` does with stdin not a terminal.

use super::frontend::{Frontend, Interrupt, Prompt, Read, ShellState, Shown};
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

/// Reads from `input`; everything shown goes to `out`, shared with the VM's standard output so
/// that both keep their order.
pub struct Piped {
    input: Box<dyn BufRead + Send>,
    out: SharedOut,
}

/// A writer several owners share; each write is flushed at once (the VM's output and the
/// shell's own interleave in the order they happen).
#[derive(Clone)]
pub struct SharedOut(Arc<Mutex<Box<dyn Write + Send>>>);

impl SharedOut {
    /// Wraps `w`.
    pub fn new(w: Box<dyn Write + Send>) -> SharedOut {
        SharedOut(Arc::new(Mutex::new(w)))
    }
}

impl Write for SharedOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut w = self.0.lock().unwrap_or_else(|e| e.into_inner());
        w.write_all(buf)?;
        w.flush()?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).flush()
    }
}

impl Piped {
    /// A frontend reading `input` and writing to `out`.
    pub fn new(input: Box<dyn BufRead + Send>, out: Box<dyn Write + Send>) -> Piped {
        Piped {
            input,
            out: SharedOut::new(out),
        }
    }

    fn write(&mut self, text: &str) {
        // A failed write (closed pipe) leaves nothing to tell: the session goes on to its end.
        let _ = self.out.write_all(text.as_bytes());
    }
}

impl Frontend for Piped {
    fn attach(&mut self, _state: Arc<dyn ShellState>, _interrupt: Interrupt) {}

    fn output(&mut self) -> Box<dyn Write + Send> {
        Box::new(self.out.clone())
    }

    fn read(&mut self, prompt: &Prompt) -> Read {
        self.write(&prompt.text);
        let mut text = String::new();
        loop {
            let mut line = Vec::new();
            match self.input.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => {
                    // End of input: what is left without a terminating dot is dropped, as erl
                    // does; the last prompt's line is ended.
                    self.write("\n");
                    return Read::Eof;
                }
                Ok(_) => {}
            }
            text.push_str(&String::from_utf8_lossy(&line));
            if krarup_compiler::shell::has_terminating_dot(&text) {
                return Read::Text(text);
            }
        }
    }

    fn echo(&mut self, _form: &str) {}

    fn echo_after(&mut self, prompt: &Prompt, _form: &str) {
        self.write(&prompt.text);
    }

    fn show(&mut self, _kind: Shown, text: &str) {
        self.write(text);
        self.write("\n");
    }

    fn width(&self) -> usize {
        80
    }
}
