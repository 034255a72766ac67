//! Configuration: `config/default.toml` <- `config/{SID_ENV}.toml` <- `SID__SECTION__KEY`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::StartError;

/// Built into the binary, so it starts with no files at all.
const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub environment: String,
    pub demo: bool,
    pub server: ServerSettings,
    pub database: sid_core::db::DbOptions,
    pub storage: StorageSettings,
    pub auth: AuthSettings,
    pub log: LogSettings,
    pub mail: MailSettings,
    pub metrics: MetricsSettings,
    /// The first administrator's password (`SID_ADMIN_PASSWORD`).
    #[serde(skip)]
    pub admin_password: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub workers: usize,
    /// The address people reach the server at (printed in letters' QR codes); when empty,
    /// `http://host:port`.
    pub public_url: String,
}

/// Where Prometheus reads `/metrics`: an address of its own, never the public listener.
#[derive(Debug, Clone, Deserialize)]
pub struct MetricsSettings {
    pub host: String,
    pub port: u16,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MailSettings {
    /// Empty: mail waits in the outbox until a relay is configured.
    pub smtp_host: String,
    pub smtp_port: u16,
    pub from: String,
    pub poll_ms: u64,
    pub retry_base_seconds: i64,
}

impl MailSettings {
    pub fn config(&self) -> sid_core::mail::MailConfig {
        sid_core::mail::MailConfig {
            smtp_host: self.smtp_host.clone(),
            smtp_port: self.smtp_port,
            from: self.from.clone(),
            poll: std::time::Duration::from_millis(self.poll_ms),
            retry_base: chrono::Duration::seconds(self.retry_base_seconds),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct StorageSettings {
    pub dir: PathBuf,
}

#[derive(Clone, Deserialize)]
pub struct AuthSettings {
    pub issuer: String,
    pub token_ttl_minutes: i64,
    pub max_failed_logins: i32,
    pub lockout_seconds: i64,
    pub jwt_secret: Option<String>,
    /// Mixed into password and PIN hashes; kept out of the database.
    pub pepper: Option<String>,
    pub generate_secret: bool,
    pub cookie_secure: bool,
    pub signin_per_address_per_minute: u32,
    pub signin_per_second: u32,
    /// Comma-separated addresses of the reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: String,
}

impl AuthSettings {
    pub fn trusted_proxies(&self) -> Result<Vec<std::net::IpAddr>, StartError> {
        self.trusted_proxies
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.parse().map_err(|_| {
                    StartError::Config(format!("auth.trusted_proxies: '{a}' bukan alamat IP"))
                })
            })
            .collect()
    }
}

impl std::fmt::Debug for AuthSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthSettings")
            .field("issuer", &self.issuer)
            .field("token_ttl_minutes", &self.token_ttl_minutes)
            .field("max_failed_logins", &self.max_failed_logins)
            .field("lockout_seconds", &self.lockout_seconds)
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "***"))
            .field("pepper", &self.pepper.as_ref().map(|_| "***"))
            .field("generate_secret", &self.generate_secret)
            .field("cookie_secure", &self.cookie_secure)
            .field(
                "signin_per_address_per_minute",
                &self.signin_per_address_per_minute,
            )
            .field("signin_per_second", &self.signin_per_second)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    pub filter: String,
}

impl Settings {
    /// The built-in defaults alone, ignoring files and environment (for tests and tools).
    pub fn defaults() -> Result<Settings, StartError> {
        use config::{Config, File, FileFormat};
        Config::builder()
            .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
            .build()
            .and_then(Config::try_deserialize)
            .map_err(|e| StartError::Config(e.to_string()))
    }

    /// Reads the layers from `config_dir` (normally `config/`) and the environment.
    pub fn load(config_dir: &Path) -> Result<Settings, StartError> {
        use config::{Config, Environment, File, FileFormat};
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        if let Ok(profile) = std::env::var("SID_ENV") {
            let path = config_dir.join(format!("{profile}.toml"));
            if !path.exists() {
                return Err(StartError::Config(format!(
                    "SID_ENV={profile}, tetapi {} tidak ada",
                    path.display()
                )));
            }
            builder = builder.add_source(File::from(path));
        }
        let mut settings: Settings = builder
            .add_source(
                Environment::with_prefix("SID")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true),
            )
            .build()
            .and_then(Config::try_deserialize)
            .map_err(|e| StartError::Config(e.to_string()))?;
        settings.admin_password = std::env::var("SID_ADMIN_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty());
        settings.validate()?;
        Ok(settings)
    }

    pub fn is_production(&self) -> bool {
        self.environment == "production"
    }

    /// Refuses settings that would start an unsafe or broken server.
    pub fn validate(&self) -> Result<(), StartError> {
        let mut problems = Vec::new();
        if self.is_production() && self.demo {
            problems.push("demo = true tidak boleh di production".to_string());
        }
        for (name, env, value) in [
            (
                "auth.jwt_secret",
                "SID__AUTH__JWT_SECRET",
                &self.auth.jwt_secret,
            ),
            ("auth.pepper", "SID__AUTH__PEPPER", &self.auth.pepper),
        ] {
            match value {
                Some(s) if s.len() < 32 => problems.push(format!("{name} minimal 32 karakter")),
                None if !self.auth.generate_secret => problems.push(format!(
                    "{name} belum diatur: isi {env} (minimal 32 karakter)"
                )),
                _ => {}
            }
        }
        if self.auth.signin_per_address_per_minute < 1 || self.auth.signin_per_second < 1 {
            problems.push(
                "auth.signin_per_address_per_minute dan auth.signin_per_second minimal 1".into(),
            );
        }
        if let Err(StartError::Config(e)) = self.auth.trusted_proxies() {
            problems.push(e);
        }
        if self.is_production() && !self.database.url.starts_with("postgres") {
            problems.push("production memakai PostgreSQL (database.url postgres://…)".into());
        }
        if self.auth.max_failed_logins < 1 || self.auth.lockout_seconds < 1 {
            problems.push("auth.max_failed_logins dan auth.lockout_seconds minimal 1".into());
        }
        if self.auth.token_ttl_minutes < 1 {
            problems.push("auth.token_ttl_minutes minimal 1".into());
        }
        if self.database.pool_size < 1 {
            problems.push("database.pool_size minimal 1".into());
        }
        if let Some(p) = &self.admin_password {
            if p.chars().count() < 8 {
                problems.push("SID_ADMIN_PASSWORD minimal 8 karakter".into());
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StartError::Config(problems.join("; ")))
        }
    }
}
