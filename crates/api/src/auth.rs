//! API keys and roles.
//!
//! A key is `cor_<id>_<secret>` (id: 12 hex digits, secret: 64 hex digits from the OS's random
//! source). The server keeps only `SHA-256(secret)` with the id, the role and its scope, in
//! `api-keys.json` in the data directory (mode 0600; written to a temporary file, fsynced,
//! then renamed, so a crash leaves the old or the new file). A request sends
//! `Authorization: Bearer <key>`. Keys are listed and revoked with `corridor admin`; a running
//! server reads the file again on SIGHUP and when it changes.
//!
//! Roles (DESIGN §2): `operator` (everything), `central-bank` with a currency scope (its
//! currency only: registers and funds its banks, publishes rate fixes, sees positions in its
//! currency), `bank` with a BIC scope (its own accounts, traders and obligations), `auditor`
//! (reads everything, writes nothing).

use money::Currency;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The key file in the data directory.
pub const KEYS_FILE: &str = "api-keys.json";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Operator,
    CentralBank(Currency),
    Bank(String),
    Auditor,
}

impl Role {
    /// `operator`, `central-bank` + currency, `bank` + BIC, `auditor`.
    pub fn parse(role: &str, scope: Option<&str>) -> Result<Role, String> {
        match (role, scope) {
            ("operator", None) => Ok(Role::Operator),
            ("auditor", None) => Ok(Role::Auditor),
            ("central-bank", Some(code)) => Currency::from_code(code)
                .map(Role::CentralBank)
                .map_err(|e| format!("--scope: {e}")),
            ("bank", Some(bic)) => {
                corridor::participants::check_bic("scope", bic).map_err(|e| e.to_string())?;
                Ok(Role::Bank(bic.to_string()))
            }
            ("central-bank", None) => Err("a central-bank key needs --scope CURRENCY".into()),
            ("bank", None) => Err("a bank key needs --scope BIC".into()),
            ("operator" | "auditor", Some(_)) => Err(format!("a {role} key takes no --scope")),
            _ => Err(format!(
                "unknown role {role:?}: operator, central-bank, bank or auditor"
            )),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::CentralBank(_) => "central-bank",
            Role::Bank(_) => "bank",
            Role::Auditor => "auditor",
        }
    }

    pub fn scope(&self) -> Option<String> {
        match self {
            Role::CentralBank(c) => Some(c.code().to_string()),
            Role::Bank(bic) => Some(bic.clone()),
            _ => None,
        }
    }
}

/// Who is calling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub key_id: String,
    pub role: Role,
    /// The request's `Idempotency-Key` (with the request's hash), when it has one: journaled
    /// with the command so that a retry is recognised even after a restart.
    pub request: Option<corridor::workflow::RequestKey>,
}

/// A key as the key file holds it (no secret: its hash).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredKey {
    pub id: String,
    pub role: String,
    pub scope: Option<String>,
    /// Hex SHA-256 of the secret part.
    pub secret_sha256: String,
    pub created: String,
}

/// The keys a server accepts.
#[derive(Clone, Debug, Default)]
pub struct Keys {
    /// Key id → (SHA-256 of the secret, who it is).
    by_id: HashMap<String, ([u8; 32], Principal)>,
}

fn sha256_hex(text: &str) -> String {
    crate::idempotency::hex(&Sha256::digest(text.as_bytes()).into())
}

fn random_hex(bytes: usize) -> std::io::Result<String> {
    let mut buffer = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut buffer)?;
    Ok(buffer.iter().map(|b| format!("{b:02x}")).collect())
}

fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(KEYS_FILE)
}

/// The key file's entries, oldest first (none when there is no file).
pub fn load_stored(data_dir: &Path) -> Result<Vec<StoredKey>, String> {
    let file = path(data_dir);
    match std::fs::read(&file) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: not a key file: {e}", file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}

/// Writes the key file: owner-only (0600), to a temporary file, fsynced, renamed, and the
/// directory fsynced.
fn write_stored(data_dir: &Path, stored: &[StoredKey]) -> Result<(), String> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let io = |e: std::io::Error| format!("{}: {e}", path(data_dir).display());
    std::fs::create_dir_all(data_dir).map_err(io)?;
    let temporary = data_dir.join(format!("{KEYS_FILE}.tmp"));
    let bytes = serde_json::to_vec_pretty(stored).map_err(|e| e.to_string())?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)
        .map_err(io)?;
    // An older temporary file may have other permissions: set them whatever it was.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(io)?;
    file.write_all(&bytes).map_err(io)?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&temporary, path(data_dir)).map_err(io)?;
    std::fs::File::open(data_dir)
        .and_then(|d| d.sync_all())
        .map_err(io)?;
    Ok(())
}

impl Keys {
    /// Loads the key file (none yet: no keys).
    pub fn load(data_dir: &Path) -> Result<Keys, String> {
        let mut keys = Keys::default();
        for stored in load_stored(data_dir)? {
            let role = Role::parse(&stored.role, stored.scope.as_deref())
                .map_err(|e| format!("key {}: {e}", stored.id))?;
            let hash = crate::idempotency::from_hex(&stored.secret_sha256)
                .ok_or_else(|| format!("key {}: secret_sha256 is not 64 hex digits", stored.id))?;
            keys.by_id.insert(
                stored.id.clone(),
                (
                    hash,
                    Principal {
                        key_id: stored.id,
                        role,
                        request: None,
                    },
                ),
            );
        }
        Ok(keys)
    }

    /// Creates a key, stores its hash durably and returns the key text (shown once).
    pub fn create(data_dir: &Path, role: &Role, created: &str) -> Result<String, String> {
        let mut stored = load_stored(data_dir)?;
        let io = |e: std::io::Error| format!("{}: {e}", path(data_dir).display());
        let id = random_hex(6).map_err(io)?;
        let secret = random_hex(32).map_err(io)?;
        stored.push(StoredKey {
            id: id.clone(),
            role: role.name().to_string(),
            scope: role.scope(),
            secret_sha256: sha256_hex(&secret),
            created: created.to_string(),
        });
        write_stored(data_dir, &stored)?;
        Ok(format!("cor_{id}_{secret}"))
    }

    /// Removes a key from the key file; `Ok(false)` when there is no such key.
    pub fn revoke(data_dir: &Path, id: &str) -> Result<bool, String> {
        let mut stored = load_stored(data_dir)?;
        let before = stored.len();
        stored.retain(|k| k.id != id);
        if stored.len() == before {
            return Ok(false);
        }
        write_stored(data_dir, &stored)?;
        Ok(true)
    }

    /// The principal of a key id (no secret needed: for answers rebuilt from the journal).
    pub fn principal(&self, id: &str) -> Option<Principal> {
        self.by_id.get(id).map(|(_, p)| p.clone())
    }

    /// The principal of an `Authorization` header value, if the key is known.
    pub fn authenticate(&self, header: &str) -> Option<Principal> {
        // The scheme is case-insensitive (RFC 9110 §11.1), then one or more spaces.
        let (scheme, key) = header.trim().split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return None;
        }
        let key = key.trim();
        let rest = key.strip_prefix("cor_")?;
        let (id, secret) = rest.split_once('_')?;
        let (hash, principal) = self.by_id.get(id)?;
        let given: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
        // Compare without an early exit.
        let same = given
            .iter()
            .zip(hash)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
        same.then(|| principal.clone())
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}
