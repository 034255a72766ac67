//! The desa's articles (news, announcements, farming and fishing, UMKM, activities): written by
//! its staff in Markdown, shown on the desa's site and in its feed, and with every other desa's
//! on the regency's news page, which no separate install could offer.

mod api;
mod category;
mod feed;
mod input;
mod pages;
mod store;
mod view;

use serde::Deserialize;
use sid_core::pagination::PageParams;
use sid_core::{clock, AppState, Desa, Error, Result};

pub use api::{
    configure as configure_api, configure_regency as configure_regency_api, ArticlesDoc,
};
use category::Category;
pub use pages::{configure as configure_pages, configure_regency as configure_regency_pages};
use store::Readers;
pub(crate) use view::ArticleView;

/// The category to list, if one.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    #[param(value_type = Option<String>)]
    pub category: Option<Category>,
}

/// The regency's news: a category and a kecamatan (its Kemendagri code), each optional.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NewsQuery {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    #[param(value_type = Option<String>)]
    pub category: Option<Category>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub kecamatan: Option<String>,
}

/// One article of the desa by id or slug; one not shown to the public only for `staff`.
async fn load(state: &AppState, desa: Desa, key: String, staff: bool) -> Result<ArticleView> {
    let now = clock::now();
    let a = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            store::find(conn, tenant, &key)
        })
        .await?;
    if !staff && !a.shown_at(now) {
        return Err(Error::NotFound("Artikel".into()));
    }
    Ok(ArticleView::new(&state.public_url, &desa, a, now))
}

/// A page of the desa's articles shown now, with the total.
pub(crate) async fn shown(
    state: &AppState,
    desa: &Desa,
    category: Option<Category>,
    page: PageParams,
) -> Result<(Vec<ArticleView>, i64)> {
    let (base, d, now) = (state.public_url.clone(), desa.clone(), clock::now());
    state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            shown_in(conn, tenant, &base, &d, now, category, &page)
        })
        .await
}

/// The same, inside a transaction of the desa's that reads more.
pub(crate) fn shown_in(
    conn: &mut sid_core::db::DbConn,
    tenant: &sid_core::TenantId,
    base: &str,
    desa: &Desa,
    now: chrono::NaiveDateTime,
    category: Option<Category>,
    page: &PageParams,
) -> Result<(Vec<ArticleView>, i64)> {
    let (rows, total) = store::list(conn, tenant, Readers::Public(now), category, page)?;
    Ok((
        rows.into_iter()
            .map(|a| ArticleView::new(base, desa, a, now))
            .collect(),
        total,
    ))
}

/// A page of every active desa's articles shown now (of a kecamatan's desa if asked).
async fn across_desa(
    state: &AppState,
    q: &NewsQuery,
    page: &PageParams,
) -> Result<(Vec<ArticleView>, i64)> {
    let all = state.directory.all();
    if let Some(k) = &q.kecamatan {
        if !all.iter().any(|d| &d.kecamatan.code == k) {
            return Err(Error::invalid(
                "kecamatan",
                "kecamatan tidak dikenal; pakai kode Kemendagri, mis. 36.04.05",
            ));
        }
    }
    let narrowed = q.kecamatan.is_some() || all.iter().any(|d| !d.active);
    let desa_ids = narrowed.then(|| {
        all.iter()
            .filter(|d| d.active && q.kecamatan.as_ref().is_none_or(|k| &d.kecamatan.code == k))
            .map(|d| d.tenant.as_str().to_string())
            .collect::<Vec<_>>()
    });
    let (category, page, now) = (q.category, *page, clock::now());
    let (rows, total) = state
        .db
        .global_read(move |conn| store::across_desa(conn, now, category, desa_ids, &page))
        .await?;
    let base = &state.public_url;
    let items = rows
        .into_iter()
        .filter_map(|a| {
            let desa = state.directory.find(&a.desa_id)?;
            Some(ArticleView::new(base, &desa, a, now))
        })
        .collect();
    Ok((items, total))
}

/// What synthetic articles say: category, title and Markdown body.
const SAMPLES: [(Category, &str, &str); 6] = [
    (
        Category::Perikanan,
        "Panen bandeng di tambak desa",
        "Petambak **bandeng** memanen hasil musim ini.\n\n- harga di TPI Rp 28.000/kg\n- panen berikutnya tiga bulan lagi",
    ),
    (
        Category::Pertanian,
        "Musim tanam padi rendeng dimulai",
        "Kelompok tani mulai **menanam padi** setelah hujan pertama.\n\n- benih dari penangkar desa\n- pupuk bersubsidi lewat kios resmi",
    ),
    (
        Category::Pengumuman,
        "Pelayanan KTP-el keliling di balai desa",
        "Petugas Disdukcapil melayani **perekaman KTP-el** di balai desa.\n\n- bawa fotokopi KK\n- pukul 08.00–14.00 WIB",
    ),
    (
        Category::Kegiatan,
        "Kerja bakti membersihkan saluran irigasi",
        "Warga bergotong royong **membersihkan saluran** sebelum musim tanam.",
    ),
    (
        Category::Umkm,
        "Pelatihan kemasan untuk UMKM desa",
        "Pelaku UMKM belajar **kemasan dan label halal** bersama pendamping kabupaten.",
    ),
    (
        Category::Berita,
        "Musyawarah desa membahas RKP Desa",
        "BPD dan pemerintah desa **menyepakati prioritas** pembangunan tahun depan.",
    ),
];

/// Writes `count` published articles in the desa, a day apart up to now, through the store the
/// API uses (the benchmark's and the demonstration desa's news); none if it has articles.
pub(crate) fn synthetic(
    conn: &mut sid_core::db::DbConn,
    tenant: &sid_core::TenantId,
    count: usize,
) -> Result<usize> {
    let page = PageParams::everything();
    if store::list(conn, tenant, Readers::Staff, None, &page)?.1 > 0 {
        return Ok(0);
    }
    let now = clock::now();
    for i in 0..count {
        let (category, title, body) = SAMPLES[i % SAMPLES.len()];
        let title = format!("{title} ({})", i + 1);
        let at = now - chrono::Duration::days(i as i64) - chrono::Duration::hours(1);
        let a = store::Article {
            desa_id: tenant.as_str().to_string(),
            id: sid_core::ids::new_id(),
            slug: store::free_slug(conn, tenant, &title)?,
            category: category.code().to_string(),
            summary: input::summary_of(None, body),
            body: body.to_string(),
            body_html: sid_core::markdown::to_html(body),
            title,
            published: true,
            publish_at: Some(at),
            author: "Operator desa".to_string(),
            created_at: at,
            updated_at: at,
            cover: None,
            cover_width: None,
            cover_height: None,
        };
        store::insert(conn, &a)?;
    }
    Ok(count)
}

/// The articles every desa shows now, counted by desa id (a regency-wide read).
pub(crate) fn shown_per_desa(
    conn: &mut sid_core::db::DbConn,
    now: chrono::NaiveDateTime,
) -> Result<std::collections::HashMap<String, i64>> {
    store::shown_per_desa(conn, now)
}
