//! Lowering, part 2: patterns and guards. Patterns become [`Pat`]s: a variable already bound
//! (in scope, or earlier in the same pattern) becomes a fresh variable plus an `=:=` test that is
//! prepended to the clause's guard, as OTP's `v3_core` does. Guards become [`Guard`]s evaluated with
//! guard semantics by codegen. Also the bit-syntax segment specifier rules shared with binary
//! construction. It reports illegal patterns and guard expressions.

use crate::ast::{self, BinOp, BinSpecifier, CallTarget, Expr, Span, UnOp};
use crate::core::*;
use crate::diagnostics::{Diagnostic, Kind};
use crate::lower::{const_literal, is_guard_bif, string_lit, Lowerer};
use crate::scope::Binding;
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::{ArithOp, BsFlags, BsType, MapPut, UnaryOp};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// State while lowering one pattern (or the patterns of one clause head).
pub(crate) struct PatState {
    /// Every variable is fresh (fun heads and generator patterns shadow outer variables).
    shadow: bool,
    /// Names bound by this pattern so far.
    new: Vec<(String, VarId, Span)>,
    /// Equality tests `(existing, fresh)` for repeated or already-bound variables.
    eqs: Vec<(VarId, VarId)>,
    /// Where shadowing happens, for the warning (`'fun'` or `generate`, as OTP words it).
    pub shadow_in: &'static str,
}

/// Type, unit and flags from a segment's specifiers (defaults: integer, unsigned, big).
pub(crate) fn seg_spec(specs: &[BinSpecifier]) -> (BsType, u16, BsFlags, bool) {
    let mut ty = BsType::Integer;
    let mut unit = None;
    let mut flags = BsFlags::default();
    let mut bits = false;
    for s in specs {
        match s {
            BinSpecifier::Integer => ty = BsType::Integer,
            BinSpecifier::Float => ty = BsType::Float,
            BinSpecifier::Binary => ty = BsType::Binary,
            BinSpecifier::Bitstring => {
                ty = BsType::Binary;
                bits = true;
            }
            BinSpecifier::Utf8 => ty = BsType::Utf8,
            BinSpecifier::Utf16 => ty = BsType::Utf16,
            BinSpecifier::Utf32 => ty = BsType::Utf32,
            BinSpecifier::Signed => flags.signed = true,
            BinSpecifier::Unsigned => flags.signed = false,
            BinSpecifier::Big => {
                flags.little = false;
                flags.native = false
            }
            BinSpecifier::Little => flags.little = true,
            BinSpecifier::Native => flags.native = true,
            BinSpecifier::Unit(u) => unit = Some(*u as u16),
        }
    }
    let unit = unit.unwrap_or(match ty {
        BsType::Binary if !bits => 8,
        _ => 1,
    });
    let is_bitstring = ty == BsType::Binary && bits;
    (ty, unit, flags, is_bitstring)
}

/// Evaluates constant arithmetic in patterns (`-1`, `2 + 3`, `1 bsl 4`).
pub(crate) fn const_eval(e: &Expr) -> Option<Literal> {
    match e {
        Expr::UnaryOp(op, a, _) => {
            let a = const_eval(a)?;
            match (op, a) {
                (UnOp::Neg, Literal::Int(i)) => Some(Literal::Int(-i)),
                (UnOp::Neg, Literal::Float(f)) => Some(Literal::Float(-f)),
                (UnOp::Plus, l @ (Literal::Int(_) | Literal::Float(_))) => Some(l),
                (UnOp::Bnot, Literal::Int(i)) => Some(Literal::Int(-i - 1)),
                _ => None,
            }
        }
        Expr::BinaryOp(op, a, b, _) => {
            let (Literal::Int(x), Literal::Int(y)) = (const_eval(a)?, const_eval(b)?) else {
                return None;
            };
            let r = match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div if !y.is_zero() => &x / &y,
                BinOp::Rem if !y.is_zero() => x % y,
                BinOp::Band => x & y,
                BinOp::Bor => x | y,
                BinOp::Bxor => x ^ y,
                BinOp::Bsl if !y.is_negative() => x << y.to_usize()?.min(1 << 20),
                BinOp::Bsr if !y.is_negative() => x >> y.to_usize()?.min(1 << 20),
                _ => return None,
            };
            Some(Literal::Int(r))
        }
        _ => const_literal(e),
    }
}

