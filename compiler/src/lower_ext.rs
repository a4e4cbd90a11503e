//! Lowering, part 3: records (expanded to tuples, with `{badrecord, R}` checks as OTP 25), binary
//! construction, funs (lambda lifting: free variables become trailing parameters), local fun
//! references, list/binary comprehensions (lifted to recursive functions named as BEAM does),
//! `receive`, and `try ... of ... catch ... after`.

use crate::ast::{self, Expr, Qualifier, Span};
use crate::core::*;
use crate::diagnostics::{Diagnostic, Kind};
use crate::lower::{is_auto_imported, FnCtx, Lowerer};
use crate::lower_pat::seg_spec;
use crate::scope::{Binding, Scope};
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::BsType;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// A comprehension tail: produces the list that follows the elements of the current level.
type Tail<'t, 'a> = &'t mut dyn FnMut(&mut Lowerer<'a>) -> Operand;

impl<'a> Lowerer<'a> {
    // ---- records ----

    fn record_def(&mut self, name: &str, span: Span) -> Option<&'a ast::RecordDef> {
        let def = self.records.get(name).copied();
        if def.is_none() {
            self.unresolved_record(name, span);
        }
        def
    }

    fn check_fields(&mut self, def: &ast::RecordDef, fields: &[ast::RecordField]) {
        for f in fields {
            if let Some(n) = &f.name {
                if !def.fields.iter().any(|d| &d.name == n) {
                    self.unresolved_field(def, n, f.span);
                }
            }
        }
    }

    /// `#r{f = V, _ = W}`: a tuple in field order; unspecified fields take `_`'s value, the
    /// field default, or `undefined`.
    pub(crate) fn record_new(
        &mut self,
        name: &str,
        fields: &[ast::RecordField],
        span: Span,
    ) -> Operand {
        let Some(def) = self.record_def(name, span) else {
            return Operand::atom("undefined");
        };
        self.check_fields(def, fields);
        let wildcard = fields.iter().find(|f| f.name.is_none());
        let mut ops = vec![Operand::atom(name)];
        for d in &def.fields {
            let given = fields.iter().find(|f| f.name.as_deref() == Some(&d.name));
            let v = match (given, wildcard, &d.default) {
                (Some(f), _, _) => self.expr(&f.value),
                (None, Some(w), _) => self.expr(&w.value),
                (None, None, Some(e)) => self.expr(e),
                (None, None, None) => Operand::atom("undefined"),
            };
            ops.push(v);
        }
        self.make_tuple(ops, span)
    }

    /// `record_info(fields | size, r)`, evaluated at compile time as OTP does.
    pub(crate) fn record_info(&mut self, what: &Expr, rec: &Expr, span: Span) -> Operand {
        let (Expr::Atom(what, what_span), Expr::Atom(rec, _)) = (what, rec) else {
            self.unresolved
                .push(Diagnostic::new(Kind::IllegalRecordInfo, span));
            return Operand::atom("undefined");
        };
        let Some(def) = self.record_def(rec, span) else {
            return Operand::atom("undefined");
        };
        match what.as_str() {
            "size" => Operand::Lit(Literal::Int(BigInt::from(def.fields.len() + 1))),
            "fields" => {
                let names: Vec<Literal> = def
                    .fields
                    .iter()
                    .map(|f| Literal::Atom(f.name.clone()))
                    .collect();
                if names.is_empty() {
                    Operand::Lit(Literal::Nil)
                } else {
                    Operand::Lit(Literal::List(names, Box::new(Literal::Nil)))
                }
            }
            _ => {
                // At the first argument, as erl_lint.
                let d = Diagnostic::new(Kind::IllegalRecordInfo, *what_span);
                self.unresolved.push(d);
                Operand::atom("undefined")
            }
        }
    }

    /// A one-clause match of `v` against the record shape, raising `{badrecord, V}`.
    fn record_case(&mut self, v: VarId, pats: Vec<Pat>, body: Block, span: Span) -> Operand {
        let clause = CClause {
            pats: vec![Pat::Tuple(pats)],
            guard: None,
            body,
            line: self.line(span),
            span,
        };
        self.emit(
            CExpr::Case {
                args: vec![v],
                clauses: vec![clause],
                fail: Fail::Badrecord(Operand::Var(v)),
                tree: None,
            },
            span,
        )
    }

    /// `E#r.f`.
    pub(crate) fn record_get(&mut self, e: &Expr, name: &str, field: &str, span: Span) -> Operand {
        let v = self.expr(e);
        let Some((index, size)) = self.field_index(name, field, span) else {
            return Operand::atom("undefined");
        };
        let v = self.force_var(v, span);
        let fv = self.fresh();
        let mut pats = vec![Pat::Lit(Literal::Atom(name.to_string()))];
        for i in 2..=size {
            pats.push(if i == index { Pat::Var(fv) } else { Pat::Wild });
        }
        self.record_case(v, pats, Block::of(Operand::Var(fv)), span)
    }

    /// `E#r{f = V}`.
    pub(crate) fn record_update(
        &mut self,
        e: &Expr,
        name: &str,
        fields: &[ast::RecordField],
        span: Span,
    ) -> Operand {
        let v = self.expr(e);
        let Some(def) = self.record_def(name, span) else {
            return Operand::atom("undefined");
        };
        self.check_fields(def, fields);
        let v = self.force_var(v, span);
        let mut new_vals = Vec::new();
        for d in &def.fields {
            let given = fields.iter().find(|f| f.name.as_deref() == Some(&d.name));
            new_vals.push(given.map(|f| self.expr(&f.value)));
        }
        let mut pats = vec![Pat::Lit(Literal::Atom(name.to_string()))];
        let mut elems = vec![Operand::atom(name)];
        for nv in new_vals {
            match nv {
                Some(o) => {
                    pats.push(Pat::Wild);
                    elems.push(o);
                }
                None => {
                    let f = self.fresh();
                    pats.push(Pat::Var(f));
                    elems.push(Operand::Var(f));
                }
            }
        }
        let t = self.fresh();
        let body = Block {
            stmts: vec![Stmt {
                var: t,
                expr: CExpr::Tuple(elems),
                line: self.line(span),
                export: false,
            }],
            ret: Operand::Var(t),
        };
        self.record_case(v, pats, body, span)
    }

    // ---- binaries ----

    /// Binary construction; constant byte strings become literals.
    pub(crate) fn binary(&mut self, segs: &[ast::BinSegment], span: Span) -> Operand {
        if let Some(bytes) = const_bytes(segs) {
            let bits = bytes.len() as u64 * 8;
            return Operand::Lit(Literal::Binary(bytes, bits));
        }
        let mut out = Vec::new();
        for s in segs {
            let (ty, unit, flags, _) = seg_spec(&s.specifiers);
            let size = match &s.size {
                Some(e) => SegSize::Op(self.expr(e)),
                None if ty == BsType::Binary => SegSize::All,
                None => SegSize::Default,
            };
            match &s.value {
                Expr::String(text, _) if !matches!(ty, BsType::Binary) => {
                    for c in text.chars() {
                        out.push(CSeg {
                            ty,
                            value: Operand::Lit(Literal::Int(BigInt::from(c as u32))),
                            size: size.clone(),
                            unit,
                            flags,
                        });
                    }
                }
                v => {
                    let value = self.expr(v);
                    out.push(CSeg {
                        ty,
                        value,
                        size,
                        unit,
                        flags,
                    });
                }
            }
        }
        self.emit(CExpr::Binary(out), span)
    }

    /// Binary construction in a guard, segment by segment as [`Self::binary`] lowers it.
    pub(crate) fn guard_binary(&mut self, segs: &[ast::BinSegment]) -> GExpr {
        if let Some(bytes) = const_bytes(segs) {
            let bits = bytes.len() as u64 * 8;
            return GExpr::Op(Operand::Lit(Literal::Binary(bytes, bits)));
        }
        let mut out = Vec::new();
        for s in segs {
            let (ty, unit, flags, _) = seg_spec(&s.specifiers);
            let size = match &s.size {
                Some(e) => SegSize::Guard(Box::new(self.gexpr(e))),
                None if ty == BsType::Binary => SegSize::All,
                None => SegSize::Default,
            };
            match &s.value {
                Expr::String(text, _) if !matches!(ty, BsType::Binary) => {
                    for c in text.chars() {
                        out.push(GSeg {
                            ty,
                            value: GExpr::Op(Operand::Lit(Literal::Int(BigInt::from(c as u32)))),
                            size: size.clone(),
                            unit,
                            flags,
                        });
                    }
                }
                v => {
                    let value = self.gexpr(v);
                    out.push(GSeg {
                        ty,
                        value,
                        size,
                        unit,
                        flags,
                    });
                }
            }
        }
        GExpr::Binary(out)
    }

    // ---- funs ----

    /// Finishes a lifted function context into a [`CFun`] and returns the captured outer values.
    fn finish_lifted(
        &mut self,
        name: String,
        user_params: Vec<VarId>,
        body: Block,
        lambda: bool,
        span: Span,
    ) -> (String, u32, Vec<Operand>) {
        let ctx: FnCtx = match self.ctxs.pop() {
            Some(c) => c,
            None => return (name, 0, Vec::new()),
        };
        for (n, v, s) in &ctx.bindings {
            if !n.starts_with('_') && !ctx.used.contains(&(*v, n.clone())) {
                self.diags
                    .push(Diagnostic::new(Kind::UnusedVariable(n.clone()), *s));
            }
        }
        let user_arity = user_params.len() as u32;
        let mut params = user_params;
        params.extend(ctx.free.iter().map(|(_, inner)| *inner));
        let num_free = ctx.free.len() as u32;
        let arity = params.len() as u32;
        let outer: Vec<Operand> = ctx.free.iter().map(|(o, _)| Operand::Var(*o)).collect();
        self.out.push(CFun {
            name: name.clone(),
            arity,
            params,
            num_free,
            lambda: lambda.then_some(LambdaInfo {
                user_arity,
                num_free,
            }),
            body,
            num_vars: ctx.next_var,
            line: self.line(span),
            span,
        });
        (name, arity, outer)
    }

    /// `fun (...) -> ... end` and `fun Name(...) -> ... end`.
    pub(crate) fn fun(
        &mut self,
        name: Option<&String>,
        clauses: &[ast::Clause],
        span: Span,
    ) -> Operand {
        let arity = clauses.first().map_or(0, |c| c.patterns.len());
        if clauses.iter().any(|c| c.patterns.len() != arity) {
            self.error(Kind::FunArities, span);
            return Operand::atom("undefined");
        }
        // BEAM names a named fun after its name too: '-main/0-Loop/2-0-'.
        let fname = match name {
            Some(n) => format!(
                "-{}/{}-{}/{}-{}-",
                self.base.0, self.base.1, n, arity, self.fun_counter
            ),
            None => format!("-{}/{}-fun-{}-", self.base.0, self.base.1, self.fun_counter),
        };
        self.fun_counter += 1;
        self.ctxs.push(FnCtx::new_pub());
        let params: Vec<VarId> = (0..arity).map(|_| self.fresh()).collect();
        let body = self.block(|lw| {
            if let Some(n) = name {
                let sv = lw.fresh();
                lw.emit_to(sv, CExpr::SelfFun, span);
                lw.cx().scope.bind(n, sv);
                // An unused name warns at the `fun`, as erl_lint.
                lw.cx().bindings.push((n.clone(), sv, span));
            }
            lw.match_clauses(
                params.clone(),
                clauses,
                Fail::FunctionClause,
                true,
                "fun",
                span,
            )
        });
        let (fname, total, outer) = self.finish_lifted(fname, params, body, true, span);
        self.emit(
            CExpr::MakeFun {
                name: fname,
                arity: total,
                free: outer,
            },
            span,
        )
    }

    /// `fun f/N`: a fun whose code is the local function itself (no wrapper), as on BEAM.
    pub(crate) fn fun_ref(&mut self, name: &str, arity: u32, span: Span) -> Operand {
        if !self.locals.contains(&(name.to_string(), arity)) {
            if is_auto_imported(name, arity) {
                let a = u8::try_from(arity).unwrap_or(255);
                return Operand::Lit(Literal::ExportFun("erlang".into(), name.into(), a));
            }
            self.unresolved_function(name, arity, span);
            return Operand::atom("undefined");
        }
        // BEAM's v3_core numbers the reference like a fun, then points it at the function itself.
        self.fun_counter += 1;
        self.fun_refs.insert((name.to_string(), arity));
        self.emit(
            CExpr::MakeFun {
                name: name.to_string(),
                arity,
                free: Vec::new(),
            },
            span,
        )
    }

    // ---- comprehensions ----

    /// `[E || Qs]` and `<< B || Qs >>` (the latter as a list of bitstrings joined at the end).
    pub(crate) fn comprehension(
        &mut self,
        template: &Expr,
        quals: &[Qualifier],
        binary: bool,
        span: Span,
    ) -> Operand {
        let before = self.cx().scope.clone();
        let mut nil = |_: &mut Lowerer<'a>| Operand::Lit(Literal::Nil);
        let list = self.lc_level(template, quals, &mut nil, span);
        self.cx().scope = before;
        if binary {
            return self.emit(
                CExpr::Call(
                    Callee::Ext("erlang".into(), "list_to_bitstring".into(), 1),
                    vec![list],
                ),
                span,
            );
        }
        list
    }

    fn lc_level(
        &mut self,
        template: &Expr,
        quals: &[Qualifier],
        tail: Tail<'_, 'a>,
        span: Span,
    ) -> Operand {
        let Some((first, rest)) = quals.split_first() else {
            let v = self.expr(template);
            let t = tail(self);
            return self.make_cons(v, t, span);
        };
        match first {
            Qualifier::Filter(f) => self.lc_filter(template, f, rest, tail, span),
            Qualifier::Generator(p, g, gspan) => {
                self.lc_generator(template, p, g, false, rest, tail, *gspan)
            }
            Qualifier::BinaryGenerator(p, g, gspan) => {
                self.lc_generator(template, p, g, true, rest, tail, *gspan)
            }
        }
    }

    fn lc_filter(
        &mut self,
        template: &Expr,
        f: &Expr,
        rest: &[Qualifier],
        tail: Tail<'_, 'a>,
        span: Span,
    ) -> Operand {
        let before = self.cx().scope.clone();
        if is_guard_test(f) {
            let errs = self.diags.len();
            let g = self.gexpr(f);
            if self.diags[errs..].iter().all(|d| !d.is_error()) {
                let yes = self.block(|lw| lw.lc_level(template, rest, tail, span));
                self.cx().scope = before.clone();
                let no = self.block(|lw| tail(lw));
                self.cx().scope = before;
                let line = self.line(span);
                return self.emit(
                    CExpr::Case {
                        args: Vec::new(),
                        clauses: vec![
                            CClause {
                                pats: Vec::new(),
                                guard: Some(Guard(vec![vec![g]])),
                                body: yes,
                                line,
                                span,
                            },
                            CClause {
                                pats: Vec::new(),
                                guard: None,
                                body: no,
                                line,
                                span,
                            },
                        ],
                        fail: Fail::IfClause,
                        tree: None,
                    },
                    span,
                );
            }
            self.diags.truncate(errs);
        }
        let v = self.expr(f);
        let v = self.force_var(v, span);
        let yes = self.block(|lw| lw.lc_level(template, rest, tail, span));
        self.cx().scope = before.clone();
        let no = self.block(|lw| tail(lw));
        self.cx().scope = before;
        let other = self.fresh();
        let bad = self.fresh();
        let line = self.line(span);
        let err_body = Block {
            stmts: vec![
                Stmt {
                    var: bad,
                    expr: CExpr::Tuple(vec![Operand::atom("bad_filter"), Operand::Var(other)]),
                    line,
                    export: false,
                },
                Stmt {
                    var: bad,
                    expr: CExpr::Error(Operand::Var(bad)),
                    line,
                    export: false,
                },
            ],
            ret: Operand::Var(bad),
        };
        let clause = |pats, body| CClause {
            pats,
            guard: None,
            body,
            line,
            span,
        };
        self.emit(
            CExpr::Case {
                args: vec![v],
                clauses: vec![
                    clause(vec![Pat::Lit(Literal::Atom("true".into()))], yes),
                    clause(vec![Pat::Lit(Literal::Atom("false".into()))], no),
                    clause(vec![Pat::Var(other)], err_body),
                ],
                fail: Fail::CaseClause(Operand::Var(v)),
                tree: None,
            },
            span,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn lc_generator(
        &mut self,
        template: &Expr,
        pat: &Expr,
        gen: &Expr,
        binary: bool,
        rest: &[Qualifier],
        tail: Tail<'_, 'a>,
        span: Span,
    ) -> Operand {
        let g = self.expr(gen);
        // As OTP: v3_core names the comprehension `lc$^N` from the counter it shares with funs,
        // then v3_kernel lifts it as `-f/A-lc$^N/1-K-`, K counting the function's lifted letrecs.
        let fname = format!(
            "-{}/{}-lc$^{}/1-{}-",
            self.base.0, self.base.1, self.fun_counter, self.lc_counter
        );
        self.lc_counter += 1;
        self.fun_counter += 1;
        self.ctxs.push(FnCtx::new_pub());
        let list = self.fresh();
        let line = self.line(span);
        let body = self.block(|lw| {
            let t = lw.fresh();
            let mut self_tail = move |lw: &mut Lowerer<'a>| {
                lw.emit(CExpr::Call(Callee::SelfRec, vec![Operand::Var(t)]), span)
            };
            // Clause 1: the element matches the pattern.
            let mut ps = lw.pat_state(true);
            ps.shadow_in = "generate";
            let p = if binary {
                match lw.pattern(pat, &mut ps) {
                    Pat::Bin(mut segs) => {
                        segs.push(PSeg {
                            ty: BsType::Binary,
                            size: SegSize::All,
                            unit: 1,
                            flags: Default::default(),
                            value: Pat::Var(t),
                        });
                        Pat::Bin(segs)
                    }
                    _ => {
                        lw.error(Kind::BinaryGeneratorPattern, span);
                        Pat::Wild
                    }
                }
            } else {
                Pat::Cons(Box::new(lw.pattern(pat, &mut ps)), Box::new(Pat::Var(t)))
            };
            let eqs = lw.commit_pattern(ps);
            let guard = lw.guard(&[], eqs);
            let body1 = lw.block(|lw| lw.lc_level(template, rest, &mut self_tail, span));
            let mut clauses = vec![CClause {
                pats: vec![p],
                guard,
                body: body1,
                line,
                span,
            }];
            let skip = lw.block(|lw| self_tail(lw));
            let other = lw.fresh();
            let bad = lw.fresh();
            let err_body = Block {
                stmts: vec![
                    Stmt {
                        var: bad,
                        expr: CExpr::Tuple(vec![
                            Operand::atom("bad_generator"),
                            Operand::Var(other),
                        ]),
                        line,
                        export: false,
                    },
                    Stmt {
                        var: bad,
                        expr: CExpr::Error(Operand::Var(bad)),
                        line,
                        export: false,
                    },
                ],
                ret: Operand::Var(bad),
            };
            if binary {
                if let Pat::Bin(segs) = &clauses[0].pats[0] {
                    // An element that does not match is skipped (by its segment sizes).
                    let skip_segs = segs
                        .iter()
                        .map(|s| PSeg {
                            value: match &s.value {
                                Pat::Lit(_) => Pat::Wild,
                                other => other.clone(),
                            },
                            ..s.clone()
                        })
                        .collect();
                    clauses.push(CClause {
                        pats: vec![Pat::Bin(skip_segs)],
                        guard: None,
                        body: skip,
                        line,
                        span,
                    });
                }
                clauses.push(CClause {
                    pats: vec![Pat::Bin(vec![PSeg {
                        ty: BsType::Binary,
                        size: SegSize::All,
                        unit: 1,
                        flags: Default::default(),
                        value: Pat::Wild,
                    }])],
                    guard: None,
                    body: Block::of(Operand::Lit(Literal::Nil)),
                    line,
                    span,
                });
            } else {
                clauses.push(CClause {
                    pats: vec![Pat::Cons(Box::new(Pat::Wild), Box::new(Pat::Var(t)))],
                    guard: None,
                    body: skip,
                    line,
                    span,
                });
                clauses.push(CClause {
                    pats: vec![Pat::Lit(Literal::Nil)],
                    guard: None,
                    body: Block::of(Operand::Lit(Literal::Nil)),
                    line,
                    span,
                });
            }
            clauses.push(CClause {
                pats: vec![Pat::Var(other)],
                guard: None,
                body: err_body,
                line,
                span,
            });
            lw.emit(
                CExpr::Case {
                    args: vec![list],
                    clauses,
                    fail: Fail::FunctionClause,
                    tree: None,
                },
                span,
            )
        });
        let (fname, total, outer) = self.finish_lifted(fname, vec![list], body, false, span);
        let mut args = vec![g];
        args.extend(outer);
        let res = self.emit(CExpr::Call(Callee::Local(fname, total), args), span);
        let t = tail(self);
        if t == Operand::Lit(Literal::Nil) {
            return res;
        }
        self.append_call(res, t, span)
    }

    // ---- receive and try ----

    /// `receive ... after T -> B end`.
    pub(crate) fn receive(
        &mut self,
        clauses: &[ast::Clause],
        after: Option<&(Box<Expr>, Vec<Expr>)>,
        span: Span,
    ) -> Operand {
        let timeout = after.map(|(t, _)| self.expr(t));
        let msg = self.fresh();
        let before = self.cx().scope.clone();
        let mut cclauses = Vec::new();
        let mut scopes = Vec::new();
        for c in clauses {
            self.cx().scope = before.clone();
            let cc = self.clause(c, false, &[msg]);
            scopes.push(self.cx().scope.clone());
            cclauses.push(cc);
        }
        let mut after_block = None;
        if let Some((_, body)) = after {
            self.cx().scope = before.clone();
            let b = self.block(|lw| lw.body(body));
            scopes.push(self.cx().scope.clone());
            after_block = Some(b);
        }
        {
            let mut bodies: Vec<&mut Block> = cclauses.iter_mut().map(|c| &mut c.body).collect();
            if let Some(b) = after_block.as_mut() {
                bodies.push(b);
            }
            self.join_branches(before, &scopes, &mut bodies, "receive", span);
        }
        let after = match (timeout, after_block) {
            (Some(t), Some(b)) => Some((t, b)),
            _ => None,
        };
        self.emit(
            CExpr::Receive {
                msg,
                clauses: cclauses,
                after,
                tree: None,
            },
            span,
        )
    }

    /// `try ... end`, with `after` as an outer try that runs the after body on both paths.
    pub(crate) fn try_expr(
        &mut self,
        body: &[Expr],
        of_clauses: &[ast::Clause],
        catch_clauses: &[ast::CatchClause],
        after: &[Expr],
        span: Span,
    ) -> Operand {
        let before = self.cx().scope.clone();
        let result = if after.is_empty() {
            self.try_core(body, of_clauses, catch_clauses, span)
        } else {
            // The marker of an enclosing construct must sit in a lower Y slot than the markers of
            // the constructs nested in it (the VM takes the highest marker as the innermost).
            let tag = self.fresh();
            let protected = self.block(|lw| {
                if of_clauses.is_empty() && catch_clauses.is_empty() {
                    lw.body(body)
                } else {
                    lw.try_core(body, of_clauses, catch_clauses, span)
                }
            });
            // The after body sees everything bound in the try as unsafe (erl_lint).
            self.make_unsafe_since(&before, "try", span);
            let mid = self.cx().scope.clone();
            let result = self.fresh();
            let ok = self.block(|lw| {
                lw.body(after);
                Operand::Var(result)
            });
            self.cx().scope = mid;
            let (class, reason, stack) = (self.fresh(), self.fresh(), self.fresh());
            // The after body is lowered a second time for the exception path; its diagnostics
            // were reported by the first.
            let reported = (self.diags.len(), self.unresolved.len());
            let err = self.block(|lw| {
                lw.body(after);
                lw.emit(
                    CExpr::Raise(
                        Operand::Var(class),
                        Operand::Var(reason),
                        Operand::Var(stack),
                    ),
                    span,
                )
            });
            self.diags.truncate(reported.0);
            self.unresolved.truncate(reported.1);
            self.emit(
                CExpr::Try {
                    body: protected,
                    result,
                    of: ok,
                    tag,
                    class,
                    reason,
                    stack,
                    handler: err,
                },
                span,
            )
        };
        self.make_unsafe_since(&before, "try", span);
        result
    }

    fn try_core(
        &mut self,
        body: &[Expr],
        of_clauses: &[ast::Clause],
        catch_clauses: &[ast::CatchClause],
        span: Span,
    ) -> Operand {
        let before = self.cx().scope.clone();
        let tag = self.fresh();
        let protected = self.block(|lw| lw.body(body));
        let after_body = self.cx().scope.clone();
        let result = self.fresh();
        let of = if of_clauses.is_empty() {
            Block::of(Operand::Var(result))
        } else {
            self.block(|lw| {
                lw.match_clauses(
                    vec![result],
                    of_clauses,
                    Fail::TryClause(Operand::Var(result)),
                    false,
                    "try",
                    span,
                )
            })
        };
        let after_of = self.cx().scope.clone();
        // The catch clauses see the variables bound in the body as unsafe (erl_lint).
        self.cx().scope = after_body;
        self.make_unsafe_since(&before, "try", span);
        let (class, reason, stack) = (self.fresh(), self.fresh(), self.fresh());
        let handler = if catch_clauses.is_empty() {
            self.block(|lw| {
                lw.emit(
                    CExpr::Raise(
                        Operand::Var(class),
                        Operand::Var(reason),
                        Operand::Var(stack),
                    ),
                    span,
                )
            })
        } else {
            self.block(|lw| lw.catch_clauses(catch_clauses, class, reason, stack, span))
        };
        // Names bound in the catch clauses come back as unsafe (see `catch_clauses`); keep them so
        // a later use is "unsafe in 'try'" rather than unbound.
        let after_catch = self.cx().scope.clone();
        self.cx().scope = after_of;
        for (name, b) in after_catch.vars {
            if matches!(b, Binding::Unsafe(..)) && !self.cx().scope.vars.contains_key(&name) {
                self.cx().scope.vars.insert(name, b);
            }
        }
        self.emit(
            CExpr::Try {
                body: protected,
                result,
                of,
                tag,
                class,
                reason,
                stack,
                handler,
            },
            span,
        )
    }

    fn catch_clauses(
        &mut self,
        clauses: &[ast::CatchClause],
        class: VarId,
        reason: VarId,
        stack: VarId,
        span: Span,
    ) -> Operand {
        let before = self.cx().scope.clone();
        let mut out = Vec::new();
        let mut bound_here: Vec<String> = Vec::new();
        for c in clauses {
            if !out.is_empty() {
                let now = std::mem::replace(&mut self.cx().scope, before.clone());
                bound_here.extend(
                    now.vars
                        .into_keys()
                        .filter(|n| !before.vars.contains_key(n)),
                );
            }
            self.cx().scope = before.clone();
            let mut ps = self.pat_state(false);
            let cp = match &c.class {
                Some(e) => self.pattern(e, &mut ps),
                None => Pat::Lit(Literal::Atom("throw".into())),
            };
            let rp = self.pattern(&c.reason, &mut ps);
            let sp = match &c.stacktrace {
                Some(name) => {
                    let v = self.fresh();
                    self.cx().scope.bind(name, v);
                    self.cx().bindings.push((name.clone(), v, c.span));
                    Pat::Var(v)
                }
                None => Pat::Wild,
            };
            let eqs = self.commit_pattern(ps);
            if let Some(name) = &c.stacktrace {
                // erl_lint: the stack trace is built lazily, so a guard may not look at it
                // (reported once per clause, at the first use).
                let mut first = None;
                for e in c.guards.iter().flatten() {
                    e.walk(&mut |x| {
                        if let Expr::Var(v, vs) = x {
                            if v == name && first.is_none() {
                                first = Some(*vs);
                            }
                        }
                    });
                }
                if let Some(vs) = first {
                    self.error(Kind::StacktraceInGuard(name.clone()), vs);
                }
            }
            let guard = self.guard(&c.guards, eqs);
            let body = self.block(|lw| lw.body(&c.body));
            out.push(CClause {
                pats: vec![cp, rp, sp],
                guard,
                body,
                line: self.line(c.span),
                span: c.span,
            });
        }
        let now = std::mem::replace(&mut self.cx().scope, before);
        bound_here.extend(
            now.vars
                .into_keys()
                .filter(|n| !before_has(&self.cx().scope, n)),
        );
        // Variables bound in a catch clause are unsafe after the `try` (erl_lint).
        for name in bound_here {
            self.cx()
                .scope
                .vars
                .insert(name, Binding::Unsafe("try", span));
        }
        self.emit(
            CExpr::Case {
                args: vec![class, reason, stack],
                clauses: out,
                fail: Fail::Reraise(
                    Operand::Var(class),
                    Operand::Var(reason),
                    Operand::Var(stack),
                ),
                tree: None,
            },
            span,
        )
    }
}

