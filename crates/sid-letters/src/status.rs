//! A request's life: its statuses and which move each position may make from which status.

use serde::{Deserialize, Serialize};
use sid_core::auth::{Membership, Position, User};
use sid_core::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    BelumLengkap,
    SedangDiperiksa,
    /// Checked; waiting for the sekretaris desa's initials (where the desa has that step).
    MenungguParaf,
    MenungguTandaTangan,
    SiapDiambil,
    SudahDiambil,
    Dibatalkan,
    Ditolak,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::BelumLengkap,
        Status::SedangDiperiksa,
        Status::MenungguParaf,
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
            Status::MenungguParaf => "menunggu_paraf",
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
            Status::MenungguParaf => "Menunggu Paraf Sekdes",
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
    /// A staff member of the desa, by their position.
    Staff(Position),
}

impl Actor {
    /// Who this member is to a request made by `requested_by`: staff by their position, a
    /// villager as its owner only if they made it, and otherwise not at all.
    pub fn on(member: &Membership, user: &User, requested_by: Option<&str>) -> Option<Actor> {
        match member {
            Membership::Admin | Membership::Operator => Some(Actor::Staff(
                user.position
                    .or(Position::default_for(user.role))
                    .unwrap_or(Position::Operator),
            )),
            Membership::Villager(me) => (requested_by == Some(me.as_str())).then_some(Actor::Owner),
        }
    }
}

/// The desa's approval chain: with `paraf`, the sekretaris desa initials every checked letter
/// before it is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chain {
    pub paraf: bool,
}

impl Chain {
    /// Where a checked request (or one entered by staff) goes next.
    pub fn after_check(self) -> Status {
        if self.paraf {
            Status::MenungguParaf
        } else {
            Status::MenungguTandaTangan
        }
    }
}

/// Who may make a move.
enum Who {
    Staff,
    OwnerOrStaff,
    Positions(&'static [Position]),
}

/// Those who sign: the kepala desa, or on behalf of them the sekretaris ("a.n.") or a kaur or
/// kasi ("u.b.").
const SIGNERS: &[Position] = &[
    Position::KepalaDesa,
    Position::SekretarisDesa,
    Position::KaurKasi,
];

/// Checks a move. A move that no one may make from this status in this desa's chain is a
/// conflict (409); a move this actor may not make is forbidden (403). A return or a refusal
/// needs its reason.
pub fn check(
    from: Status,
    to: Status,
    actor: Actor,
    reason: Option<&str>,
    chain: Chain,
) -> Result<()> {
    use Status::*;
    let open = |s| {
        matches!(
            s,
            BelumLengkap | SedangDiperiksa | MenungguParaf | MenungguTandaTangan
        )
    };
    let who =
        match (from, to) {
            (SedangDiperiksa, next) if next == chain.after_check() => Who::Staff,
            (SedangDiperiksa | MenungguParaf, BelumLengkap) => Who::Staff,
            (BelumLengkap, SedangDiperiksa) => Who::OwnerOrStaff,
            (MenungguParaf, MenungguTandaTangan) => Who::Positions(&[Position::SekretarisDesa]),
            (MenungguTandaTangan, SiapDiambil) => Who::Positions(SIGNERS),
            (SiapDiambil, SudahDiambil) => Who::Staff,
            (from, Ditolak) if open(from) => Who::Staff,
            (from, Dibatalkan) if open(from) => Who::OwnerOrStaff,
            (SedangDiperiksa, MenungguTandaTangan) => return Err(Error::Conflict(
                "Desa ini memakai paraf sekretaris desa: teruskan permohonan untuk diparaf dulu."
                    .into(),
            )),
            _ => {
                return Err(Error::Conflict(format!(
                    "Permohonan berstatus {} tidak bisa diubah menjadi {}.",
                    from.label(),
                    to.label()
                )))
            }
        };
    let allowed = match (who, actor) {
        (Who::OwnerOrStaff, _) | (Who::Staff, Actor::Staff(_)) => true,
        (Who::Positions(ps), Actor::Staff(p)) => ps.contains(&p),
        (Who::Staff | Who::Positions(_), Actor::Owner) => false,
    };
    if !allowed {
        return Err(Error::Forbidden(match (from, to) {
            (_, SiapDiambil) => "Surat hanya ditandatangani kepala desa, atau atas namanya oleh \
                            sekretaris desa (a.n.) atau kaur/kasi (u.b.)."
                .into(),
            (MenungguParaf, MenungguTandaTangan) => {
                "Hanya sekretaris desa yang memaraf surat.".into()
            }
            _ => format!(
                "Anda tidak berwenang mengubah permohonan menjadi {}.",
                to.label()
            ),
        }));
    }
    let needs_reason = matches!(to, Ditolak | BelumLengkap);
    if needs_reason && reason.map(str::trim).unwrap_or("").is_empty() {
        return Err(Error::invalid(
            "reason",
            "wajib diisi: alasan untuk pemohon",
        ));
    }
    Ok(())
}
