//! Deterministic workloads for `corridor bench ledger` and the crash tests.
//!
//! Everything is derived from a seed and a batch index, so a test can regenerate exactly what a
//! killed child process submitted.

use ledger::{Account, AccountFlags, Transfer, TransferFlags};

/// The ledger (currency) the workloads use: PKR's ISO 4217 number.
pub const WORKLOAD_LEDGER: u32 = 586;

/// splitmix64: small, fast, good enough for workloads; not for anything secret.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0);
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Accounts `1..=count` on [`WORKLOAD_LEDGER`]; ids are small so they encode in a byte or two.
pub fn accounts(count: u64, flags: impl Fn(u64) -> AccountFlags) -> Vec<Account> {
    (1..=count)
        .map(|id| Account {
            id: u128::from(id),
            ledger: WORKLOAD_LEDGER,
            code: 1,
            flags: flags(id),
            ..Account::default()
        })
        .collect()
}

/// The shape of a `bench ledger` run.
#[derive(Clone, Debug)]
pub struct BenchShape {
    pub accounts: u64,
    pub hot_accounts: u64,
    /// Percent of transfers that touch only hot accounts.
    pub hot_share: u64,
    /// Percent of transfers that are pending (later posted or voided, half each).
    pub pending_share: u64,
    pub seed: u64,
}

/// Generates bench batches: plain transfers between random accounts, a share of them among a
/// few hot accounts, a share pending; each pending transfer is posted or voided in the next batch.
pub struct BenchGenerator {
    shape: BenchShape,
    rng: Rng,
    next_id: u128,
    open_pending: Vec<u128>,
}

impl BenchGenerator {
    pub fn new(shape: BenchShape) -> BenchGenerator {
        assert!(shape.accounts >= 2, "need at least two accounts");
        assert!(shape.hot_accounts <= shape.accounts);
        let rng = Rng::new(shape.seed);
        // Ids start high so they are realistic 128-bit values, then count up (compact deltas).
        let next_id = (u128::from(shape.seed) << 64) | 1;
        BenchGenerator {
            shape,
            rng,
            next_id,
            open_pending: Vec::new(),
        }
    }

    fn pick_pair(&mut self) -> (u128, u128) {
        let (base, span) = if self.shape.hot_accounts >= 2 && self.rng.chance(self.shape.hot_share)
        {
            (1, self.shape.hot_accounts)
        } else {
            (1, self.shape.accounts)
        };
        let debit = base + self.rng.below(span);
        let mut credit = base + self.rng.below(span - 1);
        if credit >= debit {
            credit += 1;
        }
        (u128::from(debit), u128::from(credit))
    }

    /// The next batch of `size` transfers.
    pub fn batch(&mut self, size: usize) -> Vec<Transfer> {
        let mut batch = Vec::with_capacity(size);
        let resolving = std::mem::take(&mut self.open_pending);
        for pending_id in resolving.into_iter().take(size) {
            let flags = if self.rng.chance(50) {
                TransferFlags::POST_PENDING_TRANSFER
            } else {
                TransferFlags::VOID_PENDING_TRANSFER
            };
            batch.push(Transfer {
                id: self.take_id(),
                pending_id,
                flags,
                ..Transfer::default()
            });
        }
        while batch.len() < size {
            let (debit, credit) = self.pick_pair();
            let pending = self.shape.pending_share > 0 && self.rng.chance(self.shape.pending_share);
            let id = self.take_id();
            let transfer = Transfer {
                id,
                debit_account_id: debit,
                credit_account_id: credit,
                amount: u128::from(1 + self.rng.below(100_000)),
                ledger: WORKLOAD_LEDGER,
                code: 1,
                flags: if pending {
                    TransferFlags::PENDING
                } else {
                    TransferFlags::NONE
                },
                timeout: if pending { 3600 } else { 0 },
                ..Transfer::default()
            };
            if pending {
                self.open_pending.push(id);
            }
            batch.push(transfer);
        }
        batch
    }

    fn take_id(&mut self) -> u128 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

/// Accounts of the crash workload: 1 is the funding account (no limits), 2..=CRASH_ACCOUNTS may
/// not go below zero (`debits_must_not_exceed_credits`), so some transfers are refused.
pub const CRASH_ACCOUNTS: u64 = 40;

pub fn crash_accounts() -> Vec<Account> {
    accounts(CRASH_ACCOUNTS, |id| {
        if id == 1 {
            AccountFlags::NONE
        } else {
            AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS
        }
    })
}

/// Batch `index` of the crash workload for `seed`: funding, payments that may be refused for
/// lack of funds, linked chains, and pending transfers posted or voided within the batch (no
/// timeouts, so results never depend on the wall clock).
pub fn crash_batch(seed: u64, index: u64) -> Vec<Transfer> {
    let mut rng = Rng::new(seed.wrapping_mul(0x100_0000_01b3) ^ index);
    let size = 1 + rng.below(120) as usize;
    let base = (u128::from(seed) << 64) | (u128::from(index) << 16);
    let mut batch: Vec<Transfer> = Vec::with_capacity(size);
    let mut pendings: Vec<u128> = Vec::new();
    for i in 0..size as u128 {
        let id = base + i + 1;
        let roll = rng.below(100);
        let account = |rng: &mut Rng| u128::from(2 + rng.below(CRASH_ACCOUNTS - 1));
        let mut transfer = Transfer {
            id,
            ledger: WORKLOAD_LEDGER,
            code: 1,
            ..Transfer::default()
        };
        if roll < 20 {
            transfer.debit_account_id = 1;
            transfer.credit_account_id = account(&mut rng);
            transfer.amount = u128::from(1 + rng.below(10_000));
        } else if roll < 85 || pendings.is_empty() {
            transfer.debit_account_id = account(&mut rng);
            transfer.credit_account_id = account(&mut rng);
            transfer.amount = u128::from(1 + rng.below(3_000));
            if roll >= 70 {
                transfer.flags = TransferFlags::PENDING;
                pendings.push(id);
            } else if roll >= 60 && i + 1 < size as u128 {
                transfer.flags = TransferFlags::LINKED;
            }
        } else {
            let pending_id = pendings.swap_remove(rng.below(pendings.len() as u64) as usize);
            transfer.pending_id = pending_id;
            transfer.ledger = 0;
            transfer.code = 0;
            transfer.flags = if rng.chance(50) {
                TransferFlags::POST_PENDING_TRANSFER
            } else {
                TransferFlags::VOID_PENDING_TRANSFER
            };
        }
        if transfer.debit_account_id != 0 && transfer.debit_account_id == transfer.credit_account_id
        {
            transfer.credit_account_id = 1;
        }
        batch.push(transfer);
    }
    batch
}
