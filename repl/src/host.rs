//! The `krarup` binary's side of the VM's host interface (`krarup_vm::host::Host`): files from the
//! OS, term parsing from the compiler, the code path (the directories of the program's files),
//! open files (a table of handles), compiling source files for `compile:file/2`, and the
//! shell's forms and events (`shell/mod.rs`).

use krarup_bytecode::module::Literal;
use krarup_compiler::lower::string_lit as string;
use krarup_compiler::terms::{parse_terms, TermErrorKind};
use krarup_vm::host::{
    posix_name, Compilation, CompileDiagnostic, ConsultError, FileInfo, Host, OpenMode, Position,
    ShellEvent, ShellForm, ShellFormError, ShellRecord,
};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The host of a `krarup run`: `code_path` lists the program files' directories, in order.
pub struct OsHost {
    pub code_path: Vec<String>,
    /// `init:get_plain_arguments/0`'s strings (`Host::plain_arguments`).
    pub plain_arguments: Vec<String>,
    /// Files opened by `file:open/2`, by handle.
    files: Mutex<HashMap<u64, File>>,
    next_fd: AtomicU64,
    /// Where `krarup_shell:reply/1`'s events go while a shell runs (`shell/mod.rs`).
    pub shell_events: Mutex<Option<ShellSink>>,
}

/// Receives the shell's events (`Host::shell_event`) on the scheduler thread that sent them.
pub type ShellSink = Box<dyn Fn(ShellEvent) + Send>;

impl OsHost {
    /// A host whose code path is `code_path`, with no open files.
    pub fn new(code_path: Vec<String>) -> OsHost {
        OsHost {
            code_path,
            plain_arguments: Vec::new(),
            files: Mutex::new(HashMap::new()),
            next_fd: AtomicU64::new(1),
            shell_events: Mutex::new(None),
        }
    }

    /// Runs `op` on the open file `fd`; `terminated` for a closed or unknown handle (as OTP
    /// says once a file's io server has ended).
    fn with_fd<T>(
        &self,
        fd: u64,
        op: impl FnOnce(&mut File) -> std::io::Result<T>,
    ) -> Result<T, String> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let file = files.get_mut(&fd).ok_or_else(|| "terminated".to_string())?;
        op(file).map_err(|e| posix_name(&e).to_string())
    }
}

fn posix(e: std::io::Error) -> String {
    posix_name(&e).to_string()
}

impl Host for OsHost {
    fn compile_shell_form(
        &self,
        text: &str,
        bound: &[String],
        module: &str,
        records: &str,
    ) -> Result<ShellForm, ShellFormError> {
        use krarup_compiler::shell::{compile_form, FormError, FormInput};
        let input = FormInput {
            text,
            bound,
            module,
            records,
        };
        match crate::on_big_stack(|| compile_form(&input)) {
            Ok(Ok(c)) => Ok(ShellForm {
                bytes: krarup_bytecode::format::encode(&c.module),
                bound_out: c.bound_out,
            }),
            Ok(Err(FormError::Syntax(lines))) => Err(ShellFormError {
                syntax: true,
                lines,
            }),
            Ok(Err(FormError::Invalid(lines))) => Err(ShellFormError {
                syntax: false,
                lines,
            }),
            Err(e) => Err(ShellFormError {
                syntax: false,
                lines: vec![format!("* cannot start the compiler thread: {e}")],
            }),
        }
    }

    fn shell_pp_form(&self, text: &str) -> Option<String> {
        krarup_compiler::shell::pp_form(text)
    }

    fn shell_file_records(&self, path: &str) -> Result<Vec<ShellRecord>, String> {
        let bytes = std::fs::read(path).map_err(posix)?;
        let source = crate::source::decode(bytes, path).map_err(|_| "einval".to_string())?;
        let defs = crate::on_big_stack(|| krarup_compiler::shell::record_definitions(&source))
            .map_err(posix)?;
        Ok(defs
            .into_iter()
            .map(|d| ShellRecord {
                name: d.name,
                fields: d.fields,
                text: d.text,
            })
            .collect())
    }

