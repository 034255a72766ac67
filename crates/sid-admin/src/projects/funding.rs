//! Where a project's money comes from: the funds of a desa's budget (APBDes) and what the
//! villagers bring themselves.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Funding {
    DanaDesa,
    Add,
    Provinsi,
    Kabupaten,
    Swadaya,
}

impl Funding {
    pub const ALL: [Funding; 5] = [
        Funding::DanaDesa,
        Funding::Add,
        Funding::Provinsi,
        Funding::Kabupaten,
        Funding::Swadaya,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Funding::DanaDesa => "dana_desa",
            Funding::Add => "add",
            Funding::Provinsi => "bantuan_provinsi",
            Funding::Kabupaten => "bantuan_kabupaten",
            Funding::Swadaya => "swadaya",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Funding::DanaDesa => "Dana Desa",
            Funding::Add => "Alokasi Dana Desa (ADD)",
            Funding::Provinsi => "Bantuan Provinsi",
            Funding::Kabupaten => "Bantuan Kabupaten",
            Funding::Swadaya => "Swadaya masyarakat",
        }
    }

    pub fn label_of(code: &str) -> &'static str {
        Funding::ALL
            .into_iter()
            .find(|f| f.code() == code)
            .map_or("Lainnya", Funding::label)
    }
}

impl TryFrom<String> for Funding {
    type Error = String;
    fn try_from(s: String) -> Result<Funding, String> {
        Funding::ALL
            .into_iter()
            .find(|f| f.code() == s.trim())
            .ok_or_else(|| {
                let codes: Vec<&str> = Funding::ALL.iter().map(|f| f.code()).collect();
                format!(
                    "sumber dana tidak dikenal; pilih salah satu: {}",
                    codes.join(", ")
                )
            })
    }
}

impl From<Funding> for &'static str {
    fn from(f: Funding) -> &'static str {
        f.code()
    }
}
