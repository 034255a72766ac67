use chrono::{DateTime, Utc};

use super::password::{verify_nothing, verify_password};
use super::token::{self, Claims};
use super::users::{self, User, Username};
use super::{sessions, throttle, Caller, Password};
use crate::state::AppState;
use crate::{ids, Error, Result};

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
    let db = state.db.clone();
    let config = state.auth.clone();
    let outcome = db
        .global(move |conn| {
            let now = Utc::now();
            let naive = now.naive_utc();
            let name = username.trim().to_lowercase();
            let subject = format!("user:{name}");
            if let Some(secs) = throttle::locked_for(conn, &subject, naive)? {
                return Ok(LoginOutcome::Locked(secs));
            }
            let found = match Username::parse(&name) {
                Ok(u) => users::find_for_login(conn, &u)?,
                Err(_) => None,
            };
            let user = match found {
                Some((user, hash)) => {
                    (verify_password(&password, &hash) && user.active).then_some(user)
                }
                None => {
                    verify_nothing(&password);
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
        LoginOutcome::Failed => Err(Error::Unauthorized(
            "Nama pengguna atau kata sandi salah.".into(),
        )),
        LoginOutcome::Locked(secs) => Err(Error::Locked {
            retry_after_secs: secs,
        }),
    }
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
    let user_id = caller.user.id.clone();
    state
        .db
        .global(move |conn| {
            let user = users::find(conn, &user_id)?
                .ok_or_else(|| Error::Unauthorized("Sesi berakhir.".into()))?;
            let username = Username::parse(&user.username).map_err(Error::Internal)?;
            let (_, hash) = users::find_for_login(conn, &username)?
                .ok_or_else(|| Error::Unauthorized("Sesi berakhir.".into()))?;
            if !verify_password(&current, &hash) {
                return Err(Error::invalid("current_password", "kata sandi lama salah"));
            }
            let now = Utc::now().naive_utc();
            users::set_password_hash(conn, &user_id, &super::hash_password(new.expose())?, now)?;
            sessions::revoke_all(conn, &user_id, now)
        })
        .await
}
