//! Module-level checks on the AST, after a successful parse, following the module-level part of OTP's
//! `erl_lint`: missing `-module`, duplicate function definitions, exported-but-undefined functions,
//! calls to undefined local functions (with "did you mean" hints), local calls that clash with old
//! auto-imported BIFs, undefined records and record fields, and unused functions (warnings).
//! Variable-level checks (unbound, unused, unsafe variables) belong to lowering, not here.
//!
//! Call resolution used here (and expected of lowering): a local call `f(...)` with arity N goes to
//! the module's own `f/N` if defined, else to an `-import`ed `f/N`, else to the auto-imported BIF
//! `erlang:f/N` (see [`is_auto_imported_bif`]), else it is an error.

use crate::ast::*;
use crate::diagnostics::{Diagnostic, FunSuggestion, Kind};
use std::collections::{HashMap, HashSet};

/// The BIFs auto-imported from `erlang` in OTP 25 (`erl_internal:bif/2`), as `(name, arity)`.
const AUTO_IMPORTED: &[(&str, u32)] = &[
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

/// Auto-imported BIFs that existed before R14 (`erl_internal:old_bif/2`): a module defining a function
/// with one of these names/arities must say `-compile({no_auto_import, [F/A]})` to call its own.
const OLD_BIFS: &[(&str, u32)] = &[
    ("abs", 1),
    ("apply", 2),
    ("apply", 3),
    ("atom_to_binary", 2),
    ("atom_to_list", 1),
    ("binary_to_atom", 2),
    ("binary_to_existing_atom", 2),
    ("binary_to_list", 1),
    ("binary_to_list", 3),
    ("binary_to_term", 1),
    ("bit_size", 1),
    ("bitstring_to_list", 1),
    ("byte_size", 1),
    ("check_process_code", 2),
    ("date", 0),
    ("delete_module", 1),
    ("disconnect_node", 1),
    ("element", 2),
    ("erase", 0),
    ("erase", 1),
    ("exit", 1),
    ("exit", 2),
    ("float", 1),
    ("float_to_list", 1),
    ("garbage_collect", 0),
    ("garbage_collect", 1),
    ("get", 0),
    ("get", 1),
    ("get_keys", 1),
    ("group_leader", 0),
    ("group_leader", 2),
    ("halt", 0),
    ("halt", 1),
    ("hd", 1),
    ("integer_to_list", 1),
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
    ("list_to_pid", 1),
    ("list_to_tuple", 1),
    ("load_module", 2),
    ("make_ref", 0),
    ("module_loaded", 1),
    ("monitor_node", 2),
    ("node", 0),
    ("node", 1),
    ("nodes", 0),
    ("nodes", 1),
    ("now", 0),
    ("open_port", 2),
    ("pid_to_list", 1),
    ("port_close", 1),
    ("port_command", 2),
    ("port_connect", 2),
    ("port_control", 3),
    ("pre_loaded", 0),
    ("process_flag", 2),
    ("process_flag", 3),
    ("process_info", 1),
    ("process_info", 2),
    ("processes", 0),
    ("purge_module", 1),
    ("put", 2),
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
    ("spawn_monitor", 3),
    ("spawn_opt", 2),
    ("spawn_opt", 3),
    ("spawn_opt", 4),
    ("spawn_opt", 5),
    ("split_binary", 2),
    ("statistics", 1),
    ("term_to_binary", 1),
    ("term_to_binary", 2),
    ("throw", 1),
    ("time", 0),
    ("tl", 1),
    ("trunc", 1),
    ("tuple_size", 1),
    ("tuple_to_list", 1),
    ("unlink", 1),
    ("unregister", 1),
    ("whereis", 1),
];

/// True if `name/arity` is auto-imported from `erlang` (callable without a module prefix).
pub fn is_auto_imported_bif(name: &str, arity: u32) -> bool {
    AUTO_IMPORTED.iter().any(|(n, a)| *n == name && *a == arity)
}

/// True for auto-imported BIFs from before R14, which a local definition may not silently override.
fn is_old_bif(name: &str, arity: u32) -> bool {
    OLD_BIFS.iter().any(|(n, a)| *n == name && *a == arity)
}

/// Runs all module-level checks; returns errors and warnings in no particular order.
pub fn check_module(m: &Module) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if m.name.is_empty() {
        diags.push(Diagnostic::new(Kind::NoModule, first_form_position(m)));
    }
    let compile = CompileOptions::from_module(m);

    // Duplicate definitions.
    let mut defined: HashMap<(&str, u32), Span> = HashMap::new();
    for f in &m.functions {
        let head = f.clauses.first().map_or(f.span, |c| {
            Span::new(c.span.start, c.span.start + f.name.len() as u32)
        });
        if let Some(first) = defined.get(&(f.name.as_str(), f.arity)) {
            diags.push(Diagnostic::new(
                Kind::FunctionRedefined {
                    name: f.name.clone(),
                    arity: f.arity,
                    first: *first,
                },
                head,
            ));
        } else {
            defined.insert((f.name.as_str(), f.arity), head);
        }
    }
    // module_info/0,1 are generated for every module that does not define them (erlc adds them
    // before erl_lint runs), so local calls and `fun module_info/1` reach them.
    for arity in 0..2 {
        defined.entry(("module_info", arity)).or_default();
    }
    let imported: HashSet<(&str, u32)> = m
        .imports
        .iter()
        .map(|(_, f, a, _)| (f.as_str(), *a))
        .collect();

    // Exported but undefined.
    for (name, arity, span) in &m.exports {
        if !defined.contains_key(&(name.as_str(), *arity)) {
            diags.push(undefined_function(name, *arity, *span, &defined));
        }
    }

    // Calls, fun references and records inside every function.
    let records: HashMap<&str, &RecordDef> =
        m.records.iter().map(|r| (r.name.as_str(), r)).collect();
    let mut calls: HashMap<(&str, u32), Vec<(&str, u32)>> = HashMap::new();
    for f in &m.functions {
        let mut callees = Vec::new();
        // A call in a guard is illegal (lowering reports it) and, as in erl_lint, does not make
        // the callee used.
        let mut guard_callees = Vec::new();
        let in_patterns = calls_in_patterns(f);
        for c in &f.clauses {
            let in_guard = c.guards.iter().flatten().count();
            let first_body = c.patterns.len() + in_guard;
            for (i, e) in clause_exprs(c).enumerate() {
                let into = if i >= c.patterns.len() && i < first_body {
                    &mut guard_callees
                } else {
                    &mut callees
                };
                e.walk(&mut |e| {
                    // A call in a pattern is an illegal pattern (lowering says so), nothing more.
                    if let Expr::Call { span, .. } = e {
                        if in_patterns.contains(&span.start) {
                            return;
                        }
                    }
                    check_expr(e, &defined, &imported, &compile, &records, into, &mut diags);
                });
            }
        }
        calls.insert((f.name.as_str(), f.arity), callees);
    }
    // Functions called from record field defaults count as used (OTP expands defaults into the
    // functions that build the record, so they are reachable whenever the record is built).
    let mut default_callees = Vec::new();
    for r in &m.records {
        for field in &r.fields {
            if let Some(d) = &field.default {
                d.walk(&mut |e| {
                    check_expr(
                        e,
                        &defined,
                        &imported,
                        &compile,
                        &records,
                        &mut default_callees,
                        &mut diags,
                    )
                });
            }
        }
    }

    // Unused records (erl_lint's `unused_record` warning), only for records of the module's own
    // source, as erl_lint (`check_unused_records` skips included files).
    let used = used_records(m);
    for r in &m.records {
        if !used.contains(r.name.as_str()) && m.sources.file_at(r.span.start).is_none() {
            diags.push(Diagnostic::new(
                Kind::UnusedRecord(r.name.clone()),
                // At the attribute's name, after the `-`, as erl_lint.
                Span::new(r.span.start + 1, r.span.end.max(r.span.start + 1)),
            ));
        }
    }

    if let Some(at) = compile.export_all_at {
        diags.push(Diagnostic::new(Kind::ExportAll, at));
    }

    // Unused functions: not reachable from exports (or on_load).
    if !compile.export_all {
        let mut reachable: HashSet<(&str, u32)> = HashSet::new();
        let mut stack: Vec<(&str, u32)> =
            m.exports.iter().map(|(n, a, _)| (n.as_str(), *a)).collect();
        stack.extend(compile.on_load.iter().map(|(n, a)| (n.as_str(), *a)));
        stack.extend(default_callees.iter().copied());
        while let Some(fa) = stack.pop() {
            if reachable.insert(fa) {
                if let Some(cs) = calls.get(&fa) {
                    stack.extend(cs.iter().copied());
                }
            }
        }
        for f in &m.functions {
            let key = (f.name.as_str(), f.arity);
            // Every definition of a duplicated function is reported, as erl_lint does.
            if !reachable.contains(&key) {
                let head = Span::new(f.span.start, f.span.start + f.name.len() as u32);
                diags.push(Diagnostic::new(
                    Kind::UnusedFunction {
                        name: f.name.clone(),
                        arity: f.arity,
                    },
                    head,
                ));
            }
        }
    }
    diags
}

