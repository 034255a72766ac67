//! The pages in a real browser: headless Chromium driven over WebDriver.

use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::support::{Backend, TestApp, ADMIN_PASSWORD, PASSWORD};

/// Chromium under chromedriver, ended when dropped.
struct Browser {
    client: Client,
    _driver: tokio::process::Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `None` when chromedriver is not installed (outside CI; `.ci/run` installs it).
    async fn start() -> Option<Browser> {
        let driver_path = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists());
        let Some(driver_path) = driver_path else {
            assert!(
                std::env::var("CI").is_err(),
                "CI harus memasang chromium-driver"
            );
            eprintln!("chromedriver tidak ada: uji peramban dilewati");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = tokio::process::Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=412,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            if let Ok(client) = ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                return Some(Browser {
                    client,
                    _driver: driver,
                    _profile: profile,
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not start");
    }
}

/// The text of the element, once the page shows it (a form's answer may still be loading).
async fn text_of(c: &Client, id: &str) -> String {
    c.wait()
        .for_element(Locator::Id(id))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Polls until `css` matches `n` elements (a form's answer reloads the page); the last count.
async fn count_becomes(c: &Client, css: &str, n: usize) -> usize {
    let mut count = 0;
    for _ in 0..100 {
        count = c
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0);
        if count == n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    count
}

/// Polls until the element's text is `expected`; the last text seen. The element goes stale
/// while the next page loads.
async fn text_becomes(c: &Client, id: &str, expected: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        if let Ok(e) = c.find(Locator::Id(id)).await {
            text = e.text().await.unwrap_or_default();
            if text == expected {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    text
}

async fn sign_in(c: &Client, app: &TestApp, username: &str, password: &str) {
    c.goto(&app.url("/masuk")).await.unwrap();
    c.find(Locator::Id("username"))
        .await
        .unwrap()
        .send_keys(username)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    c.find(Locator::Css("#login-form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// A screenshot in the temporary folder, to look at what a test saw.
async fn shot(c: &Client, name: &str) {
    if let Ok(png) = c.screenshot().await {
        std::fs::write(std::env::temp_dir().join(name), png).ok();
    }
}

/// Signs a desa's staff member in and waits for their admin home.
async fn sign_in_staff(c: &Client, app: &TestApp, username: &str) {
    sign_in(c, app, username, PASSWORD).await;
    c.wait()
        .for_element(Locator::Id("nav-residents"))
        .await
        .unwrap();
}

#[actix_web::test]
async fn regency_admin_signs_in_and_filters_desa_by_kecamatan() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let c = &browser.client;

    // A wrong password shows the error on the page.
    sign_in(c, &app, "admin", "salah-sekali").await;
    assert!(text_of(c, "login-error").await.contains("salah"));

    sign_in(c, &app, "admin", ADMIN_PASSWORD).await;
    c.wait().for_element(Locator::Id("summary")).await.unwrap();
    assert!(c
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/kabupaten"));
    assert!(text_of(c, "summary")
        .await
        .contains("326 dari 326 desa aktif di 29 kecamatan"));
    assert_eq!(text_of(c, "count").await, "326 desa ditampilkan.");

    // Choosing a kecamatan filters the list (the select submits itself).
    let baros: Vec<Value> = app.get("/api/v1/desa", None).await.json().await.unwrap();
    let baros = baros
        .iter()
        .filter(|d| d["kecamatan"]["name"] == "Baros")
        .count();
    c.find(Locator::Id("kecamatan"))
        .await
        .unwrap()
        .select_by_value("36.04.22")
        .await
        .unwrap();
    let shown = format!("{baros} desa ditampilkan.");
    assert_eq!(text_becomes(c, "count", &shown).await, shown);
    // Sorting by the requests waiting keeps the kecamatan chosen.
    c.find(Locator::Id("sort"))
        .await
        .unwrap()
        .select_by_value("menunggu")
        .await
        .unwrap();
    for _ in 0..100 {
        let here = c.current_url().await.unwrap();
        if here.query().is_some_and(|q| q.contains("sort=menunggu")) {
            assert!(here.query().unwrap().contains("kecamatan=36.04.22"));
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(text_becomes(c, "count", &shown).await, shown);
    shot_at(c, 390, "sid-kabupaten-390.png").await;
    shot_at(c, 1280, "sid-kabupaten-1280.png").await;
    let rows = c
        .find_all(Locator::Css("#desa-table tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), baros);

    // A repeated name opens the desa of that kecamatan.
    c.find(Locator::Css("a[href='/desa/sukamanah-baros']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("desa-name"))
        .await
        .unwrap();
    assert_eq!(text_of(c, "desa-name").await, "Desa Sukamanah");
    assert!(text_of(c, "desa-kecamatan")
        .await
        .contains("Kecamatan Baros"));

    // Signing out ends the session: the regency page sends back to sign-in.
    c.find(Locator::Id("logout"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("nav-login"))
        .await
        .unwrap();
    c.goto(&app.url("/kabupaten")).await.unwrap();
    c.wait()
        .for_element(Locator::Id("login-form"))
        .await
        .unwrap();
    browser.client.close().await.unwrap();
}

#[actix_web::test]
async fn desa_admin_lands_on_own_desa_and_is_kept_out_of_others() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.create_desa_user("admin.kramatwatu", "desa_admin", "kramatwatu")
        .await;
    let c = &browser.client;
    sign_in(c, &app, "admin.kramatwatu", PASSWORD).await;
    c.wait()
        .for_element(Locator::Id("admin-title"))
        .await
        .unwrap();
    assert_eq!(text_of(c, "admin-title").await, "Admin Desa Kramatwatu");
    assert!(c
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/desa/kramatwatu/admin"));

    c.goto(&app.url("/desa/pejaten/admin")).await.unwrap();
    // A readable page in the layout, not a JSON problem.
    assert_eq!(text_of(c, "error-title").await, "Akses ditolak");
    assert!(text_of(c, "error-detail")
        .await
        .contains("hanya untuk staf Desa Pejaten"));
    assert!(c.find(Locator::Id("admin-title")).await.is_err());
    // An unknown desa is a page too.
    c.goto(&app.url("/desa/atlantis")).await.unwrap();
    assert_eq!(text_of(c, "error-title").await, "Tidak ditemukan");
    browser.client.close().await.unwrap();
}

#[actix_web::test]
async fn staff_search_a_resident_open_the_family_and_record_a_birth() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    let people = [
        ("1980-03-04", false, "Ahmad Fauzi", 1),
        ("1984-07-21", true, "Siti Aminah", 2),
    ];
    let mut ids = Vec::new();
    for (born, female, name, serial) in people {
        let r = app
            .add_resident(
                "kramatwatu",
                &token,
                &crate::support::resident(
                    &crate::support::nik(born, female, serial),
                    name,
                    female,
                    born,
                ),
            )
            .await;
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/families",
            Some(&token),
            &json!({"no_kk": "3604051203150007", "head_id": ids[0], "address": "Kp. Krajan"}),
        )
        .await;
    let family: Value = res.json().await.unwrap();
    let fid = family["id"].as_str().unwrap().to_string();
    app.post(
        &format!("/api/v1/desa/kramatwatu/families/{fid}/members"),
        Some(&token),
        &json!({"resident_id": ids[1], "shdk": 3}),
    )
    .await;

    let c = &browser.client;
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    c.find(Locator::Id("nav-residents"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("search")).await.unwrap();
    assert_eq!(text_of(c, "result-count").await, "2 penduduk ditemukan.");

    // Search by part of the name, any case.
    c.find(Locator::Id("q"))
        .await
        .unwrap()
        .send_keys("FAUZ")
        .await
        .unwrap();
    c.find(Locator::Id("search-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The page before the search has rows too: wait for the new count.
    assert_eq!(
        text_becomes(c, "result-count", "1 penduduk ditemukan.").await,
        "1 penduduk ditemukan."
    );
    c.find(Locator::LinkText("Ahmad Fauzi"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("resident-name"))
        .await
        .unwrap();
    assert_eq!(text_of(c, "resident-name").await, "Ahmad Fauzi");

    // Open the family card.
    c.find(Locator::Id("family-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("family-title"))
        .await
        .unwrap();
    assert_eq!(
        text_of(c, "family-title").await,
        "Kartu Keluarga 3604051203150007"
    );
    assert_eq!(
        c.find_all(Locator::Css("#members tbody tr"))
            .await
            .unwrap()
            .len(),
        2
    );

    // Record a birth: first with a NIK that does not match the date (the error shows), then right.
    let born = (chrono::Utc::now().date_naive() - chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    let baby_nik = crate::support::nik(&born, true, 9);
    c.find(Locator::Id("child-nik"))
        .await
        .unwrap()
        .send_keys("3604051702850001")
        .await
        .unwrap();
    c.find(Locator::Id("child-name"))
        .await
        .unwrap()
        .send_keys("Zahra Fauziah")
        .await
        .unwrap();
    c.find(Locator::Id("child-sex"))
        .await
        .unwrap()
        .select_by_value("2")
        .await
        .unwrap();
    c.find(Locator::Id("child-place"))
        .await
        .unwrap()
        .send_keys("Serang")
        .await
        .unwrap();
    // A date input takes the locale's order; set it directly.
    c.execute(
        "document.getElementById('child-date').value = arguments[0];",
        vec![json!(born)],
    )
    .await
    .unwrap();
    c.find(Locator::Id("mother"))
        .await
        .unwrap()
        .select_by_value(&ids[1])
        .await
        .unwrap();
    c.find(Locator::Id("father"))
        .await
        .unwrap()
        .select_by_value(&ids[0])
        .await
        .unwrap();
    c.find(Locator::Id("record-birth"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css(".field-error"))
        .await
        .unwrap();
    let error = c
        .find(Locator::Css(".field-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(error.contains("NIK"), "{error}");
    assert_eq!(
        c.find_all(Locator::Css("#members tbody tr"))
            .await
            .unwrap()
            .len(),
        2
    );

    let field = c.find(Locator::Id("child-nik")).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(&baby_nik).await.unwrap();
    c.find(Locator::Id("record-birth"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The page reloads with the baby on the card.
    assert_eq!(count_becomes(c, "#members tbody tr", 3).await, 3);
    assert!(c.find(Locator::LinkText("Zahra Fauziah")).await.is_ok());
    let baby: Value = app
        .get_ok("/api/v1/desa/kramatwatu/residents?q=zahra", Some(&token))
        .await;
    assert_eq!(baby["items"][0]["nik"], baby_nik);

    // The month's books show the birth.
    c.goto(&app.url(&format!("/desa/kramatwatu/admin/buku?month={}", &born[..7])))
        .await
        .unwrap();
    assert!(c.find(Locator::Css("#recap")).await.is_ok());
    let book = c
        .find(Locator::Id("mutations"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        book.contains("Zahra Fauziah") && book.contains("birth"),
        "{book}"
    );

    // The public statistics page draws its charts.
    c.goto(&app.url("/desa/kramatwatu/statistik"))
        .await
        .unwrap();
    assert!(text_of(c, "totals").await.starts_with("3 penduduk hidup"));
    assert!(c.find(Locator::Css("#pyramid svg")).await.is_ok());
    shot(c, "sid-statistik.png").await;
    browser.client.close().await.unwrap();
}

async fn fill(c: &Client, id: &str, text: &str) {
    let field = c.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits until the page at `path` shows `css` (a form's answer reloads the page).
async fn wait_until_at(c: &Client, app: &TestApp, path: &str, css: &str) {
    for _ in 0..100 {
        let here = c.current_url().await.unwrap();
        if here.path() == path && c.find(Locator::Css(css)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{} did not show {css}", app.url(path));
}

#[actix_web::test]
async fn staff_correct_a_resident_record_a_move_in_and_split_the_family() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    let head = app
        .add_resident(
            "kramatwatu",
            &token,
            &crate::support::resident(
                &crate::support::nik("1970-01-05", false, 1),
                "Usman Hadi",
                false,
                "1970-01-05",
            ),
        )
        .await;
    let head_id = head["id"].as_str().unwrap().to_string();
    let son_nik = crate::support::nik("1995-06-10", false, 2);
    let son = app
        .add_resident(
            "kramatwatu",
            &token,
            &crate::support::resident(&son_nik, "Rudi Hartono", false, "1995-06-10"),
        )
        .await;
    let son_id = son["id"].as_str().unwrap().to_string();
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/families",
            Some(&token),
            &json!({"no_kk": "3604051203150007", "head_id": head_id, "address": "Kp. Krajan"}),
        )
        .await;
    let family: Value = res.json().await.unwrap();
    let fid = family["id"].as_str().unwrap().to_string();

    let c = &browser.client;
    sign_in_staff(c, &app, "admin.kramatwatu").await;

    // Correct the head's name and occupation; the form comes filled with today's values.
    let page = format!("/desa/kramatwatu/admin/penduduk/{head_id}");
    c.goto(&app.url(&page)).await.unwrap();
    click(c, "#correct-link").await;
    c.wait()
        .for_element(Locator::Id("resident-form"))
        .await
        .unwrap();
    let name = c.find(Locator::Id("name")).await.unwrap();
    assert_eq!(name.prop("value").await.unwrap().unwrap(), "Usman Hadi");
    // A wrong birth date for this NIK is refused beside the field, and nothing changes.
    c.execute(
        "document.getElementById('birth_date').value = '1971-01-05';",
        vec![],
    )
    .await
    .unwrap();
    click(c, "#save-resident").await;
    c.accept_alert().await.unwrap();
    c.wait()
        .for_element(Locator::Css(".field-error"))
        .await
        .unwrap();
    let unchanged: Value = app
        .get_ok(
            &format!("/api/v1/desa/kramatwatu/residents/{head_id}"),
            Some(&token),
        )
        .await;
    assert_eq!(unchanged["birth_date"], "1970-01-05");
    c.execute(
        "document.getElementById('birth_date').value = '1970-01-05';",
        vec![],
    )
    .await
    .unwrap();
    fill(c, "name", "Usman Hadi Saputra").await;
    c.find(Locator::Id("occupation"))
        .await
        .unwrap()
        .select_by_value("2")
        .await
        .unwrap();
    click(c, "#save-resident").await;
    c.accept_alert().await.unwrap();
    wait_until_at(c, &app, &page, "#resident-name").await;
    assert_eq!(text_of(c, "resident-name").await, "Usman Hadi Saputra");
    let corrected: Value = app
        .get_ok(
            &format!("/api/v1/desa/kramatwatu/residents/{head_id}"),
            Some(&token),
        )
        .await;
    assert_eq!(corrected["occupation"], 2);

    // A person arrives from outside the desa.
    c.goto(&app.url("/desa/kramatwatu/admin/penduduk"))
        .await
        .unwrap();
    click(c, "#move-in").await;
    c.wait().for_element(Locator::Id("origin")).await.unwrap();
    let arrived_nik = crate::support::nik("1998-02-14", true, 3);
    fill(c, "nik", &arrived_nik).await;
    fill(c, "name", "Dewi Lestari").await;
    c.find(Locator::Id("sex"))
        .await
        .unwrap()
        .select_by_value("2")
        .await
        .unwrap();
    fill(c, "birth_place", "Bandung").await;
    fill(c, "origin", "Kel. Cicendo, Kota Bandung").await;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    c.execute(
        "document.getElementById('birth_date').value = '1998-02-14';
         document.getElementById('date').value = arguments[0];",
        vec![json!(today)],
    )
    .await
    .unwrap();
    c.find(Locator::Id("shdk"))
        .await
        .unwrap()
        .select_by_value("11")
        .await
        .unwrap();
    click(c, "#save-resident").await;
    c.wait()
        .for_element(Locator::Id("resident-name"))
        .await
        .unwrap();
    assert_eq!(text_of(c, "resident-name").await, "Dewi Lestari");
    assert!(text_of(c, "events").await.contains("move_in"));

    // The family card: add the son by NIK, then split him off into his own card.
    let card = format!("/desa/kramatwatu/admin/keluarga/{fid}");
    c.goto(&app.url(&card)).await.unwrap();
    let open_all = "document.querySelectorAll('details').forEach(function (d) { d.open = true; });";
    c.execute(open_all, vec![]).await.unwrap();
    fill(c, "member-nik", &son_nik).await;
    c.find(Locator::Id("member-shdk"))
        .await
        .unwrap()
        .select_by_value("4")
        .await
        .unwrap();
    click(c, "#add-member-form button[type=submit]").await;
    assert_eq!(count_becomes(c, "#members tbody tr", 2).await, 2);

    c.execute(open_all, vec![]).await.unwrap();
    fill(c, "split-kk", "3604051203150008").await;
    c.find(Locator::Id("split-head"))
        .await
        .unwrap()
        .select_by_value(&son_id)
        .await
        .unwrap();
    click(c, "#split-form button[type=submit]").await;
    c.accept_alert().await.unwrap();
    assert_eq!(
        text_becomes(c, "family-title", "Kartu Keluarga 3604051203150008").await,
        "Kartu Keluarga 3604051203150008"
    );
    let old: Value = app
        .get_ok(
            &format!("/api/v1/desa/kramatwatu/families/{fid}"),
            Some(&token),
        )
        .await;
    assert_eq!(old["members"].as_array().unwrap().len(), 1);

    // This month's Buku Induk lists everyone entered into it this month.
    c.goto(&app.url(&format!(
        "/desa/kramatwatu/admin/buku?month={}",
        &today[..7]
    )))
    .await
    .unwrap();
    let register = text_of(c, "register").await;
    for name in ["Usman Hadi Saputra", "Rudi Hartono", "Dewi Lestari"] {
        assert!(register.contains(name), "{register}");
    }
    browser.client.close().await.unwrap();
}

async fn sign_out(c: &Client) {
    click(c, "#logout").await;
    c.wait()
        .for_element(Locator::Id("nav-login"))
        .await
        .unwrap();
}

#[actix_web::test]
async fn villager_requests_a_domicile_letter_staff_sign_it_villager_downloads_it() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let admin = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    app.create_desa_user("operator.kramatwatu", "desa_operator", "kramatwatu")
        .await;
    let nik = crate::support::nik("1980-03-04", false, 1);
    let person = app
        .add_resident(
            "kramatwatu",
            &admin,
            &crate::support::resident(&nik, "Ahmad Fauzi", false, "1980-03-04"),
        )
        .await;
    let scan = std::env::temp_dir().join(format!("ktp-{}.png", std::process::id()));
    std::fs::write(&scan, crate::letters::PNG).unwrap();
    let c = &browser.client;

    // The desa admin issues the villager's PIN from the resident's page: a slip to print.
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    c.goto(&app.url(&format!(
        "/desa/kramatwatu/admin/penduduk/{}",
        person["id"].as_str().unwrap()
    )))
    .await
    .unwrap();
    c.execute(
        "document.querySelectorAll('details').forEach(function (d) { d.open = true; });",
        vec![],
    )
    .await
    .unwrap();
    click(c, "#issue-pin").await;
    c.wait().for_element(Locator::Id("pin")).await.unwrap();
    let pin = text_of(c, "pin").await;
    assert_eq!(pin.len(), 6);
    sign_out(c).await;

    // The villager signs in with NIK and PIN (a wrong PIN first).
    c.goto(&app.url("/desa/kramatwatu/layanan")).await.unwrap();
    fill(c, "nik", &nik).await;
    fill(c, "pin", "000000").await;
    click(c, "#warga-login button").await;
    c.wait()
        .for_element(Locator::Id("login-error"))
        .await
        .unwrap();
    fill(c, "nik", &nik).await;
    fill(c, "pin", &pin).await;
    click(c, "#warga-login button").await;
    c.wait()
        .for_element(Locator::Id("warga-name"))
        .await
        .unwrap();
    assert_eq!(text_of(c, "warga-name").await, "Ahmad Fauzi");
    // The header names the villager, not the account.
    assert_eq!(text_of(c, "nav-home").await, "Ahmad Fauzi · Warga");

    // Picks the domicile letter, fills the form, uploads the documents, submits.
    c.find(Locator::Id("type"))
        .await
        .unwrap()
        .select_by_value("domisili")
        .await
        .unwrap();
    click(c, "#pick-type-button").await;
    c.wait().for_element(Locator::Id("purpose")).await.unwrap();
    fill(c, "purpose", "Melamar pekerjaan").await;
    click(c, "#send-request").await;
    c.wait()
        .for_element(Locator::Id("request-status"))
        .await
        .unwrap();
    assert_eq!(text_of(c, "request-status").await, "Belum Lengkap");
    for _ in 0..2 {
        let input = c
            .find(Locator::Css("form[data-file] input[type=file]"))
            .await
            .unwrap();
        input.send_keys(scan.to_str().unwrap()).await.unwrap();
        let before = c
            .find_all(Locator::Css("#documents tr"))
            .await
            .unwrap()
            .len();
        click(c, "form[data-file] button").await;
        count_becomes(c, "#documents tr", before + 1).await;
    }
    assert_eq!(
        c.find_all(Locator::Css("#documents tr"))
            .await
            .unwrap()
            .len(),
        2
    );
    let request_url = c.current_url().await.unwrap();
    click(c, "#do-sedang_diperiksa").await;
    c.accept_alert().await.unwrap();
    wait_until_at(c, &app, request_url.path(), "#request-status").await;
    assert_eq!(
        text_becomes(c, "request-status", "Sedang Diperiksa").await,
        "Sedang Diperiksa"
    );
    let id = request_url.path().rsplit('/').next().unwrap().to_string();
    sign_out(c).await;

    // The operator checks it from the queue; the admin signs it.
    for (user, button, expect) in [
        (
            "operator.kramatwatu",
            "#do-menunggu_tanda_tangan",
            "Menunggu Tanda Tangan",
        ),
        ("admin.kramatwatu", "#do-siap_diambil", "Siap Diambil"),
    ] {
        sign_in_staff(c, &app, user).await;
        click(c, "#nav-letters").await;
        c.wait().for_element(Locator::Id("queue")).await.unwrap();
        click(c, &format!("a[href$='/admin/surat/{id}']")).await;
        c.wait().for_element(Locator::Css(button)).await.unwrap();
        click(c, button).await;
        c.accept_alert().await.unwrap();
        assert_eq!(text_becomes(c, "request-status", expect).await, expect);
        sign_out(c).await;
    }

    // The villager downloads the signed PDF; its QR code's page says it is valid.
    c.goto(&app.url("/desa/kramatwatu/layanan")).await.unwrap();
    fill(c, "nik", &nik).await;
    fill(c, "pin", &pin).await;
    click(c, "#warga-login button").await;
    c.wait().for_element(Locator::Id("requests")).await.unwrap();
    click(c, "#requests a").await;
    c.wait()
        .for_element(Locator::Id("download-pdf"))
        .await
        .unwrap();
    assert!(text_of(c, "letter-number").await.starts_with("470/001/"));
    let fetched = c
        .execute_async(
            "var done = arguments[0];
             fetch(document.getElementById('download-pdf').href, {credentials: 'same-origin'})
               .then(function (r) { return r.arrayBuffer().then(function (b) {
                 done([r.headers.get('content-type'), new TextDecoder().decode(new Uint8Array(b).slice(0, 4))]);
               }); });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fetched, json!(["application/pdf", "%PDF"]));
    click(c, "a[href^='/verifikasi/']").await;
    c.wait().for_element(Locator::Id("verdict")).await.unwrap();
    assert!(text_of(c, "verdict").await.contains("SAH"));
    std::fs::remove_file(&scan).ok();
    browser.client.close().await.unwrap();
}

#[actix_web::test]
async fn desa_admin_edits_letter_types_and_an_unknown_placeholder_is_refused() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    let c = &browser.client;
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    c.goto(&app.url("/desa/kramatwatu/admin/surat/pengaturan"))
        .await
        .unwrap();
    c.execute(
        "document.querySelectorAll('details').forEach(function (d) { d.open = true; });",
        vec![],
    )
    .await
    .unwrap();
    let text = c.find(Locator::Id("template-domisili")).await.unwrap();
    text.send_keys(" Umur: [umur].").await.unwrap();
    click(c, "#type-domisili button").await;
    c.wait()
        .for_element(Locator::Css("#type-domisili .field-error"))
        .await
        .unwrap();
    let error = c
        .find(Locator::Css("#type-domisili .field-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(error.contains("[umur]"), "{error}");
    c.find(Locator::Id("enabled-keramaian"))
        .await
        .unwrap()
        .select_by_value("false")
        .await
        .unwrap();
    click(c, "#type-keramaian button").await;
    let mut enabled = Value::Null;
    for _ in 0..50 {
        let types = app
            .get_ok("/api/v1/desa/kramatwatu/letter-types", None)
            .await;
        enabled = types
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["code"] == "keramaian")
            .unwrap()["enabled"]
            .clone();
        if enabled == false {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(enabled, false);
    let types = app
        .get_ok("/api/v1/desa/kramatwatu/letter-types", None)
        .await;
    assert_eq!(
        types[0]["customized"], false,
        "the refused template was not kept"
    );
    browser.client.close().await.unwrap();
}

#[actix_web::test]
async fn a_move_to_another_desa_is_asked_in_one_desa_and_accepted_in_the_other() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let a = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    let b = app.desa_admin("admin.pejaten", "pejaten").await;
    let nik = crate::support::nik("1993-05-17", true, 4);
    let person = app
        .add_resident(
            "kramatwatu",
            &a,
            &crate::support::resident(&nik, "Nur Aisyah", true, "1993-05-17"),
        )
        .await;
    let pid = person["id"].as_str().unwrap();
    let c = &browser.client;

    // Desa A asks: the move form names a desa of the regency, and the page then says it waits.
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    let page = format!("/desa/kramatwatu/admin/penduduk/{pid}");
    c.goto(&app.url(&page)).await.unwrap();
    c.execute(
        "document.querySelectorAll('details').forEach(function (d) { d.open = true; });
         document.getElementById('move-date').value = '2026-11-30';",
        vec![],
    )
    .await
    .unwrap();
    c.find(Locator::Id("move-to"))
        .await
        .unwrap()
        .select_by_value("36.04.05.2003")
        .await
        .unwrap();
    fill(c, "move-dest", "Kp. Pejaten RT 002/RW 001").await;
    fill(c, "move-reason", "Ikut suami").await;
    click(c, "#move-form button[type=submit]").await;
    c.accept_alert().await.unwrap();
    wait_until_at(c, &app, &page, "#transfer-pending").await;
    assert!(text_of(c, "transfer-pending")
        .await
        .contains("Menunggu jawaban Desa Pejaten"));
    c.execute(
        "document.getElementById('transfer-pending').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    shot(c, "sid-pindah-penduduk.png").await;
    let here: Value = app
        .get_ok(
            &format!("/api/v1/desa/kramatwatu/residents/{pid}"),
            Some(&a),
        )
        .await;
    assert_eq!(here["status"], 1, "she stays until Pejaten accepts");
    sign_out(c).await;

    // Desa B accepts from its list of transfers.
    sign_in_staff(c, &app, "admin.pejaten").await;
    c.goto(&app.url("/desa/pejaten/admin/pindah?direction=masuk"))
        .await
        .unwrap();
    assert!(text_of(c, "transfers").await.contains("Nur Aisyah"));
    shot(c, "sid-pindah.png").await;
    c.set_window_size(1280, 900).await.unwrap();
    shot(c, "sid-pindah-desktop.png").await;
    click(c, "#transfers form.accept button[type=submit]").await;
    c.accept_alert().await.unwrap();
    assert_eq!(count_becomes(c, "#transfers form.accept", 0).await, 0);
    assert!(text_of(c, "transfers").await.contains("Diterima"));
    let arrived: Value = app
        .get_ok("/api/v1/desa/pejaten/residents?q=Nur+Aisyah", Some(&b))
        .await;
    assert_eq!(arrived["total"], 1);
    let left: Value = app
        .get_ok(
            &format!("/api/v1/desa/kramatwatu/residents/{pid}"),
            Some(&a),
        )
        .await;
    assert_eq!(left["status"], 3);
    browser.client.close().await.unwrap();
}

#[actix_web::test]
async fn an_operator_adds_a_product_with_a_photo_and_a_visitor_finds_it_in_the_emall() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.create_desa_user("op.kramatwatu", "desa_operator", "kramatwatu")
        .await;
    let op = app.token("op.kramatwatu", PASSWORD).await;
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/sellers",
            Some(&op),
            &json!({"name": "Dapur Bu Sarah", "whatsapp": "0812-3456-7890"}),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
    let c = &browser.client;
    c.set_window_size(390, 860).await.unwrap();

    // The operator adds a product, then its photo.
    sign_in_staff(c, &app, "op.kramatwatu").await;
    c.goto(&app.url("/desa/kramatwatu/admin/produk"))
        .await
        .unwrap();
    fill(c, "name", "Keripik Pisang Tanduk").await;
    fill(c, "price", "15000").await;
    fill(c, "unit", "bungkus 250 g").await;
    fill(c, "description", "Renyah, **tanpa pengawet**.").await;
    click(c, "#product-form button[type=submit]").await;
    for _ in 0..100 {
        if c.find(Locator::Id("photo-form")).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _picture = choose_picture(c, "photo").await;
    click(c, "#photo-form button[type=submit]").await;
    assert_eq!(count_becomes(c, "#photos figure", 1).await, 1);
    shot(c, "sid-produk-ubah.png").await;
    // An emptied description is cleared, not kept.
    let here = c.current_url().await.unwrap().path().to_string();
    let id = here.rsplit('/').next().unwrap().to_string();
    c.find(Locator::Id("description"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    click(c, "#edit-form button[type=submit]").await;
    let mut description = Value::Null;
    for _ in 0..100 {
        let p: Value = app
            .get_ok(&format!("/api/v1/desa/kramatwatu/products/{id}"), None)
            .await;
        description = p["description"].clone();
        if description == "" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(description, "");
    sign_out(c).await;

    // A visitor on a phone searches the e-mall, narrows to the kecamatan, opens the product.
    c.goto(&app.url("/emall")).await.unwrap();
    fill(c, "q", "kripik").await;
    click(c, "#emall-search button[type=submit]").await;
    shot(c, "sid-emall-first.png").await;
    assert!(text_of(c, "products")
        .await
        .contains("Keripik Pisang Tanduk"));
    let kecamatan = c
        .find(Locator::Id("kecamatan"))
        .await
        .unwrap()
        .select_by_value("36.04.05")
        .await;
    if kecamatan.is_err() {
        let options = c.find_all(Locator::Css("#kecamatan option")).await.unwrap();
        let mut values = Vec::new();
        for o in options {
            values.push(o.attr("value").await.unwrap().unwrap_or_default());
        }
        panic!("kecamatan options: {values:?}");
    }
    for _ in 0..100 {
        if c.current_url()
            .await
            .unwrap()
            .query()
            .is_some_and(|q| q.contains("kecamatan=36.04.05"))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(text_of(c, "products")
        .await
        .contains("Keripik Pisang Tanduk"));
    assert!(text_of(c, "result-count").await.contains("1 produk"));
    shot(c, "sid-emall.png").await;
    click(c, "#products h2 a").await;
    let order = c.wait().for_element(Locator::Id("order")).await.unwrap();
    let href = order.attr("href").await.unwrap().unwrap();
    assert!(
        href.starts_with("https://wa.me/6281234567890?text="),
        "{href}"
    );
    assert!(href.contains("Keripik%20Pisang%20Tanduk"), "{href}");
    assert!(text_of(c, "price").await.contains("Rp 15.000"));
    shot(c, "sid-produk.png").await;
    c.set_window_size(1280, 900).await.unwrap();
    shot(c, "sid-produk-desktop.png").await;
    c.goto(&app.url("/emall?q=keripik")).await.unwrap();
    shot(c, "sid-emall-desktop.png").await;
    browser.client.close().await.unwrap();
}

/// Chooses a file on the import page and asks for the dry run; waits for its report.
async fn check_file(c: &Client, app: &TestApp, path: &str) {
    c.goto(&app.url("/desa/kramatwatu/admin/impor"))
        .await
        .unwrap();
    c.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(path)
        .await
        .unwrap();
    click(c, "#check").await;
    c.wait()
        .for_element(Locator::Id("import-columns"))
        .await
        .unwrap();
}

#[actix_web::test]
async fn an_operator_moves_in_from_siak_reads_the_mapping_and_finds_a_family() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    let siak = format!(
        "{}/tests/data/opensid/format_siak.xls",
        env!("CARGO_MANIFEST_DIR")
    );
    // The mapping: the layout recognised, what each column becomes, the spellings read.
    check_file(c, &app, &siak).await;
    let summary = text_of(c, "import-summary").await;
    assert!(
        summary.starts_with("Pemeriksaan (ekspor SIAK Dukcapil): 16 penduduk akan ditambahkan"),
        "{summary}"
    );
    let columns = text_of(c, "import-columns").await;
    assert!(columns.contains("Desa/Kel tidak disimpan"), "{columns}");
    assert!(columns.contains("Nomor KK no_kk"), "{columns}");
    let variants = text_of(c, "import-variants").await;
    assert!(variants.contains("Tdk Th TIDAK TAHU"), "{variants}");
    assert!(text_of(c, "import-preview").await.contains("SUMINI"));
    assert!(text_of(c, "import-problems")
        .await
        .contains("NIK sama dengan baris 9"));
    shot(c, "sid-import-siak-390.png").await;
    // Confirms: the valid rows only.
    let skip = c.find(Locator::Id("skip")).await.unwrap();
    assert!(skip.is_displayed().await.unwrap());
    skip.click().await.unwrap();
    let mut summary = String::new();
    for _ in 0..100 {
        summary = text_of(c, "import-summary").await;
        if summary.starts_with("Impor selesai") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        summary.contains("16 penduduk ditambahkan, 7 KK baru, 5 RT baru"),
        "{summary}"
    );
    assert!(summary.contains("2 baris dilewati"), "{summary}");

    // Finds the family by its card number and opens it.
    c.goto(&app.url("/desa/kramatwatu/admin/penduduk?q=1000000106120000"))
        .await
        .unwrap();
    assert_eq!(text_of(c, "result-count").await, "4 penduduk ditemukan.");
    click(c, "a[href*='/admin/keluarga/']").await;
    c.wait().for_element(Locator::Id("members")).await.unwrap();
    assert_eq!(count_becomes(c, "#members tbody tr", 4).await, 4);
    let members = text_of(c, "members").await;
    assert!(
        members.contains("SITI AS") && members.contains("RUSWI"),
        "{members}"
    );
    // The desa's data-quality list names the card whose head moved away.
    c.goto(&app.url("/desa/kramatwatu/admin/kualitas"))
        .await
        .unwrap();
    let headless = text_of(c, "quality-family_without_head").await;
    assert!(headless.contains("KK 1000000106150000"), "{headless}");
    shot(c, "sid-kualitas-390.png").await;
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&app.url("/desa/kramatwatu/admin/kualitas"))
        .await
        .unwrap();
    shot(c, "sid-kualitas-desktop.png").await;
    check_file(c, &app, &siak).await;
    shot(c, "sid-import-siak-desktop.png").await;
    browser.client.close().await.unwrap();
}

/// `/api/docs`: the OpenAPI document as interactive documentation, served from the binary under
/// the pages' Content-Security-Policy (no CDN: an office may be offline).
#[actix_web::test]
async fn an_integrator_reads_the_api_documentation() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let c = &browser.client;
    c.goto(&app.url("/api/docs")).await.unwrap();
    let title = c
        .wait()
        .for_element(Locator::Css(".swagger-ui .info .title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(title.starts_with("SID Serang API"), "{title}");
    // Every operation listed (the title comes first, the operations right after it).
    let operations = c
        .find_all(Locator::Css(".opblock-summary-path"))
        .await
        .unwrap()
        .len();
    assert!(operations > 40, "{operations} operations");
    let page = c.source().await.unwrap();
    assert!(
        !page.contains("cdn") && !page.contains("unpkg"),
        "served from the binary"
    );
    shot(c, "sid-api-docs.png").await;
    browser.client.close().await.unwrap();
}

/// The statistics at phone width: every category of a chart keeps its label (none thinned
/// away), each readable (at least 11 px high as drawn), long names whole.
#[actix_web::test]
async fn every_chart_label_is_readable_on_a_phone() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    let mut rows = crate::import_export::rows(10);
    for (i, row) in rows.iter_mut().enumerate() {
        row[6] = (i % 7 + 1).to_string();
        row[7] = (i % 10 + 1).to_string();
    }
    crate::import_export::import_rows(&app, &token, "kramatwatu", &rows).await;

    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&app.url("/desa/kramatwatu/statistik"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#pyramid svg"))
        .await
        .unwrap();
    let drawn = c
        .execute(
            "return Array.from(document.querySelectorAll('.chart svg text')).map(t => \
             [t.textContent.trim(), t.getBoundingClientRect().height]);",
            vec![],
        )
        .await
        .unwrap();
    let drawn: Vec<(String, f64)> = serde_json::from_value(drawn).unwrap();
    let height = |label: &str| {
        drawn
            .iter()
            .find(|(t, _)| t == label)
            .map(|(_, h)| *h)
            .unwrap_or_else(|| panic!("no label '{label}' in {drawn:?}"))
    };
    for code in 1..=10 {
        let name = sid_population::codes::name("pendidikan_kk", code)
            .unwrap()
            .to_lowercase();
        assert!(height(&name) >= 11.0, "{name}: {drawn:?}");
    }
    for code in 1..=7 {
        let name = sid_population::codes::name("agama", code)
            .unwrap()
            .to_lowercase();
        assert!(height(&name) >= 11.0, "{name}: {drawn:?}");
    }
    for age in ["0-4", "15-19", "55-59", "60-64"] {
        assert!(height(age) >= 11.0, "{age}: {drawn:?}");
    }
    shot_at(c, 390, "sid-statistik-390.png").await;
    shot_at(c, 1280, "sid-statistik-1280.png").await;
    // Women only: the totals and every table follow the filter.
    c.find(Locator::Id("sex"))
        .await
        .unwrap()
        .select_by_value("2")
        .await
        .unwrap();
    assert_eq!(text_becomes(c, "total", "20").await, "20");
    let heads = text_of(c, "b-kepala_keluarga").await;
    assert!(heads.contains("Kepala keluarga 0 0 0"), "{heads}");
    assert!(c.find(Locator::Css("#b-status_ktp a.csv")).await.is_ok());
    browser.client.close().await.unwrap();
}

/// Gabung KK on the family page: the secretary names the other card, gives each of its members
/// a relationship, confirms; the card shows everyone and the other card is gone from the list.
#[actix_web::test]
async fn a_secretary_merges_a_family_card_into_another() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    crate::import_export::import_rows(&app, &token, "kramatwatu", &crate::import_export::rows(2))
        .await;
    let found = app
        .get_ok(
            "/api/v1/desa/kramatwatu/families?q=3604050101200001",
            Some(&token),
        )
        .await;
    let id = found["items"][0]["id"].as_str().unwrap().to_string();

    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    c.goto(&app.url(&format!("/desa/kramatwatu/admin/keluarga/{id}")))
        .await
        .unwrap();
    click(c, "#merge summary").await;
    fill(c, "merge-kk", "3604050101200002").await;
    click(c, "#merge-find button").await;
    c.wait()
        .for_element(Locator::Id("merge-form"))
        .await
        .unwrap();
    // The other card's four members, each given a relationship (famili lain, cucu).
    for (i, code) in [(0, "9"), (1, "9"), (2, "6"), (3, "6")] {
        click(c, &format!("#merge-shdk-{i} option[value='{code}']")).await;
    }
    shot(c, "sid-gabung-kk-390.png").await;
    click(c, "#merge-form button[type=submit]").await;
    c.accept_alert().await.unwrap();
    assert_eq!(count_becomes(c, "#members tbody tr", 8).await, 8);
    let members = text_of(c, "members").await;
    assert!(
        members.contains("CUCU") || members.contains("cucu"),
        "{members}"
    );
    let list = app
        .get_ok("/api/v1/desa/kramatwatu/families", Some(&token))
        .await;
    assert_eq!(list["total"], 1);
    browser.client.close().await.unwrap();
}

/// Diskominfo moves several desa in at once: files named by desa code, a progress bar, a row
/// per desa saying what it got.
#[actix_web::test]
async fn diskominfo_imports_many_desa_at_once() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let siak = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/opensid/format_siak.xls"
    );
    let named = dir.path().join("3604052001.xls");
    let unknown = dir.path().join("9999999999.xls");
    std::fs::copy(siak, &named).unwrap();
    std::fs::copy(siak, &unknown).unwrap();

    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    sign_in(c, &app, "admin", ADMIN_PASSWORD).await;
    c.wait()
        .for_element(Locator::Id("batch-link"))
        .await
        .unwrap();
    click(c, "#batch-link").await;
    c.find(Locator::Id("batch-files"))
        .await
        .unwrap()
        .send_keys(&format!("{}\n{}", named.display(), unknown.display()))
        .await
        .unwrap();
    click(c, "#batch-skip").await;
    click(c, "#batch-import").await;
    let status = text_becomes(c, "batch-status", "2 berkas: 1 desa berhasil, 1 gagal.").await;
    assert_eq!(status, "2 berkas: 1 desa berhasil, 1 gagal.");
    let summary = text_of(c, "batch-summary").await;
    assert!(
        summary.contains(
            "3604052001.xls 36.04.05.2001 Kramatwatu ekspor SIAK Dukcapil: 18 baris, 16 penduduk"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("9999999999.xls - tidak disimpan"),
        "{summary}"
    );
    let progress = c
        .execute(
            "var p = document.getElementById('batch-progress'); return [p.value, p.max];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(progress, serde_json::json!([2, 2]));
    shot(c, "sid-batch-import-390.png").await;
    browser.client.close().await.unwrap();
}

/// Sets the browser's window to `width` pixels and takes a screenshot of the whole page.
/// Chooses a picture (an 800 × 600 gradient) in the file field `id`; the browser reads the file
/// when the form is sent, so the caller keeps it until then.
async fn choose_picture(c: &Client, id: &str) -> tempfile::NamedTempFile {
    let picture = tempfile::Builder::new().suffix(".png").tempfile().unwrap();
    let mut image = image::RgbImage::new(800, 600);
    for (x, _, px) in image.enumerate_pixels_mut() {
        *px = image::Rgb([230, 180u8.saturating_sub((x / 8) as u8), 40]);
    }
    image.save(picture.path()).unwrap();
    c.find(Locator::Id(id))
        .await
        .unwrap()
        .send_keys(&picture.path().display().to_string())
        .await
        .unwrap();
    picture
}

async fn shot_at(c: &Client, width: u32, name: &str) {
    c.set_window_size(width, 900).await.unwrap();
    let height = c
        .execute("return document.documentElement.scrollHeight;", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(900) as u32;
    c.set_window_size(width, height.min(4000)).await.unwrap();
    shot(c, name).await;
    c.set_window_size(412, 900).await.unwrap();
}

/// The admin gives a staff member the sekretaris desa's position and turns the paraf on; the
/// sekretaris initials a walk-in letter and the head signs it; a received letter is entered.
#[actix_web::test]
async fn the_secretary_initials_and_the_head_signs() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let admin = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    app.create_desa_user("operator.kramatwatu", "desa_operator", "kramatwatu")
        .await;
    let operator = app.token("operator.kramatwatu", PASSWORD).await;
    let nik = crate::support::nik("1980-03-04", false, 1);
    let person = app
        .add_resident(
            "kramatwatu",
            &operator,
            &crate::support::resident(&nik, "Ahmad Fauzi", false, "1980-03-04"),
        )
        .await;
    let c = &browser.client;

    // The admin adds the sekretaris's account, gives it its position, and turns the paraf on.
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    click(c, "#nav-staff").await;
    c.wait().for_element(Locator::Id("staff")).await.unwrap();
    c.execute(
        "document.getElementById('new-operator').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    fill(c, "username", "sekdes.kramatwatu").await;
    fill(c, "password", PASSWORD).await;
    click(c, "#new-operator button").await;
    c.wait()
        .for_element(Locator::Id("staff-sekdes.kramatwatu"))
        .await
        .unwrap();
    click(c, "#staff-sekdes\\.kramatwatu summary").await;
    let form = c
        .find(Locator::Id("position-sekdes.kramatwatu"))
        .await
        .unwrap();
    form.find(Locator::Css("select"))
        .await
        .unwrap()
        .select_by_value("sekretaris_desa")
        .await
        .unwrap();
    form.find(Locator::Css("input[name=full_name]"))
        .await
        .unwrap()
        .send_keys("Siti Rahmah, S.Sos")
        .await
        .unwrap();
    form.find(Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(count_becomes(c, "#staff .staff-member", 3).await, 3);
    let mut shown = String::new();
    for _ in 0..50 {
        shown = text_of(c, "staff").await;
        if shown.contains("Siti Rahmah, S.Sos") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(shown.contains("Sekretaris Desa"), "{shown}");
    shot_at(c, 390, "sid-staf-390.png").await;
    shot_at(c, 1280, "sid-staf-1280.png").await;
    c.goto(&app.url("/desa/kramatwatu/admin/surat/pengaturan"))
        .await
        .unwrap();
    c.find(Locator::Id("paraf"))
        .await
        .unwrap()
        .select_by_value("true")
        .await
        .unwrap();
    click(c, "#settings-form button").await;
    let settings = "/api/v1/desa/kramatwatu/letter-settings";
    for _ in 0..50 {
        if app.get_ok(settings, Some(&admin)).await["paraf"] == true {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    c.goto(&app.url("/desa/kramatwatu/admin")).await.unwrap();
    sign_out(c).await;

    // A letter entered at the desk waits for the paraf.
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/letter-requests",
            Some(&operator),
            &json!({"type": "domisili", "purpose": "Membuka rekening", "subject_id": person["id"]}),
        )
        .await;
    let request: Value = res.json().await.unwrap();
    assert_eq!(request["status"], "menunggu_paraf", "{request}");
    let id = request["id"].as_str().unwrap();

    for (user, button, expect) in [
        (
            "sekdes.kramatwatu",
            "#do-menunggu_tanda_tangan",
            "Menunggu Tanda Tangan",
        ),
        ("admin.kramatwatu", "#do-siap_diambil", "Siap Diambil"),
    ] {
        sign_in_staff(c, &app, user).await;
        if user == "sekdes.kramatwatu" {
            // The sekretaris's home puts their paraf first, as their own step.
            let first = text_of(c, "work").await;
            assert!(
                first.starts_with("1 Surat menunggu paraf sekretaris desa"),
                "{first}"
            );
            assert!(first.contains("langkah Anda"), "{first}");
            shot_at(c, 390, "sid-beranda-390.png").await;
            shot_at(c, 1280, "sid-beranda-1280.png").await;
        }
        click(c, "#nav-letters").await;
        c.wait().for_element(Locator::Id("queue")).await.unwrap();
        click(c, &format!("a[href$='/admin/surat/{id}']")).await;
        c.wait().for_element(Locator::Css(button)).await.unwrap();
        // The head sees no paraf button, the sekretaris no signature one before it.
        assert!(
            c.find(Locator::Id("do-siap_diambil")).await.is_err() || user == "admin.kramatwatu"
        );
        click(c, button).await;
        c.accept_alert().await.unwrap();
        assert_eq!(text_becomes(c, "request-status", expect).await, expect);
        if user == "admin.kramatwatu" {
            let history = text_of(c, "history").await;
            assert!(
                history.contains("Siti Rahmah, S.Sos (Sekretaris Desa)"),
                "{history}"
            );
            shot_at(c, 390, "sid-paraf-390.png").await;
            shot_at(c, 1280, "sid-paraf-1280.png").await;
        } else {
            sign_out(c).await;
        }
    }

    // The head's office enters a received letter in the agenda.
    c.goto(&app.url("/desa/kramatwatu/admin/surat/masuk"))
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("empty")).await.unwrap();
    click(c, "#new-box summary").await;
    fill(c, "sender", "Camat Kramatwatu").await;
    fill(c, "number", "005/77/Kec/2026").await;
    c.execute(
        "document.getElementById('dated').value = document.getElementById('received_on').value;",
        vec![],
    )
    .await
    .unwrap();
    fill(c, "subject", "Undangan musrenbang").await;
    click(c, "#new-letter button").await;
    c.wait().for_element(Locator::Id("row-1")).await.unwrap();
    assert!(text_of(c, "row-1").await.contains("Camat Kramatwatu"));
    shot_at(c, 390, "sid-surat-masuk-390.png").await;
    shot_at(c, 1280, "sid-surat-masuk-1280.png").await;
    browser.client.close().await.unwrap();
}

/// An operator writes a fishing article and schedules it a few seconds ahead; a visitor on a
/// phone does not see it before its time, then reads it from the desa's site, opens the
/// projects list and finds the article on the regency's news page.
#[actix_web::test]
async fn an_operator_schedules_an_article_and_a_visitor_reads_it_at_its_time() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.desa_admin("admin.kramatwatu", "kramatwatu").await;
    let road = app
        .post(
            "/api/v1/desa/kramatwatu/projects",
            Some(&token),
            &json!({"name": "Rabat beton jalan lingkungan RT 02", "location": "Dusun Jiwet RT 02/RW 01",
                    "funding": "dana_desa", "budget": 85_000_000, "implementer": "TPK Desa Kramatwatu",
                    "start_on": "2026-03-01", "end_on": "2026-12-20"}),
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    let reports = format!(
        "/api/v1/desa/kramatwatu/projects/{}/reports",
        road["id"].as_str().unwrap()
    );
    let body =
        json!({"reported_on": "2026-06-01", "progress": 60, "note": "Pengecoran 120 m selesai"});
    app.post(&reports, Some(&token), &body).await;
    let profile = json!({"history": "Desa Kramatwatu berdiri pada masa **Kesultanan Banten**.",
        "vision": "Kramatwatu maju, sejahtera dan religius", "mission": "- Pelayanan cepat\n- Jalan desa mulus",
        "area_ha": 412.5, "border_north": "Laut Jawa", "border_east": "Desa Margasana",
        "border_south": "Desa Pejaten", "border_west": "Desa Serdang", "office_hours": "Senin–Jumat 08.00–15.00 WIB"});
    let res = app
        .patch("/api/v1/desa/kramatwatu/profile", Some(&token), &profile)
        .await;
    assert_eq!(res.status(), 200);
    for (body, name, title, position) in [
        ("perangkat", "H. Ahmad Suhaemi", "Kepala Desa", 1),
        ("perangkat", "Rahmat Hidayat", "Sekretaris Desa", 2),
        ("bpd", "Hj. Siti Aminah", "Ketua BPD", 1),
    ] {
        let official = json!({"body": body, "name": name, "title": title, "position": position});
        app.post("/api/v1/desa/kramatwatu/officials", Some(&token), &official)
            .await;
    }
    for (commodity, production, unit, producers) in [
        ("padi", 840.0, "ton", 215),
        ("bandeng", 96.0, "ton", 48),
        ("kelapa", 120.0, "ribu_butir", 60),
    ] {
        let body = json!({"commodity": commodity, "year": 2026, "area_ha": 50.5, "production": production,
            "unit": unit, "harvest_months": [3, 4, 9], "producers": producers});
        app.post("/api/v1/desa/kramatwatu/potensi", Some(&token), &body)
            .await;
    }
    let c = &browser.client;
    c.set_window_size(1280, 900).await.unwrap();
    sign_in_staff(c, &app, "admin.kramatwatu").await;
    click(c, "#nav-articles").await;
    wait_until_at(c, &app, "/desa/kramatwatu/admin/berita", "#empty").await;
    click(c, "#write").await;
    wait_until_at(
        c,
        &app,
        "/desa/kramatwatu/admin/berita/tulis",
        "#article-form",
    )
    .await;
    fill(c, "title", "Harga bandeng naik di TPI Kramatwatu").await;
    click(c, "#category option[value='perikanan']").await;
    fill(
        c,
        "body",
        "Nelayan tambak **bandeng** menjual panen ke TPI.\n\n- harga Rp 28.000/kg\n- panen berikutnya Januari",
    )
    .await;
    click(c, "input[name=status][value=terbit]").await;
    let at = (chrono::Utc::now() + chrono::Duration::hours(7) + chrono::Duration::seconds(6))
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    c.execute(
        "document.getElementById('publish_at').value = arguments[0];",
        vec![json!(at)],
    )
    .await
    .unwrap();
    shot_at(c, 1280, "sid-artikel-tulis-desktop.png").await;
    click(c, "#save").await;
    wait_until_at(c, &app, "/desa/kramatwatu/admin/berita", "#articles").await;
    assert!(text_of(c, "articles").await.contains("Terjadwal"));
    click(c, "#articles a[href$='/ubah']").await;
    c.wait()
        .for_element(Locator::Id("cover-form"))
        .await
        .unwrap();
    let _picture = choose_picture(c, "cover-file").await;
    click(c, "#cover-form button[type=submit]").await;
    c.wait()
        .for_element(Locator::Id("cover-now"))
        .await
        .unwrap();
    shot_at(c, 390, "sid-artikel-sampul-390.png").await;
    c.goto(&app.url("/desa/kramatwatu/admin/profil"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("photo-form"))
        .await
        .unwrap();
    let _picture = choose_picture(c, "photo-file").await;
    click(c, "#photo-form button[type=submit]").await;
    c.wait()
        .for_element(Locator::Id("photo-now"))
        .await
        .unwrap();
    // A static page, from the staff home.
    c.goto(&app.url("/desa/kramatwatu/admin")).await.unwrap();
    click(c, "#nav-pages").await;
    wait_until_at(c, &app, "/desa/kramatwatu/admin/halaman", "#empty").await;
    click(c, "#write").await;
    wait_until_at(
        c,
        &app,
        "/desa/kramatwatu/admin/halaman/tulis",
        "#page-form",
    )
    .await;
    fill(c, "title", "Sejarah Desa").await;
    fill(
        c,
        "body",
        "Kramatwatu tumbuh di pesisir utara pada masa **Kesultanan Banten**.",
    )
    .await;
    click(c, "input[name=published][value=true]").await;
    click(c, "#save").await;
    wait_until_at(c, &app, "/desa/kramatwatu/admin/halaman", "#pages").await;
    assert!(text_of(c, "pages").await.contains("Terbit"));
    shot_at(c, 390, "sid-admin-halaman-390.png").await;
    shot_at(c, 1280, "sid-admin-halaman-1280.png").await;
    c.goto(&app.url("/desa/kramatwatu/admin/profil"))
        .await
        .unwrap();
    shot_at(c, 390, "sid-admin-profil-390.png").await;
    sign_out(c).await;

    c.set_window_size(390, 844).await.unwrap();
    c.goto(&app.url("/desa/kramatwatu")).await.unwrap();
    assert!(!text_of(c, "latest-news").await.contains("Harga bandeng"));
    tokio::time::sleep(Duration::from_secs(7)).await;
    c.goto(&app.url("/desa/kramatwatu")).await.unwrap();
    assert!(text_of(c, "latest-news").await.contains("Harga bandeng"));
    click(c, "#all-news").await;
    wait_until_at(c, &app, "/desa/kramatwatu/berita", "#articles").await;
    click(c, "nav.tags a[href='?kategori=perikanan']").await;
    c.wait()
        .for_element(Locator::LinkText("Harga bandeng naik di TPI Kramatwatu"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("article")).await.unwrap();
    assert_eq!(
        text_of(c, "title").await,
        "Harga bandeng naik di TPI Kramatwatu"
    );
    assert!(text_of(c, "body").await.contains("Rp 28.000/kg"));
    c.wait().for_element(Locator::Id("cover")).await.unwrap();
    shot_at(c, 390, "sid-artikel-390.png").await;
    shot_at(c, 1280, "sid-artikel-desktop.png").await;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&app.url("/desa/kramatwatu")).await.unwrap();
    assert!(text_of(c, "projects-under-way")
        .await
        .contains("Rabat beton"));
    c.find(Locator::Id("desa-photo")).await.unwrap();
    shot_at(c, 390, "sid-desa-390.png").await;
    shot_at(c, 1280, "sid-desa-desktop.png").await;
    click(c, "nav.tags a[href$='/halaman/sejarah-desa']").await;
    wait_until_at(c, &app, "/desa/kramatwatu/halaman/sejarah-desa", "#page").await;
    assert!(text_of(c, "body").await.contains("Kesultanan Banten"));
    shot_at(c, 390, "sid-halaman-390.png").await;
    shot_at(c, 1280, "sid-halaman-1280.png").await;
    c.goto(&app.url("/desa/kramatwatu")).await.unwrap();
    click(c, "#nav-profile").await;
    wait_until_at(c, &app, "/desa/kramatwatu/profil", "#history").await;
    let area = text_of(c, "area").await;
    assert!(area.contains("412.5 ha"), "{area}");
    shot_at(c, 390, "sid-profil-390.png").await;
    c.goto(&app.url("/desa/kramatwatu/pemerintahan"))
        .await
        .unwrap();
    assert!(text_of(c, "body-perangkat")
        .await
        .contains("Sekretaris Desa"));
    shot_at(c, 390, "sid-pemerintahan-390.png").await;
    c.goto(&app.url("/desa/kramatwatu/potensi")).await.unwrap();
    assert!(text_of(c, "potensi").await.contains("840 ton"));
    shot_at(c, 390, "sid-potensi-390.png").await;
    c.goto(&app.url("/desa/kramatwatu")).await.unwrap();
    click(c, "#all-projects").await;
    wait_until_at(c, &app, "/desa/kramatwatu/pembangunan", "#projects").await;
    assert!(text_of(c, "sums").await.contains("Rp 85.000.000"));
    shot_at(c, 390, "sid-pembangunan-390.png").await;
    shot_at(c, 1280, "sid-pembangunan-desktop.png").await;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&app.url("/kabar?category=perikanan")).await.unwrap();
    assert!(text_of(c, "articles").await.contains("Desa Kramatwatu"));
    shot_at(c, 390, "sid-kabar-390.png").await;
    shot_at(c, 1280, "sid-kabar-desktop.png").await;
    browser.client.close().await.unwrap();
}
