//! A progress bar on stderr for long runs (indicatif): measured in bytes of
//! the workforce file read, drawn only when stderr is a terminal, `--quiet`
//! is not given, and the run has lasted more than a second — short runs and
//! pipes stay silent.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long a run goes before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Progress through a file of `total` bytes.
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    shown: bool,
}

impl Progress {
    /// A bar over `total` bytes; never drawn when `quiet` or when stderr is
    /// not a terminal.
    pub fn new(total: u64, quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} reading workforce {wide_bar} {binary_bytes}/{binary_total_bytes} ({eta})",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            shown: false,
        }
    }

    /// `bytes` of the file have been read.
    pub fn set(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            if !self.shown && self.start.elapsed() >= DELAY {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                self.shown = true;
            }
            bar.set_position(bytes);
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
