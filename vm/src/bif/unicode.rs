//! `unicode:characters_to_list/1,2`, `unicode:characters_to_binary/1,2,3` and
//! `krarup_io:put_chars/1` (Unicode chardata to UTF-8 bytes on the runtime's standard output).
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
    r.add(u, "characters_to_list", 1, |c, a| to_list(c, a[0], false));
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
    r.add("krarup_io", "put_chars", 1, put_chars);
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
enum Stop {
    /// Not chardata: `badarg`.
    Badarg,
    /// Invalid UTF-8 starting at byte `at` of binary `bin`.
    BadUtf8 { bin: Term, at: usize },
}

/// Collects the characters of chardata. Iterative.
fn collect(t: Term, latin1: bool, out: &mut String) -> Result<(), Stop> {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if t.is_nil() {
            continue;
        }
        if let Some((h, tl)) = t.as_cons() {
            stack.push(tl);
            if let Some(n) = h.as_small() {
                let ch = u32::try_from(n)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or(Stop::Badarg)?;
                out.push(ch);
            } else {
                stack.push(h);
            }
            continue;
        }
        let (bytes, bits) = binary::bytes(t).ok_or(Stop::Badarg)?;
        if bits % 8 != 0 {
            return Err(Stop::Badarg);
        }
        if latin1 {
            out.extend(bytes.iter().map(|&b| b as char));
            continue;
        }
        match std::str::from_utf8(&bytes) {
            Ok(s) => out.push_str(s),
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or(""));
                return Err(Stop::BadUtf8 { bin: t, at: good });
            }
        }
    }
    Ok(())
}

/// `{error, Converted, Rest}` with `Converted` built by `make`.
fn error_result(c: &mut NativeCtx<'_>, converted: Term, bin: Term, at: usize) -> NativeResult {
    let bits = binary::bit_size(bin).unwrap_or(0);
    let rest = binary::slice(c.heap, bin, at * 8, bits - at * 8).ok_or_else(Exception::badarg)?;
    Ok(c.heap.tuple(&[Term::atom(atom::ERROR), converted, rest]))
}

fn to_list(c: &mut NativeCtx<'_>, t: Term, latin1: bool) -> NativeResult {
    let mut s = String::new();
    let r = collect(t, latin1, &mut s);
    c.charge(s.len() / 64);
    let list = c.heap.string(&s);
    match r {
        Ok(()) => Ok(list),
        Err(Stop::Badarg) => badarg(),
        Err(Stop::BadUtf8 { bin, at }) => error_result(c, list, bin, at),
    }
}

fn to_binary(c: &mut NativeCtx<'_>, t: Term, latin1: bool, out_latin1: bool) -> NativeResult {
    let mut s = String::new();
    let r = collect(t, latin1, &mut s);
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
        Err(Stop::BadUtf8 { bin: b, at }) => error_result(c, bin, b, at),
    }
}

/// `krarup_io:put_chars(Chardata)`: writes UTF-8 to standard output; `badarg` on bad data.
fn put_chars(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let mut s = String::new();
    if collect(a[0], false, &mut s).is_err() {
        return badarg();
    }
    c.charge(s.len() / 64);
    let mut out = c.shared.stdout.lock().unwrap_or_else(|e| e.into_inner());
    // A closed pipe is not the program's error; OTP also ignores it.
    let _ = out.write_all(s.as_bytes());
    Ok(Term::atom(atom::OK))
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
}
