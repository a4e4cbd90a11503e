//! Front-end syntax tests: hand-written Erlang snippets parsed into the AST, checked through a compact
//! S-expression rendering (operators and precedence, patterns, records, maps, binaries, funs, try,
//! comprehensions, literals, macros and conditional compilation).

use krarup_compiler::ast::*;
use krarup_compiler::parse_module;

/// Renders an expression as an S-expression, e.g. `(+ 1 (* 2 3))`.
fn sx(e: &Expr) -> String {
    let list = |v: &[Expr]| v.iter().map(sx).collect::<Vec<_>>().join(" ");
    let clause = |c: &Clause| {
        let g = c
            .guards
            .iter()
            .map(|g| format!("[{}]", list(g)))
            .collect::<Vec<_>>()
            .join(";");
        format!("(clause ({}) {g} {})", list(&c.patterns), list(&c.body))
    };
    let clauses = |cs: &[Clause]| cs.iter().map(clause).collect::<Vec<_>>().join(" ");
    let quals = |qs: &[Qualifier]| {
        qs.iter()
            .map(|q| match q {
                Qualifier::Generator(p, e, _) => format!("(<- {} {})", sx(p), sx(e)),
                Qualifier::BinaryGenerator(p, e, _) => format!("(<= {} {})", sx(p), sx(e)),
                Qualifier::Filter(e) => sx(e),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let assocs = |a: &[MapAssoc]| {
        a.iter()
            .map(|a| {
                let op = if a.kind == MapAssocKind::Assoc {
                    "=>"
                } else {
                    ":="
                };
                format!("({op} {} {})", sx(&a.key), sx(&a.value))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rfields = |f: &[RecordField]| {
        f.iter()
            .map(|f| {
                format!(
                    "({} {})",
                    f.name.clone().unwrap_or("_".into()),
                    sx(&f.value)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    match e {
        Expr::Integer(i, _) => i.to_string(),
        Expr::Float(f, _) => format!("{f:?}"),
        Expr::Atom(a, _) => a.clone(),
        Expr::String(s, _) => format!("{s:?}"),
        Expr::Var(v, _) => v.clone(),
        Expr::AnonymousVar(_) => "_".into(),
        Expr::Tuple(items, _) => format!("{{{}}}", list(items)),
        Expr::Nil(_) => "[]".into(),
        Expr::Cons(h, t, _) => format!("(cons {} {})", sx(h), sx(t)),
        Expr::Map(a, _) => format!("(map {})", assocs(a)),
        Expr::MapUpdate(m, a, _) => format!("(map-update {} {})", sx(m), assocs(a)),
        Expr::Record { name, fields, .. } => format!("(record {name} {})", rfields(fields)),
        Expr::RecordField {
            expr, name, field, ..
        } => format!("(field {} {name} {field})", sx(expr)),
        Expr::RecordUpdate {
            expr, name, fields, ..
        } => format!("(record-update {} {name} {})", sx(expr), rfields(fields)),
        Expr::RecordIndex { name, field, .. } => format!("(index {name} {field})"),
        Expr::Binary(segs, _) => {
            let s: Vec<String> = segs
                .iter()
                .map(|s| {
                    let size = s
                        .size
                        .as_ref()
                        .map(|e| format!(":{}", sx(e)))
                        .unwrap_or_default();
                    let specs = if s.specifiers.is_empty() {
                        String::new()
                    } else {
                        format!("/{:?}", s.specifiers)
                    };
                    format!("{}{size}{specs}", sx(&s.value))
                })
                .collect();
            format!("<<{}>>", s.join(", "))
        }
        Expr::BinaryOp(op, a, b, _) => format!("({} {} {})", op.as_str(), sx(a), sx(b)),
        Expr::UnaryOp(op, a, _) => format!("({} {})", op.as_str(), sx(a)),
        Expr::Match(a, b, _) => format!("(= {} {})", sx(a), sx(b)),
        Expr::Call { target, args, .. } => match target {
            CallTarget::Local(n, _) => format!("(call {n} {})", list(args)),
            CallTarget::Remote(m, f) => format!("(call {}:{} {})", sx(m), sx(f), list(args)),
            CallTarget::Expr(f) => format!("(apply {} {})", sx(f), list(args)),
        },
        Expr::Case(e, cs, _) => format!("(case {} {})", sx(e), clauses(cs)),
        Expr::If(cs, _) => format!("(if {})", clauses(cs)),
        Expr::Receive {
            clauses: cs, after, ..
        } => {
            let a = after
                .as_ref()
                .map(|(t, b)| format!(" (after {} {})", sx(t), list(b)))
                .unwrap_or_default();
            format!("(receive {}{a})", clauses(cs))
        }
        Expr::Try {
            body,
            of_clauses,
            catch_clauses,
            after,
            ..
        } => {
            let cc: Vec<String> = catch_clauses
                .iter()
                .map(|c| {
                    let class = c.class.as_ref().map_or("throw".to_string(), sx);
                    let st = c.stacktrace.clone().unwrap_or("-".into());
                    format!("(catch {class} {} {st} {})", sx(&c.reason), list(&c.body))
                })
                .collect();
            format!(
                "(try ({}) (of {}) {} (after {}))",
                list(body),
                clauses(of_clauses),
                cc.join(" "),
                list(after)
            )
        }
        Expr::Catch(e, _) => format!("(catch {})", sx(e)),
        Expr::Block(b, _) => format!("(begin {})", list(b)),
        Expr::Fun(cs, _) => format!("(fun {})", clauses(cs)),
        Expr::NamedFun {
            name, clauses: cs, ..
        } => format!("(named-fun {name} {})", clauses(cs)),
        Expr::FunRef { name, arity, .. } => format!("(fun-ref {name}/{arity})"),
        Expr::RemoteFunRef {
            module,
            function,
            arity,
            ..
        } => {
            format!("(fun-ref {}:{}/{})", sx(module), sx(function), sx(arity))
        }
        Expr::ListComprehension(e, q, _) => format!("(lc {} {})", sx(e), quals(q)),
        Expr::BinaryComprehension(e, q, _) => format!("(bc {} {})", sx(e), quals(q)),
        Expr::MapComprehension(k, v, q, _) => format!("(mc {} {} {})", sx(k), sx(v), quals(q)),
    }
}

/// Parses `f() -> BODY.` in a tiny module (without module checks, so calls need no definitions) and
/// renders its body expressions.
fn body(src: &str) -> String {
    let module = format!("-module(t).\n-export([f/0]).\nf() ->\n{src}.\n");
    let (m, d) = krarup_compiler::parser::parse_module_unchecked(&module, "t.erl", None);
    assert!(d.is_empty(), "{src}: {d:?}");
    m.functions[0].clauses[0]
        .body
        .iter()
        .map(sx)
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[test]
fn operator_precedence_matches_erlang() {
    assert_eq!(body("1 + 2 * 3 - 4"), "(- (+ 1 (* 2 3)) 4)");
    assert_eq!(body("a orelse b andalso c"), "(orelse a (andalso b c))");
    assert_eq!(body("not a andalso b"), "(andalso (not a) b)");
    assert_eq!(body("X = Y = 1 + 1"), "(= X (= Y (+ 1 1)))");
    assert_eq!(body("P ! M = x"), "(! P (= M x))");
    assert_eq!(body("A ++ B ++ C"), "(++ A (++ B C))");
    assert_eq!(body("A -- B ++ C"), "(-- A (++ B C))");
    assert_eq!(body("1 + 2 =:= 3 band 4"), "(=:= (+ 1 2) (band 3 4))");
    assert_eq!(body("- 2 * - X"), "(* (- 2) (- X))");
    assert_eq!(
        body("bnot 1 bor 2 bsl 3 div 4 rem 5"),
        "(bsl (bor (bnot 1) 2) (rem (div 3 4) 5))"
    );
    assert_eq!(body("catch X = 1"), "(catch (= X 1))");
    assert_eq!(body("a xor b or c and d"), "(or (xor a b) (and c d))");
    assert_eq!(body("X / Y == Z"), "(== (/ X Y) Z)");
}

#[test]
fn comparison_is_not_associative() {
    assert!(parse_module("-module(t).\nf() -> 1 < 2 < 3.\n", "t.erl").is_err());
}

#[test]
fn literals() {
    assert_eq!(
        body("{16#FF, 2#1010, 1_000, $a, $\\n, 2.5e-3, 'Quoted atom', \"a\" \"b\", []}"),
        "{255 10 1000 97 10 0.0025 Quoted atom \"ab\" []}"
    );
    assert_eq!(body("[1, 2 | T]"), "(cons 1 (cons 2 T))");
    assert_eq!(body("[a]"), "(cons a [])");
    assert_eq!(
        body("123456789012345678901234567890"),
        "123456789012345678901234567890"
    );
}

#[test]
fn calls_and_funs() {
    assert_eq!(
        body("f(1), m:g(), M:F(X), F(Y), (fun() -> ok end)()"),
        "(call f 1) ; (call m:g ) ; (call M:F X) ; (apply F Y) ; (apply (fun (clause ()  ok)) )"
    );
    assert_eq!(body("fun f/1"), "(fun-ref f/1)");
    assert_eq!(body("fun lists:map/2"), "(fun-ref lists:map/2)");
    assert_eq!(
        body("fun (X) when X > 0; X < -1 -> X; (_) -> 0 end"),
        "(fun (clause (X) [(> X 0)];[(< X (- 1))] X) (clause (_)  0))"
    );
    assert_eq!(
        body("fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end"),
        "(named-fun Fact (clause (0)  1) (clause (N)  (* N (apply Fact (- N 1)))))"
    );
}

#[test]
fn records_and_maps() {
    let m = "-module(t).\n-export([f/1]).\n-record(r, {a = 1 :: integer(), b, c = [x] :: [atom()]}).\nf(X) -> {#r{a = 2, _ = 0}, X#r.b, X#r{c = 3}, #r.a, X#r.a#r.b}.\n";
    let (m, _) = parse_module(m, "t.erl").unwrap();
    assert_eq!(m.records.len(), 1);
    let names: Vec<&str> = m.records[0]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert!(m.records[0].fields[1].default.is_none());
    assert_eq!(sx(&m.functions[0].clauses[0].body[0]),
        "{(record r (a 2) (_ 0)) (field X r b) (record-update X r (c 3)) (index r a) (field (field X r a) r b)}");
    assert_eq!(
        body("#{a => 1, \"k\" => [2]}"),
        "(map (=> a 1) (=> \"k\" (cons 2 [])))"
    );
    assert_eq!(
        body("M#{a := 2, b => 3}"),
        "(map-update M (:= a 2) (=> b 3))"
    );
    assert_eq!(body("#{a := X} = M"), "(= (map (:= a X)) M)");
}

#[test]
fn binaries_and_comprehensions() {
    assert_eq!(
        body("<<1, X:16/little-signed, Y/binary, (Z+1):8/unit:1, \"s\"/utf8>>"),
        "<<1, X:16/[Little, Signed], Y/[Binary], (+ Z 1):8/[Unit(1)], \"s\"/[Utf8]>>"
    );
    assert_eq!(body("<<>>"), "<<>>");
    assert_eq!(
        body("[X * 2 || X <- L, X > 1]"),
        "(lc (* X 2) (<- X L) (> X 1))"
    );
    assert_eq!(
        body("<< <<B>> || <<B:8>> <= Bin >>"),
        "(bc <<B>> (<= <<B:8>> Bin))"
    );
    assert_eq!(
        body("[{X, Y} || {X, _} <- A, <<Y>> <= B]"),
        "(lc {X Y} (<- {X _} A) (<= <<Y>> B))"
    );
}

#[test]
fn case_if_receive_try() {
    assert_eq!(
        body("case X of {a, Y} when Y > 0 -> Y; _ -> 0 end"),
        "(case X (clause ({a Y}) [(> Y 0)] Y) (clause (_)  0))"
    );
    assert_eq!(
        body("if X > 0, X < 10 -> a; true -> b end"),
        "(if (clause () [(> X 0) (< X 10)] a) (clause () [true] b))"
    );
    assert_eq!(
        body("receive {m, X} -> X after 100 -> t end"),
        "(receive (clause ({m X})  X) (after 100 t))"
    );
    assert_eq!(body("receive after 0 -> ok end"), "(receive  (after 0 ok))");
    assert_eq!(body("try f() of R -> R catch error:E:St -> St; X -> X; _:_ -> z after done end"),
        "(try ((call f )) (of (clause (R)  R)) (catch error E St St) (catch throw X - X) (catch _ _ - z) (after done))");
    assert_eq!(
        body("try f() after g() end"),
        "(try ((call f )) (of )  (after (call g )))"
    );
    assert_eq!(body("begin a, b end"), "(begin a b)");
}

#[test]
fn function_heads_and_patterns() {
    let src = "-module(t).\n-export([f/1]).\nf(\"ab\" ++ R) -> R;\nf([H | T] = L) -> {H, T, L};\nf(-1) -> neg;\nf(<<A:8, _/binary>>) -> A;\nf(#{k := V}) -> V.\n";
    let (m, _) = parse_module(src, "t.erl").unwrap();
    let f = &m.functions[0];
    assert_eq!((f.name.as_str(), f.arity, f.clauses.len()), ("f", 1, 5));
    let heads: Vec<String> = f.clauses.iter().map(|c| sx(&c.patterns[0])).collect();
    assert_eq!(
        heads,
        [
            "(++ \"ab\" R)",
            "(= (cons H T) L)",
            "(- 1)",
            "<<A:8, _/[Binary]>>",
            "(map (:= k V))",
        ]
    );
}

#[test]
fn attributes() {
    let src = "-module(t).\n-export([a/0, b/1]).\n-export([c/2]).\n-import(lists, [map/2]).\n-compile([export_all, nowarn_export_all]).\n-vsn(\"1.0\").\n-author('me').\n-behaviour(gen_server).\n-spec a() -> ok.\n-type t() :: {ok, integer()} | error.\n-opaque o() :: t().\n-callback cb(term()) -> ok.\n-file(\"x.erl\", 1).\na() -> map(fun(X) -> X end, []).\nb(_) -> ok.\nc(_, _) -> ok.\n";
    let (m, warnings) = parse_module(src, "t.erl").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(m.name, "t");
    let exports: Vec<(&str, u32)> = m.exports.iter().map(|(n, a, _)| (n.as_str(), *a)).collect();
    assert_eq!(exports, [("a", 0), ("b", 1), ("c", 2)]);
    assert_eq!(m.imports[0].0, "lists");
    let names: Vec<&str> = m.attributes.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "compile",
            "vsn",
            "author",
            "behaviour",
            "spec",
            "type",
            "opaque",
            "callback",
            "file"
        ]
    );
    assert_eq!(
        m.attributes[1].value.as_ref().map(sx).as_deref(),
        Some("\"1.0\"")
    );
}

#[test]
fn macros_and_conditionals() {
    let src = "-module(t).\n-export([f/0]).\n-define(A, 1).\n-define(ADD(X, Y), X + Y).\n-define(S(X), ??X).\n-ifdef(A).\n-define(B, yes).\n-else.\n-define(B, no).\n-endif.\n-ifndef(NOPE).\n-define(C, c).\n-endif.\nf() -> {?ADD(?A, 2), ?S(foo(1)), ?B, ?C, ?MODULE, ?MODULE_STRING, ?LINE, ?FUNCTION_NAME, ?FUNCTION_ARITY}.\n";
    let (m, _) = parse_module(src, "t.erl").unwrap();
    assert_eq!(
        sx(&m.functions[0].clauses[0].body[0]),
        "{(+ 1 2) \"foo ( 1 )\" yes c t \"t\" 14 f 0}"
    );
}

#[test]
fn macro_tokens_point_at_the_call_site() {
    let src = "-module(t).\n-export([f/0]).\n-define(X, {a, b}).\nf() -> ?X.\n";
    let (m, _) = parse_module(src, "t.erl").unwrap();
    let span = m.functions[0].clauses[0].body[0].span();
    assert_eq!(&src[span.start as usize..span.end as usize], "?X");
}

#[test]
fn spans_are_byte_offsets() {
    let src = "-module(t).\n-export([f/0]).\nf() -> m:foo(1, 2).\n";
    let (m, _) = parse_module(src, "t.erl").unwrap();
    let e = &m.functions[0].clauses[0].body[0];
    assert_eq!(
        &src[e.span().start as usize..e.span().end as usize],
        "m:foo(1, 2)"
    );
    assert_eq!(
        &src[m.functions[0].span.start as usize..m.functions[0].span.end as usize],
        "f() -> m:foo(1, 2)"
    );
}

#[test]
fn dump_ast_is_readable() {
    let src = "-module(t).\n-export([f/1]).\n-record(r, {a = 1, b}).\nf(X) when X > 0 -> {ok, X};\nf(_) -> m:g(#r{}).\n";
    let (m, _) = parse_module(src, "t.erl").unwrap();
    assert_eq!(
        krarup_compiler::dump_ast(&m),
        "module t (t.erl)\nexport f/1\nrecord r (a 1) b\n\nf/1\n  clause (X) when [(> X 0)]\n    {ok X}\n  clause (_)\n    (call m:g (record r ))\n"
    );
}

#[test]
fn tricky_but_valid_erlang() {
    assert_eq!(
        body("fun(X) -> X end(1)"),
        "(apply (fun (clause (X)  X)) 1)"
    );
    assert_eq!(body("#{}"), "(map )");
    assert_eq!(body("M#{}"), "(map-update M )");
    assert_eq!(
        body("<<-1:8/signed, $a, X/float>>"),
        "<<(- 1):8/[Signed], 97, X/[Float]>>"
    );
    assert_eq!(
        body("[catch 1, (catch 2)]"),
        "(cons (catch 1) (cons (catch 2) []))"
    );
    assert_eq!(body("X = (catch f())"), "(= X (catch (call f )))");
    assert_eq!(body("\"abc\" ++ X = Y"), "(= (++ \"abc\" X) Y)");
    assert_eq!(
        body("{node@host, 'end', '\\x{263A}', \"h\\x{e9}llo\", $\\s, $\\^A}"),
        "{node@host end \u{263A} \"h\u{e9}llo\" 32 1}"
    );
    assert_eq!(
        body("case X of _ when is_list(X), length(X) > 1; X == [] -> ok end"),
        "(case X (clause (_) [(call is_list X) (> (call length X) 1)];[(== X [])] ok))"
    );
    assert_eq!(body("X#r.a#s.b"), "(field (field X r a) s b)");
    assert_eq!(body("- - 1"), "(- (- 1))");
    assert_eq!(body("1.0e-3 + 1.5"), "(+ 0.001 1.5)");
    // The right side of `=` and `!` is a full expression, so `catch` may follow them (as erl_parse).
    assert_eq!(
        body("X = catch 1, P ! catch 2"),
        "(= X (catch 1)) ; (! P (catch 2))"
    );
}

#[test]
fn macro_arguments_with_blocks() {
    let src = "-module(t).\n-export([f/0]).\n-define(FIRST(A, B), A).\nf() -> ?FIRST({fun F(0) -> 0; F(N) -> F(N - 1) end, case 1 of 1 -> a end}, 2).\n";
    let (m, d) = krarup_compiler::parser::parse_module_unchecked(src, "t.erl", None);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        sx(&m.functions[0].clauses[0].body[0]),
        "{(named-fun F (clause (0)  0) (clause (N)  (apply F (- N 1)))) (case 1 (clause (1)  a))}"
    );
}

#[test]
fn catch_as_an_operand() {
    // erl_parse: `catch` has the lowest precedence but may be any operator's right operand.
    assert_eq!(body("1 + catch 2 * 3"), "(+ 1 (catch (* 2 3)))");
    assert_eq!(body("not catch X"), "(not (catch X))");
    assert_eq!(
        body("A andalso catch B orelse C"),
        "(andalso A (catch (orelse B C)))"
    );
    assert_eq!(body("- catch 1 + 2"), "(- (catch (+ 1 2)))");
    assert_eq!(body("[1 | catch T]"), "(cons 1 (catch T))");
}
