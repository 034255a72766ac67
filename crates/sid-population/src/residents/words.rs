//! The words of residents' names, kept beside them for search by word beginnings (`FAUZ` finds
//! "Ahmad Fauzi") through an index that row-level security lets PostgreSQL use.

use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::{resident_words, residents};
use sid_core::{Result, TenantId};

#[derive(Insertable)]
#[diesel(table_name = resident_words)]
#[diesel(treat_none_as_default_value = false)]
pub struct Word<'a> {
    pub desa_id: &'a str,
    pub word: String,
    pub resident_id: &'a str,
    /// The whole name, lower-case, matched against the rest of a search in the index.
    pub name_search: String,
}

/// The distinct lower-case words of a name.
pub fn split(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The rows for one resident.
pub fn rows<'a>(desa_id: &'a str, resident_id: &'a str, name: &str) -> Vec<Word<'a>> {
    let name_search = name.to_lowercase();
    split(name)
        .into_iter()
        .map(|word| Word {
            desa_id,
            word,
            resident_id,
            name_search: name_search.clone(),
        })
        .collect()
}

/// Replaces a resident's words (after the name was written or changed).
pub fn replace(conn: &mut DbConn, tenant: &TenantId, resident_id: &str, name: &str) -> Result<()> {
    diesel::delete(
        resident_words::table
            .filter(resident_words::desa_id.eq(tenant.as_str()))
            .filter(resident_words::resident_id.eq(resident_id)),
    )
    .execute(conn)?;
    for w in rows(tenant.as_str(), resident_id, name) {
        diesel::insert_into(resident_words::table)
            .values(&w)
            .execute(conn)?;
    }
    Ok(())
}

/// The word of a search that surely begins a word of a matching name: every word after the first
/// does (a space comes before it), the longest of them being the most selective; a one-word
/// search must itself begin a name's word.
pub fn search_prefix(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    match words.len() {
        0 => None,
        1 => words.into_iter().next(),
        _ => words.into_iter().skip(1).max_by_key(|w| w.len()),
    }
}

/// The range of words that begin with `prefix`: `[prefix, prefix + U+10FFFF)` in byte order.
pub fn prefix_range(prefix: &str) -> (String, String) {
    (prefix.to_string(), format!("{prefix}\u{10FFFF}"))
}

/// Fills the words of data from before this table, once: a no-op when any word exists.
pub async fn backfill_all(
    db: &sid_core::db::Db,
    directory: &sid_core::tenant::DesaDirectory,
) -> Result<usize> {
    let (words, people) = db
        .regency_read(|conn| {
            let words: i64 = resident_words::table.count().get_result(conn)?;
            let people: i64 = residents::table.count().get_result(conn)?;
            Ok((words, people))
        })
        .await?;
    if words > 0 || people == 0 {
        return Ok(0);
    }
    let mut filled = 0;
    for desa in directory.all().iter() {
        filled += db.tenant(&desa.tenant, backfill).await?;
    }
    Ok(filled)
}

/// Fills the words of a desa whose residents have none yet.
fn backfill(conn: &mut DbConn, tenant: &TenantId) -> Result<usize> {
    let known: i64 = resident_words::table
        .filter(resident_words::desa_id.eq(tenant.as_str()))
        .count()
        .get_result(conn)?;
    if known > 0 {
        return Ok(0);
    }
    let people: Vec<(String, String)> = residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .select((residents::id, residents::name))
        .load(conn)?;
    for (id, name) in &people {
        replace(conn, tenant, id, name)?;
    }
    Ok(people.len())
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn search_prefixes() {
        use super::search_prefix;
        assert_eq!(search_prefix("FAUZ").as_deref(), Some("fauz"));
        assert_eq!(search_prefix("iti hida").as_deref(), Some("hida"));
        assert_eq!(search_prefix("iti nur hid").as_deref(), Some("hid"));
        assert_eq!(search_prefix("%"), None);
    }

    #[test]
    fn words_of_names() {
        assert_eq!(
            split("Siti Nur'aini  AHMAD"),
            ["ahmad", "aini", "nur", "siti"]
        );
        assert_eq!(
            split("H. Budi Santoso, S.Pd"),
            ["budi", "h", "pd", "s", "santoso"]
        );
    }
}
