//! Photos people upload for the public (product and seller photos, next article images): judged
//! by their bytes, bounded in pixels before decoding, and re-encoded as JPEG in two sizes, so
//! that what is served is always an image this server made (no script, no camera location) and a
//! phone on a slow link loads a small one.

use image::imageops::FilterType;
use image::DynamicImage;

use crate::auth::User;
use crate::db::{DbConn, Write};
use crate::files::{self, FileKey, Files, Staged};
use crate::{AppState, Error, Result, TenantId};

/// The largest photo accepted, before re-encoding.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// The longest side of the large and the thumbnail version.
const LARGE_SIDE: u32 = 1200;
const THUMB_SIDE: u32 = 400;

/// The kinds of upload taken: what phones and cameras make.
const ACCEPTED: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// One of the two sizes kept of each photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Large,
    Thumb,
}

impl Size {
    pub fn parse(s: &str) -> Option<Size> {
        match s {
            "besar" => Some(Size::Large),
            "kecil" => Some(Size::Thumb),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Size::Large => "besar",
            Size::Thumb => "kecil",
        }
    }
}

/// A photo made ready to keep: both sizes as JPEG, and the large one's pixel size.
pub struct Prepared {
    pub large: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: i32,
    pub height: i32,
}

/// A kept photo as the API and the pages show it: both widths, for `srcset`.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Photo {
    /// At most 1200 pixels a side.
    pub url: String,
    /// At most 400 pixels a side.
    pub thumb_url: String,
    pub width: i32,
    pub height: i32,
    /// The same two on this server, for its own pages (whatever address it is reached by).
    #[serde(skip)]
    pub path: String,
    #[serde(skip)]
    pub thumb_path: String,
}

impl Photo {
    /// The photo `id` as served under `folder` (`{folder}/besar/{id}.jpg` and `…/kecil/…`), a
    /// path on the server whose public address is `base`.
    pub fn new(base: &str, folder: &str, id: &str, width: i32, height: i32) -> Photo {
        let path = format!("{folder}/{}/{id}.jpg", Size::Large.as_str());
        let thumb_path = format!("{folder}/{}/{id}.jpg", Size::Thumb.as_str());
        Photo {
            url: format!("{base}{path}"),
            thumb_url: format!("{base}{thumb_path}"),
            width,
            height,
            path,
            thumb_path,
        }
    }
}

/// Reads an uploaded photo from the request body and prepares it off the async threads
/// (decoding takes a while): refused with the reason when it is empty, too large or no photo.
pub async fn receive(
    req: &actix_web::HttpRequest,
    payload: actix_web::web::Payload,
) -> Result<Prepared> {
    let bytes = files::read_upload(req, payload, MAX_BYTES).await?;
    if bytes.is_empty() {
        return Err(Error::invalid("file", "berkas kosong"));
    }
    actix_web::web::block(move || prepare(&bytes))
        .await
        .map_err(Error::internal)?
}

/// Checks and re-encodes an upload.
pub fn prepare(bytes: &[u8]) -> Result<Prepared> {
    files::sniff(bytes, &ACCEPTED, "foto JPEG, PNG atau WebP")?;
    let image = files::decode_image(bytes)?;
    if image.width() < 16 || image.height() < 16 {
        return Err(Error::Unprocessable(
            "Foto terlalu kecil: paling sedikit 16×16 piksel.".into(),
        ));
    }
    let large = fit(&image, LARGE_SIDE);
    // At most LARGE_SIDE: the database's integers hold them.
    let (width, height) = (large.width() as i32, large.height() as i32);
    Ok(Prepared {
        large: jpeg(&large, 82)?,
        thumb: jpeg(&fit(&image, THUMB_SIDE), 75)?,
        width,
        height,
    })
}

fn fit(image: &DynamicImage, side: u32) -> DynamicImage {
    if image.width() <= side && image.height() <= side {
        image.clone()
    } else {
        image.resize(side, side, FilterType::Triangle)
    }
}

fn jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    image
        .to_rgb8()
        .write_with_encoder(encoder)
        .map_err(Error::internal)?;
    Ok(out)
}

/// Where one size of a photo is kept.
pub fn key(tenant: &TenantId, id: &str, size: Size) -> FileKey {
    FileKey::photo(tenant, id, size.as_str())
}

