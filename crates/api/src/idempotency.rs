//! `Idempotency-Key` on POST: the first response is kept and returned again for a retry with
//! the same key and the same request (method, path and body); the same key with a different
//! request gets 422. Keys are per API key (two callers never collide). Responses are kept in
//! memory for the last [`ANSWERS_MAX`] keys by default (oldest forgotten first).
//!
//! Across restarts, every first answer given after the body was read is in the journal:
//!
//! * a command that was applied carries the key and the request's hash; when the server opens
//!   its store it replays every command, and for each one that carries a key it computes the
//!   answer again from the state the command left, exactly as the first answer was computed;
//! * any other answer (a refusal, a bad field, an object not found, a batch with its results
//!   per item) is journaled as it was sent, with the key and the request's hash, in records
//!   that change no state ([`service::Service::record_answer`]); they are read back into this
//!   cache.
//!
//! So a retry after a restart gets the first response byte for byte, and the same key with
//! another request gets 422. The service remembers more keys than this cache keeps answers
//! for: a retry whose answer is gone but whose key is still remembered gets 422
//! `idempotency-key-expired` and is not applied again; a key older than the service's window
//! is forgotten and runs as a new request.
//!
//! A request keeps its key "in flight" until it is answered for good; a write that outlives
//! its client (a dropped connection, a timeout) still finishes and records its answer, so the
//! retry gets it.

use axum::body::Bytes;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Most answers kept by default (each with its body: an obligation's is about 600 bytes).
pub const ANSWERS_MAX: usize = 100_000;
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

pub struct Cache {
    /// The entries, and their ids oldest first (for eviction).
    inner: Mutex<(HashMap<Id, Entry>, VecDeque<Id>)>,
    max: usize,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache::new(ANSWERS_MAX)
    }
}

/// An answer as the journal keeps it: `"<status> <content type>\n<body>"`.
pub fn encode_answer(status: u16, content_type: &str, body: &[u8]) -> String {
    let mut text = format!("{status} {content_type}\n");
    text.push_str(&String::from_utf8_lossy(body));
    text
}

/// An answer read back from the journal: (status, content type, body).
pub fn decode_answer(text: &str) -> Option<(u16, &'static str, Bytes)> {
    let (head, body) = text.split_once('\n')?;
    let (status, content_type) = head.split_once(' ')?;
    let content_type = match content_type {
        "application/json" => "application/json",
        "application/problem+json" => "application/problem+json",
        _ => return None,
    };
    Some((
        status.parse().ok()?,
        content_type,
        Bytes::copy_from_slice(body.as_bytes()),
    ))
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

fn insert(
    map: &mut HashMap<Id, Entry>,
    order: &mut VecDeque<Id>,
    max: usize,
    id: Id,
    entry: Entry,
) {
    if map.insert(id, entry).is_none() {
        order.push_back(id);
        while order.len() > max {
            if let Some(old) = order.pop_front() {
                map.remove(&old);
            }
        }
    }
}

impl Cache {
    /// A cache keeping the answers of the last `max` keys.
    pub fn new(max: usize) -> Cache {
        Cache {
            inner: Mutex::default(),
            max: max.max(1),
        }
    }

    /// How many keys' answers are kept at most.
    pub fn max(&self) -> usize {
        self.max
    }

    fn insert(&self, id: Id, entry: Entry) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, order) = &mut *guard;
        insert(map, order, self.max, id, entry);
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
                insert(map, order, self.max, id, Entry::InFlight(request));
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
