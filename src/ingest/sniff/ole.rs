//! A minimal, bounded reader of OLE compound files (CFB): the directory's names and one stream.
//!
//! Our own rather than the `cfb` crate: sniffing needs only the directory, and the .xls pre-scan
//! needs one stream; ~200 lines under the ingest lints (no panics, checked arithmetic, every chain
//! walk bounded by the file's sector count) cost less than a dependency with its own `uuid` and
//! `fnv`, and calamine's reader is private.

/// The 8-byte signature every compound file starts with.
pub const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE_SECTOR: u32 = 0xFFFF_FFFF;
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;
const HEADER_DIFAT_ENTRIES: usize = 109;
const DIR_ENTRY_LEN: usize = 128;

/// One directory entry: a storage or a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// 1 storage, 2 stream, 5 root.
    pub kind: u8,
    start: u32,
    size: u64,
}

/// A parsed compound file over borrowed bytes.
#[derive(Debug)]
pub struct Ole<'a> {
    bytes: &'a [u8],
    sector_len: usize,
    mini_sector_len: usize,
    mini_cutoff: u64,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    entries: Vec<Entry>,
}

impl<'a> Ole<'a> {
    /// Parses the header, the FAT, the directory and the mini stream; `None` when damaged.
    pub fn parse(bytes: &'a [u8]) -> Option<Ole<'a>> {
        if bytes.get(..8)? != SIGNATURE {
            return None;
        }
        let sector_shift = u16_at(bytes, 0x1E)?;
        let sector_len: usize = match sector_shift {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        let mini_sector_len = 1usize.checked_shl(u32::from(u16_at(bytes, 0x20)?))?;
        if mini_sector_len == 0 || mini_sector_len > sector_len {
            return None;
        }
        let n_sectors = bytes.len().checked_div(sector_len)?;
        let mut ole = Ole {
            bytes,
            sector_len,
            mini_sector_len,
            mini_cutoff: u64::from(u32_at(bytes, 0x38)?),
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };

        // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
        let mut fat_sectors: Vec<u32> = Vec::new();
        for i in 0..HEADER_DIFAT_ENTRIES {
            let sector = u32_at(bytes, i.checked_mul(4)?.checked_add(0x4C)?)?;
            if sector <= MAX_REGULAR_SECTOR {
                fat_sectors.push(sector);
            }
        }
        let mut difat = u32_at(bytes, 0x44)?;
        let per_difat = sector_len.checked_div(4)?.checked_sub(1)?;
        let mut steps = 0usize;
        while difat <= MAX_REGULAR_SECTOR {
            steps = steps.checked_add(1)?;
            if steps > n_sectors {
                return None;
            }
            let sector = ole.sector(difat)?;
            for i in 0..per_difat {
                let s = u32_at(sector, i.checked_mul(4)?)?;
                if s <= MAX_REGULAR_SECTOR {
                    fat_sectors.push(s);
                }
            }
            difat = u32_at(sector, per_difat.checked_mul(4)?)?;
        }
        if fat_sectors.len() > n_sectors {
            return None;
        }
        let mut fat = Vec::with_capacity(fat_sectors.len().saturating_mul(sector_len / 4));
        for s in fat_sectors {
            let sector = ole.sector(s)?;
            fat.extend(
                sector
                    .chunks_exact(4)
                    .filter_map(|c| c.try_into().ok().map(u32::from_le_bytes)),
            );
        }
        ole.fat = fat;

        // Directory.
        // Version 3 files may hold garbage in the size's high half.
        let v3 = u16_at(bytes, 0x1A)? == 3;
        let dir = ole.read_chain(u32_at(bytes, 0x30)?, None)?;
        ole.entries = dir
            .chunks_exact(DIR_ENTRY_LEN)
            .filter_map(|raw| parse_entry(raw, v3))
            .collect();

        // Mini FAT and mini stream (small streams live there).
        let first_mini_fat = u32_at(bytes, 0x3C)?;
        if first_mini_fat <= MAX_REGULAR_SECTOR {
            let raw = ole.read_chain(first_mini_fat, None)?;
            ole.mini_fat = raw
                .chunks_exact(4)
                .filter_map(|c| c.try_into().ok().map(u32::from_le_bytes))
                .collect();
            if let Some(root) = ole.entries.iter().find(|e| e.kind == 5).cloned() {
                if root.start <= MAX_REGULAR_SECTOR {
                    ole.mini_stream = ole.read_chain(root.start, Some(root.size))?;
                }
            }
        }
        Some(ole)
    }

    /// Whether a storage or stream of this name exists anywhere in the directory.
    pub fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The content of the first stream of this name, or `None` when absent or damaged.
    pub fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.kind == 2 && e.name.eq_ignore_ascii_case(name))?;
        if entry.size < self.mini_cutoff {
            self.read_mini_chain(entry.start, entry.size)
        } else {
            self.read_chain(entry.start, Some(entry.size))
        }
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = usize::try_from(n)
            .ok()?
            .checked_add(1)?
            .checked_mul(self.sector_len)?;
        self.bytes.get(start..start.checked_add(self.sector_len)?)
    }

