//! `erlang` conversion BIFs: atoms, integers, floats, binaries, iolists and tuples to and from
//! each other (`atom_to_list`, `list_to_integer/2`, `float_to_list/2`, `iolist_to_binary` ...).
//! Errors are OTP's: `badarg` for bad input, `system_limit` for atoms over 255 characters.

use super::{atom_name, badarg, char_list, iolist_bytes, list_arg, usize_arg, Reg};
use crate::atom;
use crate::float_fmt;
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::arith::to_bigint;
use crate::ops::binary;
use crate::term::{Term, SUB_EXPORT, SUB_FUN};
use num_bigint::BigInt;
use num_traits::Num;

pub(super) fn register(r: &mut Reg<'_>) {
    let e = "erlang";
    r.add(e, "atom_to_list", 1, |c, a| {
        let s = atom_name(c, a[0])?;
        Ok(c.heap.string(&s))
    });
    r.add(e, "list_to_atom", 1, |c, a| {
        let s = char_list(a[0]).ok_or_else(Exception::badarg)?;
        make_atom(c, &s)
    });
    r.add(e, "list_to_existing_atom", 1, |c, a| {
        let s = char_list(a[0]).ok_or_else(Exception::badarg)?;
        existing_atom(c, &s)
    });
    r.add(e, "atom_to_binary", 1, |c, a| {
        let s = atom_name(c, a[0])?;
        Ok(c.heap.binary(s.as_bytes()))
    });
    r.add(e, "atom_to_binary", 2, |c, a| {
        let s = atom_name(c, a[0])?;
        if a[1] != c.atom("latin1") && a[1] != c.atom("utf8") && a[1] != c.atom("unicode") {
            return badarg();
        }
        if a[1] == c.atom("latin1") {
            if s.chars().any(|ch| ch as u32 > 255) {
                return badarg();
            }
            let bytes: Vec<u8> = s.chars().map(|ch| ch as u8).collect();
            return Ok(c.heap.binary(&bytes));
        }
        Ok(c.heap.binary(s.as_bytes()))
    });
    r.add(e, "binary_to_atom", 1, |c, a| {
        let s = binary_text(a[0], false)?;
        make_atom(c, &s)
    });
    r.add(e, "binary_to_atom", 2, |c, a| {
        let s = binary_text(a[0], latin1_encoding(c, a[1])?)?;
        make_atom(c, &s)
    });
    r.add(e, "binary_to_existing_atom", 1, |c, a| {
        let s = binary_text(a[0], false)?;
        existing_atom(c, &s)
    });
    r.add(e, "binary_to_existing_atom", 2, |c, a| {
        let s = binary_text(a[0], latin1_encoding(c, a[1])?)?;
        existing_atom(c, &s)
    });

    r.add(e, "integer_to_list", 1, |c, a| {
        let s = int_text(a[0], Term::small(10))?;
        Ok(c.heap.string(&s))
    });
    r.add(e, "integer_to_list", 2, |c, a| {
        let s = int_text(a[0], a[1])?;
        Ok(c.heap.string(&s))
    });
    r.add(e, "integer_to_binary", 1, |c, a| {
        let s = int_text(a[0], Term::small(10))?;
        Ok(c.heap.binary(s.as_bytes()))
    });
    r.add(e, "integer_to_binary", 2, |c, a| {
        let s = int_text(a[0], a[1])?;
        Ok(c.heap.binary(s.as_bytes()))
    });
    r.add(e, "list_to_integer", 1, |c, a| {
        let s = char_list(a[0]).ok_or_else(Exception::badarg)?;
        parse_int(c, &s, Term::small(10))
    });
    r.add(e, "list_to_integer", 2, |c, a| {
        let s = char_list(a[0]).ok_or_else(Exception::badarg)?;
        parse_int(c, &s, a[1])
    });
    r.add(e, "binary_to_integer", 1, |c, a| {
        let s = binary_text(a[0], false)?;
        parse_int(c, &s, Term::small(10))
    });
    r.add(e, "binary_to_integer", 2, |c, a| {
        let s = binary_text(a[0], false)?;
        parse_int(c, &s, a[1])
    });

    r.add(e, "float_to_list", 1, |c, a| {
        let f = a[0].as_float().ok_or_else(Exception::badarg)?;
        Ok(c.heap.string(&float_fmt::default(f)))
    });
    r.add(e, "float_to_list", 2, |c, a| {
        let s = float_text(c, a[0], a[1])?;
        Ok(c.heap.string(&s))
    });
    r.add(e, "float_to_binary", 1, |c, a| {
        let f = a[0].as_float().ok_or_else(Exception::badarg)?;
        Ok(c.heap.binary(float_fmt::default(f).as_bytes()))
    });
    r.add(e, "float_to_binary", 2, |c, a| {
        let s = float_text(c, a[0], a[1])?;
        Ok(c.heap.binary(s.as_bytes()))
    });
    r.add(e, "list_to_float", 1, |c, a| {
        let s = char_list(a[0]).ok_or_else(Exception::badarg)?;
        parse_float(c, &s)
    });
    r.add(e, "binary_to_float", 1, |c, a| {
        let s = binary_text(a[0], false)?;
        parse_float(c, &s)
    });

    r.add(e, "bitstring_to_list", 1, |c, a| {
        let (bytes, bits) = binary::bytes(a[0]).ok_or_else(Exception::badarg)?;
        let full = bits / 8;
        let mut elems: Vec<Term> = bytes[..full]
            .iter()
            .map(|&b| Term::small(b as i64))
            .collect();
        let tail = if bits % 8 != 0 {
            let rest = c.heap.bitstring(&bytes[full..], bits % 8);
            elems.push(rest);
            Term::NIL
        } else {
            Term::NIL
        };
        Ok(c.heap.list_with_tail(&elems, tail))
    });
    r.add(e, "list_to_bitstring", 1, list_to_bitstring);
    r.add(e, "iolist_size", 1, |c, a| {
        let mut out = Vec::new();
        iolist_bytes(a[0], &mut out).ok_or_else(Exception::badarg)?;
        c.charge(out.len() / 64);
        Ok(c.heap.int(out.len() as i64))
    });
    r.add(e, "split_binary", 2, |c, a| {
        let bits = binary::bit_size(a[0]).ok_or_else(Exception::badarg)?;
        let at = usize_arg(a[1])?;
        // A bitstring splits too, as long as the cut is inside it.
        if at * 8 > bits {
            return badarg();
        }
        let l = binary::slice(c.heap, a[0], 0, at * 8).ok_or_else(Exception::badarg)?;
        let r = binary::slice(c.heap, a[0], at * 8, bits - at * 8).ok_or_else(Exception::badarg)?;
        Ok(c.heap.tuple(&[l, r]))
    });
    r.add(e, "binary_part", 2, |c, a| {
        let Some(pl) = a[1].as_tuple().filter(|t| t.len() == 2) else {
            return badarg();
        };
        binary_part(c, a[0], pl.at(0), pl.at(1))
    });
    r.add(e, "binary_part", 3, |c, a| binary_part(c, a[0], a[1], a[2]));

    r.add(e, "tuple_to_list", 1, |c, a| {
        let t = a[0].as_tuple().ok_or_else(Exception::badarg)?;
        Ok(c.heap.list(&t.to_vec()))
    });
    r.add(e, "list_to_tuple", 1, |c, a| {
        // Measured first: a list too long for a tuple is refused without a vector of it.
        if crate::ops::list_length(a[0]).is_some_and(|n| n > MAX_TUPLE_ARITY) {
            return badarg();
        }
        let v = list_arg(c, a[0])?;
        tuple_of(c, &v)
    });
    r.add(e, "make_tuple", 2, |c, a| {
        let n = usize_arg(a[0])?;
        if n > MAX_TUPLE_ARITY {
            return badarg();
        }
        Ok(c.heap.tuple(&vec![a[1]; n]))
    });
    r.add(e, "make_tuple", 3, |c, a| {
        let n = usize_arg(a[0])?;
        if n > MAX_TUPLE_ARITY {
            return badarg();
        }
        let mut v = vec![a[1]; n];
        for p in list_arg(c, a[2])? {
            let Some([i, val]) = p.as_tuple_n() else {
                return badarg();
            };
            match i.as_small() {
                Some(i) if i >= 1 && i as usize <= n => v[i as usize - 1] = val,
                _ => return badarg(),
            }
        }
        Ok(c.heap.tuple(&v))
    });
    r.add(e, "append_element", 2, |c, a| {
        let mut v = a[0].as_tuple().ok_or_else(Exception::badarg)?.to_vec();
        v.push(a[1]);
        tuple_of(c, &v)
    });
    r.add(e, "insert_element", 3, |c, a| {
        let i = usize_arg(a[0])?;
        let mut v = a[1].as_tuple().ok_or_else(Exception::badarg)?.to_vec();
        if i < 1 || i > v.len() + 1 {
            return badarg();
        }
        v.insert(i - 1, a[2]);
        // No arity check: OTP 25's insert_element makes a tuple one past the largest.
        Ok(c.heap.tuple(&v))
    });
    r.add(e, "delete_element", 2, |c, a| {
        let i = usize_arg(a[0])?;
        let mut v = a[1].as_tuple().ok_or_else(Exception::badarg)?.to_vec();
        if i < 1 || i > v.len() {
            return badarg();
        }
        v.remove(i - 1);
        Ok(c.heap.tuple(&v))
    });

    r.add(e, "pid_to_list", 1, |c, a| {
        let p = a[0].as_pid().ok_or_else(Exception::badarg)?;
        Ok(c.heap.string(&format!("<0.{p}.0>")))
    });
    r.add(e, "ref_to_list", 1, |c, a| {
        if !a[0].is_reference() {
            return badarg();
        }
        let mut s = String::new();
        crate::display::write_term(&mut s, a[0], &c.shared.atoms);
        Ok(c.heap.string(&s))
    });
    r.add(e, "fun_to_list", 1, |c, a| {
        if !matches!(a[0].boxed_subtag(), Some(SUB_FUN) | Some(SUB_EXPORT)) {
            return badarg();
        }
        let mut s = String::new();
        crate::display::write_term(&mut s, a[0], &c.shared.atoms);
        Ok(c.heap.string(&s))
    });
    r.add(e, "port_to_list", 1, |_, _| badarg());
}

