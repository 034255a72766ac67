//! Products of each desa (produk unggulan, UMKM) and the regency e-mall. Mounted already, with
//! no routes yet, so that its routes arrive behind the tenant router with isolation in place.

use sid_core::Module;

/// The catalogue, as the composition root mounts it.
pub const MODULE: Module = Module::new("catalog");
