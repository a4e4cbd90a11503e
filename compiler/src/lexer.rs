//! The Erlang lexer: source text to [`Token`]s with byte spans, built on logos. It owns token shapes,
//! escape decoding (strings, quoted atoms, `$c` chars) and number syntax; it does not know about macros
//! (see `crate::preprocess`) or grammar. Follows OTP's `erl_scan` for what counts as a token, except
//! that `maybe` and `else` are plain atoms (as in OTP 25 without the `maybe_expr` feature).
//!
//! A `.` followed by whitespace, `%` or end of input is the form terminator [`Tok::Dot`]; any other `.`
//! is [`Tok::Period`] (record field access `X#r.f`). Lex errors become diagnostics, the bad character
//! is skipped, and lexing continues.

use crate::ast::Span;
use crate::diagnostics::{Diagnostic, Kind};
use logos::Logos;
use num_bigint::BigInt;
use num_traits::Num;
use std::fmt;

/// What went wrong while lexing one token.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LexError {
    /// A character that starts no token.
    #[default]
    Unexpected,
    /// A string, quoted atom or char literal that runs to the end of input.
    Unterminated(&'static str),
    /// A string or quoted atom that runs to the end of input: what it is, its quote, and its first
    /// characters (for erl_scan's "unterminated string starting with ...").
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
}

/// What is wrong with a number literal (erl_scan's "illegal base", "illegal integer", "illegal
/// float"), with the text for the hint.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberError {
    /// `Base#...` with a base outside 2..=36; `text` is the whole literal.
    Base {
        /// The base as written.
        base: u32,
        /// The literal.
        text: String,
    },
    /// `Base#` followed by no digit of the base.
    NoDigits {
        /// The base.
        base: u32,
        /// The literal.
        text: String,
    },
    /// An integer that cannot be read (`text`, when known).
    Integer {
        /// The literal.
        text: Option<String>,
    },
    /// A float that is not finite.
    Float {
        /// The literal.
        text: String,
    },
}

/// What is wrong with an escape sequence.
#[derive(Debug, Clone, PartialEq)]
pub enum EscapeError {
    /// `\x{` without `}`.
    UnterminatedBraced,
    /// `\x{...}` that is not a code point.
    BadBraced(String),
    /// `\x` not followed by two hex digits or `{`.
    NeedHex,
}

/// One token kind with its payload.
#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\r\n\x0C\x0B]+")]
#[logos(skip r"%[^\n]*")]
#[logos(skip "\u{FEFF}")]
pub enum Tok {
    /// An atom, unquoted or quoted, escapes resolved.
    #[regex(r"[a-zß-öø-ÿ][A-Za-z0-9_@À-ÖØ-öø-ÿ]*", |lex| lex.slice().to_string())]
    #[token("'", lex_quoted_atom)]
    Atom(String),
    /// A variable name (including `_` and `_Name`).
    #[regex(r"[A-Z_À-ÖØ-Þ][A-Za-z0-9_@À-ÖØ-öø-ÿ]*", |lex| lex.slice().to_string())]
    Var(String),
    /// An integer literal, decimal or `Base#Digits`, `_` separators removed.
    Integer(BigInt),
    /// A float literal `1.5`, `2.0e-3`.
    Float(f64),
    /// Any number as scanned by [`lex_number`]; [`lex`] turns it into `Integer` or `Float`, so the
    /// token stream never contains this variant. (logos cannot backtrack out of `1.` followed by a
    /// non-digit, so numbers are scanned by hand.)
    #[regex(r"[0-9]", lex_number)]
    Number(Number),
    /// A character literal `$a`, `$\n`; the code point.
    #[token("$", lex_char)]
    Char(u32),
    /// A string literal, escapes resolved (adjacent strings are joined by the parser).
    #[token("\"", lex_string)]
    String(String),

