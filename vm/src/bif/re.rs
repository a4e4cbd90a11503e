//! The `re` module's natives (`run/2,3`, `replace/3,4`, `split/2,3`, `compile/1,2`) on top of
//! `re_engine`, shaping results as OTP 25 does: byte offsets, `{match, ...}` / `nomatch`,
//! trailing unset groups left out of `all` captures, replacement results as iodata with empty
//! pieces omitted. A compiled pattern is `{re_pattern, Groups, Flags, 0, PatternBinary}` (the
//! shape of OTP's, not its bytes). Errors: `badarg` for bad arguments or unsupported patterns.

use super::re_engine::{self, Flags, Regex};
use super::{badarg, list_arg, Reg};
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::binary;
use crate::term::Term;

pub(super) fn register(r: &mut Reg<'_>) {
    r.add("re", "run", 2, |c, a| run(c, a[0], a[1], Term::NIL));
    r.add("re", "run", 3, |c, a| run(c, a[0], a[1], a[2]));
    r.add("re", "replace", 3, |c, a| {
        replace(c, a[0], a[1], a[2], Term::NIL)
    });
    r.add("re", "replace", 4, |c, a| {
        replace(c, a[0], a[1], a[2], a[3])
    });
    r.add("re", "split", 2, |c, a| split(c, a[0], a[1], Term::NIL));
    r.add("re", "split", 3, |c, a| split(c, a[0], a[1], a[2]));
    r.add("re", "compile", 1, |c, a| compile(c, a[0], Term::NIL));
    r.add("re", "compile", 2, |c, a| compile(c, a[0], a[1]));
}

#[derive(Copy, Clone, PartialEq)]
enum Kind {
    Index,
    List,
    Binary,
}

enum Spec {
    All,
    AllButFirst,
    First,
    None,
    Groups(Vec<usize>),
}

/// The step budget of a match ran out.
struct MatchLimit;

/// Everything the options list can say.
struct Opts {
    flags: Flags,
    unicode: bool,
    global: bool,
    spec: Spec,
    kind: Kind,
    offset: usize,
    ret: Option<Kind>,
    trim: bool,
    parts: Option<usize>,
    /// `report_errors`: a match limit gives `{error, match_limit}` instead of `nomatch`.
    report_errors: bool,
}

fn parse_opts(c: &mut NativeCtx<'_>, t: Term) -> Result<Opts, Exception> {
    let mut o = Opts {
        flags: Flags::default(),
        unicode: false,
        global: false,
        spec: Spec::All,
        kind: Kind::Index,
        offset: 0,
        ret: None,
        trim: false,
        parts: None,
        report_errors: false,
    };
    for opt in list_arg(c, t)? {
        if let Some(a) = opt.as_atom() {
            match &*c.shared.atoms.name(a) {
                "caseless" => o.flags.caseless = true,
                "multiline" => o.flags.multiline = true,
                "dotall" => o.flags.dotall = true,
                "anchored" => o.flags.anchored = true,
                "unicode" => o.unicode = true,
                "global" => o.global = true,
                "trim" => o.trim = true,
                "report_errors" => o.report_errors = true,
                "ucp" | "dollar_endonly" | "notempty" | "extended" => {}
                _ => return badarg(),
            }
            continue;
        }
        let Some(parts) = opt.as_tuple() else {
            return badarg();
        };
        let key = super::atom_name(c, parts.at(0))?;
        match (&*key, parts.len()) {
            ("capture", 2 | 3) => {
                o.spec = capture_spec(c, parts.at(1))?;
                if parts.len() == 3 {
                    o.kind = kind(c, parts.at(2))?;
                }
            }
            ("offset", 2) => o.offset = super::usize_arg(parts.at(1))?,
            ("return", 2) => o.ret = Some(kind(c, parts.at(1))?),
            ("parts", 2) => {
                o.parts = match parts.at(1).as_small() {
                    Some(n) if n > 0 => Some(n as usize),
                    Some(_) => None,
                    None if parts.at(1) == c.atom("infinity") => None,
                    None => return badarg(),
                }
            }
            ("newline", 2) | ("match_limit", 2) | ("match_limit_recursion", 2) => {}
            _ => return badarg(),
        }
    }
    Ok(o)
}

