//! Code: the loader and the code table beside it. This file loads — it turns a `Module` that
//! `krarup_bytecode::verify` accepted into a `LoadedModule` (atoms interned into the runtime's
//! table, literals built as terms in a private literal heap, imports resolved to builtins where
//! one is registered). `table` owns every loaded version (current and old), the export table and
//! linking; `packed` is the loader's transform into the form the dispatch loop runs;
//! `runtime_bifs` names the builtins the interpreter implements. The interpreter, the scheduler
//! and the stack tracer read code only through `table::CodeTable`; this module depends on none
//! of them.

pub mod hot;
pub mod packed;
pub mod runtime_bifs;
pub mod table;

use crate::heap::Heap;
use crate::native::{NativeFn, NativeRegistry, Shared};
use crate::term::{Atom, Term};
use krarup_bytecode::module::{Literal, Module};
use std::fmt;
use std::sync::Arc;

/// Why a module could not be loaded (a format, verification or table error).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LoadError {
    /// The module's name (empty if the bytes did not get that far).
    pub module: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.module.is_empty() {
            write!(f, "cannot load module: {}", self.message)
        } else {
            write!(f, "cannot load module '{}': {}", self.module, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

impl From<krarup_bytecode::verify::VerifyError> for LoadError {
    fn from(e: krarup_bytecode::verify::VerifyError) -> LoadError {
        LoadError {
            module: e.module,
            message: e.message,
        }
    }
}

/// A remote function a module calls, with its builtin if one is registered (Erlang code is
/// reached through the export table at call time instead).
#[derive(Clone, Copy, Debug)]
pub struct ResolvedImport {
    pub module: Atom,
    pub function: Atom,
    pub arity: u8,
    pub native: Option<NativeFn>,
}

/// A module ready to run.
pub struct LoadedModule {
    pub name: Atom,
    /// The code and tables as loaded (verified).
    pub module: Module,
    /// Module `AtomIdx` -> runtime atom.
    pub atoms: Vec<Atom>,
    /// `Src::Lit(i)` -> `literals[i]`, living in `literal_heap`.
    pub literals: Vec<Term>,
    pub imports: Vec<ResolvedImport>,
    /// Distinguishes versions of the same module (funs name the version they were made by).
    pub unique: u64,
    /// Holds every literal term; never collected. Shared so that a purge can keep it alive
    /// after the code goes: process heaps point into it (literals are not copied), and krarup
    /// has no literal-area collector (docs/code-loading.md).
    literal_heap: Arc<LiteralArea>,
}

/// A module's literal terms (a heap that is only read after loading).
pub struct LiteralArea(Heap);

// SAFETY: as for `LoadedModule`: after loading nothing mutates the heap, so threads only read
// immutable words; its refc-binary counts are atomic.
unsafe impl Sync for LiteralArea {}

// SAFETY: after `load` returns, nothing mutates `literal_heap` (it is private and no method
// hands out `&mut`), so sharing a `LoadedModule` between threads only ever reads immutable
// words; the refc-binary counts it holds are atomic (`Arc`).
unsafe impl Sync for LoadedModule {}

impl fmt::Debug for LoadedModule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoadedModule")
            .field("name", &self.module.name)
            .field("unique", &self.unique)
            .field("literal_words", &self.literal_heap.0.used_words())
            .finish_non_exhaustive()
    }
}

impl LoadedModule {
    /// Words the literal heap occupies (for tests and statistics).
    pub fn literal_words(&self) -> usize {
        self.literal_heap.0.used_words()
    }

    /// True if `t` is a boxed or list term pointing into this module's literal area.
    pub fn owns_literal(&self, t: Term) -> bool {
        (t.is_boxed() || t.is_cons()) && self.literal_heap.0.contains(t.boxed_ptr())
    }

    /// The literal area, for keeping it alive past the module (a purge does).
    pub fn literal_area(&self) -> Arc<LiteralArea> {
        self.literal_heap.clone()
    }
}

