//! One cell to a [`crate::model::Value`]: outcomes, numbers, percent strings, absences.
