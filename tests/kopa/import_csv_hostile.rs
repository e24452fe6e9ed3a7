//! Hostile workbooks: sheets edited by hand and saved by whatever spreadsheet was at
//! hand. Whatever a cell or a line holds, `read_workbook` never panics: it returns an
//! instance (then validated, which never panics either) or problems, each located in
//! one of the workbook's files with a workbook code (E07xx).

use std::path::Path;

use kopa::import::{WORKBOOK_FILES, read_workbook, write_workbook};
use kopa::instance::read_instance;
use kopa::validate::validate;
use proptest::prelude::*;

/// What a hand or a spreadsheet does to a sheet.
#[derive(Clone, Debug)]
enum Damage {
    /// The n-th cell of the n-th line (both wrapped) becomes this text.
    Cell(usize, usize, String),
    /// These bytes are inserted at this position (wrapped) of the sheet.
    Bytes(usize, Vec<u8>),
    /// The n-th line (wrapped) is removed (the header too).
    DropLine(usize),
    /// The sheet is gone.
    DropSheet,
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  ".to_owned()),
        Just("abc".to_owned()),
        Just("1e400".to_owned()),
        Just("-0".to_owned()),
        Just("9223372036854775807".to_owned()),
        Just("12,5".to_owned()),
        Just("25:61".to_owned()),
        Just("08.15.00".to_owned()),
        Just("\"".to_owned()),
        Just("a\nb".to_owned()),
        Just("x;y,z\tw".to_owned()),
        Just("\u{feff}id".to_owned()),
        Just("EPÄTOSI".to_owned()),
        "\\PC{0,12}",
    ]
}

fn any_damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (0..64usize, 0..16usize, hostile_text()).prop_map(|(l, c, t)| Damage::Cell(l, c, t)),
        2 => (0..4096usize, prop::collection::vec(any::<u8>(), 1..4))
            .prop_map(|(at, bytes)| Damage::Bytes(at, bytes)),
        1 => (0..64usize).prop_map(Damage::DropLine),
        1 => Just(Damage::DropSheet),
    ]
}

/// The sheet's bytes after `damage`; `None` when the sheet is removed.
fn damaged(bytes: &[u8], damage: &Damage) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    match damage {
        Damage::DropSheet => None,
        Damage::Bytes(at, inserted) => {
            let at = at % (bytes.len() + 1);
            let mut out = bytes[..at].to_vec();
            out.extend_from_slice(inserted);
            out.extend_from_slice(&bytes[at..]);
            Some(out)
        }
        Damage::DropLine(n) => {
            let n = n % lines.len().max(1);
            let kept: Vec<&str> = (0..lines.len())
                .filter(|&i| i != n)
                .map(|i| lines[i])
                .collect();
            Some(kept.join("\n").into_bytes())
        }
        Damage::Cell(l, c, replacement) => {
            let l = l % lines.len().max(1);
            let mut out = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if i == l {
                    let mut cells: Vec<String> = line.split(',').map(str::to_owned).collect();
                    let c = c % cells.len();
                    cells[c] = replacement.clone();
                    out.push(cells.join(","));
                } else {
                    out.push((*line).to_owned());
                }
            }
            Some(out.join("\n").into_bytes())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_workbook_is_read_or_reported_never_panics(
        sheet in 0..WORKBOOK_FILES.len(),
        damages in prop::collection::vec(any_damage(), 1..3),
    ) {
        let instance = read_instance(&crate::util::repo("instances/tiny/optional-bus.json"))
            .expect("the instance reads");
        let temp = tempfile::tempdir().expect("temp dir");
        for (name, bytes) in write_workbook(&instance).expect("the instance exports") {
            let mut bytes = Some(bytes);
            if name == WORKBOOK_FILES[sheet] {
                for damage in &damages {
                    bytes = bytes.and_then(|b| damaged(&b, damage));
                }
            }
            if let Some(bytes) = bytes {
                std::fs::write(temp.path().join(name), bytes).expect("saved");
            }
        }
        match read_workbook(temp.path(), &[]) {
            Ok(read) => {
                let _ = validate(&read);
            }
            Err(problems) => {
                prop_assert!(!problems.0.is_empty(), "an error names a problem");
                for problem in &problems.0 {
                    prop_assert!(problem.code.id().starts_with("E07"), "{problem}");
                    let file = problem.file.file_name().and_then(|f| f.to_str());
                    prop_assert!(
                        file.is_some_and(|f| WORKBOOK_FILES.contains(&f)),
                        "{problem}"
                    );
                    prop_assert!(
                        problem.file.parent() == Some(Path::new(temp.path())),
                        "{problem}"
                    );
                }
            }
        }
    }
}
