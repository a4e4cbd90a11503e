//! The bytecode verifier, a lighter cousin of OTP's `beam_validator`: checks a `Module` before it
//! is loaded so that malformed code is a `LoadError`, never undefined behaviour in the
//! interpreter. Owns the structural rules listed on `verify`; does not own the file format
//! (`format`) or loading (the VM's `code` module).

use crate::describe::{FrameEffect, Reg};
use crate::format::MAX_LITERAL_DEPTH;
use crate::module::{FunctionInfo, Literal, Module};
use crate::opcode::{AtomIdx, Dst, ImportIdx, Instruction, Src};
use crate::{MAX_ATOM_CHARS, MAX_X_REGS, SMALL_MAX, SMALL_MIN};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why a module failed verification: the module's name and what is wrong, naming the function
/// and instruction at fault.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct VerifyError {
    /// The module's name, as the module states it.
    pub module: String,
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "module '{}': {}", self.module, self.message)
    }
}

impl std::error::Error for VerifyError {}

/// Checks `module`; the error names the function and instruction at fault. The rules:
/// - tables: `atoms[0]` is the module name; atom names are at most 255 characters; every atom,
///   literal, import and lambda index is in range; literals are finite floats, consistent
///   binaries, nested at most `MAX_LITERAL_DEPTH` deep; line entries ascend.
/// - functions: sorted, contiguous, covering all the code, at least two instructions each, each
///   starting with a `FuncInfo` naming this module and the function (and no `FuncInfo` inside);
///   no two with the same name and arity; the last instruction of each is a terminator.
/// - exports and lambdas point at the entry (`FuncInfo` + 1) of a function of the right arity
///   (for lambdas: arity + free variables).
/// - branches stay inside their function and never target a `FuncInfo` except the function's
///   own (which raises `function_clause`); local calls target a function entry of the call's
///   arity; `CallExt`/`Bif` arities match their import; `MakeFun` passes the lambda's free count.
/// - X registers are below `MAX_X_REGS` (Y operands are checked against the frame); `Src::Int`
///   is a small integer; `SelectVal` cases are constants; bit-syntax units are 1..=256.
/// - frames (a dataflow pass over every path): `Allocate` only with no frame open;
///   `Deallocate`, `CallLast`, `CallExtLast` close a frame of exactly their slot count;
///   `CallFunLast`/`ApplyLast` do the same when their count is positive and require no frame
///   when it is 0 (so the interpreter can tell the two apart);
///   `Return`, `CallOnly`, `CallExtOnly` only with no frame; body calls only inside a frame;
///   Y operands only below the open frame's size; paths that meet agree on the frame.
/// - X registers (a second dataflow pass, `verify_regs.rs`): every X register read holds a value
///   on every path — only `x0` survives a body call, `Allocate{live}` keeps `x0..x[live-1]`, an
///   exception handler starts with none — so no instruction can read a register the collector
///   did not update.
/// - operand types (a third pass, `verify_types.rs`): `GetList`, `GetHd`, `GetTl` read a
///   register known to hold a cons, `GetTupleElement` one known to hold a tuple of more than
///   `index` elements, `BsSetPosition` a position, on every path (by a test, a construction or
///   a literal), so no instruction trusts a type it was not shown.
pub fn verify(module: &Module) -> Result<(), VerifyError> {
    let v = Verifier::new(module);
    v.tables()
        .and_then(|()| v.functions())
        .map_err(|message| VerifyError {
            module: module.name.clone(),
            message,
        })
}

type V<T = ()> = Result<T, String>;

/// The frame state at an instruction: `None` = no frame, `Some(n)` = a frame of `n` Y slots.
type Frame = Option<u16>;

struct Verifier<'m> {
    m: &'m Module,
    /// Entry label (`FuncInfo` + 1) -> function.
    entries: HashMap<u32, &'m FunctionInfo>,
}

