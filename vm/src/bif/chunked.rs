//! Builtins whose work follows the size of their input, done in bounded chunks that trap
//! between them (`NativeCtx::trap`, as BEAM's BIFs trap) so that a long call does not hold its
//! scheduler: `binary:copy/2`, `list_to_binary/1`, `iolist_to_binary/1`, `binary:list_to_bin/1`,
//! `binary_to_list/1,3`, `binary:bin_to_list/1,2,3`, `lists:reverse/1,2`, `'++'/2`,
//! `unicode:characters_to_list/1` of a UTF-8 binary (and
//! `term_to_binary/1,2` in `etf.rs`). Each chunk charges the
//! reductions of its work (one per 64 bytes or 16 list cells).

use super::{badarg, usize_arg, Reg};
use crate::heap::{RefcBinary, HEAP_BIN_LIMIT};
use crate::native::{Exception, NativeCtx, NativeResult, TRAP_CHUNK_REDUCTIONS};
use crate::ops::binary;
use crate::term::Term;
use std::sync::Arc;

/// Work units per reduction: a byte costs 1, a list cell 4 (16 cells per reduction).
const UNITS_PER_REDUCTION: usize = 64;
/// Work units per chunk.
const CHUNK_UNITS: usize = TRAP_CHUNK_REDUCTIONS * UNITS_PER_REDUCTION;
const CELL_UNITS: usize = 4;

pub(super) fn register(r: &mut Reg<'_>) {
    r.add("binary", "copy", 2, copy_start);
    r.add("erlang", "list_to_binary", 1, |c, a| {
        if !a[0].is_list() {
            return badarg();
        }
        iolist_start(c, a[0])
    });
    r.add("binary", "list_to_bin", 1, |c, a| {
        if !a[0].is_list() {
            return badarg();
        }
        iolist_start(c, a[0])
    });
    r.add("erlang", "iolist_to_binary", 1, |c, a| {
        if a[0].is_bitstring() {
            return match binary::bit_size(a[0]) {
                Some(b) if b % 8 == 0 => Ok(a[0]),
                _ => badarg(),
            };
        }
        if !a[0].is_list() {
            return badarg();
        }
        iolist_start(c, a[0])
    });
    r.add("erlang", "binary_to_list", 1, |c, a| {
        let len = byte_size(a[0])?;
        to_list_start(c, a[0], 0, len)
    });
    r.add("erlang", "binary_to_list", 3, |c, a| {
        let len = byte_size(a[0])?;
        let (from, to) = (usize_arg(a[1])?, usize_arg(a[2])?);
        if from < 1 || to < from || to > len {
            return badarg();
        }
        to_list_start(c, a[0], from - 1, to)
    });
    r.add("binary", "bin_to_list", 1, |c, a| {
        let len = byte_size(a[0])?;
        to_list_start(c, a[0], 0, len)
    });
    r.add("binary", "bin_to_list", 2, |c, a| {
        let len = byte_size(a[0])?;
        let Some([s, l]) = a[1].as_tuple_n() else {
            return badarg();
        };
        let (from, to) = super::binary_mod::range(len, s, l)?;
        to_list_start(c, a[0], from, to)
    });
    r.add("binary", "bin_to_list", 3, |c, a| {
        let len = byte_size(a[0])?;
        let (from, to) = super::binary_mod::range(len, a[1], a[2])?;
        to_list_start(c, a[0], from, to)
    });
    r.add("lists", "reverse", 1, |c, a| {
        // OTP's lists:reverse/1 is Erlang code whose clauses only look at the first two cells.
        let short_ok = match a[0].as_cons() {
            None => a[0].is_nil(),
            Some((_, t)) => t.is_nil() || t.as_cons().is_some(),
        };
        if !short_ok {
            return Err(Exception::error(Term::atom(crate::atom::FUNCTION_CLAUSE)));
        }
        reverse_chunk(
            c,
            Box::new(Reverse {
                rest: a[0],
                acc: Term::NIL,
                then: None,
            }),
        )
    });
    r.add("lists", "reverse", 2, |c, a| {
        reverse_chunk(
            c,
            Box::new(Reverse {
                rest: a[0],
                acc: a[1],
                then: None,
            }),
        )
    });
    r.add("erlang", "++", 2, append);
    r.add("erlang", "append", 2, append);
}

/// A binary term made from `bytes` without copying them again when they go off-heap.
pub(super) fn binary_from_vec(c: &mut NativeCtx<'_>, bytes: Vec<u8>) -> Term {
    if bytes.len() <= HEAP_BIN_LIMIT {
        return c.heap.binary(&bytes);
    }
    let bits = bytes.len() * 8;
    let rc = Arc::new(RefcBinary::new(bytes.into_boxed_slice()));
    c.heap.refc_binary(rc, bits)
}

