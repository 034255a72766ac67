use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::users::{self, NewUser, StaffDetails, Username};
use sid_core::auth::{DesaAdmin, Password, Position, RegencyAdmin, Role, UserView};
use sid_core::fields::Text;
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{AppState, Error, Result};

use crate::identity::accounts::{create_user, set_active, set_staff_details};

pub fn configure_regency(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabupaten/users", web::post().to(create_by_regency))
        .route("/kabupaten/users/{id}", web::patch().to(update_by_regency));
}

pub fn configure_desa(cfg: &mut web::ServiceConfig) {
    cfg.route("/users", web::get().to(list_in_desa))
        .route("/users", web::post().to(create_in_desa))
        .route("/users/{id}", web::patch().to(update_in_desa))
        .route("/users/{id}/position", web::put().to(set_position));
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegencyNewUser {
    #[schema(value_type = String, example = "operator.kramatwatu")]
    username: Username,
    #[schema(value_type = String)]
    password: Password,
    role: Role,
    /// Slug or Kemendagri code; required for desa roles, absent for `kabupaten_admin`.
    desa: Option<String>,
}

/// Creates any account (Diskominfo).
#[utoipa::path(post, path = "/api/v1/kabupaten/users", tag = "users",
    request_body = RegencyNewUser,
    responses((status = 201, body = UserView), (status = 400), (status = 403), (status = 409)),
    security(("bearer" = [])))]
pub async fn create_by_regency(
    state: web::Data<AppState>,
    admin: RegencyAdmin,
    body: Json<RegencyNewUser>,
) -> Result<HttpResponse> {
    let Json(RegencyNewUser {
        username,
        password,
        role,
        desa,
    }) = body;
    if role == Role::Warga {
        return Err(Error::invalid(
            "role",
            "akun warga dibuat oleh desa dengan PIN, bukan di sini",
        ));
    }
    let desa = desa
        .map(|key| {
            state
                .directory
                .find(&key)
                .map(|d| d.tenant)
                .ok_or_else(|| Error::invalid("desa", format!("desa '{key}' tidak dikenal")))
        })
        .transpose()?;
    let new = NewUser::new(username, password, role, desa)?;
    let user = create_user(&state, Some(admin.caller.user), new).await?;
    Ok(HttpResponse::Created().json(UserView::new(user, &state.directory)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    /// `false` disables the account and ends its sessions at once.
    active: bool,
}

/// Enables or disables any account (Diskominfo).
#[utoipa::path(patch, path = "/api/v1/kabupaten/users/{id}", tag = "users",
    request_body = UserUpdate,
    responses((status = 200, body = UserView), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update_by_regency(
    state: web::Data<AppState>,
    admin: RegencyAdmin,
    id: web::Path<String>,
    body: Json<UserUpdate>,
) -> Result<HttpResponse> {
    let user = set_active(
        &state,
        admin.caller.user,
        id.into_inner(),
        body.active,
        None,
    )
    .await?;
    Ok(HttpResponse::Ok().json(UserView::new(user, &state.directory)))
}

/// The accounts of the desa (its admin only).
#[utoipa::path(get, path = "/api/v1/desa/{desa}/users", tag = "users",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri"), PageQuery),
    responses((status = 200, body = Page<UserView>), (status = 403)),
    security(("bearer" = [])))]
pub async fn list_in_desa(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&query)?;
    let (rows, total) = state
        .db
        .tenant_read(&admin.desa.tenant, move |conn, tenant| {
            users::list_in_desa(conn, tenant, &page)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|u| UserView::new(u, &state.directory))
        .collect();
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DesaNewUser {
    #[schema(value_type = String, example = "operator.kramatwatu")]
    username: Username,
    #[schema(value_type = String)]
    password: Password,
    /// Only `desa_operator` (the default): other roles are given by Diskominfo.
    role: Option<Role>,
}

/// Creates an operator account of the desa (its admin only).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/users", tag = "users",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri")),
    request_body = DesaNewUser,
    responses((status = 201, body = UserView), (status = 400), (status = 403), (status = 409)),
    security(("bearer" = [])))]
pub async fn create_in_desa(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    body: Json<DesaNewUser>,
) -> Result<HttpResponse> {
    let Json(DesaNewUser {
        username,
        password,
        role,
    }) = body;
    if role.is_some_and(|r| r != Role::DesaOperator) {
        return Err(Error::Forbidden(
            "Admin desa hanya dapat membuat akun operator desa.".into(),
        ));
    }
    let new = NewUser::new(
        username,
        password,
        Role::DesaOperator,
        Some(admin.desa.tenant.clone()),
    )?;
    let user = create_user(&state, Some(admin.caller.user), new).await?;
    Ok(HttpResponse::Created().json(UserView::new(user, &state.directory)))
}

/// Enables or disables an account of the desa (its admin only).
#[utoipa::path(patch, path = "/api/v1/desa/{desa}/users/{id}", tag = "users",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri"), ("id" = String, Path)),
    request_body = UserUpdate,
    responses((status = 200, body = UserView), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update_in_desa(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    path: web::Path<(String, String)>,
    body: Json<UserUpdate>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let tenant = admin.desa.tenant.clone();
    let user = set_active(&state, admin.caller.user, id, body.active, Some(tenant)).await?;
    Ok(HttpResponse::Ok().json(UserView::new(user, &state.directory)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionChange {
    position: Position,
    /// The name printed under the signature; required for those who initial or sign.
    #[schema(value_type = Option<String>, example = "H. Sukarta")]
    full_name: Option<Text<100>>,
    /// A kaur's or kasi's own office ("Kasi Pemerintahan"); required for `kaur_kasi` only.
    #[schema(value_type = Option<String>)]
    title: Option<Text<60>>,
}

impl PositionChange {
    fn parse(self) -> Result<StaffDetails> {
        let PositionChange {
            position,
            full_name,
            title,
        } = self;
        let full_name = full_name.and_then(|Text(t)| t);
        let title = title.and_then(|Text(t)| t);
        if position != Position::Operator && full_name.is_none() {
            return Err(Error::invalid(
                "full_name",
                format!(
                    "wajib diisi untuk {}: nama ini dicetak di bawah tanda tangan",
                    position.label()
                ),
            ));
        }
        let title = match (position, title) {
            (Position::KaurKasi, None) => {
                return Err(Error::invalid(
                    "title",
                    "wajib diisi untuk Kaur/Kasi, misalnya Kasi Pemerintahan",
                ))
            }
            (Position::KaurKasi, t) => t,
            (_, _) => None,
        };
        Ok(StaffDetails {
            position,
            full_name,
            title,
        })
    }
}

/// Sets a staff account's position in the desa and the name under its signature (the desa's
/// admin only): the position decides who initials and who signs letters.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/users/{id}/position", tag = "users",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri"), ("id" = String, Path)),
    request_body = PositionChange,
    responses((status = 200, body = UserView), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn set_position(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    path: web::Path<(String, String)>,
    body: Json<PositionChange>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let details = body.0.parse()?;
    let tenant = admin.desa.tenant.clone();
    let user = set_staff_details(&state, admin.caller.user, id, details, tenant).await?;
    Ok(HttpResponse::Ok().json(UserView::new(user, &state.directory)))
}
