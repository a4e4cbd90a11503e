//! Text listing of a module's bytecode (`krarup compile --dump=bytecode`). Owns only formatting.

use super::module::Module;

/// A readable listing of `module`: its tables, then each function's code with labels.
pub fn disassemble(module: &Module) -> String {
    format!("{module:?}")
}
