//! Hot code loading through the `krarup` binary and its library: the reload report of
//! `krarup_code:reload/4` (krarup only, so not a conformance program), `krarup run -pa DIR`
//! autoloading, and `CodeLoader::reload` into a running runtime from another thread.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use support::{err, krarup_in, out, write};

/// A module with a local loop (stays in old code) and a qualified loop (moves on).
const HR: &str = "-module(hr).
-export([vsn/0, local/0, qualified/0]).
vsn() -> VSN.
local() -> receive {From, ping} -> From ! {self(), vsn()}, local() end.
qualified() -> receive {From, ping} -> From ! {self(), vsn()}, ?MODULE:qualified() end.
";

/// The report names exactly the processes a hard purge killed (the local loopers, with their
/// registered names and initial calls), lists as old the processes in old code, and as moved the
/// ones that left it since the previous report; a soft reload refuses while old code is in use.
#[test]
fn reload_report_names_exactly_the_killed_processes() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let main = r#"-module(main).
-export([main/0]).
version(Dir, N) ->
    Src = Dir ++ "/hr.erl",
    ok = file:write_file(Src, re:replace(SRC, "VSN", integer_to_list(N), [{return, list}])),
    {ok, hr, Bin} = compile:file(Src, [binary, return_errors]),
    {Src, Bin}.
pids(Key, Report) -> lists:sort([P || #{pid := P} <- maps:get(Key, Report)]).
ping(P) -> P ! {self(), ping}, receive {P, V} -> V end.
main() ->
    {ok, Dir} = file:get_cwd(),
    {Src, B1} = version(Dir, 1),
    {_, B2} = version(Dir, 2),
    {_, B3} = version(Dir, 3),
    {{module, hr}, R1} = krarup_code:reload(hr, Src, B1, hard),
    io:format("first: ~p~n", [R1]),
    Locals = lists:sort([spawn(hr, local, []) || _ <- [1, 2, 3]]),
    register(looper, hd(Locals)),
    Qs = lists:sort([spawn(hr, qualified, []) || _ <- [1, 2]]),
    [1 = ping(P) || P <- Locals ++ Qs],
    Mons = [{erlang:monitor(process, P), P} || P <- Locals ++ Qs],
    {{module, hr}, R2} = krarup_code:reload(hr, Src, B2, hard),
    io:format("old after v2: ~p~n", [pids(old, R2) =:= lists:sort(Locals ++ Qs)]),
    io:format("killed by v2: ~p~n", [pids(killed, R2)]),
    [1 = ping(P) || P <- Qs],
    Soft = krarup_code:reload(hr, Src, B3, soft),
    {{error, not_purged}, RS} = Soft,
    io:format("soft refused, old: ~p~n", [pids(old, RS) =:= Locals]),
    {{module, hr}, R3} = krarup_code:reload(hr, Src, B3, hard),
    Down = lists:sort([receive {'DOWN', R, process, P, killed} -> P after 2000 -> none end
                       || {R, P} <- Mons, lists:member(P, Locals)]),
    io:format("killed = down: ~p~n", [pids(killed, R3) =:= Down andalso Down =:= Locals]),
    io:format("moved: ~p~n", [pids(moved, R3) =:= Qs]),
    io:format("old after v3: ~p~n", [pids(old, R3) =:= Qs]),
    [#{registered_name := looper, initial_call := {hr, local, 0},
       current_function := {hr, local, 0}} | _] = maps:get(killed, R3),
    io:format("qualified on v3: ~p~n", [[ping(P) || P <- Qs]]),
    io:format("report: ~p~n", [maps:get(killed, krarup_code:report(hr))]),
    io:format("vsn: ~p~n", [hr:vsn()]).
"#
    .replace("SRC", &format!("{HR:?}"));
    write(dir.path(), "main.erl", &main);
    let r = krarup_in(dir.path(), &["run", "main.erl"]);
    assert_eq!(
        out(&r),
        "first: #{killed => [],module => hr,moved => [],old => []}\n\
         old after v2: true\n\
         killed by v2: []\n\
         soft refused, old: true\n\
         killed = down: true\n\
         moved: true\n\
         old after v3: true\n\
         qualified on v3: [2,2]\n\
         report: []\n\
         vsn: 3\n",
        "stderr: {}",
        err(&r)
    );
}