fn capture_spec(c: &mut NativeCtx<'_>, t: Term) -> Result<Spec, Exception> {
    if let Some(a) = t.as_atom() {
        return Ok(match &*c.shared.atoms.name(a) {
            "all" | "all_names" => Spec::All,
            "all_but_first" => Spec::AllButFirst,
            "first" => Spec::First,
            "none" => Spec::None,
            _ => return badarg(),
        });
    }
    let items = list_arg(c, t)?;
    let idx: Result<Vec<usize>, _> = items.into_iter().map(super::usize_arg).collect();
    Ok(Spec::Groups(idx?))
}

fn kind(c: &mut NativeCtx<'_>, t: Term) -> Result<Kind, Exception> {
    match &*super::atom_name(c, t)? {
        "index" => Ok(Kind::Index),
        "list" => Ok(Kind::List),
        "binary" => Ok(Kind::Binary),
        "iodata" => Ok(Kind::Index),
        _ => badarg(),
    }
}

/// The bytes of a subject or pattern: a binary, or chardata (UTF-8 encoded when `unicode`,
/// else Latin-1 bytes).
fn data_bytes(t: Term, unicode: bool) -> Result<Vec<u8>, Exception> {
    if let Some((bytes, bits)) = binary::bytes(t) {
        return if bits % 8 == 0 { Ok(bytes) } else { badarg() };
    }
    if unicode {
        let mut s = String::new();
        let mut stack = vec![t];
        while let Some(x) = stack.pop() {
            if x.is_nil() {
                continue;
            }
            if let Some((h, tl)) = x.as_cons() {
                stack.push(tl);
                match h.as_small() {
                    Some(n) => s.push(
                        u32::try_from(n)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(Exception::badarg)?,
                    ),
                    None => stack.push(h),
                }
                continue;
            }
            let (b, bits) = binary::bytes(x).ok_or_else(Exception::badarg)?;
            if bits % 8 != 0 {
                return badarg();
            }
            s.push_str(std::str::from_utf8(&b).map_err(|_| Exception::badarg())?);
        }
        return Ok(s.into_bytes());
    }
    let mut out = Vec::new();
    if !t.is_list() {
        return badarg();
    }
    super::iolist_bytes(t, &mut out).ok_or_else(Exception::badarg)?;
    Ok(out)
}

/// The pattern: source bytes and flags, from a compiled `re_pattern` tuple or pattern data.
fn pattern(c: &mut NativeCtx<'_>, t: Term, o: &Opts) -> Result<Regex, Exception> {
    if let Some(p) = t.as_tuple() {
        if p.len() == 5 && p.at(0) == c.atom("re_pattern") {
            let bits = p.at(2).as_small().unwrap_or(0);
            let flags = Flags {
                caseless: bits & 1 != 0 || o.flags.caseless,
                multiline: bits & 2 != 0 || o.flags.multiline,
                dotall: bits & 4 != 0 || o.flags.dotall,
                anchored: bits & 8 != 0 || o.flags.anchored,
            };
            let src = data_bytes(p.at(4), false)?;
            return re_engine::compile(&src, flags).map_err(|_| Exception::badarg());
        }
        return badarg();
    }
    let src = data_bytes(t, o.unicode)?;
    re_engine::compile(&src, o.flags).map_err(|_| Exception::badarg())
}

fn compile(c: &mut NativeCtx<'_>, t: Term, opts: Term) -> NativeResult {
    let o = parse_opts(c, opts)?;
    let src = data_bytes(t, o.unicode)?;
    match re_engine::compile(&src, o.flags) {
        Ok(re) => {
            let f = &o.flags;
            let bits = f.caseless as i64
                | (f.multiline as i64) << 1
                | (f.dotall as i64) << 2
                | (f.anchored as i64) << 3;
            let tag = c.atom("re_pattern");
            let bin = c.heap.binary(&src);
            let mp = c.heap.tuple(&[
                tag,
                Term::small(re.groups as i64),
                Term::small(bits),
                Term::small(0),
                bin,
            ]);
            let ok = c.atom("ok");
            Ok(c.heap.tuple(&[ok, mp]))
        }
        Err(e) => {
            let (err, text) = (c.atom("error"), c.heap.string(&e.reason));
            let reason = c.heap.tuple(&[text, Term::small(e.offset as i64)]);
            Ok(c.heap.tuple(&[err, reason]))
        }
    }
}

