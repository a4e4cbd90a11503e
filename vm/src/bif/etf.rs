//! `term_to_binary/1` and `binary_to_term/1,2`: the external term format as OTP 25 writes it
//! (atoms as `ATOM_EXT` when Latin-1, else `SMALL_ATOM_UTF8_EXT`; floats as `NEW_FLOAT_EXT`;
//! lists of bytes as `STRING_EXT`; map pairs in `maps:to_list` order). Both directions are
//! iterative, and decoding checks every length, so a corrupt or hostile binary gives `badarg`,
//! never a panic.
//! Local funs and references cannot be decoded (no code or node to bind them to): `badarg`.
//! Options follow OTP 25: `term_to_binary/2` takes `compressed`, `{compressed, 0..9}` (zlib, kept
//! only when not longer, as `erts` does), `{minor_version, 0..2}` and `deterministic`;
//! `binary_to_term/2` takes `safe` (no new atoms) and `used`. Anything else is `badarg`.

use super::{badarg, Reg};
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::arith::to_bigint;
use crate::ops::{binary, map};
use crate::term::{Term, Words, SUB_EXPORT, SUB_REF};
use num_bigint::{BigInt, Sign};

const VERSION: u8 = 131;
const COMPRESSED: u8 = 80;
const NEW_FLOAT: u8 = 70;
const BIT_BINARY: u8 = 77;
const NEW_PID: u8 = 88;
const NEWER_REF: u8 = 90;
const SMALL_INT: u8 = 97;
const INT: u8 = 98;
const OLD_FLOAT: u8 = 99;
const ATOM: u8 = 100;
const SMALL_TUPLE: u8 = 104;
const LARGE_TUPLE: u8 = 105;
const NIL: u8 = 106;
const STRING: u8 = 107;
const LIST: u8 = 108;
const BINARY: u8 = 109;
const SMALL_BIG: u8 = 110;
const LARGE_BIG: u8 = 111;
const EXPORT: u8 = 113;
const MAP: u8 = 116;
const SMALL_ATOM: u8 = 115;
const ATOM_UTF8: u8 = 118;
const SMALL_ATOM_UTF8: u8 = 119;

pub(super) fn register(r: &mut Reg<'_>) {
    r.add("erlang", "term_to_binary", 1, |c, a| {
        let opts = EncodeOpts::default();
        encode_start(c, a[0], opts)
    });
    r.add("erlang", "term_to_binary", 2, |c, a| {
        let opts = encode_opts(c, a[1])?;
        encode_start(c, a[0], opts)
    });
    r.add("erlang", "external_size", 1, |c, a| {
        Ok(Term::small(encode(c, a[0])?.len() as i64))
    });
    r.add("erlang", "external_size", 2, |c, a| {
        super::list_arg(c, a[1])?;
        Ok(Term::small(encode(c, a[0])?.len() as i64))
    });
    r.add("erlang", "term_to_iovec", 1, |c, a| {
        let bytes = encode(c, a[0])?;
        let b = c.heap.binary(&bytes);
        Ok(c.heap.list(&[b]))
    });
    r.add("erlang", "binary_to_term", 1, |c, a| {
        Ok(decode(c, a[0], false)?.0)
    });
    r.add("erlang", "binary_to_term", 2, |c, a| {
        let (mut safe, mut used) = (false, false);
        for o in super::list_arg(c, a[1])? {
            match o.as_atom().map(|x| c.shared.atoms.name(x)).as_deref() {
                Some("safe") => safe = true,
                Some("used") => used = true,
                _ => return badarg(),
            }
        }
        let (t, n) = decode(c, a[0], safe)?;
        Ok(if used {
            c.heap.tuple(&[t, Term::small(n as i64)])
        } else {
            t
        })
    });
}

/// `term_to_binary/2` options: zlib level when compressing, and the minor version.
struct EncodeOpts {
    level: Option<u32>,
    minor_version: u8,
}

