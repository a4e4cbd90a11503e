//! Erlang term order and equality: `<`, `==`, `=:=` and the exact order used for map keys.
//! Owns comparison only. Traversal is iterative (an explicit work stack), so comparing a
//! million-element list or a deeply nested tuple never grows the Rust stack.
//!
//! Order (OTP): number < atom < reference < fun < port < pid < tuple < map < `[]` < list <
//! bitstring. Numbers compare by exact value (`1 == 1.0`); atoms by name; tuples by size then
//! elements; maps by size, then keys in key order, then values; lists element-wise; bitstrings
//! bytewise, then by length. In the exact order (map keys), every integer sorts before every
//! float, as in OTP 25 (`maps:to_list(#{2 => a, 1.0 => b})` gives `[{2,a},{1.0,b}]`).

use super::arith::{to_num, Num};
use super::binary;
use super::map;
use crate::atom::AtomTable;
use crate::term::{Term, Words, SUB_EXPORT, SUB_FUN, SUB_MATCH_CTX, SUB_REF};
use krarup_bytecode::opcode::CmpOp;
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::cmp::Ordering;

/// Erlang term order (`<`, `==` semantics: `1` equals `1.0`).
#[inline]
pub fn compare(a: Term, b: Term, atoms: &AtomTable) -> Ordering {
    // Small integers inline: ordered_set searches compare mostly these.
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return x.cmp(&y);
    }
    cmp_terms(a, b, false, Some(atoms))
}

/// The total order of map keys: like `compare` but integers sort before floats, so `1` and
/// `1.0` differ.
#[inline]
pub fn compare_exact(a: Term, b: Term, atoms: &AtomTable) -> Ordering {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return x.cmp(&y);
    }
    cmp_terms(a, b, true, Some(atoms))
}

/// `a == b`.
pub fn eq(a: Term, b: Term) -> bool {
    if a == b {
        return true;
    }
    if a.is_immediate() && b.is_immediate() {
        return false;
    }
    cmp_terms(a, b, false, None) == Ordering::Equal
}

/// `a =:= b`.
pub fn exact_eq(a: Term, b: Term) -> bool {
    if a == b {
        return true;
    }
    if a.is_immediate() || b.is_immediate() {
        return false;
    }
    cmp_terms(a, b, true, None) == Ordering::Equal
}

/// Evaluates a comparison operator.
pub fn cmp_op(op: CmpOp, a: Term, b: Term, atoms: &AtomTable) -> bool {
    match op {
        CmpOp::Lt => compare(a, b, atoms) == Ordering::Less,
        CmpOp::Ge => compare(a, b, atoms) != Ordering::Less,
        CmpOp::Eq => eq(a, b),
        CmpOp::Ne => !eq(a, b),
        CmpOp::EqExact => exact_eq(a, b),
        CmpOp::NeExact => !exact_eq(a, b),
    }
}

/// Rank of a term's type in the term order.
fn rank(t: Term) -> u8 {
    if t.is_small() || t.is_atom() || t.is_pid() || t.is_nil() || t.is_cons() {
        return if t.is_small() {
            0
        } else if t.is_atom() {
            1
        } else if t.is_pid() {
            5
        } else if t.is_nil() {
            8
        } else {
            9
        };
    }
    match t.boxed_subtag() {
        Some(SUB_REF) => 2,
        Some(SUB_FUN) | Some(SUB_EXPORT) => 3,
        Some(_) if t.is_number() => 0,
        Some(_) if t.is_tuple() => 6,
        Some(_) if t.is_map() => 7,
        Some(_) if t.is_bitstring() => 10,
        Some(SUB_MATCH_CTX) => 11,
        _ => 12,
    }
}

