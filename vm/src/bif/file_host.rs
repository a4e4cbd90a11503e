//! The `krarup_file` natives behind stdlib/erl/file.erl, filelib.erl, os.erl and compile.erl:
//! thin calls into the embedder (`host::Host`) returning OTP's `{error, Posix}` shapes. Open files
//! are host handles (small integers); file.erl wraps them in `{file_descriptor, krarup_file, _}`.

use super::file::{error, file_name, string, with_file};
use super::{iolist_bytes, Reg};
use crate::host::{CompileDiagnostic, Host, OpenMode, Position};
use crate::native::{Exception, NativeCtx};
use crate::term::Term;

const M: &str = "krarup_file";

pub(super) fn register(r: &mut Reg<'_>) {
    r.add(M, "compile", 1, |c, a| with_file(c, a[0], compile));
    r.add(M, "append_file", 2, |c, a| {
        let data = a[1];
        with_file(c, a[0], |c, host, path| {
            let mut bytes = Vec::new();
            if iolist_bytes(data, &mut bytes).is_none() {
                return Ok(error(c, "badarg"));
            }
            Ok(unit(c, host.append_file(path, &bytes)))
        })
    });
    r.add(M, "list_dir", 1, |c, a| {
        with_file(c, a[0], |c, host, path| {
            Ok(match host.list_dir(path) {
                Ok(names) => {
                    let names: Vec<Term> = names.iter().map(|n| string(c, n)).collect();
                    let list = c.heap.list(&names);
                    ok(c, list)
                }
                Err(e) => error(c, &e),
            })
        })
    });
    r.add(M, "make_dir", 1, |c, a| {
        with_file(c, a[0], |c, host, path| Ok(unit(c, host.make_dir(path))))
    });
    r.add(M, "del_dir", 1, |c, a| {
        with_file(c, a[0], |c, host, path| Ok(unit(c, host.del_dir(path))))
    });
    r.add(M, "rename", 2, |c, a| {
        let to = a[1];
        with_file(c, a[0], |c, host, from| {
            let Some(to) = file_name(c, to) else {
                return Ok(error(c, "badarg"));
            };
            Ok(unit(c, host.rename(from, &to)))
        })
    });
    r.add(M, "file_info", 2, |c, a| {
        let follow = a[1] == c.atom("true");
        with_file(c, a[0], |c, host, path| {
            Ok(match host.file_info(path, follow) {
                Ok(i) => {
                    let kind = c.atom(i.kind);
                    let access = c.atom(i.access);
                    let fields = [
                        c.heap.int(i.size as i64),
                        kind,
                        access,
                        c.heap.int(i.atime),
                        c.heap.int(i.mtime),
                        c.heap.int(i.ctime),
                        Term::small(i.mode as i64),
                        c.heap.int(i.links as i64),
                        c.heap.int(i.major_device as i64),
                        c.heap.int(i.minor_device as i64),
                        c.heap.int(i.inode as i64),
                        Term::small(i.uid as i64),
                        Term::small(i.gid as i64),
                    ];
                    let t = c.heap.tuple(&fields);
                    ok(c, t)
                }
                Err(e) => error(c, &e),
            })
        })
    });
    r.add(M, "get_cwd", 0, |c, _| {
        let Some(host) = c.shared.host.get() else {
            return Ok(error(c, "enotsup"));
        };
        Ok(match host.get_cwd() {
            Ok(d) => {
                let s = string(c, &d);
                ok(c, s)
            }
            Err(e) => error(c, &e),
        })
    });
    r.add(M, "set_cwd", 1, |c, a| {
        with_file(c, a[0], |c, host, path| Ok(unit(c, host.set_cwd(path))))
    });
    r.add(M, "getenv", 1, |c, a| {
        let name = super::char_list(a[0]).ok_or_else(Exception::badarg)?;
        match c.shared.host.get().and_then(|h| h.getenv(&name)) {
            Some(v) => Ok(string(c, &v)),
            None => Ok(c.atom("false")),
        }
    });
    // init:get_plain_arguments/0: the program's arguments as strings.
    r.add(M, "plain_arguments", 0, |c, _| {
        let args = c
            .shared
            .host
            .get()
            .map(|h| h.plain_arguments())
            .unwrap_or_default();
        let terms: Vec<Term> = args.iter().map(|a| string(c, a)).collect();
        Ok(c.heap.list(&terms))
    });
    r.add(M, "environment", 0, |c, _| {
        let vars = c
            .shared
            .host
            .get()
            .map(|h| h.environment())
            .unwrap_or_default();
        let terms: Vec<Term> = vars.iter().map(|v| string(c, v)).collect();
        Ok(c.heap.list(&terms))
    });
    r.add(M, "open", 2, |c, a| {
        let flags = crate::ops::list_to_vec(a[1]).ok_or_else(Exception::badarg)?;
        let mut mode = OpenMode::default();
        for f in flags {
            match f.as_atom().map(|x| c.shared.atoms.name(x)).as_deref() {
                Some("read") => mode.read = true,
                Some("write") => mode.write = true,
                Some("append") => mode.append = true,
                Some("exclusive") => mode.exclusive = true,
                _ => return Err(Exception::badarg()),
            }
        }
        with_file(c, a[0], |c, host, path| {
            Ok(match host.open(path, mode) {
                Ok(fd) => {
                    let t = c.heap.int(fd as i64);
                    ok(c, t)
                }
                Err(e) => error(c, &e),
            })
        })
    });
    r.add(M, "read", 3, |c, a| {
        let len = super::usize_arg(a[1])?;
        with_fd(c, a[0], |c, host, fd| {
            let r = host.read(fd, len);
            Ok(data(c, r, a[2]))
        })
    });
    r.add(M, "read_line", 2, |c, a| {
        with_fd(c, a[0], |c, host, fd| {
            let r = host.read_line(fd);
            Ok(data(c, r, a[1]))
        })
    });
    r.add(M, "write", 2, |c, a| {
        let mut bytes = Vec::new();
        if iolist_bytes(a[1], &mut bytes).is_none() {
            return Ok(error(c, "badarg"));
        }
        with_fd(c, a[0], |c, host, fd| Ok(unit(c, host.write(fd, &bytes))))
    });
    r.add(M, "position", 2, |c, a| {
        let [whence, n] = a[1].as_tuple_n::<2>().ok_or_else(Exception::badarg)?;
        let n = n.as_small().ok_or_else(Exception::badarg)?;
        let to = match whence.as_atom().map(|x| c.shared.atoms.name(x)).as_deref() {
            Some("bof") => Position::Bof(n),
            Some("cur") => Position::Cur(n),
            Some("eof") => Position::Eof(n),
            _ => return Err(Exception::badarg()),
        };
        with_fd(c, a[0], |c, host, fd| {
            Ok(match host.position(fd, to) {
                Ok(p) => {
                    let t = c.heap.int(p as i64);
                    ok(c, t)
                }
                Err(e) => error(c, &e),
            })
        })
    });
    r.add(M, "close", 1, |c, a| {
        with_fd(c, a[0], |c, host, fd| Ok(unit(c, host.close(fd))))
    });
}

