//! Merging family cards (gabung KK): every living member of one card joins another in one act,
//! each with their new relationship; the emptied card is closed; both cards' logs record it.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp};

const A: &str = "kramatwatu";
const B: &str = "pejaten";

on_both_backends!(a_card_joins_another_in_one_act);

async fn family_of(app: &TestApp, token: &str, no_kk: &str) -> Value {
    let found = app
        .get_ok(&format!("/api/v1/desa/{A}/families?q={no_kk}"), Some(token))
        .await;
    let id = found["items"][0]["id"].as_str().unwrap().to_string();
    app.get_ok(&format!("/api/v1/desa/{A}/families/{id}"), Some(token))
        .await
}

fn ids(family: &Value) -> Vec<String> {
    family["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

async fn a_card_joins_another_in_one_act(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    crate::import_export::import_rows(&app, &a, A, &crate::import_export::rows(2)).await;
    let (kk_to, kk_from) = ("3604050101200001", "3604050101200002");
    let to = family_of(&app, &a, kk_to).await;
    let from = family_of(&app, &a, kk_from).await;
    let (to_id, from_id) = (
        to["id"].as_str().unwrap().to_string(),
        from["id"].as_str().unwrap().to_string(),
    );
    let joining: Vec<Value> = ids(&from)
        .iter()
        .map(|id| json!({"resident_id": id, "shdk": 9}))
        .collect();
    let merge = |token: &str, desa: &str, target: &str, body: Value| {
        let url = app.url(&format!("/api/v1/desa/{desa}/families/{target}/merge"));
        let req = app.client.post(url).bearer_auth(token).json(&body);
        async move { req.send().await.unwrap() }
    };

    // Each bad request is refused with its reason, and nothing moves.
    let mut missing = joining.clone();
    missing.pop();
    let stranger = ids(&to)[1].clone();
    let mut foreign = joining.clone();
    foreign.push(json!({"resident_id": stranger, "shdk": 9}));
    let mut twice = joining.clone();
    twice.push(joining[0].clone());
    let mut second_head = joining.clone();
    second_head[0]["shdk"] = json!(1);
    let mut bad_code = joining.clone();
    bad_code[0]["shdk"] = json!(99);
    for (body, says) in [
        (json!({"from_id": to_id, "members": []}), "dirinya sendiri"),
        (
            json!({"from_id": from_id, "members": missing}),
            "belum diberi hubungan",
        ),
        (
            json!({"from_id": from_id, "members": foreign}),
            "bukan anggota hidup",
        ),
        (json!({"from_id": from_id, "members": twice}), "dua kali"),
        (
            json!({"from_id": from_id, "members": second_head}),
            "sudah punya kepala keluarga",
        ),
        (json!({"from_id": from_id, "members": bad_code}), "99"),
        (
            json!({"from_id": "tidak-ada", "members": joining}),
            "tidak ada di desa ini",
        ),
    ] {
        let problem =
            assert_problem(merge(&a, A, &to_id, body).await, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(says), "{says}: {problem}");
    }
    // Desa B's admin: not through desa A's path, not through its own with A's ids.
    let body = json!({"from_id": from_id, "members": joining});
    assert_problem(
        merge(&b, A, &to_id, body.clone()).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_problem(
        merge(&b, B, &to_id, body.clone()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(ids(&family_of(&app, &a, kk_to).await).len(), 4);
    assert_eq!(ids(&family_of(&app, &a, kk_from).await).len(), 4);

    let res = merge(&a, A, &to_id, body).await;
    assert_eq!(res.status(), StatusCode::OK);
    let joined: Value = res.json().await.unwrap();
    assert_eq!(joined["members"].as_array().unwrap().len(), 8);
    assert!(joined["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| ids(&from).contains(&m["id"].as_str().unwrap().to_string()))
        .all(|m| m["shdk"] == 9));
    assert_eq!(joined["head_id"], to["head_id"]);
    // The emptied card is closed: out of the list, and no longer a target.
    let list = app
        .get_ok(&format!("/api/v1/desa/{A}/families"), Some(&a))
        .await;
    assert_eq!(list["total"], 1);
    let again = json!({"from_id": to_id, "members": []});
    assert_problem(merge(&a, A, &from_id, again).await, StatusCode::NOT_FOUND).await;
    // Both cards' logs record it.
    let log = app
        .get_ok(&format!("/api/v1/desa/{A}/audit"), Some(&a))
        .await;
    let targets: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "family.merge")
        .map(|e| e["target"].as_str().unwrap())
        .collect();
    assert!(
        targets.contains(&to_id.as_str()) && targets.contains(&from_id.as_str()),
        "{log}"
    );
}
