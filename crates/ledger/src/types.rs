//! Accounts, transfers, flags, result codes and limits.

/// Bytes of UTF-8 text a transfer's reference may hold.
pub const REFERENCE_MAX: usize = 64;
/// Events per batch. A bigger batch is a caller bug (the engine refuses it before the ledger).
pub const BATCH_MAX: usize = 8190;

macro_rules! flags {
    ($name:ident { $($flag:ident = $bit:expr),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
        pub struct $name(pub u16);

        impl $name {
            pub const NONE: $name = $name(0);
            $(pub const $flag: $name = $name($bit);)*
            /// Every defined bit; anything else is reserved.
            pub const KNOWN: $name = $name(0 $(| $bit)*);

            pub fn contains(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }

            pub fn intersects(self, other: $name) -> bool {
                self.0 & other.0 != 0
            }
        }

        impl std::ops::BitOr for $name {
            type Output = $name;
            fn bitor(self, other: $name) -> $name {
                $name(self.0 | other.0)
            }
        }
    };
}

flags!(AccountFlags {
    LINKED = 1,
    DEBITS_MUST_NOT_EXCEED_CREDITS = 2,
    CREDITS_MUST_NOT_EXCEED_DEBITS = 4,
    HISTORY = 8,
    CLOSED = 16,
});

flags!(TransferFlags {
    LINKED = 1,
    PENDING = 2,
    POST_PENDING_TRANSFER = 4,
    VOID_PENDING_TRANSFER = 8,
    BALANCING_DEBIT = 16,
    BALANCING_CREDIT = 32,
    CLOSING_DEBIT = 64,
    CLOSING_CREDIT = 128,
});

/// A balance in one currency (`ledger`). Balances only change through transfers.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Account {
    pub id: u128,
    pub debits_pending: u128,
    pub debits_posted: u128,
    pub credits_pending: u128,
    pub credits_posted: u128,
    pub user_data_128: u128,
    pub user_data_64: u64,
    pub user_data_32: u32,
    pub ledger: u32,
    pub code: u16,
    pub flags: AccountFlags,
    pub timestamp: u64,
}

/// Bounded UTF-8 text attached to a transfer (invoice number, memo). Empty costs nothing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Reference(Option<Box<str>>);

/// A reference longer than [`REFERENCE_MAX`] bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceError {
    pub bytes: usize,
}

impl std::fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "reference is {} bytes; at most {REFERENCE_MAX} allowed",
            self.bytes
        )
    }
}

impl std::error::Error for ReferenceError {}

