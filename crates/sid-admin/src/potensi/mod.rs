//! Potensi desa: what a desa grows, raises and catches, as data rather than prose (area,
//! production, harvest months, farmers and fishers per commodity of the regency's list and
//! year), so that the regency can add up its agriculture and fisheries from the desa up.

mod api;
mod pages;
mod store;

use serde::Serialize;
use sid_core::{AppState, Desa, Result};

pub use api::{configure as configure_api, PotensiDoc};
pub use pages::configure as configure_pages;
use store::Row;

sid_core::code_list!(
    /// The regency's list of commodities.
    pub enum Commodity("komoditas") {
        Padi = ("padi", "Padi"),
        Jagung = ("jagung", "Jagung"),
        Kedelai = ("kedelai", "Kedelai"),
        KacangTanah = ("kacang_tanah", "Kacang tanah"),
        Singkong = ("singkong", "Singkong"),
        Cabai = ("cabai", "Cabai"),
        BawangMerah = ("bawang_merah", "Bawang merah"),
        Sayuran = ("sayuran", "Sayuran"),
        Kelapa = ("kelapa", "Kelapa"),
        Pisang = ("pisang", "Pisang"),
        Melinjo = ("melinjo", "Melinjo"),
        Bandeng = ("bandeng", "Bandeng"),
        Udang = ("udang", "Udang"),
        Nila = ("nila", "Nila"),
        Lele = ("lele", "Lele"),
        RumputLaut = ("rumput_laut", "Rumput laut"),
        IkanTangkap = ("ikan_tangkap", "Ikan tangkap (laut)"),
        Garam = ("garam", "Garam"),
        Sapi = ("sapi", "Sapi"),
        Kambing = ("kambing", "Kambing dan domba"),
        Ayam = ("ayam", "Ayam"),
    }
);

impl Commodity {
    /// Pertanian, perikanan or peternakan: the commodities of the sea and ponds are fisheries.
    pub fn sector(self) -> &'static str {
        match self {
            Commodity::Bandeng
            | Commodity::Udang
            | Commodity::Nila
            | Commodity::Lele
            | Commodity::RumputLaut
            | Commodity::IkanTangkap
            | Commodity::Garam => "Perikanan & kelautan",
            Commodity::Sapi | Commodity::Kambing | Commodity::Ayam => "Peternakan",
            _ => "Pertanian",
        }
    }
}

sid_core::code_list!(
    /// What a year's production is counted in.
    pub enum Unit("satuan") {
        Ton = ("ton", "ton"),
        Kuintal = ("kuintal", "kuintal"),
        Ekor = ("ekor", "ekor"),
        RibuButir = ("ribu_butir", "ribu butir"),
    }
);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// One commodity of one year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PotensiView {
    pub commodity: String,
    pub label: &'static str,
    pub sector: &'static str,
    pub year: i32,
    /// Land or pond, in hectares.
    pub area_ha: Option<f64>,
    pub production: f64,
    pub unit: String,
    pub unit_label: &'static str,
    /// 1 January … 12 December.
    pub harvest_months: Vec<i32>,
    /// Farmers, breeders or fishers.
    pub producers: i32,
    #[serde(skip)]
    pub months_label: String,
}

impl From<Row> for PotensiView {
    fn from(r: Row) -> PotensiView {
        let c = Commodity::parse(&r.commodity);
        let months: Vec<i32> = (1..=12)
            .filter(|m| r.harvest_months & (1 << (m - 1)) != 0)
            .collect();
        PotensiView {
            label: c.map_or("Lainnya", Commodity::label),
            sector: c.map_or("Pertanian", Commodity::sector),
            months_label: if months.len() == 12 {
                "sepanjang tahun".into()
            } else {
                months
                    .iter()
                    .map(|m| MONTHS[(*m - 1) as usize])
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            harvest_months: months,
            unit_label: Unit::parse(&r.unit).map_or("", Unit::label),
            commodity: r.commodity,
            year: r.year,
            area_ha: r.area_ha,
            production: r.production,
            unit: r.unit,
            producers: r.producers,
        }
    }
}

/// The desa's potensi of one year (the latest recorded when none is asked), and the years it
/// has recorded.
async fn of_year(
    state: &AppState,
    desa: &Desa,
    year: Option<i32>,
) -> Result<(Vec<PotensiView>, Vec<i32>, Option<i32>)> {
    let (rows, years, shown) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            let years = store::years(conn, tenant)?;
            let shown = year.or(years.first().copied());
            let rows = match shown {
                Some(y) => store::of_year(conn, tenant, y)?,
                None => Vec::new(),
            };
            Ok((rows, years, shown))
        })
        .await?;
    let mut items: Vec<PotensiView> = rows.into_iter().map(PotensiView::from).collect();
    // In the list's order: crops, then fisheries, then livestock.
    items.sort_by_key(|p| {
        Commodity::ALL
            .iter()
            .position(|c| c.code() == p.commodity)
            .unwrap_or(usize::MAX)
    });
    Ok((items, years, shown))
}
