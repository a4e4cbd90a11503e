//! A small backtracking regular-expression engine over bytes for the `re` natives: the PCRE
//! subset programs commonly use (literals, `.`, classes with ranges and `\d \w \s`, anchors
//! `^ $ \A \z \b \B`, groups `( )` `(?: )` `(?<name> )`, alternation, greedy and lazy `* + ?
//! {m,n}`). Compiled to instructions run by an explicit-stack backtracking machine, so neither
//! long subjects nor nested patterns grow the Rust stack; a step budget bounds pathological
//! patterns. Lookaround, backreferences and possessive quantifiers are rejected (`Err`).

/// Pattern options (`caseless`, `multiline`, `dotall`, `anchored`).
#[derive(Copy, Clone, Default, Debug)]
pub struct Flags {
    pub caseless: bool,
    pub multiline: bool,
    pub dotall: bool,
    pub anchored: bool,
}

#[derive(Clone, Debug)]
enum Node {
    Byte(u8),
    Any,
    Class(Vec<(u8, u8)>, bool),
    Start,
    End,
    StrictStart,
    StrictEnd,
    EndOrNewline,
    WordB(bool),
    Group(Box<Node>, Option<usize>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>, bool),
}

struct Parser<'a> {
    p: &'a [u8],
    i: usize,
    groups: usize,
    /// PCRE's compile-workspace model (see `check_workspace`): bytes held by the enclosing
    /// groups' brackets and kept items, the current branch's bytes at the next item, and the
    /// bytes of its last item when PCRE keeps it as the "previous" one for a quantifier.
    ws_base: usize,
    ws_cur: usize,
    ws_kept: usize,
    /// Set with the offset when the error is one PCRE reports with a position.
    err_offset: usize,
}

/// PCRE 8's compile workspace (`COMPILE_WORK_SIZE`, 4096 bytes) less its safety margin (100):
/// OTP's `re` reports "regular expression is too complicated" when the length pass holds more.
/// Nesting is what fills it, so this also bounds the parser's recursion (about 800 capturing
/// groups deep) the way OTP does.
const PCRE_WORKSPACE_LIMIT: usize = 4096 - 100;

/// What PCRE reports when nesting overflows its compile workspace.
pub const TOO_COMPLICATED: &str = "regular expression is too complicated";

/// Bytes of code PCRE's length pass holds for one parsed item (`src` is the item's first source
/// byte), and whether the item becomes the "previous" one a quantifier may apply to.
fn pcre_item_bytes(node: &Node, src: u8) -> (usize, bool) {
    match node {
        Node::Byte(_) => (2, true),
        Node::Any => (1, true),
        Node::Class(..) if src == b'\\' => (1, true),
        Node::Class(r, _) if r.len() == 1 && r[0].0 == r[0].1 => (2, true),
        Node::Class(..) => (33, true),
        // In the length pass a closed group is collapsed to an empty bracket pair.
        Node::Group(..) => (6, true),
        _ => (1, false),
    }
}

/// Bytes PCRE's length pass holds for a quantified item of `item` bytes.
fn pcre_repeat_bytes(node: &Node, item: usize, min: u32, max: Option<u32>) -> usize {
    match node {
        Node::Group(..) if min == 0 => item + 1,
        Node::Group(..) => item * min as usize,
        Node::Class(..) if item > 2 => item + if (min, max) == (0, None) { 1 } else { 5 },
        _ => match (min, max) {
            (0, None) | (1, None) | (0, Some(1)) => 2,
            (m, Some(n)) if m == n || m == 0 => 4,
            (_, None) => 6,
            _ => 8,
        },
    }
}

