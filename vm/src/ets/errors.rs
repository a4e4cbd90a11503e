//! The `*** argument N: ...` lines of an uncaught `ets` error (what OTP 25's
//! `erl_stdlib_errors:format_error/2` explains for the shell), from the builtin's name, its
//! arguments and the error info's `cause`. `report::format_exception` prints them under the
//! `called as` line.

use crate::atom::AtomTable;
use crate::term::Term;

const BAD_KEY: &str = "not a key that exists in the table";
const SAME_AS_KEYPOS: &str = "the position is the same as the key position";

/// The text explaining the table argument for `cause` (`""` when the table is fine).
fn table_text(tab: Term, cause: &str) -> &'static str {
    match cause {
        "type" if tab.is_reference() => "not a valid table identifier",
        "type" => "not an atom or a table identifier",
        "id" => "the table identifier does not refer to an existing ETS table",
        "access" => "the table identifier refers to an ETS table with insufficient access rights",
        "table_type" => {
            "the table identifier refers to an ETS table of a type not supported by this operation"
        }
        _ => "",
    }
}

fn tuple_text(t: Term) -> &'static str {
    match t.as_tuple() {
        Some(e) if !e.is_empty() => "",
        Some(_) => "is an empty tuple",
        None => "not a tuple",
    }
}

fn objects_text(t: Term) -> &'static str {
    if let Some(e) = t.as_tuple() {
        return if e.is_empty() {
            "is an empty tuple"
        } else {
            ""
        };
    }
    if t.is_list() {
        let ok = crate::ops::list_to_vec(t).is_some_and(|v| {
            v.iter()
                .all(|o| o.as_tuple().is_some_and(|e| !e.is_empty()))
        });
        return if ok {
            ""
        } else {
            "not a non-empty tuple or a list of non-empty tuples"
        };
    }
    "not a tuple"
}

fn is_update_op(t: Term) -> bool {
    if t.is_integer() {
        return true;
    }
    match t.as_tuple() {
        Some(e) if e.len() == 2 || e.len() == 4 => e.iter().all(|x| x.is_integer()),
        _ => false,
    }
}

fn update_op_text(t: Term) -> &'static str {
    let ok = match crate::ops::list_to_vec(t) {
        Some(v) if t.is_list() => v.into_iter().all(is_update_op),
        _ => is_update_op(t),
    };
    if ok {
        ""
    } else {
        "not a valid update operation"
    }
}

fn limit_text(n: Term) -> &'static str {
    match n.as_small() {
        _ if !n.is_integer() => "not an integer",
        Some(n) if n >= 1 => "",
        _ => "out of range",
    }
}

