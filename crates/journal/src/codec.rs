//! Compact, versioned encoding of ledger batches (format version 1).
//!
//! The durable path carries no per-transfer overhead beyond these bytes, so the encoding is
//! small: unsigned LEB128 varints, the transfer id as a zig-zag delta from the previous id in the
//! batch (sequential ids cost one byte), and optional fields behind a presence byte.
//!
//! Transfer layout: `count`, then per transfer `id_delta debit credit amount ledger code flags
//! presence [pending_id] [user_data_128] [user_data_64] [user_data_32] [timeout] [reference]`.
//! Account layout: `count`, then per account `id ledger code flags presence [user_data_128]
//! [user_data_64] [user_data_32]`. A reference is `len` then UTF-8 bytes.
//!
//! Decoding validates everything and returns [`DecodeError`] naming the event and the field; it
//! never panics on any input.

use ledger::{Account, AccountFlags, BATCH_MAX, Reference, Transfer, TransferFlags};

/// Why bytes are not a valid batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub event: usize,
    pub field: &'static str,
    pub reason: &'static str,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "event {} field {}: {}",
            self.event, self.field, self.reason
        )
    }
}

impl std::error::Error for DecodeError {}

const HAS_PENDING_ID: u8 = 1;
const HAS_USER_DATA_128: u8 = 2;
const HAS_USER_DATA_64: u8 = 4;
const HAS_USER_DATA_32: u8 = 8;
const HAS_TIMEOUT: u8 = 16;
const HAS_REFERENCE: u8 = 32;
/// Input events should carry no timestamp or balances; when they do, the ledger refuses them,
/// and the journal keeps those fields so that the refusal replays identically.
const HAS_TIMESTAMP_OR_BALANCES: u8 = 64;
const PRESENCE_KNOWN: u8 = 127;

fn put(out: &mut Vec<u8>, mut value: u128) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn zigzag(value: i128) -> u128 {
    ((value << 1) ^ (value >> 127)) as u128
}

fn unzigzag(value: u128) -> i128 {
    ((value >> 1) as i128) ^ -((value & 1) as i128)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    event: usize,
}

impl Reader<'_> {
    fn fail(&self, field: &'static str, reason: &'static str) -> DecodeError {
        DecodeError {
            event: self.event,
            field,
            reason,
        }
    }

    fn varint(&mut self, field: &'static str) -> Result<u128, DecodeError> {
        let mut value: u128 = 0;
        for shift in (0..128).step_by(7) {
            let Some(&byte) = self.bytes.get(self.at) else {
                return Err(self.fail(field, "truncated"));
            };
            self.at += 1;
            let bits = u128::from(byte & 0x7f);
            if shift == 126 && bits > 3 {
                return Err(self.fail(field, "varint overflows 128 bits"));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.fail(field, "varint longer than 19 bytes"))
    }

    fn narrow<T: TryFrom<u128>>(&mut self, field: &'static str) -> Result<T, DecodeError> {
        let value = self.varint(field)?;
        T::try_from(value).map_err(|_| self.fail(field, "value out of range for the field"))
    }

    fn byte(&mut self, field: &'static str) -> Result<u8, DecodeError> {
        let byte = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| self.fail(field, "truncated"))?;
        self.at += 1;
        Ok(byte)
    }

    fn count(&mut self) -> Result<usize, DecodeError> {
        let count: usize = self.narrow("count")?;
        if count > BATCH_MAX {
            return Err(self.fail("count", "more events than BATCH_MAX"));
        }
        Ok(count)
    }

    fn reference(&mut self) -> Result<Reference, DecodeError> {
        let len: usize = self.narrow("reference")?;
        let end = self
            .at
            .checked_add(len)
            .filter(|end| *end <= self.bytes.len());
        let end = end.ok_or_else(|| self.fail("reference", "truncated"))?;
        let text = std::str::from_utf8(&self.bytes[self.at..end])
            .map_err(|_| self.fail("reference", "not UTF-8"))?;
        self.at = end;
        Reference::new(text).map_err(|_| self.fail("reference", "longer than REFERENCE_MAX"))
    }

    fn finish(&self) -> Result<(), DecodeError> {
        if self.at != self.bytes.len() {
            return Err(self.fail("end", "trailing bytes after the last event"));
        }
        Ok(())
    }
}

