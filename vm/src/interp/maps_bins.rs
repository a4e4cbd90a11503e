//! Handlers for maps (`PutMap`, `HasMapFields`, `GetMapElements`) and the bit syntax
//! (`BsCreate`, the match-context instructions). The semantics live in `ops::map` and
//! `ops::binary`; these handlers read operands, call them, and branch or raise.

use super::{Step, Vm};
use crate::ops::{binary, map};
use crate::term::Term;
use krarup_bytecode::opcode::{BsFlags, BsSegment, BsSize, BsType, Dst, Label, MapPut, Src};

impl<'a> Vm<'a> {
    // ---- maps ----

    pub(crate) fn op_put_map(
        &mut self,
        kind: MapPut,
        src: Src,
        dst: Dst,
        pairs: &[(Src, Src)],
        fail: Option<Label>,
    ) -> Step {
        let m = self.get(src);
        let kv: Vec<(Term, Term)> = pairs
            .iter()
            .map(|(k, v)| (self.get(*k), self.get(*v)))
            .collect();
        match map::put_many(&mut self.p.heap, kind, m, &kv, &self.ctx.shared.atoms) {
            Ok(t) => {
                self.put(dst, t);
                Ok(())
            }
            Err(_) if fail.is_some() => {
                self.jump(fail.unwrap_or(Label(0)));
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    pub(crate) fn op_has_map_fields(&mut self, fail: Label, src: Src, keys: &[Src]) {
        let m = self.get(src);
        let ok = m.is_map() && keys.iter().all(|k| map::get(m, self.get(*k)).is_some());
        if !ok {
            self.jump(fail);
        }
    }

    pub(crate) fn op_get_map_elements(&mut self, fail: Label, src: Src, pairs: &[(Src, Dst)]) {
        let m = self.get(src);
        if !m.is_map() {
            return self.jump(fail);
        }
        for (k, d) in pairs {
            match map::get(m, self.get(*k)) {
                Some(v) => self.put(*d, v),
                None => return self.jump(fail),
            }
        }
    }

    // ---- binaries ----

    /// A segment size operand: `(size, all)`.
    fn seg_size(&self, size: BsSize) -> (Option<Term>, bool) {
        match size {
            BsSize::Src(s) => (Some(self.get(s)), false),
            BsSize::Default => (None, false),
            BsSize::All => (None, true),
        }
    }

    pub(crate) fn op_bs_create(
        &mut self,
        segments: &[BsSegment],
        dst: Dst,
        fail: Option<Label>,
    ) -> Step {
        let segs: Vec<binary::SegmentValue> = segments
            .iter()
            .map(|s| {
                let (size, all) = self.seg_size(s.size);
                binary::SegmentValue {
                    ty: s.ty,
                    value: self.get(s.value),
                    size,
                    all,
                    unit: s.unit,
                    flags: s.flags,
                }
            })
            .collect();
        match binary::build(&mut self.p.heap, &segs) {
            Ok(t) => {
                self.put(dst, t);
                Ok(())
            }
            Err(_) if fail.is_some() => {
                self.jump(fail.unwrap_or(Label(0)));
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    pub(crate) fn op_bs_start_match(&mut self, fail: Label, src: Src, dst: Dst) {
        let b = self.get(src);
        match binary::start_match(&mut self.p.heap, b) {
            Some(ctx) => self.put(dst, ctx),
            None => self.jump(fail),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn op_bs_get(
        &mut self,
        fail: Label,
        ctx: Src,
        ty: BsType,
        size: BsSize,
        unit: u16,
        flags: BsFlags,
        dst: Dst,
    ) -> Step {
        let c = self.get(ctx);
        // A size that is not a non-negative integer fails the match (OTP), it raises nothing.
        let (size, all) = self.seg_size(size);
        match binary::get(&mut self.p.heap, c, ty, size, all, unit, flags) {
            Some(t) => self.put(dst, t),
            None => self.jump(fail),
        }
        Ok(())
    }

    pub(crate) fn op_bs_skip(&mut self, fail: Label, ctx: Src, size: BsSize, unit: u16) -> Step {
        let c = self.get(ctx);
        // A size that is not a non-negative integer fails the match (OTP), it raises nothing.
        let (size, all) = self.seg_size(size);
        if !binary::skip(c, size, all, unit) {
            self.jump(fail);
        }
        Ok(())
    }

    pub(crate) fn op_bs_test_tail(&mut self, fail: Label, ctx: Src, bits: u32) {
        if binary::remaining_bits(self.get(ctx)) != bits as usize {
            self.jump(fail);
        }
    }

    pub(crate) fn op_bs_test_unit(&mut self, fail: Label, ctx: Src, unit: u16) {
        let unit = unit.max(1) as usize;
        let left_over = binary::remaining_bits(self.get(ctx)) % unit;
        if left_over > 0 {
            self.jump(fail);
        }
    }

    pub(crate) fn op_bs_get_position(&mut self, ctx: Src, dst: Dst) {
        let pos = binary::position(self.get(ctx));
        self.put(dst, Term::small(pos as i64));
    }

    pub(crate) fn op_bs_set_position(&mut self, ctx: Src, pos: Src) -> Step {
        let (c, p) = (self.get(ctx), self.get(pos));
        match p.as_small() {
            Some(n) if n >= 0 => {
                binary::set_position(c, n as usize);
                Ok(())
            }
            _ => Err(self.internal("BsSetPosition with a bad position".into())),
        }
    }

    pub(crate) fn op_bs_get_tail(&mut self, ctx: Src, dst: Dst) {
        let c = self.get(ctx);
        let t = binary::tail(&mut self.p.heap, c);
        self.put(dst, t);
    }
}
