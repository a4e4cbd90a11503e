//! The C library's math functions that Rust's `f64` lacks: `erf` and `erfc`. OTP's
//! `math:erf/1` and `erfc/1` call these same C99 functions, so krarup prints the same digits (a
//! separate implementation, such as the `libm` crate's, differs in the last digit for about one
//! argument in twenty).

mod c {
    extern "C" {
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
    }
}

/// The error function, as the platform's C library computes it.
pub fn erf(x: f64) -> f64 {
    // SAFETY: C99 `erf` is a pure function defined for every double (NaN and infinities too).
    unsafe { c::erf(x) }
}

/// The complementary error function `1 - erf(x)`, as the platform's C library computes it.
pub fn erfc(x: f64) -> f64 {
    // SAFETY: C99 `erfc` is a pure function defined for every double (NaN and infinities too).
    unsafe { c::erfc(x) }
}
