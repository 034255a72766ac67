//! The article categories, the same for every desa so that the regency's news page can filter
//! every desa's farming or fishing news at once.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Category {
    Berita,
    Pengumuman,
    Pertanian,
    Perikanan,
    Umkm,
    Kegiatan,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Berita,
        Category::Pengumuman,
        Category::Pertanian,
        Category::Perikanan,
        Category::Umkm,
        Category::Kegiatan,
    ];

    /// The code kept in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Category::Berita => "berita",
            Category::Pengumuman => "pengumuman",
            Category::Pertanian => "pertanian",
            Category::Perikanan => "perikanan",
            Category::Umkm => "umkm",
            Category::Kegiatan => "kegiatan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Berita => "Berita",
            Category::Pengumuman => "Pengumuman",
            Category::Pertanian => "Pertanian",
            Category::Perikanan => "Perikanan & Kelautan",
            Category::Umkm => "UMKM",
            Category::Kegiatan => "Kegiatan",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The label of a stored code.
    pub fn label_of(code: &str) -> &'static str {
        Category::parse(code).map_or("Berita", Category::label)
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

impl std::str::FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Category, String> {
        Category::try_from(s.to_string())
    }
}