impl Reference {
    pub fn new(text: &str) -> Result<Reference, ReferenceError> {
        if text.len() > REFERENCE_MAX {
            return Err(ReferenceError { bytes: text.len() });
        }
        Ok(Reference(if text.is_empty() {
            None
        } else {
            Some(text.into())
        }))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

/// One movement of `amount` from a debit account to a credit account of the same ledger.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Transfer {
    pub id: u128,
    pub debit_account_id: u128,
    pub credit_account_id: u128,
    pub amount: u128,
    pub pending_id: u128,
    pub user_data_128: u128,
    pub user_data_64: u64,
    pub user_data_32: u32,
    /// Seconds a pending transfer may wait before it expires (0 = never).
    pub timeout: u32,
    pub ledger: u32,
    pub code: u16,
    pub flags: TransferFlags,
    pub reference: Reference,
    /// Set by the ledger; must be 0 on input.
    pub timestamp: u64,
}

macro_rules! results {
    ($name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            /// Every result code, in numeric order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The snake_case name, e.g. `exceeds_credits`.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn from_u8(value: u8) -> Option<$name> {
                $name::ALL.get(value as usize).copied()
            }

            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|r| r.name() == name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

results!(CreateAccountResult {
    Ok => "ok",
    LinkedEventFailed => "linked_event_failed",
    LinkedEventChainOpen => "linked_event_chain_open",
    TimestampMustBeZero => "timestamp_must_be_zero",
    ReservedFlag => "reserved_flag",
    IdMustNotBeZero => "id_must_not_be_zero",
    IdMustNotBeIntMax => "id_must_not_be_int_max",
    FlagsAreMutuallyExclusive => "flags_are_mutually_exclusive",
    DebitsPendingMustBeZero => "debits_pending_must_be_zero",
    DebitsPostedMustBeZero => "debits_posted_must_be_zero",
    CreditsPendingMustBeZero => "credits_pending_must_be_zero",
    CreditsPostedMustBeZero => "credits_posted_must_be_zero",
    LedgerMustNotBeZero => "ledger_must_not_be_zero",
    CodeMustNotBeZero => "code_must_not_be_zero",
    ExistsWithDifferentFlags => "exists_with_different_flags",
    ExistsWithDifferentUserData128 => "exists_with_different_user_data_128",
    ExistsWithDifferentUserData64 => "exists_with_different_user_data_64",
    ExistsWithDifferentUserData32 => "exists_with_different_user_data_32",
    ExistsWithDifferentLedger => "exists_with_different_ledger",
    ExistsWithDifferentCode => "exists_with_different_code",
    Exists => "exists",
});

results!(CreateTransferResult {
    Ok => "ok",
    LinkedEventFailed => "linked_event_failed",
    LinkedEventChainOpen => "linked_event_chain_open",
    TimestampMustBeZero => "timestamp_must_be_zero",
    ReservedFlag => "reserved_flag",
    IdMustNotBeZero => "id_must_not_be_zero",
    IdMustNotBeIntMax => "id_must_not_be_int_max",
    FlagsAreMutuallyExclusive => "flags_are_mutually_exclusive",
    DebitAccountIdMustNotBeZero => "debit_account_id_must_not_be_zero",
    DebitAccountIdMustNotBeIntMax => "debit_account_id_must_not_be_int_max",
    CreditAccountIdMustNotBeZero => "credit_account_id_must_not_be_zero",
    CreditAccountIdMustNotBeIntMax => "credit_account_id_must_not_be_int_max",
    AccountsMustBeDifferent => "accounts_must_be_different",
    PendingIdMustBeZero => "pending_id_must_be_zero",
    PendingIdMustNotBeZero => "pending_id_must_not_be_zero",
    PendingIdMustNotBeIntMax => "pending_id_must_not_be_int_max",
    PendingIdMustBeDifferent => "pending_id_must_be_different",
    TimeoutReservedForPendingTransfer => "timeout_reserved_for_pending_transfer",
    AmountMustNotBeZero => "amount_must_not_be_zero",
    LedgerMustNotBeZero => "ledger_must_not_be_zero",
    CodeMustNotBeZero => "code_must_not_be_zero",
    DebitAccountNotFound => "debit_account_not_found",
    CreditAccountNotFound => "credit_account_not_found",
    AccountsMustHaveTheSameLedger => "accounts_must_have_the_same_ledger",
    TransferMustHaveTheSameLedgerAsAccounts => "transfer_must_have_the_same_ledger_as_accounts",
    PendingTransferNotFound => "pending_transfer_not_found",
    PendingTransferNotPending => "pending_transfer_not_pending",
    PendingTransferHasDifferentDebitAccountId => "pending_transfer_has_different_debit_account_id",
    PendingTransferHasDifferentCreditAccountId => "pending_transfer_has_different_credit_account_id",
    PendingTransferHasDifferentLedger => "pending_transfer_has_different_ledger",
    PendingTransferHasDifferentCode => "pending_transfer_has_different_code",
    ExceedsPendingTransferAmount => "exceeds_pending_transfer_amount",
    PendingTransferHasDifferentAmount => "pending_transfer_has_different_amount",
    PendingTransferAlreadyPosted => "pending_transfer_already_posted",
    PendingTransferAlreadyVoided => "pending_transfer_already_voided",
    PendingTransferExpired => "pending_transfer_expired",
    ExistsWithDifferentFlags => "exists_with_different_flags",
    ExistsWithDifferentDebitAccountId => "exists_with_different_debit_account_id",
    ExistsWithDifferentCreditAccountId => "exists_with_different_credit_account_id",
    ExistsWithDifferentAmount => "exists_with_different_amount",
    ExistsWithDifferentPendingId => "exists_with_different_pending_id",
    ExistsWithDifferentUserData128 => "exists_with_different_user_data_128",
    ExistsWithDifferentUserData64 => "exists_with_different_user_data_64",
    ExistsWithDifferentUserData32 => "exists_with_different_user_data_32",
    ExistsWithDifferentTimeout => "exists_with_different_timeout",
    ExistsWithDifferentCode => "exists_with_different_code",
    ExistsWithDifferentReference => "exists_with_different_reference",
    Exists => "exists",
    OverflowsDebitsPending => "overflows_debits_pending",
    OverflowsCreditsPending => "overflows_credits_pending",
    OverflowsDebitsPosted => "overflows_debits_posted",
    OverflowsCreditsPosted => "overflows_credits_posted",
    OverflowsDebits => "overflows_debits",
    OverflowsCredits => "overflows_credits",
    OverflowsTimeout => "overflows_timeout",
    ExceedsCredits => "exceeds_credits",
    ExceedsDebits => "exceeds_debits",
    DebitAccountAlreadyClosed => "debit_account_already_closed",
    CreditAccountAlreadyClosed => "credit_account_already_closed",
    ExistsWithDifferentLedger => "exists_with_different_ledger",
});

/// Filter for [`crate::Ledger::account_transfers`] and [`crate::Ledger::account_balances`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountFilter {
    pub account_id: u128,
    /// Inclusive bounds; 0 = unbounded.
    pub timestamp_min: u64,
    pub timestamp_max: u64,
    pub limit: u32,
    /// Include transfers where the account is debited / credited.
    pub debits: bool,
    pub credits: bool,
    /// Newest first.
    pub reversed: bool,
}

/// An account's balances right after one of its transfers (accounts with `HISTORY`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountBalance {
    pub debits_pending: u128,
    pub debits_posted: u128,
    pub credits_pending: u128,
    pub credits_posted: u128,
    pub timestamp: u64,
}