impl FnCtx {
    /// A fresh context (for lifted functions).
    pub(crate) fn new_pub() -> FnCtx {
        FnCtx {
            next_var: 0,
            scope: Default::default(),
            captured: Default::default(),
            free: Vec::new(),
            blocks: vec![Vec::new()],
            bindings: Vec::new(),
            used: Default::default(),
            export_links: Default::default(),
        }
    }
}

/// The bytes of a binary made only of string segments and byte-sized integer constants.
fn const_bytes(segs: &[ast::BinSegment]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for s in segs {
        if s.size.is_some() || !s.specifiers.is_empty() {
            return None;
        }
        match &s.value {
            Expr::String(text, _) => {
                for c in text.chars() {
                    out.push((c as u32 & 0xff) as u8);
                }
            }
            Expr::Integer(i, _) => out.push((i.to_i64()? & 0xff) as u8),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether a comprehension filter is a guard expression (OTP compiles those as guards: any value
/// other than `true`, or an error, skips the element).
fn is_guard_test(e: &Expr) -> bool {
    use ast::BinOp::*;
    match e {
        Expr::Integer(..)
        | Expr::Float(..)
        | Expr::Atom(..)
        | Expr::Var(..)
        | Expr::Nil(_)
        | Expr::String(..) => true,
        Expr::Tuple(es, _) => es.iter().all(is_guard_test),
        Expr::Cons(h, t, _) => is_guard_test(h) && is_guard_test(t),
        Expr::BinaryOp(op, a, b, _) => {
            !matches!(op, Send | Append | Subtract) && is_guard_test(a) && is_guard_test(b)
        }
        Expr::UnaryOp(_, a, _) => is_guard_test(a),
        Expr::RecordField { expr, .. } => is_guard_test(expr),
        Expr::RecordIndex { .. } => true,
        Expr::Binary(segs, _) => segs
            .iter()
            .all(|s| is_guard_test(&s.value) && s.size.as_ref().is_none_or(is_guard_test)),
        Expr::Call { target, args, .. } => {
            let name = match target {
                ast::CallTarget::Local(n, _) => Some(n.as_str()),
                ast::CallTarget::Remote(m, f) => match (&**m, &**f) {
                    (Expr::Atom(m, _), Expr::Atom(f, _)) if m == "erlang" => Some(f.as_str()),
                    _ => None,
                },
                ast::CallTarget::Expr(_) => None,
            };
            name.is_some_and(|n| crate::lower::is_guard_bif(n, args.len() as u32))
                && args.iter().all(is_guard_test)
        }
        _ => false,
    }
}

/// Whether `name` is known (bound or unsafe) in `scope`.
fn before_has(scope: &Scope, name: &str) -> bool {
    scope.vars.contains_key(name)
}
