//! The committee report: text in the seed-000 format, tables, and xlsx/csv exports.
