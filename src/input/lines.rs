//! Physical line numbers and the cap on a record's length, for every CSV
//! reader (docs/formats.md, rule 30). [`Lines`] sits between the file and
//! the csv crate: it watches the bytes go by, notes where each non-empty
//! line begins — after LF, CRLF or a lone CR — and stops a record that
//! grows past [`MAX_RECORD_BYTES`] instead of letting it fill the memory.
//!
//! The csv crate's own line count is not used: it counts a CRLF file's
//! rows one line too early, and a CR file's all on line 1.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};

/// The longest record a CSV file may hold: 1 MiB. A workforce row is about
/// a hundred bytes; a file with no line end (a binary file, `/dev/zero`, a
/// quote left open) stops here with a located error instead of being read
/// whole into memory.
pub const MAX_RECORD_BYTES: u64 = 1 << 20;

/// A reader that counts physical lines as bytes pass through it.
pub struct Lines<R> {
    inner: R,
    /// Bytes passed through so far.
    offset: u64,
    /// The line the next byte is on (1-based).
    line: u64,
    /// Where non-empty lines begin, and their numbers, from the oldest not
    /// yet asked about.
    starts: VecDeque<(u64, u64)>,
    /// The next byte begins a line.
    at_line_start: bool,
    /// The last byte was a CR: a LF now ends the same line break.
    after_cr: bool,
    /// Where the record being read begins.
    record_start: u64,
}

/// A record longer than [`MAX_RECORD_BYTES`], beginning on `line`: the error
/// inside the `io::Error` that stops the csv crate.
#[derive(Debug)]
pub struct RecordTooLong {
    /// The line the record begins on.
    pub line: u64,
}

impl fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a record longer than {} MiB: not a CSV file, or a line without its end (a quote left open?)",
            MAX_RECORD_BYTES >> 20
        )
    }
}

impl std::error::Error for RecordTooLong {}

impl<R: Read> Lines<R> {
    /// Counts the lines of `inner` from its current position, which is the
    /// beginning of line 1.
    pub fn new(inner: R) -> Lines<R> {
        Lines {
            inner,
            offset: 0,
            line: 1,
            starts: VecDeque::new(),
            at_line_start: true,
            after_cr: false,
            record_start: 0,
        }
    }

    /// The physical line of a record that the csv crate says begins at byte
    /// `offset`: the first non-empty line beginning there or after (the csv
    /// crate places a record before the line ends and blank lines that
    /// precede it). Offsets must be asked in increasing order.
    pub fn line_at(&mut self, offset: u64) -> u64 {
        while self
            .starts
            .front()
            .is_some_and(|(start, _)| *start < offset)
        {
            self.starts.pop_front();
        }
        self.starts.front().map_or(self.line, |(_, line)| *line)
    }

    /// Tells where the next record begins, so that its length is capped
    /// from there.
    pub fn start_record(&mut self, offset: u64) {
        self.record_start = offset;
    }

    /// Notes the line starts in `bytes`, which begin at `self.offset`.
    fn scan(&mut self, bytes: &[u8]) {
        let mut i = 0;
        loop {
            if self.at_line_start {
                let Some(&c) = bytes.get(i) else { break };
                if c == b'\n' && self.after_cr {
                    self.after_cr = false;
                    i += 1;
                    continue;
                }
                self.after_cr = false;
                if c != b'\n' && c != b'\r' {
                    self.starts.push_back((self.offset + i as u64, self.line));
                    self.at_line_start = false;
                }
            }
            match memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
                None => break,
                Some(j) => {
                    let end = i + j;
                    self.line += 1;
                    self.at_line_start = true;
                    self.after_cr = bytes[end] == b'\r';
                    i = end + 1;
                }
            }
        }
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.offset - self.record_start > MAX_RECORD_BYTES {
            let line = self.line_at(self.record_start);
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                RecordTooLong { line },
            ));
        }
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n]);
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of each record start, with `text` fed `chunk` bytes at a
    /// time; `records` are the byte offsets the csv crate gives.
    fn lines_of(text: &[u8], chunk: usize, records: &[u64]) -> Vec<u64> {
        struct Chunks<'a>(&'a [u8], usize);
        impl Read for Chunks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut lines = Lines::new(Chunks(text, chunk));
        io::copy(&mut lines, &mut io::sink()).unwrap();
        records.iter().map(|r| lines.line_at(*r)).collect()
    }

    #[test]
    fn lf_crlf_and_cr_give_the_same_lines() {
        // Offsets as the csv crate reports them: for CRLF, the record
        // "begins" on the LF of the previous line end.
        for chunk in [1, 2, 3, 100] {
            assert_eq!(lines_of(b"a,b\n1,2\n3,4\n", chunk, &[0, 4, 8]), [1, 2, 3]);
            assert_eq!(
                lines_of(b"a,b\r\n1,2\r\n3,4\r\n", chunk, &[0, 4, 9]),
                [1, 2, 3]
            );
            assert_eq!(lines_of(b"a,b\r1,2\r3,4\r", chunk, &[0, 4, 8]), [1, 2, 3]);
        }
    }

    #[test]
    fn quoted_line_ends_and_blank_lines_count() {
        for chunk in [1, 2, 100] {
            // "x\ny" spans lines 2 and 3: the next record is on line 4.
            assert_eq!(
                lines_of(b"a,b\n\"x\ny\",2\n3,4\n", chunk, &[0, 4, 12]),
                [1, 2, 4]
            );
            assert_eq!(
                lines_of(b"a,b\r\n\"x\r\ny\",2\r\n3,4\r\n", chunk, &[0, 4, 14]),
                [1, 2, 4]
            );
            // Blank lines are lines; the csv crate skips them.
            assert_eq!(
                lines_of(b"a,b\n\n1,2\n\r\n\n3,4\n", chunk, &[0, 4, 9]),
                [1, 3, 6]
            );
        }
    }

    #[test]
    fn a_record_without_end_stops_at_the_cap() {
        let mut lines = Lines::new(io::repeat(b'x'));
        let err = io::copy(&mut lines, &mut io::sink()).unwrap_err();
        let too_long = err.get_ref().unwrap().downcast_ref::<RecordTooLong>();
        assert_eq!(too_long.unwrap().line, 1);
        assert!(lines.offset <= MAX_RECORD_BYTES + (64 << 10));
    }
}