    /// Follows a FAT chain, concatenating its sectors, truncated to `size` when given. Bounded:
    /// a chain longer than the FAT (a cycle) is damage.
    fn read_chain(&self, start: u32, size: Option<u64>) -> Option<Vec<u8>> {
        let cap = match size {
            Some(s) => usize::try_from(s).ok()?.min(self.bytes.len()),
            None => 0,
        };
        let mut out = Vec::with_capacity(cap);
        let mut sector = start;
        let mut steps = 0usize;
        while sector != END_OF_CHAIN {
            if sector > MAX_REGULAR_SECTOR || sector == FREE_SECTOR {
                return None;
            }
            steps = steps.checked_add(1)?;
            if steps > self.fat.len().max(1) {
                return None;
            }
            out.extend_from_slice(self.sector(sector)?);
            if let Some(s) = size {
                if u64::try_from(out.len()).ok()? >= s {
                    break;
                }
            }
            sector = *self.fat.get(usize::try_from(sector).ok()?)?;
        }
        if let Some(s) = size {
            out.truncate(usize::try_from(s).ok()?);
        }
        Some(out)
    }

    fn read_mini_chain(&self, start: u32, size: u64) -> Option<Vec<u8>> {
        let size = usize::try_from(size).ok()?;
        let mut out = Vec::with_capacity(size.min(self.mini_stream.len()));
        let mut sector = start;
        let mut steps = 0usize;
        while sector != END_OF_CHAIN && out.len() < size {
            steps = steps.checked_add(1)?;
            if steps > self.mini_fat.len() {
                return None;
            }
            let index = usize::try_from(sector).ok()?;
            let offset = index.checked_mul(self.mini_sector_len)?;
            out.extend_from_slice(
                self.mini_stream
                    .get(offset..offset.checked_add(self.mini_sector_len)?)?,
            );
            sector = *self.mini_fat.get(index)?;
        }
        out.truncate(size);
        Some(out)
    }
}

fn parse_entry(raw: &[u8], v3: bool) -> Option<Entry> {
    let kind = *raw.get(66)?;
    if kind == 0 {
        return None;
    }
    let name_len = usize::from(u16_at(raw, 64)?).min(64);
    let units: Vec<u16> = raw
        .get(..name_len)?
        .chunks_exact(2)
        .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
        .take_while(|&u| u != 0)
        .collect();
    Some(Entry {
        name: String::from_utf16_lossy(&units),
        kind,
        start: u32_at(raw, 116)?,
        size: if v3 {
            u64::from(u32_at(raw, 120)?)
        } else {
            u64_at(raw, 120)?
        },
    })
}

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_with_the_signature_is_not_a_compound_file() {
        let mut bytes = SIGNATURE.to_vec();
        bytes.resize(600, 0xFF);
        assert!(Ole::parse(&bytes).is_none());
        assert!(Ole::parse(&SIGNATURE).is_none());
    }
}