/// Appends the encoding of a transfer batch to `out`.
pub fn encode_transfers(transfers: &[Transfer], out: &mut Vec<u8>) {
    assert!(transfers.len() <= BATCH_MAX, "batch larger than BATCH_MAX");
    put(out, transfers.len() as u128);
    let mut previous_id: u128 = 0;
    for t in transfers {
        put(out, zigzag(t.id.wrapping_sub(previous_id) as i128));
        previous_id = t.id;
        put(out, t.debit_account_id);
        put(out, t.credit_account_id);
        put(out, t.amount);
        put(out, u128::from(t.ledger));
        put(out, u128::from(t.code));
        put(out, u128::from(t.flags.0));
        let mut presence = 0;
        presence |= if t.pending_id != 0 { HAS_PENDING_ID } else { 0 };
        presence |= if t.user_data_128 != 0 {
            HAS_USER_DATA_128
        } else {
            0
        };
        presence |= if t.user_data_64 != 0 {
            HAS_USER_DATA_64
        } else {
            0
        };
        presence |= if t.user_data_32 != 0 {
            HAS_USER_DATA_32
        } else {
            0
        };
        presence |= if t.timeout != 0 { HAS_TIMEOUT } else { 0 };
        presence |= if !t.reference.is_empty() {
            HAS_REFERENCE
        } else {
            0
        };
        presence |= if t.timestamp != 0 {
            HAS_TIMESTAMP_OR_BALANCES
        } else {
            0
        };
        out.push(presence);
        if presence & HAS_PENDING_ID != 0 {
            put(out, t.pending_id);
        }
        if presence & HAS_USER_DATA_128 != 0 {
            put(out, t.user_data_128);
        }
        if presence & HAS_USER_DATA_64 != 0 {
            put(out, u128::from(t.user_data_64));
        }
        if presence & HAS_USER_DATA_32 != 0 {
            put(out, u128::from(t.user_data_32));
        }
        if presence & HAS_TIMEOUT != 0 {
            put(out, u128::from(t.timeout));
        }
        if presence & HAS_REFERENCE != 0 {
            let text = t.reference.as_str().as_bytes();
            put(out, text.len() as u128);
            out.extend_from_slice(text);
        }
        if presence & HAS_TIMESTAMP_OR_BALANCES != 0 {
            put(out, u128::from(t.timestamp));
        }
    }
}

/// Decodes a transfer batch written by [`encode_transfers`].
pub fn decode_transfers(bytes: &[u8]) -> Result<Vec<Transfer>, DecodeError> {
    let mut r = Reader {
        bytes,
        at: 0,
        event: 0,
    };
    let count = r.count()?;
    let mut transfers = Vec::with_capacity(count);
    let mut previous_id: u128 = 0;
    for event in 0..count {
        r.event = event;
        let delta = unzigzag(r.varint("id")?);
        let id = previous_id.wrapping_add(delta as u128);
        previous_id = id;
        let mut t = Transfer {
            id,
            debit_account_id: r.varint("debit_account_id")?,
            credit_account_id: r.varint("credit_account_id")?,
            amount: r.varint("amount")?,
            ledger: r.narrow("ledger")?,
            code: r.narrow("code")?,
            flags: TransferFlags(r.narrow("flags")?),
            ..Transfer::default()
        };
        let presence = r.byte("presence")?;
        if presence & !PRESENCE_KNOWN != 0 {
            return Err(r.fail("presence", "unknown presence bits"));
        }
        if presence & HAS_PENDING_ID != 0 {
            t.pending_id = r.varint("pending_id")?;
        }
        if presence & HAS_USER_DATA_128 != 0 {
            t.user_data_128 = r.varint("user_data_128")?;
        }
        if presence & HAS_USER_DATA_64 != 0 {
            t.user_data_64 = r.narrow("user_data_64")?;
        }
        if presence & HAS_USER_DATA_32 != 0 {
            t.user_data_32 = r.narrow("user_data_32")?;
        }
        if presence & HAS_TIMEOUT != 0 {
            t.timeout = r.narrow("timeout")?;
        }
        if presence & HAS_REFERENCE != 0 {
            t.reference = r.reference()?;
        }
        if presence & HAS_TIMESTAMP_OR_BALANCES != 0 {
            t.timestamp = r.narrow("timestamp")?;
        }
        transfers.push(t);
    }
    r.finish()?;
    Ok(transfers)
}

/// Appends the encoding of an account batch to `out`. Balances are not stored: new accounts
/// must have zero balances, and the ledger refuses any that do not.
pub fn encode_accounts(accounts: &[Account], out: &mut Vec<u8>) {
    assert!(accounts.len() <= BATCH_MAX, "batch larger than BATCH_MAX");
    put(out, accounts.len() as u128);
    for a in accounts {
        put(out, a.id);
        put(out, u128::from(a.ledger));
        put(out, u128::from(a.code));
        put(out, u128::from(a.flags.0));
        let mut presence = 0;
        presence |= if a.user_data_128 != 0 {
            HAS_USER_DATA_128
        } else {
            0
        };
        presence |= if a.user_data_64 != 0 {
            HAS_USER_DATA_64
        } else {
            0
        };
        presence |= if a.user_data_32 != 0 {
            HAS_USER_DATA_32
        } else {
            0
        };
        let balances = [
            a.debits_pending,
            a.debits_posted,
            a.credits_pending,
            a.credits_posted,
        ];
        let has_balances = balances.iter().any(|b| *b != 0) || a.timestamp != 0;
        presence |= if has_balances {
            HAS_TIMESTAMP_OR_BALANCES
        } else {
            0
        };
        out.push(presence);
        if presence & HAS_USER_DATA_128 != 0 {
            put(out, a.user_data_128);
        }
        if presence & HAS_USER_DATA_64 != 0 {
            put(out, u128::from(a.user_data_64));
        }
        if presence & HAS_USER_DATA_32 != 0 {
            put(out, u128::from(a.user_data_32));
        }
        if has_balances {
            for b in balances {
                put(out, b);
            }
            put(out, u128::from(a.timestamp));
        }
    }
}