/// True if a `-compile` attribute turns on `export_all` (every function is then exported).
pub(crate) fn exports_all(m: &Module) -> bool {
    CompileOptions::from_module(m).export_all
}

/// The parts of `-compile(...)` and `-on_load(...)` these checks need.
#[derive(Default)]
struct CompileOptions {
    export_all: bool,
    /// The first `-compile` attribute that turns `export_all` on (for erl_lint's warning).
    export_all_at: Option<Span>,
    no_auto_import_all: bool,
    no_auto_import: HashSet<(String, u32)>,
    on_load: Vec<(String, u32)>,
}

impl CompileOptions {
    fn from_module(m: &Module) -> CompileOptions {
        let mut o = CompileOptions::default();
        for a in &m.attributes {
            match (a.name.as_str(), &a.value) {
                ("compile", Some(v)) => {
                    let mut items = Vec::new();
                    list_items(v, &mut items);
                    for item in items {
                        o.compile_option(item);
                    }
                    if o.export_all && o.export_all_at.is_none() {
                        o.export_all_at = Some(Span::new(a.span.start + 1, a.span.start + 8));
                    }
                }
                ("on_load", Some(Expr::BinaryOp(BinOp::FDiv, f, n, _))) => {
                    if let (Expr::Atom(f, _), Expr::Integer(n, _)) = (f.as_ref(), n.as_ref()) {
                        o.on_load
                            .push((f.clone(), u32::try_from(n).unwrap_or(u32::MAX)));
                    }
                }
                _ => {}
            }
        }
        o
    }

