//! Moving in from the files desa already hold (OpenSID, SIAK, the Buku Induk) and leaving with
//! an OpenSID-layout export: the samples of `tests/data/opensid/` (see its NOTICE).

use reqwest::StatusCode;
use serde_json::Value;

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp};

const A: &str = "kramatwatu";
const B: &str = "pejaten";

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/opensid/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

async fn upload(
    app: &TestApp,
    token: &str,
    desa: &str,
    body: Vec<u8>,
    query: &str,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/desa/{desa}/residents/import?{query}")))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn total(app: &TestApp, token: &str, desa: &str, query: &str) -> i64 {
    app.get_ok(
        &format!("/api/v1/desa/{desa}/residents?{query}"),
        Some(token),
    )
    .await["total"]
        .as_i64()
        .unwrap()
}

fn ignored(report: &Value) -> Vec<String> {
    report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["field"].is_null())
        .map(|c| c["header"].as_str().unwrap().to_string())
        .collect()
}

fn read_as(report: &Value, header: &str) -> Value {
    report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["header"] == header)
        .map(|c| c["field"].clone())
        .unwrap_or_else(|| panic!("no column {header}"))
}

on_both_backends!(
    a_siak_export_moves_in_with_its_statuses_and_families,
    the_opensid_template_row_is_refused_for_its_birth_date,
    the_buku_induk_is_read_block_by_block,
    an_opensid_export_reimports_identically_into_an_empty_desa,
    a_column_no_layout_knows_is_reported,
    an_xls_spanning_the_whole_grid_is_refused,
    the_regency_imports_a_desa_named_by_its_file,
);

async fn a_siak_export_moves_in_with_its_statuses_and_families(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let file = sample("format_siak.xls");

    // Desa B's staff cannot import into desa A, in any mode.
    for query in ["dry_run=true", "skip_refused=true"] {
        assert_problem(
            upload(&app, &b, A, file.clone(), query).await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }

    let res = upload(&app, &a, A, file.clone(), "dry_run=true").await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["layout"], "siak");
    assert_eq!(report["header_row"], 1);
    assert_eq!(report["rows"], 18);
    // The columns read, and those kept out of the record, are all named.
    assert_eq!(read_as(&report, "Nomor KK"), "no_kk");
    assert_eq!(read_as(&report, "Status"), "status_dasar");
    assert_eq!(read_as(&report, "NIK Ayah"), "nik_ayah");
    for header in ["Kecamatan", "Desa/Kel", "Cetak KTP", "Petugas Entri"] {
        assert!(ignored(&report).contains(&header.to_string()), "{header}");
    }
    // Labels read through the registry's spellings are listed with what they became.
    let variants = report["variants"].as_array().unwrap();
    let variant = |column: &str, value: &str| {
        variants
            .iter()
            .find(|v| v["column"] == column && v["value"] == value)
            .unwrap_or_else(|| panic!("{column} {value}: {variants:?}"))
            .clone()
    };
    assert_eq!(variant("Gol. Darah", "Tdk Th")["name"], "TIDAK TAHU");
    assert_eq!(variant("Gol. Darah", "Tdk Th")["rows"], 18);
    assert_eq!(variant("Pendidikan", "SLTA/Sederajat")["code"], 5);
    assert_eq!(variant("SHDK", "Orang Tua")["name"], "ORANGTUA");
    assert_eq!(variant("Status", "Pindah Dalam Negeri")["name"], "PINDAH");
    // Two refusals: an invalid record repeating a living person's NIK, and a dead son whose
    // NIK disagrees with his birth date.
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0]["row"], 11);
    assert_eq!(problems[0]["column"], "NIK");
    assert_eq!(problems[0]["message"], "NIK sama dengan baris 9");
    assert_eq!(problems[1]["row"], 18);
    assert_eq!(
        problems[1]["message"],
        "tanggal lahir dalam NIK (25-01-91) tidak sesuai dengan tanggal lahir 06-09-1991"
    );
    // The first rows as they will be stored, dusun taken from SIAK's address.
    let first = &report["preview"][0];
    assert_eq!(first["nama"], "SUMINI");
    assert_eq!(first["tanggal_lahir"], "1995-01-04");
    assert_eq!(first["wilayah"], "JIWET, RW 008, RT 001");
    assert_eq!(total(&app, &a, A, "status=0").await, 0);

    // All or nothing refuses the file while a row is refused.
    let res = upload(&app, &a, A, file.clone(), "").await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["rows"][0]["row"], 11);
    assert_eq!(total(&app, &a, A, "status=0").await, 0);

    // The operator, having read it, imports the valid rows.
    let res = upload(&app, &a, A, file.clone(), "skip_refused=true").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["created"], 16);
    assert_eq!(report["skipped"], 2);
    assert_eq!(report["families_created"], 7);
    assert_eq!(report["areas_created"], 5);
    assert_eq!(report["by_status"]["HIDUP"], 13);
    assert_eq!(report["by_status"]["TIDAK VALID"], 2);
    assert_eq!(report["by_status"]["PINDAH"], 1);
    assert_eq!(total(&app, &a, A, "status=0").await, 16);
    assert_eq!(total(&app, &a, A, "").await, 13);
    assert_eq!(total(&app, &a, A, "status=9").await, 2);
    assert_eq!(total(&app, &a, A, "status=3").await, 1);

    // A family with its members, parents' NIKs and areas as the export held them.
    let found = app
        .get_ok(
            &format!("/api/v1/desa/{A}/families?q=1000000106120000"),
            Some(&a),
        )
        .await;
    assert_eq!(found["total"], 1);
    let id = found["items"][0]["id"].as_str().unwrap();
    let family = app
        .get_ok(&format!("/api/v1/desa/{A}/families/{id}"), Some(&a))
        .await;
    let members = family["members"].as_array().unwrap();
    assert_eq!(members.len(), 4);
    let shella = members.iter().find(|m| m["name"] == "SHELLA NUR").unwrap();
    let shella = app
        .get_ok(
            &format!(
                "/api/v1/desa/{A}/residents/{}",
                shella["id"].as_str().unwrap()
            ),
            Some(&a),
        )
        .await;
    assert_eq!(shella["father_nik"], "1000002302720000");
    assert_eq!(shella["birth_cert_no"], "04685/DKI/2009/PMI");
    assert_eq!(shella["education"], 2);
    // The families with someone living are active (a card whose head moved away, with her
    // daughter still here, among them).
    assert_eq!(
        app.get_ok(&format!("/api/v1/desa/{A}/families"), Some(&a))
            .await["total"],
        5
    );

    // The same file again changes nothing.
    let res = upload(&app, &a, A, file, "skip_refused=true").await;
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["created"], 0);
    assert_eq!(report["unchanged"], 16);
    assert_eq!(total(&app, &a, A, "status=0").await, 16);
}

