//! What the VM asks of its embedder: the file system and the compiler, which the VM crate neither
//! touches nor depends on (docs/architecture.md). The `krarup` binary implements [`Host`] and sets
//! it in `Shared::host`; without one, the builtins that need it return `{error, enotsup}`.

use krarup_bytecode::module::Literal;

/// The embedder's services, called from builtins on scheduler threads.
pub trait Host: Send + Sync {
    /// The bytes of the file at `path` (`file:read_file/1`), or the error as the POSIX name
    /// `file` reports (`"enoent"`, `"eacces"`, `"eisdir"`, ...).
    fn read_file(&self, path: &str) -> Result<Vec<u8>, String>;

    /// Writes `bytes` to the file at `path`, replacing it (`file:write_file/2`); errors as for
    /// `read_file`.
    fn write_file(&self, path: &str, bytes: &[u8]) -> Result<(), String>;

    /// Deletes the file at `path` (`file:delete/1`); errors as for `read_file`.
    fn delete_file(&self, path: &str) -> Result<(), String>;

    /// The terms of `text`, each ending in `.`, as `file:consult/1` reads a file.
    fn parse_terms(&self, text: &str) -> Result<Vec<Literal>, ConsultError>;

    /// The directories searched for code and `.app` files, in order (`code:get_path/0`).
    fn code_path(&self) -> Vec<String>;

    // -- hot code loading (docs/code-loading.md) --

    /// Whether `path` names a directory (`code:add_path/1` refuses others with
    /// `{error, bad_directory}`).
    fn is_dir(&self, path: &str) -> bool;

    // The methods below have defaults (`enotsup`) so an embedder implements only what it offers.

    /// Compiles the Erlang source file at `path` (`compile:file/2`): the module, or its
    /// diagnostics; `Err` with the POSIX name if the file cannot be read.
    fn compile(&self, path: &str) -> Result<Compilation, String> {
        let _ = path;
        Err(ENOTSUP.into())
    }

    /// Appends `bytes` to the file at `path`, creating it (`file:write_file/3` with `append`).
    fn append_file(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let _ = (path, bytes);
        Err(ENOTSUP.into())
    }

    /// The names in directory `path`, unsorted, without `.` and `..` (`file:list_dir/1`).
    fn list_dir(&self, path: &str) -> Result<Vec<String>, String> {
        let _ = path;
        Err(ENOTSUP.into())
    }

    /// Creates directory `path`; its parent must exist (`file:make_dir/1`).
    fn make_dir(&self, path: &str) -> Result<(), String> {
        let _ = path;
        Err(ENOTSUP.into())
    }

    /// Deletes the empty directory `path` (`file:del_dir/1`).
    fn del_dir(&self, path: &str) -> Result<(), String> {
        let _ = path;
        Err(ENOTSUP.into())
    }

    /// Renames `from` to `to` (`file:rename/2`).
    fn rename(&self, from: &str, to: &str) -> Result<(), String> {
        let _ = (from, to);
        Err(ENOTSUP.into())
    }

    /// What `file:read_file_info/1` (`follow`) or `file:read_link_info/1` reports of `path`.
    fn file_info(&self, path: &str, follow: bool) -> Result<FileInfo, String> {
        let _ = (path, follow);
        Err(ENOTSUP.into())
    }

    /// The current working directory (`file:get_cwd/0`).
    fn get_cwd(&self) -> Result<String, String> {
        Err(ENOTSUP.into())
    }

    /// Changes the current working directory (`file:set_cwd/1`).
    fn set_cwd(&self, path: &str) -> Result<(), String> {
        let _ = path;
        Err(ENOTSUP.into())
    }

    /// The environment variable `name` (`os:getenv/1`), `None` if unset.
    fn getenv(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }

    /// Every environment variable as `NAME=VALUE` (`os:getenv/0`).
    fn environment(&self) -> Vec<String> {
        Vec::new()
    }

