//! A staff member's office in the desa, which decides the steps of a letter they may take:
//! the role says what they may administer, the position what they may initial and sign.

use serde::{Deserialize, Serialize};

use super::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    KepalaDesa,
    SekretarisDesa,
    /// A kepala urusan or kepala seksi; their own office is the account's `title`.
    KaurKasi,
    Operator,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::KepalaDesa,
        Position::SekretarisDesa,
        Position::KaurKasi,
        Position::Operator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Position::KepalaDesa => "kepala_desa",
            Position::SekretarisDesa => "sekretaris_desa",
            Position::KaurKasi => "kaur_kasi",
            Position::Operator => "operator",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Position::KepalaDesa => "Kepala Desa",
            Position::SekretarisDesa => "Sekretaris Desa",
            Position::KaurKasi => "Kaur/Kasi",
            Position::Operator => "Operator",
        }
    }

    pub fn parse(s: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The position an account of this role starts with (the admin signed as kepala desa
    /// before positions existed); `None` for accounts that are not desa staff.
    pub fn default_for(role: Role) -> Option<Position> {
        match role {
            Role::DesaAdmin => Some(Position::KepalaDesa),
            Role::DesaOperator => Some(Position::Operator),
            Role::KabupatenAdmin | Role::Warga | Role::Umkm => None,
        }
    }
}
