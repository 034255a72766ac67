//! The letter types the regency ships: each with its fields, required documents, validity,
//! archive classification code, who may be its subject, and the default template text.

use serde::Serialize;

/// Who a letter may be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A living resident of the desa.
    Living,
    /// A resident whose death the desa has recorded.
    Deceased,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LetterType {
    pub code: &'static str,
    pub name: &'static str,
    /// Archive classification code (kode klasifikasi arsip), printed in the number.
    pub classification: &'static str,
    /// Days the letter stays valid after signing; none for letters that do not expire.
    pub validity_days: Option<u32>,
    pub subject: Subject,
    pub fields: Vec<Field>,
    /// Documents the requester uploads (scans or photos).
    pub documents: Vec<&'static str>,
    pub default_template: String,
}

const fn f(key: &'static str, label: &'static str, required: bool) -> Field {
    Field {
        key,
        label,
        required,
    }
}

const OPENING: &str = "Yang bertanda tangan di bawah ini Kepala Desa [nama_desa], Kecamatan [kecamatan], Kabupaten Serang, menerangkan dengan sebenarnya bahwa:\n\nNama: [nama]\nNIK: [nik]\nTempat, tanggal lahir: [tempat_lahir], [tanggal_lahir]\nJenis kelamin: [jenis_kelamin]\nAgama: [agama]\nPekerjaan: [pekerjaan]\nAlamat: [alamat]";

const CLOSING: &str =
    "Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.";

