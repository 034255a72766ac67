//! Who is calling: the signed-in user behind a live token, and the role checks handlers ask for
//! by naming an extractor (`Staff`, `DesaAdmin`, `RegencyAdmin`, ...).

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use chrono::Utc;
use futures_util::future::LocalBoxFuture;

use super::live_sessions::Lookup;
use super::{csrf, sessions, token, Role, User, SESSION_COOKIE};
use crate::state::AppState;
use crate::tenant::Desa;
use crate::{Error, Result};

#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub jti: String,
    /// Signed in through the browser cookie rather than a Bearer header.
    pub via_cookie: bool,
}

impl Caller {
    /// What the caller may change in the desa's catalogue: `Some(None)` every seller's products
    /// (desa staff), `Some(Some(id))` one seller's own (its `umkm` account), `None` nothing.
    pub fn catalog_scope(&self, desa: &Desa) -> Option<Option<String>> {
        if self.is_staff_of(desa) {
            return Some(None);
        }
        (self.user.role == Role::Umkm && self.user.desa_id.as_deref() == Some(desa.tenant.as_str()))
            .then(|| self.user.seller_id.clone().map(Some))
            .flatten()
    }

    /// Whether this user works for the given desa.
    pub fn is_staff_of(&self, desa: &Desa) -> bool {
        matches!(self.user.role, Role::DesaAdmin | Role::DesaOperator)
            && self.user.desa_id.as_deref() == Some(desa.tenant.as_str())
    }
}

/// Whether the request names an account (a bearer token or the session cookie).
pub fn carries_token(req: &HttpRequest) -> bool {
    bearer(req).is_some() || req.cookie(SESSION_COOKIE).is_some()
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

async fn authenticate(req: HttpRequest) -> Result<Caller> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| Error::Internal("AppState tidak terpasang".into()))?
        .clone();
    let (token, via_cookie) = match bearer(&req) {
        Some(t) => (t, false),
        None => match req.cookie(SESSION_COOKIE) {
            Some(c) => (c.value().to_string(), true),
            None => return Err(Error::Unauthorized("Silakan masuk terlebih dahulu.".into())),
        },
    };
    let claims = token::decode(&state.auth, &token)?;
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // A browser's cookie is sent by any page; a change relying on it must come from our own
    // pages: not sent by another site, and for JSON calls with the token in a header (form posts
    // check their own field). The path is the one routing decodes (`/%61pi/` is `/api/`).
    if via_cookie && unsafe_method {
        csrf::same_origin(&req)?;
        if req.match_info().as_str().starts_with("/api/") {
            let header = req
                .headers()
                .get(csrf::CSRF_HEADER)
                .and_then(|v| v.to_str().ok());
            csrf::verify(&req, header)?;
        }
    }
    let user = live_user(state.get_ref(), &claims)
        .await?
        .filter(|u| u.id == claims.sub && u.role == claims.role && u.desa_id == claims.desa_id)
        .ok_or_else(|| Error::Unauthorized("Sesi sudah berakhir. Silakan masuk kembali.".into()))?;
    let caller = Caller {
        user,
        jti: claims.jti,
        via_cookie,
    };
    req.extensions_mut().insert(caller.clone());
    Ok(caller)
}

/// The user behind the token's session: from the cache of live sessions when it has it,
/// else from the database (and then cached).
async fn live_user(state: &AppState, claims: &token::Claims) -> Result<Option<User>> {
    let live = state.db.live_sessions();
    let ticket = match live.get(&claims.jti) {
        Lookup::Live(user) => return Ok(Some(user)),
        Lookup::Unknown(ticket) => ticket,
    };
    let jti = claims.jti.clone();
    let user = state
        .db
        .global_read(move |conn| sessions::active_user(conn, &jti, Utc::now().naive_utc()))
        .await?;
    let user = match user {
        Some(u) if u.role == Role::Warga => Some(with_resident_name(state, u).await?),
        other => other,
    };
    if let Some(user) = &user {
        live.remember(ticket, claims.jti.clone(), user.clone(), claims.exp);
    }
    Ok(user)
}

/// A villager's account named by its resident record, read under the desa's scope.
async fn with_resident_name(state: &AppState, mut user: User) -> Result<User> {
    use crate::schema::residents;
    use diesel::prelude::*;
    let desa = user
        .desa_id
        .as_deref()
        .and_then(|d| state.directory.find(d));
    if let (Some(desa), Some(resident)) = (desa, user.resident_id.clone()) {
        user.name = state
            .db
            .tenant(&desa.tenant, move |conn, tenant| {
                Ok(residents::table
                    .filter(residents::desa_id.eq(tenant.as_str()))
                    .filter(residents::id.eq(resident))
                    .select(residents::name)
                    .first::<String>(conn)
                    .optional()?)
            })
            .await?;
    }
    Ok(user)
}

/// Why the token of a request was refused, kept for its extractors.
#[derive(Clone)]
enum Refused {
    Unauthorized(String),
    Forbidden(String),
}

/// Authenticates a request that carries a token before routing, so that its handler's role
/// extractor decides on the first poll: a caller without the role gets 403 whatever the body or
/// query, and no body is parsed for them. (Extractors are polled together, and a session still
/// to be looked up used to let a malformed body answer 400 first.)
pub async fn authenticate_first(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> std::result::Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let http = req.request().clone();
    if carries_token(&http) && !http.path().starts_with("/static/") {
        let refused = match authenticate(http.clone()).await {
            Err(Error::Unauthorized(m)) => Some(Refused::Unauthorized(m)),
            Err(Error::Forbidden(m)) => Some(Refused::Forbidden(m)),
            // A database that does not answer is the handler's to report, as before.
            Ok(_) | Err(_) => None,
        };
        if let Some(r) = refused {
            http.extensions_mut().insert(r);
        }
    }
    // Routing needs the only handle on the request.
    drop(http);
    next.call(req).await
}

