//! `erlang` operators as functions (`erlang:'+'/2`, `erlang:'=:='/2`, `not/1` ...), type tests,
//! tuple access and number BIFs (`abs`, `round`, `min` ...). Errors follow OTP: `badarith` for
//! arithmetic operators, `badarg` for the rest.

use super::{badarg, usize_arg, Reg};
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::arith::{self, to_bigint};
use crate::ops::binary;
use crate::ops::compare;
use crate::term::Term;
use krarup_bytecode::opcode::{ArithOp, CmpOp, UnaryOp};
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::cmp::Ordering;

pub(super) fn register(r: &mut Reg<'_>) {
    let e = "erlang";
    r.add(e, "+", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Add, a[0], a[1])
    });
    r.add(e, "-", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Sub, a[0], a[1])
    });
    r.add(e, "*", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Mul, a[0], a[1])
    });
    r.add(e, "/", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Div, a[0], a[1])
    });
    r.add(e, "div", 2, |c, a| {
        arith::arith(c.heap, ArithOp::IntDiv, a[0], a[1])
    });
    r.add(e, "rem", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Rem, a[0], a[1])
    });
    r.add(e, "band", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Band, a[0], a[1])
    });
    r.add(e, "bor", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Bor, a[0], a[1])
    });
    r.add(e, "bxor", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Bxor, a[0], a[1])
    });
    r.add(e, "bsl", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Bsl, a[0], a[1])
    });
    r.add(e, "bsr", 2, |c, a| {
        arith::arith(c.heap, ArithOp::Bsr, a[0], a[1])
    });
    r.add(e, "-", 1, |c, a| arith::unary(c.heap, UnaryOp::Neg, a[0]));
    r.add(e, "+", 1, |c, a| arith::unary(c.heap, UnaryOp::Plus, a[0]));
    r.add(e, "bnot", 1, |c, a| {
        arith::unary(c.heap, UnaryOp::Bnot, a[0])
    });

    r.add(e, "==", 2, |c, a| cmp(c, CmpOp::Eq, a[0], a[1]));
    r.add(e, "/=", 2, |c, a| cmp(c, CmpOp::Ne, a[0], a[1]));
    r.add(e, "=:=", 2, |c, a| cmp(c, CmpOp::EqExact, a[0], a[1]));
    r.add(e, "=/=", 2, |c, a| cmp(c, CmpOp::NeExact, a[0], a[1]));
    r.add(e, "<", 2, |c, a| cmp(c, CmpOp::Lt, a[0], a[1]));
    r.add(e, ">=", 2, |c, a| cmp(c, CmpOp::Ge, a[0], a[1]));
    r.add(e, ">", 2, |c, a| cmp(c, CmpOp::Lt, a[1], a[0]));
    r.add(e, "=<", 2, |c, a| cmp(c, CmpOp::Ge, a[1], a[0]));

    r.add(e, "not", 1, |_, a| Ok(Term::bool(!bool_arg(a[0])?)));
    r.add(e, "and", 2, |_, a| {
        let (x, y) = (bool_arg(a[0])?, bool_arg(a[1])?);
        Ok(Term::bool(x && y))
    });
    r.add(e, "or", 2, |_, a| {
        let (x, y) = (bool_arg(a[0])?, bool_arg(a[1])?);
        Ok(Term::bool(x || y))
    });
    r.add(e, "xor", 2, |_, a| {
        let (x, y) = (bool_arg(a[0])?, bool_arg(a[1])?);
        Ok(Term::bool(x ^ y))
    });

    r.add(e, "is_atom", 1, |_, a| Ok(Term::bool(a[0].is_atom())));
    r.add(e, "is_binary", 1, |_, a| {
        Ok(Term::bool(
            binary::bit_size(a[0]).is_some_and(|b| b % 8 == 0),
        ))
    });
    r.add(e, "is_bitstring", 1, |_, a| {
        Ok(Term::bool(a[0].is_bitstring()))
    });
    r.add(e, "is_boolean", 1, |_, a| {
        Ok(Term::bool(bool_arg(a[0]).is_ok()))
    });
    r.add(e, "is_float", 1, |_, a| Ok(Term::bool(a[0].is_float())));
    r.add(e, "is_function", 1, |_, a| Ok(Term::bool(a[0].is_fun())));
    // `fun M:F/A` with variables compiles to this call, as with erlc.
    r.add(e, "make_fun", 3, |c, a| {
        let arity = a[2].as_small().filter(|n| (0..=255).contains(n));
        match (a[0].as_atom(), a[1].as_atom(), arity) {
            (Some(_), Some(_), Some(n)) => Ok(c.heap.export_fun(a[0], a[1], n as u8)),
            _ => badarg(),
        }
    });
    r.add(e, "is_integer", 1, |_, a| Ok(Term::bool(a[0].is_integer())));
    r.add(e, "is_list", 1, |_, a| Ok(Term::bool(a[0].is_list())));
    r.add(e, "is_map", 1, |_, a| Ok(Term::bool(a[0].is_map())));
    r.add(e, "is_number", 1, |_, a| Ok(Term::bool(a[0].is_number())));
    r.add(e, "is_pid", 1, |_, a| Ok(Term::bool(a[0].is_pid())));
    r.add(e, "is_port", 1, |_, _| Ok(Term::bool(false)));
    r.add(e, "is_reference", 1, |_, a| {
        Ok(Term::bool(a[0].is_reference()))
    });
    r.add(e, "is_tuple", 1, |_, a| Ok(Term::bool(a[0].is_tuple())));
    r.add(e, "is_record", 2, |_, a| {
        let t = a[0].as_tuple();
        if !a[1].is_atom() {
            return badarg();
        }
        Ok(Term::bool(
            t.is_some_and(|t| !t.is_empty() && t.at(0) == a[1]),
        ))
    });
    r.add(e, "is_record", 3, |_, a| {
        let n = usize_arg(a[2])?;
        if !a[1].is_atom() {
            return badarg();
        }
        let t = a[0].as_tuple();
        Ok(Term::bool(
            t.is_some_and(|t| t.len() == n && n > 0 && t.at(0) == a[1]),
        ))
    });

    r.add(e, "element", 2, element);
    r.add(e, "setelement", 3, setelement);
    r.add(e, "tuple_size", 1, |_, a| match a[0].as_tuple() {
        Some(t) => Ok(Term::small(t.len() as i64)),
        None => badarg(),
    });
    r.add(e, "size", 1, |_, a| {
        if let Some(t) = a[0].as_tuple() {
            return Ok(Term::small(t.len() as i64));
        }
        match binary::bit_size(a[0]) {
            Some(b) => Ok(Term::small((b / 8) as i64)),
            None => badarg(),
        }
    });
    r.add(e, "byte_size", 1, |_, a| match binary::bit_size(a[0]) {
        Some(b) => Ok(Term::small(b.div_ceil(8) as i64)),
        None => badarg(),
    });
    r.add(e, "bit_size", 1, |_, a| match binary::bit_size(a[0]) {
        Some(b) => Ok(Term::small(b as i64)),
        None => badarg(),
    });

    r.add(e, "abs", 1, abs);
    r.add(e, "float", 1, |c, a| {
        if a[0].is_float() {
            return Ok(a[0]);
        }
        match to_bigint(a[0]) {
            Some(n) => Ok(c
                .heap
                .float(arith::big_to_f64(&n).map_err(|_| Exception::badarg())?)),
            None => badarg(),
        }
    });
    r.add(e, "trunc", 1, |c, a| float_to_int(c, a[0], f64::trunc));
    r.add(e, "round", 1, |c, a| float_to_int(c, a[0], f64::round));
    r.add(e, "ceil", 1, |c, a| float_to_int(c, a[0], f64::ceil));
    r.add(e, "floor", 1, |c, a| float_to_int(c, a[0], f64::floor));
    r.add(e, "max", 2, |c, a| {
        let o = compare::compare(a[0], a[1], &c.shared.atoms);
        Ok(if o == Ordering::Less { a[1] } else { a[0] })
    });
    r.add(e, "min", 2, |c, a| {
        let o = compare::compare(a[0], a[1], &c.shared.atoms);
        Ok(if o == Ordering::Greater { a[1] } else { a[0] })
    });
}