/// BEAM's largest tuple arity (`MAX_ARITYVAL`, 2^24 - 1): `make_tuple`, `list_to_tuple` and
/// `append_element` raise `badarg` past it, as OTP 25's do (its `insert_element` does not check).
pub const MAX_TUPLE_ARITY: usize = 0xFF_FFFF;

/// A tuple of `elems`, or `badarg` past `MAX_TUPLE_ARITY`.
fn tuple_of(c: &mut NativeCtx<'_>, elems: &[Term]) -> NativeResult {
    if elems.len() > MAX_TUPLE_ARITY {
        return badarg();
    }
    Ok(c.heap.tuple(elems))
}

/// An atom named `s`; `system_limit` past 255 characters or when it is new and the atom table
/// is full (`erl +t`).
fn make_atom(c: &mut NativeCtx<'_>, s: &str) -> NativeResult {
    if s.chars().count() > atom::MAX_ATOM_CHARS {
        return Err(Exception::system_limit());
    }
    super::new_atom(c, s)
}

fn existing_atom(c: &mut NativeCtx<'_>, s: &str) -> NativeResult {
    match c.shared.atoms.lookup(s) {
        Some(a) => Ok(Term::atom(a)),
        None => badarg(),
    }
}

/// Whether an atom-text encoding argument (`latin1`, `unicode` or `utf8`) is `latin1`;
/// `badarg` for anything else.
fn latin1_encoding(c: &NativeCtx<'_>, enc: Term) -> Result<bool, Exception> {
    if enc == c.atom("latin1") {
        Ok(true)
    } else if enc == c.atom("utf8") || enc == c.atom("unicode") {
        Ok(false)
    } else {
        badarg()
    }
}

