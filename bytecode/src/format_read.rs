//! The reading half of the bytecode file format: parses the payload after `decode` (in
//! `format`) has checked the header. Every read is bounds-checked and every count is capped by
//! the bytes left, so hostile input gives a `FormatError`, never a panic or a huge allocation.

use super::*;

pub(super) struct Reader<'a> {
    pub(super) buf: &'a [u8],
    pub(super) pos: usize,
}

type R<T> = Result<T, FormatError>;

impl<'a> Reader<'a> {
    pub(super) fn err(&self, what: &str) -> FormatError {
        FormatError::Malformed {
            offset: HEADER_LEN + self.pos,
            what: what.to_string(),
        }
    }
    fn left(&self) -> usize {
        self.buf.len() - self.pos
    }
    fn byte(&mut self) -> R<u8> {
        match self.buf.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(self.err("unexpected end of payload")),
        }
    }
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        if n > self.left() {
            return Err(self.err("unexpected end of payload"));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn uint(&mut self) -> R<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = (b & 0x7f) as u64;
            if shift == 63 && part > 1 {
                return Err(self.err("varint overflows 64 bits"));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint longer than 10 bytes"))
    }
    fn int(&mut self) -> R<i64> {
        let u = self.uint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }
    fn u32(&mut self, what: &str) -> R<u32> {
        let v = self.uint()?;
        u32::try_from(v).map_err(|_| self.err(&format!("{what} {v} out of range")))
    }
    fn u16(&mut self, what: &str) -> R<u16> {
        let v = self.uint()?;
        u16::try_from(v).map_err(|_| self.err(&format!("{what} {v} out of range")))
    }
    /// A table length; every entry takes at least `min_entry` bytes, so a count larger than the
    /// bytes left is corrupt (this bounds every allocation by the input size).
    fn count(&mut self, min_entry: usize) -> R<usize> {
        let n = self.uint()?;
        if n > (self.left() / min_entry.max(1)) as u64 {
            return Err(self.err(&format!("table length {n} exceeds the remaining bytes")));
        }
        Ok(n as usize)
    }
    fn bytes(&mut self) -> R<&'a [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }
    fn string(&mut self) -> R<String> {
        let b = self.bytes()?;
        match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => Err(self.err("string is not valid UTF-8")),
        }
    }
    fn atom_idx(&mut self) -> R<AtomIdx> {
        Ok(AtomIdx(self.u32("atom index")?))
    }
    fn label(&mut self) -> R<Label> {
        Ok(Label(self.u32("label")?))
    }
    fn opt_label(&mut self) -> R<Option<Label>> {
        match self.byte()? {
            0 => Ok(None),
            1 => Ok(Some(self.label()?)),
            b => Err(self.err(&format!("bad optional-label marker {b}"))),
        }
    }
    fn pick<T: Copy>(&mut self, table: &[T], what: &str) -> R<T> {
        let b = self.byte()?;
        match table.get(b as usize) {
            Some(&t) => Ok(t),
            None => Err(self.err(&format!("unknown {what} code {b}"))),
        }
    }
    fn src(&mut self) -> R<Src> {
        Ok(match self.byte()? {
            0 => Src::X(XReg(self.u16("X register")?)),
            1 => Src::Y(YReg(self.u16("Y register")?)),
            2 => Src::Atom(self.atom_idx()?),
            3 => Src::Int(self.int()?),
            4 => Src::Nil,
            5 => Src::Lit(LitIdx(self.u32("literal index")?)),
            b => return Err(self.err(&format!("unknown operand kind {b}"))),
        })
    }
    fn srcs(&mut self) -> R<Vec<Src>> {
        let n = self.count(1)?;
        (0..n).map(|_| self.src()).collect()
    }
    fn dst(&mut self) -> R<Dst> {
        Ok(match self.byte()? {
            0 => Dst::X(XReg(self.u16("X register")?)),
            1 => Dst::Y(YReg(self.u16("Y register")?)),
            b => return Err(self.err(&format!("unknown destination kind {b}"))),
        })
    }
    fn bs_size(&mut self) -> R<BsSize> {
        Ok(match self.byte()? {
            0 => BsSize::Src(self.src()?),
            1 => BsSize::Default,
            2 => BsSize::All,
            b => return Err(self.err(&format!("unknown segment size kind {b}"))),
        })
    }
    fn bs_flags(&mut self) -> R<BsFlags> {
        let b = self.byte()?;
        if b > 7 {
            return Err(self.err(&format!("unknown segment flags {b}")));
        }
        Ok(BsFlags {
            signed: b & 1 != 0,
            little: b & 2 != 0,
            native: b & 4 != 0,
        })
    }

    pub(super) fn module(&mut self) -> R<Module> {
        let name = self.string()?;
        let file = self.string()?;
        let n = self.count(1)?;
        let atoms = (0..n).map(|_| self.string()).collect::<R<Vec<_>>>()?;
        let n = self.count(3)?;
        let imports = (0..n)
            .map(|_| {
                Ok(Import {
                    module: self.atom_idx()?,
                    function: self.atom_idx()?,
                    arity: self.byte()?,
                })
            })
            .collect::<R<Vec<_>>>()?;
        let n = self.count(3)?;
        let exports = (0..n)
            .map(|_| {
                Ok(Export {
                    function: self.atom_idx()?,
                    arity: self.byte()?,
                    entry: self.label()?,
                })
            })
            .collect::<R<Vec<_>>>()?;
        let n = self.count(4)?;
        let functions = (0..n)
            .map(|_| {
                Ok(FunctionInfo {
                    function: self.atom_idx()?,
                    arity: self.byte()?,
                    start: self.u32("function start")?,
                    end: self.u32("function end")?,
                })
            })
            .collect::<R<Vec<_>>>()?;
        let n = self.count(4)?;
        let lambdas = (0..n)
            .map(|_| {
                Ok(Lambda {
                    function: self.atom_idx()?,
                    arity: self.byte()?,
                    num_free: self.byte()?,
                    entry: self.label()?,
                })
            })
            .collect::<R<Vec<_>>>()?;
        let n = self.count(1)?;
        let literals = (0..n).map(|_| self.literal()).collect::<R<Vec<_>>>()?;
        let n = self.count(1)?;
        let code = (0..n).map(|_| self.instruction()).collect::<R<Vec<_>>>()?;
        let n = self.count(2)?;
        let lines = (0..n)
            .map(|_| Ok((self.u32("line index")?, self.u32("line number")?)))
            .collect::<R<Vec<_>>>()?;
        let n = self.count(2)?;
        let attributes = (0..n)
            .map(|_| Ok((self.string()?, self.literal()?)))
            .collect::<R<Vec<_>>>()?;
        Ok(Module {
            name,
            file,
            atoms,
            imports,
            exports,
            functions,
            lambdas,
            literals,
            code,
            lines,
            attributes,
        })
    }

    /// A literal. Iterative (an explicit stack of unfinished lists, tuples and maps), with the
    /// nesting depth capped at `MAX_LITERAL_DEPTH`.
    fn literal(&mut self) -> R<Literal> {
        enum Open {
            List(Vec<Literal>, usize),
            Tuple(Vec<Literal>, usize),
            Map(Vec<(Literal, Literal)>, Option<Literal>, usize),
        }
        let mut stack: Vec<Open> = Vec::new();
        loop {
            // Read one node: either a finished value or the start of a compound.
            let mut value = match self.byte()? {
                0 => {
                    let negative = match self.byte()? {
                        0 => false,
                        1 => true,
                        b => return Err(self.err(&format!("bad integer sign {b}"))),
                    };
                    let mag = self.bytes()?;
                    let sign = if negative { Sign::Minus } else { Sign::Plus };
                    Literal::Int(BigInt::from_bytes_le(sign, mag))
                }
                1 => {
                    let b = self.take(8)?;
                    let mut w = [0u8; 8];
                    w.copy_from_slice(b);
                    Literal::Float(f64::from_bits(u64::from_le_bytes(w)))
                }
                2 => Literal::Atom(self.string()?),
                3 => Literal::Nil,
                kind @ 4..=6 => {
                    if stack.len() >= MAX_LITERAL_DEPTH {
                        return Err(self.err("literal nested too deeply"));
                    }
                    let n = self.count(if kind == 6 { 2 } else { 1 })?;
                    stack.push(match kind {
                        // Reserve little up front: nested compounds may each claim up to
                        // the bytes left, and memory must stay proportional to the input.
                        4 => Open::List(Vec::with_capacity(n.min(64)), n),
                        5 => Open::Tuple(Vec::with_capacity(n.min(64)), n),
                        _ => Open::Map(Vec::with_capacity(n.min(64)), None, n),
                    });
                    match stack.last() {
                        // A list always reads its tail next, even with no elements.
                        Some(Open::List(..)) => continue,
                        _ if n > 0 => continue,
                        _ => match stack.pop() {
                            Some(Open::Tuple(..)) => Literal::Tuple(Vec::new()),
                            _ => Literal::Map(Vec::new()),
                        },
                    }
                }
                7 => {
                    let bits = self.uint()?;
                    let bytes = self.bytes()?;
                    if bits.div_ceil(8) != bytes.len() as u64 {
                        return Err(self.err("binary literal size disagrees with its bytes"));
                    }
                    Literal::Binary(bytes.to_vec(), bits)
                }
                8 => Literal::ExportFun(self.string()?, self.string()?, self.byte()?),
                b => return Err(self.err(&format!("unknown literal kind {b}"))),
            };
            // Hand the value to the innermost open compound, closing compounds that complete.
            loop {
                match stack.last_mut() {
                    None => return Ok(value),
                    Some(Open::List(elems, n)) => {
                        if elems.len() < *n {
                            elems.push(value);
                            break;
                        }
                        let elems = std::mem::take(elems);
                        stack.pop();
                        value = Literal::List(elems, Box::new(value));
                    }
                    Some(Open::Tuple(elems, n)) => {
                        elems.push(value);
                        if elems.len() < *n {
                            break;
                        }
                        let elems = std::mem::take(elems);
                        stack.pop();
                        value = Literal::Tuple(elems);
                    }
                    Some(Open::Map(pairs, key, n)) => {
                        match key.take() {
                            None => {
                                *key = Some(value);
                                break;
                            }
                            Some(k) => pairs.push((k, value)),
                        }
                        if pairs.len() < *n {
                            break;
                        }
                        let pairs = std::mem::take(pairs);
                        stack.pop();
                        value = Literal::Map(pairs);
                    }
                }
            }
        }
    }

    /// An opcode number, then the operands `describe` lists for it, read into its template.
    fn instruction(&mut self) -> R<Instruction> {
        let at = self.pos;
        let number = self.byte()?;
        let Some(op) = Opcode::from_number(number) else {
            self.pos = at;
            return Err(self.err(&format!("unknown opcode {number}")));
        };
        let mut ins = Instruction::template(op);
        let mut result = Ok(());
        ins.for_each_operand_mut(|name, operand| {
            if result.is_ok() {
                result = self.operand(name, operand);
            }
        });
        result.map(|()| ins)
    }

    fn operand(&mut self, name: &str, op: OperandMut<'_>) -> R<()> {
        match op {
            OperandMut::Src(s) => *s = self.src()?,
            OperandMut::Dst(d) => *d = self.dst()?,
            OperandMut::Srcs(v) => *v = self.srcs()?,
            OperandMut::Label(l) => *l = self.label()?,
            OperandMut::Fail(l) => *l = self.opt_label()?,
            OperandMut::Atom(a) => *a = self.atom_idx()?,
            OperandMut::Import(i) => *i = ImportIdx(self.u32("import index")?),
            OperandMut::Lambda(l) => *l = LambdaIdx(self.u32("lambda index")?),
            OperandMut::Slot(y) => *y = YReg(self.u16("Y register")?),
            OperandMut::Byte(b) => *b = self.byte()?,
            OperandMut::U16(n) => *n = self.u16(name)?,
            OperandMut::U32(n) => *n = self.u32(name)?,
            OperandMut::ArithOp(o) => *o = self.pick(&ArithOp::ALL, "arithmetic operator")?,
            OperandMut::UnaryOp(o) => *o = self.pick(&UnaryOp::ALL, "unary operator")?,
            OperandMut::CmpOp(o) => *o = self.pick(&CmpOp::ALL, "comparison")?,
            OperandMut::TypeTest(t) => *t = self.pick(&TypeTest::ALL, "type test")?,
            OperandMut::MapPut(k) => *k = self.pick(&MapPut::ALL, "map update kind")?,
            OperandMut::BsType(t) => *t = self.pick(&BsType::ALL, "segment type")?,
            OperandMut::BsSize(s) => *s = self.bs_size()?,
            OperandMut::BsFlags(f) => *f = self.bs_flags()?,
            OperandMut::SelectCases(cases) => {
                let n = self.count(2)?;
                *cases = (0..n)
                    .map(|_| Ok((self.src()?, self.label()?)))
                    .collect::<R<_>>()?;
            }
            OperandMut::ArityCases(cases) => {
                let n = self.count(2)?;
                *cases = (0..n)
                    .map(|_| Ok((self.u32("tuple arity")?, self.label()?)))
                    .collect::<R<_>>()?;
            }
            OperandMut::MapPairs(pairs) => {
                let n = self.count(2)?;
                *pairs = (0..n)
                    .map(|_| Ok((self.src()?, self.src()?)))
                    .collect::<R<_>>()?;
            }
            OperandMut::MapGets(pairs) => {
                let n = self.count(2)?;
                *pairs = (0..n)
                    .map(|_| Ok((self.src()?, self.dst()?)))
                    .collect::<R<_>>()?;
            }
            OperandMut::Segments(segments) => {
                let n = self.count(5)?;
                *segments = (0..n)
                    .map(|_| {
                        Ok(BsSegment {
                            ty: self.pick(&BsType::ALL, "segment type")?,
                            value: self.src()?,
                            size: self.bs_size()?,
                            unit: self.u16("unit")?,
                            flags: self.bs_flags()?,
                        })
                    })
                    .collect::<R<_>>()?;
            }
        }
        Ok(())
    }
}
