//! Back-end structure tests: compile small modules and check the shape of the bytecode, the
//! tables, and the diagnostics of lowering and match compilation.
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use krarup_bytecode::module::{Literal, Module};
use krarup_bytecode::opcode::Instruction;
use krarup_compiler::diagnostics::{Diagnostic, Severity};
use krarup_compiler::{compile, dump, Stage};

fn module(src: &str) -> Module {
    match compile(src, "t.erl") {
        Ok(c) => {
            krarup_bytecode::verify::verify(&c.module).expect("bytecode verifies");
            c.module
        }
        Err(d) => panic!("compile failed: {d:?}"),
    }
}

fn errors(src: &str) -> Vec<Diagnostic> {
    match compile(src, "t.erl") {
        Ok(_) => panic!("expected a compile error"),
        Err(d) => d,
    }
}

fn warnings(src: &str) -> Vec<Diagnostic> {
    compile(src, "t.erl").expect("compiles").warnings
}

/// Instructions of function `name/arity`.
fn code_of<'m>(m: &'m Module, name: &str, arity: u8) -> &'m [Instruction] {
    m.function_code(name, arity).expect("function exists")
}

#[test]
fn tail_recursive_loop_needs_no_frame() {
    let m = module("-module(t).\n-export([loop/1]).\nloop(0) -> done;\nloop(N) -> loop(N - 1).\n");
    let code = code_of(&m, "loop", 1);
    assert!(matches!(code[0], Instruction::FuncInfo { .. }));
    assert!(code
        .iter()
        .any(|i| matches!(i, Instruction::CallOnly { arity: 1, .. })));
    assert!(!code
        .iter()
        .any(|i| matches!(i, Instruction::Allocate { .. } | Instruction::Call { .. })));
}

#[test]
fn body_recursion_allocates_and_tail_calls_deallocate() {
    let src = "-module(t).\n-export([len/1, g/1]).\nlen([]) -> 0;\nlen([_ | T]) -> 1 + len(T).\n\
               g(X) -> Y = len(X), len([Y]).\n";
    let m = module(src);
    let code = code_of(&m, "len", 1);
    assert!(code
        .iter()
        .any(|i| matches!(i, Instruction::Allocate { .. })));
    assert!(code
        .iter()
        .any(|i| matches!(i, Instruction::Call { arity: 1, .. })));
    assert!(code
        .iter()
        .any(|i| matches!(i, Instruction::Deallocate { .. })));
    let g = code_of(&m, "g", 1);
    assert!(g
        .iter()
        .any(|i| matches!(i, Instruction::CallLast { arity: 1, .. })));
}

#[test]
fn function_clause_jumps_to_func_info() {
    let m = module("-module(t).\n-export([f/1]).\nf(a) -> 1;\nf(b) -> 2.\n");
    let f = m
        .functions
        .iter()
        .find(|f| m.atom(f.function) == "f")
        .expect("f");
    let jumps_to_info = m.code[f.start as usize..f.end as usize]
        .iter()
        .any(|i| matches!(i, Instruction::Jump { target } if target.0 == f.start));
    assert!(jumps_to_info);
    // Two atoms: one select.
    assert!(m
        .code
        .iter()
        .any(|i| matches!(i, Instruction::SelectVal { cases, .. } if cases.len() == 2)));
}

#[test]
fn module_info_is_generated_and_exported() {
    let m = module("-module(t).\n-export([f/0]).\nf() -> ok.\n");
    for arity in [0, 1] {
        assert!(m
            .exports
            .iter()
            .any(|e| m.atom(e.function) == "module_info" && e.arity == arity));
    }
    assert!(m.imports.iter().any(|i| m.atom(i.module) == "erlang"
        && m.atom(i.function) == "get_module_info"
        && i.arity == 2));
}

#[test]
fn constant_terms_become_one_literal() {
    let m = module(
        "-module(t).\n-export([f/0]).\nf() -> {a, [1, 2], \"hi\", #{k => v}, <<\"ab\">>}.\n",
    );
    let lit = m
        .literals
        .iter()
        .find(|l| matches!(l, Literal::Tuple(_)))
        .expect("tuple literal");
    let Literal::Tuple(items) = lit else {
        unreachable!()
    };
    assert_eq!(items.len(), 5);
    assert_eq!(
        items[3],
        Literal::Map(vec![(Literal::Atom("k".into()), Literal::Atom("v".into()))])
    );
    assert_eq!(items[4], Literal::Binary(b"ab".to_vec(), 16));
    assert!(!code_of(&m, "f", 0)
        .iter()
        .any(|i| matches!(i, Instruction::PutTuple { .. })));
}

