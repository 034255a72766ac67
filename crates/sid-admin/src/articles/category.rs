//! The article categories, the same for every desa so that the regency's news page can filter
//! every desa's farming or fishing news at once.

sid_core::code_list!(
    pub enum Category("kategori") {
        Berita = ("berita", "Berita"),
        Pengumuman = ("pengumuman", "Pengumuman"),
        Pertanian = ("pertanian", "Pertanian"),
        Perikanan = ("perikanan", "Perikanan & Kelautan"),
        Umkm = ("umkm", "UMKM"),
        Kegiatan = ("kegiatan", "Kegiatan"),
    }
);

impl Category {
    /// The label of a stored code.
    pub fn label_of(code: &str) -> &'static str {
        Category::parse(code).map_or("Berita", Category::label)
    }
}
