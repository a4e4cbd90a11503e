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
        Some(40) => "eloop",
        _ => match e.kind() {
            std::io::ErrorKind::NotFound => "enoent",
            std::io::ErrorKind::PermissionDenied => "eacces",
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => "einval",
            _ => "eio",
        },
    }
}
