//! The approval chain: staff positions, the sekretaris desa's paraf as the desa's choice, and
//! the signature block of a letter signed by the head or on their behalf.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::letters::{
    domicile_request, moved, path, put_settings, status_of, transition, upload, villager, world,
    World, A, B, PNG,
};
use crate::on_both_backends;
use crate::support::{assert_problem, TestApp, PASSWORD};

on_both_backends!(
    positions_are_checked_and_stay_within_the_desa,
    the_three_steps_refuse_each_step_out_of_order_or_by_the_wrong_position,
    signing_on_behalf_writes_a_n_and_u_b,
);

async fn put_position(
    app: &TestApp,
    token: &str,
    desa: &str,
    user: &str,
    body: &Value,
) -> reqwest::Response {
    app.send_json(
        reqwest::Method::PUT,
        &path(desa, &format!("users/{user}/position")),
        Some(token),
        body,
    )
    .await
}

/// The desa's staff by user name: (position, full name, title).
async fn staff(app: &TestApp, admin: &str) -> Vec<(String, Value, Value, Value)> {
    let list = app.get_ok(&path(A, "users"), Some(admin)).await;
    let mut rows: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["username"].as_str().unwrap().to_string(),
                u["position"].clone(),
                u["full_name"].clone(),
                u["title"].clone(),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

/// Desa A's chain: the admin is the kepala desa by name, a sekretaris desa and a kasi (both
/// with operator accounts); returns their tokens.
pub(crate) struct Chain {
    pub w: World,
    pub head: String,
    pub sekdes: String,
    pub kasi: String,
}

pub(crate) async fn chain(app: &TestApp, paraf: bool) -> Chain {
    let w = world(app).await;
    let me = app.get_ok("/api/v1/auth/me", Some(&w.admin)).await;
    let res = put_position(
        app,
        &w.admin,
        A,
        me["id"].as_str().unwrap(),
        &json!({"position": "kepala_desa", "full_name": "H. Sukarta"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    for (name, body) in [
        (
            "sekdes.a",
            json!({"position": "sekretaris_desa", "full_name": "Siti Rahmah, S.Sos"}),
        ),
        (
            "kasi.a",
            json!({"position": "kaur_kasi", "full_name": "Dedi Mulyadi", "title": "Kasi Pemerintahan"}),
        ),
    ] {
        let res = app
            .post(
                &path(A, "users"),
                Some(&w.admin),
                &json!({"username": name, "password": PASSWORD}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let id = res.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let res = put_position(app, &w.admin, A, &id, &body).await;
        assert_eq!(res.status(), StatusCode::OK, "{name}");
    }
    let res = put_settings(app, &w.admin, &json!({"paraf": paraf})).await;
    assert_eq!(res.status(), StatusCode::OK);
    Chain {
        head: w.admin.clone(),
        sekdes: app.token("sekdes.a", PASSWORD).await,
        kasi: app.token("kasi.a", PASSWORD).await,
        w,
    }
}

/// A villager's domicile request with its documents, sent to be checked; its id.
pub(crate) async fn submitted(app: &TestApp, w: &World) -> String {
    let warga = villager(app, &w.admin, &w.people[0]).await;
    let id = domicile_request(app, &warga).await;
    for kind in ["KTP", "Kartu%20Keluarga"] {
        assert_eq!(
            upload(app, &warga, &id, kind, PNG.to_vec()).await.status(),
            StatusCode::CREATED
        );
    }
    moved(app, &warga, &id, "sedang_diperiksa").await;
    id
}

async fn positions_are_checked_and_stay_within_the_desa(app: TestApp) {
    let w = world(&app).await;
    let operator = app.get_ok("/api/v1/auth/me", Some(&w.operator)).await;
    let op_id = operator["id"].as_str().unwrap();
    let before = staff(&app, &w.admin).await;
    // Accounts keep what they could do: the admin signs as kepala desa, the operator checks.
    assert_eq!(
        before.iter().map(|s| s.1.clone()).collect::<Vec<_>>(),
        vec![json!("kepala_desa"), json!("operator")]
    );
    for (body, field) in [
        (
            json!({"position": "kaur_kasi", "full_name": "Dedi"}),
            "title",
        ),
        (json!({"position": "sekretaris_desa"}), "full_name"),
        (
            json!({"position": "sekretaris_desa", "full_name": "  "}),
            "full_name",
        ),
        (
            json!({"position": "camat", "full_name": "Dedi"}),
            "position",
        ),
        (
            json!({"position": "operator", "full_name": "x".repeat(101)}),
            "full_name",
        ),
    ] {
        let res = put_position(&app, &w.admin, A, op_id, &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{body}: {problem}");
    }
    // Only the desa's admin, and only on its own desa's staff accounts.
    let good = json!({"position": "sekretaris_desa", "full_name": "Siti Rahmah"});
    let res = put_position(&app, &w.operator, A, op_id, &good).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = put_position(&app, &w.other_admin, A, op_id, &good).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = put_position(&app, &w.other_admin, B, op_id, &good).await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    // A villager's account has no position.
    let warga = villager(&app, &w.admin, &w.people[0]).await;
    let warga_id = app.get_ok("/api/v1/auth/me", Some(&warga)).await["id"].clone();
    let res = put_position(&app, &w.admin, A, warga_id.as_str().unwrap(), &good).await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    assert_eq!(staff(&app, &w.admin).await, before, "nothing changed");
    let res = put_position(&app, &w.admin, A, op_id, &good).await;
    assert_eq!(res.status(), StatusCode::OK);
    let after = staff(&app, &w.admin).await;
    assert_eq!(after[1].1, "sekretaris_desa");
    assert_eq!(after[1].2, "Siti Rahmah");
}

/// Tries a move that must be refused with `status`, and checks the request did not move.
async fn refused(app: &TestApp, token: &str, id: &str, to: &str, status: StatusCode, staff: &str) {
    let before = status_of(app, staff, id).await;
    let res = transition(app, token, id, to).await;
    assert_problem(res, status).await;
    assert_eq!(status_of(app, staff, id).await, before, "{to}");
}

async fn the_three_steps_refuse_each_step_out_of_order_or_by_the_wrong_position(app: TestApp) {
    let c = chain(&app, true).await;
    let w = &c.w;
    let id = submitted(&app, w).await;
    // The check goes to the paraf, not past it.
    refused(
        &app,
        &w.operator,
        &id,
        "menunggu_tanda_tangan",
        StatusCode::CONFLICT,
        &w.operator,
    )
    .await;
    refused(
        &app,
        &c.head,
        &id,
        "siap_diambil",
        StatusCode::CONFLICT,
        &w.operator,
    )
    .await;
    moved(&app, &w.operator, &id, "menunggu_paraf").await;
    // Only the sekretaris desa initials; no one signs before.
    for token in [&w.operator, &c.head, &c.kasi] {
        refused(
            &app,
            token,
            &id,
            "menunggu_tanda_tangan",
            StatusCode::FORBIDDEN,
            &w.operator,
        )
        .await;
    }
    refused(
        &app,
        &c.sekdes,
        &id,
        "siap_diambil",
        StatusCode::CONFLICT,
        &w.operator,
    )
    .await;
    refused(
        &app,
        &w.other_admin,
        &id,
        "menunggu_tanda_tangan",
        StatusCode::FORBIDDEN,
        &w.operator,
    )
    .await;
    // The paraf cannot be switched off while a request waits for it.
    let res = put_settings(&app, &c.head, &json!({"paraf": false})).await;
    assert!(assert_problem(res, StatusCode::CONFLICT).await["detail"]
        .as_str()
        .unwrap()
        .contains("menunggu paraf"));
    moved(&app, &c.sekdes, &id, "menunggu_tanda_tangan").await;
    // An operator does not sign.
    refused(
        &app,
        &w.operator,
        &id,
        "siap_diambil",
        StatusCode::FORBIDDEN,
        &w.operator,
    )
    .await;
    let signed = moved(&app, &c.head, &id, "siap_diambil").await;
    assert_eq!(signed["signer_name"], "H. Sukarta");
    assert_eq!(signed["signer_title"], "Kepala Desa Kramatwatu");
    // Each step with who and when, by name and position.
    let steps: Vec<(String, String)> = signed["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["to_status"].as_str().unwrap().to_string(),
                t["actor_position"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        steps[2..],
        [
            ("menunggu_paraf".to_string(), "Operator".to_string()),
            (
                "menunggu_tanda_tangan".to_string(),
                "Sekretaris Desa".to_string()
            ),
            ("siap_diambil".to_string(), "Kepala Desa".to_string()),
        ],
        "{signed}"
    );
    assert!(signed["history"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["at"].is_string()));
    assert_eq!(signed["history"][3]["actor_name"], "Siti Rahmah, S.Sos");
    // A request staff enter at the desk waits for the paraf too.
    let res = app
        .post(
            &path(A, "letter-requests"),
            Some(&w.operator),
            &json!({"type": "domisili", "purpose": "Bank", "subject_id": w.people[3]["id"]}),
        )
        .await;
    assert_eq!(
        res.json::<Value>().await.unwrap()["status"],
        "menunggu_paraf"
    );
}

async fn signing_on_behalf_writes_a_n_and_u_b(app: TestApp) {
    let c = chain(&app, false).await;
    let w = &c.w;
    // Without the paraf, the check goes straight to signature and the paraf status is refused.
    let first = submitted(&app, w).await;
    refused(
        &app,
        &w.operator,
        &first,
        "menunggu_paraf",
        StatusCode::CONFLICT,
        &w.operator,
    )
    .await;
    moved(&app, &w.operator, &first, "menunggu_tanda_tangan").await;
    let by_sekdes = moved(&app, &c.sekdes, &first, "siap_diambil").await;
    assert_eq!(
        by_sekdes["signer_title"],
        "a.n. Kepala Desa Kramatwatu\nSekretaris Desa"
    );
    assert_eq!(by_sekdes["signer_name"], "Siti Rahmah, S.Sos");
    let second = submitted(&app, w).await;
    moved(&app, &w.operator, &second, "menunggu_tanda_tangan").await;
    let by_kasi = moved(&app, &c.kasi, &second, "siap_diambil").await;
    assert_eq!(
        by_kasi["signer_title"],
        "a.n. Kepala Desa Kramatwatu\nSekretaris Desa\nu.b.\nKasi Pemerintahan"
    );
    // The PDF carries the block.
    let pdf = app
        .get(
            &path(A, &format!("letters/{second}/pdf")),
            Some(&w.operator),
        )
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
}
