//! The stderr mode of the conformance suite: when a program has a `.err` file (stderr of `erl` with
//! its logger sent to standard_error, written by `lang-tests/regen.sh` for `lang-tests/otp_reports/`),
//! krarup's stderr must equal it after both are normalised by [`normalise_reports`].

/// Normalises logger output so krarup's and erl's can be compared (spec.md, "Reports"):
/// - line breaks made by `~p` are removed (a newline and the indentation after it), since pids,
///   line numbers and paths of different widths break terms at different places;
/// - report header timestamps become `<TIME>`, pids `<PID>`, references `#Ref<REF>`;
/// - `heap_size`, `stack_size` and `reductions` of crash reports become `N`;
/// - file names in stack traces lose their directory, and the line numbers of library modules
///   (files named without a directory, OTP's own modules) become `L`.
pub fn normalise_reports(text: &str) -> String {
    let glued = glue_continuations(text);
    let mut out = String::with_capacity(glued.len());
    for line in glued.split_inclusive('\n') {
        out.push_str(&normalise_line(line));
    }
    out
}

/// Removes every newline that is followed by indentation, with the spaces around it.
fn glue_continuations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('\n') {
        let (line, after) = rest.split_at(pos);
        let after = &after[1..];
        let indent = after.len() - after.trim_start_matches([' ', '\t']).len();
        if indent > 0 {
            out.push_str(line.trim_end_matches([' ', '\t']));
            rest = &after[indent..];
        } else {
            out.push_str(line);
            out.push('\n');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn normalise_line(line: &str) -> String {
    let line = header_time(line);
    let line = replace_delimited(&line, "#Ref<", '>', "#Ref<REF>");
    let line = pids(&line);
    let line = counters(&line);
    let line = stack_files(&line);
    exception_locations(&line)
}

/// `=ERROR REPORT==== 7-Dec-2026::10:10:19.401048 ===` → `=ERROR REPORT==== <TIME> ===`.
fn header_time(line: &str) -> String {
    const MID: &str = " REPORT==== ";
    if let (true, Some(start)) = (line.starts_with('='), line.find(MID)) {
        let body_start = start + MID.len();
        if let Some(end) = line[body_start..].find(" ===") {
            return format!("{}<TIME>{}", &line[..body_start], &line[body_start + end..]);
        }
    }
    line.to_string()
}

/// Replaces each `open ... close` span with `with`.
fn replace_delimited(line: &str, open: &str, close: char, with: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find(open) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + open.len()..];
        match after.find(close) {
            Some(end) => {
                out.push_str(with);
                rest = &after[end + close.len_utf8()..];
            }
            None => {
                out.push_str(&rest[pos..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<0.79.0>` → `<PID>` (three dot-separated numbers in angle brackets).
fn pids(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let is_pid = after.find('>').is_some_and(|end| {
            let parts: Vec<&str> = after[..end].split('.').collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        });
        if is_pid {
            let end = after.find('>').unwrap_or(0);
            out.push_str("<PID>");
            rest = &after[end + 1..];
        } else {
            out.push('<');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `heap_size: 233` → `heap_size: N`, likewise `stack_size` and `reductions`.
fn counters(line: &str) -> String {
    let mut line = line.to_string();
    for key in ["heap_size: ", "stack_size: ", "reductions: "] {
        line = replace_number_after(&line, key, "N");
    }
    line
}

fn replace_number_after(line: &str, key: &str, with: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find(key) {
        out.push_str(&rest[..pos + key.len()]);
        let after = &rest[pos + key.len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            out.push_str(with);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// `{file,"/a/b/m.erl"},{line,7}` → `{file,"m.erl"},{line,7}`; `{file,"gen.erl"},{line,256}` →
/// `{file,"gen.erl"},{line,L}`.
fn stack_files(line: &str) -> String {
    const OPEN: &str = "{file,\"";
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find(OPEN) {
        out.push_str(&rest[..pos + OPEN.len()]);
        let after = &rest[pos + OPEN.len()..];
        let Some(end) = after.find('"') else {
            rest = after;
            continue;
        };
        let path = &after[..end];
        let library = !path.contains('/');
        out.push_str(base_name(path));
        rest = &after[end..];
        const LINE: &str = "\"},{line,";
        if library && rest.starts_with(LINE) {
            let num = &rest[LINE.len()..];
            let digits = num.len() - num.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            out.push_str(LINE);
            out.push('L');
            rest = &num[digits..];
        }
    }
    out.push_str(rest);
    out
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `(/a/b/m.erl, line 8)` → `(m.erl, line 8)`; `(gen_server.erl, line 1123)` →
/// `(gen_server.erl, line L)`.
fn exception_locations(line: &str) -> String {
    const MARK: &str = ", line ";
    let Some(mark) = line.find(MARK) else {
        return line.to_string();
    };
    let Some(open) = line[..mark].rfind('(') else {
        return line.to_string();
    };
    let path = &line[open + 1..mark];
    if path.contains(' ') || !path.ends_with(".erl") {
        return line.to_string();
    }
    let after = &line[mark + MARK.len()..];
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let number = if path.contains('/') {
        &after[..digits]
    } else {
        "L"
    };
    format!(
        "{}({}{MARK}{number}{}",
        &line[..open],
        base_name(path),
        exception_locations(&after[digits..])
    )
}

#[cfg(test)]
mod tests {
    use super::normalise_reports;

    #[test]
    fn normalises_what_differs_between_runs() {
        let erl = "=CRASH REPORT==== 7-Dec-2026::10:10:19.551324 ===\n  crasher:\n    pid: <0.80.0>\n    heap_size: 233\n      in function  t:f/0 (/x/t.erl, line 8)\n      in call from gen:do_call/4 (gen.erl, line 256)\n** {a,[{gen,do_call,4,[{file,\"gen.erl\"},{line,256}]},\n     {t,f,0,[{file,\"/x/t.erl\"},{line,8}]}]} #Ref<0.1.2.3>\n";
        let krarup = "=CRASH REPORT==== 1-Jan-2027::00:00:00.000001 ===\n  crasher:\n    pid: <0.11.0>\n    heap_size: 99\n      in function  t:f/0 (/y/t.erl, line 8)\n      in call from gen:do_call/4 (gen.erl, line 12)\n** {a,[{gen,do_call,4,[{file,\"gen.erl\"},{line,12}]},{t,f,0,[{file,\"/y/t.erl\"},{line,8}]}]} #Ref<0.0.0.9>\n";
        assert_eq!(normalise_reports(erl), normalise_reports(krarup));
    }

    #[test]
    fn keeps_what_must_match() {
        // The user's own line numbers, the words, and a missing trailing space all still count.
        let a = "=ERROR REPORT==== 7-Dec-2026::10:10:19.551324 ===\n** Generic server x terminating \n{file,\"/x/t.erl\"},{line,8}\n";
        let b = "=ERROR REPORT==== 7-Dec-2026::10:10:19.551324 ===\n** Generic server x terminating\n{file,\"/x/t.erl\"},{line,8}\n";
        let c = "=ERROR REPORT==== 7-Dec-2026::10:10:19.551324 ===\n** Generic server x terminating \n{file,\"/x/t.erl\"},{line,9}\n";
        assert_ne!(normalise_reports(a), normalise_reports(b));
        assert_ne!(normalise_reports(a), normalise_reports(c));
        assert!(normalise_reports(a).contains("<TIME>"));
    }
}
