//! The `*** argument N: ...` lines of the shell's exception reports for builtins of module
//! `erlang` (OTP 25's `erl_erts_errors`) and `maps` (`erl_stdlib_errors`), and which of them are auto-imported (written without
//! `erlang:` in `in function` and `called as`, as `erl_error` writes them). Used by `report.rs`.

use crate::atom::AtomTable;
use crate::term::Term;

/// The BIFs auto-imported from `erlang` in OTP 25 (`erl_internal:bif/2`). The compiler keeps the
/// same list (compiler/src/checks.rs); the VM cannot depend on it.
const AUTO_IMPORTED: &[(&str, usize)] = &[
    ("abs", 1),
    ("alias", 0),
    ("alias", 1),
    ("apply", 2),
    ("apply", 3),
    ("atom_to_binary", 1),
    ("atom_to_binary", 2),
    ("atom_to_list", 1),
    ("binary_part", 2),
    ("binary_part", 3),
    ("binary_to_atom", 1),
    ("binary_to_atom", 2),
    ("binary_to_existing_atom", 1),
    ("binary_to_existing_atom", 2),
    ("binary_to_float", 1),
    ("binary_to_integer", 1),
    ("binary_to_integer", 2),
    ("binary_to_list", 1),
    ("binary_to_list", 3),
    ("binary_to_term", 1),
    ("binary_to_term", 2),
    ("bit_size", 1),
    ("bitstring_to_list", 1),
    ("byte_size", 1),
    ("ceil", 1),
    ("check_old_code", 1),
    ("check_process_code", 2),
    ("check_process_code", 3),
    ("date", 0),
    ("delete_module", 1),
    ("demonitor", 1),
    ("demonitor", 2),
    ("disconnect_node", 1),
    ("element", 2),
    ("erase", 0),
    ("erase", 1),
    ("error", 1),
    ("error", 2),
    ("error", 3),
    ("exit", 1),
    ("exit", 2),
    ("float", 1),
    ("float_to_binary", 1),
    ("float_to_binary", 2),
    ("float_to_list", 1),
    ("float_to_list", 2),
    ("floor", 1),
    ("garbage_collect", 0),
    ("garbage_collect", 1),
    ("garbage_collect", 2),
    ("get", 0),
    ("get", 1),
    ("get_keys", 0),
    ("get_keys", 1),
    ("group_leader", 0),
    ("group_leader", 2),
    ("halt", 0),
    ("halt", 1),
    ("halt", 2),
    ("hd", 1),
    ("integer_to_binary", 1),
    ("integer_to_binary", 2),
    ("integer_to_list", 1),
    ("integer_to_list", 2),
    ("iolist_size", 1),
    ("iolist_to_binary", 1),
    ("is_alive", 0),
    ("is_atom", 1),
    ("is_binary", 1),
    ("is_bitstring", 1),
    ("is_boolean", 1),
    ("is_float", 1),
    ("is_function", 1),
    ("is_function", 2),
    ("is_integer", 1),
    ("is_list", 1),
    ("is_map", 1),
    ("is_map_key", 2),
    ("is_number", 1),
    ("is_pid", 1),
    ("is_port", 1),
    ("is_process_alive", 1),
    ("is_record", 2),
    ("is_record", 3),
    ("is_reference", 1),
    ("is_tuple", 1),
    ("length", 1),
    ("link", 1),
    ("list_to_atom", 1),
    ("list_to_binary", 1),
    ("list_to_bitstring", 1),
    ("list_to_existing_atom", 1),
    ("list_to_float", 1),
    ("list_to_integer", 1),
    ("list_to_integer", 2),
    ("list_to_pid", 1),
    ("list_to_port", 1),
    ("list_to_ref", 1),
    ("list_to_tuple", 1),
    ("load_module", 2),
    ("make_ref", 0),
    ("map_get", 2),
    ("map_size", 1),
    ("max", 2),
    ("min", 2),
    ("module_loaded", 1),
    ("monitor", 2),
    ("monitor", 3),
    ("monitor_node", 2),
    ("monitor_node", 3),
    ("node", 0),
    ("node", 1),
    ("nodes", 0),
    ("nodes", 1),
    ("nodes", 2),
    ("now", 0),
    ("open_port", 2),
    ("pid_to_list", 1),
    ("port_close", 1),
    ("port_command", 2),
    ("port_command", 3),
    ("port_connect", 2),
    ("port_control", 3),
    ("port_to_list", 1),
    ("pre_loaded", 0),
    ("process_flag", 2),
    ("process_flag", 3),
    ("process_info", 1),
    ("process_info", 2),
    ("processes", 0),
    ("purge_module", 1),
    ("put", 2),
    ("ref_to_list", 1),
    ("register", 2),
    ("registered", 0),
    ("round", 1),
    ("self", 0),
    ("setelement", 3),
    ("size", 1),
    ("spawn", 1),
    ("spawn", 2),
    ("spawn", 3),
    ("spawn", 4),
    ("spawn_link", 1),
    ("spawn_link", 2),
    ("spawn_link", 3),
    ("spawn_link", 4),
    ("spawn_monitor", 1),
    ("spawn_monitor", 2),
    ("spawn_monitor", 3),
    ("spawn_monitor", 4),
    ("spawn_opt", 2),
    ("spawn_opt", 3),
    ("spawn_opt", 4),
    ("spawn_opt", 5),
    ("spawn_request", 1),
    ("spawn_request", 2),
    ("spawn_request", 3),
    ("spawn_request", 4),
    ("spawn_request", 5),
    ("spawn_request_abandon", 1),
    ("split_binary", 2),
    ("statistics", 1),
    ("term_to_binary", 1),
    ("term_to_binary", 2),
    ("term_to_iovec", 1),
    ("term_to_iovec", 2),
    ("throw", 1),
    ("time", 0),
    ("tl", 1),
    ("trunc", 1),
    ("tuple_size", 1),
    ("tuple_to_list", 1),
    ("unalias", 1),
    ("unlink", 1),
    ("unregister", 1),
    ("whereis", 1),
];

