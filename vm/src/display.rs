//! Writes a term as text the way `io_lib:write/1` (`~w`) does, for error reports and
//! `erlang:display/1`. Owns only this plain, single-line form; the pretty printer (`~p`) is the
//! Erlang `io_lib` in the stdlib. Iterative, so deep lists and nesting cannot overflow the stack.

use crate::atom::AtomTable;
use crate::float_fmt;
use crate::ops::{arith::to_bigint, binary, map};
use crate::term::{Term, Words, SUB_EXPORT, SUB_FUN, SUB_MATCH_CTX, SUB_REF};

/// Words `io_lib` quotes because they are reserved in Erlang (OTP 25, `maybe` not enabled).
const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case",
    "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive",
    "rem", "try", "when", "xor",
];

/// Whether an atom prints without quotes: a lowercase letter first, then letters, digits, `_`
/// and `@`, and not a reserved word (as `io_lib:quote_atom/2`).
pub fn atom_needs_quotes(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let lower =
        |c: char| c.is_ascii_lowercase() || (('\u{df}'..='\u{ff}').contains(&c) && c != '\u{f7}');
    let upper =
        |c: char| c.is_ascii_uppercase() || (('\u{c0}'..='\u{de}').contains(&c) && c != '\u{d7}');
    if !lower(first) {
        return true;
    }
    if !chars.all(|c| lower(c) || upper(c) || c.is_ascii_digit() || c == '_' || c == '@') {
        return true;
    }
    RESERVED.contains(&name)
}

/// Writes an atom, quoted and escaped if needed.
pub fn write_atom(out: &mut String, name: &str) {
    if !atom_needs_quotes(name) {
        out.push_str(name);
        return;
    }
    push_escaped(out, name, '\'');
}