    fn shell_event(&self, event: ShellEvent) {
        let events = self.shell_events.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sink) = events.as_ref() {
            sink(event);
        }
    }

    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(path).map_err(|e| posix_name(&e).to_string())
    }

    fn write_file(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        std::fs::write(path, bytes).map_err(|e| posix_name(&e).to_string())
    }

    fn delete_file(&self, path: &str) -> Result<(), String> {
        std::fs::remove_file(path).map_err(|e| {
            // unlink(2) of a directory is EISDIR on Linux; OTP's file:delete/1 says eperm.
            match posix_name(&e) {
                "eisdir" => "eperm".to_string(),
                p => p.to_string(),
            }
        })
    }

    fn parse_terms(&self, text: &str) -> Result<Vec<Literal>, ConsultError> {
        parse_terms(text).map_err(|e| {
            let (module, reason) = match e.kind {
                TermErrorKind::SyntaxBefore(token) => (
                    "erl_parse",
                    list(vec![
                        string("syntax error before: "),
                        token.as_deref().map_or(Literal::Nil, string),
                    ]),
                ),
                TermErrorKind::BadTerm => ("erl_parse", string("bad term")),
                TermErrorKind::TooDeep => ("erl_parse", string("term nested too deeply")),
                TermErrorKind::Scan(text) => ("erl_scan", string(&text)),
            };
            ConsultError {
                line: e.line,
                module,
                reason,
            }
        })
    }

    fn code_path(&self) -> Vec<String> {
        self.code_path.clone()
    }

    fn is_dir(&self, path: &str) -> bool {
        std::path::Path::new(path).is_dir()
    }

    fn compile(&self, path: &str) -> Result<Compilation, String> {
        let path = Path::new(path);
        let bytes = std::fs::read(path).map_err(posix)?;
        crate::on_big_stack(|| compile_bytes(path, bytes)).map_err(posix)
    }

    fn append_file(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .map_err(posix)?;
        f.write_all(bytes).map_err(posix)
    }

    fn list_dir(&self, path: &str) -> Result<Vec<String>, String> {
        let entries = std::fs::read_dir(path).map_err(posix)?;
        let mut names = Vec::new();
        for e in entries {
            let e = e.map_err(posix)?;
            names.push(e.file_name().to_string_lossy().into_owned());
        }
        Ok(names)
    }

    fn make_dir(&self, path: &str) -> Result<(), String> {
        std::fs::create_dir(path).map_err(posix)
    }

    fn del_dir(&self, path: &str) -> Result<(), String> {
        std::fs::remove_dir(path).map_err(posix)
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), String> {
        std::fs::rename(from, to).map_err(posix)
    }

    fn file_info(&self, path: &str, follow: bool) -> Result<FileInfo, String> {
        let meta = if follow {
            std::fs::metadata(path)
        } else {
            std::fs::symlink_metadata(path)
        };
        Ok(file_info(&meta.map_err(posix)?))
    }

    fn get_cwd(&self) -> Result<String, String> {
        let dir = std::env::current_dir().map_err(posix)?;
        Ok(dir.to_string_lossy().into_owned())
    }

    fn set_cwd(&self, path: &str) -> Result<(), String> {
        std::env::set_current_dir(path).map_err(posix)
    }

    fn getenv(&self, name: &str) -> Option<String> {
        if name.is_empty() || name.contains('=') || name.contains('\0') {
            return None;
        }
        std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
    }

    fn environment(&self) -> Vec<String> {
        std::env::vars_os()
            .map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy()))
            .collect()
    }

    fn plain_arguments(&self) -> Vec<String> {
        self.plain_arguments.clone()
    }

    fn open(&self, path: &str, mode: OpenMode) -> Result<u64, String> {
        let mut o = std::fs::OpenOptions::new();
        // OTP: `write` alone truncates; `read` with `write` keeps the contents; `append` and
        // `exclusive` imply write; any write mode creates the file.
        let write = mode.write || mode.append || mode.exclusive;
        o.read(mode.read || !write);
        if write {
            o.write(true);
            if mode.exclusive {
                o.create_new(true);
            } else {
                o.create(true);
            }
            if mode.append {
                o.append(true);
            } else if !mode.read {
                o.truncate(true);
            }
        }
        let file = o.open(path).map_err(posix)?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err("eisdir".into());
        }
        let fd = self.next_fd.fetch_add(1, Ordering::Relaxed);
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(fd, file);
        Ok(fd)
    }

    fn read(&self, fd: u64, len: usize) -> Result<Option<Vec<u8>>, String> {
        self.with_fd(fd, |f| {
            let mut buf = Vec::new();
            f.take(len as u64).read_to_end(&mut buf)?;
            Ok(if buf.is_empty() && len > 0 {
                None
            } else {
                Some(buf)
            })
        })
    }

    fn read_line(&self, fd: u64) -> Result<Option<Vec<u8>>, String> {
        self.with_fd(fd, |f| {
            let mut line = Vec::new();
            let mut chunk = [0u8; 512];
            loop {
                let n = f.read(&mut chunk)?;
                if n == 0 {
                    return Ok(if line.is_empty() { None } else { Some(line) });
                }
                if let Some(i) = chunk[..n].iter().position(|&b| b == b'\n') {
                    line.extend_from_slice(&chunk[..=i]);
                    // Give back what was read past the line.
                    f.seek(SeekFrom::Current(i as i64 + 1 - n as i64))?;
                    return Ok(Some(line));
                }
                line.extend_from_slice(&chunk[..n]);
            }
        })
    }

    fn write(&self, fd: u64, bytes: &[u8]) -> Result<(), String> {
        self.with_fd(fd, |f| f.write_all(bytes))
    }

    fn position(&self, fd: u64, to: Position) -> Result<u64, String> {
        self.with_fd(fd, |f| {
            let target = match to {
                Position::Bof(n) => {
                    let n = u64::try_from(n).map_err(|_| einval())?;
                    SeekFrom::Start(n)
                }
                Position::Cur(n) => SeekFrom::Current(n),
                Position::Eof(n) => SeekFrom::End(n),
            };
            f.seek(target)
        })
    }

    fn close(&self, fd: u64) -> Result<(), String> {
        // Closing a closed file is `ok`, as in OTP.
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.remove(&fd);
        Ok(())
    }
}

