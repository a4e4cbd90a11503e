//! Text listing of a module's bytecode (`krarup compile --dump=bytecode`): the tables, then each
//! function's instructions with their indices, with `Ln:` lines before every branch target.
//! Owns only formatting; works on unverified modules too (bad indices print as `?`).
//!
//! Operand notation: `x3`, `y0`, atoms as Erlang writes them (`ok`, `'EXIT'`), small integers,
//! `[]`, literals as `lit#i` followed by their value in a comment, labels as `Ln`.

use crate::describe::Operand;
use crate::module::{Literal, Module};
use crate::opcode::*;
use std::collections::BTreeSet;
use std::fmt::Write;

/// A readable listing of `module`.
pub fn disassemble(module: &Module) -> String {
    let d = Disasm { m: module };
    let mut out = String::new();
    d.header(&mut out);
    let targets: BTreeSet<u32> = module
        .code
        .iter()
        .flat_map(|i| i.branch_targets())
        .map(|l| l.0)
        .chain(module.exports.iter().map(|e| e.entry.0))
        .chain(module.lambdas.iter().map(|l| l.entry.0))
        .collect();
    let mut covered = 0usize;
    for f in &module.functions {
        let _ = writeln!(
            out,
            "\nfunction {}/{}  [{}..{})",
            d.atom(f.function),
            f.arity,
            f.start,
            f.end
        );
        let end = (f.end as usize).min(module.code.len());
        let start = (f.start as usize).min(end);
        d.code(&mut out, start, end, &targets);
        covered = covered.max(end);
    }
    if covered < module.code.len() {
        let _ = writeln!(out, "\n; code outside any function");
        d.code(&mut out, covered, module.code.len(), &targets);
    }
    out
}

struct Disasm<'m> {
    m: &'m Module,
}

