use actix_web::web;
use chrono::{DateTime, Utc};

use super::password::{verify_nothing, verify_password, Checked, Pepper};
use super::token::{self, Claims};
use super::users::{self, User, Username};
use super::{sessions, throttle, Caller, Password, Pin, Turn};
use crate::db::DbConn;
use crate::state::AppState;
use crate::{ids, Error, Result, TenantId};

pub enum LoginOutcome {
    Success {
        token: String,
        expires_at: DateTime<Utc>,
        user: Box<User>,
    },
    Failed,
    Locked(i64),
}

/// Signs a user in with name and password. Wrong password, unknown name and disabled account
/// all get the same reply; repeated failures lock the name for `lockout`.
pub async fn login(
    state: &AppState,
    _turn: Turn,
    username: String,
    password: String,
) -> Result<(String, DateTime<Utc>, User)> {
    let name = username.trim().to_lowercase();
    let subject = format!("user:{name}");
    attempt(
        state,
        subject,
        password,
        move |conn| match Username::parse(&name) {
            Ok(u) => users::find_for_login(conn, &u),
            Err(_) => Ok(None),
        },
    )
    .await
    .map_err(|e| match e {
        Error::Unauthorized(_) => {
            Error::Unauthorized("Nama pengguna atau kata sandi salah.".into())
        }
        other => other,
    })
}

/// Signs a villager in with NIK and PIN. `resident_id` is the living resident of the desa with
/// that NIK, if there is one: an unknown NIK, a resident without a PIN and a wrong PIN all get
/// the same reply, and all count towards the NIK's lock.
pub async fn login_warga(
    state: &AppState,
    _turn: Turn,
    tenant: &TenantId,
    nik: &str,
    resident_id: Option<String>,
    pin: String,
) -> Result<(String, DateTime<Utc>, User)> {
    let subject = warga_subject(tenant, nik);
    let tenant = tenant.clone();
    attempt(state, subject, pin, move |conn| match resident_id {
        Some(id) => users::find_warga_for_login(conn, &tenant, &id),
        None => Ok(None),
    })
    .await
    .map_err(|e| match e {
        Error::Unauthorized(_) => Error::Unauthorized("NIK atau PIN salah.".into()),
        other => other,
    })
}

fn warga_subject(tenant: &TenantId, nik: &str) -> String {
    format!("warga:{}:{nik}", tenant.as_str())
}

/// One sign-in attempt against the account `find` names: checked against the subject's lock,
/// counted when it fails, a new session when it succeeds. The lock and the account are read
/// first; Argon2 then runs on a blocking thread holding no connection (on SQLite, not the write
/// lock), so a flood of sign-ins to one desa does not take the database from another's reads;
/// the failure is then counted in one atomic statement, so concurrent failures all count.
async fn attempt<F>(
    state: &AppState,
    subject: String,
    secret: String,
    find: F,
) -> Result<(String, DateTime<Utc>, User)>
where
    F: FnOnce(&mut DbConn) -> Result<Option<(User, String)>> + Send + 'static,
{
    let config = state.auth.clone();
    let now = Utc::now();
    let naive = now.naive_utc();
    let read_subject = subject.clone();
    let (locked, account) = state
        .db
        .global_read(
            move |conn| match throttle::locked_for(conn, &read_subject, naive)? {
                Some(secs) => Ok((Some(secs), None)),
                None => Ok((None, find(conn)?)),
            },
        )
        .await?;
    if let Some(secs) = locked {
        // An attempt on a locked subject counts too (the lock stays as it is), so the count
        // does not depend on which of many concurrent attempts read the lock first.
        let secs = state
            .db
            .global(move |conn| throttle::record_failure(conn, &subject, naive, &config))
            .await?
            .unwrap_or(secs);
        return Err(Error::Locked {
            retry_after_secs: secs,
        });
    }
    let pepper = config.pepper.clone();
    // A hash from before the pepper is replaced on the first right sign-in.
    let checked = web::block(move || -> Result<Option<(User, Option<String>)>> {
        match account {
            Some((user, hash)) => match verify_password(&pepper, &secret, &hash) {
                Checked::Wrong => Ok(None),
                _ if !user.active => Ok(None),
                Checked::Right => Ok(Some((user, None))),
                Checked::RightUnpeppered => {
                    Ok(Some((user, Some(super::hash_password(&pepper, &secret)?))))
                }
            },
            None => {
                verify_nothing(&pepper, &secret);
                Ok(None)
            }
        }
    })
    .await
    .map_err(Error::internal)??;
    let outcome = state
        .db
        .global(move |conn| {
            let Some((user, rehashed)) = checked else {
                return Ok(
                    match throttle::record_failure(conn, &subject, naive, &config)? {
                        Some(secs) => LoginOutcome::Locked(secs),
                        None => LoginOutcome::Failed,
                    },
                );
            };
            throttle::clear(conn, &subject)?;
            if let Some(hash) = &rehashed {
                users::set_password_hash(conn, &user.id, hash, naive)?;
            }
            let expires_at = now + config.token_ttl;
            let claims = Claims {
                sub: user.id.clone(),
                role: user.role,
                desa_id: user.desa_id.clone(),
                jti: ids::new_id(),
                iat: now.timestamp(),
                exp: expires_at.timestamp(),
                iss: config.issuer.clone(),
            };
            sessions::create(conn, &claims.jti, &user.id, naive, expires_at.naive_utc())?;
            let token = token::encode(&config, &claims)?;
            Ok(LoginOutcome::Success {
                token,
                expires_at,
                user: Box::new(user),
            })
        })
        .await?;
    match outcome {
        LoginOutcome::Success {
            token,
            expires_at,
            user,
        } => Ok((token, expires_at, *user)),
        LoginOutcome::Failed => Err(Error::Unauthorized(String::new())),
        LoginOutcome::Locked(secs) => Err(Error::Locked {
            retry_after_secs: secs,
        }),
    }
}

