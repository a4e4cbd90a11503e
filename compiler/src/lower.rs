//! Lowering, part 1: the AST of a module to the core IR (`core.rs`). This file owns the lowering
//! state (one context per function being lowered, with lambda lifting of nested funs and
//! comprehensions), variable resolution with Erlang's scoping rules, and the expressions that are
//! not patterns, guards, records, comprehensions or exception handling (those live in
//! `lower_pat.rs` and `lower_ext.rs`). It reports unbound/unsafe variables, unknown functions and
//! unused variables. It never panics on parser output.

use crate::ast::{self, BinOp, CallTarget, Expr, Span, UnOp};
use crate::core::*;
use crate::diagnostics::{Diagnostic, Kind};
use crate::scope::{self, Binding, Scope};
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::{ArithOp, MapPut, UnaryOp};
use num_bigint::BigInt;
use std::collections::{HashMap, HashSet};

/// Per-function lowering state (a source function, a fun or a comprehension function).
pub(crate) struct FnCtx {
    pub next_var: u32,
    pub scope: Scope,
    /// Names captured from enclosing functions, and their local variable.
    pub captured: HashMap<String, VarId>,
    /// Free variables: (variable in the parent context, param in this one).
    pub free: Vec<(VarId, VarId)>,
    /// Open statement lists (innermost last).
    pub blocks: Vec<Vec<Stmt>>,
    /// Named bindings for the unused-variable warning.
    pub bindings: Vec<(String, VarId, Span)>,
    /// `(variable, name)` pairs that were read (one variable may carry several names).
    pub used: HashSet<(VarId, String)>,
    /// An exported variable and the per-branch variables it joins: reading it reads them all.
    pub export_links: HashMap<(VarId, String), Vec<VarId>>,
}

impl FnCtx {
    fn new() -> FnCtx {
        FnCtx {
            next_var: 0,
            scope: Scope::default(),
            captured: HashMap::new(),
            free: Vec::new(),
            blocks: vec![Vec::new()],
            bindings: Vec::new(),
            used: HashSet::new(),
            export_links: HashMap::new(),
        }
    }
}

/// The lowering of one module.
pub(crate) struct Lowerer<'a> {
    pub records: HashMap<String, &'a ast::RecordDef>,
    pub locals: HashSet<(String, u32)>,
    pub imports: HashMap<(String, u32), String>,
    line_starts: Vec<u32>,
    source: &'a str,
    /// The module's included files (offsets above `source`).
    sources: &'a crate::sources::SourceMap,
    pub diags: Vec<Diagnostic>,
    /// Undefined functions, records and fields met while lowering. The module checks own these
    /// errors; the compiler reports these only if the checks found no error (a backstop, so a
    /// module never compiles with a hole).
    pub unresolved: Vec<Diagnostic>,
    pub out: Vec<CFun>,
    pub ctxs: Vec<FnCtx>,
    /// Name and arity of the source function being lowered (for generated names).
    pub base: (String, u32),
    pub fun_counter: u32,
    pub lc_counter: u32,
    /// Names used while unsafe in the current source function: erl_lint counts such a use as a
    /// use, so they never get an "is unused" warning.
    pub unsafe_used: HashSet<String>,
    /// Local functions named by `fun f/N` somewhere in the module: as in BEAM, each gets one
    /// lambda-table entry pointing at the function itself (so `fun f/1 =:= fun f/1` and
    /// `erlang:fun_info(fun f/1, name)` is `{name, f}`).
    pub fun_refs: HashSet<(String, u32)>,
}

/// Lowers a parsed module to core. Errors are returned as diagnostics; warnings are appended to
/// `warnings`, and references to undefined functions, records and fields (which the module checks
/// report) to `unresolved`.
pub fn lower_module<'a>(
    m: &'a ast::Module,
    source: &'a str,
    warnings: &mut Vec<Diagnostic>,
    unresolved: &mut Vec<Diagnostic>,
) -> Result<CModule, Vec<Diagnostic>> {
    let mut line_starts = vec![0u32];
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            line_starts.push(i as u32 + 1);
        }
    }
    let mut lw = Lowerer {
        records: m.records.iter().map(|r| (r.name.clone(), r)).collect(),
        locals: m
            .functions
            .iter()
            .map(|f| (f.name.clone(), f.arity))
            .collect(),
        imports: m
            .imports
            .iter()
            .map(|(md, f, a, _)| ((f.clone(), *a), md.clone()))
            .collect(),
        line_starts,
        source,
        sources: &m.sources,
        diags: Vec::new(),
        unresolved: Vec::new(),
        out: Vec::new(),
        ctxs: Vec::new(),
        base: (String::new(), 0),
        fun_counter: 0,
        lc_counter: 0,
        unsafe_used: HashSet::new(),
        fun_refs: HashSet::new(),
    };
    // module_info/0,1 are generated unless the module defines them; either way they are local.
    let generated_info: Vec<u32> = (0..2u32)
        .filter(|a| !lw.locals.contains(&("module_info".to_string(), *a)))
        .collect();
    for &arity in &generated_info {
        lw.locals.insert(("module_info".to_string(), arity));
    }
    let mut functions = Vec::new();
    for f in &m.functions {
        if let Some(cf) = lw.function(f) {
            functions.push(cf);
        }
    }
    functions.append(&mut lw.out);
    let mut exports: Vec<(String, u32)> = Vec::new();
    for (name, arity, span) in &m.exports {
        if !lw.locals.contains(&(name.clone(), *arity)) {
            lw.unresolved_function(name, *arity, *span);
        } else if !exports.contains(&(name.clone(), *arity)) {
            exports.push((name.clone(), *arity));
        }
    }
    if crate::checks::exports_all(m) {
        for f in &m.functions {
            let key = (f.name.clone(), f.arity);
            if !exports.contains(&key) {
                exports.push(key);
            }
        }
    }
    for arity in generated_info {
        functions.push(module_info(&m.name, arity));
        if !exports.contains(&("module_info".to_string(), arity)) {
            exports.push(("module_info".to_string(), arity));
        }
    }
    for cf in functions.iter_mut() {
        if lw.fun_refs.contains(&(cf.name.clone(), cf.arity)) {
            cf.lambda = Some(LambdaInfo {
                user_arity: cf.arity,
                num_free: 0,
            });
        }
    }
    let attributes = m
        .attributes
        .iter()
        .filter_map(|a| {
            let v = a.value.as_ref()?;
            // `-on_load(F/A)` is kept as `{F, A}` for the loader (docs/code-loading.md).
            if let ("on_load", crate::ast::Expr::BinaryOp(crate::ast::BinOp::FDiv, f, n, _)) =
                (a.name.as_str(), v)
            {
                if let (crate::ast::Expr::Atom(f, _), crate::ast::Expr::Integer(n, _)) =
                    (f.as_ref(), n.as_ref())
                {
                    return Some((
                        a.name.clone(),
                        Literal::Tuple(vec![Literal::Atom(f.clone()), Literal::Int(n.clone())]),
                    ));
                }
            }
            Some((a.name.clone(), const_literal(v)?))
        })
        .collect();
    unresolved.append(&mut lw.unresolved);
    let (errors, warns): (Vec<_>, Vec<_>) = lw.diags.into_iter().partition(|d| d.is_error());
    warnings.extend(warns);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CModule {
        name: m.name.clone(),
        file: m.file.clone(),
        exports,
        functions,
        attributes,
    })
}

