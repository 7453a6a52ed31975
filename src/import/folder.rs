//! Writing an imported pack to its folder: a new folder (or an empty one), made whole or
//! not at all, so that a failed import leaves no half-written pack behind.

use std::path::{Path, PathBuf};

/// Why the pack folder could not be written. Each message names the folder.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{}: the folder is not empty; choose a new folder with -o, or empty this one", .0.display())]
    NotEmpty(PathBuf),
    #[error("{}: this is a file, not a folder; choose a folder with -o", .0.display())]
    NotAFolder(PathBuf),
    #[error("{}: cannot write it: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// Refuses a `dir` that exists and is not an empty folder.
pub fn check(dir: &Path) -> Result<(), FolderError> {
    let io = |source| FolderError::Io { path: dir.to_path_buf(), source };
    match std::fs::metadata(dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(io(error)),
        Ok(meta) if !meta.is_dir() => Err(FolderError::NotAFolder(dir.to_path_buf())),
        Ok(_) => match std::fs::read_dir(dir).map_err(io)?.next() {
            Some(_) => Err(FolderError::NotEmpty(dir.to_path_buf())),
            None => Ok(()),
        },
    }
}

/// Writes `files` (name, text) into `dir`, which must not exist or be empty. The files are
/// written into a new folder beside it, which then takes its name.
pub fn write(dir: &Path, files: &[(&str, String)]) -> Result<(), FolderError> {
    check(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FolderError::Io { path, source }
    };
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "pack".into());
    let staging = parent.join(format!(".{name}.importing-{}", std::process::id()));
    std::fs::create_dir(&staging).map_err(io(&staging))?;
    let written = files.iter().try_for_each(|(file, text)| std::fs::write(staging.join(file), text)).and_then(|()| {
        // An empty folder gives way to the new one (`check` made sure it is empty).
        if dir.is_dir() {
            std::fs::remove_dir(dir)?;
        }
        std::fs::rename(&staging, dir)
    });
    if let Err(error) = written {
        // Only the folder made here is removed.
        let _ = std::fs::remove_dir_all(&staging);
        return Err(FolderError::Io { path: dir.to_path_buf(), source: error });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_new_or_empty_folder_and_refuses_others() {
        let tmp = tempfile::tempdir().unwrap();
        let files = [("a.txt", "one".to_string()), ("b.txt", "two".to_string())];
        let new = tmp.path().join("deep/new");
        write(&new, &files).unwrap();
        assert_eq!(std::fs::read_to_string(new.join("b.txt")).unwrap(), "two");
        assert!(matches!(write(&new, &files), Err(FolderError::NotEmpty(_))));
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write(&empty, &files).unwrap();
        assert_eq!(std::fs::read_to_string(empty.join("a.txt")).unwrap(), "one");
        assert!(matches!(write(&new.join("a.txt"), &files), Err(FolderError::NotAFolder(_))));
        // Nothing is left beside them.
        let mut names: Vec<String> =
            std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        names.sort();
        assert_eq!(names, ["deep", "empty"]);
    }
}
