//! The desa's development projects: checked input, progress by dated reports, photos under the
//! upload rules (re-encoded without their metadata), budgets summed per year and fund, markup
//! that cannot run, and nothing of one desa changed by another.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, jpeg_with_gps, TestApp};

on_both_backends!(
    projects_are_checked_reported_and_summed,
    report_photos_follow_the_upload_rules_and_lose_their_metadata,
    projects_stay_within_their_desa,
);

const A: &str = "kramatwatu";
const B: &str = "cinangka";

fn api(desa: &str, rest: &str) -> String {
    format!("/api/v1/desa/{desa}/projects{rest}")
}

fn project(name: &str, funding: &str, budget: i64, start: &str) -> Value {
    json!({"name": name, "location": "Dusun Jiwet RT 02/RW 01", "coordinates": [-6.0667, 106.0833],
           "funding": funding, "budget": budget, "implementer": "TPK Desa Kramatwatu",
           "start_on": start, "end_on": "2026-12-20"})
}

async fn created(app: &TestApp, token: &str, desa: &str, body: &Value) -> Value {
    let res = app.post(&api(desa, ""), Some(token), body).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{body}");
    res.json().await.unwrap()
}

async fn projects_are_checked_reported_and_summed(app: TestApp) {
    let op = app.desa_admin("op.a", A).await;
    let mut bad = Vec::new();
    for (field, value) in [
        ("name", json!(" ")),
        ("funding", json!("apbn")),
        ("budget", json!(-1)),
        ("budget", json!("85.000.000")),
        ("coordinates", json!([48.85, 2.35])),
        ("start_on", json!("1-3-2026")),
        ("end_on", json!("2026-01-01")),
    ] {
        let mut body = project("Rabat beton", "dana_desa", 85_000_000, "2026-03-01");
        body[field] = value;
        bad.push((field, body));
    }
    let mut unknown = project("Rabat beton", "dana_desa", 1, "2026-03-01");
    unknown["progress"] = json!(50);
    bad.push(("progress", unknown));
    for (field, body) in bad {
        let res = app.post(&api(A, ""), Some(&op), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    assert_eq!(
        app.get_ok(&api(A, ""), None).await["total"],
        0,
        "nothing stored"
    );

    let road = created(
        &app,
        &op,
        A,
        &project(
            "Rabat beton jalan RT 02",
            "dana_desa",
            85_000_000,
            "2026-03-01",
        ),
    )
    .await;
    assert_eq!(
        (road["status"].as_str(), road["progress"].as_i64()),
        (Some("rencana"), Some(0))
    );
    assert_eq!(road["budget_label"], "Rp 85.000.000");
    created(
        &app,
        &op,
        A,
        &project(
            "Drainase Dusun Jiwet",
            "dana_desa",
            15_000_000,
            "2026-05-01",
        ),
    )
    .await;
    let mut old = project("Pos ronda", "swadaya", 5_000_000, "2025-08-01");
    old["end_on"] = json!("2025-09-01");
    created(&app, &op, A, &old).await;

    let list = app.get_ok(&api(A, ""), None).await;
    assert_eq!(list["total"], 3);
    let sums: Vec<(i64, &str, i64, i64)> = list["sums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["year"].as_i64().unwrap(),
                s["funding"].as_str().unwrap(),
                s["projects"].as_i64().unwrap(),
                s["budget"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sums,
        vec![
            (2026, "dana_desa", 2, 100_000_000),
            (2025, "swadaya", 1, 5_000_000)
        ]
    );
    assert_eq!(app.get_ok(&api(A, "?year=2025"), None).await["total"], 1);

    // Progress comes by dated reports: not ahead of today, not before the start, 0 to 100.
    let id = road["id"].as_str().unwrap();
    let reports = api(A, &format!("/{id}/reports"));
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    for (field, body) in [
        (
            "reported_on",
            json!({"reported_on": tomorrow, "progress": 10}),
        ),
        (
            "reported_on",
            json!({"reported_on": "2026-02-01", "progress": 10}),
        ),
        (
            "progress",
            json!({"reported_on": "2026-04-01", "progress": 101}),
        ),
        (
            "progress",
            json!({"reported_on": "2026-04-01", "progress": -5}),
        ),
    ] {
        let res = app.post(&reports, Some(&op), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    let res = app
        .post(
            &reports,
            Some(&op),
            &json!({"reported_on": "2026-04-01", "progress": 60, "note": "Pengecoran 120 m"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let now: Value = res.json().await.unwrap();
    assert_eq!(
        (now["status"].as_str(), now["progress"].as_i64()),
        (Some("berjalan"), Some(60))
    );
    assert_eq!(now["reports"].as_array().unwrap().len(), 1);
    let res = app
        .post(
            &reports,
            Some(&op),
            &json!({"reported_on": "2026-05-01", "progress": 100}),
        )
        .await;
    let done: Value = res.json().await.unwrap();
    assert_eq!(done["status"], "selesai");
    assert_eq!(done["reports"][0]["progress"], 100, "latest first");

    // A change keeps the dates in order; nothing changes on a refusal.
    let one = api(A, &format!("/{id}"));
    let res = app
        .patch(&one, Some(&op), &json!({"end_on": "2026-02-01"}))
        .await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert!(problem.to_string().contains("end_on"));
    let res = app
        .patch(&one, Some(&op), &json!({"budget": 90_000_000}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let after = app.get_ok(&one, None).await;
    assert_eq!(
        (after["budget"].as_i64(), after["end_on"].as_str()),
        (Some(90_000_000), Some("2026-12-20"))
    );

    let page = app.get(&format!("/desa/{A}/pembangunan"), None).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Rp 105.000.000") && html.contains("Rabat beton jalan RT 02"),
        "the sums shown"
    );
    let empty = app
        .get(&format!("/desa/{B}/pembangunan"), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(empty.contains("id=\"empty\""));

    assert_eq!(
        app.delete(&one, Some(&op)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get(&one, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get_ok(&api(A, ""), None).await["total"], 2);
}

async fn report_photos_follow_the_upload_rules_and_lose_their_metadata(app: TestApp) {
    let op = app.desa_admin("op.a", A).await;
    let p = created(
        &app,
        &op,
        A,
        &project(
            "Jembatan bambu",
            "bantuan_kabupaten",
            40_000_000,
            "2026-03-01",
        ),
    )
    .await;
    let id = p["id"].as_str().unwrap();
    let res = app
        .post(
            &api(A, &format!("/{id}/reports")),
            Some(&op),
            &json!({"reported_on": "2026-03-10", "progress": 30}),
        )
        .await;
    let with_report: Value = res.json().await.unwrap();
    let report = with_report["reports"][0]["id"].as_str().unwrap();
    let path = api(A, &format!("/{id}/reports/{report}/photo"));
    app.assert_bad_photos_refused(&path, &op).await;
    let shown = app.get_ok(&api(A, &format!("/{id}")), None).await;
    assert!(shown["reports"][0]["photo"].is_null());

    let res = app.put_photo(&path, &op, jpeg_with_gps()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let photo: Value = res.json().await.unwrap();
    assert_eq!(app.stored_photos(), 2, "two widths");
    for url in [&photo["url"], &photo["thumb_url"]] {
        app.assert_clean_photo(url).await;
    }
    let html = app
        .get(&format!("/desa/{A}/pembangunan/{id}"), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("srcset=") && html.contains("400w") && html.contains("640w"));
    // The photo route serves report photos only, of the desa in the path.
    let other = format!("/desa/{B}/pembangunan/foto/kecil/{report}.jpg");
    assert_eq!(app.get(&other, None).await.status(), StatusCode::NOT_FOUND);
    let unknown = format!(
        "/desa/{A}/pembangunan/foto/kecil/{}.jpg",
        uuid::Uuid::now_v7()
    );
    assert_eq!(
        app.get(&unknown, None).await.status(),
        StatusCode::NOT_FOUND
    );
    // Deleting the project takes its photos.
    assert_eq!(
        app.delete(&api(A, &format!("/{id}")), Some(&op))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.stored_photos(), 0);
}

async fn projects_stay_within_their_desa(app: TestApp) {
    let a = app.desa_admin("op.a", A).await;
    let b = app.desa_admin("op.b", B).await;
    let p = created(
        &app,
        &a,
        A,
        &project(
            "<script>alert(1)</script> Sumur bor",
            "add",
            30_000_000,
            "2026-03-01",
        ),
    )
    .await;
    let id = p["id"].as_str().unwrap();
    let res = app
        .post(
            &api(A, &format!("/{id}/reports")),
            Some(&a),
            &json!({"reported_on": "2026-03-10", "progress": 30}),
        )
        .await;
    let with_report: Value = res.json().await.unwrap();
    let report = with_report["reports"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let report_body = json!({"reported_on": "2026-03-11", "progress": 90});
    for (method, path, expected) in [
        (reqwest::Method::POST, api(A, ""), StatusCode::FORBIDDEN),
        (
            reqwest::Method::PATCH,
            api(A, &format!("/{id}")),
            StatusCode::FORBIDDEN,
        ),
        (
            reqwest::Method::DELETE,
            api(A, &format!("/{id}")),
            StatusCode::FORBIDDEN,
        ),
        (
            reqwest::Method::POST,
            api(A, &format!("/{id}/reports")),
            StatusCode::FORBIDDEN,
        ),
        (
            reqwest::Method::PATCH,
            api(B, &format!("/{id}")),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::DELETE,
            api(B, &format!("/{id}")),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::POST,
            api(B, &format!("/{id}/reports")),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::GET,
            api(B, &format!("/{id}")),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let body = match method {
            reqwest::Method::POST if path.ends_with("reports") => report_body.clone(),
            reqwest::Method::POST => project("Titipan", "add", 1, "2026-03-01"),
            _ => json!({"budget": 1}),
        };
        let res = app.send_json(method.clone(), &path, Some(&b), &body).await;
        assert_eq!(res.status(), expected, "{method} {path}");
    }
    let png = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::new_rgb8(64, 64)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    };
    let res = app
        .put_photo(
            &api(A, &format!("/{id}/reports/{report}/photo")),
            &b,
            png.clone(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .put_photo(&api(B, &format!("/{id}/reports/{report}/photo")), &b, png)
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let after = app.get_ok(&api(A, &format!("/{id}")), None).await;
    assert_eq!(
        (after["budget"].as_i64(), after["progress"].as_i64()),
        (Some(30_000_000), Some(30)),
        "unchanged"
    );
    assert!(after["reports"][0]["photo"].is_null());
    assert_eq!(app.get_ok(&api(B, ""), None).await["total"], 0);
    assert_eq!(
        app.get(&format!("/desa/{B}/pembangunan/{id}"), None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // A name with markup is shown as text.
    for path in [
        format!("/desa/{A}/pembangunan"),
        format!("/desa/{A}/pembangunan/{id}"),
    ] {
        let html = app.get(&path, None).await.text().await.unwrap();
        assert!(!html.contains("<script>alert(1)"), "{path}");
        assert!(
            html.contains("&lt;script&gt;") || html.contains("&#60;script&#62;"),
            "{path}"
        );
    }
}
