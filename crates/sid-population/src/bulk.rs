//! Writing many families at once (imports, demonstration data, the benchmark's data set):
//! multi-row inserts in chunks, inside the caller's transaction, with the NIK registry kept
//! in step.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::sql_types::{Bool, Date, Integer, Nullable, Text, Timestamp};
use sid_core::db::DbConn;
use sid_core::schema::{families, nik_registry, resident_words, residents};
use sid_core::{ids, Error, Result, TenantId};

use crate::codes::{status, KEPALA_KELUARGA};
use crate::residents::NewResident;

/// SQLite binds at most this many parameters in one statement.
const SQLITE_PARAMETERS: usize = 32766;

/// NIKs looked up per query on SQLite.
const CHUNK: usize = 1000;

/// Writes rows. On PostgreSQL in one statement whatever their number, each column bound as one
/// array and turned back into rows by `unnest` (COPY would be faster still, but PostgreSQL
/// refuses it on tables under row-level security); on SQLite with multi-row INSERTs in chunks.
/// The columns are named as the row struct's fields, with their SQL types.
macro_rules! write_rows {
    ($conn:expr, $table:ident, $rows:expr, { $($col:ident: $st:ty = |$r:ident| $value:expr),+ $(,)? }) => {
        match $conn {
            DbConn::Pg(c) => {
                let columns: &[&str] = &[$(stringify!($col)),+];
                let params: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
                diesel::sql_query(format!(
                    "INSERT INTO {} ({}) SELECT * FROM unnest({})",
                    stringify!($table),
                    columns.join(", "),
                    params.join(", ")
                ))
                .into_boxed::<diesel::pg::Pg>()
                $(.bind::<diesel::sql_types::Array<$st>, _>(
                    $rows.iter().map(|$r| $value).collect::<Vec<_>>()
                ))+
                .execute(c)
            }
            // As many rows per INSERT as SQLite's parameter limit allows for these columns.
            DbConn::Sqlite(c) => $rows.chunks(SQLITE_PARAMETERS / [$(stringify!($col)),+].len()).try_fold(0, |n, chunk| {
                diesel::insert_into($table::table)
                    .values(chunk)
                    .execute(c)
                    .map(|m| n + m)
            }),
        }
    };
}

/// A new resident as stored: the one shape both the single and the bulk insert write.
#[derive(Insertable)]
#[diesel(table_name = residents)]
#[diesel(treat_none_as_default_value = false)]
pub struct ResidentRecord<'a> {
    desa_id: &'a str,
    id: String,
    nik: &'a str,
    name: &'a str,
    name_search: String,
    sex: i32,
    birth_place: &'a str,
    birth_date: NaiveDate,
    religion: i32,
    education: i32,
    occupation: i32,
    marital_status: i32,
    shdk: i32,
    citizenship: i32,
    blood_type: i32,
    disability: Option<i32>,
    ktp_status: Option<i32>,
    chronic_illness: Option<i32>,
    kb_method: Option<i32>,
    health_insurance: Option<i32>,
    father_name: Option<&'a str>,
    mother_name: Option<&'a str>,
    father_nik: Option<&'a str>,
    mother_nik: Option<&'a str>,
    family_id: Option<&'a str>,
    area_id: Option<&'a str>,
    address: Option<&'a str>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    birth_cert_no: Option<&'a str>,
    status: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = families)]
#[diesel(treat_none_as_default_value = false)]
struct FamilyRecord<'a> {
    desa_id: &'a str,
    id: String,
    no_kk: &'a str,
    head_id: Option<String>,
    address: &'a str,
    area_id: Option<&'a str>,
    active: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = nik_registry)]
#[diesel(treat_none_as_default_value = false)]
struct Claim<'a> {
    nik: &'a str,
    desa_id: &'a str,
    resident_id: &'a str,
}

