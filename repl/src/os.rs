//! Readings from the operating system that the VM asks its embedder for (the VM crate does no
//! OS access of its own).

/// CPU time of this OS process in milliseconds (user + system, from `/proc/self/stat`; 0 where
/// that is not available), for `statistics(runtime)`.
pub fn cpu_time_ms() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    let ticks: u64 = fields
        .get(11..13)
        .map_or(0, |f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum());
    // The kernel's USER_HZ is 100 on every Linux we run on.
    ticks * 10
}

/// Standard output without the line buffering of `std::io::stdout()` (which would split one io
/// request at its last newline into two writes): on Unix a duplicate of file descriptor 1. The VM
/// flushes after each io request, so a `BufWriter` over this makes one write per request.
pub fn unbuffered_stdout() -> Box<dyn std::io::Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout())
}
