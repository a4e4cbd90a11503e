//! The bit syntax: building bitstrings from segments, sub-binaries, and match contexts that
//! read segments off a bitstring. Owns bit-level reading/writing; the instruction handlers that
//! call these live in the interpreter.
//!
//! # Match contexts
//! A `SUB_MATCH_CTX` object is `[root binary, raw position, raw end]`: the root is a heap or refc
//! binary (never a sub-binary), and position/end are absolute bit offsets into it. `position`
//! returns the absolute offset, so `set_position` can restore it when backtracking.
//!
//! Segment semantics follow OTP 25: integers are truncated two's complement of any size; a
//! little-endian integer whose size is not a whole number of bytes puts the low bytes first and
//! the leftover high bits last; floats are 16, 32 or 64 bits (32-bit overflow gives infinity in
//! construction, as OTP; matching a NaN or infinity fails); utf segments reject surrogates and
//! values above 0x10FFFF.

use super::arith::to_bigint;
use crate::heap::{Heap, RefcBinary};
use crate::native::Exception;
use crate::term::{Header, Term, SUB_HEAP_BIN, SUB_MATCH_CTX, SUB_REFC_BIN, SUB_SUB_BIN};
use krarup_bytecode::opcode::{BsFlags, BsType};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

/// One segment of a construction, with its value and size already read from registers.
#[derive(Copy, Clone, Debug)]
pub struct SegmentValue {
    pub ty: BsType,
    pub value: Term,
    /// The size operand (in units); `None` = the type's default.
    pub size: Option<Term>,
    /// `_/binary` or `_/bits` without size: the whole value.
    pub all: bool,
    pub unit: u16,
    pub flags: BsFlags,
}

/// The bytes backing a bitstring: `(root bytes, bit offset, bit size)`. Follows sub-binaries.
/// The bytes borrow `t`: they stay valid as long as the term does (until the next safe point).
pub fn view(t: &Term) -> Option<(&[u8], usize, usize)> {
    view_in(*t, t)
}

/// `view` of `t`, a term reachable from `anchor`, whose lifetime the bytes take.
#[allow(clippy::only_used_in_recursion)] // `anchor` is there for its lifetime.
fn view_in(t: Term, anchor: &Term) -> Option<(&[u8], usize, usize)> {
    let h = t.header()?;
    let p = t.payload()?;
    match h.subtag() {
        SUB_HEAP_BIN => {
            let bits = p.at(0).raw() as usize;
            // SAFETY: a heap binary's words after the size word hold at least
            // `ceil(bits / 8)` bytes, alive as long as the term is.
            let bytes = unsafe {
                std::slice::from_raw_parts(p.as_ptr().add(1) as *const u8, bits.div_ceil(8))
            };
            Some((bytes, 0, bits))
        }
        SUB_REFC_BIN => {
            let bits = p.at(0).raw() as usize;
            // SAFETY: the second word is a pointer from `Arc::into_raw` kept alive by the heap
            // that holds this object.
            let rc = unsafe { &*(p.at(1).raw() as *const RefcBinary) };
            Some((rc.prefix(bits.div_ceil(8)), 0, bits))
        }
        SUB_SUB_BIN => {
            let (bytes, off, _) = view_in(p.at(2), anchor)?;
            Some((bytes, off + p.at(1).raw() as usize, p.at(0).raw() as usize))
        }
        _ => None,
    }
}

/// Copies `nbits` bits starting at bit `off` of `src` into a fresh byte vector (the last
/// byte's unused low bits are zero).
pub fn extract_bits(src: &[u8], off: usize, nbits: usize) -> Vec<u8> {
    let nbytes = nbits.div_ceil(8);
    let mut out = vec![0u8; nbytes];
    let shift = off % 8;
    let start = off / 8;
    if shift == 0 {
        out.copy_from_slice(&src[start..start + nbytes]);
    } else {
        for (i, o) in out.iter_mut().enumerate() {
            let hi = src[start + i] << shift;
            let lo = src.get(start + i + 1).map_or(0, |b| b >> (8 - shift));
            *o = hi | lo;
        }
    }
    if !nbits.is_multiple_of(8) {
        out[nbytes - 1] &= 0xffu8 << (8 - nbits % 8);
    }
    out
}

/// A bitstring's contents and bit size (copied).
pub fn bytes(t: Term) -> Option<(Vec<u8>, usize)> {
    let (src, off, bits) = view(&t)?;
    Some((extract_bits(src, off, bits), bits))
}

/// Bit size of a bitstring.
pub fn bit_size(t: Term) -> Option<usize> {
    view(&t).map(|v| v.2)
}

/// A writer of bits, most significant first.
#[derive(Default, Debug)]
pub struct BitWriter {
    pub bytes: Vec<u8>,
    pub bits: usize,
}

