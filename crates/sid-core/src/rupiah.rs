//! Amounts in whole rupiah (prices, budgets), and how they are written for people ("Rp 15.000").

use serde::Deserialize;

/// An amount in whole rupiah: 0 to one trillion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct Rupiah(pub i64);

impl TryFrom<i64> for Rupiah {
    type Error = String;
    fn try_from(n: i64) -> Result<Rupiah, String> {
        if (0..=1_000_000_000_000).contains(&n) {
            Ok(Rupiah(n))
        } else {
            Err("dalam rupiah bulat, 0 sampai 1.000.000.000.000, tanpa titik".into())
        }
    }
}

/// `15000` as "Rp 15.000".
pub fn rupiah(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("Rp {}{grouped}", if n < 0 { "-" } else { "" })
}
