//! The `-compile` options that choose which warnings are reported, applied in one place to all the
//! diagnostics of a compile: erl_lint's `nowarn_*`/`warn_*` switches for the warnings krarup emits
//! (the later option wins, as erl_lint's `bool_option`), `nowarn_nomatch` (v3_kernel), and
//! `warnings_as_errors` (compile.erl). The checks themselves always report; they do not look at
//! these options.

use crate::ast::{Expr, Module};
use crate::checks::{fun_arities, list_items};
use crate::diagnostics::{Diagnostic, Kind, Severity};
use std::collections::HashSet;

/// Which warnings a module's `-compile` attributes keep.
#[derive(Debug, Clone)]
pub struct WarningOptions {
    unused_vars: bool,
    shadow_vars: bool,
    unused_function: bool,
    /// `{nowarn_unused_function, [F/A]}`.
    quiet_functions: HashSet<(String, u32)>,
    unused_record: bool,
    /// `{nowarn_unused_record, [R]}`.
    quiet_records: HashSet<String>,
    export_all: bool,
    nomatch: bool,
    warnings_as_errors: bool,
}

impl Default for WarningOptions {
    fn default() -> WarningOptions {
        WarningOptions {
            unused_vars: true,
            shadow_vars: true,
            unused_function: true,
            quiet_functions: HashSet::new(),
            unused_record: true,
            quiet_records: HashSet::new(),
            export_all: true,
            nomatch: true,
            warnings_as_errors: false,
        }
    }
}

impl WarningOptions {
    /// Reads every `-compile(...)` attribute of `m`, in order.
    pub fn from_module(m: &Module) -> WarningOptions {
        let mut o = WarningOptions::default();
        for a in &m.attributes {
            if let ("compile", Some(v)) = (a.name.as_str(), &a.value) {
                let mut items = Vec::new();
                list_items(v, &mut items);
                for item in items {
                    o.option(item);
                }
            }
        }
        o
    }

    fn option(&mut self, item: &Expr) {
        match item {
            Expr::Atom(a, _) => {
                let (on, name) = match a.strip_prefix("nowarn_") {
                    Some(rest) => (false, rest),
                    None => match a.strip_prefix("warn_") {
                        Some(rest) => (true, rest),
                        None => {
                            if a == "warnings_as_errors" {
                                self.warnings_as_errors = true;
                            }
                            return;
                        }
                    },
                };
                let flag = match name {
                    "unused_vars" => &mut self.unused_vars,
                    "shadow_vars" => &mut self.shadow_vars,
                    "unused_function" => &mut self.unused_function,
                    "unused_record" => &mut self.unused_record,
                    "export_all" => &mut self.export_all,
                    "nomatch" => &mut self.nomatch,
                    _ => return,
                };
                *flag = on;
            }
            Expr::Tuple(kv, _) => match kv.as_slice() {
                [Expr::Atom(k, _), v] if k == "nowarn_unused_function" => {
                    self.quiet_functions.extend(fun_arities(v));
                }
                [Expr::Atom(k, _), v] if k == "nowarn_unused_record" => {
                    let mut names = Vec::new();
                    list_items(v, &mut names);
                    for n in names {
                        if let Expr::Atom(n, _) = n {
                            self.quiet_records.insert(n.clone());
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// Whether a warning of this kind is reported.
    pub fn keeps(&self, kind: &Kind) -> bool {
        match kind {
            Kind::UnusedVariable(_) => self.unused_vars,
            Kind::ShadowedVariable { .. } => self.shadow_vars,
            Kind::UnusedFunction { name, arity } => {
                self.unused_function && !self.quiet_functions.contains(&(name.clone(), *arity))
            }
            Kind::UnusedRecord(name) => self.unused_record && !self.quiet_records.contains(name),
            Kind::ExportAll => self.export_all,
            Kind::ClauseCannotMatch { .. } => self.nomatch,
            _ => true,
        }
    }

    /// Drops the warnings the options silence; with `warnings_as_errors` and no error, makes
    /// every remaining warning an error (when the module already has errors, erlc reports its
    /// warnings as warnings).
    pub fn apply(&self, diags: &mut Vec<Diagnostic>) {
        diags.retain(|d| d.severity == Severity::Error || self.keeps(&d.kind));
        if self.warnings_as_errors && !diags.iter().any(Diagnostic::is_error) {
            for d in diags.iter_mut() {
                d.severity = Severity::Error;
            }
        }
    }
}