/// `module_info/0,1` as calls to `erlang:get_module_info/1,2`.
fn module_info(module: &str, arity: u32) -> CFun {
    let mut args = vec![Operand::atom(module)];
    let params: Vec<VarId> = (0..arity).collect();
    args.extend(params.iter().map(|p| Operand::Var(*p)));
    CFun {
        name: "module_info".into(),
        arity,
        params,
        num_free: 0,
        lambda: None,
        body: Block {
            stmts: vec![Stmt {
                var: arity,
                expr: CExpr::Call(
                    Callee::Ext("erlang".into(), "get_module_info".into(), arity + 1),
                    args,
                ),
                line: 0,
                export: false,
            }],
            ret: Operand::Var(arity),
        },
        num_vars: arity + 1,
        line: 0,
        span: Span::default(),
    }
}

/// The value of a constant expression (attribute values, literal folding), if it is one.
pub(crate) fn const_literal(e: &Expr) -> Option<Literal> {
    Some(match e {
        Expr::Integer(i, _) => Literal::Int(i.clone()),
        Expr::Float(f, _) => Literal::Float(*f),
        Expr::Atom(a, _) => Literal::Atom(a.clone()),
        Expr::String(s, _) => string_lit(s),
        Expr::Nil(_) => Literal::Nil,
        Expr::Tuple(es, _) => Literal::Tuple(es.iter().map(const_literal).collect::<Option<_>>()?),
        Expr::Cons(h, t, _) => cons_lit(const_literal(h)?, const_literal(t)?),
        Expr::UnaryOp(UnOp::Neg, inner, _) => match const_literal(inner)? {
            Literal::Int(i) => Literal::Int(-i),
            Literal::Float(f) => Literal::Float(-f),
            _ => return None,
        },
        _ => return None,
    })
}

/// A string as a literal list of code points.
pub fn string_lit(s: &str) -> Literal {
    if s.is_empty() {
        Literal::Nil
    } else {
        Literal::List(
            s.chars()
                .map(|c| Literal::Int(BigInt::from(c as u32)))
                .collect(),
            Box::new(Literal::Nil),
        )
    }
}

/// `[h | t]` as a literal.
pub(crate) fn cons_lit(h: Literal, t: Literal) -> Literal {
    match t {
        Literal::Nil => Literal::List(vec![h], Box::new(Literal::Nil)),
        Literal::List(mut items, tail) => {
            items.insert(0, h);
            Literal::List(items, tail)
        }
        other => Literal::List(vec![h], Box::new(other)),
    }
}

/// The `erlang` functions callable without a module prefix (OTP 25's auto-imported BIFs; the list
/// is shared with the module checks).
pub(crate) fn is_auto_imported(name: &str, arity: u32) -> bool {
    crate::checks::is_auto_imported_bif(name, arity)
}

/// Builtins that are safe to call through the `Bif` instruction (pure, never yield, no runtime
/// access): the guard BIFs and operators.
pub(crate) fn is_pure_bif(name: &str, arity: u32) -> bool {
    matches!(
        (name, arity),
        ("abs", 1)
            | ("bit_size", 1)
            | ("byte_size", 1)
            | ("ceil", 1)
            | ("element", 2)
            | ("float", 1)
            | ("floor", 1)
            | ("hd", 1)
            | ("tl", 1)
            | ("length", 1)
            | ("map_get", 2)
            | ("map_size", 1)
            | ("is_map_key", 2)
            | ("round", 1)
            | ("trunc", 1)
            | ("size", 1)
            | ("tuple_size", 1)
            | ("self", 0)
            | ("node", 0)
            | ("binary_part", 2 | 3)
            | ("not", 1)
            | ("and" | "or" | "xor", 2)
            | ("==" | "/=" | "=<" | "<" | ">=" | ">" | "=:=" | "=/=", 2)
            | ("--", 2)
            | ("max" | "min", 2)
    ) || (name.starts_with("is_") && is_guard_bif(name, arity))
}

/// Type-test and other BIFs allowed in guards.
pub(crate) fn is_guard_bif(name: &str, arity: u32) -> bool {
    matches!(
        (name, arity),
        (
            "is_atom" | "is_binary" | "is_bitstring" | "is_boolean" | "is_float",
            1
        ) | ("is_function", 1 | 2)
            | (
                "is_integer" | "is_list" | "is_map" | "is_number" | "is_pid",
                1
            )
            | ("is_port" | "is_reference" | "is_tuple", 1)
            | ("is_record", 2 | 3)
            | ("is_map_key", 2)
            | (
                "abs" | "bit_size" | "byte_size" | "ceil" | "float" | "floor" | "hd",
                1
            )
            | (
                "length" | "map_size" | "round" | "size" | "tl" | "trunc" | "tuple_size",
                1
            )
            | ("element" | "map_get", 2)
            | ("binary_part", 2 | 3)
            | ("self" | "node", 0)
            | ("node", 1)
            | ("max" | "min", 2)
    )
}