/// The byte size of a binary (whole bytes), or `badarg`.
fn byte_size(t: Term) -> Result<usize, Exception> {
    match binary::bit_size(t) {
        Some(b) if b % 8 == 0 => Ok(b / 8),
        _ => badarg(),
    }
}

// ---- binary:copy/2 ----

struct Copy {
    src: Vec<u8>,
    left: usize,
    out: Vec<u8>,
}

fn copy_start(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let (src, bits) = binary::bytes(a[0]).ok_or_else(Exception::badarg)?;
    if bits % 8 != 0 {
        return badarg();
    }
    let n = usize_arg(a[1])?;
    let total = src.len().saturating_mul(n);
    if total > (1 << 30) {
        return Err(Exception::system_limit());
    }
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(Exception::system_limit());
    }
    copy_chunk(c, Box::new(Copy { src, left: n, out }))
}

fn copy_next(c: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    match c.resumed::<Copy>() {
        Some(st) => copy_chunk(c, st),
        None => badarg(),
    }
}

fn copy_chunk(c: &mut NativeCtx<'_>, mut st: Box<Copy>) -> NativeResult {
    let per = st.src.len().max(1);
    let copies = (CHUNK_UNITS / per).max(1).min(st.left);
    for _ in 0..copies {
        st.out.extend_from_slice(&st.src);
    }
    st.left -= copies;
    c.charge(copies * per / UNITS_PER_REDUCTION);
    if st.left > 0 {
        return c.trap(copy_next, &[], st);
    }
    Ok(binary_from_vec(c, std::mem::take(&mut st.out)))
}

// ---- iolists to binaries ----

struct IoList {
    stack: Vec<Term>,
    out: Vec<u8>,
}

fn iolist_start(c: &mut NativeCtx<'_>, t: Term) -> NativeResult {
    iolist_chunk(
        c,
        Box::new(IoList {
            stack: vec![t],
            out: Vec::new(),
        }),
    )
}

fn iolist_next(c: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    match c.resumed::<IoList>() {
        Some(st) => iolist_chunk(c, st),
        None => badarg(),
    }
}

/// Flattens up to a chunk of the iolist (bytes, binaries, nested lists, binary tails).
fn iolist_chunk(c: &mut NativeCtx<'_>, mut st: Box<IoList>) -> NativeResult {
    let mut units = 0;
    while let Some(t) = st.stack.pop() {
        if units >= CHUNK_UNITS {
            st.stack.push(t);
            c.charge(units / UNITS_PER_REDUCTION);
            return c.trap(iolist_next, &[], st);
        }
        if t.is_nil() {
            continue;
        }
        if let Some((h, tl)) = t.as_cons() {
            units += CELL_UNITS;
            st.stack.push(tl);
            match h.as_small() {
                Some(b) => st
                    .out
                    .push(u8::try_from(b).map_err(|_| Exception::badarg())?),
                None => st.stack.push(h),
            }
            continue;
        }
        let (src, off, bits) = binary::view(&t).ok_or_else(Exception::badarg)?;
        if bits % 8 != 0 {
            return badarg();
        }
        if off % 8 == 0 {
            st.out.extend_from_slice(&src[off / 8..off / 8 + bits / 8]);
        } else {
            st.out.extend(binary::extract_bits(src, off, bits));
        }
        units += bits / 8;
        if st.out.len() > (1 << 31) {
            return Err(Exception::system_limit());
        }
    }
    c.charge(units / UNITS_PER_REDUCTION);
    Ok(binary_from_vec(c, std::mem::take(&mut st.out)))
}

// ---- binaries to lists ----

/// The list of bytes `from..end` of `bin`, built from the end: `acc` holds `end..to`.
struct ToList {
    bin: Term,
    from: usize,
    end: usize,
    acc: Term,
}

fn to_list_start(c: &mut NativeCtx<'_>, bin: Term, from: usize, to: usize) -> NativeResult {
    let st = ToList {
        bin,
        from,
        end: to,
        acc: Term::NIL,
    };
    to_list_chunk(c, Box::new(st))
}

fn to_list_next(c: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    match c.resumed::<ToList>() {
        Some(st) => to_list_chunk(c, st),
        None => badarg(),
    }
}