impl Lowerer<'_> {
    pub(crate) fn pat_state(&self, shadow: bool) -> PatState {
        PatState {
            shadow,
            new: Vec::new(),
            eqs: Vec::new(),
            shadow_in: "'fun'",
        }
    }

    /// Binds the pattern's new names in the current scope; returns the equality tests.
    pub(crate) fn commit_pattern(&mut self, ps: PatState) -> Vec<(VarId, VarId)> {
        for (name, v, span) in ps.new {
            self.cx().scope.bind(&name, v);
            self.cx().bindings.push((name, v, span));
        }
        ps.eqs
    }

    fn pat_var(&mut self, name: &str, span: Span, ps: &mut PatState) -> Pat {
        if let Some((_, v, _)) = ps.new.iter().find(|(n, _, _)| n == name) {
            let v = *v;
            let f = self.fresh();
            ps.eqs.push((v, f));
            {
                let d = self.ctxs.len() - 1;
                self.mark_used(d, v, name);
            }
            return Pat::Var(f);
        }
        if !ps.shadow {
            match self.is_bound(name) {
                Ok(Some(v)) => {
                    let f = self.fresh();
                    ps.eqs.push((v, f));
                    {
                        let d = self.ctxs.len() - 1;
                        self.mark_used(d, v, name);
                    }
                    return Pat::Var(f);
                }
                Err((kind, at)) => {
                    let kind = self.unsafe_variable(name, kind, at);
                    self.error(kind, span);
                    // erl_lint binds it from here on, so later uses are not reported again.
                }
                Ok(None) => {}
            }
        } else {
            self.warn_shadow(name, span, ps);
        }
        let v = self.fresh();
        ps.new.push((name.to_string(), v, span));
        Pat::Var(v)
    }

    /// Warns when a fresh variable of a fun head or generator hides a variable of an enclosing
    /// function ("variable 'X' shadowed in 'fun'").
    fn warn_shadow(&mut self, name: &str, span: Span, ps: &PatState) {
        if !ps.shadow || name.starts_with('_') {
            return;
        }
        let n = self.ctxs.len();
        let outer = self.ctxs[..n.saturating_sub(1)].iter().any(|c| {
            matches!(c.scope.get(name), Some(Binding::Bound(_))) || c.captured.contains_key(name)
        }) || self.ctxs[n - 1].captured.contains_key(name);
        if outer {
            let kind = Kind::ShadowedVariable {
                name: name.to_string(),
                construct: ps.shadow_in,
            };
            self.diags.push(Diagnostic::new(kind, span));
        }
    }

    /// Lowers a top-level head pattern matched against variable `arg`: a new variable is bound to
    /// `arg` itself instead of a copy.
    pub(crate) fn head_pattern(&mut self, e: &Expr, arg: VarId, ps: &mut PatState) -> Pat {
        if let Expr::Var(name, span) = e {
            let fresh = !ps.new.iter().any(|(n, _, _)| n == name)
                && (ps.shadow || matches!(self.is_bound(name), Ok(None)));
            if fresh {
                self.warn_shadow(name, *span, ps);
                ps.new.push((name.clone(), arg, *span));
                return Pat::Wild;
            }
        }
        self.pattern(e, ps)
    }

    /// Lowers a pattern.
    pub(crate) fn pattern(&mut self, e: &Expr, ps: &mut PatState) -> Pat {
        match e {
            Expr::Integer(i, _) => Pat::Lit(Literal::Int(i.clone())),
            Expr::Float(f, _) => Pat::Lit(Literal::Float(*f)),
            Expr::Atom(a, _) => Pat::Lit(Literal::Atom(a.clone())),
            Expr::Nil(_) => Pat::Lit(Literal::Nil),
            Expr::String(s, _) => string_pat(s, Pat::Lit(Literal::Nil)),
            Expr::Var(name, span) => self.pat_var(name, *span, ps),
            Expr::AnonymousVar(_) => Pat::Wild,
            Expr::Tuple(es, _) => Pat::Tuple(es.iter().map(|e| self.pattern(e, ps)).collect()),
            Expr::Cons(h, t, _) => {
                let h = self.pattern(h, ps);
                let t = self.pattern(t, ps);
                Pat::Cons(Box::new(h), Box::new(t))
            }
            Expr::Map(assocs, _) => {
                let mut kvs = Vec::new();
                if let Some(a) = assocs.iter().find(|a| a.kind != ast::MapAssocKind::Exact) {
                    // erl_lint: the whole pattern is illegal (reported at the `=>`), so none
                    // of its variables is bound.
                    let at = self.after(a.key.span().end);
                    self.error(Kind::IllegalMapPattern, at);
                    return Pat::Wild;
                }
                for a in assocs {
                    let k = match const_eval(&a.key) {
                        Some(l) => Operand::Lit(l),
                        None => self.expr(&a.key),
                    };
                    let v = self.pattern(&a.value, ps);
                    kvs.push((k, v));
                }
                Pat::Map(kvs)
            }
            Expr::Binary(segs, span) => self.bin_pattern(segs, *span, ps),
            Expr::Match(a, b, span) => {
                let pa = self.pattern(a, ps);
                let pb = self.pattern(b, ps);
                match (pa, pb) {
                    (Pat::Var(v), p) | (p, Pat::Var(v)) => Pat::Alias(v, Box::new(p)),
                    (Pat::Wild, p) | (p, Pat::Wild) => p,
                    (Pat::Alias(v, inner), p) if *inner == Pat::Wild => Pat::Alias(v, Box::new(p)),
                    (a, b) => match merge_pats(a, b) {
                        Some(p) => p,
                        None => {
                            self.error(Kind::UnsupportedPatternCombination, *span);
                            Pat::Wild
                        }
                    },
                }
            }
            Expr::Record { name, fields, span } => {
                let Some(def) = self.records.get(name).copied() else {
                    self.unresolved_record(name, *span);
                    return Pat::Wild;
                };
                let wildcard = fields.iter().find(|f| f.name.is_none());
                for f in fields {
                    if let Some(n) = &f.name {
                        if !def.fields.iter().any(|d| &d.name == n) {
                            self.unresolved_field(def, n, f.span);
                        }
                    }
                }
                let mut elems = vec![Pat::Lit(Literal::Atom(name.clone()))];
                for d in &def.fields {
                    let given = fields.iter().find(|f| f.name.as_deref() == Some(&d.name));
                    elems.push(match (given, wildcard) {
                        (Some(f), _) => self.pattern(&f.value, ps),
                        (None, Some(w)) => self.pattern(&w.value, ps),
                        (None, None) => Pat::Wild,
                    });
                }
                Pat::Tuple(elems)
            }
            Expr::RecordIndex { name, field, span } => match self.field_index(name, field, *span) {
                Some((i, _)) => Pat::Lit(Literal::Int(BigInt::from(i))),
                None => Pat::Wild,
            },
            Expr::BinaryOp(BinOp::Append, a, b, span) => match &**a {
                Expr::String(s, _) => {
                    let tail = self.pattern(b, ps);
                    string_pat(s, tail)
                }
                Expr::Nil(_) => self.pattern(b, ps),
                _ => {
                    let _ = span;
                    let at = self.after(a.span().end);
                    self.error(Kind::IllegalPattern, at);
                    Pat::Wild
                }
            },
            other => match const_eval(other) {
                Some(l @ (Literal::Int(_) | Literal::Float(_))) => Pat::Lit(l),
                _ => {
                    let at = match other {
                        Expr::BinaryOp(_, a, _, _) => self.after(a.span().end),
                        _ => other.span(),
                    };
                    self.error(Kind::IllegalPattern, at);
                    Pat::Wild
                }
            },
        }
    }

    fn bin_pattern(&mut self, segs: &[ast::BinSegment], _span: Span, ps: &mut PatState) -> Pat {
        let mut out = Vec::new();
        // Only variables bound earlier in this binary may size its segments.
        let bin_start = ps.new.len();
        for (i, s) in segs.iter().enumerate() {
            let (ty, unit, flags, _) = seg_spec(&s.specifiers);
            let last = i + 1 == segs.len();
            let size = match &s.size {
                Some(e) => match e {
                    Expr::Integer(n, _) => SegSize::Op(Operand::Lit(Literal::Int(n.clone()))),
                    Expr::Var(name, span) => {
                        if let Some(i) = ps.new[..bin_start].iter().position(|(n, _, _)| n == name)
                        {
                            let _ = i;
                            let kind = Kind::UnboundVariable {
                                name: name.clone(),
                                in_scope: None,
                            };
                            self.error(kind, *span);
                            SegSize::Default
                        } else if let Some((_, v, _)) =
                            ps.new[bin_start..].iter().find(|(n, _, _)| n == name)
                        {
                            let v = *v;
                            {
                                let d = self.ctxs.len() - 1;
                                self.mark_used(d, v, name);
                            }
                            SegSize::Op(Operand::Var(v))
                        } else {
                            SegSize::Op(self.use_var(name, *span))
                        }
                    }
                    other => match const_eval(other) {
                        Some(l) => SegSize::Op(Operand::Lit(l)),
                        None => {
                            // A guard expression over variables of this binary (and outer ones).
                            let saved = self.cx().scope.clone();
                            for (n, v, _) in &ps.new[bin_start..] {
                                self.cx().scope.bind(n, *v);
                            }
                            let g = self.gexpr(other);
                            self.cx().scope = saved;
                            SegSize::Guard(Box::new(g))
                        }
                    },
                },
                None => match ty {
                    BsType::Binary => {
                        if !last {
                            self.error(Kind::BinaryTailNotLast, s.span);
                        }
                        SegSize::All
                    }
                    _ => SegSize::Default,
                },
            };
            match &s.value {
                Expr::String(text, _) => {
                    for c in text.chars() {
                        let (ty, size) = match ty {
                            BsType::Utf8 | BsType::Utf16 | BsType::Utf32 => (ty, SegSize::Default),
                            _ => (BsType::Integer, size.clone()),
                        };
                        out.push(PSeg {
                            ty,
                            size,
                            unit,
                            flags,
                            value: Pat::Lit(Literal::Int(BigInt::from(c as u32))),
                        });
                    }
                }
                v => {
                    let value = match v {
                        Expr::Var(..) | Expr::AnonymousVar(_) => self.pattern(v, ps),
                        other => match const_eval(other) {
                            Some(l @ (Literal::Int(_) | Literal::Float(_))) => Pat::Lit(l),
                            _ => {
                                self.error(Kind::IllegalBinarySegment, other.span());
                                Pat::Wild
                            }
                        },
                    };
                    // A float literal in an integer segment can never match; let matching fail.
                    out.push(PSeg {
                        ty,
                        size,
                        unit,
                        flags,
                        value,
                    });
                }
            }
        }
        Pat::Bin(out)
    }

    // ---- guards ----

    /// Lowers a clause guard, prepending the equality tests of repeated variables.
    pub(crate) fn guard(
        &mut self,
        guards: &[Vec<Expr>],
        eqs: Vec<(VarId, VarId)>,
    ) -> Option<Guard> {
        let eq_tests: Vec<GExpr> = eqs
            .iter()
            .map(|(a, b)| {
                GExpr::Bif(
                    "=:=".into(),
                    vec![GExpr::Op(Operand::Var(*a)), GExpr::Op(Operand::Var(*b))],
                )
            })
            .collect();
        if guards.is_empty() {
            return if eq_tests.is_empty() {
                None
            } else {
                Some(Guard(vec![eq_tests]))
            };
        }
        let mut alts = Vec::new();
        let mut always = false;
        for alt in guards {
            let mut tests = eq_tests.clone();
            let mut trivially_true = true;
            for t in alt {
                let g = self.gexpr(t);
                if g != GExpr::Op(Operand::atom("true")) {
                    trivially_true = false;
                }
                tests.push(g);
            }
            if trivially_true {
                always = true;
            }
            alts.push(tests);
        }
        if always && eq_tests.is_empty() {
            return None;
        }
        Some(Guard(alts))
    }

    /// Lowers one guard expression.
    pub(crate) fn gexpr(&mut self, e: &Expr) -> GExpr {
        match e {
            Expr::Integer(..) | Expr::Float(..) | Expr::Atom(..) | Expr::Nil(_) => {
                GExpr::Op(Operand::Lit(const_literal(e).unwrap_or(Literal::Nil)))
            }
            Expr::String(s, _) => GExpr::Op(Operand::Lit(string_lit(s))),
            Expr::Var(name, span) => GExpr::Op(self.use_var(name, *span)),
            Expr::Tuple(es, _) => GExpr::Tuple(es.iter().map(|e| self.gexpr(e)).collect()),
            Expr::Cons(h, t, _) => GExpr::Cons(Box::new(self.gexpr(h)), Box::new(self.gexpr(t))),
            Expr::BinaryOp(op, a, b, span) => {
                let x = self.gexpr(a);
                let y = self.gexpr(b);
                let (x, y) = (Box::new(x), Box::new(y));
                match op {
                    BinOp::AndAlso => GExpr::AndAlso(x, y),
                    BinOp::OrElse => GExpr::OrElse(x, y),
                    BinOp::Add => GExpr::Arith(ArithOp::Add, x, y),
                    BinOp::Sub => GExpr::Arith(ArithOp::Sub, x, y),
                    BinOp::Mul => GExpr::Arith(ArithOp::Mul, x, y),
                    BinOp::FDiv => GExpr::Arith(ArithOp::Div, x, y),
                    BinOp::Div => GExpr::Arith(ArithOp::IntDiv, x, y),
                    BinOp::Rem => GExpr::Arith(ArithOp::Rem, x, y),
                    BinOp::Band => GExpr::Arith(ArithOp::Band, x, y),
                    BinOp::Bor => GExpr::Arith(ArithOp::Bor, x, y),
                    BinOp::Bxor => GExpr::Arith(ArithOp::Bxor, x, y),
                    BinOp::Bsl => GExpr::Arith(ArithOp::Bsl, x, y),
                    BinOp::Bsr => GExpr::Arith(ArithOp::Bsr, x, y),
                    BinOp::Eq
                    | BinOp::Ne
                    | BinOp::Le
                    | BinOp::Lt
                    | BinOp::Ge
                    | BinOp::Gt
                    | BinOp::ExactEq
                    | BinOp::ExactNe
                    | BinOp::And
                    | BinOp::Or
                    | BinOp::Xor => GExpr::Bif(op.as_str().into(), vec![*x, *y]),
                    BinOp::Send | BinOp::Append | BinOp::Subtract => {
                        let _ = span;
                        let at = self.after(a.span().end);
                        self.error(Kind::IllegalGuard, at);
                        GExpr::Op(Operand::atom("false"))
                    }
                }
            }
            Expr::UnaryOp(op, a, _) => {
                if let Some(l) = const_eval(e) {
                    return GExpr::Op(Operand::Lit(l));
                }
                let x = Box::new(self.gexpr(a));
                match op {
                    UnOp::Not => GExpr::Bif("not".into(), vec![*x]),
                    UnOp::Neg => GExpr::Unary(UnaryOp::Neg, x),
                    UnOp::Plus => GExpr::Unary(UnaryOp::Plus, x),
                    UnOp::Bnot => GExpr::Unary(UnaryOp::Bnot, x),
                }
            }
            Expr::Call { target, args, span } => {
                let name = match target {
                    CallTarget::Local(n, _) => Some(n.as_str()),
                    CallTarget::Remote(m, f) => match (&**m, &**f) {
                        (Expr::Atom(m, _), Expr::Atom(f, _)) if m == "erlang" => Some(f.as_str()),
                        _ => None,
                    },
                    CallTarget::Expr(_) => None,
                };
                let arity = args.len() as u32;
                match name {
                    Some("is_record") if arity == 2 => {
                        if let Expr::Atom(rec, _) = &args[1] {
                            let x = self.gexpr(&args[0]);
                            if let Some(def) = self.records.get(rec) {
                                let size = def.fields.len() as u32 + 1;
                                return GExpr::IsRecord(Box::new(x), rec.clone(), size);
                            }
                            self.unresolved_record(rec, args[1].span());
                            return GExpr::Op(Operand::atom("false"));
                        }
                        let gs = args.iter().map(|a| self.gexpr(a)).collect();
                        GExpr::Bif("is_record".into(), gs)
                    }
                    Some(n) if is_guard_bif(n, arity) || is_operator(n, arity) => {
                        let gs = args.iter().map(|a| self.gexpr(a)).collect();
                        GExpr::Bif(n.to_string(), gs)
                    }
                    _ => {
                        let local = match target {
                            CallTarget::Local(n, _) => {
                                let key = (n.clone(), arity);
                                (self.locals.contains(&key) || self.imports.contains_key(&key))
                                    .then(|| n.clone())
                            }
                            _ => None,
                        };
                        match local {
                            Some(name) => {
                                for a in args {
                                    self.gexpr(a);
                                }
                                self.error(Kind::GuardCallsLocal { name, arity }, *span);
                            }
                            None => self.error(Kind::IllegalGuard, *span),
                        }
                        GExpr::Op(Operand::atom("false"))
                    }
                }
            }
            Expr::RecordField {
                expr,
                name,
                field,
                span,
            } => {
                let src = self.gexpr(expr);
                match self.field_index(name, field, *span) {
                    Some((index, size)) => GExpr::RecordField {
                        src: Box::new(src),
                        tag: name.clone(),
                        size,
                        index,
                    },
                    None => GExpr::Op(Operand::atom("false")),
                }
            }
            Expr::RecordIndex { name, field, span } => match self.field_index(name, field, *span) {
                Some((i, _)) => GExpr::Op(Operand::Lit(Literal::Int(BigInt::from(i)))),
                None => GExpr::Op(Operand::atom("false")),
            },
            Expr::Record { name, fields, span } => {
                let Some(def) = self.records.get(name).copied() else {
                    self.unresolved_record(name, *span);
                    return GExpr::Op(Operand::atom("false"));
                };
                let wildcard = fields.iter().find(|f| f.name.is_none());
                let mut elems = vec![GExpr::Op(Operand::atom(name))];
                for d in &def.fields {
                    let given = fields.iter().find(|f| f.name.as_deref() == Some(&d.name));
                    elems.push(match (given, wildcard, &d.default) {
                        (Some(f), _, _) => self.gexpr(&f.value),
                        (None, Some(w), _) => self.gexpr(&w.value),
                        (None, None, Some(def)) => self.gexpr(def),
                        (None, None, None) => GExpr::Op(Operand::atom("undefined")),
                    });
                }
                GExpr::Tuple(elems)
            }
            Expr::Map(assocs, _) => {
                let kvs = assocs
                    .iter()
                    .map(|a| (self.gexpr(&a.key), self.gexpr(&a.value)))
                    .collect();
                GExpr::MapPut(
                    MapPut::Assoc,
                    Box::new(GExpr::Op(Operand::Lit(Literal::Map(Vec::new())))),
                    kvs,
                )
            }
            Expr::MapUpdate(m, assocs, _) => {
                let mut cur = self.gexpr(m);
                for a in assocs {
                    let kind = match a.kind {
                        ast::MapAssocKind::Assoc => MapPut::Assoc,
                        ast::MapAssocKind::Exact => MapPut::Exact,
                    };
                    let kv = (self.gexpr(&a.key), self.gexpr(&a.value));
                    cur = GExpr::MapPut(kind, Box::new(cur), vec![kv]);
                }
                cur
            }
            Expr::Block(es, _) if es.len() == 1 => self.gexpr(&es[0]),
            Expr::Binary(segs, _) => self.guard_binary(segs),
            other => {
                self.error(Kind::IllegalGuard, other.span());
                GExpr::Op(Operand::atom("false"))
            }
        }
    }

    /// Position (1-based tuple element, i.e. field position + 1) and record tuple size.
    pub(crate) fn field_index(&mut self, rec: &str, field: &str, span: Span) -> Option<(u32, u32)> {
        let Some(def) = self.records.get(rec).copied() else {
            let at = crate::checks::record_hash_span(span, rec, field);
            self.unresolved_record(rec, at);
            return None;
        };
        match def.fields.iter().position(|f| f.name == field) {
            Some(i) => Some((i as u32 + 2, def.fields.len() as u32 + 1)),
            None => {
                // `E#r.f` and `#r.f` end with the field name; erl_lint points at it.
                let at = crate::checks::field_name_span(span, field);
                self.unresolved_field(def, field, at);
                None
            }
        }
    }
}

