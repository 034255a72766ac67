/// A URL name: lower-case ASCII letters and digits joined by single `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

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