impl<'a> Lowerer<'a> {
    // ---- context and statement helpers ----

    pub(crate) fn cx(&mut self) -> &mut FnCtx {
        self.ctxs.last_mut().expect("a function context is open")
    }

    pub(crate) fn fresh(&mut self) -> VarId {
        let c = self.cx();
        let v = c.next_var;
        c.next_var += 1;
        v
    }

    /// The 1-based source line of a byte offset; code from an included file gets the line of its
    /// `-include` (the line table has no file column).
    pub(crate) fn line(&self, span: Span) -> u32 {
        let at = self.sources.in_main(span.start);
        self.line_starts.partition_point(|&s| s <= at) as u32
    }

    /// A one-character span at the first non-blank byte at or after `offset` (where an operator
    /// follows its left operand, for diagnostics that point at the operator as erlc does).
    pub(crate) fn after(&self, offset: u32) -> Span {
        let (text, local) = self.sources.text_at(self.source, offset);
        let bytes = text.as_bytes();
        let mut p = local as usize;
        while p < bytes.len() && bytes[p].is_ascii_whitespace() {
            p += 1;
        }
        let at = offset + (p as u32 - local);
        Span::new(at, at + 1)
    }

    /// Emits `v := expr` and returns `v`.
    pub(crate) fn emit(&mut self, expr: CExpr, span: Span) -> Operand {
        let v = self.fresh();
        self.emit_to(v, expr, span);
        Operand::Var(v)
    }

    /// Emits `var := expr`.
    pub(crate) fn emit_to(&mut self, var: VarId, expr: CExpr, span: Span) {
        let line = self.line(span);
        let c = self.cx();
        if let Some(b) = c.blocks.last_mut() {
            b.push(Stmt {
                var,
                expr,
                line,
                export: false,
            });
        }
    }

    /// Forces an operand into a variable (case scrutinees must be variables).
    pub(crate) fn force_var(&mut self, o: Operand, span: Span) -> VarId {
        match o {
            Operand::Var(v) => v,
            lit => match self.emit(CExpr::Value(lit), span) {
                Operand::Var(v) => v,
                Operand::Lit(_) => 0,
            },
        }
    }

    /// Lowers a block of statements produced by `f` into a [`Block`].
    pub(crate) fn block(&mut self, f: impl FnOnce(&mut Self) -> Operand) -> Block {
        self.cx().blocks.push(Vec::new());
        let ret = f(self);
        let stmts = self.cx().blocks.pop().unwrap_or_default();
        Block { stmts, ret }
    }

    /// Lowers a body (`E1, ..., En`), returning the last value.
    pub(crate) fn body(&mut self, es: &[Expr]) -> Operand {
        let mut last = Operand::atom("ok");
        for e in es {
            last = self.expr(e);
        }
        last
    }

    pub(crate) fn error(&mut self, kind: Kind, span: Span) {
        self.diags.push(Diagnostic::new(kind, span));
    }

    /// Notes an undefined record, reported by the module checks (see `unresolved`).
    pub(crate) fn unresolved_record(&mut self, name: &str, span: Span) {
        let kind = Kind::UndefinedRecord {
            name: name.to_string(),
            suggestion: None,
        };
        self.unresolved.push(Diagnostic::new(kind, span));
    }

    /// Notes an undefined record field, reported by the module checks (see `unresolved`).
    pub(crate) fn unresolved_field(&mut self, def: &ast::RecordDef, field: &str, span: Span) {
        let kind = Kind::UndefinedField {
            field: field.to_string(),
            record: def.name.clone(),
            defined_at: def.span,
            suggestion: None,
        };
        self.unresolved.push(Diagnostic::new(kind, span));
    }

    /// Notes an undefined function, reported by the module checks (see `unresolved`).
    pub(crate) fn unresolved_function(&mut self, name: &str, arity: u32, span: Span) {
        let kind = Kind::UndefinedFunction {
            name: name.to_string(),
            arity,
            suggestion: None,
        };
        self.unresolved.push(Diagnostic::new(kind, span));
    }

    // ---- variables ----

    /// Resolves a variable use.
    pub(crate) fn use_var(&mut self, name: &str, span: Span) -> Operand {
        let depth = self.ctxs.len() - 1;
        match self.lookup_in(depth, name) {
            Ok(v) => {
                let d = self.ctxs.len() - 1;
                self.mark_used(d, v, name);
                Operand::Var(v)
            }
            Err(Some((kind, at))) => {
                let kind = self.unsafe_variable(name, kind, at);
                self.error(kind, span);
                Operand::atom("undefined")
            }
            Err(None) => {
                let names: Vec<String> = self
                    .cx()
                    .scope
                    .bound_names()
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                let kind = Kind::UnboundVariable {
                    name: name.to_string(),
                    in_scope: Some(names),
                };
                self.error(kind, span);
                Operand::atom("undefined")
            }
        }
    }

    /// The error for a use of an unsafe variable (erl_lint names the start of the construct that
    /// made it unsafe); the name counts as used from here on.
    pub(crate) fn unsafe_variable(
        &mut self,
        name: &str,
        construct: &'static str,
        at: Span,
    ) -> Kind {
        self.unsafe_used.insert(name.to_string());
        let (text, local) = self.sources.text_at(self.source, at.start);
        Kind::UnsafeVariable {
            name: name.to_string(),
            construct,
            at: crate::diagnostics::line_col(text, local),
        }
    }

