//! Where records go, and how a file gets there whole: written beside its place under a hidden
//! `.NAME.XXXXXX.partial` name, moved into place when complete, removed if the run is interrupted.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::read::{self, Source};

/// Where the records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// One file holding every kind, written beside its place and moved there when complete.
    File(PathBuf),
    /// Something other than a file or a folder (`/dev/null`, a named pipe): written to as it is.
    Stream(PathBuf),
    /// A folder holding one file per kind.
    Dir(PathBuf),
}

impl Destination {
    /// `-o PATH`: stdout's own names are stdout; an existing folder is a folder, an existing file a
    /// file (replaced when complete, through a link to it if it is one), anything else that exists
    /// (a device, a pipe) is written to as it is. A path that does not exist is a folder when it
    /// ends in `/` or has no extension, a file otherwise.
    pub fn from_arg(path: &Path) -> Destination {
        if ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].iter().any(|s| path.as_os_str() == *s) {
            return Destination::Stdout;
        }
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => Destination::Dir(path.to_path_buf()),
            Ok(m) if m.is_file() => match fs::symlink_metadata(path) {
                Ok(l) if l.is_symlink() => {
                    Destination::File(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
                }
                _ => Destination::File(path.to_path_buf()),
            },
            Ok(_) => Destination::Stream(path.to_path_buf()),
            Err(_) => {
                let s = path.as_os_str().as_encoded_bytes();
                if s.ends_with(b"/")
                    || s.ends_with(std::path::MAIN_SEPARATOR_STR.as_bytes())
                    || path.extension().is_none()
                {
                    Destination::Dir(path.to_path_buf())
                } else {
                    Destination::File(path.to_path_buf())
                }
            }
        }
    }

    /// The files a run writes to: the file, or each kind's file in the folder (named by `file_of`).
    pub fn files(&self, kinds: impl Iterator<Item = String>) -> Vec<PathBuf> {
        match self {
            Destination::Stdout | Destination::Stream(_) => Vec::new(),
            Destination::File(p) => vec![p.clone()],
            Destination::Dir(d) => kinds.map(|k| d.join(k)).collect(),
        }
    }
}

/// Why writing to `files` (the destination's) would destroy an input or be read back as one, if it
/// would: an output file that is one of the inputs; a file output inside a folder being walked; a
/// folder output inside one whose files the walk takes (`walked`).
pub fn clash(
    dest: &Destination,
    files: &[PathBuf],
    inputs: &[&Source],
    folders: &[PathBuf],
    walked: impl Fn(&Path) -> bool,
) -> Option<String> {
    // An input is an output file only if that file exists already.
    let existing: Vec<(&PathBuf, fs::Metadata)> =
        files.iter().filter_map(|f| Some((f, fs::metadata(f).ok().filter(|m| m.is_file())?))).collect();
    if !existing.is_empty() {
        for src in inputs {
            let Source::File { path, shown } = src else { continue };
            let Ok(m) = fs::metadata(path) else { continue };
            if let Some((f, _)) = existing.iter().find(|(_, o)| same_file(o, &m)) {
                return Some(format!(
                    "{}: the output would replace one of the inputs ({shown}); write it elsewhere",
                    read::shown(f)
                ));
            }
        }
    }
    for folder in folders {
        let Ok(folder_abs) = fs::canonicalize(folder) else { continue };
        for f in files {
            let inside = absolute(f).is_some_and(|a| a.starts_with(&folder_abs));
            if inside && (matches!(dest, Destination::File(_)) || walked(f)) {
                return Some(format!(
                    "{}: the output lies inside the input folder {}, where a later run would read it back; write it elsewhere",
                    read::shown(f),
                    read::shown(folder)
                ));
            }
        }
    }
    None
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok() && a.created().ok() == b.created().ok()
}

/// A path made absolute through its nearest ancestor that exists, with links resolved.
fn absolute(p: &Path) -> Option<PathBuf> {
    let p = std::path::absolute(p).ok()?;
    let mut rest = Vec::new();
    let mut at = p.as_path();
    loop {
        if let Ok(real) = fs::canonicalize(at) {
            return Some(rest.iter().rev().fold(real, |acc: PathBuf, part| acc.join(part)));
        }
        rest.push(at.file_name()?.to_os_string());
        at = at.parent()?;
    }
}

/// The hidden files being written, to remove when the run is interrupted.
static PARTIAL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn partial() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PARTIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// On SIGINT, SIGTERM or SIGHUP, removes the files being written and ends the process by the same
/// signal (its status, as a shell shows it, is 128 + the signal: 130, 143, 129). Set up once, before
/// the first file is made.
pub fn remove_partial_files_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the end: no file is moved into place or begun after this.
            let mut files = partial();
            for f in files.drain(..) {
                let _ = fs::remove_file(f);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// A file being written beside its final path, moved there by [`Pending::commit`].
pub struct Pending {
    pub target: PathBuf,
    /// None once committed.
    tmp: Option<tempfile::NamedTempFile>,
}

impl Pending {
    /// Makes the hidden file beside `target`, and the folders above it. It is created with the
    /// permissions a new file gets (read and write for all, less the umask), or those of the file it
    /// will replace.
    pub fn create(target: &Path) -> io::Result<Pending> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&dir)?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".partial");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut files = partial();
        let tmp = builder.tempfile_in(&dir)?;
        files.push(tmp.path().to_path_buf());
        drop(files);
        if let Some(m) = fs::metadata(target).ok().filter(|m| m.is_file()) {
            tmp.as_file().set_permissions(m.permissions())?;
        }
        Ok(Pending { target: target.to_path_buf(), tmp: Some(tmp) })
    }

    /// The folder it is written in (where a workbook keeps its rows until it is written).
    pub fn dir(&self) -> &Path {
        match self.target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }

    /// A second handle on the file, to write through.
    pub fn reopen(&self) -> io::Result<fs::File> {
        self.tmp.as_ref().map_or_else(|| Err(io::ErrorKind::NotFound.into()), |t| t.reopen())
    }

    /// Moves the complete file into place.
    pub fn commit(mut self) -> io::Result<PathBuf> {
        let Some(tmp) = self.tmp.take() else { return Ok(self.target.clone()) };
        tmp.as_file().sync_all()?;
        let mut files = partial();
        let at = tmp.path().to_path_buf();
        files.retain(|f| *f != at);
        if let Err(e) = tmp.persist(&self.target) {
            // Still there: removed when dropped here.
            drop(e.file);
            return Err(e.error);
        }
        Ok(self.target.clone())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        // Dropped without being committed: the file goes (tempfile removes it), and so does its name.
        if let Some(tmp) = &self.tmp {
            let at = tmp.path();
            partial().retain(|f| f != at);
        }
    }
}
