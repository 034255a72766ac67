//! Ordering is a WhatsApp chat with the seller: the number is kept only in one form (+62 and
//! digits), so the link built from it can only ever point at `https://wa.me/`.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

/// An Indonesian mobile number, normalised to `+628…` (10 to 13 digits after the country code's
/// 62, as Telkomsel, Indosat, XL and the others hand them out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "+6281234567890")]
pub struct WhatsApp(String);

impl WhatsApp {
    /// The number as stored, trusted (it was parsed on the way in).
    pub fn stored(s: String) -> WhatsApp {
        WhatsApp(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The chat link with a message already written in it.
    pub fn chat_link(&self, message: &str) -> String {
        let digits: String = self.0.chars().filter(char::is_ascii_digit).collect();
        format!(
            "https://wa.me/{digits}?text={}",
            utf8_percent_encode(message, NON_ALPHANUMERIC)
        )
    }
}

impl TryFrom<String> for WhatsApp {
    type Error = String;
    fn try_from(s: String) -> Result<WhatsApp, String> {
        let wrong = || {
            "nomor WhatsApp tidak valid: nomor HP Indonesia, contoh 0812-3456-7890 atau +62 812 3456 7890"
                .to_string()
        };
        let t = s.trim();
        let allowed = t.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
        });
        if !allowed {
            return Err(wrong());
        }
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        let national = if let Some(rest) = digits.strip_prefix("62") {
            rest
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else if t.starts_with('+') {
            return Err(wrong());
        } else {
            &digits
        };
        if national.starts_with('8') && (9..=12).contains(&national.len()) {
            Ok(WhatsApp(format!("+62{national}")))
        } else {
            Err(wrong())
        }
    }
}

impl From<WhatsApp> for String {
    fn from(w: WhatsApp) -> String {
        w.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<String, String> {
        WhatsApp::try_from(s.to_string()).map(String::from)
    }

    #[test]
    fn every_way_of_writing_a_number_is_one_number() {
        for s in [
            "0812-3456-7890",
            "+62 812 3456 7890",
            "6281234567890",
            "81234567890",
        ] {
            assert_eq!(parse(s).unwrap(), "+6281234567890", "{s}");
        }
        for s in [
            "0254-123456",
            "+1 202 555 0100",
            "0812",
            "0812abc4567",
            "javascript:alert(1)",
        ] {
            assert!(parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn the_link_is_always_wa_me() {
        let w = WhatsApp::try_from("081234567890".to_string()).unwrap();
        assert_eq!(
            w.chat_link("Halo & ?x=1#y"),
            "https://wa.me/6281234567890?text=Halo%20%26%20%3Fx%3D1%23y"
        );
    }
}