impl BitWriter {
    /// Appends the first `nbits` bits of `src` starting at bit `off`.
    pub fn push_bits(&mut self, src: &[u8], off: usize, nbits: usize) {
        if self.bits.is_multiple_of(8) && off.is_multiple_of(8) {
            let start = off / 8;
            crate::limits::reserve_or_exit(&mut self.bytes, nbits.div_ceil(8));
            self.bytes
                .extend_from_slice(&src[start..start + nbits.div_ceil(8)]);
            self.bits += nbits;
            self.bytes.truncate(self.bits.div_ceil(8));
            if !self.bits.is_multiple_of(8) {
                let last = self.bytes.len() - 1;
                self.bytes[last] &= 0xffu8 << (8 - self.bits % 8);
            }
            return;
        }
        let aligned = extract_bits(src, off, nbits);
        let mut left = nbits;
        for b in aligned {
            let n = left.min(8);
            self.push_byte_bits(b >> (8 - n), n);
            left -= n;
        }
    }

    /// Appends the low `n` (≤ 8) bits of `v`.
    fn push_byte_bits(&mut self, v: u8, n: usize) {
        if n == 0 {
            return;
        }
        let v = (v as u16) & ((1u16 << n) - 1);
        let used = self.bits % 8;
        if used == 0 {
            self.bytes.push(((v << (8 - n)) & 0xff) as u8);
        } else {
            let free = 8 - used;
            let last = self.bytes.len() - 1;
            if n <= free {
                self.bytes[last] |= (v << (free - n)) as u8;
            } else {
                self.bytes[last] |= (v >> (n - free)) as u8;
                self.bytes.push(((v << (8 - (n - free))) & 0xff) as u8);
            }
        }
        self.bits += n;
    }

    /// Appends whole bytes.
    pub fn push_bytes(&mut self, b: &[u8]) {
        self.push_bits(b, 0, b.len() * 8);
    }

    /// The finished bitstring as a term.
    pub fn finish(self, heap: &mut Heap) -> Term {
        if self.bytes.len() > crate::heap::HEAP_BIN_LIMIT {
            // Hand the buffer over without another copy.
            let rc = std::sync::Arc::new(RefcBinary::new(self.bytes.into_boxed_slice()));
            return heap.refc_binary(rc, self.bits);
        }
        heap.bitstring(&self.bytes, self.bits)
    }
}

/// `n` as `nbits` bits of two's complement, big-endian, left-aligned in bytes.
fn int_bits_be(n: &BigInt, nbits: usize) -> Vec<u8> {
    let nbytes = nbits.div_ceil(8);
    // Two's complement little-endian bytes, sign-extended to `nbytes`.
    let mut le = n.to_signed_bytes_le();
    let fill = if n.sign() == Sign::Minus { 0xff } else { 0 };
    le.resize(nbytes.max(le.len()), fill);
    le.truncate(nbytes);
    // Shift left so the value's `nbits` low bits are the first `nbits` bits.
    let pad = nbytes * 8 - nbits;
    let mut be: Vec<u8> = le.into_iter().rev().collect();
    if pad > 0 {
        let mut carry = 0u8;
        for b in be.iter_mut().rev() {
            let nb = (*b << pad) | carry;
            carry = *b >> (8 - pad);
            *b = nb;
        }
    }
    be
}

fn write_int(w: &mut BitWriter, n: &BigInt, nbits: usize, little: bool) {
    if !little || nbits <= 8 {
        let be = int_bits_be(n, nbits);
        w.push_bits(&be, 0, nbits);
        return;
    }
    // Little endian: low bytes first, then the leftover high bits.
    let full = nbits / 8;
    let rest = nbits % 8;
    let le = {
        let mut v = n.to_signed_bytes_le();
        let fill = if n.sign() == Sign::Minus { 0xff } else { 0 };
        v.resize((full + 1).max(v.len()), fill);
        v
    };
    w.push_bytes(&le[..full]);
    if rest > 0 {
        w.push_byte_bits(le[full], rest);
    }
}

fn size_bits(size: Option<Term>, default: usize, unit: u16) -> Option<usize> {
    match size {
        None => Some(default),
        Some(t) => {
            let n = t.as_small()?;
            if n < 0 {
                return None;
            }
            (n as usize).checked_mul(unit as usize)
        }
    }
}

/// A valid Unicode scalar value from an integer term.
fn code_point(t: Term) -> Option<u32> {
    let n = t.as_small()?;
    if (0..=0x10ffff).contains(&n) && !(0xd800..=0xdfff).contains(&n) {
        Some(n as u32)
    } else {
        None
    }
}

