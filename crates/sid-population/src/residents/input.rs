//! What staff send to create or correct a resident, parsed field by field, then checked as a
//! whole (the NIK must agree with birth date and sex).

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use sid_core::fields::{Email, Phone, Required, Text};
use sid_core::{Error, FieldError, Result};

use crate::codes::{
    Agama, Asuransi, Cacat, CaraKb, Code, GolonganDarah, Kewarganegaraan, Pekerjaan, PendidikanKk,
    SakitMenahun, Shdk, StatusKtp, StatusPerkawinan,
};
use crate::nik::{Nik, Sex};

/// A resident's data as entered. Codes are those of `GET /api/v1/code-lists`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResidentInput {
    /// 16 digits; must agree with birth date and sex.
    #[schema(value_type = String, example = "3604051702850001")]
    pub nik: Nik,
    #[schema(value_type = String)]
    pub name: Required<100>,
    /// 1 laki-laki, 2 perempuan.
    #[schema(value_type = i32)]
    pub sex: Sex,
    #[schema(value_type = String)]
    pub birth_place: Required<100>,
    pub birth_date: NaiveDate,
    #[schema(value_type = i32)]
    pub religion: Code<Agama>,
    #[schema(value_type = i32)]
    pub education: Code<PendidikanKk>,
    #[schema(value_type = i32)]
    pub occupation: Code<Pekerjaan>,
    #[schema(value_type = i32)]
    pub marital_status: Code<StatusPerkawinan>,
    #[schema(value_type = i32)]
    pub shdk: Code<Shdk>,
    #[schema(value_type = i32)]
    pub citizenship: Code<Kewarganegaraan>,
    #[schema(value_type = Option<i32>)]
    pub blood_type: Option<Code<GolonganDarah>>,
    #[schema(value_type = Option<i32>)]
    pub disability: Option<Code<Cacat>>,
    /// KTP-el: 1 belum rekam, 2 sudah rekam, 3 sudah terbit.
    #[schema(value_type = Option<i32>)]
    pub ktp_status: Option<Code<StatusKtp>>,
    #[schema(value_type = Option<i32>)]
    pub chronic_illness: Option<Code<SakitMenahun>>,
    #[schema(value_type = Option<i32>)]
    pub kb_method: Option<Code<CaraKb>>,
    #[schema(value_type = Option<i32>)]
    pub health_insurance: Option<Code<Asuransi>>,
    #[schema(value_type = Option<String>)]
    pub father_name: Option<Text<100>>,
    #[schema(value_type = Option<String>)]
    pub mother_name: Option<Text<100>>,
    #[schema(value_type = Option<String>)]
    pub father_nik: Option<Nik>,
    #[schema(value_type = Option<String>)]
    pub mother_nik: Option<Nik>,
    pub family_id: Option<String>,
    pub area_id: Option<String>,
    #[schema(value_type = Option<String>)]
    pub address: Option<Text<300>>,
    #[schema(value_type = Option<String>)]
    pub phone: Option<Phone>,
    #[schema(value_type = Option<String>)]
    pub email: Option<Email>,
    #[schema(value_type = Option<String>)]
    pub birth_cert_no: Option<Text<50>>,
}

/// A resident ready to be stored: every field valid and consistent with the others.
#[derive(Debug, Clone)]
pub struct NewResident {
    pub nik: Nik,
    pub name: String,
    pub sex: Sex,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub religion: i32,
    pub education: i32,
    pub occupation: i32,
    pub marital_status: i32,
    pub shdk: i32,
    pub citizenship: i32,
    pub blood_type: i32,
    pub disability: Option<i32>,
    pub ktp_status: Option<i32>,
    pub chronic_illness: Option<i32>,
    pub kb_method: Option<i32>,
    pub health_insurance: Option<i32>,
    pub father_name: Option<String>,
    pub mother_name: Option<String>,
    pub father_nik: Option<String>,
    pub mother_nik: Option<String>,
    pub family_id: Option<String>,
    pub area_id: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub birth_cert_no: Option<String>,
}

/// "Tidak tahu" in the golongan darah list.
const BLOOD_TYPE_UNKNOWN: i32 = 13;

/// The checks across fields, shared by creation and correction.
pub fn check_identity(nik: &Nik, birth_date: NaiveDate, sex: Sex) -> Result<()> {
    let mut errors = Vec::new();
    if birth_date > sid_core::clock::today() {
        errors.push(FieldError::new(
            "birth_date",
            "tanggal lahir tidak boleh di masa depan",
        ));
    }
    if birth_date.year() < 1880 {
        errors.push(FieldError::new(
            "birth_date",
            "tanggal lahir terlalu lampau",
        ));
    }
    if let Err(message) = nik.check(birth_date, sex) {
        errors.push(FieldError::new("nik", message));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

impl TryFrom<ResidentInput> for NewResident {
    type Error = Error;
    fn try_from(i: ResidentInput) -> Result<NewResident> {
        check_identity(&i.nik, i.birth_date, i.sex)?;
        Ok(NewResident {
            nik: i.nik,
            name: i.name.0,
            sex: i.sex,
            birth_place: i.birth_place.0,
            birth_date: i.birth_date,
            religion: i.religion.code(),
            education: i.education.code(),
            occupation: i.occupation.code(),
            marital_status: i.marital_status.code(),
            shdk: i.shdk.code(),
            citizenship: i.citizenship.code(),
            blood_type: i.blood_type.map_or(BLOOD_TYPE_UNKNOWN, |c| c.code()),
            disability: i.disability.map(|c| c.code()),
            ktp_status: i.ktp_status.map(|c| c.code()),
            chronic_illness: i.chronic_illness.map(|c| c.code()),
            kb_method: i.kb_method.map(|c| c.code()),
            health_insurance: i.health_insurance.map(|c| c.code()),
            father_name: i.father_name.and_then(|t| t.0),
            mother_name: i.mother_name.and_then(|t| t.0),
            father_nik: i.father_nik.map(String::from),
            mother_nik: i.mother_nik.map(String::from),
            family_id: i.family_id,
            area_id: i.area_id,
            address: i.address.and_then(|t| t.0),
            phone: i.phone.and_then(|p| p.0),
            email: i.email.and_then(|e| e.0),
            birth_cert_no: i.birth_cert_no.and_then(|t| t.0),
        })
    }
}