    /// `after`
    #[token("after")]
    After,
    /// `and`
    #[token("and")]
    And,
    /// `andalso`
    #[token("andalso")]
    AndAlso,
    /// `band`
    #[token("band")]
    Band,
    /// `begin`
    #[token("begin")]
    Begin,
    /// `bnot`
    #[token("bnot")]
    Bnot,
    /// `bor`
    #[token("bor")]
    Bor,
    /// `bsl`
    #[token("bsl")]
    Bsl,
    /// `bsr`
    #[token("bsr")]
    Bsr,
    /// `bxor`
    #[token("bxor")]
    Bxor,
    /// `case`
    #[token("case")]
    Case,
    /// `catch`
    #[token("catch")]
    Catch,
    /// `cond` (reserved, unused)
    #[token("cond")]
    Cond,
    /// `div`
    #[token("div")]
    Div,
    /// `end`
    #[token("end")]
    End,
    /// `fun`
    #[token("fun")]
    Fun,
    /// `if`
    #[token("if")]
    If,
    /// `let` (reserved, unused)
    #[token("let")]
    Let,
    /// `not`
    #[token("not")]
    Not,
    /// `of`
    #[token("of")]
    Of,
    /// `or`
    #[token("or")]
    Or,
    /// `orelse`
    #[token("orelse")]
    OrElse,
    /// `receive`
    #[token("receive")]
    Receive,
    /// `rem`
    #[token("rem")]
    Rem,
    /// `try`
    #[token("try")]
    Try,
    /// `when`
    #[token("when")]
    When,
    /// `xor`
    #[token("xor")]
    Xor,

    /// `(`
    #[token("(")]
    LParen,
    /// `)`
    #[token(")")]
    RParen,
    /// `{`
    #[token("{")]
    LBrace,
    /// `}`
    #[token("}")]
    RBrace,
    /// `[`
    #[token("[")]
    LBracket,
    /// `]`
    #[token("]")]
    RBracket,
    /// `,`
    #[token(",")]
    Comma,
    /// `;`
    #[token(";")]
    Semi,
    /// `.` ending a form (followed by whitespace, `%` or end of input).
    Dot,
    /// The end of an included file whose last form has no `.` (made by the preprocessor, never
    /// lexed): the form ends there, as in epp, and the parser reports it.
    EndOfFile,
    /// `.` anywhere else (record field access).
    #[token(".")]
    Period,
    /// `..`
    #[token("..")]
    DotDot,
    /// `...`
    #[token("...")]
    DotDotDot,
    /// `->`
    #[token("->")]
    Arrow,
    /// `=>`
    #[token("=>")]
    FatArrow,
    /// `:=`
    #[token(":=")]
    ColonEq,
    /// `<-`
    #[token("<-")]
    LArrow,
    /// `<=`
    #[token("<=")]
    LDoubleArrow,
    /// `<<`
    #[token("<<")]
    DoubleLt,
    /// `>>`
    #[token(">>")]
    DoubleGt,
    /// `||`
    #[token("||")]
    DoublePipe,
    /// `|`
    #[token("|")]
    Pipe,
    /// `#`
    #[token("#")]
    Hash,
    /// `:`
    #[token(":")]
    Colon,
    /// `::`
    #[token("::")]
    DoubleColon,
    /// `?`
    #[token("?")]
    Question,
    /// `??`
    #[token("??")]
    DoubleQuestion,
    /// `!`
    #[token("!")]
    Bang,
    /// `=`
    #[token("=")]
    Eq,
    /// `==`
    #[token("==")]
    EqEq,
    /// `/=`
    #[token("/=")]
    SlashEq,
    /// `=<`
    #[token("=<")]
    EqLt,
    /// `<`
    #[token("<")]
    Lt,
    /// `>=`
    #[token(">=")]
    GtEq,
    /// `>`
    #[token(">")]
    Gt,
    /// `=:=`
    #[token("=:=")]
    ExactEq,
    /// `=/=`
    #[token("=/=")]
    ExactNe,
    /// `+`
    #[token("+")]
    Plus,
    /// `-`
    #[token("-")]
    Minus,
    /// `*`
    #[token("*")]
    Star,
    /// `/`
    #[token("/")]
    Slash,
    /// `++`
    #[token("++")]
    PlusPlus,
    /// `--`
    #[token("--")]
    MinusMinus,
    /// Any other character (`~`, `\\`, a control character): no rule accepts it, so the parser
    /// reports it as a syntax error.
    Other(char),
}