/// A PIN and its hash, made before the transaction that stores it: hashing holds no connection.
pub struct NewPin {
    pub pin: Pin,
    hash: String,
}

impl NewPin {
    /// A random PIN, hashed. Slow on purpose: run it off the request's thread (`web::block`).
    pub fn generate(pepper: &Pepper) -> Result<NewPin> {
        NewPin::of(pepper, Pin::generate())
    }

    /// This PIN, hashed (the demonstration's known one).
    pub fn of(pepper: &Pepper, pin: Pin) -> Result<NewPin> {
        let hash = super::hash_password(pepper, pin.expose())?;
        Ok(NewPin { pin, hash })
    }
}

/// Gives a villager a PIN (creating the account on first issue), ends the account's sessions
/// and lifts a lock on the NIK. Only the hash is stored.
pub fn set_pin(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident_id: &str,
    nik: &str,
    pin: &NewPin,
    now: chrono::NaiveDateTime,
) -> Result<()> {
    let id = users::upsert_warga(conn, tenant, resident_id, &pin.hash, now)?;
    sessions::revoke_all(conn, &id, now)?;
    throttle::clear(conn, &warga_subject(tenant, nik))
}

/// Ends a villager's account (death, moving away, missing): disabled, every session revoked.
/// A new PIN, which only a living resident gets, opens it again.
pub fn close_warga(conn: &mut DbConn, resident_id: &str, now: chrono::NaiveDateTime) -> Result<()> {
    if let Some(id) = users::warga_account(conn, resident_id)? {
        users::set_active(conn, &id, false, now)?;
        sessions::revoke_all(conn, &id, now)?;
    }
    Ok(())
}

/// Whether the resident has a villager's account.
pub fn has_pin(conn: &mut DbConn, tenant: &TenantId, resident_id: &str) -> Result<bool> {
    Ok(users::find_warga_for_login(conn, tenant, resident_id)?.is_some())
}

/// Ends the caller's session at once.
pub async fn logout(state: &AppState, caller: &Caller) -> Result<()> {
    let jti = caller.jti.clone();
    state
        .db
        .global(move |conn| sessions::revoke(conn, &jti, Utc::now().naive_utc()))
        .await
}

/// Changes the caller's password and ends every session of the account, this one included.
pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    current: String,
    new: Password,
) -> Result<()> {
    change_secret(
        state,
        caller,
        current,
        new.expose().to_string(),
        "current_password",
        "kata sandi lama salah",
    )
    .await
}

/// Changes a villager's PIN, like a password.
pub async fn change_pin(
    state: &AppState,
    caller: &Caller,
    current: String,
    new: Pin,
) -> Result<()> {
    change_secret(
        state,
        caller,
        current,
        new.expose().to_string(),
        "current_pin",
        "PIN lama salah",
    )
    .await
}

async fn change_secret(
    state: &AppState,
    caller: &Caller,
    current: String,
    new: String,
    field: &'static str,
    wrong: &'static str,
) -> Result<()> {
    let user_id = caller.user.id.clone();
    let read_id = user_id.clone();
    let hash = state
        .db
        .global_read(move |conn| users::hash_of(conn, &read_id))
        .await?
        .ok_or_else(|| Error::Unauthorized("Sesi berakhir.".into()))?;
    // Both hashes run off the database, like a sign-in's.
    let pepper = state.auth.pepper.clone();
    let new_hash = web::block(move || {
        if verify_password(&pepper, &current, &hash) == Checked::Wrong {
            return Err(Error::invalid(field, wrong));
        }
        super::hash_password(&pepper, &new)
    })
    .await
    .map_err(Error::internal)??;
    state
        .db
        .global(move |conn| {
            let now = Utc::now().naive_utc();
            users::set_password_hash(conn, &user_id, &new_hash, now)?;
            sessions::revoke_all(conn, &user_id, now)
        })
        .await
}
