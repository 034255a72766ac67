//! `sid bench letters`: letters signed end to end over HTTP (number, template, signature, PDF,
//! storage, all in the signing transaction) against a running server: the latency of one
//! signing at a time, then the rate with several clients signing at once; and the PDF
//! rendering alone, in this process, for its share of a signing.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::StartError;

fn failed(what: &str, e: impl std::fmt::Display) -> StartError {
    StartError::Config(format!("bench letters: {what}: {e}"))
}

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Client {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, StartError> {
        let mut req = self
            .http
            .request(method, format!("{}/api/v1/desa/{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.map_err(|e| failed(path, e))?;
        let status = res.status();
        let value: Value = res.json().await.map_err(|e| failed(path, e))?;
        if !status.is_success() {
            return Err(failed(path, format!("{status}: {value}")));
        }
        Ok(value)
    }

    /// A walk-in request, waiting for signature.
    async fn request(&self, desa: &str, subject: &Value) -> Result<String, StartError> {
        let body = json!({"type": "penduduk", "purpose": "Pengukuran", "subject_id": subject});
        let created = self
            .call(
                reqwest::Method::POST,
                &format!("{desa}/letter-requests"),
                Some(body),
            )
            .await?;
        Ok(created["id"].as_str().unwrap_or_default().to_string())
    }

    async fn sign(&self, desa: &str, id: &str) -> Result<Duration, StartError> {
        let started = Instant::now();
        self.call(
            reqwest::Method::POST,
            &format!("{desa}/letter-requests/{id}/transition"),
            Some(json!({"to": "siap_diambil"})),
        )
        .await?;
        Ok(started.elapsed())
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

pub async fn run(
    url: &str,
    desa: &str,
    token: &str,
    count: usize,
    clients: usize,
) -> Result<(), StartError> {
    let client = std::sync::Arc::new(Client {
        http: reqwest::Client::new(),
        base: url.trim_end_matches('/').to_string(),
        token: token.to_string(),
    });
    let list = client
        .call(
            reqwest::Method::GET,
            &format!("{desa}/residents?per_page=1"),
            None,
        )
        .await?;
    let subject = list["items"][0]["id"].clone();
    if subject.is_null() {
        return Err(failed("residents", "the desa has no living resident"));
    }
    let mut ids = Vec::with_capacity(count * 2);
    for _ in 0..count * 2 {
        ids.push(client.request(desa, &subject).await?);
    }
    let concurrent = ids.split_off(count);

    // One signing at a time: the latency of a signing on its own.
    let mut latencies = Vec::with_capacity(count);
    for id in &ids {
        latencies.push(client.sign(desa, id).await?);
    }
    latencies.sort_unstable();

    // Several clients at once: the rate the desa's letters are signed at.
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in concurrent.chunks(count.div_ceil(clients.max(1))) {
        let (client, chunk, desa) = (client.clone(), chunk.to_vec(), desa.to_string());
        tasks.spawn(async move {
            for id in chunk {
                client.sign(&desa, &id).await?;
            }
            Ok::<_, StartError>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| failed("client", e))??;
    }
    let rate = count as f64 / started.elapsed().as_secs_f64();

    // The PDF's own share: the same renderer, in this process, one letter at a time.
    let mut renders = sid_letters::time_renders(count).map_err(|e| failed("pdf", e))?;
    renders.sort_unstable();
    println!("letters_signed={}", count * 2);
    println!("sign_p50_ms={:.2}", percentile(&latencies, 0.50));
    println!("sign_p95_ms={:.2}", percentile(&latencies, 0.95));
    println!("letters_per_s={rate:.0}");
    println!("pdf_p50_ms={:.2}", percentile(&renders, 0.50));
    println!("pdf_p95_ms={:.2}", percentile(&renders, 0.95));
    Ok(())
}
