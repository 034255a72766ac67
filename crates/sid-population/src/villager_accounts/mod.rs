//! Villagers' accounts: staff issue a PIN to a living resident, the villager signs in with NIK
//! and PIN, and changes the PIN.

mod api;
mod pages;

use actix_web::web;
use serde::Serialize;
use sid_core::auth::{self, NewPin, Staff};
use sid_core::{AppState, Desa, Error, Result};

use crate::codes::status;
use crate::nik::Nik;
use crate::residents::store as residents;

pub use api::{configure_api, VillagerAccountsDoc};
pub use pages::configure_pages;

/// The living resident of the desa with this NIK, if any.
pub(crate) async fn living(state: &AppState, desa: &Desa, nik: &Nik) -> Result<Option<String>> {
    let key = nik.as_str().to_string();
    Ok(state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            residents::living_by_nik(conn, tenant, &key)
        })
        .await?
        .map(|r| r.id))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IssuedPin {
    /// Shown once: only its hash is kept.
    pub pin: String,
    pub nik: String,
    pub name: String,
}

/// A new PIN for a living resident of the staff's desa, recorded in the audit log.
pub(crate) async fn issue_for(state: &AppState, staff: &Staff, id: String) -> Result<IssuedPin> {
    // Hashed before the transaction, which then holds no connection while Argon2 runs.
    let pepper = state.auth.pepper.clone();
    let new = web::block(move || NewPin::generate(&pepper))
        .await
        .map_err(Error::internal)??;
    state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let r = residents::require(w.conn, w.tenant, &id)?;
            if r.status != status::HIDUP {
                return Err(Error::invalid(
                    "id",
                    "PIN hanya untuk penduduk yang masih hidup dan tinggal di desa ini",
                ));
            }
            auth::set_pin(w.conn, w.tenant, &r.id, &r.nik, &new, w.now)?;
            w.audit("warga.pin.issue", &r.id, "PIN diterbitkan")?;
            Ok(IssuedPin {
                pin: new.pin.expose().to_string(),
                nik: r.nik,
                name: r.name,
            })
        })
        .await
}