    fn compile_option(&mut self, item: &Expr) {
        match item {
            Expr::Atom(a, _) if a == "export_all" => self.export_all = true,
            Expr::Atom(a, _) if a == "no_auto_import" => self.no_auto_import_all = true,
            Expr::Tuple(kv, _) => {
                let [Expr::Atom(k, _), v] = kv.as_slice() else {
                    return;
                };
                if k == "no_auto_import" {
                    self.no_auto_import.extend(fun_arities(v));
                }
            }
            _ => {}
        }
    }

    fn auto_import_off(&self, name: &str, arity: u32) -> bool {
        self.no_auto_import_all || self.no_auto_import.contains(&(name.to_string(), arity))
    }
}

/// Names of records used anywhere: in function clauses, in other records' defaults, and in
/// `record_info(_, Name)`.
fn used_records(m: &Module) -> HashSet<&str> {
    fn note<'a>(e: &'a Expr, used: &mut HashSet<&'a str>) {
        match e {
            Expr::Record { name, .. }
            | Expr::RecordField { name, .. }
            | Expr::RecordUpdate { name, .. }
            | Expr::RecordIndex { name, .. } => {
                used.insert(name.as_str());
            }
            Expr::Call {
                target: CallTarget::Local(f, _),
                args,
                ..
            } if f == "record_info" => {
                if let [_, Expr::Atom(r, _)] = args.as_slice() {
                    used.insert(r.as_str());
                }
            }
            _ => {}
        }
    }
    let mut used = HashSet::new();
    for f in &m.functions {
        for c in &f.clauses {
            clause_exprs(c).for_each(|e| e.walk(&mut |x| note(x, &mut used)));
        }
    }
    for r in &m.records {
        for d in r.fields.iter().filter_map(|f| f.default.as_ref()) {
            d.walk(&mut |x| note(x, &mut used));
        }
    }
    used
}