    /// The program's command-line arguments (`init:get_plain_arguments/0`): what follows `--`
    /// in `krarup run prog.erl -- ARGS` (as `erl -extra ARGS`), or the script's path and its
    /// arguments for `krarup prog.erl ARGS` (as escript).
    fn plain_arguments(&self) -> Vec<String> {
        Vec::new()
    }

    /// Opens `path` (`file:open/2`) and returns a handle for the calls below.
    fn open(&self, path: &str, mode: OpenMode) -> Result<u64, String> {
        let _ = (path, mode);
        Err(ENOTSUP.into())
    }

    /// Up to `len` bytes from the file's position; `None` at end of file (`file:read/2`).
    fn read(&self, fd: u64, len: usize) -> Result<Option<Vec<u8>>, String> {
        let _ = (fd, len);
        Err(ENOTSUP.into())
    }

    /// The bytes up to and including the next `\n` (or to end of file); `None` at end of file
    /// (`file:read_line/1`).
    fn read_line(&self, fd: u64) -> Result<Option<Vec<u8>>, String> {
        let _ = fd;
        Err(ENOTSUP.into())
    }

    /// Writes `bytes` at the file's position (`file:write/2`).
    fn write(&self, fd: u64, bytes: &[u8]) -> Result<(), String> {
        let _ = (fd, bytes);
        Err(ENOTSUP.into())
    }

    /// Moves the file's position and returns the new one, in bytes (`file:position/2`).
    fn position(&self, fd: u64, to: Position) -> Result<u64, String> {
        let _ = (fd, to);
        Err(ENOTSUP.into())
    }

    // -- the interactive shell (stdlib/erl/shell.erl, docs/shell.md) --

    /// Compiles one form typed at the shell (`krarup_shell:compile/4`) into a module exporting
    /// `eval/1` (see the compiler's `shell::compile_form`): `module` is its name, `bound` the
    /// names of the variables bound in the shell (the order of `eval/1`'s list), `records` the
    /// shell's `-record` forms.
    fn compile_shell_form(
        &self,
        text: &str,
        bound: &[String],
        module: &str,
        records: &str,
    ) -> Result<ShellForm, ShellFormError> {
        let _ = (text, bound, module, records);
        Err(ShellFormError {
            syntax: false,
            lines: vec![format!("* {ENOTSUP}")],
        })
    }

    /// A shell form's text as `h()` shows it: its expressions printed as OTP's `erl_pp` prints
    /// them (`krarup_shell:pp_form/1`); `None` if it does not parse.
    fn shell_pp_form(&self, text: &str) -> Option<String> {
        let _ = text;
        None
    }

    /// The record definitions in the Erlang source file at `path` (the shell's `rr/1,2`), in
    /// source order; `Err` with the POSIX name if it cannot be read.
    fn shell_file_records(&self, path: &str) -> Result<Vec<ShellRecord>, String> {
        let _ = path;
        Err(ENOTSUP.into())
    }

    /// What the shell process tells the embedder's shell loop (`krarup_shell:reply/1`): output
    /// to show, or that the form it was given has finished. Called on a scheduler thread: it
    /// must not block.
    fn shell_event(&self, event: ShellEvent) {
        let _ = event;
    }

    /// Closes the file (`file:close/1`); closing a closed file is `Ok`. The calls above answer
    /// `terminated` for a closed or unknown handle (as OTP once the file's io server is gone).
    fn close(&self, fd: u64) -> Result<(), String> {
        let _ = fd;
        Err(ENOTSUP.into())
    }
}

/// The error of a host without the service.
const ENOTSUP: &str = "enotsup";

/// A compiled source file (`Host::compile`).
#[derive(Clone, Debug, Default)]
pub struct Compilation {
    /// The module name and its `.kbc` bytes; `None` when there are errors.
    pub module: Option<(String, Vec<u8>)>,
    pub errors: Vec<CompileDiagnostic>,
    pub warnings: Vec<CompileDiagnostic>,
}

