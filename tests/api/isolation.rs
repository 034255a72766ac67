//! A desa's staff reach their own desa only; every desa endpoint is tried from another desa.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp, PASSWORD};

on_both_backends!(
    desa_staff_cannot_reach_another_desa,
    operators_cannot_create_users,
    inactive_desa_is_not_found
);

async fn desa_staff_cannot_reach_another_desa(app: TestApp) {
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    let b_admin_id = app
        .create_desa_user("admin.b", "desa_admin", "pejaten")
        .await;
    let b_op_id = app
        .create_desa_user("op.b", "desa_operator", "pejaten")
        .await;
    let a = app.token("admin.a", PASSWORD).await;
    let b = app.token("admin.b", PASSWORD).await;

    // B writes its profile, so there is something to protect.
    let res = app
        .patch(
            "/api/v1/desa/pejaten/profile",
            Some(&b),
            &json!({"kepala_desa": "H. Budi"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let before: Value = app
        .get("/api/v1/desa/pejaten", None)
        .await
        .json()
        .await
        .unwrap();
    let b_users_before: Value = app
        .get("/api/v1/desa/pejaten/users", Some(&b))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(b_users_before["total"], 2);

    // Every desa-B endpoint, by slug and by code, as A's admin.
    let new_user = json!({"username": "penyusup", "password": PASSWORD});
    for desa in ["pejaten", "36.04.05.2003"] {
        let attempts: Vec<(Method, String, Value)> = vec![
            (
                Method::GET,
                format!("/api/v1/desa/{desa}/users"),
                Value::Null,
            ),
            (
                Method::POST,
                format!("/api/v1/desa/{desa}/users"),
                new_user.clone(),
            ),
            (
                Method::PATCH,
                format!("/api/v1/desa/{desa}/users/{b_op_id}"),
                json!({"active": false}),
            ),
            (
                Method::PATCH,
                format!("/api/v1/desa/{desa}/profile"),
                json!({"kepala_desa": "Penyusup"}),
            ),
        ];
        for (method, path, body) in attempts {
            let res = app.send_json(method.clone(), &path, Some(&a), &body).await;
            assert_problem(res, StatusCode::FORBIDDEN).await;
        }
    }
    // B's ids through A's own desa path: not found, not "forbidden".
    for id in [&b_op_id, &b_admin_id] {
        let res = app
            .patch(
                &format!("/api/v1/desa/kramatwatu/users/{id}"),
                Some(&a),
                &json!({"active": false}),
            )
            .await;
        assert_problem(res, StatusCode::NOT_FOUND).await;
    }
    // Regency endpoints are closed to desa staff.
    assert_problem(
        app.get("/api/v1/kabupaten/summary", Some(&a)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let res = app
        .post(
            "/api/v1/kabupaten/users",
            Some(&a),
            &json!({"username": "admin.c", "password": PASSWORD, "role": "desa_admin", "desa": "pejaten"}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .patch(
            &format!("/api/v1/kabupaten/users/{b_op_id}"),
            Some(&a),
            &json!({"active": false}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .patch(
            "/api/v1/kabupaten/desa/pejaten",
            Some(&a),
            &json!({"active": false}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    // B's admin page is closed to A.
    let res = app
        .client
        .get(app.url("/desa/pejaten/admin"))
        .bearer_auth(&a)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // Nothing in B changed.
    let after: Value = app
        .get("/api/v1/desa/pejaten", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(after["profile"]["kepala_desa"], "H. Budi");
    let b_users_after: Value = app
        .get("/api/v1/desa/pejaten/users", Some(&b))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(b_users_before, b_users_after);
    assert!(b_users_after["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["active"] == true));
    assert_eq!(
        app.login("penyusup", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // A's admin does reach A.
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/users",
            Some(&a),
            &json!({"username": "op.a", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["role"], "desa_operator");
    assert_eq!(created["desa"]["slug"], "kramatwatu");
    let list: Value = app
        .get("/api/v1/desa/kramatwatu/users", Some(&a))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2);
    assert_eq!(list["page"], 1);
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["desa"]["slug"] == "kramatwatu"));
}

async fn operators_cannot_create_users(app: TestApp) {
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    app.create_desa_user("op.a", "desa_operator", "kramatwatu")
        .await;
    let op = app.token("op.a", PASSWORD).await;
    let admin = app.token("admin.a", PASSWORD).await;
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/users",
            Some(&op),
            &json!({"username": "op.baru", "password": PASSWORD}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    assert_problem(
        app.get("/api/v1/desa/kramatwatu/users", Some(&op)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let res = app
        .patch(
            "/api/v1/desa/kramatwatu/profile",
            Some(&op),
            &json!({"phone": "0254-111222"}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    // A desa admin makes operators only.
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/users",
            Some(&admin),
            &json!({"username": "admin.kedua", "password": PASSWORD, "role": "desa_admin"}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    assert_eq!(
        app.login("op.baru", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login("admin.kedua", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // No one can disable their own account and lock the desa out.
    let me: Value = app
        .get("/api/v1/auth/me", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .patch(
            &format!(
                "/api/v1/desa/kramatwatu/users/{}",
                me["id"].as_str().unwrap()
            ),
            Some(&admin),
            &json!({"active": false}),
        )
        .await;
    assert_problem(res, StatusCode::CONFLICT).await;
}

async fn inactive_desa_is_not_found(app: TestApp) {
    app.create_desa_user("admin.b", "desa_admin", "pejaten")
        .await;
    let b = app.token("admin.b", PASSWORD).await;
    let admin = app.admin_token().await;
    let res = app
        .patch(
            "/api/v1/kabupaten/desa/36.04.05.2003",
            Some(&admin),
            &json!({"active": false}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["active"], false);
    for path in [
        "/api/v1/desa/pejaten",
        "/api/v1/desa/36.04.05.2003",
        "/api/v1/desa/pejaten/users",
        "/desa/pejaten",
    ] {
        let res = app.get(path, Some(&b)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let list: Vec<Value> = app.get("/api/v1/desa", None).await.json().await.unwrap();
    assert_eq!(list.iter().filter(|d| d["active"] == false).count(), 1);
    let res = app
        .patch(
            "/api/v1/kabupaten/desa/pejaten",
            Some(&admin),
            &json!({"active": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/desa/pejaten/users", Some(&b))
            .await
            .status(),
        StatusCode::OK
    );
    assert_problem(
        app.patch(
            "/api/v1/kabupaten/desa/atlantis",
            Some(&admin),
            &json!({"active": true}),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

on_both_backends!(authorization_comes_before_the_body);

/// A caller without the role gets 403 whatever the body or query: no body is parsed for them,
/// and the answer never depends on which extractor finished first. Each call is made with a
/// fresh session as well as a warm one, since a session still to be looked up was the case that
/// let a malformed body answer first.
async fn authorization_comes_before_the_body(app: TestApp) {
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    app.create_desa_user("op.a", "desa_operator", "kramatwatu")
        .await;
    let attempts: [(&str, Method, &str, &str); 5] = [
        // Regency endpoints, as a desa admin.
        (
            "admin.a",
            Method::PATCH,
            "/api/v1/kabupaten/desa/pejaten",
            "{bukan json",
        ),
        ("admin.a", Method::POST, "/api/v1/kabupaten/users", "[1, 2"),
        // A desa admin's endpoint, as an operator.
        (
            "op.a",
            Method::PUT,
            "/api/v1/desa/kramatwatu/letter-settings",
            "{\"x\":",
        ),
        // Another desa, with a broken body and a query that does not parse.
        (
            "admin.a",
            Method::POST,
            "/api/v1/desa/pejaten/residents",
            "{",
        ),
        (
            "admin.a",
            Method::GET,
            "/api/v1/desa/pejaten/books/rekapitulasi?month=bukan",
            "",
        ),
    ];
    for (user, method, path, body) in attempts {
        for round in 0..6 {
            // Even rounds sign in anew: the first request of a session.
            let token = app.token(user, PASSWORD).await;
            let calls = if round % 2 == 0 { 1 } else { 3 };
            for _ in 0..calls {
                let res = app
                    .client
                    .request(method.clone(), app.url(path))
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(body.to_string())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    res.status(),
                    StatusCode::FORBIDDEN,
                    "{user} {method} {path} with a malformed body, round {round}"
                );
            }
        }
    }
}
