//! The `math` module: `pi/0` and the C library functions on floats. Arguments must be numbers
//! (`badarg` otherwise); a result that is not a finite float (a domain error) raises `badarith`,
//! as OTP.

use super::Reg;
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::arith::{big_to_f64, to_bigint};
use crate::term::Term;

pub(super) fn register(r: &mut Reg<'_>) {
    let m = "math";
    r.add(m, "pi", 0, |c, _| Ok(c.heap.float(std::f64::consts::PI)));
    r.add(m, "e", 0, |c, _| Ok(c.heap.float(std::f64::consts::E)));
    r.add(m, "sqrt", 1, |c, a| f1(c, a, f64::sqrt));
    r.add(m, "sin", 1, |c, a| f1(c, a, f64::sin));
    r.add(m, "cos", 1, |c, a| f1(c, a, f64::cos));
    r.add(m, "tan", 1, |c, a| f1(c, a, f64::tan));
    r.add(m, "asin", 1, |c, a| f1(c, a, f64::asin));
    r.add(m, "acos", 1, |c, a| f1(c, a, f64::acos));
    r.add(m, "atan", 1, |c, a| f1(c, a, f64::atan));
    r.add(m, "sinh", 1, |c, a| f1(c, a, f64::sinh));
    r.add(m, "cosh", 1, |c, a| f1(c, a, f64::cosh));
    r.add(m, "tanh", 1, |c, a| f1(c, a, f64::tanh));
    r.add(m, "asinh", 1, |c, a| f1(c, a, f64::asinh));
    r.add(m, "acosh", 1, |c, a| f1(c, a, f64::acosh));
    r.add(m, "atanh", 1, |c, a| f1(c, a, f64::atanh));
    r.add(m, "exp", 1, |c, a| f1(c, a, f64::exp));
    r.add(m, "log", 1, |c, a| f1(c, a, f64::ln));
    r.add(m, "log2", 1, |c, a| f1(c, a, f64::log2));
    r.add(m, "log10", 1, |c, a| f1(c, a, f64::log10));
    r.add(m, "floor", 1, |c, a| f1(c, a, f64::floor));
    r.add(m, "ceil", 1, |c, a| f1(c, a, f64::ceil));
    r.add(m, "erf", 1, |c, a| f1(c, a, crate::cmath::erf));
    r.add(m, "erfc", 1, |c, a| f1(c, a, crate::cmath::erfc));
    r.add(m, "pow", 2, |c, a| f2(c, a, f64::powf));
    r.add(m, "atan2", 2, |c, a| f2(c, a, f64::atan2));
    r.add(m, "fmod", 2, |c, a| f2(c, a, |x, y| x % y));
}

/// A number argument as `f64`; `badarg` for non-numbers.
fn num(t: Term) -> Result<f64, Exception> {
    if let Some(f) = t.as_float() {
        return Ok(f);
    }
    let n = to_bigint(t).ok_or_else(Exception::badarg)?;
    big_to_f64(&n).map_err(|_| Exception::badarg())
}

fn finish(c: &mut NativeCtx<'_>, r: f64) -> NativeResult {
    if r.is_finite() {
        Ok(c.heap.float(r))
    } else {
        Err(Exception::badarith())
    }
}

fn f1(c: &mut NativeCtx<'_>, a: &[Term], f: fn(f64) -> f64) -> NativeResult {
    let x = num(a[0])?;
    finish(c, f(x))
}

fn f2(c: &mut NativeCtx<'_>, a: &[Term], f: fn(f64, f64) -> f64) -> NativeResult {
    let (x, y) = (num(a[0])?, num(a[1])?);
    finish(c, f(x, y))
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn math_functions() {
        let mut env = Env::new();
        let r = env
            .call("math", "pow", &[Term::small(2), Term::small(10)])
            .unwrap();
        assert_eq!(env.show(r), "1024.0");
        let e = env.call("math", "sqrt", &[Term::small(-1)]).unwrap_err();
        assert_eq!(env.show(e), "badarith");
        let a = env.atom("a");
        let e = env.call("math", "sin", &[a]).unwrap_err();
        assert_eq!(env.show(e), "badarg");
        let r = env
            .call("math", "fmod", &[Term::small(-7), Term::small(2)])
            .unwrap();
        assert_eq!(env.show(r), "-1.0");
        let r = env.call("math", "exp", &[Term::small(1)]).unwrap();
        assert_eq!(env.show(r), "2.718281828459045");
    }
}
