//! The one error type of the crate: where (an element path) and why.

/// A refused message or value. `path` names the element, e.g.
/// `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt` (1-based index on repeated
/// elements, `@Ccy` for an attribute); `reason` says what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Error {
        Error {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// Anchors a relative error (from a value check: empty path, or `@Attr`) at `parent`.
    /// Errors that already carry an absolute path (starting with `/`) are left as they are.
    pub(crate) fn under(self, parent: &str) -> Error {
        if self.path.is_empty() {
            Error::new(parent, self.reason)
        } else if self.path.starts_with('@') {
            Error::new(format!("{parent}/{}", self.path), self.reason)
        } else {
            self
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
