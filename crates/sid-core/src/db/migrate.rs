use diesel::connection::SimpleConnection;
use diesel::migration::MigrationVersion;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{Backend, DatabaseUrl};
use crate::{Error, Result};

const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// Any fixed number; it only has to be the same in every instance of the server.
const MIGRATION_LOCK: i64 = 3604_0000;

/// Runs the pending migrations as the connecting (owner) role and, on PostgreSQL, gives the
/// application role exactly the rights it needs. Returns the versions applied.
pub fn migrate(url: &DatabaseUrl, app_role: &str) -> Result<Vec<String>> {
    let applied = match url.backend() {
        Backend::Postgres => {
            let mut conn = url.establish_pg()?;
            // Instances starting together must not migrate twice.
            conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let applied = conn
                .run_pending_migrations(POSTGRES)
                .map(versions)
                .map_err(Error::internal);
            let granted = applied
                .as_ref()
                .map(|_| grant_app_role(&mut conn, app_role));
            conn.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            granted.map_err(|e| Error::Internal(e.to_string()))??;
            applied?
        }
        Backend::Sqlite => {
            let mut conn = url.establish_sqlite()?;
            conn.run_pending_migrations(SQLITE)
                .map(versions)
                .map_err(Error::internal)?
        }
    };
    Ok(applied)
}

fn versions(v: Vec<MigrationVersion<'_>>) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

/// The role the server's requests run as: no ownership, no BYPASSRLS, only DML on the tables,
/// and on the audit logs only reading and adding: what is recorded stays recorded.
fn grant_app_role(conn: &mut diesel::PgConnection, role: &str) -> Result<()> {
    conn.batch_execute(&format!(
        r#"DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                BEGIN
                    CREATE ROLE "{role}" NOLOGIN NOSUPERUSER NOBYPASSRLS;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END;
            END IF;
            IF NOT pg_has_role(current_user, '{role}', 'MEMBER') THEN
                EXECUTE format('GRANT %I TO %I', '{role}', current_user);
            END IF;
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), '{role}');
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I',
                           current_schema(), '{role}');
            EXECUTE format('REVOKE ALL ON TABLE %I.__diesel_schema_migrations FROM %I',
                           current_schema(), '{role}');
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON TABLE %I.audit_log, %I.regency_audit FROM %I',
                           current_schema(), current_schema(), '{role}');
        END $$;"#
    ))?;
    Ok(())
}