impl Disasm<'_> {
    fn header(&self, out: &mut String) {
        let m = self.m;
        let _ = writeln!(out, "module {} (file \"{}\")", quote_atom(&m.name), m.file);
        if !m.exports.is_empty() {
            let list: Vec<String> = m
                .exports
                .iter()
                .map(|e| format!("{}/{} -> L{}", self.atom(e.function), e.arity, e.entry.0))
                .collect();
            let _ = writeln!(out, "exports: {}", list.join(", "));
        }
        if !m.imports.is_empty() {
            let _ = writeln!(out, "imports:");
            for (i, imp) in m.imports.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  {i:>4}  {}:{}/{}",
                    self.atom(imp.module),
                    self.atom(imp.function),
                    imp.arity
                );
            }
        }
        if !m.literals.is_empty() {
            let _ = writeln!(out, "literals:");
            for (i, l) in m.literals.iter().enumerate() {
                let _ = writeln!(out, "  {i:>4}  {}", literal_text(l));
            }
        }
        if !m.lambdas.is_empty() {
            let _ = writeln!(out, "lambdas:");
            for (i, l) in m.lambdas.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  {i:>4}  {}/{} free {} -> L{}",
                    self.atom(l.function),
                    l.arity,
                    l.num_free,
                    l.entry.0
                );
            }
        }
        for (name, value) in &m.attributes {
            let _ = writeln!(out, "-{}({}).", quote_atom(name), literal_text(value));
        }
    }

    fn code(&self, out: &mut String, start: usize, end: usize, targets: &BTreeSet<u32>) {
        let mut line = None;
        for pc in start..end {
            if targets.contains(&(pc as u32)) {
                let _ = writeln!(out, "  L{pc}:");
            }
            let ins = &self.m.code[pc];
            let mut text = format!("    {pc:>5}  {}", self.instruction(ins));
            let l = self.m.line_at(pc as u32);
            if l != 0 && line != Some(l) {
                line = Some(l);
                let pad = 56usize.saturating_sub(text.chars().count()).max(1);
                let _ = write!(text, "{:pad$}; line {l}", "");
            }
            let _ = writeln!(out, "{text}");
        }
    }

    fn atom(&self, a: AtomIdx) -> String {
        match self.m.atoms.get(a.0 as usize) {
            Some(s) => quote_atom(s),
            None => format!("?atom{}", a.0),
        }
    }

    fn src(&self, s: &Src) -> String {
        match s {
            Src::X(r) => format!("x{}", r.0),
            Src::Y(r) => format!("y{}", r.0),
            Src::Atom(a) => self.atom(*a),
            Src::Int(n) => n.to_string(),
            Src::Nil => "[]".into(),
            Src::Lit(l) => match self.m.literals.get(l.0 as usize) {
                Some(lit) => {
                    let mut t = literal_text(lit);
                    if t.chars().count() > 40 {
                        t = t.chars().take(37).collect::<String>() + "...";
                    }
                    format!("lit#{}<{t}>", l.0)
                }
                None => format!("lit#{}<?>", l.0),
            },
        }
    }

    fn srcs(&self, v: &[Src]) -> String {
        let v: Vec<String> = v.iter().map(|s| self.src(s)).collect();
        format!("[{}]", v.join(", "))
    }

    fn import(&self, i: ImportIdx) -> String {
        match self.m.imports.get(i.0 as usize) {
            Some(imp) => format!(
                "{}:{}/{}",
                self.atom(imp.module),
                self.atom(imp.function),
                imp.arity
            ),
            None => format!("?import{}", i.0),
        }
    }

    fn call_target(&self, l: Label) -> String {
        match self
            .m
            .functions
            .iter()
            .find(|f| f.start.checked_add(1) == Some(l.0))
        {
            Some(f) => format!("L{} ({}/{})", l.0, self.atom(f.function), f.arity),
            None => format!("L{}", l.0),
        }
    }

    fn size(&self, s: &BsSize) -> String {
        match s {
            BsSize::Src(s) => self.src(s),
            BsSize::Default => "default".into(),
            BsSize::All => "all".into(),
        }
    }

    /// `mnemonic operand operand ...`, the operands in `describe`'s order: sources as they are,
    /// destinations after `->`, labels as `Ln` (named when not a plain jump target), counts with
    /// their field name (an arity as `mnemonic/N`), a missing failure label and default flags as
    /// nothing.
    fn instruction(&self, ins: &Instruction) -> String {
        let mut parts = vec![ins.opcode().mnemonic()];
        let local_call = ins.is_local_call();
        ins.for_each_operand(|name, op| {
            let text = match op {
                Operand::Src(s) => self.src(s),
                Operand::Dst(d) => format!("-> {}", dst(d)),
                Operand::Srcs(v) => self.srcs(v),
                Operand::Label(l) if local_call => self.call_target(*l),
                Operand::Label(l) if name == "target" => format!("L{}", l.0),
                Operand::Label(l) => format!("{name} L{}", l.0),
                Operand::Fail(Some(l)) => format!("fail L{}", l.0),
                Operand::Fail(None) => return,
                Operand::Atom(a) => self.atom(*a),
                Operand::Import(i) => self.import(*i),
                Operand::Lambda(l) => match self.m.lambdas.get(l.0 as usize) {
                    Some(lam) => format!("#{} {}/{}", l.0, self.atom(lam.function), lam.arity),
                    None => format!("#{} ?", l.0),
                },
                Operand::Slot(y) => format!("y{}", y.0),
                Operand::Byte(n) if name == "arity" => {
                    parts[0] = format!("{}/{n}", parts[0]);
                    return;
                }
                Operand::Byte(n) => format!("{name} {n}"),
                Operand::U16(n) => format!("{name} {n}"),
                Operand::U32(n) => format!("{name} {n}"),
                Operand::ArithOp(op) => op.name().into(),
                Operand::UnaryOp(op) => op.name().into(),
                Operand::CmpOp(op) => op.name().into(),
                Operand::TypeTest(t) => type_name(*t).into(),
                Operand::MapPut(MapPut::Assoc) => "assoc".into(),
                Operand::MapPut(MapPut::Exact) => "exact".into(),
                Operand::BsType(t) => bs_type_name(*t).into(),
                Operand::BsSize(size) => format!("size {}", self.size(size)),
                Operand::BsFlags(f) if *f == BsFlags::default() => return,
                Operand::BsFlags(f) => flags_text(f),
                Operand::SelectCases(cases) => {
                    let c: Vec<String> = cases
                        .iter()
                        .map(|(v, l)| format!("{} => L{}", self.src(v), l.0))
                        .collect();
                    format!("{{{}}}", c.join(", "))
                }
                Operand::ArityCases(cases) => {
                    let c: Vec<String> = cases
                        .iter()
                        .map(|(a, l)| format!("{a} => L{}", l.0))
                        .collect();
                    format!("{{{}}}", c.join(", "))
                }
                Operand::MapPairs(pairs) => {
                    let p: Vec<String> = pairs
                        .iter()
                        .map(|(k, v)| format!("{} => {}", self.src(k), self.src(v)))
                        .collect();
                    format!("#{{{}}}", p.join(", "))
                }
                Operand::MapGets(pairs) => {
                    let p: Vec<String> = pairs
                        .iter()
                        .map(|(k, v)| format!("{} -> {}", self.src(k), dst(v)))
                        .collect();
                    format!("{{{}}}", p.join(", "))
                }
                Operand::Segments(segments) => {
                    let s: Vec<String> = segments
                        .iter()
                        .map(|s| {
                            format!(
                                "{}:{}/{}{}-unit:{}",
                                self.src(&s.value),
                                self.size(&s.size),
                                bs_type_name(s.ty),
                                flags_text(&s.flags),
                                s.unit
                            )
                        })
                        .collect();
                    format!("<<{}>>", s.join(", "))
                }
            };
            parts.push(text);
        });
        parts.join(" ")
    }
}

