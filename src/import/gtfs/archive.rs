//! Reading the files of a zip archive, as GTFS feeds are published: stored or deflated
//! entries (the two methods feeds use), found through the central directory. Written
//! here over `miniz_oxide` rather than with the `zip` crate, whose dependencies changed
//! the features of crates HiGHS's build shares and so rebuilt HiGHS from source (10+
//! minutes on a 2-core machine) for every developer and CI run.

use std::collections::HashMap;

/// A zip archive in memory: each file's name and where its entry starts.
pub(crate) struct Archive {
    bytes: Vec<u8>,
    entries: HashMap<String, Entry>,
}

#[derive(Clone, Copy)]
struct Entry {
    method: u16,
    flags: u16,
    compressed: usize,
    size: usize,
    local_header: usize,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const LOCAL_HEADER: u32 = 0x0403_4b50;

impl Archive {
    /// Reads the central directory of `bytes`; an error says why it is no zip archive
    /// kopa can read.
    pub fn new(bytes: Vec<u8>) -> Result<Archive, String> {
        // The end record is the last 22 bytes, or earlier by a comment of up to 64 KiB.
        let end = (0..=bytes.len().saturating_sub(22))
            .rev()
            .take(22 + 65_535)
            .find(|at| u32_at(&bytes, *at) == Some(END_OF_DIRECTORY))
            .ok_or("no zip end of central directory")?;
        let count = u16_at(&bytes, end + 10).ok_or("truncated")?;
        let mut at = u32_at(&bytes, end + 16).ok_or("truncated")? as usize;
        if count == u16::MAX || at == u32::MAX as usize {
            return Err("a ZIP64 archive; save the feed as a plain zip".to_owned());
        }
        let mut entries = HashMap::new();
        for _ in 0..count {
            if u32_at(&bytes, at) != Some(DIRECTORY_ENTRY) {
                return Err("a broken central directory".to_owned());
            }
            let field = |offset| u16_at(&bytes, at + offset).ok_or("truncated");
            let (flags, method) = (field(8)?, field(10)?);
            let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
            let long = |offset| u32_at(&bytes, at + offset).ok_or("truncated");
            let entry = Entry {
                method,
                flags,
                compressed: long(20)? as usize,
                size: long(24)? as usize,
                local_header: long(42)? as usize,
            };
            let name = bytes
                .get(at + 46..at + 46 + name_len as usize)
                .ok_or("truncated")?;
            entries.insert(String::from_utf8_lossy(name).into_owned(), entry);
            at += 46 + name_len as usize + extra_len as usize + comment_len as usize;
        }
        Ok(Archive { bytes, entries })
    }

    pub fn has(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The bytes of the file `name` at the archive's root (where the GTFS reference
    /// puts every file); NotFound if it has none.
    pub fn file(&self, name: &str) -> std::io::Result<Vec<u8>> {
        use std::io::{Error, ErrorKind};
        let entry = *self
            .entries
            .get(name)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, "not in the archive"))?;
        let broken = |why: &str| Error::new(ErrorKind::InvalidData, format!("{name}: {why}"));
        if entry.flags & 1 != 0 {
            return Err(broken("encrypted"));
        }
        let at = entry.local_header;
        if u32_at(&self.bytes, at) != Some(LOCAL_HEADER) {
            return Err(broken("a broken local header"));
        }
        let name_len = u16_at(&self.bytes, at + 26).ok_or_else(|| broken("truncated"))?;
        let extra_len = u16_at(&self.bytes, at + 28).ok_or_else(|| broken("truncated"))?;
        let start = at + 30 + name_len as usize + extra_len as usize;
        let data = self
            .bytes
            .get(start..start + entry.compressed)
            .ok_or_else(|| broken("truncated"))?;
        match entry.method {
            0 => Ok(data.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, entry.size)
                .map_err(|e| broken(&format!("cannot inflate: {e}"))),
            other => Err(broken(&format!(
                "compressed by method {other}; save the feed with deflate"
            ))),
        }
    }
}
