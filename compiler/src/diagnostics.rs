//! Compiler diagnostics as typed data, and the one place that words and renders them (with ariadne).
//! Every phase (lexer, preprocessor, parser, module checks, lowering, match compilation, codegen)
//! produces [`Diagnostic`] values holding a [`Kind`] with the facts (names, arities, spans, names in
//! scope); the message, labels and hints are written here only, and nothing else in the crate
//! imports ariadne. Messages follow erlc's wording (`erl_scan`, `epp`, `erl_parse`, `erl_lint`)
//! where erlc reports the same problem.

use crate::ast::Span;
use crate::lexer::{EscapeError, NumberError, MAX_ATOM_CHARS};
use crate::sources::SourceFile;
use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
use std::sync::Arc;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Compilation fails.
    Error,
    /// Compilation succeeds; the message is reported.
    Warning,
}

/// A suggestion for an undefined function, found by the module checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FunSuggestion {
    /// The same name is defined with this (smallest other) arity.
    OtherArity(u32),
    /// A function of the same arity with a similar name.
    Similar(String),
}

/// Why clauses of one function do not belong together (erl_parse's "head mismatch").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadMismatch {
    /// Fun clauses of different arities (no further explanation).
    Fun,
    /// A clause named `clause` inside the definition of `name/arity`.
    OtherName {
        /// The clause's name.
        clause: String,
        /// The function being defined.
        name: String,
        /// Its arity.
        arity: usize,
    },
    /// A clause with `clause_arity` arguments inside the definition of `name/arity`.
    OtherArity {
        /// The clause's number of arguments.
        clause_arity: usize,
        /// The function being defined.
        name: String,
        /// Its arity.
        arity: usize,
    },
}

/// The likely cause of a syntax error, guessed by the parser from the tokens around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxHint {
    /// A new clause head right after a clause: `;` or `.` is missing.
    ClauseEnd,
    /// A new line where `,` was expected.
    MissingComma,
    /// A new line where `.` was expected.
    MissingDot,
    /// `,` right before this token (written as erl_parse shows it).
    TrailingComma(String),
    /// `;` right before this token.
    TrailingSemicolon(String),
    /// `->` inside a map.
    MapArrow,
    /// `.` where `end` was expected.
    MissingEnd,
    /// `.` where a closing bracket was expected.
    UnbalancedBrackets,
    /// `->` expected.
    ExpectedArrow,
    /// The tokens the parser would have accepted (at most eight; `more` if there were others).
    ExpectedOneOf {
        /// Token names as the grammar spells them.
        names: Vec<String>,
        /// More were possible.
        more: bool,
    },
}

