//! A villager's PIN: six digits, never an easy run such as 111111 or 123456 (the desa hands
//! PINs out; a guessable one would open a person's data).

use rand::Rng;
use serde::Deserialize;

use crate::{Error, Result};

#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Pin(String);

impl Pin {
    pub fn parse(s: &str) -> std::result::Result<Pin, String> {
        let s = s.trim();
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err("PIN harus 6 angka".into());
        }
        let d: Vec<i32> = s.bytes().map(|b| i32::from(b - b'0')).collect();
        let steps: Vec<i32> = d.windows(2).map(|w| w[1] - w[0]).collect();
        if steps.iter().all(|&x| x == steps[0]) && steps[0].abs() <= 1 {
            return Err("PIN terlalu mudah ditebak (angka sama atau berurutan)".into());
        }
        Ok(Pin(s.to_string()))
    }

    /// A random PIN that passes `parse`.
    pub fn generate() -> Pin {
        let mut rng = rand::thread_rng();
        loop {
            let candidate = format!("{:06}", rng.gen_range(0..1_000_000));
            if let Ok(pin) = Pin::parse(&candidate) {
                return pin;
            }
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn field(field: &str, s: &str) -> Result<Pin> {
        Pin::parse(s).map_err(|m| Error::invalid(field, m))
    }
}

impl TryFrom<String> for Pin {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        Pin::parse(&s)
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(***)")
    }
}
