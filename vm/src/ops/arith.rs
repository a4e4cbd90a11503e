//! Erlang arithmetic (`+ - * / div rem band bor bxor bsl bsr`, unary `- + bnot`) on terms, with
//! OTP semantics: small-integer fast paths, bignum overflow, finite floats only (`badarith`
//! otherwise). Does not own comparison (`compare`).

use crate::heap::Heap;
use crate::native::Exception;
use crate::term::{Term, SUB_NEG_BIG, SUB_POS_BIG};
use krarup_bytecode::opcode::{ArithOp, UnaryOp};
use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

/// Largest integer, in bits, before `system_limit` (OTP 25 refuses `1 bsl 33554431` but
/// accepts `1 bsl 16777280`; this bound lies between).
pub const MAX_INT_BITS: u64 = (1 << 25) - 64;

/// The integer `n` as a term, or `system_limit` if it is too large.
fn int_result(heap: &mut Heap, n: BigInt) -> Result<Term, Exception> {
    if n.bits() > MAX_INT_BITS {
        return Err(Exception::system_limit());
    }
    Ok(heap.bigint(&n))
}

/// A numeric view of a term.
#[derive(Clone, Debug)]
pub enum Num {
    Small(i64),
    Big(BigInt),
    Float(f64),
}

/// The value of an integer term (small or bignum), or `None`.
pub fn to_bigint(t: Term) -> Option<BigInt> {
    if let Some(n) = t.as_small() {
        return Some(BigInt::from(n));
    }
    let h = t.header()?;
    let sign = match h.subtag() {
        SUB_POS_BIG => Sign::Plus,
        SUB_NEG_BIG => Sign::Minus,
        _ => return None,
    };
    let limbs: Vec<u32> = t
        .payload()?
        .iter()
        .flat_map(|w| [w.raw() as u32, (w.raw() >> 32) as u32])
        .collect();
    Some(BigInt::from_slice(sign, &limbs))
}

/// The numeric value of `t`, or `None` if it is not a number.
pub fn to_num(t: Term) -> Option<Num> {
    if let Some(n) = t.as_small() {
        Some(Num::Small(n))
    } else if let Some(f) = t.as_float() {
        Some(Num::Float(f))
    } else {
        to_bigint(t).map(Num::Big)
    }
}

/// An integer as `f64`, or `badarith` if it is too large to be a finite float.
pub fn big_to_f64(n: &BigInt) -> Result<f64, Exception> {
    match n.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(Exception::badarith()),
    }
}

fn num_to_f64(n: &Num) -> Result<f64, Exception> {
    match n {
        Num::Small(i) => Ok(*i as f64),
        Num::Big(b) => big_to_f64(b),
        Num::Float(f) => Ok(*f),
    }
}

fn float_result(heap: &mut Heap, f: f64) -> Result<Term, Exception> {
    if f.is_finite() {
        Ok(heap.float(f))
    } else {
        Err(Exception::badarith())
    }
}

fn int_of(n: Num) -> Result<BigInt, Exception> {
    match n {
        Num::Small(i) => Ok(BigInt::from(i)),
        Num::Big(b) => Ok(b),
        Num::Float(_) => Err(Exception::badarith()),
    }
}

