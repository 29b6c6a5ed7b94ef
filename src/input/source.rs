//! Reading a [`Source`] once: each reader gets the bytes (a scenario) or a
//! reader (a CSV file, streamed) once, and the checksum is computed over
//! exactly the bytes read, while they are read — so a named pipe or a pipe
//! works, and what a report lists is what was computed. Shipped data is
//! read from the binary like a file from the disk.

use super::csvfile::{Column, CsvFile};
use super::error::InputError;
use super::sheet;
use crate::domain::source::Checksum;
use crate::domain::{Location, Source};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::{self, Read};
use std::sync::{Arc, Mutex, OnceLock};

/// The checksum of a source being read, known once it has been read to its
/// end.
#[derive(Clone, Debug, Default)]
pub struct Pending(Arc<OnceLock<Checksum>>);

impl Pending {
    /// The checksum, once the source has been read to its end.
    pub fn get(&self) -> Option<Checksum> {
        self.0.get().cloned()
    }
}

/// The sources opened through it, in order, with their checksums: what a
/// report lists. Cheap to clone (clones share the list).
#[derive(Clone, Debug, Default)]
pub struct Ledger(Arc<Mutex<Vec<Pending>>>);

impl Ledger {
    fn record(&self, pending: Pending) {
        if let Ok(mut list) = self.0.lock() {
            list.push(pending);
        }
    }

    /// The checksums of the sources read to their end, in the order they
    /// were opened.
    pub fn checksums(&self) -> Vec<Checksum> {
        match self.0.lock() {
            Ok(list) => list.iter().filter_map(Pending::get).collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// A reader that hashes what passes through it and, at the end of the
/// input, records the size and SHA-256 of everything read.
struct Hashing<R> {
    inner: R,
    source: Source,
    hasher: Option<Sha256>,
    bytes: u64,
    done: Pending,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buffer)?;
        if n > 0 {
            self.bytes += n as u64;
            if let Some(hasher) = &mut self.hasher {
                hasher.update(&buffer[..n]);
            }
        } else if let Some(hasher) = self.hasher.take() {
            let _ = self.done.0.set(Checksum {
                source: self.source.clone(),
                bytes: self.bytes,
                sha256: hex(&hasher.finalize()),
            });
        }
        Ok(n)
    }
}

/// The SHA-256 of `bytes`, as the 64 lowercase hexadecimal digits
/// `sha256sum` prints.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(2 * digest.len());
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Opens `source` for one reading, recorded in `ledger`: the reader
/// hashes what it yields.
pub fn open(source: &Source, ledger: &Ledger) -> Result<Box<dyn Read + Send>, InputError> {
    let inner: Box<dyn Read + Send> = match source {
        // A spreadsheet's path may name a sheet after `#`
        // (`effectifs.xlsx#2024`): the file is what comes before.
        Source::Disk(path) => {
            Box::new(std::fs::File::open(sheet::file_part(path)).map_err(|e| io_error(source, e))?)
        }
        Source::Shipped { .. } => match source.shipped_file() {
            Some(file) => Box::new(file.bytes),
            None => {
                return Err(io_error(
                    source,
                    io::Error::new(io::ErrorKind::NotFound, "no such shipped file"),
                ))
            }
        },
    };
    let done = Pending::default();
    ledger.record(done.clone());
    // The checksum is the file's, not the sheet's.
    let file = match source {
        Source::Disk(path) => Source::disk(sheet::file_part(path)),
        shipped => shipped.clone(),
    };
    Ok(Box::new(Hashing {
        inner,
        source: file,
        hasher: Some(Sha256::new()),
        bytes: 0,
        done,
    }))
}

/// Reads the whole of `source` once, recorded in `ledger` (a small file:
/// a scenario).
pub fn read_to_end(source: &Source, ledger: &Ledger) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    open(source, ledger)?
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(source, e))?;
    Ok(bytes)
}

/// Opens the CSV file `source`, recorded in `ledger`, and maps its header
/// to `columns`.
pub fn open_csv(
    source: &Source,
    ledger: &Ledger,
    columns: &'static [Column],
) -> Result<CsvFile, InputError> {
    CsvFile::from_reader(source.name(), open(source, ledger)?, columns)
}

