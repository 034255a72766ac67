//! The `sid` server: configuration, start-up and the command line around the workspace crates.

pub mod bench;
pub mod bootstrap;
pub mod modules;
mod request_span;
pub mod settings;
pub mod startup;

pub use settings::Settings;
pub use startup::Application;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("konfigurasi tidak valid: {0}")]
    Config(String),
    #[error("{0}")]
    Core(#[from] sid_core::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