impl Default for EncodeOpts {
    /// `term_to_binary/1`: uncompressed, minor version 1.
    fn default() -> Self {
        EncodeOpts {
            level: None,
            minor_version: 1,
        }
    }
}

/// Parses `term_to_binary/2` options as OTP 25 does (later options win; `badarg` otherwise).
fn encode_opts(c: &mut NativeCtx<'_>, t: Term) -> Result<EncodeOpts, Exception> {
    // OTP 25's default minor version is 1: Latin-1 atoms as ATOM_EXT, floats as NEW_FLOAT_EXT.
    let mut opts = EncodeOpts {
        level: None,
        minor_version: 1,
    };
    for o in super::list_arg(c, t)? {
        let name = |x: Term| x.as_atom().map(|a| c.shared.atoms.name(a));
        if let Some(es) = o.as_tuple().filter(|es| es.len() == 2) {
            let n = es.at(1).as_small();
            match (name(es.at(0)).as_deref(), n) {
                (Some("compressed"), Some(n @ 0..=9)) => opts.level = Some(n as u32),
                (Some("minor_version"), Some(n @ 0..=2)) => opts.minor_version = n as u8,
                _ => return badarg(),
            }
            continue;
        }
        match name(o).as_deref() {
            // zlib's default level, as `erts` uses for `compressed`.
            Some("compressed") => opts.level = Some(6),
            Some("deterministic") => {}
            _ => return badarg(),
        }
    }
    Ok(opts)
}

/// `<<131, 80, Size:32, ZlibData>>` when that is no longer than `raw` (as `erts` decides), else
/// `raw` unchanged; level 0 never compresses.
fn compress(raw: Vec<u8>, level: u32) -> Vec<u8> {
    use std::io::Write;
    if level == 0 || raw.len() < 2 {
        return raw;
    }
    let body = &raw[1..];
    let Ok(size) = u32::try_from(body.len()) else {
        return raw;
    };
    let mut out = vec![VERSION, COMPRESSED];
    out.extend_from_slice(&size.to_be_bytes());
    let mut z = flate2::write::ZlibEncoder::new(out, flate2::Compression::new(level));
    match z.write_all(body).and_then(|()| z.finish()) {
        Ok(out) if out.len() <= raw.len() => out,
        _ => raw,
    }
}

/// Inflates a compressed term's zlib data to exactly `size` bytes; also returns how many input
/// bytes the zlib stream used. `badarg` for a corrupt stream or a size mismatch.
fn inflate(data: &[u8], size: usize) -> Result<(Vec<u8>, usize), Exception> {
    use std::io::Read;
    let mut z = flate2::read::ZlibDecoder::new(data);
    let mut out = Vec::with_capacity(size.min(1 << 20));
    let read = (&mut z)
        .take(size as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| Exception::badarg())?;
    if read != size {
        return badarg();
    }
    Ok((out, z.total_in() as usize))
}

fn put_atom(out: &mut Vec<u8>, name: &str, minor_version: u8) {
    if minor_version < 2 && name.chars().all(|ch| (ch as u32) < 256) {
        out.push(ATOM);
        out.extend_from_slice(&(name.chars().count() as u16).to_be_bytes());
        out.extend(name.chars().map(|ch| ch as u8));
    } else if name.len() < 256 {
        out.push(SMALL_ATOM_UTF8);
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
    } else {
        out.push(ATOM_UTF8);
        out.extend_from_slice(&(name.len() as u16).to_be_bytes());
        out.extend_from_slice(name.as_bytes());
    }
}

fn put_int(out: &mut Vec<u8>, n: &BigInt) {
    if let Ok(small) = i32::try_from(n) {
        if (0..=255).contains(&small) {
            out.extend_from_slice(&[SMALL_INT, small as u8]);
        } else {
            out.push(INT);
            out.extend_from_slice(&small.to_be_bytes());
        }
        return;
    }
    let (sign, mag) = n.to_bytes_le();
    if mag.len() < 256 {
        out.extend_from_slice(&[SMALL_BIG, mag.len() as u8]);
    } else {
        out.push(LARGE_BIG);
        out.extend_from_slice(&(mag.len() as u32).to_be_bytes());
    }
    out.push((sign == Sign::Minus) as u8);
    out.extend_from_slice(&mag);
}

