//! Delimited text (csv/tsv; `;` `,` tab; UTF-8, UTF-8 with BOM, Windows-1252) to one grid.
