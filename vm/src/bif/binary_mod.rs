//! The `binary` module's natives: `part`, `split`, `match(es)`, `replace`, `first`, `last`,
//! `at`, `copy`, `bin_to_list`, `list_to_bin`, `encode_unsigned`, `decode_unsigned`,
//! `longest_common_prefix/suffix`. Options supported: `global`, `trim`, `trim_all`, `{scope,
//! {S, L}}`. Errors are `badarg`, as OTP.

use super::{badarg, list_arg, usize_arg, Reg};
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::arith::to_bigint;
use crate::ops::binary;
use crate::term::Term;
use num_bigint::{BigInt, Sign};

pub(super) fn register(r: &mut Reg<'_>) {
    let b = "binary";
    r.add(b, "part", 2, |c, a| {
        let Some([s, l]) = a[1].as_tuple_n() else {
            return badarg();
        };
        part(c, a[0], s, l)
    });
    r.add(b, "part", 3, |c, a| part(c, a[0], a[1], a[2]));
    r.add(b, "first", 1, |_, a| {
        let v = bin(a[0])?;
        v.first()
            .map(|&x| Term::small(x as i64))
            .ok_or_else(Exception::badarg)
    });
    r.add(b, "last", 1, |_, a| {
        let v = bin(a[0])?;
        v.last()
            .map(|&x| Term::small(x as i64))
            .ok_or_else(Exception::badarg)
    });
    r.add(b, "at", 2, |_, a| {
        let v = bin(a[0])?;
        let i = usize_arg(a[1])?;
        v.get(i)
            .map(|&x| Term::small(x as i64))
            .ok_or_else(Exception::badarg)
    });
    r.add(b, "copy", 1, |c, a| {
        let v = bin(a[0])?;
        Ok(c.heap.binary(&v))
    });
    r.add(b, "copy", 2, |c, a| {
        let v = bin(a[0])?;
        let n = usize_arg(a[1])?;
        if v.len().saturating_mul(n) > (1 << 30) {
            return Err(Exception::system_limit());
        }
        let mut out = Vec::new();
        crate::limits::reserve_or_exit(&mut out, v.len() * n);
        for _ in 0..n {
            out.extend_from_slice(&v);
        }
        Ok(c.heap.binary_from_vec(out))
    });
    r.add(b, "bin_to_list", 1, |c, a| {
        let v = bin(a[0])?;
        Ok(bytes_list(c, &v))
    });
    r.add(b, "bin_to_list", 2, |c, a| {
        let v = bin(a[0])?;
        let Some([s, l]) = a[1].as_tuple_n() else {
            return badarg();
        };
        let (from, to) = range(v.len(), s, l)?;
        Ok(bytes_list(c, &v[from..to]))
    });
    r.add(b, "bin_to_list", 3, |c, a| {
        let v = bin(a[0])?;
        let (from, to) = range(v.len(), a[1], a[2])?;
        Ok(bytes_list(c, &v[from..to]))
    });
    r.add(b, "list_to_bin", 1, |c, a| {
        let mut out = Vec::new();
        if !a[0].is_list() {
            return badarg();
        }
        super::iolist_bytes(a[0], &mut out).ok_or_else(Exception::badarg)?;
        Ok(c.heap.binary(&out))
    });
    r.add(b, "split", 2, |c, a| split(c, a[0], a[1], Term::NIL));
    r.add(b, "split", 3, |c, a| split(c, a[0], a[1], a[2]));
    r.add(b, "match", 2, |c, a| do_match(c, a[0], a[1], Term::NIL));
    r.add(b, "match", 3, |c, a| do_match(c, a[0], a[1], a[2]));
    r.add(b, "matches", 2, |c, a| matches(c, a[0], a[1], Term::NIL));
    r.add(b, "matches", 3, |c, a| matches(c, a[0], a[1], a[2]));
    r.add(b, "replace", 3, |c, a| {
        replace(c, a[0], a[1], a[2], Term::NIL)
    });
    r.add(b, "replace", 4, |c, a| replace(c, a[0], a[1], a[2], a[3]));
    r.add(b, "encode_unsigned", 1, |c, a| {
        encode_unsigned(c, a[0], false)
    });
    r.add(b, "encode_unsigned", 2, |c, a| {
        let little = endian(c, a[1])?;
        encode_unsigned(c, a[0], little)
    });
    r.add(b, "decode_unsigned", 1, |c, a| {
        decode_unsigned(c, a[0], false)
    });
    r.add(b, "decode_unsigned", 2, |c, a| {
        let little = endian(c, a[1])?;
        decode_unsigned(c, a[0], little)
    });
    r.add(b, "longest_common_prefix", 1, |c, a| {
        let bins = bins_list(c, a[0])?;
        let n = common(&bins, |v, i| v.get(i).copied());
        Ok(Term::small(n as i64))
    });
    r.add(b, "longest_common_suffix", 1, |c, a| {
        let bins = bins_list(c, a[0])?;
        let n = common(&bins, |v, i| v.len().checked_sub(i + 1).map(|j| v[j]));
        Ok(Term::small(n as i64))
    });
}

