//! The `krarup_shell` natives behind stdlib/erl/shell.erl: compiling a form typed at the prompt
//! (through the embedder, `Host::compile_shell_form`), telling the embedder's shell loop what to
//! show and when a form is done (`Host::shell_event`), and the text of an exception as the shell
//! prints it (`report::format_exception`, the formatter of uncaught exceptions), and a form's
//! text as `h()` shows it (`Host::shell_pp_form`), and the records of a source file for `rr/1`.

use super::{iolist_bytes, new_atom, Reg};
use crate::host::ShellEvent;
use crate::native::{Class, Exception, NativeCtx};
use crate::term::Term;

const M: &str = "krarup_shell";

pub(super) fn register(r: &mut Reg<'_>) {
    r.add(M, "compile", 4, |c, a| compile(c, a[0], a[1], a[2], a[3]));
    r.add(M, "pp_form", 1, |c, a| {
        let text = text_arg(a[0])?;
        let shared = c.shared;
        Ok(match shared.host.get().and_then(|h| h.shell_pp_form(&text)) {
            Some(pp) => {
                let ok = c.atom("ok");
                let bin = c.heap.binary(pp.as_bytes());
                c.heap.tuple(&[ok, bin])
            }
            None => c.atom("error"),
        })
    });
    r.add(M, "file_records", 1, |c, a| {
        super::file::with_file(c, a[0], |c, host, path| {
            Ok(match host.shell_file_records(path) {
                Ok(records) => {
                    let mut items = Vec::with_capacity(records.len());
                    for r in &records {
                        let name = new_atom(c, &r.name)?;
                        let mut fields = Vec::with_capacity(r.fields.len());
                        for f in &r.fields {
                            fields.push(new_atom(c, f)?);
                        }
                        let fields = c.heap.list(&fields);
                        let text = c.heap.binary(r.text.as_bytes());
                        items.push(c.heap.tuple(&[name, fields, text]));
                    }
                    let list = c.heap.list(&items);
                    let ok = c.atom("ok");
                    c.heap.tuple(&[ok, list])
                }
                Err(e) => super::file::error(c, &e),
            })
        })
    });
    r.add(M, "reply", 1, |c, a| reply(c, a[0]));
    r.add(M, "format_exception", 3, |c, a| {
        let class = match a[0].as_atom().map(|x| c.shared.atoms.name(x)) {
            Some(n) if &*n == "error" => Class::Error,
            Some(n) if &*n == "exit" => Class::Exit,
            Some(n) if &*n == "throw" => Class::Throw,
            _ => return Err(Exception::badarg()),
        };
        let text = crate::report::format_exception(class, a[1], a[2], &c.shared.atoms);
        Ok(c.heap.binary(text.trim_end_matches('\n').as_bytes()))
    });
}

/// Text of an iolist or binary argument (invalid UTF-8 replaced), or `badarg`.
fn text_arg(t: Term) -> Result<String, Exception> {
    let mut bytes = Vec::new();
    iolist_bytes(t, &mut bytes).ok_or_else(Exception::badarg)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `krarup_shell:compile(Text, Bound, Module, Records)`: `{ok, Bin, BoundOut}` or
/// `{error, syntax | invalid, Lines}` (lines as binaries).
fn compile(
    c: &mut NativeCtx<'_>,
    text: Term,
    bound: Term,
    module: Term,
    records: Term,
) -> Result<Term, Exception> {
    let text = text_arg(text)?;
    let records = text_arg(records)?;
    let names = crate::ops::list_to_vec(bound).ok_or_else(Exception::badarg)?;
    let mut bound = Vec::with_capacity(names.len());
    for n in names {
        let a = n.as_atom().ok_or_else(Exception::badarg)?;
        bound.push(c.shared.atoms.name(a).to_string());
    }
    let module = module.as_atom().ok_or_else(Exception::badarg)?;
    let module = c.shared.atoms.name(module).to_string();
    let shared = c.shared;
    let result = match shared.host.get() {
        Some(host) => host.compile_shell_form(&text, &bound, &module, &records),
        None => Err(crate::host::ShellFormError {
            syntax: false,
            lines: vec!["* the shell's compiler is not available".into()],
        }),
    };
    Ok(match result {
        Ok(form) => {
            let mut out = Vec::with_capacity(form.bound_out.len());
            for v in &form.bound_out {
                out.push(new_atom(c, v)?);
            }
            let out = c.heap.list(&out);
            let bin = c.heap.binary(&form.bytes);
            let ok = c.atom("ok");
            c.heap.tuple(&[ok, bin, out])
        }
        Err(e) => {
            let lines: Vec<Term> = e.lines.iter().map(|l| c.heap.binary(l.as_bytes())).collect();
            let lines = c.heap.list(&lines);
            let kind = c.atom(if e.syntax { "syntax" } else { "invalid" });
            let error = c.atom("error");
            c.heap.tuple(&[error, kind, lines])
        }
    })
}

/// `krarup_shell:reply(Event)`: `{show, result | error, Text}` or `{done, Prompt, Failed}`, passed
/// to the embedder; `ok`.
fn reply(c: &mut NativeCtx<'_>, event: Term) -> Result<Term, Exception> {
    let name = |t: Term| t.as_atom().map(|a| c.shared.atoms.name(a).to_string());
    let event = match event.as_tuple_n::<3>() {
        Some([tag, kind, text]) if name(tag).as_deref() == Some("show") => ShellEvent::Show {
            error: name(kind).as_deref() == Some("error"),
            text: text_arg(text)?,
        },
        Some([tag, n, failed]) if name(tag).as_deref() == Some("done") => ShellEvent::Done {
            prompt: n
                .as_small()
                .and_then(|n| u64::try_from(n).ok())
                .ok_or_else(Exception::badarg)?,
            failed: name(failed).as_deref() == Some("true"),
        },
        _ => return Err(Exception::badarg()),
    };
    if let Some(host) = c.shared.host.get() {
        host.shell_event(event);
    }
    Ok(c.atom("ok"))
}
