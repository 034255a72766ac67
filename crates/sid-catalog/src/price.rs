//! Prices in whole rupiah, and how they are written for people ("Rp 15.000").

use serde::Deserialize;

/// A price in whole rupiah: 0 to one trillion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct Rupiah(pub i64);

impl TryFrom<i64> for Rupiah {
    type Error = String;
    fn try_from(n: i64) -> Result<Rupiah, String> {
        if (0..=1_000_000_000_000).contains(&n) {
            Ok(Rupiah(n))
        } else {
            Err("harga dalam rupiah bulat, 0 sampai 1.000.000.000.000".into())
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

/// A single price or a range, as shown.
pub fn label(min: i64, max: Option<i64>) -> String {
    match max {
        Some(max) => format!("{} – {}", rupiah(min), rupiah(max)),
        None => rupiah(min),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn written_the_indonesian_way() {
        assert_eq!(super::rupiah(0), "Rp 0");
        assert_eq!(super::rupiah(15000), "Rp 15.000");
        assert_eq!(super::label(1500, Some(1250000)), "Rp 1.500 – Rp 1.250.000");
    }
}
