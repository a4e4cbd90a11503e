//! Interpreter tests for exceptions: try/catch, catch values, unwinding through frames, stack
//! traces with lines and argument lists, rethrow, and the uncaught-exception reports.

mod interp_support;
use interp_support::*;
use krarup_bytecode::opcode::{ArithOp, CmpOp, Instruction as I, Label, YReg};

/// try 1 + a catch Class:Reason -> {Class, Reason} end, with the raise one frame down.
#[test]
fn try_catches_badarith_from_a_callee() {
    let mut a = Asm::new("tc");
    let bad = a.begin("bad", 1, false);
    a.line(3);
    a.emit(I::Arith {
        op: ArithOp::Add,
        a: x(0),
        b: int(1),
        dst: dx(0),
        fail: None,
    });
    a.emit(I::Return);
    a.begin("main", 0, true);
    a.line(12);
    a.emit(I::Allocate { slots: 1, live: 0 });
    let t = a.emit(I::Try {
        y: YReg(0),
        handler: Label(0),
    });
    let atom_a = a.a("a");
    a.emit(I::Move {
        src: atom_a,
        dst: dx(0),
    });
    a.emit(I::Call {
        arity: 1,
        target: bad,
    });
    a.emit(I::TryEnd { y: YReg(0) });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    let h = a.emit(I::TryCase { y: YReg(0) });
    a.emit(I::PutTuple {
        elements: vec![x(0), x(1), x(2)],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    a.m.code[t.0 as usize] = I::Try {
        y: YReg(0),
        handler: h,
    };
    let v = value(a.finish());
    assert_eq!(
        v,
        "{error,badarith,[{erlang,'+',[a,1],[{error_info,#{module => erl_erts_errors}}]},\
         {tc,bad,1,[{file,[116,99,46,101,114,108]},{line,3}]},\
         {tc,main,0,[{file,[116,99,46,101,114,108]},{line,12}]},\
         {erl_eval,do_apply,7,[{file,[101,114,108,95,101,118,97,108,46,101,114,108]},{line,744}]},\
         {erl_eval,exprs,6,[{file,[101,114,108,95,101,118,97,108,46,101,114,108]},{line,136}]},\
         {init,start_it,1,[]},{init,start_em,1,[]},{init,do_boot,3,[]}]}"
    );
}

/// `catch` turns throw into its value, error into {'EXIT',{R,Stack}}, exit into {'EXIT',R}.
#[test]
fn catch_values() {
    let mut a = Asm::new("cv");
    let throw = a.import("erlang", "throw", 1);
    let error = a.import("erlang", "error", 1);
    let exit = a.import("erlang", "exit", 1);
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 4, live: 0 });
    let mut patches = Vec::new();
    for (i, imp) in [throw, error, exit].into_iter().enumerate() {
        let c = a.emit(I::Catch {
            y: YReg(0),
            handler: Label(0),
        });
        let v = a.a("v");
        a.emit(I::Move { src: v, dst: dx(0) });
        a.emit(I::CallExt {
            arity: 1,
            import: imp,
        });
        let h = a.emit(I::CatchEnd { y: YReg(0) });
        a.emit(I::Move {
            src: x(0),
            dst: dy(1 + i as u16),
        });
        patches.push((c, h));
    }
    a.emit(I::PutTuple {
        elements: vec![y(1), y(2), y(3)],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 4 });
    a.emit(I::Return);
    for (c, h) in patches {
        a.m.code[c.0 as usize] = I::Catch {
            y: YReg(0),
            handler: h,
        };
    }
    assert_eq!(
        value(a.finish()),
        "{v,{'EXIT',{v,[{cv,main,0,[]},\
         {erl_eval,do_apply,7,[{file,[101,114,108,95,101,118,97,108,46,101,114,108]},{line,744}]},\
         {erl_eval,exprs,6,[{file,[101,114,108,95,101,118,97,108,46,101,114,108]},{line,136}]},\
         {init,start_it,1,[]},{init,start_em,1,[]},{init,do_boot,3,[]}]}},{'EXIT',v}}"
    );
}

/// A throw raised 50 frames deep unwinds to the catch in main, dropping the frames.
#[test]
fn unwinds_many_frames() {
    let mut a = Asm::new("uw");
    let throw = a.import("erlang", "throw", 1);
    let e = a.begin("down", 1, false);
    a.emit(I::Cmp {
        fail: Label(e.0 + 2),
        op: CmpOp::EqExact,
        a: x(0),
        b: int(0),
    });
    a.emit(I::CallExtOnly {
        arity: 1,
        import: throw,
    });
    a.emit(I::Allocate { slots: 0, live: 1 });
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
    a.emit(I::Deallocate { slots: 0 });
    a.emit(I::Return);
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 2, live: 0 });
    a.emit(I::Move {
        src: int(7),
        dst: dy(1),
    });
    let t = a.emit(I::Try {
        y: YReg(0),
        handler: Label(0),
    });
    a.emit(I::Move {
        src: int(50),
        dst: dx(0),
    });
    a.emit(I::Call {
        arity: 1,
        target: e,
    });
    a.emit(I::TryEnd { y: YReg(0) });
    a.emit(I::Deallocate { slots: 2 });
    a.emit(I::Return);
    let h = a.emit(I::TryCase { y: YReg(0) });
    a.emit(I::PutTuple {
        elements: vec![x(0), x(1), y(1)],
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 2 });
    a.emit(I::Return);
    a.m.code[t.0 as usize] = I::Try {
        y: YReg(0),
        handler: h,
    };
    assert_eq!(value(a.finish()), "{throw,0,7}");
}