fn list(elems: Vec<Literal>) -> Literal {
    Literal::List(elems, Box::new(Literal::Nil))
}

fn einval() -> std::io::Error {
    std::io::Error::from_raw_os_error(22)
}

/// Compiles the source `bytes` of the file `path` for `compile:file/2`.
fn compile_bytes(path: &Path, bytes: Vec<u8>) -> Compilation {
    use krarup_compiler::diagnostics::erlc_report;
    let name = path.display().to_string();
    let source = match crate::source::decode(bytes, &name) {
        Ok(text) => text,
        Err(message) => {
            let d = CompileDiagnostic {
                file: name,
                line: 1,
                column: 1,
                report: message.clone(),
                message: message.trim_end().to_string(),
            };
            return Compilation {
                errors: vec![d],
                ..Compilation::default()
            };
        }
    };
    let result = crate::compile_source(path, &source, &name);
    let (module, diags) = match result {
        Ok((m, warnings)) => (Some(m), warnings),
        Err(diags) => (None, diags),
    };
    let mut out = Compilation {
        module: module.map(|m| (m.name.clone(), krarup_bytecode::format::encode(&m))),
        ..Compilation::default()
    };
    for d in &diags {
        let r = erlc_report(d, &source, &name);
        let entry = CompileDiagnostic {
            file: r.file,
            line: r.line as u32,
            column: r.column as u32,
            message: r.message,
            report: r.text,
        };
        if d.is_error() {
            out.errors.push(entry);
        } else {
            out.warnings.push(entry);
        }
    }
    out
}

/// The `#file_info{}` fields of `meta`.
fn file_info(meta: &std::fs::Metadata) -> FileInfo {
    use std::os::unix::fs::MetadataExt;
    let ft = meta.file_type();
    let kind = if ft.is_symlink() {
        "symlink"
    } else if ft.is_dir() {
        "directory"
    } else if ft.is_file() {
        "regular"
    } else {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_block_device() || ft.is_char_device() {
            "device"
        } else {
            "other"
        }
    };
    let mode = meta.mode();
    let access = match (mode & 0o400 != 0, mode & 0o200 != 0) {
        (true, true) => "read_write",
        (true, false) => "read",
        (false, true) => "write",
        (false, false) => "none",
    };
    let dev = meta.dev();
    FileInfo {
        size: meta.size(),
        kind,
        access,
        atime: meta.atime(),
        mtime: meta.mtime(),
        ctime: meta.ctime(),
        mode,
        links: meta.nlink(),
        major_device: dev,
        minor_device: meta.rdev(),
        inode: meta.ino(),
        uid: meta.uid(),
        gid: meta.gid(),
    }
}
