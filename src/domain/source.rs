//! Where an input comes from: a file or folder on disk, or the data shipped
//! inside the binary ([`crate::shipped`]), and what was read of it (its
//! size and SHA-256). A source names itself for messages and reports — its
//! path, or `<shipped>/grids/ccn66.csv` — so that an error in shipped data
//! is located like one in a file. Reading is `input::source`'s business.

use crate::shipped;
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// What names shipped data where a path is expected: `shipped:grids`,
/// `shipped:workforce/bass-national.csv` (docs/formats.md, rule 47).
pub const SHIPPED_PREFIX: &str = "shipped:";

/// A file or folder to read: on disk, or shipped in the binary.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A path on disk.
    Disk(PathBuf),
    /// Shipped data: the path under `data/`, and the name it is shown by.
    Shipped {
        /// The path under `data/`, normalised (`grids/ccn66.csv`).
        path: String,
        /// `<shipped>/grids/ccn66.csv`.
        name: PathBuf,
    },
}

impl Source {
    /// A file or folder on disk.
    pub fn disk(path: impl Into<PathBuf>) -> Source {
        Source::Disk(path.into())
    }

    /// The shipped file or folder at `path` under `data/` (whether it
    /// exists is known when it is read: [`Source::shipped_file`]).
    pub fn shipped(path: &str) -> Source {
        let path = path.trim_matches('/').to_string();
        let name = Path::new(shipped::DISPLAY_ROOT).join(&path);
        Source::Shipped { path, name }
    }

    /// The scenario run when none is given: the shipped Conférence des
    /// métiers 2022.
    pub fn default_scenario() -> Source {
        Source::shipped(shipped::DEFAULT_SCENARIO)
    }

    /// A path as given on the command line: `shipped:PATH` names shipped
    /// data, anything else a path on disk.
    pub fn given(text: &Path) -> Result<Source, String> {
        match text.to_str().and_then(shipped_path) {
            Some(path) => Source::shipped_checked(path),
            None => Ok(Source::disk(text)),
        }
    }

    /// The path `written` in a file read from `self` (a scenario): relative
    /// to its folder — within the shipped data for a shipped scenario — or
    /// absolute, or `shipped:PATH`. An error says why it names nothing.
    pub fn resolve(&self, written: &str) -> Result<Source, String> {
        if let Some(path) = shipped_path(written) {
            return Source::shipped_checked(path);
        }
        match self {
            Source::Disk(p) => {
                let folder = p.parent().unwrap_or(Path::new("."));
                Ok(Source::disk(folder.join(written)))
            }
            Source::Shipped { path, .. } if Path::new(written).is_relative() => {
                let folder = Path::new(path).parent().unwrap_or(Path::new(""));
                let joined = normalise(&folder.join(written)).ok_or_else(|| {
                    format!(
                        "`{written}` leaves the shipped data (relative to `{}`); {}",
                        self.name().display(),
                        shipped_list()
                    )
                })?;
                Source::shipped_checked(&joined)
            }
            Source::Shipped { .. } => Ok(Source::disk(written)),
        }
    }

    /// The shipped file or folder at `path`, if there is one.
    fn shipped_checked(path: &str) -> Result<Source, String> {
        let path = normalise(Path::new(path)).unwrap_or_default();
        if shipped::file(&path).is_some() || shipped::is_folder(&path) {
            Ok(Source::shipped(&path))
        } else {
            Err(format!("no shipped data `{path}`; {}", shipped_list()))
        }
    }

    /// The file `name` in this folder.
    pub fn join(&self, name: &str) -> Source {
        match self {
            Source::Disk(p) => Source::disk(p.join(name)),
            Source::Shipped { path, .. } => Source::shipped(&format!("{path}/{name}")),
        }
    }

    /// The name it is shown by: its path, or `<shipped>/…`.
    pub fn name(&self) -> &Path {
        match self {
            Source::Disk(p) => p,
            Source::Shipped { name, .. } => name,
        }
    }

    /// Whether it is shipped data.
    pub fn is_shipped(&self) -> bool {
        matches!(self, Source::Shipped { .. })
    }

    /// The shipped file it names, if it is one.
    pub fn shipped_file(&self) -> Option<&'static shipped::File> {
        match self {
            Source::Shipped { path, .. } => shipped::file(path),
            Source::Disk(_) => None,
        }
    }
}

impl AsRef<Path> for Source {
    fn as_ref(&self) -> &Path {
        self.name()
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name().display())
    }
}

/// The path after `shipped:` (or after `<shipped>/`, as messages write
/// it).
fn shipped_path(text: &str) -> Option<&str> {
    text.strip_prefix(SHIPPED_PREFIX).or_else(|| {
        text.strip_prefix(shipped::DISPLAY_ROOT)
            .and_then(|rest| rest.strip_prefix('/'))
    })
}

/// `a/b/../c` → `a/c`; `None` when the path climbs out of its root or is
/// absolute.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// What is shipped, for messages.
fn shipped_list() -> String {
    let files: Vec<String> = shipped::FILES
        .iter()
        .map(|f| format!("`{SHIPPED_PREFIX}{}`", f.path))
        .collect();
    format!(
        "the shipped data are the folders `{SHIPPED_PREFIX}grids`, `{SHIPPED_PREFIX}parameters` and the files {}",
        files.join(", ")
    )
}

/// What was read of a source, byte for byte: its size and SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checksum {
    /// What was read.
    pub source: Source,
    /// How many bytes.
    pub bytes: u64,
    /// Their SHA-256, 64 lowercase hexadecimal digits (as `sha256sum`
    /// prints it).
    pub sha256: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_a_scenario_resolve_against_its_folder() {
        let on_disk = Source::disk("work/scenario.toml");
        assert_eq!(
            on_disk.resolve("grids").unwrap(),
            Source::disk("work/grids")
        );
        assert_eq!(
            on_disk.resolve("shipped:grids").unwrap(),
            Source::shipped("grids")
        );
        let shipped = Source::default_scenario();
        assert_eq!(
            shipped.resolve("../workforce/bass-national.csv").unwrap(),
            Source::shipped("workforce/bass-national.csv")
        );
        assert_eq!(
            shipped.resolve("/data/w.csv").unwrap(),
            Source::disk("/data/w.csv")
        );
        let err = shipped.resolve("../../w.csv").unwrap_err();
        assert!(err.contains("leaves the shipped data"), "{err}");
        let err = on_disk.resolve("shipped:grid").unwrap_err();
        assert!(err.contains("no shipped data `grid`"), "{err}");
        assert!(
            err.contains("`shipped:workforce/bass-national.csv`"),
            "{err}"
        );
    }

    #[test]
    fn names_of_shipped_data() {
        let grid = Source::shipped("grids").join("ccn66.csv");
        assert_eq!(grid.to_string(), "<shipped>/grids/ccn66.csv");
        assert!(grid.shipped_file().is_some());
        assert_eq!(
            Source::given(Path::new("<shipped>/grids/ccn66.csv")).unwrap(),
            grid
        );
        assert_eq!(
            Source::given(Path::new("shipped:scenarios/segur-all-staff.toml"))
                .unwrap()
                .to_string(),
            "<shipped>/scenarios/segur-all-staff.toml"
        );
        assert_eq!(
            Source::given(Path::new("my.toml")).unwrap(),
            Source::disk("my.toml")
        );
        assert!(Source::shipped("grids/none.csv").shipped_file().is_none());
    }
}
