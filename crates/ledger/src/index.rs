//! The transfer id index, in 16-byte slots.
//!
//! Transfer ids are u128, so a plain `id → position` map needs 32-byte slots; at ten million
//! transfers its random probes (one per new transfer) miss the caches and the TLB, and dominate
//! the apply time. This index keys the map by a 64-bit fold of the id and confirms every hit
//! against the stored transfer, so slots are half the size. Two different ids that fold to the
//! same key (about one chance in 10^6 at ten million transfers) are kept exactly in a second map.

use crate::Transfer;
use rustc_hash::FxHashMap;

#[derive(Clone, Debug, Default)]
pub(crate) struct TransferIndex {
    short: FxHashMap<u64, u32>,
    collided: FxHashMap<u128, u32>,
}

fn fold(id: u128) -> u64 {
    (id as u64)
        ^ ((id >> 64) as u64)
            .rotate_left(29)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl TransferIndex {
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.short.reserve(additional);
    }

    pub(crate) fn get(&self, id: u128, transfers: &[Transfer]) -> Option<u32> {
        if let Some(&position) = self.short.get(&fold(id))
            && transfers[position as usize].id == id
        {
            return Some(position);
        }
        self.collided.get(&id).copied()
    }

    /// Adds `id` at `position`; false if `id` is already indexed.
    pub(crate) fn insert(&mut self, id: u128, position: u32, transfers: &[Transfer]) -> bool {
        match self.short.entry(fold(id)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(position);
                true
            }
            std::collections::hash_map::Entry::Occupied(slot) => {
                if transfers[*slot.get() as usize].id == id {
                    return false;
                }
                self.collided.insert(id, position).is_none()
            }
        }
    }

    /// Removes `id`; returns its position.
    pub(crate) fn remove(&mut self, id: u128, transfers: &[Transfer]) -> Option<u32> {
        let key = fold(id);
        if let Some(&position) = self.short.get(&key)
            && transfers[position as usize].id == id
        {
            self.short.remove(&key);
            return Some(position);
        }
        self.collided.remove(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_are_exact() {
        // Two ids with the same fold: high halves equal, low halves differ by the fold of the high.
        let a: u128 = 5;
        let b: u128 = (1u128 << 64) | u128::from(fold(1 << 64) ^ 5);
        assert_eq!(fold(a), fold(b));
        let transfers = vec![
            Transfer {
                id: a,
                ..Transfer::default()
            },
            Transfer {
                id: b,
                ..Transfer::default()
            },
        ];
        let mut index = TransferIndex::default();
        assert!(index.insert(a, 0, &transfers));
        assert!(index.insert(b, 1, &transfers));
        assert!(!index.insert(a, 0, &transfers));
        assert!(!index.insert(b, 1, &transfers));
        assert_eq!(index.get(a, &transfers), Some(0));
        assert_eq!(index.get(b, &transfers), Some(1));
        assert_eq!(index.get(7, &transfers), None);
        assert_eq!(index.remove(b, &transfers), Some(1));
        assert_eq!(index.get(b, &transfers), None);
        assert_eq!(index.get(a, &transfers), Some(0));
    }
}
