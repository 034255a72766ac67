//! The desa admin's page of staff accounts: who works in the desa, in which position (which
//! decides who initials and who signs letters), and new operator accounts.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::users;
use sid_core::auth::{DesaAdmin, Position, Role, User};
use sid_core::page::{self, Nav};
use sid_core::pagination::PageParams;
use sid_core::{Desa, Result};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/staf", web::get().to(staff_page));
}

#[derive(Template)]
#[template(path = "staf.html")]
struct StaffPage {
    nav: Nav,
    desa: Desa,
    me: String,
    accounts: Vec<User>,
    positions: [Position; 4],
}

impl StaffPage {
    fn position_label(&self, u: &User) -> &'static str {
        u.position.map_or("-", Position::label)
    }

    fn holds(&self, u: &User, p: &Position) -> bool {
        u.position == Some(*p)
    }
}

async fn staff_page(
    req: HttpRequest,
    state: web::Data<sid_core::AppState>,
    admin: DesaAdmin,
) -> Result<HttpResponse> {
    // A desa's staff is a handful of people; sellers' accounts are on the sellers' page.
    let (accounts, _) = state
        .db
        .tenant_read(&admin.desa.tenant, move |conn, tenant| {
            users::list_in_desa(conn, tenant, &PageParams::everything())
        })
        .await?;
    let accounts: Vec<User> = accounts
        .into_iter()
        .filter(|u| matches!(u.role, Role::DesaAdmin | Role::DesaOperator))
        .collect();
    let page = StaffPage {
        nav: Nav::new(&req, Some(&admin.caller)),
        me: admin.caller.user.id.clone(),
        desa: admin.desa,
        accounts,
        positions: Position::ALL,
    };
    page::render(&page, &page.nav)
}
