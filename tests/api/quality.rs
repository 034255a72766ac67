//! The desa's data-quality findings: what needs attention and where it is fixed, for the desa's
//! staff only.

use reqwest::StatusCode;
use serde_json::Value;

use crate::on_both_backends;
use crate::support::{assert_problem, nik, resident, TestApp};

const A: &str = "kramatwatu";
const B: &str = "pejaten";

on_both_backends!(findings_name_the_record_and_the_page_that_fixes_it);

async fn findings_name_the_record_and_the_page_that_fixes_it(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let empty = app
        .get_ok(&format!("/api/v1/desa/{A}/quality"), Some(&a))
        .await;
    assert_eq!(empty["findings"].as_array().unwrap().len(), 0);

    // SIAK's sample: a card whose head moved away while her daughter lives on.
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/opensid/format_siak.xls"
    ))
    .unwrap();
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/desa/{A}/residents/import?skip_refused=true"
        )))
        .bearer_auth(&a)
        .body(file)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    // Two living residents with one name and birth date, neither on a card.
    let twin = |serial| {
        resident(
            &nik("1990-05-12", true, serial),
            "Siti Kembar",
            true,
            "1990-05-12",
        )
    };
    let first = app.add_resident(A, &a, &twin(1)).await;
    app.add_resident(A, &a, &twin(2)).await;

    let found = app
        .get_ok(&format!("/api/v1/desa/{A}/quality"), Some(&a))
        .await;
    let findings = found["findings"].as_array().unwrap();
    let of =
        |kind: &str| -> Vec<&Value> { findings.iter().filter(|f| f["kind"] == kind).collect() };
    let headless = of("family_without_head");
    assert_eq!(headless.len(), 1, "{findings:?}");
    assert_eq!(headless[0]["label"], "KK 1000000106150000");
    assert!(headless[0]["fix"]
        .as_str()
        .unwrap()
        .starts_with(&format!("/desa/{A}/admin/keluarga/")));
    let twins = of("duplicate");
    assert_eq!(twins.len(), 2, "{findings:?}");
    assert_eq!(of("no_family").len(), 2);
    let fix = format!("/desa/{A}/admin/penduduk/{}", first["id"].as_str().unwrap());
    assert!(
        of("no_family").iter().any(|f| f["fix"] == fix.as_str()),
        "{findings:?}"
    );
    assert_eq!(found["counts"]["duplicate"], 2);
    assert_eq!(of("nik_mismatch").len(), 0);

    // The page lists them with their links.
    let page = app
        .get(&format!("/desa/{A}/admin/kualitas"), Some(&a))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("KK 1000000106150000") && html.contains("Siti Kembar"));

    // Desa B's staff reads nothing of desa A, and its own desa has nothing to fix.
    assert_problem(
        app.get(&format!("/api/v1/desa/{A}/quality"), Some(&b))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let own = app
        .get_ok(&format!("/api/v1/desa/{B}/quality"), Some(&b))
        .await;
    assert_eq!(own["findings"].as_array().unwrap().len(), 0);
    // Every read is in the desa's log.
    let log = app
        .get_ok(&format!("/api/v1/desa/{A}/audit"), Some(&a))
        .await;
    let reads = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "resident.quality")
        .count();
    assert_eq!(reads, 3);
}
