//! `erlang:phash2/1,2`: OTP's portable term hash (`make_hash2` in erts `utils.c`), bit-exact
//! for every term krarup shares with OTP (numbers, atoms, lists, tuples, maps, binaries, pids;
//! funs and references hash consistently but cannot match OTP's values). Iterative.

use crate::atom::AtomTable;
use crate::ops::arith::to_bigint;
use crate::ops::jenkins::{
    block_hash, hash2, HCONST, HCONST_10, HCONST_11, HCONST_12, HCONST_13, HCONST_14, HCONST_15,
    HCONST_16, HCONST_19, HCONST_2, HCONST_3, HCONST_4, HCONST_5, HCONST_7, HCONST_9,
};
use crate::ops::{binary, map};
use crate::term::{Term, Words, SUB_EXPORT, SUB_FUN, SUB_REF};

/// `NIL_DEF` in erts.
const NIL_DEF: u32 = 2;
/// `phash2([])`'s value when `[]` is the whole term.
const NIL_ALONE: u32 = 3_468_870_702;

fn hash1(hash: &mut u32, x: u32, k: u32) {
    hash2(hash, x, 0, k);
}

/// The atom table's hash of an atom name (erts `atom_hash`: hashpjw over the UTF-8 bytes, with
/// two-byte encodings of U+0080..U+00FF folded back to one Latin-1 byte).
pub fn atom_hash(name: &str) -> u32 {
    let p = name.as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < p.len() {
        let mut v = p[i] as u32;
        i += 1;
        if i < p.len() && (v & 0xfe) == 0xc2 && (p[i] & 0xc0) == 0x80 {
            v = ((v << 6) | (p[i] as u32 & 0x3f)) & 0xff;
            i += 1;
        }
        h = (h << 4).wrapping_add(v);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

/// Work items: a term to hash, or the end of one map pair / of a whole map.
enum Op {
    Term(Term),
    PairEnd,
    MapEnd { saved_hash: u32, saved_xor: u32 },
}

/// OTP's `make_hash2(t)`.
pub fn phash2(t: Term, atoms: &AtomTable) -> u32 {
    let mut hash: u32 = 0;
    let mut xor_pairs: u32 = 0;
    let mut stack = vec![Op::Term(t)];
    while let Some(op) = stack.pop() {
        let t = match op {
            Op::Term(t) => t,
            Op::PairEnd => {
                xor_pairs ^= hash;
                hash = 0;
                continue;
            }
            Op::MapEnd {
                saved_hash,
                saved_xor,
            } => {
                hash = saved_hash;
                hash1(&mut hash, xor_pairs, HCONST_19);
                xor_pairs = saved_xor;
                continue;
            }
        };
        if let Some(a) = t.as_atom() {
            let hv = atom_hash(&atoms.name(a));
            if hash == 0 {
                hash = hv;
            } else {
                hash1(&mut hash, hv, HCONST_3);
            }
        } else if t.is_nil() {
            if hash == 0 {
                hash = NIL_ALONE;
            } else {
                hash1(&mut hash, NIL_DEF, HCONST_2);
            }
        } else if let Some(x) = t.as_small().filter(|x| (-(1 << 27)..(1 << 27)).contains(x)) {
            let y = x as i32;
            if y < 0 {
                hash1(&mut hash, y.wrapping_neg() as u32, HCONST);
            }
            hash1(&mut hash, y as u32, HCONST);
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
        } else if let Some(p) = t.as_pid() {
            hash1(&mut hash, p as u32, HCONST_5);
        } else if t.is_cons() {
            // Runs of bytes are packed four to a word.
            let (mut c, mut sh) = (0u32, 0u32);
            let mut cur = t;
            while let Some((h, tl)) = cur.as_cons() {
                match h.as_small() {
                    Some(b) if (0..=255).contains(&b) => {
                        sh = (sh << 8).wrapping_add(b as u32);
                        if c == 3 {
                            hash1(&mut hash, sh, HCONST_4);
                            c = 0;
                            sh = 0;
                        } else {
                            c += 1;
                        }
                        cur = tl;
                    }
                    _ => break,
                }
            }
            if c > 0 {
                hash1(&mut hash, sh, HCONST_4);
            }
            match cur.as_cons() {
                Some((h, tl)) => {
                    stack.push(Op::Term(tl));
                    stack.push(Op::Term(h));
                }
                None => stack.push(Op::Term(cur)),
            }
        } else if let Some(es) = t.as_tuple() {
            hash1(&mut hash, es.len() as u32, HCONST_9);
            stack.extend(es.iter().rev().map(Op::Term));
        } else if t.is_map() {
            let pairs = map::raw_pairs(t);
            hash1(&mut hash, pairs.len() as u32, HCONST_16);
            if pairs.is_empty() {
                continue;
            }
            stack.push(Op::MapEnd {
                saved_hash: hash,
                saved_xor: xor_pairs,
            });
            hash = 0;
            xor_pairs = 0;
            for (k, v) in pairs.into_iter().rev() {
                stack.push(Op::PairEnd);
                stack.push(Op::Term(v));
                stack.push(Op::Term(k));
            }
        } else if let Some(f) = t.as_float() {
            let bits = if f == 0.0 { 0 } else { f.to_bits() };
            hash2(&mut hash, (bits >> 32) as u32, bits as u32, HCONST_12);
        } else if let Some((bytes, bits)) = binary::bytes(t) {
            let sz = bits / 8;
            let con = HCONST_13.wrapping_add(hash);
            if bits == 0 {
                hash = con;
            } else {
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
        } else {
            let p = t.payload().unwrap_or(Words::EMPTY);
            let name_hash = |w: Term| w.as_atom().map_or(0, |a| atom_hash(&atoms.name(a)));
            match t.boxed_subtag() {
                Some(SUB_EXPORT) => {
                    let arity = p.at(2).as_small().unwrap_or(0) as u32;
                    hash2(&mut hash, arity, name_hash(p.at(0)), HCONST);
                    hash1(&mut hash, name_hash(p.at(1)), HCONST_14);
                }
                Some(SUB_FUN) => {
                    let free = p.len().saturating_sub(3);
                    hash2(&mut hash, free as u32, name_hash(p.at(0)), HCONST);
                    let (idx, uniq) = (
                        p.at(1).as_small().unwrap_or(0),
                        p.at(2).as_small().unwrap_or(0),
                    );
                    hash2(&mut hash, idx as u32, uniq as u32, HCONST);
                    stack.extend(p.rest(3).iter().rev().map(Op::Term));
                }
                Some(SUB_REF) => hash1(&mut hash, p.at(0).raw() as u32, HCONST_7),
                _ => {}
            }
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    /// Values printed by OTP 25 for `[erlang:phash2(X) || X <- L]`.
    #[test]
    fn matches_otp() {
        let mut env = Env::new();
        let h = &mut env.env.heap;
        let atoms = &env.env.shared.atoms;
        let at = |s: &str| Term::atom(atoms.intern(s));
        let (a, b, c) = (at("a"), at("b"), at("c"));
        let big40 = h.int(1 << 40);
        let one: num_bigint::BigInt = num_bigint::BigInt::from(1);
        let shifted: num_bigint::BigInt = one << 70usize;
        let negbig = -shifted;
        let negbig = h.bigint(&negbig);
        let cases: Vec<(Term, u32)> = vec![
            (a, 97),
            (at("abc"), 26499),
            (Term::NIL, 113427502),
            (h.list(&[a]), 23864141),
            (h.string("hello"), 81920127),
            (h.tuple(&[a, b, c]), 113425870),
            (Term::small(1), 2614250),
            (Term::small(-1), 44071773),
            (Term::small(0), 88723725),
            (Term::small(134217727), 112602999),
            (Term::small(134217728), 12354923),
            (Term::small(-134217728), 69672967),
            (Term::small(-134217729), 76739502),
            (big40, 13893919),
            (negbig, 20532417),
            (h.float(1.5), 10380315),
            (h.float(0.0), 20875736),
            (h.float(-0.0), 20875736),
            (h.binary(b"abc"), 98228475),
            (h.binary(b"hello world!xyz"), 46043938),
            (h.bitstring(&[0b0010_0000], 3), 73037028),
            (h.binary(b""), 13708901),
            (h.tuple(&[]), 87486268),
            (h.cons(Term::small(1), Term::small(2)), 86124794),
            (h.string("abcdefgh"), 108788142),
            (
                h.list(&[Term::small(1), Term::small(2), Term::small(3), a]),
                64961185,
            ),
            (at("hélló"), 7799731),
            (at("日本"), 117588076),
        ];
        for (i, (t, want)) in cases.into_iter().enumerate() {
            assert_eq!(super::phash2(t, atoms) & ((1 << 27) - 1), want, "case {i}");
        }
        let one = crate::ops::map::from_pairs(h, &[(a, Term::small(1))], atoms);
        assert_eq!(super::phash2(one, atoms) & ((1 << 27) - 1), 59617982);
        let empty = crate::ops::map::new_map(h);
        assert_eq!(super::phash2(empty, atoms) & ((1 << 27) - 1), 39679005);
        let pairs: Vec<(Term, Term)> = (1..=40).map(|i| (Term::small(i), Term::small(i))).collect();
        let big = crate::ops::map::from_pairs(h, &pairs, atoms);
        assert_eq!(super::phash2(big, atoms) & ((1 << 27) - 1), 55048502);
        let seq: Vec<Term> = (1..=300).map(Term::small).collect();
        let l = h.list(&seq);
        assert_eq!(super::phash2(l, atoms), 3909413633);
        let nested = {
            let inner = h.list(&[Term::NIL]);
            h.tuple(&[Term::NIL, inner])
        };
        assert_eq!(super::phash2(nested, atoms) & ((1 << 27) - 1), 83190491);
        let r = env
            .call("erlang", "phash2", &[a, Term::small(1000)])
            .unwrap();
        assert_eq!(r, Term::small(97));
    }
}
