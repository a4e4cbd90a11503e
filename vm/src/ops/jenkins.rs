//! Bob Jenkins' hash primitives as erts uses them (`MIX`, `UINT32_HASH_2`, `block_hash` in
//! `erl_term_hashing.c`), shared by `erlang:phash2` (`bif::phash`) and OTP's map-key order
//! (`ops::otp_order`). Owns no term knowledge.

/// The golden ratio constant; `HCONST_N` is `HCONST * (N + 1)` (erts `HCONST_N`).
pub(crate) const HCONST: u32 = 0x9e37_79b9;
pub(crate) const HCONST_2: u32 = 0x3c6e_f372;
pub(crate) const HCONST_3: u32 = 0xdaa6_6d2b;
pub(crate) const HCONST_4: u32 = 0x78dd_e6e4;
pub(crate) const HCONST_5: u32 = 0x1715_609d;
pub(crate) const HCONST_7: u32 = 0x5384_540f;
pub(crate) const HCONST_9: u32 = 0x8ff3_4781;
pub(crate) const HCONST_10: u32 = 0x2e2a_c13a;
pub(crate) const HCONST_11: u32 = 0xcc62_3af3;
pub(crate) const HCONST_12: u32 = 0x6a99_b4ac;
pub(crate) const HCONST_13: u32 = 0x08d1_2e65;
pub(crate) const HCONST_14: u32 = 0xa708_a81e;
pub(crate) const HCONST_15: u32 = 0x4540_21d7;
pub(crate) const HCONST_16: u32 = 0xe377_9b90;
pub(crate) const HCONST_17: u32 = 0x81af_1549;
pub(crate) const HCONST_18: u32 = 0x1fe6_8f02;
pub(crate) const HCONST_19: u32 = 0xbe1e_08bb;
pub(crate) const HCONST_22: u32 = 0x98c4_75e6;

/// Mixes three words (erts `MIX`).
pub(crate) fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 13);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 8);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 13);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 12);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 16);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 5);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 3);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 10);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 15);
}

/// Folds two words into `hash` with key `k` (erts `UINT32_HASH_2`).
pub(crate) fn hash2(hash: &mut u32, x: u32, y: u32, k: u32) {
    let (mut a, mut b) = (k.wrapping_add(x), k.wrapping_add(y));
    mix(&mut a, &mut b, hash);
}

/// Jenkins' block hash over bytes (erts `block_hash`).
pub(crate) fn block_hash(k: &[u8], initval: u32) -> u32 {
    let (mut a, mut b, mut c) = (HCONST, HCONST, initval);
    let word = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let mut rest = k;
    while rest.len() >= 12 {
        a = a.wrapping_add(word(&rest[0..4]));
        b = b.wrapping_add(word(&rest[4..8]));
        c = c.wrapping_add(word(&rest[8..12]));
        mix(&mut a, &mut b, &mut c);
        rest = &rest[12..];
    }
    c = c.wrapping_add(k.len() as u32);
    let byte = |i: usize| rest.get(i).map_or(0, |&v| v as u32);
    c = c.wrapping_add(byte(10) << 24 | byte(9) << 16 | byte(8) << 8);
    b = b.wrapping_add(byte(7) << 24 | byte(6) << 16 | byte(5) << 8 | byte(4));
    a = a.wrapping_add(byte(3) << 24 | byte(2) << 16 | byte(1) << 8 | byte(0));
    mix(&mut a, &mut b, &mut c);
    c
}
