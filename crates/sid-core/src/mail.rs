//! Mail to people: written to an outbox table in the same transaction as the change it reports,
//! then sent by a worker over SMTP (lettre) with retries and backoff. An SMTP outage delays
//! mail and loses none, and never holds up a request.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::{Db, DbConn};
use crate::schema::mail_outbox;
use crate::{ids, Error, Result};

/// Queues a message; it leaves when the transaction commits and the worker next runs.
pub fn enqueue(
    conn: &mut DbConn,
    recipient: &str,
    subject: &str,
    body: &str,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::insert_into(mail_outbox::table)
        .values((
            mail_outbox::id.eq(ids::new_id()),
            mail_outbox::recipient.eq(recipient),
            mail_outbox::subject.eq(subject),
            mail_outbox::body.eq(body),
            mail_outbox::attempts.eq(0),
            mail_outbox::next_attempt_at.eq(now),
            mail_outbox::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct MailConfig {
    pub smtp_host: String,
    pub smtp_port: u16,
    pub from: String,
    /// How often the worker looks for due mail.
    pub poll: std::time::Duration,
    /// The first retry's delay; each further failure doubles it, up to an hour.
    pub retry_base: Duration,
}

#[derive(Queryable)]
struct Due {
    id: String,
    recipient: String,
    subject: String,
    body: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
}

/// Claims a message for one send: moving its next attempt forward first means a second
/// instance's worker skips it, and a crash mid-send only delays it.
fn claim(conn: &mut DbConn, due: &Due, until: NaiveDateTime) -> Result<bool> {
    let n = diesel::update(
        mail_outbox::table
            .find(&due.id)
            .filter(mail_outbox::sent_at.is_null())
            .filter(mail_outbox::next_attempt_at.eq(due.next_attempt_at)),
    )
    .set(mail_outbox::next_attempt_at.eq(until))
    .execute(conn)?;
    Ok(n == 1)
}

fn message(config: &MailConfig, due: &Due) -> Result<Message> {
    let from: Mailbox = config.from.parse().map_err(Error::internal)?;
    let to: Mailbox = due.recipient.parse().map_err(Error::internal)?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(&due.subject)
        .body(due.body.clone())
        .map_err(Error::internal)
}

/// Sends what is due once; returns how many went out.
pub async fn run_once(db: &Db, config: &MailConfig) -> Result<usize> {
    let now = Utc::now().naive_utc();
    let due: Vec<Due> = db
        .global(move |conn| {
            let rows: Vec<Due> = mail_outbox::table
                .filter(mail_outbox::sent_at.is_null())
                .filter(mail_outbox::next_attempt_at.le(now))
                .order(mail_outbox::next_attempt_at.asc())
                .limit(20)
                .select((
                    mail_outbox::id,
                    mail_outbox::recipient,
                    mail_outbox::subject,
                    mail_outbox::body,
                    mail_outbox::attempts,
                    mail_outbox::next_attempt_at,
                ))
                .load(conn)?;
            let lease = now + Duration::minutes(5);
            let mut mine = Vec::new();
            for d in rows {
                if claim(conn, &d, lease)? {
                    mine.push(d);
                }
            }
            Ok(mine)
        })
        .await?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.smtp_host)
        .port(config.smtp_port)
        .timeout(Some(std::time::Duration::from_secs(10)))
        .build();
    let mut sent = 0;
    for d in due {
        let outcome = match message(config, &d) {
            Ok(m) => transport
                .send(m)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        let done = Utc::now().naive_utc();
        let (id, attempts) = (d.id.clone(), d.attempts + 1);
        let delay = config.retry_base * 2i32.saturating_pow((attempts - 1).clamp(0, 12) as u32);
        let retry_at = done + delay.min(Duration::hours(1));
        if outcome.is_ok() {
            sent += 1;
        } else if let Err(e) = &outcome {
            tracing::warn!(mail = %id, attempts, error = %e, "mail not sent; will retry");
        }
        db.global(move |conn| {
            let target = mail_outbox::table.find(&id);
            match outcome {
                Ok(()) => diesel::update(target)
                    .set((
                        mail_outbox::sent_at.eq(done),
                        mail_outbox::attempts.eq(attempts),
                    ))
                    .execute(conn)?,
                Err(e) => diesel::update(target)
                    .set((
                        mail_outbox::attempts.eq(attempts),
                        mail_outbox::next_attempt_at.eq(retry_at),
                        mail_outbox::last_error.eq(e),
                    ))
                    .execute(conn)?,
            };
            Ok(())
        })
        .await?;
    }
    Ok(sent)
}

/// The worker: runs for the life of the server. Without an SMTP host mail stays queued.
pub async fn worker(db: Db, config: MailConfig) {
    if config.smtp_host.is_empty() {
        tracing::info!("mail.smtp_host kosong: email menunggu di outbox");
        return;
    }
    loop {
        if let Err(e) = run_once(&db, &config).await {
            tracing::warn!(error = %e, "mail worker");
        }
        tokio::time::sleep(config.poll).await;
    }
}
