//! How text becomes the e-mall's words. A word is matched by its beginning ("kerip" finds
//! "keripik") and, when typed whole, by its loose spelling: Indonesian buyers write "kripik" for
//! "keripik", "telor" for "telur", "tempeh" for "tempe", or the old spelling ("djagung"); the loose
//! form drops every "e", reads "o" as "u", writes old spellings the new way, drops a final "h"
//! and joins doubled letters, so each of those pairs has one loose form.

/// The lower-case words of a text, each at most once.
pub fn split(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(40).collect())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The loose spelling of a lower-case word.
pub fn loose(word: &str) -> String {
    let mut w = word.to_string();
    for (old, new) in [("oe", "u"), ("dj", "j"), ("tj", "c")] {
        w = w.replace(old, new);
    }
    if w.len() > 3 {
        if let Some(stem) = w.strip_suffix('h') {
            w = stem.to_string();
        }
    }
    let mut out = String::with_capacity(w.len());
    let mut last = None;
    for c in w.chars() {
        let c = if c == 'o' { 'u' } else { c };
        if c == 'e' || Some(c) == last {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// Loose forms shorter than this match too much to be worth it.
pub const MIN_LOOSE: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_a_loose_form() {
        for (a, b) in [
            ("keripik", "kripik"),
            ("telur", "telor"),
            ("tempe", "tempeh"),
            ("jagung", "djagung"),
            ("kopi", "koppi"),
        ] {
            assert_eq!(loose(a), loose(b), "{a} / {b}");
        }
        assert_ne!(loose("keripik"), loose("kerupuk"));
        assert_eq!(
            split("Keripik Pisang, keripik PEDAS!"),
            ["keripik", "pedas", "pisang"]
        );
    }
}
