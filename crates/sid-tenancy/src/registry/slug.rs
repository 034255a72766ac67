/// A URL name: lower-case ASCII letters and digits joined by single `-` (the `slug` crate's,
/// which also writes letters with accents in ASCII).
pub use slug::slugify;

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Kramatwatu"), "kramatwatu");
        assert_eq!(slugify("Pulo Ampel"), "pulo-ampel");
        assert_eq!(slugify(" Tirtayasa  -  Lor "), "tirtayasa-lor");
    }
}