/// Verifies `module` and prepares it to run: interns its atoms, builds its literals (maps through
/// `ops::map::from_pairs`, so their keys are in OTP's order), and resolves each import to a
/// builtin in `natives` where registered. `unique` is the caller's version stamp.
pub fn load(
    shared: &Shared,
    natives: &NativeRegistry,
    module: Module,
    unique: u64,
) -> Result<LoadedModule, LoadError> {
    krarup_bytecode::verify::verify(&module)?;
    check_atom_room(shared, &module)?;
    let atoms: Vec<Atom> = module
        .atoms
        .iter()
        .map(|a| shared.atoms.intern(a))
        .collect();
    let name = atoms[0];
    let imports: Vec<ResolvedImport> = module
        .imports
        .iter()
        .map(|imp| {
            let (m, f) = (atoms[imp.module.0 as usize], atoms[imp.function.0 as usize]);
            ResolvedImport {
                module: m,
                function: f,
                arity: imp.arity,
                native: natives.get(m, f, imp.arity),
            }
        })
        .collect();
    check_bif_imports(shared, &module, &imports)?;
    let mut literal_heap = Heap::with_capacity(literal_words_hint(&module.literals));
    let literals = module
        .literals
        .iter()
        .map(|l| materialize(&mut literal_heap, shared, l))
        .collect();
    Ok(LoadedModule {
        name,
        module,
        atoms,
        literals,
        imports,
        unique,
        literal_heap: Arc::new(LiteralArea(literal_heap)),
    })
}

/// Refuses a module whose `Bif` instructions name a function that is no builtin (a native or a
/// runtime builtin): the interpreter runs `Bif` only as a builtin call, which cannot fail over
/// to code.
fn check_bif_imports(
    shared: &Shared,
    module: &Module,
    imports: &[ResolvedImport],
) -> Result<(), LoadError> {
    let runtime: std::collections::HashSet<(Atom, Atom, u8)> = runtime_bifs::all(&shared.atoms)
        .into_iter()
        .map(|(key, _)| key)
        .collect();
    for ins in &module.code {
        let krarup_bytecode::opcode::Instruction::Bif { import, .. } = ins else {
            continue;
        };
        let Some(imp) = imports.get(import.0 as usize) else {
            continue; // the verifier has checked the index
        };
        if imp.native.is_none() && !runtime.contains(&(imp.module, imp.function, imp.arity)) {
            return Err(LoadError {
                module: module.name.clone(),
                message: format!(
                    "a Bif instruction calls {}:{}/{}, which is not a builtin",
                    shared.atoms.name(imp.module),
                    shared.atoms.name(imp.function),
                    imp.arity
                ),
            });
        }
    }
    Ok(())
}

/// Refuses a module whose new atoms (names and literals) would take the atom table past its
/// limit (`erl +t`), before any is added; BEAM aborts the node there.
fn check_atom_room(shared: &Shared, module: &Module) -> Result<(), LoadError> {
    let table = &shared.atoms;
    let mut new: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut names: Vec<&str> = module.atoms.iter().map(|a| a.as_str()).collect();
    let mut stack: Vec<&Literal> = module.literals.iter().collect();
    while let Some(l) = stack.pop() {
        match l {
            Literal::Atom(a) => names.push(a),
            Literal::ExportFun(m, f, _) => names.extend([m.as_str(), f.as_str()]),
            Literal::List(e, tail) => {
                stack.extend(e.iter());
                stack.push(tail);
            }
            Literal::Tuple(e) => stack.extend(e.iter()),
            Literal::Map(p) => stack.extend(p.iter().flat_map(|(k, v)| [k, v])),
            Literal::Int(_) | Literal::Float(_) | Literal::Nil | Literal::Binary(..) => {}
        }
    }
    for name in names {
        if table.lookup(name).is_none() {
            new.insert(name);
        }
    }
    if table.len().saturating_add(new.len()) > table.limit() {
        return Err(LoadError {
            module: module.atoms.first().cloned().unwrap_or_default(),
            message: format!(
                "system_limit: its {} new atoms do not fit in the atom table (atom_limit {})",
                new.len(),
                table.limit()
            ),
        });
    }
    Ok(())
}

