//! Checksums and hex text: `erlang:crc32/1,2`, `crc32_combine/3`, `adler32/1,2`,
//! `adler32_combine/3`, `md5/1`, `md5_init/0`, `md5_update/2`, `md5_final/1` (crates
//! `crc32fast`, `adler2`, `md-5`), and `binary:encode_hex/1`, `decode_hex/1`. Bad arguments are
//! `badarg`, as OTP.

use super::{badarg, iolist_bytes, Reg};
use crate::native::{Exception, NativeCtx};
use crate::ops::binary;
use crate::term::Term;
use md5::{Digest, Md5};

pub(super) fn register(r: &mut Reg<'_>) {
    let e = "erlang";
    r.add(e, "crc32", 1, |c, a| {
        let data = iodata(c, a[0])?;
        Ok(Term::small(crc32fast::hash(&data) as i64))
    });
    r.add(e, "crc32", 2, |c, a| {
        let old = u32_arg(a[0])?;
        let data = iodata(c, a[1])?;
        let mut h = crc32fast::Hasher::new_with_initial(old);
        h.update(&data);
        Ok(Term::small(h.finalize() as i64))
    });
    r.add(e, "crc32_combine", 3, |_, a| {
        let (first, second, len) = (u32_arg(a[0])?, u32_arg(a[1])?, len_arg(a[2])?);
        let mut h = crc32fast::Hasher::new_with_initial(first);
        h.combine(&crc32fast::Hasher::new_with_initial_len(second, len));
        Ok(Term::small(h.finalize() as i64))
    });
    r.add(e, "adler32", 1, |c, a| {
        let data = iodata(c, a[0])?;
        Ok(Term::small(adler2::adler32_slice(&data) as i64))
    });
    r.add(e, "adler32", 2, |c, a| {
        let old = u32_arg(a[0])?;
        let data = iodata(c, a[1])?;
        let mut h = adler2::Adler32::from_checksum(old);
        h.write_slice(&data);
        Ok(Term::small(h.checksum() as i64))
    });
    r.add(e, "adler32_combine", 3, |_, a| {
        let (first, second, len) = (u32_arg(a[0])?, u32_arg(a[1])?, len_arg(a[2])?);
        Ok(Term::small(adler32_combine(first, second, len) as i64))
    });
    r.add(e, "md5", 1, |c, a| {
        let data = iodata(c, a[0])?;
        Ok(c.heap.binary(&Md5::digest(&data)))
    });
    r.add(e, "md5_init", 0, |c, _| Ok(c.heap.binary(&[])));
    r.add(e, "md5_update", 2, |c, a| {
        let mut ctx = context(a[0])?;
        ctx.extend(iodata(c, a[1])?);
        Ok(c.heap.binary(&ctx))
    });
    r.add(e, "md5_final", 1, |c, a| {
        let ctx = context(a[0])?;
        Ok(c.heap.binary(&Md5::digest(&ctx)))
    });
    r.add("binary", "encode_hex", 1, |c, a| {
        let bytes = whole_bytes(a[0])?;
        let mut out = Vec::with_capacity(bytes.len() * 2);
        for b in bytes {
            out.push(b"0123456789ABCDEF"[(b >> 4) as usize]);
            out.push(b"0123456789ABCDEF"[(b & 15) as usize]);
        }
        c.charge(out.len() / 64);
        Ok(c.heap.binary(&out))
    });
    r.add("binary", "decode_hex", 1, |c, a| {
        let text = whole_bytes(a[0])?;
        if text.len() % 2 != 0 {
            return badarg();
        }
        let digit = |d: u8| (d as char).to_digit(16).ok_or_else(Exception::badarg);
        let mut out = Vec::with_capacity(text.len() / 2);
        for pair in text.chunks(2) {
            out.push((digit(pair[0])? * 16 + digit(pair[1])?) as u8);
        }
        c.charge(text.len() / 64);
        Ok(c.heap.binary(&out))
    });
}

/// The bytes of an iodata argument (a binary or an iolist), or `badarg`.
fn iodata(c: &mut NativeCtx<'_>, t: Term) -> Result<Vec<u8>, Exception> {
    let mut out = Vec::new();
    iolist_bytes(t, &mut out).ok_or_else(Exception::badarg)?;
    c.charge(out.len() / 64);
    Ok(out)
}

/// The bytes of a binary (whole bytes), or `badarg`.
fn whole_bytes(t: Term) -> Result<Vec<u8>, Exception> {
    match binary::bytes(t) {
        Some((v, bits)) if bits % 8 == 0 => Ok(v),
        _ => badarg(),
    }
}

/// An MD5 context of `md5_init/0` and `md5_update/2`: the bytes hashed so far (OTP's context is
/// the C library's 92-byte state; see spec.md).
fn context(t: Term) -> Result<Vec<u8>, Exception> {
    whole_bytes(t)
}

fn u32_arg(t: Term) -> Result<u32, Exception> {
    t.as_small()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(Exception::badarg)
}

/// A length for the `*_combine` functions: OTP takes any non-negative small integer.
fn len_arg(t: Term) -> Result<u64, Exception> {
    t.as_small()
        .and_then(|n| u64::try_from(n).ok())
        .ok_or_else(Exception::badarg)
}

/// zlib's `adler32_combine`: the Adler-32 of `A ++ B` from those of `A` and of `B` (`len` bytes).
fn adler32_combine(first: u32, second: u32, len: u64) -> u32 {
    const BASE: u64 = 65521;
    let rem = len % BASE;
    let mut sum1 = first as u64 & 0xffff;
    let mut sum2 = (rem * sum1) % BASE;
    sum1 += (second as u64 & 0xffff) + BASE - 1;
    sum2 += ((first as u64 >> 16) & 0xffff) + ((second as u64 >> 16) & 0xffff) + BASE - rem;
    if sum1 >= BASE {
        sum1 -= BASE;
    }
    if sum1 >= BASE {
        sum1 -= BASE;
    }
    if sum2 >= BASE << 1 {
        sum2 -= BASE << 1;
    }
    if sum2 >= BASE {
        sum2 -= BASE;
    }
    (sum1 | (sum2 << 16)) as u32
}
