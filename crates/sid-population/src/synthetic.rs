//! Deterministic, realistic synthetic population: families with consistent ages and
//! relationships, NIKs that agree with birth date and sex. For the demonstration desa and the
//! benchmark's regency-sized data set; never for real data.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::bulk::NewFamily;
use crate::export::code;
use crate::nik::{Nik, Sex};
use crate::residents::NewResident;

const MALE: &[&str] = &[
    "Ahmad", "Asep", "Budi", "Dede", "Dedi", "Eko", "Fajar", "Hasan", "Iwan", "Jaja", "Kurnia",
    "Mulyadi", "Nana", "Rahmat", "Rizki", "Saepudin", "Sukardi", "Tatang", "Ujang", "Wawan",
    "Yadi", "Yusuf", "Agus", "Hendra", "Ilham", "Maman", "Oman", "Suhendi", "Encep", "Dadang",
];
const FEMALE: &[&str] = &[
    "Aminah",
    "Ani",
    "Dewi",
    "Eneng",
    "Euis",
    "Fitri",
    "Iis",
    "Imas",
    "Khodijah",
    "Lilis",
    "Maesaroh",
    "Nur",
    "Nurhayati",
    "Popon",
    "Rina",
    "Siti",
    "Sri",
    "Tuti",
    "Uum",
    "Wati",
    "Yanti",
    "Yuyun",
    "Ratna",
    "Neneng",
    "Enung",
    "Halimah",
    "Mariam",
    "Salma",
    "Zahra",
    "Aisyah",
];
const SECOND: &[&str] = &[
    "Hidayat",
    "Saputra",
    "Rahman",
    "Hermawan",
    "Kurniawan",
    "Suryana",
    "Setiawan",
    "Maulana",
    "Nurjanah",
    "Fauzi",
    "Hakim",
    "Sulaeman",
    "Jaelani",
    "Rohmah",
    "Sopian",
    "Mustofa",
    "Anwar",
    "Ramdani",
    "Priatna",
    "Wahyudi",
];
/// Common occupations of adults in Kabupaten Serang: farming, fishing, labour, trade, ...
const WORK: &[i32] = &[9, 9, 11, 19, 20, 15, 15, 84, 88, 88, 5, 65, 21];
/// Health insurance as a desa sees it: most on BPJS, many of them with the state's premium.
const INSURANCE: &[i32] = &[1, 2, 2, 2, 3, 3, 99];

/// Generates the families of one desa.
pub struct Generator {
    rng: StdRng,
    /// First six digits of NIKs and No KKs: the kecamatan's code.
    region: String,
    /// Keeps NIKs unique: a desa's serials start at its index in the kecamatan times 200.
    serial_base: u32,
    used: HashMap<(NaiveDate, bool), u32>,
    cards: u32,
    today: NaiveDate,
}

impl Generator {
    /// `desa_code` like `36.04.05.2001`; `index_in_kecamatan` counts the desa of the kecamatan
    /// from 0 (at most 48, so serials stay within four digits).
    pub fn new(desa_code: &str, index_in_kecamatan: u32, seed: u64, today: NaiveDate) -> Generator {
        let region: String = desa_code
            .chars()
            .filter(char::is_ascii_digit)
            .take(6)
            .collect();
        Generator {
            rng: StdRng::seed_from_u64(seed),
            region,
            serial_base: 1 + index_in_kecamatan * 200,
            used: HashMap::new(),
            cards: 0,
            today,
        }
    }

    fn name(&mut self, female: bool) -> String {
        let first = if female { FEMALE } else { MALE };
        format!(
            "{} {}",
            first[self.rng.gen_range(0..first.len())],
            SECOND[self.rng.gen_range(0..SECOND.len())]
        )
    }

    fn born(&mut self, min_age: i64, max_age: i64) -> NaiveDate {
        let days = self.rng.gen_range(min_age * 365..=max_age * 365 + 364);
        self.today - Duration::days(days)
    }

    fn nik(&mut self, birth: NaiveDate, female: bool) -> Nik {
        let n = self.used.entry((birth, female)).or_insert(0);
        *n += 1;
        let serial = self.serial_base + *n - 1;
        let day = birth.day() + if female { 40 } else { 0 };
        let s = format!(
            "{}{day:02}{:02}{:02}{serial:04}",
            self.region,
            birth.month(),
            birth.year().rem_euclid(100)
        );
        Nik::parse(&s).expect("generated NIK is valid")
    }

