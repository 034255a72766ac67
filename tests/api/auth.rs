use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp, ADMIN_PASSWORD, PASSWORD};

on_both_backends!(
    login_and_me,
    wrong_password_and_unknown_user_get_the_same_reply,
    logout_revokes_at_once,
    revocation_reaches_every_instance,
    password_change_revokes_every_session,
    disabled_account_is_refused_at_once,
    first_admin_exists_once,
);

async fn login_and_me(app: TestApp) {
    let res = app.login("admin", ADMIN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["username"], "admin");
    assert_eq!(body["user"]["role"], "kabupaten_admin");
    assert_eq!(body["user"]["desa"], Value::Null);
    assert!(body["expires_at"].as_str().unwrap().ends_with('Z'));
    let token = body["token"].as_str().unwrap();
    let me: Value = app
        .get("/api/v1/auth/me", Some(token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "admin");

    app.create_desa_user("sekdes.pejaten", "desa_admin", "pejaten")
        .await;
    // User names are case-insensitive.
    let res = app.login("Sekdes.Pejaten", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["role"], "desa_admin");
    assert_eq!(body["user"]["desa"]["slug"], "pejaten");
    assert_eq!(body["user"]["desa"]["code"], "36.04.05.2003");

    assert_problem(
        app.get("/api/v1/auth/me", None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

async fn wrong_password_and_unknown_user_get_the_same_reply(app: TestApp) {
    let wrong = assert_problem(
        app.login("admin", "salah-sekali").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown = assert_problem(
        app.login("tidak.ada", "salah-sekali").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong, unknown);
}

on_both_backends!(lockout_after_five_failures_and_its_expiry);

async fn lockout_after_five_failures_and_its_expiry(app: TestApp) {
    // A short lockout so that its expiry can be seen; the count is the default five.
    let app = TestApp::spawn_with(app.backend, |s| s.auth.lockout_seconds = 2).await;
    for i in 1..=4 {
        let res = app.login("admin", "salah-sekali").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let fifth = assert_problem(
        app.login("admin", "salah-sekali").await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    assert_eq!(fifth["type"], "/problems/locked");
    // Locked: even the right password is refused...
    let res = app.login("admin", ADMIN_PASSWORD).await;
    assert!(res.headers().contains_key("retry-after"));
    let locked = assert_problem(res, StatusCode::TOO_MANY_REQUESTS).await;
    // ...and an unknown name locks and answers exactly alike.
    for _ in 0..5 {
        app.login("tidak.ada", "salah-sekali").await;
    }
    let unknown = assert_problem(
        app.login("tidak.ada", "x-y-z-w-v").await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    assert_eq!(unknown["type"], locked["type"]);
    assert_eq!(unknown["title"], locked["title"]);
    // After the lockout the right password works again.
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    assert_eq!(
        app.login("admin", ADMIN_PASSWORD).await.status(),
        StatusCode::OK
    );
    // And the count started afresh: one failure does not lock.
    assert_eq!(
        app.login("admin", "salah-sekali").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login("admin", ADMIN_PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn logout_revokes_at_once(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.admin_token().await;
    let res = app
        .post("/api/v1/auth/logout", Some(&token), &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_problem(
        app.get("/api/v1/auth/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // Another session of the same account lives on.
    assert_eq!(
        app.get("/api/v1/auth/me", Some(&other)).await.status(),
        StatusCode::OK
    );
}

/// Two instances over one database: a session one of them has seen live (and may keep in
/// its cache) ends there too when the other ends it.
async fn revocation_reaches_every_instance(app: TestApp) {
    let other = app.restart().await;
    let id = app
        .create_desa_user("op.pejaten", "desa_operator", "pejaten")
        .await;
    let logged_out = app.token("op.pejaten", PASSWORD).await;
    let disabled = app.token("op.pejaten", PASSWORD).await;
    for token in [&logged_out, &disabled] {
        for _ in 0..2 {
            let res = other.get("/api/v1/auth/me", Some(token)).await;
            assert_eq!(res.status(), StatusCode::OK);
        }
    }

    let res = app
        .post("/api/v1/auth/logout", Some(&logged_out), &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    refused_soon(&other, &logged_out).await;
    assert_eq!(
        other.get("/api/v1/auth/me", Some(&disabled)).await.status(),
        StatusCode::OK
    );

    set_active(&app, &id, false).await;
    refused_soon(&other, &disabled).await;
}

/// Diskominfo disables or enables an account; returns the account as answered.
async fn set_active(app: &TestApp, id: &str, active: bool) -> Value {
    let admin = app.admin_token().await;
    let res = app
        .patch(
            &format!("/api/v1/kabupaten/users/{id}"),
            Some(&admin),
            &json!({ "active": active }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// The other instance hears of a revocation within moments, not at the next expiry.
async fn refused_soon(app: &TestApp, token: &str) {
    for _ in 0..100 {
        if app.get("/api/v1/auth/me", Some(token)).await.status() == StatusCode::UNAUTHORIZED {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the other instance still accepts a revoked session after 2 s");
}

async fn password_change_revokes_every_session(app: TestApp) {
    app.create_desa_user("op.margasana", "desa_operator", "margasana")
        .await;
    let first = app.token("op.margasana", PASSWORD).await;
    let second = app.token("op.margasana", PASSWORD).await;

    // Wrong current password: refused, nothing changes.
    let res = app
        .post(
            "/api/v1/auth/password",
            Some(&first),
            &json!({"current_password": "bukan-ini", "new_password": "sandi-baru-123"}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "current_password");
    // Too short a new password names the field.
    let res = app
        .post(
            "/api/v1/auth/password",
            Some(&first),
            &json!({"current_password": PASSWORD, "new_password": "pendek"}),
        )
        .await;
    let body = assert_problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["errors"][0]["field"], "new_password");
    assert_eq!(
        app.get("/api/v1/auth/me", Some(&second)).await.status(),
        StatusCode::OK
    );

    let res = app
        .post(
            "/api/v1/auth/password",
            Some(&first),
            &json!({"current_password": PASSWORD, "new_password": "sandi-baru-123"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    for t in [&first, &second] {
        assert_problem(
            app.get("/api/v1/auth/me", Some(t)).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    assert_eq!(
        app.login("op.margasana", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.token("op.margasana", "sandi-baru-123").await;
}

async fn disabled_account_is_refused_at_once(app: TestApp) {
    let id = app
        .create_desa_user("op.pejaten", "desa_operator", "pejaten")
        .await;
    let token = app.token("op.pejaten", PASSWORD).await;
    let body = set_active(&app, &id, false).await;
    assert_eq!(body["active"], false);
    assert_problem(
        app.get("/api/v1/auth/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // A disabled account cannot sign in, and says so no differently from a wrong password.
    assert_problem(
        app.login("op.pejaten", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    set_active(&app, &id, true).await;
    app.token("op.pejaten", PASSWORD).await;
}

async fn first_admin_exists_once(app: TestApp) {
    let admin = app.admin_token().await;
    let res = app
        .post(
            "/api/v1/kabupaten/users",
            Some(&admin),
            &json!({"username": "admin", "password": PASSWORD, "role": "kabupaten_admin"}),
        )
        .await;
    assert_problem(res, StatusCode::CONFLICT).await;
    let res = app
        .post(
            "/api/v1/kabupaten/users",
            Some(&admin),
            &json!({"username": "diskominfo.dua", "password": PASSWORD, "role": "kabupaten_admin"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    app.token("diskominfo.dua", PASSWORD).await;
    // A desa role needs a desa; a regency role must not have one; the desa must exist.
    for (body, field) in [
        (
            json!({"username": "x.satu", "password": PASSWORD, "role": "desa_admin"}),
            "desa",
        ),
        (
            json!({"username": "x.dua", "password": PASSWORD, "role": "kabupaten_admin", "desa": "pejaten"}),
            "desa",
        ),
        (
            json!({"username": "x.tiga", "password": PASSWORD, "role": "desa_admin", "desa": "atlantis"}),
            "desa",
        ),
        (
            json!({"username": "x.empat", "password": PASSWORD, "role": "raja", "desa": "pejaten"}),
            "role",
        ),
        (
            json!({"username": "9x", "password": PASSWORD, "role": "desa_admin", "desa": "pejaten"}),
            "username",
        ),
    ] {
        let body = assert_problem(
            app.post("/api/v1/kabupaten/users", Some(&admin), &body)
                .await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], field, "{body}");
    }
}

on_both_backends!(a_desa_admin_cannot_undo_the_regency_disabling_an_account);

/// An account the regency disabled stays disabled until the regency enables it again; what a
/// desa admin disabled, the desa admin may enable.
async fn a_desa_admin_cannot_undo_the_regency_disabling_an_account(app: TestApp) {
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    let op = app
        .create_desa_user("op.a", "desa_operator", "kramatwatu")
        .await;
    let desa_admin = app.token("admin.a", PASSWORD).await;
    let url = format!("/api/v1/desa/kramatwatu/users/{op}");
    let (on, off) = (json!({ "active": true }), json!({ "active": false }));
    let by_desa =
        |active: bool| app.patch(&url, Some(&desa_admin), if active { &on } else { &off });
    set_active(&app, &op, false).await;
    let refused = assert_problem(by_desa(true).await, StatusCode::FORBIDDEN).await;
    assert!(refused["detail"].as_str().unwrap().contains("Diskominfo"));
    assert_eq!(
        app.login("op.a", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED,
        "still disabled"
    );
    set_active(&app, &op, true).await;
    assert_eq!(app.login("op.a", PASSWORD).await.status(), StatusCode::OK);
    // The desa's own decision stays the desa's.
    assert_eq!(by_desa(false).await.status(), StatusCode::OK);
    assert_eq!(by_desa(true).await.status(), StatusCode::OK);
    assert_eq!(app.login("op.a", PASSWORD).await.status(), StatusCode::OK);
}

on_both_backends!(
    sign_ins_are_limited_per_address_and_per_instance,
    hashes_carry_the_server_pepper,
);

/// A wrong sign-in from `client`, by name or by NIK.
async fn sign_in(app: &TestApp, client: &reqwest::Client, body: &Value) -> reqwest::Response {
    let path = if body.get("nik").is_some() {
        "/api/v1/desa/kramatwatu/auth/warga"
    } else {
        "/api/v1/auth/login"
    };
    client.post(app.url(path)).json(body).send().await.unwrap()
}

async fn sign_ins_are_limited_per_address_and_per_instance(app: TestApp) {
    let wrong = |name: &str| json!({"username": name, "password": "salah-sekali"});
    let admin = json!({"username": "admin", "password": ADMIN_PASSWORD});
    let per_address = app
        .restart_with(|s| s.auth.signin_per_address_per_minute = 3)
        .await;
    let (one, two) = (
        TestApp::client_from("127.0.0.2"),
        TestApp::client_from("127.0.0.3"),
    );
    // Three names guessed from one address: each a plain failure, none near its own lock.
    for name in ["budi", "siti", "ahmad"] {
        let res = sign_in(&per_address, &one, &wrong(name)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // The fourth, even with the right password, and a NIK: refused before any account is read.
    for body in [
        admin.clone(),
        json!({"nik": "3604010101900001", "pin": "123456"}),
    ] {
        let res = sign_in(&per_address, &one, &body).await;
        assert!(res.headers().contains_key("retry-after"));
        let problem = assert_problem(res, StatusCode::TOO_MANY_REQUESTS).await;
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("Terlalu banyak percobaan masuk dalam waktu singkat"),
            "{problem}"
        );
    }
    // A forwarded-for header written by the client itself changes nothing.
    let spoofed = one
        .post(per_address.url("/api/v1/auth/login"))
        .header("x-forwarded-for", "10.9.8.7")
        .json(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(spoofed.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another address signs in; the refused attempts counted towards no account's lock.
    let res = sign_in(&per_address, &two, &admin).await;
    assert_eq!(res.status(), StatusCode::OK);

    // For the whole instance: one a second (two at once), whichever address they come from.
    let instance = app.restart_with(|s| s.auth.signin_per_second = 1).await;
    for client in [&one, &two] {
        let res = sign_in(&instance, client, &wrong("budi")).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let third = TestApp::client_from("127.0.0.4");
    let res = sign_in(&instance, &third, &admin).await;
    assert_problem(res, StatusCode::TOO_MANY_REQUESTS).await;

    // Behind a trusted proxy, the address it appends (the last) is the client's.
    let proxied = app
        .restart_with(|s| {
            s.auth.signin_per_address_per_minute = 2;
            s.auth.trusted_proxies = "127.0.0.5".into();
        })
        .await;
    let proxy = TestApp::client_from("127.0.0.5");
    let via = |forwarded: &'static str| {
        proxy
            .post(proxied.url("/api/v1/auth/login"))
            .header("x-forwarded-for", forwarded)
            .json(&wrong("rina"))
            .send()
    };
    for _ in 0..2 {
        assert_eq!(
            via("10.0.0.1").await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        via("10.0.0.1").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        via("10.0.0.1, 10.0.0.2").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

/// The stored hash of `username`'s password.
async fn stored_hash(app: &TestApp, username: &'static str) -> String {
    use diesel::prelude::*;
    use sid_core::schema::users;
    app.state
        .db
        .global_read(move |c| {
            Ok(users::table
                .filter(users::username.eq(username))
                .select(users::password_hash)
                .first::<String>(c)?)
        })
        .await
        .unwrap()
}

async fn hashes_carry_the_server_pepper(app: TestApp) {
    use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
    use argon2::{Argon2, PasswordVerifier};
    app.create_desa_user("sekdes.a", "desa_admin", "kramatwatu")
        .await;
    let hash = stored_hash(&app, "sekdes.a").await;
    assert!(hash.contains("keyid="), "{hash}");
    // The table alone is not enough to try passwords against it.
    let parsed = PasswordHash::new(&hash).unwrap();
    assert!(Argon2::default()
        .verify_password(PASSWORD.as_bytes(), &parsed)
        .is_err());
    // A server with another pepper over the same database refuses the right password.
    let other = app
        .restart_with(|s| s.auth.pepper = Some("lada-lain-".repeat(4)))
        .await;
    assert_eq!(
        other.login("sekdes.a", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login("sekdes.a", PASSWORD).await.status(),
        StatusCode::OK
    );

    // A hash from before the pepper still signs in, and is replaced by a peppered one.
    let salt = SaltString::encode_b64(b"garam-lama-16byt").unwrap();
    let old = Argon2::default()
        .hash_password(PASSWORD.as_bytes(), &salt)
        .unwrap()
        .to_string();
    let stored = old.clone();
    app.state
        .db
        .global(move |c| {
            use diesel::prelude::*;
            use sid_core::schema::users;
            diesel::update(users::table.filter(users::username.eq("sekdes.a")))
                .set(users::password_hash.eq(stored))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(
        app.login("sekdes.a", PASSWORD).await.status(),
        StatusCode::OK
    );
    let renewed = stored_hash(&app, "sekdes.a").await;
    assert_ne!(renewed, old);
    assert!(renewed.contains("keyid="), "{renewed}");
}
