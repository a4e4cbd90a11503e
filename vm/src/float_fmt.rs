//! Float to text exactly as OTP 25's `float_to_list/1,2`: `[short]` (shortest round-trip
//! digits, OTP's choice between fixed and scientific layout), the default 20-digit scientific
//! form, `[{scientific, N}]`, `[{decimals, N}]` and `compact`. Owns only formatting; argument
//! checking is in `bif`.
//!
//! The `[short]` layout rule is the one in OTP's `erts/emulator/ryu/to_chars.h`: with `n`
//! shortest digits and decimal exponent `e` (value = digits × 10^e), fixed notation is used when
//! `lower <= e <= upper` where `(lower, upper)` is `(-4, 2)` for one digit, `(-(n+2), 2)` when the
//! scientific exponent is at least 10, and `(-(n+2), 1)` otherwise; integers of 2^53 and above
//! (and their ×10/×100 neighbours) print in scientific form. Checked against `erl` in
//! `vm/tests/data/floats.tsv`.

/// Shortest round-trip decimal digits of a finite non-negative `f` and the exponent `e` such
/// that the value is `digits × 10^e` (digits has no trailing zeros; `0.0` gives `("0", 0)`).
fn shortest_digits(f: f64) -> (String, i32) {
    if f == 0.0 {
        return ("0".to_string(), 0);
    }
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(f);
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let (int, frac) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let mut digits = format!("{int}{frac}");
    let mut e = exp - frac.len() as i32;
    let lead = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..lead);
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        e += 1;
    }
    (digits, e)
}

/// `float_to_list(F, [short])`.
pub fn short(f: f64) -> String {
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let (digits, e) = shortest_digits(f.abs());
    let n = digits.len() as i32;
    let sci_exp = e + n - 1;
    let (lower, upper) = if n == 1 {
        (-4, 2)
    } else if sci_exp >= 10 {
        (-(n + 2), 2)
    } else {
        (-(n + 2), 1)
    };
    let mut fixed = lower <= e && e <= upper;
    if fixed {
        let out_val: u64 = digits.parse().unwrap_or(0);
        if (out_val >= 1 << 53 && e == 0)
            || (out_val > (1 << 52) / 5 && e == 1)
            || (out_val > (1 << 51) / 25 && e == 2)
        {
            fixed = false;
        }
    }
    if fixed {
        let whole = n + e;
        if e >= 0 {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', e as usize));
            out.push_str(".0");
        } else if whole > 0 {
            out.push_str(&digits[..whole as usize]);
            out.push('.');
            out.push_str(&digits[whole as usize..]);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-whole) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if n > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        out.push('e');
        out.push_str(&sci_exp.to_string());
    }
    out
}