/// Every error and warning krarup reports, with the facts its wording needs. The message is
/// [`Kind::message`]; labels and hints come from [`Diagnostic::labels`] and [`Diagnostic::hint`].
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    // ---- lexer (erl_scan) ----
    /// An atom longer than [`MAX_ATOM_CHARS`].
    AtomTooLong,
    /// A character that starts no token (the lexer rarely reports it; the parser usually does).
    IllegalCharacter(char),
    /// An escape sequence or char literal running to the end of input (`escape sequence`,
    /// `character`).
    Unterminated(&'static str),
    /// A string or quoted atom running to the end of input, with its first characters.
    UnterminatedText {
        /// `string` or `atom`.
        what: &'static str,
        /// The opening quote.
        quote: char,
        /// Up to 16 characters after the quote.
        head: String,
    },
    /// A malformed number.
    BadNumber(NumberError),
    /// A malformed escape sequence.
    BadEscape(EscapeError),

    // ---- preprocessor (epp) ----
    /// `-ifdef`/`-ifndef`/`-if` without `-endif` (`kind` is the directive, `opened` its span).
    UnterminatedConditional {
        /// `ifdef`, `ifndef` or `if`.
        kind: &'static str,
        /// Where the directive is.
        opened: Span,
    },
    /// `-else`/`-endif` with something after the name.
    BadlyFormedTrailing(String),
    /// `-ifdef`/`-ifndef` without a macro name.
    BadlyFormed(String),
    /// `-undef` without a macro name.
    BadUndef,
    /// `-define` that is not `-define(NAME, Body).`
    BadDefine,
    /// `-define(NAME Body)`: something other than `,` after the name.
    DefineMissingComma,
    /// `-define` whose name is neither an atom nor a variable.
    BadMacroName,
    /// A parameter list with something other than variables.
    BadMacroParams,
    /// A second `-define` of the same name and arity.
    RedefiningMacro(String),
    /// `-include`/`-include_lib` without a string argument.
    BadInclude {
        /// `-include_lib`.
        lib: bool,
    },
    /// The include file does not exist.
    IncludeNotFound {
        /// The path as written.
        path: String,
        /// `-include_lib`.
        lib: bool,
    },
    /// No resolver was given (the compiler was called without file access).
    IncludeUnsupported {
        /// `-include_lib`.
        lib: bool,
        /// The path as written.
        path: String,
    },
    /// Includes nested more than the preprocessor allows.
    IncludesTooDeep,
    /// `-if`/`-elif` whose condition cannot be evaluated.
    BadIfCondition,
    /// `?` not followed by a name.
    BadMacroCall,
    /// `?NAME(` without the closing parenthesis (epp's "badly formed argument").
    UnterminatedMacroArgs(String),
    /// `?NAME(...)` with an arity no definition has.
    MacroArgumentMismatch(String),
    /// `?NAME` or `?NAME(...)` for a macro never defined.
    UndefinedMacro {
        /// The macro name.
        name: String,
        /// The number of arguments of the call, if it has parentheses.
        arity: Option<usize>,
    },
    /// A macro that expands to itself.
    CircularMacro {
        /// The macro name.
        name: String,
        /// The arity of the definition (or use) that closes the cycle.
        arity: Option<usize>,
    },
    /// Macro expansion produced more than `limit` tokens.
    MacroTooLarge {
        /// The limit.
        limit: usize,
    },
    /// `-else`/`-elif`/`-endif` with no open conditional.
    Unbalanced(&'static str),

    // ---- parser (erl_parse) ----
    /// The source is over 4 GiB (spans are `u32`).
    SourceTooLarge,
    /// Brackets nested deeper than `limit`.
    NestedTooDeeply {
        /// The limit.
        limit: usize,
    },
    /// A token the grammar did not expect. `token` is written as erl_parse writes it (empty at
    /// the end of the file).
    SyntaxError {
        /// The unexpected token, as erl_parse shows it.
        token: String,
        /// The likely cause.
        hint: Option<SyntaxHint>,
        /// End of the previous token, when the error is on a new line after it and `hint` says
        /// what is missing there.
        after: Option<Span>,
        /// An opener (`case`, `(`, ...) left unclosed before a `.`, and its text.
        unclosed: Option<(Span, &'static str)>,
    },
    /// A token the lexer produced but the grammar cannot use.
    InvalidToken,
    /// `fun f/N` with an arity that is not a small integer.
    BadFunArity(String),
    /// A named fun whose clauses use different names.
    FunClauseNames,
    /// Clauses that do not belong to the same function.
    HeadMismatch(HeadMismatch),
    /// A variable other than `_` as a record field name.
    BadRecordFieldName(String),
    /// `unit:N` outside 1..256.
    BadUnit(String),
    /// An unknown binary type specifier.
    BadTypeSpecifier(String),
    /// `-module` with something other than an atom.
    BadModuleAttribute,
    /// `-export` with something other than a list of `name/arity`.
    BadExportAttribute,
    /// `-import` with something other than a module and a list of `name/arity`.
    BadImportAttribute,
    /// `-record` with something other than a name and a tuple of fields.
    BadRecordAttribute,
    /// An attribute with more than one argument (other than those that take two).
    BadAttribute(String),
    /// A record field `Expr = Default` whose left side is not an atom.
    BadRecordField,
    /// A record field that is neither `name` nor `name = Default`.
    BadRecordFieldShape,

    // ---- module checks (erl_lint) ----
    /// A second `-module`; `name` is the first one.
    RedefiningModule(String),
    /// An attribute other than the late-allowed ones after the first function.
    AttributeAfterFunctions(String),
    /// A second `-record` of the same name.
    RecordRedefined(String),
    /// A record field defined twice.
    FieldRedefined {
        /// The field.
        field: String,
        /// The record.
        record: String,
    },
    /// No `-module` attribute.
    NoModule,
    /// A function defined twice; `first` is the first definition's head.
    FunctionRedefined {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
        /// The first definition.
        first: Span,
    },
    /// A call, fun reference or export of a function that is not defined.
    UndefinedFunction {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
        /// A close match among the defined functions.
        suggestion: Option<FunSuggestion>,
    },
    /// A record that is not defined, with a similar defined name.
    UndefinedRecord {
        /// The record name.
        name: String,
        /// A similar record name.
        suggestion: Option<String>,
    },
    /// A field the record does not have.
    UndefinedField {
        /// The field.
        field: String,
        /// The record.
        record: String,
        /// The record's definition.
        defined_at: Span,
        /// A similar field name.
        suggestion: Option<String>,
    },
    /// `record_info/2` with something other than `fields`/`size` and a record name.
    IllegalRecordInfo,
    /// A call of a local function named like a BIF auto-imported before R14 (an error).
    AmbiguousOldBif {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
    },
    /// A call of a local function named like a newer auto-imported BIF (a warning).
    AmbiguousBif {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
    },
    /// The module name is not the file name.
    ModuleNameMismatch {
        /// The name in `-module`.
        module: String,
        /// The file name without directory and `.erl`.
        stem: String,
    },
    /// A record never used (warning).
    UnusedRecord(String),
    /// `-compile(export_all)` (warning).
    ExportAll,
    /// A function not reachable from the exports (warning).
    UnusedFunction {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
    },

    // ---- lowering (erl_lint's variable checks, and what krarup cannot compile) ----
    /// A variable bound in only some branches of `construct`, then used.
    UnsafeVariable {
        /// The variable.
        name: String,
        /// `case`, `if`, `receive`, `try`, ...
        construct: &'static str,
        /// The 1-based line and column where the construct starts (in the same file).
        at: (usize, usize),
    },
    /// A variable used but never bound; `in_scope` lists the bound names for a hint (`None`: no
    /// hint, e.g. `_` or a binary segment size).
    UnboundVariable {
        /// The variable.
        name: String,
        /// The variables bound at this point.
        in_scope: Option<Vec<String>>,
    },
    /// A variable bound but never used (warning).
    UnusedVariable(String),
    /// A fun head or generator variable hiding an outer one (warning); `construct` is `'fun'` or
    /// `generate`, as erl_lint writes them.
    ShadowedVariable {
        /// The variable.
        name: String,
        /// Where it is shadowed.
        construct: &'static str,
    },
    /// A map comprehension (OTP 26).
    MapComprehension,
    /// `:=` in a map construction.
    ExactInMapConstruction,
    /// Fun clauses of different arities.
    FunArities,
    /// The stacktrace variable of a `catch` clause used in its guard.
    StacktraceInGuard(String),
    /// A pattern that is not a pattern.
    IllegalPattern,
    /// `=>` in a map pattern.
    IllegalMapPattern,
    /// Two patterns matched together (`P1 = P2`) that krarup cannot merge.
    UnsupportedPatternCombination,
    /// A binary segment without size that is not the last one.
    BinaryTailNotLast,
    /// A binary segment value that is not a variable or literal.
    IllegalBinarySegment,
    /// An expression not allowed in a guard.
    IllegalGuard,
    /// A binary generator (`<=`) whose pattern is not a binary.
    BinaryGeneratorPattern,
    /// A call of a local or imported function in a guard.
    GuardCallsLocal {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
    },

    // ---- match compilation (v3_kernel / sys_core_fold) ----
    /// A clause no value can reach (warning).
    ClauseCannotMatch {
        /// The line (in the same file) of an earlier clause that matches everything, if that is
        /// the reason.
        covered_by: Option<usize>,
    },

    // ---- code generation ----
    /// A function with more variables than the register file allows.
    FunctionTooLarge {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
    },
    /// A function with more than 255 parameters.
    TooManyArguments {
        /// The name.
        name: String,
        /// The arity.
        arity: u32,
    },
}

impl Kind {
    /// Whether this kind is an error or a warning (before `warnings_as_errors`).
    pub fn severity(&self) -> Severity {
        match self {
            Kind::UnusedRecord(_)
            | Kind::ExportAll
            | Kind::UnusedFunction { .. }
            | Kind::AmbiguousBif { .. }
            | Kind::UnusedVariable(_)
            | Kind::ShadowedVariable { .. }
            | Kind::ClauseCannotMatch { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// True for what erlc's scanner, preprocessor and parser report (`erl_scan`, `epp`,
    /// `erl_parse`): erlc prints these before the other errors (compile.erl, `messages_per_file`).
    pub fn is_syntax(&self) -> bool {
        matches!(
            self,
            Kind::AtomTooLong
                | Kind::IllegalCharacter(_)
                | Kind::Unterminated(_)
                | Kind::UnterminatedText { .. }
                | Kind::BadNumber(_)
                | Kind::BadEscape(_)
                | Kind::UnterminatedConditional { .. }
                | Kind::BadlyFormedTrailing(_)
                | Kind::BadlyFormed(_)
                | Kind::BadUndef
                | Kind::BadDefine
                | Kind::DefineMissingComma
                | Kind::BadMacroName
                | Kind::BadMacroParams
                | Kind::RedefiningMacro(_)
                | Kind::BadInclude { .. }
                | Kind::IncludeNotFound { .. }
                | Kind::IncludeUnsupported { .. }
                | Kind::IncludesTooDeep
                | Kind::BadIfCondition
                | Kind::BadMacroCall
                | Kind::UnterminatedMacroArgs(_)
                | Kind::MacroArgumentMismatch(_)
                | Kind::UndefinedMacro { .. }
                | Kind::CircularMacro { .. }
                | Kind::MacroTooLarge { .. }
                | Kind::Unbalanced(_)
                | Kind::SourceTooLarge
                | Kind::NestedTooDeeply { .. }
                | Kind::SyntaxError { .. }
                | Kind::InvalidToken
                | Kind::BadFunArity(_)
                | Kind::FunClauseNames
                | Kind::HeadMismatch(_)
                | Kind::BadRecordFieldName(_)
                | Kind::BadUnit(_)
                | Kind::BadTypeSpecifier(_)
                | Kind::BadModuleAttribute
                | Kind::BadExportAttribute
                | Kind::BadImportAttribute
                | Kind::BadRecordAttribute
                | Kind::BadAttribute(_)
                | Kind::BadRecordField
                | Kind::BadRecordFieldShape
        )
    }

    /// The one-line message, e.g. "function foo/2 undefined".
    pub fn message(&self) -> String {
        match self {
            Kind::AtomTooLong => "atom too long".into(),
            Kind::IllegalCharacter(c) => format!("illegal character {c:?}"),
            Kind::Unterminated(what) => format!("unterminated {what}"),
            Kind::UnterminatedText { what, quote, head } => format!(
                "unterminated {what} starting with {}",
                crate::lexer::write_string(head, *quote)
            ),
            Kind::BadNumber(NumberError::Base { base, .. }) => format!("illegal base '{base}'"),
            Kind::BadNumber(NumberError::Float { .. }) => "illegal float".into(),
            Kind::BadNumber(_) => "illegal integer".into(),
            Kind::BadEscape(_) => "illegal character".into(),
            Kind::UnterminatedConditional { kind, .. } => format!("unterminated '-{kind}'"),
            Kind::BadlyFormedTrailing(name) | Kind::BadlyFormed(name) => {
                format!("badly formed '{name}'")
            }
            Kind::BadUndef => "bad -undef directive".into(),
            Kind::BadDefine | Kind::DefineMissingComma => "bad -define directive".into(),
            Kind::BadMacroName => "bad macro name in -define".into(),
            Kind::BadMacroParams => "bad macro parameter list".into(),
            Kind::RedefiningMacro(name) => format!("redefining macro '{name}'"),
            Kind::BadInclude { lib } => format!("bad -{} directive", include_word(*lib)),
            Kind::IncludeNotFound { path, .. } => format!("can't find include file \"{path}\""),
            Kind::IncludeUnsupported { lib, path } => {
                format!("-{} is not supported here (\"{path}\")", include_word(*lib))
            }
            Kind::IncludesTooDeep => "includes nested too deeply".into(),
            Kind::BadIfCondition => {
                "-if/-elif condition is not a constant boolean expression".into()
            }
            Kind::BadMacroCall => "bad macro call: expected a name after `?`".into(),
            Kind::UnterminatedMacroArgs(name) => {
                format!("badly formed argument for macro '{name}'")
            }
            Kind::MacroArgumentMismatch(name) => format!("argument mismatch for macro '{name}'"),
            Kind::UndefinedMacro { name, arity } => match arity {
                Some(n) => format!("undefined macro '{name}/{n}'"),
                None => format!("undefined macro '{name}'"),
            },
            Kind::CircularMacro { name, arity } => match arity {
                Some(n) => format!("circular macro '{name}/{n}'"),
                None => format!("circular macro '{name}'"),
            },
            Kind::MacroTooLarge { limit } => {
                format!("macro expansion too large (over {limit} tokens)")
            }
            Kind::Unbalanced(kind) => format!("unbalanced '-{kind}'"),
            Kind::SourceTooLarge => "source file too large (over 4 GiB)".into(),
            Kind::NestedTooDeeply { limit } => {
                format!("expression nested too deeply (more than {limit} levels)")
            }
            Kind::SyntaxError { token, .. } => format!("syntax error before: {token}"),
            Kind::InvalidToken => "invalid token".into(),
            Kind::BadFunArity(arity) => format!("bad arity {arity} in fun reference"),
            Kind::FunClauseNames => "fun clauses use different names".into(),
            Kind::HeadMismatch(_) => "head mismatch".into(),
            Kind::BadRecordFieldName(v) => format!(
                "bad record field name {v} (field names are atoms; only `_` may be a variable)"
            ),
            Kind::BadUnit(n) => format!("bad unit:{n} (must be 1..256)"),
            Kind::BadTypeSpecifier(name) => format!("bad binary type specifier {name}"),
            Kind::BadModuleAttribute => "bad -module attribute".into(),
            Kind::BadExportAttribute => "bad -export attribute".into(),
            Kind::BadImportAttribute => "bad -import attribute".into(),
            Kind::BadRecordAttribute => "bad -record attribute".into(),
            Kind::BadAttribute(_) => "bad attribute".into(),
            Kind::BadRecordField | Kind::BadRecordFieldShape => "bad record field".into(),
            Kind::RedefiningModule(_) => "redefining module".into(),
            Kind::AttributeAfterFunctions(name) => {
                format!("attribute {name} after function definitions")
            }
            Kind::RecordRedefined(name) => format!("record {name} already defined"),
            Kind::FieldRedefined { field, record } => {
                format!("field {field} already defined in record {record}")
            }
            Kind::NoModule => "no module definition".into(),
            Kind::FunctionRedefined { name, arity, .. } => {
                format!("function {name}/{arity} already defined")
            }
            Kind::UndefinedFunction { name, arity, .. } => {
                format!("function {name}/{arity} undefined")
            }
            Kind::UndefinedRecord { name, .. } => format!("record {name} undefined"),
            Kind::UndefinedField { field, record, .. } => {
                format!("field {field} undefined in record {record}")
            }
            Kind::IllegalRecordInfo => "illegal record info".into(),
            Kind::AmbiguousOldBif { name, arity } => {
                format!("ambiguous call of overridden pre R14 auto-imported BIF {name}/{arity}")
            }
            Kind::AmbiguousBif { name, arity } => {
                format!("ambiguous call of overridden auto-imported BIF {name}/{arity}")
            }
            Kind::ModuleNameMismatch { module, stem } => {
                format!("Module name '{module}' does not match file name '{stem}'")
            }
            Kind::UnusedRecord(name) => format!("record {name} is unused"),
            Kind::ExportAll => "export_all flag enabled - all functions will be exported".into(),
            Kind::UnusedFunction { name, arity } => format!("function {name}/{arity} is unused"),
            Kind::UnsafeVariable {
                name,
                construct,
                at: (line, col),
            } => format!("variable '{name}' unsafe in '{construct}' (line {line}, column {col})"),
            Kind::UnboundVariable { name, .. } => format!("variable '{name}' is unbound"),
            Kind::UnusedVariable(name) => format!("variable '{name}' is unused"),
            Kind::ShadowedVariable { name, construct } => {
                format!("variable '{name}' shadowed in {construct}")
            }
            Kind::MapComprehension => {
                "map comprehensions are not supported (they are an OTP 26 feature)".into()
            }
            Kind::ExactInMapConstruction => {
                "only association operators '=>' are allowed in map construction".into()
            }
            Kind::FunArities => "fun clauses have different arities".into(),
            Kind::StacktraceInGuard(name) => {
                format!("stacktrace variable '{name}' must not be used in a guard")
            }
            Kind::IllegalPattern | Kind::IllegalMapPattern => "illegal pattern".into(),
            Kind::UnsupportedPatternCombination => {
                "this pattern combination is not supported by krarup".into()
            }
            Kind::BinaryTailNotLast => {
                "a binary field without size is only allowed at the end of a binary pattern".into()
            }
            Kind::IllegalBinarySegment => "illegal binary segment pattern".into(),
            Kind::IllegalGuard => "illegal guard expression".into(),
            Kind::BinaryGeneratorPattern => "a binary generator needs a binary pattern".into(),
            Kind::GuardCallsLocal { name, arity } => {
                format!("call to local/imported function {name}/{arity} is illegal in guard")
            }
            Kind::ClauseCannotMatch { covered_by } => match covered_by {
                Some(line) => format!(
                    "this clause cannot match because a previous clause at line {line} always matches"
                ),
                None => {
                    "this clause cannot match because previous clauses match every value it can"
                        .into()
                }
            },
            Kind::FunctionTooLarge { name, arity } => {
                format!("function {name}/{arity} is too large to compile")
            }
            Kind::TooManyArguments { name, arity } => {
                format!("function {name}/{arity} has too many arguments")
            }
        }
    }

    /// The suggestion shown after the excerpt, if any.
    pub fn hint(&self) -> Option<String> {
        let text: String = match self {
            Kind::AtomTooLong => format!("atoms are limited to {MAX_ATOM_CHARS} characters"),
            Kind::UnterminatedText { what, .. } => {
                format!("the {what} starting here is never closed")
            }
            Kind::BadNumber(e) => match e {
                NumberError::Base { text, .. } => format!("{text}: the base must be 2..36"),
                NumberError::NoDigits { base, text } => {
                    format!("{text}: no digit of base {base} after `#`")
                }
                NumberError::Integer { text: Some(text) } => text.clone(),
                NumberError::Integer { text: None } => return None,
                NumberError::Float { text } => format!("{text} is not a finite float"),
            },
            Kind::BadEscape(e) => match e {
                EscapeError::UnterminatedBraced => "unterminated \\x{...} escape".into(),
                EscapeError::BadBraced(hex) => format!("bad escape \\x{{{hex}}}"),
                EscapeError::NeedHex => "\\x must be followed by two hex digits or {...}".into(),
            },
            Kind::UnterminatedConditional { .. } => "add a matching `-endif.`".into(),
            Kind::BadlyFormedTrailing(name) => {
                format!("write `-{name}.` on its own, ending with `.` and a newline")
            }
            Kind::BadDefine => "expected -define(NAME, Body).".into(),
            Kind::DefineMissingComma => "expected `,` after the macro name".into(),
            Kind::BadInclude { lib } => {
                format!("expected -{}(\"path\").", include_word(*lib))
            }
            // Where epp looks (epp:find_include/2): next to the including file, then in the
            // current directory.
            Kind::IncludeNotFound { lib: false, .. } => {
                "the path is looked up relative to the including file's directory, then the \
                 current directory"
                    .into()
            }
            Kind::IncludeNotFound { lib: true, .. } => {
                "the path is looked up relative to the including file's directory and the \
                 current directory, with and without its first component (the application name)"
                    .into()
            }
            Kind::IncludeUnsupported { .. } => {
                "define the records and macros in the module itself".into()
            }
            Kind::BadIfCondition => {
                "only literals, comparisons, not/andalso/orelse, + - * and defined(M) are supported"
                    .into()
            }
            Kind::Unbalanced(_) => "no -ifdef/-ifndef/-if is open here".into(),
            Kind::SyntaxError { hint, .. } => return hint.as_ref().map(syntax_hint),
            Kind::HeadMismatch(HeadMismatch::OtherName {
                clause,
                name,
                arity,
            }) => format!(
                "a clause of {clause} in the definition of {name}/{arity}: end the previous \
                 function with `.` instead of `;`"
            ),
            Kind::HeadMismatch(HeadMismatch::OtherArity {
                clause_arity,
                name,
                arity,
            }) => format!(
                "a clause with {clause_arity} arguments in {name}/{arity}: a function with \
                 another arity is a different function, end the previous one with `.`"
            ),
            Kind::BadModuleAttribute => "expected -module(name).".into(),
            Kind::BadExportAttribute => "expected -export([name/arity, ...]).".into(),
            Kind::BadImportAttribute => "expected -import(module, [name/arity, ...]).".into(),
            Kind::BadRecordAttribute => "expected -record(name, {field = Default, ...}).".into(),
            Kind::BadAttribute(name) => {
                format!("-{name}(...) takes one term; only -record, -import and -file take two")
            }
            Kind::BadRecordFieldShape => "expected `name` or `name = Default`".into(),
            Kind::RedefiningModule(first) => format!("the module is already named '{first}'"),
            Kind::AttributeAfterFunctions(_) => "move it above the first function".into(),
            Kind::NoModule => {
                "start the file with -module(name). where name matches the file name".into()
            }
            Kind::FunctionRedefined { .. } => {
                "all clauses of a function must be written together, separated by `;`".into()
            }
            Kind::UndefinedFunction {
                name,
                arity,
                suggestion,
            } => match suggestion {
                Some(FunSuggestion::OtherArity(a)) => format!(
                    "did you mean {name}/{a}? ({name} is defined with a different number of \
                     arguments)"
                ),
                Some(FunSuggestion::Similar(best)) => format!("did you mean {best}/{arity}?"),
                None => return None,
            },
            Kind::UndefinedRecord { suggestion, .. } => {
                format!("did you mean #{}{{}}?", suggestion.as_ref()?)
            }
            Kind::UndefinedField { suggestion, .. } => {
                format!("did you mean {}?", suggestion.as_ref()?)
            }
            Kind::IllegalRecordInfo => {
                "use record_info(fields, Name) or record_info(size, Name) with literal atoms".into()
            }
            Kind::AmbiguousOldBif { name, arity } | Kind::AmbiguousBif { name, arity } => format!(
                "use erlang:{name}/{arity} or \"-compile({{no_auto_import,[{name}/{arity}]}}).\" \
                 to resolve name clash"
            ),
            Kind::ModuleNameMismatch { module, stem } => {
                format!("rename the file to {module}.erl or the module to {stem}")
            }
            Kind::ExportAll => {
                "add nowarn_export_all to the -compile options to silence this".into()
            }
            Kind::UnusedFunction { .. } => "export it, call it, or remove it".into(),
            Kind::UnboundVariable {
                name,
                in_scope: Some(names),
            } => {
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                crate::scope::unbound_hint(name, &refs)?
            }
            Kind::IllegalMapPattern => "only ':=' is allowed in map patterns".into(),
            _ => return None,
        };
        Some(text)
    }

    /// Secondary spans with their labels.
    fn labels(&self) -> Vec<(Span, String)> {
        match self {
            Kind::UnterminatedConditional { opened, .. } => vec![(*opened, "opened here".into())],
            Kind::SyntaxError {
                after, unclosed, ..
            } => {
                let mut out = Vec::new();
                if let Some(at) = after {
                    out.push((*at, "after this".to_string()));
                }
                if let Some((at, what)) = unclosed {
                    out.push((*at, format!("this `{what}` is not closed")));
                }
                out
            }
            Kind::FunctionRedefined { first, .. } => vec![(*first, "first defined here".into())],
            Kind::UndefinedField { defined_at, .. } => {
                vec![(*defined_at, "record defined here".into())]
            }
            _ => Vec::new(),
        }
    }

    /// Every span the kind holds, for moving them into an included file's coordinates.
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        match self {
            Kind::UnterminatedConditional { opened, .. } => vec![opened],
            Kind::SyntaxError {
                after, unclosed, ..
            } => {
                let mut v: Vec<&mut Span> = Vec::new();
                if let Some(a) = after {
                    v.push(a);
                }
                if let Some((u, _)) = unclosed {
                    v.push(u);
                }
                v
            }
            Kind::FunctionRedefined { first, .. } => vec![first],
            Kind::UndefinedField { defined_at, .. } => vec![defined_at],
            _ => Vec::new(),
        }
    }

    /// The variant's name (for tests that cover every kind).
    pub fn name(&self) -> &'static str {
        let debug = format!("{self:?}");
        let end = debug
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(debug.len());
        KIND_NAMES
            .iter()
            .find(|n| **n == &debug[..end])
            .copied()
            .unwrap_or("unknown")
    }
}

/// The names of all [`Kind`] variants, for tests that check each one has a snapshot case.
pub const KIND_NAMES: &[&str] = &[
    "AtomTooLong",
    "IllegalCharacter",
    "Unterminated",
    "UnterminatedText",
    "BadNumber",
    "BadEscape",
    "UnterminatedConditional",
    "BadlyFormedTrailing",
    "BadlyFormed",
    "BadUndef",
    "BadDefine",
    "DefineMissingComma",
    "BadMacroName",
    "BadMacroParams",
    "RedefiningMacro",
    "BadInclude",
    "IncludeNotFound",
    "IncludeUnsupported",
    "IncludesTooDeep",
    "BadIfCondition",
    "BadMacroCall",
    "UnterminatedMacroArgs",
    "MacroArgumentMismatch",
    "UndefinedMacro",
    "CircularMacro",
    "MacroTooLarge",
    "Unbalanced",
    "SourceTooLarge",
    "NestedTooDeeply",
    "SyntaxError",
    "InvalidToken",
    "BadFunArity",
    "FunClauseNames",
    "HeadMismatch",
    "BadRecordFieldName",
    "BadUnit",
    "BadTypeSpecifier",
    "BadModuleAttribute",
    "BadExportAttribute",
    "BadImportAttribute",
    "BadRecordAttribute",
    "BadAttribute",
    "BadRecordField",
    "BadRecordFieldShape",
    "RedefiningModule",
    "AttributeAfterFunctions",
    "RecordRedefined",
    "FieldRedefined",
    "NoModule",
    "FunctionRedefined",
    "UndefinedFunction",
    "UndefinedRecord",
    "UndefinedField",
    "IllegalRecordInfo",
    "AmbiguousOldBif",
    "AmbiguousBif",
    "ModuleNameMismatch",
    "UnusedRecord",
    "ExportAll",
    "UnusedFunction",
    "UnsafeVariable",
    "UnboundVariable",
    "UnusedVariable",
    "ShadowedVariable",
    "MapComprehension",
    "ExactInMapConstruction",
    "FunArities",
    "StacktraceInGuard",
    "IllegalPattern",
    "IllegalMapPattern",
    "UnsupportedPatternCombination",
    "BinaryTailNotLast",
    "IllegalBinarySegment",
    "IllegalGuard",
    "BinaryGeneratorPattern",
    "GuardCallsLocal",
    "ClauseCannotMatch",
    "FunctionTooLarge",
    "TooManyArguments",
];

fn include_word(lib: bool) -> &'static str {
    if lib {
        "include_lib"
    } else {
        "include"
    }
}

fn syntax_hint(h: &SyntaxHint) -> String {
    match h {
        SyntaxHint::ClauseEnd => {
            "expected `;` (another clause) or `.` (end of the function) after the previous clause"
                .into()
        }
        SyntaxHint::MissingComma => "missing `,` at the end of the previous line?".into(),
        SyntaxHint::MissingDot => "missing `.` at the end of the previous line?".into(),
        SyntaxHint::TrailingComma(before) => {
            format!("remove the `,` before {before}: the last expression has no trailing comma")
        }
        SyntaxHint::TrailingSemicolon(before) => {
            format!("remove the `;` before {before}: the last clause has no trailing semicolon")
        }
        SyntaxHint::MapArrow => {
            "map associations use `=>` (or `:=` to update or match), not `->`".into()
        }
        SyntaxHint::MissingEnd => {
            "missing `end`? (a `case`, `if`, `receive`, `try`, `fun` or `begin` is not closed)"
                .into()
        }
        SyntaxHint::UnbalancedBrackets => {
            "unbalanced brackets: an opening bracket is not closed".into()
        }
        SyntaxHint::ExpectedArrow => "expected `->`".into(),
        SyntaxHint::ExpectedOneOf { names, more } => format!(
            "expected one of: {}{}",
            names.join(" "),
            if *more { ", ..." } else { "" }
        ),
    }
}

/// One error or warning: what (a [`Kind`]), where (a byte span), and in which file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What is wrong, with its facts.
    pub kind: Kind,
    /// Error or warning. Starts as `kind.severity()`; `warnings_as_errors` turns warnings into
    /// errors.
    pub severity: Severity,
    /// The primary location (byte offsets into the file's text).
    pub span: Span,
    /// The included file (`.hrl`) the span lies in; `None` for the module's own source.
    pub file: Option<Arc<SourceFile>>,
}

impl Diagnostic {
    /// A diagnostic of `kind` at `span` in the module's source.
    pub fn new(kind: Kind, span: Span) -> Diagnostic {
        Diagnostic {
            severity: kind.severity(),
            kind,
            span,
            file: None,
        }
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A warning that `warnings_as_errors` made an error.
    pub fn is_raised_warning(&self) -> bool {
        self.is_error() && self.kind.severity() == Severity::Warning
    }

    /// The one-line message.
    pub fn message(&self) -> String {
        self.kind.message()
    }

    /// The hint shown after the excerpt, if any.
    pub fn hint(&self) -> Option<String> {
        self.kind.hint()
    }
}

/// The 1-based `(line, column)` of byte offset `offset` in `source`; columns count characters.
/// Offsets past the end map to the end of the text. O(n); use [`LineIndex`] for many lookups.
pub fn line_col(source: &str, offset: u32) -> (usize, usize) {
    LineIndex::new(source).line_col(offset)
}

/// Line starts of a source text, for fast offset to `(line, column)` lookups.
pub struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    /// Indexes `source` (one pass).
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { source, starts }
    }

    /// The 1-based `(line, column)` of a byte offset, as [`line_col`].
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let mut offset = (offset as usize).min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
    }
}

