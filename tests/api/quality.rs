//! The desa's data-quality findings: what needs attention and where it is fixed, for the desa's
//! staff only.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, nik, resident, TestApp};

const A: &str = "kramatwatu";
const B: &str = "pejaten";

on_both_backends!(
    findings_name_the_record_and_the_page_that_fixes_it,
    adults_without_a_ktp_status_and_empty_mandatory_fields_are_found,
);

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

/// The kinds of the desa's findings about the resident `id`.
async fn kinds_of(app: &TestApp, token: &str, id: &str) -> Vec<String> {
    let found = app
        .get_ok(&format!("/api/v1/desa/{A}/quality"), Some(token))
        .await;
    let fix = format!("/desa/{A}/admin/penduduk/{id}");
    let mut kinds: Vec<String> = found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fix"] == fix.as_str())
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect();
    kinds.sort();
    kinds
}

async fn adults_without_a_ktp_status_and_empty_mandatory_fields_are_found(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    // An adult with no KTP status, no parents' names, no RT; a child without a KTP status.
    let adult = app
        .add_resident(
            A,
            &a,
            &resident(&nik("1990-02-03", false, 1), "Dedi", false, "1990-02-03"),
        )
        .await;
    let child_born = (chrono::Utc::now() - chrono::Duration::days(365 * 10)).date_naive();
    let child_born = child_born.format("%Y-%m-%d").to_string();
    let mut child = resident(&nik(&child_born, true, 2), "Nisa", true, &child_born);
    child["father_name"] = json!("Dedi");
    child["mother_name"] = json!("Euis");
    let child = app.add_resident(A, &a, &child).await;
    let id = adult["id"].as_str().unwrap();
    assert_eq!(
        kinds_of(&app, &a, id).await,
        ["missing_fields", "no_family", "no_ktp_status"]
    );
    let found = app
        .get_ok(&format!("/api/v1/desa/{A}/quality"), Some(&a))
        .await;
    let missing = found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "missing_fields" && f["label"] == "Dedi")
        .unwrap();
    assert_eq!(missing["reason"], "belum diisi: RT/RW, nama ayah, nama ibu");
    let child_kinds = kinds_of(&app, &a, child["id"].as_str().unwrap()).await;
    assert!(
        !child_kinds.contains(&"no_ktp_status".to_string()),
        "{child_kinds:?}"
    );

    // Bad codes are refused with the field named, and change nothing.
    let url = format!("/api/v1/desa/{A}/residents/{id}");
    for (field, value) in [
        ("ktp_status", 9),
        ("chronic_illness", 0),
        ("kb_method", 42),
        ("health_insurance", 5),
    ] {
        let res = app.patch(&url, Some(&a), &json!({ field: value })).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    // Desa B's admin cannot set them.
    let res = app.patch(&url, Some(&b), &json!({"ktp_status": 3})).await;
    assert!(matches!(
        res.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    let unchanged = app.get_ok(&url, Some(&a)).await;
    assert!(unchanged["ktp_status"].is_null() && unchanged["health_insurance"].is_null());

    // Filled in, the findings go.
    let res = app
        .patch(&url, Some(&a), &json!({"ktp_status": 3, "father_name": "Ujang", "mother_name": "Iyah", "chronic_illness": 6, "kb_method": 1, "health_insurance": 2}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let now = app.get_ok(&url, Some(&a)).await;
    assert_eq!(
        [
            &now["ktp_status"],
            &now["chronic_illness"],
            &now["kb_method"],
            &now["health_insurance"]
        ],
        [&json!(3), &json!(6), &json!(1), &json!(2)]
    );
    assert_eq!(
        kinds_of(&app, &a, id).await,
        ["missing_fields", "no_family"]
    );
    let found = app
        .get_ok(&format!("/api/v1/desa/{A}/quality"), Some(&a))
        .await;
    let reason = found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "missing_fields" && f["label"] == "Dedi")
        .unwrap()["reason"]
        .clone();
    assert_eq!(reason, "belum diisi: RT/RW");
}