/// `krarup run -pa DIR` puts DIR first on the code path: a call to a module that is not loaded
/// loads its `.kbc` from there; `code:which/1` names the file.
#[test]
fn run_pa_autoloads_modules_from_the_code_path() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir(dir.path().join("lib")).expect("lib dir");
    write(
        &dir.path().join("lib"),
        "helper.erl",
        "-module(helper).\n-export([hi/0]).\nhi() -> hello_from_helper.\n",
    );
    let c = krarup_in(dir.path(), &["compile", "-o", "lib", "lib/helper.erl"]);
    assert_eq!(c.status, Some(0), "{}", err(&c));
    write(
        dir.path(),
        "main.erl",
        "-module(main).\n-export([main/0]).\nmain() ->\n    \
         io:format(\"~p ~p~n\", [erlang:module_loaded(helper), helper:hi()]),\n    \
         io:format(\"~p~n\", [code:which(helper)]),\n    \
         io:format(\"~p~n\", [catch nosuch:f()]).\n",
    );
    let r = krarup_in(dir.path(), &["run", "-pa", "lib", "main.erl"]);
    let o = out(&r);
    assert!(
        o.starts_with("false hello_from_helper\n\"lib/helper.kbc\"\n{'EXIT',{undef,"),
        "{o}{}",
        err(&r)
    );
    let without = krarup_in(dir.path(), &["run", "main.erl"]);
    assert!(out(&without).is_empty() && err(&without).contains("undef"));
}

/// A `Write` the test reads back.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn kbc(dir: &std::path::Path, name: &str, text: &str) -> Vec<u8> {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write source");
    let (module, _) = krarup::compile_file(&path).expect("compiles");
    krarup_bytecode::format::encode(&module)
}

/// `CodeLoader::reload` loads a new version into a runtime whose `run_main` runs on another
/// thread: the program's next remote call sees it, the hard purge of the next reload kills the
/// process left in old code, and the report says so; corrupt bytes are refused at once.
#[test]
fn code_loader_reloads_a_running_program() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let v = |n: u32| {
        kbc(
            dir.path(),
            "wl.erl",
            &format!(
                "-module(wl).\n-export([vsn/0, stay/0]).\nvsn() -> {n}.\n\
                 stay() -> receive _ -> stay() end.\n"
            ),
        )
    };
    let (v1, v2, v3) = (v(1), v(2), v(3));
    let main = kbc(
        dir.path(),
        "wmain.erl",
        "-module(wmain).\n-export([main/0]).\n\
         main() -> register(stayer, spawn(wl, stay, [])), wait(1).\n\
         wait(Want) -> case wl:vsn() of\n\
             Want when Want =:= 3 -> io:format(\"saw ~p~n\", [Want]);\n\
             Want -> io:format(\"saw ~p~n\", [Want]), wait(Want + 1);\n\
             _ -> receive after 5 -> wait(Want) end end.\n",
    );
    let stdout = Shared::default();
    let mut rt = krarup::new_runtime(Box::new(stdout.clone())).expect("runtime");
    rt.load_bytes(&v1).expect("v1");
    rt.load_bytes(&main).expect("main");
    let loader = rt.code_loader();
    let driver = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let bad = loader.reload("wl.kbc", b"junk", krarup_vm::sched::loading::Purge::Hard);
        assert!(matches!(
            bad.result,
            Err(krarup_vm::code::hot::LoadFailure::Badfile(_))
        ));
        let r2 = loader.reload("wl.kbc", &v2, krarup_vm::sched::loading::Purge::Hard);
        assert_eq!(r2.result, Ok("wl".to_string()));
        assert!(r2.report.killed.is_empty());
        assert_eq!(r2.report.old.len(), 1, "{:?}", r2.report);
        std::thread::sleep(std::time::Duration::from_millis(100));
        let r3 = loader.reload("wl.kbc", &v3, krarup_vm::sched::loading::Purge::Hard);
        assert_eq!(r3.result, Ok("wl".to_string()));
        r3.report
    });
    let status = rt.run_main("wmain", "main").expect("runs");
    let report = driver.join().expect("driver");
    assert_eq!(status, 0);
    assert_eq!(report.killed.len(), 1, "{report:?}");
    let k = &report.killed[0];
    assert_eq!(k.registered_name.as_deref(), Some("stayer"));
    assert_eq!(k.initial_call, "wl:stay/0");
    assert_eq!(
        report.to_string(),
        format!(
            "wl: killed {} (stayer) started as wl:stay/0, in wl:stay/0\n",
            k.pid
        )
    );
    let text = String::from_utf8(stdout.0.lock().unwrap().clone()).unwrap();
    assert_eq!(text, "saw 1\nsaw 2\nsaw 3\n");
}
