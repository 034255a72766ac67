//! Where a statistic's figures come from: the desa's own (`resident_figures`), or those of the
//! RTs of one dusun (`area_figures`), summed; and only one sex where the reader asks so.

use std::collections::BTreeMap;

use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::{area_figures, resident_figures};
use sid_core::{Result, TenantId};

/// The figures to read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The areas (RTs) of the dusun asked for; `None` for the whole desa.
    pub areas: Option<Vec<String>>,
    /// 1 laki-laki or 2 perempuan; `None` for both.
    pub sex: Option<i32>,
}

impl Source {
    pub fn desa() -> Source {
        Source {
            areas: None,
            sex: None,
        }
    }

    /// `(code, sex, n)` of one dimension, of every code or of the codes given; zeros left out.
    pub fn figures(
        &self,
        conn: &mut DbConn,
        tenant: &TenantId,
        dimension: &str,
        codes: Option<&[i32]>,
    ) -> Result<Vec<(i32, i32, i64)>> {
        let rows: Vec<(i32, i32, i64)> = match &self.areas {
            None => {
                let mut q = resident_figures::table
                    .filter(resident_figures::desa_id.eq(tenant.as_str()))
                    .filter(resident_figures::dimension.eq(dimension))
                    .filter(resident_figures::n.ne(0))
                    .select((
                        resident_figures::code,
                        resident_figures::sex,
                        resident_figures::n,
                    ))
                    .into_boxed();
                if let Some(codes) = codes {
                    q = q.filter(resident_figures::code.eq_any(codes.to_vec()));
                }
                q.load(conn)?
            }
            Some(areas) => {
                let mut q = area_figures::table
                    .filter(area_figures::desa_id.eq(tenant.as_str()))
                    .filter(area_figures::area_id.eq_any(areas.clone()))
                    .filter(area_figures::dimension.eq(dimension))
                    .filter(area_figures::n.ne(0))
                    .select((area_figures::code, area_figures::sex, area_figures::n))
                    .into_boxed();
                if let Some(codes) = codes {
                    q = q.filter(area_figures::code.eq_any(codes.to_vec()));
                }
                let mut summed: BTreeMap<(i32, i32), i64> = BTreeMap::new();
                for (code, sex, n) in q.load::<(i32, i32, i64)>(conn)? {
                    *summed.entry((code, sex)).or_default() += n;
                }
                summed
                    .into_iter()
                    .filter(|(_, n)| *n != 0)
                    .map(|((code, sex), n)| (code, sex, n))
                    .collect()
            }
        };
        Ok(rows
            .into_iter()
            .filter(|(_, sex, _)| self.sex.is_none_or(|s| s == *sex))
            .collect())
    }
}

/// Adds `n` people of `sex` to a `(male, female)` count.
pub fn tally(slot: &mut (i64, i64), sex: i32, n: i64) {
    if sex == 1 {
        slot.0 += n;
    } else {
        slot.1 += n;
    }
}