/// `a op b` with Erlang semantics. Errors: `badarith` for non-numbers, floats given to integer
/// operators, division by zero and non-finite float results; `system_limit` for a `bsl` whose
/// result would be unrepresentably large.
pub fn arith(heap: &mut Heap, op: ArithOp, a: Term, b: Term) -> Result<Term, Exception> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if let Some(t) = small_fast(op, x, y) {
            return Ok(t);
        }
    }
    let x = to_num(a).ok_or_else(Exception::badarith)?;
    let y = to_num(b).ok_or_else(Exception::badarith)?;
    match op {
        ArithOp::Add | ArithOp::Sub | ArithOp::Mul => {
            if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) {
                let (fx, fy) = (num_to_f64(&x)?, num_to_f64(&y)?);
                let r = match op {
                    ArithOp::Add => fx + fy,
                    ArithOp::Sub => fx - fy,
                    _ => fx * fy,
                };
                return float_result(heap, r);
            }
            let (bx, by) = (int_of(x)?, int_of(y)?);
            if op == ArithOp::Mul && bx.bits() + by.bits() > MAX_INT_BITS + 1 {
                return Err(Exception::system_limit());
            }
            let r = match op {
                ArithOp::Add => bx + by,
                ArithOp::Sub => bx - by,
                _ => bx * by,
            };
            int_result(heap, r)
        }
        ArithOp::Div => {
            let (fx, fy) = (num_to_f64(&x)?, num_to_f64(&y)?);
            if fy == 0.0 {
                return Err(Exception::badarith());
            }
            float_result(heap, fx / fy)
        }
        ArithOp::IntDiv | ArithOp::Rem => {
            let (bx, by) = (int_of(x)?, int_of(y)?);
            if by.is_zero() {
                return Err(Exception::badarith());
            }
            // Truncating division; the remainder takes the dividend's sign.
            let r = if op == ArithOp::IntDiv {
                &bx / &by
            } else {
                &bx % &by
            };
            Ok(heap.bigint(&r))
        }
        ArithOp::Band | ArithOp::Bor | ArithOp::Bxor => {
            let (bx, by) = (int_of(x)?, int_of(y)?);
            let r = match op {
                ArithOp::Band => bx & by,
                ArithOp::Bor => bx | by,
                _ => bx ^ by,
            };
            Ok(heap.bigint(&r))
        }
        ArithOp::Bsl | ArithOp::Bsr => {
            let bx = int_of(x)?;
            let by = int_of(y)?;
            let left = if op == ArithOp::Bsl { by } else { -by };
            shift(heap, bx, left)
        }
    }
}

/// `n` shifted left by `left` bits (right when negative), arithmetic.
fn shift(heap: &mut Heap, n: BigInt, left: BigInt) -> Result<Term, Exception> {
    if n.is_zero() {
        return Ok(Term::small(0));
    }
    if left.sign() == Sign::Minus {
        let right = (-left).to_u64().unwrap_or(u64::MAX);
        let bits = n.bits();
        if right >= bits {
            return Ok(Term::small(if n.sign() == Sign::Minus { -1 } else { 0 }));
        }
        // `>>` on a negative BigInt rounds toward negative infinity, as Erlang's bsr.
        return Ok(heap.bigint(&(n >> right)));
    }
    match left.to_u64() {
        Some(l) if l + n.bits() <= MAX_INT_BITS => Ok(heap.bigint(&(n << l))),
        _ => Err(Exception::system_limit()),
    }
}

fn small_fast(op: ArithOp, x: i64, y: i64) -> Option<Term> {
    let r = match op {
        ArithOp::Add => x.checked_add(y)?,
        ArithOp::Sub => x.checked_sub(y)?,
        ArithOp::Mul => x.checked_mul(y)?,
        ArithOp::IntDiv if y != 0 => x.checked_div(y)?,
        ArithOp::Rem if y != 0 => x.checked_rem(y)?,
        ArithOp::Band => x & y,
        ArithOp::Bor => x | y,
        ArithOp::Bxor => x ^ y,
        ArithOp::Bsr if (0..64).contains(&y) => x >> y,
        ArithOp::Bsl if (0..62).contains(&y) => {
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            r
        }
        _ => return None,
    };
    Term::try_small(r)
}

