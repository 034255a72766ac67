//! The test harness: the real server on a random port, over a fresh database per test —
//! a new SQLite file, or a new PostgreSQL database when `SID_TEST_PG_URL` is set.

use actix_web::web;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use sid::{Application, Settings};
use sid_core::AppState;

pub const ADMIN_PASSWORD: &str = "rahasia-admin-123";
pub const PASSWORD: &str = "kata-sandi-desa";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one test body on SQLite and on PostgreSQL (`SID_TEST_PG_URL`; required when `CI` is set).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::support::{Backend, TestApp};

            #[actix_web::test]
            async fn sqlite() {
                super::$name(TestApp::spawn(Backend::Sqlite).await).await
            }

            #[actix_web::test]
            async fn postgres() {
                if let Some(url) = $crate::support::pg_url() {
                    let _ = url;
                    super::$name(TestApp::spawn(Backend::Postgres).await).await
                }
            }
        }
    )*};
}

/// The PostgreSQL server to create test databases on; `None` skips the PostgreSQL runs
/// outside CI, and CI without it fails.
pub fn pg_url() -> Option<String> {
    match std::env::var("SID_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok() => panic!("CI harus menetapkan SID_TEST_PG_URL"),
        _ => {
            eprintln!("SID_TEST_PG_URL tidak ada: uji PostgreSQL dilewati");
            None
        }
    }
}

/// A fresh PostgreSQL database, dropped when the test ends.
pub struct PgDatabase {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl PgDatabase {
    pub fn create() -> PgDatabase {
        let admin_url = pg_url().expect("SID_TEST_PG_URL");
        let name = format!("sid_t_{}", uuid::Uuid::now_v7().simple());
        let mut conn = PgConnection::establish(&admin_url).expect("connect SID_TEST_PG_URL");
        conn.batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("create test database");
        let base = admin_url.split('?').next().unwrap_or(&admin_url);
        let url = format!(
            "{}/{name}",
            &base[..base.rfind('/').expect("URL with a database")]
        );
        PgDatabase {
            admin_url,
            name,
            url,
        }
    }

