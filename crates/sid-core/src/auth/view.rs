//! Accounts as the API shows them: shared by every route that answers with a user.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Position, Role, User};
use crate::tenant::DesaDirectory;

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
    /// A desa staff member's office (who may initial and sign letters); null otherwise.
    pub position: Option<Position>,
    /// The name printed under the staff member's signature.
    pub full_name: Option<String>,
    /// A kaur's or kasi's own office.
    pub title: Option<String>,
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
            position: user.position,
            full_name: user.full_name,
            title: user.title,
        }
    }
}

/// The reply to a successful sign-in, by password or by PIN.
#[derive(Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: UserView,
}