/// An encoding in progress: the bytes so far, the terms still to write (last first), and the
/// options.
struct Encoding {
    out: Vec<u8>,
    stack: Vec<Term>,
    opts: EncodeOpts,
}

/// Terms written per chunk of `term_to_binary` before it traps (16 per reduction).
const ENCODE_CHUNK: usize = crate::native::TRAP_CHUNK_REDUCTIONS * 16;

/// `term_to_binary` in chunks that trap between them (see `NativeCtx::trap`).
fn encode_start(c: &mut NativeCtx<'_>, t: Term, opts: EncodeOpts) -> NativeResult {
    let st = Encoding {
        out: vec![VERSION],
        stack: vec![t],
        opts,
    };
    encode_chunk(c, Box::new(st))
}

fn encode_next(c: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    match c.resumed::<Encoding>() {
        Some(st) => encode_chunk(c, st),
        None => badarg(),
    }
}

fn encode_chunk(c: &mut NativeCtx<'_>, mut st: Box<Encoding>) -> NativeResult {
    let minor = st.opts.minor_version;
    let Encoding { out, stack, .. } = &mut *st;
    if !encode_some(c, out, stack, ENCODE_CHUNK, minor)? {
        return c.trap(encode_next, &[], st);
    }
    let bytes = std::mem::take(&mut st.out);
    let bytes = match st.opts.level {
        Some(level) => compress(bytes, level),
        None => bytes,
    };
    Ok(super::chunked::binary_from_vec(c, bytes))
}

/// The external format of `t` (with the version byte), as OTP 25's `term_to_binary/1`.
pub fn encode(c: &mut NativeCtx<'_>, t: Term) -> Result<Vec<u8>, Exception> {
    encode_with(c, t, 1)
}

