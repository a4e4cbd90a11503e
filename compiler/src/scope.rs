//! Variable scopes for lowering: which Erlang variable names are bound (to which core variable),
//! which are "unsafe" (bound in only some branches of a `case`/`if`/`receive`, or inside a
//! `try`/`catch`), and the helpers that merge the scopes of branches following Erlang's rules
//! (a variable bound in every branch is exported from the construct). Also the "did you mean"
//! suggestion for unbound variables. It does not emit code.

use crate::ast::Span;
use crate::core::VarId;
use std::collections::BTreeMap;

/// The state of one variable name.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// Bound to this core variable.
    Bound(VarId),
    /// Bound on some paths only; using it is an error. Holds the construct name (`case`, `try`...)
    /// and the span of that construct.
    Unsafe(&'static str, Span),
}

/// Variables visible at one point of a function body. Cloned at branch points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    /// Name to binding; ordered so hints are deterministic.
    pub vars: BTreeMap<String, Binding>,
}

impl Scope {
    /// The core variable bound to `name`, if it is bound and safe.
    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.vars.get(name)
    }

    /// Binds `name`.
    pub fn bind(&mut self, name: &str, v: VarId) {
        self.vars.insert(name.to_string(), Binding::Bound(v));
    }

    /// Names bound (safely) in this scope.
    pub fn bound_names(&self) -> Vec<&str> {
        self.vars
            .iter()
            .filter(|(_, b)| matches!(b, Binding::Bound(_)))
            .map(|(n, _)| n.as_str())
            .collect()
    }
}

/// The result of merging branch scopes: names bound in every branch but not before (each with the
/// core variable of every branch, in branch order), and names bound in some branches only.
pub struct Merge {
    /// Exported names with one core variable per branch.
    pub exported: Vec<(String, Vec<VarId>)>,
    /// Names that become unsafe.
    pub unsafe_names: Vec<String>,
}

/// Compares the scopes after each branch with the scope before the construct.
pub fn merge(before: &Scope, branches: &[Scope]) -> Merge {
    let mut exported = Vec::new();
    let mut unsafe_names = Vec::new();
    let mut names: Vec<&String> = Vec::new();
    for b in branches {
        for (n, bind) in &b.vars {
            if before.vars.get(n) != Some(bind) && !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names.sort();
    for n in names {
        if matches!(before.vars.get(n.as_str()), Some(Binding::Bound(_))) {
            continue;
        }
        let mut vars = Vec::new();
        let mut all = true;
        for b in branches {
            match b.vars.get(n.as_str()) {
                Some(Binding::Bound(v)) => vars.push(*v),
                _ => all = false,
            }
        }
        if all && !branches.is_empty() {
            exported.push((n.clone(), vars));
        } else {
            unsafe_names.push(n.clone());
        }
    }
    Merge {
        exported,
        unsafe_names,
    }
}

/// Levenshtein distance between two short names.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A hint for an unbound variable: a close match if there is one, and the names in scope.
pub fn unbound_hint(name: &str, scope_names: &[&str]) -> Option<String> {
    let close = scope_names
        .iter()
        .filter(|n| distance(name, n) <= 2 || n.eq_ignore_ascii_case(name))
        .min_by_key(|n| distance(name, n));
    let listing = if scope_names.is_empty() {
        "no variables are bound here".to_string()
    } else {
        format!("variables in scope: {}", scope_names.join(", "))
    };
    match close {
        Some(c) => Some(format!("did you mean '{c}'? ({listing})")),
        None => Some(listing),
    }
}
