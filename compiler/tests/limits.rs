//! Size and depth of source input (issue 14, items 1, 9 and 10): large functions, literals and
//! macro chains compile in linear time; input nested a million levels deep gets a diagnostic,
//! never a stack overflow. Sources are generated here, not committed.

use krarup_compiler::diagnostics::{Diagnostic, Kind};

/// Runs `f` on a thread with the stack the `krarup` binary gives the compiler (256 MiB).
fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(s, f)
            .expect("thread")
            .join()
            .expect("no panic")
    })
}

fn compile(src: &str) -> Result<(), Vec<Diagnostic>> {
    krarup_compiler::compile(src, "t.erl").map(|_| ())
}

/// Compiles `src` and runs `t:main()`, returning its rendered value.
fn run(src: String) -> String {
    on_big_stack(move || {
        let compiled = krarup_compiler::compile(&src, "t.erl")
            .map_err(|d| krarup_compiler::diagnostics::render_short(&d, &src, "t.erl"));
        let compiled = compiled.expect("compiles");
        let mut rt = krarup_vm::runtime::Runtime::new(Box::new(std::io::sink()));
        rt.load(compiled.module)
            .map_err(|e| e.message)
            .expect("loads");
        match rt.call_and_render("t", "main") {
            Ok(v) => v.unwrap_or_default(),
            Err(u) => panic!("uncaught: {}", u.report),
        }
    })
}

fn module(body: &str) -> String {
    format!("-module(t).\n-export([main/0]).\n{body}\n")
}

// ---- item 9: linear compile time (each takes well under a second; quadratic took minutes) ----

#[test]
fn fifty_thousand_clauses() {
    let n = 50_000;
    let clauses: Vec<String> = (0..n).map(|i| format!("f({i}) -> {}", i * 2)).collect();
    let src = module(&format!(
        "{}.\nmain() -> f({}).",
        clauses.join(";\n"),
        n - 1
    ));
    assert_eq!(run(src), format!("{}", (n - 1) * 2));
}

#[test]
fn fifty_thousand_key_map_literal_keeps_the_last_duplicate() {
    let n = 50_000;
    let pairs: Vec<String> = (0..n).map(|i| format!("{i} => {i}")).collect();
    let src = module(&format!(
        "main() -> M = #{{{}, 7 => last}}, {{map_size(M), maps:get(7, M)}}.",
        pairs.join(", ")
    ));
    assert_eq!(run(src), format!("{{{n},last}}"));
}

#[test]
fn long_list_pattern_matches() {
    // Over the decision tree's node budget: this pattern once compiled to a match that always
    // failed, and cloned the rest of the list at every cell.
    let n = 9_000;
    let items: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    let src = module(&format!(
        "f([{}]) -> ok; f(_) -> no.\nseq(N, N) -> [N]; seq(I, N) -> [I | seq(I + 1, N)].\n\
         main() -> {{f(seq(1, {n})), f([1])}}.",
        items.join(",")
    ));
    assert_eq!(run(src), "{ok,no}");
}

#[test]
fn large_literals_and_many_variables() {
    let list: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
    let vars: Vec<String> = (1..10_000)
        .map(|i| format!("V{i} = V{} + 1", i - 1))
        .collect();
    let src = module(&format!(
        "main() -> {{length([{}]), length(\"{}\"), byte_size(<<\"{}\">>), v()}}.\n\
         v() -> V0 = 0, {}, V9999.",
        list.join(","),
        "a".repeat(100_000),
        "b".repeat(1 << 20),
        vars.join(",\n")
    ));
    assert_eq!(run(src), format!("{{100000,100000,{},9999}}", 1 << 20));
}

// ---- item 10: macro chains ----

fn chain(n: usize) -> String {
    let defs: String = (0..n)
        .map(|i| format!("-define(M{i}, ?M{}).\n", i + 1))
        .collect();
    module(&format!("{defs}-define(M{n}, 42).\nmain() -> ?M0."))
}

#[test]
fn a_long_macro_chain_is_not_circular() {
    // epp expands a chain of any length; only a true cycle is circular.
    assert_eq!(run(chain(200)), "42");
    assert_eq!(run(chain(10_000)), "42");
}