/// The longest atom Erlang accepts, in characters (`erl_scan` reports longer ones as an error).
pub const MAX_ATOM_CHARS: usize = 255;

/// A token with its byte span in the original source.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token kind and payload.
    pub tok: Tok,
    /// Byte offsets into the original source (for macro expansions: the macro call site).
    pub span: Span,
}

/// Lexes a whole source text. Returns every token it could read and one diagnostic per lex error;
/// never panics. Sources larger than 4 GiB are truncated to that size (spans are `u32`).
pub fn lex(source: &str) -> (Vec<Token>, Vec<Diagnostic>) {
    let mut tokens = Vec::new();
    let mut diags = Vec::new();
    let mut lexer = Tok::lexer(source);
    while let Some(result) = lexer.next() {
        let range = lexer.span();
        let span = Span::new(range.start as u32, range.end as u32);
        match result {
            Ok(Tok::Period) => {
                let next = source[range.end..].chars().next();
                let tok = match next {
                    None => Tok::Dot,
                    Some(c) if c.is_whitespace() || c == '%' => Tok::Dot,
                    _ => Tok::Period,
                };
                tokens.push(Token { tok, span });
            }
            Ok(Tok::Number(Number::Int(i))) => tokens.push(Token {
                tok: Tok::Integer(i),
                span,
            }),
            Ok(Tok::Number(Number::Float(x))) => tokens.push(Token {
                tok: Tok::Float(x),
                span,
            }),
            Ok(Tok::Atom(a)) if a.chars().count() > MAX_ATOM_CHARS => {
                diags.push(Diagnostic::new(Kind::AtomTooLong, span))
            }
            Ok(tok) => tokens.push(Token { tok, span }),
            // Like erl_scan, a character that starts no token is a token of its own; the parser
            // then reports "syntax error before: '~'" once for the form.
            Err(LexError::Unexpected) => match lexer.slice().chars().next() {
                Some(c) => tokens.push(Token {
                    tok: Tok::Other(c),
                    span,
                }),
                None => diags.push(lex_error_diagnostic(LexError::Unexpected, span, "")),
            },
            Err(e) => diags.push(lex_error_diagnostic(e, span, lexer.slice())),
        }
    }
    (tokens, diags)
}

/// Lexes a module's source as [`lex`] does, first skipping a `#!` line at the very start (as
/// escript does), so that `#!/usr/bin/env krarup` makes a `.erl` file executable. Spans stay
/// offsets into `source`; the line counts as line 1.
pub fn lex_module(source: &str) -> (Vec<Token>, Vec<Diagnostic>) {
    if !source.starts_with("#!") {
        return lex(source);
    }
    let skip = source.find('\n').unwrap_or(source.len());
    let (mut tokens, mut diags) = lex(&source[skip..]);
    let shift = |s: Span| Span::new(s.start + skip as u32, s.end + skip as u32);
    for t in &mut tokens {
        t.span = shift(t.span);
    }
    for d in &mut diags {
        d.span = shift(d.span);
    }
    (tokens, diags)
}

fn lex_error_diagnostic(e: LexError, span: Span, slice: &str) -> Diagnostic {
    let kind = match e {
        LexError::Unexpected => Kind::IllegalCharacter(slice.chars().next().unwrap_or(' ')),
        LexError::Unterminated(what) => Kind::Unterminated(what),
        LexError::UnterminatedText { what, quote, head } => {
            Kind::UnterminatedText { what, quote, head }
        }
        LexError::BadNumber(e) => Kind::BadNumber(e),
        LexError::BadEscape(e) => Kind::BadEscape(e),
    };
    Diagnostic::new(kind, span)
}

/// A scanned number literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    /// An integer.
    Int(BigInt),
    /// A float.
    Float(f64),
}

