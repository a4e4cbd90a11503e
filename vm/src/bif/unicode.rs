//! `unicode:characters_to_list/1,2`, `unicode:characters_to_binary/1,2,3` and
//! `krarup_io:put_chars/1` (Unicode chardata to UTF-8 bytes on the runtime's standard output) and
//! `krarup_io:put_chars/2` (the same to a device: `standard_io`/`user` or `standard_error`).
//! Invalid UTF-8 in a binary gives OTP's `{error, Converted, Rest}`; data that is not chardata
//! at all raises `badarg`.

use super::{badarg, Reg};
use crate::atom;
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::binary;
use crate::term::Term;
use std::io::Write;

pub(super) fn register(r: &mut Reg<'_>) {
    let u = "unicode";
    r.add(u, "characters_to_list", 1, |c, a| {
        if super::chunked::is_utf8_binary(a[0]) {
            return super::chunked::utf8_to_list(c, a[0]);
        }
        to_list(c, a[0], false)
    });
    r.add(u, "characters_to_list", 2, |c, a| {
        let latin1 = encoding(c, a[1])?;
        to_list(c, a[0], latin1)
    });
    r.add(u, "characters_to_binary", 1, |c, a| {
        to_binary(c, a[0], false, false)
    });
    r.add(u, "characters_to_binary", 2, |c, a| {
        let latin1 = encoding(c, a[1])?;
        to_binary(c, a[0], latin1, false)
    });
    r.add(u, "characters_to_binary", 3, |c, a| {
        let latin1 = encoding(c, a[1])?;
        let out_latin1 = encoding(c, a[2])?;
        to_binary(c, a[0], latin1, out_latin1)
    });
    r.add("krarup_io", "put_chars", 1, |c, a| {
        put_chars(c, a[0], false)
    });
    r.add("krarup_io", "put_chars", 2, put_chars_dev);
}

/// `true` for `latin1`, `false` for `unicode`/`utf8`; `badarg` otherwise.
fn encoding(c: &NativeCtx<'_>, t: Term) -> Result<bool, Exception> {
    let name = super::atom_name(c, t)?;
    match &*name {
        "latin1" => Ok(true),
        "unicode" | "utf8" => Ok(false),
        _ => badarg(),
    }
}

/// Why a conversion stopped.
pub(super) enum Stop {
    /// Not chardata: `badarg`.
    Badarg,
    /// Invalid data (`error`) or a truncated UTF-8 sequence at the end of a binary
    /// (`incomplete`); `rest` is OTP's unconverted remainder.
    Bad {
        incomplete: bool,
        rest: Term,
        /// The rest as the normalisation functions give it: the unconverted part of the
        /// binary consed onto the non-empty enclosing tails.
        nf_rest: Term,
    },
}

/// Collects the characters of chardata. Iterative: `tails` holds the unvisited rest of each
/// enclosing list, which also builds OTP's `Rest` on error.
pub(super) fn collect(
    c: &mut NativeCtx<'_>,
    t: Term,
    latin1: bool,
    out: &mut String,
) -> Result<(), Stop> {
    let mut tails: Vec<Term> = Vec::new();
    let mut cur = t;
    let (incomplete, inner) = loop {
        if cur.is_nil() {
            match tails.pop() {
                Some(tl) => {
                    cur = tl;
                    continue;
                }
                None => return Ok(()),
            }
        }
        if let Some((h, tl)) = cur.as_cons() {
            if let Some(n) = h.as_small() {
                match u32::try_from(n).ok().and_then(char::from_u32) {
                    Some(ch) => {
                        out.push(ch);
                        cur = tl;
                        continue;
                    }
                    None => break (false, cur),
                }
            }
            if !(h.is_list() || h.is_bitstring()) {
                return Err(Stop::Badarg);
            }
            tails.push(tl);
            cur = h;
            continue;
        }
        let (bytes, bits) = binary::bytes(cur).ok_or(Stop::Badarg)?;
        if bits % 8 != 0 {
            return Err(Stop::Badarg);
        }
        if latin1 {
            out.extend(bytes.iter().map(|&b| b as char));
            cur = Term::NIL;
            continue;
        }
        match std::str::from_utf8(&bytes) {
            Ok(s) => {
                out.push_str(s);
                cur = Term::NIL;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or(""));
                let rest =
                    binary::slice(c.heap, cur, good * 8, bits - good * 8).ok_or(Stop::Badarg)?;
                // Truncated at the very end of the data: `incomplete`, as OTP.
                let at_end = tails.iter().all(|t| t.is_nil());
                break (e.error_len().is_none() && at_end, rest);
            }
        }
    };
    let mut nf_rest = inner;
    for &tl in tails.iter().rev().filter(|t| !t.is_nil()) {
        nf_rest = c.heap.cons(nf_rest, tl);
    }
    let mut rest = inner;
    while let Some(tl) = tails.pop() {
        rest = c.heap.cons(rest, tl);
    }
    Err(Stop::Bad {
        incomplete,
        rest,
        nf_rest,
    })
}