/// Appends one segment; `badarg` on a wrong value type, size or code point.
pub fn write_segment(w: &mut BitWriter, s: &SegmentValue) -> Result<(), Exception> {
    let little = s.flags.little || s.flags.native;
    match s.ty {
        BsType::Integer => {
            let bits = size_bits(s.size, 8, s.unit).ok_or_else(Exception::badarg)?;
            if let Some(v) = s.value.as_small() {
                // Fast path: no bignum for values and sizes that fit a machine word.
                if bits <= 64 && (!little || bits.is_multiple_of(8)) {
                    let u = v as u64;
                    if little {
                        w.push_bytes(&u.to_le_bytes()[..bits / 8]);
                    } else if bits > 0 {
                        let be = (u << (64 - bits)).to_be_bytes();
                        w.push_bits(&be, 0, bits);
                    }
                    return Ok(());
                }
            }
            let n = to_bigint(s.value).ok_or_else(Exception::badarg)?;
            if bits > (1 << 33) {
                return Err(Exception::system_limit());
            }
            write_int(w, &n, bits, little);
        }
        BsType::Float => {
            let f = if let Some(f) = s.value.as_float() {
                f
            } else {
                to_bigint(s.value)
                    .ok_or_else(Exception::badarg)?
                    .to_f64()
                    .filter(|f| f.is_finite())
                    .ok_or_else(Exception::badarg)?
            };
            let bits = size_bits(s.size, 64, s.unit).ok_or_else(Exception::badarg)?;
            let mut be = match bits {
                64 => f.to_bits().to_be_bytes().to_vec(),
                32 => (f as f32).to_bits().to_be_bytes().to_vec(),
                16 => f64_to_f16(f)
                    .ok_or_else(Exception::badarg)?
                    .to_be_bytes()
                    .to_vec(),
                _ => return Err(Exception::badarg()),
            };
            if little {
                be.reverse();
            }
            w.push_bytes(&be);
        }
        BsType::Binary => {
            let (src, off, len) = view(&s.value).ok_or_else(Exception::badarg)?;
            let bits = if s.all || s.size.is_none() {
                if len % s.unit.max(1) as usize != 0 {
                    return Err(Exception::badarg());
                }
                len
            } else {
                let b = size_bits(s.size, 0, s.unit).ok_or_else(Exception::badarg)?;
                if b > len {
                    return Err(Exception::badarg());
                }
                b
            };
            w.push_bits(src, off, bits);
        }
        BsType::Utf8 => {
            let c = code_point(s.value)
                .and_then(char::from_u32)
                .ok_or_else(Exception::badarg)?;
            let mut buf = [0u8; 4];
            w.push_bytes(c.encode_utf8(&mut buf).as_bytes());
        }
        BsType::Utf16 => {
            let c = code_point(s.value)
                .and_then(char::from_u32)
                .ok_or_else(Exception::badarg)?;
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                let b = if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                };
                w.push_bytes(&b);
            }
        }
        BsType::Utf32 => {
            let c = code_point(s.value).ok_or_else(Exception::badarg)?;
            let b = if little {
                c.to_le_bytes()
            } else {
                c.to_be_bytes()
            };
            w.push_bytes(&b);
        }
    }
    Ok(())
}

/// Builds a bitstring from segments (`<<...>>`). Errors: `badarg` for a bad value or size,
/// `system_limit` for an absurd size.
///
/// Appending (`<<Acc/binary, ...>>`, the first segment a whole binary) is amortised O(1) per
/// byte, as BEAM's writable binaries: the result of an append is a writable refc binary with
/// spare capacity, and a later append to that newest version writes in place (see
/// `heap::RefcBinary`). Any other append (to an older version, or a non-byte-aligned one) copies.
pub fn build(heap: &mut Heap, segs: &[SegmentValue]) -> Result<Term, Exception> {
    if let Some(t) = append_in_place(heap, segs)? {
        return Ok(t);
    }
    let appending =
        segs.len() > 1 && segs[0].ty == BsType::Binary && (segs[0].all || segs[0].size.is_none());
    // Reserve the whole result up front when the sizes are known (one copy of each input).
    let estimate: usize = segs
        .iter()
        .map(|s| match (s.ty, s.size) {
            (BsType::Binary, None) => view(&s.value).map_or(0, |v| v.2),
            (_, Some(n)) => n.as_small().map_or(0, |n| n.max(0) as usize) * s.unit as usize,
            (BsType::Float, None) => 64,
            _ => 32,
        })
        .sum();
    let mut w = BitWriter {
        bytes: Vec::with_capacity(estimate.div_ceil(8).min(1 << 26)),
        bits: 0,
    };
    for s in segs {
        write_segment(&mut w, s)?;
    }
    if appending && w.bits.is_multiple_of(8) && w.bytes.len() > crate::heap::HEAP_BIN_LIMIT {
        // Start a writable binary: room to double before the next copy.
        let cap = w.bytes.len().saturating_mul(2);
        let rc = std::sync::Arc::new(RefcBinary::writable(&w.bytes, cap));
        return Ok(heap.refc_binary(rc, w.bits));
    }
    Ok(w.finish(heap))
}

