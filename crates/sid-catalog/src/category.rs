//! The regency-wide list of product categories, the same for every desa so that the e-mall can
//! filter across all of them.

sid_core::code_list!(
    pub enum Category("kategori") {
        MakananMinuman = ("makanan-minuman", "Makanan & Minuman"),
        Kerajinan = ("kerajinan", "Kerajinan"),
        Pertanian = ("pertanian", "Pertanian"),
        Perikanan = ("perikanan", "Perikanan"),
        Fesyen = ("fesyen", "Fesyen"),
        Jasa = ("jasa", "Jasa"),
        Wisata = ("wisata", "Wisata"),
        Lainnya = ("lainnya", "Lainnya"),
    }
);
