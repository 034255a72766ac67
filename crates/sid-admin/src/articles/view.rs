//! An article as the API and the pages show it.

use chrono::NaiveDateTime;
use serde::Serialize;
use sid_core::photos::Photo;
use sid_core::{clock, Desa};

use super::category::Category;
use super::store::Article;

/// The desa an article belongs to, for lists across desa.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DesaOf {
    pub slug: String,
    pub name: String,
    pub kecamatan: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ArticleView {
    pub id: String,
    pub slug: String,
    pub category: String,
    pub category_label: &'static str,
    pub title: String,
    pub summary: String,
    /// As written (Markdown).
    pub body: String,
    /// As shown: rendered and sanitised.
    pub body_html: String,
    /// `draf`, `terjadwal` (published, its time not yet come) or `terbit`.
    pub state: &'static str,
    /// WIB, e.g. `2026-12-24T08:00:00+07:00`; absent for a draft never published.
    pub publish_at: Option<String>,
    pub updated_at: String,
    pub author: String,
    pub cover: Option<Photo>,
    pub desa: DesaOf,
    /// The article's page.
    pub url: String,
    #[serde(skip)]
    pub published_on: String,
    #[serde(skip)]
    pub changed: NaiveDateTime,
    #[serde(skip)]
    pub appeared: Option<NaiveDateTime>,
}

/// A stored UTC instant in WIB, with its offset.
fn wib(at: NaiveDateTime) -> String {
    clock::local(at)
        .format("%Y-%m-%dT%H:%M:%S+07:00")
        .to_string()
}

/// Where the desa's article covers are served.
pub fn cover_folder(desa_slug: &str) -> String {
    format!("/desa/{desa_slug}/berita/foto")
}

/// The article's page on the desa's site.
pub fn article_url(base: &str, desa_slug: &str, slug: &str) -> String {
    format!("{base}/desa/{desa_slug}/berita/{slug}")
}

impl ArticleView {
    pub fn new(base: &str, desa: &Desa, a: Article, now: NaiveDateTime) -> ArticleView {
        let state = match (a.published, a.shown_at(now)) {
            (false, _) => "draf",
            (true, false) => "terjadwal",
            (true, true) => "terbit",
        };
        ArticleView {
            url: article_url(base, &desa.slug, &a.slug),
            category_label: Category::label_of(&a.category),
            state,
            publish_at: a.publish_at.map(wib),
            published_on: a
                .publish_at
                .map(|at| clock::local(at).format("%d-%m-%Y %H:%M").to_string())
                .unwrap_or_default(),
            updated_at: wib(a.updated_at),
            cover: a
                .cover
                .as_ref()
                .zip(a.cover_width.zip(a.cover_height))
                .map(|(id, (w, h))| Photo::new(base, &cover_folder(&desa.slug), id, w, h)),
            changed: a.updated_at,
            appeared: a.publish_at,
            desa: DesaOf {
                slug: desa.slug.clone(),
                name: desa.name.clone(),
                kecamatan: desa.kecamatan.name.clone(),
            },
            id: a.id,
            slug: a.slug,
            category: a.category,
            title: a.title,
            summary: a.summary,
            body: a.body,
            body_html: a.body_html,
            author: a.author,
        }
    }
}
