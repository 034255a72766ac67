//! The letter as PDF, rendered by Typst used as a library. Fonts (bundled with typst-assets,
//! so no system fonts are needed) and the template are loaded once per process; a render then
//! takes a few milliseconds. The data goes in as a JSON file the template reads, so nothing a
//! person typed is ever interpreted as markup; the output depends on the data only.

use std::sync::OnceLock;

use serde::Serialize;
use sid_core::{Error, Result};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

/// What the template prints.
#[derive(Serialize)]
pub struct LetterData {
    /// `a4` or `f4`.
    pub kertas: String,
    pub desa: String,
    pub kecamatan: String,
    pub alamat: String,
    pub judul: String,
    pub nomor: String,
    /// Paragraphs, each a list of lines.
    pub paragraf: Vec<Vec<String>>,
    pub tempat_tanggal: String,
    pub jabatan: String,
    pub penandatangan: String,
    pub verifikasi: String,
    pub berlaku: String,
    /// The kop's logo file: the desa's own (`/desa-logo.png` or `.jpg`) or the regency emblem.
    pub logo: String,
}

struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    template: Source,
    logo: Bytes,
}

fn file_id(path: &str) -> FileId {
    // Fixed paths: file ids are interned for the life of the process.
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a fixed virtual path"),
    )
    .intern()
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Engine {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            template: Source::new(
                file_id("/main.typ"),
                include_str!("../assets/surat.typ").to_string(),
            ),
            logo: Bytes::new(include_bytes!("../assets/logo.svg").as_slice()),
        }
    })
}

struct LetterWorld {
    data: Bytes,
    qr: Bytes,
    desa_logo: Option<Bytes>,
}

impl World for LetterWorld {
    fn library(&self) -> &LazyHash<Library> {
        &engine().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &engine().book
    }

    fn main(&self) -> FileId {
        engine().template.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let template = &engine().template;
        if id == template.id() {
            Ok(template.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match id.vpath().get_with_slash() {
            "/data.json" => Ok(self.data.clone()),
            "/qr.png" => Ok(self.qr.clone()),
            "/logo.svg" => Ok(engine().logo.clone()),
            "/desa-logo.png" | "/desa-logo.jpg" => self
                .desa_logo
                .clone()
                .ok_or_else(|| FileError::NotFound("/desa-logo".into())),
            other => Err(FileError::NotFound(other.into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        engine().fonts.get(index).cloned()
    }

    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        // The template prints dates from the data; a fixed "today" keeps renders identical.
        Datetime::from_ymd(2000, 1, 1)
    }
}

fn diagnostics(d: typst::ecow::EcoVec<SourceDiagnostic>) -> Error {
    Error::Internal(format!(
        "PDF gagal dibuat: {}",
        d.iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    ))
}

/// Loads the fonts now rather than on the first signing.
pub fn warm_up() {
    engine();
}

/// The PDF of a letter whose QR code holds `qr_text`, with the desa's logo when it has one
/// (`data.logo` names its file).
pub fn render(data: &LetterData, qr_text: &str, desa_logo: Option<Vec<u8>>) -> Result<Vec<u8>> {
    // One pixel per module: a tiny PNG the PDF scales up without smoothing, far cheaper to
    // embed than the same code drawn as thousands of vector squares.
    let qr = qrcode::QrCode::with_error_correction_level(qr_text.as_bytes(), qrcode::EcLevel::L)
        .map_err(Error::internal)?
        .render::<image::Luma<u8>>()
        .module_dimensions(1, 1)
        .build();
    let mut png = std::io::Cursor::new(Vec::new());
    qr.write_to(&mut png, image::ImageFormat::Png)
        .map_err(Error::internal)?;
    let world = LetterWorld {
        data: Bytes::from_string(serde_json::to_string(data).map_err(Error::internal)?),
        qr: Bytes::new(png.into_inner()),
        desa_logo: desa_logo.map(Bytes::new),
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(diagnostics)?;
    let options = PdfOptions {
        ident: Smart::Custom("sid-serang-surat".into()),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(diagnostics)?;
    // Typst memoizes across calls in one process-wide cache; keep it bounded.
    typst::comemo::evict(10);
    Ok(pdf)
}

/// How long rendering a typical letter takes, `n` times with a different number each time
/// (for `sid bench letters`: the PDF's own share of a signing).
pub fn time_renders(n: usize) -> Result<Vec<std::time::Duration>> {
    warm_up();
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let data = LetterData {
            kertas: "a4".into(),
            desa: "Kramatwatu".into(),
            kecamatan: "Kramatwatu".into(),
            alamat: "Jl. Raya Kramatwatu No. 1, Kabupaten Serang, Banten".into(),
            judul: "Surat Keterangan Domisili".into(),
            nomor: format!("470/{:03}/36.04.05.2001/XI/2026", i + 1),
            paragraf: vec![
                vec!["Yang bertanda tangan di bawah ini Kepala Desa Kramatwatu, Kecamatan Kramatwatu, Kabupaten Serang, menerangkan dengan sebenarnya bahwa:".into()],
                vec!["Nama: Ahmad Fauzi".into(), "NIK: 3604050403800001".into(), "Alamat: Kp. Krajan RT 001/RW 002".into()],
                vec!["Orang tersebut di atas benar berdomisili di Desa Kramatwatu. Surat keterangan ini dibuat untuk keperluan melamar pekerjaan.".into()],
            ],
            tempat_tanggal: "Kramatwatu, 29 November 2026".into(),
            jabatan: "Kepala Desa Kramatwatu".into(),
            penandatangan: "H. Sukarta".into(),
            verifikasi: "https://sid.serangkab.go.id/verifikasi/AAAAAAAAAAAAAAAAAAAAAA".into(),
            berlaku: "27 Februari 2027".into(),
            logo: "/logo.svg".into(),
        };
        let qr = format!("https://sid.serangkab.go.id/verifikasi/{i:022}#U0lELVNFUkFORy8xCjM2LjA0LjA1LjIwMDEKNDcwLzAwMS8zNi4wNC4wNS4yMDAxL1hJLzIwMjYKZG9taXNpbGkKMjAyNi0xMS0yOQpBKioqKiBGKioqKgo.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl");
        let started = std::time::Instant::now();
        render(&data, &qr, None)?;
        times.push(started.elapsed());
    }
    Ok(times)
}