/// `{error | incomplete, Converted, Rest}`.
pub(super) fn error_result(
    c: &mut NativeCtx<'_>,
    converted: Term,
    incomplete: bool,
    rest: Term,
) -> NativeResult {
    let tag = if incomplete {
        c.atom("incomplete")
    } else {
        Term::atom(atom::ERROR)
    };
    Ok(c.heap.tuple(&[tag, converted, rest]))
}

fn to_list(c: &mut NativeCtx<'_>, t: Term, latin1: bool) -> NativeResult {
    let mut s = String::new();
    let r = collect(c, t, latin1, &mut s);
    c.charge(s.len() / 64);
    let list = c.heap.string(&s);
    match r {
        Ok(()) => Ok(list),
        Err(Stop::Badarg) => badarg(),
        Err(Stop::Bad {
            incomplete, rest, ..
        }) => error_result(c, list, incomplete, rest),
    }
}

fn to_binary(c: &mut NativeCtx<'_>, t: Term, latin1: bool, out_latin1: bool) -> NativeResult {
    let mut s = String::new();
    let r = collect(c, t, latin1, &mut s);
    c.charge(s.len() / 64);
    let bin = if out_latin1 {
        if s.chars().any(|ch| ch as u32 > 255) {
            return badarg();
        }
        let bytes: Vec<u8> = s.chars().map(|ch| ch as u8).collect();
        c.heap.binary(&bytes)
    } else {
        c.heap.binary(s.as_bytes())
    };
    match r {
        Ok(()) => Ok(bin),
        Err(Stop::Badarg) => badarg(),
        Err(Stop::Bad {
            incomplete, rest, ..
        }) => error_result(c, bin, incomplete, rest),
    }
}

/// `krarup_io:put_chars(Chardata)`: writes UTF-8 to standard output and flushes it (one io request,
/// one write); `badarg` on bad data.
/// With `to_stderr`, writes to `Shared::stderr` instead, in latin1 as OTP (see `latin1_bytes`).
/// A failed write to standard output (a closed pipe, a full disk) raises `error:terminated`, as
/// OTP's `io` functions do once the `user` io server has died of the failed write.
fn put_chars(c: &mut NativeCtx<'_>, data: Term, to_stderr: bool) -> NativeResult {
    let mut s = String::new();
    if collect(c, data, false, &mut s).is_err() {
        return badarg();
    }
    c.charge(s.len() / 64);
    let sink = if to_stderr {
        &c.shared.stderr
    } else {
        &c.shared.stdout
    };
    let bytes = if to_stderr {
        latin1_bytes(&s)
    } else {
        s.into_bytes()
    };
    let mut out = sink.lock().unwrap_or_else(|e| e.into_inner());
    // Each io request reaches the terminal or pipe when it completes, as OTP's io servers write
    // each request to their port: a program that then waits, or is killed, has shown it all.
    let written = out.write_all(&bytes).and_then(|()| out.flush());
    if to_stderr {
        // Write errors on standard_error are ignored: there is nowhere left to report them.
    } else if written.is_err() {
        drop(out);
        return Err(Exception::error(Term::atom(
            c.shared.atoms.intern("terminated"),
        )));
    }
    Ok(Term::atom(atom::OK))
}

/// The bytes OTP 25 writes to a latin1 device (its `standard_error` under `erl -noshell`): a
/// character below 256 as that one byte, any other as the text `\x{H}` (upper-case hex).
fn latin1_bytes(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for ch in s.chars() {
        let code = ch as u32;
        if code < 256 {
            out.push(code as u8);
        } else {
            out.extend_from_slice(format!("\\x{{{code:X}}}").as_bytes());
        }
    }
    out
}