/// Length in bytes of a run of digits accepted by `ok`, allowing single `_` between digits.
fn digit_run(s: &str, ok: impl Fn(char) -> bool) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let digit = ok(b[i] as char);
        let separator = b[i] == b'_' && i > 0 && i + 1 < b.len() && ok(b[i + 1] as char);
        if digit || separator {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Scans a number starting at the first digit (already consumed by logos): decimal integers, floats
/// with optional exponent, and `Base#Digits`, all with `_` separators (as `erl_scan`).
fn lex_number(lex: &mut logos::Lexer<Tok>) -> Result<Number, LexError> {
    let first = lex.slice();
    let full = &lex.source()[lex.span().start..];
    let is_dec = |c: char| c.is_ascii_digit();
    let int_len = digit_run(full, is_dec);
    let int_text: String = full[..int_len].chars().filter(|c| *c != '_').collect();
    let after = &full[int_len..];
    if let Some(digits) = after.strip_prefix('#') {
        let base: u32 = int_text.parse().unwrap_or(0);
        if !(2..=36).contains(&base) {
            let n = digit_run(digits, |c| c.is_ascii_alphanumeric());
            // As erl_scan, the bad token is the base alone; scanning resumes at the `#`.
            lex.bump(int_len - first.len());
            let text = &full[..int_len + 1 + n];
            return Err(LexError::BadNumber(NumberError::Base {
                base,
                text: text.to_string(),
            }));
        }
        // As erl_scan: the digits end at the first character that is not a digit of the base, so
        // `16#ffat` is `16#ff` followed by the atom `at`.
        let n = digit_run(digits, |c| c.is_digit(base));
        if n == 0 {
            // `2#` with no digit of the base after it (`2#r`, `16#`): illegal, as in erl_scan.
            let bad = digit_run(digits, |c| c.is_ascii_alphanumeric());
            // As erl_scan, the bad token is `2#`; scanning resumes after it.
            lex.bump(int_len - first.len() + 1);
            return Err(LexError::BadNumber(NumberError::NoDigits {
                base,
                text: full[..int_len + 1 + bad].to_string(),
            }));
        }
        lex.bump(int_len - first.len() + 1 + n);
        let text = &full[..int_len + 1 + n];
        let ds: String = digits[..n].chars().filter(|c| *c != '_').collect();
        return BigInt::from_str_radix(&ds, base)
            .map(Number::Int)
            .map_err(|_| {
                LexError::BadNumber(NumberError::Integer {
                    text: Some(text.to_string()),
                })
            });
    }
    let frac = after.strip_prefix('.').map_or(0, |f| {
        if f.starts_with(|c: char| c.is_ascii_digit()) {
            digit_run(f, is_dec)
        } else {
            0
        }
    });
    if frac == 0 {
        lex.bump(int_len - first.len());
        return int_text
            .parse()
            .map(Number::Int)
            .map_err(|_| LexError::BadNumber(NumberError::Integer { text: None }));
    }
    let mut len = int_len + 1 + frac;
    let exp = &full[len..];
    if exp.starts_with(['e', 'E']) {
        let sign = usize::from(exp[1..].starts_with(['+', '-']));
        let digits = &exp[1 + sign..];
        if digits.starts_with(|c: char| c.is_ascii_digit()) {
            len += 1 + sign + digit_run(digits, is_dec);
        }
    }
    lex.bump(len - first.len());
    let text: String = full[..len].chars().filter(|c| *c != '_').collect();
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Number::Float(f)),
        _ => Err(LexError::BadNumber(NumberError::Float {
            text: full[..len].to_string(),
        })),
    }
}

