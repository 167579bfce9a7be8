//! Load errors. Every error names the list, the record and the field, so a compliance officer can
//! find the offending line in the file they downloaded. A list either loads completely or not at
//! all: there is no partial result next to an error.

/// A list file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{list}: {record}: {field}: {message}")]
pub struct ParseError {
    /// Which list format was being read, e.g. `UN consolidated XML` or `OFAC alt.csv`.
    pub list: String,
    /// The record, e.g. `INDIVIDUAL #3 (DATAID 110444)` or `line 12 (ent_num 4632)`;
    /// `document` for problems that are not inside one record.
    pub record: String,
    /// The field, e.g. `INDIVIDUAL_DATE_OF_BIRTH/DATE`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(
        list: &str,
        record: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ParseError {
            list: list.to_string(),
            record: record.into(),
            field: field.into(),
            message: message.into(),
        }
    }
}