/// `(argument number, text)` for each argument OTP would explain.
pub fn argument_errors(
    function: &str,
    args: &[Term],
    cause: Option<&str>,
    atoms: &AtomTable,
) -> Vec<(usize, String)> {
    let cause = cause.unwrap_or("none");
    let tab = args.first().copied().unwrap_or(Term::NIL);
    let t = table_text(tab, cause);
    // Table text first, then the texts of the other arguments in order ("" = nothing to say).
    let texts: Vec<&str> = match (function, args.len()) {
        ("delete_object", 2) => vec![t, tuple_text(args[1])],
        ("insert" | "insert_new", 2) => vec![t, objects_text(args[1])],
        ("give_away", 3) => match cause {
            "owner" => vec![t, "the process is already the owner of the table"],
            "not_owner" => vec![t, "the current process is not the owner"],
            _ if !args[1].is_pid() => vec![t, "not a pid"],
            _ if t.is_empty() => vec![t, "the pid refers to a terminated process"],
            _ => vec![t],
        },
        ("info", 2) => default(t, "not a valid info item"),
        ("lookup_element", 3) => {
            let pos = limit_text(args[2]);
            match cause {
                "badkey" => vec![t, BAD_KEY, pos],
                _ if t.is_empty() && pos.is_empty() => {
                    vec!["", "", "position is greater than the size of the object"]
                }
                _ => vec![t, "", pos],
            }
        }
        ("match" | "match_object" | "select" | "select_reverse", 1) => {
            vec!["invalid continuation"]
        }
        ("match" | "match_object", 3) => vec![t, "", limit_text(args[2])],
        ("next" | "prev", 2) => default(t, BAD_KEY),
        ("new", 2) => {
            let name = if args[0].is_atom() { "" } else { "not an atom" };
            let opts = if !args[1].is_list() {
                "not a list"
            } else if crate::ops::list_length(args[1]).is_none() {
                "not a proper list"
            } else {
                ""
            };
            match (name, opts, cause) {
                ("", "", "already_exists") => vec!["table name already exists"],
                ("", "", _) => vec!["", "invalid options"],
                _ => vec![name, opts],
            }
        }
        ("rename", 2) => {
            let name = if args[1].is_atom() {
                ""
            } else {
                "invalid table name (must be an atom)"
            };
            if t.is_empty() && name.is_empty() {
                vec!["", "table name already exists"]
            } else {
                vec![t, name]
            }
        }
        ("safe_fixtable", 2) => default(t, "not a boolean value"),
        ("select" | "select_reverse" | "select_count" | "select_replace" | "select_delete", 2) => {
            default(t, "not a valid match specification")
        }
        ("select" | "select_reverse", 3) => {
            let ms = if crate::ets::ms::MatchSpec::compile(args[1], atoms).is_some() {
                ""
            } else {
                "not a valid match specification"
            };
            vec![t, ms, limit_text(args[2])]
        }
        ("setopts", 2) => default(t, "invalid options"),
        ("update_counter", 3) => match cause {
            "badkey" => vec![t, BAD_KEY, update_op_text(args[2])],
            "keypos" => vec![t, "", SAME_AS_KEYPOS],
            "position" => vec![
                t,
                "",
                "the position in the update operation is out of range",
            ],
            "none" if !update_op_text(args[2]).is_empty() => {
                vec![t, "", "not a valid update operation"]
            }
            "none" => vec![
                t,
                "",
                "the value in the given position, in the object, is not an integer",
            ],
            _ => vec![t, "", update_op_text(args[2])],
        },
        ("update_counter", 4) if !t.is_empty() => vec![t],
        ("update_counter", 4) => {
            let default_text = tuple_text(args[3]);
            match cause {
                "badkey" => vec!["", BAD_KEY, update_op_text(args[2]), default_text],
                "keypos" => vec!["", "", SAME_AS_KEYPOS, default_text],
                "position" => vec![
                    "",
                    "",
                    "the position in the update operation is out of range",
                ],
                _ if update_op_text(args[2]).is_empty() && default_text.is_empty() => vec![
                    "",
                    "",
                    "the value in the given position, in the object, is not an integer",
                ],
                _ => vec!["", "", update_op_text(args[2]), default_text],
            }
        }
        ("update_element", 3) => {
            let spec_ok = match crate::ops::list_to_vec(args[2]) {
                Some(v) if args[2].is_list() => v.into_iter().all(is_element_spec),
                _ => is_element_spec(args[2]),
            };
            let third = match cause {
                "keypos" => SAME_AS_KEYPOS,
                _ if !spec_ok => "is not a valid element specification",
                _ if t.is_empty() => "out of range",
                _ => "",
            };
            vec![t, "", third]
        }
        ("whereis", 1) => vec!["invalid table name (must be an atom)"],
        _ => vec![t],
    };
    texts
        .into_iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, s)| (i + 1, s.to_string()))
        .collect()
}

fn is_element_spec(t: Term) -> bool {
    matches!(t.as_tuple_n::<2>(), Some([p, _]) if p.as_small().is_some_and(|n| n > 0) || p.is_bignum())
}

/// `[t]` when the table is the problem, else `["", other]`.
fn default<'a>(t: &'a str, other: &'a str) -> Vec<&'a str> {
    if t.is_empty() {
        vec!["", other]
    } else {
        vec![t]
    }
}
