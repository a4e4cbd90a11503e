//! The code path and the embedder's reload mailbox, as builtins of `code` and `krarup_code`
//! (docs/code-loading.md): the path `code:get_path/0` (in `file.rs`) reads, `krarup_code:set_path/1`, `krarup_code:is_dir/1`, `last_old/1`, `set_last_old/2`,
//! and `krarup_code:host_request/1` / `host_reply/3`, through which the process that
//! `sched::loading::CodeLoader` starts takes its work and hands back the report.

use super::{char_list, Reg};
use crate::code::hot::{LoadFailure, ProcSummary, Reload, ReloadReport};
use crate::native::{Exception, NativeCtx, Shared};
use crate::term::Term;

pub(super) fn register(r: &mut Reg<'_>) {
    r.add("krarup_code", "set_path", 1, |c, a| {
        let mut dirs = Vec::new();
        for d in super::list_arg(c, a[0])? {
            dirs.push(char_list(d).ok_or_else(Exception::badarg)?);
        }
        *c.shared.hot.path.lock().unwrap_or_else(|e| e.into_inner()) = Some(dirs);
        Ok(c.atom("ok"))
    });
    r.add("krarup_code", "is_sticky", 1, |c, a| {
        let m = a[0].as_atom().ok_or_else(Exception::badarg)?;
        let hot = &c.shared.hot;
        let yes = hot
            .sticky
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&m);
        Ok(Term::bool(yes))
    });
    r.add("krarup_code", "is_dir", 1, |c, a| {
        let dir = char_list(a[0]).ok_or_else(Exception::badarg)?;
        let yes = c.shared.host.get().is_some_and(|h| h.is_dir(&dir));
        Ok(Term::bool(yes))
    });
    r.add("krarup_code", "last_old", 1, |c, a| {
        let m = a[0].as_atom().ok_or_else(Exception::badarg)?;
        let pids = c
            .shared
            .hot
            .last_old
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&m)
            .cloned()
            .unwrap_or_default();
        let terms: Vec<Term> = pids.into_iter().map(Term::pid).collect();
        Ok(c.heap.list(&terms))
    });
    r.add("krarup_code", "set_last_old", 2, |c, a| {
        let m = a[0].as_atom().ok_or_else(Exception::badarg)?;
        let mut pids = Vec::new();
        for p in super::list_arg(c, a[1])? {
            pids.push(p.as_pid().ok_or_else(Exception::badarg)?);
        }
        c.shared
            .hot
            .last_old
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(m, pids);
        Ok(c.atom("ok"))
    });
    r.add("krarup_code", "host_request", 1, |c, a| {
        let id = super::usize_arg(a[0])? as u64;
        let req = c
            .shared
            .hot
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
        let Some(req) = req else {
            return Ok(Term::bool(false));
        };
        let m = super::new_atom(c, &req.module)?;
        let file = string(c, &req.file);
        let bin = c.heap.binary(&req.bytes);
        let purge = c.atom(if req.hard { "hard" } else { "soft" });
        Ok(c.heap.tuple(&[m, file, bin, purge]))
    });
    r.add("krarup_code", "host_reply", 3, |c, a| {
        let id = super::usize_arg(a[0])? as u64;
        let reload = reply_of(c, a[1], a[2]).ok_or_else(Exception::badarg)?;
        let hot = &c.shared.hot;
        hot.replies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, reload);
        hot.replied.notify_all();
        Ok(c.atom("ok"))
    });
}

/// The code path: the one `krarup_code:set_path/1` set, else the host's.
pub(crate) fn path(shared: &Shared) -> Vec<String> {
    let mut p = shared.hot.path.lock().unwrap_or_else(|e| e.into_inner());
    p.get_or_insert_with(|| shared.host.get().map(|h| h.code_path()).unwrap_or_default())
        .clone()
}

/// `Result` (`{module, M}` or `{error, Reason}`) and the report entries
/// `[{killed | old | moved, Pid, Name | [], InitialCall, Current | []}]` (call texts as
/// strings) as a `Reload`.
fn reply_of(c: &NativeCtx<'_>, result: Term, entries: Term) -> Option<Reload> {
    let atoms = &c.shared.atoms;
    let name = |t: Term| t.as_atom().map(|a| atoms.name(a).to_string());
    let [tag, value] = result.as_tuple_n()?;
    let (result, module) = match (name(tag)?.as_str(), name(value)?) {
        ("module", m) => (Ok(m.clone()), m),
        ("error", r) => (
            Err(match r.as_str() {
                "not_purged" => LoadFailure::NotPurged,
                "on_load_failure" => LoadFailure::OnLoadFailure,
                other => LoadFailure::Badfile(other.to_string()),
            }),
            String::new(),
        ),
        _ => return None,
    };
    let mut report = ReloadReport {
        module,
        ..ReloadReport::default()
    };
    for e in crate::ops::list_to_vec(entries)? {
        let [kind, pid, reg, init, cur] = e.as_tuple_n()?;
        let summary = ProcSummary {
            pid: format!("<0.{}.0>", pid.as_pid()?),
            registered_name: name(reg),
            initial_call: char_list(init)?,
            current_function: char_list(cur).filter(|s| !s.is_empty()),
        };
        match name(kind)?.as_str() {
            "killed" => report.killed.push(summary),
            "old" => report.old.push(summary),
            "moved" => report.moved.push(summary),
            _ => return None,
        }
    }
    Some(report).map(|report| Reload { result, report })
}

/// `s` as a list of code points.
fn string(c: &mut NativeCtx<'_>, s: &str) -> Term {
    let chars: Vec<Term> = s.chars().map(|ch| Term::small(ch as i64)).collect();
    c.heap.list(&chars)
}