/// Whether `erlang:name/arity` is auto-imported.
pub(crate) fn is_auto_imported(name: &str, arity: usize) -> bool {
    AUTO_IMPORTED.iter().any(|&(n, a)| n == name && a == arity)
}

/// What is wrong with the arguments `args` of `erlang:name`, as `erl_erts_errors` explains a
/// `badarg` (argument number, 1-based, and the words); empty when krarup does not know.
pub(crate) fn argument_errors(name: &str, args: &[Term], atoms: &AtomTable) -> Vec<(usize, String)> {
    let is_list = |t: Term| t.is_nil() || t.as_cons().is_some();
    let proper = |t: Term| crate::ops::list_to_vec(t).is_some();
    let chars = |t: Term| {
        crate::ops::list_to_vec(t).is_some_and(|l| {
            l.iter()
                .all(|c| c.as_small().is_some_and(|n| (0..=0x10FFFF).contains(&n)))
        })
    };
    let int = |t: Term| t.is_integer();
    let bits = |t: Term| crate::ops::binary::bytes(t).is_some();
    let binary = |t: Term| crate::ops::binary::bytes(t).is_some_and(|(_, b)| b % 8 == 0);
    let one = |n: usize, s: &str| vec![(n, s.to_string())];
    let _ = atoms;
    match (name, args) {
        ("atom_to_list" | "atom_to_binary", [a, ..]) if a.as_atom().is_none() => one(1, "not an atom"),
        ("list_to_atom" | "list_to_existing_atom", [l]) if !proper(*l) => one(1, "not a list"),
        ("list_to_atom", [l]) if !chars(*l) => one(1, "not a list of characters"),
        ("list_to_existing_atom", [_]) => one(1, "not an already existing atom"),
        ("binary_to_list" | "binary_to_atom", [b, ..]) if !binary(*b) => one(1, "not a binary"),
        ("integer_to_list" | "integer_to_binary", [i, ..]) if !int(*i) => one(1, "not an integer"),
        ("integer_to_list" | "integer_to_binary", [_, base])
            if !base.as_small().is_some_and(|b| (2..=36).contains(&b)) =>
        {
            one(2, "not an integer in the range 2 through 36")
        }
        ("list_to_integer" | "list_to_float" | "list_to_pid" | "list_to_tuple", [l, ..])
            if !is_list(*l) || !proper(*l) =>
        {
            one(1, "not a list")
        }
        ("list_to_integer", [_, base])
            if !base.as_small().is_some_and(|b| (2..=36).contains(&b)) =>
        {
            one(2, "not an integer in the range 2 through 36")
        }
        ("list_to_integer" | "binary_to_integer", _) => {
            one(1, "not a textual representation of an integer")
        }
        ("list_to_float" | "binary_to_float", _) => one(1, "not a textual representation of a float"),
        ("list_to_pid", _) => one(1, "not a textual representation of a pid"),
        ("element", [n, t]) if !int(*n) => {
            let mut v = one(1, "not an integer");
            if t.as_tuple().is_none() {
                v.push((2, "not a tuple".into()));
            }
            v
        }
        ("element", [_, t]) if t.as_tuple().is_none() => one(2, "not a tuple"),
        ("element", [_, _]) => one(1, "out of range"),
        ("setelement", [n, _, _]) if !int(*n) => one(1, "not an integer"),
        ("setelement", [_, t, _]) if t.as_tuple().is_none() => one(2, "not a tuple"),
        ("setelement", [_, _, _]) => one(1, "out of range"),
        ("hd" | "tl", [_]) => one(1, "not a nonempty list"),
        ("length", [_]) => one(1, "not a list"),
        ("tuple_size" | "tuple_to_list", [_]) => one(1, "not a tuple"),
        ("byte_size" | "bit_size", [_]) => one(1, "not a bitstring"),
        ("size", [_]) => one(1, "not tuple or binary"),
        ("list_to_binary" | "list_to_bitstring", [_]) => one(1, "not an iolist term"),
        ("iolist_size" | "iolist_to_binary", [_]) => one(1, "not an iodata term"),
        ("abs" | "float" | "round" | "trunc", [_]) => one(1, "not a number"),
        ("float_to_list" | "float_to_binary", [f, ..]) if f.as_float().is_none() => {
            one(1, "not a float")
        }
        ("map_size", [_]) => one(1, "not a map"),
        ("is_map_key", [_, m]) if !m.is_map() => one(2, "not a map"),
        ("link" | "unlink", [_]) => one(1, "not a pid"),
        ("register", [n, _]) if n.as_atom().is_none() => one(1, "not an atom"),
        ("whereis", [n]) if n.as_atom().is_none() => one(1, "not an atom"),
        ("spawn" | "spawn_link", [f]) if !f.is_fun() => one(1, "not a fun"),
        ("apply", [_, _, a]) if !proper(*a) => one(3, "not a list"),
        ("binary_part", [b, ..]) if !bits(*b) => one(1, "not a binary"),
        ("binary_part", [_, _, _]) => one(2, "out of range"),
        ("binary_to_term", [_]) => one(1, "invalid external representation of a term"),
        ("process_flag", [_, _]) => one(1, "invalid process flag"),
        _ => Vec::new(),
    }
}

/// What is wrong with the arguments of `maps:name`, as `erl_stdlib_errors` explains it.
pub(crate) fn maps_argument_errors(name: &str, args: &[Term]) -> Vec<(usize, String)> {
    let one = |n: usize, s: &str| vec![(n, s.to_string())];
    match (name, args) {
        ("get" | "update" | "find" | "remove" | "take" | "is_key", [_, m, ..]) if !m.is_map() => {
            one(2, "not a map")
        }
        ("get" | "update", [_, _]) => one(1, "not present in map"),
        ("update", [_, _, m]) if !m.is_map() => one(3, "not a map"),
        ("update", [_, _, _]) => one(1, "not present in map"),
        ("keys" | "values" | "to_list" | "size", [_]) => one(1, "not a map"),
        _ => Vec::new(),
    }
}