/// `FLOAT_EXT` (minor version 0): the float printed as C's `"%.20e"`, NUL-padded to 31 bytes.
fn put_old_float(out: &mut Vec<u8>, f: f64) {
    let s = format!("{f:.20e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let text = format!(
        "{mantissa}e{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    );
    let mut field = [0u8; 31];
    let n = text.len().min(31);
    field[..n].copy_from_slice(&text.as_bytes()[..n]);
    out.push(OLD_FLOAT);
    out.extend_from_slice(&field);
}

/// The external format of `t` for a `minor_version` (0: floats as `FLOAT_EXT`; 2: every atom
/// as UTF-8).
fn encode_with(c: &mut NativeCtx<'_>, t: Term, minor_version: u8) -> Result<Vec<u8>, Exception> {
    let mut out = vec![VERSION];
    let mut stack = vec![t];
    encode_some(c, &mut out, &mut stack, usize::MAX, minor_version)?;
    Ok(out)
}

/// Writes the terms on `stack` (last first) to `out`, at most about `limit` of them (a list
/// counts its cells); true when the stack is empty. `minor_version` as in `encode_with`.
fn encode_some(
    c: &mut NativeCtx<'_>,
    out: &mut Vec<u8>,
    stack: &mut Vec<Term>,
    limit: usize,
    minor_version: u8,
) -> Result<bool, Exception> {
    let mut visited = 0usize;
    while let Some(t) = stack.pop() {
        if visited >= limit {
            stack.push(t);
            c.charge(visited / 16);
            return Ok(false);
        }
        visited += 1;
        if let Some(a) = t.as_atom() {
            put_atom(out, &c.shared.atoms.name(a), minor_version);
        } else if t.is_integer() {
            put_int(out, &to_bigint(t).unwrap_or_default());
        } else if let Some(f) = t.as_float().filter(|_| minor_version == 0) {
            put_old_float(out, f);
        } else if let Some(f) = t.as_float() {
            out.push(NEW_FLOAT);
            out.extend_from_slice(&f.to_bits().to_be_bytes());
        } else if t.is_nil() {
            out.push(NIL);
        } else if t.is_cons() {
            visited += encode_list(out, t, stack);
        } else if let Some(es) = t.as_tuple() {
            if es.len() < 256 {
                out.extend_from_slice(&[SMALL_TUPLE, es.len() as u8]);
            } else {
                out.push(LARGE_TUPLE);
                out.extend_from_slice(&(es.len() as u32).to_be_bytes());
            }
            stack.extend(es.iter().rev());
        } else if t.is_map() {
            // Flat maps in key order, large maps in maps:to_list order (both as OTP writes them).
            let pairs = map::to_pairs(t);
            out.push(MAP);
            out.extend_from_slice(&(pairs.len() as u32).to_be_bytes());
            for (k, v) in pairs.into_iter().rev() {
                stack.push(v);
                stack.push(k);
            }
        } else if let Some((bytes, bits)) = binary::bytes(t) {
            if bits % 8 == 0 {
                out.push(BINARY);
                out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            } else {
                out.push(BIT_BINARY);
                out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
                out.push((bits % 8) as u8);
            }
            crate::limits::reserve_or_exit(out, bytes.len());
            out.extend_from_slice(&bytes);
        } else if let Some(p) = t.as_pid() {
            out.push(NEW_PID);
            put_atom(out, "nonode@nohost", minor_version);
            out.extend_from_slice(&(p as u32).to_be_bytes());
            out.extend_from_slice(&[0; 8]);
        } else if t.boxed_subtag() == Some(SUB_REF) {
            let id = t.payload().map_or(0, |p| p.at(0).raw());
            out.push(NEWER_REF);
            out.extend_from_slice(&3u16.to_be_bytes());
            put_atom(out, "nonode@nohost", minor_version);
            out.extend_from_slice(&[0; 4]);
            out.extend_from_slice(&(id as u32).to_be_bytes());
            out.extend_from_slice(&((id >> 32) as u32).to_be_bytes());
            out.extend_from_slice(&[0; 4]);
        } else if t.boxed_subtag() == Some(SUB_EXPORT) {
            let p = t.payload().unwrap_or(Words::EMPTY);
            out.push(EXPORT);
            stack.push(p.at(2));
            stack.push(p.at(1));
            stack.push(p.at(0));
        } else {
            // Local funs need their module's code identity (md5, old index); not supported.
            return badarg();
        }
        if out.len() > (1 << 31) {
            return Err(Exception::system_limit());
        }
    }
    c.charge(visited / 16);
    Ok(true)
}

/// A list: `STRING_EXT` if proper, all bytes, and short; else `LIST_EXT`.
/// Returns the number of cells.
fn encode_list(out: &mut Vec<u8>, t: Term, stack: &mut Vec<Term>) -> usize {
    let mut elems = Vec::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.as_cons() {
        elems.push(h);
        cur = tl;
    }
    let bytes = cur.is_nil()
        && elems.len() <= 65535
        && elems
            .iter()
            .all(|e| e.as_small().is_some_and(|n| (0..=255).contains(&n)));
    if bytes {
        out.push(STRING);
        out.extend_from_slice(&(elems.len() as u16).to_be_bytes());
        out.extend(elems.iter().map(|e| e.small_value() as u8));
        return elems.len();
    }
    out.push(LIST);
    out.extend_from_slice(&(elems.len() as u32).to_be_bytes());
    stack.push(cur);
    stack.extend(elems.iter().rev());
    elems.len()
}

/// A bounds-checked reader.
struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], Exception> {
        let end = self.pos.checked_add(n).ok_or_else(Exception::badarg)?;
        let s = self.b.get(self.pos..end).ok_or_else(Exception::badarg)?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, Exception> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<usize, Exception> {
        let s = self.take(2)?;
        Ok(u16::from_be_bytes([s[0], s[1]]) as usize)
    }
    fn u32(&mut self) -> Result<usize, Exception> {
        let s = self.take(4)?;
        Ok(u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize)
    }
    fn left(&self) -> usize {
        self.b.len() - self.pos
    }
}

