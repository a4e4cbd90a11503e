//! Code generation, part 1: a core module (with decision trees filled in) to a bytecode
//! [`Module`]. This file owns the module tables (atoms, imports, literals, lambdas, exports, line
//! table), labels and their resolution to absolute instruction indices, function prologues, blocks
//! and statements (calls, tail calls, data construction, `try`, `catch`, `receive`).
//! Decision trees and guards are in `codegen_match.rs`; register policy in `regalloc.rs`.

use crate::core::*;
use crate::diagnostics::{Diagnostic, Kind};
use crate::regalloc::{tail_index, Frame};
use krarup_bytecode::module::{Export, FunctionInfo, Import, Lambda, Literal, Module};
use krarup_bytecode::opcode::*;
use krarup_bytecode::{SMALL_MAX, SMALL_MIN};
use num_traits::ToPrimitive;
use std::collections::{HashMap, HashSet};

#[path = "codegen_opt.rs"]
mod opt;

/// Module-wide tables being built.
pub(crate) struct ModGen {
    pub atoms: Vec<String>,
    atom_map: HashMap<String, u32>,
    pub imports: Vec<Import>,
    import_map: HashMap<(u32, u32, u8), u32>,
    pub literals: Vec<Literal>,
    lit_map: HashMap<String, u32>,
    pub code: Vec<Instruction>,
    pub lines: Vec<(u32, u32)>,
    /// Label id to instruction index.
    pub labels: Vec<Option<u32>>,
    /// `(name, arity)` to `(FuncInfo label, entry label)`.
    pub funs: HashMap<(String, u32), (Label, Label)>,
    /// Lambda function name and arity (with free variables) to lambda-table index.
    pub lambda_idx: HashMap<(String, u32), u32>,
    pub module_atom: AtomIdx,
}

/// Where a statement's value goes.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Mode {
    /// Return it from the function (tail position).
    Tail,
    /// Store it in this register.
    Into(Dst),
}

impl ModGen {
    pub fn atom(&mut self, name: &str) -> AtomIdx {
        if let Some(i) = self.atom_map.get(name) {
            return AtomIdx(*i);
        }
        let i = self.atoms.len() as u32;
        self.atoms.push(name.to_string());
        self.atom_map.insert(name.to_string(), i);
        AtomIdx(i)
    }

    pub fn import(&mut self, m: &str, f: &str, arity: u8) -> ImportIdx {
        let (m, f) = (self.atom(m), self.atom(f));
        let key = (m.0, f.0, arity);
        if let Some(i) = self.import_map.get(&key) {
            return ImportIdx(*i);
        }
        let i = self.imports.len() as u32;
        self.imports.push(Import {
            module: m,
            function: f,
            arity,
        });
        self.import_map.insert(key, i);
        ImportIdx(i)
    }

    pub fn literal(&mut self, l: &Literal) -> LitIdx {
        let key = format!("{l:?}");
        if let Some(i) = self.lit_map.get(&key) {
            return LitIdx(*i);
        }
        let i = self.literals.len() as u32;
        self.literals.push(l.clone());
        self.lit_map.insert(key, i);
        LitIdx(i)
    }