/// A rough upper bound on the words the literals need (maps may take more; the heap spills into
/// fragments then, which is fine for a heap that is never collected).
fn literal_words_hint(literals: &[Literal]) -> usize {
    let mut words = 0usize;
    let mut stack: Vec<&Literal> = literals.iter().collect();
    while let Some(l) = stack.pop() {
        words += match l {
            Literal::Int(_) | Literal::Float(_) => 4,
            Literal::Atom(_) | Literal::Nil => 0,
            Literal::List(e, tail) => {
                stack.extend(e.iter());
                stack.push(tail);
                2 * e.len()
            }
            Literal::Tuple(e) => {
                stack.extend(e.iter());
                1 + e.len()
            }
            Literal::Map(p) => {
                stack.extend(p.iter().flat_map(|(k, v)| [k, v]));
                3 + 2 * p.len()
            }
            Literal::Binary(b, _) => 3 + b.len().div_ceil(8),
            Literal::ExportFun(..) => 4,
        };
    }
    words.max(16)
}

/// Builds `lit` on `heap` without recursion: a task stack visits the literal in post-order and a
/// value stack holds finished subterms.
pub fn materialize(heap: &mut Heap, shared: &Shared, lit: &Literal) -> Term {
    enum Task<'a> {
        Visit(&'a Literal),
        List(usize),
        Tuple(usize),
        Map(usize),
    }
    let mut tasks = vec![Task::Visit(lit)];
    let mut values: Vec<Term> = Vec::new();
    while let Some(task) = tasks.pop() {
        match task {
            Task::Visit(l) => match l {
                Literal::Int(n) => values.push(heap.bigint(n)),
                Literal::Float(f) => values.push(heap.float(*f)),
                Literal::Atom(a) => values.push(Term::atom(shared.atoms.intern(a))),
                Literal::Nil => values.push(Term::NIL),
                Literal::Binary(bytes, bits) => {
                    let bits = *bits as usize;
                    let need = bits.div_ceil(8);
                    if bytes.len() == need {
                        values.push(heap.bitstring(bytes, bits));
                    } else {
                        // Unverified input: pad or cut the bytes to the stated size.
                        let mut b = bytes.clone();
                        b.resize(need, 0);
                        values.push(heap.bitstring(&b, bits));
                    }
                }
                Literal::ExportFun(m, f, a) => {
                    let m = Term::atom(shared.atoms.intern(m));
                    let f = Term::atom(shared.atoms.intern(f));
                    values.push(heap.export_fun(m, f, *a));
                }
                Literal::List(elems, tail) => {
                    tasks.push(Task::List(elems.len()));
                    tasks.push(Task::Visit(tail));
                    tasks.extend(elems.iter().rev().map(Task::Visit));
                }
                Literal::Tuple(elems) => {
                    tasks.push(Task::Tuple(elems.len()));
                    tasks.extend(elems.iter().rev().map(Task::Visit));
                }
                Literal::Map(pairs) => {
                    tasks.push(Task::Map(pairs.len()));
                    for (k, v) in pairs.iter().rev() {
                        tasks.push(Task::Visit(v));
                        tasks.push(Task::Visit(k));
                    }
                }
            },
            Task::List(n) => {
                let start = values.len() - n - 1;
                let tail = values[start + n];
                let list = heap.list_with_tail(&values[start..start + n], tail);
                values.truncate(start);
                values.push(list);
            }
            Task::Tuple(n) => {
                let start = values.len() - n;
                let t = heap.tuple(&values[start..]);
                values.truncate(start);
                values.push(t);
            }
            Task::Map(n) => {
                let start = values.len() - 2 * n;
                let pairs: Vec<(Term, Term)> =
                    values[start..].chunks(2).map(|c| (c[0], c[1])).collect();
                let m = crate::ops::map::from_pairs(heap, &pairs, &shared.atoms);
                values.truncate(start);
                values.push(m);
            }
        }
    }
    values.pop().unwrap_or(Term::NIL)
}

#[cfg(test)]
mod tests;
