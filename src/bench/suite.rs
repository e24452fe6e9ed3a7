//! The suite file: which instances, strategies, seeds and limits.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Suite {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub runs: Vec<Run>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Run {
    /// Instance path, relative to the suite file's directory's project root (the
    /// current directory when the bench runs).
    pub instance: String,
    #[serde(default = "auto")]
    pub strategy: String,
    pub seeds: Vec<u64>,
    /// Seconds per solve.
    pub time_limit: f64,
    #[serde(default = "one")]
    pub threads: u32,
}

fn auto() -> String {
    "auto".to_owned()
}

fn one() -> u32 {
    1
}
