//! Register allocation: where each core variable of a function lives. The policy is deliberately
//! simple and obviously correct (see docs/compiler-backend.md):
//! - A function that needs a stack frame (it makes a non-tail call, receives, or uses `try`/`catch`)
//!   keeps every variable `v` in Y slot `v`. Calls clobber X registers; Y slots survive them.
//! - Any other function keeps variable `v` in X register `X_BASE + v`, above every argument register,
//!   so setting up call arguments in `x0..` never overwrites a live variable.
//!
//! X registers below `X_BASE` are scratch: call arguments, return values, guard temporaries.

use crate::core::{Block, CExpr, CFun, VarId};
use krarup_vm::bytecode::opcode::{Dst, Src, XReg, YReg};

/// First X register used for variables in frameless functions.
pub const X_BASE: u32 = 256;
/// Registers must be below this (the verifier's limit).
pub const X_LIMIT: u32 = 1024;

/// Where a function's variables live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// No frame: variables in X registers from [`X_BASE`].
    None,
    /// A frame with this many Y slots: variable `v` in `y[v]`.
    Slots(u16),
}

impl Frame {
    /// Chooses the frame for a function.
    pub fn for_fun(f: &CFun) -> Frame {
        if needs_frame(&f.body, true) || f.num_vars + X_BASE >= X_LIMIT {
            Frame::Slots(f.num_vars.min(u16::MAX as u32) as u16)
        } else {
            Frame::None
        }
    }

    /// The register of variable `v`.
    pub fn loc(self, v: VarId) -> Dst {
        match self {
            Frame::None => Dst::X(XReg((X_BASE + v) as u16)),
            Frame::Slots(_) => Dst::Y(YReg(v as u16)),
        }
    }

    /// The register of variable `v` as a source operand.
    pub fn src(self, v: VarId) -> Src {
        match self.loc(v) {
            Dst::X(x) => Src::X(x),
            Dst::Y(y) => Src::Y(y),
        }
    }

    /// Number of Y slots to deallocate (0 without a frame).
    pub fn slots(self) -> u16 {
        match self {
            Frame::None => 0,
            Frame::Slots(n) => n,
        }
    }
}

/// The statement of `b` that is in tail position when `b` is, if any: the last non-export statement
/// when it defines the returned variable.
pub fn tail_index(b: &Block) -> Option<usize> {
    let i = b.stmts.iter().rposition(|s| !s.export)?;
    match b.ret {
        crate::core::Operand::Var(v) if b.stmts[i].var == v => Some(i),
        _ => None,
    }
}

/// True if the block (in tail position or not) contains something that needs a frame.
pub fn needs_frame(b: &Block, tail: bool) -> bool {
    let t = if tail { tail_index(b) } else { None };
    b.stmts.iter().enumerate().any(|(i, s)| {
        let in_tail = t == Some(i);
        match &s.expr {
            CExpr::Call(..) => !in_tail,
            CExpr::Receive { .. } | CExpr::Try { .. } | CExpr::Catch { .. } => true,
            CExpr::Send(..) => false,
            CExpr::Case { clauses, .. } => clauses.iter().any(|c| needs_frame(&c.body, in_tail)),
            _ => false,
        }
    })
}
