//! A transfer's life: its statuses, and which desa may make which move from which status.

use serde::{Deserialize, Serialize};
use sid_core::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Menunggu,
    Diterima,
    Ditolak,
    Dibatalkan,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Menunggu,
        Status::Diterima,
        Status::Ditolak,
        Status::Dibatalkan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Menunggu => "menunggu",
            Status::Diterima => "diterima",
            Status::Ditolak => "ditolak",
            Status::Dibatalkan => "dibatalkan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Menunggu => "Menunggu jawaban desa tujuan",
            Status::Diterima => "Diterima",
            Status::Ditolak => "Ditolak",
            Status::Dibatalkan => "Dibatalkan",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Which side of the transfer a desa is on: its row's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The desa the person leaves.
    Keluar,
    /// The desa the person asks to move into.
    Masuk,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Keluar => "keluar",
            Direction::Masuk => "masuk",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        [Direction::Keluar, Direction::Masuk]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// Checks a move. A move that no one may make from this status is a conflict (409); a move
/// this side may not make is forbidden (403). A refusal needs its reason.
pub fn check(from: Status, to: Status, side: Direction, reason: Option<&str>) -> Result<()> {
    use Direction::*;
    use Status::*;
    let allowed = match (from, to) {
        (Menunggu, Diterima | Ditolak) => Masuk,
        (Menunggu, Dibatalkan) => Keluar,
        _ => {
            return Err(Error::Conflict(format!(
                "Permohonan pindah berstatus {} tidak bisa diubah menjadi {}.",
                from.label(),
                to.label()
            )))
        }
    };
    if side != allowed {
        return Err(Error::Forbidden(match allowed {
            Masuk => "Hanya desa tujuan yang dapat menerima atau menolak kepindahan.".into(),
            Keluar => "Hanya desa asal yang dapat membatalkan permohonan pindah.".into(),
        }));
    }
    if to == Ditolak && reason.map(str::trim).unwrap_or("").is_empty() {
        return Err(Error::invalid(
            "reason",
            "wajib diisi: alasan penolakan untuk desa asal",
        ));
    }
    Ok(())
}