    /// Finds `name` in context `d`, capturing it from enclosing contexts when needed.
    /// `Err(Some((kind, construct span)))` for an unsafe variable, `Err(None)` for an unbound one.
    pub(crate) fn lookup_in(
        &mut self,
        d: usize,
        name: &str,
    ) -> Result<VarId, Option<(&'static str, Span)>> {
        match self.ctxs[d].scope.get(name) {
            Some(Binding::Bound(v)) => return Ok(*v),
            Some(Binding::Unsafe(kind, at)) => return Err(Some((kind, *at))),
            None => {}
        }
        if let Some(v) = self.ctxs[d].captured.get(name) {
            return Ok(*v);
        }
        if d == 0 {
            return Err(None);
        }
        let outer = self.lookup_in(d - 1, name)?;
        self.mark_used(d - 1, outer, name);
        let c = &mut self.ctxs[d];
        let inner = c.next_var;
        c.next_var += 1;
        c.captured.insert(name.to_string(), inner);
        c.free.push((outer, inner));
        Ok(inner)
    }

    /// Whether `name` is bound (in this function or an enclosing one).
    pub(crate) fn is_bound(&mut self, name: &str) -> Result<Option<VarId>, (&'static str, Span)> {
        let depth = self.ctxs.len() - 1;
        match self.lookup_in(depth, name) {
            Ok(v) => Ok(Some(v)),
            Err(Some(unsafe_at)) => Err(unsafe_at),
            Err(None) => Ok(None),
        }
    }

    /// Records that `name` (variable `v` of context `d`) was read, and so were the branch
    /// variables an exported variable joins.
    pub(crate) fn mark_used(&mut self, d: usize, v: VarId, name: &str) {
        let mut todo = vec![v];
        while let Some(v) = todo.pop() {
            let c = &mut self.ctxs[d];
            if c.used.insert((v, name.to_string())) {
                if let Some(vs) = c.export_links.get(&(v, name.to_string())) {
                    todo.extend(vs.iter().copied());
                }
            }
        }
    }

    /// Reports unused variables of the closing context.
    fn warn_unused(&mut self, c: &FnCtx) {
        for (name, v, span) in &c.bindings {
            if !name.starts_with('_')
                && !c.used.contains(&(*v, name.clone()))
                && !self.unsafe_used.contains(name)
            {
                self.diags
                    .push(Diagnostic::new(Kind::UnusedVariable(name.clone()), *span));
            }
        }
    }

    // ---- functions ----

    fn function(&mut self, f: &ast::Function) -> Option<CFun> {
        self.base = (f.name.clone(), f.arity);
        self.fun_counter = 0;
        self.lc_counter = 0;
        self.unsafe_used.clear();
        let errors_before = self.diags.iter().filter(|d| d.is_error()).count();
        self.ctxs.push(FnCtx::new());
        let params: Vec<VarId> = (0..f.arity).map(|_| self.fresh()).collect();
        let body = self.block(|lw| {
            lw.match_clauses(
                params.clone(),
                &f.clauses,
                Fail::FunctionClause,
                false,
                "function",
                f.span,
            )
        });
        let ctx = self.ctxs.pop()?;
        self.warn_unused(&ctx);
        let errors_after = self.diags.iter().filter(|d| d.is_error()).count();
        if errors_after > errors_before {
            return None;
        }
        Some(CFun {
            name: f.name.clone(),
            arity: f.arity,
            params,
            num_free: 0,
            lambda: None,
            body,
            num_vars: ctx.next_var,
            line: self.line(f.span),
            span: f.span,
        })
    }

    /// Lowers clauses matched against `args` (function heads, fun heads, case, receive...) and
    /// emits the match; returns its value. Variables bound in every clause are exported into the
    /// current scope; variables bound in only some become unsafe (named after `kind`).
    /// `shadow` makes every pattern variable fresh (fun heads).
    pub(crate) fn match_clauses(
        &mut self,
        args: Vec<VarId>,
        clauses: &[ast::Clause],
        fail: Fail,
        shadow: bool,
        kind: &'static str,
        span: Span,
    ) -> Operand {
        let cclauses = self.lower_clauses(&args, clauses, shadow, kind, span);
        self.emit(
            CExpr::Case {
                args,
                clauses: cclauses,
                fail,
                tree: None,
            },
            span,
        )
    }

    /// Lowers clauses with branch scoping and export joining.
    pub(crate) fn lower_clauses(
        &mut self,
        args: &[VarId],
        clauses: &[ast::Clause],
        shadow: bool,
        kind: &'static str,
        span: Span,
    ) -> Vec<CClause> {
        let before = self.cx().scope.clone();
        let mut out = Vec::new();
        let mut scopes = Vec::new();
        for c in clauses {
            self.cx().scope = before.clone();
            let cc = self.clause(c, shadow, args);
            scopes.push(self.cx().scope.clone());
            out.push(cc);
        }
        if kind == "function" || kind == "fun" {
            // Nothing follows a function body: no exports to join.
            self.cx().scope = before;
            return out;
        }
        let mut bodies: Vec<&mut Block> = out.iter_mut().map(|c| &mut c.body).collect();
        self.join_branches(before, &scopes, &mut bodies, kind, span);
        out
    }

    /// Restores the scope after a branching construct: exported names get a new variable assigned
    /// at the end of every branch body; names bound in only some branches become unsafe.
    pub(crate) fn join_branches(
        &mut self,
        before: Scope,
        scopes: &[Scope],
        bodies: &mut [&mut Block],
        kind: &'static str,
        span: Span,
    ) {
        let merged = scope::merge(&before, scopes);
        let mut scope = before;
        for (name, vars) in merged.exported {
            let e = self.fresh();
            for (i, b) in bodies.iter_mut().enumerate() {
                if let Some(v) = vars.get(i) {
                    b.stmts.push(Stmt {
                        var: e,
                        expr: CExpr::Value(Operand::Var(*v)),
                        line: 0,
                        export: true,
                    });
                }
            }
            self.cx()
                .export_links
                .insert((e, name.clone()), vars.clone());
            scope.bind(&name, e);
        }
        for name in merged.unsafe_names {
            // A name already unsafe in a branch keeps the construct that made it so (erl_lint
            // reports the innermost one).
            let inner = scopes.iter().find_map(|s| match s.vars.get(&name) {
                Some(b @ Binding::Unsafe(..)) => Some(b.clone()),
                _ => None,
            });
            let b = inner.unwrap_or(Binding::Unsafe(kind, span));
            scope.vars.insert(name, b);
        }
        self.cx().scope = scope;
    }

