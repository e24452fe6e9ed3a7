//! Refusing a model the machine cannot hold, before building it.
//!
//! Measured here: the full Tornio valley model (87,058 columns, estimated 43,492 by
//! `milp::estimate`) peaked at 256 MB; the 515-student variant (1.75 million columns)
//! at 6.2 GB: about 3.5 KB per built column, 7 KB per estimated one, HiGHS included.
//! That is a model built or LP-solved; a model branched on needs more per column
//! (`BYTES_PER_COHORT_COLUMN`), which `footprint` counts for a cluster's request.
//! `Need` refuses by the full model only: the cohort's model it would branch on has
//! at most `cohort::COHORT_MAX_STUDENTS` students.

/// Bytes per estimated column (calibrated as above; a property of this implementation
/// and HiGHS, not of the world).
pub const BYTES_PER_ESTIMATED_COLUMN: f64 = 7_000.0;

/// Bytes per estimated column of the cohort's model (`cohort.rs`), which HiGHS
/// branches on (with sub-MIPs) where the models above are only built or LP-solved.
/// Measured with `/usr/bin/time -v` on the Tornio valley's 12 double-degree students
/// (5,590 estimated columns), 2 loaded cores: the whole solve peaked at 421 MB
/// (`--rounds 6`) and 420 MB (`--time-limit 600`) while planning them, up to their
/// first plan; their model alone, branched on for the cohort's longest share (150 s),
/// at 507 MB, about 90 KB per estimated column. Rounded up to 100 KB: a faster
/// machine explores more nodes in the same 150 s.
pub const BYTES_PER_COHORT_COLUMN: f64 = 100_000.0;

/// Bytes of each neighbourhood a search's rounds solve side by side (`footprint`
/// counts the search with it). A neighbourhood's model is small (it re-plans at most 60
/// students) but HiGHS branches on it for up to 30 s without restarts, and its tree is
/// what grows, whatever the instance's size. Measured with `/usr/bin/time -v` and
/// `kopa bench` (each solve its own process), `--time-limit 600`, 2 cores: the Tornio
/// valley's solve peaked at 499 MiB with one neighbourhood a round (`--threads 1
/// --neighbourhoods 1`, seed 0) and 723 MiB with two (`--threads 1`, seed 0); gen-50's
/// at 515 MiB with one (the test suite beside it for half its run) and 844 / 926 / 944
/// MiB with two (`kopa bench`, seeds 0-2). Rounded up to 550 MiB a neighbourhood, for a
/// faster machine exploring more nodes in the same time. Not measured with more than
/// two side by side.
pub const SEARCH_BYTES_PER_NEIGHBOURHOOD: f64 = 550.0 * MIB;
const MIB: f64 = 1024.0 * 1024.0;

/// What a model would need and what the machine has.
#[derive(Debug, Clone, Copy)]
pub struct Need {
    pub estimated_columns: usize,
    pub bytes: f64,
    pub available: Option<f64>,
}

impl Need {
    /// What `estimated_columns` need, against `cap` bytes when given (a cap the user
    /// set), else what the machine has available now.
    pub fn of(estimated_columns: usize, cap: Option<f64>) -> Self {
        Need {
            estimated_columns,
            bytes: estimated_columns as f64 * BYTES_PER_ESTIMATED_COLUMN,
            available: cap.or_else(available_bytes),
        }
    }

    /// Whether the model would not fit in the memory available now.
    pub fn too_large(&self) -> bool {
        self.available.is_some_and(|a| self.bytes > a)
    }
}

impl std::fmt::Display for Need {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the model would need about {:.1} GB (about {} columns)",
            self.bytes / 1e9,
            self.estimated_columns
        )?;
        if let Some(a) = self.available {
            write!(f, "; this machine has {:.1} GB available", a / 1e9)?;
        }
        Ok(())
    }
}

/// Gives the memory freed so far back to the system.
///
/// Why: glibc keeps what a thread frees in that thread's arena for its next
/// allocations, and another thread's arena does not reuse it. A model solved on one
/// thread (the cohort's, the students' exact assignment) and dropped stayed resident
/// while the search's neighbourhoods, on rayon's threads, built theirs in other
/// arenas: the peaks added up instead of following one another (`footprint`'s
/// calibration has the numbers). Called after a large model is dropped; it walks the
/// arenas' free lists, which takes milliseconds.
pub fn return_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases pages that no allocation uses; any thread may
    // call it at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Memory the machine has available, in bytes: `MemAvailable` from /proc/meminfo (None
/// where there is no such file).
fn available_bytes() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_larger_than_what_is_available_is_too_large() {
        let need = Need {
            estimated_columns: 1_000_000,
            bytes: 7e9,
            available: Some(4e9),
        };
        assert!(need.too_large());
        assert_eq!(
            need.to_string(),
            "the model would need about 7.0 GB (about 1000000 columns); this machine has 4.0 GB available"
        );
        let fits = Need {
            available: Some(8e9),
            ..need
        };
        assert!(!fits.too_large());
        let unknown = Need {
            available: None,
            ..need
        };
        assert!(!unknown.too_large());
    }
}
