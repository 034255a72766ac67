//! The desa's site beyond its news and projects: the profile (history, vision and mission,
//! area, neighbours, office), the figures every module gives it, and the perangkat desa and BPD
//! with their photos; checked input, markup that cannot run, nothing changed by another desa.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, jpeg_with_gps, TestApp, PASSWORD};

on_both_backends!(
    the_profile_is_checked_and_shown_with_the_desa_figures,
    officials_are_kept_in_order_with_their_photos,
    officials_and_profile_stay_within_their_desa,
    potensi_is_checked_and_shown_as_a_table_charts_and_json,
    the_desa_photo_follows_the_upload_rules_and_stays_within_its_desa,
);

const A: &str = "kramatwatu";
const B: &str = "cinangka";

fn officials(desa: &str) -> String {
    format!("/api/v1/desa/{desa}/officials")
}

async fn page(app: &TestApp, path: &str) -> String {
    let res = app.get(path, None).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

async fn the_profile_is_checked_and_shown_with_the_desa_figures(app: TestApp) {
    let admin = app.desa_admin("admin.a", A).await;
    crate::import_export::import_rows(&app, &admin, A, &crate::import_export::rows(3)).await;
    let profile = format!("/api/v1/desa/{A}/profile");
    for (field, body) in [
        ("area_ha", json!({"area_ha": -5})),
        ("area_ha", json!({"area_ha": 0})),
        ("area_ha", json!({"area_ha": "luas"})),
        ("coordinates", json!({"coordinates": [48.85, 2.35]})),
        ("coordinates", json!({"coordinates": [-6.06]})),
        ("vision", json!({"vision": "v".repeat(1001)})),
        ("motto", json!({"motto": "Maju"})),
    ] {
        let res = app.patch(&profile, Some(&admin), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    let before = app.get_ok(&format!("/api/v1/desa/{A}"), None).await;
    assert!(
        before["profile"]["area_ha"].is_null(),
        "nothing stored from bad input"
    );

    let res = app
        .patch(
            &profile,
            Some(&admin),
            &json!({"history": "Desa ini berdiri tahun **1942**. <script>alert(1)</script>",
                    "vision": "Kramatwatu maju dan sejahtera", "mission": "- Pelayanan cepat\n- Jalan mulus",
                    "area_ha": 412.5, "border_north": "Laut Jawa", "border_east": "Desa Margasana",
                    "border_south": "Desa Pejaten", "border_west": "Desa Serdang",
                    "office_hours": "Senin–Jumat 08.00–15.00 WIB", "coordinates": [-6.0667, 106.0833]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = page(&app, &format!("/desa/{A}/profil")).await;
    for needle in [
        "<strong>1942</strong>",
        "Kramatwatu maju dan sejahtera",
        "<li>Jalan mulus</li>",
        "412.5 ha",
        "Laut Jawa",
        "Desa Serdang",
        "Senin–Jumat 08.00–15.00 WIB",
        "mlat=-6.0667",
        "<link rel=\"canonical\"",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(
        !html.contains("<script>alert"),
        "the history's markup cannot run"
    );
    // The figures come from the population's kept counts: 3 cards of 4 in 3 RTs of one dusun.
    for (key, value) in [
        ("penduduk", "12 jiwa"),
        ("keluarga", "3 KK"),
        ("dusun", "1 dusun"),
        ("rw", "1 RW"),
        ("rt", "3 RT"),
    ] {
        assert!(
            html.contains(&format!("id=\"fact-{key}\">{value}")),
            "{key}"
        );
    }
    let home = page(&app, &format!("/desa/{A}")).await;
    assert!(home.contains("id=\"fact-penduduk\"") && home.contains("412.5"));
    // An empty desa says so rather than showing nothing.
    let empty = page(&app, &format!("/desa/{B}/profil")).await;
    assert!(empty.contains("Belum ditulis") && empty.contains("id=\"fact-penduduk\">0 jiwa"));
}

async fn officials_are_kept_in_order_with_their_photos(app: TestApp) {
    let op = app.desa_admin("op.a", A).await;
    for (field, body) in [
        (
            "body",
            json!({"body": "dpr", "name": "Siti", "title": "Ketua", "position": 1}),
        ),
        (
            "name",
            json!({"body": "bpd", "name": "", "title": "Ketua", "position": 1}),
        ),
        (
            "position",
            json!({"body": "bpd", "name": "Siti", "title": "Ketua", "position": 0}),
        ),
        (
            "term_end",
            json!({"body": "bpd", "name": "Siti", "title": "Ketua", "position": 1, "term_start": "2025-01-01", "term_end": "2024-01-01"}),
        ),
    ] {
        let res = app.post(&officials(A), Some(&op), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    assert_eq!(
        app.get_ok(&officials(A), None).await,
        json!([]),
        "nothing stored"
    );
    let mut made = Vec::new();
    for body in [
        json!({"body": "bpd", "name": "Hj. Siti Aminah", "title": "Ketua BPD", "position": 1}),
        json!({"body": "perangkat", "name": "Rahmat Hidayat", "title": "Sekretaris Desa", "position": 2}),
        json!({"body": "perangkat", "name": "H. Ahmad Suhaemi", "title": "Kepala Desa", "position": 1, "term_start": "2021-06-01", "term_end": "2027-06-01"}),
    ] {
        let res = app.post(&officials(A), Some(&op), &body).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        made.push(res.json::<Value>().await.unwrap());
    }
    let list = app.get_ok(&officials(A), None).await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["H. Ahmad Suhaemi", "Rahmat Hidayat", "Hj. Siti Aminah"],
        "perangkat first, in order"
    );

    let head = made[2]["id"].as_str().unwrap();
    let path = format!("{}/{head}/photo", officials(A));
    app.assert_bad_photos_refused(&path, &op).await;
    assert!(app.get_ok(&officials(A), None).await[0]["photo_url"].is_null());
    let res = app.put_photo(&path, &op, jpeg_with_gps()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let with: Value = res.json().await.unwrap();
    let url = with["photo_url"]
        .as_str()
        .unwrap()
        .replace("http://127.0.0.1:0", &app.address);
    let served = app.client.get(url).send().await.unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    let bytes = served.bytes().await.unwrap();
    assert!(
        !String::from_utf8_lossy(&bytes).contains("GPSLatitude"),
        "the camera's position is gone"
    );
    let html = page(&app, &format!("/desa/{A}/pemerintahan")).await;
    assert!(
        html.contains("H. Ahmad Suhaemi")
            && html.contains("Masa jabatan 2021–2027")
            && html.contains("Foto H. Ahmad Suhaemi")
    );

    let one = format!("{}/{head}", officials(A));
    let res = app
        .patch(&one, Some(&op), &json!({"title": "Kepala Desa Kramatwatu"}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .patch(&one, Some(&op), &json!({"term_end": "2020-01-01"}))
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        app.delete(&one, Some(&op)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get_ok(&officials(A), None)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let photo = format!("/desa/{A}/pemerintahan/foto/kecil/{head}.jpg");
    assert_eq!(
        app.get(&photo, None).await.status(),
        StatusCode::NOT_FOUND,
        "the photo went with the row"
    );
}

async fn officials_and_profile_stay_within_their_desa(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let res = app.post(&officials(A), Some(&a), &json!({"body": "perangkat", "name": "<img src=x onerror=alert(1)>Budi", "title": "Kasi Pelayanan", "position": 3})).await;
    let o: Value = res.json().await.unwrap();
    let id = o["id"].as_str().unwrap();
    for (method, path, expected) in [
        (reqwest::Method::POST, officials(A), StatusCode::FORBIDDEN),
        (
            reqwest::Method::PATCH,
            format!("{}/{id}", officials(A)),
            StatusCode::FORBIDDEN,
        ),
        (
            reqwest::Method::DELETE,
            format!("{}/{id}", officials(A)),
            StatusCode::FORBIDDEN,
        ),
        (
            reqwest::Method::PATCH,
            format!("{}/{id}", officials(B)),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::DELETE,
            format!("{}/{id}", officials(B)),
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::PATCH,
            format!("/api/v1/desa/{A}/profile"),
            StatusCode::FORBIDDEN,
        ),
    ] {
        let body = json!({"body": "bpd", "name": "Titipan", "title": "Anggota", "position": 1});
        let body = if method == reqwest::Method::POST {
            body
        } else {
            json!({"title": "Diubah"})
        };
        let res = app.send_json(method.clone(), &path, Some(&b), &body).await;
        assert_eq!(res.status(), expected, "{method} {path}");
    }
    let res = app
        .put_photo(&format!("{}/{id}/photo", officials(A)), &b, jpeg_with_gps())
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .put_photo(&format!("{}/{id}/photo", officials(B)), &b, jpeg_with_gps())
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let list = app.get_ok(&officials(A), None).await;
    assert_eq!(
        (list[0]["title"].as_str(), list[0]["photo_url"].is_null()),
        (Some("Kasi Pelayanan"), true),
        "unchanged"
    );
    assert_eq!(app.get_ok(&officials(B), None).await, json!([]));
    assert_eq!(
        app.get(&format!("/desa/{A}/admin/pemerintahan"), Some(&b))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let html = page(&app, &format!("/desa/{A}/pemerintahan")).await;
    assert!(
        !html.contains("<img src=x onerror"),
        "a name with markup is shown as text"
    );
}

fn potensi(desa: &str) -> String {
    format!("/api/v1/desa/{desa}/potensi")
}

fn crop(commodity: &str, year: i32, production: f64) -> Value {
    json!({"commodity": commodity, "year": year, "area_ha": 120.5, "production": production,
           "unit": "ton", "harvest_months": [3, 4, 8, 9], "producers": 215})
}

async fn potensi_is_checked_and_shown_as_a_table_charts_and_json(app: TestApp) {
    let a = app.desa_admin("op.a", A).await;
    let b = app.desa_admin("op.b", B).await;
    for (field, value) in [
        ("commodity", json!("durian")),
        ("year", json!(1990)),
        ("harvest_months", json!([0, 13])),
        ("production", json!(-1)),
        ("unit", json!("liter")),
        ("producers", json!(-3)),
        ("area_ha", json!(0)),
    ] {
        let mut body = crop("padi", 2026, 840.0);
        body[field] = value;
        let res = app.post(&potensi(A), Some(&a), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert!(problem.to_string().contains(field), "{field}: {problem}");
    }
    let none = app.get_ok(&potensi(A), None).await;
    assert_eq!(
        (
            none["items"].as_array().unwrap().len(),
            none["year"].is_null()
        ),
        (0, true),
        "nothing stored"
    );
    let empty = page(&app, &format!("/desa/{A}/potensi")).await;
    assert!(empty.contains("id=\"empty\""));

    let mut fish = crop("bandeng", 2026, 96.0);
    fish["harvest_months"] = json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    fish["producers"] = json!(48);
    for body in [
        crop("padi", 2026, 800.0),
        fish,
        crop("udang", 2025, 12.0),
        crop("padi", 2026, 840.0),
    ] {
        let res = app.post(&potensi(A), Some(&a), &body).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
    }
    let latest = app.get_ok(&potensi(A), None).await;
    assert_eq!(latest["year"], 2026, "the latest year when none is asked");
    assert_eq!(latest["years"], json!([2026, 2025]));
    let items = latest["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        2,
        "a year's commodity is written again, not twice"
    );
    assert_eq!(
        (
            items[0]["commodity"].as_str(),
            items[0]["production"].as_f64()
        ),
        (Some("padi"), Some(840.0))
    );
    assert_eq!(items[0]["harvest_months"], json!([3, 4, 8, 9]));
    assert_eq!(
        (items[1]["commodity"].as_str(), items[1]["sector"].as_str()),
        (Some("bandeng"), Some("Perikanan & kelautan"))
    );
    let html = page(&app, &format!("/desa/{A}/potensi")).await;
    assert!(
        html.contains("id=\"potensi-padi\"")
            && html.contains("840 ton")
            && html.contains("sepanjang tahun")
    );
    assert!(
        html.contains("id=\"chart-producers\"") && html.contains("<svg"),
        "charted"
    );
    assert_eq!(
        app.get_ok(&format!("{}?year=2025", potensi(A)), None).await["items"][0]["commodity"],
        "udang"
    );

    // Another desa's staff: refused on A's address, not found on their own.
    let res = app
        .post(&potensi(A), Some(&b), &crop("padi", 2026, 1.0))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.delete(&format!("{}/padi/2026", potensi(A)), Some(&b))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.delete(&format!("{}/padi/2026", potensi(B)), Some(&b))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_ok(&potensi(A), None).await["items"][0]["production"],
        840.0,
        "unchanged"
    );
    assert_eq!(app.get_ok(&potensi(B), None).await["years"], json!([]));

    let res = app
        .delete(&format!("{}/durian/2026", potensi(A)), Some(&a))
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        app.delete(&format!("{}/udang/2025", potensi(A)), Some(&a))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get_ok(&potensi(A), None).await["years"], json!([2026]));
}

async fn the_desa_photo_follows_the_upload_rules_and_stays_within_its_desa(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    app.create_desa_user("op.a", "desa_operator", A).await;
    let operator = app.token("op.a", PASSWORD).await;
    let photo = |desa: &str| format!("/api/v1/desa/{desa}/profile/photo");
    app.assert_bad_photos_refused(&photo(A), &a).await;
    assert!(app.get_ok(&format!("/api/v1/desa/{A}"), None).await["photo"].is_null());
    let home = page(&app, &format!("/desa/{A}")).await;
    assert!(
        !home.contains("id=\"desa-photo\""),
        "no photo, no empty frame"
    );

    // Only the desa's own admin sets it.
    for (token, desa, expected) in [
        (&operator, A, StatusCode::FORBIDDEN),
        (&b, A, StatusCode::FORBIDDEN),
    ] {
        let res = app.put_photo(&photo(desa), token, jpeg_with_gps()).await;
        assert_eq!(res.status(), expected);
    }
    assert_eq!(app.stored_photos(), 0);

    let res = app.put_photo(&photo(A), &a, jpeg_with_gps()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let first = res.json::<Value>().await.unwrap()["photo"].clone();
    assert_eq!(app.stored_photos(), 2, "two widths");
    app.assert_clean_photo(&first["url"]).await;
    app.assert_clean_photo(&first["thumb_url"]).await;
    let home = page(&app, &format!("/desa/{A}")).await;
    assert!(home.contains("id=\"desa-photo\"") && home.contains("<meta property=\"og:image\""));
    let local = |url: &Value| url.as_str().unwrap().replace("http://127.0.0.1:0", "");
    let elsewhere = local(&first["url"]).replace(&format!("/desa/{A}/"), &format!("/desa/{B}/"));
    assert_eq!(
        app.get(&elsewhere, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(app.get_ok(&format!("/api/v1/desa/{B}"), None).await["photo"].is_null());

    // A new photo takes a new address; the old files go, and the old address is not found.
    let res = app.put_photo(&photo(A), &a, jpeg_with_gps()).await;
    let second = res.json::<Value>().await.unwrap()["photo"].clone();
    assert_ne!(second["url"], first["url"]);
    assert_eq!(app.stored_photos(), 2);
    assert_eq!(
        app.get(&local(&first["url"]), None).await.status(),
        StatusCode::NOT_FOUND
    );
    // The profile's text stays as it was written around the photo.
    let res = app
        .patch(
            &format!("/api/v1/desa/{A}/profile"),
            Some(&a),
            &json!({"vision": "Maju"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.json::<Value>().await.unwrap()["photo"]["url"],
        second["url"]
    );
}
