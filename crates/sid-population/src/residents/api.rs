use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use sid_core::auth::Staff;
use sid_core::fields::{Email, Phone, Required, Text};
use sid_core::http::Json;
use sid_core::pagination::Page;
use sid_core::{AppState, Error, Result};
use utoipa::OpenApi;

use super::input::{check_identity, NewResident, ResidentInput};
use super::placement::{check_placement, register};
use super::reading::{self, view};
use super::search::{Filter, ResidentQuery, ResidentRow};
use super::store::{self, Resident};
use crate::codes::{
    Agama, Asuransi, Cacat, CaraKb, Code, GolonganDarah, Kewarganegaraan, Pekerjaan, PendidikanKk,
    SakitMenahun, StatusKtp, StatusPerkawinan,
};
use crate::nik::{Nik, Sex};

#[derive(OpenApi)]
#[openapi(
    paths(list, create, get, correct),
    components(schemas(Resident, ResidentRow, ResidentInput, ResidentPatch))
)]
pub struct ResidentsDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/residents", web::get().to(list))
        .route("/residents", web::post().to(create))
        .route("/residents/{id}", web::get().to(get))
        .route("/residents/{id}", web::patch().to(correct));
}

/// Search and list residents (living ones unless `status` says otherwise).
#[utoipa::path(get, path = "/api/v1/desa/{desa}/residents", tag = "penduduk",
    params(("desa" = String, Path), ResidentQuery),
    responses((status = 200, body = Page<ResidentRow>), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ResidentQuery>,
) -> Result<HttpResponse> {
    let filter = Filter::parse(query.into_inner(), sid_core::clock::today())?;
    let page = filter.page;
    let (items, total) = reading::list(&state, &staff, filter).await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

/// Registers a resident. The NIK must agree with birth date and sex, and be active in no other
/// desa of the regency (409 says another desa holds it, not which).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/residents", tag = "penduduk",
    params(("desa" = String, Path)), request_body = ResidentInput,
    responses((status = 201, body = Resident), (status = 400), (status = 403), (status = 409)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<ResidentInput>,
) -> Result<HttpResponse> {
    let new = NewResident::try_from(body.0)?;
    let resident = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let r = register(w, &new)?;
            w.audit("resident.create", &r.id, &r.name)?;
            Ok(r)
        })
        .await?;
    Ok(HttpResponse::Created().json(resident))
}

/// One resident. Every view by staff is written to the desa's audit log.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/residents/{id}", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Resident), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    Ok(HttpResponse::Ok().json(view(&state, &staff, id).await?))
}

/// Fields to correct; an absent field stays, an empty string clears an optional one. Status,
/// family and SHDK change through population events and the family, not here.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResidentPatch {
    #[schema(value_type = Option<String>)]
    nik: Option<Nik>,
    #[schema(value_type = Option<String>)]
    name: Option<Required<100>>,
    #[schema(value_type = Option<i32>)]
    sex: Option<Sex>,
    #[schema(value_type = Option<String>)]
    birth_place: Option<Required<100>>,
    birth_date: Option<chrono::NaiveDate>,
    #[schema(value_type = Option<i32>)]
    religion: Option<Code<Agama>>,
    #[schema(value_type = Option<i32>)]
    education: Option<Code<PendidikanKk>>,
    #[schema(value_type = Option<i32>)]
    occupation: Option<Code<Pekerjaan>>,
    #[schema(value_type = Option<i32>)]
    marital_status: Option<Code<StatusPerkawinan>>,
    #[schema(value_type = Option<i32>)]
    citizenship: Option<Code<Kewarganegaraan>>,
    #[schema(value_type = Option<i32>)]
    blood_type: Option<Code<GolonganDarah>>,
    #[schema(value_type = Option<i32>)]
    disability: Option<Code<Cacat>>,
    #[schema(value_type = Option<i32>)]
    ktp_status: Option<Code<StatusKtp>>,
    #[schema(value_type = Option<i32>)]
    chronic_illness: Option<Code<SakitMenahun>>,
    #[schema(value_type = Option<i32>)]
    kb_method: Option<Code<CaraKb>>,
    #[schema(value_type = Option<i32>)]
    health_insurance: Option<Code<Asuransi>>,
    #[schema(value_type = Option<String>)]
    father_name: Option<Text<100>>,
    #[schema(value_type = Option<String>)]
    mother_name: Option<Text<100>>,
    area_id: Option<String>,
    #[schema(value_type = Option<String>)]
    address: Option<Text<300>>,
    #[schema(value_type = Option<String>)]
    phone: Option<Phone>,
    #[schema(value_type = Option<String>)]
    email: Option<Email>,
    #[schema(value_type = Option<String>)]
    birth_cert_no: Option<Text<50>>,
}

