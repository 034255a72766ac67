//! Every table of the statistics equals a recount from the desa's own residents (read back
//! through the export), for the whole desa, one dusun and one sex; bad filters are refused
//! clearly; another desa's statistics hold none of these residents.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::import_export::{rows, HEADER};
use crate::on_both_backends;
use crate::support::{assert_problem, TestApp};

const A: &str = "kramatwatu";
const B: &str = "pejaten";

on_both_backends!(every_table_equals_a_recount_for_the_desa_a_dusun_and_a_sex);

/// One living resident as the export gives them: column name to cell.
type Person = BTreeMap<String, String>;

async fn living(app: &TestApp, token: &str) -> Vec<Person> {
    let text = app
        .get(
            &format!("/api/v1/desa/{A}/residents/export?status=0"),
            Some(token),
        )
        .await
        .text()
        .await
        .unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(str::to_string))
                .collect::<Person>()
        })
        .filter(|p| p["status_dasar"] == "1")
        .collect()
}

fn age(p: &Person, today: NaiveDate) -> i32 {
    let born = NaiveDate::parse_from_str(&p["tanggal_lahir"], "%d-%m-%Y").unwrap();
    today.years_since(born).unwrap() as i32
}

/// The table `key` recounted: label or code to (male, female).
fn recount(key: &str, people: &[&Person], today: NaiveDate) -> BTreeMap<String, (i64, i64)> {
    let mut out: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let column = |k: &str| match k {
        "agama" => "agama",
        "pendidikan" => "pendidikan",
        "pekerjaan" => "pekerjaan",
        "perkawinan" => "status_perkawinan",
        "kewarganegaraan" => "kewarganegaraan",
        "golongan_darah" => "golongan_darah",
        "cacat" => "cacat",
        "sakit_menahun" => "sakit_menahun",
        "cara_kb" => "cara_kb",
        "asuransi" => "asuransi",
        "status_ktp" => "status_ktp",
        _ => unreachable!(),
    };
    for p in people {
        let bucket = match key {
            "kelompok_umur" => {
                let a = age(p, today);
                [0, 5, 13, 18, 60]
                    .iter()
                    .rev()
                    .find(|b| a >= **b)
                    .unwrap()
                    .to_string()
            }
            "dusun" => format!("Dusun {}", p["dusun"]),
            "rw" => format!("Dusun {}, RW {}", p["dusun"], p["rw"]),
            "rt" => format!("Dusun {}, RW {}, RT {}", p["dusun"], p["rw"], p["rt"]),
            "kepala_keluarga" if p["shdk"] == "1" => "1".into(),
            "kepala_keluarga" => continue,
            k => {
                let v = &p[column(k)];
                if v.is_empty() {
                    "0".into()
                } else {
                    v.clone()
                }
            }
        };
        let slot = out.entry(bucket).or_default();
        if p["jenis_kelamin"] == "1" {
            slot.0 += 1;
        } else {
            slot.1 += 1;
        }
    }
    out
}

/// The table as served: label (places) or code to (male, female); zero rows left out.
fn served(table: &Value) -> BTreeMap<String, (i64, i64)> {
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["total"] != 0)
        .map(|r| {
            let key = match &r["code"] {
                Value::Null => r["label"].as_str().unwrap().to_string(),
                c => c.to_string(),
            };
            (
                key,
                (r["male"].as_i64().unwrap(), r["female"].as_i64().unwrap()),
            )
        })
        .collect()
}

const KEYS: [&str; 16] = [
    "kelompok_umur",
    "dusun",
    "rw",
    "rt",
    "agama",
    "pendidikan",
    "pekerjaan",
    "perkawinan",
    "kewarganegaraan",
    "golongan_darah",
    "cacat",
    "sakit_menahun",
    "cara_kb",
    "asuransi",
    "status_ktp",
    "kepala_keluarga",
];

