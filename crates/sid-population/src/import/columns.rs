//! The column layout of an import file. Headers are matched without regard to case, spaces or
//! underscores; the template lists them in order with one example row.

/// (name, required, what it holds)
pub const COLUMNS: &[(&str, bool, &str)] = &[
    ("no_kk", true, "No KK, 16 digit"),
    ("nik", true, "NIK, 16 digit (kolom Teks di Excel)"),
    ("nama", true, "nama lengkap"),
    ("jenis_kelamin", true, "1/L laki-laki, 2/P perempuan"),
    ("tempat_lahir", true, "tempat lahir"),
    (
        "tanggal_lahir",
        true,
        "DD-MM-YYYY, YYYY-MM-DD atau tanggal Excel",
    ),
    ("agama", true, "kode agama"),
    ("pendidikan", true, "kode pendidikan dalam KK"),
    ("pekerjaan", true, "kode pekerjaan"),
    ("status_perkawinan", true, "kode status perkawinan"),
    (
        "shdk",
        true,
        "kode hubungan dalam keluarga; 1 kepala keluarga",
    ),
    ("kewarganegaraan", false, "kode; 1 WNI bila kosong"),
    ("golongan_darah", false, "kode; 13 tidak tahu bila kosong"),
    ("nama_ayah", false, ""),
    ("nama_ibu", false, ""),
    ("alamat", true, "alamat keluarga"),
    ("dusun", false, "dusun, bersama rw dan rt"),
    ("rw", false, ""),
    ("rt", false, ""),
];

/// The layout, for the import page.
pub fn columns() -> Vec<(&'static str, bool, &'static str)> {
    COLUMNS.to_vec()
}

/// The column names in order.
pub fn column_names() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.0).collect()
}

/// A header cell in the form the layout names it.
pub fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-', '.'], "_")
}

/// The template: the header and one example family head.
pub fn template_csv() -> String {
    format!(
        "{}\n3604051203150007,3604051702850001,Ahmad Hidayat,1,Serang,17-02-1985,1,5,9,2,1,1,13,Hasan,Aminah,Kp. Krajan RT 001/RW 002,Krajan,002,001\n",
        column_names().join(",")
    )
}
