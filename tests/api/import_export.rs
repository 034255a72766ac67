//! Importing and exporting residents as files.

use reqwest::StatusCode;
use serde_json::Value;

use crate::on_both_backends;
use crate::support::{assert_problem, nik, TestApp};

const A: &str = "kramatwatu";
pub(crate) const HEADER: &str = "no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,agama,pendidikan,pekerjaan,status_perkawinan,shdk,kewarganegaraan,golongan_darah,nama_ayah,nama_ibu,alamat,dusun,rw,rt";

fn day(base: &str, plus: i64) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(base, "%Y-%m-%d").unwrap() + chrono::Duration::days(plus)
}

/// `families` families of four as CSV rows (without header): head, wife, son, daughter.
pub(crate) fn rows(families: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for i in 0..families {
        let kk = format!("3604050101{:02}{:04}", 20, i + 1);
        let people = [
            (day("1960-01-01", i as i64), false, "Kepala", 1, 2),
            (day("1965-01-01", i as i64), true, "Istri", 3, 2),
            (day("2005-01-01", i as i64), false, "Anak Lelaki", 4, 1),
            (day("2008-01-01", i as i64), true, "Anak Perempuan", 4, 1),
        ];
        for (born, female, name, shdk, married) in people {
            let iso = born.format("%Y-%m-%d").to_string();
            out.push(vec![
                kk.clone(),
                nik(&iso, female, 1),
                format!("{name} {i}"),
                if female { "2" } else { "1" }.into(),
                "Serang".into(),
                born.format("%d-%m-%Y").to_string(),
                "1".into(),
                "5".into(),
                "9".into(),
                married.to_string(),
                shdk.to_string(),
                "1".into(),
                "13".into(),
                String::new(),
                String::new(),
                format!("Kp. Uji {i}"),
                "Krajan".into(),
                "001".into(),
                format!("{:03}", i % 5 + 1),
            ]);
        }
    }
    out
}

/// Imports `rows` (of `rows()`, changed as a test needs) into `desa`; panics unless 201.
pub(crate) async fn import_rows(app: &TestApp, token: &str, desa: &str, rows: &[Vec<String>]) {
    let res = upload(app, token, desa, csv(rows, ",").into_bytes(), false).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
}

fn csv(rows: &[Vec<String>], delimiter: &str) -> String {
    let mut s = HEADER.replace(',', delimiter);
    s.push('\n');
    for r in rows {
        s.push_str(&r.join(delimiter));
        s.push('\n');
    }
    s
}

async fn upload(
    app: &TestApp,
    token: &str,
    desa: &str,
    body: Vec<u8>,
    dry_run: bool,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!(
            "/api/v1/desa/{desa}/residents/import?dry_run={dry_run}"
        )))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn count(app: &TestApp, token: &str) -> i64 {
    app.get_ok(&format!("/api/v1/desa/{A}/residents?status=0"), Some(token))
        .await["total"]
        .as_i64()
        .unwrap()
}

on_both_backends!(
    three_bad_rows_of_a_thousand_import_nothing,
    excel_habits_are_handled,
    size_and_header_limits,
    export_is_filtered_audited_and_reimportable,
    other_desa_cannot_import_or_export,
    exports_hand_a_spreadsheet_no_formula,
    nik_probes_are_recorded_and_limited,
    kept_figures_match_a_full_recount,
);

