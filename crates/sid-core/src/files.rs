//! One store for every file the product keeps (letter PDFs, request documents, logos, signing
//! keys, product and seller photos): uploads read within a size limit, content
//! judged by its bytes, SHA-256, typed keys, whole-or-nothing writes, and no orphan file when the
//! transaction that refers to one rolls back. Local disk today; an object store is one more
//! `FileStore`, and no module changes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_web::{web, HttpRequest};
use sha2::{Digest, Sha256};

use crate::{Error, Result, TenantId};

/// Where a file lives in the store. Only the constructors below make one, so every module's
/// files have a known place and no path comes from a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileKey(String);

impl FileKey {
    /// A signed letter's PDF, kept byte for byte as signed.
    pub fn letter_pdf(tenant: &TenantId, request_id: &str) -> FileKey {
        FileKey(format!("letters/{}/{request_id}.pdf", tenant.as_str()))
    }

    /// A document uploaded with a letter request.
    pub fn document(tenant: &TenantId, id: &str) -> FileKey {
        FileKey(format!("uploads/{}/{id}", tenant.as_str()))
    }

    /// The desa's logo for the kop surat, by file extension.
    pub fn logo(tenant: &TenantId, extension: &str) -> FileKey {
        FileKey(format!("logos/{}.{extension}", tenant.as_str()))
    }

    /// One size of a public photo (a product's, a seller's), by the photo's id.
    pub fn photo(tenant: &TenantId, id: &str, size: &str) -> FileKey {
        FileKey(format!("photos/{}/{id}-{size}.jpg", tenant.as_str()))
    }

    /// The desa's Ed25519 signing key.
    pub fn signing_key(tenant: &TenantId) -> FileKey {
        FileKey(format!("keys/{}.ed25519", tenant.as_str()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A place to keep files. Every write is whole or nothing.
pub trait FileStore: Send + Sync {
    /// The file's bytes, `None` when there is no such file.
    fn read(&self, key: &FileKey) -> Result<Option<Vec<u8>>>;
    /// Writes the file, replacing an older one.
    fn put(&self, key: &FileKey, bytes: &[u8]) -> Result<()>;
    /// Writes the file only if there is none yet: `false` when another writer (request or
    /// instance) got there first, whose file then stands.
    fn put_new(&self, key: &FileKey, bytes: &[u8]) -> Result<bool>;
    /// Removes the file; a missing file is not an error.
    fn remove(&self, key: &FileKey) -> Result<()>;
}

/// Files in a folder on the local disk, readable by the server's user only.
pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    pub fn new(root: impl Into<PathBuf>) -> LocalDisk {
        LocalDisk { root: root.into() }
    }

    fn path(&self, key: &FileKey) -> Result<PathBuf> {
        if key.0.split('/').any(|s| s.is_empty() || s == "..") || key.0.contains('\\') {
            return Err(Error::Internal(format!(
                "kunci berkas tidak sah: {}",
                key.0
            )));
        }
        Ok(self.root.join(&key.0))
    }

    /// A new file next to `path`, written whole and flushed, to be moved or linked into place.
    fn temporary(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let temp = dir.join(format!(".{}.tmp", crate::ids::new_id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let written = options.open(&temp).and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        });
        match written {
            Ok(()) => Ok(temp),
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                Err(e)
            }
        }
    }
}

impl FileStore for LocalDisk {
    fn read(&self, key: &FileKey) -> Result<Option<Vec<u8>>> {
        match std::fs::read(self.path(key)?) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::internal(e)),
        }
    }

    fn put(&self, key: &FileKey, bytes: &[u8]) -> Result<()> {
        let path = self.path(key)?;
        let temp = Self::temporary(&path, bytes).map_err(Error::internal)?;
        std::fs::rename(&temp, &path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            Error::internal(e)
        })
    }

    fn put_new(&self, key: &FileKey, bytes: &[u8]) -> Result<bool> {
        let path = self.path(key)?;
        let temp = Self::temporary(&path, bytes).map_err(Error::internal)?;
        // A hard link fails when the target exists, where a rename would replace it.
        let linked = std::fs::hard_link(&temp, &path);
        let _ = std::fs::remove_file(&temp);
        match linked {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(Error::internal(e)),
        }
    }

    fn remove(&self, key: &FileKey) -> Result<()> {
        match std::fs::remove_file(self.path(key)?) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::internal(e)),
        }
    }
}

/// The handle every module holds.
#[derive(Clone)]
pub struct Files(Arc<dyn FileStore>);

impl Files {
    pub fn new(store: impl FileStore + 'static) -> Files {
        Files(Arc::new(store))
    }

    pub fn read(&self, key: &FileKey) -> Result<Option<Vec<u8>>> {
        self.0.read(key)
    }