/// The core comparison. `exact`: integers and floats never compare equal (ints first).
/// `atoms = None`: equality-only mode; atoms (and map keys) order by index, which is
/// consistent for `Equal` but not a meaningful order.
fn cmp_terms(a: Term, b: Term, exact: bool, atoms: Option<&AtomTable>) -> Ordering {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return x.cmp(&y);
    }
    // Work stack of pending pairs with their exactness (map keys compare exactly). It only
    // allocates when a compound term is entered.
    let mut stack: Vec<(Term, Term, bool)> = Vec::new();
    let mut next = Some((a, b, exact));
    while let Some((a, b, exact)) = next.take().or_else(|| stack.pop()) {
        if a == b {
            continue;
        }
        let (ra, rb) = (rank(a), rank(b));
        if ra != rb {
            return ra.cmp(&rb);
        }
        let ord = match ra {
            0 => cmp_numbers(a, b, exact),
            1 => match atoms {
                Some(tab) => tab
                    .name(a.as_atom().unwrap_or_default_atom())
                    .as_bytes()
                    .cmp(tab.name(b.as_atom().unwrap_or_default_atom()).as_bytes()),
                None => a.raw().cmp(&b.raw()),
            },
            2 | 5 => raw_payload0(a).cmp(&raw_payload0(b)),
            3 => cmp_funs(a, b, &mut stack, exact, atoms),
            6 => {
                let (ea, eb) = (
                    a.as_tuple().unwrap_or(Words::EMPTY),
                    b.as_tuple().unwrap_or(Words::EMPTY),
                );
                if ea.len() != eb.len() {
                    ea.len().cmp(&eb.len())
                } else {
                    for i in (0..ea.len()).rev() {
                        stack.push((ea.at(i), eb.at(i), exact));
                    }
                    Ordering::Equal
                }
            }
            7 => cmp_maps(a, b, &mut stack, exact, atoms),
            9 => {
                let (ha, ta) = a.as_cons().unwrap_or((Term::NIL, Term::NIL));
                let (hb, tb) = b.as_cons().unwrap_or((Term::NIL, Term::NIL));
                stack.push((ta, tb, exact));
                stack.push((ha, hb, exact));
                Ordering::Equal
            }
            10 => cmp_bits(a, b),
            _ => a.raw().cmp(&b.raw()),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

trait AtomOrDefault {
    fn unwrap_or_default_atom(self) -> crate::term::Atom;
}
impl AtomOrDefault for Option<crate::term::Atom> {
    fn unwrap_or_default_atom(self) -> crate::term::Atom {
        self.unwrap_or(crate::atom::EMPTY)
    }
}

/// First payload word (refs: the id) or the immediate value (pids).
fn raw_payload0(t: Term) -> u64 {
    if let Some(p) = t.as_pid() {
        return p;
    }
    t.payload()
        .and_then(|p| p.first())
        .map(|w| w.raw())
        .unwrap_or(0)
}

/// Compares two numbers by value; in exact mode integers precede floats.
pub fn cmp_numbers(a: Term, b: Term, exact: bool) -> Ordering {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return x.cmp(&y);
    }
    let (Some(x), Some(y)) = (to_num(a), to_num(b)) else {
        return Ordering::Equal;
    };
    match (x, y) {
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (Num::Float(_), _) if exact => Ordering::Greater,
        (_, Num::Float(_)) if exact => Ordering::Less,
        (Num::Float(x), i) => cmp_int_float(&i, x).reverse(),
        (i, Num::Float(y)) => cmp_int_float(&i, y),
        (x, y) => int_value(x).cmp(&int_value(y)),
    }
}

fn int_value(n: Num) -> BigInt {
    match n {
        Num::Small(i) => BigInt::from(i),
        Num::Big(b) => b,
        Num::Float(_) => BigInt::from(0),
    }
}

/// Exact comparison of an integer with a finite float (no lossy conversion of big integers).
fn cmp_int_float(i: &Num, f: f64) -> Ordering {
    if let Num::Small(s) = i {
        if s.unsigned_abs() < (1u64 << 53) {
            return (*s as f64).partial_cmp(&f).unwrap_or(Ordering::Equal);
        }
    }
    let fl = f.floor();
    let Some(fi) = BigInt::from_f64(fl) else {
        return Ordering::Equal;
    };
    let iv = match i {
        Num::Small(s) => BigInt::from(*s),
        Num::Big(b) => b.clone(),
        Num::Float(_) => return Ordering::Equal,
    };
    match iv.cmp(&fi) {
        Ordering::Equal if f > fl => Ordering::Less,
        o => o,
    }
}

fn cmp_funs(
    a: Term,
    b: Term,
    stack: &mut Vec<(Term, Term, bool)>,
    exact: bool,
    atoms: Option<&AtomTable>,
) -> Ordering {
    let (sa, sb) = (a.boxed_subtag(), b.boxed_subtag());
    if sa != sb {
        // Local funs sort before external funs.
        return if sa == Some(SUB_FUN) {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let (pa, pb) = (
        a.payload().unwrap_or(Words::EMPTY),
        b.payload().unwrap_or(Words::EMPTY),
    );
    // Module (an atom) first, then the rest word by word; free variables compare as terms.
    let o = cmp_terms(pa.at(0), pb.at(0), exact, atoms);
    if o != Ordering::Equal {
        return o;
    }
    // FUN: [module, index, unique, free...]; EXPORT: [module, function, arity].
    let fixed = 3;
    for i in 1..fixed.min(pa.len()).min(pb.len()) {
        let o = if pa.at(i).is_atom() {
            cmp_terms(pa.at(i), pb.at(i), exact, atoms)
        } else {
            pa.at(i).raw().cmp(&pb.at(i).raw())
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    if pa.len() != pb.len() {
        return pa.len().cmp(&pb.len());
    }
    for i in (fixed..pa.len()).rev() {
        stack.push((pa.at(i), pb.at(i), exact));
    }
    Ordering::Equal
}

fn cmp_maps(
    a: Term,
    b: Term,
    stack: &mut Vec<(Term, Term, bool)>,
    exact: bool,
    atoms: Option<&AtomTable>,
) -> Ordering {
    let (na, nb) = (map::size(a), map::size(b));
    if na != nb {
        return na.cmp(&nb);
    }
    match atoms {
        None => {
            // Equality only: same keys (exactly) and equal values. Pair by pair in an order
            // fixed by the key set, so nested keys are compared on the work stack (a lookup
            // per key would compare keys on the Rust stack, recursing per level of maps in keys).
            if let (Some(pa), Some(pb)) = (map::canonical_pairs(a), map::canonical_pairs(b)) {
                for ((ka, va), (kb, vb)) in pa.into_iter().zip(pb).rev() {
                    stack.push((va, vb, exact));
                    stack.push((ka, kb, true));
                }
                return Ordering::Equal;
            }
            // Tries with hash collisions (rare; never nested deep in practice): by lookup.
            for (k, va) in map::raw_pairs(a) {
                match map::get(b, k) {
                    Some(vb) => stack.push((va, vb, exact)),
                    None => return Ordering::Less,
                }
            }
            Ordering::Equal
        }
        Some(tab) => {
            let pa = map::sorted_pairs(a, tab);
            let pb = map::sorted_pairs(b, tab);
            // Pushed in reverse: all keys are compared (exactly) before any value.
            for i in (0..pa.len()).rev() {
                stack.push((pa[i].1, pb[i].1, exact));
            }
            for i in (0..pa.len()).rev() {
                stack.push((pa[i].0, pb[i].0, true));
            }
            Ordering::Equal
        }
    }
}

fn cmp_bits(a: Term, b: Term) -> Ordering {
    // Fast path: whole bytes at byte offsets compare in place, without copying.
    if let (Some((sa, oa, la)), Some((sb, ob, lb))) = (binary::view(&a), binary::view(&b)) {
        if [oa, ob, la, lb].iter().all(|x| x.is_multiple_of(8)) {
            return sa[oa / 8..oa / 8 + la / 8].cmp(&sb[ob / 8..ob / 8 + lb / 8]);
        }
    }
    let (Some((ba, la)), Some((bb, lb))) = (binary::bytes(a), binary::bytes(b)) else {
        return Ordering::Equal;
    };
    let common = la.min(lb);
    let full = common / 8;
    let o = ba[..full].cmp(&bb[..full]);
    if o != Ordering::Equal {
        return o;
    }
    let rest = common % 8;
    if rest > 0 {
        let mask = 0xffu8 << (8 - rest);
        let o = (ba[full] & mask).cmp(&(bb[full] & mask));
        if o != Ordering::Equal {
            return o;
        }
    }
    la.cmp(&lb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Heap;

    #[test]
    fn type_order() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let f = h.float(1.5);
        let a = Term::atom(atoms.intern("a"));
        let t = h.tuple(&[Term::small(1)]);
        let m = map::new_map(&mut h);
        let l = h.list(&[Term::small(1)]);
        let bin = h.binary(b"x");
        let order = [Term::small(1), f, a, Term::pid(3), t, m, Term::NIL, l, bin];
        for w in order.windows(2) {
            assert_eq!(compare(w[0], w[1], &atoms), Ordering::Less, "{:?}", w);
            assert_eq!(compare(w[1], w[0], &atoms), Ordering::Greater);
        }
    }

    #[test]
    fn atoms_by_name() {
        let atoms = AtomTable::new();
        let z = Term::atom(atoms.intern("zzz"));
        let a = Term::atom(atoms.intern("aaa"));
        assert_eq!(compare(z, a, &atoms), Ordering::Greater);
        assert!(cmp_op(CmpOp::Lt, a, z, &atoms));
    }

    #[test]
    fn numbers() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let one_f = h.float(1.0);
        assert!(eq(Term::small(1), one_f));
        assert!(!exact_eq(Term::small(1), one_f));
        assert_eq!(compare_exact(Term::small(2), one_f, &atoms), Ordering::Less);
        // 2^53 + 1 vs the float 2^53: exact comparison sees the difference.
        let big = h.int((1 << 53) + 1);
        let f53 = h.float(9007199254740992.0);
        assert_eq!(compare(big, f53, &atoms), Ordering::Greater);
        let huge = h.bigint(&(BigInt::from(1) << 200));
        let fh = h.float(2f64.powi(200));
        assert!(eq(huge, fh));
        let fh2 = h.float(2f64.powi(200) + 2f64.powi(160));
        assert_eq!(compare(huge, fh2, &atoms), Ordering::Less);
        let half = h.float(-0.5);
        assert_eq!(compare(Term::small(-1), half, &atoms), Ordering::Less);
        assert_eq!(compare(Term::small(0), half, &atoms), Ordering::Greater);
    }

    #[test]
    fn long_lists_do_not_overflow() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let elems: Vec<Term> = (0..1_000_000).map(Term::small).collect();
        let a = h.list(&elems);
        let b = h.list(&elems);
        assert!(eq(a, b));
        let mut elems2 = elems.clone();
        elems2[999_999] = Term::small(5);
        let c = h.list(&elems2);
        assert_eq!(compare(c, a, &atoms), Ordering::Less);
        let mut nested = Term::NIL;
        for _ in 0..200_000 {
            nested = h.tuple(&[nested]);
        }
        let mut nested2 = Term::NIL;
        for _ in 0..200_000 {
            nested2 = h.tuple(&[nested2]);
        }
        assert!(exact_eq(nested, nested2));
    }

    /// Maps nested in keys: equality used to look each key up, comparing keys on the Rust
    /// stack (one level per map); this runs on a test thread's small stack.
    #[test]
    fn maps_nested_in_keys_do_not_overflow() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let build = |h: &mut Heap, last: i64| {
            let mut m = Term::small(0);
            for i in 0..300_000 {
                let v = if i == 299_999 { last } else { 1 };
                m = super::map::from_pairs(h, &[(m, Term::small(v))], &atoms);
            }
            m
        };
        let a = build(&mut h, 1);
        let b = build(&mut h, 1);
        let c = build(&mut h, 2);
        assert!(exact_eq(a, b));
        assert!(eq(a, b));
        assert!(!exact_eq(a, c));
        assert_eq!(compare(a, c, &atoms), Ordering::Less);
    }

    #[test]
    fn tuples_lists_binaries() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let t1 = h.tuple(&[Term::small(9)]);
        let t2 = h.tuple(&[Term::small(1), Term::small(1)]);
        assert_eq!(compare(t1, t2, &atoms), Ordering::Less);
        let l1 = h.list(&[Term::small(1), Term::small(2)]);
        let l2 = h.list(&[Term::small(1)]);
        assert_eq!(compare(l1, l2, &atoms), Ordering::Greater);
        let b1 = h.binary(b"ab");
        let b2 = h.binary(b"abc");
        let b3 = h.binary(b"b");
        assert_eq!(compare(b1, b2, &atoms), Ordering::Less);
        assert_eq!(compare(b3, b2, &atoms), Ordering::Greater);
        let b4 = h.binary(b"ab");
        assert!(exact_eq(b1, b4));
    }
}
