//! The shape every module copies, checked on the sources: crates depend only on lower layers,
//! no two files of a crate import each other (directly or round a circle), and nothing outside
//! a module's own root imports from its handler files (`api`, `pages`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers of the workspace, lowest first; README.md's architecture section shows the same.
const LAYERS: &[(&str, u8)] = &[
    ("sid-core", 0),
    ("sid-tenancy", 1),
    ("sid-admin", 1),
    ("sid-population", 1),
    ("sid-catalog", 1),
    ("sid-letters", 2),
    ("sid-regency", 3),
    ("sid", 4),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crates() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The workspace crates a manifest depends on (dependencies proper, not dev-dependencies).
fn workspace_deps(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    doc.get("dependencies")
        .and_then(|d| d.as_table())
        .map(|d| {
            d.keys()
                .filter(|k| k.starts_with("sid-"))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn crates_depend_only_on_lower_layers() {
    let layer = |name: &str| LAYERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l);
    let mut problems = Vec::new();
    let mut manifests = vec![("sid".to_string(), root().join("Cargo.toml"))];
    for name in crates() {
        let manifest = root().join("crates").join(&name).join("Cargo.toml");
        manifests.push((name, manifest));
    }
    for (name, manifest) in &manifests {
        let Some(own) = layer(name) else {
            problems.push(format!(
                "{name}: not in LAYERS (place the new crate in a layer)"
            ));
            continue;
        };
        for dep in workspace_deps(manifest) {
            match layer(&dep) {
                Some(l) if l < own => {}
                Some(l) => problems.push(format!(
                    "{name} (layer {own}) depends on {dep} (layer {l}), not below it"
                )),
                None => problems.push(format!("{name} depends on {dep}, which is in no layer")),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "crate layers:\n{}",
        problems.join("\n")
    );
}

/// A file's module path inside its crate: `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The paths a source names through `crate::` or `super::`, with `{a, b}` groups expanded;
/// comments and unit tests left out.
fn named_paths(source: &str) -> Vec<String> {
    let code: String = source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let path =
        regex::Regex::new(r"\b(?:crate|super)(?:::(?:super|[a-z_][a-z0-9_]*))*(?:::\{)?").unwrap();
    let mut found = Vec::new();
    for m in path.find_iter(&code) {
        let text = m.as_str();
        let Some(prefix) = text.strip_suffix("::{") else {
            found.push(text.to_string());
            continue;
        };
        // The group's top-level items: `a`, `b::c`, `self`, `Type`.
        let rest = &code[m.end()..];
        let (mut depth, mut item, mut end) = (0, String::new(), false);
        for ch in rest.chars() {
            match ch {
                '{' => depth += 1,
                '}' if depth == 0 => end = true,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    found.push(format!("{prefix}::{}", item.trim()));
                    item.clear();
                    continue;
                }
                _ => {}
            }
            if end {
                break;
            }
            if depth == 0 {
                item.push(ch);
            }
        }
        if !item.trim().is_empty() {
            found.push(format!("{prefix}::{}", item.trim()));
        }
    }
    found
}

/// The file module a path leads to from `from`, if it leads into another file of the crate.
fn target(from: &[String], path: &str, modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut segments = path.split("::").map(str::trim);
    let mut base: Vec<String> = match segments.next()? {
        "crate" => Vec::new(),
        _ => from[..from.len().saturating_sub(1)].to_vec(),
    };
    let rest: Vec<&str> = segments.collect();
    let mut rest = rest.as_slice();
    while let Some(("super", tail)) = rest.split_first().map(|(h, t)| (*h, t)) {
        base.pop();
        rest = tail;
    }
    (0..=rest.len()).rev().find_map(|n| {
        let mut candidate = base.clone();
        candidate.extend(rest[..n].iter().map(|s| s.to_string()));
        modules.contains(&candidate).then_some(candidate)
    })
}

fn is_handler_file(module: &[String]) -> bool {
    let n = module.len();
    matches!(module.last().map(String::as_str), Some("api" | "pages"))
        || (n >= 2 && module[n - 2] == "api")
}

/// Each crate's file modules and the files each one imports.
fn import_graphs() -> BTreeMap<String, BTreeMap<Vec<String>, BTreeSet<Vec<String>>>> {
    let mut graphs = BTreeMap::new();
    let mut sources = vec![("sid".to_string(), root().join("src"))];
    for name in crates() {
        let src = root().join("crates").join(&name).join("src");
        sources.push((name, src));
    }
    for (name, src) in sources {
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
        let mut graph = BTreeMap::new();
        for file in &files {
            let from = module_of(&src, file);
            let text = std::fs::read_to_string(file).unwrap();
            let edges: BTreeSet<Vec<String>> = named_paths(&text)
                .iter()
                .filter_map(|p| target(&from, p, &modules))
                .filter(|t| *t != from)
                .collect();
            graph.insert(from, edges);
        }
        graphs.insert(name, graph);
    }
    graphs
}

#[test]
fn no_circle_of_imports_among_files() {
    let mut problems = Vec::new();
    for (krate, graph) in import_graphs() {
        // A module and the files below it that it mounts are one unit; circles between units.
        let below = |a: &Vec<String>, b: &Vec<String>| b.len() > a.len() && b.starts_with(a);
        for start in graph.keys() {
            let mut stack = vec![(start.clone(), vec![start.clone()])];
            let mut seen = BTreeSet::new();
            while let Some((node, trail)) = stack.pop() {
                for next in graph.get(&node).into_iter().flatten() {
                    if below(next, &node) || below(&node, next) {
                        continue;
                    }
                    if next == start {
                        let names: Vec<String> =
                            trail.iter().chain([next]).map(|m| m.join("::")).collect();
                        problems.push(format!("{krate}: {}", names.join(" -> ")));
                    } else if seen.insert(next.clone()) {
                        stack.push((next.clone(), [trail.clone(), vec![next.clone()]].concat()));
                    }
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "circles of imports:\n{}",
        problems.join("\n")
    );
}

#[test]
fn handler_files_export_nothing_another_file_imports() {
    let mut problems = Vec::new();
    for (krate, graph) in import_graphs() {
        for (from, edges) in &graph {
            for to in edges.iter().filter(|t| is_handler_file(t)) {
                // The module that mounts its handlers (its routes and OpenAPI doc) may.
                if !(to.len() > from.len() && to.starts_with(from)) {
                    problems.push(format!(
                        "{krate}: {} imports from handler file {}",
                        from.join("::"),
                        to.join("::")
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "imports from handler files:\n{}",
        problems.join("\n")
    );
}

#[test]
fn handlers_live_in_api_and_pages_files() {
    let mut problems = Vec::new();
    // sid-core holds the layout's error page, no module's handlers.
    for name in crates().into_iter().filter(|n| n != "sid-core") {
        let src = root().join("crates").join(&name).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        for file in files {
            let module = module_of(&src, &file);
            let text = std::fs::read_to_string(&file).unwrap();
            let is_api = module.iter().any(|m| m == "api");
            let is_pages = module.last().is_some_and(|m| m == "pages");
            if text.contains("#[utoipa::path") && !is_api {
                problems.push(format!("{name}: JSON handlers in {}", file.display()));
            }
            if text.contains("#[template(") && !is_pages {
                problems.push(format!("{name}: page handlers in {}", file.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "handlers outside api/pages files:\n{}",
        problems.join("\n")
    );
}