    /// A constant as a source operand: atoms, small integers and `[]` inline, the rest literals.
    pub fn lit_src(&mut self, l: &Literal) -> Src {
        match l {
            Literal::Atom(a) => Src::Atom(self.atom(a)),
            Literal::Nil => Src::Nil,
            Literal::Int(i) => match i.to_i64() {
                Some(n) if (SMALL_MIN..=SMALL_MAX).contains(&n) => Src::Int(n),
                _ => Src::Lit(self.literal(l)),
            },
            _ => Src::Lit(self.literal(l)),
        }
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    pub fn bind(&mut self, l: Label) {
        if let Some(slot) = self.labels.get_mut(l.0 as usize) {
            *slot = Some(self.code.len() as u32);
        }
    }

    pub fn emit(&mut self, i: Instruction) {
        self.code.push(i);
    }

    /// Records that instructions from here on come from `line`.
    pub fn set_line(&mut self, line: u32) {
        if line == 0 {
            return;
        }
        let pc = self.code.len() as u32;
        match self.lines.last_mut() {
            Some((at, l)) if *l == line => {
                let _ = at;
            }
            Some((at, l)) if *at == pc => *l = line,
            _ => self.lines.push((pc, line)),
        }
    }

    /// The line instructions emitted now are attributed to (0 before any).
    pub fn current_line(&self) -> u32 {
        self.lines.last().map_or(0, |&(_, l)| l)
    }

    fn resolve(&self, l: Label) -> Label {
        Label(
            self.labels
                .get(l.0 as usize)
                .copied()
                .flatten()
                .unwrap_or(0),
        )
    }
}

/// Generates the bytecode module. Errors (limits exceeded) come back as diagnostics.
pub fn generate(m: &CModule) -> Result<Module, Vec<Diagnostic>> {
    let mut g = ModGen {
        atoms: Vec::new(),
        atom_map: HashMap::new(),
        imports: Vec::new(),
        import_map: HashMap::new(),
        literals: Vec::new(),
        lit_map: HashMap::new(),
        code: Vec::new(),
        lines: Vec::new(),
        labels: Vec::new(),
        funs: HashMap::new(),
        lambda_idx: HashMap::new(),
        module_atom: AtomIdx(0),
    };
    g.module_atom = g.atom(&m.name);
    let mut errors = Vec::new();
    for f in &m.functions {
        if f.num_vars > 60_000 {
            let kind = Kind::FunctionTooLarge {
                name: f.name.clone(),
                arity: f.arity,
            };
            errors.push(Diagnostic::new(kind, f.span));
        }
        if f.arity > 255 {
            let kind = Kind::TooManyArguments {
                name: f.name.clone(),
                arity: f.arity,
            };
            errors.push(Diagnostic::new(kind, f.span));
        }
        let fi = g.new_label();
        let entry = g.new_label();
        g.funs.insert((f.name.clone(), f.arity), (fi, entry));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut lambda_funs = Vec::new();
    for f in &m.functions {
        if let Some(info) = &f.lambda {
            g.lambda_idx
                .insert((f.name.clone(), f.arity), lambda_funs.len() as u32);
            lambda_funs.push((f.name.clone(), f.arity, info.clone()));
        }
    }
    let mut functions = Vec::new();
    for f in &m.functions {
        let start = g.code.len() as u32;
        FnGen::run(&mut g, f);
        let end = g.code.len() as u32;
        let function = g.atom(&f.name);
        functions.push(FunctionInfo {
            function,
            arity: f.arity as u8,
            start,
            end,
        });
    }
    peephole(&mut g, &mut functions);
    // Resolve labels.
    let mut code = std::mem::take(&mut g.code);
    for ins in code.iter_mut() {
        map_labels(ins, &mut |l| g.resolve(l));
    }
    let exports = m
        .exports
        .iter()
        .filter_map(|(n, a)| {
            let (_, entry) = *g.funs.get(&(n.clone(), *a))?;
            let entry = g.resolve(entry);
            Some(Export {
                function: g.atom(n),
                arity: *a as u8,
                entry,
            })
        })
        .collect();
    let lambdas = lambda_funs
        .iter()
        .map(|(name, arity, info)| {
            let entry = g
                .funs
                .get(&(name.clone(), *arity))
                .map(|(_, e)| g.resolve(*e))
                .unwrap_or(Label(0));
            Lambda {
                function: g.atom(name),
                arity: info.user_arity as u8,
                num_free: info.num_free as u8,
                entry,
            }
        })
        .collect();
    Ok(Module {
        name: m.name.clone(),
        file: m.file.clone(),
        atoms: g.atoms,
        imports: g.imports,
        exports,
        functions,
        lambdas,
        literals: g.literals,
        code,
        lines: g.lines,
        attributes: m.attributes.clone(),
    })
}

/// Removes jumps to the next instruction, remapping labels, function bounds and the line table.
fn peephole(g: &mut ModGen, functions: &mut [FunctionInfo]) {
    // Jump threading: a branch to a `Jump` goes straight to that jump's target.
    let jump_at: HashMap<u32, Label> = g
        .code
        .iter()
        .enumerate()
        .filter_map(|(i, ins)| match ins {
            Instruction::Jump { target } => Some((i as u32, *target)),
            _ => None,
        })
        .collect();
    let labels = g.labels.clone();
    // Raising function_clause stays a `Jump` to the `FuncInfo` (what the disassembly and the
    // backend tests look for), so jumps are not threaded into a `FuncInfo`.
    let func_infos: HashSet<Label> = g.funs.values().map(|(fi, _)| *fi).collect();
    let mut code = std::mem::take(&mut g.code);
    for ins in code.iter_mut() {
        map_labels(ins, &mut |mut l| {
            for _ in 0..16 {
                let pos = labels.get(l.0 as usize).copied().flatten();
                match pos.and_then(|p| jump_at.get(&p)) {
                    Some(t) if *t != l && !func_infos.contains(t) => l = *t,
                    _ => break,
                }
            }
            l
        });
    }
    g.code = code;
    // Dead code: instructions after a terminator that no label targets.
    let mut targeted: HashSet<u32> = HashSet::new();
    let mut code = std::mem::take(&mut g.code);
    for ins in code.iter_mut() {
        map_labels(ins, &mut |l| {
            if let Some(p) = labels.get(l.0 as usize).copied().flatten() {
                targeted.insert(p);
            }
            l
        });
    }
    g.code = code;
    for (fi, entry) in g.funs.values() {
        targeted.insert(g.resolve(*fi).0);
        targeted.insert(g.resolve(*entry).0);
    }
    let mut live = true;
    let keep: Vec<bool> = g
        .code
        .iter()
        .enumerate()
        .map(|(i, ins)| {
            if targeted.contains(&(i as u32)) {
                live = true;
            }
            let kept = live;
            if kept && ins.is_terminator() {
                live = false;
            }
            kept
        })
        .collect();
    compact(g, functions, keep);
    // Jumps to the next instruction.
    let keep: Vec<bool> = g
        .code
        .iter()
        .enumerate()
        .map(|(i, ins)| !matches!(ins, Instruction::Jump { target } if g.resolve(*target).0 as usize == i + 1))
        .collect();
    compact(g, functions, keep);
}

/// Drops the instructions whose `keep` entry is false, remapping labels, function bounds and
/// the line table (a label of a dropped instruction moves to the next kept one).
fn compact(g: &mut ModGen, functions: &mut [FunctionInfo], keep: Vec<bool>) {
    let n = g.code.len();
    let mut new_index = Vec::with_capacity(n + 1);
    let mut k = 0u32;
    for &kept in &keep {
        new_index.push(k);
        if kept {
            k += 1;
        }
    }
    new_index.push(k);
    for l in g.labels.iter_mut().flatten() {
        *l = new_index[(*l as usize).min(n)];
    }
    for f in functions.iter_mut() {
        f.start = new_index[(f.start as usize).min(n)];
        f.end = new_index[(f.end as usize).min(n)];
    }
    let mut lines: Vec<(u32, u32)> = Vec::new();
    for &(pc, line) in &g.lines {
        let pc = new_index[(pc as usize).min(n)];
        match lines.last_mut() {
            Some(last) if last.0 == pc => last.1 = line,
            _ => lines.push((pc, line)),
        }
    }
    g.lines = lines;
    let code = std::mem::take(&mut g.code);
    g.code = code
        .into_iter()
        .zip(keep)
        .filter_map(|(ins, kept)| kept.then_some(ins))
        .collect();
}

/// Rewrites every label operand of an instruction.
pub(crate) fn map_labels(ins: &mut Instruction, f: &mut dyn FnMut(Label) -> Label) {
    ins.for_each_label_mut(|l| *l = f(*l));
}

/// Code generation state for one function.
pub(crate) struct FnGen<'g> {
    pub g: &'g mut ModGen,
    pub frame: Frame,
    pub fun: &'g CFun,
    pub func_info: Label,
    /// Next free scratch X register in a guard.
    pub temp: u16,
    /// Read counts of the function's variables.
    pub counts: HashMap<VarId, u32>,
    /// Single-use call arguments computed straight into their argument register.
    pub in_arg: HashMap<VarId, Src>,
    /// Pattern variables that are read from the occurrence they were matched from (every leaf of
    /// their clause binds them to the same occurrence), instead of being copied.
    pub alias: HashMap<VarId, VarId>,
    /// The frame the function head's clause bodies open when they need one (see
    /// `regalloc::defers_frame`); taken while a body is generated, so nested matches never see it.
    pub deferred: Option<Frame>,
    /// While the function head is matched with a deferred frame, parameter `i` is read from `x[i]`
    /// where it arrived (guard temporaries then start above the parameters).
    pub params_in_x: bool,
    /// While `params_in_x`: X registers (from the arity up, at most [`LOW_VARS`]) given to the
    /// values the function head's match extracts, so a body can open its frame with them live.
    pub low: HashMap<VarId, u16>,
}

/// How many matched values of a deferred-frame function head get low X registers; guard
/// temporaries start above them.
const LOW_VARS: u16 = 64;

impl<'g> FnGen<'g> {
    fn run(g: &'g mut ModGen, f: &'g CFun) {
        let (fi, entry) = g.funs[&(f.name.clone(), f.arity)];
        let frame = Frame::for_fun(f);
        let defer = matches!(frame, Frame::Slots(_)) && crate::regalloc::defers_frame(f);
        let mut fg = FnGen {
            g,
            frame: if defer { Frame::None } else { frame },
            deferred: defer.then_some(frame),
            params_in_x: defer,
            low: HashMap::new(),
            fun: f,
            func_info: fi,
            temp: 0,
            counts: crate::regalloc::use_counts(&f.body),
            in_arg: HashMap::new(),
            alias: HashMap::new(),
        };
        let start = fg.g.code.len();
        fg.g.set_line(f.line);
        fg.g.bind(fi);
        let module = fg.g.module_atom;
        let function = fg.g.atom(&f.name);
        fg.g.emit(Instruction::FuncInfo {
            module,
            function,
            arity: f.arity as u8,
        });
        fg.g.bind(entry);
        if let (Frame::Slots(n), false) = (frame, defer) {
            fg.g.emit(Instruction::Allocate {
                slots: n,
                live: f.arity as u16,
            });
        }
        if !defer {
            for (i, p) in f.params.iter().enumerate() {
                let dst = fg.frame.loc(*p);
                fg.mov(Src::X(XReg(i as u16)), dst);
            }
        }
        fg.block(&f.body, Mode::Tail);
        opt::optimize_function(fg.g, start, f.arity as usize);
        if let Frame::Slots(_) = frame {
            // With a deferred frame, the Y slots of different clause bodies never overlap in code
            // order, so compaction also shares slots between bodies.
            let labels = fg.g.labels.clone();
            let resolve = |l: Label| labels.get(l.0 as usize).copied().flatten().unwrap_or(0);
            crate::regalloc::compact_frame(&mut fg.g.code[start..], start as u32, &resolve);
        }
    }