/// The bytes of a binary (whole bytes only), or `badarg`.
fn bin(t: Term) -> Result<Vec<u8>, Exception> {
    match binary::bytes(t) {
        Some((v, bits)) if bits % 8 == 0 => Ok(v),
        _ => badarg(),
    }
}

fn bins_list(c: &mut NativeCtx<'_>, t: Term) -> Result<Vec<Vec<u8>>, Exception> {
    let l = list_arg(c, t)?;
    if l.is_empty() {
        return badarg();
    }
    l.into_iter().map(bin).collect()
}

fn common(bins: &[Vec<u8>], at: impl Fn(&Vec<u8>, usize) -> Option<u8>) -> usize {
    let mut i = 0;
    loop {
        let first = at(&bins[0], i);
        if first.is_none() || bins.iter().any(|b| at(b, i) != first) {
            return i;
        }
        i += 1;
    }
}

fn bytes_list(c: &mut NativeCtx<'_>, v: &[u8]) -> Term {
    // Built from the end, with no vector of the elements (the list may be most of the memory).
    v.iter()
        .rev()
        .fold(Term::NIL, |acc, &b| c.heap.cons(Term::small(b as i64), acc))
}

/// `{Start, Len}` (Len may be negative) as a byte range within `size`, or `badarg`.
fn range(size: usize, s: Term, l: Term) -> Result<(usize, usize), Exception> {
    let (Some(s), Some(l)) = (s.as_small(), l.as_small()) else {
        return badarg();
    };
    let (from, to) = if l >= 0 { (s, s + l) } else { (s + l, s) };
    if from < 0 || to > size as i64 {
        return badarg();
    }
    Ok((from as usize, to as usize))
}

fn part(c: &mut NativeCtx<'_>, b: Term, s: Term, l: Term) -> NativeResult {
    let bits = binary::bit_size(b).ok_or_else(Exception::badarg)?;
    if bits % 8 != 0 {
        return badarg();
    }
    let (from, to) = range(bits / 8, s, l)?;
    binary::slice(c.heap, b, from * 8, (to - from) * 8).ok_or_else(Exception::badarg)
}

fn endian(c: &NativeCtx<'_>, t: Term) -> Result<bool, Exception> {
    match &*super::atom_name(c, t)? {
        "big" => Ok(false),
        "little" => Ok(true),
        _ => badarg(),
    }
}

fn encode_unsigned(c: &mut NativeCtx<'_>, t: Term, little: bool) -> NativeResult {
    let n = to_bigint(t).ok_or_else(Exception::badarg)?;
    if n.sign() == Sign::Minus {
        return badarg();
    }
    let mut v = n.to_bytes_be().1;
    if little {
        v.reverse();
    }
    Ok(c.heap.binary(&v))
}

fn decode_unsigned(c: &mut NativeCtx<'_>, t: Term, little: bool) -> NativeResult {
    let v = bin(t)?;
    let n = if little {
        BigInt::from_bytes_le(Sign::Plus, &v)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &v)
    };
    Ok(c.heap.bigint(&n))
}

/// Parsed options of split/match/replace.
struct Opts {
    global: bool,
    trim: bool,
    trim_all: bool,
    scope: Option<(usize, usize)>,
}

fn opts(c: &mut NativeCtx<'_>, t: Term, size: usize) -> Result<Opts, Exception> {
    let mut o = Opts {
        global: false,
        trim: false,
        trim_all: false,
        scope: None,
    };
    for x in list_arg(c, t)? {
        if let Some(a) = x.as_atom() {
            match &*c.shared.atoms.name(a) {
                "global" => o.global = true,
                "trim" => o.trim = true,
                "trim_all" => o.trim_all = true,
                _ => return badarg(),
            }
        } else if let Some([k, v]) = x.as_tuple_n() {
            let name = super::atom_name(c, k)?;
            match (&*name, v.as_tuple_n()) {
                ("scope", Some([s, l])) => o.scope = Some(range(size, s, l)?),
                ("insert_replaced", _) => {}
                _ => return badarg(),
            }
        } else {
            return badarg();
        }
    }
    Ok(o)
}

/// Non-empty patterns from a binary or a list of binaries.
fn patterns(c: &mut NativeCtx<'_>, t: Term) -> Result<Vec<Vec<u8>>, Exception> {
    let pats = if t.is_list() {
        list_arg(c, t)?
            .into_iter()
            .map(bin)
            .collect::<Result<Vec<_>, _>>()?
    } else {
        vec![bin(t)?]
    };
    if pats.is_empty() || pats.iter().any(|p| p.is_empty()) {
        return badarg();
    }
    Ok(pats)
}