/// All matches (or the first) from `offset`, as capture slot vectors; `Err(MatchLimit)` when
/// the engine's step budget ran out (PCRE's `match_limit`), which OTP's `re` reports as no match
/// (or `{error, match_limit}` with `report_errors`).
fn matches(
    re: &Regex,
    s: &[u8],
    offset: usize,
    global: bool,
) -> Result<Vec<Vec<usize>>, MatchLimit> {
    let mut out = Vec::new();
    let mut pos = offset;
    let mut not_empty_at = None;
    while pos <= s.len() {
        let Some(m) = re.find(s, pos, not_empty_at).map_err(|()| MatchLimit)? else {
            break;
        };
        let (start, end) = (m[0], m[1]);
        out.push(m);
        if !global {
            break;
        }
        pos = end;
        not_empty_at = if end == start { Some(end) } else { None };
    }
    Ok(out)
}

/// One captured piece as a term of the requested kind.
fn piece(
    c: &mut NativeCtx<'_>,
    s: &[u8],
    start: usize,
    end: usize,
    kind: Kind,
    unicode: bool,
) -> Term {
    let set = start != usize::MAX && end != usize::MAX;
    match kind {
        Kind::Index if set => c
            .heap
            .tuple(&[Term::small(start as i64), Term::small((end - start) as i64)]),
        Kind::Index => c.heap.tuple(&[Term::small(-1), Term::small(0)]),
        Kind::Binary => c.heap.binary(if set { &s[start..end] } else { &[] }),
        Kind::List => {
            let bytes = if set { &s[start..end] } else { &[][..] };
            if unicode {
                c.heap.string(&String::from_utf8_lossy(bytes))
            } else {
                let elems: Vec<Term> = bytes.iter().map(|&b| Term::small(b as i64)).collect();
                c.heap.list(&elems)
            }
        }
    }
}

fn run(c: &mut NativeCtx<'_>, subject: Term, re: Term, opts: Term) -> NativeResult {
    let o = parse_opts(c, opts)?;
    let s = data_bytes(subject, o.unicode)?;
    let regex = pattern(c, re, &o)?;
    if o.offset > s.len() {
        return badarg();
    }
    c.charge(s.len() / 16);
    let found = match matches(&regex, &s, o.offset, o.global) {
        Ok(found) => found,
        Err(MatchLimit) if o.report_errors => {
            let (error, limit) = (c.atom("error"), c.atom("match_limit"));
            return Ok(c.heap.tuple(&[error, limit]));
        }
        Err(MatchLimit) => Vec::new(),
    };
    if found.is_empty() {
        return Ok(c.atom("nomatch"));
    }
    if matches!(o.spec, Spec::None) {
        return Ok(c.atom("match"));
    }
    let mut per_match = Vec::with_capacity(found.len());
    for m in &found {
        let groups: Vec<usize> = match &o.spec {
            Spec::Groups(g) => g.clone(),
            Spec::First => vec![0],
            Spec::All | Spec::AllButFirst | Spec::None => {
                // Trailing unset groups are left out, as PCRE reports them.
                let mut n = regex.groups;
                while n > 0 && m[2 * n] == usize::MAX {
                    n -= 1;
                }
                let from = if matches!(o.spec, Spec::AllButFirst) {
                    1
                } else {
                    0
                };
                (from..=n).collect()
            }
        };
        let mut items = Vec::with_capacity(groups.len());
        for g in groups {
            let (st, en) = if g <= regex.groups {
                (m[2 * g], m[2 * g + 1])
            } else {
                (usize::MAX, usize::MAX)
            };
            items.push(piece(c, &s, st, en, o.kind, o.unicode));
        }
        per_match.push(c.heap.list(&items));
    }
    let result = if o.global {
        c.heap.list(&per_match)
    } else {
        per_match[0]
    };
    let tag = c.atom("match");
    Ok(c.heap.tuple(&[tag, result]))
}

