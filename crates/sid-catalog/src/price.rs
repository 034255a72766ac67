//! Prices in whole rupiah, and how they are written for people ("Rp 15.000").

pub use sid_core::rupiah::{rupiah, Rupiah};

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
