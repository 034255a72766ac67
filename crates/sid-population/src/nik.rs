//! NIK and No KK: the 16-digit numbers of the Indonesian civil registry, as types that can only
//! hold well-formed values.
//!
//! A NIK is `PP RR KK DDMMYY SSSS`: province, regency, kecamatan, the date of birth (40 added
//! to the day for women) and a serial that is never 0000. A No KK has the same region prefix,
//! the date the card was issued and a serial.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Province codes of Kemendagri (idn-area-data).
const PROVINCES: [u8; 38] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "i32", into = "i32")]
pub enum Sex {
    /// 1: laki-laki
    Male,
    /// 2: perempuan
    Female,
}

impl Sex {
    pub fn code(self) -> i32 {
        match self {
            Sex::Male => 1,
            Sex::Female => 2,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "laki-laki",
            Sex::Female => "perempuan",
        }
    }
}

impl TryFrom<i32> for Sex {
    type Error = String;
    fn try_from(v: i32) -> Result<Sex, String> {
        match v {
            1 => Ok(Sex::Male),
            2 => Ok(Sex::Female),
            _ => Err("jenis kelamin: 1 (laki-laki) atau 2 (perempuan)".into()),
        }
    }
}

impl From<Sex> for i32 {
    fn from(s: Sex) -> i32 {
        s.code()
    }
}

/// Where a number comes from. Numbers typed by hand are checked for a known province and a
/// serial that is not 0000; numbers in the civil registry's own exports are taken as issued
/// (the registry is their authority; anonymised samples carry made-up regions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Typed,
    Issued,
}

/// The checks both numbers share: 16 digits and, when typed, a known province and a serial
/// that is not 0000. `what` names the number in messages.
fn sixteen_digits(s: &str, what: &str, origin: Origin) -> Result<String, String> {
    let s = s.trim();
    let upper = s.to_ascii_uppercase();
    if upper.contains("E+") || upper.contains("E1") {
        return Err(format!(
            "{what} tertulis sebagai angka ilmiah ({s}): digit terakhirnya sudah hilang. \
             Format kolom {what} di Excel sebagai Teks lalu ketik ulang"
        ));
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{what} hanya boleh berisi angka"));
    }
    if s.len() != 16 {
        return Err(format!("{what} harus 16 digit (terisi {})", s.len()));
    }
    if origin == Origin::Issued {
        return Ok(s.to_string());
    }
    let province: u8 = s[0..2].parse().unwrap_or(0);
    if !PROVINCES.contains(&province) {
        return Err(format!("kode provinsi {what} ({}) tidak dikenal", &s[0..2]));
    }
    if &s[12..16] == "0000" {
        return Err(format!(
            "nomor urut {what} (4 digit terakhir) tidak boleh 0000"
        ));
    }
    Ok(s.to_string())
}

fn two(s: &str, at: usize) -> u32 {
    s[at..at + 2].parse().unwrap_or(0)
}

/// Nomor Induk Kependudukan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nik(String);

impl Nik {
    pub fn parse(s: &str) -> Result<Nik, String> {
        Nik::parse_from(s, Origin::Typed)
    }