async fn three_bad_rows_of_a_thousand_import_nothing(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let good = rows(250);
    let mut bad = good.clone();
    bad[9][5] = "01-01-1961".into(); // birth date no longer matches the NIK (file row 11)
    bad[499][2] = String::new(); // no name (row 501)
    bad[998][6] = "12".into(); // no such religion (row 1000)

    let res = upload(&app, &t, A, csv(&bad, ",").into_bytes(), true).await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["rows"], 1000);
    let found: Vec<(i64, &str)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_i64().unwrap(), p["column"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [(11, "nik"), (501, "nama"), (1000, "agama")]);
    assert_eq!(count(&app, &t).await, 0);

    let res = upload(&app, &t, A, csv(&bad, ",").into_bytes(), false).await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["rows"].as_array().unwrap().len(), 3);
    assert_eq!(count(&app, &t).await, 0, "all or nothing");

    let res = upload(&app, &t, A, csv(&good, ",").into_bytes(), false).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["created"], 1000);
    assert_eq!(report["families_created"], 250);
    assert_eq!(count(&app, &t).await, 1000);
    let families = app
        .get_ok(&format!("/api/v1/desa/{A}/families"), Some(&t))
        .await;
    assert_eq!(families["total"], 250);
    assert_eq!(families["items"][0]["members"], 4);
    // The same file again changes nothing.
    let res = upload(&app, &t, A, csv(&good, ",").into_bytes(), false).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["created"], 0);
    assert_eq!(report["unchanged"], 1000);
    assert_eq!(count(&app, &t).await, 1000);
    let areas = app
        .get_ok(&format!("/api/v1/desa/{A}/areas"), Some(&t))
        .await;
    assert_eq!(areas["total"], 5);
}

async fn excel_habits_are_handled(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    // `;` separated, with a byte-order mark, dates with slashes, sex as L/P.
    let mut semi = rows(2);
    for r in &mut semi {
        r[5] = r[5].replace('-', "/");
        r[3] = if r[3] == "2" { "P".into() } else { "L".into() };
    }
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(csv(&semi, ";").into_bytes());
    let res = upload(&app, &t, A, body, false).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    assert_eq!(count(&app, &t).await, 8);

    // A NIK that Excel turned into scientific notation is refused with a clear message.
    let mut sci = rows(3)[8..].to_vec();
    sci[0][1] = "3.60405E+15".into();
    let res = upload(&app, &t, A, csv(&sci, ",").into_bytes(), true).await;
    let report: Value = res.json().await.unwrap();
    assert!(
        report["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ilmiah"),
        "{report}"
    );

    // XLSX: a real date cell, an Excel serial typed as text, NIKs as text.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let family = rows(4)[12..].to_vec();
    for (r, row) in family.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
        let born = chrono::NaiveDate::parse_from_str(&row[5], "%d-%m-%Y").unwrap();
        if r == 0 {
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(
                born.year_ce().1 as u16,
                born.month0() as u8 + 1,
                born.day0() as u8 + 1,
            )
            .unwrap();
            sheet
                .write_datetime_with_format(1, 5, &date, &date_format)
                .unwrap();
        } else if r == 1 {
            let serial = (born - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
            sheet.write_string(2, 5, serial.to_string()).unwrap();
        }
    }
    let xlsx = book.save_to_buffer().unwrap();
    let res = upload(&app, &t, A, xlsx, false).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    assert_eq!(count(&app, &t).await, 12);

    // A NIK stored as a number has lost digits: refused, naming the column.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (c, v) in rows(5)[16].iter().enumerate() {
        sheet.write_string(1, c as u16, v).unwrap();
    }
    sheet
        .write_number(1, 1, rows(5)[16][1].parse::<f64>().unwrap())
        .unwrap();
    let res = upload(&app, &t, A, book.save_to_buffer().unwrap(), false).await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["rows"][0]["column"], "nik");
    assert!(problem["rows"][0]["message"]
        .as_str()
        .unwrap()
        .contains("angka"));
    assert_eq!(count(&app, &t).await, 12);
}

use chrono::Datelike;

async fn size_and_header_limits(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let huge = vec![b'a'; 20 * 1024 * 1024];
    let res = upload(&app, &t, A, huge, false).await;
    assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    // A header without the NIK column.
    let body = csv(&rows(1), ",").replacen("no_kk,nik,", "no_kk,nomor,", 1);
    let res = upload(&app, &t, A, body.into_bytes(), false).await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["rows"][0]["row"], 1);
    assert_eq!(problem["rows"][0]["column"], "nik");
    // Not CSV nor XLSX.
    let res = upload(&app, &t, A, vec![0xff, 0xfe, 0x00, 0x41], false).await;
    assert_problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    // A card without a head.
    let headless: Vec<Vec<String>> = rows(1).into_iter().skip(1).collect();
    let res = upload(&app, &t, A, csv(&headless, ",").into_bytes(), false).await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["rows"][0]["column"], "shdk");
    assert_eq!(count(&app, &t).await, 0);
    // The template has the layout.
    let template = app
        .get(&format!("/api/v1/desa/{A}/residents/import/template"), None)
        .await;
    assert_eq!(template.status(), StatusCode::OK);
    assert!(template.text().await.unwrap().starts_with(HEADER));
}