    fn person(&mut self, female: bool, birth: NaiveDate, shdk: i32, married: bool) -> NewResident {
        let age = (self.today - birth).num_days() / 365;
        let (education, occupation) = match age {
            0..=5 => (1, 1),
            6..=12 => (2, 3),
            13..=18 => (4, 3),
            _ => (
                self.rng.gen_range(3..=8),
                if female && self.rng.gen_bool(0.5) {
                    2
                } else {
                    WORK[self.rng.gen_range(0..WORK.len())]
                },
            ),
        };
        NewResident {
            nik: self.nik(birth, female),
            name: self.name(female),
            sex: if female { Sex::Female } else { Sex::Male },
            birth_place: "Serang".into(),
            birth_date: birth,
            religion: if self.rng.gen_bool(0.97) {
                1
            } else {
                self.rng.gen_range(2..=5)
            },
            education,
            occupation,
            marital_status: if married { 2 } else { 1 },
            shdk,
            citizenship: 1,
            blood_type: self.rng.gen_range(1..=13),
            disability: None,
            ktp_status: (age >= 17).then(|| {
                if self.rng.gen_bool(0.9) {
                    3
                } else {
                    self.rng.gen_range(1..=2)
                }
            }),
            chronic_illness: self.rng.gen_bool(0.05).then(|| self.rng.gen_range(1..=13)),
            kb_method: (female && married && age < 50 && self.rng.gen_bool(0.6))
                .then(|| self.rng.gen_range(1..=5)),
            health_insurance: Some(INSURANCE[self.rng.gen_range(0..INSURANCE.len())]),
            father_name: None,
            mother_name: None,
            father_nik: None,
            mother_nik: None,
            family_id: None,
            area_id: None,
            address: None,
            phone: None,
            email: None,
            birth_cert_no: None,
        }
    }

    /// One family: a head, usually a spouse, children younger than both, sometimes a parent.
    pub fn family(&mut self) -> NewFamily {
        self.cards += 1;
        let head_born = self.born(22, 75);
        let head_female = self.rng.gen_bool(0.12);
        let married = !head_female && self.rng.gen_bool(0.9);
        let mut members = vec![self.person(head_female, head_born, 1, married)];
        if married {
            let age = ((self.today - head_born).num_days() / 365).max(20);
            let spouse_born = self.born((age - 8).max(18), age + 2);
            members.push(self.person(true, spouse_born, 3, true));
        }
        let youngest_parent = members
            .iter()
            .map(|m| m.birth_date)
            .max()
            .unwrap_or(head_born);
        let parent_age = (self.today - youngest_parent).num_days() / 365;
        let children = if parent_age > 19 {
            self.rng.gen_range(0..=4)
        } else {
            0
        };
        for _ in 0..children {
            let born = self.born(0, (parent_age - 19).max(0));
            let female = self.rng.gen_bool(0.5);
            let mut child = self.person(female, born, 4, false);
            child.father_name = members
                .iter()
                .find(|m| m.sex == Sex::Male)
                .map(|m| m.name.clone());
            child.mother_name = members
                .iter()
                .find(|m| m.sex == Sex::Female)
                .map(|m| m.name.clone());
            members.push(child);
        }
        if parent_age < 45 && self.rng.gen_bool(0.08) {
            let grandparent_born = self.born(parent_age + 20, parent_age + 35);
            members.push(self.person(true, grandparent_born, 7, false));
        }
        let issued = self.born(0, 15);
        let no_kk = format!(
            "{}{:02}{:02}{:02}{:04}",
            self.region,
            issued.day(),
            issued.month(),
            issued.year().rem_euclid(100),
            self.cards % 9999 + 1
        );
        NewFamily {
            existing_id: None,
            no_kk,
            address: format!(
                "Kp. {} RT {:03}/RW {:03}",
                SECOND[self.rng.gen_range(0..SECOND.len())],
                self.rng.gen_range(1..=12),
                self.rng.gen_range(1..=6)
            ),
            area_id: None,
            members: members
                .into_iter()
                .map(crate::bulk::Member::living)
                .collect(),
        }
    }
}

