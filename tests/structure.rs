//! The shape of `src/ui/` holds: its modules import each other in one direction only, and
//! what changes the state reads no clock and no environment.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const UI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");

/// Every `.rs` file under `dir`, with its path.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The top-level module of `src/ui/` a file belongs to (`pane` for everything under it).
fn module_of(path: &str) -> String {
    let rest = path.strip_prefix(UI).unwrap().trim_start_matches('/');
    rest.split('/').next().unwrap().trim_end_matches(".rs").to_string()
}

/// The top-level `src/ui/` modules a file names: `crate::ui::x`, and `super::x` or
/// `super::{x, y}` in a file directly in `src/ui/`.
fn named(path: &str, text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let top = !path.strip_prefix(UI).unwrap().trim_start_matches('/').contains('/');
    for line in text.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
        let mut prefixes = vec!["crate::ui::"];
        if top {
            prefixes.push("super::");
        }
        for prefix in prefixes {
            for (at, _) in line.match_indices(prefix) {
                let after = &line[at + prefix.len()..];
                if let Some(list) = after.strip_prefix('{') {
                    let list = list.split('}').next().unwrap_or_default();
                    out.extend(list.split(',').map(|n| n.trim().split("::").next().unwrap_or_default().to_string()));
                } else {
                    out.insert(after.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap().to_string());
                }
            }
        }
    }
    out.retain(|n| !n.is_empty() && n != "self");
    out
}

#[test]
fn the_ui_modules_import_each_other_in_one_direction() {
    let mut files = Vec::new();
    sources(Path::new(UI), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let from = module_of(path);
        let names = named(path, text);
        let edges = graph.entry(from.clone()).or_default();
        edges.extend(names.into_iter().filter(|n| *n != from && n != "mod"));
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for edges in graph.values_mut() {
        edges.retain(|n| modules.contains(n));
    }
    assert!(graph["draw"].contains("app") && graph["app"].contains("pane"), "the scan sees imports: {graph:?}");
    // Depth-first search for a cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = path.iter().position(|p| p == node) {
            panic!("an import loop in src/ui: {} -> {node}", path[at..].join(" -> "));
        }
        path.push(node.to_string());
        for next in &graph[node] {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn what_changes_the_state_reads_no_clock_and_no_environment() {
    let mut files = Vec::new();
    sources(&Path::new(UI).join("pane"), &mut files);
    files.push((format!("{UI}/update.rs"), std::fs::read_to_string(format!("{UI}/update.rs")).unwrap()));
    for (path, text) in files {
        for forbidden in ["std::env", "Timestamp::now", "SystemTime", "Instant::now", "Clock::system", "from_env"] {
            assert!(!text.contains(forbidden), "{path} uses {forbidden}");
        }
    }
}