/// Decodes one escape sequence; `rest` starts just after the backslash. Returns the code point and
/// how many bytes of `rest` it used. Follows `erl_scan`: `\b \d \e \f \n \r \s \t \v`, `\^X`,
/// `\xHH`, `\x{H...}`, 1-3 octal digits, and any other character standing for itself.
pub fn decode_escape(rest: &str) -> Result<(u32, usize), LexError> {
    let mut chars = rest.char_indices();
    let (_, c) = chars
        .next()
        .ok_or(LexError::Unterminated("escape sequence"))?;
    let simple = match c {
        'b' => Some(8),
        'd' => Some(127),
        'e' => Some(27),
        'f' => Some(12),
        'n' => Some(10),
        'r' => Some(13),
        's' => Some(32),
        't' => Some(9),
        'v' => Some(11),
        _ => None,
    };
    if let Some(v) = simple {
        return Ok((v, 1));
    }
    match c {
        '^' => match rest[1..].chars().next() {
            Some(x) => Ok(((x as u32) & 31, 1 + x.len_utf8())),
            None => Err(LexError::Unterminated("escape sequence")),
        },
        'x' => {
            let after = &rest[1..];
            if let Some(braced) = after.strip_prefix('{') {
                let close = braced
                    .find('}')
                    .ok_or(LexError::BadEscape(EscapeError::UnterminatedBraced))?;
                let hex = &braced[..close];
                let v = u32::from_str_radix(hex, 16)
                    .ok()
                    .filter(|v| char::from_u32(*v).is_some())
                    .ok_or_else(|| LexError::BadEscape(EscapeError::BadBraced(hex.to_string())))?;
                Ok((v, 1 + 1 + close + 1))
            } else {
                let hex: String = after
                    .chars()
                    .take(2)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .collect();
                if hex.len() != 2 {
                    return Err(LexError::BadEscape(EscapeError::NeedHex));
                }
                Ok((u32::from_str_radix(&hex, 16).unwrap_or(0), 3))
            }
        }
        '0'..='7' => {
            let oct: String = rest
                .chars()
                .take(3)
                .take_while(|c| ('0'..='7').contains(c))
                .collect();
            Ok((u32::from_str_radix(&oct, 8).unwrap_or(0), oct.len()))
        }
        other => Ok((other as u32, other.len_utf8())),
    }
}

/// Scans a quoted text body up to the closing `quote`, decoding escapes; bumps the lexer past it.
fn scan_quoted(
    lex: &mut logos::Lexer<Tok>,
    quote: char,
    what: &'static str,
) -> Result<String, LexError> {
    let rest = lex.remainder();
    let mut out = String::new();
    let mut i = 0;
    while let Some(c) = rest[i..].chars().next() {
        if c == quote {
            lex.bump(i + 1);
            return Ok(out);
        }
        if c == '\\' {
            match decode_escape(&rest[i + 1..]) {
                Ok((v, used)) => {
                    out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                    i += 1 + used;
                }
                Err(LexError::Unterminated(_)) => break,
                Err(e) => {
                    // Skip to the closing quote so lexing resumes after this literal.
                    let skip = rest[i + 1..]
                        .find(quote)
                        .map_or(rest.len(), |p| i + 1 + p + 1);
                    lex.bump(skip);
                    return Err(e);
                }
            }
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    lex.bump(rest.len());
    Err(LexError::UnterminatedText {
        what,
        quote,
        head: rest.chars().take(16).collect(),
    })
}

fn lex_string(lex: &mut logos::Lexer<Tok>) -> Result<String, LexError> {
    scan_quoted(lex, '"', "string")
}

fn lex_quoted_atom(lex: &mut logos::Lexer<Tok>) -> Result<String, LexError> {
    scan_quoted(lex, '\'', "atom")
}

fn lex_char(lex: &mut logos::Lexer<Tok>) -> Result<u32, LexError> {
    let rest = lex.remainder();
    match rest.chars().next() {
        None => Err(LexError::Unterminated("character")),
        Some('\\') => {
            let (v, used) = decode_escape(&rest[1..])?;
            lex.bump(1 + used);
            Ok(v)
        }
        Some(c) => {
            lex.bump(c.len_utf8());
            Ok(c as u32)
        }
    }
}

impl fmt::Display for Tok {
    /// Shows the token as Erlang source (used in "syntax error before: ..." messages and `??X`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Atom(a) => write!(f, "{}", quote_atom(a)),
            Tok::Var(v) => write!(f, "{v}"),
            Tok::Integer(i) => write!(f, "{i}"),
            Tok::Float(x) | Tok::Number(Number::Float(x)) => write!(f, "{x:?}"),
            Tok::Number(Number::Int(i)) => write!(f, "{i}"),
            Tok::Char(c) => write!(f, "{}", write_char(*c)),
            Tok::String(s) => write!(f, "{}", write_string(s, '"')),
            Tok::Other(c) => write!(f, "{c}"),
            other => write!(f, "{}", other.punct_text()),
        }
    }
}