#[test]
fn a_macro_cycle_is_still_circular() {
    let src = module("-define(A, ?B).\n-define(B, {?C}).\n-define(C, ?B).\nmain() -> ?A.");
    let errors = compile(&src).expect_err("circular");
    assert!(
        errors
            .iter()
            .any(|d| matches!(&d.kind, Kind::CircularMacro { name, .. } if name == "B")),
        "{errors:?}"
    );
}

// ---- item 1: a million levels deep never overflows the stack ----

const MILLION: usize = 1_000_000;

/// The diagnostics of compiling `main() -> <expr>.`, on the binary's compiler stack.
fn deep(expr: String) -> Vec<Diagnostic> {
    on_big_stack(move || {
        compile(&module(&format!("main() -> {expr}.")))
            .err()
            .unwrap_or_default()
    })
}

fn assert_too_deep(expr: String) {
    let errors = deep(expr);
    assert!(
        errors
            .iter()
            .any(|d| matches!(d.kind, Kind::NestedTooDeeply { .. })),
        "{:?}",
        errors.iter().map(|d| &d.kind).take(3).collect::<Vec<_>>()
    );
}

#[test]
fn deep_brackets_and_blocks_are_refused() {
    assert_too_deep(format!("{}{}", "[".repeat(MILLION), "]".repeat(MILLION)));
    assert_too_deep(format!("{}{}", "{".repeat(MILLION), "}".repeat(MILLION)));
    assert_too_deep(format!("{}1{}", "(".repeat(MILLION), ")".repeat(MILLION)));
    assert_too_deep(format!(
        "{}1{}",
        "begin ".repeat(MILLION),
        " end".repeat(MILLION)
    ));
    assert_too_deep(format!(
        "{}1{}",
        "case 1 of _ -> ".repeat(MILLION),
        " end".repeat(MILLION)
    ));
    assert_too_deep(format!(
        "{}1{}",
        "fun() -> ".repeat(MILLION),
        " end".repeat(MILLION)
    ));
    assert_too_deep(format!(
        "{}1{}",
        "#{a => ".repeat(MILLION),
        "}".repeat(MILLION)
    ));
}

#[test]
fn deep_prefix_and_right_chains_are_refused() {
    assert_too_deep(format!("{}1", "- ".repeat(MILLION)));
    assert_too_deep(format!("{}true", "not ".repeat(MILLION)));
    assert_too_deep(format!("{}1", "catch ".repeat(MILLION)));
    assert_too_deep(vec!["true"; MILLION].join(" andalso "));
    assert_too_deep(format!("{} ! 1", vec!["self()"; MILLION].join(" ! ")));
    let vars: Vec<String> = (0..MILLION).map(|i| format!("A{i}")).collect();
    assert_too_deep(format!("{} = 1", vars.join(" = ")));
    let items: Vec<String> = (0..MILLION).map(|i| i.to_string()).collect();
    assert_too_deep(format!("[{}] = [1]", items.join(",")));
}

#[test]
fn deep_left_chains_and_long_lists_compile_or_hit_the_size_limit() {
    // Walked iteratively: a million `+` reaches the function size limit, a list literal compiles.
    let errors = deep(vec!["1"; MILLION].join("+"));
    assert!(
        errors
            .iter()
            .any(|d| matches!(d.kind, Kind::FunctionTooLarge { .. })),
        "{:?}",
        errors.iter().map(|d| &d.kind).take(3).collect::<Vec<_>>()
    );
    let items: Vec<String> = (0..MILLION).map(|i| (i % 10).to_string()).collect();
    assert!(deep(format!("length([{}])", items.join(","))).is_empty());
}

#[test]
fn deeply_nested_macro_calls_are_refused() {
    let src = module(&format!(
        "-define(W(X), [X]).\nmain() -> {}1{}.",
        "?W(".repeat(MILLION),
        ")".repeat(MILLION)
    ));
    let errors = on_big_stack(move || compile(&src).err().unwrap_or_default());
    assert!(errors
        .iter()
        .any(|d| matches!(d.kind, Kind::NestedTooDeeply { .. })));
}
