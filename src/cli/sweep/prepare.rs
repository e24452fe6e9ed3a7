//! A sweep's scenarios before anything is solved: the base read and validated, every
//! patch applied and its variant validated (every patch's errors at once), every model
//! resolved. A local sweep solves them; `--emit slurm` writes them for the cluster.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Context;

use kopa::instance::Instance;
use kopa::model::Model;
use kopa::scenario::variant::{Variant, build, scenario_name};
use kopa::words::count;

use super::args::Args;

/// One scenario ready to solve.
pub struct Prepared {
    pub variant: Variant,
    pub model: Model,
}

/// Reads and validates the base, builds and validates every variant, resolves every
/// model: all before anything is solved or written, every patch's errors at once.
pub fn prepare(args: &Args) -> anyhow::Result<Vec<Prepared>> {
    let base = crate::cli::read_valid_instance(&args.base)?;
    let mut names = BTreeSet::new();
    for name in std::iter::once(scenario_name(&args.base))
        .chain(args.patches.iter().map(|p| scenario_name(p)))
    {
        if !names.insert(name.clone()) {
            anyhow::bail!(
                "two scenarios are named {name:?} (a scenario is named after its file's stem); rename one file"
            );
        }
    }
    let mut variants = vec![Variant {
        name: scenario_name(&args.base),
        patch: args.base.clone(),
        changes: Vec::new(),
        instance: base.clone(),
    }];
    let mut failed = 0;
    for path in &args.patches {
        match build(&base, path) {
            Ok(variant) => variants.push(variant),
            Err(error) => {
                eprintln!("kopa: error: {error}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        anyhow::bail!(
            "{failed} of {} cannot be used; nothing was solved or written",
            count(args.patches.len(), "patch", "patches")
        );
    }
    variants
        .into_iter()
        .map(|variant| {
            let model = Model::new(&variant.instance).with_context(|| {
                format!("{}: cannot resolve the variant", variant.patch.display())
            })?;
            Ok(Prepared { variant, model })
        })
        .collect()
}

/// Every variant instance (the base too) into `output`, as `NAME.json`, creating it.
pub fn write_variants(output: &Path, prepared: &[Prepared]) -> anyhow::Result<()> {
    std::fs::create_dir_all(output)
        .with_context(|| format!("{}: cannot create the directory", output.display()))?;
    for p in prepared {
        let instance: &Instance = &p.variant.instance;
        write(
            &output.join(format!("{}.json", p.variant.name)),
            &serde_json::to_vec_pretty(instance)?,
        )?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: the file is whole or absent.
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    kopa::fsutil::write_atomic(path, bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}
