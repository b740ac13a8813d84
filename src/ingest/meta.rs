//! The area and year of a table, from sheet name, title rows and file name, with evidence.
