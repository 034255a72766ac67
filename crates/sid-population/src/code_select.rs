//! The code lists as the pages' forms and records show them: dropdowns and names.

use crate::codes;

/// A dropdown of a code list.
pub struct Select {
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<(i32, String)>,
    /// May be left empty.
    pub optional: bool,
}

pub fn select(name: &'static str, label: &'static str, list: &str) -> Select {
    Select {
        name,
        label,
        optional: false,
        options: codes::all()
            .get(list)
            .map(|m| m.iter().map(|(c, n)| (*c, n.clone())).collect())
            .unwrap_or_default(),
    }
}

/// A dropdown that may be left empty.
pub fn optional(name: &'static str, label: &'static str, list: &str) -> Select {
    Select {
        optional: true,
        ..select(name, label, list)
    }
}

/// The name of a code, or "-" for a code the list lacks.
pub fn code_name(list: &str, code: i32) -> String {
    codes::name(list, code).unwrap_or("-").to_string()
}

/// The name of an optional code, or "belum diisi".
pub fn maybe(list: &str, code: Option<i32>) -> String {
    code.map_or_else(|| "belum diisi".to_string(), |c| code_name(list, c))
}
