//! Code generation, part 2: decision trees (from `matchc.rs`) and guards to bytecode. A tree
//! becomes tests and selects (`Test`, `SelectVal`, `SelectTupleArity`, `IsTaggedTuple`,
//! `GetList`, `GetTupleElement`, map and bit-syntax matching); each leaf moves its bindings into
//! the clause's variables, runs the guard, and jumps to the clause body, which is emitted once.
//! Guards run with guard semantics: every failure, including a builtin's error, jumps to the
//! guard's fail label.

use crate::codegen::{FnGen, Mode};
use crate::core::*;
use crate::matchc::{used_occs, Ctor, Decision};
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::*;
use std::cell::RefCell;
use std::collections::HashSet;

/// Per-match facts shared by the tree walk.
struct TreeCx<'c> {
    clauses: &'c [CClause],
    bodies: Vec<Label>,
    used: HashSet<VarId>,
    /// Clauses reached from exactly one leaf: their body is emitted at that leaf instead of
    /// behind a jump (so a function head's test falls straight into the clause, as in BEAM).
    single: Vec<bool>,
    /// Bodies already emitted (at their leaf).
    emitted: RefCell<Vec<bool>>,
    mode: Mode,
    remove_msg: bool,
    done: Label,
}

impl FnGen<'_> {
    /// Generates a whole match: the tree, then each reachable clause body once, then the failure
    /// action (unless `fail_label` is given, in which case failure jumps there). Non-tail bodies
    /// jump to `done` afterwards. `remove_msg` starts each body with `RemoveMessage` (receive).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn match_tree(
        &mut self,
        _args: &[VarId],
        clauses: &[CClause],
        tree: &Decision,
        fail: &Fail,
        mode: Mode,
        fail_label: Option<Label>,
        remove_msg: bool,
        done: Label,
    ) {
        let bodies: Vec<Label> = clauses.iter().map(|_| self.g.new_label()).collect();
        let mut used = HashSet::new();
        used_occs(tree, &mut used);
        let mut reached = HashSet::new();
        crate::matchc::reachable(tree, &mut reached);
        // A variable every leaf of its clause binds to the same occurrence is read from there.
        let mut leaf_binds: Vec<Vec<&[(VarId, VarId)]>> = vec![Vec::new(); clauses.len()];
        collect_leaves(tree, &mut leaf_binds);
        for leaves in &leaf_binds {
            let Some(first) = leaves.first() else {
                continue;
            };
            for (v, occ) in first.iter() {
                if v != occ && leaves.iter().all(|l| l.contains(&(*v, *occ))) {
                    self.alias.insert(*v, *occ);
                }
            }
        }
        let single = leaf_binds.iter().map(|l| l.len() == 1).collect();
        let cx = TreeCx {
            clauses,
            bodies,
            used,
            single,
            emitted: RefCell::new(vec![false; clauses.len()]),
            mode,
            remove_msg,
            done,
        };
        // A case_clause/if_clause/try_clause is raised at the line of the `case`/`if`/`try`, as
        // on BEAM, not at the line of the clause body emitted last.
        let line = self.g.current_line();
        let fl = fail_label.unwrap_or_else(|| self.g.new_label());
        self.tree(tree, fl, &cx);
        for i in 0..clauses.len() {
            if reached.contains(&i) && !cx.emitted.borrow()[i] {
                self.clause_body(i, &cx);
            }
        }
        if fail_label.is_none() {
            self.g.bind(fl);
            self.g.set_line(line);
            self.fail_action(fail);
        }
    }

    /// Emits clause `i`'s body at its label (then a jump to the end of the match unless in tail
    /// position, where every body ends in a return, a tail call or a raise).
    fn clause_body(&mut self, i: usize, cx: &TreeCx) {
        cx.emitted.borrow_mut()[i] = true;
        let c = &cx.clauses[i];
        self.g.bind(cx.bodies[i]);
        self.g.set_line(c.line);
        if cx.remove_msg {
            self.g.emit(Instruction::RemoveMessage);
        }
        match self.deferred.take() {
            Some(frame) => {
                self.deferred_body(frame, c, cx.mode);
                self.deferred = Some(frame);
            }
            None => self.block(&c.body, cx.mode),
        }
        if cx.mode != Mode::Tail {
            self.g.emit(Instruction::Jump { target: cx.done });
        }
    }

    /// Continues a leaf into clause `i`'s body: inline if this is its only leaf, else a jump.
    fn enter_body(&mut self, i: usize, cx: &TreeCx) {
        if cx.single[i] && !cx.emitted.borrow()[i] {
            self.clause_body(i, cx);
        } else {
            self.g.emit(Instruction::Jump {
                target: cx.bodies[i],
            });
        }
    }

    fn tree(&mut self, d: &Decision, fail: Label, cx: &TreeCx) {
        match d {
            Decision::Fail => self.g.emit(Instruction::Jump { target: fail }),
            Decision::Leaf {
                clause,
                binds,
                otherwise,
            } => {
                for (v, occ) in binds {
                    if v != occ && self.alias.get(v) != Some(occ) {
                        let s = self.var_src(*occ);
                        let dst = self.loc(*v);
                        self.mov(s, dst);
                    }
                }
                match &cx.clauses[*clause].guard {
                    Some(g) => {
                        let gfail = self.g.new_label();
                        self.guard(g, gfail);
                        self.enter_body(*clause, cx);
                        self.g.bind(gfail);
                        match otherwise {
                            Some(o) => self.tree(o, fail, cx),
                            None => self.g.emit(Instruction::Jump { target: fail }),
                        }
                    }
                    None => self.enter_body(*clause, cx),
                }
            }
            Decision::Switch { occ, arms, default } => self.switch(*occ, arms, default, fail, cx),
            Decision::Map {
                occ,
                keys,
                ok,
                fail: otherwise,
            } => {
                let mfail = self.g.new_label();
                let src = self.var_src(*occ);
                self.g.emit(Instruction::Test {
                    fail: mfail,
                    src,
                    ty: TypeTest::Map,
                });
                let pairs = keys
                    .iter()
                    .map(|(k, v)| (self.src(k), self.loc(*v)))
                    .collect();
                self.g.emit(Instruction::GetMapElements {
                    fail: mfail,
                    src,
                    pairs,
                });
                self.tree(ok, fail, cx);
                self.g.bind(mfail);
                self.tree(otherwise, fail, cx);
            }
            Decision::Bin {
                occ,
                ctx,
                steps,
                check_tail,
                ok,
                fail: otherwise,
            } => {
                let bfail = self.g.new_label();
                let src = self.var_src(*occ);
                let cdst = self.loc(*ctx);
                let csrc = self.var_src(*ctx);
                self.g.emit(Instruction::BsStartMatch {
                    fail: bfail,
                    src,
                    dst: cdst,
                });
                for s in steps {
                    let size = match &s.size {
                        SegSize::Guard(g) => {
                            self.temp = self.temp_start();
                            BsSize::Src(self.gval(g, bfail))
                        }
                        other => self.seg_size(other),
                    };
                    match s.dst {
                        Some(v) => {
                            let dst = self.loc(v);
                            self.g.emit(Instruction::BsGet {
                                fail: bfail,
                                ctx: csrc,
                                ty: s.ty,
                                size,
                                unit: s.unit,
                                flags: s.flags,
                                dst,
                            });
                        }
                        None => self.g.emit(Instruction::BsSkip {
                            fail: bfail,
                            ctx: csrc,
                            size,
                            unit: s.unit,
                        }),
                    }
                }
                if *check_tail {
                    self.g.emit(Instruction::BsTestTail {
                        fail: bfail,
                        ctx: csrc,
                        bits: 0,
                    });
                }
                self.tree(ok, fail, cx);
                self.g.bind(bfail);
                self.tree(otherwise, fail, cx);
            }
            Decision::Try { first, otherwise } => {
                let alt = self.g.new_label();
                self.tree(first, alt, cx);
                self.g.bind(alt);
                self.tree(otherwise, fail, cx);
            }
        }
    }

    fn switch(
        &mut self,
        occ: VarId,
        arms: &[crate::matchc::Arm],
        default: &Decision,
        fail: Label,
        cx: &TreeCx,
    ) {
        let src = self.var_src(occ);
        let tuples: Vec<&crate::matchc::Arm> = arms
            .iter()
            .filter(|a| matches!(a.ctor, Ctor::Tuple(_)))
            .collect();
        if !tuples.is_empty() {
            let next = self.g.new_label();
            self.g.emit(Instruction::Test {
                fail: next,
                src,
                ty: TypeTest::Tuple,
            });
            if tuples.len() == 1 {
                let a = tuples[0];
                let n = a.fields.len() as u32;
                self.g.emit(Instruction::TestArity {
                    fail: next,
                    src,
                    arity: n,
                });
                self.tuple_fields(src, &a.fields, cx);
                self.tree(&a.then, fail, cx);
            } else {
                let labels: Vec<Label> = tuples.iter().map(|_| self.g.new_label()).collect();
                let cases = tuples
                    .iter()
                    .zip(&labels)
                    .map(|(a, l)| (a.fields.len() as u32, *l))
                    .collect();
                self.g.emit(Instruction::SelectTupleArity {
                    src,
                    fail: next,
                    cases,
                });
                for (a, l) in tuples.iter().zip(labels) {
                    self.g.bind(l);
                    self.tuple_fields(src, &a.fields, cx);
                    self.tree(&a.then, fail, cx);
                }
            }
            self.g.bind(next);
        }
        if let Some(a) = arms.iter().find(|a| a.ctor == Ctor::Cons) {
            let next = self.g.new_label();
            self.g.emit(Instruction::Test {
                fail: next,
                src,
                ty: TypeTest::NonEmptyList,
            });
            let (h, t) = (a.fields[0], a.fields[1]);
            match (cx.used.contains(&h), cx.used.contains(&t)) {
                (true, true) => {
                    let (head, tail) = (self.loc(h), self.loc(t));
                    self.g.emit(Instruction::GetList { src, head, tail });
                }
                (true, false) => {
                    let dst = self.loc(h);
                    self.g.emit(Instruction::GetHd { src, dst });
                }
                (false, true) => {
                    let dst = self.loc(t);
                    self.g.emit(Instruction::GetTl { src, dst });
                }
                (false, false) => {}
            }
            self.tree(&a.then, fail, cx);
            self.g.bind(next);
        }
        let lits: Vec<(&Literal, &Decision)> = arms
            .iter()
            .filter_map(|a| match &a.ctor {
                Ctor::Lit(l) => Some((l, &a.then)),
                _ => None,
            })
            .collect();
        let mut selectable = Vec::new();
        let mut others = Vec::new();
        for (l, t) in lits {
            let s = self.g.lit_src(l);
            if matches!(s, Src::Atom(_) | Src::Int(_) | Src::Nil) {
                selectable.push((s, t));
            } else {
                others.push((s, t));
            }
        }
        if selectable.len() == 1 {
            let (b, t) = selectable[0];
            let next = self.g.new_label();
            self.g.emit(Instruction::Cmp {
                fail: next,
                op: CmpOp::EqExact,
                a: src,
                b,
            });
            self.tree(t, fail, cx);
            self.g.bind(next);
        } else if !selectable.is_empty() {
            let next = self.g.new_label();
            let labels: Vec<Label> = selectable.iter().map(|_| self.g.new_label()).collect();
            let cases = selectable
                .iter()
                .zip(&labels)
                .map(|((s, _), l)| (*s, *l))
                .collect();
            self.g.emit(Instruction::SelectVal {
                src,
                fail: next,
                cases,
            });
            for ((_, t), l) in selectable.iter().zip(labels) {
                self.g.bind(l);
                self.tree(t, fail, cx);
            }
            self.g.bind(next);
        }
        for (s, t) in others {
            let next = self.g.new_label();
            self.g.emit(Instruction::Cmp {
                fail: next,
                op: CmpOp::EqExact,
                a: src,
                b: s,
            });
            self.tree(t, fail, cx);
            self.g.bind(next);
        }
        self.tree(default, fail, cx);
    }

    fn tuple_fields(&mut self, src: Src, fields: &[VarId], cx: &TreeCx) {
        for (i, f) in fields.iter().enumerate() {
            if cx.used.contains(f) {
                let dst = self.loc(*f);
                self.g.emit(Instruction::GetTupleElement {
                    src,
                    index: i as u32,
                    dst,
                });
            }
        }
    }

    // ---- guards ----

    fn temp(&mut self) -> Dst {
        let t = self.temp;
        self.temp += 1;
        Dst::X(XReg(t))
    }

    /// Jumps to `fail` unless the guard holds.
    pub(crate) fn guard(&mut self, g: &Guard, fail: Label) {
        let n = g.0.len();
        let ok = self.g.new_label();
        for (i, alt) in g.0.iter().enumerate() {
            self.temp = self.temp_start();
            let f = if i + 1 == n { fail } else { self.g.new_label() };
            for t in alt {
                self.gtest(t, f, f);
            }
            if i + 1 < n {
                self.g.emit(Instruction::Jump { target: ok });
                self.g.bind(f);
            }
        }
        self.g.bind(ok);
    }

    /// Jumps to `fail` if the test is false and to `err` if evaluating it raises (they differ only
    /// on the left of `orelse`, where an error fails the whole guard but `false` does not).
    fn gtest(&mut self, g: &GExpr, fail: Label, err: Label) {
        match g {
            GExpr::Op(Operand::Lit(Literal::Atom(a))) if a == "true" => {}
            GExpr::Op(Operand::Lit(_)) => self.g.emit(Instruction::Jump { target: fail }),
            GExpr::AndAlso(a, b) => {
                self.gtest(a, fail, err);
                self.gtest(b, fail, err);
            }
            GExpr::OrElse(a, b) => {
                let next = self.g.new_label();
                let ok = self.g.new_label();
                self.gtest(a, next, err);
                self.g.emit(Instruction::Jump { target: ok });
                self.g.bind(next);
                self.gtest(b, fail, err);
                self.g.bind(ok);
            }
            GExpr::IsRecord(e, tag, size) => {
                let src = self.gval(e, err);
                let tag = self.g.atom(tag);
                self.g.emit(Instruction::IsTaggedTuple {
                    fail,
                    src,
                    arity: *size,
                    tag,
                });
            }
            GExpr::Bif(name, args) if args.len() == 1 && type_test(name).is_some() => {
                let src = self.gval(&args[0], err);
                if let Some(ty) = type_test(name) {
                    self.g.emit(Instruction::Test { fail, src, ty });
                }
            }
            GExpr::Bif(name, args) if name == "is_function" && args.len() == 2 => {
                let src = self.gval(&args[0], err);
                let arity = self.gval(&args[1], err);
                self.g.emit(Instruction::IsFunction2 { fail, src, arity });
            }
            GExpr::Bif(name, args) if args.len() == 2 && cmp_op(name).is_some() => {
                let a = self.gval(&args[0], err);
                let b = self.gval(&args[1], err);
                if let Some((op, swap)) = cmp_op(name) {
                    let (a, b) = if swap { (b, a) } else { (a, b) };
                    self.g.emit(Instruction::Cmp { fail, op, a, b });
                }
            }
            GExpr::Bif(name, args) if name == "not" && args.len() == 1 => {
                let a = self.gval(&args[0], err);
                let f = self.g.atom("false");
                self.g.emit(Instruction::Cmp {
                    fail,
                    op: CmpOp::EqExact,
                    a,
                    b: Src::Atom(f),
                });
            }
            other => {
                let a = self.gval(other, err);
                let t = self.g.atom("true");
                self.g.emit(Instruction::Cmp {
                    fail,
                    op: CmpOp::EqExact,
                    a,
                    b: Src::Atom(t),
                });
            }
        }
    }

    fn gval(&mut self, g: &GExpr, fail: Label) -> Src {
        match g {
            GExpr::Op(o) => self.src(o),
            GExpr::Tuple(es) => {
                let elements = es.iter().map(|e| self.gval(e, fail)).collect();
                let dst = self.temp();
                self.g.emit(Instruction::PutTuple { elements, dst });
                dst_src(dst)
            }
            GExpr::Cons(h, t) => {
                let head = self.gval(h, fail);
                let tail = self.gval(t, fail);
                let dst = self.temp();
                self.g.emit(Instruction::PutList { head, tail, dst });
                dst_src(dst)
            }
            GExpr::Bif(name, args) => {
                let srcs = args.iter().map(|a| self.gval(a, fail)).collect();
                let import = self.g.import("erlang", name, args.len() as u8);
                let dst = self.temp();
                self.g.emit(Instruction::Bif {
                    import,
                    args: srcs,
                    dst,
                    fail: Some(fail),
                });
                dst_src(dst)
            }
            GExpr::Arith(op, a, b) => {
                let a = self.gval(a, fail);
                let b = self.gval(b, fail);
                let dst = self.temp();
                self.g.emit(Instruction::Arith {
                    op: *op,
                    a,
                    b,
                    dst,
                    fail: Some(fail),
                });
                dst_src(dst)
            }
            GExpr::Unary(op, a) => {
                let a = self.gval(a, fail);
                let dst = self.temp();
                self.g.emit(Instruction::Unary {
                    op: *op,
                    a,
                    dst,
                    fail: Some(fail),
                });
                dst_src(dst)
            }
            GExpr::RecordField {
                src,
                tag,
                size,
                index,
            } => {
                let s = self.gval(src, fail);
                let tag = self.g.atom(tag);
                self.g.emit(Instruction::IsTaggedTuple {
                    fail,
                    src: s,
                    arity: *size,
                    tag,
                });
                let dst = self.temp();
                self.g.emit(Instruction::GetTupleElement {
                    src: s,
                    index: index - 1,
                    dst,
                });
                dst_src(dst)
            }
            GExpr::MapPut(kind, m, kvs) => {
                let src = self.gval(m, fail);
                let pairs = kvs
                    .iter()
                    .map(|(k, v)| (self.gval(k, fail), self.gval(v, fail)))
                    .collect();
                let dst = self.temp();
                self.g.emit(Instruction::PutMap {
                    kind: *kind,
                    src,
                    dst,
                    pairs,
                    fail: Some(fail),
                });
                dst_src(dst)
            }
            GExpr::Binary(segs) => {
                let segments = segs
                    .iter()
                    .map(|s| {
                        let value = self.gval(&s.value, fail);
                        let size = match &s.size {
                            SegSize::Guard(n) => BsSize::Src(self.gval(n, fail)),
                            other => self.seg_size(other),
                        };
                        BsSegment {
                            ty: s.ty,
                            value,
                            size,
                            unit: s.unit,
                            flags: s.flags,
                        }
                    })
                    .collect();
                let dst = self.temp();
                self.g.emit(Instruction::BsCreate {
                    segments,
                    dst,
                    fail: Some(fail),
                });
                dst_src(dst)
            }
            GExpr::AndAlso(..) | GExpr::OrElse(..) | GExpr::IsRecord(..) => {
                let dst = self.temp();
                let f = self.g.new_label();
                let done = self.g.new_label();
                self.gtest(g, f, fail);
                let t = self.g.atom("true");
                self.g.emit(Instruction::Move {
                    src: Src::Atom(t),
                    dst,
                });
                self.g.emit(Instruction::Jump { target: done });
                self.g.bind(f);
                let fa = self.g.atom("false");
                self.g.emit(Instruction::Move {
                    src: Src::Atom(fa),
                    dst,
                });
                self.g.bind(done);
                dst_src(dst)
            }
        }
    }
}