impl<'a> ResidentRecord<'a> {
    /// A living resident recorded `now`.
    pub fn new(desa_id: &'a str, id: String, m: &'a NewResident, now: NaiveDateTime) -> Self {
        ResidentRecord {
            desa_id,
            id,
            nik: m.nik.as_str(),
            name: &m.name,
            name_search: m.name.to_lowercase(),
            sex: m.sex.code(),
            birth_place: &m.birth_place,
            birth_date: m.birth_date,
            religion: m.religion,
            education: m.education,
            occupation: m.occupation,
            marital_status: m.marital_status,
            shdk: m.shdk,
            citizenship: m.citizenship,
            blood_type: m.blood_type,
            disability: m.disability,
            ktp_status: m.ktp_status,
            chronic_illness: m.chronic_illness,
            kb_method: m.kb_method,
            health_insurance: m.health_insurance,
            father_name: m.father_name.as_deref(),
            mother_name: m.mother_name.as_deref(),
            father_nik: m.father_nik.as_deref(),
            mother_nik: m.mother_nik.as_deref(),
            family_id: m.family_id.as_deref(),
            area_id: m.area_id.as_deref(),
            address: m.address.as_deref(),
            phone: m.phone.as_deref(),
            email: m.email.as_deref(),
            birth_cert_no: m.birth_cert_no.as_deref(),
            status: status::HIDUP,
            created_at: now,
            updated_at: now,
        }
    }
}

/// A family card with its members; the living member with SHDK 1 heads it (or, on a card
/// with no one living, any member with SHDK 1; a card whose head died or moved while others
/// live on stays without one until the desa names the new head). With `existing_id` the card is already stored
/// and only the members are added.
pub struct NewFamily {
    pub existing_id: Option<String>,
    pub no_kk: String,
    pub address: String,
    pub area_id: Option<String>,
    pub members: Vec<Member>,
}

/// A member as a register holds them: living, or dead, moved or invalid (imports keep those).
pub struct Member {
    pub resident: NewResident,
    pub status: i32,
}

impl Member {
    pub fn living(resident: NewResident) -> Member {
        Member {
            resident,
            status: status::HIDUP,
        }
    }

    fn heads(&self) -> bool {
        self.resident.shdk == KEPALA_KELUARGA
    }
}

