//! Moves between two desa of the regency: the destination accepts or refuses; until then the
//! person stays where they are, and no third desa can see or answer.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, nik, resident, TestApp};

const A: &str = "kramatwatu";
const B: &str = "pejaten";
const C: &str = "margasana";

on_both_backends!(
    a_move_waits_for_the_destination_and_only_the_two_desa_answer,
    a_refusal_needs_its_reason_and_leaves_the_person_in_place,
    two_answers_at_once_settle_one_way,
);

fn path(desa: &str, rest: &str) -> String {
    format!("/api/v1/desa/{desa}/{rest}")
}

async fn ask(app: &TestApp, token: &str, person: &Value, to: &str) -> Value {
    let res = app
        .post(&path(A, "events"), Some(token), &json!({"kind": "move_out", "resident_id": person["id"], "date": "2026-04-01", "destination": "Kp. Pejaten RT 001/RW 002", "reason": "Ikut suami", "to_desa": to}))
        .await;
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    body
}

async fn answer(
    app: &TestApp,
    desa: &str,
    token: &str,
    id: &str,
    body: Value,
) -> reqwest::Response {
    app.post(
        &path(desa, &format!("transfers/{id}/transition")),
        Some(token),
        &body,
    )
    .await
}

async fn person_in(app: &TestApp, desa: &str, token: &str, id: &str) -> Value {
    app.get_ok(&path(desa, &format!("residents/{id}")), Some(token))
        .await
}

