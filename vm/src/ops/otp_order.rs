//! The key orders OTP 25 uses for a map of more than 32 keys. Its hash trie is walked in the
//! order of the keys' internal hashes (`make_map_hash` in erts `erl_term_hashing.c`) read four
//! bits at a time from the least significant end: that is the order of `maps:iterator/1` and
//! `maps:next/1`, and so of `~p` printing. `maps:to_list/1`, `keys/1` and `values/1` build their
//! lists by prepending during that walk, so they give the reverse. This module computes that hash for the terms whose hash does not
//! depend on OTP's internal numbering (integers, floats, lists, tuples, binaries, maps); atoms
//! and pids hash by krarup's own numbers, so their relative order is deterministic but not OTP's.
//! Checked against `erl` in `vm/tests/data/maporder.tsv`.

use super::arith::to_bigint;
use super::binary;
use super::jenkins::{
    block_hash, hash2, HCONST, HCONST_10, HCONST_11, HCONST_12, HCONST_13, HCONST_15, HCONST_16,
    HCONST_17, HCONST_18, HCONST_22, HCONST_4, HCONST_9,
};
use crate::term::Term;

/// OTP's `INTERNAL_HASH_SALT`.
const SALT: u32 = 3_432_918_353;

fn const_hash(hash: &mut u32, k: u32) {
    *hash ^= k;
    *hash = hash.rotate_left(17);
}

/// The word OTP (64-bit) uses for an immediate term.
fn otp_immediate(t: Term) -> Option<u64> {
    if let Some(n) = t.as_small() {
        // OTP's smalls are 60-bit; krarup's are 61-bit, so the edges are bignums there.
        if !(-(1i64 << 59)..(1i64 << 59)).contains(&n) {
            return None;
        }
        Some(((n as u64) << 4) | 0xf)
    } else if let Some(a) = t.as_atom() {
        Some(((a.0 as u64) << 6) | 0xb)
    } else if t.is_nil() {
        Some(0x3b)
    } else {
        t.as_pid().map(|p| (p << 4) | 0x3)
    }
}

enum Op {
    Term(Term),
    Cdr,
}

/// OTP's `make_internal_hash(t, salt)`.
fn internal_hash(t: Term, salt: u32) -> u32 {
    let mut hash = salt ^ SALT;
    let mut stack = vec![Op::Term(t)];
    while let Some(op) = stack.pop() {
        let mut t = match op {
            Op::Cdr => {
                const_hash(&mut hash, HCONST_18);
                continue;
            }
            Op::Term(t) => t,
        };
        if let Some(w) = otp_immediate(t) {
            hash2(&mut hash, w as u32, (w >> 32) as u32, HCONST);
        } else if t.is_cons() {
            let (mut c, mut sh) = (0u32, 0u32);
            while let Some((h, tl)) = t.as_cons() {
                match h.as_small() {
                    Some(b) if (0..=255).contains(&b) => {
                        sh = (sh << 8).wrapping_add(b as u32);
                        if c == 3 {
                            hash2(&mut hash, sh, 0, HCONST_4);
                            c = 0;
                            sh = 0;
                        } else {
                            c += 1;
                        }
                        t = tl;
                    }
                    _ => break,
                }
            }
            if c > 0 {
                hash2(&mut hash, sh, c, HCONST_22);
            }
            match t.as_cons() {
                Some((h, tl)) => {
                    const_hash(&mut hash, HCONST_17);
                    stack.push(Op::Term(tl));
                    if !tl.is_cons() {
                        stack.push(Op::Cdr);
                    }
                    stack.push(Op::Term(h));
                }
                None => stack.push(Op::Term(t)),
            }
        } else if let Some(es) = t.as_tuple() {
            hash2(&mut hash, es.len() as u32, 0, HCONST_9);
            stack.extend(es.iter().rev().map(Op::Term));
        } else if let Some(f) = t.as_float() {
            let bits = if f == 0.0 { 0 } else { f.to_bits() };
            hash2(&mut hash, bits as u32, (bits >> 32) as u32, HCONST_12);
        } else if t.is_integer() {
            let (sign, digits) = to_bigint(t).unwrap_or_default().to_u64_digits();
            let con = if sign == num_bigint::Sign::Minus {
                HCONST_10
            } else {
                HCONST_11
            };
            for d in digits {
                hash2(&mut hash, d as u32, (d >> 32) as u32, con);
            }
        } else if let Some((bytes, bits)) = binary::bytes(t) {
            let con = HCONST_13.wrapping_add(hash);
            if bits == 0 {
                hash = con;
            } else {
                let sz = bits / 8;
                hash = block_hash(&bytes[..sz], con);
                let rest = bits % 8;
                if rest > 0 {
                    hash2(
                        &mut hash,
                        rest as u32,
                        (bytes[sz] >> (8 - rest)) as u32,
                        HCONST_15,
                    );
                }
            }
        } else if t.is_map() {
            let pairs = super::map::to_pairs(t);
            hash2(&mut hash, pairs.len() as u32, 0, HCONST_16);
            for (k, v) in pairs.into_iter().rev() {
                stack.push(Op::Term(v));
                stack.push(Op::Term(k));
            }
        } else {
            // Funs and references: OTP hashes internal pointers; any stable value will do.
            hash2(&mut hash, t.raw() as u32, 0, HCONST);
        }
    }
    hash
}