/// One compile error or warning, as `compile`'s `report` option prints it.
#[derive(Clone, Debug, Default)]
pub struct CompileDiagnostic {
    /// The file it lies in (the source, or an included file).
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
    /// erlc's message.
    pub message: String,
    /// The text `report` prints: location, message, source line and caret.
    pub report: String,
}

/// A compiled shell form: the `.kbc` bytes of its module and the variables it binds, in the
/// order of the list its `eval/1` returns.
#[derive(Clone, Debug, Default)]
pub struct ShellForm {
    pub bytes: Vec<u8>,
    pub bound_out: Vec<String>,
}

/// Why a shell form cannot run: erl's `* L:C: message` lines; `syntax` when it did not parse
/// (erl's prompt counter then stays).
#[derive(Clone, Debug, Default)]
pub struct ShellFormError {
    pub syntax: bool,
    pub lines: Vec<String>,
}

/// A record definition for the shell (`rr/1`): its name, field names, and its text as `rl/0`
/// prints it (`-record(name,{a = 1, b}).`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellRecord {
    pub name: String,
    pub fields: Vec<String>,
    pub text: String,
}

/// A message from the shell process to the embedder's shell loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellEvent {
    /// Text the shell prints (without the final newline): a result, or an error when `error`.
    Show { error: bool, text: String },
    /// The form has finished; the next prompt is `N> ` with `prompt` N. `failed`: it raised an
    /// exception (piped mode then exits non-zero at the end).
    Done { prompt: u64, failed: bool },
}

/// What `file:read_file_info/1` reports (OTP's `#file_info{}`).
#[derive(Clone, Debug, Default)]
pub struct FileInfo {
    /// Bytes.
    pub size: u64,
    /// `regular`, `directory`, `symlink`, `device` or `other`.
    pub kind: &'static str,
    /// `read`, `write`, `read_write` or `none`.
    pub access: &'static str,
    /// Seconds since the Unix epoch.
    pub atime: i64,
    pub mtime: i64,
    pub ctime: i64,
    pub mode: u32,
    pub links: u64,
    pub major_device: u64,
    pub minor_device: u64,
    pub inode: u64,
    pub uid: u32,
    pub gid: u32,
}

/// How `file:open/2` opens a file.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OpenMode {
    pub read: bool,
    pub write: bool,
    pub append: bool,
    /// Fail with `eexist` if the file exists.
    pub exclusive: bool,
}

/// A `file:position/2` target, in bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Position {
    Bof(i64),
    Cur(i64),
    Eof(i64),
}

/// Why a text is not a term list: `file:consult/1`'s `{error, {Line, Module, Reason}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsultError {
    pub line: u32,
    /// `erl_parse` or `erl_scan`.
    pub module: &'static str,
    pub reason: Literal,
}

/// The POSIX error name `file` uses for an I/O error (`enoent` for a missing file, ...), as OTP's
/// `file` module reports errors from the OS.
pub fn posix_name(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(1) => "eperm",
        Some(2) => "enoent",
        Some(5) => "eio",
        Some(9) => "ebadf",
        Some(12) => "enomem",
        Some(13) => "eacces",
        Some(17) => "eexist",
        Some(20) => "enotdir",
        Some(21) => "eisdir",
        Some(22) => "einval",
        Some(23) | Some(24) => "emfile",
        Some(28) => "enospc",
        Some(30) => "erofs",
        Some(36) => "enametoolong",
        // ENOTEMPTY: OTP's efile reports a directory that is not empty as `eexist`.
        Some(39) => "eexist",
        Some(40) => "eloop",
        _ => match e.kind() {
            std::io::ErrorKind::NotFound => "enoent",
            std::io::ErrorKind::PermissionDenied => "eacces",
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => "einval",
            _ => "eio",
        },
    }
}
