//! The data compiled into the binary: every file of `data/` that revalo
//! reads — the shipped scenarios, the national workforce, the grids, the
//! flat and detailed parameters, the départements and the map — byte for
//! byte, so that an installed `revalo` works from any folder with its source
//! tree gone. The files under `data/` stay the readable source of truth: a
//! test checks this list against the folder, file by file.
//!
//! Messages and reports name a shipped file `<shipped>/grids/ccn66.csv`
//! (its path under `data/`); a scenario names shipped data with
//! `shipped:grids`, `shipped:workforce/bass-national.csv`
//! ([`crate::domain::source::Source`]). This module imports nothing of
//! revalo: every layer may read it.

use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// One file of `data/`, compiled in.
#[derive(Debug, PartialEq, Eq)]
pub struct File {
    /// Its path under `data/`, with `/` (`grids/ccn66.csv`).
    pub path: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

/// Compiles in the files of `data/` at these paths.
macro_rules! shipped_files {
    ($($path:literal),* $(,)?) => {
        &[$(File {
            path: $path,
            bytes: include_bytes!(concat!("../data/", $path)),
        }),*]
    };
}

/// Every shipped file, in path order.
pub static FILES: &[File] = shipped_files![
    "departements.csv",
    "grids/ccn51.csv",
    "grids/ccn66.csv",
    "grids/conventions.csv",
    "grids/fpt.csv",
    "grids/point_values.csv",
    "maps/france-departements.svg",
    "parameters/flat.csv",
    "parameters/payroll.csv",
    "parameters/public.csv",
    "scenarios/conference-2022-public.toml",
    "scenarios/conference-2022.toml",
    "scenarios/laforcade-2021.toml",
    "scenarios/point-value-2025.toml",
    "scenarios/segur-all-staff.toml",
    "scenarios/segur-pour-tous-2024.toml",
    "workforce/bass-branch.csv",
    "workforce/bass-national.csv",
];

/// The version of the shipped data set (`data/VERSION`): the day its files
/// last changed. A test pins the [`fingerprint`] of that version, so that
/// no shipped file changes without a new version.
pub const DATA_VERSION: &str = include_str!("../data/VERSION").trim_ascii();

/// The scenario that commands run when given none.
pub const DEFAULT_SCENARIO: &str = "scenarios/conference-2022.toml";

/// What messages and reports put before a shipped file's path:
/// `<shipped>/grids/ccn66.csv`.
pub const DISPLAY_ROOT: &str = "<shipped>";

/// The shipped data set in words: `shipped data of revalo 0.1.0, version
/// 2026-11-27 (fingerprint 0123456789abcdef)`.
pub fn describe() -> String {
    format!(
        "shipped data of revalo {}, version {DATA_VERSION} (fingerprint {})",
        env!("CARGO_PKG_VERSION"),
        fingerprint()
    )
}

/// The shipped file at `path` under `data/` (`grids/ccn66.csv`).
pub fn file(path: &str) -> Option<&'static File> {
    FILES.iter().find(|f| f.path == path)
}

/// Whether `path` under `data/` is a folder of shipped files (`grids`).
pub fn is_folder(path: &str) -> bool {
    let prefix = format!("{path}/");
    FILES.iter().any(|f| f.path.starts_with(&prefix))
}

/// The shipped files directly in the folder `path` (`parameters`), in path
/// order.
pub fn files_in(path: &str) -> impl Iterator<Item = &'static File> + '_ {
    FILES.iter().filter(move |f| {
        f.path
            .strip_prefix(path)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|name| !name.contains('/'))
    })
}

/// The text of the shipped file at `path`: every shipped file is UTF-8
/// (tested), so a path that is not shipped is the only way to get `""`.
pub fn text(path: &str) -> &'static str {
    file(path)
        .and_then(|f| std::str::from_utf8(f.bytes).ok())
        .unwrap_or_default()
}

/// The first 16 hexadecimal digits of the SHA-256 of every shipped file's
/// path and bytes, in path order: it changes when any shipped byte does.
pub fn fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let mut hasher = Sha256::new();
        for f in FILES {
            hasher.update(f.path.as_bytes());
            hasher.update([0]);
            hasher.update((f.bytes.len() as u64).to_le_bytes());
            hasher.update(f.bytes);
        }
        let digest = hasher.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        format!("{:016x}", u64::from_be_bytes(first))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn data() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }

    /// Every file of `data/` under `folder`, relative to `data/`.
    fn files_under(folder: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files_under(&path, out);
            } else {
                let relative = path.strip_prefix(data()).unwrap();
                out.push(relative.to_str().unwrap().replace('\\', "/"));
            }
        }
    }

    /// The list is `data/` minus its documentation, the workforce's
    /// generator script and the version file (read by `DATA_VERSION`): a
    /// data file added to the folder must be added here, and each compiled
    /// copy is the file, byte for byte.
    #[test]
    fn the_shipped_files_are_the_data_folder() {
        let mut on_disk = Vec::new();
        files_under(&data(), &mut on_disk);
        let not_read = |p: &str| {
            p.ends_with(".md") || p.ends_with(".txt") || p.ends_with(".py") || p == "VERSION"
        };
        on_disk.retain(|p| !not_read(p));
        on_disk.sort();
        let listed: Vec<&str> = FILES.iter().map(|f| f.path).collect();
        assert_eq!(listed, on_disk);
        for f in FILES {
            assert_eq!(
                f.bytes,
                std::fs::read(data().join(f.path)).unwrap(),
                "{}",
                f.path
            );
            assert!(
                std::str::from_utf8(f.bytes).is_ok(),
                "{} is not UTF-8",
                f.path
            );
        }
    }

    /// When a shipped file changes, set `data/VERSION` to the day of the
    /// change and this fingerprint to the new one (printed by the failure):
    /// reports and `--version` name the data by this version.
    #[test]
    fn the_data_version_names_these_bytes() {
        assert_eq!(
            (DATA_VERSION, fingerprint()),
            ("2026-11-27", "a5a1d97d70222ab6")
        );
    }

    #[test]
    fn folders_and_files() {
        assert!(is_folder("grids") && is_folder("parameters"));
        assert!(!is_folder("grids/ccn66.csv") && !is_folder("grid"));
        let parameters: Vec<&str> = files_in("parameters").map(|f| f.path).collect();
        assert_eq!(
            parameters,
            [
                "parameters/flat.csv",
                "parameters/payroll.csv",
                "parameters/public.csv"
            ]
        );
        assert_eq!(
            files_in("").count(),
            0,
            "no file at the root but with a path"
        );
        assert!(text("maps/france-departements.svg").contains("<svg"));
        assert_eq!(text("nothing.csv"), "");
    }
}
