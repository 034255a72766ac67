//! Business licence numbers a seller may show: the NIB (Nomor Induk Berusaha, from OSS) is 13
//! digits; P-IRT and halal numbers vary by year of issue and are kept as written.

use serde::Deserialize;

/// A NIB: 13 digits (spaces allowed when typed); blank clears.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Nib(pub Option<String>);

impl TryFrom<String> for Nib {
    type Error = String;
    fn try_from(s: String) -> Result<Nib, String> {
        let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Ok(Nib(None));
        }
        if digits.len() == 13 && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(Nib(Some(digits)))
        } else {
            Err("NIB terdiri dari 13 angka (lihat sertifikat OSS)".into())
        }
    }
}
