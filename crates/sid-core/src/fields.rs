//! Small input types shared by the domain crates: each holds only a value that may be stored.

use serde::Deserialize;

/// Free text of bounded length; blank means "clear it" (or "absent").
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Text<const MAX: usize>(pub Option<String>);

impl<const MAX: usize> TryFrom<String> for Text<MAX> {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim();
        if s.chars().count() > MAX {
            return Err(format!("maksimal {MAX} karakter"));
        }
        Ok(Text((!s.is_empty()).then(|| s.to_string())))
    }
}

/// An e-mail address (a light check: one `@`, a dot in the domain, no spaces); blank clears.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Email(pub Option<String>);

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(Email(None));
        }
        let ok = s.len() <= 254
            && !s.contains(char::is_whitespace)
            && s.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty() && domain.contains('.') && !domain.contains('@')
            });
        if ok {
            Ok(Email(Some(s.to_lowercase())))
        } else {
            Err("alamat email tidak valid, contoh: desa@serangkab.go.id".into())
        }
    }
}

/// A phone number: 6-20 digits, optionally with a leading `+` and spaces or dashes; blank clears.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Phone(pub Option<String>);

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(Phone(None));
        }
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let allowed = s
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
        if allowed && (6..=20).contains(&digits) {
            Ok(Phone(Some(s.to_string())))
        } else {
            Err("nomor telepon tidak valid, contoh: 0254-123456".into())
        }
    }
}

/// Required free text: 1 to `MAX` characters after trimming.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Required<const MAX: usize>(pub String);

impl<const MAX: usize> TryFrom<String> for Required<MAX> {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match Text::<MAX>::try_from(s)?.0 {
            Some(s) => Ok(Required(s)),
            None => Err("wajib diisi".into()),
        }
    }
}

/// A point in Indonesia: latitude and longitude in degrees.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "(f64, f64)")]
#[schema(value_type = Vec<f64>, example = json!([-6.0667, 106.0833]))]
pub struct Point(pub f64, pub f64);

impl TryFrom<(f64, f64)> for Point {
    type Error = String;
    fn try_from((lat, lon): (f64, f64)) -> std::result::Result<Point, String> {
        if (-11.5..=6.5).contains(&lat) && (94.5..=141.5).contains(&lon) {
            Ok(Point(lat, lon))
        } else {
            Err("[lintang, bujur] di Indonesia, mis. [-6.0667, 106.0833]".into())
        }
    }
}

/// An area in hectares: more than 0, at most 100,000 (a desa is far smaller).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "f64")]
pub struct Hectares(pub f64);

impl TryFrom<f64> for Hectares {
    type Error = String;
    fn try_from(n: f64) -> Result<Hectares, String> {
        if n > 0.0 && n <= 100_000.0 {
            Ok(Hectares(n))
        } else {
            Err("luas dalam hektare, lebih dari 0 sampai 100.000, mis. 412.5".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_and_phone() {
        assert!(Email::try_from("desa@serangkab.go.id".to_string()).is_ok());
        assert!(Email::try_from("desa@serang".to_string()).is_err());
        assert!(Email::try_from(String::new()).unwrap().0.is_none());
        assert!(Phone::try_from("+62 254 123456".to_string()).is_ok());
        assert!(Phone::try_from("12ab".to_string()).is_err());
        assert!(Text::<3>::try_from("abcd".to_string()).is_err());
    }
}
