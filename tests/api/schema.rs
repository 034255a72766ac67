//! The database itself: tenant tables carry `desa_id` in every key and, on PostgreSQL, row-level
//! security that the request role cannot escape. Migrations run from empty; restarts change nothing.

use std::collections::{BTreeMap, BTreeSet};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{Backend, TestApp, PASSWORD};

/// Tables that belong to the regency, not to one desa. A table missing here must be a
/// tenant table, with `desa_id` leading its keys.
const REGENCY_TABLES: &[&str] = &[
    "__diesel_schema_migrations",
    "kecamatan",
    "desa",
    "users",
    "sessions",
    "login_attempts",
    "regency_audit",
    "code_list",
    "nik_registry",
    "mail_outbox",
    "letter_codes",
];

#[derive(QueryableByName, Debug)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName, Debug)]
struct Problem {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    problem: String,
}

on_both_backends!(tenant_tables_are_keyed_by_desa, restart_is_idempotent);

async fn tenant_tables_are_keyed_by_desa(app: TestApp) {
    let problems: Vec<String> = match app.backend {
        Backend::Postgres => {
            let mut conn = app.pg.as_ref().unwrap().connect();
            // Per tenant table: desa_id in the primary key, in every unique constraint and
            // foreign key; RLS enabled and forced; at least one policy.
            diesel::sql_query(
                r#"
                WITH t AS (
                    SELECT c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity,
                           (SELECT attnum FROM pg_attribute a
                             WHERE a.attrelid = c.oid AND a.attname = 'desa_id') AS desa_col
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                      AND c.relname <> ALL($1)
                )
                SELECT relname::text AS table_name, 'desa_id tidak ada di primary key' AS problem
                FROM t WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k
                    WHERE k.conrelid = t.oid AND k.contype = 'p' AND t.desa_col = ANY(k.conkey))
                UNION ALL
                SELECT relname::text, 'constraint ' || k.conname || ' tanpa desa_id'
                FROM t JOIN pg_constraint k ON k.conrelid = t.oid
                WHERE k.contype IN ('u', 'f') AND NOT (t.desa_col IS NOT NULL AND t.desa_col = ANY(k.conkey))
                UNION ALL
                SELECT relname::text, 'row-level security tidak ENABLE + FORCE'
                FROM t WHERE NOT (relrowsecurity AND relforcerowsecurity)
                UNION ALL
                SELECT relname::text, 'tanpa policy'
                FROM t WHERE NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.oid)
                "#,
            )
            .bind::<diesel::sql_types::Array<Text>, _>(REGENCY_TABLES)
            .load::<Problem>(&mut conn)
            .unwrap()
            .into_iter()
            .map(|p| format!("{}: {}", p.table_name, p.problem))
            .collect()
        }
        Backend::Sqlite => {
            let path = app.settings.database.url.strip_prefix("sqlite://").unwrap();
            let mut conn = SqliteConnection::establish(path).unwrap();
            let tables: Vec<Name> = diesel::sql_query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .load(&mut conn)
            .unwrap();
            tables
                .into_iter()
                .filter(|t| !REGENCY_TABLES.contains(&t.name.as_str()))
                .filter(|t| {
                    #[derive(QueryableByName)]
                    struct Pk {
                        #[diesel(sql_type = BigInt)]
                        n: i64,
                    }
                    let pk: Pk = diesel::sql_query(format!(
                        "SELECT count(*) AS n FROM pragma_table_info('{}') WHERE name = 'desa_id' AND pk > 0",
                        t.name
                    ))
                    .get_result(&mut conn)
                    .unwrap();
                    pk.n == 0
                })
                .map(|t| format!("{}: desa_id tidak ada di primary key", t.name))
                .collect()
        }
    };
    assert!(
        problems.is_empty(),
        "tenant tables without isolation: {problems:#?}"
    );
}

