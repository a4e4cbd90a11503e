//! Process aliases (OTP 24+): `erlang:alias/0,1`, `unalias/1`, `monitor/3` with its `{alias, _}`
//! and `{tag, _}` options, and sending through an alias. An alias is a reference; a message sent
//! to it reaches its owner only while the alias is active (the owner checks on arrival, so a
//! message already on its way when the alias ends is dropped too). Behaviour follows the
//! `erlang` module reference of OTP 25 (`alias/1`, `monitor/3`) and was checked against erl.

use super::process_bifs::Outcome;
use super::Vm;
use crate::atom;
use crate::native::Exception;
use crate::process::AliasMode;
use crate::signal::{make_ref, ref_id, Message, Signal};
use crate::term::Term;

impl<'a> Vm<'a> {
    /// `alias/0` (`opts` = `[]`) and `alias/1`: options `explicit_unalias` (the default) and
    /// `reply`; anything else is `badarg`.
    pub(super) fn alias(&mut self, opts: Term) -> Result<Term, Exception> {
        let opts = crate::ops::list_to_vec(opts).ok_or_else(Exception::badarg)?;
        let mut mode = AliasMode::Explicit;
        for o in opts {
            match self.atom_name(o).as_deref() {
                Some("explicit_unalias") => mode = AliasMode::Explicit,
                Some("reply") => mode = AliasMode::Reply,
                _ => return Err(Exception::badarg()),
            }
        }
        let reference = self.ctx.shared.next_unique();
        self.activate_alias(reference, mode);
        Ok(make_ref(&mut self.p.heap, reference))
    }

    fn activate_alias(&mut self, reference: u64, mode: AliasMode) {
        self.p.aliases.push((reference, mode));
        self.ctx.sys.set_alias(reference, Some(self.p.pid));
    }

    /// `unalias/1`: true if `r` was an active alias of the caller (now ended), else false;
    /// `badarg` if `r` is not a reference.
    pub(super) fn unalias(&mut self, r: Term) -> Result<Term, Exception> {
        let reference = ref_id(r).ok_or_else(Exception::badarg)?;
        let Some(i) = self.p.aliases.iter().position(|a| a.0 == reference) else {
            return Ok(Term::bool(false));
        };
        self.p.aliases.swap_remove(i);
        self.ctx.sys.set_alias(reference, None);
        Ok(Term::bool(true))
    }

    /// A message to the alias `reference` (from `Alias ! Msg` or `erlang:send/2,3`). The
    /// caller's own alias is checked here, as its inbox would.
    pub(super) fn send_to_alias(&mut self, reference: u64, msg: Term) {
        let me = self.p.pid;
        if !self.p.aliases.iter().any(|a| a.0 == reference) {
            self.ctx.sys.send_to_alias(me, reference, msg);
            return;
        }
        self.ctx.sys.post(
            me,
            me,
            Signal::AliasMessage {
                alias: reference,
                msg: Message::copy_of(msg),
            },
        );
    }

    /// `monitor/3`: `monitor/2` with options `{alias, explicit_unalias | demonitor |
    /// reply_demonitor}` (the monitor reference is also an alias) and `{tag, Tag}` (`Tag`
    /// replaces `'DOWN'` in the message). A bad option, or `opts` not a proper list, is `badarg`.
    pub(super) fn monitor3(&mut self, kind: Term, target: Term, opts: Term) -> Outcome {
        let Some(opts) = crate::ops::list_to_vec(opts) else {
            return Outcome::Raise(Exception::badarg());
        };
        let (mut alias, mut tag) = (None, None);
        for o in opts {
            let Some([k, v]) = o.as_tuple_n() else {
                return Outcome::Raise(Exception::badarg());
            };
            match (self.atom_name(k).as_deref(), self.atom_name(v).as_deref()) {
                (Some("alias"), Some("explicit_unalias")) => alias = Some(AliasMode::Explicit),
                (Some("alias"), Some("demonitor")) => alias = Some(AliasMode::Demonitor),
                (Some("alias"), Some("reply_demonitor")) => alias = Some(AliasMode::ReplyDemonitor),
                (Some("tag"), _) => tag = Some(v),
                _ => return Outcome::Raise(Exception::badarg()),
            }
        }
        let r = match self.monitor(kind, target) {
            Ok(r) => r,
            Err(e) => return Outcome::Raise(e),
        };
        let Some(reference) = ref_id(r) else {
            return Outcome::Value(r);
        };
        if let Some(mode) = alias {
            self.activate_alias(reference, mode);
        }
        if let Some(tag) = tag {
            let still_monitoring = self.p.monitors.iter().any(|m| m.reference == reference);
            if still_monitoring {
                self.p.monitor_tags.push((reference, Message::copy_of(tag)));
            } else {
                // An unregistered name: its 'DOWN' is already in the mailbox; tag it there.
                self.retag_down(reference, tag);
            }
            if alias.is_some() && !still_monitoring {
                self.monitor_gone(reference);
            }
        } else if alias.is_some() && !self.p.monitors.iter().any(|m| m.reference == reference) {
            self.monitor_gone(reference);
        }
        Outcome::Value(r)
    }

    /// Replaces `'DOWN'` by `tag` in the mailbox's `'DOWN'` message for `reference`.
    fn retag_down(&mut self, reference: u64, tag: Term) {
        let is_down = |t: Term| match t.as_tuple() {
            Some(w) if w.len() == 5 => {
                w.at(0) == Term::atom(atom::DOWN) && ref_id(w.at(1)) == Some(reference)
            }
            _ => false,
        };
        let Some(i) = self.p.mailbox.messages.iter().position(|&m| is_down(m)) else {
            return;
        };
        let old = self.p.mailbox.messages[i];
        if let Some([_, r, kind, who, reason]) = old.as_tuple_n() {
            let new = self.p.heap.tuple(&[tag, r, kind, who, reason]);
            self.p.mailbox.messages[i] = new;
        }
    }

    /// Monitor `reference` was removed (by `demonitor`, or it never got going): an alias tied
    /// to it ends, and its tag is dropped.
    pub(super) fn monitor_gone(&mut self, reference: u64) {
        self.p.monitor_tags.retain(|t| t.0 != reference);
        let tied = self.p.aliases.iter().any(|&(a, mode)| {
            a == reference && matches!(mode, AliasMode::Demonitor | AliasMode::ReplyDemonitor)
        });
        if tied {
            self.p.aliases.retain(|a| a.0 != reference);
            self.ctx.sys.set_alias(reference, None);
        }
    }

    /// The name of atom `t`, if it is one.
    fn atom_name(&self, t: Term) -> Option<String> {
        t.as_atom()
            .map(|a| self.ctx.shared.atoms.name(a).to_string())
    }
}
