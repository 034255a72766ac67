//! The tenant: a desa of the registry. A `TenantId` can only come out of the registry loaded
//! here, and the tenant router is what hands it to a request; every query of tenant data takes one.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use diesel::prelude::*;
use futures_util::future::{ready, Ready};
use serde::Serialize;

use crate::db::{Db, DbConn};
use crate::schema::{desa, kecamatan};
use crate::{Error, Result};

/// The key of one desa's data. No public constructor: only the registry makes them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantId(String);

impl TenantId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[cfg(test)]
    pub(crate) fn for_tests(id: &str) -> TenantId {
        TenantId(id.to_string())
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Kecamatan {
    /// Kemendagri code, e.g. `36.04.05`.
    pub code: String,
    pub name: String,
}

/// A desa of the registry, as the public sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Desa {
    #[serde(skip)]
    #[schema(ignore)]
    pub tenant: TenantId,
    /// Kemendagri code, e.g. `36.04.05.2001`.
    pub code: String,
    pub name: String,
    /// URL name, unique in the regency, e.g. `kramatwatu` or `sukamanah-baros`.
    pub slug: String,
    pub kecamatan: Kecamatan,
    pub active: bool,
}

#[derive(Default)]
struct Index {
    list: Arc<Vec<Desa>>,
    by_key: HashMap<String, usize>,
}

/// The registry in memory: 326 rows that change rarely, read on every tenant request. Kept
/// current by `refresh` (on change here, periodically for changes made by other instances).
#[derive(Default)]
pub struct DesaDirectory {
    index: RwLock<Index>,
}

impl DesaDirectory {
    pub async fn load(db: &Db) -> Result<DesaDirectory> {
        let directory = DesaDirectory::default();
        directory.refresh(db).await?;
        Ok(directory)
    }

    pub async fn refresh(&self, db: &Db) -> Result<()> {
        let list = db.global_read(read_registry).await?;
        let mut by_key = HashMap::with_capacity(list.len() * 3);
        for (i, d) in list.iter().enumerate() {
            by_key.insert(d.slug.clone(), i);
            by_key.insert(d.code.clone(), i);
            by_key.insert(d.tenant.0.clone(), i);
        }
        *self.index.write().expect("registry lock") = Index {
            list: Arc::new(list),
            by_key,
        };
        Ok(())
    }

    /// Any desa, active or not, by slug, Kemendagri code or id.
    pub fn find(&self, key: &str) -> Option<Desa> {
        let index = self.index.read().expect("registry lock");
        index.by_key.get(key).map(|&i| index.list[i].clone())
    }

    /// The active desa a file is named for: `3604052001.xls` (the code's ten digits),
    /// `36.04.05.2001.xlsx` or `kramatwatu.csv` (regency onboarding, one file per desa).
    pub fn resolve_file(&self, file_name: &str) -> Option<Desa> {
        let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if stem.len() == 10 && stem.chars().all(|c| c.is_ascii_digit()) {
            let code = format!(
                "{}.{}.{}.{}",
                &stem[0..2],
                &stem[2..4],
                &stem[4..6],
                &stem[6..]
            );
            self.resolve(&code)
        } else {
            self.resolve(stem)
        }
    }

    /// An active desa by slug or code: what a path segment `{desa}` may name.
    pub fn resolve(&self, key: &str) -> Option<Desa> {
        self.find(key).filter(|d| d.active)
    }

    pub fn all(&self) -> Arc<Vec<Desa>> {
        self.index.read().expect("registry lock").list.clone()
    }
}

fn read_registry(conn: &mut DbConn) -> Result<Vec<Desa>> {
    let rows: Vec<(String, String, String, String, bool, String, String)> = desa::table
        .inner_join(kecamatan::table)
        .select((
            desa::id,
            desa::code,
            desa::name,
            desa::slug,
            desa::active,
            kecamatan::code,
            kecamatan::name,
        ))
        .order(desa::code)
        .load(conn)?;
    rows.into_iter()
        .map(|(id, code, name, slug, active, kc, kn)| {
            uuid::Uuid::parse_str(&id)
                .map_err(|_| Error::Internal(format!("id desa {code} bukan UUID")))?;
            Ok(Desa {
                tenant: TenantId(id),
                code,
                name,
                slug,
                kecamatan: Kecamatan { code: kc, name: kn },
                active,
            })
        })
        .collect()
}

/// The desa the tenant router resolved for this request.
impl FromRequest for Desa {
    type Error = Error;
    type Future = Ready<Result<Desa>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions().get::<Desa>().cloned().ok_or_else(|| {
                Error::Internal("rute ini tidak dipasang di bawah router desa".into())
            }),
        )
    }
}

impl FromRequest for TenantId {
    type Error = Error;
    type Future = Ready<Result<TenantId>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        ready(
            Desa::from_request(req, payload)
                .into_inner()
                .map(|d| d.tenant),
        )
    }
}