#[test]
fn lambdas_and_comprehensions_are_named_as_beam() {
    let src = "-module(t).\n-export([main/0]).\nmain() -> N = 2, F = fun(X) -> X + N end, [F(Y) || Y <- [1, 2]].\n";
    let m = module(src);
    assert_eq!(m.lambdas.len(), 1);
    assert_eq!(m.atom(m.lambdas[0].function), "-main/0-fun-0-");
    assert_eq!(m.lambdas[0].arity, 1);
    assert_eq!(m.lambdas[0].num_free, 1);
    assert!(m
        .functions
        .iter()
        .any(|f| m.atom(f.function) == "-main/0-lc$^1/1-0-"));
}

#[test]
fn receive_uses_the_mailbox_instructions() {
    let src = "-module(t).\n-export([f/0]).\nf() -> receive {x, V} -> V after 10 -> none end.\n";
    let m = module(src);
    let code = code_of(&m, "f", 0);
    for want in [
        "LoopRec",
        "RemoveMessage",
        "LoopRecEnd",
        "WaitTimeout",
        "Timeout",
    ] {
        assert!(
            code.iter().any(|i| format!("{i:?}").starts_with(want)),
            "missing {want}"
        );
    }
}

#[test]
fn try_and_catch_use_y_slots() {
    let src = "-module(t).\n-export([f/0]).\nf() -> A = (catch 1), try A of 1 -> x catch _:_ -> y after ok end.\n";
    let m = module(src);
    let code = code_of(&m, "f", 0);
    for want in ["Catch", "CatchEnd", "Try", "TryEnd", "TryCase", "Raise"] {
        assert!(
            code.iter().any(|i| format!("{i:?}").starts_with(want)),
            "missing {want}"
        );
    }
}

#[test]
fn unbound_variable_has_a_suggestion() {
    let d = errors("-module(t).\n-export([f/1]).\nf(Count) -> Cuont + 1.\n");
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(e.message(), "variable 'Cuont' is unbound");
    assert!(e
        .hint()
        .as_deref()
        .unwrap_or("")
        .contains("did you mean 'Count'"));
}

#[test]
fn unsafe_variable_is_an_error() {
    let d = errors("-module(t).\n-export([f/1]).\nf(X) -> case X of 1 -> Y = 1; _ -> ok end, Y.\n");
    assert!(
        d.iter()
            .any(|d| d.message() == "variable 'Y' unsafe in 'case' (line 3, column 9)"),
        "{d:?}"
    );
}

#[test]
fn variables_bound_in_every_branch_are_exported() {
    let m = module(
        "-module(t).\n-export([f/1]).\nf(X) -> case X of 1 -> Y = a; _ -> Y = b end, {Y}.\n",
    );
    assert!(!m.code.is_empty());
}

#[test]
fn unused_variable_warns_except_underscore() {
    let w = warnings("-module(t).\n-export([f/1]).\nf(X) -> Unused = 1, _Fine = 2, X.\n");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].message(), "variable 'Unused' is unused");
    assert_eq!(w[0].severity, Severity::Warning);
}

#[test]
fn unreachable_clause_warns() {
    let w = warnings("-module(t).\n-export([f/1]).\nf(_) -> a;\nf(b) -> b.\n");
    assert!(
        w.iter().any(|d| d
            .message()
            .starts_with("this clause cannot match because a previous clause at line 3")),
        "{w:?}"
    );
    // A guarded clause covers nothing.
    let w = warnings("-module(t).\n-export([f/1]).\nf(X) when X > 1 -> a;\nf(b) -> b.\n");
    assert!(
        w.iter().all(|d| !d.message().contains("cannot match")),
        "{w:?}"
    );
}

#[test]
fn record_access_checks_the_record() {
    let src = "-module(t).\n-export([f/1]).\n-record(r, {a, b = 2}).\nf(R) -> R#r.b.\n";
    let m = module(src);
    let code = code_of(&m, "f", 1);
    assert!(code
        .iter()
        .any(|i| matches!(i, Instruction::Badrecord { .. })));
}

#[test]
fn guards_fail_to_the_next_clause() {
    let src = "-module(t).\n-export([f/1]).\nf(X) when is_integer(X), X > 0; is_float(X) -> pos;\nf(_) -> other.\n";
    let m = module(src);
    let code = code_of(&m, "f", 1);
    assert!(code.iter().any(|i| matches!(i, Instruction::Test { .. })));
    assert!(code.iter().any(|i| matches!(i, Instruction::Cmp { .. })));
}

