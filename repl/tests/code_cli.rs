//! The file layer of hot code loading from the command line: `krarup run -pa DIR` finds a module
//! compiled earlier by `krarup compile`, a program compiles a module with `compile:file/2` and
//! loads it from the code path, and the `c` helpers print the reload report (krarup only, so not
//! a conformance program) naming the processes in old code and those a purge killed.

mod support;

use support::{err, krarup_in, out, write};

#[test]
fn run_pa_finds_compiled_modules_on_the_code_path() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(d, "pam.erl", "-module(pam).\n-export([f/0]).\nf() -> 42.\n");
    write(
        d,
        "pamain.erl",
        "-module(pamain).\n-export([main/0]).\n\
         main() -> io:format(\"~p ~s~n\", [pam:f(), filename:basename(code:which(pam))]).\n",
    );
    let r = krarup_in(d, &["compile", "-o", "lib", "pam.erl"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    std::fs::remove_file(d.join("pam.erl")).expect("remove the source");
    let r = krarup_in(d, &["run", "-pa", "lib", "pamain.erl"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    assert_eq!(out(&r), "42 pam.kbc\n");
    // Without -pa the module is nowhere on the code path.
    let r = krarup_in(d, &["run", "pamain.erl"]);
    assert_eq!(r.status, Some(1));
    assert!(err(&r).contains("undef"), "{}", err(&r));
}

#[test]
fn compile_file_output_loads_from_the_code_path() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "cfm.erl",
        "-module(cfm).\n-export([main/0]).\nmain() ->\n\
         \x20   ok = file:make_dir(\"ebin\"),\n\
         \x20   ok = file:write_file(\"cfgen.erl\", \"-module(cfgen).\\n-export([v/0]).\\nv() -> made.\\n\"),\n\
         \x20   {ok, cfgen} = compile:file(\"cfgen\", [{outdir, \"ebin\"}]),\n\
         \x20   true = code:add_path(\"ebin\"),\n\
         \x20   io:format(\"~p ~p~n\", [cfgen:v(), filelib:is_regular(\"ebin/cfgen.kbc\")]).\n",
    );
    let r = krarup_in(d, &["run", "cfm.erl"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    assert_eq!(out(&r), "made true\n");
}

#[test]
fn c_helpers_print_the_reload_report() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "lpm.erl",
        "-module(lpm).\n-export([start/0]).\n\
         start() -> spawn(fun loop/0).\n\
         loop() -> receive _ -> loop() end.\n",
    );
    write(
        d,
        "rep.erl",
        "-module(rep).\n-export([main/0]).\nmain() ->\n\
         \x20   {ok, lpm} = c:c(lpm),\n\
         \x20   io:format(\"first load~n\"),\n\
         \x20   P = lpm:start(),\n\
         \x20   register(looper, P),\n\
         \x20   {ok, lpm} = c:c(lpm),\n\
         \x20   io:format(\"reloaded~n\"),\n\
         \x20   {module, lpm} = c:l(lpm),\n\
         \x20   io:format(\"alive: ~p~n\", [is_process_alive(P)]).\n",
    );
    let r = krarup_in(d, &["run", "rep.erl"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    let o = out(&r);
    let lines: Vec<&str> = o.lines().collect();
    assert_eq!(lines.len(), 5, "{o}");
    // No process ran lpm at the first load: no report.
    assert_eq!(lines[0], "first load");
    // The second load left the looper in the old code.
    assert!(
        lines[1].starts_with("lpm: still in old code <0.")
            && lines[1].contains("(looper) started as")
            && lines[1].ends_with(", in lpm:loop/0"),
        "{o}"
    );
    assert_eq!(lines[2], "reloaded");
    // l/1 purged that old code, killing it.
    assert!(
        lines[3].starts_with("lpm: killed <0.") && lines[3].ends_with(", in lpm:loop/0"),
        "{o}"
    );
    assert_eq!(lines[4], "alive: false");
}
