//! Loading, deleting and purging code in a running system (docs/code-loading.md): each change
//! builds the next code-table snapshot and publishes it (`System::update_code`), so running
//! slices never wait and never see half a change. Also `CodeLoader`, the embedder's handle that
//! reloads a module from outside any process (watch mode) through `krarup_code:host_reload/1`.

use super::System;
use crate::code::hot::{HostRequest, LoadFailure, Reload, ReloadReport};
use crate::code::table::{TableError, Target};
use crate::process::Process;
use crate::term::{Atom, Term};
use std::sync::Arc;
use std::time::Duration;

/// Decodes, verifies and loads the `.kbc` image `bytes` as the new current version of its
/// module (`erlang:load_module/2`). `expect`: the module name the caller asked for (`badfile` if
/// the image names another). `file` is kept for `code:which/1`.
pub fn load_bytes(
    sys: &System,
    expect: Option<Atom>,
    file: Option<&str>,
    bytes: &[u8],
) -> Result<Atom, LoadFailure> {
    let shared = &sys.shared;
    let module = krarup_bytecode::format::decode(bytes)
        .map_err(|e| LoadFailure::Badfile(format!("corrupt object code: {e}")))?;
    if let Some(want) = expect {
        let want = shared.atoms.name(want);
        if *want != *module.name {
            return Err(LoadFailure::Badfile(format!(
                "module name in object code is {}",
                module.name
            )));
        }
    }
    let Some(natives) = shared.hot.natives.get() else {
        return Err(LoadFailure::Badfile("the runtime has no builtins".into()));
    };
    let unique = shared.hot.next_unique();
    let loaded = crate::code::load(shared, natives, module, unique)
        .map_err(|e| LoadFailure::Badfile(e.message))?;
    let name = loaded.name;
    let file: Option<Arc<str>> = file.map(Arc::from);
    let bytes: Arc<[u8]> = Arc::from(bytes);
    sys.update_code(|code| {
        if code.version_count() >= crate::process::MAX_VERSIONS {
            return Err(LoadFailure::Badfile(
                "too many module versions loaded".into(),
            ));
        }
        match code.install_from(loaded, file, Some(bytes)) {
            Ok(_) => Ok(name),
            Err(_) => Err(LoadFailure::NotPurged),
        }
    })
}

/// Drops the old code of `module` (`erlang:purge_module/1`); the caller has killed the
/// processes in it. Its literal area is kept (`HotState::retired`).
pub fn purge(sys: &System, module: Atom) -> Result<(), TableError> {
    let dropped = sys.update_code(|code| code.purge(module))?;
    let mut retired = sys
        .shared
        .hot
        .retired
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    retired.push(dropped.loaded.literal_area());
    Ok(())
}

/// Drops the current code of `module` (its `-on_load` failed); the old code is current again.
pub fn revert(sys: &System, module: Atom) -> Result<(), TableError> {
    let dropped = sys.update_code(|code| code.revert(module))?;
    let mut retired = sys
        .shared
        .hot
        .retired
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    retired.push(dropped.loaded.literal_area());
    Ok(())
}

/// Makes the current code of `module` old (`erlang:delete_module/1`).
pub fn delete(sys: &System, module: Atom) -> Result<(), TableError> {
    sys.update_code(|code| code.delete(module))
}

/// How a reload treats old code that processes still run.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Purge {
    /// Refuse (`{error, not_purged}`) and load nothing.
    Soft,
    /// Kill those processes (reason `killed`), as `code:purge/1` and `c:l/1` do.
    Hard,
}

/// Loads code into a running runtime from outside any process (`Runtime::code_loader`).
#[derive(Clone)]
pub struct CodeLoader {
    sys: Arc<System>,
}

/// How long `CodeLoader::reload` waits for the reloading process.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(30);

impl CodeLoader {
    pub(crate) fn new(sys: Arc<System>) -> CodeLoader {
        CodeLoader { sys }
    }

    /// What `krarup_code:reload(Mod, File, Bytes, Purge)` does, for the module the image
    /// `bytes` names: purge its old code as `purge` says, load the new version, and report.
    /// `file` is the path `code:which/1` will show. It runs in a new Erlang process, so the
    /// runtime must be running (`Runtime::run_main` on another thread); otherwise, after a
    /// timeout, the result is `Badfile` saying so. A corrupt image is refused at once.
    pub fn reload(&self, file: &str, bytes: &[u8], purge: Purge) -> Reload {
        let failed = |module: String, why: String| Reload {
            result: Err(LoadFailure::Badfile(why)),
            report: ReloadReport {
                module,
                ..ReloadReport::default()
            },
        };
        let module = match krarup_bytecode::format::decode(bytes) {
            Ok(m) => m.name,
            Err(e) => return failed(String::new(), format!("corrupt object code: {e}")),
        };
        let shared = &self.sys.shared;
        let entry = shared.atoms.intern("krarup_code");
        let function = shared.atoms.intern("host_reload");
        let Target::Code { version, pc } = self.sys.code().resolve(entry, function, 1) else {
            return failed(module, "krarup_code:host_reload/1 is not loaded".into());
        };
        if !shared.processes.reserve() {
            return failed(module, "too many processes to run the reload".into());
        }
        let hot = &shared.hot;
        let id = hot.next_request();
        hot.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                id,
                HostRequest {
                    module: module.clone(),
                    file: file.to_string(),
                    bytes: bytes.to_vec(),
                    hard: purge == Purge::Hard,
                },
            );
        let pid = self.sys.new_pid();
        let mut p = Process::new(pid, version, pc, &[Term::small(id as i64)]);
        p.initial_call = Some((entry, function, 1));
        self.sys.spawn(p, None);
        let mut replies = hot.replies.lock().unwrap_or_else(|e| e.into_inner());
        let deadline = std::time::Instant::now() + RELOAD_TIMEOUT;
        loop {
            if let Some(r) = replies.remove(&id) {
                return r;
            }
            let now = std::time::Instant::now();
            if now >= deadline {
                hot.requests
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&id);
                return failed(module, "the runtime is not running".into());
            }
            replies = hot
                .replied
                .wait_timeout(replies, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}