/// A container being decoded.
enum Frame {
    Tuple {
        left: usize,
        elems: Vec<Term>,
    },
    /// Elements then the tail (`left` counts the tail too).
    List {
        left: usize,
        elems: Vec<Term>,
    },
    Map {
        left: usize,
        items: Vec<Term>,
    },
    Export {
        left: usize,
        items: Vec<Term>,
    },
}

/// Decodes the term at the start of `bin` and returns it with the number of bytes it used:
/// bytes after the term are ignored, as OTP does (`binary_to_term/2`'s `used` reports the
/// count). `safe`: an atom not already in the table is `badarg`.
fn decode(c: &mut NativeCtx<'_>, bin: Term, safe: bool) -> Result<(Term, usize), Exception> {
    let (bytes, bits) = binary::bytes(bin).ok_or_else(Exception::badarg)?;
    if bits % 8 != 0 || bytes.first() != Some(&VERSION) {
        return badarg();
    }
    if bytes.get(1) == Some(&COMPRESSED) {
        let mut cur = Cursor { b: &bytes, pos: 2 };
        let size = cur.u32()?;
        let (inflated, used) = inflate(&bytes[6..], size)?;
        let (t, end) = decode_term(c, &inflated, 0, safe)?;
        if end != inflated.len() {
            return badarg();
        }
        return Ok((t, 6 + used));
    }
    decode_term(c, &bytes, 1, safe)
}

/// Decodes one term of `bytes` from `start`; returns it and the offset just after it.
fn decode_term(
    c: &mut NativeCtx<'_>,
    bytes: &[u8],
    start: usize,
    safe: bool,
) -> Result<(Term, usize), Exception> {
    let mut cur = Cursor {
        b: bytes,
        pos: start,
    };
    let mut frames: Vec<Frame> = Vec::new();
    loop {
        let mut value = match read_one(c, &mut cur, &mut frames, safe)? {
            Some(v) => v,
            None => continue,
        };
        // Deliver `value` to the enclosing frames, closing every frame it completes.
        loop {
            let Some(top) = frames.last_mut() else {
                return Ok((value, cur.pos));
            };
            let (left, done) = match top {
                Frame::Tuple { left, elems } => {
                    elems.push(value);
                    *left -= 1;
                    (*left, *left == 0)
                }
                Frame::List { left, elems }
                | Frame::Map { left, items: elems }
                | Frame::Export { left, items: elems } => {
                    elems.push(value);
                    *left -= 1;
                    (*left, *left == 0)
                }
            };
            let _ = left;
            if !done {
                break;
            }
            value = match frames.pop() {
                Some(Frame::Tuple { elems, .. }) => c.heap.tuple(&elems),
                Some(Frame::List { mut elems, .. }) => {
                    let tail = elems.pop().unwrap_or(Term::NIL);
                    c.heap.list_with_tail(&elems, tail)
                }
                Some(Frame::Map { items, .. }) => {
                    let pairs: Vec<(Term, Term)> = items.chunks(2).map(|p| (p[0], p[1])).collect();
                    let m = map::from_pairs(c.heap, &pairs, &c.shared.atoms);
                    // A repeated key is a corrupt map for OTP: badarg, not "the later wins".
                    if map::size(m) != pairs.len() {
                        return badarg();
                    }
                    m
                }
                Some(Frame::Export { items, .. }) => {
                    let arity = items[2].as_small().and_then(|a| u8::try_from(a).ok());
                    let (true, true, Some(arity)) = (items[0].is_atom(), items[1].is_atom(), arity)
                    else {
                        return badarg();
                    };
                    c.heap.export_fun(items[0], items[1], arity)
                }
                None => return badarg(),
            };
        }
    }
}

