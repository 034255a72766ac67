//! Ids are generated here, never by the database, so both backends behave alike.

/// A new time-ordered id (UUID v7) in the text form stored in every id column.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
