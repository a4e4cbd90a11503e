//! Interpreter tests for data instructions and the runtime: maps, the bit syntax, receive with a
//! timeout and self-sends, halt, module_info, hot loading, and GC under pressure.

mod interp_support;
use interp_support::*;
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::{
    ArithOp, BsFlags, BsSegment, BsSize, BsType, CmpOp, Instruction as I, Label, MapPut,
};
use krarup_vm::runtime::Runtime;

/// M = #{}#{a => 1, b => 2}, #{b := B} = M, then M#{c := 3} fails with {badkey, c}.
#[test]
fn map_put_get_and_badkey() {
    let mut a = Asm::new("mp");
    a.begin("main", 0, true);
    let empty = a.lit(Literal::Map(vec![]));
    let (ka, kb, kc) = (a.a("a"), a.a("b"), a.a("c"));
    a.emit(I::Allocate { slots: 2, live: 0 });
    a.emit(I::PutMap {
        kind: MapPut::Assoc,
        src: empty,
        dst: dx(0),
        pairs: vec![(ka, int(1)), (kb, int(2))],
        fail: None,
    });
    let fail_at = Label(a.here().0 + 1);
    a.emit(I::GetMapElements {
        fail: fail_at,
        src: x(0),
        pairs: vec![(kb, dy(1))],
    });
    let c = a.emit(I::Catch {
        y: krarup_bytecode::opcode::YReg(0),
        handler: Label(0),
    });
    a.emit(I::PutMap {
        kind: MapPut::Exact,
        src: x(0),
        dst: dx(0),
        pairs: vec![(kc, int(3))],
        fail: None,
    });
    let h = a.emit(I::CatchEnd {
        y: krarup_bytecode::opcode::YReg(0),
    });
    // {'EXIT', {Reason, Stack}}: each level is tested before its element is read, as the
    // verifier requires (a failed test would raise function_clause; it never does here).
    for index in [1, 0] {
        a.emit(I::TestArity {
            fail: Label(0),
            src: x(0),
            arity: 2,
        });
        a.emit(I::GetTupleElement {
            src: x(0),
            index,
            dst: dx(0),
        });
    }
    a.emit(I::PutTuple {
        elements: vec![y(1), x(0)],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 2 });
    a.emit(I::Return);
    a.m.code[c.0 as usize] = I::Catch {
        y: krarup_bytecode::opcode::YReg(0),
        handler: h,
    };
    // GetMapElements' fail label points at the Catch (never taken here: b exists).
    assert_eq!(fail_at, c);
    assert_eq!(value(a.finish()), "{2,{badkey,c}}");
}

fn seg(ty: BsType, value: krarup_bytecode::opcode::Src, size: BsSize) -> BsSegment {
    BsSegment {
        ty,
        value,
        size,
        unit: 1,
        flags: BsFlags::default(),
    }
}

/// <<1:8, 258:16, "xy">> then <<A:8, B:16, Rest/binary>> = Bin.
#[test]
fn binary_build_and_match() {
    let mut a = Asm::new("bn");
    a.begin("main", 0, true);
    let xy = a.lit(Literal::Binary(b"xy".to_vec(), 16));
    a.emit(I::BsCreate {
        segments: vec![
            seg(BsType::Integer, int(1), BsSize::Src(int(8))),
            seg(BsType::Integer, int(258), BsSize::Src(int(16))),
            BsSegment {
                ty: BsType::Binary,
                value: xy,
                size: BsSize::All,
                unit: 8,
                flags: BsFlags::default(),
            },
        ],
        dst: dx(0),
        fail: None,
    });
    let bad = a.here().0 + 7;
    a.emit(I::BsStartMatch {
        fail: Label(bad),
        src: x(0),
        dst: dx(1),
    });
    a.emit(I::BsGet {
        fail: Label(bad),
        ctx: x(1),
        ty: BsType::Integer,
        size: BsSize::Src(int(8)),
        unit: 1,
        flags: BsFlags::default(),
        dst: dx(2),
    });
    a.emit(I::BsGet {
        fail: Label(bad),
        ctx: x(1),
        ty: BsType::Integer,
        size: BsSize::Src(int(16)),
        unit: 1,
        flags: BsFlags::default(),
        dst: dx(3),
    });
    a.emit(I::BsTestUnit {
        fail: Label(bad),
        ctx: x(1),
        unit: 8,
    });
    a.emit(I::BsGetTail {
        ctx: x(1),
        dst: dx(4),
    });
    a.emit(I::PutTuple {
        elements: vec![x(0), x(2), x(3), x(4)],
        dst: dx(0),
    });
    a.emit(I::Return);
    assert_eq!(a.here().0, bad);
    let no = a.a("no_match");
    a.emit(I::Move {
        src: no,
        dst: dx(0),
    });
    a.emit(I::Return);
    assert_eq!(value(a.finish()), "{<<1,1,2,120,121>>,1,258,<<120,121>>}");
}