    pub fn src(&mut self, o: &Operand) -> Src {
        match o {
            Operand::Var(v) => match self.in_arg.get(v) {
                Some(s) => *s,
                None => self.var_src(*v),
            },
            Operand::Lit(l) => self.g.lit_src(l),
        }
    }

    /// Where variable `v` can be read (following pattern-variable aliases).
    pub fn var_src(&self, v: VarId) -> Src {
        let r = self.resolve(v);
        if self.params_in_x {
            if let Some(i) = self.fun.params.iter().position(|p| *p == r) {
                return Src::X(XReg(i as u16));
            }
            if let Some(x) = self.low.get(&r) {
                return Src::X(XReg(*x));
            }
        }
        self.frame.src(r)
    }

    /// Where variable `v` is written (see `low` for the function head of a deferred frame).
    pub fn loc(&mut self, v: VarId) -> Dst {
        if !self.params_in_x {
            return self.frame.loc(v);
        }
        let arity = self.fun.params.len() as u16;
        if let Some(i) = self.fun.params.iter().position(|p| *p == v) {
            return Dst::X(XReg(i as u16));
        }
        if let Some(x) = self.low.get(&v) {
            return Dst::X(XReg(*x));
        }
        let n = self.low.len() as u16;
        if n < LOW_VARS {
            self.low.insert(v, arity + n);
            return Dst::X(XReg(arity + n));
        }
        self.frame.loc(v)
    }