    /// Marks every name bound since `before` as unsafe (after `try` and `catch`).
    pub(crate) fn make_unsafe_since(&mut self, before: &Scope, kind: &'static str, span: Span) {
        let now = self.cx().scope.clone();
        let mut scope = before.clone();
        for (name, b) in now.vars {
            if before.vars.get(&name) != Some(&b) && !before.vars.contains_key(&name) {
                scope.vars.insert(name, Binding::Unsafe(kind, span));
            }
        }
        self.cx().scope = scope;
    }

    /// One clause: patterns (binding into the current scope), guard, body.
    /// `args` are the matched variables: a head pattern that is just a new variable names the
    /// argument itself (no copy).
    pub(crate) fn clause(&mut self, c: &ast::Clause, shadow: bool, args: &[VarId]) -> CClause {
        let mut ps = self.pat_state(shadow);
        let pats: Vec<Pat> = c
            .patterns
            .iter()
            .enumerate()
            .map(|(i, p)| match args.get(i) {
                Some(a) => self.head_pattern(p, *a, &mut ps),
                None => self.pattern(p, &mut ps),
            })
            .collect();
        let eqs = self.commit_pattern(ps);
        let guard = self.guard(&c.guards, eqs);
        let body = self.block(|lw| lw.body(&c.body));
        CClause {
            pats,
            guard,
            body,
            line: self.line(c.span),
            span: c.span,
        }
    }

    // ---- expressions ----

    /// Lowers an expression, emitting statements; returns its value.
    pub(crate) fn expr(&mut self, e: &Expr) -> Operand {
        match e {
            Expr::Integer(i, _) => Operand::Lit(Literal::Int(i.clone())),
            Expr::Float(f, _) => Operand::Lit(Literal::Float(*f)),
            Expr::Atom(a, _) => Operand::atom(a),
            Expr::String(s, _) => Operand::Lit(string_lit(s)),
            Expr::Nil(_) => Operand::Lit(Literal::Nil),
            Expr::Var(name, span) => self.use_var(name, *span),
            Expr::AnonymousVar(span) => {
                let kind = Kind::UnboundVariable {
                    name: "_".into(),
                    in_scope: None,
                };
                self.error(kind, *span);
                Operand::atom("undefined")
            }
            Expr::Tuple(es, span) => {
                let ops: Vec<Operand> = es.iter().map(|e| self.expr(e)).collect();
                self.make_tuple(ops, *span)
            }
            Expr::Cons(..) => self.list(e),
            Expr::Map(assocs, span) => self.map_new(assocs, *span),
            Expr::MapUpdate(m, assocs, span) => {
                let m = self.expr(m);
                self.map_update(m, assocs, *span)
            }
            Expr::Record { name, fields, span } => self.record_new(name, fields, *span),
            Expr::RecordField {
                expr,
                name,
                field,
                span,
            } => self.record_get(expr, name, field, *span),
            Expr::RecordUpdate {
                expr,
                name,
                fields,
                span,
            } => self.record_update(expr, name, fields, *span),
            Expr::RecordIndex { name, field, span } => match self.field_index(name, field, *span) {
                Some((i, _)) => Operand::Lit(Literal::Int(BigInt::from(i))),
                None => Operand::atom("undefined"),
            },
            Expr::Binary(segs, span) => self.binary(segs, *span),
            Expr::BinaryOp(op, a, b, span) => self.binop(*op, a, b, *span),
            Expr::UnaryOp(op, a, span) => {
                let v = self.expr(a);
                match (op, &v) {
                    (UnOp::Neg, Operand::Lit(Literal::Int(i))) => {
                        return Operand::Lit(Literal::Int(-i))
                    }
                    (UnOp::Neg, Operand::Lit(Literal::Float(f))) => {
                        return Operand::Lit(Literal::Float(-f))
                    }
                    _ => {}
                }
                let expr = match op {
                    UnOp::Neg => CExpr::Unary(UnaryOp::Neg, v),
                    UnOp::Plus => CExpr::Unary(UnaryOp::Plus, v),
                    UnOp::Bnot => CExpr::Unary(UnaryOp::Bnot, v),
                    UnOp::Not => CExpr::Bif("not".into(), vec![v]),
                };
                self.emit(expr, *span)
            }
            Expr::Match(p, v, span) => {
                let val = self.expr(v);
                self.match_expr(p, val, *span)
            }
            Expr::Call { target, args, span } => self.call(target, args, *span),
            Expr::Case(scrut, clauses, span) => {
                let v = self.expr(scrut);
                let v = self.force_var(v.clone(), *span);
                self.match_clauses(
                    vec![v],
                    clauses,
                    Fail::CaseClause(Operand::Var(v)),
                    false,
                    "case",
                    *span,
                )
            }
            Expr::If(clauses, span) => {
                self.match_clauses(Vec::new(), clauses, Fail::IfClause, false, "if", *span)
            }
            Expr::Receive {
                clauses,
                after,
                span,
            } => self.receive(clauses, after.as_ref(), *span),
            Expr::Try {
                body,
                of_clauses,
                catch_clauses,
                after,
                span,
            } => self.try_expr(body, of_clauses, catch_clauses, after, *span),
            Expr::Catch(inner, span) => {
                let before = self.cx().scope.clone();
                let tag = self.fresh();
                let body = self.block(|lw| lw.expr(inner));
                self.make_unsafe_since(&before, "catch", *span);
                self.emit(CExpr::Catch { body, tag }, *span)
            }
            Expr::Block(es, _) => self.body(es),
            Expr::Fun(clauses, span) => self.fun(None, clauses, *span),
            Expr::NamedFun {
                name,
                clauses,
                span,
            } => self.fun(Some(name), clauses, *span),
            Expr::FunRef { name, arity, span } => self.fun_ref(name, *arity, *span),
            Expr::RemoteFunRef {
                module,
                function,
                arity,
                span,
            } => match (&**module, &**function, &**arity) {
                (Expr::Atom(m, _), Expr::Atom(f, _), Expr::Integer(a, _)) => {
                    let a = u8::try_from(a).unwrap_or(255);
                    Operand::Lit(Literal::ExportFun(m.clone(), f.clone(), a))
                }
                _ => {
                    let m = self.expr(module);
                    let f = self.expr(function);
                    let a = self.expr(arity);
                    self.emit(
                        CExpr::Call(
                            Callee::Ext("erlang".into(), "make_fun".into(), 3),
                            vec![m, f, a],
                        ),
                        *span,
                    )
                }
            },
            Expr::ListComprehension(template, quals, span) => {
                self.comprehension(template, quals, false, *span)
            }
            Expr::BinaryComprehension(template, quals, span) => {
                self.comprehension(template, quals, true, *span)
            }
            Expr::MapComprehension(_, _, _, span) => {
                self.error(Kind::MapComprehension, *span);
                Operand::atom("undefined")
            }
        }
    }