/// C's `%.{digits}e`: `d.ddde+XX` with at least two exponent digits. Used by
/// `float_to_list/1` (20 digits) and `[{scientific, N}]`.
pub fn scientific(f: f64, digits: usize) -> String {
    let s = format!("{:.*e}", digits, f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    format!("{mant}e{sign}{:02}", e.abs())
}

/// `float_to_list(F, [{decimals, N}])` (and `compact`): fixed notation with `decimals`
/// digits after the point, rounding the exact value half away from zero (as OTP). `None`
/// when OTP raises `badarg` (the text would not fit its 256-byte buffer).
pub fn decimals(f: f64, decimals: usize, compact: bool) -> Option<String> {
    let neg = f.is_sign_negative() && f != 0.0 || (f == 0.0 && f.is_sign_negative());
    let a = f.abs();
    if decimals <= 18 && a < (1u64 << 52) as f64 {
        // OTP's fast path (up to 18 decimals): split off the integer part, scale the fraction
        // in floating point (so its last digits are those of the rounded product, not of the
        // exact value), truncate, round up when the dropped part is at least one half, carry
        // into the integer part.
        let mut int_part = a.trunc() as u64;
        let pow = 10u64.pow(decimals as u32);
        let scaled = (a - a.trunc()) * pow as f64;
        let mut frac = scaled.trunc() as u64;
        if scaled - scaled.trunc() >= 0.5 {
            frac += 1;
        }
        if frac >= pow {
            frac -= pow;
            int_part += 1;
        }
        let mut digits = int_part.to_string();
        if decimals > 0 {
            digits.push('.');
            digits.push_str(&format!("{:0>width$}", frac, width = decimals));
        }
        return finish_fixed(digits, decimals, compact, neg);
    }
    // Exact decimal expansion, then round half away from zero.
    let exact = format!("{:.*}", decimals + 40, a);
    let (int_part, frac) = exact.split_once('.').unwrap_or((&exact, ""));
    let mut digits: Vec<u8> = int_part
        .bytes()
        .chain(frac.bytes().take(decimals))
        .collect();
    if frac.as_bytes().get(decimals).is_some_and(|&d| d >= b'5') {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let int_len = digits.len() - decimals;
    let mut s = String::from_utf8_lossy(&digits[..int_len]).into_owned();
    if decimals > 0 {
        s.push('.');
        s.push_str(&String::from_utf8_lossy(&digits[int_len..]));
    }
    finish_fixed(s, decimals, compact, neg)
}

/// Adds the sign and applies `compact`; `None` when the uncompacted text (sign included) does
/// not fit OTP's 256-byte buffer, which OTP checks before trimming zeros.
fn finish_fixed(mut s: String, decimals: usize, compact: bool, neg: bool) -> Option<String> {
    if neg {
        s.insert(0, '-');
    }
    if s.len() >= 256 {
        return None;
    }
    if compact && decimals > 0 {
        while s.ends_with('0') && !s.ends_with(".0") {
            s.pop();
        }
    }
    Some(s)
}

/// `float_to_list(F)`: 20 digits after the point in scientific form.
pub fn default(f: f64) -> String {
    scientific(f, 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the table generated by `vm/tests/data/gen_floats.sh` with real `erl`.
    #[test]
    fn matches_otp_table() {
        let table = include_str!("../tests/data/floats.tsv");
        let mut failures = Vec::new();
        for line in table.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let f = f64::from_bits(u64::from_str_radix(cols[0], 16).unwrap());
            let got = [
                short(f),
                default(f),
                decimals(f, 4, false).unwrap_or_else(|| "badarg".into()),
                scientific(f, 3),
                decimals(f, 6, true).unwrap_or_else(|| "badarg".into()),
            ];
            for (i, g) in got.iter().enumerate() {
                if g != cols[i + 1] {
                    failures.push(format!(
                        "{} col {}: got {g} want {}",
                        cols[0],
                        i + 1,
                        cols[i + 1]
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} mismatches:\n{}",
            failures.len(),
            failures[..failures.len().min(30)].join("\n")
        );
    }

    /// `float_to_list(F, [{decimals, D}])` for 16..=20 decimals, as printed by `erl` (OTP 25):
    /// up to 18 decimals the fraction is scaled in floating point, beyond that it is exact.
    #[test]
    fn many_decimals_match_otp() {
        let rows: &[(u64, usize, &str)] = &[
            (0x40A19DB02AC86B1E, 16, "2254.8440764075048719"),
            (0x40A19DB02AC86B1E, 17, "2254.84407640750487184"),
            (0x40A19DB02AC86B1E, 18, "2254.844076407504871936"),
            (0x40A19DB02AC86B1E, 19, "2254.8440764075048718951"),
            (0x40A19DB02AC86B1E, 20, "2254.84407640750487189507"),
            (0x3FD5555555555555, 16, "0.3333333333333333"),
            (0x3FD5555555555555, 17, "0.33333333333333332"),
            (0x3FD5555555555555, 18, "0.333333333333333312"),
            (0x3FD5555555555555, 19, "0.3333333333333333148"),
            (0x3FD5555555555555, 20, "0.33333333333333331483"),
            (0x3FD2492492492492, 16, "0.2857142857142857"),
            (0x3FD2492492492492, 17, "0.28571428571428568"),
            (0x3FD2492492492492, 18, "0.285714285714285696"),
            (0x3FD2492492492492, 19, "0.2857142857142856984"),
            (0x3FD2492492492492, 20, "0.28571428571428569843"),
            (0x40FE240C9FBE76C9, 16, "123456.7890000000043074"),
            (0x40FE240C9FBE76C9, 17, "123456.78900000000430736"),
            (0x40FE240C9FBE76C9, 18, "123456.789000000004307328"),
            (0x40FE240C9FBE76C9, 19, "123456.7890000000043073669"),
            (0x40FE240C9FBE76C9, 20, "123456.78900000000430736691"),
            (0x4202A05F2000FBE7, 16, "10000000000.1229991912841797"),
            (0x4202A05F2000FBE7, 17, "10000000000.12299919128417968"),
            (0x4202A05F2000FBE7, 18, "10000000000.122999191284179680"),
            (0x4202A05F2000FBE7, 19, "10000000000.1229991912841796875"),
            (0x4202A05F2000FBE7, 20, "10000000000.12299919128417968750"),
            (0x3FB999999999999A, 16, "0.1000000000000000"),
            (0x3FB999999999999A, 17, "0.10000000000000000"),
            (0x3FB999999999999A, 18, "0.100000000000000000"),
            (0x3FB999999999999A, 19, "0.1000000000000000056"),
            (0x3FB999999999999A, 20, "0.10000000000000000555"),
            (0x4023FD70A3D70A3D, 16, "9.9949999999999992"),
            (0x4023FD70A3D70A3D, 17, "9.99499999999999920"),
            (0x4023FD70A3D70A3D, 18, "9.994999999999999232"),
            (0x4023FD70A3D70A3D, 19, "9.9949999999999992184"),
            (0x4023FD70A3D70A3D, 20, "9.99499999999999921840"),
            (0x4061DB6DB6DB6DB7, 16, "142.8571428571428612"),
            (0x4061DB6DB6DB6DB7, 17, "142.85714285714286128"),
            (0x4061DB6DB6DB6DB7, 18, "142.857142857142861184"),
            (0x4061DB6DB6DB6DB7, 19, "142.8571428571428612031"),
            (0x4061DB6DB6DB6DB7, 20, "142.85714285714286120310"),
            (0x3FA70A3D70A3D70A, 16, "0.0450000000000000"),
            (0x3FA70A3D70A3D70A, 17, "0.04500000000000000"),
            (0x3FA70A3D70A3D70A, 18, "0.045000000000000000"),
            (0x3FA70A3D70A3D70A, 19, "0.0449999999999999983"),
            (0x3FA70A3D70A3D70A, 20, "0.04499999999999999833"),
        ];
        for &(bits, d, want) in rows {
            let got = decimals(f64::from_bits(bits), d, false);
            assert_eq!(got.as_deref(), Some(want), "{bits:#x} with {d} decimals");
        }
        // erl: float_to_list(-7.21512020e246, [{decimals, 10}, compact]) is badarg (the text
        // before compaction is 258 bytes), while 7.2e246 with 3 decimals fits.
        assert_eq!(decimals(-7.21512020e246, 10, true), None);
        assert!(decimals(7.2e246, 3, true).is_some());
    }
}
