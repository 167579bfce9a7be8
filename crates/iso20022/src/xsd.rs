//! Validation against the official XSDs with the real `xmllint --schema` (libxml2).
//!
//! The schema files are looked up by namespace in a directory: `$CORRIDOR_ISO20022_XSD_DIR`, or
//! the shared fixtures (`../shared/fixtures/iso20022/xsd` beside the repository). A bare
//! `Document` or `AppHdr` is validated against its own XSD. An envelope (a root without a
//! namespace holding `AppHdr` and `Document`) is validated in one run against a small generated
//! schema that imports the official XSD of each part, so the file is checked exactly as it is.

use crate::msgdef::NAMESPACE_PREFIX;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Environment variable naming the XSD directory.
pub const XSD_DIR_ENV: &str = "CORRIDOR_ISO20022_XSD_DIR";

/// The XSD directory: `$CORRIDOR_ISO20022_XSD_DIR`, else the shared fixtures beside the repo.
pub fn xsd_dir() -> PathBuf {
    match std::env::var_os(XSD_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => {
            let path =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/iso20022/xsd");
            std::fs::canonicalize(&path).unwrap_or(path)
        }
    }
}

/// Why validation could not run (as opposed to a message that is invalid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidateError {
    /// `xmllint` is not on PATH.
    NoXmllint,
    /// The input is not XML this module can route to a schema.
    Unroutable(String),
    /// No XSD for this message definition in the directory.
    NoSchema { id: String, dir: PathBuf },
    /// Running xmllint or writing its temporary files failed.
    Io(String),
}

impl std::fmt::Display for ValidateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValidateError::NoXmllint => write!(
                f,
                "xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)"
            ),
            ValidateError::Unroutable(reason) => write!(f, "cannot pick a schema: {reason}"),
            ValidateError::NoSchema { id, dir } => write!(
                f,
                "no official XSD for {id} in {} (set {XSD_DIR_ENV} to a directory with {id}.xsd)",
                dir.display()
            ),
            ValidateError::Io(reason) => write!(f, "{reason}"),
        }
    }
}

impl std::error::Error for ValidateError {}

/// xmllint's verdict on one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The message definitions validated (`head.001.001.02`, `pacs.008.001.08`).
    pub schemas: Vec<String>,
    pub valid: bool,
    /// What xmllint printed (errors name line and element).
    pub output: String,
}

/// True when `xmllint` can be run.
pub fn xmllint_available() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn schema_path(id: &str, dir: &Path) -> Result<PathBuf, ValidateError> {
    let path = dir.join(format!("{id}.xsd"));
    if path.is_file() {
        // Absolute, so that xs:import in a generated schema finds it.
        Ok(std::fs::canonicalize(&path).unwrap_or(path))
    } else {
        Err(ValidateError::NoSchema {
            id: id.to_string(),
            dir: dir.to_path_buf(),
        })
    }
}

fn id_of(namespace: Option<&str>, element: &str) -> Result<String, ValidateError> {
    let namespace = namespace.ok_or_else(|| {
        ValidateError::Unroutable(format!("<{element}> has no ISO 20022 namespace"))
    })?;
    let id = namespace.strip_prefix(NAMESPACE_PREFIX).ok_or_else(|| {
        ValidateError::Unroutable(format!(
            "<{element}> namespace {namespace:?} is not an ISO 20022 namespace"
        ))
    })?;
    let ok = id.len() == 15
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.');
    if ok {
        Ok(id.to_string())
    } else {
        Err(ValidateError::Unroutable(format!(
            "<{element}> namespace ends in {id:?}, not a message identifier like pacs.008.001.08"
        )))
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir, ValidateError> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "iso20022-xsd-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path)
            .map_err(|e| ValidateError::Io(format!("create {}: {e}", path.display())))?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn xml_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// Validates `xml` against the official XSDs in `dir`.
pub fn validate(xml: &str, dir: &Path) -> Result<Verdict, ValidateError> {
    let root = crate::xml::parse(xml)
        .map_err(|e| ValidateError::Unroutable(format!("the input is not readable XML: {e}")))?;
    let temp = TempDir::new()?;
    let (schema, schemas) = if root.namespace.is_some() {
        let id = id_of(root.namespace.as_deref(), &root.name)?;
        (schema_path(&id, dir)?, vec![id])
    } else {
        // An envelope: import the schema of each namespaced child.
        let mut ids = Vec::new();
        let mut imports = String::new();
        let mut particles = String::new();
        for child in &root.children {
            let id = id_of(child.namespace.as_deref(), &child.name)?;
            let path = schema_path(&id, dir)?;
            let namespace = format!("{NAMESPACE_PREFIX}{id}");
            if !ids.contains(&id) {
                imports.push_str(&format!(
                    "  <xs:import namespace=\"{}\" schemaLocation=\"{}\"/>\n",
                    xml_attr(&namespace),
                    xml_attr(&path.to_string_lossy())
                ));
            }
            particles.push_str(&format!(
                "      <xs:any namespace=\"{}\" processContents=\"strict\"/>\n",
                xml_attr(&namespace)
            ));
            ids.push(id);
        }
        if ids.is_empty() {
            return Err(ValidateError::Unroutable(format!(
                "<{}> holds no ISO 20022 element",
                root.name
            )));
        }
        let generated = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n{imports}  <xs:element name=\"{}\">\n    <xs:complexType>\n      <xs:sequence>\n{particles}      </xs:sequence>\n    </xs:complexType>\n  </xs:element>\n</xs:schema>\n",
            xml_attr(&root.name)
        );
        let path = temp.0.join("envelope.xsd");
        std::fs::write(&path, generated)
            .map_err(|e| ValidateError::Io(format!("write {}: {e}", path.display())))?;
        (path, ids)
    };
    let input = temp.0.join("message.xml");
    std::fs::write(&input, xml)
        .map_err(|e| ValidateError::Io(format!("write {}: {e}", input.display())))?;
    let output = match Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(&schema)
        .arg(&input)
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ValidateError::NoXmllint),
        Err(e) => return Err(ValidateError::Io(format!("run xmllint: {e}"))),
    };
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    let text = text.replace(&*input.to_string_lossy(), "message");
    let valid = output.status.success() && text.contains("validates");
    if !valid && output.status.code() == Some(4) {
        return Err(ValidateError::Io(format!(
            "xmllint could not load the schema: {}",
            text.trim()
        )));
    }
    Ok(Verdict {
        schemas,
        valid,
        output: text.trim().to_string(),
    })
}
