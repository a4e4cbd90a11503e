//! Watch mode (`krarup run --watch`): a thread polls the program's `.erl` files and, when one
//! changes, recompiles it and loads it into the running VM through hot's `CodeLoader`, printing
//! the diagnostics (the running code is kept on error) or the reload report on stderr.
//!
//! Changes are noticed by polling (modification time, size, then content) every `POLL`; a file
//! is reloaded once it has been quiet for `SETTLE`, so an editor's save that writes twice in
//! quick succession reloads once. Old code is purged only when no process runs it (a soft
//! purge); if some do, the report names them and a hard purge kills them (see docs/watch.md).

use crate::{compile_file_as, ErrorFormat};
use krarup_vm::code::hot::{LoadFailure, Reload};
use krarup_vm::sched::loading::{CodeLoader, Purge};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(50);
/// How long a changed file must stay unchanged before it is reloaded.
const SETTLE: Duration = Duration::from_millis(250);

/// The watching thread; dropping it stops the thread (without waiting for it).
pub struct Watcher {
    stop: Arc<AtomicBool>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// What was last seen of a file.
struct Seen {
    path: PathBuf,
    stamp: Option<(SystemTime, u64)>,
    /// The text last compiled (or read at the start).
    content: Option<Vec<u8>>,
    /// When a change was last noticed and not yet reloaded.
    changed_at: Option<Instant>,
}

impl Watcher {
    /// Starts watching the `.erl` files among `paths`, reloading through `loader`.
    pub fn start(loader: CodeLoader, paths: &[PathBuf], format: ErrorFormat) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let mut files: Vec<Seen> = paths
            .iter()
            .filter(|p| !crate::is_bytecode(p))
            .map(|p| Seen {
                path: p.clone(),
                stamp: stamp(p),
                content: std::fs::read(p).ok(),
                changed_at: None,
            })
            .collect();
        let flag = stop.clone();
        let spawned = std::thread::Builder::new()
            .name("krarup-watch".into())
            .spawn(move || {
                while !flag.load(Ordering::SeqCst) {
                    std::thread::sleep(POLL);
                    for f in &mut files {
                        poll(f, &loader, format, &flag);
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("krarup: watch: cannot start the watching thread: {e}");
        }
        Watcher { stop }
    }
}

/// The file's modification time and size, if it can be read.
fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Notices a change of `f` and reloads it once it has settled.
fn poll(f: &mut Seen, loader: &CodeLoader, format: ErrorFormat, stop: &AtomicBool) {
    let now = stamp(&f.path);
    if now != f.stamp {
        f.stamp = now;
        f.changed_at = Some(Instant::now());
        return;
    }
    let Some(at) = f.changed_at else { return };
    if at.elapsed() < SETTLE || now.is_none() {
        return;
    }
    f.changed_at = None;
    let content = std::fs::read(&f.path).ok();
    if content.is_none() || content == f.content {
        return;
    }
    f.content = content;
    if stop.load(Ordering::SeqCst) {
        return;
    }
    let text = reload(&f.path, loader, format);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Recompiles and loads `path`; returns what to print.
pub fn reload(path: &Path, loader: &CodeLoader, format: ErrorFormat) -> String {
    let shown = path.display();
    let (module, warnings) = match compile_file_as(path, format) {
        Ok(compiled) => compiled,
        Err(failure) => {
            return format!(
                "{}krarup: watch: {shown} not reloaded: it does not compile; the running code \
                 is unchanged\n",
                failure.message
            );
        }
    };
    let name = module.name.clone();
    let bytes = krarup_bytecode::format::encode(&module);
    let file = path.display().to_string();
    let mut out = warnings;
    let mut done = loader.reload(&file, &bytes, Purge::Soft);
    if done.report.module.is_empty() {
        // The report of a refused soft purge does not always name the module.
        done.report.module = name.clone();
    }
    if done.result == Err(LoadFailure::NotPurged) {
        out.push_str(&format!(
            "krarup: watch: {name}: {} process(es) still run the old code of {name}; purging \
             it kills them:\n{}",
            done.report.old.len(),
            done.report
        ));
        done = loader.reload(&file, &bytes, Purge::Hard);
    }
    out.push_str(&outcome(&shown.to_string(), &name, &done));
    out
}

fn outcome(shown: &str, name: &str, done: &Reload) -> String {
    match &done.result {
        Ok(_) => format!(
            "krarup: watch: reloaded {name} from {shown}\n{}",
            done.report
        ),
        Err(LoadFailure::Badfile(why)) => {
            format!("krarup: watch: {shown} not loaded ({why}); the running code is unchanged\n")
        }
        Err(e) => format!(
            "krarup: watch: {name} not loaded ({}); the running code is unchanged\n{}",
            e.reason(),
            done.report
        ),
    }
}