/// The file name and text a diagnostic's span refers to.
fn file_of<'d>(d: &'d Diagnostic, source: &'d str, file_name: &'d str) -> (&'d str, &'d str) {
    match &d.file {
        Some(f) => (&f.name, &f.text),
        None => (file_name, source),
    }
}

/// erlc's line printed before the errors when `warnings_as_errors` turned warnings into errors
/// and nothing else failed (compile.erl).
const WARNINGS_AS_ERRORS: &str = "compile: warnings being treated as errors\n";

/// The first line of the output: erlc's note when every error is a raised warning.
fn preamble(diags: &[Diagnostic]) -> &'static str {
    let raised = diags.iter().any(Diagnostic::is_raised_warning);
    let real = diags.iter().any(|d| d.is_error() && !d.is_raised_warning());
    if raised && !real {
        WARNINGS_AS_ERRORS
    } else {
        ""
    }
}

/// erlc's one-line form (`erlc +brief`), one line per diagnostic: `file:line:col: message` for an
/// error, `file:line:col: Warning: message` for a warning; no hints. A warning raised by
/// `warnings_as_errors` is written as an error after erlc's note. `file_name` names the module's
/// source; diagnostics in an included file name that file.
pub fn render_short(diags: &[Diagnostic], source: &str, file_name: &str) -> String {
    let mut out = String::from(preamble(diags));
    for d in diags {
        let (name, text) = file_of(d, source, file_name);
        let (line, col) = LineIndex::new(text).line_col(d.span.start);
        let prefix = if d.is_error() { "" } else { "Warning: " };
        out.push_str(&format!(
            "{name}:{line}:{col}: {prefix}{}\n",
            erlc_message(&d.kind)
        ));
    }
    out
}

