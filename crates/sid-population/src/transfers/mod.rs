//! Moves between two desa of the regency (pindah antar desa): desa A asks, desa B accepts or
//! refuses with a reason, A may cancel while it waits. Until B accepts, the person stays in A;
//! each desa keeps its own row of the transfer, and both books record each step.

mod acts;
mod api;
mod pages;
mod reading;
mod status;
pub mod store;

pub use acts::{open_transfer_blocks, request};
pub use api::{configure, TransfersDoc};
pub use pages::configure as configure_pages;
pub use reading::TransferView;
pub use store::Transfer;