async fn restart_is_idempotent(app: TestApp) {
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    let token = app.token("admin.a", PASSWORD).await;
    let before: Vec<Value> = app.get("/api/v1/desa", None).await.json().await.unwrap();
    let ids_before: Vec<String> = app
        .state
        .directory
        .all()
        .iter()
        .map(|d| d.tenant.as_str().to_string())
        .collect();

    let again = app.restart().await;
    let after: Vec<Value> = again.get("/api/v1/desa", None).await.json().await.unwrap();
    assert_eq!(before, after);
    let ids_after: Vec<String> = again
        .state
        .directory
        .all()
        .iter()
        .map(|d| d.tenant.as_str().to_string())
        .collect();
    assert_eq!(ids_before, ids_after, "desa ids stable across restarts");
    // The same signing key: sessions survive the restart.
    assert_eq!(
        again.get("/api/v1/auth/me", Some(&token)).await.status(),
        StatusCode::OK
    );
    // The first administrator was not created twice, and its password is unchanged.
    again.admin_token().await;
    let users = again
        .state
        .db
        .global_read(sid_core::auth::users::count)
        .await
        .unwrap();
    assert_eq!(users, 2);
    // And the second instance sees what the first writes.
    let res = app
        .patch(
            "/api/v1/desa/kramatwatu/profile",
            Some(&token),
            &json!({"phone": "0254-123456"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let seen: Value = again
        .get("/api/v1/desa/kramatwatu", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen["profile"]["phone"], "0254-123456");
}

/// Logs in to the test database as `role`, as the server's pools do.
fn login_as(app: &TestApp, role: &str) -> PgConnection {
    let owner = sid_core::db::DatabaseUrl::parse(&app.pg.as_ref().unwrap().url).unwrap();
    PgConnection::establish(owner.login_as(role).unwrap().target()).expect("log in as the role")
}

/// Rows of `table` this connection sees, by desa.
fn visible(conn: &mut PgConnection, table: &str) -> Vec<String> {
    diesel::sql_query(format!("SELECT desa_id AS name FROM {table}"))
        .load::<Name>(conn)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect()
}

/// A PostgreSQL server where Kramatwatu (admin.a) and Pejaten (admin.b) each have a profile
/// row naming its admin as kepala desa.
async fn two_desa_with_profiles() -> TestApp {
    let app = TestApp::spawn(Backend::Postgres).await;
    for (user, desa) in [("admin.a", "kramatwatu"), ("admin.b", "pejaten")] {
        app.create_desa_user(user, "desa_admin", desa).await;
        let t = app.token(user, PASSWORD).await;
        let res = app
            .patch(
                &format!("/api/v1/desa/{desa}/profile"),
                Some(&t),
                &json!({"kepala_desa": user}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    app
}

/// PostgreSQL only: the request role sees and writes one desa's rows and nothing else.
#[actix_web::test]
async fn row_level_security_confines_the_request_role() {
    if crate::support::pg_url().is_none() {
        return;
    }
    let app = two_desa_with_profiles().await;
    let a = app.state.directory.find("kramatwatu").unwrap().tenant;
    let b = app.state.directory.find("pejaten").unwrap().tenant;
    let role = &app.settings.database.app_role;

    let mut owner = app.pg.as_ref().unwrap().connect();
    // The role owns nothing and cannot bypass RLS.
    #[derive(QueryableByName)]
    struct Flags {
        #[diesel(sql_type = Bool)]
        rolsuper: bool,
        #[diesel(sql_type = Bool)]
        rolbypassrls: bool,
        #[diesel(sql_type = BigInt)]
        owned: i64,
    }
    let flags: Flags = diesel::sql_query(
        "SELECT rolsuper, rolbypassrls, \
         (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owned \
         FROM pg_roles r WHERE rolname = $1",
    )
    .bind::<Text, _>(role)
    .get_result(&mut owner)
    .unwrap();
    assert!(!flags.rolsuper && !flags.rolbypassrls);
    assert_eq!(flags.owned, 0);

    // Logged in as the request role, as the pool is: no SET ROLE that RESET ROLE could undo.
    let mut conn = login_as(&app, role);
    for table in ["audit_log", "desa_profile"] {
        assert!(
            visible(&mut conn, table).is_empty(),
            "{table} without a desa"
        );

        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            diesel::sql_query("SELECT set_config('sid.desa_id', $1, true)")
                .bind::<Text, _>(a.as_str())
                .execute(conn)?;
            let rows: Vec<Name> =
                diesel::sql_query(format!("SELECT desa_id AS name FROM {table}")).load(conn)?;
            assert!(!rows.is_empty(), "{table}: A sees its own rows");
            assert!(
                rows.iter().all(|r| r.name == a.as_str()),
                "{table}: only A's rows"
            );
            // Updating everything touches only A's rows.
            if table == "desa_profile" {
                let n = diesel::sql_query("UPDATE desa_profile SET kepala_desa = 'diubah'")
                    .execute(conn)?;
                assert_eq!(n, 1);
            }
            Ok(())
        })
        .unwrap();
    }
    // Writing rows of another desa while set to A fails: B's, or those of a desa that does not
    // exist (residents keep no foreign key to desa on PostgreSQL: the policy alone pins it).
    for (sql, desa) in [
        (
            "INSERT INTO audit_log (desa_id, id, at, actor_username, action, target, detail) \
             VALUES ($1, 'x', now(), 'penyusup', 'uji', 'uji', '')",
            b.as_str(),
        ),
        (
            "INSERT INTO residents (desa_id, id, nik, name, name_search, sex, birth_place, \
             birth_date, religion, education, occupation, marital_status, shdk, citizenship, \
             blood_type, status, created_at, updated_at) VALUES ($1, 'x', '3604010101900001', \
             'Penyusup', 'penyusup', 1, 'Serang', '1990-01-01', 1, 1, 1, 1, 1, 1, 13, 1, now(), now())",
            "bukan-desa",
        ),
    ] {
        let insert = conn.transaction::<_, diesel::result::Error, _>(|conn| {
            diesel::sql_query("SELECT set_config('sid.desa_id', $1, true)")
                .bind::<Text, _>(a.as_str())
                .execute(conn)?;
            diesel::sql_query(sql).bind::<Text, _>(desa).execute(conn)
        });
        let message = insert.unwrap_err().to_string();
        assert!(message.contains("row-level security"), "{desa}: {message}");
    }
    // The request role cannot drop RLS either.
    assert!(conn
        .batch_execute("ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY")
        .is_err());
    // What the audit logs record stays recorded: the request role adds and reads, and changes
    // or removes nothing, not even in its own desa.
    for sql in [
        "UPDATE audit_log SET detail = 'dihapus'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "UPDATE regency_audit SET detail = 'dihapus'",
        "DELETE FROM regency_audit",
    ] {
        let changed = conn.transaction::<_, diesel::result::Error, _>(|conn| {
            diesel::sql_query("SELECT set_config('sid.desa_id', $1, true)")
                .bind::<Text, _>(a.as_str())
                .execute(conn)?;
            diesel::sql_query(sql).execute(conn)
        });
        let message = changed.unwrap_err().to_string();
        assert!(message.contains("permission denied"), "{sql}: {message}");
    }

    // B's profile was not touched by A's update.
    let b_profile: Value = app
        .get("/api/v1/desa/pejaten", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(b_profile["profile"]["kepala_desa"], "admin.b");
}

/// PostgreSQL only: no statement the request role can run widens its scope past the desa it
/// names. The setting that once opened every desa (`sid.scope`), another role, the owner's
/// role, a policy of its own: each is tried in SQL, as that role. The regency role reads every
/// desa and changes nothing.
#[actix_web::test]
async fn request_role_cannot_widen_its_scope() {
    if crate::support::pg_url().is_none() {
        return;
    }
    let app = two_desa_with_profiles().await;
    let a = app.state.directory.find("kramatwatu").unwrap().tenant;
    let settings = &app.settings.database;
    let mut conn = login_as(&app, &settings.app_role);
    for widen in [
        "SELECT set_config('sid.scope', 'kabupaten', false)",
        "SET sid.scope = 'kabupaten'",
        "SELECT set_config('sid.desa_id', '', false)",
        "RESET ROLE",
        "RESET SESSION AUTHORIZATION",
    ] {
        conn.batch_execute(widen).unwrap();
        for table in ["desa_profile", "audit_log", "residents", "families"] {
            assert!(
                visible(&mut conn, table).is_empty(),
                "{table} after {widen}"
            );
        }
    }
    for escape in [
        format!("SET ROLE \"{}\"", settings.regency_role),
        "SET ROLE postgres".to_string(),
        "SET SESSION AUTHORIZATION postgres".to_string(),
        format!(
            "SELECT set_config('role', '{}', false)",
            settings.regency_role
        ),
        "CREATE POLICY mine ON desa_profile FOR SELECT USING (true)".to_string(),
        "ALTER TABLE desa_profile NO FORCE ROW LEVEL SECURITY".to_string(),
        "DROP POLICY tenant ON desa_profile".to_string(),
        format!("GRANT \"{}\" TO CURRENT_USER", settings.regency_role),
    ] {
        let message = conn.batch_execute(&escape).unwrap_err().to_string();
        assert!(
            message.contains("permission denied") || message.contains("must "),
            "{escape}: {message}"
        );
    }
    // Named, one desa: still that desa only.
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        diesel::sql_query("SELECT set_config('sid.desa_id', $1, true)")
            .bind::<Text, _>(a.as_str())
            .execute(conn)?;
        assert_eq!(visible(conn, "desa_profile"), vec![a.as_str().to_string()]);
        Ok(())
    })
    .unwrap();

    // The regency role sees both desa, and writes nothing, whatever it sets.
    let mut regency = login_as(&app, &settings.regency_role);
    let seen: BTreeSet<String> = visible(&mut regency, "desa_profile").into_iter().collect();
    assert!(seen.len() >= 2, "regency sees every desa: {seen:?}");
    for write in [
        "UPDATE desa_profile SET kepala_desa = 'diubah'",
        "DELETE FROM audit_log",
        "INSERT INTO regency_audit (id, at, actor_username, action, target, detail) \
         VALUES ('x', now(), 'penyusup', 'uji', 'uji', '')",
    ] {
        let message = regency.batch_execute(write).unwrap_err().to_string();
        assert!(message.contains("permission denied"), "{write}: {message}");
    }
}

/// PostgreSQL only: reads run outside transactions with the desa kept as a session setting of
/// the pooled connection. On a pool of one connection every scope after another still sees
/// exactly its own rows, and a read cannot write.
#[actix_web::test]
async fn pooled_connection_keeps_no_desa_across_scopes() {
    if crate::support::pg_url().is_none() {
        return;
    }
    let app = TestApp::spawn_with(Backend::Postgres, |s| s.database.pool_size = 1).await;
    let token = app.desa_admin("admin.a", "kramatwatu").await;
    let nik = crate::support::nik("1990-03-12", false, 1);
    app.add_resident(
        "kramatwatu",
        &token,
        &crate::support::resident(&nik, "Budi", false, "1990-03-12"),
    )
    .await;
    let a = app.state.directory.find("kramatwatu").unwrap().tenant;
    let b = app.state.directory.find("pejaten").unwrap().tenant;
    let db = &app.state.db;
    let count = |conn: &mut sid_core::db::DbConn| -> sid_core::Result<i64> {
        use sid_core::schema::residents::dsl::*;
        Ok(residents.count().get_result(conn)?)
    };

    let own = db.tenant_read(&a, move |c, _| count(c)).await.unwrap();
    assert_eq!(own, 1);
    assert_eq!(db.global_read(move |c| count(c)).await.unwrap(), 0);
    assert_eq!(db.tenant_read(&b, move |c, _| count(c)).await.unwrap(), 0);
    assert_eq!(db.tenant_read(&a, move |c, _| count(c)).await.unwrap(), own);
    // A write in B's transaction leaves the session on A, and the next read of B sees B.
    db.tenant(&b, move |c, _| count(c)).await.unwrap();
    assert_eq!(db.tenant_read(&a, move |c, _| count(c)).await.unwrap(), own);
    assert_eq!(db.tenant_read(&b, move |c, _| count(c)).await.unwrap(), 0);
    assert!(db.regency_read(move |c| count(c)).await.unwrap() >= own);
    // A statement carrying its desa reads that desa whatever the connection served before; one
    // that forgot its scope reads no desa's rows.
    let scoped = |conn: &mut sid_core::db::DbConn, t: &sid_core::TenantId| {
        use sid_core::schema::residents::dsl::*;
        let n: Vec<i64> =
            sid_core::load_in_desa!(conn, t, |desa| residents.filter(desa_id.eq(desa)).count())?;
        Ok::<_, sid_core::Error>(n[0])
    };
    assert_eq!(db.tenant_read(&b, move |c, _| count(c)).await.unwrap(), 0);
    assert_eq!(db.tenant_statements(&a, scoped).await.unwrap(), own);
    assert_eq!(db.tenant_statements(&b, scoped).await.unwrap(), 0);
    assert_eq!(db.tenant_read(&a, move |c, _| count(c)).await.unwrap(), own);
    assert_eq!(
        db.tenant_statements(&b, move |c, _| count(c))
            .await
            .unwrap(),
        0
    );
    assert_eq!(db.tenant_statements(&a, scoped).await.unwrap(), own);
    assert_eq!(db.global_read(move |c| count(c)).await.unwrap(), 0);

    let write = db
        .tenant_read(&a, |c, _| {
            use sid_core::schema::residents::dsl::*;
            Ok(diesel::update(residents)
                .set(name.eq("Diubah"))
                .execute(c)?)
        })
        .await;
    assert!(write.is_err(), "a read changed rows");
    assert_eq!(db.tenant_read(&a, move |c, _| count(c)).await.unwrap(), own);
}

/// Differences between the schemas the two migration trees build that are meant to be there,
/// as (table, column, SQLite, PostgreSQL) in the words of the drift report; column "" stands
/// for the whole table. Each entry says why. Today there are none: constraints, indexes,
/// collations and row-level security differ, but no table or column does.
const BACKEND_DIFFERENCES: &[(&str, &str, &str, &str)] = &[];

/// Migrations written for one backend only, as "<tree>/<folder>". Every other migration exists
/// under the same folder name in both trees.
const ONE_BACKEND_MIGRATIONS: &[&str] = &[
    // PostgreSQL only: they drop foreign keys whose per-row check locks the referenced row and
    // slowed bulk imports (see each up.sql). SQLite keeps and enforces them.
    "postgres/2026-11-29-000005_resident_words_unchecked",
    "postgres/2026-11-29-000006_desa_unchecked_in_bulk",
    // PostgreSQL only: row-level security policies; SQLite has none.
    "postgres/2026-12-03-000008_regency_role",
    // PostgreSQL only: the e-mall's words read from the index alone (INCLUDE columns, which
    // SQLite's indexes do not have).
    "postgres/2026-12-05-000012_emall_index_only",
    // PostgreSQL only: row-level security policies.
    "postgres/2026-12-05-000014_emall_unset_scope",
];

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    declared: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

/// Table → column → "<type class> NULL|NOT NULL".
type Columns = BTreeMap<String, BTreeMap<String, String>>;

/// The class a declared type falls in on either backend (SQLite keeps the declared name, which
/// is also what diesel maps from). An unknown type stays as written, so it shows up in the report.
fn type_class(declared: &str) -> String {
    let lower = declared.to_ascii_lowercase();
    let base = lower.split('(').next().unwrap_or_default().trim();
    let class = match base {
        "text" | "varchar" | "character varying" | "char" | "character" => "text",
        "integer" | "int" | "int4" => "integer",
        "bigint" | "int8" => "bigint",
        "boolean" | "bool" => "boolean",
        "date" => "date",
        "real" | "float" | "float4" | "float8" | "double" | "double precision" => "real",
        "blob" | "bytea" => "blob",
        b if b.starts_with("timestamp") => "timestamp",
        _ => return lower,
    };
    class.to_string()
}

fn columns(rows: Vec<ColumnRow>) -> Columns {
    let mut tables = Columns::new();
    for row in rows {
        let null = if row.nullable { "NULL" } else { "NOT NULL" };
        tables.entry(row.table_name).or_default().insert(
            row.column_name,
            format!("{} {null}", type_class(&row.declared)),
        );
    }
    tables
}

fn drift_line(table: &str, column: &str, sqlite: &str, postgres: &str) -> String {
    let place = match column {
        "" => format!("table {table}"),
        _ => format!("{table}.{column}"),
    };
    format!("{place}: SQLite {sqlite}, PostgreSQL {postgres}")
}

/// Every table or column the two schemas do not share, or share with another type or nullability.
fn drift(sqlite: &Columns, postgres: &Columns) -> BTreeSet<String> {
    fn side(c: Option<&String>) -> &str {
        c.map_or("absent", String::as_str)
    }
    let mut lines = BTreeSet::new();
    for table in sqlite.keys().chain(postgres.keys()) {
        match (sqlite.get(table), postgres.get(table)) {
            (Some(s), Some(p)) => {
                for column in s.keys().chain(p.keys()) {
                    let (s, p) = (s.get(column), p.get(column));
                    if s != p {
                        lines.insert(drift_line(table, column, side(s), side(p)));
                    }
                }
            }
            (s, p) => {
                let exists = |t: Option<_>| if t.is_some() { "present" } else { "absent" };
                lines.insert(drift_line(table, "", exists(s), exists(p)));
            }
        }
    }
    lines
}

/// Both migration trees build the same tables with the same columns, so that a change written
/// for one backend only fails here rather than in production on the other.
#[actix_web::test]
async fn migration_trees_build_the_same_columns() {
    if crate::support::pg_url().is_none() {
        return;
    }
    let sqlite = TestApp::spawn(Backend::Sqlite).await;
    let postgres = TestApp::spawn(Backend::Postgres).await;

    let path = sqlite
        .settings
        .database
        .url
        .strip_prefix("sqlite://")
        .unwrap();
    // SQLite lets NULL into a primary key not declared NOT NULL (a kept quirk); the diesel
    // schema declares those columns NOT NULL, so none is written: count them NOT NULL, as
    // PostgreSQL does.
    let on_sqlite = diesel::sql_query(
        r#"SELECT m.name AS table_name, p.name AS column_name, p.type AS declared,
                  p."notnull" = 0 AND p.pk = 0 AS nullable
           FROM sqlite_master m JOIN pragma_table_info(m.name) p
           WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"#,
    )
    .load(&mut SqliteConnection::establish(path).unwrap())
    .unwrap();
    let on_postgres = diesel::sql_query(
        "SELECT c.relname::text AS table_name, a.attname::text AS column_name, \
                format_type(a.atttypid, a.atttypmod) AS declared, NOT a.attnotnull AS nullable \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
              JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
           AND a.attnum > 0 AND NOT a.attisdropped",
    )
    .load(&mut postgres.pg.as_ref().unwrap().connect())
    .unwrap();

    let (on_sqlite, on_postgres) = (columns(on_sqlite), columns(on_postgres));
    // An empty read on both sides would compare equal.
    assert!(
        on_sqlite.contains_key("residents") && on_postgres.contains_key("residents"),
        "the schema queries read no tables"
    );
    let found = drift(&on_sqlite, &on_postgres);
    let expected: BTreeSet<String> = BACKEND_DIFFERENCES
        .iter()
        .map(|&(t, c, s, p)| drift_line(t, c, s, p))
        .collect();
    let unexpected: Vec<_> = found.difference(&expected).collect();
    let gone: Vec<_> = expected.difference(&found).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "the migration trees have drifted apart: write the change for both backends, or list a \
         deliberate difference in BACKEND_DIFFERENCES.\nNot listed: {unexpected:#?}\n\
         Listed but no longer there: {gone:#?}"
    );
}

/// Every migration folder exists in both trees, but for the ones listed as one backend's own.
#[test]
fn migration_trees_have_the_same_folders() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let folders = |tree: &str| -> BTreeSet<String> {
        std::fs::read_dir(root.join(tree))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    let (sqlite, postgres) = (folders("sqlite"), folders("postgres"));
    let one_side: BTreeSet<String> = sqlite
        .difference(&postgres)
        .map(|f| format!("sqlite/{f}"))
        .chain(
            postgres
                .difference(&sqlite)
                .map(|f| format!("postgres/{f}")),
        )
        .collect();
    let listed: BTreeSet<String> = ONE_BACKEND_MIGRATIONS
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        one_side, listed,
        "migrations in one tree only (left) must be listed in ONE_BACKEND_MIGRATIONS (right)"
    );
}
