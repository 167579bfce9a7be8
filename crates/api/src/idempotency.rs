//! `Idempotency-Key` on POST: the first response is kept and returned again for a retry with
//! the same key and the same request (method, path and body); the same key with a different
//! request gets 422. Keys are per API key (two callers never collide). Responses are kept for
//! the last [`KEYS_MAX`] keys (oldest forgotten first), in memory.
//!
//! Across restarts: the key and the request's hash travel with the command into the journal.
//! When the server opens its store it replays every command, and for each one that carries a
//! key it computes the answer again from the state the command left, exactly as the first
//! answer was computed, so a retry after a restart gets the first response byte for byte.
//! What was refused wrote nothing to the journal: a retry of a refused request after a
//! restart is checked again (it may now succeed).
//!
//! A request keeps its key "in flight" until it is answered for good; a write that outlives
//! its client (a dropped connection, a timeout) still finishes and records its answer, so the
//! retry gets it.

use axum::body::Bytes;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Most remembered keys.
pub const KEYS_MAX: usize = 100_000;
/// Longest key accepted.
pub const KEY_LENGTH_MAX: usize = 255;

#[derive(Clone, Debug)]
pub enum Entry {
    InFlight([u8; 32]),
    Done {
        request: [u8; 32],
        status: u16,
        body: Bytes,
        content_type: &'static str,
    },
}

/// A digest of (API key id, Idempotency-Key): fixed size, no allocation per lookup.
type Id = [u8; 16];

fn id(caller: &str, key: &str) -> Id {
    let mut h = Sha256::new();
    h.update(caller.as_bytes());
    h.update([0]);
    h.update(key.as_bytes());
    let full: [u8; 32] = h.finalize().into();
    let mut out = [0u8; 16];
    out.copy_from_slice(&full[..16]);
    out
}

#[derive(Default)]
pub struct Cache {
    /// The entries, and their ids oldest first (for eviction).
    inner: Mutex<(HashMap<Id, Entry>, VecDeque<Id>)>,
}

/// What to do with a request.
#[derive(Debug)]
pub enum Decision {
    /// New: run it, then [`Cache::finish`] (or [`Cache::abandon`]).
    Run,
    /// Answered before: send this again.
    Replay(u16, Bytes, &'static str),
    /// The key was used for a different request.
    Conflict,
    /// The first request with this key is still running.
    InFlight,
}

pub fn request_hash(method: &str, path: &str, body: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(body);
    h.finalize().into()
}

pub fn hex(hash: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in hash {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

pub fn from_hex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn insert(map: &mut HashMap<Id, Entry>, order: &mut VecDeque<Id>, id: Id, entry: Entry) {
    if map.insert(id, entry).is_none() {
        order.push_back(id);
        while order.len() > KEYS_MAX {
            if let Some(old) = order.pop_front() {
                map.remove(&old);
            }
        }
    }
}

impl Cache {
    fn insert(&self, id: Id, entry: Entry) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, order) = &mut *guard;
        insert(map, order, id, entry);
    }

    pub fn begin(&self, caller: &str, key: &str, request: [u8; 32]) -> Decision {
        let id = id(caller, key);
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        match guard.0.get(&id) {
            Some(Entry::InFlight(_)) => Decision::InFlight,
            Some(Entry::Done {
                request: first,
                status,
                body,
                content_type,
            }) => {
                if *first == request {
                    Decision::Replay(*status, body.clone(), content_type)
                } else {
                    Decision::Conflict
                }
            }
            None => {
                let (map, order) = &mut *guard;
                insert(map, order, id, Entry::InFlight(request));
                Decision::Run
            }
        }
    }

    /// The request was answered: keep the answer for retries.
    pub fn finish(
        &self,
        caller: &str,
        key: &str,
        status: u16,
        body: Bytes,
        content_type: &'static str,
    ) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let id = id(caller, key);
        if let Some(Entry::InFlight(request)) = guard.0.get(&id).cloned() {
            guard.0.insert(
                id,
                Entry::Done {
                    request,
                    status,
                    body,
                    content_type,
                },
            );
        }
    }

    /// The request could not be answered for good (the store is unavailable, a bug): forget
    /// the key so that a retry runs (the service's own record of keys answers it if it did
    /// complete).
    pub fn abandon(&self, caller: &str, key: &str) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let id = id(caller, key);
        if matches!(guard.0.get(&id), Some(Entry::InFlight(_))) {
            guard.0.remove(&id);
        }
    }

    /// A first answer rebuilt when the store is opened (the command is durable).
    pub fn remember(
        &self,
        caller: &str,
        key: &str,
        request: [u8; 32],
        status: u16,
        body: Bytes,
        content_type: &'static str,
    ) {
        self.insert(
            id(caller, key),
            Entry::Done {
                request,
                status,
                body,
                content_type,
            },
        );
    }

    pub fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