/// One diagnostic as OTP 25's `compile:file/2` reports it with `report_errors` /
/// `report_warnings`: its file, 1-based line and column, erlc's message, and the text printed
/// (`file:line:col: [Warning: ]message`, then the source line and a caret, each starting `%`).
#[derive(Debug, Clone, PartialEq)]
pub struct ErlcReport {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub text: String,
}

/// [`ErlcReport`] of `d`; `file_name` names the module's source, whose text is `source`.
pub fn erlc_report(d: &Diagnostic, source: &str, file_name: &str) -> ErlcReport {
    let (name, text) = file_of(d, source, file_name);
    let index = LineIndex::new(text);
    let (line, column) = index.line_col(d.span.start);
    let message = erlc_message(&d.kind);
    let prefix = if d.is_error() { "" } else { "Warning: " };
    let mut out = format!("{name}:{line}:{column}: {prefix}{message}\n");
    let start = index.starts[line - 1];
    let line_text = text[start..].split('\n').next().unwrap_or("");
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    // OTP keeps tabs in the caret line so the caret lines up under the source.
    let pad: String = line_text
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    out.push_str(&format!("%{line:>5}| {line_text}\n%     | {pad}^\n\n"));
    ErlcReport {
        file: name.to_string(),
        line,
        column,
        message,
        text: out,
    }
}