    pub fn parse_from(s: &str, origin: Origin) -> Result<Nik, String> {
        let s = sixteen_digits(s, "NIK", origin)?;
        let (day, month) = (two(&s, 6), two(&s, 8));
        if !(1..=12).contains(&month) {
            return Err(format!("bulan lahir dalam NIK ({month:02}) tidak valid"));
        }
        if !(1..=31).contains(&day) && !(41..=71).contains(&day) {
            return Err(format!(
                "tanggal lahir dalam NIK ({day:02}) tidak valid (perempuan: tanggal + 40)"
            ));
        }
        Ok(Nik(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The sex the NIK encodes.
    pub fn sex(&self) -> Sex {
        if two(&self.0, 6) > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Checks the NIK against a birth date and sex; the message says what disagrees.
    pub fn check(&self, birth_date: NaiveDate, sex: Sex) -> Result<(), String> {
        check_digits(&self.0, birth_date, sex)
    }
}

/// The sex and birth date that 16 digits encode, checked against the data (also for digits that
/// are no valid NIK, so that a refusal can name what disagrees).
pub fn check_digits(digits: &str, birth_date: NaiveDate, sex: Sex) -> Result<(), String> {
    if digits.len() != 16 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    let encoded_day = two(digits, 6);
    let encoded_sex = if encoded_day > 40 {
        Sex::Female
    } else {
        Sex::Male
    };
    if encoded_sex != sex {
        return Err(format!(
            "NIK menunjukkan jenis kelamin {} (tanggal {encoded_day:02}{}), tidak sesuai dengan data",
            encoded_sex.label(),
            if encoded_sex == Sex::Female { ", lebih dari 40" } else { ", 40 atau kurang" }
        ));
    }
    let day = encoded_day - if sex == Sex::Female { 40 } else { 0 };
    let (month, yy) = (two(digits, 8), two(digits, 10));
    if birth_date.day() != day
        || birth_date.month() != month
        || birth_date.year().rem_euclid(100) as u32 != yy
    {
        return Err(format!(
            "tanggal lahir dalam NIK ({day:02}-{month:02}-{yy:02}) tidak sesuai dengan tanggal lahir {}",
            birth_date.format("%d-%m-%Y")
        ));
    }
    Ok(())
}

impl TryFrom<String> for Nik {
    type Error = String;
    fn try_from(s: String) -> Result<Nik, String> {
        Nik::parse(&s)
    }
}

impl From<Nik> for String {
    fn from(n: Nik) -> String {
        n.0
    }
}

/// Nomor Kartu Keluarga.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NoKk(String);

impl NoKk {
    pub fn parse(s: &str) -> Result<NoKk, String> {
        NoKk::parse_from(s, Origin::Typed)
    }

    pub fn parse_from(s: &str, origin: Origin) -> Result<NoKk, String> {
        let s = sixteen_digits(s, "No KK", origin)?;
        let (day, month) = (two(&s, 6), two(&s, 8));
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            return Err("tanggal terbit dalam No KK (digit 7-12) tidak valid".into());
        }
        Ok(NoKk(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NoKk {
    type Error = String;
    fn try_from(s: String) -> Result<NoKk, String> {
        NoKk::parse(&s)
    }
}

impl From<NoKk> for String {
    fn from(n: NoKk) -> String {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn nik_encodes_birth_date_and_sex() {
        let man = Nik::parse("3604051702850001").unwrap();
        assert_eq!(man.sex(), Sex::Male);
        assert!(man.check(date(1985, 2, 17), Sex::Male).is_ok());
        let woman = Nik::parse("3604055702850002").unwrap();
        assert_eq!(woman.sex(), Sex::Female);
        assert!(woman.check(date(1985, 2, 17), Sex::Female).is_ok());
        assert!(woman.check(date(1985, 2, 17), Sex::Male).is_err());
        assert!(man.check(date(1985, 2, 18), Sex::Male).is_err());
        assert!(man.check(date(1986, 2, 17), Sex::Male).is_err());
    }

    #[test]
    fn malformed_niks() {
        for bad in [
            "360405170285000",   // 15 digits
            "36040517028500011", // 17 digits
            "36040517028500A1",  // a letter
            "3604051702850000",  // serial 0000
            "9904051702850001",  // no such province
            "3604053202850001",  // day 32
            "3604051713850001",  // month 13
            "3.60405E+15",       // Excel's scientific notation
        ] {
            assert!(Nik::parse(bad).is_err(), "{bad}");
        }
        assert!(Nik::parse(" 3604051702850001 ").is_ok());
    }

    #[test]
    fn no_kk() {
        assert!(NoKk::parse("3604051203150007").is_ok());
        assert!(NoKk::parse("3604051213150007").is_err());
        assert!(NoKk::parse("3604051203150000").is_err());
        assert!(NoKk::parse("36040512031500").is_err());
    }
}
