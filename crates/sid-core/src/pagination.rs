//! `?page=1&per_page=50` (at most 200) in, `{items, page, per_page, total}` out.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

pub const MAX_PER_PAGE: i64 = 200;
pub const DEFAULT_PER_PAGE: i64 = 50;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1.
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// Page numbers that are known to be in range.
#[derive(Debug, Clone, Copy)]
pub struct PageParams {
    page: i64,
    per_page: i64,
}

impl PageParams {
    pub fn parse(q: &PageQuery) -> Result<PageParams> {
        let page = q.page.unwrap_or(1);
        let per_page = q.per_page.unwrap_or(DEFAULT_PER_PAGE);
        let mut errors = Vec::new();
        if page < 1 {
            errors.push(crate::FieldError::new("page", "minimal 1"));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            errors.push(crate::FieldError::new(
                "per_page",
                format!("harus 1 sampai {MAX_PER_PAGE}"),
            ));
        }
        if errors.is_empty() {
            Ok(PageParams { page, per_page })
        } else {
            Err(Error::Invalid(errors))
        }
    }

    /// Every row at once, for exports (which are not shown page by page).
    pub fn everything() -> PageParams {
        PageParams {
            page: 1,
            per_page: i64::MAX,
        }
    }

    pub fn limit(&self) -> i64 {
        self.per_page
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn wrap<T>(&self, items: Vec<T>, total: i64) -> Page<T> {
        Page {
            items,
            page: self.page,
            per_page: self.per_page,
            total,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// `COUNT(*) OVER ()`: the total of a search beside each row of its page, so that a page is
/// one query. A typed expression rather than SQL text, so that a query using it keeps a static
/// id and diesel caches its prepared statement (planning costs more than running these queries).
#[derive(Debug, Clone, Copy, diesel::query_builder::QueryId)]
pub struct CountOver;

impl diesel::Expression for CountOver {
    type SqlType = diesel::sql_types::BigInt;
}

impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for CountOver {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        out.push_sql("COUNT(*) OVER ()");
        Ok(())
    }
}

impl<QS> diesel::AppearsOnTable<QS> for CountOver {}
impl<QS> diesel::SelectableExpression<QS> for CountOver {}

impl<GB> diesel::expression::ValidGrouping<GB> for CountOver {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}
