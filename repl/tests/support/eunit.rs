//! The normalised form in which the conformance harness compares EUnit's reports
//! (`lang-tests/eunit/`): krarup's EUnit prints the same report as OTP's except where the
//! runtime underneath differs, and exactly those parts are normalised in both outputs:
//! - stack-trace lines (`in function ...`, `in call from ...`, `**in function ...`,
//!   `  called as ...`) are dropped: OTP's traces end in EUnit's own frames (`eunit_proc`,
//!   `eunit_test`, with their line numbers) and show the inlined assertion funs as their
//!   enclosing function, krarup's do not;
//! - the number in a fun's name (`-f/0-fun-N-`) becomes `#`: BEAM numbers a function's funs
//!   from its last to its first, krarup from its first;
//! - timings (`[0.004 s] ok`, `[done in 0.052 s]` lines) are dropped: they depend on the
//!   machine's speed.
//!
//! Everything else (test names, lines, descriptions, failure terms, captured output, summaries,
//! cancellations, return values) must match byte for byte.

/// `text` with the parts above normalised.
pub fn normalise(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let dropped = [
            "in function ",
            "in call from ",
            "**in function ",
            "called as ",
        ]
        .iter()
        .any(|p| body.starts_with(p))
            || (body.starts_with("[done in ") && body.trim_end().ends_with(" s]"));
        if dropped {
            continue;
        }
        out.push_str(&strip_timing(&renumber_funs(line)));
    }
    out
}

/// `-fun-N-` with the digits replaced by `#`.
fn renumber_funs(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("-fun-") {
        let (head, tail) = rest.split_at(at + 5);
        out.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with('-') {
            out.push('#');
            rest = &tail[digits..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// A test's `[N.NNN s] ` before `ok` removed.
fn strip_timing(line: &str) -> String {
    if let Some(at) = line.find("...[") {
        let after = &line[at + 4..];
        if let Some(end) = after.find(" s] ") {
            let number = &after[..end];
            if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return format!("{}...{}", &line[..at], &after[end + 4..]);
            }
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn normalises_traces_funs_and_times() {
        let text = "m:3: -t/0-fun-12- (d)...[0.004 s] ok\nin function m:f/0 (m.erl, line 3)\n\
                    **error:x\n  [done in 0.052 s]\n  output:<<\"-fun-x-\">>\n";
        assert_eq!(
            normalise(text),
            "m:3: -t/0-fun-#- (d)...ok\n**error:x\n  output:<<\"-fun-x-\">>\n"
        );
    }
}
