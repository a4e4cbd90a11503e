//! A compiled module as the compiler produces it and the loader consumes it: tables of atoms,
//! imports, exports, functions, lambdas and literals, plus the code. Independent of any runtime
//! (atoms are names here; the loader interns them).

use super::opcode::{AtomIdx, Instruction, Label};
use num_bigint::BigInt;

/// A compiled module.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Module {
    /// The module name (also `atoms[0]`).
    pub name: String,
    /// Source file name, for stack traces (`{file, ...}`).
    pub file: String,
    /// Atom table; `AtomIdx(i)` names `atoms[i]`. `atoms[0]` is the module name.
    pub atoms: Vec<String>,
    /// Remote functions this module calls (`CallExt`, `Bif`).
    pub imports: Vec<Import>,
    /// Exported functions.
    pub exports: Vec<Export>,
    /// Every function, in code order. Function `i`'s code is `code[start..end]`, beginning with
    /// its `FuncInfo`.
    pub functions: Vec<FunctionInfo>,
    /// Funs defined in this module (`MakeFun`).
    pub lambdas: Vec<Lambda>,
    /// Constant terms (`Src::Lit`).
    pub literals: Vec<Literal>,
    pub code: Vec<Instruction>,
    /// `(instruction index, source line)`, ascending by index: the line of every instruction from
    /// that index up to the next entry.
    pub lines: Vec<(u32, u32)>,
    /// Module attributes other than `-module`/`-export`/`-import`/`-record` (e.g. `-vsn`), as
    /// `(name, value)`.
    pub attributes: Vec<(String, Literal)>,
}

/// A remote function reference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Import {
    pub module: AtomIdx,
    pub function: AtomIdx,
    pub arity: u8,
}

/// An exported function and its entry point (the instruction after its `FuncInfo`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Export {
    pub function: AtomIdx,
    pub arity: u8,
    pub entry: Label,
}

/// A function's place in the code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FunctionInfo {
    pub function: AtomIdx,
    pub arity: u8,
    /// Index of the function's `FuncInfo`.
    pub start: u32,
    /// One past the function's last instruction.
    pub end: u32,
}

/// A fun defined in the module. Calling it with `n` arguments runs `entry` with the arguments
/// in `x0..x[n-1]` followed by the free variables in `x[n]..`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Lambda {
    /// The generated function name, as BEAM names it (e.g. `'-main/0-fun-0-'`).
    pub function: AtomIdx,
    /// Arity seen by callers (without free variables).
    pub arity: u8,
    pub num_free: u8,
    /// Entry point (the instruction after the generated function's `FuncInfo`).
    pub entry: Label,
}

/// A constant term, independent of any heap.
#[derive(Clone, PartialEq, Debug)]
pub enum Literal {
    Int(BigInt),
    Float(f64),
    Atom(String),
    Nil,
    /// A list: elements, then the tail (`Nil` for a proper list).
    List(Vec<Literal>, Box<Literal>),
    Tuple(Vec<Literal>),
    /// Map pairs in any order (the loader sorts them).
    Map(Vec<(Literal, Literal)>),
    /// A bitstring: bytes and size in bits (`bytes.len() == bits.div_ceil(8)`).
    Binary(Vec<u8>, u64),
    /// `fun M:F/A`.
    ExportFun(String, String, u8),
}

impl Module {
    /// The function whose code contains `pc`, if any.
    pub fn function_at(&self, pc: u32) -> Option<&FunctionInfo> {
        let i = self.functions.partition_point(|f| f.end <= pc);
        self.functions.get(i).filter(|f| f.start <= pc)
    }

    /// The source line of the instruction at `pc` (0 if unknown).
    pub fn line_at(&self, pc: u32) -> u32 {
        let i = self.lines.partition_point(|&(at, _)| at <= pc);
        if i == 0 {
            0
        } else {
            self.lines[i - 1].1
        }
    }

    /// The name of an atom-table entry (`""` if out of range; the verifier rejects that).
    pub fn atom(&self, a: AtomIdx) -> &str {
        self.atoms
            .get(a.0 as usize)
            .map(|s| s.as_str())
            .unwrap_or("")
    }

    /// The instructions of function `name/arity` (`FuncInfo` first), if the module has it.
    pub fn function_code(&self, name: &str, arity: u8) -> Option<&[Instruction]> {
        let f = self
            .functions
            .iter()
            .find(|f| self.atom(f.function) == name && f.arity == arity)?;
        self.code.get(f.start as usize..f.end as usize)
    }
}
