//! One e-mall search: which listed products match, in which order. Every word of the search must
//! match a word of the product (its name, seller, desa, kecamatan, category or description) by
//! its beginning, or whole by its loose spelling. Relevance adds, per search word, the best match's
//! weight (name 3, seller/desa/kecamatan/category 2, description 1) times its kind (the whole word
//! 4, its beginning 3, the loose spelling 2: a variant spelling in the name outranks any mention
//! in the description); ties go to the newer product, then the id, so that reading the pages
//! twice shows the same pages.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::{emall_counts, product_words, products};
use sid_core::Result;

use super::words;
use crate::category::Category;

/// At most this many words of a search are used (the rest only narrow further).
const MAX_WORDS: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// With words: by relevance; without: newest first.
    #[default]
    Relevance,
    Newest,
    Cheapest,
    Dearest,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::Cheapest, Sort::Dearest];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevansi",
            Sort::Newest => "terbaru",
            Sort::Cheapest => "termurah",
            Sort::Dearest => "termahal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "Paling cocok",
            Sort::Newest => "Terbaru",
            Sort::Cheapest => "Harga terendah",
            Sort::Dearest => "Harga tertinggi",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// A search, checked.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub words: Vec<String>,
    pub category: Option<Category>,
    /// The desa searched in; `None`: every desa (all active).
    pub desa_ids: Option<Vec<String>>,
    /// Inclusive bounds on the (starting) price.
    pub price_from: Option<i64>,
    pub price_to: Option<i64>,
    pub sort: Sort,
}

impl Search {
    /// The words of a typed search; one-letter words are dropped (they would match everything).
    pub fn words_of(q: &str) -> Vec<String> {
        words::split(q)
            .into_iter()
            .filter(|w| w.chars().count() >= 2)
            .take(MAX_WORDS)
            .collect()
    }
}

/// A product found, with its place among the results.
#[derive(Debug, Clone)]
pub struct Hit {
    pub product_id: String,
    pub score: i32,
}

/// One page of the results and how many there are in all.
pub fn run(conn: &mut DbConn, search: &Search, page: &PageParams) -> Result<(Vec<Hit>, i64)> {
    if search.words.is_empty() {
        return newest(conn, search, page);
    }
    matched(conn, search, page)
}

/// The listed products a search without words may show, selecting `$columns`. The flags are
/// written as bare columns, not compared with a bound `true`: a prepared statement's generic plan
/// can then prove the partial indexes' `WHERE published AND available`.
macro_rules! listed {
    ($search:expr, $columns:expr) => {{
        let search = $search;
        let mut query = products::table
            .filter(products::published)
            .filter(products::available)
            .select($columns)
            .into_boxed();
        if let Some(c) = search.category {
            query = query.filter(products::category.eq(c.code()));
        }
        if let Some(ids) = &search.desa_ids {
            query = query.filter(products::desa_id.eq_any(ids));
        }
        if let Some(v) = search.price_from {
            query = query.filter(products::price_min.ge(v));
        }
        if let Some(v) = search.price_to {
            query = query.filter(products::price_min.le(v));
        }
        query
    }};
}

/// Without words: straight from the products, by an index in the asked order; counted from the
/// kept counts unless a price bound asks for a count of the products themselves.
fn newest(conn: &mut DbConn, search: &Search, page: &PageParams) -> Result<(Vec<Hit>, i64)> {
    let total = if search.price_from.is_none() && search.price_to.is_none() {
        // Summed in the database, cast so that both backends answer a BIGINT.
        let sum = diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::BigInt>>(
            "CAST(SUM(n) AS BIGINT)",
        );
        let mut kept = emall_counts::table.select(sum).into_boxed();
        if let Some(c) = search.category {
            kept = kept.filter(emall_counts::category.eq(c.code()));
        }
        if let Some(ids) = &search.desa_ids {
            kept = kept.filter(emall_counts::desa_id.eq_any(ids));
        }
        kept.first::<Option<i64>>(conn)?.unwrap_or(0)
    } else {
        listed!(search, diesel::dsl::count_star()).first::<i64>(conn)?
    };
    let query = listed!(search, products::id);
    let query = match search.sort {
        Sort::Relevance | Sort::Newest => {
            query.order((products::created_at.desc(), products::id.desc()))
        }
        Sort::Cheapest => query.order((products::price_min.asc(), products::id.asc())),
        Sort::Dearest => query.order((products::price_min.desc(), products::id.asc())),
    };
    let ids: Vec<String> = query.limit(page.limit()).offset(page.offset()).load(conn)?;
    let hits = ids
        .into_iter()
        .map(|product_id| Hit {
            product_id,
            score: 0,
        })
        .collect();
    Ok((hits, total))
}