/// The `name/arity` or `{name, arity}` items of a `-compile` option's list (or single item).
pub(crate) fn fun_arities(e: &Expr) -> Vec<(String, u32)> {
    let mut items = Vec::new();
    list_items(e, &mut items);
    items
        .into_iter()
        .filter_map(|fa| {
            let (f, n) = match fa {
                Expr::BinaryOp(BinOp::FDiv, f, n, _) => (f.as_ref(), n.as_ref()),
                Expr::Tuple(fa, _) if fa.len() == 2 => (&fa[0], &fa[1]),
                _ => return None,
            };
            match (f, n) {
                (Expr::Atom(f, _), Expr::Integer(n, _)) => {
                    Some((f.clone(), u32::try_from(n).unwrap_or(u32::MAX)))
                }
                _ => None,
            }
        })
        .collect()
}

/// The elements of a proper list expression, or the expression itself if it is not a list.
pub(crate) fn list_items<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    let mut cur = e;
    if !matches!(cur, Expr::Cons(..) | Expr::Nil(_)) {
        out.push(cur);
        return;
    }
    while let Expr::Cons(h, t, _) = cur {
        out.push(h);
        cur = t;
    }
}

/// All top-level expressions of a function clause (patterns, guards, body).
fn clause_exprs(c: &Clause) -> impl Iterator<Item = &Expr> {
    c.patterns
        .iter()
        .chain(c.guards.iter().flatten())
        .chain(c.body.iter())
}

fn check_expr<'a>(
    e: &'a Expr,
    defined: &HashMap<(&str, u32), Span>,
    imported: &HashSet<(&str, u32)>,
    compile: &CompileOptions,
    records: &HashMap<&str, &RecordDef>,
    callees: &mut Vec<(&'a str, u32)>,
    diags: &mut Vec<Diagnostic>,
) {
    match e {
        Expr::Call {
            target: CallTarget::Local(name, _),
            args,
            span,
        } if name == "record_info" && args.len() == 2 => {
            // `record_info(fields | size, Name)`: a compile-time pseudo-function (lowering expands it).
            match (&args[0], &args[1]) {
                (Expr::Atom(what, _), Expr::Atom(rname, rspan))
                    if what == "fields" || what == "size" =>
                {
                    // erl_lint reports an undefined record at the call.
                    let _ = rspan;
                    record_or_error(rname, *span, records, diags);
                }
                (Expr::Atom(_, what_span), _) => {
                    diags.push(Diagnostic::new(Kind::IllegalRecordInfo, *what_span))
                }
                _ => diags.push(Diagnostic::new(Kind::IllegalRecordInfo, *span)),
            }
        }
        // `is_record(X, Name)` and `erlang:is_record(X, Name)` name a record erl_lint checks.
        Expr::Call { target, args, .. }
            if args.len() == 2
                && is_record_call(target)
                && !defined.contains_key(&("is_record", 2)) =>
        {
            if let Expr::Atom(rname, rspan) = &args[1] {
                record_or_error(rname, *rspan, records, diags);
            }
        }
        Expr::Call {
            target: CallTarget::Local(name, span),
            args,
            ..
        } => {
            let arity = u32::try_from(args.len()).unwrap_or(u32::MAX);
            let key = (name.as_str(), arity);
            if defined.contains_key(&key) {
                callees.push(key);
                if is_auto_imported_bif(name, arity) && !compile.auto_import_off(name, arity) {
                    // erl_lint: an error for BIFs that predate R14, a warning for newer ones.
                    let (name, arity) = (name.clone(), arity);
                    let kind = if is_old_bif(&name, arity) {
                        Kind::AmbiguousOldBif { name, arity }
                    } else {
                        Kind::AmbiguousBif { name, arity }
                    };
                    diags.push(Diagnostic::new(kind, *span));
                }
            } else if !imported.contains(&key) && !is_auto_imported_bif(name, arity) {
                diags.push(undefined_function(name, arity, *span, defined));
            }
        }
        Expr::FunRef { name, arity, span } => {
            let key = (name.as_str(), *arity);
            if defined.contains_key(&key) {
                callees.push(key);
            } else if !is_auto_imported_bif(name, *arity) {
                diags.push(undefined_function(name, *arity, *span, defined));
            }
        }
        Expr::Record { name, fields, span }
        | Expr::RecordUpdate {
            name, fields, span, ..
        } => {
            if let Some(r) = record_or_error(name, *span, records, diags) {
                for f in fields {
                    if let Some(fname) = &f.name {
                        check_field(r, fname, f.span, diags);
                    }
                }
            }
        }
        Expr::RecordField {
            name, field, span, ..
        }
        | Expr::RecordIndex { name, field, span } => {
            let at = record_hash_span(*span, name, field);
            if let Some(r) = record_or_error(name, at, records, diags) {
                check_field(r, field, field_name_span(*span, field), diags);
            }
        }
        Expr::Call {
            target: CallTarget::Remote(..),
            ..
        }
        | Expr::RemoteFunRef { .. } => {}
        _ => {}
    }
}