    pub fn mov(&mut self, src: Src, dst: Dst) {
        let same = matches!((src, dst), (Src::X(a), Dst::X(b)) if a == b)
            || matches!((src, dst), (Src::Y(a), Dst::Y(b)) if a == b);
        if !same {
            self.g.emit(Instruction::Move { src, dst });
        }
    }

    /// Generates a clause body of the function head when the frame is deferred: a body that needs
    /// a frame first moves the values it reads from their X registers to `x0..`, opens the frame
    /// with `Allocate { live }` (a safe point whose roots are exactly those registers), then moves
    /// them into their Y slots; a body that needs none runs frameless on the X registers.
    pub(crate) fn deferred_body(&mut self, frame: Frame, c: &CClause, mode: Mode) {
        let reads = crate::regalloc::use_counts(&c.body);
        let params = self.fun.params.clone();
        let free = self.fun.num_free as usize;
        let free_params = &params[params.len().saturating_sub(free)..];
        let needed = |v: &VarId| reads.contains_key(v) || free_params.contains(v);
        let mut pvars = Vec::new();
        c.pats
            .iter()
            .for_each(|p| crate::regalloc::pat_vars(p, &mut pvars));
        // Needed values: parameters by index, other pattern variables by their register's variable.
        let mut used_params: Vec<usize> = Vec::new();
        let mut extras: Vec<VarId> = Vec::new();
        for v in params.iter().chain(pvars.iter()) {
            if !needed(v) {
                continue;
            }
            let r = self.resolve(*v);
            match params.iter().position(|p| *p == r) {
                Some(i) if !used_params.contains(&i) => used_params.push(i),
                Some(_) => {}
                None if !extras.contains(&r) => extras.push(r),
                None => {}
            }
        }
        let Frame::Slots(n) = frame else {
            return self.block(&c.body, mode);
        };
        if !crate::regalloc::needs_frame(&c.body, mode == Mode::Tail) {
            // Frameless: parameters move up to their variable registers, so argument set-up for
            // a tail call cannot overwrite one. A body that only returns a value reads them in
            // place.
            if c.body.stmts.is_empty() {
                self.block(&c.body, mode);
                return;
            }
            for &i in &used_params {
                self.mov(Src::X(XReg(i as u16)), Frame::None.loc(params[i]));
            }
            for r in &extras {
                let s = self.var_src(*r);
                self.mov(s, Frame::None.loc(*r));
            }
            self.params_in_x = false;
            self.block(&c.body, mode);
            self.params_in_x = true;
            return;
        }
        // `Allocate` is a safe point whose roots are `x0..x[live - 1]`: parameters stay where they
        // are, other needed values are staged just above them.
        let nparams = if extras.is_empty() {
            used_params.iter().map(|i| i + 1).max().unwrap_or(0)
        } else {
            params.len()
        };
        let moves: Vec<(Src, u16, VarId)> = extras
            .iter()
            .enumerate()
            .map(|(j, r)| (self.var_src(*r), (nparams + j) as u16, *r))
            .collect();
        let pending = |m: &(Src, u16, VarId)| m.0 != Src::X(XReg(m.1));
        let conflict = moves.iter().any(|a| {
            pending(a)
                && moves
                    .iter()
                    .any(|b| b.2 != a.2 && pending(b) && b.0 == Src::X(XReg(a.1)))
        });
        for (s, _, r) in &moves {
            if conflict {
                // Through the variable's own high register, which nothing else uses here.
                let home = Frame::None.loc(*r);
                self.mov(*s, home);
            }
        }
        for (s, d, r) in &moves {
            let s = if conflict { Frame::None.src(*r) } else { *s };
            self.mov(s, Dst::X(XReg(*d)));
        }
        self.g.emit(Instruction::Allocate {
            slots: n,
            live: (nparams + extras.len()) as u16,
        });
        for &i in &used_params {
            self.mov(Src::X(XReg(i as u16)), frame.loc(params[i]));
        }
        for (j, r) in extras.iter().enumerate() {
            self.mov(Src::X(XReg((nparams + j) as u16)), frame.loc(*r));
        }
        self.frame = frame;
        self.params_in_x = false;
        self.block(&c.body, mode);
        self.params_in_x = true;
        self.frame = Frame::None;
    }

