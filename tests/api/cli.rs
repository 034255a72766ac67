//! The `sid` binary itself: first start, configuration checks, and the commands.

use std::process::{Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};

fn sid(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sid"));
    cmd.current_dir(dir)
        .arg("--config-dir")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/config"))
        .env_remove("SID_ENV")
        .env_remove("SID_ADMIN_PASSWORD")
        .env(
            "SID__DATABASE__URL",
            format!("sqlite://{}/sid.db", dir.display()),
        )
        .env("SID__STORAGE__DIR", dir)
        .env("SID__LOG__FILTER", "info");
    cmd
}

#[test]
fn production_refuses_missing_secret_and_demo() {
    let dir = tempfile::tempdir().unwrap();
    let out = sid(dir.path())
        .env("SID_ENV", "production")
        .env_remove("SID__DATABASE__URL")
        .env_remove("SID__AUTH__JWT_SECRET")
        .arg("check-config")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SID__AUTH__JWT_SECRET"), "{err}");
    // The pepper of the password and PIN hashes likewise.
    assert!(err.contains("SID__AUTH__PEPPER"), "{err}");

    let out = sid(dir.path())
        .env("SID_ENV", "production")
        .env_remove("SID__DATABASE__URL")
        .env("SID__AUTH__JWT_SECRET", "x".repeat(40))
        .env("SID__AUTH__PEPPER", "p".repeat(40))
        .env("SID__DEMO", "true")
        .arg("check-config")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("demo"));

    let out = sid(dir.path())
        .env("SID_ENV", "production")
        .env_remove("SID__DATABASE__URL")
        .env("SID__AUTH__JWT_SECRET", "x".repeat(40))
        .env("SID__AUTH__PEPPER", "p".repeat(40))
        .env(
            "SID__DATABASE__APP_URL",
            "postgres://sid_app:rahasia-aplikasi@db/sid",
        )
        .arg("check-config")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("postgres://"));
    for secret in ["x".repeat(40), "p".repeat(40), "rahasia-aplikasi".into()] {
        assert!(!shown.contains(&secret), "the secret is never printed");
    }

    let out = sid(dir.path())
        .env("SID_ENV", "tidak-ada")
        .arg("check-config")
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn migrate_and_user_create() {
    let dir = tempfile::tempdir().unwrap();
    let out = sid(dir.path()).arg("migrate").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let create = |name: &str| {
        sid(dir.path())
            .env("SID_USER_PASSWORD", "sandi-operator-1")
            .args([
                "user",
                "create",
                "--username",
                name,
                "--role",
                "desa_operator",
                "--desa",
                "36.04.05.2001",
            ])
            .output()
            .unwrap()
    };
    let out = create("op.cli");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("op.cli"));
    let again = create("op.cli");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("sudah dipakai"));
    // Without a password one is generated and shown once.
    let out = sid(dir.path())
        .args([
            "user",
            "create",
            "--username",
            "diskominfo.b",
            "--role",
            "kabupaten_admin",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Kata sandi: "));
    let bad = sid(dir.path())
        .args([
            "user",
            "create",
            "--username",
            "op.y",
            "--role",
            "desa_operator",
            "--desa",
            "atlantis",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("atlantis"));
}

/// First start with nothing configured: serves, prints the address and the generated password.
#[actix_web::test]
async fn first_start_prints_address_and_admin_password() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::from(sid(dir.path()))
        .env("SID__SERVER__PORT", "0")
        .env("SID__METRICS__PORT", "0")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut password, mut address, mut villager) = (None, None, None);
    let read = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split("dengan NIK ").nth(1) {
                villager = rest.split(' ').next().map(str::to_string);
            }
            let admin_line = line.contains("Administrator kabupaten dibuat");
            if let Some(rest) = line.split("kata sandi '").nth(1).filter(|_| admin_line) {
                password = Some(rest.split('\'').next().unwrap().to_string());
            }
            if let Some(rest) = line.split("siap di ").nth(1) {
                address = Some(rest.trim().to_string());
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), read)
        .await
        .expect("server ready");
    let (password, address) = (
        password.expect("password printed"),
        address.expect("address"),
    );
    assert!(!address.ends_with(":0"), "the real port: {address}");
    let client = reqwest::Client::new();
    let health = client
        .get(format!("{address}/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let login = client
        .post(format!("{address}/api/v1/auth/login"))
        .json(&json!({"username": "admin", "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    // The demonstration accounts of the default configuration work too.
    let demo = client
        .post(format!("{address}/api/v1/auth/login"))
        .json(&json!({"username": "admin.kramatwatu", "password": sid::bootstrap::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let body: Value = demo.json().await.unwrap();
    assert_eq!(body["user"]["desa"]["slug"], "kramatwatu");
    // ...and the demonstration desa has a few hundred residents in families.
    let stats: Value = client
        .get(format!("{address}/api/v1/desa/kramatwatu/statistics"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let total = stats["total"].as_i64().unwrap();
    assert!((200..=600).contains(&total), "{stats}");
    assert_eq!(stats["families"], 90);
    // ...and a villager who signs in with the printed NIK and PIN.
    let warga = client
        .post(format!("{address}/api/v1/desa/kramatwatu/auth/warga"))
        .json(&json!({"nik": villager.expect("villager printed"), "pin": sid::bootstrap::DEMO_PIN}))
        .send()
        .await
        .unwrap();
    let body: Value = warga.json().await.unwrap();
    assert_eq!(body["user"]["role"], "warga", "{body}");
    child.kill().await.unwrap();
}

#[test]
fn import_residents_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("penduduk.csv");
    let born = "1985-02-17";
    let nik = crate::support::nik(born, false, 1);
    std::fs::write(
        &file,
        format!(
            "no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,agama,pendidikan,pekerjaan,status_perkawinan,shdk,alamat\n\
             3604050101200001,{nik},Ahmad Hidayat,1,Serang,17-02-1985,1,5,9,2,1,Kp. Krajan\n"
        ),
    )
    .unwrap();
    let run = |dry: bool| {
        let mut cmd = sid(dir.path());
        cmd.env("SID__DEMO", "false")
            .args(["import", "residents", "--desa", "pejaten"]);
        if dry {
            cmd.arg("--dry-run");
        }
        cmd.arg(&file).output().unwrap()
    };
    let out = run(true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 penduduk akan ditambahkan"));
    let out = run(false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 penduduk ditambahkan"));
    let again = run(false);
    assert!(String::from_utf8_lossy(&again.stdout).contains("1 sudah ada"));
    // A broken file: the problems are listed and the command fails.
    std::fs::write(&file, "no_kk,nama\n1,x\n").unwrap();
    let out = run(false);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kolom nik"));
}

/// The log lines of a request carry its path, never its query string: searches carry the NIKs
/// and names people type, and those stay out of the logs.
#[actix_web::test]
async fn logs_keep_no_query_string() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::from(sid(dir.path()))
        .env("SID__SERVER__PORT", "0")
        .env("SID__METRICS__PORT", "0")
        .env("SID__DEMO", "false")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split("siap di ").nth(1) {
                return rest.trim().to_string();
            }
        }
        panic!("the server stopped before it was ready");
    })
    .await
    .expect("server ready");
    // Refused (no session): an error, which is logged with the request's span.
    let res = reqwest::Client::new()
        .get(format!(
            "{address}/desa/kramatwatu/admin/penduduk?q=3604050112910001+Fajar"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let logged = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if line.contains("/desa/kramatwatu/admin/penduduk") {
                return line;
            }
        }
        panic!("the request was never logged");
    })
    .await
    .expect("the request's log line");
    assert!(
        !logged.contains("3604050112910001") && !logged.contains("Fajar"),
        "{logged}"
    );
}