impl<'m> Verifier<'m> {
    fn new(m: &'m Module) -> Verifier<'m> {
        let entries = m
            .functions
            .iter()
            .map(|f| (f.start.saturating_add(1), f))
            .collect();
        Verifier { m, entries }
    }

    fn atom(&self, a: AtomIdx) -> V {
        if (a.0 as usize) < self.m.atoms.len() {
            Ok(())
        } else {
            Err(format!(
                "atom index {} out of range (table has {})",
                a.0,
                self.m.atoms.len()
            ))
        }
    }

    fn name(&self, f: &FunctionInfo) -> String {
        format!("{}/{}", self.m.atom(f.function), f.arity)
    }

    // ---- tables ----

    fn tables(&self) -> V {
        let m = self.m;
        match m.atoms.first() {
            Some(a) if *a == m.name => {}
            Some(a) => return Err(format!("atoms[0] is '{a}', not the module name")),
            None => return Err("the atom table is empty (atoms[0] must be the module name)".into()),
        }
        for a in &m.atoms {
            if a.chars().count() > MAX_ATOM_CHARS {
                return Err(format!("atom too long: '{a}'"));
            }
        }
        for (i, imp) in m.imports.iter().enumerate() {
            self.atom(imp.module)
                .and_then(|()| self.atom(imp.function))
                .map_err(|e| format!("import {i}: {e}"))?;
        }
        for e in &m.exports {
            self.atom(e.function)
                .map_err(|err| format!("export: {err}"))?;
            match self.entries.get(&e.entry.0) {
                Some(f) if f.function == e.function && f.arity == e.arity => {}
                _ => {
                    return Err(format!(
                        "export {}/{} does not point at the entry of that function (label {})",
                        m.atom(e.function),
                        e.arity,
                        e.entry.0
                    ))
                }
            }
        }
        for (i, l) in m.lambdas.iter().enumerate() {
            self.atom(l.function)
                .map_err(|err| format!("lambda {i}: {err}"))?;
            let want = l.arity as u16 + l.num_free as u16;
            match self.entries.get(&l.entry.0) {
                Some(f) if f.arity as u16 == want => {}
                Some(f) => {
                    return Err(format!(
                        "lambda {i} ({}) has arity {} + {} free but its entry is in {}",
                        m.atom(l.function),
                        l.arity,
                        l.num_free,
                        self.name(f)
                    ))
                }
                None => {
                    return Err(format!(
                        "lambda {i} ({}) does not point at a function entry (label {})",
                        m.atom(l.function),
                        l.entry.0
                    ))
                }
            }
        }
        for (i, lit) in m.literals.iter().enumerate() {
            check_literal(lit).map_err(|e| format!("literal {i}: {e}"))?;
        }
        for (name, lit) in &m.attributes {
            check_literal(lit).map_err(|e| format!("attribute {name}: {e}"))?;
        }
        let mut prev = 0;
        for &(at, _) in &m.lines {
            if at < prev || at as usize > m.code.len() {
                return Err(format!(
                    "line table entry for instruction {at} out of order"
                ));
            }
            prev = at;
        }
        Ok(())
    }

    // ---- functions ----

    fn functions(&self) -> V {
        let m = self.m;
        if m.functions.is_empty() && !m.code.is_empty() {
            return Err("code outside any function".into());
        }
        let mut expect_start = 0u32;
        let mut seen = HashSet::new();
        for f in &m.functions {
            self.atom(f.function)
                .map_err(|e| format!("function table: {e}"))?;
            let name = self.name(f);
            if f.start != expect_start {
                return Err(format!(
                    "function {name} starts at {} but the previous one ends at {expect_start}",
                    f.start
                ));
            }
            if f.end as usize > m.code.len() || (f.end as u64) < f.start as u64 + 2 {
                return Err(format!(
                    "function {name} spans {}..{} (code has {} instructions; a function needs \
                     a FuncInfo and a body)",
                    f.start,
                    f.end,
                    m.code.len()
                ));
            }
            if !seen.insert((f.function, f.arity)) {
                return Err(format!("function {name} defined twice"));
            }
            expect_start = f.end;
            match &m.code[f.start as usize] {
                Instruction::FuncInfo {
                    module,
                    function,
                    arity,
                } if *module == AtomIdx(0) && *function == f.function && *arity == f.arity => {}
                other => {
                    return Err(format!(
                        "function {name} must start with its FuncInfo, found {other:?}"
                    ))
                }
            }
            self.function(f)
                .map_err(|e| format!("in {}:{name}: {e}", m.name))?;
        }
        if expect_start as usize != m.code.len() {
            return Err(format!(
                "instructions {expect_start}.. are outside any function"
            ));
        }
        Ok(())
    }

    fn function(&self, f: &FunctionInfo) -> V {
        let code = &self.m.code[f.start as usize..f.end as usize];
        for (i, ins) in code.iter().enumerate().skip(1) {
            let pc = f.start as usize + i;
            self.instruction(f, ins)
                .map_err(|e| format!("instruction {pc} ({ins:?}): {e}"))?;
        }
        let last = &code[code.len() - 1];
        if !last.is_terminator() {
            return Err(format!(
                "the last instruction {last:?} falls through past the end of the function"
            ));
        }
        self.frames(f)?;
        regs::check(&self.m.code, f)?;
        types::check(self.m, f)
    }

    /// Checks one instruction's operands and targets (everything but frames).
    fn instruction(&self, f: &FunctionInfo, ins: &Instruction) -> V {
        use Instruction::*;
        let m = self.m;
        let mut err = None;
        ins.for_each_reg(|r| {
            if err.is_none() {
                if let Err(e) = self.operand(r) {
                    err = Some(e);
                }
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
        match ins {
            FuncInfo { .. } => return Err("FuncInfo inside a function body".into()),
            // Any `u16` frame size is allowed: frames live on each process's growable stack, and
            // every Y operand is checked against the open frame (below). The compiler itself
            // refuses functions of more than 60,000 variables. (A cap of 1,024 here once made the
            // loader refuse the frame emitted for a chain of 3,000 `andalso`.)
            Allocate { live, .. } if *live as usize > MAX_X_REGS => {
                return Err("live count too large".into());
            }
            Call { arity, target }
            | CallLast { arity, target, .. }
            | CallOnly { arity, target } => match self.entries.get(&target.0) {
                Some(g) if g.arity == *arity => {}
                Some(g) => return Err(format!("call with arity {arity} to {}", self.name(g))),
                None => return Err(format!("call target {} is not a function entry", target.0)),
            },
            CallExt { arity, import }
            | CallExtLast { arity, import, .. }
            | CallExtOnly { arity, import } => self.import(*import, *arity as usize)?,
            Bif { import, args, .. } => self.import(*import, args.len())?,
            MakeFun { lambda, free, .. } => match m.lambdas.get(lambda.0 as usize) {
                Some(l) if l.num_free as usize == free.len() => {}
                Some(l) => {
                    return Err(format!(
                        "lambda {} has {} free variables, {} given",
                        lambda.0,
                        l.num_free,
                        free.len()
                    ))
                }
                None => return Err(format!("lambda index {} out of range", lambda.0)),
            },
            IsTaggedTuple { tag, .. } => self.atom(*tag)?,
            SelectVal { cases, .. }
                if cases
                    .iter()
                    .any(|(v, _)| matches!(v, Src::X(_) | Src::Y(_))) =>
            {
                return Err("select_val case values must be constants".into());
            }
            BsCreate { segments, .. } => {
                for s in segments {
                    unit_ok(s.unit)?;
                }
            }
            BsGet { unit, .. } | BsSkip { unit, .. } | BsTestUnit { unit, .. } => unit_ok(*unit)?,
            _ => {}
        }
        if !ins.is_local_call() {
            let mut leaves = None;
            ins.for_each_target(|t| {
                if leaves.is_none() && (t.0 < f.start || t.0 >= f.end) {
                    leaves = Some(t.0);
                }
            });
            if let Some(t) = leaves {
                return Err(format!("branch to {t} leaves the function"));
            }
        }
        Ok(())
    }

    fn import(&self, import: ImportIdx, arity: usize) -> V {
        match self.m.imports.get(import.0 as usize) {
            Some(imp) if imp.arity as usize == arity => Ok(()),
            Some(imp) => Err(format!(
                "import {}:{}/{} used with {arity} arguments",
                self.m.atom(imp.module),
                self.m.atom(imp.function),
                imp.arity
            )),
            None => Err(format!("import index {} out of range", import.0)),
        }
    }

    fn operand(&self, op: Reg<'_>) -> V {
        match op {
            Reg::Read(Src::X(r)) | Reg::Write(Dst::X(r)) if r.0 as usize >= MAX_X_REGS => {
                Err(format!("X register {} out of range", r.0))
            }
            Reg::Read(Src::Atom(a)) => self.atom(*a),
            Reg::Read(Src::Int(n)) if !(SMALL_MIN..=SMALL_MAX).contains(n) => {
                Err(format!("integer operand {n} is not small (use a literal)"))
            }
            Reg::Read(Src::Lit(l)) if l.0 as usize >= self.m.literals.len() => {
                Err(format!("literal index {} out of range", l.0))
            }
            _ => Ok(()),
        }
    }

    // ---- frames ----

    /// Dataflow over the function: the frame state before every reachable instruction.
    fn frames(&self, f: &FunctionInfo) -> V {
        let start = f.start as usize;
        let code = &self.m.code[start..f.end as usize];
        let mut state: Vec<Option<Frame>> = vec![None; code.len()];
        let mut work = vec![1usize];
        state[1] = Some(None);
        let merge =
            |state: &mut Vec<Option<Frame>>, work: &mut Vec<usize>, at: usize, fr: Frame| {
                match state[at] {
                    None => {
                        state[at] = Some(fr);
                        work.push(at);
                        Ok(())
                    }
                    Some(old) if old == fr => Ok(()),
                    Some(old) => Err(format!(
                        "instruction {} is reached with {} and with {}",
                        start + at,
                        describe(old),
                        describe(fr)
                    )),
                }
            };
        let mut targets = Vec::new();
        while let Some(i) = work.pop() {
            let ins = &code[i];
            let Some(before) = state[i] else { continue };
            let after = frame_step(ins, before)
                .map_err(|e| format!("instruction {} ({ins:?}): {e}", start + i))?;
            if !ins.is_local_call() {
                targets.clear();
                ins.for_each_target(|t| targets.push(t));
                for t in &targets {
                    let at = (t.0 - f.start) as usize;
                    if at != 0 {
                        merge(&mut state, &mut work, at, before)?;
                    }
                }
            }
            if !ins.is_terminator() {
                merge(&mut state, &mut work, i + 1, after)?;
            }
        }
        Ok(())
    }
}

fn describe(f: Frame) -> String {
    match f {
        None => "no frame".into(),
        Some(n) => format!("a frame of {n} slots"),
    }
}

/// The frame state after `ins` (when it falls through), or why `ins` is wrong in state `fr`.
fn frame_step(ins: &Instruction, fr: Frame) -> Result<Frame, String> {
    let mut err = None;
    ins.for_each_reg(|op| {
        let y = match op {
            Reg::Read(Src::Y(r)) | Reg::Write(Dst::Y(r)) | Reg::Slot(r) => *r,
            _ => return,
        };
        if err.is_none() {
            match fr {
                Some(n) if y.0 < n => {}
                _ => err = Some(format!("y{} used with {}", y.0, describe(fr))),
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    let close = |slots: u16| -> Result<Frame, String> {
        match fr {
            Some(n) if n == slots => Ok(None),
            _ => Err(format!(
                "closes a frame of {slots} slots with {}",
                describe(fr)
            )),
        }
    };
    match ins.frame_effect() {
        FrameEffect::Keep => Ok(fr),
        FrameEffect::Open(slots) => match fr {
            None => Ok(Some(slots)),
            Some(_) => Err(format!("allocates with {} already open", describe(fr))),
        },
        FrameEffect::Close(slots) => close(slots),
        FrameEffect::CloseOrNone(dealloc) => match (dealloc, fr) {
            // Count 0 means "no frame": a frame of 0 slots would be left open, so it must be
            // closed with `Deallocate 0` first (or given at least one slot).
            (0, None) => Ok(None),
            (0, Some(_)) => Err(format!(
                "dealloc 0 means no frame, but {} is open (emit Deallocate first)",
                describe(fr)
            )),
            (n, _) => close(n),
        },
        FrameEffect::NeedsNone => match fr {
            None => Ok(None),
            Some(_) => Err(format!("needs no frame but {} is open", describe(fr))),
        },
        FrameEffect::NeedsFrame => match fr {
            Some(_) => Ok(fr),
            None => {
                Err("a body call needs a frame to keep the return address (Allocate first)".into())
            }
        },
    }
}

fn unit_ok(unit: u16) -> V {
    if (1..=256).contains(&unit) {
        Ok(())
    } else {
        Err(format!("bit-syntax unit {unit} outside 1..=256"))
    }
}

/// Checks a literal without recursion: finite floats, consistent binaries, bounded nesting.
fn check_literal(lit: &Literal) -> V {
    let mut stack = vec![(lit, 0usize)];
    while let Some((l, depth)) = stack.pop() {
        if depth > MAX_LITERAL_DEPTH {
            return Err("nested too deeply".into());
        }
        match l {
            Literal::Float(f) if !f.is_finite() => return Err("float is not finite".into()),
            Literal::Atom(a) if a.chars().count() > MAX_ATOM_CHARS => {
                return Err(format!("atom too long: '{a}'"))
            }
            Literal::ExportFun(m, f, _)
                if m.chars().count() > MAX_ATOM_CHARS || f.chars().count() > MAX_ATOM_CHARS =>
            {
                return Err("atom too long in fun M:F/A".into())
            }
            Literal::Binary(bytes, bits) if bits.div_ceil(8) != bytes.len() as u64 => {
                return Err("binary size disagrees with its bytes".into())
            }
            Literal::List(elems, tail) => {
                stack.extend(elems.iter().map(|e| (e, depth + 1)));
                stack.push((tail, depth + 1));
            }
            Literal::Tuple(elems) => stack.extend(elems.iter().map(|e| (e, depth + 1))),
            Literal::Map(pairs) => {
                for (k, v) in pairs {
                    stack.push((k, depth + 1));
                    stack.push((v, depth + 1));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[path = "verify_regs.rs"]
mod regs;

#[path = "verify_types.rs"]
mod types;

#[cfg(test)]
#[path = "verify_tests.rs"]
mod tests;
