//! Finding residents: by name (case-insensitive, partial), NIK or No KK, with filters, sorted
//! and paginated. A list or a name search is one statement per page, its total counted beside
//! the rows; a NIK or No KK finds one card's few rows, read whole and paged here.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sid_core::db::DbConn;
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::schema::{areas, families, resident_figures, resident_words, residents};
use sid_core::{clock, load_in_desa, Error, FieldError, Result, TenantId};

use crate::codes::{self, Agama, Code, Pekerjaan, StatusDasar};
use crate::nik::Sex;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResidentQuery {
    /// Name (part of it, any case), a NIK or a No KK.
    pub q: Option<String>,
    /// 1 laki-laki, 2 perempuan.
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub sex: Option<i32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub age_min: Option<u32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub age_max: Option<u32>,
    pub area_id: Option<String>,
    pub dusun: Option<String>,
    pub rw: Option<String>,
    pub rt: Option<String>,
    /// Status dasar; default 1 (hidup). `0` lists every status.
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub status: Option<i32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub religion: Option<i32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub occupation: Option<i32>,
    /// `YYYY-MM`: residents entered into the Buku Induk in that month.
    pub registered: Option<String>,
    /// `name` (default), `-name`, `nik`, `birth_date`, `-birth_date`, `registered`.
    pub sort: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub page: Option<i64>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub per_page: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Name,
    NameDesc,
    Nik,
    BirthDate,
    BirthDateDesc,
    Registered,
}

/// A search whose every part is known to be valid.
#[derive(Debug, Clone)]
pub struct Filter {
    q: Option<String>,
    sex: Option<i32>,
    born_after: Option<NaiveDate>,
    born_on_or_before: Option<NaiveDate>,
    area_id: Option<String>,
    dusun: Option<String>,
    rw: Option<String>,
    rt: Option<String>,
    status: Option<i32>,
    religion: Option<i32>,
    occupation: Option<i32>,
    /// Recorded in a month (WIB): its bounds in UTC, and `YYYYMM`.
    registered: Option<(NaiveDateTime, NaiveDateTime, i32)>,
    sort: Sort,
    pub page: PageParams,
}

fn years_before(date: NaiveDate, years: u32) -> NaiveDate {
    let year = date.year() - years as i32;
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .unwrap_or(date)
}

impl Filter {
    /// Whether the search keeps residents by more than status, sex and month of record: by
    /// age, place or a code.
    fn narrows_beyond_status(&self) -> bool {
        self.born_after.is_some()
            || self.born_on_or_before.is_some()
            || self.area_id.is_some()
            || self.dusun.is_some()
            || self.rw.is_some()
            || self.rt.is_some()
            || self.religion.is_some()
            || self.occupation.is_some()
    }

    /// The same search without pages.
    pub fn unpaged(self) -> Filter {
        Filter {
            page: PageParams::everything(),
            ..self
        }
    }