/// Decodes an account batch written by [`encode_accounts`].
pub fn decode_accounts(bytes: &[u8]) -> Result<Vec<Account>, DecodeError> {
    let mut r = Reader {
        bytes,
        at: 0,
        event: 0,
    };
    let count = r.count()?;
    let mut accounts = Vec::with_capacity(count);
    for event in 0..count {
        r.event = event;
        let mut a = Account {
            id: r.varint("id")?,
            ledger: r.narrow("ledger")?,
            code: r.narrow("code")?,
            flags: AccountFlags(r.narrow("flags")?),
            ..Account::default()
        };
        let presence = r.byte("presence")?;
        let known =
            HAS_USER_DATA_128 | HAS_USER_DATA_64 | HAS_USER_DATA_32 | HAS_TIMESTAMP_OR_BALANCES;
        if presence & !known != 0 {
            return Err(r.fail("presence", "unknown presence bits"));
        }
        if presence & HAS_USER_DATA_128 != 0 {
            a.user_data_128 = r.varint("user_data_128")?;
        }
        if presence & HAS_USER_DATA_64 != 0 {
            a.user_data_64 = r.narrow("user_data_64")?;
        }
        if presence & HAS_USER_DATA_32 != 0 {
            a.user_data_32 = r.narrow("user_data_32")?;
        }
        if presence & HAS_TIMESTAMP_OR_BALANCES != 0 {
            a.debits_pending = r.varint("debits_pending")?;
            a.debits_posted = r.varint("debits_posted")?;
            a.credits_pending = r.varint("credits_pending")?;
            a.credits_posted = r.varint("credits_posted")?;
            a.timestamp = r.narrow("timestamp")?;
        }
        accounts.push(a);
    }
    r.finish()?;
    Ok(accounts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trip() {
        for v in [0i128, 1, -1, i128::MAX, i128::MIN, 12345, -98765] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }

    #[test]
    fn sequential_ids_are_small() {
        let transfers: Vec<Transfer> = (1..=1000u128)
            .map(|id| Transfer {
                id: (7 << 64) + id,
                debit_account_id: id % 10 + 1,
                credit_account_id: id % 10 + 2,
                amount: 12_345,
                ledger: 586,
                code: 1,
                ..Transfer::default()
            })
            .collect();
        let mut out = Vec::new();
        encode_transfers(&transfers, &mut out);
        assert!(
            out.len() < 1000 * 14,
            "{} bytes for 1000 transfers",
            out.len()
        );
        assert_eq!(decode_transfers(&out).unwrap(), transfers);
    }
}

/// Most bytes of a command's own part in a [`Kind::Command`](crate::Kind::Command) record.
pub const COMMAND_BYTES_MAX: usize = 1 << 20;

/// A command record's payload, decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandPayload {
    /// The command, opaque to the journal (the layer above owns its format).
    pub command: Vec<u8>,
    /// Ledger events the command produced: accounts first, then transfers.
    pub accounts: Vec<Account>,
    pub transfers: Vec<Transfer>,
}

/// Appends a command record's payload: `len(command) command len(accounts part) accounts part
/// transfers part`, the parts in the account and transfer encodings above.
pub fn encode_command(payload: &CommandPayload, out: &mut Vec<u8>) {
    assert!(
        payload.command.len() <= COMMAND_BYTES_MAX,
        "command larger than COMMAND_BYTES_MAX"
    );
    put(out, payload.command.len() as u128);
    out.extend_from_slice(&payload.command);
    let mut accounts = Vec::new();
    encode_accounts(&payload.accounts, &mut accounts);
    put(out, accounts.len() as u128);
    out.extend_from_slice(&accounts);
    encode_transfers(&payload.transfers, out);
}

/// Decodes a payload written by [`encode_command`].
pub fn decode_command(bytes: &[u8]) -> Result<CommandPayload, DecodeError> {
    let mut r = Reader {
        bytes,
        at: 0,
        event: 0,
    };
    let part = |r: &mut Reader, field: &'static str, max: usize| {
        let len: usize = r.narrow(field)?;
        if len > max || len > r.bytes.len() - r.at {
            return Err(r.fail(field, "length beyond the payload"));
        }
        let start = r.at;
        r.at += len;
        Ok(&bytes[start..start + len])
    };
    let command = part(&mut r, "command", COMMAND_BYTES_MAX)?.to_vec();
    let accounts = decode_accounts(part(&mut r, "accounts", usize::MAX)?)?;
    let transfers = decode_transfers(&bytes[r.at..])?;
    Ok(CommandPayload {
        command,
        accounts,
        transfers,
    })
}
