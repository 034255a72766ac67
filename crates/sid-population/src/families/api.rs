use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::db::{DbConn, Write};
use sid_core::fields::{Required, Text};
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams};
use sid_core::{AppState, Error, Result, TenantId};
use utoipa::OpenApi;

use super::reading::{self, detail, view, FamilyDetail};
use super::store::{self, Family, FamilyRow};
use crate::codes::{status, Code, Shdk, KEPALA_KELUARGA};
use crate::nik::{Nik, NoKk};
use crate::residents::{store as residents, Resident};

#[derive(OpenApi)]
#[openapi(
    paths(
        list,
        create,
        get,
        add_member,
        remove_member,
        change_head,
        split,
        merge
    ),
    components(schemas(
        Family,
        FamilyRow,
        FamilyDetail,
        NewFamily,
        NewMember,
        NewHead,
        Split,
        Merge,
        Joining
    ))
)]
pub struct FamiliesDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/families", web::get().to(list))
        .route("/families", web::post().to(create))
        .route("/families/{id}", web::get().to(get))
        .route("/families/{id}/members", web::post().to(add_member))
        .route(
            "/families/{id}/members/{resident}",
            web::delete().to(remove_member),
        )
        .route("/families/{id}/head", web::put().to(change_head))
        .route("/families/{id}/split", web::post().to(split))
        .route("/families/{id}/merge", web::post().to(merge));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FamilyQuery {
    /// No KK (or its beginning) or part of the head's name.
    q: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// Active families of the desa.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/families", tag = "penduduk",
    params(("desa" = String, Path), FamilyQuery),
    responses((status = 200, body = Page<FamilyRow>), (status = 403)), security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<FamilyQuery>,
) -> Result<HttpResponse> {
    let FamilyQuery { q, page, per_page } = query.into_inner();
    let page = PageParams::parse(&sid_core::pagination::PageQuery { page, per_page })?;
    let (items, total) = reading::list(&state, &staff, q, page).await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

/// A living resident of this desa, named by an input field.
fn living(conn: &mut DbConn, tenant: &TenantId, id: &str, field: &str) -> Result<Resident> {
    residents::get(conn, tenant, id)?
        .filter(|r| r.status == status::HIDUP)
        .ok_or_else(|| Error::invalid(field, "penduduk hidup dengan id ini tidak ada di desa ini"))
}

/// A resident about to join another card must not leave one behind without its head.
fn leave_current_family(
    conn: &mut DbConn,
    tenant: &TenantId,
    r: &Resident,
    field: &str,
) -> Result<()> {
    if let Some(old) = &r.family_id {
        let family = store::find(conn, tenant, old)?;
        if family.as_ref().and_then(|f| f.head_id.as_deref()) == Some(r.id.as_str()) {
            let others = residents::members_of(conn, tenant, old)?
                .into_iter()
                .filter(|m| m.id != r.id && m.status == status::HIDUP)
                .count();
            if others > 0 {
                return Err(Error::invalid(
                    field,
                    "penduduk ini kepala keluarga KK lain yang masih beranggota; ganti kepala keluarga itu dulu",
                ));
            }
        }
    }
    Ok(())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFamily {
    #[schema(value_type = String, example = "3604051203150007")]
    no_kk: NoKk,
    /// The head: a living resident of this desa.
    head_id: String,
    #[schema(value_type = String)]
    address: Required<300>,
    area_id: Option<String>,
}

/// Makes a resident the head of a family card.
fn make_head(w: &mut Write, family_id: &str, resident_id: &str) -> Result<()> {
    store::place(
        w.conn,
        w.tenant,
        Some(family_id),
        resident_id,
        KEPALA_KELUARGA,
        w.now,
    )
}

/// An active family of the desa.
fn active(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Family> {
    store::find(conn, tenant, id)?
        .filter(|f| f.active)
        .ok_or_else(|| Error::NotFound("Keluarga".into()))
}

/// Runs a change to one active family as one act of the desa, audits it with the note `f`
/// returns and answers with the family as it now is.
async fn change(
    state: &AppState,
    staff: Staff,
    family_id: String,
    action: &'static str,
    f: impl FnOnce(&mut Write, &Family) -> Result<String> + Send + 'static,
) -> Result<HttpResponse> {
    let detail = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let family = active(w.conn, w.tenant, &family_id)?;
            let note = f(w, &family)?;
            w.audit(action, &family.id, &note)?;
            detail(w.conn, w.tenant, &family.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Creates a family card with its head.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/families", tag = "penduduk",
    params(("desa" = String, Path)), request_body = NewFamily,
    responses((status = 201, body = FamilyDetail), (status = 400), (status = 403), (status = 409)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<NewFamily>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let detail = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let head = living(w.conn, w.tenant, &input.head_id, "head_id")?;
            leave_current_family(w.conn, w.tenant, &head, "head_id")?;
            if let Some(area) = &input.area_id {
                crate::areas::require(w.conn, w.tenant, area, "area_id")?;
            }
            let family = store::insert(
                w.conn,
                w.tenant,
                input.no_kk.as_str(),
                &input.address.0,
                input.area_id.as_deref(),
                w.now,
            )?;
            make_head(w, &family.id, &head.id)?;
            if let Some(old) = &head.family_id {
                store::close_if_empty(w.conn, w.tenant, old, w.now)?;
            }
            w.audit("family.create", &family.id, &family.no_kk)?;
            detail(w.conn, w.tenant, &family.id)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail))
}

/// One family with all its members.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/families/{id}", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = FamilyDetail), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    Ok(HttpResponse::Ok().json(view(&state, &staff, id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    /// The resident by id, or
    resident_id: Option<String>,
    /// by NIK (as staff know them at the counter).
    #[schema(value_type = Option<String>)]
    nik: Option<Nik>,
    /// Relationship to the head (not 1: a family has one head).
    #[schema(value_type = i32)]
    shdk: Code<Shdk>,
}

/// Adds a living resident of the desa to the family.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/families/{id}/members", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = NewMember,
    responses((status = 200, body = FamilyDetail), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn add_member(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<NewMember>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(input) = body;
    change(&state, staff, id, "family.member.add", move |w, family| {
        if input.shdk.code() == KEPALA_KELUARGA {
            return Err(Error::invalid(
                "shdk",
                "keluarga ini sudah punya kepala keluarga; pakai ganti kepala keluarga",
            ));
        }
        let r = match (&input.resident_id, &input.nik) {
            (Some(id), _) => living(w.conn, w.tenant, id, "resident_id")?,
            (None, Some(nik)) => residents::living_by_nik(w.conn, w.tenant, nik.as_str())?
                .ok_or_else(|| {
                    Error::invalid("nik", "tidak ada penduduk hidup dengan NIK ini di desa ini")
                })?,
            (None, None) => return Err(Error::invalid("nik", "wajib diisi: NIK atau id penduduk")),
        };
        if r.family_id.as_deref() == Some(family.id.as_str()) {
            return Err(Error::invalid(
                "resident_id",
                "sudah menjadi anggota keluarga ini",
            ));
        }
        leave_current_family(w.conn, w.tenant, &r, "resident_id")?;
        store::place(
            w.conn,
            w.tenant,
            Some(&family.id),
            &r.id,
            input.shdk.code(),
            w.now,
        )?;
        if let Some(old) = &r.family_id {
            store::close_if_empty(w.conn, w.tenant, old, w.now)?;
        }
        Ok(r.id)
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RemoveQuery {
    /// Required when the head leaves: the member who becomes head.
    new_head_id: Option<String>,
}

/// Takes a member off the card. The head can leave only when another member becomes head.
#[utoipa::path(delete, path = "/api/v1/desa/{desa}/families/{id}/members/{resident}", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path), ("resident" = String, Path), RemoveQuery),
    responses((status = 200, body = FamilyDetail), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn remove_member(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String, String)>,
    query: web::Query<RemoveQuery>,
) -> Result<HttpResponse> {
    let (_, id, resident_id) = path.into_inner();
    let new_head = query.into_inner().new_head_id;
    change(&state, staff, id, "family.member.remove", move |w, family| {
        let r = residents::get(w.conn, w.tenant, &resident_id)?
            .filter(|r| r.family_id.as_deref() == Some(family.id.as_str()))
            .ok_or_else(|| Error::NotFound("Anggota keluarga".into()))?;
        if family.head_id.as_deref() == Some(r.id.as_str()) {
            let others = residents::members_of(w.conn, w.tenant, &family.id)?
                .into_iter()
                .filter(|m| m.id != r.id && m.status == status::HIDUP)
                .collect::<Vec<_>>();
            if !others.is_empty() {
                let Some(new_head) = new_head else {
                    return Err(Error::invalid(
                        "new_head_id",
                        "wajib diisi: kepala keluarga hanya bisa keluar bila anggota lain menjadi kepala",
                    ));
                };
                if !others.iter().any(|m| m.id == new_head) {
                    return Err(Error::invalid("new_head_id", "bukan anggota hidup keluarga ini"));
                }
                make_head(w, &family.id, &new_head)?;
            }
        }
        store::place(w.conn, w.tenant, None, &r.id, r.shdk, w.now)?;
        store::close_if_empty(w.conn, w.tenant, &family.id, w.now)?;
        Ok(r.id)
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHead {
    /// A living member of this family.
    resident_id: String,
    /// The former head's relationship to the new head (not 1).
    #[schema(value_type = i32)]
    previous_head_shdk: Code<Shdk>,
}

/// Makes another member the head of the family.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/families/{id}/head", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = NewHead,
    responses((status = 200, body = FamilyDetail), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn change_head(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<NewHead>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(input) = body;
    change(&state, staff, id, "family.head.change", move |w, family| {
        if input.previous_head_shdk.code() == KEPALA_KELUARGA {
            return Err(Error::invalid(
                "previous_head_shdk",
                "tidak boleh 1: keluarga hanya punya satu kepala",
            ));
        }
        let r = living(w.conn, w.tenant, &input.resident_id, "resident_id")?;
        if r.family_id.as_deref() != Some(family.id.as_str()) {
            return Err(Error::invalid("resident_id", "bukan anggota keluarga ini"));
        }
        if let Some(old) = family.head_id.as_deref().filter(|h| *h != r.id) {
            store::place(
                w.conn,
                w.tenant,
                Some(&family.id),
                old,
                input.previous_head_shdk.code(),
                w.now,
            )?;
        }
        make_head(w, &family.id, &r.id)?;
        Ok(r.id)
    })
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// The new card's number.
    #[schema(value_type = String)]
    no_kk: NoKk,
    /// A member of this family (not its head) who heads the new card.
    head_id: String,
    /// Other members moving to the new card, keeping their relationship codes.
    #[serde(default)]
    member_ids: Vec<String>,
    /// The new card's address; the old one's when absent.
    #[schema(value_type = Option<String>)]
    address: Option<Text<300>>,
    area_id: Option<String>,
}

/// Splits members off into a new family card (pecah KK).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/families/{id}/split", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = Split,
    responses((status = 200, body = FamilyDetail, description = "the new family"), (status = 400), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn split(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<Split>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(input) = body;
    let detail = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let family = active(w.conn, w.tenant, &id)?;
            let members = residents::members_of(w.conn, w.tenant, &family.id)?;
            let is_member = |rid: &str| {
                members
                    .iter()
                    .any(|m| m.id == rid && m.status == status::HIDUP)
            };
            if !is_member(&input.head_id) {
                return Err(Error::invalid(
                    "head_id",
                    "bukan anggota hidup keluarga ini",
                ));
            }
            let moving: Vec<&String> = std::iter::once(&input.head_id)
                .chain(&input.member_ids)
                .collect();
            if let Some(bad) = input.member_ids.iter().find(|m| !is_member(m)) {
                return Err(Error::invalid(
                    "member_ids",
                    format!("{bad} bukan anggota hidup keluarga ini"),
                ));
            }
            if moving
                .iter()
                .any(|m| family.head_id.as_deref() == Some(m.as_str()))
            {
                return Err(Error::invalid(
                    "head_id",
                    "kepala keluarga asal tidak ikut dipecah; ganti kepala keluarga asal dulu",
                ));
            }
            if let Some(area) = &input.area_id {
                crate::areas::require(w.conn, w.tenant, area, "area_id")?;
            }
            let address = input
                .address
                .and_then(|a| a.0)
                .unwrap_or(family.address.clone());
            let new = store::insert(
                w.conn,
                w.tenant,
                input.no_kk.as_str(),
                &address,
                input.area_id.as_deref().or(family.area_id.as_deref()),
                w.now,
            )?;
            make_head(w, &new.id, &input.head_id)?;
            for m in &input.member_ids {
                let shdk = members.iter().find(|x| &x.id == m).map_or(11, |x| x.shdk);
                store::place(w.conn, w.tenant, Some(&new.id), m, shdk, w.now)?;
            }
            let note = format!("{} -> {}", family.no_kk, new.no_kk);
            w.audit("family.split", &family.id, &note)?;
            detail(w.conn, w.tenant, &new.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// The card whose living members all join this one; it is closed.
    from_id: String,
    /// Every living member of that card, each with their relationship in this one.
    members: Vec<Joining>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Joining {
    resident_id: String,
    /// SHDK in the card joined; 1 only when that card has no head.
    #[schema(value_type = i32)]
    shdk: Code<Shdk>,
}

/// Merges a family card into this one (gabung KK): every living member of `from_id` joins with
/// the relationship given, in one act; the emptied card is closed; both cards' logs record it.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/families/{id}/merge", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = Merge,
    responses((status = 200, body = FamilyDetail, description = "the card joined"), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn merge(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<Merge>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(input) = body;
    let detail = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            if input.from_id == id {
                return Err(Error::invalid(
                    "from_id",
                    "kartu tidak dapat digabung dengan dirinya sendiri",
                ));
            }
            let family = active(w.conn, w.tenant, &id)?;
            let from = store::find(w.conn, w.tenant, &input.from_id)?
                .filter(|f| f.active)
                .ok_or_else(|| Error::invalid("from_id", "KK aktif dengan id ini tidak ada di desa ini"))?;
            let living: Vec<Resident> = residents::members_of(w.conn, w.tenant, &from.id)?
                .into_iter()
                .filter(|m| m.status == status::HIDUP)
                .collect();
            let mut listed = std::collections::HashSet::new();
            for j in &input.members {
                if !living.iter().any(|m| m.id == j.resident_id) {
                    return Err(Error::invalid(
                        "members",
                        format!("{} bukan anggota hidup KK {}", j.resident_id, from.no_kk),
                    ));
                }
                if !listed.insert(j.resident_id.as_str()) {
                    return Err(Error::invalid(
                        "members",
                        format!("{} disebut dua kali", j.resident_id),
                    ));
                }
            }
            if let Some(missing) = living.iter().find(|m| !listed.contains(m.id.as_str())) {
                return Err(Error::invalid(
                    "members",
                    format!(
                        "{} (anggota KK {}) belum diberi hubungan dalam KK {}: semua anggota ikut digabung",
                        missing.name, from.no_kk, family.no_kk
                    ),
                ));
            }
            let heads = input
                .members
                .iter()
                .filter(|j| j.shdk.code() == KEPALA_KELUARGA)
                .count();
            if heads > usize::from(family.head_id.is_none()) {
                return Err(Error::invalid(
                    "members",
                    if family.head_id.is_some() {
                        format!("KK {} sudah punya kepala keluarga; pilih hubungan lain", family.no_kk)
                    } else {
                        "hanya satu kepala keluarga".to_string()
                    },
                ));
            }
            for j in &input.members {
                store::place(
                    w.conn,
                    w.tenant,
                    Some(&family.id),
                    &j.resident_id,
                    j.shdk.code(),
                    w.now,
                )?;
            }
            store::close_if_empty(w.conn, w.tenant, &from.id, w.now)?;
            let note = format!(
                "KK {} digabung ke KK {}: {} anggota",
                from.no_kk,
                family.no_kk,
                input.members.len()
            );
            w.audit("family.merge", &family.id, &note)?;
            w.audit("family.merge", &from.id, &note)?;
            detail(w.conn, w.tenant, &family.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}