/// The text of a binary: UTF-8 (the default, and for `utf8`/`unicode`) or Latin-1.
fn binary_text(t: Term, latin1: bool) -> Result<String, Exception> {
    let (bytes, bits) = binary::bytes(t).ok_or_else(Exception::badarg)?;
    if bits % 8 != 0 {
        return badarg();
    }
    if latin1 {
        return Ok(bytes.iter().map(|&b| b as char).collect());
    }
    String::from_utf8(bytes).map_err(|_| Exception::badarg())
}

/// `integer_to_list(N, Base)` text (uppercase digits, as OTP).
fn int_text(n: Term, base: Term) -> Result<String, Exception> {
    let n = to_bigint(n).ok_or_else(Exception::badarg)?;
    let base = match base.as_small() {
        Some(b) if (2..=36).contains(&b) => b as u32,
        _ => return badarg(),
    };
    Ok(n.to_str_radix(base).to_uppercase())
}

/// `list_to_integer/1,2`: an optional sign and at least one digit of `base`, nothing else.
fn parse_int(c: &mut NativeCtx<'_>, s: &str, base: Term) -> NativeResult {
    let base = match base.as_small() {
        Some(b) if (2..=36).contains(&b) => b as u32,
        _ => return badarg(),
    };
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.chars().all(|ch| ch.is_digit(base)) {
        return badarg();
    }
    let mut n = BigInt::from_str_radix(digits, base).map_err(|_| Exception::badarg())?;
    if s.starts_with('-') {
        n = -n;
    }
    Ok(c.heap.bigint(&n))
}

