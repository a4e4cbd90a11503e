//! The shell's terminal frontend driven through a pseudo-terminal: the real `krarup` binary with
//! no arguments, keys sent as a user types them, the screen read back. Timeouts are generous (a
//! busy 2-core machine is slow to start a VM); each test has its own HOME and state directory.

use expectrl::{Eof, Regex, Session, WaitStatus};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// How long any one expected text may take to appear.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Starts `krarup` on a pseudo-terminal in `dir` (also its HOME and XDG directories), with
/// colour off unless `colour`, and `env` on top.
fn shell_in(dir: &Path, colour: bool, env: &[(&str, &str)]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_krarup"));
    cmd.current_dir(dir)
        .env("HOME", dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    if !colour {
        cmd.env("NO_COLOR", "1");
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("start krarup on a pty");
    let _ = session.get_process_mut().set_window_size(100, 30);
    session.set_expect_timeout(Some(TIMEOUT));
    session
}

fn shell(dir: &Path) -> Session {
    shell_in(dir, false, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Whether `bytes` hold an SGR (colour) escape sequence `ESC [ digits m`.
fn has_sgr(bytes: &[u8]) -> bool {
    let s = text(bytes);
    s.match_indices("\x1b[").any(|(i, _)| {
        let rest = &s[i + 2..];
        let digits = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ';')
            .count();
        rest[digits..].starts_with('m')
    })
}

/// Leaves the shell with Ctrl-D and checks it exits with status 0.
fn leave(mut session: Session) {
    session.send([4u8]).unwrap();
    session.expect(Eof).unwrap();
    let status = session.get_process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

#[test]
fn the_prompt_appears_and_a_value_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send("6 * 7.\r").unwrap();
    p.expect("42").unwrap();
    p.expect("2> ").unwrap();
    leave(p);
}

#[test]
fn ctrl_d_on_an_empty_line_exits_with_status_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    leave(p);
}

#[test]
fn a_multi_line_entry_is_recalled_as_one_also_in_the_next_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send("lists:sum([100,\r").unwrap();
    p.send("23]).\r").unwrap();
    p.expect("123").unwrap();
    p.expect("2> ").unwrap();
    // Up recalls both lines; Enter runs them again.
    p.send("\x1b[A").unwrap();
    p.expect("23]).").unwrap();
    p.send("\r").unwrap();
    p.expect("123").unwrap();
    p.expect("3> ").unwrap();
    leave(p);
    let history = std::fs::read_to_string(dir.path().join("state/krarup/history")).unwrap();
    assert!(history.contains(r"lists:sum([100,\n23])."), "{history}");
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send("\x1b[A\r").unwrap();
    p.expect("123").unwrap();
    p.expect("2> ").unwrap();
    leave(p);
}

#[test]
fn tab_completes_a_function_of_a_module() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send("lists:sp\t").unwrap();
    p.expect("lists:split").unwrap();
    p.send("(2, [a,b,c]).\r").unwrap();
    p.expect("{[a,b],[c]}").unwrap();
    p.expect("2> ").unwrap();
    leave(p);
}

#[test]
fn ctrl_c_interrupts_an_evaluation_and_keeps_the_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send("X = 4242.\r").unwrap();
    p.expect("4242").unwrap();
    p.expect("2> ").unwrap();
    p.send("timer:sleep(100000).\r").unwrap();
    std::thread::sleep(Duration::from_millis(1000));
    p.send([3u8]).unwrap();
    p.expect(Regex(r"\d> ")).unwrap();
    p.send("X + 1.\r").unwrap();
    p.expect("4243").unwrap();
    leave(p);
}

#[test]
fn ctrl_c_clears_a_line_and_twice_on_an_empty_line_exits() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    // Keys a user types, not one burst: the line editor must see the Ctrl-C between them.
    p.send("foo(").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send([3u8]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send("1 + 1.\r").unwrap();
    p.expect("2\r\n").unwrap();
    p.expect("2> ").unwrap();
    p.send([3u8]).unwrap();
    p.expect("press Ctrl-C again").unwrap();
    p.send([3u8]).unwrap();
    p.expect(Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

#[test]
fn output_of_another_process_appears_above_the_line_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send("spawn(fun() -> timer:sleep(1500), io:format(\"bg~n\") end).\r")
        .unwrap();
    p.expect("<0.").unwrap();
    p.expect("2> ").unwrap();
    p.send("Half").unwrap();
    // "bg" is printed on a line of its own, then the prompt and the partial input are redrawn.
    let seen = p.expect(Regex(r"bg\r?\n")).unwrap();
    assert!(
        !text(seen.before()).ends_with("Half"),
        "{:?}",
        text(seen.before())
    );
    p.expect("2> ").unwrap();
    p.expect("Half").unwrap();
    p.send(" = 7.\r").unwrap();
    p.expect("7").unwrap();
    p.expect("3> ").unwrap();
    p.send("Half.\r").unwrap();
    p.expect("7").unwrap();
    leave(p);
}

#[test]
fn no_color_gives_no_colour_codes_and_colour_is_on_otherwise() {
    let input = "{atom, \"str\", 12, Var = 3}.\r";
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send(input).unwrap();
    let upto = p.expect("2> ").unwrap();
    assert!(!has_sgr(upto.before()), "{:?}", text(upto.before()));
    leave(p);

    let mut p = shell_in(dir.path(), true, &[]);
    p.expect("1> ").unwrap();
    p.send(input).unwrap();
    let upto = p.expect("2> ").unwrap();
    assert!(has_sgr(upto.before()), "{:?}", text(upto.before()));
    leave(p);
}

#[test]
fn the_start_up_file_sets_the_prompt_and_a_bad_one_only_warns() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/krarup");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("shell.config"), "{prompt, \"k ~B> \"}.\n").unwrap();
    let mut p = shell(dir.path());
    p.expect("k 1> ").unwrap();
    p.send("1.\r").unwrap();
    p.expect("k 2> ").unwrap();
    leave(p);

    std::fs::write(config.join("shell.config"), "{prompt, oops.\n").unwrap();
    let mut p = shell(dir.path());
    let seen = p.expect("1> ").unwrap();
    let before = text(seen.before());
    assert_eq!(before.matches("start-up file").count(), 1, "{before:?}");
    leave(p);
}

#[test]
fn a_read_only_state_directory_does_not_stop_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the state directory should be: the history cannot be made.
    std::fs::write(dir.path().join("state"), "").unwrap();
    let mut p = shell(dir.path());
    p.expect("1> ").unwrap();
    p.send("5 + 5.\r").unwrap();
    p.expect("10").unwrap();
    p.expect("2> ").unwrap();
    leave(p);
}