fn cmp(c: &mut NativeCtx<'_>, op: CmpOp, a: Term, b: Term) -> NativeResult {
    Ok(Term::bool(compare::cmp_op(op, a, b, &c.shared.atoms)))
}

/// `true`/`false` as a bool, else `badarg`.
pub(crate) fn bool_arg(t: Term) -> Result<bool, Exception> {
    if t == Term::bool(true) {
        Ok(true)
    } else if t == Term::bool(false) {
        Ok(false)
    } else {
        badarg()
    }
}

fn element(_: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let (Some(i), Some(t)) = (a[0].as_small(), a[1].as_tuple()) else {
        return badarg();
    };
    if i < 1 || i as usize > t.len() {
        return badarg();
    }
    Ok(t.at(i as usize - 1))
}

fn setelement(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let (Some(i), Some(t)) = (a[0].as_small(), a[1].as_tuple()) else {
        return badarg();
    };
    if i < 1 || i as usize > t.len() {
        return badarg();
    }
    let mut v = t.to_vec();
    v[i as usize - 1] = a[2];
    Ok(c.heap.tuple(&v))
}

fn abs(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    if let Some(f) = a[0].as_float() {
        // As OTP: `abs(-0.0)` stays `-0.0` (only negative values are negated).
        return Ok(c.heap.float(if f < 0.0 { -f } else { f }));
    }
    match to_bigint(a[0]) {
        Some(n) => Ok(c.heap.bigint(&num_traits::Signed::abs(&n))),
        None => badarg(),
    }
}