/// OTP's `make_map_hash(key, depth)`.
pub fn map_hash(key: Term, depth: u32) -> u32 {
    let mut salt = 0;
    if depth > 0 {
        hash2(&mut salt, depth, 1, HCONST_22);
    }
    internal_hash(key, salt)
}

/// A sort key giving OTP's iteration order: the hash's nibbles, least significant first.
fn nibble_key(h: u32) -> u32 {
    let mut out = 0;
    for i in 0..8 {
        out = (out << 4) | ((h >> (4 * i)) & 0xf);
    }
    out
}

/// Sorts `(key, value)` pairs into OTP's iteration order for a large map (`maps:next/1`;
/// reverse it for `maps:to_list/1`).
pub fn sort_pairs(pairs: &mut [(Term, Term)]) {
    let mut keyed: Vec<((u32, u32), (Term, Term))> = pairs
        .iter()
        .map(|&p| ((nibble_key(map_hash(p.0, 0)), 0), p))
        .collect();
    keyed.sort_by_key(|e| e.0 .0);
    // Full 32-bit collisions continue with the next-depth hash, as OTP's trie does.
    let mut i = 0;
    while i < keyed.len() {
        let mut j = i + 1;
        while j < keyed.len() && keyed[j].0 .0 == keyed[i].0 .0 {
            j += 1;
        }
        if j - i > 1 {
            for e in &mut keyed[i..j] {
                e.0 .1 = nibble_key(map_hash(e.1 .0, 1));
            }
            keyed[i..j].sort_by_key(|e| e.0 .1);
        }
        i = j;
    }
    for (slot, (_, p)) in pairs.iter_mut().zip(keyed) {
        *slot = p;
    }
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Key orders printed by OTP 25 for large maps (`gen_maporder.escript`).
    #[test]
    fn large_map_order_matches_otp() {
        let table = include_str!("../../tests/data/maporder.tsv");
        let mut env = Env::new();
        for line in table.lines() {
            let b = env.heap.binary(&unhex(line));
            let want = env.call("erlang", "binary_to_term", &[b]).unwrap();
            let keys = crate::ops::list_to_vec(want).unwrap();
            let pairs: Vec<(Term, Term)> =
                keys.iter().rev().map(|&k| (k, Term::small(0))).collect();
            let m = crate::ops::map::from_pairs(&mut env.env.heap, &pairs, &env.env.shared.atoms);
            let got: Vec<Term> = crate::ops::map::to_pairs(m)
                .into_iter()
                .map(|p| p.0)
                .collect();
            let got_list = env.heap.list(&got);
            assert_eq!(env.show(got_list), env.show(want));
            let mut iter: Vec<Term> = crate::ops::map::iter_pairs(m)
                .into_iter()
                .map(|p| p.0)
                .collect();
            iter.reverse();
            assert_eq!(iter, got);
        }
    }
}
