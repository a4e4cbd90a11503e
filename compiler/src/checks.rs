//! Module-level checks on the AST (stub).
use crate::ast::Module;
use crate::diagnostics::Diagnostic;

/// Runs all module-level checks.
pub fn check_module(_m: &Module) -> Vec<Diagnostic> {
    Vec::new()
}