/// `krarup_io:put_chars(Device, Chardata)`: `standard_error` writes to the runtime's stderr,
/// `standard_io` and `user` to standard output (as OTP's `user` is the terminal's stdout);
/// any other device or bad data is `badarg`.
fn put_chars_dev(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let name = super::atom_name(c, a[0])?;
    match &*name {
        "standard_error" => put_chars(c, a[1], true),
        "standard_io" | "user" => put_chars(c, a[1], false),
        _ => badarg(),
    }
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;

    #[test]
    fn chardata() {
        let mut env = Env::new();
        let b = env.heap.binary("é!".as_bytes());
        let l = env.heap.list(&[crate::term::Term::small(0x263a), b]);
        let r = env.call("unicode", "characters_to_list", &[l]).unwrap();
        assert_eq!(env.show(r), "[9786,233,33]");
        let r = env.call("unicode", "characters_to_binary", &[l]).unwrap();
        assert_eq!(env.show(r), "<<226,152,186,195,169,33>>");
        let bad = env.heap.binary(&[104, 0xff, 105]);
        let r = env.call("unicode", "characters_to_list", &[bad]).unwrap();
        assert_eq!(env.show(r), "{error,[104],<<255,105>>}");
        let a = env.atom("x");
        let al = env.heap.list(&[a]);
        assert!(env.call("unicode", "characters_to_list", &[al]).is_err());
        let ok = env.call("krarup_io", "put_chars", &[l]).unwrap();
        assert_eq!(env.show(ok), "ok");
        assert_eq!(env.out.0.lock().unwrap().as_slice(), "☺é!".as_bytes());
        assert!(env.call("krarup_io", "put_chars", &[al]).is_err());
    }

    #[test]
    fn put_chars_to_devices() {
        use crate::term::Term;
        let mut env = Env::new();
        let err = crate::bif::test_support::Sink::default();
        *env.shared.stderr.lock().unwrap() = Box::new(err.clone());
        let s = env.heap.string("oops\n");
        let dev = env.atom("standard_error");
        let ok = env.call("krarup_io", "put_chars", &[dev, s]).unwrap();
        assert_eq!(env.show(ok), "ok");
        assert_eq!(err.0.lock().unwrap().as_slice(), b"oops\n");
        // stderr is latin1 as under `erl -noshell`: bytes below 256, \x{H} above.
        let wide = env.heap.list(&[Term::small(0x42f), Term::small(233)]);
        env.call("krarup_io", "put_chars", &[dev, wide]).unwrap();
        assert_eq!(err.0.lock().unwrap().as_slice(), b"oops\n\\x{42F}\xe9");
        assert!(env.out.0.lock().unwrap().is_empty());
        let user = env.atom("user");
        env.call("krarup_io", "put_chars", &[user, s]).unwrap();
        assert_eq!(env.out.0.lock().unwrap().as_slice(), b"oops\n");
        let other = env.atom("nosuchdevice");
        assert!(env.call("krarup_io", "put_chars", &[other, s]).is_err());
        let bad = env.atom("x");
        assert!(env.call("krarup_io", "put_chars", &[dev, bad]).is_err());
    }

    /// A standard output that cannot be written (a closed pipe).
    struct ClosedPipe;
    impl std::io::Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn failed_stdout_write_raises_terminated() {
        let mut env = Env::new();
        *env.shared.stdout.lock().unwrap() = Box::new(ClosedPipe);
        let s = env.heap.string("lost\n");
        let reason = env.call("krarup_io", "put_chars", &[s]).unwrap_err();
        assert_eq!(env.show(reason), "terminated");
        let user = env.atom("user");
        let reason = env.call("krarup_io", "put_chars", &[user, s]).unwrap_err();
        assert_eq!(env.show(reason), "terminated");
        // standard_error is a different device: its write errors do not reach the program.
        *env.shared.stderr.lock().unwrap() = Box::new(ClosedPipe);
        let dev = env.atom("standard_error");
        assert!(env.call("krarup_io", "put_chars", &[dev, s]).is_ok());
    }
}