async fn the_opensid_template_row_is_refused_for_its_birth_date(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let file = sample("FormatImporExcel.xlsm");
    let res = upload(&app, &a, A, file.clone(), "dry_run=true").await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["layout"], "opensid");
    // The example row only: the green notes under it are not data.
    assert_eq!(report["rows"], 1);
    assert_eq!(report["created"], 0);
    assert_eq!(read_as(&report, "kk_level"), "shdk");
    assert_eq!(read_as(&report, "status_dasar"), "status_dasar");
    for header in ["hamil", "suku", "lat", "lng", "dokumen_pasport"] {
        assert!(ignored(&report).contains(&header.to_string()), "{header}");
    }
    let problems = report["problems"].as_array().unwrap();
    let nik: Vec<&str> = problems
        .iter()
        .filter(|p| p["row"] == 2 && p["column"] == "nik")
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(
        nik.iter()
            .any(|m| m.contains("tidak sesuai dengan tanggal lahir 28-03-1978")),
        "{problems:?}"
    );
    let res = upload(&app, &a, A, file, "").await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(total(&app, &a, A, "status=0").await, 0);
}

async fn the_buku_induk_is_read_block_by_block(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let res = upload(&app, &a, A, sample("format_bip_2016.xls"), "dry_run=true").await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["layout"], "buku_induk");
    assert_eq!(report["header_row"], 7);
    assert_eq!(report["rows"], 3);
    assert_eq!(
        read_as(&report, "Tempat dan Tanggal Lahir Tgl/Bln/Th"),
        "tanggal_lahir"
    );
    assert_eq!(read_as(&report, "Nama Orang Tua Kandung Ibu"), "nama_ibu");
    let problems = report["problems"].as_array().unwrap();
    let of = |row: i64| -> Vec<String> {
        problems
            .iter()
            .filter(|p| p["row"] == row)
            .map(|p| {
                format!(
                    "{}: {}",
                    p["column"].as_str().unwrap(),
                    p["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    // The sample's NIKs disagree with its birth dates; each refusal names it.
    assert!(
        of(11)
            .iter()
            .any(|m| m.starts_with("NIK: tanggal lahir dalam NIK (01-07-62)")),
        "{:?}",
        of(11)
    );
    // A son of 38 whose marital status the book does not print is not guessed.
    assert!(
        of(14).iter().any(|m| m.contains("status perkawinan")),
        "{:?}",
        of(14)
    );
    // The wife's is known from her place in the family.
    assert!(
        !of(12).iter().any(|m| m.contains("status perkawinan")),
        "{:?}",
        of(12)
    );
    let variants = report["variants"].as_array().unwrap();
    assert!(
        variants
            .iter()
            .any(|v| v["column"] == "status_perkawinan" && v["name"] == "KAWIN"),
        "{variants:?}"
    );
    // For real: every row refused, nothing stored; with skip_refused, still nothing to store.
    let res = upload(&app, &a, A, sample("format_bip_2016.xls"), "").await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["rows"].as_array().unwrap().len(), problems.len());
    let res = upload(
        &app,
        &a,
        A,
        sample("format_bip_2016.xls"),
        "skip_refused=true",
    )
    .await;
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["created"], 0);
    assert_eq!(report["skipped"], 3);
    assert_eq!(total(&app, &a, A, "status=0").await, 0);
}

/// Residents with their statuses, areas and parents, exported in OpenSID's layout and imported
/// into the same desa of an empty deployment, come back the same, field by field.
async fn an_opensid_export_reimports_identically_into_an_empty_desa(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let mut lines =
        vec![crate::import_export::HEADER.to_string() + ",nik_ayah,status_dasar,cacat,akta_lahir"];
    for (i, mut row) in crate::import_export::rows(12).into_iter().enumerate() {
        let status = match i {
            7 => "2",
            11 => "3",
            _ => "1",
        };
        let father = if row[10] == "4" {
            "3604051702850001"
        } else {
            ""
        };
        row.extend([
            father.to_string(),
            status.to_string(),
            "7".into(),
            format!("AL-{i}"),
        ]);
        lines.push(row.join(","));
    }
    let res = upload(&app, &a, A, lines.join("\n").into_bytes(), "").await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    let res = export(&app, &a, "format=xlsx&layout=opensid").await;
    assert_eq!(res.status(), StatusCode::OK);
    let opensid = res.bytes().await.unwrap().to_vec();
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::Xlsx::new(std::io::Cursor::new(opensid.clone())).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(range.width(), 43, "OpenSID's 43 columns");
        assert_eq!(
            range.get((0, 15)),
            Some(&calamine::Data::String("kk_level".into()))
        );
    }
    // A layout the export does not write is refused, naming the choices.
    let problem = assert_problem(
        export(&app, &a, "layout=siak").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        problem.to_string().contains("sid atau opensid"),
        "{problem}"
    );
    let before = export(&app, &a, "").await.text().await.unwrap();

    let empty = TestApp::spawn(app.backend).await;
    let token = empty.desa_admin("admin.a", A).await;
    let res = upload(&empty, &token, A, opensid, "").await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["layout"], "opensid");
    assert_eq!(report["created"], 12 * 4);
    let after = export(&empty, &token, "").await.text().await.unwrap();
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&after), sorted(&before));
    assert!(
        before.contains(",2\n") && before.contains(",3\n"),
        "statuses exported"
    );
    assert_eq!(
        empty
            .get_ok(&format!("/api/v1/desa/{A}/families"), Some(&token))
            .await["total"],
        app.get_ok(&format!("/api/v1/desa/{A}/families"), Some(&a))
            .await["total"]
    );
}