/// A piece of a replacement template: literal bytes, or a group (0 = the whole match).
enum Piece {
    Lit(Vec<u8>),
    Group(usize),
}

/// Parses a replacement template: `&` is the match, `\N`, `\gN`, `\g{N}` (N > 0) are groups,
/// `\x` is `x`.
fn parse_template(template: &[u8]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let lit = |out: &mut Vec<Piece>, b: u8| match out.last_mut() {
        Some(Piece::Lit(v)) => v.push(b),
        _ => out.push(Piece::Lit(vec![b])),
    };
    let mut i = 0;
    while i < template.len() {
        let ch = template[i];
        i += 1;
        if ch == b'&' {
            out.push(Piece::Group(0));
            continue;
        }
        if ch != b'\\' || i >= template.len() {
            lit(&mut out, ch);
            continue;
        }
        let mut j = i;
        let braced = template[j] == b'g' && template.get(j + 1) == Some(&b'{');
        if template[j] == b'g' {
            j += if braced { 2 } else { 1 };
        }
        let digits_start = j;
        while j < template.len() && template[j].is_ascii_digit() {
            j += 1;
        }
        let number = std::str::from_utf8(&template[digits_start..j])
            .ok()
            .and_then(|d| d.parse::<usize>().ok());
        match number {
            Some(n) if n > 0 && (!braced || template.get(j) == Some(&b'}')) => {
                out.push(Piece::Group(n));
                i = j + braced as usize;
            }
            _ => {
                lit(&mut out, template[i]);
                i += 1;
            }
        }
    }
    out
}

/// The bytes a template piece stands for in match `m`.
fn piece_bytes<'a>(p: &'a Piece, s: &'a [u8], m: &[usize]) -> &'a [u8] {
    match p {
        Piece::Lit(v) => v,
        Piece::Group(g) => match (m.get(2 * g), m.get(2 * g + 1)) {
            (Some(&st), Some(&en)) if st != usize::MAX && en != usize::MAX => &s[st..en],
            _ => &[],
        },
    }
}

fn replace(c: &mut NativeCtx<'_>, subject: Term, re: Term, repl: Term, opts: Term) -> NativeResult {
    let o = parse_opts(c, opts)?;
    let s = data_bytes(subject, o.unicode)?;
    let template = data_bytes(repl, o.unicode)?;
    let regex = pattern(c, re, &o)?;
    c.charge(s.len() / 16);
    let found = matches(&regex, &s, o.offset, o.global).unwrap_or_default();
    let ret = o.ret.unwrap_or(Kind::Index);
    if found.is_empty() {
        return Ok(match ret {
            Kind::Index => subject,
            other => piece(c, &s, 0, s.len(), other, o.unicode),
        });
    }
    let tpl = parse_template(&template);
    let rest = &s[found.last().map_or(0, |m| m[1])..];
    if ret != Kind::Index {
        let mut all = Vec::with_capacity(s.len());
        let mut last = 0;
        for m in &found {
            all.extend_from_slice(&s[last..m[0]]);
            for p in &tpl {
                all.extend_from_slice(piece_bytes(p, &s, m));
            }
            last = m[1];
        }
        all.extend_from_slice(rest);
        return Ok(piece(c, &all, 0, all.len(), ret, o.unicode));
    }
    // iodata as OTP builds it: non-empty unmatched runs as binaries, each replacement as one
    // binary (a plain template) or a list of binaries (one per template piece), the rest as
    // the tail.
    let mut elems = Vec::new();
    let mut last = 0;
    for m in &found {
        if m[0] > last {
            elems.push(c.heap.binary(&s[last..m[0]]));
        }
        let r = match tpl.as_slice() {
            [Piece::Lit(v)] => c.heap.binary(v),
            pieces => {
                let bins: Vec<Term> = pieces
                    .iter()
                    .map(|p| c.heap.binary(piece_bytes(p, &s, m)))
                    .collect();
                c.heap.list(&bins)
            }
        };
        elems.push(r);
        last = m[1];
    }
    let tail = if rest.is_empty() {
        Term::NIL
    } else {
        c.heap.binary(rest)
    };
    Ok(c.heap.list_with_tail(&elems, tail))
}