fn record_or_error<'r>(
    name: &str,
    span: Span,
    records: &HashMap<&str, &'r RecordDef>,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'r RecordDef> {
    let r = records.get(name).copied();
    if r.is_none() {
        let suggestion = closest(name, records.keys().copied()).map(str::to_string);
        let kind = Kind::UndefinedRecord {
            name: name.to_string(),
            suggestion,
        };
        diags.push(Diagnostic::new(kind, span));
    }
    r
}

/// `is_record` called locally or as `erlang:is_record`.
fn is_record_call(target: &CallTarget) -> bool {
    match target {
        CallTarget::Local(n, _) => n == "is_record",
        CallTarget::Remote(m, f) => matches!(
            (m.as_ref(), f.as_ref()),
            (Expr::Atom(m, _), Expr::Atom(f, _)) if m == "erlang" && f == "is_record"
        ),
        CallTarget::Expr(_) => false,
    }
}

fn check_field(r: &RecordDef, field: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    if !r.fields.iter().any(|f| f.name == field) {
        let suggestion =
            closest(field, r.fields.iter().map(|f| f.name.as_str())).map(str::to_string);
        let kind = Kind::UndefinedField {
            field: field.to_string(),
            record: r.name.clone(),
            defined_at: r.span,
            suggestion,
        };
        diags.push(Diagnostic::new(kind, span));
    }
}

/// "function name/arity undefined", suggesting another arity of the same name if one exists, or
/// a similar name with the same arity.
fn undefined_function(
    name: &str,
    arity: u32,
    span: Span,
    defined: &HashMap<(&str, u32), Span>,
) -> Diagnostic {
    let same_name = defined
        .keys()
        .filter(|(n, _)| *n == name)
        .map(|(_, a)| *a)
        .min();
    let suggestion = match same_name {
        Some(a) => Some(FunSuggestion::OtherArity(a)),
        None => {
            let candidates = defined.keys().filter(|(_, a)| *a == arity).map(|(n, _)| *n);
            closest(name, candidates).map(|b| FunSuggestion::Similar(b.to_string()))
        }
    };
    let kind = Kind::UndefinedFunction {
        name: name.to_string(),
        arity,
        suggestion,
    };
    Diagnostic::new(kind, span)
}

