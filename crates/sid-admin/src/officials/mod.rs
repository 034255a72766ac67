//! Who governs the desa, for its site: the perangkat desa (kepala desa, sekretaris, kaur, kasi,
//! kepala dusun) and the BPD, each with title, order, term and photo.

mod api;
mod pages;
mod store;

use chrono::NaiveDate;
use serde::Serialize;
use sid_core::{AppState, Desa, Result};

pub use api::{configure as configure_api, OfficialsDoc};
pub use pages::configure as configure_pages;
use store::Official;

sid_core::code_list!(
    /// The two bodies of a desa's government.
    pub enum Body("lembaga") {
        Perangkat = ("perangkat", "Perangkat desa"),
        Bpd = ("bpd", "Badan Permusyawaratan Desa (BPD)"),
    }
);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OfficialView {
    pub id: String,
    pub body: String,
    pub name: String,
    pub title: String,
    /// Order within the body, from 1.
    pub position: i32,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
    /// At most 400 pixels a side (the large copy at `photo_large_url`).
    pub photo_url: Option<String>,
    pub photo_large_url: Option<String>,
}

impl OfficialView {
    fn new(base: &str, desa: &Desa, o: Official) -> OfficialView {
        let url = |size: &str| {
            format!(
                "{base}/desa/{}/pemerintahan/foto/{size}/{}.jpg",
                desa.slug, o.id
            )
        };
        let has_photo = o.photo_width.is_some();
        OfficialView {
            photo_url: has_photo.then(|| url("kecil")),
            photo_large_url: has_photo.then(|| url("besar")),
            id: o.id,
            body: o.body,
            name: o.name,
            title: o.title,
            position: o.position,
            term_start: o.term_start,
            term_end: o.term_end,
        }
    }
}

/// Every official of the desa, the perangkat desa first, each body in its order.
pub(crate) async fn all(state: &AppState, desa: &Desa) -> Result<Vec<OfficialView>> {
    let rows = state.db.tenant_read(&desa.tenant, store::list).await?;
    Ok(rows
        .into_iter()
        .map(|o| OfficialView::new(&state.public_url, desa, o))
        .collect())
}