    /// First X register for guard temporaries.
    pub(crate) fn temp_start(&self) -> u16 {
        if self.params_in_x {
            self.fun.params.len() as u16 + LOW_VARS
        } else {
            0
        }
    }

    /// The variable whose register holds `v` (following pattern-variable aliases).
    fn resolve(&self, mut v: VarId) -> VarId {
        for _ in 0..64 {
            match self.alias.get(&v) {
                Some(o) if *o != v => v = *o,
                _ => break,
            }
        }
        v
    }

    /// Leaves the function returning `x0`.
    pub fn ret(&mut self) {
        if let Frame::Slots(n) = self.frame {
            self.g.emit(Instruction::Deallocate { slots: n });
        }
        self.g.emit(Instruction::Return);
    }

    /// Where a value computed in `mode` should be written.
    fn dst(mode: Mode) -> Dst {
        match mode {
            Mode::Tail => Dst::X(XReg(0)),
            Mode::Into(d) => d,
        }
    }

    /// After writing a value to `dst(mode)`: return if in tail position.
    fn finish(&mut self, mode: Mode) {
        if mode == Mode::Tail {
            self.ret();
        }
    }

    /// Generates a block.
    pub fn block(&mut self, b: &Block, mode: Mode) {
        let t = if mode == Mode::Tail {
            tail_index(b)
        } else {
            None
        };
        let next = crate::regalloc::next_barriers(b);
        for (i, s) in b.stmts.iter().enumerate() {
            if Some(i) == t {
                self.stmt(s, Mode::Tail);
                return;
            }
            if let Some(k) = crate::regalloc::arg_register(b, i, &next, &self.counts) {
                self.stmt(s, Mode::Into(Dst::X(XReg(k))));
                self.in_arg.insert(s.var, Src::X(XReg(k)));
                continue;
            }
            let dst = self.frame.loc(s.var);
            self.stmt(s, Mode::Into(dst));
        }
        let r = self.src(&b.ret);
        self.mov(r, Self::dst(mode));
        self.finish(mode);
    }

