//! The user accounts (regency-wide table: an account is looked up by name before any desa is known).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use super::{Password, Position, Role};
use crate::db::DbConn;
use crate::pagination::PageParams;
use crate::schema::users;
use crate::{Error, Result, TenantId};

/// A user name: 3-32 characters, lower-case letters, digits, `.`, `_` or `-`, starting with a
/// letter. Stored lower-case, so `Admin` and `admin` are one account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> std::result::Result<Username, String> {
        let s = s.trim().to_lowercase();
        let n = s.chars().count();
        if !(3..=32).contains(&n) {
            return Err("nama pengguna harus 3 sampai 32 karakter".into());
        }
        if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err("nama pengguna harus diawali huruf".into());
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        {
            return Err(
                "nama pengguna hanya boleh berisi huruf, angka, titik, garis bawah atau tanda minus"
                    .into(),
            );
        }
        Ok(Username(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        Username::parse(&s)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub(crate) struct UserRow {
    id: String,
    username: String,
    role: String,
    desa_id: Option<String>,
    active: bool,
    created_at: NaiveDateTime,
    resident_id: Option<String>,
    seller_id: Option<String>,
    position: Option<String>,
    full_name: Option<String>,
    title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub username: String,
    pub role: Role,
    /// The desa of a desa role; `None` for `kabupaten_admin`.
    pub desa_id: Option<String>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    /// A villager's account: the resident it belongs to.
    pub resident_id: Option<String>,
    /// A seller's account (`umkm`): the seller it acts for.
    pub seller_id: Option<String>,
    /// A desa staff member's office; `None` for other accounts.
    pub position: Option<Position>,
    /// The staff member's full name, as printed under their signature.
    pub full_name: Option<String>,
    /// A kaur's or kasi's own office, e.g. "Kasi Pemerintahan".
    pub title: Option<String>,
    /// The person's name where the account is a person's record (a villager's): what pages
    /// show instead of the account's internal user name. Filled when the session is read.
    pub name: Option<String>,
}

impl TryFrom<UserRow> for User {
    type Error = Error;
    fn try_from(r: UserRow) -> Result<User> {
        let role = Role::parse(&r.role)
            .ok_or_else(|| Error::Internal(format!("peran tidak dikenal: {}", r.role)))?;
        Ok(User {
            id: r.id,
            username: r.username,
            role,
            desa_id: r.desa_id,
            active: r.active,
            created_at: r.created_at,
            resident_id: r.resident_id,
            seller_id: r.seller_id,
            position: r.position.as_deref().and_then(Position::parse),
            full_name: r.full_name,
            title: r.title,
            name: None,
        })
    }
}

/// A new account, checked: a desa role always has a desa, `kabupaten_admin` never, and a
/// seller's account its seller.
pub struct NewUser {
    pub username: Username,
    pub password: Password,
    pub role: Role,
    pub desa: Option<TenantId>,
    seller: Option<String>,
}

impl NewUser {
    pub fn new(
        username: Username,
        password: Password,
        role: Role,
        desa: Option<TenantId>,
    ) -> Result<NewUser> {
        if role == Role::Umkm {
            return Err(Error::invalid(
                "role",
                "akun penjual UMKM dibuat dari halaman penjualnya di desa",
            ));
        }
        match (role.is_desa_role(), &desa) {
            (true, None) => Err(Error::invalid("desa", "wajib diisi untuk peran desa")),
            (false, Some(_)) => Err(Error::invalid(
                "desa",
                "admin kabupaten tidak terikat pada satu desa; kosongkan",
            )),
            _ => Ok(NewUser {
                username,
                password,
                role,
                desa,
                seller: None,
            }),
        }
    }

    /// The account of one seller of the desa (role `umkm`).
    pub fn seller(
        username: Username,
        password: Password,
        desa: TenantId,
        seller_id: String,
    ) -> NewUser {
        NewUser {
            username,
            password,
            role: Role::Umkm,
            desa: Some(desa),
            seller: Some(seller_id),
        }
    }
}

/// Adds the account; `hash` is its password's, made beforehand (`hash_password`, off the
/// database).
pub fn insert(conn: &mut DbConn, new: &NewUser, hash: &str, now: NaiveDateTime) -> Result<User> {
    if exists(conn, &new.username)? {
        return Err(Error::Conflict(format!(
            "Nama pengguna '{}' sudah dipakai.",
            new.username.as_str()
        )));
    }
    let user = User {
        id: crate::ids::new_id(),
        username: new.username.as_str().to_string(),
        role: new.role,
        desa_id: new.desa.as_ref().map(|t| t.as_str().to_string()),
        active: true,
        created_at: now,
        resident_id: None,
        seller_id: new.seller.clone(),
        position: Position::default_for(new.role),
        full_name: None,
        title: None,
        name: None,
    };
    diesel::insert_into(users::table)
        .values((
            users::id.eq(&user.id),
            users::username.eq(&user.username),
            users::password_hash.eq(hash),
            users::role.eq(user.role.as_str()),
            users::desa_id.eq(&user.desa_id),
            users::active.eq(true),
            users::created_at.eq(now),
            users::updated_at.eq(now),
            users::seller_id.eq(&user.seller_id),
            users::position.eq(user.position.map(Position::as_str)),
        ))
        .execute(conn)?;
    Ok(user)
}

/// The account and its password hash, for signing in.
pub(crate) fn find_for_login(
    conn: &mut DbConn,
    username: &Username,
) -> Result<Option<(User, String)>> {
    let row: Option<(UserRow, String)> = users::table
        .filter(users::username.eq(username.as_str()))
        .select((UserRow::as_select(), users::password_hash))
        .first(conn)
        .optional()?;
    row.map(|(u, h)| Ok((User::try_from(u)?, h))).transpose()
}

/// The secret's hash of an account, to check it before changing it.
pub(crate) fn hash_of(conn: &mut DbConn, id: &str) -> Result<Option<String>> {
    Ok(users::table
        .find(id)
        .select(users::password_hash)
        .first(conn)
        .optional()?)
}

/// A villager's account and PIN hash, for signing in.
pub(crate) fn find_warga_for_login(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident_id: &str,
) -> Result<Option<(User, String)>> {
    let row: Option<(UserRow, String)> = users::table
        .filter(users::resident_id.eq(resident_id))
        .filter(users::desa_id.eq(tenant.as_str()))
        .filter(users::role.eq(Role::Warga.as_str()))
        .select((UserRow::as_select(), users::password_hash))
        .first(conn)
        .optional()?;
    row.map(|(u, h)| Ok((User::try_from(u)?, h))).transpose()
}

/// The id of the resident's villager account, if there is one.
pub(crate) fn warga_account(conn: &mut DbConn, resident_id: &str) -> Result<Option<String>> {
    Ok(users::table
        .filter(users::resident_id.eq(resident_id))
        .select(users::id)
        .first(conn)
        .optional()?)
}

/// Creates a villager's account or gives it a new PIN hash; returns the account's id.
pub(crate) fn upsert_warga(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident_id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> Result<String> {
    if let Some(id) = warga_account(conn, resident_id)? {
        diesel::update(users::table.find(&id))
            .set((
                users::password_hash.eq(hash),
                users::desa_id.eq(tenant.as_str()),
                users::active.eq(true),
                users::updated_at.eq(now),
            ))
            .execute(conn)?;
        return Ok(id);
    }
    let id = crate::ids::new_id();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(&id),
            // A colon never passes as a staff user name, so this account signs in by PIN only.
            users::username.eq(format!("warga:{resident_id}")),
            users::password_hash.eq(hash),
            users::role.eq(Role::Warga.as_str()),
            users::desa_id.eq(tenant.as_str()),
            users::active.eq(true),
            users::created_at.eq(now),
            users::updated_at.eq(now),
            users::resident_id.eq(resident_id),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<User>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}

pub fn exists(conn: &mut DbConn, username: &Username) -> Result<bool> {
    let n: i64 = users::table
        .filter(users::username.eq(username.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn count(conn: &mut DbConn) -> Result<i64> {
    Ok(users::table.count().get_result(conn)?)
}

/// The accounts of one desa, newest first.
pub fn list_in_desa(
    conn: &mut DbConn,
    tenant: &TenantId,
    page: &PageParams,
) -> Result<(Vec<User>, i64)> {
    let staff = users::desa_id
        .eq(tenant.as_str())
        .and(users::role.ne(Role::Warga.as_str()));
    let total = users::table.filter(staff).count().get_result(conn)?;
    let rows: Vec<UserRow> = users::table
        .filter(staff)
        .select(UserRow::as_select())
        .order(users::id.desc())
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    let users = rows
        .into_iter()
        .map(User::try_from)
        .collect::<Result<_>>()?;
    Ok((users, total))
}

impl User {
    /// The name a person reads: the staff member's full name, else the account's name.
    pub fn display_name(&self) -> &str {
        self.full_name
            .as_deref()
            .or(self.name.as_deref())
            .unwrap_or(&self.username)
    }
}

/// A staff member's office and the name printed under their signature.
pub struct StaffDetails {
    pub position: Position,
    pub full_name: Option<String>,
    pub title: Option<String>,
}

pub fn set_staff_details(
    conn: &mut DbConn,
    id: &str,
    d: &StaffDetails,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::update(users::table.find(id))
        .set((
            users::position.eq(d.position.as_str()),
            users::full_name.eq(&d.full_name),
            users::title.eq(&d.title),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_active(conn: &mut DbConn, id: &str, active: bool, now: NaiveDateTime) -> Result<()> {
    diesel::update(users::table.find(id))
        .set((users::active.eq(active), users::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Whether the regency disabled the account, which only the regency may then enable again.
pub fn regency_hold(conn: &mut DbConn, id: &str) -> Result<bool> {
    Ok(users::table
        .find(id)
        .select(users::regency_hold)
        .first(conn)?)
}

/// Marks whether the account's state was last set by the regency.
pub fn set_regency_hold(conn: &mut DbConn, id: &str, hold: bool) -> Result<()> {
    diesel::update(users::table.find(id))
        .set(users::regency_hold.eq(hold))
        .execute(conn)?;
    Ok(())
}

pub(crate) fn set_password_hash(
    conn: &mut DbConn,
    id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}
