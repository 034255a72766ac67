//! The desa's articles: checked input, drafts and scheduled articles invisible to the public
//! (pages, API, feed, sitemap, the regency's news), conditional requests answered 304, markup
//! that cannot run, and nothing of one desa changed by another.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, jpeg_with_gps, TestApp};

on_both_backends!(
    articles_are_checked_published_and_scheduled,
    public_pages_feeds_and_sitemap_show_only_what_is_published,
    articles_stay_within_their_desa,
    article_markup_renders_inert,
    article_covers_follow_the_upload_rules_and_stay_within_their_desa,
    a_page_kept_in_memory_changes_when_a_scheduled_article_appears,
);

const A: &str = "kramatwatu";
const B: &str = "cinangka";

fn articles(desa: &str) -> String {
    format!("/api/v1/desa/{desa}/articles")
}

fn article(title: &str, category: &str, status: &str) -> Value {
    json!({"title": title, "category": category, "status": status,
           "body": format!("## {title}\n\nHasil panen musim ini **baik**.\n\n- padi\n- bandeng")})
}

async fn write(app: &TestApp, token: &str, desa: &str, body: &Value) -> Value {
    let res = app.post(&articles(desa), Some(token), body).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{body}");
    res.json().await.unwrap()
}

/// A moment `seconds` from now, RFC 3339.
fn from_now(seconds: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(seconds)).to_rfc3339()
}

async fn text(app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = app.get(path, None).await;
    (res.status(), res.text().await.unwrap())
}

