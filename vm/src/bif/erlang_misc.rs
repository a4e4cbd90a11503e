//! Miscellaneous `erlang` BIFs: exceptions (`throw/1`, `error/1,2`, `exit/1`), the process
//! dictionary, `self/0`, `node/0`, `make_ref/0`, time and unique integers, `phash2/1,2`,
//! `erlang:display/1` and `os:getpid/0`.

use super::{badarg, Reg};
use crate::atom;
use crate::native::{Exception, NativeCtx};
use crate::ops::compare::exact_eq;
use crate::term::Term;
use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

pub(super) fn register(r: &mut Reg<'_>) {
    let e = "erlang";
    r.add(e, "throw", 1, |_, a| Err(Exception::throw(a[0])));
    r.add(e, "bump_reductions", 1, |c, a| match a[0].as_small() {
        Some(n) if n >= 0 => {
            c.charge(n as usize);
            Ok(Term::bool(true))
        }
        _ => super::badarg(),
    });
    r.add(e, "error", 1, |_, a| Err(Exception::error(a[0])));
    r.add(e, "error", 2, |_, a| {
        let mut ex = Exception::error(a[0]);
        ex.args = Some(a[1]);
        Err(ex)
    });
    r.add(e, "error", 3, |_, a| {
        let mut ex = Exception::error(a[0]);
        ex.args = Some(a[1]);
        Err(ex)
    });
    r.add(e, "exit", 1, |_, a| Err(Exception::exit(a[0])));

    r.add(e, "self", 0, |c, _| Ok(c.self_pid));
    r.add(e, "node", 0, |c, _| Ok(c.atom("nonode@nohost")));
    // The VM's side of logger's primary level (stdlib/erl/logger.erl calls it): whether the
    // runtime's own "Error in process" reports are printed (`none` silences them).
    r.add("krarup_logger", "set_primary_config", 2, |c, a| {
        let (Some(key), Some(level)) = (a[0].as_atom(), a[1].as_atom()) else {
            return Err(Exception::badarg());
        };
        if &*c.shared.atoms.name(key) != "level" {
            return Err(Exception::badarg());
        }
        let on = &*c.shared.atoms.name(level) != "none";
        c.shared
            .log_errors
            .store(on, std::sync::atomic::Ordering::Relaxed);
        Ok(c.atom("ok"))
    });
    // logger's levels as one word (`Shared::logger_levels`): `krarup_logger:levels()` returns
    // `{Primary, Handler}` (`{notice, all}` until set); `set_levels(Primary, Handler)` is called
    // by logger's config process, which serialises the changes.
    r.add("krarup_logger", "levels", 0, |c, _| {
        let packed = c
            .shared
            .logger_levels
            .load(std::sync::atomic::Ordering::Relaxed);
        if packed == 0 {
            let (p, h) = (c.atom("notice"), c.atom("all"));
            return Ok(c.heap.tuple(&[p, h]));
        }
        let level = |i: u64| Term::atom(crate::term::Atom((i as u32).wrapping_sub(1)));
        Ok(c.heap
            .tuple(&[level(packed >> 32), level(packed & 0xffff_ffff)]))
    });
    r.add("krarup_logger", "set_levels", 2, |c, a| {
        let (Some(p), Some(h)) = (a[0].as_atom(), a[1].as_atom()) else {
            return Err(Exception::badarg());
        };
        let packed = (u64::from(p.0) + 1) << 32 | (u64::from(h.0) + 1);
        c.shared
            .logger_levels
            .store(packed, std::sync::atomic::Ordering::Relaxed);
        Ok(c.atom("ok"))
    });
    // `node/1` of a pid or reference (krarup has no ports); anything else is `badarg`.
    r.add(e, "node", 1, |c, a| {
        if a[0].as_pid().is_some() || a[0].is_reference() {
            Ok(c.atom("nonode@nohost"))
        } else {
            Err(Exception::badarg())
        }
    });
    r.add(e, "make_ref", 0, |c, _| {
        let id = c.shared.next_unique();
        Ok(c.heap.reference(id))
    });

    r.add(e, "put", 2, |c, a| {
        for entry in c.dict.iter_mut() {
            if exact_eq(entry.0, a[0]) {
                let old = entry.1;
                entry.1 = a[1];
                return Ok(old);
            }
        }
        crate::limits::reserve_or_exit(c.dict, 1);
        c.dict.push((a[0], a[1]));
        Ok(Term::atom(atom::UNDEFINED))
    });
    r.add(e, "get", 1, |c, a| {
        Ok(c.dict
            .iter()
            .find(|p| exact_eq(p.0, a[0]))
            .map_or(Term::atom(atom::UNDEFINED), |p| p.1))
    });
    r.add(e, "get", 0, |c, _| {
        let pairs: Vec<(Term, Term)> = c.dict.clone();
        let ts: Vec<Term> = pairs.iter().map(|&(k, v)| c.heap.tuple(&[k, v])).collect();
        Ok(c.heap.list(&ts))
    });
    r.add(e, "get_keys", 0, |c, _| {
        let ks: Vec<Term> = c.dict.iter().map(|p| p.0).collect();
        Ok(c.heap.list(&ks))
    });
    r.add(e, "get_keys", 1, |c, a| {
        let ks: Vec<Term> = c
            .dict
            .iter()
            .filter(|p| exact_eq(p.1, a[0]))
            .map(|p| p.0)
            .collect();
        Ok(c.heap.list(&ks))
    });
    r.add(e, "erase", 1, |c, a| {
        match c.dict.iter().position(|p| exact_eq(p.0, a[0])) {
            Some(i) => Ok(c.dict.remove(i).1),
            None => Ok(Term::atom(atom::UNDEFINED)),
        }
    });
    r.add(e, "erase", 0, |c, _| {
        let pairs = std::mem::take(c.dict);
        let ts: Vec<Term> = pairs.iter().map(|&(k, v)| c.heap.tuple(&[k, v])).collect();
        Ok(c.heap.list(&ts))
    });

    r.add(e, "monotonic_time", 0, |c, _| {
        let ns = c.shared.start.elapsed().as_nanos() as i64;
        Ok(c.heap.int(ns))
    });
    r.add(e, "monotonic_time", 1, |c, a| {
        let ns = c.shared.start.elapsed().as_nanos() as i128;
        let v = in_unit(c, ns, a[0])?;
        Ok(c.heap.int(v))
    });
    r.add(e, "convert_time_unit", 3, convert_time_unit);
    r.add(e, "system_time", 0, |c, _| {
        let ns = now_ns();
        Ok(c.heap.int(ns as i64))
    });
    r.add(e, "system_time", 1, |c, a| {
        let v = in_unit(c, now_ns(), a[0])?;
        Ok(c.heap.int(v))
    });
    r.add("os", "system_time", 0, |c, _| {
        Ok(c.heap.int(now_ns() as i64))
    });
    r.add("os", "system_time", 1, |c, a| {
        let v = in_unit(c, now_ns(), a[0])?;
        Ok(c.heap.int(v))
    });
    r.add(e, "timestamp", 0, timestamp);
    r.add("os", "timestamp", 0, timestamp);
    r.add(e, "unique_integer", 0, |c, _| {
        Ok(c.heap.int(c.shared.next_unique() as i64))
    });
    r.add(e, "unique_integer", 1, |c, a| {
        // Every value is positive and monotonic here; OTP still rejects unknown modifiers.
        for m in super::list_arg(c, a[0])? {
            match &*super::atom_name(c, m)? {
                "positive" | "monotonic" => {}
                _ => return badarg(),
            }
        }
        Ok(c.heap.int(c.shared.next_unique() as i64))
    });
    r.add("os", "getpid", 0, |c, _| {
        Ok(c.heap.string(&std::process::id().to_string()))
    });

    r.add(e, "phash2", 1, |c, a| {
        let h = crate::bif::phash::phash2(a[0], &c.shared.atoms);
        Ok(Term::small(h as i64 & ((1 << 27) - 1)))
    });
    r.add(e, "phash2", 2, |c, a| {
        let range = match a[1].as_small() {
            Some(n) if (1..=(1i64 << 32)).contains(&n) => n as u64,
            _ => return badarg(),
        };
        let h = crate::bif::phash::phash2(a[0], &c.shared.atoms) as u64;
        Ok(Term::small((h % range) as i64))
    });
    r.add(e, "system_info", 1, system_info);
    r.add("os", "type", 0, |c, _| {
        let (unix, linux) = (c.atom("unix"), c.atom("linux"));
        Ok(c.heap.tuple(&[unix, linux]))
    });
    r.add(e, "is_alive", 0, |_, _| Ok(Term::bool(false)));
    r.add(e, "nodes", 0, |_, _| Ok(Term::NIL));
    r.add(e, "nodes", 1, |_, _| Ok(Term::NIL));
    // The wall clock as `timestamp/0` gives it (OTP additionally makes successive values unique).
    r.add(e, "now", 0, timestamp);
    r.add(e, "date", 0, |c, _| {
        let (y, m, d, _, _, _) = civil(now_ns());
        Ok(c.heap
            .tuple(&[Term::small(y), Term::small(m), Term::small(d)]))
    });
    r.add(e, "time", 0, |c, _| {
        let (_, _, _, h, mi, s) = civil(now_ns());
        Ok(c.heap
            .tuple(&[Term::small(h), Term::small(mi), Term::small(s)]))
    });
    r.add(e, "localtime", 0, datetime);
    r.add(e, "universaltime", 0, datetime);
    r.add(e, "list_to_pid", 1, |_, a| {
        let s = super::char_list(a[0]).ok_or_else(Exception::badarg)?;
        let inner = s.strip_prefix("<0.").and_then(|r| r.strip_suffix(".0>"));
        match inner.and_then(|n| n.parse::<u64>().ok()) {
            Some(n) if n < (1 << 60) => Ok(Term::pid(n)),
            _ => badarg(),
        }
    });
    r.add(e, "display", 1, |c, a| {
        let mut s = String::new();
        crate::display::display_term(&mut s, a[0], &c.shared.atoms);
        // OTP 25 ends the line with CR LF and writes Latin-1 characters as single bytes.
        s.push_str("\r\n");
        let mut bytes = Vec::with_capacity(s.len());
        for ch in s.chars() {
            if (ch as u32) < 256 {
                bytes.push(ch as u8);
            } else {
                bytes.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        let mut out = c.shared.stdout.lock().unwrap_or_else(|e| e.into_inner());
        let _ = out.write_all(&bytes).and_then(|()| out.flush());
        Ok(Term::bool(true))
    });
}

/// `erlang:system_info/1` for the keys whose answers do not depend on a scheduler: the values
/// OTP 25 gives on x86-64 Linux, with one scheduler; other keys raise `badarg`.
fn system_info(c: &mut NativeCtx<'_>, a: &[Term]) -> crate::native::NativeResult {
    let key = if let Some([k, v]) = a[0].as_tuple_n() {
        let (k, v) = (super::atom_name(c, k)?, super::atom_name(c, v)?);
        format!("{{{k},{v}}}")
    } else {
        super::atom_name(c, a[0])?.to_string()
    };
    match key.as_str() {
        "otp_release" => Ok(c.heap.string("25")),
        "version" => Ok(c.heap.string("13.1.5")),
        "machine" => Ok(c.heap.string("BEAM")),
        "system_architecture" => Ok(c.heap.string("x86_64-pc-linux-gnu")),
        "wordsize" | "{wordsize,internal}" | "{wordsize,external}" => Ok(Term::small(8)),
        "smp_support" | "threads" => Ok(Term::bool(true)),
        "schedulers" | "schedulers_online" | "logical_processors" => Ok(Term::small(1)),
        "atom_limit" => Ok(Term::small(c.shared.atoms.limit() as i64)),
        "atom_count" => Ok(Term::small(c.shared.atoms.len() as i64)),
        "process_limit" => Ok(Term::small(c.shared.processes.limit() as i64)),
        "process_count" => Ok(Term::small(c.shared.processes.live() as i64)),
        _ => badarg(),
    }
}

/// `{{Y, M, D}, {H, Mi, S}}` in UTC (krarup treats local time as UTC).
fn datetime(c: &mut NativeCtx<'_>, _: &[Term]) -> crate::native::NativeResult {
    let (y, m, d, h, mi, s) = civil(now_ns());
    let date = c
        .heap
        .tuple(&[Term::small(y), Term::small(m), Term::small(d)]);
    let time = c
        .heap
        .tuple(&[Term::small(h), Term::small(mi), Term::small(s)]);
    Ok(c.heap.tuple(&[date, time]))
}

/// UTC civil date and time of a UNIX time in nanoseconds (Howard Hinnant's days-to-civil).
pub(crate) fn civil(ns: i128) -> (i64, i64, i64, i64, i64, i64) {
    let secs = ns.div_euclid(1_000_000_000) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + (m <= 2) as i64;
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

pub(super) fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// `erlang:timestamp/0`, `os:timestamp/0` and `erlang:now/0`: the wall clock as `{MegaSecs, Secs, MicroSecs}`.
fn timestamp(c: &mut NativeCtx<'_>, _: &[Term]) -> Result<Term, Exception> {
    let us = now_ns() / 1000;
    let (mega, sec, micro) = (
        us / 1_000_000_000_000,
        (us / 1_000_000) % 1_000_000,
        us % 1_000_000,
    );
    Ok(c.heap.tuple(&[
        Term::small(mega as i64),
        Term::small(sec as i64),
        Term::small(micro as i64),
    ]))
}

/// Converts nanoseconds to a time unit (`second`, `millisecond`, ..., `native`, the old plural
/// names, or a positive integer number of parts per second); `badarg` otherwise.
pub(super) fn in_unit(c: &NativeCtx<'_>, ns: i128, unit: Term) -> Result<i64, Exception> {
    let per_sec = parts_per_second(c, unit)?;
    Ok((ns * per_sec).div_euclid(1_000_000_000) as i64)
}

/// How many parts of a second a time unit has: a unit name (`second`, `millisecond`,
/// `microsecond`, `nanosecond`, `native`, `perf_counter` and the deprecated plural names) or a
/// positive integer; `badarg` otherwise.
fn parts_per_second(c: &NativeCtx<'_>, unit: Term) -> Result<i128, Exception> {
    if let Some(n) = unit.as_small() {
        return if n <= 0 { badarg() } else { Ok(n as i128) };
    }
    Ok(match &*super::atom_name(c, unit)? {
        "second" | "seconds" => 1,
        "millisecond" | "milli_seconds" => 1_000,
        "microsecond" | "micro_seconds" => 1_000_000,
        "nanosecond" | "nano_seconds" | "native" | "perf_counter" => 1_000_000_000,
        _ => return badarg(),
    })
}

/// `erlang:convert_time_unit(Time, From, To)`: `Time` (any integer) in unit `From` expressed in
/// unit `To`, rounded towards negative infinity as OTP does; `badarg` for a non-integer time or
/// an unknown unit.
fn convert_time_unit(c: &mut NativeCtx<'_>, a: &[Term]) -> Result<Term, Exception> {
    use num_integer::Integer;
    let time = crate::ops::arith::to_bigint(a[0]).ok_or_else(Exception::badarg)?;
    let from = parts_per_second(c, a[1])?;
    let to = parts_per_second(c, a[2])?;
    let scaled = time * num_bigint::BigInt::from(to);
    let result = scaled.div_floor(&num_bigint::BigInt::from(from));
    Ok(c.heap.bigint(&result))
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn civil_dates() {
        assert_eq!(super::civil(0), (1970, 1, 1, 0, 0, 0));
        // 2024-02-29T12:34:56Z
        assert_eq!(
            super::civil(1_709_210_096_000_000_000),
            (2024, 2, 29, 12, 34, 56)
        );
    }

    #[test]
    fn dictionary_and_exceptions() {
        let mut env = Env::new();
        let k = env.atom("k");
        let r = env.call("erlang", "put", &[k, Term::small(1)]).unwrap();
        assert_eq!(env.show(r), "undefined");
        let r = env.call("erlang", "put", &[k, Term::small(2)]).unwrap();
        assert_eq!(r, Term::small(1));
        assert_eq!(env.call("erlang", "get", &[k]).unwrap(), Term::small(2));
        let all = env.call("erlang", "get", &[]).unwrap();
        assert_eq!(env.show(all), "[{k,2}]");
        assert_eq!(env.call("erlang", "erase", &[k]).unwrap(), Term::small(2));
        let r = env.call("erlang", "get", &[k]).unwrap();
        assert_eq!(env.show(r), "undefined");
        let e = env.call("erlang", "throw", &[k]).unwrap_err();
        assert_eq!(e, k);
        let r1 = env.call("erlang", "make_ref", &[]).unwrap();
        let r2 = env.call("erlang", "make_ref", &[]).unwrap();
        assert!(!crate::ops::compare::exact_eq(r1, r2));
        let n = env.call("erlang", "node", &[]).unwrap();
        assert_eq!(env.show(n), "nonode@nohost");
        let t = env
            .call("erlang", "monotonic_time", &[env.atom("millisecond")])
            .unwrap();
        assert!(t.is_small());
        let s = env.heap.string("x");
        env.call("erlang", "display", &[s]).unwrap();
        assert_eq!(env.out.0.lock().unwrap().as_slice(), b"\"x\"\r\n");
    }
}