impl FromRequest for Caller {
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<Caller>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            // Several extractors of one handler share one authentication.
            if let Some(caller) = req.extensions().get::<Caller>().cloned() {
                return Ok(caller);
            }
            match req.extensions().get::<Refused>().cloned() {
                Some(Refused::Unauthorized(m)) => return Err(Error::Unauthorized(m)),
                Some(Refused::Forbidden(m)) => return Err(Error::Forbidden(m)),
                None => {}
            }
            authenticate(req).await
        })
    }
}

fn desa_of(req: &HttpRequest) -> Result<Desa> {
    req.extensions()
        .get::<Desa>()
        .cloned()
        .ok_or_else(|| Error::Internal("rute ini tidak dipasang di bawah router desa".into()))
}

fn not_staff(desa: &Desa) -> Error {
    Error::Forbidden(format!(
        "Akun ini tidak berwenang atas data Desa {}.",
        desa.name
    ))
}

/// Declares an extractor that authenticates the caller and then applies one role rule.
macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* } = |$caller:ident, $req:ident| $check:block) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            pub caller: Caller,
            $(pub $field: $ty),*
        }

        impl FromRequest for $name {
            type Error = Error;
            type Future = LocalBoxFuture<'static, Result<$name>>;

            fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let $req = req.clone();
                let caller = Caller::from_request(req, payload);
                Box::pin(async move {
                    let $caller = caller.await?;
                    $check
                })
            }
        }
    };
}

role_extractor!(
    /// `desa_admin` or `desa_operator` of the desa in the path.
    Staff { desa: Desa } = |caller, req| {
        let desa = desa_of(&req)?;
        if !caller.is_staff_of(&desa) {
            return Err(not_staff(&desa));
        }
        Ok(Staff { caller, desa })
    }
);

role_extractor!(
    /// `desa_admin` (kepala / sekretaris desa) of the desa in the path.
    DesaAdmin { desa: Desa } = |caller, req| {
        let desa = desa_of(&req)?;
        if !(caller.is_staff_of(&desa) && caller.user.role == Role::DesaAdmin) {
            return Err(Error::Forbidden(format!(
                "Hanya admin Desa {} yang boleh melakukan ini.",
                desa.name
            )));
        }
        Ok(DesaAdmin { caller, desa })
    }
);

role_extractor!(
    /// `kabupaten_admin` (Diskominfo).
    RegencyAdmin {} = |caller, _req| {
        if caller.user.role != Role::KabupatenAdmin {
            return Err(Error::Forbidden(
                "Hanya admin kabupaten (Diskominfo) yang boleh melakukan ini.".into(),
            ));
        }
        Ok(RegencyAdmin { caller })
    }
);

role_extractor!(
    /// Whoever may change the desa's catalogue: its staff (every seller) or a seller's own
    /// account (`umkm`, then `own_seller` is that seller and nothing else may be touched).
    CatalogEditor { desa: Desa, own_seller: Option<String> } = |caller, req| {
        let desa = desa_of(&req)?;
        match caller.catalog_scope(&desa) {
            Some(own_seller) => Ok(CatalogEditor { caller, desa, own_seller }),
            None => Err(not_staff(&desa)),
        }
    }
);

/// The resident behind a villager's session in this desa.
fn villager_of(caller: &Caller, desa: &Desa) -> Option<String> {
    (caller.user.role == Role::Warga
        && caller.user.desa_id.as_deref() == Some(desa.tenant.as_str()))
    .then(|| caller.user.resident_id.clone())
    .flatten()
}

role_extractor!(
    /// A villager signed in to the desa in the path.
    Warga { desa: Desa, resident_id: String } = |caller, req| {
        let desa = desa_of(&req)?;
        let Some(resident_id) = villager_of(&caller, &desa) else {
            return Err(Error::Forbidden(format!(
                "Halaman ini untuk warga Desa {} yang sudah masuk dengan NIK dan PIN.",
                desa.name
            )));
        };
        Ok(Warga { caller, desa, resident_id })
    }
);

/// What a signed-in member of a desa is to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Membership {
    /// `desa_admin`: kepala or sekretaris desa.
    Admin,
    /// `desa_operator`.
    Operator,
    /// A villager, with the resident behind the session.
    Villager(String),
}

impl Membership {
    /// The villager's resident id; staff have none.
    pub fn villager(&self) -> Option<&str> {
        match self {
            Membership::Villager(id) => Some(id),
            Membership::Admin | Membership::Operator => None,
        }
    }
}

role_extractor!(
    /// Desa staff or a villager of the desa: whoever may use the desa's letter services, each
    /// within their own limits.
    Member { desa: Desa, membership: Membership } = |caller, req| {
        let desa = desa_of(&req)?;
        let membership = match (caller.is_staff_of(&desa), caller.user.role) {
            (true, Role::DesaAdmin) => Membership::Admin,
            (true, _) => Membership::Operator,
            (false, _) => match villager_of(&caller, &desa) {
                Some(id) => Membership::Villager(id),
                None => return Err(not_staff(&desa)),
            },
        };
        Ok(Member { caller, desa, membership })
    }
);