async fn articles_are_checked_published_and_scheduled(app: TestApp) {
    let op = app.desa_admin("op.a", A).await;
    for (field, body) in [
        (
            "title",
            json!({"title": " ", "category": "berita", "status": "terbit", "body": "isi"}),
        ),
        (
            "title",
            json!({"title": "x".repeat(201), "category": "berita", "status": "terbit", "body": "isi"}),
        ),
        (
            "category",
            json!({"title": "Judul", "category": "olahraga", "status": "terbit", "body": "isi"}),
        ),
        (
            "body",
            json!({"title": "Judul", "category": "berita", "status": "terbit", "body": ""}),
        ),
        (
            "status",
            json!({"title": "Judul", "category": "berita", "status": "tayang", "body": "isi"}),
        ),
        (
            "publish_at",
            json!({"title": "Judul", "category": "berita", "status": "terbit", "body": "isi", "publish_at": "besok pagi"}),
        ),
        (
            "cover",
            json!({"title": "Judul", "category": "berita", "status": "terbit", "body": "isi", "cover": "x.jpg"}),
        ),
    ] {
        let res = app.post(&articles(A), Some(&op), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    let list = app.get_ok(&articles(A), Some(&op)).await;
    assert_eq!(list["total"], 0, "nothing stored from bad input");

    let draft = write(
        &app,
        &op,
        A,
        &article("Rencana musyawarah desa", "pengumuman", "draf"),
    )
    .await;
    assert_eq!(draft["state"], "draf");
    assert!(draft["publish_at"].is_null());
    let now = write(
        &app,
        &op,
        A,
        &article("Panen raya padi", "pertanian", "terbit"),
    )
    .await;
    assert_eq!(now["state"], "terbit");
    assert_eq!(now["slug"], "panen-raya-padi");
    assert!(now["body_html"]
        .as_str()
        .unwrap()
        .contains("<strong>baik</strong>"));
    assert!(now["summary"]
        .as_str()
        .unwrap()
        .starts_with("Panen raya padi Hasil panen"));
    let twin = write(
        &app,
        &op,
        A,
        &article("Panen raya padi", "pertanian", "terbit"),
    )
    .await;
    assert_eq!(
        twin["slug"], "panen-raya-padi-2",
        "a title used twice gets its own address"
    );
    let mut later = article("Lelang bandeng", "perikanan", "terbit");
    later["publish_at"] = json!(from_now(3));
    let later = write(&app, &op, A, &later).await;
    assert_eq!(later["state"], "terjadwal");
    let mut local = article("Kerja bakti", "kegiatan", "terbit");
    local["publish_at"] = json!("2026-01-05T08:00");
    let local = write(&app, &op, A, &local).await;
    assert_eq!(
        local["publish_at"], "2026-01-05T08:00:00+07:00",
        "a form's time is WIB"
    );

    let public = app.get_ok(&articles(A), None).await;
    let titles: Vec<&str> = public["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(public["total"], 3, "{titles:?}");
    assert!(!titles.contains(&"Rencana musyawarah desa") && !titles.contains(&"Lelang bandeng"));
    assert_eq!(
        app.get_ok(&articles(A), Some(&op)).await["total"],
        5,
        "staff see drafts and scheduled ones"
    );
    let pertanian = app
        .get_ok(&format!("{}?category=pertanian", articles(A)), None)
        .await;
    assert_eq!(pertanian["total"], 2);
    let res = app
        .get(&format!("{}?category=olahraga", articles(A)), None)
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    for hidden in [&draft, &later] {
        let one = format!("{}/{}", articles(A), hidden["id"].as_str().unwrap());
        assert_eq!(app.get(&one, None).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.get(&one, Some(&op)).await.status(), StatusCode::OK);
        let page = format!("/desa/{A}/berita/{}", hidden["slug"].as_str().unwrap());
        assert_eq!(app.get(&page, None).await.status(), StatusCode::NOT_FOUND);
    }

    // The scheduled article appears at its time, without anyone touching it.
    tokio::time::sleep(std::time::Duration::from_millis(3500)).await;
    let one = format!("{}/{}", articles(A), later["slug"].as_str().unwrap());
    let shown = app.get_ok(&one, None).await;
    assert_eq!(shown["state"], "terbit");
    assert_eq!(app.get_ok(&articles(A), None).await["total"], 4);

    // Changed: the address stays; back to draft, it leaves the public.
    let path = format!("{}/{}", articles(A), now["id"].as_str().unwrap());
    let res = app
        .patch(&path, Some(&op), &json!({"title": "Panen raya padi 2026"}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let changed: Value = res.json().await.unwrap();
    assert_eq!(
        (changed["title"].as_str(), changed["slug"].as_str()),
        (Some("Panen raya padi 2026"), Some("panen-raya-padi"))
    );
    let res = app.patch(&path, Some(&op), &json!({})).await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    let res = app
        .patch(&path, Some(&op), &json!({"status": "draf"}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.get(&path, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.delete(&path, Some(&op)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&path, Some(&op)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get_ok(&articles(A), Some(&op)).await["total"], 4);
}

async fn public_pages_feeds_and_sitemap_show_only_what_is_published(app: TestApp) {
    let a = app.desa_admin("op.a", A).await;
    let b = app.desa_admin("op.b", B).await;
    let fish = write(
        &app,
        &a,
        A,
        &article("Budidaya bandeng di tambak", "perikanan", "terbit"),
    )
    .await;
    write(&app, &a, A, &article("Draf rahasia", "berita", "draf")).await;
    let mut later = article("Jadwal nanti", "berita", "terbit");
    later["publish_at"] = json!(from_now(3600));
    write(&app, &a, A, &later).await;
    write(
        &app,
        &b,
        B,
        &article("Panen jagung Cinangka", "pertanian", "terbit"),
    )
    .await;

    // The article page: its title, description, OpenGraph and canonical address.
    let page = format!("/desa/{A}/berita/{}", fish["slug"].as_str().unwrap());
    let res = app.get(&page, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert!(res.headers().contains_key("last-modified"));
    let html = res.text().await.unwrap();
    for needle in [
        "<title>Budidaya bandeng di tambak · Desa",
        "<meta name=\"description\" content=\"Budidaya bandeng",
        "<meta property=\"og:title\" content=\"Budidaya bandeng di tambak\">",
        "<meta property=\"og:type\" content=\"article\">",
        &format!(
            "<link rel=\"canonical\" href=\"{}",
            fish["url"].as_str().unwrap()
        ),
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    // Unchanged: 304 and no body; changed: the new page.
    let again = app
        .client
        .get(app.url(&page))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.text().await.unwrap().is_empty());
    let id = fish["id"].as_str().unwrap();
    let res = app
        .patch(
            &format!("{}/{id}", articles(A)),
            Some(&a),
            &json!({"summary": "Ringkasan baru"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let after = app
        .client
        .get(app.url(&page))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::OK);
    assert!(after.text().await.unwrap().contains("Ringkasan baru"));

    let (status, list) = text(&app, &format!("/desa/{A}/berita?kategori=perikanan")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        list.contains("Budidaya bandeng")
            && !list.contains("Draf rahasia")
            && !list.contains("Jadwal nanti")
    );
    let (_, empty) = text(&app, &format!("/desa/{A}/berita?kategori=umkm")).await;
    assert!(empty.contains("id=\"empty\""));
    let (_, home) = text(&app, &format!("/desa/{A}")).await;
    assert!(home.contains("Budidaya bandeng") && !home.contains("Draf rahasia"));

    // Feed and sitemap parse as XML and carry the published article alone.
    let (status, atom) = text(&app, &format!("/desa/{A}/berita.atom")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = roxmltree::Document::parse(&atom).expect("the feed is XML");
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 1, "{atom}");
    assert!(
        atom.contains("Budidaya bandeng")
            && !atom.contains("Draf rahasia")
            && !atom.contains("Jadwal nanti")
    );
    let (status, sitemap) = text(&app, &format!("/desa/{A}/sitemap.xml")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let articles_listed: Vec<&&str> = locs.iter().filter(|l| l.contains("/berita/")).collect();
    assert_eq!(articles_listed.len(), 1, "{locs:?}");
    assert!(articles_listed[0].ends_with("/budidaya-bandeng-di-tambak"));

    // The regency's news: every desa, by category and kecamatan.
    let kabar = app.get_ok("/api/v1/kabar", None).await;
    assert_eq!(kabar["total"], 2);
    let fish_only = app.get_ok("/api/v1/kabar?category=perikanan", None).await;
    assert_eq!(fish_only["total"], 1);
    assert_eq!(fish_only["items"][0]["desa"]["slug"], A);
    let regency = app.admin_token().await;
    let desa_a = app.get_ok(&format!("/api/v1/desa/{A}"), None).await;
    let kecamatan = desa_a["kecamatan"]["code"].as_str().unwrap();
    let near = app
        .get_ok(&format!("/api/v1/kabar?kecamatan={kecamatan}"), None)
        .await;
    assert_eq!(near["total"], 1, "Cinangka lies in another kecamatan");
    let res = app.get("/api/v1/kabar?kecamatan=99.99", None).await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert!(problem.to_string().contains("kecamatan"));
    let (status, page) = text(&app, "/kabar?category=pertanian").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Panen jagung Cinangka") && !page.contains("Budidaya bandeng"));
    let (_, atom) = text(&app, "/kabar.atom").await;
    let doc = roxmltree::Document::parse(&atom).expect("the regency feed is XML");
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        2
    );

    // A desa switched off: its site answers 404, its news leaves the regency's; not even a phone
    // that kept the article page gets it confirmed.
    let page = page_of(&fish);
    let res = app.get(&page, None).await;
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let ask = || {
        app.client
            .get(app.url(&page))
            .header("if-none-match", &etag)
            .send()
    };
    assert_eq!(ask().await.unwrap().status(), StatusCode::NOT_MODIFIED);
    let res = app
        .patch(
            &format!("/api/v1/kabupaten/desa/{A}"),
            Some(&regency),
            &json!({"active": false}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    for path in [
        format!("/desa/{A}/berita"),
        page_of(&fish),
        format!("/desa/{A}/berita.atom"),
        format!("/desa/{A}/sitemap.xml"),
    ] {
        assert_eq!(
            app.get(&path, None).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(ask().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get_ok("/api/v1/kabar", None).await["total"], 1);
}

fn page_of(a: &Value) -> String {
    format!("/desa/{A}/berita/{}", a["slug"].as_str().unwrap())
}

async fn articles_stay_within_their_desa(app: TestApp) {
    let a = app.desa_admin("op.a", A).await;
    let b = app.desa_admin("op.b", B).await;
    let draft = write(&app, &a, A, &article("Draf desa A", "berita", "draf")).await;
    let id = draft["id"].as_str().unwrap();
    let change = json!({"title": "Diubah desa B"});
    for (method, path, expected) in [
        (reqwest::Method::POST, articles(A), StatusCode::FORBIDDEN),
        (
            reqwest::Method::PATCH,
            format!("{}/{id}", articles(A)),
            StatusCode::FORBIDDEN,
        ),
        (
            reqwest::Method::DELETE,
            format!("{}/{id}", articles(A)),
            StatusCode::FORBIDDEN,
        ),
        (
            reqwest::Method::PATCH,
            format!("{}/{id}", articles(B)),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::DELETE,
            format!("{}/{id}", articles(B)),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::GET,
            format!("{}/{id}", articles(B)),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::GET,
            format!("{}/{id}", articles(A)),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let body = if method == reqwest::Method::POST {
            article("Titipan", "berita", "terbit")
        } else {
            change.clone()
        };
        let res = app.send_json(method.clone(), &path, Some(&b), &body).await;
        assert_eq!(res.status(), expected, "{method} {path}");
    }
    let list = app.get_ok(&articles(A), Some(&b)).await;
    assert_eq!(list["total"], 0, "another desa's staff see no drafts");
    let mine = app.get_ok(&articles(A), Some(&a)).await;
    assert_eq!(mine["total"], 1);
    assert_eq!(mine["items"][0]["title"], "Draf desa A", "unchanged");
    assert_eq!(app.get_ok(&articles(B), Some(&b)).await["total"], 0);
    let res = app
        .get(&format!("/desa/{A}/admin/berita/{id}/ubah"), Some(&b))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .get(&format!("/desa/{B}/admin/berita/{id}/ubah"), Some(&b))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn article_markup_renders_inert(app: TestApp) {
    let op = app.desa_admin("op.a", A).await;
    let body = json!({
        "title": "<script>alert('judul')</script> Rapat",
        "category": "berita", "status": "terbit",
        "summary": "<img src=x onerror=alert(2)>",
        "body": "Halo <script>alert(1)</script>\n\n<img src=x onerror=alert(3)>\n\n[klik](javascript:alert(4))\n\n<svg onload=alert(5)></svg>\n\n<a href=\"javascript:alert(6)\">x</a>"
    });
    let a = write(&app, &op, A, &body).await;
    let html = a["body_html"].as_str().unwrap();
    for bad in ["<script", "onerror", "javascript:", "<svg", "onload"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    for path in [
        page_of(&a),
        format!("/desa/{A}/berita"),
        format!("/desa/{A}"),
        "/kabar".to_string(),
    ] {
        let (status, page) = text(&app, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for bad in [
            "<script>alert",
            "<img src=x onerror",
            "javascript:alert",
            "<svg onload",
        ] {
            assert!(!page.contains(bad), "{bad} on {path}");
        }
        assert!(
            page.contains("&lt;script&gt;") || page.contains("&#60;script&#62;"),
            "{path}: the title shown as text"
        );
    }
    let (_, atom) = text(&app, &format!("/desa/{A}/berita.atom")).await;
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        !content.contains("<script") && !content.contains("onerror"),
        "{content}"
    );
}

/// The address of a photo the API gave, on this server.
fn path_of(url: &Value) -> String {
    url.as_str().unwrap().replace("http://127.0.0.1:0", "")
}

async fn article_covers_follow_the_upload_rules_and_stay_within_their_desa(app: TestApp) {
    let a = app.desa_admin("op.a", A).await;
    let b = app.desa_admin("op.b", B).await;
    let shown = write(
        &app,
        &a,
        A,
        &article("Panen bandeng", "perikanan", "terbit"),
    )
    .await;
    let id = shown["id"].as_str().unwrap();
    let cover = format!("{}/{id}/cover", articles(A));
    app.assert_bad_photos_refused(&cover, &a).await;
    let one = format!("{}/{id}", articles(A));
    assert!(
        app.get_ok(&one, None).await["cover"].is_null(),
        "no cover kept"
    );

    // Another desa's staff can neither set nor take it, by either desa's address.
    for (path, expected) in [
        (cover.clone(), StatusCode::FORBIDDEN),
        (format!("{}/{id}/cover", articles(B)), StatusCode::NOT_FOUND),
    ] {
        let res = app.put_photo(&path, &b, jpeg_with_gps()).await;
        assert_eq!(res.status(), expected, "PUT {path}");
        let res = app.delete(&path, Some(&b)).await;
        assert_eq!(res.status(), expected, "DELETE {path}");
    }
    assert_eq!(app.stored_photos(), 0);

    let res = app.put_photo(&cover, &a, jpeg_with_gps()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let with: Value = res.json().await.unwrap();
    let first = with["cover"].clone();
    assert_eq!(
        (first["width"].as_i64(), first["height"].as_i64()),
        (Some(640), Some(480))
    );
    assert_eq!(app.stored_photos(), 2, "two widths");
    app.assert_clean_photo(&first["url"]).await;
    app.assert_clean_photo(&first["thumb_url"]).await;
    let res = app.get(&path_of(&first["url"]), None).await;
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let (_, html) = text(&app, &page_of(&shown)).await;
    assert!(
        html.contains("<meta property=\"og:image\"")
            && html.contains("srcset=")
            && html.contains("400w"),
        "{html}"
    );
    let (_, list) = text(&app, &format!("/desa/{A}/berita")).await;
    assert!(list.contains(&path_of(&first["thumb_url"])));
    // Under the other desa's address the photo is not found.
    let elsewhere = path_of(&first["url"]).replace(&format!("/desa/{A}/"), &format!("/desa/{B}/"));
    assert_eq!(
        app.get(&elsewhere, None).await.status(),
        StatusCode::NOT_FOUND
    );

    // A new cover gets a new address; the old files go.
    let res = app.put_photo(&cover, &a, jpeg_with_gps()).await;
    let second = res.json::<Value>().await.unwrap()["cover"].clone();
    assert_ne!(second["url"], first["url"]);
    assert_eq!(app.stored_photos(), 2);
    assert_eq!(
        app.get(&path_of(&first["url"]), None).await.status(),
        StatusCode::NOT_FOUND
    );

    // A draft's cover is the staff's only.
    let draft = write(&app, &a, A, &article("Draf bersampul", "berita", "draf")).await;
    let draft_cover = format!("{}/{}/cover", articles(A), draft["id"].as_str().unwrap());
    let res = app.put_photo(&draft_cover, &a, jpeg_with_gps()).await;
    let hidden = res.json::<Value>().await.unwrap()["cover"]["thumb_url"].clone();
    assert_eq!(
        app.get(&path_of(&hidden), None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path_of(&hidden), Some(&b)).await.status(),
        StatusCode::NOT_FOUND
    );
    let own = app.get(&path_of(&hidden), Some(&a)).await;
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(
        own.headers()["cache-control"],
        "private, no-store",
        "no shared cache keeps it"
    );
    assert_eq!(app.stored_photos(), 4);

    // Taking a cover away, and deleting an article, leave no file behind.
    let res = app.delete(&cover, Some(&a)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.json::<Value>().await.unwrap()["cover"].is_null());
    assert_eq!(app.stored_photos(), 2);
    let res = app
        .delete(
            &format!("{}/{}", articles(A), draft["id"].as_str().unwrap()),
            Some(&a),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.stored_photos(), 0);
}

/// The same conditional request, answered from memory while nothing changes, gets the new page
/// once a scheduled article's time has come (nothing was written at that moment).
async fn a_page_kept_in_memory_changes_when_a_scheduled_article_appears(app: TestApp) {
    let a = app.desa_admin("op.a", A).await;
    write(&app, &a, A, &article("Sudah terbit", "berita", "terbit")).await;
    let mut soon = article("Terbit sebentar lagi", "pengumuman", "terbit");
    soon["publish_at"] = json!(from_now(2));
    write(&app, &a, A, &soon).await;
    let list = format!("/desa/{A}/berita");
    let res = app.get(&list, None).await;
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert!(!res.text().await.unwrap().contains("Terbit sebentar lagi"));
    let ask = || {
        app.client
            .get(app.url(&list))
            .header("if-none-match", &etag)
            .send()
    };
    assert_eq!(ask().await.unwrap().status(), StatusCode::NOT_MODIFIED);
    assert_eq!(ask().await.unwrap().status(), StatusCode::NOT_MODIFIED);
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let after = ask().await.unwrap();
    assert_eq!(after.status(), StatusCode::OK);
    assert!(after.text().await.unwrap().contains("Terbit sebentar lagi"));
}
