//! The SQLite store: one file, `corridor.sqlite`, in the data directory.
//!
//! Tables: `journal` (one row per record), `snapshot` + `snapshot_chunk`, and `meta` (format
//! version). Inspect it with the `sqlite3` shell; verify it with `corridor verify`.

use crate::{Head, SNAPSHOT_CHUNK_BYTES, Snapshot, Store, StoreError};
use journal::{Kind, Record};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::path::{Path, PathBuf};

/// File name of the database inside a data directory.
pub const DATABASE_FILE: &str = "corridor.sqlite";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY,
    timestamp INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    payload BLOB NOT NULL,
    results_digest BLOB NOT NULL,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot (seq INTEGER PRIMARY KEY, hash BLOB NOT NULL, bytes INTEGER NOT NULL, chunks INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot_chunk (seq INTEGER NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (seq, idx));
";

pub struct SqliteStore {
    connection: Connection,
    path: PathBuf,
    poisoned: bool,
}

fn io(error: rusqlite::Error) -> StoreError {
    StoreError::Io(error.to_string())
}

fn hash32(seq: u64, what: &str, bytes: Vec<u8>) -> Result<[u8; 32], StoreError> {
    bytes
        .try_into()
        .map_err(|bytes: Vec<u8>| StoreError::Corrupt {
            seq,
            reason: format!("{what} has {} bytes, expected 32", bytes.len()),
        })
}

impl SqliteStore {
    /// Opens (creating if needed) the store in `data_dir` for reading and writing.
    pub fn open(data_dir: &Path) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::Io(format!("create {}: {e}", data_dir.display())))?;
        let path = data_dir.join(DATABASE_FILE);
        let connection = Connection::open(&path).map_err(io)?;
        connection
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=16384;",
            )
            .map_err(io)?;
        connection.execute_batch(SCHEMA).map_err(io)?;
        let version: Option<String> = connection
            .query_row(
                "SELECT value FROM meta WHERE key='format_version'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(io)?;
        match version {
            None => {
                connection
                    .execute(
                        "INSERT INTO meta (key, value) VALUES ('format_version', ?1)",
                        [journal::FORMAT_VERSION.to_string()],
                    )
                    .map_err(io)?;
            }
            Some(v) if v == journal::FORMAT_VERSION.to_string() => {}
            Some(v) => {
                return Err(StoreError::Corrupt {
                    seq: 0,
                    reason: format!("format version {v} is not supported by this build"),
                });
            }
        }
        Ok(SqliteStore {
            connection,
            path,
            poisoned: false,
        })
    }

    /// Opens an existing store read-only (for `corridor verify`); fails if it does not exist.
    pub fn open_read_only(data_dir: &Path) -> Result<SqliteStore, StoreError> {
        let path = data_dir.join(DATABASE_FILE);
        if !path.exists() {
            return Err(StoreError::Io(format!("no store at {}", path.display())));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(&path, flags).map_err(io)?;
        Ok(SqliteStore {
            connection,
            path,
            poisoned: true,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append_inner(&mut self, records: &[Record]) -> Result<(), rusqlite::Error> {
        let transaction = self.connection.transaction()?;
        {
            let mut insert = transaction.prepare_cached(
                "INSERT INTO journal (seq, timestamp, kind, payload, results_digest, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for r in records {
                insert.execute(params![
                    r.seq as i64,
                    r.timestamp as i64,
                    r.kind as u8,
                    r.payload,
                    &r.results_digest[..],
                    &r.prev_hash[..],
                    &r.hash[..]
                ])?;
            }
        }
        transaction.commit()
    }
}

impl Store for SqliteStore {
    fn append(&mut self, records: &[Record]) -> Result<(), StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        if let Err(error) = self.append_inner(records) {
            // We cannot know what reached the disk: refuse further writes until recovery.
            self.poisoned = true;
            return Err(io(error));
        }
        Ok(())
    }

    fn head(&self) -> Result<Option<Head>, StoreError> {
        let row: Option<(i64, Vec<u8>)> = self
            .connection
            .query_row(
                "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(io)?;
        match row {
            None => Ok(None),
            Some((seq, hash)) => Ok(Some(Head {
                seq: seq as u64,
                hash: hash32(seq as u64, "hash", hash)?,
            })),
        }
    }

    fn read(&self, from: u64, limit: usize) -> Result<Vec<Record>, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT seq, timestamp, kind, payload, results_digest, prev_hash, hash
                 FROM journal WHERE seq >= ?1 ORDER BY seq LIMIT ?2",
            )
            .map_err(io)?;
        let rows = statement
            .query_map(params![from as i64, limit as i64], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, u8>(2)?,
                    row.get::<_, Vec<u8>>(3)?,
                    row.get::<_, Vec<u8>>(4)?,
                    row.get::<_, Vec<u8>>(5)?,
                    row.get::<_, Vec<u8>>(6)?,
                ))
            })
            .map_err(io)?;
        let mut records = Vec::new();
        for row in rows {
            let (seq, timestamp, kind, payload, results_digest, prev_hash, hash) =
                row.map_err(io)?;
            let seq = seq as u64;
            let kind = Kind::from_u8(kind).ok_or_else(|| StoreError::Corrupt {
                seq,
                reason: format!("unknown record kind {kind}"),
            })?;
            records.push(Record {
                seq,
                timestamp: timestamp as u64,
                kind,
                payload,
                results_digest: hash32(seq, "results_digest", results_digest)?,
                prev_hash: hash32(seq, "prev_hash", prev_hash)?,
                hash: hash32(seq, "hash", hash)?,
            });
        }
        Ok(records)
    }

    fn save_snapshot(&mut self, snapshot: &Snapshot) -> Result<(), StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let result = (|| {
            let transaction = self.connection.transaction()?;
            let chunks: Vec<&[u8]> = snapshot.state.chunks(SNAPSHOT_CHUNK_BYTES).collect();
            transaction.execute(
                "DELETE FROM snapshot_chunk WHERE seq = ?1",
                [snapshot.seq as i64],
            )?;
            transaction.execute(
                "INSERT OR REPLACE INTO snapshot (seq, hash, bytes, chunks) VALUES (?1, ?2, ?3, ?4)",
                params![snapshot.seq as i64, &snapshot.hash[..], snapshot.state.len() as i64, chunks.len() as i64],
            )?;
            for (idx, chunk) in chunks.iter().enumerate() {
                transaction.execute(
                    "INSERT INTO snapshot_chunk (seq, idx, data) VALUES (?1, ?2, ?3)",
                    params![snapshot.seq as i64, idx as i64, chunk],
                )?;
            }
            // Older snapshots are superseded; keep only the newest.
            transaction.execute(
                "DELETE FROM snapshot_chunk WHERE seq < ?1",
                [snapshot.seq as i64],
            )?;
            transaction.execute("DELETE FROM snapshot WHERE seq < ?1", [snapshot.seq as i64])?;
            transaction.commit()
        })();
        result.map_err(|error| {
            self.poisoned = true;
            io(error)
        })
    }

    fn latest_snapshot(&self) -> Result<Option<Snapshot>, StoreError> {
        let row: Option<(i64, Vec<u8>, i64, i64)> = self
            .connection
            .query_row(
                "SELECT seq, hash, bytes, chunks FROM snapshot ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()
            .map_err(io)?;
        let Some((seq, hash, bytes, chunks)) = row else {
            return Ok(None);
        };
        let seq_u = seq as u64;
        let mut state = Vec::with_capacity(bytes as usize);
        let mut statement = self
            .connection
            .prepare("SELECT idx, data FROM snapshot_chunk WHERE seq = ?1 ORDER BY idx")
            .map_err(io)?;
        let rows = statement
            .query_map([seq], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
            })
            .map_err(io)?;
        let mut expected_idx = 0;
        for row in rows {
            let (idx, data) = row.map_err(io)?;
            if idx != expected_idx {
                return Err(StoreError::Corrupt {
                    seq: seq_u,
                    reason: format!("snapshot chunk {expected_idx} missing"),
                });
            }
            expected_idx += 1;
            state.extend_from_slice(&data);
        }
        if expected_idx != chunks || state.len() as i64 != bytes {
            return Err(StoreError::Corrupt {
                seq: seq_u,
                reason: format!(
                    "snapshot has {expected_idx} of {chunks} chunks, {} of {bytes} bytes",
                    state.len()
                ),
            });
        }
        Ok(Some(Snapshot {
            seq: seq_u,
            hash: hash32(seq_u, "snapshot hash", hash)?,
            state,
        }))
    }
}