/// What one product has for the search so far.
struct Candidate {
    price_min: i64,
    created_at: NaiveDateTime,
    /// The best score of each search word; 0 where a word has not matched.
    per_word: Vec<i32>,
}

/// One row of a word's read: the product, the weight of the field, whether the whole word
/// matched, the product's price and date (no more: a common word has thousands of rows).
type WordRow = (String, i16, bool, i64, NaiveDateTime);

/// The filters every read of the words' index applies.
macro_rules! filtered {
    ($query:expr, $search:expr) => {{
        let mut query = $query;
        if let Some(c) = $search.category {
            query = query.filter(product_words::category.eq(c.code()));
        }
        if let Some(ids) = &$search.desa_ids {
            query = query.filter(product_words::desa_id.eq_any(ids));
        }
        if let Some(v) = $search.price_from {
            query = query.filter(product_words::price_min.ge(v));
        }
        if let Some(v) = $search.price_to {
            query = query.filter(product_words::price_min.le(v));
        }
        query
    }};
}

/// The rows of one search word: those it begins, then those that only share its loose
/// spelling (kind 2). Two reads rather than one with OR, so that each is an index-only scan.
fn word_rows(conn: &mut DbConn, search: &Search, word: &str) -> Result<Vec<(WordRow, i32)>> {
    let high = format!("{word}\u{10FFFF}");
    let begins = product_words::word
        .ge(word.to_string())
        .and(product_words::word.lt(high.clone()));
    let columns = (
        product_words::product_id,
        product_words::weight,
        product_words::word.eq(word.to_string()),
        product_words::price_min,
        product_words::created_at,
    );
    let query = filtered!(
        product_words::table
            .filter(begins.clone())
            .select(columns.clone())
            .into_boxed(),
        search
    );
    let mut rows: Vec<(WordRow, i32)> = query
        .load::<WordRow>(conn)?
        .into_iter()
        .map(|r| {
            let kind = if r.2 { 4 } else { 3 };
            (r, kind)
        })
        .collect();
    let loose = words::loose(word);
    if loose.chars().count() >= words::MIN_LOOSE {
        let query = filtered!(
            product_words::table
                .filter(product_words::loose.eq(loose))
                .filter(diesel::dsl::not(begins))
                .select(columns)
                .into_boxed(),
            search
        );
        rows.extend(query.load::<WordRow>(conn)?.into_iter().map(|r| (r, 2)));
    }
    Ok(rows)
}

/// With words: from the words' index, read word by word, ranked here.
fn matched(conn: &mut DbConn, search: &Search, page: &PageParams) -> Result<(Vec<Hit>, i64)> {
    let n = search.words.len();
    let mut found: HashMap<String, Candidate> = HashMap::new();
    for (i, word) in search.words.iter().enumerate() {
        for ((product_id, weight, _, price_min, created_at), kind) in word_rows(conn, search, word)?
        {
            if i > 0 && !found.contains_key(&product_id) {
                continue;
            }
            let score = i32::from(weight) * kind;
            let c = found.entry(product_id).or_insert_with(|| Candidate {
                price_min,
                created_at,
                per_word: vec![0; n],
            });
            c.per_word[i] = c.per_word[i].max(score);
        }
        // Whatever this word did not match is out.
        found.retain(|_, c| c.per_word[i] > 0);
        if found.is_empty() {
            break;
        }
    }
    let mut ranked: Vec<(String, Candidate, i32)> = found
        .into_iter()
        .map(|(id, c)| {
            let score = c.per_word.iter().sum();
            (id, c, score)
        })
        .collect();
    ranked.sort_by(|(a_id, a, a_score), (b_id, b, b_score)| {
        let by_sort = match search.sort {
            Sort::Relevance => b_score.cmp(a_score).then(b.created_at.cmp(&a.created_at)),
            Sort::Newest => b.created_at.cmp(&a.created_at),
            Sort::Cheapest => a.price_min.cmp(&b.price_min),
            Sort::Dearest => b.price_min.cmp(&a.price_min),
        };
        by_sort.then_with(|| a_id.cmp(b_id))
    });
    let total = ranked.len() as i64;
    let hits = ranked
        .into_iter()
        .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(page.limit()).unwrap_or(usize::MAX))
        .map(|(product_id, _, score)| Hit { product_id, score })
        .collect();
    Ok((hits, total))
}
