//! The house rules of the source tree that a newcomer relies on (docs/architecture.md):
//! no two files of `src/` import each other, directly or round a loop, and no file
//! grows past what one can hold in one's head. Read from the files themselves, as
//! `use` paths and `crate::`/`super::`/child-module paths in code; test modules are
//! left out (a test may reach anywhere).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest file in `src/`, lines (issue: a stage too big to hold in one's head).
const MAX_LINES: usize = 900;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path: `solve/search.rs` -> [solve, search]; `solve/mod.rs` ->
/// [solve]; `lib.rs` -> [].
fn module_of(relative: &str) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without its test module and comments.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Identifier characters.
fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every `a::b::c` path in `code`, as its segments, with the statements that only
/// re-export (`pub use`, `pub(crate) use`) taken out: a re-export names a module's
/// interface, it is not a use of it.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut kept = String::new();
    for statement in code.split_inclusive(';') {
        let trimmed = statement.trim_start();
        let reexport = ["pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .any(|p| trimmed.starts_with(p));
        if !reexport {
            kept.push_str(statement);
        }
    }
    let chars: Vec<char> = kept.chars().collect();
    let mut paths = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_ident(chars[i]) || (i > 0 && (is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && is_ident(chars[j]) {
                j += 1;
            }
            segments.push(chars[start..j].iter().collect::<String>());
            if j + 2 < chars.len()
                && chars[j] == ':'
                && chars[j + 1] == ':'
                && is_ident(chars[j + 2])
            {
                j += 2;
            } else {
                break;
            }
        }
        if segments.len() > 1 {
            paths.push(segments);
        }
        i = j.max(i + 1);
    }
    paths
}

struct Tree {
    /// Code by relative path.
    files: BTreeMap<String, String>,
    /// Re-exports: file -> name -> the module path it comes from.
    reexports: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

impl Tree {
    fn file_of(&self, module: &[String]) -> Option<String> {
        if module.is_empty() {
            return Some("lib.rs".to_owned());
        }
        let joined = module.join("/");
        [format!("{joined}.rs"), format!("{joined}/mod.rs")]
            .into_iter()
            .find(|f| self.files.contains_key(f))
    }

    /// The file that defines what `path` names: the longest module prefix that is a
    /// file, followed through that file's re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Option<String> {
        for k in (0..=path.len()).rev() {
            let Some(file) = self.file_of(&path[..k]) else {
                continue;
            };
            if depth < 8
                && let Some(name) = path.get(k)
                && let Some(from) = self.reexports.get(&file).and_then(|r| r.get(name))
            {
                return self.resolve(from, depth + 1).or(Some(file));
            }
            return Some(file);
        }
        None
    }
}

fn source_tree() -> Tree {
    let src = crate::util::repo("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let mut files = BTreeMap::new();
    for path in paths {
        let relative = path
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("readable");
        files.insert(relative, text);
    }
    let mut reexports = BTreeMap::new();
    for (relative, text) in &files {
        let module = module_of(relative);
        let mut names = BTreeMap::new();
        for statement in code_of(text).split(';') {
            let trimmed = statement.trim();
            let Some(rest) = ["pub use ", "pub(crate) use "]
                .iter()
                .find_map(|p| trimmed.strip_prefix(p))
            else {
                continue;
            };
            let (base, items) = match rest.find("::{") {
                Some(at) => (&rest[..at], rest[at + 3..].trim_end_matches('}')),
                None => rest.rsplit_once("::").unwrap_or((rest, "")),
            };
            let mut from: Vec<String> = base.split("::").map(str::to_owned).collect();
            from = match from.first().map(String::as_str) {
                Some("crate") => from[1..].to_vec(),
                Some("super") => [&module[..module.len().saturating_sub(1)], &from[1..]].concat(),
                Some("self") => [&module[..], &from[1..]].concat(),
                _ => [&module[..], &from[..]].concat(),
            };
            for item in items.split(',') {
                let name = item.split_whitespace().last().unwrap_or("").to_owned();
                if !name.is_empty() {
                    names.insert(name, from.clone());
                }
            }
        }
        reexports.insert(relative.clone(), names);
    }
    Tree { files, reexports }
}

/// Each file's imports of other files of the crate.
fn imports(tree: &Tree) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges = BTreeMap::new();
    for (relative, text) in &tree.files {
        if relative == "main.rs" {
            continue;
        }
        let module = module_of(relative);
        let code = code_of(text);
        let children: BTreeSet<String> = code
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let rest = line
                    .strip_prefix("pub mod ")
                    .or_else(|| line.strip_prefix("pub(crate) mod "))
                    .or_else(|| line.strip_prefix("mod "))?;
                rest.strip_suffix(';').map(str::to_owned)
            })
            .collect();
        let mut targets = BTreeSet::new();
        for path in paths_in(&code) {
            let head = path[0].as_str();
            let base: Vec<String> = match head {
                "crate" => path[1..].to_vec(),
                "self" => [&module[..], &path[1..]].concat(),
                "super" => {
                    let ups = path.iter().take_while(|s| *s == "super").count();
                    if ups > module.len() {
                        continue;
                    }
                    [&module[..module.len() - ups], &path[ups..]].concat()
                }
                child if children.contains(child) => [&module[..], &path[..]].concat(),
                _ => continue,
            };
            if let Some(target) = tree.resolve(&base, 0)
                && &target != relative
            {
                targets.insert(target);
            }
        }
        edges.insert(relative.clone(), targets);
    }
    edges
}

