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

/// Starts `command` as the server on free ports, without demonstration data; its process, its
/// address once it says it is ready, and the rest of its output.
async fn serve(
    command: Command,
) -> (
    tokio::process::Child,
    String,
    tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
) {
    let mut child = tokio::process::Command::from(command)
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
    (child, address, lines)
}

/// The log lines of a request carry its path, never its query string: searches carry the NIKs
/// and names people type, and those stay out of the logs.
#[actix_web::test]
async fn logs_keep_no_query_string() {
    let dir = tempfile::tempdir().unwrap();
    let (_child, address, mut lines) = serve(sid(dir.path())).await;
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

/// The server's resident memory at its peak so far (VmHWM), in MiB.
fn peak_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib / 1024
}

/// An XLSX of one sheet and, if given, its shared strings, deflated as Excel packs them.
fn xlsx(sheet: &[u8], shared: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Penduduk" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(shared) = shared {
        parts.push(("xl/sharedStrings.xml", shared));
    }
    for (name, bytes) in parts {
        out.start_file(name, deflated).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const SHEET_OPEN: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_CLOSE: &str = "</sheetData></worksheet>";

/// Hostile spreadsheets are refused with a clear error while the server's memory stays within
/// a bound: each file is sent to the real binary, whose peak resident memory is read from
/// /proc after each refusal.
#[actix_web::test]
async fn hostile_spreadsheets_are_refused_within_bounded_memory() {
    // The bound the README states: refusing them raises the server's peak resident memory by
    // less than this many MiB (a 25,000-resident file unpacks to about 15).
    const BOUND_MIB: u64 = 64;
    let dir = tempfile::tempdir().unwrap();
    let mut command = sid(dir.path());
    command.env("SID_ADMIN_PASSWORD", "rahasia-admin-123");
    let (child, address, mut lines) = serve(command).await;
    let pid = child.id().unwrap();
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let client = reqwest::Client::new();
    let sign_in = |username: &'static str, password: &'static str| {
        let (client, address) = (client.clone(), address.clone());
        async move {
            let res: Value = client
                .post(format!("{address}/api/v1/auth/login"))
                .json(&json!({"username": username, "password": password}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            res["token"].as_str().unwrap().to_string()
        }
    };
    let admin = sign_in("admin", "rahasia-admin-123").await;
    let created = client
        .post(format!("{address}/api/v1/kabupaten/users"))
        .bearer_auth(&admin)
        .json(
            &json!({"username": "admin.a", "password": "rahasia-desa-123",
                      "role": "desa_admin", "desa": "kramatwatu"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let staff = sign_in("admin.a", "rahasia-desa-123").await;
    let before = peak_mib(pid);

    let far_corner = format!(
        "{SHEET_OPEN}<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>nik</t></is></c></row>\
         <row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>{SHEET_CLOSE}"
    );
    let unpacks_big = {
        let mut sheet = SHEET_OPEN.to_string();
        sheet.push_str(&" ".repeat(200 * 1024 * 1024));
        sheet.push_str(SHEET_CLOSE);
        sheet
    };
    let expanding_strings = {
        let mut shared = String::from(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#,
        );
        shared.push_str(&"keripik ".repeat(12 * 1024 * 1024));
        shared.push_str("</t></si></sst>");
        shared
    };
    let entity_bomb = concat!(
        "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\">",
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&c;</t></si></sst>"
    );
    let files: [(&str, Vec<u8>, StatusCode, &str); 4] = [
        (
            "far corner",
            xlsx(far_corner.as_bytes(), None),
            StatusCode::PAYLOAD_TOO_LARGE,
            "baris 1048576",
        ),
        (
            "200 MiB unpacked",
            xlsx(unpacks_big.as_bytes(), None),
            StatusCode::PAYLOAD_TOO_LARGE,
            "MiB setelah dibuka",
        ),
        (
            "96 MiB of shared strings",
            xlsx(far_corner.as_bytes(), Some(expanding_strings.as_bytes())),
            StatusCode::PAYLOAD_TOO_LARGE,
            "MiB setelah dibuka",
        ),
        (
            "entity bomb",
            xlsx(far_corner.as_bytes(), Some(entity_bomb.as_bytes())),
            StatusCode::UNPROCESSABLE_ENTITY,
            "DOCTYPE",
        ),
    ];
    for (what, file, status, says) in files {
        assert!(
            file.len() < 10 * 1024 * 1024,
            "{what}: within the upload limit"
        );
        let res = client
            .post(format!(
                "{address}/api/v1/desa/kramatwatu/residents/import?dry_run=true"
            ))
            .bearer_auth(&staff)
            .header(
                "content-type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            .body(file)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{what}");
        let problem: Value = res.json().await.unwrap();
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains(says), "{what}: {detail}");
        let peak = peak_mib(pid);
        println!("{what}: refused, peak resident memory {peak} MiB (before: {before} MiB)");
        assert!(
            peak - before < BOUND_MIB,
            "{what}: peak {peak} MiB, {before} MiB before"
        );
    }
    // Nothing was written.
    let list: Value = client
        .get(format!(
            "{address}/api/v1/desa/kramatwatu/residents?status=0"
        ))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
}

/// Diskominfo loads a folder of desa files at once: each desa all or nothing, a table of what
/// each got, and a failure of one leaves the others stored.
#[test]
fn a_folder_of_desa_files_is_imported_desa_by_desa() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("desa");
    std::fs::create_dir(&folder).unwrap();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/opensid");
    // Kramatwatu (36.04.05.2001 by its ten digits) from SIAK; an unknown code; a broken file.
    std::fs::copy(
        format!("{samples}/format_siak.xls"),
        folder.join("3604052001.xls"),
    )
    .unwrap();
    std::fs::copy(
        format!("{samples}/format_siak.xls"),
        folder.join("9999999999.xls"),
    )
    .unwrap();
    std::fs::write(folder.join("pejaten.csv"), "no_kk,nama\n1,x\n").unwrap();
    let out = sid(dir.path())
        .env("SID__DEMO", "false")
        .args(["import", "batch", "--skip-refused"])
        .arg(&folder)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {stdout}"))
            .to_string()
    };
    assert!(line("3604052001.xls").starts_with("ok"), "{stdout}");
    assert!(line("3604052001.xls").contains("ekspor SIAK Dukcapil: 18 baris, 16 penduduk, 7 KK"));
    assert!(
        line("9999999999.xls").contains("desa tidak dikenal"),
        "{stdout}"
    );
    assert!(line("pejaten.csv").contains("tidak disimpan"), "{stdout}");
    assert!(stdout.contains("3 desa: 1 berhasil, 2 gagal."), "{stdout}");
    // Kramatwatu kept its residents.
    let again = sid(dir.path())
        .env("SID__DEMO", "false")
        .args([
            "import",
            "residents",
            "--desa",
            "kramatwatu",
            "--skip-refused",
        ])
        .arg(folder.join("3604052001.xls"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("16 sudah ada"));
}
