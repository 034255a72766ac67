use chrono::Utc;
use sid_core::audit;
use sid_core::auth::users::{self, NewUser, StaffDetails};
use sid_core::auth::{hash_password, revoke_all, Role, User};
use sid_core::{AppState, Error, Result, TenantId};

/// Creates an account, audited: in the desa's log for a desa account, in the regency's log
/// for a regency one. `actor` is `None` only for the first administrator and the CLI.
pub async fn create_user(state: &AppState, actor: Option<User>, new: NewUser) -> Result<User> {
    // Hashed before the transaction, which then holds no connection while Argon2 runs.
    let pepper = state.auth.pepper.clone();
    let password = new.password.clone();
    let hash = actix_web::web::block(move || hash_password(&pepper, password.expose()))
        .await
        .map_err(Error::internal)??;
    let now = Utc::now().naive_utc();
    let detail = format!("akun {} ({})", new.username.as_str(), new.role.as_str());
    match new.desa.clone() {
        Some(tenant) => {
            state
                .db
                .tenant(&tenant, move |conn, tenant| {
                    let user = users::insert(conn, &new, &hash, now)?;
                    if let Some(actor) = &actor {
                        audit::record(conn, tenant, actor, "user.create", &user.id, &detail)?;
                    }
                    Ok(user)
                })
                .await
        }
        None => {
            state
                .db
                .global(move |conn| {
                    let user = users::insert(conn, &new, &hash, now)?;
                    audit::record_regency(conn, actor.as_ref(), "user.create", &user.id, &detail)?;
                    Ok(user)
                })
                .await
        }
    }
}

/// Enables or disables an account; disabling ends its sessions at once. With `within`, the
/// account must belong to that desa (another desa's account is "not found", not "forbidden").
pub async fn set_active(
    state: &AppState,
    actor: User,
    user_id: String,
    active: bool,
    within: Option<TenantId>,
) -> Result<User> {
    let now = Utc::now().naive_utc();
    let action = if active {
        "user.enable"
    } else {
        "user.disable"
    };
    let run = move |conn: &mut sid_core::db::DbConn, within: Option<&TenantId>| {
        let user = users::find(conn, &user_id)?
            .filter(|u| within.is_none() || u.desa_id.as_deref() == within.map(TenantId::as_str))
            .ok_or_else(|| Error::NotFound("Akun".into()))?;
        if user.id == actor.id {
            return Err(Error::Conflict(
                "Akun sendiri tidak dapat dinonaktifkan.".into(),
            ));
        }
        match within {
            // A desa admin cannot undo Diskominfo's decision.
            Some(_) if active && users::regency_hold(conn, &user.id)? => {
                return Err(Error::Forbidden(
                    "Akun ini dinonaktifkan oleh Diskominfo; hanya admin kabupaten yang dapat \
                     mengaktifkannya kembali."
                        .into(),
                ));
            }
            Some(_) => {}
            None => users::set_regency_hold(conn, &user.id, !active)?,
        }
        users::set_active(conn, &user.id, active, now)?;
        if !active {
            revoke_all(conn, &user.id, now)?;
        }
        match within {
            Some(tenant) => audit::record(conn, tenant, &actor, action, &user.id, &user.username)?,
            None => audit::record_regency(conn, Some(&actor), action, &user.id, &user.username)?,
        }
        Ok(User { active, ..user })
    };
    match within {
        Some(tenant) => state.db.tenant(&tenant, move |c, t| run(c, Some(t))).await,
        None => state.db.global(move |c| run(c, None)).await,
    }
}

/// Gives a staff account of the desa its position and signing name, audited. Another desa's
/// account, or one that is not staff (a villager's, a seller's), is "not found".
pub async fn set_staff_details(
    state: &AppState,
    actor: User,
    user_id: String,
    details: StaffDetails,
    tenant: TenantId,
) -> Result<User> {
    let now = Utc::now().naive_utc();
    state
        .db
        .tenant(&tenant, move |conn, tenant| {
            let user = users::find(conn, &user_id)?
                .filter(|u| u.desa_id.as_deref() == Some(tenant.as_str()))
                .filter(|u| matches!(u.role, Role::DesaAdmin | Role::DesaOperator))
                .ok_or_else(|| Error::NotFound("Akun staf".into()))?;
            users::set_staff_details(conn, &user.id, &details, now)?;
            let detail = format!("{}: {}", user.username, details.position.label());
            audit::record(conn, tenant, &actor, "user.position", &user.id, &detail)?;
            Ok(User {
                position: Some(details.position),
                full_name: details.full_name,
                title: details.title,
                ..user
            })
        })
        .await
}
