//! Population data (kependudukan): areas, residents, families, population events and
//! statistics of each desa, with the Dukcapil code lists and the NIK / No KK types; and the
//! villager as the subject of these records: their account (NIK + PIN) and their own data.

pub mod areas;
pub mod books;
pub mod bulk;
mod code_select;
pub mod codes;
pub mod events;
pub mod export;
mod facts;
pub mod families;
pub mod import;
pub mod nik;
pub mod portal;
pub mod quality;
pub mod residents;
pub mod statistics;
pub mod synthetic;
pub mod transfers;
mod villager_accounts;
mod work;

use actix_web::web;
use sid_core::Module;
use utoipa::OpenApi;

pub use codes::seed;
pub use facts::{regency_figures, Population};

/// Population data, as the composition root mounts it.
pub const MODULE: Module = Module {
    api: configure_api,
    pages: configure_pages,
    regency_api: codes::configure_api,
    openapi,
    work: work::open_work,
    facts: facts::desa_facts,
    ..Module::new("population")
};

/// API routes under `/api/v1/desa/{desa}`.
fn configure_api(cfg: &mut web::ServiceConfig) {
    villager_accounts::configure_api(cfg);
    areas::configure(cfg);
    import::configure(cfg);
    export::configure(cfg);
    residents::configure(cfg);
    families::configure(cfg);
    events::configure(cfg);
    transfers::configure(cfg);
    statistics::configure(cfg);
    books::configure(cfg);
    quality::configure(cfg);
    portal::configure_api(cfg);
}

/// Page routes under `/desa/{desa}`.
fn configure_pages(cfg: &mut web::ServiceConfig) {
    villager_accounts::configure_pages(cfg);
    residents::configure_pages(cfg);
    families::configure_pages(cfg);
    import::configure_pages(cfg);
    books::configure_pages(cfg);
    quality::configure_pages(cfg);
    transfers::configure_pages(cfg);
    statistics::configure_pages(cfg);
    portal::configure_pages(cfg);
}

fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = codes::CodeListsDoc::openapi();
    doc.merge(areas::AreasDoc::openapi());
    doc.merge(residents::ResidentsDoc::openapi());
    doc.merge(families::FamiliesDoc::openapi());
    doc.merge(events::EventsDoc::openapi());
    doc.merge(transfers::TransfersDoc::openapi());
    doc.merge(import::ImportDoc::openapi());
    doc.merge(export::ExportDoc::openapi());
    doc.merge(statistics::StatisticsDoc::openapi());
    doc.merge(books::BooksDoc::openapi());
    doc.merge(quality::QualityDoc::openapi());
    doc.merge(villager_accounts::VillagerAccountsDoc::openapi());
    doc.merge(portal::PortalDoc::openapi());
    doc
}