/// Reads one term header: a leaf value, or `None` after pushing a container frame (an empty
/// container is returned as a value directly).
fn read_one(
    c: &mut NativeCtx<'_>,
    cur: &mut Cursor<'_>,
    frames: &mut Vec<Frame>,
    safe: bool,
) -> Result<Option<Term>, Exception> {
    // `safe` refuses to create atoms (and so export funs naming unknown functions' atoms).
    let atom = |c: &mut NativeCtx<'_>, s: &str| -> Result<Term, Exception> {
        if safe {
            let a = c.shared.atoms.lookup(s).ok_or_else(Exception::badarg)?;
            Ok(Term::atom(a))
        } else {
            super::new_atom(c, s)
        }
    };
    let tag = cur.u8()?;
    let v = match tag {
        SMALL_INT => Term::small(cur.u8()? as i64),
        INT => {
            let s = cur.take(4)?;
            Term::small(i32::from_be_bytes([s[0], s[1], s[2], s[3]]) as i64)
        }
        SMALL_BIG | LARGE_BIG => {
            let n = if tag == SMALL_BIG {
                cur.u8()? as usize
            } else {
                cur.u32()?
            };
            let sign = cur.u8()?;
            let mag = cur.take(n)?;
            let mut v = BigInt::from_bytes_le(Sign::Plus, mag);
            if sign != 0 {
                v = -v;
            }
            c.heap.bigint(&v)
        }
        NEW_FLOAT => {
            let s = cur.take(8)?;
            let f = f64::from_be_bytes(s.try_into().map_err(|_| Exception::badarg())?);
            if !f.is_finite() {
                return badarg();
            }
            c.heap.float(f)
        }
        OLD_FLOAT => {
            let s = cur.take(31)?;
            let text = std::str::from_utf8(s).map_err(|_| Exception::badarg())?;
            let f: f64 = text
                .trim_end_matches('\0')
                .trim()
                .parse()
                .map_err(|_| Exception::badarg())?;
            // Rust reads "inf" and "nan" too; Erlang has no such floats.
            if !f.is_finite() {
                return badarg();
            }
            c.heap.float(f)
        }
        ATOM | SMALL_ATOM => {
            let n = if tag == ATOM {
                cur.u16()?
            } else {
                cur.u8()? as usize
            };
            let s: String = cur.take(n)?.iter().map(|&b| b as char).collect();
            atom(c, &s)?
        }
        ATOM_UTF8 | SMALL_ATOM_UTF8 => {
            let n = if tag == ATOM_UTF8 {
                cur.u16()?
            } else {
                cur.u8()? as usize
            };
            let s = std::str::from_utf8(cur.take(n)?)
                .map_err(|_| Exception::badarg())?
                .to_string();
            if s.chars().count() > crate::atom::MAX_ATOM_CHARS {
                return badarg();
            }
            atom(c, &s)?
        }
        NIL => Term::NIL,
        STRING => {
            let n = cur.u16()?;
            let elems: Vec<Term> = cur
                .take(n)?
                .iter()
                .map(|&b| Term::small(b as i64))
                .collect();
            c.heap.list(&elems)
        }
        BINARY => {
            let n = cur.u32()?;
            let s = cur.take(n)?.to_vec();
            c.heap.binary(&s)
        }
        BIT_BINARY => {
            let n = cur.u32()?;
            let last = cur.u8()? as usize;
            if n == 0 || !(1..=8).contains(&last) {
                return badarg();
            }
            let s = cur.take(n)?.to_vec();
            c.heap.bitstring(&s, (n - 1) * 8 + last)
        }
        SMALL_TUPLE | LARGE_TUPLE => {
            let n = if tag == SMALL_TUPLE {
                cur.u8()? as usize
            } else {
                cur.u32()?
            };
            if n == 0 {
                c.heap.tuple(&[])
            } else {
                // Every element needs at least one byte: rejects absurd sizes early.
                if n > cur.left() {
                    return badarg();
                }
                frames.push(Frame::Tuple {
                    left: n,
                    elems: Vec::with_capacity(n),
                });
                return Ok(None);
            }
        }
        LIST => {
            let n = cur.u32()?;
            if n >= cur.left() {
                return badarg();
            }
            frames.push(Frame::List {
                left: n + 1,
                elems: Vec::with_capacity(n + 1),
            });
            return Ok(None);
        }
        MAP => {
            let n = cur.u32()?;
            if n == 0 {
                map::new_map(c.heap)
            } else {
                if n.saturating_mul(2) > cur.left() {
                    return badarg();
                }
                frames.push(Frame::Map {
                    left: 2 * n,
                    items: Vec::with_capacity(2 * n),
                });
                return Ok(None);
            }
        }
        EXPORT => {
            frames.push(Frame::Export {
                left: 3,
                items: Vec::with_capacity(3),
            });
            return Ok(None);
        }
        NEW_PID => {
            // Node atom, id, serial, creation: only local pids exist here.
            let node_tag = cur.u8()?;
            let n = match node_tag {
                ATOM => cur.u16()?,
                SMALL_ATOM_UTF8 | SMALL_ATOM => cur.u8()? as usize,
                ATOM_UTF8 => cur.u16()?,
                _ => return badarg(),
            };
            cur.take(n)?;
            let id = cur.u32()?;
            cur.take(8)?;
            Term::pid(id as u64)
        }
        _ => return badarg(),
    };
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn round_trip_and_otp_bytes() {
        let mut env = Env::new();
        let ok = env.atom("ok");
        let b = env.call("erlang", "term_to_binary", &[ok]).unwrap();
        assert_eq!(env.show(b), "<<131,100,0,2,111,107>>");
        let l = env.heap.list(&[Term::small(1), Term::small(2)]);
        let b = env.call("erlang", "term_to_binary", &[l]).unwrap();
        assert_eq!(env.show(b), "<<131,107,0,2,1,2>>");
        let big_value: num_bigint::BigInt = num_bigint::BigInt::from(1) << 80;
        let big = env.heap.bigint(&-big_value);
        let b = env.call("erlang", "term_to_binary", &[big]).unwrap();
        assert_eq!(env.show(b), "<<131,110,11,1,0,0,0,0,0,0,0,0,0,0,1>>");
        let (a, bb) = (env.atom("a"), env.atom("b"));
        let m = crate::ops::map::from_pairs(
            &mut env.env.heap,
            &[(a, Term::small(1)), (Term::small(1), bb)],
            &env.env.shared.atoms,
        );
        let b = env.call("erlang", "term_to_binary", &[m]).unwrap();
        assert_eq!(
            env.show(b),
            "<<131,116,0,0,0,2,97,1,100,0,1,98,100,0,1,97,97,1>>"
        );
        let f = env.heap.float(3.5);
        let bin = env.heap.binary(b"b");
        let inner = env.heap.list(&[a, Term::small(300)]);
        let improper = env.heap.cons(Term::small(1), Term::small(2));
        let t = env
            .heap
            .tuple(&[a, inner, bin, f, Term::small(-7), big, improper, m]);
        let enc = env.call("erlang", "term_to_binary", &[t]).unwrap();
        let dec = env.call("erlang", "binary_to_term", &[enc]).unwrap();
        assert!(crate::ops::compare::exact_eq(t, dec), "{}", env.show(dec));
    }

    #[test]
    fn corrupt_input_is_badarg() {
        let mut env = Env::new();
        for bytes in [
            &[1u8, 2, 3][..],
            &[131],
            &[131, 108, 255, 255, 255, 255],
            &[131, 104, 3, 97],
            &[131, 80, 0, 0, 0, 1, 120, 156, 3, 0],
        ] {
            let b = env.heap.binary(bytes);
            let e = env.call("erlang", "binary_to_term", &[b]).unwrap_err();
            assert_eq!(env.show(e), "badarg");
        }
        // Deep nesting decodes without recursion.
        let mut bytes = vec![131];
        for _ in 0..100_000 {
            bytes.extend_from_slice(&[104, 1]);
        }
        bytes.push(106);
        let b = env.heap.binary(&bytes);
        assert!(env.call("erlang", "binary_to_term", &[b]).is_ok());
    }
}
