use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{TestApp, PASSWORD};

on_both_backends!(health_ready_metrics_openapi, regency_summary_and_profile);

async fn health_ready_metrics_openapi(app: TestApp) {
    assert_eq!(app.get("/health", None).await.status(), StatusCode::OK);
    assert_eq!(app.get("/ready", None).await.status(), StatusCode::OK);
    // The figures are not on the public listener, and random paths do not grow them.
    assert_eq!(
        app.get("/metrics", None).await.status(),
        StatusCode::NOT_FOUND
    );
    for i in 0..40 {
        let res = app.get(&format!("/acak-{i}/{}", i * 7919), None).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    let metrics = app
        .client
        .get(format!("{}/metrics", app.metrics_address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("sid_http_requests_total"), "{metrics}");
    assert!(!metrics.contains("acak-"), "{metrics}");
    assert!(metrics.contains("endpoint=\"UNKNOWN\""), "{metrics}");
    let endpoints: std::collections::BTreeSet<&str> = metrics
        .lines()
        .filter(|l| l.starts_with("sid_http_requests_total{"))
        .filter_map(|l| l.split("endpoint=\"").nth(1)?.split('"').next())
        .collect();
    assert!(endpoints.len() <= 4, "{endpoints:?}");

    // The interactive documentation, from the binary.
    let docs = app.get("/api/docs", None).await;
    assert_eq!(docs.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(docs.headers()["location"], "/api/docs/");
    let docs = app.get("/api/docs/", None).await;
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs
        .text()
        .await
        .unwrap()
        .contains("swagger-initializer.js"));
    let doc: Value = app
        .get("/api/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/api/v1/desa",
        "/api/v1/desa/{desa}",
        "/api/v1/desa/{desa}/users",
        "/api/v1/kabupaten/users",
        "/api/v1/kabupaten/summary",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

async fn regency_summary_and_profile(app: TestApp) {
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    app.create_desa_user("op.a", "desa_operator", "kramatwatu")
        .await;
    let a = app.token("admin.a", PASSWORD).await;
    let res = app
        .patch(
            "/api/v1/desa/kramatwatu/profile",
            Some(&a),
            &json!({"address": "Jl. Raya Serang-Cilegon", "email": "Desa@Kramatwatu.id", "description": "Desa pesisir."}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["profile"]["email"], "desa@kramatwatu.id");
    // An empty string clears a field; absent fields stay.
    let res = app
        .patch(
            "/api/v1/desa/kramatwatu/profile",
            Some(&a),
            &json!({"description": ""}),
        )
        .await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["profile"]["description"], Value::Null);
    assert_eq!(body["profile"]["address"], "Jl. Raya Serang-Cilegon");

    let admin = app.admin_token().await;
    let summary: Value = app
        .get("/api/v1/kabupaten/summary", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary["desa_total"], 326);
    assert_eq!(summary["desa_active"], 326);
    assert_eq!(summary["kecamatan_total"], 29);
    assert_eq!(summary["staff_accounts"], 2);
    let rows = summary["desa"].as_array().unwrap();
    assert_eq!(rows.len(), 326);
    let k = rows.iter().find(|r| r["slug"] == "kramatwatu").unwrap();
    assert_eq!(k["staff_accounts"], 2);
    // Accounts created and profile changes: the desa's staff were active today.
    assert!(k["last_activity"].is_string());
    let other = rows.iter().find(|r| r["slug"] == "pejaten").unwrap();
    assert!(other["last_activity"].is_null());
}

on_both_backends!(pages_allow_no_inline_script_and_no_framing);

/// Every page carries the policy (scripts from this server only, never framed, no Referer to
/// other sites) and holds no inline script for it to block; behind TLS, HSTS too.
async fn pages_allow_no_inline_script_and_no_framing(app: TestApp) {
    app.create_desa_user("admin.kw", "desa_admin", "kramatwatu")
        .await;
    let desa = app.token("admin.kw", PASSWORD).await;
    let regency = app.admin_token().await;
    let inline = regex::Regex::new(r"(?i)<script[^>]*>|\son[a-z]+\s*=").unwrap();
    let pages = [
        ("/", None),
        ("/masuk", None),
        ("/desa/kramatwatu", None),
        ("/desa/kramatwatu/statistik", None),
        ("/desa/kramatwatu/layanan", None),
        ("/kabupaten", Some(&regency)),
        ("/desa/kramatwatu/admin", Some(&desa)),
        ("/desa/kramatwatu/admin/penduduk", Some(&desa)),
        ("/desa/kramatwatu/admin/surat", Some(&desa)),
        ("/desa/kramatwatu/admin/buku", Some(&desa)),
        ("/desa/kramatwatu/admin/surat/pengaturan", Some(&desa)),
    ];
    for (path, token) in pages {
        let mut req = app.client.get(app.url(path));
        if let Some(t) = token {
            req = req.header("cookie", format!("sid_session={t}"));
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let header = |name: &str| {
            res.headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        let csp = header("content-security-policy");
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_default()
            .to_string();
        assert_eq!(script_src, "script-src 'self'", "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert_eq!(
            header("strict-transport-security"),
            "",
            "{path}: no TLS here"
        );
        let body = res.text().await.unwrap();
        let found: Vec<&str> = inline
            .find_iter(&body)
            .map(|m| m.as_str())
            .filter(|m| !m.contains(" src="))
            .collect();
        assert!(found.is_empty(), "{path}: inline script {found:?}");
    }

    let behind_tls = TestApp::spawn_with(app.backend, |s| s.auth.cookie_secure = true).await;
    let res = behind_tls.get("/", None).await;
    assert!(res
        .headers()
        .get("strict-transport-security")
        .is_some_and(|v| v.to_str().unwrap().starts_with("max-age=")));
}
