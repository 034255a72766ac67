//! Reads that carry their desa inside the statement: on PostgreSQL the setting the row-level
//! security policies read and the query go in one round trip instead of two.
//!
//! ```sql
//! SELECT sid_rows.* FROM set_config('sid.desa_id', $1, true) AS sid_scope(desa)
//! CROSS JOIN LATERAL (SELECT * FROM (<query naming its desa as sid_scope.desa>) AS sid_query
//!                     OFFSET 0) AS sid_rows
//! ```
//!
//! The query names its desa through `sid_scope.desa` (`ScopeDesa`), a LATERAL reference, so
//! PostgreSQL evaluates it for the row `set_config` returned, once the setting is in place.
//! `OFFSET 0` keeps the planner from pulling the query up into a plain join, where it could
//! read the table first (the policy's `desa_id = current_setting(…)` is an index condition,
//! computed when the scan starts) and find no row.
//! Outside a transaction block a statement is its own transaction, so the setting ends with it
//! and nothing stays on the pooled connection. Had the two ever run in another order, the
//! query's own `desa_id = sid_scope.desa` and the policy would disagree and show no row, never
//! another desa's.

use diesel::expression::{is_aggregate, ValidGrouping};
use diesel::pg::{Pg, PgConnection};
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::Text;
use diesel::{AppearsOnTable, Expression, QueryResult, RunQueryDsl, SelectableExpression};

use crate::TenantId;

/// The desa of the statement, as `Scoped` provides it: use it where the query compares its
/// rows' `desa_id`. A typed expression, so the query keeps a static id and a cached statement.
#[derive(Debug, Clone, Copy, QueryId)]
pub struct ScopeDesa;

impl Expression for ScopeDesa {
    type SqlType = Text;
}

impl QueryFragment<Pg> for ScopeDesa {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("sid_scope.desa");
        Ok(())
    }
}

impl<QS> AppearsOnTable<QS> for ScopeDesa {}
impl<QS> SelectableExpression<QS> for ScopeDesa {}

impl<GB> ValidGrouping<GB> for ScopeDesa {
    type IsAggregate = is_aggregate::Never;
}

/// A query run inside one desa by its own statement (see the module).
#[derive(Debug, Clone, QueryId)]
pub struct Scoped<Q> {
    desa: String,
    query: Q,
}

impl<Q> Scoped<Q> {
    pub fn new(tenant: &TenantId, query: Q) -> Self {
        Scoped {
            desa: tenant.as_str().to_string(),
            query,
        }
    }
}

impl<Q: Query> Query for Scoped<Q> {
    type SqlType = Q::SqlType;
}

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Scoped<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("SELECT sid_rows.* FROM set_config('sid.desa_id', ");
        out.push_bind_param::<Text, _>(&self.desa)?;
        out.push_sql(", true) AS sid_scope(desa) CROSS JOIN LATERAL (SELECT * FROM (");
        self.query.walk_ast(out.reborrow())?;
        out.push_sql(") AS sid_query OFFSET 0) AS sid_rows");
        Ok(())
    }
}

impl<Q> RunQueryDsl<PgConnection> for Scoped<Q> {}

/// Loads `|$desa| $query` inside `$tenant` in one statement: on PostgreSQL wrapped in `Scoped`
/// with `$desa` as `ScopeDesa`; on SQLite, which has no policies, `$desa` is the tenant's id.
/// The query is compiled once per backend. Run it with `Db::tenant_statements`, which sets no
/// desa beforehand.
#[macro_export]
macro_rules! load_in_desa {
    ($conn:expr, $tenant:expr, |$desa:ident| $query:expr) => {
        match $conn {
            $crate::db::DbConn::Pg(c) => {
                let $desa = $crate::db::ScopeDesa;
                diesel::RunQueryDsl::load($crate::db::Scoped::new($tenant, $query), c)
            }
            $crate::db::DbConn::Sqlite(c) => {
                let $desa = $tenant.as_str();
                diesel::RunQueryDsl::load($query, c)
            }
        }
    };
}
