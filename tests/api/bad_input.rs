//! Bad input gets a clear problem+json naming what to fix, never a 500, and changes nothing.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp, PASSWORD};

on_both_backends!(bad_input_is_refused_clearly);

async fn bad_input_is_refused_clearly(app: TestApp) {
    let admin = app.admin_token().await;
    let users = "/api/v1/kabupaten/users";
    let post_raw = |path: &'static str, body: Vec<u8>, content_type: &'static str| {
        let req = app
            .client
            .post(app.url(path))
            .bearer_auth(&admin)
            .header("content-type", content_type)
            .body(body);
        async move { req.send().await.unwrap() }
    };

    // Malformed JSON.
    let res = post_raw(users, b"{\"username\": ".to_vec(), "application/json").await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert!(body["detail"].as_str().unwrap().contains("JSON"));
    // Wrong types name the field.
    let res = app
        .post(
            users,
            Some(&admin),
            &json!({"username": 42, "password": PASSWORD, "role": "desa_admin", "desa": "pejaten"}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "username");
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"username": ["admin"], "password": "sandi"}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "username");
    // Unknown fields name the field.
    let res = app
        .post(users, Some(&admin), &json!({"username": "x.satu", "password": PASSWORD, "role": "desa_admin", "desa": "pejaten", "is_root": true}))
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "is_root");
    // Missing fields name the field.
    let res = app
        .post(
            users,
            Some(&admin),
            &json!({"username": "x.dua", "role": "desa_admin"}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "password");
    assert_eq!(body["errors"][0]["message"], "wajib diisi");
    // A 1 MB user name is refused before it is read.
    let huge = "a".repeat(1024 * 1024);
    let res = app.login(&huge, "x").await;
    assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    let res = app
        .post(users, Some(&admin), &json!({"username": huge, "password": PASSWORD, "role": "desa_admin", "desa": "pejaten"}))
        .await;
    assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    // Not JSON at all.
    let res = post_raw(
        "/api/v1/auth/login",
        b"username=admin".to_vec(),
        "application/x-www-form-urlencoded",
    )
    .await;
    assert_problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    // Invalid UTF-8.
    let res = post_raw(
        "/api/v1/auth/login",
        vec![b'{', 0xff, 0xfe, b'}'],
        "application/json",
    )
    .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    // Pagination out of range.
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    let a = app.token("admin.a", PASSWORD).await;
    for q in ["page=0", "per_page=201", "per_page=0"] {
        let res = app
            .get(&format!("/api/v1/desa/kramatwatu/users?{q}"), Some(&a))
            .await;
        assert_problem(res, StatusCode::BAD_REQUEST).await;
    }
    let res = app
        .get("/api/v1/desa/kramatwatu/users?page=dua", Some(&a))
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    // Profile fields are checked and the profile is unchanged by a refused update.
    let res = app
        .patch(
            "/api/v1/desa/kramatwatu/profile",
            Some(&a),
            &json!({"email": "bukan-email", "phone": "0254-1"}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "email");
    let profile: Value = app
        .get("/api/v1/desa/kramatwatu", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["profile"]["email"], Value::Null);
    // Unknown routes are problems too.
    assert_problem(
        app.get("/api/v1/tidak-ada", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // Nothing was created by any of it.
    let count = app
        .state
        .db
        .global_read(sid_core::auth::users::count)
        .await
        .unwrap();
    assert_eq!(count, 2, "admin and admin.a only");
}
