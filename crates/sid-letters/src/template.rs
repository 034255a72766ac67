//! Template text with placeholders such as `[nama]`: checked when a template is saved (an
//! unknown placeholder is refused then, not discovered on a printed letter) and filled in when
//! a letter is signed.

use std::collections::BTreeMap;

use sid_core::{Error, Result};

use super::types::LetterType;

/// Placeholders every type can use: the subject, the family, the desa and the request.
pub const COMMON: &[&str] = &[
    "nama",
    "nik",
    "no_kk",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama",
    "pekerjaan",
    "status_perkawinan",
    "kewarganegaraan",
    "alamat",
    "nama_desa",
    "kecamatan",
    "kabupaten",
    "kode_desa",
    "keperluan",
    "nomor",
    "tanggal_surat",
    "berlaku_sampai",
];

/// The names between square brackets, in order.
fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) => {
                found.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

/// A template for this type: not empty, within size, and every placeholder known.
pub fn check(kind: &LetterType, text: &str) -> Result<String> {
    let text = text.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(Error::invalid("template", "teks surat wajib diisi"));
    }
    if text.chars().count() > 8000 {
        return Err(Error::invalid(
            "template",
            "teks surat maksimal 8000 karakter",
        ));
    }
    let unknown: Vec<&str> = placeholders(&text)
        .into_iter()
        .filter(|p| !COMMON.contains(p) && !kind.fields.iter().any(|f| f.key == *p))
        .collect();
    if !unknown.is_empty() {
        let mut known: Vec<&str> = COMMON.to_vec();
        known.extend(kind.fields.iter().map(|f| f.key));
        return Err(Error::invalid(
            "template",
            format!(
                "isian tidak dikenal: [{}]; yang tersedia: {}",
                unknown.join("], ["),
                known
                    .iter()
                    .map(|k| format!("[{k}]"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ));
    }
    Ok(text)
}

/// The template with every placeholder replaced; a value missing from `values` prints as "-".
pub fn fill(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) => {
                let key = &after[..close];
                match values.get(key) {
                    Some(v) if !v.is_empty() => out.push_str(v),
                    _ => out.push('-'),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
