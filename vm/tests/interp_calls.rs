//! Interpreter tests for calls and returns on hand-assembled modules: recursion, tail calls in
//! constant space, deep body recursion, funs, apply and the errors calls raise.

mod interp_support;

/// Scales a loop count down under `gc-stress` (which collects at every call: a deep stack makes
/// each collection scan every frame).
fn scaled(n: i64) -> i64 {
    if cfg!(feature = "gc-stress") {
        n / 1000
    } else {
        n
    }
}
use interp_support::*;
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::{ArithOp, CmpOp, Instruction as I, Label};

/// fib/1 (body-recursive, two calls per level) plus main/0 calling fib(N).
fn fib_module(n: i64) -> krarup_bytecode::module::Module {
    let mut a = Asm::new("fibm");
    let e = a.begin("fib", 1, true);
    a.emit(I::Cmp {
        fail: Label(e.0 + 2),
        op: CmpOp::Lt,
        a: x(0),
        b: int(2),
    });
    a.emit(I::Return);
    a.emit(I::Allocate { slots: 1, live: 1 });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    a.emit(I::Arith {
        op: ArithOp::Sub,
        a: x(0),
        b: int(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Call {
        arity: 1,
        target: e,
    });
    a.emit(I::Move {
        src: y(0),
        dst: dx(1),
    });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    a.emit(I::Arith {
        op: ArithOp::Sub,
        a: x(1),
        b: int(2),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Call {
        arity: 1,
        target: e,
    });
    a.emit(I::Arith {
        op: ArithOp::Add,
        a: y(0),
        b: x(0),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    a.begin("main", 0, true);
    a.emit(I::Move {
        src: int(n),
        dst: dx(0),
    });
    a.emit(I::CallOnly {
        arity: 1,
        target: e,
    });
    a.finish()
}

#[test]
fn fib_body_recursion() {
    assert_eq!(value(fib_module(20)), "6765");
}

#[test]
fn ten_million_tail_calls_in_constant_space() {
    let mut a = Asm::new("tl");
    let e = a.begin("loop", 2, false);
    a.emit(I::Cmp {
        fail: Label(e.0 + 3),
        op: CmpOp::EqExact,
        a: x(0),
        b: int(0),
    });
    a.emit(I::Move {
        src: x(1),
        dst: dx(0),
    });
    a.emit(I::Return);
    a.emit(I::Arith {
        op: ArithOp::Sub,
        a: x(0),
        b: int(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Arith {
        op: ArithOp::Add,
        a: x(1),
        b: int(2),
        dst: dx(1),
        fail: None,
    });
    a.emit(I::CallOnly {
        arity: 2,
        target: e,
    });
    a.begin("main", 0, true);
    a.emit(I::Move {
        src: int(scaled(10_000_000)),
        dst: dx(0),
    });
    a.emit(I::Move {
        src: int(0),
        dst: dx(1),
    });
    a.emit(I::CallOnly {
        arity: 2,
        target: e,
    });
    assert_eq!(value(a.finish()), (2 * scaled(10_000_000)).to_string());
}

/// sum(N) -> N + sum(N - 1) with a frame per level; also crosses into bignums.
fn sum_module(n: i64) -> krarup_bytecode::module::Module {
    let mut a = Asm::new("sum");
    let e = a.begin("sum", 1, false);
    a.emit(I::Cmp {
        fail: Label(e.0 + 3),
        op: CmpOp::EqExact,
        a: x(0),
        b: int(0),
    });
    a.emit(I::Move {
        src: int(0),
        dst: dx(0),
    });
    a.emit(I::Return);
    a.emit(I::Allocate { slots: 1, live: 1 });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    a.emit(I::Arith {
        op: ArithOp::Sub,
        a: x(0),
        b: int(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Call {
        arity: 1,
        target: e,
    });
    a.emit(I::Arith {
        op: ArithOp::Mul,
        a: y(0),
        b: x(0),
        dst: dx(1),
        fail: None,
    });
    a.emit(I::Arith {
        op: ArithOp::Add,
        a: y(0),
        b: x(0),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    a.begin("main", 0, true);
    a.emit(I::Move {
        src: int(n),
        dst: dx(0),
    });
    a.emit(I::CallOnly {
        arity: 1,
        target: e,
    });
    a.finish()
}

#[test]
fn million_deep_body_recursion() {
    let n = scaled(1_000_000);
    assert_eq!(value(sum_module(n)), (n * (n + 1) / 2).to_string());
}

/// fact(N) with bignum results: exercises the arithmetic slow path and GC of bignums.
#[test]
fn factorial_bignum() {
    let mut a = Asm::new("fact");
    let e = a.begin("fact", 1, false);
    a.emit(I::Cmp {
        fail: Label(e.0 + 3),
        op: CmpOp::EqExact,
        a: x(0),
        b: int(0),
    });
    a.emit(I::Move {
        src: int(1),
        dst: dx(0),
    });
    a.emit(I::Return);
    a.emit(I::Allocate { slots: 1, live: 1 });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    a.emit(I::Arith {
        op: ArithOp::Sub,
        a: x(0),
        b: int(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Call {
        arity: 1,
        target: e,
    });
    a.emit(I::Arith {
        op: ArithOp::Mul,
        a: y(0),
        b: x(0),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    a.begin("main", 0, true);
    a.emit(I::Move {
        src: int(30),
        dst: dx(0),
    });
    a.emit(I::CallOnly {
        arity: 1,
        target: e,
    });
    assert_eq!(value(a.finish()), "265252859812191058636308480000000");
}

/// A closure over one free variable: (fun(A) -> A + X end)(5) with X = 10.
#[test]
fn fun_with_free_variable() {
    let mut a = Asm::new("funs");
    // The lambda's code: '-main/0-fun-0-'/2 (argument, then the free variable).
    let le = a.begin("-main/0-fun-0-", 2, false);
    a.emit(I::Arith {
        op: ArithOp::Add,
        a: x(0),
        b: x(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Return);
    let l = a.lambda("-main/0-fun-0-", 1, 1, le);
    a.begin("main", 0, true);
    a.emit(I::Move {
        src: int(10),
        dst: dx(0),
    });
    a.emit(I::MakeFun {
        lambda: l,
        free: vec![x(0)],
        dst: dx(1),
    });
    a.emit(I::Move {
        src: int(5),
        dst: dx(0),
    });
    a.emit(I::CallFunLast {
        arity: 1,
        dealloc: 0,
    });
    assert_eq!(value(a.finish()), "15");
}

/// Calling a fun with the wrong number of arguments, and calling a non-fun, caught by `catch`.
#[test]
fn badarity_and_badfun() {
    let mut a = Asm::new("badf");
    let le = a.begin("-main/0-fun-0-", 1, false);
    a.emit(I::Return);
    let l = a.lambda("-main/0-fun-0-", 1, 0, le);
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 2, live: 0 });
    let c1 = a.emit(I::Catch {
        y: krarup_bytecode::opcode::YReg(0),
        handler: Label(0),
    });
    a.emit(I::MakeFun {
        lambda: l,
        free: vec![],
        dst: dx(2),
    });
    a.emit(I::Move {
        src: int(1),
        dst: dx(0),
    });
    a.emit(I::Move {
        src: int(2),
        dst: dx(1),
    });
    a.emit(I::CallFun { arity: 2 });
    let h1 = a.emit(I::CatchEnd {
        y: krarup_bytecode::opcode::YReg(0),
    });
    a.emit(I::Move {
        src: x(0),
        dst: dy(1),
    });
    let c2 = a.emit(I::Catch {
        y: krarup_bytecode::opcode::YReg(0),
        handler: Label(0),
    });
    let foo = a.a("foo");
    a.emit(I::Move {
        src: foo,
        dst: dx(0),
    });
    a.emit(I::CallFun { arity: 0 });
    let h2 = a.emit(I::CatchEnd {
        y: krarup_bytecode::opcode::YReg(0),
    });
    a.emit(I::PutTuple {
        elements: vec![y(1), x(0)],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 2 });
    a.emit(I::Return);
    a.m.code[c1.0 as usize] = I::Catch {
        y: krarup_bytecode::opcode::YReg(0),
        handler: h1,
    };
    a.m.code[c2.0 as usize] = I::Catch {
        y: krarup_bytecode::opcode::YReg(0),
        handler: h2,
    };
    let v = value(a.finish());
    assert!(v.starts_with("{{'EXIT',{{badarity,{#Fun<badf."), "{v}");
    assert!(v.contains(",[1,2]}},[{badf,main,0,"), "{v}");
    assert!(v.contains("{'EXIT',{{badfun,foo},[{badf,main,0,"), "{v}");
}

/// erlang:apply/3 and the Apply instruction reach exported functions; a missing one is undef.
#[test]
fn apply_and_undef() {
    let mut a = Asm::new("ap");
    let d = a.begin("double", 1, true);
    a.emit(I::Arith {
        op: ArithOp::Add,
        a: x(0),
        b: x(0),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Return);
    let _ = d;
    let apply3 = a.import("erlang", "apply", 3);
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 1, live: 0 });
    // apply(ap, double, [21])
    let m = a.a("ap");
    let f = a.a("double");
    let args = a.lit(Literal::List(
        vec![Literal::Int(21.into())],
        Box::new(Literal::Nil),
    ));
    a.emit(I::Move { src: m, dst: dx(0) });
    a.emit(I::Move { src: f, dst: dx(1) });
    a.emit(I::Move {
        src: args,
        dst: dx(2),
    });
    a.emit(I::CallExt {
        arity: 3,
        import: apply3,
    });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    // ap:double(4) via the Apply instruction.
    a.emit(I::Move {
        src: int(4),
        dst: dx(0),
    });
    a.emit(I::Move { src: m, dst: dx(1) });
    a.emit(I::Move { src: f, dst: dx(2) });
    a.emit(I::Apply { arity: 1 });
    a.emit(I::PutTuple {
        elements: vec![y(0), x(0)],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    assert_eq!(value(a.finish()), "{42,8}");

    let mut b = Asm::new("un");
    b.begin("main", 0, true);
    b.line(7);
    let nope = b.import("un", "nope", 1);
    b.emit(I::Allocate { slots: 0, live: 0 });
    b.emit(I::Move {
        src: int(1),
        dst: dx(0),
    });
    b.emit(I::CallExt {
        arity: 1,
        import: nope,
    });
    b.emit(I::Deallocate { slots: 0 });
    b.emit(I::Return);
    let r = uncaught(b.finish());
    assert_eq!(
        r,
        "** exception error: undefined function un:nope/1\n     in function  un:main/0 (un.erl, line 7)\n"
    );
}

/// Timing of fib(30) (run with `cargo test --release -p krarup-vm --test interp_calls --
/// --ignored --nocapture`); BEAM's JIT takes about 6 ms here.
#[test]
#[ignore]
fn fib_30_timing() {
    let t0 = std::time::Instant::now();
    let mut rt = krarup_vm::runtime::Runtime::new(Box::new(Sink::default()));
    rt.load(fib_module(30)).unwrap();
    let start = std::time::Instant::now();
    assert_eq!(
        rt.call_and_render("fibm", "main"),
        Ok(Some("832040".into()))
    );
    eprintln!(
        "fib(30): {:?} (runtime set-up {:?})",
        start.elapsed(),
        start - t0
    );
}

/// Naive reverse of a 1000-element list, 100 times (BEAM's JIT: about 650 ms on this machine
/// under load). Checks its own result.
#[test]
#[ignore]
fn nrev_timing() {
    let mut a = Asm::new("nr");
    // app([], L) -> L; app([H | T], L) -> [H | app(T, L)].
    let app = a.begin("app", 2, false);
    a.emit(I::Test {
        fail: Label(app.0 + 2),
        src: x(0),
        ty: krarup_bytecode::opcode::TypeTest::NonEmptyList,
    });
    a.emit(I::Jump {
        target: Label(app.0 + 4),
    });
    a.emit(I::Move {
        src: x(1),
        dst: dx(0),
    });
    a.emit(I::Return);
    a.emit(I::Allocate { slots: 1, live: 2 });
    a.emit(I::GetList {
        src: x(0),
        head: dy(0),
        tail: dx(0),
    });
    a.emit(I::Call {
        arity: 2,
        target: app,
    });
    a.emit(I::PutList {
        head: y(0),
        tail: x(0),
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    // nrev([]) -> []; nrev([H | T]) -> app(nrev(T), [H]).
    let nrev = a.begin("nrev", 1, false);
    a.emit(I::Test {
        fail: Label(nrev.0 + 2),
        src: x(0),
        ty: krarup_bytecode::opcode::TypeTest::NonEmptyList,
    });
    a.emit(I::Jump {
        target: Label(nrev.0 + 3),
    });
    a.emit(I::Return);
    a.emit(I::Allocate { slots: 1, live: 1 });
    a.emit(I::GetList {
        src: x(0),
        head: dy(0),
        tail: dx(0),
    });
    a.emit(I::Call {
        arity: 1,
        target: nrev,
    });
    a.emit(I::PutList {
        head: y(0),
        tail: krarup_bytecode::opcode::Src::Nil,
        dst: dx(1),
    });
    a.emit(I::CallLast {
        arity: 2,
        target: app,
        dealloc: 1,
    });
    // seq(0, Acc) -> Acc; seq(N, Acc) -> seq(N - 1, [N | Acc]).
    let seq = a.begin("seq", 2, false);
    a.emit(I::Cmp {
        fail: Label(seq.0 + 3),
        op: CmpOp::EqExact,
        a: x(0),
        b: int(0),
    });
    a.emit(I::Move {
        src: x(1),
        dst: dx(0),
    });
    a.emit(I::Return);
    a.emit(I::PutList {
        head: x(0),
        tail: x(1),
        dst: dx(1),
    });
    a.emit(I::Arith {
        op: ArithOp::Sub,
        a: x(0),
        b: int(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::CallOnly {
        arity: 2,
        target: seq,
    });
    // rep(K, L): nrev(L) K times, returning the last result.
    let rep = a.begin("rep", 2, false);
    a.emit(I::Allocate { slots: 2, live: 2 });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    a.emit(I::Move {
        src: x(1),
        dst: dy(1),
    });
    a.emit(I::Move {
        src: x(1),
        dst: dx(0),
    });
    a.emit(I::Call {
        arity: 1,
        target: nrev,
    });
    a.emit(I::Cmp {
        fail: Label(rep.0 + 8),
        op: CmpOp::EqExact,
        a: y(0),
        b: int(1),
    });
    a.emit(I::Deallocate { slots: 2 });
    a.emit(I::Return);
    a.emit(I::Arith {
        op: ArithOp::Sub,
        a: y(0),
        b: int(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Move {
        src: y(1),
        dst: dx(1),
    });
    a.emit(I::CallLast {
        arity: 2,
        target: rep,
        dealloc: 2,
    });
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 0, live: 0 });
    a.emit(I::Move {
        src: int(1000),
        dst: dx(0),
    });
    a.emit(I::Move {
        src: krarup_bytecode::opcode::Src::Nil,
        dst: dx(1),
    });
    a.emit(I::Call {
        arity: 2,
        target: seq,
    });
    a.emit(I::Move {
        src: x(0),
        dst: dx(1),
    });
    a.emit(I::Move {
        src: int(100),
        dst: dx(0),
    });
    a.emit(I::CallLast {
        arity: 2,
        target: rep,
        dealloc: 0,
    });
    let mut rt = krarup_vm::runtime::Runtime::new(Box::new(Sink::default()));
    rt.load(a.finish()).unwrap();
    let start = std::time::Instant::now();
    let v = rt.call_and_render("nr", "main").unwrap().unwrap();
    eprintln!("nrev 1000 x100: {:?}", start.elapsed());
    assert!(
        v.starts_with("[1000,999,998,") && v.ends_with(",2,1]"),
        "{v}"
    );
}