    /// `{...}`, folded to a literal when every element is constant.
    pub(crate) fn make_tuple(&mut self, ops: Vec<Operand>, span: Span) -> Operand {
        if ops.iter().all(|o| matches!(o, Operand::Lit(_))) {
            let lits = ops
                .into_iter()
                .filter_map(|o| match o {
                    Operand::Lit(l) => Some(l),
                    Operand::Var(_) => None,
                })
                .collect();
            return Operand::Lit(Literal::Tuple(lits));
        }
        self.emit(CExpr::Tuple(ops), span)
    }

    /// A cons chain `[A, B, ... | T]`, walked iteratively (long list literals must not exhaust the
    /// stack); a constant suffix becomes one literal.
    fn list(&mut self, e: &Expr) -> Operand {
        let mut heads = Vec::new();
        let mut cur = e;
        while let Expr::Cons(h, t, span) = cur {
            heads.push((&**h, *span));
            cur = t;
        }
        let mut ops: Vec<(Operand, Span)> = heads.iter().map(|(h, s)| (self.expr(h), *s)).collect();
        let mut tail = self.expr(cur);
        if let Operand::Lit(t) = &tail {
            let n = ops
                .iter()
                .rev()
                .take_while(|(o, _)| matches!(o, Operand::Lit(_)))
                .count();
            if n > 0 {
                let items: Vec<Literal> = ops
                    .drain(ops.len() - n..)
                    .filter_map(|(o, _)| match o {
                        Operand::Lit(l) => Some(l),
                        Operand::Var(_) => None,
                    })
                    .collect();
                tail = Operand::Lit(match t {
                    Literal::List(more, rest) => {
                        let mut all = items;
                        all.extend(more.iter().cloned());
                        Literal::List(all, rest.clone())
                    }
                    other => Literal::List(items, Box::new(other.clone())),
                });
            }
        }
        while let Some((h, span)) = ops.pop() {
            tail = self.make_cons(h, tail, span);
        }
        tail
    }

    /// `[H | T]`, folded when constant.
    pub(crate) fn make_cons(&mut self, h: Operand, t: Operand, span: Span) -> Operand {
        match (h, t) {
            (Operand::Lit(h), Operand::Lit(t)) => Operand::Lit(cons_lit(h, t)),
            (h, t) => self.emit(CExpr::Cons(h, t), span),
        }
    }

    /// `Pattern = Value`: a one-clause match raising `{badmatch, Value}`; the value of the whole
    /// expression is `Value`.
    pub(crate) fn match_expr(&mut self, p: &Expr, val: Operand, span: Span) -> Operand {
        if let Expr::Var(name, vspan) = p {
            if let Ok(None) = self.is_bound(name) {
                // A plain binding of a new variable: no match needed.
                let v = self.force_var(val, span);
                self.cx().scope.bind(name, v);
                self.cx().bindings.push((name.clone(), v, *vspan));
                return Operand::Var(v);
            }
        }
        let v = self.force_var(val, span);
        let mut ps = self.pat_state(false);
        let pat = self.pattern(p, &mut ps);
        let eqs = self.commit_pattern(ps);
        let guard = self.guard(&[], eqs);
        let clause = CClause {
            pats: vec![pat],
            guard,
            body: Block::of(Operand::Var(v)),
            line: self.line(span),
            span,
        };
        self.emit(
            CExpr::Case {
                args: vec![v],
                clauses: vec![clause],
                fail: Fail::Badmatch(Operand::Var(v)),
                tree: None,
            },
            span,
        );
        Operand::Var(v)
    }

    fn binop(&mut self, op: BinOp, a: &Expr, b: &Expr, span: Span) -> Operand {
        if matches!(op, BinOp::AndAlso | BinOp::OrElse) {
            return self.short_circuit(op, a, b, span);
        }
        if matches!(op, BinOp::Append | BinOp::Subtract) {
            // Right-nested chain (`A ++ B ++ C`): operands left to right, then the operators
            // from the innermost out, as the recursive evaluation would.
            let mut ops = vec![(op, self.expr(a), span)];
            let mut cur = b;
            while let Expr::BinaryOp(op2 @ (BinOp::Append | BinOp::Subtract), a2, b2, s2) = cur {
                let x = self.expr(a2);
                ops.push((*op2, x, *s2));
                cur = b2;
            }
            let mut acc = self.expr(cur);
            for (op, x, span) in ops.into_iter().rev() {
                acc = self.apply_binop(op, x, acc, span);
            }
            return acc;
        }
        // Walk a left-nested chain (`A + B + C + ...`) iteratively: long chains must not
        // exhaust the stack.
        let mut spine = vec![(op, b, span)];
        let mut cur = a;
        while let Expr::BinaryOp(op2, a2, b2, s2) = cur {
            if matches!(op2, BinOp::AndAlso | BinOp::OrElse) {
                break;
            }
            spine.push((*op2, &**b2, *s2));
            cur = a2;
        }
        let mut acc = self.expr(cur);
        for (op, rhs, span) in spine.into_iter().rev() {
            let y = self.expr(rhs);
            acc = self.apply_binop(op, acc, y, span);
        }
        acc
    }