/// Runs `op` with the host and the handle `fd`; `{error, enotsup}` without a host.
fn with_fd(
    c: &mut NativeCtx<'_>,
    fd: Term,
    op: impl FnOnce(&mut NativeCtx<'_>, &dyn Host, u64) -> Result<Term, Exception>,
) -> Result<Term, Exception> {
    let fd = u64::try_from(fd.as_small().ok_or_else(Exception::badarg)?)
        .map_err(|_| Exception::badarg())?;
    let shared = c.shared;
    let Some(host) = shared.host.get() else {
        return Ok(error(c, "enotsup"));
    };
    op(c, host.as_ref(), fd)
}

/// `{ok, Value}`.
fn ok(c: &mut NativeCtx<'_>, value: Term) -> Term {
    let tag = c.atom("ok");
    c.heap.tuple(&[tag, value])
}

/// `ok` or `{error, Posix}`.
fn unit(c: &mut NativeCtx<'_>, r: Result<(), String>) -> Term {
    match r {
        Ok(()) => c.atom("ok"),
        Err(e) => error(c, &e),
    }
}

/// `{ok, Data}` (a binary if `binary` is `true`, else a byte list), `eof` or `{error, Posix}`.
fn data(c: &mut NativeCtx<'_>, r: Result<Option<Vec<u8>>, String>, binary: Term) -> Term {
    match r {
        Ok(Some(bytes)) => {
            let d = if binary == c.atom("true") {
                c.heap.binary(&bytes)
            } else {
                let items: Vec<Term> = bytes.iter().map(|&b| Term::small(b as i64)).collect();
                c.heap.list(&items)
            };
            ok(c, d)
        }
        Ok(None) => c.atom("eof"),
        Err(e) => error(c, &e),
    }
}

/// `krarup_file:compile(Path)`: `{ok, Mod, Bin, Warnings}`, `{error, Errors, Warnings}` or
/// `{error, Posix}`; each diagnostic is `{File, Line, Column, Message, Report}` (strings and
/// integers), which compile.erl shapes into OTP's error lists and prints.
fn compile(c: &mut NativeCtx<'_>, host: &dyn Host, path: &str) -> Result<Term, Exception> {
    let out = match host.compile(path) {
        Ok(out) => out,
        Err(e) => return Ok(error(c, &e)),
    };
    let warnings = diagnostics(c, &out.warnings);
    Ok(match out.module {
        Some((name, bytes)) => {
            let m = super::new_atom(c, &name)?;
            let tag = c.atom("ok");
            let bin = c.heap.binary(&bytes);
            c.heap.tuple(&[tag, m, bin, warnings])
        }
        None => {
            let errors = diagnostics(c, &out.errors);
            let tag = c.atom("error");
            c.heap.tuple(&[tag, errors, warnings])
        }
    })
}

fn diagnostics(c: &mut NativeCtx<'_>, ds: &[CompileDiagnostic]) -> Term {
    let items: Vec<Term> = ds
        .iter()
        .map(|d| {
            let fields = [
                string(c, &d.file),
                Term::small(d.line as i64),
                Term::small(d.column as i64),
                string(c, &d.message),
                string(c, &d.report),
            ];
            c.heap.tuple(&fields)
        })
        .collect();
    c.heap.list(&items)
}
