//! The krarup compiler: Erlang source text in, bytecode modules out. Passes, in order:
//! lex, preprocess, parse (AST), lower (core IR), match compilation, codegen (bytecode).
//! No file-system access: callers pass source text and a file name for diagnostics.
#![forbid(unsafe_code)]

pub mod ast;
pub mod checks;
pub mod codegen;
mod codegen_match;
pub mod core;
pub mod depth;
pub mod diagnostics;
pub mod lexer;
pub mod lower;
mod lower_ext;
mod lower_pat;
pub mod matchc;
pub mod ms_transform;
pub mod parser;
pub mod preprocess;
pub mod regalloc;
pub mod scope;
pub mod shell;
mod shell_pp;
pub mod sources;
pub mod terms;
pub mod warn_options;

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

// ---- back end (lowering, match compilation, codegen) ----

/// A successfully compiled module and the warnings produced on the way.
#[derive(Debug)]
pub struct Compiled {
    /// The bytecode module, ready for the VM to load.
    pub module: krarup_bytecode::module::Module,
    /// Warnings from every pass (parse checks, unused variables, unreachable clauses).
    pub warnings: Vec<diagnostics::Diagnostic>,
}

/// The intermediate form printed by [`dump`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The parsed AST.
    Ast,
    /// The core IR after lowering.
    Core,
    /// The decision trees of every match.
    Decision,
    /// The bytecode.
    Bytecode,
}

/// Lowers and match-compiles a parsed module; warnings are appended to `diags` (which holds
/// what the earlier passes found).
fn to_core(
    m: &ast::Module,
    source: &str,
    diags: &mut Vec<diagnostics::Diagnostic>,
) -> Result<core::CModule, Vec<diagnostics::Diagnostic>> {
    let mut unresolved = Vec::new();
    let lowered = lower::lower_module(m, source, diags, &mut unresolved);
    // The module checks own undefined functions, records and fields; what lowering met of them
    // stands in only when the checks reported no error (so a module never compiles with a hole).
    if !unresolved.is_empty() && !diags.iter().any(|d| d.is_error()) {
        let mut errors = lowered.err().unwrap_or_default();
        errors.extend(unresolved);
        return Err(errors);
    }
    let mut cm = lowered?;
    // A line in the clause's own file (the module's source or an included file).
    let line_of = |s: ast::Span| {
        let (text, local) = m.sources.text_at(source, s.start);
        diagnostics::line_col(text, local).0
    };
    matchc::compile_module(&mut cm, diags, &line_of);
    Ok(cm)
}

/// Compiles Erlang source to a bytecode module: parse (with module checks), lower to core,
/// match-compile, generate code. `Err` holds every error (and the warnings found before them).
pub fn compile(source: &str, file_name: &str) -> Result<Compiled, Vec<diagnostics::Diagnostic>> {
    compile_with(source, file_name, None)
}

/// Like [`compile`], with a resolver for `-include`/`-include_lib` (see
/// `preprocess::IncludeResolver`; the caller does the file IO).
pub fn compile_with(
    source: &str,
    file_name: &str,
    resolver: Option<preprocess::IncludeResolver<'_>>,
) -> Result<Compiled, Vec<diagnostics::Diagnostic>> {
    // Forms with a lex, preprocessor or syntax error are dropped by the parser; the module checks
    // and lowering still run on the rest (as erlc does after a syntax error), so one compile
    // reports every error. A module is produced only when there is no error at all.
    let (m, mut diags) = parser::parse_module_unchecked(source, file_name, resolver);
    diags.extend(checks::check_module(&m));
    if checks_file_name(file_name) {
        diags.extend(checks::check_module_file_name(&m));
    }
    let core = to_core(&m, source, &mut diags);
    let core = match core {
        Ok(cm) if !diags.iter().any(|d| d.is_error()) => match codegen::generate(&cm) {
            Ok(module) => Some(module),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        },
        Ok(_) => None,
        Err(errors) => {
            diags.extend(errors);
            None
        }
    };
    parser::finish_diagnostics(&mut diags, &m, source);
    match core {
        Some(module) if !diags.iter().any(|d| d.is_error()) => Ok(Compiled {
            module,
            warnings: diags,
        }),
        _ => Err(diags),
    }
}

/// Whether the module name must match `file_name` (erlc's "Module name 'foo' does not match file
/// name 'bar'"): only for a real `.erl` file whose stem could be a module name, so callers that
/// compile text under a made-up name (`<shell>`, `nofile`) are not affected.
fn checks_file_name(file_name: &str) -> bool {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.strip_suffix(".erl") {
        Some(stem) => !stem.is_empty() && stem.chars().count() <= 255,
        None => false,
    }
}

/// Compiles up to `stage` and prints that stage's form (`krarup --dump=ast|core|decision|bytecode`).
pub fn dump(
    source: &str,
    file_name: &str,
    stage: Stage,
) -> Result<String, Vec<diagnostics::Diagnostic>> {
    let (m, mut warnings) = parse_module(source, file_name)?;
    if stage == Stage::Ast {
        return Ok(dump_ast(&m));
    }
    let finish = |mut diags: Vec<diagnostics::Diagnostic>| {
        parser::finish_diagnostics(&mut diags, &m, source);
        diags
    };
    let cm = to_core(&m, source, &mut warnings).map_err(finish)?;
    match stage {
        Stage::Core => Ok(core::print_module(&cm)),
        Stage::Decision => Ok(matchc::print_module_trees(&cm)),
        _ => {
            let module = codegen::generate(&cm).map_err(finish)?;
            Ok(codegen::listing(&module))
        }
    }
}