/// Writes both sizes for a transaction that will refer to the photo; both go again unless kept.
pub fn stage(files: &Files, tenant: &TenantId, id: &str, photo: &Prepared) -> Result<[Staged; 2]> {
    Ok([
        files.stage(key(tenant, id, Size::Large), &photo.large)?,
        files.stage(key(tenant, id, Size::Thumb), &photo.thumb)?,
    ])
}

/// The size and photo id a photo route names (`{size}/{id}.jpg`); anything else is not found.
fn requested(size: &str, file: &str) -> Result<(Size, String)> {
    let size = Size::parse(size).ok_or_else(|| Error::NotFound("Foto".into()))?;
    let id = file
        .strip_suffix(".jpg")
        .filter(|id| id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
        .ok_or_else(|| Error::NotFound("Foto".into()))?;
    Ok((size, id.to_string()))
}

/// One size of a photo as served, with the `Cache-Control` given.
fn serve(
    files: &Files,
    tenant: &TenantId,
    id: &str,
    size: Size,
    cache: &str,
) -> Result<actix_web::HttpResponse> {
    let bytes = files
        .read(&key(tenant, id, size))?
        .ok_or_else(|| Error::NotFound("Foto".into()))?;
    Ok(actix_web::HttpResponse::Ok()
        .content_type("image/jpeg")
        .insert_header((actix_web::http::header::CACHE_CONTROL, cache.to_string()))
        .body(bytes))
}

/// Serves one size of the photo a photo route names (`{size}/{id}.jpg`) when `cache_of` finds
/// it among the desa's photos of that route's kind that the caller may see, with the
/// `Cache-Control` it gives; anything else is not found.
pub async fn serve_known<F>(
    state: &AppState,
    tenant: &TenantId,
    size: &str,
    file: &str,
    cache_of: F,
) -> Result<actix_web::HttpResponse>
where
    F: FnOnce(&mut DbConn, &TenantId, &str) -> Result<Option<&'static str>> + Send + 'static,
{
    let (size, id) = requested(size, file)?;
    let asked = id.clone();
    let cache = state
        .db
        .tenant_read(tenant, move |conn, tenant| cache_of(conn, tenant, &asked))
        .await?
        .ok_or_else(|| Error::NotFound("Foto".into()))?;
    serve(&state.files, tenant, &id, size, cache)
}

/// A photo whose id never names another picture: kept by browsers for a year.
pub const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

/// Keeps `photo` under a new id as the photo of one record, in place of the one it had: `set`
/// stores the id in the write and gives back its answer and the id replaced. The new files stay
/// only if the write commits; the replaced ones go once it has.
pub async fn replace<T, F>(
    state: &AppState,
    tenant: &TenantId,
    actor: &User,
    photo: Prepared,
    set: F,
) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Write, &str, &Prepared) -> Result<(T, Option<String>)> + Send + 'static,
{
    let files = state.files.clone();
    let id = crate::ids::new_id();
    let (value, before, staged) = state
        .db
        .write(tenant, actor, move |w| {
            let staged = stage(&files, w.tenant, &id, &photo)?;
            let (value, before) = set(w, &id, &photo)?;
            Ok((value, before, staged))
        })
        .await?;
    staged.into_iter().for_each(|s| s.keep());
    if let Some(old) = before {
        remove(&state.files, tenant, &old)?;
    }
    Ok(value)
}

/// Removes both sizes of a photo whose row is gone.
pub fn remove(files: &Files, tenant: &TenantId, id: &str) -> Result<()> {
    files.remove(&key(tenant, id, Size::Large))?;
    files.remove(&key(tenant, id, Size::Thumb))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        DynamicImage::new_rgb8(w, h)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_photo_is_made_smaller_and_jpeg() {
        let p = prepare(&png(3000, 1500)).unwrap();
        assert_eq!((p.width, p.height), (1200, 600));
        assert_eq!(infer::get(&p.large).unwrap().mime_type(), "image/jpeg");
        assert!(p.thumb.len() < p.large.len());
    }

    #[test]
    fn what_is_not_a_photo_is_refused() {
        assert!(matches!(
            prepare(b"<svg onload=alert(1)>"),
            Err(Error::UnsupportedMediaType(_))
        ));
        assert!(matches!(prepare(&png(8, 8)), Err(Error::Unprocessable(_))));
    }
}
