//! Text to terms, as `file:consult/1` reads a file (OTP: `erl_scan` then `erl_parse:parse_term` on
//! each `.`-terminated form): atoms, numbers, characters, strings, lists, tuples, maps and
//! binaries of bytes and strings. Used by the VM through its host (`krarup_vm::host`). Iterative;
//! terms nest at most `MAX_LITERAL_DEPTH` deep, as the loader's literals do.

use crate::lexer::{lex, Tok, Token};
use crate::parser::describe;
use krarup_bytecode::format::MAX_LITERAL_DEPTH;
use krarup_bytecode::module::Literal;
use num_bigint::BigInt;

/// Why a text is not a sequence of terms, in the shape of `file:consult/1`'s
/// `{error, {Line, Module, Reason}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct TermError {
    /// 1-based line of the offending token (of the last token at end of input).
    pub line: u32,
    pub kind: TermErrorKind,
}

/// The kinds of [`TermError`].
#[derive(Clone, Debug, PartialEq)]
pub enum TermErrorKind {
    /// `erl_parse`'s `["syntax error before: ", Token]`: the token as erl_parse shows it, or
    /// `None` at the end of the input.
    SyntaxBefore(Option<String>),
    /// `erl_parse`'s `"bad term"`: a valid expression that is not a term (a variable, `1+2`, a
    /// fun); `line` is where the form starts.
    BadTerm,
    /// A term nested deeper than krarup's literal limit (`MAX_LITERAL_DEPTH`, 512; erl has none).
    TooDeep,
    /// An `erl_scan` error (an unterminated string or quoted atom, a bad number or escape); its
    /// text as krarup's compiler words it.
    Scan(String),
}

/// An unfinished container while parsing.
enum Open {
    Tuple(Vec<Literal>),
    List(Vec<Literal>),
    /// After `|`: waits for the tail.
    Tail(Vec<Literal>),
    MapKey(Vec<(Literal, Literal)>),
    MapValue(Vec<(Literal, Literal)>, Literal),
}

/// Parses `source` as `file:consult/1` does: every term, in order.
pub fn parse_terms(source: &str) -> Result<Vec<Literal>, TermError> {
    let (tokens, diags) = lex(source);
    let line_of = |offset: u32| {
        let end = (offset as usize).min(source.len());
        1 + source.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32
    };
    if let Some(d) = diags.first() {
        return Err(TermError {
            line: line_of(d.span.start),
            kind: TermErrorKind::Scan(d.message()),
        });
    }
    let mut p = Parser {
        tokens: &tokens,
        pos: 0,
    };
    let mut terms = Vec::new();
    while p.pos < tokens.len() {
        let start = p.pos;
        match p.term() {
            Ok(t) => terms.push(t),
            Err(Fail::Syntax(at)) => {
                let (line, shown) = match tokens.get(at) {
                    Some(t) => (line_of(t.span.start), Some(describe(&t.tok))),
                    None => (line_of(tokens.last().map_or(0, |t| t.span.start)), None),
                };
                return Err(TermError {
                    line,
                    kind: TermErrorKind::SyntaxBefore(shown),
                });
            }
            Err(Fail::BadTerm) => {
                return Err(TermError {
                    line: line_of(tokens[start].span.start),
                    kind: TermErrorKind::BadTerm,
                })
            }
            Err(Fail::TooDeep) => {
                return Err(TermError {
                    line: line_of(tokens[start].span.start),
                    kind: TermErrorKind::TooDeep,
                })
            }
        }
    }
    Ok(terms)
}

enum Fail {
    /// A syntax error before the token at this index (past the end: end of input).
    Syntax(usize),
    BadTerm,
    TooDeep,
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn next(&mut self) -> Option<&Tok> {
        let t = self.tokens.get(self.pos).map(|t| &t.tok);
        self.pos += 1;
        t
    }

    /// Opens a container, or fails past the depth the loader accepts for literals.
    fn open(open: &mut Vec<Open>, o: Open) -> Result<(), Fail> {
        if open.len() >= MAX_LITERAL_DEPTH {
            return Err(Fail::TooDeep);
        }
        open.push(o);
        Ok(())
    }

    /// The error for the token at `pos`: a term that goes on as an expression is a bad term.
    fn unexpected(&self) -> Fail {
        match self.peek() {
            Some(t) if continues_expression(t) => Fail::BadTerm,
            _ => Fail::Syntax(self.pos),
        }
    }