/// Every shipped type, in the order the portal lists them.
pub fn all() -> &'static [LetterType] {
    static TYPES: std::sync::OnceLock<Vec<LetterType>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        let t = |code, name, classification, validity_days, subject, fields, documents, body: &str| {
            LetterType {
                code,
                name,
                classification,
                validity_days,
                subject,
                fields,
                documents,
                default_template: format!("{OPENING}\n\n{body}\n\n{CLOSING}"),
            }
        };
        use Subject::*;
        vec![
            t("domisili", "Surat Keterangan Domisili", "470", Some(90), Living, vec![],
              vec!["KTP", "Kartu Keluarga"],
              "Orang tersebut di atas benar berdomisili di Desa [nama_desa], Kecamatan [kecamatan]. Surat keterangan ini dibuat untuk keperluan [keperluan]."),
            t("usaha", "Surat Keterangan Usaha", "510", Some(180), Living,
              vec![f("nama_usaha", "Nama usaha", true), f("jenis_usaha", "Jenis usaha", true), f("alamat_usaha", "Alamat usaha", true)],
              vec!["KTP", "Foto tempat usaha"],
              "Orang tersebut di atas benar mempunyai usaha [jenis_usaha] dengan nama [nama_usaha] yang beralamat di [alamat_usaha]. Surat keterangan ini dibuat untuk keperluan [keperluan]."),
            t("sktm", "Surat Keterangan Tidak Mampu", "400", Some(90), Living,
              vec![f("penghasilan", "Penghasilan keluarga per bulan", true)],
              vec!["KTP", "Kartu Keluarga"],
              "Orang tersebut di atas adalah benar warga kami yang tergolong keluarga tidak mampu dengan penghasilan keluarga sekitar [penghasilan] per bulan. Surat keterangan ini dibuat untuk keperluan [keperluan]."),
            t("skck", "Surat Pengantar SKCK", "331", Some(30), Living, vec![],
              vec!["KTP", "Kartu Keluarga", "Pas foto"],
              "Orang tersebut di atas benar warga kami dan sepanjang pengetahuan kami berkelakuan baik. Surat pengantar ini diberikan untuk mengurus Surat Keterangan Catatan Kepolisian (SKCK) untuk keperluan [keperluan]."),
            t("kelahiran", "Surat Keterangan Kelahiran", "474.1", None, Living,
              vec![f("nama_ayah", "Nama ayah", true), f("nama_ibu", "Nama ibu", true), f("jam_lahir", "Jam lahir", false), f("tempat_persalinan", "Tempat persalinan", true)],
              vec!["Surat keterangan lahir dari bidan/rumah sakit"],
              "Orang tersebut di atas benar telah lahir di [tempat_persalinan] sebagai anak dari ayah [nama_ayah] dan ibu [nama_ibu]."),
            t("kematian", "Surat Keterangan Kematian", "474.3", None, Deceased,
              vec![f("tanggal_meninggal", "Tanggal meninggal", true), f("sebab", "Sebab kematian", true), f("tempat_meninggal", "Tempat meninggal", true)],
              vec!["KTP almarhum", "Kartu Keluarga"],
              "Orang tersebut di atas telah meninggal dunia pada tanggal [tanggal_meninggal] di [tempat_meninggal] karena [sebab]."),
            t("pindah", "Surat Keterangan Pindah", "474.5", Some(30), Living,
              vec![f("alamat_tujuan", "Alamat tujuan", true), f("alasan", "Alasan pindah", true), f("jumlah_pengikut", "Jumlah anggota keluarga yang ikut", false)],
              vec!["KTP", "Kartu Keluarga"],
              "Orang tersebut di atas akan pindah ke [alamat_tujuan] dengan alasan [alasan], diikuti [jumlah_pengikut] anggota keluarga."),
            t("penduduk", "Surat Keterangan Penduduk", "470", Some(90), Living, vec![],
              vec!["KTP"],
              "Orang tersebut di atas benar penduduk Desa [nama_desa] dengan nomor Kartu Keluarga [no_kk]. Surat keterangan ini dibuat untuk keperluan [keperluan]."),
            t("nikah", "Surat Pengantar Nikah", "474.2", Some(90), Living,
              vec![f("nama_pasangan", "Nama calon pasangan", true), f("tempat_nikah", "Tempat akad nikah", true), f("tanggal_nikah", "Tanggal nikah", true)],
              vec!["KTP", "Kartu Keluarga", "Akta kelahiran", "Pas foto"],
              "Orang tersebut di atas dengan status perkawinan [status_perkawinan] akan melangsungkan pernikahan dengan [nama_pasangan] pada tanggal [tanggal_nikah] di [tempat_nikah]."),
            t("penghasilan_ortu", "Surat Keterangan Penghasilan Orang Tua", "400", Some(90), Living,
              vec![f("nama_anak", "Nama anak", true), f("penghasilan", "Penghasilan per bulan", true), f("sekolah", "Sekolah/perguruan tinggi anak", false)],
              vec!["KTP", "Kartu Keluarga"],
              "Orang tersebut di atas adalah orang tua dari [nama_anak] ([sekolah]) dengan penghasilan sekitar [penghasilan] per bulan. Surat keterangan ini dibuat untuk keperluan [keperluan]."),
            t("bepergian", "Surat Keterangan Bepergian", "470", Some(30), Living,
              vec![f("tujuan", "Tujuan", true), f("tanggal_berangkat", "Tanggal berangkat", true), f("lama", "Lama bepergian", false)],
              vec!["KTP"],
              "Orang tersebut di atas akan bepergian ke [tujuan] mulai tanggal [tanggal_berangkat] selama [lama] untuk keperluan [keperluan]."),
            t("keramaian", "Surat Izin Keramaian", "331", Some(14), Living,
              vec![f("acara", "Nama acara", true), f("tanggal_acara", "Tanggal acara", true), f("tempat_acara", "Tempat acara", true), f("hiburan", "Hiburan", false)],
              vec!["KTP"],
              "Orang tersebut di atas akan menyelenggarakan [acara] pada tanggal [tanggal_acara] bertempat di [tempat_acara] dengan hiburan [hiburan]. Pada prinsipnya kami tidak berkeberatan atas kegiatan tersebut."),
        ]
    })
}

pub fn find(code: &str) -> Option<&'static LetterType> {
    all().iter().find(|t| t.code == code)
}