    fn stmt(&mut self, s: &Stmt, mode: Mode) {
        self.g.set_line(s.line);
        let d = Self::dst(mode);
        match &s.expr {
            CExpr::Value(o) => {
                let src = self.src(o);
                self.mov(src, d);
                self.finish(mode);
            }
            CExpr::Tuple(os) => {
                let elements = os.iter().map(|o| self.src(o)).collect();
                self.g.emit(Instruction::PutTuple { elements, dst: d });
                self.finish(mode);
            }
            CExpr::Cons(h, t) => {
                let (head, tail) = (self.src(h), self.src(t));
                self.g.emit(Instruction::PutList { head, tail, dst: d });
                self.finish(mode);
            }
            CExpr::Call(c, args) => self.call(c, args, mode),
            // `is_function/2` with an arity that is not a valid literal stays a builtin call in a
            // body: it raises badarg for a bad arity, where the guard test just fails.
            CExpr::Bif(name, args)
                if (args.len() == 1 && crate::codegen_match::type_test(name).is_some())
                    || (name == "is_function"
                        && args.len() == 2
                        && matches!(self.src(&args[1]), Src::Int(n) if (0..=255).contains(&n))) =>
            {
                // Type tests as values: a test and two moves, no builtin call.
                let fail = self.g.new_label();
                let done = self.g.new_label();
                let src = self.src(&args[0]);
                match crate::codegen_match::type_test(name) {
                    Some(ty) if args.len() == 1 => {
                        self.g.emit(Instruction::Test { fail, src, ty });
                    }
                    _ => {
                        let arity = self.src(&args[1]);
                        self.g.emit(Instruction::IsFunction2 { fail, src, arity });
                    }
                }
                let t = self.g.atom("true");
                let f = self.g.atom("false");
                self.mov(Src::Atom(t), d);
                self.g.emit(Instruction::Jump { target: done });
                self.g.bind(fail);
                self.mov(Src::Atom(f), d);
                self.g.bind(done);
                self.finish(mode);
            }
            CExpr::Bif(name, args) => {
                let import = self.g.import("erlang", name, args.len() as u8);
                let args = args.iter().map(|o| self.src(o)).collect();
                self.g.emit(Instruction::Bif {
                    import,
                    args,
                    dst: d,
                    fail: None,
                });
                self.finish(mode);
            }
            CExpr::Arith(op, a, b) => {
                let (a, b) = (self.src(a), self.src(b));
                self.g.emit(Instruction::Arith {
                    op: *op,
                    a,
                    b,
                    dst: d,
                    fail: None,
                });
                self.finish(mode);
            }
            CExpr::Unary(op, a) => {
                let a = self.src(a);
                self.g.emit(Instruction::Unary {
                    op: *op,
                    a,
                    dst: d,
                    fail: None,
                });
                self.finish(mode);
            }
            CExpr::Send(to, msg) => {
                let (to, msg) = (self.src(to), self.src(msg));
                self.mov(to, Dst::X(XReg(0)));
                self.mov(msg, Dst::X(XReg(1)));
                self.g.emit(Instruction::Send);
                self.mov(Src::X(XReg(0)), d);
                self.finish(mode);
            }
            CExpr::MakeFun { name, arity, free } => {
                let key = (name.clone(), *arity);
                let lambda = LambdaIdx(self.g.lambda_idx.get(&key).copied().unwrap_or(0));
                let free = free.iter().map(|o| self.src(o)).collect();
                self.g.emit(Instruction::MakeFun {
                    lambda,
                    free,
                    dst: d,
                });
                self.finish(mode);
            }
            CExpr::SelfFun => {
                let key = (self.fun.name.clone(), self.fun.arity);
                let lambda = LambdaIdx(self.g.lambda_idx.get(&key).copied().unwrap_or(0));
                let n = self.fun.params.len() - self.fun.num_free as usize;
                let free = self.fun.params[n..]
                    .iter()
                    .map(|p| self.var_src(*p))
                    .collect();
                self.g.emit(Instruction::MakeFun {
                    lambda,
                    free,
                    dst: d,
                });
                self.finish(mode);
            }
            CExpr::Binary(segs) => {
                let segments = segs
                    .iter()
                    .map(|s| BsSegment {
                        ty: s.ty,
                        value: self.src(&s.value),
                        size: self.seg_size(&s.size),
                        unit: s.unit,
                        flags: s.flags,
                    })
                    .collect();
                self.g.emit(Instruction::BsCreate {
                    segments,
                    dst: d,
                    fail: None,
                });
                self.finish(mode);
            }
            CExpr::MapPut { kind, map, pairs } => {
                let src = self.src(map);
                let pairs = pairs
                    .iter()
                    .map(|(k, v)| (self.src(k), self.src(v)))
                    .collect();
                self.g.emit(Instruction::PutMap {
                    kind: *kind,
                    src,
                    dst: d,
                    pairs,
                    fail: None,
                });
                self.finish(mode);
            }
            CExpr::Case {
                args,
                clauses,
                fail,
                tree,
            } => {
                let tree = tree
                    .as_deref()
                    .cloned()
                    .unwrap_or(crate::matchc::Decision::Fail);
                self.case(args, clauses, &tree, fail, mode, None);
            }
            CExpr::Receive {
                msg,
                clauses,
                after,
                tree,
            } => {
                let tree = tree
                    .as_deref()
                    .cloned()
                    .unwrap_or(crate::matchc::Decision::Fail);
                self.receive(*msg, clauses, after.as_ref(), &tree, mode);
            }
            CExpr::Try {
                body,
                result,
                of,
                tag,
                class,
                reason,
                stack,
                handler,
            } => {
                let y = YReg(*tag as u16);
                let h = self.g.new_label();
                let done = self.g.new_label();
                self.g.emit(Instruction::Try { y, handler: h });
                let rd = self.frame.loc(*result);
                self.block(body, Mode::Into(rd));
                self.g.emit(Instruction::TryEnd { y });
                self.block(of, mode);
                if mode != Mode::Tail {
                    self.g.emit(Instruction::Jump { target: done });
                }
                self.g.bind(h);
                self.g.emit(Instruction::TryCase { y });
                for (i, v) in [class, reason, stack].into_iter().enumerate() {
                    let dst = self.frame.loc(*v);
                    self.mov(Src::X(XReg(i as u16)), dst);
                }
                self.block(handler, mode);
                self.g.bind(done);
            }
            CExpr::Catch { body, tag } => {
                let y = YReg(*tag as u16);
                let h = self.g.new_label();
                self.g.emit(Instruction::Catch { y, handler: h });
                self.block(body, Mode::Into(Dst::X(XReg(0))));
                self.g.bind(h);
                self.g.emit(Instruction::CatchEnd { y });
                self.mov(Src::X(XReg(0)), d);
                self.finish(mode);
            }
            CExpr::Error(o) => {
                let reason = self.src(o);
                self.g.emit(Instruction::Error { reason });
            }
            CExpr::Raise(c, r, s) => {
                let (class, reason, stack) = (self.src(c), self.src(r), self.src(s));
                self.g.emit(Instruction::Raise {
                    class,
                    reason,
                    stack,
                });
            }
        }
    }