/// `list_to_float/1`: `[+-]digits.digits[(e|E)[+-]digits]`.
fn parse_float(c: &mut NativeCtx<'_>, s: &str) -> NativeResult {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let Some((int, frac)) = mant.split_once('.') else {
        return badarg();
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return badarg();
    }
    if let Some(e) = exp {
        if !digits(e.strip_prefix(['+', '-']).unwrap_or(e)) {
            return badarg();
        }
    }
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(c.heap.float(f)),
        _ => badarg(),
    }
}

/// `float_to_list(F, Options)` text.
fn float_text(c: &mut NativeCtx<'_>, f: Term, opts: Term) -> Result<String, Exception> {
    let f = f.as_float().ok_or_else(Exception::badarg)?;
    enum Fmt {
        Default,
        Short,
        Decimals(usize),
        Scientific(usize),
    }
    let mut fmt = Fmt::Default;
    let mut compact = false;
    let (short, dec, sci, comp) = (
        c.atom("short"),
        c.atom("decimals"),
        c.atom("scientific"),
        c.atom("compact"),
    );
    for o in list_arg(c, opts)? {
        if o == short {
            fmt = Fmt::Short;
        } else if o == comp {
            compact = true;
        } else if let Some([k, n]) = o.as_tuple_n() {
            let n = usize_arg(n)?;
            if k == dec && n <= 253 {
                fmt = Fmt::Decimals(n);
            } else if k == sci && n <= 249 {
                fmt = Fmt::Scientific(n);
            } else {
                return badarg();
            }
        } else {
            return badarg();
        }
    }
    match fmt {
        Fmt::Default => Ok(float_fmt::default(f)),
        Fmt::Short => Ok(float_fmt::short(f)),
        Fmt::Scientific(n) => Ok(float_fmt::scientific(f, n)),
        Fmt::Decimals(n) => float_fmt::decimals(f, n, compact).ok_or_else(Exception::badarg),
    }
}

fn list_to_bitstring(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    // Bitstrings may appear anywhere; concatenate bit by bit.
    let mut w = binary::BitWriter::default();
    let mut stack = vec![a[0]];
    if !a[0].is_list() {
        return badarg();
    }
    while let Some(t) = stack.pop() {
        if t.is_nil() {
            continue;
        }
        if let Some((h, tl)) = t.as_cons() {
            stack.push(tl);
            match h.as_small() {
                Some(b) if (0..=255).contains(&b) => w.push_bytes(&[b as u8]),
                Some(_) => return badarg(),
                None => stack.push(h),
            }
            continue;
        }
        let (src, off, bits) = binary::view(&t).ok_or_else(Exception::badarg)?;
        w.push_bits(src, off, bits);
    }
    Ok(w.finish(c.heap))
}

