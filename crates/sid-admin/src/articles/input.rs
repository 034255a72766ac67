//! What staff send to write an article: each field parsed into a value that may be stored.

use chrono::{DateTime, NaiveDateTime};
use serde::Deserialize;
use sid_core::fields::{Required, Text};
use sid_core::{clock, Error, Result};

use super::category::Category;
use super::store::Article;

/// Draft, or published (shown from `publish_at`, now if absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Publication {
    Draf,
    Terbit,
}

/// When a published article is shown: `2026-12-24T08:00` in WIB (what a date-time field of
/// a form sends) or RFC 3339 with its offset.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "String")]
pub struct PublishAt(pub NaiveDateTime);

impl TryFrom<String> for PublishAt {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<PublishAt, String> {
        let s = s.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(s) {
            return Ok(PublishAt(at.naive_utc()));
        }
        ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|local| PublishAt(local - clock::WIB))
            .ok_or_else(|| "format tanggal dan jam: 2026-12-24T08:00 (WIB)".to_string())
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArticle {
    #[schema(value_type = String, example = "Panen raya padi di Dusun Jiwet")]
    pub title: Required<200>,
    pub category: Category,
    /// Markdown.
    #[schema(value_type = String)]
    pub body: Required<50000>,
    /// One or two sentences for lists, feeds and link previews; taken from the body if blank.
    #[schema(value_type = Option<String>)]
    pub summary: Option<Text<300>>,
    pub status: Publication,
    #[schema(value_type = Option<String>, example = "2026-12-24T08:00")]
    pub publish_at: Option<PublishAt>,
}

/// Fields to change; an absent field stays as it is.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleUpdate {
    #[schema(value_type = Option<String>)]
    pub title: Option<Required<200>>,
    pub category: Option<Category>,
    #[schema(value_type = Option<String>)]
    pub body: Option<Required<50000>>,
    #[schema(value_type = Option<String>)]
    pub summary: Option<Text<300>>,
    pub status: Option<Publication>,
    #[schema(value_type = Option<String>)]
    pub publish_at: Option<PublishAt>,
}

/// The summary shown: the one written, else the body's first words.
pub fn summary_of(written: Option<String>, body: &str) -> String {
    written.unwrap_or_else(|| {
        let plain = sid_core::markdown::to_plain(body);
        match plain.char_indices().nth(200) {
            Some((cut, _)) => format!("{}…", plain[..cut].trim_end()),
            None => plain,
        }
    })
}

impl ArticleUpdate {
    /// Applies the change; names the fields changed, for the audit log.
    pub fn apply(self, a: &mut Article, now: NaiveDateTime) -> Result<Vec<&'static str>> {
        let mut changed = Vec::new();
        if let Some(t) = self.title {
            a.title = t.0;
            changed.push("title");
        }
        if let Some(c) = self.category {
            a.category = c.code().to_string();
            changed.push("category");
        }
        if let Some(b) = self.body {
            a.body = b.0;
            changed.push("body");
        }
        if let Some(s) = self.summary {
            a.summary = summary_of(s.0, &a.body);
            changed.push("summary");
        } else if changed.contains(&"body") {
            a.summary = summary_of(None, &a.body);
        }
        if let Some(s) = self.status {
            a.published = s == Publication::Terbit;
            changed.push("status");
        }
        if let Some(at) = self.publish_at {
            a.publish_at = Some(at.0);
            changed.push("publish_at");
        }
        if a.published && a.publish_at.is_none() {
            a.publish_at = Some(now);
        }
        if changed.is_empty() {
            return Err(Error::BadRequest("Tidak ada yang diubah.".into()));
        }
        Ok(changed)
    }
}
