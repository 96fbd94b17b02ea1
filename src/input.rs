//! Where pages come from: files, folders walked in sorted order, and stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions a folder walk takes; other files are read only when named.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text", "jsonl"];

/// Whether a path names a JSON Lines file (one page per line).
pub fn is_jsonl(p: &std::path::Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// One input to read, in output order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    /// A file; `shown` is the path as records and messages name it.
    File {
        shown: String,
        path: PathBuf,
    },
}

impl Source {
    pub fn shown(&self) -> &str {
        match self {
            Source::Stdin => "-",
            Source::File { shown, .. } => shown,
        }
    }

    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Source::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf).map_err(|e| format!("cannot read stdin: {e}"))?;
                Ok(buf)
            }
            Source::File { path, .. } => std::fs::read(path).map_err(|e| io_message(&e)),
        }
    }
}

/// An input named on the command line that is not there or cannot be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub shown: String,
    pub message: String,
}

/// Expands the command line's paths into inputs, in order: a folder becomes its text files, sorted
/// and walked recursively (hidden files and folders skipped); no path or `-` is stdin.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Source, Problem>> {
    if paths.is_empty() {
        return vec![Ok(Source::Stdin)];
    }
    let mut out = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        if shown == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => out.push(Err(Problem { shown, message: io_message(&e) })),
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk(p, &mut out);
                if out.len() == before {
                    out.push(Err(Problem {
                        shown,
                        message: "no text files in this folder (a walk takes .txt, .md, .text and .jsonl files; name other files explicitly)".into(),
                    }));
                }
            }
            Ok(_) => out.push(Ok(Source::File { shown, path: p.clone() })),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Source, Problem>>) {
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Err(e) => {
                let shown = e.path().map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let message = e.io_error().map_or_else(|| e.to_string(), io_message);
                out.push(Err(Problem { shown, message }));
            }
            Ok(e) if e.file_type().is_file() && has_text_extension(e.path()) => {
                out.push(Ok(Source::File { shown: e.path().display().to_string(), path: e.into_path() }));
            }
            Ok(_) => {}
        }
    }
}

fn has_text_extension(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// An I/O error in words, without Rust's `(os error 2)` tail.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a folder".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
