//! The staff's home as a work list: each line counts what the desa's records hold, the
//! person's own step is marked, and another desa's staff see nothing of it.

use reqwest::StatusCode;
use serde_json::json;

use crate::approval::{chain, submitted};
use crate::letters::{moved, path, villager, A, B};
use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(the_home_lists_what_waits_and_whose_step_it_is);

/// The home's line `work-<key>`, as text without tags; `None` when the home has no such line.
async fn line(app: &TestApp, token: &str, desa: &str, key: &str) -> Option<String> {
    let res = app.get(&format!("/desa/{desa}/admin"), Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let start = html.find(&format!("id=\"work-{key}\""))?;
    let end = start + html[start..].find("</li>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for ch in html[start..end].chars().skip_while(|c| *c != '>').skip(1) {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

async fn total(app: &TestApp, token: &str, status: &str) -> i64 {
    app.get_ok(
        &path(A, &format!("letter-requests?status={status}")),
        Some(token),
    )
    .await["total"]
        .as_i64()
        .unwrap()
}

async fn the_home_lists_what_waits_and_whose_step_it_is(app: TestApp) {
    let c = chain(&app, true).await;
    let w = &c.w;
    assert_eq!(line(&app, &c.sekdes, A, "menunggu_paraf").await, None);
    assert_eq!(
        line(&app, &c.sekdes, A, "quality").await.unwrap(),
        "0 Data penduduk perlu diperbaiki belum pernah diperiksa"
    );
    let first = submitted(&app, w).await;
    submitted(&app, w).await;
    moved(&app, &w.operator, &first, "menunggu_paraf").await;

    // The sekretaris's own step is marked; the head sees it unmarked.
    let paraf = line(&app, &c.sekdes, A, "menunggu_paraf").await.unwrap();
    assert!(
        paraf.starts_with("1 Surat menunggu paraf sekretaris desa terlama sejak hari ini"),
        "{paraf}"
    );
    assert!(paraf.contains("langkah Anda"), "{paraf}");
    let seen_by_head = line(&app, &c.head, A, "menunggu_paraf").await.unwrap();
    assert!(!seen_by_head.contains("langkah Anda"), "{seen_by_head}");
    for (key, status) in [
        ("sedang_diperiksa", "sedang_diperiksa"),
        ("menunggu_paraf", "menunggu_paraf"),
    ] {
        let shown = line(&app, &c.head, A, key).await.unwrap();
        let count: i64 = shown.split(' ').next().unwrap().parse().unwrap();
        assert_eq!(count, total(&app, &c.head, status).await, "{key}");
    }
    moved(&app, &c.sekdes, &first, "menunggu_tanda_tangan").await;
    assert_eq!(line(&app, &c.sekdes, A, "menunggu_paraf").await, None);
    let sign = line(&app, &c.head, A, "menunggu_tanda_tangan")
        .await
        .unwrap();
    assert!(
        sign.starts_with("1 Surat menunggu tanda tangan") && sign.contains("langkah Anda"),
        "{sign}"
    );
    let for_operator = line(&app, &w.operator, A, "menunggu_tanda_tangan")
        .await
        .unwrap();
    assert!(!for_operator.contains("langkah Anda"));

    // A villager's report, a death this month, a received letter, the quality check.
    let warga = villager(&app, &w.admin, &w.people[2]).await;
    let res = app
        .post(
            &path(A, "warga/me/flags"),
            Some(&warga),
            &json!({"field": "birth_place", "note": "Salah ketik"}),
        )
        .await;
    assert!(res.status().is_success());
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let res = app
        .post(&path(A, "events"), Some(&w.operator), &json!({"kind": "death", "resident_id": w.people[3]["id"], "date": today, "cause": "Sakit", "place": "Rumah"}))
        .await;
    assert!(res.status().is_success());
    let res = app
        .post(
            &path(A, "incoming-letters"),
            Some(&w.operator),
            &json!({"sender": "Camat", "number": "1/2026", "dated": today, "subject": "Undangan"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let quality = app.get_ok(&path(A, "quality"), Some(&w.operator)).await;
    let findings = quality["findings"].as_array().unwrap().len();
    assert_eq!(
        line(&app, &w.operator, A, "flags").await.unwrap(),
        "1 Laporan data salah dari warga langkah Anda"
    );
    assert_eq!(
        line(&app, &w.operator, A, "events").await.unwrap(),
        "1 Peristiwa kependudukan bulan ini 1 kematian"
    );
    assert!(line(&app, &c.head, A, "undisposed")
        .await
        .unwrap()
        .starts_with("1 Surat masuk belum didisposisi"));
    let q = line(&app, &w.operator, A, "quality").await.unwrap();
    assert!(
        q.starts_with(&format!(
            "{findings} Data penduduk perlu diperbaiki diperiksa "
        )),
        "{q}"
    );

    // Desa B's admin: A's home is forbidden, B's own lists none of A's work.
    let res = app
        .get(&format!("/desa/{A}/admin"), Some(&w.other_admin))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    for key in [
        "sedang_diperiksa",
        "menunggu_tanda_tangan",
        "flags",
        "undisposed",
    ] {
        assert_eq!(line(&app, &w.other_admin, B, key).await, None, "{key}");
    }
    assert_eq!(
        line(&app, &w.other_admin, B, "events").await.unwrap(),
        "0 Peristiwa kependudukan bulan ini"
    );
}