fn dst(d: &Dst) -> String {
    match d {
        Dst::X(r) => format!("x{}", r.0),
        Dst::Y(r) => format!("y{}", r.0),
    }
}

fn type_name(t: TypeTest) -> &'static str {
    match t {
        TypeTest::Integer => "is_integer",
        TypeTest::Float => "is_float",
        TypeTest::Number => "is_number",
        TypeTest::Atom => "is_atom",
        TypeTest::Boolean => "is_boolean",
        TypeTest::Pid => "is_pid",
        TypeTest::Reference => "is_reference",
        TypeTest::Port => "is_port",
        TypeTest::Nil => "is_nil",
        TypeTest::List => "is_list",
        TypeTest::NonEmptyList => "is_nonempty_list",
        TypeTest::Tuple => "is_tuple",
        TypeTest::Map => "is_map",
        TypeTest::Binary => "is_binary",
        TypeTest::Bitstring => "is_bitstring",
        TypeTest::Function => "is_function",
    }
}

fn bs_type_name(t: BsType) -> &'static str {
    match t {
        BsType::Integer => "integer",
        BsType::Float => "float",
        BsType::Binary => "binary",
        BsType::Utf8 => "utf8",
        BsType::Utf16 => "utf16",
        BsType::Utf32 => "utf32",
    }
}

fn flags_text(f: &BsFlags) -> String {
    let mut s = String::new();
    if f.signed {
        s.push_str("-signed");
    }
    if f.little {
        s.push_str("-little");
    }
    if f.native {
        s.push_str("-native");
    }
    s
}

