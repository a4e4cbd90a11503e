//! The tuning flags of a process that `spawn_opt/2,3,4,5` and `process_flag/2` set and
//! `process_info/2` reports (OTP 25's `erlang` reference): priority, `max_heap_size` (enforced:
//! see `max_heap_report`), and the flags krarup keeps but that change nothing in its collector
//! (`min_heap_size`, `min_bin_vheap_size`, `fullsweep_after`, `message_queue_data`).

use std::fmt::Write;

/// `process_flag(priority, _)`: the schedulers run `max` and `high` before `normal`, `low` after.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
pub enum Priority {
    Low = 0,
    #[default]
    Normal = 1,
    High = 2,
    Max = 3,
}

impl Priority {
    /// The level named `name` (`low`, `normal`, `high`, `max`).
    pub fn from_name(name: &str) -> Option<Priority> {
        Some(match name {
            "low" => Priority::Low,
            "normal" => Priority::Normal,
            "high" => Priority::High,
            "max" => Priority::Max,
            _ => return None,
        })
    }

    /// Its atom's name.
    pub fn name(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Max => "max",
        }
    }

    /// From the number `self as u8` gives.
    pub fn from_u8(n: u8) -> Priority {
        match n {
            0 => Priority::Low,
            2 => Priority::High,
            3 => Priority::Max,
            _ => Priority::Normal,
        }
    }
}

/// `max_heap_size`: `size` words (0: no limit), whether passing it kills the process, and
/// whether it is reported (`#{size => 0, kill => true, error_logger => true}` by default).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct MaxHeap {
    pub size: usize,
    pub kill: bool,
    pub error_logger: bool,
}

impl Default for MaxHeap {
    fn default() -> Self {
        MaxHeap {
            size: 0,
            kill: true,
            error_logger: true,
        }
    }
}

/// A process's tuning flags, with BEAM's defaults.
#[derive(Copy, Clone, Debug)]
pub struct Flags {
    pub priority: Priority,
    pub max_heap: MaxHeap,
    /// Words (BEAM's default 233).
    pub min_heap_size: usize,
    /// Words (BEAM's default 46422).
    pub min_bin_vheap_size: usize,
    pub fullsweep_after: usize,
    /// `message_queue_data`: `off_heap` (true) or `on_heap`.
    pub off_heap_queue: bool,
}

impl Default for Flags {
    fn default() -> Self {
        Flags {
            priority: Priority::Normal,
            max_heap: MaxHeap::default(),
            min_heap_size: 233,
            min_bin_vheap_size: 46422,
            fullsweep_after: 65535,
            off_heap_queue: false,
        }
    }
}

/// The figures of a process whose heap passed its `max_heap_size`, in words.
#[derive(Copy, Clone, Debug)]
pub struct HeapFigures {
    pub pid: u64,
    pub total: usize,
    pub young_capacity: usize,
    pub young_used: usize,
    pub old_capacity: usize,
    pub old_used: usize,
    pub stack: usize,
    pub queue_len: usize,
}

/// The body of BEAM's report for a process past its `max_heap_size` (erl_gc.c's text, checked
/// against erl 25: each label padded to column 26, a space after the pid, the GC figures as the
/// `~p` of a keyword list, one per line). krarup's figures for the binary heap are BEAM's
/// initial ones: it keeps no virtual binary heap.
pub fn max_heap_report(max: MaxHeap, f: &HeapFigures) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "     Process:            <0.{}.0> ", f.pid);
    let _ = writeln!(s, "     Context:            maximum heap size reached");
    let _ = writeln!(s, "     Max Heap Size:      {}", max.size);
    let _ = writeln!(s, "     Total Heap Size:    {}", f.total);
    let _ = writeln!(s, "     Kill:               {}", max.kill);
    let _ = writeln!(s, "     Error Logger:       {}", max.error_logger);
    let _ = writeln!(s, "     Message Queue Len:  {}", f.queue_len);
    let info: [(&str, usize); 11] = [
        ("old_heap_block_size", f.old_capacity),
        ("heap_block_size", f.young_capacity),
        ("mbuf_size", 0),
        ("recent_size", f.young_used),
        ("stack_size", f.stack),
        ("old_heap_size", f.old_used),
        ("heap_size", f.young_used),
        ("bin_vheap_size", 0),
        ("bin_vheap_block_size", 46422),
        ("bin_old_vheap_size", 0),
        ("bin_old_vheap_block_size", 46422),
    ];
    for (i, (k, v)) in info.iter().enumerate() {
        let lead = if i == 0 {
            "     GC Info:            ["
        } else {
            "                          "
        };
        let end = if i + 1 == info.len() { "]" } else { "," };
        let _ = writeln!(s, "{lead}{{{k},{v}}}{end}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_has_beams_layout() {
        let f = HeapFigures {
            pid: 79,
            total: 1219,
            young_capacity: 843,
            young_used: 228,
            old_capacity: 376,
            old_used: 228,
            stack: 2,
            queue_len: 0,
        };
        let text = max_heap_report(
            MaxHeap {
                size: 1000,
                ..MaxHeap::default()
            },
            &f,
        );
        // erl 25's report for the same figures, body only.
        let erl = "     Process:            <0.79.0> \n\
                   \x20    Context:            maximum heap size reached\n\
                   \x20    Max Heap Size:      1000\n\
                   \x20    Total Heap Size:    1219\n\
                   \x20    Kill:               true\n\
                   \x20    Error Logger:       true\n\
                   \x20    Message Queue Len:  0\n\
                   \x20    GC Info:            [{old_heap_block_size,376},\n\
                   \x20                         {heap_block_size,843},\n\
                   \x20                         {mbuf_size,0},\n\
                   \x20                         {recent_size,228},\n\
                   \x20                         {stack_size,2},\n\
                   \x20                         {old_heap_size,228},\n\
                   \x20                         {heap_size,228},\n\
                   \x20                         {bin_vheap_size,0},\n\
                   \x20                         {bin_vheap_block_size,46422},\n\
                   \x20                         {bin_old_vheap_size,0},\n\
                   \x20                         {bin_old_vheap_block_size,46422}]\n";
        assert_eq!(text, erl);
    }

    #[test]
    fn priorities_order_and_round_trip() {
        assert!(Priority::Max > Priority::High && Priority::High > Priority::Normal);
        assert!(Priority::Normal > Priority::Low);
        for p in [
            Priority::Low,
            Priority::Normal,
            Priority::High,
            Priority::Max,
        ] {
            assert_eq!(Priority::from_name(p.name()), Some(p));
            assert_eq!(Priority::from_u8(p as u8), p);
        }
        assert_eq!(Priority::from_name("urgent"), None);
    }
}