impl Tok {
    /// The source text of a keyword or punctuation token (empty for tokens with a payload).
    pub fn punct_text(&self) -> &'static str {
        match self {
            Tok::After => "after",
            Tok::And => "and",
            Tok::AndAlso => "andalso",
            Tok::Band => "band",
            Tok::Begin => "begin",
            Tok::Bnot => "bnot",
            Tok::Bor => "bor",
            Tok::Bsl => "bsl",
            Tok::Bsr => "bsr",
            Tok::Bxor => "bxor",
            Tok::Case => "case",
            Tok::Catch => "catch",
            Tok::Cond => "cond",
            Tok::Div => "div",
            Tok::End => "end",
            Tok::Fun => "fun",
            Tok::If => "if",
            Tok::Let => "let",
            Tok::Not => "not",
            Tok::Of => "of",
            Tok::Or => "or",
            Tok::OrElse => "orelse",
            Tok::Receive => "receive",
            Tok::Rem => "rem",
            Tok::Try => "try",
            Tok::When => "when",
            Tok::Xor => "xor",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Dot | Tok::Period => ".",
            Tok::DotDot => "..",
            Tok::DotDotDot => "...",
            Tok::Arrow => "->",
            Tok::FatArrow => "=>",
            Tok::ColonEq => ":=",
            Tok::LArrow => "<-",
            Tok::LDoubleArrow => "<=",
            Tok::DoubleLt => "<<",
            Tok::DoubleGt => ">>",
            Tok::DoublePipe => "||",
            Tok::Pipe => "|",
            Tok::Hash => "#",
            Tok::Colon => ":",
            Tok::DoubleColon => "::",
            Tok::Question => "?",
            Tok::DoubleQuestion => "??",
            Tok::Bang => "!",
            Tok::Eq => "=",
            Tok::EqEq => "==",
            Tok::SlashEq => "/=",
            Tok::EqLt => "=<",
            Tok::Lt => "<",
            Tok::GtEq => ">=",
            Tok::Gt => ">",
            Tok::ExactEq => "=:=",
            Tok::ExactNe => "=/=",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::PlusPlus => "++",
            Tok::MinusMinus => "--",
            Tok::Atom(_)
            | Tok::Var(_)
            | Tok::Integer(_)
            | Tok::Float(_)
            | Tok::Number(_)
            | Tok::Char(_)
            | Tok::Other(_)
            | Tok::EndOfFile
            | Tok::String(_) => "",
        }
    }

    /// True for alphanumeric keyword tokens (`case`, `div`, ...).
    pub fn is_keyword(&self) -> bool {
        let t = self.punct_text();
        t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    }
}

/// Writes an atom as Erlang source, quoting it when needed (`'hello world'`, `'Caps'`), as
/// `io_lib:write_atom/1` does.
pub fn quote_atom(a: &str) -> String {
    let lower_start = |c: char| c.is_ascii_lowercase() || (('ß'..='ÿ').contains(&c) && c != '÷');
    let name_char = |c: char| {
        c.is_ascii_alphanumeric()
            || c == '_'
            || c == '@'
            || (('À'..='ÿ').contains(&c) && c != '×' && c != '÷')
    };
    let plain = a.chars().next().is_some_and(lower_start)
        && a.chars().all(name_char)
        && !is_reserved_word(a);
    if plain {
        a.to_string()
    } else {
        write_string(a, '\'')
    }
}

