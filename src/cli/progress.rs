//! A progress bar for long runs when a person is watching: on a terminal, the time
//! used against the limit and the latest news (incumbent, bound, gap), with every
//! progress line still printed above it. When stderr is not a terminal (CI, `kopa
//! bench`, a log file) nothing changes: plain lines, one per event, which tools read.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often the bar moves on its own between events.
const TICK: Duration = Duration::from_millis(250);

/// A bar for a run of at most `limit` (a spinner and the elapsed time without one),
/// or `None` when stderr is not a terminal or the caller wants no bar.
pub fn bar_for(limit: Option<Duration>, wanted: bool) -> Option<ProgressBar> {
    if !wanted || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match limit {
        Some(limit) => {
            let bar = ProgressBar::with_draw_target(
                Some(limit.as_millis().try_into().unwrap_or(u64::MAX)),
                ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed:>4} of {len_secs} [{bar:24}] {wide_msg}",
                )
                .expect("a valid template")
                .with_key(
                    "len_secs",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{}s", state.len().unwrap_or(0) / 1000);
                    },
                )
                .progress_chars("=> "),
            );
            let ticker = bar.clone();
            std::thread::spawn(move || {
                while !ticker.is_finished() {
                    ticker
                        .set_position(ticker.elapsed().as_millis().try_into().unwrap_or(u64::MAX));
                    std::thread::sleep(TICK);
                }
            });
            bar
        }
        None => {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed:>4} {wide_msg}")
                    .expect("a valid template"),
            );
            bar
        }
    };
    bar.enable_steady_tick(TICK);
    Some(bar)
}
