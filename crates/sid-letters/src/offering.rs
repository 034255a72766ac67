//! The letter types a desa offers: the regency's catalogue with the desa's own choices (types
//! switched off, templates rewritten).

use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::{Error, Result, TenantId};

use super::store;
use super::types::{self, Field, LetterType, Subject};

#[derive(Serialize, utoipa::ToSchema)]
pub struct OfferedType {
    pub code: &'static str,
    pub name: &'static str,
    pub classification: &'static str,
    pub validity_days: Option<u32>,
    pub subject: Subject,
    pub fields: Vec<Field>,
    pub documents: Vec<&'static str>,
    pub enabled: bool,
    /// The template this desa prints (its own, or the regency's default).
    pub template: String,
    /// Whether the template is the desa's own.
    pub customized: bool,
}

/// The type's template as this desa prints it.
pub fn template_of(conn: &mut DbConn, tenant: &TenantId, kind: &LetterType) -> Result<String> {
    Ok(store::type_settings(conn, tenant)?
        .remove(kind.code)
        .and_then(|s| s.template)
        .unwrap_or_else(|| kind.default_template.clone()))
}

/// The type, if it exists and this desa offers it.
pub fn offered(conn: &mut DbConn, tenant: &TenantId, code: &str) -> Result<&'static LetterType> {
    let kind = types::find(code).ok_or_else(|| {
        Error::invalid(
            "type",
            format!(
                "jenis surat tidak dikenal; pilihan: {}",
                types::all()
                    .iter()
                    .map(|t| t.code)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })?;
    let enabled = store::type_settings(conn, tenant)?
        .get(code)
        .and_then(|s| s.enabled)
        .unwrap_or(true);
    if !enabled {
        return Err(Error::invalid(
            "type",
            "jenis surat ini tidak dilayani desa ini",
        ));
    }
    Ok(kind)
}

pub fn offered_types(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<OfferedType>> {
    let mut settings = store::type_settings(conn, tenant)?;
    Ok(types::all()
        .iter()
        .map(|t| {
            let s = settings.remove(t.code).unwrap_or_default();
            OfferedType {
                code: t.code,
                name: t.name,
                classification: t.classification,
                validity_days: t.validity_days,
                subject: t.subject,
                fields: t.fields.clone(),
                documents: t.documents.clone(),
                enabled: s.enabled.unwrap_or(true),
                customized: s.template.is_some(),
                template: s.template.unwrap_or_else(|| t.default_template.clone()),
            }
        })
        .collect())
}
