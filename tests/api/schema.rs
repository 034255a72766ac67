//! The database itself: tenant tables carry `desa_id` in every key and, on PostgreSQL, row-level
//! security that the request role cannot escape. Migrations run from empty; restarts change nothing.

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

/// PostgreSQL only: the request role sees and writes one desa's rows and nothing else.
#[actix_web::test]
async fn row_level_security_confines_the_request_role() {
    if crate::support::pg_url().is_none() {
        return;
    }
    let app = TestApp::spawn(Backend::Postgres).await;
    app.create_desa_user("admin.a", "desa_admin", "kramatwatu")
        .await;
    app.create_desa_user("admin.b", "desa_admin", "pejaten")
        .await;
    for (user, desa) in [("admin.a", "kramatwatu"), ("admin.b", "pejaten")] {
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
    let a = app.state.directory.find("kramatwatu").unwrap().tenant;
    let b = app.state.directory.find("pejaten").unwrap().tenant;
    let role = &app.settings.database.app_role;

    let mut conn = app.pg.as_ref().unwrap().connect();
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
    .get_result(&mut conn)
    .unwrap();
    assert!(!flags.rolsuper && !flags.rolbypassrls);
    assert_eq!(flags.owned, 0);

    conn.batch_execute(&format!("SET ROLE \"{role}\"")).unwrap();
    for table in ["audit_log", "desa_profile"] {
        // No desa set: nothing visible.
        let rows: Vec<Name> = diesel::sql_query(format!("SELECT desa_id AS name FROM {table}"))
            .load(&mut conn)
            .unwrap();
        assert!(rows.is_empty(), "{table} without a desa");

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
    conn.batch_execute("RESET ROLE").unwrap();

    // B's profile was not touched by A's update.
    let b_profile: Value = app
        .get("/api/v1/desa/pejaten", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(b_profile["profile"]["kepala_desa"], "admin.b");
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
