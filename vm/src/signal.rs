//! Signals between processes and the control block that receives them: the message send path's
//! vocabulary, shared by the interpreter (which sends) and the scheduler (which delivers). Owns
//! the message copy (a term moved into a heap fragment of its own), the signal kinds, timer
//! events, reference ids, and the inbox with its state machine; does not own what a process does
//! with a signal (`sched::handle`) or scheduling (`sched`).
//!
//! As in BEAM, every interaction between processes is a signal sent to the target's queue:
//! messages, exit signals, link and monitor bookkeeping. A sender never touches the receiver's
//! heap: it copies the message into a fragment it allocates, and the receiver takes the fragment
//! into its heap when it handles the signal. Signals from one sender arrive in the order sent.

use crate::copy::{copy_term, size_of_term};
use crate::heap::Heap;
use crate::process::Process;
use crate::term::Term;
use std::sync::Mutex;

/// A term together with the heap fragment holding it (`None` for an immediate).
pub struct Message {
    pub term: Term,
    pub frag: Option<Box<Heap>>,
}

impl Message {
    /// As `copy_of`, but `None` when the fragment cannot be allocated (the message is too large
    /// for the memory left): the sender goes on, and the receiver is ended instead (see
    /// `ExitKind::Fatal`).
    pub fn try_copy_of(t: Term) -> Option<Message> {
        let words = size_of_term(t);
        if words == 0 {
            return Some(Message::immediate(t));
        }
        let mut heap = Heap::try_with_capacity(words)?;
        let term = copy_term(&mut heap, t);
        Some(Message {
            term,
            frag: Some(Box::new(heap)),
        })
    }

    /// Copies `t` out of its heap into a fresh fragment (BEAM's `copy_struct` into a message
    /// buffer). Large binaries are shared by reference count, not copied.
    pub fn copy_of(t: Term) -> Message {
        // The common message, a tuple of immediates (`{ping, Pid, N}`), is one block copy.
        if let Some(elems) = t.as_tuple() {
            if elems.iter().all(|e| e.is_immediate()) {
                let mut heap = Heap::with_capacity(elems.len() + 1);
                let term = heap.tuple_from(elems);
                return Message {
                    term,
                    frag: Some(Box::new(heap)),
                };
            }
        }
        let words = size_of_term(t);
        if words == 0 {
            return Message {
                term: t,
                frag: None,
            };
        }
        let mut heap = Heap::with_capacity(words);
        let term = copy_term(&mut heap, t);
        Message {
            term,
            frag: Some(Box::new(heap)),
        }
    }

    /// An immediate term (no fragment).
    pub fn immediate(t: Term) -> Message {
        debug_assert!(size_of_term(t) == 0);
        Message {
            term: t,
            frag: None,
        }
    }

    /// Builds a message with `build`, which allocates on a fresh fragment.
    pub fn build(build: impl FnOnce(&mut Heap) -> Term) -> Message {
        let mut heap = Heap::with_capacity(16);
        let term = build(&mut heap);
        Message {
            term,
            frag: Some(Box::new(heap)),
        }
    }

    /// Moves the message into `heap` and returns the term, now valid on `heap`. A message that
    /// fits in the young block's free room is copied there and its fragment freed at once (so a
    /// process receiving many small messages does not pile up fragments until its next
    /// collection); a larger one's fragment becomes part of the heap.
    pub fn into_heap(self, heap: &mut Heap) -> Term {
        match self.frag {
            None => self.term,
            Some(frag) if frag.used_words() <= heap.young_free() => copy_term(heap, self.term),
            Some(frag) => {
                heap.absorb(*frag);
                self.term
            }
        }
    }
}

/// How an exit signal was sent.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ExitKind {
    /// A linked process ended (ignored if the link is gone by the time it arrives).
    Link,
    /// `erlang:exit/2`.
    Exit2,
    /// The VM ends the receiver with the reason, which it cannot trap: a message to it could
    /// not be allocated (`system_limit`).
    Fatal,
}

/// One signal in a process's inbox.
pub enum Signal {
    /// A message for the mailbox.
    Message(Message),
    /// A message sent to the process alias with reference id `alias`: it joins the mailbox only
    /// if the alias is still active when the receiver takes it in (OTP 24's aliases).
    AliasMessage { alias: u64, msg: Message },
    /// An exit signal from process `from`.
    Exit {
        from: u64,
        reason: Message,
        kind: ExitKind,
    },
    /// `from` linked itself to this process.
    Link { from: u64 },
    /// `from` removed its link to this process.
    Unlink { from: u64 },
    /// `from` monitors this process under reference id `reference`.
    Monitor { from: u64, reference: u64 },
    /// `from` removed its monitor `reference`.
    Demonitor { reference: u64 },
    /// The process this one monitored under `reference` ended; `msg` is the `'DOWN'` tuple.
    Down { reference: u64, msg: Message },
    /// `from` made `leader` this process's group leader (`group_leader/2`).
    GroupLeader { from: u64, leader: u64 },
    /// The timer of a `receive ... after` expired: the process re-checks its deadline.
    Timeout,
}

/// Where a process is in its life, as the schedulers see it.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum State {
    /// Blocked in `receive` with an empty inbox; a signal makes it `Queued`.
    Waiting,
    /// In a run queue.
    Queued,
    /// A scheduler thread is running it.
    Running,
    /// It ended; signals sent to it bounce (see `System::post`).
    Exited,
}