impl ResidentPatch {
    fn apply(self, r: &mut Resident) {
        macro_rules! set {
            ($($field:ident => $value:expr),* $(,)?) => {$(
                if let Some(v) = self.$field {
                    r.$field = ($value)(v);
                }
            )*};
        }
        set!(
            nik => |v: Nik| String::from(v),
            name => |v: Required<100>| v.0,
            sex => |v: Sex| v.code(),
            birth_place => |v: Required<100>| v.0,
            birth_date => |v| v,
            religion => |v: Code<Agama>| v.code(),
            education => |v: Code<PendidikanKk>| v.code(),
            occupation => |v: Code<Pekerjaan>| v.code(),
            marital_status => |v: Code<StatusPerkawinan>| v.code(),
            citizenship => |v: Code<Kewarganegaraan>| v.code(),
            blood_type => |v: Code<GolonganDarah>| v.code(),
            disability => |v: Code<Cacat>| Some(v.code()),
            ktp_status => |v: Code<StatusKtp>| Some(v.code()),
            chronic_illness => |v: Code<SakitMenahun>| Some(v.code()),
            kb_method => |v: Code<CaraKb>| Some(v.code()),
            health_insurance => |v: Code<Asuransi>| Some(v.code()),
            father_name => |v: Text<100>| v.0,
            mother_name => |v: Text<100>| v.0,
            area_id => Some,
            address => |v: Text<300>| v.0,
            phone => |v: Phone| v.0,
            email => |v: Email| v.0,
            birth_cert_no => |v: Text<50>| v.0,
        );
    }
}

/// The fields that differ, with old and new value: what the audit log keeps of a correction.
fn changes(before: &Resident, after: &Resident) -> Result<Map<String, Value>> {
    let (Value::Object(old), Value::Object(new)) = (
        serde_json::to_value(before).map_err(Error::internal)?,
        serde_json::to_value(after).map_err(Error::internal)?,
    ) else {
        return Err(Error::Internal("penduduk bukan objek JSON".into()));
    };
    Ok(new
        .into_iter()
        .filter(|(k, v)| old.get(k) != Some(v))
        .map(|(k, v)| {
            let was = old.get(&k).cloned().unwrap_or(Value::Null);
            (k, json!({"old": was, "new": v}))
        })
        .collect())
}

/// Corrects a resident's data. The previous values stay in the audit log.
#[utoipa::path(patch, path = "/api/v1/desa/{desa}/residents/{id}", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = ResidentPatch,
    responses((status = 200, body = Resident), (status = 400), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn correct(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<ResidentPatch>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(patch) = body;
    let resident = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let before = store::require(w.conn, w.tenant, &id)?;
            let mut after = before.clone();
            patch.apply(&mut after);
            let nik = Nik::parse(&after.nik).map_err(|m| Error::invalid("nik", m))?;
            let sex = Sex::try_from(after.sex).map_err(|m| Error::invalid("sex", m))?;
            check_identity(&nik, after.birth_date, sex)?;
            check_placement(
                w.conn,
                w.tenant,
                None,
                after.area_id.as_deref(),
                after.shdk,
                Some(&after.id),
            )?;
            let diff = changes(&before, &after)?;
            if diff.is_empty() {
                return Ok(before);
            }
            if after.nik != before.nik && before.status == crate::codes::status::HIDUP {
                store::release_nik(w.conn, w.tenant, &before.nik)?;
                store::claim_nik(w.conn, w.tenant, &after.nik, &after.id)?;
            }
            store::save(w.conn, w.tenant, &after, w.now)?;
            let detail = Value::Object(diff).to_string();
            w.audit("resident.update", &after.id, &detail)?;
            store::require(w.conn, w.tenant, &after.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(resident))
}
