//! The krarup compiler: Erlang source text in, bytecode modules out. Passes, in order:
//! lex, preprocess, parse (AST), lower (core IR), match compilation, codegen (bytecode).
//! No file-system access: callers pass source text and a file name for diagnostics.

pub mod ast;
pub mod checks;
pub mod diagnostics;
pub mod lexer;
pub mod parser;
pub mod preprocess;

/// Parses an Erlang module: lex, preprocess, parse, module-level checks. `Ok` carries the module and
/// its warnings; `Err` carries all diagnostics (at least one error). See `parser::parse_module_with`
/// for `-include` support.
pub fn parse_module(
    source: &str,
    file_name: &str,
) -> Result<(ast::Module, Vec<diagnostics::Diagnostic>), Vec<diagnostics::Diagnostic>> {
    parser::parse_module(source, file_name)
}

/// Pretty-prints a module's AST (`--dump=ast`).
pub fn dump_ast(module: &ast::Module) -> String {
    parser::dump_ast(module)
}
