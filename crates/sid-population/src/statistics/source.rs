//! Where a statistic's figures come from: the desa's own (`resident_figures`), or those of the
//! RTs of one dusun (`area_figures`), summed; and only one sex where the reader asks so.

use std::cell::RefCell;
use std::collections::BTreeMap;

use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::{area_figures, resident_figures};
use sid_core::{Result, TenantId};

/// The dimensions of a few rows each, read together; named, so that the index serves each of
/// them rather than every figure of the desa being read to leave out the many by birth month and
/// day (those are read only for the codes a day's ages need).
const SMALL: [&str; 15] = [
    "status",
    "agama",
    "pendidikan",
    "pekerjaan",
    "perkawinan",
    "tahun",
    "kewarganegaraan",
    "goldar",
    "cacat",
    "sakit",
    "kb",
    "asuransi",
    "ktp",
    "kepala",
    "hidup",
];

/// One figure: dimension, code, sex, n.
type Figure = (String, i32, i32, i64);

/// The figures to read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The areas (RTs) of the dusun asked for; `None` for the whole desa.
    pub areas: Option<Vec<String>>,
    /// 1 laki-laki or 2 perempuan; `None` for both.
    pub sex: Option<i32>,
    /// The small dimensions' figures, read at the first need in one query: a page of
    /// statistics reads some twenty dimensions.
    small: RefCell<Option<Vec<Figure>>>,
}

impl Source {
    pub fn new(areas: Option<Vec<String>>, sex: Option<i32>) -> Source {
        Source {
            areas,
            sex,
            small: RefCell::new(None),
        }
    }

    pub fn desa() -> Source {
        Source::new(None, None)
    }

    /// Rows of the desa's or the areas' figures, of the dimension given or of the small ones.
    fn load(
        &self,
        conn: &mut DbConn,
        tenant: &TenantId,
        dimension: Option<&str>,
        codes: Option<&[i32]>,
    ) -> Result<Vec<Figure>> {
        match &self.areas {
            None => {
                let mut q = resident_figures::table
                    .filter(resident_figures::desa_id.eq(tenant.as_str()))
                    .filter(resident_figures::n.ne(0))
                    .select((
                        resident_figures::dimension,
                        resident_figures::code,
                        resident_figures::sex,
                        resident_figures::n,
                    ))
                    .into_boxed();
                q = match dimension {
                    Some(d) => q.filter(resident_figures::dimension.eq(d.to_string())),
                    None => q.filter(resident_figures::dimension.eq_any(SMALL)),
                };
                if let Some(codes) = codes {
                    q = q.filter(resident_figures::code.eq_any(codes.to_vec()));
                }
                Ok(q.load(conn)?)
            }
            Some(areas) => {
                let mut q = area_figures::table
                    .filter(area_figures::desa_id.eq(tenant.as_str()))
                    .filter(area_figures::area_id.eq_any(areas.clone()))
                    .filter(area_figures::n.ne(0))
                    .select((
                        area_figures::dimension,
                        area_figures::code,
                        area_figures::sex,
                        area_figures::n,
                    ))
                    .into_boxed();
                q = match dimension {
                    Some(d) => q.filter(area_figures::dimension.eq(d.to_string())),
                    None => q.filter(area_figures::dimension.eq_any(SMALL)),
                };
                if let Some(codes) = codes {
                    q = q.filter(area_figures::code.eq_any(codes.to_vec()));
                }
                let mut summed: BTreeMap<(String, i32, i32), i64> = BTreeMap::new();
                for (d, code, sex, n) in q.load::<Figure>(conn)? {
                    *summed.entry((d, code, sex)).or_default() += n;
                }
                Ok(summed
                    .into_iter()
                    .filter(|(_, n)| *n != 0)
                    .map(|((d, code, sex), n)| (d, code, sex, n))
                    .collect())
            }
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
        let rows = if !SMALL.contains(&dimension) {
            self.load(conn, tenant, Some(dimension), codes)?
        } else {
            if self.small.borrow().is_none() {
                let all = self.load(conn, tenant, None, None)?;
                *self.small.borrow_mut() = Some(all);
            }
            self.small
                .borrow()
                .iter()
                .flatten()
                .filter(|(d, code, _, _)| d == dimension && codes.is_none_or(|c| c.contains(code)))
                .cloned()
                .collect()
        };
        Ok(rows
            .into_iter()
            .filter(|(_, _, sex, _)| self.sex.is_none_or(|s| s == *sex))
            .map(|(_, code, sex, n)| (code, sex, n))
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