/// All non-overlapping matches `(pos, len)` in `hay[from..to]`, leftmost then longest.
fn find_all(
    hay: &[u8],
    pats: &[Vec<u8>],
    from: usize,
    to: usize,
    global: bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let best = pats
            .iter()
            .filter(|p| i + p.len() <= to && hay[i..i + p.len()] == p[..])
            .map(|p| p.len())
            .max();
        match best {
            Some(len) => {
                out.push((i, len));
                if !global {
                    break;
                }
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

fn split(c: &mut NativeCtx<'_>, subject: Term, pat: Term, options: Term) -> NativeResult {
    let hay = bin(subject)?;
    let pats = patterns(c, pat)?;
    let o = opts(c, options, hay.len())?;
    let (from, to) = o.scope.map_or((0, hay.len()), |(s, e)| (s, e));
    c.charge(hay.len() / 64);
    let found = find_all(&hay, &pats, from, to, o.global);
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (pos, len) in found {
        parts.push((start, pos));
        start = pos + len;
    }
    parts.push((start, hay.len()));
    if o.trim_all {
        parts.retain(|(s, e)| e > s);
    } else if o.trim {
        while parts.len() > 1 && parts.last().is_some_and(|(s, e)| s == e) {
            parts.pop();
        }
        if parts.len() == 1 && parts[0].0 == parts[0].1 {
            parts.clear();
        }
    }
    let mut terms = Vec::with_capacity(parts.len());
    for (s, e) in parts {
        terms.push(
            binary::slice(c.heap, subject, s * 8, (e - s) * 8).ok_or_else(Exception::badarg)?,
        );
    }
    Ok(c.heap.list(&terms))
}

fn do_match(c: &mut NativeCtx<'_>, subject: Term, pat: Term, options: Term) -> NativeResult {
    let hay = bin(subject)?;
    let pats = patterns(c, pat)?;
    let o = opts(c, options, hay.len())?;
    let (from, to) = o.scope.unwrap_or((0, hay.len()));
    match find_all(&hay, &pats, from, to, false).first() {
        Some(&(p, l)) => Ok(c
            .heap
            .tuple(&[Term::small(p as i64), Term::small(l as i64)])),
        None => Ok(c.atom("nomatch")),
    }
}

fn matches(c: &mut NativeCtx<'_>, subject: Term, pat: Term, options: Term) -> NativeResult {
    let hay = bin(subject)?;
    let pats = patterns(c, pat)?;
    let o = opts(c, options, hay.len())?;
    let (from, to) = o.scope.unwrap_or((0, hay.len()));
    let found = find_all(&hay, &pats, from, to, true);
    let ts: Vec<Term> = found
        .into_iter()
        .map(|(p, l)| {
            c.heap
                .tuple(&[Term::small(p as i64), Term::small(l as i64)])
        })
        .collect();
    Ok(c.heap.list(&ts))
}

fn replace(
    c: &mut NativeCtx<'_>,
    subject: Term,
    pat: Term,
    repl: Term,
    options: Term,
) -> NativeResult {
    let hay = bin(subject)?;
    let pats = patterns(c, pat)?;
    let with = bin(repl)?;
    let o = opts(c, options, hay.len())?;
    let (from, to) = o.scope.unwrap_or((0, hay.len()));
    let mut out = Vec::with_capacity(hay.len());
    let mut last = 0;
    for (p, l) in find_all(&hay, &pats, from, to, o.global) {
        out.extend_from_slice(&hay[last..p]);
        out.extend_from_slice(&with);
        last = p + l;
    }
    out.extend_from_slice(&hay[last..]);
    Ok(c.heap.binary(&out))
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn binary_module() {
        let mut env = Env::new();
        let s = env.heap.binary(b"a--b");
        let dash = env.heap.binary(b"-");
        let global = env.atom("global");
        let g = env.heap.list(&[global]);
        let r = env.call("binary", "split", &[s, dash, g]).unwrap();
        assert_eq!(env.show(r), "[<<97>>,<<>>,<<98>>]");
        let trim_all = env.atom("trim_all");
        let gt = env.heap.list(&[global, trim_all]);
        let r = env.call("binary", "split", &[s, dash, gt]).unwrap();
        assert_eq!(env.show(r), "[<<97>>,<<98>>]");
        let empty = env.heap.binary(b"");
        let r = env.call("binary", "split", &[empty, dash]).unwrap();
        assert_eq!(env.show(r), "[<<>>]");
        let ab = env.heap.binary(b"abcabc");
        let ca = env.heap.binary(b"ca");
        let r = env.call("binary", "match", &[ab, ca]).unwrap();
        assert_eq!(env.show(r), "{2,2}");
        let x = env.heap.binary(b"aXbX");
        let xx = env.heap.binary(b"X");
        let y = env.heap.binary(b"y");
        let r = env.call("binary", "replace", &[x, xx, y]).unwrap();
        assert_eq!(env.show(r), "<<97,121,98,88>>");
        assert!(env.call("binary", "at", &[ab, Term::small(6)]).is_err());
        let r = env
            .call("binary", "encode_unsigned", &[Term::small(65536)])
            .unwrap();
        assert_eq!(env.show(r), "<<1,0,0>>");
        let r = env.call("binary", "decode_unsigned", &[r]).unwrap();
        assert_eq!(r, Term::small(65536));
    }
}
