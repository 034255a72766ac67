//! The one error type of the kernel, and its mapping to HTTP (RFC 9457 problem+json).

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One wrong field of an input, with what the person has to change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A problem in one cell of an uploaded file: the row as numbered in the file (the header is
/// row 1), the column's name and what is wrong.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("berkas berisi baris yang tidak valid")]
    Rows(Vec<RowError>),
    #[error("data tidak valid")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    BadRequest(String),
    #[error("perlu masuk terlebih dahulu")]
    Unauthorized(String),
    #[error("akses ditolak")]
    Forbidden(String),
    #[error("{0} tidak ditemukan")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("terlalu banyak percobaan")]
    Locked { retry_after_secs: i64 },
    /// A NIK active in another desa of the regency (which one is not said).
    #[error("NIK {0} masih terdaftar aktif di desa lain")]
    NikElsewhere(String),
    /// More NIKs of other desa asked after than an account may ask in an hour.
    #[error("terlalu banyak NIK desa lain diperiksa")]
    ProbeLimit { retry_after_secs: i64 },
    /// Sign-ins coming faster than an address, or the instance, may make them.
    #[error("terlalu banyak percobaan masuk")]
    TooManyAttempts { retry_after_secs: i64 },
    #[error("{0}")]
    PayloadTooLarge(String),
    /// Well-formed, but of a kind the server will not process.
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("basis data: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("koneksi basis data: {0}")]
    Pool(String),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        Error::Internal(e.to_string())
    }

    /// Stable problem type, title and human detail in Bahasa Indonesia.
    /// What the person is told, as the problem's `detail` says it.
    pub fn detail(&self) -> String {
        self.parts().2
    }

    pub(crate) fn parts(&self) -> (&'static str, &'static str, String) {
        match self {
            Error::Invalid(errors) => (
                "invalid-input",
                "Data tidak valid",
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Error::Rows(rows) => (
                "invalid-rows",
                "Berkas berisi data tidak valid",
                format!(
                    "{} masalah ditemukan; tidak ada data yang disimpan. Perbaiki baris yang disebut lalu unggah ulang.",
                    rows.len()
                ),
            ),
            Error::BadRequest(d) => ("bad-request", "Permintaan tidak valid", d.clone()),
            Error::Unauthorized(d) => ("unauthorized", "Perlu masuk", d.clone()),
            Error::Forbidden(d) => ("forbidden", "Akses ditolak", d.clone()),
            Error::NotFound(what) => (
                "not-found",
                "Tidak ditemukan",
                format!("{what} tidak ditemukan."),
            ),
            Error::Conflict(d) => ("conflict", "Konflik dengan data yang ada", d.clone()),
            Error::Locked { retry_after_secs } => (
                "locked",
                "Terlalu banyak percobaan",
                format!(
                    "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {} menit.",
                    (retry_after_secs + 59) / 60
                ),
            ),
            Error::NikElsewhere(nik) => (
                "conflict",
                "Konflik dengan data yang ada",
                format!(
                    "NIK {nik} masih terdaftar aktif di desa lain di Kabupaten Serang. Penduduk \
                     harus dicatat pindah oleh desa asalnya lebih dulu."
                ),
            ),
            Error::ProbeLimit { retry_after_secs } => (
                "too-many-probes",
                "Terlalu banyak pemeriksaan NIK",
                format!(
                    "Akun ini sudah terlalu sering menemukan NIK yang terdaftar di desa lain \
                     (batas {} per jam). Coba lagi dalam {} menit.",
                    crate::db::NIK_PROBES_PER_HOUR,
                    (retry_after_secs + 59) / 60
                ),
            ),
            Error::TooManyAttempts { retry_after_secs } => (
                "too-many-attempts",
                "Terlalu banyak percobaan",
                format!(
                    "Terlalu banyak percobaan masuk dalam waktu singkat. Coba lagi dalam {} detik.",
                    retry_after_secs
                ),
            ),
            Error::PayloadTooLarge(d) => ("payload-too-large", "Data terlalu besar", d.clone()),
            Error::Unprocessable(d) => ("unprocessable", "Berkas tidak dapat diproses", d.clone()),
            Error::UnsupportedMediaType(d) => {
                ("unsupported-media-type", "Format tidak didukung", d.clone())
            }
            Error::Database(_) | Error::Pool(_) | Error::Internal(_) => (
                "internal",
                "Kesalahan server",
                "Terjadi kesalahan pada server. Silakan coba lagi; bila berulang, hubungi Diskominfo."
                    .into(),
            ),
        }
    }
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [FieldError]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<&'a [RowError]>,
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        match self {
            Error::Invalid(_) | Error::BadRequest(_) | Error::Rows(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Conflict(_) | Error::NikElsewhere(_) => StatusCode::CONFLICT,
            Error::Locked { .. } | Error::TooManyAttempts { .. } | Error::ProbeLimit { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            Error::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::Database(_) | Error::Pool(_) | Error::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let (kind, title, detail) = self.parts();
        let errors = match self {
            Error::Invalid(errors) => Some(errors.as_slice()),
            _ => None,
        };
        let rows = match self {
            Error::Rows(rows) => Some(rows.as_slice()),
            _ => None,
        };
        let mut response = HttpResponse::build(status);
        if let Error::Locked { retry_after_secs }
        | Error::TooManyAttempts { retry_after_secs }
        | Error::ProbeLimit { retry_after_secs } = self
        {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let Error::Unauthorized(_) = self {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        let body = serde_json::to_string(&Problem {
            kind: format!("/problems/{kind}"),
            title,
            status: status.as_u16(),
            detail,
            errors,
            rows,
        })
        .unwrap_or_default();
        response.content_type("application/problem+json").body(body)
    }
}