    pub fn parse(q: ResidentQuery, today: NaiveDate) -> Result<Filter> {
        let mut errors = Vec::new();
        let mut check = |field: &str, r: std::result::Result<i32, String>| match r {
            Ok(v) => Some(v),
            Err(m) => {
                errors.push(FieldError::new(field, m));
                None
            }
        };
        let sex = q
            .sex
            .and_then(|v| check("sex", Sex::try_from(v).map(Sex::code)));
        let religion = q
            .religion
            .and_then(|v| check("religion", Code::<Agama>::parse(v).map(|c| c.code())));
        let occupation = q
            .occupation
            .and_then(|v| check("occupation", Code::<Pekerjaan>::parse(v).map(|c| c.code())));
        let status = match q.status {
            Some(0) => None,
            Some(v) => check("status", Code::<StatusDasar>::parse(v).map(|c| c.code())),
            None => Some(codes::status::HIDUP),
        };
        if let (Some(min), Some(max)) = (q.age_min, q.age_max) {
            if min > max {
                errors.push(FieldError::new("age_min", "tidak boleh lebih dari age_max"));
            }
        }
        if q.age_max.is_some_and(|a| a > 150) || q.age_min.is_some_and(|a| a > 150) {
            errors.push(FieldError::new("age_max", "umur 0 sampai 150"));
        }
        let sort = match q.sort.as_deref() {
            None | Some("name") => Sort::Name,
            Some("-name") => Sort::NameDesc,
            Some("nik") => Sort::Nik,
            Some("birth_date") => Sort::BirthDate,
            Some("-birth_date") => Sort::BirthDateDesc,
            Some("registered") => Sort::Registered,
            Some(_) => {
                errors.push(FieldError::new(
                    "sort",
                    "pilihan: name, -name, nik, birth_date, -birth_date, registered",
                ));
                Sort::Name
            }
        };
        let page = PageParams::parse(&PageQuery {
            page: q.page,
            per_page: q.per_page,
        });
        if let Err(Error::Invalid(e)) = &page {
            errors.extend(e.iter().cloned());
        }
        let registered = match q.registered.as_deref().filter(|m| !m.is_empty()) {
            None => None,
            Some(m) => match sid_core::clock::month_range(m) {
                Ok((from, until)) => Some((
                    clock::start_of(from),
                    clock::start_of(until),
                    from.year() * 100 + from.month() as i32,
                )),
                Err(_) => {
                    errors.push(FieldError::new(
                        "registered",
                        "format YYYY-MM, contoh 2026-11",
                    ));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let trimmed = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Filter {
            q: trimmed(q.q).map(|s| s.to_lowercase()),
            sex,
            // Age a: born after today minus (a+1) years, and on or before today minus a years.
            born_after: q.age_max.map(|a| years_before(today, a + 1)),
            born_on_or_before: q.age_min.map(|a| years_before(today, a)),
            area_id: trimmed(q.area_id),
            dusun: trimmed(q.dusun),
            rw: trimmed(q.rw).map(|s| crate::areas::pad(&s)),
            rt: trimmed(q.rt).map(|s| crate::areas::pad(&s)),
            status,
            religion,
            occupation,
            registered,
            sort,
            page: page?,
        })
    }
}

/// One row of the resident list.
#[derive(Debug, Clone, Serialize, Queryable, utoipa::ToSchema)]
pub struct ResidentRow {
    pub id: String,
    pub nik: String,
    pub name: String,
    pub sex: i32,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub status: i32,
    pub shdk: i32,
    pub family_id: Option<String>,
    pub no_kk: Option<String>,
    pub dusun: Option<String>,
    pub rw: Option<String>,
    pub rt: Option<String>,
    pub address: Option<String>,
}

fn like_pattern(q: &str) -> String {
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

diesel::alias!(families as card: CardAlias);

/// Residents having a name word that begins with `$prefix` and whose name holds the whole
/// query: both decided inside the words' index, before any resident row is read.
macro_rules! named {
    ($tenant:expr, $q:expr, $prefix:expr) => {{
        let (low, high) = super::words::prefix_range($prefix);
        residents::id.eq_any(
            resident_words::table
                .filter(resident_words::desa_id.eq($tenant.as_str()))
                .filter(resident_words::word.ge(low))
                .filter(resident_words::word.lt(high))
                .filter(
                    resident_words::name_search
                        .like(like_pattern($q))
                        .escape('\\'),
                )
                .select(resident_words::resident_id),
        )
    }};
}

/// Residents of the desa `$desa` (see `load_in_desa!`) with their card and RT.
macro_rules! joined {
    ($desa:expr) => {
        residents::table
            .left_join(
                families::table.on(families::desa_id
                    .eq(residents::desa_id)
                    .and(residents::family_id.eq(families::id.nullable()))),
            )
            .left_join(
                areas::table.on(areas::desa_id
                    .eq(residents::desa_id)
                    .and(residents::area_id.eq(areas::id.nullable()))),
            )
            .filter(residents::desa_id.eq($desa))
    };
}

/// The columns of a `ResidentRow`.
macro_rules! row_columns {
    () => {
        (
            residents::id,
            residents::nik,
            residents::name,
            residents::sex,
            residents::birth_place,
            residents::birth_date,
            residents::status,
            residents::shdk,
            residents::family_id,
            families::no_kk.nullable(),
            areas::dusun.nullable(),
            areas::rw.nullable(),
            areas::rt.nullable(),
            residents::address,
        )
    };
}

/// The rows of a search with its total beside each.
macro_rules! listing {
    ($desa:expr) => {
        joined!($desa).select((row_columns!(), sid_core::pagination::CountOver))
    };
}

/// What the text of a search matches.
enum Match<'a> {
    /// No text.
    All,
    /// 16 digits, read first as a NIK.
    Nik(&'a str),
    /// 16 digits that no resident shown has as NIK: the members of the card with that No KK.
    Card(&'a str),
    /// A name, through the words' index (`first` begins a word of every matching name).
    Words { q: &'a str, first: String },
    /// A name without a letter or digit to look up: every name is read.
    Like(&'a str),
}

impl<'a> Match<'a> {
    fn of(q: Option<&'a str>) -> Match<'a> {
        match q {
            None => Match::All,
            Some(q) if is_identifier(q) => Match::Nik(q),
            Some(q) => match super::words::search_prefix(q) {
                Some(first) => Match::Words { q, first },
                None => Match::Like(q),
            },
        }
    }
}

/// The one-liner searches of a busy desa office: a NIK / No KK, or a name, among the living,
/// sorted by name. Written as fixed queries so that their prepared statements are cached:
/// planning them costs several times more than running them.
fn quick(
    conn: &mut DbConn,
    tenant: &TenantId,
    f: &Filter,
    text: &Match,
) -> Result<Option<Vec<(ResidentRow, i64)>>> {
    let plain = f.sex.is_none()
        && !f.narrows_beyond_status()
        && f.status == Some(crate::codes::status::HIDUP)
        && f.registered.is_none()
        && f.sort == Sort::Name;
    if !plain {
        return Ok(None);
    }
    macro_rules! few {
        ($desa:expr, $matching:expr) => {
            joined!($desa)
                .filter(residents::status.eq(crate::codes::status::HIDUP))
                .filter($matching)
                .select(row_columns!())
        };
    }
    let few = match text {
        Match::Nik(q) => load_in_desa!(conn, tenant, |desa| few!(desa, residents::nik.eq(*q)))?,
        Match::Card(q) => load_in_desa!(conn, tenant, |desa| few!(
            desa,
            residents::family_id.eq(card_of(tenant, q))
        ))?,
        Match::Words { q, first } => {
            let rows = load_in_desa!(conn, tenant, |desa| listing!(desa)
                .filter(residents::status.eq(crate::codes::status::HIDUP))
                .filter(named!(tenant, q, first))
                .order((residents::name_search.asc(), residents::id))
                .limit(f.page.limit())
                .offset(f.page.offset()))?;
            return Ok(Some(rows));
        }
        Match::All | Match::Like(_) => return Ok(None),
    };
    Ok(Some(paged_here(few, &f.page)))
}

/// A NIK or a No KK finds at most one card's members: read whole, then sorted by name and
/// paged here, which spares PostgreSQL a sort and a window function per lookup.
fn paged_here(mut rows: Vec<ResidentRow>, page: &PageParams) -> Vec<(ResidentRow, i64)> {
    rows.sort_by_cached_key(|r| (r.name.to_lowercase(), r.id.clone()));
    let total = rows.len() as i64;
    rows.into_iter()
        .skip(page.offset() as usize)
        .take(page.limit() as usize)
        .map(|r| (r, total))
        .collect()
}

/// A NIK or a No KK: 16 digits.
fn is_identifier(q: &str) -> bool {
    q.len() == 16 && q.chars().all(|c| c.is_ascii_digit())
}

type CardField<F> = diesel::query_source::AliasedField<CardAlias, F>;
type CardId<'a> = diesel::dsl::SingleValue<
    diesel::dsl::Select<
        diesel::dsl::Filter<
            diesel::dsl::Filter<
                diesel::query_source::Alias<CardAlias>,
                diesel::dsl::Eq<CardField<families::desa_id>, &'a str>,
            >,
            diesel::dsl::Eq<CardField<families::no_kk>, &'a str>,
        >,
        CardField<families::id>,
    >,
>;

/// The id of the card with this No KK, looked up once (No KK is unique in a desa) so that the
/// members are found through an index of residents.
fn card_of<'a>(tenant: &'a TenantId, no_kk: &'a str) -> CardId<'a> {
    card.filter(card.field(families::desa_id).eq(tenant.as_str()))
        .filter(card.field(families::no_kk).eq(no_kk))
        .select(card.field(families::id))
        .single_value()
}

/// One page of residents and the total of the whole search. Each statement carries its desa
/// (`load_in_desa!`): run it with `Db::tenant_statements`, or inside any scope of the desa.
/// 16 digits find the resident with that NIK or, when no resident shown has it, the members
/// of the card with that No KK: a NIK, the common case, costs one statement.
pub fn search(conn: &mut DbConn, tenant: &TenantId, f: &Filter) -> Result<(Vec<ResidentRow>, i64)> {
    let text = Match::of(f.q.as_deref());
    let found = page(conn, tenant, f, &text)?;
    if let (Match::Nik(q), true) = (&text, found.0.is_empty()) {
        return page(conn, tenant, f, &Match::Card(q));
    }
    Ok(found)
}

fn page(
    conn: &mut DbConn,
    tenant: &TenantId,
    f: &Filter,
    text: &Match,
) -> Result<(Vec<ResidentRow>, i64)> {
    let Some(rows) = quick(conn, tenant, f, text)? else {
        return rows_first(conn, tenant, f, text);
    };
    let total = rows.first().map_or(0, |(_, n)| *n);
    let rows: Vec<ResidentRow> = rows.into_iter().map(|(r, _)| r).collect();
    // Past the last page the window has no row to report the total on.
    if rows.is_empty() && f.page.offset() > 0 {
        return Ok((rows, count(conn, tenant, f, text)?));
    }
    Ok((rows, total))
}

/// The residents of the desa that a search keeps, from the residents table alone (an RT, RW
/// or dusun is looked up among the desa's few areas), selecting `$columns`. The desa is given
/// twice: as the statement's scope and as a constant, which the planner can estimate.
macro_rules! narrowed {
    ($desa:expr, $tenant:expr, $f:expr, $text:expr, $columns:expr) => {{
        let (f, tenant) = ($f, $tenant);
        let mut query = residents::table
            .filter(residents::desa_id.eq($desa))
            .filter(residents::desa_id.eq(tenant.as_str()))
            .select($columns)
            .into_boxed();
        query = match $text {
            Match::All => query,
            Match::Nik(q) => query.filter(residents::nik.eq(*q)),
            Match::Card(q) => query.filter(residents::family_id.eq(card_of(tenant, q))),
            Match::Words { q, first } => query.filter(named!(tenant, q, first)),
            Match::Like(q) => {
                query.filter(residents::name_search.like(like_pattern(q)).escape('\\'))
            }
        };
        if let Some(v) = f.sex {
            query = query.filter(residents::sex.eq(v));
        }
        if let Some(v) = f.status {
            query = query.filter(residents::status.eq(v));
        }
        if let Some(v) = f.religion {
            query = query.filter(residents::religion.eq(v));
        }
        if let Some(v) = f.occupation {
            query = query.filter(residents::occupation.eq(v));
        }
        if let Some((from, until, _)) = f.registered {
            query = query
                .filter(residents::created_at.ge(from))
                .filter(residents::created_at.lt(until));
        }
        if let Some(d) = f.born_after {
            query = query.filter(residents::birth_date.gt(d));
        }
        if let Some(d) = f.born_on_or_before {
            query = query.filter(residents::birth_date.le(d));
        }
        if let Some(v) = &f.area_id {
            query = query.filter(residents::area_id.eq(v.clone()));
        }
        if f.dusun.is_some() || f.rw.is_some() || f.rt.is_some() {
            let mut area = areas::table
                .filter(areas::desa_id.eq(tenant.as_str()))
                .select(areas::id.nullable())
                .into_boxed();
            if let Some(v) = &f.dusun {
                area = area.filter(areas::dusun.eq(v.clone()));
            }
            if let Some(v) = &f.rw {
                area = area.filter(areas::rw.eq(v.clone()));
            }
            if let Some(v) = &f.rt {
                area = area.filter(areas::rt.eq(v.clone()));
            }
            query = query.filter(residents::area_id.eq_any(area));
        }
        query
    }};
}

/// Any combination of filters, rows first: the page's ids in its order from the residents
/// alone (an index serves each sort), then the card and RT of those rows only, then the total.
fn rows_first(
    conn: &mut DbConn,
    tenant: &TenantId,
    f: &Filter,
    text: &Match,
) -> Result<(Vec<ResidentRow>, i64)> {
    let ids: Vec<String> = load_in_desa!(conn, tenant, |desa| {
        let query = narrowed!(desa, tenant, f, text, residents::id);
        let query = match f.sort {
            Sort::Name => query.order((residents::name_search.asc(), residents::id)),
            Sort::NameDesc => query.order((residents::name_search.desc(), residents::id.desc())),
            Sort::Nik => query.order(residents::nik.asc()),
            Sort::BirthDate => query.order((residents::birth_date.asc(), residents::id)),
            Sort::BirthDateDesc => {
                query.order((residents::birth_date.desc(), residents::id.desc()))
            }
            Sort::Registered => query.order((residents::created_at.asc(), residents::id)),
        };
        query.limit(f.page.limit()).offset(f.page.offset())
    })?;
    let mut rows: Vec<ResidentRow> = if ids.is_empty() {
        Vec::new()
    } else {
        load_in_desa!(conn, tenant, |desa| joined!(desa)
            .filter(residents::id.eq_any(&ids))
            .select(row_columns!()))?
    };
    let place: std::collections::HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    rows.sort_by_key(|r| place.get(r.id.as_str()).copied());
    Ok((rows, count(conn, tenant, f, text)?))
}

/// The total of a search. The plain list (by status and sex, or the entries of a month) reads
/// the figures kept with every write; any other filter counts its rows, from the residents
/// alone.
fn count(conn: &mut DbConn, tenant: &TenantId, f: &Filter, text: &Match) -> Result<i64> {
    let plain = matches!(text, Match::All) && !f.narrows_beyond_status();
    // Which figures hold the total, and which of their codes count.
    let kept = match (plain, f.registered, f.status) {
        (false, _, _) => None,
        (true, None, status) => Some(("status", status)),
        (true, Some((_, _, month)), None) => Some(("dicatat", Some(month))),
        (true, Some((_, _, month)), Some(crate::codes::status::HIDUP)) => {
            Some(("dicatat_hidup", Some(month)))
        }
        (true, Some(_), Some(_)) => None,
    };
    if let Some((dimension, code)) = kept {
        let figures: Vec<(i32, i32, i64)> = load_in_desa!(conn, tenant, |desa| {
            resident_figures::table
                .filter(resident_figures::desa_id.eq(desa))
                .filter(resident_figures::dimension.eq(dimension))
                .select((
                    resident_figures::code,
                    resident_figures::sex,
                    resident_figures::n,
                ))
        })?;
        return Ok(figures
            .into_iter()
            .filter(|(c, sex, _)| code.is_none_or(|x| x == *c) && f.sex.is_none_or(|s| s == *sex))
            .map(|(_, _, n)| n)
            .sum());
    }
    let n: Vec<i64> = load_in_desa!(conn, tenant, |desa| narrowed!(
        desa,
        tenant,
        f,
        text,
        diesel::dsl::count_star()
    ))?;
    Ok(n.first().copied().unwrap_or(0))
}