    /// One term and its terminating dot.
    fn term(&mut self) -> Result<Literal, Fail> {
        let mut open: Vec<Open> = Vec::new();
        loop {
            let mut value = match self.start_value(&mut open)? {
                Some(v) => v,
                None => continue,
            };
            // Close every container the value completes.
            loop {
                match open.pop() {
                    None => {
                        return match self.peek() {
                            Some(Tok::Dot) => {
                                self.pos += 1;
                                Ok(value)
                            }
                            _ => Err(self.unexpected()),
                        }
                    }
                    Some(Open::Tuple(mut elems)) => {
                        elems.push(value);
                        match self.peek() {
                            Some(Tok::Comma) => {
                                self.pos += 1;
                                open.push(Open::Tuple(elems));
                                break;
                            }
                            Some(Tok::RBrace) => {
                                self.pos += 1;
                                value = Literal::Tuple(elems);
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                    Some(Open::List(mut elems)) => {
                        elems.push(value);
                        match self.peek() {
                            Some(Tok::Comma) => {
                                self.pos += 1;
                                open.push(Open::List(elems));
                                break;
                            }
                            Some(Tok::Pipe) => {
                                self.pos += 1;
                                open.push(Open::Tail(elems));
                                break;
                            }
                            Some(Tok::RBracket) => {
                                self.pos += 1;
                                value = Literal::List(elems, Box::new(Literal::Nil));
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                    Some(Open::Tail(elems)) => match self.peek() {
                        Some(Tok::RBracket) => {
                            self.pos += 1;
                            value = Literal::List(elems, Box::new(value));
                        }
                        _ => return Err(self.unexpected()),
                    },
                    Some(Open::MapKey(pairs)) => match self.peek() {
                        Some(Tok::FatArrow) => {
                            self.pos += 1;
                            open.push(Open::MapValue(pairs, value));
                            break;
                        }
                        Some(Tok::ColonEq) => return Err(Fail::BadTerm),
                        _ => return Err(self.unexpected()),
                    },
                    Some(Open::MapValue(mut pairs, key)) => {
                        pairs.push((key, value));
                        match self.peek() {
                            Some(Tok::Comma) => {
                                self.pos += 1;
                                open.push(Open::MapKey(pairs));
                                break;
                            }
                            Some(Tok::RBrace) => {
                                self.pos += 1;
                                value = Literal::Map(pairs);
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                }
            }
        }
    }

    /// Reads the start of a value: a whole atomic value (`Some`), or an opened container pushed
    /// on `open` (`None`; its first element comes next).
    fn start_value(&mut self, open: &mut Vec<Open>) -> Result<Option<Literal>, Fail> {
        let at = self.pos;
        let Some(tok) = self.next() else {
            return Err(Fail::Syntax(at));
        };
        let v = match tok {
            Tok::Atom(a) => Literal::Atom(a.clone()),
            Tok::Integer(i) => Literal::Int(i.clone()),
            Tok::Float(f) => Literal::Float(*f),
            Tok::Char(c) => Literal::Int(BigInt::from(*c)),
            Tok::String(s) => {
                let mut text = s.clone();
                while let Some(Tok::String(more)) = self.peek() {
                    text.push_str(more);
                    self.pos += 1;
                }
                crate::lower::string_lit(&text)
            }
            Tok::Minus | Tok::Plus => {
                let negate = matches!(tok, Tok::Minus);
                match self.next() {
                    Some(Tok::Integer(i)) => Literal::Int(if negate { -i } else { i.clone() }),
                    Some(Tok::Float(f)) => Literal::Float(if negate { -f } else { *f }),
                    Some(Tok::Char(c)) => {
                        let c = BigInt::from(*c);
                        Literal::Int(if negate { -c } else { c })
                    }
                    _ => return Err(Fail::BadTerm),
                }
            }
            Tok::LBrace => {
                if self.peek() == Some(&Tok::RBrace) {
                    self.pos += 1;
                    Literal::Tuple(Vec::new())
                } else {
                    Self::open(open, Open::Tuple(Vec::new()))?;
                    return Ok(None);
                }
            }
            Tok::LBracket => {
                if self.peek() == Some(&Tok::RBracket) {
                    self.pos += 1;
                    Literal::Nil
                } else {
                    Self::open(open, Open::List(Vec::new()))?;
                    return Ok(None);
                }
            }
            Tok::Hash => {
                if self.next() != Some(&Tok::LBrace) {
                    return Err(Fail::BadTerm);
                }
                if self.peek() == Some(&Tok::RBrace) {
                    self.pos += 1;
                    Literal::Map(Vec::new())
                } else {
                    Self::open(open, Open::MapKey(Vec::new()))?;
                    return Ok(None);
                }
            }
            Tok::DoubleLt => self.binary()?,
            Tok::Var(_) | Tok::Fun | Tok::LParen | Tok::Begin | Tok::Case | Tok::If => {
                return Err(Fail::BadTerm)
            }
            _ => return Err(Fail::Syntax(at)),
        };
        Ok(Some(v))
    }

    /// The rest of `<<...>>` after `<<`: segments that are strings or integers 0..=255.
    fn binary(&mut self) -> Result<Literal, Fail> {
        let mut bytes = Vec::new();
        if self.peek() == Some(&Tok::DoubleGt) {
            self.pos += 1;
            return Ok(Literal::Binary(bytes, 0));
        }
        loop {
            let at = self.pos;
            match self.next() {
                Some(Tok::String(s)) => {
                    for c in s.chars() {
                        bytes.push(c as u32 as u8);
                    }
                }
                Some(Tok::Integer(i)) => match u8::try_from(i) {
                    Ok(b) => bytes.push(b),
                    Err(_) => bytes.push(byte_of(i)),
                },
                Some(Tok::Char(c)) => bytes.push(*c as u8),
                Some(_) => return Err(Fail::BadTerm),
                None => return Err(Fail::Syntax(at)),
            }
            match self.peek() {
                Some(Tok::Comma) => self.pos += 1,
                Some(Tok::DoubleGt) => {
                    self.pos += 1;
                    let bits = bytes.len() as u64 * 8;
                    return Ok(Literal::Binary(bytes, bits));
                }
                Some(Tok::Colon | Tok::Slash) => return Err(Fail::BadTerm),
                _ => return Err(self.unexpected()),
            }
        }
    }
}

/// The low 8 bits of `i` (a segment `<<256>>` is `<<0>>`, as in Erlang).
fn byte_of(i: &BigInt) -> u8 {
    let (_, digits) = (i & BigInt::from(255)).to_u32_digits();
    digits.first().copied().unwrap_or(0) as u8
}

/// Whether `t` after a complete value makes it part of a larger expression (so erl_parse reads an
/// expression and then reports it as a bad term, not a syntax error).
fn continues_expression(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Plus
            | Tok::Minus
            | Tok::Star
            | Tok::Slash
            | Tok::PlusPlus
            | Tok::MinusMinus
            | Tok::Div
            | Tok::Rem
            | Tok::Band
            | Tok::Bor
            | Tok::Bxor
            | Tok::Bsl
            | Tok::Bsr
            | Tok::And
            | Tok::Or
            | Tok::Xor
            | Tok::AndAlso
            | Tok::OrElse
            | Tok::EqEq
            | Tok::SlashEq
            | Tok::EqLt
            | Tok::Lt
            | Tok::GtEq
            | Tok::Gt
            | Tok::ExactEq
            | Tok::ExactNe
            | Tok::Bang
            | Tok::Eq
            | Tok::LParen
            | Tok::Colon
            | Tok::Hash
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Vec<Literal> {
        parse_terms(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"))
    }

    fn int(i: i64) -> Literal {
        Literal::Int(BigInt::from(i))
    }

    #[test]
    fn every_term_kind() {
        let atom = |a: &str| Literal::Atom(a.into());
        assert_eq!(ok(""), vec![]);
        assert_eq!(
            ok("{a, 1}.\n[1,2|x].\n-5. $a. \"a\" \"b\". 'A b'. 2#101. 1.5e3.\n{}. []. %c\n x."),
            vec![
                Literal::Tuple(vec![atom("a"), int(1)]),
                Literal::List(vec![int(1), int(2)], Box::new(atom("x"))),
                int(-5),
                int(97),
                Literal::List(vec![int(97), int(98)], Box::new(Literal::Nil)),
                atom("A b"),
                int(5),
                Literal::Float(1500.0),
                Literal::Tuple(vec![]),
                Literal::Nil,
                atom("x"),
            ]
        );
        assert_eq!(
            ok("#{k => \"\", [] => #{}}. <<\"ab\", 1>>. <<>>."),
            vec![
                Literal::Map(vec![
                    (atom("k"), Literal::Nil),
                    (Literal::Nil, Literal::Map(vec![]))
                ]),
                Literal::Binary(vec![97, 98, 1], 24),
                Literal::Binary(vec![], 0),
            ]
        );
    }

    #[test]
    fn errors_as_erl_parse_reports_them() {
        let err = |s: &str| parse_terms(s).unwrap_err();
        let syntax = |line, tok: Option<&str>| TermError {
            line,
            kind: TermErrorKind::SyntaxBefore(tok.map(String::from)),
        };
        assert_eq!(err("{a, 1}.\n{b,\n"), syntax(2, None));
        assert_eq!(err("{a, 1}.\n{b}}.\n"), syntax(2, Some("'}'")));
        assert_eq!(err("{a, 1}"), syntax(1, None));
        let bad = |line| TermError {
            line,
            kind: TermErrorKind::BadTerm,
        };
        assert_eq!(err("{a, X}.\n"), bad(1));
        assert_eq!(err("ok.\n{a, 1+2}.\n"), bad(2));
        assert_eq!(err("fun() -> ok end.\n"), bad(1));
        assert!(matches!(
            err("x.\n{a, 'unterminated}.\n").kind,
            TermErrorKind::Scan(_)
        ));
    }

    #[test]
    fn nesting_is_capped_as_literals_are() {
        let nested = |n: usize| format!("{}x{}.", "[".repeat(n), "]".repeat(n));
        let mut t = &ok(&nested(MAX_LITERAL_DEPTH))[0];
        let mut depth = 0;
        while let Literal::List(e, _) = t {
            t = &e[0];
            depth += 1;
        }
        assert_eq!(depth, MAX_LITERAL_DEPTH);
        let e = parse_terms(&nested(1_000_000)).unwrap_err();
        assert_eq!(e.kind, TermErrorKind::TooDeep);
    }
}
