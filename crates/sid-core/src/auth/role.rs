use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Diskominfo Kabupaten Serang: every desa.
    KabupatenAdmin,
    /// Kepala / sekretaris desa: one desa; signs letters, manages operators.
    DesaAdmin,
    /// Operator desa: one desa; records data, prepares letters.
    DesaOperator,
    /// A villager: own data and requests.
    Warga,
    /// A seller (UMKM) of one desa: its own products only.
    Umkm,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::KabupatenAdmin => "kabupaten_admin",
            Role::DesaAdmin => "desa_admin",
            Role::DesaOperator => "desa_operator",
            Role::Warga => "warga",
            Role::Umkm => "umkm",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::KabupatenAdmin,
            Role::DesaAdmin,
            Role::DesaOperator,
            Role::Warga,
            Role::Umkm,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// Roles that belong to exactly one desa.
    pub fn is_desa_role(self) -> bool {
        self != Role::KabupatenAdmin
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::KabupatenAdmin => "Admin Kabupaten",
            Role::DesaAdmin => "Admin Desa",
            Role::DesaOperator => "Operator Desa",
            Role::Warga => "Warga",
            Role::Umkm => "Penjual UMKM",
        }
    }
}
