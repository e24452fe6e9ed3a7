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

/// The progress sink of a run for a person (and, with `events`, for a tool): each event
/// as a line `[   12.3s] message` on stderr (after `label: ` when a sweep names its
/// scenario), through the bar when there is one; neighbourhood events only when
/// `KOPA_DEBUG_LNS` is set; every event also as a JSON line in `events` when given.
pub fn printer(
    label: String,
    bar: Option<ProgressBar>,
    print: bool,
    events: Option<std::fs::File>,
) -> kopa::solve::Progress {
    use kopa::solve::{Event, Progress, environment::Stamped};
    use std::io::Write;
    let debug_search = std::env::var_os("KOPA_DEBUG_LNS").is_some();
    let events = events.map(|f| std::sync::Mutex::new(std::io::LineWriter::new(f)));
    if !print && events.is_none() {
        return Progress::silent();
    }
    Progress::to(move |seconds, event: Event| {
        if let Some(events) = &events
            && let Ok(mut file) = events.lock()
            && let Ok(line) = serde_json::to_string(&Stamped {
                seconds,
                event: event.clone(),
            })
        {
            // A log for tools: a line lost to a full disk is not worth ending the run.
            let _ = writeln!(file, "{line}");
        }
        let shown = print && (debug_search || !matches!(event, Event::Neighbourhood { .. }));
        if !shown {
            return;
        }
        if let Event::Neighbourhood { message } = &event {
            // As the search studies have always read them: plain, untimed.
            eprintln!("{message}");
            return;
        }
        let message = event.message();
        let line = if label.is_empty() {
            format!("[{seconds:7.1}s] {message}")
        } else {
            format!("{label}: [{seconds:7.1}s] {message}")
        };
        match &bar {
            Some(bar) => {
                bar.set_message(message.to_owned());
                bar.println(line);
            }
            None => eprintln!("{line}"),
        }
    })
}
