//! Short lists of codes that every desa shares (product categories, article categories, funds):
//! each an enum that holds only a known code, read from and written as its code, with a label
//! for people and an error that lists the choices.

/// Declares such a list: `code_list!(pub enum Funding("sumber dana") { DanaDesa =
/// ("dana_desa", "Dana Desa"), … });`.
#[macro_export]
macro_rules! code_list {
    ($(#[$meta:meta])* $vis:vis enum $name:ident ($what:literal) {
        $($variant:ident = ($code:literal, $label:literal)),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(try_from = "String", into = "&'static str")]
        $vis enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code kept in the database and used in URLs.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|c| c.code() == code.trim())
            }

            /// `(code, label)` of every choice, for a form's select.
            pub fn choices() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|c| (c.code(), c.label())).collect()
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<$name, String> {
                $name::parse(&s).ok_or_else(|| {
                    let codes: Vec<&str> = $name::ALL.iter().map(|c| c.code()).collect();
                    format!("{} tidak dikenal; pilih salah satu: {}", $what, codes.join(", "))
                })
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<$name, String> {
                $name::try_from(s.to_string())
            }
        }

        impl From<$name> for &'static str {
            fn from(c: $name) -> &'static str {
                c.code()
            }
        }
    };
}
