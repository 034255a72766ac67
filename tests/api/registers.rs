//! The registers of letters received and sent: checked input, agenda and letter numbers from
//! the desa's sequences, scans under the upload rules, and nothing of one desa seen by another.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::letters::{moved, path, put_settings, world, A, B, PNG};
use crate::on_both_backends;
use crate::support::{assert_problem, TestApp};

on_both_backends!(
    received_letters_are_checked_numbered_and_disposed,
    sent_letters_share_the_sequence_of_signed_letters,
    registers_stay_within_their_desa,
);

async fn scan(
    app: &TestApp,
    token: &str,
    desa: &str,
    register: &str,
    id: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&path(desa, &format!("{register}/{id}/scan"))))
        .bearer_auth(token)
        .header("content-type", "application/pdf")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

fn letter(sender: &str) -> Value {
    json!({"sender": sender, "number": "005/123/Kec.Krwt/2026", "dated": "2026-11-30", "received_on": "2026-12-01", "subject": "Undangan rapat koordinasi"})
}

async fn dispose(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    let p = path(A, &format!("incoming-letters/{id}/disposition"));
    app.send_json(reqwest::Method::PUT, &p, Some(token), &body)
        .await
}

async fn sent(app: &TestApp, token: &str, classification: &str) -> reqwest::Response {
    let body = json!({"classification": classification, "recipient": "Camat Kramatwatu", "subject": "Laporan bulanan"});
    app.post(&path(A, "outgoing-letters"), Some(token), &body)
        .await
}

