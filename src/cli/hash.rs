//! `kopa hash FILE...`: the fingerprint (`instance.hash`) a solution file must carry
//! to answer an instance, so people writing plans by hand can fill it in.
//!
//! Prints `HASH  FILE` per readable file, in the order given. A file that cannot be
//! read or parsed is reported on stderr with its name and position; the other files
//! are still hashed, and it ends with bad input (`Exit`, docs/exit-codes.md).

use std::path::PathBuf;

use kopa::instance::{instance_hash, read_instance};

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// Instance files (JSON).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let mut any_unreadable = false;
    for path in &args.files {
        match read_instance(path) {
            Ok(instance) => println!("{}  {}", instance_hash(&instance), path.display()),
            Err(error) => {
                eprintln!("kopa: error: {error}");
                any_unreadable = true;
            }
        }
    }
    Ok(if any_unreadable {
        Exit::BadInput
    } else {
        Exit::Success
    })
}
