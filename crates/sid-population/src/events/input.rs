use chrono::NaiveDate;
use serde::Deserialize;
use sid_core::fields::{Required, Text};
use sid_core::{Error, FieldError, Result};

use crate::codes::{Agama, Code, Shdk};
use crate::nik::{Nik, Sex};
use crate::residents::ResidentInput;

/// An event, by `kind`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventInput {
    Birth(Birth),
    Death(Death),
    MoveOut(MoveOut),
    MoveIn(Box<MoveIn>),
    Missing(Missing),
}

/// A child born into a family of the desa.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Birth {
    pub family_id: String,
    pub mother_id: Option<String>,
    pub father_id: Option<String>,
    pub child: Child,
    pub reported_on: Option<NaiveDate>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Child {
    #[schema(value_type = String)]
    pub nik: Nik,
    #[schema(value_type = String)]
    pub name: Required<100>,
    #[schema(value_type = i32)]
    pub sex: Sex,
    #[schema(value_type = String)]
    pub birth_place: Required<100>,
    pub birth_date: NaiveDate,
    #[schema(value_type = i32)]
    pub religion: Code<Agama>,
    /// Relationship to the head; 4 (anak) when absent.
    #[schema(value_type = Option<i32>)]
    pub shdk: Option<Code<Shdk>>,
    #[schema(value_type = Option<String>)]
    pub birth_cert_no: Option<Text<50>>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Death {
    pub resident_id: String,
    pub date: NaiveDate,
    #[schema(value_type = String)]
    pub cause: Required<200>,
    #[schema(value_type = String)]
    pub place: Required<200>,
    pub reported_on: Option<NaiveDate>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveOut {
    pub resident_id: String,
    pub date: NaiveDate,
    /// Address or place of destination.
    #[schema(value_type = String)]
    pub destination: Required<300>,
    #[schema(value_type = String)]
    pub reason: Required<300>,
    /// Slug or code of the destination when it is a desa of Kabupaten Serang: the record then
    /// arrives there, with its history, in the same act.
    pub to_desa: Option<String>,
    pub reported_on: Option<NaiveDate>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    pub resident: ResidentInput,
    pub date: NaiveDate,
    /// Where the person comes from.
    #[schema(value_type = String)]
    pub origin: Required<300>,
    pub reported_on: Option<NaiveDate>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Missing {
    pub resident_id: String,
    /// Since when the person is missing.
    pub date: NaiveDate,
    #[schema(value_type = Option<String>)]
    pub note: Option<Text<300>>,
    pub reported_on: Option<NaiveDate>,
}

/// The two dates of the book: the event happened on `date`, it was reported on `reported_on`
/// (today unless given); neither in the future, the report not before the event.
pub fn dates(
    date: NaiveDate,
    reported_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate)> {
    let reported = reported_on.unwrap_or(today);
    let mut errors = Vec::new();
    if date > today {
        errors.push(FieldError::new(
            "date",
            "tanggal peristiwa tidak boleh di masa depan",
        ));
    }
    if reported > today {
        errors.push(FieldError::new(
            "reported_on",
            "tanggal lapor tidak boleh di masa depan",
        ));
    }
    if reported < date {
        errors.push(FieldError::new(
            "reported_on",
            "tanggal lapor tidak boleh sebelum tanggal peristiwa",
        ));
    }
    if errors.is_empty() {
        Ok((date, reported))
    } else {
        Err(Error::Invalid(errors))
    }
}
