//! What staff send to write a static page: each field parsed into a value that may be stored.

use serde::Deserialize;
use sid_core::fields::Required;
use sid_core::{markdown, Error, Result};

use super::store::SitePage;

/// A page's place in the site's list: 1 to 99.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "i64")]
pub struct Position(pub i32);

impl TryFrom<i64> for Position {
    type Error = String;
    fn try_from(n: i64) -> std::result::Result<Position, String> {
        match i32::try_from(n) {
            Ok(n @ 1..=99) => Ok(Position(n)),
            _ => Err("urutan 1 sampai 99".to_string()),
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSitePage {
    #[schema(value_type = String, example = "Sejarah Desa")]
    pub title: Required<120>,
    /// Markdown.
    #[schema(value_type = String)]
    pub body: Required<50000>,
    /// Order on the site, 1 to 99 (last if absent).
    #[schema(value_type = Option<i32>, example = 1)]
    pub position: Option<Position>,
    /// Shown to anyone; a draft if false.
    pub published: bool,
}

/// Fields to change; an absent field stays as it is (the address stays too).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SitePageUpdate {
    #[schema(value_type = Option<String>)]
    pub title: Option<Required<120>>,
    #[schema(value_type = Option<String>)]
    pub body: Option<Required<50000>>,
    #[schema(value_type = Option<i32>)]
    pub position: Option<Position>,
    pub published: Option<bool>,
}

/// The address of a page titled `title`.
pub fn slug_of(title: &str) -> Result<String> {
    let mut s = slug::slugify(title);
    s.truncate(80);
    match s.trim_end_matches('-') {
        "" => Err(Error::invalid(
            "title",
            "judul perlu berisi huruf atau angka (dipakai sebagai alamat halaman)",
        )),
        s => Ok(s.to_string()),
    }
}

impl SitePageUpdate {
    /// Applies the change; names the fields changed, for the audit log.
    pub fn apply(self, p: &mut SitePage) -> Result<Vec<&'static str>> {
        let mut changed = Vec::new();
        if let Some(t) = self.title {
            p.title = t.0;
            changed.push("title");
        }
        if let Some(b) = self.body {
            p.body_html = markdown::to_html(&b.0);
            p.body = b.0;
            changed.push("body");
        }
        if let Some(n) = self.position {
            p.position = n.0;
            changed.push("position");
        }
        if let Some(on) = self.published {
            p.published = on;
            changed.push("published");
        }
        if changed.is_empty() {
            return Err(Error::BadRequest("Tidak ada yang diubah.".into()));
        }
        Ok(changed)
    }
}
