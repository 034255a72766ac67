//! The migrations are embedded in the binary (`db::migrate`): a new or changed migration must
//! rebuild this crate, which cargo does not know from the sources alone.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
