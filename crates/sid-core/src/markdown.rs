//! Descriptions and articles are written in Markdown and shown as HTML that can hold no script: rendered by
//! pulldown-cmark, then cleaned by ammonia (which keeps only harmless tags and attributes and
//! makes every link `rel="noopener noreferrer nofollow"`).

use pulldown_cmark::{html, Options, Parser};

/// Safe HTML of a Markdown text.
pub fn to_html(markdown: &str) -> String {
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(
            markdown,
            Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
        ),
    );
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .clean(&raw)
        .to_string()
}

/// The words of a Markdown text without its markup, for search and for page descriptions.
pub fn to_plain(markdown: &str) -> String {
    use pulldown_cmark::Event;
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_script_survives() {
        let html = to_html("**Enak** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(html.contains("<strong>Enak</strong>"));
        for bad in ["<script", "javascript:", "onerror"] {
            assert!(!html.contains(bad), "{html}");
        }
        assert_eq!(
            to_plain("# Keripik\n\n**pedas** manis"),
            "Keripik pedas manis"
        );
    }
}