/// `s` between `quote`s with the escapes `io_lib:write_atom/1` and `io_lib:write_string/1` use:
/// the quote and backslash, the named control characters, other controls in octal, and
/// characters above 255 as `\x{...}`.
fn push_escaped(out: &mut String, s: &str, quote: char) {
    out.push(quote);
    for c in s.chars() {
        match c {
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{7f}' => out.push_str("\\d"),
            c if (c as u32) < 32 || (128..160).contains(&(c as u32)) => {
                out.push_str(&format!("\\{:03o}", c as u32));
            }
            c if (c as u32) > 255 => out.push_str(&format!("\\x{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
}

enum Item {
    Term(Term),
    Text(&'static str),
    /// The rest of a list after its first element: `,E...` or `|Tail` or `]`.
    ListTail(Term),
}

/// Which textual form to write.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Style {
    /// `io_lib:write/1` (`~w`).
    Write,
    /// `erlang:display/1` (the emulator's `%T`): printable lists and binaries as strings,
    /// floats as `%e`, maps as `#{k=>v}`.
    Display,
    /// `~tp` on one line, as the shell's exception reports (`erl_error:format_exception`) print
    /// terms with the default printable range (latin1): `~w` with printable lists as strings and
    /// printable binaries as `<<"...">>` (`<<"..."/utf8>>` for non-ASCII UTF-8).
    Print,
}

/// Appends the `~w` text of `t` to `out`.
pub fn write_term(out: &mut String, t: Term, atoms: &AtomTable) {
    write_styled(out, t, atoms, Style::Write);
}

/// Appends the text `erlang:display/1` prints for `t` (without the newline).
pub fn display_term(out: &mut String, t: Term, atoms: &AtomTable) {
    write_styled(out, t, atoms, Style::Display);
}

/// Appends the `~tp` text of `t` without line breaks (`io_lib_pretty` with the default
/// printable range, latin1), as the shell's uncaught-exception report prints terms.
pub fn print_term(out: &mut String, t: Term, atoms: &AtomTable) {
    write_styled(out, t, atoms, Style::Print);
}

/// A character `io_lib:printable_latin1_list/1` accepts.
fn printable_latin1(c: u32) -> bool {
    matches!(c, 32..=126 | 160..=255 | 8..=13 | 27)
}

/// The characters of a non-empty proper list that `~tp` prints as a string (printable range
/// latin1).
fn print_string(t: Term) -> Option<String> {
    let mut s = String::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.as_cons() {
        let c = h.as_small().and_then(|c| u32::try_from(c).ok())?;
        if !printable_latin1(c) {
            return None;
        }
        s.push(char::from_u32(c)?);
        cur = tl;
    }
    (cur.is_nil() && !s.is_empty()).then_some(s)
}

/// How `~tp` shows a binary as text: `(characters, as /utf8)`. Valid UTF-8 of printable
/// characters first (with `/utf8` unless it is all ASCII), then the bytes as latin1.
fn print_binary(t: Term) -> Option<(String, bool)> {
    let (bytes, bits) = binary::bytes(t)?;
    if bits % 8 != 0 || bytes.is_empty() {
        return None;
    }
    if let Ok(text) = std::str::from_utf8(&bytes) {
        if text.chars().all(|c| printable_latin1(c as u32)) {
            return Some((text.to_string(), !text.is_ascii()));
        }
    }
    bytes
        .iter()
        .all(|&b| printable_latin1(b as u32))
        .then(|| (bytes.iter().map(|&b| b as char).collect(), false))
}

/// Characters the emulator's `%T` prints inside a string: Latin-1 printable, tab, newline and
/// carriage return.
fn printable(c: i64) -> bool {
    (32..=126).contains(&c) || (160..=255).contains(&c) || c == 9 || c == 10 || c == 13
}

/// A non-empty flat list of printable Latin-1 characters, as text.
fn printable_list(t: Term) -> Option<String> {
    let mut s = String::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.as_cons() {
        match h.as_small() {
            Some(c) if printable(c) => s.push(c as u8 as char),
            _ => return None,
        }
        cur = tl;
    }
    (cur.is_nil() && !s.is_empty()).then_some(s)
}

fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_styled(out: &mut String, t: Term, atoms: &AtomTable, style: Style) {
    let mut stack = vec![Item::Term(t)];
    while let Some(item) = stack.pop() {
        match item {
            Item::Text(s) => out.push_str(s),
            Item::ListTail(t) => {
                if t.is_nil() {
                    out.push(']');
                } else if let Some((h, tl)) = t.as_cons() {
                    out.push(',');
                    stack.push(Item::ListTail(tl));
                    stack.push(Item::Term(h));
                } else {
                    out.push('|');
                    stack.push(Item::Text("]"));
                    stack.push(Item::Term(t));
                }
            }
            Item::Term(t) => write_one(out, t, atoms, &mut stack, style),
        }
    }
}

fn write_one(out: &mut String, t: Term, atoms: &AtomTable, stack: &mut Vec<Item>, style: Style) {
    if style == Style::Print {
        if let Some(s) = print_string(t) {
            push_escaped(out, &s, '"');
            return;
        }
        if let Some((s, utf8)) = print_binary(t) {
            out.push_str("<<");
            push_escaped(out, &s, '"');
            out.push_str(if utf8 { "/utf8>>" } else { ">>" });
            return;
        }
    }
    if style == Style::Display {
        if let Some(s) = printable_list(t) {
            push_quoted(out, &s);
            return;
        }
        if let Some(f) = t.as_float() {
            out.push_str(&float_fmt::scientific(f, 6));
            return;
        }
        if let Some((bytes, bits)) = binary::bytes(t) {
            if bits % 8 == 0 && !bytes.is_empty() && bytes.iter().all(|&b| printable(b as i64)) {
                out.push_str("<<");
                push_quoted(out, &bytes.iter().map(|&b| b as char).collect::<String>());
                out.push_str(">>");
                return;
            }
        }
    }
    if let Some(n) = t.as_small() {
        out.push_str(&n.to_string());
    } else if let Some(a) = t.as_atom() {
        write_atom(out, &atoms.name(a));
    } else if t.is_nil() {
        out.push_str("[]");
    } else if let Some(p) = t.as_pid() {
        out.push_str(&format!("<0.{p}.0>"));
    } else if let Some((h, tl)) = t.as_cons() {
        out.push('[');
        stack.push(Item::ListTail(tl));
        stack.push(Item::Term(h));
    } else if let Some(es) = t.as_tuple() {
        out.push('{');
        stack.push(Item::Text("}"));
        for (i, e) in es.iter().enumerate().rev() {
            stack.push(Item::Term(e));
            if i > 0 {
                stack.push(Item::Text(","));
            }
        }
    } else if let Some(f) = t.as_float() {
        out.push_str(&float_fmt::short(f));
    } else if t.is_bignum() {
        out.push_str(&to_bigint(t).unwrap_or_default().to_string());
    } else if t.is_map() {
        out.push_str("#{");
        stack.push(Item::Text("}"));
        // OTP prints maps in iteration order (key order up to 32 keys).
        let pairs = map::iter_pairs(t);
        for (i, (k, v)) in pairs.into_iter().enumerate().rev() {
            stack.push(Item::Term(v));
            stack.push(Item::Text(if style == Style::Display {
                "=>"
            } else {
                " => "
            }));
            stack.push(Item::Term(k));
            if i > 0 {
                stack.push(Item::Text(","));
            }
        }
    } else if let Some((bytes, bits)) = binary::bytes(t) {
        out.push_str("<<");
        let full = bits / 8;
        let parts: Vec<String> = bytes[..full].iter().map(|b| b.to_string()).collect();
        out.push_str(&parts.join(","));
        if bits % 8 != 0 {
            if full > 0 {
                out.push(',');
            }
            let rest = bits % 8;
            out.push_str(&format!("{}:{}", bytes[full] >> (8 - rest), rest));
        }
        out.push_str(">>");
    } else {
        let p = t.payload().unwrap_or(Words::EMPTY);
        match t.boxed_subtag() {
            Some(SUB_REF) => out.push_str(&format!("#Ref<0.0.0.{}>", p.at(0).raw())),
            Some(SUB_FUN) => {
                let m = p.at(0).as_atom().map(|a| atoms.name(a)).unwrap_or_default();
                let idx = p.at(1).as_small().unwrap_or(0);
                let uniq = p.at(2).as_small().unwrap_or(0);
                out.push_str("#Fun<");
                write_atom(out, &m);
                out.push_str(&format!(".{idx}.{uniq}>"));
            }
            Some(SUB_EXPORT) => {
                out.push_str("fun ");
                let m = p.at(0).as_atom().map(|a| atoms.name(a)).unwrap_or_default();
                let f = p.at(1).as_atom().map(|a| atoms.name(a)).unwrap_or_default();
                write_atom(out, &m);
                out.push(':');
                write_atom(out, &f);
                out.push_str(&format!("/{}", p.at(2).as_small().unwrap_or(0)));
            }
            Some(SUB_MATCH_CTX) => out.push_str("#MatchCtx<>"),
            _ => out.push_str(&format!("{t:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Heap;

    #[test]
    fn writes_like_io_lib_write() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let at = |s: &str| Term::atom(atoms.intern(s));
        let s = h.string("hi");
        let f = h.float(1.0e100);
        let bin = h.bitstring(&[1, 2, 0x30], 20);
        let items = [
            at("maybe"),
            at("else"),
            at("a b"),
            at("A"),
            at("it's"),
            at("[]"),
            at("aB@1_"),
            at("_x"),
            at("when"),
            s,
            f,
            bin,
            Term::NIL,
            Term::pid(9),
        ];
        let l = h.list_with_tail(&items, Term::small(-5));
        let t = h.tuple(&[l, Term::small(1)]);
        let mut out = String::new();
        write_term(&mut out, t, &atoms);
        assert_eq!(
            out,
            "{[maybe,else,'a b','A','it\\'s','[]',aB@1_,'_x','when',[104,105],1.0e100,<<1,2,3:4>>,[],<0.9.0>|-5],1}"
        );
        let m = map::from_pairs(&mut h, &[(at("a"), Term::small(1)), (f, Term::NIL)], &atoms);
        let mut out = String::new();
        write_term(&mut out, m, &atoms);
        assert_eq!(out, "#{1.0e100 => [],a => 1}");
    }

    #[test]
    fn display_style() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let s = h.string("abc");
        let b = h.binary(b"abc");
        let f = h.float(1.5);
        let m = map::from_pairs(
            &mut h,
            &[(Term::atom(atoms.intern("a")), Term::small(1))],
            &atoms,
        );
        let t = h.tuple(&[s, b, f, m, Term::NIL]);
        let mut out = String::new();
        display_term(&mut out, t, &atoms);
        assert_eq!(out, "{\"abc\",<<\"abc\">>,1.500000e+00,#{a=>1},[]}");
    }

    /// Each term beside what `io_lib:format("~tp", [T])` gives in OTP 25.
    #[test]
    fn print_style() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let cases: Vec<(Term, &str)> = vec![
            (h.binary(b"a binary"), "<<\"a binary\">>"),
            (h.string("a string"), "\"a string\""),
            (h.binary("é".as_bytes()), "<<\"é\"/utf8>>"),
            (h.binary(&[233]), "<<\"é\">>"),
            (h.binary(&[b'a', b'b', b'c', 255]), "<<\"abc\u{ff}\">>"),
            (h.bitstring(&[97, 98, 0x40], 18), "<<97,98,1:2>>"),
            (h.binary(b"a\nb"), "<<\"a\\nb\">>"),
            (h.string("a\nb\u{1b}\"\\"), "\"a\\nb\\e\\\"\\\\\""),
            (h.string("é"), "\"é\""),
            (h.binary(&[]), "<<>>"),
            (Term::NIL, "[]"),
            (h.binary(&[b'a', 0]), "<<97,0>>"),
            (h.binary("日本".as_bytes()), "<<230,151,165,230,156,172>>"),
            (h.string("a\u{7f}"), "[97,127]"),
            (h.string("日本"), "[26085,26412]"),
        ];
        for (t, want) in cases {
            let mut out = String::new();
            print_term(&mut out, t, &atoms);
            assert_eq!(out, want);
        }
        let improper = h.list_with_tail(&[Term::small(97)], Term::atom(atoms.intern("b")));
        let f = h.float(1.5);
        let v = h.string("v");
        let m = map::from_pairs(&mut h, &[(Term::atom(atoms.intern("k")), v)], &atoms);
        let t = h.tuple(&[improper, f, m]);
        let mut out = String::new();
        print_term(&mut out, t, &atoms);
        assert_eq!(out, "{[97|b],1.5,#{k => \"v\"}}");
    }

    #[test]
    fn deep_list() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let mut t = Term::NIL;
        for _ in 0..100_000 {
            t = h.cons(t, Term::NIL);
        }
        let mut out = String::new();
        write_term(&mut out, t, &atoms);
        assert_eq!(out.len(), 200_002);
    }
}

#[cfg(test)]
mod conformance {
    use crate::bif::test_support::Env;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Every row of `vm/tests/data/write.tsv` (made by `gen_write.escript` with real `erl`).
    /// Every row of `vm/tests/data/display.tsv` (made by `gen_display.sh` with real `erl`).
    #[test]
    fn display_matches_erlang_display() {
        let table = include_str!("../tests/data/display.tsv");
        let mut env = Env::new();
        for line in table.lines() {
            let (term_hex, want) = line.split_once('\t').unwrap();
            let b = env.heap.binary(&unhex(term_hex));
            let t = env.call("erlang", "binary_to_term", &[b]).unwrap();
            let mut got = String::new();
            super::display_term(&mut got, t, &env.shared.atoms);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn write_matches_io_lib_write() {
        let table = include_str!("../tests/data/write.tsv");
        let mut env = Env::new();
        let mut failures = Vec::new();
        for line in table.lines() {
            let (term_hex, text_hex) = line.split_once('\t').unwrap();
            let b = env.heap.binary(&unhex(term_hex));
            let t = env.call("erlang", "binary_to_term", &[b]).unwrap();
            let want = String::from_utf8(unhex(text_hex)).unwrap();
            let got = env.show(t);
            if got != want {
                failures.push(format!("got {got:?} want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
