//! The staff's page of one family card: members, head, and the forms that change them.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Staff;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Result};

use super::reading::{by_no_kk, view, FamilyDetail};
use crate::code_select::{code_name, select, Select};
use crate::codes;
use crate::residents::Resident;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/keluarga/{id}", web::get().to(family));
}

#[derive(Template)]
#[template(path = "keluarga.html")]
struct FamilyPage {
    nav: Nav,
    desa: Desa,
    f: FamilyDetail,
    religion: Select,
    /// Relationships a member other than the head can have.
    relations: Vec<(i32, String)>,
    /// Living members other than the head: candidates to head this card or a new one.
    others: Vec<(String, String)>,
    mothers: Vec<(String, String)>,
    fathers: Vec<(String, String)>,
    /// The No KK asked for to merge into this card (`?gabung=`), and that card when found.
    merge_query: Option<String>,
    merge_from: Option<FamilyDetail>,
}

impl FamilyPage {
    fn relation(&self, r: &Resident) -> String {
        code_name("shdk", r.shdk)
    }

    fn status(&self, r: &Resident) -> String {
        code_name("status_dasar", r.status)
    }

    fn api(&self) -> String {
        format!(
            "/api/v1/desa/{}/families/{}",
            self.desa.slug, self.f.family.id
        )
    }

    fn is_head(&self, r: &Resident) -> bool {
        self.f.family.head_id.as_deref() == Some(r.id.as_str())
    }

    /// The living members of the card to merge in: they all join.
    fn joining(&self) -> Vec<&Resident> {
        self.merge_from
            .iter()
            .flat_map(|f| &f.members)
            .filter(|m| m.status == codes::status::HIDUP)
            .collect()
    }
}

#[derive(serde::Deserialize)]
struct FamilyQuery {
    /// A No KK to merge into this card.
    gabung: Option<String>,
}

async fn family(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    query: web::Query<FamilyQuery>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let f = view(&state, &staff, id).await?;
    let merge_query = query
        .into_inner()
        .gabung
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty());
    let merge_from = match &merge_query {
        Some(no_kk) if *no_kk != f.family.no_kk => by_no_kk(&state, &staff, no_kk.clone()).await?,
        _ => None,
    };
    let living = |keep: &dyn Fn(&Resident) -> bool| -> Vec<(String, String)> {
        f.members
            .iter()
            .filter(|m| m.status == codes::status::HIDUP && keep(m))
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect()
    };
    let parents = |sex: i32| living(&|m| m.sex == sex);
    let head = f.family.head_id.clone();
    let page = FamilyPage {
        others: living(&|m| Some(&m.id) != head.as_ref()),
        relations: select("shdk", "", "shdk")
            .options
            .into_iter()
            .filter(|(code, _)| *code != codes::KEPALA_KELUARGA)
            .collect(),
        nav: Nav::new(&req, Some(&staff.caller)),
        mothers: parents(2),
        fathers: parents(1),
        religion: select("child.religion", "Agama", "agama"),
        merge_query,
        merge_from,
        desa: staff.desa,
        f,
    };
    page::render(&page, &page.nav)
}