async fn every_table_equals_a_recount_for_the_desa_a_dusun_and_a_sex(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    // Twelve families in two dusun and three RTs, with the new fields varied.
    let mut data = rows(12);
    for (i, row) in data.iter_mut().enumerate() {
        let family = i / 4;
        row[16] = ["Krajan", "Pasir"][family % 2].into();
        row[18] = format!("{:03}", family % 3 + 1);
        row.push(["", "1", "2", "3"][i % 4].into());
        row.push(if i % 5 == 0 {
            "6".into()
        } else {
            String::new()
        });
        row.push(if i % 4 == 1 {
            "3".into()
        } else {
            String::new()
        });
        row.push(["1", "2", "3", "99", ""][i % 5].into());
    }
    import_rows_with(&app, &a, &data).await;
    // One more: a death and a correction move figures after the import.
    let list = app
        .get_ok(
            &format!("/api/v1/desa/{A}/residents?q=anak+lelaki+3"),
            Some(&a),
        )
        .await;
    let son = list["items"][0]["id"].as_str().unwrap().to_string();
    let res = app
        .post(&format!("/api/v1/desa/{A}/events"), Some(&a), &json!({"kind": "death", "resident_id": son, "date": "2026-01-02", "cause": "Sakit", "place": "Rumah"}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let list = app
        .get_ok(&format!("/api/v1/desa/{A}/residents?q=istri+5"), Some(&a))
        .await;
    let wife = list["items"][0]["id"].as_str().unwrap().to_string();
    let res = app
        .patch(
            &format!("/api/v1/desa/{A}/residents/{wife}"),
            Some(&a),
            &json!({"ktp_status": 2, "kb_method": 5}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let people = living(&app, &a).await;
    assert_eq!(people.len(), 47);
    for (filter, keep) in [
        (
            "",
            Box::new(|_: &Person| true) as Box<dyn Fn(&Person) -> bool>,
        ),
        ("dusun=Pasir", Box::new(|p: &Person| p["dusun"] == "Pasir")),
        ("sex=2", Box::new(|p: &Person| p["jenis_kelamin"] == "2")),
        (
            "dusun=Krajan&sex=1",
            Box::new(|p: &Person| p["dusun"] == "Krajan" && p["jenis_kelamin"] == "1"),
        ),
    ] {
        let mine: Vec<&Person> = people.iter().filter(|p| keep(p)).collect();
        let stats = app
            .get_ok(&format!("/api/v1/desa/{A}/statistics?{filter}"), None)
            .await;
        assert_eq!(stats["total"], mine.len(), "{filter}");
        for key in KEYS {
            let table = stats["breakdowns"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["key"] == key)
                .unwrap();
            assert_eq!(served(table), recount(key, &mine, today), "{key} {filter}");
        }
        // One table alone says the same.
        let one = app
            .get_ok(
                &format!("/api/v1/desa/{A}/statistics/status_ktp?{filter}"),
                None,
            )
            .await;
        assert_eq!(
            served(&one),
            recount("status_ktp", &mine, today),
            "{filter}"
        );
        let wajib = mine.iter().filter(|p| age(p, today) >= 17).count();
        let have = mine.iter().filter(|p| p["status_ktp"] == "3").count();
        assert_eq!(
            one["note"],
            format!(
                "Wajib KTP (17 tahun ke atas): {wajib} orang; sudah punya KTP-el: {have} orang."
            ),
        );
    }
    // Family cards by their living members, for the whole desa.
    let mut sizes: BTreeMap<&str, i64> = BTreeMap::new();
    for p in &people {
        *sizes.entry(p["no_kk"].as_str()).or_default() += 1;
    }
    let mut by_size: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for n in sizes.values() {
        by_size.entry(n.to_string()).or_default().0 += 1;
    }
    let table = app
        .get_ok(
            &format!("/api/v1/desa/{A}/statistics/anggota_keluarga"),
            None,
        )
        .await;
    let served_sizes: BTreeMap<String, (i64, i64)> = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["code"].to_string(), (r["total"].as_i64().unwrap(), 0)))
        .collect();
    assert_eq!(served_sizes, by_size);

    // The CSV of a table holds its rows.
    let csv = app
        .get(
            &format!("/api/v1/desa/{A}/statistics/rt?format=csv&sex=2"),
            None,
        )
        .await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    let women: Vec<&Person> = people
        .iter()
        .filter(|p| p["jenis_kelamin"] == "2")
        .collect();
    assert_eq!(
        text.lines().count(),
        1 + recount("rt", &women, today).len(),
        "{text}"
    );
    assert!(text.starts_with("kode,uraian,laki_laki,perempuan,jumlah"));
    assert!(
        text.contains("\"Dusun Pasir, RW 001, RT 002\",0,"),
        "{text}"
    );

    // Bad filters are refused with the field named; an unknown table is not found.
    for (query, field) in [("sex=3", "sex"), ("dusun=Antah", "dusun"), ("sex=x", "")] {
        let res = app
            .get(&format!("/api/v1/desa/{A}/statistics?{query}"), None)
            .await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        if !field.is_empty() {
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
    }
    let res = app
        .get(&format!("/api/v1/desa/{A}/statistics?dusun=Antah"), None)
        .await;
    let detail = assert_problem(res, StatusCode::BAD_REQUEST)
        .await
        .to_string();
    assert!(
        detail.contains("Krajan") && detail.contains("Pasir"),
        "{detail}"
    );
    let res = app
        .get(&format!("/api/v1/desa/{A}/statistics/hobi"), None)
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = app
        .get(
            &format!("/api/v1/desa/{A}/statistics/agama?format=xml"),
            None,
        )
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;

    // Desa B counts none of A's residents, and knows none of A's dusun.
    let theirs = app
        .get_ok(&format!("/api/v1/desa/{B}/statistics"), Some(&b))
        .await;
    assert_eq!(theirs["total"], 0);
    let res = app
        .get(&format!("/api/v1/desa/{B}/statistics?dusun=Pasir"), None)
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
}

async fn import_rows_with(app: &TestApp, token: &str, data: &[Vec<String>]) {
    let mut body = format!("{HEADER},status_ktp,sakit_menahun,cara_kb,asuransi\n");
    for r in data {
        body.push_str(&r.join(","));
        body.push('\n');
    }
    let res = app
        .client
        .post(app.url(&format!("/api/v1/desa/{A}/residents/import")))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
}
