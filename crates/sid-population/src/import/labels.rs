//! Text labels of the registry's exports matched to codes. SIAK and the Buku Induk write
//! "Tidak/Belum Sekolah", "SLTA/Sederajat", "Tdk Th", "Lk", "STRATA-II" where the code list says
//! "TIDAK / BELUM SEKOLAH", "SLTA / SEDERAJAT", "TIDAK TAHU", "LAKI-LAKI", "STRATA II": labels
//! are compared after case, spacing and punctuation are folded away and the abbreviations real
//! files carry are written out; what matched only so is reported to the operator.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::codes;

/// How a cell's label found its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A code, or the list's own name in any case.
    Exact(i32),
    /// Matched through a variant spelling.
    Variant(i32),
}

/// Abbreviations and old spellings, word by word.
const WORDS: &[(&str, &str)] = &[
    ("TDK", "TIDAK"),
    ("TDAK", "TIDAK"),
    ("BLM", "BELUM"),
    ("TH", "TAHU"),
    ("TAU", "TAHU"),
    ("SDRJT", "SEDERAJAT"),
    ("SEDERAJATNYA", "SEDERAJAT"),
    ("KEL", "KELUARGA"),
    ("KK", "KEPALA KELUARGA"),
    ("ORTU", "ORANGTUA"),
    ("KATOLIK", "KATHOLIK"),
    ("BUDDHA", "BUDHA"),
    ("KONGHUCU", "KHONGHUCU"),
    ("KHONGHUCHU", "KHONGHUCU"),
    ("PNS", "PEGAWAI NEGERI SIPIL"),
    ("TNI", "TENTARA NASIONAL INDONESIA"),
    ("POLRI", "KEPOLISIAN RI"),
];

/// Whole labels that name a code differently from the list.
const LABELS: &[(&str, &str, i32)] = &[
    ("jenis_kelamin", "L", 1),
    ("jenis_kelamin", "LK", 1),
    ("jenis_kelamin", "LAKI", 1),
    ("jenis_kelamin", "PRIA", 1),
    ("jenis_kelamin", "P", 2),
    ("jenis_kelamin", "PR", 2),
    ("jenis_kelamin", "WANITA", 2),
    ("pendidikan_kk", "SD", 3),
    ("pendidikan_kk", "SMP", 4),
    ("pendidikan_kk", "SLTP", 4),
    ("pendidikan_kk", "SMA", 5),
    ("pendidikan_kk", "SLTA", 5),
    ("pendidikan_kk", "S1", 8),
    ("pendidikan_kk", "D4", 8),
    ("pendidikan_kk", "S2", 9),
    ("pendidikan_kk", "S3", 10),
    ("status_perkawinan", "BELUM MENIKAH", 1),
    ("status_perkawinan", "MENIKAH", 2),
    ("status_perkawinan", "KAWIN TERCATAT", 2),
    ("status_perkawinan", "KAWIN BELUM TERCATAT", 2),
    ("status_perkawinan", "KAWIN TIDAK TERCATAT", 2),
    ("kewarganegaraan", "INDONESIA", 1),
    ("cacat", "TIDAK", 7),
    ("status_dasar", "MENINGGAL", 2),
    ("status_dasar", "MENINGGAL DUNIA", 2),
    ("status_dasar", "PINDAH DALAM NEGERI", 3),
    ("status_dasar", "PINDAH LUAR NEGERI", 3),
];

/// A label as compared: upper case, abbreviations written out, then only letters and digits.
fn fold(label: &str) -> String {
    let upper = label.to_uppercase();
    let spaced: String = upper
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = spaced
        .split_whitespace()
        .map(|w| {
            WORDS
                .iter()
                .find(|(short, _)| *short == w)
                .map_or(w, |(_, long)| long)
        })
        .collect();
    words.concat().replace(' ', "")
}

/// Per list: the folded label to its code.
static FOLDED: LazyLock<HashMap<&'static str, HashMap<String, i32>>> = LazyLock::new(|| {
    let mut lists: HashMap<&'static str, HashMap<String, i32>> = HashMap::new();
    for (list, entries) in codes::all() {
        let folded = lists.entry(list.as_str()).or_default();
        for (code, name) in entries {
            folded.insert(fold(name), *code);
        }
    }
    for (list, label, code) in LABELS {
        lists.entry(list).or_default().insert(fold(label), *code);
    }
    lists
});

/// The code a cell names in `list`: a number that is a code, the list's label in any case, or a
/// variant spelling of it.
pub fn find(list: &str, value: &str) -> Option<Found> {
    let value = value.trim();
    if let Ok(n) = value.parse::<i32>() {
        return codes::name(list, n).map(|_| Found::Exact(n));
    }
    let entries = codes::all().get(list);
    if let Some((code, _)) = entries
        .into_iter()
        .flatten()
        .find(|(_, name)| name.eq_ignore_ascii_case(value))
    {
        return Some(Found::Exact(*code));
    }
    FOLDED
        .get(list)?
        .get(&fold(value))
        .map(|&c| Found::Variant(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_registry_exports() {
        assert_eq!(
            find("pendidikan_kk", "Tidak/Belum Sekolah"),
            Some(Found::Variant(1))
        );
        assert_eq!(
            find("pendidikan_kk", "SLTA/Sederajat"),
            Some(Found::Variant(5))
        );
        assert_eq!(find("pendidikan_kk", "STRATA-II"), Some(Found::Variant(9)));
        assert_eq!(find("golongan_darah", "Tdk Th"), Some(Found::Variant(13)));
        assert_eq!(find("shdk", "Orang Tua"), Some(Found::Variant(7)));
        assert_eq!(find("shdk", "Kepala Keluarga"), Some(Found::Exact(1)));
        assert_eq!(find("jenis_kelamin", "Lk"), Some(Found::Variant(1)));
        assert_eq!(find("jenis_kelamin", "Laki-Laki"), Some(Found::Exact(1)));
        assert_eq!(find("status_dasar", "Tidak Valid"), Some(Found::Exact(9)));
        assert_eq!(find("agama", "4"), Some(Found::Exact(4)));
        assert_eq!(find("agama", "40"), None);
        assert_eq!(find("agama", "Islam Kejawen"), None);
    }
}
