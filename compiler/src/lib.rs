//! The krarup compiler: Erlang source text in, bytecode modules out. Passes, in order:
//! lex, preprocess, parse (AST), lower (core IR), match compilation, codegen (bytecode).
//! No file-system access: callers pass source text and a file name for diagnostics.

pub mod ast;
pub mod diagnostics;
pub mod lexer;
pub mod preprocess;
