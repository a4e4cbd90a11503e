//! The file and code-path builtins that go through the embedder (`host::Host`): `file:read_file/1`,
//! `write_file/2`, `delete/1`, `consult/1` and `code:get_path/0`, with OTP 25's result shapes.

use super::{char_list, Reg};
use crate::host::{ConsultError, Host};
use crate::native::{Exception, NativeCtx};
use crate::term::Term;
use krarup_bytecode::module::Literal;

pub(super) fn register(r: &mut Reg<'_>) {
    r.add("file", "read_file", 1, |c, a| {
        with_file(c, a[0], |c, host, path| {
            Ok(match host.read_file(path) {
                Ok(bytes) => {
                    let ok = c.atom("ok");
                    let bin = c.heap.binary(&bytes);
                    c.heap.tuple(&[ok, bin])
                }
                Err(e) => error(c, &e),
            })
        })
    });
    r.add("file", "write_file", 2, |c, a| {
        let data = a[1];
        with_file(c, a[0], |c, host, path| {
            let mut bytes = Vec::new();
            if super::iolist_bytes(data, &mut bytes).is_none() {
                return Ok(error(c, "badarg"));
            }
            Ok(match host.write_file(path, &bytes) {
                Ok(()) => c.atom("ok"),
                Err(e) => error(c, &e),
            })
        })
    });
    r.add("file", "delete", 1, |c, a| {
        with_file(c, a[0], |c, host, path| {
            Ok(match host.delete_file(path) {
                Ok(()) => c.atom("ok"),
                Err(e) => error(c, &e),
            })
        })
    });
    r.add("file", "consult", 1, |c, a| with_file(c, a[0], consult));
    r.add("code", "get_path", 0, |c, _| {
        let dirs = super::code_path::path(c.shared);
        let terms: Vec<Term> = dirs.iter().map(|d| string(c, d)).collect();
        Ok(c.heap.list(&terms))
    });
}

/// Runs `op` with the host and the file name `name`; `{error, enotsup}` without a host,
/// `{error, badarg}` for a name that is not one.
pub(super) fn with_file(
    c: &mut NativeCtx<'_>,
    name: Term,
    op: impl FnOnce(&mut NativeCtx<'_>, &dyn Host, &str) -> Result<Term, Exception>,
) -> Result<Term, Exception> {
    let shared = c.shared;
    let Some(host) = shared.host.get() else {
        return Ok(error(c, "enotsup"));
    };
    let Some(path) = file_name(c, name) else {
        return Ok(error(c, "badarg"));
    };
    op(c, host.as_ref(), &path)
}

/// `file:consult/1` on `path`: `{ok, Terms}`, `{error, Posix}` or `{error, {Line, Mod, Reason}}`.
fn consult(c: &mut NativeCtx<'_>, host: &dyn Host, path: &str) -> Result<Term, Exception> {
    let bytes = match host.read_file(path) {
        Ok(b) => b,
        Err(e) => return Ok(error(c, &e)),
    };
    let text = String::from_utf8_lossy(&bytes);
    let terms = match host.parse_terms(&text) {
        Ok(t) => t,
        Err(ConsultError {
            line,
            module,
            reason,
        }) => {
            check_atoms(c, &reason)?;
            let m = c.atom(module);
            let r = crate::code::materialize(c.heap, c.shared, &reason);
            let detail = c.heap.tuple(&[Term::small(line as i64), m, r]);
            let tag = c.atom("error");
            return Ok(c.heap.tuple(&[tag, detail]));
        }
    };
    let mut values = Vec::with_capacity(terms.len());
    for t in &terms {
        check_atoms(c, t)?;
        values.push(crate::code::materialize(c.heap, c.shared, t));
    }
    let list = c.heap.list(&values);
    let ok = c.atom("ok");
    Ok(c.heap.tuple(&[ok, list]))
}

/// Raises `system_limit` if `lit` names new atoms past the atom limit (before any is made).
fn check_atoms(c: &NativeCtx<'_>, lit: &Literal) -> Result<(), Exception> {
    let mut stack = vec![lit];
    while let Some(l) = stack.pop() {
        match l {
            Literal::Atom(a) if c.shared.atoms.try_intern(a).is_none() => {
                return Err(Exception::system_limit())
            }
            Literal::ExportFun(m, f, _)
                if c.shared.atoms.try_intern(m).is_none()
                    || c.shared.atoms.try_intern(f).is_none() =>
            {
                return Err(Exception::system_limit())
            }
            Literal::List(e, t) => {
                stack.extend(e.iter());
                stack.push(t);
            }
            Literal::Tuple(e) => stack.extend(e.iter()),
            Literal::Map(p) => stack.extend(p.iter().flat_map(|(k, v)| [k, v])),
            _ => {}
        }
    }
    Ok(())
}

/// A file name argument as `file` accepts it: a binary (UTF-8), an atom, or a string that may be
/// a deep list of characters and atoms (OTP's `file:name()`; a binary inside a list is refused,
/// as OTP refuses it). Iterative.
pub(super) fn file_name(c: &NativeCtx<'_>, t: Term) -> Option<String> {
    if let Some((bytes, bits)) = crate::ops::binary::bytes(t) {
        return if bits % 8 == 0 {
            String::from_utf8(bytes).ok()
        } else {
            None
        };
    }
    if let Some(s) = char_list(t) {
        return Some(s);
    }
    let mut out = String::new();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if let Some(a) = t.as_atom() {
            out.push_str(&c.shared.atoms.name(a));
        } else if let Some((h, tl)) = t.as_cons() {
            stack.push(tl);
            match h.as_small() {
                Some(n) => out.push(char::from_u32(u32::try_from(n).ok()?)?),
                None => stack.push(h),
            }
        } else if !t.is_nil() {
            return None;
        }
    }
    Some(out)
}

/// `{error, Reason}` with the atom `reason`.
pub(super) fn error(c: &mut NativeCtx<'_>, reason: &str) -> Term {
    let (tag, r) = (c.atom("error"), c.atom(reason));
    c.heap.tuple(&[tag, r])
}

/// `s` as a list of code points.
pub(super) fn string(c: &mut NativeCtx<'_>, s: &str) -> Term {
    let chars: Vec<Term> = s.chars().map(|ch| Term::small(ch as i64)).collect();
    c.heap.list(&chars)
}
