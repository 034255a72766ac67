use std::collections::{HashMap, HashSet};

use reqwest::StatusCode;
use serde_json::Value;

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp};

on_both_backends!(
    lists_326_desa_with_unique_slugs,
    repeated_names_resolve_by_kecamatan
);

async fn lists_326_desa_with_unique_slugs(app: TestApp) {
    let res = app.get("/api/v1/desa", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let list: Vec<Value> = res.json().await.unwrap();
    assert_eq!(list.len(), 326);
    let slugs: HashSet<&str> = list.iter().map(|d| d["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs.len(), 326, "slugs unique");
    let codes: HashSet<&str> = list.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 326);
    assert!(list
        .iter()
        .all(|d| d["code"].as_str().unwrap().starts_with("36.04.")));
    let kecamatan: HashSet<&str> = list
        .iter()
        .map(|d| d["kecamatan"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(kecamatan.len(), 29);
    assert!(list.iter().all(|d| d["active"] == true));

    // Code and slug reach the same desa.
    let by_slug: Value = app
        .get("/api/v1/desa/kramatwatu", None)
        .await
        .json()
        .await
        .unwrap();
    let by_code: Value = app
        .get("/api/v1/desa/36.04.05.2001", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_slug, by_code);
    assert_eq!(by_slug["name"], "Kramatwatu");
    assert_eq!(by_slug["kecamatan"]["name"], "Kramatwatu");

    assert_problem(
        app.get("/api/v1/desa/tidak-ada", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_problem(
        app.get("/api/v1/desa/36.04.99.9999", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

async fn repeated_names_resolve_by_kecamatan(app: TestApp) {
    let list: Vec<Value> = app.get("/api/v1/desa", None).await.json().await.unwrap();
    let mut by_name: HashMap<&str, Vec<&Value>> = HashMap::new();
    for d in &list {
        by_name
            .entry(d["name"].as_str().unwrap())
            .or_default()
            .push(d);
    }
    let repeated: Vec<_> = by_name.iter().filter(|(_, v)| v.len() > 1).collect();
    assert_eq!(repeated.len(), 13, "13 names occur more than once");
    for (name, desa) in repeated {
        for d in desa {
            let slug = d["slug"].as_str().unwrap();
            let kec = d["kecamatan"]["name"].as_str().unwrap();
            let expected = format!(
                "{}-{}",
                name.to_lowercase().replace(' ', "-"),
                kec.to_lowercase().replace(' ', "-")
            );
            assert_eq!(slug, expected);
            let one: Value = app
                .get(&format!("/api/v1/desa/{slug}"), None)
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(one["code"], d["code"], "{slug}");
            assert_eq!(one["kecamatan"]["name"], kec);
        }
    }
    // e.g. Sukamanah in Baros.
    let one: Value = app
        .get("/api/v1/desa/sukamanah-baros", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["kecamatan"]["name"], "Baros");
    // The bare repeated name names no desa.
    assert_problem(
        app.get("/api/v1/desa/sukamanah", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