    pub fn seg_size(&mut self, s: &SegSize) -> BsSize {
        match s {
            SegSize::Default => BsSize::Default,
            SegSize::All => BsSize::All,
            SegSize::Op(o) => BsSize::Src(self.src(o)),
            // Only patterns have guard sizes; codegen_match evaluates them.
            SegSize::Guard(_) => BsSize::Default,
        }
    }

    fn call(&mut self, c: &Callee, args: &[Operand], mode: Mode) {
        let mut n = args.len();
        for (i, a) in args.iter().enumerate() {
            let s = self.src(a);
            self.mov(s, Dst::X(XReg(i as u16)));
        }
        let tail = mode == Mode::Tail;
        let dealloc = self.frame.slots();
        match c {
            Callee::Local(name, arity) => {
                let target = self
                    .g
                    .funs
                    .get(&(name.clone(), *arity))
                    .map(|x| x.1)
                    .unwrap_or(Label(0));
                self.emit_call(target, n as u8, tail, dealloc);
            }
            Callee::SelfRec => {
                let k = self.fun.num_free as usize;
                let params = &self.fun.params[self.fun.params.len() - k..];
                for p in params {
                    let s = self.var_src(*p);
                    self.mov(s, Dst::X(XReg(n as u16)));
                    n += 1;
                }
                let target = self.g.funs[&(self.fun.name.clone(), self.fun.arity)].1;
                self.emit_call(target, n as u8, tail, dealloc);
            }
            Callee::Ext(m, f, arity) => {
                let import = self.g.import(m, f, *arity as u8);
                let arity = *arity as u8;
                self.g.emit(match (tail, dealloc) {
                    (false, _) => Instruction::CallExt { arity, import },
                    (true, 0) => Instruction::CallExtOnly { arity, import },
                    (true, d) => Instruction::CallExtLast {
                        arity,
                        import,
                        dealloc: d,
                    },
                });
            }
            Callee::Fun(f) => {
                let s = self.src(f);
                self.mov(s, Dst::X(XReg(n as u16)));
                let arity = n as u8;
                self.g.emit(if tail {
                    Instruction::CallFunLast { arity, dealloc }
                } else {
                    Instruction::CallFun { arity }
                });
            }
            Callee::Apply(m, f) => {
                let (ms, fs) = (self.src(m), self.src(f));
                self.mov(ms, Dst::X(XReg(n as u16)));
                self.mov(fs, Dst::X(XReg(n as u16 + 1)));
                let arity = n as u8;
                self.g.emit(if tail {
                    Instruction::ApplyLast { arity, dealloc }
                } else {
                    Instruction::Apply { arity }
                });
            }
        }
        if let Mode::Into(d) = mode {
            self.mov(Src::X(XReg(0)), d);
        }
    }

