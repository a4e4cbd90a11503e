//! `unicode:characters_to_nfc_list/1`, `_nfc_binary/1` and the nfd, nfkc and nfkd forms (crate
//! `unicode-normalization`), and `unicode:bom_to_encoding/1`, `encoding_to_bom/1`. Chardata is
//! read as `characters_to_list/1` reads it; invalid UTF-8 gives `{error, Normalized, Rest}`
//! (also when truncated at the end, as OTP), data that is not chardata `badarg`.

use super::unicode::{collect, error_result, Stop};
use super::{badarg, Reg};
use crate::atom;
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::binary;
use crate::term::Term;
use unicode_normalization::UnicodeNormalization;

#[derive(Copy, Clone)]
enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

pub(super) fn register(r: &mut Reg<'_>) {
    let u = "unicode";
    r.add(u, "characters_to_nfc_list", 1, |c, a| {
        normalize(c, a[0], Form::Nfc, false)
    });
    r.add(u, "characters_to_nfc_binary", 1, |c, a| {
        normalize(c, a[0], Form::Nfc, true)
    });
    r.add(u, "characters_to_nfd_list", 1, |c, a| {
        normalize(c, a[0], Form::Nfd, false)
    });
    r.add(u, "characters_to_nfd_binary", 1, |c, a| {
        normalize(c, a[0], Form::Nfd, true)
    });
    r.add(u, "characters_to_nfkc_list", 1, |c, a| {
        normalize(c, a[0], Form::Nfkc, false)
    });
    r.add(u, "characters_to_nfkc_binary", 1, |c, a| {
        normalize(c, a[0], Form::Nfkc, true)
    });
    r.add(u, "characters_to_nfkd_list", 1, |c, a| {
        normalize(c, a[0], Form::Nfkd, false)
    });
    r.add(u, "characters_to_nfkd_binary", 1, |c, a| {
        normalize(c, a[0], Form::Nfkd, true)
    });
    r.add(u, "bom_to_encoding", 1, bom_to_encoding);
    r.add(u, "encoding_to_bom", 1, encoding_to_bom);
}

fn normalize(c: &mut NativeCtx<'_>, t: Term, form: Form, to_binary: bool) -> NativeResult {
    let mut s = String::new();
    let r = collect(c, t, false, &mut s);
    c.charge(s.len() / 16);
    let norm: String = match form {
        Form::Nfc => s.nfc().collect(),
        Form::Nfd => s.nfd().collect(),
        Form::Nfkc => s.nfkc().collect(),
        Form::Nfkd => s.nfkd().collect(),
    };
    let out = if to_binary {
        c.heap.binary(norm.as_bytes())
    } else {
        c.heap.string(&norm)
    };
    match r {
        Ok(()) => Ok(out),
        Err(Stop::Badarg) => badarg(),
        Err(Stop::Bad { nf_rest, .. }) => error_result(c, out, false, nf_rest),
    }
}

/// OTP's `unicode` functions are Erlang code: a bad argument is a `function_clause`.
fn function_clause() -> Exception {
    Exception::error(Term::atom(atom::FUNCTION_CLAUSE))
}

fn bom_to_encoding(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let (bytes, bits) = binary::bytes(a[0]).ok_or_else(function_clause)?;
    if bits % 8 != 0 {
        return Err(function_clause());
    }
    let (enc, len): (&[&str], i64) = match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => (&["utf8"], 3),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (&["utf32", "big"], 4),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (&["utf32", "little"], 4),
        [0xFE, 0xFF, ..] => (&["utf16", "big"], 2),
        [0xFF, 0xFE, ..] => (&["utf16", "little"], 2),
        _ => (&["latin1"], 0),
    };
    let enc = match enc {
        [one] => c.atom(one),
        [a, b] => {
            let (a, b) = (c.atom(a), c.atom(b));
            c.heap.tuple(&[a, b])
        }
        _ => return Err(function_clause()),
    };
    Ok(c.heap.tuple(&[enc, Term::small(len)]))
}

fn encoding_to_bom(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let name = |t: Term| t.as_atom().map(|x| c.shared.atoms.name(x));
    let key: Option<(String, String)> = match a[0].as_tuple_n() {
        Some([x, y]) => match (name(x), name(y)) {
            (Some(x), Some(y)) => Some((x.to_string(), y.to_string())),
            _ => None,
        },
        _ => name(a[0]).map(|x| (x.to_string(), String::new())),
    };
    let Some((enc, endian)) = key else {
        return Err(function_clause());
    };
    let bom: &[u8] = match (enc.as_str(), endian.as_str()) {
        ("unicode" | "utf8", "") => &[0xEF, 0xBB, 0xBF],
        ("utf16", "" | "big") => &[0xFE, 0xFF],
        ("utf16", "little") => &[0xFF, 0xFE],
        ("utf32", "" | "big") => &[0x00, 0x00, 0xFE, 0xFF],
        ("utf32", "little") => &[0xFF, 0xFE, 0x00, 0x00],
        ("latin1", "") => &[],
        _ => return Err(function_clause()),
    };
    Ok(c.heap.binary(bom))
}