/// Inserts the families and their members; returns how many residents were written. Fails
/// as a whole (the caller's transaction rolls back) when a NIK is already active.
pub fn insert_families(
    conn: &mut DbConn,
    tenant: &TenantId,
    batch: &[NewFamily],
    now: NaiveDateTime,
) -> Result<usize> {
    let desa = tenant.as_str();
    let mut family_rows = Vec::with_capacity(batch.len());
    let mut people = Vec::new();
    for f in batch {
        let family_id = f.existing_id.clone().unwrap_or_else(ids::new_id);
        let mut head_id = None;
        let active = f.members.iter().any(|m| m.status == status::HIDUP);
        for m in &f.members {
            let id = ids::new_id();
            if m.heads() && (m.status == status::HIDUP || !active) {
                head_id = Some(id.clone());
            }
            people.push((id, family_id.clone(), f, m));
        }
        if f.existing_id.is_some() {
            continue;
        }
        family_rows.push(FamilyRecord {
            desa_id: desa,
            id: family_id,
            no_kk: &f.no_kk,
            head_id,
            address: &f.address,
            area_id: f.area_id.as_deref(),
            active,
            created_at: now,
            updated_at: now,
        });
    }
    write_rows!(conn, families, family_rows, {
        desa_id: Text = |r| r.desa_id,
        id: Text = |r| r.id.as_str(),
        no_kk: Text = |r| r.no_kk,
        head_id: Nullable<Text> = |r| r.head_id.as_deref(),
        address: Text = |r| r.address,
        area_id: Nullable<Text> = |r| r.area_id,
        active: Bool = |r| r.active,
        created_at: Timestamp = |r| r.created_at,
        updated_at: Timestamp = |r| r.updated_at,
    })?;
    let records: Vec<ResidentRecord> = people
        .iter()
        .map(|(id, family_id, f, m)| {
            let mut r = ResidentRecord::new(desa, id.clone(), &m.resident, now);
            r.status = m.status;
            r.family_id = Some(family_id);
            r.area_id = r.area_id.or(f.area_id.as_deref());
            r.address = r.address.or(Some(&f.address));
            r
        })
        .collect();
    // The registry's key refuses a NIK active anywhere in the regency. The write runs in a
    // savepoint so that, when it is refused, the NIK can still be named (the error then rolls
    // the caller's transaction back).
    // Only the living hold their NIK in the registry.
    let mut claims: Vec<Claim> = records
        .iter()
        .filter(|r| r.status == status::HIDUP)
        .map(|r| Claim {
            nik: r.nik,
            desa_id: desa,
            resident_id: &r.id,
        })
        .collect();
    // Rows in key order fill an index page by page instead of touching a page per row.
    claims.sort_unstable_by_key(|c| c.nik);
    let claimed = conn.transaction(|c| {
        write_rows!(c, nik_registry, claims, {
            nik: Text = |r| r.nik,
            desa_id: Text = |r| r.desa_id,
            resident_id: Text = |r| r.resident_id,
        })
    });
    if let Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) = claimed {
        let niks: Vec<&str> = claims.iter().map(|c| c.nik).collect();
        let mut taken = None;
        for chunk in niks.chunks(CHUNK) {
            taken = nik_registry::table
                .filter(nik_registry::nik.eq_any(chunk))
                .select(nik_registry::nik)
                .first::<String>(conn)
                .optional()?;
            if taken.is_some() {
                break;
            }
        }
        return Err(Error::Conflict(match taken {
            Some(nik) => format!("NIK {nik} sudah terdaftar aktif di Kabupaten Serang."),
            None => "Satu NIK muncul dua kali dalam data yang sama.".into(),
        }));
    }
    claimed?;
    write_rows!(conn, residents, records, {
        desa_id: Text = |r| r.desa_id,
        id: Text = |r| r.id.as_str(),
        nik: Text = |r| r.nik,
        name: Text = |r| r.name,
        name_search: Text = |r| r.name_search.as_str(),
        sex: Integer = |r| r.sex,
        birth_place: Text = |r| r.birth_place,
        birth_date: Date = |r| r.birth_date,
        religion: Integer = |r| r.religion,
        education: Integer = |r| r.education,
        occupation: Integer = |r| r.occupation,
        marital_status: Integer = |r| r.marital_status,
        shdk: Integer = |r| r.shdk,
        citizenship: Integer = |r| r.citizenship,
        blood_type: Integer = |r| r.blood_type,
        disability: Nullable<Integer> = |r| r.disability,
        ktp_status: Nullable<Integer> = |r| r.ktp_status,
        chronic_illness: Nullable<Integer> = |r| r.chronic_illness,
        kb_method: Nullable<Integer> = |r| r.kb_method,
        health_insurance: Nullable<Integer> = |r| r.health_insurance,
        father_name: Nullable<Text> = |r| r.father_name,
        mother_name: Nullable<Text> = |r| r.mother_name,
        father_nik: Nullable<Text> = |r| r.father_nik,
        mother_nik: Nullable<Text> = |r| r.mother_nik,
        family_id: Nullable<Text> = |r| r.family_id,
        area_id: Nullable<Text> = |r| r.area_id,
        address: Nullable<Text> = |r| r.address,
        phone: Nullable<Text> = |r| r.phone,
        email: Nullable<Text> = |r| r.email,
        birth_cert_no: Nullable<Text> = |r| r.birth_cert_no,
        status: Integer = |r| r.status,
        created_at: Timestamp = |r| r.created_at,
        updated_at: Timestamp = |r| r.updated_at,
    })?;
    let mut words: Vec<_> = records
        .iter()
        .flat_map(|r| crate::residents::words::rows(desa, &r.id, r.name))
        .collect();
    words.sort_unstable_by(|a, b| (&a.word, a.resident_id).cmp(&(&b.word, b.resident_id)));
    write_rows!(conn, resident_words, words, {
        desa_id: Text = |r| r.desa_id,
        word: Text = |r| r.word.as_str(),
        resident_id: Text = |r| r.resident_id,
        name_search: Text = |r| r.name_search.as_str(),
    })?;
    Ok(records.len())
}
