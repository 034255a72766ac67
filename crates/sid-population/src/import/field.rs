//! The fields of a resident that an import file's columns are read into.

/// What a column holds, named as in our template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    NoKk,
    Nik,
    Nama,
    JenisKelamin,
    TempatLahir,
    TanggalLahir,
    Agama,
    Pendidikan,
    Pekerjaan,
    StatusPerkawinan,
    Shdk,
    Kewarganegaraan,
    GolonganDarah,
    NamaAyah,
    NamaIbu,
    Alamat,
    Dusun,
    Rw,
    Rt,
    NikAyah,
    NikIbu,
    Cacat,
    AktaLahir,
    StatusDasar,
    StatusKtp,
    SakitMenahun,
    CaraKb,
    Asuransi,
}

impl Field {
    /// The column of our template that holds it.
    pub fn name(self) -> &'static str {
        match self {
            Field::NoKk => "no_kk",
            Field::Nik => "nik",
            Field::Nama => "nama",
            Field::JenisKelamin => "jenis_kelamin",
            Field::TempatLahir => "tempat_lahir",
            Field::TanggalLahir => "tanggal_lahir",
            Field::Agama => "agama",
            Field::Pendidikan => "pendidikan",
            Field::Pekerjaan => "pekerjaan",
            Field::StatusPerkawinan => "status_perkawinan",
            Field::Shdk => "shdk",
            Field::Kewarganegaraan => "kewarganegaraan",
            Field::GolonganDarah => "golongan_darah",
            Field::NamaAyah => "nama_ayah",
            Field::NamaIbu => "nama_ibu",
            Field::Alamat => "alamat",
            Field::Dusun => "dusun",
            Field::Rw => "rw",
            Field::Rt => "rt",
            Field::NikAyah => "nik_ayah",
            Field::NikIbu => "nik_ibu",
            Field::Cacat => "cacat",
            Field::AktaLahir => "akta_lahir",
            Field::StatusDasar => "status_dasar",
            Field::StatusKtp => "status_ktp",
            Field::SakitMenahun => "sakit_menahun",
            Field::CaraKb => "cara_kb",
            Field::Asuransi => "asuransi",
        }
    }

    /// The code list its values come from.
    pub fn list(self) -> Option<&'static str> {
        Some(match self {
            Field::JenisKelamin => "jenis_kelamin",
            Field::Agama => "agama",
            Field::Pendidikan => "pendidikan_kk",
            Field::Pekerjaan => "pekerjaan",
            Field::StatusPerkawinan => "status_perkawinan",
            Field::Shdk => "shdk",
            Field::Kewarganegaraan => "kewarganegaraan",
            Field::GolonganDarah => "golongan_darah",
            Field::Cacat => "cacat",
            Field::StatusDasar => "status_dasar",
            Field::StatusKtp => "status_ktp",
            Field::SakitMenahun => "sakit_menahun",
            Field::CaraKb => "cara_kb",
            Field::Asuransi => "asuransi",
            _ => return None,
        })
    }
}