fn float_to_int(c: &mut NativeCtx<'_>, t: Term, f: fn(f64) -> f64) -> NativeResult {
    if t.is_integer() {
        return Ok(t);
    }
    match t.as_float() {
        Some(x) => {
            let r = f(x);
            if let Some(s) = Term::try_small(r as i64).filter(|_| r.abs() < 1e18) {
                return Ok(s);
            }
            match BigInt::from_f64(r) {
                Some(n) => Ok(c.heap.bigint(&n)),
                None => badarg(),
            }
        }
        None => badarg(),
    }
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn operators_and_tests() {
        let mut env = Env::new();
        let r = env
            .call("erlang", "+", &[Term::small(1), Term::small(2)])
            .unwrap();
        assert_eq!(r, Term::small(3));
        let e = env
            .call("erlang", "+", &[Term::NIL, Term::small(2)])
            .unwrap_err();
        assert_eq!(env.show(e), "badarith");
        let f = env.heap.float(1.0);
        let r = env.call("erlang", "==", &[Term::small(1), f]).unwrap();
        assert_eq!(env.show(r), "true");
        let r = env.call("erlang", "=:=", &[Term::small(1), f]).unwrap();
        assert_eq!(env.show(r), "false");
        let (a, b) = (env.atom("a"), env.atom("b"));
        let r = env.call("erlang", ">", &[b, a]).unwrap();
        assert_eq!(env.show(r), "true");
        let e = env.call("erlang", "not", &[Term::small(1)]).unwrap_err();
        assert_eq!(env.show(e), "badarg");
        let r = env.call("erlang", "max", &[Term::small(1), f]).unwrap();
        assert_eq!(r, Term::small(1));
        let r = env.call("erlang", "min", &[f, Term::small(1)]).unwrap();
        assert_eq!(env.show(r), "1.0");
    }

    #[test]
    fn tuples_and_numbers() {
        let mut env = Env::new();
        let a = env.atom("a");
        let t = env.heap.tuple(&[a]);
        let e = env
            .call("erlang", "element", &[Term::small(5), t])
            .unwrap_err();
        assert_eq!(env.show(e), "badarg");
        assert_eq!(
            env.call("erlang", "element", &[Term::small(1), t]).unwrap(),
            a
        );
        let t2 = env
            .call("erlang", "setelement", &[Term::small(1), t, Term::NIL])
            .unwrap();
        assert_eq!(env.show(t2), "{[]}");
        let f = env.heap.float(-2.5);
        let r = env.call("erlang", "round", &[f]).unwrap();
        assert_eq!(r, Term::small(-3));
        let r = env.call("erlang", "trunc", &[f]).unwrap();
        assert_eq!(r, Term::small(-2));
        let big = env.heap.float(1e20);
        let r = env.call("erlang", "trunc", &[big]).unwrap();
        assert_eq!(env.show(r), "100000000000000000000");
        let r = env.call("erlang", "abs", &[f]).unwrap();
        assert_eq!(env.show(r), "2.5");
        let bin = env.heap.bitstring(&[1, 2], 12);
        let r = env.call("erlang", "byte_size", &[bin]).unwrap();
        assert_eq!(r, Term::small(2));
        let r = env.call("erlang", "is_binary", &[bin]).unwrap();
        assert_eq!(env.show(r), "false");
    }
}