/// The groups of files that import each other round a loop (strongly connected
/// components of more than one file).
fn loops(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Files that reach each other both ways, by repeated search (the tree is small).
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(file) = todo.pop() {
            for next in edges.get(&file).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|f| (f, reach(f))).collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for file in edges.keys() {
        if groups.iter().any(|g| g.contains(file)) {
            continue;
        }
        let group: Vec<String> = edges
            .keys()
            .filter(|other| {
                *other == file || (reached[file].contains(*other) && reached[*other].contains(file))
            })
            .cloned()
            .collect();
        if group.len() > 1 {
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_two_files_of_src_import_each_other() {
    let tree = source_tree();
    let edges = imports(&tree);
    let found = loops(&edges);
    let described: Vec<String> = found
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|f| {
                    let inside: Vec<&String> =
                        edges[f].iter().filter(|t| group.contains(t)).collect();
                    format!("{f} -> {inside:?}")
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "files that import each other:\n{}",
        described.join("\n")
    );
}

#[test]
fn the_import_reader_sees_a_loop_through_a_parent_and_a_reexport() {
    // A parent that uses its child, a child that uses the parent's own item, and a
    // child whose import goes through the parent's re-export of a sibling.
    let files = BTreeMap::from([
        (
            "a/mod.rs".to_owned(),
            "mod b;\nmod c;\npub use c::Thing;\npub struct Own;\nfn f() { b::go(); }\n".to_owned(),
        ),
        (
            "a/b.rs".to_owned(),
            "use super::Own;\npub fn go() {}\n".to_owned(),
        ),
        (
            "a/c.rs".to_owned(),
            "use super::Thing;\npub struct Thing;\n".to_owned(),
        ),
        ("a/d.rs".to_owned(), "use super::Thing;\n".to_owned()),
        ("lib.rs".to_owned(), "pub mod a;\n".to_owned()),
    ]);
    let mut tree = Tree {
        files,
        reexports: BTreeMap::new(),
    };
    tree.reexports.insert(
        "a/mod.rs".to_owned(),
        BTreeMap::from([("Thing".to_owned(), vec!["a".to_owned(), "c".to_owned()])]),
    );
    let edges = imports(&tree);
    assert_eq!(edges["a/d.rs"], BTreeSet::from(["a/c.rs".to_owned()]));
    assert_eq!(
        loops(&edges),
        vec![vec!["a/b.rs".to_owned(), "a/mod.rs".to_owned()]]
    );
}

#[test]
fn no_file_of_src_is_longer_than_a_newcomer_can_hold() {
    let tree = source_tree();
    let long: Vec<String> = tree
        .files
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .map(|(f, text)| format!("{f}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "longer than {MAX_LINES} lines: {long:?}");
}
