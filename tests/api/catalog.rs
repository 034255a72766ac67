//! The product catalogue of each desa and the regency e-mall: who may change what, what the
//! public sees, hostile input, and the e-mall's search.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, png_header_only, TestApp, PASSWORD};

const A: &str = "kramatwatu";
const B: &str = "pejaten";
/// In another kecamatan (Waringinkurung).
const C: &str = "waringinkurung";

on_both_backends!(
    a_desa_sells_and_the_emall_lists_what_is_for_sale,
    another_desa_and_another_seller_cannot_touch_a_product,
    stored_markup_renders_inert_and_the_order_link_stays_whatsapp,
    hostile_photos_are_refused_with_nothing_stored,
    the_emall_search_matches_every_word_ranks_and_pages_stably,
);

fn api(desa: &str, rest: &str) -> String {
    format!("/api/v1/desa/{desa}/{rest}")
}

async fn created(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn seller(app: &TestApp, desa: &str, token: &str, name: &str) -> Value {
    created(
        app.post(
            &api(desa, "sellers"),
            Some(token),
            &json!({"name": name, "whatsapp": "0812-3456-7890", "address": "Kp. Pasir RT 001/002"}),
        )
        .await,
    )
    .await
}

async fn product(app: &TestApp, desa: &str, token: &str, seller: &Value, body: Value) -> Value {
    let mut body = body;
    body["seller_id"] = seller["id"].clone();
    created(app.post(&api(desa, "products"), Some(token), &body).await).await
}

async fn count(app: &TestApp, desa: &str, token: Option<&str>) -> i64 {
    app.get_ok(&api(desa, "products"), token).await["total"]
        .as_i64()
        .unwrap()
}

async fn emall(app: &TestApp, query: &str) -> Value {
    app.get_ok(&format!("/api/v1/emall/products?{query}"), None)
        .await
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

/// A real photo: a PNG of `w` × `h` pixels.
fn photo(w: u32, h: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(w, h)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

async fn upload(app: &TestApp, path: &str, token: &str, bytes: Vec<u8>) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn a_desa_sells_and_the_emall_lists_what_is_for_sale(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let s = seller(&app, A, &a, "Keripik Bu Sarah").await;
    assert_eq!(s["whatsapp"], "+6281234567890");

    // Bad input: refused, with what to fix, and nothing stored.
    let bad = app
        .post(
            &api(A, "sellers"),
            Some(&a),
            &json!({"name": "Toko", "whatsapp": "0254-123456"}),
        )
        .await;
    let body = assert_problem(bad, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "whatsapp");
    for (wrong, field) in [
        (json!({"category": "elektronik"}), "category"),
        (json!({"price": -5}), "price"),
        (json!({"price": 20000, "price_max": 15000}), "price_max"),
        (json!({"name": "   "}), "name"),
    ] {
        let mut body = json!({"seller_id": s["id"], "name": "Keripik", "category": "makanan-minuman", "price": 15000, "unit": "bungkus"});
        for (k, v) in wrong.as_object().unwrap() {
            body[k] = v.clone();
        }
        let res = app.post(&api(A, "products"), Some(&a), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    assert_eq!(count(&app, A, Some(&a)).await, 0);

    let shown = product(&app, A, &a, &s, json!({"name": "Keripik Pisang Tanduk", "category": "makanan-minuman", "price": 15000, "price_max": 20000, "unit": "bungkus 250 g", "description": "Renyah, **tanpa pengawet**."})).await;
    assert_eq!(shown["price_label"], "Rp 15.000 – Rp 20.000");
    assert!(shown["order_url"]
        .as_str()
        .unwrap()
        .starts_with("https://wa.me/6281234567890?text="));
    let hidden = product(&app, A, &a, &s, json!({"name": "Emping Melinjo", "category": "makanan-minuman", "price": 30000, "unit": "kg", "published": false})).await;
    let sold_out = product(&app, A, &a, &s, json!({"name": "Gula Aren Cetak", "category": "pertanian", "price": 25000, "unit": "kg", "available": false})).await;

    // The public sees the published ones, the sold-out one marked; staff see all three.
    let public = app.get_ok(&api(A, "products"), None).await;
    let mut listed = names(&public);
    listed.sort();
    assert_eq!(listed, ["Gula Aren Cetak", "Keripik Pisang Tanduk"]);
    let marked = public["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == sold_out["id"])
        .unwrap();
    assert_eq!(marked["available"], false);
    assert_eq!(count(&app, A, Some(&a)).await, 3);
    let res = app
        .get(
            &api(A, &format!("products/{}", hidden["id"].as_str().unwrap())),
            None,
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let page = app
        .client
        .get(app.url(&format!("/desa/{A}/produk")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Keripik Pisang Tanduk") && page.contains("Stok habis"));
    assert!(!page.contains("Emping Melinjo"));

    // The e-mall: published and available only.
    assert_eq!(names(&emall(&app, "").await), ["Keripik Pisang Tanduk"]);
    // Published again, available again: it comes in; unpublished: it goes.
    let res = app
        .patch(
            &api(A, &format!("products/{}", sold_out["id"].as_str().unwrap())),
            Some(&a),
            &json!({"available": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .patch(
            &api(A, &format!("products/{}", shown["id"].as_str().unwrap())),
            Some(&a),
            &json!({"published": false}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(names(&emall(&app, "").await), ["Gula Aren Cetak"]);
    assert_eq!(names(&emall(&app, "q=pisang").await), Vec::<String>::new());
    // The kept counts follow a change of category, and agree with a count of the products.
    let res = app
        .patch(
            &api(A, &format!("products/{}", sold_out["id"].as_str().unwrap())),
            Some(&a),
            &json!({"category": "makanan-minuman"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    for (query, total) in [
        ("category=pertanian", 0),
        ("category=makanan-minuman", 1),
        ("", 1),
        ("price_min=0", 1),
        ("category=pertanian&price_max=99999", 0),
    ] {
        let page = emall(&app, query).await;
        assert_eq!(
            (
                page["total"].as_i64(),
                page["items"].as_array().unwrap().len()
            ),
            (Some(total), total as usize),
            "{query}"
        );
    }

    // A product of an inactive desa stays out.
    let regency = app.admin_token().await;
    let res = app
        .patch(
            &format!("/api/v1/kabupaten/desa/{A}"),
            Some(&regency),
            &json!({"active": false}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(emall(&app, "").await["total"], 0);
    assert_eq!(emall(&app, "q=gula").await["total"], 0);

    // Deleting a product takes its photos; a seller with products cannot be deleted.
    let res = app
        .patch(
            &format!("/api/v1/kabupaten/desa/{A}"),
            Some(&regency),
            &json!({"active": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .delete(
            &api(A, &format!("sellers/{}", s["id"].as_str().unwrap())),
            Some(&a),
        )
        .await;
    assert_problem(res, StatusCode::CONFLICT).await;
    let res = app
        .delete(
            &api(A, &format!("products/{}", hidden["id"].as_str().unwrap())),
            Some(&a),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(count(&app, A, Some(&a)).await, 2);

    // The regency's figures count them.
    let summary = app
        .get_ok("/api/v1/kabupaten/summary", Some(&regency))
        .await;
    assert_eq!(
        (
            summary["products"].as_i64(),
            summary["products_listed"].as_i64(),
            summary["sellers"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    let row = summary["desa"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slug"] == A)
        .unwrap();
    assert_eq!(row["catalog"]["by_category"], json!({"makanan-minuman": 2}));
}

async fn another_desa_and_another_seller_cannot_touch_a_product(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let s1 = seller(&app, A, &a, "Bandeng Bu Imah").await;
    let s2 = seller(&app, A, &a, "Anyaman Pak Dul").await;
    let p1 = product(
        &app,
        A,
        &a,
        &s1,
        json!({"name": "Bandeng Presto", "category": "perikanan", "price": 45000, "unit": "ekor"}),
    )
    .await;
    let p2 = product(&app, A, &a, &s2, json!({"name": "Tas Anyaman Pandan", "category": "kerajinan", "price": 60000, "unit": "buah"})).await;
    let id1 = p1["id"].as_str().unwrap();
    let id2 = p2["id"].as_str().unwrap();

    // Desa B's staff: refused on A's paths, and A's ids are unknown on B's.
    let attempt = json!({"seller_id": s1["id"], "name": "Palsu", "category": "lainnya", "price": 1, "unit": "x"});
    let res = app.post(&api(A, "products"), Some(&b), &attempt).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app.post(&api(B, "products"), Some(&b), &attempt).await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    let res = app
        .patch(
            &api(A, &format!("products/{id1}")),
            Some(&b),
            &json!({"name": "Diubah B"}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .patch(
            &api(B, &format!("products/{id1}")),
            Some(&b),
            &json!({"name": "Diubah B"}),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = app
        .delete(&api(A, &format!("products/{id1}")), Some(&b))
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .delete(&api(B, &format!("products/{id1}")), Some(&b))
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = upload(
        &app,
        &api(B, &format!("products/{id1}/photos")),
        &b,
        photo(64, 48),
    )
    .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = app
        .patch(
            &api(A, &format!("sellers/{}", s1["id"].as_str().unwrap())),
            Some(&b),
            &json!({"name": "Diubah B"}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .patch(
            &api(B, &format!("sellers/{}", s1["id"].as_str().unwrap())),
            Some(&b),
            &json!({"name": "Diubah B"}),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = app.get(&api(A, "sellers"), Some(&b)).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .post(
            &api(
                A,
                &format!("sellers/{}/account", s1["id"].as_str().unwrap()),
            ),
            Some(&b),
            &json!({"username": "curang", "password": PASSWORD}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;

    // Seller 1's own account: its products only.
    let res = app
        .post(
            &api(
                A,
                &format!("sellers/{}/account", s1["id"].as_str().unwrap()),
            ),
            Some(&a),
            &json!({"username": "bandeng.imah", "password": PASSWORD}),
        )
        .await;
    let account = created(res).await;
    assert_eq!(account["role"], "umkm");
    let again = app
        .post(
            &api(
                A,
                &format!("sellers/{}/account", s1["id"].as_str().unwrap()),
            ),
            Some(&a),
            &json!({"username": "bandeng.imah2", "password": PASSWORD}),
        )
        .await;
    assert_problem(again, StatusCode::CONFLICT).await;
    let seller1 = app.token("bandeng.imah", PASSWORD).await;
    let res = app
        .patch(
            &api(A, &format!("products/{id1}")),
            Some(&seller1),
            &json!({"price": 47000}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .patch(
            &api(A, &format!("products/{id2}")),
            Some(&seller1),
            &json!({"name": "Diubah penjual lain"}),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = app
        .delete(&api(A, &format!("products/{id2}")), Some(&seller1))
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = upload(
        &app,
        &api(A, &format!("products/{id2}/photos")),
        &seller1,
        photo(64, 48),
    )
    .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let mut for_other = attempt.clone();
    for_other["seller_id"] = s2["id"].clone();
    let res = app
        .post(&api(A, "products"), Some(&seller1), &for_other)
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    // Its own, without naming a seller: its seller.
    let own = created(app.post(&api(A, "products"), Some(&seller1), &json!({"name": "Otak-otak Bandeng", "category": "perikanan", "price": 20000, "unit": "pak"})).await).await;
    assert_eq!(own["seller"]["id"], s1["id"]);
    // Nothing else of the desa: sellers, residents, another desa's catalogue.
    for path in [api(A, "sellers"), api(A, "residents"), api(A, "users")] {
        let res = app.get(&path, Some(&seller1)).await;
        assert_problem(res, StatusCode::FORBIDDEN).await;
    }
    let res = app
        .post(&api(B, "products"), Some(&seller1), &attempt)
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    // The staff list shows everything of the desa; the seller's own list only its products.
    let mine = app.get_ok(&api(A, "products"), Some(&seller1)).await;
    let mut listed = names(&mine);
    listed.sort();
    assert_eq!(listed, ["Bandeng Presto", "Otak-otak Bandeng"]);
    let p2_after = app.get_ok(&api(A, &format!("products/{id2}")), None).await;
    assert_eq!(p2_after["name"], "Tas Anyaman Pandan");
    let p1_after = app.get_ok(&api(A, &format!("products/{id1}")), None).await;
    assert_eq!(p1_after["name"], "Bandeng Presto");
    assert_eq!(p1_after["price"], 47000);
}

async fn stored_markup_renders_inert_and_the_order_link_stays_whatsapp(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let s = seller(&app, A, &a, "<script>alert('penjual')</script>").await;
    let res = app
        .post(
            &api(A, "sellers"),
            Some(&a),
            &json!({"name": "Jahat", "whatsapp": "javascript:alert(1)//0812345678"}),
        )
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    let res = app
        .post(
            &api(A, "sellers"),
            Some(&a),
            &json!({"name": "Jahat", "whatsapp": "https://evil.example/0812345678"}),
        )
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    let p = product(&app, A, &a, &s, json!({
        "name": "<img src=x onerror=alert(1)>Keripik</script>",
        "category": "makanan-minuman", "price": 1000, "unit": "bungkus",
        "description": "Enak <script>alert(2)</script> [klik](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a> <iframe src=//evil.example></iframe>"
    })).await;
    let order = p["order_url"].as_str().unwrap();
    assert!(
        order.starts_with("https://wa.me/6281234567890?text="),
        "{order}"
    );
    assert!(
        !order[15..].contains('/') && !order.contains('<') && !order.contains(' '),
        "{order}"
    );
    for path in [
        format!("/desa/{A}/produk/{}", p["id"].as_str().unwrap()),
        format!("/desa/{A}/produk"),
        format!("/desa/{A}/umkm/{}", s["id"].as_str().unwrap()),
        "/emall?q=keripik".to_string(),
    ] {
        let html = app
            .client
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for live in [
            "<script>alert",
            "<img src=x",
            "javascript:alert",
            "<iframe",
            "</script>Keripik",
        ] {
            assert!(!html.contains(live), "{path} holds {live}");
        }
        assert!(
            html.contains("&#60;img") || html.contains("&lt;img"),
            "{path}: the name is shown, escaped"
        );
    }
    let page = app
        .client
        .get(app.url(&format!("/desa/{A}/produk/{}", p["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let json_ld = page
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let data: Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(data["@type"], "Product");
    assert_eq!(data["offers"]["priceCurrency"], "IDR");
    assert_eq!(data["name"], "<img src=x onerror=alert(1)>Keripik</script>");
    assert!(page.contains("property=\"og:title\""));
}

async fn hostile_photos_are_refused_with_nothing_stored(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let s = seller(&app, A, &a, "Kerajinan Bambu").await;
    let p = product(
        &app,
        A,
        &a,
        &s,
        json!({"name": "Besek Bambu", "category": "kerajinan", "price": 5000, "unit": "buah"}),
    )
    .await;
    let path = api(A, &format!("products/{}/photos", p["id"].as_str().unwrap()));
    let stored = || {
        let dir = app.settings.storage.dir.join("photos");
        std::fs::read_dir(&dir).map_or(0, |desa| {
            desa.flatten()
                .map(|d| std::fs::read_dir(d.path()).map_or(0, |f| f.count()))
                .sum::<usize>()
        })
    };
    let mut truncated_jpeg = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::new_rgb8(200, 200)
            .write_to(&mut out, image::ImageFormat::Jpeg)
            .unwrap();
        out.into_inner()
    };
    truncated_jpeg.truncate(300);
    let hostile: Vec<(&str, Vec<u8>, StatusCode)> = vec![
        (
            "svg with a script",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "html",
            b"<!doctype html><script>alert(1)</script>".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "pdf",
            b"%PDF-1.4\n1 0 obj\n".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "a png declaring 60000 x 60000 pixels",
            png_header_only(60_000, 60_000),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "a truncated jpeg",
            truncated_jpeg,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "a 9 MiB body",
            vec![0xFF; 9 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "a 4 x 4 image",
            photo(4, 4),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("nothing", Vec::new(), StatusCode::BAD_REQUEST),
    ];
    for (what, bytes, status) in hostile {
        let res = upload(&app, &path, &a, bytes).await;
        assert_eq!(res.status(), status, "{what}");
        assert_eq!(stored(), 0, "{what}");
    }
    assert_eq!(
        app.get_ok(
            &api(A, &format!("products/{}", p["id"].as_str().unwrap())),
            None
        )
        .await["photos"],
        json!([])
    );

    // A real photo: kept re-encoded as JPEG, made smaller, in two sizes; five at most.
    let first = created(upload(&app, &path, &a, photo(2400, 1800)).await).await;
    assert_eq!(
        (first["width"].as_i64(), first["height"].as_i64()),
        (Some(1200), Some(900))
    );
    assert_eq!(stored(), 2);
    let served = app
        .client
        .get(
            first["thumb_url"]
                .as_str()
                .unwrap()
                .replace("http://127.0.0.1:0", &app.address),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let bytes = served.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);
    for _ in 0..4 {
        created(upload(&app, &path, &a, photo(64, 48)).await).await;
    }
    let sixth = upload(&app, &path, &a, photo(64, 48)).await;
    assert_problem(sixth, StatusCode::CONFLICT).await;
    assert_eq!(stored(), 10);
    // Deleting the product removes its files.
    let res = app
        .delete(
            &api(A, &format!("products/{}", p["id"].as_str().unwrap())),
            Some(&a),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(stored(), 0);
}

async fn the_emall_search_matches_every_word_ranks_and_pages_stably(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let c = app.desa_admin("admin.c", C).await;
    let sa = seller(&app, A, &a, "Dapur Bu Sarah").await;
    let sb = seller(&app, B, &b, "Empang Pak Haji").await;
    let sc = seller(&app, C, &c, "Sentra Bambu").await;
    let item = |name: &str, category: &str, price: i64, description: &str| json!({"name": name, "category": category, "price": price, "unit": "bungkus", "description": description});
    product(
        &app,
        A,
        &a,
        &sa,
        item(
            "Keripik Pisang Tanduk",
            "makanan-minuman",
            15000,
            "Pisang tanduk pilihan.",
        ),
    )
    .await;
    product(
        &app,
        A,
        &a,
        &sa,
        item(
            "Kripik Singkong Pedas",
            "makanan-minuman",
            12000,
            "Singkong dari kebun sendiri.",
        ),
    )
    .await;
    product(
        &app,
        B,
        &b,
        &sb,
        item(
            "Bandeng Presto Duri Lunak",
            "perikanan",
            45000,
            "Bandeng tambak Pejaten.",
        ),
    )
    .await;
    product(
        &app,
        B,
        &b,
        &sb,
        item("Keripik Kulit Bandeng", "makanan-minuman", 25000, "Gurih."),
    )
    .await;
    product(
        &app,
        C,
        &c,
        &sc,
        item(
            "Anyaman Bambu",
            "kerajinan",
            75000,
            "Cocok untuk wadah keripik.",
        ),
    )
    .await;

    // A server with fresh connections (a restart, another instance) shows the same at once.
    let fresh = app.restart().await;
    assert_eq!(
        fresh.get_ok("/api/v1/emall/products", None).await["items"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        fresh.get_ok("/api/v1/emall/products?q=bandeng", None).await["total"],
        2
    );
    // No words: newest first.
    assert_eq!(
        names(&emall(&app, "").await),
        [
            "Anyaman Bambu",
            "Keripik Kulit Bandeng",
            "Bandeng Presto Duri Lunak",
            "Kripik Singkong Pedas",
            "Keripik Pisang Tanduk"
        ]
    );
    // Any case; the name counts more than the description; the variant spelling comes after.
    let found = emall(&app, "q=KERIPIK").await;
    assert_eq!(
        names(&found),
        [
            "Keripik Kulit Bandeng",
            "Keripik Pisang Tanduk",
            "Kripik Singkong Pedas",
            "Anyaman Bambu"
        ]
    );
    let scores: Vec<i64> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["score"].as_i64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // "kripik" is the same word spelled loosely: the exact one ranks first.
    assert_eq!(
        names(&emall(&app, "q=kripik").await)[0],
        "Kripik Singkong Pedas"
    );
    assert_eq!(emall(&app, "q=kripik").await["total"], 4);
    // Every word must match, in any order, and a word's beginning is enough.
    assert_eq!(
        names(&emall(&app, "q=presto%20bandeng").await),
        ["Bandeng Presto Duri Lunak"]
    );
    assert_eq!(
        names(&emall(&app, "q=band%20pres").await),
        ["Bandeng Presto Duri Lunak"]
    );
    // The seller and the desa are words too.
    assert_eq!(
        names(&emall(&app, "q=sarah%20pisang").await),
        ["Keripik Pisang Tanduk"]
    );
    assert_eq!(emall(&app, "q=pejaten").await["total"], 2);
    // Filters combined; price bounds inclusive.
    assert_eq!(
        names(
            &emall(
                &app,
                "q=keripik&category=makanan-minuman&price_min=15000&price_max=25000"
            )
            .await
        ),
        ["Keripik Kulit Bandeng", "Keripik Pisang Tanduk"]
    );
    assert_eq!(
        names(&emall(&app, "price_min=12000&price_max=12000").await),
        ["Kripik Singkong Pedas"]
    );
    let profile = app.get_ok(&format!("/api/v1/desa/{C}"), None).await;
    let kecamatan = profile["kecamatan"]["code"].as_str().unwrap();
    assert_eq!(
        names(&emall(&app, &format!("kecamatan={kecamatan}")).await),
        ["Anyaman Bambu"]
    );
    assert_eq!(
        names(&emall(&app, &format!("desa={B}&q=keripik")).await),
        ["Keripik Kulit Bandeng"]
    );
    assert_eq!(
        names(&emall(&app, "sort=termurah&category=makanan-minuman").await),
        [
            "Kripik Singkong Pedas",
            "Keripik Pisang Tanduk",
            "Keripik Kulit Bandeng"
        ]
    );
    // Pages read twice are the same, and together they are the whole result.
    let mut all = Vec::new();
    for page in 1..=3 {
        let once = names(&emall(&app, &format!("q=keripik&per_page=2&page={page}")).await);
        let twice = names(&emall(&app, &format!("q=keripik&per_page=2&page={page}")).await);
        assert_eq!(once, twice);
        all.extend(once);
    }
    assert_eq!(all, names(&found));
    // Wrong filters are named.
    for (query, field) in [
        ("category=elektronik", "category"),
        ("kecamatan=99.99.99", "kecamatan"),
        ("desa=atlantis", "desa"),
        ("price_min=50000&price_max=100", "price_max"),
        ("price_min=murah", "price_min"),
        ("sort=acak", "sort"),
    ] {
        let res = app
            .get(&format!("/api/v1/emall/products?{query}"), None)
            .await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["errors"][0]["field"], field, "{query}");
    }
    let page = app
        .client
        .get(app.url("/emall?q=bandeng%20presto"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Bandeng Presto Duri Lunak") && page.contains("1 produk"));
}
