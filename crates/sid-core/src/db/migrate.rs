use diesel::connection::SimpleConnection;
use diesel::migration::MigrationVersion;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{Backend, DatabaseUrl};
use crate::{Error, Result};

const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// Any fixed number; it only has to be the same in every instance of the server.
const MIGRATION_LOCK: i64 = 3604_0000;

/// The two roles the server's connections log in as.
#[derive(Debug, Clone)]
pub struct Roles {
    /// Requests: one desa at a time, as the row-level security policies allow.
    pub app: String,
    /// Regency-wide figures: every desa's rows, read only. The request role is no member of it
    /// and cannot become it.
    pub regency: String,
}

/// Runs the pending migrations as the connecting (owner) role and, on PostgreSQL, gives the
/// login roles exactly the rights they need. Returns the versions applied.
pub fn migrate(url: &DatabaseUrl, roles: &Roles) -> Result<Vec<String>> {
    let applied = match url.backend() {
        Backend::Postgres => {
            let mut conn = url.establish_pg()?;
            // Instances starting together must not migrate twice.
            conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let applied = conn
                .run_pending_migrations(POSTGRES)
                .map(versions)
                .map_err(Error::internal);
            let granted = applied.as_ref().map(|_| grant_roles(&mut conn, roles));
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

/// Creates the login roles where the owner may (a managed database creates them beforehand,
/// with passwords) and grants them their rights: no ownership and no BYPASSRLS for either;
/// the request role changes rows of the tables but only reads and adds to the audit logs (what
/// is recorded stays recorded); the regency role only reads, through a policy of its own on
/// every table under row-level security, present and future.
fn grant_roles(conn: &mut diesel::PgConnection, roles: &Roles) -> Result<()> {
    let Roles { app, regency } = roles;
    conn.batch_execute(&format!(
        r#"DO $$
        DECLARE
            login text;
            t text;
        BEGIN
            FOREACH login IN ARRAY ARRAY['{app}', '{regency}'] LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
                    BEGIN
                        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB', login);
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END;
                ELSIF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = login) THEN
                    -- Earlier versions switched to the request role with SET ROLE.
                    BEGIN
                        EXECUTE format('ALTER ROLE %I LOGIN', login);
                    EXCEPTION WHEN OTHERS THEN
                        RAISE WARNING 'role % cannot log in and was not changed: %', login, SQLERRM;
                    END;
                END IF;
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), login);
            END LOOP;
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I',
                           current_schema(), '{app}');
            EXECUTE format('REVOKE ALL ON TABLE %I.__diesel_schema_migrations FROM %I',
                           current_schema(), '{app}');
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON TABLE %I.audit_log, %I.regency_audit FROM %I',
                           current_schema(), current_schema(), '{app}');
            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', current_schema(), '{regency}');
            EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), '{regency}');
            EXECUTE format('REVOKE ALL ON TABLE %I.__diesel_schema_migrations FROM %I',
                           current_schema(), '{regency}');
            FOR t IN
                SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relrowsecurity
                  AND NOT EXISTS (
                      SELECT 1 FROM pg_policies p
                      WHERE p.schemaname = current_schema() AND p.tablename = c.relname
                        AND p.policyname = 'regency_read' AND p.roles = ARRAY['{regency}']::name[])
            LOOP
                EXECUTE format('DROP POLICY IF EXISTS regency_read ON %I', t);
                EXECUTE format('CREATE POLICY regency_read ON %I FOR SELECT TO %I USING (true)', t, '{regency}');
            END LOOP;
        END $$;"#
    ))?;
    Ok(())
}
