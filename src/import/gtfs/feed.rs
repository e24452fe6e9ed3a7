//! A GTFS feed as published: a folder of `.txt` files or a zip archive of them. Either
//! way each file is read as a sheet (`sheet.rs`), named in problems as
//! `FEED/stop_times.txt` so a problem inside a zip points at the file in it.

use std::path::{Path, PathBuf};

use super::super::problem::Problem;
use super::super::sheet::{Columns, Others, Sheet, parse_sheet};
use super::archive::Archive;
use crate::validate::Code;

pub(crate) enum Feed {
    Folder(PathBuf),
    Zip { path: PathBuf, archive: Archive },
}

impl Feed {
    /// Opens the feed at `path`: a folder, or else a zip archive.
    pub fn open(path: &Path) -> Result<Feed, Box<Problem>> {
        if path.is_dir() {
            return Ok(Feed::Folder(path.to_owned()));
        }
        let unreadable = |message: String| {
            Box::new(Problem {
                code: Code::E0701UnreadableCsv,
                file: path.to_owned(),
                line: None,
                column: None,
                entity: String::new(),
                field: String::new(),
                message,
                hint: "give a GTFS feed: a zip archive or a folder of its .txt files".to_owned(),
            })
        };
        let bytes =
            std::fs::read(path).map_err(|e| unreadable(format!("cannot read the feed: {e}")))?;
        let archive = Archive::new(bytes)
            .map_err(|e| unreadable(format!("not a folder nor a zip archive: {e}")))?;
        Ok(Feed::Zip {
            path: path.to_owned(),
            archive,
        })
    }

    /// Reads the feed's file `name`; a missing file is a problem when `required`, else
    /// an empty sheet. Columns the sheet does not know are skipped (feeds carry many
    /// fields kopa has no use for).
    pub fn sheet(
        &mut self,
        name: &str,
        columns: &Columns,
        required: bool,
        problems: &mut Vec<Problem>,
    ) -> Sheet {
        let (label, bytes) = match self {
            Feed::Folder(dir) => {
                let path = dir.join(name);
                (path.clone(), std::fs::read(&path))
            }
            Feed::Zip { path, archive } => (path.join(name), archive.file(name)),
        };
        match bytes {
            Ok(bytes) => parse_sheet(&label, &bytes, columns, Others::Ignored, problems),
            Err(e) => {
                if e.kind() != std::io::ErrorKind::NotFound || required {
                    problems.push(Problem {
                        code: Code::E0701UnreadableCsv,
                        file: label.clone(),
                        line: None,
                        column: None,
                        entity: String::new(),
                        field: String::new(),
                        message: format!("cannot read the file: {e}"),
                        hint: "a GTFS feed has this file (docs/gtfs.md lists what kopa reads)"
                            .to_owned(),
                    });
                }
                parse_sheet(&label, b"", columns, Others::Ignored, &mut Vec::new())
            }
        }
    }

    /// Whether the feed has the file `name`.
    pub fn has(&self, name: &str) -> bool {
        match self {
            Feed::Folder(dir) => dir.join(name).is_file(),
            Feed::Zip { archive, .. } => archive.has(name),
        }
    }
}
