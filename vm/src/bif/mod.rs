//! Builtins implemented in Rust (natives): `erlang` BIFs and operators, and the `lists`,
//! `maps`, `unicode`, `os` and `krarup_io` functions the stdlib relies on. Owns argument
//! checking and OTP's error reasons; the value semantics live in `ops`. Natives that need the
//! runtime (apply, halt, module info, raise/3) belong to the interpreter.
//!
//! Each topic file has a `register` function; `register_all` calls them all.

mod binary_mod;
mod checksums;
mod chunked;
mod code_path;
#[cfg(test)]
mod conformance;
mod erlang_conv;
mod erlang_lists;
pub(crate) mod erlang_misc;
mod erlang_time;
mod erlang_types;
mod etf;
mod file;
mod file_host;
mod lists;
mod maps;
mod math;
pub(crate) mod phash;
mod re;
mod re_engine;
mod shell;
mod unicode;
mod unicode_norm;

use crate::atom::AtomTable;
use crate::native::{Exception, NativeCtx, NativeFn, NativeRegistry};
use crate::term::Term;
use std::sync::Arc;

/// The code path (`code:get_path/0`), for the loader's autoload.
pub(crate) fn code_path_dirs(shared: &crate::native::Shared) -> Vec<String> {
    code_path::path(shared)
}

/// Registers every builtin of this module tree.
pub fn register_all(reg: &mut NativeRegistry, atoms: &AtomTable) {
    let mut r = Reg { reg, atoms };
    erlang_types::register(&mut r);
    erlang_conv::register(&mut r);
    erlang_lists::register(&mut r);
    erlang_misc::register(&mut r);
    erlang_time::register(&mut r);
    etf::register(&mut r);
    lists::register(&mut r);
    maps::register(&mut r);
    math::register(&mut r);
    binary_mod::register(&mut r);
    re::register(&mut r);
    unicode::register(&mut r);
    chunked::register(&mut r);
    checksums::register(&mut r);
    unicode_norm::register(&mut r);
    file::register(&mut r);
    code_path::register(&mut r);
    file_host::register(&mut r);
    shell::register(&mut r);
    crate::ets::bifs::register(&mut r);
    crate::ets::bifs_iter::register(&mut r);
    crate::ets::pterm::register(&mut r);
}

/// A registry plus the atom table to intern names with.
pub(crate) struct Reg<'a> {
    reg: &'a mut NativeRegistry,
    atoms: &'a AtomTable,
}

impl Reg<'_> {
    pub(crate) fn add(&mut self, module: &str, function: &str, arity: u8, f: NativeFn) {
        let m = self.atoms.intern(module);
        let fun = self.atoms.intern(function);
        self.reg.register(m, fun, arity, f);
    }
}

/// `Err(badarg)`.
pub(crate) fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

/// An error exception whose reason is `{Tag, Value}`.
pub(crate) fn error_tuple(ctx: &mut NativeCtx<'_>, tag: Term, value: Term) -> Exception {
    let r = ctx.heap.tuple(&[tag, value]);
    Exception::error(r)
}

/// The name of an atom argument, or `badarg`.
pub(crate) fn atom_name(ctx: &NativeCtx<'_>, t: Term) -> Result<Arc<str>, Exception> {
    match t.as_atom() {
        Some(a) => Ok(ctx.shared.atoms.name(a)),
        None => badarg(),
    }
}

/// The atom named `s` (program data: `list_to_atom`, `binary_to_term`...), or `system_limit` if
/// it is new and the atom table is full (`erl +t`; BEAM aborts the node there).
pub(crate) fn new_atom(ctx: &NativeCtx<'_>, s: &str) -> Result<Term, Exception> {
    ctx.shared
        .atoms
        .try_intern(s)
        .map(Term::atom)
        .ok_or_else(Exception::system_limit)
}

/// A small non-negative integer argument, or `badarg`.
pub(crate) fn usize_arg(t: Term) -> Result<usize, Exception> {
    match t.as_small() {
        Some(n) if n >= 0 => Ok(n as usize),
        _ => badarg(),
    }
}

/// The elements of a proper list argument, or `badarg`.
pub(crate) fn list_arg(ctx: &mut NativeCtx<'_>, t: Term) -> Result<Vec<Term>, Exception> {
    match crate::ops::list_to_vec(t) {
        Some(v) => {
            ctx.charge(v.len() / 16);
            Ok(v)
        }
        None => badarg(),
    }
}

/// A flat list of Unicode code points as a `String` (`None` if not such a list).
pub(crate) fn char_list(t: Term) -> Option<String> {
    let mut s = String::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.as_cons() {
        let c = h
            .as_small()
            .and_then(|n| u32::try_from(n).ok())
            .and_then(char::from_u32)?;
        s.push(c);
        cur = tl;
    }
    if cur.is_nil() {
        Some(s)
    } else {
        None
    }
}

/// Appends the bytes of an iolist (bytes, binaries, nested lists, possibly improper with a
/// binary tail). `None` if `t` is not an iolist. Iterative.
pub(crate) fn iolist_bytes(t: Term, out: &mut Vec<u8>) -> Option<()> {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if t.is_nil() {
            continue;
        }
        if let Some((h, tl)) = t.as_cons() {
            stack.push(tl);
            if let Some(b) = h.as_small() {
                if out.len() == out.capacity() {
                    crate::limits::reserve_or_exit(out, 1);
                }
                out.push(u8::try_from(b).ok()?);
            } else {
                stack.push(h);
            }
            continue;
        }
        let (src, off, bits) = crate::ops::binary::view(&t)?;
        if bits % 8 != 0 {
            return None;
        }
        crate::limits::reserve_or_exit(out, bits / 8);
        if off % 8 == 0 {
            out.extend_from_slice(&src[off / 8..off / 8 + bits / 8]);
        } else {
            out.extend(crate::ops::binary::extract_bits(src, off, bits));
        }
    }
    Some(())
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A native context over a fresh heap, for unit tests.
    use crate::harness::NativeEnv;
    use crate::term::Term;
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    /// A `Write` that keeps what was written.
    #[derive(Clone, Default)]
    pub struct Sink(pub Arc<Mutex<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// `harness::NativeEnv` writing to a `Sink`, whose calls panic on a missing native and
    /// give the reason of an exception.
    pub struct Env {
        pub env: NativeEnv,
        pub out: Sink,
    }

    impl std::ops::Deref for Env {
        type Target = NativeEnv;
        fn deref(&self) -> &NativeEnv {
            &self.env
        }
    }

    impl std::ops::DerefMut for Env {
        fn deref_mut(&mut self) -> &mut NativeEnv {
            &mut self.env
        }
    }

    impl Env {
        pub fn new() -> Env {
            let out = Sink::default();
            Env {
                env: NativeEnv::with_output(Box::new(out.clone())),
                out,
            }
        }
        /// Calls `m:f(args)`.
        pub fn call(&mut self, m: &str, f: &str, args: &[Term]) -> Result<Term, Term> {
            self.env
                .call(m, f, args)
                .unwrap_or_else(|| panic!("no native {m}:{f}/{}", args.len()))
                .map_err(|e| e.reason)
        }
    }
}
