use chrono::{DateTime, Utc};

use super::password::{verify_nothing, verify_password};
use super::token::{self, Claims};
use super::users::{self, User, Username};
use super::{sessions, throttle, Caller, Password, Pin};
use crate::db::DbConn;
use crate::state::AppState;
use crate::{ids, Error, Result, TenantId};

pub enum LoginOutcome {
    Success {
        token: String,
        expires_at: DateTime<Utc>,
        user: User,
    },
    Failed,
    Locked(i64),
}

/// Signs a user in with name and password. Wrong password, unknown name and disabled account
/// all get the same reply; repeated failures lock the name for `lockout`.
pub async fn login(
    state: &AppState,
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
/// counted when it fails, a new session when it succeeds.
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
    let outcome = state
        .db
        .global(move |conn| {
            let now = Utc::now();
            let naive = now.naive_utc();
            if let Some(secs) = throttle::locked_for(conn, &subject, naive)? {
                return Ok(LoginOutcome::Locked(secs));
            }
            let user = match find(conn)? {
                Some((user, hash)) => {
                    (verify_password(&secret, &hash) && user.active).then_some(user)
                }
                None => {
                    verify_nothing(&secret);
                    None
                }
            };
            let Some(user) = user else {
                return Ok(
                    match throttle::record_failure(conn, &subject, naive, &config)? {
                        Some(secs) => LoginOutcome::Locked(secs),
                        None => LoginOutcome::Failed,
                    },
                );
            };
            throttle::clear(conn, &subject)?;
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
                user,
            })
        })
        .await?;
    match outcome {
        LoginOutcome::Success {
            token,
            expires_at,
            user,
        } => Ok((token, expires_at, user)),
        LoginOutcome::Failed => Err(Error::Unauthorized(String::new())),
        LoginOutcome::Locked(secs) => Err(Error::Locked {
            retry_after_secs: secs,
        }),
    }
}

/// Issues a villager a new random PIN (creating the account on first issue), ends the
/// account's sessions and lifts a lock on the NIK. The PIN is returned once and stored hashed.
pub fn issue_pin(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident_id: &str,
    nik: &str,
    now: chrono::NaiveDateTime,
) -> Result<Pin> {
    let pin = Pin::generate();
    set_pin(conn, tenant, resident_id, nik, &pin, now)?;
    Ok(pin)
}

/// Gives a villager this PIN (the demonstration's known one, or a generated one).
pub fn set_pin(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident_id: &str,
    nik: &str,
    pin: &Pin,
    now: chrono::NaiveDateTime,
) -> Result<()> {
    let hash = super::hash_password(pin.expose())?;
    let id = users::upsert_warga(conn, tenant, resident_id, &hash, now)?;
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
    state
        .db
        .global(move |conn| {
            let hash = users::hash_of(conn, &user_id)?
                .ok_or_else(|| Error::Unauthorized("Sesi berakhir.".into()))?;
            if !verify_password(&current, &hash) {
                return Err(Error::invalid(field, wrong));
            }
            let now = Utc::now().naive_utc();
            users::set_password_hash(conn, &user_id, &super::hash_password(&new)?, now)?;
            sessions::revoke_all(conn, &user_id, now)
        })
        .await
}