    pub fn put(&self, key: &FileKey, bytes: &[u8]) -> Result<()> {
        self.0.put(key, bytes)
    }

    pub fn put_new(&self, key: &FileKey, bytes: &[u8]) -> Result<bool> {
        self.0.put_new(key, bytes)
    }

    pub fn remove(&self, key: &FileKey) -> Result<()> {
        self.0.remove(key)
    }

    /// Writes a file that a row of the running transaction will refer to. The file goes again
    /// when the returned guard is dropped, so a transaction that rolls back (an error later
    /// in it, a failed commit, a panic) leaves no orphan; call `keep` once it has committed.
    pub fn stage(&self, key: FileKey, bytes: &[u8]) -> Result<Staged> {
        self.0.put(&key, bytes)?;
        Ok(Staged {
            files: self.clone(),
            key: Some(key),
        })
    }
}

/// A file written for a transaction that has not committed yet.
#[must_use = "a staged file is removed when dropped; keep it after the commit"]
pub struct Staged {
    files: Files,
    key: Option<FileKey>,
}

impl Staged {
    /// The transaction committed: the file stays.
    pub fn keep(mut self) {
        self.key = None;
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            if let Err(e) = self.files.remove(&key) {
                tracing::warn!(key = key.as_str(), error = %e, "berkas yatim tidak terhapus");
            }
        }
    }
}

/// Reads an upload of at most `limit` bytes; a larger one is refused with 413 before or while
/// it is read.
pub async fn read_upload(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<web::Bytes> {
    use futures_util::StreamExt;
    let too_large = || {
        let size = match limit {
            n if n >= 1024 * 1024 => format!("{} MiB", n / (1024 * 1024)),
            n => format!("{} KiB", n / 1024),
        };
        Error::PayloadTooLarge(format!("Berkas melebihi batas {size}."))
    };
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| Error::BadRequest("Unggahan terputus.".into()))?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The largest side, in pixels, of an image the product decodes (a logo, a photo).
pub const MAX_IMAGE_SIDE: u32 = 4096;

/// Decodes an image whose sides are at most `MAX_IMAGE_SIDE` pixels, checked from its header
/// before any pixel is decoded, with the decoder's memory bounded too: a small file declaring a
/// huge image is refused, not decoded.
pub fn decode_image(bytes: &[u8]) -> Result<image::DynamicImage> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(u64::from(MAX_IMAGE_SIDE) * u64::from(MAX_IMAGE_SIDE) * 4);
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(Error::internal)?;
    reader.limits(limits);
    reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => Error::PayloadTooLarge(format!(
            "Gambar terlalu besar: paling besar {MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE} piksel."
        )),
        _ => Error::UnsupportedMediaType("Gambar rusak atau tidak lengkap.".into()),
    })
}

/// What the bytes are, judged by their content, if it is one of `accepted` (`what` names those
/// for the person uploading).
pub fn sniff(bytes: &[u8], accepted: &[&'static str], what: &str) -> Result<&'static str> {
    let found = infer::get(bytes).map(|t| t.mime_type());
    found
        .and_then(|m| accepted.iter().copied().find(|a| *a == m))
        .ok_or_else(|| {
            Error::UnsupportedMediaType(format!(
                "Berkas harus {what}; isi berkas ini {}.",
                found.map_or("tidak dikenali".to_string(), |m| format!("berjenis {m}"))
            ))
        })
}

/// The SHA-256 of the bytes, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Files) {
        let dir = tempfile::tempdir().unwrap();
        let files = Files::new(LocalDisk::new(dir.path()));
        (dir, files)
    }

    #[test]
    fn a_staged_file_goes_unless_kept() {
        let (_dir, files) = store();
        let tenant = TenantId::for_tests("d1");
        let (a, b) = (
            FileKey::document(&tenant, "a"),
            FileKey::document(&tenant, "b"),
        );
        drop(files.stage(a.clone(), b"rolled back").unwrap());
        files.stage(b.clone(), b"committed").unwrap().keep();
        assert_eq!(files.read(&a).unwrap(), None);
        assert_eq!(files.read(&b).unwrap().as_deref(), Some(&b"committed"[..]));
    }

    #[test]
    fn the_first_new_file_stands() {
        let (_dir, files) = store();
        let key = FileKey::signing_key(&TenantId::for_tests("d1"));
        assert!(files.put_new(&key, b"first").unwrap());
        assert!(!files.put_new(&key, b"second").unwrap());
        assert_eq!(files.read(&key).unwrap().as_deref(), Some(&b"first"[..]));
    }

    #[test]
    fn keys_cannot_leave_the_folder() {
        let (_dir, files) = store();
        let key = FileKey::document(&TenantId::for_tests("d1"), "../../etc/passwd");
        assert!(files.read(&key).is_err());
    }

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
