//! A request's life: its statuses and which move each role may make from which status.

use serde::{Deserialize, Serialize};
use sid_core::auth::Membership;
use sid_core::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    BelumLengkap,
    SedangDiperiksa,
    MenungguTandaTangan,
    SiapDiambil,
    SudahDiambil,
    Dibatalkan,
    Ditolak,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::BelumLengkap,
        Status::SedangDiperiksa,
        Status::MenungguTandaTangan,
        Status::SiapDiambil,
        Status::SudahDiambil,
        Status::Dibatalkan,
        Status::Ditolak,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::BelumLengkap => "belum_lengkap",
            Status::SedangDiperiksa => "sedang_diperiksa",
            Status::MenungguTandaTangan => "menunggu_tanda_tangan",
            Status::SiapDiambil => "siap_diambil",
            Status::SudahDiambil => "sudah_diambil",
            Status::Dibatalkan => "dibatalkan",
            Status::Ditolak => "ditolak",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::BelumLengkap => "Belum Lengkap",
            Status::SedangDiperiksa => "Sedang Diperiksa",
            Status::MenungguTandaTangan => "Menunggu Tanda Tangan",
            Status::SiapDiambil => "Siap Diambil",
            Status::SudahDiambil => "Sudah Diambil",
            Status::Dibatalkan => "Dibatalkan",
            Status::Ditolak => "Ditolak",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Who asks for a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The villager who made the request.
    Owner,
    Operator,
    Admin,
}

impl Actor {
    /// Who this member is to a request made by `requested_by`: a villager acts on it as its
    /// owner only if they made it, and otherwise not at all.
    pub fn on(member: &Membership, requested_by: Option<&str>) -> Option<Actor> {
        match member {
            Membership::Admin => Some(Actor::Admin),
            Membership::Operator => Some(Actor::Operator),
            Membership::Villager(me) => (requested_by == Some(me.as_str())).then_some(Actor::Owner),
        }
    }
}

/// Checks a move. A move that no one may make from this status is a conflict (409); a move
/// this actor may not make is forbidden (403). A return or a refusal needs its reason.
pub fn check(from: Status, to: Status, actor: Actor, reason: Option<&str>) -> Result<()> {
    use Actor::*;
    use Status::*;
    let allowed: &[Actor] = match (from, to) {
        (SedangDiperiksa, MenungguTandaTangan) => &[Operator, Admin],
        (SedangDiperiksa, BelumLengkap) => &[Operator, Admin],
        (BelumLengkap, SedangDiperiksa) => &[Owner, Operator, Admin],
        (MenungguTandaTangan, SiapDiambil) => &[Admin],
        (SiapDiambil, SudahDiambil) => &[Operator, Admin],
        (BelumLengkap | SedangDiperiksa | MenungguTandaTangan, Ditolak) => &[Operator, Admin],
        (BelumLengkap | SedangDiperiksa | MenungguTandaTangan, Dibatalkan) => {
            &[Owner, Operator, Admin]
        }
        _ => {
            return Err(Error::Conflict(format!(
                "Permohonan berstatus {} tidak bisa diubah menjadi {}.",
                from.label(),
                to.label()
            )))
        }
    };
    if !allowed.contains(&actor) {
        return Err(Error::Forbidden(match to {
            SiapDiambil => {
                "Hanya kepala/sekretaris desa (admin desa) yang boleh menandatangani surat.".into()
            }
            _ => format!(
                "Anda tidak berwenang mengubah permohonan menjadi {}.",
                to.label()
            ),
        }));
    }
    let needs_reason =
        matches!(to, Ditolak) || matches!((from, to), (SedangDiperiksa, BelumLengkap));
    if needs_reason && reason.map(str::trim).unwrap_or("").is_empty() {
        return Err(Error::invalid(
            "reason",
            "wajib diisi: alasan untuk pemohon",
        ));
    }
    Ok(())
}
