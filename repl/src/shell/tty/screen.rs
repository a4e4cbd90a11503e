//! The terminal's standard output shared by the shell and every Erlang process. While a line is
//! being edited, process output goes through rustyline's `ExternalPrinter`, which clears the
//! line, prints the output and redraws the line below it; otherwise it is written straight to
//! stdout. One lock orders everything written, so no bytes are lost or interleaved.

use rustyline::ExternalPrinter;
use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard};

/// Output state behind the lock.
pub struct Screen {
    /// A line is being edited (between the start and the end of `readline`).
    reading: bool,
    /// Prints above the line being edited; `None` when the terminal cannot (then output is
    /// written directly, as without a line).
    printer: Option<Box<dyn ExternalPrinter + Send>>,
    /// Output written while a line is edited that does not end a line yet: the printer always
    /// ends what it prints with a newline, so a partial line waits for its end (or for the
    /// edit to end).
    pending: Vec<u8>,
    /// Standard output.
    out: Box<dyn Write + Send>,
}

/// A shared handle to the terminal's output.
#[derive(Clone)]
pub struct SharedScreen(Arc<Mutex<Screen>>);

impl SharedScreen {
    /// A screen writing to `out`, printing above edited lines with `printer` when there is one.
    pub fn new(out: Box<dyn Write + Send>) -> SharedScreen {
        SharedScreen(Arc::new(Mutex::new(Screen {
            reading: false,
            printer: None,
            pending: Vec::new(),
            out,
        })))
    }

    fn lock(&self) -> MutexGuard<'_, Screen> {
        // A writer that panicked left consistent state (plain fields): keep going.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Uses `printer` to print above edited lines from now on.
    pub fn set_printer(&self, printer: Box<dyn ExternalPrinter + Send>) {
        self.lock().printer = Some(printer);
    }

    /// Marks the start (`true`) or end (`false`) of editing a line. At the end, a partial line
    /// written meanwhile is written out.
    pub fn set_reading(&self, reading: bool) {
        let mut screen = self.lock();
        screen.reading = reading;
        if !reading && !screen.pending.is_empty() {
            let pending = std::mem::take(&mut screen.pending);
            let _ = screen.out.write_all(&pending);
            let _ = screen.out.flush();
        }
    }

    /// Writes `bytes` from a process: above the edited line while one is edited, else directly.
    pub fn emit(&self, bytes: &[u8]) -> std::io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let mut screen = self.lock();
        let screen = &mut *screen;
        if screen.reading {
            if let Some(printer) = screen.printer.as_mut() {
                screen.pending.extend_from_slice(bytes);
                let Some(last) = screen.pending.iter().rposition(|&b| b == b'\n') else {
                    return Ok(());
                };
                let lines: Vec<u8> = screen.pending.drain(..=last).collect();
                let text = String::from_utf8_lossy(&lines).into_owned();
                if printer.print(text).is_ok() {
                    return Ok(());
                }
                // The printer failed (the terminal went away): write directly.
                screen.out.write_all(&lines)?;
                return screen.out.flush();
            }
        }
        screen.out.write_all(bytes)?;
        screen.out.flush()
    }

    /// Writes the shell's own text (results, errors, hints) directly: the shell writes only when
    /// no line is being edited.
    pub fn write_direct(&self, text: &str) {
        let mut screen = self.lock();
        let _ = screen.out.write_all(text.as_bytes());
        let _ = screen.out.flush();
    }
}

/// The writer handed to the VM for standard output: collects the bytes of one io request and
/// emits them when the VM flushes (after each request), or when much has piled up.
pub struct TtyOutput {
    screen: SharedScreen,
    buf: Vec<u8>,
}

impl TtyOutput {
    /// A writer emitting to `screen`.
    pub fn new(screen: SharedScreen) -> TtyOutput {
        TtyOutput {
            screen,
            buf: Vec::new(),
        }
    }
}

/// Bytes collected before they are emitted without waiting for a flush.
const MAX_BUFFERED: usize = 64 * 1024;

impl Write for TtyOutput {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= MAX_BUFFERED {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let bytes = std::mem::take(&mut self.buf);
        self.screen.emit(&bytes)
    }
}

impl Drop for TtyOutput {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what is printed above the line.
    struct Recorder(Arc<Mutex<Vec<String>>>);

    impl ExternalPrinter for Recorder {
        fn print(&mut self, msg: String) -> rustyline::Result<()> {
            self.0.lock().unwrap().push(msg);
            Ok(())
        }
    }

    /// Stdout collected in memory.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn output_goes_above_the_line_while_reading_and_straight_out_otherwise() {
        let sink = Sink::default();
        let printed = Arc::new(Mutex::new(Vec::new()));
        let screen = SharedScreen::new(Box::new(sink.clone()));
        screen.set_printer(Box::new(Recorder(printed.clone())));
        let mut out = TtyOutput::new(screen.clone());
        writeln!(out, "before").unwrap();
        out.flush().unwrap();
        screen.set_reading(true);
        write!(out, "bg\nhalf").unwrap();
        out.flush().unwrap();
        write!(out, " line\nrest").unwrap();
        out.flush().unwrap();
        assert_eq!(*printed.lock().unwrap(), vec!["bg\n", "half line\n"]);
        assert_eq!(*sink.0.lock().unwrap(), b"before\n");
        screen.set_reading(false);
        writeln!(out, "!").unwrap();
        out.flush().unwrap();
        assert_eq!(*sink.0.lock().unwrap(), b"before\nrest!\n");
    }

    #[test]
    fn without_a_printer_output_is_written_directly() {
        let sink = Sink::default();
        let screen = SharedScreen::new(Box::new(sink.clone()));
        screen.set_reading(true);
        let mut out = TtyOutput::new(screen.clone());
        write!(out, "partial").unwrap();
        out.flush().unwrap();
        assert_eq!(*sink.0.lock().unwrap(), b"partial");
    }
}
