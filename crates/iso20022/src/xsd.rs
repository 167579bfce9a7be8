//! Validation against the official XSDs with the real `xmllint --schema` (libxml2).
//!
//! The schema files are looked up by namespace in a directory: `$CORRIDOR_ISO20022_XSD_DIR`, or
//! the shared fixtures (`../shared/fixtures/iso20022/xsd` beside the repository). A bare
//! `Document` or `AppHdr` is validated against its own XSD. An envelope (a root without a
//! namespace, or the SWIFT `<Envelope xmlns="urn:swift:xsd:envelope">`, holding `AppHdr` and
//! `Document`) is validated in one run against a small generated schema for the envelope element
//! (in the envelope's namespace, if any) that imports the official XSD of each part, so the file
//! is checked exactly as it is. The SWIFT envelope's own schema is not public; the generated one
//! allows exactly the parts found, each checked strictly against its official XSD.
//!
//! [`validate_batch`] checks many documents with one `xmllint` run per schema, for tests that
//! validate hundreds of generated messages.

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

/// The schema to validate a document against: an official XSD, or a generated envelope schema.
#[derive(Clone, PartialEq, Eq)]
enum Plan {
    Official(PathBuf),
    Generated(String),
    /// Invalid whatever the schemas say (an envelope holding something other than ISO 20022
    /// parts): the reason.
    Refused(String),
}

/// Picks the schema for `root` and names the message definitions it covers.
fn plan(root: &crate::xml::Element, dir: &Path) -> Result<(Plan, Vec<String>), ValidateError> {
    let iso_root = root
        .namespace
        .as_deref()
        .is_some_and(|n| n.starts_with(NAMESPACE_PREFIX));
    if iso_root {
        let id = id_of(root.namespace.as_deref(), &root.name)?;
        return Ok((Plan::Official(schema_path(&id, dir)?), vec![id]));
    }
    if let Some(namespace) = &root.namespace
        && &**namespace != crate::message::SWIFT_ENVELOPE_NAMESPACE
    {
        return Err(ValidateError::Unroutable(format!(
            "<{}> is in namespace {namespace:?}: expected an ISO 20022 element, or an envelope without a namespace or in {:?}",
            root.name,
            crate::message::SWIFT_ENVELOPE_NAMESPACE
        )));
    }
    // An envelope: import the schema of each namespaced child.
    let mut ids = Vec::new();
    let mut imports = String::new();
    let mut particles = String::new();
    for child in &root.children {
        let id = match id_of(child.namespace.as_deref(), &child.name) {
            Ok(id) => id,
            Err(ValidateError::Unroutable(reason)) => {
                return Ok((
                    Plan::Refused(format!(
                        "/{}/{}: an envelope holds only the ISO 20022 parts of a message (AppHdr, Document): {reason}",
                        root.name, child.name
                    )),
                    ids,
                ));
            }
            Err(other) => return Err(other),
        };
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
    let target = match &root.namespace {
        Some(namespace) => format!(
            " targetNamespace=\"{}\" elementFormDefault=\"qualified\"",
            xml_attr(namespace)
        ),
        None => String::new(),
    };
    let generated = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"{target}>\n{imports}  <xs:element name=\"{}\">\n    <xs:complexType>\n      <xs:sequence>\n{particles}      </xs:sequence>\n    </xs:complexType>\n  </xs:element>\n</xs:schema>\n",
        xml_attr(&root.name)
    );
    Ok((Plan::Generated(generated), ids))
}

/// Validates `xml` against the official XSDs in `dir`.
pub fn validate(xml: &str, dir: &Path) -> Result<Verdict, ValidateError> {
    let mut verdicts = validate_batch(&[xml], dir)?;
    verdicts
        .pop()
        .ok_or_else(|| ValidateError::Io("xmllint gave no verdict".to_string()))
}

/// Validates every document of `xmls` against the official XSDs in `dir`, with one `xmllint` run
/// per schema; the verdicts are in the order of `xmls`. Fails as a whole (an error, not a
/// verdict) when a document cannot be routed to a schema or xmllint cannot run.
pub fn validate_batch(xmls: &[&str], dir: &Path) -> Result<Vec<Verdict>, ValidateError> {
    let temp = TempDir::new()?;
    // (plan, schema file, document indices)
    let mut groups: Vec<(Plan, PathBuf, Vec<usize>)> = Vec::new();
    let mut ids_of: Vec<Vec<String>> = Vec::with_capacity(xmls.len());
    let mut verdicts: Vec<Option<Verdict>> = vec![None; xmls.len()];
    for (i, xml) in xmls.iter().enumerate() {
        let root = crate::xml::parse(xml).map_err(|e| {
            ValidateError::Unroutable(format!("the input is not readable XML: {e}"))
        })?;
        let (plan, ids) = plan(&root, dir)?;
        if let Plan::Refused(reason) = &plan {
            verdicts[i] = Some(Verdict {
                schemas: ids.clone(),
                valid: false,
                output: reason.clone(),
            });
        }
        ids_of.push(ids);
        if verdicts[i].is_some() {
            continue;
        }
        match groups.iter_mut().find(|(p, _, _)| *p == plan) {
            Some((_, _, members)) => members.push(i),
            None => {
                let schema = match &plan {
                    Plan::Official(path) => path.clone(),
                    Plan::Refused(_) => continue,
                    Plan::Generated(text) => {
                        let path = temp.0.join(format!("envelope-{}.xsd", groups.len()));
                        std::fs::write(&path, text).map_err(|e| {
                            ValidateError::Io(format!("write {}: {e}", path.display()))
                        })?;
                        path
                    }
                };
                groups.push((plan, schema, vec![i]));
            }
        }
    }
    for (_, schema, members) in &groups {
        let mut files = Vec::with_capacity(members.len());
        for &i in members {
            let file = temp.0.join(format!("message-{i}.xml"));
            std::fs::write(&file, xmls[i])
                .map_err(|e| ValidateError::Io(format!("write {}: {e}", file.display())))?;
            files.push(file);
        }
        let output = match Command::new("xmllint")
            .arg("--noout")
            .arg("--nonet")
            .arg("--schema")
            .arg(schema)
            .args(&files)
            .output()
        {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ValidateError::NoXmllint);
            }
            Err(e) => return Err(ValidateError::Io(format!("run xmllint: {e}"))),
        };
        let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stdout));
        if matches!(output.status.code(), Some(4 | 5)) {
            return Err(ValidateError::Io(format!(
                "xmllint could not load the schema or the input: {}",
                text.trim()
            )));
        }
        for (&i, file) in members.iter().zip(&files) {
            let name = file.to_string_lossy().into_owned();
            let lines: Vec<&str> = text
                .lines()
                .filter(|l| {
                    l.strip_prefix(name.as_str())
                        .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(' '))
                })
                .collect();
            let valid = lines.iter().any(|l| *l == format!("{name} validates"));
            verdicts[i] = Some(Verdict {
                schemas: ids_of[i].clone(),
                valid,
                output: lines.join("\n").replace(&name, "message"),
            });
        }
    }
    verdicts
        .into_iter()
        .map(|v| v.ok_or_else(|| ValidateError::Io("xmllint gave no verdict".to_string())))
        .collect()
}