/// The in-place case of `build`: the first segment is a whole writable refc binary `Acc` of
/// whole bytes that is the newest version of its buffer, and the other segments add whole bytes
/// that fit its spare capacity. Then the new bytes are written after `Acc`'s and the result
/// shares the buffer; `None` when any condition fails (the caller copies). Errors in the other
/// segments are raised as `build` would.
fn append_in_place(heap: &mut Heap, segs: &[SegmentValue]) -> Result<Option<Term>, Exception> {
    let Some((first, rest)) = segs.split_first() else {
        return Ok(None);
    };
    if rest.is_empty() || first.ty != BsType::Binary || !(first.all || first.size.is_none()) {
        return Ok(None);
    }
    let (Some(h), Some(p)) = (first.value.header(), first.value.payload()) else {
        return Ok(None);
    };
    if h.subtag() != SUB_REFC_BIN {
        return Ok(None);
    }
    let bits = p.at(0).raw() as usize;
    let raw = p.at(1).raw() as *const RefcBinary;
    // SAFETY: the second word of a refc-binary object is a pointer from `Arc::into_raw`, kept
    // alive by the heap that holds the object.
    let rc = unsafe { &*raw };
    let Some(buf) = &rc.writable else {
        return Ok(None);
    };
    if !bits.is_multiple_of(8) || buf.committed() != bits / 8 {
        return Ok(None);
    }
    let mut w = BitWriter::default();
    for s in rest {
        write_segment(&mut w, s)?;
    }
    if !w.bits.is_multiple_of(8) || !buf.try_append(bits / 8, &w.bytes) {
        return Ok(None);
    }
    // SAFETY: `raw` is live (above); the new object takes one more strong count, released by
    // the heap when that object dies.
    let shared = unsafe {
        std::sync::Arc::increment_strong_count(raw);
        std::sync::Arc::from_raw(raw)
    };
    Ok(Some(heap.refc_binary(shared, bits + w.bits)))
}

/// IEEE half precision from an `f64` (round to nearest even; too large gives infinity, as OTP).
fn f64_to_f16(f: f64) -> Option<u16> {
    let x = f as f32;
    let bits = x.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exp = ((bits >> 23) & 0xff) as i32;
    let man = bits & 0x7f_ffff;
    if x == 0.0 {
        return Some(sign);
    }
    let e = exp - 127 + 15;
    if e >= 31 {
        // Too large (or infinite): infinity, as OTP.
        return Some(sign | 0x7c00);
    }
    if e <= 0 {
        // Subnormal half.
        if e < -10 {
            return Some(sign);
        }
        let m = man | 0x80_0000;
        let shift = (14 - e) as u32;
        let mut half = m >> shift;
        let rem = m & ((1 << shift) - 1);
        let halfway = 1 << (shift - 1);
        if rem > halfway || (rem == halfway && half & 1 == 1) {
            half += 1;
        }
        return Some(sign | half as u16);
    }
    let mut half = ((e as u32) << 10) | (man >> 13);
    let rem = man & 0x1fff;
    if rem > 0x1000 || (rem == 0x1000 && half & 1 == 1) {
        half += 1;
    }
    // Rounding up past the largest finite value gives infinity (0x7c00) naturally.
    Some(sign | half.min(0x7c00) as u16)
}

fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let man = (h & 0x3ff) as f64;
    match exp {
        0 => sign * man * 2f64.powi(-24),
        31 => f64::NAN,
        _ => sign * (1.0 + man / 1024.0) * 2f64.powi(exp - 15),
    }
}

// ---- matching ----

fn ctx_words(ctx: Term) -> Option<(Term, usize, usize)> {
    if ctx.boxed_subtag()? != SUB_MATCH_CTX {
        return None;
    }
    let p = ctx.payload()?;
    Some((p.at(0), p.at(1).raw() as usize, p.at(2).raw() as usize))
}

/// Starts matching `bin` (any bitstring, or a match context whose position is copied). `None`
/// if `bin` is not a bitstring.
pub fn start_match(heap: &mut Heap, bin: Term) -> Option<Term> {
    let (root, pos, end) = if let Some(w) = ctx_words(bin) {
        w
    } else {
        let h = bin.header()?;
        match h.subtag() {
            SUB_HEAP_BIN | SUB_REFC_BIN => (bin, 0, bit_size(bin)?),
            SUB_SUB_BIN => {
                let p = bin.payload()?;
                let (root, size, off) = (p.at(2), p.at(0).raw() as usize, p.at(1).raw() as usize);
                let (root, base) = resolve_root(root, off)?;
                (root, base, base + size)
            }
            _ => return None,
        }
    };
    let p = heap.alloc(4);
    // SAFETY: `p` points at four freshly allocated words.
    unsafe {
        p.write(Header::new(SUB_MATCH_CTX, 3).as_term());
        p.add(1).write(root);
        p.add(2).write(Term::from_raw(pos as u64));
        p.add(3).write(Term::from_raw(end as u64));
        Some(Term::boxed_from_ptr(p))
    }
}

/// Follows sub-binaries to a heap/refc binary, adding their offsets to `off`.
fn resolve_root(mut t: Term, mut off: usize) -> Option<(Term, usize)> {
    loop {
        match t.boxed_subtag()? {
            SUB_SUB_BIN => {
                let p = t.payload()?;
                off += p.at(1).raw() as usize;
                t = p.at(2);
            }
            SUB_HEAP_BIN | SUB_REFC_BIN => return Some((t, off)),
            _ => return None,
        }
    }
}

