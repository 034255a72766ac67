//! The browser's session: the cookie's flags and CSRF on forms and on cookie-authenticated API calls.

use reqwest::{Client, StatusCode};

use crate::on_both_backends;
use crate::support::{assert_problem, TestApp, ADMIN_PASSWORD};

on_both_backends!(cookie_session_is_protected_against_csrf);

fn csrf_field(html: &str) -> String {
    let start = html.find(r#"name="csrf" value=""#).expect("csrf field") + 19;
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

async fn cookie_session_is_protected_against_csrf(app: TestApp) {
    let browser = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = browser.get(app.url("/masuk")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let token = csrf_field(&page.text().await.unwrap());

    // Without the form's token, or with another, the sign-in is refused and no session is made.
    for forged in ["", "token-palsu"] {
        let res = browser
            .post(app.url("/masuk"))
            .form(&[
                ("csrf", forged),
                ("username", "admin"),
                ("password", ADMIN_PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(res.headers().get("set-cookie").is_none());
    }

    let res = browser
        .post(app.url("/masuk"))
        .form(&[
            ("csrf", token.as_str()),
            ("username", "admin"),
            ("password", ADMIN_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/kabupaten");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("sid_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(cookie.contains("Path=/"));

    // The cookie authenticates API reads...
    let me = browser
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    // ...but a state-changing API call on the cookie alone needs the CSRF header.
    let res = browser
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_problem(res, StatusCode::FORBIDDEN).await;
    assert_eq!(
        browser
            .get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    // Spelling the path differently does not skip the check: `/%61pi/` routes as `/api/`.
    let res = browser
        .post(app.url("/%61pi/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_problem(res, StatusCode::FORBIDDEN).await;
    // A second line: a request another site sent is refused, even with the token.
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://jahat.example"),
    ] {
        let res = browser
            .post(app.url("/api/v1/auth/logout"))
            .header("x-csrf-token", &token)
            .header(header, value)
            .send()
            .await
            .unwrap();
        assert_problem(res, StatusCode::FORBIDDEN).await;
    }
    assert_eq!(
        browser
            .get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "still signed in"
    );
    let res = browser
        .post(app.url("/api/v1/auth/logout"))
        .header("x-csrf-token", &token)
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.address.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let me = browser
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);

    // The sign-out form needs the token as well.
    let res = browser
        .post(app.url("/keluar"))
        .form(&[("csrf", "token-palsu")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

on_both_backends!(behind_tls_the_csrf_cookie_is_bound_to_this_host);

/// Behind TLS the CSRF cookie carries the `__Host-` prefix (and so `Secure`, `Path=/`, no
/// `Domain`): a neighbouring subdomain cannot plant one. Without TLS it keeps its plain name.
async fn behind_tls_the_csrf_cookie_is_bound_to_this_host(app: TestApp) {
    let plain = app.get("/masuk", None).await;
    let cookie = plain.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("sid_csrf="), "{cookie}");
    let tls = TestApp::spawn_with(app.backend, |s| s.auth.cookie_secure = true).await;
    let res = tls.get("/masuk", None).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-sid_csrf="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"), "{cookie}");
    // The token is checked against the prefixed cookie: a plain one is not taken for it.
    let token = cookie
        .trim_start_matches("__Host-sid_csrf=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let sign_in = |cookie: &str| {
        tls.client
            .post(tls.url("/masuk"))
            .header("cookie", format!("{cookie}={token}"))
            .form(&[
                ("csrf", token.as_str()),
                ("username", "admin"),
                ("password", ADMIN_PASSWORD),
            ])
            .send()
    };
    assert_eq!(
        sign_in("sid_csrf").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        sign_in("__Host-sid_csrf").await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
}
