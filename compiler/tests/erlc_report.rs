//! `diagnostics::erlc_report`: the text `compile:file/2` prints with `report_warnings` /
//! `report_errors`, compared with what OTP 25's `compile:file/2` printed for the same sources
//! (a tab before the column is kept in the caret line, as OTP does).

use krarup_compiler::diagnostics::erlc_report;

fn reports(source: &str, name: &str) -> String {
    let diags = match krarup_compiler::compile(source, name) {
        Ok(c) => c.warnings,
        Err(d) => d,
    };
    diags
        .iter()
        .map(|d| erlc_report(d, source, name).text)
        .collect()
}

#[test]
fn warning_with_a_tab_before_the_column() {
    let src = "-module(tab).\n-export([f/0]).\nf() ->\n\tX = 1, ok.\n";
    // What OTP 25 printed for compile:file("tab", [report]).
    let otp = "tab.erl:4:2: Warning: variable 'X' is unused\n%    4| \tX = 1, ok.\n%     | \t^\n\n";
    assert_eq!(reports(src, "tab.erl"), otp);
}

#[test]
fn error_and_warnings_in_source_order() {
    let src = "-module(bad).\n-export([f/0]).\nf() -> X = 1, Y.\ng() -> ok.\n";
    let r = reports(src, "bad.erl");
    // OTP 25 printed these three blocks (errors first, then warnings, each in line order).
    for block in [
        "bad.erl:3:15: variable 'Y' is unbound\n%    3| f() -> X = 1, Y.\n%     |               ^\n\n",
        "bad.erl:3:8: Warning: variable 'X' is unused\n%    3| f() -> X = 1, Y.\n%     |        ^\n\n",
        "bad.erl:4:1: Warning: function g/0 is unused\n%    4| g() -> ok.\n%     | ^\n\n",
    ] {
        assert!(r.contains(block), "missing {block:?} in {r:?}");
    }
}
