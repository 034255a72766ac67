use chrono::{DateTime, Utc};
use serde::Serialize;
use sid_core::auth::{Role, User};
use sid_core::tenant::DesaDirectory;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DesaRef {
    pub code: String,
    pub slug: String,
    pub name: String,
}

/// An account as the API shows it (never the password hash).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: String,
    pub username: String,
    pub role: Role,
    /// The desa of a desa role; null for `kabupaten_admin`.
    pub desa: Option<DesaRef>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl UserView {
    pub fn new(user: User, directory: &DesaDirectory) -> UserView {
        let desa = user
            .desa_id
            .as_deref()
            .and_then(|id| directory.find(id))
            .map(|d| DesaRef {
                code: d.code,
                slug: d.slug,
                name: d.name,
            });
        UserView {
            id: user.id,
            username: user.username,
            role: user.role,
            desa,
            active: user.active,
            created_at: user.created_at.and_utc(),
        }
    }
}