fn binary_part(c: &mut NativeCtx<'_>, bin: Term, start: Term, len: Term) -> NativeResult {
    let bits = binary::bit_size(bin).ok_or_else(Exception::badarg)?;
    let (Some(s), Some(l)) = (start.as_small(), len.as_small()) else {
        return badarg();
    };
    let size = (bits / 8) as i64;
    let (from, to) = if l >= 0 { (s, s + l) } else { (s + l, s) };
    if from < 0 || to > size {
        return badarg();
    }
    binary::slice(c.heap, bin, from as usize * 8, (to - from) as usize * 8)
        .ok_or_else(Exception::badarg)
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn conversions() {
        let mut env = Env::new();
        let s = env.heap.string("-123");
        let n = env.call("erlang", "list_to_integer", &[s]).unwrap();
        assert_eq!(n, Term::small(-123));
        for bad in [" 5", "1_000", "", "-", "0x1"] {
            let s = env.heap.string(bad);
            assert_eq!(
                env.call("erlang", "list_to_integer", &[s])
                    .map_err(|e| env.show(e)),
                Err("badarg".into())
            );
        }
        let s = env.heap.string("-z");
        assert_eq!(
            env.call("erlang", "list_to_integer", &[s, Term::small(36)])
                .unwrap(),
            Term::small(-35)
        );
        let l = env
            .call(
                "erlang",
                "integer_to_list",
                &[Term::small(255), Term::small(16)],
            )
            .unwrap();
        assert_eq!(env.show(l), "[70,70]");
        let f = env.heap.float(0.1);
        let short = env.atom("short");
        let opts = env.heap.list(&[short]);
        let l = env.call("erlang", "float_to_list", &[f, opts]).unwrap();
        assert_eq!(crate::bif::char_list(l).unwrap(), "0.1");
        for (text, ok) in [
            ("1.5", true),
            ("1", false),
            ("1.5e3", true),
            ("1.e3", false),
            (".5", false),
            ("+1.0", true),
        ] {
            let s = env.heap.string(text);
            assert_eq!(
                env.call("erlang", "list_to_float", &[s]).is_ok(),
                ok,
                "{text}"
            );
        }
        let a = env.atom("hello");
        let l = env.call("erlang", "atom_to_list", &[a]).unwrap();
        let back = env.call("erlang", "list_to_atom", &[l]).unwrap();
        assert_eq!(back, a);
        let long = env.heap.string(&"x".repeat(256));
        assert_eq!(
            env.call("erlang", "list_to_atom", &[long])
                .map_err(|e| env.show(e)),
            Err("system_limit".into())
        );
    }

    #[test]
    fn binaries_and_iolists() {
        let mut env = Env::new();
        let b = env.heap.binary(b"cd");
        let inner = env.heap.list(&[Term::small(98), b]);
        let io = env
            .heap
            .list_with_tail(&[Term::small(97), inner], Term::NIL);
        let bin = env.call("erlang", "iolist_to_binary", &[io]).unwrap();
        assert_eq!(env.show(bin), "<<97,98,99,100>>");
        assert_eq!(
            env.call("erlang", "iolist_size", &[io]).unwrap(),
            Term::small(4)
        );
        let bad = env.heap.list(&[Term::small(256)]);
        assert!(env.call("erlang", "iolist_to_binary", &[bad]).is_err());
        let part = env
            .call(
                "erlang",
                "binary_part",
                &[bin, Term::small(1), Term::small(2)],
            )
            .unwrap();
        assert_eq!(env.show(part), "<<98,99>>");
        let part = env
            .call(
                "erlang",
                "binary_part",
                &[bin, Term::small(4), Term::small(-2)],
            )
            .unwrap();
        assert_eq!(env.show(part), "<<99,100>>");
        assert!(env
            .call(
                "erlang",
                "binary_part",
                &[bin, Term::small(3), Term::small(2)]
            )
            .is_err());
        let l = env
            .call(
                "erlang",
                "binary_to_list",
                &[bin, Term::small(2), Term::small(3)],
            )
            .unwrap();
        assert_eq!(env.show(l), "[98,99]");
        let t = env
            .call("erlang", "split_binary", &[bin, Term::small(1)])
            .unwrap();
        assert_eq!(env.show(t), "{<<97>>,<<98,99,100>>}");
    }
}