/// Whether `source` is a file (a shipped file, or anything on disk but a
/// folder: a named pipe is one).
pub fn is_file(source: &Source) -> bool {
    match source {
        Source::Disk(path) => std::fs::metadata(sheet::file_part(path)).is_ok_and(|m| !m.is_dir()),
        Source::Shipped { .. } => source.shipped_file().is_some(),
    }
}

/// The size of `source` in bytes when known beforehand (for a progress
/// bar); 0 for a pipe.
pub fn size(source: &Source) -> u64 {
    match source {
        Source::Disk(path) => std::fs::metadata(sheet::file_part(path)).map_or(0, |m| m.len()),
        Source::Shipped { .. } => source.shipped_file().map_or(0, |f| f.bytes.len() as u64),
    }
}

/// The `*.csv` files of the folder `source`, in name order.
pub fn csv_files(source: &Source) -> Result<Vec<Source>, InputError> {
    let is_csv = |name: &str| {
        std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    };
    let mut names: Vec<String> = match source {
        Source::Disk(folder) => std::fs::read_dir(folder)
            .map_err(|e| io_error(source, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .filter(|name| is_csv(name))
            .collect(),
        Source::Shipped { path, .. } => crate::shipped::files_in(path)
            .filter_map(|f| f.path.rsplit('/').next().map(str::to_string))
            .filter(|name| is_csv(name))
            .collect(),
    };
    names.sort();
    Ok(names.iter().map(|name| source.join(name)).collect())
}

fn io_error(source: &Source, e: io::Error) -> InputError {
    InputError::Io {
        location: Location::file(source),
        source: e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checksum is that of the bytes read, known at the end only:
    /// `printf abc | sha256sum` (FIPS 180-4).
    #[test]
    fn what_is_read_is_hashed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, "abc").unwrap();
        let ledger = Ledger::default();
        let mut reader = open(&Source::disk(&path), &ledger).unwrap();
        let mut first = [0u8; 2];
        reader.read_exact(&mut first).unwrap();
        assert!(ledger.checksums().is_empty(), "not read to its end yet");
        let mut rest = Vec::new();
        reader.read_to_end(&mut rest).unwrap();
        let sums = ledger.checksums();
        assert_eq!(sums.len(), 1);
        assert_eq!(sums[0].bytes, 3);
        assert_eq!(
            sums[0].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sums[0].source, Source::disk(&path));
    }

    /// FIPS 180-4 examples (and `printf … | sha256sum`), the million `a`
    /// read through the hashing reader in several buffers.
    #[test]
    fn sha256_gives_the_published_digests() {
        let cases: [(&[u8], &str); 3] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
        ];
        for (bytes, digest) in cases {
            assert_eq!(sha256_hex(bytes), digest);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, vec![b'a'; 1_000_000]).unwrap();
        let ledger = Ledger::default();
        let mut reader = open(&Source::disk(&path), &ledger).unwrap();
        let mut buffer = [0u8; 4096];
        while reader.read(&mut buffer).unwrap() > 0 {}
        assert_eq!(
            ledger.checksums()[0].sha256,
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    /// A shipped file reads as its bytes; one that is not shipped is a
    /// located error.
    #[test]
    fn shipped_files_read_like_files() {
        let ledger = Ledger::default();
        let source = Source::shipped("grids/point_values.csv");
        let bytes = read_to_end(&source, &ledger).unwrap();
        assert!(bytes.starts_with(b"convention,effective,value"));
        assert_eq!(ledger.checksums()[0].bytes, bytes.len() as u64);
        let err = read_to_end(&Source::shipped("grids/none.csv"), &ledger).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("<shipped>/grids/none.csv: cannot read"),
            "{err}"
        );
        let names: Vec<String> = csv_files(&Source::shipped("parameters"))
            .unwrap()
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            names,
            [
                "<shipped>/parameters/flat.csv",
                "<shipped>/parameters/payroll.csv",
                "<shipped>/parameters/public.csv"
            ]
        );
    }
}