async fn received_letters_are_checked_numbered_and_disposed(app: TestApp) {
    let w = world(&app).await;
    let mut bad = Vec::new();
    for (field, value) in [
        ("sender", json!("  ")),
        ("number", json!("")),
        ("dated", json!("2026-12-02")),
        ("dated", json!("30-11-2026")),
        ("received_on", json!("2999-01-01")),
        ("subject", json!("x".repeat(301))),
    ] {
        let mut body = letter("Camat Kramatwatu");
        body[field] = value;
        bad.push((field, body));
    }
    let mut unknown = letter("Camat");
    unknown["agenda_no"] = json!(7);
    bad.push(("agenda_no", unknown));
    for (field, body) in bad {
        let res = app
            .post(&path(A, "incoming-letters"), Some(&w.operator), &body)
            .await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    let list = app
        .get_ok(&path(A, "incoming-letters"), Some(&w.operator))
        .await;
    assert_eq!(list["total"], 0, "nothing stored from bad input");

    let mut ids = Vec::new();
    for sender in ["Camat Kramatwatu", "Dinas Pertanian"] {
        let res = app
            .post(
                &path(A, "incoming-letters"),
                Some(&w.operator),
                &letter(sender),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let e: Value = res.json().await.unwrap();
        ids.push(e["id"].as_str().unwrap().to_string());
        assert_eq!(e["sequence_no"], ids.len());
        assert_eq!(e["counterpart"], sender);
    }
    let list = app
        .get_ok(&path(A, "incoming-letters"), Some(&w.operator))
        .await;
    assert_eq!(list["total"], 2);
    assert_eq!(
        list["items"][0]["counterpart"], "Dinas Pertanian",
        "newest first"
    );

    // The disposition: required, then recorded.
    assert_problem(
        dispose(&app, &w.admin, &ids[0], json!({"disposition": " "})).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let res = dispose(
        &app,
        &w.admin,
        &ids[0],
        json!({"disposition": "Kasi Pemerintahan: hadiri"}),
    )
    .await;
    assert_eq!(
        res.json::<Value>().await.unwrap()["disposition"],
        "Kasi Pemerintahan: hadiri"
    );

    // The scan follows the upload rules: judged by content, size-limited, kept once.
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec();
    assert_problem(
        scan(&app, &w.operator, A, "incoming-letters", &ids[0], html).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    let mut big = PNG.to_vec();
    big.resize(2 * 1024 * 1024 + 1, 0);
    assert_problem(
        scan(&app, &w.operator, A, "incoming-letters", &ids[0], big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    let missing = app
        .get(
            &path(A, &format!("incoming-letters/{}/scan", ids[0])),
            Some(&w.operator),
        )
        .await;
    assert_problem(missing, StatusCode::NOT_FOUND).await;
    let res = scan(
        &app,
        &w.operator,
        A,
        "incoming-letters",
        &ids[0],
        PNG.to_vec(),
    )
    .await;
    assert_eq!(res.json::<Value>().await.unwrap()["scan_type"], "image/png");
    let again = scan(
        &app,
        &w.operator,
        A,
        "incoming-letters",
        &ids[0],
        PNG.to_vec(),
    )
    .await;
    assert_problem(again, StatusCode::CONFLICT).await;
    let back = app
        .get(
            &path(A, &format!("incoming-letters/{}/scan", ids[0])),
            Some(&w.admin),
        )
        .await;
    assert_eq!(back.headers()["x-content-type-options"], "nosniff");
    assert_eq!(back.bytes().await.unwrap().as_ref(), PNG);
    // A received letter is not in the register of sent ones.
    let res = app
        .get(
            &path(A, &format!("outgoing-letters/{}", ids[0])),
            Some(&w.admin),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
}

async fn sent_letters_share_the_sequence_of_signed_letters(app: TestApp) {
    let w = world(&app).await;
    for bad in ["abc", "", "1..2", "005/1"] {
        let problem =
            assert_problem(sent(&app, &w.operator, bad).await, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["errors"][0]["field"], "classification", "{bad}");
    }
    // One sequence per type: sent letters have their own.
    let first: Value = sent(&app, &w.operator, "005").await.json().await.unwrap();
    assert!(
        first["number"]
            .as_str()
            .unwrap()
            .starts_with("005/001/36.04.05.2001/"),
        "{first}"
    );
    // One sequence for all: a sent letter and a signed one never share a number.
    let res = put_settings(&app, &w.admin, &json!({"single_sequence": true})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let second: Value = sent(&app, &w.operator, "140.1").await.json().await.unwrap();
    assert_eq!(second["sequence_no"], 1);
    assert!(second["number"].as_str().unwrap().starts_with("140.1/001/"));
    let res = app
        .post(
            &path(A, "letter-requests"),
            Some(&w.operator),
            &json!({"type": "domisili", "purpose": "Bank", "subject_id": w.people[3]["id"]}),
        )
        .await;
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let signed = moved(&app, &w.admin, &id, "siap_diambil").await;
    assert_eq!(signed["sequence_no"], 2, "{signed}");
    let third: Value = sent(&app, &w.operator, "005").await.json().await.unwrap();
    assert_eq!(third["sequence_no"], 3);
    let list = app
        .get_ok(&path(A, "outgoing-letters"), Some(&w.operator))
        .await;
    assert_eq!(list["total"], 3);
}

async fn registers_stay_within_their_desa(app: TestApp) {
    let w = world(&app).await;
    let res = app
        .post(
            &path(A, "incoming-letters"),
            Some(&w.operator),
            &letter("Camat"),
        )
        .await;
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .post(
            &path(A, "outgoing-letters"),
            Some(&w.operator),
            &json!({"classification": "005", "recipient": "Camat", "subject": "Laporan"}),
        )
        .await;
    let out = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Desa B's admin on A's paths: forbidden; on B's paths with A's ids: not found.
    for p in [
        "incoming-letters".to_string(),
        format!("incoming-letters/{id}"),
        format!("outgoing-letters/{out}"),
        format!("incoming-letters/{id}/scan"),
    ] {
        assert_problem(
            app.get(&path(A, &p), Some(&w.other_admin)).await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    for p in [
        format!("incoming-letters/{id}"),
        format!("outgoing-letters/{out}"),
    ] {
        assert_problem(
            app.get(&path(B, &p), Some(&w.other_admin)).await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    assert_problem(
        app.post(
            &path(A, "incoming-letters"),
            Some(&w.other_admin),
            &letter("Camat"),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let res = app
        .send_json(
            reqwest::Method::PUT,
            &path(B, &format!("incoming-letters/{id}/disposition")),
            Some(&w.other_admin),
            &json!({"disposition": "Arsip"}),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    assert_problem(
        scan(
            &app,
            &w.other_admin,
            B,
            "incoming-letters",
            &id,
            PNG.to_vec(),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_problem(
        scan(
            &app,
            &w.other_admin,
            B,
            "outgoing-letters",
            &out,
            PNG.to_vec(),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let mine = app
        .get_ok(&path(B, "incoming-letters"), Some(&w.other_admin))
        .await;
    assert_eq!(mine["total"], 0);
    let theirs = app
        .get_ok(
            &path(A, &format!("incoming-letters/{id}")),
            Some(&w.operator),
        )
        .await;
    assert!(
        theirs["disposition"].is_null() && theirs["scan_type"].is_null(),
        "{theirs}"
    );
    // A villager is not staff.
    let warga = crate::letters::villager(&app, &w.admin, &w.people[0]).await;
    assert_problem(
        app.get(&path(A, "incoming-letters"), Some(&warga)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}