/// The part of a process that other threads may touch, under one lock.
pub struct Inbox {
    pub signals: Vec<Signal>,
    pub state: State,
    /// Messages among `signals` (for `message_queue_len`).
    pub messages: usize,
    /// The process has taken signals out and is still handling them (until it clears this or
    /// ends): an exit signal among them may not have taken effect yet.
    pub in_flight: bool,
    /// A signal could not be queued for lack of memory: the process exits with `system_limit`
    /// when it next takes in its signals (the queue is its own, as the memory was taken on its
    /// behalf), instead of the VM aborting.
    pub out_of_memory: bool,
}

impl Inbox {
    /// True if a signal from `from` other than a message is still waiting here. Builtins that
    /// read another process (`is_process_alive/1`, `process_info/2`) wait for these first, as
    /// BEAM answers them only after the caller's earlier signals have arrived.
    pub fn has_pending_from(&self, from: u64) -> bool {
        self.in_flight
            || self.signals.iter().any(|s| match s {
                Signal::Exit { from: f, .. }
                | Signal::Link { from: f }
                | Signal::Unlink { from: f }
                | Signal::Monitor { from: f, .. }
                | Signal::GroupLeader { from: f, .. } => *f == from,
                _ => false,
            })
    }
}

/// A process control block: the shared handle of one process. The process body is touched only by
/// the scheduler running it (or, briefly, by introspection that finds it idle).
pub struct Pcb {
    pub pid: u64,
    pub inbox: Mutex<Inbox>,
    /// `None` once the process has ended.
    pub body: Mutex<Option<Box<Process>>>,
    /// Bytes the process used at the end of its last slice (for `erlang:memory/0,1`).
    pub memory: std::sync::atomic::AtomicUsize,
    /// `crate::process_flags::Priority as u8`: which run queue the schedulers put it on.
    pub priority: std::sync::atomic::AtomicU8,
}

impl Pcb {
    pub fn new(process: Process, state: State) -> Pcb {
        let memory = std::sync::atomic::AtomicUsize::new(process.memory_bytes());
        let priority = std::sync::atomic::AtomicU8::new(process.flags.priority as u8);
        Pcb {
            pid: process.pid,
            memory,
            priority,
            inbox: Mutex::new(Inbox {
                signals: Vec::new(),
                state,
                messages: 0,
                in_flight: false,
                out_of_memory: false,
            }),
            body: Mutex::new(Some(Box::new(process))),
        }
    }

    /// Locks the inbox (a poisoned lock is still usable: the inbox has no invariant a panic can
    /// break half-way).
    pub fn lock_inbox(&self) -> std::sync::MutexGuard<'_, Inbox> {
        self.inbox.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the body (see `lock_inbox` on poisoning).
    pub fn lock_body(&self) -> std::sync::MutexGuard<'_, Option<Box<Process>>> {
        self.body.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The body if no one else holds it.
    pub fn try_lock_body(&self) -> Option<std::sync::MutexGuard<'_, Option<Box<Process>>>> {
        match self.body.try_lock() {
            Ok(g) => Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }
}

/// What a timer does when it fires.
pub enum TimerEvent {
    /// Wake process `pid` from a `receive ... after`.
    Wake(u64),
    /// Send `msg` to `to` (a pid or a registered name); `reference` is the timer's ref id.
    Send {
        to: Term,
        msg: Message,
        reference: u64,
    },
}

/// A reference term with id `id` (the layout `erlang:make_ref/0` builds).
pub fn make_ref(heap: &mut crate::heap::Heap, id: u64) -> Term {
    heap.reference(id)
}

/// The id of a reference term.
pub fn ref_id(t: Term) -> Option<u64> {
    if t.boxed_subtag() != Some(crate::term::SUB_REF) {
        return None;
    }
    t.payload().and_then(|p| p.first()).map(|w| w.raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_survives_its_senders_heap() {
        let mut sender = Heap::new();
        let inner = sender.list(&[Term::small(1), Term::small(2)]);
        let t = sender.tuple(&[Term::atom(crate::atom::OK), inner]);
        let msg = Message::copy_of(t);
        drop(sender);
        // Small enough for the receiver's young block: copied in.
        let mut receiver = Heap::new();
        let got = msg.into_heap(&mut receiver);
        let mut text = String::new();
        crate::display::write_term(&mut text, got, &crate::atom::AtomTable::new());
        assert_eq!(text, "{ok,[1,2]}");
        assert!(receiver.contains(got.payload().map_or(std::ptr::null(), |p| p.as_ptr())));
    }

    #[test]
    fn a_large_message_is_absorbed_as_a_fragment() {
        let mut sender = Heap::new();
        let elems: Vec<Term> = (0..1000).map(Term::small).collect();
        let list = sender.list(&elems);
        let msg = Message::copy_of(list);
        let mut receiver = Heap::new();
        let before = receiver.used_words();
        let got = msg.into_heap(&mut receiver);
        assert_eq!(receiver.used_words(), before + 2000);
        assert_eq!(crate::ops::list_length(got), Some(1000));
        assert!(
            receiver.wants_gc(),
            "absorbed words count towards the next collection"
        );
    }

    #[test]
    fn immediates_need_no_fragment() {
        let msg = Message::copy_of(Term::small(42));
        assert!(msg.frag.is_none());
        let mut h = Heap::new();
        assert_eq!(msg.into_heap(&mut h), Term::small(42));
        assert_eq!(h.used_words(), 0);
    }

    #[test]
    fn pending_signals_from_a_sender_are_seen() {
        let inbox = Inbox {
            signals: vec![
                Signal::Message(Message::immediate(Term::NIL)),
                Signal::Link { from: 7 },
            ],
            state: State::Queued,
            messages: 1,
            in_flight: false,
            out_of_memory: false,
        };
        assert!(inbox.has_pending_from(7));
        assert!(!inbox.has_pending_from(8));
    }
}