async fn export(app: &TestApp, token: &str, query: &str) -> reqwest::Response {
    app.get(
        &format!("/api/v1/desa/{A}/residents/export?status=0&{query}"),
        Some(token),
    )
    .await
}

async fn a_column_no_layout_knows_is_reported(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let mut lines = vec![crate::import_export::HEADER.to_string() + ",hobi"];
    for mut row in crate::import_export::rows(1) {
        row.push("memancing".into());
        lines.push(row.join(","));
    }
    let res = upload(&app, &a, A, lines.join("\n").into_bytes(), "dry_run=true").await;
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["layout"], "sid");
    assert_eq!(ignored(&report), vec!["hobi".to_string()]);
    assert_eq!(report["created"], 4);
}

/// Two cells at opposite corners of an Excel 97 sheet would have calamine lay out 16 million
/// cells: refused before it does, nothing stored.
async fn an_xls_spanning_the_whole_grid_is_refused(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let mut file = sample("format_bip_2016.xls");
    // The first LABELSST record (type 0x00FD, 10 bytes) moved to row 65,000, column 250.
    let at = file
        .windows(4)
        .position(|w| w == [0xFD, 0x00, 0x0A, 0x00])
        .expect("a LABELSST record");
    file[at + 4..at + 8].copy_from_slice(&[0xE8, 0xFD, 0xFA, 0x00]);
    let res = upload(&app, &a, A, file, "").await;
    let problem = assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("XLS"),
        "{problem}"
    );
    assert_eq!(total(&app, &a, A, "status=0").await, 0);
}

/// Diskominfo loads desa through the regency import, each file naming its desa; no one else may.
async fn the_regency_imports_a_desa_named_by_its_file(app: TestApp) {
    let admin = app.admin_token().await;
    let a = app.desa_admin("admin.a", A).await;
    let post = |token: &str, query: &str| {
        let req = app
            .client
            .post(app.url(&format!("/api/v1/kabupaten/residents/import?{query}")))
            .bearer_auth(token)
            .body(sample("format_siak.xls"));
        async move { req.send().await.unwrap() }
    };
    // A desa's own staff is not the regency.
    assert_problem(post(&a, "file=3604052001.xls").await, StatusCode::FORBIDDEN).await;
    // A name that points to no desa.
    let problem = assert_problem(
        post(&admin, "file=9999999999.xls").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("9999999999.xls"),
        "{problem}"
    );
    // All or nothing refuses SIAK's sample (two rows refused); with skip_refused it moves in.
    assert_problem(
        post(&admin, "file=3604052001.xls").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let res = post(&admin, "file=36.04.05.2001.xls&skip_refused=true").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["slug"], A);
    assert_eq!(body["report"]["created"], 16);
    assert_eq!(total(&app, &a, A, "status=0").await, 16);
    let b = app.desa_admin("admin.b", B).await;
    assert_eq!(total(&app, &b, B, "status=0").await, 0);
}
