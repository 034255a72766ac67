//! The Dukcapil code lists (agama, pendidikan, pekerjaan, ...) with their official codes, as
//! existing desa data and import files carry them. Shipped in the binary, seeded into the
//! `code_list` table, and checked in memory.

mod api;

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::sync::LazyLock;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sid_core::db::Db;
use sid_core::schema::code_list;
use sid_core::{Error, Result};

pub use api::{configure_api, CodeListsDoc};

const SOURCE: &str = include_str!("../../data/kode_kependudukan.csv");

static LISTS: LazyLock<BTreeMap<String, BTreeMap<i32, String>>> = LazyLock::new(|| {
    let mut lists: BTreeMap<String, BTreeMap<i32, String>> = BTreeMap::new();
    for row in csv::Reader::from_reader(SOURCE.as_bytes())
        .records()
        .flatten()
    {
        if let (Some(list), Some(Ok(code)), Some(name)) =
            (row.get(0), row.get(1).map(str::parse), row.get(2))
        {
            lists
                .entry(list.to_string())
                .or_default()
                .insert(code, name.to_string());
        }
    }
    lists
});

/// The name of a code, if the list has it.
pub fn name(list: &str, code: i32) -> Option<&'static str> {
    LISTS.get(list)?.get(&code).map(String::as_str)
}

/// Every list, for `GET /api/v1/code-lists` and the forms' dropdowns.
pub fn all() -> &'static BTreeMap<String, BTreeMap<i32, String>> {
    &LISTS
}

/// A code list, named as in the data file.
pub trait CodeList {
    const NAME: &'static str;
    const LABEL: &'static str;
}

macro_rules! code_lists {
    ($($ty:ident => $name:literal, $label:literal;)*) => {$(
        #[derive(Debug)]
        pub struct $ty;
        impl CodeList for $ty {
            const NAME: &'static str = $name;
            const LABEL: &'static str = $label;
        }
    )*};
}

code_lists! {
    Agama => "agama", "agama";
    PendidikanKk => "pendidikan_kk", "pendidikan dalam KK";
    Pekerjaan => "pekerjaan", "pekerjaan";
    StatusPerkawinan => "status_perkawinan", "status perkawinan";
    Shdk => "shdk", "hubungan dalam keluarga (SHDK)";
    GolonganDarah => "golongan_darah", "golongan darah";
    Cacat => "cacat", "cacat";
    Kewarganegaraan => "kewarganegaraan", "kewarganegaraan";
    StatusDasar => "status_dasar", "status dasar";
    StatusKtp => "status_ktp", "status KTP-el";
    SakitMenahun => "sakit_menahun", "sakit menahun";
    CaraKb => "cara_kb", "cara KB";
    Asuransi => "asuransi", "asuransi kesehatan";
}

/// A code known to be in list `L`.
#[derive(Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct Code<L: CodeList>(i32, PhantomData<L>);

impl<L: CodeList> Code<L> {
    pub fn parse(v: i32) -> std::result::Result<Self, String> {
        match name(L::NAME, v) {
            Some(_) => Ok(Code(v, PhantomData)),
            None => Err(format!(
                "kode {v} tidak ada dalam daftar {} (lihat /api/v1/code-lists)",
                L::LABEL
            )),
        }
    }

    pub fn code(&self) -> i32 {
        self.0
    }
}

impl<L: CodeList> Clone for Code<L> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<L: CodeList> Copy for Code<L> {}

impl<L: CodeList> std::fmt::Debug for Code<L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", L::NAME, self.0)
    }
}

impl<L: CodeList> TryFrom<i32> for Code<L> {
    type Error = String;
    fn try_from(v: i32) -> std::result::Result<Self, String> {
        Code::parse(v)
    }
}

impl<L: CodeList> From<Code<L>> for i32 {
    fn from(c: Code<L>) -> i32 {
        c.0
    }
}

/// Status dasar codes the events set.
pub mod status {
    pub const HIDUP: i32 = 1;
    pub const MATI: i32 = 2;
    pub const PINDAH: i32 = 3;
    pub const HILANG: i32 = 4;
}

/// SHDK code of the head of the family.
pub const KEPALA_KELUARGA: i32 = 1;

/// Writes the lists into `code_list` once; a restart changes nothing.
pub async fn seed(db: &Db) -> Result<()> {
    db.global(|conn| {
        let present: i64 = code_list::table.count().get_result(conn)?;
        if present > 0 {
            return Ok(());
        }
        for (list, codes) in all() {
            for (code, name) in codes {
                diesel::insert_into(code_list::table)
                    .values((
                        code_list::list.eq(list),
                        code_list::code.eq(code),
                        code_list::name.eq(name),
                    ))
                    .execute(conn)
                    .map_err(Error::from)?;
            }
        }
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_their_official_sizes() {
        let sizes = [
            ("agama", 7),
            ("pendidikan_kk", 10),
            ("pekerjaan", 89),
            ("status_perkawinan", 4),
            ("shdk", 11),
            ("golongan_darah", 13),
            ("cacat", 7),
            ("kewarganegaraan", 3),
        ];
        for (list, n) in sizes {
            assert_eq!(all()[list].len(), n, "{list}");
        }
        assert!(Code::<Agama>::parse(1).is_ok());
        assert!(Code::<Agama>::parse(8).is_err());
    }
}
