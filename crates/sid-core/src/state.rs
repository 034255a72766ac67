use std::sync::Arc;

use crate::auth::AuthConfig;
use crate::db::Db;
use crate::files::Files;
use crate::tenant::DesaDirectory;

/// What every handler can reach: the database, the identity settings, the desa registry and
/// the file store (uploads, keys, stored letters; outside the web root).
pub struct AppState {
    pub db: Db,
    pub auth: Arc<AuthConfig>,
    pub directory: Arc<DesaDirectory>,
    pub files: Files,
    /// The address people reach the server at, without a trailing slash.
    pub public_url: String,
}
