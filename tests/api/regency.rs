//! The regency's dashboard: every figure of a desa row equals a recount from the test's own
//! data (residents and families, letters waiting and signed, articles shown, projects and their
//! budget, flags), and no account but Diskominfo's reads it.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::letters::{signed_walk_in, villager, world};
use crate::on_both_backends;
use crate::support::{assert_problem, TestApp};

on_both_backends!(
    the_dashboard_equals_a_recount_of_what_the_desa_did,
    only_diskominfo_reads_the_dashboard,
);

const A: &str = "kramatwatu";
const B: &str = "pejaten";

fn row<'a>(summary: &'a Value, slug: &str) -> &'a Value {
    summary["desa"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == slug)
        .unwrap()
}

async fn the_dashboard_equals_a_recount_of_what_the_desa_did(app: TestApp) {
    let w = world(&app).await;
    // Desa A: four residents, one family card; a letter signed and one waiting; articles shown,
    // a draft and one scheduled for tomorrow.
    signed_walk_in(&app, &w, "Melamar kerja").await;
    let res = app
        .post(
            &format!("/api/v1/desa/{A}/letter-requests"),
            Some(&w.operator),
            &json!({"type": "domisili", "purpose": "Membuka rekening", "subject_id": w.people[0]["id"]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    for (title, status, at) in [
        ("Panen padi", "terbit", None),
        ("Kerja bakti", "terbit", None),
        ("Draf", "draf", None),
        ("Besok", "terbit", Some(tomorrow)),
    ] {
        let mut body =
            json!({"title": title, "category": "berita", "status": status, "body": "Isi."});
        if let Some(at) = at {
            body["publish_at"] = json!(at);
        }
        let res = app
            .post(&format!("/api/v1/desa/{A}/articles"), Some(&w.admin), &body)
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    // Desa B: three families of four moved in from a file, two projects.
    crate::import_export::import_rows(&app, &w.other_admin, B, &crate::import_export::rows(3))
        .await;
    for (name, budget) in [("Jalan", 10_000_000), ("Sumur", 25_000_000)] {
        let body = json!({"name": name, "location": "RT 01", "funding": "dana_desa", "budget": budget,
            "implementer": "TPK", "start_on": "2026-01-05", "end_on": "2026-12-20"});
        let res = app
            .post(
                &format!("/api/v1/desa/{B}/projects"),
                Some(&w.other_admin),
                &body,
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }

    let regency = app.admin_token().await;
    let summary = app
        .get_ok("/api/v1/kabupaten/summary", Some(&regency))
        .await;
    let a = row(&summary, A);
    assert_eq!(a["population"], json!({"residents": 4, "families": 1}));
    assert_eq!(a["letters"]["waiting"], 1);
    assert_eq!(a["letters"]["signed_this_month"], 1);
    assert!(a["letters"]["oldest_waiting_since"].is_string());
    assert_eq!(
        a["site"],
        json!({"articles": 2, "projects": 0, "budget": 0})
    );
    assert_eq!(a["flags"], json!([]), "active today, nothing late");
    let b = row(&summary, B);
    assert_eq!(b["population"], json!({"residents": 12, "families": 3}));
    assert_eq!(b["letters"]["waiting"], 0);
    assert!(b["letters"]["oldest_waiting_since"].is_null());
    assert_eq!(
        b["site"],
        json!({"articles": 0, "projects": 2, "budget": 35_000_000})
    );
    let idle = row(&summary, "cinangka");
    assert_eq!(idle["flags"], json!(["tanpa_aktivitas"]));
    for (total, expected) in [
        ("residents", 16),
        ("families", 4),
        ("letters_waiting", 1),
        ("letters_signed_this_month", 1),
        ("articles", 2),
        ("projects", 2),
        ("project_budget", 35_000_000),
    ] {
        assert_eq!(summary[total], expected, "{total}");
    }
    // A desa's own counts agree: its lists, read by its staff.
    let listed = app
        .get_ok(&format!("/api/v1/desa/{B}/residents"), Some(&w.other_admin))
        .await;
    assert_eq!(listed["total"], b["population"]["residents"]);

    // The page: filtered by kecamatan, by flag, sorted by the waiting requests.
    let html = page(&app, &regency, "?sort=menunggu").await;
    let first = html.find("id=\"row-").unwrap();
    assert!(
        html[first..].starts_with("id=\"row-kramatwatu\""),
        "most waiting first"
    );
    assert!(html.contains("326 desa ditampilkan."));
    let html = page(&app, &regency, "?flag=tanpa_aktivitas").await;
    assert!(!html.contains("id=\"row-kramatwatu\"") && html.contains("id=\"row-cinangka\""));
    assert!(
        html.contains("324 desa ditampilkan."),
        "all but the two active"
    );
    let html = page(&app, &regency, "?kecamatan=36.04.05").await;
    assert!(html.contains("id=\"row-kramatwatu\"") && !html.contains("id=\"row-cinangka\""));
}

async fn page(app: &TestApp, token: &str, query: &str) -> String {
    let res = app.get(&format!("/kabupaten{query}"), Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    res.text().await.unwrap()
}

async fn only_diskominfo_reads_the_dashboard(app: TestApp) {
    let w = world(&app).await;
    app.create_desa_user("op.b", "desa_operator", "cinangka")
        .await;
    let operator = app.token("op.b", crate::support::PASSWORD).await;
    let warga = villager(&app, &w.admin, &w.people[0]).await;
    for token in [&w.admin, &w.operator, &w.other_admin, &operator, &warga] {
        let res = app.get("/api/v1/kabupaten/summary", Some(token)).await;
        assert_problem(res, StatusCode::FORBIDDEN).await;
        let res = app.get("/kabupaten", Some(token)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    let res = app.get("/api/v1/kabupaten/summary", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