    fn emit_call(&mut self, target: Label, arity: u8, tail: bool, dealloc: u16) {
        self.g.emit(match (tail, dealloc) {
            (false, _) => Instruction::Call { arity, target },
            (true, 0) => Instruction::CallOnly { arity, target },
            (true, d) => Instruction::CallLast {
                arity,
                target,
                dealloc: d,
            },
        });
    }

    /// Emits the action of a failed match.
    pub fn fail_action(&mut self, fail: &Fail) {
        let ins = match fail {
            Fail::CaseClause(o) => Instruction::CaseEnd { src: self.src(o) },
            Fail::IfClause => Instruction::IfEnd,
            Fail::Badmatch(o) => Instruction::Badmatch { src: self.src(o) },
            Fail::TryClause(o) => Instruction::TryCaseEnd { src: self.src(o) },
            Fail::Badrecord(o) => Instruction::Badrecord { src: self.src(o) },
            Fail::Error(o) => Instruction::Error {
                reason: self.src(o),
            },
            Fail::Reraise(c, r, s) => Instruction::Raise {
                class: self.src(c),
                reason: self.src(r),
                stack: self.src(s),
            },
            Fail::FunctionClause => {
                for (i, p) in self.fun.params.iter().enumerate() {
                    let s = self.var_src(*p);
                    self.mov(s, Dst::X(XReg(i as u16)));
                }
                if let Frame::Slots(n) = self.frame {
                    self.g.emit(Instruction::Deallocate { slots: n });
                }
                Instruction::Jump {
                    target: self.func_info,
                }
            }
        };
        self.g.emit(ins);
    }

    fn receive(
        &mut self,
        msg: VarId,
        clauses: &[CClause],
        after: Option<&(Operand, Block)>,
        tree: &crate::matchc::Decision,
        mode: Mode,
    ) {
        let top = self.g.new_label();
        let wait = self.g.new_label();
        let next = self.g.new_label();
        let done = self.g.new_label();
        self.g.bind(top);
        let dst = self.frame.loc(msg);
        self.g.emit(Instruction::LoopRec { fail: wait, dst });
        self.match_tree(
            &[msg],
            clauses,
            tree,
            &Fail::IfClause,
            mode,
            Some(next),
            true,
            done,
        );
        self.g.bind(next);
        self.g.emit(Instruction::LoopRecEnd { target: top });
        self.g.bind(wait);
        match after {
            Some((t, body)) => {
                let timeout = self.src(t);
                self.g.emit(Instruction::WaitTimeout {
                    target: top,
                    timeout,
                });
                self.g.emit(Instruction::Timeout);
                self.block(body, mode);
            }
            None => self.g.emit(Instruction::Wait { target: top }),
        }
        self.g.bind(done);
    }

    fn case(
        &mut self,
        args: &[VarId],
        clauses: &[CClause],
        tree: &crate::matchc::Decision,
        fail: &Fail,
        mode: Mode,
        fail_label: Option<Label>,
    ) {
        let done = self.g.new_label();
        self.match_tree(args, clauses, tree, fail, mode, fail_label, false, done);
        self.g.bind(done);
    }
}

/// A plain listing of a module's code (`--dump=bytecode`): one instruction per line with its
/// index, function headers, and the source line where it changes.
pub fn listing(m: &Module) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "module {} ({} instructions)", m.name, m.code.len());
    for (i, ins) in m.code.iter().enumerate() {
        if let Some(f) = m.functions.iter().find(|f| f.start as usize == i) {
            let _ = writeln!(out, "\n{}/{}:", m.atom(f.function), f.arity);
        }
        let _ = writeln!(out, "  {i:5}  {ins:?}");
    }
    let _ = writeln!(out, "\nliterals:");
    for (i, l) in m.literals.iter().enumerate() {
        let _ = writeln!(out, "  {i}: {}", crate::core::fmt_lit(l));
    }
    out
}
