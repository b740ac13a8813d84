//! Classifying row/column labels as kommun, stadsdel, län, riket or enhet by the reference tables.
