//! EUnit's two parse transforms, which `eunit/include/eunit.hrl` asks for with
//! `-compile({parse_transform, eunit_autoexport})` (testing on) or
//! `-compile({parse_transform, eunit_striptests})` (`NOTEST`), done here on the AST as OTP 25's
//! `eunit_autoexport` and `eunit_striptests` do them on abstract forms:
//! - autoexport exports every `Name_test/0` and `Name_test_/0` and, unless the module defines
//!   `test/0`, adds `test() -> eunit:test(Module).` (exported) after the last function. Exports are
//!   then listed in definition order, as BEAM's `module_info(exports)` lists them (EUnit runs a
//!   module's tests in that order).
//! - striptests removes those functions (and their exports).

use crate::ast::{Attribute, CallTarget, Clause, Expr, Function, Module};

/// Applies whichever of the two transforms `m`'s `-compile` attributes ask for.
pub fn apply(m: &mut Module) {
    if asks_for(&m.attributes, "eunit_autoexport") {
        autoexport(m);
    } else if asks_for(&m.attributes, "eunit_striptests") {
        striptests(m);
    }
}

/// Whether a `-compile(...)` attribute holds `{parse_transform, Name}`.
fn asks_for(attributes: &[Attribute], name: &str) -> bool {
    let mut found = false;
    for a in attributes.iter().filter(|a| a.name == "compile") {
        if let Some(v) = &a.value {
            v.walk(&mut |e| {
                if let Expr::Tuple(items, _) = e {
                    if let [Expr::Atom(t, _), Expr::Atom(n, _)] = items.as_slice() {
                        found |= t == "parse_transform" && n == name;
                    }
                }
            });
        }
    }
    found
}

/// EUnit's naming convention: a simple test `Name_test/0` or a generator `Name_test_/0`.
fn is_test_function(f: &Function) -> bool {
    f.arity == 0 && (f.name.ends_with("_test") || f.name.ends_with("_test_"))
}

fn autoexport(m: &mut Module) {
    if !m.functions.iter().any(|f| f.name == "test" && f.arity == 0) {
        let span = m.span;
        let call = Expr::Call {
            target: CallTarget::Remote(
                Box::new(Expr::Atom("eunit".into(), span)),
                Box::new(Expr::Atom("test".into(), span)),
            ),
            args: vec![Expr::Atom(m.name.clone(), span)],
            span,
        };
        m.functions.push(Function {
            name: "test".into(),
            arity: 0,
            clauses: vec![Clause {
                patterns: vec![],
                guards: vec![],
                body: vec![call],
                span,
            }],
            span,
        });
        m.exports.push(("test".into(), 0, span));
    }
    let new: Vec<_> = m
        .functions
        .iter()
        .filter(|f| is_test_function(f))
        .filter(|f| !m.exports.iter().any(|(n, a, _)| *n == f.name && *a == 0))
        .map(|f| (f.name.clone(), 0, f.span))
        .collect();
    m.exports.extend(new);
    // Definition order; exports of undefined functions (an error reported later) keep their place
    // after the defined ones.
    let position = |name: &str, arity: u32| {
        m.functions
            .iter()
            .position(|f| f.name == name && f.arity == arity)
            .unwrap_or(usize::MAX)
    };
    let mut exports = std::mem::take(&mut m.exports);
    exports.sort_by_key(|(n, a, _)| position(n, *a));
    m.exports = exports;
}

fn striptests(m: &mut Module) {
    m.functions.retain(|f| !is_test_function(f));
    m.exports
        .retain(|(n, a, _)| !(*a == 0 && (n.ends_with("_test") || n.ends_with("_test_"))));
}

#[cfg(test)]
mod tests {
    use crate::parser::parse_module;

    fn exports(src: &str) -> Vec<String> {
        let (mut m, _) = parse_module(src, "t.erl").expect("parses");
        super::apply(&mut m);
        m.exports
            .iter()
            .map(|(n, a, _)| format!("{n}/{a}"))
            .collect()
    }

    #[test]
    fn autoexport_adds_tests_and_test0_in_definition_order() {
        let src = "-module(t).\n-compile({parse_transform, eunit_autoexport}).\n\
                   -export([f/0]).\nb_test() -> ok.\nf() -> ok.\na_test_() -> [].\n\
                   c_test(X) -> X.\n";
        assert_eq!(exports(src), ["b_test/0", "f/0", "a_test_/0", "test/0"]);
    }

    #[test]
    fn striptests_removes_tests() {
        let src = "-module(t).\n-compile({parse_transform, eunit_striptests}).\n\
                   -export([f/0, a_test/0]).\na_test() -> ok.\nf() -> ok.\n";
        let (mut m, _) = parse_module(src, "t.erl").expect("parses");
        super::apply(&mut m);
        assert_eq!(m.functions.len(), 1);
        assert_eq!(m.exports.len(), 1);
    }

    #[test]
    fn no_transform_without_the_attribute() {
        let src = "-module(t).\n-export([f/0]).\na_test() -> ok.\nf() -> ok.\n";
        assert_eq!(exports(src), ["f/0"]);
    }
}
