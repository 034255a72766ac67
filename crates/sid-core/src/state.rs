use std::sync::Arc;

use crate::auth::AuthConfig;
use crate::db::Db;
use crate::tenant::DesaDirectory;

/// What every handler can reach: the database, the identity settings and the desa registry.
pub struct AppState {
    pub db: Db,
    pub auth: Arc<AuthConfig>,
    pub directory: Arc<DesaDirectory>,
}