#[test]
fn dumps_every_stage() {
    let src = "-module(t).\n-export([f/2]).\nf([], _) -> a;\nf(_, []) -> b;\nf([X | _], [Y | _]) -> {X, Y}.\n";
    for stage in [Stage::Ast, Stage::Core, Stage::Decision, Stage::Bytecode] {
        let out = dump(src, "t.erl", stage).expect("dump");
        assert!(!out.is_empty());
    }
    let tree = dump(src, "t.erl", Stage::Decision).expect("dump");
    assert!(tree.contains("switch"), "{tree}");
    assert!(tree.contains("leaf clause 3"), "{tree}");
}

#[test]
fn line_table_follows_the_source() {
    let m = module(
        "-module(t).\n-export([f/0]).\nf() ->\n    X = g(),\n    g(X).\ng() -> 1.\ng(X) -> X.\n",
    );
    assert!(m.lines.iter().any(|&(_, l)| l == 4));
    assert!(m.lines.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn rejected_programs_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../lang-tests/compile_errors");
    for f in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let src = std::fs::read_to_string(f.path()).unwrap_or_default();
        let _ = compile(&src, "x.erl");
        for stage in [Stage::Core, Stage::Decision, Stage::Bytecode] {
            let _ = dump(&src, "x.erl", stage);
        }
    }
}

#[test]
fn long_list_literals_do_not_exhaust_the_stack() {
    let items: Vec<String> = (0..20000).map(|i| i.to_string()).collect();
    let src = format!(
        "-module(t).\n-export([f/1]).\nf(X) -> [X, {}].\n",
        items.join(", ")
    );
    let m = module(&src);
    let Some(Literal::List(items, _)) = m.literals.iter().find(|l| matches!(l, Literal::List(..)))
    else {
        panic!("no list literal");
    };
    assert_eq!(items.len(), 20000);
}

#[test]
fn nested_catch_markers_are_ordered_and_frames_compact() {
    let src = "-module(t).\n-export([f/0, g/1]).\nf() -> try (catch g(1)) of V -> V catch _:_ -> x end.\n\
               g(X) -> A = g(X), B = g(A), C = g(B), C.\n";
    let m = module(src);
    let code = code_of(&m, "f", 0);
    let try_y = code.iter().find_map(|i| match i {
        Instruction::Try { y, .. } => Some(y.0),
        _ => None,
    });
    let catch_y = code.iter().find_map(|i| match i {
        Instruction::Catch { y, .. } => Some(y.0),
        _ => None,
    });
    assert!(
        try_y.expect("try") < catch_y.expect("catch"),
        "outer marker must be lower"
    );
    // g/1 keeps at most the argument and one intermediate alive across each call.
    let slots = code_of(&m, "g", 1).iter().find_map(|i| match i {
        Instruction::Allocate { slots, .. } => Some(*slots),
        _ => None,
    });
    assert!(slots.expect("frame") <= 2, "{slots:?}");
}

#[test]
fn shadowing_in_funs_and_generators_warns_as_otp() {
    let src = "-module(t).\n-export([f/1]).\nf(X) ->\n    F = fun(X) -> X end,\n    L = [X || X <- [1]],\n    {F, L}.\n";
    let w = warnings(src);
    let owned: Vec<String> = w.iter().map(|d| d.message()).collect();
    let msgs: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert_eq!(
        msgs,
        [
            "variable 'X' is unused",
            "variable 'X' shadowed in 'fun'",
            "variable 'X' shadowed in generate"
        ]
    );
}

#[test]
fn unused_exported_variable_warns_at_each_binding() {
    let src = "-module(t).\n-export([f/1, g/1]).\nf(X) ->\n    case X of\n        1 -> Y = 1;\n        _ -> Y = 2\n    end,\n    ok.\n\
               g(X) -> case X of 1 -> Z = 1; _ -> Z = 2 end, Z.\n";
    let w = warnings(src);
    let lines: Vec<(usize, String)> = w
        .iter()
        .map(|d| {
            (
                krarup_compiler::diagnostics::line_col(src, d.span.start).0,
                d.message(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (5, "variable 'Y' is unused".to_string()),
            (6, "variable 'Y' is unused".to_string())
        ]
    );
}

#[test]
fn long_operator_chains_lower_without_deep_recursion() {
    let sum: Vec<&str> = vec!["X"; 1500];
    let app: Vec<&str> = vec!["[X]"; 1500];
    let src = format!(
        "-module(t).\n-export([f/1, g/1]).\nf(X) -> {}.\ng(X) -> {}.\n",
        sum.join(" + "),
        app.join(" ++ ")
    );
    // Lowering runs on a small stack, as test threads do.
    let h = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let (m, _) = krarup_compiler::parse_module(&src, "t.erl").expect("parses");
            let (mut w, mut unresolved) = (Vec::new(), Vec::new());
            krarup_compiler::lower::lower_module(&m, &src, &mut w, &mut unresolved).is_ok()
        })
        .expect("thread");
    assert!(h.join().unwrap_or(false));
}
