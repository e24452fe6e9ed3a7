//! `kopa schema`: the JSON Schema of instance files, so editors can check them as
//! schedulers type.

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> anyhow::Result<Exit> {
    let schema = schemars::schema_for!(kopa::instance::Instance);
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(Exit::Success)
}