fn split(c: &mut NativeCtx<'_>, subject: Term, re: Term, opts: Term) -> NativeResult {
    let o = parse_opts(c, opts)?;
    let s = data_bytes(subject, o.unicode)?;
    let regex = pattern(c, re, &o)?;
    c.charge(s.len() / 16);
    let mut found = matches(&regex, &s, o.offset, true).unwrap_or_default();
    let no_match = found.is_empty();
    // As OTP: an empty match right where the previous match ended (or at the start) splits
    // nothing off.
    let mut prev_end = 0;
    found.retain(|m| {
        let keep = !(m[0] == m[1] && m[0] == prev_end);
        if keep {
            prev_end = m[1];
        }
        keep
    });
    if let Some(limit) = o.parts {
        found.truncate(limit.saturating_sub(1));
    }
    let kind = match o.ret.unwrap_or(Kind::Binary) {
        Kind::Index => Kind::Binary,
        k => k,
    };
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut last = 0;
    for m in &found {
        parts.push((last, m[0]));
        for g in 1..=regex.groups {
            parts.push((m[2 * g], m[2 * g + 1]));
        }
        last = m[1];
    }
    parts.push((last, s.len()));
    // Without any match the subject comes back whole, even with `trim`.
    if o.trim && !no_match {
        while parts
            .last()
            .is_some_and(|&(a, b)| a == b || a == usize::MAX)
        {
            parts.pop();
        }
    }
    let items: Vec<Term> = parts
        .into_iter()
        .map(|(a, b)| piece(c, &s, a, b, kind, o.unicode))
        .collect();
    Ok(c.heap.list(&items))
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;

    fn call(
        env: &mut Env,
        f: &str,
        subject: &str,
        re: &str,
        extra: &[crate::term::Term],
        opts: &str,
    ) -> String {
        let s = env.heap.string(subject);
        let r = env.heap.string(re);
        let opt_terms: Vec<crate::term::Term> = match opts {
            "" => vec![],
            "global_list" => {
                let global = env.atom("global");
                let (ret, list) = (env.atom("return"), env.atom("list"));
                let t = env.heap.tuple(&[ret, list]);
                vec![global, t]
            }
            "return_list" => {
                let (ret, list) = (env.atom("return"), env.atom("list"));
                vec![env.heap.tuple(&[ret, list])]
            }
            _ => {
                let (cap, all, list) = (env.atom("capture"), env.atom("all"), env.atom("list"));
                vec![env.heap.tuple(&[cap, all, list])]
            }
        };
        let o = env.heap.list(&opt_terms);
        let mut args = vec![s, r];
        args.extend_from_slice(extra);
        args.push(o);
        let out = env.call("re", f, &args).unwrap();
        env.show(out)
    }

    /// The three calls of lang-tests/wishlist/wish_re.erl, with OTP's answers.
    #[test]
    fn like_otp() {
        let mut env = Env::new();
        assert_eq!(
            call(
                &mut env,
                "run",
                "hello 42 world",
                "[0-9]+",
                &[],
                "capture_all_list"
            ),
            "{match,[[52,50]]}"
        );
        let dash = env.heap.string("-");
        assert_eq!(
            call(&mut env, "replace", "a.b.c", "\\.", &[dash], "global_list"),
            "[97,45,98,45,99]"
        );
        assert_eq!(
            call(&mut env, "split", "a1b22c", "[0-9]+", &[], "return_list"),
            "[[97],[98],[99]]"
        );
        let s = env.heap.string("abc");
        let r = env.heap.string("(x)?b");
        let out = env.call("re", "run", &[s, r]).unwrap();
        assert_eq!(env.show(out), "{match,[{1,1}]}");
        let x = env.heap.string("x");
        let r = env.heap.string("b");
        let out = env.call("re", "replace", &[s, r, x]).unwrap();
        assert_eq!(env.show(out), "[<<97>>,<<120>>|<<99>>]");
    }
}
