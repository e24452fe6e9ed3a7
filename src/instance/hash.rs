//! A fingerprint of an instance, so a solution can say which instance it answers.

use sha2::{Digest, Sha256};

use super::Instance;

/// SHA-256 (hex) of the instance's canonical JSON: the parsed file written back by
/// serde, so whitespace and key order in the file do not matter but every value does.
pub fn instance_hash(instance: &Instance) -> String {
    let canonical = serde_json::to_vec(instance).expect("instance types always serialize");
    let digest = Sha256::digest(&canonical);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
