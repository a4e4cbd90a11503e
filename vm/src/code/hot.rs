//! The state of hot code loading that builtins share (docs/code-loading.md): the mutable code
//! path, the version stamp counter, literal areas kept past a purge, the processes each module's
//! last reload report named, and the mailbox between the embedder's `CodeLoader` and the Erlang
//! process that runs a reload for it. The table itself is `table::CodeTable`; loading and
//! purging on a running system is `sched::loading`.

use super::LiteralArea;
use crate::native::NativeRegistry;
use crate::process::Process;
use crate::term::Atom;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

/// Why object code was not loaded: OTP's `{error, Reason}` of `erlang:load_module/2`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum LoadFailure {
    /// Corrupt bytes, a verifier refusal, or a module name that is not the one asked for
    /// (`badfile`); the text says what krarup found.
    Badfile(String),
    /// The module has old code that must be purged first (`not_purged`).
    NotPurged,
    /// Its `-on_load` function did not return `ok` (`on_load_failure`).
    OnLoadFailure,
}

impl LoadFailure {
    /// The reason atom's name as OTP returns it.
    pub fn reason(&self) -> &'static str {
        match self {
            LoadFailure::Badfile(_) => "badfile",
            LoadFailure::NotPurged => "not_purged",
            LoadFailure::OnLoadFailure => "on_load_failure",
        }
    }
}

/// A request of the embedder's `CodeLoader`, waiting for the process that serves it.
pub struct HostRequest {
    pub module: String,
    pub file: String,
    pub bytes: Vec<u8>,
    /// `true` for a hard purge (kill), `false` for a soft one.
    pub hard: bool,
}

/// Shared hot-loading state (one per runtime, in `native::Shared`).
#[derive(Default)]
pub struct HotState {
    /// The builtins, which the loader resolves imports against (set by `Runtime::new`).
    pub natives: OnceLock<Arc<NativeRegistry>>,
    next_unique: AtomicU64,
    /// The code path (`code:get_path/0`); `None` until first used, then the host's.
    pub path: Mutex<Option<Vec<String>>>,
    /// Literal areas of purged versions: process heaps may still point into them (krarup has no
    /// literal-area collector), so they live as long as the runtime.
    pub retired: Mutex<Vec<Arc<LiteralArea>>>,
    /// Pids each module's last reload report listed as running its old code.
    pub last_old: Mutex<HashMap<Atom, Vec<u64>>>,
    /// Modules of the embedded stdlib: like OTP's modules in sticky kernel/stdlib directories,
    /// `code:load_file/1`, `load_binary/3` and the `c` helpers refuse to replace them.
    pub sticky: Mutex<HashSet<Atom>>,
    /// Requests of the embedder by id, and their answers (`sched::loading::CodeLoader`).
    pub requests: Mutex<HashMap<u64, HostRequest>>,
    pub replies: Mutex<HashMap<u64, Reload>>,
    pub replied: Condvar,
    next_request: AtomicU64,
}

impl HotState {
    /// A fresh version stamp (`LoadedModule::unique`), never 0.
    pub fn next_unique(&self) -> u64 {
        self.next_unique.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A fresh id for an embedder's request.
    pub fn next_request(&self) -> u64 {
        self.next_request.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// Whether `p`'s current instruction, a return address or an open frame is in module version
/// `version` (OTP's `check_process_code/2`: funs and literals do not count).
pub fn runs_version(p: &Process, version: u32) -> bool {
    if p.hibernating.is_none() && p.version == version {
        return true;
    }
    if p.cp.is_code() && p.cp.version() == version {
        return true;
    }
    p.frames()
        .any(|f| f.version == version || (f.cp.is_code() && f.cp.version() == version))
}

/// What a reload did (`krarup_code:reload/4`'s `{Result, Report}` in Rust form).
#[derive(Clone, Debug, PartialEq)]
pub struct Reload {
    /// The module loaded, or why nothing was.
    pub result: Result<String, LoadFailure>,
    pub report: ReloadReport,
}

/// The reload report (docs/code-loading.md): which processes a purge killed, which still run the
/// module's old code, and which have left it since the previous report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReloadReport {
    pub module: String,
    pub killed: Vec<ProcSummary>,
    pub old: Vec<ProcSummary>,
    pub moved: Vec<ProcSummary>,
}

/// One process in a report.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcSummary {
    /// As Erlang prints it: `<0.84.0>`.
    pub pid: String,
    pub registered_name: Option<String>,
    /// `m:f/a`.
    pub initial_call: String,
    /// `m:f/a`, if known.
    pub current_function: Option<String>,
}

impl std::fmt::Display for ProcSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.pid)?;
        if let Some(n) = &self.registered_name {
            write!(f, " ({n})")?;
        }
        write!(f, " started as {}", self.initial_call)?;
        if let Some(c) = &self.current_function {
            write!(f, ", in {c}")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for ReloadReport {
    /// One line per process: `killed <0.84.0> (name) started as m:init/0, in m:loop/0`; nothing
    /// if no process was concerned.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (what, list) in [
            ("killed", &self.killed),
            ("still in old code", &self.old),
            ("moved to new code", &self.moved),
        ] {
            for p in list {
                writeln!(f, "{}: {what} {p}", self.module)?;
            }
        }
        Ok(())
    }
}
