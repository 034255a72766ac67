//! The desa's static pages: checked input, drafts invisible to the public (page, API, home,
//! sitemap), markup that cannot run, and nothing of one desa changed or read by another.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp};

on_both_backends!(
    site_pages_are_checked_listed_and_shown_once_published,
    site_pages_stay_within_their_desa,
    site_page_markup_renders_inert,
);

const A: &str = "kramatwatu";
const B: &str = "cinangka";

fn pages(desa: &str) -> String {
    format!("/api/v1/desa/{desa}/site-pages")
}

fn new_page(title: &str, published: bool, position: i64) -> Value {
    json!({"title": title, "body": format!("## {title}\\n\\nDesa berdiri sejak **1910**."),
           "published": published, "position": position})
}

async fn write(app: &TestApp, token: &str, desa: &str, body: &Value) -> Value {
    let res = app.post(&pages(desa), Some(token), body).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{body}");
    res.json().await.unwrap()
}

async fn html(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, String) {
    let res = app.get(path, token).await;
    (res.status(), res.text().await.unwrap())
}

async fn site_pages_are_checked_listed_and_shown_once_published(app: TestApp) {
    let op = app.desa_admin("op.a", A).await;
    for (field, body) in [
        (
            "title",
            json!({"title": " ", "body": "isi", "published": true}),
        ),
        (
            "title",
            json!({"title": "!!!", "body": "isi", "published": true}),
        ),
        (
            "title",
            json!({"title": "x".repeat(121), "body": "isi", "published": true}),
        ),
        (
            "body",
            json!({"title": "Sejarah", "body": "", "published": true}),
        ),
        (
            "position",
            json!({"title": "Sejarah", "body": "isi", "published": true, "position": 0}),
        ),
        (
            "published",
            json!({"title": "Sejarah", "body": "isi", "published": "ya"}),
        ),
        (
            "slug",
            json!({"title": "Sejarah", "body": "isi", "published": true, "slug": "x"}),
        ),
    ] {
        let res = app.post(&pages(A), Some(&op), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    assert_eq!(
        app.get_ok(&pages(A), Some(&op)).await,
        json!([]),
        "nothing stored"
    );

    let history = write(&app, &op, A, &new_page("Sejarah Desa", true, 2)).await;
    assert_eq!(history["slug"], "sejarah-desa");
    write(&app, &op, A, &new_page("Transparansi Anggaran", false, 1)).await;
    write(&app, &op, A, &new_page("Tata Cara Pelayanan", true, 1)).await;
    let res = app
        .post(&pages(A), Some(&op), &new_page("Sejarah  desa!", true, 3))
        .await;
    let problem = assert_problem(res, StatusCode::CONFLICT).await;
    assert!(problem["detail"].as_str().unwrap().contains("sudah ada"));

    let titles = |list: Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles(app.get_ok(&pages(A), None).await),
        ["Tata Cara Pelayanan", "Sejarah Desa"],
        "published ones, in their order"
    );
    assert_eq!(
        titles(app.get_ok(&pages(A), Some(&op)).await).len(),
        3,
        "staff see drafts"
    );

    let (status, page) = html(&app, &format!("/desa/{A}/halaman/sejarah-desa"), None).await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        "<title>Sejarah Desa · Desa",
        "<strong>1910</strong>",
        "<meta property=\"og:title\"",
        &format!(
            "<link rel=\"canonical\" href=\"{}",
            history["url"].as_str().unwrap()
        ),
        "/halaman/tata-cara-pelayanan",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(!page.contains("Transparansi"), "a draft is not linked");
    let draft = format!("/desa/{A}/halaman/transparansi-anggaran");
    assert_eq!(html(&app, &draft, None).await.0, StatusCode::NOT_FOUND);
    let (status, own) = html(&app, &draft, Some(&op)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(own.contains("id=\"not-public\""));
    let res = app
        .get(&format!("{}/transparansi-anggaran", pages(A)), None)
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let (_, home) = html(&app, &format!("/desa/{A}"), None).await;
    assert!(home.contains("/halaman/sejarah-desa") && !home.contains("transparansi-anggaran"));
    let (_, sitemap) = html(&app, &format!("/desa/{A}/sitemap.xml"), None).await;
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.iter().any(|l| l.ends_with("/halaman/sejarah-desa")));
    assert!(!locs.iter().any(|l| l.contains("transparansi")));

    // A change keeps the address; publishing shows the draft; a conditional request sees both.
    let res = app
        .get(&format!("/desa/{A}/halaman/sejarah-desa"), None)
        .await;
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let ask = || {
        app.client
            .get(app.url(&format!("/desa/{A}/halaman/sejarah-desa")))
            .header("if-none-match", &etag)
            .send()
    };
    assert_eq!(ask().await.unwrap().status(), StatusCode::NOT_MODIFIED);
    let one = format!("{}/sejarah-desa", pages(A));
    let res = app
        .patch(&one, Some(&op), &json!({"title": "Sejarah Singkat"}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["slug"], "sejarah-desa");
    let after = ask().await.unwrap();
    assert_eq!(after.status(), StatusCode::OK);
    assert!(after.text().await.unwrap().contains("Sejarah Singkat"));
    let res = app.patch(&one, Some(&op), &json!({})).await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    let res = app
        .patch(
            &format!("{}/transparansi-anggaran", pages(A)),
            Some(&op),
            &json!({"published": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(html(&app, &draft, None).await.0, StatusCode::OK);

    assert_eq!(
        app.delete(&one, Some(&op)).await.status(),
        StatusCode::NO_CONTENT
    );
    let gone = format!("/desa/{A}/halaman/sejarah-desa");
    assert_eq!(html(&app, &gone, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get_ok(&pages(A), None).await.as_array().unwrap().len(),
        2
    );
    let (status, editor) = html(&app, &format!("/desa/{A}/admin/halaman"), Some(&op)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(editor.contains("Tata Cara Pelayanan") && editor.contains("data-confirm"));
}

async fn site_pages_stay_within_their_desa(app: TestApp) {
    let a = app.desa_admin("op.a", A).await;
    let b = app.desa_admin("op.b", B).await;
    let draft = write(&app, &a, A, &new_page("Rencana Desa A", false, 1)).await;
    let shown = write(&app, &a, A, &new_page("Profil Dusun", true, 2)).await;
    for p in [&draft, &shown] {
        let id = p["id"].as_str().unwrap();
        for (method, path, expected) in [
            (reqwest::Method::POST, pages(A), StatusCode::FORBIDDEN),
            (
                reqwest::Method::PATCH,
                format!("{}/{id}", pages(A)),
                StatusCode::FORBIDDEN,
            ),
            (
                reqwest::Method::DELETE,
                format!("{}/{id}", pages(A)),
                StatusCode::FORBIDDEN,
            ),
            (
                reqwest::Method::PATCH,
                format!("{}/{id}", pages(B)),
                StatusCode::NOT_FOUND,
            ),
            (
                reqwest::Method::DELETE,
                format!("{}/{id}", pages(B)),
                StatusCode::NOT_FOUND,
            ),
            (
                reqwest::Method::GET,
                format!("{}/{id}", pages(B)),
                StatusCode::NOT_FOUND,
            ),
        ] {
            let body = if method == reqwest::Method::POST {
                new_page("Titipan", true, 1)
            } else {
                json!({"title": "Diubah desa B"})
            };
            let res = app.send_json(method.clone(), &path, Some(&b), &body).await;
            assert_eq!(res.status(), expected, "{method} {path}");
        }
        let slug = p["slug"].as_str().unwrap();
        let elsewhere = format!("/desa/{B}/halaman/{slug}");
        assert_eq!(
            html(&app, &elsewhere, Some(&b)).await.0,
            StatusCode::NOT_FOUND
        );
        let edit = format!("/desa/{B}/admin/halaman/{id}/ubah");
        assert_eq!(html(&app, &edit, Some(&b)).await.0, StatusCode::NOT_FOUND);
        let edit = format!("/desa/{A}/admin/halaman/{id}/ubah");
        assert_eq!(html(&app, &edit, Some(&b)).await.0, StatusCode::FORBIDDEN);
    }
    let draft_page = format!("/desa/{A}/halaman/{}", draft["slug"].as_str().unwrap());
    assert_eq!(
        html(&app, &draft_page, Some(&b)).await.0,
        StatusCode::NOT_FOUND
    );
    let seen_by_b = app.get_ok(&pages(A), Some(&b)).await;
    assert_eq!(
        seen_by_b.as_array().unwrap().len(),
        1,
        "another desa's staff see no drafts"
    );
    let mine = app.get_ok(&pages(A), Some(&a)).await;
    let titles: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Rencana Desa A", "Profil Dusun"], "unchanged");
    assert_eq!(app.get_ok(&pages(B), Some(&b)).await, json!([]));
}

async fn site_page_markup_renders_inert(app: TestApp) {
    let op = app.desa_admin("op.a", A).await;
    let body = json!({
        "title": "<script>alert('judul')</script> Transparansi",
        "body": "<script>alert('isi')</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(2))\n\n<svg onload=alert(3)></svg>",
        "published": true,
    });
    let p = write(&app, &op, A, &body).await;
    let path = format!("/desa/{A}/halaman/{}", p["slug"].as_str().unwrap());
    let (status, page) = html(&app, &path, None).await;
    assert_eq!(status, StatusCode::OK);
    for bad in ["<script>alert", "onerror=", "javascript:", "<svg"] {
        assert!(!page.contains(bad), "{bad} in {page}");
    }
    assert!(page.contains("&#60;script&#62;alert("), "{page}");
    let (_, home) = html(&app, &format!("/desa/{A}"), None).await;
    assert!(!home.contains("<script>alert"));
}
