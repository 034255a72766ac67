//! The `sid` server: configuration, start-up and the command line around the workspace crates.

pub mod bench;
pub mod bootstrap;
pub mod modules;
pub mod onboarding;
mod request_span;
pub mod settings;
pub mod startup;

pub use settings::Settings;
pub use startup::Application;

/// The command line acts as the system, recorded as such in a desa's audit log.
pub fn cli_actor() -> sid_core::auth::User {
    sid_core::auth::User {
        id: "cli".into(),
        username: "cli".into(),
        role: sid_core::auth::Role::KabupatenAdmin,
        desa_id: None,
        active: true,
        created_at: chrono::Utc::now().naive_utc(),
        resident_id: None,
        seller_id: None,
        position: None,
        full_name: None,
        title: None,
        name: None,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("konfigurasi tidak valid: {0}")]
    Config(String),
    #[error("{0}")]
    Core(#[from] sid_core::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