/// Bits left to match.
pub fn remaining_bits(ctx: Term) -> usize {
    ctx_words(ctx).map_or(0, |(_, pos, end)| end.saturating_sub(pos))
}

/// The current (absolute) position.
pub fn position(ctx: Term) -> usize {
    ctx_words(ctx).map_or(0, |w| w.1)
}

/// Moves the position (a value from `position`). A position past the end (from another
/// context, in hand-made bytecode the verifier cannot see through) stops at the end.
pub fn set_position(ctx: Term, pos: usize) {
    if let Some((_, _, end)) = ctx_words(ctx) {
        let pos = pos.min(end);
        // SAFETY: a match context has three payload words; word 2 (after the header and the
        // root) is the raw position, which the context's owner may mutate.
        unsafe {
            (ctx.boxed_ptr() as *mut Term)
                .add(2)
                .write(Term::from_raw(pos as u64))
        };
    }
}

/// A sub-binary of `bits` bits at absolute offset `off` of `root`.
pub fn sub_binary(heap: &mut Heap, root: Term, off: usize, bits: usize) -> Term {
    let p = heap.alloc(4);
    // SAFETY: `p` points at four freshly allocated words.
    unsafe {
        p.write(Header::new(SUB_SUB_BIN, 3).as_term());
        p.add(1).write(Term::from_raw(bits as u64));
        p.add(2).write(Term::from_raw(off as u64));
        p.add(3).write(root);
        Term::boxed_from_ptr(p)
    }
}

/// A slice of any bitstring as a sub-binary (`binary_part`, `split_binary`). The caller checks
/// the range.
pub fn slice(heap: &mut Heap, bin: Term, off_bits: usize, bits: usize) -> Option<Term> {
    let (root, base) = resolve_root(bin, 0)?;
    Some(sub_binary(heap, root, base + off_bits, bits))
}

/// The unmatched rest as a sub-binary.
pub fn tail(heap: &mut Heap, ctx: Term) -> Term {
    match ctx_words(ctx) {
        Some((root, pos, end)) => sub_binary(heap, root, pos, end.saturating_sub(pos)),
        None => heap.binary(&[]),
    }
}

/// Skips a segment; `false` if too few bits remain or the size is bad. `size = None` skips
/// the rest (which must be a multiple of `unit`).
pub fn skip(ctx: Term, size: Option<Term>, all: bool, unit: u16) -> bool {
    let Some((_, pos, end)) = ctx_words(ctx) else {
        return false;
    };
    let left = end.saturating_sub(pos);
    let bits = if all || size.is_none() {
        if left % unit.max(1) as usize != 0 {
            return false;
        }
        left
    } else {
        match size_bits(size, 0, unit) {
            Some(b) if b <= left => b,
            _ => return false,
        }
    };
    set_position(ctx, pos + bits);
    true
}

/// Reads one segment and advances; `None` if it does not match (too few bits, bad size,
/// invalid UTF, a NaN/infinite float).
pub fn get(
    heap: &mut Heap,
    ctx: Term,
    ty: BsType,
    size: Option<Term>,
    all: bool,
    unit: u16,
    flags: BsFlags,
) -> Option<Term> {
    let (root, pos, end) = ctx_words(ctx)?;
    let (src, _, _) = view(&root)?;
    let left = end.saturating_sub(pos);
    let little = flags.little || flags.native;
    let (value, used) = match ty {
        BsType::Integer => {
            let bits = size_bits(size, 8, unit)?;
            if bits > left {
                return None;
            }
            (read_int(heap, src, pos, bits, flags.signed, little), bits)
        }
        BsType::Float => {
            let bits = size_bits(size, 64, unit)?;
            if bits > left || !matches!(bits, 16 | 32 | 64) {
                return None;
            }
            let mut b = extract_bits(src, pos, bits);
            if little {
                b.reverse();
            }
            let f = match bits {
                64 => f64::from_bits(u64::from_be_bytes(b.try_into().ok()?)),
                32 => f32::from_bits(u32::from_be_bytes(b.try_into().ok()?)) as f64,
                _ => f16_to_f64(u16::from_be_bytes(b.try_into().ok()?)),
            };
            if !f.is_finite() {
                return None;
            }
            (heap.float(f), bits)
        }
        BsType::Binary => {
            let bits = if all || size.is_none() {
                if left % unit.max(1) as usize != 0 {
                    return None;
                }
                left
            } else {
                let b = size_bits(size, 0, unit)?;
                if b > left {
                    return None;
                }
                b
            };
            (sub_binary(heap, root, pos, bits), bits)
        }
        BsType::Utf8 => {
            let avail = (left / 8).min(4);
            let b = extract_bits(src, pos, avail * 8);
            let (c, n) = decode_utf8(&b)?;
            (Term::small(c as i64), n * 8)
        }
        BsType::Utf16 => {
            if left < 16 {
                return None;
            }
            let unit16 = |b: &[u8]| {
                if little {
                    u16::from_le_bytes([b[0], b[1]])
                } else {
                    u16::from_be_bytes([b[0], b[1]])
                }
            };
            let b = extract_bits(src, pos, 16);
            let u = unit16(&b);
            if (0xd800..0xdc00).contains(&u) {
                if left < 32 {
                    return None;
                }
                let b2 = extract_bits(src, pos + 16, 16);
                let l = unit16(&b2);
                if !(0xdc00..0xe000).contains(&l) {
                    return None;
                }
                let c = 0x10000 + (((u as u32) - 0xd800) << 10) + (l as u32 - 0xdc00);
                (Term::small(c as i64), 32)
            } else if (0xdc00..0xe000).contains(&u) {
                return None;
            } else {
                (Term::small(u as i64), 16)
            }
        }
        BsType::Utf32 => {
            if left < 32 {
                return None;
            }
            let b: [u8; 4] = extract_bits(src, pos, 32).try_into().ok()?;
            let c = if little {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            };
            let t = Term::small(c as i64);
            code_point(t)?;
            (t, 32)
        }
    };
    set_position(ctx, pos + used);
    Some(value)
}