/// An atom as Erlang writes it: bare if it is a plain lowercase name, else single-quoted.
pub fn quote_atom(s: &str) -> String {
    const RESERVED: &[&str] = &[
        "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case",
        "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive",
        "rem", "try", "when", "xor", "maybe", "else",
    ];
    let mut chars = s.chars();
    let bare = matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
        && !RESERVED.contains(&s);
    if bare {
        return s.to_string();
    }
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\x{{{:X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A literal in Erlang-like syntax (nesting beyond 64 levels prints as `...`).
pub fn literal_text(l: &Literal) -> String {
    let mut out = String::new();
    write_literal(&mut out, l, 0);
    out
}

/// True if a proper list of these elements prints as a string (ASCII text, as `~p` would).
fn printable(elems: &[Literal]) -> bool {
    !elems.is_empty()
        && elems.iter().all(|e| {
            matches!(e, Literal::Int(n) if u8::try_from(n).is_ok_and(|b| (32..127).contains(&b) || b == b'\n' || b == b'\t'))
        })
}

fn write_literal(out: &mut String, l: &Literal, depth: usize) {
    if depth > 64 {
        out.push_str("...");
        return;
    }
    let list = |out: &mut String, items: &[Literal]| {
        for (i, e) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_literal(out, e, depth + 1);
        }
    };
    match l {
        Literal::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Literal::Float(f) => {
            let _ = write!(out, "{f:?}");
        }
        Literal::Atom(a) => out.push_str(&quote_atom(a)),
        Literal::Nil => out.push_str("[]"),
        Literal::List(elems, tail) if **tail == Literal::Nil && printable(elems) => {
            out.push('"');
            for e in elems {
                if let Literal::Int(n) = e {
                    match u8::try_from(n).map(char::from) {
                        Ok('"') => out.push_str("\\\""),
                        Ok('\\') => out.push_str("\\\\"),
                        Ok('\n') => out.push_str("\\n"),
                        Ok('\t') => out.push_str("\\t"),
                        Ok(c) => out.push(c),
                        Err(_) => {}
                    }
                }
            }
            out.push('"');
        }
        Literal::List(elems, tail) => {
            out.push('[');
            list(out, elems);
            if **tail != Literal::Nil {
                out.push('|');
                write_literal(out, tail, depth + 1);
            }
            out.push(']');
        }
        Literal::Tuple(elems) => {
            out.push('{');
            list(out, elems);
            out.push('}');
        }
        Literal::Map(pairs) => {
            out.push_str("#{");
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_literal(out, k, depth + 1);
                out.push_str("=>");
                write_literal(out, v, depth + 1);
            }
            out.push('}');
        }
        Literal::Binary(bytes, bits) => {
            out.push_str("<<");
            let full = (*bits / 8) as usize;
            let parts: Vec<String> = bytes.iter().take(full).map(|b| b.to_string()).collect();
            out.push_str(&parts.join(","));
            let rest = bits % 8;
            if rest != 0 {
                if let Some(b) = bytes.get(full) {
                    if full > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "{}:{rest}", b >> (8 - rest));
                }
            }
            out.push_str(">>");
        }
        Literal::ExportFun(m, f, a) => {
            let _ = write!(out, "fun {}:{}/{a}", quote_atom(m), quote_atom(f));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::tests::every_instruction_module;

    #[test]
    fn lists_every_instruction_with_labels() {
        let m = every_instruction_module();
        let text = disassemble(&m);
        assert!(text.starts_with("module m (file \"m.erl\")\n"), "{text}");
        assert!(text.contains("\nfunction f/2  [0.."), "{text}");
        assert!(text.contains("  L1:\n"), "{text}");
        assert!(text.contains("func_info/2 m f"), "{text}");
        assert!(text.contains("call_ext/0 m:f/0"), "{text}");
        assert!(text.contains("move lit#0<"), "{text}");
        assert!(text.contains("'héllo wörld'"), "{text}");
        assert!(text.contains("fun lists:map/2"), "{text}");
        assert!(text.contains("<<1,2,7:3>>"), "{text}");
        let hello: Vec<Literal> = "a\"b\n".bytes().map(|b| Literal::Int(b.into())).collect();
        assert_eq!(
            literal_text(&Literal::List(hello, Box::new(Literal::Nil))),
            "\"a\\\"b\\n\""
        );
        assert!(text.contains("; line 300000"), "{text}");
        // One line per instruction.
        let code = &text[text.find("\nfunction ").unwrap()..];
        let listed = code.lines().filter(|l| l.starts_with("    ")).count();
        assert_eq!(listed, m.code.len());
    }

    #[test]
    fn atoms_are_quoted_as_erlang_does() {
        assert_eq!(quote_atom("ok"), "ok");
        assert_eq!(quote_atom("EXIT"), "'EXIT'");
        assert_eq!(quote_atom("a b"), "'a b'");
        assert_eq!(quote_atom("case"), "'case'");
        assert_eq!(quote_atom(""), "''");
        assert_eq!(quote_atom("it's"), "'it\\'s'");
        assert_eq!(quote_atom("node@host"), "node@host");
    }
}
