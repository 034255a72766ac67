//! Notifications over a real SMTP server on loopback (Python's smtpd, started by the test): with
//! the server down a request still succeeds, and its mail arrives once the server is up.

use std::process::Stdio;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::support::{nik, resident, Backend, TestApp};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn outbox(app: &TestApp) -> (i64, i64) {
    app.state
        .db
        .global_read(|conn| {
            use diesel::prelude::*;
            use sid_core::schema::mail_outbox::dsl::*;
            let sent: i64 = mail_outbox
                .filter(sent_at.is_not_null())
                .count()
                .get_result(conn)?;
            let tried: i64 = mail_outbox
                .filter(sent_at.is_null())
                .filter(attempts.gt(0))
                .count()
                .get_result(conn)?;
            Ok((sent, tried))
        })
        .await
        .unwrap()
}

async fn mail_survives_an_smtp_outage(backend: Backend) {
    let port = free_port();
    let app = TestApp::spawn_with(backend, |s| {
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.poll_ms = 100;
        s.mail.retry_base_seconds = 1;
    })
    .await;
    let admin = app.desa_admin("admin.a", "kramatwatu").await;
    let mut body = resident(
        &nik("1980-03-04", false, 1),
        "Ahmad Fauzi",
        false,
        "1980-03-04",
    );
    body["email"] = json!("ahmad@example.test");
    let person = app.add_resident("kramatwatu", &admin, &body).await;
    let res = app
        .post(
            "/api/v1/desa/kramatwatu/letter-requests",
            Some(&admin),
            &json!({"type": "penduduk", "purpose": "Bank", "subject_id": person["id"]}),
        )
        .await;
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // SMTP is down: the request goes through at once all the same.
    let started = std::time::Instant::now();
    let res = app
        .post(
            &format!("/api/v1/desa/kramatwatu/letter-requests/{id}/transition"),
            Some(&admin),
            &json!({"to": "ditolak", "reason": "Data belum sesuai"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(5));
    // The worker tries, fails, and keeps the mail for later.
    let mut state = (0, 0);
    for _ in 0..100 {
        state = outbox(&app).await;
        if state.1 > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state, (0, 1), "tried once, not sent");

    // The server comes up; the mail arrives.
    let mut server = tokio::process::Command::new("python3")
        .args([
            "-u",
            "-W",
            "ignore",
            "-m",
            "smtpd",
            "-n",
            "-c",
            "DebuggingServer",
        ])
        .arg(format!("127.0.0.1:{port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("python3 smtpd");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let mut received = String::new();
    let read = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            received.push_str(&line);
            received.push('\n');
            if line.contains("END MESSAGE") {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .expect("the mail arrives after the SMTP server is back");
    assert!(received.contains("To: ahmad@example.test"), "{received}");
    assert!(received.contains("Ditolak"), "{received}");
    assert!(received.contains("Data belum sesuai"), "{received}");
    for _ in 0..50 {
        if outbox(&app).await == (1, 0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(outbox(&app).await, (1, 0));
    server.kill().await.unwrap();
}

#[actix_web::test]
async fn mail_survives_an_smtp_outage_sqlite() {
    mail_survives_an_smtp_outage(Backend::Sqlite).await;
}

#[actix_web::test]
async fn mail_survives_an_smtp_outage_postgres() {
    if crate::support::pg_url().is_some() {
        mail_survives_an_smtp_outage(Backend::Postgres).await;
    }
}
