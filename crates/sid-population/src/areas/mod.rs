//! The areas of a desa: dusun, RW and RT. A resident lives in an RT.

mod api;
pub mod store;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sid_core::schema::areas;

pub use api::{configure, AreasDoc};
pub use store::require;

/// RW and RT numbers are kept as three digits (`001`), as on the KK.
pub fn pad(s: &str) -> String {
    format!("{:0>3}", s.trim())
}

/// An RW or RT number: 1 to 3 digits, not zero.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Number(pub String);

impl TryFrom<String> for Number {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Number, String> {
        let t = s.trim();
        let ok = (1..=3).contains(&t.len())
            && t.chars().all(|c| c.is_ascii_digit())
            && t.parse::<u32>().is_ok_and(|n| n > 0);
        if ok {
            Ok(Number(pad(t)))
        } else {
            Err("nomor 1 sampai 3 digit, bukan 0 (contoh: 001)".into())
        }
    }
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: String,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
}