/// The message as erlc prints it: for a call of a local function that clashes with an
/// auto-imported BIF, erl_lint adds the advice on a second line.
fn erlc_message(kind: &Kind) -> String {
    match kind {
        Kind::AmbiguousBif { .. } | Kind::AmbiguousOldBif { .. } => {
            format!("{}\n - {}", kind.message(), kind.hint().unwrap_or_default())
        }
        _ => kind.message(),
    }
}

/// Renders diagnostics as ariadne excerpts: a `Error:`/`Warning:` line with the message, the
/// labelled source lines (naming `file:line:col`), and the hint. `color` turns on ANSI colours.
/// Spans outside the text are clamped, never a panic.
pub fn render(diags: &[Diagnostic], source: &str, file_name: &str, color: bool) -> String {
    let mut out = String::from(preamble(diags));
    for d in diags {
        let (name, text) = file_of(d, source, file_name);
        let message = d.message();
        let hint = d.hint();
        let kind = if d.is_error() {
            ReportKind::Error
        } else {
            ReportKind::Warning
        };
        let file = name.to_string();
        let primary = clamp(d.span, text);
        let mut builder = Report::build(kind, (file.clone(), primary.clone()))
            .with_config(
                Config::default()
                    .with_color(color)
                    .with_index_type(IndexType::Byte),
            )
            .with_message(&message)
            .with_label(Label::new((file.clone(), primary)).with_message(&message));
        // A label in another file than the diagnostic's is left out (see `SourceMap::localize`).
        for (span, label) in d
            .kind
            .labels()
            .into_iter()
            .filter(|(s, _)| s.start != u32::MAX)
        {
            builder = builder
                .with_label(Label::new((file.clone(), clamp(span, text))).with_message(&label));
        }
        if let Some(h) = &hint {
            builder = builder.with_help(h);
        }
        let mut buf = Vec::new();
        if builder
            .finish()
            .write((file, Source::from(text)), &mut buf)
            .is_ok()
        {
            out.push_str(&String::from_utf8_lossy(&buf));
        } else {
            let (line, col) = LineIndex::new(text).line_col(d.span.start);
            out.push_str(&format!("{name}:{line}:{col}: {message}\n"));
            if let Some(h) = &hint {
                out.push_str(&format!("  hint: {h}\n"));
            }
        }
    }
    out
}