async fn a_move_waits_for_the_destination_and_only_the_two_desa_answer(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let c = app.desa_admin("admin.c", C).await;
    let n = nik("1995-02-03", true, 7);
    let person = app
        .add_resident(A, &a, &resident(&n, "Rina Marlina", true, "1995-02-03"))
        .await;
    let pid = person["id"].as_str().unwrap();
    let asked = ask(&app, &a, &person, B).await;
    let id = asked["id"].as_str().unwrap();
    assert_eq!(asked["status"], "menunggu");
    assert_eq!(asked["direction"], "keluar");
    assert_eq!(asked["other_desa"]["slug"], B);

    // Until B answers, she is A's living resident, and nothing is in either Buku Mutasi.
    assert_eq!(person_in(&app, A, &a, pid).await["status"], 1);
    for (desa, token) in [(A, &a), (B, &b)] {
        assert_eq!(
            app.get_ok(&path(desa, "events"), Some(token)).await["total"],
            0
        );
    }
    // B sees the request as incoming; A as outgoing; C sees nothing.
    let incoming = app
        .get_ok(
            &path(B, "transfers?direction=masuk&status=menunggu"),
            Some(&b),
        )
        .await;
    assert_eq!(incoming["total"], 1);
    assert_eq!(incoming["items"][0]["id"], id);
    assert_eq!(incoming["items"][0]["nik"], n);
    assert_eq!(incoming["items"][0]["other_desa"]["slug"], A);
    assert_eq!(
        app.get_ok(&path(A, "transfers?direction=keluar"), Some(&a))
            .await["total"],
        1
    );
    assert_eq!(
        app.get_ok(&path(C, "transfers"), Some(&c)).await["total"],
        0
    );
    // No other event for her while it waits, and no second request.
    let res = app
        .post(&path(A, "events"), Some(&a), &json!({"kind": "death", "resident_id": pid, "date": "2026-04-02", "cause": "Sakit", "place": "Rumah"}))
        .await;
    let detail = assert_problem(res, StatusCode::CONFLICT).await["detail"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(detail.contains("menunggu jawaban"), "{detail}");
    let res = app
        .post(&path(A, "events"), Some(&a), &json!({"kind": "move_out", "resident_id": pid, "date": "2026-04-01", "destination": "x", "reason": "y", "to_desa": C}))
        .await;
    assert_problem(res, StatusCode::CONFLICT).await;

    // Another desa's account and ids: C cannot read or answer it (404, as for any id not
    // its own), nor through A's or B's path (403); A cannot accept its own request; B
    // cannot cancel A's.
    assert_problem(
        app.get(&path(C, &format!("transfers/{id}")), Some(&c))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_problem(
        answer(&app, C, &c, id, json!({"to": "diterima"})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    for desa in [A, B] {
        assert_problem(
            answer(&app, desa, &c, id, json!({"to": "diterima"})).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        assert_problem(
            app.get(&path(desa, &format!("transfers/{id}")), Some(&c))
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let res = answer(&app, A, &a, id, json!({"to": "diterima"})).await;
    assert!(assert_problem(res, StatusCode::FORBIDDEN).await["detail"]
        .as_str()
        .unwrap()
        .contains("desa tujuan"));
    let res = answer(&app, B, &b, id, json!({"to": "dibatalkan"})).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = answer(&app, B, &b, id, json!({"to": "pindah"})).await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(person_in(&app, A, &a, pid).await["status"], 1);
    assert_eq!(
        app.get_ok(&path(B, &format!("transfers/{id}")), Some(&b))
            .await["status"],
        "menunggu"
    );

    // B accepts: she leaves A and arrives in B; both rows say who answered and when.
    let res = answer(&app, B, &b, id, json!({"to": "diterima"})).await;
    let status = res.status();
    let done: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "diterima");
    assert!(done["decided_by"].as_str().unwrap().contains("admin.b"));
    let arrived = done["resident_id"].as_str().unwrap();
    assert_eq!(person_in(&app, A, &a, pid).await["status"], 3);
    let there = person_in(&app, B, &b, arrived).await;
    assert_eq!(
        (there["nik"].as_str(), there["status"].as_i64()),
        (Some(n.as_str()), Some(1))
    );
    let sent = app
        .get_ok(&path(A, &format!("transfers/{id}")), Some(&a))
        .await;
    assert_eq!(sent["status"], "diterima");
    assert!(sent["decided_at"].is_string());
    // Both books now hold the move, each naming the transfer.
    let out = app.get_ok(&path(A, "events?kind=move_out"), Some(&a)).await;
    assert_eq!(out["total"], 1);
    assert!(out["items"][0]["detail"].as_str().unwrap().contains(id));
    let inn = app.get_ok(&path(B, "events?kind=move_in"), Some(&b)).await;
    assert_eq!(inn["total"], 1);
    assert!(inn["items"][0]["detail"].as_str().unwrap().contains(id));
    // Each step is in each desa's audit log.
    let a_log = app
        .get_ok(&path(A, &format!("audit?target={pid}")), Some(&a))
        .await
        .to_string();
    for step in ["transfer.requested", "transfer.diterima", "event.move_out"] {
        assert!(a_log.contains(step), "{step}: {a_log}");
    }
    let b_log = app.get_ok(&path(B, "audit"), Some(&b)).await.to_string();
    for step in ["transfer.received", "transfer.diterima", "event.move_in"] {
        assert!(b_log.contains(step), "{step}: {b_log}");
    }
    // Answered once: a second answer is a conflict.
    let res = answer(&app, B, &b, id, json!({"to": "ditolak", "reason": "x"})).await;
    assert_problem(res, StatusCode::CONFLICT).await;
}

async fn a_refusal_needs_its_reason_and_leaves_the_person_in_place(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let n = nik("1990-06-06", false, 3);
    let person = app
        .add_resident(A, &a, &resident(&n, "Dedi Supriadi", false, "1990-06-06"))
        .await;
    let pid = person["id"].as_str().unwrap();
    let first = ask(&app, &a, &person, B).await;
    let id = first["id"].as_str().unwrap();
    // A refusal without a reason (or a blank one) is refused, and nothing changes.
    for body in [
        json!({"to": "ditolak"}),
        json!({"to": "ditolak", "reason": "   "}),
    ] {
        let res = answer(&app, B, &b, id, body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["errors"][0]["field"], "reason");
    }
    assert_eq!(
        app.get_ok(&path(B, &format!("transfers/{id}")), Some(&b))
            .await["status"],
        "menunggu"
    );
    let res = answer(
        &app,
        B,
        &b,
        id,
        json!({"to": "ditolak", "reason": "Alamat tujuan tidak ada di desa kami"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let seen = app
        .get_ok(&path(A, &format!("transfers/{id}")), Some(&a))
        .await;
    assert_eq!(seen["status"], "ditolak");
    assert_eq!(seen["refusal"], "Alamat tujuan tidak ada di desa kami");
    assert_eq!(person_in(&app, A, &a, pid).await["status"], 1);
    assert_eq!(
        app.get_ok(&path(B, "residents?status=0"), Some(&b)).await["total"],
        0
    );
    // She may be asked for again; A may cancel that one while it waits.
    let second = ask(&app, &a, &person, B).await;
    let id2 = second["id"].as_str().unwrap();
    let res = answer(&app, A, &a, id2, json!({"to": "dibatalkan"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.get_ok(&path(B, &format!("transfers/{id2}")), Some(&b))
            .await["status"],
        "dibatalkan"
    );
    let res = answer(&app, B, &b, id2, json!({"to": "diterima"})).await;
    assert_problem(res, StatusCode::CONFLICT).await;
    assert_eq!(person_in(&app, A, &a, pid).await["status"], 1);
    for (desa, token) in [(A, &a), (B, &b)] {
        assert_eq!(
            app.get_ok(&path(desa, "events"), Some(token)).await["total"],
            0
        );
    }
    let history = app
        .get_ok(&path(A, "transfers?status=ditolak"), Some(&a))
        .await;
    assert_eq!(history["total"], 1);
    let res = app.get(&path(A, "transfers?status=hilang"), Some(&a)).await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
}

async fn two_answers_at_once_settle_one_way(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    for serial in 1..=4 {
        let birth = "1999-09-09";
        let person = app
            .add_resident(
                A,
                &a,
                &resident(&nik(birth, true, serial), "Sari Dewi", true, birth),
            )
            .await;
        let pid = person["id"].as_str().unwrap().to_string();
        let asked = ask(&app, &a, &person, B).await;
        let id = asked["id"].as_str().unwrap();
        let (accepted, cancelled) = futures_util::join!(
            answer(&app, B, &b, id, json!({"to": "diterima"})),
            answer(&app, A, &a, id, json!({"to": "dibatalkan"})),
        );
        let codes = [accepted.status(), cancelled.status()];
        assert!(
            codes.contains(&StatusCode::OK) && codes.contains(&StatusCode::CONFLICT),
            "{codes:?}"
        );
        let state = app
            .get_ok(&path(A, &format!("transfers/{id}")), Some(&a))
            .await;
        let there = app
            .get_ok(&path(B, &format!("transfers/{id}")), Some(&b))
            .await;
        assert_eq!(state["status"], there["status"]);
        let moved = state["status"] == "diterima";
        assert_eq!(codes[0] == StatusCode::OK, moved);
        assert_eq!(
            person_in(&app, A, &a, &pid).await["status"],
            if moved { 3 } else { 1 }
        );
    }
}
