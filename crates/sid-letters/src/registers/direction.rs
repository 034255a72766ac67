//! Which register a letter is in.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Received (surat masuk).
    Masuk,
    /// Sent by the desa, not in answer to a villager's request (surat keluar).
    Keluar,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Masuk => "masuk",
            Direction::Keluar => "keluar",
        }
    }

    /// The letter sequence that numbers the agenda of received letters; a type code never takes
    /// this form, so it shares no sequence with any letter.
    pub const AGENDA_SCOPE: &'static str = "surat-masuk";

    /// Sent letters' own sequence when the desa numbers each letter type on its own.
    pub const SENT_SCOPE: &'static str = "surat-keluar";
}

/// A classification code of the archive (kode klasifikasi surat): digits in groups separated by
/// dots, e.g. `005`, `140` or `474.4`.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Classification(String);

impl Classification {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Classification {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim();
        let groups_ok = s
            .split('.')
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()));
        if s.is_empty() || s.len() > 20 || !groups_ok {
            return Err(
                "kode klasifikasi berupa angka, boleh bertitik, mis. 005 atau 474.4".into(),
            );
        }
        Ok(Classification(s.to_string()))
    }
}
