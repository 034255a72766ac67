//! Start-up: database, registry, first accounts, then the HTTP server.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpResponse, HttpServer};
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use prometheus::{Registry, TextEncoder};
use sid_core::auth::{AuthConfig, Pepper, SignInLimits, TokenKeys};
use sid_core::db::Db;
use sid_core::files::{Files, LocalDisk};
use sid_core::tenant::DesaDirectory;
use sid_core::{AppState, Error};
use tracing_actix_web::TracingLogger;
use utoipa::openapi::info::LicenseBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::request_span::PathOnly;
use crate::{bootstrap, modules, Settings, StartError};

/// How often an instance re-reads the registry, to see desa switched on or off elsewhere.
const REGISTRY_REFRESH: Duration = Duration::from_secs(30);

/// Opens (and migrates) the database and loads the registry: what every command needs.
pub async fn open(settings: &Settings) -> Result<web::Data<AppState>, StartError> {
    let options = settings.database.clone();
    let db = web::block(move || Db::connect(&options))
        .await
        .map_err(Error::internal)??;
    let seeded = sid_tenancy::registry::seed(&db).await?;
    if seeded.inserted > 0 {
        tracing::info!(
            inserted = seeded.inserted,
            total = seeded.total,
            "registri desa diisi"
        );
    }
    sid_population::seed(&db).await?;
    let directory = Arc::new(DesaDirectory::load(&db).await?);
    let filled = sid_population::residents::words::backfill_all(&db, &directory).await?;
    if filled > 0 {
        tracing::info!(
            residents = filled,
            "kata nama penduduk diisi untuk pencarian"
        );
    }
    let a = &settings.auth;
    let auth = AuthConfig {
        issuer: a.issuer.clone(),
        token_ttl: chrono::Duration::minutes(a.token_ttl_minutes),
        max_failed_logins: a.max_failed_logins,
        lockout: chrono::Duration::seconds(a.lockout_seconds),
        cookie_secure: a.cookie_secure,
        pepper: Pepper::new(secret(settings, a.pepper.as_deref(), "pepper")?),
        limits: SignInLimits::new(a.signin_per_address_per_minute, a.signin_per_second)?,
        trusted_proxies: a.trusted_proxies()?,
        keys: TokenKeys::new(&secret(settings, a.jwt_secret.as_deref(), "jwt-secret")?),
    };
    Ok(web::Data::new(AppState {
        db,
        auth: Arc::new(auth),
        directory,
        files: Files::new(LocalDisk::new(settings.storage.dir.clone())),
        public_url: match settings.server.public_url.trim_end_matches('/') {
            "" => format!("http://{}:{}", settings.server.host, settings.server.port),
            url => url.to_string(),
        },
    }))
}

/// A server secret (the JWT signing key, the hashes' pepper): configured, or generated once and
/// kept in the storage folder as `file`.
fn secret(
    settings: &Settings,
    configured: Option<&str>,
    file: &str,
) -> Result<Vec<u8>, StartError> {
    if let Some(s) = configured {
        return Ok(s.as_bytes().to_vec());
    }
    let path = settings.storage.dir.join(file);
    match std::fs::read(&path) {
        Ok(bytes) if bytes.len() >= 32 => Ok(bytes),
        _ => {
            std::fs::create_dir_all(&settings.storage.dir)?;
            let secret = (0..2)
                .map(|_| bootstrap::generate_password())
                .collect::<String>()
                .into_bytes();
            write_private(&path, &secret)?;
            Ok(secret)
        }
    }
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

pub fn openapi_json() -> String {
    let mut doc = modules::openapi();
    doc.info.title = "SID Serang API".into();
    doc.info.version = env!("CARGO_PKG_VERSION").into();
    doc.info.license = Some(
        LicenseBuilder::new()
            .name(env!("CARGO_PKG_LICENSE"))
            .identifier(Some(env!("CARGO_PKG_LICENSE")))
            .build(),
    );
    doc.info.description = Some(
        "Sistem Informasi Desa Kabupaten Serang. Kesalahan dikirim sebagai \
         application/problem+json; daftar memakai ?page & per_page."
            .into(),
    );
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .build(),
        ),
    );
    doc.to_json().unwrap_or_default()
}

pub struct Application {
    port: u16,
    metrics_port: u16,
    server: Server,
    pub state: web::Data<AppState>,
}