    /// Emits a (non-short-circuit) binary operator on two values.
    fn apply_binop(&mut self, op: BinOp, x: Operand, y: Operand, span: Span) -> Operand {
        let arith = |o| Some(o);
        let aop = match op {
            BinOp::Add => arith(ArithOp::Add),
            BinOp::Sub => arith(ArithOp::Sub),
            BinOp::Mul => arith(ArithOp::Mul),
            BinOp::FDiv => arith(ArithOp::Div),
            BinOp::Div => arith(ArithOp::IntDiv),
            BinOp::Rem => arith(ArithOp::Rem),
            BinOp::Band => arith(ArithOp::Band),
            BinOp::Bor => arith(ArithOp::Bor),
            BinOp::Bxor => arith(ArithOp::Bxor),
            BinOp::Bsl => arith(ArithOp::Bsl),
            BinOp::Bsr => arith(ArithOp::Bsr),
            _ => None,
        };
        if let Some(aop) = aop {
            return self.emit(CExpr::Arith(aop, x, y), span);
        }
        if op == BinOp::Send {
            return self.emit(CExpr::Send(x, y), span);
        }
        if op == BinOp::Append {
            return self.append_call(x, y, span);
        }
        self.emit(CExpr::Bif(op.as_str().to_string(), vec![x, y]), span)
    }

    /// `A ++ B` is a real call of `erlang:'++'/2`, as BEAM compiles it: the builtin traps on long
    /// lists (docs/interpreter.md), which the `Bif` instruction cannot.
    pub(crate) fn append_call(&mut self, x: Operand, y: Operand, span: Span) -> Operand {
        let callee = Callee::Ext("erlang".to_string(), "++".to_string(), 2);
        self.emit(CExpr::Call(callee, vec![x, y]), span)
    }

    /// `A andalso B` / `A orelse B`: a case on `A`; the right side is not checked (tail position).
    fn short_circuit(&mut self, op: BinOp, a: &Expr, b: &Expr, span: Span) -> Operand {
        let x = self.expr(a);
        let x = self.force_var(x, span);
        let before = self.cx().scope.clone();
        let (go_on, stop) = if op == BinOp::AndAlso {
            ("true", "false")
        } else {
            ("false", "true")
        };
        let right = self.block(|lw| lw.expr(b));
        let right_scope = self.cx().scope.clone();
        self.cx().scope = before.clone();
        let other = self.fresh();
        let bad = self.fresh();
        let mut clauses = vec![
            CClause {
                pats: vec![Pat::Lit(Literal::Atom(go_on.into()))],
                guard: None,
                body: right,
                line: self.line(span),
                span,
            },
            CClause {
                pats: vec![Pat::Lit(Literal::Atom(stop.into()))],
                guard: None,
                body: Block::of(Operand::atom(stop)),
                line: self.line(span),
                span,
            },
            CClause {
                pats: vec![Pat::Var(other)],
                guard: None,
                body: Block {
                    stmts: vec![
                        Stmt {
                            var: bad,
                            expr: CExpr::Tuple(vec![Operand::atom("badarg"), Operand::Var(other)]),
                            line: self.line(span),
                            export: false,
                        },
                        Stmt {
                            var: bad,
                            expr: CExpr::Error(Operand::Var(bad)),
                            line: self.line(span),
                            export: false,
                        },
                    ],
                    ret: Operand::Var(bad),
                },
                line: self.line(span),
                span,
            },
        ];
        let scopes = vec![right_scope, before.clone(), before.clone()];
        let mut bodies: Vec<&mut Block> = clauses.iter_mut().map(|c| &mut c.body).collect();
        // A variable bound on the right side is "unsafe in 'andalso'" at the operator (erl_lint).
        let (kind, at) = match op {
            BinOp::AndAlso => ("andalso", self.after(a.span().end)),
            _ => ("orelse", self.after(a.span().end)),
        };
        self.join_branches(before, &scopes, &mut bodies, kind, at);
        self.emit(
            CExpr::Case {
                args: vec![x],
                clauses,
                fail: Fail::CaseClause(Operand::Var(x)),
                tree: None,
            },
            span,
        )
    }

    fn call(&mut self, target: &CallTarget, args: &[Expr], span: Span) -> Operand {
        let arity = args.len() as u32;
        match target {
            CallTarget::Local(name, nspan) => {
                if name == "record_info" && arity == 2 && !self.locals.contains(&(name.clone(), 2))
                {
                    return self.record_info(&args[0], &args[1], span);
                }
                if name == "is_record"
                    && arity == 2
                    && !self.locals.contains(&(name.clone(), 2))
                    && matches!(&args[1], Expr::Atom(r, _) if self.records.contains_key(r))
                {
                    // `is_record(X, r)` as a value: the guard test in a two-clause match.
                    let g = self.gexpr(&Expr::Call {
                        target: target.clone(),
                        args: args.to_vec(),
                        span,
                    });
                    let line = self.line(span);
                    let clause = |guard, v: &str| CClause {
                        pats: Vec::new(),
                        guard,
                        body: Block::of(Operand::atom(v)),
                        line,
                        span,
                    };
                    return self.emit(
                        CExpr::Case {
                            args: Vec::new(),
                            clauses: vec![
                                clause(Some(Guard(vec![vec![g]])), "true"),
                                clause(None, "false"),
                            ],
                            fail: Fail::IfClause,
                            tree: None,
                        },
                        span,
                    );
                }
                let ops: Vec<Operand> = args.iter().map(|a| self.expr(a)).collect();
                if self.locals.contains(&(name.clone(), arity)) {
                    return self.emit(CExpr::Call(Callee::Local(name.clone(), arity), ops), span);
                }
                if let Some(m) = self.imports.get(&(name.clone(), arity)).cloned() {
                    return self.emit(CExpr::Call(Callee::Ext(m, name.clone(), arity), ops), span);
                }
                if is_auto_imported(name, arity) {
                    return self.ext_call("erlang", name, ops, span);
                }
                self.unresolved_function(name, arity, *nspan);
                Operand::atom("undefined")
            }
            CallTarget::Remote(m, f) => {
                if let (Expr::Atom(m, _), Expr::Atom(f, _)) = (&**m, &**f) {
                    let ops: Vec<Operand> = args.iter().map(|a| self.expr(a)).collect();
                    return self.ext_call(m, f, ops, span);
                }
                let mo = self.expr(m);
                let fo = self.expr(f);
                let ops: Vec<Operand> = args.iter().map(|a| self.expr(a)).collect();
                self.emit(CExpr::Call(Callee::Apply(mo, fo), ops), span)
            }
            CallTarget::Expr(f) => {
                let fo = self.expr(f);
                let ops: Vec<Operand> = args.iter().map(|a| self.expr(a)).collect();
                self.emit(CExpr::Call(Callee::Fun(fo), ops), span)
            }
        }
    }

