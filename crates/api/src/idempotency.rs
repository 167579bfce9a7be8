//! `Idempotency-Key` on POST: the first response is kept and returned again for a retry with
//! the same key and the same request (method, path and body); the same key with a different
//! request gets 422. Keys are per API key (two callers never collide). Responses are kept for
//! the last [`KEYS_MAX`] requests (oldest forgotten first), in memory. The keys themselves, with
//! the request's hash, also travel with the command into the journal (the service remembers
//! them across restarts): a retry after a restart is not applied again and is answered with the
//! resource's current state.

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
        body: Vec<u8>,
        content_type: &'static str,
    },
}

/// (API key id, Idempotency-Key).
type Id = (String, String);

#[derive(Default)]
pub struct Cache {
    /// The entries, and their ids oldest first (for eviction).
    inner: Mutex<(HashMap<Id, Entry>, VecDeque<Id>)>,
}

/// What to do with a request.
pub enum Decision {
    /// New: run it, then [`Cache::finish`].
    Run,
    /// Answered before: send this again.
    Replay(u16, Vec<u8>, &'static str),
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

impl Cache {
    pub fn begin(&self, caller: &str, key: &str, request: [u8; 32]) -> Decision {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, order) = &mut *guard;
        let id = (caller.to_string(), key.to_string());
        match map.get(&id) {
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
                map.insert(id.clone(), Entry::InFlight(request));
                order.push_back(id);
                while order.len() > KEYS_MAX {
                    if let Some(old) = order.pop_front() {
                        map.remove(&old);
                    }
                }
                Decision::Run
            }
        }
    }

    pub fn finish(
        &self,
        caller: &str,
        key: &str,
        status: u16,
        body: Vec<u8>,
        content_type: &'static str,
    ) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let id = (caller.to_string(), key.to_string());
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

    /// The request failed before it could be answered for good (a timeout): forget the key so
    /// the retry runs (the workflow's own idempotency answers it if it did complete).
    pub fn abandon(&self, caller: &str, key: &str) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard.0.remove(&(caller.to_string(), key.to_string()));
    }
}
