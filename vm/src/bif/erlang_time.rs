//! Calendar conversions and the time offset of module `erlang`: `universaltime_to_posixtime/1`,
//! `posixtime_to_universaltime/1`, `universaltime_to_localtime/1`,
//! `localtime_to_universaltime/1,2` and `time_offset/0,1`. krarup's local time is UTC (it
//! reads no time zone; see spec.md), so the local/universal conversions only check the date
//! (and `{IsDst = true}` takes the hour DST adds off, as OTP does).

use super::{badarg, Reg};
use crate::native::{Exception, NativeCtx};
use crate::term::Term;

pub(super) fn register(r: &mut Reg<'_>) {
    let e = "erlang";
    r.add(e, "universaltime_to_posixtime", 1, |_, a| {
        let dt = datetime_arg(a[0])?;
        Ok(Term::small(posix_seconds(dt)))
    });
    r.add(e, "posixtime_to_universaltime", 1, |c, a| {
        let secs = a[0].as_small().ok_or_else(Exception::badarg)?;
        let (y, mo, d, h, mi, s) = super::erlang_misc::civil(secs as i128 * 1_000_000_000);
        Ok(datetime_term(c, (y, mo, d, h, mi, s)))
    });
    r.add(e, "universaltime_to_localtime", 1, |_, a| {
        datetime_arg(a[0])?;
        Ok(a[0])
    });
    r.add(e, "localtime_to_universaltime", 1, |_, a| {
        datetime_arg(a[0])?;
        Ok(a[0])
    });
    r.add(e, "localtime_to_universaltime", 2, |c, a| {
        let dt = datetime_arg(a[0])?;
        let dst = match a[1].as_atom().map(|x| c.shared.atoms.name(x)) {
            Some(n) if &*n == "true" => true,
            Some(n) if &*n == "false" || &*n == "undefined" => false,
            _ => return badarg(),
        };
        if !dst {
            return Ok(a[0]);
        }
        let secs = posix_seconds(dt) - 3600;
        let parts = super::erlang_misc::civil(secs as i128 * 1_000_000_000);
        Ok(datetime_term(c, parts))
    });
    r.add(e, "time_offset", 0, |c, _| {
        Ok(c.heap.int(offset_ns(c) as i64))
    });
    r.add(e, "time_offset", 1, |c, a| {
        let v = super::erlang_misc::in_unit(c, offset_ns(c), a[0])?;
        Ok(c.heap.int(v))
    });
}

/// OS system time minus Erlang monotonic time, in nanoseconds.
fn offset_ns(c: &NativeCtx<'_>) -> i128 {
    super::erlang_misc::now_ns() - c.shared.start.elapsed().as_nanos() as i128
}

type DateTime = (i64, i64, i64, i64, i64, i64);

/// `{{Y, Mo, D}, {H, Mi, S}}`, a valid date (year 1 on) and time of day, or `badarg`.
fn datetime_arg(t: Term) -> Result<DateTime, Exception> {
    let Some([date, time]) = t.as_tuple_n() else {
        return badarg();
    };
    let (Some([y, mo, d]), Some([h, mi, s])) = (date.as_tuple_n(), time.as_tuple_n()) else {
        return badarg();
    };
    let num = |t: Term| t.as_small().ok_or_else(Exception::badarg);
    let (y, mo, d, h, mi, s) = (num(y)?, num(mo)?, num(d)?, num(h)?, num(mi)?, num(s)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return badarg(),
    };
    let ok = (1..=i32::MAX as i64).contains(&y)
        && (1..=days).contains(&d)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..60).contains(&s);
    if ok {
        Ok((y, mo, d, h, mi, s))
    } else {
        badarg()
    }
}

/// Seconds since 1970-01-01 00:00 UTC (Howard Hinnant's days-from-civil).
fn posix_seconds((y, mo, d, h, mi, s): DateTime) -> i64 {
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + h * 3600 + mi * 60 + s
}

fn datetime_term(c: &mut NativeCtx<'_>, (y, mo, d, h, mi, s): DateTime) -> Term {
    let date = c
        .heap
        .tuple(&[Term::small(y), Term::small(mo), Term::small(d)]);
    let time = c
        .heap
        .tuple(&[Term::small(h), Term::small(mi), Term::small(s)]);
    c.heap.tuple(&[date, time])
}

#[cfg(test)]
mod tests {
    use super::posix_seconds;

    #[test]
    fn posix_seconds_inverts_civil() {
        for secs in [
            -62_135_596_800i64,
            -1,
            0,
            951_782_400,
            1_709_251_199,
            1 << 40,
        ] {
            let dt = crate::bif::erlang_misc::civil(secs as i128 * 1_000_000_000);
            assert_eq!(posix_seconds(dt), secs, "{dt:?}");
        }
    }
}