fn decode_utf8(b: &[u8]) -> Option<(u32, usize)> {
    let first = *b.first()?;
    let n = match first {
        0x00..=0x7f => return Some((first as u32, 1)),
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(b.get(..n)?).ok()?;
    let c = s.chars().next()?;
    Some((c as u32, n))
}

/// Reads an integer of `bits` bits at bit `pos`.
fn read_int(
    heap: &mut Heap,
    src: &[u8],
    pos: usize,
    bits: usize,
    signed: bool,
    little: bool,
) -> Term {
    if bits == 0 {
        return Term::small(0);
    }
    if bits <= 64 && (!little || bits.is_multiple_of(8)) {
        // Fast path: read straight from the bytes, no allocation.
        let start = pos / 8;
        let end = (pos + bits).div_ceil(8);
        let mut acc: u128 = 0;
        for &x in &src[start..end] {
            acc = (acc << 8) | x as u128;
        }
        acc >>= end * 8 - (pos + bits);
        let mut v = (acc & ((1u128 << bits) - 1)) as u64;
        if little {
            v = v.swap_bytes() >> (64 - bits);
        }
        if signed && bits < 64 && (v >> (bits - 1)) & 1 == 1 {
            return heap.int(v as i64 - (1i64 << (bits - 1)) - (1i64 << (bits - 1)));
        }
        if signed && bits == 64 {
            return heap.int(v as i64);
        }
        return match i64::try_from(v) {
            Ok(n) => heap.int(n),
            Err(_) => heap.bigint(&BigInt::from(v)),
        };
    }
    let b = extract_bits(src, pos, bits);
    if bits <= 56 && !little {
        let mut v: u64 = 0;
        for &x in &b {
            v = (v << 8) | x as u64;
        }
        v >>= b.len() * 8 - bits;
        let n = if signed && (v >> (bits - 1)) & 1 == 1 {
            v as i64 - (1i64 << bits)
        } else {
            v as i64
        };
        return heap.int(n);
    }
    // Big-endian magnitude bytes (right-aligned value).
    let be: Vec<u8> = if little {
        // Low bytes first, then the leftover high bits as a small number.
        let full = bits / 8;
        let rest = bits % 8;
        let mut le: Vec<u8> = b[..full].to_vec();
        if rest > 0 {
            le.push(b[full] >> (8 - rest));
        }
        le.into_iter().rev().collect()
    } else {
        let pad = b.len() * 8 - bits;
        let mut out = b.clone();
        if pad > 0 {
            // Shift right by `pad` bits across the vector.
            let mut carry = 0u8;
            for x in out.iter_mut() {
                let nx = (*x >> pad) | carry;
                carry = *x << (8 - pad);
                *x = nx;
            }
        }
        out
    };
    let mut n = BigInt::from_bytes_be(Sign::Plus, &be);
    if signed && !n.is_zero() && n.bits() as usize == bits {
        n -= BigInt::from(1) << bits;
    }
    let _ = n.is_negative();
    heap.bigint(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(ty: BsType, value: Term, size: Option<i64>) -> SegmentValue {
        SegmentValue {
            ty,
            value,
            size: size.map(Term::small),
            all: false,
            unit: if ty == BsType::Binary { 8 } else { 1 },
            flags: BsFlags::default(),
        }
    }

    fn contents(t: Term) -> (Vec<u8>, usize) {
        bytes(t).unwrap()
    }

    /// `<<Acc/binary, X:8>>`.
    fn append_byte(h: &mut Heap, acc: Term, x: i64) -> Result<Term, Exception> {
        let mut first = seg(BsType::Binary, acc, None);
        first.all = true;
        build(h, &[first, seg(BsType::Integer, Term::small(x), Some(8))])
    }

    /// The shared buffer behind a refc-binary term.
    fn buffer(t: Term) -> u64 {
        assert_eq!(t.header().unwrap().subtag(), SUB_REFC_BIN);
        t.payload().unwrap().at(1).raw()
    }

    #[test]
    fn append_grows_in_place_and_old_versions_keep_their_bytes() {
        let mut h = Heap::new();
        let mut acc = h.binary(&[]);
        let mut kept = Vec::new();
        let mut in_place = 0;
        for i in 0..5000i64 {
            let next = append_byte(&mut h, acc, i % 251).unwrap();
            if bit_size(acc).unwrap() > 8 * crate::heap::HEAP_BIN_LIMIT
                && buffer(acc) == buffer(next)
            {
                in_place += 1;
            }
            acc = next;
            if i % 1000 == 999 {
                kept.push(acc);
            }
        }
        // Copies happen only when the capacity doubles.
        assert!(in_place > 4900, "{in_place}");
        let want: Vec<u8> = (0..5000).map(|i| (i % 251) as u8).collect();
        assert_eq!(contents(acc), (want.clone(), 5000 * 8));
        for (k, t) in kept.iter().enumerate() {
            let n = (k + 1) * 1000;
            assert_eq!(contents(*t), (want[..n].to_vec(), n * 8));
        }
        // Appending to an older version copies and leaves the newest alone.
        let old = kept[1];
        let forked = append_byte(&mut h, old, 7).unwrap();
        assert_ne!(buffer(forked), buffer(old));
        let mut fork_want = want[..2000].to_vec();
        fork_want.push(7);
        assert_eq!(contents(forked).0, fork_want);
        assert_eq!(contents(acc).0, want);
        // A failing segment commits nothing: the next append still extends in place.
        let mut first = seg(BsType::Binary, acc, None);
        first.all = true;
        let bad = seg(BsType::Utf8, Term::small(0xd800), None);
        assert!(build(&mut h, &[first, bad]).is_err());
        let next = append_byte(&mut h, acc, 1).unwrap();
        assert_eq!(contents(next).0.len(), 5001);
        assert_eq!(contents(acc).0, want);
        // Collection keeps every version readable.
        let mut roots = vec![acc, next, forked, kept[0]];
        crate::gc::collect(&mut h, 0, &mut roots);
        assert_eq!(contents(roots[0]).0, want);
        assert_eq!(contents(roots[1]).0[..5000], want[..]);
        assert_eq!(contents(roots[2]).0, fork_want);
        assert_eq!(contents(roots[3]).0, want[..1000]);
        let after = append_byte(&mut h, roots[1], 2).unwrap();
        assert_eq!(buffer(after), buffer(roots[1]));
        assert_eq!(contents(after).0.len(), 5002);
    }

    #[test]
    fn build_integers_like_otp() {
        let mut h = Heap::new();
        let mut little = seg(BsType::Integer, Term::small(0xabc), Some(12));
        little.flags.little = true;
        assert_eq!(
            contents(build(&mut h, &[little]).unwrap()),
            (vec![188, 0xa0], 12)
        );
        let neg = seg(BsType::Integer, Term::small(-1), Some(70));
        let (b, n) = contents(build(&mut h, &[neg]).unwrap());
        assert_eq!(n, 70);
        assert_eq!(b, vec![255, 255, 255, 255, 255, 255, 255, 255, 0xfc]);
        let trunc = seg(BsType::Integer, Term::small(300), None);
        assert_eq!(contents(build(&mut h, &[trunc]).unwrap()), (vec![44], 8));
    }

    #[test]
    fn floats_and_utf() {
        let mut h = Heap::new();
        let f = h.float(1.5);
        let s = seg(BsType::Float, f, Some(16));
        assert_eq!(contents(build(&mut h, &[s]).unwrap()).0, vec![62, 0]);
        let big = h.float(1e300);
        let s = seg(BsType::Float, big, Some(32));
        assert_eq!(
            contents(build(&mut h, &[s]).unwrap()).0,
            vec![127, 128, 0, 0]
        );
        let u = seg(BsType::Utf8, Term::small(0x20ac), None);
        assert_eq!(contents(build(&mut h, &[u]).unwrap()).0, "€".as_bytes());
        let bad = seg(BsType::Utf8, Term::small(0xd800), None);
        assert!(build(&mut h, &[bad]).is_err());
    }

    #[test]
    fn match_round_trip() {
        let mut h = Heap::new();
        let bin = h.binary(&[0x12, 0x34, 0xff, 0x80, b'h', b'i']);
        let ctx = start_match(&mut h, bin).unwrap();
        let f = BsFlags::default();
        let a = get(
            &mut h,
            ctx,
            BsType::Integer,
            Some(Term::small(4)),
            false,
            1,
            f,
        )
        .unwrap();
        assert_eq!(a, Term::small(1));
        let b = get(
            &mut h,
            ctx,
            BsType::Integer,
            Some(Term::small(12)),
            false,
            1,
            f,
        )
        .unwrap();
        assert_eq!(b, Term::small(0x234));
        let signed = BsFlags { signed: true, ..f };
        let c = get(
            &mut h,
            ctx,
            BsType::Integer,
            Some(Term::small(16)),
            false,
            1,
            signed,
        )
        .unwrap();
        assert_eq!(c, Term::small(-128));
        let save = position(ctx);
        let rest = get(&mut h, ctx, BsType::Binary, None, true, 8, f).unwrap();
        assert_eq!(contents(rest), (b"hi".to_vec(), 16));
        assert_eq!(remaining_bits(ctx), 0);
        set_position(ctx, save);
        assert!(skip(ctx, Some(Term::small(1)), false, 8));
        assert_eq!(contents(tail(&mut h, ctx)), (b"i".to_vec(), 8));
        let little = BsFlags { little: true, ..f };
        let bin2 = h.bitstring(&[188, 0xa0], 12);
        let ctx2 = start_match(&mut h, bin2).unwrap();
        let x = get(
            &mut h,
            ctx2,
            BsType::Integer,
            Some(Term::small(12)),
            false,
            1,
            little,
        );
        assert_eq!(x, Some(Term::small(2748)));
    }

    #[test]
    fn unaligned_concat() {
        let mut h = Heap::new();
        let a = seg(BsType::Integer, Term::small(1), Some(3));
        let inner = h.bitstring(&[0b1010_0000], 3);
        let mut b = seg(BsType::Binary, inner, None);
        b.unit = 1;
        let c = seg(BsType::Integer, Term::small(0xff), Some(8));
        let r = build(&mut h, &[a, b, c]).unwrap();
        assert_eq!(contents(r), (vec![0b0011_0111, 0b1111_1100], 14));
        let sub = slice(&mut h, r, 3, 8).unwrap();
        assert_eq!(contents(sub), (vec![0b1011_1111], 8));
        let big = h.bigint(&(BigInt::from(1) << 80));
        let s = seg(BsType::Integer, big, Some(88));
        let bin = build(&mut h, &[s]).unwrap();
        let ctx = start_match(&mut h, bin).unwrap();
        let v = get(
            &mut h,
            ctx,
            BsType::Integer,
            Some(Term::small(88)),
            false,
            1,
            BsFlags::default(),
        );
        assert_eq!(to_bigint(v.unwrap()), Some(BigInt::from(1) << 80));
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// The word-sized fast paths agree with the general bignum paths.
    #[test]
    fn fast_and_slow_paths_agree() {
        let mut h = Heap::new();
        let values = [
            0i64,
            1,
            -1,
            127,
            -128,
            255,
            256,
            65535,
            -65536,
            1 << 40,
            -(1 << 50),
            0x0123_4567_89ab_cdef,
        ];
        for &v in &values {
            for bits in [1usize, 3, 8, 12, 16, 24, 32, 33, 48, 56, 64] {
                for little in [false, true] {
                    for offset in [0usize, 3] {
                        let flags = BsFlags {
                            little,
                            ..BsFlags::default()
                        };
                        let pad = SegmentValue {
                            ty: BsType::Integer,
                            value: Term::small(0),
                            size: Some(Term::small(offset as i64)),
                            all: false,
                            unit: 1,
                            flags: BsFlags::default(),
                        };
                        let seg = SegmentValue {
                            value: Term::small(v),
                            size: Some(Term::small(bits as i64)),
                            flags,
                            ..pad
                        };
                        let fast = build(&mut h, &[pad, seg]).unwrap();
                        let mut slow_w = BitWriter::default();
                        write_int(&mut slow_w, &BigInt::from(0), offset, false);
                        write_int(&mut slow_w, &BigInt::from(v), bits, little);
                        assert_eq!(
                            bytes(fast).unwrap(),
                            (slow_w.bytes.clone(), slow_w.bits),
                            "v={v} bits={bits} little={little}"
                        );
                        for signed in [false, true] {
                            let f = BsFlags {
                                signed,
                                little,
                                native: false,
                            };
                            let (src, _, _) = view(&fast).unwrap();
                            let src = src.to_vec();
                            let got = read_int(&mut h, &src, offset, bits, signed, little);
                            // Reference: the general path on an unaligned copy.
                            let b = extract_bits(&src, offset, bits);
                            let want = if little && bits % 8 != 0 {
                                got
                            } else {
                                let mut be = b.clone();
                                let pad = be.len() * 8 - bits;
                                let mut n = BigInt::from_bytes_be(Sign::Plus, &be) >> pad;
                                if little {
                                    be = n.to_bytes_le().1;
                                    be.resize(bits / 8, 0);
                                    n = BigInt::from_bytes_be(Sign::Plus, &be);
                                }
                                if signed && n.bits() as usize == bits {
                                    n -= BigInt::from(1) << bits;
                                }
                                h.bigint(&n)
                            };
                            assert!(
                                crate::ops::compare::exact_eq(got, want),
                                "read v={v} bits={bits} little={little} signed={signed} f={f:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