async fn export_is_filtered_audited_and_reimportable(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let res = upload(&app, &t, A, csv(&rows(10), ",").into_bytes(), false).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .get(
            &format!("/api/v1/desa/{A}/residents/export?sex=2"),
            Some(&t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".csv"));
    let text = res.text().await.unwrap();
    assert!(text.starts_with(HEADER));
    assert_eq!(text.lines().count(), 21, "header and 20 women");
    // The export re-imports as it is: every row already there.
    let res = upload(&app, &t, A, text.into_bytes(), false).await;
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["unchanged"], 20);
    assert_eq!(report["created"], 0);

    let res = app
        .get(
            &format!("/api/v1/desa/{A}/residents/export?format=xlsx"),
            Some(&t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.height(), 41);
    // NIKs stay text.
    assert!(matches!(range.get((1, 1)), Some(calamine::Data::String(s)) if s.len() == 16));
    assert_problem(
        app.get(
            &format!("/api/v1/desa/{A}/residents/export?format=pdf"),
            Some(&t),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    let log = app
        .get_ok(&format!("/api/v1/desa/{A}/audit"), Some(&t))
        .await;
    let exports = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "resident.export")
        .count();
    assert_eq!(exports, 2);
}

/// Exports hand a spreadsheet no formula: a cell that one would run comes out behind an
/// apostrophe, and the file still imports unchanged.
async fn exports_hand_a_spreadsheet_no_formula(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let mut family = rows(1);
    let addresses = ["=1+2", "@SUM(A1:A9)", "+62 812 555", "-3 Kp. Uji"];
    for (row, address) in family.iter_mut().zip(addresses) {
        row[15] = address.to_string();
    }
    let res = upload(&app, &t, A, csv(&family, ",").into_bytes(), false).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let text = app
        .get(&format!("/api/v1/desa/{A}/residents/export"), Some(&t))
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut exported: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[15].to_string())
        .collect();
    exported.sort();
    let mut expected: Vec<String> = addresses.iter().map(|a| format!("'{a}")).collect();
    expected.sort();
    assert_eq!(exported, expected, "{text}");
    let res = upload(&app, &t, A, text.into_bytes(), false).await;
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["unchanged"], 4, "{report}");
    assert_eq!(report["updated"].as_i64().unwrap_or(0), 0, "{report}");
}