    /// A connection as the owner (the migrating role).
    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url).expect("connect test database")
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.admin_url) {
            let _ = conn.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

pub struct TestApp {
    pub backend: Backend,
    pub address: String,
    /// Where `/metrics` is served: a listener of its own.
    pub metrics_address: String,
    pub client: Client,
    pub state: web::Data<AppState>,
    pub settings: Settings,
    pub pg: Option<std::sync::Arc<PgDatabase>>,
    _dir: std::sync::Arc<tempfile::TempDir>,
}

pub fn test_settings(backend: Backend, dir: &std::path::Path, pg: Option<&PgDatabase>) -> Settings {
    let mut s = Settings::defaults().expect("default settings");
    s.demo = false;
    s.server.port = 0;
    s.metrics.port = 0;
    s.server.workers = 2;
    s.database.pool_size = 4;
    s.storage.dir = dir.to_path_buf();
    s.admin_password = Some(ADMIN_PASSWORD.into());
    // Every test signs in from 127.0.0.1, many times a minute; the limits have their own test.
    s.auth.signin_per_address_per_minute = 1000;
    s.auth.signin_per_second = 1000;
    s.database.url = match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.join("sid.db").display()),
        Backend::Postgres => pg.expect("pg database").url.clone(),
    };
    s
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts the server with settings changed by `tweak`.
    pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let pg = (backend == Backend::Postgres).then(|| std::sync::Arc::new(PgDatabase::create()));
        let mut settings = test_settings(backend, dir.path(), pg.as_deref());
        tweak(&mut settings);
        Self::start(backend, settings, pg, std::sync::Arc::new(dir)).await
    }

    async fn start(
        backend: Backend,
        settings: Settings,
        pg: Option<std::sync::Arc<PgDatabase>>,
        dir: std::sync::Arc<tempfile::TempDir>,
    ) -> TestApp {
        let app = Application::build(settings.clone())
            .await
            .expect("server starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let metrics_address = format!("http://127.0.0.1:{}", app.metrics_port());
        let state = app.state.clone();
        actix_web::rt::spawn(app.run_until_stopped());
        TestApp {
            backend,
            address,
            metrics_address,
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            state,
            settings,
            pg,
            _dir: dir,
        }
    }

    /// A second server over the same database and folder (a restart, or another instance).
    pub async fn restart(&self) -> TestApp {
        self.restart_with(|_| {}).await
    }

    /// Another server over the same database and folder, with settings changed by `tweak`.
    pub async fn restart_with(&self, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = self.settings.clone();
        tweak(&mut settings);
        Self::start(self.backend, settings, self.pg.clone(), self._dir.clone()).await
    }

    /// A client whose requests come from `ip` (any address of 127.0.0.0/8 reaches the server),
    /// for what is counted per address.
    pub fn client_from(ip: &str) -> Client {
        Client::builder()
            .local_address(ip.parse::<std::net::IpAddr>().unwrap())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> Response {
        let mut req = self.client.request(method, self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.send_json(reqwest::Method::POST, path, token, body)
            .await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.send_json(reqwest::Method::PATCH, path, token, body)
            .await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.delete(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn login(&self, username: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/login",
            None,
            &json!({"username": username, "password": password}),
        )
        .await
    }

    /// Signs in and returns the token; panics unless it works.
    pub async fn token(&self, username: &str, password: &str) -> String {
        let res = self.login(username, password).await;
        assert_eq!(res.status(), StatusCode::OK, "login {username}");
        let body: Value = res.json().await.unwrap();
        body["token"].as_str().unwrap().to_string()
    }

    pub async fn admin_token(&self) -> String {
        self.token("admin", ADMIN_PASSWORD).await
    }

    /// Creates a desa account through the regency API; returns its id.
    pub async fn create_desa_user(&self, username: &str, role: &str, desa: &str) -> String {
        let admin = self.admin_token().await;
        let res = self
            .post(
                "/api/v1/kabupaten/users",
                Some(&admin),
                &json!({"username": username, "password": PASSWORD, "role": role, "desa": desa}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "create {username}");
        let body: Value = res.json().await.unwrap();
        body["id"].as_str().unwrap().to_string()
    }
}

/// Asserts an RFC 9457 problem with the status; returns its body.
pub async fn assert_problem(res: Response, status: StatusCode) -> Value {
    assert_eq!(res.status(), status, "status");
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert_eq!(ct, "application/problem+json", "content type");
    let body: Value = res.json().await.expect("problem body");
    assert_eq!(body["status"], status.as_u16());
    assert!(body["type"]
        .as_str()
        .is_some_and(|t| t.starts_with("/problems/")));
    assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    body
}

/// A NIK registered in Kecamatan Kramatwatu for a birth date (`YYYY-MM-DD`), sex and serial.
pub fn nik(birth: &str, female: bool, serial: u32) -> String {
    let (y, rest) = birth.split_at(4);
    let (m, d) = (&rest[1..3], &rest[4..6]);
    let day: u32 = d.parse::<u32>().unwrap() + if female { 40 } else { 0 };
    format!("360405{day:02}{m}{}{serial:04}", &y[2..])
}

/// A resident with every required field, codes valid.
pub fn resident(nik: &str, name: &str, female: bool, birth: &str) -> Value {
    json!({
        "nik": nik, "name": name, "sex": if female { 2 } else { 1 },
        "birth_place": "Serang", "birth_date": birth,
        "religion": 1, "education": 5, "occupation": 1, "marital_status": 1,
        "shdk": 4, "citizenship": 1,
    })
}

impl TestApp {
    /// A desa admin of `desa` (created) and its token.
    pub async fn desa_admin(&self, username: &str, desa: &str) -> String {
        self.create_desa_user(username, "desa_admin", desa).await;
        self.token(username, PASSWORD).await
    }

    /// Creates a resident; panics unless 201. Returns the body.
    pub async fn add_resident(&self, desa: &str, token: &str, body: &Value) -> Value {
        let res = self
            .post(&format!("/api/v1/desa/{desa}/residents"), Some(token), body)
            .await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    /// The JSON body of a GET that must succeed.
    pub async fn get_ok(&self, path: &str, token: Option<&str>) -> Value {
        let res = self.get(path, token).await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        body
    }
}

/// A PNG whose header declares `width` × `height` pixels, with hardly any image data after it.
pub fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32fast::hash(&[kind, data].concat());
        out.extend_from_slice(&crc.to_be_bytes());
        out
    }
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// A JPEG carrying an EXIF segment with a camera position.
pub fn jpeg_with_gps() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(640, 480)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    let jpeg = out.into_inner();
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0".to_vec();
    exif.extend_from_slice(b"GPSLatitude S 6 4 0 GPSLongitude E 106 5 0");
    let mut with = jpeg[..2].to_vec();
    with.extend_from_slice(&[0xFF, 0xE1]);
    with.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    with.extend_from_slice(&exif);
    with.extend_from_slice(&jpeg[2..]);
    with
}

impl TestApp {
    /// Uploads `bytes` as a photo (declared JPEG, whatever they are).
    pub async fn put_photo(&self, path: &str, token: &str, bytes: Vec<u8>) -> Response {
        self.client
            .put(self.url(path))
            .bearer_auth(token)
            .header("content-type", "image/jpeg")
            .body(bytes)
            .send()
            .await
            .unwrap()
    }

    /// How many photo files the file store holds, of every desa.
    pub fn stored_photos(&self) -> usize {
        let dir = self.settings.storage.dir.join("photos");
        std::fs::read_dir(&dir).map_or(0, |desa| {
            desa.flatten()
                .map(|d| std::fs::read_dir(d.path()).map_or(0, |f| f.count()))
                .sum::<usize>()
        })
    }

    /// Sends to a photo route what the upload rules refuse (SVG, HTML named `.jpg`, a truncated
    /// JPEG, 30 MB, a PNG declaring 50,000 × 50,000 pixels): each refused with a message and no
    /// file kept.
    pub async fn assert_bad_photos_refused(&self, path: &str, token: &str) {
        let before = self.stored_photos();
        let mut truncated = jpeg_with_gps();
        truncated.truncate(400);
        for (what, bytes, status) in [
            (
                "svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                "html named .jpg",
                b"<!doctype html><script>alert(1)</script>".to_vec(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                "a truncated jpeg",
                truncated,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                "30 MB",
                vec![0xFF; 30 * 1024 * 1024],
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
            (
                "a png declaring 50000 x 50000",
                png_header_only(50_000, 50_000),
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
        ] {
            let res = self.put_photo(path, token, bytes).await;
            let problem = assert_problem(res, status).await;
            assert!(
                !problem["detail"].as_str().unwrap_or_default().is_empty(),
                "{what}"
            );
            assert_eq!(self.stored_photos(), before, "{what}: nothing kept");
        }
    }

    /// Fetches a photo by the URL the API gave: a JPEG this server made, without the camera's
    /// position.
    pub async fn assert_clean_photo(&self, url: &Value) {
        let url = url
            .as_str()
            .unwrap()
            .replace("http://127.0.0.1:0", &self.address);
        let served = self.client.get(url).send().await.unwrap();
        assert_eq!(served.status(), StatusCode::OK);
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        let bytes = served.bytes().await.unwrap();
        assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Exif") && !text.contains("GPSLatitude"),
            "the camera's position is gone"
        );
    }
}
