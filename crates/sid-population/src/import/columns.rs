//! The column layout of our own import file (and of our export). Headers are matched without
//! regard to case, spaces or punctuation; the template lists them in order with one example
//! row. Code columns take the code or its label.

use super::field::Field;

/// (field, required, what it holds)
pub const COLUMNS: &[(Field, bool, &str)] = &[
    (Field::NoKk, true, "No KK, 16 digit"),
    (Field::Nik, true, "NIK, 16 digit (kolom Teks di Excel)"),
    (Field::Nama, true, "nama lengkap"),
    (Field::JenisKelamin, true, "1/L laki-laki, 2/P perempuan"),
    (Field::TempatLahir, true, "tempat lahir"),
    (
        Field::TanggalLahir,
        true,
        "DD-MM-YYYY, YYYY-MM-DD atau tanggal Excel",
    ),
    (Field::Agama, true, "kode atau nama agama"),
    (Field::Pendidikan, true, "kode pendidikan dalam KK"),
    (Field::Pekerjaan, true, "kode pekerjaan"),
    (Field::StatusPerkawinan, true, "kode status perkawinan"),
    (
        Field::Shdk,
        true,
        "kode hubungan dalam keluarga; 1 kepala keluarga",
    ),
    (Field::Kewarganegaraan, false, "kode; 1 WNI bila kosong"),
    (Field::GolonganDarah, false, "kode; 13 tidak tahu bila kosong"),
    (Field::NamaAyah, false, ""),
    (Field::NamaIbu, false, ""),
    (Field::Alamat, true, "alamat keluarga"),
    (Field::Dusun, false, "dusun, bersama rw dan rt"),
    (Field::Rw, false, ""),
    (Field::Rt, false, ""),
    (Field::NikAyah, false, "NIK ayah bila diketahui"),
    (Field::NikIbu, false, "NIK ibu bila diketahui"),
    (Field::Cacat, false, "kode cacat bila ada"),
    (Field::AktaLahir, false, "nomor akta kelahiran"),
    (
        Field::StatusKtp,
        false,
        "KTP-el: 1 belum rekam, 2 sudah rekam, 3 sudah terbit",
    ),
    (Field::SakitMenahun, false, "kode sakit menahun bila ada"),
    (Field::CaraKb, false, "kode cara KB bila ada"),
    (Field::Asuransi, false, "kode asuransi kesehatan"),
    (
        Field::StatusDasar,
        false,
        "kode status dasar; 1 hidup bila kosong (2 mati, 3 pindah, 4 hilang, 6 pergi, 9 tidak valid)",
    ),
];

/// The layout, for the import page: (column, required, what it holds).
pub fn columns() -> Vec<(&'static str, bool, &'static str)> {
    COLUMNS
        .iter()
        .map(|(field, required, about)| (field.name(), *required, *about))
        .collect()
}

/// The column names in order.
pub fn column_names() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.0.name()).collect()
}

/// The template: the header and one example family head.
pub fn template_csv() -> String {
    format!(
        "{}\n3604051203150007,3604051702850001,Ahmad Hidayat,1,Serang,17-02-1985,1,5,9,2,1,1,13,Hasan,Aminah,Kp. Krajan RT 001/RW 002,Krajan,002,001,,,,,3,,,2,1\n",
        column_names().join(",")
    )
}