/// Clamps a span to the source and to character boundaries, as a byte range.
fn clamp(span: Span, source: &str) -> std::ops::Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(source.len());
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start as usize);
    let end = fix(span.end as usize).max(start);
    start..end
}

/// Sorts diagnostics as erlc prints them (compile.erl's `messages_per_file`): errors before
/// warnings; within each, what the scanner, preprocessor and parser found first (by line and
/// column), then the rest by file name, line and column. `file_name` names the module's source.
pub fn erlc_order(diags: &mut [Diagnostic], source: &str, file_name: &str) {
    let index = LineIndex::new(source);
    let position = |d: &Diagnostic| match &d.file {
        Some(f) => LineIndex::new(&f.text).line_col(d.span.start),
        None => index.line_col(d.span.start),
    };
    let mut keyed: Vec<(u8, usize, usize, String, usize, Diagnostic)> = diags
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let group = match (d.is_error(), d.kind.is_syntax()) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            };
            let (line, col) = position(d);
            let name = d
                .file
                .as_ref()
                .map_or(file_name.to_string(), |f| f.name.clone());
            // Syntax errors are ordered by position alone, whatever their file.
            let name = if group % 2 == 0 { String::new() } else { name };
            (group, line, col, name, i, d.clone())
        })
        .collect();
    keyed.sort_by(|a, b| (a.0, &a.3, a.1, a.2, a.4).cmp(&(b.0, &b.3, b.1, b.2, b.4)));
    for (slot, k) in diags.iter_mut().zip(keyed) {
        *slot = k.5;
    }
}