    /// A call of `M:F(args)` with constant names: pure BIFs through `Bif`, the rest via `CallExt`.
    fn ext_call(&mut self, m: &str, f: &str, ops: Vec<Operand>, span: Span) -> Operand {
        let arity = ops.len() as u32;
        if m == "erlang" && is_pure_bif(f, arity) {
            return self.emit(CExpr::Bif(f.to_string(), ops), span);
        }
        self.emit(
            CExpr::Call(Callee::Ext(m.to_string(), f.to_string(), arity), ops),
            span,
        )
    }

    /// Maps `#{K => V}` (construction): a literal when constant, else `PutMap` on `#{}`.
    fn map_new(&mut self, assocs: &[ast::MapAssoc], span: Span) -> Operand {
        for a in assocs {
            if a.kind == ast::MapAssocKind::Exact {
                self.error(Kind::ExactInMapConstruction, a.span);
            }
        }
        let pairs: Vec<(Operand, Operand)> = assocs
            .iter()
            .map(|a| (self.expr(&a.key), self.expr(&a.value)))
            .collect();
        if pairs
            .iter()
            .all(|(k, v)| matches!((k, v), (Operand::Lit(_), Operand::Lit(_))))
        {
            // A later duplicate key replaces the earlier one. Keys are found by hash (a map
            // literal of 100,000 keys must not compare every pair).
            let mut lits: Vec<Option<(Literal, Literal)>> = Vec::new();
            let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
            for (k, v) in pairs {
                if let (Operand::Lit(k), Operand::Lit(v)) = (k, v) {
                    let same = by_hash.entry(literal_hash(&k)).or_default();
                    if let Some(pos) = same
                        .iter()
                        .position(|&i| lits[i].as_ref().is_some_and(|(k2, _)| *k2 == k))
                    {
                        lits[same[pos]] = None;
                        same.remove(pos);
                    }
                    same.push(lits.len());
                    lits.push(Some((k, v)));
                }
            }
            return Operand::Lit(Literal::Map(lits.into_iter().flatten().collect()));
        }
        self.emit(
            CExpr::MapPut {
                kind: MapPut::Assoc,
                map: Operand::Lit(Literal::Map(Vec::new())),
                pairs,
            },
            span,
        )
    }

    /// `M#{...}`: consecutive associations of the same kind become one `PutMap`.
    fn map_update(&mut self, m: Operand, assocs: &[ast::MapAssoc], span: Span) -> Operand {
        let pairs: Vec<(MapPut, Operand, Operand)> = assocs
            .iter()
            .map(|a| {
                let kind = match a.kind {
                    ast::MapAssocKind::Assoc => MapPut::Assoc,
                    ast::MapAssocKind::Exact => MapPut::Exact,
                };
                (kind, self.expr(&a.key), self.expr(&a.value))
            })
            .collect();
        let mut cur = m;
        let mut i = 0;
        if pairs.is_empty() {
            // `M#{}` still checks that M is a map.
            return self.emit(
                CExpr::MapPut {
                    kind: MapPut::Assoc,
                    map: cur,
                    pairs: Vec::new(),
                },
                span,
            );
        }
        while i < pairs.len() {
            let kind = pairs[i].0;
            let mut group = Vec::new();
            while i < pairs.len() && pairs[i].0 == kind {
                group.push((pairs[i].1.clone(), pairs[i].2.clone()));
                i += 1;
            }
            cur = self.emit(
                CExpr::MapPut {
                    kind,
                    map: cur,
                    pairs: group,
                },
                span,
            );
        }
        cur
    }
}

/// A hash of a literal that agrees with its `PartialEq` (so `0.0` and `-0.0`, which compare
/// equal, hash alike). Recursion follows the literal's nesting, which the parser bounds.
fn literal_hash(l: &Literal) -> u64 {
    use std::hash::{Hash, Hasher};
    fn feed(l: &Literal, h: &mut std::collections::hash_map::DefaultHasher) {
        std::mem::discriminant(l).hash(h);
        match l {
            Literal::Int(i) => i.hash(h),
            Literal::Float(f) => (if *f == 0.0 { 0.0f64 } else { *f }).to_bits().hash(h),
            Literal::Atom(a) => a.hash(h),
            Literal::Nil => {}
            Literal::List(items, tail) => {
                items.len().hash(h);
                items.iter().for_each(|x| feed(x, h));
                feed(tail, h);
            }
            Literal::Tuple(items) => {
                items.len().hash(h);
                items.iter().for_each(|x| feed(x, h));
            }
            // Pairs may come in any order: only their count goes in.
            Literal::Map(pairs) => pairs.len().hash(h),
            Literal::Binary(bytes, bits) => (bytes, bits).hash(h),
            Literal::ExportFun(m, f, a) => (m, f, a).hash(h),
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    feed(l, &mut h);
    h.finish()
}
