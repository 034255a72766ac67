//! Residents, families and population events over HTTP.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, nik, resident, TestApp};

const A: &str = "kramatwatu";
const B: &str = "pejaten";

fn path(desa: &str, rest: &str) -> String {
    format!("/api/v1/desa/{desa}/{rest}")
}

/// A family of four in desa A: father (head), mother, two children.
async fn family(app: &TestApp, token: &str) -> (Value, Vec<Value>) {
    let father = app
        .add_resident(
            A,
            token,
            &resident(
                &nik("1980-03-04", false, 1),
                "Ahmad Fauzi",
                false,
                "1980-03-04",
            ),
        )
        .await;
    let mother = app
        .add_resident(
            A,
            token,
            &resident(
                &nik("1984-07-21", true, 2),
                "Siti Aminah",
                true,
                "1984-07-21",
            ),
        )
        .await;
    // The son turned 18 ten days ago; his sister is 14.
    let son_born = years_ago(18, 10);
    let daughter_born = years_ago(14, 0);
    let son = app
        .add_resident(
            A,
            token,
            &resident(&nik(&son_born, false, 3), "Rizki Fauzi", false, &son_born),
        )
        .await;
    let daughter = app
        .add_resident(
            A,
            token,
            &resident(
                &nik(&daughter_born, true, 4),
                "Nur Aisyah",
                true,
                &daughter_born,
            ),
        )
        .await;
    let res = app
        .post(&path(A, "families"), Some(token), &json!({"no_kk": "3604051203150007", "head_id": father["id"], "address": "Kp. Krajan RT 001/RW 002"}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let fam: Value = res.json().await.unwrap();
    for (member, shdk) in [(&mother, 3), (&son, 4), (&daughter, 4)] {
        let res = app
            .post(
                &path(
                    A,
                    &format!("families/{}/members", fam["id"].as_str().unwrap()),
                ),
                Some(token),
                &json!({"resident_id": member["id"], "shdk": shdk}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    (fam, vec![father, mother, son, daughter])
}

/// `YYYY-MM-DD` of the day `years` years and `days` days before today (WIB).
fn years_ago(years: i32, days: i64) -> String {
    use chrono::Datelike;
    let today = sid_core::clock::today() - chrono::Duration::days(days);
    let date = today
        .with_year(today.year() - years)
        .unwrap_or_else(|| today - chrono::Duration::days(365 * years as i64));
    date.format("%Y-%m-%d").to_string()
}

async fn total(app: &TestApp, token: &str, query: &str) -> i64 {
    app.get_ok(&path(A, &format!("residents?{query}")), Some(token))
        .await["total"]
        .as_i64()
        .unwrap()
}

on_both_backends!(
    residents_are_validated_field_by_field,
    search_filters_and_pages,
    families_keep_one_head,
    events_change_status_and_fill_the_book,
    a_nik_is_active_in_one_desa_and_moves_between_desa,
    other_desa_cannot_reach_population_data,
    views_and_corrections_are_audited,
);

async fn residents_are_validated_field_by_field(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let good = nik("1990-05-12", true, 7);
    let cases: Vec<(&str, Value)> = vec![
        // A woman's NIK (day + 40) given for a man.
        ("nik", json!({"sex": 1})),
        // The NIK's date is not the birth date.
        ("nik", json!({"birth_date": "1990-05-13"})),
        ("nik", json!({"nik": "360405520590007"})),
        ("nik", json!({"nik": "36040552059000701"})),
        ("nik", json!({"nik": "36040552059A0007"})),
        ("nik", json!({"nik": "3604055205900000"})),
        ("nik", json!({"nik": "3.60405E+15"})),
        (
            "birth_date",
            json!({"birth_date": "2999-01-01", "nik": nik("2999-01-01", true, 7)}),
        ),
        ("religion", json!({"religion": 9})),
        ("occupation", json!({"occupation": 90})),
        ("sex", json!({"sex": 3})),
        ("name", json!({"name": "  "})),
        ("birth_date", json!({"birth_date": "12-05-1990"})),
        ("family_id", json!({"family_id": "tidak-ada"})),
        ("email", json!({"email": "bukan email"})),
    ];
    for (field, change) in cases {
        let mut body = resident(&good, "Dewi Lestari", true, "1990-05-12");
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let res = app.post(&path(A, "residents"), Some(&t), &body).await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{change}: {problem}");
    }
    // Nothing was stored by any of them.
    assert_eq!(total(&app, &t, "status=0").await, 0);
    // The same resident, right, is stored; a woman's NIK carries day + 40.
    let r = app
        .add_resident(A, &t, &resident(&good, "Dewi Lestari", true, "1990-05-12"))
        .await;
    assert_eq!(r["nik"], good);
    assert_eq!(&good[6..8], "52");
    assert_eq!(r["status"], 1);
    // No KK malformed.
    for bad in [
        "360405120315000",
        "3604051213150007",
        "3604051203150000",
        "abc",
    ] {
        let res = app
            .post(
                &path(A, "families"),
                Some(&t),
                &json!({"no_kk": bad, "head_id": r["id"], "address": "Kp. Baru"}),
            )
            .await;
        let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["errors"][0]["field"], "no_kk");
    }
    assert_eq!(app.get_ok(&path(A, "families"), Some(&t)).await["total"], 0);
    // Correcting the birth date alone breaks the NIK agreement: refused, nothing changed.
    let id = r["id"].as_str().unwrap();
    let res = app
        .patch(
            &path(A, &format!("residents/{id}")),
            Some(&t),
            &json!({"birth_date": "1991-05-12"}),
        )
        .await;
    let problem = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["errors"][0]["field"], "nik");
    let same = app
        .get_ok(&path(A, &format!("residents/{id}")), Some(&t))
        .await;
    assert_eq!(same["birth_date"], "1990-05-12");
}

async fn search_filters_and_pages(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let (fam, people) = family(&app, &t).await;
    let area: Value = app
        .post(
            &path(A, "areas"),
            Some(&t),
            &json!({"dusun": "Krajan", "rw": "2", "rt": "1"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(area["rw"], "002");
    let res = app
        .patch(
            &path(
                A,
                &format!("residents/{}", people[0]["id"].as_str().unwrap()),
            ),
            Some(&t),
            &json!({"area_id": area["id"]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    assert_eq!(total(&app, &t, "").await, 4);
    // Name: partial, any case.
    let found = app.get_ok(&path(A, "residents?q=FAUZ"), Some(&t)).await;
    assert_eq!(found["total"], 2);
    let names: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ahmad Fauzi", "Rizki Fauzi"]);
    // Names match by word beginnings: several words, any case; not from inside a word.
    assert_eq!(total(&app, &t, "q=ahmad+fau").await, 1);
    assert_eq!(total(&app, &t, "q=mad+fauzi").await, 1);
    assert_eq!(total(&app, &t, "q=hmad").await, 0);
    // NIK and No KK.
    assert_eq!(
        total(
            &app,
            &t,
            &format!("q={}", people[1]["nik"].as_str().unwrap())
        )
        .await,
        1
    );
    let by_kk = app
        .get_ok(&path(A, "residents?q=3604051203150007"), Some(&t))
        .await;
    assert_eq!(by_kk["total"], 4);
    assert!(by_kk["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["no_kk"] == "3604051203150007" && r["family_id"] == fam["id"]));
    let names: Vec<String> = by_kk["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    let second = app
        .get_ok(
            &path(A, "residents?q=3604051203150007&per_page=3&page=2"),
            Some(&t),
        )
        .await;
    assert_eq!(second["total"], 4);
    assert_eq!(
        second["items"][0]["name"].as_str().unwrap().to_lowercase(),
        names[3]
    );
    // The same with filters: a NIK first, else a No KK.
    let nik = people[1]["nik"].as_str().unwrap();
    assert_eq!(total(&app, &t, &format!("q={nik}&status=0")).await, 1);
    assert_eq!(total(&app, &t, "q=3604051203150007&age_min=18").await, 3);
    // Filters.
    assert_eq!(total(&app, &t, "sex=2").await, 2);
    assert_eq!(total(&app, &t, "age_max=17").await, 1);
    assert_eq!(total(&app, &t, "age_min=18").await, 3);
    assert_eq!(total(&app, &t, "age_min=18&age_max=18").await, 1);
    assert_eq!(total(&app, &t, "rw=2&rt=001").await, 1);
    assert_eq!(total(&app, &t, "dusun=Krajan").await, 1);
    assert_eq!(total(&app, &t, "religion=1&occupation=1").await, 4);
    assert_eq!(total(&app, &t, "q=tidak-ada-nama").await, 0);
    // Wildcards are literal.
    assert_eq!(total(&app, &t, "q=%25").await, 0);
    // Sort and pages.
    let page = app
        .get_ok(
            &path(A, "residents?sort=-birth_date&per_page=3&page=2"),
            Some(&t),
        )
        .await;
    assert_eq!(page["total"], 4);
    assert_eq!(page["page"], 2);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["name"], "Ahmad Fauzi");
    let past = app
        .get_ok(&path(A, "residents?per_page=3&page=5"), Some(&t))
        .await;
    assert_eq!(past["total"], 4);
    assert!(past["items"].as_array().unwrap().is_empty());
    // The Buku Induk of a month: residents entered into it then, in the order they were.
    let this_month = sid_core::clock::today().format("%Y-%m").to_string();
    let book = app
        .get_ok(
            &path(
                A,
                &format!("residents?registered={this_month}&sort=registered&status=0"),
            ),
            Some(&t),
        )
        .await;
    assert_eq!(book["total"], 4);
    assert_eq!(book["items"][0]["name"], "Ahmad Fauzi");
    assert_eq!(total(&app, &t, "registered=2001-01").await, 0);
    for bad in [
        "sex=3",
        "age_min=30&age_max=20",
        "sort=umur",
        "status=5",
        "per_page=500",
        "registered=2026-13",
        "registered=kemarin",
    ] {
        assert_problem(
            app.get(&path(A, &format!("residents?{bad}")), Some(&t))
                .await,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
}

async fn families_keep_one_head(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let (fam, people) = family(&app, &t).await;
    let fid = fam["id"].as_str().unwrap();
    let detail = app
        .get_ok(&path(A, &format!("families/{fid}")), Some(&t))
        .await;
    assert_eq!(detail["members"].as_array().unwrap().len(), 4);
    assert_eq!(detail["head_id"], people[0]["id"]);
    let heads = detail["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["shdk"] == 1)
        .count();
    assert_eq!(heads, 1);
    let list = app.get_ok(&path(A, "families?q=ahmad"), Some(&t)).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["members"], 4);
    assert_eq!(list["items"][0]["head_name"], "Ahmad Fauzi");

    // A second head: refused, naming the field.
    let uncle = app
        .add_resident(
            A,
            &t,
            &resident(
                &nik("1975-09-09", false, 9),
                "Hasan Basri",
                false,
                "1975-09-09",
            ),
        )
        .await;
    let res = app
        .post(
            &path(A, &format!("families/{fid}/members")),
            Some(&t),
            &json!({"resident_id": uncle["id"], "shdk": 1}),
        )
        .await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "shdk"
    );
    // Naming the member neither by id nor by NIK, or by a NIK nobody living here has.
    for (body, field) in [
        (json!({"shdk": 6}), "nik"),
        (json!({"nik": "3604050101990001", "shdk": 6}), "nik"),
        (json!({"nik": "36040501", "shdk": 6}), "nik"),
    ] {
        let res = app
            .post(
                &path(A, &format!("families/{fid}/members")),
                Some(&t),
                &body,
            )
            .await;
        assert_eq!(
            assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
            field,
            "{body}"
        );
    }
    let mut as_head = resident(
        &nik("1976-09-09", false, 10),
        "Kepala Kedua",
        false,
        "1976-09-09",
    );
    as_head["family_id"] = fam["id"].clone();
    as_head["shdk"] = 1.into();
    let res = app.post(&path(A, "residents"), Some(&t), &as_head).await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "shdk"
    );
    // Removing the head without naming a new one: refused, naming the field.
    let head = people[0]["id"].as_str().unwrap();
    let res = app
        .send_json(
            Method::DELETE,
            &path(A, &format!("families/{fid}/members/{head}")),
            Some(&t),
            &Value::Null,
        )
        .await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "new_head_id"
    );
    let unchanged = app
        .get_ok(&path(A, &format!("families/{fid}")), Some(&t))
        .await;
    assert_eq!(unchanged["members"], detail["members"]);

    // Change of head: the mother heads the family, the father becomes husband (2).
    let res = app
        .send_json(
            Method::PUT,
            &path(A, &format!("families/{fid}/head")),
            Some(&t),
            &json!({"resident_id": people[1]["id"], "previous_head_shdk": 2}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let changed: Value = res.json().await.unwrap();
    assert_eq!(changed["head_id"], people[1]["id"]);
    let shdk_of = |v: &Value, id: &Value| {
        v["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| &m["id"] == id)
            .unwrap()["shdk"]
            .clone()
    };
    assert_eq!(shdk_of(&changed, &people[1]["id"]), 1);
    assert_eq!(shdk_of(&changed, &people[0]["id"]), 2);

    // Pecah KK: the son and his sister onto a new card, the son as head.
    let res = app
        .post(&path(A, &format!("families/{fid}/split")), Some(&t), &json!({"no_kk": "3604050101200003", "head_id": people[2]["id"], "member_ids": [people[3]["id"]]}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let new: Value = res.json().await.unwrap();
    assert_eq!(new["head_id"], people[2]["id"]);
    assert_eq!(new["members"].as_array().unwrap().len(), 2);
    assert_eq!(new["address"], fam["address"]);
    let old = app
        .get_ok(&path(A, &format!("families/{fid}")), Some(&t))
        .await;
    assert_eq!(old["members"].as_array().unwrap().len(), 2);
    // The head of the old card cannot be split off.
    let res = app
        .post(
            &path(A, &format!("families/{fid}/split")),
            Some(&t),
            &json!({"no_kk": "3604050101200004", "head_id": people[1]["id"]}),
        )
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    // The head leaves naming the new head.
    let res = app
        .send_json(
            Method::DELETE,
            &path(
                A,
                &format!(
                    "families/{fid}/members/{}?new_head_id={}",
                    people[1]["id"].as_str().unwrap(),
                    people[0]["id"].as_str().unwrap()
                ),
            ),
            Some(&t),
            &Value::Null,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let after: Value = res.json().await.unwrap();
    assert_eq!(after["head_id"], people[0]["id"]);
    assert_eq!(after["members"].as_array().unwrap().len(), 1);
    // A duplicate No KK.
    let res = app
        .post(
            &path(A, "families"),
            Some(&t),
            &json!({"no_kk": "3604050101200003", "head_id": uncle["id"], "address": "Kp. Baru"}),
        )
        .await;
    assert_problem(res, StatusCode::CONFLICT).await;
}

async fn events_change_status_and_fill_the_book(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let (fam, people) = family(&app, &t).await;
    let born = years_ago(0, 3);
    let baby_nik = nik(&born, true, 11);
    let res = app
        .post(&path(A, "events"), Some(&t), &json!({
            "kind": "birth", "family_id": fam["id"], "mother_id": people[1]["id"], "father_id": people[0]["id"],
            "child": {"nik": baby_nik, "name": "Zahra", "sex": 2, "birth_place": "Serang", "birth_date": born, "religion": 1}
        }))
        .await;
    let status = res.status();
    let birth: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{birth}");
    let baby = &birth["resident"];
    assert_eq!(baby["family_id"], fam["id"]);
    assert_eq!(baby["mother_id"], people[1]["id"]);
    assert_eq!(baby["father_id"], people[0]["id"]);
    assert_eq!(baby["mother_name"], "Siti Aminah");
    assert_eq!(baby["shdk"], 4);

    // Death before birth: refused, naming the field, nothing changed.
    let res = app
        .post(&path(A, "events"), Some(&t), &json!({"kind": "death", "resident_id": people[0]["id"], "date": "1970-01-01", "cause": "Sakit", "place": "Rumah"}))
        .await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "date"
    );
    let res = app
        .post(&path(A, "events"), Some(&t), &json!({"kind": "death", "resident_id": people[0]["id"], "date": "2999-01-01", "cause": "Sakit", "place": "Rumah"}))
        .await;
    assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(app.get_ok(&path(A, "events"), Some(&t)).await["total"], 1);

    let res = app
        .post(&path(A, "events"), Some(&t), &json!({"kind": "death", "resident_id": people[0]["id"], "date": "2026-01-10", "reported_on": "2026-01-12", "cause": "Sakit jantung", "place": "RSUD Serang"}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let dead: Value = res.json().await.unwrap();
    assert_eq!(dead["resident"]["status"], 2);
    assert_eq!(dead["resident"]["status_changed_on"], "2026-01-10");
    // Dead is not living: a second death is a conflict, and the list of the living shrinks.
    let res = app
        .post(&path(A, "events"), Some(&t), &json!({"kind": "death", "resident_id": people[0]["id"], "date": "2026-01-11", "cause": "x", "place": "y"}))
        .await;
    assert_problem(res, StatusCode::CONFLICT).await;
    assert_eq!(total(&app, &t, "").await, 4);
    assert_eq!(total(&app, &t, "status=2").await, 1);

    let res = app
        .post(
            &path(A, "events"),
            Some(&t),
            &json!({"kind": "missing", "resident_id": people[2]["id"], "date": "2026-02-01"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let newcomer = resident(
        &nik("1995-12-01", false, 21),
        "Budi Pendatang",
        false,
        "1995-12-01",
    );
    let res = app
        .post(&path(A, "events"), Some(&t), &json!({"kind": "move_in", "resident": newcomer, "date": "2026-03-01", "origin": "Kota Cilegon"}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .post(&path(A, "events"), Some(&t), &json!({"kind": "move_out", "resident_id": people[3]["id"], "date": "2026-03-05", "destination": "Jakarta Timur", "reason": "Sekolah"}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    // The book, by month and by kind.
    let book = app.get_ok(&path(A, "events"), Some(&t)).await;
    assert_eq!(book["total"], 5);
    let march = app.get_ok(&path(A, "events?month=2026-03"), Some(&t)).await;
    assert_eq!(march["total"], 2);
    let deaths = app.get_ok(&path(A, "events?kind=death"), Some(&t)).await;
    assert_eq!(deaths["items"][0]["reported_on"], "2026-01-12");
    assert_eq!(deaths["items"][0]["name"], "Ahmad Fauzi");
    assert_problem(
        app.get(&path(A, "events?month=2026-13"), Some(&t)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_problem(
        app.get(&path(A, "events?kind=lahir"), Some(&t)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    // Buku Rekapitulasi: March's arrivals and departures, by sex; the birth in its own month.
    let march = app
        .get_ok(&path(A, "books/rekapitulasi?month=2026-03"), Some(&t))
        .await;
    assert_eq!(march["moves_in"]["male"], 1);
    assert_eq!(march["moves_out"]["female"], 1);
    assert_eq!(march["end"]["male"], 1, "the newcomer, arrived on 1 March");
    let birth_month = &born[..7];
    let recap = app
        .get_ok(
            &path(A, &format!("books/rekapitulasi?month={birth_month}")),
            Some(&t),
        )
        .await;
    assert_eq!(recap["births"]["female"], 1);
    let res = app
        .get(
            &path(A, "books/rekapitulasi?month=2026-03&format=csv"),
            Some(&t),
        )
        .await;
    let text = res.text().await.unwrap();
    assert!(text.starts_with("bulan,rincian,laki_laki,perempuan,jumlah"));
    assert!(text.contains("2026-03,datang,1,0,1"), "{text}");
    assert_problem(
        app.get(&path(A, "books/rekapitulasi?month=maret"), Some(&t))
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    // Statistics count the living only, with no personal data.
    let stats = app.get_ok(&path(A, "statistics"), None).await;
    assert_eq!(stats["total"], 3);
    assert_eq!(stats["female"], 2);
    assert_eq!(stats["male"], 1);
    assert_eq!(stats["families"], 1);
    assert_eq!(stats["age_groups"][0]["label"], "0-4");
    assert_eq!(stats["age_groups"][0]["female"], 1);
    assert_eq!(stats["age_groups"].as_array().unwrap().len(), 16);
    assert_eq!(stats["religion"][0]["name"], "ISLAM");
    assert!(!stats.to_string().contains(&baby_nik));
}

async fn a_nik_is_active_in_one_desa_and_moves_between_desa(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let n = nik("1988-08-08", false, 5);
    let r = app
        .add_resident(A, &a, &resident(&n, "Joko Santoso", false, "1988-08-08"))
        .await;
    // Same desa again, then another desa: 409, naming the desa that holds it.
    let res = app
        .post(
            &path(A, "residents"),
            Some(&a),
            &resident(&n, "Joko Lagi", false, "1988-08-08"),
        )
        .await;
    assert_problem(res, StatusCode::CONFLICT).await;
    let res = app
        .post(
            &path(B, "residents"),
            Some(&b),
            &resident(&n, "Joko Santoso", false, "1988-08-08"),
        )
        .await;
    let problem = assert_problem(res, StatusCode::CONFLICT).await;
    let detail = problem["detail"].as_str().unwrap();
    // Only that another desa of the regency holds it: neither which nor who.
    assert!(detail.contains("desa lain"), "{detail}");
    assert!(
        !detail.contains("Kramatwatu") && !detail.contains("Joko"),
        "no desa, no personal data: {detail}"
    );
    assert_eq!(
        app.get_ok(&path(B, "residents?status=0"), Some(&b)).await["total"],
        0
    );

    // Move him A -> B: A asks, B accepts, and the record moves.
    let res = app
        .post(&path(A, "events"), Some(&a), &json!({"kind": "move_out", "resident_id": r["id"], "date": "2026-04-01", "destination": "Desa Pejaten RT 003/RW 001", "reason": "Menikah", "to_desa": "36.04.05.2003"}))
        .await;
    let status = res.status();
    let asked: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::ACCEPTED, "{asked}");
    let res = app
        .post(
            &path(
                B,
                &format!("transfers/{}/transition", asked["id"].as_str().unwrap()),
            ),
            Some(&b),
            &json!({"to": "diterima"}),
        )
        .await;
    let status = res.status();
    let moved: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{moved}");
    let arrived_id = moved["resident_id"].as_str().unwrap();
    // A's books show him leaving; B's show him arriving, with the history carried.
    let a_book = app.get_ok(&path(A, "events?kind=move_out"), Some(&a)).await;
    assert_eq!(a_book["total"], 1);
    let b_person = app
        .get_ok(&path(B, &format!("residents/{arrived_id}")), Some(&b))
        .await;
    assert_eq!(b_person["nik"], n);
    assert_eq!(b_person["status"], 1);
    assert_eq!(b_person["address"], "Desa Pejaten RT 003/RW 001");
    let b_history = app
        .get_ok(
            &path(B, &format!("residents/{arrived_id}/events")),
            Some(&b),
        )
        .await;
    let kinds: Vec<&str> = b_history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["move_in"]);
    assert!(b_history[0]["detail"]
        .as_str()
        .unwrap()
        .contains("36.04.05.2001"));
    // Now B holds the NIK: A cannot register it again, and learns only that another desa of
    // the regency holds it, not which.
    let res = app
        .post(
            &path(A, "residents"),
            Some(&a),
            &resident(&n, "Joko Santoso", false, "1988-08-08"),
        )
        .await;
    let detail = assert_problem(res, StatusCode::CONFLICT).await["detail"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(detail.contains("desa lain"), "{detail}");
    assert!(!detail.contains("Pejaten"), "{detail}");
    // A move to an unknown or the same desa is refused and changes nothing.
    let other = app
        .add_resident(
            A,
            &a,
            &resident(&nik("1970-01-01", true, 8), "Ibu Lain", true, "1970-01-01"),
        )
        .await;
    for to in ["atlantis", "kramatwatu"] {
        let res = app
            .post(&path(A, "events"), Some(&a), &json!({"kind": "move_out", "resident_id": other["id"], "date": "2026-04-01", "destination": "x", "reason": "y", "to_desa": to}))
            .await;
        assert_eq!(
            assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
            "to_desa"
        );
    }
    assert_eq!(
        app.get_ok(
            &path(A, &format!("residents/{}", other["id"].as_str().unwrap())),
            Some(&a)
        )
        .await["status"],
        1
    );
}

async fn other_desa_cannot_reach_population_data(app: TestApp) {
    let a = app.desa_admin("admin.a", A).await;
    let b = app.desa_admin("admin.b", B).await;
    let (fam, people) = family(&app, &a).await;
    let fid = fam["id"].as_str().unwrap();
    let rid = people[2]["id"].as_str().unwrap();
    let hid = people[0]["id"].as_str().unwrap();
    let before = app
        .get_ok(&path(A, &format!("families/{fid}")), Some(&a))
        .await;

    // B's staff on A's routes: forbidden.
    let on_a: Vec<(Method, String, Value)> = vec![
        (Method::GET, path(A, "residents"), Value::Null),
        (Method::GET, path(A, "residents?q=fauzi"), Value::Null),
        (
            Method::POST,
            path(A, "residents"),
            resident(
                &nik("1999-09-09", false, 99),
                "Penyusup",
                false,
                "1999-09-09",
            ),
        ),
        (
            Method::GET,
            path(A, &format!("residents/{rid}")),
            Value::Null,
        ),
        (
            Method::PATCH,
            path(A, &format!("residents/{rid}")),
            json!({"name": "Diubah"}),
        ),
        (
            Method::GET,
            path(A, &format!("residents/{rid}/events")),
            Value::Null,
        ),
        (Method::GET, path(A, "families"), Value::Null),
        (
            Method::POST,
            path(A, "families"),
            json!({"no_kk": "3604050101200009", "head_id": rid, "address": "x"}),
        ),
        (
            Method::GET,
            path(A, &format!("families/{fid}")),
            Value::Null,
        ),
        (
            Method::POST,
            path(A, &format!("families/{fid}/members")),
            json!({"resident_id": rid, "shdk": 4}),
        ),
        (
            Method::DELETE,
            path(A, &format!("families/{fid}/members/{rid}")),
            Value::Null,
        ),
        (
            Method::PUT,
            path(A, &format!("families/{fid}/head")),
            json!({"resident_id": rid, "previous_head_shdk": 2}),
        ),
        (
            Method::POST,
            path(A, &format!("families/{fid}/split")),
            json!({"no_kk": "3604050101200009", "head_id": rid}),
        ),
        (
            Method::POST,
            path(A, "events"),
            json!({"kind": "death", "resident_id": hid, "date": "2026-01-01", "cause": "x", "place": "y"}),
        ),
        (Method::GET, path(A, "events"), Value::Null),
        (Method::GET, path(A, "areas"), Value::Null),
        (
            Method::POST,
            path(A, "areas"),
            json!({"dusun": "X", "rw": "1", "rt": "1"}),
        ),
        (Method::GET, path(A, "audit"), Value::Null),
        (
            Method::GET,
            path(A, "books/rekapitulasi?month=2026-01"),
            Value::Null,
        ),
    ];
    for (method, p, body) in &on_a {
        let res = app.send_json(method.clone(), p, Some(&b), body).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{method} {p}");
    }
    // A's staff pages, too.
    for page in [
        "/desa/kramatwatu/admin/penduduk".to_string(),
        "/desa/kramatwatu/admin/penduduk/baru".to_string(),
        format!("/desa/kramatwatu/admin/penduduk/{rid}"),
        format!("/desa/kramatwatu/admin/penduduk/{rid}/ubah"),
        "/desa/kramatwatu/admin/penduduk/datang".to_string(),
        format!("/desa/kramatwatu/admin/keluarga/{fid}"),
        "/desa/kramatwatu/admin/impor".to_string(),
        "/desa/kramatwatu/admin/buku".to_string(),
    ] {
        let res = app.get(&page, Some(&b)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{page}");
    }
    // A's ids through B's own routes: not found (never "forbidden", which would confirm them).
    let on_b: Vec<(Method, String, Value)> = vec![
        (
            Method::GET,
            path(B, &format!("residents/{rid}")),
            Value::Null,
        ),
        (
            Method::PATCH,
            path(B, &format!("residents/{rid}")),
            json!({"name": "Diubah"}),
        ),
        (
            Method::GET,
            path(B, &format!("residents/{rid}/events")),
            Value::Null,
        ),
        (
            Method::GET,
            path(B, &format!("families/{fid}")),
            Value::Null,
        ),
        (
            Method::POST,
            path(B, &format!("families/{fid}/members")),
            json!({"resident_id": rid, "shdk": 4}),
        ),
        (
            Method::POST,
            path(B, "events"),
            json!({"kind": "death", "resident_id": hid, "date": "2026-01-01", "cause": "x", "place": "y"}),
        ),
    ];
    for (method, p, body) in &on_b {
        let res = app.send_json(method.clone(), p, Some(&b), body).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{method} {p}");
    }
    // An A resident's NIK on B's own card: no such living resident in B.
    let b_head = app
        .add_resident(
            B,
            &b,
            &resident(
                &nik("1990-01-01", false, 97),
                "Kepala B",
                false,
                "1990-01-01",
            ),
        )
        .await;
    let b_fam: Value = app
        .post(
            &path(B, "families"),
            Some(&b),
            &json!({"no_kk": "3604050101200011", "head_id": b_head["id"], "address": "Kp. B"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .post(
            &path(
                B,
                &format!("families/{}/members", b_fam["id"].as_str().unwrap()),
            ),
            Some(&b),
            &json!({"nik": people[2]["nik"], "shdk": 4}),
        )
        .await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "nik"
    );
    // Naming A's family or RT in B's own records is an invalid field, not a link.
    let mut into_a = resident(
        &nik("1999-09-09", false, 98),
        "Warga B",
        false,
        "1999-09-09",
    );
    into_a["family_id"] = fam["id"].clone();
    let res = app.post(&path(B, "residents"), Some(&b), &into_a).await;
    assert_eq!(
        assert_problem(res, StatusCode::BAD_REQUEST).await["errors"][0]["field"],
        "family_id"
    );
    // B's search does not find A's people, by name, NIK or No KK.
    for q in [
        "fauzi",
        people[0]["nik"].as_str().unwrap(),
        "3604051203150007",
    ] {
        assert_eq!(
            app.get_ok(&path(B, &format!("residents?q={q}")), Some(&b))
                .await["total"],
            0
        );
    }
    // Nothing in A changed.
    let after = app
        .get_ok(&path(A, &format!("families/{fid}")), Some(&a))
        .await;
    assert_eq!(before["members"], after["members"]);
    assert_eq!(app.get_ok(&path(A, "events"), Some(&a)).await["total"], 0);
    // Public statistics stay public.
    assert_eq!(app.get_ok(&path(A, "statistics"), None).await["total"], 4);
}

async fn views_and_corrections_are_audited(app: TestApp) {
    let t = app.desa_admin("admin.a", A).await;
    let r = app
        .add_resident(
            A,
            &t,
            &resident(
                &nik("1990-05-12", true, 7),
                "Dewi Lestari",
                true,
                "1990-05-12",
            ),
        )
        .await;
    let id = r["id"].as_str().unwrap();
    app.get_ok(&path(A, &format!("residents/{id}")), Some(&t))
        .await;
    let res = app
        .patch(
            &path(A, &format!("residents/{id}")),
            Some(&t),
            &json!({"name": "Dewi Lestari Putri", "occupation": 88}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let log = app
        .get_ok(&path(A, &format!("audit?target={id}")), Some(&t))
        .await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["resident.update", "resident.view", "resident.create"]
    );
    assert!(log["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor_username"] == "admin.a"));
    // The corrected name is what search finds.
    assert_eq!(total(&app, &t, "q=putri").await, 1);
    let change: Value = serde_json::from_str(log["items"][0]["detail"].as_str().unwrap()).unwrap();
    assert_eq!(change["name"]["old"], "Dewi Lestari");
    assert_eq!(change["name"]["new"], "Dewi Lestari Putri");
    assert_eq!(change["occupation"]["old"], 1);
    assert_eq!(change["occupation"]["new"], 88);
}