/// The candidate closest to `name` by edit distance, if within a third of the name's length (so names
/// shorter than three characters get no suggestion).
fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let limit = name.chars().count() / 3;
    if limit == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(name, c);
        if d <= limit && best.is_none_or_gt(d, c) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Helper for [`closest`]: keeps the smallest distance, ties broken alphabetically (deterministic).
trait BestSoFar {
    fn is_none_or_gt(&self, d: usize, c: &str) -> bool;
}

impl BestSoFar for Option<(usize, &str)> {
    fn is_none_or_gt(&self, d: usize, c: &str) -> bool {
        match self {
            None => true,
            Some((bd, bc)) => d < *bd || (d == *bd && c < *bc),
        }
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Checks that the module name matches the file name (without directory and `.erl`), as `erlc` and
/// the code loader require. Not part of [`check_module`], because tests compile snippets under
/// made-up file names; the `krarup` binary calls it for files it reads. Returns `None` when the names
/// match, when the file name does not end in `.erl`, or when `-module` is missing (reported
/// elsewhere).
pub fn check_module_file_name(m: &Module) -> Option<Diagnostic> {
    let base = m.file.rsplit(['/', '\\']).next().unwrap_or(&m.file);
    let stem = base.strip_suffix(".erl")?;
    if m.name.is_empty() || m.name == stem {
        return None;
    }
    let kind = Kind::ModuleNameMismatch {
        module: m.name.clone(),
        stem: stem.to_string(),
    };
    Some(Diagnostic::new(kind, m.span))
}

/// Where erl_lint reports "no module definition": the first form (a function's start, an
/// attribute's name after the `-`).
fn first_form_position(m: &Module) -> Span {
    let starts = m
        .functions
        .iter()
        .map(|f| f.span.start)
        .chain(m.exports.iter().map(|(_, _, s)| s.start))
        .chain(m.records.iter().map(|r| r.span.start + 1))
        .chain(m.attributes.iter().map(|a| a.span.start + 1));
    match starts.min() {
        Some(p) => Span::new(p, p + 1),
        None => Span::default(),
    }
}

/// The `#` of `E#r.f` / `#r.f` (where erl_lint reports an undefined record), found from the end
/// of the span; the whole span when it is too short.
pub(crate) fn record_hash_span(span: Span, name: &str, field: &str) -> Span {
    match span.end.checked_sub((name.len() + field.len() + 2) as u32) {
        Some(start) if start >= span.start => Span::new(start, start + 1),
        _ => span,
    }
}

/// The span of the field name that ends `E#r.f` / `#r.f` (where erl_lint reports an undefined
/// field); the whole span when it is too short to hold the name.
pub(crate) fn field_name_span(span: Span, field: &str) -> Span {
    match span.end.checked_sub(field.len() as u32) {
        Some(start) if start >= span.start => Span::new(start, span.end),
        _ => span,
    }
}

/// Start offsets of the calls written inside patterns of `f` (clause heads of `case`, `receive`,
/// `try ... of`, funs, and the left side of `=`), which erl_lint reports as illegal patterns only.
fn calls_in_patterns(f: &Function) -> HashSet<u32> {
    let mut pats: Vec<&Expr> = f.clauses.iter().flat_map(|c| c.patterns.iter()).collect();
    for c in &f.clauses {
        for e in c.body.iter().chain(c.guards.iter().flatten()) {
            e.walk(&mut |x| match x {
                Expr::Case(_, cs, _)
                | Expr::Receive { clauses: cs, .. }
                | Expr::Try { of_clauses: cs, .. }
                | Expr::Fun(cs, _)
                | Expr::NamedFun { clauses: cs, .. } => {
                    pats.extend(cs.iter().flat_map(|c| c.patterns.iter()));
                }
                Expr::Match(lhs, _, _) => pats.push(lhs),
                _ => {}
            });
        }
    }
    let mut out = HashSet::new();
    for p in pats {
        p.walk(&mut |x| {
            if let Expr::Call { span, .. } = x {
                out.insert(span.start);
            }
        });
    }
    out
}
