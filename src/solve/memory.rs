//! Refusing a model the machine cannot hold, before building it.
//!
//! Measured here: the full Tornio valley model (87,058 columns, estimated 43,492 by
//! `milp::estimate`) peaked at 256 MB; the 515-student variant (1.75 million columns)
//! at 6.2 GB: about 3.5 KB per built column, 7 KB per estimated one, HiGHS included.

/// Bytes per estimated column (calibrated as above; a property of this implementation
/// and HiGHS, not of the world).
pub const BYTES_PER_ESTIMATED_COLUMN: f64 = 7_000.0;

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
