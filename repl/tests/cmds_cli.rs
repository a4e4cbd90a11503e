//! The shell's commands whose output depends on the VM (so not conformance programs against
//! `erl`): the layout of c:i/0, c:regs/0, c:m/0,1, c:uptime/0 and c:bt/1, and krarup's own
//! shell_default:i/1 (krarup_explain) and krarup_hint:undef_hint/3.

mod support;

use support::{err, krarup_in, out, write};

/// A program with a registered looping process and a gen_server (and a function it does not
/// export), calling `body`.
fn program(body: &str) -> String {
    format!(
        "-module(cmds).\n-export([main/0, loop/0, init/1, handle_call/3, handle_cast/2]).\n\
         loop() -> receive _ -> loop() end.\n\
         helper() -> ok.\n\
         init([]) -> {{ok, s}}.\n\
         handle_call(_, _, S) -> {{reply, ok, S}}.\n\
         handle_cast(_, S) -> {{noreply, S}}.\n\
         main() ->\n\
             register(looper, spawn(?MODULE, loop, [])),\n\
             {{ok, _}} = gen_server:start({{local, server}}, ?MODULE, [], []),\n\
             {body}.\n"
    )
}

fn run(body: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(dir.path(), "cmds.erl", &program(body));
    let r = krarup_in(dir.path(), &["run", "cmds.erl"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    (out(&r), err(&r))
}

/// Splits an OTP fixed-width row into its fields at the given column widths (each followed by
/// one space), checking the padding.
fn fields(line: &str, widths: &[usize]) -> Vec<String> {
    let mut rest = line;
    let mut fields = Vec::new();
    for &w in widths {
        assert!(rest.len() > w, "row too short: {line:?}");
        let (field, tail) = rest.split_at(w);
        assert!(tail.starts_with(' '), "no space after column: {line:?}");
        fields.push(field.trim().to_string());
        rest = &tail[1..];
    }
    fields.push(rest.trim().to_string());
    fields
}

#[test]
fn process_table_has_otp_columns_and_totals() {
    let (text, _) = run("io:format(\"~p~n\", [c:i()])");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Pid                   Initial Call                          Heap     Reds Msgs"
    );
    assert_eq!(
        lines[1],
        "Registered            Current Function                     Stack              "
    );
    // Two rows per process; the looper and the server show their names and calls (the server
    // its proc_lib start function, as OTP translates it).
    assert_eq!(lines.last(), Some(&"ok"));
    let rows: Vec<Vec<String>> = lines[2..lines.len() - 1]
        .iter()
        .map(|l| fields(l, &[21, 33, 8, 8]))
        .collect();
    let named = |name: &str| {
        rows.iter()
            .position(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no {name} row in\n{text}"))
    };
    let looper = named("looper");
    assert_eq!(rows[looper - 1][1], "cmds:loop/0");
    assert_eq!(rows[looper][1], "cmds:loop/0");
    let server = named("server");
    assert_eq!(rows[server - 1][1], "cmds:init/1");
    assert_eq!(rows[server][1], "gen_server:loop/7");
    // The totals are the sums of the columns above them.
    let total = rows.iter().position(|r| r[0] == "Total").expect("totals");
    let sum = |col: usize, second: bool| -> u64 {
        rows[..total]
            .iter()
            .enumerate()
            .filter(|(i, _)| (i % 2 == 1) == second)
            .map(|(_, r)| r[col].parse::<u64>().expect("a number"))
            .sum()
    };
    assert_eq!(rows[total][2].parse::<u64>().ok(), Some(sum(2, false)));
    assert_eq!(rows[total][3].parse::<u64>().ok(), Some(sum(3, false)));
    assert_eq!(rows[total][4].parse::<u64>().ok(), Some(sum(4, false)));
    assert_eq!(rows[total + 1][2].parse::<u64>().ok(), Some(sum(2, true)));
    assert_eq!(total + 2, rows.len());
}

#[test]
fn registered_table_lists_names_sorted() {
    let (text, _) = run("io:format(\"~p~n\", [c:regs()])");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "");
    assert_eq!(lines[1], "** Registered procs on node nonode@nohost **");
    assert_eq!(
        lines[2],
        "Name                  Pid          Initial Call                      Reds Msgs"
    );
    let looper = fields(lines[3], &[21, 12, 25, 12]);
    assert_eq!(looper[0], "looper");
    assert!(looper[1].starts_with("<0."), "{text}");
    assert_eq!(looper[2], "cmds:loop/0");
    assert_eq!(fields(lines[4], &[21, 12, 25, 12])[0], "server");
    assert_eq!(fields(lines[4], &[21, 12, 25, 12])[2], "cmds:init/1");
    assert_eq!(
        &lines[5..],
        [
            "",
            "** Registered ports on node nonode@nohost **",
            "Name                  Id              Command                                 ",
            "ok"
        ]
    );
}

#[test]
fn module_listings() {
    let (text, _) = run("c:m(cmds), c:m(lists), c:m()");
    let expected_cmds = "Module: cmds\n\
                         Object file: preloaded\n\
                         Compiler options:  []\n\
                         Exports: \n         \
                         handle_call/3\n         \
                         handle_cast/2\n         \
                         init/1\n         \
                         loop/0\n         \
                         main/0\n         \
                         module_info/0\n         \
                         module_info/1\n";
    assert!(text.starts_with(expected_cmds), "{text}");
    // More than 16 exports: two columns, the first half on the left, builtins included.
    assert!(
        text.contains("Exports: \nall/2                         nth/2\n"),
        "{text}"
    );
    assert!(text.contains("keyfind/3                     "), "{text}");
    assert!(text.contains("Module                File\n"), "{text}");
    assert!(
        text.contains("\napplication_controll  preloaded\n"),
        "{text}"
    );
    assert!(
        text.contains("\ncmds                  preloaded\n"),
        "{text}"
    );
}

#[test]
fn uptime_and_backtrace() {
    let (text, errors) =
        run("c:uptime(), io:format(\"~p ~p~n\", [c:bt(whereis(looper)), c:bt(self())])");
    assert_eq!(text, "0 seconds\nok ok\n");
    // The backtrace goes to stderr, innermost frame first.
    assert!(
        errors.contains("cmds:loop/0 (cmds.erl, line 3)\n"),
        "{errors}"
    );
    assert!(errors.contains("c:bt/1 (c.erl, line"), "{errors}");
}

#[test]
fn i_of_a_term_explains_how_it_prints() {
    let (text, _) = run("[shell_default:i(T) || T <- [[104,105], [7,8,9], <<\"hi\">>, ok]]");
    let expected = "Term
  \"hi\"
Data type
  list (printed as a string)
Description
  A list of 2 integers, each a printable character code, so it is printed as a
  string: in Erlang a string is such a list.
  The raw representation (io:format(\"~w\", [Term])) shows the integers.
Raw representation
  [104,105]
Reference modules
  lists, string
Term
  [7,8,9]
Data type
  list
Description
  A list of 3 integers. It is not printed as a string: element 1 (7) is not a
  printable character code.
Raw representation
  [7,8,9]
Reference modules
  lists
Term
  <<\"hi\">>
Data type
  binary
Description
  A binary of 2 bytes.
  Its bytes are printable text, so it is printed as a string in << >>; the raw
  representation shows the bytes.
Raw representation
  <<104,105>>
Reference modules
  binary, unicode
Term
  ok
Data type
  atom
Description
  An atom: a constant whose value is its name (2 characters).
Raw representation
  ok
Reference modules
  erlang
";
    assert_eq!(text, expected);
    // Every type has an explanation (none crashes).
    let (text, _) = run(
        "[shell_default:i(T) || T <- [1, -1 bsl 70, 1.5, true, 'A b', [], [1|2], [a], <<1:3>>, \
         {}, {rec, 1}, #{a => 1}, fun lists:map/2, fun(X) -> X end, self(), make_ref()]]",
    );
    assert_eq!(text.matches("\nData type\n").count(), 16, "{text}");
}

#[test]
fn undef_hints() {
    let (text, _) = run(
        "[io:format(\"~ts~n\", [krarup_hint:undef_hint(M, F, A)]) || {M, F, A} <- \
         [{lists, sortt, 1}, {lists, sort, 3}, {lists, keyfnd, 3}, {listz, sort, 1}, \
         {cmds, mian, 0}, {cmds, helper, 0}, {no_such_module_at_all, f, 0}, {lists, sort, 1}, \
         {lists, qqqqqq, 1}, {erlang, lenght, 1}]]",
    );
    assert_eq!(
        text,
        "did you mean lists:sort/1?
did you mean lists:sort/1 or lists:sort/2?
did you mean lists:keyfind/3?
did you mean lists:sort/1?
did you mean cmds:main/0?
cmds:helper/0 is not exported; add -export([helper/0]) to cmds
module no_such_module_at_all is not available


did you mean erlang:length/1?
"
    );
    // Unknown shell commands: the shell's own, shell_default's and user_default's names.
    let (text, _) = run(
        "[io:format(\"~ts~n\", [krarup_hint:command_hint(F, A)]) || {F, A} <- \
         [{pwdd, 0}, {histroy, 1}, {ls, 3}, {zzz, 0}]]",
    );
    assert_eq!(
        text,
        "did you mean pwd/0?\ndid you mean history/1?\ndid you mean ls/0 or ls/1?\n\n"
    );
}
