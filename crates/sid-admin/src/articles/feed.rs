//! The machine-read forms of a desa's site: an Atom feed of its articles (and of the regency's
//! news) written by `atom_syndication`, and the `sitemap.xml` of its public pages.

use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use sid_core::{clock, Error, Result};

use super::view::ArticleView;

fn wib(at: NaiveDateTime) -> DateTime<FixedOffset> {
    let wib = FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
    at.and_utc().with_timezone(&wib)
}

fn link(href: &str, rel: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: Some(if rel == "self" {
            "application/atom+xml".into()
        } else {
            "text/html".into()
        }),
        ..Link::default()
    }
}

/// An Atom feed of `items` (newest first), titled `title`, at `self_url`, about `site_url`.
pub fn atom(title: &str, site_url: &str, self_url: &str, items: &[ArticleView]) -> String {
    let updated = items
        .iter()
        .map(|a| a.changed.max(a.appeared.unwrap_or(a.changed)))
        .max()
        .unwrap_or_else(clock::now);
    let entries = items
        .iter()
        .map(|a| Entry {
            id: a.url.clone(),
            title: Text::plain(a.title.clone()),
            updated: wib(a.changed.max(a.appeared.unwrap_or(a.changed))),
            published: a.appeared.map(wib),
            authors: vec![Person {
                name: format!("{} · Desa {}", a.author, a.desa.name),
                ..Person::default()
            }],
            links: vec![link(&a.url, "alternate")],
            summary: Some(Text::plain(a.summary.clone())),
            content: Some(Content {
                value: Some(a.body_html.clone()),
                content_type: Some("html".into()),
                ..Content::default()
            }),
            categories: vec![atom_syndication::Category {
                term: a.category.clone(),
                label: Some(a.category_label.to_string()),
                ..atom_syndication::Category::default()
            }],
            ..Entry::default()
        })
        .collect();
    Feed {
        id: site_url.to_string(),
        title: Text::plain(title.to_string()),
        updated: wib(updated),
        links: vec![link(self_url, "self"), link(site_url, "alternate")],
        lang: Some("id".into()),
        entries,
        ..Feed::default()
    }
    .to_string()
}

/// A `sitemap.xml` of `(url, last change)`.
pub fn sitemap(urls: &[(String, Option<NaiveDateTime>)]) -> Result<String> {
    let mut w = Writer::new(Vec::new());
    let mut urlset = BytesStart::new("urlset");
    urlset.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
    let events = std::iter::once(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .chain(std::iter::once(Event::Start(urlset)));
    for e in events {
        w.write_event(e).map_err(Error::internal)?;
    }
    for (url, changed) in urls {
        w.write_event(Event::Start(BytesStart::new("url")))
            .map_err(Error::internal)?;
        let mut field = |name: &str, value: &str| -> Result<()> {
            w.write_event(Event::Start(BytesStart::new(name)))
                .map_err(Error::internal)?;
            w.write_event(Event::Text(BytesText::new(value)))
                .map_err(Error::internal)?;
            w.write_event(Event::End(BytesEnd::new(name)))
                .map_err(Error::internal)
        };
        field("loc", url)?;
        if let Some(at) = changed {
            field("lastmod", &wib(*at).to_rfc3339())?;
        }
        w.write_event(Event::End(BytesEnd::new("url")))
            .map_err(Error::internal)?;
    }
    w.write_event(Event::End(BytesEnd::new("urlset")))
        .map_err(Error::internal)?;
    String::from_utf8(w.into_inner()).map_err(Error::internal)
}