/// Writes text between `quote` characters with Erlang escapes (`io_lib:write_string/2`): the quote
/// and backslash are escaped, control characters use `\n`-style or octal escapes, everything else
/// (including non-ASCII) is kept.
pub fn write_string(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c == quote || c == '\\' {
            out.push('\\');
            out.push(c);
        } else {
            push_escaped(&mut out, c, false);
        }
    }
    out.push(quote);
    out
}

/// Writes a character literal as `io_lib:write_char/1` does: `$a`, `$\n`, `$\s` for space.
pub fn write_char(c: u32) -> String {
    let mut out = String::from("$");
    match char::from_u32(c) {
        Some('\\') => out.push_str("\\\\"),
        Some(ch) => push_escaped(&mut out, ch, true),
        None => out.push_str(&format!("\\x{{{c:X}}}")),
    }
    out
}

fn push_escaped(out: &mut String, c: char, space_escape: bool) {
    match c {
        ' ' if space_escape => out.push_str("\\s"),
        '\u{8}' => out.push_str("\\b"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\u{b}' => out.push_str("\\v"),
        '\u{c}' => out.push_str("\\f"),
        '\r' => out.push_str("\\r"),
        '\u{1b}' => out.push_str("\\e"),
        '\u{7f}' => out.push_str("\\d"),
        c if (c as u32) < 32 => out.push_str(&format!("\\{:03o}", c as u32)),
        c => out.push(c),
    }
}

/// True for Erlang's reserved words, which must be quoted to be used as atoms.
pub fn is_reserved_word(a: &str) -> bool {
    matches!(
        a,
        "after"
            | "and"
            | "andalso"
            | "band"
            | "begin"
            | "bnot"
            | "bor"
            | "bsl"
            | "bsr"
            | "bxor"
            | "case"
            | "catch"
            | "cond"
            | "div"
            | "end"
            | "fun"
            | "if"
            | "let"
            | "not"
            | "of"
            | "or"
            | "orelse"
            | "receive"
            | "rem"
            | "try"
            | "when"
            | "xor"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let (t, d) = lex(s);
        assert!(d.is_empty(), "{d:?}");
        t.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn shebang_line_is_skipped_in_modules_only() {
        let src = "#!/usr/bin/env krarup\n-module(m). \"x\n";
        let (tokens, diags) = lex_module(src);
        assert_eq!(tokens[0].tok, Tok::Minus);
        // Spans stay offsets into the whole file.
        assert_eq!(tokens[0].span, Span::new(22, 23));
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].span.start as usize..][..1], "\"");
        // Without the line, and in `lex` (shell input, includes), `#!` is ordinary text.
        assert_eq!(lex_module("-module(m).").0.len(), 5);
        assert_eq!(toks("#!")[0], Tok::Hash);
        assert!(lex_module("#!no newline").0.is_empty());
    }

    #[test]
    fn numbers() {
        assert_eq!(toks("16#FF"), vec![Tok::Integer(255.into())]);
        assert_eq!(toks("1_000"), vec![Tok::Integer(1000.into())]);
        assert_eq!(toks("2.5E-3"), vec![Tok::Float(2.5e-3)]);
        assert_eq!(toks("1.0e10"), vec![Tok::Float(1.0e10)]);
        assert_eq!(
            toks("X = 1.\n"),
            vec![
                Tok::Var("X".into()),
                Tok::Eq,
                Tok::Integer(1.into()),
                Tok::Dot
            ]
        );
        assert_eq!(toks("[1.a]")[2], Tok::Period);
    }

    #[test]
    fn chars_and_strings() {
        assert_eq!(
            toks(r"$a $\n $\\ $\x{41} $\101 $\^a $ "),
            vec![
                Tok::Char(97),
                Tok::Char(10),
                Tok::Char(92),
                Tok::Char(65),
                Tok::Char(65),
                Tok::Char(1),
                Tok::Char(32)
            ]
        );
        assert_eq!(
            toks(r#""a\tb\"\x41\101""#),
            vec![Tok::String("a\tb\"AA".into())]
        );
        assert_eq!(
            toks(r"'hello world' 'it\'s'"),
            vec![Tok::Atom("hello world".into()), Tok::Atom("it's".into())]
        );
    }

    /// Error messages checked against `erl_scan:format_error/1` (OTP 25).
    #[test]
    fn error_messages_match_erl_scan() {
        let first = |s: &str| lex(s).1.first().map(|d| d.message()).unwrap_or_default();
        assert_eq!(
            first("x = \"abcdefghijklmnopqrstuvwxyz"),
            "unterminated string starting with \"abcdefghijklmnop\""
        );
        assert_eq!(first("'a\nb"), "unterminated atom starting with 'a\\nb'");
        assert_eq!(first("$"), "unterminated character");
        assert_eq!(first("37#1"), "illegal base '37'");
        assert_eq!(first("16#"), "illegal integer");
        assert_eq!(first("2.0e999"), "illegal float");
        assert_eq!(first("\"\\x{110000}\""), "illegal character");
    }

    /// Values checked against `erl_scan:string/1` (OTP 25).
    #[test]
    fn escapes_and_numbers_match_erl_scan() {
        assert_eq!(
            toks(r#""\1234" "\777" "\8" "\e\d\s\v\f\b""#),
            vec![
                Tok::String("\u{53}4".into()),
                Tok::String("\u{1FF}".into()),
                Tok::String("8".into()),
                Tok::String("\u{1b}\u{7f} \u{b}\u{c}\u{8}".into())
            ]
        );
        assert_eq!(
            toks(r"$\^? $\^[ $\x{10FFFF} $\z"),
            vec![
                Tok::Char(31),
                Tok::Char(27),
                Tok::Char(0x10FFFF),
                Tok::Char(122)
            ]
        );
        assert_eq!(
            toks("16#Ff_Ff 1.0e-0_1 2#1_0"),
            vec![
                Tok::Integer(65535.into()),
                Tok::Float(0.1),
                Tok::Integer(2.into())
            ]
        );
        assert_eq!(lex(r#""\x{}" "\x4g""#).1.len(), 2);
    }

    #[test]
    fn keywords_and_ops() {
        assert_eq!(
            toks("case caser =:= =/= =< <= <- << >> || :: ?? ..."),
            vec![
                Tok::Case,
                Tok::Atom("caser".into()),
                Tok::ExactEq,
                Tok::ExactNe,
                Tok::EqLt,
                Tok::LDoubleArrow,
                Tok::LArrow,
                Tok::DoubleLt,
                Tok::DoubleGt,
                Tok::DoublePipe,
                Tok::DoubleColon,
                Tok::DoubleQuestion,
                Tok::DotDotDot
            ]
        );
        assert_eq!(
            toks("_ _X Abc % comment\nmaybe"),
            vec![
                Tok::Var("_".into()),
                Tok::Var("_X".into()),
                Tok::Var("Abc".into()),
                Tok::Atom("maybe".into())
            ]
        );
    }

    #[test]
    fn errors_do_not_stop_lexing() {
        let (t, d) = lex("a \u{1} b \"unterminated");
        assert_eq!(d.len(), 1);
        assert_eq!(t[0].tok, Tok::Atom("a".into()));
        assert_eq!(t[1].tok, Tok::Other('\u{1}'));
        assert_eq!(t[2].tok, Tok::Atom("b".into()));
        let (_, d) = lex(&format!("'{}' {}", "a".repeat(256), "b".repeat(255)));
        assert_eq!(d.len(), 1);
        let (_, d) = lex("37#1 1#0 2#r 16#");
        assert_eq!(d.len(), 4);
        assert_eq!(
            toks("16#ffat 2#102"),
            vec![
                Tok::Integer(0xffa.into()),
                Tok::Atom("t".into()),
                Tok::Integer(2.into()),
                Tok::Integer(2.into())
            ]
        );
    }
}