/// Comparison and boolean operators callable as `erlang:Op/2` in guards.
fn is_operator(name: &str, arity: u32) -> bool {
    matches!(
        (name, arity),
        (
            "==" | "/=" | "=<" | "<" | ">=" | ">" | "=:=" | "=/=" | "and" | "or" | "xor",
            2
        ) | ("not", 1)
    )
}

/// A string pattern: a cons chain of character constants ending in `tail`.
fn string_pat(s: &str, tail: Pat) -> Pat {
    let mut p = tail;
    for c in s.chars().rev() {
        p = Pat::Cons(
            Box::new(Pat::Lit(Literal::Int(BigInt::from(c as u32)))),
            Box::new(p),
        );
    }
    p
}

/// Merges two patterns that must both match the same value (`{A, _} = {_, B}`), where possible.
fn merge_pats(a: Pat, b: Pat) -> Option<Pat> {
    match (a, b) {
        (Pat::Wild, p) | (p, Pat::Wild) => Some(p),
        (Pat::Var(v), p) | (p, Pat::Var(v)) => Some(Pat::Alias(v, Box::new(p))),
        (Pat::Alias(v, x), p) | (p, Pat::Alias(v, x)) => {
            Some(Pat::Alias(v, Box::new(merge_pats(*x, p)?)))
        }
        (Pat::Tuple(xs), Pat::Tuple(ys)) if xs.len() == ys.len() => Some(Pat::Tuple(
            xs.into_iter()
                .zip(ys)
                .map(|(x, y)| merge_pats(x, y))
                .collect::<Option<_>>()?,
        )),
        (Pat::Cons(h1, t1), Pat::Cons(h2, t2)) => Some(Pat::Cons(
            Box::new(merge_pats(*h1, *h2)?),
            Box::new(merge_pats(*t1, *t2)?),
        )),
        (Pat::Lit(x), Pat::Lit(y)) if x == y => Some(Pat::Lit(x)),
        _ => None,
    }
}
