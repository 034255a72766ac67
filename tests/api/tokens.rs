use base64::Engine;
use jsonwebtoken::{encode, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::Value;

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp, PASSWORD};

on_both_backends!(forged_and_broken_tokens_are_refused);

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

async fn forged_and_broken_tokens_are_refused(app: TestApp) {
    app.create_desa_user("op.kramatwatu", "desa_operator", "kramatwatu")
        .await;
    let token = app.token("op.kramatwatu", PASSWORD).await;
    let me = "/api/v1/auth/me";
    assert_eq!(app.get(me, Some(&token)).await.status(), StatusCode::OK);

    let claims = claims_of(&token);
    let secret = std::fs::read(app.settings.storage.dir.join("jwt-secret")).unwrap();
    let other_desa = app.state.directory.find("pejaten").unwrap().tenant;
    let parts: Vec<&str> = token.split('.').collect();

    let mut forged: Vec<(&str, String)> = Vec::new();

    // alg: none, claims unchanged, no signature.
    forged.push((
        "alg none",
        format!("{}.{}.", b64(br#"{"alg":"none","typ":"JWT"}"#), parts[1]),
    ));
    // Same claims, signed with another key.
    forged.push((
        "wrong key",
        encode(
            &Header::default(),
            &claims,
            &EncodingKey::from_secret(b"kunci-lain-yang-cukup-panjang-sekali!!"),
        )
        .unwrap(),
    ));
    // The right key, but expired (iat/exp an hour ago) — the session itself is still live.
    let mut expired = claims.clone();
    expired["iat"] = (chrono::Utc::now().timestamp() - 7200).into();
    expired["exp"] = (chrono::Utc::now().timestamp() - 3600).into();
    forged.push((
        "expired",
        encode(
            &Header::default(),
            &expired,
            &EncodingKey::from_secret(&secret),
        )
        .unwrap(),
    ));
    // Payload edited, original signature kept.
    for (name, field, value) in [
        (
            "tampered desa_id",
            "desa_id",
            Value::from(other_desa.as_str()),
        ),
        ("tampered role", "role", Value::from("kabupaten_admin")),
    ] {
        let mut c = claims.clone();
        c[field] = value;
        let payload = b64(&serde_json::to_vec(&c).unwrap());
        forged.push((name, format!("{}.{payload}.{}", parts[0], parts[2])));
    }
    // Right key but another issuer.
    let mut issuer = claims.clone();
    issuer["iss"] = "bukan-sid".into();
    forged.push((
        "wrong issuer",
        encode(
            &Header::default(),
            &issuer,
            &EncodingKey::from_secret(&secret),
        )
        .unwrap(),
    ));
    // A token signed with the right key for a session that never existed.
    let mut unknown = claims.clone();
    unknown["jti"] = uuid::Uuid::now_v7().to_string().into();
    forged.push((
        "unknown session",
        encode(
            &Header::default(),
            &unknown,
            &EncodingKey::from_secret(&secret),
        )
        .unwrap(),
    ));
    forged.push(("garbage", "bukan.sebuah.token".into()));
    forged.push(("empty", String::new()));

    for (name, t) in &forged {
        let res = app.get(me, Some(t)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
        assert_problem(res, StatusCode::UNAUTHORIZED).await;
        // The forged token gives no more on a desa route than none at all.
        let res = app.get("/api/v1/desa/pejaten/users", Some(t)).await;
        assert_eq!(
            res.status(),
            StatusCode::UNAUTHORIZED,
            "{name} on desa route"
        );
    }
    // Not a Bearer header at all.
    let res = app
        .client
        .get(app.url(me))
        .header("authorization", format!("Basic {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // The real token still works: nothing above changed it.
    assert_eq!(app.get(me, Some(&token)).await.status(), StatusCode::OK);
}
