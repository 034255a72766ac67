//! The regency-wide list of product categories, the same for every desa so that the e-mall can
//! filter across all of them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Category {
    MakananMinuman,
    Kerajinan,
    Pertanian,
    Perikanan,
    Fesyen,
    Jasa,
    Wisata,
    Lainnya,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::MakananMinuman,
        Category::Kerajinan,
        Category::Pertanian,
        Category::Perikanan,
        Category::Fesyen,
        Category::Jasa,
        Category::Wisata,
        Category::Lainnya,
    ];

    /// The code kept in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Category::MakananMinuman => "makanan-minuman",
            Category::Kerajinan => "kerajinan",
            Category::Pertanian => "pertanian",
            Category::Perikanan => "perikanan",
            Category::Fesyen => "fesyen",
            Category::Jasa => "jasa",
            Category::Wisata => "wisata",
            Category::Lainnya => "lainnya",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::MakananMinuman => "Makanan & Minuman",
            Category::Kerajinan => "Kerajinan",
            Category::Pertanian => "Pertanian",
            Category::Perikanan => "Perikanan",
            Category::Fesyen => "Fesyen",
            Category::Jasa => "Jasa",
            Category::Wisata => "Wisata",
            Category::Lainnya => "Lainnya",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl TryFrom<String> for Category {
    type Error = String;
    fn try_from(s: String) -> Result<Category, String> {
        Category::parse(s.trim()).ok_or_else(|| {
            let codes: Vec<&str> = Category::ALL.iter().map(|c| c.code()).collect();
            format!(
                "kategori tidak dikenal; pilih salah satu: {}",
                codes.join(", ")
            )
        })
    }
}

impl From<Category> for &'static str {
    fn from(c: Category) -> &'static str {
        c.code()
    }
}
