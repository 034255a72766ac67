//! Letters (layanan surat): the types a desa offers, villagers' and walk-in requests and their
//! life through the desa's approval chain, the registers of letters received and sent, gap-free
//! numbering, the signed PDF with its QR code, and the public verification. A
//! product of its own (Typst, Ed25519, QR codes), on the population records of `sid-population`
//! and the desa profile of `sid-admin`.

mod agenda;
mod api;
mod desa_key;
mod issuing;
mod logo;
mod numbering;
mod offering;
mod pages;
mod pdf;
mod registers;
mod request_view;
mod scans;
mod signature_block;
mod status;
mod store;
mod template;
mod types;
mod upload_quota;
mod verification;
mod verification_codes;
mod work;

use actix_web::web;
use sid_core::Module;

pub use pdf::{time_renders, warm_up};
pub use work::{regency_figures, Letters};

/// The letter services, as the composition root mounts them.
pub const MODULE: Module = Module {
    api: configure_api,
    pages: configure_pages,
    regency_api: api::configure_regency,
    regency_pages: pages::configure_regency,
    openapi: api::openapi,
    work: work::open_work,
    ..Module::new("letters")
};

fn configure_api(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
    registers::configure_api(cfg);
}

fn configure_pages(cfg: &mut web::ServiceConfig) {
    // Before `/admin/surat/{id}`, which would take `masuk` and `keluar` for ids.
    registers::configure_pages(cfg);
    pages::configure(cfg);
}
