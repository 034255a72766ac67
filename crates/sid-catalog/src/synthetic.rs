//! Synthetic sellers and products, written through the same store and index as the API: the
//! benchmark's catalogue (tens of thousands of products across every desa) and the
//! demonstration desa's few. Deterministic for a seed, so runs compare.

use sid_core::db::Db;
use sid_core::{clock, ids, Desa, Result};

use crate::category::Category;
use crate::emall::index;
use crate::products::{store as products, Product};
use crate::sellers::{store as sellers, Seller};

/// What desa make, by category: (kind, variants, unit, price in thousands of rupiah).
const GOODS: [(Category, &str, &[&str], &str, i64); 16] = [
    (
        Category::MakananMinuman,
        "Keripik",
        &[
            "Pisang",
            "Singkong",
            "Talas",
            "Tempe",
            "Kulit Bandeng",
            "Sukun",
        ],
        "bungkus 250 g",
        15,
    ),
    (
        Category::MakananMinuman,
        "Kerupuk",
        &["Udang", "Ikan", "Kulit", "Rambak"],
        "bungkus 500 g",
        20,
    ),
    (
        Category::MakananMinuman,
        "Emping",
        &["Melinjo", "Melinjo Pedas Manis"],
        "kg",
        60,
    ),
    (
        Category::MakananMinuman,
        "Sambal",
        &["Bawang", "Terasi", "Cumi", "Ikan Asin"],
        "botol 200 g",
        25,
    ),
    (
        Category::MakananMinuman,
        "Gula",
        &["Aren Cetak", "Aren Semut", "Kelapa"],
        "kg",
        30,
    ),
    (
        Category::MakananMinuman,
        "Kopi",
        &["Robusta Banten", "Bubuk Tradisional"],
        "bungkus 250 g",
        35,
    ),
    (
        Category::MakananMinuman,
        "Dodol",
        &["Durian", "Ketan Hitam", "Nanas"],
        "kotak",
        25,
    ),
    (
        Category::Perikanan,
        "Bandeng",
        &["Presto Duri Lunak", "Asap", "Tanpa Duri"],
        "ekor",
        45,
    ),
    (
        Category::Perikanan,
        "Ikan Asin",
        &["Jambal", "Teri Nasi", "Peda"],
        "kg",
        80,
    ),
    (
        Category::Perikanan,
        "Rumput Laut",
        &["Kering", "Gracilaria"],
        "kg",
        20,
    ),
    (
        Category::Perikanan,
        "Udang",
        &["Vaname Segar", "Rebon Kering"],
        "kg",
        90,
    ),
    (
        Category::Pertanian,
        "Beras",
        &["Pandan Wangi", "Merah", "Organik"],
        "karung 5 kg",
        75,
    ),
    (
        Category::Pertanian,
        "Madu",
        &["Hutan", "Kelengkeng"],
        "botol 500 ml",
        95,
    ),
    (
        Category::Kerajinan,
        "Anyaman",
        &["Bambu", "Pandan", "Mendong"],
        "buah",
        50,
    ),
    (
        Category::Fesyen,
        "Batik",
        &["Tulis Motif Debus", "Cap Khas Serang"],
        "lembar",
        150,
    ),
    (
        Category::Wisata,
        "Paket Wisata",
        &["Pantai", "Edukasi Tambak", "Kebun"],
        "orang",
        100,
    ),
];

const OWNERS: [&str; 12] = [
    "Bu Sarah",
    "Pak Haji Dul",
    "Bu Imah",
    "Pak Romli",
    "Bu Euis",
    "Pak Jaenudin",
    "Bu Nani",
    "Pak Sanusi",
    "Bu Enok",
    "Pak Mamat",
    "Bu Iyoh",
    "Pak Udin",
];

/// How a desa's small businesses call themselves.
const TRADES: [&str; 5] = ["Dapur", "Usaha", "Warung", "Sentra", "Saung"];

const REMARKS: [&str; 6] = [
    "Dibuat setiap hari tanpa pengawet.",
    "Bahan dari petani dan nelayan desa sendiri.",
    "Cocok untuk oleh-oleh khas Serang.",
    "Tersedia pesanan dalam jumlah besar untuk acara.",
    "Sudah dipasarkan ke pasar dan toko sekitar kecamatan.",
    "Rasa gurih, renyah, dan tahan lama.",
];

/// A small deterministic generator (xorshift): no dependency for a benchmark's dice.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// Fills each desa that has no seller yet with `per_desa` products from `sellers_per_desa`
/// sellers; returns how many products were written.
pub async fn fill(
    db: &Db,
    desa: &[Desa],
    sellers_per_desa: usize,
    per_desa: usize,
    seed: u64,
) -> Result<usize> {
    let mut written = 0;
    for (i, d) in desa.iter().enumerate() {
        let mut dice = Dice(
            seed.wrapping_mul(6364136223846793005)
                .wrapping_add(i as u64 + 1)
                | 1,
        );
        let plan: Vec<(usize, usize, usize, usize, usize)> = (0..per_desa)
            .map(|_| {
                (
                    dice.next(GOODS.len()),
                    dice.next(6),
                    dice.next(REMARKS.len()),
                    dice.next(10),
                    dice.next(20),
                )
            })
            .collect();
        let owners: Vec<usize> = (0..sellers_per_desa)
            .map(|_| dice.next(OWNERS.len()))
            .collect();
        let desa = d.clone();
        written += db
            .tenant(&d.tenant, move |conn, tenant| {
                let page = sid_core::pagination::PageParams::everything();
                if sellers::list(conn, tenant, &page)?.1 > 0 {
                    return Ok(0);
                }
                let now = clock::now();
                let mut made = Vec::new();
                for (n, owner) in owners.iter().enumerate() {
                    let s = Seller {
                        id: ids::new_id(),
                        name: format!("{} {}", TRADES[n % TRADES.len()], OWNERS[*owner]),
                        owner_name: Some(OWNERS[*owner].to_string()),
                        resident_id: None,
                        whatsapp: format!("+62812{:08}", (i * 1000 + n) % 100_000_000),
                        address: Some(format!(
                            "Kp. {} RT 00{}/00{}",
                            desa.name,
                            n % 9 + 1,
                            n % 5 + 1
                        )),
                        description: None,
                        photo_id: None,
                        nib: None,
                        pirt: None,
                        halal: None,
                        created_at: now,
                        updated_at: now,
                    };
                    sellers::insert(conn, tenant, &s)?;
                    made.push(s);
                }
                for (k, (good, variant, remark, sold_out, age)) in plan.iter().enumerate() {
                    let (category, kind, variants, unit, thousands) = GOODS[*good];
                    let seller = &made[k % made.len()];
                    let variant = variants[variant % variants.len()];
                    let p = Product {
                        id: ids::new_id(),
                        seller_id: seller.id.clone(),
                        name: format!("{kind} {variant}"),
                        category: category.code().to_string(),
                        price_min: (thousands + (*age as i64 % 7) * 2) * 1000,
                        price_max: None,
                        unit: unit.to_string(),
                        description: format!(
                            "{kind} {variant} dari Desa {}. {}",
                            desa.name, REMARKS[*remark]
                        ),
                        available: *sold_out != 0,
                        featured: k < 2,
                        published: true,
                        created_at: now - chrono::Duration::hours((*age * 24 + k) as i64),
                        updated_at: now,
                    };
                    products::insert(conn, tenant, &p)?;
                    index::refresh(conn, &desa, &p, &seller.name)?;
                }
                Ok(plan.len())
            })
            .await?;
    }
    Ok(written)
}