/// `op a`. `-` and `+` need a number, `bnot` an integer (`badarith` otherwise).
pub fn unary(heap: &mut Heap, op: UnaryOp, a: Term) -> Result<Term, Exception> {
    let x = to_num(a).ok_or_else(Exception::badarith)?;
    match op {
        UnaryOp::Plus => Ok(a),
        UnaryOp::Neg => match x {
            Num::Small(i) => Ok(heap.int(-i)),
            Num::Big(b) => Ok(heap.bigint(&-b)),
            Num::Float(f) => Ok(heap.float(-f)),
        },
        UnaryOp::Bnot => {
            let b = int_of(x)?;
            Ok(heap.bigint(&!b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(heap: &mut Heap, s: &str) -> Term {
        heap.bigint(&s.parse::<BigInt>().unwrap())
    }

    fn val(t: Term) -> String {
        match to_num(t).unwrap() {
            Num::Small(i) => i.to_string(),
            Num::Big(b) => b.to_string(),
            Num::Float(f) => format!("{f:?}"),
        }
    }

    fn run(op: ArithOp, a: Term, b: Term) -> Result<String, Term> {
        let mut h = Heap::new();
        arith(&mut h, op, a, b).map(val).map_err(|e| e.reason)
    }

    #[test]
    fn small_and_overflow() {
        assert_eq!(
            run(ArithOp::Add, Term::small(1), Term::small(2)).unwrap(),
            "3"
        );
        let m = Term::small(crate::term::SMALL_MAX);
        assert_eq!(
            run(ArithOp::Add, m, Term::small(1)).unwrap(),
            "1152921504606846976"
        );
        assert_eq!(
            run(ArithOp::Mul, m, m).unwrap(),
            "1329227995784915870597964051066650625"
        );
        let mut h = Heap::new();
        let b = big(&mut h, "100000000000000000000");
        let r = arith(&mut h, ArithOp::Sub, b, b).unwrap();
        assert_eq!(r, Term::small(0));
    }

    #[test]
    fn division_rules() {
        assert_eq!(
            run(ArithOp::Div, Term::small(7), Term::small(2)).unwrap(),
            "3.5"
        );
        assert_eq!(
            run(ArithOp::IntDiv, Term::small(-7), Term::small(2)).unwrap(),
            "-3"
        );
        assert_eq!(
            run(ArithOp::Rem, Term::small(-7), Term::small(2)).unwrap(),
            "-1"
        );
        let badarith = Term::atom(crate::atom::BADARITH);
        assert_eq!(
            run(ArithOp::IntDiv, Term::small(1), Term::small(0)),
            Err(badarith)
        );
        assert_eq!(
            run(ArithOp::Div, Term::small(1), Term::small(0)),
            Err(badarith)
        );
        let mut h = Heap::new();
        let f = h.float(1.5);
        assert!(arith(&mut h, ArithOp::Rem, f, Term::small(1)).is_err());
        assert!(arith(&mut h, ArithOp::Add, Term::NIL, Term::small(1)).is_err());
    }

    #[test]
    fn floats_and_mixed() {
        let mut h = Heap::new();
        let f = h.float(0.5);
        assert_eq!(
            val(arith(&mut h, ArithOp::Add, Term::small(1), f).unwrap()),
            "1.5"
        );
        let huge = h.float(1e308);
        assert!(arith(&mut h, ArithOp::Mul, huge, huge).is_err());
        let b = big(&mut h, "1000000000000000000000");
        assert_eq!(val(arith(&mut h, ArithOp::Mul, b, f).unwrap()), "5e20");
    }

    #[test]
    fn bitwise() {
        assert_eq!(
            run(ArithOp::Bsl, Term::small(1), Term::small(100)).unwrap(),
            "1267650600228229401496703205376"
        );
        assert_eq!(
            run(ArithOp::Bsr, Term::small(-5), Term::small(1)).unwrap(),
            "-3"
        );
        assert_eq!(
            run(ArithOp::Bsl, Term::small(5), Term::small(-1)).unwrap(),
            "2"
        );
        assert_eq!(
            run(ArithOp::Bsr, Term::small(-1), Term::small(1000)).unwrap(),
            "-1"
        );
        assert_eq!(
            run(ArithOp::Band, Term::small(-1), Term::small(12)).unwrap(),
            "12"
        );
        assert_eq!(
            run(ArithOp::Bxor, Term::small(5), Term::small(3)).unwrap(),
            "6"
        );
        let mut h = Heap::new();
        let big_shift = big(&mut h, "100000000000000");
        assert_eq!(
            arith(&mut h, ArithOp::Bsl, Term::small(1), big_shift)
                .unwrap_err()
                .reason,
            Term::atom(crate::atom::SYSTEM_LIMIT)
        );
        let b = big(&mut h, "-1267650600228229401496703205376");
        assert_eq!(
            val(arith(&mut h, ArithOp::Bsr, b, Term::small(99)).unwrap()),
            "-2"
        );
        assert_eq!(
            val(unary(&mut h, UnaryOp::Bnot, Term::small(5)).unwrap()),
            "-6"
        );
        assert_eq!(
            val(unary(&mut h, UnaryOp::Neg, Term::small(crate::term::SMALL_MIN)).unwrap()),
            "1152921504606846976"
        );
    }
}