fn to_list_chunk(c: &mut NativeCtx<'_>, mut st: Box<ToList>) -> NativeResult {
    let start = st.end.saturating_sub(CHUNK_UNITS / CELL_UNITS).max(st.from);
    let (src, off, _) = binary::view(&st.bin).ok_or_else(Exception::badarg)?;
    let elems: Vec<Term> = if off % 8 == 0 {
        src[off / 8 + start..off / 8 + st.end]
            .iter()
            .map(|&b| Term::small(b as i64))
            .collect()
    } else {
        binary::extract_bits(src, off + start * 8, (st.end - start) * 8)
            .into_iter()
            .map(|b| Term::small(b as i64))
            .collect()
    };
    c.charge(elems.len() * CELL_UNITS / UNITS_PER_REDUCTION);
    st.acc = c.heap.list_with_tail(&elems, st.acc);
    st.end = start;
    if st.end > st.from {
        return c.trap(to_list_next, &[], st);
    }
    Ok(st.acc)
}

// ---- unicode:characters_to_list/1 of a UTF-8 binary ----

/// Whether `t` is a binary of valid UTF-8 (the case `utf8_to_list` handles).
pub(super) fn is_utf8_binary(t: Term) -> bool {
    match binary::view(&t) {
        Some((src, off, bits)) if off % 8 == 0 && bits % 8 == 0 => {
            std::str::from_utf8(&src[off / 8..off / 8 + bits / 8]).is_ok()
        }
        _ => false,
    }
}

/// The characters of a valid UTF-8 binary, built from the end in chunks.
pub(super) fn utf8_to_list(c: &mut NativeCtx<'_>, bin: Term) -> NativeResult {
    let len = byte_size(bin)?;
    let st = ToChars {
        bin,
        end: len,
        acc: Term::NIL,
    };
    to_chars_chunk(c, Box::new(st))
}

/// The characters of bytes `..end` of `bin`; `acc` holds those of `end..`.
struct ToChars {
    bin: Term,
    end: usize,
    acc: Term,
}

fn to_chars_next(c: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    match c.resumed::<ToChars>() {
        Some(st) => to_chars_chunk(c, st),
        None => badarg(),
    }
}

fn to_chars_chunk(c: &mut NativeCtx<'_>, mut st: Box<ToChars>) -> NativeResult {
    let (src, off, _) = binary::view(&st.bin).ok_or_else(Exception::badarg)?;
    let bytes = &src[off / 8..off / 8 + st.end];
    // Start the chunk at a character boundary (not a continuation byte 10xxxxxx).
    let mut start = st.end.saturating_sub(CHUNK_UNITS / CELL_UNITS);
    while start > 0 && bytes[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    let text = std::str::from_utf8(&bytes[start..]).map_err(|_| Exception::badarg())?;
    let elems: Vec<Term> = text.chars().map(|ch| Term::small(ch as i64)).collect();
    c.charge(elems.len() * CELL_UNITS / UNITS_PER_REDUCTION);
    st.acc = c.heap.list_with_tail(&elems, st.acc);
    st.end = start;
    if st.end > 0 {
        return c.trap(to_chars_next, &[], st);
    }
    Ok(st.acc)
}

// ---- lists:reverse/1,2 ----

/// `rest` reversed onto `acc`; then, if `then` is set, the result reversed onto `then`.
struct Reverse {
    rest: Term,
    acc: Term,
    then: Option<Term>,
}

/// `A ++ B`: `A` (a proper list) reversed, then reversed again onto `B` (any term).
fn append(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    if !a[0].is_list() {
        return badarg();
    }
    if a[1].is_nil() {
        return match crate::ops::list_length(a[0]) {
            Some(n) => {
                c.charge(n / 16);
                Ok(a[0])
            }
            None => badarg(),
        };
    }
    let st = Reverse {
        rest: a[0],
        acc: Term::NIL,
        then: Some(a[1]),
    };
    reverse_chunk(c, Box::new(st))
}

fn reverse_next(c: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    match c.resumed::<Reverse>() {
        Some(st) => reverse_chunk(c, st),
        None => badarg(),
    }
}

fn reverse_chunk(c: &mut NativeCtx<'_>, mut st: Box<Reverse>) -> NativeResult {
    let mut cells = 0;
    while let Some((h, t)) = st.rest.as_cons() {
        if cells * CELL_UNITS >= CHUNK_UNITS {
            c.charge(cells * CELL_UNITS / UNITS_PER_REDUCTION);
            return c.trap(reverse_next, &[], st);
        }
        st.acc = c.heap.cons(h, st.acc);
        st.rest = t;
        cells += 1;
    }
    c.charge(cells * CELL_UNITS / UNITS_PER_REDUCTION);
    if !st.rest.is_nil() {
        return badarg();
    }
    match st.then.take() {
        Some(tail) => {
            st.rest = st.acc;
            st.acc = tail;
            c.trap(reverse_next, &[], st)
        }
        None => Ok(st.acc),
    }
}
