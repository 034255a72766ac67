//! Synthetic desa websites, written through the modules' own stores: the benchmark's (news and
//! projects in every desa, for the site pages and the regency's news) and the demonstration
//! desa's. A desa that has articles or projects already keeps them as they are.

use sid_core::db::Db;
use sid_core::{Desa, Result};

/// Writes `articles` published articles and `projects` projects in each desa; how many written.
pub async fn fill(db: &Db, desa: &[Desa], articles: usize, projects: usize) -> Result<usize> {
    let mut written = 0;
    for d in desa {
        written += db
            .tenant(&d.tenant, move |conn, tenant| {
                Ok(crate::articles::synthetic(conn, tenant, articles)?
                    + crate::projects::synthetic(conn, tenant, projects)?)
            })
            .await?;
    }
    Ok(written)
}
