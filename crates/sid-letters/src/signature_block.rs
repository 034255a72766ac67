//! The lines under a letter's date: the signer's office, written "a.n." (atas nama) when the
//! sekretaris desa signs for the kepala desa and "u.b." (untuk beliau) when a kaur or kasi
//! signs for the sekretaris, as Indonesian official letters do.

use sid_core::auth::{Position, User};

pub struct Block {
    /// The office, one line each.
    pub title: String,
    pub name: String,
}

/// The block for `signer`; `kepala_desa` is the name the desa's profile gives its head, used
/// when the head's own account has no full name.
pub fn of(signer: &User, desa_name: &str, kepala_desa: Option<String>) -> Block {
    let head = format!("Kepala Desa {desa_name}");
    let position = signer.position.unwrap_or(Position::KepalaDesa);
    let title = match position {
        Position::KepalaDesa | Position::Operator => head,
        Position::SekretarisDesa => format!("a.n. {head}\nSekretaris Desa"),
        Position::KaurKasi => format!(
            "a.n. {head}\nSekretaris Desa\nu.b.\n{}",
            signer.title.as_deref().unwrap_or("Kaur/Kasi")
        ),
    };
    let name = match (&signer.full_name, position) {
        (Some(n), _) => n.clone(),
        (None, Position::KepalaDesa) => kepala_desa
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| signer.username.clone()),
        (None, _) => signer.username.clone(),
    };
    Block { title, name }
}
