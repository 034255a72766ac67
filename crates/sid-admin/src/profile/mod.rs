//! The desa's public profile: registry data plus what the desa writes about itself.

mod api;
mod pages;
pub(crate) mod store;

use serde::Serialize;
use sid_core::photos::Photo;
use sid_core::tenant::Kecamatan;
use sid_core::{AppState, Desa, Result};

pub use api::{configure as configure_api, ProfileDoc};
pub use pages::configure as configure_pages;
use store::Profile;

/// One desa as the public sees it: registry data and its own profile.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DesaProfile {
    pub code: String,
    pub name: String,
    pub slug: String,
    pub kecamatan: Kecamatan,
    pub active: bool,
    /// The desa's photo, at the head of its site.
    pub photo: Option<Photo>,
    pub profile: Profile,
}

/// Where the desa's photo is served.
fn photo_folder(desa: &Desa) -> String {
    format!("/desa/{}/profil/foto", desa.slug)
}

impl DesaProfile {
    fn new(base: &str, desa: Desa, profile: Profile) -> DesaProfile {
        DesaProfile {
            photo: profile
                .photo
                .as_ref()
                .zip(profile.photo_width.zip(profile.photo_height))
                .map(|(id, (w, h))| Photo::new(base, &photo_folder(&desa), id, w, h)),
            code: desa.code,
            name: desa.name,
            slug: desa.slug,
            kecamatan: desa.kecamatan,
            active: desa.active,
            profile,
        }
    }
}

pub(super) async fn load(state: &AppState, desa: Desa) -> Result<DesaProfile> {
    let profile = state.db.tenant_read(&desa.tenant, store::get).await?;
    Ok(DesaProfile::new(&state.public_url, desa, profile))
}