/// The bindings of every leaf, grouped by clause.
fn collect_leaves<'t>(d: &'t Decision, out: &mut Vec<Vec<&'t [(VarId, VarId)]>>) {
    match d {
        Decision::Fail => {}
        Decision::Leaf {
            clause,
            binds,
            otherwise,
        } => {
            if let Some(v) = out.get_mut(*clause) {
                v.push(binds);
            }
            if let Some(o) = otherwise {
                collect_leaves(o, out);
            }
        }
        Decision::Switch { arms, default, .. } => {
            for a in arms {
                collect_leaves(&a.then, out);
            }
            collect_leaves(default, out);
        }
        Decision::Map { ok, fail, .. } | Decision::Bin { ok, fail, .. } => {
            collect_leaves(ok, out);
            collect_leaves(fail, out);
        }
        Decision::Try { first, otherwise } => {
            collect_leaves(first, out);
            collect_leaves(otherwise, out);
        }
    }
}

fn dst_src(d: Dst) -> Src {
    match d {
        Dst::X(x) => Src::X(x),
        Dst::Y(y) => Src::Y(y),
    }
}

/// The `Test` type for a type-test BIF.
pub(crate) fn type_test(name: &str) -> Option<TypeTest> {
    Some(match name {
        "is_atom" => TypeTest::Atom,
        "is_binary" => TypeTest::Binary,
        "is_bitstring" => TypeTest::Bitstring,
        "is_boolean" => TypeTest::Boolean,
        "is_float" => TypeTest::Float,
        "is_function" => TypeTest::Function,
        "is_integer" => TypeTest::Integer,
        "is_list" => TypeTest::List,
        "is_map" => TypeTest::Map,
        "is_number" => TypeTest::Number,
        "is_pid" => TypeTest::Pid,
        "is_port" => TypeTest::Port,
        "is_reference" => TypeTest::Reference,
        "is_tuple" => TypeTest::Tuple,
        _ => return None,
    })
}

/// The `Cmp` operator for a comparison, and whether the operands must be swapped.
fn cmp_op(name: &str) -> Option<(CmpOp, bool)> {
    Some(match name {
        "<" => (CmpOp::Lt, false),
        ">=" => (CmpOp::Ge, false),
        ">" => (CmpOp::Lt, true),
        "=<" => (CmpOp::Ge, true),
        "==" => (CmpOp::Eq, false),
        "/=" => (CmpOp::Ne, false),
        "=:=" => (CmpOp::EqExact, false),
        "=/=" => (CmpOp::NeExact, false),
        _ => return None,
    })
}
