//! What staff send about a project and its progress, each field parsed into a value that may
//! be stored.

use chrono::NaiveDate;
use serde::Deserialize;
use sid_core::fields::{Point, Required, Text};
use sid_core::rupiah::Rupiah;
use sid_core::{Error, Result};

use super::funding::Funding;
use super::store::Project;

/// A percentage of the work done, 0 to 100.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "i32")]
pub struct Progress(pub i32);

impl TryFrom<i32> for Progress {
    type Error = String;
    fn try_from(n: i32) -> std::result::Result<Progress, String> {
        if (0..=100).contains(&n) {
            Ok(Progress(n))
        } else {
            Err("kemajuan dalam persen, 0 sampai 100".into())
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    #[schema(value_type = String, example = "Rabat beton jalan lingkungan RT 02")]
    pub name: Required<200>,
    #[schema(value_type = String, example = "Dusun Jiwet RT 02/RW 01")]
    pub location: Required<200>,
    pub coordinates: Option<Point>,
    pub funding: Funding,
    /// Rupiah.
    #[schema(value_type = i64, example = 85000000)]
    pub budget: Rupiah,
    /// Usually the TPK (tim pelaksana kegiatan).
    #[schema(value_type = String, example = "TPK Desa Kramatwatu")]
    pub implementer: Required<150>,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
}

/// Fields to change; an absent field stays as it is.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectUpdate {
    #[schema(value_type = Option<String>)]
    pub name: Option<Required<200>>,
    #[schema(value_type = Option<String>)]
    pub location: Option<Required<200>>,
    pub coordinates: Option<Point>,
    pub funding: Option<Funding>,
    #[schema(value_type = Option<i64>)]
    pub budget: Option<Rupiah>,
    #[schema(value_type = Option<String>)]
    pub implementer: Option<Required<150>>,
    pub start_on: Option<NaiveDate>,
    pub end_on: Option<NaiveDate>,
}

/// A progress report: how far the work is on a day, what was done.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    pub reported_on: NaiveDate,
    #[schema(value_type = i32, example = 60)]
    pub progress: Progress,
    #[schema(value_type = Option<String>, example = "Pengecoran 120 m selesai")]
    pub note: Option<Text<500>>,
}

/// The end may not come before the start.
pub fn check_dates(p: &Project) -> Result<()> {
    if p.end_on < p.start_on {
        return Err(Error::invalid(
            "end_on",
            "tanggal selesai tidak boleh sebelum tanggal mulai",
        ));
    }
    Ok(())
}

impl ProjectUpdate {
    /// Applies the change; names the fields changed, for the audit log.
    pub fn apply(self, p: &mut Project) -> Result<Vec<&'static str>> {
        let mut changed = Vec::new();
        macro_rules! set {
            ($($field:ident => $value:expr),* $(,)?) => {$(
                if let Some(v) = self.$field {
                    p.$field = $value(v);
                    changed.push(stringify!($field));
                }
            )*};
        }
        set!(
            name => |v: Required<200>| v.0,
            location => |v: Required<200>| v.0,
            funding => |v: Funding| v.code().to_string(),
            budget => |v: Rupiah| v.0,
            implementer => |v: Required<150>| v.0,
            start_on => |v| v,
            end_on => |v| v,
        );
        if let Some(Point(lat, lon)) = self.coordinates {
            (p.latitude, p.longitude) = (Some(lat), Some(lon));
            changed.push("coordinates");
        }
        if changed.is_empty() {
            return Err(Error::BadRequest("Tidak ada yang diubah.".into()));
        }
        check_dates(p)?;
        Ok(changed)
    }
}
