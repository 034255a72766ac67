//! Where a project's money comes from: the funds of a desa's budget (APBDes) and what the
//! villagers bring themselves.

sid_core::code_list!(
    pub enum Funding("sumber dana") {
        DanaDesa = ("dana_desa", "Dana Desa"),
        Add = ("add", "Alokasi Dana Desa (ADD)"),
        Provinsi = ("bantuan_provinsi", "Bantuan Provinsi"),
        Kabupaten = ("bantuan_kabupaten", "Bantuan Kabupaten"),
        Swadaya = ("swadaya", "Swadaya masyarakat"),
    }
);

impl Funding {
    pub fn label_of(code: &str) -> &'static str {
        Funding::parse(code).map_or("Lainnya", Funding::label)
    }
}