/// self() ! hi, receive hi -> got end; then receive after 50 -> timeout end.
#[test]
fn self_send_and_receive_after() {
    let mut a = Asm::new("rc");
    let self_ = a.import("erlang", "self", 0);
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 1, live: 0 });
    a.emit(I::Bif {
        import: self_,
        args: vec![],
        dst: dx(0),
        fail: None,
    });
    let hi = a.a("hi");
    a.emit(I::Move {
        src: hi,
        dst: dx(1),
    });
    a.emit(I::Send);
    // receive M -> M end
    let l1 = a.here();
    a.emit(I::LoopRec {
        fail: Label(l1.0 + 3),
        dst: dx(0),
    });
    a.emit(I::RemoveMessage);
    a.emit(I::Jump {
        target: Label(l1.0 + 4),
    });
    a.emit(I::Wait { target: l1 });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    // receive M -> M after 50 -> timeout end
    let l2 = a.here();
    a.emit(I::LoopRec {
        fail: Label(l2.0 + 2),
        dst: dx(0),
    });
    a.emit(I::LoopRecEnd { target: l2 });
    a.emit(I::WaitTimeout {
        target: l2,
        timeout: int(50),
    });
    a.emit(I::Timeout);
    let to = a.a("timeout");
    a.emit(I::PutTuple {
        elements: vec![y(0), to],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    let start = std::time::Instant::now();
    assert_eq!(value(a.finish()), "{hi,timeout}");
    assert!(start.elapsed() >= std::time::Duration::from_millis(50));
}

#[test]
fn halt_returns_status() {
    let mut a = Asm::new("hl");
    let halt = a.import("erlang", "halt", 1);
    a.begin("main", 0, true);
    a.emit(I::Move {
        src: int(3),
        dst: dx(0),
    });
    a.emit(I::CallExtOnly {
        arity: 1,
        import: halt,
    });
    let mut rt = Runtime::new(Box::new(Sink::default()));
    rt.load(a.finish()).unwrap();
    assert_eq!(rt.run_main("hl", "main"), Ok(3));
}

#[test]
fn module_info_and_function_exported() {
    let mut a = Asm::new("mi");
    let info = a.import("erlang", "get_module_info", 2);
    let fe = a.import("erlang", "function_exported", 3);
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 1, live: 0 });
    let (mi, exports, main) = (a.a("mi"), a.a("exports"), a.a("main"));
    a.emit(I::Move {
        src: mi,
        dst: dx(0),
    });
    a.emit(I::Move {
        src: exports,
        dst: dx(1),
    });
    a.emit(I::CallExt {
        arity: 2,
        import: info,
    });
    a.emit(I::Move {
        src: x(0),
        dst: dy(0),
    });
    a.emit(I::Bif {
        import: fe,
        args: vec![mi, main, int(0)],
        dst: dx(1),
        fail: None,
    });
    a.emit(I::PutTuple {
        elements: vec![y(0), x(1)],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    assert_eq!(value(a.finish()), "{[{main,0}],true}");
}

fn const_module(v: i64) -> krarup_bytecode::module::Module {
    let mut a = Asm::new("hot");
    a.begin("main", 0, true);
    a.emit(I::Move {
        src: int(v),
        dst: dx(0),
    });
    a.emit(I::Return);
    a.finish()
}

/// Loading a module again makes the new version current and keeps the old one.
#[test]
fn reload_makes_old_code() {
    let mut rt = Runtime::new(Box::new(Sink::default()));
    rt.load(const_module(1)).unwrap();
    assert_eq!(rt.call_and_render("hot", "main"), Ok(Some("1".into())));
    rt.load(const_module(2)).unwrap();
    assert_eq!(rt.call_and_render("hot", "main"), Ok(Some("2".into())));
    let hot = rt.shared().atoms.intern("hot");
    assert!(rt.code().old_version(hot).is_some());
}

/// Builds a 200,000-element list with a body-recursive function (many collections on the way)
/// and sums it: every cons survives collections at the call/return safe points.
#[test]
fn gc_keeps_live_data() {
    let mut a = Asm::new("gcl");
    // mk(0) -> []; mk(N) -> [N | mk(N - 1)].
    let mk = a.begin("mk", 1, false);
    a.emit(I::Cmp {
        fail: Label(mk.0 + 3),
        op: CmpOp::EqExact,
        a: x(0),
        b: int(0),
    });
    a.emit(I::Move {
        src: krarup_bytecode::opcode::Src::Nil,
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
        target: mk,
    });
    a.emit(I::PutList {
        head: y(0),
        tail: x(0),
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    // sum([], Acc) -> Acc; sum([H | T], Acc) -> sum(T, Acc + H).
    let sum = a.begin("sum", 2, false);
    a.emit(I::Test {
        fail: Label(sum.0 + 3),
        src: x(0),
        ty: krarup_bytecode::opcode::TypeTest::NonEmptyList,
    });
    a.emit(I::GetList {
        src: x(0),
        head: dx(2),
        tail: dx(0),
    });
    a.emit(I::Jump {
        target: Label(sum.0 + 5),
    });
    a.emit(I::Move {
        src: x(1),
        dst: dx(0),
    });
    a.emit(I::Return);
    a.emit(I::Arith {
        op: ArithOp::Add,
        a: x(1),
        b: x(2),
        dst: dx(1),
        fail: None,
    });
    a.emit(I::CallOnly {
        arity: 2,
        target: sum,
    });
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 0, live: 0 });
    let n: i64 = if cfg!(feature = "gc-stress") {
        2_000
    } else {
        200_000
    };
    a.emit(I::Move {
        src: int(n),
        dst: dx(0),
    });
    a.emit(I::Call {
        arity: 1,
        target: mk,
    });
    a.emit(I::Move {
        src: int(0),
        dst: dx(1),
    });
    a.emit(I::CallLast {
        arity: 2,
        target: sum,
        dealloc: 0,
    });
    assert_eq!(value(a.finish()), (n * (n + 1) / 2).to_string());
}

/// `receive` with no timeout in the only process cannot end: reported as a deadlock, not hung.
#[test]
fn receive_forever_is_reported() {
    let mut a = Asm::new("dl");
    a.begin("main", 0, true);
    let l = a.here();
    a.emit(I::LoopRec {
        fail: Label(l.0 + 2),
        dst: dx(0),
    });
    a.emit(I::LoopRecEnd { target: l });
    a.emit(I::Wait { target: l });
    assert!(uncaught(a.finish()).contains("deadlock"));
}
