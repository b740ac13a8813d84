//! Fictitious ÖJ workbooks for the example data, the tests and `public/`: realistic, deterministic.
//!
//! Plainly fictitious: every workbook says so in its title. (Issue 2 grows this into the full
//! generator; this first version writes one small workbook.)

use rust_xlsxwriter::{Workbook, XlsxError};

/// One generated file: its name and its bytes.
#[derive(Clone, Debug)]
pub struct ExampleFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The example workbooks the page offers behind "Prova med exempeldata".
pub fn example_files() -> Result<Vec<ExampleFile>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Ekonomiskt bistånd")?;
    sheet.write(
        0,
        0,
        "Öppna jämförelser 2020 – Ekonomiskt bistånd (FIKTIVA EXEMPELDATA)",
    )?;
    sheet.write(1, 0, "Kommunkod")?;
    sheet.write(1, 1, "Kommun")?;
    sheet.write(2, 0, "0138")?;
    sheet.write(2, 1, "Tyresö")?;
    Ok(vec![ExampleFile {
        name: "oj-exempel-ekonomiskt-bistand-2020.xlsx".into(),
        bytes: workbook.save_to_buffer()?,
    }])
}
