//! A project as the API and the pages show it.

use serde::Serialize;
use sid_core::photos::Photo;
use sid_core::rupiah::rupiah;
use sid_core::Desa;

use super::funding::Funding;
use super::store::{Project, Report};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub id: String,
    pub reported_on: chrono::NaiveDate,
    pub progress: i32,
    pub note: String,
    pub photo: Option<Photo>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectView {
    pub id: String,
    pub name: String,
    pub location: String,
    /// `[lintang, bujur]`.
    pub coordinates: Option<[f64; 2]>,
    pub funding: String,
    pub funding_label: &'static str,
    /// Rupiah.
    pub budget: i64,
    pub budget_label: String,
    pub implementer: String,
    pub year: i32,
    pub start_on: chrono::NaiveDate,
    pub end_on: chrono::NaiveDate,
    pub progress: i32,
    /// `rencana` (0 %), `berjalan` or `selesai` (100 %).
    pub status: &'static str,
    pub status_label: &'static str,
    /// The progress reports, the latest first (only on one project's page).
    pub reports: Vec<ReportView>,
}

/// Where the photos of a desa's progress reports are served.
pub fn photo_folder(desa: &Desa) -> String {
    format!("/desa/{}/pembangunan/foto", desa.slug)
}

impl ProjectView {
    pub fn new(base: &str, desa: &Desa, p: Project, reports: Vec<Report>) -> ProjectView {
        let (status, status_label) = match p.progress {
            0 => ("rencana", "Direncanakan"),
            100 => ("selesai", "Selesai"),
            _ => ("berjalan", "Berjalan"),
        };
        ProjectView {
            coordinates: p.latitude.zip(p.longitude).map(|(a, b)| [a, b]),
            funding_label: Funding::label_of(&p.funding),
            budget_label: rupiah(p.budget),
            status,
            status_label,
            reports: reports
                .into_iter()
                .map(|r| ReportView {
                    photo: r
                        .photo_width
                        .zip(r.photo_height)
                        .map(|(w, h)| Photo::new(base, &photo_folder(desa), &r.id, w, h)),
                    id: r.id,
                    reported_on: r.reported_on,
                    progress: r.progress,
                    note: r.note,
                })
                .collect(),
            id: p.id,
            name: p.name,
            location: p.location,
            funding: p.funding,
            budget: p.budget,
            implementer: p.implementer,
            year: p.year,
            start_on: p.start_on,
            end_on: p.end_on,
            progress: p.progress,
        }
    }
}

/// The budgets of one year and fund.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Sum {
    pub year: i32,
    pub funding: String,
    pub funding_label: &'static str,
    pub projects: i64,
    pub budget: i64,
    pub budget_label: String,
}

/// The transparency list: a page of projects and the sums of every year and fund.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Transparency {
    pub items: Vec<ProjectView>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub sums: Vec<Sum>,
}

pub fn sums(rows: Vec<(i32, String, i64, i64)>) -> Vec<Sum> {
    rows.into_iter()
        .map(|(year, funding, projects, budget)| Sum {
            funding_label: Funding::label_of(&funding),
            budget_label: rupiah(budget),
            year,
            funding,
            projects,
            budget,
        })
        .collect()
}
