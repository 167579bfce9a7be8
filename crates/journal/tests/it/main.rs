//! The journal codec against arbitrary input: every batch round-trips exactly, and decoding
//! any bytes at all returns a value or an error, never a panic.

use journal::codec::{decode_accounts, decode_transfers, encode_accounts, encode_transfers};
use ledger::{Account, AccountFlags, Reference, Transfer, TransferFlags};
use proptest::prelude::*;

fn edge_u128() -> impl Strategy<Value = u128> {
    prop_oneof![
        Just(0u128),
        Just(1),
        Just(u128::MAX),
        Just(u128::MAX - 1),
        Just(1 << 64),
        any::<u128>(),
        0u128..1000
    ]
}

prop_compose! {
    fn transfer()(id in edge_u128(), debit in edge_u128(), credit in edge_u128(), amount in edge_u128(),
                  pending_id in edge_u128(), ud128 in edge_u128(), ud64 in any::<u64>(), ud32 in any::<u32>(),
                  timeout in any::<u32>(), ledger in any::<u32>(), code in any::<u16>(), flags in any::<u16>(),
                  reference in "[a-zA-Z0-9 /-]{0,20}", timestamp in prop_oneof![Just(0u64), any::<u64>()]) -> Transfer {
        Transfer { id, debit_account_id: debit, credit_account_id: credit, amount, pending_id,
                   user_data_128: ud128, user_data_64: ud64, user_data_32: ud32, timeout, ledger, code,
                   flags: TransferFlags(flags), reference: Reference::new(&reference).unwrap(), timestamp }
    }
}

prop_compose! {
    fn account()(id in edge_u128(), ledger in any::<u32>(), code in any::<u16>(), flags in any::<u16>(),
                 ud128 in edge_u128(), ud64 in any::<u64>(), ud32 in any::<u32>(),
                 balances in prop_oneof![Just([0u128; 4]), any::<[u128; 4]>()]) -> Account {
        Account { id, ledger, code, flags: AccountFlags(flags), user_data_128: ud128, user_data_64: ud64,
                  user_data_32: ud32, debits_pending: balances[0], debits_posted: balances[1],
                  credits_pending: balances[2], credits_posted: balances[3], timestamp: 0 }
    }
}

proptest! {
    #[test]
    fn transfers_round_trip(batch in prop::collection::vec(transfer(), 0..40)) {
        let mut bytes = Vec::new();
        encode_transfers(&batch, &mut bytes);
        prop_assert_eq!(decode_transfers(&bytes).unwrap(), batch);
    }

    #[test]
    fn accounts_round_trip(batch in prop::collection::vec(account(), 0..40)) {
        let mut bytes = Vec::new();
        encode_accounts(&batch, &mut bytes);
        prop_assert_eq!(decode_accounts(&bytes).unwrap(), batch);
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode_transfers(&bytes);
        let _ = decode_accounts(&bytes);
    }

    #[test]
    fn truncation_is_an_error(batch in prop::collection::vec(transfer(), 1..10), cut in any::<prop::sample::Index>()) {
        let mut bytes = Vec::new();
        encode_transfers(&batch, &mut bytes);
        let cut = cut.index(bytes.len());
        prop_assert!(decode_transfers(&bytes[..cut]).is_err());
    }
}

#[test]
fn errors_name_the_event_and_field() {
    let error = decode_transfers(&[2, 2, 5]).unwrap_err();
    assert_eq!(
        (error.event, error.field),
        (0, "credit_account_id"),
        "{error}"
    );
    let error = decode_transfers(&[0, 9]).unwrap_err();
    assert!(error.to_string().contains("trailing"), "{error}");
    let error = decode_transfers(&[0xff, 0xff, 0x03]).unwrap_err();
    assert!(error.to_string().contains("BATCH_MAX"), "{error}");
}
