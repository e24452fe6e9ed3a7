//! What the tests share: the built `kopa` binary, paths in the repository, input files
//! written to a temporary folder, and stopping a running kopa with a signal.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output};
use std::time::{Duration, Instant};

/// The built `kopa` binary's path, for a command line that another program runs.
pub const KOPA: &str = env!("CARGO_BIN_EXE_kopa");

/// The repository's root: `instances/`, `tests/fixtures/` and `benches/` are in it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `path`, relative to the repository's root.
pub fn repo(path: impl AsRef<Path>) -> PathBuf {
    root().join(path)
}

/// The built `kopa` binary, run in the repository's root (where cargo runs the tests),
/// so relative paths such as `instances/...` name the repository's files.
pub fn kopa() -> Command {
    let mut command = Command::new(KOPA);
    command.current_dir(root());
    command
}

/// Runs `kopa` with `args` to its end.
pub fn run_kopa<S: AsRef<OsStr>>(args: &[S]) -> Output {
    kopa().args(args).output().expect("kopa runs")
}

/// Runs `kopa` with `args` to its end: its exit code (it must not die by a signal) and
/// everything it printed.
pub fn exit_code_and_text(args: &[&str]) -> (i32, String) {
    let output = run_kopa(args);
    let text = printed(&output);
    (output.status.code().expect("exit code, not a signal"), text)
}

/// What a run printed: its standard output, then its standard error.
pub fn printed(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Writes `text` to the file `name` in `dir`; its path, as an argument for kopa.
pub fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("temp file written");
    path.display().to_string()
}

/// Sends `signal` to the child.
pub fn signal(child: &Child, signal: i32) {
    let pid = i32::try_from(child.id()).expect("pid fits");
    // SAFETY: sending a signal to our own child process.
    let sent = unsafe { libc::kill(pid, signal) };
    assert_eq!(sent, 0, "kill failed");
}

/// Waits for the child to end; a generous bound only so that a hang fails the test
/// instead of stalling the suite (not a measure of speed).
pub fn wait(child: &mut Child) -> ExitStatus {
    wait_at_most(child, Duration::from_secs(180), "of the signal")
}

/// Waits for the child to end, killing it and failing the test after `bound` (a
/// generous bound against hangs, not a measure of speed; `after` says from what).
pub fn wait_at_most(child: &mut Child, bound: Duration, after: &str) -> ExitStatus {
    let deadline = Instant::now() + bound;
    loop {
        if let Some(status) = child.try_wait().expect("wait works") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("kopa did not stop within {} s {after}", bound.as_secs());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Asserts that folders `one` and `two` hold the same `count` files byte for byte
/// (named after `one`'s listing); `between` says what made the two.
pub fn assert_same_files(one: &Path, two: &Path, count: usize, between: &str) {
    let mut files: Vec<_> = std::fs::read_dir(one)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    files.sort();
    assert_eq!(files.len(), count, "{files:?}");
    for file in files {
        let a = std::fs::read(one.join(&file)).unwrap();
        let b = std::fs::read(two.join(&file)).unwrap();
        assert!(a == b, "{file:?} differs between {between}");
    }
}