impl Application {
    /// Prepares everything and binds the listener; the server runs once awaited.
    pub async fn build(settings: Settings) -> Result<Application, StartError> {
        let state = open(&settings).await?;
        bootstrap::first_admin(&state, settings.admin_password.clone()).await?;
        if settings.demo {
            bootstrap::demo(&state).await?;
        }
        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port))?;
        let port = listener.local_addr()?.port();
        // A path that matches no route is counted as one label, so random paths cannot grow
        // the figures without bound.
        let metrics = PrometheusMetricsBuilder::new("sid")
            .mask_unmatched_patterns("UNKNOWN")
            .build()
            .map_err(|e| StartError::Config(format!("metrik: {e}")))?;
        let metrics_listener =
            TcpListener::bind((settings.metrics.host.as_str(), settings.metrics.port))?;
        let metrics_port = metrics_listener.local_addr()?.port();
        actix_web::rt::spawn(serve_metrics(metrics_listener, metrics.registry.clone())?);
        let server = serve(listener, state.clone(), metrics, settings.server.workers)?;
        let refresher = state.clone();
        actix_web::rt::spawn(async move {
            let mut tick = actix_web::rt::time::interval(REGISTRY_REFRESH);
            loop {
                tick.tick().await;
                if let Err(e) = refresher.directory.refresh(&refresher.db).await {
                    tracing::warn!(error = %e, "registri desa gagal dimuat ulang");
                }
            }
        });
        actix_web::rt::spawn(sid_core::mail::worker(
            state.db.clone(),
            settings.mail.config(),
        ));
        sid_letters::warm_up();
        tracing::info!(
            "metrik Prometheus di http://{}:{metrics_port}/metrics",
            settings.metrics.host
        );
        tracing::info!("SID Serang siap di http://{}:{port}", settings.server.host);
        Ok(Application {
            port,
            metrics_port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn metrics_port(&self) -> u16 {
        self.metrics_port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(
    listener: TcpListener,
    state: web::Data<AppState>,
    metrics: PrometheusMetrics,
    workers: usize,
) -> Result<Server, StartError> {
    let openapi = web::Data::new(openapi_json());
    let tls = state.auth.cookie_secure;
    let kept = web::Data::new(sid_core::kept_pages::KeptPages::default());
    let mut server = HttpServer::new(move || {
        App::new()
            .wrap(from_fn(sid_core::auth::authenticate_first))
            .wrap(from_fn(sid_core::kept_pages::answer_kept))
            .wrap(from_fn(sid_core::page::html_errors))
            .wrap(sid_core::page::security_headers(tls))
            .wrap(metrics.clone())
            .wrap(TracingLogger::<PathOnly>::new())
            .app_data(state.clone())
            .app_data(openapi.clone())
            .app_data(kept.clone())
            .configure(sid_core::http::configure_extractors)
            .configure(sid_core::page::configure_static)
            .route("/health", web::get().to(health))
            .route("/ready", web::get().to(ready))
            .route("/api/openapi.json", web::get().to(openapi_doc))
            .route("/api/docs", web::get().to(docs_home))
            .service(
                utoipa_swagger_ui::SwaggerUi::new("/api/docs/{_:.*}")
                    .config(utoipa_swagger_ui::Config::from("/api/openapi.json")),
            )
            .configure(modules::configure)
            .default_service(web::to(sid_core::http::not_found))
    })
    .listen(listener)?;
    if workers > 0 {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// The Prometheus figures, on their own listener.
fn serve_metrics(listener: TcpListener, registry: Registry) -> Result<Server, StartError> {
    let registry = web::Data::new(registry);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(registry.clone())
            .route("/metrics", web::get().to(metrics_text))
    })
    .workers(1)
    .listen(listener)?;
    Ok(server.run())
}

async fn metrics_text(registry: web::Data<Registry>) -> Result<HttpResponse, Error> {
    let text = TextEncoder::new()
        .encode_to_string(&registry.gather())
        .map_err(Error::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text))
}

/// Swagger UI loads its files relative to `/api/docs/`.
async fn docs_home() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, "/api/docs/"))
        .finish()
}

async fn health() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, Error> {
    state.db.ping().await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({"status": "ok"})))
}

async fn openapi_doc(doc: web::Data<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(doc.get_ref().clone())
}
