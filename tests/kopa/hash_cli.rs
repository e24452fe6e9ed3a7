//! `kopa hash FILE...`: one `HASH  FILE` line per readable file, equal to the library's
//! `instance_hash`; an unreadable file is named on stderr and makes the exit code 2.

use crate::util::{kopa, repo};
use kopa::instance::{instance_hash, read_instance};

#[test]
fn hash_prints_the_library_hash_of_each_file_and_names_unreadable_ones() {
    let instance = repo("instances/tiny/one-course.json");
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.json");
    let run = kopa()
        .args([
            "hash",
            instance.to_str().unwrap(),
            missing.to_str().unwrap(),
        ])
        .output()
        .expect("kopa runs");
    assert_eq!(run.status.code(), Some(2));
    let expected = format!(
        "{}  {}\n",
        instance_hash(&read_instance(&instance).unwrap()),
        instance.display()
    );
    assert_eq!(String::from_utf8_lossy(&run.stdout), expected);
    assert!(String::from_utf8_lossy(&run.stderr).contains("missing.json"));
}