fn class_escape(c: u8) -> Option<(Vec<(u8, u8)>, bool)> {
    let digits = vec![(b'0', b'9')];
    let word = vec![(b'0', b'9'), (b'A', b'Z'), (b'a', b'z'), (b'_', b'_')];
    let space = vec![(b' ', b' '), (b'\t', b'\r')];
    match c {
        b'd' => Some((digits, false)),
        b'D' => Some((digits, true)),
        b'w' => Some((word, false)),
        b'W' => Some((word, true)),
        b's' => Some((space, false)),
        b'S' => Some((space, true)),
        _ => None,
    }
}

fn literal_escape(c: u8) -> u8 {
    match c {
        b'n' => b'\n',
        b't' => b'\t',
        b'r' => b'\r',
        b'f' => 0x0c,
        b'v' => 0x0b,
        b'e' => 0x1b,
        b'a' => 0x07,
        b'0' => 0,
        other => other,
    }
}

impl Parser<'_> {
    /// PCRE checks its workspace at the top of each item (and at `|`, `)` and the end).
    fn check_workspace(&mut self) -> Result<(), String> {
        if self.ws_base + self.ws_cur > PCRE_WORKSPACE_LIMIT {
            self.err_offset = self.i;
            return Err(TOO_COMPLICATED.into());
        }
        Ok(())
    }

    fn peek(&self) -> Option<u8> {
        self.p.get(self.i).copied()
    }
    fn next(&mut self) -> Result<u8, String> {
        let c = self.peek().ok_or("unexpected end of pattern")?;
        self.i += 1;
        Ok(c)
    }

    fn alt(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some(b'|') {
            self.i += 1;
            (self.ws_cur, self.ws_kept) = (0, 0);
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Concat(vec![]))
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        loop {
            self.check_workspace()?;
            let Some(c) = self.peek() else { break };
            if c == b'|' || c == b')' {
                break;
            }
            self.ws_cur = self.ws_kept;
            let atom = self.atom()?;
            let (bytes, previous) = pcre_item_bytes(&atom, c);
            self.ws_cur += bytes;
            self.ws_kept = if previous { bytes } else { 0 };
            items.push(self.quantified(atom)?);
        }
        Ok(Node::Concat(items))
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let one = |p: &mut Self, r: (u32, Option<u32>)| {
            p.i += 1;
            r
        };
        let start = self.i;
        let (min, max) = match self.peek() {
            Some(b'*') => one(self, (0, None)),
            Some(b'+') => one(self, (1, None)),
            Some(b'?') => one(self, (0, Some(1))),
            Some(b'{') => match self.braces()? {
                Some(r) => r,
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        // The quantifier is an item of its own in PCRE's loop: checked, then it replaces the
        // previous item and leaves none.
        let end = self.i;
        self.i = start;
        self.check_workspace()?;
        self.i = end;
        self.ws_cur = pcre_repeat_bytes(&atom, self.ws_kept, min, max);
        self.ws_kept = 0;
        let mut greedy = true;
        if self.peek() == Some(b'?') {
            self.i += 1;
            greedy = false;
        } else if self.peek() == Some(b'+') {
            return Err("possessive quantifiers are not supported".into());
        }
        if max.is_some_and(|m| m < min) || min > 1000 || max.is_some_and(|m| m > 1000) {
            return Err("bad repeat count".into());
        }
        Ok(Node::Repeat(Box::new(atom), min, max, greedy))
    }

    /// `{m}`, `{m,}`, `{m,n}`; `None` (nothing consumed) if the brace is a literal.
    fn braces(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let rest = &self.p[self.i..];
        let Some(close) = rest.iter().position(|&c| c == b'}') else {
            return Ok(None);
        };
        let body = std::str::from_utf8(&rest[1..close]).map_err(|_| "bad braces")?;
        let parse = |s: &str| s.parse::<u32>().ok();
        let r = match body.split_once(',') {
            None => parse(body).map(|n| (n, Some(n))),
            Some((a, "")) => parse(a).map(|n| (n, None)),
            Some((a, b)) => parse(a).zip(parse(b)).map(|(a, b)| (a, Some(b))),
        };
        if r.is_some() {
            self.i += close + 1;
        }
        Ok(r)
    }

    fn atom(&mut self) -> Result<Node, String> {
        let c = self.next()?;
        Ok(match c {
            b'.' => Node::Any,
            b'^' => Node::Start,
            b'$' => Node::End,
            b'[' => self.class()?,
            b'(' => {
                let mut capture = true;
                if self.peek() == Some(b'?') {
                    self.i += 1;
                    match self.next()? {
                        b':' => capture = false,
                        b'<' | b'P' => {
                            if self.p.get(self.i - 1) == Some(&b'P') && self.next()? != b'<' {
                                return Err("bad group".into());
                            }
                            while self.next()? != b'>' {}
                        }
                        _ => return Err("unsupported group syntax".into()),
                    }
                }
                let index = if capture {
                    self.groups += 1;
                    Some(self.groups)
                } else {
                    None
                };
                // The bracket (OP_CBRA 5 bytes, OP_BRA 3) goes after the kept previous item.
                let saved = (self.ws_base, self.ws_cur, self.ws_kept);
                self.ws_base += self.ws_cur + if capture { 5 } else { 3 };
                (self.ws_cur, self.ws_kept) = (0, 0);
                let inner = self.alt()?;
                (self.ws_base, self.ws_cur, self.ws_kept) = saved;
                if self.next()? != b')' {
                    return Err("missing )".into());
                }
                Node::Group(Box::new(inner), index)
            }
            b')' => return Err("unmatched )".into()),
            b'*' | b'+' | b'?' => return Err("nothing to repeat".into()),
            b'\\' => {
                let e = self.next()?;
                if let Some((ranges, neg)) = class_escape(e) {
                    Node::Class(ranges, neg)
                } else {
                    match e {
                        b'b' => Node::WordB(true),
                        b'B' => Node::WordB(false),
                        b'A' => Node::StrictStart,
                        b'z' => Node::StrictEnd,
                        b'Z' => Node::EndOrNewline,
                        b'x' => Node::Byte(self.hex()?),
                        b'1'..=b'9' => return Err("backreferences are not supported".into()),
                        other => Node::Byte(literal_escape(other)),
                    }
                }
            }
            other => Node::Byte(other),
        })
    }

    fn hex(&mut self) -> Result<u8, String> {
        let mut v: u32 = 0;
        let braced = self.peek() == Some(b'{');
        if braced {
            self.i += 1;
        }
        let mut n = 0;
        while let Some(c) = self.peek() {
            let Some(d) = (c as char).to_digit(16) else {
                break;
            };
            if !braced && n == 2 {
                break;
            }
            v = v.saturating_mul(16).saturating_add(d);
            n += 1;
            self.i += 1;
        }
        if braced && self.next()? != b'}' {
            return Err("bad \\x".into());
        }
        u8::try_from(v).map_err(|_| "\\x value too large".into())
    }

    fn class(&mut self) -> Result<Node, String> {
        let mut neg = false;
        if self.peek() == Some(b'^') {
            neg = true;
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = self.next()?;
            if c == b']' && !first {
                break;
            }
            first = false;
            let lo = if c == b'\\' {
                let e = self.next()?;
                if let Some((rs, n)) = class_escape(e) {
                    if n {
                        return Err("negated escapes inside classes are not supported".into());
                    }
                    ranges.extend(rs);
                    continue;
                }
                literal_escape(e)
            } else {
                c
            };
            if self.peek() == Some(b'-') && self.p.get(self.i + 1).is_some_and(|&n| n != b']') {
                self.i += 1;
                let mut hi = self.next()?;
                if hi == b'\\' {
                    hi = literal_escape(self.next()?);
                }
                if hi < lo {
                    return Err("bad range".into());
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Node::Class(ranges, neg))
    }
}

#[derive(Clone, Debug)]
enum Inst {
    Byte(u8),
    Any,
    Class(Vec<(u8, u8)>, bool),
    Assert(Node),
    Save(usize),
    Split(usize, usize),
    Jmp(usize),
    /// Records the position in a register (for empty-loop detection).
    Mark(usize),
    /// Fails if the position equals the register (an iteration that consumed nothing).
    Progress(usize),
    Match,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Regex {
    prog: Vec<Inst>,
    /// Number of capture groups (not counting the whole match).
    pub groups: usize,
    regs: usize,
    flags: Flags,
}

struct Compiler {
    prog: Vec<Inst>,
    regs: usize,
}

impl Compiler {
    fn emit(&mut self, node: &Node) -> Result<(), String> {
        if self.prog.len() > 100_000 {
            return Err("pattern too large".into());
        }
        match node {
            Node::Byte(b) => self.prog.push(Inst::Byte(*b)),
            Node::Any => self.prog.push(Inst::Any),
            Node::Class(r, n) => self.prog.push(Inst::Class(r.clone(), *n)),
            Node::Start
            | Node::End
            | Node::StrictStart
            | Node::StrictEnd
            | Node::EndOrNewline
            | Node::WordB(_) => self.prog.push(Inst::Assert(node.clone())),
            Node::Group(inner, idx) => {
                if let Some(i) = idx {
                    self.prog.push(Inst::Save(2 * i));
                    self.emit(inner)?;
                    self.prog.push(Inst::Save(2 * i + 1));
                } else {
                    self.emit(inner)?;
                }
            }
            Node::Concat(items) => {
                for n in items {
                    self.emit(n)?;
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (k, b) in branches.iter().enumerate() {
                    if k + 1 < branches.len() {
                        let split = self.prog.len();
                        self.prog.push(Inst::Split(split + 1, 0));
                        self.emit(b)?;
                        jumps.push(self.prog.len());
                        self.prog.push(Inst::Jmp(0));
                        let next = self.prog.len();
                        self.prog[split] = Inst::Split(split + 1, next);
                    } else {
                        self.emit(b)?;
                    }
                }
                let end = self.prog.len();
                for j in jumps {
                    self.prog[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat(inner, min, max, greedy) => {
                for _ in 0..*min {
                    self.emit(inner)?;
                }
                match max {
                    None => {
                        let reg = self.regs;
                        self.regs += 1;
                        let top = self.prog.len();
                        self.prog.push(Inst::Mark(reg));
                        let split = self.prog.len();
                        self.prog.push(Inst::Split(0, 0));
                        self.emit(inner)?;
                        self.prog.push(Inst::Progress(reg));
                        self.prog.push(Inst::Jmp(top));
                        let out = self.prog.len();
                        self.prog[split] = if *greedy {
                            Inst::Split(split + 1, out)
                        } else {
                            Inst::Split(out, split + 1)
                        };
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.prog.len());
                            self.prog.push(Inst::Split(0, 0));
                            self.emit(inner)?;
                        }
                        let out = self.prog.len();
                        for s in splits {
                            self.prog[s] = if *greedy {
                                Inst::Split(s + 1, out)
                            } else {
                                Inst::Split(out, s + 1)
                            };
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Why a pattern does not compile: the reason and, for errors PCRE places, the byte offset in
/// the pattern (0 otherwise), as in `re:compile/2`'s `{error, {Reason, Offset}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub reason: String,
    pub offset: usize,
}

/// Compiles a pattern; `Err` with a reason for syntax OTP rejects or krarup does not support.
/// Nesting deeper than PCRE's compile workspace allows is refused as OTP does
/// ([`TOO_COMPLICATED`]), so parsing and code generation recurse at most that deep.
pub fn compile(pattern: &[u8], flags: Flags) -> Result<Regex, CompileError> {
    let mut p = Parser {
        p: pattern,
        i: 0,
        groups: 0,
        ws_base: 3,
        ws_cur: 0,
        ws_kept: 0,
        err_offset: 0,
    };
    let parsed = p.alt().and_then(|node| {
        if p.i != pattern.len() {
            return Err("unmatched )".to_string());
        }
        Ok(node)
    });
    let node = parsed.map_err(|reason| CompileError {
        offset: if reason == TOO_COMPLICATED {
            p.err_offset
        } else {
            0
        },
        reason,
    })?;
    let mut c = Compiler {
        prog: vec![Inst::Save(0)],
        regs: 0,
    };
    c.emit(&node)
        .map_err(|reason| CompileError { reason, offset: 0 })?;
    c.prog.push(Inst::Save(1));
    c.prog.push(Inst::Match);
    Ok(Regex {
        prog: c.prog,
        groups: p.groups,
        regs: c.regs,
        flags,
    })
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Regex {
    fn assert(&self, node: &Node, s: &[u8], pos: usize) -> bool {
        let f = self.flags;
        match node {
            Node::Start => pos == 0 || (f.multiline && s[pos - 1] == b'\n'),
            Node::End => {
                pos == s.len()
                    || (pos + 1 == s.len() && s[pos] == b'\n')
                    || (f.multiline && s[pos] == b'\n')
            }
            Node::StrictStart => pos == 0,
            Node::StrictEnd => pos == s.len(),
            Node::EndOrNewline => pos == s.len() || (pos + 1 == s.len() && s[pos] == b'\n'),
            Node::WordB(want) => {
                let before = pos > 0 && is_word(s[pos - 1]);
                let after = pos < s.len() && is_word(s[pos]);
                (before != after) == *want
            }
            _ => false,
        }
    }

    fn byte_eq(&self, a: u8, b: u8) -> bool {
        a == b || (self.flags.caseless && a.eq_ignore_ascii_case(&b))
    }

    fn in_class(&self, ranges: &[(u8, u8)], neg: bool, c: u8) -> bool {
        let hit = |c: u8| ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
        let mut found = hit(c);
        if !found && self.flags.caseless && c.is_ascii_alphabetic() {
            found = hit(c ^ 0x20);
        }
        found != neg
    }

    /// Tries a match starting exactly at `start`. Returns the capture slots (byte offsets,
    /// `usize::MAX` for unset) or `None`; `Err(())` when the step budget runs out.
    fn run_at(
        &self,
        s: &[u8],
        start: usize,
        not_empty: bool,
        budget: &mut u64,
    ) -> Result<Option<Vec<usize>>, ()> {
        enum Back {
            Alt(usize, usize),
            Restore(usize, usize),
        }
        let nslots = 2 * (self.groups + 1);
        let mut slots = vec![usize::MAX; nslots + self.regs];
        let mut stack: Vec<Back> = Vec::new();
        let (mut pc, mut pos) = (0usize, start);
        loop {
            if *budget == 0 {
                return Err(());
            }
            *budget -= 1;
            let ok = match &self.prog[pc] {
                Inst::Byte(b) => {
                    let hit = pos < s.len() && self.byte_eq(s[pos], *b);
                    pos += hit as usize;
                    hit
                }
                Inst::Any => {
                    let hit = pos < s.len() && (self.flags.dotall || s[pos] != b'\n');
                    pos += hit as usize;
                    hit
                }
                Inst::Class(r, n) => {
                    let hit = pos < s.len() && self.in_class(r, *n, s[pos]);
                    pos += hit as usize;
                    hit
                }
                Inst::Assert(node) => self.assert(node, s, pos),
                Inst::Save(k) | Inst::Mark(k) => {
                    let slot = if matches!(self.prog[pc], Inst::Mark(_)) {
                        nslots + k
                    } else {
                        *k
                    };
                    stack.push(Back::Restore(slot, slots[slot]));
                    slots[slot] = pos;
                    true
                }
                Inst::Progress(k) => slots[nslots + k] != pos,
                Inst::Split(a, b) => {
                    stack.push(Back::Alt(*b, pos));
                    pc = *a;
                    continue;
                }
                Inst::Jmp(t) => {
                    pc = *t;
                    continue;
                }
                Inst::Match => {
                    if !(not_empty && pos == start) {
                        slots.truncate(nslots);
                        return Ok(Some(slots));
                    }
                    false
                }
            };
            if ok {
                pc += 1;
                continue;
            }
            // Backtrack.
            loop {
                match stack.pop() {
                    None => return Ok(None),
                    Some(Back::Restore(slot, v)) => slots[slot] = v,
                    Some(Back::Alt(p, q)) => {
                        pc = p;
                        pos = q;
                        break;
                    }
                }
            }
        }
    }

    /// The first match at or after `from` (byte offset): capture slots, `usize::MAX` = unset.
    /// `not_empty_at`: a match starting there must not be empty (the global-match rule).
    /// `Err(())`: the step budget ran out.
    pub fn find(
        &self,
        s: &[u8],
        from: usize,
        not_empty_at: Option<usize>,
    ) -> Result<Option<Vec<usize>>, ()> {
        // PCRE's default match_limit, which OTP's re keeps.
        let mut budget: u64 = 10_000_000;
        let last = if self.flags.anchored { from } else { s.len() };
        for start in from..=last.min(s.len()) {
            if let Some(m) = self.run_at(s, start, not_empty_at == Some(start), &mut budget)? {
                return Ok(Some(m));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(p: &str, s: &str) -> Option<(usize, usize)> {
        let re = compile(p.as_bytes(), Flags::default()).unwrap();
        re.find(s.as_bytes(), 0, None)
            .unwrap()
            .map(|m| (m[0], m[1]))
    }

    #[test]
    fn basics() {
        assert_eq!(first("[0-9]+", "hello 42 world"), Some((6, 8)));
        assert_eq!(first("a.c", "xxabcx"), Some((2, 5)));
        assert_eq!(first("^b", "ab"), None);
        assert_eq!(first("b$", "ab"), Some((1, 2)));
        assert_eq!(first("(a|bc)+d", "xbcad"), Some((1, 5)));
        assert_eq!(first("a{2,3}", "aaaa"), Some((0, 3)));
        assert_eq!(first("a+?", "aaa"), Some((0, 1)));
        assert_eq!(first("\\bfoo\\b", "a foo b"), Some((2, 5)));
        assert_eq!(first("(a*)*b", "aaac"), None);
        assert_eq!(first("[^a-c]", "abcd"), Some((3, 4)));
        assert_eq!(first("\\.", "a.b"), Some((1, 2)));
        assert!(compile(b"(", Flags::default()).is_err());
        assert!(compile(b"a)", Flags::default()).is_err());
        assert!(compile(b"*a", Flags::default()).is_err());
    }

    /// Nesting past PCRE's compile workspace is OTP's error, at OTP's offset, not a deep
    /// recursion; just inside it compiles and matches.
    #[test]
    fn deep_nesting_is_bounded_like_pcre() {
        let nest = |open: &str, n: usize| format!("{}a{}", open.repeat(n), ")".repeat(n));
        for (p, offset) in [
            (nest("(", 1_000_000), 799),
            (nest("(?:", 1_000_000), 3996),
            ("a(".repeat(2000) + &")".repeat(2000), 1142),
        ] {
            let e = compile(p.as_bytes(), Flags::default()).unwrap_err();
            assert_eq!((e.reason.as_str(), e.offset), (TOO_COMPLICATED, offset));
        }
        assert_eq!(first(&nest("(", 798), "xa"), Some((1, 2)));
    }

    #[test]
    fn long_subject_no_stack_growth() {
        let s = "a".repeat(200_000) + "b";
        assert_eq!(first("a*b", &s), Some((0, 200_001)));
        assert_eq!(first(".*b", &s), Some((0, 200_001)));
    }
}
