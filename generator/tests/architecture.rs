//! The shape of the generator's own code: module imports run one way.
//!
//! Two modules that import each other (`compose` ↔ `schema` once) cannot be read, tested or
//! moved apart. A module may use its ancestors (`super::Lowerer`) and its parent may use it;
//! any other `use` is an edge between the two siblings that contain the modules (`load::quirks`
//! using `lower` is `load` → `lower`), and at every level the edges must form no cycle.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// Every `.rs` file under `dir`, with its module path (`lower/shape.rs` → `[lower, shape]`).
fn modules(root: &Path, dir: &Path, found: &mut BTreeMap<Module, PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            modules(root, &path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap().with_extension("");
            let mut module: Module = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            found.insert(module, path);
        }
    }
}

/// The `use` declarations of a source file, whitespace removed, up to its tests module.
fn uses(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = &rest[..at];
        let starts_item = before
            .rsplit('\n')
            .next()
            .is_some_and(|line| line.trim().is_empty() || line.trim().starts_with("pub"));
        let Some(end) = rest[at..].find(';') else {
            break;
        };
        if starts_item {
            let text: String = rest[at + 4..at + end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            found.push(text);
        }
        rest = &rest[at + end..];
    }
    // Paths written in place (`crate::lower::NO_DEFAULT_EXTENSION`), outside comments.
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let path: String = rest[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.push(path.trim_end_matches(':').to_owned());
            rest = &rest[at + 7..];
        }
    }
    found
}

/// The modules of the crate a `use` path names, resolved from `from`.
fn targets(from: &Module, path: &str, all: &BTreeMap<Module, PathBuf>) -> BTreeSet<Module> {
    let (prefix, group) = match path.find('{') {
        Some(brace) => (
            &path[..brace],
            Some(path[brace + 1..].trim_end_matches('}')),
        ),
        None => (path, None),
    };
    let mut base: Module = Vec::new();
    let mut segments = prefix.split("::").filter(|s| !s.is_empty()).peekable();
    match segments.peek().copied() {
        Some("crate") => {
            segments.next();
        }
        Some("super") => {
            base = from.clone();
            while segments.peek() == Some(&"super") {
                segments.next();
                base.pop();
            }
        }
        Some("self") => {
            segments.next();
            base = from.clone();
        }
        // A child module of `from` (`use table::TypeTable` in a `mod.rs`), or another crate.
        Some(first) if all.contains_key(&[from.clone(), vec![first.to_owned()]].concat()) => {
            base = from.clone();
        }
        _ => return BTreeSet::new(),
    }
    let deepest = |mut module: Module, segments: &mut dyn Iterator<Item = &str>| {
        for segment in segments {
            let mut next = module.clone();
            next.push(segment.to_owned());
            if !all.contains_key(&next) {
                break;
            }
            module = next;
        }
        module
    };
    let module = deepest(base, &mut segments);
    let mut found = BTreeSet::new();
    match group {
        Some(group) => {
            for item in group.split(',') {
                let first = item.split("::").next().unwrap_or_default();
                let first = first.split(" as ").next().unwrap_or_default();
                let inner = deepest(module.clone(), &mut std::iter::once(first));
                found.insert(inner);
            }
        }
        None => {
            found.insert(module);
        }
    }
    found
}

fn is_ancestor(a: &Module, b: &Module) -> bool {
    a.len() <= b.len() && b[..a.len()] == a[..]
}

/// The two children of `a`'s and `b`'s lowest common ancestor that contain them.
fn siblings(a: &Module, b: &Module) -> (Module, Module) {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    (a[..=common].to_vec(), b[..=common].to_vec())
}

#[test]
fn no_two_modules_of_the_generator_import_each_other_even_through_others() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = BTreeMap::new();
    modules(&root, &root, &mut all);
    assert!(all.len() > 20, "found only {} modules", all.len());
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, path) in &all {
        let source = std::fs::read_to_string(path).unwrap();
        for path in uses(&source) {
            for target in targets(module, &path, &all) {
                if !is_ancestor(&target, module) && !is_ancestor(module, &target) {
                    let (from, to) = siblings(module, &target);
                    edges.entry(from).or_default().insert(to);
                }
            }
        }
    }
    // Depth-first search for a cycle, reporting its members.
    fn visit<'a>(
        module: &'a Module,
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        stack: &mut Vec<&'a Module>,
        done: &mut BTreeSet<&'a Module>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|m| *m == module) {
            let mut cycle: Vec<String> = stack[at..].iter().map(|m| m.join("::")).collect();
            cycle.push(module.join("::"));
            return Some(cycle);
        }
        if !done.insert(module) {
            return None;
        }
        stack.push(module);
        for next in edges.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in edges.keys() {
        if let Some(cycle) = visit(module, &edges, &mut Vec::new(), &mut done) {
            panic!("modules import each other: {}", cycle.join(" → "));
        }
    }
    // The check sees imports at all: `lower::schema` uses `lower::shape`.
    let schema: Module = vec!["lower".into(), "schema".into()];
    let shape: Module = vec!["lower".into(), "shape".into()];
    assert!(
        edges.get(&schema).is_some_and(|t| t.contains(&shape)),
        "{edges:?}"
    );
}