/// Fills a desa with `families` synthetic families in one transaction, unless it already has
/// residents. Returns how many residents were written.
pub async fn fill(
    db: &sid_core::db::Db,
    desa: &sid_core::Desa,
    index_in_kecamatan: u32,
    families: usize,
    seed: u64,
) -> sid_core::Result<usize> {
    use diesel::prelude::*;
    use sid_core::schema::residents;

    let mut generator = Generator::new(
        &desa.code,
        index_in_kecamatan,
        seed,
        sid_core::clock::today(),
    );
    let batch: Vec<NewFamily> = (0..families).map(|_| generator.family()).collect();
    db.tenant(&desa.tenant, move |conn, tenant| {
        let present: i64 = residents::table
            .filter(residents::desa_id.eq(tenant.as_str()))
            .count()
            .get_result(conn)?;
        if present > 0 {
            return Ok(0);
        }
        // Three dusun of two RW of three RT each, the families spread over them in turn.
        let mut places = Vec::new();
        for (d, dusun) in ["Krajan", "Pasir", "Sukamaju"].into_iter().enumerate() {
            for rw in 1..=2 {
                for rt in 1..=3 {
                    let area = crate::areas::Area {
                        id: sid_core::ids::new_id(),
                        dusun: dusun.to_string(),
                        rw: format!("{:03}", d * 2 + rw),
                        rt: format!("{rt:03}"),
                    };
                    crate::areas::store::insert(conn, tenant, &area)?;
                    places.push(area);
                }
            }
        }
        let mut batch = batch;
        for (i, f) in batch.iter_mut().enumerate() {
            let place = &places[i % places.len()];
            f.area_id = Some(place.id.clone());
            f.address = format!("Kp. {} RT {}/RW {}", place.dusun, place.rt, place.rw);
        }
        crate::bulk::insert_families(conn, tenant, &batch, chrono::Utc::now().naive_utc())
    })
    .await
}

/// The families as an import file in `layout` (the benchmark's files: the same people as our
/// template and as OpenSID's layout).
pub fn import_file(
    families: &[NewFamily],
    layout: crate::export::Layout,
    xlsx: bool,
) -> sid_core::Result<Vec<u8>> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let lines: Vec<Vec<String>> = families
        .iter()
        .flat_map(|f| f.members.iter().map(move |m| (f, m)))
        .map(|(f, m)| {
            let r = &m.resident;
            layout.arrange(vec![
                f.no_kk.clone(),
                r.nik.as_str().to_string(),
                r.name.clone(),
                r.sex.code().to_string(),
                r.birth_place.clone(),
                r.birth_date.format("%d-%m-%Y").to_string(),
                r.religion.to_string(),
                r.education.to_string(),
                r.occupation.to_string(),
                r.marital_status.to_string(),
                r.shdk.to_string(),
                r.citizenship.to_string(),
                r.blood_type.to_string(),
                opt(&r.father_name),
                opt(&r.mother_name),
                f.address.clone(),
                String::new(),
                String::new(),
                String::new(),
                opt(&r.father_nik),
                opt(&r.mother_nik),
                r.disability.map(|d| d.to_string()).unwrap_or_default(),
                opt(&r.birth_cert_no),
                code(r.ktp_status),
                code(r.chronic_illness),
                code(r.kb_method),
                code(r.health_insurance),
                m.status.to_string(),
            ])
        })
        .collect();
    crate::export::file(layout, xlsx, &lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_consistent() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let a: Vec<_> = (0..50)
            .map({
                let mut g = Generator::new("36.04.05.2001", 0, 7, today);
                move |_| g.family()
            })
            .collect();
        let b: Vec<_> = (0..50)
            .map({
                let mut g = Generator::new("36.04.05.2001", 0, 7, today);
                move |_| g.family()
            })
            .collect();
        let niks = |v: &Vec<NewFamily>| {
            v.iter()
                .flat_map(|f| {
                    f.members
                        .iter()
                        .map(|m| m.resident.nik.as_str().to_string())
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(niks(&a), niks(&b));
        let all = niks(&a);
        let unique: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len());
        for f in &a {
            assert_eq!(f.members.iter().filter(|m| m.resident.shdk == 1).count(), 1);
            for m in f.members.iter().map(|m| &m.resident) {
                assert!(m.nik.check(m.birth_date, m.sex).is_ok());
                assert!(m.birth_date <= today);
            }
        }
    }
}