/// f(1) -> one. called as f(2): function_clause with the argument list in the top entry.
#[test]
fn function_clause_report() {
    let mut a = Asm::new("fc");
    a.line(4);
    let f = a.begin("f", 1, false);
    let fi = Label(f.0 - 1);
    a.emit(I::Cmp {
        fail: fi,
        op: CmpOp::EqExact,
        a: x(0),
        b: int(1),
    });
    let one = a.a("one");
    a.emit(I::Move {
        src: one,
        dst: dx(0),
    });
    a.emit(I::Return);
    a.begin("main", 0, true);
    a.line(8);
    a.emit(I::Allocate { slots: 0, live: 0 });
    a.emit(I::Move {
        src: int(2),
        dst: dx(0),
    });
    a.emit(I::Call {
        arity: 1,
        target: f,
    });
    a.emit(I::Deallocate { slots: 0 });
    a.emit(I::Return);
    assert_eq!(
        uncaught(a.finish()),
        "** exception error: no function clause matching fc:f(2) (fc.erl, line 4)\n\
         \x20    in function  fc:main/0 (fc.erl, line 8)\n"
    );
}

#[test]
fn badmatch_report() {
    let mut a = Asm::new("foo");
    a.begin("main", 0, true);
    a.line(5);
    a.emit(I::Badmatch { src: int(3) });
    assert_eq!(
        uncaught(a.finish()),
        "** exception error: no match of right hand side value 3\n\
         \x20    in function  foo:main/0 (foo.erl, line 5)\n"
    );
}

#[test]
fn throw_and_operator_reports() {
    let mut a = Asm::new("th");
    let throw = a.import("erlang", "throw", 1);
    a.begin("main", 0, true);
    a.line(6);
    let up = a.a("up");
    a.emit(I::Move {
        src: up,
        dst: dx(0),
    });
    a.emit(I::CallExtOnly {
        arity: 1,
        import: throw,
    });
    assert_eq!(
        uncaught(a.finish()),
        "** exception throw: up\n     in function  th:main/0 (th.erl, line 6)\n"
    );

    let mut b = Asm::new("op");
    b.begin("main", 0, true);
    b.line(2);
    let at = b.a("a");
    b.emit(I::Arith {
        op: ArithOp::Add,
        a: int(1),
        b: at,
        dst: dx(0),
        fail: None,
    });
    b.emit(I::Return);
    assert_eq!(
        uncaught(b.finish()),
        "** exception error: an error occurred when evaluating an arithmetic expression\n\
         \x20    in operator  +/2\n        called as 1 + a\n\
         \x20    in call from op:main/0 (op.erl, line 2)\n"
    );
}

/// error(foo, [1]) puts the argument list in place of the arity, as OTP does.
#[test]
fn error2_args_in_trace() {
    let mut a = Asm::new("e2");
    let error2 = a.import("erlang", "error", 2);
    let e = a.begin("g", 1, false);
    a.line(9);
    let foo = a.a("foo");
    a.emit(I::Allocate { slots: 0, live: 1 });
    a.emit(I::PutList {
        head: x(0),
        tail: Src::Nil,
        dst: dx(1),
    });
    a.emit(I::Move {
        src: foo,
        dst: dx(0),
    });
    a.emit(I::CallExt {
        arity: 2,
        import: error2,
    });
    a.emit(I::Deallocate { slots: 0 });
    a.emit(I::Return);
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 1, live: 0 });
    let t = a.emit(I::Try {
        y: YReg(0),
        handler: Label(0),
    });
    a.emit(I::Move {
        src: int(5),
        dst: dx(0),
    });
    a.emit(I::Call {
        arity: 1,
        target: e,
    });
    a.emit(I::TryEnd { y: YReg(0) });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    let h = a.emit(I::TryCase { y: YReg(0) });
    a.emit(I::Move {
        src: x(2),
        dst: dx(0),
    });
    a.emit(I::Deallocate { slots: 1 });
    a.emit(I::Return);
    a.m.code[t.0 as usize] = I::Try {
        y: YReg(0),
        handler: h,
    };
    // ~w writes the file name as a list of character codes.
    assert_eq!(
        value(a.finish()),
        "[{e2,g,[5],[{file,[101,50,46,101,114,108]},{line,9}]},\
         {e2,main,0,[{file,[101,50,46,101,114,108]},{line,9}]},\
         {erl_eval,do_apply,7,[{file,[101,114,108,95,101,118,97,108,46,101,114,108]},{line,744}]},\
         {erl_eval,exprs,6,[{file,[101,114,108,95,101,118,97,108,46,101,114,108]},{line,136}]},\
         {init,start_it,1,[]},{init,start_em,1,[]},{init,do_boot,3,[]}]"
    );
}

use krarup_bytecode::opcode::Src;

/// A try handler that does not match re-raises with `Raise`, keeping the original trace.
#[test]
fn raise_rethrows_with_original_stack() {
    let mut a = Asm::new("rr");
    a.begin("main", 0, true);
    a.emit(I::Allocate { slots: 1, live: 0 });
    let t = a.emit(I::Try {
        y: YReg(0),
        handler: Label(0),
    });
    a.line(3);
    a.emit(I::CaseEnd { src: int(4) });
    let h = a.emit(I::TryCase { y: YReg(0) });
    a.line(10);
    a.emit(I::Raise {
        class: x(0),
        reason: x(1),
        stack: x(2),
    });
    a.m.code[t.0 as usize] = I::Try {
        y: YReg(0),
        handler: h,
    };
    assert_eq!(
        uncaught(a.finish()),
        "** exception error: no case clause matching 4\n     in function  rr:main/0 (rr.erl, line 3)\n"
    );
}
