//! The desa's own logo on the kop surat: a PNG or JPEG the desa admin uploads, kept in the file
//! store; letters use the regency emblem until there is one.

use sid_core::files::{self, FileKey, Files};
use sid_core::{Error, Result, TenantId};

/// The largest logo accepted.
pub const MAX_BYTES: usize = 512 * 1024;

const KINDS: [(&str, &str); 2] = [("image/png", "png"), ("image/jpeg", "jpg")];

/// The desa's logo and its file extension, if it has uploaded one.
pub fn of(files: &Files, tenant: &TenantId) -> Result<Option<(Vec<u8>, &'static str)>> {
    for (_, ext) in KINDS {
        if let Some(bytes) = files.read(&FileKey::logo(tenant, ext))? {
            return Ok(Some((bytes, ext)));
        }
    }
    Ok(None)
}

/// Makes `bytes` the desa's logo, if they are a whole PNG or JPEG; returns its content type.
pub fn replace(files: &Files, tenant: &TenantId, bytes: &[u8]) -> Result<&'static str> {
    let kind = files::sniff(bytes, &["image/png", "image/jpeg"], "gambar PNG atau JPEG")?;
    // A logo that does not decode would break every letter signed after it.
    files::decode_image(bytes)?;
    let ext = KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, e)| *e)
        .ok_or_else(|| Error::Internal("jenis logo".into()))?;
    for (_, other) in KINDS.iter().filter(|(_, e)| *e != ext) {
        files.remove(&FileKey::logo(tenant, other))?;
    }
    files.put(&FileKey::logo(tenant, ext), bytes)?;
    Ok(kind)
}