async fn other_desa_cannot_import_or_export(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", "pejaten").await;
    let res = upload(&app, &a, A, csv(&rows(2), ",").into_bytes(), false).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // B into A: forbidden, nothing written.
    let res = upload(&app, &b, A, csv(&rows(4)[8..], ",").into_bytes(), false).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    assert_problem(
        app.get(&format!("/api/v1/desa/{A}/residents/export"), Some(&b))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(count(&app, &a).await, 8);
    // B importing A's residents into B: their NIKs are active in another desa, not named.
    let res = upload(&app, &b, "pejaten", csv(&rows(1), ",").into_bytes(), false).await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    let message = problem["rows"][0]["message"].as_str().unwrap();
    assert!(message.contains("desa lain"), "{message}");
    assert!(!message.contains("Kramatwatu"), "{message}");
    // B's own export holds nothing of A.
    let text = app
        .get("/api/v1/desa/pejaten/residents/export", Some(&b))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(text.lines().count(), 1);
}

/// The audit entries of desa A about one NIK: (action, detail).
async fn probes_of(app: &TestApp, token: &str, nik: &str) -> Vec<(String, String)> {
    let page = app
        .get_ok(&format!("/api/v1/desa/{A}/audit?target={nik}"), Some(token))
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Learning that a NIK is active in another desa is recorded in the asking desa's log, also
/// when the act is refused and on dry runs, and an account learns it only so often.
async fn nik_probes_are_recorded_and_limited(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", "pejaten").await;
    // Pejaten holds 31 families of four.
    let res = upload(&app, &b, "pejaten", csv(&rows(31), ",").into_bytes(), false).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let held: Vec<String> = rows(31).iter().map(|r| r[1].clone()).collect();

    // An entry with one of them: refused, the other desa not named, the question recorded.
    let body = crate::support::resident(&held[0], "Kepala 0", false, "1960-01-01");
    let res = app
        .post(&format!("/api/v1/desa/{A}/residents"), Some(&a), &body)
        .await;
    let problem = assert_problem(res, StatusCode::CONFLICT).await;
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("desa lain") && !detail.contains("Pejaten"),
        "{detail}"
    );
    assert_eq!(
        probes_of(&app, &a, &held[0]).await,
        [(
            "nik.elsewhere".to_string(),
            "NIK aktif di desa lain; dijawab".to_string()
        )]
    );

    // A dry run of one family: four rows refused, four questions recorded.
    let res = upload(&app, &a, A, csv(&rows(1), ",").into_bytes(), true).await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["problems"].as_array().unwrap().len(), 4, "{report}");
    for nik in &held[1..4] {
        assert_eq!(probes_of(&app, &a, nik).await.len(), 1, "{nik}");
    }

    // A dry run asking after all 124 at once goes past the hour's 120 (5 asked already): the
    // answer is withheld, the questions still recorded, nothing written.
    let res = upload(&app, &a, A, csv(&rows(31), ",").into_bytes(), true).await;
    assert!(res.headers().contains_key("retry-after"));
    let problem = assert_problem(res, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("120 per jam"),
        "{problem}"
    );
    assert!(problem["rows"].is_null(), "no row tells which NIK is where");
    assert_eq!(
        probes_of(&app, &a, &held[100]).await,
        [(
            "nik.elsewhere".to_string(),
            "NIK aktif di desa lain; ditahan: batas per jam".to_string()
        )]
    );
    assert_eq!(count(&app, &a).await, 0);
    // Another account of the desa has its own allowance.
    app.create_desa_user("operator.a", "desa_operator", A).await;
    let operator = app.token("operator.a", crate::support::PASSWORD).await;
    let res = upload(&app, &operator, A, csv(&rows(1), ",").into_bytes(), true).await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// `desa_id, dimension, code, sex, n` rows: the kept figures (zeros left out), or the same
/// counted from the residents.
fn figures(app: &TestApp, kept: bool) -> Vec<(String, String, i32, i32, i64)> {
    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, Integer, Text};
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        desa_id: String,
        #[diesel(sql_type = Text)]
        dimension: String,
        #[diesel(sql_type = Integer)]
        code: i32,
        #[diesel(sql_type = Integer)]
        sex: i32,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let postgres = app.pg.is_some();
    let (month, day, year, recorded) = if postgres {
        (
            "(extract(year FROM birth_date) * 100 + extract(month FROM birth_date))::int",
            "(extract(month FROM birth_date) * 1000000 + extract(day FROM birth_date) * 10000 + extract(year FROM birth_date))::int",
            "extract(year FROM birth_date)::int",
            "to_char(created_at + interval '7 hours', 'YYYYMM')::int",
        )
    } else {
        (
            "CAST(strftime('%Y%m', birth_date) AS INTEGER)",
            "CAST(strftime('%m%d%Y', birth_date) AS INTEGER)",
            "CAST(strftime('%Y', birth_date) AS INTEGER)",
            "CAST(strftime('%Y%m', created_at, '+7 hours') AS INTEGER)",
        )
    };
    let sql = if kept {
        "SELECT desa_id, dimension, code, sex, n FROM resident_figures WHERE n <> 0 \
         UNION ALL SELECT desa_id, 'area/' || area_id || '/' || dimension, code, sex, n \
         FROM area_figures WHERE n <> 0 ORDER BY 1, 2, 3, 4"
            .to_string()
    } else {
        let living = [
            ("agama", "religion"),
            ("pendidikan", "education"),
            ("pekerjaan", "occupation"),
            ("perkawinan", "marital_status"),
            ("lahir", month),
            ("lahir_hari", day),
            ("tahun", year),
            ("kewarganegaraan", "citizenship"),
            ("goldar", "blood_type"),
            ("cacat", "coalesce(disability, 0)"),
            ("sakit", "coalesce(chronic_illness, 0)"),
            ("kb", "coalesce(kb_method, 0)"),
            ("asuransi", "coalesce(health_insurance, 0)"),
            ("ktp", "coalesce(ktp_status, 0)"),
            ("kepala", "CAST(shdk = 1 AS INTEGER)"),
            ("hidup", "1"),
        ];
        let per_desa = living
            .iter()
            .chain([("dicatat_hidup", recorded)].iter())
            .map(|(name, expr)| {
                format!("SELECT desa_id, '{name}' AS dimension, {expr} AS code, sex, count(*) AS n FROM residents WHERE status = 1 GROUP BY 1, 2, 3, 4")
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let per_area = living
            .iter()
            .map(|(name, expr)| {
                format!("SELECT desa_id, 'area/' || area_id || '/{name}', {expr}, sex, count(*) FROM residents WHERE status = 1 AND area_id IS NOT NULL GROUP BY 1, 2, 3, 4")
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let sizes = "SELECT desa_id, 'anggota', n, 0, count(*) FROM (SELECT desa_id, family_id, CAST(count(*) AS INTEGER) AS n FROM residents WHERE status = 1 AND family_id IS NOT NULL GROUP BY 1, 2) s GROUP BY 1, 2, 3, 4";
        format!("SELECT desa_id, 'status' AS dimension, status AS code, sex, count(*) AS n FROM residents GROUP BY 1, 2, 3, 4 UNION ALL SELECT desa_id, 'dicatat', {recorded}, sex, count(*) FROM residents GROUP BY 1, 2, 3, 4 UNION ALL {per_desa} UNION ALL {per_area} UNION ALL {sizes} ORDER BY 1, 2, 3, 4")
    };
    // As the owner: a superuser on the test server, which row-level security does not hold.
    let rows: Vec<Row> = match &app.pg {
        Some(pg) => diesel::sql_query(sql).load(&mut pg.connect()).unwrap(),
        None => {
            let path = app.settings.database.url.strip_prefix("sqlite://").unwrap();
            diesel::sql_query(sql)
                .load(&mut SqliteConnection::establish(path).unwrap())
                .unwrap()
        }
    };
    rows.into_iter()
        .map(|r| (r.desa_id, r.dimension, r.code, r.sex, r.n))
        .collect()
}

/// The figures behind the list's total and the statistics are kept by the database in every
/// writing transaction: after an import, one-by-one entries, a correction of sex and birth
/// date, a death, a move between desa and a rolled-back import, they equal a full recount, and
/// so do the list's totals.
async fn kept_figures_match_a_full_recount(app: TestApp) {
    use serde_json::json;
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", "pejaten").await;
    let res = upload(&app, &a, A, csv(&rows(30), ",").into_bytes(), false).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    let mut bad = rows(40);
    bad[3][6] = "12".into();
    let res = upload(&app, &b, "pejaten", csv(&bad, ",").into_bytes(), false).await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    let one = app
        .add_resident(
            A,
            &a,
            &crate::support::resident(&nik("1977-07-07", true, 9), "Wati", true, "1977-07-07"),
        )
        .await;
    let id = one["id"].as_str().unwrap();
    let res = app
        .patch(
            &format!("/api/v1/desa/{A}/residents/{id}"),
            Some(&a),
            &json!({"nik": nik("1977-08-07", false, 9), "sex": 1, "name": "Wawan", "birth_date": "1977-08-07"}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    let listed: Value = app
        .get_ok(
            &format!("/api/v1/desa/{A}/residents?q=anak+perempuan+1"),
            Some(&a),
        )
        .await;
    let daughter = listed["items"][0]["id"].as_str().unwrap().to_string();
    let son = listed["items"][0]["family_id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .post(
            &format!("/api/v1/desa/{A}/events"),
            Some(&a),
            &json!({"kind": "death", "resident_id": daughter, "date": "2026-01-02", "cause": "Sakit", "place": "Rumah"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let family: Value = app
        .get_ok(&format!("/api/v1/desa/{A}/families/{son}"), Some(&a))
        .await;
    let mover = family["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["shdk"] == 4 && m["status"] == 1)
        .unwrap()["id"]
        .clone();
    let res = app
        .post(&format!("/api/v1/desa/{A}/events"), Some(&a), &json!({"kind": "move_out", "resident_id": mover, "date": "2026-01-03", "destination": "Pejaten", "reason": "Kerja", "to_desa": "pejaten"}))
        .await;
    let asked: Value = res.json().await.unwrap();
    let res = app
        .post(
            &format!(
                "/api/v1/desa/pejaten/transfers/{}/transition",
                asked["id"].as_str().unwrap()
            ),
            Some(&b),
            &json!({"to": "diterima"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // The KTP-el status and insurance of one, corrected.
    let res = app
        .patch(
            &format!("/api/v1/desa/{A}/residents/{id}"),
            Some(&a),
            &json!({"ktp_status": 3, "health_insurance": 2, "chronic_illness": 6}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // A child whose fifth birthday is later this month: four today, five by the month alone.
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let (year, month) = (today.year() - 5, today.month());
    if today.day() < 28 {
        let born = format!("{year}-{month:02}-28");
        app.add_resident(
            A,
            &a,
            &crate::support::resident(&nik(&born, false, 11), "Bayu", false, &born),
        )
        .await;
    }

    let recount = figures(&app, false);
    for kind in ["area/", "anggota", "ktp", "kepala"] {
        assert!(recount.iter().any(|r| r.1.starts_with(kind)), "{kind}");
    }
    assert_eq!(figures(&app, true), recount);
    // The pyramid from the figures equals one from every living resident's birth date.
    let mut expected = vec![(0i64, 0i64); 16];
    for page in 1..=2 {
        let listed = app
            .get_ok(
                &format!("/api/v1/desa/{A}/residents?per_page=200&page={page}"),
                Some(&a),
            )
            .await;
        for r in listed["items"].as_array().unwrap() {
            let born =
                chrono::NaiveDate::parse_from_str(r["birth_date"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap();
            let mut age = today.year() - born.year();
            if (today.month(), today.day()) < (born.month(), born.day()) {
                age -= 1;
            }
            let slot = &mut expected[(age.max(0) / 5).min(15) as usize];
            if r["sex"] == 1 {
                slot.0 += 1;
            } else {
                slot.1 += 1;
            }
        }
    }
    let stats = app
        .get_ok(&format!("/api/v1/desa/{A}/statistics"), None)
        .await;
    let pyramid: Vec<(i64, i64)> = stats["age_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["male"].as_i64().unwrap(), g["female"].as_i64().unwrap()))
        .collect();
    assert_eq!(pyramid, expected);
    let bayu = i64::from(today.day() < 28);
    let living_a: i64 = 30 * 4 + 1 - 2 + bayu;
    let in_a: i64 = recount
        .iter()
        .filter(|r| r.1 == "status" && r.2 == 1)
        .map(|r| r.4)
        .sum::<i64>()
        - 1;
    assert_eq!(in_a, living_a, "{recount:?}");
    // The Buku Rekapitulasi of this month ends with the living; all were entered this month.
    let recap = app
        .get_ok(
            &format!(
                "/api/v1/desa/{A}/books/rekapitulasi?month={}",
                today.format("%Y-%m")
            ),
            Some(&a),
        )
        .await;
    let both = |k: &str| recap[k]["male"].as_i64().unwrap() + recap[k]["female"].as_i64().unwrap();
    assert_eq!(both("end"), living_a, "{recap}");
    assert_eq!(both("start"), 0, "{recap}");
    for (query, expected) in [
        ("", living_a),
        ("?status=0", 30 * 4 + 1 + bayu),
        ("?status=1&sex=2", 30 * 2 - 1),
        ("?status=2", 1),
        ("?status=3", 1),
    ] {
        let page = app
            .get_ok(&format!("/api/v1/desa/{A}/residents{query}"), Some(&a))
            .await;
        assert_eq!(page["total"], expected, "{query}");
    }
}
