//! The regency e-mall (UMKM Serang): every published, available product of every active desa,
//! searched by words with spelling variants forgiven, filtered and paged.

pub mod api;
pub mod index;
pub mod listing;
pub mod pages;
pub mod search;
pub mod words;
